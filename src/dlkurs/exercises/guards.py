"""Enforcing a task's instruction ("schreib es selbst mit Schleifen") by behaviour and, where
nothing else works, by reading the learner's source.

Two tools, used together by :class:`~dlkurs.exercises.functions.FunctionExercise`
(``forbid=[...]``) and available to custom checks:

- :func:`guarded` wraps an array so that ``a @ b``, ``np.dot``, ``np.matmul``,
  ``np.einsum``, ``np.tensordot``, ``np.inner`` and ``np.vdot`` on it raise
  :class:`InstructionViolated` – a learner's function that takes the shortcut
  fails although it returns the right numbers;
- :func:`forbidden_uses` reads a function's source (a Jupyter cell's source is
  available to :mod:`inspect`) and lists the forbidden operators and calls it
  contains, e.g. ``sklearn.metrics.accuracy_score`` where the task says
  "berechne die Genauigkeit selbst", or ``tf.matmul`` that a guarded NumPy
  array cannot see.
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

#: NumPy functions that compute a matrix or dot product in one call.
PRODUCT_FUNCTIONS = ("dot", "matmul", "einsum", "tensordot", "inner", "vdot", "multi_dot")


class InstructionViolated(BaseException):  # noqa: N818 - reads like a verdict
    """The learner's code used what the task forbids.

    A ``BaseException``, so that an ``except Exception`` in learner code
    cannot swallow it.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GuardedArray(np.ndarray):
    """An array whose matrix and dot products raise :class:`InstructionViolated`."""

    _guard_reason = "Die Aufgabe verlangt, das Produkt selbst mit Schleifen zu berechnen"

    def __array_finalize__(self, obj: Any) -> None:
        if obj is not None:
            self._guard_reason = getattr(obj, "_guard_reason", GuardedArray._guard_reason)

    def _refuse(self, what: str) -> InstructionViolated:
        return InstructionViolated(f"{self._guard_reason} – deine Funktion benutzt {what}")

    def __matmul__(self, other: Any) -> Any:
        raise self._refuse("den Operator @")

    def __rmatmul__(self, other: Any) -> Any:
        raise self._refuse("den Operator @")

    def __imatmul__(self, other: Any) -> Any:
        raise self._refuse("den Operator @")

    def dot(self, *args: Any, **kwargs: Any) -> Any:
        raise self._refuse(".dot(...)")

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if ufunc is np.matmul:
            raise self._refuse("np.matmul")
        plain = [np.asarray(x) if isinstance(x, GuardedArray) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(x) if isinstance(x, GuardedArray) else x for x in kwargs["out"])
        result = getattr(ufunc, method)(*plain, **kwargs)
        return result

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        name = getattr(func, "__name__", "")
        if name in PRODUCT_FUNCTIONS:
            raise self._refuse(f"np.{name}")
        plain_types = tuple(np.ndarray if t is GuardedArray else t for t in types)
        return super().__array_function__(func, plain_types, _unwrap(args), _unwrap(kwargs))


def _unwrap(value: Any) -> Any:
    if isinstance(value, GuardedArray):
        return value.view(np.ndarray)
    if isinstance(value, tuple):
        return tuple(_unwrap(v) for v in value)
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    if isinstance(value, dict):
        return {k: _unwrap(v) for k, v in value.items()}
    return value


def guarded(array: Any, reason: str | None = None) -> GuardedArray:
    """A copy of ``array`` whose matrix/dot products raise :class:`InstructionViolated`."""
    out = np.array(array).view(GuardedArray)
    if reason:
        out._guard_reason = reason
    return out


def function_source(fn: Callable[..., Any]) -> str | None:
    """The source of ``fn`` (dedented), or None where Python cannot find it.

    A function graded in a learner's sandboxed kernel (``dlkurs grade``) carries
    the source the kernel reported as ``__dlkurs_source__``.
    """
    reported = getattr(fn, "__dlkurs_source__", None)
    if isinstance(reported, str):
        return textwrap.dedent(reported)
    try:
        return textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):
        return None


def forbidden_uses(fn: Callable[..., Any], names: Iterable[str]) -> list[str] | None:
    """The forbidden operators and calls in ``fn``'s source, in order of appearance.

    names: ``"@"`` for the matrix-product operator; any other name matches a
    call or attribute of that name (``"dot"`` finds ``np.dot(a, b)`` and
    ``a.dot(b)``; ``"accuracy_score"`` finds ``accuracy_score(y, p)`` and
    ``metrics.accuracy_score``) and an import of it.
    A forbidden library function passed as the answer itself
    (``.check(accuracy_score)``, ``functools.partial(np.dot)``) is found by its name.
    Returns None when the source cannot be read (then only behaviour counts).
    """
    wanted = set(names)
    target = fn
    while isinstance(target, functools.partial):
        target = target.func
    own_name = getattr(target, "__name__", None)
    if isinstance(own_name, str) and own_name in wanted and _is_library_function(target):
        return [own_name]
    source = function_source(fn)
    if source is None:
        return None
    try:
        tree = ast.parse(source)
    except SyntaxError:
        # a lambda inside a larger expression: inspect gives the whole line
        try:
            tree = ast.parse(source.strip().rstrip(",)"), mode="exec")
        except SyntaxError:
            return None
    found: list[str] = []
    for node in ast.walk(tree):
        if "@" in wanted and isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            found.append("den Operator @")
        elif isinstance(node, ast.Attribute) and node.attr in wanted:
            found.append(f"{_dotted(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in wanted:
            found.append(node.func.id)  # a call, not a variable that happens to have the name
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name.split(".")[-1] in wanted:
                    found.append(alias.name)
    return list(dict.fromkeys(found))


#: Top-level packages whose functions are "fertige Funktionen" when passed as the answer itself.
LIBRARIES = ("numpy", "scipy", "sklearn", "keras", "tensorflow", "jax", "jaxlib", "torch", "pandas", "math")


def _is_library_function(fn: Any) -> bool:
    """Whether ``fn`` comes from a library (or is built in), not from the learner's or the lesson's own code."""
    if hasattr(fn, "__dlkurs_source__"):  # a learner's function, graded in its kernel
        return False
    module = getattr(fn, "__module__", None) or ""
    if module.split(".")[0] in LIBRARIES or module.startswith(("dlkurs.scratch", "dlkurs.kit")):
        return True
    return not hasattr(fn, "__code__") and module not in ("__main__",)


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts)) or "?"


__all__ = ["GuardedArray", "InstructionViolated", "PRODUCT_FUNCTIONS", "forbidden_uses", "function_source", "guarded"]

"""Exercises whose answer is a function: test cases, edge cases, no mutation, time limit."""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dlkurs.exercises.compare import Options, clean, compare_values, is_pandas, short
from dlkurs.exercises.exercise import Exercise, Right, Wrong
from dlkurs.exercises.guards import GuardedArray, InstructionViolated, forbidden_uses
from dlkurs.exercises.placeholder import PlaceholderError, contains_placeholder, references_placeholder
from dlkurs.exercises.timelimit import TimeLimitExceeded, call_with_time_limit
from dlkurs.exercises.verdict import Falsch, NotAttempted

_UNSET = object()


class Case:
    """One call of the learner's function: ``Case(*args, **kwargs)``.

    The expected outcome is the reference implementation's result unless
    set with ``.returns(value)``; ``.raises(ValueError)`` expects an error;
    ``.named("leere Liste")`` labels the case in messages (edge cases).

    >>> Case([3, 1, 2]).returns([1, 2, 3]).named("unsortiert")
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.expected: Any = _UNSET
        self.error: type[BaseException] | tuple[type[BaseException], ...] | None = None
        self.label: str | None = None

    def returns(self, value: Any) -> Case:
        self.expected = value
        return self

    def raises(self, error: type[BaseException] | tuple[type[BaseException], ...]) -> Case:
        self.error = error
        return self

    def named(self, label: str) -> Case:
        self.label = label
        return self

    def describe(self, fn: Any = None) -> str:
        name = getattr(fn, "__name__", "f") if fn is not None else "f"
        if not isinstance(name, str) or not name.isidentifier():
            name = "f"
        parts = [short(a, 40) for a in self.args] + [f"{k}={short(v, 40)}" for k, v in self.kwargs.items()]
        text = f"{name}({', '.join(parts)})"
        return f"{text} [{self.label}]" if self.label else text

    def __repr__(self) -> str:
        return f"Case{self.describe()[1:]}"


def _comparable(value: Any, depth: int = 0) -> bool:
    """Whether a change of ``value`` can be detected by comparing it with a copy."""
    if isinstance(value, np.ndarray) and value.dtype == object:  # ragged sequences, e.g. imdb_sequences
        return depth < 3 and value.size <= 100_000 and all(_comparable(v, depth + 1) for v in value.flat)
    if value is None or isinstance(value, (numbers.Number, str, bytes, np.ndarray)) or is_pandas(value):
        return True
    if depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        return all(_comparable(v, depth + 1) for v in value)
    if depth < 3 and isinstance(value, dict):
        return all(_comparable(v, depth + 1) for v in value.values())
    return False


def _changed(now: Any, before: Any, strict: Options) -> bool:
    """Whether an argument differs from its pristine copy (object arrays element by element)."""
    if isinstance(before, np.ndarray) and before.dtype == object:
        if not isinstance(now, np.ndarray) or now.shape != before.shape:
            return True
        return any(_changed(a, b, strict) for a, b in zip(now.flat, before.flat))
    return compare_values(now, before, strict) is not None


def _error_names(error: Any) -> str:
    if isinstance(error, tuple):
        return " oder ".join(e.__name__ for e in error)
    return error.__name__


def call_answer(fn: Any, *args: Any, timeout: float = 5.0, **kwargs: Any) -> Any:
    """Call a learner's ``fn`` safely: a German :class:`Falsch` if it fails or hangs.

    For custom checks: ``ergebnis = call_answer(f, x, timeout=2)``.
    """
    call = Case(*args, **kwargs)
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)}")
    if references_placeholder(fn):
        raise NotAttempted()
    try:
        result = call_with_time_limit(lambda: fn(*args, **kwargs), timeout)
        if contains_placeholder(result):
            raise NotAttempted()
        return result
    except (PlaceholderError, NotAttempted):
        raise NotAttempted() from None
    except TimeLimitExceeded as err:
        raise Falsch(_timeout_message(err, call.describe(fn))) from None
    except KeyboardInterrupt:
        raise
    except BaseException as err:
        raise Falsch(f"Funktion löst für Eingabe {call.describe(fn)} {type(err).__name__} aus: {clean(err, 150)}") from None


def _timeout_message(err: TimeLimitExceeded, call: str) -> str:
    text = f"Zeitlimit von {err.seconds:g} s überschritten für Eingabe {call} – eine Endlosschleife?"
    if err.abandoned:
        text += " (Die Funktion läuft im Hintergrund weiter; starte notfalls den Kernel neu.)"
    return text


class FunctionExercise(Exercise):
    """The answer is a function; it is called on test cases.

    cases: the calls (:class:`Case`), including edge cases.
    reference: the correct implementation; gives the expected result of every
        case without ``.returns(...)`` and is the harness's reference answer.
    timeout: seconds one call may take.
    rtol, atol, check_dtype, strict_type, accept_lists: how results are compared
        (see :class:`~dlkurs.exercises.values.ValueExercise`).

    forbid: what the task's text forbids: ``"@"`` (the operator) and names of
        functions (``"dot"``, ``"matmul"``, ``"accuracy_score"``). Enforced by
        behaviour – with ``"@"``, ``"dot"`` or ``"matmul"`` every array argument is
        :func:`~dlkurs.exercises.guards.guarded`, so a shortcut raises – and by
        reading the function's source where Python has it.
    forbid_reason: the German instruction, e.g. "Die Aufgabe verlangt Schleifen".

    The learner's function gets deep copies of the inputs; if it changes them,
    the verdict says so.

    Example::

        relu = FunctionExercise(
            title="ReLU selbst schreiben",
            reference=lambda x: np.maximum(x, 0.0),
            cases=[Case(np.array([-1.0, 2.0])), Case(np.zeros((2, 3))).named("nur Nullen")],
            wrong=[Wrong(lambda x: x, expect="Wert an Index"), Wrong(lambda x: np.maximum(x, 0, out=x), expect="verändert")],
        )
    """

    def __init__(
        self,
        *,
        title: str,
        cases: Sequence[Case],
        reference: Callable[..., Any] | None = None,
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        timeout: float = 5.0,
        rtol: float = 1e-5,
        atol: float = 1e-8,
        check_dtype: bool = False,
        strict_type: bool = False,
        accept_lists: bool = False,
        solution: str | None = None,
        alternatives: Sequence[Right] = (),
        forbid: Sequence[str] = (),
        forbid_reason: str = "Die Aufgabe verlangt, es selbst zu schreiben",
    ) -> None:
        cases = list(cases)
        if not cases:
            raise ValueError("FunctionExercise needs at least one Case(...).")
        for case in cases:
            if not isinstance(case, Case):
                raise TypeError(f"cases=[...] takes Case(...) items. Received: {case!r}")
            if case.expected is _UNSET and case.error is None and reference is None:
                raise ValueError(f"{case!r} has no expected result: give reference=... or Case(...).returns(value).")
        super().__init__(
            title=title,
            hints=hints,
            wrong=wrong,
            solution=solution,
            alternatives=alternatives,
            **({} if reference is None else {"reference": reference}),
        )
        self.cases = cases
        self._reference_fn = reference
        self.timeout = timeout
        self.options = Options(
            rtol=rtol, atol=atol, check_dtype=check_dtype, strict_type=strict_type, accept_lists=accept_lists
        )
        self._expected_cache: dict[int, Any] = {}
        self.forbid = tuple(forbid)
        self.forbid_reason = forbid_reason
        self._guard = bool(set(self.forbid) & {"@", "dot", "matmul"})

    @property
    def reference_fn(self) -> Callable[..., Any] | None:
        """The correct implementation (built from the lesson's solution for ``from_solution()``)."""
        if self._reference_fn is None or callable(self._reference_fn):
            return self._reference_fn
        return self.reference()

    def _expected(self, index: int, case: Case) -> Any:
        if case.expected is not _UNSET:
            return case.expected
        if index not in self._expected_cache:
            self._expected_cache[index] = self.reference_fn(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        return self._expected_cache[index]

    def _judge(self, fn: Any) -> str | None:
        if not callable(fn):
            tip = ""
            if fn is None or not isinstance(fn, type):
                tip = " – übergib die Funktion selbst, ohne Klammern: .check(meine_funktion)"
            return f"Erwartet wird eine Funktion, erhalten: {short(fn)}{tip}"
        if self.forbid:
            used = forbidden_uses(fn, self.forbid)
            if used:
                return f"{self.forbid_reason} – deine Funktion benutzt {', '.join(used)}"
        for index, case in enumerate(self.cases):
            reason = self._run_case(fn, index, case)
            if reason:
                return reason
        return None

    def _run_case(self, fn: Any, index: int, case: Case) -> str | None:
        call = case.describe(fn)
        try:
            given_args, given_kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
            pristine_args, pristine_kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        except Exception:  # inputs that cannot be copied: pass them, skip the mutation check
            given_args, given_kwargs, pristine_args, pristine_kwargs = case.args, case.kwargs, (), {}
        call_args, call_kwargs = given_args, given_kwargs
        if self._guard:  # views: a change of the argument still shows in given_args
            call_args = tuple(self._guarded(a) for a in given_args)
            call_kwargs = {k: self._guarded(v) for k, v in given_kwargs.items()}
        try:
            result = call_with_time_limit(lambda: fn(*call_args, **call_kwargs), self.timeout)
        except (PlaceholderError, NotAttempted):
            raise NotAttempted() from None
        except InstructionViolated as err:
            return err.reason
        except TimeLimitExceeded as err:
            return _timeout_message(err, call)
        except KeyboardInterrupt:
            raise
        except BaseException as err:
            if case.error is not None and isinstance(err, case.error):
                return self._mutation(given_args, given_kwargs, pristine_args, pristine_kwargs, call)
            message = f"Funktion löst für Eingabe {call} {type(err).__name__} aus: {clean(err, 150)}"
            if case.error is not None:
                message += f" – erwartet war {_error_names(case.error)}"
            return message
        if contains_placeholder(result):
            raise NotAttempted()
        if isinstance(result, GuardedArray):  # e.g. np.zeros_like(a) of a guarded argument
            result = result.view(np.ndarray)
        if case.error is not None:
            return (
                f"Für Eingabe {call} sollte die Funktion {_error_names(case.error)} auslösen, "
                f"gibt aber {short(result)} zurück"
            )
        expected = self._expected(index, case)
        if result is None and expected is not None:
            return f"Für Eingabe {call} gibt die Funktion None zurück – fehlt ein return?"
        reason = compare_values(result, expected, self.options)
        if reason:
            return f"Für Eingabe {call}: {reason}"
        return self._mutation(given_args, given_kwargs, pristine_args, pristine_kwargs, call)

    def _guarded(self, value: Any) -> Any:
        if isinstance(value, np.ndarray) and value.dtype != object:
            view = value.view(GuardedArray)
            view._guard_reason = self.forbid_reason
            return view
        return value

    def _mutation(self, args: tuple, kwargs: dict, pristine_args: tuple, pristine_kwargs: dict, call: str) -> str | None:
        strict = Options(rtol=0.0, atol=0.0, check_dtype=True, strict_type=True)
        for position, (now, before) in enumerate(zip(args, pristine_args), start=1):
            if _comparable(before) and _changed(now, before, strict):
                return (
                    f"Die Funktion verändert ihre Eingabe (Argument {position}) bei {call} – "
                    "arbeite auf einer Kopie (z. B. x = x.copy()) statt das Argument zu ändern"
                )
        for key, before in pristine_kwargs.items():
            if _comparable(before) and _changed(kwargs[key], before, strict):
                return f"Die Funktion verändert ihre Eingabe {key}= bei {call} – arbeite auf einer Kopie"
        return None


__all__ = ["Case", "FunctionExercise", "call_answer"]

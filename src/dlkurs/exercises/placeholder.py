"""The placeholder ``___`` that student notebooks contain instead of solutions.

Every exercise check recognises it (also inside tuples, lists and dicts, and as
the return value of a function) and answers "noch nicht bearbeitet". Using it
in a computation raises a German error that says what to do.
"""

from __future__ import annotations

from typing import Any, NoReturn

_MESSAGE = (
    "Hier steht noch der Platzhalter ___. Ersetze ihn durch deine Lösung "
    "und führe die Zelle erneut aus."
)


class PlaceholderError(TypeError):
    """Raised when the placeholder is used as if it were a value."""

    def __init__(self) -> None:
        super().__init__(_MESSAGE)


class PlaceholderAttributeError(AttributeError):
    """Raised on attribute access, so that ``hasattr(___, x)`` stays False."""

    def __init__(self) -> None:
        super().__init__(_MESSAGE)


class Placeholder:
    """The type of ``___``; there is exactly one instance."""

    _instance: Placeholder | None = None

    def __new__(cls) -> Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "___"

    def __bool__(self) -> NoReturn:
        raise PlaceholderError()

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise PlaceholderAttributeError()

    def __call__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PlaceholderError()

    def __array__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PlaceholderError()

    def __iter__(self) -> NoReturn:
        raise PlaceholderError()

    def __len__(self) -> NoReturn:
        raise PlaceholderError()

    def __getitem__(self, key: Any) -> NoReturn:
        raise PlaceholderError()

    def __setitem__(self, key: Any, value: Any) -> NoReturn:
        raise PlaceholderError()

    def __delitem__(self, key: Any) -> NoReturn:
        raise PlaceholderError()

    def __contains__(self, item: Any) -> NoReturn:
        raise PlaceholderError()

    def __float__(self) -> NoReturn:
        raise PlaceholderError()

    def __int__(self) -> NoReturn:
        raise PlaceholderError()

    def __index__(self) -> NoReturn:
        raise PlaceholderError()

    def __copy__(self) -> Placeholder:
        return self

    def __deepcopy__(self, memo: Any) -> Placeholder:
        return self

    def __reduce__(self) -> str:
        return "___"


def _raise(self: Placeholder, *args: Any) -> NoReturn:
    raise PlaceholderError()


for _op in (
    "add sub mul truediv floordiv mod pow matmul and or xor lshift rshift "
    "lt le gt ge neg pos abs invert"
).split():
    setattr(Placeholder, f"__{_op}__", _raise)
    if _op not in {"lt", "le", "gt", "ge", "neg", "pos", "abs", "invert"}:
        setattr(Placeholder, f"__r{_op}__", _raise)

#: The placeholder itself. Student notebooks import it: ``from dlkurs.exercises import ___``.
___ = Placeholder()


def references_placeholder(fn: Any) -> bool:
    """True when the code of function ``fn`` (or of a function nested in it) names ``___``.

    A learner's function with a line like ``p = ___`` or a bare ``___`` may run
    without touching the placeholder's value; its code still names it.
    """
    code = getattr(fn, "__code__", None)
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        if "___" in current.co_names:
            return True
        stack.extend(c for c in current.co_consts if hasattr(c, "co_names"))
    return False


def contains_placeholder(value: Any, _depth: int = 0) -> bool:
    """True when ``value`` is ``___``, holds it in a (small) tuple, list or dict,
    or is a function whose code still names ``___``."""
    if isinstance(value, Placeholder):
        return True
    if callable(value) and references_placeholder(value):
        return True
    if _depth > 3:
        return False
    if isinstance(value, (tuple, list)) and len(value) <= 100:
        return any(contains_placeholder(v, _depth + 1) for v in value)
    if isinstance(value, dict) and len(value) <= 100:
        return any(contains_placeholder(v, _depth + 1) for v in value.values())
    return False

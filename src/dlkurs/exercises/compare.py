"""Compare a learner's answer with the expected value and say *what* differs.

:func:`compare_values` returns ``None`` when the answer matches, else one
German sentence such as ``"Form (3, 4) statt (4, 3)"``,
``"dtype int64 statt float32"`` or
``"Wert an Index (1, 2) falsch: 0.5 statt 0.25"``. It never prints a whole
array and accepts tensors of any Keras backend (converted with
``keras.ops.convert_to_numpy`` or ``np.asarray``; no private attributes).
"""

from __future__ import annotations

import math
import numbers
import re
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlkurs.exercises.placeholder import Placeholder, PlaceholderError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Mismatch(Exception):
    """Internal: raised while comparing; carries the reason."""


@dataclass(frozen=True)
class Options:
    """How strictly :func:`compare_values` compares.

    rtol, atol: tolerances for floating-point values (as in ``np.isclose``);
        integers are always compared exactly.
    check_dtype: arrays must have exactly the expected dtype.
    strict_type: containers must have the expected type (``list`` vs ``tuple``).
    accept_lists: where an array is expected, accept a (nested) list or tuple.
    reveal: messages may show the expected value; otherwise "zu groß"/"zu klein".
    what: the noun for a whole value in messages ("Wert", "Form", …).
    """

    rtol: float = 1e-5
    atol: float = 1e-8
    check_dtype: bool = False
    strict_type: bool = False
    accept_lists: bool = False
    reveal: bool = True
    what: str | None = None


# -- describing values briefly ---------------------------------------------------------


def type_name(value: Any) -> str:
    """A short, recognisable type name: ``int``, ``numpy.ndarray``, ``tensorflow.Tensor``."""
    cls = type(value)
    module = cls.__module__ or ""
    top = module.split(".")[0]
    if top == "builtins":
        return cls.__name__
    if top == "numpy":
        return f"numpy.{cls.__name__}"
    if top in ("jax", "jaxlib"):
        return "jax.Array"
    if top == "tensorflow":
        return "tensorflow.Tensor" if "Tensor" in cls.__name__ else f"tensorflow.{cls.__name__}"
    if top == "keras":
        return f"keras.{cls.__name__}"
    if top in ("torch",):
        return f"torch.{cls.__name__}"
    return cls.__name__


_NUMBERS = re.compile(r"\[[\[\]\s\d.eE+\-,…]*\.\.\.[\[\]\s\d.eE+\-,…]*\]|\[\[[\[\]\s\d.eE+\-,]*\]\]")


def clean(text: str, limit: int = 200) -> str:
    """An error text on one short line: no colour codes, no blank lines."""
    text = _ANSI.sub("", str(text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = _NUMBERS.sub("[…]", " ".join(lines))  # arrays that framework errors print
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


def fmt_number(value: Any, digits: int = 8) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value == int(value) and abs(value) < 1e15:
            return f"{value:.1f}"
        return f"{value:.{digits}g}"
    return short(value)


def fmt_pair(a: Any, b: Any) -> tuple[str, str]:
    """Two numbers formatted so that they differ on screen when they differ."""
    for digits in (6, 10, 17):
        sa, sb = fmt_number(a, digits), fmt_number(b, digits)
        if sa != sb:
            return sa, sb
    return sa, sb


def short(value: Any, limit: int = 60) -> str:
    """A brief description of ``value`` that is never long (no whole arrays)."""
    try:
        if isinstance(value, Placeholder):
            return "___"
        if value is None or isinstance(value, (bool, np.bool_)):
            return str(value)
        if isinstance(value, numbers.Number) and not isinstance(value, np.ndarray):
            return fmt_number(value)
        if isinstance(value, str):
            text = repr(value)
            return text if len(text) <= limit else repr(value[: limit - 10])[:-1] + "…'"
        if is_pandas(value):
            if value.ndim == 2:
                return f"DataFrame der Form {shape_text(value.shape)}"
            label = f" '{value.name}'" if value.name is not None else ""
            return f"Series{label} mit {len(value)} Werten ({value.dtype})"
        if is_tensor_like(value):
            arr = to_numpy(value)
            name = "Array" if isinstance(value, np.ndarray) else "Tensor"
            if arr.ndim == 0:
                return f"{name} {fmt_number(arr.item())}"
            if arr.size <= 6 and arr.ndim == 1 and arr.dtype.kind in "biuf":
                inner = ", ".join(fmt_number(v, 6) for v in arr.tolist())
                return f"{name} [{inner}] ({arr.dtype})"
            return f"{name} der Form {shape_text(arr.shape)} ({arr.dtype})"
        if isinstance(value, (list, tuple, set, frozenset, dict)):
            kind = {list: "Liste", tuple: "Tupel", set: "Menge", frozenset: "Menge", dict: "dict"}.get(type(value), type_name(value))
            if len(value) <= 8:
                text = repr(value)
                if len(text) <= limit:
                    return text
            return f"{kind} mit {len(value)} Elementen"
        if callable(value):
            return f"Funktion {getattr(value, '__name__', type_name(value))}"
        text = repr(value)
        if len(text) <= limit and "\n" not in text:
            return text
        return f"Objekt vom Typ {type_name(value)}"
    except PlaceholderError:
        return "___"
    except Exception:
        return f"Objekt vom Typ {type_name(value)}"


def shape_text(shape: Any) -> str:
    dims = tuple(shape)
    if len(dims) == 1:
        return f"({dims[0]},)"
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ")"


def index_text(index: tuple[int, ...]) -> str:
    return str(index[0]) if len(index) == 1 else "(" + ", ".join(str(i) for i in index) + ")"


# -- tensors ---------------------------------------------------------------------------


def _keras_ops():
    """keras.ops if Keras is already imported (a check never imports it just for this)."""
    if "keras" not in sys.modules:
        return None
    try:
        import keras

        return keras
    except Exception:  # pragma: no cover
        return None


def is_pandas(value: Any) -> bool:
    """True for a pandas DataFrame or Series (without importing pandas)."""
    module = type(value).__module__
    return (module == "pandas" or module.startswith("pandas.")) and type(value).__name__ in ("DataFrame", "Series")


def is_tensor_like(value: Any) -> bool:
    """True for NumPy arrays and tensors/variables of any backend (public API only)."""
    if isinstance(value, np.ndarray):
        return True
    if isinstance(value, (Placeholder, str, bytes, list, tuple, dict, set, numbers.Number)):
        return False
    keras = _keras_ops()
    if keras is not None:
        try:
            if keras.ops.is_tensor(value) or isinstance(value, keras.Variable):
                return True
        except Exception:
            pass
    cls = type(value)
    return hasattr(cls, "__array__") and hasattr(value, "shape") and hasattr(value, "dtype")


def to_numpy(value: Any) -> np.ndarray:
    """``value`` as a NumPy array; raises :class:`Mismatch` with a German reason if impossible."""
    if isinstance(value, np.ndarray):
        return value
    keras = _keras_ops()
    try:
        if keras is not None and (keras.ops.is_tensor(value) or isinstance(value, keras.Variable)):
            return np.asarray(keras.ops.convert_to_numpy(value))
        return np.asarray(value)
    except PlaceholderError:
        raise
    except Exception as err:
        if "symbolic" in str(err).lower() or "KerasTensor" in type(value).__name__:
            raise Mismatch(
                "Das ist ein symbolischer Tensor (KerasTensor) ohne Werte – "
                "er beschreibt nur die Form im Modell. Rechne mit echten Daten."
            ) from None
        raise Mismatch(f"{type_name(value)} lässt sich nicht in ein NumPy-Array umwandeln ({clean(err, 120)}).") from None


# -- comparing -------------------------------------------------------------------------


def compare_values(answer: Any, expected: Any, options: Options | None = None, **kwargs: Any) -> str | None:
    """``None`` if ``answer`` matches ``expected``, else the German reason why not.

    >>> compare_values((3, 4), (4, 3))
    'Form (3, 4) statt (4, 3)'

    Raises :class:`~dlkurs.exercises.placeholder.PlaceholderError` when the
    answer turns out to contain the placeholder.
    """
    opts = options or Options(**kwargs)
    try:
        _compare(answer, expected, opts, "")
    except Mismatch as reason:
        return str(reason)
    return None


def _prefix(path: str, text: str) -> str:
    return f"{path}: {text}" if path else text


def _compare(answer: Any, expected: Any, opts: Options, path: str) -> None:
    if isinstance(answer, Placeholder):
        raise PlaceholderError()
    if expected is None:
        if answer is not None:
            raise Mismatch(_prefix(path, f"None erwartet, erhalten: {short(answer)}"))
        return
    if isinstance(expected, (bool, np.bool_)):
        return _compare_bool(answer, bool(expected), opts, path)
    if isinstance(expected, numbers.Number) and not isinstance(expected, np.ndarray):
        return _compare_number(answer, expected, opts, path)
    if isinstance(expected, str):
        return _compare_str(answer, expected, opts, path)
    if isinstance(expected, (tuple, list)):
        return _compare_sequence(answer, expected, opts, path)
    if isinstance(expected, dict):
        return _compare_dict(answer, expected, opts, path)
    if isinstance(expected, (set, frozenset)):
        return _compare_set(answer, expected, opts, path)
    if is_pandas(expected):
        return _compare_pandas(answer, expected, opts, path)
    if is_tensor_like(expected):
        return _compare_array(answer, to_numpy(expected), opts, path)
    try:
        equal = bool(answer == expected)
    except PlaceholderError:
        raise
    except Exception:
        equal = False
    if not equal:
        raise Mismatch(_prefix(path, f"{short(answer)} statt {short(expected)}"))


def _what(opts: Options, default: str = "Wert") -> str:
    return opts.what or default


def _none_hint(path: str, wanted: str) -> Mismatch:
    return Mismatch(
        _prefix(path, f"None statt {wanted} – fehlt eine Zuweisung oder ein return?")
    )


def _compare_bool(answer: Any, expected: bool, opts: Options, path: str) -> None:
    if answer is None:
        raise _none_hint(path, "True/False")
    value = answer
    if is_tensor_like(answer):
        arr = to_numpy(answer)
        if arr.ndim != 0 or arr.dtype.kind != "b":
            raise Mismatch(_prefix(path, f"Ein Wahrheitswert (True/False) erwartet, erhalten: {short(answer)}"))
        value = bool(arr)
    if not isinstance(value, (bool, np.bool_)):
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt bool (True/False erwartet)"))
    if bool(value) != expected:
        raise Mismatch(_prefix(path, f"{_what(opts)} {bool(value)} statt {expected}" if opts.reveal else f"{_what(opts)} {bool(value)} stimmt nicht"))


def _scalar(answer: Any, expected: Any, path: str) -> Any:
    wanted = "int" if isinstance(expected, numbers.Integral) else "float"
    if isinstance(answer, (bool, np.bool_)):
        raise Mismatch(_prefix(path, f"Typ bool statt {wanted} – erwartet ist eine Zahl"))
    if isinstance(answer, numbers.Number):
        return answer
    if answer is None:
        raise _none_hint(path, "einer Zahl")
    if isinstance(answer, str):
        raise Mismatch(_prefix(path, f"Typ str statt {wanted} – gib die Zahl selbst an, nicht als Text ({short(answer)})"))
    if isinstance(answer, (list, tuple, set, dict)):
        kind = {list: "Liste", tuple: "Tupel", set: "Menge", dict: "dict"}.get(type(answer), "Sammlung")
        raise Mismatch(
            _prefix(path, f"Typ {type_name(answer)} statt {wanted} – erwartet ist eine einzelne Zahl, keine {kind} mit {len(answer)} Elementen")
        )
    if is_tensor_like(answer):
        arr = to_numpy(answer)
        if arr.ndim == 0:
            if arr.dtype.kind not in "iufc":
                raise Mismatch(_prefix(path, f"dtype {arr.dtype} statt einer Zahl"))
            return arr.item()
        tip = " – mit .item() oder float(...) wird daraus eine Zahl" if arr.size == 1 else ""
        raise Mismatch(_prefix(path, f"Eine einzelne Zahl erwartet, erhalten: {short(answer)}{tip}"))
    raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt {wanted}"))


def _compare_number(answer: Any, expected: Any, opts: Options, path: str) -> None:
    value = _scalar(answer, expected, path)
    what = _what(opts)
    try:
        if isinstance(value, complex) or isinstance(expected, complex):
            equal = bool(np.isclose(value, expected, rtol=opts.rtol, atol=opts.atol))
            if not equal:
                raise Mismatch(_prefix(path, f"{what} {value} statt {expected}" if opts.reveal else f"{what} {value} stimmt nicht"))
            return
        v, e = float(value), float(expected)
    except (TypeError, ValueError, OverflowError):
        raise Mismatch(_prefix(path, f"{short(answer)} ist keine gültige Zahl")) from None
    if math.isnan(e) and math.isnan(v):
        return
    if math.isnan(v):
        raise Mismatch(_prefix(path, f"{what} ist NaN (keine Zahl) – irgendwo entsteht z. B. 0/0 oder log(0)"))
    if math.isinf(v) and not math.isinf(e):
        raise Mismatch(_prefix(path, f"{what} ist unendlich ({fmt_number(v)}) – ein Überlauf oder eine Division durch 0?"))
    if isinstance(expected, numbers.Integral) and isinstance(value, numbers.Integral):
        equal = int(value) == int(expected)
    elif isinstance(expected, numbers.Integral):
        equal = v == e  # integers are compared exactly, also against a float answer
    else:
        equal = bool(np.isclose(v, e, rtol=opts.rtol, atol=opts.atol, equal_nan=True))
    if equal:
        return
    if opts.reveal:
        sa, sb = fmt_pair(value, expected)
        raise Mismatch(_prefix(path, f"{what} {sa} statt {sb}"))
    direction = "zu groß" if v > e else "zu klein"
    raise Mismatch(_prefix(path, f"{what} {fmt_number(value)} ist {direction}"))


def _compare_str(answer: Any, expected: str, opts: Options, path: str) -> None:
    if answer is None:
        raise _none_hint(path, "eines Textes")
    if not isinstance(answer, str):
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt str (Text)"))
    if answer != expected:
        if answer.strip() == expected.strip():
            raise Mismatch(_prefix(path, "Der Text stimmt bis auf Leerzeichen am Anfang oder Ende"))
        if answer.lower() == expected.lower():
            raise Mismatch(_prefix(path, "Der Text stimmt bis auf Groß- und Kleinschreibung"))
        if opts.reveal:
            raise Mismatch(_prefix(path, f"Text {short(answer)} statt {short(expected)}"))
        raise Mismatch(_prefix(path, f"Text {short(answer)} stimmt nicht"))


def _is_shape_like(values: Any) -> bool:
    return all(v is None or (isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))) for v in values)


def _as_sequence(answer: Any) -> Any:
    """TensorShape and similar shape objects become tuples; other values stay."""
    if isinstance(answer, (tuple, list)) or answer is None or isinstance(answer, (str, bytes, dict)):
        return answer
    if type(answer).__name__ == "TensorShape":
        try:
            return tuple(answer)
        except Exception:
            return answer
    return answer


def _compare_sequence(answer: Any, expected: tuple | list, opts: Options, path: str) -> None:
    answer = _as_sequence(answer)
    expected_type = type_name(expected)
    shape_like = isinstance(expected, tuple) and len(expected) > 0 and _is_shape_like(expected)
    if answer is None:
        raise _none_hint(path, f"eines {'Tupels' if isinstance(expected, tuple) else 'Werts vom Typ list'}")
    if not isinstance(answer, (tuple, list)):
        tip = ""
        if shape_like and is_tensor_like(answer):
            tip = " – für eine Form nimm x.shape, nicht das Array selbst"
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt {expected_type}{tip}"))
    if opts.strict_type and type(answer) is not type(expected):
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt {expected_type}"))
    if shape_like and _is_shape_like(answer):
        if tuple(int(a) if a is not None else None for a in answer) == tuple(expected):
            return
        what = _what(opts, "Form")
        if not opts.reveal:
            raise Mismatch(_prefix(path, f"{what} {shape_text(answer)} stimmt nicht"))
        message = f"{what} {shape_text(answer)} statt {shape_text(expected)}"
        if len(answer) == len(expected) and sorted(answer, key=str) == sorted(expected, key=str):
            message += " – die Zahlen stimmen, aber die Reihenfolge nicht"
        elif len(answer) != len(expected):
            message += f" ({len(answer)} statt {len(expected)} Einträge)"
        raise Mismatch(_prefix(path, message))
    if len(answer) != len(expected):
        raise Mismatch(_prefix(path, f"{len(answer)} Elemente statt {len(expected)}"))
    for i, (a, e) in enumerate(zip(answer, expected)):
        _compare(a, e, opts, _prefix(path, f"Element {i}") if path else f"Element {i}")


def _compare_dict(answer: Any, expected: dict, opts: Options, path: str) -> None:
    if answer is None:
        raise _none_hint(path, "eines dict")
    if not isinstance(answer, dict):
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt dict"))
    missing = [k for k in expected if k not in answer]
    extra = [k for k in answer if k not in expected]
    if missing:
        raise Mismatch(_prefix(path, "Es fehlen die Schlüssel " + ", ".join(short(k, 30) for k in missing[:5])))
    if extra:
        raise Mismatch(_prefix(path, "Unerwartete Schlüssel " + ", ".join(short(k, 30) for k in extra[:5])))
    for key, e in expected.items():
        sub = f"Schlüssel {short(key, 30)}"
        _compare(answer[key], e, opts, _prefix(path, sub) if path else sub)


def _compare_set(answer: Any, expected: set | frozenset, opts: Options, path: str) -> None:
    if answer is None:
        raise _none_hint(path, "einer Menge")
    if not isinstance(answer, (set, frozenset)):
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt set"))
    missing, extra = expected - answer, answer - expected
    if missing:
        raise Mismatch(_prefix(path, f"Es fehlen {len(missing)} Elemente"))
    if extra:
        raise Mismatch(_prefix(path, f"{len(extra)} Elemente zu viel, z. B. {short(next(iter(extra)), 30)}"))


def _compare_pandas(answer: Any, expected: Any, opts: Options, path: str) -> None:
    """DataFrames column by column, Series as one column; index and column names must match."""
    kind = "DataFrame" if expected.ndim == 2 else "Series"
    if answer is None:
        raise _none_hint(path, f"einer {kind}")
    if not is_pandas(answer) or answer.ndim != expected.ndim:
        raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt pandas.{kind}"))
    if kind == "DataFrame":
        got, want = list(answer.columns), list(expected.columns)
        if got != want:
            missing = [c for c in want if c not in got]
            extra = [c for c in got if c not in want]
            detail = "; ".join(
                part for part in (
                    f"es fehlen {missing}" if missing else "",
                    f"zu viel: {extra}" if extra else "",
                    "andere Reihenfolge" if not missing and not extra else "",
                ) if part
            )
            raise Mismatch(_prefix(path, f"Spalten {short(got)} statt {short(want)} ({detail})"))
    if len(answer) != len(expected):
        raise Mismatch(_prefix(path, f"{len(answer)} Zeilen statt {len(expected)}"))
    if not answer.index.equals(expected.index):
        raise Mismatch(_prefix(path, "Der Index (die Zeilenbeschriftung) stimmt nicht – Zeilen verschoben oder neu nummeriert?"))
    columns = [(f"Spalte '{c}'", answer[c], expected[c]) for c in expected.columns] if kind == "DataFrame" else [("Werte", answer, expected)]
    for label, got_col, want_col in columns:
        where = _prefix(path, label)
        want_values, got_values = want_col.to_numpy(), got_col.to_numpy()
        if want_values.dtype.kind in "biuf" and got_values.dtype.kind in "biufc":
            _compare_array(got_values, want_values, opts, where)
            continue
        if opts.check_dtype and got_col.dtype != want_col.dtype:
            raise Mismatch(f"{where}: dtype {got_col.dtype} statt {want_col.dtype}")
        for position, (a, b) in enumerate(zip(got_values, want_values)):
            both_missing = _is_missing(a) and _is_missing(b)
            if not both_missing and not (a == b):
                row = expected.index[position]
                raise Mismatch(f"{where}, Zeile {row!r}: {short(a)} statt {short(b)}")


def _is_missing(value: Any) -> bool:
    try:
        return value is None or bool(value != value)  # NaN, NaT, pd.NA-safe enough
    except Exception:
        return False


def _compare_array(answer: Any, expected: np.ndarray, opts: Options, path: str) -> None:
    if answer is None:
        raise _none_hint(path, "eines Arrays")
    if not is_tensor_like(answer):
        if isinstance(answer, (list, tuple)) and opts.accept_lists:
            pass
        elif isinstance(answer, (list, tuple)):
            raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt numpy.ndarray – mit np.array(...) wird daraus ein Array"))
        elif isinstance(answer, numbers.Number) and expected.ndim > 0:
            raise Mismatch(_prefix(path, f"Eine einzelne Zahl ({short(answer)}) statt eines Arrays der Form {shape_text(expected.shape)}"))
        elif not isinstance(answer, numbers.Number):
            raise Mismatch(_prefix(path, f"Typ {type_name(answer)} statt numpy.ndarray"))
    arr = to_numpy(answer)
    if arr.shape != expected.shape:
        message = f"Form {shape_text(arr.shape)} statt {shape_text(expected.shape)}"
        if arr.ndim == 2 and arr.shape == expected.shape[::-1]:
            message += " – transponiert?"
        elif arr.size == expected.size:
            message += " – gleich viele Werte, aber anders angeordnet (Achsenreihenfolge prüfen)"
        raise Mismatch(_prefix(path, message))
    if opts.check_dtype and arr.dtype != expected.dtype:
        raise Mismatch(_prefix(path, f"dtype {arr.dtype} statt {expected.dtype}"))
    numeric = "biufc"
    if expected.dtype.kind in numeric and arr.dtype.kind not in numeric:
        raise Mismatch(_prefix(path, f"dtype {arr.dtype} statt {expected.dtype} – das Array enthält keine Zahlen"))
    if arr.size == 0:
        return
    try:
        if expected.dtype.kind in numeric:
            if expected.dtype.kind in "biu" or arr.dtype.kind == "b":
                wrong = np.asarray(arr != expected)
            else:
                wrong = ~np.isclose(arr, expected, rtol=opts.rtol, atol=opts.atol, equal_nan=True)
        else:
            wrong = np.asarray(arr != expected)
            if wrong.shape != expected.shape:
                raise TypeError("elementwise comparison failed")
    except PlaceholderError:
        raise
    except Exception:
        raise Mismatch(_prefix(path, f"Die Werte (dtype {arr.dtype}) lassen sich nicht mit den erwarteten vergleichen")) from None
    count = int(np.count_nonzero(wrong))
    if count == 0:
        return
    flat = int(np.flatnonzero(wrong)[0])
    index = tuple(int(i) for i in np.unravel_index(flat, expected.shape))
    got, want = arr[index], expected[index]
    got = got.item() if hasattr(got, "item") else got
    want = want.item() if hasattr(want, "item") else want
    if expected.ndim == 0:
        location = "Wert"
    else:
        location = f"Wert an Index {index_text(index)}"
    if isinstance(got, float) and math.isnan(got):
        message = f"{location} ist NaN (keine Zahl)"
    elif opts.reveal:
        sa, sb = fmt_pair(got, want) if isinstance(got, numbers.Number) else (short(got, 30), short(want, 30))
        message = f"{location} falsch: {sa} statt {sb}"
    else:
        message = f"{location} falsch: {fmt_number(got)}"
    if count > 1:
        message += f" ({count} von {expected.size} Werten weichen ab)"
    raise Mismatch(_prefix(path, message))

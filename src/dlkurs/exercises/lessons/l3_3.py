"""Exercises of lesson 3.3 "Convolutional Neural Networks".

Instructions of the task texts that are enforced: ausgabe_form returns three whole
numbers and honours stride and padding (cases with every combination, strides that
do not divide the size, .5 where round() and ceil differ); conv2d and max_pool are
written by hand – no finished convolution or pooling (SciPy, Keras, the engine), read
from the source – and honour stride/padding/groesse; the kernel is not flipped.
"""

import numbers

import numpy as np

from dlkurs.exercises import (
    Case,
    CustomExercise,
    Falsch,
    FunctionExercise,
    NICHT_BEARBEITET,
    NotAttempted,
    RICHTIG,
    Right,
    Wrong,
    call_answer,
    from_solution,
    short,
)

# ------------------------------------------------------------------ ausgabe_form


def _form_floor(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    if padding == "same":
        return (h // stride, w // stride, (kern * kern * c_in + 1) * filter_anzahl)
    return ((h - kern) // stride + 1, (w - kern) // stride + 1, (kern * kern * c_in + 1) * filter_anzahl)


def _form_ohne_bias(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    if padding == "same":
        return (-(-h // stride), -(-w // stride), kern * kern * c_in * filter_anzahl)
    return ((h - kern) // stride + 1, (w - kern) // stride + 1, kern * kern * c_in * filter_anzahl)


def _form_off_by_one(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    if padding == "same":
        return (-(-h // stride), -(-w // stride), (kern * kern * c_in + 1) * filter_anzahl)
    return ((h - kern) // stride, (w - kern) // stride, (kern * kern * c_in + 1) * filter_anzahl)


def _form_ohne_padding(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    """Ignores padding: always "valid"."""
    return _form_richtig(h, w, c_in, filter_anzahl, kern, stride, "valid")


def _form_ohne_stride(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    """Ignores the stride."""
    return _form_richtig(h, w, c_in, filter_anzahl, kern, 1, padding)


def _form_kommazahl(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    """True division: 26.0 instead of 26 (right where the stride divides)."""
    if padding == "same":
        return (np.ceil(h / stride), np.ceil(w / stride), (kern * kern * c_in + 1) * filter_anzahl)
    return (np.floor((h - kern) / stride) + 1, np.floor((w - kern) / stride) + 1, (kern * kern * c_in + 1) * filter_anzahl)


def _form_gerundet(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    """round() instead of the ceiling for "same": 4.5 rounds to 4, 3.33 to 3."""
    if padding == "same":
        return (round(h / stride), round(w / stride), (kern * kern * c_in + 1) * filter_anzahl)
    return _form_richtig(h, w, c_in, filter_anzahl, kern, stride, padding)


def _form_richtig(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    if padding == "same":
        return (-(-h // stride), -(-w // stride), (kern * kern * c_in + 1) * filter_anzahl)
    return ((h - kern) // stride + 1, (w - kern) // stride + 1, (kern * kern * c_in + 1) * filter_anzahl)


def _form_math(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    """A correct alternative: math.ceil / math.floor of a true division, cast to int."""
    import math

    if padding == "same":
        return (math.ceil(h / stride), math.ceil(w / stride), filter_anzahl * (kern**2 * c_in + 1))
    return (math.floor((h - kern) / stride) + 1, math.floor((w - kern) / stride) + 1, filter_anzahl * (kern**2 * c_in + 1))


_ausgabe_form_cases = FunctionExercise(
    title="Ausgabeform und Parameterzahl einer Conv2D-Schicht (Testfälle)",
    reference=from_solution("ausgabe_form", lesson="3.3"),
    cases=[
        Case(28, 28, 1, 32, 3).named("valid, stride 1"),
        Case(13, 13, 32, 64, 3),
        Case(28, 28, 1, 8, 5, 2).named("valid, stride 2, 23 nicht durch 2 teilbar"),
        Case(28, 28, 3, 16, 3, 1, "same").named("same, stride 1"),
        Case(7, 9, 4, 2, 3, 2, "same").named("same, stride 2: 3,5 und 4,5 aufrunden"),
        Case(10, 6, 2, 3, 2, 3).named("valid, stride 3"),
        Case(10, 10, 3, 8, 3, 3, "same").named("same, stride 3: 3,33 aufrunden"),
        Case(28, 28, 3, 16, 3, stride=2, padding="same").named("stride und padding als Schlüsselwörter"),
    ],
)


def _ganze_zahlen(fn) -> str | None:
    """Sizes and parameter counts are whole numbers: 26.0 is rejected (a layer cannot have 26.0 rows)."""
    for case in ((28, 28, 1, 32, 3), (28, 28, 1, 8, 5, 2), (7, 9, 4, 2, 3, 2, "same")):
        result = call_answer(fn, *case, timeout=5)
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            return None  # the cases say what is wrong
        for name, value in zip(("Höhe", "Breite", "Parameterzahl"), result):
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
                return (f"{name} ist {short(value)} ({type(value).__name__}) – Größen und Parameterzahlen sind ganze "
                        "Zahlen; rechne mit // statt / (oder int(...) nach math.ceil)")
    return None


def _pruefe_ausgabe_form(fn):
    if callable(fn):
        special = _ganze_zahlen(fn)
        if special:
            raise Falsch(special)
    verdict = _ausgabe_form_cases.evaluate(fn)
    if verdict.status == RICHTIG:
        return None
    if verdict.status == NICHT_BEARBEITET:
        raise NotAttempted()
    reason = verdict.message.rstrip(".")
    for variant, message in ((_form_ohne_padding, "padding=\"same\" wird nicht beachtet: Mit Nullen am Rand kommen "
                                                  "⌈h / s⌉ Zeilen heraus"),
                             (_form_ohne_stride, "Der stride wird nicht beachtet: Der Kern springt s Pixel weit"),
                             (_form_gerundet, "Bei \"same\" wird aufgerundet (⌈h / s⌉), nicht gerundet – round(4.5) ist 4")):
        try:
            if all(tuple(call_answer(fn, *c.args, timeout=5, **c.kwargs)) == variant(*c.args, **c.kwargs)
                   for c in _ausgabe_form_cases.cases):
                return f"{reason}. {message}"
        except Exception:
            continue
    return reason


ausgabe_form = CustomExercise(
    title="Ausgabeform und Parameterzahl einer Conv2D-Schicht",
    check=_pruefe_ausgabe_form,
    reference=from_solution(),
    hints=["valid: (h - k) // s + 1; same: ⌈h / s⌉.",
           "Parameter: (k·k·c_in + 1) · filter – das +1 ist der Bias je Filter."],
    wrong=[
        Wrong(_form_ohne_padding, expect="padding=\"same\" wird nicht beachtet", instruction=True),
        Wrong(_form_ohne_stride, expect="stride wird nicht beachtet", instruction=True),
        Wrong(_form_kommazahl, expect="ganze Zahlen"),
        Wrong(_form_gerundet, expect="aufgerundet"),
        Wrong(_form_floor, expect="statt"),
        Wrong(_form_ohne_bias, expect="statt"),
        Wrong(_form_off_by_one, expect="statt"),
    ],
    alternatives=[Right(_form_math, why="math.ceil/math.floor of a true division (ints), k**2")],
)

# ----------------------------------------------------------------------- conv2d


def _pad_same(bild, kern, stride, vorne_mehr=False):
    kh, kw = kern.shape
    ph = max((-(-bild.shape[0] // stride) - 1) * stride + kh - bild.shape[0], 0)
    pw = max((-(-bild.shape[1] // stride) - 1) * stride + kw - bild.shape[1], 0)
    if vorne_mehr:  # the wrong side: the extra zero on top/left
        return np.pad(bild, ((ph - ph // 2, ph // 2), (pw - pw // 2, pw // 2)))
    return np.pad(bild, ((ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))


def _korrelation(bild, kern, stride=1, padding="valid", vorne_mehr=False):
    """Building block of the wrong answers below (valid correlation after optional padding)."""
    bild, kern = np.asarray(bild, dtype=float), np.asarray(kern, dtype=float)
    if padding == "same":
        bild = _pad_same(bild, kern, stride, vorne_mehr)
    kh, kw = kern.shape
    h, w = (bild.shape[0] - kh) // stride + 1, (bild.shape[1] - kw) // stride + 1
    return np.array([[np.sum(bild[i * stride : i * stride + kh, j * stride : j * stride + kw] * kern)
                      for j in range(w)] for i in range(h)]).reshape(h, w)


def _gedreht(bild, kern, stride=1, padding="valid"):
    return _korrelation(bild, np.asarray(kern)[::-1, ::-1], stride, padding)


def _eins_zu_kurz(bild, kern, stride=1, padding="valid"):
    voll = _korrelation(bild, kern, stride, padding)
    return voll[:-1, :-1]


def _same_vorne(bild, kern, stride=1, padding="valid"):
    return _korrelation(bild, kern, stride, padding, vorne_mehr=True)


def _nur_valid(bild, kern, stride=1, padding="valid"):
    """Ignores padding: always "valid"."""
    return _korrelation(bild, kern, stride, "valid")


def _ohne_stride(bild, kern, stride=1, padding="valid"):
    """Ignores the stride."""
    return _korrelation(bild, kern, 1, padding)


def _mit_scipy(bild, kern, stride=1, padding="valid"):
    """The right numbers from scipy.signal.correlate2d – the task asks to write the convolution by hand."""
    from scipy.signal import correlate2d

    bild, kern = np.asarray(bild, dtype=float), np.asarray(kern, dtype=float)
    if padding == "same":
        bild = _pad_same(bild, kern, stride)
    return correlate2d(bild, kern, mode="valid")[::stride, ::stride]


def _ganzzahlige_ausgabe(bild, kern, stride=1, padding="valid"):
    """np.zeros_like(bild) for the output: an integer image truncates every sum."""
    voll = _korrelation(bild, kern, stride, padding)
    aus = np.zeros_like(np.asarray(bild), shape=voll.shape)
    aus[...] = voll
    return aus


def _fenster_einsum(bild, kern, stride=1, padding="valid"):
    """A correct alternative: all windows as a view, one einsum (no loops)."""
    from numpy.lib.stride_tricks import sliding_window_view

    bild, kern = np.asarray(bild, dtype=float), np.asarray(kern, dtype=float)
    if padding == "same":
        bild = _pad_same(bild, kern, stride)
    fenster = sliding_window_view(bild, kern.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", fenster, kern)


_KEINE_FERTIGE = ["correlate2d", "convolve2d", "correlate", "convolve", "fftconvolve", "oaconvolve", "conv2d",
                  "Conv2D", "conv", "convolution", "conv_general_dilated", "depthwise_conv"]

_rng = np.random.default_rng(33)
conv2d = FunctionExercise(
    title="Eine 2-D-Faltung (ein Kanal) selbst schreiben",
    reference=from_solution(),
    forbid=_KEINE_FERTIGE,
    forbid_reason="Die Aufgabe verlangt, die Faltung selbst zu schreiben – ohne fertige Faltungsfunktion",
    cases=[
        Case(_rng.normal(size=(6, 6)), _rng.normal(size=(3, 3))),
        Case(_rng.normal(size=(7, 5)), _rng.normal(size=(2, 3))).named("nicht quadratisch"),
        Case(_rng.normal(size=(8, 7)), _rng.normal(size=(3, 3)), 2).named("stride 2"),
        Case(_rng.normal(size=(5, 6)), _rng.normal(size=(3, 3)), 1, "same").named("same"),
        Case(_rng.normal(size=(6, 5)), _rng.normal(size=(2, 2)), 1, "same").named("same, gerader Kern"),
        Case(_rng.normal(size=(7, 9)), _rng.normal(size=(3, 2)), 2, "same").named("same, stride 2"),
        Case(_rng.integers(0, 256, size=(6, 7)), _rng.normal(size=(3, 3)) / 9).named(
            "Ganzzahl-Bild (uint8-Werte), Kern mit Kommazahlen"),
        Case(_rng.normal(size=(10, 9)), _rng.normal(size=(3, 3)), 3, "same").named("same, stride 3"),
    ],
    hints=["Ausgabe[i, j] = Σ bild[i·s + a, j·s + b] · kern[a, b] – der Kern wird nicht gespiegelt (Keras rechnet Kreuzkorrelation).",
           "Für 'same' rechne die Gesamtpolsterung p = max((⌈h/s⌉ - 1)·s + k - h, 0); oben/links p // 2, der Rest unten/rechts."],
    wrong=[
        Wrong(_mit_scipy, expect="ohne fertige Faltungsfunktion", instruction=True),
        Wrong(_nur_valid, expect="Form", instruction=True),  # "padding 'valid' oder 'same'"
        Wrong(_ohne_stride, expect="Form", instruction=True),  # the stride argument
        Wrong(_gedreht, expect="statt"),
        Wrong(_eins_zu_kurz, expect="Form"),
        Wrong(_same_vorne, expect="statt"),
        Wrong(_ganzzahlige_ausgabe, expect="Ganzzahl-Bild"),
    ],
    alternatives=[Right(_fenster_einsum, why="sliding_window_view and one einsum instead of loops")],
)

# --------------------------------------------------------------------- max_pool


def _mittel(bild, groesse=2):
    bild = np.asarray(bild, dtype=float)
    h, w = bild.shape[0] // groesse, bild.shape[1] // groesse
    return bild[: h * groesse, : w * groesse].reshape(h, groesse, w, groesse).mean(axis=(1, 3))


def _ueberlappend(bild, groesse=2):
    bild = np.asarray(bild, dtype=float)
    h, w = bild.shape[0] - groesse + 1, bild.shape[1] - groesse + 1
    return np.array([[bild[i : i + groesse, j : j + groesse].max() for j in range(w)] for i in range(h)])


def _immer_2(bild, groesse=2):
    """Ignores groesse: always 2 × 2."""
    return _max_richtig(bild, 2)


def _rest_auffuellen(bild, groesse=2):
    """Keeps the remainder (like padding="same") instead of dropping it."""
    bild = np.asarray(bild, dtype=float)
    h, w = -(-bild.shape[0] // groesse), -(-bild.shape[1] // groesse)
    voll = np.full((h * groesse, w * groesse), -np.inf)
    voll[: bild.shape[0], : bild.shape[1]] = bild
    return voll.reshape(h, groesse, w, groesse).max(axis=(1, 3))


def _max_ab_null(bild, groesse=2):
    """The running maximum starts at 0: wrong where a whole window is negative."""
    return np.maximum(_max_richtig(bild, groesse), 0.0)


def _max_mit_keras(bild, groesse=2):
    """The right numbers from Keras' pooling – the task asks to write it by hand."""
    import keras

    bild = np.asarray(bild, dtype="float32")
    aus = keras.ops.max_pool(bild[None, :, :, None], pool_size=groesse, strides=groesse, padding="valid")
    return keras.ops.convert_to_numpy(aus)[0, :, :, 0].astype(float)


def _max_richtig(bild, groesse=2):
    bild = np.asarray(bild, dtype=float)
    h, w = bild.shape[0] // groesse, bild.shape[1] // groesse
    return bild[: h * groesse, : w * groesse].reshape(h, groesse, w, groesse).max(axis=(1, 3))


def _max_schleifen(bild, groesse=2):
    """A correct alternative: two loops over the windows."""
    bild = np.asarray(bild, dtype=float)
    h, w = bild.shape[0] // groesse, bild.shape[1] // groesse
    aus = np.empty((h, w))
    for i in range(h):
        for j in range(w):
            aus[i, j] = bild[i * groesse:(i + 1) * groesse, j * groesse:(j + 1) * groesse].max()
    return aus


max_pool = FunctionExercise(
    title="Max-Pooling (ein Kanal, Fenster = Schritt)",
    reference=from_solution(),
    forbid=["max_pool", "max_pool2d", "MaxPooling2D", "MaxPool2D", "max_pooling2d", "block_reduce", "pool"],
    forbid_reason="Die Aufgabe verlangt, das Pooling selbst zu schreiben – ohne fertige Pooling-Funktion",
    cases=[
        Case(_rng.normal(size=(4, 4))),
        Case(_rng.normal(size=(5, 7))).named("ungerade Größe: Rest fällt weg"),
        Case(_rng.normal(size=(9, 6)), 3).named("groesse 3"),
        Case(_rng.normal(size=(10, 8)), 3).named("groesse 3, Rest in beiden Richtungen"),
        Case(-np.abs(_rng.normal(size=(4, 6))) - 0.1).named("nur negative Werte"),
    ],
    hints=["Fenster der Größe g im Schritt g; ein Rest am Rand fällt weg (padding 'valid').",
           "`bild[:h*g, :w*g].reshape(h, g, w, g).max(axis=(1, 3))`"],
    wrong=[
        Wrong(_max_mit_keras, expect="ohne fertige Pooling-Funktion", instruction=True),
        Wrong(_immer_2, expect="groesse", instruction=True),  # "Fenster groesse×groesse im Schritt groesse"
        Wrong(_rest_auffuellen, expect="Rest", instruction=True),  # "ein Rest am Rand fällt weg"
        Wrong(_mittel, expect="statt"),
        Wrong(_ueberlappend, expect="Form"),
        Wrong(_max_ab_null, expect="nur negative Werte"),
    ],
    alternatives=[Right(_max_schleifen, why="two loops over the windows")],
)

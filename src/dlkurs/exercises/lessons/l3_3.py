"""Exercises of lesson 3.3 "Convolutional Neural Networks"."""

import numpy as np

from dlkurs.exercises import Case, from_solution, FunctionExercise, Wrong

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


ausgabe_form = FunctionExercise(
    title="Ausgabeform und Parameterzahl einer Conv2D-Schicht",
    reference=from_solution(),
    cases=[
        Case(28, 28, 1, 32, 3),
        Case(13, 13, 32, 64, 3),
        Case(28, 28, 1, 8, 5, 2),
        Case(28, 28, 3, 16, 3, 1, "same"),
        Case(7, 9, 4, 2, 3, 2, "same"),
        Case(10, 6, 2, 3, 2, 3),
    ],
    hints=["valid: (h - k) // s + 1; same: ⌈h / s⌉.",
           "Parameter: (k·k·c_in + 1) · filter – das +1 ist der Bias je Filter."],
    wrong=[
        Wrong(_form_floor, expect="statt"),
        Wrong(_form_ohne_bias, expect="statt"),
        Wrong(_form_off_by_one, expect="statt"),
    ],
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


_rng = np.random.default_rng(33)
conv2d = FunctionExercise(
    title="Eine 2-D-Faltung (ein Kanal) selbst schreiben",
    reference=from_solution(),
    cases=[
        Case(_rng.normal(size=(6, 6)), _rng.normal(size=(3, 3))),
        Case(_rng.normal(size=(7, 5)), _rng.normal(size=(2, 3))).named("nicht quadratisch"),
        Case(_rng.normal(size=(8, 7)), _rng.normal(size=(3, 3)), 2).named("stride 2"),
        Case(_rng.normal(size=(5, 6)), _rng.normal(size=(3, 3)), 1, "same").named("same"),
        Case(_rng.normal(size=(6, 5)), _rng.normal(size=(2, 2)), 1, "same").named("same, gerader Kern"),
        Case(_rng.normal(size=(7, 9)), _rng.normal(size=(3, 2)), 2, "same").named("same, stride 2"),
    ],
    hints=["Ausgabe[i, j] = Σ bild[i·s + a, j·s + b] · kern[a, b] – der Kern wird nicht gespiegelt (Keras rechnet Kreuzkorrelation).",
           "Für 'same' rechne die Gesamtpolsterung p = max((⌈h/s⌉ - 1)·s + k - h, 0); oben/links p // 2, der Rest unten/rechts."],
    wrong=[
        Wrong(_gedreht, expect="statt"),
        Wrong(_eins_zu_kurz, expect="Form"),
        Wrong(_same_vorne, expect="statt"),
    ],
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


max_pool = FunctionExercise(
    title="Max-Pooling (ein Kanal, Fenster = Schritt)",
    reference=from_solution(),
    cases=[
        Case(_rng.normal(size=(4, 4))),
        Case(_rng.normal(size=(5, 7))).named("ungerade Größe: Rest fällt weg"),
        Case(_rng.normal(size=(9, 6)), 3),
    ],
    hints=["Fenster der Größe g im Schritt g; ein Rest am Rand fällt weg (padding 'valid').",
           "`bild[:h*g, :w*g].reshape(h, g, w, g).max(axis=(1, 3))`"],
    wrong=[
        Wrong(_mittel, expect="statt"),
        Wrong(_ueberlappend, expect="Form"),
    ],
)

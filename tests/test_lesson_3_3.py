"""Lesson 3.3: extra wrong answers, correct alternatives, wrong types, no mutation."""

import numpy as np
import pytest

from dlkurs.exercises import aufgaben
from dlkurs.exercises.verdict import FALSCH, RICHTIG

aufgabe = aufgaben("3.3")


def _status(exercise, answer):
    return exercise.check(answer).status


# ------------------------------------------------------------------ conv2d
def _conv_scipy_style(bild, kern, stride=1, padding="valid"):
    """A correct alternative: stride tricks and einsum instead of loops."""
    from numpy.lib.stride_tricks import sliding_window_view

    bild, kern = np.asarray(bild, float), np.asarray(kern, float)
    kh, kw = kern.shape
    if padding == "same":
        ph = max((-(-bild.shape[0] // stride) - 1) * stride + kh - bild.shape[0], 0)
        pw = max((-(-bild.shape[1] // stride) - 1) * stride + kw - bild.shape[1], 0)
        bild = np.pad(bild, ((ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))
    fenster = sliding_window_view(bild, (kh, kw))[::stride, ::stride]
    return np.einsum("ijab,ab->ij", fenster, kern)


def _conv_ignores_stride(bild, kern, stride=1, padding="valid"):
    return _conv_scipy_style(bild, kern, 1, padding)


def _conv_same_symmetric_floor(bild, kern, stride=1, padding="valid"):
    bild, kern = np.asarray(bild, float), np.asarray(kern, float)
    if padding == "same":
        bild = np.pad(bild, ((kern.shape[0] // 2,) * 2, (kern.shape[1] // 2,) * 2))
    return _conv_scipy_style(bild, kern, stride, "valid")


def _conv_in_place(bild, kern, stride=1, padding="valid"):
    bild[...] = bild * 1.0 + 1.0  # changes the caller's image
    return _conv_scipy_style(bild - 1.0, kern, stride, padding)


def test_conv2d_accepts_a_correct_alternative():
    assert _status(aufgabe.conv2d, _conv_scipy_style) == RICHTIG


@pytest.mark.parametrize("wrong", [_conv_ignores_stride, _conv_same_symmetric_floor, _conv_in_place,
                                   lambda b, k, s=1, p="valid": None, lambda b, k, s=1, p="valid": "Text"])
def test_conv2d_rejects_more_wrong_answers(wrong):
    assert _status(aufgabe.conv2d, wrong) == FALSCH


@pytest.mark.parametrize("answer", [None, "conv2d", [1, 2], 3])
def test_conv2d_wrong_types_give_a_verdict(answer):
    assert _status(aufgabe.conv2d, answer) == FALSCH


# ------------------------------------------------------------------ ausgabe_form
def test_ausgabe_form_accepts_math_ceil_and_rejects_swapped_order():
    import math

    def richtig(h, w, c_in, f, k, stride=1, padding="valid"):
        if padding == "same":
            return (math.ceil(h / stride), math.ceil(w / stride), f * (k * k * c_in + 1))
        return (math.floor((h - k) / stride) + 1, math.floor((w - k) / stride) + 1, f * (k * k * c_in + 1))

    def vertauscht(h, w, c_in, f, k, stride=1, padding="valid"):
        a, b, p = richtig(h, w, c_in, f, k, stride, padding)
        return (p, a, b)

    def ohne_c_in(h, w, c_in, f, k, stride=1, padding="valid"):
        a, b, _ = richtig(h, w, c_in, f, k, stride, padding)
        return (a, b, f * (k * k + 1))

    assert _status(aufgabe.ausgabe_form, richtig) == RICHTIG
    assert _status(aufgabe.ausgabe_form, vertauscht) == FALSCH
    assert _status(aufgabe.ausgabe_form, ohne_c_in) == FALSCH
    assert _status(aufgabe.ausgabe_form, None) == FALSCH


# ------------------------------------------------------------------ max_pool
def test_max_pool_alternative_and_wrong_answers():
    def schleife(bild, groesse=2):
        bild = np.asarray(bild, float)
        h, w = bild.shape[0] // groesse, bild.shape[1] // groesse
        return np.array([[bild[i * groesse:(i + 1) * groesse, j * groesse:(j + 1) * groesse].max()
                          for j in range(w)] for i in range(h)]).reshape(h, w)

    def mit_rand(bild, groesse=2):  # keeps the incomplete border windows ("same")
        bild = np.asarray(bild, float)
        h, w = -(-bild.shape[0] // groesse), -(-bild.shape[1] // groesse)
        return np.array([[bild[i * groesse:(i + 1) * groesse, j * groesse:(j + 1) * groesse].max()
                          for j in range(w)] for i in range(h)])

    def betrag(bild, groesse=2):
        return schleife(np.abs(bild), groesse)

    assert _status(aufgabe.max_pool, schleife) == RICHTIG
    assert _status(aufgabe.max_pool, mit_rand) == FALSCH
    assert _status(aufgabe.max_pool, betrag) == FALSCH
    assert _status(aufgabe.max_pool, "max") == FALSCH

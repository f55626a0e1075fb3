"""Lesson 3.8 "Was ein Convnet sieht": probes for the Grad-CAM weighting step."""

from __future__ import annotations

import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l3_8

KARTE = l3_8.gradcam_karte


def _status(answer):
    verdict = KARTE.evaluate(answer)
    return verdict.status, verdict.message


def _tensordot(aktivierungen, gradienten):
    gewichte = np.mean(gradienten, axis=(0, 1))
    karte = np.tensordot(aktivierungen, gewichte, axes=([2], [0]))
    karte[karte < 0] = 0
    m = np.max(karte)
    return karte / m if m > 0 else karte


def _schleife(aktivierungen, gradienten):
    h, w, k = aktivierungen.shape
    karte = np.zeros((h, w))
    for c in range(k):
        karte += gradienten[:, :, c].mean() * aktivierungen[:, :, c]
    karte = np.maximum(karte, 0)
    return karte / karte.max() if karte.max() > 0 else karte


@pytest.mark.parametrize("fn", [_tensordot, _schleife])
def test_correct_alternatives_pass(fn):
    status, message = _status(fn)
    assert status == RICHTIG, message


def _teilt_immer(a, g):
    karte = np.maximum((a * g.mean(axis=(0, 1))).sum(axis=-1), 0)
    return karte / karte.max()  # NaN for an all-zero map


def _summe_statt_mittel(a, g):
    karte = np.maximum((a * g.sum(axis=(0, 1))).sum(axis=-1), 0)
    return karte / karte.max() if karte.max() > 0 else karte  # same after normalising: accepted


def _betrag(a, g):
    karte = np.abs((a * g.mean(axis=(0, 1))).sum(axis=-1))
    return karte / karte.max()


FALSCHE = {
    "teilt durch 0": (_teilt_immer, "NaN"),
    "Betrag statt ReLU": (_betrag, "stimmt nicht"),
    "Kanäle behalten": (lambda a, g: a * g.mean(axis=(0, 1)), "Form"),
    "kein return": (lambda a, g: None, "return"),
    "Liste": (lambda a, g: "karte", "zurück"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE))
def test_further_wrong_answers_are_named(name):
    fn, fragment = FALSCHE[name]
    status, message = _status(fn)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


def test_sum_instead_of_mean_is_the_same_map_after_normalising():
    assert _status(_summe_statt_mittel)[0] == RICHTIG


@pytest.mark.parametrize("antwort", [None, 3, "np.mean", [1, 2], np.zeros(3)])
def test_wrong_types_get_a_verdict(antwort):
    assert _status(antwort)[0] == FALSCH


def test_placeholder_is_not_attempted():
    assert _status(___)[0] == NICHT_BEARBEITET
    assert _status(lambda a, g: ___)[0] == NICHT_BEARBEITET

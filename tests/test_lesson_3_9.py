"""Lesson 3.9 "Jenseits von Klassifikation": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's arrays.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben
from dlkurs.exercises.lessons import l3_9
from dlkurs.kit.scenes import box_iou

aufgabe = aufgaben("3.9")
RAHMEN = aufgabe.rahmen_iou
MASKEN = aufgabe.masken_iou


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. boxes ------------------------------------------------------------------------------

def _mit_kit(a, b):
    return float(box_iou(a, b)[0])


def _mit_dict(a, b):
    a = dict(zip(("y0", "x0", "y1", "x1"), map(float, a)))
    b = dict(zip(("y0", "x0", "y1", "x1"), map(float, b)))
    h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    if h <= 0 or w <= 0:
        return 0
    s = h * w
    return s / ((a["y1"] - a["y0"]) * (a["x1"] - a["x0"]) + (b["y1"] - b["y0"]) * (b["x1"] - b["x0"]) - s)


@pytest.mark.parametrize("fn", [_mit_kit, _mit_dict, l3_9._vektorisiert])
def test_correct_box_ious_pass(fn):
    status, message = _status(RAHMEN, fn)
    assert status == RICHTIG, message


def _int_division(a, b):
    h = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    w = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    s = h * w
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - s
    return s // u if u else 0


def _immer_null_bei_kante_falsch(a, b):
    h = max(0, min(a[2], b[2]) - max(a[0], b[0]) + 1e-3)  # "touching counts a little"
    w = max(0, min(a[3], b[3]) - max(a[1], b[1]) + 1e-3)
    s = h * w
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - s
    return s / u if u > 0 else 0.0


FALSCHE_RAHMEN = {
    "ganzzahlige Division": (_int_division, "statt"),
    "Kante zählt mit": (_immer_null_bei_kante_falsch, "Kante"),
    "gibt Text zurück": (lambda a, b: "0.5", "statt"),
    "gibt nichts zurück": (lambda a, b: None, "None"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_RAHMEN))
def test_further_wrong_box_ious_are_named(name):
    antwort, fragment = FALSCHE_RAHMEN[name]
    status, message = _status(RAHMEN, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 0.5, "iou", [1, 2], np.zeros(4)])
def test_box_check_answers_wrong_types_with_a_verdict(antwort):
    assert _status(RAHMEN, antwort)[0] == FALSCH


def test_box_check_sees_the_placeholder():
    assert _status(RAHMEN, ___)[0] == NICHT_BEARBEITET
    assert _status(RAHMEN, lambda a, b: ___)[0] == NICHT_BEARBEITET


# -- 2. masks ------------------------------------------------------------------------------

def _mit_logical(wahr, vorhersage):
    w, v = np.asarray(wahr) != 0, np.asarray(vorhersage) != 0
    u = np.logical_or(w, v).sum()
    return float(np.logical_and(w, v).sum() / u) if u else 1.0


@pytest.mark.parametrize("fn", [_mit_logical, l3_9._mit_sets])
def test_correct_mask_ious_pass(fn):
    status, message = _status(MASKEN, fn)
    assert status == RICHTIG, message


def _veraendert(wahr, vorhersage):
    ergebnis = l3_9._mit_sets(wahr, vorhersage)
    wahr[...] = 0  # right value, but the caller's mask is wiped
    return ergebnis


def _nan_wenn_leer(wahr, vorhersage):
    w, v = np.asarray(wahr, bool), np.asarray(vorhersage, bool)
    u = (w | v).sum()
    return (w & v).sum() / u if u else float("nan")


FALSCHE_MASKEN = {
    "NaN bei leeren Masken": (_nan_wenn_leer, "beide leer"),
    "ändert die Eingabe": (_veraendert, "verändert"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_MASKEN))
def test_further_wrong_mask_ious_are_named(name):
    antwort, fragment = FALSCHE_MASKEN[name]
    status, message = _status(MASKEN, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 1.0, "iou", {"a": 1}])
def test_mask_check_answers_wrong_types_with_a_verdict(antwort):
    assert _status(MASKEN, antwort)[0] == FALSCH


def test_mask_check_leaves_the_case_arrays_alone():
    vorher = (l3_9._A.copy(), l3_9._B.copy())
    _status(MASKEN, _veraendert)
    assert np.array_equal(l3_9._A, vorher[0]) and np.array_equal(l3_9._B, vorher[1])

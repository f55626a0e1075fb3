"""Lesson 4.11 "Zeitreihen": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, the
learner's series unchanged, and the offset agreeing with what
``keras.utils.timeseries_dataset_from_array`` really pairs.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben

AUFGABE = aufgaben("4.11")
VERSCHIEBUNG = AUFGABE.verschiebung
BASIS = AUFGABE.basislinie_mae


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- verschiebung ------------------------------------------------------------------------


def test_offset_matches_timeseries_dataset_from_array():
    """Targets shifted by the reference offset pair every window with the row horizon points after its last."""
    import keras

    reihe = np.arange(400, dtype="float32")
    for laenge, horizont, rate in ((120, 24, 1), (10, 3, 2), (5, 2, 6)):
        d = rate * (laenge + horizont - 1)  # the lesson's solution
        ds = keras.utils.timeseries_dataset_from_array(reihe[:-d], reihe[d:], sequence_length=laenge,
                                                       sampling_rate=rate, batch_size=1000)
        x, y = next(iter(ds))
        x, y = np.asarray(x), np.asarray(y)
        assert np.all(y == x[:, -1] + rate * horizont)


RICHTIGE_VERSCHIEBUNGEN = {
    "ausmultipliziert": lambda f, h, s=1: s * f + s * h - s,
    "mit Schleife gezählt": lambda f, h, s=1: sum(s for _ in range(f + h - 1)),
    "NumPy-Ganzzahl": lambda f, h, s=1: np.int64(s) * (f + h - 1),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_VERSCHIEBUNGEN))
def test_right_offsets_pass(name):
    status, message = _status(VERSCHIEBUNG, RICHTIGE_VERSCHIEBUNGEN[name])
    assert status == RICHTIG, message


FALSCHE_VERSCHIEBUNGEN = {
    "nur das Fenster": (lambda f, h, s=1: s * f, "statt"),
    "minus eins zu viel": (lambda f, h, s=1: s * (f + h - 2), "statt"),
    "horizont in Zeilen, Fenster in Punkten": (lambda f, h, s=1: f - 1 + s * h, "sampling_rate=6"),
    "gibt Text zurück": (lambda f, h, s=1: str(s * (f + h - 1)), "str"),
    "ohne sampling_rate-Parameter": (lambda f, h: f + h - 1, "TypeError"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_VERSCHIEBUNGEN))
def test_wrong_offsets_fail(name):
    answer, fragment = FALSCHE_VERSCHIEBUNGEN[name]
    status, message = _status(VERSCHIEBUNG, answer)
    assert status == FALSCH and fragment.lower() in message.lower(), message


# -- basislinie_mae ----------------------------------------------------------------------


RICHTIGE_BASIS = {
    "mit np.diff bei abstand 1 nicht, sondern Slices als Liste": lambda r, a: float(
        np.mean([abs(r[t + a] - r[t]) for t in range(len(r) - a)])),
    "len(reihe) - abstand als Ende": lambda r, a: float(np.abs(np.asarray(r)[a:] - np.asarray(r)[:len(r) - a]).mean()),
    "vorhersage minus wahr": lambda r, a: float(np.mean(np.abs(np.asarray(r)[:-a] - np.asarray(r)[a:]))),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_BASIS))
def test_right_baselines_pass(name):
    status, message = _status(BASIS, RICHTIGE_BASIS[name])
    assert status == RICHTIG, message


def _median(r, a):
    r = np.asarray(r, dtype="float64")
    return float(np.median(np.abs(r[a:] - r[:-a])))


def _wurzel(r, a):
    r = np.asarray(r, dtype="float64")
    return float(np.sqrt(np.mean((r[a:] - r[:-a]) ** 2)))


def _sortiert(r, a):
    r = np.sort(np.asarray(r, dtype="float64"))
    return float(np.mean(np.abs(r[a:] - r[:-a])))


def _fester_abstand(r, a):
    r = np.asarray(r, dtype="float64")
    return float(np.mean(np.abs(r[24:] - r[:-24]))) if len(r) > 24 else float(np.mean(np.abs(r[1:] - r[:-1])))


FALSCHE_BASIS = {
    "Median statt Mittelwert": (_median, "statt"),
    "Wurzel aus dem MSE": (_wurzel, "statt"),
    "sortiert die Reihe": (_sortiert, "statt"),
    "abstand fest 24": (_fester_abstand, "statt"),
    "Summe statt Mittelwert": (lambda r, a: float(np.sum(np.abs(np.asarray(r)[a:] - np.asarray(r)[:-a]))), "statt"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_BASIS))
def test_wrong_baselines_fail(name):
    answer, fragment = FALSCHE_BASIS[name]
    status, message = _status(BASIS, answer)
    assert status == FALSCH and fragment in message, message


def test_in_place_change_is_named_and_learner_array_untouched():
    reihe = np.array([1.0, 4.0, 2.0, 8.0])
    kopie = reihe.copy()

    def veraendert(r, a):
        r[a:] -= r[:-a].copy()
        return float(np.mean(np.abs(r[a:])))

    status, message = _status(BASIS, veraendert)
    assert status == FALSCH and "verändert" in message, message
    assert np.array_equal(reihe, kopie)


@pytest.mark.parametrize("answer", [None, "mae", 3.86, [1, 2], np.array([1.0, 2.0])])
def test_wrong_types_give_a_reason(answer):
    for exercise in (VERSCHIEBUNG, BASIS):
        status, message = _status(exercise, answer)
        assert status == FALSCH and message, message


def test_placeholder_is_not_attempted():
    assert _status(BASIS, lambda r, a: ___)[0] == NICHT_BEARBEITET
    assert _status(VERSCHIEBUNG, ___)[0] == NICHT_BEARBEITET

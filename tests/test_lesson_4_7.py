"""Lesson 4.7 "Transformer": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's arrays.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben
from dlkurs.exercises.lessons import l4_7

aufgaben("4.7")  # binds the exercises to the lesson (from_solution reads its source)
GEWICHTE = l4_7.aufmerksamkeits_gewichte
MASKE = l4_7.padding_maske


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


def _softmax(s):
    s = s - s.max(axis=-1, keepdims=True)
    return np.exp(s) / np.exp(s).sum(axis=-1, keepdims=True)


# -- 1. attention weights ------------------------------------------------------------------

def _mit_schleifen(q, k, maske=None):
    """Loops over the leading axes: slow, but right."""
    q, k = np.asarray(q, dtype=float), np.asarray(k, dtype=float)
    vorne = np.broadcast_shapes(q.shape[:-2], k.shape[:-2])
    qb = np.broadcast_to(q, vorne + q.shape[-2:])
    kb = np.broadcast_to(k, vorne + k.shape[-2:])
    m = None if maske is None else np.broadcast_to(maske, vorne + (q.shape[-2], k.shape[-2]))
    aus = np.empty(vorne + (q.shape[-2], k.shape[-2]))
    for idx in np.ndindex(*vorne):
        s = qb[idx] @ kb[idx].T / np.sqrt(q.shape[-1])
        if m is not None:
            s = np.where(m[idx], s, -1e9)
        aus[idx] = _softmax(s)
    return aus


def _maske_multipliziert_neu_normiert(q, k, maske=None):
    """Mask applied after exp and renormalised: mathematically the same as -inf before softmax."""
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    if maske is not None:
        e = e * maske
    return e / e.sum(axis=-1, keepdims=True)


def _scipy_softmax(q, k, maske=None):
    from scipy.special import softmax

    s = np.matmul(q, np.swapaxes(k, -1, -2)) * q.shape[-1] ** -0.5
    if maske is not None:
        s = np.where(maske, s, np.finfo(float).min)
    return softmax(s, axis=-1)


RICHTIGE_GEWICHTE = {
    "Schleifen": _mit_schleifen,
    "Maske nach exp, neu normiert": _maske_multipliziert_neu_normiert,
}
if importlib.util.find_spec("scipy") is not None:
    RICHTIGE_GEWICHTE["scipy.special.softmax"] = _scipy_softmax


@pytest.mark.parametrize("name", sorted(RICHTIGE_GEWICHTE))
def test_correct_attention_weights_pass(name):
    status, message = _status(GEWICHTE, RICHTIGE_GEWICHTE[name])
    assert status == RICHTIG, message


def _maske_invertiert(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if maske is not None:
        s = np.where(maske, -1e9, s)
    return _softmax(s)


def _maske_null_statt_minus(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if maske is not None:
        s = np.where(maske, s, 0.0)  # 0 is no "very negative number": the weight stays > 0
    return _softmax(s)


def _ausgabe_statt_gewichte(q, k, maske=None):
    return _softmax(q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])) @ k


def _sigmoid_statt_softmax(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    return 1 / (1 + np.exp(-s))


def _scores_ohne_softmax(q, k, maske=None):
    return q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])


def _durch_wurzel_tk(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(k.shape[-2])  # the number of keys, not d_k
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s)


def _veraendert_q(q, k, maske=None):
    q /= np.sqrt(q.shape[-1])
    s = q @ np.swapaxes(k, -1, -2)
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s)


FALSCHE_GEWICHTE = {
    "Maske invertiert": (_maske_invertiert, "Wert"),
    "0 statt -1e9": (_maske_null_statt_minus, "Maske"),
    "Ausgabe statt Gewichte": (_ausgabe_statt_gewichte, "Form"),
    "Sigmoid statt Softmax": (_sigmoid_statt_softmax, "Wert"),
    "ohne Softmax": (_scores_ohne_softmax, "Wert"),
    "durch Wurzel aus T_k": (_durch_wurzel_tk, "Wert"),
    "verändert q": (_veraendert_q, "verändert"),
    "Platzhalter zurück": (lambda q, k, maske=None: ___, "Platzhalter"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_GEWICHTE))
def test_further_wrong_attention_weights_are_named(name):
    antwort, fragment = FALSCHE_GEWICHTE[name]
    status, message = _status(GEWICHTE, antwort)
    assert status in (FALSCH, NICHT_BEARBEITET), message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 3, "softmax", [1, 2], np.zeros((3, 5)), {"q": 1}])
def test_attention_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(GEWICHTE, antwort)
    assert status == FALSCH, message


def test_attention_check_sees_the_placeholder():
    assert _status(GEWICHTE, ___)[0] == NICHT_BEARBEITET


def test_the_solution_gives_exact_zeros_and_rows_summing_to_one():
    q, k = np.random.default_rng(0).normal(size=(2, 3, 4, 8)), np.random.default_rng(1).normal(size=(2, 3, 6, 8))
    maske = np.ones((2, 1, 1, 6), dtype=bool)
    maske[0, ..., 5] = False
    w = GEWICHTE.reference()(q, k, maske)
    assert w.shape == (2, 3, 4, 6)
    assert np.allclose(w.sum(axis=-1), 1.0)
    assert np.all(w[0, ..., 5] == 0.0)


# -- 2. padding mask -----------------------------------------------------------------------

RICHTIGE_MASKEN = {
    "Schleifen": lambda ids: np.array([[[j != 0 for j in zeile] for _ in zeile] for zeile in np.asarray(ids)]),
    "tile": lambda ids: np.tile((np.asarray(ids) != 0)[:, None, :], (1, np.asarray(ids).shape[1], 1)),
    "einsum aus Einsen": lambda ids: np.einsum(
        "bi,bj->bij", np.ones(np.shape(ids), dtype=bool), np.asarray(ids) != 0).astype(bool),
    "logical_and.outer-artig": lambda ids: np.logical_and(np.ones(np.shape(ids) + (1,), dtype=bool),
                                                          (np.asarray(ids) != 0)[:, None, :]),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_MASKEN))
def test_correct_padding_masks_pass(name):
    status, message = _status(MASKE, RICHTIGE_MASKEN[name])
    assert status == RICHTIG, message


def _beide_achsen(ids):
    g = np.asarray(ids) != 0
    return g[:, :, None] & g[:, None, :]  # also hides the padding *queries*: not what the task asks


def _float_maske(ids):
    g = (np.asarray(ids) != 0).astype("float32")
    return np.repeat(g[:, None, :], g.shape[1], axis=1)


def _verändert_ids(ids):
    ids[:] = ids != 0  # overwrites the learner's token ids with 0/1
    g = ids != 0
    return np.repeat(g[:, None, :], g.shape[1], axis=1)


def _ids_statt_maske(ids):
    return np.repeat(np.asarray(ids)[:, None, :], np.shape(ids)[1], axis=1).astype(bool) == 0


FALSCHE_MASKEN = {
    "beide Achsen maskiert": (_beide_achsen, "Wert"),
    "float32": (_float_maske, "dtype"),
    "invertiert über astype": (_ids_statt_maske, "Wert"),
    "Transponiert (T, B, T)": (lambda ids: np.repeat((np.asarray(ids) != 0)[None, :, :], np.shape(ids)[1], axis=0),
                               "Form"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_MASKEN))
def test_further_wrong_padding_masks_are_named(name):
    antwort, fragment = FALSCHE_MASKEN[name]
    status, message = _status(MASKE, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "ids != 0", 0, np.ones((2, 4, 4), dtype=bool), [[True]]])
def test_mask_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(MASKE, antwort)
    assert status == FALSCH, message


def test_the_solution_mask_has_equal_rows():
    ids = np.array([[5, 3, 0, 0], [7, 0, 0, 0]])
    kopie = ids.copy()
    maske = MASKE.reference()(ids)
    assert maske.shape == (2, 4, 4) and maske.dtype == bool
    assert np.array_equal(maske[0, 2], [True, True, False, False])
    assert np.array_equal(ids, kopie)


def test_a_learner_function_that_writes_into_its_input_is_told_so():
    status, message = _status(MASKE, _verändert_ids)
    assert status == FALSCH and "verändert" in message, message

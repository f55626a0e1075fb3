"""Lesson 4.8 "Ein deutscher Mini-GPT": probes beyond the declared wrong answers."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l4_8

MARKIERE = l4_8.markiere
MASKE = l4_8.kausale_maske


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. capitalisation tokens --------------------------------------------------------------


def _mit_istitle(wort):
    if len(wort) > 1 and wort.isupper():
        return ["⇪", wort.lower()]
    if wort[:1] != wort[:1].lower():
        return ["⇧", wort.lower()]
    return [wort]


def _mit_regex(wort):
    import re

    if re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ]+", wort):
        return ["⇪", wort.lower()]
    if re.match(r"[A-ZÄÖÜ]", wort):
        return ["⇧", wort.lower()]
    return [wort]


@pytest.mark.parametrize("antwort", [_mit_istitle, _mit_regex])
def test_correct_marker_alternatives(antwort):
    status, message = _status(MARKIERE, antwort)
    assert status == RICHTIG, message


def _nur_ascii(wort):
    if len(wort) > 1 and wort.isupper():
        return ["⇪", wort.lower()]
    if "A" <= wort[:1] <= "Z":  # forgets the umlauts
        return ["⇧", wort.lower()]
    return [wort]


def _als_text(wort):
    return " ".join(["⇧", wort.lower()]) if wort[:1].isupper() else wort


def _satzzeichen_als_liste_ohne_wort(wort):
    if not wort.isalnum():
        return []
    return ["⇧", wort.lower()] if wort[:1].isupper() else [wort]


@pytest.mark.parametrize("antwort, fragment", [
    (_nur_ascii, "Umlaut"),
    (_als_text, ""),
    (_satzzeichen_als_liste_ohne_wort, ""),
    (lambda wort: None, ""),
])
def test_further_wrong_markers(antwort, fragment):
    status, message = _status(MARKIERE, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "⇧", ["⇧", "a"], 3, np.zeros(2)])
def test_marker_check_answers_wrong_types(antwort):
    assert _status(MARKIERE, antwort)[0] == FALSCH


def test_marker_placeholder():
    assert _status(MARKIERE, ___)[0] == NICHT_BEARBEITET


# -- 2. causal mask ------------------------------------------------------------------------


def _als_nullen_und_einsen(n):
    return np.tril(np.ones((n, n), dtype=int))


def _tensor(n):
    return keras.ops.tril(keras.ops.ones((n, n), dtype="bool"))


@pytest.mark.parametrize("antwort", [_als_nullen_und_einsen, _tensor])
def test_correct_mask_alternatives(antwort):
    status, message = _status(MASKE, antwort)
    assert status == RICHTIG, message


def _additiv(n):
    # the "-inf above the diagonal" form some texts use: not what attention_mask reads
    return np.triu(np.full((n, n), -np.inf), k=1)


def _nur_diagonale(n):
    return np.eye(n, dtype=bool)


def _liste(n):
    return [[j <= i for j in range(n)] for i in range(n)]


@pytest.mark.parametrize("antwort", [_additiv, _nur_diagonale, lambda n: np.tril(np.ones((n, n)), k=1)])
def test_further_wrong_masks(antwort):
    assert _status(MASKE, antwort)[0] == FALSCH


def test_mask_as_nested_list_is_named():
    status, message = _status(MASKE, _liste)
    assert status == FALSCH and "np.array" in message, message


@pytest.mark.parametrize("antwort", [None, "tril", 5, np.ones((2, 2))])
def test_mask_check_answers_wrong_types(antwort):
    assert _status(MASKE, antwort)[0] == FALSCH


def test_mask_placeholder():
    assert _status(MASKE, ___)[0] == NICHT_BEARBEITET

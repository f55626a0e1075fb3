"""Lesson 4.3 "Wortvektoren und Embeddings": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's objects.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l4_3

VEKTORISIERER = l4_3.vektorisierer
MODELL = l4_3.embedding_modell
NACHBARN = l4_3.naechste_nachbarn


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. the vectorizer ---------------------------------------------------------------------


def test_vectorizer_adapted_on_the_corpus_passes():
    assert _status(VEKTORISIERER, l4_3._vektorisierer())[0] == RICHTIG


FALSCHE_VEKTORISIERER = {
    "nur auf drei Sätzen adaptiert": (
        lambda: _adaptiert(["the movie was great", "awful", "the end"]), "adapt"),
    "Wortschatz ohne the": (
        lambda: _adaptiert([" ".join(f"wort{j}" for j in range(1200))]), "the"),
    "split None": (lambda: l4_3._vektorisierer(split=None), "split"),
    "max_tokens None": (lambda: l4_3._vektorisierer(max_tokens=None), "max_tokens"),
    "tf_idf": (lambda: l4_3._vektorisierer(output_mode="tf_idf", output_sequence_length=None), "output_mode"),
    "Länge 200": (lambda: l4_3._vektorisierer(output_sequence_length=200), "output_sequence_length"),
    "nur Satzzeichen weg": (lambda: l4_3._vektorisierer(standardize="strip_punctuation"), "Standardisierung"),
}


def _adaptiert(texte):
    schicht = layers.TextVectorization(max_tokens=20_000, output_mode="int", output_sequence_length=300)
    schicht.adapt(texte)
    return schicht


@pytest.mark.parametrize("name", sorted(FALSCHE_VEKTORISIERER))
def test_further_wrong_vectorizers_are_named(name):
    antwort, fragment = FALSCHE_VEKTORISIERER[name]
    status, message = _status(VEKTORISIERER, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "TextVectorization", 20000, [1, 2], {"max_tokens": 20000},
                                     layers.Embedding(10, 2)])
def test_vectorizer_check_answers_wrong_types_with_a_verdict(antwort):
    assert _status(VEKTORISIERER, antwort)[0] == FALSCH


def test_vectorizer_check_sees_the_placeholder():
    assert _status(VEKTORISIERER, ___)[0] == NICHT_BEARBEITET


def test_vectorizer_check_leaves_the_layer_alone():
    schicht = l4_3._vektorisierer()
    vorher = schicht.get_vocabulary(), schicht.get_config()
    assert _status(VEKTORISIERER, schicht)[0] == RICHTIG
    assert (schicht.get_vocabulary(), schicht.get_config()) == vorher


# -- 2. the embedding model ------------------------------------------------------------------


def _kompiliert(modell):
    modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return modell


RICHTIGE_MODELLE = {
    "ohne keras.Input (noch nicht gebaut)": lambda: _kompiliert(keras.Sequential(
        [layers.Embedding(20_000, 32), layers.GlobalAveragePooling1D(), layers.Dense(1, activation="sigmoid")])),
    "anderer Optimierer, Dropout vor der Ausgabe": lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(300,), dtype="int64"), layers.Embedding(20_000, 32), layers.GlobalAveragePooling1D(),
         layers.Dropout(0.5), layers.Dense(1, activation="sigmoid")])),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_MODELLE))
def test_correct_models_pass(name):
    status, message = _status(MODELL, RICHTIGE_MODELLE[name]())
    assert status == RICHTIG, message


FALSCHE_MODELLE = {
    "Wortschatz 10 000": (lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(300,), dtype="int64"), layers.Embedding(10_000, 32), layers.GlobalAveragePooling1D(),
         layers.Dense(1, activation="sigmoid")])), "Parameter"),
    "Ausgabe mit ReLU": (lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(300,), dtype="int64"), layers.Embedding(20_000, 32), layers.GlobalAveragePooling1D(),
         layers.Dense(1, activation="relu")])), "sigmoid"),
    "ohne Pooling (eine Ausgabe je Wort)": (lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(300,), dtype="int64"), layers.Embedding(20_000, 32),
         layers.Dense(1, activation="sigmoid")])), "Ausgabeform"),
    "nur die Embedding-Schicht": (lambda: layers.Embedding(20_000, 32), "Modell"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_MODELLE))
def test_further_wrong_models_are_named(name):
    antwort, fragment = FALSCHE_MODELLE[name]
    status, message = _status(MODELL, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "modell", 42, np.zeros((2, 300))])
def test_model_check_answers_wrong_types_with_a_verdict(antwort):
    assert _status(MODELL, antwort)[0] == FALSCH


def test_model_check_leaves_the_learners_model_alone():
    modell = l4_3._modell()
    gewichte = [w.copy() for w in modell.get_weights()]
    assert _status(MODELL, modell)[0] == RICHTIG
    assert all(np.array_equal(a, b) for a, b in zip(modell.get_weights(), gewichte))


# -- 3. nearest neighbours -----------------------------------------------------------------


def _einheit(v):
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _mit_argpartition(vektoren, index, k):
    e = _einheit(vektoren)
    s = e @ e[index]
    s[index] = -np.inf
    teil = np.argpartition(-s, k - 1)[:k] if k < len(s) else np.arange(len(s))
    return teil[np.argsort(-s[teil])][:k]


def _mit_sklearn_form(vektoren, index, k):
    e = _einheit(vektoren)
    s = (e @ e.T)[index].copy()
    return np.array([i for i in np.argsort(-s) if i != index][:k])


@pytest.mark.parametrize("fn", [_mit_argpartition, _mit_sklearn_form])
def test_correct_neighbour_functions_pass(fn):
    status, message = _status(NACHBARN, fn)
    assert status == RICHTIG, message


def _nur_k_minus_eins(vektoren, index, k):
    e = _einheit(vektoren)
    return np.argsort(-(e @ e[index]))[1:k]


def _unsortiert(vektoren, index, k):
    e = _einheit(vektoren)
    s = e @ e[index]
    s[index] = -np.inf
    return np.sort(np.argsort(-s)[:k])


def _woerter_statt_nummern(vektoren, index, k):
    return None


@pytest.mark.parametrize("fn, fragment", [(_nur_k_minus_eins, "ohne das Wort selbst"),
                                          (_unsortiert, "das ähnlichste zuerst"),
                                          (_woerter_statt_nummern, "return")])
def test_further_wrong_neighbour_functions_are_named(fn, fragment):
    status, message = _status(NACHBARN, fn)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "naechste_nachbarn", np.zeros(3), [1, 2]])
def test_neighbour_check_answers_wrong_types_with_a_verdict(antwort):
    assert _status(NACHBARN, antwort)[0] == FALSCH


def test_thresholds_sit_where_the_comments_say():
    assert l4_3.PARAMETER == 640_033
    assert l4_3.MAX_TOKENS == 20_000 and l4_3.LAENGE == 300

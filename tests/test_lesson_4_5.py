"""Lesson 4.5 "RNN, LSTM und GRU": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's arrays or model.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben
from dlkurs.exercises.lessons import l4_5

SCHRITT = aufgaben("4.5").rnn_schritt  # bound to the lesson: from_solution() finds the solution there
LSTM_AUFGABE = l4_5.reuters_lstm


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. one SimpleRNN step ---------------------------------------------------------------


def _schleife(x_t, h_prev, W, U, b):
    neu = np.empty((x_t.shape[0], W.shape[1]))
    for i in range(x_t.shape[0]):
        neu[i] = np.tanh(W.T @ x_t[i] + U.T @ h_prev[i] + b)
    return neu


def _float32(x_t, h_prev, W, U, b):
    return np.tanh((x_t @ W + h_prev @ U + b).astype("float32"))


def _keras_ops(x_t, h_prev, W, U, b):
    return keras.ops.convert_to_numpy(keras.ops.tanh(keras.ops.matmul(x_t, W) + keras.ops.matmul(h_prev, U) + b))


RICHTIGE_SCHRITTE = {"Schleife über die Beispiele": _schleife, "float32": _float32, "keras.ops": _keras_ops}


@pytest.mark.parametrize("name", sorted(RICHTIGE_SCHRITTE))
def test_correct_steps_pass(name):
    status, message = _status(SCHRITT, RICHTIGE_SCHRITTE[name])
    assert status == RICHTIG, message


FALSCHE_SCHRITTE = {
    "gibt den alten Zustand zurück": (lambda x_t, h_prev, W, U, b: h_prev, "Form"),
    "ohne Aktivierung": (lambda x_t, h_prev, W, U, b: x_t @ W + h_prev @ U + b, "tanh liegt zwischen"),
    "W und U vertauscht": (lambda x_t, h_prev, W, U, b: np.tanh(x_t @ U + h_prev @ W + b), "ValueError"),
    "Bias doppelt": (lambda x_t, h_prev, W, U, b: np.tanh(x_t @ W + h_prev @ U + 2 * b), "mit Bias"),
    "nur der erste Wert": (lambda x_t, h_prev, W, U, b: np.tanh(x_t @ W + h_prev @ U + b)[0], "Form"),
    "vergisst return": (lambda x_t, h_prev, W, U, b: None, "None"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_SCHRITTE))
def test_further_wrong_steps_are_named(name):
    antwort, fragment = FALSCHE_SCHRITTE[name]
    status, message = _status(SCHRITT, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 3, "np.tanh(x_t @ W)", np.zeros(3), [np.tanh]])
def test_step_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(SCHRITT, antwort)
    assert status == FALSCH, message


def test_step_check_sees_the_placeholder():
    assert _status(SCHRITT, ___)[0] == NICHT_BEARBEITET
    assert _status(SCHRITT, lambda x_t, h_prev, W, U, b: ___)[0] == NICHT_BEARBEITET


def test_step_solution_agrees_with_keras_simplernn():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 1, 3))
    schicht = keras.layers.SimpleRNN(4, dtype="float64")
    erwartet = keras.ops.convert_to_numpy(schicht(x))
    W, U, b = schicht.get_weights()
    ergebnis = SCHRITT.reference_fn(x[:, 0], np.zeros((2, 4)), W, U, b)
    assert np.allclose(ergebnis, erwartet, atol=1e-12)


# -- 2. the Reuters LSTM -----------------------------------------------------------------


def _kompiliert(modell, **kw):
    modell.compile(optimizer=kw.get("optimizer", "rmsprop"), loss="sparse_categorical_crossentropy",
                   metrics=["accuracy"])
    return modell


RICHTIGE_NETZE = {
    "bidirektionales LSTM": lambda: _kompiliert(keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"), layers.Embedding(10_000, 32),
        layers.Bidirectional(layers.LSTM(32)), layers.Dense(46, activation="softmax")])),
    "LSTM mit dropout, adam": lambda: _kompiliert(keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"), layers.Embedding(10_000, 32),
        layers.LSTM(32, dropout=0.2), layers.Dense(46, activation="softmax")]), optimizer="adam"),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_NETZE))
def test_correct_reuters_models_pass(name):
    status, message = _status(LSTM_AUFGABE, RICHTIGE_NETZE[name]())
    assert status == RICHTIG, message


FALSCHE_NETZE = {
    "bidirektionales GRU": (lambda: _kompiliert(keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"), layers.Embedding(10_000, 16),
        layers.Bidirectional(layers.GRU(16)), layers.Dense(46, activation="softmax")])), "GRU statt LSTM"),
    "SimpleRNN": (lambda: l4_5._netz(rnn="simple"), "SimpleRNN statt LSTM"),
    "ohne Embedding": (lambda: _kompiliert(keras.Sequential([
        keras.Input(shape=(100, 1)), layers.LSTM(8), layers.Dense(46, activation="softmax")])), "Embedding"),
    "ohne rekurrente Schicht": (lambda: _kompiliert(keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"), layers.Embedding(10_000, 16),
        layers.GlobalAveragePooling1D(), layers.Dense(46, activation="softmax")])), "keine LSTM-Schicht"),
    "10 Klassen": (lambda: l4_5._netz(einheiten=10), "46 Einheiten"),
    "History": (lambda: keras.callbacks.History(), "fit()"),
    "nur eine Schicht": (lambda: layers.LSTM(32), "einzelne Schicht"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_NETZE))
def test_further_wrong_reuters_models_are_named(name):
    antwort, fragment = FALSCHE_NETZE[name]
    status, message = _status(LSTM_AUFGABE, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "modell", 42, np.zeros((1, 100)), [layers.LSTM(4)]])
def test_reuters_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(LSTM_AUFGABE, antwort)
    assert status == FALSCH, message


def test_reuters_check_leaves_the_learners_model_alone():
    keras.utils.set_random_seed(0)
    modell = l4_5._netz()
    gewichte = [w.copy() for w in modell.get_weights()]
    optimierer = modell.optimizer
    assert _status(LSTM_AUFGABE, modell)[0] == RICHTIG
    assert all(np.array_equal(a, b) for a, b in zip(modell.get_weights(), gewichte))
    assert modell.optimizer is optimierer
    assert not optimierer.variables or int(keras.ops.convert_to_numpy(optimierer.iterations)) == 0


def test_reuters_check_leaves_an_unbuilt_model_unbuilt():
    modell = l4_5._gestapelt()
    assert _status(LSTM_AUFGABE, modell)[0] == RICHTIG
    assert not modell.built


def test_stand_in_data_has_reuters_format():
    x, y = l4_5._ersatz_meldungen(200, 0)
    assert x.shape == (200, l4_5.LAENGE) and x.dtype == np.int32
    assert x.min() == 0 and x.max() < l4_5.WOERTER
    assert (x[np.arange(200), (x > 0).argmax(axis=1)] == 1).all()  # every message starts with 1 after padding
    assert y.min() >= 0 and y.max() < 46 and len(np.unique(y)) > 30

"""Lesson 4.10 "Autoencoder": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's arrays or model.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l4_10

RAUSCHEN = l4_10.verrauschen
AE = l4_10.faltungs_autoencoder


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. noise ------------------------------------------------------------------------------

def _mit_generator_je_aufruf(bilder, staerke):
    rng = np.random.default_rng()
    return np.clip(bilder + rng.normal(size=bilder.shape) * staerke, 0, 1).astype(np.float32)


def _kopie_und_clip_an_ort(bilder, staerke):
    neu = bilder.copy()
    neu += np.random.normal(0.0, staerke, neu.shape).astype(neu.dtype)
    np.clip(neu, 0.0, 1.0, out=neu)
    return neu


def _liste(bilder, staerke):
    return np.clip(bilder + np.random.normal(0.0, staerke, bilder.shape), 0, 1).tolist()


RICHTIGES_RAUSCHEN = {
    "eigener Generator je Aufruf, float32": _mit_generator_je_aufruf,
    "Kopie, dann an Ort und Stelle": _kopie_und_clip_an_ort,
    "als verschachtelte Liste": _liste,
}


@pytest.mark.parametrize("name", sorted(RICHTIGES_RAUSCHEN))
def test_correct_noise_functions_pass(name):
    status, message = _status(RAUSCHEN, RICHTIGES_RAUSCHEN[name])
    assert status == RICHTIG, message


FALSCHES_RAUSCHEN = {
    "Laplace-Rauschen": (
        lambda b, s: np.clip(b + np.random.default_rng(1).laplace(0, s / np.sqrt(2), b.shape), 0, 1),
        "nicht normalverteilt",
    ),
    "Varianz statt Standardabweichung": (
        lambda b, s: np.clip(b + np.random.default_rng(1).normal(0, s ** 2, b.shape), 0, 1), "Standardabweichung"),
    "nur auf Schwarz abgeschnitten": (
        lambda b, s: np.maximum(b + np.random.default_rng(1).normal(0, s, b.shape), 0), "[0, 1]"),
    "multiplikativ": (lambda b, s: np.clip(b * (1 + np.random.default_rng(1).normal(0, s, b.shape)), 0, 1),
                      "Standardabweichung"),
    "flach gemacht": (lambda b, s: np.clip(b + np.random.default_rng(1).normal(0, s, b.shape), 0, 1).ravel(),
                      "Form"),
    "gibt Text zurück": (lambda b, s: "verrauscht", "statt eines Arrays"),
    "wirft": (lambda b, s: b / 0 if False else b[99], "IndexError"),
    "nur das Rauschen": (lambda b, s: np.clip(np.random.default_rng(1).normal(0, s, b.shape), 0, 1), "Mittelwert"),
}


@pytest.mark.parametrize("name", sorted(FALSCHES_RAUSCHEN))
def test_further_wrong_noise_functions_are_named(name):
    antwort, fragment = FALSCHES_RAUSCHEN[name]
    status, message = _status(RAUSCHEN, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 0.4, "np.clip", [1, 2], np.zeros((28, 28))])
def test_noise_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(RAUSCHEN, antwort)
    assert status == FALSCH, message


def test_noise_check_sees_the_placeholder():
    assert _status(RAUSCHEN, ___)[0] == NICHT_BEARBEITET
    assert _status(RAUSCHEN, lambda b, s: ___)[0] == NICHT_BEARBEITET


def test_noise_verdict_does_not_depend_on_the_seed():
    for seed in (0, 1, 2):
        np.random.seed(seed)
        assert _status(RAUSCHEN, l4_10._mit_np_random)[0] == RICHTIG


# -- 2. convolutional autoencoder ----------------------------------------------------------

def _kompiliert(modell, loss="binary_crossentropy"):
    modell.compile(optimizer="adam", loss=loss)
    return modell


def _ohne_input():
    return _kompiliert(keras.Sequential([
        layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid"),
    ]))


def _sigmoid_als_schicht():
    return _kompiliert(keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, padding="same"), layers.Activation("relu"), layers.MaxPooling2D(),
        layers.Conv2D(8, 3, padding="same"), layers.ReLU(), layers.MaxPooling2D(),
        layers.UpSampling2D(), layers.Conv2D(8, 3, padding="same", activation="relu"),
        layers.UpSampling2D(), layers.Conv2D(1, 3, padding="same"), layers.Activation("sigmoid"),
    ]), loss=keras.losses.binary_crossentropy)


RICHTIGE_AE = {
    "ohne keras.Input (noch nicht gebaut)": _ohne_input,
    "Sigmoid und ReLU als eigene Schichten, Verlust als Funktion": _sigmoid_als_schicht,
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_AE))
def test_correct_autoencoders_pass(name):
    status, message = _status(AE, RICHTIGE_AE[name]())
    assert status == RICHTIG, message


def _engpass_knapp_zu_gross():
    return _kompiliert(keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(9, 3, padding="same", activation="relu"), layers.MaxPooling2D(),  # 441 > 392
        layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid"),
    ]))


def _falsche_eingabe():
    return _kompiliert(keras.Sequential([keras.Input(shape=(784,)), layers.Dense(32, activation="relu"),
                                         layers.Dense(784, activation="sigmoid")]))


FALSCHE_AE = {
    "Engpass 7 × 7 × 9": (_engpass_knapp_zu_gross, "Kein Engpass"),
    "flache Eingabe": (_falsche_eingabe, "nicht mit Bildern"),
    "nur eine Schicht": (lambda: layers.Conv2D(1, 3), "Keras-Modell"),
    "die Bau-Funktion selbst": (lambda: (lambda: l4_10._ae()), "Funktion"),
    "History": (lambda: keras.callbacks.History(), "fit()"),
    "categorical_crossentropy": (lambda: l4_10._ae(loss="categorical_crossentropy"), "binary_crossentropy"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_AE))
def test_further_wrong_autoencoders_are_named(name):
    antwort, fragment = FALSCHE_AE[name]
    status, message = _status(AE, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "modell", 42, np.zeros((1, 28, 28, 1))])
def test_autoencoder_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(AE, antwort)
    assert status == FALSCH, message


def test_autoencoder_check_leaves_the_learners_model_alone():
    keras.utils.set_random_seed(0)
    modell = l4_10._ae()
    gewichte = [w.copy() for w in modell.get_weights()]
    optimierer = modell.optimizer
    assert _status(AE, modell)[0] == RICHTIG
    assert all(np.array_equal(a, b) for a, b in zip(modell.get_weights(), gewichte))
    assert modell.optimizer is optimierer
    assert not optimierer.variables or int(keras.ops.convert_to_numpy(optimierer.iterations)) == 0


def test_autoencoder_check_leaves_an_unbuilt_model_unbuilt():
    modell = _ohne_input()
    assert _status(AE, modell)[0] == RICHTIG
    assert not modell.built


def test_thresholds():
    assert l4_10.MAX_ENGPASS == 28 * 28 // 2
    assert l4_10.KURTOSIS[0] < 3 < l4_10.KURTOSIS[1]

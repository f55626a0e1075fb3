"""Lesson 3.5 "Kleine Datensätze: Hunde und Katzen": probes beyond the declared wrong answers."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l3_5

NETZ = l3_5.convnet
AUG = l3_5.foto_augmentierung


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. the convnet ----------------------------------------------------------------------


def test_parameter_count_is_the_lessons_net():
    assert l3_5._netz().count_params() == l3_5.PARAMETER == 536_257


def test_separate_relu_layers_pass():
    schichten = [keras.Input(shape=(80, 80, 3)), layers.Rescaling(1.0 / 255.0)]
    for f in l3_5.FILTER:
        schichten += [layers.Conv2D(f, 3), layers.Activation("relu"), layers.MaxPooling2D(2)]
    schichten += [layers.Flatten(), layers.Dense(256), layers.ReLU(), layers.Dense(1), layers.Activation("sigmoid")]
    modell = keras.Sequential(schichten)
    modell.compile(optimizer=keras.optimizers.RMSprop(learning_rate=5e-4), loss="binary_crossentropy",
                   metrics=["accuracy"])
    status, message = _status(NETZ, modell)
    assert status == RICHTIG, message


@pytest.mark.parametrize("kwargs, fragment", [
    ({"filter": (32, 64, 128, 256)}, "Parameter"),
    ({"dense": 128}, "Parameter"),
    ({"lernrate": 1e-4}, "Lernrate"),
    ({"optimizer": "sgd"}, "RMSprop"),
])
def test_further_wrong_nets_are_named(kwargs, fragment):
    status, message = _status(NETZ, l3_5._netz(**kwargs))
    assert status == FALSCH and fragment.lower() in message.lower(), message


def test_rescaling_with_wrong_scale_is_named():
    modell = l3_5._netz(rescaling=False, kompilieren=False)
    neu = keras.Sequential([keras.Input(shape=(80, 80, 3)), layers.Rescaling(1.0), *modell.layers])
    neu.compile(optimizer=keras.optimizers.RMSprop(5e-4), loss="binary_crossentropy", metrics=["accuracy"])
    status, message = _status(NETZ, neu)
    assert status == FALSCH and "1 / 255" in message, message


@pytest.mark.parametrize("antwort", [None, "modell", 3, np.zeros((1, 80, 80, 3)), [layers.Dense(1)]])
def test_net_wrong_types_get_a_verdict(antwort):
    assert _status(NETZ, antwort)[0] == FALSCH


def test_net_check_leaves_the_model_alone():
    modell = l3_5._netz()
    gewichte = [w.copy() for w in modell.get_weights()]
    optimierer = modell.optimizer
    assert _status(NETZ, modell)[0] == RICHTIG
    assert all(np.array_equal(a, b) for a, b in zip(modell.get_weights(), gewichte))
    assert modell.optimizer is optimierer


# -- 2. the photo augmentation -----------------------------------------------------------

RICHTIGE = {
    "Reihenfolge egal": lambda: [layers.RandomZoom(0.1), layers.RandomFlip("horizontal")],
    "Grenze 45°": lambda: keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.125)]),
    "verschachtelt": lambda: keras.Sequential([keras.Sequential([layers.RandomFlip("horizontal")]),
                                               layers.RandomTranslation(0.2, 0.2)]),
    "Helligkeit": lambda: [layers.RandomFlip("horizontal"), layers.RandomBrightness(0.2)],
}


@pytest.mark.parametrize("name", sorted(RICHTIGE))
def test_label_preserving_photo_augmentations_pass(name):
    status, message = _status(AUG, RICHTIGE[name]())
    assert status == RICHTIG, message


FALSCHE = {
    "senkrecht": (lambda: [layers.RandomFlip("vertical"), layers.RandomZoom(0.1)], "auf den Kopf"),
    "knapp zu weit gedreht": (lambda: [layers.RandomFlip("horizontal"), layers.RandomRotation((-0.05, 0.2))],
                              "±45°"),
    "zu weit verschoben": (lambda: [layers.RandomFlip("horizontal"), layers.RandomTranslation(0.1, 0.4)],
                           "aus dem Bild"),
    "Resizing": (lambda: [layers.RandomFlip("horizontal"), layers.Resizing(40, 40)], "Bildgröße"),
    "Conv2D": (lambda: [layers.RandomFlip("horizontal"), layers.Conv2D(3, 3, padding="same")], "Gewichte"),
    "Text": (lambda: [layers.RandomFlip("horizontal"), "RandomZoom(0.1)"], "keine Keras-Schicht"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE))
def test_further_wrong_augmentations_are_named(name):
    antwort, fragment = FALSCHE[name]
    status, message = _status(AUG, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 1, "RandomFlip", {"a": 1}, np.zeros((80, 80, 3))])
def test_augmentation_wrong_types_get_a_verdict(antwort):
    assert _status(AUG, antwort)[0] == FALSCH


def test_augmentation_placeholder_and_learner_layers_untouched():
    assert _status(AUG, ___)[0] == NICHT_BEARBEITET
    flip = layers.RandomFlip("horizontal")
    pipeline = keras.Sequential([flip, layers.RandomRotation(0.1)])
    konfig = flip.get_config()
    assert _status(AUG, pipeline)[0] == RICHTIG
    assert flip.get_config() == konfig
    assert not pipeline.built

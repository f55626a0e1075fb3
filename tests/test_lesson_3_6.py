"""Lesson 3.6 "Augmentierung mit Fashion-MNIST": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that a check never changes the learner's layers or model.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l3_6

ZIFFERN = l3_6.ziffern_augmentierung
NETZ = l3_6.augmentiertes_netz


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. digits ---------------------------------------------------------------------------

RICHTIGE_ZIFFERN = {
    "Liste, andere Reihenfolge": lambda: [layers.RandomTranslation(0.1, 0.1), layers.RandomRotation(0.05)],
    "nur Zoom": lambda: keras.Sequential([layers.RandomZoom(0.1)]),
    "eine einzelne Schicht": lambda: layers.RandomRotation(0.05),
    "Grenzwert 0.1 als Paar": lambda: keras.Sequential([layers.RandomRotation((-0.1, 0.1))]),
    "verschachtelt mit Input": lambda: keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.Sequential([layers.RandomRotation(0.08, fill_mode="constant")]),
        layers.RandomTranslation(0.15, 0.15, fill_mode="nearest"),
    ]),
    "Pipeline": lambda: layers.Pipeline([layers.RandomZoom(0.2), layers.RandomRotation(0.03)]),
    "Rauschen dazu": lambda: [layers.RandomRotation(0.05), layers.GaussianNoise(0.1)],
    "Zoom nur hinein": lambda: [layers.RandomZoom((-0.2, 0.0))],
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_ZIFFERN))
def test_label_preserving_digit_augmentations_pass(name):
    status, message = _status(ZIFFERN, RICHTIGE_ZIFFERN[name]())
    assert status == RICHTIG, message


FALSCHE_ZIFFERN = {
    "Spiegelung versteckt im inneren Sequential": (
        lambda: keras.Sequential([layers.RandomRotation(0.05), keras.Sequential([layers.RandomFlip("horizontal")])]),
        "gespiegelte 2",
    ),
    "knapp zu weit gedreht": (lambda: [layers.RandomRotation(0.15)], "±54°"),
    "einseitig weit gedreht": (lambda: [layers.RandomRotation((0.0, 0.3))], "aus einer 6 eine 9"),
    "nur in der Breite zu weit verschoben": (lambda: [layers.RandomTranslation(0.05, 0.3)], "außerhalb"),
    "Zoom als Paar zu groß": (lambda: [layers.RandomZoom((-0.5, 0.1))], "aus dem Bild"),
    "RandomCrop ändert die Größe": (lambda: [layers.RandomCrop(20, 20)], "Bildgröße"),
    "RandomInvert": (lambda: [layers.RandomInvert()], "RandomInvert"),
    "Text in der Liste": (lambda: [layers.RandomRotation(0.05), "RandomZoom(0.1)"], "keine Keras-Schicht"),
    "Conv2D": (lambda: [layers.Conv2D(8, 3)], "hat Gewichte"),
    "nur Rescaling und Dropout": (lambda: [layers.Rescaling(1.0), layers.Dropout(0.2)], "keine Zufallsschicht"),
    "alle Faktoren 0": (lambda: [layers.RandomTranslation(0.0, 0.0)], "verändert beim Training nichts"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE_ZIFFERN))
def test_further_wrong_digit_augmentations_are_named(name):
    antwort, fragment = FALSCHE_ZIFFERN[name]
    status, message = _status(ZIFFERN, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 3, "RandomRotation(0.05)", [1, 2], np.zeros((28, 28)), {"a": 1}])
def test_digit_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(ZIFFERN, antwort)
    assert status == FALSCH, message


def test_digit_check_sees_the_placeholder():
    assert _status(ZIFFERN, ___)[0] == NICHT_BEARBEITET
    assert _status(ZIFFERN, [layers.RandomRotation(0.05), ___])[0] == NICHT_BEARBEITET


def test_digit_check_leaves_the_learners_layers_alone():
    drehung = layers.RandomRotation(0.05)
    pipeline = keras.Sequential([drehung, layers.RandomZoom(0.1)])
    konfig = drehung.get_config()
    zustand = keras.ops.convert_to_numpy(drehung.generator.state).copy()
    assert _status(ZIFFERN, pipeline)[0] == RICHTIG
    assert drehung.get_config() == konfig
    assert np.array_equal(keras.ops.convert_to_numpy(drehung.generator.state), zustand)
    assert not pipeline.built  # the check never called (and so built) the learner's pipeline


# -- 2. the augmented convnet ------------------------------------------------------------


def _rumpf():
    return [layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
            layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")]


def _kompiliert(modell):
    modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


def _funktional():
    eingabe = keras.Input(shape=(28, 28, 1))
    x = layers.RandomFlip("horizontal")(eingabe)
    x = layers.RandomTranslation(0.1, 0.1, fill_mode="constant")(x)
    for schicht in _rumpf():
        x = schicht(x)
    return _kompiliert(keras.Model(eingabe, x))


RICHTIGE_NETZE = {
    "funktionale API": _funktional,
    "Schichten einzeln statt Sequential": lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), layers.RandomRotation(0.03), layers.RandomZoom(0.05), *_rumpf()])),
    "ohne keras.Input (noch nicht gebaut)": lambda: _kompiliert(keras.Sequential(
        [keras.Sequential([layers.RandomTranslation(0.05, 0.05)]), *_rumpf()])),
}


@pytest.mark.parametrize("name", sorted(RICHTIGE_NETZE))
def test_correct_augmented_nets_pass(name):
    status, message = _status(NETZ, RICHTIGE_NETZE[name]())
    assert status == RICHTIG, message


def _augmentierung_zwischen_faltung_und_pooling():
    rumpf = _rumpf()
    return _kompiliert(keras.Sequential([keras.Input(shape=(28, 28, 1)), rumpf[0],
                                         layers.RandomRotation(0.05), *rumpf[1:]]))


FALSCHE_NETZE = {
    "Augmentierung nach der ersten Faltung": (_augmentierung_zwischen_faltung_und_pooling, "an den Anfang"),
    "nur Rescaling vorne": (
        lambda: _kompiliert(keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Rescaling(1.0), *_rumpf()])),
        "keine Augmentierungsschicht",
    ),
    "senkrecht gespiegelt": (
        lambda: _kompiliert(keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.RandomFlip("vertical"),
                                              *_rumpf()])),
        "auf den Kopf",
    ),
    "nur die Augmentierung": (lambda: l3_6._referenz_ziffern(), "Ausgabeform"),
    "Liste von Schichten": (lambda: [layers.RandomFlip("horizontal"), *_rumpf()], "ganze Modell"),
    "History": (lambda: keras.callbacks.History(), "fit()"),
    "mit Dropout hinten": (lambda: _kompiliert(keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), layers.RandomFlip("horizontal"), *_rumpf()[:5], layers.Dropout(0.5),
         *_rumpf()[5:]])), "Dropout gehört nicht dazu"),
    "Metrik als Objekt mit anderem Namen": (lambda: _netz_mit_metrik(), "Metrik 'accuracy'"),
}


def _netz_mit_metrik():
    modell = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.RandomFlip("horizontal"), *_rumpf()])
    modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                   metrics=[keras.metrics.SparseCategoricalAccuracy()])  # history key: not "accuracy"
    return modell


@pytest.mark.parametrize("name", sorted(FALSCHE_NETZE))
def test_further_wrong_nets_are_named(name):
    antwort, fragment = FALSCHE_NETZE[name]
    status, message = _status(NETZ, antwort())
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, "modell", 42, np.zeros((1, 28, 28, 1))])
def test_net_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(NETZ, antwort)
    assert status == FALSCH, message


def test_net_check_leaves_the_learners_model_alone():
    keras.utils.set_random_seed(0)
    modell = RICHTIGE_NETZE["funktionale API"]()
    gewichte = [w.copy() for w in modell.get_weights()]
    flip = [s for s in modell.layers if isinstance(s, layers.RandomFlip)][0]
    zustand = keras.ops.convert_to_numpy(flip.generator.state).copy()
    optimierer = modell.optimizer
    assert _status(NETZ, modell)[0] == RICHTIG
    assert all(np.array_equal(a, b) for a, b in zip(modell.get_weights(), gewichte))
    assert np.array_equal(keras.ops.convert_to_numpy(flip.generator.state), zustand)
    assert modell.optimizer is optimierer
    assert not optimierer.variables or int(keras.ops.convert_to_numpy(optimierer.iterations)) == 0


def test_net_check_leaves_an_unbuilt_model_unbuilt():
    modell = RICHTIGE_NETZE["ohne keras.Input (noch nicht gebaut)"]()
    assert _status(NETZ, modell)[0] == RICHTIG
    assert not modell.built


def test_thresholds_sit_where_the_comments_say():
    assert l3_6.MAX_DREHUNG == 0.1 and l3_6.MAX_ZOOM == 0.3 and l3_6.MAX_VERSCHIEBUNG == 0.2
    assert l3_6.PARAMETER == 121_930  # the lesson's baue_convnet, see its summary()

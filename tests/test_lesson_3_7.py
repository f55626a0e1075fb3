"""Lesson 3.7 "Vortrainierte Netze": probes beyond the declared wrong answers.

Correct alternatives that must pass, further wrong answers, wrong types, and
proof that the fine-tuning check works on its own model, never the learner's.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l3_7

FEIN = l3_7.feinabstimmung
ANZAHL = l3_7.trainierbare_parameter


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. feinabstimmung ------------------------------------------------------------------------


def _nur_letzte_per_index(modell, basis):
    """Freeze by index from the front, the optimizer given as a string with a small rate set afterwards."""
    basis.trainable = True
    for schicht in basis.layers[:4]:
        schicht.trainable = False
    modell.compile(optimizer=keras.optimizers.Adam(3e-5), loss="sparse_categorical_crossentropy")
    return modell


def _sgd_klein(modell, basis):
    basis.trainable = True
    for schicht in basis.layers[:-2]:
        schicht.trainable = False
    modell.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-3, momentum=0.9),
                   loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


@pytest.mark.parametrize("antwort", [_nur_letzte_per_index, _sgd_klein], ids=["index", "sgd"])
def test_other_correct_preparations_pass(antwort):
    status, message = _status(FEIN, antwort)
    assert status == RICHTIG, message


def _alles_auf_mit_rmsprop(modell, basis):
    basis.trainable = True
    modell.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="sparse_categorical_crossentropy")
    return modell


def _nur_flatten_aufgetaut(modell, basis):
    """Unfreezes the layer behind the last Conv2D (Flatten, no weights): nothing of the base learns."""
    basis.trainable = False
    basis.trainable = True
    for schicht in basis.layers[:-1]:
        schicht.trainable = False
    modell.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy")
    return modell


def _neues_modell(modell, basis):
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
                             keras.layers.Dense(5, activation="softmax")])


def _falscher_verlust(modell, basis):
    basis.trainable = True
    for schicht in basis.layers[:-2]:
        schicht.trainable = False
    modell.compile(optimizer=keras.optimizers.Adam(1e-4), loss="categorical_crossentropy")
    return modell


FALSCHE = {
    "alles auf, RMSprop 1e-3": (_alles_auf_mit_rmsprop, "überschrieben"),
    "nur Flatten aufgetaut": (_nur_flatten_aufgetaut, "bleibt eingefroren"),
    "neues Modell ohne Basis": (_neues_modell, "Faltungsschichten"),
    "Verlust für One-hot-Labels": (_falscher_verlust, "lässt sich nicht trainieren"),
    "gibt die Basis zurück": (lambda modell, basis: basis, "nicht das ganze Modell"),
    "gibt Text zurück": (lambda modell, basis: "modell", "zurückgeben"),
    "löst einen Fehler aus": (lambda modell, basis: basis.layers[99], "IndexError"),
}


@pytest.mark.parametrize("name", sorted(FALSCHE))
def test_further_wrong_preparations_are_named(name):
    antwort, fragment = FALSCHE[name]
    status, message = _status(FEIN, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("antwort", [None, 3, "basis.trainable = True", [1, 2], keras.Sequential, np.zeros(3)],
                         ids=["None", "int", "text", "list", "class", "array"])
def test_fine_tuning_check_answers_wrong_types_with_a_verdict(antwort):
    status, message = _status(FEIN, antwort)
    assert status == FALSCH, message


def test_fine_tuning_check_sees_the_placeholder():
    assert _status(FEIN, ___)[0] == NICHT_BEARBEITET
    assert _status(FEIN, lambda modell, basis: ___)[0] == NICHT_BEARBEITET


def test_fine_tuning_check_never_touches_the_learners_model():
    """The check calls the function on a model of its own; the learner's model keeps its flags and weights."""
    basis = l3_7._basis()
    modell = keras.Sequential([basis, keras.layers.Dense(5, activation="softmax")])
    basis.trainable = False
    modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    gewichte = [w.copy() for w in modell.get_weights()]
    gesehen = []

    def vorbereiten(m, b):
        gesehen.append(m)
        return l3_7._vorbereitung()(m, b)

    assert _status(FEIN, vorbereiten)[0] == RICHTIG
    assert gesehen and gesehen[0] is not modell
    assert basis.trainable is False
    assert all(np.array_equal(a, b) for a, b in zip(gewichte, modell.get_weights()))


def test_threshold_lies_between_right_and_wrong_learning_rates():
    """1e-4 (the task's limit) passes, 1e-3 (Adam's default) fails, under two check seeds."""
    assert _status(FEIN, l3_7._vorbereitung(lernrate=1e-4))[0] == RICHTIG
    assert _status(FEIN, l3_7._vorbereitung(lernrate=1e-3))[0] == FALSCH


# -- 2. trainierbare_parameter --------------------------------------------------------------


def test_parameter_count_matches_keras():
    basis = l3_7._basis()
    modell = keras.Sequential([basis, keras.layers.Dropout(0.5), keras.layers.Dense(5, activation="softmax")])
    basis.trainable = False
    gezaehlt = sum(int(np.prod(w.shape)) for w in modell.trainable_weights)
    assert gezaehlt == l3_7.KOPF_PARAMETER == 2885
    assert basis.count_params() == l3_7.BASIS_PARAMETER


@pytest.mark.parametrize("antwort,status", [
    (2885, RICHTIG), (np.int32(2885), RICHTIG), (2885.0, None), ("2885", FALSCH), (None, FALSCH), (58629, FALSCH),
])
def test_parameter_count_answers(antwort, status):
    verdict = ANZAHL.evaluate(antwort)
    if status is None:  # a float that equals the count: either accepted or told as a type, never an error
        assert verdict.status in (RICHTIG, FALSCH), verdict.message
    else:
        assert verdict.status == status, verdict.message

"""Exercises of lesson 2.6 "Reuters: Nachrichten nach Themen"."""

import numpy as np

from dlkurs.exercises import (
    Case,
    from_solution,
    FunctionExercise,
    lazy,
    ModelExercise,
    ThoughtQuestion,
    ValueExercise,
    Wrong,
)

# --------------------------------------------------------------------------- one_hot


def _oh_bis_max(labels, anzahl_klassen=46):
    labels = np.asarray(labels)
    ergebnis = np.zeros((len(labels), labels.max() + 1))
    ergebnis[np.arange(len(labels)), labels] = 1
    return ergebnis


def _oh_transponiert(labels, anzahl_klassen=46):
    return np.eye(anzahl_klassen)[labels].T


def _oh_ab_eins(labels, anzahl_klassen=46):
    return np.eye(anzahl_klassen)[np.asarray(labels) - 1]


one_hot = FunctionExercise(
    title="Labels one-hot kodieren",
    reference=from_solution(),
    cases=[
        Case(np.array([3, 0, 1]), 46).named("höchstes Label 3, aber 46 Klassen"),
        Case(np.array([45, 0, 45]), 46).named("Label 45 ist die letzte Klasse"),
        Case(np.array([2, 2]), 3).named("3 Klassen"),
        Case(np.array([], dtype=np.int64), 46).named("keine Labels"),
        Case(np.array([46]), 46).raises((IndexError, ValueError)).named("Label 46 gibt es bei 46 Klassen (0 … 45) nicht"),
    ],
    hints=[
        "Gesucht ist ein Array der Form `(len(labels), anzahl_klassen)`: eine Zeile pro Meldung, eine Spalte pro "
        "Thema, mit einer einzigen 1 in der Spalte des Labels.",
        "Am kürzesten: `np.eye(anzahl_klassen)[labels]` – Zeile k der Einheitsmatrix ist genau die One-Hot-Kodierung "
        "von k. Keras hat dafür `keras.utils.to_categorical(labels, anzahl_klassen)`.",
    ],
    wrong=[
        Wrong(_oh_bis_max, expect="höchstes Label 3, aber 46 Klassen"),
        Wrong(_oh_transponiert, expect="Form"),
        Wrong(_oh_ab_eins, expect="Wert an Index"),
    ],
)

# --------------------------------------------------------------------------- modell (64-64-46)


def _netz(*schichten, compile=True):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,)), *schichten])
    if compile:
        netz.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    return netz


def _dense(units, activation=None):
    import keras

    return keras.layers.Dense(units, activation=activation)


modell = ModelExercise(
    title="Das Netz 64-64-46 für 46 Themen",
    input_shape=(10_000,),
    output_shape=(46,),
    activation="softmax",
    params=647_214,
    compiled=True,
    hints=[
        "Zwei verdeckte Schichten `layers.Dense(64, activation=\"relu\")` – 64 statt 16 Einheiten, weil 46 Klassen "
        "mehr Information durch das Netz schicken müssen als zwei.",
        "Die Ausgabeschicht hat eine Einheit pro Thema und verteilt die Wahrscheinlichkeit auf sie: "
        "`layers.Dense(46, activation=\"softmax\")`. Kompilieren mit `optimizer=\"rmsprop\"`, "
        "`loss=\"categorical_crossentropy\"`, `metrics=[\"accuracy\"]`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46, "sigmoid"))), expect="softmax"),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46))), expect="softmax"),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(1, "sigmoid"))), expect="Ausgabeform"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(46, "softmax"))), expect="Parameter"),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46, "softmax"), compile=False)),
              expect="nicht kompiliert"),
    ],
)

# --------------------------------------------------------------------------- verlust

verlust = ValueExercise(
    title="Der passende Verlust für ganzzahlige Labels",
    expected="sparse_categorical_crossentropy",
    reveal=False,
    hints=[
        "Die Labels sind hier ganze Zahlen 0 … 45, keine One-Hot-Vektoren. Der Verlust muss das Label selbst als "
        "Index der richtigen Klasse lesen.",
        "Es ist dieselbe Kreuzentropie wie `categorical_crossentropy`, nur mit ganzzahligen („spärlichen“, "
        "englisch *sparse*) Labels. Schreibe den Namen als Text, wie bei `compile(loss=...)`.",
    ],
    wrong=[
        Wrong("categorical_crossentropy", expect="stimmt nicht",
              feedback="categorical_crossentropy erwartet One-Hot-Labels der Form (n, 46). "
                       "Für ganze Zahlen gibt es eine eigene Variante."),
        Wrong("binary_crossentropy", expect="stimmt nicht",
              feedback="binary_crossentropy ist für zwei Klassen (eine Sigmoid-Ausgabe) oder für mehrere "
                       "unabhängige Ja/Nein-Labels – hier gehört jede Meldung zu genau einem von 46 Themen."),
        Wrong("mse", expect="stimmt nicht",
              feedback="mse ist ein Verlust für Regression. Für Wahrscheinlichkeiten über Klassen nimmt man "
                       "die Kreuzentropie."),
    ],
)

# --------------------------------------------------------------------------- thought question

engpass = ThoughtQuestion(
    title="Warum schadet eine Schicht mit nur 4 Einheiten?",
)

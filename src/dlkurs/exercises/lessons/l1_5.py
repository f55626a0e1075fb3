"""Exercises of lesson 1.5 "Erstes neuronales Netz".

Nothing heavy at import: MNIST and Fashion-MNIST are loaded on the first check
that needs them (and kept), Keras models are built inside ``lazy`` factories.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlkurs.exercises import (
    clean,
    CustomExercise,
    Falsch,
    lazy,
    ModelExercise,
    per_profile,
    shape_text,
    ThoughtQuestion,
    to_numpy,
    ValueExercise,
    Wrong,
)

#: Parameters of Dense(512) on 784 inputs + Dense(10): 784*512+512 + 512*10+10.
PARAMETER = 407_050

_CACHE: dict[str, tuple] = {}


def _prepared(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``name`` ("mnist" / "fashion_mnist") as the lesson prepares it: (N, 784) float32 in [0, 1]."""
    if name not in _CACHE:
        from dlkurs.data import load

        (x_train, y_train), (x_test, y_test) = load(name)
        x_train = x_train.reshape((len(x_train), 28 * 28)).astype("float32") / 255
        x_test = x_test.reshape((len(x_test), 28 * 28)).astype("float32") / 255
        _CACHE[name] = (x_train, y_train, x_test, y_test)
    return _CACHE[name]


def _dense_net(units: int = 512, output_activation: str | None = "softmax", compiled: bool = True,
               input_shape: tuple[int, ...] = (784,)):
    import keras

    layers = [
        keras.Input(shape=input_shape),
        keras.layers.Dense(units, activation="relu"),
        keras.layers.Dense(10, activation=output_activation),
    ]
    model = keras.Sequential(layers)
    if compiled:
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _trained(n: int, epochs: int, batch_size: int = 32, return_history: bool = False):
    import keras

    keras.utils.set_random_seed(7)  # declared wrong answers must not depend on earlier random draws
    x_train, y_train, _, _ = _prepared("mnist")
    model = _dense_net()
    history = model.fit(x_train[:n], y_train[:n], epochs=epochs, batch_size=batch_size, verbose=0)
    return history if return_history else model


# -- 1. parameters of the first layer ------------------------------------------------------

parameter_erste_schicht = ValueExercise(
    title="Parameter der ersten Dense-Schicht",
    expected=784 * 512 + 512,
    what="Anzahl",
    hints=[
        "Jedes der 512 Neuronen ist mit **jedem** der 784 Eingabewerte verbunden – "
        "jede Verbindung hat ein eigenes Gewicht.",
        "Dazu kommt pro Neuron ein Bias. Also: Eingaben × Neuronen + Neuronen.",
    ],
    wrong=[
        Wrong(784 * 512, expect="Anzahl", feedback="Das sind nur die Gewichte – jedes der 512 Neuronen hat noch einen Bias."),
        Wrong(PARAMETER, expect="Anzahl", feedback="Das ist das ganze Modell – gefragt ist nur die erste Schicht."),
        Wrong(512 * 10 + 10, expect="Anzahl", feedback="Das ist die zweite (Ausgabe-)Schicht."),
        Wrong(784 + 512, expect="Anzahl", feedback="Gewichte gibt es für jedes Paar aus Eingabe und Neuron: multiplizieren, nicht addieren."),
    ],
)


# -- 2. only 100 training images ---------------------------------------------------------

#: a model that saw only 100 images cannot generalise this well (a dense net gets about 0.68)
MAX_TEST_100 = 0.85
#: ... but it should know its 100 training images almost by heart
MIN_TRAIN_100 = 0.95


def _accuracy(model: Any, x: np.ndarray, y: np.ndarray) -> float:

    probabilities = to_numpy(model.predict(x, verbose=0, batch_size=512))
    return float(np.mean(probabilities.argmax(axis=-1) == y))


def _check_modell_100(model: Any) -> str | None:
    import keras


    if isinstance(model, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
    if not isinstance(model, keras.Model):
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {type(model).__name__}")
    x_train, y_train, x_test, y_test = _prepared("mnist")
    try:
        output = keras.ops.convert_to_numpy(model(x_test[:8], training=False))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Eingaben der Form (None, 784) aufrufen: {clean(err, 160)}") from None
    if output.shape[1:] != (10,):
        raise Falsch(f"Ausgabeform {shape_text((None, *output.shape[1:]))} statt (None, 10)")
    count = int(model.count_params())
    if count != PARAMETER:
        raise Falsch(
            f"Das Modell hat {count:_} Parameter statt {PARAMETER:_} – baue genau dasselbe Netz wie oben "
            "(Dense(512, relu) und Dense(10, softmax))".replace("_", " ")
        )
    train_acc = _accuracy(model, x_train[:100], y_train[:100])
    test_acc = _accuracy(model, x_test, y_test)
    if test_acc >= MAX_TEST_100:
        return (
            f"Testgenauigkeit {test_acc:.3f} – so gut wird ein Netz mit nur 100 Trainingsbildern nicht. "
            "Hast du mit mehr als den ersten 100 Bildern trainiert (x_train[:100], train_labels[:100]) "
            "oder das schon trainierte `modell` weiterverwendet?"
        )
    if train_acc < MIN_TRAIN_100:
        if train_acc < 0.3:
            reason = "ist das Modell überhaupt trainiert (fit)?"
        else:
            reason = "trainiere länger (30 Epochen), bis es sie fast alle richtig erkennt"
        return (
            f"Auf seinen 100 Trainingsbildern erreicht das Modell erst eine Genauigkeit von {train_acc:.2f} – {reason}"
        )
    return None


modell_100 = CustomExercise(
    title="Dasselbe Netz, aber nur 100 Trainingsbilder",
    check=_check_modell_100,
    hints=[
        "Baue ein **neues** Modell mit `keras.Sequential([...])` – genau wie oben – und kompiliere es. "
        "Das alte `modell` hat schon alle Trainingsbilder gesehen.",
        "Trainiere mit `modell_100.fit(x_train[:100], train_labels[:100], epochs=30, batch_size=32, "
        "validation_data=(x_val, y_val), verbose=0)` und speichere die Rückgabe in `verlauf_100`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _dense_net()), expect="überhaupt trainiert"),
        Wrong(lazy(lambda: _trained(5000, 3, batch_size=128)), expect="mehr als den ersten 100"),
        Wrong(lazy(lambda: _trained(100, 1, return_history=True)), expect="History"),
        Wrong(lazy(lambda: _dense_net(units=256)), expect="Parameter"),
    ],
)

ueberanpassung = ThoughtQuestion(title="Was passiert mit nur 100 Trainingsbildern?")


# -- 3. Fashion-MNIST --------------------------------------------------------------------


def _fashion() -> tuple:
    x_train, y_train, x_test, y_test = _prepared("fashion_mnist")
    return x_train[:10], y_train[:10], x_test, y_test


#: the lesson trains on a subset for one epoch in the quick profile (~0.70), fully for 5 epochs (~0.87)
FASHION_THRESHOLD = per_profile(quick=0.6, full=0.84)

modell_fashion = ModelExercise(
    title="Dasselbe Netz für Fashion-MNIST",
    input_shape=(784,),
    output_shape=(10,),
    params=PARAMETER,
    activation="softmax",
    compiled=True,
    data=_fashion,
    metric="accuracy",
    threshold=FASHION_THRESHOLD,
    hints=[
        "Bereite die Kleidungsbilder genauso vor wie die Ziffern: `reshape((anzahl, 28 * 28))`, "
        "dann `astype(\"float32\") / 255`.",
        "Das Modell ist dasselbe wie oben: `Dense(512, activation=\"relu\")`, dann `Dense(10, activation=\"softmax\")`; "
        "`compile` mit rmsprop, sparse_categorical_crossentropy und accuracy; `fit` mit `epochs=epochs`, `batch_size=128`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _dense_net(compiled=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _dense_net(output_activation=None)), expect="softmax"),
        Wrong(lazy(lambda: _dense_net(units=256)), expect="Anzahl der Parameter"),
        Wrong(lazy(lambda: _dense_net(input_shape=(28, 28))), expect="Eingaben der Form"),
        Wrong(lazy(lambda: _dense_net()), expect="Genauigkeit auf den Testdaten"),
    ],
)

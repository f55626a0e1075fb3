"""ModelExercise: behaviour checks of Keras models (run under TensorFlow and, via
test_backends.py, under JAX)."""

from __future__ import annotations

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, ModelExercise, Wrong, lazy  # noqa: E402


def tiny_data():
    """Three well separated classes in four dimensions: learnable in a few epochs."""
    rng = np.random.default_rng(0)
    centers = np.array([[3, 0, 0, 0], [0, 3, 0, 0], [0, 0, 3, 0]], dtype="float32")
    y = rng.integers(0, 3, size=400)
    x = centers[y] + rng.normal(scale=0.7, size=(400, 4)).astype("float32")
    return x[:300], y[:300], x[300:], y[300:]


def classifier(units=3, activation="softmax", compile=True, lr=0.05, optimizer=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(units, activation=activation)]
    )
    if compile:
        model.compile(
            optimizer=optimizer or keras.optimizers.Adam(lr),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
    return model


def make_exercise(**overrides):
    options = dict(
        title="Klassifikator",
        input_shape=(4,),
        output_shape=(3,),
        activation="softmax",
        params=(4 * 8 + 8 + 8 * 3 + 3),
        data=lazy(tiny_data),
        epochs=5,
        batch_size=32,
        metric="accuracy",
        threshold=0.8,
        time_budget=60,
        wrong=[
            Wrong(lazy(lambda: classifier(activation=None)), expect="softmax"),
            Wrong(lazy(lambda: classifier(compile=False)), expect="nicht kompiliert"),
        ],
        reference=lazy(classifier),
    )
    options.update(overrides)
    exercise = ModelExercise(**options)
    exercise.bind("9.9", "modell")
    return exercise


@pytest.fixture(scope="module")
def exercise():
    return make_exercise()


def test_reference_model_passes(exercise):
    verdict = exercise.evaluate(exercise.reference())
    assert verdict.status == RICHTIG, verdict.message


def test_declared_wrong_models_fail(exercise):
    for wrong in exercise.wrong:
        verdict = exercise.evaluate(wrong.build())
        assert verdict.status == FALSCH
        assert wrong.expect in verdict.message


def test_missing_softmax(exercise):
    message = exercise.evaluate(classifier(activation=None)).message
    assert message.startswith("Die Ausgaben sind keine Wahrscheinlichkeiten")
    assert "activation='softmax' (gefunden: 'linear')" in message


def test_wrong_output_shape(exercise):
    assert exercise.evaluate(classifier(units=2)).message.startswith(
        "Ausgabeform (None, 2) statt (None, 3) – die letzte Schicht braucht 3 Einheiten"
    )


def test_uncompiled_model_is_reported(exercise):
    assert "Das Modell ist nicht kompiliert" in exercise.evaluate(classifier(compile=False)).message


def test_wrong_input_shape(exercise):
    model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(3, activation="softmax")])
    message = exercise.evaluate(model).message
    assert message.startswith("Das Modell lässt sich nicht mit Eingaben der Form (8, 4) aufrufen (erwartet: Eingabeform (None, 4))")


def test_missing_flatten():
    ex = make_exercise(input_shape=(2, 2), output_shape=(3,), params=None, data=None, epochs=None, threshold=None)
    model = keras.Sequential([keras.Input(shape=(2, 2)), keras.layers.Dense(3, activation="softmax")])
    assert "fehlt eine Flatten-Schicht" in ex.evaluate(model).message


def test_parameter_count(exercise):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    assert exercise.evaluate(model).message == "Anzahl der Parameter 131 statt 67."


def test_not_a_model(exercise):
    assert exercise.evaluate(___).status == NICHT_BEARBEITET
    assert "Erwartet wird ein Keras-Modell" in exercise.evaluate(None).message
    assert "Erwartet wird ein Keras-Modell" in exercise.evaluate(np.zeros(3)).message
    assert "Eine einzelne Schicht" in exercise.evaluate(keras.layers.Dense(3)).message
    assert "Liste von Schichten" in exercise.evaluate([keras.layers.Dense(3)]).message


def test_metric_not_reached_and_loss_not_decreasing(exercise):
    frozen = classifier(optimizer=keras.optimizers.SGD(learning_rate=0.0))
    message = exercise.evaluate(frozen).message
    assert message.startswith("Genauigkeit auf den Testdaten")
    assert "gefordert mindestens 0.8" in message
    assert "der Verlust sinkt beim Training nicht" in message


def test_time_budget_stops_training():
    ex = make_exercise(time_budget=0.0, epochs=50)
    message = ex.evaluate(classifier(lr=1e-5)).message
    assert "Zeitbudget von 0 s" in message


def test_learners_model_is_not_changed_by_training(exercise):
    model = classifier()
    before = [w.copy() for w in model.get_weights()]
    exercise.evaluate(model)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_sigmoid_and_single_unit_softmax():
    ex = make_exercise(output_shape=(1,), activation="sigmoid", params=None, data=None, epochs=None, threshold=None)
    one_softmax = classifier(units=1, activation="softmax")
    assert "softmax über eine einzige Einheit" in ex.evaluate(one_softmax).message
    assert ex.evaluate(classifier(units=1, activation="sigmoid")).ok
    relu = ex.evaluate(classifier(units=1, activation="linear")).message
    assert "außerhalb von [0, 1]" in relu


def test_linear_output_for_regression():
    ex = make_exercise(output_shape=(1,), activation="linear", params=None, data=None, epochs=None, threshold=None)
    assert ex.evaluate(classifier(units=1, activation=None)).ok
    assert "Aktivierung 'relu'" in ex.evaluate(classifier(units=1, activation="relu")).message


def test_regression_metric():
    def data():
        rng = np.random.default_rng(1)
        x = rng.normal(size=(300, 4)).astype("float32")
        y = x @ np.array([1.0, -2.0, 0.5, 0.0], dtype="float32")
        return x[:200], y[:200], x[200:], y[200:]

    def regressor():
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.Adam(0.1), loss="mse")
        return model

    ex = make_exercise(output_shape=(1,), activation="linear", params=5, data=data, epochs=20, metric="mae", threshold=0.3)
    verdict = ex.evaluate(regressor())
    assert verdict.ok, verdict.message


def test_accuracy_with_column_vector_labels_as_in_cifar():
    import numpy as np

    from dlkurs.exercises.models import _metric

    probabilities = np.eye(10)[[3, 5, 1]]  # (3, 10) softmax-like outputs
    assert _metric("accuracy", np.array([[3], [5], [2]]), probabilities) == 2 / 3
    assert _metric("accuracy", np.eye(10)[[3, 5, 2]], probabilities) == 2 / 3


def _own_sparse_crossentropy(y_true, y_pred):
    """A learner's own loss, defined in a notebook cell: clone_model cannot look it up."""
    return keras.losses.sparse_categorical_crossentropy(y_true, y_pred)


def test_model_with_a_custom_python_loss_is_trained_on_a_copy_and_judged(exercise):
    model = classifier(compile=False)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss=_own_sparse_crossentropy, metrics=["accuracy"])
    before = [w.copy() for w in model.get_weights()]
    verdict = exercise.evaluate(model)
    assert verdict.status == RICHTIG, verdict.message
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    assert int(model.optimizer.iterations) == 0


def test_a_loss_class_without_parentheses_is_named_as_such():
    """loss=keras.losses.BinaryCrossentropy (the class) cannot train; the check says why, and still reads the metrics."""
    import keras

    from dlkurs.exercises.models import compiled_loss, loss_name, metric_names

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="rmsprop", loss=keras.losses.BinaryCrossentropy, metrics=["accuracy"])
    assert loss_name(compiled_loss(model)) == "binary_crossentropy (Klasse ohne Klammern)"
    assert metric_names(model) == ["accuracy"]
    model.compile(optimizer="rmsprop", loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    assert loss_name(compiled_loss(model)) == "binary_crossentropy"

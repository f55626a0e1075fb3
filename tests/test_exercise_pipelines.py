"""The check framework's shared pieces for augmentation and compile checks."""

from __future__ import annotations

import numpy as np
import pytest

keras = pytest.importorskip("keras")
from keras import layers  # noqa: E402

from dlkurs.exercises import (  # noqa: E402
    Falsch,
    compile_problem,
    factor_span,
    fresh_layer,
    is_random_layer,
    model_copy,
    pipeline_layers,
    run_pipeline,
)


def test_pipeline_layers_flattens_nested_sequentials_and_lists():
    innen = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomZoom(0.2)])
    aussen = keras.Sequential([keras.Input((8, 8, 1)), innen, layers.RandomRotation(0.1)])
    assert [type(s).__name__ for s in pipeline_layers(aussen)] == ["RandomFlip", "RandomZoom", "RandomRotation"]
    assert [type(s).__name__ for s in pipeline_layers([innen, layers.GaussianNoise(0.1)])] == [
        "RandomFlip", "RandomZoom", "GaussianNoise"]
    assert pipeline_layers(keras.Sequential([])) == []


@pytest.mark.parametrize("answer, expect", [
    ("RandomFlip('horizontal')", "keras.Sequential"),
    (None, "keras.Sequential"),
    ([layers.RandomFlip("horizontal"), "RandomZoom"], "keine Keras-Schicht"),
])
def test_pipeline_layers_rejects_what_is_no_layer(answer, expect):
    with pytest.raises(Falsch, match=expect):
        pipeline_layers(answer)


def test_pipeline_layers_names_the_given_example():
    with pytest.raises(Falsch, match=r"RandomRotation\(0.05\)"):
        pipeline_layers([3], example="layers.RandomRotation(0.05)")


def test_pipeline_layers_rejects_a_history():
    modell = keras.Sequential([keras.Input((2,)), layers.Dense(1)])
    modell.compile("sgd", "mse")
    verlauf = modell.fit(np.zeros((4, 2)), np.zeros((4, 1)), epochs=1, verbose=0)
    with pytest.raises(Falsch, match="History"):
        pipeline_layers(verlauf)


@pytest.mark.parametrize("factor, span", [(None, 0.0), (0.2, 0.2), (-0.3, 0.3), ((-0.1, 0.25), 0.25),
                                          ([None, -0.4], 0.4), ((), 0.0)])
def test_factor_span(factor, span):
    assert factor_span(factor) == pytest.approx(span)


def test_is_random_layer():
    assert is_random_layer(layers.RandomFlip("horizontal"))
    assert is_random_layer(layers.GaussianNoise(0.1))
    assert not is_random_layer(layers.Rescaling(1 / 255))
    assert not is_random_layer(layers.Dense(3))
    assert not is_random_layer("RandomFlip")


def test_run_pipeline_leaves_the_learners_layers_alone():
    bilder = np.random.default_rng(0).uniform(0, 1, (2, 16, 16, 1)).astype("float32")
    drehung = layers.RandomRotation(0.2, seed=7)
    vorher = dict(drehung.get_config())
    aktiv, ruhig = run_pipeline([drehung], bilder)
    assert np.allclose(ruhig, bilder)
    assert not np.allclose(aktiv, bilder)
    assert drehung.get_config() == vorher and not drehung.built
    # rebuilt copies with fixed seeds: the same answer gives the same augmented images
    nochmal, _ = run_pipeline([drehung], bilder)
    assert np.allclose(aktiv, nochmal)
    kopie = fresh_layer(drehung, seed=3)
    assert kopie is not drehung and kopie.get_config()["seed"] == 3 and factor_span(kopie.get_config()["factor"]) == 0.2


def _netz(kompilieren=True, **compile_args):
    modell = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="softmax")])
    if kompilieren:
        args = dict(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        args.update(compile_args)
        modell.compile(**args)
    return modell


@pytest.mark.parametrize("modell, expect", [
    (lambda: _netz(kompilieren=False), "nicht kompiliert"),
    (lambda: _netz(optimizer="sgd"), "SGD statt Adam"),
    (lambda: _netz(optimizer=keras.optimizers.Adam(0.01)), "Lernrate 0.01 statt 0.001"),
    (lambda: _netz(loss="categorical_crossentropy"), "'categorical_crossentropy' statt"),
    (lambda: _netz(metrics=[]), "Metrik 'accuracy'"),
])
def test_compile_problem_names_what_differs(modell, expect):
    grund = compile_problem(modell(), optimizer="Adam", learning_rate=0.001, loss="sparse_categorical_crossentropy",
                            metric="accuracy", remedy=" – wie oben")
    assert grund is not None and expect in grund and grund.endswith("wie oben")


@pytest.mark.parametrize("modell", [
    lambda: _netz(),
    lambda: _netz(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy()),
    lambda: _netz(optimizer=keras.optimizers.Adam(learning_rate=1e-3), metrics=["accuracy", "mae"]),
])
def test_compile_problem_accepts_equivalent_spellings(modell):
    assert compile_problem(modell(), optimizer="Adam", learning_rate=0.001, loss="sparse_categorical_crossentropy",
                           metric="accuracy") is None


def test_compile_problem_without_rate_or_metric_accepts_any():
    modell = _netz(optimizer=keras.optimizers.Adam(0.02), metrics=[])
    assert compile_problem(modell, optimizer="Adam", loss="sparse_categorical_crossentropy") is None


def test_model_copy_has_the_weights_and_leaves_the_model_alone():
    modell = keras.Sequential([layers.Dense(2)])  # not built: the copy must not build the learner's model
    x = np.ones((3, 4), dtype="float32")
    kopie = model_copy(modell, x)
    assert kopie is not modell and not modell.built
    gebaut = _netz()
    kopie = model_copy(gebaut, x)
    assert kopie is not gebaut
    assert np.allclose(kopie.predict(x, verbose=0), gebaut.predict(x, verbose=0))
    kopie.layers[-1].kernel.assign(np.zeros((4, 3)))
    assert not np.allclose(gebaut.layers[-1].kernel.numpy(), 0)

"""Lesson 3.1 "Rückblick: stabiles Training": the kit module gradient_flow and the exercise probes
beyond the declared wrong answers (further mistakes, correct alternatives, wrong types, no mutation)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben
from dlkurs.kit.gradient_flow import (
    activation_stats,
    chain_gradients,
    global_norm,
    gradient_norms,
    plot_per_layer,
    weighted_layers,
)


@pytest.fixture(scope="module")
def aufgabe():
    return aufgaben("3.1")


def _deep(activation, init="glorot_uniform", depth=6, width=32):
    return keras.Sequential(
        [keras.Input((20,))]
        + [keras.layers.Dense(width, activation=activation, kernel_initializer=init) for _ in range(depth)]
        + [keras.layers.Dense(3, activation="softmax")]
    )


# -- kit: gradient_flow ----------------------------------------------------------------------


def test_weighted_layers_skip_layers_without_kernel():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, use_bias=False), keras.layers.BatchNormalization(),
                              keras.layers.Activation("relu"), keras.layers.Dense(2)])
    assert [type(layer).__name__ for layer in weighted_layers(model)] == ["Dense", "Dense"]
    with pytest.raises(TypeError):
        weighted_layers("kein Modell")


def test_gradient_norms_vanish_in_a_deep_sigmoid_net_and_not_with_relu_he():
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(64, 20)).astype("float32")
    y = np.arange(64) % 3
    sigmoid = gradient_norms(_deep("sigmoid", depth=8), x, y)
    relu = gradient_norms(_deep("relu", "he_normal", depth=8), x, y)
    assert sigmoid.shape == relu.shape == (9,)
    assert sigmoid[0] / sigmoid[-1] < 1e-3
    assert 0.1 < relu[0] / relu[-1] < 10


def test_gradient_norms_match_a_hand_computed_gradient_and_leave_the_model_unchanged():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, use_bias=False)])
    model.layers[0].kernel.assign(np.array([[1.0], [2.0]]))
    x, y = np.array([[1.0, 1.0]]), np.array([[0.0]])
    # loss = (w1 + w2 - 0)^2 = 9, gradient 2 * 3 * x = (6, 6), norm 6 * sqrt(2)
    norms = gradient_norms(model, x, y, loss="mse")
    assert np.allclose(norms, [6 * np.sqrt(2)], rtol=1e-5)
    assert np.allclose(keras.ops.convert_to_numpy(model.layers[0].kernel), [[1.0], [2.0]])


def test_activation_stats_show_zero_init_and_he_stability():
    x = np.random.default_rng(1).normal(size=(128, 20)).astype("float32")
    zeros = activation_stats(_deep("relu", "zeros"), x)
    assert np.all(zeros["std"] == 0) and np.all(zeros["zero"][:-1] == 1.0)
    keras.utils.set_random_seed(1)
    he = activation_stats(_deep("relu", "he_normal", depth=10, width=256), x)
    assert set(he) == {"mean", "std", "zero"} and he["std"].shape == (11,)
    assert 0.3 < he["std"][-2] / he["std"][0] < 3
    small = activation_stats(_deep("relu", keras.initializers.RandomNormal(stddev=0.01), depth=10, width=64), x)
    assert small["std"][-2] < 1e-8


def test_chain_gradients_equal_the_product_formula():
    w, b = np.array([2.0, -1.0, 0.5]), np.array([0.1, 0.2, -0.3])
    a, grad, expected = 0.4, 1.0, []
    for w_k, b_k in zip(w, b):
        a = 1 / (1 + np.exp(-(w_k * a + b_k)))
        grad *= w_k * a * (1 - a)
        expected.append(grad)
    assert np.allclose(chain_gradients(w, b, x=0.4), expected, rtol=1e-10)
    assert np.allclose(chain_gradients(np.ones(5), x=0.5, activation="relu"), np.ones(5))
    with pytest.raises(ValueError):
        chain_gradients([1.0, 2.0], [0.0])


def test_global_norm_and_plot_per_layer():
    assert global_norm([np.array([3.0, 4.0]), np.array([[0.0, 12.0]])]) == pytest.approx(13.0)
    assert global_norm([]) == 0.0
    ax = plot_per_layer({"a": [1.0, 0.1, 0.0], "b": [1.0, 1.0, 1.0]}, ylabel="Länge", title="T")
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "Länge" and len(ax.lines) == 2
    assert ax.get_legend() is not None


# -- kette_gradient ----------------------------------------------------------------------------


def _kette(x, w, b):
    a, g = x, 1.0
    for w_k, b_k in zip(w, b):
        a = 1 / (1 + np.exp(-(w_k * a + b_k)))
        g *= w_k * a * (1 - a)
    return g


def _kette_float32(x, w, b):
    a, g = np.float32(x), np.float32(1.0)
    for w_k, b_k in zip(np.asarray(w, "float32"), np.asarray(b, "float32")):
        a = np.float32(1) / (np.float32(1) + np.exp(-(w_k * a + b_k)))
        g = g * w_k * a * (np.float32(1) - a)
    return g


def _kette_rekursiv(x, w, b):
    if len(w) == 0:
        return 1.0
    z = w[0] * x + b[0]
    s = 1 / (1 + np.exp(-z))
    return w[0] * s * (1 - s) * _kette_rekursiv(s, w[1:], b[1:])


def _kette_betrag(x, w, b):
    return abs(_kette(x, w, b))


def _kette_ohne_letzte(x, w, b):
    return _kette(x, w[:-1], b[:-1])


@pytest.mark.parametrize("answer", [_kette, _kette_float32, _kette_rekursiv])
def test_kette_gradient_accepts_correct_alternatives(aufgabe, answer):
    assert aufgabe.kette_gradient.check(answer).status == RICHTIG


@pytest.mark.parametrize("answer", [_kette_betrag, _kette_ohne_letzte, lambda x, w, b: 0.25 ** len(w)])
def test_kette_gradient_rejects_further_mistakes(aufgabe, answer):
    assert aufgabe.kette_gradient.check(answer).status == FALSCH


@pytest.mark.parametrize("answer", [None, "f", 3.0, [1, 2], lambda: 1.0, lambda x, w, b: "eins"])
def test_kette_gradient_wrong_types_give_a_verdict(aufgabe, answer):
    assert aufgabe.kette_gradient.check(answer).status == FALSCH


def test_kette_gradient_placeholder(aufgabe):
    assert aufgabe.kette_gradient.check(lambda x, w, b: ___).status == NICHT_BEARBEITET


# -- relu_init ---------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "he_normal", "he_uniform", "HeNormal",
    lambda: keras.initializers.HeNormal(seed=3),
    lambda: keras.initializers.HeUniform(),
    lambda: keras.initializers.VarianceScaling(scale=2.0, mode="fan_in", distribution="untruncated_normal"),
    lambda: keras.initializers.HeNormal,  # the class itself
])
def test_relu_init_accepts_he_in_every_spelling(aufgabe, answer):
    answer = answer() if callable(answer) and not isinstance(answer, str) else answer
    assert aufgabe.relu_init.check(answer).status == RICHTIG


@pytest.mark.parametrize("answer, fragment", [
    ("glorot_normal", "Glorot"),
    ("lecun_uniform", "doppelte Varianz"),
    ("ones", "Symmetrie"),
    ("orthogonal", "2 / n_in"),
    (lambda: keras.initializers.RandomNormal(stddev=0.125), "Zahl der Eingänge"),
    (lambda: keras.initializers.VarianceScaling(scale=2.0, mode="fan_out"), "Zahl der Eingänge"),
    (lambda: keras.initializers.RandomNormal(mean=1.0, stddev=0.1), "Mittelwert"),
])
def test_relu_init_rejects_further_initializers(aufgabe, answer, fragment):
    answer = answer() if callable(answer) and not isinstance(answer, str) else answer
    verdict = aufgabe.relu_init.check(answer)
    assert verdict.status == FALSCH and fragment in verdict.message


@pytest.mark.parametrize("answer", [None, 2, ["he_normal"], np.ones(3), True, "", lambda shape, dtype=None: "x"])
def test_relu_init_wrong_types_give_a_verdict(aufgabe, answer):
    assert aufgabe.relu_init.check(answer).status == FALSCH


# -- clip_global -------------------------------------------------------------------------------


def _clip(gradienten, max_norm):
    laenge = np.sqrt(sum(np.sum(g ** 2) for g in gradienten))
    return [g * max_norm / laenge for g in gradienten] if laenge > max_norm else [g.copy() for g in gradienten]


def _clip_tf(gradienten, max_norm):
    import tensorflow as tf

    clipped, _ = tf.clip_by_global_norm([tf.constant(g) for g in gradienten], max_norm)
    return [c.numpy() for c in clipped]


def _clip_tuple(gradienten, max_norm):
    return tuple(_clip(gradienten, max_norm))


def _clip_mittel(gradienten, max_norm):
    laenge = np.sqrt(np.mean([np.sum(g ** 2) for g in gradienten]))
    faktor = max_norm / max(laenge, max_norm)
    return [g * faktor for g in gradienten]


def _clip_flach(gradienten, max_norm):
    flach = np.concatenate([g.ravel() for g in gradienten])
    return [flach * min(1.0, max_norm / max(np.linalg.norm(flach), 1e-12))]


def test_clip_global_accepts_a_correct_alternative(aufgabe):
    assert aufgabe.clip_global.check(_clip).status == RICHTIG


@pytest.mark.parametrize("answer, fragment", [
    (_clip_tf, "selbst in NumPy"),  # the task asks for NumPy; tf.clip_by_global_norm is the comparison after it
    (_clip_tuple, "Tupel"),  # "gib eine Liste zurück"
    (_clip_mittel, "statt"),
    (_clip_flach, "statt"),
    (lambda g, m: g, "übergebene Liste selbst"),
    (lambda g, m: [x / m for x in g], "statt"),
])
def test_clip_global_rejects_further_mistakes(aufgabe, answer, fragment):
    verdict = aufgabe.clip_global.check(answer)
    assert verdict.status == FALSCH and fragment in verdict.message, verdict.message


def test_clip_global_names_per_tensor_clipping(aufgabe):
    def je_tensor(gradienten, max_norm):
        return [g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-12)) for g in gradienten]

    verdict = aufgabe.clip_global.check(je_tensor)
    assert verdict.status == FALSCH and "clipnorm" in verdict.message


@pytest.mark.parametrize("answer", [None, "clip", 1.0, lambda g: g, lambda g, m: None, lambda g, m: 13.0])
def test_clip_global_wrong_types_give_a_verdict(aufgabe, answer):
    assert aufgabe.clip_global.check(answer).status == FALSCH


# -- layer_norm --------------------------------------------------------------------------------


def _ln(x, gamma, beta, eps=1e-3):
    m = np.mean(x, axis=-1, keepdims=True)
    v = np.mean((x - m) ** 2, axis=-1, keepdims=True)
    return gamma * (x - m) / np.sqrt(v + eps) + beta


def _ln_keras(x, gamma, beta, eps=1e-3):
    layer = keras.layers.LayerNormalization(epsilon=eps)
    layer.build(np.shape(x))
    layer.gamma.assign(np.asarray(gamma, "float32"))
    layer.beta.assign(np.asarray(beta, "float32"))
    return keras.ops.convert_to_numpy(layer(np.asarray(x, "float32")))


def _ln_float32(x, gamma, beta, eps=1e-3):
    return _ln(np.asarray(x, "float32"), np.asarray(gamma, "float32"), np.asarray(beta, "float32"), np.float32(eps))


def _ln_ohne_keepdims(x, gamma, beta, eps=1e-3):
    return gamma * (x - x.mean(axis=-1)) / np.sqrt(x.var(axis=-1) + eps) + beta


def _ln_std_eps(x, gamma, beta, eps=1e-3):
    return gamma * (x - x.mean(-1, keepdims=True)) / np.sqrt(x.std(-1, keepdims=True) ** 2) + beta


def _ln_achse_1(x, gamma, beta, eps=1e-3):
    """Axis 1 instead of the last axis: the same for 2-D inputs, wrong for three axes."""
    return gamma * (x - x.mean(axis=1, keepdims=True)) / np.sqrt(x.var(axis=1, keepdims=True) + eps) + beta


@pytest.mark.parametrize("answer", [_ln, _ln_float32])
def test_layer_norm_accepts_correct_alternatives(aufgabe, answer):
    assert aufgabe.layer_norm.check(answer).status == RICHTIG


def test_layer_norm_rejects_the_keras_layer(aufgabe):
    verdict = aufgabe.layer_norm.check(_ln_keras)  # right numbers, but the task says "in NumPy"
    assert verdict.status == FALSCH and "ohne die Keras-Schicht" in verdict.message


@pytest.mark.parametrize("answer", [_ln_ohne_keepdims, _ln_std_eps, _ln_achse_1,
                                    lambda x, g, b, eps=1e-3: (x - x.mean(-1, keepdims=True)) * g + b])
def test_layer_norm_rejects_further_mistakes(aufgabe, answer):
    assert aufgabe.layer_norm.check(answer).status == FALSCH


def test_layer_norm_names_batchnorm_axis(aufgabe):
    def batch(x, gamma, beta, eps=1e-3):
        return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta

    verdict = aufgabe.layer_norm.check(batch)
    assert verdict.status == FALSCH and "BatchNormalization" in verdict.message


@pytest.mark.parametrize("answer", [None, "ln", 0.0, lambda x: x, lambda x, g, b, eps=1e-3: [1, 2]])
def test_layer_norm_wrong_types_give_a_verdict(aufgabe, answer):
    assert aufgabe.layer_norm.check(answer).status == FALSCH

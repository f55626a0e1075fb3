"""dlkurs.scratch.functional against Keras 3 / TensorFlow in float64: values and gradients to 1e-6."""

import numpy as np
import pytest
from scratch_helpers import check_against_tf, close

from dlkurs.scratch import Tensor, gradient_check
from dlkurs.scratch import functional as F


# ================================================================ activations
ACTIVATIONS = {  # name: (engine, keras activation given keras)
    "sigmoid": (F.sigmoid, lambda k: k.activations.sigmoid),
    "tanh": (F.tanh, lambda k: k.activations.tanh),
    "relu": (F.relu, lambda k: k.activations.relu),
    "leaky_relu": (F.leaky_relu, lambda k: k.activations.leaky_relu),
    "leaky_relu_0.3": (lambda x: F.leaky_relu(x, 0.3), lambda k: lambda x: k.activations.leaky_relu(x, 0.3)),
    "elu": (F.elu, lambda k: k.activations.elu),
    "elu_0.5": (lambda x: F.elu(x, 0.5), lambda k: lambda x: k.activations.elu(x, 0.5)),
    "gelu": (F.gelu, lambda k: k.activations.gelu),
    "gelu_tanh": (lambda x: F.gelu(x, approximate=True), lambda k: lambda x: k.activations.gelu(x, approximate=True)),
    "softmax": (F.softmax, lambda k: k.activations.softmax),
    "softmax_axis0": (lambda x: F.softmax(x, axis=0), lambda k: lambda x: k.activations.softmax(x, axis=0)),
    "log_softmax": (F.log_softmax, lambda k: k.activations.log_softmax),
}


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activation(keras64, rng, name):
    keras, tf = keras64
    engine, reference = ACTIVATIONS[name]
    x = rng.normal(scale=2.0, size=(4, 6))
    x[0, :3] = [1e-3, -1e-3, 3.0]  # avoid the kink at exactly 0; values on both sides
    check_against_tf(tf, engine, reference(keras), x)


def test_softmax_with_large_logits_is_finite_and_exact(keras64):
    keras, tf = keras64
    x = np.array([[1000.0, 1001.0, 999.0], [-1000.0, 0.0, 1000.0]])
    out = check_against_tf(tf, F.softmax, keras.activations.softmax, x)
    assert np.all(np.isfinite(out.data))
    close(out.data.sum(axis=-1), [1.0, 1.0])


def test_sigmoid_saturates_without_overflow_and_keeps_tiny_values(keras64):
    keras, tf = keras64
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = F.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    close(y, [0.0, 0.5, 1.0])
    check_against_tf(tf, F.sigmoid, keras.activations.sigmoid, np.array([-40.0, -20.0, 20.0, 40.0]), atol=0)


def test_gelu_keeps_tiny_values_for_very_negative_inputs():
    # x·Φ(x) with Φ from erfc: full relative precision far in the tail (TensorFlow's
    # float64 gelu is off by about 2e-6 relative at x = -8, so we compare with math.erfc).
    import math

    x = np.array([-12.0, -8.0, 8.0])
    expected = [v * 0.5 * math.erfc(-v / math.sqrt(2)) for v in x]
    close(F.gelu(x), expected, rtol=1e-14, atol=0)


def test_gelu_gradient_is_exact():
    # d/dx x·Φ(x) = Φ(x) + x·φ(x), in float64 from math.erfc/math.exp: to rounding, where
    # TensorFlow's own float64 GELU gradient is off by up to ~6e-9
    import math

    x = Tensor(np.linspace(-6.0, 6.0, 241), requires_grad=True)
    F.gelu(x).sum().backward()
    expected = [0.5 * math.erfc(-v / math.sqrt(2)) + v * math.exp(-v * v / 2) / math.sqrt(2 * math.pi)
                for v in x.data]
    close(x.grad, expected, rtol=1e-13, atol=1e-15)


def test_step_is_heaviside_with_zero_gradient():
    x = Tensor(np.array([-1.0, 0.0, 2.0]), requires_grad=True)
    y = F.step(x)
    close(y, [0.0, 1.0, 1.0])
    y.sum().backward()
    close(x.grad, [0.0, 0.0, 0.0])


def test_activation_gradients_pass_gradient_check(rng):
    x = Tensor(rng.normal(size=(3, 4)) + 0.05, requires_grad=True)
    for name in ["sigmoid", "tanh", "elu", "gelu", "leaky_relu", "softmax"]:
        fn = F.get_activation(name)
        assert gradient_check(lambda: (fn(x) ** 2).sum(), [x]) < 1e-6, name


def test_unknown_activation_is_a_german_error():
    with pytest.raises(ValueError, match="Unbekannte Aktivierungsfunktion: 'relux'"):
        F.get_activation("relux")


# ====================================================================== dense
def test_dense(keras64, rng):
    _, tf = keras64
    x, w, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    check_against_tf(tf, F.dense, lambda x, w, b: x @ w + b, x, w, b)
    x3 = rng.normal(size=(2, 5, 4))  # Dense on the last axis of a sequence
    check_against_tf(tf, F.dense, lambda x, w, b: tf.einsum("btd,du->btu", x, w) + b, x3, w, b)
    check_against_tf(tf, lambda x, w: F.dense(x, w), lambda x, w: x @ w, x, w)


# ===================================================================== losses
def _keras_loss(keras, cls, **kwargs):
    loss = getattr(keras.losses, cls)(**kwargs)
    return lambda y_true, y_pred: loss(y_true, y_pred)


def _engine_loss(fn, **kwargs):
    return lambda y_true, y_pred: fn(y_true, y_pred, **kwargs)


@pytest.mark.parametrize("shape", [(6,), (6, 1), (6, 3)])
@pytest.mark.parametrize(
    "fn, cls, kwargs",
    [
        (F.mean_squared_error, "MeanSquaredError", {}),
        (F.mean_absolute_error, "MeanAbsoluteError", {}),
        (F.huber, "Huber", {}),
        (F.huber, "Huber", {"delta": 0.5}),
    ],
)
def test_regression_losses(keras64, rng, fn, cls, kwargs, shape):
    keras, tf = keras64
    y_true = rng.normal(size=shape)
    y_pred = y_true + rng.normal(scale=1.5, size=shape)
    check_against_tf(tf, _engine_loss(fn, **kwargs), _keras_loss(keras, cls, **kwargs), y_true, y_pred)


def test_regression_loss_with_targets_of_lower_rank(keras64, rng):
    keras, tf = keras64
    y_true, y_pred = rng.normal(size=6), rng.normal(size=(6, 1))
    check_against_tf(tf, F.mean_squared_error, _keras_loss(keras, "MeanSquaredError"), y_true, y_pred)


@pytest.mark.parametrize("from_logits", [False, True])
def test_binary_crossentropy(keras64, rng, from_logits):
    keras, tf = keras64
    y_true = rng.integers(0, 2, size=(8, 1)).astype(float)
    y_pred = rng.normal(scale=3, size=(8, 1)) if from_logits else rng.uniform(0.02, 0.98, size=(8, 1))
    check_against_tf(
        tf, _engine_loss(F.binary_crossentropy, from_logits=from_logits),
        _keras_loss(keras, "BinaryCrossentropy", from_logits=from_logits), y_true, y_pred,
    )


def test_binary_crossentropy_clips_probabilities_like_keras(keras64):
    keras, tf = keras64
    y_true = np.array([[1.0], [0.0], [1.0], [0.0]])
    y_pred = np.array([[0.0], [1.0], [1e-9], [0.5]])  # 0 and 1 are clipped to ε, 1-ε
    out = check_against_tf(tf, F.binary_crossentropy, _keras_loss(keras, "BinaryCrossentropy"), y_true, y_pred)
    assert np.isfinite(out.item())


def test_binary_crossentropy_after_sigmoid_uses_the_logits(keras64):
    keras, tf = keras64
    z = np.array([[40.0], [-40.0], [0.3]])  # σ(40) rounds to 1: only the logits give the exact loss
    y = np.array([[0.0], [1.0], [1.0]])
    check_against_tf(
        tf, lambda y, z: F.binary_crossentropy(y, F.sigmoid(z)),
        lambda y, z: keras.losses.BinaryCrossentropy(from_logits=True)(y, z), y, z,
    )
    assert F.binary_crossentropy(y, F.sigmoid(z)).item() > 13  # ≈ 40/3, not the clipped ln(1/ε)/3 ≈ 5.4


@pytest.mark.parametrize("from_logits", [False, True])
@pytest.mark.parametrize("soft", [False, True])
def test_categorical_crossentropy(keras64, rng, from_logits, soft):
    keras, tf = keras64
    if soft:
        y_true = rng.dirichlet(np.ones(4), size=5)
    else:
        y_true = np.eye(4)[rng.integers(0, 4, size=5)]
    logits = rng.normal(scale=2, size=(5, 4))
    y_pred = logits if from_logits else np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    check_against_tf(
        tf, _engine_loss(F.categorical_crossentropy, from_logits=from_logits),
        _keras_loss(keras, "CategoricalCrossentropy", from_logits=from_logits), y_true, y_pred,
    )


def test_categorical_crossentropy_normalises_unnormalised_probabilities(keras64, rng):
    keras, tf = keras64
    y_true = np.eye(3)[[0, 2, 1, 1]]
    y_pred = rng.uniform(0.1, 2.0, size=(4, 3))  # rows do not sum to 1: Keras divides by the sum
    check_against_tf(tf, F.categorical_crossentropy, _keras_loss(keras, "CategoricalCrossentropy"), y_true, y_pred)


@pytest.mark.parametrize("from_logits", [False, True])
@pytest.mark.parametrize("label_shape", ["flat", "column"])
def test_sparse_categorical_crossentropy(keras64, rng, from_logits, label_shape):
    keras, tf = keras64
    labels = rng.integers(0, 5, size=7)
    if label_shape == "column":
        labels = labels[:, None]
    logits = rng.normal(scale=2, size=(7, 5))
    y_pred = logits if from_logits else rng.uniform(0.05, 1.0, size=(7, 5))  # also unnormalised
    check_against_tf(
        tf, _engine_loss(F.sparse_categorical_crossentropy, from_logits=from_logits),
        _keras_loss(keras, "SparseCategoricalCrossentropy", from_logits=from_logits), labels, y_pred,
    )


def test_sparse_categorical_crossentropy_on_sequences(keras64, rng):
    keras, tf = keras64
    labels = rng.integers(0, 6, size=(3, 4))
    logits = rng.normal(size=(3, 4, 6))
    check_against_tf(
        tf, _engine_loss(F.sparse_categorical_crossentropy, from_logits=True),
        _keras_loss(keras, "SparseCategoricalCrossentropy", from_logits=True), labels, logits,
    )


@pytest.mark.parametrize("loss", ["CategoricalCrossentropy", "SparseCategoricalCrossentropy"])
def test_crossentropy_after_softmax_with_huge_logits(keras64, loss):
    keras, tf = keras64
    logits = np.array([[500.0, -500.0, 0.0], [0.0, 1.0, 2.0]])
    labels = np.array([1, 2])
    y_true = np.eye(3)[labels] if loss.startswith("Categorical") else labels
    engine = F.categorical_crossentropy if loss.startswith("Categorical") else F.sparse_categorical_crossentropy
    keras_loss = getattr(keras.losses, loss)()
    # Keras (TF backend) traces a softmax output back to its logits: so do we
    out = check_against_tf(tf, lambda y, z: engine(y, F.softmax(z)),
                           lambda y, z: keras_loss(y, keras.activations.softmax(z)), y_true, logits)
    assert out.item() > 200  # exact -log softmax, not the clipped -log ε ≈ 16


def test_crossentropy_shape_errors_are_german():
    with pytest.raises(ValueError, match="Form passt nicht"):
        F.categorical_crossentropy(np.eye(3), np.ones((3, 4)) / 4)
    with pytest.raises(ValueError, match="Klassennummern"):
        F.sparse_categorical_crossentropy(np.array([0, 1]), np.ones((3, 4)) / 4)


# ========================================================== conv and pooling
@pytest.mark.parametrize(
    "image, kernel, strides, padding",
    [
        ((2, 7, 6, 3), (3, 3, 3, 4), 1, "valid"),
        ((2, 7, 6, 3), (3, 3, 3, 4), 1, "same"),
        ((2, 7, 6, 3), (3, 2, 3, 4), (2, 1), "valid"),
        ((2, 8, 7, 2), (3, 3, 2, 5), 2, "same"),
        ((1, 6, 6, 1), (4, 4, 1, 2), 3, "same"),
        ((3, 5, 5, 2), (1, 1, 2, 3), 1, "valid"),
    ],
)
def test_conv2d(keras64, rng, image, kernel, strides, padding):
    _, tf = keras64
    x, k, b = rng.normal(size=image), rng.normal(size=kernel), rng.normal(size=kernel[-1])
    s = F._pair(strides)
    check_against_tf(
        tf, lambda x, k, b: F.conv2d(x, k, b, strides=strides, padding=padding),
        lambda x, k, b: tf.nn.conv2d(x, k, strides=(1, *s, 1), padding=padding.upper()) + b, x, k, b,
    )


@pytest.mark.parametrize(
    "image, pool, strides, padding",
    [
        ((2, 6, 6, 3), 2, None, "valid"),
        ((2, 7, 5, 3), 2, None, "valid"),
        ((2, 7, 5, 3), 2, None, "same"),
        ((1, 7, 7, 2), 3, 2, "valid"),  # overlapping windows
        ((1, 6, 5, 2), (3, 2), (1, 2), "same"),
    ],
)
def test_max_pool2d(keras64, rng, image, pool, strides, padding):
    _, tf = keras64
    x = rng.normal(size=image)
    p = F._pair(pool)
    s = F._pair(strides if strides is not None else pool)
    check_against_tf(
        tf, lambda x: F.max_pool2d(x, pool, strides, padding),
        lambda x: tf.nn.max_pool2d(x, ksize=(1, *p, 1), strides=(1, *s, 1), padding=padding.upper()), x,
    )


def test_max_pool2d_ties_go_to_the_first_maximum_as_in_tensorflow(keras64):
    _, tf = keras64
    x = np.zeros((1, 4, 4, 1))
    x[0, 2:, 2:, 0] = 1.0  # every window is a four-way tie
    check_against_tf(tf, F.max_pool2d, lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID"), x)


def test_conv_and_pool_have_no_python_loop_over_pixels(rng):
    # Count the Python lines executed in functional.py: a 64x64 image must take
    # exactly as many as a 4x4 one (loops run over kernel offsets, not pixels).
    import sys

    def lines_executed(size):
        count = 0

        def tracer(frame, event, arg):
            nonlocal count
            if frame.f_code.co_filename != F.__file__:
                return None
            if event == "line":
                count += 1
            return tracer

        x = Tensor(rng.normal(size=(2, size, size, 3)), requires_grad=True)
        k = Tensor(rng.normal(size=(3, 3, 3, 4)), requires_grad=True)
        sys.settrace(tracer)
        try:
            F.max_pool2d(F.conv2d(x, k, strides=1, padding="same"), 2).sum().backward()
        finally:
            sys.settrace(None)
        return count

    small = lines_executed(4)
    assert small > 20 and lines_executed(64) == small


# ================================================================= attention
def test_causal_mask():
    close(F.causal_mask(3), np.array([[1, 0, 0], [1, 1, 0], [1, 1, 1]], dtype=bool))


@pytest.mark.parametrize("causal", [False, True])
def test_scaled_dot_product_attention(keras64, rng, causal):
    keras, tf = keras64
    q, k, v = rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))

    def reference(q, k, v):  # keras.ops layout: (batch, time, heads, dim)
        out = keras.ops.dot_product_attention(q[:, :, None], k[:, :, None], v[:, :, None], is_causal=causal)
        return out[:, :, 0]

    check_against_tf(tf, lambda q, k, v: F.scaled_dot_product_attention(q, k, v, causal=causal), reference, q, k, v)


def test_attention_with_a_padding_mask(keras64, rng):
    keras, tf = keras64
    q, k, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 4))
    mask = np.ones((2, 1, 5), dtype=bool)
    mask[0, :, 3:] = False  # the first sequence has only 3 valid keys

    def reference(q, k, v):
        out = keras.ops.dot_product_attention(q[:, :, None], k[:, :, None], v[:, :, None], mask=mask[:, None])
        return out[:, :, 0]

    check_against_tf(tf, lambda q, k, v: F.scaled_dot_product_attention(q, k, v, mask=mask), reference, q, k, v)


def test_causal_attention_weights_hide_the_future(rng):
    x = rng.normal(size=(1, 4, 2))
    _, weights = F.scaled_dot_product_attention(x, x, x, causal=True, return_weights=True)
    assert np.all(np.triu(weights.data[0], k=1) == 0)
    close(weights.data.sum(axis=-1), np.ones((1, 4)))

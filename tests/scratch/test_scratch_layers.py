"""dlkurs.scratch.layers against keras.layers in float64: same weights → same outputs and gradients."""

import numpy as np
import pytest
from scratch_helpers import close

from dlkurs.scratch import (
    Activation,
    Conv2D,
    Dense,
    Flatten,
    MaxPool2D,
    MultiHeadAttention,
    Sequential,
    SimpleRNN,
    SimpleRNNCell,
    Tensor,
)
from dlkurs.scratch import functional as F


def compare(tf, engine, reference, x, engine_kwargs=None, keras_kwargs=None, seed=0, **tol):
    """Copy Keras' weights into the engine, then compare outputs, input gradients and weight gradients."""
    engine_kwargs, keras_kwargs = engine_kwargs or {}, keras_kwargs or {}
    xt = tf.constant(x)
    reference(xt, **keras_kwargs)  # builds the Keras layer
    engine(x, **engine_kwargs)  # builds ours
    engine.set_weights(reference.get_weights())

    inp = Tensor(x, requires_grad=True)
    out = engine(inp, **engine_kwargs)
    u = np.random.default_rng(seed).normal(size=out.shape)
    (out * u).sum().backward()

    with tf.GradientTape() as tape:
        tape.watch(xt)
        ref = reference(xt, **keras_kwargs)
        total = tf.reduce_sum(ref * u)
    grads = tape.gradient(total, [xt] + [v.value for v in reference.weights])
    close(out, ref, **tol)
    close(inp.grad, grads[0], **tol)
    assert len(engine.weights) == len(reference.weights)
    for w, g in zip(engine.weights, grads[1:]):
        close(w.grad, g, **tol)
    return out


@pytest.mark.parametrize("activation", [None, "relu", "tanh", "sigmoid", "softmax", "elu", "gelu"])
def test_dense(keras64, rng, activation):
    keras, tf = keras64
    # TensorFlow's float64 GELU gradient is off by up to ~6e-9 absolute (measured against
    # scipy's erfc; ours is exact, see test_gelu_gradient_is_exact): where a weight gradient
    # sums such terms to nearly zero, only an absolute tolerance is meaningful.
    tol = {"atol": 1e-7} if activation == "gelu" else {}
    compare(tf, Dense(4, activation=activation, dtype="float64"), keras.layers.Dense(4, activation=activation),
            rng.normal(size=(6, 3)), **tol)


def test_dense_without_bias_on_a_sequence(keras64, rng):
    keras, tf = keras64
    compare(tf, Dense(2, use_bias=False, dtype="float64"), keras.layers.Dense(2, use_bias=False),
            rng.normal(size=(2, 5, 3)))


def test_activation_and_flatten(keras64, rng):
    keras, tf = keras64
    compare(tf, Activation("gelu", dtype="float64"), keras.layers.Activation("gelu"), rng.normal(size=(3, 4)))
    compare(tf, Flatten(dtype="float64"), keras.layers.Flatten(), rng.normal(size=(2, 3, 4, 5)))


def test_dense_weight_shapes_and_initialisation_match_keras():
    layer = Dense(512, seed=0)
    layer(np.zeros((1, 784)))
    kernel, bias = layer.get_weights()
    assert kernel.shape == (784, 512) and bias.shape == (512,) and kernel.dtype == np.float32
    limit = np.sqrt(6 / (784 + 512))  # glorot_uniform
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.99 * limit
    assert np.all(bias == 0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"filters": 4, "kernel_size": 3},
        {"filters": 3, "kernel_size": 3, "padding": "same", "activation": "relu"},
        {"filters": 2, "kernel_size": (2, 3), "strides": 2, "padding": "same"},
        {"filters": 2, "kernel_size": 3, "strides": (2, 1), "use_bias": False},
    ],
)
def test_conv2d(keras64, rng, kwargs):
    keras, tf = keras64
    compare(tf, Conv2D(**kwargs, dtype="float64"), keras.layers.Conv2D(**kwargs), rng.normal(size=(2, 7, 6, 3)))


@pytest.mark.parametrize("kwargs", [{}, {"pool_size": 3, "strides": 2}, {"pool_size": 2, "padding": "same"}])
def test_max_pool2d(keras64, rng, kwargs):
    keras, tf = keras64
    compare(tf, MaxPool2D(**kwargs, dtype="float64"), keras.layers.MaxPool2D(**kwargs), rng.normal(size=(2, 7, 5, 3)))


def test_small_convnet_as_in_day_three(keras64, rng):
    keras, tf = keras64
    ours = Sequential([Conv2D(4, 3, activation="relu", dtype="float64"), MaxPool2D(dtype="float64"),
                       Conv2D(6, 3, padding="same", activation="relu", dtype="float64"), Flatten(dtype="float64"),
                       Dense(3, activation="softmax", dtype="float64")])
    theirs = keras.Sequential([keras.Input((10, 10, 2)), keras.layers.Conv2D(4, 3, activation="relu"),
                               keras.layers.MaxPool2D(), keras.layers.Conv2D(6, 3, padding="same", activation="relu"),
                               keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])
    ours.build((10, 10, 2))
    ours.set_weights(theirs.get_weights())
    x = rng.normal(size=(4, 10, 10, 2))
    labels = np.array([0, 2, 1, 2])
    loss = F.sparse_categorical_crossentropy(labels, ours(x))
    loss.backward()
    with tf.GradientTape() as tape:
        ref = keras.losses.SparseCategoricalCrossentropy()(labels, theirs(x))
    close(loss, ref)
    for w, g in zip(ours.weights, tape.gradient(ref, theirs.trainable_variables)):
        close(w.grad, g)


@pytest.mark.parametrize("return_sequences", [False, True])
def test_simple_rnn(keras64, rng, return_sequences):
    keras, tf = keras64
    compare(tf, SimpleRNN(5, return_sequences=return_sequences, dtype="float64"),
            keras.layers.SimpleRNN(5, return_sequences=return_sequences), rng.normal(size=(3, 6, 4)))


def test_simple_rnn_relu(keras64, rng):
    keras, tf = keras64
    compare(tf, SimpleRNN(3, activation="relu", dtype="float64"), keras.layers.SimpleRNN(3, activation="relu"),
            rng.normal(size=(2, 4, 2)))


def test_simple_rnn_cell_is_one_step(keras64, rng):
    keras, tf = keras64
    cell = SimpleRNNCell(3, dtype="float64", seed=0)
    x, h = rng.normal(size=(2, 4)), rng.normal(size=(2, 3))
    out = cell(x, Tensor(h))
    k, r, b = cell.get_weights()
    close(out, np.tanh(x @ k + h @ r + b))
    assert [w.shape for w in cell.get_weights()] == [(4, 3), (3, 3), (3,)]
    q = cell.get_weights()[1]
    close(q.T @ q, np.eye(3))  # orthogonal recurrent kernel, as in Keras


# Keras' TensorFlow backend rounds the scale 1/√key_dim to float32 (tf.cast of a
# Python float), which is exact only when √key_dim is a power of two. With
# key_dim = 3 the two agree to 2e-8 only; with 4 and 16 they agree to 1e-15.
@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("heads, key_dim", [(1, 4), (2, 4), (3, 16)])
def test_multi_head_self_attention(keras64, rng, causal, heads, key_dim):
    keras, tf = keras64
    x = rng.normal(size=(2, 5, 6))
    reference = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=key_dim)
    _compare_mha(tf, reference, MultiHeadAttention(heads, key_dim, dtype="float64"), x, x, causal)


def test_multi_head_cross_attention(keras64, rng):
    keras, tf = keras64
    query, value = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 6))
    _compare_mha(tf, keras.layers.MultiHeadAttention(num_heads=2, key_dim=4, value_dim=2),
                 MultiHeadAttention(2, 4, value_dim=2, dtype="float64"), query, value, False)


def _compare_mha(tf, reference, engine, query, value, causal, mask=None):
    q, v = tf.constant(query), tf.constant(value)
    tf_mask = None if mask is None else tf.constant(mask)
    reference(q, v, attention_mask=tf_mask, use_causal_mask=causal)
    engine(query, value)
    engine.set_weights(reference.get_weights())
    qt, vt = Tensor(query, requires_grad=True), Tensor(value, requires_grad=True)
    out = engine(qt, vt, attention_mask=mask, use_causal_mask=causal)
    u = np.random.default_rng(0).normal(size=out.shape)
    (out * u).sum().backward()
    with tf.GradientTape() as tape:
        tape.watch([q, v])
        ref = reference(q, v, attention_mask=tf_mask, use_causal_mask=causal)
        total = tf.reduce_sum(ref * u)
    grads = tape.gradient(total, [q, v] + [w.value for w in reference.weights])
    close(out, ref)
    close(qt.grad, grads[0])
    close(vt.grad, grads[1])
    for w, g in zip(engine.weights, grads[2:]):
        close(w.grad, g)


def _padding_mask(rng, batch, t_query, t_key):
    """(batch, t_query, t_key): query and key positions beyond each sequence's length are padding."""
    q_len = rng.integers(1, t_query + 1, size=batch)
    k_len = rng.integers(1, t_key + 1, size=batch)
    return (np.arange(t_query)[None, :, None] < q_len[:, None, None]) & (np.arange(t_key)[None, None, :] < k_len[:, None, None])


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_multi_head_attention_with_padding_mask(keras64, causal, seed):
    keras, tf = keras64
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3, 6, 8))
    mask = _padding_mask(rng, 3, 6, 6)
    _compare_mha(tf, keras.layers.MultiHeadAttention(num_heads=2, key_dim=4),
                 MultiHeadAttention(2, 4, dtype="float64"), x, x, causal, mask)


def test_multi_head_attention_with_random_mask_and_cross_attention(keras64):
    keras, tf = keras64
    rng = np.random.default_rng(9)
    query, value = rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 5, 6))
    mask = rng.random((2, 4, 5)) < 0.6
    mask[0, 1] = False  # a query that may attend to nothing: equal weights, as in Keras' default path
    _compare_mha(tf, keras.layers.MultiHeadAttention(num_heads=2, key_dim=4, value_dim=2),
                 MultiHeadAttention(2, 4, value_dim=2, dtype="float64"), query, value, False, mask)


def test_attention_mask_of_the_wrong_shape_is_a_german_error():
    layer = MultiHeadAttention(1, 2)
    with pytest.raises(ValueError, match="attention_mask"):
        layer(np.zeros((1, 3, 2)), attention_mask=np.ones((1, 3, 4), dtype=bool))


def test_set_weights_checks_shapes_in_german():
    layer = Dense(2)
    layer(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="Form passt nicht"):
        layer.set_weights([np.zeros((4, 2)), np.zeros(2)])
    with pytest.raises(ValueError, match="2 Gewichte"):
        layer.set_weights([np.zeros((3, 2))])


def test_layers_convert_numpy_inputs_to_their_dtype():
    assert Dense(2)(np.ones((1, 3))).dtype == np.float32
    assert Dense(2, dtype="float64")(np.ones((1, 3), dtype=np.float32)).dtype == np.float64


def test_a_layer_built_by_hand_keeps_its_weights_on_the_first_call():
    # Keras marks a layer as built in build(); the first call must not draw fresh weights.
    layer = Conv2D(2, 3, seed=0)
    layer.build((1, 5, 5, 1))
    assert layer.built
    layer.set_weights([np.ones((3, 3, 1, 2)), np.zeros(2)])
    out = layer(np.ones((1, 5, 5, 1)))
    assert len(layer.weights) == 2
    assert np.allclose(out.data, 9.0)
    dense = Dense(3, seed=0)
    dense.build((None, 4))
    assert dense.built and len(dense.weights) == 2
    dense(np.ones((2, 4)))
    assert len(dense.weights) == 2

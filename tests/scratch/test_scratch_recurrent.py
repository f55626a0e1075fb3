"""The scratch LSTM and GRU against keras.layers.LSTM/GRU in float64 (issue 15).

Same weights → the same outputs, final states and gradients (input and every
weight) to 1e-6 on random cases; Keras' gate order and forget-bias start; and
backpropagation through time against central finite differences.
"""

import numpy as np
import pytest
from scratch_helpers import close

from dlkurs.scratch import GRU, LSTM, Tensor, gradient_check

TOL = {"rtol": 1e-6, "atol": 1e-9}


def _compare(tf, engine, reference, x, seed, initial=None):
    """Outputs (and states), gradient of Σ(out·u) w.r.t. input and all weights."""
    xt = tf.constant(x)
    init_tf = None if initial is None else [tf.constant(s) for s in initial]
    reference(xt, initial_state=init_tf)
    engine(x)
    engine.set_weights(reference.get_weights())
    inp = Tensor(x, requires_grad=True)
    init_engine = None if initial is None else [Tensor(s, requires_grad=True) for s in initial]
    out = engine(inp, initial_state=init_engine)
    outs = list(out) if isinstance(out, tuple) else [out]
    us = [np.random.default_rng(seed + i).normal(size=o.shape) for i, o in enumerate(outs)]
    total = outs[0] * us[0]
    total = total.sum()
    for o, u in zip(outs[1:], us[1:]):
        total = total + (o * u).sum()
    total.backward()
    watched = [xt] + (init_tf or [])
    with tf.GradientTape() as tape:
        tape.watch(watched)
        ref = reference(xt, initial_state=init_tf)
        refs = list(ref) if isinstance(ref, (list, tuple)) else [ref]
        ref_total = sum(tf.reduce_sum(r * u) for r, u in zip(refs, us))
    grads = tape.gradient(ref_total, watched + [v.value for v in reference.weights])
    assert len(outs) == len(refs)
    for o, r in zip(outs, refs):
        close(o, r, **TOL)
    close(inp.grad, grads[0], **TOL)
    for s, g in zip(init_engine or [], grads[1 : len(watched)]):
        close(s.grad, g, **TOL)
    assert len(engine.weights) == len(reference.weights)
    for w, g in zip(engine.weights, grads[len(watched) :]):
        close(w.grad, g, **TOL)


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lstm_matches_keras(keras64, return_sequences, return_state, seed):
    keras, tf = keras64
    rng = np.random.default_rng(seed)
    units, dim, steps = int(rng.integers(2, 6)), int(rng.integers(1, 5)), int(rng.integers(1, 8))
    x = rng.normal(size=(3, steps, dim))
    kw = {"return_sequences": return_sequences, "return_state": return_state}
    reference = keras.layers.LSTM(units, **kw)
    engine = LSTM(units, dtype="float64", **kw)
    _compare(tf, engine, reference, x, seed)


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gru_matches_keras(keras64, return_sequences, return_state, seed):
    keras, tf = keras64
    rng = np.random.default_rng(10 + seed)
    units, dim, steps = int(rng.integers(2, 6)), int(rng.integers(1, 5)), int(rng.integers(1, 8))
    x = rng.normal(size=(2, steps, dim))
    kw = {"return_sequences": return_sequences, "return_state": return_state}
    _compare(tf, GRU(units, dtype="float64", **kw), keras.layers.GRU(units, **kw), x, seed)


def test_initial_states_and_their_gradients(keras64):
    keras, tf = keras64
    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 4, 3))
    h0, c0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    _compare(tf, LSTM(3, dtype="float64", return_state=True), keras.layers.LSTM(3, return_state=True), x, 0, [h0, c0])
    _compare(tf, GRU(3, dtype="float64"), keras.layers.GRU(3), x, 0, [h0])


def test_keras_gate_order_and_forget_bias():
    lstm = LSTM(4, dtype="float64", seed=0)
    lstm(np.zeros((1, 2, 3)))
    kernel, recurrent, bias = lstm.get_weights()
    assert kernel.shape == (3, 16) and recurrent.shape == (4, 16) and bias.shape == (16,)
    np.testing.assert_array_equal(bias, np.r_[np.zeros(4), np.ones(4), np.zeros(8)])  # i, f, c, o
    gru = GRU(4, dtype="float64", seed=0)
    gru(np.zeros((1, 2, 3)))
    assert [w.shape for w in gru.get_weights()] == [(3, 12), (4, 12), (2, 12)]


def test_lstm_step_by_hand():
    """One step written out in NumPy equals the layer: the gates as the docstring says."""
    rng = np.random.default_rng(3)
    lstm = LSTM(2, dtype="float64", seed=1)
    x = rng.normal(size=(1, 1, 3))
    h = lstm(x).data
    k, r, b = lstm.get_weights()
    z = x[:, 0] @ k + b

    def sig(a):
        return 1 / (1 + np.exp(-a))

    i, cc, o = sig(z[:, :2]), np.tanh(z[:, 4:6]), sig(z[:, 6:])  # f (z[:, 2:4]) meets c_0 = 0
    c = i * cc  # c_0 = 0
    np.testing.assert_allclose(h, o * np.tanh(c), rtol=1e-12)


@pytest.mark.parametrize("layer", [LSTM, GRU])
def test_backpropagation_through_time_matches_finite_differences(layer):
    rng = np.random.default_rng(7)
    engine = layer(3, dtype="float64", seed=2, return_sequences=True)
    x = Tensor(rng.normal(size=(2, 5, 2)), requires_grad=True)
    u = rng.normal(size=(2, 5, 3))
    engine(x)
    assert gradient_check(lambda: (engine(x) * u).sum(), [x, *engine.weights]) < 1e-6


def test_wrong_input_rank_is_a_german_error():
    with pytest.raises(ValueError, match="Zeitschritte"):
        LSTM(2)(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="Anfangszustände"):
        LSTM(2)(np.zeros((1, 3, 4)), initial_state=[np.zeros((1, 2))])


def test_fused_lstm_equals_the_step_by_step_graph():
    """The one-node LSTM (explicit BPTT) and the general per-operation loop agree, values and gradients."""
    from dlkurs.scratch import functional as F

    rng = np.random.default_rng(11)
    fused = LSTM(3, dtype="float64", seed=4, return_sequences=True, return_state=True)
    general = LSTM(3, dtype="float64", seed=4, return_sequences=True, return_state=True,
                   activation=lambda a: F.tanh(a))  # not F.tanh itself: takes the general path
    x = rng.normal(size=(2, 6, 2))
    fused(x)
    general(x)
    general.set_weights(fused.get_weights())
    results = []
    for layer in (fused, general):
        xt = Tensor(x, requires_grad=True)
        out, h, c = layer(xt)
        ((out * 1.5).sum() + (h * h).sum() + (c * 0.3).sum()).backward()
        results.append((out.data, h.data, c.data, xt.grad, [w.grad for w in layer.weights]))
    for a, b in zip(results[0][:4], results[1][:4]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    for a, b in zip(results[0][4], results[1][4]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)

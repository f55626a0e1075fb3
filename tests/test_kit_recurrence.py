"""dlkurs.kit.recurrence: the NumPy simple RNN agrees with keras.layers.SimpleRNN; plots and norms."""

import doctest

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlkurs.kit import recurrence  # noqa: E402
from dlkurs.kit.recurrence import gradient_norms, plot_gradient_norms, plot_unrolled, simple_rnn_states  # noqa: E402


def test_docstring_examples():
    assert doctest.testmod(recurrence).failed == 0


def test_simple_rnn_states_match_keras_simplernn():
    import keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 6, 4))
    layer = keras.layers.SimpleRNN(5, return_sequences=True, dtype="float64")
    reference = keras.ops.convert_to_numpy(layer(x))
    W, U, b = layer.get_weights()
    b = b + rng.normal(size=b.shape)
    layer.set_weights([W, U, b])
    reference = keras.ops.convert_to_numpy(layer(x))
    assert np.allclose(simple_rnn_states(x, W, U, b), reference, atol=1e-12)


def test_own_step_function_and_start_state_are_used():
    x = np.zeros((1, 2, 1))
    calls = []

    def step(x_t, h, W, U, b):
        calls.append(h.copy())
        return h + 1.0

    out = simple_rnn_states(x, None, np.zeros((3, 3)), None, step=step, h0=np.full((1, 3), 5.0))
    assert out[0, :, 0].tolist() == [6.0, 7.0]
    assert calls[0].tolist() == [[5.0, 5.0, 5.0]]
    with pytest.raises(ValueError, match="Zeitschritte"):
        simple_rnn_states(np.zeros((2, 3)), None, np.zeros((1, 1)), None)


def test_gradient_norms_per_time_step():
    g = np.zeros((2, 3, 2))
    g[0, 0] = [3.0, 4.0]
    g[1, 2, 1] = 2.0
    assert gradient_norms(g).tolist() == [5.0, 0.0, 2.0]
    with pytest.raises(ValueError):
        gradient_norms(np.zeros((2, 3)))


def test_plots_draw():
    import matplotlib.pyplot as plt

    ax = plot_unrolled(3)
    assert ax.texts
    ax = plot_gradient_norms({"a": [1.0, 0.1, 0.01], "b": np.ones(3)})
    assert len(ax.lines) == 2
    plt.close("all")

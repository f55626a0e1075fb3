"""gradient_check on every layer: backprop agrees with central finite differences."""

import numpy as np
import pytest

from dlkurs.scratch import Conv2D, Dense, MaxPool2D, MultiHeadAttention, SimpleRNN, gradient_check
from dlkurs.scratch import functional as F


@pytest.mark.parametrize(
    "layer, shape",
    [
        (Dense(4, activation="tanh", dtype="float64", seed=0), (3, 5)),
        (Conv2D(2, 3, padding="same", strides=2, dtype="float64", seed=0), (2, 6, 5, 2)),
        (SimpleRNN(3, return_sequences=True, dtype="float64", seed=0), (2, 4, 2)),
        (MultiHeadAttention(2, 4, dtype="float64", seed=0), (2, 3, 5)),
    ],
)
def test_layer_gradients_pass_gradient_check(rng, layer, shape):
    x = rng.normal(size=shape)
    layer(x)  # build
    assert gradient_check(lambda: (layer(x) ** 2).mean(), layer.weights) < 1e-6


def test_pooling_and_losses_pass_gradient_check(rng):
    conv = Conv2D(3, 2, dtype="float64", seed=1)
    dense = Dense(3, dtype="float64", seed=2)
    x, y = rng.normal(size=(2, 5, 5, 1)), np.array([0, 2])

    def loss():
        h = MaxPool2D(dtype="float64")(conv(x))
        return F.sparse_categorical_crossentropy(y, F.softmax(dense(h.reshape(2, -1))))

    loss()
    assert gradient_check(loss, conv.weights + dense.weights) < 1e-6


def test_gradient_check_needs_built_layers():
    with pytest.raises(ValueError, match="ersten Aufruf"):
        gradient_check(lambda: None, Dense(2).weights)

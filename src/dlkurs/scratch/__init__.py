"""dlkurs.scratch: a from-scratch deep-learning engine on NumPy, to read and to learn from.

Everything that Keras does for a Dense network, a convnet, an RNN or attention,
written out in NumPy so that each step can be read, and tested against Keras
(values and gradients agree to 1e-6 in float64). No TensorFlow is imported.

Public API
----------
Autodiff (tensor.py)
    Tensor(data, requires_grad=False)  array + gradient; ops + - * / ** @, sum, mean, max,
                                       reshape, transpose, swapaxes, [index], exp, log, sqrt, abs, clip
    Tensor.backward()                  backpropagation into .grad of every tensor that needs one
    no_grad()                          context: compute without recording the graph
    concatenate, stack, where          functions on several tensors
Neurons (neurons.py)
    McCullochPitts(weights, threshold) fixed threshold unit
    Perceptron(n_inputs)               Rosenblatt's learning rule; fit() returns mistakes per epoch
Functions (functional.py, imported as F)
    F.step, F.sigmoid, F.tanh, F.relu, F.leaky_relu, F.elu, F.gelu, F.softmax, F.log_softmax
    F.dense                            x @ W + b as one node
    F.mean_squared_error, F.mean_absolute_error, F.huber, F.binary_crossentropy,
    F.categorical_crossentropy, F.sparse_categorical_crossentropy   (Keras' definitions)
    F.conv2d, F.max_pool2d             vectorised (im2col / window views), channels_last
    F.scaled_dot_product_attention     softmax(q kᵀ/√d) v, optional mask and causal mask
Layers (layers.py)
    Dense, Activation, Flatten, Conv2D, MaxPool2D, SimpleRNNCell, SimpleRNN, LSTM, GRU, MultiHeadAttention
Optimizers (optimizers.py), Keras 3's update rules
    SGD, Momentum, Nesterov, RMSprop, Adagrad, Adam
Model (model.py)
    Sequential(layers): compile(optimizer, loss, metrics), fit(...) -> History, evaluate, predict
Checks (gradcheck.py)
    gradient_check(f, params) -> largest relative error against finite differences
    numerical_gradient(f, param)

Example
-------
>>> import numpy as np
>>> from dlkurs.scratch import Tensor, functional as F
>>> x = Tensor(np.array([[1.0, -2.0]]))
>>> w = Tensor(np.array([[0.5], [0.25]]), requires_grad=True)
>>> loss = F.sigmoid(x @ w).sum()        # σ(1·0.5 - 2·0.25) = σ(0) = 0.5
>>> loss.backward()
>>> w.grad                               # σ'(0) · x = 0.25 · x
array([[ 0.25],
       [-0.5 ]])

Training reads like Keras:

>>> from dlkurs.scratch import Sequential, Dense
>>> model = Sequential([Dense(8, activation="tanh", seed=0), Dense(1, seed=1)])
>>> model.compile(optimizer="adam", loss="mse")
>>> history = model.fit(np.ones((10, 3)), np.zeros(10), epochs=2, verbose=0)
>>> len(history["loss"])
2

Benchmark against Keras: ``python -m dlkurs.scratch.benchmark --help``.
"""

from dlkurs.scratch import functional
from dlkurs.scratch.gradcheck import gradient_check, numerical_gradient
from dlkurs.scratch.layers import (
    Activation,
    Conv2D,
    GRU,
    LSTM,
    Dense,
    Flatten,
    Layer,
    MaxPool2D,
    MultiHeadAttention,
    SimpleRNN,
    SimpleRNNCell,
)
from dlkurs.scratch.model import History, Sequential
from dlkurs.scratch.neurons import McCullochPitts, Perceptron
from dlkurs.scratch.optimizers import SGD, Adagrad, Adam, Momentum, Nesterov, Optimizer, RMSprop
from dlkurs.scratch.tensor import Tensor, as_tensor, concatenate, is_grad_enabled, no_grad, stack, where

F = functional

__all__ = [
    "Tensor", "as_tensor", "no_grad", "is_grad_enabled", "concatenate", "stack", "where",
    "functional", "F",
    "McCullochPitts", "Perceptron",
    "Layer", "Dense", "Activation", "Flatten", "Conv2D", "MaxPool2D", "SimpleRNNCell", "SimpleRNN",
    "LSTM", "GRU", "MultiHeadAttention",
    "Optimizer", "SGD", "Momentum", "Nesterov", "RMSprop", "Adagrad", "Adam",
    "Sequential", "History",
    "gradient_check", "numerical_gradient",
]

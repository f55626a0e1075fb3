"""Gradient flow through a deep net: gradient and activation statistics per layer.

A deep net learns only if the error signal reaches its first layers. These helpers
measure, layer by layer, how large the gradients of the loss are (vanishing or
exploding gradients) and how the activations spread (what an initialisation does),
and plot such per-layer profiles over the depth of the net.

Gradients are taken with ``tf.GradientTape``: the helpers need the TensorFlow backend.

>>> import keras
>>> model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="tanh"),
...                           keras.layers.Dense(2, activation="softmax")])
>>> [layer.name for layer in weighted_layers(model)] == [layer.name for layer in model.layers]
True
>>> gradient_norms(model, np.ones((5, 4)), np.zeros(5, dtype=int)).shape
(2,)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "activation_stats",
    "chain_gradients",
    "global_norm",
    "gradient_norms",
    "plot_per_layer",
    "weighted_layers",
]


def _tensorflow():
    import keras

    if keras.backend.backend() != "tensorflow":
        raise RuntimeError(
            f"gradient_flow needs the TensorFlow backend (tf.GradientTape); the active backend is "
            f"{keras.backend.backend()!r}. Set KERAS_BACKEND=tensorflow before importing Keras."
        )
    import tensorflow as tf

    return tf


def weighted_layers(model: Any) -> list:
    """The layers of ``model`` that own a weight matrix (``kernel``: Dense, Conv…), input to output.

    These are the layers whose gradients and outputs the other helpers measure; normalisation
    and dropout layers in between are skipped.
    """
    layers = getattr(model, "layers", None)
    if layers is None:
        raise TypeError(f"expected a Keras model with .layers, received: {type(model).__name__}")
    found = []
    for layer in layers:
        if getattr(layer, "layers", None):  # a nested model: look inside
            found.extend(weighted_layers(layer))
        elif getattr(layer, "kernel", None) is not None:
            found.append(layer)
    return found


def gradient_norms(model: Any, x: Any, y: Any, loss: Any = "sparse_categorical_crossentropy",
                   training: bool = False) -> np.ndarray:
    """L2 norm of the loss gradient with respect to each weighted layer's kernel, input to output.

    x, y: one batch of inputs and targets. loss: a Keras loss (name, class instance or
    function) applied to ``y`` and the model's output, averaged over the batch.
    training: call the model in training mode (batch statistics in BatchNormalization,
    active dropout). The model is not changed.

    Vanishing gradients: the first entries are orders of magnitude smaller than the last.
    """
    tf = _tensorflow()
    import keras

    layers = weighted_layers(model)
    if not layers:
        raise ValueError("the model has no layer with a kernel (Dense, Conv, …)")
    loss_fn = keras.losses.get(loss) if isinstance(loss, str) else loss
    kernels = [layer.kernel for layer in layers]
    x = tf.convert_to_tensor(np.asarray(x, dtype="float32"))
    with tf.GradientTape() as tape:
        output = model(x, training=training)
        value = keras.ops.mean(loss_fn(y, output))
    grads = tape.gradient(value, kernels)
    return np.array([0.0 if g is None else float(tf.norm(g)) for g in grads])


def activation_stats(model: Any, x: Any) -> dict[str, np.ndarray]:
    """Statistics of each weighted layer's output (after its activation) on the batch ``x``.

    Returns ``{"mean": …, "std": …, "zero": …}``, one entry per weighted layer, input to
    output: the mean and standard deviation over all units and examples, and the share of
    outputs that are exactly 0 (dead ReLUs, or an all-zero initialisation).
    """
    import keras

    layers = weighted_layers(model)
    if not layers:
        raise ValueError("the model has no layer with a kernel (Dense, Conv, …)")
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    probe = keras.Model(inputs=inputs, outputs=[layer.output for layer in layers])
    outputs = probe(np.asarray(x, dtype="float32"), training=False)
    arrays = [keras.ops.convert_to_numpy(o).astype("float64") for o in outputs]
    return {
        "mean": np.array([a.mean() for a in arrays]),
        "std": np.array([a.std() for a in arrays]),
        "zero": np.array([np.mean(a == 0.0) for a in arrays]),
    }


def chain_gradients(weights: Sequence[float], biases: Sequence[float] | None = None, x: float = 0.5,
                    activation: str = "sigmoid") -> np.ndarray:
    """A chain of single neurons a_k = f(w_k · a_(k-1) + b_k), a_0 = x: d a_k / d x for k = 1 … n.

    Computed by automatic differentiation (not by the product formula), so that a
    hand-written formula can be compared with it. activation: any Keras activation name.
    """
    tf = _tensorflow()
    import keras

    weights = np.asarray(weights, dtype="float64").reshape(-1)
    biases = np.zeros_like(weights) if biases is None else np.asarray(biases, dtype="float64").reshape(-1)
    if biases.shape != weights.shape:
        raise ValueError(f"weights and biases differ in length: {weights.shape[0]} vs {biases.shape[0]}")
    f = keras.activations.get(activation)
    a0 = tf.constant(float(x), dtype="float64")
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a0)
        a, outputs = a0, []
        for w, b in zip(weights, biases):
            a = f(w * a + b)
            outputs.append(a)
    result = np.array([float(tape.gradient(a_k, a0)) for a_k in outputs])
    del tape
    return result


def global_norm(arrays: Sequence[Any]) -> float:
    """The norm of all arrays together, as if they were one long vector: sqrt(Σ Σ g²)."""
    return float(np.sqrt(sum(float(np.sum(np.square(np.asarray(a, dtype="float64")))) for a in arrays)))


def plot_per_layer(curves: Mapping[str, Sequence[float]], ylabel: str, title: str | None = None,
                   log: bool = True, ax=None, xlabel: str = "Schicht (1 = nah an der Eingabe)"):
    """One line per entry of ``curves`` (label → one value per layer) over the layer number.

    log: logarithmic y axis (gradients span many orders of magnitude); values that are not
    positive are left out there. Returns the axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        depth = np.arange(1, len(values) + 1)
        if log:
            values = np.where(values > 0, values, np.nan)
        ax.plot(depth, values, "o-", ms=4, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.grid(alpha=0.3, which="both" if not log else "major")
    if len(curves) > 1:
        ax.legend()
    return ax

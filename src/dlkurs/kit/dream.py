"""DeepDream: change an image by gradient ascent so that chosen layers of a convnet fire harder.

Backend-neutral: the input gradient is taken with the backend's own tool
(TensorFlow's ``GradientTape``, ``jax.grad``, torch's autograd), the rest is
``keras.ops``. Imports nothing else of dlkurs.

    >>> from dlkurs.kit.dream import deep_dream, layer_features
    >>> merkmale = layer_features(modell, ["conv2d_3"])          # the layers to amplify
    >>> traum = deep_dream(merkmale, bild, steps=20, octaves=3)   # bild: (h, w, c) in [0, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

_CONV = {"Conv2D", "SeparableConv2D", "DepthwiseConv2D"}


def conv_layer_names(model: Any, last: int = 2, before: str | None = None) -> list[str]:
    """Names of the model's last ``last`` convolution layers (top level), optionally only those before ``before``."""
    namen = []
    for schicht in model.layers:
        if before is not None and schicht.name == before:
            break
        if type(schicht).__name__ in _CONV:
            namen.append(schicht.name)
    if not namen:
        raise ValueError(f"model {model.name!r} has no convolution layer on its top level")
    return namen[-last:]


def layer_features(model: Any, layer_names: Sequence[str], preprocess: Callable | None = None) -> Callable:
    """A function image batch -> list of the named layers' activations (``preprocess`` applied first)."""
    import keras

    ausgaben = [model.get_layer(name).output for name in layer_names]
    teil = keras.Model(model.inputs, ausgaben)

    def merkmale(x):
        aktivierungen = teil(preprocess(x) if preprocess else x, training=False)
        return list(aktivierungen) if isinstance(aktivierungen, (list, tuple)) else [aktivierungen]

    merkmale.input_shape = tuple(model.inputs[0].shape)  # type: ignore[attr-defined]
    return merkmale


def dream_loss(features: Callable, x: Any):
    """Sum over the layers of the mean squared activation: what gradient ascent increases."""
    import keras

    return sum(keras.ops.mean(keras.ops.square(a)) for a in features(x))


def input_gradient(loss_fn: Callable, x: np.ndarray) -> tuple[float, np.ndarray]:
    """Value and gradient of ``loss_fn`` with respect to its input ``x``, with the active backend's tool."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        x = tf.convert_to_tensor(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            wert = loss_fn(x)
        gradient = tape.gradient(wert, x)
    elif backend == "jax":
        import jax

        wert, gradient = jax.value_and_grad(loss_fn)(keras.ops.convert_to_tensor(x))
    elif backend == "torch":
        import torch

        x = torch.tensor(np.asarray(x), requires_grad=True)
        wert = loss_fn(x)
        wert.backward()
        gradient, wert = x.grad, wert.detach()
    else:  # pragma: no cover - numpy backend has no gradients
        raise RuntimeError(f"DeepDream needs gradients; the backend {backend!r} has none")
    return float(keras.ops.convert_to_numpy(wert)), np.asarray(keras.ops.convert_to_numpy(gradient))


def _resize(image: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    import keras

    return np.asarray(keras.ops.convert_to_numpy(keras.ops.image.resize(image[None], shape)))[0]


def deep_dream(features: Callable, image: Any, steps: int = 20, step_size: float = 0.01, octaves: int = 3,
               octave_scale: float = 1.4, fixed_size: bool = False, history: list | None = None) -> np.ndarray:
    """Gradient ascent on the image, from a coarse to the full scale ("octaves"), as in Chollet's book.

    ``image``: (h, w, c) floats in [0, 1]; returns the dreamed image of the same shape, in [0, 1].
    ``step_size``: each step moves every pixel by about this much (the gradient is normalised by its
    mean absolute value). ``fixed_size``: the network only takes this one size (a Dense layer behind
    the convolutions): dream at full scale only. ``history``: if a list, the loss of every step is appended.
    """
    bild = np.clip(np.asarray(image, dtype="float32"), 0.0, 1.0)
    if bild.ndim != 3:
        raise ValueError(f"expected one image (h, w, c), received shape {bild.shape}")
    h, w = bild.shape[:2]
    stufen = [(h, w)] if fixed_size or octaves <= 1 else [
        (max(8, round(h / octave_scale ** i)), max(8, round(w / octave_scale ** i))) for i in range(octaves - 1, -1, -1)
    ]
    original = bild
    traum = _resize(bild, stufen[0]) if stufen[0] != (h, w) else bild.copy()
    verlust = lambda x: dream_loss(features, x)  # noqa: E731
    for i, form in enumerate(stufen):
        if i:
            traum = _resize(traum, form)
            # add back the detail that the coarser scale lost, as the book does
            scharf = _resize(original, form)
            unscharf = _resize(_resize(original, stufen[i - 1]), form)
            traum = traum + (scharf - unscharf)
        for _ in range(steps):
            wert, gradient = input_gradient(verlust, traum[None])
            gradient = gradient[0] / (np.mean(np.abs(gradient)) + 1e-8)
            traum = np.clip(traum + step_size * gradient, 0.0, 1.0).astype("float32")
            if history is not None:
                history.append(wert)
    return traum

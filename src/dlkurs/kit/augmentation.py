"""Data augmentation: what random preprocessing layers make of one image.

A Keras augmentation pipeline (``RandomFlip``, ``RandomRotation``,
``RandomZoom``, ``RandomTranslation`` …) changes its input only when it is
called with ``training=True``. These helpers call it that way on copies of one
image and show the results next to the original.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _to_numpy(value: Any) -> np.ndarray:
    try:
        import keras

        return np.asarray(keras.ops.convert_to_numpy(value))
    except Exception:  # plain NumPy or a backend tensor NumPy understands
        return np.asarray(value)


def augmented_copies(image: Any, augment: Any, n: int = 8) -> np.ndarray:
    """``n`` randomly augmented versions of one image, as a NumPy array.

    image: one image, (h, w) grey, or (h, w, c); any numeric dtype (used as
      float32, values unchanged).
    augment: a callable that takes a batch (n, h, w, c) and ``training=True``,
      e.g. a ``keras.Sequential`` of random preprocessing layers. A plain list
      of layers is applied one after the other.
    n: how many versions.

    Returns an array of shape (n, h, w) for a grey (h, w) image, else
    (n, h, w, c). Every version is drawn anew; call
    ``keras.utils.set_random_seed`` before for a reproducible grid.

    >>> augmented_copies(bild, keras.Sequential([layers.RandomFlip()]), 4).shape   # doctest: +SKIP
    (4, 28, 28)
    """
    if int(n) < 1:
        raise ValueError(f"n must be at least 1. Received: n={n!r}")
    image = np.asarray(image, dtype="float32")
    grey = image.ndim == 2
    if grey:
        image = image[..., None]
    if image.ndim != 3:
        raise ValueError(f"Expected one image of shape (h, w) or (h, w, c). Received: shape={image.shape}")
    batch = np.repeat(image[None], int(n), axis=0)
    steps = list(augment) if isinstance(augment, (list, tuple)) else [augment]
    out: Any = batch
    for step in steps:
        out = step(out, training=True)
    out = _to_numpy(out)
    if out.shape != batch.shape:
        raise ValueError(f"The augmentation changed the batch's shape: {batch.shape} -> {out.shape}")
    return out[..., 0] if grey else out


def show_augmented(image: Any, augment: Any, n: int = 15, columns: int = 8, size: float = 1.6,
                   title: str | None = None, label: str | None = None):
    """A grid: the original image first (titled "Original"), then ``n`` augmented versions.

    image, augment, n: as in :func:`augmented_copies`.
    columns: images per row; size: inches per image.
    title: the figure's title; label: e.g. the class name, shown above the original.

    Returns the figure.

    >>> show_augmented(x_train[0], augmentierung, n=15, label="Stiefel")   # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    copies = augmented_copies(image, augment, n)
    original = np.asarray(image, dtype="float32")
    if original.ndim == 3 and original.shape[-1] == 1:
        original = original[..., 0]
        copies = copies[..., 0] if copies.ndim == 4 else copies
    images = [original, *copies]
    low = min(float(np.min(img)) for img in images)
    high = max(float(np.max(img)) for img in images)
    rows = max(1, int(np.ceil(len(images) / columns)))
    fig, axes = plt.subplots(rows, columns, figsize=(columns * size, rows * size * 1.2 + (0.4 if title else 0)),
                             squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= len(images):
            continue
        img = images[i]
        if img.ndim == 2:
            ax.imshow(img, cmap="gray", vmin=low, vmax=high)
        else:
            ax.imshow(np.clip((img - low) / ((high - low) or 1.0), 0, 1))
        if i == 0:
            ax.set_title(f"Original: {label}" if label else "Original", fontsize=9)
        else:
            ax.set_title(f"Variante {i}", fontsize=9, color="dimgray")
    if title:
        fig.suptitle(title)
    return fig


__all__ = ["augmented_copies", "show_augmented"]

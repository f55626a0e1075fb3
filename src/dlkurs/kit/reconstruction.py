"""Autoencoder pictures: image rows side by side, a 2-D latent space, a grid decoded from it.

Imports nothing else of dlkurs; Matplotlib is imported on first use.

    >>> from dlkurs.kit.reconstruction import show_rows, plot_latent_space, latent_grid
    >>> show_rows({"Original": x[:8], "Rekonstruktion": rekonstruiert[:8]})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np


def _as_images(images: Any, side: int | None = None) -> np.ndarray:
    """(n, 784), (n, 28, 28) or (n, 28, 28, 1) -> (n, h, w) float array."""
    images = np.asarray(images, dtype="float32")
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim == 2:
        side = side or int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"cannot show flat images of length {images.shape[1]} as squares")
        images = images.reshape(len(images), side, side)
    if images.ndim != 3:
        raise ValueError(f"expected a stack of grey images, received shape {images.shape}")
    return images


def show_rows(rows: Mapping[str, Any], size: float = 1.3, vmin: float = 0.0, vmax: float = 1.0):
    """One row of images per entry, the entry's name at the left: original, noisy, reconstructed …

    ``rows``: name -> stack of images of equal length (flat 784 or 28×28, optional channel axis).
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    stacks = {name: _as_images(images) for name, images in rows.items()}
    if not stacks:
        raise ValueError("no rows to show")
    n = max(len(s) for s in stacks.values())
    fig, axes = plt.subplots(len(stacks), n, figsize=(n * size, len(stacks) * size * 1.05), squeeze=False)
    for r, (name, stack) in enumerate(stacks.items()):
        for c in range(n):
            ax = axes[r, c]
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
            if c < len(stack):
                ax.imshow(stack[c], cmap="gray", vmin=vmin, vmax=vmax)
        axes[r, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=10)
    fig.tight_layout()
    return fig


def plot_latent_space(codes: Any, labels: Any, title: str | None = None, size: float = 6.0):
    """Scatter of 2-D codes, one colour per class, a legend with the class names (digits).

    Returns the figure.
    """
    import matplotlib.pyplot as plt

    codes = np.asarray(codes, dtype="float32")
    labels = np.asarray(labels).reshape(-1)
    if codes.ndim != 2 or codes.shape[1] != 2:
        raise ValueError(f"expected codes of shape (n, 2), received {codes.shape}")
    if len(codes) != len(labels):
        raise ValueError(f"{len(codes)} codes but {len(labels)} labels")
    fig, ax = plt.subplots(figsize=(size * 1.15, size))
    cmap = plt.get_cmap("tab10")
    for i, klasse in enumerate(np.unique(labels)):
        maske = labels == klasse
        ax.scatter(codes[maske, 0], codes[maske, 1], s=4, alpha=0.6, color=cmap(i % 10), label=str(klasse))
    ax.set_xlabel("Code 1")
    ax.set_ylabel("Code 2")
    if title:
        ax.set_title(title)
    ax.legend(markerscale=4, title="Ziffer", loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def latent_grid(decode: Callable[[np.ndarray], Any], n: int = 15, span: tuple[float, float] = (-2.0, 2.0),
                side: int = 28, points: np.ndarray | None = None) -> np.ndarray:
    """Decode an n×n grid of 2-D codes and paste the images into one (n·side, n·side) picture.

    ``decode`` maps codes of shape (k, 2) to images (k, side·side) or (k, side, side[, 1]).
    ``points``: the grid's coordinates along one axis (default: ``n`` values evenly over ``span``);
    rows run from large to small second code, so the picture matches a scatter plot's axes.
    """
    achse = np.linspace(span[0], span[1], n) if points is None else np.asarray(points, dtype="float32")
    n = len(achse)
    gitter = np.array([[x, y] for y in achse[::-1] for x in achse], dtype="float32")
    bilder = _as_images(np.asarray(decode(gitter)), side)
    if len(bilder) != n * n:
        raise ValueError(f"decode returned {len(bilder)} images for {n * n} codes")
    bild = np.zeros((n * side, n * side), dtype="float32")
    for i, b in enumerate(bilder):
        r, c = divmod(i, n)
        bild[r * side:(r + 1) * side, c * side:(c + 1) * side] = b
    return bild

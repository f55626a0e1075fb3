"""Pictures for convolutions: feature-map grids and a receptive-field sketch."""

from __future__ import annotations

import numpy as np


def receptive_field(kernel_sizes, strides=None) -> list[int]:
    """Receptive field (in input pixels, per axis) after each layer: r += (k - 1) · product of earlier strides."""
    strides = list(strides) if strides is not None else [1] * len(kernel_sizes)
    r, jump, out = 1, 1, []
    for k, s in zip(kernel_sizes, strides):
        r += (k - 1) * jump
        jump *= s
        out.append(r)
    return out


def show_feature_maps(image, maps, titles=None, cmap="gray"):
    """One row: the input image, then each 2-D feature map (same colour scale per map). Returns the figure."""
    import matplotlib.pyplot as plt

    maps = [np.asarray(m) for m in maps]
    titles = list(titles) if titles is not None else [f"Karte {i + 1}" for i in range(len(maps))]
    fig, axes = plt.subplots(1, len(maps) + 1, figsize=(2.2 * (len(maps) + 1), 2.4))
    axes[0].imshow(np.asarray(image), cmap="gray")
    axes[0].set_title("Eingabe")
    for ax, m, title in zip(axes[1:], maps, titles):
        ax.imshow(m, cmap=cmap)
        ax.set_title(title)
    for ax in axes:
        ax.axis("off")
    fig.tight_layout()
    return fig


def show_receptive_field(kernel_sizes, strides=None):
    """Bars of the receptive field per layer (input pixels per axis). Returns the figure."""
    import matplotlib.pyplot as plt

    sizes = receptive_field(kernel_sizes, strides)
    fig, ax = plt.subplots(figsize=(5, 2.5))
    ax.bar([f"Schicht {i + 1}" for i in range(len(sizes))], sizes, color="tab:blue")
    ax.set_ylabel("rezeptives Feld (Pixel)")
    ax.set_title("Wie weit ein Neuron ins Bild sieht")
    fig.tight_layout()
    return fig

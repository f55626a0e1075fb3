"""Clusters of a 2-D data set, as k-means or DBSCAN found them."""

from __future__ import annotations

from typing import Any

import numpy as np


def plot_clusters(
    X: Any,
    labels: Any,
    *,
    ax: Any = None,
    title: str | None = None,
    centers: Any = None,
):
    """Points of a 2-D data set coloured by cluster; label -1 (DBSCAN's noise) as grey crosses.

    centers: optional cluster centres (k, 2), drawn as black stars (k-means).
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels)
    if X.ndim != 2 or X.shape[1] != 2 or len(labels) != len(X):
        raise ValueError(f"plot_clusters needs X (n, 2) and n labels. Received: X {X.shape}, labels {labels.shape}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(4, 4))
    cmap = plt.get_cmap("tab10")
    clusters = [c for c in np.unique(labels) if c != -1]
    for i, c in enumerate(clusters):
        ax.scatter(*X[labels == c].T, s=12, color=cmap(i % 10))
    noise = labels == -1
    if noise.any():
        ax.scatter(*X[noise].T, s=18, color="grey", marker="x", label=f"Rauschen ({int(noise.sum())})")
        ax.legend(fontsize=8, loc="best")
    if centers is not None:
        ax.scatter(*np.asarray(centers).T, s=160, color="black", marker="*", label="Zentren")
    if title:
        ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax.figure


__all__ = ["plot_clusters"]

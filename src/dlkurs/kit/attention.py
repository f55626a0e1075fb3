"""Attention weights as a heat map: which query position looks at which key position.

>>> import numpy as np
>>> from dlkurs.kit.attention import plot_attention
>>> ax = plot_attention(np.full((2, 3), 1 / 3), ["a", "b"], ["x", "y", "z"])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def plot_attention(weights, query_tokens: Sequence[str], key_tokens: Sequence[str] | None = None, *,
                   ax=None, title: str | None = None, annotate: bool | None = None):
    """Draw attention weights (T_query, T_key) as a heat map with the tokens on the axes; returns the axes.

    weights: one matrix, each row the weights of one query position over all
      key positions (rows sum to 1). Arrays with more axes (batch, heads) must
      be reduced first, e.g. ``weights[0, kopf]`` or ``weights[0].mean(axis=0)``.
    query_tokens, key_tokens: the labels of the rows and columns (key_tokens
      defaults to query_tokens: self-attention).
    annotate: write each weight into its cell (default: only for small matrices).
    """
    import matplotlib.pyplot as plt

    w = np.asarray(weights, dtype=float)
    if w.ndim != 2:
        raise ValueError(f"weights muss eine Matrix (Query-Positionen, Key-Positionen) sein. Erhalten: Form {w.shape}")
    key_tokens = list(query_tokens if key_tokens is None else key_tokens)
    query_tokens = list(query_tokens)
    if w.shape != (len(query_tokens), len(key_tokens)):
        raise ValueError(f"weights hat die Form {w.shape}, die Beschriftung passt zu "
                         f"({len(query_tokens)}, {len(key_tokens)}).")
    if ax is None:
        size = min(7.0, max(3.0, 0.3 * max(w.shape) + 1.5))
        _, ax = plt.subplots(figsize=(size + 1.0, size))
    image = ax.imshow(w, cmap="viridis", vmin=0.0, vmax=max(float(w.max()), 1e-12))
    ax.set_xticks(range(len(key_tokens)), key_tokens, rotation=60, ha="right")
    ax.set_yticks(range(len(query_tokens)), query_tokens)
    ax.set_xlabel("Key: worauf geschaut wird")
    ax.set_ylabel("Query: wer schaut")
    if title:
        ax.set_title(title)
    if annotate is None:
        annotate = max(w.shape) <= 8
    if annotate:
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                ax.text(j, i, f"{w[i, j]:.2f}", ha="center", va="center",
                        color="white" if w[i, j] < 0.6 * w.max() else "black", fontsize=8)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="Gewicht")
    return ax


__all__ = ["plot_attention"]

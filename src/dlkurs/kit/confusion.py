"""Confusion matrices: which class is taken for which.

``confusion_matrix(y_true, y_pred)`` counts, for every pair of true class
(row) and predicted class (column), how many examples fell there; the diagonal
holds the right answers. ``plot_confusion_matrix(matrix, class_names)`` draws
it with the counts written into the cells, German labels.

>>> m = confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2])
>>> m.tolist()
[[1, 0, 0], [0, 1, 1], [0, 0, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def confusion_matrix(y_true: Any, y_pred: Any, num_classes: int | None = None) -> np.ndarray:
    """Counts of (true class, predicted class) pairs as an int64 matrix.

    y_true: integer class labels, shape (n,) (or (n, 1), e.g. CIFAR labels).
    y_pred: predicted integer labels of the same length, or class
        probabilities of shape (n, num_classes) (then their argmax is used).
    num_classes: size of the matrix; default: largest label + 1.

    Row ``i``, column ``j``: how many examples of class ``i`` were predicted
    as class ``j``. Each row sums to the number of examples of its class.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_pred.ndim == 2 and y_pred.shape[1] > 1:
        if num_classes is None:
            num_classes = y_pred.shape[1]
        y_pred = y_pred.argmax(axis=1)
    y_true = y_true.reshape(-1)
    y_pred = y_pred.reshape(-1)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred need the same number of examples. Received: {y_true.shape[0]} and {y_pred.shape[0]}"
        )
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        if values.size and (not np.all(np.equal(np.mod(values, 1), 0)) or values.min() < 0):
            raise ValueError(f"{name} must hold class indices (integers >= 0). Received e.g. {values[:5].tolist()}")
    y_true = y_true.astype(np.int64)
    y_pred = y_pred.astype(np.int64)
    largest = int(max(y_true.max(initial=-1), y_pred.max(initial=-1))) + 1
    if num_classes is None:
        num_classes = largest
    elif largest > num_classes:
        raise ValueError(f"A label is >= num_classes={num_classes}. Received: largest label {largest - 1}")
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def plot_confusion_matrix(
    matrix: Any,
    class_names: Sequence[str] | None = None,
    *,
    normalize: bool = False,
    title: str | None = "Konfusionsmatrix",
    ax: Any = None,
):
    """Draw a confusion matrix: rows are the true classes, columns the predictions.

    matrix: square matrix of counts (what :func:`confusion_matrix` returns).
    class_names: one name per class for the axis ticks; default: the indices.
    normalize: colour and label each cell by its share of the row (how often
        class ``i`` was predicted as ``j``, in percent) instead of the count.
    title: the plot's title; None for none.
    ax: the matplotlib axes to draw into; default: a new figure.

    The cell colour ignores the diagonal (it would otherwise dwarf every
    mistake), so the most frequent confusions stand out. Returns the figure.
    """
    import matplotlib.pyplot as plt

    matrix = np.asarray(matrix)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise ValueError(f"matrix must be square (k, k) with k >= 1. Received shape {matrix.shape}")
    k = matrix.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else [str(n) for n in class_names]
    if len(names) != k:
        raise ValueError(f"class_names needs {k} names, one per class. Received {len(names)}")

    values = matrix.astype(float)
    if normalize:
        totals = values.sum(axis=1, keepdims=True)
        values = np.divide(values, totals, out=np.zeros_like(values), where=totals > 0) * 100
    off_diagonal = values.copy()
    np.fill_diagonal(off_diagonal, 0)
    top = off_diagonal.max() if off_diagonal.max() > 0 else 1.0

    if ax is None:
        size = max(4.0, 0.55 * k + 2.5)
        fig, ax = plt.subplots(figsize=(size + 1, size))
    else:
        fig = ax.figure
    image = ax.imshow(np.minimum(off_diagonal, top), cmap="Reds", vmin=0, vmax=top)
    for i in range(k):
        for j in range(k):
            value = values[i, j]
            text = f"{value:.0f} %" if normalize and value >= 0.5 else f"{value:.0f}" if not normalize else ""
            if not normalize and value == 0:
                text = "·"
            dark = i != j and off_diagonal[i, j] > 0.6 * top
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if dark else "black", fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(k), names, rotation=45, ha="right")
    ax.set_yticks(range(k), names)
    ax.set_xlabel("Vorhersage")
    ax.set_ylabel("Richtige Klasse")
    if title:
        ax.set_title(title)
    colorbar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    colorbar.set_label("Anteil der Klasse (%), ohne Diagonale" if normalize else "Anzahl Fehler")
    fig.tight_layout()
    return fig


__all__ = ["confusion_matrix", "plot_confusion_matrix"]

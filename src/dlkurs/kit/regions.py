"""Decision regions of a classifier on two features: which class it predicts where.

One function for both kinds of classifier in the course:

- a fitted scikit-learn model (anything with ``predict`` that returns classes):
  the plane is coloured by the predicted class (lesson 1.1, optionally with the
  margin and support vectors of an SVM);
- a function from points (N, 2) to one value in [0, 1] per point (a neuron's
  output, a probability): the plane is shaded by that value and the line where
  it crosses 0.5 is drawn (lesson 1.6).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def plot_decision_regions(
    model: Any,
    X: Any,
    y: Any,
    *,
    ax: Any = None,
    title: str | None = None,
    lim: tuple[float, float] | None = None,
    padding: float = 0.5,
    resolution: int = 250,
    margin: bool = False,
    labels: Any = None,
):
    """Shade the plane by ``model``'s prediction and draw the points ``X`` with classes ``y``.

    model: a fitted classifier with ``predict`` (coloured by predicted class), or a
        function mapping points (N, 2) to values in [0, 1] (shaded by value, boundary at 0.5).
    lim: the same (low, high) limits for both axes; default: the points plus ``padding``
        (for a function: (-0.5, 1.5), the square around the logic inputs, with equal aspect).
    margin: also draw the SVM margin (``decision_function`` = -1, 0, 1) and ring the
        support vectors (binary SVMs with ``support_vectors_``).
    labels: legend names of the classes (default: the class values; "Klasse k" for a function).

    Returns the axes.
    """
    import matplotlib.pyplot as plt

    X = np.asarray(X, dtype=float)
    y = np.asarray(y).ravel()
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_decision_regions needs points of shape (n, 2). Received: {X.shape}")
    values_mode = callable(model) and not hasattr(model, "fit")
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 4) if values_mode else (5, 4))
    if lim is None and values_mode:
        lim = (-0.5, 1.5)
    if lim is not None:
        (x0, y0), (x1, y1) = (lim[0], lim[0]), (lim[1], lim[1])
    else:
        (x0, y0), (x1, y1) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.c_[gx.ravel(), gy.ravel()]
    if values_mode:
        _shade_values(ax, gx, gy, np.asarray(model(grid), dtype=float).reshape(gx.shape), X, y, labels)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.set_aspect("equal")
    else:
        _colour_classes(ax, gx, gy, model, grid, X, y, labels, margin)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if title:
        ax.set_title(title)
    return ax


def _shade_values(ax, gx, gy, values, X, y, labels) -> None:
    ax.contourf(gx, gy, values, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45, vmin=0, vmax=1)
    if values.min() < 0.5 < values.max():
        ax.contour(gx, gy, values, levels=[0.5], colors="black", linewidths=1.5)
    for label, color, marker in ((0, "tab:blue", "o"), (1, "tab:red", "s")):
        name = labels[label] if labels is not None else f"Klasse {label}"
        ax.scatter(*X[y == label].T, c=color, marker=marker, s=110, edgecolors="black", label=name, zorder=3)


def _colour_classes(ax, gx, gy, model, grid, X, y, labels, margin) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    classes = np.unique(y)
    index = {c: i for i, c in enumerate(classes)}
    predicted = np.asarray(model.predict(grid)).reshape(gx.shape)
    zone = np.vectorize(lambda c: index.get(c, -1))(predicted)
    cmap = plt.get_cmap("coolwarm" if len(classes) == 2 else "tab10")
    colors = [cmap(i / max(len(classes) - 1, 1)) if len(classes) == 2 else cmap(i) for i in range(len(classes))]
    ax.contourf(gx, gy, zone, levels=np.arange(len(classes) + 1) - 0.5, cmap=ListedColormap(colors), alpha=0.25)
    for i, c in enumerate(classes):
        name = labels[i] if labels is not None else str(c)
        ax.scatter(*X[y == c].T, s=14, color=colors[i], edgecolor="k", linewidth=0.3, label=name)
    if margin:
        values = np.asarray(model.decision_function(grid)).reshape(gx.shape)
        ax.contour(gx, gy, values, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"], linewidths=1)
        support = getattr(model, "support_vectors_", None)
        if support is not None:
            ax.scatter(*np.asarray(support).T, s=80, facecolors="none", edgecolors="k", linewidths=1,
                       label="Stützvektoren")
    ax.legend(fontsize=8, loc="best")


__all__ = ["plot_decision_regions"]

"""Helpers for lesson 1.6 (neurons, perceptron, XOR): truth tables and decision regions in the plane.

>>> from dlkurs.scratch import McCullochPitts
>>> truth_table({"AND": McCullochPitts([1, 1], threshold=2)})["AND"].tolist()
[0, 0, 0, 1]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

__all__ = ["LOGIC_INPUTS", "truth_table", "plot_decision_regions"]

#: The four inputs of a logic gate with two inputs, in truth-table order.
LOGIC_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def truth_table(units: Mapping[str, Callable[[np.ndarray], Any]], n_inputs: int = 2):
    """The truth table of one or more logic units as a DataFrame.

    units: name -> function that maps a batch of 0/1 inputs, shape (2**n_inputs, n_inputs),
        to one output per row (e.g. a ``McCullochPitts`` unit or ``Perceptron.predict``).
    n_inputs: number of inputs per unit.
    The inputs x₁, x₂, … form the index; each unit is one column of 0/1 outputs.
    """
    import pandas as pd

    if not units:
        raise ValueError("truth_table braucht mindestens eine Einheit, z. B. {'UND': und}.")
    inputs = np.array(list(itertools.product([0, 1], repeat=n_inputs)))
    names = [f"x{chr(0x2080 + i + 1)}" for i in range(n_inputs)]  # x₁, x₂, …
    columns: dict[str, np.ndarray] = {name: inputs[:, i] for i, name in enumerate(names)}
    for unit_name, unit in units.items():
        out = np.asarray(unit(inputs)).reshape(len(inputs), -1)
        if out.shape[1] != 1:
            raise ValueError(f"{unit_name} liefert {out.shape[1]} Werte je Eingabe; erwartet wird einer.")
        columns[unit_name] = np.rint(out[:, 0]).astype(int)
    return pd.DataFrame(columns).set_index(names)


def plot_decision_regions(
    predict: Callable[[np.ndarray], Any],
    x: np.ndarray,
    y: np.ndarray,
    ax=None,
    title: str | None = None,
    lim: tuple[float, float] = (-0.5, 1.5),
    resolution: int = 200,
):
    """Shade the plane by a classifier's output and draw the points of both classes.

    predict: maps points of shape (N, 2) to one value per point in [0, 1]
        (a probability, or 0/1 for a threshold unit).
    x, y: the points (N, 2) and their classes 0/1.
    The line where the output crosses 0.5 is the decision boundary. Returns the axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(4, 4))
    grid = np.linspace(lim[0], lim[1], resolution)
    gx, gy = np.meshgrid(grid, grid)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    values = np.asarray(predict(points), dtype=float).reshape(gx.shape)
    ax.contourf(gx, gy, values, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45, vmin=0, vmax=1)
    if values.min() < 0.5 < values.max():
        ax.contour(gx, gy, values, levels=[0.5], colors="black", linewidths=1.5)
    x, y = np.asarray(x), np.asarray(y).ravel()
    for label, color, marker in ((0, "tab:blue", "o"), (1, "tab:red", "s")):
        sel = y == label
        ax.scatter(x[sel, 0], x[sel, 1], c=color, marker=marker, s=110, edgecolors="black",
                   label=f"Klasse {label}", zorder=3)
    ax.set_xlim(*lim)
    ax.set_ylim(*lim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    if title:
        ax.set_title(title)
    return ax

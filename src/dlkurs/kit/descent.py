"""Helpers for lesson 1.7 (gradient descent): contour plots of 2-D functions and optimisation paths.

>>> import numpy as np
>>> path = descend(lambda p: 2 * p, [1.0, -2.0], learning_rate=0.25, steps=2)   # f(p) = |p|²
>>> path.tolist()
[[1.0, -2.0], [0.5, -1.0], [0.25, -0.5]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["descend", "plot_contours", "plot_path"]


def descend(gradient: Callable[[np.ndarray], np.ndarray], start, learning_rate: float, steps: int) -> np.ndarray:
    """Plain gradient descent p ← p - η ∇f(p); returns the path, one row per point (steps + 1 rows).

    gradient: ∇f as a function of the point (a 1-D array; for 1-D functions one entry).
    Stops early (the path is shorter) once the point is no longer finite.
    """
    p = np.array(start, dtype=float).reshape(-1)
    path = [p.copy()]
    for _ in range(steps):
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging path ends below, without warnings
            p = p - learning_rate * np.asarray(gradient(p), dtype=float).reshape(p.shape)
        if not np.all(np.isfinite(p)):
            break
        path.append(p.copy())
    return np.array(path)


def plot_contours(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    ax=None,
    levels: int = 25,
    log: bool = True,
    resolution: int = 300,
    equal: bool = True,
):
    """Contour lines of f(x, y) (f works element-wise on grids) and its minimum region.

    log: space the levels logarithmically (shows narrow valleys and their floor).
    equal: one unit is as long on both axes, so that a gradient step really looks
    perpendicular to the contour line through its starting point. Returns the axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        if equal:
            ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
            _, ax = plt.subplots(figsize=(8, min(7.0, max(2.5, 7.0 * ratio) + 1.0)))
        else:
            _, ax = plt.subplots(figsize=(6, 4.5))
    gx, gy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    values = np.asarray(f(gx, gy), dtype=float)
    if log:
        low = max(float(values.min()), 1e-3 * float(values.max()), 1e-12)
        lv = np.geomspace(low, float(values.max()), levels)
    else:
        lv = np.linspace(float(values.min()), float(values.max()), levels)
    ax.contour(gx, gy, values, levels=lv, cmap="viridis", linewidths=0.8, alpha=0.8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if equal:
        ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    return ax


def plot_path(path: Sequence[Sequence[float]], ax, label: str | None = None, color: str | None = None):
    """Draw an optimisation path (rows = points) as connected dots; the start is a larger circle."""
    path = np.asarray(path, dtype=float)
    (line,) = ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, label=label, color=color)
    ax.plot(path[0, 0], path[0, 1], "o", ms=8, mfc="white", mec=line.get_color(), mew=2)
    return line

"""Helpers for lesson 1.1 "Einstieg": a timeline, decision regions, matrix-multiply speed.

Import what you need directly, e.g. ``from dlkurs.kit.einstieg import plot_timeline``.
Matplotlib and Keras are imported on first use; importing this module is light.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

#: Colours of the (at most two) event groups of a timeline: above, below the axis.
_GROUP_COLORS = ("tab:red", "tab:blue")


# -- timeline ----------------------------------------------------------------------------


def plot_timeline(
    events: Iterable[tuple[float, str, str]],
    periods: Iterable[tuple[float, float, str]] = (),
    *,
    ax: Any = None,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    fontsize: float = 8.5,
    legend: bool = True,
):
    """Draw events on a time axis, labels stacked so that none overlap.

    events: ``(year, label, group)``; the first group that occurs is drawn above
        the axis, the second below it (at most two groups, for a legend).
        Labels may have line breaks (``"\\n"``).
    periods: ``(start, end, label)`` shaded spans, e.g. the AI winters.
    ax: the axes to draw into (default: a new figure, 12 x 4 inches).
    xlim: the years shown; default: the events' years with a margin, widened
        to the right until the last label fits.
    legend: show which colour is which group (above the axes, right).

    Labels start at their year and run to the right; a label goes onto the
    lowest level at which it overlaps no earlier label of its side. Returns the
    figure.

    >>> fig = plot_timeline([(1956, "Dartmouth", "KI"), (1958, "Perzeptron", "Netze")])  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    events = sorted(events, key=lambda e: e[0])
    periods = list(periods)
    if not events:
        raise ValueError("plot_timeline needs at least one event. Received: []")
    groups: list[str] = []
    for _, _, group in events:
        if group not in groups:
            groups.append(group)
    if len(groups) > 2:
        raise ValueError(f"plot_timeline draws at most two groups (above/below). Received: {groups}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(12, 4))
    fig = ax.figure

    years = [e[0] for e in events] + [p[0] for p in periods] + [p[1] for p in periods]
    lo, hi = xlim if xlim is not None else (min(years) - 0.03 * (max(years) - min(years) + 1), max(years))
    ax.set_xlim(lo, hi)
    ax.set_ylim(-1, 1)
    renderer = fig.canvas.get_renderer()

    # Place labels; widen the axis to the right until the last label fits.
    for _ in range(4):
        placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
        layout = []
        right = hi
        for year, label, group in events:
            side = 1 if group == groups[0] else -1
            text = ax.text(year, 0, _event_text(year, label), fontsize=fontsize, va="center", ha="left")
            box = text.get_window_extent(renderer).transformed(ax.transData.inverted())
            text.remove()
            start, end = year, year + box.width
            level = 0
            while any(not (end + 0.01 * (hi - lo) < a or start > b) for a, b in placed.get((side, level), [])):
                level += 1
            placed.setdefault((side, level), []).append((start, end))
            layout.append((year, label, group, side, level))
            right = max(right, end)
        if xlim is not None or right <= hi:
            break
        hi = right + 0.01 * (hi - lo)
        ax.set_xlim(lo, hi)

    levels = max(level for *_, level in layout) + 1
    step = 1.0
    top = (levels + 0.6) * step
    ax.set_ylim(-top, top)
    for start, end, label in periods:
        ax.axvspan(start, end, color="lightsteelblue", alpha=0.45, lw=0)
        ax.text((start + end) / 2, -top + 0.15 * step, label, ha="center", va="bottom", fontsize=fontsize,
                color="steelblue", style="italic")
    ax.axhline(0, color="black", lw=1.2)
    for year, label, group, side, level in layout:
        color = _GROUP_COLORS[groups.index(group)]
        y = side * (level + 0.8) * step
        ax.plot([year, year], [0, y], color=color, lw=0.8)
        ax.plot(year, 0, "o", color=color, ms=4)
        ax.text(year, y, _event_text(year, label), fontsize=fontsize, va="center", ha="left",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": color, "lw": 0.6})
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel("Jahr")
    handles = [Line2D([], [], color=_GROUP_COLORS[i], marker="o", lw=0.8, label=g) for i, g in enumerate(groups)]
    if legend:
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(handles),
                  fontsize=fontsize, frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return fig


def _event_text(year: float, label: str) -> str:
    return f"{int(year) if float(year).is_integer() else year}: {label}"


# -- decision regions --------------------------------------------------------------------


def plot_decision_regions(
    model: Any,
    X: Any,
    y: Any,
    *,
    ax: Any = None,
    title: str | None = None,
    margin: bool = False,
    resolution: int = 250,
    padding: float = 0.5,
    labels: Sequence[str] | None = None,
):
    """Colour the plane by a fitted 2-D classifier's prediction and show the points.

    model: a fitted scikit-learn classifier on two features (``predict``).
    X, y: points (n, 2) and their classes, drawn on top.
    margin: also draw the SVM margin (``decision_function`` = -1, 0, 1) and ring
        the support vectors (binary SVMs with ``support_vectors_``).
    labels: legend names of the classes (default: the class values).

    Returns the figure.
    """
    import matplotlib.pyplot as plt

    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_decision_regions needs points of shape (n, 2). Received: {X.shape}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 4))
    fig = ax.figure
    (x0, y0), (x1, y1) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.c_[gx.ravel(), gy.ravel()]
    classes = np.unique(y)
    index = {c: i for i, c in enumerate(classes)}
    predicted = np.asarray(model.predict(grid)).reshape(gx.shape)
    zone = np.vectorize(lambda c: index.get(c, -1))(predicted)
    cmap = plt.get_cmap("coolwarm" if len(classes) == 2 else "tab10")
    colors = [cmap(i / max(len(classes) - 1, 1)) if len(classes) == 2 else cmap(i) for i in range(len(classes))]
    from matplotlib.colors import ListedColormap

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
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.legend(fontsize=8, loc="best")
    if title:
        ax.set_title(title)
    return fig


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


# -- matrix-multiply speed ---------------------------------------------------------------


def gpu_devices() -> list[str]:
    """Names of the GPUs that the Keras backend sees ([] when there is none).

    TensorFlow: ``tf.config.list_physical_devices("GPU")``; JAX: its non-CPU
    devices; PyTorch: CUDA devices.
    """
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return [d.name for d in tf.config.list_physical_devices("GPU")]
    if backend == "jax":
        import jax

        return [str(d) for d in jax.devices() if d.platform not in ("cpu",)]
    if backend == "torch":
        import torch

        return [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    return []


def _device_scope(device: str | None):
    """A context that places new Keras tensors and ops on ``device`` ("cpu"/"gpu")."""
    if device is None:
        return contextlib.nullcontext()
    device = device.lower()
    if device not in ("cpu", "gpu"):
        raise ValueError(f"device must be 'cpu', 'gpu' or None. Received: {device!r}")
    if device == "gpu" and not gpu_devices():
        raise RuntimeError("Keine GPU gefunden: device='gpu' ist hier nicht möglich.")
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return tf.device("/CPU:0" if device == "cpu" else "/GPU:0")
    if backend == "jax":
        import jax

        kinds = [d for d in jax.devices() if d.platform not in ("cpu",)] if device == "gpu" else jax.devices("cpu")
        return jax.default_device(kinds[0])
    if backend == "torch":
        return keras.device("cpu" if device == "cpu" else "cuda")
    raise ValueError(f"device={device!r} is not supported for the backend {backend!r}.")


def time_best(run: Callable[[], Any], *, budget: float = 0.05, round_time: float = 0.002, min_rounds: int = 3,
              sync: Callable[[Any], Any] = lambda r: r) -> float:
    """Seconds per call of ``run``: the best round out of as many as fit into ``budget`` seconds.

    After one warm-up call, the number of calls per round doubles until a round
    lasts at least ``round_time`` seconds (short calls are timed in groups).
    Then rounds are repeated for ``budget`` seconds, at least ``min_rounds``
    times; the fastest round counts, because interruptions by other programs
    only ever make a round slower. ``sync(result)`` is called on the last
    result of a round (for asynchronous devices such as GPUs).
    """
    sync(run())  # warm-up: first calls pay for setup (threads, kernels, caches)

    def round_of(number: int) -> float:
        start = time.perf_counter()
        for _ in range(number):
            result = run()
        sync(result)
        return time.perf_counter() - start

    number = 1
    seconds = round_of(number)
    while seconds < round_time and number < 1 << 20:
        number *= 2
        seconds = round_of(number)
    rounds = [seconds]
    start = time.perf_counter()
    while len(rounds) < min_rounds or time.perf_counter() - start < budget:
        rounds.append(round_of(number))
    return min(rounds) / number


def matmul_gflops(
    n: int,
    *,
    library: str = "numpy",
    device: str | None = None,
    dtype: str = "float32",
    budget: float = 0.05,
    seed: int = 0,
) -> float:
    """Speed of the product of two n x n matrices, in GFLOP/s (the best of several rounds).

    One product takes ``2 * n**3`` floating-point operations (n multiplications
    and n additions for each of the n² entries, counted as 2n per entry).

    library: ``"numpy"`` (``a @ b`` on the CPU) or ``"keras"`` (``keras.ops.matmul``
        with the active backend).
    device: for ``"keras"``: ``"cpu"``, ``"gpu"`` or None (the backend's default);
        ``"gpu"`` raises RuntimeError when there is no GPU.
    budget: seconds of measuring (see :func:`time_best`); at least three rounds.

    >>> matmul_gflops(256) > 0   # doctest: +SKIP
    True
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer. Received: n={n!r}")
    rng = np.random.default_rng(seed)
    a = rng.random((n, n), dtype=np.float64).astype(dtype)
    b = rng.random((n, n), dtype=np.float64).astype(dtype)
    if library == "numpy":
        if device not in (None, "cpu"):
            raise ValueError(f"NumPy rechnet nur auf der CPU. Received: device={device!r}")
        seconds = time_best(lambda: a @ b, budget=budget)
    elif library == "keras":
        from keras import ops

        with _device_scope(device):
            ta, tb = ops.convert_to_tensor(a), ops.convert_to_tensor(b)

            def sync(result: Any) -> Any:
                return ops.convert_to_numpy(result[0, 0])  # waits until the product is done

            seconds = time_best(lambda: ops.matmul(ta, tb), budget=budget, sync=sync)
    else:
        raise ValueError(f"library must be 'numpy' or 'keras'. Received: {library!r}")
    return 2 * n**3 / seconds / 1e9


__all__ = ["gpu_devices", "matmul_gflops", "plot_clusters", "plot_decision_regions", "plot_timeline", "time_best"]

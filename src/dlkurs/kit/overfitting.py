"""Helpers for lesson 2.8 (over- and underfitting): several training runs in one plot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from dlkurs.kit.plots import LABELS

#: German names of history keys that :data:`dlkurs.kit.plots.LABELS` does not cover
_NAMES = {**LABELS, "binary_crossentropy": "Kreuzentropie", "categorical_crossentropy": "Kreuzentropie",
          "sparse_categorical_crossentropy": "Kreuzentropie"}


def _history_dict(history: Any) -> Mapping[str, Any]:
    return history.history if hasattr(history, "history") else history


def plot_compare(histories: Mapping[str, Any], metric: str = "val_loss", *, training: bool = False,
                 title: str | None = None, ylabel: str | None = None):
    """One curve per run: ``metric`` per epoch for every entry of ``histories``.

    histories: ``{"label": history, ...}``; a history is what ``model.fit``
      returns or its ``.history`` dict. Runs may have different lengths
      (e.g. stopped early).
    metric: the history key to draw, e.g. ``"val_loss"``.
    training: also draw the training curve (the key without ``val_``) of each
      run, dashed in the same colour.

    Returns the figure.

    >>> plot_compare({"klein": h_klein, "groß": h_gross}, "val_loss")   # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if not histories:
        raise ValueError("plot_compare needs at least one history. Received: {}")
    fig, ax = plt.subplots(figsize=(8, 4))
    base = metric[4:] if metric.startswith("val_") else metric
    for label, history in histories.items():
        data = _history_dict(history)
        if metric not in data:
            raise KeyError(f"{label!r} has no {metric!r}. Keys: {sorted(data)}")
        values = np.asarray(data[metric], dtype=float)
        epochs = np.arange(1, len(values) + 1)
        both = training and metric.startswith("val_") and base in data
        (line,) = ax.plot(epochs, values, "o-", markersize=3, label=f"{label} (Validierung)" if both else label)
        if both:
            ax.plot(epochs, np.asarray(data[base], dtype=float), "--", color=line.get_color(),
                    label=f"{label} (Training)")
    name = _NAMES.get(base, base)
    if ylabel is None:
        ylabel = f"{name} (Validierung)" if metric.startswith("val_") and not training else name
    ax.set_xlabel("Epoche")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


__all__ = ["plot_compare"]

"""Plots that several lessons need: training curves and image grids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: German axis labels for the usual Keras history keys.
LABELS = {
    "loss": "Verlust",
    "accuracy": "Genauigkeit",
    "mae": "MAE",
    "mse": "MSE",
    "binary_accuracy": "Genauigkeit",
    "sparse_categorical_accuracy": "Genauigkeit",
    "categorical_accuracy": "Genauigkeit",
    "binary_crossentropy": "Kreuzentropie",
    "categorical_crossentropy": "Kreuzentropie",
    "sparse_categorical_crossentropy": "Kreuzentropie",
    "root_mean_squared_error": "RMSE",
}


def smooth(values: Sequence[float], factor: float = 0.9) -> np.ndarray:
    """Exponential moving average: ``s_t = factor * s_{t-1} + (1 - factor) * v_t``."""
    values = np.asarray(values, dtype=float)
    out = np.empty_like(values)
    running = values[0] if len(values) else 0.0
    for i, value in enumerate(values):
        running = factor * running + (1 - factor) * value if i else value
        out[i] = running
    return out


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    return history.history if hasattr(history, "history") else history


def plot_history(history: Any, metrics: Sequence[str] | None = None, title: str | None = None):
    """Training and validation curves per epoch, one panel per metric.

    ``history`` is what ``model.fit`` returns (or its ``.history`` dict).
    ``metrics`` defaults to every key without ``val_`` prefix. Returns the figure.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    data = _history_dict(history)
    names = list(metrics) if metrics else [k for k in data if not k.startswith("val_")]
    fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 3.5), squeeze=False)
    for ax, name in zip(axes[0], names):
        epochs = np.arange(1, len(data[name]) + 1)
        ax.plot(epochs, data[name], "o-", label="Training")
        if f"val_{name}" in data:
            ax.plot(epochs, data[f"val_{name}"], "s--", label="Validierung")
        ax.set_xlabel("Epoche")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(LABELS.get(name, name))
        ax.set_title(LABELS.get(name, name))
        ax.legend()
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def show_images(
    images: Any,
    labels: Sequence[Any] | None = None,
    predictions: Sequence[Any] | None = None,
    class_names: Sequence[str] | None = None,
    columns: int = 8,
    size: float = 1.6,
):
    """A grid of images with their labels; wrong predictions are titled in red.

    ``images``: (n, h, w) grey or (n, h, w, 3) colour, any numeric dtype.
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    images = np.asarray(images)
    n = len(images)
    rows = max(1, int(np.ceil(n / columns)))
    fig, axes = plt.subplots(rows, columns, figsize=(columns * size, rows * size * 1.15), squeeze=False)

    def name(value: Any) -> str:
        if isinstance(value, (str, bytes)):
            return value if isinstance(value, str) else value.decode()
        value = np.asarray(value).reshape(-1)[0] if np.ndim(value) else value  # e.g. CIFAR labels (N, 1)
        if isinstance(value, (np.integer, int)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
            value = int(value)
        return str(class_names[value]) if class_names is not None else str(value)

    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        image = images[i]
        ax.imshow(image.squeeze(), cmap="gray" if image.ndim == 2 or image.shape[-1] == 1 else None)
        if labels is None:
            continue
        title = name(labels[i])
        color = "black"
        if predictions is not None:
            wrong = name(predictions[i]) != title
            title = f"{name(predictions[i])} ({title})" if wrong else title
            color = "red" if wrong else "green"
        ax.set_title(title, fontsize=9, color=color)
    fig.tight_layout()
    return fig

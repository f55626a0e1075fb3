"""Helpers for the text-generation lessons: temperature, sampling, a generating loop, a progress callback.

>>> import numpy as np
>>> from dlkurs.kit.generation import reweight
>>> p = np.array([0.5, 0.3, 0.2])
>>> np.round(reweight(p, 1.0), 3)
array([0.5, 0.3, 0.2])
>>> reweight(p, 0.0)
array([1., 0., 0.])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def reweight(probabilities: Any, temperature: float) -> np.ndarray:
    """A probability distribution sharpened (temperature < 1) or flattened (> 1).

    probabilities: non-negative numbers along the last axis that sum to 1 (a
      softmax output; one row or a batch of rows).
    temperature: positive number; 1 leaves the distribution as it is, 0 gives
      the one-hot distribution of the most likely entry (argmax).

    Computes ``softmax(log(p) / temperature)``: every probability raised to
    the power ``1 / temperature``, then renormalised. Zero probabilities stay
    zero (no ``log(0)`` warning). The input is not changed.

    >>> np.round(reweight([0.5, 0.5, 0.0], 2.0), 3)
    array([0.5, 0.5, 0. ])
    """
    p = np.array(probabilities, dtype=np.float64)
    if temperature < 0:
        raise ValueError(f"Die Temperatur muss ≥ 0 sein. Erhalten: temperature={temperature!r}")
    if temperature == 0:
        one_hot = np.zeros_like(p)
        np.put_along_axis(one_hot, np.argmax(p, axis=-1)[..., np.newaxis], 1.0, axis=-1)
        return one_hot
    with np.errstate(divide="ignore"):
        logits = np.log(p) / temperature
    logits -= np.max(logits, axis=-1, keepdims=True)
    weights = np.exp(logits)
    return weights / np.sum(weights, axis=-1, keepdims=True)


def sample(probabilities: Any, temperature: float = 1.0, rng: np.random.Generator | None = None,
           top_k: int | None = None) -> int:
    """One index drawn from ``probabilities`` (one row) after reweighting with ``temperature``.

    top_k: if given, only the ``top_k`` most likely entries may be drawn (the
      rest get probability 0 before reweighting).
    """
    rng = np.random.default_rng() if rng is None else rng
    p = np.array(probabilities, dtype=np.float64).ravel()
    if top_k is not None and top_k < p.size:
        cut = np.sort(p)[-top_k]
        p = np.where(p >= cut, p, 0.0)
    q = reweight(p / p.sum(), temperature)
    return int(rng.choice(q.size, p=q))


def generate(next_probabilities: Callable[[list[int]], Any], start: Sequence[int], length: int,
             temperature: float = 1.0, rng: np.random.Generator | None = None,
             top_k: int | None = None) -> list[int]:
    """``length`` new token ids, one at a time, each drawn from ``next_probabilities(ids so far)``.

    next_probabilities: a function from the list of ids so far to the
      distribution of the next id (the model's last softmax row).
    Returns only the new ids, not ``start``.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    ids = list(start)
    new: list[int] = []
    for _ in range(length):
        nxt = sample(next_probabilities(ids), temperature, rng, top_k=top_k)
        ids.append(nxt)
        new.append(nxt)
    return new


def plot_temperatures(probabilities: Any, labels: Sequence[str], temperatures: Sequence[float],
                      title: str = "Dieselbe Verteilung bei verschiedenen Temperaturen"):
    """Bar charts of one distribution reweighted at each temperature, side by side."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    fig, axes = plt.subplots(1, len(temperatures), figsize=(3.2 * len(temperatures), 3), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, t in zip(axes, temperatures):
        q = reweight(probabilities, t)
        ax.bar(range(len(q)), q, color="tab:blue")
        ax.set_xticks(range(len(q)), [repr(s)[1:-1] if s.strip() else "␣" for s in labels])
        ax.set_title(f"T = {t:g}".replace(".", ","))
        ax.grid(alpha=0.3, axis="y")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))
    axes[0].set_ylabel("Wahrscheinlichkeit")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def text_progress(show: Callable[[int], str], every: int = 1):
    """A Keras callback that prints one line per epoch (its seconds, loss, accuracy) and, every ``every``
    epochs, ``show(epoch)``.

    show: a function from the epoch number (1, 2, …) to a short sample text.
    """
    import time

    import keras

    class TextProgress(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            parts = [f"Epoche {epoch + 1} ({time.perf_counter() - self.start:.0f} s)"]
            for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
                if key in logs:
                    parts.append(f"{key} {float(logs[key]):.3f}".replace(".", ","))
            print(" · ".join(parts), flush=True)
            if (epoch + 1) % every == 0:
                print("   » " + show(epoch + 1).replace("\n", "\n     "), flush=True)

    return TextProgress()

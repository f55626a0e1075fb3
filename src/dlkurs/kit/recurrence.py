"""Helpers for the RNN lessons: a simple RNN run step by step in NumPy, the unrolled picture, gradient plots.

>>> import numpy as np
>>> x = np.ones((1, 3, 2))                       # 1 sequence, 3 time steps, 2 features
>>> W, U, b = np.full((2, 1), 0.5), np.full((1, 1), 0.5), np.zeros(1)
>>> states = simple_rnn_states(x, W, U, b)       # h_t = tanh(x_t W + h_{t-1} U + b)
>>> states.shape
(1, 3, 1)
>>> np.round(states[0, :, 0], 3)
array([0.762, 0.881, 0.894])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np


def simple_rnn_step(x_t: np.ndarray, h_prev: np.ndarray, W: np.ndarray, U: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One step of a simple RNN, as ``keras.layers.SimpleRNN``: ``tanh(x_t @ W + h_prev @ U + b)``.

    x_t: inputs of this time step, (batch, features). h_prev: previous state,
    (batch, units). W: kernel (features, units); U: recurrent kernel (units,
    units); b: bias (units,). Returns the new state (batch, units).
    """
    return np.tanh(x_t @ W + h_prev @ U + b)


def simple_rnn_states(x: np.ndarray, W: np.ndarray, U: np.ndarray, b: np.ndarray,
                      step: Callable | None = None, h0: np.ndarray | None = None) -> np.ndarray:
    """All states of a simple RNN over sequences x (batch, time steps, features), from h_0 = 0.

    step: the function for one step, ``step(x_t, h_prev, W, U, b)`` (default
    :func:`simple_rnn_step`). Returns (batch, time steps, units); its last
    time step ``[:, -1]`` is what ``SimpleRNN(return_sequences=False)`` returns.
    """
    step = step or simple_rnn_step
    x = np.asarray(x, dtype=float)
    if x.ndim != 3:
        raise ValueError(f"x braucht die Form (Beispiele, Zeitschritte, Merkmale), nicht {x.shape}.")
    h = np.zeros((x.shape[0], np.shape(U)[0])) if h0 is None else np.asarray(h0, dtype=float)
    states = []
    for t in range(x.shape[1]):
        h = np.asarray(step(x[:, t, :], h, W, U, b), dtype=float)
        states.append(h)
    return np.stack(states, axis=1)


def plot_unrolled(steps: int = 4, ax=None):
    """The recurrence unrolled in time: one cell per step, the state h passed on from left to right."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(2.2 * steps + 1.5, 3.2))
    box = dict(boxstyle="round,pad=0.4", facecolor="#dbe9f6", edgecolor="#1f77b4")
    arrow = dict(arrowstyle="->", color="0.2", lw=1.4)
    for t in range(steps):
        cx = 1.5 + 2.2 * t
        label = f"t = {t + 1}" if t < steps - 1 else "t = T"
        ax.text(cx, 1.0, "tanh(x·W + h·U + b)", ha="center", va="center", fontsize=9, bbox=box)
        ax.text(cx, -0.4, f"$x_{{{t + 1 if t < steps - 1 else 'T'}}}$", ha="center", va="center", fontsize=12)
        ax.annotate("", xy=(cx, 0.7), xytext=(cx, -0.2), arrowprops=arrow)
        ax.text(cx, 2.4, f"$h_{{{t + 1 if t < steps - 1 else 'T'}}}$", ha="center", va="center", fontsize=12)
        ax.annotate("", xy=(cx, 2.2), xytext=(cx, 1.3), arrowprops=arrow)
        ax.text(cx, -0.95, label, ha="center", va="center", fontsize=9, color="0.4")
        if t < steps - 1:
            ax.annotate("", xy=(cx + 1.25, 1.0), xytext=(cx + 0.95, 1.0), arrowprops=arrow)
    ax.text(0.15, 1.0, "$h_0 = 0$", ha="center", va="center", fontsize=11)
    ax.annotate("", xy=(0.55, 1.0), xytext=(0.4, 1.0), arrowprops=arrow)
    ax.set_xlim(-0.3, 2.2 * steps + 0.6)
    ax.set_ylim(-1.2, 2.8)
    ax.axis("off")
    ax.set_title("Dieselbe Zelle, dieselben Gewichte W, U, b – in jedem Zeitschritt")
    return ax


def gradient_norms(input_grad: np.ndarray) -> np.ndarray:
    """Norm of d(loss)/d(x_t) for every time step t, from the gradient of the inputs (batch, time steps, features)."""
    g = np.asarray(input_grad, dtype=float)
    if g.ndim != 3:
        raise ValueError(f"Erwartet wird der Gradient der Eingaben (Beispiele, Zeitschritte, Merkmale), nicht {g.shape}.")
    return np.sqrt((g ** 2).sum(axis=(0, 2)))


def plot_gradient_norms(norms: Mapping[str, np.ndarray], ax=None):
    """Gradient norm per time step (log scale), one line per model: where does the error signal still arrive?"""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    for name, values in norms.items():
        values = np.asarray(values, dtype=float)
        ax.semilogy(np.arange(1, len(values) + 1), values, label=name)
    ax.set(xlabel="Zeitschritt t (T = letzter Schritt)", ylabel="‖∂ Verlust / ∂ x_t‖ (log)",
           title="Wie viel Gradient kommt bei jedem Zeitschritt an?")
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return ax

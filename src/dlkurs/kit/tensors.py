"""Looking at tensors: describe shape and dtype, explain broadcasting, draw small grids.

Works with NumPy arrays and with tensors of any Keras backend (public API only:
``.shape``, ``.dtype``, ``np.asarray`` / ``keras.ops.convert_to_numpy``).
Matplotlib is imported on first use.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def _shape(x: Any) -> tuple:
    return tuple(None if d is None else int(d) for d in x.shape)


def _shape_text(shape: Sequence[Any]) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _dtype_name(x: Any) -> str:
    dtype = x.dtype
    name = getattr(dtype, "name", None)
    return name if isinstance(name, str) else str(dtype)


def _as_numpy(x: Any) -> np.ndarray:
    if isinstance(x, np.ndarray):
        return x
    if "keras" in sys.modules:
        import keras

        if keras.ops.is_tensor(x):
            return np.asarray(keras.ops.convert_to_numpy(x))
    return np.asarray(x)


def _megabytes(n_bytes: float) -> str:
    if n_bytes < 1e3:
        return f"{n_bytes:.0f} Byte"
    if n_bytes < 1e6:
        return f"{n_bytes / 1e3:.1f} kB"
    if n_bytes < 1e9:
        return f"{n_bytes / 1e6:.1f} MB"
    return f"{n_bytes / 1e9:.2f} GB"


def describe(x: Any, name: str | None = None) -> str:
    """One German line: rank (ndim), shape, dtype and memory of a tensor.

    x: a NumPy array or a tensor of any Keras backend.
    name: shown in front, e.g. ``"x_train"``.

    >>> describe(np.zeros((2, 3), dtype=np.uint8), "a")
    'a: Rang 2 · Form (2, 3) · dtype uint8 · 6 Byte'
    """
    shape = _shape(x)
    try:
        itemsize = np.dtype(_dtype_name(x)).itemsize
    except TypeError:  # e.g. bfloat16 or strings: no memory figure
        itemsize = None
    memory = ""
    if itemsize is not None and None not in shape:
        memory = f" · {_megabytes(int(np.prod(shape, dtype=np.int64)) * itemsize)}"
    prefix = f"{name}: " if name else ""
    return f"{prefix}Rang {len(shape)} · Form {_shape_text(shape)} · dtype {_dtype_name(x)}{memory}"


def _axis_from_right(axis: int) -> str:
    """German name of a negative axis index: -1 "der letzten Achse", -2 "der vorletzten Achse", …"""
    if axis == -1:
        return "der letzten Achse"
    if axis == -2:
        return "der vorletzten Achse"
    return f"der {-axis}. Achse von rechts"


def broadcast_table(*shapes: Sequence[int], names: Sequence[str] | None = None) -> str:
    """The broadcasting rule, step by step: shapes aligned on the right, then the result.

    Axes are compared from the right; a missing axis counts as 1 and is shown
    as "(1)". Two lengths fit when they are equal or one of them is 1; the
    result takes the larger. Returns a small German table; where two lengths
    do not fit, the last line names the axis and the lengths instead of a result.

    >>> print(broadcast_table((3, 1), (4,)))
    a           3   1
    b         (1)   4
    Ergebnis    3   4
    """
    if len(shapes) < 2:
        raise ValueError(f"broadcast_table needs at least two shapes. Received: {shapes!r}")
    shapes = [tuple(int(d) for d in s) for s in shapes]
    names = list(names) if names is not None else [chr(ord("a") + i) for i in range(len(shapes))]
    if len(names) != len(shapes):
        raise ValueError(f"names must match the shapes. Received: names={names!r} for {len(shapes)} shapes")
    rank = max(len(s) for s in shapes)
    result: list[int] = []
    problem = None
    for axis in range(-1, -rank - 1, -1):
        lengths = [s[axis] for s in shapes if len(s) >= -axis]
        larger = {d for d in lengths if d != 1}
        if len(larger) > 1:
            problem = (axis, sorted(larger))
            break
        result.insert(0, larger.pop() if larger else 1)
    width = max(3, *(len(str(d)) for s in shapes for d in s), *(len(str(d)) for d in result)) + 1
    label = max(len("Ergebnis"), *(len(n) for n in names)) + 1

    def row(title: str, shape: Sequence[int]) -> str:
        cells = ["(1)".rjust(width)] * (rank - len(shape)) + [str(d).rjust(width) for d in shape]
        return (title.ljust(label) + "".join(cells)).rstrip()

    lines = [row(n, s) for n, s in zip(names, shapes)]
    if problem is None:
        lines.append(row("Ergebnis", result))
    else:
        axis, lengths = problem
        pair = " und ".join(str(d) for d in lengths)
        lines.append(
            f"Fehler: an {_axis_from_right(axis)} passen die Längen {pair} nicht – "
            "sie sind weder gleich noch 1."
        )
    return "\n".join(lines)


def show_grids(
    arrays: Mapping[str, Any],
    title: str | None = None,
    size: float = 0.45,
    fmt: str = "{:g}",
    cmap: str = "viridis",
):
    """Small 2-D (or 1-D) arrays side by side, every cell with its value.

    The colour of a cell follows its value, with one colour scale for all
    panels: the same number has the same colour everywhere, so you can see
    where each element went after a reshape or a transpose. ``cmap``: the
    colour map (``"gray"`` for pixels). Returns the figure.
    """
    import matplotlib.pyplot as plt

    shapes = {name: _as_numpy(a).shape for name, a in arrays.items()}
    grids = {name: np.atleast_2d(_as_numpy(a)) for name, a in arrays.items()}
    for name, grid in grids.items():
        if grid.ndim != 2:
            raise ValueError(f"show_grids draws 1-D and 2-D arrays. Received: {name} with shape {grid.shape}")
    low = min(float(g.min()) for g in grids.values() if g.size)
    high = max(float(g.max()) for g in grids.values() if g.size)
    widths = [max(g.shape[1], 1) for g in grids.values()]
    height = max(g.shape[0] for g in grids.values())
    fig, axes = plt.subplots(
        1, len(grids), figsize=(size * (sum(widths) + 1.2 * len(grids)), size * height + 0.9),
        gridspec_kw={"width_ratios": widths}, squeeze=False,
    )
    for ax, (name, grid) in zip(axes[0], grids.items()):
        ax.imshow(grid, cmap=cmap, vmin=low, vmax=high if high > low else low + 1)
        for (i, j), value in np.ndenumerate(grid):
            shade = (value - low) / (high - low) if high > low else 0.0
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=9,
                    color="black" if shade > 0.6 else "white")
        shape_text = _shape_text(shapes[name])
        ax.set_title(f"{name}\nForm {shape_text}" if name else f"Form {shape_text}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


__all__ = ["broadcast_table", "describe", "show_grids"]

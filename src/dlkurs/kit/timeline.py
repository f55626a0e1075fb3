"""A timeline of events and periods (the history of AI in lesson 1.1)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Colours of the (at most two) event groups of a timeline: above, below the axis.
_GROUP_COLORS = ("tab:red", "tab:blue")


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
        ax.axvspan(start, end, color="lightgrey", alpha=0.6, lw=0)
        ax.text((start + end) / 2, -top + 0.15 * step, label, ha="center", va="bottom", fontsize=fontsize,
                color="dimgray", style="italic")
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


__all__ = ["plot_timeline"]

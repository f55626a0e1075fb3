"""Lesson kit: small helpers that keep lesson cells short enough to read aloud.

The bottom layer: imports nothing else of dlkurs. One module per concept
(``plots``, ``regions``, ``timing``, ``text``, …), never per lesson. Import what
you need directly, e.g. ``from dlkurs.kit.regions import plot_decision_regions``;
the most used plots are also here: ``from dlkurs.kit import plot_history``.
Matplotlib is imported on first use.
"""

from dlkurs.kit.plots import plot_history, show_images, smooth

__all__ = ["plot_history", "show_images", "smooth"]

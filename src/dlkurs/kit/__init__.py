"""Lesson kit: small helpers that keep lesson cells short enough to read aloud.

Part of the lessons layer: may use data, scratch and exercises, never the
runner. Import what you need directly, e.g. ``from dlkurs.kit import plot_history``.
Matplotlib is imported on first use.
"""

from dlkurs.kit.plots import plot_history, show_images, smooth

__all__ = ["plot_history", "show_images", "smooth"]

"""Exercises: check, hint and solution, in German; the placeholder ``___``."""

from dlkurs.exercises.placeholder import ___, Placeholder, PlaceholderError, contains_placeholder

__all__ = ["___", "Placeholder", "PlaceholderError", "contains_placeholder"]

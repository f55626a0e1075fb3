"""Thought questions: nothing to check, only a solution text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dlkurs.exercises.exercise import Exercise
from dlkurs.exercises.verdict import KEINE_PRUEFUNG, Verdict


class ThoughtQuestion(Exercise):
    """A question to think about: there is nothing to check; only a solution text.

    Not counted in progress. The solution is ``solution="…"`` or the Markdown
    region of the same name in the lesson
    (``<!-- BEGIN SOLUTION name -->`` … ``<!-- END SOLUTION -->``).
    """

    kind = "Denkfrage"
    counted = False
    solution_format = "markdown"

    def __init__(self, *, title: str, solution: str | None = None, hints: Sequence[str] = ()) -> None:
        super().__init__(title=title, hints=hints, wrong=(), solution=solution)

    def _evaluate(self, answer: Any) -> Verdict:
        return Verdict(
            KEINE_PRUEFUNG,
            "Das ist eine Denkfrage – hier gibt es nichts automatisch zu prüfen. "
            f"Vergleiche deine Antwort mit {self._call}.solution().",
        )

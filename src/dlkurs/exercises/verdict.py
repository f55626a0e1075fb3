"""The verdict of a check, and the exceptions around it.

A verdict has a ``status`` (one of the German phrases below) and a
``message`` that says *what* is wrong. In Jupyter it shows as a coloured box,
elsewhere as one line of text. ``check()`` shows the verdict as soon as it is
known and returns it; when the returned verdict is then the last expression of
the cell, IPython would show it a second time, which
:meth:`Verdict._ipython_display_` suppresses for the cell that already showed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dlkurs.exercises import display
from dlkurs.status import Verdict as Status

RICHTIG = Status.RICHTIG
FALSCH = Status.FALSCH
NICHT_BEARBEITET = Status.NICHT_BEARBEITET
KEINE_PRUEFUNG = Status.KEINE_PRUEFUNG
INTERNER_FEHLER = Status.INTERNER_FEHLER

STATUSES = tuple(Status)

#: icon, text colour, background of each verdict's box
_LOOK = {  # plain-text icon, kind of box (its colours), badge character that needs no emoji font
    RICHTIG: ("✓", "success", "✓"),
    FALSCH: ("✗", "error", "×"),
    NICHT_BEARBEITET: ("✎", "note", "…"),
    KEINE_PRUEFUNG: ("ℹ", "hint", "i"),
    INTERNER_FEHLER: ("⚠", "warning", "!"),
}


class Falsch(Exception):
    """Raise in a check (or a custom check function) to say the answer is wrong.

    >>> raise Falsch("Der Verlust sinkt beim Training nicht.")
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotAttempted(Exception):
    """Raised inside a check when the answer still contains the placeholder."""


class ExerciseFailed(AssertionError):
    """Strict mode (``DLKURS_STRICT_CHECKS=1``): a check whose verdict is not "richtig"."""

    def __init__(self, lesson: str | None, exercise: str | None, status: str, reason: str) -> None:
        self.lesson = lesson
        self.exercise = exercise
        self.status = status
        self.reason = reason
        where = f"Lektion {lesson}, Aufgabe '{exercise}'"
        super().__init__(f"{where}: {status} – {reason}" if reason else f"{where}: {status}")


@dataclass
class Verdict:
    """What a check found: ``status`` (``richtig``, ``falsch``, …) and ``message``."""

    status: str
    message: str = ""
    lesson: str | None = None
    exercise: str | None = None
    _shown_in: int | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the answer is right."""
        return self.status == RICHTIG

    def __bool__(self) -> bool:
        return self.ok

    @property
    def title(self) -> str:
        try:
            return Status(self.status).label
        except ValueError:
            return str(self.status)

    def text(self) -> str:
        """The verdict as one plain-text line (what a terminal shows)."""
        icon = _LOOK.get(self.status, ("•",))[0]
        if self.message.startswith(self.title):  # "Interner Fehler im Prüfer (…)": no repetition
            return f"{icon} {self.message}"
        return f"{icon} {self.title}" + (f": {self.message}" if self.message else "")

    def html(self) -> str:
        title = self.title
        _, kind, glyph = _LOOK.get(self.status, ("•", "note", "•"))
        message = self.message
        if message.startswith(title):
            message = message[len(title):].lstrip(" :")
        return display.box(title, display.inline_html(message), kind=kind, icon=glyph)

    def show(self) -> None:
        """Display the verdict now and remember in which cell it was shown."""
        self._shown_in = display.execution_count()
        display.show(self.text(), self.html())

    # IPython calls this instead of the formatters when the verdict is displayed,
    # e.g. as the last expression of a cell. check() has already shown it then.
    def _ipython_display_(self) -> None:
        if self._shown_in is not None and self._shown_in == display.execution_count():
            return
        self.show()

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.text()

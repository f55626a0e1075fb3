"""Exceptions of the data layer.

Every message is German and complete: it names the dataset, what was expected,
what was found, and what the learner can do. Lessons catch :class:`DataError`
(or one of its subclasses); the CLI prints ``str(err)`` and exits non-zero.
"""

from __future__ import annotations


class DataError(Exception):
    """Base class of every error the data layer raises on purpose."""

    #: First line a learner sees in a notebook, above the message.
    heading = "Problem mit den Kursdaten"

    def _render_traceback_(self) -> list[str]:
        """What IPython/Jupyter show for this error: heading, message and remedy.

        The message is complete (what is wrong, what to do); a traceback through
        dlkurs' internals would only bury it.
        """
        return [f"\x1b[1;31m{self.heading}\x1b[0m", str(self)]


class UnknownDataset(DataError, KeyError):
    """The name is not in the registry."""

    heading = "Unbekannter Datensatz"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class VerificationError(DataError):
    """A file is not the expected one (hash, content or structure differs).

    ``expected`` and ``actual`` hold the two values that differ (e.g. both hashes).
    """

    heading = "Datei stimmt nicht"

    def __init__(self, message: str, *, path: str = "", expected: str = "", actual: str = ""):
        super().__init__(message)
        self.path = path
        self.expected = expected
        self.actual = actual


class DatasetNotAvailable(DataError):
    """The dataset is neither in the data home nor obtainable right now (offline, no source)."""

    heading = "Kursdaten fehlen"

    def __init__(self, message: str, *, name: str = "", reason: str = ""):
        super().__init__(message)
        self.name = name
        self.reason = reason


class DatasetCorrupt(DatasetNotAvailable):
    """The cached copy failed verification, was removed, and could not be fetched again."""

    heading = "Kursdaten beschädigt"

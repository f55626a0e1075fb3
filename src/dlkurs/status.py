"""Every kind of status dlkurs records, one enumeration each, German labels here.

The value of a member is what is stored (results JSON, the progress database,
the data home's state files) and never changes, so files that older versions
wrote keep reading; ``label`` is what a person reads. Members are strings, so
``Verdict.RICHTIG == "richtig"`` and they serialise as their value.

>>> from dlkurs.status import RunStatus
>>> RunStatus.PASSED.label
'bestanden'
>>> RunStatus("passed") is RunStatus.PASSED
True
"""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """Base of the status enumerations: ``Member = (stored value, German label)``."""

    def __new__(cls, value: str, label: str | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else value
        return member

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:  # in messages and test output it reads like the stored value
        return repr(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class Verdict(Status):
    """The verdict of an exercise check (stored in the progress database as it reads)."""

    RICHTIG = "richtig", "Richtig"
    FALSCH = "falsch", "Falsch"
    NICHT_BEARBEITET = "noch nicht bearbeitet", "Noch nicht bearbeitet"
    KEINE_PRUEFUNG = "nichts zu prüfen", "Nichts zu prüfen"
    INTERNER_FEHLER = "interner Fehler", "Interner Fehler im Prüfer"


class RunStatus(Status):
    """The outcome of a headless lesson run (stored in its results JSON)."""

    PASSED = "passed", "bestanden"
    FAILED = "failed", "fehlgeschlagen"
    TIMEOUT = "timeout", "Zeit überschritten"
    SKIPPED = "skipped", "übersprungen"
    DATA_MISSING = "data_missing", "Daten fehlen"


class DataState(Status):
    """What the data home holds of one dataset (stored in its state file)."""

    OK = "ok", "vorhanden und geprüft"
    MISSING = "missing", "fehlt"
    PARTIAL = "partial", "teilweise vorhanden"
    CORRUPT = "corrupt", "beschädigt"
    EMBEDDED = "embedded", "eingebettet"


class DataEvent(Status):
    """What the data layer did during a lesson run (logged for the runner's report)."""

    SUBSTITUTE = "substitute", "Ersatzdaten verwendet"
    FIXTURE = "fixture", "Testdaten im Originalformat verwendet"
    CORRUPT = "corrupt", "beschädigte Kopie gefunden"
    REPAIRED = "repaired", "beschädigte Kopie ersetzt"
    DOWNLOADED = "downloaded", "heruntergeladen"
    MISSING = "missing", "Daten fehlen"


class ImportOutcome(Status):
    """What importing one dataset from an offline bundle did."""

    IMPORTED = "importiert"
    PRESENT = "vorhanden"
    REJECTED = "abgelehnt"
    INCOMPLETE = "unvollständig"


class CheckLevel(Status):
    """One line of ``dlkurs doctor``."""

    OK = "ok"
    WARN = "warnung"
    FAIL = "fehler"
    INFO = "info"


class WorkspaceAction(Status):
    """What ``dlkurs start`` did with one notebook of the learner's workspace."""

    CREATED = "neu"
    UPDATED = "aktualisiert"
    UNCHANGED = "unverändert"
    KEPT = "behalten"
    BESIDE = "daneben"

"""What a headless lesson run produced: status, time, figures, the failing cell.

Kept free of heavy imports, so that `dlkurs list` can read past runs quickly.
"""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dlkurs import settings
from dlkurs.status import DataEvent, RunStatus

PASSED, FAILED, TIMEOUT, SKIPPED = RunStatus.PASSED, RunStatus.FAILED, RunStatus.TIMEOUT, RunStatus.SKIPPED
DATA_MISSING = RunStatus.DATA_MISSING
BACKENDS = ("tensorflow", "jax")


@dataclass
class CellError:
    """Where and how a lesson failed."""

    cell: int  # 1-based index among all cells of the notebook
    ename: str
    evalue: str
    source: str = ""
    traceback: str = ""


@dataclass
class LessonRun:
    """The outcome of one headless lesson run (also the content of its JSON)."""

    lesson: str
    title: str
    profile: str
    backend: str
    status: str = PASSED
    seconds: float = 0.0
    budget_seconds: float = 0.0
    figures: dict[str, float] = field(default_factory=dict)
    bands: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: CellError | None = None
    files: dict[str, str] = field(default_factory=dict)
    #: exercise name -> status of its last check() in this run ("richtig", "falsch", …)
    checks: dict[str, str] = field(default_factory=dict)
    #: what the data layer used instead of real data, or repaired ({"event", "dataset", "message"})
    data_notes: list[dict] = field(default_factory=list)
    #: parts of the lesson not run because their data is missing ({"dataset", "cells", "title"})
    skipped_parts: list[dict] = field(default_factory=list)
    started: str = ""
    python: str = field(default_factory=platform.python_version)

    @property
    def ok(self) -> bool:
        return self.status == PASSED

    @property
    def stand_ins(self) -> list[str]:
        """Datasets this run used substitute or fixture data for (its figures are no course figures)."""
        return sorted({n["dataset"] for n in self.data_notes if n.get("event") in (DataEvent.SUBSTITUTE, DataEvent.FIXTURE)})

    @property
    def missing_data(self) -> dict[str, str]:
        """Datasets this run found missing, each with how to get it."""
        return {n["dataset"]: n.get("remedy", "") for n in self.data_notes if n.get("event") == DataEvent.MISSING}

    @property
    def status_de(self) -> str:
        return RunStatus(self.status).label

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> LessonRun:
        data = dict(data)
        if data.get("error"):
            data["error"] = CellError(**data["error"])
        return cls(**data)


def latest_runs(runs_dir: Path | None = None) -> dict[str, LessonRun]:
    """The newest recorded run of every lesson under ``runs_dir`` (any profile)."""
    base = Path(runs_dir or settings.runs_dir())
    found: dict[str, LessonRun] = {}
    if not base.is_dir():
        return found
    for path in sorted(base.glob("*/*.json"), key=lambda p: p.stat().st_mtime):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            run = LessonRun.from_json(data)
        except (ValueError, TypeError, KeyError):
            continue
        found[run.lesson] = run
    return found

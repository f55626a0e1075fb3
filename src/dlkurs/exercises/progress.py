"""Local record of every check, hint and solution call, in SQLite.

One row per event in ``events``. Several kernels may write at once: the
database runs in WAL mode with a busy timeout, every write is one short
transaction on its own connection, and a write that still meets a lock is
retried. Recording never disturbs a learner: if the database cannot be
written, a one-line German note is printed once and the check goes on.

The file is :func:`dlkurs.settings.progress_db` (``$DLKURS_PROGRESS_DB``).
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dlkurs import settings

CHECK, HINT, SOLUTION = "check", "hint", "solution"
ACTIONS = (CHECK, HINT, SOLUTION)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    time     REAL NOT NULL,
    lesson   TEXT NOT NULL,
    exercise TEXT NOT NULL,
    action   TEXT NOT NULL,
    status   TEXT,
    detail   TEXT,
    pid      INTEGER
);
CREATE INDEX IF NOT EXISTS events_by_exercise ON events (lesson, exercise);
"""

_BUSY_TIMEOUT_S = 10.0
_RETRIES = 8
_ready: set[str] = set()
_warned = False


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
    key = f"{os.getpid()}:{path}"
    if key not in _ready:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(_SCHEMA)
        _ready.add(key)
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _retry(action, path: Path):
    """Run ``action(conn)`` on a fresh connection, retrying while the file is locked."""
    delay = 0.02
    for attempt in range(_RETRIES):
        conn = None
        try:
            conn = _connect(path)
            return action(conn)
        except sqlite3.OperationalError as err:
            text = str(err).lower()
            if attempt == _RETRIES - 1 or not ("locked" in text or "busy" in text):
                raise
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)
        finally:
            if conn is not None:
                conn.close()
    raise sqlite3.OperationalError("database is locked")  # pragma: no cover


def record(
    lesson: str | None,
    exercise: str | None,
    action: str,
    status: str | None = None,
    detail: str | None = None,
    *,
    db: Path | None = None,
) -> bool:
    """Append one event; True if it was written. Never raises."""
    global _warned
    path = Path(db) if db is not None else None
    try:
        path = path or settings.progress_db()
        path.parent.mkdir(parents=True, exist_ok=True)
        row = (time.time(), lesson or "?", exercise or "?", action, status, (detail or "")[:500], os.getpid())

        def write(conn: sqlite3.Connection) -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT INTO events (time, lesson, exercise, action, status, detail, pid) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

        _retry(write, path)
        return True
    except Exception as err:
        if not _warned:
            _warned = True
            print(f"Hinweis: Dein Fortschritt konnte nicht gespeichert werden ({path}: {err}).", file=sys.stderr)
        return False


@dataclass
class Event:
    time: float
    lesson: str
    exercise: str
    action: str
    status: str | None
    detail: str | None
    pid: int | None


def events(db: Path | None = None, lesson: str | None = None) -> list[Event]:
    """All recorded events (of one lesson), oldest first; empty if there is no database."""
    path = Path(db) if db is not None else settings.progress_db()
    if not path.exists():
        return []
    query = "SELECT time, lesson, exercise, action, status, detail, pid FROM events"
    args: tuple = ()
    if lesson is not None:
        query += " WHERE lesson = ?"
        args = (lesson,)
    query += " ORDER BY id"
    return _retry(lambda conn: [Event(*row) for row in conn.execute(query, args)], path)


@dataclass
class ExerciseProgress:
    """What one learner did on one exercise."""

    lesson: str
    exercise: str
    checks: int = 0  # checks with an answer (not the placeholder)
    solved: bool = False
    last_status: str | None = None
    hints_used: int = 0  # distinct hints shown
    solution_seen: bool = False
    last_time: float | None = None

    @property
    def attempted(self) -> bool:
        return self.checks > 0 or self.solved

    def to_json(self) -> dict:
        data = asdict(self)
        data["attempted"] = self.attempted
        return data


def summary(db: Path | None = None, lesson: str | None = None) -> list[ExerciseProgress]:
    """Progress per exercise, in the order the exercises were first touched."""
    from dlkurs.exercises.verdict import KEINE_PRUEFUNG, NICHT_BEARBEITET, RICHTIG

    found: dict[tuple[str, str], ExerciseProgress] = {}
    hints: dict[tuple[str, str], set[str]] = {}
    for event in events(db, lesson):
        key = (event.lesson, event.exercise)
        item = found.setdefault(key, ExerciseProgress(event.lesson, event.exercise))
        item.last_time = event.time
        if event.action == CHECK:
            if event.status not in (NICHT_BEARBEITET, KEINE_PRUEFUNG):
                item.checks += 1
            item.solved = item.solved or event.status == RICHTIG
            item.last_status = event.status
        elif event.action == HINT and event.status == "shown":
            hints.setdefault(key, set()).add(event.detail or "")
        elif event.action == SOLUTION and event.status != "none":
            item.solution_seen = True
    for key, shown in hints.items():
        found[key].hints_used = len(shown)
    return list(found.values())


def last_verdicts(db: Path | None = None, lesson: str | None = None) -> dict[str, dict[str, str]]:
    """The status of the latest check of every exercise: ``{lesson: {exercise: status}}``."""
    result: dict[str, dict[str, str]] = {}
    for event in events(db, lesson):
        if event.action == CHECK and event.status:
            result.setdefault(event.lesson, {})[event.exercise] = event.status
    return result

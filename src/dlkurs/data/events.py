"""Notices to the learner and a record of what was used instead of real data.

Whenever the data layer hands out something that is not the verified real
dataset (a declared substitute, a test fixture) or repairs the cache, it says
so in German on stderr and records an event. :func:`substitutions` lists the
substitutes and fixtures this process used; when ``$DLKURS_DATA_LOG`` names a
file, every event is also appended there as one JSON line, so that a runner
executing a lesson in a separate kernel can read it.
"""

from __future__ import annotations

import json
import os
import sys
import time

from dlkurs.status import DataEvent

#: File that receives one JSON line per data event (set by a runner).
ENV_DATA_LOG = "DLKURS_DATA_LOG"

SUBSTITUTE, FIXTURE, CORRUPT, REPAIRED, DOWNLOADED, MISSING = tuple(DataEvent)

_EVENTS: list[dict] = []


def notice(text: str) -> None:
    """Print a German notice where a learner sees it (stderr shows in notebooks)."""
    print(text, file=sys.stderr, flush=True)


def record(event: str, dataset: str, message: str, **extra) -> dict:
    """Remember an event in this process and, if configured, in ``$DLKURS_DATA_LOG``."""
    entry = {"time": time.time(), "event": event, "dataset": dataset, "message": message, **extra}
    _EVENTS.append(entry)
    target = os.environ.get(ENV_DATA_LOG)
    if target:
        try:
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError:
            pass  # a log that cannot be written must not break a lesson
    return entry


def events() -> list[dict]:
    """All data events of this process (copies)."""
    return [dict(e) for e in _EVENTS]


def substitutions() -> list[dict]:
    """Every load in this process that returned something other than the real data.

    Each entry: ``{"event": "substitute" | "fixture", "dataset": name, "message": …,
    "instead": what was used, "time": …}``.
    """
    return [dict(e) for e in _EVENTS if e["event"] in (SUBSTITUTE, FIXTURE)]


def clear() -> None:
    """Forget the recorded events (tests)."""
    _EVENTS.clear()

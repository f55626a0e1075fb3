"""Which executed notebook of a lesson the slides and the site show.

First choice is the newest *full* run of ``dlkurs run`` in the runs folder (the
real course numbers), then the newest run of any profile. A lesson without a
recorded run is run now in the quick profile, exactly as ``dlkurs run 1.2``
would do it (its files land in the runs folder, so the next build reuses them).
Every page says where its outputs come from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from dlkurs.build.notebook import build_notebook
from dlkurs.lessons import Lesson
from dlkurs.run.results import DATA_MISSING, PASSED, LessonRun

#: Where a page's outputs come from.
FULL, QUICK, NONE = "full", "quick", "none"


@dataclass
class Executed:
    """A lesson's notebook as the slides and the site show it."""

    lesson: Lesson
    nb: nbformat.NotebookNode
    origin: str  # FULL, QUICK (outputs of a run in that profile) or NONE (not executed)
    run: LessonRun | None = None  # the run the outputs come from
    ran_now: bool = False  # executed for this build
    notes: list[str] = field(default_factory=list)  # German: what a reader should know (failed cell, missing data)
    failed: bool = False  # the run failed or timed out: reported as a failed lesson


def recorded_runs(runs_dir: Path) -> list[LessonRun]:
    """Every run recorded under ``runs_dir`` (``<profile>/<lesson>.json``), oldest first."""
    base = Path(runs_dir)
    if not base.is_dir():
        return []
    runs = []
    for path in sorted(base.glob("*/*.json"), key=lambda p: p.stat().st_mtime):
        try:
            runs.append(LessonRun.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, TypeError, KeyError, OSError):
            continue
    return runs


def latest_full_run(runs: list[LessonRun], lesson_id: str) -> LessonRun | None:
    """The newest full-profile run of the lesson (its figures go next to the reference bands)."""
    full = [r for r in runs if r.lesson == lesson_id and r.profile == FULL]
    return full[-1] if full else None


def _notebook_of(run: LessonRun) -> nbformat.NotebookNode | None:
    path = run.files.get("ipynb")
    if not path or not Path(path).is_file():
        return None
    try:
        return nbformat.read(path, as_version=4)
    except Exception:
        return None


def _notes(run: LessonRun) -> tuple[list[str], bool]:
    notes = []
    failed = run.status not in (PASSED, DATA_MISSING)
    if run.status != PASSED:
        text = f"Der Lauf endete mit dem Status „{run.status_de}“"
        if run.error is not None:
            first = (run.error.evalue or "").strip().splitlines()[:1]
            text += f" in Zelle {run.error.cell}: {run.error.ename}" + (f": {first[0]}" if first else "")
        notes.append(text.rstrip(".") + ".")
    for part in run.skipped_parts:
        notes.append(f"Teil „{part.get('title') or part['dataset']}“ wurde ohne den Datensatz "
                     f"{part['dataset']} nicht ausgeführt.")
    return notes, failed


def executed_notebook(lesson: Lesson, runs: list[LessonRun], runs_dir: Path, *, run_missing: bool = True,
                      backend: str = "tensorflow") -> Executed:
    """The notebook with outputs for ``lesson``; runs it in the quick profile when no run is recorded.

    Never raises for a problem of the lesson: a source that does not build is
    raised by :func:`dlkurs.build.notebook.build_notebook` only when there is
    no recorded run to show either.
    """
    mine = [r for r in runs if r.lesson == lesson.id]
    ordered = [r for r in reversed(mine) if r.profile == FULL] + [r for r in reversed(mine) if r.profile != FULL]
    for run in ordered:
        nb = _notebook_of(run)
        if nb is not None:
            notes, failed = _notes(run)
            return Executed(lesson, nb, FULL if run.profile == FULL else QUICK, run, notes=notes, failed=failed)
    if run_missing:
        from dlkurs.run.runner import run_lesson

        chosen = backend if lesson.backend == "any" else lesson.backend
        run = run_lesson(lesson, profile=QUICK, backend=chosen, out_dir=Path(runs_dir) / QUICK, html=False)
        nb = _notebook_of(run)
        if nb is not None:
            notes, failed = _notes(run)
            return Executed(lesson, nb, QUICK, run, ran_now=True, notes=notes, failed=failed)
        notes, failed = _notes(run)
        executed = Executed(lesson, build_notebook(lesson, "solution"), NONE, run, ran_now=True, notes=notes,
                            failed=failed)
        return executed
    return Executed(lesson, build_notebook(lesson, "solution"), NONE,
                    notes=["Die Lektion wurde für diese Seite nicht ausgeführt (dlkurs build --no-run)."])

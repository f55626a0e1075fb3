"""Execute lessons headless in a fresh course kernel and record what happened.

For each lesson the runner builds the solution notebook from its source,
executes it cell by cell under the lesson's time budget, and writes three
files into the output folder: the executed ``.ipynb``, an ``.html`` rendering
and a results ``.json`` (status, seconds, figures and their bands, the failing
cell). Checks in the solution notebook run strictly: an exercise whose
reference solution is not "richtig" fails the lesson.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from dlkurs import settings
from dlkurs.data.events import ENV_DATA_LOG
from dlkurs.lessons import Lesson
from dlkurs.build.notebook import KERNEL_NAME, build_notebook
from dlkurs.build.kernel import write_kernel_spec
from dlkurs.status import DataEvent
from dlkurs.run.results import (  # noqa: F401  (re-exported)
    BACKENDS,
    DATA_MISSING,
    FAILED,
    PASSED,
    SKIPPED,
    TIMEOUT,
    CellError,
    LessonRun,
    latest_runs,
)

#: Called with (lesson, index of the cell about to run, number of cells).
ProgressCallback = Callable[[Lesson, int, int], None]


#: the run's stand-in for the learner's workspace (``~/dlkurs``), beside ``work/`` in the output folder
WORKSPACE = "arbeitsordner"


def _kernel_env(profile: str, backend: str, tmp: Path, workdir: Path, lesson_id: str = "") -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            settings.ENV_LESSON: lesson_id,
            settings.ENV_PROFILE: profile,
            settings.ENV_RESULTS: str(tmp / "figures.jsonl"),
            ENV_DATA_LOG: str(tmp / "data.jsonl"),
            settings.ENV_STRICT: "1",
            settings.ENV_PROGRESS_DB: str(workdir / "progress.sqlite"),
            # what lessons save for later lessons (3.5's model for 3.8 and 3.9) stays in the run's
            # folder, shared by the lessons of one profile: a check never overwrites the learner's files
            settings.ENV_WORKSPACE: str(workdir.parent.parent / WORKSPACE),
            "KERAS_BACKEND": backend,
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    return env


def _read_figures(results_file: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    if results_file.exists():
        for line in results_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                figures.update(json.loads(line)["figures"])
    return figures


def _read_data_notes(log: Path) -> list[dict]:
    """Substitutes, fixtures and repairs the data layer reported during the run."""
    notes: list[dict] = []
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                if entry.get("event") != DataEvent.DOWNLOADED:
                    notes.append({k: entry[k] for k in ("event", "dataset", "message", "remedy") if k in entry})
    return notes


def _read_checks(db: Path) -> dict[str, str]:
    from dlkurs.run.checks import read_checks

    try:
        return read_checks(db)
    except Exception:
        return {}


def _judge(run: LessonRun, lesson: Lesson) -> None:
    """Compare reported figures with the catalog: all present; in band (full profile).

    A run that passed must also have checked every declared exercise "richtig".
    Bands are reference numbers for the real datasets: a lesson that ran on
    substitute or fixture data records its misses but does not fail for them.
    """
    partial = run.status == DATA_MISSING  # parts skipped: what they would have checked is not held against it
    if run.status == PASSED or (partial and run.error is None):
        from dlkurs.run.checks import coverage

        try:
            cover = coverage(run)
            run.problems.extend(cover.problems(unchecked=not partial))
        except Exception as err:  # a broken check module fails the run, with the reason
            run.problems.append(f"Das Prüfmodul der Lektion lässt sich nicht laden: {type(err).__name__}: {err}")
    for figure in lesson.figures_for(run.figures):
        value = run.figures.get(figure.name)
        if value is None or not math.isfinite(value):
            if not partial:
                run.problems.append(f"Kennzahl '{figure.name}' wurde nicht gemeldet.")
            continue
        if figure.band is None:
            continue
        within = figure.within(value)
        run.bands[figure.name] = {"band": list(figure.band), "within": within}
        if run.profile == "full" and not within:
            low, high = figure.band
            if not run.stand_ins:
                run.problems.append(
                    f"Kennzahl '{figure.name}' = {value:.4g} liegt außerhalb des Referenzbands [{low:g}, {high:g}]."
                )
    if run.problems and run.status in (PASSED, DATA_MISSING):
        run.status = FAILED


def _short_traceback(text: str, lines: int = 12) -> str:
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", text or "")
    return "\n".join(plain.strip().splitlines()[-lines:])


def _export_html(nb, path: Path) -> None:
    from dlkurs.build.offline_html import export_offline_html

    path.write_text(export_offline_html(nb), encoding="utf-8")


def run_lesson(
    lesson: Lesson,
    *,
    profile: str = "quick",
    backend: str = "tensorflow",
    out_dir: Path | None = None,
    time_factor: float = 1.0,
    progress: ProgressCallback | None = None,
    html: bool = True,
) -> LessonRun:
    """Execute ``lesson`` headless and write its ``.ipynb``, ``.html`` and ``.json``.

    Whatever goes wrong with this one lesson (a source that does not build, a
    kernel that does not start, an output folder that cannot be written) becomes
    this lesson's failed result with its reason; it never raises, so a batch
    goes on. Only an unknown profile or backend (a caller's mistake) raises.
    """
    if profile not in settings.PROFILES:
        raise ValueError(f"Unbekanntes Profil {profile!r}; erlaubt: {', '.join(settings.PROFILES)}")
    if backend not in BACKENDS:
        raise ValueError(f"Unbekanntes Backend {backend!r}; erlaubt: {', '.join(BACKENDS)}")
    budget = max(1.0, lesson.budget_for(profile) * time_factor)
    run = LessonRun(
        lesson=lesson.id,
        title=lesson.title,
        profile=profile,
        backend=backend,
        budget_seconds=budget,
        started=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    out_dir = Path(out_dir or settings.runs_dir() / profile).resolve()
    stem = out_dir / lesson.slug
    try:
        workdir = out_dir / "work" / lesson.id
        workdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return _failed(run, "Ausgabeordner", f"{out_dir} lässt sich nicht anlegen ({err.strerror or err}); "
                       "wähle mit --out oder DLKURS_RUNS einen beschreibbaren Ordner.")
    if lesson.backend not in ("any", backend):
        run.status = SKIPPED
        run.problems.append(f"Die Lektion ist für das Backend '{lesson.backend}' geschrieben, nicht für '{backend}'.")
        _save(run, None, stem, html=False)
        return run
    try:
        nb = build_notebook(lesson, "solution")
    except Exception as err:
        _failed(run, "Lektionsquelle", f"{lesson.source_path.name} lässt sich nicht in ein Notebook übersetzen: "
                f"{type(err).__name__}: {err}")
        _save(run, None, stem, html=False)
        return run
    try:
        _execute(run, nb, lesson, workdir, stem, budget, progress)
    except Exception as err:  # the kernel did not start, or died in a way nbclient does not name
        _failed(run, "Kernel", f"Der Kernel ließ sich nicht starten oder brach ab: {type(err).__name__}: {err}")
    _judge(run, lesson)
    _save(run, nb, stem, html=html)
    return run


def _failed(run: LessonRun, ename: str, evalue: str, cell: int = 0) -> LessonRun:
    run.status = FAILED
    run.error = CellError(cell=cell, ename=ename, evalue=evalue)
    return run


def _execute(run: LessonRun, nb, lesson: Lesson, workdir: Path, stem: Path, budget: float,
             progress: ProgressCallback | None) -> None:
    """Run the notebook's cells in a fresh course kernel; record status, error, figures, checks."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    progress_db = workdir / "progress.sqlite"
    for stale in (progress_db, Path(f"{progress_db}-wal"), Path(f"{progress_db}-shm")):
        stale.unlink(missing_ok=True)  # verdicts of an earlier run must not count
    cells = nb.cells
    with tempfile.TemporaryDirectory(prefix="dlkurs-kernel-") as tmp:
        tmp_path = Path(tmp)
        write_kernel_spec(tmp_path / "kernels")
        ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
        km = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)
        client = NotebookClient(
            nb,
            km=km,
            kernel_name=KERNEL_NAME,
            timeout=int(budget),
            interrupt_on_timeout=False,
            allow_errors=False,
            record_timing=True,
            resources={"metadata": {"path": str(workdir)}},
        )
        log_path = _file(stem, ".kernel.log")
        started = time.monotonic()
        deadline = started + budget
        index = -1

        def source(i: int) -> str:
            return cells[i].source if 0 <= i < len(cells) else ""

        try:
            with open(log_path, "w", encoding="utf-8") as log, client.setup_kernel(
                env=_kernel_env(run.profile, run.backend, tmp_path, workdir, lesson.id), stderr=log, stdout=log
            ):
                for index, cell in enumerate(cells):
                    if progress:
                        progress(lesson, index, len(cells))
                    if cell.cell_type != "code":
                        continue
                    needs = needed_datasets(cell)
                    skipped = [p for p in run.skipped_parts if p["dataset"] in needs]
                    if skipped:  # a later cell of a part whose data is missing
                        skipped[0]["cells"].append(index + 1)
                        continue
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise CellTimeoutError("budget exhausted")
                    client.timeout = max(1, math.ceil(remaining))
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as err:
                        missing = _missing(tmp_path / "data.jsonl") & needs if err.ename in DATA_ERRORS else set()
                        if not missing:
                            raise
                        # only this part needs the missing data: skip it, run the rest
                        run.skipped_parts.append(
                            {"dataset": sorted(missing)[0], "cells": [index + 1], "title": _part_title(cells, index)}
                        )
                if progress:
                    progress(lesson, len(cells), len(cells))
                if run.skipped_parts:
                    run.status = DATA_MISSING
        except CellTimeoutError:
            run.status = TIMEOUT
            run.error = CellError(
                cell=index + 1,
                ename="Zeitüberschreitung",
                evalue=f"Zeitbudget von {budget:.0f} s ({run.profile}) überschritten.",
                source=source(index),
            )
        except CellExecutionError as err:
            run.status = DATA_MISSING if err.ename in DATA_ERRORS and _missing(tmp_path / "data.jsonl") else FAILED
            run.error = CellError(
                cell=index + 1,
                ename=err.ename,
                evalue=err.evalue,
                source=source(index),
                traceback=_short_traceback(err.traceback),
            )
        except DeadKernelError as err:
            _failed(run, "DeadKernelError", f"Der Kernel ist abgestürzt (zu wenig Speicher?): {err}", index + 1)
            run.error.source = source(index)
        finally:
            run.seconds = round(time.monotonic() - started, 2)
            run.figures = _read_figures(tmp_path / "figures.jsonl")
            run.data_notes = _read_data_notes(tmp_path / "data.jsonl")
            run.checks = _read_checks(progress_db)
            if log_path.exists() and log_path.stat().st_size == 0:
                log_path.unlink()


#: Exceptions of the data layer that mean "this dataset is not on this machine".
DATA_ERRORS = ("DatasetNotAvailable", "DatasetCorrupt")
#: Cell tag that marks a part of a lesson needing one dataset: ``# %% tags=["daten:cifar10"]``.
DATA_TAG = "daten:"


def needed_datasets(cell) -> set[str]:
    """The datasets a cell is tagged as needing (its part is skipped when one is missing)."""
    return {tag[len(DATA_TAG):] for tag in cell.get("metadata", {}).get("tags", []) if tag.startswith(DATA_TAG)}


def _missing(log: Path) -> set[str]:
    """Datasets the data layer reported as missing during this run."""
    return {n["dataset"] for n in _read_data_notes(log) if n.get("event") == DataEvent.MISSING}


def _part_title(cells, index: int) -> str:
    """The heading of the section a cell belongs to (the nearest Markdown heading above it)."""
    for cell in reversed(cells[:index]):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def _save(run: LessonRun, nb, stem: Path, *, html: bool) -> None:
    """Write the executed notebook, its HTML and the JSON; a file that cannot be written is a problem of the run."""
    import nbformat

    writers = []
    if nb is not None:
        writers.append(("ipynb", lambda path: nbformat.write(nb, path)))
        if html:
            writers.append(("html", lambda path: _export_html(nb, path)))
    for kind, write in writers:
        path = _file(stem, f".{kind}")
        try:
            write(path)
            run.files[kind] = str(path)
        except Exception as err:
            run.problems.append(f"{path.name} ließ sich nicht schreiben: {type(err).__name__}: {err}")
            if run.status == PASSED:
                run.status = FAILED
    try:
        _write_json(run, stem)
    except OSError as err:
        run.files.pop("json", None)
        run.problems.append(f"{_file(stem, '.json').name} ließ sich nicht schreiben: {err.strerror or err}")
        if run.status == PASSED:
            run.status = FAILED


def _file(stem: Path, suffix: str) -> Path:
    # not Path.with_suffix: lesson stems contain a dot ("1.2_jupyter-markdown")
    return stem.parent / (stem.name + suffix)


def _write_json(run: LessonRun, stem: Path) -> None:
    json_path = _file(stem, ".json")
    run.files["json"] = str(json_path)
    json_path.write_text(json.dumps(run.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")


def run_lessons(
    lessons: Iterable[Lesson],
    *,
    on_start: Callable[[Lesson], None] | None = None,
    on_done: Callable[[LessonRun], None] | None = None,
    **kwargs,
) -> list[LessonRun]:
    """Run several lessons one after another; one failure never stops the rest."""
    runs = []
    for lesson in lessons:
        if on_start:
            on_start(lesson)
        run = run_lesson(lesson, **kwargs)  # never raises for a problem of the lesson
        runs.append(run)
        if on_done:
            on_done(run)
    return runs

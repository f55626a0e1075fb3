"""``dlkurs build``: notebooks, slides and the website for a selection of lessons, into one folder.

Layout of the output folder (it is the website; open ``index.html`` or serve it)::

    index.html, lektionen/<lesson>.html, search/, assets/   the website (MkDocs)
    folien/<lesson>.html, folien/reveal.js/                  reveal.js decks
    notebooks/aufgaben/tag<N>/<lesson>.ipynb                 student notebooks (as `dlkurs start` writes them)
    notebooks/loesungen/tag<N>/<lesson>.ipynb                solution notebooks (solutions in place, checks kept)
    .dlkurs-build.json                                       what was built (marks the folder as ours)

A lesson that fails is reported with its reason and left out; the rest is built.
MkDocs empties the output folder before writing, so a folder that holds other
files (and no ``.dlkurs-build.json``) is refused.
"""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from dlkurs import settings
from dlkurs.build.notebook import build_notebook
from dlkurs.lessons import Lesson
from dlkurs.publish import site, slides
from dlkurs.publish.executed import Executed, executed_notebook, latest_full_run, recorded_runs

MARKER = ".dlkurs-build.json"
_GERMAN_ERRNO = {
    errno.EACCES: "keine Schreibrechte",
    errno.EPERM: "nicht erlaubt",
    errno.EROFS: "nur lesbares Dateisystem",
    errno.ENOENT: "Pfad lässt sich nicht anlegen",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
}


class BuildError(Exception):
    """A problem of the whole build (output folder, site generator): one German sentence."""


@dataclass
class LessonOutcome:
    lesson: Lesson
    origin: str = ""  # "full", "quick", "none" (see dlkurs.publish.executed)
    ran_now: bool = False
    failed: bool = False  # not built, or its run failed: reported by name
    built: bool = False  # pages, slides and notebooks written
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BuildReport:
    out: Path
    outcomes: list[LessonOutcome]
    warnings: list[str]
    seconds: float

    @property
    def failed(self) -> list[LessonOutcome]:
        return [o for o in self.outcomes if o.failed]


def check_out(out: Path) -> Path:
    """The output folder, created and writable and ours to empty; :class:`BuildError` otherwise."""
    out = Path(out).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} ist eine Datei, kein Ordner. Wähle mit --out einen Ordner.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(f"{out} enthält schon andere Dateien, und dlkurs build leert den Ordner vor dem Schreiben. "
                         "Wähle mit --out einen leeren oder neuen Ordner.")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as err:
        blocker = next((p for p in [out, *out.parents] if p.exists()), None)
        reason = (f"{blocker} ist eine Datei" if blocker is not None and not blocker.is_dir()
                  else _GERMAN_ERRNO.get(err.errno, err.strerror or str(err)))
        raise BuildError(f"Der Ausgabeordner {out} lässt sich nicht anlegen oder beschreiben ({reason}). "
                         "Wähle mit --out einen beschreibbaren Ordner.") from None
    return out


def _write_notebook(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _lesson(lesson: Lesson, docs: Path, runs, runs_dir: Path, run_missing: bool, backend: str,
            outcome: LessonOutcome) -> None:
    """Everything of one lesson into the staging folder ``docs``; raises on a problem of the lesson."""
    links = site.links_for(lesson)
    for variant in ("student", "solution"):
        target = links.student if variant == "student" else links.solution
        _write_notebook(build_notebook(lesson, variant), docs / target)
    executed: Executed = executed_notebook(lesson, runs, runs_dir, run_missing=run_missing, backend=backend)
    outcome.origin, outcome.ran_now = executed.origin, executed.ran_now
    outcome.problems += executed.notes
    outcome.failed = executed.failed
    page_name = Path(links.page).stem
    deck = slides.export_slides(executed.nb, title=f"{lesson.id} {lesson.title}",
                                back_link=f"../{site.LESSON_DIR}/{page_name}.html")
    (docs / links.slides).parent.mkdir(parents=True, exist_ok=True)
    (docs / links.slides).write_text(deck, encoding="utf-8")
    body, files = site.notebook_markdown(executed.nb, f"{page_name}_files")
    page_dir = docs / site.LESSON_DIR
    for name, data in files.items():
        path = page_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else str(data).encode("utf-8"))
    full = latest_full_run(runs, lesson.id)
    page = site.lesson_page(lesson, body, links,
                            site.provenance(executed.origin, executed.run, executed.ran_now, executed.notes),
                            site.figures_section(lesson, full))
    page_dir.mkdir(parents=True, exist_ok=True)
    (docs / links.page).write_text(page, encoding="utf-8")
    outcome.built = True


def build(
    lessons: list[Lesson],
    out: Path,
    *,
    runs_dir: Path | None = None,
    run_missing: bool = True,
    backend: str = "tensorflow",
    on_start: Callable[[Lesson, int, int], None] | None = None,
    on_done: Callable[[LessonOutcome], None] | None = None,
) -> BuildReport:
    """Build notebooks, slides and the website of ``lessons`` into ``out``.

    Raises :class:`BuildError` for a problem of the whole build; a problem of
    one lesson is in its :class:`LessonOutcome`.
    """
    started = time.monotonic()
    out = check_out(out)
    runs_dir = Path(runs_dir or settings.runs_dir()).expanduser().resolve()
    runs = recorded_runs(runs_dir)
    outcomes: list[LessonOutcome] = []
    with tempfile.TemporaryDirectory(prefix="dlkurs-build-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for index, lesson in enumerate(lessons):
            if on_start:
                on_start(lesson, index, len(lessons))
            outcome = LessonOutcome(lesson)
            t0 = time.monotonic()
            try:
                _lesson(lesson, docs, runs, runs_dir, run_missing, backend, outcome)
            except Exception as err:  # one lesson's problem never stops the others
                outcome.failed, outcome.built = True, False
                outcome.problems.append(f"Die Lektion ließ sich nicht bauen: {type(err).__name__}: {err}")
                _remove_lesson(docs, lesson)
            outcome.seconds = round(time.monotonic() - t0, 2)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        built = [o.lesson for o in outcomes if o.built]
        everything = _catalog_with(lessons)
        (docs / "index.md").write_text(site.index_page(everything, {lesson.id for lesson in built}),
                                       encoding="utf-8")
        (docs / "assets").mkdir(exist_ok=True)
        (docs / "assets" / "dlkurs.css").write_text(site.EXTRA_CSS, encoding="utf-8")
        shim = docs / site.IFRAME_WORKER
        shim.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site.IFRAME_WORKER_SOURCE, shim)
        slides.copy_reveal(docs / site.SLIDES_DIR)
        nav: list = [{"Start": "index.md"}]
        for day in sorted({lesson.day for lesson in built}):
            nav.append({site.day_title(day): [{f"{lesson.id} {lesson.title}": site.links_for(lesson).page}
                                              for lesson in built if lesson.day == day]})
        try:
            warnings = site.run_mkdocs(site.mkdocs_config(docs, out, nav), Path(tmp) / "mkdocs.yml")
        except Exception as err:
            raise BuildError(f"Die Website ließ sich nicht erzeugen (MkDocs): {type(err).__name__}: {err}") from None
    seconds = round(time.monotonic() - started, 2)
    marker = {
        "lessons": {o.lesson.id: {"origin": o.origin, "built": o.built, "run_failed": o.failed, "problems": o.problems}
                    for o in outcomes},
        "seconds": seconds,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    (out / MARKER).write_text(json.dumps(marker, indent=1, ensure_ascii=False), encoding="utf-8")
    return BuildReport(out, outcomes, warnings, seconds)


def _catalog_with(lessons: list[Lesson]) -> list[Lesson]:
    """The whole catalog (the start page shows the course), plus any given lesson it does not hold."""
    from dlkurs.lessons import catalog

    try:
        known = list(catalog())
    except Exception:
        known = []
    ids = {lesson.id for lesson in known}
    return sorted(known + [lesson for lesson in lessons if lesson.id not in ids], key=lambda l: l.sort_key)


def _remove_lesson(docs: Path, lesson: Lesson) -> None:
    """Leave no half-written files of a failed lesson in the site."""
    links = site.links_for(lesson)
    for rel in (links.page, links.slides, links.student, links.solution):
        path = docs / rel
        if path.exists():
            path.unlink()
    files = docs / site.LESSON_DIR / f"{Path(links.page).stem}_files"
    if files.is_dir():
        shutil.rmtree(files)


__all__ = ["BuildError", "BuildReport", "LessonOutcome", "MARKER", "build", "check_out"]

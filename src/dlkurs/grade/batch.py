"""A class's submissions: find the notebooks, grade them in parallel, resume where a run stopped.

Layouts of ``EINREICHUNGEN`` (a folder or a ``.zip`` of one):

- one subfolder per learner (``anna/1.3_tensoren.ipynb``; the subfolder is the
  learner's working directory, copied for each of their notebooks), or
- notebooks named by learner (``anna.ipynb``, ``ben.ipynb``).

Each finished notebook's grade is written at once to
``<out>/ergebnisse/<key>.json`` together with a digest of the notebook and the
settings; a later run with the same output folder skips those (resume).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from dlkurs.grade.execute import Isolation, Job, Limits, Outcome, grade

RESULTS = "ergebnisse"
STATE = "bewertung-status.json"
UID_BASE = 200_000
MAX_ZIP_BYTES = 2 * 1024**3


class SubmissionError(ValueError):
    """The submissions cannot be read (German message for the user)."""


@dataclass
class Submissions:
    root: Path
    jobs: list[Job]
    cleanup: Callable[[], None] = lambda: None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9äöüÄÖÜß._-]+", "_", text).strip("._") or "x"


def _extract(archive: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="dlkurs-einreichungen-"))
    os.chmod(target, 0o700)
    try:
        with zipfile.ZipFile(archive) as zf:
            total = 0
            for info in zf.infolist():
                name = info.filename
                parts = Path(name).parts
                if name.startswith(("/", "\\")) or ".." in parts or (info.external_attr >> 16) & 0o170000 == 0o120000:
                    continue  # absolute paths, escapes and links stay out
                total += info.file_size
                if total > MAX_ZIP_BYTES:
                    raise SubmissionError(f"{archive.name} ist entpackt größer als 2 GB – bitte nur die Notebooks einpacken.")
                zf.extract(info, target)
    except zipfile.BadZipFile:
        shutil.rmtree(target, ignore_errors=True)
        raise SubmissionError(f"{archive} ist keine lesbare ZIP-Datei.") from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb")
                  if not any(part.startswith(".") or part == "__MACOSX" for part in p.relative_to(folder).parts))


def find(path: Path, lesson: str | None = None) -> Submissions:
    """The notebooks in ``path`` (folder or zip), one :class:`Job` each."""
    path = Path(path).expanduser()
    if not path.exists():
        raise SubmissionError(f"{path} gibt es nicht – gib den Ordner oder die ZIP-Datei mit den Einreichungen an.")
    cleanup: Callable[[], None] = lambda: None
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise SubmissionError(f"{path} ist weder ein Ordner noch eine ZIP-Datei mit Notebooks.")
        root = _extract(path)
        cleanup = lambda: shutil.rmtree(root, ignore_errors=True)  # noqa: E731
    else:
        root = path.resolve()
    # a zip of one folder that holds the class: look inside
    entries = [e for e in root.iterdir() if not e.name.startswith((".", "__MACOSX"))] if root.is_dir() else []
    if len(entries) == 1 and entries[0].is_dir() and any(e.is_dir() for e in entries[0].iterdir()) \
            and not list(entries[0].glob("*.ipynb")):
        base = entries[0]
    else:
        base = root
    jobs: list[Job] = []
    keys: set[str] = set()
    for entry in sorted(base.iterdir()):
        if entry.name.startswith((".", "__MACOSX")):
            continue
        if entry.is_dir():
            found = [(entry.name, nb, entry) for nb in _notebooks(entry)]
        elif entry.suffix == ".ipynb":
            found = [(entry.stem, entry, None)]
        else:
            continue
        for learner, notebook, folder in found:
            rel = notebook.relative_to(base).as_posix()
            key = _slug(rel[:-len(".ipynb")])
            while key in keys:
                key += "_"
            keys.add(key)
            jobs.append(Job(key=key, learner=learner, notebook=str(notebook), folder=str(folder) if folder else None,
                            uid=UID_BASE + len(jobs), lesson=lesson))
    if not jobs:
        cleanup()
        raise SubmissionError(f"In {path} liegen keine Notebooks (.ipynb) – erwartet: ein Unterordner je "
                              "Teilnehmer:in oder Notebooks, die nach den Teilnehmenden benannt sind.")
    return Submissions(root=root, jobs=jobs, cleanup=cleanup)


@dataclass
class Settings:
    limits: Limits = field(default_factory=Limits)
    profile: str = "full"
    backend: str = "tensorflow"
    data_home: str | None = None

    def to_json(self) -> dict:
        return {"limits": dict(self.limits.__dict__), "profile": self.profile, "backend": self.backend}


def digest(job: Job, settings: Settings) -> str:
    h = hashlib.sha256()
    h.update(Path(job.notebook).read_bytes())
    h.update(json.dumps([job.learner, job.lesson, settings.to_json()], sort_keys=True).encode())
    return h.hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def load_done(out: Path) -> dict[str, Outcome]:
    done = {}
    folder = out / RESULTS
    if folder.is_dir():
        for file in folder.glob("*.json"):
            try:
                outcome = Outcome.from_json(json.loads(file.read_text(encoding="utf-8")))
                done[outcome.key] = outcome
            except (OSError, ValueError, TypeError):
                continue
    return done


def _work(job: Job, scratch: str, settings: Settings, isolation: Isolation, hide: list[str], key_digest: str) -> Outcome:
    outcome = grade(job, Path(scratch), limits=settings.limits, isolation=isolation, profile=settings.profile,
                    backend=settings.backend, data_home=settings.data_home, hide=hide)
    outcome.digest = key_digest
    return outcome


def run(
    submissions: Submissions,
    out: Path,
    *,
    settings: Settings,
    jobs: int | None = None,
    isolation: Isolation | None = None,
    fresh: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_done: Callable[[Outcome, bool], None] | None = None,
) -> tuple[list[Outcome], Isolation]:
    """Grade every job not graded before (``fresh``: all); returns the outcomes in job order.

    on_start(to_do, total) once; on_done(outcome, was_resumed) per notebook.
    """
    out = Path(out)
    results = out / RESULTS
    results.mkdir(parents=True, exist_ok=True)
    isolation = isolation or Isolation.detect()
    done = {} if fresh else load_done(out)
    digests = {job.key: digest(job, settings) for job in submissions.jobs}
    outcomes: dict[str, Outcome] = {}
    todo = []
    for job in submissions.jobs:
        previous = done.get(job.key)
        if previous is not None and previous.digest == digests[job.key]:
            outcomes[job.key] = previous
        else:
            todo.append(job)
    if on_start:
        on_start(len(todo), len(submissions.jobs))
    for key, outcome in outcomes.items():
        if on_done:
            on_done(outcome, True)
    _atomic_write(out / STATE, json.dumps({"isolation": isolation.to_json(), "settings": settings.to_json(),
                                           "total": len(submissions.jobs), "done": len(outcomes)}, indent=1))
    scratch = tempfile.mkdtemp(prefix="dlkurs-bewertung-")
    os.chmod(scratch, 0o711)
    hide = sorted({str(out.resolve()), str(submissions.root.resolve()), scratch, str(Path.home())})
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    try:
        if todo:
            import multiprocessing

            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                pending = {pool.submit(_work, job, scratch, settings, isolation, hide, digests[job.key]): job
                           for job in todo}
                while pending:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        job = pending.pop(future)
                        try:
                            outcome = future.result()
                        except Exception as err:  # a worker died: this notebook fails, the batch goes on
                            outcome = Outcome(key=job.key, learner=job.learner, notebook=job.notebook, lesson=job.lesson,
                                              status="abgestürzt", digest=digests[job.key],
                                              events=[f"Bewertung abgebrochen: {type(err).__name__}: {err}"])
                        outcomes[job.key] = outcome
                        _atomic_write(results / f"{job.key}.json",
                                      json.dumps(outcome.to_json(), indent=1, ensure_ascii=False))
                        if on_done:
                            on_done(outcome, False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _atomic_write(out / STATE, json.dumps({"isolation": isolation.to_json(), "settings": settings.to_json(),
                                           "total": len(submissions.jobs), "done": len(outcomes)}, indent=1))
    return [outcomes[job.key] for job in submissions.jobs if job.key in outcomes], isolation

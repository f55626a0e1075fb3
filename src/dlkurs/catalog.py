"""The course catalog: which lessons exist, where their sources and checks are.

The catalog file itself (``catalog.toml``) and the lesson sources live in
:mod:`dlkurs.lessons`; this module only reads the catalog format, so that every
layer (the exercises in a learner's kernel, the builder, the runner, the CLI)
asks one place where a lesson's source and check module are, also for a
trainer's own catalog given by ``$DLKURS_CATALOG``.

>>> from dlkurs.catalog import get
>>> get("1.2").title
'Jupyter & Markdown'
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dlkurs.settings import ENV_CATALOG

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

#: The course's own lessons (sources, ``catalog.toml``, images).
LESSONS_DIR = Path(__file__).resolve().parent / "lessons"
#: The course's own check modules (``l1_2.py`` for lesson 1.2).
CHECKS_DIR = Path(__file__).resolve().parent / "exercises" / "lessons"
CATALOG_FILE = LESSONS_DIR / "catalog.toml"


def catalog_file() -> Path:
    """``$DLKURS_CATALOG`` or the course's catalog; sources resolve relative to it."""
    env = os.environ.get(ENV_CATALOG)
    return Path(env).expanduser().resolve() if env else CATALOG_FILE


def module_stem(lesson_id: str) -> str:
    """``"3.10"`` -> ``"l3_10"``: the file stem of a lesson's check module."""
    return "l" + str(lesson_id).replace(".", "_")


class UnknownLessonError(KeyError):
    """No lesson with this id in the catalog."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Figure:
    """A key figure a lesson reports, with its full-profile reference band."""

    name: str
    label: str
    band: tuple[float, float] | None = None
    unit: str = ""
    #: for lessons with one path per dataset (Jena when present, else another series): the
    #: dataset this figure's band belongs to; "" for figures every run reports
    dataset: str = ""

    def within(self, value: float) -> bool | None:
        if self.band is None:
            return None
        low, high = self.band
        return low <= value <= high


@dataclass(frozen=True)
class Lesson:
    """One catalog entry."""

    id: str
    day: int
    title: str
    source: str
    #: learner minutes of the core path (exercises included)
    minutes: int
    budget: dict[str, int]
    datasets: tuple[str, ...] = ()
    backend: str = "any"
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    summary: str = ""
    base_dir: Path = LESSONS_DIR
    #: The check module's file, relative to the catalog (``checks = "…"``); empty:
    #: the course's own ``dlkurs/exercises/lessons/l<id>.py``.
    checks: str = ""
    #: learner minutes of the optional deep-dives (cells tagged ``vertiefung``)
    minutes_deep: int = 0

    @property
    def source_path(self) -> Path:
        return self.base_dir / self.source

    @property
    def checks_path(self) -> Path:
        """The lesson's check module file (it need not exist: a lesson without exercises)."""
        if self.checks:
            return self.base_dir / self.checks
        return CHECKS_DIR / f"{module_stem(self.id)}.py"

    @property
    def slug(self) -> str:
        """File-name stem, e.g. ``1.2_jupyter-markdown``."""
        text = unicodedata.normalize("NFKD", self.title.replace("ß", "ss"))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
        text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
        return f"{self.id}_{text}"

    @property
    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.id.split("."))

    def figures_for(self, reported) -> tuple[Figure, ...]:
        """The figures a run that reported ``reported`` (names) is judged on.

        Figures without a dataset always count. Of the per-dataset figures, those of the
        dataset path(s) the run took count, recognised by at least one reported figure of
        that dataset; a run that reported none of them is held to all of them.
        """
        taken = {f.dataset for f in self.figures if f.dataset and f.name in reported}
        return tuple(f for f in self.figures if not f.dataset or not taken or f.dataset in taken)

    def budget_for(self, profile: str) -> int:
        return int(self.budget[profile])


def _parse(entry: dict, base_dir: Path) -> Lesson:
    figures = tuple(
        Figure(
            name=f["name"],
            label=f.get("label", f["name"]),
            band=tuple(f["band"]) if "band" in f else None,
            unit=f.get("unit", ""),
            dataset=f.get("dataset", ""),
        )
        for f in entry.get("figures", [])
    )
    return Lesson(
        id=str(entry["id"]),
        day=int(entry["day"]),
        title=entry["title"],
        source=entry["source"],
        minutes=int(entry["minutes"]),
        budget={"quick": int(entry["budget"]["quick"]), "full": int(entry["budget"]["full"])},
        datasets=tuple(entry.get("datasets", ())),
        backend=entry.get("backend", "any"),
        figures=figures,
        summary=entry.get("summary", ""),
        base_dir=base_dir,
        checks=entry.get("checks", ""),
        minutes_deep=int(entry.get("minutes_deep", 0)),
    )


def catalog() -> tuple[Lesson, ...]:
    """All lessons, ordered by day and id."""
    return _load_catalog(catalog_file())


@lru_cache(maxsize=4)
def _load_catalog(path: Path) -> tuple[Lesson, ...]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    lessons = [_parse(entry, path.parent) for entry in data.get("lesson", [])]
    ids = [lesson.id for lesson in lessons]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: Lektions-IDs mehrfach vergeben: {', '.join(duplicates)}")
    return tuple(sorted(lessons, key=lambda lesson: lesson.sort_key))


def get(lesson_id: str) -> Lesson:
    """The lesson with this id, e.g. ``get("1.5")``."""
    for lesson in catalog():
        if lesson.id == lesson_id:
            return lesson
    known = ", ".join(lesson.id for lesson in catalog())
    raise UnknownLessonError(f"Unbekannte Lektion {lesson_id!r}. Vorhanden: {known}")


def by_day(day: int) -> list[Lesson]:
    return [lesson for lesson in catalog() if lesson.day == day]


def find(lesson_id: str) -> Lesson | None:
    """The lesson with this id, or None (no error) when the catalog has none."""
    try:
        return get(str(lesson_id).strip())
    except (UnknownLessonError, OSError, ValueError):
        return None


def source_text(lesson_id: str) -> str:
    return get(lesson_id).source_path.read_text(encoding="utf-8")


#: Learner minutes a course day's core path may hold (6 hours, exercises included).
DAY_CORE_LIMIT = 360


@dataclass(frozen=True)
class DayTotal:
    """The minutes of one course day: core path and optional deep-dives."""

    day: int
    lessons: int
    core: int
    deep: int

    @property
    def over_limit(self) -> bool:
        return self.day > 0 and self.core > DAY_CORE_LIMIT


def day_totals(lessons: tuple[Lesson, ...] | list[Lesson] | None = None) -> list[DayTotal]:
    """Per course day: number of lessons, core minutes and deep-dive minutes."""
    lessons = catalog() if lessons is None else lessons
    days: dict[int, list[Lesson]] = {}
    for lesson in lessons:
        days.setdefault(lesson.day, []).append(lesson)
    return [
        DayTotal(day, len(items), sum(l.minutes for l in items), sum(l.minutes_deep for l in items))
        for day, items in sorted(days.items())
    ]


def hours(minutes: int) -> str:
    """``125`` -> ``"2 h 05 min"`` (German short form)."""
    h, m = divmod(int(minutes), 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"

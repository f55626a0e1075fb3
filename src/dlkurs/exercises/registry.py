"""One check module per lesson, and ``aufgaben(lesson_id)`` that loads it.

Where a lesson's check module is, the catalog says (:mod:`dlkurs.catalog`):
by default the course's own :mod:`dlkurs.exercises.lessons.l1_2` for lesson
``1.2``; a trainer's own catalog (``$DLKURS_CATALOG``) may name a file of its
own with ``checks = "pruefungen/l7_1.py"``. The module's attributes are the
exercises; the attribute name is the exercise name (and the name of its
solution region in the lesson source).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from dlkurs import catalog
from dlkurs.exercises import display
from dlkurs.exercises.exercise import Exercise

PACKAGE = "dlkurs.exercises.lessons"
_ID = re.compile(r"^\d+(\.\d+)+$")
_MODULE = re.compile(r"^l\d+(_\d+)+$")


class UnknownLessonExercises(LookupError):
    """There is no check module for this lesson."""

    def __str__(self) -> str:
        return str(self.args[0])


def module_name(lesson_id: str) -> str:
    """``"1.2"`` -> ``"dlkurs.exercises.lessons.l1_2"``."""
    return f"{PACKAGE}.{catalog.module_stem(lesson_id)}"


def package_lesson_ids() -> list[str]:
    """Ids of the course's own check modules in :mod:`dlkurs.exercises.lessons`."""
    package = importlib.import_module(PACKAGE)
    ids = [
        info.name[1:].replace("_", ".")
        for info in pkgutil.iter_modules(package.__path__)
        if _MODULE.match(info.name)
    ]
    return sorted(ids, key=lambda i: tuple(int(p) for p in i.split(".")))


def lesson_ids() -> list[str]:
    """Ids of the catalog's lessons that have a check module, in course order."""
    return [lesson.id for lesson in catalog.catalog() if lesson.checks_path.is_file()]


def _default_checks(lesson_id: str) -> Path:
    return catalog.CHECKS_DIR / f"{catalog.module_stem(lesson_id)}.py"


def _import_checks(lesson_id: str, path: Path) -> ModuleType:
    """The check module: the course's own by its package name, any other file by its path."""
    if path.resolve() == _default_checks(lesson_id).resolve():
        return importlib.import_module(module_name(lesson_id))
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"dlkurs_checks_{digest}_{catalog.module_stem(lesson_id)}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _checks_path(lesson_id: str) -> Path | None:
    lesson = catalog.find(lesson_id)
    if lesson is not None:
        return lesson.checks_path if lesson.checks_path.is_file() else None
    # not in the (possibly a trainer's own) catalog: the course's own module, if any
    path = _default_checks(lesson_id)
    return path if path.is_file() else None


def exercises(lesson_id: str) -> dict[str, Exercise]:
    """The exercises of a lesson by name, in declaration order (bound to lesson and name)."""
    lesson_id = str(lesson_id).strip()
    path = _checks_path(lesson_id) if _ID.match(lesson_id) else None
    if path is None:
        known = ", ".join(lesson_ids()) or "keine"
        raise UnknownLessonExercises(
            f"Zur Lektion {lesson_id!r} gibt es keine Aufgaben. Lektionen mit Aufgaben: {known}."
        )
    return _exercises(lesson_id, path)


@lru_cache(maxsize=None)
def _exercises(lesson_id: str, path: Path) -> dict[str, Exercise]:
    module = _import_checks(lesson_id, path)
    found: dict[str, Exercise] = {}
    for name, value in vars(module).items():
        if isinstance(value, Exercise) and not name.startswith("_"):
            value.bind(lesson_id, name)
            found[name] = value
    return found


class Aufgaben:
    """The exercises of one lesson as attributes: ``aufgabe.quadratsumme.check(x)``."""

    def __init__(self, lesson_id: str, items: dict[str, Exercise]) -> None:
        self._lesson = lesson_id
        self._items = dict(items)
        self.__dict__.update(items)

    def __getattr__(self, name: str) -> Exercise:
        if name.startswith("__"):
            raise AttributeError(name)
        known = ", ".join(self._items) or "keine"
        raise AttributeError(f"Lektion {self._lesson} hat keine Aufgabe '{name}'. Vorhanden: {known}.")

    def __getitem__(self, name: str) -> Exercise:
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"Lektion {self._lesson} hat keine Aufgabe '{name}'.") from None

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __dir__(self) -> list[str]:
        return list(self._items)

    def __repr__(self) -> str:
        lines = [f"Aufgaben der Lektion {self._lesson}:"]
        lines += [f"  aufgabe.{name}: {ex.title}" + (" (Denkfrage)" if not ex.counted else "") for name, ex in self._items.items()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><code>aufgabe.{name}</code>: {display.inline_html(ex.title)}"
            + (" <em>(Denkfrage)</em>" if not ex.counted else "")
            + "</li>"
            for name, ex in self._items.items()
        )
        return display.box(
            f"Aufgaben der Lektion {self._lesson}",
            f"<ul style='margin: 0.2em 0;'>{items}</ul>",
            kind="hint",
            icon="i",
        )


def aufgaben(lesson_id: str) -> Aufgaben:
    """The exercises of lesson ``lesson_id``: ``aufgabe = aufgaben("1.2")``.

    Also tells :func:`dlkurs.report` which lesson is running (its figure labels).
    """
    from dlkurs.lessonapi import set_lesson

    lesson_id = str(lesson_id).strip()
    found = Aufgaben(lesson_id, exercises(lesson_id))
    set_lesson(lesson_id)
    return found

"""Which declared exercises a lesson run checked, and with what verdict.

The runner gives each lesson run its own progress database; every
``check()`` in the solution notebook records its verdict there, and the
runner copies the last verdict of each exercise into ``LessonRun.checks``.
:func:`coverage` compares that with the exercises the lesson's check module
declares: a run proves its reference solutions when every counted exercise
was checked "richtig".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dlkurs.exercises import progress
from dlkurs.exercises.registry import exercises, lesson_ids
from dlkurs.exercises.verdict import RICHTIG


@dataclass
class Coverage:
    """Declared exercises of one lesson against the verdicts of one run."""

    lesson: str
    richtig: list[str] = field(default_factory=list)
    not_richtig: dict[str, str] = field(default_factory=dict)  # name -> status
    unchecked: list[str] = field(default_factory=list)
    thought: list[str] = field(default_factory=list)  # not counted
    undeclared: list[str] = field(default_factory=list)  # checked in the run, unknown to the module

    @property
    def complete(self) -> bool:
        """True when every counted exercise was checked "richtig"."""
        return not self.not_richtig and not self.unchecked

    def problems(self, *, unchecked: bool = True) -> list[str]:
        """German sentences, one per exercise that the run did not prove.

        ``unchecked=False`` leaves out exercises that were not checked at all (a
        run that skipped parts of the lesson for missing data).
        """
        lines = [f"Aufgabe '{name}' wurde im Lauf nicht geprüft (kein check() ausgeführt)."
                 for name in (self.unchecked if unchecked else [])]
        lines += [f"Aufgabe '{name}': Referenzlösung ergibt '{status}' statt 'richtig'." for name, status in self.not_richtig.items()]
        return lines


def read_checks(db: Path) -> dict[str, str]:
    """``{exercise: status of its last check}`` from a run's progress database."""
    if not Path(db).exists():
        return {}
    found: dict[str, str] = {}
    for verdicts in progress.last_verdicts(Path(db)).values():
        found.update(verdicts)
    return found


def coverage(run) -> Coverage:
    """Compare a finished :class:`~dlkurs.run.runner.LessonRun` with its declared exercises."""
    result = Coverage(lesson=run.lesson)
    declared = exercises(run.lesson) if run.lesson in lesson_ids() else {}
    checks = dict(getattr(run, "checks", {}) or {})
    for name, exercise in declared.items():
        if not exercise.counted:
            result.thought.append(name)
            continue
        status = checks.get(name)
        if status is None:
            result.unchecked.append(name)
        elif status == RICHTIG:
            result.richtig.append(name)
        else:
            result.not_richtig[name] = status
    result.undeclared = [name for name in checks if name not in declared]
    return result

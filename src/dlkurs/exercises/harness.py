"""The course-wide exercise harness: what every declared exercise must satisfy.

Each function returns ``None`` when the exercise is fine, or a sentence that
says what is wrong with the *declaration* (for lesson authors, in English).
The pytest suite (tests/test_exercise_harness.py) applies them to every
exercise of every check module, so a new check module is covered as soon as
it exists:

(a) the reference solution passes: the lesson's solution region, executed by
    ``dlkurs run`` in strict mode (see :mod:`dlkurs.run.checks`), and the
    optional standalone ``reference`` (:func:`reference_problem`);
(b) the placeholder gives "noch nicht bearbeitet" (:func:`placeholder_problem`);
(c) every declared wrong answer fails with a message containing its
    ``expect`` fragment (:func:`wrong_problem`), and there are at least two
    (:func:`declaration_problem`).
"""

from __future__ import annotations

import re
from typing import Any

from dlkurs.exercises.exercise import Exercise, Wrong, lesson_source
from dlkurs.exercises.functions import FunctionExercise
from dlkurs.exercises.placeholder import ___
from dlkurs.exercises.registry import exercises, lesson_ids
from dlkurs.exercises.verdict import FALSCH, NICHT_BEARBEITET, RICHTIG

MIN_WRONG = 2
MIN_HINTS = 1


def all_exercises() -> list[Exercise]:
    """Every exercise of every check module, in course order."""
    return [exercise for lesson_id in lesson_ids() for exercise in exercises(lesson_id).values()]


def counted_exercises() -> list[Exercise]:
    return [exercise for exercise in all_exercises() if exercise.counted]


def placeholder_answers(exercise: Exercise) -> list[Any]:
    """What a student notebook passes before the learner has done anything."""
    answers: list[Any] = [___]
    if isinstance(exercise, FunctionExercise):
        answers.append(lambda *args, **kwargs: ___)  # the student build's `return ___`
    else:
        answers.append([___])
    return answers


def placeholder_problem(exercise: Exercise) -> str | None:
    """(b) The placeholder must give "noch nicht bearbeitet"."""
    for answer in placeholder_answers(exercise):
        verdict = exercise.evaluate(answer)
        if verdict.status != NICHT_BEARBEITET:
            return f"placeholder answer {answer!r} gives {verdict.status!r} ({verdict.message}), not {NICHT_BEARBEITET!r}"
    return None


def wrong_problem(exercise: Exercise, wrong: Wrong) -> str | None:
    """(c) A declared wrong answer must fail, naming the problem (its ``expect`` fragment)."""
    try:
        answer = wrong.build()
    except Exception as err:
        return f"building {wrong!r} failed: {type(err).__name__}: {err}"
    verdict = exercise.evaluate(answer)
    if verdict.status != FALSCH:
        return f"{wrong!r} gives {verdict.status!r}, not {FALSCH!r}: {verdict.message}"
    if wrong.expect.lower() not in verdict.message.lower():
        return f"{wrong!r}: message does not contain {wrong.expect!r}: {verdict.message!r}"
    return None


def reference_problem(exercise: Exercise) -> str | None:
    """(a, standalone) The declared ``reference`` must be "richtig"."""
    if not exercise.has_reference:
        return None
    try:
        answer = exercise.reference()
    except Exception as err:
        return f"building the reference failed: {type(err).__name__}: {err}"
    verdict = exercise.evaluate(answer)
    if verdict.status != RICHTIG:
        return f"reference gives {verdict.status!r}: {verdict.message}"
    return None


def declaration_problem(exercise: Exercise) -> str | None:
    """Enough wrong answers and hints, a solution, and a check call in the lesson source."""
    if not exercise.counted:
        if not exercise.solution_text():
            return "thought question without solution text (solution='…' or a Markdown region of its name)"
        return None
    if len(exercise.wrong) < MIN_WRONG:
        return f"declares {len(exercise.wrong)} wrong answers; at least {MIN_WRONG} typical ones are required"
    if len(exercise.hints) < MIN_HINTS:
        return "declares no hints"
    if not exercise.solution_text():
        return f"no solution: the lesson source has no region '### BEGIN SOLUTION {exercise.name}'"
    source = lesson_source(exercise.lesson or "") or ""
    if not re.search(rf"\.{re.escape(exercise.name or '')}\.check\(", source):
        return f"the lesson source never calls .{exercise.name}.check(...), so no run can prove the solution"
    return None

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
    ``expect`` fragment (:func:`wrong_problem`), and there are at least three,
    one of which breaks the task's instruction (:func:`declaration_problem`);
(d) every declared correct alternative is "richtig" (:func:`alternative_problem`);
(e) the wrong-type battery (None, text, NaN, inf, a 400-digit integer, list,
    dict, a huge array, a broken and an endless function, a KerasTensor, …)
    never gives an internal error and never "richtig" (:func:`battery_problem`);
(f) a check is deterministic – the same answer gets the same verdict whatever
    the global seeds – and never changes the answer it judges
    (:func:`evaluate_twice`, used by (a), (c) and (d)).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from dlkurs.exercises.exercise import Exercise, Right, Wrong, lazy, lesson_source, resolve
from dlkurs.exercises.functions import FunctionExercise
from dlkurs.exercises.placeholder import ___
from dlkurs.exercises.registry import exercises, lesson_ids
from dlkurs.exercises.timelimit import capped
from dlkurs.exercises.verdict import FALSCH, INTERNER_FEHLER, NICHT_BEARBEITET, RICHTIG, Verdict

MIN_WRONG = 3
MIN_INSTRUCTION_WRONG = 1
MIN_ALTERNATIVES = 1
MIN_HINTS = 1
#: Longest verdict message the battery accepts: messages never print whole arrays.
MAX_MESSAGE = 700


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
    verdict, problem = evaluate_twice(exercise, answer)
    if problem:
        return f"{wrong!r}: {problem}"
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
    verdict, problem = evaluate_twice(exercise, answer)
    if problem:
        return f"reference: {problem}"
    if verdict.status != RICHTIG:
        return f"reference gives {verdict.status!r}: {verdict.message}"
    return None


def alternative_problem(exercise: Exercise, right: Right) -> str | None:
    """(d) A declared correct alternative must be "richtig", deterministically and without being changed."""
    try:
        answer = right.build()
    except Exception as err:
        return f"building {right!r} failed: {type(err).__name__}: {err}"
    verdict, problem = evaluate_twice(exercise, answer)
    if problem:
        return f"{right!r}: {problem}"
    if verdict.status != RICHTIG:
        return f"{right!r} gives {verdict.status!r}: {verdict.message}"
    return None


# -- (f) determinism and no mutation ----------------------------------------------------------


def _set_global_seed(seed: int) -> None:
    import sys

    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)


def fingerprint(value: Any, depth: int = 0) -> Any:
    """A comparable summary of ``value``'s state (None where it cannot be taken).

    Arrays by content, Keras models by weights, trainable flags, compile
    settings and optimizer step, containers element by element.
    """
    if depth > 4:
        return None
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return ("objects", value.shape, tuple(fingerprint(v, depth + 1) for v in value.flat[:1000]))
        data = np.ascontiguousarray(value)
        return ("array", data.dtype.str, data.shape, hashlib.sha1(data.view(np.uint8).reshape(-1)).hexdigest())
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return ("plain", value)
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(fingerprint(v, depth + 1) for v in value[:1000]))
    if isinstance(value, dict):
        return ("dict", tuple((repr(k), fingerprint(v, depth + 1)) for k, v in list(value.items())[:1000]))
    module = type(value).__module__ or ""
    if module.startswith("keras") or hasattr(value, "get_weights"):
        return _model_fingerprint(value)
    if hasattr(value, "numpy") and hasattr(value, "shape"):  # a tensor
        try:
            return fingerprint(np.asarray(value.numpy()), depth + 1)
        except Exception:
            return None
    return None


def _model_fingerprint(model: Any) -> Any:
    try:
        weights = tuple(fingerprint(np.asarray(w), 5 - 1) for w in model.get_weights())
    except Exception:
        return None
    try:
        compiled = repr(model.get_compile_config())
    except Exception:
        compiled = None
    optimizer = getattr(model, "optimizer", None)
    try:
        steps = int(np.asarray(optimizer.iterations)) if optimizer is not None else None
    except Exception:
        steps = None
    trainable = tuple(bool(getattr(layer, "trainable", True)) for layer in getattr(model, "layers", []))
    return ("model", weights, compiled, id(optimizer), steps, trainable)


def evaluate_twice(exercise: Exercise, answer: Any) -> tuple[Verdict, str | None]:
    """The verdict under two different global seeds; a problem if they differ or the answer changed."""
    before = fingerprint(answer)
    _set_global_seed(1)
    first = exercise.evaluate(answer)
    after = fingerprint(answer)
    if before is not None and after != before:
        return first, f"the check changed the answer it judged (verdict {first.status!r}: {first.message})"
    _set_global_seed(2)
    second = exercise.evaluate(answer)
    if second.status != first.status:
        return first, (
            f"not deterministic: {first.status!r} under global seed 1 ({first.message}), "
            f"{second.status!r} under seed 2 ({second.message})"
        )
    return first, None


# -- (e) the wrong-type battery -----------------------------------------------------------------


def _broken(*args: Any, **kwargs: Any) -> Any:
    raise ValueError("kaputt")


def _endless(*args: Any, **kwargs: Any) -> Any:
    import time

    while True:
        time.sleep(0.01)


def _keras_tensor() -> Any:
    import keras

    return keras.Input(shape=(4,))


def battery() -> list[tuple[str, Any]]:
    """(label, answer) pairs of the wrong-type battery; ``lazy`` ones are built per use."""
    return [
        ("None", None),
        ("Text", "irgendwas"),
        ("leerer Text", ""),
        ("True", True),
        ("NaN", float("nan")),
        ("inf", float("inf")),
        ("-inf", float("-inf")),
        ("riesige Zahl", 10**400),
        ("negative Zahl", -7),
        ("Liste", [1, 2, 3]),
        ("Tupel mit Text", ("a", "b")),
        ("Dict", {"a": 1}),
        ("leeres Array", lazy(lambda: np.array([]))),
        ("NaN-Array", lazy(lambda: np.full((3, 4), np.nan))),
        ("riesiges Array", lazy(lambda: np.zeros((3000, 3000), dtype="float32"))),
        ("Funktion mit Fehler", _broken),
        ("Endlosfunktion", _endless),
        ("Klasse", int),
        ("KerasTensor", lazy(_keras_tensor)),
    ]


def battery_problem(exercise: Exercise, *, accepted: Callable[[str], bool] | None = None) -> str | None:
    """(e) No battery answer gives an internal error, "richtig" or an overlong message."""
    problems = []
    for label, answer in battery():
        try:
            value = resolve(answer)
        except Exception as err:  # e.g. no Keras on this machine
            problems.append(f"{label}: building failed ({type(err).__name__}: {err})")
            continue
        with capped(1.0):
            verdict = exercise.evaluate(value)
        if verdict.status == INTERNER_FEHLER and "Daten, die hier fehlen" not in verdict.message:
            problems.append(f"{label}: internal error: {verdict.message}")
        elif verdict.status == RICHTIG and not (accepted and accepted(label)):
            problems.append(f"{label}: accepted as richtig")
        elif len(verdict.message) > MAX_MESSAGE:
            problems.append(f"{label}: message of {len(verdict.message)} characters")
    return "; ".join(problems) or None


def declaration_problem(exercise: Exercise) -> str | None:
    """Enough wrong answers and hints, a solution, and a check call in the lesson source."""
    if not exercise.counted:
        if not exercise.solution_text():
            return "thought question without solution text (solution='…' or a Markdown region of its name)"
        return None
    if len(exercise.wrong) < MIN_WRONG:
        return f"declares {len(exercise.wrong)} wrong answers; at least {MIN_WRONG} typical ones are required"
    if sum(w.instruction for w in exercise.wrong) < MIN_INSTRUCTION_WRONG:
        return "declares no wrong answer that breaks the task's instruction (Wrong(..., instruction=True))"
    if len(exercise.alternatives) < MIN_ALTERNATIVES:
        return "declares no correct alternative (alternatives=[Right(answer, why='…')])"
    if len(exercise.hints) < MIN_HINTS:
        return "declares no hints"
    if not exercise.solution_text():
        return f"no solution: the lesson source has no region '### BEGIN SOLUTION {exercise.name}'"
    source = lesson_source(exercise.lesson or "") or ""
    if not re.search(rf"\.{re.escape(exercise.name or '')}\.check\(", source):
        return f"the lesson source never calls .{exercise.name}.check(...), so no run can prove the solution"
    return None

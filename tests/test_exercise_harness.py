"""The harness over every exercise of the course (issue 4, item 5).

Parametrised over all check modules in dlkurs/exercises/lessons/: a new check
module is covered as soon as it exists. (a) is proven twice: the standalone
``reference`` here, and the lesson's solution region by the lesson runs in
test_course_quick.py.
"""

from __future__ import annotations

import re

import pytest
from helpers import SHARED

from dlkurs.exercises import harness
from dlkurs.exercises.registry import exercises, lesson_ids
from dlkurs.lessons import catalog, get

ALL = harness.all_exercises()


@pytest.fixture(autouse=True)
def _data(with_course_data):
    """Checks that evaluate on held-out data find it (real data where shared/data exists)."""


def _skip_without_data(problem: str | None) -> None:
    if problem and ("Daten, die hier fehlen" in problem or "DatasetNotAvailable" in problem) and SHARED is None:
        pytest.skip("this check needs a real dataset; ../shared/data is absent")

COUNTED = harness.counted_exercises()
WRONGS = [(ex, wrong) for ex in COUNTED for wrong in ex.wrong]


def _id(item) -> str:
    if isinstance(item, tuple):
        ex, wrong = item
        return f"{ex.qualname}:{ex.wrong.index(wrong)}"
    return item.qualname


def test_there_are_exercises():
    assert "1.2" in lesson_ids()
    assert COUNTED


@pytest.mark.parametrize("exercise", ALL, ids=_id)
def test_declaration(exercise):
    assert harness.declaration_problem(exercise) is None, harness.declaration_problem(exercise)


@pytest.mark.parametrize("exercise", COUNTED, ids=_id)
def test_b_placeholder_is_not_attempted(exercise):
    problem = harness.placeholder_problem(exercise)
    assert problem is None, problem


@pytest.mark.parametrize("item", WRONGS, ids=_id)
def test_c_wrong_answer_fails_naming_the_problem(item):
    exercise, wrong = item
    problem = harness.wrong_problem(exercise, wrong)
    _skip_without_data(problem)
    assert problem is None, problem


@pytest.mark.parametrize("exercise", [ex for ex in COUNTED if ex.has_reference], ids=_id)
def test_a_standalone_reference_passes(exercise):
    problem = harness.reference_problem(exercise)
    _skip_without_data(problem)
    assert problem is None, problem


RIGHTS = [(ex, right) for ex in COUNTED for right in ex.alternatives]


def _right_id(item) -> str:
    ex, right = item
    return f"{ex.qualname}:alt{ex.alternatives.index(right)}"


@pytest.mark.parametrize("item", RIGHTS, ids=_right_id)
def test_d_correct_alternative_passes(item):
    exercise, right = item
    problem = harness.alternative_problem(exercise, right)
    _skip_without_data(problem)
    assert problem is None, problem


@pytest.mark.parametrize("exercise", COUNTED, ids=_id)
def test_e_wrong_type_battery_never_crashes_nor_passes(exercise):
    problem = harness.battery_problem(exercise)
    assert problem is None, problem


def test_check_modules_belong_to_catalog_lessons():
    known = {lesson.id for lesson in catalog()}
    assert set(lesson_ids()) <= known


def test_lessons_that_use_exercises_have_a_check_module_and_name_their_own_id():
    for lesson in catalog():
        source = lesson.source_path.read_text(encoding="utf-8")
        for used in re.findall(r"aufgaben\(\s*[\"']([\d.]+)[\"']\s*\)", source):
            assert used == lesson.id, f"lesson {lesson.id} loads the exercises of {used}"
            assert used in lesson_ids(), f"lesson {lesson.id} uses aufgaben({used!r}) but has no check module"


def test_named_code_regions_are_exercises():
    """Every named code region of a lesson with a check module is a declared exercise."""
    from dlkurs.build.notebook import solution_regions

    for lesson_id in lesson_ids():
        declared = exercises(lesson_id)
        for region in solution_regions(get(lesson_id)):
            if region.name and region.student != "*✏️ Deine Antwort hier.*":
                assert region.name in declared, f"lesson {lesson_id}: region {region.name!r} has no exercise"


def test_harness_detects_bad_declarations():
    """The harness itself is not vacuous: broken declarations are reported."""
    from dlkurs.exercises import Right, ValueExercise, Wrong

    ex = ValueExercise(title="t", expected=3, hints=["h"], wrong=[Wrong(3, expect="x"), Wrong(4, expect="Form")])
    ex.bind("1.2", "gibt_es_nicht")
    assert "gives 'richtig'" in harness.wrong_problem(ex, ex.wrong[0])
    assert "does not contain 'Form'" in harness.wrong_problem(ex, ex.wrong[1])
    assert "at least 3" in harness.declaration_problem(ex)
    ex.wrong.append(Wrong(5, expect="statt"))
    assert "instruction" in harness.declaration_problem(ex)
    ex.wrong[2].instruction = True
    assert "correct alternative" in harness.declaration_problem(ex)
    ex.alternatives.append(Right(3.0, why="a float"))
    assert "no solution" in harness.declaration_problem(ex)
    assert harness.alternative_problem(ex, ex.alternatives[0]) is None
    assert "gives 'falsch'" in harness.alternative_problem(ex, Right(4, why="not really"))
    bad_ref = ValueExercise(title="t", expected=3, reference=4)
    bad_ref.bind("1.2", "x")
    assert "reference gives 'falsch'" in harness.reference_problem(bad_ref)


def test_harness_detects_mutation_nondeterminism_and_battery_crashes():
    """(e) and (f) are not vacuous either."""
    import random

    import numpy as np

    from dlkurs.exercises import CustomExercise, Wrong

    def mutating(answer):
        if isinstance(answer, np.ndarray):
            answer[...] = 0
        return None

    ex = CustomExercise(title="t", check=mutating, hints=["h"])
    assert "changed the answer" in harness.evaluate_twice(ex, np.ones(3))[1]

    flaky = CustomExercise(title="t", check=lambda a: None if random.Random().random() < 0.5 else "nein", hints=["h"])
    problems = {harness.evaluate_twice(flaky, 1)[1] is not None for _ in range(40)}
    assert True in problems

    seeded_ok = CustomExercise(title="t", check=lambda a: None if np.random.random() < 0.5 else "nein", hints=["h"])
    assert {harness.evaluate_twice(seeded_ok, 1)[1] for _ in range(5)} == {None}  # checks run under a fixed seed

    crashing = CustomExercise(title="t", check=lambda a: a + 1, hints=["h"], wrong=[Wrong(2, expect="x")])
    assert "internal error" in harness.battery_problem(crashing)
    lenient = CustomExercise(title="t", check=lambda a: None, hints=["h"])
    assert "accepted as richtig" in harness.battery_problem(lenient)

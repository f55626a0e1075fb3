"""The authoring API of check modules: one import, profile values read late,
references from the lesson's own solution, a trainer's catalog with its own checks."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from dlkurs import settings
from dlkurs.exercises import (
    RICHTIG,
    Case,
    FunctionExercise,
    ModelExercise,
    Wrong,
    aufgaben,
    from_solution,
    per_profile,
)
from dlkurs.exercises.registry import lesson_ids

SOURCE = '''\
# %% [markdown]
# # 9.1 Eigene Lektion

# %%
import numpy as np
from dlkurs.exercises import ___, aufgaben

aufgabe = aufgaben("9.1")

# %%
def verdopple(x):
    ### BEGIN SOLUTION verdopple
    ###> return ___
    return np.asarray(x) * 2
    ### END SOLUTION

aufgabe.verdopple.check(verdopple)
'''

CHECKS = '''\
"""The trainer's own check module."""

import numpy as np

from dlkurs.exercises import Case, FunctionExercise, Wrong, from_solution

verdopple = FunctionExercise(
    title="Verdoppeln",
    reference=from_solution(),
    cases=[Case(np.array([1.0, -2.0])), Case(np.zeros(3)).named("Nullen")],
    hints=["Mal zwei."],
    wrong=[Wrong(lambda x: np.asarray(x) + 2, expect="Wert"), Wrong(lambda x: x, expect="Wert")],
)
'''


@pytest.fixture
def trainer_catalog(tmp_path, monkeypatch):
    from dlkurs.catalog import _load_catalog

    folder = tmp_path / "meinkurs"
    (folder / "pruefungen").mkdir(parents=True)
    (folder / "l9_1.py").write_text(SOURCE, encoding="utf-8")
    (folder / "pruefungen" / "l9_1.py").write_text(CHECKS, encoding="utf-8")
    (folder / "catalog.toml").write_text(
        textwrap.dedent(
            """\
            [[lesson]]
            id = "9.1"
            day = 9
            title = "Eigene Lektion"
            source = "l9_1.py"
            checks = "pruefungen/l9_1.py"
            minutes = 5
            budget = { quick = 30, full = 30 }
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv(settings.ENV_CATALOG, str(folder / "catalog.toml"))
    _load_catalog.cache_clear()
    yield folder
    _load_catalog.cache_clear()


def test_a_trainers_catalog_carries_its_own_check_module(trainer_catalog, capsys):
    assert lesson_ids() == ["9.1"]
    aufgabe = aufgaben("9.1")
    assert aufgabe.verdopple.check(lambda x: np.asarray(x) * 2).status == RICHTIG
    assert aufgabe.verdopple.check(lambda x: np.asarray(x) + 2).status == "falsch"
    aufgabe.verdopple.solution()  # found through the trainer's catalog, not the course package
    assert "return np.asarray(x) * 2" in capsys.readouterr().out


def test_from_solution_takes_the_function_the_lesson_defines(trainer_catalog):
    exercise = aufgaben("9.1").verdopple
    reference = exercise.reference()
    assert reference(np.array([3.0])).tolist() == [6.0]
    assert exercise.reference_fn is reference  # built once


def test_from_solution_without_a_lesson_is_a_clear_error():
    exercise = FunctionExercise(title="Lose", reference=from_solution(), cases=[Case(1)])
    with pytest.raises(LookupError, match="not bound"):
        exercise.reference()


def test_every_function_reference_of_the_course_builds_from_its_solution():
    from dlkurs.exercises.registry import exercises

    derived = [
        ex
        for lesson_id in lesson_ids()
        for ex in exercises(lesson_id).values()
        if isinstance(getattr(ex, "_reference", None), from_solution)
    ]
    assert len(derived) >= 15
    for ex in derived:
        assert callable(ex.reference()), ex.qualname


def test_per_profile_is_read_when_used_not_at_import(monkeypatch):
    value = per_profile(quick=0.6, full=0.84)
    monkeypatch.setenv(settings.ENV_PROFILE, "quick")
    assert value() == 0.6
    monkeypatch.setenv(settings.ENV_PROFILE, "full")
    assert value() == 0.84


def test_model_threshold_per_profile_follows_the_profile(monkeypatch):
    keras = pytest.importorskip("keras")

    def data():
        rng = np.random.default_rng(0)
        x = rng.normal(size=(64, 4)).astype("float32")
        y = (x[:, 0] > 0).astype("int64")
        return x, y, x, y

    def model():
        net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
        net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return net

    exercise = ModelExercise(
        title="Schwelle je Profil", input_shape=(4,), output_shape=(2,), data=data,
        metric="accuracy", threshold=per_profile(quick=0.0, full=1.01),
        hints=["-"], wrong=[Wrong(None, expect="x"), Wrong(1, expect="x")],
    )
    untrained = model()
    monkeypatch.setenv(settings.ENV_PROFILE, "quick")
    assert exercise.evaluate(untrained).status == RICHTIG
    monkeypatch.setenv(settings.ENV_PROFILE, "full")
    verdict = exercise.evaluate(untrained)
    assert verdict.status == "falsch" and "gefordert mindestens 1.01" in verdict.message

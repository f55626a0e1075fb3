"""Instructions enforced by behaviour and source (issue 12): guarded arrays and forbidden calls,
including a forbidden library function passed as the answer itself."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from dlkurs.exercises import Case, FunctionExercise
from dlkurs.exercises.guards import InstructionViolated, forbidden_uses, guarded


def test_guarded_arrays_refuse_products_but_compute_everything_else():
    a = guarded(np.eye(2))
    for product in (lambda: a @ np.eye(2), lambda: np.dot(a, a), lambda: np.matmul(np.eye(2), a), lambda: a.dot(a)):
        with pytest.raises(InstructionViolated):
            product()
    assert float((a * 2).sum()) == 4.0 and type(a[0, 0] + 1) is np.float64


def test_forbidden_function_passed_itself_is_found_by_name():
    assert forbidden_uses(np.dot, ["dot"]) == ["dot"]
    assert forbidden_uses(functools.partial(np.dot), ["dot"]) == ["dot"]

    def accuracy_score(y_true, y_pred):  # a learner's own function that happens to have the name
        return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))

    accuracy_score.__module__ = "__main__"  # as in a notebook
    assert forbidden_uses(accuracy_score, ["accuracy_score"]) == []


def test_function_exercise_refuses_the_library_shortcut():
    from sklearn.metrics import accuracy_score

    ex = FunctionExercise(
        title="t",
        reference=lambda t, p: float(np.mean(np.asarray(t) == np.asarray(p))),
        cases=[Case([1, 0], [1, 1])],
        forbid=["accuracy_score"],
        forbid_reason="Selbst rechnen",
    )
    verdict = ex.evaluate(accuracy_score)
    assert verdict.status == "falsch" and "Selbst rechnen" in verdict.message
    assert ex.evaluate(lambda t, p: float(np.mean(np.asarray(t) == np.asarray(p)))).status == "richtig"

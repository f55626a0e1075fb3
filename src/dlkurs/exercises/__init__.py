"""Exercises: check, hint and solution, in German; the placeholder ``___``.

In a lesson::

    from dlkurs.exercises import ___, aufgaben
    aufgabe = aufgaben("1.2")
    aufgabe.quadratsumme.check(quadratsumme)   # richtig / falsch (mit Grund) / noch nicht bearbeitet
    aufgabe.quadratsumme.hint()                # Tipp 1; .hint(2) Tipp 2
    aufgabe.quadratsumme.solution()            # die Lösung aus dem Lektionsquelltext

In a check module (``dlkurs/exercises/lessons/l1_2.py``)::

    from dlkurs.exercises import ValueExercise, Wrong
    quadratsumme = ValueExercise(title="…", expected=338350, hints=[…],
                                 wrong=[Wrong(5050, expect="zu klein"), …])

This package is the whole authoring API: a check module imports from
``dlkurs.exercises`` only (a test enforces it), never from its submodules.
Importing it never imports Keras or TensorFlow.
"""

from dlkurs.exercises.compare import Options, clean, compare_values, shape_text, short, to_numpy, type_name
from dlkurs.exercises.custom import CustomExercise
from dlkurs.exercises.exercise import Exercise, Right, Wrong, lazy, per_profile, seeded, strict
from dlkurs.exercises.functions import Case, FunctionExercise, call_answer
from dlkurs.exercises.guards import InstructionViolated, forbidden_uses, function_source, guarded
from dlkurs.exercises.models import (
    ModelExercise,
    compile_problem,
    flat_layers,
    hidden_activations,
    layer_activation,
    loss_name,
    metric_names,
    model_copy,
)
from dlkurs.exercises.pipelines import factor_span, fresh_layer, is_random_layer, pipeline_layers, run_pipeline
from dlkurs.exercises.placeholder import ___, Placeholder, PlaceholderError, contains_placeholder
from dlkurs.exercises.registry import Aufgaben, UnknownLessonExercises, aufgaben
from dlkurs.exercises.solutions import from_solution
from dlkurs.exercises.thought import ThoughtQuestion
from dlkurs.exercises.values import ShapeExercise, ValueExercise
from dlkurs.exercises.verdict import (
    FALSCH,
    INTERNER_FEHLER,
    KEINE_PRUEFUNG,
    NICHT_BEARBEITET,
    RICHTIG,
    ExerciseFailed,
    Falsch,
    NotAttempted,
    Verdict,
)

__all__ = [
    "___",
    "Aufgaben",
    "Case",
    "CustomExercise",
    "Exercise",
    "InstructionViolated",
    "forbidden_uses",
    "function_source",
    "guarded",
    "Right",
    "seeded",
    "compile_problem",
    "factor_span",
    "flat_layers",
    "fresh_layer",
    "is_random_layer",
    "model_copy",
    "pipeline_layers",
    "run_pipeline",
    "hidden_activations",
    "loss_name",
    "metric_names",
    "ExerciseFailed",
    "FALSCH",
    "Falsch",
    "FunctionExercise",
    "INTERNER_FEHLER",
    "KEINE_PRUEFUNG",
    "ModelExercise",
    "layer_activation",
    "NICHT_BEARBEITET",
    "NotAttempted",
    "Options",
    "Placeholder",
    "PlaceholderError",
    "RICHTIG",
    "ThoughtQuestion",
    "UnknownLessonExercises",
    "ShapeExercise",
    "ValueExercise",
    "Verdict",
    "Wrong",
    "aufgaben",
    "call_answer",
    "clean",
    "compare_values",
    "contains_placeholder",
    "from_solution",
    "lazy",
    "per_profile",
    "shape_text",
    "short",
    "strict",
    "to_numpy",
    "type_name",
]

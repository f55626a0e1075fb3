"""The lesson's own solution as the checker's reference: one source for both.

A function exercise needs a correct implementation to compute the expected
result of each case. Writing it a second time in the check module lets the two
drift apart; ``reference=from_solution()`` takes the function that the
lesson's solution region defines instead::

    # lesson source
    def relu(x):
        ### BEGIN SOLUTION relu
        return np.maximum(x, 0.0)
        ### END SOLUTION

    # check module
    relu = FunctionExercise(title="…", reference=from_solution(), cases=[…])

The region may be the whole ``def`` or only its body: the enclosing function of
the exercise's name is taken from the solution variant of the lesson source
(found through the catalog) and executed after ``setup`` (the imports the
function relies on, ``import numpy as np`` by default).
"""

from __future__ import annotations

import ast
from typing import Any

from dlkurs import catalog
from dlkurs.exercises import markers


class from_solution:  # noqa: N801 - used like a function in declarations
    """Reference = the function ``name`` (default: the exercise's name) from the lesson's solution."""

    def __init__(self, name: str | None = None, *, lesson: str | None = None, setup: str = "import numpy as np") -> None:
        self.name = name
        self.lesson = lesson  # for a helper exercise that is not bound to its lesson (a private `_name`)
        self.setup = setup

    def __repr__(self) -> str:
        return f"from_solution({self.name!r})" if self.name else "from_solution()"

    def build(self, lesson_id: str | None, exercise_name: str | None) -> Any:
        name = self.name or exercise_name
        lesson_id = self.lesson or lesson_id
        lesson = catalog.find(lesson_id) if lesson_id else None
        if lesson is None or not name:
            raise LookupError(f"from_solution(): the exercise is not bound to a catalog lesson ({lesson_id!r}, {name!r}).")
        code = function_source(lesson.source_path.read_text(encoding="utf-8"), name)
        namespace: dict[str, Any] = {"__name__": f"dlkurs_solution_{catalog.module_stem(lesson.id)}"}
        exec(compile(self.setup, f"<setup of {name}>", "exec"), namespace)  # noqa: S102 - the course's own source
        exec(compile(code, f"<Lösung {lesson.id} {name}>", "exec"), namespace)  # noqa: S102
        return namespace[name]


def function_source(source_text: str, name: str) -> str:
    """The solution variant of the top-level ``def name`` in a jupytext percent source."""
    import jupytext

    notebook = jupytext.reads(source_text, fmt="py:percent")
    for cell in notebook.cells:
        if cell.cell_type != "code" or f"def {name}" not in cell.source:
            continue
        if "solution" in cell.metadata.get("tags", []):
            text = markers.whole_cell_region(cell.source).solution
        else:
            text = markers.render_code(cell.source, "solution")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue  # e.g. a cell with IPython magics
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return ast.get_source_segment(text, node, padded=False)
    raise LookupError(f"the lesson source defines no top-level function {name!r} in a code cell")

"""The runner's strict mode and the student notebook in a real kernel.

(a) of the harness, every lesson's reference solutions passing in a real run,
is proven course-wide in test_course_quick.py."""

from __future__ import annotations

import os

import nbformat
import pytest

from dlkurs import settings
from dlkurs.lessons import get
from dlkurs.build.notebook import KERNEL_NAME, build_notebook
from dlkurs.run.checks import coverage
from dlkurs.run.runner import run_lesson

pytestmark = pytest.mark.lessons


def test_coverage_reports_unchecked_and_failed_exercises():
    from dlkurs.run.runner import LessonRun

    run = LessonRun(lesson="1.2", title="", profile="quick", backend="tensorflow")
    assert coverage(run).unchecked == ["quadratsumme"]
    assert "nicht geprüft" in coverage(run).problems()[0]
    run.checks = {"quadratsumme": "falsch", "extra": "richtig"}
    cover = coverage(run)
    assert cover.not_richtig == {"quadratsumme": "falsch"} and cover.undeclared == ["extra"]
    assert not cover.complete


def _execute(nb, tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    from dlkurs.build.kernel import write_kernel_spec

    write_kernel_spec(tmp_path / "kernels")
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")]))
    env = dict(os.environ, **{settings.ENV_PROGRESS_DB: str(tmp_path / "student.sqlite"), "KERAS_BACKEND": "tensorflow"})
    env.pop(settings.ENV_STRICT, None)
    client = NotebookClient(nb, km=km, kernel_name=KERNEL_NAME, timeout=60, resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=env)
    return nb


def test_student_notebook_says_not_attempted_once(tmp_path):
    student = build_notebook(get("1.2"), "student")
    setup = next(c for c in student.cells if c.cell_type == "code" and "aufgaben(" in c.source)
    exercise = next(c for c in student.cells if c.cell_type == "code" and ".quadratsumme.check(" in c.source)
    extra = nbformat.v4.new_code_cell("aufgabe.quadratsumme.hint(2)\naufgabe.quadratsumme.solution()")
    again = nbformat.v4.new_code_cell("quadratsumme = 5050\naufgabe.quadratsumme.check(quadratsumme)")
    # a function that never returns, checked in the kernel's main thread (SIGALRM)
    endless = nbformat.v4.new_code_cell(
        "from dlkurs.exercises import Case, FunctionExercise\n"
        "f = FunctionExercise(title='t', cases=[Case(1).returns(1)], timeout=0.5)\n"
        "def ewig(x):\n    while True:\n        pass\n"
        "f.check(ewig)"
    )
    after = nbformat.v4.new_code_cell("print('weiter')")
    student.cells = [setup, exercise, extra, again, endless, after]
    _execute(student, tmp_path)

    (shown,) = exercise.outputs  # exactly one output: the verdict is not shown twice
    assert shown.output_type == "display_data"
    assert shown.data["text/plain"].startswith("✎ Noch nicht bearbeitet")
    assert "Noch nicht bearbeitet" in shown.data["text/html"]
    hint, solution = extra.outputs
    assert hint.data["text/plain"].startswith("Tipp 2 von 3")
    assert "quadratsumme = int(np.sum(np.arange(1, 101) ** 2))" in solution.data["text/plain"]
    assert "<span" in solution.data["text/html"]  # syntax-highlighted
    (wrong,) = again.outputs
    assert wrong.data["text/plain"].startswith("✗ Falsch: Wert 5050 ist zu klein.")
    (timeout,) = endless.outputs
    assert timeout.data["text/plain"].startswith("✗ Falsch: Zeitlimit von 0.5 s überschritten für Eingabe ewig(1)")
    assert "Hintergrund" not in timeout.data["text/plain"]  # interrupted, not abandoned
    assert after.outputs[0].text == "weiter\n"

    from dlkurs.exercises import progress

    (item,) = progress.summary(tmp_path / "student.sqlite")
    assert (item.checks, item.solved, item.hints_used, item.solution_seen) == (1, False, 1, True)


def _lesson_with_source(tmp_path, body: str):
    import dataclasses

    path = tmp_path / "l1_2_probe.py"
    path.write_text(
        "# %%\nimport numpy as np\nfrom dlkurs.exercises import ___, aufgaben\naufgabe = aufgaben(\"1.2\")\n\n" + body,
        encoding="utf-8",
    )
    return dataclasses.replace(get("1.2"), source=str(path), figures=())


def test_strict_run_fails_on_a_wrong_reference_and_names_cell_and_exercise(tmp_path):
    lesson = _lesson_with_source(
        tmp_path,
        "# %%\n### BEGIN SOLUTION quadratsumme\nquadratsumme = int(np.sum(np.arange(1, 101)))\n### END SOLUTION\n"
        "aufgabe.quadratsumme.check(quadratsumme)\n",
    )
    run = run_lesson(lesson, profile="quick", out_dir=tmp_path / "runs", html=False)
    assert run.status == "failed"
    assert run.error.cell == 2 and run.error.ename == "ExerciseFailed"
    assert "Lektion 1.2, Aufgabe 'quadratsumme': falsch – Wert 5050 ist zu klein." in run.error.evalue
    assert run.checks == {"quadratsumme": "falsch"}


def test_run_that_never_checks_an_exercise_fails(tmp_path):
    lesson = _lesson_with_source(tmp_path, "# %%\nquadratsumme = 338350\n")
    run = run_lesson(lesson, profile="quick", out_dir=tmp_path / "runs", html=False)
    assert run.status == "failed"
    assert run.problems == ["Aufgabe 'quadratsumme' wurde im Lauf nicht geprüft (kein check() ausgeführt)."]

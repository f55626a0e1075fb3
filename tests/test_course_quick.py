"""The whole course in the quick profile: every lesson of the catalog runs
headless in strict mode, writes its files, reports its figures, and checks
every counted exercise "richtig" (harness part (a)).

Lessons read data from a data home into which ../shared/data was imported
(once per session), plus small canonical-format files for datasets that have
no real copy here (Reuters, Jena, CIFAR-10, VGG16 and MobileNetV3Small weights). Lessons that need
a real dataset skip with a reason when ../shared/data is absent.
"""

from __future__ import annotations

import json

import pytest
from helpers import SHARED, SHARED_NAMES

from dlkurs.lessons import catalog
from dlkurs.run.checks import coverage
from dlkurs.run.runner import run_lesson

pytestmark = pytest.mark.lessons

LESSONS = catalog()
_RUNS: dict[str, object] = {}


@pytest.fixture
def quick_run(with_course_data, tmp_path_factory, monkeypatch):
    """``quick_run(lesson)``: the lesson's quick run, executed once per session."""
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")

    def get(lesson):
        missing = [name for name in lesson.datasets if name in SHARED_NAMES and SHARED is None]
        if missing:
            pytest.skip(f"Lektion {lesson.id} braucht {', '.join(missing)}; ../shared/data fehlt")
        if lesson.id not in _RUNS:
            out = tmp_path_factory.mktemp(f"quick-{lesson.id}")
            _RUNS[lesson.id] = run_lesson(lesson, profile="quick", out_dir=out)
        return _RUNS[lesson.id]

    return get


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_runs_in_quick_profile(lesson, quick_run):
    run = quick_run(lesson)
    details = f"{run.status}: {run.error} {run.problems}"
    assert run.ok, details  # a run past its budget is stopped and not ok
    for kind in ("ipynb", "html", "json"):
        assert run.files[kind].endswith(f"{lesson.slug}.{kind}")
    saved = json.loads(open(run.files["json"], encoding="utf-8").read())
    assert saved["status"] == "passed" and saved["profile"] == "quick"
    assert set(saved["figures"]) >= {f.name for f in lesson.figures_for(saved["figures"])}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_reference_solutions_are_checked_richtig(lesson, quick_run):
    run = quick_run(lesson)
    cover = coverage(run)
    assert cover.complete, cover.problems()
    assert not cover.undeclared, f"checked but not declared: {cover.undeclared}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_executed_notebook_shows_no_tensorflow_noise(lesson, quick_run):
    import nbformat

    run = quick_run(lesson)
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = output["text"]
                assert "oneDNN" not in text and "absl::InitializeLog" not in text, text[:300]
                assert "cpu_feature_guard" not in text, text[:300]

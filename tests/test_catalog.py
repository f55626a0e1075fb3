import ast
import re

import pytest

from dlkurs.lessons import UnknownLessonError, by_day, catalog, get
from dlkurs.build.notebook import build_notebook

LESSONS = catalog()


def test_catalog_is_ordered_and_ids_unique():
    ids = [lesson.id for lesson in LESSONS]
    assert len(ids) == len(set(ids))
    assert [lesson.sort_key for lesson in LESSONS] == sorted(lesson.sort_key for lesson in LESSONS)
    assert {"0.1", "1.2"} <= set(ids)


def test_lookup_and_unknown_lesson():
    assert get("1.2").title == "Jupyter & Markdown"
    assert [lesson.id for lesson in by_day(0)] == ["0.1"]
    with pytest.raises(UnknownLessonError, match="Unbekannte Lektion '9.9'"):
        get("9.9")


def test_slug_is_a_safe_file_name():
    assert get("1.2").slug == "1.2_jupyter-markdown"
    for lesson in LESSONS:
        assert re.fullmatch(r"\d+\.\d+_[a-z0-9-]+", lesson.slug), lesson.slug


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_entry_is_complete(lesson):
    assert lesson.source_path.is_file(), f"{lesson.id}: Quelle {lesson.source} fehlt"
    assert lesson.id.startswith(f"{lesson.day}.")
    assert 0 < lesson.budget["quick"] <= 90, "quick profile must fit 90 s on the course laptop"
    assert lesson.budget["quick"] <= lesson.budget["full"]
    assert lesson.minutes > 0
    assert lesson.backend in ("any", "tensorflow", "jax")
    for figure in lesson.figures:
        if figure.band is not None:
            assert figure.band[0] <= figure.band[1], figure
        assert not figure.dataset or figure.dataset in lesson.datasets, f"{figure.name}: dataset not in datasets"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
@pytest.mark.parametrize("variant", ["student", "solution"])
def test_notebook_builds_and_code_parses(lesson, variant):
    nb = build_notebook(lesson, variant)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# {lesson.id} "), "a lesson opens with '# <id> <title>'"
    assert nb.metadata["dlkurs"] == {"lesson": lesson.id, "title": lesson.title, "variant": variant}
    for cell in nb.cells:
        if cell.cell_type == "code":
            code = "\n".join(
                line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
            )
            code = re.sub(r"=\s*%\w+.*", "= None", code)  # `x = %timeit -o ...`
            ast.parse(code)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lessons_report_their_declared_figures(lesson):
    source = lesson.source_path.read_text(encoding="utf-8")
    for figure in lesson.figures:
        assert re.search(rf"\b{figure.name}\s*=", source), f"{lesson.id} never reports {figure.name}"


def test_per_dataset_figures_are_judged_only_for_the_path_taken():
    """4.11 reports the figures of Jena or of Greensboro; a run is held to those it took."""
    from dlkurs.catalog import Figure

    lesson = get("4.11")
    jena = {f.name for f in lesson.figures if f.dataset == "jena_climate"}
    greensboro = {f.name for f in lesson.figures if f.dataset == "greensboro_tmy3"}
    assert jena and greensboro and not jena & greensboro
    assert {f.name for f in lesson.figures_for({"mae_basislinie_greensboro": 3.9})} == greensboro
    assert {f.name for f in lesson.figures_for({"mae_gru_jena": 2.5})} == jena
    assert {f.name for f in lesson.figures_for({})} == jena | greensboro  # nothing reported: all are missing
    plain = get("3.6")
    assert plain.figures_for({}) == plain.figures
    mixed = type(lesson)(id="9.1", day=9, title="t", source="x.py", minutes=1, budget={"quick": 1, "full": 1},
                         figures=(Figure("immer", "immer"), Figure("a", "a", dataset="x"), Figure("b", "b", dataset="y")))
    assert [f.name for f in mixed.figures_for({"a": 1.0})] == ["immer", "a"]


def test_runner_requires_and_judges_only_the_taken_path():
    from dlkurs.run.results import FAILED, LessonRun
    from dlkurs.run.runner import _judge

    lesson = get("4.11")
    run = LessonRun(lesson=lesson.id, title=lesson.title, profile="full", backend="tensorflow")
    run.status = FAILED  # skip the exercise coverage; only the figures are judged here
    run.figures = {"mae_basislinie_greensboro": 3.85, "mae_gru_greensboro": 3.8, "mae_gru_dropout_greensboro": 50.0}
    _judge(run, lesson)
    assert set(run.bands) == {"mae_basislinie_greensboro", "mae_gru_greensboro", "mae_gru_dropout_greensboro"}
    assert not any("jena" in p for p in run.problems)
    assert any("mae_gru_dropout_greensboro" in p and "Referenzband" in p for p in run.problems)


def test_images_are_embedded_as_attachments():
    nb = build_notebook(get("1.2"), "student")
    with_image = [c for c in nb.cells if c.cell_type == "markdown" and "attachment:neuron.png" in c.source]
    assert with_image and "image/png" in with_image[0].attachments["neuron.png"]


def test_custom_catalog_via_environment(make_catalog):
    make_catalog({"9.1": "# %% [markdown]\n# # 9.1 Test\n\n# %%\nx = 1\n"})
    assert [lesson.id for lesson in catalog()] == ["9.1"]
    assert build_notebook(get("9.1")).cells[1].source == "x = 1"

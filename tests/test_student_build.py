"""One source (issue 4, item 3): no student notebook of the course contains solution text,
and every student code cell is still valid (IPython) Python."""

from __future__ import annotations

import ast

import jupytext
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from dlkurs.exercises import markers
from dlkurs.lessons import catalog
from dlkurs.build.notebook import build_notebook, solution_regions

LESSONS = list(catalog())
MIN_LENGTH = 4  # shorter lines ("x", ")", "])") say nothing


def outside_lines(lesson) -> set[str]:
    """Stripped lines of the source that are not inside any solution region."""
    lines: set[str] = set()
    for cell in jupytext.read(lesson.source_path, fmt="py:percent").cells:
        if cell.cell_type == "code":
            if "solution" in cell.metadata.get("tags", []):
                continue
            parts, _ = markers.split_regions(cell.source)
            lines.update(p.strip() for p in parts if isinstance(p, str))
        elif cell.cell_type == "markdown":
            student, _, _ = markers.split_markdown(cell.source)
            lines.update(line.strip() for line in student.splitlines())
    return lines


def distinctive_lines(lesson) -> list[str]:
    """Solution lines that would give the solution away: non-trivial, not also outside
    regions, and not part of the region's own student version (a ``###>`` skeleton
    line such as ``def f(x):`` is meant to be shown)."""
    outside = outside_lines(lesson)
    found: list[str] = []
    for region in solution_regions(lesson):
        skeleton = {line.strip() for line in region.student.splitlines()}
        for line in region.solution.splitlines():
            text = line.strip()
            if len(text) >= MIN_LENGTH and text not in outside and text not in skeleton and text not in found:
                found.append(text)
    return found


def leaks(lesson, notebook) -> list[str]:
    """Distinctive solution lines that appear in ``notebook``."""
    sources = [cell.source for cell in notebook.cells]
    return [line for line in distinctive_lines(lesson) if any(line in source for source in sources)]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_student_notebook_contains_no_solution_text(lesson):
    student = build_notebook(lesson, "student")
    assert leaks(lesson, student) == []
    assert student.metadata["dlkurs"]["variant"] == "student"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_student_code_cell_parses(lesson):
    transform = TransformerManager().transform_cell
    for index, cell in enumerate(build_notebook(lesson, "student").cells, start=1):
        if cell.cell_type != "code":
            continue
        code = transform(cell.source)  # magics (%timeit, %%time, !pip) become Python calls
        try:
            ast.parse(code)
        except SyntaxError as err:
            pytest.fail(f"lesson {lesson.id}, cell {index} does not parse: {err}\n{cell.source}")


def test_the_leak_check_is_not_vacuous():
    """The solution build of a lesson with regions is caught by the same check."""
    with_regions = [lesson for lesson in LESSONS if solution_regions(lesson)]
    assert with_regions, "no lesson has solution regions"
    for lesson in with_regions:
        if distinctive_lines(lesson):
            assert leaks(lesson, build_notebook(lesson, "solution"))


def test_student_build_has_the_placeholder_where_the_solution_was():
    lesson = next(lesson for lesson in LESSONS if lesson.id == "1.2")
    student = build_notebook(lesson, "student")
    cell = next(c for c in student.cells if c.cell_type == "code" and ".quadratsumme.check(" in c.source)
    assert "quadratsumme = ___" in cell.source
    assert "np.sum(" not in cell.source


def test_images_in_fenced_code_blocks_stay_as_written(tmp_path):
    """Only images outside ``` fences are embedded; a fenced example keeps its copyable path (1.2)."""
    import nbformat

    from dlkurs.build.notebook import _embed_images

    (tmp_path / "bilder").mkdir()
    (tmp_path / "bilder" / "x.png").write_bytes(b"\x89PNG fake")
    source = (
        "![vorher](bilder/x.png)\n\n```markdown\n![im Beispiel](bilder/x.png)\n```\n\n"
        "~~~~\n![Tilde](bilder/x.png)\n~~~~\n![nachher](bilder/x.png)\n"
    )
    cell = nbformat.v4.new_markdown_cell(source)
    _embed_images(cell, tmp_path)
    lines = cell.source.splitlines()
    assert lines[0] == "![vorher](attachment:x.png)"
    assert "![im Beispiel](bilder/x.png)" in lines and "![Tilde](bilder/x.png)" in lines
    assert lines[-1] == "![nachher](attachment:x.png)"
    assert set(cell["attachments"]) == {"x.png"}


def test_lesson_1_2_markdown_example_shows_the_real_image_syntax():
    lesson = next(lesson for lesson in LESSONS if lesson.id == "1.2")
    cells = build_notebook(lesson, "student").cells
    example = next(c for c in cells if c.cell_type == "markdown" and "```markdown" in c.source)
    assert "![Ein künstliches Neuron](bilder/neuron.png)" in example.source
    fenced = example.source.split("```markdown", 1)[1].split("```", 1)[0]
    assert "attachment:" not in fenced
    rendered = next(c for c in cells if c.cell_type == "markdown" and "Eine Überschrift dritter Ordnung" in c.source
                    and "```markdown" not in c.source)
    assert "(attachment:neuron.png)" in rendered.source and "attachments" in rendered

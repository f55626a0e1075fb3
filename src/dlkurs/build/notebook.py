"""Lesson source -> notebook, in the student or the solution variant.

The source is a jupytext percent-format ``.py`` file. Solution regions (see
:mod:`dlkurs.exercises.markers`) are replaced by placeholders in the student
variant and unmarked in the solution variant. Images referenced from Markdown
as ``bilder/NAME`` are embedded as cell attachments, so a notebook is one
self-contained file wherever it is copied.
"""

from __future__ import annotations

import base64
import mimetypes
import re

import jupytext
import nbformat

from dlkurs.exercises import markers
from dlkurs.lessons import Lesson

VARIANTS = ("student", "solution")
KERNEL_NAME = "dlkurs"
KERNEL_DISPLAY_NAME = "Python 3 (dlkurs)"
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>bilder/[^)\s]+)\)")


class LessonFormatError(ValueError):
    """A lesson source violates the lesson format."""


def _embed_images(cell: nbformat.NotebookNode, base_dir) -> None:
    attachments: dict[str, dict[str, str]] = {}

    def replace(match: re.Match[str]) -> str:
        path = base_dir / match.group("path")
        if not path.is_file():
            raise LessonFormatError(f"Bild {match.group('path')} fehlt in {base_dir / 'bilder'}")
        name = path.name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachments[name] = {mime: base64.b64encode(path.read_bytes()).decode("ascii")}
        return f"![{match.group('alt')}](attachment:{name})"

    cell.source = _IMAGE.sub(replace, cell.source)
    if attachments:
        cell["attachments"] = attachments


def build_notebook(lesson: Lesson, variant: str = "solution") -> nbformat.NotebookNode:
    """The notebook of ``lesson`` as ``variant`` ("student" or "solution")."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}. Received: variant={variant!r}")
    nb = jupytext.read(lesson.source_path, fmt="py:percent")
    cells = []
    for index, cell in enumerate(nb.cells):
        try:
            if cell.cell_type == "code":
                tags = cell.metadata.get("tags", [])
                if "solution" in tags:
                    region = markers.whole_cell_region(cell.source)
                    cell.source = region.student if variant == "student" else region.solution
                    cell.metadata["tags"] = [t for t in tags if t != "solution"]
                    if not cell.metadata["tags"]:
                        del cell.metadata["tags"]
                else:
                    cell.source = markers.render_code(cell.source, variant)
            elif cell.cell_type == "markdown":
                student, solution, _ = markers.split_markdown(cell.source)
                cell.source = student if variant == "student" else solution
                _embed_images(cell, lesson.base_dir)
        except markers.MarkerError as err:
            raise LessonFormatError(f"Lektion {lesson.id}, Zelle {index + 1}: {err}") from None
        cells.append(cell)
    nb.cells = cells
    nb.metadata = {
        "kernelspec": {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"},
        "language_info": {"name": "python"},
        "dlkurs": {"lesson": lesson.id, "title": lesson.title, "variant": variant},
    }
    nbformat.validate(nb)
    return nb


def solution_regions(lesson: Lesson) -> list[markers.Region]:
    """Every solution region in the lesson's source, in order."""
    nb = jupytext.read(lesson.source_path, fmt="py:percent")
    regions: list[markers.Region] = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "solution" in cell.metadata.get("tags", []):
                regions.append(markers.whole_cell_region(cell.source))
            else:
                regions.extend(markers.split_regions(cell.source)[1])
        elif cell.cell_type == "markdown":
            regions.extend(markers.split_markdown(cell.source)[2])
    return regions

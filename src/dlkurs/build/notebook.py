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
#: Cell tag of an optional deep-dive ("Vertiefung"): skippable without breaking later cells.
DEEP_TAG = "vertiefung"
#: Shown at the top of every deep-dive block in the built notebooks.
DEEP_BANNER = (
    "> 🔍 **Vertiefung (optional)** – für später oder wenn du schneller bist. "
    "Du kannst diesen Abschnitt überspringen: die Zellen danach brauchen nichts von hier."
)
KERNEL_NAME = "dlkurs"
KERNEL_DISPLAY_NAME = "Python 3 (dlkurs)"
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>bilder/[^)\s]+)\)")


class LessonFormatError(ValueError):
    """A lesson source violates the lesson format."""


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _fence_parts(source: str) -> list[tuple[str, bool]]:
    """``source`` split into (text, inside a fenced code block) parts, fence lines included in the block.

    An image inside a fenced code block is an example of Markdown syntax for the
    learner to copy, not an image to embed: it stays as written.
    """
    parts: list[tuple[str, bool]] = []
    fence: str | None = None
    for line in source.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            parts.append((line, True))
        elif fence is not None:
            parts.append((line, True))
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip()[len(match.group(1)):]:
                fence = None
        else:
            parts.append((line, False))
    return parts


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

    cell.source = "".join(
        part if fenced else _IMAGE.sub(replace, part) for part, fenced in _fence_parts(cell.source)
    )
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
    _mark_deep_dives(lesson, cells)
    nb.cells = cells
    nb.metadata = {
        "kernelspec": {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"},
        "language_info": {"name": "python"},
        "dlkurs": {"lesson": lesson.id, "title": lesson.title, "variant": variant},
    }
    nbformat.validate(nb)
    return nb


def is_deep(cell: nbformat.NotebookNode) -> bool:
    return DEEP_TAG in cell.get("metadata", {}).get("tags", [])


def _mark_deep_dives(lesson: Lesson, cells: list) -> None:
    """Each block of ``vertiefung`` cells opens with a Markdown cell; the banner goes on top of it."""
    for index, cell in enumerate(cells):
        if is_deep(cell) and (index == 0 or not is_deep(cells[index - 1])):
            if cell.cell_type != "markdown":
                raise LessonFormatError(
                    f"Lektion {lesson.id}, Zelle {index + 1}: eine Vertiefung beginnt mit einer Markdown-Zelle "
                    "(Überschrift), nicht mit Code"
                )
            if DEEP_BANNER not in cell.source:
                cell.source = f"{DEEP_BANNER}\n\n{cell.source}"


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


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names stored, names loaded) by a code cell; magics and shell lines are ignored."""
    import ast

    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set(), set()
    stored: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
    return stored, loaded


def deep_dive_dependencies(lesson: Lesson) -> list[tuple[int, str]]:
    """(cell number, name) for every core cell that uses a name only a deep-dive defines.

    A learner who skips the ``vertiefung`` cells must be able to run every
    later cell; this static check (names assigned, imported or defined) finds
    the places where that would raise ``NameError``.
    """
    nb = build_notebook(lesson, "solution")
    core: set[str] = set()
    deep: set[str] = set()
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        stored, loaded = _names(cell.source)
        if is_deep(cell):
            deep |= stored
            continue
        for name in sorted((loaded - stored - core) & deep):
            found.append((index + 1, name))
        core |= stored
    return found

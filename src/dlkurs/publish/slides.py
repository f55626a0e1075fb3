"""An executed lesson notebook -> one reveal.js deck (nbconvert's SlidesExporter).

Slides come from the lesson itself, without hand edits:

- a Markdown cell is cut at each heading, and a heading of level 1 or 2
  starts a new slide, one of level 3 or deeper a new sub-slide;
- a slide that grows too long (code, outputs, plots) continues on a new
  sub-slide before the next cell; long Markdown is cut at blank lines first;
- a cell that carries Jupyter's own slide metadata in the lesson source,
  ``# %% [markdown] slideshow={"slide_type": "slide"}`` (types ``slide``,
  ``subslide``, ``fragment``, ``skip``, ``notes``, ``-``), keeps it; ``skip``
  leaves the cell out of the deck, ``notes`` makes it a speaker note.

The deck uses the nbconvert template ``dlkurs_reveal`` (in ``templates/``): it
extends nbconvert's reveal template, loads reveal.js from the folder beside the
deck (vendored in ``vendor/reveal.js``, copied by :func:`copy_reveal`) and
nothing from a CDN; formulas are MathML (see :mod:`dlkurs.build.offline_html`).
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import nbformat

from dlkurs.build.offline_html import math_to_mathml

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
REVEAL = HERE / "vendor" / "reveal.js"
#: Folder name of reveal.js next to the decks.
REVEAL_DIR = "reveal.js"
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
#: Rough height budget of one slide, in lines of text (a plot counts as IMAGE_LINES).
SLIDE_LINES = 22
IMAGE_LINES = 14

_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")


def split_at_headings(source: str) -> list[str]:
    """Cut Markdown before every heading (outside fenced code); empty pieces are dropped."""
    pieces: list[list[str]] = [[]]
    fenced = False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and _HEADING.match(line) and any(text.strip() for text in pieces[-1]):
            pieces.append([])
        pieces[-1].append(line)
    return ["\n".join(piece).strip("\n") for piece in pieces if any(text.strip() for text in piece)]


def split_long(piece: str, limit: int = SLIDE_LINES) -> list[str]:
    """Cut Markdown longer than ``limit`` lines at blank lines (outside fenced code and ``$$`` blocks)."""
    if len(piece.splitlines()) <= limit:
        return [piece]
    chunks: list[list[str]] = [[]]
    fenced = in_math = False
    for line in piece.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and line.count("$$") % 2:
            in_math = not in_math
        if (not line.strip() and not fenced and not in_math and len(chunks[-1]) >= limit // 2
                and len(chunks[-1]) + 1 > limit // 1.5):
            chunks.append([])
            continue
        chunks[-1].append(line)
    return ["\n".join(chunk).strip("\n") for chunk in chunks if any(text.strip() for text in chunk)]


def _heading_level(source: str) -> int:
    match = _HEADING.match(source.lstrip("\n"))
    return len(match.group(1)) if match else 0


def _explicit(cell) -> str | None:
    kind = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
    return kind if kind in SLIDE_TYPES else None


def _lines(cell) -> int:
    """How much room a cell takes on a slide, roughly."""
    count = len(cell.source.splitlines())
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if any(key.startswith("image/") for key in data):
            count += IMAGE_LINES
        elif "text/html" in data:
            count += min(12, len(str(data["text/html"]).splitlines()))
        elif "text/plain" in data:
            count += len(str(data["text/plain"]).splitlines())
        elif output.get("output_type") == "stream":
            count += len(str(output.get("text", "")).splitlines())
        elif output.get("output_type") == "error":
            count += 8
    return count


def slide_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with slide metadata on every cell and formulas as MathML."""
    deck = copy.deepcopy(nb)
    cells = []
    for cell in deck.cells:
        if cell.cell_type == "markdown" and _explicit(cell) is None:
            for piece in (chunk for part in split_at_headings(cell.source) for chunk in split_long(part)):
                part = copy.deepcopy(cell)
                part.source = piece
                part.pop("id", None)
                cells.append(part)
        else:
            cells.append(cell)
    used = 0
    first = True
    for cell in cells:
        slideshow = cell.setdefault("metadata", {}).setdefault("slideshow", {})
        kind = _explicit(cell)
        if kind is None:
            level = _heading_level(cell.source) if cell.cell_type == "markdown" else 0
            size = _lines(cell)
            if first or level in (1, 2):
                kind = "slide"
            elif level >= 3 or used + size > SLIDE_LINES:
                kind = "subslide"
            else:
                kind = "-"
            slideshow["slide_type"] = kind
        if kind in ("slide", "subslide"):
            used = 0
        if kind not in ("skip", "notes"):
            used += _lines(cell)
        first = False
        if cell.cell_type == "markdown":
            cell.source = math_to_mathml(cell.source)
    deck.cells = cells
    for index, cell in enumerate(deck.cells):
        cell["id"] = f"folie-{index}"
    return deck


def export_slides(nb: nbformat.NotebookNode, *, title: str, back_link: str = "",
                  reveal_prefix: str = REVEAL_DIR) -> str:
    """The executed notebook as one reveal.js HTML page (reveal.js expected at ``reveal_prefix``)."""
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(template_name="dlkurs_reveal", extra_template_basedirs=[str(TEMPLATES)])
    exporter.reveal_url_prefix = reveal_prefix
    exporter.reveal_theme = "white"
    exporter.reveal_transition = "none"
    exporter.reveal_width = "1280"
    exporter.reveal_height = "800"
    resources = {"metadata": {"name": title}, "dlkurs": {"back_link": back_link}}
    body, _ = exporter.from_notebook_node(slide_notebook(nb), resources=resources)
    body = re.sub(r'<html lang="[^"]*">', '<html lang="de">', body, count=1)
    body = re.sub(r"<title>(.*?) slides</title>", r"<title>\1 – Folien</title>", body, count=1, flags=re.S)
    return body


def copy_reveal(folder: Path) -> Path:
    """Put the vendored reveal.js next to the decks in ``folder``; return its path."""
    target = Path(folder) / REVEAL_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REVEAL, target)
    return target

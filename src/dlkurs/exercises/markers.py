"""Solution regions in lesson sources, and what the student build puts there.

A region is marked once, in a code cell::

    ### BEGIN SOLUTION form
    form = (4, 3)
    ### END SOLUTION

The solution build drops the marker lines; the student build replaces the
region by a German comment and placeholders. A region that returns (the body
of a function) becomes ``return ___``; otherwise every name the region assigns
at its own indentation level becomes ``name = ___``. Lines starting with
``###>`` inside the region give the student version explicitly (they are
removed from the solution build)::

    ### BEGIN SOLUTION modell
    ###> modell = ___  # baue hier dein Modell
    modell = keras.Sequential([...])
    ### END SOLUTION

A whole code cell tagged ``solution`` is one region. In Markdown cells,
``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` encloses an answer
text, which the student build replaces by "*Deine Antwort hier.*".
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION(?:[ \t]+(?P<name>[\w.-]+))?[ \t]*$")
END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
STUDENT_LINE = re.compile(r"^[ \t]*###> ?(?P<code>.*)$")
MD_BEGIN = re.compile(r"^\s*<!--\s*BEGIN SOLUTION(?:\s+(?P<name>[\w.-]+))?\s*-->\s*$")
MD_END = re.compile(r"^\s*<!--\s*END SOLUTION\s*-->\s*$")

STUDENT_COMMENT = "# ✏️ Deine Lösung hier"
MARKDOWN_PLACEHOLDER = "*✏️ Deine Antwort hier.*"


class MarkerError(ValueError):
    """A solution region is not well formed (unclosed, nested, stray END)."""


@dataclass(frozen=True)
class Region:
    """One solution region: its optional name, the solution text, the student text."""

    name: str | None
    solution: str
    student: str
    indent: str
    start_line: int  # 1-based line of the BEGIN marker in the cell/text


def _derive_student(body: list[str], indent: str, name: str | None) -> list[str]:
    comment = f"{indent}{STUDENT_COMMENT}" + (f" ({name})" if name else "")
    explicit = [m.group("code") for line in body if (m := STUDENT_LINE.match(line))]
    if explicit:
        return [comment] + [f"{indent}{code}" for code in explicit]
    code = textwrap.dedent("\n".join(body))
    names: list[str] = []
    returns = False
    try:
        tree = ast.parse(code)
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in tree.body:
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                targets = [node.target]
            elif isinstance(node, ast.Return):
                returns = True
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name) and sub.id not in names:
                        names.append(sub.id)
    if returns:  # a function body: whatever it assigns, the student version returns ___
        return [comment, f"{indent}return ___"]
    if names:
        return [comment] + [f"{indent}{n} = ___" for n in names]
    return [comment, f"{indent}..."]


def split_regions(text: str) -> tuple[list[str | Region], list[Region]]:
    """Split a code cell into plain lines and regions; raise MarkerError if malformed."""
    parts: list[str | Region] = []
    regions: list[Region] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        begin = BEGIN.match(line)
        if END.match(line):
            raise MarkerError(f"Zeile {i + 1}: '### END SOLUTION' ohne vorheriges BEGIN.")
        if not begin:
            parts.append(line)
            i += 1
            continue
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not END.match(lines[i]):
            if BEGIN.match(lines[i]):
                raise MarkerError(f"Zeile {i + 1}: Lösungsbereiche dürfen nicht verschachtelt sein.")
            body.append(lines[i])
            i += 1
        if i >= len(lines):
            raise MarkerError(f"Zeile {start + 1}: '### BEGIN SOLUTION' ohne '### END SOLUTION'.")
        i += 1  # skip END
        indent = begin.group("indent")
        name = begin.group("name")
        solution = [line for line in body if not STUDENT_LINE.match(line)]
        region = Region(
            name=name,
            solution="\n".join(solution),
            student="\n".join(_derive_student(body, indent, name)),
            indent=indent,
            start_line=start + 1,
        )
        parts.append(region)
        regions.append(region)
    return parts, regions


def render_code(text: str, variant: str) -> str:
    """The code cell ``text`` for ``variant`` "student" or "solution"."""
    parts, _ = split_regions(text)
    out: list[str] = []
    for part in parts:
        if isinstance(part, Region):
            out.append(part.student if variant == "student" else part.solution)
        else:
            out.append(part)
    return "\n".join(out)


def whole_cell_region(text: str, name: str | None = None) -> Region:
    """A code cell tagged ``solution``: the whole cell is the region."""
    lines = text.split("\n")
    body = [line for line in lines if not STUDENT_LINE.match(line)]
    return Region(
        name=name,
        solution="\n".join(body),
        student="\n".join(_derive_student(lines, "", name)),
        indent="",
        start_line=1,
    )


def split_markdown(text: str) -> tuple[str, str, list[Region]]:
    """(student text, solution text, regions) of a Markdown cell."""
    student: list[str] = []
    solution: list[str] = []
    regions: list[Region] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        begin = MD_BEGIN.match(lines[i])
        if MD_END.match(lines[i]):
            raise MarkerError(f"Zeile {i + 1}: '<!-- END SOLUTION -->' ohne vorheriges BEGIN.")
        if not begin:
            student.append(lines[i])
            solution.append(lines[i])
            i += 1
            continue
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not MD_END.match(lines[i]):
            body.append(lines[i])
            i += 1
        if i >= len(lines):
            raise MarkerError(f"Zeile {start + 1}: '<!-- BEGIN SOLUTION -->' ohne END.")
        i += 1
        regions.append(
            Region(begin.group("name"), "\n".join(body), MARKDOWN_PLACEHOLDER, "", start + 1)
        )
        student.append(MARKDOWN_PLACEHOLDER)
        solution.extend(body)
    return "\n".join(student), "\n".join(solution), regions


def find_named_region(source_text: str, name: str) -> str | None:
    """The solution text of the region called ``name`` in a raw lesson source file.

    Code regions are found as they are; Markdown regions carry jupytext's
    ``# `` comment prefix in the raw file, which is removed from the result.
    """
    lines = source_text.split("\n")
    for i, line in enumerate(lines):
        begin = BEGIN.match(line)
        md_begin = MD_BEGIN.match(line.removeprefix("#").strip()) if line.startswith("#") else None
        if begin and begin.group("name") == name:
            body: list[str] = []
            for follow in lines[i + 1 :]:
                if END.match(follow):
                    code = "\n".join(b for b in body if not STUDENT_LINE.match(b))
                    return textwrap.dedent(code).strip("\n")
                body.append(follow)
            return None
        if md_begin and md_begin.group("name") == name:
            text: list[str] = []
            for follow in lines[i + 1 :]:
                plain = follow.removeprefix("#").removeprefix(" ")
                if MD_END.match(plain):
                    return "\n".join(text).strip("\n")
                text.append(plain)
            return None
    return None

"""An executed notebook as one HTML page that works without internet.

nbconvert's pages load MathJax and require.js from a CDN, so in a classroom
without internet every formula shows as raw ``$…$``. Here the formulas of the
Markdown cells are turned into MathML when the page is written (browsers render
MathML themselves) and the CDN scripts are left out: the page needs nothing
from outside.
"""

from __future__ import annotations

import copy
import re

# fenced code blocks and inline code keep their dollars
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]+`)", re.S)
# $$…$$ (may span lines), then $…$ (one line, not "$ 5", not "5$", not "\$")
_MATH = re.compile(r"(?<!\\)\$\$(?P<block>.+?)(?<!\\)\$\$|(?<![\\$\w])\$(?![\s$])(?P<inline>[^$\n]+?)(?<![\s\\])\$(?![\w$])",
                   re.S)
_CDN_SCRIPTS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<script[^>]*src=\"https?://[^\"]*(?:mathjax|require)[^\"]*\"[^>]*>\s*</script>", re.I),
]


def _to_mathml(latex: str, display: str) -> str | None:
    from latex2mathml.converter import convert

    try:
        return convert(latex.strip(), display=display)
    except Exception:  # a formula the converter does not know stays as written
        return None


def math_to_mathml(markdown: str) -> str:
    """Replace ``$…$`` and ``$$…$$`` outside code with MathML; anything unconvertible stays as it was."""

    def replace(match: re.Match) -> str:
        block = match.group("block")
        latex, display = (block, "block") if block is not None else (match.group("inline"), "inline")
        mathml = _to_mathml(latex, display)
        if mathml is None:
            return match.group(0)
        return f"\n\n{mathml}\n\n" if display == "block" else mathml

    parts = _CODE.split(markdown)
    return "".join(part if index % 2 else _MATH.sub(replace, part) for index, part in enumerate(parts))


def export_offline_html(nb) -> str:
    """The notebook as a self-contained HTML page (nbconvert's "lab" template, formulas as MathML)."""
    from nbconvert import HTMLExporter

    page = copy.deepcopy(nb)
    for cell in page.cells:
        if cell.cell_type == "markdown":
            cell.source = math_to_mathml(cell.source)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(page)
    for pattern in _CDN_SCRIPTS:
        body = pattern.sub("", body)
    return body

"""Exported pages work offline: formulas as MathML, no scripts from a CDN."""

import re

import nbformat

from dlkurs.build.offline_html import export_offline_html, math_to_mathml


def test_inline_and_display_formulas_become_mathml():
    out = math_to_mathml("Der Fehler $L = (y - \\hat y)^2$ sinkt.\n\n$$\n\\sigma(z) = \\frac{1}{1+e^{-z}}\n$$\n")
    assert out.count("<math") == 2 and "$" not in out
    assert 'display="inline"' in out and 'display="block"' in out
    assert "<mfrac>" in out


def test_code_prices_and_escaped_dollars_stay_as_written():
    for text in ("Code `a = $x$` bleibt", "```\n$x$\n```", "Kosten: 5$ und $ 3", "Preis \\$5 und \\$6"):
        assert math_to_mathml(text) == text


def test_a_formula_the_converter_cannot_read_stays_as_written():
    assert math_to_mathml("Kaputt: $\\frac{1}{$ ok") == "Kaputt: $\\frac{1}{$ ok"


def test_page_needs_nothing_from_the_internet():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel\n\n$a^2 + b^2 = c^2$"), nbformat.v4.new_code_cell("1 + 1")]
    page = export_offline_html(nb)
    assert "<math" in page and "a^2" not in page
    external = re.findall(r"<script[^>]*\bsrc=\"(https?:[^\"]*)\"", page)
    assert external == []
    assert "MathJax.Hub" not in page

"""`dlkurs build` without a browser: slide cutting, output provenance, failing lessons, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from dlkurs.publish.slides import slide_notebook


def dlkurs(*args, timeout=300):
    env = dict(os.environ, COLUMNS="160")
    return subprocess.run([sys.executable, "-m", "dlkurs", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_slides_are_cut_at_headings_and_explicit_markers_win():
    nb = new_notebook(cells=[
        new_markdown_cell("# 9.1 Titel\nEinleitung"),
        new_markdown_cell("## Eins\nA\n\n```\n## kein Titel im Code\n```\n\n## Zwei\nFormel $a^2 + b^2$"),
        new_code_cell("x = 1"),
        new_code_cell("\n".join(f"y{i} = {i}" for i in range(30))),  # too long for the same slide
        new_markdown_cell("### Drei\nText"),
        new_markdown_cell("Nur für mich", metadata={"slideshow": {"slide_type": "notes"}}),
        new_markdown_cell("## Weg damit", metadata={"slideshow": {"slide_type": "skip"}}),
    ])
    deck = slide_notebook(nb)
    kinds = [(cell.source.splitlines()[0], cell.metadata["slideshow"]["slide_type"]) for cell in deck.cells]
    assert kinds == [
        ("# 9.1 Titel", "slide"),
        ("## Eins", "slide"),
        ("## Zwei", "slide"),
        ("x = 1", "-"),
        ("y0 = 0", "subslide"),
        ("### Drei", "subslide"),
        ("Nur für mich", "notes"),
        ("## Weg damit", "skip"),
    ]
    assert "## kein Titel im Code" in deck.cells[1].source  # a heading inside code does not cut
    assert "<math" in deck.cells[2].source and "$" not in deck.cells[2].source
    assert nb.cells[1].source.startswith("## Eins")  # the input notebook is left as it was


GOOD = """\
# %% [markdown]
# # 9.1 Gut
#
# Die Fläche eines Kreises ist $A = \\pi r^2$.

# %%
print("hallo welt")
"""
BROKEN_RUN = """\
# %% [markdown]
# # 9.2 Kaputt

# %%
raise ValueError("absichtlich")
"""
BROKEN_SOURCE = """\
# %% [markdown]
# # 9.3 Ohne Bild
#
# ![fehlt](bilder/gibt-es-nicht.png)
"""


def test_failing_lessons_are_named_and_the_rest_is_built(make_catalog, tmp_path):
    make_catalog({"9.1": GOOD, "9.2": BROKEN_RUN, "9.3": BROKEN_SOURCE})
    site, runs = tmp_path / "site", tmp_path / "runs"
    out = dlkurs("build", "--day", "9", "--out", str(site), "--runs", str(runs))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    failed_line = next(line for line in out.stderr.splitlines() if "Fehlgeschlagen:" in line)
    assert "9.2" in failed_line and "9.3" in failed_line and "9.1" not in failed_line
    assert "gibt-es-nicht.png" in out.stdout and "absichtlich" in out.stdout
    # 9.1 complete: page with its output and MathML, slides, both notebooks, search index
    page = (site / "lektionen" / "9.1_testlektion-9-1.html").read_text(encoding="utf-8")
    assert "hallo welt" in page and "<math" in page and "Probelauf" in page
    assert (site / "folien" / "9.1_testlektion-9-1.html").is_file()
    assert (site / "folien" / "reveal.js" / "dist" / "reveal.js").is_file()
    student = nbformat.read(site / "notebooks" / "aufgaben" / "tag9" / "9.1_testlektion-9-1.ipynb", as_version=4)
    assert student.metadata["dlkurs"]["variant"] == "student"
    assert all(not cell.get("outputs") for cell in student.cells if cell.cell_type == "code")
    assert (site / "notebooks" / "loesungen" / "tag9" / "9.1_testlektion-9-1.ipynb").is_file()
    assert "hallo welt" in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    # 9.2 ran and failed: its page is built and shows the error; 9.3 does not build: no page at all
    assert "absichtlich" in (site / "lektionen" / "9.2_testlektion-9-2.html").read_text(encoding="utf-8")
    assert not (site / "lektionen" / "9.3_testlektion-9-3.html").exists()
    assert not (site / "notebooks" / "aufgaben" / "tag9" / "9.3_testlektion-9-3.ipynb").exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "9.3 Testlektion 9.3" in index and 'href="lektionen/9.3' not in index
    # nothing a page loads comes from outside the folder
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", text), html
    # a second build into the same folder reuses the recorded runs: no lesson is executed again
    again = dlkurs("build", "9.1", "--out", str(site), "--runs", str(runs))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "jetzt ausgeführt" not in again.stdout
    assert json.loads((site / ".dlkurs-build.json").read_text(encoding="utf-8"))["lessons"]["9.1"]["built"]


def _recorded_run(runs: Path, lesson, profile: str, text: str, figures: dict, started: str) -> None:
    from dlkurs.build.notebook import build_notebook
    from dlkurs.run.results import LessonRun

    nb = build_notebook(lesson, "solution")
    code = next(cell for cell in nb.cells if cell.cell_type == "code")
    code.outputs = [new_output("stream", name="stdout", text=text)]
    folder = runs / profile
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{lesson.slug}.ipynb")
    run = LessonRun(lesson=lesson.id, title=lesson.title, profile=profile, backend="tensorflow",
                    figures=figures, files={"ipynb": str(folder / f"{lesson.slug}.ipynb")}, started=started)
    (folder / f"{lesson.slug}.json").write_text(json.dumps(run.to_json()), encoding="utf-8")


def test_full_run_outputs_are_preferred_and_figures_stand_beside_their_bands(make_catalog, tmp_path):
    from dlkurs.lessons import get
    from dlkurs.publish.builder import build

    make_catalog({"9.1": GOOD}, figures='figures = [{ name = "wert", label = "Ein Wert", band = [1, 5] }]')
    lesson = get("9.1")
    runs = tmp_path / "runs"
    _recorded_run(runs, lesson, "full", "aus dem vollen Lauf", {"wert": 3.0}, "2026-12-01T10:00:00+0000")
    _recorded_run(runs, lesson, "quick", "aus dem Probelauf", {"wert": 9.0}, "2026-12-02T10:00:00+0000")
    report = build([lesson], tmp_path / "site", runs_dir=runs, run_missing=False)
    (outcome,) = report.outcomes
    assert outcome.built and not outcome.failed and outcome.origin == "full" and not outcome.ran_now
    page = (tmp_path / "site" / "lektionen" / "9.1_testlektion-9-1.html").read_text(encoding="utf-8")
    assert "aus dem vollen Lauf" in page and "aus dem Probelauf" not in page
    assert "Ausgaben aus dem vollständigen Lauf" in page
    row = re.search(r"<tr>\s*<td>Ein Wert</td>(.*?)</tr>", page, re.S)
    assert row is not None, page
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells == ["3", "1 bis 5", "ja"]
    deck = (tmp_path / "site" / "folien" / "9.1_testlektion-9-1.html").read_text(encoding="utf-8")
    assert "aus dem vollen Lauf" in deck and '<html lang="de">' in deck


def test_without_a_run_and_with_no_run_the_page_says_it_has_no_outputs(make_catalog, tmp_path):
    from dlkurs.lessons import get
    from dlkurs.publish.builder import build

    make_catalog({"9.1": GOOD})
    report = build([get("9.1")], tmp_path / "site", runs_dir=tmp_path / "runs", run_missing=False)
    assert report.outcomes[0].origin == "none"
    page = (tmp_path / "site" / "lektionen" / "9.1_testlektion-9-1.html").read_text(encoding="utf-8")
    assert "Ohne Ausgaben" in page and "hallo welt" in page  # the code is there, its output is not


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "7.7"], "Unbekannte Lektion '7.7'"),
        (["build", "--day", "7"], "Tag 7 hat keine Lektionen"),
        (["build", "0.1", "--backend", "torch"], "Unbekanntes Backend 'torch'"),
    ],
)
def test_bad_input_is_one_german_line_and_exit_1(args, message, tmp_path):
    out = dlkurs(*args, "--out", str(tmp_path / "site"))
    assert out.returncode == 1
    assert message in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert not (tmp_path / "site").exists()


def test_unusable_output_folders_are_refused(tmp_path):
    a_file = tmp_path / "datei"
    a_file.write_text("x")
    out = dlkurs("build", "0.1", "--out", str(a_file / "site"))
    assert out.returncode == 1 and "lässt sich nicht anlegen" in out.stderr and "Traceback" not in out.stderr
    out = dlkurs("build", "0.1", "--out", str(a_file))
    assert out.returncode == 1 and "ist eine Datei" in out.stderr
    foreign = tmp_path / "fremd"
    foreign.mkdir()
    (foreign / "wichtig.txt").write_text("bleibt")
    out = dlkurs("build", "0.1", "--out", str(foreign))
    assert out.returncode == 1 and "enthält schon andere Dateien" in out.stderr
    assert (foreign / "wichtig.txt").read_text() == "bleibt"
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "gesperrt"
        locked.mkdir(mode=0o500)
        out = dlkurs("build", "0.1", "--out", str(locked / "site"))
        assert out.returncode == 1 and "nicht anlegen oder beschreiben" in out.stderr


def test_slide_markers_in_the_lesson_source_reach_the_deck(make_catalog, tmp_path):
    from dlkurs.build.notebook import build_notebook
    from dlkurs.lessons import get
    from dlkurs.publish.slides import export_slides

    make_catalog({"9.1": """\
        # %% [markdown]
        # # 9.1 Folien

        # %% [markdown] slideshow={"slide_type": "slide"}
        # Ein neuer Gedanke

        # %% slideshow={"slide_type": "skip"}
        versteckt = 1

        # %% [markdown] slideshow={"slide_type": "notes"}
        # Eine Sprechernotiz
        """})
    nb = build_notebook(get("9.1"), "solution")
    assert [c.metadata["slideshow"]["slide_type"] for c in slide_notebook(nb).cells] == ["slide", "slide", "skip",
                                                                                        "notes"]
    deck = export_slides(nb, title="9.1 Folien")
    assert "Ein neuer Gedanke" in deck and "versteckt" not in deck
    assert re.search(r'<aside class="notes">.*Eine Sprechernotiz', deck, re.S)

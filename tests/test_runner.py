import json

import nbformat

from dlkurs.lessons import get
from dlkurs.run.runner import DATA_MISSING, FAILED, PASSED, SKIPPED, TIMEOUT, latest_runs, run_lesson

GOOD = """\
# %% [markdown]
# # 9.1 Gut

# %%
import dlkurs
print("Profil:", dlkurs.profile())

# %%
dlkurs.report(genauigkeit=0.9)
"""

BROKEN = """\
# %% [markdown]
# # 9.2 Kaputt

# %%
x = 1

# %%
y = x / 0

# %%
print("nie erreicht")
"""

SLOW = """\
# %% [markdown]
# # 9.3 Langsam

# %%
import time
time.sleep(60)
"""

FIGURE = 'figures = [{ name = "genauigkeit", label = "Genauigkeit", band = [0.95, 1.0] }]'


def test_passing_lesson_writes_notebook_html_and_json(make_catalog, tmp_path):
    make_catalog({"9.1": GOOD}, figures=FIGURE)
    run = run_lesson(get("9.1"), profile="quick", out_dir=tmp_path)
    assert run.status == PASSED, run
    assert run.figures == {"genauigkeit": 0.9}
    assert run.bands["genauigkeit"] == {"band": [0.95, 1.0], "within": False}
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    assert "Profil: quick" in nb.cells[1].outputs[0]["text"]
    assert "<html" in (tmp_path / "9.1_testlektion-9-1.html").read_text(encoding="utf-8")
    saved = json.loads((tmp_path / "9.1_testlektion-9-1.json").read_text(encoding="utf-8"))
    assert saved["status"] == PASSED and saved["profile"] == "quick"


def test_full_profile_checks_the_band(make_catalog, tmp_path):
    make_catalog({"9.1": GOOD}, figures=FIGURE)
    run = run_lesson(get("9.1"), profile="full", out_dir=tmp_path)
    assert run.status == FAILED
    assert "außerhalb des Referenzbands" in run.problems[0]


def test_missing_figure_fails(make_catalog, tmp_path):
    make_catalog({"9.2": "# %% [markdown]\n# # 9.2\n\n# %%\nx = 1\n"}, figures=FIGURE)
    run = run_lesson(get("9.2"), out_dir=tmp_path)
    assert run.status == FAILED
    assert run.problems == ["Kennzahl 'genauigkeit' wurde nicht gemeldet."]


def test_failing_cell_is_named(make_catalog, tmp_path):
    make_catalog({"9.2": BROKEN})
    run = run_lesson(get("9.2"), out_dir=tmp_path)
    assert run.status == FAILED
    assert run.error.cell == 3
    assert run.error.ename == "ZeroDivisionError"
    assert "y = x / 0" in run.error.source
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    assert nb.cells[2].outputs[0]["output_type"] == "error"
    assert nb.cells[3].outputs == []


def test_time_budget_stops_the_lesson(make_catalog, tmp_path):
    make_catalog({"9.3": SLOW}, budget=3)
    run = run_lesson(get("9.3"), out_dir=tmp_path)
    assert run.status == TIMEOUT
    assert run.error.cell == 2 and "Zeitbudget von 3 s" in run.error.evalue


def test_backend_specific_lesson_is_skipped_on_other_backend(make_catalog, tmp_path):
    path = make_catalog({"9.1": GOOD})
    path.write_text(path.read_text() + 'backend = "tensorflow"\n')
    from dlkurs.catalog import _load_catalog

    _load_catalog.cache_clear()
    run = run_lesson(get("9.1"), backend="jax", out_dir=tmp_path)
    assert run.status == SKIPPED


def test_latest_runs_reads_back_results(make_catalog, tmp_path):
    make_catalog({"9.1": GOOD})
    run_lesson(get("9.1"), out_dir=tmp_path / "quick", html=False)
    latest = latest_runs(tmp_path)
    assert latest["9.1"].status == PASSED


def test_substitute_data_is_recorded_and_announced(make_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("DLKURS_DATA", str(tmp_path / "leer"))
    monkeypatch.setenv("DLKURS_OFFLINE", "1")
    make_catalog(
        {
            "9.1": "# %% [markdown]\n# # 9.1\n\n# %%\nfrom dlkurs.data import load\n"
            "(x, y), _ = load('mnist', allow_substitute=True)\nprint(x.shape)\n"
        }
    )
    run = run_lesson(get("9.1"), out_dir=tmp_path / "runs", html=False)
    assert run.status == PASSED, run.error
    assert [(n["event"], n["dataset"]) for n in run.data_notes] == [("substitute", "mnist")]
    saved = json.loads(open(run.files["json"], encoding="utf-8").read())
    assert saved["data_notes"][0]["dataset"] == "mnist"


def test_band_miss_on_stand_in_data_does_not_fail_the_lesson(make_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("DLKURS_DATA", str(tmp_path / "leer"))
    monkeypatch.setenv("DLKURS_OFFLINE", "1")
    make_catalog(
        {
            "9.1": "# %% [markdown]\n# # 9.1\n\n# %%\nimport dlkurs\nfrom dlkurs.data import load\n"
            "_ = load('mnist', allow_substitute=True)\ndlkurs.report(genauigkeit=0.5)\n"
        },
        figures=FIGURE,
    )
    run = run_lesson(get("9.1"), profile="full", out_dir=tmp_path / "runs", html=False)
    assert run.status == PASSED, run.problems
    assert run.stand_ins == ["mnist"]
    assert run.bands["genauigkeit"]["within"] is False  # still recorded, only not held against the lesson


MALFORMED = """\
# %% [markdown]
# # 9.2 Kaputte Quelle

# %%
### BEGIN SOLUTION x
x = 1
"""


def test_a_batch_goes_on_past_a_lesson_whose_source_does_not_build(make_catalog, tmp_path):
    from dlkurs.run.runner import run_lessons

    make_catalog({"9.1": GOOD, "9.2": MALFORMED, "9.3": GOOD.replace("9.1 Gut", "9.3 Gut")})
    runs = run_lessons([get("9.1"), get("9.2"), get("9.3")], profile="quick", out_dir=tmp_path, html=False)
    assert [run.status for run in runs] == [PASSED, FAILED, PASSED]
    broken = runs[1]
    assert broken.error.ename == "Lektionsquelle" and "lässt sich nicht in ein Notebook übersetzen" in broken.error.evalue
    saved = json.loads(open(broken.files["json"], encoding="utf-8").read())
    assert saved["status"] == FAILED and saved["error"]["ename"] == "Lektionsquelle"


def test_a_kernel_that_does_not_start_fails_only_that_lesson(make_catalog, tmp_path, monkeypatch):
    import dlkurs.run.runner as runner
    from dlkurs.build import kernel

    real = kernel.write_kernel_spec

    def broken_spec(kernels_dir):
        folder = real(kernels_dir)
        spec = json.loads((folder / "kernel.json").read_text())
        spec["argv"][0] = str(tmp_path / "kein-python")
        (folder / "kernel.json").write_text(json.dumps(spec))
        return folder

    make_catalog({"9.1": GOOD})
    monkeypatch.setattr(runner, "write_kernel_spec", broken_spec)
    run = run_lesson(get("9.1"), profile="quick", out_dir=tmp_path / "out", html=False)
    assert run.status == FAILED and run.error.ename == "Kernel", run
    assert "nicht starten" in run.error.evalue
    assert json.loads(open(run.files["json"], encoding="utf-8").read())["status"] == FAILED


def test_an_output_folder_that_cannot_be_made_is_the_lessons_failure(make_catalog, tmp_path):
    make_catalog({"9.1": GOOD})
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")
    run = run_lesson(get("9.1"), profile="quick", out_dir=blocker / "runs")
    assert run.status == FAILED and run.error.ename == "Ausgabeordner"
    assert "--out" in run.error.evalue and "datei" in run.error.evalue


NEEDS_REUTERS = """\
# %% [markdown]
# # 9.4 Braucht Reuters

# %%
import dlkurs
from dlkurs.data import load

# %%
(x, y), _ = load("reuters")

# %%
dlkurs.report(genauigkeit=0.99)
"""

PART_NEEDS_REUTERS = """\
# %% [markdown]
# # 9.5 Ein Teil braucht Reuters

# %%
import dlkurs
from dlkurs.data import load
dlkurs.report(genauigkeit=0.99)

# %% [markdown]
# ## Reuters-Teil

# %% tags=["daten:reuters"]
(x, y), _ = load("reuters")

# %% tags=["daten:reuters"]
print(len(x))

# %% [markdown]
# ## Danach

# %%
print("weiter nach dem Reuters-Teil")
"""


def _offline_empty_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLKURS_DATA", str(tmp_path / "leer"))
    monkeypatch.setenv("DLKURS_OFFLINE", "1")
    monkeypatch.delenv("DLKURS_FIXTURES", raising=False)


def test_missing_data_is_its_own_status_with_the_remedy(make_catalog, tmp_path, monkeypatch):
    _offline_empty_data_home(tmp_path, monkeypatch)
    make_catalog({"9.4": NEEDS_REUTERS}, figures=FIGURE)
    run = run_lesson(get("9.4"), out_dir=tmp_path / "runs", html=False)
    assert run.status == DATA_MISSING and not run.ok
    assert run.error.cell == 3 and run.error.ename == "DatasetNotAvailable"
    assert run.problems == []  # the unreported figure is not held against it: the data is missing
    assert list(run.missing_data) == ["reuters"]
    assert "Daten-Paket" in run.missing_data["reuters"]
    # the learner (and the executed notebook) see the German message, not a traceback through dlkurs
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    error = nb.cells[2].outputs[-1]
    assert error["output_type"] == "error"
    shown = "\n".join(error["traceback"])
    assert "Kursdaten fehlen" in shown and "reuters" in shown
    assert "File " not in shown and "store.py" not in shown and len(error["traceback"]) == 2


def test_a_part_that_needs_missing_data_is_skipped_and_the_rest_runs(make_catalog, tmp_path, monkeypatch):
    _offline_empty_data_home(tmp_path, monkeypatch)
    make_catalog({"9.5": PART_NEEDS_REUTERS}, figures=FIGURE)
    run = run_lesson(get("9.5"), out_dir=tmp_path / "runs", html=False)
    assert run.status == DATA_MISSING, (run.error, run.problems)
    assert run.error is None
    assert run.skipped_parts == [{"dataset": "reuters", "cells": [4, 5], "title": "Reuters-Teil"}]
    assert run.figures == {"genauigkeit": 0.99}
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    assert "weiter nach dem Reuters-Teil" in nb.cells[-1].outputs[0]["text"]
    assert nb.cells[4].outputs == []  # skipped, not executed


def test_a_data_error_in_a_part_tagged_for_other_data_is_not_skipped(make_catalog, tmp_path, monkeypatch):
    _offline_empty_data_home(tmp_path, monkeypatch)
    make_catalog({"9.5": PART_NEEDS_REUTERS.replace("daten:reuters", "daten:cifar10")})
    run = run_lesson(get("9.5"), out_dir=tmp_path / "runs", html=False)
    assert run.status == DATA_MISSING and run.error.cell == 4
    assert run.skipped_parts == []


def test_summary_and_exit_code_tell_missing_data_from_failure(make_catalog, tmp_path, monkeypatch):
    from rich.console import Console

    from dlkurs.cli.runview import exit_code, print_summary

    _offline_empty_data_home(tmp_path, monkeypatch)
    make_catalog({"9.5": PART_NEEDS_REUTERS, "9.2": BROKEN})
    runs = [run_lesson(get(i), out_dir=tmp_path / "runs", html=False) for i in ("9.5", "9.2")]
    console = Console(record=True, width=200)
    print_summary(console, runs, tmp_path / "runs")
    text = console.export_text()
    assert "Daten fehlen: reuters – dlkurs data download reuters" in text
    assert "Teil „Reuters-Teil“ (Zellen 4–5) übersprungen – er braucht reuters" in text
    assert exit_code(runs[:1]) == 3 and exit_code(runs) == 1


def test_run_says_in_one_line_when_its_folder_cannot_be_made(tmp_path):
    import subprocess
    import sys

    blocker = tmp_path / "datei"
    blocker.write_text("x")
    proc = subprocess.run([sys.executable, "-m", "dlkurs", "run", "0.1", "--out", str(blocker / "runs")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    said = " ".join((proc.stdout + proc.stderr).split())
    assert "ist eine Datei, kein Ordner" in said and "--out oder DLKURS_RUNS" in said
    assert "Traceback" not in said


def test_summary_shows_each_figure_with_german_label_number_and_band(make_catalog, tmp_path):
    from rich.console import Console

    from dlkurs.cli.runview import print_summary

    make_catalog({"9.1": GOOD}, figures=FIGURE)
    run = run_lesson(get("9.1"), profile="full", out_dir=tmp_path, html=False)
    console = Console(record=True, width=200)
    print_summary(console, [run], tmp_path)
    text = console.export_text()
    assert "Genauigkeit: 0,9 [0,95–1] ✗" in text
    assert "genauigkeit=" not in text


SAVES = """\
# %% [markdown]
# # 9.6 Speichert

# %%
from dlkurs.settings import workspace_dir
datei = workspace_dir() / "modelle" / "netz.txt"
datei.parent.mkdir(parents=True, exist_ok=True)
datei.write_text("aus 9.6")
"""

READS = """\
# %% [markdown]
# # 9.7 Liest

# %%
from dlkurs.settings import workspace_dir
print("gefunden:", (workspace_dir() / "modelle" / "netz.txt").read_text())
"""


def test_lessons_share_a_workspace_in_the_run_folder_and_never_touch_the_learners(make_catalog, tmp_path,
                                                                                  monkeypatch):
    lernende = tmp_path / "lernende"
    (lernende / "modelle").mkdir(parents=True)
    (lernende / "modelle" / "netz.txt").write_text("trainiert von der Lernenden")
    monkeypatch.setenv("DLKURS_WORKSPACE", str(lernende))
    make_catalog({"9.6": SAVES, "9.7": READS})
    out = tmp_path / "runs"
    assert run_lesson(get("9.6"), out_dir=out, html=False).status == PASSED
    run = run_lesson(get("9.7"), out_dir=out, html=False)
    assert run.status == PASSED, run.error
    nb = nbformat.read(run.files["ipynb"], as_version=4)
    assert "gefunden: aus 9.6" in nb.cells[1].outputs[0]["text"]
    assert (out / "arbeitsordner" / "modelle" / "netz.txt").read_text() == "aus 9.6"
    assert (lernende / "modelle" / "netz.txt").read_text() == "trainiert von der Lernenden"

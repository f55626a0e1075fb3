import json

import nbformat

from dlkurs.lessons import get
from dlkurs.run.runner import FAILED, PASSED, SKIPPED, TIMEOUT, latest_runs, run_lesson

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

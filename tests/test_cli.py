"""The `dlkurs` command as a user calls it: a real process, German output, no tracebacks."""

import json
import os
import subprocess
import sys

import nbformat
import pytest

DLKURS = [sys.executable, "-m", "dlkurs"]


def dlkurs(*args, env=None, timeout=300):
    full_env = dict(os.environ, COLUMNS="160", **(env or {}))
    return subprocess.run(
        DLKURS + list(args), capture_output=True, text=True, env=full_env, timeout=timeout
    )


def test_help_imports_no_tensorflow():
    """What keeps `dlkurs --help` fast (timed in tools/benchmark_startup.py): no heavy import."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dlkurs", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "doctor" in out.stdout and "run" in out.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert not imported & {"tensorflow", "keras", "jax", "nbclient", "nbconvert", "numpy"}


def test_list_shows_lessons_by_day():
    out = dlkurs("list")
    assert out.returncode == 0
    assert "Jupyter & Markdown" in out.stdout and "Einrichtung" in out.stdout
    rows = json.loads(dlkurs("list", "--json").stdout)["lessons"]
    assert rows[0]["id"] == "0.1" and rows[0]["status"] is None
    assert {"minutes", "minutes_deep"} <= set(rows[0])


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "7.7"], "Unbekannte Lektion '7.7'"),
        (["run"], "Keine Lektion gewählt"),
        (["run", "0.1", "--profile", "schnell"], "Unbekanntes Profil 'schnell'"),
        (["run", "0.1", "--backend", "torch"], "Unbekanntes Backend 'torch'"),
        (["start", "7.7", "--no-launch"], "Unbekannte Lektion '7.7'"),
    ],
)
def test_usage_errors_are_german_and_without_traceback(args, message):
    out = dlkurs(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_run_failing_lesson_names_lesson_and_cell(make_catalog, tmp_path):
    make_catalog(
        {
            "9.1": "# %% [markdown]\n# # 9.1 Gut\n\n# %%\nx = 1\n",
            "9.2": "# %% [markdown]\n# # 9.2 Kaputt\n\n# %%\nx = 1\n\n# %%\nraise ValueError('absichtlich')\n",
        }
    )
    out = dlkurs("run", "--day", "9", "--out", str(tmp_path))
    assert out.returncode == 1
    assert "Lektion 9.2, Zelle 3:" in out.stdout and "ValueError: absichtlich" in out.stdout
    assert "bestanden" in out.stdout and "fehlgeschlagen" in out.stdout
    # not a terminal: one line per finished lesson, in order, instead of a live bar
    assert out.stdout.index("[1/2] 9.1") < out.stdout.index("[2/2] 9.2")
    for stem in ("9.1_testlektion-9-1", "9.2_testlektion-9-2"):
        for suffix in (".ipynb", ".html", ".json"):
            assert (tmp_path / "quick" / (stem + suffix)).exists()


def test_run_json_summary(make_catalog, tmp_path):
    make_catalog({"9.1": "# %% [markdown]\n# # 9.1\n\n# %%\nimport dlkurs\ndlkurs.report(wert=3)\n"})
    out = dlkurs("run", "9.1", "--out", str(tmp_path), "--json")
    assert out.returncode == 0
    (result,) = json.loads(out.stdout)
    assert result["status"] == "passed" and result["figures"] == {"wert": 3.0}


def test_start_twice_keeps_the_learners_edit(tmp_path):
    folder = tmp_path / "ws"
    first = dlkurs("start", "--no-launch", "--folder", str(folder))
    assert first.returncode == 0, first.stderr
    assert "später mit: dlkurs start" in first.stdout
    path = folder / "tag1" / "1.2_jupyter-markdown.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source += "\n# meine Änderung"
    nbformat.write(nb, path)
    second = dlkurs("start", "--no-launch", "--folder", str(folder))
    assert second.returncode == 0
    assert "# meine Änderung" in nbformat.read(path, as_version=4).cells[1].source
    assert "Arbeitsordner" in second.stdout
    said = " ".join(second.stdout.split())
    assert "Von dir bearbeitet und unverändert behalten: 1.2_jupyter-markdown.ipynb" in said


def test_start_says_how_much_course_data_is_missing(tmp_path):
    out = dlkurs("start", "--no-launch", "--folder", str(tmp_path / "ws"), env={"DLKURS_DATA": str(tmp_path / "leer")})
    said = " ".join(out.stdout.split())
    assert out.returncode == 0
    assert "Kursdaten: 0 von 14 vorhanden – es fehlen: mnist" in said and "dlkurs data import" in said


def test_doctor_passes_here_with_a_german_table():
    out = dlkurs("doctor")
    assert out.returncode == 0, out.stdout + out.stderr
    for word in ("Prüfung", "Python", "Keras", "Backend", "NumPy", "JupyterLab", "GPU", "Arbeitsspeicher"):
        assert word in out.stdout
    assert "Bereit für den Kurs" in out.stdout
    data = json.loads(dlkurs("doctor", "--json").stdout)
    assert data["ok"] is True and any(c["name"] == "Backend" for c in data["checks"])


def _without_jax(tmp_path) -> dict:
    """Hide an installed JAX: a package of that name that fails to import, first on the path."""
    (tmp_path / "jax").mkdir()
    (tmp_path / "jax" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'jax'\", name='jax')\n", encoding="utf-8"
    )
    return {"PYTHONPATH": os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH", "")) if p)}


def test_doctor_without_the_chosen_backend_names_the_remedy(tmp_path):
    out = dlkurs("doctor", env={"KERAS_BACKEND": "jax", **_without_jax(tmp_path)})
    assert out.returncode == 1
    # this checkout was installed with `pip install -e`: the remedy says so
    assert '[jax]"' in out.stdout and "pip install -e" in out.stdout and "Nicht bereit" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_run_with_jax_backend_but_no_jax_says_so_before_running(tmp_path):
    out = dlkurs("run", "0.1", "--backend", "jax", "--out", str(tmp_path / "runs"), env=_without_jax(tmp_path))
    said = " ".join((out.stdout + out.stderr).split())
    assert out.returncode == 2
    assert "Das Backend 'jax' ist nicht installiert" in said and "pip install -e" in said
    assert not (tmp_path / "runs" / "quick" / "work").exists()  # no lesson was started


def test_data_home_that_is_a_file_is_named_as_such_everywhere(tmp_path):
    afile = tmp_path / "daten.txt"
    afile.write_text("kein Ordner")
    env = {"DLKURS_DATA": str(afile)}
    doctor = dlkurs("doctor", env=env)
    assert doctor.returncode == 1 and "ist eine Datei, kein Ordner" in " ".join(doctor.stdout.split())
    for args in (("data", "import", str(tmp_path)), ("data", "status"), ("data", "download", "mnist")):
        out = dlkurs(*args, env=env)
        said = " ".join((out.stdout + out.stderr).split())
        assert out.returncode == 1, args
        assert "ist eine Datei, kein Ordner" in said and "DLKURS_DATA" in said and "Errno" not in said, said
    below = dlkurs("data", "status", env={"DLKURS_DATA": str(afile / "unter")})
    assert f"{afile} ist eine Datei, kein Ordner" in " ".join((below.stdout + below.stderr).split())


def test_doctor_with_unknown_backend_names_the_remedy():
    out = dlkurs("doctor", "--json", env={"KERAS_BACKEND": "quatsch"})
    assert out.returncode == 1
    data = json.loads(out.stdout)
    failing = [c for c in data["checks"] if c["status"] == "fehler"]
    assert failing and "KERAS_BACKEND" in failing[0]["remedy"]


def test_help_screens_speak_german():
    out = dlkurs("run", "--help")
    assert out.returncode == 0
    assert "Diese Hilfe zeigen und beenden." in out.stdout and "Optionen" in out.stdout
    assert "Show this message" not in out.stdout and "[default:" not in out.stdout


def test_run_honours_dlkurs_profile(make_catalog, tmp_path):
    make_catalog({"9.1": "# %% [markdown]\n# # 9.1\n\n# %%\nimport dlkurs\nprint(dlkurs.profile())\n"})
    out = dlkurs("run", "9.1", "--out", str(tmp_path), "--json", env={"DLKURS_PROFILE": "full"})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["profile"] == "full"
    assert (tmp_path / "full").is_dir()

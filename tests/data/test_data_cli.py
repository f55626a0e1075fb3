"""`dlkurs data …` as a trainer and a learner use it: German output, exit codes, no tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers import SHARED_NAMES, needs_shared, run_cli
from dlkurs.cli.app import app

runner = CliRunner()


@needs_shared
def test_import_of_shared_folder_by_cli(cli_import):
    home, proc = cli_import
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name in SHARED_NAMES:
        assert name in out
    assert out.count("importiert") >= len(SHARED_NAMES)
    assert "Nicht benötigt (übersprungen): 3 Datei(en)" in out
    assert "Traceback" not in out + proc.stderr


@needs_shared
def test_status_json_shows_imported_datasets_verified(shared_home):
    proc = run_cli("data", "status", "--json", home=shared_home)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["data_home"] == str(shared_home)
    rows = {r["name"]: r for r in report["datasets"]}
    assert all(rows[n]["verified"] and rows[n]["state"] == "ok" for n in SHARED_NAMES)
    assert not any(rows[n]["verified"] for n in ("reuters", "cifar10", "jena_climate", "greensboro_tmy3", "vgg16_notop",
                                                 "mobilenet_v3_small_notop"))


@needs_shared
def test_status_table_is_german(use_shared_home):
    result = runner.invoke(app, ["data", "status"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for word in ("Kursdaten", "Vorhanden", "Geprüft", "Quelle", "Datenordner", "eingebettet", "nur Daten-Paket"):
        assert word in result.output
    assert "Es fehlen: reuters, cifar10, jena_climate, greensboro_tmy3, vgg16_notop, mobilenet_v3_small_notop" in result.output


def test_offline_download_exits_nonzero_without_traceback(tmp_path):
    proc = run_cli("data", "download", "reuters", home=tmp_path)
    assert proc.returncode == 1
    text = proc.stdout + proc.stderr
    assert "Fehler" in text and "reuters" in text and "dlkurs data import" in text
    assert "Traceback" not in text


def test_learner_load_offline_raises_the_specific_exception(tmp_path):
    code = ("import dlkurs.data as d\ntry:\n    d.load('reuters')\nexcept d.DatasetNotAvailable as e:\n"
            "    print(type(e).__name__)\n    print(e)\n")
    import os
    import subprocess
    import sys

    env = dict(os.environ, DLKURS_DATA=str(tmp_path), DLKURS_OFFLINE="1")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("DatasetNotAvailable\nDer Datensatz 'reuters'")
    assert "dlkurs data import PAKET.zip" in proc.stdout


def test_unknown_dataset_is_a_usage_error():
    result = runner.invoke(app, ["data", "download", "mnits"])
    assert result.exit_code == 2
    assert "Unbekannter Datensatz 'mnits'" in result.output


def test_download_needs_names_or_all():
    result = runner.invoke(app, ["data", "download"])
    assert result.exit_code == 2 and "--all" in result.output


def test_data_home_option(tmp_path):
    target = tmp_path / "anderer-ordner"
    result = runner.invoke(app, ["data", "status", "--json", "--data-home", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["data_home"] == str(target.resolve())
    result = runner.invoke(app, ["data", "--data-home", str(target), "status", "--json"])
    assert json.loads(result.output)["data_home"] == str(target.resolve())


@needs_shared
def test_export_and_import_by_cli(shared_home, tmp_path):
    bundle = tmp_path / "paket.zip"
    result = runner.invoke(app, ["data", "export", str(bundle), "titanic", "faust", "--data-home", str(shared_home)])
    assert result.exit_code == 0, result.output
    assert "Daten-Paket geschrieben" in result.output and bundle.exists()
    target = tmp_path / "neu"
    result = runner.invoke(app, ["data", "import", str(bundle), "--data-home", str(target)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.count("importiert") == 2
    result = runner.invoke(app, ["data", "status", "titanic", "--json", "--data-home", str(target)])
    assert json.loads(result.output)["datasets"][0]["verified"] is True


def test_import_of_folder_without_course_data_fails(tmp_path):
    (tmp_path / "leer").mkdir()
    result = runner.invoke(app, ["data", "import", str(tmp_path / "leer")])
    assert result.exit_code == 1 and "keine Kursdaten" in result.output


@needs_shared
def test_status_exit_code_reports_corruption(make_home, flip):
    home = make_home("titanic")
    flip(home / "titanic" / "train.csv")
    result = runner.invoke(app, ["data", "status", "titanic"], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "beschädigt" in result.output
    assert "4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7" in result.output


def test_main_help_lists_the_data_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "data" in result.output
    result = runner.invoke(app, ["data", "--help"])
    for command in ("status", "download", "export", "import"):
        assert command in result.output


@pytest.mark.parametrize("args", [["data", "export", "x.zip", "reuters"]])
def test_export_of_missing_dataset_fails_cleanly(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "reuters" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

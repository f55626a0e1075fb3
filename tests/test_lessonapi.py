import json

import pytest

import dlkurs


def test_profile_defaults_to_full_for_learners():
    assert dlkurs.profile() == "full"
    assert dlkurs.pick(quick=1, full=5) == 5


def test_profile_from_environment(monkeypatch):
    monkeypatch.setenv("DLKURS_PROFILE", "quick")
    assert dlkurs.profile() == "quick"
    assert dlkurs.pick(quick=1, full=5) == 1


def test_unknown_profile_is_named(monkeypatch):
    monkeypatch.setenv("DLKURS_PROFILE", "schnell")
    with pytest.raises(ValueError, match="schnell"):
        dlkurs.profile()


def test_report_writes_json_lines(tmp_path, monkeypatch, capsys):
    import numpy as np

    target = tmp_path / "figures.jsonl"
    monkeypatch.setenv("DLKURS_RESULTS", str(target))
    dlkurs.report(test_accuracy=np.float32(0.975), loss=0.1)
    dlkurs.report(test_accuracy=0.98)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["figures"] for line in lines] == [
        {"test_accuracy": pytest.approx(0.975), "loss": 0.1},
        {"test_accuracy": 0.98},
    ]
    assert "Kennzahlen dieser Lektion" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["0.9", None, float("nan"), [0.9]])
def test_report_rejects_non_numbers(bad):
    with pytest.raises((TypeError, ValueError), match="report"):
        dlkurs.report(test_accuracy=bad)


def test_import_dlkurs_does_not_import_tensorflow():
    import subprocess
    import sys

    code = "import sys, dlkurs; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_report_shows_the_lessons_german_labels_and_numbers(monkeypatch, capsys):
    from dlkurs import lessonapi

    monkeypatch.delenv("DLKURS_RESULTS", raising=False)
    monkeypatch.setattr(lessonapi, "_LESSON", "1.5")
    dlkurs.report(test_accuracy=0.97812, dense_parameter=60000)
    shown = capsys.readouterr().out
    label = next(f.label for f in __import__("dlkurs.catalog").catalog.get("1.5").figures if f.name == "test_accuracy")
    assert label in shown and "0,9781" in shown and "60.000" in shown
    assert "test_accuracy" not in shown and "6e+04" not in shown
    assert "dense_parameter" in shown  # a figure without a label keeps its name


@pytest.mark.parametrize(
    "value, text",
    [(0.97812, "0,9781"), (60000.0, "60.000"), (7.4e-05, "7,4·10⁻⁵"), (59.2411, "59,24"), (-0.5, "-0,5"), (3.0, "3")],
)
def test_german_number(value, text):
    from dlkurs.lessonapi import german_number

    assert german_number(value) == text

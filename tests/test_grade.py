"""Class grading (`dlkurs grade`): a made-up class of 30+ notebooks of lesson 1.3, graded once in parallel.

The class (tests/grade_class.py) holds honest notebooks (correct, partly
correct, empty, wrong), broken ones (syntax error, exception, sys.exit, a
kernel crash), misbehaving ones (endless loops, an uninterruptible one, a
hanging function, memory bombs, network access, a background process) and
cheating ones (redefined check, patched verdict class, patched grading helper,
writes to the grader's files, printed "richtig", faked stored outputs).
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from grade_class import EXERCISES, expected_verdicts, make_class
from helpers import SHARED

from dlkurs.grade import batch, report, wire
from dlkurs.grade.execute import CRASHED, DONE, TIMED_OUT, Isolation, Limits

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs a POSIX system")

LIMITS = Limits(notebook_seconds=150, cell_seconds=20, memory_mb=3072)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Listener:
    """A TCP server on 127.0.0.1 that counts who connects (a notebook in the sandbox must not)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.sock.close()


def _sleepers() -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:2] == [b"sleep", b"4242"]:
                    found.append(int(pid))
            except OSError:
                continue
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory, request):
    """The class, graded once (2 notebooks at a time), with everything needed to judge the result."""
    root = tmp_path_factory.mktemp("klasse")
    out = tmp_path_factory.mktemp("bewertung")
    full = SHARED is not None
    if full:
        data_home = request.getfixturevalue("shared_home")
    else:
        data_home = tmp_path_factory.mktemp("leer-daten")
    data_file = Path(data_home) / "unantastbar-grade-test.txt"
    data_file.write_text("Kursdaten", encoding="utf-8")
    # a file outside /tmp that a notebook tries to change (tests/ of this repo)
    sentinel = Path(__file__).resolve().parent / f".grade-sentinel-{os.getpid()}"
    sentinel.write_text("unverändert", encoding="utf-8")
    protected = {p: _sha(p) for p in (sentinel, data_file)}
    listener = _Listener()
    secret = [out, root / "einreichungen" / "richtig_1" / "1.3_tensoren.ipynb"]
    learners = make_class(root / "einreichungen", port=listener.port, sentinel=sentinel, secret=secret, full=full)
    submissions = batch.find(root / "einreichungen")
    settings = batch.Settings(limits=LIMITS, profile="quick", data_home=str(data_home))
    started = time.monotonic()
    try:
        outcomes, isolation = batch.run(submissions, out, settings=settings, jobs=2)
        seconds = time.monotonic() - started
        after = {p: (p.exists() and _sha(p)) for p in protected}
        leftovers = _sleepers()
    finally:
        listener.close()
        sentinel.unlink(missing_ok=True)
        data_file.unlink(missing_ok=True)
    csv_path, html_path = report.write(outcomes, out, isolation=isolation, settings=settings.to_json(), seconds=seconds)
    print(f"\n{len(outcomes)} Notebooks in {seconds:.1f} s bewertet (2 parallel)")
    return {
        "learners": {item.name: item for item in learners},
        "outcomes": {o.learner: o for o in outcomes},
        "isolation": isolation,
        "seconds": seconds,
        "protected": protected,
        "after": after,
        "listener": listener,
        "leftovers": leftovers,
        "out": out,
        "submissions": submissions,
        "settings": settings,
        "csv": csv_path,
        "html": html_path,
        "sentinel_dir": sentinel.parent,
    }


def test_the_batch_completes_with_every_notebook(graded):
    assert len(graded["outcomes"]) == len(graded["learners"]) >= 30
    for name, outcome in graded["outcomes"].items():
        assert set(outcome.verdicts) == set(EXERCISES), name


def test_this_machine_gives_the_full_sandbox(graded):
    """CI runs as root on Linux: network namespace and file-system view of its own must work there."""
    isolation = graded["isolation"]
    if os.getuid() != 0:
        pytest.skip("the full sandbox needs root (CI runs as root)")
    assert isolation.network and isolation.filesystem


def _died_of_its_memory_bomb(learner, outcome, exercise) -> bool:
    """Whether the kernel died under its memory limit before ``exercise`` (then it is not graded).

    The second bomb fills memory up to the limit in 256 MB steps; whether the
    kernel survives that with a MemoryError or dies (another of its threads
    fails to allocate) depends on timing. Both are correct behaviour of the
    grader: the notebook's report line says which.
    """
    died = any("Speicherlimit" in event and "abgestürzt" in event for event in outcome.events)
    return learner.kind == "Speicher" and died and exercise != "form_farbbilder"


def test_honest_scores_equal_the_exercises_verdicts(graded):
    for name, learner in graded["learners"].items():
        if learner.flagged:
            continue
        outcome = graded["outcomes"][name]
        for exercise, (status, message) in expected_verdicts(learner).items():
            got = outcome.verdicts[exercise]
            if _died_of_its_memory_bomb(learner, outcome, exercise) and got["status"] != status:
                assert got["status"] == "noch nicht bearbeitet" and "brach vorher ab" in got["message"], got
                continue
            assert got["status"] == status, (name, exercise, got, outcome.events)
            if message is not None:
                assert got["message"] == message, (name, exercise)
            assert got["points"] == (1 if status == "richtig" else 0)
        assert not outcome.flags, (name, outcome.flags)


def test_fakes_and_tampering_score_nothing_for_the_faked_parts_and_are_flagged(graded):
    fakes = [learner for learner in graded["learners"].values() if learner.flagged]
    assert len(fakes) >= 5
    for learner in fakes:
        outcome = graded["outcomes"][learner.name]
        assert outcome.flags, learner.name
        for exercise, (status, _message) in expected_verdicts(learner).items():
            assert outcome.verdicts[exercise]["status"] == status, (learner.name, exercise, outcome.verdicts[exercise])
    faked = graded["outcomes"]["ausgabe_gefaelscht"]
    assert sum(v["points"] for v in faked.verdicts.values()) == 0
    assert any("eingereichte Ausgabe" in f for f in faked.flags)
    printed = graded["outcomes"]["richtig_gedruckt"]
    assert printed.verdicts["mitte"]["points"] == 0 and printed.verdicts["form_farbbilder"]["points"] == 1
    assert any("mitte" in f or "keine Aufgabe" in f for f in printed.flags)
    patched = graded["outcomes"]["verdict_gepatcht"]
    assert sum(v["points"] for v in patched.verdicts.values()) == 0
    assert any("greift in die Prüfung ein" in f for f in patched.flags)


def test_nothing_escapes_the_sandbox(graded):
    assert graded["after"] == graded["protected"], "a notebook changed a file outside its scratch folder"
    assert not (graded["sentinel_dir"] / "dlkurs-entkommen.txt").exists()
    assert not Path("/tmp/dlkurs-entkommen.txt").exists()
    files = graded["outcomes"]["dateien_der_bewertung"]
    assert files.verdicts["form_farbbilder"]["status"] == "richtig", files.verdicts["form_farbbilder"]
    if graded["isolation"].network:
        assert graded["listener"].connections == 0
        assert graded["outcomes"]["netzwerk"].verdicts["form_farbbilder"]["status"] == "richtig"
    assert graded["leftovers"] == [], "a background process of a notebook outlived its grading"


def test_each_misbehaviour_is_a_report_line_with_its_reason(graded):
    outcomes = graded["outcomes"]

    def events(name: str) -> str:
        return " ".join(outcomes[name].events)

    assert "SyntaxError" in events("syntaxfehler")
    assert "ZeroDivisionError" in events("ausnahme")
    assert "Zeitlimit" in events("endlosschleife") and outcomes["endlosschleife"].status == DONE
    assert outcomes["unterbrechungsfest"].status == TIMED_OUT
    assert "MemoryError" in events("speicherbombe")
    assert "SystemExit" in events("sys_exit") or outcomes["sys_exit"].status == DONE
    assert outcomes["kernel_absturz"].status == CRASHED and "abgestürzt" in events("kernel_absturz")
    assert "Zeitlimit von 5 s" in outcomes["haengende_funktion"].verdicts["mitte"]["message"]
    for name in ("ausnahme", "endlosschleife", "speicherbombe", "sys_exit"):
        learner = graded["learners"][name]
        assert all(v["status"] == "richtig" for ex, v in outcomes[name].verdicts.items()
                   if not _died_of_its_memory_bomb(learner, outcomes[name], ex)), (name, outcomes[name].verdicts)


def test_report_files(graded):
    import csv

    rows = list(csv.DictReader(graded["csv"].open(encoding="utf-8")))
    assert len(rows) == 3 * len(graded["outcomes"])
    assert {"teilnehmer", "aufgabe", "status", "punkte"} <= set(rows[0])
    right = [r for r in rows if r["teilnehmer"] == "richtig_1"]
    assert [r["punkte"] for r in right] == ["1", "1", "1"]
    page = graded["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "lang='de'" in page
    assert "data:image/png;base64," in page and "Klassenübersicht" in page
    assert "häufigste Fehlermeldungen" in page and "auffällig" in page
    assert "Form (128, 3, 32, 32)" in page or "channels_first" in page  # a common wrong message is shown
    assert "http://" not in page and "https://" not in page  # works offline


def test_resume_grades_nothing_twice(graded):
    started = time.monotonic()
    seen = []
    outcomes, _ = batch.run(graded["submissions"], graded["out"], settings=graded["settings"], jobs=2,
                            isolation=graded["isolation"], on_done=lambda o, resumed: seen.append(resumed))
    assert len(outcomes) == len(graded["outcomes"]) and all(seen)
    assert time.monotonic() - started < 10


# -- small parts, no kernel ------------------------------------------------------------------------

def test_wire_roundtrip_of_plain_data():
    import numpy as np

    from dlkurs.exercises import ___

    value = {"a": (1, 2.5, -3j, None, True), "b": [np.arange(6, dtype=np.int16).reshape(2, 3), np.float32(1.5)],
             "c": {1, 2}, "d": b"xy", "e": ___, 7: "sieben"}
    back = wire.roundtrip(value)
    assert back["a"] == (1, 2.5, -3j, None, True) and back["c"] == {1, 2} and back["d"] == b"xy"
    assert back["b"][0].dtype == np.int16 and back["b"][0].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert isinstance(back["b"][1], np.float32) and back["e"] is ___ and back[7] == "sieben"
    opaque = wire.roundtrip(object())
    assert isinstance(opaque, wire.Opaque) and type(opaque).__name__ == "object"


def test_wire_never_unpickles(tmp_path):
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, __manifest__=np.frombuffer(b'{"t": "array", "a": "x"}', dtype=np.uint8),
             x=np.array([object()], dtype=object))
    with pytest.raises(wire.WireError):
        tree, arrays = wire.unpack(buffer.getvalue())
        wire.Decoder(arrays).decode(tree)
    with pytest.raises(wire.WireError):
        wire.unpack(b"kein zip")


def test_isolation_notes_say_what_is_missing():
    notes = " ".join(Isolation(network=None, user=False, filesystem=False).notes())
    assert "Netzwerk: NICHT gesperrt" in notes and "Dateien: NICHT geschützt" in notes
    notes = " ".join(Isolation(network="netns", filesystem=True).notes())
    assert "NICHT" not in notes


def test_submissions_from_zip_and_named_files(tmp_path):
    import zipfile

    import nbformat

    folder = tmp_path / "klasse"
    folder.mkdir()
    for name in ("anna", "ben"):
        nbformat.write(nbformat.v4.new_notebook(), folder / f"{name}.ipynb")
    (folder / "notizen.txt").write_text("x")
    found = batch.find(folder)
    assert [j.learner for j in found.jobs] == ["anna", "ben"] and all(j.folder is None for j in found.jobs)
    archive = tmp_path / "klasse.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("klasse/carla/1.3.ipynb", nbformat.writes(nbformat.v4.new_notebook()))
        zf.writestr("klasse/dora/1.3.ipynb", nbformat.writes(nbformat.v4.new_notebook()))
        zf.writestr("../boese.ipynb", "{}")
    found = batch.find(archive)
    try:
        assert [j.learner for j in found.jobs] == ["carla", "dora"]
        assert not (tmp_path / "boese.ipynb").exists()
    finally:
        found.cleanup()
    with pytest.raises(batch.SubmissionError, match="keine Notebooks"):
        batch.find(tmp_path / "klasse" / "leer" if (tmp_path / "klasse" / "leer").mkdir() is None else tmp_path)


# -- the command -------------------------------------------------------------------------------------

def _dlkurs(*args, env=None, timeout=600):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "dlkurs", *args], capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, COLUMNS="160", **(env or {})))


def test_cli_german_errors_exit_1(tmp_path):
    missing = _dlkurs("grade", str(tmp_path / "gibt-es-nicht"))
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "leer").mkdir()
    empty = _dlkurs("grade", str(tmp_path / "leer"), "--out", str(tmp_path / "o"))
    assert empty.returncode == 1 and "keine Notebooks" in empty.stderr
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    unwritable = _dlkurs("grade", str(tmp_path / "leer"), "--out", str(blocker / "bericht"))
    assert unwritable.returncode == 1 and "lässt sich nicht schreiben" in unwritable.stderr
    lesson = _dlkurs("grade", str(tmp_path / "leer"), "--lesson", "9.9", "--out", str(tmp_path / "o"))
    assert lesson.returncode == 1 and "keine Aufgaben" in lesson.stderr and "Traceback" not in lesson.stderr


def test_cli_grades_a_zip_and_resumes(tmp_path):
    import zipfile

    import nbformat
    from grade_class import RIGHT, WRONG, fill, student_notebook

    archive = tmp_path / "klasse.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("anna.ipynb", nbformat.writes(fill(student_notebook(), dict(RIGHT))))
        zf.writestr("ben.ipynb", nbformat.writes(fill(student_notebook(), dict(WRONG))))
    out = tmp_path / "bericht"
    args = ("grade", str(archive), "--out", str(out), "--jobs", "2", "--profile", "quick", "--time-cell", "60")
    first = _dlkurs(*args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "2 Notebooks bewertet" in first.stdout and "3 von 6 Aufgaben gelöst" in first.stdout
    assert (out / "bewertung.html").is_file() and (out / "bewertung.csv").is_file()
    again = _dlkurs(*args)
    assert again.returncode == 0 and "2 von 2 Notebooks waren schon bewertet" in again.stdout


def test_report_puts_a_learners_lessons_in_one_row(tmp_path):
    from dlkurs.grade.execute import Outcome

    def verdicts(**statuses):
        return {n: {"status": s, "message": f"{n}: {s}", "points": int(s == "richtig")} for n, s in statuses.items()}

    outcomes = [
        Outcome("anna-1.2", "anna", "anna/1.2.ipynb", "1.2", verdicts=verdicts(quadratsumme="richtig")),
        Outcome("anna-1.3", "anna", "anna/1.3.ipynb", "1.3", verdicts=verdicts(mitte="falsch", form_farbbilder="richtig")),
        Outcome("ben-1.3", "ben", "ben/1.3.ipynb", "1.3", status="abgestürzt",
                verdicts=verdicts(mitte="noch nicht bearbeitet", form_farbbilder="falsch"), flags=["Zelle 3 greift ein"]),
    ]
    settings = {"profile": "full", "limits": {"notebook_seconds": 600, "cell_seconds": 120, "memory_mb": 4096}}
    csv_path, html_path = report.write(outcomes, tmp_path, isolation=Isolation(), settings=settings)
    page = html_path.read_text(encoding="utf-8")
    assert report.exercise_columns(outcomes)[0] == ("1.2", "quadratsumme")
    assert page.count("<tr><td><a href=") == 2  # one row per learner
    assert "2 / 3" in page and "0 / 2" in page and "abgestürzt" in page
    assert "Netzwerk: NICHT gesperrt" in page and "⚑" in page
    share = report.solved_share(outcomes)
    assert share[("1.3", "form_farbbilder")] == (1, 2) and share[("1.3", "mitte")] == (0, 2)
    assert report.common_wrong(outcomes)[("1.3", "mitte")] == [("mitte: falsch", 1)]
    assert len(csv_path.read_text(encoding="utf-8").splitlines()) == 1 + 5


def test_output_of_a_cell_is_capped():
    import nbformat
    from nbclient import NotebookClient

    from dlkurs.grade import execute

    client = execute.capped_client(NotebookClient)(nbformat.v4.new_notebook())
    client.clear_before_next_output = False  # set by nbclient when a cell starts
    outs: list = []
    line = "x" * 100_000
    for _ in range(100):  # 10 MB printed
        msg = {"msg_type": "stream", "parent_header": {"msg_id": "m"}, "header": {"msg_type": "stream"},
               "content": {"name": "stdout", "text": line}}
        client.output(outs, msg, None, 0)
    kept = sum(len(o.get("text", "")) for o in outs)
    assert kept <= execute.OUTPUT_LIMIT and "verworfen" in outs[-1]["text"]


def test_a_graded_function_carries_its_source_for_instruction_checks():
    """A learner's function stays in the kernel; the source it reports is what forbid= checks read."""
    from dlkurs.exercises import forbidden_uses, function_source
    from dlkurs.grade.execute import RemoteFunction

    remote = RemoteFunction(None, {"h": "f0", "name": "naive_matmul",
                                   "source": "def naive_matmul(a, b):\n    return a @ b\n"})
    assert "a @ b" in function_source(remote)
    assert forbidden_uses(remote, ["@", "dot"]) == ["den Operator @"]
    assert function_source(RemoteFunction(None, {"h": "f1", "name": "f"})) is None

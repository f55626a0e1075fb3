"""Progress in SQLite: recording, summary, concurrent writers, `dlkurs progress`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from typer.testing import CliRunner

from dlkurs.cli.app import app
from dlkurs.exercises import aufgaben, progress

WRITER = """
import sys, time
from dlkurs.exercises import progress
db, tag, n, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
while time.time() < start:
    time.sleep(0.001)
ok = sum(progress.record("9.9", f"aufgabe_{tag}", "check", "falsch", str(i), db=db) for i in range(n))
print(ok)
"""


def test_two_processes_writing_at_once_lose_no_events(tmp_path):
    db = tmp_path / "shared.sqlite"
    start = time.time() + 1.5  # both processes begin together, after their imports
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, "500", str(start)], stdout=subprocess.PIPE, text=True)
        for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert [int(o.strip()) for o in outputs] == [500, 500]
    events = progress.events(db)
    assert len(events) == 1000
    for tag in ("a", "b"):
        details = [int(e.detail) for e in events if e.exercise == f"aufgabe_{tag}"]
        assert details == list(range(500))  # all there, in order per writer
    assert len({e.pid for e in events}) == 2


def test_record_never_raises(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert progress.record("1.2", "x", "check", "falsch", db=blocker / "progress.sqlite") is False
    assert "Fortschritt konnte nicht gespeichert werden" in capsys.readouterr().err


def test_summary_and_last_verdicts(progress_db):
    q = aufgaben("1.2").quadratsumme
    q.evaluate(1)  # evaluate alone records nothing
    assert progress.events(progress_db) == []
    q.check(5050)
    q.hint(1)
    q.hint(1)
    q.solution()
    (item,) = progress.summary(progress_db)
    assert (item.lesson, item.exercise, item.checks, item.solved, item.hints_used, item.solution_seen) == (
        "1.2", "quadratsumme", 1, False, 1, True,
    )
    q.check(338350)
    assert progress.last_verdicts(progress_db) == {"1.2": {"quadratsumme": "richtig"}}


def test_cli_progress_table_and_json(progress_db):
    q = aufgaben("1.2").quadratsumme
    q.check(5050)
    q.check(338350)
    q.hint(2)
    runner = CliRunner()
    result = runner.invoke(app, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(result.output) if r["lesson"] == "1.2"]
    assert row["exercise"] == "quadratsumme"
    assert (row["attempted"], row["solved"], row["hints_used"], row["checks"]) == (True, True, 1, 2)
    table = runner.invoke(app, ["progress", "1.2"], env={"COLUMNS": "150"})
    assert table.exit_code == 0
    assert "quadratsumme" in table.output and "Gelöst: 1 von 1 Aufgaben." in table.output
    unknown = runner.invoke(app, ["progress", "9.9"])
    assert unknown.exit_code == 2


def test_cli_stays_light():
    code = (
        "import sys\n"
        "from dlkurs.cli.app import app\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules and 'numpy' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr

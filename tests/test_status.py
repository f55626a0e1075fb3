"""One enumeration per kind of status; stored values stay readable."""

from __future__ import annotations

import ast
import json
import tokenize
import sqlite3
from pathlib import Path

import pytest

from dlkurs.status import CheckLevel, DataEvent, DataState, ImportOutcome, RunStatus, Status, Verdict, WorkspaceAction

ENUMS = [Verdict, RunStatus, DataState, DataEvent, ImportOutcome, CheckLevel, WorkspaceAction]
SRC = Path(__file__).resolve().parents[1] / "src" / "dlkurs"


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_members_are_strings_with_a_german_label(enum):
    for member in enum:
        assert isinstance(member, str) and member == member.value and str(member) == member.value
        assert member.label and enum(member.value) is member
        assert json.loads(json.dumps({"s": member})) == {"s": member.value}


def test_what_older_versions_stored_still_reads():
    # results JSON and the progress database hold the plain values
    assert RunStatus("passed") is RunStatus.PASSED and RunStatus("timeout").label == "Zeit überschritten"
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE checks (status TEXT)")
    db.executemany("INSERT INTO checks VALUES (?)", [("richtig",), (Verdict.FALSCH,), ("noch nicht bearbeitet",)])
    statuses = [Verdict(row[0]) for row in db.execute("SELECT status FROM checks")]
    assert statuses == [Verdict.RICHTIG, Verdict.FALSCH, Verdict.NICHT_BEARBEITET]


def test_the_status_words_live_in_one_place():
    """No module but dlkurs.status has a status value or label as a string literal of its own."""
    words = {m.value for e in ENUMS for m in e} | {m.label for e in ENUMS for m in e}
    # also ordinary names: the exception class Falsch, functions info() and substitute(), a JSON key "ok"
    words -= {"Falsch", "info", "substitute", "ok", "fehlt"}
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "status.py" or "lessons" in path.parts:
            continue
        with open(path, "rb") as fh:
            for token in tokenize.tokenize(fh.readline):
                if token.type != tokenize.STRING or token.string.lstrip("rbuRBU").startswith(("f", "F")):
                    continue
                try:
                    value = ast.literal_eval(token.string)
                except (ValueError, SyntaxError):
                    continue
                if value in words:
                    offenders.append(f"{path.relative_to(SRC)}:{token.start[0]}: {token.line.strip()}")
    assert offenders == []


def test_subclassing_keeps_label_and_value_apart():
    class Demo(Status):
        A = "a", "Ah"
        B = "b"

    assert Demo.A.label == "Ah" and Demo.B.label == "b" and f"{Demo.A}" == "a"

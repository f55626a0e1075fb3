"""The data home's state file as typed records, old files included; two processes at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

from helpers import needs_shared

import dlkurs.data as data
from dlkurs.data.state import VERSION, DatasetState, FileRecord, Fingerprint, TreeFile
from dlkurs.data.store import DataHome

V1 = {
    "files": {"aclImdb_v1.tar.gz": {"item": "archive", "sha256": "ab" * 32, "size": 84125825, "how": "sha256",
                                    "verified": "2026-11-30T10:00:00"}},
    "tree": {"dirname": "aclImdb", "source": "archive", "source_sha256": "ab" * 32, "aggregate_sha256": None,
             "files": {"aclImdb/README": ["cd" * 32, 2351, 10, 11, 12345]}},
}


def test_a_state_file_of_version_1_reads_as_typed_records():
    state = DatasetState.from_json(V1)
    record = state.files["aclImdb_v1.tar.gz"]
    assert record == FileRecord("archive", "ab" * 32, 84125825, "sha256", "2026-11-30T10:00:00")
    assert state.tree.files["aclImdb/README"] == TreeFile("cd" * 32, Fingerprint(2351, 10, 11, 12345))
    written = state.to_json()
    assert written["version"] == VERSION
    assert written["tree"]["files"]["aclImdb/README"]["fingerprint"] == {
        "size": 2351, "mtime_ns": 10, "ctime_ns": 11, "inode": 12345}
    assert DatasetState.from_json(json.loads(json.dumps(written))) == state


def test_an_unreadable_state_is_empty_not_an_error():
    for broken in (None, [], {"files": []}, {"files": {"x": None}}, {"files": {}, "tree": {"files": 3}}):
        assert DatasetState.from_json(broken) == DatasetState()


def test_the_data_home_writes_version_2(tmp_path):
    home = DataHome(tmp_path)
    ds = data.info("mnist")
    home.write_state(ds, DatasetState({"mnist.npz": FileRecord("data", "ef" * 32, 11490434, "content")}))
    raw = json.loads((tmp_path / "mnist" / ".state.json").read_text(encoding="utf-8"))
    assert raw["version"] == 2 and raw["files"]["mnist.npz"]["how"] == "content"
    assert home.read_state(ds).files["mnist.npz"].size == 11490434


LOADER = textwrap.dedent(
    """
    import sys, time
    start = float(sys.argv[1])
    from dlkurs import data
    while time.time() < start:
        time.sleep(0.001)
    (x, y), _ = data.load("mnist")
    print(x.shape[0], int(y.sum()))
    """
)


@needs_shared
def test_two_processes_load_the_same_dataset_at_the_same_time(make_home):
    """Both verify and record an unrecorded copy at once: both get the data, the state stays valid."""
    home = make_home("mnist")
    (home / "mnist" / ".state.json").unlink()  # as if copied in by hand: both must verify it
    start = time.time() + 3.0  # both processes begin together, after their imports
    env = dict(os.environ, DLKURS_DATA=str(home), DLKURS_OFFLINE="1")
    procs = [subprocess.Popen([sys.executable, "-c", LOADER, str(start)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert out.split() == ["60000", "267236"]  # all 60 000 images; the labels' sum as Keras has it
    state = DataHome(home).read_state(data.info("mnist"))
    assert state.files["mnist.npz"].how == "content"
    assert DataHome(home).check(data.info("mnist")).state == "ok"

"""Classroom bundles: export -> empty data home -> import -> every dataset loads identically."""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dlkurs.data as data
from helpers import SHARED_NAMES, needs_shared
from dlkurs.data import DataError, DatasetNotAvailable
from dlkurs.data.bundle import MANIFEST, export_bundle, import_data
from dlkurs.data.store import DataHome

pytestmark = needs_shared


def _snapshot(name: str):
    """What load(name) returns, in a comparable form (file trees as {relpath: sha256})."""
    value = data.load(name)
    if isinstance(value, Path):
        if value.is_dir():
            state = DataHome().read_state(data.info(name))
            return {rel: entry.sha256 for rel, entry in state.tree.files.items()}
        return value.read_bytes()
    return value


def _assert_same(a, b):
    if isinstance(a, tuple):
        assert isinstance(b, tuple) and len(a) == len(b)
        for x, y in zip(a, b):
            _assert_same(x, y)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    else:
        assert a == b


@pytest.fixture(scope="module")
def bundle(shared_home, tmp_path_factory):
    """The full bundle exported from the shared data home (once per module)."""
    target = tmp_path_factory.mktemp("bundle") / "kursdaten"
    report = export_bundle(target, home=DataHome(shared_home))
    return report


def test_export_writes_one_zip_with_a_manifest(bundle):
    assert bundle.path.name == "kursdaten.zip" and bundle.path.exists()
    assert set(bundle.datasets) == set(SHARED_NAMES)
    assert bundle.files == 4011  # 11 single files + 4000 images (the IMDB folder is rebuilt from its archive)
    assert stat.S_IMODE(bundle.path.stat().st_mode) == 0o644
    assert not list(bundle.path.parent.glob("*.part"))
    with zipfile.ZipFile(bundle.path) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        names = set(archive.namelist())
    assert manifest["format"] == "dlkurs-datenpaket" and manifest["version"] == 1
    files = {rel: entry for ds in manifest["datasets"].values() for rel, entry in ds["files"].items()}
    assert files["mnist/mnist.npz"]["sha256"] == "88eaf78b3cf8a302b5c253212171853934f34bb083759fe893a3554a84c56f0a"
    assert set(files) | {MANIFEST} == names
    assert not any(n.startswith("imdb/aclImdb/") or "/." in n for n in names)


def test_round_trip_loads_identically(bundle, shared_home, tmp_path, monkeypatch):
    monkeypatch.setenv("DLKURS_DATA", str(shared_home))
    before = {name: _snapshot(name) for name in SHARED_NAMES}
    empty = tmp_path / "leer"
    monkeypatch.setenv("DLKURS_DATA", str(empty))
    report = import_data(bundle.path)
    assert report.ok and report.ignored == []
    assert {r.dataset: r.status for r in report.results} == {n: "importiert" for n in SHARED_NAMES}
    assert all(row["verified"] for row in data.status(list(SHARED_NAMES)))
    for name in SHARED_NAMES:
        _assert_same(before[name], _snapshot(name))
    # importing the same bundle again copies nothing
    again = import_data(bundle.path)
    assert {r.status for r in again.results} == {"vorhanden"}


def test_damaged_bundle_member_is_rejected_with_both_hashes(shared_home, tmp_path):
    small = export_bundle(tmp_path / "klein.zip", ["titanic", "faust"], home=DataHome(shared_home))
    damaged = tmp_path / "kaputt.zip"
    with zipfile.ZipFile(small.path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            payload = src.read(info)
            if info.filename == "faust/goethe_faust.txt":
                payload = payload.replace("Gretchen".encode(), "Grätchen".encode(), 1)
            dst.writestr(info, payload)
    report = import_data(damaged)
    results = {r.dataset: r for r in report.results}
    assert results["titanic"].status == "importiert"
    assert results["faust"].status == "abgelehnt" and not report.ok
    problem = results["faust"].problems[0]
    assert "im Paket beschädigt" in problem
    assert "b53b130fba53abca768d189b961b617e62f380dc84e39219e6f339ccb3f9cf8f" in problem
    assert DataHome().check(data.info("faust")).state == "missing"


def test_export_refuses_missing_and_corrupt_datasets(shared_home, tmp_path, monkeypatch, flip):
    with pytest.raises(DatasetNotAvailable, match="reuters"):
        export_bundle(tmp_path / "x.zip", ["reuters"], home=DataHome(shared_home))
    home = tmp_path / "home"
    shutil.copytree(shared_home / "titanic", home / "titanic")
    flip(home / "titanic" / "train.csv")
    with pytest.raises(DataError, match="Beschädigte"):
        export_bundle(tmp_path / "y.zip", ["titanic"], home=DataHome(home))
    assert not (tmp_path / "y.zip").exists()


def test_import_of_a_single_canonical_file(shared_data):
    report = import_data(shared_data / "text_de" / "goethe_faust.txt")
    assert [(r.dataset, r.status) for r in report.results] == [("faust", "importiert")]
    assert data.load("faust").read_text(encoding="utf-8").startswith("Faust")


def test_partial_import_is_reported_as_incomplete(shared_data):
    report = import_data(shared_data / "imdb" / "imdb_word_index.json")
    (result,) = report.results
    assert result.dataset == "imdb" and result.status == "unvollständig"
    assert "aclImdb_v1.tar.gz oder aclImdb_train_test.tar.xz" in result.problems[0]


def test_import_of_unrelated_folder_finds_nothing(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("hallo", encoding="utf-8")
    report = import_data(tmp_path / "x")
    assert report.results == [] and report.ignored == ["notes.txt"] and not report.ok


def test_import_refuses_missing_source(tmp_path):
    with pytest.raises(DataError, match="gibt es nicht"):
        import_data(tmp_path / "nope.zip")

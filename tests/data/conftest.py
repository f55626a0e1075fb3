"""Fixtures for the data-layer tests.

Every test gets its own empty data home and runs offline (``DLKURS_OFFLINE=1``)
unless it says otherwise, so no test touches a user's data or the network.
The real datasets (``../shared/data`` beside the repository, or
``$DLKURS_SHARED_DATA``) are imported once per session into ``shared_home``;
tests that damage files build their own small home with ``make_home``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from data_helpers import SHARED, flip_byte, run_cli  # tests/data is on sys.path


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory, monkeypatch):
    from dlkurs.data import events

    home = tmp_path_factory.mktemp("datahome")
    monkeypatch.setenv("DLKURS_DATA", str(home))
    monkeypatch.setenv("DLKURS_OFFLINE", "1")
    monkeypatch.delenv("DLKURS_FIXTURES", raising=False)
    monkeypatch.delenv("DLKURS_DATA_LOG", raising=False)
    events.clear()
    yield home
    events.clear()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if SHARED is None:
        pytest.skip("shared/data (real course datasets) not found beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def cli_import(tmp_path_factory, shared_data) -> tuple[Path, subprocess.CompletedProcess]:
    """What a trainer does first: ``DLKURS_DATA=<empty> dlkurs data import shared/data`` (once per session)."""
    home = tmp_path_factory.mktemp("shared-home")
    return home, run_cli("data", "import", str(shared_data), home=home)


@pytest.fixture(scope="session")
def shared_home(cli_import) -> Path:
    """A data home with everything from shared/data imported (by the CLI). Read-only use!"""
    home, proc = cli_import
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return home


@pytest.fixture
def use_shared_home(shared_home, monkeypatch) -> Path:
    monkeypatch.setenv("DLKURS_DATA", str(shared_home))
    return shared_home


@pytest.fixture
def make_home(tmp_path, monkeypatch, shared_data):
    """``make_home("mnist", "titanic")``: a fresh data home with only these datasets, set as DLKURS_DATA."""
    from dlkurs.data.bundle import import_data
    from dlkurs.data.store import DataHome

    def make(*names: str) -> Path:
        home = tmp_path / "home"
        home.mkdir(exist_ok=True)
        monkeypatch.setenv("DLKURS_DATA", str(home))
        report = import_data(shared_data, list(names), home=DataHome(home))
        assert report.ok, report
        return home

    return make


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """Canonical-format test files for reuters, jena_climate, cifar10 and vgg16_notop."""
    from dlkurs.data.testing import write_fixtures

    return write_fixtures(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture
def use_fixtures(fixture_dir, monkeypatch) -> Path:
    monkeypatch.setenv("DLKURS_FIXTURES", str(fixture_dir))
    return fixture_dir


@pytest.fixture
def flip():
    """The function flip_byte(path, offset=None, keep_mtime=False)."""
    return flip_byte

"""Fixtures for the data-layer tests.

Every test gets its own empty data home and runs offline (``DLKURS_OFFLINE=1``)
unless it says otherwise, so no test touches a user's data or the network.
The real datasets are imported once per session into ``shared_home`` (see
tests/conftest.py); tests that damage files build their own small home with
``make_home``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import flip_byte  # tests/ is on sys.path through its conftest


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


@pytest.fixture
def use_fixtures(fixture_dir, monkeypatch) -> Path:
    monkeypatch.setenv("DLKURS_FIXTURES", str(fixture_dir))
    return fixture_dir


@pytest.fixture
def flip():
    """The function flip_byte(path, offset=None, keep_mtime=False)."""
    return flip_byte

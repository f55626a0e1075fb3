"""Shared fixtures: every test runs with its own workspace, runs folder and
progress database, so that no test ever writes into a user's home or runs in
strict mode by accident."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import SHARED, run_cli

from dlkurs import settings


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv(settings.ENV_WORKSPACE, str(base / "workspace"))
    monkeypatch.setenv(settings.ENV_RUNS, str(base / "runs"))
    monkeypatch.setenv(settings.ENV_PROGRESS_DB, str(tmp_path / "progress.sqlite"))
    for name in (settings.ENV_PROFILE, settings.ENV_RESULTS, settings.ENV_STRICT, settings.ENV_CATALOG):
        monkeypatch.delenv(name, raising=False)
    # no test touches the network or a user's data home; tests that need data set DLKURS_DATA
    monkeypatch.setenv("DLKURS_OFFLINE", "1")
    monkeypatch.setenv(settings.ENV_DATA, str(base / "datahome"))
    yield


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real course datasets (``../shared/data`` or ``$DLKURS_SHARED_DATA``)."""
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


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """Canonical-format test files for datasets with no real copy (reuters, jena_climate, cifar10, vgg16_notop,
    mobilenet_v3_small_notop, greensboro_tmy3)."""
    from dlkurs.data.testing import write_fixtures

    return write_fixtures(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture(scope="session")
def course_data_env(request, fixture_dir, tmp_path_factory) -> dict[str, str]:
    """Environment in which lessons and their checks find data: the verified data
    home with ../shared/data imported (empty when absent), plus canonical fixtures."""
    home = request.getfixturevalue("shared_home") if SHARED is not None else tmp_path_factory.mktemp("empty-home")
    return {"DLKURS_DATA": str(home), "DLKURS_FIXTURES": str(fixture_dir), "DLKURS_OFFLINE": "1"}


@pytest.fixture
def with_course_data(course_data_env, monkeypatch) -> dict[str, str]:
    for name, value in course_data_env.items():
        monkeypatch.setenv(name, value)
    return course_data_env


@pytest.fixture
def progress_db(tmp_path) -> Path:
    return tmp_path / "progress.sqlite"


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def python() -> str:
    return sys.executable


@pytest.fixture
def make_catalog(tmp_path, monkeypatch):
    """Write a small catalog of test lessons and point DLKURS_CATALOG at it.

    ``make_catalog({"9.1": source_text, ...}, budget=30)`` returns the catalog path.
    """
    from dlkurs.catalog import _load_catalog

    def make(lessons: dict[str, str], *, budget: int = 60, figures: str = "") -> Path:
        folder = tmp_path / "kurs"
        folder.mkdir(exist_ok=True)
        entries = []
        for lesson_id, source in lessons.items():
            name = f"l{lesson_id.replace('.', '_')}.py"
            (folder / name).write_text(textwrap.dedent(source), encoding="utf-8")
            entries.append(
                f'[[lesson]]\nid = "{lesson_id}"\nday = {lesson_id.split(".")[0]}\n'
                f'title = "Testlektion {lesson_id}"\nsource = "{name}"\nminutes = 1\n'
                f"budget = {{ quick = {budget}, full = {budget} }}\n{figures}\n"
            )
        path = folder / "catalog.toml"
        path.write_text("\n".join(entries), encoding="utf-8")
        monkeypatch.setenv(settings.ENV_CATALOG, str(path))
        _load_catalog.cache_clear()
        return path

    yield make
    _load_catalog.cache_clear()

"""Shared fixtures: every test runs with its own workspace, runs folder and
progress database, so that no test ever writes into a user's home or runs in
strict mode by accident."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from dlkurs import settings

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """The real course datasets (``../shared/data`` beside the repo), if present."""
    env = os.environ.get("DLKURS_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "data")
    for path in candidates:
        if (path / "MANIFEST.md").exists():
            return path
    return None


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv(settings.ENV_WORKSPACE, str(base / "workspace"))
    monkeypatch.setenv(settings.ENV_RUNS, str(base / "runs"))
    monkeypatch.setenv(settings.ENV_PROGRESS_DB, str(tmp_path / "progress.sqlite"))
    for name in (settings.ENV_PROFILE, settings.ENV_RESULTS, settings.ENV_STRICT, settings.ENV_CATALOG):
        monkeypatch.delenv(name, raising=False)
    yield


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
    from dlkurs.lessons import _load_catalog

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

"""Shared fixtures: every test records progress into its own temporary database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from dlkurs import settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path, monkeypatch):
    """No test writes into the user's progress database or runs in strict mode by accident."""
    monkeypatch.setenv(settings.ENV_PROGRESS_DB, str(tmp_path / "progress.sqlite"))
    monkeypatch.delenv(settings.ENV_STRICT, raising=False)
    yield


@pytest.fixture
def progress_db(tmp_path) -> Path:
    return tmp_path / "progress.sqlite"


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def python() -> str:
    return sys.executable

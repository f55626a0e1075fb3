"""Where dlkurs keeps things, and the environment variables that move them.

One place for every path and variable, so that the CLI, the runner and the
lessons agree. Nothing here imports a heavy library.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Selects the lesson profile ("quick" or "full"); set by the runner.
#: The lesson a runner executes (names the figures' labels in its notebook).
ENV_LESSON = "DLKURS_LESSON"
ENV_PROFILE = "DLKURS_PROFILE"
#: File the runner reads a lesson's reported figures from (JSON lines).
ENV_RESULTS = "DLKURS_RESULTS"
#: When "1", a check that is not "richtig" raises (the runner sets it for solution runs).
ENV_STRICT = "DLKURS_STRICT_CHECKS"
#: The learner's workspace folder for `dlkurs start`.
ENV_WORKSPACE = "DLKURS_WORKSPACE"
#: The data home (cache of verified datasets).
ENV_DATA = "DLKURS_DATA"
#: The SQLite file that records exercise progress.
ENV_PROGRESS_DB = "DLKURS_PROGRESS_DB"
#: Folder for headless lesson runs.
ENV_RUNS = "DLKURS_RUNS"
#: Another catalog file instead of the course's own (a trainer's lessons, tests).
ENV_CATALOG = "DLKURS_CATALOG"

PROFILES = ("quick", "full")
DEFAULT_PROFILE = "full"


def _user_dir(kind: str) -> Path:
    import platformdirs

    if kind == "data":
        return Path(platformdirs.user_data_dir("dlkurs", appauthor=False))
    return Path(platformdirs.user_state_dir("dlkurs", appauthor=False))


def workspace_dir() -> Path:
    """The learner's workspace: ``$DLKURS_WORKSPACE`` or ``~/dlkurs``."""
    env = os.environ.get(ENV_WORKSPACE)
    return Path(env).expanduser() if env else Path.home() / "dlkurs"


def data_home() -> Path:
    """The data cache: ``$DLKURS_DATA`` or the per-user data folder."""
    env = os.environ.get(ENV_DATA)
    return Path(env).expanduser() if env else _user_dir("data") / "data"


def progress_db() -> Path:
    """The progress database: ``$DLKURS_PROGRESS_DB`` or the per-user state folder."""
    env = os.environ.get(ENV_PROGRESS_DB)
    return Path(env).expanduser() if env else _user_dir("state") / "progress.sqlite"


def runs_dir() -> Path:
    """Where `dlkurs run` writes: ``$DLKURS_RUNS`` or ``./dlkurs-runs``."""
    env = os.environ.get(ENV_RUNS)
    return Path(env).expanduser() if env else Path.cwd() / "dlkurs-runs"


def install_command(extra: str) -> str:
    """How to add an optional part (``extra``, e.g. "jax") the way this dlkurs was installed.

    A checkout installed with ``pip install -e .`` needs ``pip install -e ".[jax]"``
    in that folder; a package from an index needs ``pip install "dlkurs[jax]"``.
    """
    root = Path(__file__).resolve().parents[2]  # src/dlkurs/settings.py -> the checkout
    if (root / "pyproject.toml").is_file() and (root / "src" / "dlkurs").is_dir():
        return f'pip install -e "{root}[{extra}]"'
    return f'pip install "dlkurs[{extra}]"'

"""Helpers shared by the tests (tests/ is on sys.path through its conftest): where the
real course datasets are, flipping a byte, calling the CLI with its own data home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: Datasets with a real copy in shared/data.
SHARED_NAMES = ("mnist", "fashion_mnist", "imdb", "boston_housing", "california_housing", "titanic",
                "cats_vs_dogs_small", "faust")


def find_shared_data() -> Path | None:
    """The real course datasets (``../shared/data`` beside the repo, or ``$DLKURS_SHARED_DATA``)."""
    env = os.environ.get("DLKURS_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "data")
    for path in candidates:
        if (path / "MANIFEST.md").exists():
            return path
    return None


SHARED = find_shared_data()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared/data (real course datasets) not found beside the repo")


def flip_byte(path: Path, offset: int | None = None, *, keep_mtime: bool = False) -> None:
    """Flip one bit of one byte in place (optionally restoring the mtime afterwards)."""
    st = path.stat()
    offset = st.st_size // 2 if offset is None else offset
    with open(path, "r+b") as fh:
        fh.seek(offset)
        value = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([value ^ 0x01]))
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def run_cli(*args: str, home: Path, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m dlkurs ARGS`` with its own data home, offline, wide output."""
    full_env = dict(os.environ, DLKURS_DATA=str(home), DLKURS_OFFLINE="1", COLUMNS="200")
    full_env.pop("DLKURS_FIXTURES", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "dlkurs", *args], env=full_env, capture_output=True, text=True,
                          timeout=timeout)

"""The checks run under the JAX backend too: the model and tensor tests in a
subprocess with KERAS_BACKEND=jax (the backend is fixed when Keras is imported)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def test_checks_under_jax_backend(tmp_path):
    pytest.importorskip("jax")
    if os.environ.get("KERAS_BACKEND") == "jax":
        pytest.skip("already running under JAX")
    env = dict(os.environ, KERAS_BACKEND="jax", JAX_PLATFORMS="cpu", DLKURS_PROGRESS_DB=str(tmp_path / "p.sqlite"))
    probe = "import keras; assert keras.backend.backend() == 'jax', keras.backend.backend()"
    code = (
        f"{probe}\n"
        "import sys, pytest\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', "
        f"{str(TESTS / 'test_exercise_models.py')!r}, {str(TESTS / 'test_compare.py')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    tail = (done.stdout + done.stderr)[-3000:]
    assert done.returncode == 0, tail
    assert " passed" in done.stdout and "skipped" not in done.stdout.split("\n")[-2], tail


@pytest.mark.lessons
def test_backend_neutral_lesson_runs_under_jax(tmp_path):
    """`dlkurs run 0.1 --backend jax`: the environment check itself, on the other backend."""
    pytest.importorskip("jax")
    from dlkurs.lessons import get
    from dlkurs.run.runner import run_lesson

    run = run_lesson(get("0.1"), profile="quick", backend="jax", out_dir=tmp_path, html=False)
    assert run.ok, (run.error, run.problems)
    import nbformat

    nb = nbformat.read(run.files["ipynb"], as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Backend jax" in printed

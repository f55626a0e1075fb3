"""The course kernel: IPython in this Python, without TensorFlow's C++ noise.

Learners and the runner use the same kernel spec. It starts ``ipykernel`` with
the interpreter dlkurs is installed in (so lessons import the same packages as
the command), keeps C-level log output of TensorFlow/XLA out of the notebook
(``capture_fd_output=False``: it goes to the kernel's log instead) and sets
``TF_CPP_MIN_LOG_LEVEL``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dlkurs.build.notebook import KERNEL_DISPLAY_NAME, KERNEL_NAME

KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore::DeprecationWarning"}


def kernel_spec() -> dict:
    return {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.capture_fd_output=False",
        ],
        "display_name": KERNEL_DISPLAY_NAME,
        "language": "python",
        "env": dict(KERNEL_ENV),
        "metadata": {"debugger": True},
    }


def write_kernel_spec(kernels_dir: Path) -> Path:
    """Write the spec to ``kernels_dir/dlkurs/kernel.json``; return its folder."""
    folder = Path(kernels_dir) / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(kernel_spec(), indent=1), encoding="utf-8")
    return folder


def install_for_jupyter() -> Path | None:
    """Put the course kernel where any JupyterLab of this Python finds it.

    ``dlkurs start`` points JupyterLab at the workspace's own copy; a learner who
    starts ``jupyter lab`` by hand would otherwise get the stock kernel without
    the course's settings. First choice is this environment's Jupyter data folder
    (a virtual environment's own), else the user's. Returns the kernel folder, or
    None when neither can be written.
    """
    from jupyter_core.paths import jupyter_data_dir

    for base in (Path(sys.prefix) / "share" / "jupyter", Path(jupyter_data_dir())):
        try:
            return write_kernel_spec(base / "kernels")
        except OSError:
            continue
    return None


#: JupyterLab settings a learner should not be asked about: the news opt-in and update checks.
QUIET_LAB = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def quiet_jupyterlab() -> Path | None:
    """Add :data:`QUIET_LAB` to this environment's JupyterLab ``overrides.json`` (other entries kept).

    Defaults only: a learner can still turn the news on in the settings. Returns
    the file, or None when it cannot be written or is not valid JSON (then it is
    left as it is).
    """
    path = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(current, dict):
            return None
        merged = dict(current)
        for plugin, values in QUIET_LAB.items():
            merged[plugin] = {**values, **merged.get(plugin, {})}
        if merged != current:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(merged, indent=2), encoding="utf-8")
        return path
    except (OSError, ValueError):
        return None

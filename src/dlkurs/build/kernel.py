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

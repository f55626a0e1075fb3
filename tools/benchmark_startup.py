"""Benchmark: how fast the command line answers (not a test: timings vary with load).

    python tools/benchmark_startup.py [--repeat 5]

Measures, as the best of N runs in fresh processes, `dlkurs --help`, importing
the CLI application, and the offline "dataset not available" answer of the data
layer. The tests assert what keeps these fast (no heavy imports, no network
attempt offline); this script says how fast they are on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

CASES = {
    "dlkurs --help": [sys.executable, "-m", "dlkurs", "--help"],
    "import dlkurs.cli.app": [sys.executable, "-c", "import dlkurs.cli.app"],
    "offline: load('reuters') refused": [
        sys.executable,
        "-c",
        "from dlkurs import data\ntry:\n    data.load('reuters')\nexcept data.DataError:\n    pass\n",
    ],
}


def best_of(argv: list[str], repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DLKURS_OFFLINE="1", DLKURS_DATA=home)
        for name, argv in CASES.items():
            print(f"{name:<36} {best_of(argv, args.repeat, env):6.2f} s (best of {args.repeat})")


if __name__ == "__main__":
    main()

"""Benchmark: grading a class of lesson 1.3 with `dlkurs grade` (not a test: timings vary with load).

    DLKURS_DATA=<data home with MNIST etc.> python tools/benchmark_grade.py [--learners 30] [--jobs 2] [--short]

Writes N learners' notebooks of lesson 1.3 (the whole student notebook with the
answers filled in – a third right, a third partly right, a third wrong; with
``--short`` only the set-up and exercise cells), grades them with the command as
a trainer would and prints the wall time and the time per notebook.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main() -> None:
    import nbformat
    from grade_class import RIGHT, WRONG, fill, student_notebook

    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--short", action="store_true", help="set-up and exercise cells only")
    parser.add_argument("--profile", default="quick")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dlkurs-bench-") as tmp:
        root = Path(tmp) / "abgaben"
        for i in range(args.learners):
            answers = [dict(RIGHT), {**RIGHT, "mitte": WRONG["mitte"]}, dict(WRONG)][i % 3]
            folder = root / f"teilnehmer_{i + 1:02d}"
            folder.mkdir(parents=True)
            nbformat.write(fill(student_notebook(full=not args.short), answers), folder / "1.3_tensoren.ipynb")
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "dlkurs", "grade", str(root), "--out", str(Path(tmp) / "bericht"),
                               "--jobs", str(args.jobs), "--profile", args.profile],
                              capture_output=True, text=True, env=dict(os.environ, COLUMNS="120"))
        seconds = time.monotonic() - started
        print(proc.stdout[-1500:], proc.stderr[-1500:])
        kind = "set-up + exercise cells" if args.short else "whole student notebook"
        print(f"{args.learners} notebooks of lesson 1.3 ({kind}), --jobs {args.jobs}: {seconds:.0f} s "
              f"({seconds / args.learners:.1f} s per notebook, {os.cpu_count()} cores)")
        sys.exit(proc.returncode)


if __name__ == "__main__":
    main()

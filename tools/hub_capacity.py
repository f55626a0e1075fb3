"""Capacity of one hub server: N learners train the lesson 1.5 MNIST net at once.

    python tools/hub_capacity.py [--learners 1 2 4 8] [--epochs 2] [--json out.json]

Not a test: it measures. Each "learner" is a separate Python process, like a
learner's kernel on the hub: it imports Keras, loads MNIST from the data home
(``$DLKURS_DATA``, verified, read-only use), builds the 784-512-10 net of
lesson 1.5 and trains it on all 60 000 images (batch 128, rmsprop) for
``--epochs`` epochs. All learners of a round wait for each other before
training, so their epochs really overlap. Reported per round:

* peak memory (RSS, ``ru_maxrss``) of one learner process: the largest and the
  mean over the learners;
* the peak of the summed RSS of all learner processes (sampled every 0.2 s);
* seconds per epoch: the mean over learners of their last epoch (the first one
  includes tracing) and the slowest learner's;
* time from start to "ready to train" (import + data), the mean.

Run it alone on the machine (other load distorts the numbers). Prints a
Markdown table, and writes JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKER = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
ready_dir, index, n, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
import keras
from keras import layers
from dlkurs.data import load
(train_bilder, train_labels), _ = load("mnist")
x_train = train_bilder.reshape((60000, 28 * 28)).astype("float32") / 255
modell = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(512, activation="relu"),
                           layers.Dense(10, activation="softmax")])
modell.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
t_ready = time.perf_counter() - t0
open(os.path.join(ready_dir, f"{index}.ready"), "w").close()
while len([f for f in os.listdir(ready_dir) if f.endswith(".ready")]) < n:
    time.sleep(0.05)
times = []
class Clock(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.t = time.perf_counter()
    def on_epoch_end(self, epoch, logs=None):
        times.append(time.perf_counter() - self.t)
hist = modell.fit(x_train, train_labels, epochs=epochs, batch_size=128, verbose=0, callbacks=[Clock()])
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"ready_s": t_ready, "epochs_s": times, "peak_mib": peak_kib / 1024,
                  "accuracy": float(hist.history["accuracy"][-1])}))
"""


def _rss_sum(pids: list[int]) -> float:
    """Summed RSS (MiB) of the processes still alive."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
    return total / 2**20


def one_round(n: int, epochs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="hubcap-") as ready:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, ready, str(i), str(n), str(epochs)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for i in range(n)]
        peak_total = 0.0
        while any(p.poll() is None for p in procs):
            peak_total = max(peak_total, _rss_sum([p.pid for p in procs if p.poll() is None]))
            time.sleep(0.2)
        wall = time.perf_counter() - start
        results = []
        for p in procs:
            out, err = p.communicate()
            if p.returncode != 0:
                raise SystemExit(f"learner process failed ({p.returncode}):\n{err[-2000:]}")
            results.append(json.loads(out.strip().splitlines()[-1]))
    last = [r["epochs_s"][-1] for r in results]
    return {
        "learners": n,
        "peak_mib_max": max(r["peak_mib"] for r in results),
        "peak_mib_mean": statistics.mean(r["peak_mib"] for r in results),
        "peak_total_mib": peak_total,
        "epoch_s_mean": statistics.mean(last),
        "epoch_s_max": max(last),
        "first_epoch_s_mean": statistics.mean(r["epochs_s"][0] for r in results),
        "ready_s_mean": statistics.mean(r["ready_s"] for r in results),
        "wall_s": wall,
        "accuracy_min": min(r["accuracy"] for r in results),
    }


def table(rows: list[dict]) -> str:
    lines = ["| learners | peak RSS per kernel (max / mean) | peak RSS all kernels | s per epoch (mean / slowest) "
             "| first epoch (mean) | import + data (mean) | wall |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['learners']} | {r['peak_mib_max']:.0f} / {r['peak_mib_mean']:.0f} MiB "
                     f"| {r['peak_total_mib']:.0f} MiB | {r['epoch_s_mean']:.1f} / {r['epoch_s_max']:.1f} s "
                     f"| {r['first_epoch_s_mean']:.1f} s | {r['ready_s_mean']:.1f} s | {r['wall_s']:.0f} s |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = []
    for n in args.learners:
        row = one_round(n, args.epochs)
        rows.append(row)
        print(f"{n} learner(s): {row['epoch_s_mean']:.1f} s/epoch, peak {row['peak_mib_max']:.0f} MiB per kernel, "
              f"{row['peak_total_mib']:.0f} MiB together", flush=True)
    info = {"cpus": os.cpu_count(), "mem_total_gib": os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30,
            "python": sys.version.split()[0], "backend": os.environ.get("KERAS_BACKEND", "tensorflow"),
            "epochs": args.epochs, "rounds": rows}
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

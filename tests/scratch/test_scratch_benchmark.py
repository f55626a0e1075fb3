"""The benchmark command runs (tiny sizes, no Keras); its timings are not tested."""

import subprocess
import sys

from dlkurs.scratch import benchmark


def test_help():
    result = subprocess.run([sys.executable, "-m", "dlkurs.scratch.benchmark", "--help"],
                            capture_output=True, text=True, check=True)
    for option in ["--epochs", "--batch-size", "--optimizer", "--repeats"]:
        assert option in result.stdout


def test_tiny_run_without_keras(capsys):
    benchmark.main(["--no-keras", "--data", "random", "--samples", "512", "--repeats", "1", "--optimizer", "sgd"])
    out = capsys.readouterr().out
    assert "engine / hand-written" in out and "GFLOP/s" in out


def test_engine_and_handwritten_pass_compute_the_same_training():
    x, y, _ = benchmark.load_data("random", 512)
    weights = benchmark.initial_weights()
    for optimizer in ["sgd", "rmsprop"]:
        engine = benchmark.make_engine(weights, optimizer)(x, y, 128, 1, seed=0)
        hand = benchmark.make_handwritten(weights, optimizer)(x, y, 128, 1, seed=0)
        assert abs(engine - hand) < 1e-5 * max(1.0, abs(hand))

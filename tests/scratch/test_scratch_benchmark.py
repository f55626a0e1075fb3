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


def test_keras_import_keeps_tensorflows_native_log_lines_off_the_terminal():
    # TensorFlow 2.21 writes absl/oneDNN lines to file descriptor 2 on import, whatever
    # TF_CPP_MIN_LOG_LEVEL says; the benchmark's Keras column must not show them.
    code = ("import numpy as np; from dlkurs.scratch import benchmark as b; "
            "x = np.zeros((256, 784), 'float32'); y = np.zeros(256, 'int64'); "
            "b.make_keras(b.initial_weights(), 'sgd', x, y, 128); "
            "import os; os.write(2, b'stderr is back')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "stderr is back"


def test_loop_engine_and_keras_convolutions_compute_the_same_gradients():
    shape = (3, 9, 8, 2, 4)
    loop = benchmark.make_conv_naive(shape)()
    engine = benchmark.make_conv_engine(shape)()
    keras = benchmark.make_conv_keras(shape)()
    for a, b, c in zip(loop, engine, keras):
        assert a.shape == b.shape == c.shape
        assert abs(a - b).max() < 1e-4 and abs(b - c).max() < 1e-4


def test_conv_timings_without_keras_has_loop_and_engine():
    times = benchmark.conv_timings(shapes=((2, 6, 6, 1, 2),), repeats=1, keras=False)
    assert set(times) == {"loop", "engine"} and all(t > 0 for t in times.values())


def test_engine_and_keras_lstm_compute_the_same_input_gradient():
    shape = (2, 5, 3, 4)
    engine = benchmark.make_lstm_engine(shape)()
    keras = benchmark.make_lstm_keras(shape)()
    assert engine.shape == keras[0].shape and abs(engine - keras[0]).max() < 1e-5


def test_lstm_timings_without_keras_has_the_engine():
    times = benchmark.lstm_timings(shape=(2, 3, 2, 2), repeats=1, keras=False)
    assert set(times) == {"engine"} and times["engine"] > 0


def test_engine_and_keras_attention_compute_the_same_input_gradient():
    shape = (2, 5, 8, 2, 4)
    engine_run, layer = benchmark.make_attention_engine(shape)
    keras = benchmark.make_attention_keras(shape, weights=layer.get_weights())()
    engine = engine_run()
    assert engine.shape == keras[0].shape and abs(engine - keras[0]).max() < 1e-4

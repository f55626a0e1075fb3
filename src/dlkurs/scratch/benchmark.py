"""Benchmark: one epoch of a 784-512-10 MLP, this engine against Keras + TensorFlow and a hand-written NumPy pass.

    python -m dlkurs.scratch.benchmark                 # 3 repeats, batch 128, RMSprop
    python -m dlkurs.scratch.benchmark --optimizer sgd --epochs 2 --batch-size 256
    python -m dlkurs.scratch.benchmark --conv          # the convolutions: loop, engine, keras.layers.Conv2D
    python -m dlkurs.scratch.benchmark --lstm          # an LSTM over IMDB-like sequences: engine vs keras.layers.LSTM
    python -m dlkurs.scratch.benchmark --attention     # causal self-attention: engine vs keras.layers.MultiHeadAttention

All three train the same network (Dense 512 ReLU, Dense 10 softmax, sparse
categorical cross-entropy) from the same initial weights, on the same data
(MNIST from the data home if present, else random numbers of the same shape),
in float32, with shuffled mini-batches. The repeats are interleaved (engine,
Keras, hand-written, engine, …) so that a busy machine slows all three alike;
the medians are reported. The hand-written pass is the floor: the same
forward, backward and update arithmetic without any graph.

NumPy's BLAS (OpenBLAS) uses all cores by default, which on a machine shared
with other busy processes can make each matrix product many times slower. By
default (--blas-threads auto) each repeat first measures whether all cores are
clearly faster than one right now and uses that setting for both the engine
and the hand-written pass; Keras keeps TensorFlow's own threading.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time

import numpy as np

HIDDEN, CLASSES = 512, 10


def load_data(source: str, n: int = 60000) -> tuple[np.ndarray, np.ndarray, str]:
    """(x, y, description): MNIST training images scaled to [0, 1] as float32, or random data of that shape."""
    if source in ("auto", "mnist"):
        from dlkurs.data import DataError, load

        try:
            (x, y), _ = load("mnist")
        except DataError as err:
            if source == "mnist":
                raise SystemExit(f"{err}\nOder mit --data random vergleichen.") from None
        else:
            return x[:n].reshape(-1, 784).astype(np.float32) / 255.0, y[:n].astype(np.int64), "MNIST"
    rng = np.random.default_rng(0)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, CLASSES, n), "random"


def initial_weights(seed: int = 0) -> list[np.ndarray]:
    """Glorot-uniform kernels and zero biases, float32, in Keras' order."""
    rng = np.random.default_rng(seed)
    weights = []
    for fan_in, fan_out in ((784, HIDDEN), (HIDDEN, CLASSES)):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        weights += [rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32), np.zeros(fan_out, np.float32)]
    return weights


# ------------------------------------------------------------ the contenders
def make_engine(weights, optimizer: str):
    from dlkurs.scratch import Dense, RMSprop, SGD, Sequential

    model = Sequential([Dense(HIDDEN, activation="relu"), Dense(CLASSES, activation="softmax")])
    model.build((784,))
    model.set_weights(weights)
    model.compile(optimizer=RMSprop() if optimizer == "rmsprop" else SGD(), loss="sparse_categorical_crossentropy")

    def run(x, y, batch_size, epochs, seed):
        return model.fit(x, y, batch_size=batch_size, epochs=epochs, seed=seed, verbose=0)["loss"][-1]

    return run


@contextlib.contextmanager
def _native_stderr_silenced():
    """Send file descriptor 2 to the null device for a while.

    TensorFlow 2.21 logs from C++ while it is imported (absl's "WARNING: All log
    messages before absl::InitializeLog()…", oneDNN notices), whatever
    TF_CPP_MIN_LOG_LEVEL says; Python-level errors are raised after the restore.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no usable stderr to begin with
        yield
        return
    sys.stderr.flush()
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def make_keras(weights, optimizer: str, x, y, batch_size):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with _native_stderr_silenced():
        import keras  # imports its backend, TensorFlow: that is where the C++ log lines come from

    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(HIDDEN, activation="relu"),
                              keras.layers.Dense(CLASSES, activation="softmax")])
    opt = keras.optimizers.RMSprop() if optimizer == "rmsprop" else keras.optimizers.SGD()
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy")
    model.set_weights(weights)
    # Warm-up: trace the training function for a full and a partial last batch, outside the timing.
    warm = batch_size * 4 + len(x) % batch_size
    model.fit(x[:warm], y[:warm], batch_size=batch_size, epochs=1, verbose=0)
    model.set_weights(weights)

    def run(x, y, batch_size, epochs, seed):
        keras.utils.set_random_seed(seed)
        return model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0).history["loss"][-1]

    return run


def make_handwritten(weights, optimizer: str):
    """Plain NumPy: the forward pass, the backward pass written out by hand, and the same in-place update."""
    w1, b1, w2, b2 = [w.copy() for w in weights]
    params = [w1, b1, w2, b2]
    velocities = [np.zeros_like(p) for p in params]
    lr = 0.001 if optimizer == "rmsprop" else 0.01
    rho, eps = 0.9, 1e-7

    def run(x, y, batch_size, epochs, seed):
        rng = np.random.default_rng(seed)
        n = len(x)
        for _ in range(epochs):
            order = rng.permutation(n)
            total = 0.0
            for begin in range(0, n, batch_size):
                idx = order[begin : begin + batch_size]
                xb, yb = x[idx], y[idx]
                m = len(xb)
                rows = np.arange(m)
                # forward
                h = xb @ w1
                h += b1
                np.maximum(h, 0, out=h)
                z = h @ w2
                z += b2
                z -= z.max(axis=1, keepdims=True)
                e = np.exp(z)
                s = e.sum(axis=1, keepdims=True)
                total += float((np.log(s[:, 0]) - z[rows, yb]).sum())
                # backward
                dz = e / s
                dz[rows, yb] -= 1.0
                dz *= 1.0 / m
                dw2 = h.T @ dz
                db2 = dz.sum(axis=0)
                dh = dz @ w2.T
                dh *= h > 0
                dw1 = xb.T @ dh
                db1 = dh.sum(axis=0)
                # update (the same in-place arithmetic as the engine's optimizers)
                for p, g, v in zip(params, (dw1, db1, dw2, db2), velocities):
                    if optimizer == "rmsprop":
                        v *= rho
                        t = np.square(g)
                        t *= 1 - rho
                        v += t
                        np.add(v, eps, out=t)
                        np.sqrt(t, out=t)
                        np.divide(g, t, out=t)
                        t *= lr
                        p -= t
                    else:
                        p -= lr * g
        return total / n

    return run


# ------------------------------------------------------------------ helpers
def blas_limit(threads):
    """A context that limits NumPy's BLAS to `threads` threads (None: leave it as it is)."""
    import contextlib

    if threads is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(threads, user_api="blas")


def fastest_blas_threads(w: np.ndarray, batch_size: int) -> int:
    """1 or all cores for NumPy's BLAS: all cores only if they run this network's matmuls 1.5x faster now.

    On a machine shared with other busy processes a multi-threaded BLAS call
    waits for its slowest thread and can take ten times longer than on one
    thread; on an idle machine all cores are faster. The margin of 1.5 guards
    against a quiet moment during the measurement. (TensorFlow's own thread
    pool shares work dynamically and does not suffer in the same way.)
    """
    cores = os.cpu_count() or 1
    if cores == 1:
        return 1
    a = np.random.default_rng(2).random((batch_size, w.shape[0]), dtype=np.float32)
    g = np.random.default_rng(3).random((batch_size, w.shape[1]), dtype=np.float32)
    typical = {}
    for threads in (1, cores):
        with blas_limit(threads):
            timings = []
            for _ in range(5):
                start = time.perf_counter()
                for _ in range(20):
                    a @ w
                    a.T @ g
                timings.append(time.perf_counter() - start)
        typical[threads] = statistics.median(timings)
    return cores if typical[cores] * 1.5 < typical[1] else 1


def matmul_gflops(w: np.ndarray, batch_size: int, seconds: float = 0.5) -> float:
    """GFLOP/s of a plain NumPy matmul of the first layer's shape: (batch, 784) @ (784, 512)."""
    a = np.random.default_rng(1).random((batch_size, w.shape[0]), dtype=np.float32)
    a @ w
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        a @ w
        count += 1
    return 2 * batch_size * w.shape[0] * w.shape[1] * count / (time.perf_counter() - start) / 1e9


def flops_per_epoch(n: int) -> float:
    """Matmul FLOPs of one epoch: forward x@W1, h@W2; backward h.T@dz, dz@W2.T, x.T@dh (no gradient for x)."""
    return 2.0 * n * (2 * 784 * HIDDEN + 3 * HIDDEN * CLASSES)


# ------------------------------------------------- convolution: loop, engine, Keras
# The two convolutions of lesson 3.3's small convnet on a batch of 64 MNIST images:
# (batch, height, width, in_channels, filters), 3x3 kernels, padding "valid".
CONV_SHAPES = ((64, 28, 28, 1, 16), (64, 13, 13, 16, 32))


def naive_conv2d(x: np.ndarray, k: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The convolution as loops over output pixels: out[:, i, j, :] = Σ window · K + b (stride 1, "valid")."""
    kh, kw, _, cout = k.shape
    n, h, w, _ = x.shape
    out = np.empty((n, h - kh + 1, w - kw + 1, cout), dtype=x.dtype)
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            out[:, i, j, :] = np.tensordot(x[:, i : i + kh, j : j + kw, :], k, axes=3) + b
    return out


def naive_conv2d_backward(x: np.ndarray, k: np.ndarray, g: np.ndarray):
    """dx, dK, db of `naive_conv2d` for the output gradient g, with the same loops."""
    kh, kw = k.shape[:2]
    dx, dk = np.zeros_like(x), np.zeros_like(k)
    for i in range(g.shape[1]):
        for j in range(g.shape[2]):
            window = x[:, i : i + kh, j : j + kw, :]
            dk += np.tensordot(window, g[:, i, j, :], axes=(0, 0))
            dx[:, i : i + kh, j : j + kw, :] += np.tensordot(g[:, i, j, :], k, axes=(1, 3))
    return dx, dk, g.sum(axis=(0, 1, 2))


def _conv_inputs(shape, seed: int = 0):
    n, h, w, cin, cout = shape
    rng = np.random.default_rng(seed)
    x = rng.random((n, h, w, cin), dtype=np.float32)
    limit = np.sqrt(6.0 / (9 * (cin + cout)))
    k = rng.uniform(-limit, limit, (3, 3, cin, cout)).astype(np.float32)
    b = np.zeros(cout, np.float32)
    g = rng.normal(size=(n, h - 2, w - 2, cout)).astype(np.float32)  # an output gradient
    return x, k, b, g


def make_conv_naive(shape):
    x, k, b, g = _conv_inputs(shape)

    def run():
        naive_conv2d(x, k, b)
        return naive_conv2d_backward(x, k, g)

    return run


def make_conv_engine(shape):
    from dlkurs.scratch import Tensor
    from dlkurs.scratch import functional as F

    x, k, b, g = _conv_inputs(shape)

    def run():
        xt, kt, bt = (Tensor(a, requires_grad=True) for a in (x, k, b))
        out = F.conv2d(xt, kt, bt)
        out.backward(g)
        return xt.grad, kt.grad, bt.grad

    return run


def _import_keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with _native_stderr_silenced():
        import keras
    return keras


def keras_forward_backward(layer, x, g, *args, **kwargs):
    """A function that runs ``layer(x, *args, **kwargs)`` forward and backward, compiled for Keras' backend.

    It returns [dL/dx, dL/dw for every trainable weight] for L = Σ out · g; the
    first call (trace and compile) happens here, outside any timing.
    """
    keras = _import_keras()
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        xv, gv = tf.constant(x), tf.constant(g)

        @tf.function
        def step(xv, gv):
            with tf.GradientTape() as tape:
                tape.watch(xv)
                out = layer(xv, *[xv if a is x else a for a in args], **kwargs)
            return tape.gradient(out, [xv, *layer.trainable_weights], output_gradients=gv)

        def run():
            return [t.numpy() for t in step(xv, gv)]
    elif backend == "jax":
        import jax

        fixed = [v.value for v in layer.non_trainable_variables]  # e.g. the LSTM's seed state

        def loss(params, xv, gv):
            out, _ = layer.stateless_call(params, fixed, xv, *[xv if a is x else a for a in args], **kwargs)
            return (out * gv).sum()

        grad = jax.jit(jax.grad(loss, argnums=(0, 1)))
        params = [v.value for v in layer.trainable_variables]

        def run():
            dparams, dx = grad(params, x, g)
            return [np.asarray(dx), *(np.asarray(d) for d in dparams)]
    else:  # pragma: no cover
        raise SystemExit(f"Keras-Backend {backend!r} wird hier nicht gemessen (tensorflow oder jax).")
    run()
    return run


def make_conv_keras(shape):
    """keras.layers.Conv2D, forward and backward (dx, dK, db) in one compiled function."""
    keras = _import_keras()
    x, k, b, g = _conv_inputs(shape)
    layer = keras.layers.Conv2D(shape[-1], 3)
    layer.build(x.shape)
    layer.set_weights([k, b])
    return keras_forward_backward(layer, x, g)


def conv_timings(shapes=CONV_SHAPES, repeats: int = 3, blas_threads=1, naive: bool = True,
                 keras: bool = True) -> dict[str, float]:
    """Seconds for forward + backward of each convolution in `shapes`, summed, median over `repeats`.

    Keys: "loop" (naive_conv2d, if naive), "engine" (dlkurs.scratch F.conv2d),
    "keras" (keras.layers.Conv2D, if keras). The repeats are interleaved, so a
    busy machine slows all alike. blas_threads: NumPy's BLAS threads for the loop
    and the engine (1 by default: on a small machine shared with other work one
    thread is faster and steadier; None leaves NumPy's setting).
    """
    makers = {"engine": make_conv_engine}
    if naive:
        makers = {"loop": make_conv_naive, **makers}
    if keras:
        makers["keras"] = make_conv_keras
    return _interleaved({name: [make(shape) for shape in shapes] for name, make in makers.items()},
                        repeats, blas_threads)


def _interleaved(runs: dict, repeats: int, blas_threads) -> dict[str, float]:
    """Median seconds per contender; each repeat times every contender once, in turn."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, contenders in runs.items():
            with blas_limit(None if name == "keras" else blas_threads):
                for run in contenders:  # untimed: lets the previous contender's threads go idle first
                    run()
                start = time.perf_counter()
                for run in contenders:
                    run()
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


# ------------------------------------------------------- LSTM: engine vs Keras
#: (batch, time steps, features, units): an IMDB-like batch after an Embedding(…, 32)
LSTM_SHAPE = (32, 100, 32, 32)


def _lstm_inputs(shape, seed: int = 0):
    n, t, d, u = shape
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, t, d)).astype("float32")
    weights = [(rng.normal(size=(d, 4 * u)) * 0.2).astype("float32"),
               (rng.normal(size=(u, 4 * u)) * 0.2).astype("float32"),
               np.zeros(4 * u, dtype="float32")]
    g = rng.normal(size=(n, u)).astype("float32")
    return x, weights, g


def make_lstm_engine(shape):
    """dlkurs.scratch LSTM: forward through all steps, backward through time."""
    from dlkurs.scratch import LSTM, Tensor

    x, weights, g = _lstm_inputs(shape)
    layer = LSTM(shape[-1])
    layer(x[:, :1])
    layer.set_weights(weights)

    def run():
        for w in layer.weights:
            w.grad = None
        xt = Tensor(x, requires_grad=True)
        (layer(xt) * g).sum().backward()
        return xt.grad

    return run


def make_lstm_keras(shape):
    """keras.layers.LSTM, forward and backward in one compiled function."""
    keras = _import_keras()
    x, weights, g = _lstm_inputs(shape)
    layer = keras.layers.LSTM(shape[-1])
    layer.build(x.shape)
    layer.set_weights(weights)
    return keras_forward_backward(layer, x, g)


def lstm_timings(shape=LSTM_SHAPE, repeats: int = 3, blas_threads=1, keras: bool = True) -> dict[str, float]:
    """Median seconds of one forward + backward pass of an LSTM: "engine" and (if keras) "keras"."""
    runs = {"engine": [make_lstm_engine(shape)]}
    if keras:
        runs["keras"] = [make_lstm_keras(shape)]
    return _interleaved(runs, repeats, blas_threads)


def lstm_main(args) -> None:
    threads = None if args.blas_threads == "default" else (1 if args.blas_threads == "auto" else int(args.blas_threads))
    n, t, d, u = LSTM_SHAPE
    print(f"LSTM({u}) vorwärts + rückwärts durch die Zeit: {n} Folgen x {t} Schritte x {d} Merkmale; "
          f"{args.repeats} Wiederholungen, BLAS-Threads der Engine: {threads or 'NumPy-Standard'}")
    median = lstm_timings(repeats=args.repeats, blas_threads=threads, keras=not args.no_keras)
    for name, seconds in median.items():
        print(f"{name:<10}{seconds * 1e3:>10.1f} ms")
    if "keras" in median:
        print(f"engine / Keras = {median['engine'] / median['keras']:.2f}   (Ziel <= 1.5)")


def conv_main(args) -> None:
    threads = None if args.blas_threads == "default" else (1 if args.blas_threads == "auto" else int(args.blas_threads))
    shapes = ", ".join(f"{n}x{h}x{w}x{c} -> {f} Filter" for n, h, w, c, f in CONV_SHAPES)
    print(f"Faltungen (3x3, valid, vorwärts + rückwärts): {shapes}; {args.repeats} Wiederholungen, "
          f"BLAS-Threads der Engine: {threads or 'NumPy-Standard'}")
    median = conv_timings(repeats=args.repeats, blas_threads=threads, keras=not args.no_keras)
    for name, seconds in median.items():
        print(f"{name:<10}{seconds * 1e3:>10.1f} ms")
    if "keras" in median:
        print(f"engine / Keras = {median['engine'] / median['keras']:.2f}   (Ziel <= 1.5)")


# ---------------------------------------------- attention: engine vs Keras
#: (batch, sequence length, model width, heads, key_dim): an IMDB-Transformer-like block
ATTENTION_SHAPE = (16, 128, 64, 4, 16)


def _attention_inputs(shape, seed: int = 0):
    n, t, d, heads, key_dim = shape
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, t, d)).astype("float32")
    g = rng.normal(size=(n, t, d)).astype("float32")
    return x, g


def make_attention_engine(shape):
    """dlkurs.scratch MultiHeadAttention (self-attention, causal), forward and backward."""
    from dlkurs.scratch import MultiHeadAttention, Tensor

    x, g = _attention_inputs(shape)
    layer = MultiHeadAttention(shape[3], shape[4], seed=0)
    layer(x[:1])

    def run():
        for w in layer.weights:
            w.grad = None
        xt = Tensor(x, requires_grad=True)
        (layer(xt, use_causal_mask=True) * g).sum().backward()
        return xt.grad

    return run, layer


def make_attention_keras(shape, weights=None):
    """keras.layers.MultiHeadAttention (self-attention, causal), forward and backward in one compiled function."""
    keras = _import_keras()
    x, g = _attention_inputs(shape)
    layer = keras.layers.MultiHeadAttention(num_heads=shape[3], key_dim=shape[4])
    layer(x[:1], x[:1])
    if weights is not None:
        layer.set_weights(weights)
    return keras_forward_backward(layer, x, g, x, use_causal_mask=True)  # value = query: self-attention


def attention_timings(shape=ATTENTION_SHAPE, repeats: int = 3, blas_threads=None,
                      keras: bool = True) -> dict[str, float]:
    """Median seconds of one forward + backward pass of causal self-attention: "engine" and (if keras) "keras"."""
    engine, _ = make_attention_engine(shape)
    runs = {"engine": [engine]}
    if keras:
        runs["keras"] = [make_attention_keras(shape)]
    return _interleaved(runs, repeats, blas_threads)


def attention_main(args) -> None:
    threads = None if args.blas_threads in ("default", "auto") else int(args.blas_threads)
    n, t, d, heads, key_dim = ATTENTION_SHAPE
    print(f"MultiHeadAttention({heads} Köpfe, key_dim {key_dim}), kausal, vorwärts + rückwärts: "
          f"{n} Folgen x {t} Positionen x {d} Merkmale; {args.repeats} Wiederholungen, "
          f"BLAS-Threads der Engine: {threads or 'NumPy-Standard'}")
    median = attention_timings(repeats=args.repeats, blas_threads=threads, keras=not args.no_keras)
    for name, seconds in median.items():
        print(f"{name:<10}{seconds * 1e3:>10.1f} ms")
    if "keras" in median:
        print(f"engine / Keras = {median['engine'] / median['keras']:.2f}   (Ziel <= 1.5)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m dlkurs.scratch.benchmark",
        description="Time one epoch of a 784-512-10 MLP: dlkurs.scratch vs Keras+TensorFlow vs hand-written NumPy.",
    )
    parser.add_argument("--epochs", type=int, default=1, help="epochs per timed run (default 1)")
    parser.add_argument("--batch-size", type=int, default=128, help="mini-batch size (default 128)")
    parser.add_argument("--optimizer", choices=["rmsprop", "sgd"], default="rmsprop",
                        help="the same optimizer in all three (default rmsprop, Keras' defaults)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each; the median is reported (default 3)")
    parser.add_argument("--data", choices=["auto", "mnist", "random"], default="auto",
                        help="MNIST if found (auto), or random data of MNIST's shape")
    parser.add_argument("--samples", type=int, default=60000, help="training samples (default 60000)")
    parser.add_argument("--blas-threads", default="auto",
                        help="BLAS threads for the engine and the hand-written pass: a number, 'default' "
                             "(NumPy's own setting), or 'auto' (default: all cores if they are clearly "
                             "faster at the start of each repeat, else 1; the same for both)")
    parser.add_argument("--no-keras", action="store_true", help="skip Keras (no TensorFlow import)")
    parser.add_argument("--conv", action="store_true",
                        help="instead: time the 3x3 convolutions of lesson 3.3 (loop, engine, keras.layers.Conv2D), "
                             "forward + backward; BLAS threads 'auto' means 1 here")
    parser.add_argument("--lstm", action="store_true",
                        help="instead: time an LSTM(32) over 32 sequences of 100 steps (engine vs keras.layers.LSTM), "
                             "forward + backward through time")
    parser.add_argument("--attention", action="store_true",
                        help="instead: time causal multi-head self-attention (engine vs keras.layers.MultiHeadAttention), "
                             "forward + backward")
    args = parser.parse_args(argv)
    if args.attention:
        attention_main(args)
        return
    if args.conv:
        conv_main(args)
        return
    if args.lstm:
        lstm_main(args)
        return

    x, y, description = load_data(args.data, args.samples)
    weights = initial_weights()
    contenders = {"engine": make_engine(weights, args.optimizer)}
    if not args.no_keras:
        contenders["keras"] = make_keras(weights, args.optimizer, x, y, args.batch_size)
    contenders["hand-written"] = make_handwritten(weights, args.optimizer)

    print(f"data: {description}, {x.shape[0]} x {x.shape[1]} float32; batch {args.batch_size}; "
          f"optimizer {args.optimizer}; {args.epochs} epoch(s) per run; {args.repeats} repeats")
    times: dict[str, list[float]] = {name: [] for name in contenders}
    losses: dict[str, float] = {}
    for repeat in range(args.repeats):
        if args.blas_threads == "auto":
            threads = fastest_blas_threads(weights[0], args.batch_size)
        else:
            threads = None if args.blas_threads == "default" else int(args.blas_threads)
        for name, run in contenders.items():
            with blas_limit(None if name == "keras" else threads):
                start = time.perf_counter()
                losses[name] = run(x, y, args.batch_size, args.epochs, seed=repeat)
                times[name].append((time.perf_counter() - start) / args.epochs)
        print(f"  repeat {repeat + 1} (BLAS threads: {threads or 'default'}): "
              + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()))

    median = {name: statistics.median(t) for name, t in times.items()}
    flops = flops_per_epoch(len(x))
    print()
    print(f"{'':<14}{'s/epoch (median)':>18}{'last loss':>12}{'GFLOP/s':>10}")
    for name in contenders:
        print(f"{name:<14}{median[name]:>18.3f}{losses[name]:>12.4f}{flops / median[name] / 1e9:>10.1f}")
    with blas_limit(threads):
        peak = matmul_gflops(weights[0], args.batch_size)
    print(f"{'numpy matmul':<14}{'':>18}{'':>12}{peak:>10.1f}"
          f"   ({args.batch_size}x784 @ 784x512, BLAS threads: {threads or 'default'})")
    print(f"(GFLOP/s: the {flops / 1e9:.1f} GFLOP of matrix products in one epoch divided by the time)")
    print()
    if "keras" in median:
        print(f"engine / Keras        = {median['engine'] / median['keras']:.2f}   (goal <= 1.0)")
    print(f"engine / hand-written = {median['engine'] / median['hand-written']:.2f}   (goal <= 1.3)")


if __name__ == "__main__":
    main()

"""Comparison helpers for the dlkurs.scratch tests (a module name unique in the test tree)."""

import numpy as np

TOL = {"rtol": 1e-6, "atol": 1e-9}  # "equal to 1e-6" in float64


def close(actual, expected, **kw):
    """assert_allclose with the suite's tolerance; accepts Tensors and tf tensors."""
    actual = getattr(actual, "data", actual)
    expected = expected.numpy() if hasattr(expected, "numpy") else expected
    np.testing.assert_allclose(actual, expected, **{**TOL, **kw})


def check_against_tf(tf, engine_fn, reference_fn, *arrays, seed=0, **tol):
    """Same inputs give the same outputs, and the same gradients of Σ(out · u) for a random u.

    engine_fn receives dlkurs Tensors, reference_fn TensorFlow tensors; float
    inputs are differentiated, integer inputs (labels) are passed as constants.
    """
    from dlkurs.scratch import Tensor

    arrays = [np.asarray(a) for a in arrays]
    floats = [a.dtype.kind == "f" for a in arrays]
    tensors = [Tensor(a, requires_grad=f) for a, f in zip(arrays, floats)]
    out = engine_fn(*tensors)
    u = np.random.default_rng(seed).normal(size=out.shape)
    constants = [tf.constant(a) for a in arrays]
    with tf.GradientTape() as tape:
        for c, f in zip(constants, floats):
            if f:
                tape.watch(c)
        ref = reference_fn(*constants)
        total = tf.reduce_sum(ref * u)
    close(out, ref, **tol)
    (out * u).sum().backward()
    ref_grads = tape.gradient(total, constants)
    for t, g, f in zip(tensors, ref_grads, floats):
        if not f:
            continue
        expected = np.zeros(t.shape) if g is None else tf.convert_to_tensor(g).numpy()
        actual = np.zeros(t.shape) if t.grad is None else t.grad
        close(actual, expected, **tol)
    return out

"""dlkurs.scratch.tensor: autodiff mechanics, and every Tensor operation against TensorFlow in float64."""

import subprocess
import sys

import numpy as np
import pytest
from scratch_helpers import check_against_tf, close

from dlkurs.scratch import Tensor, concatenate, gradient_check, no_grad, stack, where


# ------------------------------------------------------------ mechanics
def test_micrograd_style_example():
    a = Tensor(np.array(-4.0), requires_grad=True)
    b = Tensor(np.array(2.0), requires_grad=True)
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + (b + a).exp() * 0
    e = c - d
    f = e**2
    g = f / 2.0
    g = g + 10.0 / f
    g.backward()
    # the same expression differentiated by hand (numerically)
    def value(av, bv):
        c = av + bv
        d = av * bv + bv**3
        c = c + c + 1
        c = c + 1 + c - av
        d = d + d * 2
        e = c - d
        f = e**2
        return f / 2.0 + 10.0 / f

    h = 1e-6
    assert g.item() == pytest.approx(value(-4.0, 2.0))
    assert a.grad == pytest.approx((value(-4 + h, 2) - value(-4 - h, 2)) / (2 * h), rel=1e-6)
    assert b.grad == pytest.approx((value(-4, 2 + h) - value(-4, 2 - h)) / (2 * h), rel=1e-6)


def test_gradient_of_a_reused_tensor_adds_up():
    x = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    y = (x * x + x).sum()  # dy/dx = 2x + 1
    y.backward()
    close(x.grad, [3.0, 5.0])


def test_leaf_gradients_accumulate_and_intermediate_gradients_are_fresh():
    x = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    h = x * 3
    y = h.sum()
    y.backward()
    y.backward()
    close(x.grad, [6.0, 6.0])  # two calls add up for leaves
    close(h.grad, [1.0, 1.0])  # intermediate: recomputed each call
    x.zero_grad()
    assert x.grad is None


def test_chain_of_ten_thousand_ops_backpropagates_without_recursion():
    x = Tensor(np.array([0.5]), requires_grad=True)
    y = x
    for _ in range(12_000):
        y = y * 1.0001
    y.sum().backward()
    close(x.grad, [1.0001**12_000])
    assert sys.getrecursionlimit() < 12_000


def test_no_grad_records_nothing():
    w = Tensor(np.ones((2, 2)), requires_grad=True)
    with no_grad():
        y = (w @ w).sum()
    assert not y.requires_grad and y.parents == ()
    assert (w @ w).requires_grad  # recording is back on afterwards
    with pytest.raises(RuntimeError, match="requires_grad"):
        y.backward()


def test_float32_stays_float32_through_ops_and_gradients():
    x = Tensor(np.ones((3, 4), dtype=np.float32), requires_grad=True)
    w = Tensor(np.ones((4, 2), dtype=np.float32), requires_grad=True)
    y = ((x @ w) * 2.0 + 1 - 0.5).exp().mean() / 3
    assert y.dtype == np.float32
    y.backward()
    assert x.grad.dtype == np.float32 and w.grad.dtype == np.float32
    assert (Tensor(np.ones(2)) + 1).dtype == np.float64  # dtype follows the inputs


@pytest.mark.parametrize(
    "shape_a, shape_b",
    [((3, 1), (1, 4)), ((2, 3, 4), (4,)), ((5,), (2, 5)), ((2, 1, 3), (4, 1)), ((), (2, 3)), ((3, 4), (3, 4))],
)
def test_broadcasting_gradients_sum_back_to_the_input_shape(rng, shape_a, shape_b):
    a = Tensor(rng.normal(size=shape_a), requires_grad=True)
    b = Tensor(rng.normal(size=shape_b), requires_grad=True)
    out = a * b + a - b / 2
    upstream = rng.normal(size=out.shape)
    (out * upstream).sum().backward()
    assert a.grad.shape == shape_a and b.grad.shape == shape_b
    expected_a = np.broadcast_to(upstream * (np.broadcast_to(b.data, out.shape) + 1), out.shape)
    axes = tuple(range(out.ndim - len(shape_a)))
    expected_a = expected_a.sum(axis=axes) if axes else expected_a
    expected_a = expected_a.sum(
        axis=tuple(i for i, n in enumerate(shape_a) if n == 1 and expected_a.shape[i] != 1), keepdims=True
    ).reshape(shape_a)
    close(a.grad, expected_a)


def test_german_shape_errors():
    with pytest.raises(ValueError, match=r"Form passt nicht: \(3, 4\) @ \(5, 2\) – die inneren Dimensionen 4 und 5"):
        Tensor(np.ones((3, 4))) @ Tensor(np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"Form passt nicht: \(3, 4\) \+ \(5,\)"):
        Tensor(np.ones((3, 4))) + np.ones(5)
    with pytest.raises(ValueError, match="lässt sich nicht"):
        Tensor(np.ones(6)).reshape(4, 2)


def test_gradient_check_agrees_and_detects_a_wrong_rule(rng):
    w = Tensor(rng.normal(size=(3, 2)), requires_grad=True)
    x = Tensor(rng.normal(size=(5, 3)))
    assert gradient_check(lambda: ((x @ w).exp().log().sum(axis=0) ** 2).mean(), [w]) < 1e-7

    def bad_square(t):  # forward t², backward claims 3t
        return Tensor.from_op(t.data**2, (t,), lambda g: (g * 3 * t.data,), "bad")

    assert gradient_check(lambda: bad_square(x @ w).sum(), [w]) > 1e-2


def test_gradient_check_restores_float32():
    w = Tensor(np.ones((2, 2), dtype=np.float32), requires_grad=True)
    gradient_check(lambda: (w * w).sum(), [w])
    assert w.dtype == np.float32


def test_importing_scratch_does_not_import_tensorflow():
    code = "import sys, dlkurs.scratch; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --------------------------------------------------- operations vs TensorFlow
BINARY_SHAPES = [((3, 1), (1, 4)), ((2, 3, 4), (4,)), ((4,), (3, 4)), ((2, 1, 4), (3, 1))]


@pytest.mark.parametrize("shape_a, shape_b", BINARY_SHAPES)
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_binary_ops_with_broadcasting(keras64, rng, op, shape_a, shape_b):
    _, tf = keras64
    a = rng.normal(size=shape_a)
    b = rng.uniform(0.5, 2.0, size=shape_b) * rng.choice([-1, 1], size=shape_b)
    fn = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y, "mul": lambda x, y: x * y,
          "div": lambda x, y: x / y}[op]
    check_against_tf(tf, fn, fn, a, b)


UNARY = {  # name: (engine, reference given tf, lowest input)
    "neg": (lambda x: -x, lambda tf: lambda x: -x, -2),
    "pow3": (lambda x: x**3, lambda tf: lambda x: x**3, -2),
    "pow-half": (lambda x: x**-0.5, lambda tf: lambda x: x**-0.5, 0.1),
    "exp": (lambda x: x.exp(), lambda tf: tf.exp, -2),
    "log": (lambda x: x.log(), lambda tf: tf.math.log, 0.1),
    "sqrt": (lambda x: x.sqrt(), lambda tf: tf.sqrt, 0.1),
    "abs": (lambda x: x.abs(), lambda tf: tf.abs, -2),
    "clip": (lambda x: x.clip(-0.5, 0.7), lambda tf: lambda x: tf.clip_by_value(x, -0.5, 0.7), -2),
    "rsub": (lambda x: 1.5 - x, lambda tf: lambda x: 1.5 - x, -2),
    "rdiv": (lambda x: 2.0 / x, lambda tf: lambda x: 2.0 / x, 0.1),
}


@pytest.mark.parametrize("name", UNARY)
def test_unary_ops(keras64, rng, name):
    _, tf = keras64
    engine, reference, low = UNARY[name]
    check_against_tf(tf, engine, reference(tf), rng.uniform(low, 2.0, size=(3, 5)))


@pytest.mark.parametrize(
    "shape_a, shape_b", [((3, 4), (4, 5)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)), ((4,), (4, 5)),
                         ((3, 4), (4,)), ((4,), (4,)), ((2, 1, 3, 4), (5, 4, 2))],
)
def test_matmul(keras64, rng, shape_a, shape_b):
    _, tf = keras64
    a, b = rng.normal(size=shape_a), rng.normal(size=shape_b)

    def reference(x, y):
        # tf.linalg.matmul has no 1-D rule: use NumPy's (row vector / column vector)
        if len(x.shape) == 1 and len(y.shape) == 1:
            return tf.reduce_sum(x * y)
        if len(x.shape) == 1:
            return tf.squeeze(tf.linalg.matmul(x[None, :], y), -2)
        if len(y.shape) == 1:
            return tf.squeeze(tf.linalg.matmul(x, y[:, None]), -1)
        return tf.linalg.matmul(x, y)

    check_against_tf(tf, lambda x, y: x @ y, reference, a, b)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("reduction", ["sum", "mean", "max"])
def test_reductions(keras64, rng, reduction, axis, keepdims):
    _, tf = keras64
    x = rng.normal(size=(2, 3, 4))
    tf_fn = {"sum": tf.reduce_sum, "mean": tf.reduce_mean, "max": tf.reduce_max}[reduction]
    check_against_tf(
        tf, lambda t: getattr(t, reduction)(axis=axis, keepdims=keepdims),
        lambda t: tf_fn(t, axis=axis, keepdims=keepdims), x,
    )


def test_shape_operations(keras64, rng):
    _, tf = keras64
    x = rng.normal(size=(2, 3, 4))
    check_against_tf(tf, lambda t: t.reshape(6, 4), lambda t: tf.reshape(t, (6, 4)), x)
    check_against_tf(tf, lambda t: t.reshape(-1), lambda t: tf.reshape(t, (-1,)), x)
    check_against_tf(tf, lambda t: t.transpose(2, 0, 1), lambda t: tf.transpose(t, (2, 0, 1)), x)
    check_against_tf(tf, lambda t: t.T, lambda t: tf.transpose(t), x)
    check_against_tf(tf, lambda t: t.swapaxes(-1, -2), lambda t: tf.linalg.matrix_transpose(t), x)


def test_indexing(keras64, rng):
    _, tf = keras64
    x = rng.normal(size=(5, 4))
    check_against_tf(tf, lambda t: t[1:4, ::2], lambda t: t[1:4, ::2], x)
    check_against_tf(tf, lambda t: t[:, 2], lambda t: t[:, 2], x)
    rows = np.array([0, 3, 3, 1])  # repeated rows: their gradients must add up
    check_against_tf(tf, lambda t: t[rows], lambda t: tf.gather(t, rows), x)


def test_concatenate_stack_where(keras64, rng):
    _, tf = keras64
    a, b, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    check_against_tf(tf, lambda x, y: concatenate([x, y], axis=1), lambda x, y: tf.concat([x, y], axis=1), a, b)
    check_against_tf(tf, lambda x, y: concatenate([x, y], axis=0), lambda x, y: tf.concat([x, y], axis=0), a, b)
    check_against_tf(tf, lambda x, y, z: stack([x, y, z], axis=1), lambda x, y, z: tf.stack([x, y, z], axis=1),
                     a, b, c)
    cond = a > 0
    check_against_tf(tf, lambda x, y: where(cond, x, y), lambda x, y: tf.where(cond, x, y), a, b)


def test_numpy_arrays_on_the_left_and_conversions():
    t = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    y = np.array([3.0, 4.0]) * t + np.array([1.0, 1.0])
    assert isinstance(y, Tensor)
    y.sum().backward()
    close(t.grad, [3.0, 4.0])
    close(np.asarray(y), [4.0, 9.0])
    assert (t > 1.5).tolist() == [False, True]
    assert Tensor([1, 2], requires_grad=True).dtype == np.float64
    with pytest.raises(TypeError):
        np.exp(t)  # use t.exp(): NumPy functions would silently drop the gradient

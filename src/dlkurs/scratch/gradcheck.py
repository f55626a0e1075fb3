"""Gradient checking: compare backpropagation with central finite differences.

>>> import numpy as np
>>> from dlkurs.scratch import Tensor, gradient_check, functional as F
>>> w = Tensor(np.random.default_rng(0).normal(size=(3, 2)), requires_grad=True)
>>> x = np.random.default_rng(1).normal(size=(4, 3))
>>> gradient_check(lambda: F.tanh(Tensor(x) @ w).sum(), [w]) < 1e-7
True
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from dlkurs.scratch.tensor import Tensor, no_grad

__all__ = ["numerical_gradient", "gradient_check"]


def numerical_gradient(f: Callable[[], Tensor], param: Tensor, eps: float = 1e-6) -> np.ndarray:
    """df/dp for each entry of p by central differences: (f(p + ε) - f(p - ε)) / 2ε."""
    grad = np.zeros(param.shape, dtype=np.float64)
    values = param.data
    with no_grad():
        for i in np.ndindex(values.shape):
            original = values[i]
            values[i] = original + eps
            plus = float(f().data)
            values[i] = original - eps
            minus = float(f().data)
            values[i] = original
            grad[i] = (plus - minus) / (2 * eps)
    return grad


def gradient_check(f: Callable[[], Tensor], params: Sequence[Tensor], eps: float = 1e-6) -> float:
    """The largest relative error |a - n| / (|a| + |n|) between backprop (a) and numerical (n) gradients.

    f: computes a scalar from `params` (called without arguments).
    Rule of thumb: below 1e-7 the gradients agree; above 1e-3 a backward rule is wrong.
    Entries smaller than 1/1000 of the largest gradient are measured against
    that level instead of their own size: a gradient that should be exactly 0
    comes out of finite differences as rounding noise (about 1e-10), which is
    not an error. The check runs in float64 (float32 is too coarse for finite
    differences); the parameters get their dtype back afterwards.
    """
    params = list(params)
    if not params:
        raise ValueError(
            "gradient_check braucht mindestens einen Parameter. Eine Schicht hat erst nach dem "
            "ersten Aufruf Gewichte: erst layer(x) aufrufen, dann layer.weights übergeben."
        )
    dtypes = [p.data.dtype for p in params]
    for p in params:
        p.data = p.data.astype(np.float64)
        p.grad = None
    try:
        f().backward()
        pairs = []
        for p in params:
            analytic = np.zeros(p.shape) if p.grad is None else np.asarray(p.grad, dtype=np.float64)
            pairs.append((analytic, numerical_gradient(f, p, eps)))
    finally:
        for p, dtype in zip(params, dtypes):
            p.data = p.data.astype(dtype)
    level = 1e-3 * max(float((np.abs(a) + np.abs(n)).max(initial=0.0)) for a, n in pairs)
    worst = 0.0
    for a, n in pairs:
        error = np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), max(level, 1e-300))
        worst = max(worst, float(error.max(initial=0.0)))
    return worst

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
    """The largest relative error |a - n| / max(|a| + |n|, 1e-12) between backprop (a) and numerical (n) gradients.

    f: computes a scalar from `params` (called without arguments).
    Below about 1e-7 the gradients agree; above 1e-3 a backward rule is wrong.
    The check runs in float64 (float32 is too coarse for finite differences);
    the parameters get their dtype back afterwards.
    """
    dtypes = [p.data.dtype for p in params]
    for p in params:
        p.data = p.data.astype(np.float64)
        p.grad = None
    try:
        f().backward()
        worst = 0.0
        for p in params:
            analytic = np.zeros(p.shape) if p.grad is None else np.asarray(p.grad, dtype=np.float64)
            numeric = numerical_gradient(f, p, eps)
            error = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-12)
            worst = max(worst, float(error.max(initial=0.0)))
        return worst
    finally:
        for p, dtype in zip(params, dtypes):
            p.data = p.data.astype(dtype)

"""Functions on Tensors: activations, dense, losses, convolution, pooling, attention.

Each function computes its value and defines, right beside it, its local
backward rule (see `Tensor.from_op`). Where Keras 3 (TensorFlow backend)
computes something in a particular way (clipping probabilities, using the
logits behind a softmax), this module does the same, so that values and
gradients agree with Keras to floating-point precision.

>>> import numpy as np
>>> from dlkurs.scratch import Tensor, functional as F
>>> z = Tensor(np.array([[2.0, 1.0, 0.1]]), requires_grad=True)
>>> loss = F.sparse_categorical_crossentropy(np.array([0]), F.softmax(z))
>>> loss.backward()
>>> np.round(z.grad, 3)        # softmax(z) - one_hot(0)
array([[-0.341,  0.242,  0.099]])
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dlkurs.scratch.tensor import Tensor, as_tensor

EPSILON = 1e-7  # keras.backend.epsilon(): how far probabilities are kept from 0 and 1

__all__ = [
    "EPSILON",
    "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softmax", "log_softmax",
    "linear", "get_activation",
    "dense",
    "mean_squared_error", "mean_absolute_error", "huber", "binary_crossentropy",
    "categorical_crossentropy", "sparse_categorical_crossentropy", "get_loss",
    "conv2d", "max_pool2d", "scaled_dot_product_attention", "causal_mask",
]


# ================================================================ activations
def step(x):
    """Heaviside step: 1 where x ≥ 0, else 0;  dx = 0 (flat almost everywhere, so backprop learns nothing)."""
    x = as_tensor(x)
    value = (x.data >= 0).astype(x.data.dtype if x.data.dtype.kind == "f" else np.float64)
    return Tensor.from_op(value, (x,), lambda g: (np.zeros_like(g),), "step")


def _sigmoid(a: np.ndarray) -> np.ndarray:
    """1 / (1 + e⁻ᵃ) on arrays, written as eᵃ / (1 + eᵃ) for a < 0: no overflow, full precision in both tails."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0, e) / (1.0 + e)


def sigmoid(x):
    """σ(x) = 1 / (1 + e⁻ˣ);  dx = g · σ(x) · (1 - σ(x))."""
    x = as_tensor(x)
    y = _sigmoid(x.data)
    out = Tensor.from_op(y, (x,), lambda g: (g * y * (1.0 - y),), "sigmoid")
    out.logits = x
    return out


def tanh(x):
    """tanh(x) = (eˣ - e⁻ˣ) / (eˣ + e⁻ˣ);  dx = g · (1 - tanh²(x))."""
    x = as_tensor(x)
    y = np.tanh(x.data)
    return Tensor.from_op(y, (x,), lambda g: (g * (1.0 - y * y),), "tanh")


def relu(x):
    """ReLU(x) = max(x, 0);  dx = g where x > 0, else 0."""
    x = as_tensor(x)
    a = x.data
    return Tensor.from_op(np.maximum(a, 0), (x,), lambda g: (g * (a > 0),), "relu")


def leaky_relu(x, negative_slope: float = 0.2):
    """LeakyReLU(x) = x for x > 0, else slope · x;  dx = g · (1 or slope). Default slope 0.2 as keras.activations."""
    x = as_tensor(x)
    a = x.data
    positive = a > 0
    value = np.where(positive, a, negative_slope * a)
    return Tensor.from_op(value, (x,), lambda g: (np.where(positive, g, negative_slope * g),), "leaky_relu")


def elu(x, alpha: float = 1.0):
    """ELU(x) = x for x > 0, else α(eˣ - 1);  dx = g for x > 0, else g · (ELU(x) + α)."""
    x = as_tensor(x)
    a = x.data
    positive = a > 0
    value = np.where(positive, a, alpha * np.expm1(np.minimum(a, 0)))
    return Tensor.from_op(value, (x,), lambda g: (np.where(positive, g, g * (value + alpha)),), "elu")


def gelu(x, approximate: bool = False):
    """GELU(x) = x · Φ(x) with Φ the normal CDF, Φ(x) = ½(1 + erf(x/√2));  dx = g · (Φ(x) + x · φ(x)).

    approximate=False (Keras' default in keras.activations.gelu) uses erf exactly;
    approximate=True uses the tanh form ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    """
    x = as_tensor(x)
    a = x.data
    if approximate:
        c = math.sqrt(2.0 / math.pi)
        inner = c * (a + 0.044715 * a**3)
        t = np.tanh(inner)
        value = 0.5 * a * (1.0 + t)
        local = 0.5 * (1.0 + t) + 0.5 * a * (1.0 - t * t) * c * (1.0 + 3 * 0.044715 * a * a)
    else:
        from scipy.special import erfc

        cdf = 0.5 * erfc(-a / math.sqrt(2.0))  # = ½(1 + erf(x/√2)), without cancellation for x ≪ 0
        pdf = np.exp(-0.5 * a * a) / math.sqrt(2.0 * math.pi)
        value = a * cdf
        local = cdf + a * pdf
    return Tensor.from_op(value, (x,), lambda g: (g * local,), "gelu")


def softmax(x, axis: int = -1):
    """softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ;  dx = y · (g - Σ g·y), with y = softmax(x). Shifted by max(x): large logits are safe."""
    x = as_tensor(x)
    e = np.exp(x.data - x.data.max(axis=axis, keepdims=True))
    y = e / e.sum(axis=axis, keepdims=True)
    out = Tensor.from_op(y, (x,), lambda g: (y * (g - (g * y).sum(axis=axis, keepdims=True)),), "softmax")
    out.logits = x  # cross-entropy uses the logits instead (as Keras does): exact even where y underflows
    return out


def log_softmax(x, axis: int = -1):
    """log softmax(x) = x - log Σ eˣ;  dx = g - softmax(x) · Σ g."""
    x = as_tensor(x)
    shifted = x.data - x.data.max(axis=axis, keepdims=True)
    value = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return Tensor.from_op(value, (x,), lambda g: (g - np.exp(value) * g.sum(axis=axis, keepdims=True),), "log_softmax")


def linear(x):
    """Identity: out = x (no node is added)."""
    return as_tensor(x)


_ACTIVATIONS = {
    "linear": linear, "step": step, "sigmoid": sigmoid, "tanh": tanh, "relu": relu,
    "leaky_relu": leaky_relu, "elu": elu, "gelu": gelu, "softmax": softmax,
}


def get_activation(activation):
    """Look up an activation by name ("relu", "softmax", …); None means linear; a function is returned as is."""
    if activation is None:
        return linear
    if callable(activation):
        return activation
    try:
        return _ACTIVATIONS[activation]
    except KeyError:
        raise ValueError(
            f"Unbekannte Aktivierungsfunktion: {activation!r}. Möglich sind: {', '.join(_ACTIVATIONS)}."
        ) from None


# ====================================================================== dense
def dense(x, kernel: Tensor, bias: Tensor | None = None):
    """out = x @ W + b over the last axis of x;  dx = g @ Wᵀ, dW = xᵀ @ g, db = Σ g over all rows.

    One node instead of two (matmul, add): the same maths, less bookkeeping.
    """
    x = as_tensor(x)
    a, w = x.data, kernel.data
    if a.shape[-1] != w.shape[0]:
        raise ValueError(
            f"Form passt nicht: {a.shape} @ {w.shape} – die inneren Dimensionen "
            f"{a.shape[-1]} und {w.shape[0]} müssen gleich sein."
        )
    value = a @ w
    if bias is not None:
        value += bias.data

    def backward(g):
        a2 = a.reshape(-1, a.shape[-1])
        g2 = g.reshape(-1, g.shape[-1])
        dx = g @ w.T if x.requires_grad else None
        dw = a2.T @ g2 if kernel.requires_grad else None
        if bias is None:
            return dx, dw
        return dx, dw, (g2.sum(axis=0) if bias.requires_grad else None)

    parents = (x, kernel) if bias is None else (x, kernel, bias)
    return Tensor.from_op(value, parents, backward, "dense")


# ===================================================================== losses
# Keras reduces a loss in two steps: per sample (mean or sum over the last
# axis), then the mean over all samples ("sum_over_batch_size"). With equal-sized
# rows this is the mean over all elements, which is what the code below uses.
def _pair_up(y_true, y_pred):
    """Targets and predictions as Tensors of the same rank: (N,) against (N, 1) becomes (N, 1)."""
    y_pred = as_tensor(y_pred)
    if not isinstance(y_true, Tensor):
        y_true = Tensor(np.asarray(y_true, dtype=y_pred.data.dtype))
    if y_true.ndim == y_pred.ndim - 1 and y_pred.shape[-1] == 1:
        y_true = y_true.reshape(y_true.shape + (1,))
    elif y_pred.ndim == y_true.ndim - 1 and y_true.shape[-1] == 1:
        y_pred = y_pred.reshape(y_pred.shape + (1,))
    return y_true, y_pred


def mean_squared_error(y_true, y_pred):
    """MSE = mean((ŷ - y)²);  dŷ = 2(ŷ - y) / n."""
    y_true, y_pred = _pair_up(y_true, y_pred)
    return ((y_pred - y_true) ** 2).mean()


def mean_absolute_error(y_true, y_pred):
    """MAE = mean(|ŷ - y|);  dŷ = sign(ŷ - y) / n."""
    y_true, y_pred = _pair_up(y_true, y_pred)
    return (y_pred - y_true).abs().mean()


def huber(y_true, y_pred, delta: float = 1.0):
    """Huber = mean(½e² where |e| ≤ δ, else δ(|e| - ½δ)), e = ŷ - y;  dŷ = (e or δ·sign(e)) / n."""
    y_true, y_pred = _pair_up(y_true, y_pred)
    e = y_pred.data - y_true.data
    abs_e = np.abs(e)
    small = abs_e <= delta
    value = np.asarray(np.where(small, 0.5 * e * e, delta * abs_e - 0.5 * delta * delta).mean())

    def backward(g):
        de = g * np.where(small, e, delta * np.sign(e)) / e.size
        return -de, de

    return Tensor.from_op(value, (y_true, y_pred), backward, "huber")


def binary_crossentropy(y_true, y_pred, from_logits: bool = False):
    """BCE = -mean(y ln p + (1-y) ln(1-p));  from logits z (p = σ(z)): dz = (σ(z) - y) / n.

    Probabilities are clipped to [ε, 1-ε] as in Keras. A sigmoid output is
    traced back to its logits (Keras does the same), which is exact and stable.
    """
    y_true, y_pred = _pair_up(y_true, y_pred)
    if not from_logits and y_pred.op == "sigmoid" and y_pred.logits is not None:
        y_pred, from_logits = y_pred.logits, True
    y = y_true.data
    n = y_pred.data.size
    if from_logits:
        z = y_pred.data
        # max(z, 0) - z·y + ln(1 + e^-|z|): the same as above, never exp of a large number
        value = np.asarray((np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))).mean())

        def backward(g):
            p = _sigmoid(z)
            return -g * z / n, g * (p - y) / n

        return Tensor.from_op(value, (y_true, y_pred), backward, "binary_crossentropy")
    p = y_pred.data
    pc = np.clip(p, EPSILON, 1.0 - EPSILON)
    value = np.asarray(-(y * np.log(pc) + (1.0 - y) * np.log(1.0 - pc)).mean())

    def backward(g):
        inside = (p >= EPSILON) & (p <= 1.0 - EPSILON)
        dp = g * ((1.0 - y) / (1.0 - pc) - y / pc) * inside / n
        return -g * (np.log(pc) - np.log(1.0 - pc)) / n, dp

    return Tensor.from_op(value, (y_true, y_pred), backward, "binary_crossentropy")


def categorical_crossentropy(y_true, y_pred, from_logits: bool = False, axis: int = -1):
    """CCE = mean over samples of -Σ y · ln p (one-hot or soft targets y);  from logits: dz = (softmax(z)·Σy - y) / n.

    Probabilities are normalised to sum 1 and clipped to [ε, 1-ε] as in Keras;
    a softmax output is traced back to its logits.
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true, dtype=y_pred.dtype)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"Form passt nicht: Zielwerte {y_true.shape} und Vorhersagen {y_pred.shape} müssen gleich "
            "geformt sein (one-hot). Für Klassennummern gibt es sparse_categorical_crossentropy."
        )
    if not from_logits and y_pred.op == "softmax" and y_pred.logits is not None:
        y_pred, from_logits = y_pred.logits, True
    y = y_true.data
    n = y.size // y.shape[axis]
    if from_logits:
        z = y_pred.data
        shifted = z - z.max(axis=axis, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
        value = np.asarray(-(y * log_p).sum() / n)

        def backward(g):
            dz = np.exp(log_p) * y.sum(axis=axis, keepdims=True) - y
            return -g * log_p / n, g * dz / n

        return Tensor.from_op(value, (y_true, y_pred), backward, "categorical_crossentropy")
    s = y_pred.data.sum(axis=axis, keepdims=True)
    q = y_pred.data / s
    qc = np.clip(q, EPSILON, 1.0 - EPSILON)
    value = np.asarray(-(y * np.log(qc)).sum() / n)

    def backward(g):
        inside = (q >= EPSILON) & (q <= 1.0 - EPSILON)
        dq = -g * y / qc * inside / n
        dp = (dq - (dq * q).sum(axis=axis, keepdims=True)) / s  # through q = p / Σp
        return -g * np.log(qc) / n, dp

    return Tensor.from_op(value, (y_true, y_pred), backward, "categorical_crossentropy")


def sparse_categorical_crossentropy(y_true, y_pred, from_logits: bool = False):
    """SCCE = mean over samples of -ln p[class];  from logits: dz = (softmax(z) - one_hot(class)) / n.

    y_true holds class numbers (shape (N,) or (N, 1)). As in Keras,
    probabilities are clipped to [ε, 1-ε], and a softmax output is traced back
    to its logits.
    """
    y_pred = as_tensor(y_pred)
    labels = np.asarray(y_true.data if isinstance(y_true, Tensor) else y_true)
    if labels.ndim == y_pred.ndim and labels.shape[-1] == 1:
        labels = labels[..., 0]
    if labels.shape != y_pred.shape[:-1]:
        raise ValueError(
            f"Form passt nicht: Klassennummern {labels.shape} passen nicht zu Vorhersagen "
            f"{y_pred.shape}; erwartet wird {y_pred.shape[:-1]}."
        )
    labels = labels.astype(np.intp)[..., None]
    if not from_logits and y_pred.op == "softmax" and y_pred.logits is not None:
        y_pred, from_logits = y_pred.logits, True
    n = labels.size
    if from_logits:
        z = y_pred.data
        shifted = z - z.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=-1, keepdims=True)
        value = np.asarray((np.log(total) - np.take_along_axis(shifted, labels, -1)).sum() / n)

        def backward(g):
            dz = e / total  # softmax(z) ...
            np.put_along_axis(dz, labels, np.take_along_axis(dz, labels, -1) - 1.0, -1)  # ... minus one-hot
            dz *= g / n
            return (dz,)

        return Tensor.from_op(value, (y_pred,), backward, "sparse_categorical_crossentropy")
    p = y_pred.data
    pc = np.clip(p, EPSILON, 1.0 - EPSILON)
    total = pc.sum(axis=-1, keepdims=True)
    value = np.asarray((np.log(total) - np.log(np.take_along_axis(pc, labels, -1))).sum() / n)

    def backward(g):
        inside = (p >= EPSILON) & (p <= 1.0 - EPSILON)
        dp = np.broadcast_to(1.0 / total, p.shape).copy()  # d/dp of ln Σp ...
        np.put_along_axis(dp, labels, np.take_along_axis(dp, labels, -1) - 1.0 / np.take_along_axis(pc, labels, -1), -1)
        return (g * dp * inside / n,)  # ... minus d/dp of ln p[class]

    return Tensor.from_op(value, (y_pred,), backward, "sparse_categorical_crossentropy")


_LOSSES = {
    "mean_squared_error": mean_squared_error, "mse": mean_squared_error,
    "mean_absolute_error": mean_absolute_error, "mae": mean_absolute_error,
    "huber": huber, "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
}


def get_loss(loss):
    """Look up a loss by name ("mse", "sparse_categorical_crossentropy", …); a function is returned as is."""
    if callable(loss):
        return loss
    try:
        return _LOSSES[loss]
    except KeyError:
        raise ValueError(f"Unbekannte Verlustfunktion: {loss!r}. Möglich sind: {', '.join(_LOSSES)}.") from None


# ======================================================= convolution, pooling
def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _padding_amounts(size: int, window: int, stride: int, padding: str) -> tuple[int, int]:
    """Zeros before and after one spatial axis; "same" as TensorFlow: output = ceil(size / stride), extra one at the end."""
    padding = padding.lower()
    if padding == "valid":
        return 0, 0
    if padding != "same":
        raise ValueError(f"Unbekanntes padding: {padding!r}. Möglich sind 'valid' und 'same'.")
    total = max((math.ceil(size / stride) - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def _windows(x: np.ndarray, window, strides, padding, fill=0.0):
    """Pad x (N, H, W, C) and view every window: (N, H_out, W_out, C, kh, kw), no copy. Also returns the pads."""
    (kh, kw), (sh, sw) = window, strides
    ph = _padding_amounts(x.shape[1], kh, sh, padding)
    pw = _padding_amounts(x.shape[2], kw, sw, padding)
    if ph != (0, 0) or pw != (0, 0):
        x = np.pad(x, ((0, 0), ph, pw, (0, 0)), constant_values=fill)
    if x.shape[1] < kh or x.shape[2] < kw:
        raise ValueError(f"Form passt nicht: Bild {x.shape[1:3]} ist kleiner als das Fenster {window}.")
    return sliding_window_view(x, (kh, kw), axis=(1, 2))[:, ::sh, ::sw], x.shape, ph[0], pw[0]


def _scatter_windows(dwin: np.ndarray, padded_shape, strides, top: int, left: int, size) -> np.ndarray:
    """Add window gradients (N, H_out, W_out, kh, kw, C) back onto the image they came from (col2im).

    Loops over the kh·kw positions inside a window, never over pixels: each pass
    adds one (N, H_out, W_out, C) block with a strided slice.
    """
    n, ho, wo, kh, kw, c = dwin.shape
    sh, sw = strides
    dx = np.zeros(padded_shape, dtype=dwin.dtype)
    for i in range(kh):
        for j in range(kw):
            dx[:, i : i + sh * ho : sh, j : j + sw * wo : sw, :] += dwin[:, :, :, i, j, :]
    return dx[:, top : top + size[0], left : left + size[1], :]


def _conv2d_input_gradient(g2: np.ndarray, k: np.ndarray, out_shape, padded_shape, strides, top: int, left: int,
                           size) -> np.ndarray:
    """dx of a convolution: for each kernel position (a, b), g @ K[a, b]ᵀ added onto the pixels it came from.

    The same arithmetic as one product g @ Kᵀ followed by col2im, but each of the
    kh·kw products lands in one contiguous (N, H_out, W_out, C) block, so that
    adding it back is a plain strided slice (no scattered reads).
    """
    n, ho, wo = out_shape
    kh, kw, cin, _ = k.shape
    sh, sw = strides
    dx = np.zeros(padded_shape, dtype=np.result_type(g2, k))
    block = np.empty((n * ho * wo, cin), dtype=dx.dtype)
    for i in range(kh):
        for j in range(kw):
            np.matmul(g2, k[i, j].T, out=block)
            dx[:, i : i + sh * ho : sh, j : j + sw * wo : sw, :] += block.reshape(n, ho, wo, cin)
    return dx[:, top : top + size[0], left : left + size[1], :]


def conv2d(x, kernel: Tensor, bias: Tensor | None = None, strides=1, padding: str = "valid"):
    """out[n,i,j,f] = Σ_{a,b,c} x[n, i·s+a, j·s+b, c] · K[a,b,c,f] + b[f];  dK = windowsᵀ @ g, dx = g @ Kᵀ added back per window.

    x: (N, H, W, C) channels_last; kernel: (kh, kw, C, F) as in Keras; padding
    "valid" or "same". Vectorised by im2col: all windows become rows of one
    matrix (a strided view, copied once), the convolution becomes one matrix
    product; the backward pass is two products (dK in one, dx in kh·kw blocks).
    """
    x = as_tensor(x)
    a, k = x.data, kernel.data
    kh, kw, cin, cout = k.shape
    if a.ndim != 4 or a.shape[-1] != cin:
        raise ValueError(
            f"Form passt nicht: Eingabe {a.shape} und Filter {k.shape} – erwartet wird "
            f"(Bilder, Höhe, Breite, {cin}) mit {cin} Kanälen."
        )
    strides = _pair(strides)
    windows, padded_shape, top, left = _windows(a, (kh, kw), strides, padding)
    n, ho, wo = windows.shape[:3]
    cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(n * ho * wo, kh * kw * cin)  # im2col: one copy
    value = (cols @ k.reshape(-1, cout)).reshape(n, ho, wo, cout)
    if bias is not None:
        value += bias.data

    def backward(g):
        g2 = g.reshape(-1, cout)
        dk = (cols.T @ g2).reshape(k.shape) if kernel.requires_grad else None
        dx = None
        if x.requires_grad:
            dx = _conv2d_input_gradient(g2, k, (n, ho, wo), padded_shape, strides, top, left, a.shape[1:3])
        if bias is None:
            return dx, dk
        return dx, dk, (g2.sum(axis=0) if bias.requires_grad else None)

    parents = (x, kernel) if bias is None else (x, kernel, bias)
    return Tensor.from_op(value, parents, backward, "conv2d")


def max_pool2d(x, pool_size=2, strides=None, padding: str = "valid"):
    """out[n,i,j,c] = max of x over the window at (i·s, j·s);  dx = g routed to where each window's maximum was.

    x: (N, H, W, C); strides default to pool_size (non-overlapping windows, as in Keras).
    """
    x = as_tensor(x)
    a = x.data
    pool = _pair(pool_size)
    strides = _pair(strides if strides is not None else pool_size)
    windows, padded_shape, top, left = _windows(a, pool, strides, padding, fill=-np.inf)
    n, ho, wo, c, ph, pw = windows.shape
    flat = windows.reshape(n, ho, wo, c, ph * pw)
    where_max = flat.argmax(axis=-1)  # first maximum in each window
    value = np.take_along_axis(flat, where_max[..., None], -1)[..., 0]

    def backward(g):
        positions = np.arange(ph * pw).reshape(ph, pw)
        hits = where_max[:, :, :, None, None, :] == positions[:, :, None]  # (N, Ho, Wo, ph, pw, C)
        dwin = g[:, :, :, None, None, :] * hits
        return (_scatter_windows(dwin, padded_shape, strides, top, left, a.shape[1:3]),)

    return Tensor.from_op(value, (x,), backward, "max_pool2d")


# ================================================================= attention
def causal_mask(length: int, key_length: int | None = None) -> np.ndarray:
    """Boolean (length, key_length) mask: position i may look at positions j ≤ i only."""
    return np.tril(np.ones((length, key_length or length), dtype=bool))


def scaled_dot_product_attention(query, key, value, mask=None, causal: bool = False, return_weights: bool = False):
    """out = softmax(q kᵀ / √d) v over the last two axes (…, T, d), as one node.

    mask: boolean, broadcastable to (…, T_q, T_k); True means "may attend".
    causal: also hide the future (key j > query i). Hidden scores are set to
    -1e9 (as Keras does), so their weights are exactly 0. A query that may
    attend to nothing at all (a padding position) gets equal weights on every
    key, as in Keras' default path (its return_attention_scores path gives zeros
    there instead); such rows are padding and masked out further on anyway.

    Backward, written out: with W the weights and G = dL/d(out),
        dV = Wᵀ G;   dW = G Vᵀ;   dS = W ⊙ (dW - Σ_k dW ⊙ W)   (the softmax rule, row by row);
        dS = 0 where hidden;   dQ = dS K / √d;   dK = dSᵀ Q / √d.
    The weights are returned as a Tensor without a gradient of their own (for plots).
    """
    query, key, value = as_tensor(query), as_tensor(key), as_tensor(value)
    q, k, v = query.data, key.data, value.data
    scale = 1.0 / math.sqrt(q.shape[-1])
    scores = (q @ np.swapaxes(k, -1, -2)) * np.asarray(scale, dtype=q.dtype)
    keep = None if mask is None else np.asarray(mask, dtype=bool)
    if causal:
        tri = causal_mask(q.shape[-2], k.shape[-2])
        keep = tri if keep is None else keep & tri
    if keep is not None:
        scores = np.where(keep, scores, np.asarray(-1e9, dtype=scores.dtype))
    scores -= scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    out = weights @ v

    def backward(g):
        dv = np.swapaxes(weights, -1, -2) @ g if value.requires_grad else None
        dw = g @ np.swapaxes(v, -1, -2)
        ds = weights * (dw - (dw * weights).sum(axis=-1, keepdims=True))
        if keep is not None:
            ds = np.where(keep, ds, 0.0)
        ds *= scale
        dq = ds @ k if query.requires_grad else None
        dk = np.swapaxes(ds, -1, -2) @ q if key.requires_grad else None
        return _sum_to(dq, q.shape), _sum_to(dk, k.shape), _sum_to(dv, v.shape)

    result = Tensor.from_op(out, (query, key, value), backward, "attention")
    return (result, Tensor(weights)) if return_weights else result


def _sum_to(grad, shape):
    """A gradient reduced to ``shape`` where the forward pass broadcast (None stays None)."""
    if grad is None or grad.shape == shape:
        return grad
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=axes, keepdims=True) if axes else grad


# ================================================================= recurrent
def lstm(x, kernel: Tensor, recurrent_kernel: Tensor, bias: Tensor | None, h0, c0):
    """An LSTM over a whole sequence as one node: the forward loop and backpropagation through time written out.

    x (N, T, D); kernel (D, 4u), recurrent_kernel (u, 4u), bias (4u,) in Keras' gate
    order i, f, c, o; h0, c0 (N, u). Returns (N, T, 2u): h_t in [..., :u], c_t in
    [..., u:] for every step, so that the layer can hand out the sequence, the
    last state or both, and gradients may arrive at any h_t or c_t.

    Forward, per step:  z = x_t W + h U + b;  i, f, o = σ(z_i, z_f, z_o);  c̃ = tanh(z_c)
                        c_t = f·c_{t-1} + i·c̃;   h_t = o·tanh(c_t)
    Backward, from the last step to the first (dh, dc carry the gradient back in time):
        dh = G_h[t] + dh;   dc = G_c[t] + dc + dh·o·(1 - tanh²c_t)
        dz = [dc·c̃·i(1-i), dc·c_{t-1}·f(1-f), dc·i·(1-c̃²), dh·tanh(c_t)·o(1-o)]
        dh ← dz Uᵀ;   dc ← dc·f
    and at the end, over all steps at once: dW = Xᵀ dZ, dU = H_prevᵀ dZ, db = Σ dZ, dX = dZ Wᵀ.
    """
    x, h0, c0 = as_tensor(x), as_tensor(h0), as_tensor(c0)
    xs, w, u_ = x.data, kernel.data, recurrent_kernel.data
    n, steps, dim = xs.shape
    units = u_.shape[0]
    xz = xs @ w + (bias.data if bias is not None else 0.0)  # (N, T, 4u): the input part of every step at once
    dtype = np.result_type(xz, h0.data)
    gates = np.empty((n, steps, 4 * units), dtype=dtype)  # i, f, c̃, o after their activations
    hs = np.empty((n, steps + 1, units), dtype=dtype)  # h_{-1} = h0, h_0, …
    cs = np.empty((n, steps + 1, units), dtype=dtype)
    hs[:, 0], cs[:, 0] = h0.data, c0.data
    for t in range(steps):
        z = xz[:, t] + hs[:, t] @ u_
        g = gates[:, t]
        g[:, : 2 * units] = _sigmoid(z[:, : 2 * units])
        g[:, 2 * units : 3 * units] = np.tanh(z[:, 2 * units : 3 * units])
        g[:, 3 * units :] = _sigmoid(z[:, 3 * units :])
        cs[:, t + 1] = g[:, units : 2 * units] * cs[:, t] + g[:, :units] * g[:, 2 * units : 3 * units]
        hs[:, t + 1] = g[:, 3 * units :] * np.tanh(cs[:, t + 1])
    value = np.concatenate([hs[:, 1:], cs[:, 1:]], axis=-1)

    def backward(grad):
        gh, gc = grad[..., :units], grad[..., units:]
        dz = np.empty_like(gates)
        dh = np.zeros((n, units), dtype=dtype)
        dc = np.zeros((n, units), dtype=dtype)
        for t in range(steps - 1, -1, -1):
            i, f = gates[:, t, :units], gates[:, t, units : 2 * units]
            cc, o = gates[:, t, 2 * units : 3 * units], gates[:, t, 3 * units :]
            tc = np.tanh(cs[:, t + 1])
            dh = gh[:, t] + dh
            dc = gc[:, t] + dc + dh * o * (1.0 - tc * tc)
            dz[:, t, :units] = dc * cc * i * (1.0 - i)
            dz[:, t, units : 2 * units] = dc * cs[:, t] * f * (1.0 - f)
            dz[:, t, 2 * units : 3 * units] = dc * i * (1.0 - cc * cc)
            dz[:, t, 3 * units :] = dh * tc * o * (1.0 - o)
            dh = dz[:, t] @ u_.T
            dc = dc * f
        flat = dz.reshape(-1, 4 * units)
        dx = dz @ w.T if x.requires_grad else None
        dw = xs.reshape(-1, dim).T @ flat if kernel.requires_grad else None
        du = hs[:, :-1].reshape(-1, units).T @ flat if recurrent_kernel.requires_grad else None
        grads = [dx, dw, du]
        if bias is not None:
            grads.append(flat.sum(axis=0) if bias.requires_grad else None)
        return (*grads, dh if h0.requires_grad else None, dc if c0.requires_grad else None)

    parents = (x, kernel, recurrent_kernel) + ((bias,) if bias is not None else ()) + (h0, c0)
    return Tensor.from_op(value, parents, backward, "lstm")

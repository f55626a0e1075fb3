"""Layers: Dense, Conv2D, MaxPool2D, Flatten, Activation, SimpleRNNCell, SimpleRNN, LSTM, GRU, MultiHeadAttention.

As in Keras, a layer creates its weights on the first call (`build`, when the
input shape is known) and then computes (`call`). Weights have Keras' shapes
and order, so `get_weights()`/`set_weights()` move them between this engine
and Keras unchanged.

>>> import numpy as np
>>> from dlkurs.scratch import Dense
>>> layer = Dense(3, activation="relu", seed=0)
>>> layer(np.ones((2, 4))).shape
(2, 3)
>>> [w.shape for w in layer.get_weights()]
[(4, 3), (3,)]
"""

from __future__ import annotations

import functools
import math

import numpy as np

from dlkurs.scratch import functional as F
from dlkurs.scratch.tensor import Tensor, as_tensor, stack

__all__ = [
    "Layer", "Dense", "Activation", "Flatten", "Conv2D", "MaxPool2D",
    "SimpleRNNCell", "SimpleRNN", "LSTM", "GRU", "MultiHeadAttention", "initialize",
]


# ============================================================ initialisers
def initialize(name: str, shape: tuple, rng: np.random.Generator, dtype="float32", fans=None) -> np.ndarray:
    """A new weight array: "zeros", "ones", "glorot_uniform", "he_normal" or "orthogonal" (Keras' definitions).

    glorot_uniform: U(-l, l) with l = √(6 / (fan_in + fan_out));
    he_normal: N(0, 2 / fan_in) truncated at 2 standard deviations;
    orthogonal: the Q of a QR decomposition of a normal matrix.
    """
    fan_in, fan_out = fans if fans is not None else _fans(shape)
    if name == "zeros":
        w = np.zeros(shape)
    elif name == "ones":
        w = np.ones(shape)
    elif name == "glorot_uniform":
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        w = rng.uniform(-limit, limit, size=shape)
    elif name == "he_normal":
        std = math.sqrt(2.0 / fan_in) / 0.87962566103423978  # std of a normal truncated at ±2
        w = np.clip(rng.normal(0.0, std, size=shape), -2 * std, 2 * std)
    elif name == "orthogonal":
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        q, r = np.linalg.qr(rng.normal(size=(max(rows, cols), min(rows, cols))))
        q *= np.sign(np.diag(r))
        w = (q if rows >= cols else q.T).reshape(shape)
    else:
        raise ValueError(
            f"Unbekannter Initialisierer: {name!r}. Möglich sind zeros, ones, glorot_uniform, he_normal, orthogonal."
        )
    return w.astype(dtype)


def _fans(shape: tuple) -> tuple[int, int]:
    """fan_in, fan_out as Keras computes them: for a conv kernel (kh, kw, in, out), times kh·kw."""
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * receptive, shape[-1] * receptive


# =================================================================== Layer
class Layer:
    """Base class: `build(input_shape)` creates the weights once, `call(x)` computes the output.

    dtype: the weights' dtype ("float32" as in Keras; tests use "float64").
    Plain NumPy inputs are converted to it; Tensors keep their dtype.
    seed: seed for the initial weights (None: a fresh random start).
    """

    def __init_subclass__(cls, **kwargs):
        # As in Keras, a layer built by hand (`layer.build(shape)`) counts as built:
        # the first call must not create a second, fresh set of weights.
        super().__init_subclass__(**kwargs)
        if "build" in cls.__dict__:
            build = cls.__dict__["build"]

            @functools.wraps(build)
            def build_and_mark(self, *args, **kw):
                build(self, *args, **kw)
                self.built = True

            cls.build = build_and_mark

    def __init__(self, name: str | None = None, dtype="float32", seed: int | None = None):
        self.name = name or type(self).__name__.lower()
        self.dtype = np.dtype(dtype)
        self.rng = np.random.default_rng(seed)
        self.built = False
        self._weights: list[Tensor] = []

    def add_weight(self, shape, initializer: str = "glorot_uniform", name: str = "", fans=None) -> Tensor:
        """Create a trainable weight (a Tensor with requires_grad=True) and register it."""
        data = initialize(initializer, tuple(shape), self.rng, self.dtype, fans)
        weight = Tensor(data, requires_grad=True, name=f"{self.name}/{name}")
        self._weights.append(weight)
        return weight

    def build(self, input_shape: tuple) -> None:
        """Create the weights for inputs of this shape (the batch axis first)."""

    def call(self, x: Tensor) -> Tensor:
        """Compute the output."""
        raise NotImplementedError

    def __call__(self, x, *args, **kwargs) -> Tensor:
        if not isinstance(x, Tensor):
            x = Tensor(np.asarray(x, dtype=self.dtype))
        if not self.built:
            self.build(x.shape)
            self.built = True
        return self.call(x, *args, **kwargs)

    @property
    def weights(self) -> list[Tensor]:
        """The trainable weights, in Keras' order (e.g. kernel, bias)."""
        return list(self._weights)

    def get_weights(self) -> list[np.ndarray]:
        """Copies of the weight values, in the order Keras' `get_weights()` uses."""
        return [w.data.copy() for w in self._weights]

    def set_weights(self, values) -> None:
        """Overwrite the weights with these arrays (same shapes and order as `get_weights()`)."""
        values = list(values)
        if len(values) != len(self._weights):
            raise ValueError(
                f"{self.name} hat {len(self._weights)} Gewichte, übergeben wurden {len(values)}."
            )
        for weight, value in zip(self._weights, values):
            value = np.asarray(value)
            if value.shape != weight.shape:
                raise ValueError(
                    f"Form passt nicht: {weight.name} hat die Form {weight.shape}, übergeben wurde {value.shape}."
                )
            weight.data[...] = value

    def count_params(self) -> int:
        """Number of trainable numbers in this layer."""
        return sum(w.size for w in self._weights)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


# ============================================================== core layers
class Dense(Layer):
    """Fully connected layer: out = activation(x @ kernel + bias).

    units: dimensionality of the output space.
    activation: name ("relu", "sigmoid", "softmax", …) or function; None means linear.
    use_bias: whether to add a bias vector.
    kernel_initializer: "glorot_uniform" (Keras' default), "he_normal", ….
    """

    def __init__(self, units: int, activation=None, use_bias: bool = True,
                 kernel_initializer: str = "glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = F.get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer

    def build(self, input_shape):
        self.kernel = self.add_weight((input_shape[-1], self.units), self.kernel_initializer, "kernel")
        self.bias = self.add_weight((self.units,), "zeros", "bias") if self.use_bias else None

    def call(self, x):
        return self.activation(F.dense(x, self.kernel, self.bias))


class Activation(Layer):
    """Applies an activation function: out = activation(x)."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = F.get_activation(activation)

    def call(self, x):
        return self.activation(x)


class Flatten(Layer):
    """Flattens everything but the batch axis: (N, d1, d2, …) → (N, d1·d2·…)."""

    def call(self, x):
        return x.reshape(x.shape[0], -1)


# ======================================================= convolution, pooling
class Conv2D(Layer):
    """2-D convolution over (N, H, W, C) images: out = activation(conv2d(x, kernel) + bias).

    filters: number of output channels. kernel_size: int or (kh, kw).
    strides: int or (sh, sw). padding: "valid" (no padding) or "same" (output = ⌈input / stride⌉).
    The kernel has Keras' shape (kh, kw, in_channels, filters).
    """

    def __init__(self, filters: int, kernel_size, strides=1, padding: str = "valid", activation=None,
                 use_bias: bool = True, kernel_initializer: str = "glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = F._pair(kernel_size)
        self.strides = F._pair(strides)
        self.padding = padding
        self.activation = F.get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer

    def build(self, input_shape):
        shape = (*self.kernel_size, input_shape[-1], self.filters)
        self.kernel = self.add_weight(shape, self.kernel_initializer, "kernel")
        self.bias = self.add_weight((self.filters,), "zeros", "bias") if self.use_bias else None

    def call(self, x):
        return self.activation(F.conv2d(x, self.kernel, self.bias, self.strides, self.padding))


class MaxPool2D(Layer):
    """Max pooling over (N, H, W, C): the largest value of each pool_size window.

    pool_size: int or (ph, pw). strides: defaults to pool_size. padding: "valid" or "same".
    """

    def __init__(self, pool_size=2, strides=None, padding: str = "valid", **kwargs):
        super().__init__(**kwargs)
        self.pool_size, self.strides, self.padding = pool_size, strides, padding

    def call(self, x):
        return F.max_pool2d(x, self.pool_size, self.strides, self.padding)


# ================================================================ recurrent
class SimpleRNNCell(Layer):
    """One time step of a simple RNN: h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias).

    units: size of the state h. Weights as in Keras: kernel (input_dim, units),
    recurrent_kernel (units, units, orthogonal start), bias (units,).
    """

    def __init__(self, units: int, activation="tanh", use_bias: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = F.get_activation(activation)
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight((input_shape[-1], self.units), "glorot_uniform", "kernel")
        self.recurrent_kernel = self.add_weight((self.units, self.units), "orthogonal", "recurrent_kernel")
        self.bias = self.add_weight((self.units,), "zeros", "bias") if self.use_bias else None

    def call(self, x_t, h):
        """The next state from this step's input x_t (N, input_dim) and the previous state h (N, units)."""
        return self.activation(F.dense(x_t, self.kernel, self.bias) + h @ self.recurrent_kernel)


class SimpleRNN(Layer):
    """A simple RNN over sequences (N, T, input_dim): runs `SimpleRNNCell` from h_0 = 0 through all T steps.

    return_sequences: False returns the last state (N, units); True all states (N, T, units).
    Backpropagation through time is the engine's ordinary backward pass over the unrolled steps.
    """

    def __init__(self, units: int, activation="tanh", use_bias: bool = True, return_sequences: bool = False,
                 **kwargs):
        super().__init__(**kwargs)
        self.cell = SimpleRNNCell(units, activation, use_bias, name=f"{self.name}/cell",
                                  dtype=kwargs.get("dtype", "float32"), seed=kwargs.get("seed"))
        self.units = units
        self.return_sequences = return_sequences

    def build(self, input_shape):
        self.cell.build(input_shape)
        self.cell.built = True
        self._weights = self.cell._weights

    def call(self, x):
        if x.ndim != 3:
            raise ValueError(f"Form passt nicht: SimpleRNN erwartet (Beispiele, Zeitschritte, Merkmale), nicht {x.shape}.")
        h = Tensor(np.zeros((x.shape[0], self.units), dtype=self.cell.kernel.dtype))
        states = []
        for t in range(x.shape[1]):
            h = self.cell(x[:, t, :], h)
            states.append(h)
        return stack(states, axis=1) if self.return_sequences else h


class _Recurrent(Layer):
    """Shared loop of LSTM and GRU: the input projection for all steps at once, then one cell step per time step."""

    #: how many states the cell carries (LSTM: h and c; GRU: h)
    n_states = 1

    def __init__(self, units: int, activation="tanh", recurrent_activation="sigmoid", use_bias: bool = True,
                 return_sequences: bool = False, return_state: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = F.get_activation(activation)
        self.recurrent_activation = F.get_activation(recurrent_activation)
        self.use_bias = use_bias
        self.return_sequences = return_sequences
        self.return_state = return_state

    def _zeros(self, n: int) -> Tensor:
        return Tensor(np.zeros((n, self.units), dtype=self.dtype))

    def __call__(self, x, initial_state=None):
        if not isinstance(x, Tensor):
            x = Tensor(np.asarray(x, dtype=self.dtype))
        if x.ndim != 3:
            raise ValueError(
                f"Form passt nicht: {type(self).__name__} erwartet (Beispiele, Zeitschritte, Merkmale), nicht {x.shape}."
            )
        if not self.built:
            self.build(x.shape)
        if initial_state is None:
            states = [self._zeros(x.shape[0]) for _ in range(self.n_states)]
        else:
            given = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            if len(given) != self.n_states:
                raise ValueError(f"{type(self).__name__} braucht {self.n_states} Anfangszustände, nicht {len(given)}.")
            states = [s if isinstance(s, Tensor) else Tensor(np.asarray(s, dtype=self.dtype)) for s in given]
        projected = self._project_inputs(x)  # (N, T, k·units): x_t · kernel (+ bias) for every step at once
        outputs = []
        for t in range(x.shape[1]):
            states = self._step(projected[:, t, :], states)
            outputs.append(states[0])
        output = stack(outputs, axis=1) if self.return_sequences else states[0]
        return (output, *states) if self.return_state else output


class LSTM(_Recurrent):
    """Long short-term memory over sequences (N, T, input_dim), with Keras' weights and gate order.

    Per step, z = x_t·kernel + h·recurrent_kernel + bias is split into four gates
    in Keras' order i, f, c, o: i = σ(z_i), f = σ(z_f), c̃ = tanh(z_c), o = σ(z_o);
    then c_t = f·c_{t-1} + i·c̃ and h_t = o·tanh(c_t). The forget part of the
    bias starts at 1 (Keras' ``unit_forget_bias``).
    Weights: kernel (input_dim, 4·units), recurrent_kernel (units, 4·units), bias (4·units,).
    return_sequences: all h_t (N, T, units) instead of the last. return_state:
    returns (output, h_T, c_T), as Keras. initial_state: [h_0, c_0].
    """

    n_states = 2

    def build(self, input_shape):
        u = self.units
        self.kernel = self.add_weight((input_shape[-1], 4 * u), "glorot_uniform", "kernel")
        self.recurrent_kernel = self.add_weight((u, 4 * u), "orthogonal", "recurrent_kernel")
        if self.use_bias:
            self.bias = self.add_weight((4 * u,), "zeros", "bias")
            self.bias.data[u : 2 * u] = 1.0  # unit_forget_bias
        else:
            self.bias = None

    def _project_inputs(self, x):
        return F.dense(x, self.kernel, self.bias)

    def __call__(self, x, initial_state=None):
        standard = self.activation is F.tanh and self.recurrent_activation is F.sigmoid
        if not standard:  # other activations: the general loop, one graph node per operation
            return super().__call__(x, initial_state)
        if not isinstance(x, Tensor):
            x = Tensor(np.asarray(x, dtype=self.dtype))
        if x.ndim != 3:
            raise ValueError(f"Form passt nicht: LSTM erwartet (Beispiele, Zeitschritte, Merkmale), nicht {x.shape}.")
        if not self.built:
            self.build(x.shape)
        if initial_state is None:
            h0, c0 = self._zeros(x.shape[0]), self._zeros(x.shape[0])
        else:
            if not isinstance(initial_state, (list, tuple)) or len(initial_state) != 2:
                raise ValueError("LSTM braucht 2 Anfangszustände [h_0, c_0].")
            h0, c0 = (s if isinstance(s, Tensor) else Tensor(np.asarray(s, dtype=self.dtype)) for s in initial_state)
        u = self.units
        seq = F.lstm(x, self.kernel, self.recurrent_kernel, self.bias, h0, c0)  # (N, T, 2u): h_t and c_t
        output = seq[:, :, :u] if self.return_sequences else seq[:, -1, :u]
        return (output, seq[:, -1, :u], seq[:, -1, u:]) if self.return_state else output

    def _step(self, xz, states):
        h, c = states
        u = self.units
        z = xz + h @ self.recurrent_kernel
        i = self.recurrent_activation(z[:, :u])
        f = self.recurrent_activation(z[:, u : 2 * u])
        candidate = self.activation(z[:, 2 * u : 3 * u])
        o = self.recurrent_activation(z[:, 3 * u :])
        c = f * c + i * candidate
        h = o * self.activation(c)
        return [h, c]


class GRU(_Recurrent):
    """Gated recurrent unit over sequences (N, T, input_dim), as Keras' default GRU (``reset_after=True``).

    Gates in Keras' order z, r, h: with x-parts x_z, x_r, x_h = x_t·kernel + bias[0]
    and recurrent parts r_z, r_r, r_h = h·recurrent_kernel + bias[1]:
    z = σ(x_z + r_z), r = σ(x_r + r_r), h̃ = tanh(x_h + r·r_h), h_t = z·h_{t-1} + (1 - z)·h̃.
    Weights: kernel (input_dim, 3·units), recurrent_kernel (units, 3·units), bias (2, 3·units).
    return_state: returns (output, h_T). initial_state: h_0 (or [h_0]).
    """

    def build(self, input_shape):
        u = self.units
        self.kernel = self.add_weight((input_shape[-1], 3 * u), "glorot_uniform", "kernel")
        self.recurrent_kernel = self.add_weight((u, 3 * u), "orthogonal", "recurrent_kernel")
        self.bias = self.add_weight((2, 3 * u), "zeros", "bias") if self.use_bias else None

    def _project_inputs(self, x):
        return F.dense(x, self.kernel, None if self.bias is None else self.bias[0])

    def _step(self, xz, states):
        (h,) = states
        u = self.units
        rec = h @ self.recurrent_kernel
        if self.bias is not None:
            rec = rec + self.bias[1]
        z = self.recurrent_activation(xz[:, :u] + rec[:, :u])
        r = self.recurrent_activation(xz[:, u : 2 * u] + rec[:, u : 2 * u])
        candidate = self.activation(xz[:, 2 * u :] + r * rec[:, 2 * u :])
        h = z * h + (1.0 - z) * candidate
        return [h]


# ================================================================ attention
class MultiHeadAttention(Layer):
    """Multi-head scaled dot-product attention, with the weights of keras.layers.MultiHeadAttention.

    Each head h projects q = query·Wq[h], k = key·Wk[h], v = value·Wv[h], computes
    softmax(q kᵀ / √key_dim) v, and the heads are combined by an output projection.
    num_heads: number of heads. key_dim: size of each head's query and key.
    value_dim: size of each head's value (default key_dim).
    Call: layer(query, value=None, key=None, attention_mask=None, use_causal_mask=False);
    value defaults to query (self-attention), key to value. attention_mask:
    boolean (N, T_query, T_key), True where a query position may attend to a
    key position (e.g. not to padding); combined with the causal mask by "and",
    as in Keras.
    """

    def __init__(self, num_heads: int, key_dim: int, value_dim: int | None = None, use_bias: bool = True,
                 **kwargs):
        super().__init__(**kwargs)
        self.num_heads, self.key_dim = num_heads, key_dim
        self.value_dim = value_dim or key_dim
        self.use_bias = use_bias

    def build(self, query_shape, value_shape=None, key_shape=None):
        value_shape = value_shape or query_shape
        key_shape = key_shape or value_shape
        h, k, v = self.num_heads, self.key_dim, self.value_dim

        def projection(name, dim_in, per_head):
            kernel = self.add_weight((dim_in, h, per_head), "glorot_uniform", f"{name}/kernel",
                                     fans=(dim_in, h * per_head))
            bias = self.add_weight((h, per_head), "zeros", f"{name}/bias") if self.use_bias else None
            return kernel, bias

        self.query_kernel, self.query_bias = projection("query", query_shape[-1], k)
        self.key_kernel, self.key_bias = projection("key", key_shape[-1], k)
        self.value_kernel, self.value_bias = projection("value", value_shape[-1], v)
        self.output_kernel = self.add_weight((h, v, query_shape[-1]), "glorot_uniform", "attention_output/kernel",
                                             fans=(h * v, query_shape[-1]))
        self.output_bias = (self.add_weight((query_shape[-1],), "zeros", "attention_output/bias")
                            if self.use_bias else None)

    def _heads(self, x, kernel, bias):
        """(N, T, D) → (N, heads, T, dim): one dense projection, then split into heads."""
        n, t = x.shape[0], x.shape[1]
        dim_in, heads, per_head = kernel.shape
        b = None if bias is None else bias.reshape(heads * per_head)
        y = F.dense(x, kernel.reshape(dim_in, heads * per_head), b)
        return y.reshape(n, t, heads, per_head).transpose(0, 2, 1, 3)

    def __call__(self, query, value=None, key=None, attention_mask=None, use_causal_mask: bool = False,
                 return_attention_scores: bool = False):
        query = query if isinstance(query, Tensor) else Tensor(np.asarray(query, dtype=self.dtype))
        value = query if value is None else as_tensor(value, dtype=self.dtype)
        key = value if key is None else as_tensor(key, dtype=self.dtype)
        if not self.built:
            self.build(query.shape, value.shape, key.shape)
            self.built = True
        q = self._heads(query, self.query_kernel, self.query_bias)
        k = self._heads(key, self.key_kernel, self.key_bias)
        v = self._heads(value, self.value_kernel, self.value_bias)
        mask = None
        if attention_mask is not None:
            mask = np.asarray(attention_mask, dtype=bool)
            expected = (query.shape[0], query.shape[1], key.shape[1])
            if mask.shape != expected:
                raise ValueError(
                    f"Form passt nicht: attention_mask hat die Form {mask.shape}, erwartet (Beispiele, "
                    f"Query-Positionen, Key-Positionen) = {expected}."
                )
            mask = mask[:, None, :, :]  # the same mask for every head
        out, weights = F.scaled_dot_product_attention(q, k, v, mask=mask, causal=use_causal_mask,
                                                      return_weights=True)
        n, t = query.shape[0], query.shape[1]
        heads = out.transpose(0, 2, 1, 3).reshape(n, t, self.num_heads * self.value_dim)
        kernel = self.output_kernel.reshape(self.num_heads * self.value_dim, -1)
        result = F.dense(heads, kernel, self.output_bias)
        return (result, weights) if return_attention_scores else result

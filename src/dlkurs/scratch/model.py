"""Sequential: layers in a row, trained with `compile` and `fit` as in Keras.

>>> import numpy as np
>>> from dlkurs.scratch import Sequential, Dense
>>> x = np.random.default_rng(0).normal(size=(256, 2))
>>> y = (x[:, 0] * x[:, 1] > 0).astype(int)           # XOR-like quadrants
>>> model = Sequential([Dense(16, activation="relu", seed=1), Dense(2, activation="softmax", seed=2)])
>>> model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
>>> history = model.fit(x, y, batch_size=32, epochs=3, seed=0, verbose=0)
>>> sorted(history)
['accuracy', 'loss']
>>> model.predict(x[:3]).shape
(3, 2)
"""

from __future__ import annotations

import time

import numpy as np

from dlkurs.scratch import functional as F
from dlkurs.scratch.layers import Layer
from dlkurs.scratch.optimizers import get_optimizer
from dlkurs.scratch.tensor import Tensor, no_grad

__all__ = ["Sequential", "History"]


class History(dict):
    """Per-epoch values, e.g. {"loss": [...], "accuracy": [...], "val_loss": [...]}.

    A dict, and also readable as in Keras: `history.history["loss"]`.
    """

    @property
    def history(self) -> "History":
        return self

    @property
    def epoch(self) -> list[int]:
        return list(range(len(next(iter(self.values()), []))))


def _metric(name: str, loss_name: str):
    """A metric as a function (y_true, y_pred) -> per-sample values, chosen as Keras chooses them."""
    if name in ("accuracy", "acc"):
        def accuracy(y, p):
            if loss_name == "sparse_categorical_crossentropy":  # class numbers vs argmax
                labels = y[..., 0] if y.ndim == p.ndim else y
                return (p.argmax(axis=-1) == labels) * 1.0
            if loss_name == "binary_crossentropy" or p.shape[-1] == 1:  # threshold 0.5
                hits = (p > 0.5) == (y.reshape(p.shape) > 0.5)
                return hits.reshape(len(p), -1).mean(axis=-1)
            return (p.argmax(axis=-1) == y.argmax(axis=-1)) * 1.0  # one-hot vs argmax

        return accuracy
    if name in ("mae", "mean_absolute_error"):
        return lambda y, p: np.abs(p - y.reshape(p.shape)).reshape(len(p), -1).mean(axis=-1)
    if name in ("mse", "mean_squared_error"):
        return lambda y, p: np.square(p - y.reshape(p.shape)).reshape(len(p), -1).mean(axis=-1)
    raise ValueError(f"Unbekannte Metrik: {name!r}. Möglich sind accuracy, mae, mse.")


class Sequential:
    """A stack of layers, each feeding the next.

    layers: a list of layers (more with `add`).
    Train it as in Keras: `compile(optimizer, loss, metrics)`, then
    `fit(x, y, batch_size, epochs)`; `evaluate` and `predict` run without
    recording the graph.
    """

    def __init__(self, layers: list[Layer] | None = None, name: str = "sequential"):
        self.layers: list[Layer] = list(layers or [])
        self.name = name
        self.optimizer = None
        self.loss = None
        self.metrics: list[str] = []

    def add(self, layer: Layer) -> None:
        """Append a layer."""
        self.layers.append(layer)

    def __call__(self, x) -> Tensor:
        """The forward pass: out = layer_n(…layer_1(x))."""
        for layer in self.layers:
            x = layer(x)
        return x

    def build(self, input_shape: tuple) -> None:
        """Create all weights for inputs of shape input_shape (without the batch axis)."""
        with no_grad():
            self(np.zeros((1, *input_shape), dtype=self._dtype()))

    def _dtype(self):
        return self.layers[0].dtype if self.layers else np.dtype("float32")

    @property
    def weights(self) -> list[Tensor]:
        """All trainable weights, layer by layer (Keras' order)."""
        return [w for layer in self.layers for w in layer.weights]

    def get_weights(self) -> list[np.ndarray]:
        """Copies of all weight values (Keras' order: usable with keras_model.set_weights)."""
        return [w.data.copy() for w in self.weights]

    def set_weights(self, values) -> None:
        """Overwrite all weights (e.g. with keras_model.get_weights())."""
        values = list(values)
        for layer in self.layers:
            count = len(layer.weights)
            layer.set_weights(values[:count])
            values = values[count:]
        if values:
            raise ValueError(f"{len(values)} Gewichte zu viel übergeben.")

    def count_params(self) -> int:
        """Number of trainable numbers."""
        return sum(w.size for w in self.weights)

    def summary(self) -> None:
        """Print each layer, its weight shapes and parameter count."""
        print(f'Modell "{self.name}"')
        for layer in self.layers:
            shapes = ", ".join(str(w.shape) for w in layer.weights) or "–"
            print(f"  {layer.name:<20} {shapes:<32} {layer.count_params():>10,}")
        print(f"  Parameter insgesamt: {self.count_params():,}")

    # ------------------------------------------------------------- training
    def compile(self, optimizer="rmsprop", loss="mean_squared_error", metrics=None) -> None:
        """Choose the optimizer (name or object), the loss (name or function) and metrics (e.g. ["accuracy"])."""
        self.optimizer = get_optimizer(optimizer)
        self.loss = F.get_loss(loss)
        loss_name = getattr(getattr(self.loss, "func", self.loss), "__name__", "")  # partial → its function
        self.metrics = list(metrics or [])
        self._metric_fns = {m: _metric(m, loss_name) for m in self.metrics}

    def _check_compiled(self):
        if self.loss is None:
            raise RuntimeError("Das Modell ist noch nicht kompiliert: zuerst model.compile(...) aufrufen.")

    def train_on_batch(self, x, y) -> tuple[float, np.ndarray]:
        """One step: forward, loss, backward, update. Returns the batch loss and the predictions."""
        out = self(x)
        loss = self.loss(y, out)
        params = self.weights
        for p in params:
            p.grad = None
        loss.backward()
        self.optimizer.step(params)
        return float(loss.data), out.data

    def fit(self, x, y, batch_size: int = 32, epochs: int = 1, shuffle: bool = True, seed: int | None = None,
            validation_data=None, verbose: int = 1) -> History:
        """Train for `epochs` passes over (x, y) in mini-batches; returns the per-epoch History.

        shuffle: a new random order of the samples each epoch (seed makes it repeatable).
        validation_data: (x_val, y_val), evaluated after each epoch as val_loss, val_<metric>.
        Epoch values are means over all samples, as Keras reports them.
        """
        self._check_compiled()
        x = np.asarray(x, dtype=self._dtype())
        y = np.asarray(y)
        if len(x) != len(y):
            raise ValueError(f"x hat {len(x)} Beispiele, y aber {len(y)} – es müssen gleich viele sein.")
        rng = np.random.default_rng(seed)
        history = History()
        n = len(x)
        for epoch in range(epochs):
            start = time.perf_counter()
            order = rng.permutation(n) if shuffle else None
            loss_sum = 0.0
            metric_sums = dict.fromkeys(self.metrics, 0.0)
            for begin in range(0, n, batch_size):
                if order is None:
                    xb, yb = x[begin : begin + batch_size], y[begin : begin + batch_size]
                else:
                    idx = order[begin : begin + batch_size]
                    xb, yb = x[idx], y[idx]
                loss, pred = self.train_on_batch(xb, yb)
                loss_sum += loss * len(xb)
                for m, fn in self._metric_fns.items():
                    metric_sums[m] += float(fn(yb, pred).sum())
            history.setdefault("loss", []).append(loss_sum / n)
            for m in self.metrics:
                history.setdefault(m, []).append(metric_sums[m] / n)
            if validation_data is not None:
                values = self.evaluate(*validation_data, batch_size=batch_size, return_dict=True)
                for key, value in values.items():
                    history.setdefault(f"val_{key}", []).append(value)
            if verbose:
                parts = " – ".join(f"{k}: {v[-1]:.4f}" for k, v in history.items())
                print(f"Epoche {epoch + 1}/{epochs} – {parts} ({time.perf_counter() - start:.1f} s)")
        return history

    def evaluate(self, x, y, batch_size: int = 32, return_dict: bool = False):
        """Loss (and metrics) over (x, y), without training: a number, or [loss, metric, …] as in Keras."""
        self._check_compiled()
        x = np.asarray(x, dtype=self._dtype())
        y = np.asarray(y)
        loss_sum = 0.0
        metric_sums = dict.fromkeys(self.metrics, 0.0)
        with no_grad():
            for begin in range(0, len(x), batch_size):
                xb, yb = x[begin : begin + batch_size], y[begin : begin + batch_size]
                out = self(xb)
                loss_sum += float(self.loss(yb, out).data) * len(xb)
                for m, fn in self._metric_fns.items():
                    metric_sums[m] += float(fn(yb, out.data).sum())
        values = {"loss": loss_sum / len(x), **{m: s / len(x) for m, s in metric_sums.items()}}
        if return_dict:
            return values
        return values["loss"] if not self.metrics else list(values.values())

    def predict(self, x, batch_size: int = 32) -> np.ndarray:
        """The model's outputs for x, computed batch by batch without recording the graph."""
        x = np.asarray(x, dtype=self._dtype())
        with no_grad():
            return np.concatenate([self(x[i : i + batch_size]).data for i in range(0, len(x), batch_size)])

"""Exercises whose answer is a Keras model, checked by behaviour.

A model is called on sample inputs and judged by what it does: the shape of
its output, its parameter count (``model.count_params()``), the range of its
outputs where the output activation matters, and, if the exercise gives data,
the metric it reaches on held-out data, computed by the checker from the
model's predictions. Only public Keras API is used, so the checks run under
the TensorFlow and the JAX backend alike. Keras is imported on first use.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dlkurs.exercises.compare import clean, fmt_number, shape_text, short, to_numpy
from dlkurs.exercises.exercise import CHECK_SEED, MISSING, Exercise, Right, Wrong, resolve
from dlkurs.exercises.verdict import Falsch

#: metric name -> (German label, higher is better)
METRICS = {
    "accuracy": ("Genauigkeit", True),
    "mae": ("mittlerer absoluter Fehler (MAE)", False),
    "mse": ("mittlerer quadratischer Fehler (MSE)", False),
}

_ACTIVATIONS = ("softmax", "sigmoid", "linear")


def flat_layers(model: Any, depth: int = 0) -> list[Any]:
    """The model's layers with nested models (``Sequential`` inside ``Sequential``) expanded."""
    out: list[Any] = []
    for layer in getattr(model, "layers", []) or []:
        if depth < 5 and getattr(layer, "layers", None) and hasattr(layer, "count_params") and _is_model(layer):
            out.extend(flat_layers(layer, depth + 1))
        else:
            out.append(layer)
    return out


def _is_model(obj: Any) -> bool:
    try:
        import keras

        return isinstance(obj, keras.Model)
    except Exception:  # pragma: no cover
        return False


def layer_activation(layer: Any) -> str | None:
    """The activation a layer applies ("softmax", "relu", "linear", …), from its public config.

    Where the config does not name it (a lambda, a layer object passed as
    activation), the activation function is tried on a few numbers and
    recognised by what it does; an unknown one is "eigene Funktion".
    """
    kind = type(layer).__name__
    if kind == "Softmax":
        return "softmax"
    if kind == "ReLU":
        return "relu"
    try:
        act = layer.get_config().get("activation", _NO_CONFIG)
    except Exception:
        act = _NO_CONFIG
    if isinstance(act, str):
        return "linear" if act in ("None", "identity") else act
    if act is None:
        return None
    return _recognise(getattr(layer, "activation", None))


_NO_CONFIG = object()


def _recognise(fn: Any) -> str | None:
    """The name of an activation function, recognised by its values on [-3, 3]."""
    if not callable(fn):
        return None
    x = np.linspace(-3.0, 3.0, 13, dtype="float32")[None, :]
    try:
        y = np.asarray(to_numpy(fn(x)), dtype="float64")
    except Exception:
        return "eigene Funktion"
    e = np.exp(x - x.max())
    known = {
        "linear": x,
        "relu": np.maximum(x, 0.0),
        "sigmoid": 1.0 / (1.0 + np.exp(-x)),
        "tanh": np.tanh(x),
        "softmax": e / e.sum(axis=-1, keepdims=True),
    }
    for name, values in known.items():
        if y.shape == values.shape and np.allclose(y, values, atol=1e-4):
            return name
    return "eigene Funktion"


def _last_activation(model: Any) -> str | None:
    """The activation of the model's last layer (nested models expanded), read from its public config."""
    layers = flat_layers(model)
    return layer_activation(layers[-1]) if layers else None


_WEIGHTED = ("Dense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv2D", "DepthwiseConv2D", "SimpleRNN", "LSTM", "GRU")
_ACTIVATION_LAYERS = ("Activation", "ReLU", "LeakyReLU", "Softmax", "ELU", "PReLU")


def hidden_activations(model: Any) -> list[tuple[str, str | None]]:
    """(layer name, effective activation) of every hidden weighted layer (Dense, Conv…).

    The last weighted layer is the output layer and not listed. A linear layer
    followed directly by an activation layer (``Dense(64)``, ``Activation("relu")``)
    counts with that activation.
    """
    layers = flat_layers(model)
    weighted = [i for i, layer in enumerate(layers) if type(layer).__name__ in _WEIGHTED]
    result = []
    for i in weighted[:-1]:
        act = layer_activation(layers[i])
        if act in (None, "linear"):
            for follower in layers[i + 1 :]:
                kind = type(follower).__name__
                if kind in _ACTIVATION_LAYERS:
                    act = layer_activation(follower) if kind != "LeakyReLU" else "leaky_relu"
                    break
                if kind not in ("BatchNormalization", "LayerNormalization", "Dropout"):
                    break
        result.append((getattr(layers[i], "name", type(layers[i]).__name__), act))
    return result


_LOSS_ALIASES = {
    "mse": "mean_squared_error",
    "mae": "mean_absolute_error",
    "msle": "mean_squared_logarithmic_error",
    "mape": "mean_absolute_percentage_error",
    "bce": "binary_crossentropy",
    "cce": "categorical_crossentropy",
    "scce": "sparse_categorical_crossentropy",
}


def _snake(name: str) -> str:
    import re

    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return _LOSS_ALIASES.get(name, name)


def loss_name(loss: Any) -> str | None:
    """The canonical snake-case name of a compiled loss, whichever way it was given.

    ``"mse"``, ``"mean_squared_error"``, ``keras.losses.MeanSquaredError()`` and
    ``keras.losses.mean_squared_error`` all give ``"mean_squared_error"``.
    """
    if loss is None:
        return None
    if isinstance(loss, str):
        return _snake(loss)
    if isinstance(loss, dict):
        inner = loss.get("config") if isinstance(loss.get("config"), dict) else {}
        name = loss.get("class_name") or inner.get("name")
        if name in ("function", "Function") and isinstance(loss.get("config"), str):
            name = loss["config"]
        return _snake(str(name)) if name else None
    if isinstance(loss, type):  # the class itself, not an instance: Keras cannot call it as a loss
        return f"{_snake(loss.__name__)} (Klasse ohne Klammern)"
    if hasattr(loss, "get_config") and not hasattr(loss, "__code__"):
        return _snake(type(loss).__name__)
    name = getattr(loss, "__name__", None)
    return _snake(name) if isinstance(name, str) else None


def compiled_loss(model: Any) -> Any:
    loss = getattr(model, "loss", None)
    if loss is None:
        try:
            loss = (model.get_compile_config() or {}).get("loss")
        except Exception:
            loss = None
    return loss


def metric_names(model: Any) -> list[str]:
    """The names of the metrics the model was compiled with (as ``history`` will name them)."""
    try:
        config = model.get_compile_config() or {}
    except Exception:  # e.g. a loss class without parentheses cannot be serialised: read the raw settings
        raw = getattr(getattr(model, "_compile_config", None), "config", None)
        config = raw if isinstance(raw, dict) else {}
    metrics = config.get("metrics") or []
    if isinstance(metrics, dict):
        metrics = [m for value in metrics.values() for m in (value if isinstance(value, (list, tuple)) else [value])]
    names = []
    for metric in metrics if isinstance(metrics, (list, tuple)) else [metrics]:
        if isinstance(metric, str):
            names.append(metric)
        elif isinstance(metric, dict):
            inner = metric.get("config") if isinstance(metric.get("config"), dict) else {}
            names.append(str(inner.get("name") or _snake(str(metric.get("class_name", "")))))
        elif metric is not None:
            names.append(str(getattr(metric, "name", None) or getattr(metric, "__name__", type(metric).__name__)))
    return names


def model_copy(model: Any, x: np.ndarray) -> Any:
    """A clone of ``model`` with the same weights, built on ``x[:1]``, so calls never touch the learner's model.

    Falls back to the model itself where Keras cannot clone it (a subclassed
    model without ``get_config``); calling it in inference changes nothing there.
    """
    import keras

    try:
        copy = keras.models.clone_model(model)
    except Exception:
        return model
    copy(x[:1], training=False)
    if model.built:
        copy.set_weights(model.get_weights())
    return copy


def compile_problem(
    model: Any,
    *,
    optimizer: str,
    loss: str,
    learning_rate: float | None = None,
    metric: str | None = None,
    remedy: str = "",
) -> str | None:
    """What is wrong with how ``model`` was compiled, in German, or None.

    ``optimizer`` is the class name the task asks for ("Adam", "RMSprop"),
    ``loss`` the canonical loss name (see :func:`loss_name`), ``learning_rate``
    the required rate (None: any), ``metric`` a metric that must be compiled in
    (None: any). ``remedy`` is appended to every message (e.g. " – compile
    bleibt wie in baue_convnet"). Reads only public state: nothing changes.
    """
    import keras

    if getattr(model, "optimizer", None) is None:
        return f"Das Modell ist nicht kompiliert – rufe compile(optimizer=…, loss=…) auf{remedy}"
    kind = type(model.optimizer).__name__
    if kind != optimizer:
        return f"Der Optimierer ist {kind} statt {optimizer}{remedy}"
    if learning_rate is not None:
        try:
            rate = float(np.asarray(keras.ops.convert_to_numpy(model.optimizer.learning_rate)))
        except Exception:  # a schedule: not the plain rate the task asks for
            rate = float("nan")
        if not np.isclose(rate, learning_rate, rtol=1e-6, atol=0.0):
            return f"{optimizer} mit der Lernrate {rate:g} statt {learning_rate:g}{remedy}"
    try:
        found = loss_name(compiled_loss(model))
    except Exception:
        found = None
    if found != loss:
        return f"Verlustfunktion {found!r} statt {loss!r}{remedy}"
    if metric is not None and metric not in metric_names(model):
        return (f"Das Modell wird ohne die Metrik {metric!r} kompiliert – compile(..., metrics=[\"{metric}\"])"
                f"{remedy}")
    return None


def _metric(name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    y_pred = np.asarray(y_pred, dtype="float64")
    y_true = np.asarray(y_true)
    if name == "accuracy":
        if y_pred.ndim >= 2 and y_pred.shape[-1] > 1:
            predicted = y_pred.argmax(axis=-1)
            one_hot = y_true.ndim == y_pred.ndim and y_true.shape[-1] == y_pred.shape[-1]
            truth = y_true.argmax(axis=-1) if one_hot else y_true.reshape(predicted.shape)  # (N,) or (N, 1) labels
        else:
            predicted = (y_pred.reshape(-1) > 0.5).astype(int)
            truth = y_true.reshape(-1).astype(int)
        return float(np.mean(predicted == truth))
    diff = y_pred.reshape(y_pred.shape[0], -1) - np.asarray(y_true, dtype="float64").reshape(y_pred.shape[0], -1)
    if name == "mae":
        return float(np.mean(np.abs(diff)))
    if name == "mse":
        return float(np.mean(diff**2))
    raise ValueError(f"unknown metric {name!r}; known: {', '.join(METRICS)}")


class ModelExercise(Exercise):
    """The answer is a Keras model; it is judged by behaviour.

    input_shape: shape of one example, e.g. ``(784,)``; the model is called on
        a small batch of this shape (random numbers, or ``sample()``).
    output_shape: shape of one output, e.g. ``(10,)``.
    params: exact parameter count, or ``(low, high)``; None: not checked.
    activation: "softmax" (outputs in [0, 1] that sum to 1), "sigmoid"
        (outputs in [0, 1]) or "linear" (last layer without activation);
        None: not checked.
    compiled: the model must be compiled (implied by ``epochs``).
    data: ``lazy``-style factory returning ``(x_train, y_train, x_test, y_test)``,
        small enough to train in seconds.
    epochs, batch_size: with ``epochs``, a fresh copy of the model (same
        architecture and compile settings, new weights) is trained on the
        training data; the learner's model stays untouched. Without, the
        learner's (trained) model is evaluated as it is.
    metric, threshold: the metric ("accuracy", "mae", "mse") computed from
        predictions on the test data, and the value it must reach
        (at least for accuracy, at most for errors).
    time_budget: seconds training may take; then it is stopped.
    sample: factory for a batch of sample inputs (e.g. integer token ids).
    loss: the loss the task names, as canonical snake-case name(s), e.g.
        ``"binary_crossentropy"`` or ``("mean_squared_error", "mean_absolute_error")``;
        given as string, alias, class, instance or function, the compiled loss
        must be one of them.
    hidden_activation: the activation the task names for the hidden layers
        ("relu"): every hidden Dense/Conv/RNN layer must use it (directly or by an
        activation layer right after it), and there must be at least one.
    metrics: metric names the model must be compiled with because the lesson
        reads them later (``history.history["accuracy"]``).

    A check never changes the learner's model: training happens on a copy
    (``clone_model``, compiled with the learner's loss and a fresh optimizer of
    the same configuration), under a fixed seed, so the same model gets the
    same verdict every time.

    Example::

        modell = ModelExercise(
            title="Dichtes Netz für MNIST",
            input_shape=(784,), output_shape=(10,), activation="softmax",
            params=(50_000, 120_000),
            data=kleine_mnist, epochs=3, metric="accuracy", threshold=0.8,
            wrong=[Wrong(lazy(ohne_softmax), expect="softmax"), Wrong(lazy(unkompiliert), expect="nicht kompiliert")],
        )
    """

    def __init__(
        self,
        *,
        title: str,
        input_shape: Sequence[int | None] | None = None,
        output_shape: Sequence[int | None] | None = None,
        params: int | tuple[int, int] | None = None,
        activation: str | None = None,
        compiled: bool = False,
        data: Callable[[], tuple] | None = None,
        epochs: int | None = None,
        batch_size: int = 32,
        metric: str = "accuracy",
        threshold: float | None = None,
        time_budget: float = 60.0,
        sample: Callable[[], Any] | None = None,
        loss: str | Sequence[str] | None = None,
        hidden_activation: str | None = None,
        metrics: Sequence[str] = (),
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        reference: Any = MISSING,
        solution: str | None = None,
        alternatives: Sequence[Right] = (),
    ) -> None:
        super().__init__(
            title=title, hints=hints, wrong=wrong, reference=reference, solution=solution, alternatives=alternatives
        )
        if activation is not None and activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {_ACTIVATIONS} or None. Received: {activation!r}")
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {tuple(METRICS)}. Received: {metric!r}")
        if (epochs or threshold is not None) and data is None:
            raise ValueError("epochs/threshold need data=factory returning (x_train, y_train, x_test, y_test).")
        if input_shape is None and sample is None and data is None:
            raise ValueError("ModelExercise needs input_shape=..., sample=... or data=... to call the model.")
        self.input_shape = tuple(input_shape) if input_shape is not None else None
        self.output_shape = tuple(output_shape) if output_shape is not None else None
        self.params = params
        self.activation = activation
        self.compiled = compiled or bool(epochs)
        self._data_factory = data
        self._data: tuple | None = None
        self.epochs = epochs
        self.batch_size = batch_size
        self.metric = metric
        self.threshold = threshold
        self.time_budget = time_budget
        self._sample_factory = sample
        self.losses = (loss,) if isinstance(loss, str) else tuple(loss or ())
        self.hidden_activation = hidden_activation
        self.metrics = tuple(metrics)
        if self.losses or self.metrics:
            self.compiled = True

    # -- helpers --------------------------------------------------------------------------

    def data(self) -> tuple:
        if self._data is None:
            self._data = tuple(self._data_factory())
        return self._data

    def _sample(self) -> np.ndarray:
        if self._sample_factory is not None:
            return np.asarray(self._sample_factory())
        if self._data_factory is not None:
            return np.asarray(self.data()[2][:8])
        rng = np.random.default_rng(0)
        return rng.normal(size=(8, *self.input_shape)).astype("float32")

    # -- the check ------------------------------------------------------------------------

    def _judge(self, model: Any) -> str | None:
        import keras

        if not isinstance(model, keras.Model):
            if isinstance(model, keras.callbacks.History):
                raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt), nicht das Modell selbst")
            if isinstance(model, keras.layers.Layer):
                raise Falsch("Eine einzelne Schicht statt eines Modells – baue daraus ein keras.Sequential([...])")
            if isinstance(model, (list, tuple)) and model and all(isinstance(m, keras.layers.Layer) for m in model):
                raise Falsch("Eine Liste von Schichten statt eines Modells – gib sie an keras.Sequential([...])")
            raise Falsch(f"Erwartet wird ein Keras-Modell (keras.Model), erhalten: {short(model)}")

        sample = self._sample()
        try:
            output = model(sample, training=False)
        except Exception as err:
            raise Falsch(
                f"Das Modell lässt sich nicht mit Eingaben der Form {shape_text(sample.shape)} aufrufen"
                f"{self._expected_input()}: {clean(err, 160)}"
            ) from None
        if isinstance(output, (list, tuple, dict)):
            raise Falsch(f"Das Modell hat mehrere Ausgaben ({len(output)}) statt einer")
        y = to_numpy(output)

        if self.output_shape is not None:
            got = (None, *y.shape[1:])
            want = (None, *self.output_shape)
            if tuple(y.shape[1:]) != tuple(self.output_shape):
                message = f"Ausgabeform {shape_text(got)} statt {shape_text(want)}"
                if y.ndim > len(want) and y.shape[-1:] == tuple(self.output_shape[-1:]):
                    message += " – fehlt eine Flatten-Schicht vor den Dense-Schichten?"
                elif y.shape[-1:] != tuple(self.output_shape[-1:]):
                    units = self.output_shape[-1]
                    message += f" – die letzte Schicht braucht {units} {'Einheit' if units == 1 else 'Einheiten'}"
                raise Falsch(message)

        if self.params is not None:
            count = int(model.count_params())
            if isinstance(self.params, tuple):
                low, high = self.params
                if not low <= count <= high:
                    raise Falsch(f"Das Modell hat {count:_} Parameter, erwartet sind {low:_} bis {high:_}".replace("_", " "))
            elif count != int(self.params):
                raise Falsch(f"Anzahl der Parameter {count:_} statt {int(self.params):_}".replace("_", " "))

        if self.activation is not None:
            self._check_activation(model, y, sample)

        if self.hidden_activation is not None:
            self._check_hidden(model)

        if self.compiled and getattr(model, "optimizer", None) is None:
            raise Falsch(
                "Das Modell ist nicht kompiliert – rufe zuerst "
                "model.compile(optimizer=..., loss=..., metrics=[...]) auf"
            )
        if self.losses:
            got = loss_name(compiled_loss(model))
            if got not in self.losses:
                wanted = " oder ".join(f"'{name}'" for name in self.losses)
                shown = f"'{got}'" if got else "eine eigene Funktion"
                raise Falsch(f"Verlustfunktion {shown} statt {wanted} – die Aufgabe nennt die Verlustfunktion")
        if self.metrics:
            have = metric_names(model)
            missing = [name for name in self.metrics if name not in have]
            if missing:
                raise Falsch(
                    f"Das Modell wird ohne die Metrik '{missing[0]}' kompiliert – die Lektion liest sie später "
                    f"aus dem Trainingsverlauf: compile(..., metrics=[\"{missing[0]}\"])"
                )

        if self._data_factory is not None and (self.epochs or self.threshold is not None):
            return self._train_and_score(model)
        return None

    def _expected_input(self) -> str:
        if self.input_shape is None:
            return ""
        return f" (erwartet: Eingabeform {shape_text((None, *self.input_shape))})"

    def _check_hidden(self, model: Any) -> None:
        hidden = hidden_activations(model)
        want = self.hidden_activation
        if not hidden:
            raise Falsch(f"Das Modell hat keine verdeckte Schicht – die Aufgabe verlangt verdeckte Schichten mit {want}")
        for name, act in hidden:
            if act != want:
                shown = "keine Aktivierung (linear)" if act in (None, "linear") else f"die Aktivierung '{act}'"
                raise Falsch(f"Die verdeckte Schicht '{name}' hat {shown} – die Aufgabe verlangt activation='{want}'")

    def _check_activation(self, model: Any, y: np.ndarray, sample: Any = None) -> None:
        found = _last_activation(model)
        found_text = f" (gefunden: '{found}')" if found and found != self.activation else ""
        y = np.asarray(y, dtype="float64").reshape(y.shape[0], -1)
        if self.activation in ("softmax", "sigmoid") and sample is not None:
            extreme = self._extreme(model, sample)
            if extreme is not None:
                y = np.concatenate([y, extreme], axis=0)
        if not np.all(np.isfinite(y)):
            raise Falsch("Das Modell liefert NaN oder unendliche Werte")
        in_unit = bool(np.all(y >= -1e-6) and np.all(y <= 1 + 1e-6))
        if self.activation == "softmax":
            sums = y.sum(axis=1)
            if not in_unit or not np.allclose(sums, 1.0, atol=1e-3):
                raise Falsch(
                    f"Die Ausgaben sind keine Wahrscheinlichkeiten (Summe je Beispiel z. B. {fmt_number(sums[0], 4)} statt 1)"
                    f" – die letzte Schicht braucht activation='softmax'{found_text}"
                )
        elif self.activation == "sigmoid":
            if y.shape[1] == 1 and np.allclose(y, 1.0):
                raise Falsch(
                    "Die Ausgabe ist immer 1 – softmax über eine einzige Einheit ergibt stets 1; "
                    "nimm activation='sigmoid'"
                )
            if not in_unit:
                raise Falsch(
                    f"Ausgaben außerhalb von [0, 1] (z. B. {fmt_number(float(y.min()) if y.min() < 0 else float(y.max()), 4)})"
                    f" – die letzte Schicht braucht activation='sigmoid'{found_text}"
                )
        if self.activation in ("softmax", "sigmoid") and found not in (None, self.activation):
            # in range on these inputs, but not the named activation (e.g. a ReLU or tanh output)
            raise Falsch(
                f"Die letzte Schicht hat die Aktivierung '{found}' – die Aufgabe braucht activation='{self.activation}'"
            )
        if self.activation == "linear":
            if found not in (None, "linear"):
                raise Falsch(
                    f"Die letzte Schicht hat die Aktivierung '{found}' – für Regression braucht sie keine "
                    "(activation=None, also linear), sonst sind nicht alle Werte erreichbar"
                )

    @staticmethod
    def _extreme(model: Any, sample: Any) -> np.ndarray | None:
        """Outputs for large inputs: a tanh or ReLU output leaves [0, 1] there, a sigmoid never does."""
        sample = np.asarray(sample)
        if not np.issubdtype(sample.dtype, np.floating):
            return None
        try:
            big = np.concatenate([sample * 50.0, -sample * 50.0]).astype(sample.dtype)
            out = to_numpy(model(big, training=False))
            return np.asarray(out, dtype="float64").reshape(out.shape[0], -1)
        except Exception:
            return None

    @staticmethod
    def _copy_for_training(model: Any) -> Any:
        """A fresh copy of the model, compiled like the learner's, or Falsch if it cannot be copied."""
        import keras

        try:
            trained = keras.models.clone_model(model)
        except Exception as err:
            try:  # e.g. a custom Python loss that clone_model cannot look up: copy the architecture only
                trained = type(model).from_config(model.get_config())
            except Exception:
                raise Falsch(
                    "Das Modell lässt sich für die Prüfung nicht kopieren "
                    f"({type(err).__name__}: {clean(err, 100)}) – baue es mit keras.Sequential oder der funktionalen API"
                ) from None
        try:
            trained.compile_from_config(model.get_compile_config())
            return trained
        except Exception:
            pass
        optimizer = model.optimizer
        try:
            optimizer = type(optimizer).from_config(optimizer.get_config())
        except Exception:
            optimizer = "rmsprop"
        try:
            metrics = [m for m in (model.get_compile_config() or {}).get("metrics") or [] if isinstance(m, str)]
        except Exception:
            metrics = []
        trained.compile(optimizer=optimizer, loss=compiled_loss(model), metrics=metrics or None)
        return trained

    def _train_and_score(self, model: Any) -> str | None:
        import keras

        x_train, y_train, x_test, y_test = self.data()[:4]
        trained = model
        history = None
        stopped = {"early": False}
        if self.epochs:
            keras.utils.set_random_seed(CHECK_SEED)  # the same model gets the same verdict
            trained = self._copy_for_training(model)  # never the learner's own model
            budget = self.time_budget
            started = time.monotonic()

            class TimeBudget(keras.callbacks.Callback):
                def on_train_batch_end(self, batch, logs=None):
                    if time.monotonic() - started > budget:
                        stopped["early"] = True
                        self.model.stop_training = True

            try:
                history = trained.fit(
                    x_train,
                    y_train,
                    epochs=int(self.epochs),
                    batch_size=self.batch_size,
                    verbose=0,
                    callbacks=[TimeBudget()],
                )
            except Exception as err:
                raise Falsch(
                    f"Das Training bricht ab ({type(err).__name__}: {clean(err, 160)}) – "
                    "passen Verlustfunktion, Ausgabeform und Labels zusammen?"
                ) from None
        losses = [float(v) for v in (history.history.get("loss", []) if history is not None else [])]
        if losses and not np.all(np.isfinite(losses)):
            raise Falsch("Der Verlust wird beim Training NaN oder unendlich – ist die Lernrate zu groß?")
        try:
            predictions = to_numpy(trained.predict(x_test, verbose=0, batch_size=256))
        except Exception as err:
            raise Falsch(f"Vorhersagen auf den Testdaten schlagen fehl ({type(err).__name__}: {clean(err, 160)})") from None
        score = _metric(self.metric, y_test, predictions)
        threshold = resolve(self.threshold)  # per_profile(...) is read now, not at import
        if threshold is None:
            return None
        label, higher = METRICS[self.metric]
        if (score >= threshold) if higher else (score <= threshold):
            return None
        bound = "mindestens" if higher else "höchstens"
        message = (
            f"{label[0].upper() + label[1:]} auf den Testdaten {fmt_number(score, 3)}, "
            f"gefordert {bound} {fmt_number(threshold, 3)}"
        )
        if len(losses) >= 2 and losses[-1] > 0.99 * losses[0]:  # not even 1 % lower
            message += (
                f" – der Verlust sinkt beim Training nicht ({fmt_number(losses[0], 4)} → {fmt_number(losses[-1], 4)}); "
                "Lernrate zu groß oder falsche Verlustfunktion?"
            )
        if stopped["early"]:
            message += f" (Training nach dem Zeitbudget von {self.time_budget:g} s abgebrochen – ist das Modell zu groß?)"
        return message

    def praise(self) -> str:
        return "Das Modell verhält sich wie verlangt."


__all__ = ["METRICS", "ModelExercise", "flat_layers", "hidden_activations", "layer_activation", "loss_name", "metric_names"]

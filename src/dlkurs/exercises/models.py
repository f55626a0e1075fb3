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
from dlkurs.exercises.exercise import MISSING, Exercise, Wrong, resolve
from dlkurs.exercises.verdict import Falsch

#: metric name -> (German label, higher is better)
METRICS = {
    "accuracy": ("Genauigkeit", True),
    "mae": ("mittlerer absoluter Fehler (MAE)", False),
    "mse": ("mittlerer quadratischer Fehler (MSE)", False),
}

_ACTIVATIONS = ("softmax", "sigmoid", "linear")


def _last_activation(model: Any) -> str | None:
    """The activation of the model's last layer, read from its public config."""
    try:
        layer = model.layers[-1]
        name = type(layer).__name__
        if name == "Softmax":
            return "softmax"
        act = layer.get_config().get("activation")
        if isinstance(act, dict):
            act = act.get("config", {}).get("name") or act.get("class_name")
        return str(act) if act is not None else None
    except Exception:
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
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        reference: Any = MISSING,
        solution: str | None = None,
    ) -> None:
        super().__init__(title=title, hints=hints, wrong=wrong, reference=reference, solution=solution)
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
            self._check_activation(model, y)

        if self.compiled and getattr(model, "optimizer", None) is None:
            raise Falsch(
                "Das Modell ist nicht kompiliert – rufe zuerst "
                "model.compile(optimizer=..., loss=..., metrics=[...]) auf"
            )

        if self._data_factory is not None and (self.epochs or self.threshold is not None):
            return self._train_and_score(model)
        return None

    def _expected_input(self) -> str:
        if self.input_shape is None:
            return ""
        return f" (erwartet: Eingabeform {shape_text((None, *self.input_shape))})"

    def _check_activation(self, model: Any, y: np.ndarray) -> None:
        found = _last_activation(model)
        found_text = f" (gefunden: '{found}')" if found and found != self.activation else ""
        y = np.asarray(y, dtype="float64").reshape(y.shape[0], -1)
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
        elif self.activation == "linear":
            if found not in (None, "linear"):
                raise Falsch(
                    f"Die letzte Schicht hat die Aktivierung '{found}' – für Regression braucht sie keine "
                    "(activation=None, also linear), sonst sind nicht alle Werte erreichbar"
                )

    def _train_and_score(self, model: Any) -> str | None:
        import keras

        x_train, y_train, x_test, y_test = self.data()[:4]
        trained = model
        history = None
        stopped = {"early": False}
        if self.epochs:
            try:
                trained = keras.models.clone_model(model)
                trained.compile_from_config(model.get_compile_config())
            except Exception:
                trained = model  # e.g. a subclassed model without get_config: train it in place
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


__all__ = ["ModelExercise", "METRICS"]

"""Exercises of lesson 2.2 "Eigene Trainingsschleife".

The training step is checked with TensorFlow's ``GradientTape`` (the lesson is
declared ``backend = "tensorflow"``); models and data are built inside the
check functions, never at import time.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    Right,
    call_answer,
    contains_placeholder,
    CustomExercise,
    Falsch,
    lazy,
    NotAttempted,
    short,
    ThoughtQuestion,
    ValueExercise,
    Wrong,
)

# -- Schritte pro Epoche --------------------------------------------------------------------

schritte_pro_epoche = ValueExercise(
    title="Wie viele Trainingsschritte hat eine Epoche?",
    expected=469,
    reveal=False,
    hints=[
        "Jeder Batch ist ein Schritt: ein Vorwärtsdurchlauf, ein Gradient, ein Update. Wie viele Batches "
        "zu je 128 Bildern braucht man, bis jedes der 60 000 Bilder einmal dran war?",
        "60 000 / 128 geht nicht auf – der Rest bildet einen letzten, kleineren Batch, der auch ein Schritt ist. "
        "`math.ceil(...)` rundet auf.",
    ],
    wrong=[
        Wrong(
            468,
            expect="zu klein",
            feedback="Das ist 60 000 // 128 – der letzte, kleinere Batch mit den restlichen 96 Bildern "
            "ist aber auch ein Schritt.",
        ),
        Wrong(
            468.75,
            expect="zu klein",
            feedback="Schritte sind ganze Zahlen: Ein angefangener Batch ist ein ganzer Schritt – runde auf.",
        ),
        Wrong(
            1407,
            expect="zu groß",
            feedback="Das sind drei Epochen. Gefragt ist ein einziger Durchlauf durch die Trainingsdaten.",
        ),
        Wrong(
            47,
            expect="zu klein",
            feedback="Das sind die Schritte für 6 000 Bilder, wie `len(x_train)` im Schnelldurchlauf – gefragt "
            "sind die vollen 60 000 MNIST-Trainingsbilder.",
            instruction=True,
        ),
        Wrong("469", expect="nicht als Text"),
    ],
    alternatives=[
        Right(469.0, why="np.ceil returns a float; a whole float is the same count"),
        Right(lazy(lambda: np.int64(469)), why="a NumPy integer from np.ceil(...).astype(int)"),
    ],
)


# -- Ein Trainingsschritt -------------------------------------------------------------------


def _tiny_model(dropout: float = 0.0):
    """A small classifier with fixed initial weights (seeded initializers, no global seed)."""
    import keras

    layers = [
        keras.Input((8,)),
        keras.layers.Dense(16, activation="relu", kernel_initializer=keras.initializers.GlorotUniform(seed=11)),
    ]
    if dropout:
        layers.append(keras.layers.Dropout(dropout, seed=13))
    layers.append(
        keras.layers.Dense(3, activation="softmax", kernel_initializer=keras.initializers.GlorotUniform(seed=12))
    )
    return keras.Sequential(layers)


def _tiny_batch():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(32, 8)).astype("float32")
    y = rng.integers(0, 3, size=32).astype("int32")
    return x, y


def _as_scalar(value, what: str) -> float:
    if contains_placeholder(value):
        raise NotAttempted()
    if value is None:
        raise Falsch(f"{what} gibt None zurück – fehlt ein `return`?")
    if isinstance(value, (str, bytes)):
        raise Falsch(f"{what} gibt Text zurück ({short(value)}) – erwartet wird eine Zahl, nicht als Text")
    if isinstance(value, (bool, np.bool_)):
        raise Falsch(f"{what} gibt einen Wahrheitswert zurück ({value}) – erwartet wird eine Zahl")
    if isinstance(value, (tuple, list, dict, set)):
        raise Falsch(f"{what} gibt {short(value)} zurück – erwartet wird nur der Verlust, eine einzelne Zahl")
    try:
        import keras

        array = np.asarray(keras.ops.convert_to_numpy(value), dtype=float)
    except Exception:
        raise Falsch(f"{what} gibt {short(value)} zurück – erwartet wird der Verlust als Zahl") from None
    if array.size != 1:
        raise Falsch(
            f"{what} gibt einen Tensor der Form {array.shape} zurück – erwartet wird der mittlere Verlust "
            "des Batches, eine einzelne Zahl (die Verlustfunktion mittelt schon über den Batch)"
        )
    return float(array.reshape(()))



def _call_step(fn, model, optimizer, loss_fn, x, y):
    try:
        return call_answer(fn, model, optimizer, loss_fn, x, y, timeout=30)
    except Falsch as err:
        reason = str(err)
        if "No gradients provided" in reason:
            reason += (
                " – alle Gradienten sind None: Vorwärtsdurchlauf und Verlust müssen *innerhalb* von "
                "`with tf.GradientTape() as tape:` berechnet werden"
            )
        elif "Unknown variable" in reason:
            reason += " – benutze den übergebenen `optimierer`, nicht einen Optimierer aus einer anderen Zelle"
        raise Falsch(reason) from None


def _weights(model) -> list[np.ndarray]:
    return [np.array(w) for w in model.get_weights()]


def _same(a: list[np.ndarray], b: list[np.ndarray], rtol: float = 1e-4, atol: float = 1e-6) -> bool:
    return all(np.allclose(u, v, rtol=rtol, atol=atol) for u, v in zip(a, b))


def _check_trainingsschritt(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion trainingsschritt(modell, optimierer, verlustfunktion, x, y), "
                     f"erhalten: {short(fn)}")
    import keras
    import tensorflow as tf

    what = "trainingsschritt(...)"
    x, y = _tiny_batch()
    lr = 0.1
    loss_fn = keras.losses.SparseCategoricalCrossentropy()

    model = _tiny_model()
    start = _weights(model)
    loss_before = float(loss_fn(y, model(x, training=False)))

    # The reference: one plain SGD step on a model with the same initial weights.
    with tf.GradientTape() as tape:
        ref_loss = loss_fn(y, model(x, training=True))
    grads = [np.array(g) for g in tape.gradient(ref_loss, model.trainable_weights)]
    descent = [w - lr * g for w, g in zip(start, grads)]
    ascent = [w + lr * g for w, g in zip(start, grads)]

    result = _as_scalar(_call_step(fn, model, keras.optimizers.SGD(learning_rate=lr), loss_fn, x, y), what)
    after = _weights(model)
    if _same(after, start, rtol=0, atol=0):
        return ("Die Gewichte haben sich nicht verändert – fehlt `optimierer.apply(gradienten, "
                "modell.trainable_weights)`?")
    if _same(after, ascent):
        return ("Die Gewichte bewegen sich in Richtung des Gradienten, also bergauf – der Verlust steigt. "
                "Ziehe den Gradienten ab (das macht `optimierer.apply` für dich)")
    if not _same(after, descent):
        return ("Die Gewichte nach einem Schritt passen nicht zu einem Schritt des Optimierers. Berechne die "
                "Gradienten des Verlusts nach `modell.trainable_weights` und wende sie mit "
                "`optimierer.apply(gradienten, modell.trainable_weights)` an – mit dem übergebenen `optimierer`, "
                "ohne eigene Lernrate")
    if not np.isclose(result, loss_before, rtol=1e-4, atol=1e-6):
        probe = _tiny_model()
        probe.set_weights(after)
        loss_after_ref = float(loss_fn(y, probe(x, training=False)))
        if np.isclose(result, loss_after_ref, rtol=1e-4, atol=1e-6):
            return ("Der zurückgegebene Verlust gehört zu den Gewichten nach dem Update. Gib den Verlust "
                    "zurück, den du im Band (GradientTape) berechnet hast")
        return (f"Der zurückgegebene Verlust ist {result:.4g}, auf diesem Batch beträgt er vor dem Schritt aber "
                f"{loss_before:.4g} – gib `verlustfunktion(y, vorhersage)` zurück")

    losses = [result]
    for _ in range(9):
        losses.append(_as_scalar(_call_step(fn, model, keras.optimizers.SGD(learning_rate=lr), loss_fn, x, y),
                                 what))
    if not losses[-1] < losses[0]:
        return f"Der Verlust sinkt über zehn Schritte auf demselben Batch nicht ({losses[0]:.3g} → {losses[-1]:.3g})"

    dropped = _tiny_model(dropout=0.5)
    deterministic = float(loss_fn(y, dropped(x, training=False)))
    result = _as_scalar(_call_step(fn, dropped, keras.optimizers.SGD(learning_rate=lr), loss_fn, x, y), what)
    if np.isclose(result, deterministic, rtol=1e-6, atol=1e-7):
        return ("Bei einem Modell mit Dropout war der Dropout im Schritt nicht aktiv – rufe das Modell beim "
                "Training mit `modell(x, training=True)` auf")
    return None


def _reference_step(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        vorhersage = modell(x, training=True)
        verlust = verlustfunktion(y, vorhersage)
    gradienten = tape.gradient(verlust, modell.trainable_weights)
    optimierer.apply(gradienten, modell.trainable_weights)
    return verlust


def _step_without_update(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        verlust = verlustfunktion(y, modell(x, training=True))
    tape.gradient(verlust, modell.trainable_weights)
    return verlust


def _step_uphill(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        verlust = verlustfunktion(y, modell(x, training=True))
    for gewicht, gradient in zip(modell.trainable_weights, tape.gradient(verlust, modell.trainable_weights)):
        gewicht.assign(gewicht + 0.1 * gradient)
    return verlust


def _step_without_training_flag(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        verlust = verlustfunktion(y, modell(x))
    optimierer.apply(tape.gradient(verlust, modell.trainable_weights), modell.trainable_weights)
    return verlust


def _step_forward_outside_tape(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    vorhersage = modell(x, training=True)
    verlust = verlustfunktion(y, vorhersage)
    with tf.GradientTape() as tape:
        pass
    optimierer.apply(tape.gradient(verlust, modell.trainable_weights), modell.trainable_weights)
    return verlust


def _step_returns_loss_after_update(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        verlust = verlustfunktion(y, modell(x, training=True))
    optimierer.apply(tape.gradient(verlust, modell.trainable_weights), modell.trainable_weights)
    return verlustfunktion(y, modell(x, training=True))


def _step_without_return(modell, optimierer, verlustfunktion, x, y):
    _reference_step(modell, optimierer, verlustfunktion, x, y)


def _tf_function(fn):
    import tensorflow as tf

    return tf.function(fn)


def _step_apply_gradients(modell, optimierer, verlustfunktion, x, y):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        verlust = verlustfunktion(y, modell(x, training=True))
    gradienten = tape.gradient(verlust, modell.trainable_weights)
    optimierer.apply_gradients(zip(gradienten, modell.trainable_weights))
    return verlust


trainingsschritt = CustomExercise(
    title="Ein Trainingsschritt: vorwärts, Verlust, Gradienten, Update",
    check=_check_trainingsschritt,
    reference=_reference_step,
    hints=[
        "Setze die Einzelteile aus dem Abschnitt „Ein Schritt, in Einzelteilen“ zusammen – aber mit den "
        "Argumenten der Funktion (`modell`, `optimierer`, `verlustfunktion`, `x`, `y`) statt mit "
        "`x_batch` und den globalen Objekten.",
        "Nur was *innerhalb* des `with tf.GradientTape() as tape:`-Blocks gerechnet wird, zeichnet das Band auf: "
        "dort der Vorwärtsdurchlauf mit `training=True` und der Verlust. Gradienten und Update kommen danach.",
        "Im Block: `vorhersage = modell(x, training=True)` und `verlust = verlustfunktion(y, vorhersage)`. "
        "Danach `gradienten = tape.gradient(verlust, modell.trainable_weights)` und "
        "`optimierer.apply(gradienten, modell.trainable_weights)`; zurück gibt die Funktion `verlust`.",
    ],
    alternatives=[
        Right(lazy(lambda: _tf_function(_reference_step)), why="the step decorated with @tf.function"),
        Right(_step_apply_gradients, why="the older optimizer.apply_gradients(zip(...)) form"),
    ],
    wrong=[
        Wrong(_step_without_update, expect="nicht verändert"),
        Wrong(_step_uphill, expect="bergauf"),
        Wrong(_step_without_training_flag, expect="training=True", instruction=True),
        Wrong(_step_forward_outside_tape, expect="GradientTape"),
        Wrong(_step_returns_loss_after_update, expect="nach dem Update"),
        Wrong(_step_without_return, expect="fehlt ein `return"),
    ],
)


# -- Die Auswertungsschleife ----------------------------------------------------------------


_BATCH_LIMIT = {"n": None}  # the largest batch the evaluation model accepts while the learner's function runs


def _eval_model():
    """A fixed model with dropout (an evaluation with training=True gives random results) and a batch guard.

    The guard layer refuses a batch larger than ``_BATCH_LIMIT["n"]`` (when set): the task asks to
    go through the data in batches, so a function that feeds all examples at once is stopped.
    """
    import keras

    class _Stapelwaechter(keras.layers.Layer):
        def call(self, inputs):
            n = inputs.shape[0]
            limit = _BATCH_LIMIT["n"]
            if limit is not None and n is not None and int(n) > limit:
                raise ValueError(
                    f"Das Modell bekam {int(n)} Beispiele auf einmal – die Aufgabe verlangt, in Batches von "
                    f"höchstens batch_size={limit} Beispielen vorherzusagen"
                )
            return inputs

    model = _tiny_model(dropout=0.5)
    return keras.Sequential([keras.Input((8,)), _Stapelwaechter(), *model.layers])


def _eval_data(model, n: int, seed: int):
    import keras

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    y = np.argmax(keras.ops.convert_to_numpy(model(x, training=False)), axis=1)
    flip = rng.random(n) < 0.4
    y = np.where(flip, rng.integers(0, 3, size=n), y).astype("int32")
    return x, y


def _true_accuracy(model, x, y) -> float:
    import keras

    return float(np.mean(np.argmax(keras.ops.convert_to_numpy(model(x, training=False)), axis=1) == y))


def _batch_mean_accuracy(model, x, y, batch_size) -> float:
    import keras

    scores = []
    for start in range(0, len(x), batch_size):
        p = keras.ops.convert_to_numpy(model(x[start:start + batch_size], training=False))
        scores.append(np.mean(np.argmax(p, axis=1) == y[start:start + batch_size]))
    return float(np.mean(scores))


def _call_eval(fn, model, x, y, batch_size):
    _BATCH_LIMIT["n"] = batch_size
    try:
        result = call_answer(fn, model, x, y, batch_size=batch_size, timeout=30)
    finally:
        _BATCH_LIMIT["n"] = None
    return _as_scalar(result, "genauigkeit(...)")


def _check_genauigkeit(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion genauigkeit(modell, x, y, batch_size=256), erhalten: {short(fn)}")
    batch_size = 256
    model = _eval_model()
    x1, y1 = _eval_data(model, 1100, seed=1)  # last batch: 76 examples
    x2, y2 = _eval_data(model, 700, seed=2)   # last batch: 188 examples
    expected1, expected2 = _true_accuracy(model, x1, y1), _true_accuracy(model, x2, y2)

    results = [_call_eval(fn, model, x1, y1, batch_size) for _ in range(3)]
    if max(results) - min(results) > 1e-9:
        return ("Dreimal dieselben Daten, drei verschiedene Ergebnisse "
                f"({', '.join(f'{r:.4f}' for r in results)}) – rufst du das Modell mit `training=True` auf? "
                "Dann ist der Dropout aktiv; in der Auswertung gehört `training=False`")
    got = results[0]
    if np.isclose(got, 100 * expected1, rtol=1e-5):
        return f"Ergebnis {got:.4g} – das sind Prozent; gefragt ist ein Anteil zwischen 0 und 1"
    if not np.isclose(got, expected1, rtol=1e-5, atol=1e-6):
        if np.isclose(got, _batch_mean_accuracy(model, x1, y1, batch_size), rtol=1e-5, atol=1e-6):
            return (f"Ergebnis {got:.4f} statt {expected1:.4f}: Du mittelst die Genauigkeiten der Batches. Der "
                    "letzte Batch ist kleiner und zählt so zu viel – zähle richtige Vorhersagen über alle "
                    "Beispiele (genau das macht `SparseCategoricalAccuracy`)")
        full = (len(x1) // batch_size) * batch_size
        if np.isclose(got, _true_accuracy(model, x1[:full], y1[:full]), rtol=1e-5, atol=1e-6):
            return (f"Ergebnis {got:.4f} statt {expected1:.4f}: Der letzte, kleinere Batch fehlt – "
                    "`range(0, len(x), batch_size)` erfasst auch die restlichen Beispiele")
        return f"Genauigkeit {got:.4f} statt {expected1:.4f} (1100 Beispiele, batch_size=256)"

    second = _call_eval(fn, model, x2, y2, batch_size)
    if not np.isclose(second, expected2, rtol=1e-5, atol=1e-6):
        return (f"Beim zweiten Aufruf mit anderen Daten: {second:.4f} statt {expected2:.4f} – beim ersten Aufruf "
                "stimmte es. Zählt die Metrik noch die alten Daten mit? Lege sie in der Funktion neu an oder "
                "rufe vorher `metrik.reset_state()` auf")
    return None


def _reference_eval(modell, x, y, batch_size=256):
    import keras

    metrik = keras.metrics.SparseCategoricalAccuracy()
    for start in range(0, len(x), batch_size):
        vorhersage = modell(x[start:start + batch_size], training=False)
        metrik.update_state(y[start:start + batch_size], vorhersage)
    return float(metrik.result())


def _eval_percent(modell, x, y, batch_size=256):
    return 100 * _reference_eval(modell, x, y, batch_size)


def _eval_batch_mean(modell, x, y, batch_size=256):
    return _batch_mean_accuracy(modell, x, y, batch_size)


def _eval_training_true(modell, x, y, batch_size=256):
    import keras

    metrik = keras.metrics.SparseCategoricalAccuracy()
    for start in range(0, len(x), batch_size):
        metrik.update_state(y[start:start + batch_size], modell(x[start:start + batch_size], training=True))
    return float(metrik.result())


def _eval_without_reset():
    import keras

    metrik = keras.metrics.SparseCategoricalAccuracy()  # created once, outside the function

    def genauigkeit(modell, x, y, batch_size=256):
        for start in range(0, len(x), batch_size):
            metrik.update_state(y[start:start + batch_size], modell(x[start:start + batch_size], training=False))
        return float(metrik.result())

    return genauigkeit


def _eval_all_at_once(modell, x, y, batch_size=256):
    import keras

    metrik = keras.metrics.SparseCategoricalAccuracy()
    metrik.update_state(y, modell(x, training=False))
    return float(metrik.result())


def _eval_by_counting(modell, x, y, batch_size=256):
    import keras

    richtig = 0
    for anfang in range(0, len(x), batch_size):
        p = keras.ops.convert_to_numpy(modell(x[anfang:anfang + batch_size], training=False))
        richtig += int(np.sum(np.argmax(p, axis=1) == y[anfang:anfang + batch_size]))
    return richtig / len(x)


def _eval_with_predict(modell, x, y, batch_size=256):
    vorhersage = modell.predict(x, batch_size=batch_size, verbose=0)
    return float(np.mean(np.argmax(vorhersage, axis=1) == y))


def _eval_drops_last_batch(modell, x, y, batch_size=256):
    import keras

    metrik = keras.metrics.SparseCategoricalAccuracy()
    for i in range(len(x) // batch_size):
        sl = slice(i * batch_size, (i + 1) * batch_size)
        metrik.update_state(y[sl], modell(x[sl], training=False))
    return float(metrik.result())


genauigkeit = CustomExercise(
    title="Die Auswertungsschleife: Genauigkeit in Batches",
    check=_check_genauigkeit,
    reference=_reference_eval,
    hints=[
        "Wie im Beispiel mit den drei Klassen oben: ein Metrik-Objekt, für jeden Batch `update_state`, "
        "am Ende `result()`. Lege die Metrik *in* der Funktion an, damit jeder Aufruf bei 0 beginnt.",
        "Die Batches bekommst du mit `for anfang in range(0, len(x), batch_size):` und den Ausschnitten "
        "`x[anfang:anfang + batch_size]`, `y[anfang:anfang + batch_size]`; vorhersagen mit `training=False`.",
        "`metrik = keras.metrics.SparseCategoricalAccuracy()`, in der Schleife "
        "`metrik.update_state(y_batch, modell(x_batch, training=False))`, zum Schluss "
        "`return float(metrik.result())`.",
    ],
    alternatives=[
        Right(_eval_by_counting, why="counting correct predictions by hand over all batches"),
        Right(_eval_with_predict, why="model.predict with batch_size goes through the data in batches"),
    ],
    wrong=[
        Wrong(_eval_percent, expect="Prozent"),
        Wrong(_eval_batch_mean, expect="Genauigkeiten der Batches"),
        Wrong(_eval_training_true, expect="training=False", instruction=True),
        Wrong(_eval_all_at_once, expect="in Batches", instruction=True),
        Wrong(lazy(_eval_without_reset), expect="reset_state"),
        Wrong(_eval_drops_last_batch, expect="letzte, kleinere Batch fehlt"),
    ],
)


# -- Denkfrage ------------------------------------------------------------------------------

metriken_zuruecksetzen = ThoughtQuestion(
    title="Warum setzt man Metriken zu Beginn jeder Epoche zurück?",
)

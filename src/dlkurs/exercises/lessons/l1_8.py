"""Exercises of lesson 1.8 "TensorFlow-Beispiel" (TensorFlow only).

Nothing heavy at import: TensorFlow is imported inside the checks and the
``lazy`` factories.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from dlkurs.exercises import (
    call_answer,
    contains_placeholder,
    CustomExercise,
    Falsch,
    lazy,
    NotAttempted,
    short,
    to_numpy,
    type_name,
    ValueExercise,
    Wrong,
)

# -- 1. a first derivative with GradientTape ------------------------------------------------

ableitung = ValueExercise(
    title="Ableitung von y = (3x + 1)² an der Stelle x = 2 mit GradientTape",
    expected=42.0,
    rtol=1e-4,
    hints=[
        "Lege `x = tf.Variable(2.0)` an, rechne `y = (3 * x + 1) ** 2` **innerhalb** von "
        "`with tf.GradientTape() as tape:` und hole dann `tape.gradient(y, x)`.",
        "Von Hand: Nach der Kettenregel ist dy/dx = 2 · (3x + 1) · 3 – bei x = 2 also 2 · 7 · 3.",
    ],
    wrong=[
        Wrong(14.0, expect="14.0 statt 42.0",
              feedback="Das ist 2 · (3x + 1) ohne die innere Ableitung 3 – die Kettenregel fehlt."),
        Wrong(None, expect="None",
              feedback="tape.gradient liefert None, wenn das Band x nicht beobachtet hat: Ein tf.constant "
                       "braucht tape.watch(x) – oder nimm tf.Variable(2.0)."),
        Wrong(49.0, expect="49.0 statt 42.0",
              feedback="Das ist der Funktionswert y(2) = 7², nicht die Ableitung."),
        Wrong(lazy(lambda: np.array([42.0, 42.0])), expect="einzelne Zahl"),
    ],
)


# -- 2. a second derivative with nested tapes -------------------------------------------------

zweite_ableitung = ValueExercise(
    title="Zweite Ableitung von f(x) = x³ − 2x an der Stelle x = 1,5",
    expected=9.0,
    rtol=1e-4,
    hints=[
        "Zwei Bänder ineinander: Das äußere beobachtet die Rechnung des inneren. "
        "`erste = innen.gradient(f, x)` muss noch **im** äußeren `with`-Block stehen.",
        "Von Hand: f'(x) = 3x² − 2, f''(x) = 6x – bei x = 1,5 also 9.",
    ],
    wrong=[
        Wrong(4.75, expect="4.75 statt 9.0",
              feedback="Das ist die erste Ableitung f'(1,5) = 3 · 1,5² − 2. Leite sie mit dem äußeren Band noch einmal ab."),
        Wrong(None, expect="None",
              feedback="Das äußere Band liefert None, wenn die erste Ableitung außerhalb seines with-Blocks "
                       "berechnet wurde – rücke `innen.gradient(...)` in den äußeren Block ein."),
        Wrong(0.375, expect="0.375 statt 9.0", feedback="Das ist der Funktionswert f(1,5), nicht die Ableitung."),
    ],
)


# -- 3. one training step of the linear classifier --------------------------------------------

LERNRATE = 0.1
_W0 = np.array([[0.3], [0.6]], dtype="float32")
_B0 = np.array([0.1], dtype="float32")


def _daten() -> tuple[np.ndarray, np.ndarray]:
    """Two small Gaussian clouds like the lesson's (100 points each), float32."""
    rng = np.random.default_rng(0)
    cov = [[1, 0.5], [0.5, 1]]
    neg = rng.multivariate_normal([0, 3], cov, size=100)
    pos = rng.multivariate_normal([3, 0], cov, size=100)
    x = np.vstack([neg, pos]).astype("float32")
    y = np.vstack([np.zeros((100, 1)), np.ones((100, 1))]).astype("float32")
    return x, y


def _variables(fn: Any) -> dict[str, Any]:
    """The objects named W and b that the learner's function sees (closure first, then globals)."""
    import inspect

    scopes: list[dict] = []
    try:
        scopes.append(dict(inspect.getclosurevars(fn).nonlocals))
    except (TypeError, ValueError):
        pass
    scopes.append(getattr(fn, "__globals__", {}) or {})
    found = {}
    for name in ("W", "b"):
        for scope in scopes:
            if name in scope:
                found[name] = scope[name]
                break
    return found


def _scalar_loss(result: Any) -> float:
    if contains_placeholder(result):
        raise NotAttempted()
    if result is None:
        raise Falsch("Die Funktion gibt None zurück – fehlt am Ende `return verlust`?")
    try:
        arr = np.asarray(to_numpy(result), dtype="float64")
    except Exception:
        raise Falsch(f"Die Funktion soll den Verlust als Zahl zurückgeben, erhalten: {short(result)}") from None
    if arr.size != 1:
        raise Falsch(
            f"Die Funktion gibt {short(result)} zurück, erwartet ist der Verlust als einzelne Zahl – "
            "fehlt tf.reduce_mean(...) um die quadrierten Fehler?"
        )
    return float(arr.reshape(()))


def _step_problem(name: str, change: np.ndarray, expected: np.ndarray) -> str | None:
    if np.allclose(change, expected, rtol=1e-3, atol=1e-6):
        return None
    if np.allclose(change, 0.0, atol=1e-9):
        hint = "W.assign_sub(lernrate * grad_W)" if name == "W" else "b.assign_sub(lernrate * grad_b)"
        return f"{name} hat sich nicht verändert – fehlt {hint}?"
    cosine = float(np.dot(change.ravel(), expected.ravel()) / (np.linalg.norm(change) * np.linalg.norm(expected) + 1e-30))
    if cosine < 0:
        return (
            f"{name} bewegt sich in die falsche Richtung (bergauf) – Gradientenabstieg geht gegen den Gradienten: "
            "assign_sub statt assign_add"
        )
    ratio = float(np.linalg.norm(change) / (np.linalg.norm(expected) + 1e-30))
    if cosine > 0.999:
        return (
            f"Der Schritt für {name} ist {ratio:.3g}-mal so groß wie erwartet – "
            f"nimm die Lernrate {LERNRATE:g} (die Variable lernrate) als Faktor vor dem Gradienten"
        )
    return f"{name} ändert sich anders als ein Schritt des Gradientenabstiegs ({name} − {LERNRATE:g} · Gradient)"


def _call(fn: Any, x: np.ndarray, y: np.ndarray) -> Any:
    try:
        return call_answer(fn, x, y, timeout=20)
    except Falsch as err:
        if "UnboundLocalError" in (err.reason or ""):
            raise Falsch(
                f"{err.reason.rstrip('.')} – eine Zuweisung wie W = W - … macht W in der Funktion zu einer neuen, "
                "lokalen Variablen; verändere die Variable stattdessen mit W.assign_sub(...)"
            ) from None
        raise


def _probe(fn: Any, W: Any, b: Any) -> str | None:
    x, y = _daten()
    W.assign(_W0)
    b.assign(_B0)
    residual = (x.astype("float64") @ _W0 + _B0) - y
    loss_ref = float(np.mean(residual**2))
    grad_W = 2 * x.T.astype("float64") @ residual / len(x)
    grad_b = 2 * residual.sum(axis=0) / len(x)

    loss = _scalar_loss(_call(fn, x, y))
    change_W = np.asarray(W.numpy(), dtype="float64") - _W0
    change_b = np.asarray(b.numpy(), dtype="float64") - _B0
    if np.allclose(change_W, 0.0, atol=1e-9) and np.allclose(change_b, 0.0, atol=1e-9):
        return (
            "W und b haben sich nicht verändert – die Funktion muss sie mit W.assign_sub(...) und "
            "b.assign_sub(...) einen Schritt gegen den Gradienten bewegen"
        )
    if not np.isclose(loss, loss_ref, rtol=1e-3, atol=1e-6):
        return (
            f"Die Funktion gibt den Verlust {loss:.5g} zurück, erwartet ist der mittlere quadratische Fehler "
            f"vor dem Schritt ({loss_ref:.5g}): tf.reduce_mean(tf.square(targets - vorhersagen))"
        )
    for name, change, expected in (("W", change_W, -LERNRATE * grad_W), ("b", change_b, -LERNRATE * grad_b)):
        problem = _step_problem(name, change, expected)
        if problem:
            return problem
    losses = [loss] + [_scalar_loss(_call(fn, x, y)) for _ in range(4)]
    if not all(later < earlier for earlier, later in zip(losses, losses[1:])):
        shown = " → ".join(f"{v:.4g}" for v in losses)
        return f"Der Verlust sinkt über fünf Schritte nicht stetig ({shown})"
    return None


def _check_trainingsschritt(fn: Any) -> str | None:
    import tensorflow as tf

    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)} – übergib trainingsschritt ohne Klammern")
    found = _variables(fn)
    for name, shape in (("W", (2, 1)), ("b", (1,))):
        var = found.get(name)
        if var is None:
            raise Falsch(f"Die Funktion sieht keine Variable {name} – führe zuerst die Zelle aus, in der W und b angelegt werden")
        if contains_placeholder(var):
            raise NotAttempted()
        if not isinstance(var, tf.Variable):
            raise Falsch(
                f"{name} ist {type_name(var)}, keine tf.Variable – nur Variablen lassen sich mit assign_sub verändern; "
                f"lege {name} mit tf.Variable(...) an"
            )
        if tuple(var.shape) != shape:
            raise Falsch(f"{name} hat die Form {tuple(var.shape)} statt {shape}")
    W, b = found["W"], found["b"]
    saved_W, saved_b = W.numpy().copy(), b.numpy().copy()
    try:
        return _probe(fn, W, b)
    finally:  # the learner's W and b are as before the check
        W.assign(saved_W)
        b.assign(saved_b)


_SCHRITT = '''
def trainingsschritt(inputs, targets):
    with tf.GradientTape() as tape:
        vorhersagen = tf.matmul(inputs, W) + b
        verlust = {loss}
    grad_W, grad_b = tape.gradient(verlust, [W, b])
    {update}
    {ret}
'''


def _schritt(
    loss: str = "tf.reduce_mean(tf.square(targets - vorhersagen))",
    update: str = "W.assign_sub(lernrate * grad_W); b.assign_sub(lernrate * grad_b)",
    ret: str = "return verlust",
    lernrate: float = LERNRATE,
):
    """A learner's trainingsschritt with its own W, b and lernrate (as in the notebook's globals)."""
    import tensorflow as tf

    namespace = {
        "tf": tf,
        "W": tf.Variable(tf.zeros((2, 1))),
        "b": tf.Variable(tf.zeros((1,))),
        "lernrate": lernrate,
    }
    exec(textwrap.dedent(_SCHRITT.format(loss=loss, update=update, ret=ret)), namespace)  # noqa: S102
    return namespace["trainingsschritt"]


trainingsschritt = CustomExercise(
    title="Ein Trainingsschritt des linearen Klassifikators",
    check=_check_trainingsschritt,
    reference=lazy(_schritt),
    hints=[
        "Drei Teile: (1) unter `with tf.GradientTape() as tape:` die Vorhersagen `modell(inputs)` und den "
        "Verlust `quadratischer_verlust(targets, vorhersagen)` berechnen; (2) `grad_W, grad_b = "
        "tape.gradient(verlust, [W, b])`; (3) `W.assign_sub(lernrate * grad_W)` und dasselbe für b.",
        "Gib am Ende den Verlust zurück (`return verlust`) – die Trainingsschleife schreibt ihn mit.",
    ],
    wrong=[
        Wrong(lazy(lambda: _schritt(update="pass")), expect="nicht verändert"),
        Wrong(lazy(lambda: _schritt(update="W.assign_add(lernrate * grad_W); b.assign_add(lernrate * grad_b)")),
              expect="falsche Richtung"),
        Wrong(lazy(lambda: _schritt(update="W.assign_sub(lernrate * grad_W)")), expect="b hat sich nicht verändert"),
        Wrong(lazy(lambda: _schritt(ret="pass")), expect="return verlust"),
        Wrong(lazy(lambda: _schritt(loss="tf.square(targets - vorhersagen)")), expect="reduce_mean"),
        Wrong(lazy(lambda: _schritt(lernrate=0.01)), expect="Lernrate"),
        Wrong(lazy(lambda: _schritt(update="W = W - lernrate * grad_W; b = b - lernrate * grad_b")),
              expect="assign_sub"),
    ],
)

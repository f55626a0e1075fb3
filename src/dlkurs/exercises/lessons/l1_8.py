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
    function_source,
    lazy,
    NotAttempted,
    Right,
    short,
    to_numpy,
    type_name,
    Wrong,
)

# -- 1./2. derivatives with GradientTape ------------------------------------------------------
# The answer is a function ableitung(f, x) / zweite_ableitung(f, x) of any function f, so a number
# computed by hand cannot pass. The last case contains tf.stop_gradient: there GradientTape (by
# design) differs from the mathematical derivative that a difference quotient or a formula gives,
# so only an answer that really asks the tape passes.


def _tf():
    import tensorflow as tf

    return tf


def _f_quadrat(x):
    return (3 * x + 1) ** 2


def _f_kubik(x):
    return x**3 - 2 * x


def _f_sin(x):
    return _tf().sin(x)


def _f_exp(x):
    return _tf().exp(x)


def _f_stop1(x):
    return x**2 + _tf().stop_gradient(x**3)


def _f_stop2(x):
    return x**3 + _tf().stop_gradient(x**4)


# (f, label, x, tape's derivative, mathematical derivative without stop_gradient)
_ERSTE = [
    (_f_quadrat, "(3x + 1)²", 2.0, 42.0, 42.0),
    (_f_sin, "sin(x)", 0.5, float(np.cos(0.5)), float(np.cos(0.5))),
    (_f_kubik, "x³ − 2x", -1.5, 4.75, 4.75),
    (_f_exp, "exp(x)", 1.0, float(np.e), float(np.e)),
    (_f_stop1, "x² + tf.stop_gradient(x³)", 2.0, 4.0, 16.0),
]
_ZWEITE = [
    (_f_kubik, "x³ − 2x", 1.5, 9.0, 9.0),
    (_f_sin, "sin(x)", 0.5, float(-np.sin(0.5)), float(-np.sin(0.5))),
    (_f_exp, "exp(x)", 0.3, float(np.exp(0.3)), float(np.exp(0.3))),
    (_f_quadrat, "(3x + 1)²", -2.0, 18.0, 18.0),
    (_f_stop2, "x³ + tf.stop_gradient(x⁴)", 1.0, 6.0, 18.0),
]


def _number(result: Any, label: str, x: float) -> float:
    if result is None:
        raise Falsch(
            f"Für f(x) = {label} bei x = {x:g} gibt die Funktion None zurück – tape.gradient liefert None, "
            "wenn das Band x nicht beobachtet hat (nimm tf.Variable(x) oder tape.watch(x)), oder wenn "
            "die Rechnung außerhalb seines with-Blocks stand"
        )
    if isinstance(result, (str, bytes, list, tuple, dict)) or isinstance(result, (bool, np.bool_)):
        raise Falsch(f"Erwartet wird die Ableitung als Tensor oder Zahl, erhalten: {short(result)}")
    try:
        value = np.asarray(to_numpy(result), dtype="float64")
    except Exception:
        raise Falsch(f"Erwartet wird die Ableitung als Tensor oder Zahl, erhalten: {short(result)}") from None
    if value.size != 1:
        raise Falsch(f"Erwartet wird eine einzelne Zahl (die Ableitung an der Stelle x), erhalten: {short(result)}")
    return float(value.reshape(()))


def _derivative_check(order: int):
    cases = _ERSTE if order == 1 else _ZWEITE
    name = "ableitung" if order == 1 else "zweite_ableitung"

    def check(fn: Any) -> str | None:
        if not callable(fn) or isinstance(fn, type):
            raise Falsch(
                f"Erwartet wird eine Funktion {name}(f, x), erhalten: {short(fn)} – "
                "die Aufgabe verlangt eine Funktion, die mit GradientTape ableitet, keine Zahl"
            )
        for f, label, x, want, full in cases:
            value = _number(call_answer(fn, f, x, timeout=20), label, x)
            if np.isclose(value, want, rtol=1e-4, atol=1e-5):
                continue
            if want != full and np.isclose(value, full, rtol=0.05):
                raise Falsch(
                    f"Für f(x) = {label} bei x = {x:g} kommt {value:.5g} heraus, GradientTape liefert {want:g}: "
                    "tf.stop_gradient(...) nimmt seinen Teil aus der Ableitung heraus. Deine Funktion rechnet ohne "
                    "GradientTape (von Hand oder mit einem Differenzenquotienten) – die Aufgabe verlangt tape.gradient"
                )
            if order == 2:
                first = _ERSTE_ABLEITUNG.get(label)
                if first is not None and np.isclose(value, first(x), rtol=1e-4, atol=1e-5):
                    raise Falsch(
                        f"Für f(x) = {label} bei x = {x:g} kommt {value:.5g} heraus: das ist die erste Ableitung "
                        "f'(x). Leite sie mit dem äußeren Band noch einmal ab"
                    )
            fx = float(np.asarray(to_numpy(f(np.float64(x)))))
            if np.isclose(value, fx, rtol=1e-4, atol=1e-6):
                return (
                    f"Für f(x) = {label} bei x = {x:g} kommt {value:.5g} heraus: das ist der Funktionswert f({x:g}), "
                    "nicht die Ableitung"
                )
            return (
                f"Für f(x) = {label} bei x = {x:g} kommt {value:.5g} heraus statt {want:.5g} – berechne die Ableitung "
                "der übergebenen Funktion f mit tape.gradient"
            )
        return None

    return check


_ERSTE_ABLEITUNG = {
    "x³ − 2x": lambda x: 3 * x**2 - 2,
    "sin(x)": lambda x: float(np.cos(x)),
    "exp(x)": lambda x: float(np.exp(x)),
    "(3x + 1)²": lambda x: 6 * (3 * x + 1),
    "x³ + tf.stop_gradient(x⁴)": lambda x: 3 * x**2,
}


def _mit_band(f, x):
    tf = _tf()
    x = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)


def _mit_watch(f, x):
    tf = _tf()
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x).numpy()


def _ohne_watch(f, x):
    tf = _tf()
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)


def _differenzenquotient(f, x, h=1e-3):
    return (f(x + h) - f(x - h)) / (2 * h)


def _zweiter_differenzenquotient(f, x, h=1e-2):
    tf = _tf()
    x = tf.constant(x, dtype=tf.float64)
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def _funktionswert(f, x):
    return f(x)


def _zweite_mit_baendern(f, x):
    tf = _tf()
    x = tf.Variable(x)
    with tf.GradientTape() as aussen:
        with tf.GradientTape() as innen:
            y = f(x)
        erste = innen.gradient(y, x)
    return aussen.gradient(erste, x)


def _zweite_watch(f, x):
    tf = _tf()
    x = tf.constant(x, dtype=tf.float64)
    with tf.GradientTape() as aussen:
        aussen.watch(x)
        with tf.GradientTape() as innen:
            innen.watch(x)
            y = f(x)
        erste = innen.gradient(y, x)
    return float(aussen.gradient(erste, x))


def _nur_erste(f, x):
    return _mit_band(f, x)


def _zweite_ausserhalb(f, x):
    tf = _tf()
    x = tf.Variable(x)
    with tf.GradientTape() as aussen:
        with tf.GradientTape() as innen:
            y = f(x)
    erste = innen.gradient(y, x)  # outside the outer block: the outer tape saw nothing
    return aussen.gradient(erste, x)


ableitung = CustomExercise(
    title="Eine Funktion, die mit GradientTape ableitet",
    check=_derivative_check(1),
    reference=_mit_band,
    hints=[
        "Mach aus x eine Variable (`x = tf.Variable(x)`), rechne `y = f(x)` **innerhalb** von "
        "`with tf.GradientTape() as tape:` und gib `tape.gradient(y, x)` zurück.",
        "Die Prüfung ruft deine Funktion mit eigenen Funktionen f auf, z. B. `tf.sin` bei x = 0.5 – "
        "eine von Hand ausgerechnete Zahl passt dann nicht mehr. Zur Kontrolle: (3x + 1)² hat bei x = 2 "
        "die Ableitung 2 · 7 · 3 = 42.",
    ],
    wrong=[
        Wrong(lambda f, x: 42.0, expect="statt"),
        Wrong(_differenzenquotient, expect="ohne GradientTape", instruction=True),
        Wrong(_ohne_watch, expect="None"),
        Wrong(_funktionswert, expect="Funktionswert"),
        Wrong(42.0, expect="keine Zahl", instruction=True),
    ],
    alternatives=[Right(_mit_watch, why="tf.constant with tape.watch, result converted with .numpy()")],
)

zweite_ableitung = CustomExercise(
    title="Eine Funktion für die zweite Ableitung mit zwei Bändern",
    check=_derivative_check(2),
    reference=_zweite_mit_baendern,
    hints=[
        "Zwei Bänder ineinander: Das äußere beobachtet die Rechnung des inneren. "
        "`erste = innen.gradient(y, x)` muss noch **im** äußeren `with`-Block stehen, danach "
        "`return aussen.gradient(erste, x)`.",
        "Zur Kontrolle: f(x) = x³ − 2x hat f'(x) = 3x² − 2 und f''(x) = 6x – bei x = 1.5 also 9.",
    ],
    wrong=[
        Wrong(lambda f, x: 9.0, expect="statt"),
        Wrong(_nur_erste, expect="erste Ableitung"),
        Wrong(_zweite_ausserhalb, expect="None"),
        Wrong(_zweiter_differenzenquotient, expect="ohne GradientTape", instruction=True),
    ],
    alternatives=[Right(_zweite_watch, why="float64 constants watched by both tapes, result as a Python float")],
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


def _python_function(fn: Any) -> Any:
    """The plain Python function behind a @tf.function (or the function itself)."""
    return getattr(fn, "python_function", None) or fn


def _uses_tape(fn: Any) -> bool | None:
    """Whether the function's source asks a GradientTape for the gradient (None: no source)."""
    source = function_source(_python_function(fn))
    if source is None:
        return None
    return "GradientTape" in source and ".gradient(" in source


def _variables(fn: Any) -> dict[str, Any]:
    """The objects named W and b that the learner's function sees (closure first, then globals)."""
    import inspect

    fn = _python_function(fn)
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
    if _uses_tape(fn) is False:
        raise Falsch(
            "Die Funktion benutzt kein tf.GradientTape mit tape.gradient(...) – die Aufgabe verlangt, die "
            "Gradienten vom Band zu holen, nicht von Hand auszurechnen"
        )
    W, b = found["W"], found["b"]
    saved_W, saved_b = W.numpy().copy(), b.numpy().copy()
    try:
        return _probe(fn, W, b)
    finally:  # the learner's W and b are as before the check
        W.assign(saved_W)
        b.assign(saved_b)


_SCHRITT = '''
{decorator}
def trainingsschritt(inputs, targets):
    with tf.GradientTape() as tape:
        vorhersagen = tf.matmul(inputs, W) + b
        verlust = {loss}
    grad_W, grad_b = tape.gradient(verlust, [W, b])
    {update}
    {ret}
'''

#: the gradient of the MSE computed by hand, without a tape (breaks the task's instruction)
_VON_HAND = '''
def trainingsschritt(inputs, targets):
    vorhersagen = tf.matmul(inputs, W) + b
    fehler = vorhersagen - targets
    verlust = tf.reduce_mean(tf.square(fehler))
    n = tf.cast(tf.shape(inputs)[0], tf.float32)
    W.assign_sub(lernrate * 2 * tf.matmul(inputs, fehler, transpose_a=True) / n)
    b.assign_sub(lernrate * 2 * tf.reduce_sum(fehler, axis=0) / n)
    return verlust
'''


def _schritt(
    loss: str = "tf.reduce_mean(tf.square(targets - vorhersagen))",
    update: str = "W.assign_sub(lernrate * grad_W); b.assign_sub(lernrate * grad_b)",
    ret: str = "return verlust",
    lernrate: float = LERNRATE,
    decorator: str = "",
    source: str | None = None,
):
    """A learner's trainingsschritt with its own W, b and lernrate (as in the notebook's globals).

    Its source is registered with ``linecache`` (as Jupyter does for a cell), so that the
    check can read it like a learner's.
    """
    import linecache

    import tensorflow as tf

    namespace = {
        "tf": tf,
        "W": tf.Variable(tf.zeros((2, 1))),
        "b": tf.Variable(tf.zeros((1,))),
        "lernrate": lernrate,
    }
    text = textwrap.dedent(source or _SCHRITT.format(decorator=decorator, loss=loss, update=update, ret=ret))
    filename = f"<dlkurs-1.8-schritt-{abs(hash(text))}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    exec(compile(text, filename, "exec"), namespace)  # noqa: S102
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
        Wrong(lazy(lambda: _schritt(source=_VON_HAND)), expect="kein tf.GradientTape", instruction=True),
    ],
    alternatives=[
        Right(lazy(lambda: _schritt(decorator="@tf.function")), why="the same step compiled with @tf.function"),
    ],
)

"""Exercises of lesson 1.7 "Gradient Descent & Backpropagation"."""

from __future__ import annotations

import math
import numbers

import numpy as np

from dlkurs.exercises import Case, CustomExercise, Falsch, from_solution, FunctionExercise, Right, short, ValueExercise, Wrong

# ------------------------------------------------------------------ gd_schritt


def _gd_in_place(w, grad, lr):
    w -= lr * grad
    return w


gd_schritt = FunctionExercise(
    title="Ein Schritt des Gradientenabstiegs",
    reference=from_solution(),
    cases=[
        Case(1.0, 2.0, 0.1).named("Steigung positiv: w muss kleiner werden"),
        Case(-3.0, -6.0, 0.5).named("Steigung negativ: w muss größer werden"),
        Case(np.array([1.0, -2.0, 0.5]), np.array([0.2, -0.4, 1.0]), 0.1).named("Vektor"),
        Case(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.5, 0.5], [-1.0, 1.0]]), 0.01).named("Matrix"),
        Case(np.array([1.0, 2.0]), np.array([3.0, 4.0]), 0.0).named("lr = 0: nichts ändert sich"),
        Case(np.array([1, 2]), np.array([0.5, -0.5]), 0.1).named("ganzzahliges w: das Ergebnis hat Nachkommastellen"),
    ],
    hints=[
        "Der Gradient zeigt bergauf. Um bergab zu gehen, ziehst du ein Stück davon ab: neues w = w - lr · grad.",
        "`return w - lr * grad` erzeugt ein neues Array. `w -= lr * grad` würde das Array des Aufrufers "
        "verändern – das soll die Funktion nicht.",
    ],
    wrong=[
        Wrong(lambda w, grad, lr: w + lr * grad, expect="w muss kleiner werden"),
        Wrong(lambda w, grad, lr: w - grad, expect="w muss kleiner werden"),
        Wrong(lambda w, grad, lr: -lr * grad, expect="w muss kleiner werden"),
        Wrong(_gd_in_place, expect="verändert ihre Eingabe", instruction=True),
    ],
    alternatives=[Right(lambda w, grad, lr: np.subtract(w, np.multiply(lr, grad)), why="np.subtract/np.multiply")],
)


# ------------------------------------------------------------------- lernrate
LERNRATE_START = 5.0
LERNRATE_SCHRITTE = 20
LERNRATE_ZIEL = 1e-3


def _check_learning_rate(lr):
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise Falsch(f"Erwartet wird eine Zahl als Lernrate, erhalten: {short(lr)}")
    try:
        lr = float(lr)
    except OverflowError:  # an integer beyond float, e.g. 10**400
        lr = math.inf if lr > 0 else -math.inf
    if lr == -math.inf:
        return "Mit einer negativen Lernrate geht es bergauf statt bergab – die Lernrate muss positiv sein"
    if lr == math.inf:
        return "Diese Lernrate ist viel zu groß: schon der erste Schritt wirft w ins Unendliche – der Abstieg divergiert"
    if not math.isfinite(lr):
        raise Falsch("Die Lernrate muss eine endliche Zahl sein")
    if lr <= 0:
        return (f"Mit lr = {lr:g} geht es nicht bergab: w ← w - lr · 2w bewegt sich bei lr = 0 gar nicht "
                "und bei negativer lr bergauf. Die Lernrate muss positiv sein")
    w = LERNRATE_START
    for _ in range(LERNRATE_SCHRITTE):
        w = w - lr * 2 * w
    if abs(w) < LERNRATE_ZIEL:
        return None
    factor = 1 - 2 * lr
    where = f"Nach {LERNRATE_SCHRITTE} Schritten ist w = {w:.4g}"
    if factor > 0:
        slow = ", die Schritte kommen kaum voran" if abs(w) > 1 else ""
        return f"{where} – noch nicht nah genug an 0 (Ziel: |w| < {LERNRATE_ZIEL:g}): die Lernrate ist zu klein{slow}"
    if factor > -1:
        return (f"{where}: w springt bei jedem Schritt über das Minimum auf die andere Seite und kommt "
                f"nicht schnell genug zur Ruhe (Ziel: |w| < {LERNRATE_ZIEL:g}) – die Lernrate ist etwas zu groß")
    if factor == -1:
        return f"{where}: w springt zwischen +5 und -5 hin und her – die Lernrate ist zu groß"
    return f"{where}: w wird mit jedem Schritt größer, der Abstieg divergiert – die Lernrate ist viel zu groß"


lernrate = CustomExercise(
    title="Eine Lernrate, die in 20 Schritten ankommt",
    check=_check_learning_rate,
    reference=0.4,
    hints=[
        "Bei f(w) = w² ist f'(w) = 2w, ein Schritt ist also w ← w - lr · 2w = (1 - 2·lr) · w. "
        "Nach 20 Schritten ist w = (1 - 2·lr)²⁰ · 5.",
        "Damit (1 - 2·lr)²⁰ · 5 kleiner als 0.001 wird, muss |1 - 2·lr| deutlich kleiner als 1 sein – "
        "probiere Werte zwischen 0.2 und 0.8 aus.",
    ],
    wrong=[
        Wrong(0.01, expect="zu klein"),
        Wrong(0.1, expect="zu klein"),
        Wrong(0.9, expect="etwas zu groß", instruction=True),  # reaches |w| < 0.001, but not in 20 steps
        Wrong(1.0, expect="hin und her"),
        Wrong(1.5, expect="divergiert"),
        Wrong(-0.3, expect="positiv"),
        Wrong("0.4", expect="Zahl"),
        Wrong(10**400, expect="viel zu groß"),
        Wrong(-(10**400), expect="positiv"),
    ],
    alternatives=[
        Right(0.5, why="the exact 1/f'' that lands in the minimum in one step"),
        Right(np.float32(0.2), why="a NumPy float near the lower end of the interval (0.1734, 0.8266)"),
    ],
)


# ------------------------------------------------------------------ ableitung
# f = (x·w + b - y)² at x = -2, w = 1.5, b = 0.5, y = 1: a = -3, z = -2.5, e = -3.5, f = 12.25
# df/dw = 2e · x = 14
ableitung = ValueExercise(
    title="∂L/∂w von Hand mit der Kettenregel",
    expected=14.0,
    reveal=False,
    hints=[
        "Rechne erst vorwärts: a = x·w, z = a + b, e = z - y, L = e². Dann rückwärts: "
        "∂L/∂e = 2e, ∂e/∂z = 1, ∂z/∂a = 1, ∂a/∂w = x.",
        "Multipliziere die lokalen Ableitungen: ∂L/∂w = 2e · 1 · 1 · x. Achte auf die Vorzeichen: "
        "e und x sind hier beide negativ.",
    ],
    wrong=[
        Wrong(7.0, expect="Faktor 2", feedback="Es fehlt der Faktor 2 aus der Ableitung von e² (∂L/∂e = 2e)."),
        Wrong(-7.0, expect="∂a/∂w = x",
              feedback="Das ist ∂L/∂b = 2e. Für w fehlt noch die innere Ableitung ∂a/∂w = x."),
        Wrong(-14.0, expect="Vorzeichen",
              feedback="Der Betrag stimmt, das Vorzeichen nicht: e = z - y und x sind beide negativ."),
        Wrong(-10.5, expect="x, nicht w",
              feedback="Du hast mit w multipliziert – die Ableitung von a = x·w nach w ist x, nicht w."),
        Wrong(18.0, expect="neuen Werten", instruction=True,
              feedback="Das ist ∂L/∂w aus dem Beispiel oben (x = 3, w = 2, b = 1, y = 4) – rechne mit den neuen Werten."),
        Wrong(12.25, expect="Verlust selbst", feedback="Das ist der Verlust selbst, nicht seine Ableitung."),
    ],
    alternatives=[Right(14, why="an int"), Right(np.float64(14.000000001), why="float rounding")],
)


# ------------------------------------------------------------ momentum_schritt


def _momentum_old_velocity(w, v, grad, lr, mu=0.9):
    return w + v, mu * v - lr * grad


def _momentum_without_mu(w, v, grad, lr, mu=0.9):
    v_new = v - lr * grad
    return w + v_new, v_new


def _momentum_in_place(w, v, grad, lr, mu=0.9):
    v *= mu
    v -= lr * grad
    return w + v, v


def _momentum_forgotten(w, v, grad, lr, mu=0.9):
    return w - lr * grad, -lr * grad


momentum_schritt = FunctionExercise(
    title="Ein Schritt mit Momentum (Keras' Regel)",
    reference=from_solution(),
    cases=[
        Case(np.array([1.0, -1.0]), np.array([0.0, 0.0]), np.array([2.0, -4.0]), 0.1).named("erster Schritt, v = 0"),
        Case(np.array([1.0, -1.0]), np.array([-0.5, 0.2]), np.array([2.0, -4.0]), 0.1).named("mit Schwung v ≠ 0"),
        Case(np.array([0.5, 0.5]), np.array([0.3, -0.3]), np.array([1.0, 1.0]), 0.1, 0.5).named("mu = 0.5"),
        Case(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.1, 0.0], [0.0, -0.1]]),
             np.array([[1.0, 1.0], [1.0, 1.0]]), 0.01).named("Matrix"),
    ],
    hints=[
        "Erst die Geschwindigkeit, dann die Gewichte: `v_neu = mu * v - lr * grad`, danach `w_neu = w + v_neu`. "
        "Gib beides zurück: `return w_neu, v_neu`.",
        "Nimm für w die **neue** Geschwindigkeit v_neu, nicht die alte. Und verändere w und v nicht "
        "(kein `v *= mu`), sondern rechne neue Arrays aus.",
    ],
    wrong=[
        Wrong(_momentum_old_velocity, expect="erster Schritt"),
        Wrong(_momentum_without_mu, expect="mit Schwung"),
        Wrong(_momentum_forgotten, expect="mit Schwung"),
        Wrong(_momentum_in_place, expect="verändert ihre Eingabe", instruction=True),
    ],
    alternatives=[
        Right(lambda w, v, grad, lr, mu=0.9: (w + mu * v - lr * grad, mu * v - lr * grad),
              why="the update written out instead of reusing v_neu"),
    ],
)

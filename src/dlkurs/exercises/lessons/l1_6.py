"""Exercises of lesson 1.6 "Neuronale Netze"."""

from __future__ import annotations

import copy
import numbers

import numpy as np

from dlkurs.exercises import (
    call_answer,
    Case,
    compare_values,
    contains_placeholder,
    CustomExercise,
    Falsch,
    from_solution,
    FunctionExercise,
    NotAttempted,
    Right,
    short,
    ThoughtQuestion,
    Wrong,
)

_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
_NAND = [1, 1, 1, 0]
_KNOWN_GATES = {
    (0, 0, 0, 1): "Dein Neuron rechnet AND – NAND ist genau das Gegenteil (NOT AND): "
    "mit negativen (hemmenden) Gewichten wird die Summe kleiner, je mehr Eingänge 1 sind",
    (0, 1, 1, 1): "Dein Neuron rechnet OR – NAND feuert für (0, 0) und schweigt nur bei (1, 1)",
    (1, 0, 0, 0): "Dein Neuron rechnet NOR (feuert nur bei (0, 0)) – die Schwelle ist zu hoch: "
    "NAND soll auch bei genau einer 1 feuern",
    (1, 1, 1, 1): "Dein Neuron feuert immer, auch bei (1, 1) – die Schwelle ist zu niedrig",
    (0, 0, 0, 0): "Dein Neuron feuert nie – die Schwelle ist zu hoch",
}


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _check_nand(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Falsch(
            "Erwartet wird das Paar (nand_gewichte, nand_schwelle), erhalten: "
            f"{short(answer)} – übergib beides: .check((nand_gewichte, nand_schwelle))"
        )
    weights, threshold = answer
    if _is_number(weights):
        raise Falsch(
            "Erwartet wird das Paar (nand_gewichte, nand_schwelle): zuerst die Liste der zwei Gewichte, "
            "dann die Schwelle, z. B. ([w₁, w₂], schwelle)"
        )
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise Falsch(f"Die Gewichte müssen Zahlen sein, erhalten: {short(weights)}") from None
    if w.shape != (2,):
        raise Falsch(f"Erwartet werden zwei Gewichte (eines je Eingang), erhalten: {short(weights)}")
    if not np.all(np.isfinite(w)):
        raise Falsch("Die Gewichte müssen endliche Zahlen sein (kein NaN, kein inf)")
    if not _is_number(threshold) or not np.isfinite(float(threshold)):
        raise Falsch(f"Die Schwelle muss eine einzelne Zahl sein, erhalten: {short(threshold)}")
    out = (_INPUTS @ w >= float(threshold)).astype(int)
    if out.tolist() == _NAND:
        return None
    known = _KNOWN_GATES.get(tuple(out.tolist()))
    wrong_rows = [f"x = {tuple(int(v) for v in x)}: {o} statt {t}" for x, o, t in zip(_INPUTS, out, _NAND) if o != t]
    detail = "Wahrheitstabelle falsch bei " + "; ".join(wrong_rows)
    return f"{known}. {detail}" if known else detail


nand = CustomExercise(
    title="Ein McCulloch-Pitts-Neuron für NAND",
    check=_check_nand,
    reference=([-1, -1], -1),
    hints=[
        "NAND heißt NOT AND: die Ausgabe ist 1, außer wenn beide Eingänge 1 sind. "
        "Das Neuron feuert, wenn `w₁·x₁ + w₂·x₂ ≥ Schwelle`.",
        "Hemmende (negative) Gewichte machen die Summe kleiner, je mehr Eingänge 1 sind. "
        "Mit `nand_gewichte = [-1, -1]` ist die Summe 0, -1, -1 oder -2 – welche Schwelle "
        "lässt nur -2 durchfallen?",
    ],
    wrong=[
        Wrong(([1, 1], 2), expect="AND"),
        Wrong(([-1, -1], 0), expect="NOR"),
        Wrong(([-1, -1], -2), expect="feuert immer"),
        Wrong([-1, -1], expect="Paar"),
        Wrong((["a", "b"], 1), expect="Zahlen"),
        Wrong(([-1, -1, 0], -1), expect="zwei Gewichte", instruction=True),
    ],
    alternatives=[
        Right(([-2, -2], -3), why="the second solution the lesson names"),
        Right((np.array([-0.5, -0.5]), -0.9), why="float weights as an array"),
    ],
)


# ------------------------------------------------------------------ perceptron


def _step_sign_flipped(w, b, x, y, lr=1.0):
    prediction = 1 if np.dot(w, x) + b >= 0 else 0
    return w - lr * (y - prediction) * x, b - lr * (y - prediction)


def _step_without_bias(w, b, x, y, lr=1.0):
    prediction = 1 if np.dot(w, x) + b >= 0 else 0
    return w + lr * (y - prediction) * x, b


def _step_in_place(w, b, x, y, lr=1.0):
    prediction = 1 if np.dot(w, x) + b >= 0 else 0
    w += lr * (y - prediction) * x
    return w, b + lr * (y - prediction)


def _step_always(w, b, x, y, lr=1.0):  # learns from every example, not only from mistakes
    return w + lr * y * x, b + lr * y


def _step_strict(w, b, x, y, lr=1.0):  # > instead of >=: w·x + b = 0 counts as 0
    prediction = 1 if np.dot(w, x) + b > 0 else 0
    return w + lr * (y - prediction) * x, b + lr * (y - prediction)


def _step_vectorised(w, b, x, y, lr=1.0):
    fehler = y - float(w @ x + b >= 0)
    return w + lr * fehler * x, b + lr * fehler


perzeptron_schritt = FunctionExercise(
    title="Ein Schritt der Perzeptron-Lernregel",
    reference=from_solution(),
    cases=[
        Case(np.array([0.5, -0.5]), -0.2, np.array([1.0, 0.0]), 1).named("richtig erkannt: nichts ändern"),
        Case(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0).named("Fehlalarm: w·x + b = 0, also ŷ = 1, aber y = 0"),
        Case(np.array([-1.0, 2.0]), -1.5, np.array([1.0, 0.0]), 1).named("verpasst: ŷ = 0, aber y = 1"),
        Case(np.array([0.2, -0.4, 0.1]), 0.3, np.array([1.0, 1.0, 2.0]), 0, 0.5).named("drei Eingänge, lr = 0.5"),
        Case(np.array([1.0, 1.0]), -3.0, np.array([1.0, 1.0]), 0).named("richtig erkannt (ŷ = 0)"),
    ],
    hints=[
        "Erst vorhersagen: `y_dach = 1 if np.dot(w, x) + b >= 0 else 0`. Dann ist `fehler = y - y_dach` "
        "entweder -1, 0 oder 1.",
        "Neue Gewichte: `w + lr * fehler * x`, neuer Bias: `b + lr * fehler`. Schreib nicht `w += …` – "
        "das würde das Array des Aufrufers verändern. Gib beides als Paar zurück: `return w_neu, b_neu`.",
    ],
    wrong=[
        Wrong(_step_sign_flipped, expect="Fehlalarm"),
        Wrong(_step_without_bias, expect="Element 1"),
        Wrong(_step_in_place, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_step_always, expect="nichts ändern"),
        Wrong(_step_strict, expect="Fehlalarm"),
    ],
    alternatives=[Right(_step_vectorised, why="prediction as (w @ x + b >= 0), error as a float")],
)


# --------------------------------------------------------------------- sigmoid
def _sigmoid_derivative(z):
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))  # σ' is even: σ'(z) = σ'(-|z|) = e / (1 + e)²
    return e / (1.0 + e) ** 2


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


_SIGMOID_CASES = [
    (np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), "[-2, -0.5, 0, 0.5, 2]"),
    (0.0, "0.0 (eine einzelne Zahl)"),
    (np.array([[-1.0, 0.0, 1.0], [3.0, -3.0, 10.0]]), "ein 2-D-Array der Form (2, 3)"),
    (np.array([-1000.0, -50.0, 50.0, 1000.0]), "[-1000, -50, 50, 1000] (große |z|)"),
]


def _check_sigmoid_derivative(fn):
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)} – übergib sie ohne Klammern")
    for z, label in _SIGMOID_CASES:
        given, pristine = copy.deepcopy(z), copy.deepcopy(z)
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                result = call_answer(fn, given)
        except Falsch as err:
            reason = err.reason or ""
            if any(name in reason for name in ("FloatingPointError", "OverflowError")):
                raise Falsch(
                    f"Für z = {label} läuft die Rechnung über ({reason.split(' aus: ')[-1]}) – NumPy würde "
                    "eine RuntimeWarning zeigen. np.exp(-z) ist für z = -1000 größer als jede float-Zahl. "
                    "Nutze, dass σ' symmetrisch ist: σ'(z) = σ'(-|z|)"
                ) from None
            raise
        if contains_placeholder(result):
            raise NotAttempted()
        if isinstance(z, np.ndarray) and compare_values(given, pristine, rtol=0.0, atol=0.0, check_dtype=True):
            return f"Die Funktion verändert ihre Eingabe z (bei z = {label}) – arbeite auf einer Kopie"
        expected = _sigmoid_derivative(z)
        if isinstance(z, float):
            expected = float(expected)
        reason = compare_values(result, expected, rtol=1e-6, atol=1e-12)
        if reason is None:
            continue
        try:
            value = np.asarray(result, dtype=float)
            if value.shape == np.shape(z) and np.allclose(value, _sigmoid(z), rtol=1e-6, atol=1e-12):
                return f"Für z = {label} gibt die Funktion σ(z) selbst zurück, nicht die Ableitung σ(z)·(1 - σ(z))"
            zz = np.asarray(z, dtype=float)
            if value.shape == zz.shape and np.allclose(value, zz * (1 - zz)):
                return (f"Für z = {label} kommt z·(1 - z) heraus: die Formel σ'(z) = s·(1 - s) "
                        "gilt für s = σ(z), nicht für z selbst")
        except (TypeError, ValueError):
            pass
        return f"Für z = {label}: {reason}"
    return None


def _naive(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def _naive_exp_form(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2


def _abs_in_place(z):
    z = np.abs(z, out=z) if isinstance(z, np.ndarray) else abs(z)
    e = np.exp(-z)
    return e / (1 + e) ** 2


def _expit_form(z):
    from scipy.special import expit

    s = expit(z)
    return s * (1 - s)


sigmoid_ableitung = CustomExercise(
    title="Die Ableitung der Sigmoid-Funktion, numerisch stabil",
    check=_check_sigmoid_derivative,
    reference=from_solution(),
    hints=[
        "Es gilt σ'(z) = σ(z)·(1 - σ(z)). Am Punkt 0 ist σ(0) = 0.5, also σ'(0) = 0.25 – "
        "das ist auch der größte Wert, den σ' annimmt.",
        "Für z = -1000 ist `np.exp(-z)` = e¹⁰⁰⁰ größer als jede float-Zahl (Überlauf). σ' ist symmetrisch: "
        "σ'(z) = σ'(-|z|). Mit `e = np.exp(-np.abs(z))` (immer ≤ 1) ist σ'(z) = e / (1 + e)².",
    ],
    wrong=[
        Wrong(_naive, expect="läuft die Rechnung über", instruction=True),
        Wrong(_naive_exp_form, expect="läuft die Rechnung über"),
        Wrong(_sigmoid, expect="σ(z) selbst"),
        Wrong(lambda z: z * (1 - z), expect="nicht für z selbst"),
        Wrong(_abs_in_place, expect="verändert ihre Eingabe"),
    ],
    alternatives=[Right(_expit_form, why="scipy.special.expit, which never overflows")],
)

xor_gerade = ThoughtQuestion(title="Warum lernt ein einzelnes Perzeptron XOR nicht?")

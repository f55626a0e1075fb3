"""Exercises of lesson 4.8 "Ein deutscher Mini-GPT": capitalisation tokens and the causal mask."""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import Case, FunctionExercise, Right, Wrong, from_solution

# -- 1. capitalisation tokens --------------------------------------------------------------


def _nur_klein(wort):
    return [wort.lower()]


def _immer_shift(wort):
    return ["⇧", wort.lower()] if wort[:1].isupper() else [wort]


def _nicht_kleingeschrieben(wort):
    if len(wort) > 1 and wort.isupper():
        return ["⇪", wort]
    if wort[:1].isupper():
        return ["⇧", wort]
    return [wort]


def _zeichen_dahinter(wort):
    if len(wort) > 1 and wort.isupper():
        return [wort.lower(), "⇪"]
    if wort[:1].isupper():
        return [wort.lower(), "⇧"]
    return [wort]


def _einzelbuchstabe_caps(wort):
    if wort.isupper():
        return ["⇪", wort.lower()]
    if wort[:1].isupper():
        return ["⇧", wort.lower()]
    return [wort]


def _mit_vergleich(wort):
    klein = wort.lower()
    if wort == wort.upper() and wort != klein and len(wort) > 1:
        return ["⇪", klein]
    if wort[0] != klein[0]:
        return ["⇧", klein]
    return [wort]


def _als_tupel(wort):
    if len(wort) > 1 and wort.isupper():
        return ("⇪", wort.lower())
    return ("⇧", wort.lower()) if wort[0].isupper() else (wort,)


markiere = FunctionExercise(
    title="Groß- und Kleinschreibung als Tokens",
    reference=from_solution("markiere", lesson="4.8"),
    cases=[
        Case("nacht").named("kleingeschrieben"),
        Case("Nacht").named("Nomen"),
        Case("FAUST").named("Sprechername"),
        Case("MEPHISTOPHELES").named("langer Sprechername"),
        Case("A").named("ein großer Buchstabe"),
        Case("Ärger").named("Umlaut am Anfang"),
        Case("ÖL").named("Umlaute, ganz groß"),
        Case(",").named("Satzzeichen"),
        Case("1808").named("Zahl"),
        Case("und").named("kurzes Wort"),
    ],
    hints=[
        "Die Reihenfolge der Fragen zählt: erst `len(wort) > 1 and wort.isupper()` (ganz groß), dann "
        "`wort[0].isupper()` (erster Buchstabe groß).",
        "Das Zeichen steht **vor** dem Wort, das Wort selbst mit `wort.lower()`: `return [\"⇧\", wort.lower()]`.",
    ],
    wrong=[
        Wrong(_nur_klein, expect="Elemente statt 2"),
        Wrong(_immer_shift, expect="Sprechername"),
        Wrong(_nicht_kleingeschrieben, expect="Groß- und Kleinschreibung", instruction=True),
        Wrong(_zeichen_dahinter, expect="statt '⇧'"),
        Wrong(_einzelbuchstabe_caps, expect="ein großer Buchstabe"),
    ],
    alternatives=[
        Right(_mit_vergleich, why="comparing with lower()/upper() instead of isupper()"),
    ],
)


# -- 2. the causal mask --------------------------------------------------------------------


def _nach_vorn(n):
    return np.triu(np.ones((n, n), dtype=bool))


def _ohne_diagonale(n):
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


def _mit_stapelachse(n):
    return np.tril(np.ones((n, n), dtype=bool))[np.newaxis]


def _alles_erlaubt(n):
    return np.ones((n, n), dtype=bool)


def _schleifen(n):
    maske = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1):
            maske[i, j] = True
    return maske


def _vergleich(n):
    return np.arange(n)[:, None] >= np.arange(n)[None, :]


kausale_maske = FunctionExercise(
    title="Die kausale Maske",
    reference=from_solution("kausale_maske", lesson="4.8"),
    cases=[
        Case(1).named("ein Token"),
        Case(2),
        Case(5),
        Case(64).named("Blocklänge der Lektion"),
    ],
    check_dtype=False,
    hints=[
        "Zeile `i` darf auf die Spalten `0 … i` schauen: unten links und die Diagonale sind `True`, "
        "rechts oberhalb der Diagonale `False`.",
        "`np.tril(np.ones((n, n), dtype=bool))` – die untere Dreiecksmatrix samt Diagonale.",
    ],
    wrong=[
        Wrong(_nach_vorn, expect="Wert"),
        Wrong(_ohne_diagonale, expect="Wert"),
        Wrong(_mit_stapelachse, expect="Form", instruction=True),
        Wrong(_alles_erlaubt, expect="Wert"),
    ],
    alternatives=[
        Right(_schleifen, why="two loops"),
        Right(_vergleich, why="broadcast comparison of row and column index"),
    ],
)

"""Exercises of lesson 4.6 "Texte generieren": training windows and the temperature."""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    FALSCH,
    NICHT_BEARBEITET,
    RICHTIG,
    Case,
    CustomExercise,
    Falsch,
    FunctionExercise,
    NotAttempted,
    Right,
    Wrong,
    call_answer,
    from_solution,
)

# -- 1. windows and next character --------------------------------------------------------

_IDS = np.array([5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9], dtype="int32")


def _fenster_y_im_fenster(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge, schritt)
    return np.stack([ids[s:s + laenge] for s in starts]), ids[starts + laenge - 1]


def _fenster_ohne_schritt(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge)
    return np.stack([ids[s:s + laenge] for s in starts]), ids[starts + laenge]


def _fenster_one_hot(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge, schritt)
    y = np.zeros((len(starts), int(np.max(ids)) + 1), dtype="float32")
    y[np.arange(len(starts)), ids[starts + laenge]] = 1
    return np.stack([ids[s:s + laenge] for s in starts]), y


def _fenster_eins_zu_viel(ids, laenge, schritt):
    # the last window has no next character: its y is taken from the wrong end
    starts = np.arange(0, len(ids) - laenge + 1, schritt)
    return np.stack([ids[s:s + laenge] for s in starts]), ids[(starts + laenge) % len(ids)]


def _fenster_liste(ids, laenge, schritt):
    x, y = [], []
    for s in range(0, len(ids) - laenge, schritt):
        x.append(list(ids[s:s + laenge]))
        y.append(int(ids[s + laenge]))
    return np.array(x), np.array(y)


def _fenster_strided(ids, laenge, schritt):
    alle = np.lib.stride_tricks.sliding_window_view(ids[:-1], laenge)[::schritt]
    starts = np.arange(len(alle)) * schritt
    return alle.copy(), ids[starts + laenge]


fenster = FunctionExercise(
    title="Fenster und nächstes Zeichen",
    reference=from_solution("fenster", lesson="4.6"),
    cases=[
        Case(_IDS, 4, 3).named("15 Ids, Länge 4, Schritt 3"),
        Case(_IDS, 3, 1).named("Schritt 1"),
        Case(_IDS, 5, 5).named("Fenster ohne Überlappung"),
        Case(_IDS, 6, 4).named("Schritt passt nicht auf"),
        Case(np.arange(1000, dtype="int32") % 7, 10, 7).named("lang"),
    ],
    check_dtype=False,
    hints=[
        "Das erste Fenster beginnt bei 0, das nächste bei `schritt`, … Der letzte Anfang ist so, dass "
        "nach dem Fenster noch ein Zeichen folgt: `starts = np.arange(0, len(ids) - laenge, schritt)`.",
        "`x = np.stack([ids[s:s + laenge] for s in starts])` und `y = ids[starts + laenge]` – das Zeichen "
        "direkt *hinter* dem Fenster, nicht sein letztes.",
    ],
    wrong=[
        Wrong(_fenster_y_im_fenster, expect="Wert"),
        Wrong(_fenster_ohne_schritt, expect="Form"),
        Wrong(_fenster_one_hot, expect="Form", instruction=True),
        Wrong(_fenster_eins_zu_viel, expect="Form"),
    ],
    alternatives=[
        Right(_fenster_liste, why="a Python loop collecting lists, converted at the end"),
        Right(_fenster_strided, why="sliding_window_view with a stride"),
    ],
)


# -- 2. the temperature --------------------------------------------------------------------

_P = np.array([0.5, 0.3, 0.15, 0.05])


def _geteilt(p, temperatur):
    q = p / temperatur  # divides the probabilities, not their logarithms: renormalising undoes it
    return q / q.sum()


def _nicht_normiert(p, temperatur):
    with np.errstate(divide="ignore"):
        return np.exp(np.log(p) / temperatur)


def _falsch_herum(p, temperatur):
    q = p ** temperatur
    return q / q.sum()


def _an_ort_und_stelle(p, temperatur):
    p **= 1 / temperatur
    p /= p.sum()
    return p


def _ohne_maximum(p, temperatur):
    q = p ** (1 / temperatur)  # underflows to 0/0 for tiny temperatures
    with np.errstate(invalid="ignore"):
        return q / q.sum()


def _mit_maximum_skaliert(p, temperatur):
    q = (p / p.max()) ** (1 / temperatur)
    return q / q.sum()


def _geklippt(p, temperatur):
    logits = np.log(np.clip(p, 1e-30, 1.0)) / temperatur
    e = np.exp(logits - logits.max())
    return e / e.sum()


_umgewichten_faelle = FunctionExercise(
    title="Verteilung mit einer Temperatur umgewichten (Testfälle)",
    reference=from_solution("umgewichten", lesson="4.6"),
    cases=[
        Case(_P.copy(), 1.0).named("T = 1 lässt p unverändert"),
        Case(_P.copy(), 0.5).named("T = 0,5: spitzer"),
        Case(_P.copy(), 2.0).named("T = 2: flacher"),
        Case(np.array([0.7, 0.3, 0.0]), 0.8).named("eine Wahrscheinlichkeit 0"),
        Case(_P.copy(), 1e-4).named("T = 0,0001: fast nur das größte p"),
        Case(np.full(5, 0.2), 0.3).named("gleichverteilt bleibt gleichverteilt"),
    ],
    rtol=1e-6,
    atol=1e-9,
)

# typical mistakes, recognised by their result for (_P, 0.5)
_VARIANTEN = [
    (lambda p, t: p, "Das ist p selbst: Wer die Wahrscheinlichkeiten durch T teilt, macht das beim Normieren "
                     "wieder rückgängig. Teile die *Logarithmen* durch T."),
    (lambda p, t: p ** (1 / t), "Die Summe ist nicht 1 – am Ende fehlt das Normieren (durch die Summe teilen)."),
    (lambda p, t: (p ** t) / np.sum(p ** t), "Du potenzierst mit T statt mit 1/T: Teile log(p) durch T, "
                                               "multipliziere nicht."),
]


def _pruefe_umgewichten(fn):
    verdict = _umgewichten_faelle.evaluate(fn)
    if verdict.status == RICHTIG:
        return None
    if verdict.status == NICHT_BEARBEITET:
        raise NotAttempted()
    if verdict.status != FALSCH:
        return verdict.message
    grund = verdict.message.rstrip(".")
    try:
        ergebnis = np.asarray(call_answer(fn, _P.copy(), 0.5, timeout=5), dtype=float)
    except (Falsch, NotAttempted, TypeError, ValueError):
        return grund
    if ergebnis.shape == _P.shape:
        for variante, erklaerung in _VARIANTEN:
            if np.allclose(ergebnis, variante(_P, 0.5), rtol=1e-6, atol=1e-9):
                return f"{grund}. {erklaerung}"
    if "nan" in grund.lower():
        return (f"{grund}. Bei sehr kleinen Temperaturen wird jedes p ** (1/T) zu 0, und 0/0 gibt nan – "
                "ziehe vor `np.exp` das Maximum der Logarithmen ab.")
    return grund


umgewichten = CustomExercise(
    title="Verteilung mit einer Temperatur umgewichten",
    check=_pruefe_umgewichten,
    reference=from_solution("umgewichten", lesson="4.6"),
    hints=[
        "`logits = np.log(p) / temperatur`, dann `logits - logits.max()`, dann `np.exp(...)` und durch die "
        "Summe teilen.",
        "Für `p = 0` gibt `np.log` den Wert `-inf` (und eine Warnung, die `with np.errstate(divide=\"ignore\"):` "
        "abstellt); `np.exp(-inf)` ist 0. Schreibe nie `p /= …` – das ändert das Array des Aufrufers.",
    ],
    wrong=[
        Wrong(_geteilt, expect="Logarithmen"),
        Wrong(_nicht_normiert, expect="Normieren"),
        Wrong(_falsch_herum, expect="statt mit 1/T"),
        Wrong(_an_ort_und_stelle, expect="verändert", instruction=True),
        Wrong(_ohne_maximum, expect="Maximum der Logarithmen"),
    ],
    alternatives=[
        Right(_mit_maximum_skaliert, why="powers after dividing by the largest p: stable without logs"),
        Right(_geklippt, why="clipped probabilities instead of errstate"),
    ],
)

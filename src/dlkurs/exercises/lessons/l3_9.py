"""Exercises of lesson 3.9 "Jenseits von Klassifikation".

Both are function exercises with the edge cases the task texts name:

- ``rahmen_iou(a, b)``: boxes ``(y0, x0, y1, x1)`` as tuples, lists or arrays, floats allowed;
  partial overlap, disjoint boxes (also diagonal, where both overlap lengths are negative),
  boxes touching at an edge (0), identical boxes (1), one inside the other, a box without area
  (0 instead of a division by zero), symmetry.
- ``masken_iou(wahr, vorhersage)``: boolean or 0/1 masks of any shape; both empty gives 1.0,
  one empty gives 0.0, identical masks 1.0.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import Case, FunctionExercise, Right, Wrong, from_solution

# -- 1. IoU of two boxes -------------------------------------------------------------------


def _ohne_max(a, b):
    """Forgets to clamp the overlap at 0: two diagonal, separate boxes get a positive overlap."""
    hoehe = min(a[2], b[2]) - max(a[0], b[0])
    breite = min(a[3], b[3]) - max(a[1], b[1])
    schnitt = hoehe * breite
    vereinigung = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - schnitt
    return schnitt / vereinigung if vereinigung > 0 else 0.0


def _summe_statt_vereinigung(a, b):
    hoehe = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    breite = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    summe = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])
    return hoehe * breite / summe if summe > 0 else 0.0


def _teilt_durch_null(a, b):
    hoehe = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    breite = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    schnitt = hoehe * breite
    return schnitt / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - schnitt)


def _durch_kleinere_flaeche(a, b):
    hoehe = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    breite = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    kleiner = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return hoehe * breite / kleiner if kleiner > 0 else 0.0


def _plus_eins(a, b):
    """The old Pascal-VOC convention (ends inclusive, +1): not what the task says."""
    hoehe = max(0, min(a[2], b[2]) - max(a[0], b[0]) + 1)
    breite = max(0, min(a[3], b[3]) - max(a[1], b[1]) + 1)
    schnitt = hoehe * breite
    flaeche = lambda r: (r[2] - r[0] + 1) * (r[3] - r[1] + 1)  # noqa: E731
    return schnitt / (flaeche(a) + flaeche(b) - schnitt)


def _xy_vertauscht(a, b):
    """Reads boxes as (x0, y0, w, h): width and height instead of corners."""
    ax0, ay0, aw, ah = a
    bx0, by0, bw, bh = b
    hoehe = max(0, min(ay0 + ah, by0 + bh) - max(ay0, by0))
    breite = max(0, min(ax0 + aw, bx0 + bw) - max(ax0, bx0))
    schnitt = hoehe * breite
    vereinigung = aw * ah + bw * bh - schnitt
    return schnitt / vereinigung if vereinigung > 0 else 0.0


def _vektorisiert(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    oben_links, unten_rechts = np.maximum(a[:2], b[:2]), np.minimum(a[2:], b[2:])
    schnitt = np.prod(np.clip(unten_rechts - oben_links, 0, None))
    vereinigung = np.prod(a[2:] - a[:2]) + np.prod(b[2:] - b[:2]) - schnitt
    return float(schnitt / vereinigung) if vereinigung > 0 else 0.0


rahmen_iou = FunctionExercise(
    title="IoU zweier Rahmen",
    reference=from_solution(),
    cases=[
        Case((0, 0, 10, 10), (5, 5, 15, 15)).named("teilweise überlappend: 25 / 175"),
        Case((0, 0, 10, 10), (0, 0, 10, 10)).named("gleiche Rahmen"),
        Case((0, 0, 10, 10), (20, 20, 30, 30)).named("getrennt, schräg versetzt"),
        Case((0, 0, 10, 10), (0, 20, 10, 30)).named("getrennt, nebeneinander"),
        Case((0, 0, 10, 10), (0, 10, 10, 20)).named("berühren sich an einer Kante"),
        Case((0, 0, 10, 10), (2, 2, 6, 8)).named("einer im anderen"),
        Case((2, 2, 6, 8), (0, 0, 10, 10)).named("vertauschte Reihenfolge"),
        Case([1.5, 2.0, 7.5, 9.0], np.array([3.0, 4.5, 8.0, 12.0])).named("Liste und Array, Kommazahlen"),
        Case((0, 0, 12, 4), (4, 0, 16, 4)).named("nur senkrecht verschoben"),
        Case((5, 5, 5, 5), (5, 5, 5, 5)).named("zwei Rahmen ohne Fläche"),
        Case((3, 3, 3, 9), (0, 0, 10, 10)).named("ein Rahmen ohne Fläche"),
    ],
    atol=1e-9,
    hints=[
        "Die Überschneidung zweier Rahmen ist wieder ein Rahmen: oben-links das *größere* der beiden (y0, x0), "
        "unten-rechts das *kleinere* der beiden (y1, x1). Ist die Höhe oder Breite davon negativ, gibt es keine "
        "Überschneidung – nimm `max(0, …)`.",
        "Vereinigung = Fläche a + Fläche b − Überschneidung. Ist sie 0, gib 0.0 zurück: "
        "`return schnitt / vereinigung if vereinigung > 0 else 0.0`.",
    ],
    wrong=[
        Wrong(_ohne_max, expect="getrennt, schräg versetzt"),
        Wrong(_summe_statt_vereinigung, expect="statt"),
        Wrong(_teilt_durch_null, expect="ZeroDivisionError", instruction=True),
        Wrong(_durch_kleinere_flaeche, expect="statt"),
        Wrong(_plus_eins, expect="statt", instruction=True),
        Wrong(_xy_vertauscht, expect="statt"),
    ],
    alternatives=[Right(_vektorisiert, why="NumPy corners with maximum/minimum/clip, returns a Python float")],
)


# -- 2. IoU of two masks -------------------------------------------------------------------

_rng = np.random.default_rng(9)
_A = _rng.random((12, 12)) < 0.3
_B = _rng.random((12, 12)) < 0.3


def _genauigkeit(wahr, vorhersage):
    return float(np.mean(np.asarray(wahr, dtype=bool) == np.asarray(vorhersage, dtype=bool)))


def _ohne_leer(wahr, vorhersage):
    wahr, vorhersage = np.asarray(wahr, dtype=bool), np.asarray(vorhersage, dtype=bool)
    return np.count_nonzero(wahr & vorhersage) / np.count_nonzero(wahr | vorhersage)


def _leer_null(wahr, vorhersage):
    wahr, vorhersage = np.asarray(wahr, dtype=bool), np.asarray(vorhersage, dtype=bool)
    vereinigung = np.count_nonzero(wahr | vorhersage)
    return np.count_nonzero(wahr & vorhersage) / vereinigung if vereinigung else 0.0


def _dice(wahr, vorhersage):
    wahr, vorhersage = np.asarray(wahr, dtype=bool), np.asarray(vorhersage, dtype=bool)
    summe = np.count_nonzero(wahr) + np.count_nonzero(vorhersage)
    return 2 * np.count_nonzero(wahr & vorhersage) / summe if summe else 1.0


def _nur_wahre(wahr, vorhersage):
    """Recall: the overlap divided by the true pixels only."""
    wahr, vorhersage = np.asarray(wahr, dtype=bool), np.asarray(vorhersage, dtype=bool)
    n = np.count_nonzero(wahr)
    return np.count_nonzero(wahr & vorhersage) / n if n else 1.0


def _summe_statt_anzahl(wahr, vorhersage):
    """Multiplies and adds the raw values: with 0/1 ints fine, with booleans `+` is `or` – but a sum over
    ``wahr + vorhersage`` counts overlapping pixels twice."""
    wahr, vorhersage = np.asarray(wahr, dtype=int), np.asarray(vorhersage, dtype=int)
    nenner = np.sum(wahr + vorhersage)
    return np.sum(wahr * vorhersage) / nenner if nenner else 1.0


def _mit_sets(wahr, vorhersage):
    wahr = {tuple(i) for i in np.argwhere(np.asarray(wahr))}
    vorhersage = {tuple(i) for i in np.argwhere(np.asarray(vorhersage))}
    return len(wahr & vorhersage) / len(wahr | vorhersage) if wahr | vorhersage else 1.0


masken_iou = FunctionExercise(
    title="IoU zweier Masken",
    reference=from_solution(),
    cases=[
        Case(_A, _B).named("zwei zufällige Masken"),
        Case(_A, _A.copy()).named("gleiche Masken"),
        Case(np.zeros((6, 6), bool), np.zeros((6, 6), bool)).named("beide leer"),
        Case(np.zeros((6, 6), bool), np.eye(6, dtype=bool)).named("wahre Maske leer"),
        Case(np.eye(6, dtype=bool), np.zeros((6, 6), bool)).named("Vorhersage leer"),
        Case(np.eye(5, dtype=int), np.ones((5, 5), dtype=int)).named("Masken aus 0 und 1: 5 / 25"),
        Case(_A[:6], ~_A[:6]).named("keine Überschneidung"),
        Case(_A[None].repeat(2, axis=0), _B[None].repeat(2, axis=0)).named("drei Achsen"),
    ],
    atol=1e-9,
    hints=[
        "Mit booleschen Arrays: `wahr & vorhersage` sind die Pixel in beiden, `wahr | vorhersage` die in "
        "mindestens einer; `np.count_nonzero` zählt sie. Wandle 0/1-Masken vorher mit "
        "`np.asarray(maske, dtype=bool)` um.",
        "Ist die Vereinigung leer (beide Masken leer), gib 1.0 zurück, bevor du teilst.",
    ],
    wrong=[
        Wrong(_genauigkeit, expect="statt"),
        Wrong(_ohne_leer, expect="beide leer", instruction=True),
        Wrong(_leer_null, expect="beide leer", instruction=True),
        Wrong(_dice, expect="statt"),
        Wrong(_nur_wahre, expect="statt"),
        Wrong(_summe_statt_anzahl, expect="statt"),
    ],
    alternatives=[Right(_mit_sets, why="sets of pixel coordinates instead of boolean arrays")],
)

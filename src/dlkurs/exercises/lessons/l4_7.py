"""Exercises of lesson 4.7 "Transformer": attention weights in NumPy, a padding mask, a thought question."""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import Case, FunctionExercise, Right, ThoughtQuestion, Wrong, from_solution


def _zufall(seed, *shape, scale=1.0):
    return np.random.default_rng(seed).normal(size=shape) * scale


# -- 1. attention weights ----------------------------------------------------------------

def _maske_2d():
    m = np.ones((3, 5), dtype=bool)
    m[:, 3:] = False          # the last two keys are padding
    m[1, 0] = False
    return m


def _maske_broadcast():
    m = np.ones((2, 1, 1, 6), dtype=bool)
    m[1, ..., 4:] = False     # example 1: keys 4 and 5 are padding, for every head and query
    return m


def _nur_ein_key():
    m = np.zeros((4, 4), dtype=bool)
    m[:, 2] = True
    return m


def _kausal():
    return np.tril(np.ones((5, 5), dtype=bool))


def _softmax(s, axis=-1):
    s = s - s.max(axis=axis, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=axis, keepdims=True)


def _falsche_achse(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s, axis=-2)


def _ohne_skalierung(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2)
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s)


def _maske_ignoriert(q, k, maske=None):
    return _softmax(q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1]))


def _maske_nach_softmax(q, k, maske=None):
    w = _softmax(q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1]))
    return w if maske is None else w * maske


def _durch_d_statt_wurzel(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / q.shape[-1]
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s)


def _ohne_maximum(q, k, maske=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if maske is not None:
        s = np.where(maske, s, -1e9)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(s)
        return e / e.sum(axis=-1, keepdims=True)


def _k_mal_q(q, k, maske=None):
    s = k @ np.swapaxes(q, -1, -2) / np.sqrt(q.shape[-1])
    return _softmax(s)


def _ganz_transponiert(q, k, maske=None):
    s = q @ k.T / np.sqrt(q.shape[-1])
    if maske is not None:
        s = np.where(maske, s, -1e9)
    return _softmax(s)


def _mit_einsum(q, k, maske=None):
    s = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(k.shape[-1])
    if maske is not None:
        s = np.where(maske, s, -np.inf)
    s = s - s.max(axis=-1, keepdims=True)
    return np.exp(s) / np.exp(s).sum(axis=-1, keepdims=True)


def _mit_skalierten_queries(q, k, maske=None):
    s = (q / np.sqrt(q.shape[-1])) @ np.swapaxes(k, -1, -2)
    if maske is not None:
        s = s.copy()
        s[~np.broadcast_to(maske, s.shape)] = -1e30
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True)


aufmerksamkeits_gewichte = FunctionExercise(
    title="Die Aufmerksamkeitsgewichte softmax(q kᵀ / √d_k) mit Maske",
    reference=from_solution(),
    cases=[
        Case(_zufall(1, 3, 4), _zufall(2, 5, 4)).named("3 Queries, 5 Keys, d_k = 4"),
        Case(_zufall(3, 2, 3, 4, 8), _zufall(4, 2, 3, 6, 8)).named("Beispiele und Köpfe: (2, 3, 4, 8) und (2, 3, 6, 8)"),
        Case(_zufall(5, 3, 4), _zufall(6, 5, 4), _maske_2d()).named("Maske: Padding und ein verbotenes Paar"),
        Case(_zufall(7, 2, 3, 4, 8), _zufall(8, 2, 3, 6, 8), _maske_broadcast()).named(
            "Maske (2, 1, 1, 6) per Broadcasting"),
        Case(_zufall(9, 4, 16), _zufall(10, 4, 16), _nur_ein_key()).named("nur ein Key erlaubt: Gewicht 1"),
        Case(_zufall(11, 5, 4), _zufall(12, 5, 4), _kausal()).named("kausale Maske"),
        Case(_zufall(13, 3, 4, scale=30.0), _zufall(14, 3, 4, scale=30.0)).named("große Werte (Stabilität)"),
        Case(_zufall(15, 2, 64), _zufall(16, 3, 64)).named("d_k = 64"),
    ],
    hints=[
        "`scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])` hat die Form (…, T_q, T_k). "
        "Softmax läuft über die letzte Achse (`axis=-1`, die Keys), mit `keepdims=True`.",
        "Maske: `scores = np.where(maske, scores, -1e9)` vor dem Softmax. Stabil: "
        "`scores - scores.max(axis=-1, keepdims=True)`, dann `np.exp` und durch die Zeilensumme teilen.",
    ],
    wrong=[
        Wrong(_falsche_achse, expect="Wert"),
        Wrong(_ohne_skalierung, expect="Wert", instruction=True),
        Wrong(_durch_d_statt_wurzel, expect="Wert", instruction=True),
        Wrong(_maske_ignoriert, expect="Maske"),
        Wrong(_maske_nach_softmax, expect="Maske"),
        Wrong(_ohne_maximum, expect="große Werte"),
        Wrong(_k_mal_q, expect="Form"),
        Wrong(_ganz_transponiert, expect="Köpfe"),
    ],
    alternatives=[
        Right(_mit_einsum, why="einsum, -inf instead of -1e9 (no case hides every key of a row)"),
        Right(_mit_skalierten_queries, why="queries scaled first, the mask by boolean indexing"),
    ],
)


# -- 2. padding mask ---------------------------------------------------------------------

def _abfrage_achse(ids):
    g = np.asarray(ids) != 0
    return np.repeat(g[:, :, None], g.shape[1], axis=2)


def _invertiert(ids):
    g = np.asarray(ids) == 0
    return np.repeat(g[:, None, :], g.shape[1], axis=1)


def _nicht_wiederholt(ids):
    return (np.asarray(ids) != 0)[:, None, :]


def _als_zahlen(ids):
    g = (np.asarray(ids) != 0).astype("int64")
    return np.repeat(g[:, None, :], g.shape[1], axis=1)


def _nur_gueltig(ids):
    return np.asarray(ids) != 0


def _broadcast(ids):
    g = np.asarray(ids) > 0
    return np.broadcast_to(g[:, None, :], (g.shape[0], g.shape[1], g.shape[1]))


def _und_verknuepft(ids):
    g = np.asarray(ids) != 0
    return np.ones((g.shape[0], g.shape[1], 1), dtype=bool) & g[:, None, :]


padding_maske = FunctionExercise(
    title="Padding-Maske (Beispiele, T, T) aus Token-IDs",
    reference=from_solution(),
    check_dtype=True,
    cases=[
        Case(np.array([[5, 3, 0, 0], [7, 0, 0, 0]])).named("zwei Kritiken, hinten aufgefüllt"),
        Case(np.array([[4, 9, 12], [1, 2, 3]])).named("ohne Auffüllung"),
        Case(np.array([[8, 0, 0], [0, 0, 0], [3, 3, 0]])).named("eine Zeile nur Auffüllung"),
        Case(np.array([[0, 0, 6, 2, 9]], dtype=np.int32)).named("vorne aufgefüllt, int32"),
        Case(np.array([[3]])).named("T = 1"),
    ],
    hints=[
        "`gueltig = ids != 0` hat die Form (Beispiele, T): ob jede Position ein echtes Wort ist. "
        "Das ist die Key-Achse; davor fehlt die Query-Achse.",
        "`np.repeat(gueltig[:, None, :], T, axis=1)` macht daraus (Beispiele, T, T): jede Zeile i gleich.",
    ],
    wrong=[
        Wrong(_abfrage_achse, expect="Wert"),
        Wrong(_invertiert, expect="Wert"),
        Wrong(_nicht_wiederholt, expect="Form", instruction=True),
        Wrong(_nur_gueltig, expect="Form"),
        Wrong(_als_zahlen, expect="dtype", instruction=True),
    ],
    alternatives=[
        Right(_broadcast, why="np.broadcast_to (a read-only view) and ids > 0"),
        Right(_und_verknuepft, why="broadcast by & with a column of ones"),
    ],
)


# -- thought question: residual connections ------------------------------------------------

residual = ThoughtQuestion(title="Wozu die Residualverbindungen im Encoder-Block?")

"""Exercises of lesson 3.8 "Was ein Convnet sieht".

``gradcam_karte(aktivierungen, gradienten)`` is judged by behaviour on NumPy
arrays (h, w, k): activations as a ReLU layer gives them (≥ 0), gradients of
both signs. A wrong result is compared with the typical mistakes (no ReLU,
mean over the wrong axis, gradient not pooled per channel, not normalised) so
that the verdict names the step. Enforced instructions: weights = mean of the
gradients over height and width, weighted sum over the channels, ReLU, divided
by the maximum when it is positive (an all-zero map stays zero), inputs unchanged.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import call_answer, CustomExercise, Falsch, from_solution, Right, short, Wrong


def _norm(karte):
    karte = np.asarray(karte, dtype="float64")
    m = karte.max() if karte.size else 0.0
    return karte / m if m > 0 else karte


def _richtig(a, g):
    return _norm(np.maximum((a * g.mean(axis=(0, 1))).sum(axis=-1), 0.0))


def _ohne_relu(a, g):
    return _norm((a * g.mean(axis=(0, 1))).sum(axis=-1))


def _falsche_achse(a, g):  # mean over the channels instead of height and width
    return _norm(np.maximum((a * g.mean(axis=-1, keepdims=True)).sum(axis=-1), 0.0))


def _ungemittelt(a, g):  # gradient not pooled: element-wise product
    return _norm(np.maximum((a * g).sum(axis=-1), 0.0))


def _unnormiert(a, g):
    return np.maximum((a * g.mean(axis=(0, 1))).sum(axis=-1), 0.0)


def _veraendert(a, g):
    a *= g.mean(axis=(0, 1))
    return _norm(np.maximum(a.sum(axis=-1), 0.0))


def _einsum(aktivierungen, gradienten):
    karte = np.clip(np.einsum("hwk,k->hw", aktivierungen, gradienten.mean(axis=(0, 1))), 0, None)
    return karte / karte.max() if karte.max() > 0 else karte


_FEHLER = [
    (_ohne_relu, "Negative Werte sind geblieben: Es fehlt die ReLU (np.maximum(karte, 0)) – nur was *für* die "
                 "Klasse spricht, gehört in die Karte"),
    (_falsche_achse, "Die Gewichte sind über die Kanäle gemittelt – gemeint ist je Kanal ein Gewicht: der "
                     "Mittelwert über Höhe und Breite, gradienten.mean(axis=(0, 1))"),
    (_ungemittelt, "Die Gradienten wurden nicht je Kanal gemittelt (Aktivierung mal Gradient Pixel für Pixel) – "
                   "Grad-CAM nimmt den Mittelwert der Gradienten je Kanal über Höhe und Breite als Gewicht"),
    (_unnormiert, "Die Karte ist nicht normiert: Teile sie durch ihr Maximum, damit der größte Wert 1 ist"),
]


def _faelle():
    rng = np.random.default_rng(7)
    faelle = []
    for h, w, k in [(6, 6, 16), (3, 5, 4), (1, 1, 3)]:
        a = np.abs(rng.normal(size=(h, w, k)))
        g = rng.normal(size=(h, w, k)) + 0.3 * rng.normal(size=(1, 1, k))
        faelle.append((a, g))
    a = np.abs(rng.normal(size=(4, 4, 6))).astype("float32")
    faelle.append((a, rng.normal(size=(4, 4, 6)).astype("float32")))
    faelle.append((np.abs(rng.normal(size=(4, 4, 3))), -np.ones((4, 4, 3))))  # everything against the class
    return faelle


def _pruefe(fn) -> str | None:
    if not callable(fn) or isinstance(fn, type):
        raise Falsch(f"Erwartet wird eine Funktion gradcam_karte(aktivierungen, gradienten), erhalten: {short(fn)}")
    for a, g in _faelle():
        a_kopie, g_kopie = a.copy(), g.copy()
        ergebnis = call_answer(fn, a_kopie, g_kopie, timeout=5)
        if ergebnis is None:
            return "Die Funktion gibt nichts zurück – fehlt das return?"
        if not np.array_equal(a_kopie, a) or not np.array_equal(g_kopie, g):
            return "Die Funktion verändert ihre Eingabe (z. B. mit *=) – rechne mit neuen Arrays"
        try:
            ergebnis = np.asarray(ergebnis, dtype="float64")
        except (TypeError, ValueError):
            return f"Die Funktion gibt {short(ergebnis)} zurück, erwartet wird ein Array der Form {a.shape[:2]}"
        soll = _richtig(a.astype("float64"), g.astype("float64"))
        if ergebnis.shape != soll.shape:
            return (f"Für Aktivierungen der Form {a.shape} hat die Karte die Form {ergebnis.shape} statt "
                    f"{soll.shape} (Höhe, Breite) – summiere über die Kanäle (axis=-1)")
        if not np.all(np.isfinite(ergebnis)):
            return (f"Die Karte für Form {a.shape} enthält NaN oder unendlich – teile nur durch das Maximum, "
                    "wenn es größer als 0 ist")
        if not np.allclose(ergebnis, soll, rtol=1e-4, atol=1e-6):
            for variante, grund in _FEHLER:
                if np.allclose(ergebnis, variante(a.astype("float64"), g.astype("float64")), rtol=1e-4, atol=1e-6):
                    return grund
            return f"Die Karte für Aktivierungen der Form {a.shape} stimmt nicht (größte Abweichung " \
                   f"{np.max(np.abs(ergebnis - soll)):.3g})"
    return None


gradcam_karte = CustomExercise(
    title="Der Gewichtungsschritt von Grad-CAM",
    check=_pruefe,
    reference=from_solution(),
    hints=[
        "Ein Gewicht je Kanal: `gradienten.mean(axis=(0, 1))` hat die Form (Kanäle,). NumPy multipliziert es "
        "mit `aktivierungen` (Höhe, Breite, Kanäle) über die letzte Achse.",
        "`karte = np.maximum((aktivierungen * gewichte).sum(axis=-1), 0.0)`, dann `karte / karte.max()`, wenn "
        "das Maximum größer als 0 ist.",
    ],
    wrong=[
        Wrong(_ohne_relu, expect="ReLU", instruction=True),
        Wrong(_falsche_achse, expect="Höhe und Breite"),
        Wrong(_ungemittelt, expect="nicht je Kanal gemittelt"),
        Wrong(_unnormiert, expect="nicht normiert", instruction=True),
        Wrong(_veraendert, expect="verändert ihre Eingabe", instruction=True),
    ],
    alternatives=[Right(_einsum, why="einsum and np.clip instead of broadcasting and np.maximum")],
)

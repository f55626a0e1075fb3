"""Exercises of lesson 1.3 "Tensoren"."""

import numpy as np

from dlkurs.exercises import Case, from_solution, FunctionExercise, ValueExercise, Wrong

form_farbbilder = ValueExercise(
    title="Form eines Stapels von 128 Farbbildern mit 32 × 32 Pixeln",
    expected=(128, 32, 32, 3),
    hints=[
        "Ein Farbbild hat die Achsen (Höhe, Breite, Kanäle) mit drei Kanälen: Rot, Grün, Blau.",
        "Ein Stapel bekommt vorne die Stapelachse. Keras legt die Kanäle ans Ende (`channels_last`): "
        "(Bilder, Höhe, Breite, Kanäle).",
    ],
    wrong=[
        Wrong(
            (128, 3, 32, 32),
            expect="channels_first",
            feedback="Das ist die Reihenfolge channels_first (z. B. PyTorch). Keras erwartet die Kanäle am Ende.",
        ),
        Wrong(
            (32, 32, 3),
            expect="Stapelachse",
            feedback="So sieht ein einzelnes Bild aus – vorne fehlt die Stapelachse mit den 128 Bildern.",
        ),
        Wrong(
            (128, 32, 32),
            expect="Kanalachse",
            feedback="Hier fehlt die Kanalachse: So sieht ein Stapel von Graustufenbildern aus. "
            "Farbbilder haben drei Kanäle.",
        ),
        Wrong(
            (32, 32, 3, 128),
            expect="zuerst",
            feedback="Die Stapelachse kommt immer zuerst, nicht zuletzt.",
        ),
        Wrong(
            (128, 3072),
            expect="flach",
            feedback="Das ist die flache Form für ein Dense-Netz (32 · 32 · 3 = 3072 Werte pro Bild). "
            "Gefragt ist die Form des Bildstapels.",
        ),
        Wrong(
            (128, 32, 32, 1),
            expect="drei Kanäle",
            feedback="Ein Kanal reicht nur für Graustufen; Farbbilder haben drei Kanäle (Rot, Grün, Blau).",
        ),
    ],
)


def _bilder(n, seed):
    return np.random.default_rng(seed).integers(0, 256, size=(n, 28, 28), dtype=np.uint8)


normalisieren = FunctionExercise(
    title="uint8-Bilder als float32 zwischen 0 und 1",
    reference=from_solution(),
    check_dtype=True,
    cases=[
        Case(np.array([[[0, 51, 255]]], dtype=np.uint8)).named("ein Bild mit drei Pixeln"),
        Case(_bilder(3, 0)).named("drei Zufallsbilder"),
        Case(np.full((2, 28, 28), 255, dtype=np.uint8)).named("ganz weiß"),
        Case(np.zeros((0, 28, 28), dtype=np.uint8)).named("leerer Stapel"),
    ],
    hints=[
        "`bilder.astype(\"float32\")` wandelt den dtype um; danach teilst du durch 255.",
        "Die Reihenfolge zählt: `bilder / 255` rechnet in float64. Erst umwandeln, dann teilen – "
        "dann bleibt das Ergebnis float32.",
    ],
    wrong=[
        Wrong(lambda bilder: bilder / 255, expect="dtype float64 statt float32"),
        Wrong(lambda bilder: bilder.astype(np.float32), expect="Wert an Index"),
        Wrong(lambda bilder: bilder.astype(np.float32) / 256, expect="Wert an Index"),
        Wrong(lambda bilder: (bilder / 255).astype(np.uint8), expect="dtype uint8 statt float32"),
    ],
)


def _nummerierte_bilder(n):
    return np.arange(n * 28 * 28, dtype=np.int64).reshape(n, 28, 28)


mitte = FunctionExercise(
    title="Die mittleren 14 × 14 Pixel jedes Bildes",
    reference=from_solution(),
    cases=[
        Case(_nummerierte_bilder(2)).named("zwei durchnummerierte Bilder"),
        Case(_bilder(5, 1)).named("fünf Zufallsbilder"),
        Case(_bilder(1, 2)).named("ein Bild"),
        Case(np.zeros((0, 28, 28), dtype=np.uint8)).named("leerer Stapel"),
    ],
    hints=[
        "Von 28 Pixeln bleiben 14 in der Mitte: Links fallen 7 weg, rechts auch. "
        "Die Mitte beginnt also bei Index 7 – und `start:stop` schließt `stop` aus.",
        "Eine Angabe pro Achse: `:` für alle Bilder, dann der Bereich für die Zeilen und der für die Spalten.",
    ],
    wrong=[
        Wrong(lambda bilder: bilder[:, 7:20, 7:20], expect="Form (2, 13, 13) statt (2, 14, 14)"),
        Wrong(lambda bilder: bilder[7:21, 7:21], expect="Form (0, 14, 28) statt (2, 14, 14)"),
        Wrong(lambda bilder: bilder[:, ::2, ::2], expect="Wert an Index"),
        Wrong(lambda bilder: bilder[:, 14:, 14:], expect="Wert an Index"),
        Wrong(lambda bilder: bilder[:, 6:20, 6:20], expect="Wert an Index"),
    ],
)

"""Exercises of lesson 1.3 "Tensoren"."""

import numpy as np

from dlkurs.exercises import Case, from_solution, FunctionExercise, Right, ShapeExercise, Wrong


form_farbbilder = ShapeExercise(
    title="Form eines Stapels von 128 Farbbildern mit 32 × 32 Pixeln",
    expected=(128, 32, 32, 3),
    hints=[
        "Ein Farbbild hat die Achsen (Höhe, Breite, Kanäle) mit drei Kanälen: Rot, Grün, Blau.",
        "Ein Stapel bekommt vorne die Stapelachse. Keras legt die Kanäle ans Ende (`channels_last`): "
        "(Bilder, Höhe, Breite, Kanäle).",
    ],
    alternatives=[Right([128, 32, 32, 3], why="a list instead of a tuple: the same lengths, harmless")],
    wrong=[
        # "so wie Keras ihn erwartet": channels_first is what Keras does not expect
        Wrong(
            (128, 3, 32, 32),
            instruction=True,
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
        Wrong("(128, 32, 32, 3)", expect="Typ str statt tuple"),
        Wrong((128.0, 32.0, 32.0, 3.0), expect="Kommazahl"),
    ],
)


def _bilder(n, seed):
    return np.random.default_rng(seed).integers(0, 256, size=(n, 28, 28), dtype=np.uint8)


def _minus_128(bilder):
    """uint8 arithmetic wraps around: 0 - 128 is 128, not -128."""
    return (bilder - 128).astype("float32") / 127.5


def _halbe_sache(bilder):
    return (bilder.astype("float32") - 127.5) / 255


normalisieren = FunctionExercise(
    title="uint8-Bilder als float32 zwischen −1 und 1",
    reference=from_solution(),
    check_dtype=True,
    strict_type=True,
    # measured over all 256 pixel values: correct float32 formulas (/255*2-1, (x-127.5)/127.5, …) differ from
    # the solution by at most 5.9e-8; the closest wrong scaling (/128 - 1) is off by 7.8e-3
    atol=1e-6,
    cases=[
        Case(np.array([[[0, 51, 255]]], dtype=np.uint8)).named("ein Bild mit drei Pixeln"),
        Case(np.array([[[127, 128, 1, 254]]], dtype=np.uint8)).named("Pixel um die Mitte"),
        Case(_bilder(3, 0)).named("drei Zufallsbilder"),
        Case(np.full((2, 28, 28), 255, dtype=np.uint8)).named("ganz weiß"),
        Case(np.zeros((0, 28, 28), dtype=np.uint8)).named("leerer Stapel"),
    ],
    hints=[
        "Erst in Kommazahlen umwandeln: `bilder.astype(\"float32\")`. Rechnest du mit den uint8-Werten selbst, "
        "läuft z. B. `bilder - 128` über.",
        "0 soll −1 werden und 255 soll 1 werden: Der Bereich 0 … 255 ist 255 breit, der Bereich −1 … 1 nur 2. "
        "Teile also durch 127.5 und ziehe dann 1 ab – oder bringe die Werte erst auf 0 … 1 und rechne dann `* 2 - 1`.",
    ],
    alternatives=[
        Right(lambda bilder: bilder.astype(np.float32) / 255 * 2 - 1, why="first 0..1, then * 2 - 1"),
        Right(lambda bilder: (bilder.astype("float32") - 127.5) / np.float32(127.5), why="centre, then scale"),
    ],
    wrong=[
        # the task asks for float32: NumPy computes uint8 / 127.5 in float64
        Wrong(lambda bilder: bilder / 127.5 - 1, expect="dtype float64 statt float32", instruction=True),
        Wrong(lambda bilder: bilder.astype(np.float32) / 255, expect="Wert an Index"),
        Wrong(_minus_128, expect="Wert an Index"),
        Wrong(_halbe_sache, expect="Wert an Index"),
        Wrong(lambda bilder: bilder.astype(np.float32) / 128 - 1, expect="Wert an Index"),
        Wrong(lambda bilder: (bilder / 127.5 - 1).astype(np.int8), expect="dtype int8 statt float32"),
        Wrong(lambda bilder: (bilder.astype(np.float32) / 127.5 - 1).tolist(), expect="Typ list"),
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
    alternatives=[
        Right(lambda bilder: bilder[:, 7:-7, 7:-7], why="negative stop indices"),
        Right(lambda bilder: bilder[..., 7:21, 7:21], why="the ellipsis for the batch axis"),
    ],
    wrong=[
        Wrong(lambda bilder: bilder[:, 7:20, 7:20], expect="Form (2, 13, 13) statt (2, 14, 14)"),
        # "von jedem Bild": without ':' for the batch axis the first slice cuts the batch, not the rows
        Wrong(lambda bilder: bilder[7:21, 7:21], expect="Form (0, 14, 28) statt (2, 14, 14)", instruction=True),
        Wrong(lambda bilder: bilder[:, ::2, ::2], expect="Wert an Index"),
        Wrong(lambda bilder: bilder[:, 14:, 14:], expect="Wert an Index"),
        Wrong(lambda bilder: bilder[:, 6:20, 6:20], expect="Wert an Index"),
    ],
)

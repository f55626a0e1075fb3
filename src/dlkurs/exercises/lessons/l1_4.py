"""Exercises of lesson 1.4 "Tensor-Operationen"."""

import numpy as np

from dlkurs.exercises import Case, from_solution, FunctionExercise, ValueExercise, Wrong

form_summe = ValueExercise(
    title="Broadcasting: Form von (32, 1, 10) + (5, 1)",
    expected=(32, 5, 10),
    hints=[
        "Schreibe die Formen rechtsbündig untereinander: (32, 1, 10) über (5, 1). "
        "Der kürzeren Form fehlt vorne eine Achse – sie zählt als Länge 1.",
        "Vergleiche von rechts: 10 und 1, dann 1 und 5, dann 32 und die ergänzte 1. "
        "Passen alle Paare? An jeder Achse gewinnt die größere Länge.",
    ],
    wrong=[
        Wrong(
            (32, 1, 10),
            expect="Länge 1",
            feedback="Die Achse der Länge 1 in (32, 1, 10) trifft auf die 5 und wird auf 5 gedehnt.",
        ),
        Wrong(
            "Fehler",
            expect="rechtsbündig",
            feedback="Die Formen passen zusammen, wenn du sie rechtsbündig vergleichst: "
            "10 mit 1, 1 mit 5, 32 mit der vorne ergänzten 1. Linksbündig (32 mit 5) wird nie verglichen.",
        ),
        Wrong(
            (32, 5, 1),
            expect="letzte Achse",
            feedback="Die letzte Achse ist 10 gegen 1 – die 1 wird auf 10 gedehnt, nicht umgekehrt.",
        ),
    ],
)


def _zufall(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape)


def _ohne_formpruefung(a, b):
    m, p = a.shape[0], b.shape[1]
    n = b.shape[0]  # a.shape[1] wird nie angesehen
    c = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            for k in range(n):
                c[i, j] += a[i, k] * b[k, j]
    return c


def _ohne_formpruefung_index(a, b):
    m, n = a.shape
    p = b.shape[1]
    c = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            for k in range(n):
                c[i, j] += a[i, k] * b[k, j]
    return c


def _summe_nicht_zurueckgesetzt(a, b):
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    m, n = a.shape
    p = b.shape[1]
    c = np.zeros((m, p))
    summe = 0.0
    for i in range(m):
        for j in range(p):
            for k in range(n):
                summe += a[i, k] * b[k, j]
            c[i, j] = summe
    return c


naive_matmul = FunctionExercise(
    title="Matrixprodukt mit Python-Schleifen",
    reference=from_solution(),
    cases=[
        Case(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])).named(
            "(2, 3) @ (3, 2)"
        ),
        Case(_zufall((4, 3), 0), _zufall((3, 5), 1)).named("Zufallsmatrizen (4, 3) @ (3, 5)"),
        Case(np.array([[2.0]]), np.array([[3.0]])).named("1 × 1"),
        Case(np.array([[1.0], [2.0], [3.0]]), np.array([[1.0, 10.0, 100.0, 1000.0]])).named("Spalte mal Zeile"),
        Case(np.array([[1, 2], [3, 4]]), np.array([[5, 6], [7, 8]])).named("ganze Zahlen"),
        Case(np.zeros((2, 0)), np.zeros((0, 3))).named("innere Länge 0"),
        Case(np.ones((2, 3)), np.ones((2, 3))).raises(ValueError).named("unpassende Formen (2, 3) @ (2, 3)"),
        Case(np.ones((3, 2)), np.ones((3, 4))).raises(ValueError).named("unpassende Formen (3, 2) @ (3, 4)"),
    ],
    hints=[
        "Eintrag (i, j) des Ergebnisses ist das Skalarprodukt von Zeile i von a mit Spalte j von b: "
        "die Summe über k von `a[i, k] * b[k, j]`.",
        "Prüfe zuerst `a.shape[1] != b.shape[0]` und löse dann `raise ValueError(\"…\")` aus. "
        "Lege danach `c = np.zeros((m, p))` an und fülle es mit drei verschachtelten `for`-Schleifen.",
    ],
    wrong=[
        Wrong(lambda a, b: a * b, expect="broadcast"),
        Wrong(_ohne_formpruefung, expect="sollte die Funktion ValueError auslösen"),
        Wrong(_ohne_formpruefung_index, expect="IndexError"),
        Wrong(_summe_nicht_zurueckgesetzt, expect="Wert an Index"),
    ],
)


def _durchnummeriert(shape):
    return np.arange(int(np.prod(shape))).reshape(shape)


kanaele_nach_hinten = FunctionExercise(
    title="channels_first → channels_last",
    reference=from_solution(),
    cases=[
        Case(_durchnummeriert((2, 3, 4, 5))).named("2 Bilder, 3 Kanäle, 4 × 5 Pixel"),
        Case(_durchnummeriert((1, 3, 6, 6))).named("ein quadratisches Bild"),
        Case(_durchnummeriert((3, 1, 2, 7))).named("Graustufen: ein Kanal"),
        Case(np.zeros((0, 3, 8, 8), dtype=np.uint8)).named("leerer Stapel"),
    ],
    hints=[
        "`reshape` bricht die Zahlen nur neu um und zerstört die Bilder. Du brauchst `np.transpose(x, achsen)`.",
        "`achsen` gibt für jede neue Achse an, welche alte Achse dorthin kommt. Alt: (0 Bilder, 1 Kanäle, "
        "2 Höhe, 3 Breite). Neu soll es sein: Bilder, Höhe, Breite, Kanäle.",
    ],
    wrong=[
        Wrong(lambda x: x.reshape(x.shape[0], x.shape[2], x.shape[3], x.shape[1]), expect="Wert an Index"),
        Wrong(lambda x: np.transpose(x, (0, 3, 2, 1)), expect="Form (2, 5, 4, 3) statt (2, 4, 5, 3)"),
        Wrong(lambda x: x.T, expect="Form (5, 4, 3, 2) statt (2, 4, 5, 3)"),
        Wrong(lambda x: np.transpose(x, (0, 3, 1, 2)), expect="Form (2, 5, 3, 4) statt (2, 4, 5, 3)"),
    ],
)

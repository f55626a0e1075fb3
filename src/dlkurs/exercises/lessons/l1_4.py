"""Exercises of lesson 1.4 "Tensor-Operationen"."""

import ast

import numpy as np

from dlkurs.exercises import Case, from_solution, function_source, FunctionExercise, lazy, Right, ShapeExercise, Wrong


form_summe = ShapeExercise(
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
        Wrong((5, 32, 10), expect="Form (5, 32, 10) statt (32, 5, 10)"),
        # the task asks for the shape as a tuple: text that looks like one is not a shape
        Wrong("(32, 5, 10)", expect="Typ str statt tuple", instruction=True),
        Wrong((32.0, 5.0, 10.0), expect="Kommazahl"),
    ],
    alternatives=[
        Right([32, 5, 10], why="a list instead of a tuple: the same lengths, harmless"),
        Right(lazy(lambda: np.broadcast_shapes((32, 1, 10), (5, 1))), why="computed with np.broadcast_shapes"),
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


def _gemischt():
    return np.array([[1, 2], [3, 4]]), np.array([[0.5, 1.5, -2.25], [0.1, 0.7, 3.5]])


def _ergebnis_wie_a(a, b):
    """np.zeros_like(a): for an integer a the result is an integer array that truncates the sums."""
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    m, n = a.shape
    p = b.shape[1]
    c = np.zeros_like(a, shape=(m, p))
    for i in range(m):
        for j in range(p):
            for k in range(n):
                c[i, j] += a[i, k] * b[k, j]
    return c


def _als_liste(a, b):
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    return [[sum(a[i, k] * b[k, j] for k in range(a.shape[1])) for j in range(b.shape[1])] for i in range(a.shape[0])]


def _mit_operator(a, b):
    return a @ b


def _mit_dot(a, b):
    return np.dot(a, b)


def _mit_einsum(a, b):
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    return np.einsum("ik,kj->ij", a, b)


def _zeile_mal_spalte(a, b):
    """Loops over rows and columns, each entry as the sum of an elementwise product: fine."""
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    c = np.zeros((a.shape[0], b.shape[1]))
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            c[i, j] = np.sum(a[i, :] * b[:, j])
    return c


def _mit_listen(a, b):
    """Pure Python sums, turned into an array at the end: fine."""
    m, n = a.shape
    if n != b.shape[0]:
        raise ValueError(f"{a.shape} passt nicht zu {b.shape}")
    return np.array([[sum(float(a[i, k]) * float(b[k, j]) for k in range(n)) for j in range(b.shape[1])] for i in range(m)]).reshape(m, b.shape[1])


def _ohne_schleife(a, b):
    """Broadcasting and a sum: the right numbers, but no loop at all."""
    if a.shape[1] != b.shape[0]:
        raise ValueError("Formen passen nicht")
    return (a[:, :, np.newaxis] * b[np.newaxis, :, :]).sum(axis=1)


def _hat_schleife(fn):
    """True/False whether fn's source holds a for/while loop or a comprehension; None without source."""
    source = function_source(fn)  # also the source a grading kernel reported
    if source is None:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, IndentationError, ValueError):
        return None
    kinds = (ast.For, ast.AsyncFor, ast.While, ast.comprehension)
    return any(isinstance(node, kinds) for node in ast.walk(tree))


class _MitSchleifen(FunctionExercise):
    """A FunctionExercise whose answer must also contain a Python loop ("mit Python-Schleifen")."""

    def _judge(self, fn):
        reason = super()._judge(fn)
        if reason is None and _hat_schleife(fn) is False:
            return (
                "Die Ergebnisse stimmen, aber die Aufgabe verlangt das Matrixprodukt mit Python-Schleifen – "
                "deine Funktion enthält keine for-Schleife. Rechne jeden Eintrag c[i, j] selbst aus."
            )
        return reason


naive_matmul = _MitSchleifen(
    title="Matrixprodukt mit Python-Schleifen",
    reference=from_solution(),
    # "mit Python-Schleifen, ohne @, np.dot oder np.matmul": the arguments are guarded arrays whose
    # products raise, and the function's source is searched for the operator and the calls
    forbid=["@", "dot", "matmul", "einsum", "tensordot", "inner", "vdot", "multi_dot"],
    forbid_reason="Die Aufgabe verlangt das Matrixprodukt mit Python-Schleifen, ohne @, np.dot oder np.matmul",
    cases=[
        Case(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])).named(
            "(2, 3) @ (3, 2)"
        ),
        Case(_zufall((4, 3), 0), _zufall((3, 5), 1)).named("Zufallsmatrizen (4, 3) @ (3, 5)"),
        Case(np.array([[2.0]]), np.array([[3.0]])).named("1 × 1"),
        Case(np.array([[1.0], [2.0], [3.0]]), np.array([[1.0, 10.0, 100.0, 1000.0]])).named("Spalte mal Zeile"),
        Case(np.array([[1, 2], [3, 4]]), np.array([[5, 6], [7, 8]])).named("ganze Zahlen"),
        Case(*_gemischt()).named("ganze Zahlen mal Kommazahlen"),
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
        Wrong(_mit_operator, expect="ohne @", instruction=True),
        Wrong(_mit_dot, expect="np.dot", instruction=True),
        Wrong(_mit_einsum, expect="einsum", instruction=True),
        Wrong(_ohne_schleife, expect="keine for-Schleife", instruction=True),
        Wrong(lambda a, b: a * b, expect="broadcast"),
        Wrong(_ohne_formpruefung, expect="sollte die Funktion ValueError auslösen"),
        Wrong(_ohne_formpruefung_index, expect="IndexError"),
        Wrong(_summe_nicht_zurueckgesetzt, expect="Wert an Index"),
        Wrong(_ergebnis_wie_a, expect="ganze Zahlen mal Kommazahlen"),
        Wrong(_als_liste, expect="Typ list statt numpy.ndarray"),
    ],
    alternatives=[
        Right(_zeile_mal_spalte, why="loops over i and j, each entry as np.sum of an elementwise product"),
        Right(_mit_listen, why="pure Python sums in list comprehensions, converted to an array at the end"),
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
    alternatives=[
        Right(lambda x: np.moveaxis(x, 1, -1), why="np.moveaxis moves the channel axis to the end"),
        Right(lambda x: x.transpose(0, 2, 3, 1), why="the array method instead of np.transpose"),
    ],
    wrong=[
        # "mit denselben Pixeln an der richtigen Stelle": reshape gives the right shape, but wrong pixels
        Wrong(
            lambda x: x.reshape(x.shape[0], x.shape[2], x.shape[3], x.shape[1]), expect="Wert an Index", instruction=True
        ),
        Wrong(lambda x: np.transpose(x, (0, 3, 2, 1)), expect="Form (2, 5, 4, 3) statt (2, 4, 5, 3)"),
        Wrong(lambda x: x.T, expect="Form (5, 4, 3, 2) statt (2, 4, 5, 3)"),
        Wrong(lambda x: np.transpose(x, (0, 3, 1, 2)), expect="Form (2, 5, 3, 4) statt (2, 4, 5, 3)"),
    ],
)

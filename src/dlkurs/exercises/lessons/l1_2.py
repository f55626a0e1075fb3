"""Exercises of lesson 1.2 "Jupyter & Markdown"."""

import numpy as np

from dlkurs.exercises import lazy, Right, ValueExercise, Wrong

quadratsumme = ValueExercise(
    title="Summe der Quadratzahlen 1² bis 100² mit NumPy",
    expected=338350,
    reveal=False,
    hints=[
        "`np.arange(1, 101)` erzeugt die Zahlen 1 bis 100 – das Ende (101) gehört nicht mehr dazu.",
        "Quadriere das ganze Array auf einmal mit `** 2` und addiere dann mit `np.sum(...)` – ganz ohne Schleife.",
        "Gesucht ist eine einzelne Zahl, nicht das Array der Quadrate. "
        "`int(...)` macht aus dem NumPy-Ergebnis eine gewöhnliche Python-Zahl.",
    ],
    wrong=[
        Wrong(5050, expect="zu klein", feedback="Das ist die Summe der Zahlen 1 bis 100 – quadriere sie vorher."),
        Wrong(
            328350,
            expect="zu klein",
            feedback="Das ist die Summe der Quadrate von 1 bis 99: np.arange(1, 100) hört schon bei 99 auf.",
        ),
        Wrong(
            25502500,
            expect="zu groß",
            feedback="Das ist das Quadrat der Summe (1 + … + 100)², nicht die Summe der Quadrate.",
        ),
        Wrong(lazy(lambda: [int(q) for q in np.arange(1, 101) ** 2]), expect="keine Liste mit 100 Elementen", instruction=True),
        Wrong(lazy(lambda: np.arange(1, 101) ** 2), expect="einzelne Zahl", instruction=True),
        # the task says: one number, not text (a later cell computing with it would concatenate text)
        Wrong("338350", expect="nicht als Text", instruction=True),
        Wrong(338350.5, expect="zu groß"),
    ],
    alternatives=[
        Right(lazy(lambda: np.sum(np.arange(1, 101) ** 2)), why="the NumPy integer itself, without int(...)"),
        Right(sum(k * k for k in range(1, 101)), why="a Python generator expression: the task only recommends NumPy"),
        Right(100 * 101 * 201 // 6, why="the closed formula n(n+1)(2n+1)/6 with integer division"),
    ],
)

"""Exercises of lesson 4.11 "Zeitreihen: Temperatur vorhersagen".

- ``verschiebung``: how many raw rows lie between the start of a window and its target
  (``sampling_rate * (fensterlaenge + horizont - 1)``, the offset of the targets for
  ``keras.utils.timeseries_dataset_from_array``); the classic off-by-one is declared wrong.
- ``basislinie_mae``: the common-sense baseline's mean absolute error ("in ``abstand`` hours
  it is as warm as now"), without changing the input.

Instructions of the task texts that are enforced: window points ``sampling_rate`` rows apart
(cases with sampling_rate 2 and 6), the target ``horizont`` points after the *last* point of
the window; the prediction for hour t + abstand is the value of hour t, the error is the mean
*absolute* error over all hours with prediction and value, and ``reihe`` stays unchanged
(FunctionExercise passes copies and reports a changed input).

Nothing heavy at import: NumPy only.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import Case, from_solution, FunctionExercise, Right, Wrong

# -- verschiebung ------------------------------------------------------------------------------


def _verschiebung_zerlegt(fensterlaenge, horizont, sampling_rate=1):
    """Last window row (sampling_rate * (fensterlaenge - 1)) plus the horizon in rows."""
    return sampling_rate * (fensterlaenge - 1) + sampling_rate * horizont


def _verschiebung_numpy(fensterlaenge, horizont, sampling_rate=1):
    """The rows of the window with np.arange, then the horizon: a NumPy integer."""
    zeilen = np.arange(fensterlaenge) * sampling_rate
    return zeilen[-1] + horizont * sampling_rate


verschiebung = FunctionExercise(
    title="Die Verschiebung der Ziele",
    reference=from_solution(),
    cases=[
        Case(120, 24, 1).named("stündliche Daten wie in der Lektion"),
        Case(120, 24, 6).named("Jena im Buch: Zehn-Minuten-Zeilen, sampling_rate=6"),
        Case(10, 3, 2),
        Case(5, 1, 1).named("Ziel direkt nach dem Fenster"),
        Case(1, 1, 1).named("Fenster aus einem Messpunkt"),
        Case(3, 2, 4),
    ],
    hints=[
        "Das Fenster ab Zeile 0 umfasst die Zeilen 0, sampling_rate, 2·sampling_rate, … – "
        "sein letzter Messpunkt liegt in Zeile `sampling_rate * (fensterlaenge - 1)`, nicht "
        "`sampling_rate * fensterlaenge`.",
        "Vom letzten Messpunkt sind es noch `horizont` Messpunkte, also `sampling_rate * horizont` Zeilen, "
        "bis zum Ziel. Zusammen: `sampling_rate * (fensterlaenge + horizont - 1)`.",
    ],
    alternatives=[
        Right(_verschiebung_zerlegt, why="last window row plus horizon rows, written as two products"),
        Right(_verschiebung_numpy, why="computed from np.arange, returns a NumPy integer"),
    ],
    wrong=[
        Wrong(lambda fensterlaenge, horizont, sampling_rate=1: sampling_rate * (fensterlaenge + horizont),
              expect="stündliche Daten"),
        Wrong(lambda fensterlaenge, horizont, sampling_rate=1: fensterlaenge + horizont - 1,
              expect="sampling_rate=6", instruction=True),
        Wrong(lambda fensterlaenge, horizont, sampling_rate=1: sampling_rate * (fensterlaenge - 1) + horizont,
              expect="sampling_rate=6", instruction=True),
        Wrong(lambda fensterlaenge, horizont, sampling_rate=1: sampling_rate * horizont, expect="stündliche Daten",
              instruction=True),
    ],
)

# -- basislinie_mae ----------------------------------------------------------------------------


def _mae_schleife(reihe, abstand):
    """A plain loop over the hour pairs."""
    summe, anzahl = 0.0, 0
    for t in range(len(reihe) - abstand):
        summe += abs(reihe[t + abstand] - reihe[t])
        anzahl += 1
    return summe / anzahl


def _mae_pandas(reihe, abstand):
    """pandas: the series shifted by abstand (the first abstand hours have no prediction: NaN, skipped)."""
    import pandas as pd

    serie = pd.Series(np.asarray(reihe, dtype="float64"))
    return float((serie - serie.shift(abstand)).abs().mean())


def _mae_vorhersage_array(reihe, abstand):
    """Prediction and truth as arrays of their own, then the MAE of both in float32."""
    reihe = np.array(reihe, dtype="float32")
    vorhersage, wahr = reihe[:len(reihe) - abstand], reihe[abstand:]
    return np.abs(wahr - vorhersage).mean()


def _mae_eins_daneben(reihe, abstand):
    reihe = np.asarray(reihe, dtype="float64")
    return float(np.mean(np.abs(reihe[abstand + 1:] - reihe[:-abstand - 1])))


def _mse(reihe, abstand):
    reihe = np.asarray(reihe, dtype="float64")
    return float(np.mean((reihe[abstand:] - reihe[:-abstand]) ** 2))


def _ohne_betrag(reihe, abstand):
    reihe = np.asarray(reihe, dtype="float64")
    return float(np.mean(reihe[abstand:] - reihe[:-abstand]))


def _mittelwert_vorhersage(reihe, abstand):
    reihe = np.asarray(reihe, dtype="float64")
    return float(np.mean(np.abs(reihe[abstand:] - reihe.mean())))


def _veraendert(reihe, abstand):
    reihe[abstand:] -= reihe[:-abstand].copy()
    return float(np.mean(np.abs(reihe[abstand:])))


def _zufallsreihe(n: int = 300, seed: int = 4) -> np.ndarray:
    rng = np.random.default_rng(seed)
    stunden = np.arange(n)
    return (12 + 6 * np.sin(2 * np.pi * stunden / 24) + np.cumsum(rng.normal(0, 0.5, n))).astype("float32")


basislinie_mae = FunctionExercise(
    title="Der Fehler der Vernunft-Basislinie",
    reference=from_solution(),
    rtol=1e-4,
    cases=[
        Case(np.array([1.0, 2.0, 3.0, 4.0]), 1).named("steigt jede Stunde um 1"),
        Case(np.array([0.0, 10.0, 0.0, 10.0, 0.0]), 2).named("Rhythmus mit Periode 2"),
        Case([20.0, 18.0, 15.0], 1).named("Liste"),
        Case(np.array([3.0, 5.0]), 1).named("ein einziges Paar"),
        Case(np.array([5.0, 1.0, 8.0, 2.0, 9.0, 4.0]), 3).named("abstand 3"),
        Case(_zufallsreihe(), 24).named("300 Stunden, abstand 24"),
    ],
    hints=[
        "Die Vorhersagen sind `reihe[:-abstand]` (alle Stunden, nach denen noch `abstand` Stunden kommen), "
        "die wahren Werte dazu `reihe[abstand:]` – beide gleich lang.",
        "MAE: `np.mean(np.abs(wahr - vorhersage))`. Mit `np.asarray(reihe, dtype=\"float64\")` am Anfang "
        "geht es auch für Listen; rechne nicht mit `-=` auf `reihe` selbst.",
    ],
    alternatives=[
        Right(_mae_schleife, why="a loop over the hour pairs"),
        Right(_mae_pandas, why="pandas shift; NaN of the first hours skipped by mean()"),
        Right(_mae_vorhersage_array, why="float32 arithmetic, returns a NumPy float32"),
    ],
    wrong=[
        Wrong(_mae_eins_daneben, expect="steigt jede Stunde"),
        Wrong(_mse, expect="6.5 statt 2.5", instruction=True),
        Wrong(_ohne_betrag, expect="-2.5 statt 2.5", instruction=True),
        Wrong(_mittelwert_vorhersage, expect="steigt jede Stunde", instruction=True),
        Wrong(_veraendert, expect="verändert", instruction=True),
    ],
)

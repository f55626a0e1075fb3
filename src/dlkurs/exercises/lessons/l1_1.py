"""Exercises of lesson 1.1 "Einstieg".

- ``lernart``: six tasks, each supervised, unsupervised or reinforcement learning (a dict).
- ``bereite_vor``: prepare the Titanic features (Sex as 0/1, missing ages -> median),
  without changing the input table.
- ``genauigkeit``: accuracy computed by hand, with its edge cases.
- ``tiefer_baum``: thought question on overfitting deep trees.

Nothing heavy at import: pandas is imported inside the checks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dlkurs.exercises import (
    call_answer,
    Case,
    contains_placeholder,
    CustomExercise,
    Falsch,
    from_solution,
    FunctionExercise,
    lazy,
    NotAttempted,
    Right,
    ThoughtQuestion,
    Wrong,
)

# -- lernart -----------------------------------------------------------------------------

_ARTEN = ("überwacht", "unüberwacht", "bestärkend")

#: task -> (right answer, why; shown when a learner gets this task wrong)
_LERNART = {
    "spamfilter": (
        "überwacht",
        "Die E-Mails wurden von Menschen als „Spam“ oder „kein Spam“ markiert – "
        "das sind vorgegebene Antworten (Labels), also überwachtes Lernen (Klassifikation).",
    ),
    "kundengruppen": (
        "unüberwacht",
        "Niemand gibt vor, welche Gruppen es gibt: Das Verfahren soll die Struktur selbst finden "
        "(Clustering), also unüberwachtes Lernen.",
    ),
    "hauspreis": (
        "überwacht",
        "Aus vergangenen Verkäufen kennst du zu jedem Haus den erzielten Preis – die Antwort ist vorgegeben, "
        "gesucht ist eine Zahl: überwachtes Lernen (Regression).",
    ),
    "go_spiel": (
        "bestärkend",
        "Hier gibt es keine richtigen Züge als Vorgabe, nur am Ende eine Belohnung (Sieg oder Niederlage) "
        "für eine ganze Folge eigener Entscheidungen: bestärkendes Lernen.",
    ),
    "betrug": (
        "unüberwacht",
        "Keine Zahlung ist als Betrug markiert – es gibt also keine Labels. Gesucht sind Zahlungen, "
        "die vom Üblichen abweichen (Anomalieerkennung): unüberwachtes Lernen.",
    ),
    "titanic": (
        "überwacht",
        "Für jeden Passagier ist bekannt, ob er überlebt hat – das ist das Label, "
        "gesucht ist eine Klasse: überwachtes Lernen (Klassifikation).",
    ),
}

LERNART_LOESUNG = {task: answer for task, (answer, _) in _LERNART.items()}


def _normalise(text: str) -> str:
    text = " ".join(text.strip().lower().split())
    return text.replace("ue", "ü").replace("ae", "ä")


def _check_lernart(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        raise Falsch(f"Erwartet wird ein dict (Aufgabe → Lernart), erhalten: {type(answer).__name__}")
    missing = [task for task in _LERNART if task not in answer]
    if missing:
        raise Falsch("Im dict fehlt die Aufgabe " + ", ".join(repr(m) for m in missing)
                     + " – lass alle sechs Schlüssel stehen und trage nur die Lernart ein")
    extra = [key for key in answer if key not in _LERNART]
    if extra:
        raise Falsch("Unbekannter Schlüssel " + ", ".join(repr(e) for e in extra[:3])
                     + " – ändere die Schlüssel nicht, nur die Werte")
    wrong = []
    for task, (right, why) in _LERNART.items():
        given = answer[task]
        if not isinstance(given, str):
            raise Falsch(f"Bei {task!r} steht {given!r} – gib die Lernart als Text an, z. B. \"überwacht\"")
        value = _normalise(given)
        if value not in _ARTEN:
            raise Falsch(f"Bei {task!r} steht {given!r}. Erlaubt sind nur die Texte "
                         + ", ".join(f'"{a}"' for a in _ARTEN))
        if value != right:
            wrong.append((task, why))
    if wrong:
        task, why = wrong[0]
        count = len(wrong)
        head = "1 von 6 Zuordnungen stimmt nicht" if count == 1 else f"{count} von 6 Zuordnungen stimmen nicht"
        return f"{head}. Zum Beispiel {task!r}: {why}"
    return None


lernart = CustomExercise(
    title="Überwacht, unüberwacht oder bestärkend?",
    check=_check_lernart,
    reference=lazy(lambda: dict(LERNART_LOESUNG)),
    hints=[
        "Frage dich bei jeder Aufgabe: Gibt es zu den Trainingsbeispielen schon die richtige Antwort (ein Label)? "
        "Dann ist es überwachtes Lernen.",
        "Gibt es gar keine Antworten und soll das Verfahren selbst Gruppen oder Auffälliges finden, ist es "
        "unüberwacht. Lernt ein Programm durch Ausprobieren und bekommt nur eine Belohnung, ist es bestärkend.",
    ],
    wrong=[
        Wrong(lazy(lambda: {task: "überwacht" for task in _LERNART}), expect="stimmen nicht"),
        Wrong(lazy(lambda: {**LERNART_LOESUNG, "go_spiel": "überwacht"}), expect="Belohnung"),
        Wrong(lazy(lambda: {**LERNART_LOESUNG, "betrug": "überwacht"}), expect="keine Labels"),
        # the task allows only the three texts "überwacht", "unüberwacht", "bestärkend"
        Wrong(lazy(lambda: {**LERNART_LOESUNG, "kundengruppen": "clustering"}), expect="Erlaubt sind nur",
              instruction=True),
        Wrong(lazy(lambda: {k: v for k, v in LERNART_LOESUNG.items() if k != "titanic"}), expect="fehlt"),
        Wrong(lazy(lambda: {**LERNART_LOESUNG, "titanic": 1}), expect="als Text"),
    ],
    alternatives=[
        Right(lazy(lambda: {task: answer.upper() for task, answer in LERNART_LOESUNG.items()}),
              why="capital letters: the kind is what counts"),
        Right(lazy(lambda: {task: answer.replace("ü", "ue").replace("ä", "ae") for task, answer in LERNART_LOESUNG.items()}),
              why="umlauts written as ue/ae on a keyboard without them"),
    ],
)


# -- bereite_vor -------------------------------------------------------------------------

MERKMALE = ["Pclass", "Sex", "Age", "SibSp", "Parch", "Fare"]


def _tabellen() -> list[Any]:
    """Small tables in the Titanic layout, with missing ages and an unusual index."""
    import pandas as pd

    eins = pd.DataFrame(
        {
            "PassengerId": [1, 2, 3, 4, 5, 6],
            "Survived": [0, 1, 1, 0, 1, 0],
            "Pclass": [3, 1, 3, 1, 2, 3],
            "Name": ["Braund", "Cumings", "Heikkinen", "Futrelle", "Allen", "Moran"],
            "Sex": ["male", "female", "female", "male", "female", "male"],
            "Age": [22.0, 38.0, np.nan, 54.0, 2.0, np.nan],
            "SibSp": [1, 1, 0, 1, 0, 0],
            "Parch": [0, 0, 0, 0, 1, 0],
            "Fare": [7.25, 71.2833, 7.925, 53.1, 21.075, 8.4583],
            "Embarked": ["S", "C", "S", "S", "S", "Q"],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    zwei = eins.iloc[[3, 0, 5, 1]].copy()  # another order, another median, one missing age
    zwei.loc[13, "Age"] = 60.0
    # a median of 28.5: int(...) or round(...) of the median (28) is not the median
    drei = eins.copy()
    drei.loc[[10, 11, 13, 14], "Age"] = [22.0, 35.0, 54.0, 2.5]
    return [eins, zwei, drei]


def _bereite_vor(df: Any) -> Any:
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    X["Age"] = X["Age"].fillna(df["Age"].median())
    return X


def _unchanged(before: Any, after: Any) -> bool:
    import pandas as pd

    try:
        pd.testing.assert_frame_equal(after, before, check_exact=True)
    except AssertionError:
        return False
    return True


def _check_tabelle(fn: Any, df: Any) -> str | None:
    import pandas as pd

    pristine = df.copy(deep=True)
    given = df.copy(deep=True)
    result = call_answer(fn, given, timeout=10)
    if contains_placeholder(result):
        raise NotAttempted()
    if not _unchanged(pristine, given):
        changed = [c for c in pristine.columns if c not in given.columns or not given[c].equals(pristine[c])]
        where = f" (Spalte {', '.join(changed[:3])})" if changed else ""
        return ("Die Funktion verändert ihre Eingabe" + where + " – arbeite auf einer Kopie: "
                "X = df[MERKMALE].copy(), und ändere dann nur X")
    if result is None:
        return "Die Funktion gibt None zurück – fehlt ein return X?"
    if not isinstance(result, pd.DataFrame):
        return f"Erwartet wird eine Tabelle (pandas DataFrame), erhalten: {type(result).__name__}"
    columns = list(result.columns)
    missing = [c for c in MERKMALE if c not in columns]
    if missing:
        return f"Es fehlt die Spalte {missing[0]!r} – die Tabelle braucht genau die Spalten MERKMALE"
    extra = [c for c in columns if c not in MERKMALE]
    if extra:
        return f"Die Spalte {extra[0]!r} gehört nicht dazu – behalte nur die Spalten MERKMALE"
    if columns != MERKMALE:
        return f"Die Spalten stehen in der falschen Reihenfolge: {columns} statt {MERKMALE}"
    if len(result) != len(df):
        return (f"Die Tabelle hat {len(result)} statt {len(df)} Zeilen – dropna() wirft Passagiere weg; "
                "fülle die fehlenden Werte stattdessen auf")
    if not result.index.equals(df.index):
        return ("Der Index (die Zeilenbeschriftung) hat sich verändert – lass ihn, wie er ist, "
                "damit Merkmale und die Spalte Survived zusammenpassen")
    sex = result["Sex"]
    if pd.api.types.is_bool_dtype(sex):
        return "Sex enthält True/False – wandle es mit .astype(int) in 0 und 1 um"
    if not pd.api.types.is_numeric_dtype(sex):
        first = sex.iloc[0] if len(sex) else None
        if isinstance(first, str) and first.strip() in ("0", "1"):
            return (f"Sex enthält Zahlen als Text ({first!r}, dtype {sex.dtype}) – ein Modell braucht echte Zahlen: "
                    "ersetze 'male' durch 0 und 'female' durch 1 (ohne Anführungszeichen)")
        if isinstance(first, str):
            return (f"Sex ist noch keine Zahl (erster Wert: {first!r}) – "
                    "ersetze 'male' durch 0 und 'female' durch 1")
        return (f"Sex ist keine Zahlenspalte (dtype {sex.dtype}) – ein Modell braucht Zahlen: "
                "'female' wird 1 und 'male' 0")
    for column in MERKMALE:
        if not pd.api.types.is_numeric_dtype(result[column]) or pd.api.types.is_bool_dtype(result[column]):
            return (f"Die Spalte {column} ist keine Zahlenspalte mehr (dtype {result[column].dtype}) – "
                    "ein Modell braucht Zahlen")
    if sex.isna().any():
        return "Sex enthält fehlende Werte (NaN) – ist die Schreibweise in map({...}) genau 'male' und 'female'?"
    female = (df["Sex"] == "female").to_numpy()
    values = sex.to_numpy(dtype=float)
    if np.array_equal(values, (~female).astype(float)):
        return "Die Kodierung von Sex ist vertauscht: 'female' soll 1 werden und 'male' 0"
    if not np.array_equal(values, female.astype(float)):
        return "Sex stimmt nicht: 'female' soll 1 werden und 'male' 0"
    age = result["Age"]
    gaps = int(age.isna().sum())
    if gaps:
        return (f"Age enthält noch {gaps} fehlende Werte (NaN) – fillna(...) gibt eine neue Spalte zurück; "
                "weise sie zu: X[\"Age\"] = X[\"Age\"].fillna(...)")
    known = df["Age"].notna().to_numpy()
    if not np.allclose(age.to_numpy(dtype=float)[known], df["Age"].to_numpy(dtype=float)[known]):
        return "Die bekannten Alter wurden verändert – ersetze nur die fehlenden Werte"
    median, mean = float(df["Age"].median()), float(df["Age"].mean())
    filled = age.to_numpy(dtype=float)[~known]
    if filled.size and not np.allclose(filled, median):
        value = float(filled[0])
        if value == int(median) or value == round(median):
            return (f"Die fehlenden Alter sind mit {value:.4g} gefüllt, der Median ist aber {median:.4g} – "
                    "runde ihn nicht und wandle ihn nicht in int um")
        if math.isclose(value, mean):
            return f"Die fehlenden Alter sind mit dem Mittelwert ({mean:.4g}) gefüllt – gefragt ist der Median ({median:.4g})"
        if value == 0:
            return f"Die fehlenden Alter sind mit 0 gefüllt – gefragt ist der Median der Spalte Age ({median:.4g})"
        return f"Die fehlenden Alter sind mit {value:.4g} statt mit dem Median der Spalte Age ({median:.4g}) gefüllt"
    for column in ("Pclass", "SibSp", "Parch", "Fare"):
        if not np.allclose(result[column].to_numpy(dtype=float), df[column].to_numpy(dtype=float)):
            return f"Die Spalte {column} wurde verändert – sie soll bleiben, wie sie ist"
    return None


def _check_bereite_vor(fn: Any) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {type(fn).__name__} – "
                     "übergib die Funktion selbst, ohne Klammern: .check(bereite_vor)")
    for df in _tabellen():
        reason = _check_tabelle(fn, df)
        if reason:
            return reason
    return None


def _veraendert_eingabe(df):
    df["Sex"] = df["Sex"].map({"male": 0, "female": 1})
    df["Age"] = df["Age"].fillna(df["Age"].median())
    return df[MERKMALE]


def _mittelwert(df):
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    X["Age"] = X["Age"].fillna(df["Age"].mean())
    return X


def _vertauscht(df):
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 1, "female": 0})
    X["Age"] = X["Age"].fillna(df["Age"].median())
    return X


def _ohne_zuweisung(df):
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    X["Age"].fillna(X["Age"].median())
    return X


def _dropna(df):
    X = df[MERKMALE].dropna().copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    return X


def _als_text(df):
    X = df[MERKMALE].copy()
    X["Age"] = X["Age"].fillna(df["Age"].median())
    return X


def _median_gerundet(df):
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    X["Age"] = X["Age"].fillna(int(df["Age"].median()))
    return X


def _sex_als_text(df):
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": "0", "female": "1"})
    X["Age"] = X["Age"].fillna(df["Age"].median())
    return X


def _mit_replace(df):
    X = df.loc[:, MERKMALE].copy()
    X["Sex"] = X["Sex"].replace({"male": 0, "female": 1}).astype("int64")
    X["Age"] = X["Age"].fillna(X["Age"].median())
    return X


def _mit_vergleich(df):
    X = df.copy()[MERKMALE]
    X = X.assign(Sex=(X["Sex"] == "female").astype(float), Age=X["Age"].fillna(df["Age"].median()))
    return X


bereite_vor = CustomExercise(
    title="Titanic: Merkmale vorbereiten",
    check=_check_bereite_vor,
    reference=lazy(lambda: _bereite_vor),
    hints=[
        "Beginne mit einer Kopie der gewünschten Spalten: `X = df[MERKMALE].copy()`. "
        "Dann änderst du nur `X` – das Original `df` bleibt, wie es ist.",
        "`X[\"Sex\"].map({\"male\": 0, \"female\": 1})` macht aus dem Text Zahlen; "
        "`X[\"Age\"].fillna(df[\"Age\"].median())` füllt die Lücken. Beides gibt eine neue Spalte zurück: "
        "weise sie mit `X[\"Sex\"] = …` zu und gib am Ende `X` zurück.",
    ],
    alternatives=[
        Right(lazy(lambda: _mit_replace), why="replace instead of map, median of the selected column"),
        Right(lazy(lambda: _mit_vergleich), why="Sex as a float comparison, assign instead of item assignment"),
    ],
    wrong=[
        # "Die übergebene Tabelle df darf sich dabei nicht verändern"
        Wrong(_veraendert_eingabe, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_median_gerundet, expect="runde ihn nicht"),
        Wrong(_sex_als_text, expect="Zahlen als Text"),
        Wrong(_mittelwert, expect="Mittelwert"),
        Wrong(_vertauscht, expect="vertauscht"),
        Wrong(_ohne_zuweisung, expect="fehlende Werte"),
        Wrong(_dropna, expect="dropna"),
        Wrong(_als_text, expect="keine Zahl"),
    ],
)


# -- genauigkeit -------------------------------------------------------------------------


class _SerienCase(Case):
    """``y_true`` is a pandas Series with its own index (as ``y_test`` after a split).

    The Series is built on each use, so that importing this module does not import pandas.
    """

    def __init__(self, werte: list, index: list, y_pred: Any) -> None:
        self._werte, self._index = werte, index
        super().__init__(None, y_pred)

    @property
    def args(self) -> tuple:
        import pandas as pd

        return (pd.Series(self._werte, index=self._index), self._y_pred)

    @args.setter
    def args(self, value: tuple) -> None:
        self._y_pred = value[-1]


def _mit_sklearn(y_true, y_pred):
    from sklearn.metrics import accuracy_score

    return accuracy_score(y_true, y_pred)


def _sklearn_selbst():
    from sklearn.metrics import accuracy_score

    return accuracy_score


def _ganzzahlig(y_true, y_pred):
    """int casts turn the labels 0.5 and 0.0 into the same 0."""
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("passt nicht")
    return float(np.mean(y_true == y_pred))


def _als_zahlentext(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("passt nicht")
    return f"{np.mean(y_true == y_pred):.3f}"


def _gerundet(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("passt nicht")
    return round(float(np.mean(y_true == y_pred)), 2)


def _mit_zaehlen(y_true, y_pred):
    """Counting in a Python loop over lists: fine."""
    wahr, vorhergesagt = list(y_true), list(y_pred)
    if len(wahr) != len(vorhergesagt):
        raise ValueError("verschieden lang")
    if not wahr:
        raise ValueError("leer")
    treffer = 0
    for a, b in zip(wahr, vorhergesagt):
        if a == b:
            treffer += 1
    return treffer / len(wahr)


def _mit_count_nonzero(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError("Die Eingaben passen nicht zusammen")
    return np.count_nonzero(y_true == y_pred) / len(y_true)


genauigkeit = FunctionExercise(
    title="Genauigkeit selbst berechnen",
    reference=from_solution(),
    # "selbst berechnen": scikit-learn's accuracy_score (called, imported or passed itself) is refused
    forbid=["accuracy_score", "sklearn"],
    forbid_reason="Die Aufgabe verlangt, die Genauigkeit selbst zu berechnen – scikit-learn kommt gleich zum Vergleich",
    strict_type=True,
    cases=[
        Case([1, 0, 1, 1], [1, 1, 1, 0]).named("Listen"),
        Case(np.array([0, 1, 1, 0, 1]), np.array([0, 1, 0, 0, 1])),
        Case(np.array([1, 1, 1]), np.array([1, 1, 1])).named("alles richtig"),
        Case(np.array([0, 0]), np.array([1, 1])).named("alles falsch"),
        Case(np.array([0, 1, 2, 1, 0, 2, 1, 2]), np.array([0, 2, 2, 1, 1, 2, 0, 2])).named("drei Klassen, 5 von 8"),
        Case(np.array([0.5, 1.5, 2.0]), np.array([0.0, 1.0, 2.0])).named("Labels mit Nachkommastellen"),
        Case(["Katze", "Hund", "Hund"], ["Katze", "Katze", "Hund"]).named("Labels als Text"),
        _SerienCase([1, 0, 1], [7, 3, 5], np.array([1, 0, 0])).named("pandas-Serie mit eigenem Index"),
        Case([], []).raises(ValueError).named("leere Eingabe"),
        Case([1], [1, 0, 1]).raises(ValueError).named("verschiedene Längen"),
    ],
    hints=[
        "Wandle beide Eingaben zuerst mit `np.asarray(...)` in Arrays um. Dann liefert `y_true == y_pred` "
        "ein Array aus True/False, und `np.mean(...)` davon ist der Anteil der Treffer (True zählt als 1).",
        "Prüfe vorher die Sonderfälle: Sind die Formen verschieden (`y_true.shape != y_pred.shape`) "
        "oder ist die Eingabe leer (`y_true.size == 0`), dann `raise ValueError(\"…\")`.",
    ],
    alternatives=[
        Right(_mit_zaehlen, why="counting hits in a Python loop"),
        Right(_mit_count_nonzero, why="np.count_nonzero divided by the length"),
    ],
    wrong=[
        Wrong(_mit_sklearn, expect="selbst zu berechnen", instruction=True),
        Wrong(lazy(_sklearn_selbst), expect="accuracy_score", instruction=True),
        Wrong(_ganzzahlig, expect="Labels mit Nachkommastellen"),
        Wrong(_als_zahlentext, expect="Typ str"),
        Wrong(_gerundet, expect="drei Klassen"),
        Wrong(lambda y_true, y_pred: np.mean(y_true == y_pred), expect="statt 0.5"),
        Wrong(lambda y_true, y_pred: int(np.sum(np.asarray(y_true) == np.asarray(y_pred))), expect="statt 0.5"),
        Wrong(lambda y_true, y_pred: float(np.mean(np.asarray(y_true) != np.asarray(y_pred))), expect="statt 0.8"),
        Wrong(lambda y_true, y_pred: 100 * float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), expect="statt 0.5"),
        Wrong(lambda y_true, y_pred: sum(y_true[i] == y_pred[i] for i in range(len(y_true))) / len(y_true),
              expect="KeyError"),
        Wrong(lambda y_true, y_pred: float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), expect="ValueError"),
    ],
)


# -- thought question ----------------------------------------------------------------------

tiefer_baum = ThoughtQuestion(
    title="Warum hilft ein tieferer Baum nicht immer?",
)

"""Exercises of lesson 2.7 "Hauspreise: Regression mit K-facher Validierung".

Nothing heavy at import: California housing is loaded on the first check of
the model exercise; Keras models are built inside ``lazy`` factories.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    call_answer,
    compare_values,
    contains_placeholder,
    CustomExercise,
    Falsch,
    from_solution,
    lazy,
    ModelExercise,
    NotAttempted,
    Options,
    short,
    Wrong,
)

# -- 1. normalisation with training statistics only ---------------------------------------


def _normalisieren(train, test):
    mittel = train.mean(axis=0)
    streuung = train.std(axis=0)
    return (train - mittel) / streuung, (test - mittel) / streuung


def _mit_teststatistik(train, test):
    return (train - train.mean(axis=0)) / train.std(axis=0), (test - test.mean(axis=0)) / test.std(axis=0)


def _mit_gesamtstatistik(train, test):
    beide = np.concatenate([train, test])
    mittel, streuung = beide.mean(axis=0), beide.std(axis=0)
    return (train - mittel) / streuung, (test - mittel) / streuung


def _falsche_achse(train, test):
    mittel, streuung = train.mean(axis=0), train.std()  # one std over all values
    return (train - mittel) / streuung, (test - mittel) / streuung


def _zeilenweise(train, test):
    mittel, streuung = train.mean(axis=1), train.std(axis=1)  # per row: shapes do not fit
    return (train - mittel) / streuung, (test - mittel) / streuung


def _wie_im_buch(train, test):
    """The book's in-place version: right values, but the caller's arrays are changed."""
    mittel = train.mean(axis=0)
    train -= mittel
    streuung = train.std(axis=0)
    train /= streuung
    test -= mittel
    test /= streuung
    return train, test


def _nur_train(train, test):
    mittel, streuung = train.mean(axis=0), train.std(axis=0)
    return (train - mittel) / streuung


def _mit_ddof1(train, test):
    mittel, streuung = train.mean(axis=0), train.std(axis=0, ddof=1)
    return (train - mittel) / streuung, (test - mittel) / streuung


def _nur_zentriert(train, test):
    mittel = train.mean(axis=0)
    return train - mittel, test - mittel


def _mittel_ohne_achse(train, test):
    mittel, streuung = train.mean(), train.std(axis=0)
    return (train - mittel) / streuung, (test - mittel) / streuung


def _vertauscht(train, test):
    a, b = _normalisieren(train, test)
    return b, a


#: (wrong variant, what is wrong) – recognised by their results, for a specific message
_DIAGNOSEN = [
    (_mit_teststatistik, "die Testdaten sind mit ihrer eigenen Statistik normalisiert – nimm für beide Arrays "
                         "Mittelwert und Standardabweichung von train"),
    (_mit_gesamtstatistik, "Mittelwert und Standardabweichung stammen aus train und test zusammen – so fließen "
                           "die Testdaten in die Vorbereitung ein; nimm nur train"),
    (_falsche_achse, "die Standardabweichung ist über alle Werte auf einmal gerechnet statt je Spalte – "
                     "train.std(axis=0)"),
    (_mittel_ohne_achse, "der Mittelwert ist über alle Werte auf einmal gerechnet statt je Spalte – "
                         "train.mean(axis=0)"),
    (_nur_zentriert, "nur der Mittelwert ist abgezogen – teile noch durch die Standardabweichung"),
    (_vertauscht, "die Reihenfolge ist vertauscht – zuerst train, dann test zurückgeben"),
]


def _faelle() -> list[tuple[np.ndarray, np.ndarray, str]]:
    rng = np.random.default_rng(7)
    # columns on very different scales (like income, population, latitude); the test
    # rows come from a shifted distribution so that every shortcut shows
    train = np.column_stack([rng.normal(3.9, 1.9, 12), rng.normal(1400, 1100, 12), rng.normal(35.6, 2.1, 12)])
    test = np.column_stack([rng.normal(5.0, 1.0, 5), rng.normal(900, 300, 5), rng.normal(38.0, 1.0, 5)])
    klein_train = np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 20.0], [7.0, 40.0]])
    klein_test = np.array([[9.0, 50.0], [1.0, 10.0]])
    return [
        (klein_train, klein_test, "kleines Beispiel"),
        (train.astype("float32"), test.astype("float32"), "drei Merkmale, float32"),
        (train, test[:1], "ein einzelner Testbezirk"),
    ]


_OPTIONEN = Options(rtol=1e-4, atol=1e-6)


def _gleich(a, b) -> bool:
    try:
        return compare_values(a, b, _OPTIONEN) is None
    except Exception:
        return False


def _pruefe_normalisieren(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)} – übergib sie ohne Klammern")
    for train, test, name in _faelle():
        aufruf = f"normalisieren(train {train.shape}, test {test.shape}) [{name}]"
        train_kopie, test_kopie = train.copy(), test.copy()
        try:
            ergebnis = call_answer(fn, train_kopie, test_kopie)
        except Falsch as fehler:
            if "broadcast" in str(fehler):
                raise Falsch(f"{fehler} – je Spalte heißt axis=0: train.mean(axis=0) hat eine Zahl pro Merkmal") from None
            raise
        if contains_placeholder(ergebnis):
            raise NotAttempted()
        if not (np.array_equal(train_kopie, train) and np.array_equal(test_kopie, test)):
            welche = "train" if not np.array_equal(train_kopie, train) else "test"
            return (
                f"Die Funktion verändert ihre Eingabe ({welche}) bei {aufruf} – z. B. mit -= oder /= wie im Buch. "
                "Rechne mit neuen Arrays: (train - mittel) / streuung; sonst sind die Rohdaten danach verloren"
            )
        if ergebnis is None:
            return f"{aufruf} gibt None zurück – fehlt ein return?"
        if not isinstance(ergebnis, (tuple, list)) or len(ergebnis) != 2:
            return f"{aufruf} gibt {short(ergebnis)} zurück – erwartet wird ein Paar: return train_norm, test_norm"
        erwartet = _normalisieren(train, test)
        if _gleich(ergebnis[0], erwartet[0]) and _gleich(ergebnis[1], erwartet[1]):
            continue
        auch_gut = _mit_ddof1(train, test)  # the sample std (pandas' default) works just as well
        if _gleich(ergebnis[0], auch_gut[0]) and _gleich(ergebnis[1], auch_gut[1]):
            continue
        for variante, grund in _DIAGNOSEN:
            falsch = variante(train.copy(), test.copy())
            if _gleich(ergebnis[0], falsch[0]) and _gleich(ergebnis[1], falsch[1]):
                return f"{aufruf}: {grund}"
        for teil, bekommen, soll in (("train", ergebnis[0], erwartet[0]), ("test", ergebnis[1], erwartet[1])):
            grund = compare_values(bekommen, soll, _OPTIONEN)
            if grund:
                return f"{aufruf}, normalisiertes {teil}: {grund}"
    return None


normalisieren = CustomExercise(
    title="Normalisieren mit der Statistik der Trainingsdaten",
    check=_pruefe_normalisieren,
    reference=from_solution(),
    hints=[
        "Mittelwert und Standardabweichung **je Spalte** (je Merkmal) bekommst du mit "
        "`train.mean(axis=0)` und `train.std(axis=0)` – beide nur aus `train`.",
        "Dann für beide Arrays dieselbe Rechnung: `(train - mittel) / streuung` und "
        "`(test - mittel) / streuung`. Schreib sie als neue Arrays (nicht mit `-=`), "
        "damit die Rohdaten unverändert bleiben, und gib beide zurück: `return train_norm, test_norm`.",
    ],
    wrong=[
        Wrong(_mit_teststatistik, expect="eigenen Statistik"),
        Wrong(_mit_gesamtstatistik, expect="train und test zusammen"),
        Wrong(_falsche_achse, expect="Standardabweichung ist über alle Werte"),
        Wrong(_mittel_ohne_achse, expect="Mittelwert ist über alle Werte"),
        Wrong(_zeilenweise, expect="axis=0"),
        Wrong(_wie_im_buch, expect="verändert ihre Eingabe"),
        Wrong(_nur_train, expect="Paar"),
        Wrong(_nur_zentriert, expect="teile noch durch"),
        Wrong(lambda train, test: None, expect="fehlt ein return"),
    ],
)


# -- 2. fold boundaries ---------------------------------------------------------------


def _fold_grenzen(n, k, i):
    groesse = n // k
    return i * groesse, (i + 1) * groesse


_FOLD_FAELLE = [
    ((16512, 4, 0), "erster Fold"),
    ((16512, 4, 3), "letzter Fold"),
    ((12, 3, 1), "mittlerer Fold"),
    ((10, 4, 3), "n nicht durch k teilbar"),
    ((10, 4, 1), "n nicht durch k teilbar"),
]


def _pruefe_fold_grenzen(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)} – übergib sie ohne Klammern")
    for (n, k, i), name in _FOLD_FAELLE:
        aufruf = f"fold_grenzen({n}, {k}, {i}) [{name}]"
        ergebnis = call_answer(fn, n, k, i)
        if contains_placeholder(ergebnis):
            raise NotAttempted()
        start, stop = _fold_grenzen(n, k, i)
        if not isinstance(ergebnis, (tuple, list)) or len(ergebnis) != 2:
            return f"{aufruf} gibt {short(ergebnis)} zurück – erwartet wird ein Paar: return start, stop"
        a, b = ergebnis
        if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (a, b)):
            if all(isinstance(v, (int, float, np.number)) for v in (a, b)) and (a, b) == (start, stop):
                continue  # 4128.0 is the same boundary; the cases below catch real fractions
            return (
                f"{aufruf} gibt ({short(a)}, {short(b)}) zurück – Slice-Grenzen müssen ganze Zahlen sein; "
                "rechne die Fold-Größe mit n // k (ganzzahlige Division) statt n / k"
            )
        if (a, b) == (start, stop):
            continue
        if a == start and b == stop - 1:
            return (
                f"{aufruf}: stop ist um eins zu klein ({b} statt {stop}) – bei x[start:stop] gehört stop "
                "selbst schon nicht mehr dazu"
            )
        if b > n:
            return (
                f"{aufruf}: stop = {b} liegt hinter dem Ende der Daten (n = {n}) – die Fold-Größe ist n // k, "
                "abgerundet; der Rest bleibt im Training"
            )
        if b - a == k and k != n // k:
            return f"{aufruf}: der Fold ist {k} Beispiele groß – k ist die Zahl der Folds, die Größe ist n // k"
        if b - a == n // k and a == start + n // k:
            return f"{aufruf}: ({a}, {b}) ist der Fold danach – i wird ab 0 gezählt, Fold 0 beginnt bei 0"
        return f"{aufruf}: ({short(a)}, {short(b)}) statt ({start}, {stop})"
    return None


fold_grenzen = CustomExercise(
    title="Grenzen des Validierungs-Folds",
    check=_pruefe_fold_grenzen,
    reference=from_solution(),
    hints=[
        "Jeder Fold hat `n // k` Beispiele (ganzzahlige Division). Fold `i` (ab 0 gezählt) "
        "beginnt nach `i` ganzen Folds.",
        "`start = i * (n // k)` und `stop = (i + 1) * (n // k)`; wie bei Python-Slices gehört "
        "`stop` selbst nicht mehr dazu. Rückgabe: `return start, stop`.",
    ],
    wrong=[
        Wrong(lambda n, k, i: (i * k, (i + 1) * k), expect="k ist die Zahl der Folds"),
        Wrong(lambda n, k, i: (i * n / k, (i + 1) * n / k), expect="ganze Zahlen"),
        Wrong(lambda n, k, i: (i * (n // k), (i + 1) * (n // k) - 1), expect="um eins zu klein"),
        Wrong(lambda n, k, i: ((i + 1) * (n // k), (i + 2) * (n // k)), expect="ab 0 gezählt"),
        Wrong(lambda n, k, i: (i * -(-n // k), (i + 1) * -(-n // k)), expect="hinter dem Ende"),
        Wrong(lambda n, k, i: [i * (n // k)], expect="Paar"),
    ],
)


# -- 3. the regression network ----------------------------------------------------------

#: Dense(64) on 8 inputs + Dense(64) + Dense(1): 8*64+64 + 64*64+64 + 64+1
PARAMETER = 4801

_CACHE: dict[str, tuple] = {}


def _daten() -> tuple:
    """2 000 training and 1 000 test districts, normalised with the training statistics."""
    if "daten" not in _CACHE:
        from dlkurs.data import load

        daten = load("california_housing")
        x = daten.drop(columns="MedHouseVal").to_numpy("float32")
        y = daten["MedHouseVal"].to_numpy("float32")
        auswahl = np.random.default_rng(0).permutation(len(x))[:3000]
        x, y = x[auswahl], y[auswahl]
        x_train, x_test = _normalisieren(x[:2000], x[2000:])
        _CACHE["daten"] = (x_train, y[:2000], x_test, y[2000:])
    return _CACHE["daten"]


def _netz(ausgabe=None, einheiten=1, breite=64, loss="mse", kompilieren=True):
    import keras

    modell = keras.Sequential([
        keras.Input(shape=(8,)),
        keras.layers.Dense(breite, activation="relu"),
        keras.layers.Dense(breite, activation="relu"),
        keras.layers.Dense(einheiten, activation=ausgabe),
    ])
    if kompilieren:
        modell.compile(optimizer="rmsprop", loss=loss, metrics=["mae"])
    return modell


modell = ModelExercise(
    title="Das Regressionsnetz: Dense(64) – Dense(64) – Dense(1)",
    input_shape=(8,),
    output_shape=(1,),
    activation="linear",
    params=PARAMETER,
    data=_daten,
    epochs=10,
    batch_size=64,
    metric="mae",
    threshold=0.6,
    time_budget=30,
    reference=lazy(_netz),
    hints=[
        "Zwei verborgene Schichten `layers.Dense(64, activation=\"relu\")`, dann **eine** Ausgabeeinheit "
        "`layers.Dense(1)` – ohne Aktivierung, denn ein Preis kann jeden Wert annehmen.",
        "Kompilieren mit `modell.compile(optimizer=\"rmsprop\", loss=\"mse\", metrics=[\"mae\"])`: "
        "trainiert wird auf den quadratischen Fehler, angezeigt wird der mittlere absolute Fehler.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(ausgabe="sigmoid")), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(ausgabe="relu")), expect="relu"),
        Wrong(lazy(lambda: _netz(einheiten=10)), expect="braucht 1 Einheit"),
        Wrong(lazy(lambda: _netz(breite=16)), expect="Parameter"),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(loss="binary_crossentropy")), expect="MAE"),
    ],
)

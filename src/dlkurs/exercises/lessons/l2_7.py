"""Exercises of lesson 2.7 "Hauspreise: Regression mit K-facher Kreuzvalidierung".

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
    Right,
    RICHTIG,
    FALSCH,
    NICHT_BEARBEITET,
    Wrong,
    loss_name,
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


def _mit_scaler(train, test):
    from sklearn.preprocessing import StandardScaler

    skalierer = StandardScaler().fit(train)
    return skalierer.transform(train), skalierer.transform(test)


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
        Wrong(_mit_teststatistik, expect="eigenen Statistik", instruction=True),
        Wrong(_mit_gesamtstatistik, expect="train und test zusammen"),
        Wrong(_falsche_achse, expect="Standardabweichung ist über alle Werte"),
        Wrong(_mittel_ohne_achse, expect="Mittelwert ist über alle Werte"),
        Wrong(_zeilenweise, expect="axis=0"),
        Wrong(_wie_im_buch, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_nur_train, expect="Paar"),
        Wrong(_nur_zentriert, expect="teile noch durch"),
        Wrong(lambda train, test: None, expect="fehlt ein return"),
        Wrong(lambda train, test: tuple(a.tolist() for a in _normalisieren(train, test)), expect="Typ list"),
    ],
    alternatives=[
        Right(_mit_ddof1, why="the sample standard deviation (ddof=1, pandas' default)"),
        Right(_mit_scaler, why="sklearn's StandardScaler fitted on train"),
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
        if not all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in (a, b)):
            # x[4128.0:8256.0] raises TypeError in the K-fold loop: a float is no slice boundary
            return (
                f"{aufruf} gibt ({short(a)}, {short(b)}) zurück – Slice-Grenzen müssen ganze Zahlen (int) sein, "
                "sonst scheitert x[start:stop]; rechne die Fold-Größe mit n // k (ganzzahlige Division) statt n / k"
            )
        if (a, b) == (start, stop):
            continue
        if a == start and b == n and i == k - 1 and n % k:
            return (
                f"{aufruf}: ({a}, {b}) – der letzte Fold nimmt hier den Rest mit; laut Aufgabe hat jeder Fold "
                "n // k Beispiele, und der Rest bleibt immer im Training"
            )
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
        Wrong(lambda n, k, i: (i * -(-n // k), (i + 1) * -(-n // k)), expect="hinter dem Ende", instruction=True),
        Wrong(lambda n, k, i: (i * (n // k), n if i == k - 1 else (i + 1) * (n // k)), expect="Rest bleibt",
              instruction=True),
        Wrong(lambda n, k, i: [i * (n // k)], expect="Paar"),
        Wrong(lambda n, k, i: (float(i * (n // k)), float((i + 1) * (n // k))), expect="ganze Zahlen"),
    ],
    alternatives=[
        Right(lambda n, k, i: tuple(np.array([i, i + 1]) * (n // k)), why="NumPy integers in a tuple"),
        Right(lambda n, k, i: [i * (n // k), i * (n // k) + n // k], why="a list [start, stop]"),
    ],
)


# -- 3. the regression network: baue_modell() -------------------------------------------

#: Dense(64) on 8 inputs + Dense(64) + Dense(1): 8*64+64 + 64*64+64 + 64+1
PARAMETER = 4801

_CACHE: dict[str, tuple] = {}


def _daten() -> tuple:
    """2 000 training and 1 000 test districts, normalised with the training statistics.

    Drawn with their own seed from the whole data set: the check's test districts
    are not the lesson's training split the learner fits on.
    """
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


# Threshold, measured with this check's data (2 000 training / 1 000 test districts,
# 10 epochs, batch 64): the right net (64-64-1, relu, rmsprop, mse) reaches a test MAE
# of 0.408-0.445 over init seeds 0-4 (worst 0.445); a linear model - the same net with
# linear hidden layers (seeds 0-2) or least squares - reaches 0.477-0.550 (least squares
# 0.478; predicting the mean 0.898). The threshold lies between: 0.46.
SCHWELLE = 0.46

_NETZ = ModelExercise(
    title="Das Regressionsnetz: Dense(64) – Dense(64) – Dense(1)",
    input_shape=(8,),
    output_shape=(1,),
    activation="linear",
    params=PARAMETER,
    hidden_activation="relu",
    metrics=["mae"],  # the K-fold loop reads verlauf.history["val_mae"]
    data=_daten,
    epochs=10,
    batch_size=64,
    metric="mae",
    threshold=SCHWELLE,
    time_budget=30,
)


def _wie_mse(verlust) -> bool:
    """Whether a loss given as a custom function computes the mean squared error (by behaviour)."""
    import keras

    y = np.array([[1.0], [2.0], [0.5], [4.0]], dtype="float32")
    p = np.array([[1.5], [1.0], [0.5], [2.0]], dtype="float32")
    try:
        wert = np.asarray(keras.ops.convert_to_numpy(call_answer(verlust, y, p, timeout=5)), dtype="float64")
    except (Falsch, Exception):
        return False
    soll = ((y - p) ** 2).reshape(-1)
    return bool(np.allclose(np.mean(wert), soll.mean(), rtol=1e-4)) and (wert.size in (1, 4))


def _pruefe_baue_modell(fn) -> str | None:
    import keras

    if isinstance(fn, keras.Model):
        raise Falsch(
            "Das ist ein Modell – übergib die Funktion selbst, ohne Klammern: aufgabe.modell.check(baue_modell); "
            "für die K-fache Validierung muss sie bei jedem Aufruf ein neues Modell bauen"
        )
    if not callable(fn) or isinstance(fn, type):
        raise Falsch(f"Erwartet wird die Funktion baue_modell, erhalten: {short(fn)} – übergib sie ohne Klammern")
    erstes = call_answer(fn, timeout=30)
    if contains_placeholder(erstes):
        raise NotAttempted()
    if not isinstance(erstes, keras.Model):
        if erstes is None:
            return "baue_modell() gibt None zurück – fehlt ein return?"
        return f"baue_modell() gibt {short(erstes)} zurück statt eines Keras-Modells"
    zweites = call_answer(fn, timeout=30)
    if zweites is erstes:
        return (
            "baue_modell() gibt zweimal dasselbe Modell zurück – für jeden Fold braucht die K-fache "
            "Validierung ein neues, untrainiertes Modell; baue es innerhalb der Funktion"
        )
    zwoelf = call_answer(fn, 12, timeout=30)
    try:
        keras.ops.convert_to_numpy(zwoelf(np.zeros((2, 12), dtype="float32")))
        passt = True
    except Exception:
        passt = False
    if not passt:
        return (
            "baue_modell(12) baut kein Modell für 12 Merkmale – nimm anzahl_merkmale für die Eingabeform: "
            "keras.Input(shape=(anzahl_merkmale,)); Boston hat später 12 Spalten"
        )
    optimierer = getattr(erstes, "optimizer", None)
    if optimierer is not None and type(optimierer).__name__.lower() != "rmsprop":
        return f"Der Optimierer ist {type(optimierer).__name__} – die Aufgabe verlangt optimizer=\"rmsprop\""
    if optimierer is not None:
        verlust = getattr(erstes, "loss", None)
        name = loss_name(verlust)
        if name != "mean_squared_error" and not (callable(verlust) and _wie_mse(verlust)):
            gezeigt = f"'{name}'" if name else "eine eigene Funktion, die nicht den MSE rechnet"
            return f"Verlustfunktion {gezeigt} statt 'mse' – die Aufgabe verlangt loss=\"mse\""
    _daten()  # a missing dataset raises here, so the verdict says which data is missing
    urteil = _NETZ.evaluate(erstes)
    if urteil.status == RICHTIG:
        return None
    if urteil.status == NICHT_BEARBEITET:
        raise NotAttempted()
    if urteil.status == FALSCH:
        return urteil.message
    raise RuntimeError(urteil.message)


def _baue(ausgabe=None, einheiten=1, breite=64, loss="mse", kompilieren=True, verdeckt="relu",
          metrics=("mae",), optimizer="rmsprop"):
    def baue_modell(anzahl_merkmale=8):
        import keras

        modell = keras.Sequential([
            keras.Input(shape=(anzahl_merkmale,)),
            keras.layers.Dense(breite, activation=verdeckt),
            keras.layers.Dense(breite, activation=verdeckt),
            keras.layers.Dense(einheiten, activation=ausgabe),
        ])
        if kompilieren:
            modell.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
        return modell

    return baue_modell


def _immer_acht(anzahl_merkmale=8):
    return _baue()(8)


def _ein_modell():
    modell = _baue()()
    return lambda anzahl_merkmale=8: modell


def _eigenes_mse(y_true, y_pred):
    import keras

    return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)


def _eigenes_mae(y_true, y_pred):
    import keras

    return keras.ops.mean(keras.ops.abs(y_true - y_pred), axis=-1)


def _funktional(anzahl_merkmale=8):
    import keras

    eingabe = keras.Input(shape=(anzahl_merkmale,))
    h = keras.layers.Dense(64)(eingabe)
    h = keras.layers.Activation("relu")(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    modell = keras.Model(eingabe, keras.layers.Dense(1)(h))
    modell.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.MeanSquaredError(), metrics=["mae"])
    return modell


modell = CustomExercise(
    title="baue_modell(): das Regressionsnetz Dense(64) – Dense(64) – Dense(1), bei jedem Aufruf neu",
    check=_pruefe_baue_modell,
    reference=_baue(),
    hints=[
        "Zwei verdeckte Schichten `layers.Dense(64, activation=\"relu\")`, dann **eine** Ausgabeeinheit "
        "`layers.Dense(1)` – ohne Aktivierung, denn ein Preis kann jeden Wert annehmen. Die Eingabeform ist "
        "`(anzahl_merkmale,)`.",
        "Kompilieren mit `modell.compile(optimizer=\"rmsprop\", loss=\"mse\", metrics=[\"mae\"])` und "
        "`return modell` – alles innerhalb der Funktion, damit jeder Aufruf ein neues Modell baut.",
    ],
    wrong=[
        Wrong(_baue(verdeckt=None), expect="keine Aktivierung", instruction=True),
        Wrong(_baue(metrics=()), expect="Metrik 'mae'", instruction=True),
        Wrong(_baue(loss="mae"), expect="statt 'mse'", instruction=True),
        Wrong(_baue(optimizer="sgd"), expect="rmsprop", instruction=True),
        Wrong(_ein_modell(), expect="dasselbe Modell", instruction=True),
        Wrong(_immer_acht, expect="12 Merkmale", instruction=True),
        Wrong(_baue(loss=_eigenes_mae), expect="statt 'mse'"),
        Wrong(_baue(ausgabe="sigmoid"), expect="sigmoid"),
        Wrong(_baue(ausgabe="relu"), expect="relu"),
        Wrong(_baue(einheiten=10), expect="braucht 1 Einheit"),
        Wrong(_baue(breite=16), expect="Parameter"),
        Wrong(_baue(kompilieren=False), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _baue()()), expect="übergib die Funktion selbst"),
    ],
    alternatives=[
        Right(_funktional, why="functional API, Activation layer, optimizer and loss given as objects"),
        Right(_baue(loss=_eigenes_mse), why="a custom Python loss that computes the MSE (the check trains a copy)"),
    ],
)

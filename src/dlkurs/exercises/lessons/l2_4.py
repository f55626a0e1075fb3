"""Exercises of lesson 2.4 "IMDB: Filmkritiken klassifizieren"."""

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
    ModelExercise,
    NotAttempted,
    Wrong,
)

# --------------------------------------------------------------------------- multi_hot


def _seqs(*rows):
    """A list of int32 arrays, like the elements of what ``imdb_sequences`` returns.

    Not an object array: the harness cannot compare object arrays, so its
    "changes its input" check would flag every answer (see the report).
    """
    return [np.asarray(row, dtype=np.int32) for row in rows]


def _mh_float64(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim))
    for i, sequenz in enumerate(sequenzen):
        ergebnis[i, sequenz] = 1
    return ergebnis


def _mh_zaehlt(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        for j in sequenz:
            ergebnis[i, j] += 1
    return ergebnis


def _mh_ignoriert_zu_grosse(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        ergebnis[i, [j for j in sequenz if j < dim]] = 1
    return ergebnis


def _mh_transponiert(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((dim, len(sequenzen)), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        ergebnis[sequenz, i] = 1
    return ergebnis


def _mh_ohne_dtype(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype="float32")
    for i, sequenz in enumerate(sequenzen):
        ergebnis[i, sequenz] = 1
    return ergebnis


def _mh_sortiert_eingabe(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        sequenz.sort()
        ergebnis[i, sequenz] = 1
    return ergebnis


multi_hot = FunctionExercise(
    title="Multi-Hot-Kodierung selbst schreiben",
    reference=from_solution(),
    check_dtype=True,
    cases=[
        Case([[1, 3], [0, 4]], 5).named("zwei Sequenzen"),
        Case(_seqs([2, 7, 7, 7, 1], [9]), 10).named("Wort 7 kommt dreimal vor"),
        Case([[3], []], 4).named("eine leere Sequenz"),
        Case([], 6).named("gar keine Sequenzen"),
        Case(_seqs([0, 5, 2]), 6, dtype="uint8").named("dtype='uint8'"),
        Case([[1, 5]], 5).raises((IndexError, ValueError)).named("Index 5 passt nicht in dim=5"),
        Case([[4, 2, 3]], 5).named("unsortierte Sequenz"),
    ],
    hints=[
        "Lege mit `np.zeros((len(sequenzen), dim), dtype=dtype)` eine Matrix aus Nullen an: "
        "eine Zeile pro Rezension, eine Spalte pro Wortindex.",
        "Gehe mit `for i, sequenz in enumerate(sequenzen):` durch die Rezensionen und setze "
        "`ergebnis[i, sequenz] = 1` – NumPy setzt damit alle Spalten der Sequenz auf einmal. "
        "Ein Wort, das mehrfach vorkommt, bleibt dabei 1.",
        "Ein Index ≥ dim soll einen Fehler auslösen – das tut `ergebnis[i, sequenz] = 1` von selbst "
        "(IndexError). Filtere solche Indizes nicht heimlich heraus.",
    ],
    wrong=[
        Wrong(_mh_float64, expect="dtype float64"),
        Wrong(_mh_zaehlt, expect="Wort 7 kommt dreimal vor"),
        Wrong(_mh_ignoriert_zu_grosse, expect="auslösen"),
        Wrong(_mh_transponiert, expect="Form"),
        Wrong(_mh_ohne_dtype, expect="dtype float32 statt uint8"),
        Wrong(_mh_sortiert_eingabe, expect="verändert ihre Eingabe"),
    ],
)

# --------------------------------------------------------------------------- modell (16-16-1)


def _netz(*schichten, compile=True):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,)), *schichten])
    if compile:
        netz.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return netz


def _dense(units, activation=None):
    import keras

    return keras.layers.Dense(units, activation=activation)


modell = ModelExercise(
    title="Das Netz 16-16-1 für Filmkritiken",
    input_shape=(10_000,),
    output_shape=(1,),
    activation="sigmoid",
    params=160_305,
    compiled=True,
    hints=[
        "`keras.Sequential([keras.Input(shape=(10_000,)), layers.Dense(16, activation=\"relu\"), ...])` – "
        "zwei verdeckte Schichten mit je 16 Einheiten und ReLU, dann eine Ausgabeschicht.",
        "Die Ausgabe ist *eine* Wahrscheinlichkeit („positiv“): `layers.Dense(1, activation=\"sigmoid\")`. "
        "Danach `modell.compile(optimizer=\"rmsprop\", loss=\"binary_crossentropy\", metrics=[\"accuracy\"])`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1))), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "softmax"))),
              expect="softmax über eine einzige Einheit"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(2, "softmax"))),
              expect="Ausgabeform"),
        Wrong(lazy(lambda: _netz(_dense(32, "relu"), _dense(32, "relu"), _dense(1, "sigmoid"))),
              expect="Parameter"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "sigmoid"), compile=False)),
              expect="nicht kompiliert"),
    ],
)

# --------------------------------------------------------------------------- beste_epoche


def _verlauf(val_loss, val_accuracy=None, loss=None):
    n = len(val_loss)
    verlauf = {"loss": loss if loss is not None else list(np.linspace(0.6, 0.1, n)), "val_loss": list(val_loss)}
    if val_accuracy is not None:
        verlauf["accuracy"] = list(np.linspace(0.7, 0.99, n))
        verlauf["val_accuracy"] = list(val_accuracy)
    return verlauf


beste_epoche = FunctionExercise(
    title="Die beste Epoche aus dem Trainingsverlauf ablesen",
    reference=from_solution(),
    cases=[
        Case(_verlauf([0.42, 0.33, 0.29, 0.31, 0.36], [0.84, 0.87, 0.89, 0.88, 0.87]))
        .named("kleinster val_loss in Epoche 3; Epochen zählen ab 1"),
        Case(_verlauf([0.40, 0.30, 0.32, 0.35, 0.41], [0.84, 0.86, 0.87, 0.87, 0.88]))
        .named("kleinster val_loss in Epoche 2, höchste val_accuracy erst in Epoche 5"),
        Case(_verlauf([0.9, 0.7, 0.6, 0.65])).named("nur loss und val_loss (z. B. Regression)"),
        Case(_verlauf([0.5], [0.8])).named("nur eine Epoche"),
    ],
    hints=[
        "`verlauf[\"val_loss\"]` ist die Liste der Validierungsverluste, ein Wert pro Epoche. "
        "`np.argmin(...)` liefert die Position des kleinsten Werts.",
        "Positionen zählen ab 0, Epochen ab 1: Epoche = Position + 1. "
        "Gib eine ganze Zahl zurück, z. B. `int(np.argmin(verlauf[\"val_loss\"])) + 1`.",
    ],
    wrong=[
        Wrong(lambda verlauf: int(np.argmin(verlauf["val_loss"])), expect="Epochen zählen ab 1"),
        Wrong(lambda verlauf: int(np.argmin(verlauf["loss"])) + 1, expect="kleinster val_loss"),
        Wrong(lambda verlauf: int(np.argmax(verlauf["val_accuracy"])) + 1, expect="höchste val_accuracy"),
        Wrong(lambda verlauf: int(np.argmax(verlauf["val_loss"])) + 1, expect="kleinster val_loss"),
    ],
)

# --------------------------------------------------------------------------- baue_modell (variants)

_VARIANTEN = [
    {},
    {"schichten": 1},
    {"schichten": 3, "einheiten": 32},
    {"einheiten": 64},
    {"aktivierung": "tanh"},
    {"verlust": "mse"},
]
_STANDARD = {"schichten": 2, "einheiten": 16, "aktivierung": "relu", "verlust": "binary_crossentropy"}
_VERLUSTE = {"mse": "mean_squared_error", "bce": "binary_crossentropy", "mae": "mean_absolute_error"}


def _verlust_name(loss):
    if isinstance(loss, str):
        name = loss
    else:
        name = getattr(loss, "name", None) or getattr(getattr(loss, "fn", None), "__name__", None) or getattr(
            loss, "__name__", repr(loss))
    name = str(name).lower()
    return _VERLUSTE.get(name, name)


def _aufruf(kwargs):
    return "baue_modell(" + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"


def _pruefe_baue_modell(fn):
    import keras

    if not callable(fn):
        raise Falsch("Erwartet wird die Funktion baue_modell selbst (ohne Klammern): .check(baue_modell)")
    gesehen = []
    for kwargs in _VARIANTEN:
        soll = {**_STANDARD, **kwargs}
        aufruf = _aufruf(kwargs)
        netz = call_answer(fn, timeout=30, **kwargs)
        if contains_placeholder(netz):
            raise NotAttempted()
        if not isinstance(netz, keras.Model):
            raise Falsch(f"{aufruf} gibt kein Keras-Modell zurück, sondern {type(netz).__name__} – fehlt ein return?")
        if any(netz is alt for alt in gesehen):
            raise Falsch(f"{aufruf} gibt dasselbe Modell-Objekt zurück wie ein früherer Aufruf – "
                         "baue bei jedem Aufruf ein neues Modell")
        gesehen.append(netz)
        try:
            ausgabe = keras.ops.convert_to_numpy(netz(np.zeros((2, 10_000), dtype="float32")))
        except Exception as err:  # wrong input size and the like
            raise Falsch(f"Das Modell aus {aufruf} verarbeitet keine Eingaben der Form (None, 10000): "
                         f"{type(err).__name__}") from None
        if ausgabe.shape != (2, 1):
            raise Falsch(f"Das Modell aus {aufruf} liefert die Ausgabeform (None, {ausgabe.shape[1:]}) statt (None, 1)")
        dichte = [schicht for schicht in netz.layers if isinstance(schicht, keras.layers.Dense)]
        verdeckt, ausgabeschicht = dichte[:-1], dichte[-1]
        if len(verdeckt) != soll["schichten"]:
            raise Falsch(f"{aufruf} baut {len(verdeckt)} verdeckte Dense-Schichten statt {soll['schichten']} – "
                         "nutze den Parameter schichten, z. B. in einer for-Schleife")
        for schicht in verdeckt:
            config = schicht.get_config()
            if config["units"] != soll["einheiten"]:
                raise Falsch(f"In {aufruf} hat eine verdeckte Schicht {config['units']} Einheiten statt "
                             f"{soll['einheiten']} – nutze den Parameter einheiten")
            if config["activation"] != soll["aktivierung"]:
                raise Falsch(f"In {aufruf} hat eine verdeckte Schicht die Aktivierung {config['activation']!r} statt "
                             f"{soll['aktivierung']!r} – nutze den Parameter aktivierung")
        letzte = ausgabeschicht.get_config()["activation"]
        if letzte != "sigmoid":
            raise Falsch(f"In {aufruf} hat die Ausgabeschicht die Aktivierung {letzte!r} – sie muss immer "
                         "'sigmoid' bleiben (eine Wahrscheinlichkeit zwischen 0 und 1); "
                         "aktivierung gilt nur für die verdeckten Schichten")
        if getattr(netz, "optimizer", None) is None:
            raise Falsch(f"Das Modell aus {aufruf} ist nicht kompiliert – rufe netz.compile(...) in der Funktion auf")
        verlust = _verlust_name(getattr(netz, "loss", None))
        if verlust != _verlust_name(soll["verlust"]):
            raise Falsch(f"{aufruf} kompiliert mit dem Verlust {verlust!r} statt {soll['verlust']!r} – "
                         "gib den Parameter verlust an compile(loss=...) weiter")
    return None


def _baue(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy", *, aktivierung_aussen=None,
          kompilieren=True, schichten_fest=None, einheiten_fest=None, verlust_fest=None):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,))])
    for _ in range(schichten_fest or schichten):
        netz.add(keras.layers.Dense(einheiten_fest or einheiten, activation=aktivierung))
    netz.add(keras.layers.Dense(1, activation=aktivierung_aussen or "sigmoid"))
    if kompilieren:
        netz.compile(optimizer="rmsprop", loss=verlust_fest or verlust, metrics=["accuracy"])
    return netz


def _mit(**fest):
    def baue_modell(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy"):
        extra = {k: (aktivierung if v == "aktivierung" else v) for k, v in fest.items()}
        return _baue(schichten, einheiten, aktivierung, verlust, **extra)

    return baue_modell


baue_modell = CustomExercise(
    title="Varianten des Netzes bauen (Schichten, Einheiten, Aktivierung, Verlust)",
    check=_pruefe_baue_modell,
    reference=_baue,
    hints=[
        "Beginne mit `netz = keras.Sequential([keras.Input(shape=(10_000,))])` und hänge mit "
        "`for _ in range(schichten): netz.add(layers.Dense(einheiten, activation=aktivierung))` "
        "die verdeckten Schichten an.",
        "Die Ausgabeschicht bleibt immer `layers.Dense(1, activation=\"sigmoid\")`. Zum Schluss "
        "`netz.compile(optimizer=\"rmsprop\", loss=verlust, metrics=[\"accuracy\"])` und `return netz`.",
    ],
    wrong=[
        Wrong(_mit(schichten_fest=2), expect="verdeckte Dense-Schichten"),
        Wrong(_mit(einheiten_fest=16), expect="Einheiten"),
        Wrong(_mit(aktivierung_aussen="aktivierung"), expect="muss immer 'sigmoid' bleiben"),
        Wrong(_mit(verlust_fest="binary_crossentropy"), expect="Verlust"),
        Wrong(_mit(kompilieren=False), expect="nicht kompiliert"),
    ],
)

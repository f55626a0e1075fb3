"""Exercises of lesson 2.4 "IMDB: Filmkritiken klassifizieren"."""

import numpy as np

from dlkurs.exercises import (
    NICHT_BEARBEITET,
    RICHTIG,
    Case,
    CustomExercise,
    Falsch,
    FunctionExercise,
    ModelExercise,
    NotAttempted,
    Right,
    Wrong,
    call_answer,
    contains_placeholder,
    flat_layers,
    from_solution,
    hidden_activations,
    layer_activation,
    lazy,
    loss_name,
    metric_names,
    short,
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


def _mh_liste(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        ergebnis[i, sequenz] = 1
    return ergebnis.tolist()


def _mh_schleife(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        for j in sequenz:
            ergebnis[i, j] = 1
    return ergebnis


def _mh_menge(sequenzen, dim, dtype="float32"):
    ergebnis = np.zeros((len(sequenzen), dim), dtype=np.dtype(dtype))
    for i, sequenz in enumerate(sequenzen):
        spalten = sorted(set(int(j) for j in sequenz))
        if spalten and spalten[-1] >= dim:
            raise ValueError(f"Wortnummer {spalten[-1]} passt nicht in dim={dim}")
        ergebnis[i, spalten] = 1
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
    alternatives=[
        Right(_mh_schleife, why="a loop over the word numbers instead of fancy indexing"),
        Right(_mh_menge, why="unique sorted columns and an explicit ValueError"),
    ],
    wrong=[
        Wrong(_mh_float64, expect="dtype float64"),
        Wrong(_mh_zaehlt, expect="Wort 7 kommt dreimal vor"),
        Wrong(_mh_ignoriert_zu_grosse, expect="auslösen", instruction=True),
        Wrong(_mh_liste, expect="list"),
        Wrong(_mh_transponiert, expect="Form"),
        Wrong(_mh_ohne_dtype, expect="dtype float32 statt uint8"),
        Wrong(_mh_sortiert_eingabe, expect="verändert ihre Eingabe"),
    ],
)

# --------------------------------------------------------------------------- modell (16-16-1)


def _netz(*schichten, compile=True, optimizer="rmsprop", loss="binary_crossentropy", metrics=("accuracy",)):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,)), *schichten])
    if compile:
        netz.compile(optimizer=optimizer, loss=loss, metrics=list(metrics) or None)
    return netz


def _dense(units, activation=None):
    import keras

    return keras.layers.Dense(units, activation=activation)


def _activation(name):
    import keras

    return keras.layers.Activation(name)


def _verschachtelt():
    import keras

    innen = keras.Sequential([_dense(16, "relu"), _dense(16, "relu")])
    return _netz(innen, _dense(1, "sigmoid"))


def _mit_objekten():
    import keras

    return _netz(_dense(16), _activation("relu"), _dense(16, "relu"), _dense(1), _activation("sigmoid"),
                 optimizer=keras.optimizers.RMSprop(learning_rate=1e-3), loss=keras.losses.BinaryCrossentropy(),
                 metrics=[keras.metrics.BinaryAccuracy(name="accuracy")])


def _optimizer_name(model) -> str:
    optimizer = getattr(model, "optimizer", None)
    return type(optimizer).__name__ if optimizer is not None else ""


class _ModellMitRmsprop(ModelExercise):
    """The model check plus the optimizer the task names (``optimizer="rmsprop"``)."""

    def _judge(self, model):
        reason = super()._judge(model)
        if reason:
            return reason
        name = _optimizer_name(model)
        if name.lower() != "rmsprop":
            return f"Optimierer {name} statt RMSprop – die Aufgabe nennt optimizer=\"rmsprop\""
        return None


modell = _ModellMitRmsprop(
    title="Das Netz 16-16-1 für Filmkritiken",
    input_shape=(10_000,),
    output_shape=(1,),
    activation="sigmoid",
    params=160_305,
    compiled=True,
    loss="binary_crossentropy",
    hidden_activation="relu",
    metrics=["accuracy"],  # read later as verlauf.history["val_accuracy"]
    hints=[
        "Drei Dense-Schichten hintereinander in einem `keras.Sequential`, davor `keras.Input(shape=(10_000,))`. "
        "Die Beschreibung über der Aufgabe nennt Einheiten und Aktivierungen.",
        "Zwei verdeckte Schichten `layers.Dense(16, activation=\"relu\")`; die Ausgabe ist *eine* "
        "Wahrscheinlichkeit („positiv“): `layers.Dense(1, activation=\"sigmoid\")`.",
        "Danach `modell.compile(optimizer=\"rmsprop\", loss=\"binary_crossentropy\", metrics=[\"accuracy\"])`.",
    ],
    alternatives=[
        Right(lazy(_verschachtelt), why="the hidden layers in a nested Sequential"),
        Right(lazy(_mit_objekten), why="Dense + Activation layers; optimizer, loss and metric given as objects"),
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
        Wrong(lazy(lambda: _netz(_dense(16), _dense(16), _dense(1, "sigmoid"))),
              expect="keine Aktivierung (linear)", instruction=True),
        Wrong(lazy(lambda: _netz(_dense(16, "tanh"), _dense(16, "tanh"), _dense(1, "sigmoid"))),
              expect="'tanh'", instruction=True),
        # one sigmoid unit with categorical cross-entropy: the loss is identically 0, the net never learns
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "sigmoid"),
                                 loss="categorical_crossentropy")),
              expect="Verlustfunktion 'categorical_crossentropy'", instruction=True),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "sigmoid"), loss="mse")),
              expect="Verlustfunktion 'mean_squared_error'"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "sigmoid"), metrics=())),
              expect="ohne die Metrik 'accuracy'"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(1, "sigmoid"), optimizer="adam")),
              expect="RMSprop", instruction=True),
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


_beste_epoche_faelle = FunctionExercise(
    title="Die beste Epoche (Testfälle)",
    reference=from_solution("beste_epoche", lesson="2.4"),
    cases=[
        Case(_verlauf([0.42, 0.33, 0.29, 0.31, 0.36], [0.84, 0.87, 0.89, 0.88, 0.87]))
        .named("kleinster val_loss in Epoche 3; Epochen zählen ab 1"),
        Case(_verlauf([0.40, 0.30, 0.32, 0.35, 0.41], [0.84, 0.86, 0.87, 0.87, 0.88]))
        .named("kleinster val_loss in Epoche 2, höchste val_accuracy erst in Epoche 5"),
        Case(_verlauf([0.9, 0.7, 0.6, 0.65])).named("nur loss und val_loss (z. B. Regression)"),
        Case(_verlauf([0.5], [0.8])).named("nur eine Epoche"),
        Case(_verlauf([0.50, 0.41, 0.44, 0.38, 0.35, 0.37], [0.80, 0.84, 0.83, 0.85, 0.86, 0.86]))
        .named("ein kleines Zwischenminimum in Epoche 2, das kleinste val_loss erst in Epoche 5"),
    ],
)


def _pruefe_beste_epoche(fn):
    if not callable(fn):
        raise Falsch(f"Erwartet wird die Funktion beste_epoche selbst (ohne Klammern), erhalten: {short(fn)}")
    verdict = _beste_epoche_faelle.evaluate(fn)
    if verdict.status == NICHT_BEARBEITET:
        raise NotAttempted()
    if verdict.status != RICHTIG:
        return verdict.message
    ergebnis = call_answer(fn, _verlauf([0.42, 0.33, 0.29, 0.31, 0.36], [0.84, 0.87, 0.89, 0.88, 0.87]), timeout=5)
    if isinstance(ergebnis, (bool, np.bool_)) or not isinstance(ergebnis, (int, np.integer)):
        raise Falsch(
            f"beste_epoche(...) gibt {short(ergebnis)} ({type(ergebnis).__name__}) zurück – eine Epochennummer "
            "ist eine ganze Zahl (int): Die nächsten Zellen nutzen sie als Listenindex und als fit(epochs=...)"
        )
    return None


def _beste_epoche_ab_0(verlauf):
    return int(np.argmin(verlauf["val_loss"]))


def _beste_epoche_float(verlauf):
    return float(np.argmin(verlauf["val_loss"]) + 1)


def _beste_epoche_erster_anstieg(verlauf):
    werte = verlauf["val_loss"]
    for i in range(1, len(werte)):
        if werte[i] > werte[i - 1]:
            return i
    return len(werte)


def _beste_epoche_liste(verlauf):
    werte = list(verlauf["val_loss"])
    return werte.index(min(werte)) + 1


def _beste_epoche_schleife(verlauf):
    beste, bester_wert = 1, float("inf")
    for epoche, wert in enumerate(verlauf["val_loss"], start=1):
        if wert < bester_wert:
            beste, bester_wert = epoche, wert
    return beste


beste_epoche = CustomExercise(
    title="Die beste Epoche aus dem Trainingsverlauf ablesen",
    check=_pruefe_beste_epoche,
    reference=from_solution(),
    hints=[
        "Welcher Schlüssel von `verlauf` enthält die Validierungsverluste? Gesucht ist die *Position* des "
        "kleinsten Werts in dieser Liste – nicht der Wert selbst.",
        "`np.argmin(...)` liefert die Position des kleinsten Werts. Positionen zählen ab 0, Epochen ab 1.",
        "Gib eine ganze Zahl zurück: `int(np.argmin(verlauf[\"val_loss\"])) + 1`.",
    ],
    alternatives=[
        Right(_beste_epoche_liste, why="list.index(min(...)) + 1"),
        Right(_beste_epoche_schleife, why="a loop over enumerate(..., start=1)"),
    ],
    wrong=[
        Wrong(_beste_epoche_ab_0, expect="Epochen zählen ab 1"),
        Wrong(lambda verlauf: int(np.argmin(verlauf["loss"])) + 1, expect="kleinster val_loss"),
        Wrong(lambda verlauf: int(np.argmax(verlauf["val_accuracy"])) + 1, expect="höchste val_accuracy",
              instruction=True),
        Wrong(lambda verlauf: int(np.argmax(verlauf["val_loss"])) + 1, expect="kleinster val_loss"),
        Wrong(_beste_epoche_erster_anstieg, expect="Zwischenminimum"),
        Wrong(_beste_epoche_float, expect="ganze Zahl (int)"),
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
_GEWICHTET = ("Dense", "Conv1D", "Conv2D", "SimpleRNN", "LSTM", "GRU", "Embedding")


def _aufruf(kwargs):
    return "baue_modell(" + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"


def _ausgabe_aktivierung(schichten, index):
    """The activation of the output layer: its own, or that of an activation layer right after it."""
    act = layer_activation(schichten[index])
    if act in (None, "linear"):
        for folgende in schichten[index + 1:]:
            if type(folgende).__name__ in ("Activation", "ReLU", "Softmax"):
                return layer_activation(folgende)
            if type(folgende).__name__ not in ("Dropout", "BatchNormalization", "LayerNormalization"):
                break
    return act or "linear"


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
            ausgabe = keras.ops.convert_to_numpy(netz(np.zeros((2, 10_000), dtype="float32"), training=False))
        except Exception as err:  # wrong input size and the like
            raise Falsch(f"Das Modell aus {aufruf} verarbeitet keine Eingaben der Form (None, 10000): "
                         f"{type(err).__name__}") from None
        if getattr(ausgabe, "shape", None) != (2, 1):
            raise Falsch(f"Das Modell aus {aufruf} liefert die Ausgabeform (None, "
                         f"{', '.join(str(n) for n in np.shape(ausgabe)[1:])}) statt (None, 1)")
        schichten = flat_layers(netz)  # nested models expanded
        gewichtet = [i for i, schicht in enumerate(schichten) if type(schicht).__name__ in _GEWICHTET]
        verdeckt = [schichten[i] for i in gewichtet[:-1]]
        if any(type(schicht).__name__ != "Dense" for schicht in verdeckt):
            raise Falsch(f"{aufruf}: die verdeckten Schichten sollen Dense-Schichten sein")
        if len(verdeckt) != soll["schichten"]:
            raise Falsch(f"{aufruf} baut {len(verdeckt)} verdeckte Dense-Schichten statt {soll['schichten']} – "
                         "nutze den Parameter schichten, z. B. in einer for-Schleife")
        for schicht in verdeckt:
            einheiten = schicht.get_config().get("units")
            if einheiten != soll["einheiten"]:
                raise Falsch(f"In {aufruf} hat eine verdeckte Schicht {einheiten} Einheiten statt "
                             f"{soll['einheiten']} – nutze den Parameter einheiten")
        for _name, aktivierung in hidden_activations(netz):
            if aktivierung != soll["aktivierung"]:
                gefunden = "keine Aktivierung (linear)" if aktivierung in (None, "linear") else repr(aktivierung)
                raise Falsch(f"In {aufruf} hat eine verdeckte Schicht {gefunden} statt "
                             f"{soll['aktivierung']!r} – nutze den Parameter aktivierung")
        letzte = _ausgabe_aktivierung(schichten, gewichtet[-1]) if gewichtet else None
        if letzte != "sigmoid":
            raise Falsch(f"In {aufruf} hat die Ausgabeschicht die Aktivierung {letzte!r} – sie muss immer "
                         "'sigmoid' bleiben (eine Wahrscheinlichkeit zwischen 0 und 1); "
                         "aktivierung gilt nur für die verdeckten Schichten")
        if getattr(netz, "optimizer", None) is None:
            raise Falsch(f"Das Modell aus {aufruf} ist nicht kompiliert – rufe netz.compile(...) in der Funktion auf")
        verlust = loss_name(getattr(netz, "loss", None))
        if verlust != loss_name(soll["verlust"]):
            raise Falsch(f"{aufruf} kompiliert mit dem Verlust {verlust!r} statt {soll['verlust']!r} – "
                         "gib den Parameter verlust an compile(loss=...) weiter")
        if _optimizer_name(netz).lower() != "rmsprop":
            raise Falsch(f"{aufruf} kompiliert mit dem Optimierer {_optimizer_name(netz)} statt RMSprop – "
                         "die Aufgabe nennt optimizer=\"rmsprop\"")
        if "accuracy" not in metric_names(netz):
            raise Falsch(f"{aufruf} kompiliert ohne die Metrik 'accuracy' – die Tabelle danach liest "
                         "h[\"val_accuracy\"]: compile(..., metrics=[\"accuracy\"])")
    return None


def _baue(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy", *, aktivierung_aussen=None,
          kompilieren=True, schichten_fest=None, einheiten_fest=None, verlust_fest=None, optimierer="rmsprop",
          metriken=("accuracy",)):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,))])
    for _ in range(schichten_fest or schichten):
        netz.add(keras.layers.Dense(einheiten_fest or einheiten, activation=aktivierung))
    netz.add(keras.layers.Dense(1, activation=aktivierung_aussen or "sigmoid"))
    if kompilieren:
        netz.compile(optimizer=optimierer, loss=verlust_fest or verlust, metrics=list(metriken) or None)
    return netz


def _baue_verschachtelt(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy"):
    import keras

    innen = keras.Sequential()
    for _ in range(schichten):
        innen.add(keras.layers.Dense(einheiten))
        innen.add(keras.layers.Activation(aktivierung))
    netz = keras.Sequential([keras.Input(shape=(10_000,)), innen, keras.layers.Dense(1),
                             keras.layers.Activation("sigmoid")])
    netz.compile(optimizer=keras.optimizers.RMSprop(), loss=verlust, metrics=["accuracy"])
    return netz


def _baue_funktional(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy"):
    import keras

    eingabe = keras.Input(shape=(10_000,))
    x = eingabe
    for _ in range(schichten):
        x = keras.layers.Dense(einheiten, activation=aktivierung)(x)
    netz = keras.Model(eingabe, keras.layers.Dense(1, activation="sigmoid")(x))
    netz.compile(optimizer="rmsprop", loss=verlust, metrics=["accuracy"])
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
        "Ein `keras.Sequential` mit der Eingabe kannst du mit `netz.add(...)` Schicht für Schicht verlängern – "
        "so lässt sich die Zahl der verdeckten Schichten mit einer Schleife steuern.",
        "Beginne mit `netz = keras.Sequential([keras.Input(shape=(10_000,))])` und hänge mit "
        "`for _ in range(schichten): netz.add(layers.Dense(einheiten, activation=aktivierung))` "
        "die verdeckten Schichten an.",
        "Die Ausgabeschicht bleibt immer `layers.Dense(1, activation=\"sigmoid\")`. Zum Schluss "
        "`netz.compile(optimizer=\"rmsprop\", loss=verlust, metrics=[\"accuracy\"])` und `return netz`.",
    ],
    alternatives=[
        Right(_baue_verschachtelt, why="hidden layers in a nested Sequential, Dense + Activation layers"),
        Right(_baue_funktional, why="the functional API"),
    ],
    wrong=[
        Wrong(_mit(schichten_fest=2), expect="verdeckte Dense-Schichten"),
        Wrong(_mit(einheiten_fest=16), expect="Einheiten"),
        Wrong(_mit(aktivierung_aussen="aktivierung"), expect="muss immer 'sigmoid' bleiben", instruction=True),
        Wrong(_mit(optimierer="adam"), expect="RMSprop", instruction=True),
        Wrong(_mit(metriken=()), expect="ohne die Metrik 'accuracy'"),
        Wrong(_mit(verlust_fest="binary_crossentropy"), expect="Verlust"),
        Wrong(_mit(kompilieren=False), expect="nicht kompiliert"),
    ],
)

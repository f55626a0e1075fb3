"""Exercises of lesson 2.8 "Over- und Underfitting".

- ``stopper``: the EarlyStopping callback (monitor, patience, restore_best_weights).
- ``diagnose``: over- or underfitting, read off three sketched curves.
- ``mit_dropout``: the 16-16-1 net with Dropout(0.5) right after the input; the
  loss, hidden ReLUs and metrics are read from the public config.

Nothing heavy at import: Keras models are built inside ``lazy`` factories and
checks; the model check uses random multi-hot inputs, no dataset.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    clean,
    contains_placeholder,
    CustomExercise,
    Falsch,
    lazy,
    NotAttempted,
    short,
    to_numpy,
    FALSCH,
    flat_layers,
    ModelExercise,
    NICHT_BEARBEITET,
    RICHTIG,
    Right,
    Wrong,
)

# -- 1. the EarlyStopping callback (2.4 already asked for beste_epoche; here it is Keras' job) --


def _pruefe_stopper(antwort) -> str | None:
    import keras

    if isinstance(antwort, type) and issubclass(antwort, keras.callbacks.Callback):
        raise Falsch(
            "Das ist die Klasse selbst – erzeuge ein Objekt: keras.callbacks.EarlyStopping(monitor=..., ...)"
        )
    if isinstance(antwort, (list, tuple)) and len(antwort) == 1:
        raise Falsch("Eine Liste mit dem Callback – weise stopper den Callback selbst zu; die Liste baut fit(callbacks=[stopper])")
    if not isinstance(antwort, keras.callbacks.EarlyStopping):
        raise Falsch(f"Erwartet wird ein keras.callbacks.EarlyStopping-Objekt, erhalten: {short(antwort)}")
    monitor = getattr(antwort, "monitor", None)
    if monitor != "val_loss":
        if monitor == "loss":
            return (
                "monitor='loss' beobachtet den Trainingsverlust – der sinkt fast immer weiter, das Training "
                "stoppt also kaum; beobachte den Validierungsverlust: monitor='val_loss'"
            )
        return f"monitor={monitor!r} – die Aufgabe verlangt den Validierungsverlust: monitor='val_loss'"
    mode = getattr(antwort, "mode", "auto")
    if mode == "max":
        return "mode='max' sucht den größten Validierungsverlust – ein Verlust soll kleiner werden: lass mode weg oder nimm 'min'"
    patience = getattr(antwort, "patience", None)
    if patience != 2:
        return f"patience={short(patience)} – die Aufgabe verlangt 2 Epochen Geduld: patience=2"
    if getattr(antwort, "restore_best_weights", False) is not True:
        return (
            "Ohne restore_best_weights=True behält das Modell die Gewichte der letzten Epoche, nicht die der "
            "besten – die Aufgabe verlangt, dass es auf die beste Epoche zurückgesetzt wird"
        )
    if getattr(antwort, "min_delta", 0) and abs(antwort.min_delta) > 0.01:
        return f"min_delta={antwort.min_delta:g} ist zu groß – jede echte Verbesserung soll zählen; lass min_delta weg"
    return None


def _stopper(**optionen):
    import keras

    einstellungen = {"monitor": "val_loss", "patience": 2, "restore_best_weights": True, **optionen}
    return keras.callbacks.EarlyStopping(**einstellungen)


stopper = CustomExercise(
    title="Early Stopping: der Callback",
    check=_pruefe_stopper,
    reference=lazy(_stopper),
    hints=[
        "Der Callback heißt `keras.callbacks.EarlyStopping`. Er braucht drei Angaben: was er beobachtet "
        "(`monitor`), wie viele Epochen ohne Verbesserung er abwartet (`patience`) und ob er zur besten Epoche "
        "zurückkehrt.",
        "Beobachtet wird der **Validierungsverlust**, also `monitor=\"val_loss\"`; zurück zur besten Epoche "
        "geht es mit `restore_best_weights=True`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _stopper(monitor="loss")), expect="Trainingsverlust", instruction=True),
        Wrong(lazy(lambda: _stopper(restore_best_weights=False)), expect="restore_best_weights", instruction=True),
        Wrong(lazy(lambda: _stopper(patience=10)), expect="patience=2", instruction=True),
        Wrong(lazy(lambda: _stopper(mode="max")), expect="mode='max'"),
        Wrong(lazy(lambda: _stopper(monitor="val_accuracy")), expect="monitor='val_accuracy'"),
        Wrong(lazy(lambda: __import__("keras").callbacks.EarlyStopping), expect="Klasse selbst"),
        Wrong(lazy(lambda: [_stopper()]), expect="Liste"),
    ],
    alternatives=[
        Right(lazy(lambda: _stopper(mode="min")), why="mode='min' given explicitly"),
        Right(lazy(lambda: __import__("keras").callbacks.EarlyStopping("val_loss", 0, 2, restore_best_weights=True)),
              why="monitor, min_delta and patience given by position"),
    ],
)


# -- 2. dropout in the IMDB net ---------------------------------------------------------

#: Dense(16) on 10 000 inputs + Dense(16) + Dense(1): dropout adds no parameters
PARAMETER = 10000 * 16 + 16 + 16 * 16 + 16 + 16 + 1


def _netz(dropout=(None, None), einheiten=16, dropout_am_ende=False, ausgabe="sigmoid", kompilieren=True,
          dropout_eingabe=0.5, metriken=("accuracy", "binary_crossentropy"), verlust="binary_crossentropy",
          verdeckt="relu"):
    import keras
    from keras import layers

    schichten = [keras.Input(shape=(10000,))]
    if dropout_eingabe:
        schichten.append(layers.Dropout(dropout_eingabe))
    for rate in dropout:
        schichten.append(layers.Dense(einheiten, activation=verdeckt))
        if rate is not None:
            schichten.append(layers.Dropout(rate))
    schichten.append(layers.Dense(1, activation=ausgabe))
    if dropout_am_ende:
        schichten.append(layers.Dropout(0.5))
    modell = keras.Sequential(schichten)
    if kompilieren:
        modell.compile(optimizer="rmsprop", loss=verlust, metrics=list(metriken))
    return modell


def _beispiele() -> np.ndarray:
    """64 random multi-hot reviews (about 200 distinct words each)."""
    rng = np.random.default_rng(0)
    return (rng.random((64, 10000)) < 0.02).astype("float32")


_GERUEST = ModelExercise(
    title="(innere Prüfung des Dropout-Netzes)",
    input_shape=(10000,),
    output_shape=(1,),
    activation="sigmoid",
    params=PARAMETER,
    compiled=True,
    loss="binary_crossentropy",
    hidden_activation="relu",
    metrics=["accuracy", "binary_crossentropy"],  # plot_compare reads val_binary_crossentropy
)


def _pruefe_dropout(modell) -> str | None:
    import keras

    if isinstance(modell, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
    if not isinstance(modell, keras.Model):
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {short(modell)}")
    schichten = [s for s in flat_layers(modell) if type(s).__name__ != "InputLayer"]
    dropouts = [s for s in schichten if isinstance(s, keras.layers.Dropout)]
    if not dropouts:
        return "Das Modell hat keine Dropout-Schicht – füge direkt nach keras.Input(...) eine layers.Dropout(0.5) ein"
    if isinstance(schichten[-1], keras.layers.Dropout):
        return (
            "Die letzte Schicht ist eine Dropout-Schicht – dann setzt sie beim Training Vorhersagen auf 0 "
            "oder verdoppelt sie (über 1). Dropout gehört vor oder zwischen die Dense-Schichten, nicht hinter die Ausgabe"
        )
    if not isinstance(schichten[0], keras.layers.Dropout):
        return (
            "Die Dropout-Schicht steht nicht direkt nach der Eingabe – die Aufgabe verlangt sie als erste Schicht, "
            "damit bei jedem Schritt die Hälfte der Wörter jeder Kritik verschwindet"
        )
    rate = float(schichten[0].get_config().get("rate", 0.0))
    if rate <= 0.0:
        return "Die Dropout-Rate ist 0 – so wird nichts ausgeschaltet; nimm layers.Dropout(0.5)"
    if abs(rate - 0.5) > 1e-9:
        return f"Die Dropout-Rate ist {rate:g} – die Aufgabe verlangt layers.Dropout(0.5)"
    urteil = _GERUEST.evaluate(modell)
    if urteil.status == FALSCH:
        return urteil.message
    if urteil.status == NICHT_BEARBEITET:
        raise NotAttempted()
    if urteil.status != RICHTIG:
        raise RuntimeError(urteil.message)
    verlust = getattr(modell, "loss", None)
    if getattr(verlust, "from_logits", False):
        return (
            "Der Verlust ist mit from_logits=True kompiliert, die letzte Schicht gibt aber schon "
            "Sigmoid-Wahrscheinlichkeiten aus – lass from_logits weg"
        )
    x = _beispiele()
    try:
        ruhig = to_numpy(modell(x, training=False))
        aktiv = to_numpy(modell(x, training=True))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Eingaben der Form (None, 10000) aufrufen: {clean(err, 160)}") from None
    if np.allclose(aktiv, ruhig):
        return "Beim Training (training=True) ändert Dropout nichts an den Ausgaben – ist die Rate größer als 0?"
    return None


def _funktional():
    import keras
    from keras import layers

    eingabe = keras.Input(shape=(10000,))
    h = layers.Dropout(rate=0.5)(eingabe)
    h = layers.Dense(16)(h)
    h = layers.Activation("relu")(h)
    h = layers.Dense(16, activation="relu")(h)
    modell = keras.Model(eingabe, layers.Dense(1, activation="sigmoid")(h))
    modell.compile(optimizer="rmsprop", loss=keras.losses.BinaryCrossentropy(),
                   metrics=["accuracy", keras.metrics.BinaryCrossentropy()])
    return modell


mit_dropout = CustomExercise(
    title="Dropout ins IMDB-Netz einbauen",
    check=_pruefe_dropout,
    reference=lazy(_netz),
    hints=[
        "Die Dense-Schichten bleiben wie im Ausgangsmodell (16, 16, 1). Neu ist nur eine "
        "`layers.Dropout(0.5)` direkt nach `keras.Input(shape=(10000,))` – nicht nach der Ausgabeschicht.",
        "`keras.Sequential([keras.Input(shape=(10000,)), layers.Dropout(0.5), "
        "layers.Dense(16, activation=\"relu\"), layers.Dense(16, activation=\"relu\"), "
        "layers.Dense(1, activation=\"sigmoid\")])`, dann kompilieren wie `baue_netz` "
        "(rmsprop, binary_crossentropy, Metriken accuracy und binary_crossentropy).",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0, dropout=(0.5, 0.5))), expect="nicht direkt nach der Eingabe",
              instruction=True),
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.3)), expect="Dropout(0.5)", instruction=True),
        Wrong(lazy(lambda: _netz(verlust="mse")), expect="binary_crossentropy", instruction=True),
        Wrong(lazy(lambda: _netz(verdeckt="tanh")), expect="relu", instruction=True),
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0)), expect="keine Dropout-Schicht"),
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0, dropout_am_ende=True)), expect="hinter die Ausgabe"),
        Wrong(lazy(lambda: _netz(einheiten=8)), expect="Parameter"),
        Wrong(lazy(lambda: _netz(ausgabe=None)), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(ausgabe="tanh")), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(metriken=("accuracy",))), expect="Metrik"),
        Wrong(lazy(lambda: _netz(verlust=__import__("keras").losses.BinaryCrossentropy(from_logits=True))),
              expect="from_logits"),
    ],
    alternatives=[
        Right(lazy(_funktional), why="functional API, Activation layer, loss and metric given as objects"),
    ],
)


# -- 3. reading curves: over- or underfitting? -------------------------------------------

UEBERANPASSUNG = "Überanpassung"
UNTERANPASSUNG = "Unteranpassung"
PASST = "passt"

_RICHTIG = {"A": UNTERANPASSUNG, "B": UEBERANPASSUNG, "C": PASST}

_NAMEN = {
    "überanpassung": UEBERANPASSUNG, "ueberanpassung": UEBERANPASSUNG, "overfitting": UEBERANPASSUNG,
    "unteranpassung": UNTERANPASSUNG, "underfitting": UNTERANPASSUNG,
    "passt": PASST, "gut": PASST,
}

_WARUM = {
    "A": "Bei A sind Trainings- und Validierungsverlust beide noch hoch und liegen fast aufeinander – das Modell "
         "hat noch nicht einmal die Trainingsdaten gut gelernt",
    "B": "Bei B fällt der Trainingsverlust immer weiter, der Validierungsverlust steigt aber nach wenigen Epochen "
         "wieder – das Modell lernt die Trainingsdaten auswendig",
    "C": "Bei C sinken beide Verluste auf einen niedrigen Wert und bleiben dort, mit kleinem Abstand – so soll es sein",
}


def _pruefe_diagnose(antwort) -> str | None:
    if not isinstance(antwort, dict):
        raise Falsch(f"Erwartet wird ein dict wie {{\"A\": ..., \"B\": ..., \"C\": ...}}, erhalten: {short(antwort)}")
    if contains_placeholder(antwort):
        raise NotAttempted()
    fehlend = [k for k in _RICHTIG if k not in antwort]
    if fehlend:
        return f"Es fehlt eine Antwort für Schlüssel {', '.join(repr(k) for k in fehlend)}"
    for schluessel, soll in _RICHTIG.items():
        wert = antwort[schluessel]
        if not isinstance(wert, str):
            return f"Für {schluessel!r}: {short(wert)} – nimm UEBERANPASSUNG, UNTERANPASSUNG oder PASST"
        gemeint = _NAMEN.get(wert.strip().lower())
        if gemeint is None:
            return f"Für {schluessel!r}: {wert!r} kenne ich nicht – nimm UEBERANPASSUNG, UNTERANPASSUNG oder PASST"
        if gemeint != soll:
            return f"{schluessel!r} ist nicht {gemeint}: {_WARUM[schluessel]}"
    return None


diagnose = CustomExercise(
    title="Über- oder Unteranpassung? Kurven lesen",
    check=_pruefe_diagnose,
    reference=dict(_RICHTIG),
    hints=[
        "Schau zuerst auf den **Trainingsverlust**: Ist er noch hoch, hat das Modell nicht einmal die "
        "Trainingsdaten gelernt. Dann auf den **Abstand** zum Validierungsverlust.",
        "Überanpassung: Trainingsverlust fällt weiter, Validierungsverlust steigt wieder. "
        "Unteranpassung: beide hoch und nah beieinander.",
    ],
    wrong=[
        Wrong({"A": UEBERANPASSUNG, "B": UNTERANPASSUNG, "C": PASST}, expect="Bei A"),
        Wrong({"A": UNTERANPASSUNG, "B": PASST, "C": UEBERANPASSUNG}, expect="Bei B"),
        Wrong({"A": UNTERANPASSUNG, "B": UEBERANPASSUNG, "C": UEBERANPASSUNG}, expect="Bei C"),
        Wrong({"A": UNTERANPASSUNG, "B": UEBERANPASSUNG}, expect="fehlt"),
        Wrong({"A": "zu wenig", "B": UEBERANPASSUNG, "C": PASST}, expect="kenne ich nicht", instruction=True),
        Wrong("B", expect="dict"),
    ],
    alternatives=[
        Right({"A": "underfitting", "B": "Overfitting", "C": "passt"}, why="the English terms the lesson names"),
        Right({"C": PASST, "B": UEBERANPASSUNG, "A": UNTERANPASSUNG}, why="another key order"),
    ],
)

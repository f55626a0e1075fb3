"""Exercises of lesson 2.8 "Over- und Underfitting".

Nothing heavy at import: Keras models are built inside ``lazy`` factories and
checks; the model check uses random multi-hot inputs, no dataset.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    call_answer,
    clean,
    contains_placeholder,
    CustomExercise,
    Falsch,
    from_solution,
    lazy,
    NotAttempted,
    short,
    to_numpy,
    Wrong,
)

# -- 1. the best epoch from a history ----------------------------------------------------

_VERLAEUFE = [
    ({"loss": [0.52, 0.33, 0.24, 0.19, 0.16, 0.14], "val_loss": [0.41, 0.32, 0.30, 0.29, 0.31, 0.34]}, 4),
    ({"loss": [0.40, 0.20, 0.10], "val_loss": [0.30, 0.35, 0.45]}, 1),
    ({"loss": [0.9, 0.7, 0.5, 0.4, 0.35], "val_loss": [0.95, 0.8, 0.6, 0.5, 0.45]}, 5),
    (
        {"loss": [0.6, 0.4, 0.3], "accuracy": [0.7, 0.8, 0.9], "val_loss": [0.5, 0.38, 0.41],
         "val_accuracy": [0.75, 0.84, 0.83]},
        2,
    ),
    ({"loss": [0.5, 0.3, 0.25, 0.27], "val_loss": [0.45, 0.35, 0.38, 0.42]}, 2),
]


def _pruefe_beste_epoche(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird eine Funktion, erhalten: {short(fn)} – übergib sie ohne Klammern")
    for verlauf, soll in _VERLAEUFE:
        aufruf = f"beste_epoche({{'val_loss': {verlauf['val_loss']}, …}})"
        ergebnis = call_answer(fn, {k: list(v) for k, v in verlauf.items()})
        if contains_placeholder(ergebnis):
            raise NotAttempted()
        if ergebnis is None:
            return f"{aufruf} gibt None zurück – fehlt ein return?"
        if isinstance(ergebnis, (bool, np.bool_)) or not isinstance(ergebnis, (int, float, np.integer, np.floating)):
            return f"{aufruf} gibt {short(ergebnis)} zurück – erwartet wird eine Epochennummer (eine ganze Zahl)"
        if ergebnis == soll:
            continue
        val = verlauf["val_loss"]
        if ergebnis == soll - 1:
            return (
                f"{aufruf} ergibt {short(ergebnis)} statt {soll} – um eins zu klein: np.argmin zählt ab 0, "
                "die Epochen ab 1"
            )
        beste_training = int(np.argmin(verlauf["loss"])) + 1
        if ergebnis == len(val) and ergebnis == beste_training:
            return (
                f"{aufruf} ergibt {short(ergebnis)} – das ist die letzte Epoche, und dort ist auch der "
                "Trainingsverlust 'loss' am kleinsten. Gesucht ist die Epoche mit dem kleinsten "
                "Validierungsverlust 'val_loss'"
            )
        if ergebnis in (beste_training, beste_training - 1):
            return (
                f"{aufruf} ergibt {short(ergebnis)} – das ist die beste Epoche nach dem Trainingsverlust 'loss'. "
                "Der sinkt fast immer weiter; entscheidend ist der Validierungsverlust 'val_loss'"
            )
        if ergebnis == len(val):
            return (
                f"{aufruf} ergibt {short(ergebnis)} – das ist einfach die letzte Epoche; gesucht ist die mit dem "
                "kleinsten Validierungsverlust 'val_loss'"
            )
        if any(np.isclose(float(ergebnis), v) for v in val):
            return f"{aufruf} ergibt {short(ergebnis)} – das ist ein Verlustwert, gefragt ist die Nummer der Epoche"
        if ergebnis in (int(np.argmax(val)), int(np.argmax(val)) + 1):
            return f"{aufruf} ergibt {short(ergebnis)} – das ist die Epoche mit dem *größten* Validierungsverlust"
        return f"{aufruf} ergibt {short(ergebnis)} statt {soll}"
    return None


beste_epoche = CustomExercise(
    title="Die beste Epoche aus dem Verlauf ablesen",
    check=_pruefe_beste_epoche,
    reference=from_solution(),
    hints=[
        "`verlauf[\"val_loss\"]` ist die Liste der Validierungsverluste, ein Wert je Epoche. "
        "`np.argmin(...)` liefert die Position des kleinsten Werts.",
        "Positionen zählen ab 0, Epochen ab 1: `return int(np.argmin(verlauf[\"val_loss\"])) + 1`.",
    ],
    wrong=[
        Wrong(lambda verlauf: int(np.argmin(verlauf["val_loss"])), expect="um eins zu klein"),
        Wrong(lambda verlauf: int(np.argmin(verlauf["loss"])) + 1, expect="Trainingsverlust"),
        Wrong(lambda verlauf: min(verlauf["val_loss"]), expect="Verlustwert"),
        Wrong(lambda verlauf: int(np.argmax(verlauf["val_loss"])) + 1, expect="größten"),
        Wrong(lambda verlauf: len(verlauf["val_loss"]), expect="letzte Epoche"),
        Wrong(lambda verlauf: None, expect="fehlt ein return"),
    ],
)


# -- 2. dropout in the IMDB net ---------------------------------------------------------

#: Dense(16) on 10 000 inputs + Dense(16) + Dense(1): dropout adds no parameters
PARAMETER = 10000 * 16 + 16 + 16 * 16 + 16 + 16 + 1


def _netz(dropout=(None, None), einheiten=16, dropout_am_ende=False, ausgabe="sigmoid", kompilieren=True,
          dropout_eingabe=0.5, metriken=("accuracy", "binary_crossentropy")):
    import keras
    from keras import layers

    schichten = [keras.Input(shape=(10000,))]
    if dropout_eingabe:
        schichten.append(layers.Dropout(dropout_eingabe))
    for rate in dropout:
        schichten.append(layers.Dense(einheiten, activation="relu"))
        if rate is not None:
            schichten.append(layers.Dropout(rate))
    schichten.append(layers.Dense(1, activation=ausgabe))
    if dropout_am_ende:
        schichten.append(layers.Dropout(0.5))
    modell = keras.Sequential(schichten)
    if kompilieren:
        modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=list(metriken))
    return modell


def _beispiele() -> np.ndarray:
    """64 random multi-hot reviews (about 200 distinct words each)."""
    rng = np.random.default_rng(0)
    return (rng.random((64, 10000)) < 0.02).astype("float32")


def _pruefe_dropout(modell) -> str | None:
    import keras


    if isinstance(modell, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
    if not isinstance(modell, keras.Model):
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {short(modell)}")
    x = _beispiele()
    try:
        ruhig = to_numpy(modell(x, training=False))
        aktiv_1 = to_numpy(modell(x, training=True))
        aktiv_2 = to_numpy(modell(x, training=True))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Eingaben der Form (None, 10000) aufrufen: {clean(err, 160)}") from None
    if ruhig.shape[1:] != (1,):
        raise Falsch(f"Ausgabeform (None, {', '.join(map(str, ruhig.shape[1:]))}) statt (None, 1)")
    schichten = list(modell.layers)
    dropouts = [s for s in schichten if isinstance(s, keras.layers.Dropout)]
    if not dropouts:
        return "Das Modell hat keine Dropout-Schicht – füge direkt nach keras.Input(...) eine layers.Dropout(0.5) ein"
    if isinstance(schichten[-1], keras.layers.Dropout):
        return (
            "Die letzte Schicht ist eine Dropout-Schicht – dann setzt sie beim Training Vorhersagen auf 0 "
            "oder verdoppelt sie (über 1). Dropout gehört vor oder zwischen die Dense-Schichten, nicht hinter die Ausgabe"
        )
    raten = [float(s.get_config().get("rate", 0.0)) for s in dropouts]
    if max(raten) <= 0.0:
        return "Die Dropout-Rate ist 0 – so wird nichts ausgeschaltet; nimm z. B. layers.Dropout(0.5)"
    anzahl = int(modell.count_params())
    if anzahl != PARAMETER:
        return (
            f"Das Modell hat {anzahl:_} Parameter statt {PARAMETER:_} – Dropout hat selbst keine Parameter; "
            "lass die Dense-Schichten wie im Ausgangsmodell (16, 16, 1)".replace("_", " ")
        )
    if not (np.all(ruhig >= 0) and np.all(ruhig <= 1)) or np.allclose(ruhig, 1.0):
        return "Die Ausgaben sind keine Wahrscheinlichkeiten – die letzte Schicht braucht activation='sigmoid'"
    if np.allclose(aktiv_1, aktiv_2) and np.allclose(aktiv_1, ruhig):
        return "Beim Training (training=True) ändert Dropout nichts an den Ausgaben – ist die Rate größer als 0?"
    if getattr(modell, "optimizer", None) is None:
        return (
            "Das Modell ist nicht kompiliert – rufe modell.compile(optimizer=\"rmsprop\", "
            "loss=\"binary_crossentropy\", metrics=[\"accuracy\", \"binary_crossentropy\"]) auf"
        )
    try:
        metriken = str((modell.get_compile_config() or {}).get("metrics"))
    except Exception:
        metriken = "binary_crossentropy"  # cannot tell: do not complain
    if "binary_crossentropy" not in metriken:
        return (
            "Es fehlt die Metrik \"binary_crossentropy\" – kompiliere mit "
            "metrics=[\"accuracy\", \"binary_crossentropy\"] wie in baue_netz, damit wir gleich die reine "
            "Kreuzentropie aller Modelle vergleichen können"
        )
    return None


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
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0)), expect="keine Dropout-Schicht"),
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0, dropout_am_ende=True)), expect="hinter die Ausgabe"),
        Wrong(lazy(lambda: _netz(dropout_eingabe=0.0, dropout=(0.0, None))), expect="Rate ist 0"),
        Wrong(lazy(lambda: _netz(einheiten=8)), expect="keine Parameter"),
        Wrong(lazy(lambda: _netz(ausgabe=None)), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(metriken=("accuracy",))), expect="Metrik"),
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
        Wrong({"A": "zu wenig", "B": UEBERANPASSUNG, "C": PASST}, expect="kenne ich nicht"),
        Wrong("B", expect="dict"),
    ],
)

"""Exercises of lesson 3.7 "Vortrainierte Netze".

Nothing heavy at import: Keras is imported inside the checks and the ``lazy``
factories.

1. ``feinabstimmung``: a function that prepares a model whose base was used
   frozen (feature extraction) for fine-tuning. The check never touches the
   learner's objects: it builds the lesson's architecture itself, trains it one
   step with a frozen base (as the lesson did before), calls the learner's
   function, then trains the returned model 16 steps and measures what moved.
   Enforced by behaviour: the lower convolutions stay exactly where they were
   (frozen), the last convolution and the head learn (so trainable was set *and*
   the model recompiled: Keras 3 keeps the old train function otherwise), and
   the last convolution's kernel moves at most ``MAX_AENDERUNG`` (a small
   learning rate: the pretrained features are adjusted, not overwritten).
2. ``trainierbare_parameter``: how many weights ``fit`` changes while the base is
   frozen (kernel and bias of the head).
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    CustomExercise,
    Falsch,
    Right,
    short,
    ThoughtQuestion,
    ValueExercise,
    Wrong,
    call_answer,
)

#: Steps the check trains the prepared model (batch 16 of 256 fixed noise images).
SCHRITTE = 16
#: Largest accepted relative change ||W_after - W_before|| / ||W_before|| of the last
#: convolution's kernel after SCHRITTE steps. Measured (lesson architecture, random and
#: pretrained weights, noise and real digits): Adam 1e-5 → 0.001–0.002, 1e-4 → 0.010–0.017,
#: 3e-4 → 0.026–0.048, 1e-3 → 0.083–0.14, 1e-2 → 0.75–1.09. The task asks for 1e-4 or less.
MAX_AENDERUNG = 0.04

#: the lesson's base: Conv2D(32)-Pool-Conv2D(64)-Pool-Conv2D(64)-Flatten → 576 features
BASIS_PARAMETER = (3 * 3 * 1 * 32 + 32) + (3 * 3 * 32 * 64 + 64) + (3 * 3 * 64 * 64 + 64)
MERKMALE = 3 * 3 * 64
KLASSEN = 5
KOPF_PARAMETER = MERKMALE * KLASSEN + KLASSEN


def _basis():
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.Flatten(),
    ], name="basis")


def _modell_mit_eingefrorener_basis():
    """The lesson's situation before fine-tuning: base frozen, model compiled and trained (one step)."""
    import keras
    from keras import layers

    basis = _basis()
    modell = keras.Sequential([basis, layers.Dropout(0.5), layers.Dense(KLASSEN, activation="softmax")])
    basis.trainable = False
    modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y = _daten()
    modell.fit(x[:16], y[:16], epochs=1, batch_size=16, verbose=0)
    return modell, basis


def _daten():
    rng = np.random.default_rng(7)
    x = rng.random((SCHRITTE * 16, 28, 28, 1)).astype("float32")
    y = rng.integers(0, KLASSEN, SCHRITTE * 16)
    return x, y


def _faltungen(modell) -> list:
    """The Conv2D layers of a model in calling order (nested models expanded)."""
    import keras

    gefunden = []
    for schicht in modell.layers:
        if isinstance(schicht, keras.Model):
            gefunden.extend(_faltungen(schicht))
        elif isinstance(schicht, keras.layers.Conv2D):
            gefunden.append(schicht)
    return gefunden


def _kernel(schicht) -> np.ndarray:
    import keras

    return np.array(keras.ops.convert_to_numpy(schicht.kernel), dtype="float64")


def _relativ(vorher: np.ndarray, nachher: np.ndarray) -> float:
    return float(np.linalg.norm(nachher - vorher) / max(np.linalg.norm(vorher), 1e-12))


def _prozent(wert: float) -> str:
    return f"{100 * wert:.1f} %".replace(".", ",")


def _pruefe_feinabstimmung(funktion) -> str | None:
    import keras

    if not callable(funktion) or isinstance(funktion, type):
        raise Falsch(f"Erwartet wird eine Funktion feinabstimmung_vorbereiten(modell, basis), erhalten: "
                     f"{short(funktion)}")
    modell, basis = _modell_mit_eingefrorener_basis()
    x, y = _daten()
    merkmale_vorher = np.asarray(keras.ops.convert_to_numpy(basis(x[:64])))
    ergebnis = call_answer(funktion, modell, basis, timeout=20)
    if ergebnis is None:
        return "Die Funktion gibt nichts zurück – sie soll am Ende das Modell zurückgeben (return modell)"
    if not isinstance(ergebnis, keras.Model):
        return f"Die Funktion soll das Modell zurückgeben, sie gibt aber {short(ergebnis)} zurück"
    try:
        ausgabe = tuple(ergebnis.output_shape)
    except Exception:
        ausgabe = None
    if ergebnis is basis or ausgabe != (None, KLASSEN):
        return ("Die Funktion gibt nicht das ganze Modell (Basis und Kopf mit 5 Ausgaben) zurück – gib das "
                "Modell zurück, das sie bekommen hat")
    faltungen = _faltungen(ergebnis)
    if len(faltungen) < 2:
        return ("Das zurückgegebene Modell enthält nicht die Basis mit ihren drei Faltungsschichten – gib das "
                "Modell zurück, das die Funktion bekommen hat")
    if getattr(ergebnis, "optimizer", None) is None:
        return "Das Modell ist nicht kompiliert – nach dem Ändern von trainable braucht es compile(...)"
    vorher = [_kernel(f) for f in faltungen]
    kopf = [w for w in ergebnis.weights if w.path.endswith("kernel")][-1]
    kopf_vorher = np.array(keras.ops.convert_to_numpy(kopf), dtype="float64")
    try:
        ergebnis.fit(x, y, epochs=1, batch_size=16, verbose=0, shuffle=False)
    except Exception as err:
        raise Falsch(f"Das vorbereitete Modell lässt sich nicht trainieren: {type(err).__name__}: "
                     f"{str(err).splitlines()[0][:150] if str(err) else ''}")
    aenderung = [_relativ(v, _kernel(f)) for v, f in zip(vorher, faltungen)]
    merkmale_nachher = np.asarray(keras.ops.convert_to_numpy(basis(x[:64])))
    drift = _relativ(merkmale_vorher.astype("float64"), merkmale_nachher.astype("float64"))
    unten, letzte = aenderung[:-1], aenderung[-1]
    messung = (f"(nach {SCHRITTE} Trainingsschritten: Kernel der letzten Faltungsschicht um {_prozent(letzte)} "
               f"verändert, die Merkmale der Basis um {_prozent(drift)})")
    if not np.all(np.isfinite(aenderung)):
        return "Beim Training werden die Gewichte der Basis NaN oder unendlich – die Lernrate ist viel zu groß"
    if max(unten) > 0.0 and letzte > MAX_AENDERUNG:
        return ("Die ganze Basis lernt mit großer Lernrate mit: Schon die erste Faltungsschicht ändert sich um "
                f"{_prozent(unten[0])} {messung}. So wird das vortrainierte Wissen überschrieben, bevor der "
                "Kopf brauchbar ist. Friere die unteren Schichten ein und nimm eine kleine Lernrate")
    if max(unten) > 0.0:
        welche = next(i for i, a in enumerate(unten) if a > 0.0) + 1
        return (f"Die unteren Faltungsschichten sind nicht eingefroren: Faltungsschicht {welche} ändert sich beim "
                f"Training um {_prozent(unten[welche - 1])}. Nur die letzte Conv2D der Basis (und der Kopf) "
                "sollen lernen")
    if letzte == 0.0:
        if faltungen[-1].trainable:
            return ("Die letzte Faltungsschicht ist trainable, lernt beim Training aber nicht mit – das Modell wurde "
                    "nach dem Ändern von trainable nicht neu kompiliert (Keras 3 trainiert sonst weiter nur, was "
                    "beim letzten compile trainierbar war)")
        return ("Die letzte Faltungsschicht bleibt eingefroren (trainable=False) – beim Feinabstimmen soll sie "
                "mitlernen: basis.trainable = True, dann nur die Schichten davor wieder einfrieren")
    if letzte > MAX_AENDERUNG:
        return (f"Die Lernrate ist zu groß {messung}. Beim Feinabstimmen sollen sich die vortrainierten Gewichte "
                f"nur wenig bewegen: höchstens {_prozent(MAX_AENDERUNG)} in {SCHRITTE} Schritten – nimm z. B. "
                "Adam mit learning_rate=1e-4")
    if _relativ(kopf_vorher, np.array(keras.ops.convert_to_numpy(kopf), dtype="float64")) == 0.0:
        return "Der Kopf (die Dense-Schicht am Ende) lernt nicht mehr mit – er soll trainierbar bleiben"
    return None


# -- factories for declared answers (the lesson's and typical wrong ones) --------------------


def _vorbereitung(*, auftauen="letzte", lernrate=1e-4, kompilieren=True, optimierer="adam", kopf_einfrieren=False,
                  zurueck=True):
    def feinabstimmung_vorbereiten(modell, basis):
        import keras

        basis.trainable = auftauen != "keine"
        if auftauen == "letzte":
            for schicht in basis.layers[:-2]:
                schicht.trainable = False
        if kopf_einfrieren:
            modell.layers[-1].trainable = False
        if kompilieren:
            art = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop,
                   "sgd": keras.optimizers.SGD}[optimierer]
            modell.compile(optimizer=art(learning_rate=lernrate), loss="sparse_categorical_crossentropy",
                           metrics=["accuracy"])
        return modell if zurueck else None

    return feinabstimmung_vorbereiten


def _einzeln_nach_namen(modell, basis):
    """A right alternative: each layer set by hand (Conv2D by type), the optimizer as an object."""
    import keras

    basis.trainable = True
    faltungen = [s for s in basis.layers if isinstance(s, keras.layers.Conv2D)]
    for schicht in basis.layers:
        schicht.trainable = schicht is faltungen[-1]
    modell.compile(optimizer=keras.optimizers.Adam(5e-5), loss=keras.losses.SparseCategoricalCrossentropy(),
                   metrics=["accuracy"])
    return modell


feinabstimmung = CustomExercise(
    title="Feinabstimmung vorbereiten: was einfrieren, welche Lernrate?",
    check=_pruefe_feinabstimmung,
    reference=_vorbereitung(),
    hints=[
        "Erst `basis.trainable = True`, dann alle Schichten *vor* der letzten `Conv2D` wieder auf "
        "`trainable = False` setzen (`basis.layers` ist eine Liste; die letzte Conv2D ist `basis.layers[-2]`, "
        "dahinter steht nur noch `Flatten`).",
        "Nach jeder Änderung von `trainable` muss das Modell neu kompiliert werden: `modell.compile("
        "optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss=\"sparse_categorical_crossentropy\", "
        "metrics=[\"accuracy\"])`. Dann `return modell`.",
    ],
    wrong=[
        Wrong(_vorbereitung(auftauen="alle", lernrate=1e-3), expect="überschrieben"),
        Wrong(_vorbereitung(auftauen="alle", lernrate=1e-4), expect="nicht eingefroren", instruction=True),
        Wrong(_vorbereitung(lernrate=1e-2), expect="Lernrate ist zu groß"),
        Wrong(_vorbereitung(lernrate=1e-3), expect="Lernrate ist zu groß"),
        Wrong(_vorbereitung(kompilieren=False), expect="nicht neu kompiliert"),
        Wrong(_vorbereitung(auftauen="keine"), expect="bleibt eingefroren", instruction=True),
        Wrong(_vorbereitung(kopf_einfrieren=True), expect="Kopf"),
        Wrong(_vorbereitung(zurueck=False), expect="gibt nichts zurück", instruction=True),
    ],
    alternatives=[
        Right(_einzeln_nach_namen, why="layers set one by one by type, Adam 5e-5, loss as an object"),
        Right(_vorbereitung(optimierer="rmsprop", lernrate=1e-5), why="the book's choice: RMSprop(1e-5)"),
    ],
)


# -- 2. how many weights does fit change with a frozen base? ------------------------------------

trainierbare_parameter = ValueExercise(
    title="Wie viele Gewichte lernt das Modell mit eingefrorener Basis?",
    expected=KOPF_PARAMETER,
    reveal=False,
    what="Anzahl",
    hints=[
        "Eingefrorene Schichten ändert `fit` nicht. Übrig bleibt der Kopf: `Dense(5)` auf den "
        f"{MERKMALE} Merkmalen der Basis (Dropout hat keine Gewichte).",
        "Keras zählt sie für dich: `sum(int(np.prod(w.shape)) for w in modell_eingefroren.trainable_weights)` "
        "– oder lies „Trainable params“ in `modell_eingefroren.summary()` ab.",
    ],
    wrong=[
        Wrong(BASIS_PARAMETER + KOPF_PARAMETER, expect="zu groß",
              feedback="Das sind *alle* Parameter des Modells – die eingefrorene Basis lernt aber nicht mit."),
        Wrong(BASIS_PARAMETER, expect="zu groß",
              feedback="Das sind die Parameter der Basis – genau die sind eingefroren."),
        Wrong(MERKMALE * KLASSEN, expect="zu klein", instruction=True,
              feedback="Das sind nur die Kernel-Gewichte; die Aufgabe verlangt Kernel *und* Bias."),
        Wrong(KOPF_PARAMETER + 3 * 3 * 64 * 64 + 64, expect="zu groß",
              feedback="So viele lernen erst beim Feinabstimmen, wenn die letzte Faltungsschicht aufgetaut ist."),
    ],
    alternatives=[
        Right(np.int64(KOPF_PARAMETER), why="a NumPy integer, as np.sum or np.prod give it"),
    ],
)


# -- thought question -----------------------------------------------------------------------

erst_kopf = ThoughtQuestion(title="Warum erst den Kopf trainieren und dann auftauen?")

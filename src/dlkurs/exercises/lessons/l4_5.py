"""Exercises of lesson 4.5 "RNN, LSTM und GRU"."""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    FALSCH,
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
    flat_layers,
    from_solution,
    lazy,
    short,
)

# ------------------------------------------------------------------ 1. one SimpleRNN step


def _arrays(seed, n=2, d=3, u=4, *, symmetric=False):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    h = rng.normal(size=(n, u)) * 0.5
    W = rng.normal(size=(d, u)) * 0.5
    U = rng.normal(size=(u, u)) * 0.5
    b = rng.normal(size=u) * 0.3
    if symmetric:
        U = (U + U.T) / 2
    return x, h, W, U, b


def _fall_erster_schritt():
    x, h, W, U, b = _arrays(0)
    return Case(x, np.zeros_like(h), W, U, np.zeros_like(b)).named(
        "erster Schritt, h_prev = 0, b = 0: tanh liegt zwischen -1 und 1, auch negativ")


def _fall_bias():
    x, h, W, U, b = _arrays(2)
    return Case(x, np.zeros_like(h), W, U, b).named("h_prev = 0, mit Bias b")


def _fall_nur_zustand():
    x, h, W, U, b = _arrays(3, symmetric=True)
    return Case(np.zeros_like(x), h, W, U, np.zeros_like(b)).named(
        "x_t = 0: nur der vorige Zustand h_prev wirkt, über U")


def _fall_unsymmetrisch():
    x, h, W, U, b = _arrays(4)
    return Case(x, h, W, U, b).named("unsymmetrisches U: h_prev @ U, Form (Beispiele, Einheiten)")


def _fall_gross():
    x, h, W, U, b = _arrays(5, n=5, d=7, u=6)
    return Case(x, h, W, U, b).named("5 Beispiele, 7 Merkmale, 6 Einheiten")


def _fall_ein_beispiel():
    x, h, W, U, b = _arrays(6, n=1, d=2, u=3)
    return Case(x * 5, h, W, U, b).named("ein Beispiel, große Eingaben: tanh sättigt bei ±1")


def _schritt_relu(x_t, h_prev, W, U, b):
    return np.maximum(x_t @ W + h_prev @ U + b, 0.0)


def _schritt_sigmoid(x_t, h_prev, W, U, b):
    return 1.0 / (1.0 + np.exp(-(x_t @ W + h_prev @ U + b)))


def _schritt_ohne_bias(x_t, h_prev, W, U, b):
    return np.tanh(x_t @ W + h_prev @ U)


def _schritt_ohne_gedaechtnis(x_t, h_prev, W, U, b):
    return np.tanh(x_t @ W + b)


def _schritt_transponiert(x_t, h_prev, W, U, b):
    return np.tanh(x_t @ W + (U @ h_prev.T).T + b)


def _schritt_an_ort(x_t, h_prev, W, U, b):
    z = h_prev @ U
    h_prev += x_t @ W + b  # right value, but the caller's state is overwritten
    return np.tanh(z + x_t @ W + b)


def _schritt_tanh_danach(x_t, h_prev, W, U, b):
    return np.tanh(x_t @ W) + np.tanh(h_prev @ U) + b


def _schritt_dot(x_t, h_prev, W, U, b):
    return np.tanh(np.dot(x_t, W) + np.dot(h_prev, U) + b)


def _schritt_einsum(x_t, h_prev, W, U, b):
    z = np.einsum("nd,du->nu", x_t, W) + np.einsum("nu,uv->nv", h_prev, U)
    return np.tanh(z + b[np.newaxis, :])


def _schritt_formel(x_t, h_prev, W, U, b):
    z = x_t @ W + h_prev @ U + b
    return (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1)


rnn_schritt = FunctionExercise(
    title="Ein Schritt eines SimpleRNN in NumPy",
    reference=from_solution(),
    cases=[
        _fall_erster_schritt(),
        _fall_bias(),
        _fall_nur_zustand(),
        _fall_unsymmetrisch(),
        _fall_gross(),
        _fall_ein_beispiel(),
    ],
    hints=[
        "Die Formel ist h_t = tanh(x_t · W + h_prev · U + b). Mit den Formen (Beispiele, Merkmale) · "
        "(Merkmale, Einheiten) ist `x_t @ W` schon richtig herum.",
        "`return np.tanh(x_t @ W + h_prev @ U + b)` – `b` wird über die Beispiele hinweg addiert "
        "(Broadcasting). Schreib nicht `h_prev += …`: das ändert das Array des Aufrufers.",
    ],
    wrong=[
        Wrong(_schritt_relu, expect="tanh liegt zwischen", instruction=True),
        Wrong(_schritt_sigmoid, expect="tanh liegt zwischen", instruction=True),
        Wrong(_schritt_ohne_bias, expect="mit Bias"),
        Wrong(_schritt_ohne_gedaechtnis, expect="nur der vorige Zustand"),
        Wrong(_schritt_transponiert, expect="unsymmetrisches U"),
        Wrong(_schritt_an_ort, expect="verändert ihre Eingabe"),
        Wrong(_schritt_tanh_danach, expect="h_prev = 0, mit Bias"),
    ],
    alternatives=[
        Right(_schritt_dot, why="np.dot instead of @"),
        Right(_schritt_einsum, why="einsum, bias broadcast explicitly"),
        Right(_schritt_formel, why="tanh written out with exp"),
    ],
)


# ------------------------------------------------------------------ 2. an LSTM for Reuters

#: the lesson pads Reuters newswires to this length (and the check's stand-in data too)
LAENGE = 100
WOERTER = 10_000
KLASSEN = 46
#: accuracy on the stand-in task after 2 epochs: a model that learns reaches ~0.45–0.9, a model
#: that cannot (one unit, a frozen embedding) stays at the majority share ~0.13
SCHWELLE = 0.3


def _ersatz_meldungen(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stand-in newswires in Reuters' format: padded word ids (0 = padding, 1 = start), 46 unequal topics.

    Each topic has two words of its own; about 40 % of a message's words are
    its topic's words, the rest random words of the vocabulary. So a model
    learns the topic from words anywhere in the sequence – like Reuters, easier.
    """
    rng = np.random.default_rng(seed)
    p = 1.0 / np.sqrt(np.arange(1, KLASSEN + 1))
    y = rng.choice(KLASSEN, size=n, p=p / p.sum())
    themenwoerter = 4 + np.arange(2 * KLASSEN).reshape(KLASSEN, 2)
    x = np.zeros((n, LAENGE), dtype="int32")
    kurz = 30  # short messages: the check trains in seconds
    for i in range(n):
        laenge = int(rng.integers(15, kurz + 1))
        folge = rng.integers(4 + 2 * KLASSEN, WOERTER, size=laenge)
        folge[0] = 1
        thema = rng.random(laenge) < 0.4
        thema[0] = False
        folge[thema] = rng.choice(themenwoerter[y[i]], size=int(thema.sum()))
        x[i, LAENGE - laenge:] = folge
    return x, y.astype("int64")


def _daten():
    x_train, y_train = _ersatz_meldungen(3000, 0)
    x_test, y_test = _ersatz_meldungen(600, 1)
    return x_train, y_train, x_test, y_test


_GERUEST = ModelExercise(
    title="(innere Prüfung des Reuters-LSTM)",
    output_shape=(KLASSEN,),
    activation="softmax",
    data=_daten,
    epochs=2,
    batch_size=32,
    metric="accuracy",
    threshold=SCHWELLE,
    time_budget=40,
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)


def _pruefe_lstm(modell) -> str | None:
    import keras

    if not isinstance(modell, keras.Model):
        if isinstance(modell, keras.callbacks.History):
            raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
        if isinstance(modell, keras.layers.Layer):
            raise Falsch("Eine einzelne Schicht statt eines Modells – baue daraus ein keras.Sequential([...])")
        raise Falsch(f"Erwartet wird ein Keras-Modell (keras.Model), erhalten: {short(modell)}")
    schichten = [s for s in flat_layers(modell) if type(s).__name__ != "InputLayer"]
    if not schichten or not isinstance(schichten[0], keras.layers.Embedding):
        return ("Die erste Schicht ist keine Embedding-Schicht – die Meldungen sind Wortnummern; "
                "layers.Embedding(10000, 32) macht daraus Vektoren")
    eingabe_dim = int(schichten[0].get_config().get("input_dim", 0))
    if eingabe_dim < WOERTER:
        return (f"Embedding(input_dim={eingabe_dim}) – die Meldungen enthalten Wortnummern bis {WOERTER - 1}: "
                f"input_dim muss mindestens {WOERTER} sein")
    rekurrent = [s for s in schichten if isinstance(s, (keras.layers.RNN, keras.layers.Bidirectional))]
    lstms = [s for s in schichten if isinstance(s, keras.layers.LSTM)
             or (isinstance(s, keras.layers.Bidirectional) and isinstance(s.forward_layer, keras.layers.LSTM))]
    if not lstms:
        if rekurrent:
            art = rekurrent[0]
            if isinstance(art, keras.layers.Bidirectional):
                art = art.forward_layer
            return (f"Das Modell rechnet mit {type(art).__name__} statt LSTM – die Aufgabe verlangt "
                    "eine LSTM-Schicht")
        return "Das Modell hat keine LSTM-Schicht – die Aufgabe verlangt layers.LSTM(...) nach dem Embedding"
    urteil = _GERUEST.evaluate(_gebaute_kopie(modell))
    if urteil.status == NICHT_BEARBEITET:
        raise NotAttempted()
    if urteil.status == FALSCH:
        nachricht = urteil.message
        if "Ausgabeform" in nachricht and any(s.get_config().get("return_sequences") for s in lstms[-1:]):
            nachricht += (" – die letzte LSTM-Schicht gibt mit return_sequences=True eine ganze Folge aus; "
                          "vor der Dense-Schicht brauchst du nur den letzten Zustand")
        return nachricht
    if urteil.status != RICHTIG:
        raise RuntimeError(urteil.message)
    return None


def _gebaute_kopie(modell):
    """An unbuilt model is judged on a compiled clone: calling it would build the learner's model."""
    import keras

    if modell.built:
        return modell  # calls in inference and the training on a clone (ModelExercise) change nothing
    try:
        kopie = keras.models.clone_model(modell)
    except Exception:
        return modell
    konfig = None
    try:
        konfig = modell.get_compile_config()
    except Exception:
        pass
    if getattr(modell, "optimizer", None) is not None and konfig:
        try:
            kopie.compile_from_config(konfig)
        except Exception:
            return modell
    return kopie


def _netz(rnn="lstm", ausgabe="softmax", einheiten=KLASSEN, verlust="sparse_categorical_crossentropy",
          kompilieren=True, return_sequences=False, eingabe_dim=WOERTER, lstm_einheiten=32, embedding=True,
          optimierer="rmsprop", metriken=("accuracy",)):
    import keras
    from keras import layers

    schichten = [keras.Input(shape=(LAENGE,), dtype="int32")]
    if embedding:
        schichten.append(layers.Embedding(eingabe_dim, 32))
    art = {"lstm": layers.LSTM, "gru": layers.GRU, "simple": layers.SimpleRNN}[rnn]
    schichten.append(art(lstm_einheiten, return_sequences=return_sequences))
    schichten.append(layers.Dense(einheiten, activation=ausgabe))
    modell = keras.Sequential(schichten)
    if kompilieren:
        modell.compile(optimizer=optimierer, loss=verlust, metrics=list(metriken))
    return modell


def _funktional():
    import keras
    from keras import layers

    eingabe = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(WOERTER, 64, mask_zero=True)(eingabe)
    x = layers.LSTM(64)(x)
    x = layers.Dense(KLASSEN)(x)
    modell = keras.Model(eingabe, layers.Activation("softmax")(x))
    modell.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy(),
                   metrics=["accuracy"])
    return modell


def _gestapelt():
    import keras
    from keras import layers

    modell = keras.Sequential([
        layers.Embedding(WOERTER, 32),
        layers.LSTM(32, return_sequences=True),
        layers.LSTM(32),
        layers.Dense(KLASSEN, activation="softmax"),
    ])
    modell.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


reuters_lstm = CustomExercise(
    title="Ein LSTM für 46 Themen",
    check=_pruefe_lstm,
    reference=lazy(_netz),
    hints=[
        "Drei Schichten: `layers.Embedding(10000, 32)` (Wortnummern → Vektoren), `layers.LSTM(32)` (liest die "
        "Meldung Wort für Wort und gibt den letzten Zustand aus), `layers.Dense(46, activation=\"softmax\")`.",
        "Die Labels sind ganze Zahlen von 0 bis 45: `loss=\"sparse_categorical_crossentropy\"`, dazu "
        "`metrics=[\"accuracy\"]` und ein Optimierer wie `\"rmsprop\"` oder `\"adam\"`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(ausgabe=None)), expect="softmax"),
        Wrong(lazy(lambda: _netz(einheiten=1, ausgabe="sigmoid")), expect="46 Einheiten"),
        Wrong(lazy(lambda: _netz(return_sequences=True)), expect="return_sequences=True"),
        Wrong(lazy(lambda: _netz(rnn="gru")), expect="GRU statt LSTM", instruction=True),
        Wrong(lazy(lambda: _netz(verlust="categorical_crossentropy")), expect="Verlustfunktion", instruction=True),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(eingabe_dim=1000)), expect="input_dim"),
        Wrong(lazy(lambda: _netz(lstm_einheiten=1)), expect="Genauigkeit"),
        Wrong(lazy(lambda: _netz(metriken=())), expect="Metrik 'accuracy'"),
    ],
    alternatives=[
        Right(lazy(_funktional), why="functional API, mask_zero, variable length, Adam and loss as objects"),
        Right(lazy(_gestapelt), why="two stacked LSTMs, no Input"),
    ],
)

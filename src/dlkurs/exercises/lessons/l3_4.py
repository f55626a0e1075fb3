"""Exercises of lesson 3.4 "Convnet für MNIST".

Nothing heavy at import: Keras models are built inside functions and ``lazy``
factories, Fashion-MNIST is loaded on the first check that trains a model.

Instructions of the task texts that are enforced: conv_parameter returns a whole
number ("als ganze Zahl"); form_vor_flatten is a tuple without the batch axis
("ohne die Stapelachse, als Tupel"); modell_fashion has the named layers, filters,
kernels and ReLU, softmax output, optimizer="rmsprop" with its default learning
rate, the named loss and the accuracy metric, and is not trained yet ("Trainiere es
noch nicht"); am_haeufigsten_verwechselt returns integer class indices (the next
cell indexes a list with them) and leaves the matrix unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import numbers

from dlkurs.exercises import (
    call_answer,
    Case,
    clean,
    contains_placeholder,
    CustomExercise,
    Falsch,
    flat_layers,
    from_solution,
    FunctionExercise,
    lazy,
    NICHT_BEARBEITET,
    NotAttempted,
    RICHTIG,
    Right,
    shape_text,
    short,
    ThoughtQuestion,
    to_numpy,
    ValueExercise,
    Wrong,
)

# --------------------------------------------------------------------------- conv_parameter


def _ohne_bias(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    return anzahl_filter * kern_hoehe * kern_breite * kanaele


def _ohne_kanaele(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    return anzahl_filter * (kern_hoehe * kern_breite + 1)


def _quadratischer_kern(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    return anzahl_filter * (kern_hoehe * kern_hoehe * kanaele + 1)


def _bias_je_kanal(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    return anzahl_filter * kern_hoehe * kern_breite * kanaele + kanaele


def _ein_bias(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    return anzahl_filter * kern_hoehe * kern_breite * kanaele + 1


def _als_kommazahl(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    """Right value, but a float (e.g. through a true division or np.float64): 320.0."""
    return float(anzahl_filter * (kern_hoehe * kern_breite * kanaele + 1))


def _mit_numpy(anzahl_filter, kern_hoehe, kern_breite, kanaele):
    """A correct alternative: np.prod gives a NumPy integer."""
    return anzahl_filter * (np.prod([kern_hoehe, kern_breite, kanaele]) + 1)


_conv_parameter_cases = FunctionExercise(
    title="Parameter einer Conv2D-Schicht (Testfälle)",
    reference=from_solution("conv_parameter", lesson="3.4"),
    cases=[
        Case(32, 3, 3, 1).named("erste Schicht des Convnets: 32 Filter 3 × 3 auf einem Graustufenbild"),
        Case(64, 3, 3, 32).named("zweite Schicht: 64 Filter 3 × 3 auf 32 Kanälen"),
        Case(128, 3, 3, 64).named("dritte Schicht"),
        Case(16, 5, 5, 3).named("16 Filter 5 × 5 auf einem Farbbild (3 Kanäle)"),
        Case(4, 3, 5, 2).named("Kern 3 hoch und 5 breit"),
        Case(8, 1, 1, 4).named("Kern 1 × 1"),
    ],
)


def _pruefe_conv_parameter(fn):
    if callable(fn):
        ergebnis = call_answer(fn, 32, 3, 3, 1, timeout=5)
        if isinstance(ergebnis, (float, np.floating)):
            raise Falsch(f"Die Funktion gibt {short(ergebnis)} zurück, eine Kommazahl – die Aufgabe verlangt eine "
                         "ganze Zahl (rechne nur mit *, + und ganzen Zahlen, oder int(...))")
    verdict = _conv_parameter_cases.evaluate(fn)
    if verdict.status == RICHTIG:
        return None
    if verdict.status == NICHT_BEARBEITET:
        raise NotAttempted()
    return verdict.message


conv_parameter = CustomExercise(
    title="Parameter einer Conv2D-Schicht",
    check=_pruefe_conv_parameter,
    reference=from_solution(),
    hints=[
        "Ein Filter hat ein Gewicht für jede Stelle des Kerns **in jedem Eingabekanal**: "
        "`kern_hoehe * kern_breite * kanaele` Gewichte.",
        "Dazu kommt ein Bias pro Filter (nicht pro Kanal). Also: "
        "`anzahl_filter * (kern_hoehe * kern_breite * kanaele + 1)`.",
    ],
    wrong=[
        Wrong(_ohne_bias, expect="erste Schicht"),
        Wrong(_ohne_kanaele, expect="zweite Schicht"),
        Wrong(_quadratischer_kern, expect="3 hoch und 5 breit"),
        Wrong(_bias_je_kanal, expect="erste Schicht"),
        Wrong(_ein_bias, expect="erste Schicht"),
        Wrong(_als_kommazahl, expect="ganze Zahl", instruction=True),
    ],
    alternatives=[Right(_mit_numpy, why="np.prod gives a NumPy integer, which is an int for every later use")],
)

# --------------------------------------------------------------------------- form_vor_flatten

def _form_aus_modell():
    """A correct alternative: read from a model's layer (a tuple of ints in Keras 3)."""
    import keras
    from keras import layers

    modell = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(128, 3, activation="relu"),
    ])
    return tuple(modell.compute_output_shape((None, 28, 28, 1))[1:])


form_vor_flatten = ValueExercise(
    title="Die Form vor Flatten",
    expected=(3, 3, 128),
    strict_type=True,  # "als Tupel": a list never equals a shape (x.shape == [3, 3, 128] is False)
    hints=[
        "Verfolge Höhe (= Breite) Schicht für Schicht: Eine Faltung 3 × 3 ohne Auffüllen macht 2 weniger, "
        "`MaxPooling2D(2)` halbiert und rundet ab. 28 → 26 → 13 → …",
        "28 → 26 → 13 → 11 → 5 → 3. Die Kanäle sind die Filter der letzten Faltung: 128. "
        "Gib ein Tupel an: `(höhe, breite, kanäle)`.",
    ],
    wrong=[
        Wrong((7, 7, 128), expect="Form", feedback="So wäre es mit padding=\"same\" – hier schrumpft jede Faltung "
              "aber um 2 Pixel (padding=\"valid\")."),
        Wrong((5, 5, 64), expect="Form", feedback="Das ist die Form nach dem zweiten Pooling – danach kommt noch "
              "die dritte Faltung."),
        Wrong((1152,), expect="Form", feedback="Das ist die Form *nach* Flatten (3 · 3 · 128) – gefragt ist die "
              "Form davor."),
        Wrong((None, 3, 3, 128), expect="Form", feedback="Ohne die Stapelachse (None), nur die Form eines Bildes.",
              instruction=True),
        Wrong([3, 3, 128], expect="Typ list statt tuple", instruction=True),
        Wrong((4, 4, 128), expect="Form", feedback="Pooling rundet ab: aus 11 wird 5, nicht 6."),
        Wrong((3, 3, 64), expect="Form", feedback="Die Zahl der Kanäle ist die Zahl der Filter der letzten "
              "Faltung."),
    ],
    alternatives=[
        Right((np.int64(3), np.int64(3), np.int64(128)), why="NumPy integers in the tuple"),
        Right(lazy(_form_aus_modell), why="read from model.output.shape[1:]"),
    ],
)

# --------------------------------------------------------------------------- warum_convnet

warum_convnet = ThoughtQuestion(title="Warum ist das Convnet mit weniger Parametern besser?")

# --------------------------------------------------------------------------- modell_fashion

#: the instructed layer stack: (layer type, what its public config must say)
_AUFBAU = [
    ("Conv2D", {"filters": 32, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Conv2D", {"filters": 64, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Conv2D", {"filters": 128, "kernel_size": (3, 3), "activation": "relu"}),
    ("Flatten", {}),
    ("Dense", {"units": 10, "activation": "softmax"}),
]
_ERWARTET = "Conv2D, MaxPooling2D, Conv2D, MaxPooling2D, Conv2D, Flatten, Dense"
_PARAMETER = 104_202  # 320 + 18 496 + 73 856 + 11 530, as in the lesson
_VERLUST = "sparse_categorical_crossentropy"
_GENAUIGKEIT = {"accuracy", "acc", "sparse_categorical_accuracy"}
_ACTIVATION_LAYERS = {"Activation", "ReLU", "Softmax"}

#: the check trains a copy for this many epochs on the first images of Fashion-MNIST
_N_TRAIN, _N_TEST, _EPOCHS, _BATCH = 3000, 2000, 2, 64
#: accuracy the copy must reach on 2000 test images (Fashion-MNIST's test split; the copy is trained from
#: fresh weights on the first 3000 training images, so the learner's own training never counts).
#: Measured under the lock (2 epochs on 3000 images, seeds 0-4): right answers: rmsprop 0.668-0.705,
#: nested Sequential with separate ReLU layers 0.668-0.705 (same weights), functional API 0.67-0.71;
#: wrong answers that pass every config check: kernel_initializer="zeros" 0.102 (all seeds); for reference
#: RMSprop(learning_rate=1.0) 0.095-0.110 (now rejected by its config already). Threshold in between.
_SCHWELLE = 0.4


def _fashion() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from dlkurs.data import load

    (x_train, y_train), (x_test, y_test) = load("fashion_mnist")
    x_train = x_train[:_N_TRAIN].reshape((-1, 28, 28, 1)).astype("float32") / 255
    x_test = x_test[:_N_TEST].reshape((-1, 28, 28, 1)).astype("float32") / 255
    return x_train, y_train[:_N_TRAIN], x_test, y_test[:_N_TEST]


_DATEN: list[tuple] = []


def _daten() -> tuple:
    if not _DATEN:
        _DATEN.append(_fashion())
    return _DATEN[0]


def _name(value: Any) -> str | None:
    """The name of an activation/loss/metric as a compile or layer config holds it."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        config = value.get("config")
        if isinstance(config, str):  # a plain function: {"class_name": "function", "config": "relu"}
            return config
        if isinstance(config, dict) and config.get("name"):
            return str(config["name"])
        return str(value.get("class_name"))
    return getattr(value, "__name__", None) or str(value)


def _stapel(model: Any) -> list[tuple[str, dict]]:
    """The model's layers as (type, public config), with Activation layers merged into the layer before."""
    stapel: list[tuple[str, dict]] = []
    for schicht in flat_layers(model):  # a Sequential inside a Sequential counts with its layers
        art = type(schicht).__name__
        if art == "InputLayer":
            continue
        try:
            config = dict(schicht.get_config())
        except Exception:  # a custom layer without get_config: its type name still tells what it is
            config = {}
        if art in _ACTIVATION_LAYERS and stapel and _name(stapel[-1][1].get("activation")) in ("linear", None):
            aktivierung = {"ReLU": "relu", "Softmax": "softmax"}.get(art) or _name(config.get("activation"))
            if art == "ReLU" and (config.get("max_value") is not None or config.get("negative_slope")):
                aktivierung = "ReLU mit Sonderwerten"
            stapel[-1][1]["activation"] = aktivierung
            continue
        stapel.append((art, config))
    return stapel


def _wert(config: dict, key: str) -> Any:
    value = config.get(key)
    if key == "activation":
        return _name(value)
    if key in ("kernel_size", "pool_size") and value is not None:
        return tuple(value) if isinstance(value, (list, tuple)) else (value, value)
    return value


def _pruefe_aufbau(model: Any) -> None:
    stapel = _stapel(model)
    arten = [art for art, _ in stapel]
    if arten != [art for art, _ in _AUFBAU]:
        gefunden = ", ".join(arten) or "keine Schichten"
        hinweis = ""
        if "Flatten" not in arten:
            hinweis = " – fehlt Flatten vor der Dense-Schicht?"
        elif arten.count("MaxPooling2D") < 2:
            hinweis = " – zwischen den Faltungen gehört je ein MaxPooling2D"
        raise Falsch(f"Die Schichten sind {gefunden} statt {_ERWARTET}{hinweis}")
    nummer = {"Conv2D": 0, "MaxPooling2D": 0}
    for (art, config), (_, soll) in zip(stapel, _AUFBAU):
        if art in nummer:
            nummer[art] += 1
        wer = f"Die {nummer[art]}. {art}-Schicht" if art in nummer else f"Die {art}-Schicht"
        for key, erwartet in soll.items():
            ist = _wert(config, key)
            if ist != erwartet:
                if key == "activation":
                    raise Falsch(f"{wer} hat die Aktivierung {ist!r} statt {erwartet!r}")
                raise Falsch(f"{wer} hat {key}={ist!r} statt {erwartet!r}")
        if art == "Conv2D" and config.get("padding", "valid") != "valid":
            raise Falsch(f"{wer} hat padding={config.get('padding')!r} – lass die Voreinstellung \"valid\" stehen, "
                         "wie im Convnet oben")
        if art in ("Conv2D", "MaxPooling2D") and tuple(config.get("strides") or ()) not in ((), (1, 1), (2, 2)):
            raise Falsch(f"{wer} hat strides={config.get('strides')!r} – lass die Voreinstellung stehen")


#: RMSprop's default learning rate in Keras 3 ("optimizer='rmsprop'" means this one)
_LERNRATE = 0.001


def _pruefe_optimierer(optimizer: Any) -> None:
    art = type(optimizer).__name__
    if art != "RMSprop":
        raise Falsch(f"Der Optimierer ist {art} statt RMSprop – die Aufgabe verlangt optimizer=\"rmsprop\", "
                     "wie beim Convnet oben (sonst vergleichst du nicht dasselbe Netz)")
    try:
        lernrate = float(np.asarray(to_numpy(optimizer.learning_rate)))
    except Exception:  # a schedule: not the default
        lernrate = float("nan")
    if not np.isclose(lernrate, _LERNRATE, rtol=1e-6, atol=0.0):
        raise Falsch(f"RMSprop mit der Lernrate {lernrate:g} statt der voreingestellten {_LERNRATE:g} – die Aufgabe "
                     "verlangt optimizer=\"rmsprop\" ohne eigene Einstellungen")
    try:
        schritte = int(np.asarray(to_numpy(optimizer.iterations)))
    except Exception:
        schritte = 0
    if schritte > 0:
        raise Falsch(f"Das Modell ist schon trainiert ({schritte} Schritte) – die Aufgabe sagt: trainiere es noch "
                     "nicht, das macht die Zelle danach. Baue es neu und kompiliere es nur")


def _pruefe_kompiliert(model: Any) -> None:
    if getattr(model, "optimizer", None) is None:
        raise Falsch("Das Modell ist nicht kompiliert – rufe modell_fashion.compile(optimizer=\"rmsprop\", "
                     "loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"]) auf")
    _pruefe_optimierer(model.optimizer)
    try:
        config = model.get_compile_config() or {}
    except Exception as err:
        raise Falsch(f"Die Einstellungen von compile lassen sich nicht lesen ({clean(err, 120)})") from None
    loss = config.get("loss")
    name = _name(loss)
    if name in ("SparseCategoricalCrossentropy",):
        name = _VERLUST
    if name != _VERLUST:
        extra = ""
        if name == "categorical_crossentropy":
            extra = " – die Labels sind ganze Zahlen (0 bis 9), keine One-Hot-Vektoren; dafür gibt es die sparse-Variante"
        raise Falsch(f"Der Verlust ist {short(name)} statt {_VERLUST!r}{extra}")
    if isinstance(loss, dict) and isinstance(loss.get("config"), dict) and loss["config"].get("from_logits"):
        raise Falsch("Der Verlust hat from_logits=True, die letzte Schicht liefert aber schon Wahrscheinlichkeiten "
                     "(softmax) – lass from_logits weg")
    metriken = config.get("metrics") or []
    if not isinstance(metriken, (list, tuple)):
        metriken = [metriken]
    if not any(_name(m) in _GENAUIGKEIT or _name(m) == "SparseCategoricalAccuracy" for m in metriken):
        raise Falsch("compile braucht metrics=[\"accuracy\"] – sonst liefert evaluate keine Genauigkeit")


def _trainiere_kopie(model: Any) -> str | None:
    import keras

    x_train, y_train, x_test, y_test = _daten()
    try:
        kopie = keras.models.clone_model(model)
        kopie.compile_from_config(model.get_compile_config())
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht kopieren ({type(err).__name__}: {clean(err, 120)}) – "
                     "baue es mit keras.Sequential([...]) oder keras.Model(eingabe, ausgabe)") from None
    try:
        verlauf = kopie.fit(x_train, y_train, epochs=_EPOCHS, batch_size=_BATCH, verbose=0)
    except Exception as err:
        raise Falsch(f"Das Training einer Kopie bricht ab ({type(err).__name__}: {clean(err, 160)})") from None
    verluste = [float(v) for v in verlauf.history.get("loss", [])]
    if not np.all(np.isfinite(verluste)):
        raise Falsch("Beim Training einer Kopie wird der Verlust NaN – ist die Lernrate zu groß?")
    vorhersage = to_numpy(kopie.predict(x_test, verbose=0, batch_size=500))
    genauigkeit = float(np.mean(vorhersage.argmax(axis=-1) == y_test))
    if genauigkeit < _SCHWELLE:
        return (
            f"Eine Kopie deines Modells erreicht nach {_EPOCHS} Epochen auf {_N_TRAIN} Kleidungsbildern nur "
            f"eine Genauigkeit von {genauigkeit:.2f} auf {_N_TEST} Testbildern (gefordert mindestens {_SCHWELLE}) – "
            "es lernt kaum. Vergleiche die Einstellungen deiner Schichten (Initialisierung, Regularisierung …) "
            "mit dem Convnet oben."
        )
    return None


def _pruefe_modell_fashion(model: Any) -> str | None:
    import keras

    if contains_placeholder(model):
        raise NotAttempted()
    if isinstance(model, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst "
                     "und trainiere es noch nicht")
    if isinstance(model, (list, tuple)) and model and all(isinstance(m, keras.layers.Layer) for m in model):
        raise Falsch("Eine Liste von Schichten statt eines Modells – gib sie an keras.Sequential([...])")
    if not isinstance(model, keras.Model):
        if isinstance(model, keras.layers.Layer):
            raise Falsch("Eine einzelne Schicht statt eines Modells – baue ein keras.Sequential([...])")
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {short(model)}")
    beispiel = _daten()[2][:8]
    try:
        ausgabe = to_numpy(model(beispiel, training=False))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Bildern der Form {shape_text(beispiel.shape)} aufrufen: "
                     f"{clean(err, 160)} – beginnt es mit keras.Input(shape=(28, 28, 1))?") from None
    if ausgabe.shape != (len(beispiel), 10):
        raise Falsch(f"Ausgabeform {shape_text((None, *ausgabe.shape[1:]))} statt (None, 10)")
    _pruefe_aufbau(model)
    anzahl = int(model.count_params())
    if anzahl != _PARAMETER:  # e.g. use_bias=False, or groups/dilation changed
        raise Falsch(f"Das Modell hat {anzahl:_} Parameter statt {_PARAMETER:_} wie das Convnet oben"
                     .replace("_", " "))
    summen = ausgabe.sum(axis=1)
    if not (np.all(ausgabe >= -1e-6) and np.allclose(summen, 1.0, atol=1e-3)):
        raise Falsch("Die Ausgaben sind keine Wahrscheinlichkeiten – die letzte Schicht braucht activation=\"softmax\"")
    _pruefe_kompiliert(model)
    return _trainiere_kopie(model)


def _convnet(*, pooling: bool = True, flatten: bool = True, filters=(32, 64, 128), aktivierung="relu",
             ausgabe="softmax", kompiliert: bool = True, optimizer: Any = "rmsprop",
             loss: Any = _VERLUST, metrics: Any = ("accuracy",), funktional: bool = False,
             padding: str = "valid", aktivierung_als_schicht: bool = False, kernel_initializer: str = "glorot_uniform",
             verschachtelt: bool = False):
    """The lesson's convnet, or a variant of it (for declared wrong answers and tests)."""
    import keras
    from keras import layers

    def conv(n):
        if aktivierung_als_schicht:
            return [layers.Conv2D(n, (3, 3), padding=padding, kernel_initializer=kernel_initializer), layers.ReLU()]
        return [layers.Conv2D(n, 3, activation=aktivierung, padding=padding, kernel_initializer=kernel_initializer)]

    stapel: list = []
    for k, n in enumerate(filters):
        stapel += conv(n)
        if pooling and k < len(filters) - 1:
            stapel.append(layers.MaxPooling2D(2))
    if flatten:
        stapel.append(layers.Flatten())
    if aktivierung_als_schicht:
        stapel += [layers.Dense(10), layers.Activation("softmax")]
    else:
        stapel.append(layers.Dense(10, activation=ausgabe))
    if funktional:
        eingabe = keras.Input(shape=(28, 28, 1))
        x = eingabe
        for schicht in stapel:
            x = schicht(x)
        model = keras.Model(eingabe, x)
    elif verschachtelt:  # the convolutional part as a Sequential of its own
        teil = stapel.index(next(s for s in stapel if isinstance(s, layers.Flatten)))
        model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.Sequential(stapel[:teil]), *stapel[teil:]])
    else:
        model = keras.Sequential([keras.Input(shape=(28, 28, 1)), *stapel])
    if kompiliert:
        optimizer = optimizer() if callable(optimizer) else optimizer
        loss = loss() if isinstance(loss, type) else loss
        model.compile(optimizer=optimizer, loss=loss, metrics=list(metrics) if metrics else None)
    return model


def _rmsprop_lr_1():
    import keras

    return keras.optimizers.RMSprop(learning_rate=1.0)


def _rmsprop_objekt():
    import keras

    return keras.optimizers.RMSprop()


def _scce_objekt():
    import keras

    return keras.losses.SparseCategoricalCrossentropy()


def _trainiert():
    """The right model, but already trained for a few steps (the task says: not yet)."""
    model = _convnet()
    x_train, y_train, _, _ = _daten()
    model.fit(x_train[:128], y_train[:128], epochs=1, batch_size=64, verbose=0)
    return model


modell_fashion = CustomExercise(
    title="Das Convnet für Fashion-MNIST",
    check=_pruefe_modell_fashion,
    reference=lazy(_convnet),
    hints=[
        "Schreib das Convnet von oben ab: `keras.Sequential([keras.Input(shape=(28, 28, 1)), "
        "layers.Conv2D(32, 3, activation=\"relu\"), layers.MaxPooling2D(2), …, layers.Flatten(), "
        "layers.Dense(10, activation=\"softmax\")])`.",
        "Danach `modell_fashion.compile(optimizer=\"rmsprop\", loss=\"sparse_categorical_crossentropy\", "
        "metrics=[\"accuracy\"])` – und noch kein `fit`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _convnet(pooling=False)), expect="MaxPooling2D"),
        Wrong(lazy(lambda: _convnet(flatten=False)), expect="Ausgabeform"),
        Wrong(lazy(lambda: _convnet(filters=(32, 32, 32))), expect="filters=32 statt 64"),
        Wrong(lazy(lambda: _convnet(aktivierung="sigmoid")), expect="Aktivierung 'sigmoid' statt 'relu'",
              instruction=True),
        Wrong(lazy(lambda: _convnet(optimizer="adam")), expect="Adam statt RMSprop", instruction=True),
        Wrong(lazy(_trainiert), expect="schon trainiert", instruction=True),
        Wrong(lazy(lambda: _convnet(kernel_initializer="zeros")), expect="lernt kaum"),
        Wrong(lazy(lambda: _convnet(ausgabe=None)), expect="Aktivierung 'linear' statt 'softmax'"),
        Wrong(lazy(lambda: _convnet(padding="same")), expect="padding"),
        Wrong(lazy(lambda: _convnet(kompiliert=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _convnet(loss="categorical_crossentropy")), expect="sparse-Variante"),
        Wrong(lazy(lambda: _convnet(loss="mse")), expect="Verlust", instruction=True),
        Wrong(lazy(lambda: _convnet(metrics=None)), expect="accuracy"),
        Wrong(lazy(lambda: _convnet(optimizer=_rmsprop_lr_1)), expect="Lernrate 1 statt"),
    ],
    alternatives=[
        Right(lazy(lambda: _convnet(funktional=True, loss=_scce_objekt(), optimizer=_rmsprop_objekt)),
              why="functional API, the loss as an object, RMSprop() as an object"),
        Right(lazy(lambda: _convnet(aktivierung_als_schicht=True, verschachtelt=True,
                                    metrics=("sparse_categorical_accuracy",))),
              why="a nested Sequential, ReLU/Softmax as separate layers, the metric by its long name"),
    ],
)

# --------------------------------------------------------------------------- am_haeufigsten_verwechselt


def _matrix_klein() -> np.ndarray:
    # pair (1, 2): 6 + 6 = 12 confusions; the largest single cell is matrix[0, 2] = 9 (pair (0, 2): 9 + 0)
    return np.array([[50, 1, 9], [2, 40, 6], [0, 6, 60]], dtype=np.int64)


def _matrix_fashion() -> np.ndarray:
    """A Fashion-MNIST confusion matrix as a convnet makes it (rows: true class)."""
    return np.array([
        [858, 1, 17, 14, 3, 1, 99, 0, 7, 0],
        [2, 978, 0, 14, 2, 0, 2, 0, 2, 0],
        [16, 1, 846, 9, 66, 0, 61, 0, 1, 0],
        [16, 6, 11, 912, 26, 0, 27, 0, 2, 0],
        [1, 1, 56, 24, 868, 0, 49, 0, 1, 0],
        [0, 0, 0, 0, 0, 976, 0, 16, 1, 7],
        [118, 2, 55, 25, 70, 0, 721, 0, 9, 0],
        [0, 0, 0, 0, 0, 6, 0, 975, 0, 19],
        [3, 1, 2, 3, 1, 2, 4, 3, 981, 0],
        [0, 0, 0, 0, 0, 4, 1, 30, 0, 965],
    ], dtype=np.int64)


def _matrix_diagonal_klein() -> np.ndarray:
    # the smallest diagonal entry is 3 (class 2); the most confused pair is (0, 3): 4 + 5
    return np.array([[20, 1, 0, 4], [0, 30, 2, 0], [1, 0, 3, 0], [5, 0, 1, 25]], dtype=np.int64)


def _matrix_anteile() -> np.ndarray:
    # row shares (floats) as plot_confusion_matrix(normalize=True) shows them; pair (2, 3): 0.25 + 0.2
    return np.array([[0.9, 0.05, 0.05, 0.0], [0.1, 0.85, 0.0, 0.05], [0.0, 0.0, 0.75, 0.25],
                     [0.0, 0.1, 0.2, 0.7]])


def _matrix_unteres_dreieck() -> np.ndarray:
    # pair (1, 2): 5 + 4 = 9; the largest cell below the diagonal is matrix[2, 0] = 6 (pair (0, 2): 0 + 6),
    # the largest above it matrix[0, 1] = 7 (pair (0, 1): 7 + 1) – one triangle alone finds neither
    return np.array([[50, 7, 0], [1, 40, 5], [6, 4, 60]], dtype=np.int64)


_FAELLE = [
    (_matrix_klein, {1, 2}, "3 Klassen: 6 + 6 Verwechslungen zwischen 1 und 2, aber 9 + 0 zwischen 0 und 2"),
    (_matrix_unteres_dreieck, {1, 2}, "3 Klassen: 5 + 4 zwischen 1 und 2, einzeln größer: 7 und 6"),
    (_matrix_fashion, {0, 6}, "Fashion-MNIST, 10 Klassen"),
    (_matrix_diagonal_klein, {0, 3}, "4 Klassen, eine Klasse mit nur 3 richtigen"),
    (_matrix_anteile, {2, 3}, "Anteile statt Anzahlen (float)"),
]


def _als_paar(ergebnis: Any, fall: str) -> tuple[int, int]:
    if isinstance(ergebnis, (str, bytes)):
        raise Falsch(f"Für die Matrix [{fall}] gibt die Funktion {short(ergebnis)} zurück – gefragt sind die "
                     "beiden Klassen*indizes* (ganze Zahlen), die Namen schlägst du danach in klassen nach")
    if isinstance(ergebnis, (int, np.integer)):
        raise Falsch(f"Für die Matrix [{fall}] gibt die Funktion eine einzelne Zahl zurück ({short(ergebnis)}) "
                     "statt eines Paars (i, j) – np.argmax zählt durch die flache Matrix; "
                     "np.unravel_index macht daraus Zeile und Spalte")
    try:
        werte = list(np.asarray(ergebnis, dtype=object).reshape(-1)) if not isinstance(ergebnis, (set, frozenset)) \
            else list(ergebnis)
    except Exception:
        werte = None
    if werte is None or len(werte) != 2 or isinstance(ergebnis, dict):
        raise Falsch(f"Für die Matrix [{fall}] gibt die Funktion {short(ergebnis)} zurück – erwartet wird ein "
                     "Paar aus zwei Klassenindizes, z. B. (0, 6)")
    if any(isinstance(wert, (str, bytes)) for wert in werte):
        raise Falsch(f"Für die Matrix [{fall}] gibt die Funktion {short(ergebnis)} zurück – gefragt sind die "
                     "Klassen*indizes* (ganze Zahlen), nicht die Namen; die schlägst du danach in klassen nach")
    paar = []
    for wert in werte:
        if isinstance(wert, (bool, np.bool_)) or not isinstance(wert, (numbers.Integral, np.integer)):
            # also 6.0: the next cell looks the names up with klassen[i], and a list index must be an int
            raise Falsch(f"Für die Matrix [{fall}] enthält das Paar {short(ergebnis)} keine ganzen Zahlen – gib die "
                         "Klassenindizes als ganze Zahlen zurück (klassen[i] braucht ein int)")
        paar.append(int(wert))
    return paar[0], paar[1]


def _pruefe_verwechselt(fn: Any) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird die Funktion selbst (ohne Klammern), erhalten: {short(fn)}")
    for baue, erwartet, fall in _FAELLE:
        matrix = baue()
        eingabe = matrix.copy()
        ergebnis = call_answer(fn, eingabe, timeout=5)
        i, j = _als_paar(ergebnis, fall)
        if not np.array_equal(eingabe, matrix):
            raise Falsch(f"Die Funktion verändert die Matrix [{fall}] – arbeite auf einer Kopie "
                         "(z. B. fehler = matrix.copy() oder matrix + matrix.T)")
        if i == j:
            raise Falsch(f"Für die Matrix [{fall}] nennt die Funktion zweimal die Klasse {i} – die Diagonale zählt "
                         "die *richtig* erkannten Bilder, keine Verwechslungen; setze sie auf 0")
        if {i, j} != erwartet:
            a, b = sorted(erwartet)
            einzeln = matrix[i, j] + matrix[j, i]
            paar = matrix[a, b] + matrix[b, a]
            grund = ""
            if max(matrix[i, j], matrix[j, i]) > max(matrix[a, b], matrix[b, a]):
                grund = (" – zählst du nur eine Richtung? Für ein Paar gehören matrix[i, j] und matrix[j, i] "
                         "zusammen (z. B. matrix + matrix.T)")
            return (f"Für die Matrix [{fall}] gibt die Funktion das Paar ({i}, {j}) mit "
                    f"{einzeln:g} Verwechslungen zurück, das Paar ({a}, {b}) hat aber {paar:g}{grund}")
    return None


def _nur_eine_richtung(matrix):
    fehler = matrix.copy()
    np.fill_diagonal(fehler, 0)
    return tuple(int(k) for k in np.unravel_index(np.argmax(fehler), fehler.shape))


def _mit_diagonale(matrix):
    fehler = matrix + matrix.T
    return tuple(int(k) for k in np.unravel_index(np.argmax(fehler), fehler.shape))


def _flacher_index(matrix):
    fehler = matrix + matrix.T
    np.fill_diagonal(fehler, 0)
    return int(np.argmax(fehler))


def _veraendert_matrix(matrix):
    np.fill_diagonal(matrix, 0)
    fehler = matrix + matrix.T
    return tuple(int(k) for k in np.unravel_index(np.argmax(fehler), fehler.shape))


def _als_kommazahlen(matrix):
    fehler = (matrix + matrix.T).astype(float)
    np.fill_diagonal(fehler, 0)
    i, j = np.unravel_index(np.argmax(fehler), fehler.shape)
    return float(i), float(j)


def _unteres_dreieck(matrix):
    fehler = np.tril(matrix, k=-1)
    return tuple(int(k) for k in np.unravel_index(np.argmax(fehler), fehler.shape))


def _schleife(matrix):
    """A correct alternative: two loops over the pairs above the diagonal, a list [j, i]."""
    beste, paar = -1, None
    for i in range(len(matrix)):
        for j in range(i + 1, len(matrix)):
            if matrix[i][j] + matrix[j][i] > beste:
                beste, paar = matrix[i][j] + matrix[j][i], [j, i]
    return paar


def _als_array(matrix):
    """A correct alternative: a NumPy array of two integer indices (unpacks like a tuple)."""
    fehler = (matrix + matrix.T).astype(float)
    np.fill_diagonal(fehler, -np.inf)
    return np.array(np.unravel_index(fehler.argmax(), fehler.shape))


def _kleinste_diagonale(matrix):
    k = int(np.argmin(np.diag(matrix)))
    zeile = matrix[k].copy()
    zeile[k] = -1
    return k, int(np.argmax(zeile))


am_haeufigsten_verwechselt = CustomExercise(
    title="Das am häufigsten verwechselte Klassenpaar",
    check=_pruefe_verwechselt,
    reference=from_solution(),
    hints=[
        "Für ein Paar zählen beide Richtungen: `matrix + matrix.T` hat an der Stelle (i, j) "
        "`matrix[i, j] + matrix[j, i]`. Die Diagonale sind richtige Vorhersagen – setze sie auf 0 "
        "(auf einer Kopie, z. B. mit `np.fill_diagonal(fehler, 0)`).",
        "`np.argmax(fehler)` liefert die Position des größten Werts in der flachen Matrix; "
        "`np.unravel_index(position, fehler.shape)` macht daraus `(i, j)`. Gib `(int(i), int(j))` zurück.",
    ],
    wrong=[
        Wrong(_nur_eine_richtung, expect="nur eine Richtung"),
        Wrong(_mit_diagonale, expect="Diagonale"),
        Wrong(_flacher_index, expect="einzelne Zahl"),
        Wrong(_veraendert_matrix, expect="verändert die Matrix", instruction=True),
        Wrong(_kleinste_diagonale, expect="hat aber"),
        Wrong(_als_kommazahlen, expect="ganze Zahlen"),
        Wrong(_unteres_dreieck, expect="nur eine Richtung"),
    ],
    alternatives=[
        Right(_schleife, why="loops over the pairs, a list with the larger index first"),
        Right(_als_array, why="a NumPy integer array, -inf on the diagonal"),
    ],
)

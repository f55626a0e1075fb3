"""Exercises of lesson 3.6 "Augmentierung mit Fashion-MNIST".

Nothing heavy at import: Keras is imported inside the checks and the ``lazy``
factories. The checks read the layers' public configuration (``get_config()``)
and try the answer's behaviour on *rebuilt copies* (``from_config`` plus
``set_weights``), so the learner's layers and models keep their state and
their random generators untouched.

Instructions of the task texts that are enforced: the digit augmentation consists
of random layers without weights and contains at least one layer of the table
(RandomRotation, RandomZoom, RandomTranslation; RandomFlip is rejected for digits),
with factors that keep the digits readable and in the frame; the augmented net has
random layers only before its first weighted layer, flips at most horizontally, is
"dasselbe Netz wie baue_convnet" behind them (layer types, filters, kernels, ReLU,
units, softmax) and is compiled like it (Adam, sparse categorical cross-entropy,
the accuracy metric that the curves read later).
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    clean,
    compile_problem,
    CustomExercise,
    factor_span,
    Falsch,
    is_random_layer,
    lazy,
    metric_names,
    model_copy,
    pipeline_layers,
    Right,
    short,
    ThoughtQuestion,
    run_pipeline,
    to_numpy,
    Wrong,
)

# -- the limits of a digit augmentation ----------------------------------------------------

#: A rotation factor is a fraction of a full turn. Measured (MNIST, first 2 000 training
#: images, the lesson's convnet, 12 epochs, seed 0, fill_mode="constant", test accuracy on
#: 10 000 digits, under the shared lock): no augmentation 0.944; RandomRotation 0.10 → 0.957,
#: 0.15 → 0.934, 0.25 → 0.905, 0.5 → 0.834 (accuracy on the 6s 0.94 → 0.80, on the 9s
#: 0.96 → 0.74); RandomFlip horizontal → 0.905 (the 5s 1.00 → 0.76), vertical → 0.921
#: (the 2s 0.97 → 0.74). Accepted: up to 0.1 (best right answer measured); 0.15 already hurts.
MAX_DREHUNG = 0.1
#: Zoom and translation factors are fractions of the image size. Measured as above:
#: RandomZoom 0.2 → 0.960, 0.4 → 0.959 (a limit of 0.3 is conservative);
#: RandomTranslation 0.2 → 0.934, 0.3 → 0.874 (the 6s 0.82, the 9s 0.80). Accepted up to
#: 0.2 (costs about 1 point), 0.3 is clearly wrong: strokes leave the 28×28 frame.
MAX_ZOOM = 0.3
MAX_VERSCHIEBUNG = 0.2

_NUR_ZIFFERN = "Erlaubt sind kleine Drehungen, Zoom und Verschiebung"
#: the layers of the lesson's table that keep a digit a digit (RandomFlip does not)
_TABELLE = {"RandomRotation", "RandomZoom", "RandomTranslation"}


def _ziffern() -> np.ndarray:
    """Eight digit-like 28×28 test images in [0, 1]: thick strokes in a 20×20 box in the middle."""
    bilder = np.zeros((8, 28, 28, 1), dtype="float32")
    for i in range(8):
        bilder[i, 6 + i % 3:22, 10 + i % 4:14 + i % 4, 0] = 1.0  # a vertical stroke ("1")
        bilder[i, 6:9, 8:20 - i % 3, 0] = 1.0  # a bar on top ("7")
    return bilder


# -- 1. an augmentation that keeps a digit a digit ----------------------------------------


def _pruefe_ziffern(antwort) -> str | None:
    schichten = pipeline_layers(antwort, example="layers.RandomRotation(0.05)")
    if not schichten:
        return "Die Augmentierung enthält keine Schicht – nimm z. B. layers.RandomRotation(0.05)"
    for schicht in schichten:
        name = type(schicht).__name__
        if schicht.weights or "kernel_initializer" in schicht.get_config():
            return (
                f"{name} hat Gewichte – eine Augmentierung besteht nur aus Zufallsschichten ohne Gewichte "
                "(RandomRotation, RandomZoom, RandomTranslation …); das Netz selbst kommt später"
            )
        konfig = schicht.get_config()
        if name == "RandomFlip":
            modus = konfig.get("mode")
            if modus == "vertical":
                return (
                    "RandomFlip(\"vertical\") stellt Ziffern auf den Kopf: Aus einer 6 wird etwas wie eine 9, "
                    "aus einer 7 ein unbekanntes Zeichen. Spiegelungen erhalten das Label einer Ziffer nicht"
                )
            return (
                f"RandomFlip(\"{modus}\") spiegelt die Ziffern: Eine gespiegelte 2 ist keine 2, eine gespiegelte 3 "
                "ein Zeichen, das es nicht gibt. Für Ziffern keine Spiegelung – " + _NUR_ZIFFERN
            )
        if name == "RandomRotation":
            drehung = factor_span(konfig.get("factor"))
            if drehung > MAX_DREHUNG:
                return (
                    f"RandomRotation({drehung:g}) dreht um bis zu ±{drehung * 360:.0f}° – so weit gedreht wird aus "
                    f"einer 6 eine 9 und aus einer 1 ein Schrägstrich. Bleib bei höchstens {MAX_DREHUNG:g} "
                    f"(±{MAX_DREHUNG * 360:.0f}°); der Faktor ist ein Bruchteil einer ganzen Umdrehung"
                )
        if name == "RandomZoom":
            zoom = max(factor_span(konfig.get("height_factor")), factor_span(konfig.get("width_factor")))
            if zoom > MAX_ZOOM:
                return (
                    f"RandomZoom({zoom:g}) vergrößert oder verkleinert um bis zu {zoom:.0%} – beim Hineinzoomen "
                    f"fallen Teile der Ziffer aus dem Bild. Bleib bei höchstens {MAX_ZOOM:g}"
                )
        if name == "RandomTranslation":
            schub = max(factor_span(konfig.get("height_factor")), factor_span(konfig.get("width_factor")))
            if schub > MAX_VERSCHIEBUNG:
                return (
                    f"RandomTranslation mit Faktor {schub:g} verschiebt um bis zu {schub * 28:.0f} Pixel – die "
                    f"Ziffern stehen dann halb außerhalb des 28×28-Bilds. Bleib bei höchstens {MAX_VERSCHIEBUNG:g}"
                )
        if name == "RandomInvert":
            return "RandomInvert macht aus weißer Schrift auf Schwarz schwarze auf Weiß – so sieht keine Testziffer aus"
        if name in {"RandomCrop", "Resizing", "CenterCrop"}:
            return f"{name} ändert die Bildgröße – das Netz erwartet weiter 28×28 Pixel"
    if not any(is_random_layer(s) for s in schichten):
        namen = ", ".join(type(s).__name__ for s in schichten)
        return (f"In der Augmentierung steckt keine Zufallsschicht (nur {namen}) – sie verändert die Bilder nicht "
                "bei jedem Durchgang anders. " + _NUR_ZIFFERN)
    if not any(type(s).__name__ in _TABELLE for s in schichten):
        namen = ", ".join(type(s).__name__ for s in schichten)
        return (f"Die Augmentierung besteht nur aus {namen} – die Aufgabe verlangt mindestens eine Schicht aus der "
                "Tabelle: RandomRotation, RandomZoom oder RandomTranslation")
    bilder = _ziffern()
    try:
        aktiv, ruhig = run_pipeline(schichten, bilder)
    except Exception as err:
        raise Falsch(f"Die Augmentierung lässt sich nicht auf Bilder der Form (8, 28, 28, 1) anwenden: {clean(err, 160)}")
    if aktiv.shape != bilder.shape:
        return f"Die Augmentierung macht aus Bildern der Form {bilder.shape} die Form {aktiv.shape} – die Größe muss bleiben"
    if not np.allclose(ruhig, bilder, atol=1e-5):
        return "Die Augmentierung verändert die Bilder auch beim Vorhersagen (training=False) – nimm Zufallsschichten"
    if np.allclose(aktiv, bilder, atol=1e-4):
        return "Die Augmentierung verändert beim Training nichts – sind alle Faktoren 0?"
    return None


def _ziffern_pipeline(*schichten):
    import keras

    return keras.Sequential(list(schichten))


def _L():
    from keras import layers

    return layers


def _referenz_ziffern():
    L = _L()
    return _ziffern_pipeline(L.RandomRotation(0.05, fill_mode="constant"), L.RandomZoom(0.1, fill_mode="constant"),
                             L.RandomTranslation(0.1, 0.1, fill_mode="constant"))


ziffern_augmentierung = CustomExercise(
    title="Eine Augmentierung, die Ziffern Ziffern lässt",
    check=_pruefe_ziffern,
    reference=lazy(_referenz_ziffern),
    hints=[
        "Frag dich bei jeder Schicht: Ist das veränderte Bild *noch dieselbe Ziffer*? Eine gespiegelte 2 ist "
        "keine 2, eine auf den Kopf gestellte 6 ist eine 9. Kleine Drehungen, etwas Zoom und kleine "
        "Verschiebungen ändern nichts an der Ziffer.",
        "Der Faktor von `RandomRotation` ist ein Bruchteil einer Umdrehung: 0.05 heißt ±18°. Zum Beispiel "
        "`keras.Sequential([layers.RandomRotation(0.05), layers.RandomZoom(0.1), "
        "layers.RandomTranslation(0.1, 0.1)])` – ohne `RandomFlip`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomFlip("horizontal"), _L().RandomRotation(0.05))),
              expect="gespiegelte 2"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomFlip("vertical"))), expect="auf den Kopf"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomFlip("horizontal_and_vertical"))), expect="Spiegelung"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomRotation(0.5))), expect="aus einer 6 eine 9"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomZoom(0.1), _L().RandomRotation((-0.2, 0.2)))),
              expect="±72°"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomTranslation(0.4, 0.4))), expect="außerhalb",
              instruction=True),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomContrast(0.3))), expect="aus der Tabelle", instruction=True),
        Wrong(lazy(lambda: [_L().GaussianNoise(0.1)]), expect="aus der Tabelle"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().RandomZoom(0.6))), expect="aus dem Bild"),
        Wrong(lazy(lambda: _ziffern_pipeline()), expect="keine Schicht"),
        Wrong(lazy(lambda: [_L().Rescaling(1 / 255)]), expect="keine Zufallsschicht"),
        Wrong(lazy(lambda: _ziffern_pipeline(_L().Dense(28))), expect="hat Gewichte", instruction=True),
        Wrong("RandomRotation(0.05)", expect="keras.Sequential"),
    ],
    alternatives=[
        Right(lazy(lambda: [_L().RandomTranslation(0.1, 0.1), _L().RandomRotation(0.05)]),
              why="a list instead of a Sequential, another order"),
        Right(lazy(lambda: _ziffern_pipeline(_ziffern_pipeline(_L().RandomRotation((-0.1, 0.1))),
                                             _L().RandomZoom((-0.2, 0.0)), _L().GaussianNoise(0.05))),
              why="nested Sequential, factors as pairs at the limit, extra noise"),
    ],
)


# -- 2. the augmented convnet ------------------------------------------------------------

#: Conv2D(32, 3) + Conv2D(64, 3) + Dense(64) + Dense(10) on 28×28×1, as baue_convnet in the lesson
PARAMETER = (3 * 3 * 1 * 32 + 32) + (3 * 3 * 32 * 64 + 64) + (5 * 5 * 64 * 64 + 64) + (64 * 10 + 10)


def _netz(augmentierung="standard", stelle="anfang", kompilieren=True, ausgabe="softmax", dense=64,
          verdeckt="relu", optimizer="adam", loss="sparse_categorical_crossentropy", metrics=("accuracy",),
          dropout=False, verschachtelt=False):
    import keras
    from keras import layers

    if augmentierung == "standard":
        augmentierung = [layers.RandomFlip("horizontal"),
                         layers.RandomRotation(0.02, fill_mode="constant", interpolation="nearest"),
                         layers.RandomZoom(0.05, fill_mode="constant", interpolation="nearest"),
                         layers.RandomTranslation(0.05, 0.05, fill_mode="constant", interpolation="nearest")]
    augmentierung = list(augmentierung or [])
    rumpf = [layers.Conv2D(32, 3, activation=verdeckt), layers.MaxPooling2D(),
             layers.Conv2D(64, 3, activation=verdeckt), layers.MaxPooling2D()]
    kopf = [layers.Flatten(), *([layers.Dropout(0.5)] if dropout else []),
            layers.Dense(dense, activation=verdeckt), layers.Dense(10, activation=ausgabe)]
    if verschachtelt:  # the lesson's own solution: the augmentation as one Sequential inside
        augmentierung = [keras.Sequential(augmentierung)]
    if stelle == "anfang":
        schichten = augmentierung + rumpf + kopf
    else:  # after the convolutions: augments feature maps, not images
        schichten = rumpf + augmentierung + kopf
    modell = keras.Sequential([keras.Input(shape=(28, 28, 1)), *schichten])
    if kompilieren:
        modell.compile(optimizer=optimizer, loss=loss, metrics=list(metrics) if metrics else None)
    return modell


def _funktional():
    """A correct alternative: the functional API, ReLU as separate layers, the loss as an object."""
    import keras
    from keras import layers

    eingabe = keras.Input(shape=(28, 28, 1))
    x = layers.RandomFlip("horizontal")(eingabe)
    x = layers.RandomTranslation(0.1, 0.1, fill_mode="constant")(x)
    for schicht in [layers.Conv2D(32, 3), layers.ReLU(), layers.MaxPooling2D(), layers.Conv2D(64, 3),
                    layers.Activation("relu"), layers.MaxPooling2D(), layers.Flatten(),
                    layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")]:
        x = schicht(x)
    modell = keras.Model(eingabe, x)
    modell.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy(),
                   metrics=["accuracy"])
    return modell


def _bilder() -> np.ndarray:
    """Eight garment-like 28×28 test images in [0, 1]: a bright, asymmetric blob in the middle."""
    rng = np.random.default_rng(0)
    bilder = np.zeros((8, 28, 28, 1), dtype="float32")
    bilder[:, 5:24, 8:18, 0] = 0.8
    bilder[:, 5:10, 8:23, 0] = 1.0
    return np.clip(bilder + rng.normal(0, 0.05, bilder.shape).astype("float32"), 0, 1)


def _pruefe_modell(modell) -> str | None:
    import keras

    if isinstance(modell, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
    if isinstance(modell, (list, tuple)) or (isinstance(modell, keras.layers.Layer)
                                              and not isinstance(modell, keras.Model)):
        raise Falsch("Erwartet wird das ganze Modell (keras.Sequential mit Augmentierung und Netz), "
                     f"erhalten: {short(modell)}")
    if not isinstance(modell, keras.Model):
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {short(modell)}")
    schichten = pipeline_layers(list(modell.layers))
    mit_gewichten = [i for i, s in enumerate(schichten) if s.weights or "kernel_initializer" in s.get_config()]
    zufall = [i for i, s in enumerate(schichten) if is_random_layer(s)]
    if not zufall:
        return (
            "Das Modell enthält keine Augmentierungsschicht – die Zufallsschichten (z. B. `neue_augmentierung()`) "
            "gehören als erste Stufe *in* das Modell"
        )
    if mit_gewichten and max(zufall) > mit_gewichten[0]:
        name = type(schichten[max(zufall)]).__name__
        return (
            f"{name} steht hinter der ersten Schicht mit Gewichten – dort verändert sie Merkmalskarten statt "
            "Bilder. Die Augmentierung gehört an den Anfang des Modells, direkt nach keras.Input"
        )
    for i in zufall:
        if type(schichten[i]).__name__ == "RandomFlip":
            modus = schichten[i].get_config().get("mode")
            if modus != "horizontal":
                return (
                    f"RandomFlip(\"{modus}\") stellt Kleidungsstücke auf den Kopf – so liegt kein Testbild vor. "
                    "Spiegle nur horizontal (links ↔ rechts)"
                )
    x = _bilder()
    try:
        kopie = model_copy(modell, x)
        ruhig = to_numpy(kopie(x, training=False))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Bildern der Form (None, 28, 28, 1) aufrufen: {clean(err, 160)}")
    if ruhig.shape[1:] != (10,):
        return f"Ausgabeform {shape_of(ruhig)} statt (None, 10) – eine Ausgabe je Klasse"
    if not (np.all(ruhig >= -1e-6) and np.allclose(ruhig.sum(axis=1), 1.0, atol=1e-3)):
        return "Die Ausgaben sind keine Wahrscheinlichkeiten – die letzte Schicht braucht activation=\"softmax\""
    anzahl = int(kopie.count_params())
    if anzahl != PARAMETER:
        return (
            f"Das Modell hat {anzahl:_} Parameter statt {PARAMETER:_}".replace("_", " ")
            + " – Augmentierungsschichten haben keine Parameter; das Netz dahinter bleibt wie in baue_convnet"
        )
    rumpf = _pruefe_rumpf(schichten)
    if rumpf:
        return rumpf
    # behaviour, on a rebuilt copy of the augmentation part (the learner's generators stay untouched)
    vorne = schichten[:mit_gewichten[0]] if mit_gewichten else schichten
    try:
        aktiv, inferenz = run_pipeline(vorne, x)
    except Exception as err:
        raise Falsch(f"Die Augmentierungsschichten lassen sich nicht auf die Bilder anwenden: {clean(err, 160)}")
    if aktiv.shape != x.shape:
        return f"Die Augmentierung macht aus Bildern der Form {x.shape} die Form {aktiv.shape} – die Größe muss bleiben"
    if np.allclose(aktiv, x, atol=1e-4):
        return "Die Augmentierung verändert beim Training (training=True) nichts – sind alle Faktoren 0?"
    if not np.allclose(inferenz, x, atol=1e-5):
        return "Die Schichten vor dem Netz verändern die Bilder auch beim Vorhersagen (training=False)"
    if not np.allclose(ruhig, to_numpy(kopie(x, training=False)), atol=1e-5):
        return "Das Modell gibt beim Vorhersagen (training=False) für dieselben Bilder verschiedene Antworten"
    if np.allclose(ruhig, to_numpy(kopie(x, training=True)), atol=1e-6):
        return "Beim Training (training=True) gibt das Modell dieselben Ausgaben wie beim Vorhersagen – wirkt die Augmentierung?"
    if getattr(modell, "optimizer", None) is None:
        return (
            "Das Modell ist nicht kompiliert – rufe modell.compile(optimizer=\"adam\", "
            "loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"]) auf"
        )
    return _pruefe_compile(modell)


#: baue_convnet behind the augmentation: (layer type, what its public config must say)
_RUMPF = [
    ("Conv2D", {"filters": 32, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Conv2D", {"filters": 64, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Flatten", {}),
    ("Dense", {"units": 64, "activation": "relu"}),
    ("Dense", {"units": 10, "activation": "softmax"}),
]
_AKTIVIERUNGSSCHICHTEN = {"Activation": None, "ReLU": "relu", "Softmax": "softmax"}


def _aktivierung(wert) -> str | None:
    if isinstance(wert, dict):
        konfig = wert.get("config")
        wert = konfig if isinstance(konfig, str) else (konfig or {}).get("name") or wert.get("class_name")
    if wert is None:
        return None
    wert = getattr(wert, "__name__", wert)
    return "linear" if str(wert) in ("None", "linear", "identity") else str(wert)


def _rumpf(schichten) -> list[tuple[str, dict]]:
    """The layers behind the augmentation as (type, config), activation layers merged into the layer before."""
    rumpf: list[tuple[str, dict]] = []
    for schicht in schichten:
        art = type(schicht).__name__
        if is_random_layer(schicht) or art == "InputLayer":
            continue
        try:
            konfig = dict(schicht.get_config())
        except Exception:
            konfig = {}
        if art in _AKTIVIERUNGSSCHICHTEN and rumpf and _aktivierung(rumpf[-1][1].get("activation")) in (None, "linear"):
            rumpf[-1][1]["activation"] = _AKTIVIERUNGSSCHICHTEN[art] or _aktivierung(konfig.get("activation"))
            continue
        rumpf.append((art, konfig))
    return rumpf


def _pruefe_rumpf(schichten) -> str | None:
    rumpf = _rumpf(schichten)
    arten = [art for art, _ in rumpf]
    soll = [art for art, _ in _RUMPF]
    if arten != soll:
        extra = [a for a in arten if a not in soll]
        hinweis = f" – {extra[0]} gehört nicht dazu: Nur die Augmentierung kommt hinzu, sonst vergleichst du " \
                  "nicht nur die Augmentierung" if extra else ""
        return (f"Hinter der Augmentierung stehen {', '.join(arten) or 'keine Schichten'} statt "
                f"{', '.join(soll)} wie in baue_convnet{hinweis}")
    for nummer, ((art, konfig), (_, erwartet)) in enumerate(zip(rumpf, _RUMPF), start=1):
        for schluessel, wert in erwartet.items():
            ist = konfig.get(schluessel)
            if schluessel == "activation":
                ist = _aktivierung(ist)
            elif schluessel in ("kernel_size", "pool_size") and ist is not None:
                ist = tuple(ist) if isinstance(ist, (list, tuple)) else (ist, ist)
            if ist != wert:
                if schluessel == "activation":
                    return (f"Schicht {nummer} hinter der Augmentierung ({art}) hat die Aktivierung {ist!r} statt "
                            f"{wert!r} wie in baue_convnet")
                return f"Schicht {nummer} hinter der Augmentierung ({art}) hat {schluessel}={ist!r} statt {wert!r}"
    return None


def _pruefe_compile(modell) -> str | None:
    """compile like baue_convnet: Adam (default learning rate), the named loss, the accuracy metric."""
    problem = compile_problem(modell, optimizer="Adam", learning_rate=0.001, loss="sparse_categorical_crossentropy",
                              remedy=" – compile bleibt wie in baue_convnet")
    if problem:
        return problem
    if "accuracy" not in metric_names(modell):
        return ("Das Modell wird ohne die Metrik 'accuracy' kompiliert – die Kurven unten lesen "
                "verlauf.history[\"accuracy\"]: compile(..., metrics=[\"accuracy\"])")
    return None


def shape_of(array: np.ndarray) -> str:
    return "(None, " + ", ".join(map(str, array.shape[1:])) + ")"


augmentiertes_netz = CustomExercise(
    title="Das Netz mit eingebauter Augmentierung",
    check=_pruefe_modell,
    reference=lazy(_netz),
    hints=[
        "Die Zufallsschichten stehen *im* Modell, direkt nach `keras.Input(shape=(28, 28, 1))` und vor der "
        "ersten `Conv2D`. Dahinter folgt dasselbe Netz wie in `baue_convnet`.",
        "`keras.Sequential([keras.Input(shape=(28, 28, 1)), neue_augmentierung(), layers.Conv2D(32, 3, "
        "activation=\"relu\"), layers.MaxPooling2D(), …])` – und danach `compile` wie in `baue_convnet`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(augmentierung=None)), expect="keine Augmentierungsschicht"),
        Wrong(lazy(lambda: _netz(stelle="mitte")), expect="an den Anfang"),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(augmentierung=[_L().RandomFlip("horizontal_and_vertical")])),
              expect="auf den Kopf"),
        Wrong(lazy(lambda: _netz(augmentierung=[_L().RandomRotation(0.0)])), expect="verändert beim Training"),
        Wrong(lazy(lambda: _netz(dense=128)), expect="Parameter"),
        Wrong(lazy(lambda: _netz(ausgabe=None)), expect="softmax"),
        Wrong(lazy(lambda: _netz(verdeckt="tanh")), expect="Aktivierung 'tanh' statt 'relu'", instruction=True),
        Wrong(lazy(lambda: _netz(dropout=True)), expect="Dropout gehört nicht dazu", instruction=True),
        Wrong(lazy(lambda: _netz(optimizer="sgd")), expect="statt Adam", instruction=True),
        Wrong(lazy(lambda: _netz(loss="categorical_crossentropy")), expect="Verlustfunktion", instruction=True),
        Wrong(lazy(lambda: _netz(metrics=None)), expect="Metrik 'accuracy'"),
    ],
    alternatives=[
        Right(lazy(lambda: _netz(verschachtelt=True)), why="the augmentation as a nested Sequential (the solution)"),
        Right(lazy(_funktional), why="functional API, separate ReLU layers, loss and optimizer as objects"),
    ],
)


# -- thought question: flipping clothes ---------------------------------------------------

kleidung_spiegeln = ThoughtQuestion(title="Spiegeln bei Kleidung – waagerecht ja, senkrecht auch?")

"""Exercises of lesson 3.5 "Kleine Datensätze: Hunde und Katzen".

Nothing heavy at import: Keras is imported inside the checks and the ``lazy``
factories.

Instructions of the task texts that are enforced:

- ``convnet``: input (80, 80, 3), a ``Rescaling(1/255)`` before the first
  convolution, four Conv2D(3×3, ReLU) + MaxPooling2D blocks with 32, 64, 128, 128
  filters (checked by the exact parameter count 536 257 and by the layer list),
  Flatten, Dense(256, ReLU), Dense(1, sigmoid); compiled with RMSprop (learning
  rate 5e-4), binary cross-entropy and the accuracy metric.
- ``foto_augmentierung``: random layers only (no weights), a horizontal flip,
  at least one further random layer, no vertical flip, rotation factor at most
  0.125 (±45°), zoom at most 0.3, translation at most 0.2, the image size stays
  80×80; and by behaviour: changes the images while training, not while predicting.
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    clean,
    compile_problem,
    CustomExercise,
    factor_span,
    Falsch,
    flat_layers,
    is_random_layer,
    lazy,
    ModelExercise,
    pipeline_layers,
    Right,
    run_pipeline,
    Wrong,
)

# -- 1. the convnet from scratch -----------------------------------------------------------

FILTER = (32, 64, 128, 128)
#: 896 + 18 496 + 73 856 + 147 584 (convolutions) + 1 152·256 + 256 (Dense) + 257 (output)
PARAMETER = 536_257
LERNRATE = 5e-4


def _netz(filter=FILTER, dense=256, rescaling=True, ausgabe="sigmoid", einheiten=1, verdeckt="relu",
          optimizer="rmsprop", lernrate=LERNRATE, loss="binary_crossentropy", metrics=("accuracy",),
          kompilieren=True, funktional=False):
    import keras
    from keras import layers

    schichten = [layers.Rescaling(1 / 255)] if rescaling else []
    for f in filter:
        schichten += [layers.Conv2D(f, 3, activation=verdeckt), layers.MaxPooling2D()]
    schichten += [layers.Flatten(), layers.Dense(dense, activation=verdeckt),
                  layers.Dense(einheiten, activation=ausgabe)]
    if funktional:
        eingabe = keras.Input(shape=(80, 80, 3))
        x = eingabe
        for s in schichten:
            x = s(x)
        modell = keras.Model(eingabe, x)
    else:
        modell = keras.Sequential([keras.Input(shape=(80, 80, 3)), *schichten])
    if kompilieren:
        opt = keras.optimizers.RMSprop(lernrate) if optimizer == "rmsprop" else keras.optimizers.get(optimizer)
        modell.compile(optimizer=opt, loss=loss, metrics=list(metrics or []))
    return modell


def _funktional_mit_objekten():
    import keras

    modell = _netz(kompilieren=False, funktional=True)
    modell.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0005),
                   loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    return modell


class _ConvnetExercise(ModelExercise):
    """ModelExercise plus what the parameter count cannot see: Rescaling, filter order, optimizer."""

    def _judge(self, model):
        grund = super()._judge(model)
        if grund:
            return grund
        import keras

        schichten = flat_layers(model)
        arten = [type(s).__name__ for s in schichten]
        if "Conv2D" not in arten:
            return "Das Modell hat keine Conv2D-Schicht – die Aufgabe verlangt vier Faltungsblöcke"
        vorne = schichten[:arten.index("Conv2D")]
        skalen = [s for s in vorne if isinstance(s, keras.layers.Rescaling)]
        if not skalen:
            return ("Vor der ersten Conv2D fehlt layers.Rescaling(1 / 255): Die Pixel kommen als 0 bis 255 aus dem "
                    "Dataset, das Netz soll Werte von 0 bis 1 sehen")
        try:
            skala = float(np.asarray(skalen[0].get_config().get("scale")))
        except Exception:
            skala = float("nan")
        if not np.isclose(skala, 1 / 255, rtol=1e-3):
            return f"Rescaling mit scale={skala:g} statt 1 / 255 – die Pixel sollen danach zwischen 0 und 1 liegen"
        filter = tuple(s.get_config().get("filters") for s in schichten if type(s).__name__ == "Conv2D")
        if filter != FILTER:
            return f"Die Faltungen haben {filter} Filter statt {FILTER}"
        return compile_problem(model, optimizer="RMSprop", learning_rate=LERNRATE, loss="binary_crossentropy",
                               remedy=" – die Aufgabe verlangt compile(optimizer=keras.optimizers.RMSprop(5e-4), "
                                      "loss=\"binary_crossentropy\")")


convnet = _ConvnetExercise(
    title="Ein Convnet für Hunde und Katzen",
    input_shape=(80, 80, 3),
    output_shape=(1,),
    activation="sigmoid",
    params=PARAMETER,
    compiled=True,
    loss="binary_crossentropy",
    hidden_activation="relu",
    metrics=["accuracy"],
    reference=lazy(_netz),
    hints=[
        "Ein Block ist `layers.Conv2D(filter, 3, activation=\"relu\")` gefolgt von `layers.MaxPooling2D()`; "
        "davor steht `layers.Rescaling(1 / 255)`, danach `Flatten`, `Dense(256, activation=\"relu\")` und "
        "`Dense(1, activation=\"sigmoid\")`.",
        "`modell.compile(optimizer=keras.optimizers.RMSprop(5e-4), loss=\"binary_crossentropy\", "
        "metrics=[\"accuracy\"])` – ein Ausgang mit Sigmoid passt zur binären Kreuzentropie.",
    ],
    wrong=[
        Wrong(lazy(lambda: _netz(ausgabe="softmax", einheiten=2, loss="sparse_categorical_crossentropy")),
              expect="Ausgabeform"),
        Wrong(lazy(lambda: _netz(ausgabe=None)), expect="sigmoid"),
        Wrong(lazy(lambda: _netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _netz(filter=(32, 64, 128))), expect="Parameter"),
        Wrong(lazy(lambda: _netz(rescaling=False)), expect="Rescaling", instruction=True),
        Wrong(lazy(lambda: _netz(filter=(32, 128, 64, 128))), expect="Parameter"),
        Wrong(lazy(lambda: _netz(verdeckt="tanh")), expect="relu", instruction=True),
        Wrong(lazy(lambda: _netz(loss="mse")), expect="binary_crossentropy", instruction=True),
        Wrong(lazy(lambda: _netz(optimizer="adam")), expect="RMSprop", instruction=True),
        Wrong(lazy(lambda: _netz(lernrate=1e-3)), expect="Lernrate", instruction=True),
        Wrong(lazy(lambda: _netz(metrics=())), expect="accuracy"),
    ],
    alternatives=[
        Right(lazy(_funktional_mit_objekten), why="functional API; optimizer and loss as objects"),
    ],
)


# -- 2. an augmentation for photos of cats and dogs ----------------------------------------

MAX_DREHUNG = 0.125  # ±45°: the task text says so
MAX_ZOOM = 0.3
MAX_VERSCHIEBUNG = 0.2


def _fotos() -> np.ndarray:
    """Four asymmetric 80×80 colour 'photos' (0..255) on which every transformation shows."""
    rng = np.random.default_rng(0)
    bilder = np.zeros((4, 80, 80, 3), dtype="float32")
    for i in range(4):
        bilder[i, 10:50, 15:30 + 5 * i] = rng.uniform(100, 255, 3)
        bilder[i, 55:70, 40:75] = rng.uniform(50, 200, 3)
    return bilder


def _pruefe_augmentierung(antwort) -> str | None:
    schichten = pipeline_layers(antwort)
    if not schichten:
        return "Die Augmentierung enthält keine Schicht – nimm z. B. layers.RandomFlip(\"horizontal\")"
    waagerecht = False
    for schicht in schichten:
        name = type(schicht).__name__
        konfig = schicht.get_config()
        if schicht.weights or "kernel_initializer" in konfig:
            return (f"{name} hat Gewichte – eine Augmentierung besteht nur aus Zufallsschichten ohne Gewichte; "
                    "das Netz kommt später")
        if name == "RandomFlip":
            modus = konfig.get("mode")
            if modus in ("vertical", "horizontal_and_vertical"):
                return (f"RandomFlip(\"{modus}\") stellt die Tiere auf den Kopf – so sieht kein Testfoto aus. "
                        "Spiegle nur waagerecht: RandomFlip(\"horizontal\")")
            waagerecht = waagerecht or modus == "horizontal"
        if name == "RandomRotation" and factor_span(konfig.get("factor")) > MAX_DREHUNG:
            d = factor_span(konfig.get("factor"))
            return (f"RandomRotation({d:g}) dreht um bis zu ±{d * 360:.0f}° – die Aufgabe erlaubt höchstens ±45° "
                    f"(Faktor {MAX_DREHUNG:g}); so schief fotografiert kaum jemand ein Tier")
        if name == "RandomZoom":
            z = max(factor_span(konfig.get("height_factor")), factor_span(konfig.get("width_factor")))
            if z > MAX_ZOOM:
                return f"RandomZoom({z:g}) ist zu stark – die Aufgabe erlaubt höchstens {MAX_ZOOM:g}"
        if name == "RandomTranslation":
            v = max(factor_span(konfig.get("height_factor")), factor_span(konfig.get("width_factor")))
            if v > MAX_VERSCHIEBUNG:
                return (f"RandomTranslation mit Faktor {v:g} schiebt das Tier halb aus dem Bild – die Aufgabe "
                        f"erlaubt höchstens {MAX_VERSCHIEBUNG:g}")
        if name in {"RandomCrop", "Resizing", "CenterCrop"}:
            return f"{name} ändert die Bildgröße – das Netz erwartet weiter 80 × 80 Pixel"
    if not waagerecht:
        return "Es fehlt die waagerechte Spiegelung: layers.RandomFlip(\"horizontal\") gehört laut Aufgabe dazu"
    weitere = [s for s in schichten if is_random_layer(s) and type(s).__name__ != "RandomFlip"]
    if not weitere:
        return ("Neben der Spiegelung fehlt mindestens eine weitere Zufallsschicht (z. B. RandomRotation(0.1) "
                "oder RandomZoom(0.2))")
    bilder = _fotos()
    try:
        aktiv, ruhig = run_pipeline(schichten, bilder)
    except Exception as err:
        raise Falsch(f"Die Augmentierung lässt sich nicht auf Fotos der Form (4, 80, 80, 3) anwenden: "
                     f"{clean(err, 160)}")
    if aktiv.shape != bilder.shape:
        return f"Die Augmentierung macht aus Fotos der Form {bilder.shape} die Form {aktiv.shape} – die Größe bleibt"
    if not np.allclose(ruhig, bilder, atol=1e-3):
        return "Die Augmentierung verändert die Fotos auch beim Vorhersagen (training=False) – nimm Zufallsschichten"
    if np.allclose(aktiv, bilder, atol=1e-2):
        return "Die Augmentierung verändert beim Training nichts – sind alle Faktoren 0?"
    return None


def _pipeline(*namen_und_args):
    import keras
    from keras import layers

    return keras.Sequential([getattr(layers, n)(*a) for n, *a in namen_und_args])


def _liste_mit_kontrast():
    from keras import layers

    return [layers.RandomFlip("horizontal"), layers.RandomContrast(0.2), layers.RandomTranslation(0.1, 0.1)]


def _referenz():
    return _pipeline(("RandomFlip", "horizontal"), ("RandomRotation", 0.1), ("RandomZoom", 0.2))


foto_augmentierung = CustomExercise(
    title="Augmentierung für Tierfotos",
    check=_pruefe_augmentierung,
    reference=lazy(_referenz),
    hints=[
        "Frag dich bei jeder Schicht: Könnte das veränderte Foto so auch aufgenommen worden sein? Ein Hund, der "
        "nach links statt nach rechts schaut: ja. Ein Hund auf dem Kopf: nein.",
        "`keras.Sequential([layers.RandomFlip(\"horizontal\"), layers.RandomRotation(0.1), "
        "layers.RandomZoom(0.2)])` – 0.1 heißt ±36°.",
    ],
    wrong=[
        Wrong(lazy(lambda: _pipeline(("RandomFlip", "horizontal_and_vertical"), ("RandomZoom", 0.2))),
              expect="auf den Kopf"),
        Wrong(lazy(lambda: _pipeline(("RandomFlip", "horizontal"), ("RandomRotation", 0.5))), expect="±45°",
              instruction=True),
        Wrong(lazy(lambda: _pipeline(("RandomRotation", 0.1), ("RandomZoom", 0.2))),
              expect="waagerechte Spiegelung", instruction=True),
        Wrong(lazy(lambda: _pipeline(("RandomFlip", "horizontal"))), expect="weitere Zufallsschicht",
              instruction=True),
        Wrong(lazy(lambda: _pipeline(("RandomFlip", "horizontal"), ("RandomCrop", 60, 60))), expect="Bildgröße"),
        Wrong(lazy(lambda: _pipeline(("RandomFlip", "horizontal"), ("RandomZoom", 0.6))), expect="zu stark"),
    ],
    alternatives=[
        Right(lazy(_liste_mit_kontrast),
              why="a plain list; contrast and translation instead of rotation and zoom"),
    ],
)

"""Exercises of lesson 4.10 "Autoencoder".

Nothing heavy at import: Keras is imported inside the checks and the ``lazy`` factories.

Instructions of the task texts that are enforced:

- ``verrauschen(bilder, staerke)``: a noise value of its own per pixel (pixels of one image differ,
  two images differ), drawn from a normal distribution (kurtosis near 3) with mean 0 and standard
  deviation ``staerke`` (measured on grey images at 0.5, where clipping is negligible, for two
  strengths), the result clipped to [0, 1] (measured on digit-like images with strong noise), same
  shape, a new array (the input is unchanged).
- ``baue_faltungs_autoencoder()``: a Keras model, input (28, 28, 1) and output (28, 28, 1), Conv2D
  layers in the encoder, ReLU on every hidden convolution, a bottleneck of at most 392 numbers (the
  smallest layer output), sigmoid at the end (by behaviour on large inputs), compiled with Adam and
  binary cross-entropy.

The statistical thresholds hold with wide margins: on 8 × 784 = 6 272 grey pixels the standard
error of the measured standard deviation is about 0.9 % (tolerance 15 %), of the kurtosis about
0.06 (tolerance [2.6, 3.5]; uniform noise has 1.8, Laplace noise 6).
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    call_answer,
    clean,
    compile_problem,
    CustomExercise,
    Falsch,
    flat_layers,
    lazy,
    layer_activation,
    model_copy,
    Right,
    short,
    to_numpy,
    Wrong,
)

# -- 1. noise that stays in the picture ----------------------------------------------------

#: allowed relative deviation of the measured noise standard deviation from ``staerke``
STD_TOLERANZ = 0.15
#: allowed range of the noise's kurtosis (normal: 3)
KURTOSIS = (2.6, 3.5)
#: allowed |mean| of the noise in units of ``staerke`` (standard error about 0.013)
MITTEL_TOLERANZ = 0.1


def _ziffern() -> np.ndarray:
    """Eight digit-like 28×28 images in [0, 1] (flat 784): black background, white strokes."""
    bilder = np.zeros((8, 28, 28), dtype="float32")
    for i in range(8):
        bilder[i, 6 + i % 3:22, 10 + i % 4:14 + i % 4] = 1.0
        bilder[i, 6:9, 8:20 - i % 3] = 0.7
    return bilder.reshape(8, 784)


def _ergebnis(fn, bilder: np.ndarray, staerke: float) -> np.ndarray:
    eingabe = bilder.copy()
    ergebnis = call_answer(fn, eingabe, staerke, timeout=5.0)
    if not np.array_equal(eingabe, bilder):
        raise Falsch("Die Funktion verändert ihre Eingabe `bilder` – gib ein neues Array zurück "
                     "(z. B. `np.clip(bilder + rauschen, 0.0, 1.0)`), statt `bilder` mit `+=` zu ändern")
    if ergebnis is None:
        raise Falsch("Die Funktion gibt nichts zurück – fehlt `return`?")
    try:
        werte = to_numpy(ergebnis)
        werte = np.asarray(werte, dtype="float64")
    except Exception:
        raise Falsch(f"Die Funktion gibt {short(ergebnis)} zurück statt eines Arrays mit Bildern") from None
    if werte.shape != bilder.shape:
        raise Falsch(f"Die Funktion macht aus Bildern der Form {bilder.shape} die Form {werte.shape} – "
                     "die Form muss bleiben (erzeuge das Rauschen mit size=bilder.shape)")
    if not np.all(np.isfinite(werte)):
        raise Falsch("Das Ergebnis enthält NaN oder unendliche Werte")
    return werte


def _kurtosis(r: np.ndarray) -> float:
    r = r - r.mean()
    var = float(np.mean(r ** 2))
    return float(np.mean(r ** 4) / var ** 2) if var > 0 else float("nan")


def _pruefe_rauschen(fn) -> str | None:
    if not callable(fn):
        raise Falsch(f"Erwartet wird die Funktion verrauschen(bilder, staerke), erhalten: {short(fn)}")
    # 1. real digits, strong noise: every pixel stays in [0, 1]
    ziffern = _ziffern()
    stark = _ergebnis(fn, ziffern, 0.5)
    if stark.min() < -1e-6 or stark.max() > 1 + 1e-6:
        return (f"Werte von {stark.min():.2f} bis {stark.max():.2f} – das Ergebnis muss in [0, 1] liegen: "
                "schneide es mit np.clip(…, 0.0, 1.0) zu")
    if np.allclose(stark, ziffern, atol=1e-6):
        return "Das Ergebnis ist gleich der Eingabe – es wird kein Rauschen addiert"
    # 2. grey images at 0.5, where clipping is negligible: the noise itself
    grau = np.full((8, 784), 0.5, dtype="float32")
    for staerke in (0.1, 0.05):
        r = _ergebnis(fn, grau, staerke) - 0.5
        je_bild = r.std(axis=1)
        if np.all(je_bild < 1e-6) and np.abs(r).max() > 1e-6:
            return ("Alle Pixel eines Bildes bekommen dieselbe Zufallszahl – jedes Pixel braucht eine eigene: "
                    "rng.normal(0.0, staerke, size=bilder.shape)")
        if np.allclose(r[0], r[1:], atol=1e-7) and np.abs(r).max() > 1e-6:
            return ("Alle Bilder bekommen dasselbe Rauschen – ziehe für jedes Pixel jedes Bildes eine eigene "
                    "Zufallszahl: size=bilder.shape")
        mittel = float(r.mean())
        if abs(mittel) > MITTEL_TOLERANZ * staerke:
            return (f"Dein Rauschen hat den Mittelwert {mittel:+.3g} statt 0 – es verschiebt die Helligkeit; "
                    "der Mittelwert der Normalverteilung ist 0.0")
        std = float(r.std())
        if abs(std / staerke - 1) > STD_TOLERANZ:
            return (f"Mit staerke={staerke:g} hat dein Rauschen die Standardabweichung {std:.3g} statt {staerke:g} – "
                    "nimm rng.normal(0.0, staerke, …) und verwende den Parameter staerke")
        kurt = _kurtosis(r)
        if not KURTOSIS[0] <= kurt <= KURTOSIS[1]:
            return (f"Dein Rauschen ist nicht normalverteilt (Wölbung {kurt:.2f}, bei einer Normalverteilung 3) – "
                    "nimm rng.normal statt einer anderen Verteilung")
    return None


def _richtig(bilder, staerke):
    rng = np.random.default_rng(0)
    return np.clip(bilder + rng.normal(0.0, staerke, size=bilder.shape), 0.0, 1.0).astype("float32")


def _mit_np_random(bilder, staerke):
    verrauscht = bilder + staerke * np.random.randn(*bilder.shape)
    return np.minimum(np.maximum(verrauscht, 0.0), 1.0)


def _mit_keras(bilder, staerke):
    import keras

    rauschen = keras.random.normal(bilder.shape, stddev=staerke, seed=1)
    return keras.ops.clip(keras.ops.convert_to_tensor(bilder) + rauschen, 0.0, 1.0)


def _ohne_clip(bilder, staerke):
    return bilder + np.random.default_rng(0).normal(0.0, staerke, size=bilder.shape)


def _clip_255(bilder, staerke):
    return np.clip(bilder + np.random.default_rng(0).normal(0.0, staerke, size=bilder.shape), 0, 255)


def _gleichverteilt(bilder, staerke):
    return np.clip(bilder + np.random.default_rng(0).uniform(-staerke, staerke, size=bilder.shape), 0.0, 1.0)


def _gleichverteilt_gleiche_streuung(bilder, staerke):
    breite = staerke * np.sqrt(3.0)  # the right standard deviation, but not a normal distribution
    return np.clip(bilder + np.random.default_rng(0).uniform(-breite, breite, size=bilder.shape), 0.0, 1.0)


def _eine_zahl(bilder, staerke):
    return np.clip(bilder + np.random.default_rng(0).normal(0.0, staerke), 0.0, 1.0)


def _fest_04(bilder, staerke):
    return np.clip(bilder + np.random.default_rng(0).normal(0.0, 0.4, size=bilder.shape), 0.0, 1.0)


def _an_ort_und_stelle(bilder, staerke):
    bilder += np.random.default_rng(0).normal(0.0, staerke, size=bilder.shape).astype(bilder.dtype)
    np.clip(bilder, 0.0, 1.0, out=bilder)
    return bilder


def _nur_positiv(bilder, staerke):
    return np.clip(bilder + np.abs(np.random.default_rng(0).normal(0.0, staerke, size=bilder.shape)), 0.0, 1.0)


def _ein_bildrauschen(bilder, staerke):
    rauschen = np.random.default_rng(0).normal(0.0, staerke, size=bilder.shape[1:])
    return np.clip(bilder + rauschen, 0.0, 1.0)


verrauschen = CustomExercise(
    title="Rauschen, das im Bild bleibt",
    check=_pruefe_rauschen,
    reference=_richtig,
    hints=[
        "Erzeuge mit `rng.normal(0.0, staerke, size=bilder.shape)` ein Array mit einer Zufallszahl je Pixel, "
        "addiere es zu `bilder` und schneide das Ergebnis auf [0, 1] zu.",
        "`return np.clip(bilder + rng.normal(0.0, staerke, size=bilder.shape), 0.0, 1.0)` – `np.clip` gibt ein "
        "neues Array zurück, `bilder` bleibt unverändert.",
    ],
    wrong=[
        Wrong(_ohne_clip, expect="[0, 1]", instruction=True),
        Wrong(_clip_255, expect="[0, 1]"),
        Wrong(_gleichverteilt, expect="Standardabweichung"),
        Wrong(_gleichverteilt_gleiche_streuung, expect="nicht normalverteilt", instruction=True),
        Wrong(_eine_zahl, expect="dieselbe Zufallszahl", instruction=True),
        Wrong(_ein_bildrauschen, expect="dasselbe Rauschen"),
        Wrong(_fest_04, expect="Parameter staerke"),
        Wrong(_an_ort_und_stelle, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_nur_positiv, expect="Mittelwert"),
        Wrong(lambda bilder, staerke: None, expect="fehlt `return`"),
    ],
    alternatives=[
        Right(_mit_np_random, why="np.random.randn scaled, clipping with minimum/maximum, float64 result"),
        Right(_mit_keras, why="keras.random.normal and keras.ops.clip: a tensor comes back"),
    ],
)


# -- 2. the convolutional autoencoder -------------------------------------------------------

#: the bottleneck may hold at most half as many numbers as the image has pixels
MAX_ENGPASS = 392
_FALTUNGEN = {"Conv2D", "Conv2DTranspose", "SeparableConv2D", "DepthwiseConv2D"}


def _groessen(modell) -> list[tuple[str, int]]:
    """(layer name, numbers per example) of every layer output that Keras knows symbolically."""
    groessen = []
    for schicht in flat_layers(modell):
        if type(schicht).__name__ == "InputLayer":
            continue
        try:
            form = tuple(schicht.output.shape)[1:]
        except Exception:
            continue
        if form and all(isinstance(d, int) for d in form):
            groessen.append((schicht.name, int(np.prod(form))))
    return groessen


def _verdeckte_aktivierungen(schichten) -> list[tuple[str, str | None]]:
    """Activation of every convolution but the last, a ReLU/Activation layer right after it counted."""
    faltungen = [i for i, s in enumerate(schichten) if type(s).__name__ in _FALTUNGEN]
    ergebnis = []
    for i in faltungen[:-1]:
        aktivierung = layer_activation(schichten[i])
        if aktivierung in (None, "linear") and i + 1 < len(schichten):
            folgende = schichten[i + 1]
            if type(folgende).__name__ in ("ReLU", "Activation", "LeakyReLU"):
                aktivierung = "relu" if type(folgende).__name__ == "ReLU" else layer_activation(folgende)
        ergebnis.append((schichten[i].name, aktivierung))
    return ergebnis


def _pruefe_autoencoder(modell) -> str | None:
    import keras

    if isinstance(modell, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib das Modell selbst")
    if callable(modell) and not isinstance(modell, keras.layers.Layer):
        raise Falsch("Das ist eine Funktion – übergib das Modell, das sie baut: baue_faltungs_autoencoder()")
    if not isinstance(modell, keras.Model):
        raise Falsch(f"Erwartet wird ein Keras-Modell, erhalten: {short(modell)}")
    x = np.random.default_rng(0).uniform(0, 1, size=(4, 28, 28, 1)).astype("float32")
    try:
        kopie = model_copy(modell, x)
        y = to_numpy(kopie(x, training=False))
    except Exception as err:
        raise Falsch(f"Das Modell lässt sich nicht mit Bildern der Form (None, 28, 28, 1) aufrufen: {clean(err, 160)}")
    if y.shape != x.shape:
        return (f"Ausgabeform (None, {', '.join(map(str, y.shape[1:]))}) statt (None, 28, 28, 1) – der Decoder muss "
                "das Bild in voller Größe mit einem Kanal zurückgeben (z. B. zum Schluss Conv2D(1, 3, padding=\"same\"))")
    schichten = flat_layers(kopie)
    if not any(type(s).__name__ in _FALTUNGEN for s in schichten):
        return "Das Modell enthält keine Faltungsschicht (Conv2D) – die Aufgabe verlangt einen Faltungs-Autoencoder"
    gross = np.random.default_rng(1).normal(0, 50, size=(4, 28, 28, 1)).astype("float32")
    y_gross = to_numpy(kopie(gross, training=False))
    if y_gross.min() < -1e-6 or y_gross.max() > 1 + 1e-6:
        return (f"Die Ausgaben reichen von {y_gross.min():.3g} bis {y_gross.max():.3g} – die letzte Schicht braucht "
                "activation=\"sigmoid\", damit jedes Pixel in [0, 1] liegt")
    if np.allclose(y_gross, 1.0) and np.allclose(y, 1.0):
        return "Jedes Pixel ist 1 – Softmax über einen einzigen Kanal ergibt immer 1; nimm activation=\"sigmoid\""
    for name, aktivierung in _verdeckte_aktivierungen(schichten):
        if aktivierung != "relu":
            return f"Die Faltung {name} hat die Aktivierung {aktivierung!r} statt 'relu'"
    groessen = [g for g in _groessen(kopie)][:-1]
    if not groessen:
        raise Falsch("Die Größen der Zwischenschichten lassen sich nicht bestimmen – baue das Modell mit "
                     "keras.Input(shape=(28, 28, 1)) am Anfang")
    name, engpass = min(groessen, key=lambda g: g[1])
    if engpass > MAX_ENGPASS:
        return (f"Kein Engpass: Die kleinste Zwischenausgabe ({name}) hat {engpass} Zahlen, höchstens {MAX_ENGPASS} "
                "sind verlangt – verkleinere mit MaxPooling2D (oder strides=2) bis z. B. 7 × 7 × 8")
    if getattr(modell, "optimizer", None) is None:
        return ("Das Modell ist nicht kompiliert – rufe modell.compile(optimizer=\"adam\", "
                "loss=\"binary_crossentropy\") auf")
    return compile_problem(modell, optimizer="Adam", loss="binary_crossentropy",
                           remedy=" – die Aufgabe verlangt compile(optimizer=\"adam\", "
                                  "loss=\"binary_crossentropy\"), die binäre Kreuzentropie je Pixel")
    return None


def _ae(encoder="standard", decoder="standard", ausgabe="sigmoid", kompilieren=True, optimizer="adam",
        loss="binary_crossentropy", verdeckt="relu", letzte=True):
    import keras
    from keras import layers

    if encoder == "standard":
        encoder = [layers.Conv2D(16, 3, activation=verdeckt, padding="same"), layers.MaxPooling2D(),
                   layers.Conv2D(8, 3, activation=verdeckt, padding="same"), layers.MaxPooling2D()]
    elif encoder == "ohne_engpass":
        encoder = [layers.Conv2D(16, 3, activation=verdeckt, padding="same"),
                   layers.Conv2D(8, 3, activation=verdeckt, padding="same")]
    if decoder == "standard":
        decoder = [layers.Conv2DTranspose(8, 3, strides=2, activation=verdeckt, padding="same"),
                   layers.Conv2DTranspose(16, 3, strides=2, activation=verdeckt, padding="same")]
    elif decoder == "ohne_engpass":
        decoder = [layers.Conv2D(16, 3, activation=verdeckt, padding="same")]
    schluss = [layers.Conv2D(1, 3, activation=ausgabe, padding="same")] if letzte else []
    modell = keras.Sequential([keras.Input(shape=(28, 28, 1)), *encoder, *decoder, *schluss])
    if kompilieren:
        modell.compile(optimizer=optimizer, loss=loss)
    return modell


def _dicht():
    import keras
    from keras import layers

    modell = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Flatten(),
                               layers.Dense(128, activation="relu"), layers.Dense(32, activation="relu"),
                               layers.Dense(128, activation="relu"), layers.Dense(784, activation="sigmoid"),
                               layers.Reshape((28, 28, 1))])
    modell.compile(optimizer="adam", loss="binary_crossentropy")
    return modell


def _hochskalieren():
    """Correct: strides instead of pooling, UpSampling2D + Conv2D, separate ReLU layers, functional API."""
    import keras
    from keras import layers

    eingabe = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(16, 3, strides=2, padding="same")(eingabe)
    x = layers.ReLU()(x)
    x = layers.Conv2D(4, 3, strides=2, padding="same", activation="relu")(x)  # 7 × 7 × 4 = 196
    x = layers.UpSampling2D()(x)
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    x = layers.UpSampling2D()(x)
    ausgabe = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(x)
    modell = keras.Model(eingabe, ausgabe)
    modell.compile(optimizer=keras.optimizers.Adam(1e-3), loss=keras.losses.BinaryCrossentropy())
    return modell


def _verschachtelt():
    """Correct: encoder and decoder as nested Sequential models (as the dense autoencoder of the lesson)."""
    import keras
    from keras import layers

    encoder = keras.Sequential([keras.Input(shape=(28, 28, 1)),
                                layers.Conv2D(16, 3, activation="relu", padding="same"), layers.MaxPooling2D(),
                                layers.Conv2D(8, 3, activation="relu", padding="same"), layers.MaxPooling2D()],
                               name="encoder")
    decoder = keras.Sequential([keras.Input(shape=(7, 7, 8)),
                                layers.Conv2DTranspose(8, 3, strides=2, activation="relu", padding="same"),
                                layers.Conv2DTranspose(16, 3, strides=2, activation="relu", padding="same"),
                                layers.Conv2D(1, 3, activation="sigmoid", padding="same")], name="decoder")
    modell = keras.Sequential([encoder, decoder])
    modell.compile(optimizer="adam", loss="binary_crossentropy")
    return modell


faltungs_autoencoder = CustomExercise(
    title="Der Faltungs-Autoencoder",
    check=_pruefe_autoencoder,
    reference=lazy(_ae),
    hints=[
        "Encoder: zweimal `Conv2D(…, 3, activation=\"relu\", padding=\"same\")` und `MaxPooling2D()` macht aus "
        "28 × 28 erst 14 × 14, dann 7 × 7. Mit 8 Filtern in der zweiten Faltung sind das 7 · 7 · 8 = 392 Zahlen.",
        "Decoder: zweimal `Conv2DTranspose(…, 3, strides=2, activation=\"relu\", padding=\"same\")` verdoppelt "
        "zurück auf 28 × 28, zum Schluss `Conv2D(1, 3, activation=\"sigmoid\", padding=\"same\")`; dann "
        "`modell.compile(optimizer=\"adam\", loss=\"binary_crossentropy\")`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _ae(encoder="ohne_engpass", decoder="ohne_engpass")), expect="Kein Engpass"),
        Wrong(lazy(lambda: _ae(ausgabe="relu")), expect="sigmoid"),
        Wrong(lazy(lambda: _ae(ausgabe=None)), expect="sigmoid"),
        Wrong(lazy(lambda: _ae(ausgabe="softmax")), expect="Softmax über einen einzigen Kanal"),
        Wrong(lazy(lambda: _ae(letzte=False)), expect="Ausgabeform"),
        Wrong(lazy(lambda: _ae(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _ae(loss="mse")), expect="binary_crossentropy", instruction=True),
        Wrong(lazy(lambda: _ae(optimizer="sgd")), expect="statt Adam", instruction=True),
        Wrong(lazy(lambda: _ae(verdeckt="tanh")), expect="statt 'relu'", instruction=True),
        Wrong(lazy(_dicht), expect="keine Faltungsschicht", instruction=True),
        Wrong(lambda: None, expect="Funktion"),
    ],
    alternatives=[
        Right(lazy(_hochskalieren), why="strides, UpSampling2D, ReLU layers, functional API, loss object"),
        Right(lazy(_verschachtelt), why="encoder and decoder as nested Sequential models"),
    ],
)

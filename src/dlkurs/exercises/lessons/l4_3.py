"""Exercises of lesson 4.3 "Wortvektoren und Embeddings".

Nothing heavy at import: Keras is imported inside the checks and the ``lazy``
factories.

Instructions of the task texts that are enforced:

* ``vektorisierer``: a ``TextVectorization`` with ``max_tokens=20000``,
  ``output_mode="int"``, ``output_sequence_length=300``; the standardisation
  lowers and strips punctuation (by behaviour: "Great MOVIE!!!" and
  "great movie" give the same numbers); adapted (a vocabulary of at least
  1 000 entries that holds "the"). Which texts it was adapted on cannot be
  told from the layer; the lesson prints the vocabulary.
* ``embedding_modell``: input 300 word numbers, output one sigmoid unit,
  exactly the parameters of Embedding(20000, 32) + Dense(1) (pooling and
  Dropout have none: a Flatten, another dimension or an extra Dense layer
  changes the count), compiled with binary cross-entropy and the accuracy
  metric. Any pooling over the words is accepted (the task says "z. B.
  GlobalAveragePooling1D").
* ``naechste_nachbarn``: cosine similarity (a case with rows of very
  different length, where dot product and Euclidean distance rank
  differently), most similar first, the row itself left out, an array, the
  input unchanged (the harness passes copies and reports changes).
"""

from __future__ import annotations

import numpy as np

from dlkurs.exercises import (
    Case,
    CustomExercise,
    Falsch,
    FunctionExercise,
    from_solution,
    lazy,
    ModelExercise,
    Right,
    short,
    to_numpy,
    Wrong,
)

MAX_TOKENS = 20_000
LAENGE = 300
DIMENSION = 32
#: Embedding(20000, 32) + Dense(1): 640 000 + 33
PARAMETER = MAX_TOKENS * DIMENSION + DIMENSION + 1
#: a vocabulary smaller than this was not adapted on the reviews (2 000 reviews already give > 20 000 words)
MIN_WORTSCHATZ = 1000


# -- 1. the vectorizer ---------------------------------------------------------------------


def _korpus() -> list[str]:
    """A small made-up corpus with "the" and "movie" and 1 500 further words (for the declared answers)."""
    rng = np.random.default_rng(0)
    return [" ".join(["the", "movie", "was", "great"] + [f"w{j}" for j in rng.integers(0, 1500, 40)])
            for _ in range(200)] + [" ".join(f"w{j}" for j in range(1500))]


def _vektorisierer(adapt=True, **optionen):
    from keras import layers

    konfig = dict(max_tokens=MAX_TOKENS, output_mode="int", output_sequence_length=LAENGE)
    konfig.update(optionen)
    schicht = layers.TextVectorization(**konfig)
    if adapt:
        schicht.adapt(_korpus())
    return schicht


def _pruefe_vektorisierer(antwort) -> str | None:
    import keras

    if not isinstance(antwort, keras.layers.TextVectorization):
        if isinstance(antwort, (list, tuple, np.ndarray)) or hasattr(antwort, "shape"):
            raise Falsch("Das sind schon vektorisierte Daten – übergib die Schicht selbst (vektorisierer)")
        raise Falsch(f"Erwartet wird eine layers.TextVectorization, erhalten: {short(antwort)}")
    konfig = antwort.get_config()
    if konfig.get("output_mode") != "int":
        return (f"output_mode={konfig.get('output_mode')!r} – für ein Embedding braucht es Wortnummern: "
                "output_mode=\"int\"")
    if konfig.get("max_tokens") != MAX_TOKENS:
        return f"max_tokens={konfig.get('max_tokens')!r} statt {MAX_TOKENS} – der Wortschatz soll 20 000 Wörter haben"
    if konfig.get("output_sequence_length") != LAENGE:
        return (f"output_sequence_length={konfig.get('output_sequence_length')!r} statt {LAENGE} – ohne feste "
                "Länge sind die Folgen verschieden lang und passen nicht in ein Array")
    if konfig.get("split", "whitespace") != "whitespace":
        return f"split={konfig.get('split')!r} – zerlege an Leerzeichen in Wörter (die Voreinstellung)"
    try:
        groesse = int(antwort.vocabulary_size())
        wortschatz = antwort.get_vocabulary()
    except Exception:
        groesse, wortschatz = 0, []
    if groesse < MIN_WORTSCHATZ:
        return (f"Der Wortschatz hat erst {groesse} Einträge – hast du vektorisierer.adapt(train_texte) "
                "aufgerufen?")
    if "the" not in wortschatz:
        return "Im Wortschatz fehlt „the“ – adaptiere auf den (englischen) Trainingstexten, kleingeschrieben"
    try:
        zahlen = to_numpy(antwort(["Great MOVIE!!! The end.", "great movie the end"]))
    except Exception as err:
        raise Falsch(f"Der Vektorisierer lässt sich nicht auf zwei Texte anwenden: {short(err)}")
    if zahlen.shape != (2, LAENGE):
        return f"Zwei Texte ergeben die Form {zahlen.shape} statt (2, {LAENGE})"
    if not np.array_equal(zahlen[0], zahlen[1]):
        return ("„Great MOVIE!!! The end.“ und „great movie the end“ ergeben verschiedene Nummern – die "
                "Standardisierung soll kleinschreiben und Satzzeichen entfernen "
                "(standardize=\"lower_and_strip_punctuation\", die Voreinstellung)")
    return None


vektorisierer = CustomExercise(
    title="Den Vektorisierer einstellen",
    check=_pruefe_vektorisierer,
    reference=lazy(_vektorisierer),
    hints=[
        "Alle Einstellungen sind Argumente von `layers.TextVectorization(...)`: `max_tokens`, `output_mode`, "
        "`output_sequence_length`, `standardize`. Danach lernt `adapt(...)` den Wortschatz.",
        "`vektorisierer = layers.TextVectorization(max_tokens=20_000, output_mode=\"int\", "
        "output_sequence_length=300)` und dann `vektorisierer.adapt(train_texte)`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _vektorisierer(adapt=False)), expect="adapt"),
        Wrong(lazy(lambda: _vektorisierer(max_tokens=10_000)), expect="max_tokens", instruction=True),
        Wrong(lazy(lambda: _vektorisierer(output_sequence_length=None)), expect="output_sequence_length",
              instruction=True),
        Wrong(lazy(lambda: _vektorisierer(output_mode="multi_hot", output_sequence_length=None)),
              expect="output_mode", instruction=True),
        Wrong(lazy(lambda: _vektorisierer(standardize="lower")), expect="Satzzeichen", instruction=True),
        Wrong(lazy(lambda: _vektorisierer(standardize=None)), expect="Standardisierung"),
        Wrong(lazy(lambda: np.zeros((4, LAENGE), dtype="int64")), expect="Schicht selbst"),
    ],
    alternatives=[
        Right(lazy(lambda: _vektorisierer(standardize="lower_and_strip_punctuation", split="whitespace")),
              why="the defaults written out"),
        Right(lazy(lambda: _vektorisierer(output_mode="int", pad_to_max_tokens=False, ngrams=None)),
              why="further default arguments"),
    ],
)


# -- 2. the embedding model -----------------------------------------------------------------


def _stichprobe():
    return np.random.default_rng(0).integers(0, 10_000, size=(4, LAENGE)).astype("int64")


def _modell(dim=DIMENSION, pooling="average", ausgabe="sigmoid", loss="binary_crossentropy",
            metrics=("accuracy",), kompilieren=True, dropout=False, zwischen=False, einheiten=1, mask_zero=False):
    import keras
    from keras import layers

    schichten = [keras.Input(shape=(LAENGE,), dtype="int64"),
                 layers.Embedding(MAX_TOKENS, dim, mask_zero=mask_zero)]
    schichten.append({"average": layers.GlobalAveragePooling1D, "max": layers.GlobalMaxPooling1D,
                      "flatten": layers.Flatten}[pooling]())
    if dropout:
        schichten.append(layers.Dropout(0.3))
    if zwischen:
        schichten.append(layers.Dense(16, activation="relu"))
    schichten.append(layers.Dense(einheiten, activation=ausgabe))
    modell = keras.Sequential(schichten)
    if kompilieren:
        modell.compile(optimizer="adam", loss=loss, metrics=list(metrics) if metrics else None)
    return modell


def _funktional():
    import keras
    from keras import layers

    eingabe = keras.Input(shape=(LAENGE,), dtype="int32")
    x = layers.Embedding(input_dim=MAX_TOKENS, output_dim=DIMENSION)(eingabe)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dense(1)(x)
    x = layers.Activation("sigmoid")(x)
    modell = keras.Model(eingabe, x)
    modell.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(),
                   metrics=["accuracy"])
    return modell


embedding_modell = ModelExercise(
    title="Das Embedding-Modell",
    input_shape=(LAENGE,),
    sample=_stichprobe,
    output_shape=(1,),
    params=PARAMETER,
    activation="sigmoid",
    compiled=True,
    loss="binary_crossentropy",
    metrics=["accuracy"],
    reference=lazy(_modell),
    hints=[
        "Vier Bausteine in einem `keras.Sequential`: `keras.Input(shape=(300,), dtype=\"int64\")`, "
        "`layers.Embedding(input_dim=max_tokens, output_dim=32)`, `layers.GlobalAveragePooling1D()`, "
        "`layers.Dense(1, activation=\"sigmoid\")`.",
        "Danach `modell.compile(optimizer=\"adam\", loss=\"binary_crossentropy\", metrics=[\"accuracy\"])` und "
        "`return modell`. Die Parameterzahl muss 20 000 · 32 + 33 = 640 033 sein.",
    ],
    wrong=[
        Wrong(lazy(lambda: _modell(pooling="flatten")), expect="Parameter"),
        Wrong(lazy(lambda: _modell(dim=64)), expect="Parameter", instruction=True),
        Wrong(lazy(lambda: _modell(zwischen=True)), expect="Parameter", instruction=True),
        Wrong(lazy(lambda: _modell(ausgabe=None)), expect="sigmoid"),
        Wrong(lazy(lambda: _modell(einheiten=2, ausgabe="softmax")), expect="Ausgabeform"),
        Wrong(lazy(lambda: _modell(loss="mse")), expect="binary_crossentropy", instruction=True),
        Wrong(lazy(lambda: _modell(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _modell(metrics=None)), expect="accuracy"),
    ],
    alternatives=[
        Right(lazy(lambda: _modell(dropout=True)), why="Dropout is allowed by the task"),
        Right(lazy(lambda: _modell(pooling="max")), why="another pooling over the words"),
        Right(lazy(lambda: _modell(mask_zero=True)), why="masking the padding"),
        Right(lazy(_funktional), why="functional API, int32 input, sigmoid as a layer, loss as an object"),
    ],
)


# -- 3. nearest neighbours by cosine similarity ------------------------------------------

#: Row 0 is the query. Cosine: row 2 (0.995), row 1 (0.894), row 3 (0.217), row 4 (−0.98).
#: Dot product ranks the long row 1 first; Euclidean distance ranks row 3 before row 1.
_LAENGEN = np.array([[1.0, 0.0], [10.0, 5.0], [0.5, 0.05], [0.2, 0.9], [-1.0, 0.2]])


def _zufall(n, d, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) * rng.uniform(0.2, 5.0, size=(n, 1))


def _einheit(n, d, seed):
    v = _zufall(n, d, seed)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _skalarprodukt(vektoren, index, k):
    s = vektoren @ vektoren[index]
    s[index] = -np.inf
    return np.argsort(-s)[:k]


def _euklid(vektoren, index, k):
    d = np.linalg.norm(vektoren - vektoren[index], axis=1)
    d[index] = np.inf
    return np.argsort(d)[:k]


def _mit_sich_selbst(vektoren, index, k):
    e = vektoren / np.linalg.norm(vektoren, axis=1, keepdims=True)
    return np.argsort(-(e @ e[index]))[:k]


def _aufsteigend(vektoren, index, k):
    e = vektoren / np.linalg.norm(vektoren, axis=1, keepdims=True)
    s = e @ e[index]
    s[index] = np.inf
    return np.argsort(s)[:k]


def _als_liste(vektoren, index, k):
    e = vektoren / np.linalg.norm(vektoren, axis=1, keepdims=True)
    s = e @ e[index]
    s[index] = -np.inf
    return [int(i) for i in np.argsort(-s)[:k]]


def _normiert_an_ort_und_stelle(vektoren, index, k):
    vektoren /= np.linalg.norm(vektoren, axis=1, keepdims=True)
    s = vektoren @ vektoren[index]
    s[index] = -np.inf
    return np.argsort(-s)[:k]


def _ohne_erstes(vektoren, index, k):
    """Correct for data without exact ties: the row itself (cosine 1) is the first of the ranking."""
    e = vektoren / np.linalg.norm(vektoren, axis=1, keepdims=True)
    return np.argsort(-(e @ e[index]), kind="stable")[1:k + 1]


def _mit_schleife(vektoren, index, k):
    ziel = vektoren[index]
    werte = []
    for i, zeile in enumerate(vektoren):
        if i != index:
            werte.append((float(np.dot(zeile, ziel) / (np.linalg.norm(zeile) * np.linalg.norm(ziel))), i))
    werte.sort(reverse=True)
    return np.array([i for _, i in werte[:k]])


naechste_nachbarn = FunctionExercise(
    title="Nächste Nachbarn nach Kosinus-Ähnlichkeit",
    reference=from_solution("naechste_nachbarn", lesson="4.3"),
    cases=[
        Case(_einheit(12, 4, 1), 3, 4).named("Einheitsvektoren: das ähnlichste zuerst, ohne das Wort selbst"),
        Case(_LAENGEN.copy(), 0, 2).named(
            "Vektoren sehr verschiedener Länge: Kosinus, nicht Skalarprodukt oder Abstand"),
        Case(_zufall(60, 8, 2), 17, 5).named("60 Wörter, 8 Dimensionen, verschiedene Längen"),
        Case(_zufall(30, 16, 3), 0, 1).named("k = 1, Zeile 0"),
        Case(_zufall(20, 3, 4), 19, 19).named("k = alle anderen, letzte Zeile"),
    ],
    check_dtype=False,
    strict_type=True,
    hints=[
        "Teile jede Zeile durch ihre Länge (`np.linalg.norm(vektoren, axis=1, keepdims=True)`); dann ist das "
        "Skalarprodukt zweier Zeilen ihr Kosinus, und `einheit @ einheit[index]` gibt alle Ähnlichkeiten auf "
        "einmal.",
        "Setze die Ähnlichkeit des Worts mit sich selbst auf `-np.inf` und nimm `np.argsort(-aehnlichkeit)[:k]` "
        "– das Minus sortiert absteigend.",
    ],
    wrong=[
        Wrong(_skalarprodukt, expect="verschiedener Länge", instruction=True),
        Wrong(_euklid, expect="verschiedener Länge", instruction=True),
        Wrong(_mit_sich_selbst, expect="ohne das Wort selbst"),
        Wrong(_aufsteigend, expect="das ähnlichste zuerst"),
        Wrong(_als_liste, expect="list", instruction=True),
        Wrong(_normiert_an_ort_und_stelle, expect="verändert"),
    ],
    alternatives=[
        Right(_ohne_erstes, why="drops the first of the full ranking (the row itself, no exact ties here)"),
        Right(_mit_schleife, why="a Python loop, cosine written out"),
    ],
)

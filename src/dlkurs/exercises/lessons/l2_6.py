"""Exercises of lesson 2.6 "Reuters: Nachrichten nach Themen".

- ``modell``: the 64-64-46 net, compiled for one-hot labels (the loss, the hidden
  ReLUs and the metric the lesson reads later are checked from the public config).
- ``verlust``: the loss for integer labels, judged by what it computes.
- ``top_k_genauigkeit``: a transfer task on the 46 softmax outputs (2.3 already
  asked for ``one_hot``; here the learner reads the outputs instead).
"""

import numpy as np

from dlkurs.exercises import (
    call_answer,
    Case,
    CustomExercise,
    Falsch,
    from_solution,
    FunctionExercise,
    lazy,
    loss_name,
    ModelExercise,
    Right,
    short,
    ThoughtQuestion,
    Wrong,
)

# --------------------------------------------------------------------------- modell (64-64-46)


def _netz(*schichten, loss="categorical_crossentropy", metrics=("accuracy",), compile=True):
    import keras

    netz = keras.Sequential([keras.Input(shape=(10_000,)), *schichten])
    if compile:
        netz.compile(optimizer="rmsprop", loss=loss, metrics=list(metrics))
    return netz


def _dense(units, activation=None):
    import keras

    return keras.layers.Dense(units, activation=activation)


def _richtig(**optionen):
    return _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46, "softmax"), **optionen)


def _mit_aktivierungsschichten():
    import keras

    return _netz(_dense(64), keras.layers.Activation("relu"), _dense(64), keras.layers.ReLU(),
                 _dense(46), keras.layers.Activation("softmax"))


def _verschachtelt():
    import keras

    innen = keras.Sequential([_dense(64, "relu"), _dense(64, "relu")])
    return _netz(innen, _dense(46, "softmax"))


def _mit_logits(model) -> bool:
    """Whether the compiled loss expects logits (from_logits=True) – wrong after a softmax."""
    verlust = getattr(model, "loss", None)
    try:
        return bool(getattr(verlust, "from_logits", False) or (verlust.get_config() or {}).get("from_logits"))
    except Exception:
        return False


class _OhneLogits(ModelExercise):
    """A ModelExercise for a softmax output whose loss must read probabilities, not logits."""

    def _judge(self, model):
        reason = super()._judge(model)
        if reason is None and _mit_logits(model):
            raise Falsch(
                "Der Verlust ist mit from_logits=True kompiliert, die letzte Schicht gibt aber schon "
                "Softmax-Wahrscheinlichkeiten aus – lass from_logits weg"
            )
        return reason


modell = _OhneLogits(
    title="Das Netz 64-64-46 für 46 Themen",
    input_shape=(10_000,),
    output_shape=(46,),
    activation="softmax",
    params=647_214,
    compiled=True,
    loss="categorical_crossentropy",  # the labels y_teil are one-hot: the sparse loss crashes fit
    hidden_activation="relu",
    metrics=["accuracy"],  # the lesson reads verlauf.history["val_accuracy"]
    reference=lazy(_richtig),
    hints=[
        "Zwei verdeckte Schichten `layers.Dense(64, activation=\"relu\")` – 64 statt 16 Einheiten, weil 46 Klassen "
        "mehr Information durch das Netz schicken müssen als zwei.",
        "Die Ausgabeschicht hat eine Einheit pro Thema und verteilt die Wahrscheinlichkeit auf sie: "
        "`layers.Dense(46, activation=\"softmax\")`. Kompilieren mit `optimizer=\"rmsprop\"`, "
        "`loss=\"categorical_crossentropy\"`, `metrics=[\"accuracy\"]`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _richtig(loss="sparse_categorical_crossentropy")), expect="sparse_categorical_crossentropy",
              instruction=True),
        Wrong(lazy(lambda: _richtig(loss="binary_crossentropy")), expect="binary_crossentropy", instruction=True),
        Wrong(lazy(lambda: _netz(_dense(64, "tanh"), _dense(64, "tanh"), _dense(46, "softmax"))), expect="relu",
              instruction=True),
        Wrong(lazy(lambda: _netz(_dense(64), _dense(64), _dense(46, "softmax"))), expect="keine Aktivierung",
              instruction=True),
        Wrong(lazy(lambda: _richtig(metrics=())), expect="Metrik 'accuracy'", instruction=True),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46, "sigmoid"))), expect="softmax"),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(46))), expect="softmax"),
        Wrong(lazy(lambda: _netz(_dense(64, "relu"), _dense(64, "relu"), _dense(1, "sigmoid"))), expect="Ausgabeform"),
        Wrong(lazy(lambda: _netz(_dense(16, "relu"), _dense(16, "relu"), _dense(46, "softmax"))), expect="Parameter"),
        Wrong(lazy(lambda: _richtig(compile=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _richtig(loss=__import__("keras").losses.CategoricalCrossentropy(from_logits=True))),
              expect="from_logits"),
    ],
    alternatives=[
        Right(lazy(_mit_aktivierungsschichten), why="Dense without activation followed by Activation/ReLU layers"),
        Right(lazy(_verschachtelt), why="the hidden layers as a nested Sequential"),
        Right(lazy(lambda: _richtig(loss=__import__("keras").losses.CategoricalCrossentropy())),
              why="the loss given as an instance of its class"),
    ],
)

# --------------------------------------------------------------------------- verlust


def _probe():
    """Integer labels and softmax outputs of a small example (3 messages, 4 topics)."""
    labels = np.array([2, 0, 3])
    p = np.array([[0.1, 0.2, 0.6, 0.1], [0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]], dtype="float32")
    return labels, p


def _pruefe_verlust(antwort):
    import keras

    if isinstance(antwort, bool) or not (isinstance(antwort, str) or callable(antwort)):
        raise Falsch(
            f"Erwartet wird der Verlust, wie du ihn compile(loss=...) gibst – als Text oder Verlust-Objekt, "
            f"erhalten: {short(antwort)}"
        )
    try:
        funktion = keras.losses.get(antwort)
    except Exception:
        raise Falsch(f"{short(antwort)} kennt Keras nicht als Verlust – prüfe die Schreibweise") from None
    if funktion is None:
        raise Falsch(f"{short(antwort)} kennt Keras nicht als Verlust")
    name = loss_name(antwort) or "dein Verlust"
    labels, p = _probe()
    soll = -np.log(p[np.arange(3), labels])
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ergebnis = call_answer(funktion, labels, p, timeout=5)
            wert = np.asarray(keras.ops.convert_to_numpy(ergebnis), dtype="float64")
    except (Falsch, Exception):
        wert = None
    if wert is not None and wert.ndim == 0:  # a Loss object averages over the batch
        if np.isclose(float(wert), soll.mean(), rtol=1e-4):
            return None
    elif wert is not None and wert.shape == soll.shape and np.allclose(wert, soll, rtol=1e-4, atol=1e-5):
        return None
    if name in _GRUENDE:
        return _GRUENDE[name]
    if wert is None:
        return f"{name} lässt sich mit ganzzahligen Labels der Form (n,) nicht berechnen"
    return f"{name} rechnet für ganzzahlige Labels nicht die Kreuzentropie −log p[Label] aus"


_GRUENDE = {
    "categorical_crossentropy": (
        "categorical_crossentropy erwartet One-Hot-Labels der Form (n, 46); mit den ganzzahligen "
        "train_labels bricht fit ab – für ganze Zahlen gibt es eine eigene Variante"
    ),
    "sparse_categorical_crossentropy": (
        "Das ist die richtige Kreuzentropie, aber mit from_logits=True – unser Netz gibt schon "
        "Softmax-Wahrscheinlichkeiten aus; lass from_logits weg"
    ),
    "binary_crossentropy": (
        "binary_crossentropy ist für zwei Klassen (eine Sigmoid-Ausgabe) oder für unabhängige Ja/Nein-Labels – "
        "hier gehört jede Meldung zu genau einem von 46 Themen"
    ),
}


def _sparse_mit_logits():
    import keras

    return keras.losses.SparseCategoricalCrossentropy(from_logits=True)


verlust = CustomExercise(
    title="Der passende Verlust für ganzzahlige Labels",
    check=_pruefe_verlust,
    reference="sparse_categorical_crossentropy",
    hints=[
        "Die Labels sind hier ganze Zahlen 0 … 45, keine One-Hot-Vektoren. Der Verlust muss das Label selbst als "
        "Index der richtigen Klasse lesen.",
        "Schau in die Tabelle oben: welche Zeile passt zu Labels der Form `(n,)`?",
    ],
    wrong=[
        Wrong("categorical_crossentropy", expect="One-Hot-Labels", instruction=True),
        Wrong("binary_crossentropy", expect="zwei Klassen"),
        Wrong("mse", expect="mean_squared_error"),
        Wrong(lazy(_sparse_mit_logits), expect="from_logits"),
        Wrong("sparse_crossentropy", expect="kennt Keras nicht"),
    ],
    alternatives=[
        Right(lazy(lambda: __import__("keras").losses.SparseCategoricalCrossentropy()), why="a loss instance"),
        Right(lazy(lambda: __import__("keras").losses.sparse_categorical_crossentropy), why="the loss function"),
    ],
)

# --------------------------------------------------------------------------- top_k_genauigkeit


def _vorhersagen(n=6, klassen=46, seed=3):
    """Softmax-like rows without ties (ties would make the top k ambiguous)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, klassen)) * 2
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return p.astype("float32")


def _faelle():
    p = _vorhersagen()
    rangfolge = np.argsort(-p, axis=1)  # rangfolge[i, 0] is the most likely topic of message i
    # labels at rank 0, 1, 2, 3, 10 and 45 (the least likely): top-1 1/6, top-3 3/6, top-5 4/6
    labels = np.array([rangfolge[i, r] for i, r in enumerate([0, 1, 2, 3, 10, 45])])
    klein = np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.2, 0.3, 0.5], [0.45, 0.35, 0.2]], dtype="float32")
    return [
        Case(p, labels, 3).named("46 Themen, k = 3"),
        Case(p, labels, 1).named("k = 1 ist die gewöhnliche Genauigkeit"),
        Case(p, labels, 5).named("k = 5"),
        Case(p, labels).named("ohne k: Standardwert 3"),
        Case(klein, np.array([2, 1, 1, 2]), 2).named("3 Klassen, k = 2"),
        Case(klein, np.array([2, 1, 1, 2]), 3).named("k = Zahl der Klassen: immer getroffen"),
    ]


def _aufsteigend(wahrscheinlichkeiten, labels, k=3):
    beste = np.argsort(wahrscheinlichkeiten, axis=1)[:, :k]  # the k *least* likely
    return float(np.mean(np.any(beste == np.asarray(labels).reshape(-1, 1), axis=1)))


def _immer_drei(wahrscheinlichkeiten, labels, k=3):
    beste = np.argsort(wahrscheinlichkeiten, axis=1)[:, -3:]  # ignores k
    return float(np.mean(np.any(beste == np.asarray(labels).reshape(-1, 1), axis=1)))


def _nur_argmax(wahrscheinlichkeiten, labels, k=3):
    return float(np.mean(np.argmax(wahrscheinlichkeiten, axis=1) == labels))


def _anzahl(wahrscheinlichkeiten, labels, k=3):
    beste = np.argsort(wahrscheinlichkeiten, axis=1)[:, -k:]
    return int(np.sum(np.any(beste == np.asarray(labels).reshape(-1, 1), axis=1)))


def _als_text(wahrscheinlichkeiten, labels, k=3):
    beste = np.argsort(wahrscheinlichkeiten, axis=1)[:, -k:]
    return f"{np.mean(np.any(beste == np.asarray(labels).reshape(-1, 1), axis=1)):.1%}"


def _mit_topk_von_keras(wahrscheinlichkeiten, labels, k=3):
    import keras

    metrik = keras.metrics.SparseTopKCategoricalAccuracy(k=k)
    metrik.update_state(np.asarray(labels), np.asarray(wahrscheinlichkeiten))
    return float(metrik.result())


def _mit_schleife(wahrscheinlichkeiten, labels, k=3):
    treffer = 0
    for zeile, label in zip(wahrscheinlichkeiten, labels):
        treffer += label in np.argsort(zeile)[::-1][:k]
    return treffer / len(labels)


top_k_genauigkeit = FunctionExercise(
    title="Top-k-Genauigkeit: liegt das richtige Thema unter den k wahrscheinlichsten?",
    reference=from_solution(),
    cases=_faelle(),
    rtol=1e-6,
    strict_type=False,
    hints=[
        "`np.argsort(zeile)` sortiert die Positionen aufsteigend nach Wahrscheinlichkeit – die k "
        "wahrscheinlichsten Themen stehen also am **Ende**. Mit `axis=1` geht das für alle Zeilen auf einmal.",
        "Vergleiche die k Spalten mit dem Label jeder Zeile (`labels.reshape(-1, 1)` macht daraus eine Spalte) "
        "und frage mit `np.any(..., axis=1)`, ob eine passt. Der Mittelwert davon ist der Anteil.",
    ],
    wrong=[
        Wrong(_immer_drei, expect="k = 1", instruction=True),
        Wrong(_aufsteigend, expect="46 Themen, k = 3"),
        Wrong(_nur_argmax, expect="46 Themen, k = 3"),
        Wrong(_anzahl, expect="46 Themen, k = 3"),
        Wrong(_als_text, expect="Typ str"),
    ],
    alternatives=[
        Right(_mit_topk_von_keras, why="Keras' SparseTopKCategoricalAccuracy metric"),
        Right(_mit_schleife, why="a loop over the messages, returning a Python fraction"),
    ],
)

# --------------------------------------------------------------------------- thought question

engpass = ThoughtQuestion(
    title="Warum schadet eine Schicht mit nur 4 Einheiten?",
)

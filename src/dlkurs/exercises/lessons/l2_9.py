"""Exercises of lesson 2.9 "Weitere Klassifikation".

- ``aufteilung``: a shuffled, stratified train/test split of the Iris DataFrame.
- ``abstimmung``: a soft-voting ensemble of decision tree, random forest and SVM.
- ``cifar_modell``: a small dense net for CIFAR-10 images (32×32×3, 10 classes).
- ``kreuzvalidierung``: thought question on why one small test split is not enough.

Nothing heavy at module level: scikit-learn, pandas and Keras are imported inside
the check functions and the ``lazy`` factories.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from dlkurs.exercises import (
    contains_placeholder,
    CustomExercise,
    Falsch,
    lazy,
    ModelExercise,
    PlaceholderError,
    Right,
    short,
    ThoughtQuestion,
    Wrong,
)

ARTEN = ("setosa", "versicolor", "virginica")
_N, _N_TEST = 150, 30  # Iris: 150 flowers, test_size=0.2


def _iris():
    from dlkurs.data import load

    return load("iris")


# ---------------------------------------------------------------- aufteilung


def _zaehlung(teil) -> np.ndarray:
    try:
        arten = np.asarray(teil["target"], dtype=int)
        if arten.size and (arten.min() < 0 or arten.max() > 2):
            raise ValueError
    except (TypeError, ValueError):
        raise Falsch("Die Spalte 'target' enthält nicht mehr die Artnummern 0, 1 und 2 – lass sie unverändert") from None
    return np.bincount(arten, minlength=3)


def _zaehlung_text(counts: np.ndarray) -> str:
    return ", ".join(f"{int(c)} {art}" for c, art in zip(counts, ARTEN))


def _aufteilung(antwort: Any) -> str | None:
    import pandas as pd

    if not isinstance(antwort, (tuple, list)):
        raise Falsch(f"Erwartet wird das Paar (train_df, test_df), erhalten: {short(antwort)}")
    if len(antwort) == 4:
        raise Falsch(
            "Vier Teile erhalten – teile hier den ganzen DataFrame `iris` (mit der Spalte 'target') auf, "
            "dann liefert train_test_split genau zwei Teile: (train_df, test_df)"
        )
    if len(antwort) != 2:
        raise Falsch(f"Erwartet wird das Paar (train_df, test_df), erhalten: {len(antwort)} Teile")
    train, test = antwort
    for name, teil in (("train_df", train), ("test_df", test)):
        if not isinstance(teil, pd.DataFrame):
            raise Falsch(
                f"{name} ist kein DataFrame, sondern {type(teil).__name__} – "
                "gib train_test_split den DataFrame `iris` selbst"
            )
        if "target" not in teil.columns:
            raise Falsch(f"{name} hat keine Spalte 'target' – teile den ganzen DataFrame `iris` auf")
    if len(train) + len(test) != _N:
        raise Falsch(f"Beide Teile haben zusammen {len(train) + len(test)} Zeilen statt {_N}")
    if len(train) == _N_TEST and len(test) == _N - _N_TEST:
        raise Falsch(
            f"Der Testteil hat {len(test)} und der Trainingsteil {len(train)} Zeilen – die Reihenfolge ist "
            "vertauscht: train_test_split liefert zuerst den Trainings-, dann den Testteil"
        )
    if len(test) != _N_TEST:
        raise Falsch(f"Der Testteil hat {len(test)} Zeilen statt {_N_TEST} (20 % von {_N}) – nimm test_size=0.2")
    if list(train.index) == list(range(len(train))) and list(test.index) == list(range(len(test))):
        raise Falsch(
            "Beide Teile sind neu durchnummeriert (reset_index?) – behalte den ursprünglichen Index von `iris`, "
            "damit man sieht, welche Blüten in welchem Teil gelandet sind"
        )
    doppelt = train.index.intersection(test.index)
    if len(doppelt):
        raise Falsch(
            f"{len(doppelt)} Zeilen stehen in beiden Teilen – eine Blüte darf nur im Training oder nur im Test sein"
        )
    if set(train.index) | set(test.index) != set(range(_N)):
        raise Falsch(
            "Die beiden Teile decken nicht die Zeilen 0 bis 149 von `iris` ab – "
            "behalte den Index (kein reset_index) und teile `iris` selbst auf"
        )
    counts = _zaehlung(test)
    if counts.min() == 0:
        fehlen = [art for c, art in zip(counts, ARTEN) if c == 0]
        message = (
            f"Im Testteil fehlen Arten ({', '.join(fehlen)}); er enthält {_zaehlung_text(counts)}"
        )
        if np.array_equal(np.sort(np.asarray(test.index)), np.arange(_N - _N_TEST, _N)) or np.array_equal(
            np.sort(np.asarray(test.index)), np.arange(_N_TEST)
        ):
            message += (
                " – die Datei ist nach Art sortiert: ohne Mischen landen am Ende (oder am Anfang) "
                "nur Blüten einer Art im Testteil"
            )
        return message
    # Iris has 50 flowers per species, so a stratified split keeps exactly one third of each
    # species in each part: 10/10/10 in the test part, 40/40/40 in training. Tolerance: less
    # than one flower per species (a non-stratified split is right only by luck).
    for name, teil in (("Testteil", test), ("Trainingsteil", train)):
        soll = len(teil) / 3
        counts = _zaehlung(teil)
        if np.max(np.abs(counts - soll)) >= 1:
            return (
                f"Die Arten sind im {name} nicht gleich verteilt ({_zaehlung_text(counts)} statt je {soll:.0f}) – "
                "ohne Schichtung entscheidet der Zufall über die Anteile; nimm stratify=iris['target']"
            )
    # "Mische": the test flowers of every species form one unbroken block of rows (e.g. the
    # last 10 of each species) only when nobody shuffled; a shuffled choice of 10 out of 50
    # is a block with probability 41 / C(50, 10), about 4e-9.
    test_index = np.sort(np.asarray(test.index, dtype=int))
    bloecke = [test_index[(test_index >= 50 * art) & (test_index < 50 * (art + 1))] for art in range(3)]
    if all(len(b) and b[-1] - b[0] == len(b) - 1 for b in bloecke):
        return (
            "Die Aufteilung ist geschichtet, aber nicht gemischt: Von jeder Art liegen die Testblüten in einem "
            "zusammenhängenden Block der Datei – mische vor dem Teilen (shuffle=True)"
        )
    # "random_state=42": the split the lesson's later numbers refer to
    if set(test.index) != set(_richtige_aufteilung()[1].index):
        return (
            "Gemischt und geschichtet – aber mit einem anderen Zufall als verlangt: nimm random_state=42, "
            "damit die Aufteilung (und alle Zahlen danach) wiederholbar sind"
        )
    return None


def _sortierter_schnitt():
    iris = _iris()
    return iris.iloc[: _N - _N_TEST], iris.iloc[_N - _N_TEST :]


def _ohne_schichtung(seed: int = 29):
    """Shuffled, not stratified: seed 29 gives 4/10/16 test flowers, seed 42 gives 10/9/11."""
    from sklearn.model_selection import train_test_split

    return tuple(train_test_split(_iris(), test_size=0.2, shuffle=True, random_state=seed))


def _vertauscht():
    from sklearn.model_selection import train_test_split

    train, test = train_test_split(_iris(), test_size=0.2, stratify=_iris()["target"], random_state=42)
    return test, train


def _vier_teile():
    from sklearn.model_selection import train_test_split

    iris = _iris()
    return tuple(
        train_test_split(
            iris.drop(columns="target"), iris["target"], test_size=0.2, stratify=iris["target"], random_state=42
        )
    )


def _ueberlappend():
    iris = _iris()
    return iris.sample(n=_N - _N_TEST, random_state=1), iris.sample(n=_N_TEST, random_state=2)


def _geschichtet_ungemischt():
    iris = _iris()
    test = iris[iris.groupby("target").cumcount() >= 40]  # the last 10 of each species
    return iris.drop(test.index), test


def _anderer_zufall():
    from sklearn.model_selection import train_test_split

    iris = _iris()
    return tuple(train_test_split(iris, test_size=0.2, stratify=iris["target"], random_state=7))


def _mit_train_size():
    from sklearn.model_selection import train_test_split

    iris = _iris()
    return tuple(train_test_split(iris, train_size=0.8, stratify=iris["target"], random_state=42))


def _mit_anzahl():
    from sklearn.model_selection import train_test_split

    iris = _iris()
    return tuple(train_test_split(iris, test_size=30, stratify=iris["target"].to_numpy(), random_state=42))


def _richtige_aufteilung():
    from sklearn.model_selection import train_test_split

    iris = _iris()
    return tuple(train_test_split(iris, test_size=0.2, stratify=iris["target"], shuffle=True, random_state=42))


aufteilung = CustomExercise(
    title="Iris gemischt und geschichtet aufteilen (80 % Training, 20 % Test)",
    check=_aufteilung,
    hints=[
        "`train_test_split` aus `sklearn.model_selection` teilt einen DataFrame in zwei DataFrames: "
        "`train_df, test_df = train_test_split(iris, test_size=0.2, ...)`.",
        "Mit `stratify=iris['target']` bekommt jeder Teil dieselben Anteile der drei Arten; "
        "`shuffle=True` mischt vorher, `random_state=42` macht das Ergebnis wiederholbar.",
    ],
    wrong=[
        Wrong(lazy(_sortierter_schnitt), expect="sortiert", instruction=True),
        Wrong(lazy(_geschichtet_ungemischt), expect="nicht gemischt", instruction=True),
        Wrong(lazy(_anderer_zufall), expect="random_state=42", instruction=True),
        Wrong(lazy(_ohne_schichtung), expect="stratify"),  # 4 setosa, 10 versicolor, 16 virginica
        Wrong(lazy(_vertauscht), expect="vertauscht"),
        Wrong(lazy(_vier_teile), expect="Vier Teile"),
        Wrong(lazy(_ueberlappend), expect="in beiden Teilen"),
        Wrong(lazy(lambda: _ohne_schichtung(seed=42)), expect="nicht gleich verteilt"),
    ],
    reference=lazy(_richtige_aufteilung),
    alternatives=[
        Right(lazy(_mit_train_size), why="train_size=0.8 instead of test_size=0.2"),
        Right(lazy(_mit_anzahl), why="test_size=30 flowers, stratify given as an array"),
    ],
)


# ---------------------------------------------------------------- abstimmung


def _art(estimator: Any) -> str | None:
    """'baum', 'wald', 'svm' or 'svm_kalibriert' for an estimator (or the last step of a pipeline)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    if isinstance(estimator, Pipeline):
        estimator = estimator.steps[-1][1]
    if isinstance(estimator, DecisionTreeClassifier):
        return "baum"
    if isinstance(estimator, RandomForestClassifier):
        return "wald"
    if isinstance(estimator, SVC):
        return "svm"
    if isinstance(estimator, CalibratedClassifierCV) and isinstance(estimator.estimator, SVC):
        return "svm_kalibriert"
    return None


def _svm_ohne_wahrscheinlichkeiten(estimator: Any) -> bool:
    from sklearn.pipeline import Pipeline

    if isinstance(estimator, Pipeline):
        estimator = estimator.steps[-1][1]
    # scikit-learn 1.9 deprecates the parameter: its default is then the string "deprecated"
    return _art(estimator) == "svm" and estimator.get_params().get("probability") is not True


def _abstimmung(modell: Any) -> str | None:
    from sklearn.base import clone
    from sklearn.ensemble import VotingClassifier
    from sklearn.model_selection import train_test_split

    if not isinstance(modell, VotingClassifier):
        raise Falsch(
            f"Erwartet wird ein VotingClassifier aus sklearn.ensemble, erhalten: {type(modell).__name__} – "
            "das Ensemble fasst mehrere Modelle in einem VotingClassifier(estimators=[...]) zusammen"
        )
    estimators = modell.estimators
    if contains_placeholder(estimators) or contains_placeholder(modell.voting):
        raise PlaceholderError()
    if not isinstance(estimators, (list, tuple)) or not all(
        isinstance(e, (list, tuple)) and len(e) == 2 and isinstance(e[0], str) for e in estimators
    ):
        raise Falsch("estimators muss eine Liste von Paaren (name, modell) sein, z. B. [('baum', DecisionTreeClassifier()), ...]")
    arten = [_art(est) for _, est in estimators]
    fremd = [type(est).__name__ for (_, est), art in zip(estimators, arten) if art is None]
    if fremd:
        return f"Unerwartete Modelle im Ensemble: {', '.join(fremd)} – gefragt sind Entscheidungsbaum, Random Forest und SVM"
    fehlen = [
        label
        for key, label in (("baum", "Entscheidungsbaum"), ("wald", "Random Forest"), ("svm", "SVM (SVC)"))
        if not any(a is not None and a.startswith(key) for a in arten)
    ]
    if fehlen:
        return f"Im Ensemble fehlt: {', '.join(fehlen)} – es soll aus Entscheidungsbaum, Random Forest und SVM bestehen"
    if len(estimators) != 3:
        return f"Das Ensemble hat {len(estimators)} Modelle statt 3 (Entscheidungsbaum, Random Forest, SVM)"
    if modell.voting != "soft":
        return (
            f"voting={modell.voting!r} – gefragt ist die weiche Abstimmung (voting='soft'), "
            "die die Wahrscheinlichkeiten der drei Modelle mittelt"
        )
    if any(_svm_ohne_wahrscheinlichkeiten(est) for _, est in estimators):
        return (
            "Eine SVC liefert von sich aus keine Wahrscheinlichkeiten (kein predict_proba), die weiche Abstimmung "
            "braucht sie aber – nimm CalibratedClassifierCV(SVC(), ensemble=False) "
            "(die ältere Schreibweise SVC(probability=True) ist seit scikit-learn 1.9 veraltet)"
        )
    iris = _iris()
    x = iris.drop(columns="target").to_numpy()
    y = iris["target"].to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=0)
    kopie = clone(modell)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. the FutureWarning of SVC(probability=True) in scikit-learn 1.9
            kopie.fit(x_train, y_train)
            vorhersage = kopie.predict(x_test)
    except Exception as err:
        raise Falsch(f"Training oder Vorhersage des Ensembles schlägt fehl ({type(err).__name__}: {str(err)[:160]})") from None
    genauigkeit = float(np.mean(vorhersage == y_test))
    if genauigkeit < 0.9:
        return f"Das Ensemble erreicht auf einem Iris-Testteil nur {genauigkeit:.2f} (gefordert mindestens 0.9)"
    return None


def _ensemble(voting: str = "soft", svm: str = "kalibriert", ohne: str | None = None, namen=("baum", "wald", "svm")):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier, VotingClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    if svm == "kalibriert":
        svc = CalibratedClassifierCV(SVC(), ensemble=False)
    elif svm == "probability":
        svc = SVC(probability=True, random_state=0)
    else:
        svc = SVC()
    modelle = [
        (namen[0], DecisionTreeClassifier(random_state=42)),
        (namen[1], RandomForestClassifier(random_state=42)),
        (namen[2], svc),
    ]
    return VotingClassifier(estimators=[m for m in modelle if m[0] != ohne], voting=voting)


def _nur_wald():
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(random_state=42)


abstimmung = CustomExercise(
    title="Weiche Abstimmung aus Entscheidungsbaum, Random Forest und SVM",
    check=_abstimmung,
    hints=[
        "`VotingClassifier(estimators=[('baum', DecisionTreeClassifier(...)), ('wald', RandomForestClassifier(...)), "
        "('svm', ...)], voting='soft')` – jedes Modell bekommt einen Namen.",
        "Die weiche Abstimmung mittelt `predict_proba` der drei Modelle. Eine nackte `SVC()` hat kein "
        "`predict_proba`: Verpacke sie in `CalibratedClassifierCV(SVC(), ensemble=False)`.",
    ],
    wrong=[
        Wrong(lazy(lambda: _ensemble(voting="hard")), expect="voting='soft'", instruction=True),
        Wrong(lazy(lambda: _ensemble(svm="nackt")), expect="keine Wahrscheinlichkeiten"),
        Wrong(lazy(lambda: _ensemble(ohne="wald")), expect="fehlt: Random Forest"),
        Wrong(lazy(_nur_wald), expect="VotingClassifier"),
    ],
    reference=lazy(_ensemble),
    alternatives=[
        Right(lazy(lambda: _ensemble(svm="probability")), why="the older SVC(probability=True)"),
        Right(lazy(lambda: _ensemble(namen=("tree", "forest", "svc"))), why="other names for the members"),
    ],
)


# ---------------------------------------------------------------- cifar_modell


def _farbbilder(n_train: int = 600, n_test: int = 200, seed: int = 0):
    """Small artificial stand-in for CIFAR-10: 32×32×3 float32 images in [0, 1], 10 classes.

    Each class has its own coarse 4×4 colour pattern (upsampled to 32×32); every
    image is that pattern plus strong noise. Training labels are uint8 of shape
    (N, 1), as in CIFAR-10. A small dense net learns it in a few epochs.

    The test labels are flat (N,): ModelExercise's accuracy treats labels of
    shape (N, 1) next to (N, 10) predictions as one-hot and would score them
    with argmax over a single column (always 0).
    """
    rng = np.random.default_rng(seed)
    muster = np.kron(rng.uniform(0, 1, size=(10, 4, 4, 3)), np.ones((1, 8, 8, 1)))
    n = n_train + n_test
    y = rng.integers(0, 10, size=n)
    x = 0.5 * muster[y] + 0.5 * rng.uniform(0, 1, size=(n, 32, 32, 3))
    x = x.astype("float32")
    y = y.astype("uint8").reshape(-1, 1)
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:, 0]


def _dichtes_netz(*, flatten: bool = True, ausgabe: str | None = "softmax", kompilieren: bool = True,
                  eingabe: tuple = (32, 32, 3), loss: Any = "sparse_categorical_crossentropy",
                  verdeckt: tuple = (128,), aktivierung: str | None = "relu", optimizer: Any = "adam",
                  metrics: tuple = ("accuracy",), skalieren: bool = False):
    import keras

    schichten = [keras.Input(shape=eingabe)]
    if skalieren:
        schichten.append(keras.layers.Rescaling(1 / 255))
    if flatten:
        schichten.append(keras.layers.Flatten())
    schichten += [keras.layers.Dense(n, activation=aktivierung) for n in verdeckt]
    schichten.append(keras.layers.Dense(10, activation=ausgabe))
    modell = keras.Sequential(schichten)
    if kompilieren:
        modell.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
    return modell


class _MitOptimierer(ModelExercise):
    """A ModelExercise that also checks the optimizer class the task names (here: Adam)."""

    def __init__(self, *, optimizer: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.optimizer_name = optimizer

    def _judge(self, model: Any) -> str | None:
        optimierer = getattr(model, "optimizer", None)
        if optimierer is not None and type(optimierer).__name__.lower() != self.optimizer_name.lower():
            raise Falsch(
                f"Der Optimierer ist {type(optimierer).__name__} – die Aufgabe verlangt "
                f"optimizer=\"{self.optimizer_name.lower()}\""
            )
        reason = super()._judge(model)
        verlust = getattr(model, "loss", None)
        if reason is None and getattr(verlust, "from_logits", False):
            raise Falsch(
                "Der Verlust ist mit from_logits=True kompiliert, die letzte Schicht gibt aber schon "
                "Softmax-Wahrscheinlichkeiten aus – lass from_logits weg"
            )
        return reason


# Threshold, measured on this check's colour-patch data (600 training / 200 test images,
# 3 epochs, batch 64; init seeds 20241 (CHECK_SEED), 0, 1): the right nets (Dense 128 or
# 256-128 with ReLU, Adam) reach 1.0 each time; the wrong net that passes every structure
# check, one with Rescaling(1/255) on the already scaled images, reaches 0.365-0.445.
# (Nets without a hidden layer or with sigmoid hidden layers also reach 1.0 on this easy
# data; the hidden-ReLU check rejects them.) The threshold lies between: 0.7.
cifar_modell = _MitOptimierer(
    optimizer="Adam",
    loss="sparse_categorical_crossentropy",  # the labels are integers of shape (N, 1)
    hidden_activation="relu",
    metrics=["accuracy"],  # plot_history reads accuracy and val_accuracy
    title="Ein kleines Dense-Netz für CIFAR-10",
    input_shape=(32, 32, 3),
    output_shape=(10,),
    activation="softmax",
    data=_farbbilder,
    epochs=3,
    batch_size=64,
    metric="accuracy",
    threshold=0.7,
    time_budget=30,
    hints=[
        "`keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(), "
        "keras.layers.Dense(256, activation='relu'), ..., keras.layers.Dense(10, activation='softmax')])`.",
        "Die Labels sind ganze Zahlen 0–9 (Form (N, 1)), daher "
        "`compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])`.",
        "Der Prüfer gibt deinem Netz Bilder, deren Werte schon zwischen 0 und 1 liegen – wie `cifar_x_train` "
        "nach dem Teilen durch 255. Eine `Rescaling(1/255)`-Schicht im Modell würde sie ein zweites Mal verkleinern.",
    ],
    wrong=[
        Wrong(lazy(lambda: _dichtes_netz(flatten=False)), expect="Flatten"),
        Wrong(lazy(lambda: _dichtes_netz(ausgabe=None)), expect="softmax"),
        Wrong(lazy(lambda: _dichtes_netz(kompilieren=False)), expect="nicht kompiliert"),
        Wrong(lazy(lambda: _dichtes_netz(eingabe=(3072,))), expect="Eingabeform"),
        Wrong(lazy(lambda: _dichtes_netz(loss="categorical_crossentropy")), expect="Verlustfunktion",
              instruction=True),
        Wrong(lazy(lambda: _dichtes_netz(verdeckt=())), expect="keine verdeckte Schicht", instruction=True),
        Wrong(lazy(lambda: _dichtes_netz(aktivierung="sigmoid")), expect="relu", instruction=True),
        Wrong(lazy(lambda: _dichtes_netz(optimizer="sgd")), expect="adam", instruction=True),
        Wrong(lazy(lambda: _dichtes_netz(metrics=())), expect="Metrik 'accuracy'", instruction=True),
        Wrong(lazy(lambda: _dichtes_netz(skalieren=True)), expect="gefordert mindestens 0.7"),
        Wrong(lazy(lambda: _dichtes_netz(
            loss=__import__("keras").losses.SparseCategoricalCrossentropy(from_logits=True))), expect="from_logits"),
    ],
    reference=lazy(_dichtes_netz),
    alternatives=[
        Right(lazy(lambda: _dichtes_netz(verdeckt=(256, 128))), why="two hidden layers, as in the lesson"),
        Right(lazy(lambda: _dichtes_netz(optimizer=__import__("keras").optimizers.Adam(learning_rate=1e-3),
                                         loss=__import__("keras").losses.SparseCategoricalCrossentropy())),
              why="optimizer and loss given as objects"),
    ],
)


# ---------------------------------------------------------------- Denkfrage

kreuzvalidierung = ThoughtQuestion(
    title="Warum reicht ein einzelner Testteil mit 30 Blüten nicht?",
)

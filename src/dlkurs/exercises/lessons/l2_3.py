"""Exercises of lesson 2.3 "Regression vs. Klassifikation".

Losses written in NumPy are run on test cases (FunctionExercise, kept private
here) and, when a result is wrong, run once more on a diagnostic input: if the
result equals a typical mistake (RMSE instead of MSE, log10 instead of ln, …),
the verdict names that mistake.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlkurs.exercises import (
    Right,
    call_answer,
    loss_name,
    Case,
    CustomExercise,
    FALSCH,
    Falsch,
    from_solution,
    FunctionExercise,
    lazy,
    NICHT_BEARBEITET,
    NotAttempted,
    RICHTIG,
    short,
    ThoughtQuestion,
    Wrong,
)

EPS = 1e-7  # Keras' backend.epsilon(), used to clip probabilities



def _diagnosed(cases: FunctionExercise, probe: tuple, variants: list[tuple[Callable, str]]):
    """A check: ``cases`` decides; a wrong result on ``probe`` equal to a variant adds its message."""

    def check(fn):
        verdict = cases.evaluate(fn)
        if verdict.status == RICHTIG:
            return None
        if verdict.status == NICHT_BEARBEITET:
            raise NotAttempted()
        if verdict.status != FALSCH:
            return verdict.message
        reason = verdict.message.rstrip(".")
        try:
            got = call_answer(fn, *[np.array(a, copy=True) for a in probe], timeout=5)
            if isinstance(got, (str, bytes)):
                return reason
            got = float(np.asarray(got, dtype=float).reshape(()))
        except (Falsch, NotAttempted, TypeError, ValueError, OverflowError):
            return reason
        for variant, message in variants:
            if np.isclose(got, variant(*probe), rtol=1e-6, atol=1e-9):
                return f"{reason}. {message}"
        return reason

    return check


# -- MSE ------------------------------------------------------------------------------------


_MSE_PROBE = (np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 2.0, 2.0, 2.0]))

_mse_cases = FunctionExercise(
    title="MSE (Testfälle)",
    reference=from_solution("mse", lesson="2.3"),
    cases=[
        Case(*_MSE_PROBE).named("Fehler +1, 0, −1, −2"),
        Case(np.zeros((2, 3)), np.array([[1.0, 2.0, 3.0], [0.0, 0.0, -1.0]])).named(
            "2-D: Mittel über alle Elemente"
        ),
        Case(np.array([3, 5]), np.array([3, 5])).named("ganze Zahlen, perfekte Vorhersage"),
        Case(np.array([2.5]), np.array([0.5])).named("ein einziges Beispiel"),
        Case(np.arange(12.0).reshape(2, 3, 2), np.full((2, 3, 2), 4.0)).named("3-D: Mittel über alle Elemente"),
    ],
    rtol=1e-6,
    atol=1e-9,
    forbid=["mean_squared_error", "MeanSquaredError", "losses", "metrics", "mse"],
    forbid_reason="Die Aufgabe verlangt, den MSE selbst in NumPy zu schreiben",
)

_MSE_VARIANTS = [
    (lambda t, p: float(np.mean(np.abs(t - p))),
     "Das ist der mittlere *absolute* Fehler (MAE) – quadriere die Differenzen statt den Betrag zu nehmen."),
    (lambda t, p: float(np.sqrt(np.mean((t - p) ** 2))),
     "Das ist die Wurzel aus dem MSE (RMSE) – lass `np.sqrt` weg."),
    (lambda t, p: float(np.sum((t - p) ** 2)),
     "Das ist die *Summe* der quadrierten Fehler – der MSE ist ihr Mittelwert (`np.mean`)."),
    (lambda t, p: float(np.mean(t - p) ** 2),
     "Du quadrierst den mittleren Fehler – dabei heben sich positive und negative Fehler auf. "
     "Erst quadrieren, dann mitteln."),
    (lambda t, p: float(np.mean(t - p)), "Das ist der mittlere Fehler ohne Quadrat."),
    (lambda t, p: float(np.mean(p - t)), "Das ist der mittlere Fehler ohne Quadrat."),
]


def _mse_mae(y_true, y_pred):
    return np.mean(np.abs(y_true - y_pred))


def _mse_rmse(y_true, y_pred):
    return np.sqrt(np.mean((y_true - y_pred) ** 2))


def _mse_sum(y_true, y_pred):
    return np.sum((y_true - y_pred) ** 2)


def _mse_square_of_mean(y_true, y_pred):
    return np.mean(y_true - y_pred) ** 2


def _mse_sklearn(y_true, y_pred):
    from sklearn.metrics import mean_squared_error

    return mean_squared_error(y_true, y_pred)


def _mse_text(y_true, y_pred):
    return str(np.mean((y_true - y_pred) ** 2))


def _mse_axis0(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2, axis=0)


def _mse_loop(y_true, y_pred):
    fehler = (np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)).ravel()
    return sum(f * f for f in fehler) / fehler.size


def _mse_square(y_true, y_pred):
    return np.square(np.subtract(y_pred, y_true)).mean()


def _mse_sklearn_alias():
    from sklearn.metrics import mean_squared_error as fehlermass

    return lambda y_true, y_pred: fehlermass(y_true, y_pred)


def _mse_in_place(y_true, y_pred):
    y_pred -= y_true
    y_pred **= 2
    return np.mean(y_pred)


mse = CustomExercise(
    title="Den MSE in NumPy schreiben",
    check=_diagnosed(_mse_cases, _MSE_PROBE, _MSE_VARIANTS),
    reference=from_solution(),
    hints=[
        "Lies die Formel in der Tabelle von innen nach außen: erst der Fehler je Element, dann quadrieren, "
        "dann mitteln.",
        "`np.mean` ohne `axis` mittelt über alle Elemente – auch bei 2-D-Arrays kommt eine einzelne Zahl heraus. "
        "Ändere die Eingaben nicht (kein `-=`), sondern rechne mit neuen Arrays.",
        "Differenz `y_true - y_pred`, quadrieren mit `** 2`, davon `np.mean(...)` – in einer Zeile.",
    ],
    alternatives=[
        Right(_mse_loop, why="a plain Python loop over the flattened errors"),
        Right(_mse_square, why="np.square / np.subtract and .mean(), prediction minus truth"),
    ],
    wrong=[
        Wrong(_mse_mae, expect="MAE"),
        Wrong(_mse_rmse, expect="RMSE"),
        Wrong(_mse_sum, expect="Summe"),
        Wrong(_mse_square_of_mean, expect="heben sich"),
        Wrong(_mse_in_place, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_mse_sklearn, expect="selbst in NumPy", instruction=True),
        Wrong(lazy(_mse_sklearn_alias), expect="3-D"),
        Wrong(_mse_axis0, expect="Zahl"),
        Wrong(_mse_text, expect="Text"),
    ],
)


# -- Binäre Kreuzentropie -------------------------------------------------------------------


def _bce(y_true, p):
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), EPS, 1 - EPS)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


_BCE_PROBE = (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.4]))

_bce_cases = FunctionExercise(
    title="Binäre Kreuzentropie (Testfälle)",
    reference=from_solution("binary_crossentropy", lesson="2.3"),
    cases=[
        Case(*_BCE_PROBE).named("vier Beispiele, p zwischen 0 und 1"),
        Case(np.array([1.0, 0.0]), np.array([0.0, 1.0])).named(
            "p = 0 bei y = 1 und p = 1 bei y = 0: ohne Begrenzung ist log(0) = −∞; begrenze p auf [1e-7, 1 − 1e-7]"
        ),
        Case(np.array([0.0, 1.0]), np.array([0.0, 1.0])).named(
            "sicher und richtig (p = 0 bei y = 0, p = 1 bei y = 1): ohne Begrenzung wird 0 · log(0) zu NaN"
        ),
        Case(np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]]), np.array([[0.8, 0.1], [0.3, 0.2], [0.7, 0.95]])).named(
            "Multi-Label, Form (3, 2): Mittel über alle Elemente"
        ),
        Case(np.array([1, 0, 1]), np.array([0.5, 0.5, 0.5])).named("ganzzahlige Labels, p = 0,5: ln 2"),
        Case(np.array([[[1.0], [0.0]], [[0.0], [1.0]]]), np.array([[[0.7], [0.4]], [[0.1], [0.99]]])).named(
            "3-D, Form (2, 2, 1): Mittel über alle Elemente"
        ),
    ],
    rtol=1e-5,
    atol=1e-6,
    forbid=["binary_crossentropy", "BinaryCrossentropy", "losses", "log_loss", "metrics"],
    forbid_reason="Die Aufgabe verlangt, die Kreuzentropie selbst in NumPy zu schreiben",
)

_BCE_VARIANTS = [
    (lambda t, p: -_bce(t, p), "Das Vorzeichen fehlt: log(p) ist negativ, der Verlust davor hat ein Minus."),
    (lambda t, p: float(np.mean(-(t * np.log10(p) + (1 - t) * np.log10(1 - p)))),
     "Du rechnest mit `np.log10`; die Kreuzentropie verwendet den natürlichen Logarithmus `np.log`."),
    (lambda t, p: float(np.mean(-(t * np.log(p)))),
     "Der Teil für y = 0 fehlt: Auch `(1 - y) * log(1 - p)` gehört dazu."),
    (lambda t, p: float(np.sum(-(t * np.log(p) + (1 - t) * np.log(1 - p)))),
     "Das ist die Summe über die Beispiele – gesucht ist der Mittelwert (`np.mean`)."),
    (lambda t, p: float(np.mean((t - p) ** 2)), "Das ist der MSE der Wahrscheinlichkeiten, nicht die Kreuzentropie."),
]


def _bce_unclipped(y_true, p):
    with np.errstate(divide="ignore", invalid="ignore"):  # what a learner would see as a warning
        return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def _bce_log10(y_true, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.mean(-(y_true * np.log10(p) + (1 - y_true) * np.log10(1 - p)))


def _bce_only_positive(y_true, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.mean(-y_true * np.log(p))


def _bce_clip_in_place(y_true, p):
    np.clip(p, 1e-7, 1 - 1e-7, out=p)
    return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def _bce_keras(y_true, p):
    import keras

    return float(keras.ops.mean(keras.losses.binary_crossentropy(y_true, p)))


def _bce_where(y_true, p):
    p = np.minimum(np.maximum(np.asarray(p, dtype=float), 1e-7), 1 - 1e-7)
    y = np.asarray(y_true, dtype=float)
    return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))


def _bce_loop(y_true, p):
    summe, anzahl = 0.0, 0
    for y, q in zip(np.ravel(y_true), np.ravel(p)):
        q = min(max(float(q), 1e-7), 1 - 1e-7)
        summe += -(y * np.log(q) + (1 - y) * np.log(1 - q))
        anzahl += 1
    return summe / anzahl


def _bce_tiny_eps(y_true, p):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


binary_crossentropy = CustomExercise(
    title="Die binäre Kreuzentropie in NumPy schreiben – mit Begrenzung",
    check=_diagnosed(_bce_cases, _BCE_PROBE, _BCE_VARIANTS),
    reference=from_solution(),
    hints=[
        "Zwei Schritte: erst p begrenzen (mit einer Funktion, die ein *neues* Array liefert), dann die Formel "
        "aus der Tabelle elementweise ausrechnen und mitteln.",
        "Ohne Begrenzung liefert `np.log(0)` minus unendlich und `0 * np.log(0)` NaN. Keras begrenzt mit "
        "ε = 1e-7 (`keras.config.epsilon()`); `np.clip(p, 1e-7, 1 - 1e-7)` lässt die Eingabe in Ruhe.",
        "Nach dem Begrenzen: `-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))` und davon `np.mean(...)`.",
    ],
    alternatives=[
        Right(_bce_where, why="np.minimum/np.maximum and np.where instead of clip and the sum formula"),
        Right(_bce_loop, why="a Python loop over the elements"),
    ],
    wrong=[
        Wrong(_bce_keras, expect="selbst in NumPy", instruction=True),
        Wrong(_bce_unclipped, expect="begrenze p"),
        Wrong(_bce_log10, expect="np.log10"),
        Wrong(_bce_only_positive, expect="(1 - y) * log(1 - p)"),
        Wrong(_bce_clip_in_place, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_bce_tiny_eps, expect="[1e-7, 1 − 1e-7]"),
    ],
)


# -- One-hot --------------------------------------------------------------------------------


def _one_hot_from_max(labels, anzahl_klassen):
    return np.eye(labels.max() + 1)[labels]


def _one_hot_transposed(labels, anzahl_klassen):
    return np.eye(anzahl_klassen)[:, labels]


def _one_hot_shifted(labels, anzahl_klassen):
    return np.eye(anzahl_klassen)[labels - 1]


def _one_hot_unique(labels, anzahl_klassen):
    klassen = np.unique(labels)
    return (np.asarray(labels)[:, None] == klassen[None, :]).astype("float32")


def _one_hot_list(labels, anzahl_klassen):
    return np.eye(anzahl_klassen)[labels].tolist()


def _one_hot_loop(labels, anzahl_klassen):
    ergebnis = np.zeros((len(labels), anzahl_klassen), dtype="uint8")
    for i, label in enumerate(labels):
        ergebnis[i, label] = 1
    return ergebnis


def _one_hot_keras_with_classes():
    import keras

    return lambda labels, anzahl_klassen: keras.utils.to_categorical(labels, num_classes=anzahl_klassen)


def _one_hot_keras_without_classes():
    import keras

    return lambda labels, anzahl_klassen: keras.utils.to_categorical(labels)


one_hot = FunctionExercise(
    title="Ganzzahlige Labels in One-hot-Vektoren umwandeln",
    reference=from_solution(),
    cases=[
        Case(np.array([0, 2, 1, 2]), 3).named("vier Labels, drei Klassen"),
        Case(np.array([1, 0]), 4).named("die höchste Klasse 3 kommt in den Labels nicht vor"),
        Case(np.array([7, 0, 9], dtype=np.uint8), 10).named("uint8-Labels wie bei MNIST"),
        Case(np.array([], dtype=np.int64), 3).named("keine Labels: Form (0, 3)"),
        Case(np.array([2, 2, 0]), 5).named("Klasse 1 fehlt zwischen den Labels, Klassen 3 und 4 am Ende"),
    ],
    hints=[
        "Die Zahl der Spalten steht fest: `anzahl_klassen`, nicht das größte Label. Überleg dir, welche Matrix "
        "schon in jeder Zeile genau eine 1 an der richtigen Stelle hat.",
        "Die Zeilen der Einheitsmatrix `np.eye(anzahl_klassen)` sind genau die One-hot-Vektoren: Zeile k hat "
        "eine 1 an Stelle k.",
        "Mit einem Array als Index holst du viele Zeilen auf einmal: `np.eye(anzahl_klassen)[labels]` hat die "
        "Form (Anzahl Labels, anzahl_klassen).",
    ],
    alternatives=[
        Right(_one_hot_loop, why="np.zeros and a loop setting one entry per row (uint8)"),
        Right(lazy(_one_hot_keras_with_classes), why="keras.utils.to_categorical with num_classes, as the lesson shows"),
    ],
    wrong=[
        Wrong(_one_hot_from_max, expect="Form", instruction=True),
        Wrong(_one_hot_unique, expect="Form"),
        Wrong(_one_hot_list, expect="list"),
        Wrong(_one_hot_transposed, expect="Form"),
        Wrong(_one_hot_shifted, expect="Wert"),
        Wrong(lazy(_one_hot_keras_without_classes), expect="höchste Klasse 3"),
    ],
)


# -- Ausgabeschicht und Verlust zur Aufgabe -------------------------------------------------

_TASKS = ("hauspreis", "spam", "ziffer", "ziffer_onehot", "genres")
# canonical names (as loss_name gives them for "mse", "MeanSquaredError", "mean_squared_error", …)
_REGRESSION_LOSSES = {
    "mean_squared_error", "mean_absolute_error", "huber", "huber_loss", "mean_squared_logarithmic_error",
}
_CLASSIFICATION_LOSSES = {
    "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "kl_divergence",
    "hinge",
}
_SHORT = {
    "mean_squared_error": "mse", "mean_absolute_error": "mae", "huber_loss": "huber",
    "mean_squared_logarithmic_error": "msle", "kullback_leibler_divergence": "kl_divergence",
}
_ACTIVATION_NAMES = {"linear": "linear", "none": "linear", "identity": "linear", "sigmoid": "sigmoid",
                     "softmax": "softmax", "relu": "relu", "tanh": "tanh"}


def _norm(text):
    if text is None:
        return "linear"
    return str(text).strip().lower().replace("-", "_").replace(" ", "_")


def _loss(text):
    """'mse', 'MeanSquaredError', 'mean_squared_error' → the canonical name; 'huber_loss' → 'huber' etc."""
    name = loss_name(str(text).strip().replace("-", "_").replace(" ", "_"))
    name = {"huber_loss": "huber", "kullback_leibler_divergence": "kl_divergence", "kld": "kl_divergence", "kldivergence": "kl_divergence",
            "logcosh": "log_cosh", "log_cosh_error": "log_cosh"}.get(name, name)
    return name


def _show(loss):
    return _SHORT.get(loss, loss)


def _judge_task(task: str, activation: str, loss_text: str) -> str | None:
    where = f"'{task}'"
    loss = _loss(loss_text)
    if loss not in _REGRESSION_LOSSES | _CLASSIFICATION_LOSSES:
        return f"{where}: unbekannter Verlust '{loss_text}' – nimm einen Namen aus der Tabelle, z. B. 'mse'"
    activation = _ACTIVATION_NAMES.get(activation, activation)
    if activation not in {"linear", "sigmoid", "softmax", "relu", "tanh"}:
        return f"{where}: unbekannte Aktivierung '{activation}' – linear, sigmoid oder softmax?"
    shown = _show(loss)
    if task == "hauspreis":
        if activation in ("sigmoid", "softmax", "tanh"):
            span = "−1 und 1" if activation == "tanh" else "0 und 1"
            return (f"{where}: {activation} liefert nur Werte zwischen {span} – ein Preis ist eine beliebige Zahl. "
                    "Für Regression bleibt die Ausgabe linear")
        if activation == "relu":
            return (f"{where}: relu am Ausgang gibt für alle negativen Werte 0 und dort den Gradienten 0 – eine "
                    "Vorhersage, die dort landet, lernt nicht mehr. Für Regression bleibt die Ausgabe linear")
        if loss not in _REGRESSION_LOSSES:
            return (f"{where}: {shown} ist ein Klassifikationsverlust – für Zahlenwerte mse, mae, huber "
                    "oder msle")
        return None
    if task in ("ziffer", "ziffer_onehot"):
        if activation != "softmax":
            return (f"{where}: Genau eine von 10 Klassen ist richtig, die 10 Wahrscheinlichkeiten sollen sich zu 1 "
                    f"addieren – das leistet softmax, nicht {activation}")
        if loss in _REGRESSION_LOSSES:
            return f"{where}: {shown} ist ein Regressionsverlust – für Klassen nimm eine Kreuzentropie"
        if task == "ziffer" and loss == "categorical_crossentropy":
            return (f"{where}: Die Labels sind ganze Zahlen 0–9; categorical_crossentropy erwartet "
                    "One-hot-Vektoren. Für ganze Zahlen: sparse_categorical_crossentropy")
        if task == "ziffer_onehot" and loss == "sparse_categorical_crossentropy":
            return (f"{where}: Die Labels sind One-hot-Vektoren; sparse_categorical_crossentropy erwartet ganze "
                    "Zahlen. Für One-hot: categorical_crossentropy")
        wanted = "sparse_categorical_crossentropy" if task == "ziffer" else "categorical_crossentropy"
        if loss != wanted:
            return f"{where}: Zu softmax über 10 Klassen gehört die kategoriale Kreuzentropie, nicht {shown}"
        return None
    if task == "spam":
        if activation == "softmax":
            return (f"{where}: softmax über ein einziges Ausgabeneuron ergibt immer 1 – das Netz kann nichts lernen. "
                    "Für eine Ja/Nein-Frage mit einem Neuron: sigmoid")
        if activation != "sigmoid":
            return f"{where}: Die Ausgabe soll eine Wahrscheinlichkeit zwischen 0 und 1 sein – sigmoid, nicht {activation}"
        if loss != "binary_crossentropy":
            return f"{where}: Zu einem Sigmoid-Neuron mit Labels 0/1 gehört binary_crossentropy, nicht {shown}"
        return None
    if task == "genres":
        if activation == "softmax":
            return (f"{where}: Multi-Label – mehrere Genres können zugleich stimmen. softmax zwingt die Summe auf 1, "
                    "die Genres würden sich gegenseitig verdrängen. Jedes Genre ist eine eigene Ja/Nein-Frage: sigmoid")
        if activation != "sigmoid":
            return f"{where}: Pro Genre eine Wahrscheinlichkeit zwischen 0 und 1 – sigmoid, nicht {activation}"
        if loss != "binary_crossentropy":
            return (f"{where}: Multi-Label: Jedes Genre ist eine eigene Ja/Nein-Frage, also binary_crossentropy "
                    f"über alle Ausgabeneuronen, nicht {shown}")
        return None
    return None  # pragma: no cover


def _check_ausgabe(answer) -> str | None:
    if not isinstance(answer, dict):
        raise Falsch(f"Erwartet wird ein dict wie {{'hauspreis': ('linear', 'mse'), …}}, erhalten: {short(answer)}")
    missing = [t for t in _TASKS if t not in answer]
    if missing:
        return f"Es fehlt die Aufgabe {', '.join(repr(t) for t in missing)}"
    extra = [k for k in answer if k not in _TASKS]
    if extra:
        return f"Unbekannter Schlüssel {', '.join(repr(k) for k in extra)} – erlaubt sind {', '.join(_TASKS)}"
    for task in _TASKS:
        value = answer[task]
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            return f"'{task}': erwartet wird ein Paar (aktivierung, verlust), erhalten: {short(value)}"
        if not all(isinstance(v, str) for v in value[1:]) or not (value[0] is None or isinstance(value[0], str)):
            return (f"'{task}': gib Aktivierung und Verlust als Text an, z. B. ('sigmoid', 'binary_crossentropy'), "
                    f"erhalten: {short(value)}")
        reason = _judge_task(task, _norm(value[0]), value[1])
        if reason:
            return reason
    return None


_RIGHT = {
    "hauspreis": ("linear", "mse"),
    "spam": ("sigmoid", "binary_crossentropy"),
    "ziffer": ("softmax", "sparse_categorical_crossentropy"),
    "ziffer_onehot": ("softmax", "categorical_crossentropy"),
    "genres": ("sigmoid", "binary_crossentropy"),
}


def _with(**changes):
    return {**_RIGHT, **changes}


def _as_objects():
    import keras

    return _with(hauspreis=("linear", keras.losses.MeanSquaredError()))


ausgabe_und_verlust = CustomExercise(
    title="Ausgabeschicht und Verlust passend zur Aufgabe",
    check=_check_ausgabe,
    reference=lazy(lambda: dict(_RIGHT)),
    hints=[
        "Frag bei jeder Aufgabe zuerst: Ist das Ergebnis eine Zahl (Regression), eine Ja/Nein-Frage, genau eine "
        "von vielen Klassen oder mehrere Klassen zugleich? Die Tabelle darüber ordnet jedem Fall eine Zeile zu.",
        "Regression → linear; eine Ja/Nein-Frage → sigmoid; genau eine von vielen Klassen → "
        "softmax; mehrere Klassen zugleich → sigmoid pro Klasse.",
        "Bei softmax entscheidet die Form der Labels: ganze Zahlen → sparse_categorical_crossentropy, "
        "One-hot-Vektoren → categorical_crossentropy.",
    ],
    alternatives=[
        Right(lazy(lambda: _with(hauspreis=("linear", "msle"))), why="MSLE: the lesson recommends it for prices"),
        Right(lazy(lambda: _with(hauspreis=(None, "huber"), spam=("sigmoid", "BinaryCrossentropy"),
                                 ziffer_onehot=("softmax", "CategoricalCrossentropy"))),
              why="None for linear, losses by their class names"),
        Right(lazy(lambda: _with(hauspreis=("linear", "mean_absolute_error"), genres=("sigmoid", "bce"))),
              why="long name and Keras' alias"),
    ],
    wrong=[
        Wrong(lazy(_as_objects), expect="als Text", instruction=True),
        Wrong(lazy(lambda: _with(hauspreis=("relu", "mse"))), expect="relu am Ausgang"),
        Wrong(lazy(lambda: _with(spam=("sigmoid", "mse"))), expect="binary_crossentropy, nicht mse"),
        Wrong(lazy(lambda: _with(genres=("softmax", "categorical_crossentropy"))), expect="Multi-Label"),
        Wrong(lazy(lambda: _with(ziffer=("softmax", "categorical_crossentropy"))), expect="sparse_categorical"),
        Wrong(lazy(lambda: _with(spam=("softmax", "binary_crossentropy"))), expect="immer 1"),
        Wrong(lazy(lambda: _with(hauspreis=("sigmoid", "mse"))), expect="zwischen 0 und 1"),
        Wrong(lazy(lambda: {k: v for k, v in _RIGHT.items() if k != "genres"}), expect="fehlt"),
    ],
)


# -- Denkfrage ------------------------------------------------------------------------------

genauigkeit_als_verlust = ThoughtQuestion(
    title="Warum trainiert man nicht direkt auf die Genauigkeit?",
)

"""Exercises of lesson 3.1 "Rückblick: stabiles Training".

Three functions written in NumPy (the gradient of a sigmoid chain, clipping by
the global norm, LayerNormalization) are run on test cases; a wrong result is
run once more on a few diagnostic inputs, and if it equals a typical mistake
(per-tensor clipping, BatchNorm's axis, ε outside the root, …) the verdict names
that mistake. The initializer exercise draws weights from the learner's
initializer and measures their variance. Keras is imported inside functions only.

Instructions of the task texts that are enforced: "nach der Produktformel, ohne
automatisches Differenzieren" (source: no GradientTape/grad/chain_gradients), "als
Zahl" (a number, not text or a list), "verändere die Arrays nicht" and "als neue
Liste" (clip_global: mutation and identity), "mit NumPy, ohne tf.clip_by_global_norm"
and "ohne die Keras-Schicht" (source, and NumPy arrays as results), "nimm das
übergebene eps" (cases with other eps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dlkurs.exercises import (
    Case,
    CustomExercise,
    FALSCH,
    Falsch,
    FunctionExercise,
    NICHT_BEARBEITET,
    NotAttempted,
    RICHTIG,
    Right,
    ThoughtQuestion,
    Wrong,
    call_answer,
    contains_placeholder,
    from_solution,
    lazy,
    short,
    to_numpy,
)


def _same(a: Any, b: Any, rtol: float, atol: float) -> bool:
    """Whether two results (numbers, arrays or lists of them) agree; NaN equals NaN."""
    if isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and len(a) == len(b) and all(_same(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, (str, bytes, list, tuple, dict)) or a is None:  # text is no number, a list no array
        return False
    try:
        a, b = np.asarray(to_numpy(a), dtype=float), np.asarray(b, dtype=float)
    except Exception:
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _diagnosed(cases: FunctionExercise, probes: Sequence[tuple], variants: Sequence[tuple[Callable, str]],
               rtol: float, atol: float, before: Callable[[Any], str | None] | None = None,
               first: Callable[[Any], str | None] | None = None):
    """A check: ``cases`` decides; if the answer equals a variant on every probe, the variant's message is added.

    before: an optional first look at the function (e.g. at its result on the first probe) that
    may return a more specific reason than the cases would give.
    first: an optional look at the function *before* the cases (the type of its result, whether
    it returns its own input list): an instruction the cases cannot see.
    """

    def check(fn):
        if first is not None and callable(fn):
            special = first(fn)
            if special:
                return special
        verdict = cases.evaluate(fn)
        if verdict.status == RICHTIG:
            return None
        if verdict.status == NICHT_BEARBEITET:
            raise NotAttempted()
        if verdict.status != FALSCH:
            return verdict.message
        reason = verdict.message.rstrip(".")
        if before is not None:
            special = before(fn)
            if special:
                return special
        try:
            results = [call_answer(fn, *_copy(probe), timeout=5) for probe in probes]
        except (Falsch, NotAttempted):
            return reason
        reference = cases.reference_fn
        try:
            if reference is not None and all(_same(got, reference(*_copy(probe)), rtol, atol)
                                             for got, probe in zip(results, probes)):
                return reason  # right on the probes: the mistake is elsewhere, no variant describes it
        except Exception:
            pass
        for variant, message in variants:
            try:
                if all(_same(got, variant(*_copy(probe)), rtol, atol) for got, probe in zip(results, probes)):
                    return f"{reason}. {message}"
            except Exception:  # a variant that fails on a probe does not describe the answer
                continue
        return reason

    return check


def _copy(args: tuple) -> list:
    return [[np.array(g, copy=True) for g in a] if isinstance(a, list) else np.array(a, copy=True)
            if isinstance(a, np.ndarray) else a for a in args]


# -- 1. the gradient of a sigmoid chain ------------------------------------------------------


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _chain(x, w, b, factor: Callable[[float, float, float], float], combine=np.prod):
    a, factors = x, []
    for w_k, b_k in zip(w, b):
        z = w_k * a + b_k
        a = _sigmoid(z)
        factors.append(factor(w_k, z, a))
    return float(combine(factors)) if factors else 1.0


def _kette_ohne_gewichte(x, w, b):
    return _chain(x, w, b, lambda w_k, z, a: a * (1 - a))


def _kette_sigma_statt_ableitung(x, w, b):
    return _chain(x, w, b, lambda w_k, z, a: w_k * a)


def _kette_ableitung_an_a(x, w, b):
    return _chain(x, w, b, lambda w_k, z, a: w_k * _sigmoid(a) * (1 - _sigmoid(a)))


def _kette_summe(x, w, b):
    return _chain(x, w, b, lambda w_k, z, a: w_k * a * (1 - a), combine=np.sum)


def _kette_ohne_bias(x, w, b):
    return _chain(x, w, np.zeros(len(w)), lambda w_k, z, a: w_k * a * (1 - a))


def _kette_wert(x, w, b):
    return _chain(x, w, b, lambda w_k, z, a: a, combine=lambda f: f[-1])


def _kette_schranke(x, w, b):
    return float(np.prod(np.asarray(w, dtype=float) * 0.25)) if len(w) else 1.0


def _kette_numerisch(x, w, b):
    """A central difference quotient of the chain's value: no product formula at all."""
    h = 1e-5
    return (_kette_wert(x + h, w, b) - _kette_wert(x - h, w, b)) / (2 * h) if len(w) else 1.0


def _kette_autodiff(x, w, b):
    """The right number, by automatic differentiation – which the task rules out."""
    import tensorflow as tf

    x = tf.Variable(float(x), dtype="float64")
    with tf.GradientTape() as band:
        a = x
        for w_k, b_k in zip(w, b):
            a = tf.sigmoid(float(w_k) * a + float(b_k))
    gradient = band.gradient(a, x)
    return 1.0 if gradient is None else float(gradient.numpy())


def _kette_rekursiv(x, w, b):
    """A correct alternative: recursion over the chain."""
    if len(w) == 0:
        return 1.0
    a = 1 / (1 + np.exp(-(w[0] * x + b[0])))
    return w[0] * a * (1 - a) * _kette_rekursiv(a, w[1:], b[1:])


def _kette_math(x, w, b):
    """A correct alternative: plain Python floats, σ'(z) written as e^(−z) / (1 + e^(−z))²."""
    import math

    a, produkt = float(x), 1.0
    for w_k, b_k in zip(list(w), list(b)):
        z = float(w_k) * a + float(b_k)
        produkt *= float(w_k) * math.exp(-z) / (1 + math.exp(-z)) ** 2
        a = 1 / (1 + math.exp(-z))
    return produkt


_KETTE_PROBES = [
    (-1.0, np.array([2.0, -3.0, 0.5]), np.array([0.1, 0.0, -1.0])),
    (0.5, np.array([1.5, 0.8]), np.array([0.0, 0.0])),
]

_kette_cases = FunctionExercise(
    title="Gradient der Sigmoid-Kette (Testfälle)",
    reference=from_solution("kette_gradient", lesson="3.1"),
    cases=[
        Case(0.5, np.ones(1), np.zeros(1)).named("ein Neuron, w = 1, b = 0"),
        Case(0.5, np.ones(10), np.zeros(10)).named("zehn Neuronen, w = 1, b = 0"),
        Case(*_KETTE_PROBES[0]).named("negative Gewichte, Biases ≠ 0"),
        Case(0.3, [1.5, -0.5], [0.2, 0.4]).named("Listen statt Arrays"),
        Case(2.0, np.array([]), np.array([])).named("Kette der Länge 0: d a_0 / d x = 1"),
        Case(0.5, np.ones(40), np.zeros(40)).named("40 Neuronen: winzig, aber nicht 0"),
    ],
    forbid=["GradientTape", "gradient", "chain_gradients", "grad", "value_and_grad", "jacobian", "vjp", "jvp"],
    forbid_reason="Die Aufgabe verlangt die Produktformel, ohne automatisches Differenzieren",
    # relative tolerance: a right answer in float64 agrees to ~1e-15, in float32 to ~1e-6
    # (estimated, not measured: 40 float32 factors, relative error ~4e-6); the closest declared mistake
    # (no bias, on the probe with b ≠ 0) is off by 14 %. atol 0: the 40-neuron case is 1e-27.
    rtol=5e-5,
    atol=0.0,
)

_KETTE_VARIANTS = [
    (_kette_ohne_gewichte, "Jede Schicht steuert den Faktor w_k · σ'(z_k) bei – das Gewicht w_k fehlt (innere Ableitung)."),
    (_kette_sigma_statt_ableitung, "Du multiplizierst σ(z_k) – gebraucht wird die Ableitung σ'(z_k) = σ(z_k)(1 − σ(z_k))."),
    (_kette_ableitung_an_a, "σ' wird an der Stelle z_k = w_k · a_(k−1) + b_k gebraucht, nicht an der Ausgabe a_k."),
    (_kette_summe, "Die Faktoren der Schichten werden multipliziert (Kettenregel), nicht addiert: ein Produkt."),
    (_kette_ohne_bias, "Der Bias b_k fehlt in z_k = w_k · a_(k−1) + b_k."),
    (_kette_wert, "Das ist der Wert a_n der Kette, nicht ihre Ableitung d a_n / d x."),
    (_kette_schranke, "0,25 ist nur die obere Schranke von σ'; rechne σ'(z_k) an der tatsächlichen Stelle z_k aus."),
]

def _kette_before(fn) -> str | None:
    """Right for short chains, far off for a long one: the pattern of a difference quotient."""
    richtig = _kette_cases.reference_fn
    if richtig is None:
        return None
    try:
        kurz = [call_answer(fn, *_copy(probe), timeout=5) for probe in _KETTE_PROBES]
        lang = call_answer(fn, 0.5, np.ones(40), np.zeros(40), timeout=5)
        erwartet = richtig(0.5, np.ones(40), np.zeros(40))
        nah = all(_same(got, richtig(*_copy(probe)), 1e-3, 0.0) for got, probe in zip(kurz, _KETTE_PROBES))
        lang = float(np.asarray(to_numpy(lang), dtype=float))
    except (Falsch, NotAttempted, TypeError, ValueError):
        return None
    if nah and not np.isclose(lang, erwartet, rtol=0.5, atol=0.0):
        return (f"Für kurze Ketten stimmt dein Ergebnis fast, für 40 Neuronen aber nicht ({lang:.3g} statt "
                f"{erwartet:.3g}). Das passiert mit einem Differenzenquotienten (a_n(x + h) − a_n(x − h)) / 2h: "
                "Der winzige Gradient geht im Rundungsfehler unter. Die Aufgabe verlangt die Produktformel")
    return None


kette_gradient = CustomExercise(
    title="Der Gradient einer Sigmoid-Kette",
    check=_diagnosed(_kette_cases, _KETTE_PROBES, _KETTE_VARIANTS, rtol=1e-6, atol=0.0, before=_kette_before),
    reference=from_solution(),
    hints=[
        "Gehe die Kette von vorne nach hinten durch: In jeder Schicht brauchst du z_k (aus der Ausgabe der "
        "vorigen Schicht) und a_k = σ(z_k). Merke dir nebenbei das Produkt der Faktoren.",
        "Der Faktor der Schicht k ist w_k · σ'(z_k), und σ'(z_k) = a_k · (1 − a_k). Starte das Produkt bei 1 – "
        "dann ist auch die Kette der Länge 0 richtig.",
    ],
    wrong=[
        Wrong(_kette_autodiff, expect="ohne automatisches Differenzieren", instruction=True),
        Wrong(_kette_numerisch, expect="Differenzenquotient", instruction=True),
        Wrong(_kette_ohne_gewichte, expect="Gewicht w_k fehlt"),
        Wrong(_kette_sigma_statt_ableitung, expect="Ableitung σ'"),
        Wrong(_kette_ohne_bias, expect="Bias"),
        Wrong(_kette_summe, expect="Produkt"),
        Wrong(_kette_ableitung_an_a, expect="nicht an der Ausgabe"),
        Wrong(lambda x, w, b: str(_kette_rekursiv(x, w, b)), expect="Typ str statt float"),
    ],
    alternatives=[
        Right(_kette_rekursiv, why="recursion over the chain instead of a loop"),
        Right(_kette_math, why="Python floats and math.exp, σ' written as e^(-z) / (1 + e^(-z))^2"),
    ],
)


# -- 2. the initializer for a ReLU net -------------------------------------------------------

#: shapes (fan_in, fan_out) the initializer is sampled at: wide, narrow and square, so that a
#: variance that depends on fan_out (Glorot) or on no fan at all (a fixed stddev) shows
_INIT_SHAPES = [(64, 1024), (1024, 64), (256, 256)]

#: measured variance / (2 / fan_in) must lie in this band. Right answers (he_normal, he_uniform,
#: HeNormal(seed), VarianceScaling(2, "fan_in", "untruncated_normal"), 10 seeds each) gave
#: 0.996 … 1.009 in the worst of the three shapes; the closest wrong answers gave at most
#: 0.50 (glorot_*, lecun_*: square shape) or at least 1.28 (RandomNormal(0.05): fan_in 1024),
#: VarianceScaling(2, "fan_avg") 0.12 at (64, 1024).
INIT_BAND = (0.85, 1.15)


def _resolve_initializer(answer: Any):
    import keras

    if isinstance(answer, bool) or answer is None or isinstance(answer, (int, float, list, tuple, np.ndarray)):
        raise Falsch(
            f"Erwartet wird ein Initialisierer – ein Name wie in kernel_initializer=\"…\" oder ein Objekt aus "
            f"keras.initializers –, erhalten: {short(answer)}"
        )
    try:
        init = keras.initializers.get(answer)
    except Exception:
        raise Falsch(f"Keras kennt keinen Initialisierer {short(answer)} – schreib den Namen wie in "
                     "keras.initializers (klein mit Unterstrich, z. B. \"glorot_uniform\")") from None
    if init is None or not callable(init):
        raise Falsch(f"{short(answer)} ist kein Initialisierer")
    return init


def _check_relu_init(answer: Any) -> str | None:
    import keras

    if contains_placeholder(answer):
        raise NotAttempted()
    init = _resolve_initializer(answer)
    ratios, variances = [], []
    for fan_in, fan_out in _INIT_SHAPES:
        try:
            weights = call_answer(init, (fan_in, fan_out), dtype="float32", timeout=10)
        except Falsch as err:
            raise Falsch(f"Der Initialisierer lässt sich nicht aufrufen: {err}") from None
        try:
            weights = np.asarray(keras.ops.convert_to_numpy(weights), dtype="float64")
        except Exception:
            return f"Der Initialisierer liefert keine Zahlen, sondern {short(weights)}"
        if weights.shape != (fan_in, fan_out):
            return f"Der Initialisierer liefert für die Form ({fan_in}, {fan_out}) ein Array der Form {weights.shape}"
        if not np.all(np.isfinite(weights)):
            return "Der Initialisierer liefert nan oder unendliche Gewichte"
        if np.all(weights == weights.flat[0]):
            return (
                f"Alle Gewichte sind gleich ({weights.flat[0]:g}) – dann rechnen alle Neuronen einer Schicht "
                "dasselbe und bleiben gleich (Symmetrie); Startgewichte müssen zufällig sein"
            )
        if abs(weights.mean()) > 0.1 * weights.std():
            return f"Die Gewichte haben den Mittelwert {weights.mean():.3g} statt etwa 0"
        variances.append(weights.var())
        ratios.append(weights.var() / (2.0 / fan_in))
    if all(INIT_BAND[0] <= r <= INIT_BAND[1] for r in ratios):
        return None
    worst = int(np.argmax([abs(np.log(r)) for r in ratios]))
    fan_in, fan_out = _INIT_SHAPES[worst]
    measured = (
        f"Bei {fan_in} Eingängen und {fan_out} Ausgängen haben die Gewichte die Varianz {variances[worst]:.3g}; "
        f"damit das Signal in einem ReLU-Netz gleich stark bleibt, braucht es 2 / n_in = {2.0 / fan_in:.3g} "
        f"(Faktor {ratios[worst]:.2f})."
    )
    square = ratios[_INIT_SHAPES.index((256, 256))]
    if all(0.4 < r < 0.6 for r in ratios):
        tip = ("Das ist die Varianz 1 / n_in (LeCun): gut für lineare Schichten und SELU. ReLU setzt die Hälfte der "
               "Ausgaben auf 0 und braucht deshalb die doppelte Varianz")
    elif 0.4 < square < 0.6:
        tip = ("Das ist die Varianz von Glorot, 2 / (n_in + n_out): für tanh und Sigmoid gedacht. ReLU setzt die "
               "Hälfte der Ausgaben auf 0 und braucht 2 / n_in – bei gleich vielen Ein- und Ausgängen die doppelte "
               "Varianz")
    else:
        tip = ("Die Varianz muss sich nach der Zahl der Eingänge n_in richten – eine feste Streuung oder eine, die "
               "auch von n_out abhängt, passt nicht zu jeder Schichtbreite")
    return f"{measured} {tip}"


def _initializer(name: str, **kwargs):
    def build():
        import keras

        return getattr(keras.initializers, name)(**kwargs)

    return build


def _lazy_init(name: str, **kwargs):
    return lazy(_initializer(name, **kwargs))


def _he_von_hand(shape, dtype=None):
    """A correct alternative: a plain function (Dense accepts any callable) drawing N(0, 2 / fan_in)."""
    return np.random.normal(0.0, np.sqrt(2.0 / shape[0]), size=shape).astype(dtype or "float32")


relu_init = CustomExercise(
    title="Die Initialisierung für ein tiefes ReLU-Netz",
    check=_check_relu_init,
    hints=[
        "Die Standardinitialisierung von Keras (Glorot) ist für tanh und Sigmoid gedacht. Für ReLU gibt es eine "
        "eigene, benannt nach Kaiming He.",
        "In Keras heißt sie \"he_normal\" oder \"he_uniform\" (oder keras.initializers.HeNormal()).",
    ],
    wrong=[
        Wrong("glorot_uniform", expect="Glorot"),
        Wrong("zeros", expect="Symmetrie"),
        Wrong("lecun_normal", expect="doppelte Varianz"),
        Wrong(_lazy_init("RandomNormal", stddev=0.05), expect="Zahl der Eingänge"),
        Wrong(_lazy_init("VarianceScaling", scale=2.0, mode="fan_avg"), expect="Zahl der Eingänge"),
        Wrong("he_normaal", expect="kennt keinen"),
        # breaks "so, wie du sie Dense(..., kernel_initializer=...) übergeben würdest": a bare stddev
        Wrong(0.125, expect="Erwartet wird ein Initialisierer", instruction=True),
    ],
    alternatives=[
        Right("he_uniform", why="the uniform variant of He"),
        Right(_lazy_init("HeNormal", seed=7), why="an initializer object with a seed"),
        Right(_lazy_init("VarianceScaling", scale=2.0, mode="fan_in", distribution="truncated_normal"),
              why="He spelled out as VarianceScaling(2, fan_in)"),
        Right(_he_von_hand, why="a plain function drawing N(0, 2 / fan_in)"),
    ],
)

warum_he = ThoughtQuestion(title="Warum He für ReLU?")


# -- 3. clipping by the global norm ----------------------------------------------------------


def _global_length(grads) -> float:
    return float(np.sqrt(sum(np.sum(np.square(np.asarray(g, dtype=float))) for g in grads)))


def _clip_je_tensor(gradienten, max_norm):
    result = []
    for g in gradienten:
        n = np.linalg.norm(g)
        result.append(g * max_norm / n if n > max_norm else g.copy())
    return result


def _clip_werte(gradienten, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in gradienten]


def _clip_immer(gradienten, max_norm):
    laenge = _global_length(gradienten)
    return [g * max_norm / laenge for g in gradienten]


def _clip_summe_der_normen(gradienten, max_norm):
    laenge = sum(float(np.linalg.norm(g)) for g in gradienten)
    faktor = max_norm / max(laenge, max_norm)
    return [g * faktor for g in gradienten]


def _clip_an_ort(gradienten, max_norm):
    faktor = max_norm / max(_global_length(gradienten), max_norm)
    for g in gradienten:
        g *= faktor
    return gradienten


def _clip_wie_tf(gradienten, max_norm):
    laenge = _global_length(gradienten)
    faktor = max_norm / max(laenge, max_norm)
    return [g * faktor for g in gradienten], laenge


def _clip_null_division(gradienten, max_norm):
    laenge = _global_length(gradienten)
    with np.errstate(divide="ignore", invalid="ignore"):
        faktor = np.minimum(1.0, max_norm / np.float64(laenge)) if laenge else np.float64("nan")
    return [g * faktor for g in gradienten]


def _clip_gleiche_liste(gradienten, max_norm):
    """Right numbers, but the caller's own list back when nothing is clipped ("als neue Liste")."""
    laenge = _global_length(gradienten)
    if laenge <= max_norm:
        return gradienten
    return [g * (max_norm / laenge) for g in gradienten]


def _clip_mit_tf(gradienten, max_norm):
    """Right numbers from tf.clip_by_global_norm – the task asks for the computation in NumPy."""
    import tensorflow as tf

    begrenzt, _ = tf.clip_by_global_norm([tf.constant(g) for g in gradienten], max_norm)
    return [g.numpy() for g in begrenzt]


def _clip_als_listen(gradienten, max_norm):
    """Right numbers as nested Python lists instead of arrays."""
    faktor = max_norm / max(_global_length(gradienten), max_norm)
    return [(g * faktor).tolist() for g in gradienten]


def _clip_flach(gradienten, max_norm):
    """A correct alternative: one long vector for the length, np.linalg.norm, an if instead of max."""
    laenge = np.linalg.norm(np.concatenate([np.ravel(g) for g in gradienten])) if gradienten else 0.0
    if laenge > max_norm:
        return [g * (max_norm / laenge) for g in gradienten]
    return [g.copy() for g in gradienten]


_CLIP_PROBES = [
    ([np.array([3.0, 4.0]), np.array([0.0, 12.0])], 1.0),
    ([np.array([0.3, 0.4]), np.array([0.0, 0.0])], 1.0),
    ([np.array([0.3, 0.3]), np.array([0.3, 0.3])], 0.5),
]


def _mixed_shapes() -> list[np.ndarray]:
    rng = np.random.default_rng(31)
    return [(10 * rng.normal(size=(3, 2))).astype("float32"), rng.normal(size=4).astype("float32"),
            rng.normal(size=(2, 2, 2)).astype("float32")]


_clip_cases = FunctionExercise(
    title="Clipping mit der globalen Norm (Testfälle)",
    reference=from_solution("clip_global", lesson="3.1"),
    cases=[
        Case(*_CLIP_PROBES[0]).named("Längen 5 und 12, zusammen 13, max_norm = 1"),
        Case(*_CLIP_PROBES[1]).named("schon kürzer als max_norm: unverändert"),
        Case(*_CLIP_PROBES[2]).named("jeder Tensor für sich kurz genug (0,42), zusammen zu lang (0,6)"),
        Case([np.array([3.0, 4.0])], 5.0).named("genau max_norm lang"),
        Case([np.zeros((3, 2)), np.zeros(2)], 1.0).named("lauter Nullen"),
        Case(_mixed_shapes(), 2.5).named("drei Formen, float32"),
    ],
    # float32 inputs: a right answer agrees to ~1e-7 relative (estimated, not measured); the closest
    # declared mistake (sum of the norms, case 1) is off by 24 %.
    rtol=1e-5,
    atol=1e-7,
    forbid=["clip_by_global_norm", "clip_by_norm", "clip_by_value"],
    forbid_reason="Die Aufgabe verlangt die Rechnung selbst in NumPy – tf.clip_by_global_norm kommt erst danach "
                  "zum Vergleich",
)

_CLIP_VARIANTS = [
    (_clip_je_tensor, "Du kürzt jeden Tensor für sich (wie clipnorm). Bei global_clipnorm zählt die Länge aller "
                      "Tensoren zusammen, und alle werden mit demselben Faktor multipliziert."),
    (_clip_werte, "Du schneidest einzelne Werte ab (wie clipvalue) – gesucht ist das Kürzen der gemeinsamen Länge."),
    (_clip_immer, "Du skalierst immer auf die Länge max_norm, auch wenn die Gradienten schon kürzer sind – dann "
                  "bleiben sie unverändert."),
    (_clip_summe_der_normen, "Die gemeinsame Länge ist die Wurzel aus der Summe aller Quadrate, nicht die Summe der "
                             "einzelnen Längen."),
]


def _clip_before(fn) -> str | None:
    """A pair (list, length) like tf.clip_by_global_norm gets its own message."""
    try:
        result = call_answer(fn, *_copy(_CLIP_PROBES[0]), timeout=5)
    except (Falsch, NotAttempted):
        return None
    if (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], (list, tuple))
            and np.ndim(to_numpy(result[1])) == 0):
        return ("Die Funktion gibt ein Paar (Liste, Länge) zurück wie tf.clip_by_global_norm – gefragt ist nur die "
                "Liste der begrenzten Gradienten")
    if not isinstance(result, (list, tuple)):
        return f"Erwartet wird eine Liste von Arrays (einer je Gradient), erhalten: {short(result)}"
    return None


def _clip_first(fn) -> str | None:
    """"als neue Liste" and "NumPy-Arrays": what the cases cannot see (they compare values only)."""
    for gradienten, max_norm in (_copy(_CLIP_PROBES[0]), _copy(_CLIP_PROBES[1])):
        vorher = [np.array(g, copy=True) for g in gradienten]
        result = call_answer(fn, gradienten, max_norm, timeout=5)  # an error or a hang: Falsch says so
        if any(not np.array_equal(g, v) for g, v in zip(gradienten, vorher)):
            return ("Die Funktion verändert ihre Eingabe: die übergebenen Arrays – rechne mit g * faktor "
                    "(neue Arrays), nicht mit g *= faktor")
        if isinstance(result, tuple) and len(result) == len(gradienten) and not (
                len(result) == 2 and isinstance(result[0], (list, tuple))):  # a pair (list, length): _clip_before
            return "Die Funktion gibt ein Tupel zurück – die Aufgabe verlangt eine Liste: [g * faktor for g in …]"
        if not isinstance(result, list) or len(result) != len(gradienten):
            return None  # wrong length or type: the cases and _clip_before say it
        if result is gradienten:
            return ("Die Funktion gibt die übergebene Liste selbst zurück – die Aufgabe verlangt eine neue Liste "
                    "(z. B. [g * faktor for g in gradienten]), auch wenn nichts gekürzt wird")
        for element in result:
            if isinstance(element, np.ndarray) or isinstance(element, np.generic) and not isinstance(element, np.bool_):
                continue
            return (f"Die Liste enthält {short(element)} statt NumPy-Arrays – gib je Gradient ein NumPy-Array "
                    "zurück (g * faktor)")
    return None


clip_global = CustomExercise(
    title="Clipping mit der globalen Norm",
    check=_diagnosed(_clip_cases, _CLIP_PROBES, _CLIP_VARIANTS, rtol=1e-6, atol=1e-9, before=_clip_before,
                     first=_clip_first),
    reference=from_solution(),
    hints=[
        "Zuerst die gemeinsame Länge: alle Einträge aller Arrays quadrieren, aufsummieren, die Wurzel ziehen. "
        "Dann ein einziger Faktor für alle Arrays.",
        "Der Faktor ist max_norm / max(Länge, max_norm): kleiner als 1 nur, wenn die Länge zu groß ist, und nie eine "
        "Division durch 0. Multipliziere mit `g * faktor` (neue Arrays), nicht mit `g *= faktor`.",
    ],
    wrong=[
        Wrong(_clip_je_tensor, expect="clipnorm"),
        Wrong(_clip_werte, expect="clipvalue"),
        Wrong(_clip_immer, expect="auch wenn die Gradienten schon kürzer"),
        Wrong(_clip_summe_der_normen, expect="Summe aller Quadrate"),
        Wrong(_clip_an_ort, expect="verändert ihre Eingabe", instruction=True),
        Wrong(_clip_gleiche_liste, expect="neue Liste", instruction=True),
        Wrong(_clip_mit_tf, expect="selbst in NumPy", instruction=True),
        Wrong(_clip_als_listen, expect="statt NumPy-Arrays"),
        Wrong(_clip_wie_tf, expect="Paar"),
        Wrong(_clip_null_division, expect="NaN", instruction=True),
    ],
    alternatives=[
        Right(_clip_flach, why="the length of one concatenated vector, np.linalg.norm, if/else with copies"),
        Right(lambda gradienten, max_norm: [np.asarray(g) * min(1.0, max_norm / max(_global_length(gradienten),
                                                                                  1e-300)) for g in gradienten],
              why="min(1, max_norm / length) with a tiny floor instead of max(length, max_norm)"),
    ],
)


# -- 4. LayerNormalization in NumPy ----------------------------------------------------------


def _ln(x, gamma, beta, eps, axis=-1, ddof=0):
    mean = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True, ddof=ddof)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _ln_batch_achse(x, gamma, beta, eps=1e-3):
    return _ln(x, gamma, beta, eps, axis=0)


def _ln_ohne_eps(x, gamma, beta, eps=1e-3):
    with np.errstate(divide="ignore", invalid="ignore"):
        return _ln(x, gamma, beta, 0.0)


def _ln_eps_draussen(x, gamma, beta, eps=1e-3):
    mean, std = x.mean(axis=-1, keepdims=True), x.std(axis=-1, keepdims=True)
    return gamma * (x - mean) / (std + eps) + beta


def _ln_ddof1(x, gamma, beta, eps=1e-3):
    return _ln(x, gamma, beta, eps, ddof=1)


def _ln_festes_eps(x, gamma, beta, eps=1e-3):
    return _ln(x, gamma, beta, 1e-3)


def _ln_vertauscht(x, gamma, beta, eps=1e-3):
    return _ln(x, beta, gamma, eps)


def _ln_ohne_gamma_beta(x, gamma, beta, eps=1e-3):
    return _ln(x, 1.0, 0.0, eps)


def _ln_alles(x, gamma, beta, eps=1e-3):
    return gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta


def _ln_an_ort(x, gamma, beta, eps=1e-3):
    x -= x.mean(axis=-1, keepdims=True)
    x /= np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    return gamma * x + beta


def _ln_mit_keras(x, gamma, beta, eps=1e-3):
    """Keras' own layer (float32, within the tolerance) – the task asks for NumPy."""
    import keras

    schicht = keras.layers.LayerNormalization(epsilon=eps)
    schicht.build(np.shape(x))
    schicht.gamma.assign(np.asarray(gamma, "float32"))
    schicht.beta.assign(np.asarray(beta, "float32"))
    return keras.ops.convert_to_numpy(schicht(np.asarray(x, "float32")))


def _ln_als_liste(x, gamma, beta, eps=1e-3):
    return _ln(x, gamma, beta, eps).tolist()


def _ln_von_hand(x, gamma, beta, eps=1e-3):
    """A correct alternative: mean and variance written out, division by the root last."""
    x = np.asarray(x, dtype=float)
    mittel = np.sum(x, axis=-1, keepdims=True) / x.shape[-1]
    varianz = np.mean((x - mittel) ** 2, axis=-1, keepdims=True)
    return np.asarray(gamma) * ((x - mittel) / np.sqrt(varianz + eps)) + np.asarray(beta)


def _ln_float32(x, gamma, beta, eps=1e-3):
    """A correct alternative: computed in float32 throughout."""
    x, gamma, beta = (np.asarray(v, "float32") for v in (x, gamma, beta))
    return _ln(x, gamma, beta, np.float32(eps))


def _ln_data():
    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 3.0, size=(4, 6))
    gamma, beta = rng.normal(1.0, 0.5, size=6), rng.normal(0.0, 1.0, size=6)
    g4, b4 = rng.normal(1.0, 0.5, size=4), rng.normal(0.0, 1.0, size=4)
    return x, gamma, beta, g4, b4, rng


def _ln_cases() -> list[Case]:
    x, gamma, beta, g4, b4, rng = _ln_data()
    g5, b5 = gamma[:5], beta[:5]
    konstant = np.array([[3.0, 3.0, 3.0, 3.0], [1.0, 2.0, 3.0, 4.0]])
    klein = np.array([[1.0, 1.01, 0.99, 1.0], [0.5, 0.51, 0.5, 0.49]])  # variance 5e-5 ≪ eps = 1e-3
    return [
        Case(x, gamma, beta).named("vier Beispiele, 6 Merkmale, zufällige γ und β"),
        Case(x[:1, :5].copy(), g5, b5).named("ein einziges Beispiel"),
        Case(konstant, g4, b4).named("eine Zeile mit lauter gleichen Werten"),
        Case(klein, g4, b4).named("kleine Varianz: ε unter der Wurzel zählt"),
        Case(x, gamma, beta, eps=1e-5).named("eps=1e-5 übergeben"),
        Case(klein, g4, b4, 0.1).named("eps = 0,1 als viertes Argument"),
        Case(rng.normal(size=(2, 3, 4)), g4, b4).named("drei Achsen: normalisiert wird die letzte"),
        Case(rng.normal(5.0, 2.0, size=(8, 16)).astype("float32"), np.ones(16, "float32"),
             np.zeros(16, "float32")).named("float32, γ = 1, β = 0"),
    ]


def _ln_probes() -> list[tuple]:
    x, gamma, beta, g4, b4, _ = _ln_data()
    return [
        (x, gamma, beta),
        (np.array([[3.0, 3.0, 3.0, 3.0], [1.0, 2.0, 3.0, 4.0]]), g4, b4),
        (np.array([[1.0, 1.01, 0.99, 1.0], [0.5, 0.51, 0.5, 0.49]]), g4, b4, 1e-5),
    ]


_ln_cases_exercise = FunctionExercise(
    title="LayerNormalization (Testfälle)",
    reference=from_solution("layer_norm", lesson="3.1"),
    cases=_ln_cases(),
    # right answers: float64 NumPy ~1e-15; computed in float32, or with Keras' own
    # LayerNormalization layer (float32), about 3e-6 relative / 2e-6 absolute (estimated for
    # these cases). Closest declared mistake: eps ignored (1e-3 instead of 1e-5) on the first
    # case, 1.4e-4 relative.
    rtol=2e-5,
    atol=1e-5,
    forbid=["LayerNormalization", "layer_normalization", "moments"],
    forbid_reason="Die Aufgabe verlangt LayerNormalization in NumPy, ohne die Keras-Schicht (die kommt danach "
                  "zum Vergleich)",
)

_LN_VARIANTS = [
    (_ln_batch_achse, "Du mittelst über die Beispiele (axis=0) – das ist BatchNormalization. LayerNormalization "
                      "normalisiert jedes Beispiel über seine Merkmale: axis=-1."),
    (_ln_ohne_eps, "ε fehlt: Bei einer Zeile mit lauter gleichen Werten ist die Varianz 0, und 0/0 gibt nan. "
                   "Rechne np.sqrt(varianz + eps)."),
    (_ln_eps_draussen, "ε gehört unter die Wurzel: (x − μ) / √(σ² + ε), nicht (x − μ) / (σ + ε)."),
    (_ln_ddof1, "Keras rechnet die Varianz ohne Korrektur (ddof=0, wie np.var) – nicht durch n − 1."),
    (_ln_festes_eps, "Das übergebene eps wird nicht verwendet – rechne mit dem Argument eps statt einer festen Zahl."),
    (_ln_vertauscht, "γ und β sind vertauscht: y = γ · x̂ + β (γ skaliert, β verschiebt)."),
    (_ln_ohne_gamma_beta, "γ und β fehlen: Nach dem Normalisieren kommt noch y = γ · x̂ + β."),
    (_ln_alles, "Du normalisierst über alle Werte auf einmal – Mittelwert und Varianz gehören je Zeile (axis=-1, "
                "keepdims=True)."),
]

def _ln_first(fn) -> str | None:
    """"in NumPy": the result is a NumPy array (a tensor or a list is not)."""
    x, gamma, beta, *_ = _ln_data()
    result = call_answer(fn, x.copy(), gamma.copy(), beta.copy(), timeout=5)  # an error or a hang: Falsch
    if result is None or isinstance(result, np.ndarray):
        return None
    if isinstance(result, (list, tuple)):
        return (f"Die Funktion gibt {short(result)} zurück – gefragt ist ein NumPy-Array derselben Form wie x, "
                "keine Liste")
    return (f"Die Funktion gibt {short(result)} zurück – die Aufgabe verlangt die Rechnung in NumPy, das Ergebnis "
            "ist ein NumPy-Array")


layer_norm = CustomExercise(
    title="LayerNormalization in NumPy",
    check=_diagnosed(_ln_cases_exercise, _ln_probes(), _LN_VARIANTS, rtol=1e-6, atol=1e-9, first=_ln_first),
    reference=from_solution(),
    hints=[
        "Mittelwert und Varianz je Beispiel: über die letzte Achse, mit keepdims=True, damit sich das Ergebnis "
        "wieder von x abziehen lässt.",
        "Dann x̂ = (x − μ) / √(σ² + ε) mit dem übergebenen eps unter der Wurzel, zum Schluss γ · x̂ + β. "
        "Rechne mit neuen Arrays, nicht mit -= auf x.",
    ],
    wrong=[
        Wrong(_ln_batch_achse, expect="BatchNormalization"),
        Wrong(_ln_ohne_eps, expect="ε fehlt"),
        Wrong(_ln_eps_draussen, expect="unter die Wurzel"),
        Wrong(_ln_ddof1, expect="ddof=0"),
        Wrong(_ln_festes_eps, expect="übergebene eps", instruction=True),
        Wrong(_ln_mit_keras, expect="in NumPy, ohne die Keras-Schicht", instruction=True),
        Wrong(_ln_als_liste, expect="keine Liste"),
        Wrong(_ln_vertauscht, expect="vertauscht"),
        Wrong(_ln_alles, expect="je Zeile"),
        Wrong(_ln_an_ort, expect="verändert ihre Eingabe"),
    ],
    alternatives=[
        Right(_ln_von_hand, why="mean and variance written out with np.sum and np.mean"),
        Right(_ln_float32, why="computed in float32 throughout"),
    ],
)

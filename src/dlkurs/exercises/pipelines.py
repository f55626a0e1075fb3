"""Reading and trying an augmentation pipeline without touching the learner's layers.

Checks of augmentation exercises (3.5, 3.6) receive a ``keras.Sequential`` of
random layers, a list of layers, or a model whose first layers augment. These
helpers flatten such an answer into its layers, read a layer's factors from
its public config, tell random layers from the rest, and run the pipeline on
*rebuilt copies* (``from_config`` with a fixed seed), so the learner's layers
keep their random generators untouched. Keras is imported on first use.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlkurs.exercises.compare import short, to_numpy
from dlkurs.exercises.verdict import Falsch

#: layer classes that change their input only while training, besides Keras' ``Random*`` layers
_RANDOM_EXTRA = {"AugMix", "RandAugment", "GaussianNoise", "GaussianDropout"}


def pipeline_layers(answer: Any, example: str = "layers.RandomFlip(\"horizontal\")") -> list[Any]:
    """The layers of a pipeline in calling order, nested ``Sequential``/``Pipeline`` flattened.

    ``answer`` is a layer (a ``Sequential`` counts), or a list or tuple of
    layers; ``InputLayer`` entries are skipped. Anything else raises
    :class:`Falsch` with a German message that names ``example`` as the remedy.
    """
    import keras

    if isinstance(answer, keras.callbacks.History):
        raise Falsch("Das ist die Rückgabe von fit() (ein History-Objekt) – übergib die Schichten selbst")
    if isinstance(answer, (list, tuple)):
        parts = list(answer)
    elif isinstance(answer, keras.layers.Layer):
        parts = [answer]
    else:
        raise Falsch(
            f"Erwartet wird ein keras.Sequential (oder eine Liste) aus Zufallsschichten, erhalten: {short(answer)}"
        )
    found: list[Any] = []
    for part in parts:
        if isinstance(part, keras.layers.InputLayer):
            continue
        inner = getattr(part, "layers", None)
        if isinstance(part, keras.layers.Layer) and isinstance(inner, list):
            found += pipeline_layers(inner, example)
        elif isinstance(part, keras.layers.Layer):
            found.append(part)
        else:
            raise Falsch(f"{short(part)} ist keine Keras-Schicht – nimm z. B. {example}")
    return found


def factor_span(value: Any) -> float:
    """Largest absolute value of a factor given as a number or a (lower, upper) pair; None counts as 0."""
    if value is None:
        return 0.0
    if isinstance(value, (list, tuple)):
        return max((abs(float(v)) for v in value if v is not None), default=0.0)
    return abs(float(value))


def is_random_layer(layer: Any) -> bool:
    """A layer that changes its input only while training: Keras' random image layers and noise layers."""
    import keras

    name = type(layer).__name__
    return (name.startswith("Random") or name in _RANDOM_EXTRA) and isinstance(layer, keras.layers.Layer)


def fresh_layer(layer: Any, seed: int = 1) -> Any:
    """A new layer from ``layer``'s public config: same settings, its own random generator (``seed``)."""
    config = dict(layer.get_config())
    if "seed" in config:
        config["seed"] = seed
    return type(layer).from_config(config)


def run_pipeline(layers: list[Any], images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outputs of rebuilt copies of ``layers`` on ``images``: (training=True, training=False)."""
    copies = [fresh_layer(layer, seed=1 + i) for i, layer in enumerate(layers)]
    active, quiet = images, images
    for copy in copies:
        active = copy(active, training=True)
        quiet = copy(quiet, training=False)
    return to_numpy(active), to_numpy(quiet)

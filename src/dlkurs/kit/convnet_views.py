"""Looking inside a convnet: intermediate activations, filter patterns, Grad-CAM.

Three classic views, written the Keras 3 way (the Keras 2 recipes used
``K.function`` and ``K.gradients``, which no longer exist):

- :func:`activations`: the outputs of chosen layers for some images, from a
  ``keras.Model`` that shares the trained layers and outputs them all;
- :func:`filter_pattern`: an input image that excites one filter strongly,
  found by gradient ascent on the input with ``tf.GradientTape``;
- :func:`gradcam_parts` / :func:`gradcam`: the last convolution's activations
  and the gradient of a class score with respect to them, and the heat map
  made from both.

Gradients use TensorFlow (``tf.GradientTape``): these helpers need the
TensorFlow backend.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np


def _view(model: Any, layer_names: Sequence[str], with_output: bool = False) -> Any:
    """A keras.Model on the same (trained) layers that outputs the named layers' outputs (and the prediction).

    A Sequential model is called layer by layer on a fresh ``keras.Input``: the
    symbolic ``layer.output`` of a Sequential loaded from a ``.keras`` file can
    belong to an older graph, and gradients through it would be ``None``.
    """
    import keras

    if isinstance(model, keras.Sequential):
        eingabe = keras.Input(shape=tuple(model.input_shape[1:]))
        x, gesucht = eingabe, {}
        for schicht in model.layers:
            x = schicht(x)
            if schicht.name in layer_names:
                gesucht[schicht.name] = x
        fehlt = [n for n in layer_names if n not in gesucht]
        if fehlt:
            raise ValueError(f"No such layer: {fehlt[0]}. Existing layers are: {[s.name for s in model.layers]}")
        ausgaben = [gesucht[n] for n in layer_names]
    else:
        eingabe = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        ausgaben = [model.get_layer(n).output for n in layer_names]
        x = model.outputs[0]
    return keras.Model(eingabe, ausgaben + [x] if with_output else ausgaben)


def _np(x: Any) -> np.ndarray:
    import keras

    return np.asarray(keras.ops.convert_to_numpy(x))


def conv_layer_names(model: Any) -> list[str]:
    """Names of the model's Conv2D and MaxPooling2D layers, in order (nested models are not entered)."""
    return [s.name for s in model.layers if type(s).__name__ in ("Conv2D", "MaxPooling2D")]


def activations(model: Any, images: Any, layer_names: Sequence[str]) -> dict[str, np.ndarray]:
    """Outputs of the named layers for ``images`` (a batch), as NumPy arrays by layer name.

    model: a built functional or Sequential model (with ``keras.Input``).
    images: a batch in the form the model takes, e.g. (n, 80, 80, 3) in 0..255.
    """
    sicht = _view(model, list(layer_names))
    werte = sicht(np.asarray(images, dtype="float32"), training=False)
    if not isinstance(werte, (list, tuple)):
        werte = [werte]
    return {name: _np(w) for name, w in zip(layer_names, werte)}


def show_activation_grid(activation: np.ndarray, title: str = "", columns: int = 16, max_channels: int = 32,
                         size: float = 0.9):
    """All channels of one image's activation (h, w, c) as a grid of small grey images; returns the figure."""
    import matplotlib.pyplot as plt

    a = np.asarray(activation)
    if a.ndim == 4:
        a = a[0]
    n = min(a.shape[-1], int(max_channels))
    zeilen = int(np.ceil(n / columns))
    fig, achsen = plt.subplots(zeilen, columns, figsize=(columns * size, zeilen * size + 0.4), squeeze=False)
    for i, ax in enumerate(achsen.flat):
        ax.axis("off")
        if i < n:
            kanal = a[..., i]
            spanne = kanal.max() - kanal.min()
            ax.imshow((kanal - kanal.min()) / spanne if spanne > 0 else kanal * 0, cmap="viridis")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def filter_pattern(model: Any, layer_name: str, filter_index: int, size: tuple[int, int] = (80, 80),
                   steps: int = 30, step_size: float = 10.0, seed: int = 0) -> tuple[np.ndarray, float]:
    """An input image that makes one filter respond strongly, by gradient ascent on the input.

    Starts from grey noise (pixel values around 128, the range the model expects
    before its own Rescaling) and moves the image ``steps`` times along the
    normalised gradient of the filter's mean activation (border pixels left out).

    Returns (image as float32 in 0..255 of shape (h, w, 3), gain), where gain is
    the mean activation after the ascent divided by the one before (≥ 1 when
    the ascent worked; large when the filter found its pattern).
    """
    import tensorflow as tf

    sicht = _view(model, [layer_name])
    rng = np.random.default_rng(seed)
    bild = tf.Variable(rng.uniform(108, 148, (1, *size, 3)).astype("float32"))

    def wert(x):
        a = sicht(x, training=False)
        a = a[0] if isinstance(a, (list, tuple)) else a
        return tf.reduce_mean(a[:, 2:-2, 2:-2, filter_index])

    vorher = float(wert(bild))
    for _ in range(int(steps)):
        with tf.GradientTape() as band:
            ziel = wert(bild)
        grad = band.gradient(ziel, bild)
        grad = grad / (tf.norm(grad) + 1e-8) * np.sqrt(float(np.prod(grad.shape)))  # unit RMS per pixel
        bild.assign(tf.clip_by_value(bild + step_size * grad, 0.0, 255.0))
    nachher = float(wert(bild))
    gewinn = nachher / vorher if vorher > 1e-6 else (np.inf if nachher > 0 else 1.0)
    return _np(bild)[0], float(gewinn)


def _logit_view(model: Any, conv_layer: str) -> tuple[Any, Any]:
    """A model giving the conv layer's output and the input of the last (Dense) layer, and that layer."""
    import keras

    letzte = model.layers[-1]
    if type(letzte).__name__ != "Dense":
        raise ValueError("score='logit' needs a Dense layer at the end of the model")
    if isinstance(model, keras.Sequential):
        return _view(model, [conv_layer, model.layers[-2].name]), letzte
    return keras.Model(model.inputs, [model.get_layer(conv_layer).output, letzte.input]), letzte


def gradcam_parts(model: Any, image: Any, conv_layer: str, class_index: int | None = None,
                  score: str = "probability"):
    """The two ingredients of Grad-CAM for one image.

    model: a classifier; one sigmoid output (probability of class 1) or a softmax.
    image: one image (h, w, c) in the form the model takes.
    conv_layer: name of the last convolution (its output is what Grad-CAM weights).
    class_index: the class to explain; None: the predicted one. For one sigmoid
      output, class 1's score is p and class 0's is 1 − p.
    score: "probability" differentiates the class probability (flat, and in
      float32 exactly 0, where the net is certain); "logit" the value before
      the last activation (the model must end in a Dense layer): z for class 1
      and −z for class 0 of a sigmoid, z_c of a softmax – as the Grad-CAM paper does.

    Returns (activations (h', w', k), gradients (h', w', k), probability of the class).
    """
    import tensorflow as tf

    if score not in ("probability", "logit"):
        raise ValueError(f"score must be 'probability' or 'logit', not {score!r}")
    x = tf.convert_to_tensor(np.asarray(image, dtype="float32")[None])
    if score == "logit":
        sicht, letzte = _logit_view(model, conv_layer)
        with tf.GradientTape() as band:
            aktiv, vorne = sicht(x, training=False)
            z = tf.matmul(vorne, letzte.kernel) + (letzte.bias if letzte.use_bias else 0.0)
            if z.shape[-1] == 1:
                p1 = float(tf.sigmoid(z[0, 0]))
                klasse = int(p1 >= 0.5) if class_index is None else int(class_index)
                wert = z[0, 0] if klasse == 1 else -z[0, 0]
                p = p1 if klasse == 1 else 1.0 - p1
            else:
                wahrsch = tf.nn.softmax(z[0])
                klasse = int(tf.argmax(z[0])) if class_index is None else int(class_index)
                wert = z[0, klasse]
                p = float(wahrsch[klasse])
        grad = band.gradient(wert, aktiv)
        return _np(aktiv)[0], _np(grad)[0], p
    sicht = _view(model, [conv_layer], with_output=True)
    with tf.GradientTape() as band:
        aktiv, vorhersage = sicht(x, training=False)
        if vorhersage.shape[-1] == 1:
            p = vorhersage[0, 0]
            klasse = int(float(p) >= 0.5) if class_index is None else int(class_index)
            wert = p if klasse == 1 else 1.0 - p
        else:
            klasse = int(tf.argmax(vorhersage[0])) if class_index is None else int(class_index)
            wert = vorhersage[0, klasse]
    grad = band.gradient(wert, aktiv)
    return _np(aktiv)[0], _np(grad)[0], float(wert)


def gradcam_map(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """The Grad-CAM weighting step: channel weights = gradients averaged over height and width,
    map = ReLU(sum over channels of weight × activation), divided by its maximum (if > 0)."""
    gewichte = np.asarray(gradients).mean(axis=(0, 1))
    karte = np.maximum((np.asarray(activations) * gewichte).sum(axis=-1), 0.0)
    return karte / karte.max() if karte.max() > 0 else karte


def gradcam(model: Any, image: Any, conv_layer: str, class_index: int | None = None,
            weighting: Callable[[np.ndarray, np.ndarray], np.ndarray] = gradcam_map,
            score: str = "probability") -> tuple[np.ndarray, float]:
    """Grad-CAM heat map (h', w') in [0, 1] for one image, and the class probability (see gradcam_parts)."""
    aktiv, grad, p = gradcam_parts(model, image, conv_layer, class_index, score=score)
    return np.asarray(weighting(aktiv, grad), dtype="float32"), p


def upsample(heat: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A small heat map (h', w') scaled bilinearly to ``size`` (h, w)."""
    import tensorflow as tf

    karte = tf.image.resize(np.asarray(heat, dtype="float32")[..., None], size, method="bilinear")
    return _np(karte)[..., 0]


def occlusion_drop(model: Any, image: Any, heat: np.ndarray, class_index: int,
                   fraction: float = 0.2) -> tuple[float, float]:
    """How much the class probability falls when the hottest ``fraction`` of pixels is greyed out,
    and (for comparison) when the coldest ``fraction`` is. Returns (drop hot, drop cold).

    Both masks are regions of the same size shaped by the heat map, so the two
    numbers compare *where* the photo is covered, not how.
    """
    bild = np.asarray(image, dtype="float32")
    gross = upsample(heat, bild.shape[:2])
    n = int(round(fraction * gross.size))
    ordnung = np.argsort(gross.ravel(), kind="stable")
    stapel = [bild]
    for auswahl in (ordnung[::-1][:n], ordnung[:n]):
        maske = np.zeros(gross.size, bool)
        maske[auswahl] = True
        b = bild.copy()
        b[maske.reshape(gross.shape)] = 128.0
        stapel.append(b)
    p = _np(model(np.stack(stapel), training=False))
    if p.shape[-1] == 1:  # one sigmoid output: the probability of class 1
        p = p[:, 0] if class_index == 1 else 1.0 - p[:, 0]
    else:
        p = p[:, class_index]
    return float(p[0] - p[1]), float(p[0] - p[2])


def show_gradcam(images: Sequence[np.ndarray], heats: Sequence[np.ndarray], titles: Sequence[str] = (),
                 size: float = 2.2):
    """Photos (0..255) in the top row, the same photos with their heat maps laid over below; returns the figure."""
    import matplotlib.pyplot as plt

    n = len(images)
    fig, achsen = plt.subplots(2, n, figsize=(n * size, 2 * size + 0.3), squeeze=False)
    for i, (bild, heat) in enumerate(zip(images, heats)):
        bild = np.asarray(bild, dtype="float32") / 255
        achsen[0, i].imshow(np.clip(bild, 0, 1))
        achsen[1, i].imshow(np.clip(bild, 0, 1))
        achsen[1, i].imshow(upsample(heat, bild.shape[:2]), cmap="jet", alpha=0.45, vmin=0, vmax=1)
        if i < len(titles):
            achsen[0, i].set_title(titles[i], fontsize=9)
        for ax in achsen[:, i]:
            ax.axis("off")
    fig.tight_layout()
    return fig

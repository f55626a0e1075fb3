"""kit.convnet_views: activations, filter patterns, Grad-CAM on a tiny convnet (TensorFlow backend)."""

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.kit import convnet_views as cv

pytestmark = pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="GradientTape: TensorFlow only")


def _netz(ausgaben=1):
    keras.utils.set_random_seed(0)
    return keras.Sequential([
        keras.Input(shape=(16, 16, 3)), layers.Rescaling(1 / 255),
        layers.Conv2D(4, 3, activation="relu", name="conv_a"), layers.MaxPooling2D(name="pool_a"),
        layers.Conv2D(6, 3, activation="relu", name="conv_b"),
        layers.Flatten(), layers.Dense(ausgaben, activation="sigmoid" if ausgaben == 1 else "softmax"),
    ])


def _bild():
    return np.random.default_rng(1).uniform(0, 255, (16, 16, 3)).astype("float32")


def test_layer_names_and_activations_have_the_layer_shapes():
    netz = _netz()
    assert cv.conv_layer_names(netz) == ["conv_a", "pool_a", "conv_b"]
    akt = cv.activations(netz, _bild()[None], ["conv_a", "conv_b"])
    assert akt["conv_a"].shape == (1, 14, 14, 4) and akt["conv_b"].shape == (1, 5, 5, 6)
    fig = cv.show_activation_grid(akt["conv_a"], title="t", columns=4)
    assert len(fig.axes) == 4


def test_gradient_ascent_raises_the_filters_activation():
    bild, gewinn = cv.filter_pattern(_netz(), "conv_b", 0, size=(16, 16), steps=10)
    assert bild.shape == (16, 16, 3) and 0 <= bild.min() and bild.max() <= 255
    assert gewinn > 1.0


def test_gradcam_parts_match_a_finite_difference():
    netz = _netz()
    bild = _bild()
    aktiv, grad, p = cv.gradcam_parts(netz, bild, "conv_b", class_index=1)
    assert aktiv.shape == grad.shape == (5, 5, 6)
    assert p == pytest.approx(float(netz(bild[None])[0, 0]), rel=1e-5)
    _, grad0, p0 = cv.gradcam_parts(netz, bild, "conv_b", class_index=0)
    assert p0 == pytest.approx(1 - p, rel=1e-5)
    np.testing.assert_allclose(grad0, -grad, atol=1e-6)  # score of class 0 is 1 - p


def test_gradcam_map_weights_relu_and_normalisation():
    a = np.zeros((2, 2, 2))
    a[0, 0, 0], a[1, 1, 1] = 1.0, 2.0
    g = np.zeros((2, 2, 2))
    g[..., 0], g[..., 1] = 1.0, -1.0
    karte = cv.gradcam_map(a, g)
    np.testing.assert_allclose(karte, [[1.0, 0.0], [0.0, 0.0]])  # channel 1 speaks against: cut by ReLU
    assert np.all(cv.gradcam_map(a, -np.abs(g)) == 0)


def test_gradcam_softmax_and_occlusion_and_figure():
    netz = _netz(ausgaben=3)
    karte, p = cv.gradcam(netz, _bild(), "conv_b")
    assert karte.shape == (5, 5) and 0 <= karte.min() and karte.max() <= 1
    heiss, kalt = cv.occlusion_drop(netz, _bild(), karte, class_index=0)
    assert np.isfinite(heiss) and np.isfinite(kalt)
    assert cv.upsample(karte, (16, 16)).shape == (16, 16)
    fig = cv.show_gradcam([_bild(), _bild()], [karte, karte], ["a", "b"])
    assert len(fig.axes) >= 4


def test_a_sequential_loaded_from_a_keras_file_gives_gradients(tmp_path):
    # regression: layer.output of a loaded Sequential belongs to an older graph (gradient None)
    netz = _netz()
    netz.save(tmp_path / "netz.keras")
    geladen = keras.models.load_model(tmp_path / "netz.keras")
    aktiv, grad, _ = cv.gradcam_parts(geladen, _bild(), "conv_b")
    assert grad.shape == (5, 5, 6) and np.any(grad != 0)
    assert cv.activations(geladen, _bild()[None], ["conv_a"])["conv_a"].shape == (1, 14, 14, 4)
    _, gewinn = cv.filter_pattern(geladen, "conv_a", 1, size=(16, 16), steps=3)
    assert np.isfinite(gewinn)


def test_gradcam_on_the_logit_survives_a_certain_net():
    netz = _netz()
    bild = _bild()
    aktiv, grad_p, p = cv.gradcam_parts(netz, bild, "conv_b", class_index=1)
    _, grad_z, p_z = cv.gradcam_parts(netz, bild, "conv_b", class_index=1, score="logit")
    assert p_z == pytest.approx(p, rel=1e-5)
    # d sigmoid(z) / dA = p (1 - p) dz/dA: the same map, only scaled
    np.testing.assert_allclose(grad_p, p * (1 - p) * grad_z, rtol=1e-4, atol=1e-7)
    _, grad_z0, p0 = cv.gradcam_parts(netz, bild, "conv_b", class_index=0, score="logit")
    assert p0 == pytest.approx(1 - p, rel=1e-5)
    np.testing.assert_allclose(grad_z0, -grad_z, atol=1e-6)
    # make the net certain: a huge bias saturates the sigmoid; the probability's gradient is 0 in float32
    letzte = netz.layers[-1]
    letzte.bias.assign(letzte.bias.numpy() + 200.0)
    karte_p, p_sicher = cv.gradcam(netz, bild, "conv_b")
    karte_z, _ = cv.gradcam(netz, bild, "conv_b", score="logit")
    assert p_sicher == 1.0
    assert karte_p.max() == 0.0
    assert karte_z.max() == pytest.approx(1.0)  # the logit still has a gradient: the map is not empty


def test_gradcam_logit_of_a_softmax_and_wrong_arguments():
    netz = _netz(ausgaben=3)
    aktiv, grad, p = cv.gradcam_parts(netz, _bild(), "conv_b", score="logit")
    vorhersage = netz(_bild()[None]).numpy()[0]
    assert p == pytest.approx(float(vorhersage.max()), rel=1e-5)
    assert aktiv.shape == grad.shape == (5, 5, 6)
    with pytest.raises(ValueError, match="score"):
        cv.gradcam_parts(netz, _bild(), "conv_b", score="wahrscheinlichkeit")

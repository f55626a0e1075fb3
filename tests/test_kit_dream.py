import keras
import numpy as np
from keras import layers

from dlkurs.kit.dream import conv_layer_names, deep_dream, input_gradient, layer_features


def _netz():
    keras.utils.set_random_seed(0)
    eingabe = keras.Input(shape=(None, None, 1))
    x = layers.Conv2D(4, 3, padding="same", activation="relu", name="a")(eingabe)
    x = layers.Conv2D(4, 3, padding="same", activation="relu", name="b")(x)
    return keras.Model(eingabe, layers.GlobalAveragePooling2D()(x))


def test_conv_layer_names_and_features():
    netz = _netz()
    assert conv_layer_names(netz, last=1) == ["b"]
    merkmale = layer_features(netz, ["a", "b"])
    aus = merkmale(np.zeros((1, 16, 16, 1), "float32"))
    assert len(aus) == 2 and tuple(aus[1].shape) == (1, 16, 16, 4)


def test_input_gradient_matches_a_known_function():
    x = np.arange(6, dtype="float32").reshape(1, 2, 3, 1)
    wert, grad = input_gradient(lambda v: keras.ops.sum(keras.ops.square(v)), x)
    assert wert == float(np.sum(x ** 2))
    assert np.allclose(grad, 2 * x)


def test_dream_raises_the_activation_and_keeps_shape_and_range():
    netz = _netz()
    merkmale = layer_features(netz, ["b"])
    bild = np.random.default_rng(0).random((24, 24, 1)).astype("float32") * 0.5
    verlauf = []
    traum = deep_dream(merkmale, bild, steps=4, step_size=0.02, octaves=2, history=verlauf)
    assert traum.shape == bild.shape and 0 <= traum.min() and traum.max() <= 1
    assert len(verlauf) == 8 and verlauf[3] > verlauf[0]
    fest = deep_dream(merkmale, bild, steps=2, fixed_size=True)
    assert fest.shape == bild.shape

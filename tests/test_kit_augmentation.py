import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest
from keras import layers

from dlkurs.kit.augmentation import augmented_copies, show_augmented


def _bild():
    bild = np.zeros((28, 28), dtype="uint8")
    bild[4:20, 6:10] = 255  # an asymmetric bar: flipping moves it
    return bild


def test_copies_of_a_grey_image_keep_its_shape_and_only_flip_it():
    keras.utils.set_random_seed(0)
    kopien = augmented_copies(_bild(), layers.RandomFlip("horizontal"), n=16)
    assert kopien.shape == (16, 28, 28)
    assert kopien.dtype == np.float32
    original = _bild().astype("float32")
    gespiegelt = original[:, ::-1]
    each = [np.array_equal(k, original) or np.array_equal(k, gespiegelt) for k in kopien]
    assert all(each)
    # with 16 draws at p = 1/2 both versions occur (fails with probability 2 * 2**-16)
    assert any(np.array_equal(k, gespiegelt) for k in kopien)
    assert any(np.array_equal(k, original) for k in kopien)


def test_copies_use_training_mode_and_a_list_applies_layers_in_order():
    class Merker(layers.Layer):
        def __init__(self, summand):
            super().__init__()
            self.summand = summand
            self.modi = []

        def call(self, x, training=None):
            self.modi.append(training)
            return x * 2 + self.summand

    a, b = Merker(1.0), Merker(0.0)
    kopien = augmented_copies(np.zeros((4, 4, 3)), [a, b], n=2)
    assert kopien.shape == (2, 4, 4, 3)
    assert np.allclose(kopien, 2.0)  # (0 * 2 + 1) * 2 + 0: a first, then b
    assert a.modi == [True] and b.modi == [True]


def test_copies_name_wrong_inputs():
    with pytest.raises(ValueError, match="n must be at least 1"):
        augmented_copies(_bild(), layers.RandomFlip(), n=0)
    with pytest.raises(ValueError, match=r"\(h, w\)"):
        augmented_copies(np.zeros((2, 28, 28, 1)), layers.RandomFlip(), n=2)
    with pytest.raises(ValueError, match="shape"):
        augmented_copies(_bild(), layers.Resizing(14, 14), n=2)


def test_copies_leave_the_image_alone():
    bild = _bild()
    vorher = bild.copy()
    augmented_copies(bild, layers.RandomRotation(0.2), n=3)
    assert np.array_equal(bild, vorher)


def test_show_augmented_puts_the_original_first_and_n_variants_after_it():
    keras.utils.set_random_seed(0)
    fig = show_augmented(_bild()[..., None], layers.RandomTranslation(0.1, 0.1), n=5, columns=4,
                         label="Stiefelette", title="Varianten")
    achsen = fig.axes
    assert len(achsen) == 8  # two rows of four
    titel = [ax.get_title() for ax in achsen]
    assert titel[:6] == ["Original: Stiefelette"] + [f"Variante {i}" for i in range(1, 6)]
    assert titel[6:] == ["", ""]
    assert np.array_equal(achsen[0].images[0].get_array(), _bild().astype("float32"))
    assert fig._suptitle.get_text() == "Varianten"
    assert not achsen[6].images  # empty cells stay empty

import numpy as np
import pytest

from dlkurs.kit.batches import ArrayBatches


def test_batches_cast_per_batch_and_keep_the_last_partial_batch():
    x = np.arange(10 * 3, dtype=np.uint8).reshape(10, 3)
    y = np.arange(10)
    batches = ArrayBatches(x, y, batch_size=4)
    assert len(batches) == 3
    xb, yb = batches[2]
    assert xb.dtype == np.float32 and xb.shape == (2, 3)
    assert np.array_equal(xb, x[8:]) and np.array_equal(yb, y[8:])
    assert x.dtype == np.uint8  # the stored array is not changed
    with pytest.raises(IndexError):
        batches[3]


def test_batches_without_labels_give_only_x():
    batches = ArrayBatches(np.zeros((5, 2), dtype=np.uint8), batch_size=2)
    assert batches[0].shape == (2, 2) and batches[0].dtype == np.float32


def test_batches_reject_mismatched_lengths_and_bad_batch_size():
    with pytest.raises(ValueError, match="verschieden lang"):
        ArrayBatches(np.zeros((5, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="batch_size"):
        ArrayBatches(np.zeros((5, 2)), batch_size=0)


def test_a_model_trains_evaluates_and_predicts_on_batches():
    import keras

    rng = np.random.default_rng(0)
    x = (rng.random((256, 20)) < 0.3).astype(np.uint8)
    y = (x[:, 0] == 1).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.RMSprop(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(ArrayBatches(x, y, batch_size=64), epochs=10, verbose=0,
                        validation_data=ArrayBatches(x, y, batch_size=64))
    assert history.history["val_accuracy"][-1] > 0.9
    assert model.evaluate(ArrayBatches(x, y, batch_size=64), verbose=0)[1] > 0.9
    assert model.predict(ArrayBatches(x, batch_size=64), verbose=0).shape == (256, 1)

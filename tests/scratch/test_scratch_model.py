"""Sequential against keras.Sequential: the same start, the same batches → the same loss curve."""

import numpy as np
import pytest
from scratch_helpers import close

from dlkurs.scratch import RMSprop, SGD, Adam, Dense, Sequential

# Hyperparameters that float32 holds exactly: Keras' TensorFlow backend rounds
# learning rate, momentum and β's to float32 even for float64 weights.
SETUPS = {  # name: (hidden activation, output units and activation, loss, our optimizer, Keras optimizer)
    "classification_rmsprop": ("relu", (3, "softmax"), "sparse_categorical_crossentropy",
                               lambda: RMSprop(), ("RMSprop", {})),
    "binary_sgd_momentum": ("tanh", (1, "sigmoid"), "binary_crossentropy",
                            lambda: SGD(learning_rate=0.125, momentum=0.875),
                            ("SGD", {"learning_rate": 0.125, "momentum": 0.875})),
    "regression_adam": ("elu", (1, None), "mse", lambda: Adam(learning_rate=0.01, beta_1=0.875, beta_2=0.9990234375),
                        ("Adam", {"learning_rate": 0.01, "beta_1": 0.875, "beta_2": 0.9990234375})),
}


def _data(rng, name):
    x = rng.normal(size=(70, 5))  # 70 = 4 batches of 16 and one of 6
    if name.startswith("classification"):
        y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)
    elif name.startswith("binary"):
        y = (x[:, 0] * x[:, 1] > 0).astype(float)
    else:
        y = x[:, 0] - 2 * x[:, 1] ** 2 + 0.1 * rng.normal(size=70)
    return x, y


@pytest.mark.parametrize("name", SETUPS)
def test_mlp_follows_keras_loss_curve(keras64, rng, name):
    keras, _ = keras64
    hidden, (units, out_act), loss, ours_opt, (cls, kwargs) = SETUPS[name]
    x, y = _data(rng, name)
    metrics = ["accuracy"] if units > 1 or loss == "binary_crossentropy" else ["mae"]

    theirs = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation=hidden),
                               keras.layers.Dense(units, activation=out_act)])
    theirs.compile(optimizer=getattr(keras.optimizers, cls)(**kwargs), loss=loss, metrics=metrics)
    ours = Sequential([Dense(8, activation=hidden, dtype="float64"), Dense(units, activation=out_act, dtype="float64")])
    ours.build((5,))
    ours.set_weights(theirs.get_weights())
    ours.compile(optimizer=ours_opt(), loss=loss, metrics=metrics)

    expected = theirs.fit(x, y, batch_size=16, epochs=4, shuffle=False, verbose=0).history
    history = ours.fit(x, y, batch_size=16, epochs=4, shuffle=False, verbose=0)
    assert set(history) == {"loss", *metrics}
    close(history["loss"], expected["loss"])
    for m in metrics:
        close(history[m], expected[m])
    for w, v in zip(ours.get_weights(), theirs.get_weights()):
        close(w, v)
    close(ours.predict(x, batch_size=32), theirs.predict(x, batch_size=32, verbose=0))
    ours_eval = ours.evaluate(x, y, batch_size=32)
    theirs_eval = theirs.evaluate(x, y, batch_size=32, verbose=0)
    close(ours_eval, theirs_eval)


def test_fit_with_shuffling_and_validation_reads_like_keras(rng, capsys):
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    model = Sequential([Dense(8, activation="relu", seed=0), Dense(2, activation="softmax", seed=1)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x[:150], y[:150], batch_size=16, epochs=15, seed=0,
                        validation_data=(x[150:], y[150:]), verbose=1)
    assert list(history) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert history.history is history and history.epoch == list(range(15))
    assert history["loss"][-1] < history["loss"][0]
    assert history["val_accuracy"][-1] > 0.85
    assert "Epoche 15/15 – loss:" in capsys.readouterr().out
    loss, accuracy = model.evaluate(x[150:], y[150:])
    assert loss == pytest.approx(history["val_loss"][-1]) and accuracy == pytest.approx(history["val_accuracy"][-1])


def test_same_seed_same_training(rng):
    x, y = rng.normal(size=(64, 3)), rng.normal(size=64)

    def train():
        model = Sequential([Dense(4, activation="tanh", seed=3), Dense(1, seed=4)])
        model.compile(optimizer="sgd", loss="mse")
        return model.fit(x, y, batch_size=8, epochs=3, seed=7, verbose=0)["loss"]

    assert train() == train()


def test_fit_trains_float32_in_float32(rng):
    model = Sequential([Dense(4, activation="relu"), Dense(3, activation="softmax")])
    model.compile(loss="sparse_categorical_crossentropy")
    model.fit(rng.normal(size=(32, 5)), rng.integers(0, 3, 32), epochs=1, verbose=0)
    assert all(w.dtype == np.float32 for w in model.get_weights())
    assert model.predict(rng.normal(size=(3, 5))).dtype == np.float32


def test_messages_in_german(rng):
    model = Sequential([Dense(1)])
    with pytest.raises(RuntimeError, match="nicht kompiliert"):
        model.fit(np.ones((4, 2)), np.ones(4))
    model.compile(loss="mse")
    with pytest.raises(ValueError, match="gleich viele"):
        model.fit(np.ones((4, 2)), np.ones(3))
    with pytest.raises(ValueError, match="Unbekannte Verlustfunktion"):
        model.compile(loss="hinge")


def test_summary_counts_parameters(capsys):
    model = Sequential([Dense(512, activation="relu"), Dense(10, activation="softmax")])
    model.build((784,))
    model.summary()
    assert model.count_params() == 784 * 512 + 512 + 512 * 10 + 10
    assert "407,050" in capsys.readouterr().out

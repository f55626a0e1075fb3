"""Lesson 3.4 "Convnet für MNIST": the confusion-matrix kit and the probes of its checks
beyond the declared wrong answers (correct alternatives, more wrong answers, wrong
types, the learner's objects left unchanged)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___, aufgaben  # noqa: E402
from dlkurs.kit.confusion import confusion_matrix, plot_confusion_matrix  # noqa: E402

# --------------------------------------------------------------------------- kit.confusion


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    m = confusion_matrix([0, 1, 1, 2, 2, 2], [0, 2, 1, 2, 0, 2])
    assert m.dtype == np.int64
    assert m.tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 2]]
    assert m.sum(axis=1).tolist() == [1, 2, 3]  # each row: examples of that class


def test_confusion_matrix_takes_probabilities_column_labels_and_num_classes():
    probabilities = np.array([[0.9, 0.1, 0.0, 0.0], [0.2, 0.7, 0.1, 0.0]])
    m = confusion_matrix(np.array([[0], [2]]), probabilities)  # (n, 1) labels as CIFAR has them
    assert m.shape == (4, 4)  # the number of classes comes from the probabilities
    assert m[0, 0] == 1 and m[2, 1] == 1 and m.sum() == 2
    assert confusion_matrix([1], [1], num_classes=5).shape == (5, 5)
    assert confusion_matrix([], [], num_classes=3).sum() == 0


def test_confusion_matrix_rejects_mismatched_or_non_integer_labels():
    with pytest.raises(ValueError, match="same number of examples"):
        confusion_matrix([0, 1], [0])
    with pytest.raises(ValueError, match="class indices"):
        confusion_matrix([0, 1.5], [0, 1])
    with pytest.raises(ValueError, match="class indices"):
        confusion_matrix([0, -1], [0, 1])
    with pytest.raises(ValueError, match="num_classes=2"):
        confusion_matrix([0, 2], [0, 1], num_classes=2)


def test_plot_confusion_matrix_labels_cells_and_colours_only_the_mistakes():
    m = np.array([[50, 3, 0], [10, 40, 1], [0, 2, 60]])
    fig = plot_confusion_matrix(m, ["Hose", "Hemd", "Tasche"], title="Test")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Vorhersage" and ax.get_ylabel() == "Richtige Klasse"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Hose", "Hemd", "Tasche"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Hose", "Hemd", "Tasche"]
    texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert texts[(1, 0)] == "10" and texts[(0, 0)] == "50" and texts[(0, 2)] == "·"
    image = ax.images[0].get_array()
    assert image[1, 0] == 10 and image[0, 0] == 0  # the diagonal does not take the colour scale
    assert ax.images[0].get_clim() == (0, 10)
    assert ax.get_title() == "Test"
    plt.close(fig)


def test_plot_confusion_matrix_normalized_shows_row_percentages_and_draws_into_given_axes():
    fig, ax = plt.subplots()
    out = plot_confusion_matrix(np.array([[3, 1], [0, 0]]), normalize=True, ax=ax, title=None)
    assert out is fig
    texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert texts[(0, 0)] == "75 %" and texts[(0, 1)] == "25 %"
    assert texts[(1, 1)] == ""  # an empty row is no division by zero
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1"]
    plt.close(fig)


def test_plot_confusion_matrix_rejects_non_square_and_wrong_number_of_names():
    with pytest.raises(ValueError, match="square"):
        plot_confusion_matrix(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="needs 2 names"):
        plot_confusion_matrix(np.eye(2), ["a", "b", "c"])


# --------------------------------------------------------------------------- conv_parameter

aufgabe = aufgaben("3.4")


def _status(exercise, answer):
    verdict = exercise.check(answer)
    return verdict.status, verdict.message


@pytest.mark.parametrize("answer", [
    lambda f, h, w, c: f * h * w * c + f,
    lambda f, h, w, c: int(np.prod([h, w, c]) + 1) * f,
    lambda anzahl_filter, kern_hoehe, kern_breite, kanaele: (kern_hoehe * kern_breite * kanaele + 1) * anzahl_filter,
])
def test_conv_parameter_accepts_equivalent_formulas(answer):
    assert _status(aufgabe.conv_parameter, answer)[0] == RICHTIG


@pytest.mark.parametrize("answer, fragment", [
    (lambda f, h, w, c: f * (h * w + c + 1), "erste Schicht"),  # channels added, not multiplied
    (lambda f, h, w, c: (f + 1) * h * w * c, "erste Schicht"),
    (lambda f, h, w, c: f * (h * w * c + 1) * 28 * 28, "erste Schicht"),  # depends on the image size
    (lambda f, h, w, c: None, "fehlt ein return"),
    (lambda f, h, w: f * (h * w + 1), "TypeError"),
    (320, "Funktion"),
    (None, "Funktion"),
])
def test_conv_parameter_rejects_more_wrong_answers(answer, fragment):
    status, message = _status(aufgabe.conv_parameter, answer)
    assert status == FALSCH and fragment in message


def test_conv_parameter_placeholder_is_not_attempted():
    assert _status(aufgabe.conv_parameter, ___)[0] == NICHT_BEARBEITET
    assert _status(aufgabe.conv_parameter, lambda f, h, w, c: ___)[0] == NICHT_BEARBEITET


# --------------------------------------------------------------------------- form_vor_flatten


@pytest.mark.parametrize("answer", [(3, 3, 128), (np.int64(3), 3, 128)])
def test_form_vor_flatten_accepts_tuples_with_numpy_integers(answer):
    assert _status(aufgabe.form_vor_flatten, answer)[0] == RICHTIG


def test_form_vor_flatten_asks_for_a_tuple():  # "als Tupel": a list never equals a shape
    status, message = _status(aufgabe.form_vor_flatten, [3, 3, 128])
    assert status == FALSCH and "Typ list statt tuple" in message


def test_form_vor_flatten_names_an_array_instead_of_a_shape():
    status, message = _status(aufgabe.form_vor_flatten, np.array([3, 3, 128]))
    assert status == FALSCH and "Typ numpy.ndarray statt tuple" in message


@pytest.mark.parametrize("answer", [(128, 3, 3), (26, 26, 32), (None, None, 128), "(3, 3, 128)", None, 1152, (3, 3)])
def test_form_vor_flatten_rejects_more_wrong_answers(answer):
    assert _status(aufgabe.form_vor_flatten, answer)[0] == FALSCH


# --------------------------------------------------------------------------- am_haeufigsten_verwechselt


def _schleife(matrix):
    beste, paar = -1, None
    for i in range(len(matrix)):
        for j in range(i + 1, len(matrix)):
            if matrix[i][j] + matrix[j][i] > beste:
                beste, paar = matrix[i][j] + matrix[j][i], [j, i]  # a list, larger index first
    return paar


def _mit_triu(matrix):
    fehler = np.triu(matrix + matrix.T, k=1)
    return set(np.unravel_index(fehler.argmax(), fehler.shape))


def _als_array(matrix):
    fehler = (matrix + matrix.T).astype(float)
    np.fill_diagonal(fehler, -np.inf)
    return np.array(np.unravel_index(fehler.argmax(), fehler.shape))


@pytest.mark.parametrize("answer", [_schleife, _mit_triu, _als_array])
def test_am_haeufigsten_verwechselt_accepts_other_orders_and_containers(answer):
    status, message = _status(aufgabe.am_haeufigsten_verwechselt, answer)
    assert status == RICHTIG, message


def _namen(matrix):
    klassen = [f"Klasse {k}" for k in range(len(matrix))]
    fehler = matrix + matrix.T
    np.fill_diagonal(fehler, 0)
    i, j = np.unravel_index(fehler.argmax(), fehler.shape)
    return klassen[i], klassen[j]


def _zeile_mit_meisten_fehlern(matrix):
    fehler = matrix.copy()
    np.fill_diagonal(fehler, 0)
    i = int(fehler.sum(axis=1).argmax())
    return i, int(fehler[i].argmax())


@pytest.mark.parametrize("answer, fragment", [
    (_namen, "Klassen*indizes*"),
    (_zeile_mit_meisten_fehlern, "hat aber"),
    (lambda matrix: (0, 6, 2), "Paar aus zwei"),
    (lambda matrix: {"i": 0, "j": 6}, "Paar aus zwei"),
    (lambda matrix: (0.5, 6), "ganzen Zahlen"),
    (lambda matrix: (True, False), "ganzen Zahlen"),
    (lambda matrix: None, "Paar aus zwei"),
    (lambda matrix: matrix.nope, "AttributeError"),
    ((0, 6), "Funktion selbst"),
    (None, "Funktion selbst"),
    ("am_haeufigsten_verwechselt", "Funktion selbst"),
])
def test_am_haeufigsten_verwechselt_rejects_more_wrong_answers(answer, fragment):
    status, message = _status(aufgabe.am_haeufigsten_verwechselt, answer)
    assert status == FALSCH and fragment in message, message


def test_am_haeufigsten_verwechselt_placeholder_is_not_attempted():
    assert _status(aufgabe.am_haeufigsten_verwechselt, ___)[0] == NICHT_BEARBEITET
    assert _status(aufgabe.am_haeufigsten_verwechselt, lambda matrix: ___)[0] == NICHT_BEARBEITET


# --------------------------------------------------------------------------- modell_fashion

keras = pytest.importorskip("keras")
from dlkurs.exercises.lessons import l3_4  # noqa: E402


def _fashion_model(**kwargs):
    keras.utils.set_random_seed(1)
    return l3_4._convnet(**kwargs)


@pytest.mark.parametrize("kwargs", [  # more alternatives are declared in the check module (harness)
    {"metrics": [keras.metrics.SparseCategoricalAccuracy()]},
])
def test_modell_fashion_accepts_correct_alternatives(with_course_data, kwargs):
    status, message = _status(aufgabe.modell_fashion, _fashion_model(**kwargs))
    assert status == RICHTIG, message


def test_modell_fashion_accepts_a_sequential_without_input_and_tuple_kernels(with_course_data):
    layers = keras.layers
    model = keras.Sequential([
        layers.Conv2D(filters=32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(filters=64, kernel_size=(3, 3), activation=keras.activations.relu),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(filters=128, kernel_size=(3, 3), activation="relu"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.sparse_categorical_crossentropy,
                  metrics=["accuracy"])
    status, message = _status(aufgabe.modell_fashion, model)
    assert status == RICHTIG, message


def _with(*extra_after_flatten, first=None, use_bias=True, loss="sparse_categorical_crossentropy", compile=True):
    layers = keras.layers
    stack = [keras.Input(shape=(28, 28, 1))]
    if first is not None:
        stack.append(first)
    stack += [
        layers.Conv2D(32, 3, activation="relu", use_bias=use_bias),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(128, 3, activation="relu"),
        layers.Flatten(),
        *extra_after_flatten,
        layers.Dense(10, activation="softmax"),
    ]
    model = keras.Sequential(stack)
    if compile:
        model.compile(optimizer="rmsprop", loss=loss, metrics=["accuracy"])
    return model


@pytest.mark.parametrize("build, fragment", [
    (lambda: _with(keras.layers.Dropout(0.5)), "Dropout"),
    (lambda: _with(first=keras.layers.Rescaling(1 / 255)), "Rescaling"),
    (lambda: _with(use_bias=False), "Parameter"),
    (lambda: _with(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)), "from_logits"),
    (lambda: _with(loss="binary_crossentropy"), "binary_crossentropy"),
    (lambda: l3_4._convnet(optimizer="sgd"), "SGD statt RMSprop"),
    (lambda: l3_4._convnet(optimizer=lambda: keras.optimizers.RMSprop(learning_rate=0.01)), "Lernrate 0.01"),
    (lambda: l3_4._convnet(filters=(32, 64)), "Die Schichten sind"),
    (lambda: keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10, activation="softmax")]),
     "(28, 28, 1)"),
    (lambda: keras.layers.Conv2D(32, 3), "einzelne Schicht"),
    (lambda: [keras.layers.Conv2D(32, 3), keras.layers.Flatten()], "Liste von Schichten"),
    (lambda: None, "Keras-Modell"),
    (lambda: "modell_fashion", "Keras-Modell"),
])
def test_modell_fashion_rejects_more_wrong_answers(with_course_data, build, fragment):
    status, message = _status(aufgabe.modell_fashion, build())
    assert status == FALSCH and fragment in message, message


def test_modell_fashion_rejects_a_history_and_leaves_the_model_unchanged(with_course_data):
    model = _fashion_model()
    before = [w.copy() for w in model.get_weights()]
    status, message = _status(aufgabe.modell_fashion, model)
    assert status == RICHTIG, message
    after = model.get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
    assert int(model.optimizer.iterations.numpy()) == 0  # the copy was trained, not the learner's model

    x, y, _, _ = l3_4._daten()
    history = model.fit(x[:64], y[:64], epochs=1, verbose=0)
    status, message = _status(aufgabe.modell_fashion, history)
    assert status == FALSCH and "History" in message


def test_modell_fashion_placeholder_is_not_attempted():
    assert _status(aufgabe.modell_fashion, ___)[0] == NICHT_BEARBEITET

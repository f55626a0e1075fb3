import matplotlib

matplotlib.use("Agg")

import numpy as np

from dlkurs.kit import plot_history, show_images, smooth


def test_smooth_is_an_exponential_moving_average():
    assert np.allclose(smooth([1.0, 0.0, 0.0], factor=0.5), [1.0, 0.5, 0.25])


def test_plot_history_draws_one_panel_per_metric_with_validation():
    history = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.8], "val_accuracy": [0.4, 0.7]}
    fig = plot_history(history)
    assert len(fig.axes) == 2
    assert [line.get_label() for line in fig.axes[0].lines] == ["Training", "Validierung"]
    assert fig.axes[1].get_ylabel() == "Genauigkeit"


def test_show_images_marks_wrong_predictions_red():
    images = np.zeros((3, 28, 28), dtype=np.uint8)
    fig = show_images(images, labels=[1, 2, 3], predictions=[1, 5, 3], columns=3)
    titles = [ax.get_title() for ax in fig.axes]
    colors = [ax.title.get_color() for ax in fig.axes]
    assert titles == ["1", "5 (2)", "3"]
    assert colors == ["green", "red", "green"]


def test_show_images_accepts_text_labels_and_column_vectors():
    images = np.zeros((2, 8, 8, 3), dtype=np.uint8)
    fig = show_images(images, labels=["Katze", "Hund"], columns=2)
    assert [ax.get_title() for ax in fig.axes] == ["Katze", "Hund"]
    fig = show_images(images, labels=np.array([[3], [5]]), predictions=[3, 4], class_names=list("abcdef"), columns=2)
    assert [ax.get_title() for ax in fig.axes] == ["d", "e (f)"]


def test_plot_history_labels_crossentropy_in_german_and_whole_epochs():
    fig = plot_history({"binary_crossentropy": [0.7, 0.5, 0.4], "val_binary_crossentropy": [0.7, 0.6, 0.6]})
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Kreuzentropie"
    assert all(float(t).is_integer() for t in ax.get_xticks())

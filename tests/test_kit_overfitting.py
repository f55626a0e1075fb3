import matplotlib

matplotlib.use("Agg")

import pytest

from dlkurs.kit.overfitting import plot_compare


def test_plot_compare_draws_one_curve_per_run_with_its_own_length():
    runs = {"klein": {"val_loss": [0.6, 0.5, 0.4]}, "groß": {"val_loss": [0.3, 0.5]}}
    fig = plot_compare(runs, "val_loss", title="Kapazität")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["klein", "groß"]
    assert list(ax.lines[1].get_xdata()) == [1, 2]
    assert ax.get_ylabel() == "Verlust (Validierung)"
    assert ax.get_title() == "Kapazität"


def test_plot_compare_adds_dashed_training_curves_in_the_same_colour():
    class History:  # what model.fit returns, as far as the helper cares
        history = {"loss": [0.5, 0.2], "val_loss": [0.6, 0.7]}

    fig = plot_compare({"original": History()}, training=True)
    validation, training = fig.axes[0].lines
    assert validation.get_label() == "original (Validierung)"
    assert training.get_label() == "original (Training)"
    assert fig.axes[0].get_ylabel() == "Verlust"
    assert training.get_linestyle() == "--"
    assert training.get_color() == validation.get_color()


def test_plot_compare_names_a_missing_key():
    with pytest.raises(KeyError, match="val_accuracy"):
        plot_compare({"a": {"val_loss": [1.0]}}, "val_accuracy")


def test_plot_compare_names_the_cross_entropy_in_german():
    fig = plot_compare({"a": {"val_binary_crossentropy": [0.5, 0.4]}}, "val_binary_crossentropy")
    assert fig.axes[0].get_ylabel() == "Kreuzentropie (Validierung)"

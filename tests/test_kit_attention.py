"""kit.attention: the heat map of attention weights."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlkurs.kit.attention import plot_attention  # noqa: E402


def test_heat_map_labels_rows_and_columns():
    w = np.array([[0.5, 0.5, 0.0], [0.1, 0.2, 0.7]])
    ax = plot_attention(w, ["a", "b"], ["x", "y", "z"], title="T")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_title() == "T"
    assert len(ax.texts) == 6  # small: every weight written into its cell
    plt.close("all")


def test_self_attention_defaults_keys_to_queries():
    ax = plot_attention(np.eye(3), ["a", "b", "c"], annotate=False)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert not ax.texts
    plt.close("all")


@pytest.mark.parametrize("w", [np.ones((1, 2, 2)), np.ones((2, 3))])
def test_wrong_shapes_are_named(w):
    with pytest.raises(ValueError, match="Form"):
        plot_attention(w, ["a", "b"])
    plt.close("all")

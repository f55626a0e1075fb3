import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from dlkurs.kit.neurons import LOGIC_INPUTS, truth_table
from dlkurs.kit.regions import plot_decision_regions
from dlkurs.scratch import McCullochPitts


def test_truth_table_has_inputs_as_index_and_one_column_per_unit():
    table = truth_table({"UND": McCullochPitts([1, 1], 2), "ODER": McCullochPitts([1, 1], 1)})
    assert list(table.index.names) == ["x₁", "x₂"]
    assert list(table.index) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert table["UND"].tolist() == [0, 0, 0, 1]
    assert table["ODER"].tolist() == [0, 1, 1, 1]


def test_truth_table_with_one_input_and_probabilities():
    table = truth_table({"NICHT": McCullochPitts([-1], 0)}, n_inputs=1)
    assert table["NICHT"].tolist() == [1, 0]
    table = truth_table({"p": lambda x: np.full((len(x), 1), 0.8)})  # probabilities are rounded
    assert table["p"].tolist() == [1, 1, 1, 1]


def test_truth_table_rejects_vector_outputs():
    with pytest.raises(ValueError, match="erwartet wird einer"):
        truth_table({"zwei": lambda x: np.zeros((len(x), 2))})


def test_plot_decision_regions_draws_boundary_and_both_classes():
    ax = plot_decision_regions(McCullochPitts([1, 1], 2), LOGIC_INPUTS, [0, 0, 0, 1], title="UND")
    labels = [c.get_label() for c in ax.collections if c.get_label().startswith("Klasse")]
    assert labels == ["Klasse 0", "Klasse 1"]
    assert ax.get_title() == "UND"
    assert ax.get_xlim() == (-0.5, 1.5)

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from dlkurs.kit import convolution  # noqa: E402


def test_receptive_field_grows_with_kernels_and_strides():
    assert convolution.receptive_field([3, 3]) == [3, 5]
    assert convolution.receptive_field([3, 2, 3], [1, 2, 1]) == [3, 4, 8]


def test_show_feature_maps_has_one_panel_per_map_and_the_input():
    fig = convolution.show_feature_maps(np.zeros((5, 5)), [np.ones((3, 3))] * 2, ["a", "b"])
    assert len(fig.axes) == 3 and fig.axes[2].get_title() == "b"


def test_show_receptive_field_draws_a_bar_per_layer():
    fig = convolution.show_receptive_field([3, 3, 3])
    assert len(fig.axes[0].patches) == 3

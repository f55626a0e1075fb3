import matplotlib

matplotlib.use("Agg")

import numpy as np

from dlkurs.kit.descent import descend, plot_contours, plot_path


def test_descend_follows_the_negative_gradient():
    path = descend(lambda p: 2 * p, [4.0], learning_rate=0.25, steps=3)  # f(x) = x²
    assert path.shape == (4, 1)
    assert np.allclose(path[:, 0], [4.0, 2.0, 1.0, 0.5])


def test_descend_stops_when_the_path_leaves_the_finite_numbers():
    path = descend(lambda p: 1e300 * p, [1.0, 1.0], learning_rate=1e10, steps=50)
    assert np.all(np.isfinite(path))
    assert len(path) < 51


def test_plot_contours_and_path():
    ax = plot_contours(lambda x, y: x**2 + 10 * y**2, (-2, 2), (-1, 1))
    line = plot_path([[1.0, 1.0], [0.5, 0.2], [0.0, 0.0]], ax, label="GD")
    assert line.get_label() == "GD"
    assert ax.get_xlabel() == "$w_1$"
    assert len(ax.lines) == 2  # the path and its start marker
    assert ax.get_aspect() == 1.0  # equal units: steps look perpendicular to the contour lines
    assert plot_contours(lambda x, y: x + y, (0, 1), (0, 1), equal=False).get_aspect() == "auto"

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from dlkurs.kit.reconstruction import latent_grid, plot_latent_space, show_rows


def test_show_rows_accepts_flat_square_and_channel_images():
    fig = show_rows({"flach": np.zeros((3, 784)), "quadrat": np.ones((3, 28, 28)), "kanal": np.zeros((2, 28, 28, 1))})
    assert len(fig.axes) == 3 * 3
    assert fig.axes[0].get_ylabel() == "flach"


def test_show_rows_rejects_what_is_no_image_stack():
    with pytest.raises(ValueError):
        show_rows({"x": np.zeros((3, 10))})
    with pytest.raises(ValueError):
        show_rows({})


def test_latent_space_plots_one_series_per_class():
    codes = np.random.default_rng(0).normal(size=(30, 2))
    fig = plot_latent_space(codes, np.arange(30) % 3, title="t")
    assert len(fig.axes[0].collections) == 3
    with pytest.raises(ValueError):
        plot_latent_space(np.zeros((5, 3)), np.zeros(5))


def test_latent_grid_places_codes_like_a_scatter_plot():
    # each decoded image is filled with its first code; the top-left tile is (small x, large y)
    bild = latent_grid(lambda c: np.repeat(c[:, :1], 4, axis=1) + 10 * np.repeat(c[:, 1:], 4, axis=1),
                       n=3, span=(-1.0, 1.0), side=2)
    assert bild.shape == (6, 6)
    assert bild[0, 0] == pytest.approx(-1 + 10 * 1)   # top-left: x = -1, y = +1
    assert bild[-1, -1] == pytest.approx(1 - 10 * 1)  # bottom-right: x = +1, y = -1

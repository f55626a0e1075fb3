import matplotlib

matplotlib.use("Agg")

import doctest

import numpy as np
import pytest

import dlkurs.kit.tensors as tensors
from dlkurs.kit.tensors import broadcast_table, describe, show_grids
from dlkurs.kit.timing import time_call


def test_docstring_examples_hold():
    assert doctest.testmod(tensors, globs={"np": np, **vars(tensors)}).failed == 0


def test_describe_names_rank_shape_dtype_and_memory():
    assert describe(np.zeros((60000, 28, 28), dtype=np.uint8), "x") == (
        "x: Rang 3 · Form (60000, 28, 28) · dtype uint8 · 47.0 MB"
    )
    assert describe(np.float32(1.5)) == "Rang 0 · Form () · dtype float32 · 4 Byte"
    assert describe(np.arange(3)).startswith("Rang 1 · Form (3,)")


def test_describe_accepts_keras_tensors():
    import keras

    text = describe(keras.ops.ones((2, 5)), "t")
    assert text == "t: Rang 2 · Form (2, 5) · dtype float32 · 40 Byte"


@pytest.mark.parametrize(
    "a, b",
    [((32, 1, 10), (5, 1)), ((3, 1), (4,)), ((128, 512), (512,)), ((2, 1, 3), (1,)), ((4,), (2, 3, 4))],
)
def test_broadcast_table_result_is_numpys(a, b):
    last = broadcast_table(a, b).splitlines()[-1].split()
    assert last[0] == "Ergebnis"
    assert tuple(int(d) for d in last[1:]) == np.broadcast_shapes(a, b)


def test_broadcast_table_names_the_failing_axis():
    text = broadcast_table((3, 4), (3,))
    assert text.splitlines()[-1].startswith("Fehler: an der letzten Achse")
    assert "3 und 4" in text
    assert "an der 3. Achse von rechts" in broadcast_table((2, 1, 1), (3, 1, 1))


def test_broadcast_table_shows_the_implied_leading_axes():
    rows = broadcast_table((128, 512), (512,), names=["x", "b"]).splitlines()
    assert rows[1].split() == ["b", "(1)", "512"]
    assert rows[0].split() == ["x", "128", "512"]
    with pytest.raises(ValueError):
        np.broadcast_shapes((3, 4), (3,))
    with pytest.raises(ValueError, match="two shapes"):
        broadcast_table((3,))


def test_time_call_is_positive_and_orders_work():
    small = time_call(np.sum, np.ones(10), repeat=2, min_seconds=0.005)
    large = time_call(np.sum, np.ones(1_000_000), repeat=2, min_seconds=0.005)
    assert 0 < small < large


def test_show_grids_draws_one_panel_per_array_with_values():
    a = np.arange(6).reshape(2, 3)
    fig = show_grids({"a": a, "a.T": a.T, "v": np.arange(3)})
    assert len(fig.axes) == 3
    assert fig.axes[1].get_title() == "a.T\nForm (3, 2)"
    assert fig.axes[2].get_title() == "v\nForm (3,)"
    assert sorted(t.get_text() for t in fig.axes[0].texts) == [str(i) for i in range(6)]
    with pytest.raises(ValueError, match="2-D"):
        show_grids({"w": np.zeros((2, 2, 2))})

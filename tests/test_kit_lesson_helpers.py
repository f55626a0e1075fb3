"""The kit of lesson 1.1: timeline, decision regions, clusters, timing and the GFLOP/s measurement."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlkurs.kit.clusters import plot_clusters
from dlkurs.kit.regions import plot_decision_regions
from dlkurs.kit.speed import gpu_devices, matmul_gflops
from dlkurs.kit.timeline import plot_timeline
from dlkurs.kit.timing import time_best

EVENTS = [
    (1956, "Dartmouth", "KI"),
    (1958, "Perzeptron (Rosenblatt)", "Netze"),
    (1959, "ein zweites Ereignis direkt daneben", "Netze"),
    (1960, "und ein drittes", "Netze"),
    (1969, "Perceptrons", "Netze"),
]


def _boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    return [(t.get_text(), t.get_position(), t.get_window_extent(renderer)) for t in ax.texts if ":" in t.get_text()]


def test_timeline_puts_groups_on_both_sides_and_labels_do_not_overlap():
    fig = plot_timeline(EVENTS, [(1974, 1980, "1. KI-Winter")], title="Test")
    ax = fig.axes[0]
    boxes = _boxes(ax)
    assert len(boxes) == len(EVENTS)
    sides = {text.split(":")[1].strip()[:5]: np.sign(pos[1]) for text, pos, _ in boxes}
    assert sides["Dartm"] == 1 and sides["Perze"] == -1  # first group above, second below
    for i, (_, _, a) in enumerate(boxes):
        for _, _, b in boxes[i + 1:]:
            assert not a.overlaps(b), "labels overlap"
    assert any(t.get_text() == "1. KI-Winter" for t in ax.texts)
    assert [h.get_label() for h in ax.get_legend().legend_handles] == ["KI", "Netze"]
    plt.close(fig)


def test_timeline_widens_the_axis_until_the_last_label_fits():
    fig = plot_timeline([(2000, "A", "x"), (2022, "ein sehr langer Text am Ende der Zeitachse", "x")])
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    last = max(_boxes(ax), key=lambda b: b[1][0])[2]
    assert last.x1 <= ax.get_window_extent(renderer).x1 + 2
    plt.close(fig)


def test_timeline_rejects_three_groups_and_no_events():
    with pytest.raises(ValueError, match="at most two groups"):
        plot_timeline([(1, "a", "x"), (2, "b", "y"), (3, "c", "z")])
    with pytest.raises(ValueError, match="at least one event"):
        plot_timeline([])


def test_decision_regions_and_svm_margin():
    from sklearn.datasets import make_blobs
    from sklearn.svm import SVC

    X, y = make_blobs(n_samples=40, centers=2, random_state=6)
    model = SVC(kernel="linear").fit(X, y)
    ax = plot_decision_regions(model, X, y, margin=True, title="SVM")
    fig = ax.figure
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["0", "1", "Stützvektoren"]
    assert ax.get_title() == "SVM"
    plt.close(fig)
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        plot_decision_regions(model, np.zeros((3, 3)), [0, 1, 0])


def test_clusters_show_noise_as_grey_crosses():
    X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [9.0, 0.0]])
    fig = plot_clusters(X, np.array([0, 0, 1, -1]), centers=[[0.05, 0.0], [5.0, 5.0]])
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Rauschen (1)"]
    plt.close(fig)
    with pytest.raises(ValueError):
        plot_clusters(X, [0, 1])


def test_time_best_groups_short_calls_and_syncs_each_round():
    calls, synced = [], []
    seconds = time_best(lambda: calls.append(1) or len(calls), budget=0.01, round_time=0.001, sync=synced.append)
    assert seconds > 0
    assert len(calls) > 100  # short calls are timed in groups
    assert len(synced) >= 4  # warm-up + at least three rounds


def test_matmul_gflops_numpy_is_positive_and_checks_its_arguments():
    assert matmul_gflops(64, budget=0.01) > 0
    with pytest.raises(ValueError, match="positive integer"):
        matmul_gflops(0)
    with pytest.raises(ValueError, match="library"):
        matmul_gflops(8, library="torch")
    with pytest.raises(ValueError, match="CPU"):
        matmul_gflops(8, device="gpu")


def test_matmul_gflops_keras_on_the_cpu_and_gpu_only_when_present():
    import dlkurs  # noqa: F401  (quiet TensorFlow before Keras loads it)

    assert matmul_gflops(64, library="keras", device="cpu", budget=0.01) > 0
    if gpu_devices():
        assert matmul_gflops(64, library="keras", device="gpu", budget=0.01) > 0
    else:
        with pytest.raises(RuntimeError, match="Keine GPU"):
            matmul_gflops(64, library="keras", device="gpu")
    with pytest.raises(ValueError, match="device"):
        matmul_gflops(8, library="keras", device="tpu")

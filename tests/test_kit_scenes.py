import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from dlkurs.kit.scenes import (box_iou, class_iou, compose_scenes, mean_iou, resize, show_scenes,
                               tight_box)


def _ziffern(n=20):
    rng = np.random.default_rng(0)
    bilder = np.zeros((n, 28, 28), dtype="uint8")
    for i in range(n):
        y, x = rng.integers(4, 10, size=2)
        bilder[i, y:y + 14, x:x + 6] = 255
    return bilder, np.arange(n) % 10


def test_scenes_have_masks_that_match_boxes_and_classes():
    bilder, labels = _ziffern()
    s = compose_scenes(bilder, labels, n=30, size=48, digits=(1, 3), seed=0)
    assert s.images.shape == (30, 48, 48) and s.masks.shape == (30, 48, 48)
    assert s.images.dtype == np.float32 and 0 <= s.images.min() and s.images.max() <= 1
    for maske, boxen, klassen in zip(s.masks, s.boxes, s.classes):
        assert 1 <= len(boxen) <= 3 and len(boxen) == len(klassen)
        for (y0, x0, y1, x1), k in zip(boxen, klassen):
            inneres = maske[y0:y1, x0:x1]
            assert np.any(inneres == k + 1)  # the digit's pixels carry its class
            assert np.array_equal(tight_box(inneres == k + 1) + [y0, x0, y0, x0], [y0, x0, y1, x1])
        # boxes do not overlap
        for i in range(len(boxen)):
            for j in range(i + 1, len(boxen)):
                assert box_iou(boxen[i], boxen[j])[0] == 0
    assert np.all((s.masks > 0) == (s.images > 0.3))


def test_scenes_are_deterministic_and_single_boxes_work():
    bilder, labels = _ziffern()
    a = compose_scenes(bilder, labels, n=5, digits=(1, 1), scale=(12, 28), seed=3)
    b = compose_scenes(bilder, labels, n=5, digits=(1, 1), scale=(12, 28), seed=3)
    assert np.array_equal(a.images, b.images)
    boxen, klassen = a.single_boxes()
    assert boxen.shape == (5, 4) and klassen.shape == (5,)
    with pytest.raises(ValueError):
        compose_scenes(bilder, labels, n=5, digits=(2, 2), seed=0).single_boxes()
    with pytest.raises(ValueError):
        compose_scenes(bilder, labels[:3], n=2)


def test_box_iou_edge_cases():
    assert box_iou([0, 0, 10, 10], [5, 5, 15, 15])[0] == pytest.approx(25 / 175)
    assert box_iou([0, 0, 10, 10], [0, 0, 10, 10])[0] == 1
    assert box_iou([0, 0, 10, 10], [20, 20, 30, 30])[0] == 0
    assert box_iou([0, 0, 10, 10], [0, 10, 10, 20])[0] == 0
    assert box_iou([5, 5, 5, 5], [5, 5, 5, 5])[0] == 0


def test_class_iou_and_mean_iou():
    wahr = np.array([[0, 1, 1], [0, 2, 2]])
    vorher = np.array([[0, 1, 0], [0, 2, 2]])
    iou = class_iou(wahr, vorher, 4)
    assert iou[1] == pytest.approx(0.5) and iou[2] == 1 and np.isnan(iou[3])
    assert mean_iou(wahr, vorher, 4, skip=(0,)) == pytest.approx(0.75)


def test_resize_keeps_range_and_shape():
    bild = np.random.default_rng(0).random((28, 28))
    klein = resize(bild, 14)
    assert klein.shape == (14, 14) and 0 <= klein.min() and klein.max() <= 1
    assert np.allclose(resize(bild, 28), bild)


def test_show_scenes_draws_boxes():
    bilder, labels = _ziffern()
    s = compose_scenes(bilder, labels, n=3, seed=0)
    fig = show_scenes(s.images, s.masks, predicted=s.masks, boxes=s.boxes, predicted_boxes=s.boxes)
    assert len(fig.axes[0].patches) == 2 * len(s.boxes[0])

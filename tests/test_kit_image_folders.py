"""kit.image_folders: checking a folder of photos and streaming it as tf.data batches."""

import numpy as np
import pytest

from dlkurs.kit.image_folders import BrokenImages, photo_dataset, verify_images


def _ordner(tmp_path, kaputt=False):
    from PIL import Image

    rng = np.random.default_rng(0)
    for klasse, n in [("cats", 3), ("dogs", 4)]:
        (tmp_path / "train" / klasse).mkdir(parents=True)
        for i in range(n):
            bild = rng.integers(0, 255, (30 + i, 40, 3), dtype=np.uint8)
            Image.fromarray(bild).save(tmp_path / "train" / klasse / f"{klasse[:-1]}.{i}.jpg")
    if kaputt:
        voll = (tmp_path / "train" / "dogs" / "dog.0.jpg").read_bytes()
        (tmp_path / "train" / "dogs" / "dog.0.jpg").write_bytes(voll[: len(voll) // 2])  # truncated
        (tmp_path / "train" / "cats" / "notiz.jpg").write_text("kein Bild")
    return tmp_path


def test_report_counts_sizes_and_no_broken_files(tmp_path):
    bericht = verify_images(_ordner(tmp_path))
    assert bericht.counts == {"train/cats": 3, "train/dogs": 4}
    assert bericht.total == 7 and not bericht.broken
    assert (40, 30) in bericht.sizes
    assert "Alle Dateien lassen sich lesen" in str(bericht)


def test_broken_files_are_named(tmp_path):
    bericht = verify_images(_ordner(tmp_path, kaputt=True))
    namen = sorted(p.name for p, _ in bericht.broken)
    assert namen == ["dog.0.jpg", "notiz.jpg"]
    assert "dog.0.jpg" in str(bericht) and "notiz.jpg" in str(bericht)


def test_dataset_refuses_a_folder_with_broken_files_naming_them(tmp_path):
    with pytest.raises(BrokenImages) as info:
        photo_dataset(_ordner(tmp_path, kaputt=True) / "train")
    assert "dog.0.jpg" in str(info.value) and "dlkurs data import" in str(info.value)
    assert len(info.value.files) == 2
    assert "Kaputte Bilddateien" in info.value._render_traceback_()[0]


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        verify_images(tmp_path / "fehlt")
    (tmp_path / "leer" / "a").mkdir(parents=True)
    with pytest.raises(BrokenImages, match="keine Bilder"):
        photo_dataset(tmp_path / "leer")


def test_dataset_yields_resized_binary_batches(tmp_path):
    ds = photo_dataset(_ordner(tmp_path) / "train", image_size=(20, 24), batch_size=4, shuffle=True)
    assert ds.class_names == ["cats", "dogs"]
    stapel = [(np.asarray(x), np.asarray(y)) for x, y in ds]
    assert [x.shape for x, _ in stapel] == [(4, 20, 24, 3), (3, 20, 24, 3)]
    assert stapel[0][1].shape == (4, 1)
    labels = np.concatenate([y[:, 0] for _, y in stapel])
    assert sorted(labels.tolist()) == [0, 0, 0, 1, 1, 1, 1]
    assert 0 <= min(x.min() for x, _ in stapel) and max(x.max() for x, _ in stapel) <= 255


def test_max_images_limits_the_stream(tmp_path):
    ds = photo_dataset(_ordner(tmp_path) / "train", image_size=(8, 8), batch_size=2, shuffle=True, max_images=5)
    assert sum(int(np.asarray(x).shape[0]) for x, _ in ds) == 5

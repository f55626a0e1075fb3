"""Datasets without a real copy here (Reuters, Jena, CIFAR-10, VGG16 weights): loaders on canonical-format files.

The fixture files (dlkurs.data.testing) have the real container, keys and
dtypes. Where possible the loaders are compared with Keras' own loaders run on
the same file, so "like Keras" is checked, not assumed.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import tarfile
import zipfile

import numpy as np
import pytest

import dlkurs.data as data
from helpers import needs_shared
from dlkurs.data import DatasetNotAvailable, VerificationError, events
from dlkurs.data.store import DataHome


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("keras")


def test_fixtures_are_used_only_when_asked_and_announced(fixture_dir, monkeypatch, capsys):
    with pytest.raises(DatasetNotAvailable):
        data.load("reuters")
    monkeypatch.setenv("DLKURS_FIXTURES", str(fixture_dir))
    (x_train, y_train), (x_test, y_test) = data.load("reuters")
    err = capsys.readouterr().err
    assert "Testdaten im kanonischen Format (kein echter Datensatz)" in err and "reuters" in err
    assert [s["event"] for s in data.substitutions()] == ["fixture"]
    assert DataHome().check(data.info("reuters")).state == "missing"  # never copied into the data home


def test_fixture_use_is_logged_for_the_runner(use_fixtures, monkeypatch, tmp_path):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("DLKURS_DATA_LOG", str(log))
    data.load("jena_climate")
    entry = json.loads(log.read_text(encoding="utf-8").splitlines()[0])
    assert entry["event"] == "fixture" and entry["dataset"] == "jena_climate"


def test_reuters_layout(use_fixtures):
    (x_train, y_train), (x_test, y_test) = data.load("reuters", num_words=20)
    assert len(x_train) == 240 and len(x_test) == 60  # test_split=0.2 of 300
    assert x_train.dtype == object and x_train[0].dtype == np.int32
    assert y_train.dtype == np.int64 and set(np.concatenate([y_train, y_test])) == set(range(46))
    assert all(s[0] == 1 for s in x_train) and max(int(s.max()) for s in x_train) < 20
    assert data.reuters_word_index()["the"] == 1


@pytest.mark.parametrize("options", [
    {}, {"num_words": 50}, {"num_words": 100, "skip_top": 5, "maxlen": 30},
    {"start_char": None, "oov_char": None, "index_from": 0}, {"test_split": 0.5, "seed": 7},
])
def test_reuters_equals_keras_loader(use_fixtures, fixture_dir, keras, monkeypatch, options):
    from keras.src.datasets import reuters as keras_reuters

    monkeypatch.setattr(keras_reuters, "get_file", lambda *a, **k: str(fixture_dir / "reuters" / "reuters.npz"))
    (kx, ky), (kxt, kyt) = keras_reuters.load_data(**options)
    (x, y), (xt, yt) = data.load("reuters", **options)
    assert [list(s) for s in x] == [list(s) for s in kx] and y.tolist() == ky.tolist()
    assert [list(s) for s in xt] == [list(s) for s in kxt] and yt.tolist() == kyt.tolist()


def test_cifar10_equals_keras_batch_reader(use_fixtures, fixture_dir, keras, tmp_path):
    """Keras' cifar10.load_data hard-codes 10 000 images per batch; its batch reader works on any size."""
    from keras.src.datasets.cifar import load_batch

    with tarfile.open(fixture_dir / "cifar10" / "cifar-10-python.tar.gz") as archive:
        archive.extractall(tmp_path, filter="data")
    folder = tmp_path / "cifar-10-batches-py"
    parts = [load_batch(str(folder / f"data_batch_{i}")) for i in range(1, 6)]
    kx = np.concatenate([p[0] for p in parts]).transpose(0, 2, 3, 1)  # what load_data does (channels_last)
    ky = np.concatenate([np.asarray(p[1], dtype=np.uint8) for p in parts]).reshape(-1, 1)
    kxt, kyt = load_batch(str(folder / "test_batch"))
    (x, y), (xt, yt) = data.load("cifar10")
    assert x.shape == (100, 32, 32, 3) and x.dtype == np.uint8 and y.shape == (100, 1) and y.dtype == np.uint8
    np.testing.assert_array_equal(x, kx)
    np.testing.assert_array_equal(y, ky)
    np.testing.assert_array_equal(xt, kxt.transpose(0, 2, 3, 1))
    np.testing.assert_array_equal(yt.ravel(), np.asarray(kyt))


@needs_shared
def test_boston_and_mnist_equal_keras_loaders(use_shared_home, shared_data, keras, monkeypatch):
    from keras.src.datasets import boston_housing as keras_boston
    from keras.src.datasets import mnist as keras_mnist

    monkeypatch.setattr(keras_boston, "get_file", lambda *a, **k: str(shared_data / "boston_housing" / "boston_housing.npz"))
    monkeypatch.setattr(keras_mnist, "get_file", lambda *a, **k: str(shared_data / "mnist" / "mnist.npz"))
    (kx, ky), (kxt, kyt) = keras_boston.load_data()
    (x, y), (xt, yt) = data.load("boston_housing", dtype="float64")
    for ours, theirs in ((x, kx), (y, ky), (xt, kxt), (yt, kyt)):
        np.testing.assert_array_equal(ours, theirs)
    (kx, ky), (kxt, kyt) = keras_mnist.load_data()
    (x, y), (xt, yt) = data.load("mnist")
    for ours, theirs in ((x, kx), (y, ky), (xt, kxt), (yt, kyt)):
        np.testing.assert_array_equal(ours, theirs)


def test_jena_climate_frame(use_fixtures):
    df = data.load("jena_climate")
    from dlkurs.data.registry import JENA_HEADER

    assert list(df.columns) == [c.strip('"') for c in JENA_HEADER.split(",")]
    assert df.shape == (8000, 15)
    assert str(df["Date Time"].dtype).startswith("datetime64")
    assert str(df["Date Time"].iloc[0]) == "2009-01-01 00:10:00"
    assert all(df[c].dtype == np.float32 for c in df.columns[1:])
    raw = data.load("jena_climate", parse_dates=False)
    assert raw["Date Time"].iloc[0] == "01.01.2009 00:10:00"


def test_greensboro_tmy3_frame(use_fixtures):
    """The TMY3 layout: station line skipped, 24:00 is midnight of the next day, numbers float32."""
    df = data.load("greensboro_tmy3")
    assert df.shape == (8760, 70)
    assert list(df.columns[:2]) == ["Date Time", "ETR (W/m^2)"]
    assert str(df["Date Time"].iloc[0]) == "1988-01-01 01:00:00"
    assert str(df["Date Time"].iloc[23]) == "1988-01-02 00:00:00"
    assert df["Dry-bulb (C)"].dtype == np.float32 and df["Dry-bulb (C)"].std() > 1


def test_available_never_downloads_and_sees_fixtures(use_fixtures, monkeypatch, tmp_path):
    assert data.available("greensboro_tmy3") and data.available("jena_climate") and data.available("iris")
    monkeypatch.delenv("DLKURS_FIXTURES")
    monkeypatch.setenv("DLKURS_DATA", str(tmp_path / "leer"))
    assert not data.available("greensboro_tmy3")
    assert not (tmp_path / "leer").exists()


def test_jena_structure_check(fixture_dir, tmp_path):
    """No published hash: the structure check accepts the real layout and rejects anything else."""
    from dlkurs.data.content import ZippedCsv

    check = data.info("jena_climate").items[0].content
    small = ZippedCsv(check.member, check.header, check.first_cell, min_rows=2000)
    small.check(fixture_dir / "jena_climate" / "jena_climate_2009_2016.csv.zip")
    with pytest.raises(VerificationError) as err:  # the fixture has far fewer rows than the real file
        check.check(fixture_dir / "jena_climate" / "jena_climate_2009_2016.csv.zip")
    assert "420000" in str(err.value) and "2000" in str(err.value)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("jena_climate_2009_2016.csv", '"Date","T (degC)"\n01.01.2009 00:10:00,1\n')
    with pytest.raises(VerificationError, match="Kopfzeile"):
        small.check(bad)


def test_vgg16_fixture_loads_into_keras(use_fixtures, keras):
    path = data.load("vgg16_notop")
    assert path.name == "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    assert path.stat().st_size < 2_000_000  # small: zeros, compressed
    model = keras.applications.VGG16(weights=str(path), include_top=False, input_shape=(32, 32, 3))
    assert model.count_params() == 14_714_688
    assert float(np.abs(model.get_layer("block1_conv1").get_weights()[0]).sum()) == 0.0


def test_mobilenet_fixture_loads_into_keras_like_the_imagenet_file(use_fixtures, keras):
    """The canonical file name and legacy HDF5 layout: the call of lesson 3.7 loads it unchanged."""
    path = data.load("mobilenet_v3_small_notop")
    assert path.name == "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5"
    assert path.stat().st_size < 6_000_000
    model = keras.applications.MobileNetV3Small(weights=str(path), include_top=False, input_shape=(96, 96, 3))
    assert model.count_params() == 939_120
    assert model.output_shape == (None, 3, 3, 576)
    fresh = keras.applications.MobileNetV3Small(weights=None, include_top=False, input_shape=(96, 96, 3))
    with pytest.raises(ValueError):  # a file of another network is refused by Keras, not silently half-loaded
        fresh.load_weights(str(data.load("vgg16_notop")))


def test_fixtures_never_pass_verification(fixture_dir):
    """Importing the fixture folder is refused item by item, with both hashes named."""
    from dlkurs.data.bundle import import_data

    report = import_data(fixture_dir)
    results = {r.dataset: r for r in report.results}
    assert set(results) == {"reuters", "jena_climate", "cifar10", "greensboro_tmy3", "vgg16_notop", "mobilenet_v3_small_notop"}
    assert all(r.status == "abgelehnt" for r in results.values())
    reuters_npz = (fixture_dir / "reuters" / "reuters.npz").read_bytes()
    assert "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916" in results["reuters"].problems[0]
    assert hashlib.sha256(reuters_npz).hexdigest() in " ".join(results["reuters"].problems)
    assert "6d6bbae143d832006294945121d1f1fc" in " ".join(results["vgg16_notop"].problems)
    assert "d3e8ec802a04aa4fc771ee12a9a9b836" in " ".join(results["mobilenet_v3_small_notop"].problems)
    assert "Datenzeilen" in " ".join(results["jena_climate"].problems)
    assert "1e96f84638ce98e6b29002bc45a27aa69bb29b0ed0368d3b52b7b1f81610c6c9" in " ".join(results["greensboro_tmy3"].problems)
    assert all(DataHome().check(data.info(n)).state == "missing" for n in results)


def test_object_arrays_are_unpickled_safely(tmp_path):
    """A tampered .npz cannot run code: only NumPy array globals may be unpickled."""
    from dlkurs.data.loaders import load_npz_objects

    class Evil:
        def __reduce__(self):
            import os

            return (os.system, ("echo pwned > " + str(tmp_path / "pwned"),))

    payload = np.empty(1, dtype=object)
    payload[0] = Evil()
    path = tmp_path / "reuters.npz"
    np.savez(path, x=payload, y=np.zeros(1, dtype=np.int64))
    with pytest.raises(pickle.UnpicklingError, match="Refusing"):
        load_npz_objects(path)
    assert not (tmp_path / "pwned").exists()


def test_write_fixtures_rejects_unknown_names(tmp_path):
    from dlkurs.data.testing import write_fixtures

    with pytest.raises(ValueError, match="Keine Testdaten"):
        write_fixtures(tmp_path, ["mnist"])


def test_cifar_fixture_has_canonical_members(fixture_dir):
    with tarfile.open(fixture_dir / "cifar10" / "cifar-10-python.tar.gz") as archive:
        names = archive.getnames()
        batch = pickle.load(io.BytesIO(archive.extractfile("cifar-10-batches-py/data_batch_1").read()),
                            encoding="bytes")
    assert {f"cifar-10-batches-py/data_batch_{i}" for i in range(1, 6)} <= set(names)
    assert "cifar-10-batches-py/test_batch" in names
    assert set(batch) == {b"batch_label", b"labels", b"data", b"filenames"}
    assert batch[b"data"].dtype == np.uint8 and batch[b"data"].shape == (20, 3072)


def test_events_are_per_process_and_clearable():
    events.record("fixture", "x", "test")
    assert data.substitutions()[0]["dataset"] == "x"
    events.clear()
    assert data.substitutions() == []

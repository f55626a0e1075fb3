"""Every dataset with a real copy in shared/data: import, verification and loader.

Expected values come from shared/data/MANIFEST.md and from what Keras,
scikit-learn and *Deep Learning with Python* print for the same data.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import dlkurs.data as data
from helpers import SHARED_NAMES, needs_shared

pytestmark = needs_shared


def test_import_of_shared_folder_recognises_every_dataset(shared_home, shared_data):
    from dlkurs.data.bundle import import_data
    from dlkurs.data.store import DataHome

    # a second import finds everything present (and verified) and copies nothing
    report = import_data(shared_data, home=DataHome(shared_home))
    assert {r.dataset for r in report.results} == set(SHARED_NAMES)
    assert all(r.status == "vorhanden" and r.state == "ok" for r in report.results), report.results
    assert sorted(report.ignored) == ["MANIFEST.md", "boston_housing/boston_house_prices.csv",
                                      "california_housing/cal_housing.domain"]


def test_status_shows_shared_datasets_verified(use_shared_home):
    rows = {r["name"]: r for r in data.status()}
    for name in SHARED_NAMES:
        assert rows[name]["verified"] and rows[name]["cached"] and rows[name]["state"] == "ok", rows[name]
    for name in ("reuters", "cifar10", "jena_climate", "greensboro_tmy3", "vgg16_notop", "mobilenet_v3_small_notop"):
        assert rows[name]["state"] == "missing" and not rows[name]["verified"]
    assert rows["iris"]["state"] == "embedded"


def test_full_check_rehashes_folders_and_passes(use_shared_home):
    rows = {r["name"]: r for r in data.status(["cats_vs_dogs_small", "imdb"], full=True)}
    assert rows["cats_vs_dogs_small"]["verified"] and rows["imdb"]["verified"]


def test_verification_kind_per_form(use_shared_home):
    """shared mnist/boston pass by content (other zip container); the others by their file hash."""
    from dlkurs.data.store import DataHome

    home = DataHome()
    how = {}
    for name in SHARED_NAMES:
        state = home.read_state(info := data.info(name))
        for filename, record in state.files.items():
            how[(info.name, filename)] = record.how
    assert how[("mnist", "mnist.npz")] == "content"
    assert how[("boston_housing", "boston_housing.npz")] == "content"
    assert how[("fashion_mnist", "train-images-idx3-ubyte.gz")] == "sha256"
    assert how[("imdb", "aclImdb_train_test.tar.xz")] == "sha256"
    assert how[("imdb", "imdb_word_index.json")] in ("sha256", "md5")
    assert how[("california_housing", "cal_housing.data")] == "sha256"
    assert how[("titanic", "train.csv")] == "sha256"
    assert how[("faust", "goethe_faust.txt")] == "sha256"


def test_mnist(use_shared_home):
    (x_train, y_train), (x_test, y_test) = data.load("mnist")
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert x_train.mean() == pytest.approx(33.318421449829934, abs=1e-9)
    assert x_test.mean() == pytest.approx(33.791224489795916, abs=1e-9)
    assert np.bincount(y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert np.bincount(y_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


def test_fashion_mnist(use_shared_home):
    (x_train, y_train), (x_test, y_test) = data.load("fashion-mnist")
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and x_train.flags.writeable and y_test.flags.writeable  # like mnist
    assert np.bincount(y_train).tolist() == [6000] * 10 and np.bincount(y_test).tolist() == [1000] * 10
    assert (x_train / 255).mean() == pytest.approx(0.2860, abs=1e-4)
    assert (x_train / 255).std() == pytest.approx(0.3530, abs=1e-4)


def test_imdb_folder(use_shared_home):
    base = data.load("imdb")
    assert base.name == "aclImdb"
    for split in ("train", "test"):
        assert sorted(p.name for p in (base / split).iterdir() if p.is_dir()) == ["neg", "pos"]  # no unsup
        for label in ("pos", "neg"):
            assert len(list((base / split / label).glob("*.txt"))) == 12500
    assert (base / "train/pos/0_9.txt").read_text(encoding="utf-8").startswith("Bromwell High is a cartoon comedy")
    assert (base / "test/neg/0_2.txt").read_text(encoding="utf-8").startswith("Once again Mr. Costner")


def test_imdb_word_index(use_shared_home):
    index = data.imdb_word_index()
    assert len(index) == 88584
    assert index["the"] == 1 and index["and"] == 2 and index["br"] == 7


def test_imdb_sequences_match_keras_lengths(use_shared_home):
    """The six length statistics Keras users print for imdb.load_data() are reproduced exactly."""
    (x_train, y_train), (x_test, y_test) = data.imdb_sequences()
    train = np.array([len(s) for s in x_train])
    test = np.array([len(s) for s in x_test])
    assert (train.mean(), train.max(), train.min()) == (238.71364, 2494, 11)
    assert (round(test.mean(), 4), test.max(), test.min()) == (230.8042, 2315, 7)
    assert x_train.dtype == object and x_train[0].dtype == np.int32
    assert y_train.dtype == np.int64 and y_train.sum() == 12500 and y_test.sum() == 12500
    assert all(s[0] == 1 for s in x_train[:100])  # start character


def test_imdb_sequences_vocabulary_cut_and_cache(use_shared_home, monkeypatch):
    from dlkurs.data import imdb

    data.imdb_sequences()  # build (or reuse) the cache

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the cached ranks must be used, not the 50 000 review files")

    monkeypatch.setattr(imdb, "build_ranks", no_rebuild)
    (x_train, _), (x_test, _) = data.imdb_sequences(num_words=10000)
    assert max(int(s.max()) for s in x_train) == 9999
    assert min(int(s.min()) for s in x_test) >= 1
    (short, _), _ = data.imdb_sequences(num_words=5000, maxlen=100, start_char=None, oov_char=None)
    assert max(len(s) for s in short) < 100 and all(2 not in s for s in short[:200])
    # decoding with the word index works as in Keras' documentation (offset 3)
    inverse = {rank + 3: word for word, rank in data.imdb_word_index().items()}
    words = [inverse.get(int(i), "?") for i in x_train[0][1:]]
    assert sum(w != "?" for w in words) > 0.8 * len(words)


def test_boston_housing_uses_keras_split(use_shared_home, capsys, monkeypatch):
    from dlkurs.data import loaders

    monkeypatch.setattr(loaders, "_ETHICS_SHOWN", False)
    (x_train, y_train), (x_test, y_test) = data.load("boston_housing")
    assert "Ethik-Hinweis" in capsys.readouterr().err
    assert x_train.shape == (404, 13) and x_test.shape == (102, 13)
    assert x_train.dtype == np.float32
    assert y_train[:10].tolist() == pytest.approx([15.2, 42.3, 50, 21.1, 17.7, 18.5, 11.3, 15.6, 15.6, 14.4])
    assert y_train[-3:].tolist() == pytest.approx([19.4, 19.4, 29.1])
    (x64, y64), _ = data.load("boston_housing", dtype="float64")
    assert x64[0].tolist() == [1.23247, 0, 8.14, 0, 0.538, 6.142, 91.7, 3.9769, 4, 307, 21, 396.9, 18.72]
    assert "Ethik-Hinweis" not in capsys.readouterr().err  # once per process is enough


def test_california_housing_frame(use_shared_home):
    df = data.load("california_housing")
    assert list(df.columns) == ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup",
                                "Latitude", "Longitude", "MedHouseVal"]
    assert df.shape == (20640, 9)
    assert df["MedInc"].mean() == pytest.approx(3.870671, abs=1e-6)
    assert df["MedHouseVal"].mean() == pytest.approx(2.068558169, abs=1e-8)
    raw = data.load("california_housing", raw=True)
    assert raw.shape == (20640, 9) and (raw["medianHouseValue"] == 500001).sum() == 965


def test_titanic_frame(use_shared_home):
    df = data.load("titanic")
    assert df.shape == (891, 12)
    assert df["Survived"].sum() == 342 and (df["Sex"] == "male").sum() == 577
    assert df["Age"].isna().sum() == 177 and df["Cabin"].isna().sum() == 687


def test_cats_vs_dogs_folder(use_shared_home):
    base = data.load("cats_vs_dogs_small")
    assert base.name == "cats_and_dogs_small"
    counts = {f"{split}/{kind}": len(list((base / split / kind).glob("*.jpg")))
              for split in ("train", "validation", "test") for kind in ("cats", "dogs")}
    assert counts == {"train/cats": 1000, "train/dogs": 1000, "validation/cats": 500, "validation/dogs": 500,
                      "test/cats": 500, "test/dogs": 500}
    assert (base / "train/cats/cat.0.jpg").exists() and (base / "test/dogs/dog.1999.jpg").exists()


def test_faust_text(use_shared_home):
    path = data.load("faust")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Faust: Der Tragödie erster Teil")
    assert text.rstrip().endswith("Zieht uns hinan.")
    assert "ß" in text and "ä" in text
    assert data.load("text_de") == path


def test_embedded_tables_need_no_data_home():
    iris = data.load("iris")
    assert iris.shape == (150, 5) and "target" in iris.columns
    assert data.load("digits").shape == (1797, 65)
    with pytest.raises(TypeError):
        data.load("iris", num_words=3)


def test_status_json_is_machine_readable(use_shared_home):
    rows = json.loads(json.dumps(data.status()))
    assert {r["name"] for r in rows} == set(data.names())

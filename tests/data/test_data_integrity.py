"""Corrupt, truncated, wrong, interrupted, offline: the data layer never hands out bad data."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import socket
import tarfile
from pathlib import Path

import numpy as np
import pytest

import dlkurs.data as data
from helpers import needs_shared
from dlkurs.data import DatasetCorrupt, DatasetNotAvailable, VerificationError, events
from dlkurs.data.store import DataHome


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def web(monkeypatch):
    """A fake internet for pooch: ``web.served[url] = bytes | Exception | callable(output_file)``."""
    import pooch
    import requests
    import urllib3

    class Web:
        served: dict = {}
        calls: list = []

    web = Web()
    web.served, web.calls = {}, []

    class FakeDownloader:
        def __init__(self, progressbar=False, **kwargs):
            self.kwargs = kwargs

        def __call__(self, url, output_file, pooch_, check_only=False):
            web.calls.append(url)
            payload = web.served.get(url)
            if payload is None:
                # what requests raises when DNS fails: the reason is typed, not only text
                host = url.split("/")[2]
                gai = socket.gaierror(-2, "Name or service not known")
                reason = urllib3.exceptions.NameResolutionError(host, None, gai)
                raise requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, url, reason=reason))
            if isinstance(payload, Exception):
                raise payload
            if callable(payload):
                return payload(output_file)
            Path(output_file).write_bytes(payload)

    monkeypatch.setattr(pooch, "HTTPDownloader", FakeDownloader)
    monkeypatch.delenv("DLKURS_OFFLINE", raising=False)
    return web


# --------------------------------------------------------------------------- corruption


@needs_shared
def test_flipped_byte_in_content_verified_file_is_reported_and_not_used(make_home, flip, capsys):
    home = make_home("mnist")
    path = home / "mnist" / "mnist.npz"
    recorded = _sha(path)
    flip(path)
    actual = _sha(path)
    with pytest.raises(DatasetCorrupt) as err:
        data.load("mnist")
    message = str(err.value)
    assert recorded in message and actual in message  # both hashes named
    assert "beschädigt" in message and "dlkurs data import" in message
    assert not path.exists()
    assert "Achtung" in capsys.readouterr().err
    assert [e["event"] for e in events.events()] == ["corrupt", "missing"]  # removed, so now missing


@needs_shared
def test_flipped_byte_is_caught_by_content_check_when_state_is_lost(make_home, flip):
    home = make_home("mnist")
    (home / "mnist" / ".state.json").unlink()
    flip(home / "mnist" / "mnist.npz", 3_000_000)
    status = DataHome().check(data.info("mnist"))
    assert status.state == "corrupt"
    assert "Inhaltsprüfung" in str(status.problems[0])
    with pytest.raises(DatasetCorrupt):
        data.load("mnist")


@needs_shared
def test_flipped_byte_in_hash_verified_file_names_canonical_hash(make_home, flip):
    home = make_home("fashion_mnist")
    flip(home / "fashion_mnist" / "train-labels-idx1-ubyte.gz", 100)
    with pytest.raises(DatasetCorrupt) as err:
        data.load("fashion_mnist")
    assert "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845" in str(err.value)


@needs_shared
def test_truncated_file_is_detected(make_home):
    home = make_home("titanic")
    path = home / "titanic" / "train.csv"
    path.write_bytes(path.read_bytes()[:30_000])
    with pytest.raises(DatasetCorrupt) as err:
        data.load("titanic")
    assert "4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7" in str(err.value)
    assert "30000 Bytes" in str(err.value) and "60302 Bytes" in str(err.value)


@needs_shared
@pytest.mark.parametrize("keep_mtime", [False, True], ids=["plain-write", "mtime-restored"])
def test_flipped_byte_in_image_folder_is_caught_on_next_load(make_home, flip, keep_mtime):
    home = make_home("cats_vs_dogs_small")
    assert data.load("cats_vs_dogs_small").is_dir()
    image = home / "cats_vs_dogs_small" / "cats_and_dogs_small" / "validation" / "dogs" / "dog.1234.jpg"
    expected = _sha(image)
    flip(image, keep_mtime=keep_mtime)
    actual = _sha(image)
    with pytest.raises(DatasetCorrupt) as err:
        data.load("cats_vs_dogs_small")
    assert expected in str(err.value) and actual in str(err.value)
    assert not (home / "cats_vs_dogs_small" / "cats_and_dogs_small").exists()


@needs_shared
def test_folder_ignores_os_clutter_but_not_extra_images(make_home):
    home = make_home("cats_vs_dogs_small")
    base = home / "cats_vs_dogs_small" / "cats_and_dogs_small"
    (base / "train" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (base / ".ipynb_checkpoints").mkdir()
    assert DataHome().check(data.info("cats_vs_dogs_small")).state == "ok"
    (base / "train" / "cats" / "cat.9999.jpg").write_bytes(b"not a cat")
    status = DataHome().check(data.info("cats_vs_dogs_small"))
    assert status.state == "corrupt" and "unerwartete" in str(status.problems[0])


def _small_archive_dataset(tmp_path: Path):
    """IMDB's shape (an archive item and a folder extracted from it) with six files instead of 50 008."""
    buffer = io.BytesIO()
    files = {f"aclImdb/{split}/{label}/0_{n}.txt": f"review {split} {label} {n}".encode()
             for split in ("train", "test") for label, n in (("pos", 9), ("neg", 2))}
    files["aclImdb/README"] = b"readme"
    files["aclImdb/train/unsup/0_0.txt"] = b"left out"
    files["aclImdb/train/labeledBow.feat"] = b"left out"
    with tarfile.open(fileobj=buffer, mode="w:xz") as archive:
        for name, payload in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    payload = buffer.getvalue()
    imdb = data.info("imdb")
    form = dataclasses.replace(imdb.items[0].forms[1], hashes=(f"sha256:{hashlib.sha256(payload).hexdigest()}",))
    item = dataclasses.replace(imdb.items[0], forms=(form,))
    ds = dataclasses.replace(imdb, items=(item,), tree=dataclasses.replace(imdb.tree, files=5))
    return ds, form, payload


def test_damaged_file_in_extracted_folder_is_restored_from_the_verified_archive(capsys, tmp_path):
    ds, form, payload = _small_archive_dataset(tmp_path)
    home = DataHome()
    (home.root / "imdb").mkdir(parents=True)
    (home.root / "imdb" / form.filename).write_bytes(payload)
    paths, origin = home.ensure(ds)  # extracts the folder once
    review = paths["tree"] / "train" / "pos" / "0_9.txt"
    assert origin == "cache" and review.read_bytes() == b"review train pos 9"
    assert not (paths["tree"] / "train" / "unsup").exists()
    assert not (paths["tree"] / "train" / "labeledBow.feat").exists()
    review.write_bytes(b"review train pos 9 (edited)")
    paths, _ = home.ensure(ds)
    assert review.read_bytes() == b"review train pos 9"
    assert [e["event"] for e in events.events()] == ["repaired", "corrupt", "repaired"]
    assert "beschädigt" in capsys.readouterr().err
    # a damaged archive is not a source for repairs
    (home.root / "imdb" / form.filename).write_bytes(payload[:-10])
    with pytest.raises(DatasetCorrupt):
        home.ensure(ds)


@needs_shared
def test_corrupt_copy_is_fetched_again_when_online(make_home, shared_data, web, flip):
    home = make_home("titanic")
    web.served["https://raw.githubusercontent.com/datasciencedojo/datasets/master/titanic.csv"] = (
        shared_data / "titanic" / "train.csv").read_bytes()
    flip(home / "titanic" / "train.csv")
    df = data.load("titanic")
    assert df.shape == (891, 12)
    assert [e["event"] for e in events.events()] == ["corrupt", "downloaded"]
    assert DataHome().check(data.info("titanic")).state == "ok"


# --------------------------------------------------------------------------- downloads


@needs_shared
def test_download_verifies_and_places_file(web, shared_data):
    url = "https://raw.githubusercontent.com/fhswf/datasets/3108561330ecfbd16baf51dc89bbaafed2711fb2/faust.txt"
    web.served[url] = (shared_data / "text_de" / "goethe_faust.txt").read_bytes()
    assert data.download("faust") == "downloaded"
    assert data.load("faust").read_text(encoding="utf-8").startswith("Faust")
    assert data.download("faust") == "present"
    assert web.calls == [url]


def test_download_with_wrong_hash_is_rejected_and_nothing_is_kept(web):
    web.served["https://raw.githubusercontent.com/datasciencedojo/datasets/master/titanic.csv"] = b"a,b\n1,2\n"
    with pytest.raises(DatasetNotAvailable) as err:
        data.load("titanic")
    wrong = hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    assert "4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7" in str(err.value)
    assert wrong in str(err.value)
    home = DataHome()
    assert not (home.root / "titanic" / "train.csv").exists()
    assert list((home.root / ".staging").iterdir()) == []


def test_interrupted_download_leaves_no_file(web):
    import requests

    def half_then_fail(output_file):
        Path(output_file).write_bytes(b"PK\x03\x04" + b"\0" * 1000)
        raise requests.exceptions.ConnectionError("Connection reset by peer")

    web.served["https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz"] = half_then_fail
    with pytest.raises(DatasetNotAvailable):
        data.load("reuters")
    home = DataHome()
    leftovers = [p for p in home.root.rglob("*") if p.is_file() and ".locks" not in p.parts]
    assert leftovers == []


@needs_shared
def test_california_download_extracts_the_member_of_sklearns_archive(web, shared_data, tmp_path):
    """The download path for an item inside an archive (sklearn's cal_housing.tgz)."""
    buffer = io.BytesIO()
    payload = (shared_data / "california_housing" / "cal_housing.data").read_bytes()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("CaliforniaHousing/cal_housing.data")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    tgz = buffer.getvalue()
    ds = data.info("california_housing")
    form = ds.items[0].forms[0]
    source = dataclasses.replace(form.sources[0], hash=f"sha256:{hashlib.sha256(tgz).hexdigest()}")
    item = dataclasses.replace(ds.items[0], forms=(dataclasses.replace(form, sources=(source,)),))
    ds_local = dataclasses.replace(ds, items=(item,))
    web.served[source.url] = tgz
    home = DataHome()
    with home.lock(ds_local):
        home.download(ds_local)
    assert _sha(home.root / "california_housing" / "cal_housing.data") == hashlib.sha256(payload).hexdigest()
    assert data.load("california_housing").shape == (20640, 9)


# --------------------------------------------------------------------------- offline


def test_offline_message_names_dataset_size_and_remedies():
    with pytest.raises(DatasetNotAvailable) as err:
        data.load("reuters")
    message = str(err.value)
    assert "'reuters'" in message and "2,7 MB" in message
    assert "dlkurs data download reuters" in message and "dlkurs data import" in message
    assert "DLKURS_OFFLINE" in message


def test_network_error_becomes_dataset_not_available(web):
    with pytest.raises(DatasetNotAvailable) as err:
        data.load("reuters")
    assert "Name nicht auflösbar" in str(err.value)
    assert not isinstance(err.value, DatasetCorrupt)


def test_a_host_that_does_not_answer_is_asked_once(web):
    """Fashion-MNIST: 4 files x 2 hosts; offline that is 2 attempts, not 8 (no minutes of waiting)."""
    with pytest.raises(DatasetNotAvailable):
        data.load("fashion_mnist")
    assert len(web.calls) == 2 and len({url.split("/")[2] for url in web.calls}) == 2


def test_image_set_without_download_says_how_to_get_it():
    with pytest.raises(DatasetNotAvailable) as err:
        data.load("cats_vs_dogs_small")
    assert "Kaggle" in str(err.value) and "dlkurs data import" in str(err.value)


def _dns_works(host: str = "storage.googleapis.com") -> bool:
    try:
        socket.getaddrinfo(host, 443)
        return True
    except OSError:
        return False


@pytest.mark.skipif(_dns_works(), reason="this machine is online; the real offline path cannot be observed")
def test_real_offline_path_fails_fast(monkeypatch):
    monkeypatch.delenv("DLKURS_OFFLINE", raising=False)
    with pytest.raises(DatasetNotAvailable):
        data.load("reuters")


# --------------------------------------------------------------------------- atomic writes


@needs_shared
def test_interrupted_import_leaves_nothing_that_passes_for_data(shared_data, monkeypatch):
    from dlkurs.data import bundle

    real_copy = bundle.copy_hashing

    def copy_then_interrupt(src, dst, progress=None, *, sync=False):
        dst.write_bytes(src.read(1000))  # half a file in the staging area …
        raise KeyboardInterrupt  # … then Ctrl+C

    monkeypatch.setattr(bundle, "copy_hashing", copy_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        bundle.import_data(shared_data, ["mnist"])
    home = DataHome()
    assert not (home.root / "mnist" / "mnist.npz").exists()
    assert list((home.root / ".staging").iterdir()) == []
    assert DataHome().check(data.info("mnist")).state == "missing"
    # a process killed outright leaves its staging folder: it is never read as data
    stale = home.root / ".staging" / "mnist-killed"
    stale.mkdir()
    (stale / "mnist.npz").write_bytes(b"half")
    with pytest.raises(DatasetNotAvailable):
        data.load("mnist")
    monkeypatch.setattr(bundle, "copy_hashing", real_copy)
    assert bundle.import_data(shared_data, ["mnist"]).ok


# --------------------------------------------------------------------------- verification details


def test_wrong_file_error_names_both_hashes(tmp_path):
    ds = data.info("titanic")
    item = ds.items[0]
    path = tmp_path / "train.csv"
    path.write_text("PassengerId\n1\n", encoding="utf-8")
    from dlkurs.data.verify import verify_file

    with pytest.raises(VerificationError) as err:
        verify_file(item, item.forms[0], path)
    assert err.value.expected == "4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7"
    assert err.value.actual == _sha(path)
    assert err.value.expected in str(err.value) and err.value.actual in str(err.value)


@needs_shared
def test_content_check_rejects_changed_array(shared_data, tmp_path):
    with np.load(shared_data / "mnist" / "mnist.npz") as f:
        arrays = {k: f[k].copy() for k in f.files}
    arrays["x_test"][0, 14, 14] ^= 1
    path = tmp_path / "mnist.npz"
    np.savez_compressed(path, **arrays)
    with pytest.raises(VerificationError) as err:
        data.info("mnist").items[0].content.check(path)
    assert "x_test" in str(err.value)
    assert "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161" in str(err.value)


@needs_shared
def test_other_containers_with_the_same_content_are_accepted(shared_data, tmp_path):
    """Same content, other bytes: a re-gzipped idx file and a re-formatted StatLib CSV pass by content."""
    from dlkurs.data.bundle import import_data

    folder = tmp_path / "alt"
    (folder / "fashion-mnist").mkdir(parents=True)
    for src in (shared_data / "fashion-mnist").iterdir():
        if "labels" in src.name:  # other gzip header, same content
            raw = gzip.decompress(src.read_bytes())
            (folder / "fashion-mnist" / src.name).write_bytes(gzip.compress(raw, compresslevel=1, mtime=0))
        else:
            (folder / "fashion-mnist" / src.name).write_bytes(src.read_bytes())
    values = np.loadtxt(shared_data / "california_housing" / "cal_housing.data", delimiter=",")
    (folder / "california_housing").mkdir()
    np.savetxt(folder / "california_housing" / "cal_housing.data", values, delimiter=",", fmt="%.17g")
    report = import_data(folder)
    assert {r.dataset: r.status for r in report.results} == {"fashion_mnist": "importiert",
                                                             "california_housing": "importiert"}
    state = DataHome().read_state(data.info("fashion_mnist"))
    assert state.files["train-labels-idx1-ubyte.gz"].how == "content"
    assert state.files["train-images-idx3-ubyte.gz"].how == "sha256"
    (x_train, y_train), _ = data.load("fashion_mnist")
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert data.load("california_housing")["MedInc"].mean() == pytest.approx(3.870671, abs=1e-6)


# --------------------------------------------------------------------------- substitutes and doctor


def test_substitute_only_on_request_and_announced(monkeypatch, tmp_path, capsys):
    log = tmp_path / "data-log.jsonl"
    monkeypatch.setenv("DLKURS_DATA_LOG", str(log))
    with pytest.raises(DatasetNotAvailable):
        data.load("mnist")
    assert data.substitutions() == []
    (x_train, y_train), (x_test, y_test) = data.load("mnist", allow_substitute=True)
    assert x_train.shape == (1500, 28, 28) and x_test.shape == (297, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8 and x_train.max() == 255
    assert "ERSATZDATEN" in capsys.readouterr().err
    subs = data.substitutions()
    assert len(subs) == 1 and subs[0]["dataset"] == "mnist" and subs[0]["instead"] == "digits"
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged[-1]["event"] == "substitute"
    with pytest.raises(DatasetNotAvailable):
        data.load("reuters", allow_substitute=True)  # no honest substitute declared


class _Check:
    def __init__(self, name, status, value, remedy="", required=True):
        self.name, self.status, self.value, self.remedy, self.required = name, status, value, remedy, required


def test_doctor_checks_on_an_empty_data_home():
    checks = data.doctor_checks(_Check)
    assert {c.status for c in checks} <= {"ok", "warnung", "info"}
    assert not any(c.required for c in checks)
    kurs = next(c for c in checks if c.name == "Kursdaten")
    assert kurs.status == "warnung" and "0 von 14" in kurs.value and "dlkurs data import" in kurs.remedy


@needs_shared
def test_doctor_checks_report_corrupt_data(make_home, flip):
    home = make_home("titanic")
    flip(home / "titanic" / "train.csv")
    checks = {c.name: c for c in data.doctor_checks(_Check)}
    assert checks["Kursdaten beschädigt"].status == "warnung" and "titanic" in checks["Kursdaten beschädigt"].value
    assert (home / "titanic" / "train.csv").exists()  # the doctor only looks


def test_doctor_uses_the_data_layer():
    from dlkurs.run import doctor

    lines = doctor.check_data()
    assert any(c.name == "Kursdaten" for c in lines)

"""The registry: complete entries, well-formed hashes, and hashes that agree with Keras/sklearn sources."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dlkurs.data import DATASETS, KINDS, UnknownDataset, info, names
from dlkurs.data.loaders import LOADERS
from dlkurs.data.registry import human_size

COURSE = [d for d in DATASETS if not d.embedded]


def test_every_course_dataset_is_present():
    wanted = {"mnist", "fashion_mnist", "imdb", "reuters", "boston_housing", "california_housing", "cifar10",
              "titanic", "cats_vs_dogs_small", "jena_climate", "faust", "vgg16_notop", "greensboro_tmy3",
              "mobilenet_v3_small_notop"}
    assert wanted <= set(names())
    assert {"iris", "digits"} <= set(names()) - set(names(embedded=False))


@pytest.mark.parametrize("ds", COURSE, ids=lambda d: d.name)
def test_entry_is_complete(ds):
    assert ds.kind in KINDS
    assert ds.title and ds.description and ds.license and ds.verification
    assert ds.items or ds.tree
    assert ds.size > 0
    assert ds.name in LOADERS
    for item in ds.items:
        assert item.forms
        for form in item.forms:
            # every form is verifiable: by its own hash, or by the item's content check
            assert form.hashes or item.content is not None, (ds.name, form.filename)
            for spec in form.hashes:
                algorithm, _, value = spec.partition(":")
                assert algorithm in ("sha256", "md5")
                assert re.fullmatch("[0-9a-f]{64}" if algorithm == "sha256" else "[0-9a-f]{32}", value), spec
            for source in form.sources:
                assert source.url.startswith(("https://", "http://"))
    if not ds.downloadable:
        assert ds.manual or any(not f.sources for i in ds.items for f in i.forms)


def test_names_and_aliases_are_unique():
    seen = set()
    for ds in DATASETS:
        for key in (ds.name, *ds.aliases):
            assert key.lower() not in seen
            seen.add(key.lower())
    assert info("fashion-mnist").name == "fashion_mnist"
    assert info("text_de").name == "faust"
    assert info("cats_and_dogs_small").name == "cats_vs_dogs_small"
    assert info(" MNIST ").name == "mnist"


def test_unknown_name_is_a_german_error_naming_the_choices():
    with pytest.raises(UnknownDataset) as err:
        info("mnits")
    assert "Unbekannter Datensatz 'mnits'" in str(err.value)
    assert "mnist" in str(err.value)


def test_human_size_is_german():
    assert human_size(11_490_434) == "11,5 MB"
    assert human_size(512) == "512 Bytes"
    assert human_size(2_500_000_000) == "2,5 GB"


def _keras_source(module: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec("keras")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("keras not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "src" / module
    if not path.exists():
        pytest.skip(f"{path} not found in this Keras version")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,module,filename", [
    ("mnist", "datasets/mnist.py", "mnist.npz"),
    ("boston_housing", "datasets/boston_housing.py", "boston_housing.npz"),
    ("reuters", "datasets/reuters.py", "reuters.npz"),
    ("reuters", "datasets/reuters.py", "reuters_word_index.json"),
    ("imdb", "datasets/imdb.py", "imdb_word_index.json"),
    ("cifar10", "datasets/cifar10.py", "cifar-10-python.tar.gz"),
    ("vgg16_notop", "applications/vgg16.py", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"),
])
def test_hashes_agree_with_the_installed_keras_source(name, module, filename):
    """Read (not import) Keras' loader and find our canonical hash next to the file's name."""
    text = _keras_source(module)
    ds = info(name)
    form = next(f for item in ds.items for f in item.forms if f.filename == filename)
    values = [spec.partition(":")[2] for spec in form.hashes]
    assert any(v in text for v in values), (filename, values)
    assert any(filename in text or s.url.rsplit("/", 1)[-1] in text for s in form.sources)


def test_mobilenet_v3_small_entry_agrees_with_the_installed_keras_source():
    """Keras composes the name (``weights_mobilenet_v3_{model_name}_no_top_v2.h5``) and keeps the
    (with top, no top) MD5 pair under ``model_name``: ours is the no-top hash of "small_224_1.0_float"."""
    text = _keras_source("applications/mobilenet_v3.py")
    form = info("mobilenet_v3_small_notop").items[0].forms[0]
    assert form.filename == "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5"
    assert 'file_name = f"weights_mobilenet_v3_{model_name}_no_top_v2.h5"' in text
    pair = re.search(r'"small_224_1\.0_float": \(\s*"([0-9a-f]{32})",\s*"([0-9a-f]{32})",', text)
    assert pair is not None
    assert form.hashes == (f"md5:{pair.group(2)}",)
    base = re.search(r'BASE_WEIGHT_PATH = \(\s*"([^"]+)"', text).group(1)
    assert [s.url for s in form.sources] == [base + form.filename]


def test_california_archive_hash_agrees_with_sklearn_source():
    import sklearn.datasets._california_housing as cal

    source = info("california_housing").items[0].forms[0].sources[0]
    assert source.hash == f"sha256:{cal.ARCHIVE.checksum}"
    assert source.url == cal.ARCHIVE.url


def test_importing_the_data_layer_and_cli_stays_light():
    code = ("import sys, dlkurs.data, dlkurs.cli.app; "
            "heavy = [m for m in ('numpy', 'pandas', 'pooch', 'requests', 'tensorflow', 'keras', 'sklearn') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

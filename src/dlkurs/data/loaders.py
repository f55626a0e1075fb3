"""Turn verified files into what lessons use. One function per dataset.

Each loader receives ``paths`` ({item key | "tree": Path}, already verified)
and returns the dataset's kind of result:

* arrays:    ``(x_train, y_train), (x_test, y_test)`` as NumPy arrays (Keras layout)
* sequences: the same, with ``x`` an object array of int32 arrays
* folder / text / weights: a ``pathlib.Path``
* table:     a ``pandas.DataFrame``
"""

from __future__ import annotations

import gzip
import io
import pickle
import tarfile
import zipfile
from pathlib import Path

from dlkurs.data import events

# Globals needed to rebuild NumPy arrays from a pickle (Keras' npz_utils allows the same).
_ALLOWED_PICKLE_GLOBALS = frozenset({
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
})


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickles NumPy arrays, lists, dicts, numbers and strings; refuses everything else."""

    def find_class(self, module, name):
        if (module, name) in _ALLOWED_PICKLE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"Refusing to unpickle {module}.{name}: not a plain NumPy array.")


def load_npz_objects(path: Path) -> dict:
    """Load an ``.npz`` that holds object arrays, unpickling only NumPy arrays."""
    import numpy as np

    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if not member.endswith(".npy"):
                continue
            buffer = io.BytesIO(archive.read(member))
            try:
                arrays[member[:-4]] = np.lib.format.read_array(buffer, allow_pickle=False)
            except ValueError:
                buffer.seek(0)
                version = np.lib.format.read_magic(buffer)
                if version[0] == 1:
                    np.lib.format.read_array_header_1_0(buffer)
                else:
                    np.lib.format.read_array_header_2_0(buffer)
                arrays[member[:-4]] = RestrictedUnpickler(buffer).load()
    return arrays


# --------------------------------------------------------------------------- arrays


def mnist(paths: dict) -> tuple:
    import numpy as np

    with np.load(paths["data"], allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def read_idx(path: Path):
    """A gzipped IDX file (LeCun's format) as a writable uint8 array, read without an extra copy."""
    import struct

    import numpy as np

    with gzip.open(path, "rb") as fh:
        zero, dtype_code, ndim = struct.unpack(">HBB", fh.read(4))
        if zero != 0 or dtype_code != 0x08:
            raise ValueError(f"{path.name}: kein IDX-Format mit uint8 (Kopf {zero:#x} {dtype_code:#x}).")
        shape = struct.unpack(f">{ndim}I", fh.read(4 * ndim))
        out = np.empty(shape, dtype=np.uint8)
        view = memoryview(out.reshape(-1))
        filled = 0
        while filled < out.size:
            n = fh.readinto(view[filled:])
            if not n:
                raise ValueError(f"{path.name}: Datei endet nach {filled} von {out.size} Bytes.")
            filled += n
    return out


def fashion_mnist(paths: dict) -> tuple:
    x_train, y_train = read_idx(paths["train-images"]), read_idx(paths["train-labels"])
    x_test, y_test = read_idx(paths["t10k-images"]), read_idx(paths["t10k-labels"])
    return (x_train, y_train), (x_test, y_test)


def boston_housing(paths: dict, *, test_split: float = 0.2, seed: int = 113, dtype: str = "float32") -> tuple:
    """Keras' split: RandomState(seed) shuffle, first (1 - test_split) train. ``dtype="float64"``: Keras' exact values."""
    import numpy as np

    with np.load(paths["data"], allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x, y = x[indices].astype(dtype), y[indices].astype(dtype)
    cut = int(len(x) * (1 - test_split))
    _ethics_note_once()
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])


_ETHICS_SHOWN = False


def _ethics_note_once() -> None:
    global _ETHICS_SHOWN
    if not _ETHICS_SHOWN:
        from dlkurs.data.registry import get

        events.notice("Hinweis zu Boston Housing: " + get("boston_housing").note)
        _ETHICS_SHOWN = True


def _cifar_batch(archive: tarfile.TarFile, name: str):
    import numpy as np

    fh = archive.extractfile(f"cifar-10-batches-py/{name}")
    batch = RestrictedUnpickler(fh, encoding="bytes").load()
    batch = {k.decode("utf8") if isinstance(k, bytes) else k: v for k, v in batch.items()}
    data = np.asarray(batch["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    labels = np.asarray(batch["labels"], dtype=np.uint8)
    return data, labels


def cifar10(paths: dict) -> tuple:
    """uint8 images (N, 32, 32, 3) and uint8 labels (N, 1), as Keras.

    As in Keras, the images are a channels_last *view* of the (N, 3, 32, 32)
    batches (no second copy of 150 MB); ``np.ascontiguousarray`` makes one if needed.
    """
    import numpy as np

    with tarfile.open(paths["archive"], "r:gz") as archive:
        batches = [_cifar_batch(archive, f"data_batch_{i}") for i in range(1, 6)]
        x_test, y_test = _cifar_batch(archive, "test_batch")
    x_train = np.concatenate([b[0] for b in batches])
    y_train = np.concatenate([b[1] for b in batches])
    del batches
    return ((x_train.transpose(0, 2, 3, 1), y_train.reshape(-1, 1)),
            (x_test.transpose(0, 2, 3, 1), y_test.reshape(-1, 1)))


# --------------------------------------------------------------------------- sequences


def reuters(paths: dict, *, num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
            start_char=1, oov_char=2, index_from=3) -> tuple:
    """Like ``keras.datasets.reuters.load_data``; each sequence is an int32 array."""
    import numpy as np

    f = load_npz_objects(paths["data"])
    xs, labels = f["x"], f["y"]
    indices = np.arange(len(xs))
    np.random.RandomState(seed).shuffle(indices)
    xs, labels = xs[indices], labels[indices]
    from dlkurs.data.sequences import keras_postprocess

    lengths = np.array([len(x) for x in xs], dtype=np.int64)
    ranks = np.concatenate([np.asarray(x, dtype=np.int64) for x in xs]) if len(xs) else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    xs, kept = keras_postprocess(ranks, starts, lengths, num_words=num_words, skip_top=skip_top, maxlen=maxlen,
                                 start_char=start_char, oov_char=oov_char, index_from=index_from)
    labels = np.asarray(labels)[kept]
    cut = int(len(xs) * (1 - test_split))
    return (xs[:cut], labels[:cut]), (xs[cut:], labels[cut:])


# --------------------------------------------------------------------------- tables


CALIFORNIA_RAW = ["longitude", "latitude", "housingMedianAge", "totalRooms", "totalBedrooms", "population",
                  "households", "medianIncome", "medianHouseValue"]
CALIFORNIA = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude",
              "MedHouseVal"]


def california_housing(paths: dict, *, raw: bool = False):
    """scikit-learn's frame (8 features + MedHouseVal in 100 000 $); ``raw=True``: the 9 StatLib columns."""
    import pandas as pd

    df = pd.read_csv(paths["data"], header=None, names=CALIFORNIA_RAW)
    if raw:
        return df
    hh = df["households"]
    return pd.DataFrame({
        "MedInc": df["medianIncome"],
        "HouseAge": df["housingMedianAge"],
        "AveRooms": df["totalRooms"] / hh,
        "AveBedrms": df["totalBedrooms"] / hh,
        "Population": df["population"],
        "AveOccup": df["population"] / hh,
        "Latitude": df["latitude"],
        "Longitude": df["longitude"],
        "MedHouseVal": df["medianHouseValue"] / 100_000.0,
    })


def titanic(paths: dict):
    import pandas as pd

    return pd.read_csv(paths["data"])


def jena_climate(paths: dict, *, parse_dates: bool = True):
    """All 14 measurements as float32; ``Date Time`` parsed to datetime64 (``parse_dates=False``: text)."""
    import numpy as np
    import pandas as pd

    with zipfile.ZipFile(paths["archive"]) as archive:
        with archive.open("jena_climate_2009_2016.csv") as fh:
            df = pd.read_csv(fh)
    numeric = [c for c in df.columns if c != "Date Time"]
    df[numeric] = df[numeric].astype(np.float32)
    if parse_dates:
        df["Date Time"] = pd.to_datetime(df["Date Time"], format="%d.%m.%Y %H:%M:%S")
    return df


def greensboro_tmy3(paths: dict):
    """The TMY3 table (8760 hours) with ``Date Time`` (hour end, local standard time) first, numbers float32.

    TMY3 writes the last hour of a day as ``24:00``; it becomes 00:00 of the next day. The year
    in the file is the year each month was taken from, so the stamps are not one calendar year.
    """
    import numpy as np
    import pandas as pd

    df = pd.read_csv(paths["data"], header=1)
    hours = df["Time (HH:MM)"].str.slice(0, 2).astype(int)
    stamps = pd.to_datetime(df["Date (MM/DD/YYYY)"], format="%m/%d/%Y") + pd.to_timedelta(hours, unit="h")
    df = df.drop(columns=["Date (MM/DD/YYYY)", "Time (HH:MM)"])
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    df[numeric] = df[numeric].astype(np.float32)
    df.insert(0, "Date Time", stamps)
    return df


# --------------------------------------------------------------------------- paths


def imdb(paths: dict) -> Path:
    return Path(paths["tree"])


def cats_vs_dogs_small(paths: dict) -> Path:
    return Path(paths["tree"])


def faust(paths: dict) -> Path:
    return Path(paths["text"])


def vgg16_notop(paths: dict) -> Path:
    return Path(paths["weights"])


def mobilenet_v3_small_notop(paths: dict) -> Path:
    return Path(paths["weights"])


LOADERS = {
    "mnist": mnist,
    "fashion_mnist": fashion_mnist,
    "imdb": imdb,
    "reuters": reuters,
    "boston_housing": boston_housing,
    "california_housing": california_housing,
    "cifar10": cifar10,
    "titanic": titanic,
    "cats_vs_dogs_small": cats_vs_dogs_small,
    "jena_climate": jena_climate,
    "greensboro_tmy3": greensboro_tmy3,
    "faust": faust,
    "vgg16_notop": vgg16_notop,
    "mobilenet_v3_small_notop": mobilenet_v3_small_notop,
}

"""Write small files in the canonical format of datasets that CI has no real copy of.

Each writer produces exactly the container, names, keys, dtypes and layout of
the real file, with a few made-up records, so that the real loader code runs
on it. The data is synthetic and says so: use it through ``$DLKURS_FIXTURES``
(see :mod:`dlkurs.data.fixtures`), which makes ``load()`` announce it.

>>> from dlkurs.data.testing import write_fixtures
>>> folder = write_fixtures("/tmp/dlkurs-fixtures")        # doctest: +SKIP
>>> # DLKURS_FIXTURES=/tmp/dlkurs-fixtures dlkurs run 2.4    (lesson using Reuters)

Layout written: ``<folder>/<dataset>/<canonical file name>``.
"""

from __future__ import annotations

import io
import json
import pickle
import tarfile
import zipfile
from pathlib import Path
from typing import Optional

from dlkurs.data.registry import JENA_HEADER

#: Datasets this module can write.
FIXTURE_NAMES = ("reuters", "jena_climate", "cifar10", "vgg16_notop", "mobilenet_v3_small_notop", "greensboro_tmy3")

#: VGG16 convolution layers and kernel shapes (the "notop" weights file, in order).
VGG16_CONV = (
    ("block1_conv1", 3, 64), ("block1_conv2", 64, 64),
    ("block2_conv1", 64, 128), ("block2_conv2", 128, 128),
    ("block3_conv1", 128, 256), ("block3_conv2", 256, 256), ("block3_conv3", 256, 256),
    ("block4_conv1", 256, 512), ("block4_conv2", 512, 512), ("block4_conv3", 512, 512),
    ("block5_conv1", 512, 512), ("block5_conv2", 512, 512), ("block5_conv3", 512, 512),
)

_WORDS = (
    "the of to and in said a mln for vs dlrs it pct on from is that its cts by at year be with net "
    "will was u s shares loss profit company oil trade bank rate market prices stock billion"
).split()


def _rng(seed: int):
    import numpy as np

    return np.random.default_rng(seed)


def write_reuters(folder: Path, *, samples: int = 300, seed: int = 0) -> Path:
    """``reuters.npz`` (keys ``x``: object array of int lists, ``y``: int64) + ``reuters_word_index.json``."""
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = _rng(seed)
    x = np.empty(samples, dtype=object)
    for i in range(samples):
        length = int(rng.integers(5, 60))
        x[i] = [int(w) for w in rng.zipf(1.3, size=length).clip(1, 30_000)]
    y = rng.integers(0, 46, size=samples).astype(np.int64)
    y[:46] = np.arange(46)  # every class occurs
    np.savez(folder / "reuters.npz", x=x, y=y)
    index = {word: rank for rank, word in enumerate(_WORDS, start=1)}
    (folder / "reuters_word_index.json").write_text(json.dumps(index), encoding="utf-8")
    return folder


def write_jena_climate(folder: Path, *, rows: int = 8000, seed: int = 0) -> Path:
    """``jena_climate_2009_2016.csv.zip`` with the real header, 10-minute steps from 01.01.2009 00:10.

    8000 rows (about 55 days): enough hourly windows of five days for lesson 4.11's split.
    """
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = _rng(seed)
    minutes = np.arange(1, rows + 1) * 10
    start = np.datetime64("2009-01-01T00:00")
    stamps = start + minutes.astype("timedelta64[m]")
    day = minutes / (24 * 60)
    temp = -5 + 6 * np.sin(2 * np.pi * (day - 0.3)) + rng.normal(0, 0.5, rows)
    lines = [JENA_HEADER]
    for t, T in zip(stamps, temp):
        stamp = t.astype(object).strftime("%d.%m.%Y %H:%M:%S")
        p = 996.5 + rng.normal(0, 2)
        rh = float(np.clip(85 + rng.normal(0, 5), 10, 100))
        values = [p, T, T + 273.15 + 0.4, T - 1.5, rh, 6.1, 5.2, 0.9, 3.3, 5.3, 1300 - 4 * T,
                  abs(rng.normal(1.5, 0.8)), abs(rng.normal(2.5, 1.0)), rng.uniform(0, 360)]
        lines.append(stamp + "," + ",".join(f"{v:.2f}" for v in values))
    with zipfile.ZipFile(folder / "jena_climate_2009_2016.csv.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("jena_climate_2009_2016.csv", "\n".join(lines) + "\n")
    return folder


#: The two header lines of NREL's TMY3 files (station line, column names), as in pvlib's 723170TYA.CSV.
TMY3_STATION = '723170,"GREENSBORO PIEDMONT TRIAD INT",NC,-5.0,36.100,-79.950,273'
TMY3_HEADER = (
    'Date (MM/DD/YYYY),Time (HH:MM),ETR (W/m^2),ETRN (W/m^2),GHI (W/m^2),GHI source,GHI uncert (%),DNI (W/m^2),DNI source,DNI uncert (%),'
    'DHI (W/m^2),DHI source,DHI uncert (%),GH illum (lx),GH illum source,Global illum uncert (%),DN illum (lx),DN illum source,DN illum uncert (%),DH illum (lx),'
    'DH illum source,DH illum uncert (%),Zenith lum (cd/m^2),Zenith lum source,Zenith lum uncert (%),TotCld (tenths),TotCld source,TotCld uncert (code),OpqCld (tenths),OpqCld source,'
    'OpqCld uncert (code),Dry-bulb (C),Dry-bulb source,Dry-bulb uncert (code),Dew-point (C),Dew-point source,Dew-point uncert (code),RHum (%),RHum source,RHum uncert (code),'
    'Pressure (mbar),Pressure source,Pressure uncert (code),Wdir (degrees),Wdir source,Wdir uncert (code),Wspd (m/s),Wspd source,Wspd uncert (code),Hvis (m),'
    'Hvis source,Hvis uncert (code),CeilHgt (m),CeilHgt source,CeilHgt uncert (code),Pwat (cm),Pwat source,Pwat uncert (code),AOD (unitless),AOD source,'
    'AOD uncert (code),Alb (unitless),Alb source,Alb uncert (code),Lprecip depth (mm),Lprecip quantity (hr),Lprecip source,Lprecip uncert (code),PresWth (METAR code),PresWth source,'
    'PresWth uncert (code)'
)


def write_greensboro_tmy3(folder: Path, *, hours: int = 8760, seed: int = 0) -> Path:
    """``723170TYA.CSV``: the TMY3 layout (station line, 71 columns, ``24:00`` for midnight), synthetic values.

    Temperature with a yearly and a daily cycle plus weather noise, so that a model has something to learn.
    """
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = _rng(seed)
    t = np.arange(1, hours + 1)
    weather = np.cumsum(rng.normal(0, 0.4, hours))
    weather -= np.convolve(weather, np.ones(240) / 240, mode="same")
    temp = 15 - 10 * np.cos(2 * np.pi * (t / 8760 - 0.03)) - 5 * np.cos(2 * np.pi * (t % 24 - 3) / 24) + weather
    names = TMY3_HEADER.split(",")
    lines = [TMY3_STATION, TMY3_HEADER]
    start = np.datetime64("1988-01-01")
    for i in range(hours):
        day = start + np.timedelta64(int((t[i] - 1) // 24), "D")
        hour = (t[i] - 1) % 24 + 1
        stamp = day.astype(object).strftime("%m/%d/%Y") + f",{hour:02d}:00"
        dew = temp[i] - abs(rng.normal(4, 2))
        values = {"Dry-bulb (C)": f"{temp[i]:.1f}", "Dew-point (C)": f"{dew:.1f}",
                  "RHum (%)": str(int(np.clip(100 - 5 * (temp[i] - dew), 5, 100))),
                  "Pressure (mbar)": str(int(1010 + rng.normal(0, 6))), "Wdir (degrees)": str(int(rng.uniform(0, 360))),
                  "Wspd (m/s)": f"{abs(rng.normal(3, 1.5)):.1f}", "TotCld (tenths)": str(int(rng.integers(0, 11)))}
        row = [values.get(name, "A" if "source" in name else "0") for name in names[2:]]
        lines.append(stamp + "," + ",".join(row))
    (folder / "723170TYA.CSV").write_text("\n".join(lines) + "\n", encoding="ascii")
    return folder


def write_cifar10(folder: Path, *, per_batch: int = 20, test: int = 20, seed: int = 0) -> Path:
    """``cifar-10-python.tar.gz`` with ``cifar-10-batches-py/data_batch_1..5``, ``test_batch``, ``batches.meta``.

    Each batch is a pickle of ``{b"batch_label", b"labels", b"data", b"filenames"}`` with ``data``
    uint8 of shape (n, 3072) (channels first, row-major), as in the original. The originals are
    Python 2 protocol-2 pickles; protocol 3 gives the same objects on loading (bytes keys, a NumPy
    array) without the ``_codecs.encode`` calls a Python 3 protocol-2 pickle of bytes would need,
    which the restricted unpicklers (ours and Keras') rightly refuse.
    """
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = _rng(seed)
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    def batch(label: str, n: int) -> bytes:
        labels = [int(v) for v in rng.integers(0, 10, size=n)]
        data = rng.integers(0, 256, size=(n, 3072), dtype=np.uint8)
        return pickle.dumps({b"batch_label": label.encode(), b"labels": labels, b"data": data,
                             b"filenames": [f"fixture_{i}.png".encode() for i in range(n)]}, protocol=3)

    members = {f"data_batch_{i}": batch(f"training batch {i} of 5", per_batch) for i in range(1, 6)}
    members["test_batch"] = batch("testing batch 1 of 1", test)
    members["batches.meta"] = pickle.dumps({b"label_names": [n.encode() for n in names],
                                            b"num_cases_per_batch": per_batch, b"num_vis": 3072}, protocol=3)
    with tarfile.open(folder / "cifar-10-python.tar.gz", "w:gz") as archive:
        for name, payload in members.items():
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return folder


def write_vgg16_notop(folder: Path) -> Path:
    """``vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5`` in Keras' legacy HDF5 layout, all zeros.

    Loadable with ``keras.applications.VGG16(weights=path, include_top=False)``;
    the zeros are stored compressed, so the file is small.
    """
    import h5py
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    layers = ["input_1"]
    for name, _, _ in VGG16_CONV:
        layers.append(name)
        if name.endswith(("conv2",)) and name[:6] in ("block1", "block2") or name.endswith("conv3"):
            layers.append(name[:6] + "_pool")
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([n.encode() for n in layers])
        f.attrs["keras_version"] = b"2.2.4"
        f.attrs["backend"] = b"tensorflow"
        shapes = {name: (cin, cout) for name, cin, cout in VGG16_CONV}
        for name in layers:
            group = f.create_group(name)
            if name not in shapes:
                group.attrs["weight_names"] = np.array([], dtype="S1")
                continue
            cin, cout = shapes[name]
            weight_names = [f"{name}_W_1:0".encode(), f"{name}_b_1:0".encode()]
            group.attrs["weight_names"] = np.array(weight_names)
            group.create_dataset(weight_names[0].decode(), data=np.zeros((3, 3, cin, cout), np.float32),
                                 compression="gzip", compression_opts=9)
            group.create_dataset(weight_names[1].decode(), data=np.zeros((cout,), np.float32))
    return folder


def write_mobilenet_v3_small_notop(folder: Path) -> Path:
    """``weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5`` in Keras' legacy HDF5 layout.

    The layout of the real file (one group per layer, ``layer_names`` and
    ``weight_names`` attributes, weights in Keras' order: trainable, then
    non-trainable), filled with the *untrained* initial weights of
    ``keras.applications.MobileNetV3Small(weights=None, include_top=False)``:
    it loads with ``MobileNetV3Small(weights=path, include_top=False)`` exactly
    like the ImageNet file, but has learned nothing. About 3.5 MB.
    """
    import h5py
    import keras
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5"
    model = keras.applications.MobileNetV3Small(weights=None, include_top=False, input_shape=(224, 224, 3))
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([layer.name.encode() for layer in model.layers])
        f.attrs["keras_version"] = b"2.6.0"
        f.attrs["backend"] = b"tensorflow"
        for layer in model.layers:
            group = f.create_group(layer.name)
            weights = list(layer.trainable_weights) + list(layer.non_trainable_weights)
            names = [f"{layer.name}/{w.name}:0".encode() for w in weights]
            group.attrs["weight_names"] = np.array(names) if names else np.array([], dtype="S1")
            for name, weight in zip(names, weights):
                value = np.asarray(keras.ops.convert_to_numpy(weight.value), dtype=np.float32)
                group.create_dataset(name.decode(), data=value,
                                     **({"compression": "gzip"} if value.size > 1024 else {}))
    return folder


_WRITERS = {
    "reuters": write_reuters,
    "jena_climate": write_jena_climate,
    "cifar10": write_cifar10,
    "vgg16_notop": write_vgg16_notop,
    "mobilenet_v3_small_notop": write_mobilenet_v3_small_notop,
    "greensboro_tmy3": write_greensboro_tmy3,
}


def write_fixtures(folder, names: Optional[list[str]] = None) -> Path:
    """Write the fixtures of ``names`` (default: all of FIXTURE_NAMES) under ``folder/<name>/``.

    Returns ``folder``; point ``$DLKURS_FIXTURES`` at it.
    """
    folder = Path(folder)
    for name in names or FIXTURE_NAMES:
        if name not in _WRITERS:
            raise ValueError(f"Keine Testdaten für '{name}'. Verfügbar: {', '.join(FIXTURE_NAMES)}")
        _WRITERS[name](folder / name)
    return folder

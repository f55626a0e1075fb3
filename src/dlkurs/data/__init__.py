"""dlkurs.data: every dataset of the course, verified, cached, offline-capable.

Lessons ask for data by name and get one kind of result per dataset:

>>> from dlkurs.data import load
>>> (x_train, y_train), (x_test, y_test) = load("mnist")     # doctest: +SKIP
>>> x_train.shape, x_train.dtype                              # doctest: +SKIP
((60000, 28, 28), dtype('uint8'))
>>> base = load("cats_vs_dogs_small")                         # doctest: +SKIP
>>> sorted(p.name for p in base.iterdir())                    # doctest: +SKIP
['test', 'train', 'validation']

========================  ==========  ==========================================breast_cancer, diabetes
========================  ==========  =================================================

IMDB as Keras-style integer sequences: :func:`imdb_sequences`.

Every load verifies what it hands out (see :mod:`dlkurs.data.store`). When a
dataset is missing and cannot be downloaded, :class:`DatasetNotAvailable`
explains in German what to do; nothing is silently replaced. Opt-ins:
``load("mnist", allow_substitute=True)`` (declared substitute from
scikit-learn, announced) and ``$DLKURS_FIXTURES`` (small canonical-format test
files, announced; see :mod:`dlkurs.data.testing`). :func:`substitutions` lists
what this process used instead of real data.

Environment: ``$DLKURS_DATA`` (data home), ``$DLKURS_OFFLINE=1`` (never
download), ``$DLKURS_FIXTURES`` (test files), ``$DLKURS_DATA_LOG`` (JSON lines
of substitutions, fixtures and repairs, for runners).

:func:`available` says whether a dataset can be loaded now without downloading
(for a lesson that takes Jena when present, else another series).

Importing this package is light: NumPy, pandas and pooch load on first use.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Optional

from dlkurs.data.errors import (
    DataError,
    DatasetCorrupt,
    DatasetNotAvailable,
    UnknownDataset,
    VerificationError,
)
from dlkurs.data.events import ENV_DATA_LOG, substitutions
from dlkurs.data.fixtures import ENV_FIXTURES
from dlkurs.data.registry import DATASETS, KINDS, Dataset, human_size, names
from dlkurs.data.registry import get as info
from dlkurs.data.store import CORRUPT, ENV_OFFLINE, MISSING, OK, PARTIAL, DataHome
from dlkurs.status import CheckLevel, DataEvent, DataState

__all__ = [
    "load", "available", "imdb_sequences", "imdb_word_index", "reuters_word_index", "status", "download",
    "import_data", "export_bundle", "info", "names", "substitutions", "doctor_checks", "data_home",
    "DataError", "DatasetNotAvailable", "DatasetCorrupt", "VerificationError", "UnknownDataset",
    "DATASETS", "KINDS", "Dataset", "DataHome", "ENV_FIXTURES", "ENV_OFFLINE", "ENV_DATA_LOG",
]


def data_home() -> Path:
    """The data home in effect (``$DLKURS_DATA`` or the per-user data folder)."""
    return DataHome().root


def _paths(name: str, *, use_fixtures: bool = True) -> tuple[Dataset, dict[str, Path], str]:
    ds = info(name)
    if ds.embedded:
        raise DataError(f"'{ds.name}' ist in scikit-learn enthalten und hat keine Dateien im Datenordner.")
    try:
        paths, origin = DataHome().ensure(ds, use_fixtures=use_fixtures)
    except DatasetNotAvailable:
        _record_missing(ds)
        raise
    return ds, paths, origin


def _record_missing(ds: Dataset) -> None:
    """Log that a lesson asked for data this machine lacks (a runner tells it from a broken lesson)."""
    from dlkurs.data import events
    from dlkurs.data.store import remedy_line

    events.record(DataEvent.MISSING, ds.name, "nicht vorhanden", remedy=remedy_line(ds))


def load(name: str, *, allow_substitute: bool = False, **options: Any):
    """Load a dataset of the course by name, verified.

    name: a registry name (``dlkurs.data.names()``), e.g. ``"mnist"``.
    allow_substitute: when the real dataset is not available, return its
      declared substitute (mnist, fashion_mnist: scikit-learn digits as 28×28
      uint8) instead of raising, announced on stderr and listed by
      :func:`substitutions`.
    options: passed to the dataset's loader, e.g. ``num_words=10000`` for
      reuters, ``dtype="float64"`` for boston_housing, ``raw=True`` for
      california_housing, ``parse_dates=False`` for jena_climate.

    Raises DatasetNotAvailable (German message with the remedies) when the data
    is neither in the data home nor downloadable now; DatasetCorrupt when a
    damaged cached copy was removed and could not be replaced.
    """
    from dlkurs.data import embedded, loaders

    ds = info(name)
    if ds.embedded:
        if options:
            raise TypeError(f"load({ds.name!r}) kennt keine Optionen. Received: {sorted(options)}")
        return embedded.load_embedded(ds)
    try:
        paths, _origin = DataHome().ensure(ds)
    except DatasetNotAvailable as err:
        if allow_substitute and ds.substitute:
            return embedded.substitute(ds, reason=str(err).splitlines()[0])
        _record_missing(ds)
        raise
    return loaders.LOADERS[ds.name](paths, **options)


def available(name: str) -> bool:
    """Whether ``load(name)`` would succeed now without downloading: verified in the data home or a test file.

    For lessons with two paths (Jena when present, else a series the course has). Never downloads,
    writes or announces anything; embedded datasets are always available.
    """
    from dlkurs.data import fixtures

    ds = info(name)
    if ds.embedded:
        return True
    home = DataHome()
    if home.root.is_dir() and home.check(ds).ok:
        return True
    return fixtures.find(ds, announce=False) is not None


def imdb_word_index() -> dict[str, int]:
    """Keras' IMDB word index: word -> rank (``"the"`` = 1). Sequences use rank + ``index_from``."""
    import json

    _, paths, _ = _paths("imdb")
    return json.loads(paths["word_index"].read_text(encoding="utf-8"))


def reuters_word_index() -> dict[str, int]:
    """Keras' Reuters word index: word -> rank."""
    import json

    _, paths, _ = _paths("reuters")
    return json.loads(paths["word_index"].read_text(encoding="utf-8"))


def imdb_sequences(num_words: Optional[int] = None, *, skip_top: int = 0, maxlen: Optional[int] = None,
                   seed: int = 113, start_char: Optional[int] = 1, oov_char: Optional[int] = 2,
                   index_from: int = 3) -> tuple:
    """IMDB as Keras-style integer sequences, built from the raw reviews and Keras' word index.

    Same arguments and meaning as ``keras.datasets.imdb.load_data``. Returns
    ``(x_train, y_train), (x_test, y_test)``: x an object array of int32 arrays,
    y int64 (1 = positive). See :mod:`dlkurs.data.imdb` for how close this is
    to Keras' ``imdb.npz`` (same lengths; different review order).

    >>> (x_train, y_train), _ = imdb_sequences(num_words=10000)   # doctest: +SKIP
    """
    from dlkurs.data import imdb

    ds, paths, origin = _paths("imdb")
    cache_dir, signature = None, {}
    if origin == "cache":
        home = DataHome()
        state = home.read_state(ds)
        cache_dir = home.folder(ds) / ".derived"
        word_index = ds.item("word_index").forms[0].filename
        signature = {"archive_sha256": state.tree.source_sha256,
                     "word_index_sha256": state.files[word_index].sha256}
    data = imdb.cached_ranks(paths["tree"], paths["word_index"], cache_dir, signature)
    return imdb.keras_process(data, num_words=num_words, skip_top=skip_top, maxlen=maxlen, seed=seed,
                              start_char=start_char, oov_char=oov_char, index_from=index_from)


def status(datasets: Optional[list[str]] = None, *, full: bool = False) -> list[dict]:
    """One dict per dataset: what the data home holds and whether it verifies.

    Keys: name, title, kind, size (bytes on disk when present, else the
    expected download size), cached (bool), verified (bool),
    state ("ok", "missing", "partial", "corrupt", "embedded"), source (hosts or
    "import" / "scikit-learn"), verification, problems, path. ``full=True``
    re-hashes every file of every folder (slower; catches bit rot).
    """
    home = DataHome()
    rows = []
    for ds in ([info(n) for n in datasets] if datasets else DATASETS):
        row = {
            "name": ds.name, "title": ds.title, "kind": ds.kind, "size": ds.size,
            "verification": ds.verification, "license": ds.license,
        }
        if ds.embedded:
            row.update(cached=True, verified=True, state=DataState.EMBEDDED, source=["scikit-learn"], problems=[],
                       path=None)
        else:
            st = home.check(ds, full=full)
            if st.state != MISSING:
                row["size"] = st.size or ds.size  # what this data home holds (e.g. IMDB as .tar.xz)
            row.update(
                cached=st.state in (OK, CORRUPT) and all(p.state != MISSING for p in st.parts),
                verified=st.state == OK, state=st.state,
                source=list(ds.hosts) or ["import"],
                problems=[str(p) for p in st.problems],
                path=str(home.folder(ds)),
            )
        rows.append(row)
    return rows


def download(name: str, *, progress_factory=None) -> str:
    """Make ``name`` available in the data home (download if needed); return its state.

    Never uses fixtures. Raises DatasetNotAvailable when offline or when the
    dataset cannot be downloaded (e.g. cats_vs_dogs_small: Kaggle login).
    """
    ds = info(name)
    if ds.embedded:
        return DataState.EMBEDDED
    home = DataHome()
    before = home.check(ds).state
    home.ensure(ds, use_fixtures=False, progress_factory=progress_factory)
    return "present" if before == OK else DataEvent.DOWNLOADED


def import_data(source, datasets: Optional[list[str]] = None, *, progress=None):
    """Import a bundle, a folder laid out like shared/data, or a file; see :mod:`dlkurs.data.bundle`."""
    from dlkurs.data.bundle import import_data as _import

    return _import(source, datasets, progress=progress)


def export_bundle(target, datasets: Optional[list[str]] = None, *, progress=None):
    """Write verified datasets into one zip for the classroom; see :mod:`dlkurs.data.bundle`."""
    from dlkurs.data.bundle import export_bundle as _export

    return _export(target, datasets, progress=progress)


def doctor_checks(Check) -> list:
    """Lines for ``dlkurs doctor``: the data home and what it holds.

    Only a data home that cannot be a folder at all is ``CheckLevel.FAIL``; missing data is a warning.
    """
    home = DataHome()
    checks = []
    root = home.root
    existing = root
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        free = shutil.disk_usage(existing).free
    except OSError:
        free = 0
    writable = os.access(existing, os.W_OK)
    problem = home.root_problem()
    if problem:
        checks.append(Check("Datenordner", CheckLevel.FAIL, f"{root} ist eine Datei, kein Ordner",
                            "DLKURS_DATA auf einen Ordner setzen (oder die Variable entfernen).", required=True))
        return checks
    if not writable:
        checks.append(Check("Datenordner", CheckLevel.WARN, f"{root} ist nicht beschreibbar",
                            "Einen beschreibbaren Ordner wählen: Umgebungsvariable DLKURS_DATA setzen.", required=False))
    elif free < 1_000_000_000:
        checks.append(Check("Datenordner", CheckLevel.WARN, f"{root} ({human_size(free)} frei)",
                            "Für alle Kursdaten werden ca. 500 MB gebraucht: Platz schaffen oder DLKURS_DATA "
                            "auf ein anderes Laufwerk setzen.", required=False))
    else:
        checks.append(Check("Datenordner", CheckLevel.OK, f"{root} ({human_size(free)} frei)", required=False))
    course = [d for d in DATASETS if not d.embedded]
    states = {d.name: home.check(d).state for d in course}
    ok = [n for n, s in states.items() if s == OK]
    corrupt = [n for n, s in states.items() if s == CORRUPT]
    missing = [n for n, s in states.items() if s in (MISSING, PARTIAL)]
    if len(ok) == len(course):
        checks.append(Check("Kursdaten", CheckLevel.OK, f"alle {len(course)} Datensätze vorhanden und geprüft", required=False))
    else:
        text = f"{len(ok)} von {len(course)} vorhanden und geprüft"
        checks.append(Check(
            "Kursdaten", CheckLevel.WARN, text + (f"; es fehlen: {', '.join(missing)}" if missing else ""),
            "Daten-Paket der Trainerin/des Trainers einspielen: dlkurs data import PAKET.zip – "
            "oder mit Internet: dlkurs data download --all", required=False))
    if corrupt:
        checks.append(Check("Kursdaten beschädigt", CheckLevel.WARN, ", ".join(corrupt),
                            "Details: dlkurs data status. Erneut importieren oder herunterladen "
                            "(die beschädigte Kopie wird beim nächsten Laden entfernt).", required=False))
    checks.append(Check("Eingebettete Daten", CheckLevel.INFO, "iris, digits, wine, breast_cancer, diabetes (scikit-learn) "
                        "– immer verfügbar", required=False))
    return checks

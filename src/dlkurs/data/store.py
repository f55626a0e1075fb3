"""The data home: verified files, atomic writes, downloads, repair.

The concepts around it have modules of their own: hashing (:mod:`.hashing`),
verifying one file (:mod:`.verify`), the state file's records (:mod:`.state`)
and fetching from a source (:mod:`.fetch`); this module keeps the folder and
what may change in it.

Layout of the data home (``settings.data_home()``, ``$DLKURS_DATA``)::

    <home>/<dataset>/<file>          verified files (one accepted form per item)
    <home>/<dataset>/<tree>/…        folders (image sets, extracted archives)
    <home>/<dataset>/.state.json     what was verified, how, and file fingerprints
    <home>/.staging/                 work in progress; never read as data
    <home>/.locks/<dataset>.lock     one writer per dataset across processes

Rules:

* Nothing enters ``<home>/<dataset>/`` unverified. Downloads, imports and
  extractions are written under ``.staging/`` and moved in with ``os.replace``
  (files) or ``os.rename`` (folders) after they passed verification, so an
  interrupted download leaves nothing that could pass for data.
* Single files are hashed in full on every check (11 MB of MNIST: ~20 ms).
  A file passes if a whole-file hash of one of its accepted forms matches;
  otherwise, if the state records the sha256 it had when it was verified by
  content, it must still have exactly that sha256; otherwise its content check
  runs (and its sha256 is recorded).
* Folders are checked file by file against the sha256 recorded when they were
  verified (aggregate hash of all files, or the verified archive they were
  extracted from). A file is re-hashed when its fingerprint (size, mtime,
  ctime, inode) changed. Every write to a file changes its ctime, even when the
  mtime is reset afterwards, so a flipped byte is caught on the next check;
  only damage below the file system (bit rot) needs ``full=True``, which
  re-hashes everything (``dlkurs data status --full``). (On Windows ctime is
  the creation time, so there a write that restores the mtime needs ``full``.)
* A folder extracted from an archive (IMDB's ``aclImdb``) is tied to the
  sha256 of the verified archive; damage is repaired by extracting again,
  without network. The archive therefore stays in the data home.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from dlkurs.data import events, fetch
from dlkurs.data.errors import DataError, DatasetCorrupt, DatasetNotAvailable, VerificationError
from dlkurs.data.hashing import Progress, aggregate_sha256, copy_hashing, hash_file
from dlkurs.data.registry import Dataset, Form, Item, Source, human_size
from dlkurs.data.state import DatasetState, FileRecord, Fingerprint, TreeFile, TreeRecord
from dlkurs.data.verify import verify_file
from dlkurs.status import DataEvent, DataState

#: When "1", never touch the network (classrooms, tests).
ENV_OFFLINE = "DLKURS_OFFLINE"

OK, MISSING, CORRUPT, PARTIAL = DataState.OK, DataState.MISSING, DataState.CORRUPT, DataState.PARTIAL
STATE_FILE = ".state.json"
#: Seconds a process waits for another one that is fetching or verifying the same dataset.
LOCK_TIMEOUT = 900.0
#: Files an operating system or Jupyter drops into folders; ignored inside trees.
_IGNORED = ("Thumbs.db", "desktop.ini")



# --------------------------------------------------------------------------- status


@dataclass
class ItemStatus:
    item: Item
    state: str
    path: Optional[Path] = None
    form: Optional[Form] = None
    how: str = ""
    problem: Optional[VerificationError] = None


@dataclass
class TreeStatus:
    state: str
    path: Path
    problem: Optional[VerificationError] = None
    rehashed: int = 0


@dataclass
class DatasetStatus:
    dataset: Dataset
    items: list[ItemStatus] = field(default_factory=list)
    tree: Optional[TreeStatus] = None

    @property
    def parts(self) -> list:
        return [*self.items, *([self.tree] if self.tree else [])]

    @property
    def state(self) -> str:
        states = [p.state for p in self.parts]
        if not states:
            return OK
        if any(s == CORRUPT for s in states):
            return CORRUPT
        if all(s == OK for s in states):
            return OK
        if all(s == MISSING for s in states):
            return MISSING
        return PARTIAL

    @property
    def ok(self) -> bool:
        return self.state == OK

    @property
    def paths(self) -> dict[str, Path]:
        paths = {s.item.key: s.path for s in self.items if s.path is not None}
        if self.tree is not None:
            paths["tree"] = self.tree.path
        return paths

    @property
    def problems(self) -> list[VerificationError]:
        return [p.problem for p in self.parts if p.problem is not None]

    @property
    def size(self) -> int:
        total = 0
        for s in self.items:
            if s.path is not None and s.path.exists():
                total += s.path.stat().st_size
        if self.tree is not None and self.tree.path.is_dir():
            total += self.dataset.tree.size
        return total


# --------------------------------------------------------------------------- messages


def _remedies(ds: Dataset) -> str:
    lines = []
    if ds.downloadable:
        lines.append(f"  • mit Internet:  dlkurs data download {ds.name}")
    elif ds.manual:
        lines.append(f"  • {ds.manual}")
    lines.append("  • ohne Internet: das Daten-Paket der Trainerin/des Trainers einspielen:  "
                 "dlkurs data import PAKET.zip  (ein entpackter Ordner geht auch)")
    return "\n".join(lines)


def not_available_message(ds: Dataset, home: Path, reason: str) -> str:
    return (
        f"Der Datensatz '{ds.name}' – {ds.title}, {human_size(ds.size)} – ist auf diesem Rechner nicht "
        f"vorhanden. {reason}\nSo bekommst du ihn:\n{_remedies(ds)}\nDatenordner: {home}"
    )


def corrupt_message(ds: Dataset, home: Path, removed: list[str], reason: str) -> str:
    return (
        f"Der Datensatz '{ds.name}' – {ds.title}, {human_size(ds.size)} – war im Datenordner beschädigt und "
        f"wurde entfernt (er wird nicht verwendet):\n  " + "\n  ".join(removed)
        + f"\nErneut laden ging nicht: {reason}\nSo bekommst du ihn wieder:\n{_remedies(ds)}\nDatenordner: {home}"
    )


def unavailable(ds: Dataset, home: Path, reason: str, removed: Optional[list[str]] = None) -> DatasetNotAvailable:
    """The exception for a dataset that cannot be provided now (corrupt copy removed, or never there)."""
    if removed:
        err: DatasetNotAvailable = DatasetCorrupt(corrupt_message(ds, home, removed, reason), name=ds.name)
    else:
        err = DatasetNotAvailable(not_available_message(ds, home, reason), name=ds.name)
    err.reason = reason
    return err


def remedy_line(ds: Dataset) -> str:
    """One line: how to get ``ds`` (for summaries; :func:`_remedies` has the long form)."""
    ways = []
    if ds.downloadable:
        ways.append(f"dlkurs data download {ds.name}")
    elif ds.manual:
        ways.append(ds.manual)
    ways.append("Daten-Paket: dlkurs data import PAKET.zip|ORDNER")
    return " / ".join(ways)


# --------------------------------------------------------------------------- the data home


class DataHome:
    """The folder of verified datasets. ``DataHome()`` uses ``settings.data_home()``."""

    def __init__(self, root: Optional[os.PathLike] = None):
        if root is None:
            from dlkurs.settings import data_home

            root = data_home()
        self.root = Path(root).expanduser()

    # ---- paths, state, locks -------------------------------------------------

    def root_problem(self) -> Optional[str]:
        """A German sentence when the data home cannot be a folder (it or a parent is a file), else None."""
        for path in (self.root, *self.root.parents):
            if path.exists():
                if path.is_dir():
                    return None
                what = (f"Der Datenordner {self.root} ist eine Datei, kein Ordner" if path == self.root else
                        f"Der Datenordner {self.root} lässt sich nicht anlegen: {path} ist eine Datei, kein Ordner")
                return f"{what}. DLKURS_DATA (oder --data-home) auf einen Ordner setzen."
        return None

    def folder(self, ds: Dataset) -> Path:
        return self.root / ds.name

    def read_state(self, ds: Dataset) -> DatasetState:
        """What is recorded about ``ds`` (empty when nothing is, or the file is unreadable)."""
        path = self.folder(ds) / STATE_FILE
        try:
            return DatasetState.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return DatasetState()

    def write_state(self, ds: Dataset, state: DatasetState, *, strict: bool = True) -> None:
        """Atomically replace the state file (best effort when ``strict`` is False)."""
        folder = self.folder(ds)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(state.to_json(), fh, ensure_ascii=False)
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; other users of a shared data home must read it
            os.replace(tmp, folder / STATE_FILE)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
            if strict:
                raise

    def lock(self, ds: Dataset):
        from filelock import FileLock

        locks = self.root / ".locks"
        locks.mkdir(parents=True, exist_ok=True)
        return FileLock(str(locks / f"{ds.name}.lock"), timeout=LOCK_TIMEOUT)

    @contextlib.contextmanager
    def staging(self, ds: Dataset) -> Iterator[Path]:
        """A fresh folder on the data home's file system, removed afterwards."""
        base = self.root / ".staging"
        base.mkdir(parents=True, exist_ok=True)
        self._sweep(base)
        tmp = Path(tempfile.mkdtemp(prefix=f"{ds.name}-", dir=base))
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @staticmethod
    def _sweep(base: Path, age: float = 24 * 3600) -> None:
        """Remove staging leftovers of interrupted runs (older than ``age`` seconds)."""
        now = time.time()
        for entry in base.iterdir():
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > age:
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    # ---- checking ----------------------------------------------------------------

    def check(self, ds: Dataset, *, full: bool = False) -> DatasetStatus:
        """Verify what the data home holds of ``ds``.

        Changes nothing but the state file: fingerprints of re-hashed folder
        files, and records of files that verify but were not recorded (copied
        in by hand, state lost).
        """
        state = self.read_state(ds)
        recorded: list[str] = []
        status = DatasetStatus(ds, [self._check_item(ds, item, state, recorded) for item in ds.items])
        if recorded:
            self.write_state(ds, state, strict=False)
        if ds.tree is not None:
            status.tree = self._check_tree(ds, state, status, full=full)
        return status

    def _check_item(self, ds: Dataset, item: Item, state: DatasetState, recorded: list[str]) -> ItemStatus:
        folder = self.folder(ds)
        for form in item.forms:
            path = folder / form.filename
            if not path.is_file():
                continue
            record = state.files.get(form.filename)
            try:
                how, digest = verify_file(item, form, path, record)
            except VerificationError as err:
                return ItemStatus(item, CORRUPT, path, form, problem=err)
            except OSError as err:
                problem = VerificationError(f"'{form.filename}' ist nicht lesbar: {err}", path=str(path))
                return ItemStatus(item, CORRUPT, path, form, problem=problem)
            if record is None or record.sha256 != digest["sha256"]:
                # verified now, but not recorded (copied in by hand, state lost): record it
                state.files[form.filename] = FileRecord(item.key, digest["sha256"], digest["size"], how)
                recorded.append(form.filename)
            return ItemStatus(item, OK, path, form, how=how)
        return ItemStatus(item, MISSING)

    def _walk(self, top: Path) -> dict[str, Optional[os.stat_result]]:
        """{relpath (to the dataset folder, '/'-separated): stat} of every file under ``top``.

        Hidden entries and OS clutter are skipped; links and special files map to None.
        """
        base = len(str(top.parent)) + 1
        found: dict[str, Optional[os.stat_result]] = {}
        stack = [str(top)]
        while stack:
            current = stack.pop()
            with os.scandir(current) as it:
                for entry in it:
                    if entry.name.startswith(".") or entry.name in _IGNORED:
                        continue
                    rel = entry.path[base:]
                    if os.sep != "/":
                        rel = rel.replace(os.sep, "/")
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_file(follow_symlinks=False):
                        found[rel] = entry.stat(follow_symlinks=False)
                    else:  # symlinks and special files have no place in a verified tree
                        found[rel] = None
        return found

    def _check_tree(self, ds: Dataset, state: DatasetState, status: DatasetStatus, *, full: bool) -> TreeStatus:
        tree = ds.tree
        path = self.folder(ds) / tree.dirname
        if not path.is_dir():
            return TreeStatus(MISSING, path)
        record = state.tree
        if tree.source is not None:
            source = next((s for s in status.items if s.item.key == tree.source), None)
            archive = state.files.get(source.form.filename) if source and source.form else None
            if record is None or archive is None or record.source_sha256 != archive.sha256:
                problem = VerificationError(
                    f"Der Ordner '{tree.dirname}' passt nicht (mehr) zum geprüften Archiv und wird neu entpackt.",
                    path=str(path))
                return TreeStatus(CORRUPT, path, problem)
        try:
            found = self._walk(path)
        except OSError as err:
            return TreeStatus(CORRUPT, path, VerificationError(f"Ordner '{tree.dirname}' nicht lesbar: {err}"))
        if record is not None and tree.source is None and tree.aggregate_sha256 != aggregate_sha256(
                {rel: entry.sha256 for rel, entry in record.files.items()}):
            record = None  # a record that does not add up to the registry's hash is worthless
        if record is None:  # aggregate tree without a (valid) record: verify everything once
            return self._verify_aggregate(ds, state, path, found)
        files = record.files
        missing = sorted(set(files) - set(found))
        extra = sorted(set(found) - set(files))
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"{len(missing)} Datei(en) fehlen (z. B. {missing[0]})")
            if extra:
                parts.append(f"{len(extra)} unerwartete Datei(en) (z. B. {extra[0]})")
            problem = VerificationError(
                f"Ordner '{tree.dirname}' ist unvollständig oder verändert: {'; '.join(parts)}. "
                f"Erwartet {len(files)} Dateien, gefunden {len(found)}.",
                path=str(path), expected=str(len(files)), actual=str(len(found)))
            return TreeStatus(CORRUPT, path, problem)
        rehashed = 0
        for rel, st in found.items():
            expected = files[rel]
            if st is None:
                return TreeStatus(CORRUPT, path, VerificationError(f"'{rel}' ist keine normale Datei.", path=rel))
            key = Fingerprint.of(st)
            if not full and key == expected.fingerprint:
                continue
            digest = hash_file(path.parent / rel)
            rehashed += 1
            if digest["sha256"] != expected.sha256:
                problem = VerificationError(
                    f"'{rel}' ist beschädigt oder verändert: SHA-256 erwartet {expected.sha256}, "
                    f"erhalten {digest['sha256']}.",
                    path=rel, expected=expected.sha256, actual=digest["sha256"])
                return TreeStatus(CORRUPT, path, problem, rehashed)
            files[rel] = TreeFile(expected.sha256, key)
        if rehashed:
            self.write_state(ds, state, strict=False)
        return TreeStatus(OK, path, rehashed=rehashed)

    def _verify_aggregate(self, ds: Dataset, state: DatasetState, path: Path, found: dict) -> TreeStatus:
        tree = ds.tree
        if tree.aggregate_sha256 is None:
            return TreeStatus(CORRUPT, path, VerificationError(f"Ordner '{tree.dirname}' ist nicht geprüft."))
        hashes, keys = {}, {}
        for rel, st in found.items():
            if st is None:
                return TreeStatus(CORRUPT, path, VerificationError(f"'{rel}' ist keine normale Datei.", path=rel))
            hashes[rel] = hash_file(path.parent / rel)["sha256"]
            keys[rel] = Fingerprint.of(st)
        actual = aggregate_sha256(hashes)
        if actual != tree.aggregate_sha256:
            return TreeStatus(CORRUPT, path, _aggregate_error(tree, actual, len(hashes)), len(hashes))
        state.tree = TreeRecord(tree.dirname, {rel: TreeFile(hashes[rel], keys[rel]) for rel in hashes},
                                aggregate_sha256=actual)
        self.write_state(ds, state, strict=False)
        return TreeStatus(OK, path, rehashed=len(hashes))

    # ---- changing the cache (callers hold the lock) --------------------------------

    def discard(self, status: DatasetStatus) -> list[str]:
        """Remove every corrupt part of ``status``; return German lines describing it."""
        ds = status.dataset
        lines: list[str] = []
        state = self.read_state(ds)
        for s in status.items:
            if s.state == CORRUPT and s.path is not None:
                with contextlib.suppress(FileNotFoundError):
                    s.path.unlink()
                state.files.pop(s.form.filename, None)
                lines.append(str(s.problem))
        if status.tree is not None and status.tree.state == CORRUPT:
            self._remove_tree(ds, status.tree.path)
            state.tree = None
            lines.append(str(status.tree.problem))
        if lines:
            self.write_state(ds, state, strict=False)
        return lines

    def _remove_tree(self, ds: Dataset, path: Path) -> None:
        if not path.exists():
            return
        with self.staging(ds) as tmp:
            trash = tmp / "alt"
            os.rename(path, trash)  # leaves the dataset folder at once; deleting may take a while
            shutil.rmtree(trash, ignore_errors=True)

    def place_file(self, ds: Dataset, item: Item, form: Form, tmp: Path, digest: dict, how: str) -> Path:
        """Move a verified file into the dataset folder and record it."""
        folder = self.folder(ds)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / form.filename
        os.replace(tmp, target)
        state = self.read_state(ds)
        for other in item.forms:
            if other.filename != form.filename:
                with contextlib.suppress(FileNotFoundError):
                    (folder / other.filename).unlink()
                state.files.pop(other.filename, None)
        state.files[form.filename] = FileRecord(item.key, digest["sha256"], digest["size"], how)
        if ds.tree is not None and ds.tree.source == item.key:
            state.tree = None  # the folder must be extracted again from this archive
        self.write_state(ds, state)
        return target

    def place_tree(self, ds: Dataset, staged: Path, hashes: dict[str, str], *,
                   source: Optional[str] = None, source_sha256: Optional[str] = None) -> Path:
        """Move a verified folder into place; ``hashes`` maps relpath -> sha256."""
        folder = self.folder(ds)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / ds.tree.dirname
        state = self.read_state(ds)
        state.tree = None
        self.write_state(ds, state)  # no record while the folder changes
        self._remove_tree(ds, target)
        os.rename(staged, target)
        files = {rel: TreeFile(sha, Fingerprint.of(os.stat(folder / rel))) for rel, sha in hashes.items()}
        state.tree = TreeRecord(ds.tree.dirname, files, source=source, source_sha256=source_sha256,
                                aggregate_sha256=aggregate_sha256(hashes) if source is None else None)
        self.write_state(ds, state)
        return target

    def extract_tree(self, ds: Dataset, status: DatasetStatus, progress: Progress = None) -> Path:
        """Extract the tree of ``ds`` from its verified archive item (e.g. IMDB's aclImdb)."""
        tree = ds.tree
        source = next(s for s in status.items if s.item.key == tree.source)
        if source.state != OK:
            raise DatasetNotAvailable(f"Archiv für '{ds.name}' fehlt.", name=ds.name)
        record = self.read_state(ds).files[source.form.filename]
        prefix = tree.dirname + "/"
        with self.staging(ds) as tmp:
            hashes: dict[str, str] = {}
            with tarfile.open(source.path, "r|*") as archive:
                for member in archive:
                    name = member.name.lstrip("./") if member.name.startswith("./") else member.name
                    if not name.startswith(prefix) and name != tree.dirname:
                        continue
                    if any(fnmatch.fnmatch(name, pattern) for pattern in tree.exclude):
                        continue
                    parts = name.split("/")
                    if name.startswith("/") or ".." in parts or any(p.startswith(".") for p in parts):
                        continue
                    if member.isdir():
                        (tmp / name).mkdir(parents=True, exist_ok=True)
                    elif member.isfile():
                        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                        fh = archive.extractfile(member)
                        hashes[name] = copy_hashing(fh, tmp / name)["sha256"]
                        if progress:
                            progress(member.size)
            if len(hashes) != tree.files:
                raise VerificationError(
                    f"Das Archiv '{source.form.filename}' enthält {len(hashes)} statt {tree.files} Dateien "
                    f"unter '{tree.dirname}/'.", path=str(source.path), expected=str(tree.files),
                    actual=str(len(hashes)))
            return self.place_tree(ds, tmp / tree.dirname, hashes, source=source.form.filename,
                                   source_sha256=record.sha256)

    # ---- downloading ---------------------------------------------------------------

    def download(self, ds: Dataset, items: Optional[list[Item]] = None, *, progress_factory=None) -> None:
        """Fetch missing items of ``ds`` with pooch; verify; move into place. Caller holds the lock.

        Raises DatasetNotAvailable (offline, no source, every source failed) or
        VerificationError (a download was not the expected file).
        """
        items = list(ds.items) if items is None else items
        if not items:
            return
        if os.environ.get(ENV_OFFLINE, "").strip() not in ("", "0"):
            raise unavailable(ds, self.root, f"Download ausgeschaltet (${ENV_OFFLINE} ist gesetzt).")
        if not ds.downloadable:
            raise unavailable(ds, self.root, "Er lässt sich nicht automatisch herunterladen.")
        dead_hosts: set[str] = set()  # a host that did not answer is not asked again in this call
        for item in items:
            offline: list[str] = []
            wrong: list[str] = []
            done = False
            for form in item.forms:
                for source in form.sources:
                    if source.host in dead_hosts:
                        continue
                    try:
                        self._download_one(ds, item, form, source, progress_factory)
                        done = True
                        break
                    except fetch.NetworkError as err:
                        dead_hosts.add(source.host)
                        offline.append(f"{source.host}: {err}")
                    except VerificationError as err:
                        wrong.append(f"{source.url}: {err}")
                if done:
                    break
            if not done:
                if not offline and not wrong:  # every host of this item already failed for an earlier item
                    offline = [f"{h}: keine Verbindung" for h in sorted(dead_hosts)]
                if wrong:
                    reason = "Der Download kam an, war aber nicht die erwartete Datei:\n  " + "\n  ".join(wrong)
                else:
                    reason = "Der Download ist gescheitert (" + "; ".join(offline) + ")."
                raise unavailable(ds, self.root, reason)

    def _download_one(self, ds: Dataset, item: Item, form: Form, source: Source, progress_factory) -> None:
        fname = source.filename or form.filename
        with self.staging(ds) as tmp:
            bar = progress_factory(f"{ds.name}: {fname}", form.size) if progress_factory else False
            path = fetch.retrieve(source, fname, tmp, progress=bar)
            if source.member:
                path = fetch.take_member(source, fname, path, tmp / form.filename)
            how, digest = verify_file(item, form, path)
            self.place_file(ds, item, form, path, digest, how)
        events.record(events.DOWNLOADED, ds.name, f"{form.filename} von {source.host}", url=source.url)

    # ---- the one entry point for loaders --------------------------------------------

    def ensure(self, ds: Dataset, *, use_fixtures: bool = True, progress_factory=None) -> tuple[dict[str, Path], str]:
        """Verified paths of ``ds``: ``({item key | "tree": path}, origin)``.

        origin is ``"cache"`` or ``"fixture"``. Corrupt parts are reported and
        removed, derived folders re-extracted, missing items downloaded when
        possible. Raises DatasetNotAvailable / DatasetCorrupt otherwise.
        """
        status = self.check(ds)
        if status.ok:
            return status.paths, "cache"
        problem = self.root_problem()
        if problem:
            raise DataError(problem)
        if self.root.is_dir() and not os.access(self.root, os.W_OK):
            return self._ensure_read_only(ds, status, use_fixtures=use_fixtures)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = self.lock(ds)
            lock.acquire()
        except OSError as err:
            raise DataError(
                f"Der Datenordner {self.root} ist nicht beschreibbar ({err.strerror or err}); '{ds.name}' kann dort "
                f"weder repariert noch geladen werden. Einen eigenen Datenordner wählen: Umgebungsvariable "
                f"DLKURS_DATA setzen.") from None
        try:
            return self._ensure_locked(ds, use_fixtures=use_fixtures, progress_factory=progress_factory)
        finally:
            lock.release()

    def _ensure_read_only(self, ds: Dataset, status: DatasetStatus, *, use_fixtures: bool) -> tuple[dict[str, Path], str]:
        """A data home this process may only read (a classroom's shared copy): nothing is written, locked or fetched.

        Missing data is DatasetNotAvailable like anywhere else (so substitutes,
        fixtures and the runner's "Daten fehlen" work); a damaged copy cannot be
        repaired from here, which the message says.
        """
        if use_fixtures:
            from dlkurs.data import fixtures

            found = fixtures.find(ds)
            if found is not None:
                return found, DataEvent.FIXTURE
        damaged = [str(p) for p in status.problems if p is not None]
        if damaged:
            raise DataError(
                f"Der Datensatz '{ds.name}' im gemeinsamen, schreibgeschützten Datenordner {self.root} ist beschädigt "
                f"und kann von hier aus nicht repariert werden: {'; '.join(damaged)}. Bitte der Trainerin/dem Trainer "
                "Bescheid geben (z. B. dlkurs hub data).")
        raise unavailable(ds, self.root, f"Der Datensatz fehlt im gemeinsamen, schreibgeschützten Datenordner "
                                         f"{self.root}; nur wer ihn verwaltet, kann ihn einspielen.")

    def _ensure_locked(self, ds: Dataset, *, use_fixtures: bool, progress_factory) -> tuple[dict[str, Path], str]:
        status = self.check(ds)
        if status.ok:
            return status.paths, "cache"
        removed = self.discard(status)
        if removed:
            text = (f"Achtung: Der Datensatz '{ds.name}' im Datenordner war beschädigt und wurde entfernt "
                    f"(er wird nicht verwendet):\n  " + "\n  ".join(removed))
            events.notice(text)
            events.record(events.CORRUPT, ds.name, text)
            status = self.check(ds)
        missing = [s.item for s in status.items if s.state != OK]
        tree_missing = status.tree is not None and status.tree.state != OK
        if not missing and tree_missing and ds.tree.source is not None:
            self.extract_tree(ds, status)
            events.record(events.REPAIRED, ds.name, f"'{ds.tree.dirname}' neu entpackt")
            return self._final(ds)
        if use_fixtures:
            from dlkurs.data import fixtures

            found = fixtures.find(ds)
            if found is not None:
                return found, DataEvent.FIXTURE
        try:
            self.download(ds, missing, progress_factory=progress_factory)
        except DatasetNotAvailable as err:
            raise unavailable(ds, self.root, getattr(err, "reason", str(err)), removed) from None
        if ds.tree is not None and ds.tree.source is None and tree_missing:
            raise unavailable(ds, self.root, "Der Ordner lässt sich nur aus einem Daten-Paket einspielen.",
                              removed)
        status = self.check(ds)
        if status.tree is not None and status.tree.state != OK and ds.tree.source is not None:
            self.extract_tree(ds, status)
        return self._final(ds)

    def _final(self, ds: Dataset) -> tuple[dict[str, Path], str]:
        status = self.check(ds)
        if not status.ok:
            raise DataError(
                f"Der Datensatz '{ds.name}' ließ sich nicht bereitstellen: "
                + "; ".join(str(p) for p in status.problems))
        return status.paths, "cache"


def _aggregate_error(tree, actual: str, count: int) -> VerificationError:
    return VerificationError(
        f"Der Ordner '{tree.dirname}' ist nicht der erwartete: Gesamt-Hash erwartet {tree.aggregate_sha256}, "
        f"erhalten {actual} ({count} Dateien, erwartet {tree.files}).",
        expected=tree.aggregate_sha256, actual=actual)

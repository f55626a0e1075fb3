"""Classroom bundles: export verified datasets to one file, import them anywhere.

A bundle is an uncompressed zip (the data inside is compressed already; any
operating system opens it) with the data home's layout and a manifest::

    dlkurs-datenpaket.json          format, version, and per file: sha256, size
    mnist/mnist.npz
    cats_vs_dogs_small/cats_and_dogs_small/train/cats/cat.0.jpg
    …

Import accepts such a bundle, a plain folder laid out like ``shared/data``
(``mnist/mnist.npz``, ``fashion-mnist/*.gz``, ``imdb/aclImdb_train_test.tar.xz``
…), another data home, or a single canonical file (``reuters.npz``). Files are
recognised by their relative path (see ``Form.patterns``), copied to the
staging area, verified against the *registry* (and against the manifest's
sha256, which catches a damaged copy of the bundle), and only then moved into
the data home. Unrecognised files are listed and left alone.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

from dlkurs.data import registry
from dlkurs.data.errors import DataError, DatasetNotAvailable, VerificationError
from dlkurs.data.registry import Dataset
from dlkurs.status import ImportOutcome
from dlkurs.data.hashing import aggregate_sha256, copy_hashing, sha256_stream
from dlkurs.data.state import FileRecord
from dlkurs.data.store import CORRUPT, OK, DataHome
from dlkurs.data.verify import verify_file

MANIFEST = "dlkurs-datenpaket.json"
FORMAT = "dlkurs-datenpaket"
VERSION = 1

IMPORTED, PRESENT, REJECTED, INCOMPLETE = (
    ImportOutcome.IMPORTED, ImportOutcome.PRESENT, ImportOutcome.REJECTED, ImportOutcome.INCOMPLETE
)


class Progress:
    """What bundle operations report; the CLI passes a rich progress bar. Does nothing by default."""

    def total(self, nbytes: int) -> None: ...

    def advance(self, nbytes: int) -> None: ...

    def describe(self, text: str) -> None: ...


@dataclass
class Candidate:
    """A file offered by an import source."""

    rel: str
    size: int
    open: Callable[[], IO[bytes]]


@dataclass
class ImportResult:
    dataset: str
    status: str
    files: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)
    state: str = ""


@dataclass
class ImportReport:
    source: str
    results: list[ImportResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.results) and not any(r.status == REJECTED for r in self.results)


# --------------------------------------------------------------------------- sources


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") or part in ("Thumbs.db", "desktop.ini", "__MACOSX") for part in rel.split("/"))


def _folder_candidates(root: Path) -> list[Candidate]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if _hidden(rel) or not path.is_file():
                continue
            found.append(Candidate(rel, path.stat().st_size, lambda p=path: open(p, "rb")))
    return found


def _zip_candidates(archive: zipfile.ZipFile) -> list[Candidate]:
    return [
        Candidate(info.filename, info.file_size, lambda i=info: archive.open(i))
        for info in archive.infolist()
        if not info.is_dir() and not _hidden(info.filename)
    ]


def _match_file(candidates: list[Candidate], pattern: str) -> Optional[Candidate]:
    hits = [c for c in candidates if c.rel == pattern or c.rel.endswith("/" + pattern)]
    return min(hits, key=lambda c: (len(c.rel), c.rel)) if hits else None


def _match_tree(candidates: list[Candidate], names: tuple[str, ...]) -> tuple[Optional[str], list[Candidate]]:
    prefixes = set()
    for c in candidates:
        parts = c.rel.split("/")
        for i, part in enumerate(parts[:-1]):
            if part in names:
                prefixes.add("/".join(parts[: i + 1]))
                break
    if not prefixes:
        return None, []
    prefix = min(prefixes, key=lambda p: (len(p), p))
    return prefix, [c for c in candidates if c.rel.startswith(prefix + "/")]


# --------------------------------------------------------------------------- import


def import_data(source, names: Optional[list[str]] = None, *, home: Optional[DataHome] = None,
                progress: Optional[Progress] = None) -> ImportReport:
    """Bring datasets from a bundle, a folder or a single file into the data home, verified.

    names: only these datasets (default: every dataset found in the source).
    """
    home = home or DataHome()
    progress = progress or Progress()
    source = Path(source).expanduser()
    if not source.exists():
        raise DataError(f"'{source}' gibt es nicht. Erwartet: ein Daten-Paket (.zip), ein Ordner oder eine Datei.")
    if source.is_dir():
        if source.resolve() == home.root.resolve():
            raise DataError(f"'{source}' ist der Datenordner selbst; bitte einen anderen Ordner angeben.")
        return _import_candidates(str(source), _folder_candidates(source), names, home, progress)
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            return _import_candidates(str(source), _zip_candidates(archive), names, home, progress)
    candidate = Candidate(source.name, source.stat().st_size, lambda: open(source, "rb"))
    return _import_candidates(str(source), [candidate], names, home, progress)


def _read_manifest(candidates: list[Candidate]) -> dict[str, dict]:
    entry = next((c for c in candidates if c.rel == MANIFEST), None)
    if entry is None:
        return {}
    with entry.open() as fh:
        manifest = json.loads(fh.read().decode("utf-8"))
    if manifest.get("format") != FORMAT:
        raise DataError(f"'{MANIFEST}' ist kein dlkurs-Datenpaket (format={manifest.get('format')!r}).")
    files: dict[str, dict] = {}
    for ds in manifest.get("datasets", {}).values():
        files.update(ds.get("files", {}))
    return files


def _plan(ds: Dataset, candidates: list[Candidate]):
    items = []
    for item in ds.items:
        choice = None
        for form in item.forms:
            for pattern in form.patterns:
                hit = _match_file(candidates, pattern)
                if hit is not None:
                    choice = (form, hit)
                    break
            if choice:
                break
        items.append((item, choice))
    tree_prefix, tree_files = None, []
    if ds.tree is not None and ds.tree.source is None:
        tree_prefix, tree_files = _match_tree(candidates, ds.tree.match or (ds.tree.dirname,))
    return items, tree_prefix, tree_files


def _import_candidates(label: str, candidates: list[Candidate], names, home: DataHome,
                       progress: Progress) -> ImportReport:
    manifest = _read_manifest(candidates)
    wanted = [registry.get(n) for n in names] if names else [d for d in registry.DATASETS if not d.embedded]
    report = ImportReport(label)
    plans, used = [], {MANIFEST}
    for ds in wanted:
        items, prefix, tree_files = _plan(ds, candidates)
        chosen = [c for _, choice in items if choice for c in [choice[1]]]
        if not chosen and not tree_files:
            if names:
                report.results.append(ImportResult(ds.name, INCOMPLETE, problems=["nicht in der Quelle"]))
            continue
        plans.append((ds, items, prefix, tree_files))
        used.update(c.rel for c in chosen)
        used.update(c.rel for c in tree_files)
    report.ignored = [c.rel for c in candidates if c.rel not in used]
    total = sum(c.size for _, items, _, tf in plans for c in [ch[1] for _, ch in items if ch] + tf)
    total += sum(ds.tree.size for ds, *_ in plans if ds.tree is not None and ds.tree.source is not None)
    progress.total(total)
    home.root.mkdir(parents=True, exist_ok=True)
    for ds, items, prefix, tree_files in plans:
        progress.describe(ds.name)
        with home.lock(ds):
            report.results.append(_import_dataset(ds, items, prefix, tree_files, manifest, home, progress))
    progress.describe("fertig")
    return report


def _same_as_cached(cand: Candidate, record: Optional[FileRecord], manifest: dict) -> bool:
    if record is None or record.size != cand.size:
        return False
    expected = manifest.get(cand.rel, {}).get("sha256")
    if expected is None:
        with cand.open() as fh:
            expected = sha256_stream(fh)
    return expected == record.sha256


def _import_dataset(ds: Dataset, items, prefix, tree_files, manifest: dict, home: DataHome,
                    progress: Progress) -> ImportResult:
    result = ImportResult(ds.name, PRESENT)
    status = home.check(ds)
    state = home.read_state(ds)
    changed = False
    for (item, choice), item_status in zip(items, status.items):
        if choice is None:
            continue
        form, cand = choice
        if item_status.state == OK and _same_as_cached(cand, state.files.get(item_status.form.filename), manifest):
            progress.advance(cand.size)
            continue
        with home.staging(ds) as tmp, cand.open() as fh:
            target = tmp / form.filename
            digest = copy_hashing(fh, target, progress.advance, sync=True)
            expected = manifest.get(cand.rel, {}).get("sha256")
            try:
                if expected is not None and expected != digest["sha256"]:
                    raise VerificationError(
                        f"'{cand.rel}' ist im Paket beschädigt: SHA-256 laut Paket {expected}, erhalten "
                        f"{digest['sha256']}.", expected=expected, actual=digest["sha256"])
                how, digest = verify_file(item, form, target, None, digest)
            except VerificationError as err:
                result.status = REJECTED
                result.problems.append(str(err))
                continue
            home.place_file(ds, item, form, target, digest, how)
            result.files += 1
            result.bytes += digest["size"]
            changed = True
    if tree_files:
        status = home.check(ds)
        if status.tree is not None and status.tree.state == OK:
            progress.advance(sum(c.size for c in tree_files))
        else:
            try:
                count, size = _import_tree(ds, prefix, tree_files, manifest, home, progress)
                result.files += count
                result.bytes += size
                changed = True
            except VerificationError as err:
                result.status = REJECTED
                result.problems.append(str(err))
    status = home.check(ds)
    if ds.tree is not None and ds.tree.source is not None:
        source_ok = next(s for s in status.items if s.item.key == ds.tree.source).state == OK
        if source_ok and status.tree.state != OK:
            progress.describe(f"{ds.name}: entpacke {ds.tree.dirname}")
            home.discard(status)  # a stale folder from an earlier archive
            status = home.check(ds)
            home.extract_tree(ds, status, progress.advance)
            changed = True
            status = home.check(ds)
        else:
            progress.advance(ds.tree.size)
    result.state = status.state
    if result.status != REJECTED:
        if changed:
            result.status = IMPORTED
        if status.state != OK:
            result.status = INCOMPLETE
            missing = [" oder ".join(f.filename for f in s.item.forms) for s in status.items if s.state != OK]
            if status.tree is not None and status.tree.state != OK:
                missing.append(ds.tree.dirname)
            result.problems.append("es fehlt noch: " + ", ".join(missing))
    return result


def _import_tree(ds: Dataset, prefix: str, files: list[Candidate], manifest: dict, home: DataHome,
                 progress: Progress) -> tuple[int, int]:
    tree = ds.tree
    with home.staging(ds) as tmp:
        root = tmp / tree.dirname
        hashes: dict[str, str] = {}
        size = 0
        for cand in files:
            inner = cand.rel[len(prefix) + 1:]
            parts = inner.split("/")
            if ".." in parts or inner.startswith("/"):
                raise VerificationError(f"Unzulässiger Pfad im Paket: '{cand.rel}'.", actual=cand.rel)
            target = root / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            with cand.open() as fh:
                digest = copy_hashing(fh, target, progress.advance)
            expected = manifest.get(cand.rel, {}).get("sha256")
            if expected is not None and expected != digest["sha256"]:
                raise VerificationError(
                    f"'{cand.rel}' ist im Paket beschädigt: SHA-256 laut Paket {expected}, erhalten "
                    f"{digest['sha256']}.", expected=expected, actual=digest["sha256"])
            hashes[f"{tree.dirname}/{inner}"] = digest["sha256"]
            size += digest["size"]
        actual = aggregate_sha256(hashes)
        if actual != tree.aggregate_sha256:
            raise VerificationError(
                f"Der Ordner '{prefix}' ist nicht der erwartete: Gesamt-Hash erwartet {tree.aggregate_sha256}, "
                f"erhalten {actual} ({len(hashes)} Dateien, erwartet {tree.files}).",
                expected=tree.aggregate_sha256, actual=actual)
        home.place_tree(ds, root, hashes)
    return len(hashes), size


# --------------------------------------------------------------------------- export


@dataclass
class ExportReport:
    path: Path
    datasets: list[str]
    files: int
    bytes: int


def export_bundle(target, names: Optional[list[str]] = None, *, home: Optional[DataHome] = None,
                  progress: Optional[Progress] = None) -> ExportReport:
    """Write the verified datasets ``names`` (default: all complete ones) into one zip ``target``.

    Every file is re-verified (folders hashed in full) before it is written.
    The zip is written under a temporary name and renamed at the end.
    """
    home = home or DataHome()
    progress = progress or Progress()
    target = Path(target).expanduser()
    if target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    chosen = [registry.get(n) for n in names] if names else [d for d in registry.DATASETS if not d.embedded]
    entries: list[tuple[str, Path, str, int]] = []
    datasets: dict[str, dict] = {}
    missing, broken = [], []
    for ds in chosen:
        if ds.embedded:
            continue
        progress.describe(f"prüfe {ds.name}")
        status = home.check(ds, full=ds.tree is not None and ds.tree.source is None)  # exported folders: every file
        if status.state != OK:
            if status.state == CORRUPT:
                broken.append(f"{ds.name}: " + "; ".join(str(p) for p in status.problems))
            elif names:
                missing.append(ds.name)
            continue
        state = home.read_state(ds)
        files: dict[str, dict] = {}
        for s in status.items:
            rec = state.files[s.form.filename]
            rel = f"{ds.name}/{s.form.filename}"
            entries.append((rel, s.path, rec.sha256, rec.size))
            files[rel] = {"sha256": rec.sha256, "size": rec.size}
        if ds.tree is not None and ds.tree.source is None:
            for rel, entry in sorted(state.tree.files.items()):
                arc = f"{ds.name}/{rel}"
                path = home.folder(ds) / rel
                size = entry.fingerprint.size if entry.fingerprint else path.stat().st_size
                entries.append((arc, path, entry.sha256, size))
                files[arc] = {"sha256": entry.sha256, "size": size}
        datasets[ds.name] = {"title": ds.title, "files": files}
    if broken:
        raise DataError("Beschädigte Datensätze werden nicht exportiert:\n  " + "\n  ".join(broken))
    if missing:
        raise DatasetNotAvailable(
            "Nicht (vollständig) im Datenordner, daher nicht exportierbar: " + ", ".join(missing)
            + ". Erst 'dlkurs data download NAME' oder 'dlkurs data import …'.")
    if not entries:
        raise DatasetNotAvailable("Der Datenordner enthält keine vollständigen, geprüften Datensätze zum Exportieren.")
    manifest = {
        "format": FORMAT, "version": VERSION, "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "datasets": datasets,
    }
    progress.total(sum(e[3] for e in entries))
    progress.describe(f"schreibe {target.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
            for arc, path, _, size in entries:
                archive.write(path, arc)
                progress.advance(size)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a bundle is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ExportReport(target, list(datasets), len(entries), sum(e[3] for e in entries))


__all__ = ["import_data", "export_bundle", "ImportReport", "ExportReport", "Progress"]

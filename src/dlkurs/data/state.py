"""What the data home records about a dataset: its state file as typed records.

``<home>/<dataset>/.state.json`` says which files were verified, how, and
with which sha256, and for an unpacked folder the sha256 and file-system
fingerprint of each file (so that a later check re-hashes only what changed).
Version 1 of the file (written by dlkurs 0.1) kept fingerprints as positional
lists ``[sha256, size, mtime_ns, ctime_ns, inode]``; it is still read, and
written back as version 2.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from typing import Optional

VERSION = 2


@dataclass(frozen=True)
class Fingerprint:
    """What the file system says about a file: unchanged fingerprint, unchanged file (in practice)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> Fingerprint:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class FileRecord:
    """A verified file of the dataset folder.

    how: what verified it: the registry's published hash (``"sha256"``, ``"md5"``),
        its content (``"content"``, e.g. the arrays in an ``.npz``) or, after that,
        these exact bytes (``"recorded"``).
    """

    item: str
    sha256: str
    size: int
    how: str
    verified: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S"))

    @classmethod
    def from_json(cls, data: dict) -> FileRecord:
        return cls(item=str(data.get("item", "")), sha256=str(data.get("sha256", "")), size=int(data.get("size", -1)),
                   how=str(data.get("how", "recorded")), verified=str(data.get("verified", "")))


@dataclass
class TreeFile:
    """One file of an unpacked folder: its sha256 and the fingerprint it had when hashed."""

    sha256: str
    fingerprint: Optional[Fingerprint] = None

    @classmethod
    def from_json(cls, data) -> TreeFile:
        if isinstance(data, list):  # version 1: [sha256, size, mtime_ns, ctime_ns, inode]
            sha, *rest = data
            return cls(sha, Fingerprint(*rest) if len(rest) == 4 else None)
        fp = data.get("fingerprint")
        return cls(data["sha256"], Fingerprint(**fp) if fp else None)


@dataclass
class TreeRecord:
    """An unpacked folder: from which archive (or checked against the registry's aggregate hash)."""

    dirname: str
    files: dict[str, TreeFile]
    source: Optional[str] = None
    source_sha256: Optional[str] = None
    aggregate_sha256: Optional[str] = None

    @classmethod
    def from_json(cls, data: dict) -> TreeRecord:
        return cls(dirname=data["dirname"], files={rel: TreeFile.from_json(v) for rel, v in data["files"].items()},
                   source=data.get("source"), source_sha256=data.get("source_sha256"),
                   aggregate_sha256=data.get("aggregate_sha256"))


@dataclass
class DatasetState:
    """Everything recorded about one dataset; ``files`` by file name."""

    files: dict[str, FileRecord] = field(default_factory=dict)
    tree: Optional[TreeRecord] = None

    def to_json(self) -> dict:
        return {"version": VERSION, "files": {name: asdict(rec) for name, rec in self.files.items()},
                "tree": asdict(self.tree) if self.tree is not None else None}

    @classmethod
    def from_json(cls, data) -> DatasetState:
        """The state from a parsed state file (either version); an unreadable one is empty."""
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            return cls()
        try:
            files = {name: FileRecord.from_json(rec) for name, rec in data["files"].items()}
            tree = TreeRecord.from_json(data["tree"]) if data.get("tree") else None
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls()
        return cls(files, tree)

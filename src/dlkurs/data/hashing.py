"""Hashing files and streams: one read, every digest the registry may ask for.

Every sha256 in dlkurs is computed here (the data home, bundles, the IMDB
rank cache, content checks), so a file is read in one place, in 1 MiB chunks.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Optional

#: Called with the number of bytes just read (a progress bar's ``advance``).
Progress = Optional[Callable[[int], None]]

CHUNK = 1 << 20


def hash_stream(src: IO[bytes], progress: Progress = None, *, md5: bool = False,
                copy_to: Optional[Path] = None, sync: bool = False) -> dict:
    """``{"sha256", "size"}`` (and ``"md5"``) of a stream, read once; optionally copied into ``copy_to``."""
    sha, size = hashlib.sha256(), 0
    m5 = hashlib.md5(usedforsecurity=False) if md5 else None
    out = open(copy_to, "wb") if copy_to is not None else None
    try:
        while chunk := src.read(CHUNK):
            sha.update(chunk)
            if m5 is not None:
                m5.update(chunk)
            if out is not None:
                out.write(chunk)
            size += len(chunk)
            if progress:
                progress(len(chunk))
        if out is not None and sync:
            out.flush()
            os.fsync(out.fileno())
    finally:
        if out is not None:
            out.close()
    digest = {"sha256": sha.hexdigest(), "size": size}
    if m5 is not None:
        digest["md5"] = m5.hexdigest()
    return digest


def hash_file(path: Path, progress: Progress = None, *, md5: bool = False) -> dict:
    """``{"sha256", "size"}`` (and ``"md5"`` if asked) of a file, read once."""
    with open(path, "rb") as fh:
        return hash_stream(fh, progress, md5=md5)


def copy_hashing(src: IO[bytes], dst: Path, progress: Progress = None, *, sync: bool = False) -> dict:
    """Copy a stream into a new file and hash it (sha256 and md5) on the way."""
    return hash_stream(src, progress, md5=True, copy_to=dst, sync=sync)


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file."""
    return hash_file(path)["sha256"]


def sha256_stream(src: IO[bytes]) -> str:
    """The hex sha256 of what is left in a stream."""
    return hash_stream(src)["sha256"]


def matching_hash(hashes: tuple[str, ...], digest: dict) -> Optional[str]:
    """The algorithm of the first hash in ``hashes`` that ``digest`` matches, or None."""
    for spec in hashes:
        algorithm, _, value = spec.partition(":")
        if digest.get(algorithm) == value.lower():
            return algorithm
    return None


def aggregate_sha256(records: dict[str, str]) -> str:
    """``find DIR -type f | LC_ALL=C sort | xargs sha256sum | sha256sum`` of {relpath: sha256}."""
    lines = "".join(f"{records[rel]}  {rel}\n" for rel in sorted(records, key=lambda r: r.encode("utf-8")))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()

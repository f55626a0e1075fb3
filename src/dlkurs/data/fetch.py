"""Fetching a file from its source: one HTTP download (pooch), no verification of its own.

Verification is the data home's job (:mod:`dlkurs.data.verify`), done once on
the downloaded bytes; here a published archive hash is checked only where a
member is taken out of the archive. Failures are read from the exception
types of requests and urllib3, never from their message text.
"""

from __future__ import annotations

import tarfile
from pathlib import Path
from typing import Any, Optional

from dlkurs.data.errors import VerificationError
from dlkurs.data.hashing import copy_hashing, hash_file, matching_hash
from dlkurs.data.registry import Source
from dlkurs.data.verify import HASH_LABEL

#: Seconds to wait for a connection; an offline machine fails at once (DNS) or after this.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0


def retrieve(source: Source, fname: str, folder: Path, *, progress: Any = False) -> Path:
    """Download ``source.url`` into ``folder/fname``; NetworkError when no byte arrived."""
    import pooch
    import requests

    pooch.get_logger().setLevel("WARNING")
    downloader = pooch.HTTPDownloader(progressbar=progress, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
    try:
        return Path(pooch.retrieve(source.url, known_hash=None, fname=fname, path=folder, downloader=downloader))
    except requests.exceptions.RequestException as err:
        raise NetworkError(network_reason(err)) from None
    except OSError as err:
        raise NetworkError(str(err)) from None


def take_member(source: Source, fname: str, archive_path: Path, target: Path) -> Path:
    """The member ``source.member`` of a verified downloaded archive, copied to ``target``."""
    verify_archive(fname, archive_path, source.hash)
    with tarfile.open(archive_path, "r:*") as archive:
        try:
            fh = archive.extractfile(source.member)
        except KeyError:
            fh = None
        if fh is None:
            raise VerificationError(f"'{fname}' enthält '{source.member}' nicht.", path=str(archive_path),
                                    expected=source.member, actual="fehlt")
        copy_hashing(fh, target)
    return target


class NetworkError(Exception):
    """A download failed before any byte could be verified (no connection, HTTP error)."""


def network_reason(err: Exception) -> str:
    """A German reason for a failed request, from the exception types (not their text)."""
    import socket

    import requests
    import urllib3

    if isinstance(err, requests.exceptions.Timeout):
        return f"Zeitüberschreitung nach {CONNECT_TIMEOUT:.0f} s"
    if isinstance(err, requests.exceptions.HTTPError) and err.response is not None:
        return f"HTTP-Fehler {err.response.status_code}"
    seen, stack = set(), [err]
    while stack:  # the cause chain and urllib3's `reason`: where did the connection fail?
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
            return "Name nicht auflösbar – offline?"
        stack += [getattr(current, "reason", None), current.__cause__, current.__context__]
        stack += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
    if isinstance(err, requests.exceptions.ConnectionError):
        return "keine Verbindung"
    return type(err).__name__


def verify_archive(fname: str, path: Path, known: Optional[str]) -> None:
    """The downloaded archive a member is taken from is the published one (when a hash is published)."""
    if not known:
        return
    algorithm, _, expected = known.partition(":")
    digest = hash_file(path, md5=algorithm == "md5")
    if matching_hash((known,), digest) is None:
        actual = digest.get(algorithm, digest["sha256"])
        raise VerificationError(
            f"Der Download '{fname}' ist nicht die erwartete Datei: {HASH_LABEL.get(algorithm, algorithm)} erwartet "
            f"{expected}, erhalten {actual}. Die Datei wurde verworfen.",
            path=str(path), expected=expected, actual=actual)

"""Verifying a file of the registry: by its published hash, by content, or as recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from dlkurs.data.errors import VerificationError
from dlkurs.data.hashing import hash_file, matching_hash
from dlkurs.data.registry import Form, Item
from dlkurs.data.state import FileRecord


#: How people write the names of the hash algorithms.
HASH_LABEL = {"sha256": "SHA-256", "md5": "MD5"}


def verify_file(item: Item, form: Form, path: Path, record: Optional[FileRecord] = None,
                digest: Optional[dict] = None) -> tuple[str, dict]:
    """Check one file of ``item``; return ``(how, digest)`` or raise VerificationError.

    ``how`` is the algorithm that matched (``"sha256"``/``"md5"``), ``"recorded"``
    (same bytes as when it was verified by content) or ``"content"``.
    """
    digest = digest or hash_file(path)
    algorithm = matching_hash(form.hashes, digest)
    if algorithm is None and "md5" not in digest and any(h.startswith("md5:") for h in form.hashes):
        digest = hash_file(path, md5=True)  # md5 only where the registry knows no sha256
        algorithm = matching_hash(form.hashes, digest)
    if algorithm:
        return algorithm, digest
    sizes = f"{digest['size']} Bytes"
    if record is not None and record.how not in ("sha256", "md5"):
        # verified by content once: from then on exactly these bytes
        if record.sha256 == digest["sha256"]:
            return record.how, digest
        if record.size not in (-1, digest["size"]):
            sizes += f", erwartet {record.size} Bytes"
        raise VerificationError(
            f"'{form.filename}' wurde verändert, seit die Datei geprüft wurde: "
            f"SHA-256 erwartet {record.sha256}, erhalten {digest['sha256']} ({sizes}).",
            path=str(path), expected=record.sha256, actual=digest["sha256"],
        )
    if item.content is not None:
        try:
            item.content.check(path)
        except VerificationError as err:
            if not form.hashes:  # no published hash: the content check is all there is
                raise VerificationError(
                    f"'{form.filename}' besteht die Prüfung nicht (sha256:{digest['sha256']}): {err}",
                    path=str(path), expected=err.expected, actual=err.actual) from None
            raise VerificationError(
                f"'{form.filename}' ist weder die erwartete Datei (erwartet {', '.join(form.hashes)}, erhalten "
                f"sha256:{digest['sha256']}) noch hat sie den erwarteten Inhalt: {err}",
                path=str(path), expected=err.expected, actual=err.actual,
            ) from None
        return "content", digest
    algorithm, _, expected = (form.hashes[0] if form.hashes else "sha256:–").partition(":")
    if algorithm == "md5" and "md5" not in digest:
        digest = hash_file(path, md5=True)
    actual = digest.get(algorithm, digest["sha256"])
    if form.size and form.size != digest["size"]:
        sizes += f", erwartet {form.size} Bytes"
    raise VerificationError(
        f"'{form.filename}' ist nicht die erwartete Datei: {HASH_LABEL.get(algorithm, algorithm)} erwartet {expected}, "
        f"erhalten {actual} ({sizes}).",
        path=str(path), expected=expected, actual=actual,
    )

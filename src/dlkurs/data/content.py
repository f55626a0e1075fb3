"""Content checks: verify what a file *holds* when its bytes may differ.

Some canonical data exists in several containers: ``mnist.npz`` written by a
different zip writer, a gzip file with another header, a CSV with other number
formatting. The registry then fixes the *content* (e.g. the sha256 of each
array's bytes), and a file passes if its content matches, whatever its bytes.

Each check is a small frozen dataclass with ``check(path)``, which returns
``None`` or raises :class:`~dlkurs.data.errors.VerificationError` naming the
expected and the actual value. NumPy is imported inside ``check`` only.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dlkurs.data.errors import VerificationError
from dlkurs.data.hashing import hash_stream


def _fail(path: Path, what: str, expected: object, actual: object) -> VerificationError:
    return VerificationError(
        f"Inhaltsprüfung von '{path.name}' fehlgeschlagen: {what} – erwartet {expected}, erhalten {actual}.",
        path=str(path),
        expected=str(expected),
        actual=str(actual),
    )


@dataclass(frozen=True)
class NpzArrays:
    """An ``.npz`` whose arrays have exactly these keys, dtypes, shapes and bytes.

    arrays: tuples ``(key, dtype, shape, sha256 of array.tobytes())``.
    """

    arrays: tuple[tuple[str, str, tuple[int, ...], str], ...]
    kind: str = "Inhalts-Hashes der Arrays im .npz"

    def check(self, path: Path) -> None:
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as npz:
                keys = sorted(npz.files)
                wanted = sorted(key for key, *_ in self.arrays)
                if keys != wanted:
                    raise _fail(path, "Schlüssel im .npz", wanted, keys)
                for key, dtype, shape, digest in self.arrays:
                    array = npz[key]
                    if str(array.dtype) != dtype or tuple(array.shape) != tuple(shape):
                        raise _fail(path, f"Array '{key}'", f"{dtype} {tuple(shape)}", f"{array.dtype} {array.shape}")
                    actual = hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()
                    if actual != digest:
                        raise _fail(path, f"SHA-256 von Array '{key}'", digest, actual)
        except VerificationError:
            raise
        except Exception as err:  # zip/CRC/format errors: the file is damaged
            raise _fail(path, "lesbares .npz", "gültige Datei", f"{type(err).__name__}: {err}") from None


@dataclass(frozen=True)
class GunzipSha256:
    """A gzip file whose *decompressed* bytes have this sha256 (header may differ)."""

    sha256: str
    size: int
    kind: str = "SHA-256 des entpackten Inhalts"

    def check(self, path: Path) -> None:
        import gzip
        import zlib

        try:
            with gzip.open(path, "rb") as fh:
                digest = hash_stream(fh)
        except (OSError, EOFError, zlib.error) as err:
            raise _fail(path, "lesbare gzip-Datei", "gültige Datei", f"{type(err).__name__}: {err}") from None
        if digest["size"] != self.size:
            raise _fail(path, "entpackte Größe", f"{self.size} Bytes", f"{digest['size']} Bytes")
        if digest["sha256"] != self.sha256:
            raise _fail(path, "SHA-256 des entpackten Inhalts", self.sha256, digest["sha256"])


@dataclass(frozen=True)
class NumericTable:
    """A headerless numeric CSV whose values (parsed as float64) have this sha256."""

    sha256: str
    shape: tuple[int, int]
    kind: str = "SHA-256 der Zahlenwerte (float64)"

    def check(self, path: Path) -> None:
        import numpy as np

        try:
            values = np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
        except Exception as err:
            raise _fail(path, "lesbare Zahlentabelle", "CSV mit Zahlen", f"{type(err).__name__}: {err}") from None
        if values.shape != tuple(self.shape):
            raise _fail(path, "Tabellenform", tuple(self.shape), values.shape)
        actual = hashlib.sha256(np.ascontiguousarray(values).tobytes()).hexdigest()
        if actual != self.sha256:
            raise _fail(path, "SHA-256 der Zahlenwerte", self.sha256, actual)


@dataclass(frozen=True)
class ZippedCsv:
    """A zip with exactly one CSV member: its header, first cell and row count.

    For data without a published hash (Jena climate), this is the strongest
    check available; see the registry entry.
    """

    member: str
    header: str
    first_cell: str
    min_rows: int
    kind: str = "Struktur (Kopfzeile, erster Zeitstempel, Zeilenzahl)"

    def check(self, path: Path) -> None:
        import io

        try:
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if not n.endswith("/") and not n.startswith("__MACOSX")]
                if names != [self.member]:
                    raise _fail(path, "Inhalt des Zip-Archivs", [self.member], names)
                rows = 0
                with archive.open(self.member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    header = text.readline().rstrip("\r\n")
                    if header != self.header:
                        raise _fail(path, "Kopfzeile", self.header, header)
                    first = text.readline()
                    if first.split(",", 1)[0] != self.first_cell:
                        raise _fail(path, "erster Zeitstempel", self.first_cell, first.split(",", 1)[0])
                    rows = 1 + sum(1 for line in text if line.strip())
        except VerificationError:
            raise
        except Exception as err:
            raise _fail(path, "lesbares Zip-Archiv", "gültige Datei", f"{type(err).__name__}: {err}") from None
        if rows < self.min_rows:
            raise _fail(path, "Anzahl Datenzeilen", f"mindestens {self.min_rows}", rows)

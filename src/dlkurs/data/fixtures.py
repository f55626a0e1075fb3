"""Test fixtures: small files in the canonical format, used visibly and on request.

Some datasets have no real copy in CI (Reuters, Jena climate, CIFAR-10, the
VGG16 weights). Their loaders are still exercised, on small files with the
same format, written by :mod:`dlkurs.data.testing`. A lesson run reaches them
through one environment variable::

    DLKURS_FIXTURES=/path/to/fixtures  # layout: <name>/<canonical file name>

Then, for a dataset that is *not* in the data home, ``load(name)`` uses the
fixture folder instead of the network and says so in German. Fixtures never
enter the data home (they would fail verification anyway), and they are listed
by :func:`dlkurs.data.substitutions`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from dlkurs.data import events
from dlkurs.data.registry import Dataset

#: Folder of canonical-format test files (see dlkurs.data.testing).
ENV_FIXTURES = "DLKURS_FIXTURES"


def fixture_root() -> Optional[Path]:
    value = os.environ.get(ENV_FIXTURES, "").strip()
    return Path(value).expanduser() if value else None


def find(ds: Dataset, *, announce: bool = True) -> Optional[dict[str, Path]]:
    """Paths of ``ds`` in the fixture folder, or None (no folder set, or dataset absent)."""
    root = fixture_root()
    if root is None:
        return None
    folder = root / ds.name
    if not folder.is_dir():
        return None
    paths: dict[str, Path] = {}
    for item in ds.items:
        path = next((folder / f.filename for f in item.forms if (folder / f.filename).is_file()), None)
        if path is None:
            return None
        paths[item.key] = path
    if ds.tree is not None:
        tree = folder / ds.tree.dirname
        if not tree.is_dir():
            return None
        paths["tree"] = tree
    if announce:
        text = (
            f"Hinweis: '{ds.name}' – Testdaten im kanonischen Format (kein echter Datensatz) aus {folder} "
            f"(${ENV_FIXTURES}). Kennzahlen aus diesen Daten sind bedeutungslos."
        )
        events.notice(text)
        events.record(events.FIXTURE, ds.name, text, instead=str(folder))
    return paths

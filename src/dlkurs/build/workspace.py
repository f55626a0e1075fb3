"""The learner's workspace: student notebooks of every lesson, never overwritten.

``prepare()`` writes the student notebook of each lesson into
``<workspace>/tag<N>/``. A manifest remembers what the course wrote. On a later
call a notebook is replaced only while it is still exactly what the course
wrote; once the learner has changed it (edited, run, saved), a newer course
version is written *beside* it as ``<name>.neu-<version>.ipynb`` and reported.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

from dlkurs.lessons import Lesson, catalog
from dlkurs.build.notebook import build_notebook
from dlkurs.build.kernel import write_kernel_spec
from dlkurs.status import WorkspaceAction

MANIFEST = Path(".dlkurs") / "manifest.json"
KERNELS = Path(".dlkurs") / "jupyter" / "kernels"

CREATED, UPDATED, UNCHANGED, KEPT, BESIDE = (
    WorkspaceAction.CREATED, WorkspaceAction.UPDATED, WorkspaceAction.UNCHANGED, WorkspaceAction.KEPT, WorkspaceAction.BESIDE
)


@dataclass
class Action:
    lesson: str
    path: Path
    action: str
    beside: Path | None = None


def content_hash(nb: nbformat.NotebookNode) -> str:
    """Hash of what a learner can change: cell types, sources and outputs."""
    parts = [
        [cell.cell_type, cell.source, cell.get("outputs", [])] for cell in nb.cells
    ]
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return {}
    return {}


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def notebook_path(root: Path, lesson: Lesson) -> Path:
    return root / f"tag{lesson.day}" / f"{lesson.slug}.ipynb"


def _sync(root: Path, lesson: Lesson, manifest: dict[str, str]) -> Action:
    target = notebook_path(root, lesson)
    key = target.relative_to(root).as_posix()
    new_nb = build_notebook(lesson, "student")
    new_hash = content_hash(new_nb)
    text = nbformat.writes(new_nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        _write_atomic(target, text)
        manifest[key] = new_hash
        return Action(lesson.id, target, CREATED)
    try:
        current_hash = content_hash(nbformat.read(target, as_version=4))
    except Exception:  # unreadable: treat it as the learner's, never touch it
        current_hash = None
    written_hash = manifest.get(key)
    if current_hash == new_hash:
        manifest[key] = new_hash
        return Action(lesson.id, target, UNCHANGED)
    if current_hash is not None and current_hash == written_hash:
        _write_atomic(target, text)
        manifest[key] = new_hash
        return Action(lesson.id, target, UPDATED)
    if written_hash == new_hash:
        return Action(lesson.id, target, KEPT)
    beside = target.with_name(f"{target.stem}.neu-{new_hash[:8]}.ipynb")
    if not beside.exists():
        _write_atomic(beside, text)
    return Action(lesson.id, target, BESIDE, beside)


def prepare(root: Path, lessons: list[Lesson] | None = None) -> list[Action]:
    """Create or refresh the workspace at ``root``; return what happened per lesson."""
    root = Path(root).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(root)
    actions = [_sync(root, lesson, manifest) for lesson in (lessons or list(catalog()))]
    (root / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    write_kernel_spec(root / KERNELS)
    return actions


def jupyter_env(root: Path) -> dict[str, str]:
    """Environment for JupyterLab so that it finds the course kernel."""
    env = dict(os.environ)
    extra = str(Path(root).resolve() / KERNELS.parent)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (extra, env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return env

"""The package's layers (DESIGN.md) hold: no module imports a layer above its own.

    base (dlkurs, settings, status, lessonapi, catalog)
      -> kit, data -> scratch -> exercises -> lessons -> build -> run -> grade, publish -> cli

Every import counts, also one inside a function (a lazy import is still a
dependency) and the imports of the lesson sources (which are part of the
``lessons`` layer). Layers of equal rank (kit/data, grade/publish) do not import
each other, and ``kit`` imports nothing of dlkurs at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

BASE = {"", "settings", "status", "lessonapi", "catalog"}
RANK = {
    "kit": 1,
    "data": 1,
    "scratch": 2,
    "exercises": 3,
    "lessons": 4,
    "build": 5,
    "run": 6,
    "grade": 7,
    "publish": 7,
    "cli": 8,
    "__main__": 9,
}


def layer_of(module: str) -> str:
    """``dlkurs.run.runner`` -> ``run``; ``dlkurs`` and the basics -> their own name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def rank_of(layer: str) -> int:
    if layer in BASE:
        return 0
    if layer not in RANK:
        raise KeyError(f"module layer {layer!r} is in no layer of DESIGN.md: add it to RANK or BASE")
    return RANK[layer]


def _module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from dlkurs import run` imports the subpackage `dlkurs.run`
            if target == "dlkurs":
                found += [(node.lineno, f"dlkurs.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "dlkurs" or name.startswith("dlkurs.")]


def layer_violations(src: Path) -> list[str]:
    """Every import in ``src/dlkurs`` that goes to a higher layer or sideways between equals."""
    problems = []
    for path in sorted((src / "dlkurs").rglob("*.py")):
        module = _module_name(path, src)
        own = layer_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in _imported(tree, module, path.name == "__init__.py"):
            other = layer_of(target)
            if other == own or other in BASE:
                if own == "kit" and target != "dlkurs.kit" and not target.startswith("dlkurs.kit."):
                    problems.append(f"{path.relative_to(src)}:{line}: kit imports {target} (kit imports no dlkurs module)")
                continue
            if other not in RANK and other not in BASE:
                continue  # e.g. `from dlkurs import pick`: a name of the root package, not a layer
            if own in BASE:
                problems.append(f"{path.relative_to(src)}:{line}: the basic module {module} imports {target}")
            elif own == "kit" or rank_of(other) >= rank_of(own):
                problems.append(f"{path.relative_to(src)}:{line}: {own} imports {target} ({other} is not below {own})")
    return problems


def test_no_module_imports_a_higher_layer():
    assert layer_violations(SRC) == []


def test_every_package_belongs_to_a_layer():
    for path in (SRC / "dlkurs").iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if path.is_dir() and not (path / "__init__.py").exists():
            continue
        if path.suffix == ".py" or path.is_dir():
            rank_of("" if name == "__init__" else name)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = tmp_path / "dlkurs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "files, culprit",
    [
        ({"data/x.py": "def f():\n    from dlkurs.exercises import aufgaben\n"}, "data/x.py:2"),
        ({"exercises/y.py": "import dlkurs.build.notebook\n"}, "exercises/y.py:1"),
        ({"build/z.py": "from dlkurs.run import runner\n"}, "build/z.py:1"),
        ({"build/w.py": "from dlkurs import run\n"}, "build/w.py:1"),
        ({"lessons/tag9/l9_1.py": "from dlkurs.cli import app\n"}, "lessons/tag9/l9_1.py:1"),
        ({"grade/a.py": "from dlkurs.publish import site\n"}, "grade/a.py:1"),
        ({"kit/plots.py": "from dlkurs.data import load\n"}, "kit/plots.py:1"),
        ({"catalog.py": "from dlkurs.exercises import aufgaben\n"}, "catalog.py:1"),
        ({"exercises/lessons/l1_1.py": "from ...build import notebook\n"}, "exercises/lessons/l1_1.py:1"),
    ],
)
def test_an_upward_import_is_found(tmp_path, files, culprit):
    problems = layer_violations(_tree(tmp_path, files))
    assert len(problems) == 1 and problems[0].startswith(f"dlkurs/{culprit}"), problems


def test_downward_imports_pass(tmp_path):
    files = {
        "cli/app.py": "from dlkurs.run import runner\nfrom dlkurs import settings\n",
        "run/runner.py": "from dlkurs.build.notebook import build_notebook\nimport dlkurs\n",
        "exercises/lessons/l1_1.py": "from dlkurs.exercises import ValueExercise\nfrom dlkurs.data import load\n",
        "lessons/tag1/l1_1.py": "from dlkurs.kit import plot_history\nfrom dlkurs import pick\n",
        "kit/plots.py": "from dlkurs.kit.text import decode\n",
    }
    assert layer_violations(_tree(tmp_path, files)) == []


def test_check_modules_use_only_the_authoring_api():
    """A check module imports ``dlkurs.exercises`` (the authoring API) and, lazily, ``dlkurs.data``; no internals."""
    allowed = {"dlkurs.exercises", "dlkurs.data"}
    for path in sorted((SRC / "dlkurs" / "exercises" / "lessons").glob("l*.py")):
        module = _module_name(path, SRC)
        for line, target in _imported(ast.parse(path.read_text(encoding="utf-8")), module, False):
            assert target in allowed, f"{path.name}:{line} imports {target}; use `from dlkurs.exercises import …`"

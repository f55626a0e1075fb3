import nbformat
import pytest

from dlkurs.build import workspace
from dlkurs.lessons import get
from dlkurs.build.notebook import build_notebook


@pytest.fixture
def lessons():
    return [get("0.1"), get("1.2")]


def _edit(path, text="# meine Notiz"):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(text))
    nbformat.write(nb, path)


def test_prepare_writes_student_notebooks_and_kernel(tmp_path, lessons):
    actions = workspace.prepare(tmp_path, lessons)
    assert [a.action for a in actions] == [workspace.CREATED, workspace.CREATED]
    nb_path = tmp_path / "tag1" / "1.2_jupyter-markdown.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    assert nb.metadata["dlkurs"]["variant"] == "student"
    assert "quadratsumme = ___" in "\n".join(c.source for c in nb.cells)
    assert (tmp_path / ".dlkurs/jupyter/kernels/dlkurs/kernel.json").exists()


def test_second_prepare_changes_nothing(tmp_path, lessons):
    workspace.prepare(tmp_path, lessons)
    actions = workspace.prepare(tmp_path, lessons)
    assert {a.action for a in actions} == {workspace.UNCHANGED}


def test_learner_edit_survives_prepare(tmp_path, lessons):
    workspace.prepare(tmp_path, lessons)
    path = tmp_path / "tag1" / "1.2_jupyter-markdown.ipynb"
    _edit(path)
    before = path.read_bytes()
    actions = workspace.prepare(tmp_path, lessons)
    assert path.read_bytes() == before
    assert actions[1].action == workspace.KEPT


def _newer_course(monkeypatch):
    def newer(lesson, variant):
        nb = build_notebook(lesson, variant)
        nb.cells.append(nbformat.v4.new_markdown_cell("Neu im Kurs"))
        return nb

    monkeypatch.setattr(workspace, "build_notebook", newer)


def test_newer_course_version_goes_beside_an_edited_notebook(tmp_path, lessons, monkeypatch):
    workspace.prepare(tmp_path, lessons)
    path = tmp_path / "tag1" / "1.2_jupyter-markdown.ipynb"
    _edit(path)
    before = path.read_bytes()
    _newer_course(monkeypatch)
    actions = workspace.prepare(tmp_path, lessons)
    assert path.read_bytes() == before, "the learner's notebook must never be overwritten"
    assert actions[1].action == workspace.BESIDE
    beside = actions[1].beside
    assert beside.parent == path.parent and beside.name.startswith("1.2_jupyter-markdown.neu-")
    assert "Neu im Kurs" in beside.read_text(encoding="utf-8")
    # the unedited notebook of 0.1 was simply updated
    assert actions[0].action == workspace.UPDATED
    # running prepare again does not pile up copies
    workspace.prepare(tmp_path, lessons)
    assert len(list(path.parent.glob("1.2_*.ipynb"))) == 2


def test_unreadable_notebook_is_left_alone(tmp_path, lessons, monkeypatch):
    workspace.prepare(tmp_path, lessons)
    path = tmp_path / "tag1" / "1.2_jupyter-markdown.ipynb"
    path.write_text("{ kaputt", encoding="utf-8")
    _newer_course(monkeypatch)
    workspace.prepare(tmp_path, lessons)
    assert path.read_text(encoding="utf-8") == "{ kaputt"


def test_course_kernel_is_found_by_a_jupyterlab_started_by_hand(tmp_path, monkeypatch):
    import json
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    from dlkurs.build.kernel import install_for_jupyter

    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    folder = install_for_jupyter()
    assert folder == tmp_path / "venv" / "share" / "jupyter" / "kernels" / "dlkurs"
    specs = KernelSpecManager(kernel_dirs=[str(folder.parent)]).find_kernel_specs()
    assert "dlkurs" in specs
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert spec["env"]["TF_CPP_MIN_LOG_LEVEL"] == "3" and spec["argv"][0] == sys.executable


def test_jupyterlab_does_not_ask_learners_about_news_and_keeps_other_overrides(tmp_path, monkeypatch):
    import json
    import sys

    from dlkurs.build.kernel import quiet_jupyterlab

    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True}}))
    assert quiet_jupyterlab() == path
    saved = json.loads(path.read_text())
    assert saved["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert saved["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}
    path.write_text("{kaputt")
    assert quiet_jupyterlab() is None and path.read_text() == "{kaputt"  # not ours to repair

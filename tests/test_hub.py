"""dlkurs on a real JupyterHub on localhost: three learners, their servers, a check cell, collect.

Starts ``jupyterhub`` with the configuration ``dlkurs hub init`` writes (the
proxy ``configurable-http-proxy`` comes from npm; .ci/run installs it), logs
learners in through the Hub's REST API, spawns their servers and talks to the
kernels over the Jupyter server's websocket. Everything is stopped at the end.
Skipped with the reason when JupyterHub or the proxy is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from helpers import SHARED

from dlkurs.build import hub

pytestmark = [
    pytest.mark.skipif(shutil.which("configurable-http-proxy") is None,
                       reason="configurable-http-proxy missing (npm install -g configurable-http-proxy)"),
    pytest.mark.skipif(not Path(sys.executable).with_name("jupyterhub").exists(),
                       reason='jupyterhub missing (pip install -e ".[test]")'),
    pytest.mark.skipif(sys.platform != "linux", reason="the hub's spawner needs Linux"),
]

LEARNERS = ["Anna Ährlich", "Bernd Öz", "Çem Straße"]  # -> anna-aehrlich, bernd-oez, cem-strasse
TRAINER = "Trainerin Tür"
COURSE_PW, TRAINER_PW = "kurs-geheim", "trainer-geheim-1"
FULL_DISK = "Dora Voll"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    def __init__(self, folder: Path, port: int, proc: subprocess.Popen, log: Path):
        self.folder, self.port, self.proc, self.log = folder, port, proc, log
        self.url = f"http://127.0.0.1:{port}"
        self.tokens: dict[str, str] = {}

    def api(self, method: str, path: str, token: str | None = None, **kwargs):
        import requests

        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=30, **kwargs)

    def login(self, written: str, password: str):
        name = hub.normalize_name(written)
        return self.api("POST", f"/users/{name}/tokens",
                        json={"auth": {"username": written, "password": password}, "note": "test"})

    def spawn(self, name: str) -> None:
        r = self.api("POST", f"/users/{name}/server", self.tokens[name])
        assert r.status_code in (201, 202), (r.status_code, r.text)

    def wait_ready(self, name: str, timeout: float = 150) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            model = self.api("GET", f"/users/{name}", self.tokens["admin"]).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return server
            if not server and model.get("pending") is None and time.monotonic() > end - timeout + 5:
                raise AssertionError(f"{name}: server gone\n{self.log.read_text()[-3000:]}")
            time.sleep(0.5)
        raise AssertionError(f"{name}: server not ready after {timeout} s\n{self.log.read_text()[-3000:]}")

    def server_api(self, name: str, method: str, path: str, **kwargs):
        import requests

        return requests.request(method, f"{self.url}/user/{name}/api{path}", timeout=60,
                                headers={"Authorization": f"token {self.tokens[name]}"}, **kwargs)


class Kernel:
    """A course kernel in a learner's server, driven over the websocket (JSON messages)."""

    def __init__(self, h: Hub, name: str):
        import websocket

        r = h.server_api(name, "POST", "/kernels", json={"name": "dlkurs"})
        assert r.status_code == 201, r.text
        self.id = r.json()["id"]
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{h.port}/user/{name}/api/kernels/{self.id}/channels",
            header=[f"Authorization: token {h.tokens[name]}"], timeout=120)

    def run(self, code: str, timeout: float = 150) -> str:
        """Execute ``code``; return its text output (streams, text/plain, errors)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        out: list[str] = []
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                out.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                out.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(out)
        raise AssertionError(f"no answer within {timeout} s; so far: {''.join(out)[-500:]}")

    def close(self) -> None:
        self.ws.close()


def _stop_leftovers(folder: Path) -> None:
    """Kill single-user servers and kernels of this hub that outlived it (by pid, only ours)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"DLKURS_DATA={folder / hub.DATA}".encode() in environ:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


@pytest.fixture(scope="module")
def running_hub(tmp_path_factory):
    # not under pytest's tmp folder (0700): in mode system the learners' accounts must reach their homes
    base = Path(tempfile.mkdtemp(prefix="dlkurs-hub-test-"))
    base.chmod(0o755)
    folder = base / "kurs"
    port = _free_port()
    settings = hub.init(folder, trainer=TRAINER, course_password=COURSE_PW, trainer_password=TRAINER_PW,
                        mode="auto", mem_limit="3G", cpu_limit=1, ip="127.0.0.1", port=port)
    settings.extra = {"JupyterHub.hub_port": _free_port(),
                      "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{_free_port()}"}
    settings.save()
    hub.add_learners(folder, LEARNERS + [FULL_DISK])
    if SHARED is not None:
        report = hub.setup_data(folder, SHARED, ["mnist"])
        assert report.ok == ["mnist"], report
    else:
        hub.setup_data(folder)
    log = folder / "hub.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DLKURS_", "JUPYTER"))}
    env["DLKURS_HUB_FAIL_PREPARE"] = f"ENOSPC:{hub.normalize_name(FULL_DISK)}"
    with open(log, "w") as fh:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("jupyterhub")), "-f", str(folder / hub.CONFIG)],
                                cwd=settings.state, stdout=fh, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    h = Hub(folder, port, proc, log)
    try:
        end = time.monotonic() + 60
        while True:
            try:
                if h.api("GET", "/").status_code == 200:
                    break
            except Exception:
                pass
            if proc.poll() is not None or time.monotonic() > end:
                raise AssertionError(f"hub did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        r = h.login(TRAINER, TRAINER_PW)
        assert r.status_code == 201, r.text
        h.tokens["admin"] = r.json()["token"]
        yield h
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        _stop_leftovers(folder)
        for name in [hub.normalize_name(n) for n in LEARNERS + [FULL_DISK]]:
            for group in (Path("/sys/fs/cgroup/memory") / f"dlkurs-{name}", Path("/sys/fs/cgroup/cpu") / f"dlkurs-{name}",
                          Path("/sys/fs/cgroup/dlkurs") / name):
                try:
                    group.rmdir()
                except OSError:
                    pass
            if settings.mode == "system":
                subprocess.run(["userdel", hub.system_user(name)], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_three_learners_work_side_by_side_and_the_trainer_collects(running_hub, tmp_path):
    h = running_hub
    names = [hub.normalize_name(n) for n in LEARNERS]
    assert names == ["anna-aehrlich", "bernd-oez", "cem-strasse"]
    for written, name in zip(LEARNERS, names):
        r = h.login(written, COURSE_PW)  # the name as written, umlauts and all
        assert r.status_code == 201, r.text
        h.tokens[name] = r.json()["token"]
        h.spawn(name)
    for name in names:
        h.wait_ready(name)

    # each workspace: every student notebook of the course
    from dlkurs.lessons import catalog

    expected = {f"tag{lesson.day}/{lesson.slug}.ipynb" for lesson in catalog()}
    for name in names:
        found = {p.relative_to(h.folder / "home" / name / "dlkurs").as_posix()
                 for p in (h.folder / "home" / name / "dlkurs").glob("tag*/*.ipynb")}
        assert found == expected, name
        if hub.load_settings(h.folder).mode == "system":  # the learner's own account owns the work, home 0700
            import pwd

            st = (h.folder / "home" / name / "dlkurs" / next(iter(expected))).stat()
            assert st.st_uid == pwd.getpwnam(hub.system_user(name)).pw_uid
            assert (h.folder / "home" / name).stat().st_mode & 0o777 == 0o700
        listing = h.server_api(name, "GET", "/contents/tag1").json()
        assert any(item["name"].startswith("1.3_") for item in listing["content"])

    # each kernel: imports of lesson 1.3, then a check cell with its verdict
    kernels = {name: Kernel(h, name) for name in names}
    try:
        solution = {names[0]: 'return bilder.astype("float32") / 127.5 - 1', names[1]: "return ___",
                    names[2]: "return bilder / 255"}
        expected_verdict = {names[0]: "Richtig", names[1]: "Noch nicht bearbeitet", names[2]: "Falsch"}
        for name, k in kernels.items():
            out = k.run("import numpy as np\nimport dlkurs\nfrom dlkurs.exercises import ___, aufgaben\n"
                        "aufgabe = aufgaben('1.3')\nprint('bereit')")
            assert "bereit" in out, out
            out = k.run(f"def normalisieren(bilder):\n    {solution[name]}\n\naufgabe.normalisieren.check(normalisieren)")
            assert expected_verdict[name] in out, (name, out)
        # the data home: one for all, read-only for every learner, readable
        homes = set()
        for name, k in kernels.items():
            out = k.run(
                "import os, pathlib\nfrom dlkurs.data import data_home\nhome = data_home()\nprint('HOME', home)\n"
                "try:\n    (home / 'mnist' / 'x.txt').write_text('x')\n    print('SCHREIBBAR')\n"
                "except OSError as err:\n    print('GESCHUETZT', type(err).__name__)\n"
                "print('PROGRESS', os.environ['DLKURS_PROGRESS_DB'])")
            assert "GESCHUETZT PermissionError" in out, out
            homes.add(out.split("HOME ")[1].split()[0])
            progress = out.split("PROGRESS ")[1].split()[0]
            assert Path(progress).is_file() and name in progress, out  # own progress DB, written by the check
            if SHARED is not None:
                out = k.run("from dlkurs.data import load\n(x, y), _ = load('mnist')\nprint('FORM', x.shape)")
                assert "FORM (60000, 28, 28)" in out, out
            out = k.run("from dlkurs.data import load\nload('reuters')")  # not in the shared copy: a clear answer
            assert "DatasetNotAvailable" in out and "schreibgeschützten" in out, out
        assert homes == {str(h.folder / hub.DATA)}
        # learner A edits a notebook; B does not see it in B's own notebook and cannot reach A's
        nb_path = next(p for p in expected if "/1.3_" in p)
        model = h.server_api(names[0], "GET", f"/contents/{nb_path}").json()
        model["content"]["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": "NOTIZ VON ANNA"})
        r = h.server_api(names[0], "PUT", f"/contents/{nb_path}",
                         json={"type": "notebook", "format": "json", "content": model["content"]})
        assert r.status_code == 200, r.text
        other = h.server_api(names[1], "GET", f"/contents/{nb_path}").json()
        assert "NOTIZ VON ANNA" not in json.dumps(other["content"])
        assert h.server_api(names[1], "GET", f"/contents/../{names[0]}/dlkurs/{nb_path}").status_code in (403, 404)
        r = h.server_api(names[0], "GET", f"/contents/{nb_path}", params={"content": 1})
        assert "NOTIZ VON ANNA" in r.text
        # B's token does not open A's server
        import requests

        r = requests.get(f"{h.url}/user/{names[0]}/api/contents", timeout=30,
                         headers={"Authorization": f"token {h.tokens[names[1]]}"}, allow_redirects=False)
        assert r.status_code in (302, 403, 404), r.status_code
    finally:
        for k in kernels.values():
            k.close()

    # the server runs inside its limits (cgroup), where the machine allows it
    pid = h.api("GET", f"/users/{names[0]}", h.tokens["admin"]).json()["servers"][""]["state"].get("pid")
    if pid and Path("/sys/fs/cgroup/memory/memory.limit_in_bytes").exists():
        assert f"dlkurs-{names[0]}" in Path(f"/proc/{pid}/cgroup").read_text()

    # the trainer collects the class's notebooks in the layout `dlkurs grade` reads
    target = tmp_path / "abgaben"
    proc = subprocess.run([sys.executable, "-m", "dlkurs", "hub", "collect", str(target), "-o", str(h.folder)],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in names:
        files = {p.relative_to(target / name).as_posix() for p in (target / name).rglob("*.ipynb")}
        assert files == expected, name
    assert "NOTIZ VON ANNA" in (target / names[0] / nb_path).read_text(encoding="utf-8")
    assert "NOTIZ VON ANNA" not in (target / names[1] / nb_path).read_text(encoding="utf-8")
    assert "noch kein Arbeitsordner" in proc.stdout  # the learner whose start failed


def test_bad_input_wrong_password_unknown_name_full_disk_deleted_workspace(running_hub):
    import requests

    from dlkurs.lessons import catalog

    h = running_hub
    anna, bernd = hub.normalize_name(LEARNERS[0]), hub.normalize_name(LEARNERS[1])
    # wrong password / not on the list: refused by the API, German answer on the login page
    assert h.login(LEARNERS[0], "falsch").status_code == 403
    assert h.login("Zoe Fremd", COURSE_PW).status_code == 403
    assert h.login(TRAINER, COURSE_PW).status_code == 403  # the course password does not open the admin account
    session = requests.Session()
    page = session.get(f"{h.url}/hub/login", timeout=30)
    xsrf = session.cookies.get("_xsrf")
    r = session.post(f"{h.url}/hub/login", data={"username": "Anna Ährlich", "password": "falsch", "_xsrf": xsrf},
                     timeout=30, allow_redirects=False)
    assert page.status_code == 200 and r.status_code == 403
    assert "Anmelden zum Kurs" in page.text and "Kurspasswort:" in page.text  # the form speaks German
    assert "Das Kurspasswort stimmt nicht" in r.text
    r = session.post(f"{h.url}/hub/login", data={"username": "Zoe Fremd", "password": COURSE_PW, "_xsrf": xsrf},
                     timeout=30, allow_redirects=False)
    assert "steht nicht auf der Kursliste" in r.text and "zoe-fremd" in r.text
    # the same person, written as login name, is the same account
    r = h.login("anna-aehrlich", COURSE_PW)
    assert r.status_code == 201 and r.json()["user"] == anna

    # full disk while preparing one learner's workspace: a German message, the others run on
    dora = hub.normalize_name(FULL_DISK)
    r = h.login(FULL_DISK, COURSE_PW)
    h.tokens[dora] = r.json()["token"]
    h.api("POST", f"/users/{dora}/server", h.tokens[dora])
    end = time.monotonic() + 60
    while time.monotonic() < end:
        model = h.api("GET", f"/users/{dora}", h.tokens["admin"]).json()
        if not model.get("pending") and not model.get("servers"):
            break
        time.sleep(0.5)
    progress = requests.get(f"{h.url}/hub/api/users/{dora}/server/progress", timeout=30,
                            headers={"Authorization": f"token {h.tokens[dora]}"}).text
    assert "Festplatte des Servers ist voll" in progress, progress
    assert "Festplatte des Servers ist voll" in h.log.read_text()
    for name in (anna, bernd):
        assert h.api("GET", f"/users/{name}", h.tokens["admin"]).json()["servers"][""]["ready"]

    # Bernd deletes his workspace: it comes back on his next start; Anna's edit stays
    shutil.rmtree(h.folder / "home" / bernd / "dlkurs")
    r = h.api("DELETE", f"/users/{bernd}/server", h.tokens[bernd])
    assert r.status_code in (202, 204), r.text
    end = time.monotonic() + 60
    while h.api("GET", f"/users/{bernd}", h.tokens["admin"]).json().get("servers") and time.monotonic() < end:
        time.sleep(0.5)
    h.spawn(bernd)
    h.wait_ready(bernd)
    assert len(list((h.folder / "home" / bernd / "dlkurs").glob("tag*/*.ipynb"))) == len(list(catalog()))
    anna_nb = next((h.folder / "home" / anna / "dlkurs" / "tag1").glob("1.3_*.ipynb"))
    assert "NOTIZ VON ANNA" in anna_nb.read_text(encoding="utf-8")

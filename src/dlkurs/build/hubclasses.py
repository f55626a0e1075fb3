"""dlkurs's JupyterHub parts: the classroom authenticator, the spawner, ``configure(c, folder)``.

Imported by the ``jupyterhub_config.py`` that ``dlkurs hub init`` writes (needs
``pip install "dlkurs[hub]"``). The logic without JupyterHub lives in
:mod:`dlkurs.build.hub`.

* :class:`CourseAuthenticator`: the trainer logs in with their name and the
  trainer password (admin); a learner with a name from ``lernende.txt``
  (normalised: "Jörg Müller" and "joerg-mueller" are the same person) and the
  course password. No sign-up: names not on the list are refused, with a German
  answer on the login page.
* :class:`CourseSpawner`: before each start, prepares the learner's workspace
  as the learner (``python -m dlkurs.build.hub prepare``: the student
  notebooks of ``dlkurs start``, never overwriting the learner's edits; a
  deleted workspace is recreated); then starts ``jupyterhub-singleuser`` in it
  with the course kernel, the shared read-only data home and the learner's own
  progress database, and puts the server into a cgroup with the memory and CPU
  limits of ``kurs.json``. Mode ``system``: as system user ``dlk-<name>``
  (created on first start, home 0700); mode ``shared``: as the hub's user,
  without root's file-permission capabilities.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import pwd
import subprocess
import sys
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.handlers.login import LoginHandler
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from dlkurs.build import hub

#: Capabilities a learner's server loses in mode shared when the hub runs as root:
#: CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, LINUX_IMMUTABLE, SYS_ADMIN (mount).
_DROPPED_CAPS = (0, 1, 2, 3, 4, 9, 21)
_PR_CAPBSET_DROP = 24


class GermanLoginHandler(LoginHandler):
    """The stock login page, but a refused login says in German why."""

    def _render(self, login_error=None, username=None, **kwargs):
        if login_error:
            login_error = getattr(self, "_dlkurs_error", None) or "Anmeldung fehlgeschlagen: Name oder Passwort falsch."
        return super()._render(login_error=login_error, username=username, **kwargs)


#: The login form in German (JupyterHub renders it with the login page's context: xsrf, login_error, …).
LOGIN_FORM = """
<form action="{{ authenticator_login_url }}" method="post" role="form">
  <div class="auth-form-header"><h1>Anmelden zum Kurs</h1></div>
  <div class="auth-form-body m-auto">
    {% if login_error %}<p class="login_error">{{ login_error }}</p>{% endif %}
    <input type="hidden" name="_xsrf" value="{{ xsrf }}" />
    <label for="username_input">Dein Name (wie auf der Kursliste):</label>
    <input id="username_input" type="text" autocapitalize="off" autocorrect="off" autocomplete="username"
           class="form-control" name="username" value="{{ username or '' }}" autofocus="autofocus" />
    <label for="password_input">Kurspasswort:</label>
    <input id="password_input" type="password" class="form-control" autocomplete="current-password"
           name="password" />
    <div class="feedback-container">
      <input id="login_submit" type="submit" class="btn btn-jupyter form-control" value="Anmelden" tabindex="3" />
    </div>
  </div>
</form>
"""


class CourseAuthenticator(Authenticator):
    """A class list and one course password; the trainer has their own password and is admin."""

    hub_folder = Unicode(help="The dlkurs hub folder (kurs.json, lernende.txt).").tag(config=True)

    def get_custom_html(self, base_url):
        return self.custom_html or LOGIN_FORM

    def _settings(self) -> hub.HubSettings:
        return hub.load_settings(self.hub_folder)

    def normalize_username(self, username):
        try:
            return hub.normalize_name(username)
        except hub.HubError:
            return str(username).strip().lower()

    def check_allowed(self, username, authentication=None):
        settings = self._settings()
        return username == settings.trainer or username in hub.read_learners(settings.folder)

    async def authenticate(self, handler, data):
        written = (data or {}).get("username", "")
        password = (data or {}).get("password", "")
        error = self._check(written, password)
        if error:
            if handler is not None:
                handler._dlkurs_error = error
            self.log.warning("Anmeldung abgelehnt für %r: %s", written[:40], error)
            return None
        name = hub.normalize_name(written)
        return {"name": name, "admin": name == self._settings().trainer}

    def _check(self, written: str, password: str) -> str | None:
        """None when the login is good, else the German answer for the login page."""
        try:
            name = hub.normalize_name(written)
        except hub.HubError as err:
            return str(err)
        settings = self._settings()
        if name == settings.trainer:
            return None if hub.check_password(password, settings.trainer_hash) else \
                "Das Passwort stimmt nicht (Trainer-Konto)."
        try:
            learners = hub.read_learners(settings.folder)
        except hub.HubError as err:
            return f"Die Kursliste hat einen Fehler – bitte der Trainerin/dem Trainer sagen: {err}"
        if name not in learners:
            return (f"„{written}“ (Anmeldename {name}) steht nicht auf der Kursliste. Bitte den Namen so schreiben, "
                    "wie ihn die Trainerin/der Trainer eingetragen hat, oder nachtragen lassen.")
        if not hub.check_password(password, settings.course_hash):
            return "Das Kurspasswort stimmt nicht. Es steht an der Tafel oder kommt von der Trainerin/dem Trainer."
        return None

    def get_handlers(self, app):
        return [("/login", GermanLoginHandler)]


class PrepareFailed(Exception):
    """Workspace preparation failed; ``jupyterhub_message`` is shown on the learner's spawn page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.jupyterhub_message = message


def _drop_file_capabilities() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DROPPED_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) fehlgeschlagen")


class CourseSpawner(LocalProcessSpawner):
    """LocalProcessSpawner for the course: workspace prepared before each start, limits, shared data."""

    hub_folder = Unicode(help="The dlkurs hub folder (kurs.json).").tag(config=True)

    @property
    def settings(self) -> hub.HubSettings:
        return hub.load_settings(self.hub_folder)

    # -- who the server runs as --------------------------------------------------------

    def _mode(self) -> str:
        return self.settings.mode

    def _account(self) -> str:
        return hub.system_user(self.user.name)

    def _home(self) -> Path:
        return self.settings.home_of(self.user.name)

    def make_preexec_fn(self, name):
        if self._mode() == "system":
            return set_user_setuid(self._account())
        home = str(self._home())
        drop = os.geteuid() == 0

        def preexec():
            if drop:
                _drop_file_capabilities()
            os.chdir(home)

        return preexec

    def user_env(self, env):
        env["USER"] = self.user.name
        env["HOME"] = str(self._home())
        env["SHELL"] = "/bin/bash"
        return env

    def get_env(self):
        env = super().get_env()
        env.update(hub.learner_env(self.settings, self.user.name, self._home()))
        env["MEM_LIMIT"] = str(hub.parse_size(self.settings.mem_limit))
        env["CPU_LIMIT"] = str(self.settings.cpu_limit)
        return env

    def _ensure_account(self) -> None:
        """Mode system: create ``dlk-<name>`` with its home in the hub folder (0700) on first start."""
        home = self._home()
        account = self._account()
        try:
            pwd.getpwnam(account)
        except KeyError:
            self.log.info("Lege Systemkonto %s an (Home %s)", account, home)
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                            "--user-group", account], check=True, capture_output=True, text=True)
        entry = pwd.getpwnam(account)
        home.mkdir(parents=True, exist_ok=True)
        st = home.stat()
        if (st.st_uid, st.st_gid) != (entry.pw_uid, entry.pw_gid):
            os.chown(home, entry.pw_uid, entry.pw_gid)
        os.chmod(home, 0o700)

    def _prepare(self) -> None:
        """Run the workspace preparation as the learner; raise PrepareFailed with its German message."""
        if self._mode() == "system":
            self._ensure_account()
        else:
            self._home().mkdir(parents=True, exist_ok=True)
        env = self.get_env()
        workspace = env["DLKURS_WORKSPACE"]
        if os.environ.get("DLKURS_HUB_FAIL_PREPARE") == f"ENOSPC:{self.user.name}":  # tests: a full disk
            env["DLKURS_HUB_FAIL_PREPARE"] = "ENOSPC"
        proc = subprocess.run([sys.executable, "-m", "dlkurs.build.hub", "prepare", workspace],
                              env=env, preexec_fn=self.make_preexec_fn(self.user.name),
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            message = (proc.stderr.strip().splitlines() or ["Unbekannter Fehler beim Einrichten."])[-1]
            self.log.error("Arbeitsordner für %s nicht eingerichtet: %s", self.user.name, proc.stderr.strip())
            raise PrepareFailed(message)
        self.log.info("%s: %s", self.user.name, proc.stdout.strip())

    async def start(self):
        settings = self.settings
        self.notebook_dir = str(settings.workspace_of(self.user.name))
        self.mem_limit = hub.parse_size(settings.mem_limit)
        self.cpu_limit = float(settings.cpu_limit)
        await asyncio.get_running_loop().run_in_executor(None, self._prepare)
        if settings.mode == "shared" and os.geteuid() == 0 and "--ServerApp.allow_root=True" not in self.args:
            self.args = [*self.args, "--ServerApp.allow_root=True"]  # uid 0, but without its file capabilities
        result = await super().start()
        done = hub.apply_limits(self.pid, self.user.name, hub.parse_size(settings.mem_limit), settings.cpu_limit)
        if done:
            self.log.info("Grenzen für %s: %s, %.1f CPU (%s)", self.user.name, settings.mem_limit,
                          settings.cpu_limit, done)
        else:
            self.log.warning("Grenzen für %s nicht durchgesetzt (keine beschreibbaren cgroups); "
                             "nur angekündigt über MEM_LIMIT/CPU_LIMIT.", self.user.name)
        return result


def configure(c, folder) -> None:
    """Fill JupyterHub's config object ``c`` from the hub folder (called by jupyterhub_config.py)."""
    settings = hub.load_settings(folder)
    hub.read_learners(settings.folder)  # a broken class list stops the start with its German line
    state = settings.state
    c.JupyterHub.authenticator_class = CourseAuthenticator
    c.CourseAuthenticator.hub_folder = str(settings.folder)
    c.Authenticator.admin_users = {settings.trainer}
    c.Authenticator.allowed_users = {settings.trainer, *hub.read_learners(settings.folder)}
    c.JupyterHub.spawner_class = CourseSpawner
    c.CourseSpawner.hub_folder = str(settings.folder)
    c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 120
    c.Spawner.args = ["--ServerApp.log_level=WARN"]
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    for key, value in settings.extra.items():  # expert settings: {"Spawner.start_timeout": 300}
        section, _, attr = key.partition(".")
        setattr(getattr(c, section), attr, value)

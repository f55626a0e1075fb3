"""dlkurs on JupyterHub: one server, a whole class, nothing installed on the laptops.

This module holds the logic that needs no JupyterHub (names, passwords, the
hub folder, the shared data home, preparing a learner's workspace, collecting
notebooks, resource limits); :mod:`dlkurs.build.hubclasses` plugs it into
JupyterHub (authenticator, spawner, ``configure(c, folder)``).

The hub folder (``dlkurs hub init ORDNER``)::

    ORDNER/kurs.json             settings: trainer, password hashes, limits, mode (mode 0600)
    ORDNER/lernende.txt          the class list: one learner per line, as the trainer writes names
    ORDNER/jupyterhub_config.py  two lines: configure(c, ORDNER)
    ORDNER/daten/                ONE shared, verified, read-only data home ($DLKURS_DATA of every learner)
    ORDNER/home/<name>/          learners' homes; the workspace is home/<name>/dlkurs
    ORDNER/state/                JupyterHub's database, cookie secret, logs

Learner names are normalised to a login name: ``"Jörg Müller"`` ->
``joerg-mueller`` (umlauts spelled out, accents dropped, everything else a
hyphen). In mode ``system`` each learner's server runs as the system user
``dlk-<name>`` (created on first start); in mode ``shared`` all servers run as
the hub's own user, without the capabilities that let root ignore file
permissions (the data home stays read-only, but learners are not separated
from each other by the operating system). See docs/hub.md.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

SETTINGS = "kurs.json"
LEARNERS = "lernende.txt"
CONFIG = "jupyterhub_config.py"
DATA = "daten"
HOMES = "home"
STATE = "state"
WORKSPACE = "dlkurs"  # the workspace folder inside a learner's home
SYSTEM_PREFIX = "dlk-"
DATA_OWNER = "dlkurs-daten"
MODES = ("system", "shared")
MAX_NAME = 28  # system user names may have 32 characters; "dlk-" takes four

#: Default limits per learner server, from tools/hub_capacity.py on 2 cores / 24 GB (docs/hub.md):
#: one training kernel peaks at ~1.4 GB RSS; JupyterLab and a second idle kernel need ~0.6 GB more.
DEFAULT_MEM = "2G"
DEFAULT_CPUS = 1.0

_SPELLED = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "å": "aa", "ł": "l", "đ": "d"}


class HubError(Exception):
    """A problem the trainer or learner can fix; the message is German and names the remedy."""


# ---- names ---------------------------------------------------------------------


def normalize_name(name: str) -> str:
    """The login name of a learner: ``"Jörg Müller"`` -> ``"joerg-mueller"``.

    Lower case, German umlauts and ß spelled out, other accents dropped, every
    other run of characters a single hyphen, at most 28 characters. Raises
    HubError when nothing usable is left (e.g. only punctuation or emoji).
    """
    text = unicodedata.normalize("NFC", str(name)).strip().lower()
    text = "".join(_SPELLED.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:MAX_NAME].rstrip("-")
    if not text or not text[0].isalnum():
        raise HubError(f"Aus dem Namen „{name}“ lässt sich kein Anmeldename bilden. "
                       "Bitte einen Namen mit Buchstaben oder Ziffern verwenden.")
    return text


def system_user(name: str) -> str:
    """The system account of a learner in mode ``system``: ``dlk-<name>``."""
    return SYSTEM_PREFIX + name


# ---- passwords -------------------------------------------------------------------

_ITERATIONS = 200_000


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _ITERATIONS)
    return "pbkdf2-sha256${}${}${}".format(_ITERATIONS, base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, rounds, salt, digest = stored.split("$")
        if scheme != "pbkdf2-sha256":
            return False
        actual = hashlib.pbkdf2_hmac("sha256", str(password).encode("utf-8"), base64.b64decode(salt), int(rounds))
        return hmac.compare_digest(actual, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


# ---- sizes -----------------------------------------------------------------------


def parse_size(text: str | int) -> int:
    """``"2G"`` -> bytes (K, M, G, T; powers of 1024). Raises HubError on nonsense."""
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([kmgt]?)i?b?\s*", str(text).lower())
    if not match:
        raise HubError(f"Unbekannte Speichergröße „{text}“. Beispiele: 2G, 1500M.")
    number = float(match.group(1).replace(",", "."))
    return int(number * 1024 ** " kmgt".index(match.group(2) or " "))


# ---- the hub folder ----------------------------------------------------------------


@dataclass
class HubSettings:
    folder: Path
    trainer: str
    course_hash: str
    trainer_hash: str
    mode: str = "system"
    mem_limit: str = DEFAULT_MEM
    cpu_limit: float = DEFAULT_CPUS
    ip: str = ""
    port: int = 8000
    extra: dict = field(default_factory=dict)

    @property
    def data_home(self) -> Path:
        return self.folder / DATA

    @property
    def homes(self) -> Path:
        return self.folder / HOMES

    @property
    def state(self) -> Path:
        return self.folder / STATE

    def home_of(self, name: str) -> Path:
        return self.homes / name

    def workspace_of(self, name: str) -> Path:
        return self.home_of(name) / WORKSPACE

    def save(self) -> None:
        data = asdict(self)
        data.pop("folder")
        path = self.folder / SETTINGS
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
        os.replace(tmp, path)


def load_settings(folder: os.PathLike) -> HubSettings:
    folder = Path(folder).expanduser().resolve()
    path = folder / SETTINGS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HubError(f"{folder} ist kein Hub-Ordner ({SETTINGS} fehlt). Zuerst: dlkurs hub init {folder}") from None
    except (OSError, ValueError) as err:
        raise HubError(f"{path} ist nicht lesbar ({err}). Ggf. mit dlkurs hub init neu anlegen.") from None
    return HubSettings(folder=folder, **data)


def python_reachable_by_others(executable: str | None = None) -> str | None:
    """None when any user can run this Python and its packages, else the path that blocks them."""
    paths = [Path(executable or sys.executable), Path(sys.prefix), *[Path(p) for p in sys.path if p]]
    for path in paths:
        try:
            real = path.resolve()
        except OSError:
            continue
        for part in [real, *real.parents]:
            try:
                mode = part.stat().st_mode
            except OSError:
                continue
            if part.is_dir() and not mode & 0o001:
                return str(part)
    return None


def init(folder: os.PathLike, *, trainer: str, course_password: str, trainer_password: str, mode: str = "auto",
         mem_limit: str = DEFAULT_MEM, cpu_limit: float = DEFAULT_CPUS, ip: str = "", port: int = 8000) -> HubSettings:
    """Create (or re-create the settings of) a hub folder; learners and data stay as they are."""
    folder = Path(folder).expanduser().resolve()
    trainer_name = normalize_name(trainer)
    if len(course_password) < 6:
        raise HubError("Das Kurspasswort braucht mindestens 6 Zeichen.")
    if len(trainer_password) < 8:
        raise HubError("Das Passwort der Trainerin/des Trainers braucht mindestens 8 Zeichen.")
    if course_password == trainer_password:
        raise HubError("Kurspasswort und Trainer-Passwort müssen verschieden sein, sonst ist jede Person Admin.")
    if mode == "auto":
        mode = "system" if _is_root() and python_reachable_by_others() is None and _closed_parent(folder) is None \
            else "shared"
    if mode not in MODES:
        raise HubError(f"Unbekannter Modus „{mode}“. Erlaubt: system, shared.")
    if mode == "system":
        if not _is_root():
            raise HubError("Modus system legt für jede Person ein Systemkonto an und braucht root. "
                           "Als root starten oder --modus shared wählen.")
        blocker = python_reachable_by_others()
        if blocker:
            raise HubError(f"Modus system: Die Lernenden können Python/dlkurs nicht starten, weil {blocker} für andere "
                           "Konten gesperrt ist. dlkurs in ein für alle lesbares venv installieren (z. B. "
                           "/opt/dlkurs, siehe docs/hub.md) oder --modus shared wählen.")
        closed = _closed_parent(folder)
        if closed is not None:
            raise HubError(f"Modus system: {closed} ist für andere Konten gesperrt, die Lernenden kämen nicht an ihre "
                           "Arbeitsordner. Einen Hub-Ordner wie /srv/dlkurs wählen (oder chmod o+x auf den Ordner).")
    mem = parse_size(mem_limit)
    if mem < 512 * 2**20:
        raise HubError(f"Speichergrenze {mem_limit} ist zu klein: ein Kernel mit Keras braucht über 1 GB.")
    if not 0.1 <= float(cpu_limit) <= (os.cpu_count() or 1):
        raise HubError(f"CPU-Grenze {cpu_limit} passt nicht zu diesem Rechner ({os.cpu_count()} Kerne).")
    try:
        for sub in (folder, folder / HOMES, folder / STATE, folder / DATA):
            sub.mkdir(parents=True, exist_ok=True)
        os.chmod(folder / STATE, 0o700)
        for sub in (folder, folder / HOMES):
            os.chmod(sub, 0o755)
        settings = HubSettings(folder, trainer_name, hash_password(course_password), hash_password(trainer_password),
                               mode, str(mem_limit), float(cpu_limit), ip, int(port))
        settings.save()
        (folder / CONFIG).write_text(config_text(folder), encoding="utf-8")
        learners = folder / LEARNERS
        if not learners.exists():
            learners.write_text("# Eine Person pro Zeile, z. B.: Jörg Müller\n", encoding="utf-8")
    except OSError as err:
        raise HubError(f"Der Hub-Ordner {folder} lässt sich nicht anlegen ({err.strerror or err}). "
                       "Einen anderen Ordner wählen oder als root ausführen.") from None
    return settings


def config_text(folder: Path) -> str:
    return (
        "# JupyterHub configuration written by `dlkurs hub init`; settings live in kurs.json.\n"
        "# Start with: dlkurs hub start " + str(folder) + "\n"
        "from dlkurs.build.hubclasses import configure\n\n"
        f"configure(c, {str(folder)!r})  # noqa: F821 (c is JupyterHub's config object)\n"
    )


# ---- the class list ------------------------------------------------------------------


def read_learners(folder: os.PathLike) -> dict[str, str]:
    """{login name: name as written} from ``lernende.txt`` (comments and blank lines skipped).

    Raises HubError when two lines give the same login name.
    """
    path = Path(folder) / LEARNERS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    learners: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        written = line.strip()
        if not written or written.startswith("#"):
            continue
        try:
            name = normalize_name(written)
        except HubError as err:
            raise HubError(f"{path}, Zeile {number}: {err}") from None
        if name in learners:
            raise HubError(f"{path}, Zeile {number}: „{written}“ und „{learners[name]}“ ergeben beide den "
                           f"Anmeldenamen {name}. Einen der beiden unterscheidbar schreiben (z. B. mit Initial).")
        learners[name] = written
    return learners


def add_learners(folder: os.PathLike, names: list[str]) -> list[tuple[str, str, bool]]:
    """Append names to the class list; return (written, login name, new?) for each."""
    settings = load_settings(folder)
    current = read_learners(settings.folder)
    result, new_lines = [], []
    for written in names:
        written = written.strip()
        name = normalize_name(written)
        if name == settings.trainer:
            raise HubError(f"„{written}“ ergibt den Anmeldenamen der Trainerin/des Trainers ({name}). "
                           "Bitte anders schreiben.")
        if name in current:
            if current[name] != written:
                raise HubError(f"„{written}“ ergibt den Anmeldenamen {name}, den schon „{current[name]}“ hat. "
                               "Einen der beiden unterscheidbar schreiben (z. B. mit Initial).")
            result.append((written, name, False))
            continue
        current[name] = written
        new_lines.append(written)
        result.append((written, name, True))
    if new_lines:
        path = settings.folder / LEARNERS
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(line + "\n" for line in new_lines), encoding="utf-8")
    return result


# ---- the shared data home -----------------------------------------------------------------


@dataclass
class DataReport:
    ok: list[str]
    missing: list[str]
    problems: list[str]
    read_only: bool
    owner: str


def _walk_fix_modes(root: Path, uid: int | None, gid: int | None) -> None:
    """Directories 0755, files 0644, owned by ``uid`` (when given); unchanged entries keep their ctime."""
    for dirpath, dirnames, filenames in os.walk(root):
        for entry in [dirpath, *(os.path.join(dirpath, f) for f in filenames)]:
            st = os.lstat(entry)
            if os.path.islink(entry):
                continue
            wanted = 0o755 if os.path.isdir(entry) else 0o644
            if (st.st_mode & 0o7777) != wanted:
                os.chmod(entry, wanted)
            if uid is not None and (st.st_uid, st.st_gid) != (uid, gid):
                os.chown(entry, uid, gid)


def _data_owner() -> tuple[int, int] | tuple[None, None]:
    """uid/gid of the account that owns the shared data home (created when root)."""
    if not _is_root():
        return None, None
    import pwd

    try:
        entry = pwd.getpwnam(DATA_OWNER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", DATA_OWNER],
                       check=True, capture_output=True)
        entry = pwd.getpwnam(DATA_OWNER)
    return entry.pw_uid, entry.pw_gid


def setup_data(folder: os.PathLike, source: os.PathLike | None = None, datasets: list[str] | None = None) -> DataReport:
    """Import course data into the hub's data home (when ``source`` is given), verify it once, make it read-only.

    Verifying writes each dataset's state file with the fingerprints the files
    have *after* their modes were fixed, so a learner's kernel finds everything
    verified without writing. IMDB's derived sequences are built once here for
    the same reason. Owner: the account ``dlkurs-daten`` (when run as root), so
    no learner server, not even one running as root without capabilities
    (mode shared), can write or chmod it.
    """
    return prepare_data_home(load_settings(folder).data_home, source, datasets)


def prepare_data_home(home: Path, source: os.PathLike | None = None, datasets: list[str] | None = None) -> DataReport:
    """:func:`setup_data` for any folder (also used when building the Kubernetes image)."""
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    old = os.environ.get("DLKURS_DATA")
    os.environ["DLKURS_DATA"] = str(home)
    try:
        from dlkurs import data
        from dlkurs.data import DATASETS, DataHome
        from dlkurs.status import DataState

        if source is not None:
            data.import_data(Path(source), datasets)
        uid, gid = _data_owner()
        _walk_fix_modes(home, uid, gid)
        store = DataHome(home)
        ok, missing, problems = [], [], []
        for ds in DATASETS:
            if ds.embedded:
                continue
            status = store.check(ds)
            if status.ok:
                ok.append(ds.name)
            elif all(s.state == DataState.MISSING for s in status.items):
                missing.append(ds.name)
            else:
                problems.append(f"{ds.name}: " + "; ".join(str(p) for p in status.problems))
        if "imdb" in ok:
            data.imdb_sequences(num_words=100)  # builds and caches the derived sequences once
        _walk_fix_modes(home, uid, gid)  # state files and the derived cache written just now
        for ds in DATASETS:  # fingerprints after the last chmod/chown
            if ds.name in ok:
                store.check(ds)
        _walk_fix_modes(home, uid, gid)
    finally:
        if old is None:
            os.environ.pop("DLKURS_DATA", None)
        else:
            os.environ["DLKURS_DATA"] = old
    owner = DATA_OWNER if uid is not None else (os.environ.get("USER") or str(os.getuid()))
    return DataReport(ok, missing, problems, read_only=uid is not None, owner=owner)


# ---- a learner's workspace --------------------------------------------------------------


def learner_env(settings: HubSettings, name: str, home: Path) -> dict[str, str]:
    """What a learner's server and kernels need: workspace, shared data, own progress DB, course kernel."""
    workspace = home / WORKSPACE
    return {
        "DLKURS_WORKSPACE": str(workspace),
        "DLKURS_DATA": str(settings.data_home),
        "DLKURS_OFFLINE": "1",
        "DLKURS_PROGRESS_DB": str(home / ".local" / "state" / "dlkurs" / "progress.sqlite"),
        "JUPYTER_PATH": str(workspace / ".dlkurs" / "jupyter"),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "DLKURS_HUB_USER": name,
    }


def prepare_message(workspace: Path, err: OSError) -> str:
    """German one-liner for a workspace that could not be prepared."""
    if err.errno == errno.ENOSPC:
        return (f"Dein Arbeitsordner {workspace} konnte nicht eingerichtet werden: Die Festplatte des Servers ist voll. "
                "Bitte der Trainerin/dem Trainer Bescheid geben (Platz schaffen, dann den Server neu starten). "
                "Die Arbeit der anderen ist davon nicht betroffen.")
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Dein Arbeitsordner {workspace} ist nicht beschreibbar ({err.strerror}). "
                "Bitte der Trainerin/dem Trainer Bescheid geben.")
    return (f"Dein Arbeitsordner {workspace} konnte nicht eingerichtet werden ({err.strerror or err}). "
            "Bitte der Trainerin/dem Trainer Bescheid geben.")


def prepare_workspace(workspace: Path) -> str:
    """Run ``dlkurs start``'s preparation (never overwrites a learner's notebook); return a summary line."""
    from dlkurs.build import workspace as ws

    actions = ws.prepare(workspace)
    counts: dict[str, int] = {}
    for action in actions:
        counts[str(action.action)] = counts.get(str(action.action), 0) + 1
    return f"{len(actions)} Notebooks in {workspace}: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items()))


def _prepare_main(argv: list[str]) -> int:
    """``python -m dlkurs.build.hub prepare WORKSPACE``: what the spawner runs as the learner before the server.

    ``python -m dlkurs.build.hub data HOME [SOURCE]``: :func:`prepare_data_home` (the container image's build).
    """
    if len(argv) in (2, 3) and argv[0] == "data":
        sources: list[Path | None] = [Path(argv[2])] if len(argv) == 3 else [None]
        if sources[0] is not None and sources[0].is_dir() and list(sources[0].glob("*.zip")):
            sources = sorted(sources[0].glob("*.zip"))  # bundles from `dlkurs data export`
        for source in sources:
            report = prepare_data_home(Path(argv[1]), source)
        print(f"Geprüft: {', '.join(report.ok) or '-'}; fehlt: {', '.join(report.missing) or '-'}")
        for line in report.problems:
            print(f"Beschädigt: {line}", file=sys.stderr)
        return 1 if report.problems else 0
    if len(argv) != 2 or argv[0] != "prepare":
        print("Aufruf: python -m dlkurs.build.hub prepare ARBEITSORDNER | data DATENORDNER [QUELLE]", file=sys.stderr)
        return 2
    workspace = Path(argv[1])
    try:
        if os.environ.get("DLKURS_HUB_FAIL_PREPARE") == "ENOSPC":  # lets a test simulate a full disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(workspace))
        print(prepare_workspace(workspace))
    except OSError as err:
        print(prepare_message(workspace, err), file=sys.stderr)
        return 1
    return 0


# ---- limits ---------------------------------------------------------------------------------

_CGROUP = Path("/sys/fs/cgroup")


def apply_limits(pid: int, name: str, mem_bytes: int, cpus: float) -> str | None:
    """Put process ``pid`` (and so every kernel it starts later) into a cgroup with memory and CPU limits.

    cgroup v2 (unified, with the memory controller) first, else cgroup v1's
    memory and cpu hierarchies. Returns a description of what was set, or None
    when no cgroup could be written (not root, no cgroup file system): then the
    limits are only announced to the server, not enforced.
    """
    group = f"dlkurs-{name}"
    try:
        if (_CGROUP / "cgroup.controllers").exists() and "memory" in (_CGROUP / "cgroup.controllers").read_text():
            base = _CGROUP / "dlkurs"
            base.mkdir(exist_ok=True)
            (base / "cgroup.subtree_control").write_text("+memory +cpu")
            path = base / name
            path.mkdir(exist_ok=True)
            (path / "memory.max").write_text(str(mem_bytes))
            (path / "memory.swap.max").write_text("0")
            (path / "cpu.max").write_text(f"{int(cpus * 100000)} 100000")
            (path / "cgroup.procs").write_text(str(pid))
            return f"cgroup v2 {path}"
        memory, cpu = _CGROUP / "memory", _CGROUP / "cpu"
        if not (memory / "memory.limit_in_bytes").exists():
            return None
        mem_dir = memory / group
        mem_dir.mkdir(exist_ok=True)
        (mem_dir / "memory.limit_in_bytes").write_text(str(mem_bytes))
        (mem_dir / "cgroup.procs").write_text(str(pid))
        done = f"cgroup v1 {mem_dir}"
        if (cpu / "cpu.cfs_quota_us").exists():
            cpu_dir = cpu / group
            cpu_dir.mkdir(exist_ok=True)
            (cpu_dir / "cpu.cfs_period_us").write_text("100000")
            (cpu_dir / "cpu.cfs_quota_us").write_text(str(int(cpus * 100000)))
            (cpu_dir / "cgroup.procs").write_text(str(pid))
            done += f", {cpu_dir}"
        return done
    except OSError:
        return None


def memory_peak(name: str) -> int | None:
    """Peak memory (bytes) of a learner's cgroup, when one was set up."""
    for path in (_CGROUP / "dlkurs" / name / "memory.peak", _CGROUP / "memory" / f"dlkurs-{name}" / "memory.max_usage_in_bytes"):
        try:
            return int(path.read_text())
        except (OSError, ValueError):
            continue
    return None


# ---- collecting the class's notebooks ----------------------------------------------------------


@dataclass
class Collected:
    learner: str
    notebooks: int
    problem: str | None = None


def collect(folder: os.PathLike, target: os.PathLike) -> list[Collected]:
    """Copy every learner's notebooks into ``target/<login name>/`` (the layout ``dlkurs grade`` reads).

    Copies the ``.ipynb`` files of each workspace with their day folders
    (``tag1/l1_3_tensoren.ipynb``), without checkpoints, course copies placed
    beside an edited notebook (``*.neu-*.ipynb``) or hidden folders. Learners
    on the class list without a workspace yet get an entry with a problem.
    A learner's folder in ``target`` is replaced as a whole (a fresh snapshot).
    """
    settings = load_settings(folder)
    target = Path(target).expanduser().resolve()
    names = dict(read_learners(settings.folder))
    if settings.homes.is_dir():
        for home in sorted(settings.homes.iterdir()):
            if home.is_dir() and home.name != settings.trainer:
                names.setdefault(home.name, home.name)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise HubError(f"Der Zielordner {target} lässt sich nicht anlegen ({err.strerror or err}).") from None
    result = []
    for name in sorted(names):
        workspace = settings.workspace_of(name)
        if not workspace.is_dir():
            result.append(Collected(name, 0, "noch kein Arbeitsordner (nie angemeldet?)"))
            continue
        dest = target / name
        staging = target / f".{name}.neu"
        shutil.rmtree(staging, ignore_errors=True)
        count = 0
        try:
            for path in sorted(workspace.rglob("*.ipynb")):
                rel = path.relative_to(workspace)
                if any(part.startswith(".") for part in rel.parts) or ".neu-" in path.name:
                    continue
                out = staging / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out)
                count += 1
            staging.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(dest, ignore_errors=True)
            os.rename(staging, dest)
        except OSError as err:
            shutil.rmtree(staging, ignore_errors=True)
            result.append(Collected(name, 0, f"nicht kopiert: {err.strerror or err}"))
            continue
        result.append(Collected(name, count))
    return result


def _closed_parent(folder: Path) -> Path | None:
    """The first existing folder on the way to ``folder`` that other accounts cannot pass, if any."""
    return next((p for p in [folder, *folder.parents] if p.exists() and not p.stat().st_mode & 0o001), None)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


if __name__ == "__main__":
    raise SystemExit(_prepare_main(sys.argv[1:]))

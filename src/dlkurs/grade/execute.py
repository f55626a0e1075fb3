"""Grade one learner's notebook: run it in a sandboxed kernel, judge the values it produced.

The learner's cells run one by one in a fresh kernel started by
:mod:`dlkurs.grade.launch` (own user, no network, memory and file-size limits,
a scratch folder as home and working directory). After every cell the grader
asks the kernel-side agent (:mod:`dlkurs.grade.agent`) for the answers checked
in it, reads them as plain data (:mod:`dlkurs.grade.wire`) and judges them
*here*, with the exercises' own ``evaluate``. A learner's function is called
inside the kernel on the checker's inputs (:class:`RemoteFunction`); the
comparison with the reference happens here. Nothing the notebook prints or
stores decides a verdict: outputs are only compared with the verdicts, to flag
notebooks whose outputs claim more than they earned.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import shutil
import signal
import stat
import sys
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlkurs.exercises.verdict import FALSCH, NICHT_BEARBEITET, RICHTIG
from dlkurs.grade import wire

KERNEL = "dlkurs-grade"
#: how the grader reaches its agent in the kernel (survives ``del`` and ``%reset`` of the learner's names)
AGENT = "__import__('dlkurs.grade.agent').grade.agent"
#: statuses of a whole notebook
DONE, CRASHED, TIMED_OUT, UNREADABLE, NO_LESSON = "fertig", "abgestürzt", "Zeitlimit", "unlesbar", "Lektion unbekannt"


@dataclass
class Limits:
    """What one notebook may use. Times left ``None`` follow the lesson's budget (:meth:`for_lesson`)."""

    notebook_seconds: float | None = None
    cell_seconds: float | None = None
    memory_mb: int = 4096
    file_mb: int = 512
    processes: int = 512
    startup_seconds: float = 120.0

    #: a learner's notebook may take this many times the lesson's budget (the course's own solution run)
    BUDGET_FACTOR = 3.0

    def for_lesson(self, lesson_id: str | None, profile: str) -> Limits:
        """These limits with the open times filled in from the lesson's budget (at least 2 minutes)."""
        from dataclasses import replace

        from dlkurs import catalog

        budget = 600.0
        lesson = catalog.find(lesson_id) if lesson_id else None
        if lesson is not None:
            try:
                budget = max(120.0, self.BUDGET_FACTOR * lesson.budget_for(profile))
            except (KeyError, ValueError):
                pass
        notebook = self.notebook_seconds or budget
        return replace(self, notebook_seconds=notebook, cell_seconds=self.cell_seconds or notebook)


@dataclass
class Isolation:
    """What this machine allows (from :func:`dlkurs.grade.launch.probe`)."""

    network: str | None = None
    user: bool = False
    filesystem: bool = False

    @classmethod
    def detect(cls) -> Isolation:
        from dlkurs.grade.launch import probe

        found = probe()
        return cls(network=found.get("network"), user=bool(found.get("user")), filesystem=bool(found.get("mount")))

    @classmethod
    def none(cls) -> Isolation:
        return cls()

    def to_json(self) -> dict:
        return dict(self.__dict__)

    def notes(self) -> list[str]:
        """German lines for the report header: what is and is not guaranteed."""
        lines = []
        if self.network:
            lines.append("Netzwerk: gesperrt – jedes Notebook lief in einem eigenen, leeren Netzwerk-Namensraum.")
        else:
            lines.append("Netzwerk: NICHT gesperrt – dieses System erlaubt keinen eigenen Netzwerk-Namensraum; "
                         "die Notebooks hätten auf das Netz zugreifen können.")
        if self.filesystem:
            lines.append("Dateien: geschützt – jedes Notebook sah das System nur lesend, schreiben konnte es nur in "
                         "seinem eigenen Arbeitsordner; Ausgabeordner, Einreichungen, das Home-Verzeichnis der Bewertung und /tmp waren ausgeblendet.")
        elif self.user:
            lines.append("Dateien: jedes Notebook lief als eigener Benutzer und konnte nur in seinem Arbeitsordner schreiben "
                         "(lesen konnte es, was für alle lesbar ist).")
        else:
            lines.append("Dateien: NICHT geschützt – dieses System erlaubt weder einen eigenen Datei-Namensraum noch einen "
                         "eigenen Benutzer; die Notebooks liefen mit den Rechten der Bewertung.")
        return lines


@dataclass
class Job:
    """One notebook of one learner."""

    key: str
    learner: str
    notebook: str  # path of the submitted file
    folder: str | None  # the learner's folder (copied as working directory), or None
    uid: int
    lesson: str | None = None


@dataclass
class Outcome:
    """The grade of one notebook (stored as JSON in the output folder)."""

    key: str
    learner: str
    notebook: str
    lesson: str | None
    status: str = DONE
    reason: str = ""
    seconds: float = 0.0
    verdicts: dict[str, dict] = field(default_factory=dict)  # exercise -> {status, message, points}
    flags: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # cell errors, time-outs, crashes
    digest: str = ""

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict) -> Outcome:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


# -- the lesson's side: exercises and their answer expressions -------------------------------

_CHECK = re.compile(r"aufgabe\s*\.\s*([A-Za-z_]\w*)\s*\.\s*check\s*\(")
_LESSON_CALL = re.compile(r"aufgaben\(\s*[\"'](\d+(?:\.\d+)+)[\"']\s*\)")


def answer_expressions(lesson_id: str) -> dict[str, str]:
    """exercise -> the expression the lesson source passes to its ``check`` (simple ones only)."""
    from dlkurs.exercises.exercise import lesson_source

    source = lesson_source(lesson_id) or ""
    found: dict[str, str] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "check"
                and isinstance(node.func.value, ast.Attribute) and node.args
                and isinstance(node.args[0], (ast.Name, ast.Attribute, ast.Subscript))):
            found.setdefault(node.func.value.attr, ast.unparse(node.args[0]))
    return found


def lesson_of(nb) -> str | None:
    """The lesson a notebook belongs to: its metadata, else its ``aufgaben("…")`` call."""
    meta = nb.get("metadata", {}).get("dlkurs", {})
    if isinstance(meta, dict) and isinstance(meta.get("lesson"), str):
        return meta["lesson"]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            match = _LESSON_CALL.search(cell.get("source", ""))
            if match:
                return match.group(1)
    return None


# -- flags: what the notebook claims and what it tries -----------------------------------------

_CLAIM = re.compile(r"\brichtig\b", re.IGNORECASE)
_NEGATED = re.compile(r"\bnicht\s+richtig\b", re.IGNORECASE)
_TAMPER_ATTRS = {"check", "evaluate", "_evaluate", "_judge", "show", "status", "ok", "text", "html", "_record",
                 "__import__"}
_TAMPER_NAMES = {"Verdict", "Exercise", "ValueExercise", "FunctionExercise", "ModelExercise", "CustomExercise",
                 "RICHTIG", "aufgaben"}


def _output_text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    if output.get("output_type") in ("display_data", "execute_result"):
        data = output.get("data", {})
        text = data.get("text/plain", "")
        html = re.sub(r"<[^>]+>", " ", str(data.get("text/html", "")))
        return f"{''.join(text) if isinstance(text, list) else text} {''.join(html) if isinstance(html, list) else html}"
    return ""


def claims(cells: list[dict]) -> list[tuple[int, list[str]]]:
    """(cell number, exercises checked in it) for every code cell whose outputs say "richtig"."""
    found = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        text = " ".join(_output_text(o) for o in cell.get("outputs", []))
        if _CLAIM.search(_NEGATED.sub(" ", text)):
            found.append((number, _CHECK.findall(_source(cell))))
    return found


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def tampering(cells: list[dict]) -> list[str]:
    """German notes on code that reaches into the checking machinery (static, by the syntax tree)."""
    notes: list[str] = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        try:
            from IPython.core.inputtransformer2 import TransformerManager

            tree = ast.parse(TransformerManager().transform_cell(source))
        except Exception:
            continue
        found = set()
        for node in ast.walk(tree):
            targets: list[ast.AST] = []
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in _TAMPER_ATTRS:
                    found.add(f"überschreibt .{target.attr}")
                if isinstance(target, ast.Name) and target.id in _TAMPER_NAMES:
                    found.add(f"überschreibt {target.id}")
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in _TAMPER_NAMES:
                found.add(f"definiert {node.name} neu")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "Verdict"):
                found.add(f"ruft {node.func.id}(…) auf")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                names = [module or ""] + [a.name for a in node.names]
                if any(n.startswith(("dlkurs.grade", "dlkurs.exercises.verdict", "dlkurs.exercises.exercise"))
                       or n in ("Verdict", "RICHTIG") for n in names):
                    found.add("importiert Interna der Prüfung")
        if found:
            notes.append(f"Zelle {number} greift in die Prüfung ein: {', '.join(sorted(found))}")
    return notes


# -- the kernel -----------------------------------------------------------------------------------

def _kernel_env(home: Path, data_home: str | None, profile: str, backend: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "USER": "teilnehmer",
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "IPYTHONDIR": str(home / ".ipython"),
        "JUPYTER_RUNTIME_DIR": str(home / ".jupyter-runtime"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "KERAS_BACKEND": backend,
        "KERAS_HOME": str(home / ".keras"),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "OMP_NUM_THREADS": "1",
        "TF_NUM_INTRAOP_THREADS": "1",
        "TF_NUM_INTEROP_THREADS": "1",
        "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "DLKURS_PROFILE": profile,
        "DLKURS_WORKSPACE": str(home / "workspace"),
        "DLKURS_RUNS": str(home / "runs"),
        "DLKURS_PROGRESS_DB": str(home / ".dlkurs-fortschritt.sqlite"),
        "DLKURS_RESULTS": str(home / ".dlkurs-kennzahlen.jsonl"),
        "DLKURS_OFFLINE": "1",
    }
    if data_home:
        env["DLKURS_DATA"] = data_home
    for name in ("DLKURS_FIXTURES", "DLKURS_CATALOG", "VIRTUAL_ENV"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    return env


class KernelGone(Exception):
    """The kernel died or stopped answering."""


class Session:
    """A sandboxed kernel for one notebook, and the exchange folder shared with it."""

    def __init__(self, job: Job, root: Path, limits: Limits, isolation: Isolation, profile: str, backend: str,
                 data_home: str | None, hide: list[str] | None = None) -> None:
        self.hide = list(hide or [])
        self.job, self.root, self.limits, self.isolation = job, root, limits, isolation
        self.uid = job.uid if isolation.user else None
        self.home = root / "home"
        self.exchange = root / "austausch"
        self.private = root / "privat"
        self.counter = 0
        self.broken = False  # the kernel stopped answering during a check
        self.profile, self.backend, self.data_home = profile, backend, data_home
        self.client = None
        self._context = None

    # files -------------------------------------------------------------------------------
    def prepare(self) -> None:
        self.root.mkdir(parents=True)
        os.chmod(self.root, 0o711)
        self.private.mkdir(mode=0o700)
        if self.job.folder:
            shutil.copytree(self.job.folder, self.home, symlinks=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            self.home.mkdir()
        for sub in ("tmp", ".ipython", ".jupyter-runtime", ".matplotlib", "workspace", "runs"):
            (self.home / sub).mkdir(exist_ok=True)
        self.exchange.mkdir()
        (self.root / "ipc").mkdir()
        for path in (self.home, self.exchange, self.root / "ipc"):
            self._own(path)

    def _own(self, path: Path) -> None:
        os.chmod(path, 0o700)
        if self.uid is None:
            return
        for dirpath, dirnames, filenames in os.walk(path):
            os.lchown(dirpath, self.uid, self.uid)
            for name in dirnames + filenames:
                os.lchown(os.path.join(dirpath, name), self.uid, self.uid)

    def read(self, name: str) -> bytes:
        """A file the kernel wrote into the exchange folder: a regular file of the sandbox user, no link."""
        dir_fd = os.open(self.exchange, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
        except OSError:
            raise wire.WireError("Ergebnisdatei fehlt") from None
        finally:
            os.close(dir_fd)
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or (self.uid is not None and info.st_uid != self.uid):
                raise wire.WireError("Ergebnisdatei ist keine eigene Datei des Notebooks")
            if info.st_size > wire.MAX_BYTES:
                raise wire.WireError("Ergebnisdatei zu groß")
            return f.read(wire.MAX_BYTES + 1)

    def write(self, name: str, data: bytes) -> None:
        path = self.exchange / name
        if path.is_symlink() or path.exists():
            os.unlink(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    # kernel ------------------------------------------------------------------------------
    def start(self) -> None:
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import AsyncKernelManager
        from nbclient import NotebookClient
        import nbformat

        launcher = [sys.executable, "-m", "dlkurs.grade.launch",
                    "--mem-mb", str(self.limits.memory_mb), "--file-mb", str(self.limits.file_mb),
                    "--copy-connection", str(self.root / "ipc" / "verbindung.json")]
        if self.uid is not None:
            launcher += ["--uid", str(self.uid), "--nproc", str(self.limits.processes)]
        if self.isolation.network:
            launcher.append("--net")
        if self.isolation.filesystem:
            launcher += ["--scratch", str(self.root)]
            for folder in (self.home, self.exchange, self.root / "ipc"):
                launcher += ["--writable", str(folder)]
            for folder in self.hide:
                launcher += ["--hide", folder]
            if self.data_home:
                launcher += ["--data", self.data_home]
        spec = {
            "argv": launcher + ["--", sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                                "--IPKernelApp.capture_fd_output=False", "--HistoryManager.enabled=False"],
            "display_name": "dlkurs (Bewertung)",
            "language": "python",
            "env": {},
        }
        kernels = self.private / "kernels" / KERNEL
        kernels.mkdir(parents=True)
        (kernels / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        ksm = KernelSpecManager(kernel_dirs=[str(self.private / "kernels")])
        km = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm, transport="ipc",
                                ip=str(self.root / "ipc" / "k"))
        km.connection_file = str(self.private / "verbindung.json")
        nb = nbformat.v4.new_notebook()
        self.client = capped_client(NotebookClient)(nb, km=km, kernel_name=KERNEL, timeout=int(self.limits.cell_seconds),
                                     startup_timeout=int(self.limits.startup_seconds), allow_errors=True,
                                     interrupt_on_timeout=False, record_timing=False,
                                     resources={"metadata": {"path": str(self.home)}})
        data = self.data_home
        self.log = open(self.private / "kernel.log", "w", encoding="utf-8")
        env = _kernel_env(self.home, data, self.profile, self.backend)
        env["DLKURS_GRADE_EXCHANGE"] = str(self.exchange)
        self._context = self.client.setup_kernel(env=env,
                                                 stdout=self.log, stderr=self.log)
        self._context.__enter__()

    def run(self, source: str, timeout: float) -> tuple[str, dict]:
        """Run code; ("ok"|"error"|"time_limit"|"dead", cell). Raises nothing."""
        import nbformat
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        cell = nbformat.v4.new_code_cell(source)
        self.client.timeout = max(1, int(timeout))
        self.counter += 1
        self.client.nb.cells = [cell]
        self.client.output_chars, self.client.capped = 0, False
        try:
            self.client.execute_cell(cell, 0)
        except CellTimeoutError:
            return "time_limit", cell
        except DeadKernelError:
            return "dead", cell
        except Exception as err:  # the connection broke in some other way
            cell["outputs"] = [{"output_type": "error", "ename": type(err).__name__, "evalue": str(err)}]
            return "dead", cell
        if not self.alive():
            return "dead", cell
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return "error", cell
        return "ok", cell

    def alive(self) -> bool:
        from nbclient.util import run_sync

        try:
            return bool(run_sync(self.client.km.is_alive)())
        except Exception:
            return False

    def interrupt(self) -> bool:
        """Interrupt a running cell; True when the kernel answers again within a few seconds.

        The connection is opened afresh afterwards: messages of the interrupted
        cell that arrive late must not be taken for those of the next one.
        """
        from nbclient.util import run_sync

        try:
            run_sync(self.client.km.interrupt_kernel)()
        except Exception:
            return False
        try:
            self.client.kc.stop_channels()
        except Exception:
            pass
        startup, self.client.startup_timeout = self.client.startup_timeout, 5
        try:
            self.client.start_new_kernel_client()
        except Exception:
            return False
        finally:
            self.client.startup_timeout = startup
        state, _cell = self.run("pass", 5)
        return state == "ok"

    def agent(self, call: str, timeout: float = 60) -> None:
        state, cell = self.run(f"{AGENT}.{call}", timeout)
        if state != "ok":
            raise KernelGone(_error_text(cell) or state)

    def stop(self) -> None:
        pgid = None
        try:
            pgid = self.client.km.provisioner.pgid
        except Exception:
            pass
        if self._context is not None:
            try:
                self._context.__exit__(None, None, None)
            except Exception:
                pass
            self._context = None
        if pgid:  # what the notebook started in the background (in the kernel's process group)
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:
                pass
        if self.uid is not None:
            kill_user(self.uid)
        try:
            self.log.close()
        except Exception:
            pass


#: characters of output kept per cell; the rest is dropped (a cell printing without end must not fill the grader's memory)
OUTPUT_LIMIT = 2_000_000


def capped_client(base):
    """``NotebookClient`` that keeps at most :data:`OUTPUT_LIMIT` characters of output per cell."""

    class CappedClient(base):
        output_chars = 0
        capped = False

        def output(self, outs, msg, display_id, cell_index):
            self.output_chars += len(str(msg.get("content", "")))
            if self.output_chars > OUTPUT_LIMIT:
                if not self.capped:
                    from nbformat.v4 import new_output

                    self.capped = True
                    outs.append(new_output("stream", name="stdout", text="… (weitere Ausgabe verworfen)\n"))
                return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def kill_user(uid: int) -> None:
    """End every process of the sandbox user (what a notebook left running in the background)."""
    if uid == 0 or os.getuid() != 0:
        return
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _error_text(cell: dict) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
    return ""


# -- functions and models of the learner --------------------------------------------------------

_LIMIT: ContextVar[float | None] = ContextVar("dlkurs_grade_limit", default=None)


def _with_limit(fn, seconds):
    token = _LIMIT.set(seconds)
    try:
        return fn()
    finally:
        _LIMIT.reset(token)


class RemoteFunction:
    """A learner's function that stays in the learner's kernel; calling it calls it there.

    Arguments go in as a pickle (the kernel is untrusted anyway); the result
    comes back as plain data. Arguments changed by the function are changed
    here too, so that the checker sees the mutation.
    """

    def __init__(self, session: Session, node: dict) -> None:
        self._session = session
        self._handle = str(node.get("h"))
        name = str(node.get("name", "f"))
        self.__name__ = name if name.isidentifier() else "f"
        self.__qualname__ = self.__name__
        source = node.get("source")
        #: the function's source as the kernel reported it: text that checks may parse, never run
        self.__dlkurs_source__ = source if isinstance(source, str) else None

    def __repr__(self) -> str:
        return f"<Funktion {self.__name__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from dlkurs.exercises.placeholder import PlaceholderError
        from dlkurs.exercises.timelimit import TimeLimitExceeded

        session = self._session
        limit = _LIMIT.get()
        session.counter += 1
        request, result = f"anfrage-{session.counter}.pkl", f"antwort-{session.counter}.npz"
        session.write(request, pickle.dumps((args, kwargs)))
        wait = (limit or session.limits.cell_seconds) + 15
        state, cell = session.run(f"{AGENT}.call({self._handle!r}, {request!r}, {result!r}, {limit!r})", wait)
        if state == "time_limit":
            if not session.interrupt():
                session.broken = True
                raise KernelGone("Die Funktion hing und der Kernel ließ sich nicht unterbrechen.")
            raise TimeLimitExceeded(limit or wait)
        if state != "ok":
            raise KernelGone(_error_text(cell) or "Der Kernel antwortet nicht mehr.")
        tree, arrays = wire.unpack(session.read(result))
        decoder = Decoder(session, arrays)
        if "args" in tree:
            try:
                after_args, after_kwargs = decoder.decode(tree["args"])
                _apply_changes(args, after_args)
                _apply_changes(list(kwargs.values()), [after_kwargs.get(k) for k in kwargs])
            except Exception:
                pass
        if tree.get("placeholder"):
            raise PlaceholderError()
        if "time_limit" in tree:
            raise TimeLimitExceeded(float(tree["time_limit"]))
        if "error" in tree:
            raise _rebuilt_error(tree["error"])
        return decoder.decode(tree.get("ok"))


def _apply_changes(originals, changed) -> None:
    """Carry in-place changes of arguments (arrays, lists, dicts) over to the grader's copies."""
    import numpy as np

    for original, now in zip(originals, changed):
        if isinstance(original, np.ndarray) and isinstance(now, np.ndarray):
            if original.shape == now.shape and original.dtype == now.dtype and original.flags.writeable:
                np.copyto(original, now)
        elif isinstance(original, list) and isinstance(now, list):
            original[:] = now
        elif isinstance(original, dict) and isinstance(now, dict):
            original.clear()
            original.update(now)


def _rebuilt_error(info: dict) -> BaseException:
    """An exception like the learner's: same class name, a builtin base for ``isinstance`` checks."""
    import builtins

    name = str(info.get("type", "Exception"))
    base = getattr(builtins, str(info.get("builtin", "Exception")), Exception)
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    cls = base if base.__name__ == name else type(name if name.isidentifier() else "Fehler", (base,), {})
    try:
        return cls(str(info.get("message", "")))
    except Exception:
        return Exception(str(info.get("message", "")))


class Decoder(wire.Decoder):
    def __init__(self, session: Session, arrays: dict) -> None:
        super().__init__(arrays, functions=self._function, models=self._model, tensors=False)
        self.session = session

    def _function(self, node: dict) -> Any:
        if node.get("placeholder"):
            from dlkurs.exercises import ___  # noqa: F401 - named by the stand-in below

            def placeholder_function(*args, **kwargs):
                return ___

            return placeholder_function
        return RemoteFunction(self.session, node)

    def _model(self, node: dict) -> Any:
        name = str(node.get("file", ""))
        if not re.fullmatch(r"modell-\d+\.keras", name):
            raise wire.WireError("ungültiger Modellname")
        target = self.session.private / name
        target.write_bytes(self.session.read(name))
        import keras

        try:
            return keras.saving.load_model(target, safe_mode=True)
        except Exception as err:
            return wire.opaque("keras.Model", f"Modell, das sich nicht sicher laden lässt ({type(err).__name__})")


# -- grading one notebook ------------------------------------------------------------------------

def _verdict(status: str, message: str) -> dict:
    from dlkurs.status import Verdict as Status

    return {"status": str(status), "message": message, "points": 1 if status == Status.RICHTIG else 0}


def _judge(exercise, value: Any) -> dict:
    from dlkurs.exercises.timelimit import delegated

    with delegated(_with_limit):
        try:
            verdict = exercise.evaluate(value)
        except KernelGone as err:
            return _verdict(FALSCH, f"Der Kernel des Notebooks brach bei der Prüfung ab: {err}")
    return _verdict(verdict.status, verdict.message)


def grade(job: Job, work: Path, *, limits: Limits, isolation: Isolation, profile: str = "full",
          backend: str = "tensorflow", data_home: str | None = None, hide: list[str] | None = None) -> Outcome:
    """Grade one notebook; never raises for anything the notebook does."""
    import nbformat

    started = time.monotonic()
    outcome = Outcome(key=job.key, learner=job.learner, notebook=job.notebook, lesson=job.lesson)
    try:
        nb = nbformat.read(job.notebook, as_version=4)
        cells = [dict(c) for c in nb.cells]
    except Exception as err:
        outcome.status, outcome.reason = UNREADABLE, f"Notebook unlesbar: {type(err).__name__}: {str(err)[:200]}"
        return outcome
    outcome.lesson = job.lesson or lesson_of(nb)
    from dlkurs.exercises.registry import UnknownLessonExercises, exercises

    try:
        declared = {n: e for n, e in exercises(outcome.lesson or "").items() if e.counted}
    except UnknownLessonExercises:
        outcome.status = NO_LESSON
        outcome.reason = (f"Lektion {outcome.lesson} hat keine Aufgaben." if outcome.lesson else
                          "Zu welcher Lektion das Notebook gehört, ist nicht erkennbar (kein aufgaben(\"…\")).")
        return outcome
    expressions = {n: e for n, e in answer_expressions(outcome.lesson).items() if n in declared}
    limits = limits.for_lesson(outcome.lesson, profile)
    stored_claims = claims(cells)
    outcome.flags.extend(tampering(cells))

    session = Session(job, work / job.key, limits, isolation, profile, backend, data_home, hide)
    judged: dict[str, dict] = {}
    executed: list[dict] = []
    responsive = False
    deadline = started + limits.notebook_seconds
    try:
        session.prepare()
        session.start()
        state, cell = session.run(f"{AGENT}.install()", limits.startup_seconds)
        if state != "ok":
            raise KernelGone(_error_text(cell) or state)
        responsive = True
        for number, original in enumerate(cells, start=1):
            if original.get("cell_type") != "code":
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 1:
                outcome.status = TIMED_OUT
                outcome.events.append(f"Zeitlimit des Notebooks ({limits.notebook_seconds:g} s) erreicht vor Zelle {number}.")
                break
            state, cell = session.run(_source(original), min(limits.cell_seconds, remaining))
            executed.append({"number": number, "source": _source(original), "outputs": cell.get("outputs", [])})
            if state == "error":
                outcome.events.append(f"Zelle {number}: {_error_text(cell)[:200]}")
            elif state == "time_limit":
                outcome.events.append(f"Zelle {number}: Zeitlimit von {min(limits.cell_seconds, remaining):.0f} s überschritten.")
                if not session.interrupt():
                    responsive = False
                    outcome.status = TIMED_OUT
                    outcome.events.append("Der Kernel ließ sich nicht unterbrechen; die übrigen Zellen liefen nicht.")
                    break
                continue
            elif state == "dead":
                responsive = False
                outcome.status = CRASHED
                text = _error_text(cell)
                outcome.events.append(f"Zelle {number}: Der Kernel ist abgestürzt oder wurde beendet"
                                      f" (Speicherlimit {limits.memory_mb} MB, sys.exit/os._exit?){': ' + text if text else ''}.")
                break
            _collect(session, declared, judged, None)
            if session.broken:
                responsive = False
                outcome.status = TIMED_OUT
                outcome.events.append(f"Nach Zelle {number}: Eine geprüfte Funktion hing, der Kernel antwortete nicht mehr.")
                break
        if responsive:
            missing = {n: expr for n, expr in expressions.items() if n not in judged}
            _collect(session, declared, judged, missing)
    except KernelGone as err:
        if outcome.status == DONE:
            outcome.status = CRASHED
        outcome.events.append(f"Der Kernel brach ab: {str(err)[:200]}")
    except Exception as err:  # the sandbox could not be set up: this notebook fails, the batch goes on
        outcome.status = CRASHED
        outcome.events.append(f"Bewertung nicht möglich: {type(err).__name__}: {str(err)[:200]}")
    finally:
        session.stop()
        shutil.rmtree(session.root, ignore_errors=True)
    for name, exercise in declared.items():
        if name in judged:
            outcome.verdicts[name] = judged[name]
        else:
            why = {DONE: "Keine Antwort gefunden – weder geprüft noch als Variable vorhanden.",
                   CRASHED: "Nicht bewertet: Das Notebook brach vorher ab.",
                   TIMED_OUT: "Nicht bewertet: Das Notebook wurde vorher wegen Zeitüberschreitung beendet."}.get(outcome.status, "")
            outcome.verdicts[name] = _verdict(NICHT_BEARBEITET, why)
    outcome.flags.extend(_false_claims(stored_claims, outcome.verdicts, "Die eingereichte Ausgabe"))
    outcome.flags.extend(_false_claims(claims(executed_as_cells(executed)), outcome.verdicts, "Die Ausgabe beim Bewerten"))
    outcome.seconds = round(time.monotonic() - started, 2)
    return outcome


def executed_as_cells(executed: list[dict]) -> list[dict]:
    """Executed cells at their original numbers (other positions empty)."""
    if not executed:
        return []
    cells = [{"cell_type": "markdown", "source": ""} for _ in range(max(e["number"] for e in executed))]
    for entry in executed:
        cells[entry["number"] - 1] = {"cell_type": "code", "source": entry["source"], "outputs": entry["outputs"]}
    return cells


def _false_claims(found: list[tuple[int, list[str]]], verdicts: dict[str, dict], where: str) -> list[str]:
    notes = []
    for number, names in found:
        known = [n for n in names if n in verdicts]
        if not known:
            notes.append(f"{where} in Zelle {number} zeigt „richtig“, obwohl dort keine Aufgabe geprüft wird.")
            continue
        wrong = [n for n in known if verdicts[n]["status"] != RICHTIG]
        for name in wrong:
            notes.append(f"{where} in Zelle {number} zeigt „richtig“ für {name}, "
                         f"die Bewertung ergibt „{verdicts[name]['status']}“.")
    return notes


def _collect(session: Session, declared: dict, judged: dict, fallback: dict | None) -> None:
    """Fetch the answers of the last cell (or the fallback expressions) and judge them."""
    session.counter += 1
    name = f"antworten-{session.counter}.npz"
    session.agent(f"export({name!r}, {fallback!r})" if fallback is not None else f"export({name!r})",
                  timeout=session.limits.cell_seconds)
    try:
        tree, arrays = wire.unpack(session.read(name))
    except wire.WireError as err:
        for exercise in (fallback or {}):
            judged[exercise] = _verdict(FALSCH, f"Antwort nicht übertragbar: {err}")
        return
    decoder = Decoder(session, arrays)
    for group in ("checked", "fallback"):
        entries = tree.get(group, {}) if isinstance(tree, dict) else {}
        for exercise_name, node in (entries.items() if isinstance(entries, dict) else []):
            exercise = declared.get(exercise_name)
            if exercise is None or not isinstance(node, dict):
                continue
            if node.get("t") == "absent":
                if group == "fallback":
                    judged[exercise_name] = _verdict(NICHT_BEARBEITET, "Die Antwort fehlt: Die Variable ist nicht definiert.")
                else:
                    judged[exercise_name] = _judge(exercise, _MISSING)
                continue
            if node.get("t") == "error":
                judged[exercise_name] = _verdict(
                    FALSCH, f"Die Antwort lässt sich nicht lesen: {node.get('type')}: {str(node.get('message', ''))[:150]}")
                continue
            try:
                value = decoder.decode(node)
            except wire.WireError as err:
                judged[exercise_name] = _verdict(FALSCH, f"Antwort nicht übertragbar: {err}")
                continue
            judged[exercise_name] = _judge(exercise, value)


def _missing_marker() -> Any:
    from dlkurs.exercises.exercise import MISSING

    return MISSING


_MISSING = _missing_marker()

__all__ = ["Isolation", "Job", "Limits", "Outcome", "RemoteFunction", "grade"]

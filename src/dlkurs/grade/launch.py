"""Start a learner's kernel in a sandbox: no network, limited memory, its own user.

Used as the kernel's argv prefix::

    python -m dlkurs.grade.launch --uid 61234 --mem-mb 4096 --net \
        --copy-connection /scratch/kernel.json -- python -m ipykernel_launcher -f {connection_file}

Running as root, the launcher (in this order) enters a fresh network namespace
(only a down loopback: nothing can be reached), sets resource limits, copies the
connection file where the sandbox user can read it, drops to a user id of its
own (no supplementary groups) and replaces itself by the kernel. Each step that
is not possible here is skipped; :func:`probe` tells beforehand which ones work,
so that the report says what was guaranteed. This module imports nothing but the
standard library: it runs before every kernel.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import resource
import shutil
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def _unshare(flags: int) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.unshare(flags) == 0
    except Exception:
        return False


def isolate_network() -> str | None:
    """Enter a new, empty network namespace. Returns how (``"netns"``/``"userns+netns"``) or None."""
    if not hasattr(os, "getuid"):
        return None
    if _unshare(CLONE_NEWNET):
        return "netns"
    if os.getuid() != 0:  # an ordinary user: a user namespace first, then the network namespace
        uid, gid = os.getuid(), os.getgid()
        if _unshare(CLONE_NEWUSER | CLONE_NEWNET):
            try:
                with open("/proc/self/setgroups", "w") as f:
                    f.write("deny")
                with open("/proc/self/uid_map", "w") as f:
                    f.write(f"{uid} {uid} 1")
                with open("/proc/self/gid_map", "w") as f:
                    f.write(f"{gid} {gid} 1")
            except OSError:
                pass
            return "userns+netns"
    return None


MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
_KEEP = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC}


def _mount(source: str | None, target: str, flags: int, fstype: str | None = None, data: str | None = None) -> bool:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    enc = (lambda v: v.encode() if v is not None else None)
    return libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) == 0


def _mounts() -> list[tuple[str, int]]:
    """Mount points of this namespace with the flags to keep on a remount."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            point = parts[4].replace("\\040", " ")
            flags = 0
            for option in parts[5].split(","):
                flags |= _KEEP.get(option, 0)
            found.append((point, flags))
    return found


def _hide(path: str, needed: list[str], hidden: set[str], depth: int = 0) -> None:
    """Cover ``path`` with an empty folder (or file); what the kernel needs to start stays visible.

    A folder that contains something needed (the Python environment under the
    grader's home, say) is not covered itself: its other entries are, one by one.
    """
    real = os.path.realpath(path)
    if real in hidden or any(n == real for n in needed) or not os.path.lexists(path) or os.path.islink(path):
        return
    if any(n.startswith(real + os.sep) for n in needed):
        if depth < 8 and os.path.isdir(real):
            for entry in sorted(os.listdir(real)):
                _hide(os.path.join(real, entry), needed, hidden, depth + 1)
        return
    if os.path.isdir(real):
        size = "size=256m,mode=1777" if real == "/tmp" else "size=1m,mode=700"
        if _mount("tmpfs", real, MS_NOSUID | MS_NODEV, "tmpfs", size):
            hidden.add(real)
    elif os.path.isfile(real) and _mount("/dev/null", real, MS_BIND):
        hidden.add(real)


def sandbox_filesystem(scratch: str, writable: list[str], hide: list[str], data: str | None) -> dict[str, str] | None:
    """Give this process a file system view of its own (root only; a new mount namespace).

    Everything is read-only except the ``writable`` folders inside ``scratch``;
    ``/tmp`` and the ``hide`` folders (the grader's output, the submissions) are
    replaced by empty ones; ``scratch`` (and ``data``, read-only) are shown under
    a fresh mount point. Returns how paths translate ({"scratch": new, "data": new}),
    or None when this is not possible here (then nothing was changed).
    """
    if os.getuid() != 0:
        return None
    base = next((d for d in ("/media", "/srv") if os.path.isdir(d) and not os.listdir(d)), None)
    if base is None or not _unshare(CLONE_NEWNS):
        return None
    if not _mount(None, "/", MS_REC | MS_PRIVATE):
        return None
    if not _mount("tmpfs", base, MS_NOSUID | MS_NODEV, "tmpfs", "size=1m,mode=755"):
        return None
    inside = os.path.join(base, "arbeit")
    os.mkdir(inside)
    if not _mount(scratch, inside, MS_BIND | MS_REC):
        return None
    paths = {"scratch": inside}
    if data and os.path.isdir(data):
        target = os.path.join(base, "daten")
        os.mkdir(target)
        if _mount(data, target, MS_BIND | MS_REC):
            paths["data"] = target
    import dlkurs

    needed = [os.path.realpath(p) for p in (sys.executable, sys.prefix, sys.base_prefix, sys.exec_prefix,
                                            os.path.dirname(dlkurs.__file__))]
    for name in ("DLKURS_CATALOG", "DLKURS_FIXTURES"):  # a trainer's own catalog, test fixtures: read-only
        if os.environ.get(name):
            value = os.environ[name]
            needed.append(os.path.realpath(os.path.dirname(value) if os.path.isfile(value) else value))
    work = os.path.realpath(os.path.dirname(scratch.rstrip(os.sep)))
    needed += [os.path.realpath(p) for p in sys.path
               if p and os.path.isdir(p) and not os.path.realpath(p).startswith(work + os.sep)]
    hidden: set[str] = set()
    for path in ["/tmp"] + hide:
        _hide(path, needed, hidden)
    for point, flags in _mounts():
        if point == "/tmp" and point in hidden:  # a private, empty /tmp stays writable; other covers are read-only
            continue
        _mount(None, point, MS_REMOUNT | MS_BIND | MS_RDONLY | flags)
    for folder in writable:
        rel = os.path.relpath(folder, scratch)
        target = os.path.join(inside, rel)
        if not (_mount(target, target, MS_BIND) and _mount(None, target, MS_REMOUNT | MS_BIND)):
            return None
    return paths


def set_limits(mem_mb: int | None, file_mb: int | None, nproc: int | None) -> None:
    """Address space, file size, processes of the user, no core dumps."""
    limits = [(resource.RLIMIT_CORE, 0)]
    if mem_mb:
        limits.append((resource.RLIMIT_AS, mem_mb * 1024 * 1024))
    if file_mb:
        limits.append((resource.RLIMIT_FSIZE, file_mb * 1024 * 1024))
    if nproc:
        limits.append((resource.RLIMIT_NPROC, nproc))
    for which, value in limits:
        try:
            soft, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def drop_privileges(uid: int) -> bool:
    """Become user ``uid`` (group ``uid``, no supplementary groups); only possible as root."""
    if os.getuid() != 0:
        return False
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    return os.getuid() == uid


def _copy_connection(argv: list[str], target: str, uid: int | None) -> list[str]:
    """Copy the connection file (readable by its owner only) to ``target`` for the sandbox user."""
    if "-f" not in argv:
        return argv
    index = argv.index("-f") + 1
    shutil.copyfile(argv[index], target)
    if uid is not None and os.getuid() == 0:
        os.chown(target, uid, uid)
    os.chmod(target, 0o600)
    return argv[:index] + [target] + argv[index + 1:]


def main(args: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlkurs.grade.launch")
    parser.add_argument("--uid", type=int)
    parser.add_argument("--mem-mb", type=int)
    parser.add_argument("--file-mb", type=int)
    parser.add_argument("--nproc", type=int)
    parser.add_argument("--net", action="store_true", help="isolate the network")
    parser.add_argument("--copy-connection")
    parser.add_argument("--data", help="data home to show read-only")
    parser.add_argument("--scratch", help="the notebook's scratch folder (file-system sandbox)")
    parser.add_argument("--writable", action="append", default=[], help="folder inside --scratch that stays writable")
    parser.add_argument("--hide", action="append", default=[], help="folder the kernel must not see")
    parser.add_argument("--probe", action="store_true", help="print what works here as JSON")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    ns = parser.parse_args(args)
    command = ns.command[1:] if ns.command[:1] == ["--"] else ns.command
    if ns.probe:
        print(json.dumps(_probe_here(ns.uid)))
        return
    os.setsid() if os.getsid(0) != os.getpid() else None
    if ns.net and isolate_network() is None:
        print("dlkurs-grade: Netzwerk-Isolation nicht möglich", file=sys.stderr)
    if ns.copy_connection:
        command = _copy_connection(command, ns.copy_connection, ns.uid)
    if ns.scratch:
        paths = sandbox_filesystem(ns.scratch, ns.writable, ns.hide, ns.data)
        if paths is None:
            print("dlkurs-grade: Dateisystem-Schutz nicht möglich", file=sys.stderr)
        else:
            _translate(ns.scratch, paths, command)
    set_limits(ns.mem_mb, ns.file_mb, ns.nproc)
    if ns.uid is not None and not drop_privileges(ns.uid):
        print("dlkurs-grade: eigener Benutzer nicht möglich", file=sys.stderr)
    os.umask(0o077)
    os.execvp(command[0], command)


def _translate(scratch: str, paths: dict[str, str], command: list[str]) -> None:
    """Point environment, working directory and connection file at the paths inside the sandbox."""
    inside = paths["scratch"]

    def move(value: str) -> str:
        return inside + value[len(scratch):] if value == scratch or value.startswith(scratch + os.sep) else value

    for name, value in list(os.environ.items()):
        os.environ[name] = move(value)
    if "data" in paths:
        os.environ["DLKURS_DATA"] = paths["data"]
    os.chdir(move(os.getcwd()))
    if "-f" in command:
        index = command.index("-f") + 1
        command[index] = move(command[index])
        with open(command[index], encoding="utf-8") as f:
            info = json.load(f)
        if info.get("transport") == "ipc":
            info["ip"] = move(info["ip"])
        with open(command[index], "w", encoding="utf-8") as f:
            json.dump(info, f)


def _probe_here(uid: int | None) -> dict:
    """Run in a throwaway process: which isolation steps succeed on this machine."""
    import socket

    import tempfile

    result = {"network": None, "user": False, "root": os.getuid() == 0, "mount": False}
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as secret:
        os.mkdir(os.path.join(scratch, "home"))
        open(os.path.join(secret, "geheim"), "w").close()
        pid = os.fork()
        if pid == 0:  # the mount namespace stays in this child
            ok = False
            try:
                paths = sandbox_filesystem(scratch, [os.path.join(scratch, "home")], [secret], None)
                if paths:
                    home = os.path.join(paths["scratch"], "home")
                    open(os.path.join(home, "ok"), "w").close()
                    blocked = not os.path.exists(os.path.join(secret, "geheim"))
                    try:
                        open(os.path.join(os.path.dirname(sys.executable), ".dlkurs-probe"), "w").close()
                        blocked = False
                    except OSError:
                        pass
                    ok = blocked
            except Exception:
                ok = False
            os._exit(0 if ok else 1)
        result["mount"] = os.waitpid(pid, 0)[1] == 0 and os.path.exists(os.path.join(scratch, "home", "ok"))
    how = isolate_network()
    if how:
        # a fresh namespace has no usable interface: any connection must fail at once
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=1).close()
        except OSError:
            result["network"] = how
    if uid is not None and os.getuid() == 0:
        try:
            result["user"] = drop_privileges(uid) and _can_run_python()
        except OSError:
            result["user"] = False
    return result


def _can_run_python() -> bool:
    """Whether this (sandbox) user can start this Python with dlkurs and ipykernel (tried, not guessed)."""
    import subprocess

    try:
        proc = subprocess.run([sys.executable, "-c", "import dlkurs.grade.agent, ipykernel"], cwd="/",
                              capture_output=True, timeout=60, env={"PATH": os.environ.get("PATH", ""), "HOME": "/"})
        return proc.returncode == 0
    except Exception:
        return False


def probe(uid: int = 65533) -> dict:
    """What isolation this machine allows: ``{"network": "netns"|None, "user": bool, "root": bool}``."""
    import subprocess

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "dlkurs.grade.launch", "--probe", "--uid", str(uid)],
            capture_output=True, text=True, timeout=60,
        )
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception:
        return {"network": None, "user": False, "root": hasattr(os, "getuid") and os.getuid() == 0}


if __name__ == "__main__":
    main()

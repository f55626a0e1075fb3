"""`dlkurs doctor`: is this machine ready for the course?

Every check returns a :class:`Check` with a German result and, when it fails,
the remedy. The Keras backend is probed in a child process, so that a missing
or crashing backend (an old CPU without AVX kills the process) becomes a line
in the table, never a traceback.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from importlib import metadata

from dlkurs.settings import install_command
from dlkurs.status import CheckLevel

OK, WARN, FAIL, INFO = CheckLevel.OK, CheckLevel.WARN, CheckLevel.FAIL, CheckLevel.INFO

#: Distributions the course needs, with the name pip installs them by.
REQUIRED = [
    ("NumPy", "numpy"),
    ("Matplotlib", "matplotlib"),
    ("scikit-learn", "scikit-learn"),
    ("pandas", "pandas"),
    ("JupyterLab", "jupyterlab"),
    ("ipykernel", "ipykernel"),
    ("jupytext", "jupytext"),
    ("nbclient", "nbclient"),
]

_BACKEND_PROBE = r"""
import json, os, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from keras import ops
backend = keras.backend.backend()
t = time.perf_counter()
a = ops.reshape(ops.arange(0, 256 * 256, dtype="float32"), (256, 256)) / 65536.0
value = float(ops.convert_to_numpy(ops.sum(ops.matmul(a, ops.transpose(a)))))
seconds = time.perf_counter() - t
gpus = []
if backend == "tensorflow":
    import tensorflow as tf
    version = tf.__version__
    gpus = [d.name for d in tf.config.list_physical_devices("GPU")]
elif backend == "jax":
    import jax
    version = jax.__version__
    gpus = [str(d) for d in jax.devices() if d.platform != "cpu"]
else:
    version = "?"
print(json.dumps({"keras": keras.__version__, "backend": backend, "backend_version": version,
                  "value": value, "seconds": seconds, "gpus": gpus}))
"""



@dataclass
class Check:
    """One line of the doctor's table."""

    name: str
    status: str
    value: str
    remedy: str = ""
    required: bool = True


def _expected_sum() -> float:
    import numpy as np

    a = np.arange(256 * 256, dtype=np.float64).reshape(256, 256) / 65536.0
    return float((a @ a.T).sum())


def check_python() -> Check:
    version = platform.python_version()
    if sys.version_info < (3, 10):
        return Check("Python", FAIL, version, "Python 3.10 oder neuer installieren (empfohlen: 3.11).")
    return Check("Python", OK, f"{version} ({sys.executable})")


def check_package(label: str, dist: str) -> Check:
    try:
        return Check(label, OK, metadata.version(dist))
    except metadata.PackageNotFoundError:
        return Check(label, FAIL, "nicht installiert", f"pip install {dist}")


def check_backend(timeout: float = 180.0) -> list[Check]:
    """Keras, the backend and a tiny matrix computation, probed in a child process."""
    wanted = os.environ.get("KERAS_BACKEND", "tensorflow")
    try:
        keras_version = metadata.version("keras")
    except metadata.PackageNotFoundError:
        return [Check("Keras", FAIL, "nicht installiert", "pip install 'keras>=3'")]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _BACKEND_PROBE],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return [
            Check("Keras", OK, keras_version),
            Check(f"Backend {wanted}", FAIL, f"keine Antwort nach {timeout:.0f} s",
                  "Rechner neu starten und 'dlkurs doctor' wiederholen; hilft das nicht, die Trainerin/den Trainer fragen."),
        ]
    if proc.returncode != 0 or not proc.stdout.strip():
        return [Check("Keras", OK, keras_version), _backend_failure(wanted, proc)]
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    checks = [Check("Keras", OK, info["keras"])]
    backend = f"{info['backend']} {info['backend_version']}"
    if abs(info["value"] - _expected_sum()) > 1e-3 * abs(_expected_sum()):
        checks.append(Check("Backend", FAIL, f"{backend}: falsches Rechenergebnis {info['value']:.6g}",
                            "Backend neu installieren: pip install --force-reinstall tensorflow-cpu"))
    else:
        checks.append(Check("Backend", OK, f"{backend}, Testrechnung 256×256 korrekt ({info['seconds'] * 1000:.0f} ms)"))
    if info["gpus"]:
        checks.append(Check("GPU", OK, ", ".join(info["gpus"]), required=False))
    else:
        hint = ""
        if shutil.which("nvidia-smi"):
            hint = "Eine NVIDIA-Karte ist vorhanden, aber das Backend nutzt sie nicht: pip install 'tensorflow[and-cuda]' (nur Linux)."
        checks.append(Check("GPU", INFO, "keine nutzbare GPU – der Kurs läuft auf der CPU", hint, required=False))
    return checks


def _backend_failure(wanted: str, proc: subprocess.CompletedProcess) -> Check:
    err = (proc.stderr or "").strip().splitlines()
    last = err[-1] if err else ""
    if proc.returncode < 0:
        return Check(f"Backend {wanted}", FAIL, f"abgestürzt (Signal {-proc.returncode})",
                     "Die CPU unterstützt dieses TensorFlow nicht (z. B. fehlendes AVX). "
                     f"Anderes Backend probieren: {install_command('jax')} und KERAS_BACKEND=jax setzen.")
    if "ModuleNotFoundError" in last or "ImportError" in last:
        module = last.split("'")[1] if "'" in last else wanted
        if module.startswith("jax"):
            remedy = f"JAX installieren: {install_command('jax')} – oder KERAS_BACKEND=tensorflow setzen."
        elif module.startswith("tensorflow"):
            remedy = "TensorFlow installieren: pip install tensorflow-cpu – oder KERAS_BACKEND=jax setzen."
        elif module.startswith("torch"):
            remedy = "Der Kurs nutzt TensorFlow oder JAX: KERAS_BACKEND=tensorflow setzen."
        else:
            remedy = f"pip install {module}"
        return Check(f"Backend {wanted}", FAIL, f"Modul '{module}' fehlt", remedy)
    if "ValueError" in last and "backend" in last.lower():
        return Check(f"Backend {wanted}", FAIL, f"unbekanntes Backend '{wanted}'",
                     "KERAS_BACKEND auf 'tensorflow' oder 'jax' setzen (oder die Variable entfernen).")
    return Check(f"Backend {wanted}", FAIL, last[:160] or f"Exit-Code {proc.returncode}",
                 "Backend neu installieren: pip install --force-reinstall tensorflow-cpu keras")


def check_machine() -> list[Check]:
    import psutil

    cores = os.cpu_count() or 1
    ram = psutil.virtual_memory().total / 2**30
    checks = [
        Check("CPU-Kerne", OK if cores >= 2 else WARN, str(cores),
              "" if cores >= 2 else "Mit einem Kern dauert das Training lange: Profil 'quick' nutzen.", required=False),
        Check("Arbeitsspeicher", OK if ram >= 4 else WARN, f"{ram:.1f} GiB",
              "" if ram >= 4 else "Weniger als 4 GiB: andere Programme schließen; große Lektionen im Profil 'quick'.",
              required=False),
    ]
    return checks


def check_data() -> list[Check]:
    """Data cache summary from the data layer (empty until it can say something)."""
    try:
        from dlkurs.data import doctor_checks
    except ImportError:
        return []
    return doctor_checks(Check)


def run_checks(*, backend_timeout: float = 180.0) -> list[Check]:
    checks = [check_python()]
    checks += check_backend(backend_timeout)
    checks += [check_package(label, dist) for label, dist in REQUIRED]
    checks += check_machine()
    checks += check_data()
    return checks


def failed(checks: list[Check]) -> bool:
    return any(c.status == FAIL and c.required for c in checks)


def as_json(checks: list[Check]) -> str:
    return json.dumps({"ok": not failed(checks), "checks": [asdict(c) for c in checks]},
                      indent=2, ensure_ascii=False)

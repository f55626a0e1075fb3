"""The three calls a lesson makes to the course: profile, pick, report.

The runner chooses the profile and collects the reported figures through
environment variables (see :mod:`dlkurs.settings`); a learner in JupyterLab
gets the full profile and sees the figures as a small table.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import time
from typing import Any, TypeVar

from dlkurs.settings import DEFAULT_PROFILE, ENV_PROFILE, ENV_RESULTS, PROFILES

T = TypeVar("T")


def profile() -> str:
    """The active profile: ``"quick"`` (small subsets, few epochs) or ``"full"``.

    Read from ``$DLKURS_PROFILE``; a learner working in JupyterLab gets ``"full"``.
    """
    value = os.environ.get(ENV_PROFILE, DEFAULT_PROFILE).strip().lower()
    if value not in PROFILES:
        raise ValueError(
            f"Unbekanntes Profil {value!r} in ${ENV_PROFILE}; erlaubt sind: {', '.join(PROFILES)}."
        )
    return value


def pick(*, quick: T, full: T) -> T:
    """The value for the active profile, e.g. ``epochs = pick(quick=1, full=5)``."""
    return quick if profile() == "quick" else full


def _as_number(name: str, value: Any) -> float:
    if isinstance(value, (str, bytes, bool)):
        raise TypeError(f"report({name}=...) erwartet eine Zahl. Received: {value!r}")
    if not isinstance(value, numbers.Real):
        # numpy/keras scalars and 0-d arrays
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise TypeError(
                f"report({name}=...) erwartet eine Zahl. Received: {type(value).__name__}"
            ) from None
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"report({name}=...) erwartet eine endliche Zahl. Received: {value}")
    return value


def report(**figures: Any) -> None:
    """Record this lesson's key figures, e.g. ``report(test_accuracy=0.978)``.

    Under the runner the figures go to ``$DLKURS_RESULTS`` (one JSON object per
    call); in JupyterLab they are shown as a short table.
    """
    if not figures:
        raise TypeError("report() braucht mindestens eine Kennzahl, z. B. report(test_accuracy=0.97).")
    values = {name: _as_number(name, value) for name, value in figures.items()}
    target = os.environ.get(ENV_RESULTS)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"time": time.time(), "figures": values}) + "\n")
    _show(values)


def _show(values: dict[str, float]) -> None:
    lines = [f"  {name:<24} {value:.4g}" for name, value in values.items()]
    print("Kennzahlen dieser Lektion:\n" + "\n".join(lines))

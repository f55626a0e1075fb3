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

from dlkurs.settings import DEFAULT_PROFILE, ENV_LESSON, ENV_PROFILE, ENV_RESULTS, PROFILES

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


#: The lesson whose notebook is running (set by ``aufgaben("1.5")``); names its figures' labels.
_LESSON: str | None = None


def set_lesson(lesson_id: str | None) -> None:
    """Tell :func:`report` which lesson it reports for (its German figure labels)."""
    global _LESSON
    _LESSON = lesson_id


def figure_label(name: str, lesson_id: str | None = None) -> str:
    """The catalog's German label of a figure: of ``lesson_id`` (or the running lesson), else the
    label every lesson gives that name; the name itself when there is none or no single one."""
    from dlkurs.catalog import catalog, find

    lesson_id = lesson_id or _LESSON or os.environ.get(ENV_LESSON)
    try:
        lesson = find(lesson_id) if lesson_id else None
        lessons = [lesson] if lesson is not None else list(catalog())
    except Exception:  # a broken trainer catalog must not break report()
        return name
    labels = {f.label for one in lessons for f in one.figures if f.name == name and f.label}
    return labels.pop() if len(labels) == 1 else name


def german_number(value: float, digits: int = 4) -> str:
    """``0.97812`` -> ``"0,9781"``, ``60000.0`` -> ``"60.000"``, ``7.4e-05`` -> ``"7,4·10⁻⁵"``."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", ".")
    magnitude = math.floor(math.log10(abs(value)))
    if -4 <= magnitude < 9:
        decimals = max(0, digits - 1 - magnitude)
        text = f"{value:,.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    mantissa = f"{value / 10 ** magnitude:.{digits - 1}f}".rstrip("0").rstrip(".").replace(".", ",")
    superscript = str(magnitude).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa}·10{superscript}"


def _show(values: dict[str, float]) -> None:
    named = {figure_label(name): value for name, value in values.items()}
    width = max(len(label) for label in named)
    lines = [f"  {label:<{width}}  {german_number(value)}" for label, value in named.items()]
    print("Kennzahlen dieser Lektion:\n" + "\n".join(lines))

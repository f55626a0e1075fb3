"""Run a learner's function with a time limit.

In the main thread on Unix (where a Jupyter kernel runs cell code) a
``SIGALRM`` timer interrupts the function; it re-fires every 0.2 s, so a
function that swallows the first interruption with a bare ``except`` is
interrupted again. Elsewhere (other threads, Windows, a timer already in use)
the function runs in a daemon thread that is abandoned when time is up.

A caller that runs the function somewhere else (the class grader calls a
learner's function inside the learner's sandboxed kernel) enforces the limit
there: inside ``with delegated(handler):`` every ``call_with_time_limit(fn,
seconds)`` becomes ``handler(fn, seconds)``.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")


class TimeLimitExceeded(BaseException):
    """The function did not return in time.

    A ``BaseException`` so that ``except Exception`` in learner code cannot swallow it.
    """

    def __init__(self, seconds: float, abandoned: bool = False) -> None:
        super().__init__(f"time limit of {seconds:g} s exceeded")
        self.seconds = seconds
        #: True when the function still runs in a background thread.
        self.abandoned = abandoned


def _can_use_alarm() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        # someone else's timer is running: do not disturb it
        return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    except Exception:  # pragma: no cover
        return False


#: When set (by the course harness), no call waits longer than this many seconds.
_cap: dict[str, float | None] = {"seconds": None}


class capped:  # noqa: N801 - a context manager used like a function
    """``with capped(1.0): ...``: every time limit inside is at most 1 s (for test batteries)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        self.previous = _cap["seconds"]
        _cap["seconds"] = self.seconds

    def __exit__(self, *exc: Any) -> None:
        _cap["seconds"] = self.previous


_DELEGATE: ContextVar[Callable[[Callable[[], Any], float], Any] | None] = ContextVar("dlkurs_time_limit", default=None)


@contextmanager
def delegated(handler: Callable[[Callable[[], Any], float], Any]) -> Iterator[None]:
    """Within the block, ``call_with_time_limit(fn, s)`` calls ``handler(fn, s)`` instead."""
    token = _DELEGATE.set(handler)
    try:
        yield
    finally:
        _DELEGATE.reset(token)


def call_with_time_limit(fn: Callable[[], T], seconds: float) -> T:
    """``fn()``, or :class:`TimeLimitExceeded` after ``seconds``."""
    if _cap["seconds"] is not None and seconds is not None:
        seconds = min(seconds, _cap["seconds"]) if seconds > 0 else _cap["seconds"]
    handler = _DELEGATE.get()
    if handler is not None:
        return handler(fn, seconds)
    if seconds is None or seconds <= 0:
        return fn()
    if _can_use_alarm():
        return _with_alarm(fn, seconds)
    return _with_thread(fn, seconds)


def _with_alarm(fn: Callable[[], T], seconds: float) -> T:
    state = {"active": True}

    def on_alarm(signum: int, frame: Any) -> None:
        if state["active"]:
            raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
        try:
            return fn()
        finally:
            state["active"] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _with_thread(fn: Callable[[], T], seconds: float) -> T:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as err:  # handed over to the caller below
            outcome["error"] = err

    worker = threading.Thread(target=target, name="dlkurs-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded(seconds, abandoned=True)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]

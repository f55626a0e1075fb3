"""Timing code fairly: the best of several rounds, short calls timed in groups.

One measurement loop for every lesson that compares speeds (Python vs NumPy vs
Keras in 1.4, matrix-multiply speed in 0.1 and 1.1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def time_best(run: Callable[[], Any], *, budget: float = 0.05, round_time: float = 0.002, min_rounds: int = 3,
              sync: Callable[[Any], Any] = lambda r: r) -> float:
    """Seconds per call of ``run``: the best round out of as many as fit into ``budget`` seconds.

    After one warm-up call, the number of calls per round doubles until a round
    lasts at least ``round_time`` seconds (short calls are timed in groups).
    Then rounds are repeated for ``budget`` seconds, at least ``min_rounds``
    times; the fastest round counts, because interruptions by other programs
    only ever make a round slower. ``sync(result)`` is called on the last
    result of a round (for asynchronous devices such as GPUs).
    """
    sync(run())  # warm-up: first calls pay for setup (threads, kernels, caches)

    def round_of(number: int) -> float:
        start = time.perf_counter()
        for _ in range(number):
            result = run()
        sync(result)
        return time.perf_counter() - start

    number = 1
    seconds = round_of(number)
    while seconds < round_time and number < 1 << 20:
        number *= 2
        seconds = round_of(number)
    rounds = [seconds]
    start = time.perf_counter()
    while len(rounds) < min_rounds or time.perf_counter() - start < budget:
        rounds.append(round_of(number))
    return min(rounds) / number


def _block(result: Any) -> Any:
    """Wait for asynchronous backends (JAX) to finish, via the public ``block_until_ready``."""
    ready = getattr(result, "block_until_ready", None)
    if callable(ready):
        ready()
    return result


def time_call(fn: Callable[..., Any], *args: Any, repeat: int = 5, min_seconds: float = 0.05) -> float:
    """Seconds one call ``fn(*args)`` takes: the best of ``repeat`` rounds of at least ``min_seconds``.

    Like ``%timeit``: after a warm-up call, the call is repeated often enough
    that a round lasts ``min_seconds``; the best round is the one least
    disturbed by other programs (see :func:`time_best`).
    """
    return time_best(lambda: fn(*args), budget=0.0, round_time=min_seconds, min_rounds=repeat, sync=_block)


__all__ = ["time_best", "time_call"]

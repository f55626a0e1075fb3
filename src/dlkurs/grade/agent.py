"""The grader's helper inside the learner's kernel (untrusted territory).

The grader imports this module into the sandboxed kernel before the learner's
first cell and then calls it between cells:

- :func:`install` wraps ``Exercise.check`` so that the answer of every check
  call is remembered (the learner still sees the usual verdict);
- :func:`export` writes the answers checked since the last export (or, for an
  exercise never checked, the value of the lesson's answer expression) as plain
  data (:mod:`dlkurs.grade.wire`) into the exchange folder;
- :func:`call` calls a learner's function on inputs the grader sent and writes
  the result, the raised error or the time-out, and the arguments afterwards.

Nothing here decides a verdict. The learner's code can change this module like
anything else in its process; all it can achieve is to send other *values*,
which the grader then judges with the course's checkers (docs/grading.md).
"""

from __future__ import annotations

import os
import pickle
from typing import Any

from dlkurs.grade import wire

_state: dict[str, Any] = {"dir": None, "answers": {}, "dirty": set(), "functions": {}, "models": 0}


ENV_EXCHANGE = "DLKURS_GRADE_EXCHANGE"


def install(exchange: str | None = None) -> None:
    """Remember every check's answer; results go to the folder ``exchange`` (default: ``$DLKURS_GRADE_EXCHANGE``)."""
    from dlkurs.exercises.exercise import Exercise

    _state["dir"] = exchange or os.environ[ENV_EXCHANGE]
    original = Exercise.check
    if getattr(original, "_dlkurs_grade", False):
        return

    def check(self, *args, **kwargs):
        if self.name is not None:
            if args or "answer" in kwargs:
                _state["answers"][self.name] = args[0] if args else kwargs["answer"]
            else:
                _state["answers"].pop(self.name, None)
            _state["dirty"].add(self.name)
        return original(self, *args, **kwargs)

    check._dlkurs_grade = True
    check.__doc__ = original.__doc__
    Exercise.check = check


def _write(name: str, tree: Any, arrays: dict) -> None:
    data = wire.pack(tree, arrays)
    path = os.path.join(_state["dir"], name)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _encoder() -> wire.Encoder:
    def on_function(fn: Any) -> dict:
        from dlkurs.exercises.placeholder import references_placeholder

        handle = f"f{len(_state['functions'])}"
        _state["functions"][handle] = fn
        name = getattr(fn, "__name__", "f")
        from dlkurs.exercises.guards import function_source

        source = function_source(fn)  # plain text: the grader only parses it (forbid= checks)
        return {"t": "function", "h": handle, "name": name if isinstance(name, str) else "f",
                "placeholder": bool(references_placeholder(fn)),
                "source": source[:20000] if isinstance(source, str) else None}

    def on_model(model: Any) -> dict:
        _state["models"] += 1
        name = f"modell-{_state['models']}.keras"
        try:
            model.save(os.path.join(_state["dir"], name))
        except Exception as err:
            return {"t": "opaque", "type": "keras.Model",
                    "repr": f"Modell, das sich nicht speichern lässt ({type(err).__name__})"}
        return {"t": "model", "file": name}

    return wire.Encoder(on_function=on_function, on_model=on_model)


def export(result_file: str, fallback: dict[str, str] | None = None, names: list[str] | None = None) -> None:
    """Write the answers checked since the last export.

    fallback: exercise -> answer expression of the lesson, evaluated for
        exercises never checked (e.g. the learner deleted the check call).
    names: only these exercises (None: all dirty ones).
    """
    encoder = _encoder()
    out: dict[str, Any] = {"checked": {}, "fallback": {}}
    for name in sorted(_state["dirty"] if names is None else names):
        if name not in _state["answers"]:
            out["checked"][name] = {"t": "absent"}
            continue
        try:
            out["checked"][name] = encoder.encode(_state["answers"][name])
        except BaseException as err:  # noqa: BLE001 - whatever the value does, report it
            out["checked"][name] = {"t": "opaque", "type": "object", "repr": f"nicht übertragbar ({type(err).__name__})"}
    _state["dirty"].clear()
    namespace = _user_namespace()
    for name, expression in (fallback or {}).items():
        if name in _state["answers"]:
            continue
        try:
            value = eval(compile(expression, "<antwort>", "eval"), namespace)  # noqa: S307 - learner's own namespace
            out["fallback"][name] = encoder.encode(value)
        except NameError:
            out["fallback"][name] = {"t": "absent"}
        except BaseException as err:  # noqa: BLE001
            out["fallback"][name] = {"t": "error", "type": type(err).__name__, "message": str(err)[:200]}
    _write(result_file, out, encoder.arrays)


def _user_namespace() -> dict:
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except Exception:
        pass
    import __main__

    return vars(__main__)


def call(handle: str, request_file: str, result_file: str, timeout: float | None) -> None:
    """Call function ``handle`` with the pickled (args, kwargs) from the grader; write the outcome."""
    from dlkurs.exercises.placeholder import PlaceholderError
    from dlkurs.exercises.timelimit import TimeLimitExceeded, call_with_time_limit
    from dlkurs.exercises.verdict import NotAttempted

    with open(os.path.join(_state["dir"], request_file), "rb") as f:
        args, kwargs = pickle.load(f)  # written by the grader
    fn = _state["functions"].get(handle)
    outcome: dict[str, Any]
    encoder = _encoder()
    try:
        if fn is None:
            raise NameError("Funktion nicht mehr vorhanden")
        result = call_with_time_limit(lambda: fn(*args, **kwargs), timeout or 0)
        outcome = {"ok": encoder.encode(result)}
    except (PlaceholderError, NotAttempted):
        outcome = {"placeholder": True}
    except TimeLimitExceeded as err:
        outcome = {"time_limit": err.seconds}
    except BaseException as err:  # noqa: BLE001 - the learner's error is the result
        builtin = next((c.__name__ for c in type(err).__mro__ if c.__module__ == "builtins"), "Exception")
        outcome = {"error": {"type": type(err).__name__, "builtin": builtin, "message": str(err)[:300]}}
    try:
        outcome["args"] = encoder.encode([list(args), kwargs])
    except BaseException:  # noqa: BLE001
        pass
    _write(result_file, outcome, encoder.arrays)

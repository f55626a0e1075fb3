"""The base of every exercise: check, hint, solution; declared wrong answers.

A check module declares exercises as module attributes; the attribute name is
the exercise name and also the name of its solution region in the lesson
source::

    quadratsumme = ValueExercise(
        title="Summe der Quadratzahlen",
        expected=338350,
        hints=["…", "…"],
        wrong=[Wrong(5050, expect="zu klein"), Wrong(lazy(lambda: list(range(10))), expect="Liste")],
    )

Learners call ``check(answer)``, ``hint()``, ``hint(2)`` and ``solution()``.
A check never raises because of the answer (strict mode aside): whatever the
learner passes, the result is a :class:`~dlkurs.exercises.verdict.Verdict`.
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from dlkurs import catalog, settings
from dlkurs.exercises import display, progress
from dlkurs.exercises.compare import clean
from dlkurs.exercises.placeholder import PlaceholderError, contains_placeholder
from dlkurs.exercises.timelimit import TimeLimitExceeded
from dlkurs.exercises.verdict import (
    FALSCH,
    INTERNER_FEHLER,
    KEINE_PRUEFUNG,
    NICHT_BEARBEITET,
    RICHTIG,
    ExerciseFailed,
    Falsch,
    NotAttempted,
    Verdict,
)

MISSING = object()

NOT_ATTEMPTED_MESSAGE = "Ersetze den Platzhalter ___ durch deine Lösung und führe die Zelle erneut aus."


def sentence(text: str) -> str:
    """``text`` ending with a full stop (unless it already ends in punctuation)."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", "…")) else text + "."


class lazy:  # noqa: N801 - used like a function: lazy(lambda: ...)
    """An answer that is built only when needed: ``lazy(lambda: keras.Sequential([...]))``.

    Use it for declared wrong answers and references that are expensive, need
    Keras, or must be fresh for every use (models, mutable arrays).
    """

    def __init__(self, factory: Callable[[], Any]) -> None:
        if not callable(factory):
            raise TypeError(f"lazy() needs a function without arguments. Received: {factory!r}")
        self.factory = factory

    def __call__(self) -> Any:
        return self.factory()

    def __repr__(self) -> str:
        return f"lazy({getattr(self.factory, '__name__', 'factory')})"


class per_profile(lazy):  # noqa: N801
    """A value that depends on the lesson profile, read when it is used (not at import).

    ``threshold=per_profile(quick=0.6, full=0.84)``: a check module is imported
    once per process, so a value fixed at import would hold whichever profile
    came first.
    """

    def __init__(self, *, quick: Any, full: Any) -> None:
        from dlkurs.lessonapi import pick

        self.quick, self.full = quick, full
        super().__init__(lambda: pick(quick=quick, full=full))

    def __repr__(self) -> str:
        return f"per_profile(quick={self.quick!r}, full={self.full!r})"


def resolve(answer: Any) -> Any:
    """The answer itself; a :class:`lazy` answer is built now."""
    return answer() if isinstance(answer, lazy) else answer


class Wrong:
    """A typical wrong answer, declared next to its exercise.

    answer: the wrong answer, or ``lazy(factory)`` to build it on demand.
    expect: a fragment the verdict's message must contain (case-insensitive),
        i.e. the words that name the problem; the course harness asserts it.
    feedback: optional extra sentence shown to a learner whose answer equals
        this wrong answer (value exercises), e.g. "Das ist die Summe von 1 bis 100."
    instruction: True when this answer gets the result by breaking an explicit
        instruction of the task ("mit Schleifen" solved with ``a @ b``, "mit
        ReLU" without ReLU, another loss than the one named). Every counted
        exercise declares at least one such answer (the harness asserts it).
    """

    def __init__(self, answer: Any, *, expect: str, feedback: str | None = None, instruction: bool = False) -> None:
        if not isinstance(expect, str) or not expect.strip():
            raise ValueError("Wrong(...) needs expect='fragment of the reason', e.g. expect='Form'.")
        self.answer = answer
        self.expect = expect
        self.feedback = feedback
        self.instruction = bool(instruction)

    def build(self) -> Any:
        """The wrong answer (a fresh one for each call if it is lazy)."""
        return resolve(self.answer)

    def sample(self) -> Any:
        """The wrong answer, built once and kept (for comparing with learners' answers)."""
        if not hasattr(self, "_sample"):
            self._sample = self.build()
        return self._sample

    def __repr__(self) -> str:
        extra = ", instruction=True" if self.instruction else ""
        return f"Wrong({self.answer!r}, expect={self.expect!r}{extra})"


class Right:
    """A correct answer that differs from the lesson's solution, declared next to its exercise.

    answer: the alternative answer, or ``lazy(factory)``.
    why: what makes it different (English, for authors), e.g. "the training
        step decorated with @tf.function" or "Dense(1) followed by Activation('sigmoid')".

    The harness asserts every alternative gives "richtig": where the lesson
    accepts an answer, the check accepts it. Every counted exercise declares
    at least one.
    """

    def __init__(self, answer: Any, *, why: str) -> None:
        if not isinstance(why, str) or not why.strip():
            raise ValueError("Right(...) needs why='what makes this correct answer different'.")
        self.answer = answer
        self.why = why

    def build(self) -> Any:
        return resolve(self.answer)

    def __repr__(self) -> str:
        return f"Right({self.why!r})"


#: The seed every check runs under, so that the same answer gets the same verdict.
CHECK_SEED = 20241


@contextlib.contextmanager
def seeded(seed: int = CHECK_SEED) -> Iterator[None]:
    """Run a check under a fixed seed of Python's and NumPy's global generators.

    Python's and NumPy's generator states are restored afterwards, so a check
    does not change what the learner's next random numbers are; Keras' seed
    (set too once Keras is imported) cannot be restored and stays at the
    check's seed.
    """
    import sys

    import numpy as np

    py_state = random.getstate()
    np_state = np.random.get_state()
    if "keras" in sys.modules:  # checks that build or train models: Keras' seed as well
        try:
            sys.modules["keras"].utils.set_random_seed(seed)
        except Exception:  # pragma: no cover - a half-imported Keras
            pass
    random.seed(seed)
    np.random.seed(seed % 2**32)
    try:
        yield
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)


def strict() -> bool:
    """True when checks must raise on anything but "richtig" (``DLKURS_STRICT_CHECKS=1``)."""
    return os.environ.get(settings.ENV_STRICT, "").strip() == "1"


def lesson_source(lesson_id: str) -> str | None:
    """The raw text of a lesson's source, as the catalog names it (None: no such lesson)."""
    lesson = catalog.find(lesson_id)
    if lesson is None:
        return None
    try:
        return lesson.source_path.read_text(encoding="utf-8")
    except OSError:
        return None


class Exercise:
    """Base class of all exercise kinds.

    title: German title shown to learners.
    hints: German hints, shown in order by ``hint()``, ``hint(2)``, …
    wrong: typical wrong answers (:class:`Wrong`); the harness asserts each fails
        with its ``expect`` fragment. Every counted exercise declares at least
        three, one of them marked ``instruction=True``.
    alternatives: correct answers other than the solution (:class:`Right`); the
        harness asserts each is "richtig". Every counted exercise declares one.
    reference: optional correct answer (or ``lazy(factory)``) that can be built
        without the lesson; the harness asserts it passes.
    solution: solution text; by default the lesson's solution region of the same name.
    """

    #: German name of the kind, for listings.
    kind = "Aufgabe"
    #: Whether the exercise counts (thought questions do not).
    counted = True

    def __init__(
        self,
        *,
        title: str,
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        reference: Any = MISSING,
        solution: str | None = None,
        alternatives: Sequence[Right] = (),
    ) -> None:
        if not isinstance(title, str) or not title:
            raise ValueError("An exercise needs a German title: title='…'.")
        if isinstance(hints, str):
            raise TypeError("hints must be a list of strings, not one string.")
        wrong = list(wrong)
        for item in wrong:
            if not isinstance(item, Wrong):
                raise TypeError(f"wrong=[...] takes Wrong(answer, expect='…') items. Received: {item!r}")
        alternatives = list(alternatives)
        for item in alternatives:
            if not isinstance(item, Right):
                raise TypeError(f"alternatives=[...] takes Right(answer, why='…') items. Received: {item!r}")
        self.alternatives = alternatives
        self.title = title
        self.hints = [str(h) for h in hints]
        self.wrong = wrong
        self._reference = reference
        self._solution = solution
        self.name: str | None = None
        self.lesson: str | None = None

    # -- declaration --------------------------------------------------------------------

    def bind(self, lesson: str, name: str) -> None:
        """Attach the exercise to its lesson and name (done when the check module loads)."""
        if self.name is not None and (self.lesson, self.name) != (lesson, name):
            raise ValueError(f"Exercise {self.title!r} is declared twice: as {self.name!r} and {name!r}.")
        self.lesson, self.name = lesson, name

    @property
    def has_reference(self) -> bool:
        return self._reference is not MISSING

    def reference(self) -> Any:
        """The declared standalone reference answer (built now if lazy or taken from the solution)."""
        if self._reference is MISSING:
            raise LookupError(f"{self.qualname} declares no reference.")
        from dlkurs.exercises.solutions import from_solution

        if isinstance(self._reference, from_solution):
            if not hasattr(self, "_from_solution"):
                self._from_solution = self._reference.build(self.lesson, self.name)
            return self._from_solution
        return resolve(self._reference)

    @property
    def qualname(self) -> str:
        return f"{self.lesson or '?'}/{self.name or '?'}"

    @property
    def _call(self) -> str:
        return f"aufgabe.{self.name or 'aufgabe'}"

    # -- judging (subclasses implement _judge) ------------------------------------------

    def _judge(self, answer: Any) -> str | None:
        """Return None if ``answer`` is right, or the German reason; may raise Falsch."""
        raise NotImplementedError

    def _matches(self, answer: Any, wrong_answer: Any) -> bool:
        """Whether ``answer`` equals a declared wrong answer (for its feedback)."""
        return False

    def evaluate(self, answer: Any = MISSING) -> Verdict:
        """The verdict for ``answer``; no display, no recording, never raises."""
        verdict = self._evaluate(answer)
        verdict.lesson, verdict.exercise = self.lesson, self.name
        return verdict

    def _evaluate(self, answer: Any) -> Verdict:
        if answer is MISSING:
            return Verdict(NICHT_BEARBEITET, f"Übergib deine Antwort: {self._call}.check(deine_antwort)")
        try:
            if contains_placeholder(answer):
                return Verdict(NICHT_BEARBEITET, NOT_ATTEMPTED_MESSAGE)
            with seeded():
                reason = self._judge(answer)
        except (NotAttempted, PlaceholderError):
            return Verdict(NICHT_BEARBEITET, NOT_ATTEMPTED_MESSAGE)
        except Falsch as wrong:
            reason = wrong.reason or "Die Antwort stimmt nicht."
        except TimeLimitExceeded as err:
            reason = f"Zeitlimit von {err.seconds:g} s überschritten."
        except KeyboardInterrupt:
            raise
        except BaseException as err:  # a bug in the checker must not become a traceback
            if _is_data_error(err):  # the check needs a dataset this machine lacks: say how to get it
                return Verdict(
                    INTERNER_FEHLER,
                    f"Die Prüfung braucht Daten, die hier fehlen – deine Antwort ist noch nicht bewertet. {err}",
                )
            return Verdict(
                INTERNER_FEHLER,
                f"Interner Fehler im Prüfer ({type(err).__name__}: {clean(err, 160)}). "
                "Deine Antwort ist damit weder richtig noch falsch bewertet – bitte der Kursleitung melden.",
            )
        if reason is None:
            return Verdict(RICHTIG, self.praise())
        return Verdict(FALSCH, self._with_feedback(sentence(str(reason)), answer))

    def praise(self) -> str:
        return "Gut gemacht!"

    def _with_feedback(self, reason: str, answer: Any) -> str:
        if type(self)._matches is Exercise._matches:  # this kind cannot compare answers
            return reason
        for wrong in self.wrong:
            if wrong.feedback:
                try:
                    if self._matches(answer, wrong.sample()):
                        return f"{reason} {sentence(wrong.feedback)}"
                except BaseException:
                    continue
        return reason

    # -- learner API ---------------------------------------------------------------------

    def _record(self, action: str, status: str | None, detail: str | None = None) -> None:
        # exercises outside a check module (made up in a notebook) are not recorded
        if self.lesson is not None and self.name is not None:
            progress.record(self.lesson, self.name, action, status, detail)

    def check(self, answer: Any = MISSING) -> Verdict:
        """Check ``answer``, show the verdict, record it and return it.

        In strict mode (``DLKURS_STRICT_CHECKS=1``, set by ``dlkurs run``) a
        verdict other than "richtig" raises :class:`ExerciseFailed`.
        """
        verdict = self.evaluate(answer)
        self._record(progress.CHECK, verdict.status, verdict.message)
        if verdict.status == FALSCH and self.hints:
            verdict_hint = f" Tipp gefällig? {self._call}.hint()"
        else:
            verdict_hint = ""
        shown = Verdict(verdict.status, verdict.message + verdict_hint, verdict.lesson, verdict.exercise)
        shown.show()
        verdict._shown_in = shown._shown_in
        if strict() and verdict.status not in (RICHTIG, KEINE_PRUEFUNG):
            raise ExerciseFailed(self.lesson, self.name, verdict.status, verdict.message)
        return verdict

    def hint_text(self, n: Any = 1) -> tuple[bool, str]:
        """(shown, text): hint number ``n`` or a German note why there is none."""
        count = len(self.hints)
        if count == 0:
            return False, f"Zu dieser Aufgabe gibt es keine Tipps. Die Lösung zeigt {self._call}.solution()."
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            return False, f"Die Tipps sind von 1 bis {count} nummeriert, z. B. {self._call}.hint(1)."
        if n > count:
            last = "Es gibt nur einen Tipp" if count == 1 else f"Es gibt nur {count} Tipps"
            return False, (
                f"{last} – mehr habe ich nicht. Wenn du nicht weiterkommst, "
                f"zeigt {self._call}.solution() die Lösung."
            )
        text = f"Tipp {n} von {count}: {self.hints[n - 1]}"
        if n < count:
            text += f"\n(Der nächste Tipp: {self._call}.hint())"
        return True, text

    def hint(self, n: Any = None) -> None:
        """Show hint number ``n`` (1 = the first); without ``n`` the next one after the last shown."""
        if n is None:
            n = getattr(self, "_last_hint", 0) + 1
        shown, text = self.hint_text(n)
        if shown:
            self._last_hint = n
        self._record(progress.HINT, "shown" if shown else "none", str(n))
        display.show(
            text,
            display.box("Tipp", display.inline_html(text), kind="hint", icon="?")
            if shown
            else display.box("Kein weiterer Tipp", display.inline_html(text), kind="note", icon="i"),
        )

    def solution_text(self) -> str | None:
        """The solution: declared text, else the lesson's solution region of this name."""
        if self._solution is not None:
            return self._solution
        if not (self.lesson and self.name):
            return None
        from dlkurs.exercises.markers import find_named_region

        source = lesson_source(self.lesson)
        return None if source is None else find_named_region(source, self.name)

    #: "code" (syntax-highlighted) or "markdown"
    solution_format = "code"

    def solution(self) -> None:
        """Show the solution."""
        try:
            text = self.solution_text()
        except Exception:
            text = None
        self._record(progress.SOLUTION, "shown" if text else "none")
        if not text:
            message = "Für diese Aufgabe ist keine Lösung hinterlegt."
            display.show(message, display.box(message, "", kind="note", icon="i"))
            return
        header = f"Lösung zu {self.name}" if self.name else "Lösung"
        if self.solution_format == "markdown":
            display.show(f"{header}:\n{text}", markdown=f"**{header}:**\n\n{text}")
        else:
            body = display.code_html(text)
            display.show(
                f"{header}:\n{text}",
                display.box(header, body, kind="solution", icon="»"),
            )

    # -- display of the exercise itself -------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"{self.kind} {self.name or '?'} (Lektion {self.lesson or '?'}): {self.title} – "
            f"{self._call}.check(antwort), .hint(), .solution()"
        )

    def _repr_html_(self) -> str:
        return display.box(
            f"{self.kind}: {self.title}",
            display.inline_html(f"`{self._call}.check(antwort)` prüft, `.hint()` gibt einen Tipp, `.solution()` zeigt die Lösung."),
            kind="hint",
            icon="i",
        )


def _is_data_error(err: BaseException) -> bool:
    from dlkurs.data.errors import DataError

    return isinstance(err, DataError)

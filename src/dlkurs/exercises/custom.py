"""A check written as a function, for what the other kinds do not cover."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dlkurs.exercises.exercise import Exercise, MISSING, Right, Wrong
from dlkurs.exercises.verdict import FALSCH, NICHT_BEARBEITET, RICHTIG, Falsch, NotAttempted, Verdict


class CustomExercise(Exercise):
    """Any check the other kinds do not cover, as a function of the answer.

    check: ``check(answer)`` returns ``None`` or ``True`` when the answer is
        right; ``False`` or a German reason (``str``) when it is wrong; or
        raises :class:`~dlkurs.exercises.verdict.Falsch` with the reason.
        Use :func:`~dlkurs.exercises.functions.call_answer` to call a learner's
        function safely and :func:`~dlkurs.exercises.compare.compare_values`
        to compare values; any other exception counts as a bug in the check
        ("interner Fehler im Prüfer").

    Example::

        def _sinkt(verluste):
            if len(verluste) < 2:
                raise Falsch("Mindestens zwei Verlustwerte nötig")
            if verluste[-1] >= verluste[0]:
                return f"Der Verlust sinkt nicht ({verluste[0]:.3g} → {verluste[-1]:.3g})"

        verlauf = CustomExercise(title="Verlust sinkt", check=_sinkt, hints=[...], wrong=[...])
    """

    def __init__(
        self,
        *,
        title: str,
        check: Callable[[Any], Any],
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        reference: Any = MISSING,
        solution: str | None = None,
        alternatives: Sequence[Right] = (),
    ) -> None:
        if not callable(check):
            raise TypeError("CustomExercise(check=...) needs a function of the answer.")
        super().__init__(
            title=title, hints=hints, wrong=wrong, reference=reference, solution=solution, alternatives=alternatives
        )
        self._check_fn = check

    def _judge(self, answer: Any) -> str | None:
        result = self._check_fn(answer)
        if result is None or result is True:
            return None
        if result is False:
            return "Die Antwort stimmt nicht"
        if isinstance(result, str):
            return result
        if isinstance(result, Verdict):
            if result.status == RICHTIG:
                return None
            if result.status == NICHT_BEARBEITET:
                raise NotAttempted()
            if result.status == FALSCH:
                raise Falsch(result.message)
        raise TypeError(f"check function returned {type(result).__name__}; expected None, bool, str or Verdict")

"""Exercises whose answer is a value: numbers, shapes, arrays, tensors, containers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dlkurs.exercises.compare import Options, compare_values
from dlkurs.exercises.exercise import Exercise, MISSING, Right, Wrong, resolve


class ValueExercise(Exercise):
    """The answer must equal ``expected`` (floats within tolerances).

    expected: the correct value: a number, a tuple (e.g. a shape), a NumPy
        array, a dict, … or ``lazy(factory)`` to compute it on first use.
    rtol, atol: tolerances for floats (``np.isclose``); integers compare exactly.
    check_dtype: arrays must have exactly the dtype of ``expected``.
    strict_type: containers must have the exact type (``list`` is not ``tuple``).
    accept_lists: where an array is expected, a nested list is fine as well.
    reveal: messages may show the expected value ("5050 statt 338350");
        with ``reveal=False`` they say "zu groß"/"zu klein" instead.
    what: the noun for the whole value in messages (default "Form" for
        tuples of integers, else "Wert").

    Example::

        form = ValueExercise(
            title="Form des Bildstapels",
            expected=(128, 28, 28),
            hints=["Ein Stapel hat die Achsen (Bilder, Zeilen, Spalten)."],
            wrong=[Wrong((28, 28, 128), expect="Reihenfolge"), Wrong((128, 784), expect="Form")],
        )
    """

    kind = "Aufgabe"

    def __init__(
        self,
        *,
        title: str,
        expected: Any,
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        rtol: float = 1e-5,
        atol: float = 1e-8,
        check_dtype: bool = False,
        strict_type: bool = False,
        accept_lists: bool = False,
        reveal: bool = True,
        what: str | None = None,
        reference: Any = MISSING,
        solution: str | None = None,
        alternatives: Sequence[Right] = (),
    ) -> None:
        super().__init__(
            title=title,
            hints=hints,
            wrong=wrong,
            reference=expected if reference is MISSING else reference,
            solution=solution,
            alternatives=alternatives,
        )
        self._expected = expected
        self._resolved = False
        self.options = Options(
            rtol=rtol,
            atol=atol,
            check_dtype=check_dtype,
            strict_type=strict_type,
            accept_lists=accept_lists,
            reveal=reveal,
            what=what,
        )

    @property
    def expected(self) -> Any:
        if not self._resolved:
            self._expected = resolve(self._expected)
            self._resolved = True
        return self._expected

    def _judge(self, answer: Any) -> str | None:
        return compare_values(answer, self.expected, self.options)

    def _matches(self, answer: Any, wrong_answer: Any) -> bool:
        return compare_values(answer, wrong_answer, self.options) is None


class ShapeExercise(ValueExercise):
    """A shape: a tuple (or list) of whole numbers – ``(32.0, 5.0, 10.0)`` is no shape NumPy accepts.

    Besides the comparison of :class:`ValueExercise`, the shape written as text
    (``"(128, 32, 32, 3)"``) and axis lengths given as floats get a reason of
    their own.
    """

    def _judge(self, answer: Any) -> str | None:
        import numbers

        if isinstance(answer, str) and answer.strip()[:1] in ("(", "["):
            return ("Die Form steht als Text in Anführungszeichen (Typ str statt tuple) – "
                    "schreibe das Tupel selbst, ohne Anführungszeichen")
        if isinstance(answer, (tuple, list)):
            for value in answer:
                if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
                    return (f"Die Form enthält die Kommazahl {value!r} – die Längen der Achsen sind ganze Zahlen "
                            "(schreibe z. B. 3 statt 3.0); NumPy lehnt eine solche Form ab")
        return super()._judge(answer)

"""The exercise kinds: verdicts, strict mode, hints, solutions, bad input, time limits."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from dlkurs import settings
from dlkurs.exercises import (
    FALSCH,
    INTERNER_FEHLER,
    KEINE_PRUEFUNG,
    NICHT_BEARBEITET,
    RICHTIG,
    ___,
    Case,
    CustomExercise,
    ExerciseFailed,
    Falsch,
    FunctionExercise,
    ThoughtQuestion,
    UnknownLessonExercises,
    ValueExercise,
    Verdict,
    Wrong,
    aufgaben,
    call_answer,
    lazy,
)
from dlkurs.exercises import display as display_module


def bound(exercise, name="aufgabe_x", lesson="9.9"):
    exercise.bind(lesson, name)
    return exercise


# -- values ---------------------------------------------------------------------------


def test_value_verdicts():
    ex = bound(ValueExercise(title="Form", expected=(128, 28, 28), hints=["h1"], wrong=[Wrong((28, 28, 128), expect="Reihenfolge")]))
    assert ex.evaluate((128, 28, 28)).status == RICHTIG
    verdict = ex.evaluate((28, 28, 128))
    assert verdict.status == FALSCH
    assert "Reihenfolge" in verdict.message
    assert ex.evaluate(___).status == NICHT_BEARBEITET
    assert ex.evaluate((128, ___, 28)).status == NICHT_BEARBEITET
    assert ex.evaluate().status == NICHT_BEARBEITET  # check() without an answer


def test_feedback_of_declared_wrong_answer():
    ex = bound(
        ValueExercise(
            title="Summe",
            expected=338350,
            reveal=False,
            wrong=[Wrong(5050, expect="zu klein", feedback="Das ist die Summe von 1 bis 100")],
        )
    )
    assert ex.evaluate(5050).message == "Wert 5050 ist zu klein. Das ist die Summe von 1 bis 100."
    assert ex.evaluate(5051).message == "Wert 5051 ist zu klein."


def test_lazy_expected_is_built_once():
    calls = []

    def build():
        calls.append(1)
        return np.arange(3)

    ex = bound(ValueExercise(title="t", expected=lazy(build)))
    assert ex.evaluate(np.arange(3)).ok
    assert ex.evaluate(np.arange(3)).ok
    assert calls == [1]


def test_bad_input_never_raises():
    ex = bound(ValueExercise(title="t", expected=np.zeros((3, 4), "float32")))

    class Weird:
        def __eq__(self, other):
            raise RuntimeError("boom")

        def __array__(self, *a, **k):
            raise RuntimeError("kein Array")

    for answer in (None, float("nan"), "text", [1, 2], {"a": 1}, Weird(), np.zeros((10**3, 10**3)), object, print):
        verdict = ex.evaluate(answer)
        assert verdict.status == FALSCH, (answer, verdict)
        assert len(verdict.message) < 200


def test_internal_error_becomes_a_verdict():
    def broken(answer):
        return {}["missing"]

    ex = bound(CustomExercise(title="t", check=broken))
    verdict = ex.evaluate(1)
    assert verdict.status == INTERNER_FEHLER
    assert "Interner Fehler im Prüfer (KeyError" in verdict.message
    ex2 = bound(ValueExercise(title="t", expected=lazy(lambda: 1 / 0)), name="b")
    assert ex2.evaluate(1).status == INTERNER_FEHLER


# -- check(): display, recording, strict mode --------------------------------------------


def test_check_prints_once_and_returns_verdict(capsys):
    ex = bound(ValueExercise(title="t", expected=3, hints=["Denk an 1 + 2."]))
    verdict = ex.check(4)
    out = capsys.readouterr().out
    assert isinstance(verdict, Verdict)
    assert verdict.status == FALSCH and verdict.message == "Wert 4 statt 3."
    assert out.count("Falsch") == 1
    assert "aufgabe_x.hint()" in out  # the shown text points to the hint
    assert not verdict  # a verdict is truthy only when right
    assert ex.check(3)


def test_verdict_is_not_displayed_twice_in_the_same_cell(monkeypatch):
    shown = []
    count = {"n": 7}
    monkeypatch.setattr(display_module, "execution_count", lambda: count["n"])
    monkeypatch.setattr(display_module, "show", lambda plain, html=None, markdown=None: shown.append(plain))
    ex = bound(ValueExercise(title="t", expected=3))
    verdict = ex.check(3)
    assert len(shown) == 1
    verdict._ipython_display_()  # IPython displays the cell's last expression
    assert len(shown) == 1
    count["n"] = 8  # a later cell that shows the stored verdict
    verdict._ipython_display_()
    assert len(shown) == 2
    assert "dlkurs-success" in verdict._repr_html_() and "Richtig" in verdict._repr_html_()


def test_strict_mode_raises_with_lesson_exercise_and_reason(monkeypatch, capsys):
    monkeypatch.setenv(settings.ENV_STRICT, "1")
    ex = bound(ValueExercise(title="t", expected=3), name="summe", lesson="1.7")
    assert ex.check(3).ok
    with pytest.raises(ExerciseFailed) as info:
        ex.check(4)
    assert info.value.lesson == "1.7" and info.value.exercise == "summe"
    assert "Lektion 1.7, Aufgabe 'summe': falsch – Wert 4 statt 3." == str(info.value)
    with pytest.raises(ExerciseFailed, match="noch nicht bearbeitet"):
        ex.check(___)
    thought = bound(ThoughtQuestion(title="Warum?", solution="Darum."), name="warum")
    assert thought.check().status == KEINE_PRUEFUNG  # thought questions never fail a run


def test_every_call_is_recorded(progress_db):
    from dlkurs.exercises import progress

    ex = bound(ValueExercise(title="t", expected=3, hints=["a", "b"]), name="drei")
    ex.check(___)
    ex.check(4)
    ex.hint()
    ex.hint(2)
    ex.hint(5)
    ex.solution()
    ex.check(3)
    events = progress.events(progress_db)
    assert [(e.action, e.status) for e in events] == [
        ("check", NICHT_BEARBEITET),
        ("check", FALSCH),
        ("hint", "shown"),
        ("hint", "shown"),
        ("hint", "none"),
        ("solution", "none"),
        ("check", RICHTIG),
    ]
    (item,) = progress.summary(progress_db)
    assert (item.checks, item.solved, item.hints_used, item.solution_seen) == (2, True, 2, False)


# -- hints and solutions ---------------------------------------------------------------


def test_hints_in_order_and_beyond_the_last():
    ex = bound(ValueExercise(title="t", expected=1, hints=["erster", "zweiter"]), name="eins")
    assert ex.hint_text() == (True, "Tipp 1 von 2: erster\n(Der nächste Tipp: aufgabe.eins.hint())")
    assert ex.hint_text(2) == (True, "Tipp 2 von 2: zweiter")
    shown, text = ex.hint_text(3)
    assert not shown and "nur 2 Tipps" in text and "aufgabe.eins.solution()" in text
    for bad in (0, -1, "2", 1.5, None):
        assert ex.hint_text(bad)[0] is False
    none = bound(ValueExercise(title="t", expected=1), name="ohne")
    assert "keine Tipps" in none.hint_text()[1]


def test_hint_and_solution_print(capsys):
    ex = bound(ValueExercise(title="t", expected=1, hints=["erster"], solution="x = 1"), name="eins")
    ex.hint()
    ex.solution()
    out = capsys.readouterr().out
    assert "Tipp 1 von 1: erster" in out
    assert "Lösung zu eins:\nx = 1" in out


def test_solution_comes_from_the_lesson_region():
    q = aufgaben("1.2").quadratsumme
    assert q.solution_text() == "quadratsumme = int(np.sum(np.arange(1, 101) ** 2))"


def test_thought_question():
    q = bound(ThoughtQuestion(title="Warum ReLU?", solution="Weil der Gradient nicht verschwindet."), name="warum")
    verdict = q.evaluate("egal")
    assert verdict.status == KEINE_PRUEFUNG and "nichts automatisch zu prüfen" in verdict.message
    assert q.solution_text() == "Weil der Gradient nicht verschwindet."
    assert not q.counted


# -- functions -------------------------------------------------------------------------


def relu_exercise(timeout=1.0):
    return bound(
        FunctionExercise(
            title="ReLU",
            reference=lambda x: np.maximum(x, 0.0),
            cases=[
                Case(np.array([-1.0, 2.0, -3.0])),
                Case(np.zeros((2, 3))).named("nur Nullen"),
                Case(np.array([])).named("leeres Array"),
                Case("kein Array").raises((TypeError, ValueError)).named("Text"),
            ],
            timeout=timeout,
        ),
        name="relu",
    )


def good_relu(x):
    if isinstance(x, str):
        raise TypeError("x muss ein Array sein")
    return np.maximum(x, 0.0)


def test_function_right_and_wrong():
    ex = relu_exercise()
    assert ex.evaluate(good_relu).ok
    message = ex.evaluate(lambda x: np.abs(x) if not isinstance(x, str) else 1 / 0).message
    # wrong values come first; the message names the input
    assert message.startswith("Für Eingabe f(Array [-1.0, 2.0, -3.0] (float64)): Wert an Index 0 falsch: 1.0 statt 0.0")


def test_function_raises_for_input():
    ex = relu_exercise()

    def fails(x):
        raise ValueError("kaputt")

    assert ex.evaluate(fails).message == "Funktion löst für Eingabe fails(Array [-1.0, 2.0, -3.0] (float64)) ValueError aus: kaputt."


def test_function_should_raise_but_returns():
    ex = relu_exercise()

    def lenient(x):
        return 0 if isinstance(x, str) else np.maximum(x, 0.0)

    assert "sollte die Funktion TypeError oder ValueError auslösen, gibt aber 0 zurück" in ex.evaluate(lenient).message


def test_function_must_not_mutate_its_input():
    ex = relu_exercise()

    def in_place(x):
        if isinstance(x, str):
            raise TypeError()
        x[x < 0] = 0
        return x

    message = ex.evaluate(in_place).message
    assert "verändert ihre Eingabe (Argument 1)" in message
    # the exercise's own cases are untouched (the learner got copies)
    assert ex.cases[0].args[0][0] == -1.0


def test_function_placeholder_and_none():
    ex = relu_exercise()
    assert ex.evaluate(lambda x: ___).status == NICHT_BEARBEITET
    assert ex.evaluate(lambda x: x + ___).status == NICHT_BEARBEITET
    assert ex.evaluate(___).status == NICHT_BEARBEITET
    assert "fehlt ein return" in ex.evaluate(lambda x: None).message
    assert "Erwartet wird eine Funktion" in ex.evaluate(np.zeros(3)).message


def test_function_that_never_returns_hits_the_time_limit():
    ex = relu_exercise(timeout=0.3)

    def forever(x):
        while True:
            pass

    verdict = ex.evaluate(forever)
    assert verdict.status == FALSCH
    assert "Zeitlimit von 0.3 s überschritten" in verdict.message

    def stubborn(x):  # "except Exception" must not swallow the interruption
        while True:
            try:
                time.sleep(0.01)
            except Exception:
                pass

    verdict = ex.evaluate(stubborn)
    assert "Zeitlimit" in verdict.message


def test_time_limit_outside_the_main_thread_uses_a_thread():
    ex = relu_exercise(timeout=0.3)
    result = {}
    stop = threading.Event()

    def slow(x):
        stop.wait(5)
        return x

    worker = threading.Thread(target=lambda: result.setdefault("v", ex.evaluate(slow)))
    worker.start()
    worker.join(10)
    stop.set()
    assert "Zeitlimit von 0.3 s überschritten" in result["v"].message
    assert "im Hintergrund" in result["v"].message


def test_call_answer_for_custom_checks():
    assert call_answer(lambda a, b: a + b, 1, 2) == 3
    with pytest.raises(Falsch, match="ZeroDivisionError"):
        call_answer(lambda: 1 / 0)
    with pytest.raises(Falsch, match="Erwartet wird eine Funktion"):
        call_answer(3)


def test_case_requires_expected_or_reference():
    with pytest.raises(ValueError):
        FunctionExercise(title="t", cases=[Case(1)])
    assert bound(FunctionExercise(title="t", cases=[Case(1, 2).returns(3)])).evaluate(lambda a, b: a + b).ok


# -- custom checks ---------------------------------------------------------------------


def test_custom_check_results():
    def sinkt(verluste):
        if not isinstance(verluste, (list, tuple)) or len(verluste) < 2:
            raise Falsch("Mindestens zwei Verlustwerte nötig")
        if verluste[-1] >= verluste[0]:
            return f"Der Verlust sinkt nicht ({verluste[0]} → {verluste[-1]})"
        return None

    ex = bound(CustomExercise(title="t", check=sinkt))
    assert ex.evaluate([3.0, 2.0]).ok
    assert ex.evaluate([2.0, 3.0]).message == "Der Verlust sinkt nicht (2.0 → 3.0)."
    assert ex.evaluate(None).message == "Mindestens zwei Verlustwerte nötig."
    assert bound(CustomExercise(title="t", check=lambda a: a > 1), name="b").evaluate(0).message == "Die Antwort stimmt nicht."


# -- the namespace ---------------------------------------------------------------------


def test_aufgaben_namespace():
    aufgabe = aufgaben("1.2")
    assert aufgabe.quadratsumme.name == "quadratsumme" and aufgabe.quadratsumme.lesson == "1.2"
    assert [e.name for e in aufgabe] == ["quadratsumme"]
    assert "quadratsumme" in dir(aufgabe)
    with pytest.raises(AttributeError, match="Lektion 1.2 hat keine Aufgabe 'quadrat'"):
        aufgabe.quadrat
    with pytest.raises(UnknownLessonExercises, match="Zur Lektion '9.9' gibt es keine Aufgaben"):
        aufgaben("9.9")
    assert "aufgabe.quadratsumme" in repr(aufgabe)


def test_function_raising_the_wrong_error_is_told_which_was_expected():
    from dlkurs.exercises import Case, FunctionExercise

    ex = FunctionExercise(title="t", cases=[Case(-1).raises(ValueError)], reference=lambda x: x)

    def mit_assert(x):
        assert x >= 0, "negativ"
        return x

    verdict = ex.check(mit_assert)
    assert verdict.status == "falsch"
    assert "AssertionError" in verdict.message and "erwartet war ValueError" in verdict.message


def test_check_that_needs_missing_data_says_how_to_get_it():
    from dlkurs.exercises import CustomExercise

    def needs_mnist(answer):
        from dlkurs.data import load

        load("mnist")  # the autouse fixture gives every test an empty data home, offline

    verdict = CustomExercise(title="t", check=needs_mnist).check(1)
    assert verdict.status == "interner Fehler"
    assert "Daten, die hier fehlen" in verdict.message and "dlkurs data import" in verdict.message


def test_ragged_object_array_input_is_not_reported_as_changed():
    import numpy as np

    from dlkurs.exercises import Case, FunctionExercise

    sequences = np.empty(2, dtype=object)
    sequences[0], sequences[1] = np.array([1, 2], dtype=np.int32), np.array([3], dtype=np.int32)

    def laengen(seqs):
        return np.array([len(s) for s in seqs])

    def verkuerzt(seqs):
        result = np.array([len(s) for s in seqs])
        seqs[0] = seqs[0][:1]
        return result

    ex = FunctionExercise(title="t", cases=[Case(sequences).returns(np.array([2, 1]))])
    assert ex.check(laengen).status == "richtig"
    assert "verändert ihre Eingabe" in ex.check(verkuerzt).message


def test_custom_check_sees_a_returned_placeholder_as_not_attempted():
    from dlkurs.exercises import ___, CustomExercise, call_answer

    ex = CustomExercise(title="t", check=lambda fn: call_answer(fn, 1) == 2)

    def noch_offen(x):
        return ___

    assert ex.check(noch_offen).status == "noch nicht bearbeitet"


def test_hint_without_number_moves_on_to_the_next_hint(capsys, progress_db):
    ex = bound(ValueExercise(title="t", expected=3, hints=["erst", "dann", "zuletzt"]), name="drei")
    shown = []
    for _ in range(4):
        ex.hint()
        shown.append(capsys.readouterr().out)
    assert "Tipp 1 von 3: erst" in shown[0]
    assert "Tipp 2 von 3: dann" in shown[1]
    assert "Tipp 3 von 3: zuletzt" in shown[2]
    assert "Es gibt nur 3 Tipps" in shown[3]
    ex.hint(1)  # an explicit number shows that hint; the next call goes on from there
    capsys.readouterr()
    ex.hint()
    assert "Tipp 2 von 3" in capsys.readouterr().out


def test_boxes_follow_the_theme_and_need_no_emoji_font(progress_db):
    from dlkurs.exercises import display

    ex = bound(ValueExercise(title="t", expected=3, hints=["erst"], solution="x = 3"), name="drei")
    boxes = {
        "success": ex.check(3)._repr_html_(),
        "error": ex.check(4)._repr_html_(),
    }
    for kind, page in boxes.items():
        assert f"dlkurs-{kind}" in page
        assert "var(--jp-layout-color0" in page and "var(--jp-content-font-color1" in page
    solution_box = display.box("Lösung", display.code_html("x = 3"), kind="solution", icon="»")
    assert display.ACCENTS["solution"] != display.ACCENTS["success"] and display.ACCENTS["solution"] in solution_box
    assert "background: #fafafa" in solution_box  # highlighted code on a light panel in both themes
    emoji = [ch for page in [*boxes.values(), solution_box] for ch in page if ord(ch) >= 0x1F000]
    assert emoji == []

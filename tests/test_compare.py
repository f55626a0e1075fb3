"""compare_values: the German reasons for values, shapes, dtypes, arrays and tensors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlkurs.exercises import ___, PlaceholderError, compare_values
from dlkurs.exercises.compare import short


def test_equal_values_pass():
    assert compare_values(3, 3) is None
    assert compare_values(np.int64(3), 3) is None
    assert compare_values(3.0, 3) is None
    assert compare_values(0.1 + 0.2, 0.3) is None
    assert compare_values((4, 3), (4, 3)) is None
    assert compare_values([4, 3], (4, 3)) is None  # a shape as list is fine unless strict_type
    assert compare_values({"a": 1}, {"a": 1}) is None
    assert compare_values("Hallo", "Hallo") is None
    assert compare_values(True, True) is None
    assert compare_values(None, None) is None


def test_integers_compare_exactly():
    assert compare_values(338349, 338350) == "Wert 338349 statt 338350"
    assert compare_values(338350.5, 338350) == "Wert 338350.5 statt 338350"


def test_reveal_false_says_direction_only():
    assert compare_values(5050, 338350, reveal=False) == "Wert 5050 ist zu klein"
    assert compare_values(4e6, 338350, reveal=False) == "Wert 4000000.0 ist zu groß"


def test_float_tolerance():
    assert compare_values(1.0 + 1e-9, 1.0) is None
    assert compare_values(1.01, 1.0) == "Wert 1.01 statt 1.0"
    assert compare_values(1.01, 1.0, rtol=0.1) is None


def test_shape_messages():
    assert compare_values((3, 4), (4, 3)) == "Form (3, 4) statt (4, 3) – die Zahlen stimmen, aber die Reihenfolge nicht"
    assert compare_values((128, 784), (128, 28, 28)) == "Form (128, 784) statt (128, 28, 28) (2 statt 3 Einträge)"
    assert compare_values((None, 10), (None, 10)) is None
    assert "Typ list statt tuple" in compare_values([4, 3], (4, 3), strict_type=True)
    assert "x.shape" in compare_values(np.zeros((4, 3)), (4, 3))


def test_array_messages():
    expected = np.zeros((3, 4), dtype="float32")
    expected[1, 2] = 0.25
    answer = expected.copy()
    answer[1, 2] = 0.5
    assert compare_values(answer, expected) == "Wert an Index (1, 2) falsch: 0.5 statt 0.25"
    assert compare_values(np.zeros((4, 3)), np.zeros((3, 4))) == "Form (4, 3) statt (3, 4) – transponiert?"
    assert compare_values(np.zeros(12), np.zeros((3, 4))).startswith("Form (12,) statt (3, 4) – gleich viele Werte")
    assert compare_values(np.zeros((3, 4), "int64"), expected, check_dtype=True) == "dtype int64 statt float32"
    assert compare_values(np.zeros((3, 4), "int64"), np.zeros((3, 4), "float32")) is None  # dtype free by default
    assert compare_values([[0.0] * 4] * 3, np.zeros((3, 4))) == (
        "Typ list statt numpy.ndarray – mit np.array(...) wird daraus ein Array"
    )
    assert compare_values([[0.0] * 4] * 3, np.zeros((3, 4)), accept_lists=True) is None
    many = np.arange(10.0)
    assert compare_values(many + 1, many) == "Wert an Index 0 falsch: 1.0 statt 0.0 (10 von 10 Werten weichen ab)"


def test_nan_and_none():
    assert compare_values(float("nan"), 1.0).startswith("Wert ist NaN")
    assert compare_values(np.array([1.0, np.nan]), np.array([1.0, 2.0])) == "Wert an Index 1 ist NaN (keine Zahl)"
    assert compare_values(float("nan"), float("nan")) is None
    assert compare_values(None, 3).startswith("None statt einer Zahl")
    assert compare_values(None, np.zeros(3)).startswith("None statt eines Arrays")
    assert compare_values(math.inf, 1.0).startswith("Wert ist unendlich")


def test_wrong_types():
    assert compare_values("3", 3).startswith("Typ str statt int")
    assert compare_values(True, 1).startswith("Typ bool statt int")
    assert compare_values([1, 2], 3).startswith("Typ list statt int – erwartet ist eine einzelne Zahl, keine Liste mit 2")
    assert compare_values(object(), 3).startswith("Typ object statt int")
    assert compare_values(3, "drei").startswith("Typ int statt str")
    assert compare_values({"a": 1}, {"a": 1, "b": 2}).startswith("Es fehlen die Schlüssel 'b'")
    assert compare_values({"a": 2}, {"a": 1}) == "Schlüssel 'a': Wert 2 statt 1"
    assert compare_values([1, 2, 3], [1, 2, 4]) == "Element 2: Wert 3 statt 4"
    assert compare_values([1, 2], [1, 2, 4]) == "2 Elemente statt 3"
    assert compare_values([1.0, "x"], [1.0, "y"]) == "Element 1: Text 'x' statt 'y'"


def test_huge_arrays_are_never_printed():
    big = np.zeros((1000, 1000))
    reason = compare_values(big, np.zeros((1000, 999)))
    assert len(reason) < 120
    other = big.copy()
    other[500, 7] = 3.0
    reason = compare_values(other, big)
    assert reason == "Wert an Index (500, 7) falsch: 3.0 statt 0.0"
    assert len(short(list(range(10**6)))) < 40
    assert short(np.zeros((1000, 1000))) == "Array der Form (1000, 1000) (float64)"


def test_placeholder_inside_answer_raises_placeholder_error():
    with pytest.raises(PlaceholderError):
        compare_values([1, ___], [1, 2])


def test_backend_tensors_are_accepted():
    keras = pytest.importorskip("keras")
    expected = np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32")
    tensor = keras.ops.convert_to_tensor(expected)
    assert compare_values(tensor, expected) is None
    assert compare_values(keras.Variable(expected), expected) is None
    wrong = keras.ops.convert_to_tensor(expected * 2)
    assert compare_values(wrong, expected) == "Wert an Index (0, 0) falsch: 2.0 statt 1.0 (4 von 4 Werten weichen ab)"
    assert compare_values(keras.ops.sum(tensor), 10.0) is None  # 0-d tensor as a number
    assert compare_values(tuple(tensor.shape), (2, 2)) is None
    assert compare_values(keras.ops.transpose(tensor), expected) == "Wert an Index (0, 1) falsch: 3.0 statt 2.0 (2 von 4 Werten weichen ab)"


def test_symbolic_tensor_is_explained():
    keras = pytest.importorskip("keras")
    symbolic = keras.Input(shape=(3,))
    assert "symbolischer Tensor" in compare_values(symbolic, np.zeros((1, 3)))


def test_pandas_frames_are_compared_by_columns_index_and_values():
    import pandas as pd

    from dlkurs.exercises.compare import compare_values, short

    want = pd.DataFrame({"Sex": [0, 1, 0], "Age": [22.0, 38.0, float("nan")], "Name": ["a", "b", "c"]})
    assert compare_values(want.copy(), want) is None
    assert "es fehlen ['Name']" in compare_values(want[["Sex", "Age"]], want)
    assert "Spalte 'Age'" in compare_values(want.assign(Age=[22.0, 38.0, 28.0]), want)
    assert "Spalte 'Name', Zeile 1: 'x' statt 'b'" in compare_values(want.assign(Name=["a", "x", "c"]), want)
    assert "Index" in compare_values(want.iloc[::-1], want.loc[[2, 1, 0]].reset_index(drop=True))
    assert "statt pandas.DataFrame" in compare_values(want.to_numpy(), want)
    assert short(want["Age"]) == "Series 'Age' mit 3 Werten (float64)"
    assert short(want) == "DataFrame der Form (3, 3)"


def test_function_that_changes_its_dataframe_argument_is_caught():
    import pandas as pd

    from dlkurs.exercises import Case, FunctionExercise

    def reference(df):
        out = df.copy()
        out["Age"] = out["Age"].fillna(out["Age"].median())
        return out

    frame = pd.DataFrame({"Age": [20.0, None, 40.0]})
    ex = FunctionExercise(title="t", cases=[Case(frame)], reference=reference)

    def in_place(df):
        df["Age"] = df["Age"].fillna(df["Age"].median())
        return df

    assert ex.check(reference).status == "richtig"
    verdict = ex.check(in_place)
    assert verdict.status == "falsch" and "verändert ihre Eingabe" in verdict.message


def test_framework_errors_lose_their_array_dumps():
    from dlkurs.exercises.compare import clean

    text = "Invalid input shape for input [[0. 0. 0. ... 0. 0.]\n [0. 0. ... 0.]]. Expected shape (None, 784)"
    assert clean(text) == "Invalid input shape for input […]. Expected shape (None, 784)"
    assert clean("index [1, 2] out of range") == "index [1, 2] out of range"

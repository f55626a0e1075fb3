import pytest

from dlkurs.exercises import ___, contains_placeholder
from dlkurs.exercises.markers import (
    MARKDOWN_PLACEHOLDER,
    MarkerError,
    find_named_region,
    render_code,
    split_markdown,
    split_regions,
    whole_cell_region,
)
from dlkurs.exercises.placeholder import PlaceholderError

CELL = """import numpy as np
### BEGIN SOLUTION form
x = np.zeros((4, 3))
form = x.shape
### END SOLUTION
print(form)"""


def test_student_gets_placeholders_for_assigned_names():
    student = render_code(CELL, "student")
    assert "np.zeros" not in student
    assert "x = ___" in student and "form = ___" in student
    assert "Deine Lösung hier (form)" in student
    assert student.splitlines()[0] == "import numpy as np"
    assert student.splitlines()[-1] == "print(form)"


def test_solution_drops_only_the_marker_lines():
    assert render_code(CELL, "solution") == (
        "import numpy as np\nx = np.zeros((4, 3))\nform = x.shape\nprint(form)"
    )


def test_region_inside_function_keeps_indentation_and_returns_placeholder():
    cell = "def relu(z):\n    ### BEGIN SOLUTION relu\n    return np.maximum(z, 0)\n    ### END SOLUTION\n"
    student = render_code(cell, "student")
    assert "    return ___" in student
    compile(student, "<cell>", "exec")


def test_explicit_student_lines_win_and_vanish_from_solution():
    cell = "### BEGIN SOLUTION modell\n###> modell = ___  # dein Modell\nmodell = bauen()\n### END SOLUTION"
    assert render_code(cell, "student").splitlines()[1] == "modell = ___  # dein Modell"
    assert render_code(cell, "solution") == "modell = bauen()"


def test_region_without_assignment_becomes_ellipsis():
    cell = "### BEGIN SOLUTION\nplt.plot([1, 2])\n### END SOLUTION"
    student = render_code(cell, "student")
    assert "plt.plot" not in student and student.splitlines()[-1] == "..."


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("### BEGIN SOLUTION\nx = 1\n", "ohne '### END SOLUTION'"),
        ("x = 1\n### END SOLUTION", "ohne vorheriges BEGIN"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "verschachtelt"),
    ],
)
def test_malformed_regions_are_reported_with_line(text, fragment):
    with pytest.raises(MarkerError, match=fragment):
        split_regions(text)


def test_whole_cell_region():
    region = whole_cell_region("antwort = 42")
    assert region.solution == "antwort = 42"
    assert "antwort = ___" in region.student


def test_markdown_region():
    student, solution, regions = split_markdown(
        "Frage?\n<!-- BEGIN SOLUTION warum -->\nWeil XOR nicht linear trennbar ist.\n<!-- END SOLUTION -->"
    )
    assert "XOR" not in student and MARKDOWN_PLACEHOLDER in student
    assert solution == "Frage?\nWeil XOR nicht linear trennbar ist."
    assert regions[0].name == "warum"


def test_find_named_region_in_raw_source():
    source = (
        "# %%\n### BEGIN SOLUTION a\n###> a = ___\na = 1\n### END SOLUTION\n"
        "# %% [markdown]\n# <!-- BEGIN SOLUTION b -->\n# Weil es so ist.\n# <!-- END SOLUTION -->\n"
    )
    assert find_named_region(source, "a") == "a = 1"
    assert find_named_region(source, "b") == "Weil es so ist."
    assert find_named_region(source, "c") is None


def test_placeholder_is_recognised_and_refuses_computation():
    assert contains_placeholder(___)
    assert contains_placeholder((1, [2, ___]))
    assert not contains_placeholder((1, 2))
    with pytest.raises(PlaceholderError, match="Platzhalter"):
        ___ + 1
    with pytest.raises(PlaceholderError):
        float(___)
    assert not hasattr(___, "shape")
    assert repr(___) == "___"


def test_function_body_that_assigns_and_returns_becomes_return_placeholder():
    cell = (
        "def bereite_vor(df):\n    ### BEGIN SOLUTION bereite_vor\n    out = df.copy()\n"
        "    out['Sex'] = out['Sex'].map({'male': 0, 'female': 1})\n    return out\n    ### END SOLUTION\n"
    )
    student = render_code(cell, "student")
    assert student.splitlines()[-2:] == ["    return ___", ""] or student.rstrip().endswith("return ___")
    assert "out = ___" not in student


def test_placeholder_refuses_item_assignment():
    with pytest.raises(PlaceholderError):
        ___["a"] = 1


def test_function_that_still_names_the_placeholder_counts_as_not_attempted():
    def halb_fertig(x):
        y = x * 2
        ___  # noqa: B018  (the learner's unfinished line)
        return y

    def fertig(x):
        return x * 2

    assert contains_placeholder(halb_fertig)
    assert not contains_placeholder(fertig)

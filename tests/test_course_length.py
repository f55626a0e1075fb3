"""Four days fit into four days (issue 12, part 3): core and deep-dive minutes per
lesson, each day's core at most six hours, deep-dives skippable and visibly marked."""

from __future__ import annotations

import json
import re

import pytest
from helpers import run_cli

from dlkurs.build.notebook import DEEP_BANNER, LessonFormatError, build_notebook, deep_dive_dependencies
from dlkurs.catalog import DAY_CORE_LIMIT, day_totals, hours
from dlkurs.lessons import catalog

LESSONS = catalog()


def test_each_course_day_core_fits_into_six_hours():
    for total in day_totals():
        if total.day >= 1:
            assert total.core <= DAY_CORE_LIMIT, f"day {total.day}: core {total.core} min > {DAY_CORE_LIMIT}"


def test_lessons_with_deep_dive_minutes_have_deep_dive_cells_and_vice_versa():
    for lesson in LESSONS:
        source = lesson.source_path.read_text(encoding="utf-8")
        tagged = bool(re.search(r'^# %%.*tags=\[[^\]]*"vertiefung"', source, flags=re.M))
        assert tagged == (lesson.minutes_deep > 0), f"{lesson.id}: minutes_deep={lesson.minutes_deep}, tagged cells: {tagged}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_deep_dives_can_be_skipped(lesson):
    assert deep_dive_dependencies(lesson) == [], (
        f"{lesson.id}: later core cells use names only a Vertiefung defines (cell, name)"
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_sources_hold_no_control_characters(lesson):
    text = lesson.source_path.read_text(encoding="utf-8")
    bad = [(n, repr(ch)) for n, line in enumerate(text.splitlines(), 1) for ch in line if ord(ch) < 32 and ch != "\t"]
    assert not bad, f"{lesson.id}: control characters at (line, char) {bad[:5]} – e.g. '\\a' from an unescaped '\\approx'"


def test_day_totals_and_hours():
    assert hours(125) == "2 h 05 min" and hours(45) == "45 min"
    days = {t.day: t for t in day_totals()}
    assert days[1].core == sum(l.minutes for l in LESSONS if l.day == 1)


def test_dlkurs_list_shows_day_totals(tmp_path):
    result = run_cli("list", "--json", home=tmp_path)
    data = json.loads(result.stdout)
    assert {d["day"] for d in data["days"]} >= {1, 2, 3}
    assert data["day_core_limit"] == DAY_CORE_LIMIT
    day1 = next(d for d in data["days"] if d["day"] == 1)
    assert day1["minutes"] == sum(r["minutes"] for r in data["lessons"] if r["day"] == 1)
    table = run_cli("list", home=tmp_path).stdout
    assert "Tag 1 gesamt" in table and "Tag 2 gesamt" in table


def test_deep_dive_is_marked_and_checked_for_skipping(make_catalog):
    make_catalog(
        {
            "1.1": (
                "# %% [markdown]\n# # Test\n\n"
                "# %%\nx = 1\n\n"
                '# %% [markdown] tags=["vertiefung"]\n# ## Vertiefung: mehr\n\n'
                '# %% tags=["vertiefung"]\ntiefe = x + 1\n\n'
                "# %%\nprint(x)\n\n"
                "# %%\nprint(tiefe)\n"
            )
        }
    )
    from dlkurs.lessons import get

    lesson = get("1.1")
    nb = build_notebook(lesson, "student")
    assert nb.cells[2].source.startswith(DEEP_BANNER)
    assert deep_dive_dependencies(lesson) == [(6, "tiefe")]


def test_deep_dive_must_open_with_markdown(make_catalog):
    make_catalog({"1.1": '# %% [markdown]\n# # Test\n\n# %% tags=["vertiefung"]\nx = 1\n'})
    from dlkurs.lessons import get

    with pytest.raises(LessonFormatError, match="Markdown"):
        build_notebook(get("1.1"), "student")


_INLINE_MATH = re.compile(r"(?<![\$\\])\$(?!\$)([^\$]+?)(?<!\\)\$(?!\$)")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_inline_math_has_no_space_inside_its_dollars(lesson):
    """`$x $` or a currency "500 $ … 600 $" pair renders as broken math in JupyterLab and on the site."""
    import jupytext

    bad = []
    for number, cell in enumerate(jupytext.read(lesson.source_path, fmt="py:percent").cells, 1):
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"```.*?```|\$\$.*?\$\$|`[^`\n]*`", "", cell.source, flags=re.S)
        bad += [(number, m.group(0)[:40]) for m in _INLINE_MATH.finditer(text) if m.group(1) != m.group(1).strip()]
    assert not bad, f"{lesson.id}: (cell, text) {bad} – write 'Dollar' for money, and $x$ without inner spaces"

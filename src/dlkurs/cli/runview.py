"""Progress display and summary table for `dlkurs run`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dlkurs.status import RunStatus


MARKS = {RunStatus.PASSED: "[green]✓[/]", RunStatus.SKIPPED: "[yellow]–[/]", RunStatus.DATA_MISSING: "[yellow]![/]"}
COLORS = {RunStatus.PASSED: "green", RunStatus.SKIPPED: "yellow", RunStatus.DATA_MISSING: "yellow"}


def run_with_progress(lessons, *, console: Console, **kwargs):
    from dlkurs.run.runner import run_lesson

    runs = []
    if not console.is_terminal:
        # a log or a pipe: no live bar (it would appear only at the end), a line per lesson instead
        for number, lesson in enumerate(lessons, 1):
            run = run_lesson(lesson, **kwargs)
            console.print(f"[{number}/{len(lessons)}] {lesson.id} {escape(lesson.title)}: "
                          f"{run.status_de} ({run.seconds:.0f} s)")
            runs.append(run)
        return runs
    with Progress(
        TextColumn("[bold]{task.fields[lesson]}[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        overall = progress.add_task("gesamt", total=len(lessons), lesson="Kurs", unit="Lektionen")
        for lesson in lessons:
            task = progress.add_task(lesson.title, total=None, lesson=lesson.id, unit="Zellen")

            def on_cell(lesson, index, n, task=task):
                progress.update(task, completed=index, total=n)

            run = run_lesson(lesson, progress=on_cell, **kwargs)
            mark = MARKS.get(run.status, "[red]✗[/]")
            progress.update(task, description=f"{lesson.title} {mark}")
            progress.advance(overall)
            runs.append(run)
    return runs


def _figures(run) -> str:
    """One line per figure: German label, value, band and ✓/✗ (bands are judged in full runs)."""
    from dlkurs.lessonapi import figure_label, german_number

    lines = []
    for name, value in run.figures.items():
        line = f"{figure_label(name, run.lesson)}: {german_number(value)}"
        band = run.bands.get(name)
        if band:
            low, high = band["band"]
            line += f" [{german_number(low)}–{german_number(high)}]"
            if run.profile == "full":
                line += " ✓" if band["within"] else (" (✗)" if run.stand_ins else " ✗")
        lines.append(escape(line))
    return "\n".join(lines)


def print_summary(console: Console, runs, out_dir: Path) -> None:
    from dlkurs.lessonapi import german_number

    table = Table(title=f"Ergebnis ({runs[0].profile if runs else ''})", show_lines=True)
    for col in ("Lektion", "Titel", "Status", "Sekunden", "Kennzahlen"):
        table.add_column(col)
    for run in runs:
        color = COLORS.get(run.status, "red")
        table.add_row(run.lesson, escape(run.title), f"[{color}]{run.status_de}[/]",
                      german_number(round(run.seconds, 1)), _figures(run))
    console.print(table)
    for run in runs:
        for part in run.skipped_parts:
            cells = part["cells"]
            where = f"Zelle {cells[0]}" if len(cells) == 1 else f"Zellen {cells[0]}–{cells[-1]}"
            title = f" „{escape(part['title'])}“" if part.get("title") else ""
            console.print(f"[yellow]Lektion {run.lesson}:[/] Teil{title} ({where}) übersprungen – er braucht "
                          f"{part['dataset']}; alle anderen Teile liefen.")
        if run.error and run.status == RunStatus.DATA_MISSING:
            console.print(f"[yellow]Lektion {run.lesson}:[/] in Zelle {run.error.cell} angehalten, weil Daten fehlen.")
        elif run.error:
            e = run.error
            console.print(f"[bold red]Lektion {run.lesson}, Zelle {e.cell}:[/] {escape(e.ename)}: {escape(e.evalue)}")
            if e.source:
                first = "\n".join(e.source.splitlines()[:6])
                console.print(f"[dim]{escape(first)}[/]")
        for problem in run.problems:
            console.print(f"[bold red]Lektion {run.lesson}:[/] {escape(problem)}")
        if run.stand_ins:
            console.print(
                f"[yellow]Lektion {run.lesson}:[/] lief für {', '.join(run.stand_ins)} mit Ersatz- oder Testdaten, "
                "nicht mit den echten Datensätzen – ihre Zahlen sind keine Kurszahlen und werden nicht "
                "am Referenzband gemessen."
            )
    missing: dict[str, str] = {}
    for run in runs:
        missing.update(run.missing_data)
    for name, remedy in sorted(missing.items()):
        console.print(f"[bold yellow]Daten fehlen:[/] {name} – {escape(remedy)}")
    console.print(f"Notebooks, HTML und Ergebnisse: [bold]{out_dir}[/]")


def exit_code(runs) -> int:
    """0: all passed (or skipped for another backend); 1: a lesson failed; 3: only data was missing."""
    if any(r.status not in (RunStatus.PASSED, RunStatus.SKIPPED, RunStatus.DATA_MISSING) for r in runs):
        return 1
    return 3 if any(r.status == RunStatus.DATA_MISSING for r in runs) else 0

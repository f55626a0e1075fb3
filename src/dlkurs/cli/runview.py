"""Progress display and summary table for `dlkurs run`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dlkurs.status import RunStatus


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
        TextColumn("Zellen"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        overall = progress.add_task("gesamt", total=len(lessons), lesson="Lektionen")
        for lesson in lessons:
            task = progress.add_task(lesson.title, total=None, lesson=lesson.id)

            def on_cell(lesson, index, n, task=task):
                progress.update(task, completed=index, total=n)

            run = run_lesson(lesson, progress=on_cell, **kwargs)
            mark = {RunStatus.PASSED: "[green]✓[/]", RunStatus.SKIPPED: "[yellow]–[/]"}.get(run.status, "[red]✗[/]")
            progress.update(task, description=f"{lesson.title} {mark}")
            progress.advance(overall)
            runs.append(run)
    return runs


def _figures(run) -> str:
    parts = []
    for name, value in run.figures.items():
        band = run.bands.get(name)
        flag = ""
        if band and run.profile == "full":
            flag = " ✓" if band["within"] else (" (✗)" if run.stand_ins else " ✗")
        parts.append(f"{name}={value:.4g}{flag}")
    return ", ".join(parts)


def print_summary(console: Console, runs, out_dir: Path) -> None:
    table = Table(title=f"Ergebnis ({runs[0].profile if runs else ''})")
    for col in ("Lektion", "Titel", "Status", "Sekunden", "Kennzahlen"):
        table.add_column(col)
    for run in runs:
        color = {RunStatus.PASSED: "green", RunStatus.SKIPPED: "yellow"}.get(run.status, "red")
        table.add_row(run.lesson, escape(run.title), f"[{color}]{run.status_de}[/]", f"{run.seconds:.1f}", _figures(run))
    console.print(table)
    for run in runs:
        if run.error:
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
    console.print(f"Notebooks, HTML und Ergebnisse: [bold]{out_dir}[/]")

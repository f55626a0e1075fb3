"""`dlkurs progress`: what the learner attempted, solved, and how many hints they used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table


def rows(db: Path | None = None, lesson: str | None = None) -> list[dict]:
    """One row per exercise: every declared exercise plus anything recorded."""
    from dlkurs.exercises import progress
    from dlkurs.exercises.registry import exercises, lesson_ids

    recorded = {(p.lesson, p.exercise): p for p in progress.summary(db, lesson)}
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for lesson_id in lesson_ids():
        if lesson is not None and lesson_id != lesson:
            continue
        try:
            declared = exercises(lesson_id)
        except Exception:  # a broken check module must not hide the learner's progress
            declared = {}
        for name, exercise in declared.items():
            item = recorded.get((lesson_id, name)) or progress.ExerciseProgress(lesson_id, name)
            seen.add((lesson_id, name))
            out.append(_row(item, exercise.title, exercise.counted))
    for key, item in recorded.items():
        if key not in seen:
            out.append(_row(item, "", True))
    return out


def _row(item, title: str, counted: bool) -> dict:
    data = item.to_json()
    data["title"] = title
    data["counted"] = counted
    return data


def progress(
    lesson: Annotated[Optional[str], typer.Argument(help="Nur diese Lektion, z. B. 1.2", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="Fortschrittsdatei (Standard: $DLKURS_PROGRESS_DB).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
) -> None:
    """Zeigt deinen Fortschritt je Lektion und Aufgabe: versucht, gelöst, Tipps."""
    from dlkurs import settings

    path = db or settings.progress_db()
    data = rows(path, lesson)
    if lesson is not None and not data:
        Console(stderr=True).print(f"[bold red]Fehler:[/] Zur Lektion {lesson!r} gibt es keine Aufgaben und keinen Fortschritt.")
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = Console()
    table = Table(title=f"Fortschritt ({path})")
    table.add_column("Lektion", no_wrap=True)
    table.add_column("Aufgabe", no_wrap=True)
    table.add_column("Versuche", justify="right")
    table.add_column("Gelöst", no_wrap=True)
    table.add_column("Tipps", justify="right")
    table.add_column("Lösung", no_wrap=True)
    table.add_column("Titel", overflow="fold")
    for row in data:
        if not row["counted"]:
            solved = "[dim]Denkfrage[/]"
        elif row["solved"]:
            solved = "[green]✓ ja[/]"
        elif row["attempted"]:
            solved = "[red]✗ noch nicht[/]"
        else:
            solved = "[dim]–[/]"
        table.add_row(
            row["lesson"],
            row["exercise"],
            str(row["checks"]),
            solved,
            str(row["hints_used"]),
            "angesehen" if row["solution_seen"] else "–",
            row["title"],
        )
    console.print(table)
    counted = [row for row in data if row["counted"]]
    solved = sum(1 for row in counted if row["solved"])
    if not path.exists():
        console.print("Noch kein Fortschritt aufgezeichnet.")
    console.print(f"Gelöst: [bold]{solved}[/] von {len(counted)} Aufgaben.")

"""`dlkurs grade EINREICHUNGEN`: grade a class's notebooks, isolated and in parallel, with a report."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from dlkurs.cli.common import console, fail


def grade(
    submissions: Annotated[Path, typer.Argument(help="Ordner oder ZIP-Datei: ein Unterordner je Teilnehmer:in oder "
                                                     "Notebooks, die nach den Teilnehmenden benannt sind.",
                                                show_default=False, metavar="EINREICHUNGEN")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Ordner für Bericht (bewertung.html, bewertung.csv) und "
                                                          "Zwischenstände.")] = Path("bewertung"),
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="So viele Notebooks gleichzeitig "
                                                                     "(Standard: Anzahl der Prozessorkerne).")] = None,
    lesson: Annotated[Optional[str], typer.Option("--lesson", help="Lektion aller Notebooks, z. B. 1.3 "
                                                                   "(Standard: aus jedem Notebook gelesen).")] = None,
    profile: Annotated[str, typer.Option("--profile", help="Profil, mit dem die Notebooks laufen: quick oder full.")] = "full",
    notebook_seconds: Annotated[Optional[float], typer.Option(
        "--time-notebook", help="Sekunden je Notebook (Standard: dreimal das Zeitbudget der Lektion, mindestens 120).")] = None,
    cell_seconds: Annotated[Optional[float], typer.Option(
        "--time-cell", help="Sekunden je Zelle (Standard: so viel wie je Notebook).")] = None,
    memory_mb: Annotated[int, typer.Option("--memory", help="Speichergrenze je Notebook in MB.")] = 4096,
    fresh: Annotated[bool, typer.Option("--fresh", help="Alles neu bewerten (sonst werden fertige Notebooks "
                                                        "aus einem früheren Lauf übernommen).")] = False,
) -> None:
    from dlkurs import settings as dl_settings
    from dlkurs.grade import batch, report
    from dlkurs.grade.execute import DONE, Limits

    if profile not in dl_settings.PROFILES:
        raise fail(f"Unbekanntes Profil {profile!r}; erlaubt: {', '.join(dl_settings.PROFILES)}.")
    if jobs is not None and jobs < 1:
        raise fail("--jobs muss mindestens 1 sein.")
    if (notebook_seconds is not None and notebook_seconds <= 0) or (cell_seconds is not None and cell_seconds <= 0) \
            or memory_mb < 256:
        raise fail("Die Zeitgrenzen müssen positiv sein und der Speicher mindestens 256 MB.")
    if lesson is not None:
        from dlkurs.exercises.registry import UnknownLessonExercises, exercises

        try:
            exercises(lesson)
        except UnknownLessonExercises as err:
            raise fail(str(err)) from None
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".schreibtest"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as err:
        raise fail(f"In den Ausgabeordner {out} lässt sich nicht schreiben ({err.strerror or err}); "
                   "wähle mit --out einen beschreibbaren Ordner.") from None
    try:
        found = batch.find(submissions, lesson)
    except batch.SubmissionError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"{submissions} lässt sich nicht lesen ({err.strerror or err}).") from None
    data_home = os.environ.get(dl_settings.ENV_DATA) or str(dl_settings.data_home())
    run_settings = batch.Settings(
        limits=Limits(notebook_seconds=notebook_seconds, cell_seconds=cell_seconds, memory_mb=memory_mb),
        profile=profile,
        backend=os.environ.get("KERAS_BACKEND", "tensorflow"),
        data_home=data_home,
    )
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    try:
        with Progress(TextColumn("[bold]Bewertung[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}"), console=console, transient=False) as bar:
            task = bar.add_task("", total=len(found.jobs))

            def on_start(todo: int, total: int) -> None:
                if todo < total:
                    console.print(f"{total - todo} von {total} Notebooks waren schon bewertet und werden übernommen.")

            def on_done(outcome, resumed: bool) -> None:
                bar.update(task, advance=1, description=escape(f"{outcome.learner}: {outcome.status}"))

            outcomes, isolation = batch.run(found, out, settings=run_settings, jobs=jobs, fresh=fresh,
                                            on_start=on_start, on_done=on_done)
    except KeyboardInterrupt:
        console.print("[yellow]Abgebrochen.[/] Fertige Notebooks sind gespeichert; derselbe Befehl macht weiter.")
        raise typer.Exit(130) from None
    finally:
        found.cleanup()
    seconds = time.monotonic() - started
    csv_path, html_path = report.write(outcomes, out, isolation=isolation, settings=run_settings.to_json(), seconds=seconds)
    for line in isolation.notes():
        console.print(("[yellow]" if "NICHT" in line else "[green]") + escape(line) + "[/]")
    problems = [o for o in outcomes if o.status != DONE]
    flagged = [o for o in outcomes if o.flags]
    points = sum(v["points"] for o in outcomes for v in o.verdicts.values())
    possible = sum(len(o.verdicts) for o in outcomes)
    console.print(f"{len(outcomes)} Notebooks bewertet in {seconds:.0f} s: {points} von {possible} Aufgaben gelöst"
                  + (f", {len(problems)} mit Abbruch/Zeitlimit" if problems else "")
                  + (f", [bold red]{len(flagged)} auffällig[/]" if flagged else "") + ".")
    console.print(f"Bericht: {escape(str(html_path))}\nTabelle: {escape(str(csv_path))}")

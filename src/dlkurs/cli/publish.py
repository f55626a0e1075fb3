"""`dlkurs build`: student and solution notebooks, slides and the course website in one folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from dlkurs.cli.common import console, err_console, fail


def _select(ids: list[str], day: Optional[int]):
    from dlkurs.lessons import UnknownLessonError, by_day, catalog, get

    if not ids and day is None:
        return list(catalog())
    chosen = []
    if day is not None:
        chosen += by_day(day)
        if not chosen:
            days = ", ".join(str(d) for d in sorted({lesson.day for lesson in catalog()}))
            raise fail(f"Tag {day} hat keine Lektionen. Vorhandene Tage: {days}.")
    for lesson_id in ids:
        try:
            chosen.append(get(lesson_id.strip()))
        except UnknownLessonError as err:
            raise fail(f"{err} – ohne Angabe baut dlkurs build alle Lektionen.") from None
    seen: set[str] = set()
    return [lesson for lesson in chosen if not (lesson.id in seen or seen.add(lesson.id))]


def build(
    lessons: Annotated[Optional[list[str]], typer.Argument(help="Lektionen, z. B. 0.1 1.2 (ohne Angabe: alle).",
                                                           show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Zielordner (wird die Website; leer oder von "
                                                          "einem früheren dlkurs build).")] = Path("dlkurs-site"),
    day: Annotated[Optional[int], typer.Option("--day", help="Nur die Lektionen dieses Tages.")] = None,
    runs: Annotated[Optional[Path], typer.Option("--runs", help="Ordner der Läufe von dlkurs run "
                                                                "(Standard: $DLKURS_RUNS oder ./dlkurs-runs).")] = None,
    no_run: Annotated[bool, typer.Option("--no-run", help="Lektionen ohne Lauf nicht ausführen "
                                                          "(Seiten und Folien dann ohne Ausgaben).")] = False,
    backend: Annotated[Optional[str], typer.Option("--backend", help="Backend für Probeläufe: tensorflow oder jax "
                                                                     "(Standard: $KERAS_BACKEND bzw. tensorflow).")] = None,
) -> None:
    """Für Trainer: baut Notebooks (Aufgaben, Lösungen), Folien und die Kurs-Website.

    Alles landet in einem Ordner (--out). Ausgaben kommen aus dem letzten vollständigen Lauf von dlkurs run, sonst aus dem letzten Probelauf;
    Lektionen ohne Lauf werden im Profil quick ausgeführt. Öffnen: index.html im Zielordner, oder
    python -m http.server -d ORDNER.
    """
    chosen = _select(lessons or [], day)
    backend = backend or os.environ.get("KERAS_BACKEND", "tensorflow")
    if backend not in ("tensorflow", "jax"):
        raise fail(f"Unbekanntes Backend '{backend}'. Erlaubt: tensorflow, jax.")
    try:
        import material  # noqa: F401  (the Material theme of the website)
        import mkdocs  # noqa: F401
    except ImportError:
        from dlkurs.settings import install_command

        raise fail("Für die Website fehlen MkDocs und das Material-Theme. Installieren mit: "
                   f"{install_command('publish')}") from None
    from dlkurs.publish.builder import BuildError
    from dlkurs.publish.builder import build as build_all
    from dlkurs.publish.builder import check_out

    try:
        target = check_out(out)
    except BuildError as err:
        raise fail(str(err)) from None

    def on_start(lesson, index, total):
        console.print(f"[{index + 1}/{total}] {lesson.id} {escape(lesson.title)} …", highlight=False)

    def on_done(outcome):
        origin = {"full": "Ausgaben: vollständiger Lauf", "quick": "Ausgaben: Probelauf",
                  "none": "ohne Ausgaben"}.get(outcome.origin, "")
        if outcome.ran_now:
            origin += " (jetzt ausgeführt)"
        mark = "[red]✗ fehlgeschlagen[/]" if outcome.failed else "[green]✓[/]"
        console.print(f"      {mark} {escape(origin)} – {outcome.seconds:.0f} s", highlight=False)
        for problem in outcome.problems:
            console.print(f"      [yellow]•[/] {escape(problem)}", highlight=False)

    try:
        report = build_all(chosen, target, runs_dir=runs, run_missing=not no_run, backend=backend,
                           on_start=on_start, on_done=on_done)
    except BuildError as err:
        raise fail(str(err)) from None
    built = [o for o in report.outcomes if o.built]
    console.print(f"\n[bold]Fertig in {report.seconds:.0f} s:[/] {len(built)} von {len(report.outcomes)} "
                  f"Lektionen in [bold]{escape(str(report.out))}[/]")
    console.print(f"  Website:   {escape(str(report.out / 'index.html'))}  "
                  f"(oder: python -m http.server -d {escape(str(report.out))})", highlight=False)
    console.print(f"  Folien:    {escape(str(report.out / 'folien'))}", highlight=False)
    console.print(f"  Notebooks: {escape(str(report.out / 'notebooks'))} (aufgaben/, loesungen/)", highlight=False)
    for warning in report.warnings:
        err_console.print(f"[yellow]MkDocs:[/] {escape(warning)}")
    if report.failed:
        names = ", ".join(f"{o.lesson.id} {o.lesson.title}" for o in report.failed)
        err_console.print(f"[bold red]Fehlgeschlagen:[/] {escape(names)} – die übrigen Lektionen sind gebaut; "
                          "Gründe stehen oben und auf den Seiten der Lektionen.")
        raise typer.Exit(1)

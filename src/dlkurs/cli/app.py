"""Commands of `dlkurs`; each one a small function that delegates to a layer."""

from __future__ import annotations

import importlib
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from dlkurs.cli.common import console, err_console, fail, typer_app
from dlkurs.cli.data import data_app
from dlkurs.cli.grade import grade as _grade
from dlkurs.cli.hub import hub_app
from dlkurs.cli.progress import progress as _progress
from dlkurs.cli.publish import build as _build
from dlkurs.status import CheckLevel

app = typer_app("Deep Learning mit Python & Keras – der Kurs als Software.", name="dlkurs")


@app.command(help="Prüft, ob dieser Rechner bereit für den Kurs ist (Versionen, Backend, GPU, Speicher, Daten).")
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis als JSON ausgeben.")] = False,
) -> None:
    from dlkurs.run import doctor as doc

    if as_json:
        checks = doc.run_checks()
    else:
        with console.status("Prüfe die Umgebung (Backend-Test kann einige Sekunden dauern) …"):
            checks = doc.run_checks()
    if as_json:
        print(doc.as_json(checks))
    else:
        style = {doc.OK: "green", doc.WARN: "yellow", doc.FAIL: "bold red", doc.INFO: "cyan"}
        table = Table(title="dlkurs doctor")
        table.add_column("Prüfung")
        table.add_column("Status")
        table.add_column("Ergebnis")
        table.add_column("Abhilfe")
        for c in checks:
            table.add_row(escape(c.name), f"[{style[c.status]}]{c.status}[/]", escape(c.value), escape(c.remedy))
        console.print(table)
        if doc.failed(checks):
            console.print(f"[bold red]Nicht bereit:[/] Bitte die Zeilen mit '{CheckLevel.FAIL}' anhand der Abhilfe beheben.")
        else:
            console.print("[bold green]Bereit für den Kurs.[/]")
    raise typer.Exit(1 if doc.failed(checks) else 0)


@app.command(
    "list",
    help="Zeigt alle Lektionen nach Tagen: Dauer (Kern + Vertiefung), Tagessummen und Status des letzten Laufs.",
)
def list_lessons(
    runs: Annotated[Optional[Path], typer.Option("--runs", help="Ordner der Läufe (Standard: ./dlkurs-runs).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
) -> None:
    from dlkurs.catalog import DAY_CORE_LIMIT, day_totals, hours
    from dlkurs.lessons import catalog
    from dlkurs.run.results import latest_runs

    latest = latest_runs(runs)
    lessons = catalog()
    totals = day_totals(lessons)
    rows = []
    for lesson in lessons:
        run = latest.get(lesson.id)
        rows.append(
            {
                "id": lesson.id,
                "day": lesson.day,
                "title": lesson.title,
                "minutes": lesson.minutes,
                "minutes_deep": lesson.minutes_deep,
                "status": run.status if run else None,
                "profile": run.profile if run else None,
            }
        )
    if as_json:
        days = [
            {"day": t.day, "lessons": t.lessons, "minutes": t.core, "minutes_deep": t.deep, "over_limit": t.over_limit}
            for t in totals
        ]
        print(json.dumps({"lessons": rows, "days": days, "day_core_limit": DAY_CORE_LIMIT}, indent=2, ensure_ascii=False))
        return
    table = Table(title="Lektionen", caption="Dauer: Kern + Vertiefung (optional), Minuten Lernzeit mit Übungen")
    for col in ("Tag", "Lektion", "Titel", "Dauer", "Letzter Lauf"):
        table.add_column(col)
    by_day = {t.day: t for t in totals}
    for index, (row, lesson) in enumerate(zip(rows, lessons)):
        run = latest.get(lesson.id)
        status = "–" if run is None else (
            f"[green]{run.status_de}[/] ({run.profile})" if run.ok else f"[red]{run.status_de}[/] ({run.profile})"
        )
        duration = f"{lesson.minutes} min" + (f" + {lesson.minutes_deep}" if lesson.minutes_deep else "")
        table.add_row(str(row["day"]), row["id"], escape(row["title"]), duration, status)
        last_of_day = index + 1 == len(lessons) or lessons[index + 1].day != lesson.day
        if last_of_day:
            total = by_day[lesson.day]
            style = "bold red" if total.over_limit else "bold"
            table.add_row(
                "",
                "",
                f"[{style}]Tag {lesson.day} gesamt[/]",
                f"[{style}]{hours(total.core)}[/]" + (f" + {hours(total.deep)}" if total.deep else ""),
                "",
                end_section=True,
            )
    console.print(table)
    over = [t for t in totals if t.over_limit]
    for t in over:
        console.print(
            f"[bold red]Tag {t.day}:[/] der Kern hat {hours(t.core)} – mehr als die {hours(DAY_CORE_LIMIT)} eines Kurstags."
        )


def _select(lessons: list[str], day: Optional[int], all_: bool):
    from dlkurs.lessons import UnknownLessonError, by_day, catalog, get

    if all_:
        return list(catalog())
    chosen = []
    if day is not None:
        chosen += by_day(day)
        if not chosen:
            raise fail(f"Tag {day} hat keine Lektionen.", 2)
    for lesson_id in lessons:
        try:
            chosen.append(get(lesson_id))
        except UnknownLessonError as err:
            raise fail(str(err), 2) from None
    if not chosen:
        raise fail("Keine Lektion gewählt: Lektionen angeben (z. B. 'dlkurs run 0.1 1.2'), --day N oder --all.", 2)
    seen: set[str] = set()
    return [lesson for lesson in chosen if not (lesson.id in seen or seen.add(lesson.id))]


@app.command(help="Führt Lektionen headless aus und schreibt .ipynb, .html und .json in den Ordner der Läufe.")
def run(
    lessons: Annotated[Optional[list[str]], typer.Argument(help="Lektionen, z. B. 0.1 1.2", show_default=False)] = None,
    day: Annotated[Optional[int], typer.Option("--day", help="Alle Lektionen dieses Tages.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle Lektionen des Kurses.")] = False,
    profile: Annotated[str, typer.Option("--profile", envvar="DLKURS_PROFILE",
                                         help="quick (Probelauf) oder full (echte Kurszahlen); "
                                              "Standard: $DLKURS_PROFILE, sonst quick.")] = "quick",
    backend: Annotated[Optional[str], typer.Option("--backend", help="tensorflow oder jax (Standard: $KERAS_BACKEND bzw. tensorflow).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Ordner der Läufe (Standard: ./dlkurs-runs).")] = None,
    time_factor: Annotated[float, typer.Option("--time-factor", help="Zeitbudgets mit diesem Faktor strecken (langsame Rechner).")] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="Zusammenfassung als JSON ausgeben.")] = False,
) -> None:
    from dlkurs.run.results import BACKENDS
    from dlkurs.settings import PROFILES, runs_dir

    if profile not in PROFILES:
        raise fail(f"Unbekanntes Profil '{profile}'. Erlaubt: {', '.join(PROFILES)}.", 2)
    backend = backend or os.environ.get("KERAS_BACKEND", "tensorflow")
    if backend not in BACKENDS:
        raise fail(f"Unbekanntes Backend '{backend}'. Erlaubt: {', '.join(BACKENDS)}.", 2)
    if time_factor <= 0:
        raise fail("--time-factor muss größer als 0 sein.", 2)
    if backend == "jax":
        from dlkurs.settings import install_command

        try:
            importlib.import_module("jax")  # an installed but broken JAX counts as missing, too
        except ImportError:
            raise fail(f"Das Backend 'jax' ist nicht installiert. Installieren mit: {install_command('jax')} "
                       "– oder ohne --backend mit TensorFlow laufen lassen.", 2) from None
    chosen = _select(lessons or [], day, all_)
    out_dir = (out or runs_dir()) / profile
    _writable_or_fail(out_dir)

    from dlkurs.cli.runview import exit_code, run_with_progress

    runs = run_with_progress(
        chosen, console=err_console if as_json else console,
        profile=profile, backend=backend, out_dir=out_dir, time_factor=time_factor,
    )
    if as_json:
        print(json.dumps([r.to_json() for r in runs], indent=2, ensure_ascii=False))
    else:
        from dlkurs.cli.runview import print_summary

        print_summary(console, runs, out_dir)
    raise typer.Exit(exit_code(runs))


def _writable_or_fail(folder: Path) -> None:
    """Make the runs folder now, so that a read-only place is one German line, not a failed lesson each."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        blocker = next((p for p in [folder, *folder.parents] if p.exists()), None)
        reason = (f"{blocker} ist eine Datei, kein Ordner" if blocker is not None and not blocker.is_dir()
                  else (err.strerror or str(err)))
        raise fail(f"Der Ordner der Läufe {folder} lässt sich nicht anlegen oder beschreiben ({reason}). "
                   "Wähle mit --out oder DLKURS_RUNS einen beschreibbaren Ordner.", 2)


@app.command(help="Richtet deinen Arbeitsordner mit allen Kurs-Notebooks ein und startet JupyterLab.")
def start(
    lesson: Annotated[Optional[str], typer.Argument(help="Diese Lektion gleich öffnen, z. B. 1.5", show_default=False)] = None,
    folder: Annotated[Optional[Path], typer.Option("--folder", "-o", help="Arbeitsordner (Standard: $DLKURS_WORKSPACE oder ~/dlkurs).")] = None,
    no_launch: Annotated[bool, typer.Option("--no-launch", help="Nur einrichten, JupyterLab nicht starten.")] = False,
) -> None:
    from dlkurs.build import workspace
    from dlkurs.lessons import UnknownLessonError, get
    from dlkurs.settings import workspace_dir

    root = (folder or workspace_dir()).expanduser().resolve()
    target = None
    if lesson:
        try:
            target = workspace.notebook_path(root, get(lesson))
        except UnknownLessonError as err:
            raise fail(str(err), 2) from None
    from dlkurs.build.kernel import install_for_jupyter, quiet_jupyterlab

    try:
        with console.status(f"Richte den Arbeitsordner {root} ein …"):
            actions = workspace.prepare(root)
            install_for_jupyter()  # also for a JupyterLab started by hand in this environment
            quiet_jupyterlab()
    except OSError as err:
        raise fail(f"Der Arbeitsordner {root} ist nicht beschreibbar ({err.strerror}). Mit --folder einen anderen wählen.")
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.action] = counts.get(action.action, 0) + 1
        if action.action == workspace.BESIDE:
            console.print(
                f"[yellow]Lektion {action.lesson}:[/] Du hast [bold]{action.path.name}[/] bearbeitet – "
                f"es bleibt unverändert. Die neue Kursversion liegt daneben: [bold]{action.beside.name}[/]"
            )
    kept = [action.path.name for action in actions if action.action == workspace.KEPT]
    if kept:
        console.print(f"Von dir bearbeitet und unverändert behalten: {escape(', '.join(kept))}")
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    console.print(f"Arbeitsordner [bold]{root}[/]: {len(actions)} Notebooks ({summary}).")
    _warn_missing_data()
    if no_launch:
        again = "dlkurs start" + (f" --folder {shlex.quote(str(root))}" if folder else "")
        console.print(f"JupyterLab öffnest du später mit: [bold]{escape(again)}[/]")
        return
    import subprocess

    # the server's start-up log is for administrators; the address to open still shows (level CRITICAL)
    args = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
            "--ServerApp.log_level=WARN", "--LabApp.log_level=WARN"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        console.print("[yellow]Hinweis:[/] Du arbeitest als Administrator (root); JupyterLab wird trotzdem gestartet.")
        args.append("--ServerApp.allow_root=True")
    if target is not None:
        args.append(str(target.relative_to(root)))
    console.print("Starte JupyterLab … (beenden mit Strg+C). Öffnet sich kein Browser, "
                  "die Adresse mit „token=“ aus den nächsten Zeilen in den Browser kopieren.")
    try:
        code = subprocess.call(args, cwd=root, env=workspace.jupyter_env(root))
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


def _warn_missing_data() -> None:
    """One line when course data is missing: the lessons that need it would stop there."""
    try:
        from dlkurs.data import DATASETS, DataHome
        from dlkurs.status import DataState

        home = DataHome()
        problem = home.root_problem()
        if problem:
            console.print(f"[yellow]Kursdaten:[/] {escape(problem)}")
            return
        course = [d for d in DATASETS if not d.embedded]
        missing = [d.name for d in course if home.check(d).state != DataState.OK]
    except Exception:  # the warning is a courtesy; it must never stop the start
        return
    if missing:
        console.print(
            f"[yellow]Kursdaten: {len(course) - len(missing)} von {len(course)} vorhanden[/] – es fehlen: "
            f"{', '.join(missing)}. Ohne Internet: [bold]dlkurs data import PAKET.zip[/] (oder ein Ordner mit "
            "den Daten); mit Internet: [bold]dlkurs data download --all[/]. Details: dlkurs data status"
        )


# Sub-commands that live in their own modules.
app.add_typer(data_app, name="data", help="Kursdaten: Status, Download, Daten-Paket (Export/Import).")
app.add_typer(hub_app, name="hub", help="Der Kurs auf einem JupyterHub für die ganze Klasse (ein Server, Anmeldung im Browser).")
app.command("progress", help="Zeigt deinen Fortschritt je Lektion und Aufgabe: versucht, gelöst, Tipps.")(_progress)
app.command("build")(_build)  # help: the function's docstring
app.command("grade", help="Bewertet die Notebooks einer Klasse: isoliert, parallel, mit Bericht (HTML und CSV).")(_grade)


@app.command(
    help="Misst die Scratch-Engine gegen Keras (eine MNIST-Epoche, 784-512-10). "
    "Weitere Optionen: dlkurs benchmark --help-benchmark",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def benchmark(ctx: typer.Context) -> None:
    from dlkurs.scratch import benchmark as bench

    args = ["--help" if a == "--help-benchmark" else a for a in ctx.args]
    bench.main(args)


def main() -> None:
    """Entry point of the `dlkurs` console script."""
    app()

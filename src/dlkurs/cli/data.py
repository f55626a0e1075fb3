"""`dlkurs data …`: status, download, and the classroom data bundle (export/import).

Thin: parses, delegates to :mod:`dlkurs.data`, prints. Importing this module
loads only typer and rich; the data layer loads inside the commands.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dlkurs.cli.common import console, fail, typer_app
from dlkurs.status import DataState, ImportOutcome

data_app = typer_app("Kursdaten: Status, Download und das Daten-Paket für den Kursraum (Export/Import).")

DataHomeOption = Annotated[
    Optional[Path],
    typer.Option("--data-home", help="Datenordner (Standard: $DLKURS_DATA bzw. der Datenordner des Benutzers).",
                 show_default=False),
]


def _use_data_home(data_home: Optional[Path]) -> None:
    if data_home is not None:
        os.environ["DLKURS_DATA"] = str(data_home.expanduser().resolve())
    from dlkurs.data.store import DataHome

    problem = DataHome().root_problem()
    if problem:
        raise fail(problem)


@data_app.callback()
def _main(data_home: DataHomeOption = None) -> None:
    _use_data_home(data_home)


def _datasets(names: Optional[list[str]], all_: bool, *, allow_empty: bool = False):
    from dlkurs.data import DATASETS, UnknownDataset, info

    if all_:
        return [d for d in DATASETS if not d.embedded]
    if not names:
        if allow_empty:
            return None
        raise fail("Keine Datensätze gewählt: Namen angeben (z. B. 'mnist imdb') oder --all.", 2)
    try:
        return [info(n) for n in names]
    except UnknownDataset as err:
        raise fail(str(err), 2) from None


def _byte_progress(console_: Console):
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    from dlkurs.data import human_size

    class GermanBytes(ProgressColumn):
        """``12,3 MB / 228,8 MB`` and ``4,5 MB/s``: sizes with a decimal comma."""

        def render(self, task) -> Text:
            done = human_size(int(task.completed))
            text = f"{done} / {human_size(int(task.total))}" if task.total else done
            if task.speed:
                text += f"  {human_size(int(task.speed))}/s"
            return Text(text, style="progress.download")

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), GermanBytes(), TimeRemainingColumn(),
                    console=console_, transient=False)


class _RichBundleProgress:
    """dlkurs.data.bundle.Progress on a rich progress bar."""

    def __init__(self, progress, description: str):
        self.progress = progress
        self.task = progress.add_task(description, total=None)

    def total(self, nbytes: int) -> None:
        self.progress.update(self.task, total=nbytes)

    def advance(self, nbytes: int) -> None:
        self.progress.advance(self.task, nbytes)

    def describe(self, text: str) -> None:
        self.progress.update(self.task, description=text)


class _PoochBar:
    """The progress-bar object pooch's HTTPDownloader drives (total, update, reset, close)."""

    def __init__(self, progress, description: str, size: Optional[int]):
        self.progress = progress
        self.task = progress.add_task(description, total=size)
        self._total = size

    @property
    def total(self):
        return self._total

    @total.setter
    def total(self, value):
        self._total = value or self._total
        self.progress.update(self.task, total=self._total)

    def update(self, n: int) -> None:
        self.progress.advance(self.task, n)

    def reset(self) -> None:
        self.progress.reset(self.task, total=self._total)

    def close(self) -> None:
        self.progress.update(self.task, completed=self._total)

    def hide_if_unfinished(self) -> None:
        task = next(t for t in self.progress.tasks if t.id == self.task)
        if not task.finished:
            self.progress.update(self.task, visible=False)


# --------------------------------------------------------------------------- status


#: (cached?, verified?) columns of `dlkurs data status`
_STATE_DE = {
    DataState.OK: ("[green]ja[/]", "[green]ja[/]"),
    DataState.MISSING: ("nein", "–"),
    DataState.PARTIAL: ("[yellow]teilweise[/]", "–"),
    DataState.CORRUPT: ("[red]ja[/]", f"[bold red]{DataState.CORRUPT.label}[/]"),
    DataState.EMBEDDED: ("[cyan]eingebettet[/]", "–"),
}


@data_app.command(help="Zeigt, welche Kursdaten im Datenordner liegen und ob sie die Prüfung bestehen.")
def status(
    names: Annotated[Optional[list[str]], typer.Argument(help="Nur diese Datensätze.", show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", help="Ordner vollständig neu prüfen (jede Datei hashen; langsamer).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
    data_home: DataHomeOption = None,
) -> None:
    _use_data_home(data_home)
    from dlkurs.data import DataError, data_home as home, human_size, info
    from dlkurs.data import status as data_status

    chosen = _datasets(names, False, allow_empty=True)
    try:
        if as_json:
            rows = data_status([d.name for d in chosen] if chosen else None, full=full)
        else:
            with console.status("Prüfe die Kursdaten …"):
                rows = data_status([d.name for d in chosen] if chosen else None, full=full)
    except (DataError, OSError) as err:
        raise fail(str(err)) from None
    corrupt = any(r["state"] == DataState.CORRUPT for r in rows)
    if as_json:
        print(json.dumps({"data_home": str(home()), "datasets": rows}, indent=2, ensure_ascii=False))
        raise typer.Exit(1 if corrupt else 0)
    table = Table(title="Kursdaten")
    for column in ("Name", "Inhalt", "Download", "im Datenordner", "Vorhanden", "Geprüft", "Quelle"):
        table.add_column(column)
    for row in rows:
        cached, verified = _STATE_DE[DataState(row["state"])]
        source = ", ".join(row["source"]) if row["source"] != ["import"] else "nur Daten-Paket"
        download = human_size(info(row["name"]).size) if info(row["name"]).size else "–"
        on_disk = human_size(row["size"]) if row["cached"] and row["size"] and row["state"] != DataState.EMBEDDED else "–"
        table.add_row(row["name"], escape(row["title"]), download, on_disk, cached, verified, escape(source))
    console.print(table)
    console.print("[dim]Download: Größe der Originaldateien. Im Datenordner: was hier liegt – "
                  "kann abweichen, weil manche Datensätze gepackt oder anders gespeichert werden.[/]")
    console.print(f"Datenordner: [bold]{escape(str(home()))}[/]")
    for row in rows:
        for problem in row["problems"]:
            console.print(f"[red]{row['name']}:[/] {escape(problem)}")
    missing = [r["name"] for r in rows if r["state"] in (DataState.MISSING, DataState.PARTIAL)]
    if missing:
        console.print(
            f"Es fehlen: {', '.join(missing)}. Ohne Internet: [bold]dlkurs data import PAKET.zip[/] oder [bold]ORDNER[/] "
            f"(Daten-Paket der Trainerin/des Trainers); mit Internet: [bold]dlkurs data download NAME[/].")
    raise typer.Exit(1 if corrupt else 0)


# --------------------------------------------------------------------------- download


@data_app.command(help="Lädt Datensätze herunter (geprüft) in den Datenordner.")
def download(
    names: Annotated[Optional[list[str]], typer.Argument(help="Datensätze, z. B. mnist imdb", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle Kursdaten.")] = False,
    data_home: DataHomeOption = None,
) -> None:
    _use_data_home(data_home)
    from dlkurs.data import DataError, DatasetNotAvailable
    from dlkurs.data import download as data_download

    chosen = _datasets(names, all_)
    failed = []
    with _byte_progress(console) as progress:
        bars: list[_PoochBar] = []

        def bar(description: str, size: Optional[int]):
            bars.append(_PoochBar(progress, description, size))
            return bars[-1]

        for ds in chosen:
            for old in bars:  # a failed attempt leaves its bar behind
                old.hide_if_unfinished()
            if ds.embedded:
                progress.console.print(f"[cyan]{ds.name}[/]: in scikit-learn enthalten, kein Download nötig.")
                continue
            try:
                result = data_download(ds.name, progress_factory=bar)
            except DatasetNotAvailable as err:
                failed.append(ds.name)
                progress.console.print(f"[bold red]{ds.name}:[/] {escape(str(err))}")
                continue
            except (DataError, OSError) as err:
                failed.append(ds.name)
                progress.console.print(f"[bold red]{ds.name}:[/] {escape(str(err))}")
                continue
            text = "bereits vorhanden und geprüft" if result == "present" else "heruntergeladen und geprüft"
            progress.console.print(f"[green]{ds.name}[/]: {text}")
        for old in bars:
            old.hide_if_unfinished()
    if failed:
        raise fail(f"Nicht verfügbar: {', '.join(failed)}.")


# --------------------------------------------------------------------------- bundle


@data_app.command(help="Schreibt geprüfte Datensätze in EINE Datei (Daten-Paket, .zip) für den Kursraum.")
def export(
    bundle: Annotated[Path, typer.Argument(help="Zieldatei, z. B. kursdaten.zip", show_default=False)],
    names: Annotated[Optional[list[str]], typer.Argument(help="Nur diese Datensätze (Standard: alle vollständigen).",
                                                        show_default=False)] = None,
    data_home: DataHomeOption = None,
) -> None:
    _use_data_home(data_home)
    from dlkurs.data import DataError, export_bundle, human_size

    chosen = _datasets(names, False, allow_empty=True)
    try:
        with _byte_progress(console) as progress:
            report = export_bundle(bundle, [d.name for d in chosen] if chosen else None,
                                   progress=_RichBundleProgress(progress, "Prüfe"))
    except (DataError, OSError) as err:
        raise fail(str(err)) from None
    console.print(f"[green]Daten-Paket geschrieben:[/] [bold]{escape(str(report.path))}[/] "
                  f"({len(report.datasets)} Datensätze, {report.files} Dateien, {human_size(report.bytes)})")
    console.print(f"Enthält: {', '.join(report.datasets)}")
    console.print(f"Auf den Rechnern der Teilnehmenden: [bold]dlkurs data import {escape(report.path.name)}[/]")


@data_app.command("import", help=(
    "Spielt Kursdaten ein: ein Daten-Paket (.zip), einen Ordner wie shared/data oder eine einzelne Datei. "
    "Jede Datei wird geprüft, bevor sie in den Datenordner kommt."))
def import_(
    source: Annotated[Path, typer.Argument(help="Daten-Paket, Ordner oder Datei", show_default=False)],
    names: Annotated[Optional[list[str]], typer.Argument(help="Nur diese Datensätze.", show_default=False)] = None,
    data_home: DataHomeOption = None,
) -> None:
    _use_data_home(data_home)
    from dlkurs.data import DataError, data_home as home, human_size, import_data

    chosen = _datasets(names, False, allow_empty=True)
    try:
        with _byte_progress(console) as progress:
            report = import_data(source, [d.name for d in chosen] if chosen else None,
                                 progress=_RichBundleProgress(progress, "Importiere"))
    except (DataError, OSError) as err:
        raise fail(str(err)) from None
    if not report.results:
        raise fail(f"In '{source}' wurden keine Kursdaten gefunden "
                    f"({len(report.ignored)} Dateien angesehen, keine erkannt).")
    style = {ImportOutcome.IMPORTED: "green", ImportOutcome.PRESENT: "green", ImportOutcome.REJECTED: "bold red",
             ImportOutcome.INCOMPLETE: "yellow"}
    table = Table(title=f"Import aus {escape(str(source))}")
    for column in ("Datensatz", "Ergebnis", "Dateien", "Größe", "Hinweis"):
        table.add_column(column)
    for r in report.results:
        table.add_row(r.dataset, f"[{style[r.status]}]{r.status}[/]", str(r.files),
                      human_size(r.bytes) if r.bytes else "–", escape("\n".join(r.problems)))
    console.print(table)
    if report.ignored:
        shown = ", ".join(report.ignored[:5]) + (" …" if len(report.ignored) > 5 else "")
        console.print(f"Nicht benötigt (übersprungen): {len(report.ignored)} Datei(en): {escape(shown)}")
    console.print(f"Datenordner: [bold]{escape(str(home()))}[/]")
    if not report.ok:
        raise fail("Mindestens eine Datei hat die Prüfung nicht bestanden und wurde nicht übernommen.")

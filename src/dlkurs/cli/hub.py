"""`dlkurs hub …`: the course on a JupyterHub for a whole class (one server, no installs on laptops).

Thin: parses, delegates to :mod:`dlkurs.build.hub`, prints. JupyterHub itself
is imported only by the ``jupyterhub_config.py`` that ``init`` writes.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from dlkurs.cli.common import console, fail, typer_app

hub_app = typer_app(
    "Der Kurs auf einem JupyterHub: ein Server für die ganze Klasse, Anmeldung im Browser. "
    "Reihenfolge: init → add → data → start; am Ende collect. Anleitung: docs/hub.md"
)

ENV_HUB = "DLKURS_HUB"
DEFAULT_FOLDER = Path("/srv/dlkurs")

FolderOption = Annotated[
    Optional[Path],
    typer.Option("--ordner", "-o", help="Hub-Ordner (Standard: $DLKURS_HUB oder /srv/dlkurs).", show_default=False),
]


def _folder(folder: Optional[Path]) -> Path:
    if folder is not None:
        return folder.expanduser().resolve()
    env = os.environ.get(ENV_HUB)
    return Path(env).expanduser().resolve() if env else DEFAULT_FOLDER


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise fail(f"{prompt} fehlt: im Terminal eingeben oder die Umgebungsvariable {env} setzen.")
    return typer.prompt(prompt, hide_input=True, confirmation_prompt=True)


@hub_app.command(help="Legt den Hub-Ordner an: Trainer-Konto (Admin), Kurspasswort, Grenzen je Person, Konfiguration.")
def init(
    trainer: Annotated[str, typer.Option("--trainer", help="Name der Trainerin/des Trainers (Admin-Konto).")],
    folder: FolderOption = None,
    mode: Annotated[str, typer.Option("--modus", help="system: ein Systemkonto je Person (empfohlen, braucht root); "
                                      "shared: alle Server unter einem Konto (zum Ausprobieren); auto: system, "
                                      "wo es geht.")] = "auto",
    memory: Annotated[str, typer.Option("--speicher", help="Speichergrenze je Person, z. B. 2G.")] = "2G",
    cpus: Annotated[float, typer.Option("--cpus", help="CPU-Grenze je Person (Kerne, z. B. 1 oder 0.5).")] = 1.0,
    port: Annotated[int, typer.Option("--port", help="Port des Hubs.")] = 8000,
    ip: Annotated[str, typer.Option("--ip", help="Adresse, an der der Hub lauscht (leer: alle).")] = "",
) -> None:
    from dlkurs.build import hub

    root = _folder(folder)
    course = _password("DLKURS_HUB_KURSPASSWORT", "Kurspasswort (für alle Lernenden)")
    trainer_pw = _password("DLKURS_HUB_TRAINERPASSWORT", "Passwort des Trainer-Kontos")
    try:
        settings = hub.init(root, trainer=trainer, course_password=course, trainer_password=trainer_pw, mode=mode,
                            mem_limit=memory, cpu_limit=cpus, ip=ip, port=port)
    except hub.HubError as err:
        raise fail(str(err)) from None
    console.print(f"Hub-Ordner [bold]{escape(str(root))}[/] angelegt (Modus {settings.mode}, je Person "
                  f"{settings.mem_limit} Speicher, {settings.cpu_limit:g} CPU).")
    console.print(f"Trainer-Konto: [bold]{settings.trainer}[/] (Admin).")
    if settings.mode == "shared":
        console.print("[yellow]Modus shared:[/] Alle Server laufen unter einem Konto – die Lernenden sind vom "
                      "Betriebssystem nicht voneinander getrennt (nur für vertraute Gruppen, siehe docs/hub.md).")
    opt = "" if folder is None else f" -o {escape(str(root))}"
    console.print(f"Weiter: [bold]dlkurs hub add{opt} \"Jörg Müller\" …[/], dann [bold]dlkurs hub data{opt} "
                  f"KURSDATEN[/], dann [bold]dlkurs hub start{opt}[/]")


@hub_app.command(help="Trägt Lernende in die Kursliste ein und zeigt ihren Anmeldenamen (Umlaute werden ausgeschrieben).")
def add(
    names: Annotated[Optional[list[str]], typer.Argument(help="Namen, z. B. \"Jörg Müller\" (in Anführungszeichen).",
                                                         show_default=False)] = None,
    from_file: Annotated[Optional[Path], typer.Option("--datei", help="Namen aus einer Textdatei (einer pro Zeile).")] = None,
    folder: FolderOption = None,
) -> None:
    from dlkurs.build import hub

    wanted = list(names or [])
    if from_file is not None:
        try:
            wanted += [line.strip() for line in from_file.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.strip().startswith("#")]
        except (OSError, UnicodeDecodeError) as err:
            raise fail(f"Die Namensliste {from_file} ist nicht lesbar ({err}).") from None
    if not wanted:
        raise fail("Keine Namen angegeben: z. B. dlkurs hub add \"Jörg Müller\" \"Ana Núñez\" oder --datei liste.txt", 2)
    try:
        added = hub.add_learners(_folder(folder), wanted)
    except hub.HubError as err:
        raise fail(str(err)) from None
    table = Table(title="Kursliste")
    table.add_column("Name")
    table.add_column("Anmeldename")
    table.add_column("")
    for written, name, new in added:
        table.add_row(escape(written), name, "neu eingetragen" if new else "schon eingetragen")
    console.print(table)
    console.print("Anmelden können sich alle mit ihrem Namen (so geschrieben oder als Anmeldename) und dem "
                  "Kurspasswort. Neue Namen gelten sofort, ohne Neustart des Hubs.")


@hub_app.command(help="Spielt die Kursdaten EINMAL für alle ein, prüft sie und macht sie schreibgeschützt.")
def data(
    source: Annotated[Optional[Path], typer.Argument(help="Daten-Paket (.zip) oder Ordner mit Kursdaten; ohne: "
                                                     "nur prüfen und schützen.", show_default=False)] = None,
    names: Annotated[Optional[list[str]], typer.Option("--nur", help="Nur diese Datensätze (mehrfach möglich).")] = None,
    folder: FolderOption = None,
) -> None:
    from dlkurs.build import hub
    from dlkurs.data import DataError

    if source is not None and not source.exists():
        raise fail(f"{source} gibt es nicht. Ein Daten-Paket (dlkurs data export) oder einen Ordner angeben.")
    try:
        with console.status("Spiele Kursdaten ein und prüfe sie (kann einige Minuten dauern) …"):
            report = hub.setup_data(_folder(folder), source, names)
    except (hub.HubError, DataError) as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"Der Datenordner lässt sich nicht schreiben ({err.strerror or err}). Als root ausführen.") from None
    settings = hub.load_settings(_folder(folder))
    console.print(f"Gemeinsamer Datenordner [bold]{escape(str(settings.data_home))}[/]: "
                  f"{len(report.ok)} Datensätze geprüft ({', '.join(report.ok) or '–'}).")
    if report.missing:
        console.print(f"[yellow]Es fehlen:[/] {', '.join(report.missing)} – Lektionen damit brechen dort ab.")
    for line in report.problems:
        console.print(f"[bold red]Beschädigt:[/] {escape(line)}")
    if report.read_only:
        console.print(f"Eigentümer {report.owner}, für die Lernenden nur lesbar.")
    else:
        console.print("[yellow]Nicht als root ausgeführt:[/] Der Ordner gehört dir; schreibgeschützt ist er nur "
                      "für andere Konten.")
    if report.problems:
        raise typer.Exit(1)


@hub_app.command(help="Startet den JupyterHub (beenden mit Strg+C). Die Adresse für die Lernenden steht am Ende.")
def start(folder: FolderOption = None) -> None:
    import subprocess

    from dlkurs.build import hub

    root = _folder(folder)
    try:
        settings = hub.load_settings(root)
        learners = hub.read_learners(root)
    except hub.HubError as err:
        raise fail(str(err)) from None
    hub_cmd = Path(sys.executable).with_name("jupyterhub")
    if not hub_cmd.exists():
        raise fail('JupyterHub ist nicht installiert. Installieren mit: pip install "dlkurs[hub]"')
    if shutil.which("configurable-http-proxy") is None:
        raise fail("Der Proxy configurable-http-proxy fehlt. Installieren mit: npm install -g configurable-http-proxy "
                   "(Node.js nötig: apt-get install nodejs npm)")
    console.print(f"Starte JupyterHub für {len(learners)} Lernende (Trainer: {settings.trainer}) auf Port "
                  f"{settings.port} … Im Browser: http://<Adresse dieses Servers>:{settings.port}/")
    try:
        code = subprocess.call([str(hub_cmd), "-f", str(root / hub.CONFIG)], cwd=settings.state)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


@hub_app.command(help="Sammelt die Notebooks aller Lernenden in ZIEL/<Anmeldename>/ – so, wie dlkurs grade sie liest.")
def collect(
    target: Annotated[Path, typer.Argument(help="Zielordner, z. B. abgaben", show_default=False)],
    folder: FolderOption = None,
) -> None:
    from dlkurs.build import hub

    try:
        result = hub.collect(_folder(folder), target)
    except hub.HubError as err:
        raise fail(str(err)) from None
    table = Table(title=f"Eingesammelt nach {target}")
    table.add_column("Anmeldename")
    table.add_column("Notebooks", justify="right")
    table.add_column("Hinweis")
    for item in result:
        table.add_row(item.learner, str(item.notebooks), escape(item.problem or ""))
    console.print(table)
    if not result:
        console.print("[yellow]Die Kursliste ist leer:[/] dlkurs hub add NAME …")


@hub_app.command(help="Zeigt Einstellungen, Kursliste mit Anmeldenamen und ob jede Person schon einen Arbeitsordner hat.")
def status(folder: FolderOption = None) -> None:
    from dlkurs.build import hub

    try:
        settings = hub.load_settings(_folder(folder))
        learners = hub.read_learners(settings.folder)
    except hub.HubError as err:
        raise fail(str(err)) from None
    console.print(f"Hub-Ordner {escape(str(settings.folder))}: Modus {settings.mode}, je Person {settings.mem_limit} "
                  f"Speicher und {settings.cpu_limit:g} CPU, Port {settings.port}, Trainer {settings.trainer}.")
    console.print(f"Daten: {escape(str(settings.data_home))}")
    table = Table(title=f"Kursliste ({len(learners)})")
    table.add_column("Name")
    table.add_column("Anmeldename")
    table.add_column("Arbeitsordner")
    for name, written in learners.items():
        table.add_row(escape(written), name, "ja" if settings.workspace_of(name).is_dir() else "noch nicht")
    console.print(table)

"""The course website: Markdown pages from the executed notebooks, built by MkDocs (Material theme).

nbconvert's MarkdownExporter writes each executed notebook as a Markdown page
(plots as PNG files beside it, formulas already MathML); MkDocs with the
Material theme makes the site: navigation by day, previous/next links under
each page, a full-text search (lunr, German stemming) and the ``offline``
plugin, so the folder works from a file manager as well as from any static web
server. Nothing is loaded from the internet at view time: the Material theme's
Google fonts are switched off, and no page needs a math library.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from pathlib import Path

import nbformat

from dlkurs.build.offline_html import math_to_mathml
from dlkurs.lessons import Lesson
from dlkurs.run.results import LessonRun

SITE_NAME = "Deep Learning mit Python & Keras"
LESSON_DIR = "lektionen"
SLIDES_DIR = "folien"
#: Web Workers from file:// (offline search); vendored from npm "iframe-worker".
IFRAME_WORKER = "assets/javascripts/iframe-worker-shim.js"
IFRAME_WORKER_SOURCE = Path(__file__).resolve().parent / "vendor" / "iframe-worker" / "shim.js"
NOTEBOOK_DIRS = {"student": "notebooks/aufgaben", "solution": "notebooks/loesungen"}
EXTRA_CSS = """\
.md-typeset math { font-size: 1.1em; }
.md-typeset math[display="block"] { display: block; margin: 0.8em 0; overflow-x: auto; font-size: 1.3em; }
.md-typeset .dlkurs-meta { color: var(--md-default-fg-color--light); }
.md-typeset .dlkurs-ausgabe img { max-width: 100%; }
"""


@dataclass(frozen=True)
class Links:
    """Where a lesson's files are, relative to the site root."""

    page: str
    slides: str
    student: str
    solution: str


def links_for(lesson: Lesson) -> Links:
    notebook = f"tag{lesson.day}/{lesson.slug}.ipynb"
    return Links(
        page=f"{LESSON_DIR}/{lesson.slug}.md",
        slides=f"{SLIDES_DIR}/{lesson.slug}.html",
        student=f"{NOTEBOOK_DIRS['student']}/{notebook}",
        solution=f"{NOTEBOOK_DIRS['solution']}/{notebook}",
    )


def day_title(day: int) -> str:
    return f"Tag {day}"


def number(value: float) -> str:
    """A figure the German way: ``59,8``, ``60.000``."""
    if value == int(value) and abs(value) >= 1000:
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}·10^{int(exponent)}"
    return text.replace(".", ",")


def _cell_markdown(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def provenance(origin: str, run: LessonRun | None, ran_now: bool, notes: list[str]) -> str:
    """The box at the top of a lesson page that says where its outputs come from."""
    when = f" vom {run.started[:10]}" if run is not None and run.started else ""
    if origin == "full":
        box = ['!!! info "Ausgaben aus dem vollständigen Lauf"',
               f"    Code und Ausgaben stammen aus `dlkurs run --profile full`{when} (Backend {run.backend})."]
    elif origin == "quick":
        source = "für diese Seite ausgeführt" if ran_now else "aus dem Ordner der Läufe"
        box = ['!!! warning "Probelauf"',
               f"    Die Ausgaben stammen aus einem Probelauf (Profil quick, {source}){when}: weniger Daten und "
               "kürzeres Training – die Zahlen sind keine Kurszahlen. Die Zahlen des vollständigen Laufs stehen "
               "unter [Kennzahlen](#kennzahlen)."]
    else:
        box = ['!!! danger "Ohne Ausgaben"',
               "    Diese Lektion wurde für die Seite nicht ausgeführt; Code und Text sind vollständig, "
               "Ausgaben und Plots fehlen."]
    for note in notes:
        box.append(f"\n    - {' '.join(note.split())}")
    return "\n".join(box)


def figures_section(lesson: Lesson, full_run: LessonRun | None) -> str:
    """Key figures of the last full run next to the catalog's reference bands."""
    if not lesson.figures:
        return ""
    lines = ["## Kennzahlen", ""]
    if full_run is None:
        lines += [f"Noch kein vollständiger Lauf: `dlkurs run --profile full {lesson.id}` trägt die Werte ein.", ""]
    else:
        lines += [f"Letzter vollständiger Lauf: {full_run.started[:10] or 'ohne Datum'}, "
                  f"Status „{full_run.status_de}“, Backend {full_run.backend}.", ""]
    lines += ["| Kennzahl | Wert (voller Lauf) | Referenzband | Im Band |", "|---|---|---|---|"]
    for figure in lesson.figures:
        value = full_run.figures.get(figure.name) if full_run else None
        shown = "–" if value is None else number(value)
        band = "–" if figure.band is None else f"{number(figure.band[0])} bis {number(figure.band[1])}"
        within = figure.within(value) if value is not None else None
        mark = "–" if within is None else ("ja" if within else "**nein**")
        label = _cell_markdown(figure.label + (f" ({figure.unit})" if figure.unit else ""))
        lines.append(f"| {label} | {shown} | {band} | {mark} |")
    return "\n".join(lines) + "\n"


def notebook_markdown(nb: nbformat.NotebookNode, files_dir: str) -> tuple[str, dict[str, bytes]]:
    """The notebook as Markdown (nbconvert) and its extracted plots/images, named ``files_dir/…``."""
    from nbconvert import MarkdownExporter
    from traitlets.config import Config

    page = copy.deepcopy(nb)
    for cell in page.cells:
        if cell.cell_type == "markdown":
            cell.source = math_to_mathml(cell.source)
    config = Config()
    config.ExtractOutputPreprocessor.enabled = True
    config.ExtractAttachmentsPreprocessor.enabled = True
    exporter = MarkdownExporter(config=config)
    body, resources = exporter.from_notebook_node(
        page, resources={"unique_key": "ausgabe", "output_files_dir": files_dir}
    )
    return body, dict(resources.get("outputs", {}))


def lesson_page(lesson: Lesson, body: str, links: Links, box: str, figures: str) -> str:
    """Title, meta line, provenance box, the notebook, the figures."""
    lines = body.lstrip("\n").splitlines()
    if lines and lines[0].startswith("# "):
        title, rest = lines[0], "\n".join(lines[1:])
    else:
        title, rest = f"# {lesson.id} {lesson.title}", "\n".join(lines)
    up = "../"
    meta = (f'<p class="dlkurs-meta">{day_title(lesson.day)} · etwa {lesson.minutes} Minuten · '
            f'<a href="{up}{links.slides}">Folien</a> · '
            f'<a href="{up}{links.student}" download>Notebook zum Mitmachen</a> · '
            f'<a href="{up}{links.solution}" download>Notebook mit Lösungen</a></p>')
    parts = [title, "", meta, "", box, "", rest.strip("\n"), ""]
    if figures:
        parts += ["", figures]
    return "\n".join(parts)


def index_page(lessons: list[Lesson], built: set[str]) -> str:
    """The start page: every lesson of the catalog by day; the built ones are links."""
    days = sorted({lesson.day for lesson in lessons})
    lines = [
        f"# {SITE_NAME}",
        "",
        "Alle Lektionen des Kurses zum Nachlesen: Text, Code und Ausgaben, dazu die Folien und die Notebooks "
        "zum Herunterladen. Die Suche oben findet jedes Wort aus den Lektionen.",
        "",
    ]
    for day in days:
        mine = [lesson for lesson in lessons if lesson.day == day]
        total = sum(lesson.minutes for lesson in mine)
        count = "1 Lektion" if len(mine) == 1 else f"{len(mine)} Lektionen"
        lines += [f"## {day_title(day)}", "", f"{count}, zusammen etwa {total} Minuten.", "",
                  "| Lektion | Worum es geht | Dauer | Folien |", "|---|---|---|---|"]
        for lesson in mine:
            links = links_for(lesson)
            title = _cell_markdown(f"{lesson.id} {lesson.title}")
            summary = _cell_markdown(lesson.summary)
            if lesson.id not in built:
                lines.append(f"| {title} | {summary} *(nicht in dieser Ausgabe)* | {lesson.minutes} min | – |")
                continue
            lines.append(f"| [{title}]({links.page}) | {summary} | {lesson.minutes} min | "
                         f"[Folien]({links.slides}) |")
        lines.append("")
    return "\n".join(lines)


def mkdocs_config(docs_dir: Path, site_dir: Path, nav: list) -> dict:
    return {
        "site_name": SITE_NAME,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "theme": {
            "name": "material",
            "language": "de",
            "font": False,  # no Google Fonts: the site must not reach the internet
            "features": ["navigation.footer", "navigation.sections", "navigation.top",
                         "search.highlight", "content.code.copy"],
        },
        "plugins": [{"search": {"lang": "de"}}, "offline"],
        "markdown_extensions": [
            "tables", "admonition", "attr_list", "md_in_html", "def_list",
            {"toc": {"permalink": False}},
            {"pymdownx.highlight": {"use_pygments": True}},
            "pymdownx.superfences", "pymdownx.details",
        ],
        "extra_css": ["assets/dlkurs.css"],
        # the offline plugin would add this shim from unpkg.com; a local copy keeps the site offline
        "extra": {"polyfills": [IFRAME_WORKER], "generator": False},
        "nav": nav,
        "validation": {"links": {"not_found": "ignore", "anchors": "ignore", "unrecognized_links": "ignore"},
                       "omitted_files": "ignore", "absolute_links": "ignore"},
    }


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: dict, config_path: Path) -> list[str]:
    """Build the site with MkDocs; return its warnings (it raises on a broken configuration)."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        cfg = load_config(config_file=str(config_path))
        build(cfg)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
    return handler.messages

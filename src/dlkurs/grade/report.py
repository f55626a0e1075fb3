"""The class report: a CSV (learner × exercise) and a German HTML page with a plot.

The HTML page is one self-contained file (styles inline, the plot embedded as
PNG), so it opens offline in any browser.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import time
from collections import Counter
from pathlib import Path

from dlkurs.exercises.verdict import FALSCH, INTERNER_FEHLER, NICHT_BEARBEITET, RICHTIG
from dlkurs.grade.execute import DONE, Isolation, Outcome

CSV_NAME = "bewertung.csv"
HTML_NAME = "bewertung.html"
SYMBOL = {RICHTIG: "✓", FALSCH: "✗", NICHT_BEARBEITET: "…", INTERNER_FEHLER: "!"}
COLOR = {RICHTIG: "#d9f2d9", FALSCH: "#f8d7d7", NICHT_BEARBEITET: "#eeeeee", INTERNER_FEHLER: "#fff0c2"}


def exercise_columns(outcomes: list[Outcome]) -> list[tuple[str, str]]:
    """(lesson, exercise) in course order, as they appear in the grades."""
    seen: dict[tuple[str, str], None] = {}
    for outcome in sorted(outcomes, key=lambda o: _lesson_key(o.lesson)):
        for name in outcome.verdicts:
            seen.setdefault((outcome.lesson or "?", name), None)
    return list(seen)


def _lesson_key(lesson: str | None) -> tuple:
    try:
        return tuple(int(p) for p in (lesson or "").split("."))
    except ValueError:
        return (999,)


def by_learner(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """Each learner's notebooks, in the order they were found."""
    grouped: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(outcome.learner, []).append(outcome)
    return grouped


def best_verdict(own: list[Outcome], lesson: str, name: str) -> dict | None:
    """A learner's verdict for one exercise: from their best notebook of that lesson (two copies: the better)."""
    found = [o.verdicts[name] for o in own if o.lesson == lesson and name in o.verdicts]
    return max(found, key=lambda v: v["points"]) if found else None


def write_csv(outcomes: list[Outcome], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["teilnehmer", "notebook", "lektion", "aufgabe", "status", "punkte", "meldung",
                         "notebook_status", "auffaellig"])
        for outcome in outcomes:
            flagged = " | ".join(outcome.flags)
            notebook = Path(outcome.notebook).name
            if not outcome.verdicts:
                writer.writerow([outcome.learner, notebook, outcome.lesson or "", "", "", 0,
                                 outcome.reason, outcome.status, flagged])
            for name, verdict in outcome.verdicts.items():
                writer.writerow([outcome.learner, notebook, outcome.lesson or "", name, verdict["status"],
                                 verdict["points"], verdict["message"], outcome.status, flagged])
    return path


def solved_share(outcomes: list[Outcome]) -> dict[tuple[str, str], tuple[int, int]]:
    """(lesson, exercise) -> (solved, graded notebooks)."""
    share: dict[tuple[str, str], list[int]] = {}
    for outcome in outcomes:
        for name, verdict in outcome.verdicts.items():
            entry = share.setdefault((outcome.lesson or "?", name), [0, 0])
            entry[1] += 1
            entry[0] += verdict["status"] == RICHTIG
    return {k: (v[0], v[1]) for k, v in share.items()}


def common_wrong(outcomes: list[Outcome], top: int = 3) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """(lesson, exercise) -> the most common messages of wrong answers, with counts."""
    counters: dict[tuple[str, str], Counter] = {}
    for outcome in outcomes:
        for name, verdict in outcome.verdicts.items():
            if verdict["status"] == FALSCH:
                counters.setdefault((outcome.lesson or "?", name), Counter())[verdict["message"]] += 1
    return {k: c.most_common(top) for k, c in counters.items()}


def plot_png(outcomes: list[Outcome]) -> bytes:
    """Bar chart: share of the class that solved each exercise."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    share = solved_share(outcomes)
    columns = exercise_columns(outcomes)
    labels = [f"{lesson} {name}" for lesson, name in columns]
    values = [100 * share[c][0] / share[c][1] if share[c][1] else 0 for c in columns]
    fig = Figure(figsize=(max(5, 0.9 * len(columns) + 2), 3.6))
    ax = fig.subplots()
    bars = ax.bar(range(len(values)), values, color=["#4c9a4c" if v >= 70 else "#d9a03f" if v >= 40 else "#c44e4e"
                                                      for v in values])
    for bar, value in zip(bars, values):
        ax.text(bar.get_x() + bar.get_width() / 2, value + 1.5, f"{value:.0f} %", ha="center", fontsize=8)
    ax.set_xticks(range(len(values)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_ylabel("gelöst (% der Klasse)")
    ax.set_title("Anteil der Klasse, der die Aufgabe gelöst hat")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.v { text-align: center; font-weight: bold; }
.flag { color: #a00; font-weight: bold; }
.note { background: #fff8e0; border-left: 4px solid #e0b000; padding: 0.4em 0.8em; margin: 0.3em 0; }
.ok { background: #eef8ee; border-left: 4px solid #4c9a4c; padding: 0.4em 0.8em; margin: 0.3em 0; }
details { margin: 0.4em 0; } summary { cursor: pointer; }
small { color: #666; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def write_html(outcomes: list[Outcome], path: Path, *, isolation: Isolation, settings: dict, seconds: float | None = None) -> Path:
    columns = exercise_columns(outcomes)
    share = solved_share(outcomes)
    wrong = common_wrong(outcomes)
    parts = [f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Bewertung der Klasse</title>"
             f"<style>{_STYLE}</style></head><body>",
             "<h1>Bewertung der Klasse</h1>",
             f"<p><small>Erstellt am {time.strftime('%d.%m.%Y um %H:%M')} · {len(outcomes)} Notebooks · "
             f"Profil {_e(settings.get('profile', ''))}"
             + (f" · Dauer {seconds:.0f} s" if seconds is not None else "") + "</small></p>"]
    limits = settings.get("limits", {})
    parts.append("<h2>Schutz beim Ausführen</h2>")
    for line in isolation.notes():
        css = "note" if "NICHT" in line else "ok"
        parts.append(f"<div class='{css}'>{_e(line)}</div>")
    if limits:
        notebook = f"{limits['notebook_seconds']:g} s" if limits.get("notebook_seconds") else "das Dreifache des Zeitbudgets der Lektion"
        cell = f"{limits['cell_seconds']:g} s je Zelle" if limits.get("cell_seconds") else "je Zelle dieselbe Grenze"
        parts.append(f"<p><small>Grenzen je Notebook: {notebook} gesamt, {cell}, {limits.get('memory_mb', 0)} MB Speicher. "
                     "Bewertet wurde allein mit den Werten, die der Code der Teilnehmenden beim Ausführen erzeugt hat – "
                     "nie mit gespeicherten Ausgaben.</small></p>")
    flagged = [o for o in outcomes if o.flags]
    if flagged:
        parts.append(f"<div class='note'><span class='flag'>⚑ {len(flagged)} Notebook(s) auffällig</span> – "
                     "ihre Ausgaben behaupten mehr, als die Bewertung ergibt, oder ihr Code greift in die Prüfung ein. "
                     "Einzelheiten unten.</div>")
    # class table: one row per learner (their notebooks of several lessons side by side)
    parts.append("<h2>Klassenübersicht</h2><table><tr><th>Teilnehmer:in</th><th>Notebooks</th>")
    parts += [f"<th>{_e(lesson)}<br>{_e(name)}</th>" for lesson, name in columns]
    parts.append("<th>Punkte</th><th>Hinweise</th></tr>")
    for learner, own in by_learner(outcomes).items():
        parts.append(f"<tr><td><a href='#{_e(own[0].key)}'>{_e(learner)}</a></td><td>{len(own)}</td>")
        points = total = 0
        for lesson, name in columns:
            verdict = best_verdict(own, lesson, name)
            if verdict is None:
                parts.append("<td></td>")
                continue
            status = verdict["status"]
            points += verdict["points"]
            total += 1
            parts.append(f"<td class='v' style='background:{COLOR.get(status, '#fff')}' title='{_e(status)}: "
                         f"{_e(verdict['message'])}'>{SYMBOL.get(status, '?')}</td>")
        notes = sorted({_e(o.status) for o in own if o.status != DONE})
        if any(o.flags for o in own):
            notes.append("<span class='flag'>⚑ auffällig</span>")
        parts.append(f"<td>{points} / {total}</td><td>{', '.join(notes)}</td></tr>")
    parts.append("</table><p><small>✓ richtig · ✗ falsch · … noch nicht bearbeitet · ! interner Fehler – "
                 "die Maus über einem Feld zeigt die Meldung.</small></p>")
    # per exercise
    png = base64.b64encode(plot_png(outcomes)).decode("ascii") if columns else ""
    parts.append("<h2>Aufgaben: Wo steht die Klasse?</h2>")
    if png:
        parts.append(f"<img alt='Anteil gelöst je Aufgabe' src='data:image/png;base64,{png}'>")
    parts.append("<table><tr><th>Aufgabe</th><th>gelöst</th><th>häufigste Fehlermeldungen</th></tr>")
    for key in sorted(columns, key=lambda c: share[c][0] / max(1, share[c][1])):
        solved, total = share[key]
        messages = "".join(f"<li>{count}× {_e(message)}</li>" for message, count in wrong.get(key, []))
        parts.append(f"<tr><td>{_e(key[0])} {_e(key[1])}</td><td>{solved} von {total} "
                     f"({100 * solved / max(1, total):.0f} %)</td><td><ul>{messages}</ul></td></tr>")
    parts.append("</table><p><small>Sortiert von der am wenigsten gelösten Aufgabe an: oben steht, was sich zu "
                 "wiederholen lohnt.</small></p>")
    # per learner
    parts.append("<h2>Je Teilnehmer:in</h2>")
    for outcome in outcomes:
        points = sum(v["points"] for v in outcome.verdicts.values())
        parts.append(f"<details id='{_e(outcome.key)}'{' open' if outcome.flags else ''}><summary><b>{_e(outcome.learner)}</b> – "
                     f"{_e(Path(outcome.notebook).name)} (Lektion {_e(outcome.lesson or '?')}): {points} / "
                     f"{len(outcome.verdicts)} Punkte · {_e(outcome.status)} · {outcome.seconds:.0f} s</summary>")
        if outcome.reason:
            parts.append(f"<div class='note'>{_e(outcome.reason)}</div>")
        for flag in outcome.flags:
            parts.append(f"<div class='note'><span class='flag'>⚑</span> {_e(flag)}</div>")
        if outcome.verdicts:
            parts.append("<table><tr><th>Aufgabe</th><th>Status</th><th>Meldung</th></tr>")
            for name, verdict in outcome.verdicts.items():
                parts.append(f"<tr><td>{_e(name)}</td><td style='background:{COLOR.get(verdict['status'], '#fff')}'>"
                             f"{_e(verdict['status'])}</td><td>{_e(verdict['message'])}</td></tr>")
            parts.append("</table>")
        if outcome.events:
            parts.append("<p>Beim Ausführen:</p><ul>" + "".join(f"<li>{_e(e)}</li>" for e in outcome.events) + "</ul>")
        parts.append("</details>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write(outcomes: list[Outcome], out: Path, *, isolation: Isolation, settings: dict,
          seconds: float | None = None) -> tuple[Path, Path]:
    """Write both files into ``out``; returns (csv, html)."""
    return (write_csv(outcomes, out / CSV_NAME),
            write_html(outcomes, out / HTML_NAME, isolation=isolation, settings=settings, seconds=seconds))

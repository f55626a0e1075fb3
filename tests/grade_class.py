"""A made-up class for the grading tests: learners' notebooks of lesson 1.3, built from the student notebook.

Every submission is the student notebook of lesson 1.3 (by default shortened to
the set-up cell and the three exercise cells, which is what grading needs and
keeps the tests fast) with answers filled in by text replacement, plus cells
that misbehave or cheat. :func:`make_class` writes one subfolder per learner
and returns what each notebook should get.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

EXERCISES = ("form_farbbilder", "normalisieren", "mitte")
RIGHT = {"form_farbbilder": "(128, 32, 32, 3)", "normalisieren": 'bilder.astype("float32") / 127.5 - 1',
         "mitte": "bilder[:, 7:21, 7:21]"}
WRONG = {"form_farbbilder": "(128, 3, 32, 32)", "normalisieren": "bilder / 255", "mitte": "bilder[:, 7:20, 7:20]"}
WRONG_2 = {"form_farbbilder": "(32, 32, 3)", "normalisieren": "bilder.astype(np.float32) / 256",
           "mitte": "bilder[:, ::2, ::2]"}
RICHTIG_BOX = "✓ Richtig: Gut gemacht!"


@dataclass
class Learner:
    name: str
    nb: nbformat.NotebookNode
    #: exercise -> answer expression as the learner wrote it (None: placeholder left) for honest variants
    answers: dict[str, str | None] = field(default_factory=dict)
    #: exercise -> expected status where it is not the checker's verdict on ``answers`` (crashes, fakes)
    expect: dict[str, str] = field(default_factory=dict)
    flagged: bool = False
    kind: str = "ehrlich"


def student_notebook(full: bool = False) -> nbformat.NotebookNode:
    from dlkurs.build.notebook import build_notebook
    from dlkurs.lessons import catalog

    lesson = next(item for item in catalog() if item.id == "1.3")
    nb = build_notebook(lesson, "student")
    if not full:
        keep = set()
        for index, cell in enumerate(nb.cells):
            if index <= 1 or (cell.cell_type == "code" and ".check(" in cell.source):
                keep |= {index, index - 1} if index > 1 else {index}
        nb.cells = [cell for index, cell in enumerate(nb.cells) if index in keep]
    return nb


def _cell(nb, name: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.cell_type == "code" and f"aufgabe.{name}.check(" in c.source)


def fill(nb, answers: dict[str, str | None]) -> nbformat.NotebookNode:
    """Replace the placeholders of the exercise cells by the given answer expressions."""
    for name, expression in answers.items():
        if expression is None:
            continue
        cell = _cell(nb, name)
        if name == "form_farbbilder":
            cell.source = cell.source.replace("form_farbbilder = ___", f"form_farbbilder = {expression}")
        else:
            cell.source = cell.source.replace("return ___", f"return {expression}")
    return nb


def insert_after(nb, name: str | None, source: str) -> nbformat.NotebookNode:
    """A new code cell after the exercise cell ``name`` (None: after the set-up cell)."""
    cells = nb.cells
    index = 1 if name is None else cells.index(_cell(nb, name))
    cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return nb


def honest(name: str, answers: dict[str, str | None], full: bool = False) -> Learner:
    nb = fill(student_notebook(full), answers)
    return Learner(name, nb, answers=dict(answers))


def all_right(**override) -> dict[str, str | None]:
    return {**RIGHT, **override}


def make_class(root: Path, *, port: int, sentinel: Path, secret: list[Path] = (), full: bool = False) -> list[Learner]:
    """Write the class into ``root`` (one folder per learner); return the learners with what they deserve."""
    learners: list[Learner] = []
    add = learners.append
    # honest: correct, partly correct, empty, wrong
    for i in range(4):
        add(honest(f"richtig_{i + 1}", dict(RIGHT)))
    if full:
        add(honest("richtig_ganzes_notebook", dict(RIGHT), full=True))
    add(honest("teilweise_1", {**RIGHT, "mitte": WRONG["mitte"]}))
    add(honest("teilweise_2", {**RIGHT, "normalisieren": None}))
    add(honest("teilweise_3", {"form_farbbilder": RIGHT["form_farbbilder"], "normalisieren": WRONG_2["normalisieren"],
                               "mitte": None}))
    add(honest("teilweise_4", {"form_farbbilder": WRONG_2["form_farbbilder"], "normalisieren": RIGHT["normalisieren"],
                               "mitte": RIGHT["mitte"]}))
    add(honest("leer_1", {n: None for n in EXERCISES}))
    add(honest("leer_2", {n: None for n in EXERCISES}))
    add(honest("falsch_1", dict(WRONG)))
    add(honest("falsch_2", dict(WRONG_2)))
    add(honest("falsch_3", {**WRONG, "mitte": "bilder[7:21, 7:21]"}))
    add(honest("falsch_4", {"form_farbbilder": "[128, 32, 32, 3]", "normalisieren": "(bilder / 255).astype(np.uint8)",
                            "mitte": "bilder[:, 14:, 14:]"}))
    # honest, written differently
    learner = honest("literal_im_check", {n: None for n in EXERCISES})
    cell = _cell(learner.nb, "form_farbbilder")
    cell.source = cell.source.replace("check(form_farbbilder)", "check((128, 32, 32, 3))")
    learner.answers["form_farbbilder"] = RIGHT["form_farbbilder"]
    add(learner)
    learner = honest("ohne_check_aufrufe", dict(RIGHT))
    for name in EXERCISES:
        cell = _cell(learner.nb, name)
        cell.source = "\n".join(line for line in cell.source.splitlines() if ".check(" not in line)
    add(learner)
    add(honest("veraendert_eingabe", {**RIGHT, "normalisieren": '(bilder.__setitem__(..., 0), bilder.astype("float32") / 127.5 - 1)[1]'}))
    add(honest("fehler_in_funktion", {**RIGHT, "mitte": 'int("kaputt")'}))
    # broken
    learner = honest("syntaxfehler", dict(RIGHT))
    _cell(learner.nb, "normalisieren").source = "def normalisieren(bilder)\n    return bilder\n\naufgabe.normalisieren.check(normalisieren)"
    learner.answers["normalisieren"] = None
    learner.expect["normalisieren"] = "noch nicht bearbeitet"
    learner.kind = "kaputt"
    add(learner)
    learner = honest("ausnahme", dict(RIGHT))
    insert_after(learner.nb, None, "ergebnis = 1 / 0")
    learner.kind = "kaputt"
    add(learner)
    # misbehaving
    learner = honest("endlosschleife", dict(RIGHT))
    insert_after(learner.nb, "form_farbbilder", "while True:\n    pass")
    learner.kind = "hängt"
    add(learner)
    learner = honest("unterbrechungsfest", dict(RIGHT))
    insert_after(learner.nb, "form_farbbilder",
                 "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.05)")
    learner.expect.update(normalisieren="noch nicht bearbeitet", mitte="noch nicht bearbeitet")
    learner.kind = "hängt"
    add(learner)
    learner = honest("haengende_funktion", {**RIGHT, "mitte": "next(x for x in iter(int, 1) if x)"})
    learner.expect["mitte"] = "falsch"  # "Zeitlimit von 5 s überschritten …", asserted in the test
    learner.kind = "hängt"
    add(learner)
    learner = honest("speicherbombe", dict(RIGHT))
    insert_after(learner.nb, None, "riesig = bytearray(64 * 1024**3)")
    insert_after(learner.nb, "form_farbbilder", "stapel = []\nwhile True:\n    stapel.append(np.ones(32 * 1024**2))")
    learner.kind = "Speicher"
    add(learner)
    learner = honest("sys_exit", dict(RIGHT))
    insert_after(learner.nb, "form_farbbilder", "import sys\nsys.exit(3)")
    learner.kind = "kaputt"
    add(learner)
    learner = honest("kernel_absturz", dict(RIGHT))
    insert_after(learner.nb, "form_farbbilder", "import os\nos._exit(1)")
    learner.expect.update(normalisieren="noch nicht bearbeitet", mitte="noch nicht bearbeitet")
    learner.kind = "Absturz"
    add(learner)
    learner = honest("netzwerk", dict(RIGHT))
    insert_after(learner.nb, None, f"""import socket, urllib.request
erreicht = []
for adresse in [("127.0.0.1", {port}), ("1.1.1.1", 53), ("8.8.8.8", 443)]:
    try:
        socket.create_connection(adresse, timeout=2).close()
        erreicht.append(adresse)
    except OSError:
        pass
try:
    urllib.request.urlopen("http://example.org", timeout=2)
    erreicht.append("http")
except Exception:
    pass
print("erreicht:", erreicht)""")
    cell = _cell(learner.nb, "form_farbbilder")
    cell.source = cell.source.replace("form_farbbilder = (128, 32, 32, 3)",
                                      "form_farbbilder = (128, 32, 32, 3) if not erreicht else ('Netz', erreicht)")
    learner.kind = "Netzwerk"
    add(learner)
    learner = honest("hintergrundprozess", dict(RIGHT))
    insert_after(learner.nb, None, "import subprocess\nsubprocess.Popen(['sleep', '4242'])")
    learner.kind = "Prozess"
    add(learner)
    # tampering and faking: they must score nothing for what they fake, and be flagged
    learner = honest("check_umdefiniert", {**RIGHT, "form_farbbilder": WRONG["form_farbbilder"]})
    cell = _cell(learner.nb, "form_farbbilder")
    cell.source = f"aufgabe.form_farbbilder.check = lambda antwort: print({RICHTIG_BOX!r})\n" + cell.source
    learner.flagged, learner.kind = True, "Manipulation"
    add(learner)
    learner = honest("verdict_gepatcht", {"form_farbbilder": WRONG["form_farbbilder"], "normalisieren": None, "mitte": None})
    insert_after(learner.nb, None, """from dlkurs.exercises.exercise import Exercise
from dlkurs.exercises.verdict import Verdict
import dlkurs.exercises.verdict as urteil
Exercise.evaluate = lambda self, answer=None: Verdict("richtig", "Gut gemacht!")
Verdict.ok = property(lambda self: True)
urteil.FALSCH = urteil.RICHTIG""")
    learner.flagged, learner.kind = True, "Manipulation"
    add(learner)
    learner = honest("agent_manipuliert", {"form_farbbilder": WRONG["form_farbbilder"], "normalisieren": None, "mitte": RIGHT["mitte"]})
    insert_after(learner.nb, None, """import dlkurs.grade.agent as helfer
helfer.export = lambda *a, **k: None
from dlkurs.exercises.exercise import Exercise
Exercise.check = lambda self, antwort=None: print("✓ Richtig: Gut gemacht!")""")
    learner.flagged, learner.kind = True, "Manipulation"
    learner.expect.update(form_farbbilder="falsch", normalisieren="falsch", mitte="falsch")  # nothing transferable
    add(learner)
    learner = honest("dateien_der_bewertung", dict(RIGHT))
    insert_after(learner.nb, None, f"""import os, shutil
ziele = [{str(sentinel)!r}, os.path.join(os.environ["DLKURS_DATA"], "unantastbar-grade-test.txt")]
entkommen = []
for ziel in ziele:
    try:
        with open(ziel, "a") as datei:
            datei.write("verändert")
        entkommen.append(ziel)
    except OSError:
        pass
    try:
        os.remove(ziel)
        entkommen.append("gelöscht " + ziel)
    except OSError:
        pass
try:
    with open(os.path.join(os.path.dirname(ziele[0]), "dlkurs-entkommen.txt"), "w") as datei:
        datei.write("x")
    entkommen.append("neue Datei")
except OSError:
    pass
for geheim in {[str(p) for p in secret]!r}:  # the grader's output, another learner's notebook: not even readable
    try:
        if os.listdir(geheim) if os.path.isdir(geheim) else open(geheim).read():
            entkommen.append("gelesen " + geheim)
    except OSError:
        pass
shutil.rmtree(os.path.expanduser("~"), ignore_errors=True)  # the own working folder: allowed, but gone
print("entkommen:", entkommen)""")
    cell = _cell(learner.nb, "form_farbbilder")
    cell.source = cell.source.replace("form_farbbilder = (128, 32, 32, 3)",
                                      "form_farbbilder = (128, 32, 32, 3) if not entkommen else ('entkommen', entkommen)")
    learner.kind = "Dateien"
    add(learner)
    learner = honest("richtig_gedruckt", {**RIGHT, "mitte": WRONG["mitte"]})
    cell = _cell(learner.nb, "mitte")
    cell.source = cell.source.replace("aufgabe.mitte.check(mitte)", f"print({RICHTIG_BOX!r})")
    learner.flagged, learner.kind = True, "Fälschung"
    add(learner)
    learner = honest("ausgabe_gefaelscht", {n: None for n in EXERCISES})
    for name in EXERCISES:
        _cell(learner.nb, name).outputs = [nbformat.v4.new_output(
            "display_data", data={"text/plain": RICHTIG_BOX,
                                  "text/html": "<div><b>Richtig</b> Gut gemacht!</div>"})]
    learner.flagged, learner.kind = True, "Fälschung"
    add(learner)
    for learner in learners:
        folder = root / learner.name
        folder.mkdir(parents=True)
        nbformat.write(learner.nb, folder / "1.3_tensoren.ipynb")
    return learners


def expected_verdicts(learner: Learner) -> dict[str, tuple[str, str | None]]:
    """exercise -> (status, message or None) the grade must show, from the exercises' own checks."""
    from dlkurs.exercises import aufgaben

    aufgabe = aufgaben("1.3")
    out: dict[str, tuple[str, str | None]] = {}
    for name in EXERCISES:
        if name in learner.expect:
            out[name] = (learner.expect[name], None)
            continue
        expression = learner.answers.get(name)
        if expression is None:
            out[name] = ("noch nicht bearbeitet", None)
            continue
        namespace: dict = {}
        exec("import numpy as np", namespace)  # noqa: S102 - the test's own answers
        if name == "form_farbbilder":
            value = eval(expression, namespace)  # noqa: S307
        else:
            exec(f"def {name}(bilder):\n    return {expression}", namespace)  # noqa: S102
            value = namespace[name]
        verdict = aufgabe[name].evaluate(value)
        out[name] = (str(verdict.status), verdict.message)
    return out


def dump(learners: list[Learner]) -> str:
    return json.dumps({item.name: item.kind for item in learners}, ensure_ascii=False)

# %% [markdown]
# # 1.2 Jupyter & Markdown
#
# Im ganzen Kurs arbeitest du in **Jupyter-Notebooks**. Ein Notebook besteht aus
# **Zellen**, die du einzeln ausführst. Es gibt zwei wichtige Sorten:
#
# - **Code-Zellen** enthalten Python. Das Ergebnis erscheint direkt darunter.
# - **Markdown-Zellen** enthalten Text wie diesen – mit Überschriften, Listen,
#   Formeln, Tabellen und Bildern.
#
# In dieser Lektion lernst du die Bedienung, die wichtigsten Tastenkürzel,
# Markdown und die „Magics“ von IPython kennen.

# %%
import numpy as np

import dlkurs
from dlkurs.exercises import ___, aufgaben

aufgabe = aufgaben("1.2")

# %% [markdown]
# ## Zwei Modi: Befehl und Bearbeiten
#
# Jupyter kennt zwei Modi:
#
# - Im **Bearbeitungsmodus** (Edit Mode) tippst du in eine Zelle. Du kommst mit
#   **Enter** oder einem Klick in die Zelle hinein.
# - Im **Befehlsmodus** (Command Mode) arbeitest du mit ganzen Zellen: anlegen,
#   löschen, verschieben, Typ ändern. Du kommst mit **Esc** hinein. Die aktive
#   Zelle hat dann einen blauen Balken links, aber keinen blinkenden Cursor.
#
# ## Die wichtigsten Tastenkürzel
#
# | Tasten | Modus | Wirkung |
# |---|---|---|
# | Umschalt + Enter | beide | Zelle ausführen, zur nächsten springen |
# | Strg + Enter | beide | Zelle ausführen, stehen bleiben |
# | Alt + Enter | beide | Zelle ausführen, neue Zelle darunter |
# | A / B | Befehl | neue Zelle oberhalb (**a**bove) / unterhalb (**b**elow) |
# | D, D | Befehl | Zelle löschen |
# | Z | Befehl | Löschen rückgängig machen |
# | M / Y | Befehl | Zelle zu Markdown / zu Code machen |
# | Strg + S | beide | Notebook speichern |
# | 0, 0 | Befehl | Kernel neu starten |
#
# Auf dem Mac nimmst du **Cmd** statt Strg und **Option** statt Alt.
#
# Der **Kernel** ist der Python-Prozess hinter dem Notebook. Er merkt sich alle
# Variablen – auch die aus Zellen, die du inzwischen gelöscht hast. Wenn etwas
# seltsam wirkt: Kernel neu starten und alle Zellen von oben ausführen
# (Menü *Run → Run All Cells*; mit deutscher Oberfläche stehen die Menüs auf Deutsch).

# %% [markdown]
# ## Code-Zellen
#
# Der Wert der **letzten Zeile** einer Zelle wird automatisch angezeigt; für
# alles andere brauchst du `print`. Variablen leben weiter, auch in späteren
# Zellen.

# %%
zahlen = np.arange(1, 11)
print("Zahlen:", zahlen)
zahlen.sum()

# %% [markdown]
# Drücke in der nächsten Zelle **Umschalt + Tab** hinter `np.linspace(` – Jupyter
# zeigt dir die Dokumentation der Funktion. Mit einem `?` dahinter
# (`np.linspace?`) öffnet sich die ganze Hilfe.

# %%
np.linspace(0, 1, 5)

# %% [markdown]
# ## Markdown
#
# Doppelklicke auf eine Markdown-Zelle, um ihren Quelltext zu sehen;
# **Umschalt + Enter** stellt sie wieder dar. Die folgende Zelle zeigt die
# wichtigsten Elemente. Darunter steht ihr Quelltext.

# %% [markdown]
# ### Eine Überschrift dritter Ordnung
#
# (Mit `#` beginnt die größte Überschrift, mit `##` die zweite Ebene – so wie
# die Überschriften dieser Lektion.)
#
# > Ein Zitat oder ein Hinweis: eine Zeile, die mit `>` beginnt.
#
# Text kann **fett**, *kursiv* oder `Code` sein. Aufzählungen:
#
# - Tensoren
# - Schichten
#     - Dense
#     - Conv2D
#
# Nummeriert:
#
# 1. Daten laden
# 2. Modell bauen
# 3. Trainieren
#
# Ein Link: [Keras-Dokumentation](https://keras.io/api/)
#
# Formeln schreibst du mit LaTeX – im Text wie $\sigma(z) = \frac{1}{1 + e^{-z}}$
# oder abgesetzt:
#
# $$
# \text{MSE} = \frac{1}{n} \sum_{i=1}^{n} \left(y_i - \hat{y}_i\right)^2
# $$
#
# Ein Codeblock:
#
# ```python
# modell.fit(x_train, y_train, epochs=5)
# ```
#
# Eine Tabelle:
#
# | Datensatz | Bilder | Klassen |
# |---|---:|---:|
# | MNIST | 70 000 | 10 |
# | Fashion-MNIST | 70 000 | 10 |
#
# Und ein Bild:
#
# ![Ein künstliches Neuron](bilder/neuron.png)

# %% [markdown]
# So sieht der Quelltext der Zelle oben aus (gekürzt):
#
# ```markdown
# ### Eine Überschrift dritter Ordnung
# Text kann **fett**, *kursiv* oder `Code` sein.  ← auch __fett__ und _kursiv_
# > Ein Zitat oder ein Hinweis …
# - Tensoren
#     - Dense            ← vier Leerzeichen rücken ein
# 1. Daten laden
# [Keras-Dokumentation](https://keras.io/api/)
# $\sigma(z) = \frac{1}{1 + e^{-z}}$       ← Formel im Text
# $$ ... $$                                ← abgesetzte Formel
# | Datensatz | Bilder | Klassen |
# |---|---:|---:|                          ← ---: richtet rechts aus
# ![Ein künstliches Neuron](bilder/neuron.png)
# ```
#
# Der Pfad `bilder/neuron.png` zählt vom Ordner des Notebooks aus: Das Bild
# muss dort im Unterordner `bilder` liegen. Ein eigenes Bild ziehst du am
# einfachsten per Drag & Drop in eine Markdown-Zelle – Jupyter speichert es dann
# in der Zelle selbst und schreibt dafür `![name.png](attachment:name.png)`.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Magics – Helfer mit `%` und `%%`
#
# IPython kennt besondere Befehle, die mit `%` (für eine Zeile) oder `%%` (für
# die ganze Zelle) beginnen. Die nützlichsten:
#
# | Magic | Wirkung |
# |---|---|
# | `%timeit ausdruck` | misst, wie lange ein Ausdruck braucht (mehrfach wiederholt) |
# | `%%time` | misst einmal die ganze Zelle |
# | `%who` | listet deine Variablen |
# | `%pwd` | zeigt den aktuellen Ordner |
# | `%lsmagic` | listet alle Magics |
#
# Wir vergleichen eine Python-Schleife mit NumPy. `-o` gibt das Messergebnis
# zusätzlich als Objekt zurück, damit wir damit weiterrechnen können.

# %% tags=["vertiefung"]
werte = np.arange(10_000)
# zeit_python = %timeit -o sum(w * w for w in range(10_000))
# zeit_numpy = %timeit -o np.sum(werte * werte)
faktor = zeit_python.average / zeit_numpy.average
print(f"NumPy ist hier etwa {faktor:.0f}-mal so schnell wie die Python-Schleife.")
dlkurs.report(speedup_numpy=faktor)

# %% tags=["vertiefung"]
# %%time
gesamt = 0
for w in range(200_000):
    gesamt += w
gesamt

# %% tags=["vertiefung"]
# %who

# %% [markdown] tags=["vertiefung"]
# Der Grund für den großen Unterschied: NumPy rechnet in kompiliertem Code auf
# einem zusammenhängenden Speicherblock, während Python jede Zahl einzeln als
# Objekt behandelt. Genau deshalb formulieren wir im Kurs alles mit Tensoren
# statt mit Schleifen.

# %% [markdown]
# ## Aufgabe: die Summe der Quadratzahlen
#
# Berechne die Summe der Quadratzahlen $1^2 + 2^2 + \dots + 100^2$ und
# speichere sie in der Variablen `quadratsumme`. Ersetze dazu den Platzhalter
# `___`. Das Ergebnis ist **eine Zahl** – kein Array, keine Liste und kein
# Text. Am einfachsten geht es mit NumPy, ganz ohne Schleife: `np.arange`
# liefert die Zahlen, `** 2` quadriert alle auf einmal.
#
# Mit `aufgabe.quadratsumme.check(quadratsumme)` prüfst du deine Antwort.
# Wenn du nicht weiterkommst: `aufgabe.quadratsumme.hint()` gibt einen Tipp,
# `aufgabe.quadratsumme.hint(2)` einen zweiten, und
# `aufgabe.quadratsumme.solution()` zeigt die Lösung.

# %%
### BEGIN SOLUTION quadratsumme
quadratsumme = int(np.sum(np.arange(1, 101) ** 2))
### END SOLUTION
aufgabe.quadratsumme.check(quadratsumme)

# %%
# aufgabe.quadratsumme.hint()
# aufgabe.quadratsumme.solution()

# %% [markdown]
# ## Zusammenfassung
#
# - Notebooks bestehen aus Code- und Markdown-Zellen; **Umschalt + Enter** führt aus.
# - **Esc** bringt dich in den Befehlsmodus, **Enter** in den Bearbeitungsmodus.
# - Markdown kann Überschriften, Listen, Links, Formeln, Code, Tabellen und Bilder.
# - `%timeit` misst Laufzeiten – NumPy schlägt Python-Schleifen um Größenordnungen
#   (in der Vertiefung zu den Magics).
#
# Weiter geht es mit **1.3 Tensoren**.

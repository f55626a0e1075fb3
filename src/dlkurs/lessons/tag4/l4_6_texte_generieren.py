# %% [markdown]
# # 4.6 Texte generieren
#
# Ein rekurrentes Netz, das nach jedem Zeichen vorhersagt, welches Zeichen als
# nächstes kommt, ist ein **Sprachmodell**. Lässt man es immer wieder sein
# eigenes nächstes Zeichen wählen und füttert es damit weiter, *schreibt* es
# Text. Wir trainieren ein solches Modell auf Goethes *Faust* (beide Teile,
# gemeinfrei) und lassen es danach dichten.
#
# Am Ende dieser Lektion kannst du
#
# 1. einen Text in Zeichen-Ids verwandeln und daraus Trainingsfenster mit dem
#    jeweils **nächsten Zeichen** als Ziel bauen – ohne One-hot-Aufblähung,
# 2. ein zeichenweises Sprachmodell mit `Embedding` und `GRU` trainieren und
#    seine Verlustkurve lesen,
# 3. erklären, was die **Temperatur** beim Ziehen des nächsten Zeichens mit
#    der Wahrscheinlichkeitsverteilung macht, und sie selbst programmieren,
# 4. Texte bei Temperatur 0,2 / 0,5 / 1,0 / 1,2 vergleichen und beurteilen.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.generation import generate, plot_temperatures, text_progress

aufgabe = aufgaben("4.6")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Der Text: Faust I und II
#
# `load("faust")` liefert den Pfad einer UTF-8-Textdatei aus dem Projekt
# Gutenberg mit beiden Teilen des *Faust*. Zwischen den Teilen steht die
# englische Lizenz des Projekts Gutenberg; die schneiden wir heraus, sonst
# lernt das Modell auch „Project Gutenberg-tm“. Übrig bleibt rund eine halbe
# Million Zeichen, als eine einzige Zeichenkette.

# %%
roh = load("faust").read_text(encoding="utf-8")
ende_teil1 = roh.index("Ende dieses Projekt Gutenberg")
anfang_teil2 = roh.index("Faust:  Der Tragödie zweiter Teil")
text = (roh[:ende_teil1] + roh[anfang_teil2:]).replace("\ufeff", "")  # ohne unsichtbare BOM-Zeichen
print(f"{len(text):,} Zeichen".replace(",", "."))
print(text[2000:2400])

# %% [markdown]
# ## Zeichen als Zahlen
#
# Ein Netz rechnet mit Zahlen. Jedes verschiedene Zeichen bekommt deshalb
# eine **Id**: seine Nummer im sortierten Vokabular. Groß- und
# Kleinbuchstaben sind verschiedene Zeichen, ebenso Satzzeichen, das
# Leerzeichen und der Zeilenumbruch `\n`.

# %%
zeichen = sorted(set(text))
zeichen_id = {z: i for i, z in enumerate(zeichen)}
ids = np.array([zeichen_id[z] for z in text], dtype="int32")
print("Vokabular:", len(zeichen), "Zeichen")
print("".join(zeichen).replace("\n", "⏎"))
print("Die ersten 12 Ids:", ids[:12], "=", repr(text[:12]))

# %% [markdown]
# ## Aufgabe 1: Fenster und nächstes Zeichen
#
# Das Modell soll aus den letzten `laenge` Zeichen das nächste vorhersagen.
# Schreibe `fenster(ids, laenge, schritt)`: Es schneidet aus dem Id-Array
# Fenster der Länge `laenge` heraus, das erste ab Position 0, jedes weitere
# `schritt` Zeichen weiter, solange nach dem Fenster noch ein Zeichen folgt.
# Es gibt `(x, y)` zurück:
#
# - `x`: ein ganzzahliges Array der Form `(anzahl, laenge)` – die Fenster,
# - `y`: ein ganzzahliges Array der Form `(anzahl,)` – für jedes Fenster die
#   Id des Zeichens **direkt nach** dem Fenster, als Zahl, nicht One-hot.
#
# Das Original (Chollet, Keras 2) kodierte `x` *und* `y` One-hot: Bei 60
# Zeichen je Fenster und rund 80 verschiedenen Zeichen wären das 4 800 Zahlen je
# Fenster statt 60. Mit einer `Embedding`-Schicht am Eingang und dem Verlust
# `sparse_categorical_crossentropy` reichen die Ids.

# %%
### BEGIN SOLUTION fenster
###> def fenster(ids, laenge, schritt):
###>     x = ___
###>     y = ___
###>     return x, y
def fenster(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge, schritt)
    x = np.stack([ids[s:s + laenge] for s in starts]) if len(starts) else np.zeros((0, laenge), ids.dtype)
    y = ids[starts + laenge]
    return x, y
### END SOLUTION


aufgabe.fenster.check(fenster)

# %%
# aufgabe.fenster.hint()
# aufgabe.fenster.solution()

# %% [markdown]
# Probe am Anfang des Textes: Zu jedem Fenster gehört das Zeichen, das im
# Text direkt danach steht.

# %%
x_probe, y_probe = fenster(ids[:40], laenge=12, schritt=9)
for fenster_ids, ziel in zip(x_probe, y_probe):
    print(repr("".join(zeichen[i] for i in fenster_ids)), "→", repr(zeichen[ziel]))

# %% [markdown]
# ## Ein Ziel an jeder Stelle
#
# Mit einem Ziel je Fenster lernt das Netz aus 60 Zeichen Eingabe nur eine
# einzige Vorhersage. Effizienter ist es, an **jeder** Stelle des Fensters
# das nächste Zeichen vorherzusagen: Die GRU gibt mit
# `return_sequences=True` nach jedem Zeichen eine Ausgabe, und das Ziel ist
# dasselbe Fenster, um eins verschoben. So liefert jedes Zeichen des Textes
# in jeder Epoche ein Trainingssignal, und wir brauchen keine überlappenden
# Fenster mehr. `fenster` liefert dafür die Bausteine: Fenster der Länge
# `laenge + 1` ohne Überlappung, davon `x` = alles bis aufs letzte Zeichen,
# `y` = alles ab dem zweiten.
#
# Die letzten 10 % des Textes (das Ende von *Faust II*) halten wir als
# **Validierungsdaten** zurück: Wie gut sagt das Modell Verse vorher, die es
# nie gesehen hat?

# %%
laenge = 100
grenze = int(len(ids) * 0.9)
n_train = dlkurs.pick(quick=30_000, full=None)


def lernpaare(teil):
    bloecke, _ = fenster(teil, laenge + 1, laenge + 1)
    return bloecke[:, :-1], bloecke[:, 1:]


x_train, y_train = lernpaare(ids[:grenze][:n_train])
x_val, y_val = lernpaare(ids[grenze:])
print("Training:", x_train.shape, y_train.shape, " Validierung:", x_val.shape, y_val.shape)

# %% [markdown]
# ## Das Modell
#
# - `Embedding(len(zeichen), 32)`: jede Id wird zu einem Vektor aus 32
#   gelernten Zahlen (statt einem One-hot-Vektor mit einer 1),
# - `GRU(256, return_sequences=True)`: liest das Fenster Zeichen für Zeichen
#   und gibt nach jedem Zeichen seinen Zustand aus (die GRU aus Lektion 4.5,
#   etwas schneller als ein LSTM und hier genauso gut),
# - `Dense(len(zeichen), activation="softmax")`: an jeder Stelle eine
#   Wahrscheinlichkeit für jedes mögliche nächste Zeichen.

# %%
def baue_sprachmodell():
    modell = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        layers.Embedding(len(zeichen), 32),
        layers.GRU(256, return_sequences=True),
        layers.Dense(len(zeichen), activation="softmax"),
    ])
    modell.compile(optimizer=keras.optimizers.Adam(2e-3),
                   loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


modell = baue_sprachmodell()
modell.summary()

# %% [markdown]
# ## Text erzeugen
#
# Zum Schreiben geben wir dem Modell einen Anfang, lesen die Verteilung für
# das nächste Zeichen an der **letzten** Stelle ab, ziehen daraus ein Zeichen,
# hängen es an und wiederholen das. `generate` aus `dlkurs.kit.generation`
# erledigt die Schleife; wir liefern ihm nur die Funktion, die zu den
# bisherigen Ids die nächste Verteilung berechnet. Sie gibt dem Modell immer
# genau `laenge` Zeichen, links mit Zeilenumbrüchen aufgefüllt: Bei gleich
# langen Eingaben übersetzt Keras die Vorhersage (`predict_on_batch`) nur
# einmal in schnellen Code, statt bei jeder neuen Länge von vorn.

# %%
def naechstes_zeichen(bisher):
    fenster_ids = ([zeichen_id["\n"]] * laenge + list(bisher))[-laenge:]
    wahrscheinlichkeiten = modell.predict_on_batch(np.array([fenster_ids], dtype="int32"))
    return keras.ops.convert_to_numpy(wahrscheinlichkeiten)[0, -1]


def schreibe(anfang, n=200, temperatur=1.0, seed=0):
    neu = generate(naechstes_zeichen, [zeichen_id[z] for z in anfang], n, temperatur,
                   rng=np.random.default_rng(seed))
    return anfang + "".join(zeichen[i] for i in neu)


anfang = "FAUST:\nHabe nun, ach!"
print(schreibe(anfang, n=80))

# %% [markdown]
# Vor dem Training ist jedes Zeichen etwa gleich wahrscheinlich: Zeichensalat.
#
# ## Training
#
# Nach jeder Epoche druckt ein kleiner Callback Verlust und Genauigkeit und
# eine Textprobe bei Temperatur 0,5, so siehst du das Modell schreiben
# lernen. Im vollen Profil dauert das Training gut zwei Minuten (12 Epochen
# zu je etwa 10 Sekunden).

# %%
epochen = dlkurs.pick(quick=1, full=12)
verlauf = modell.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=epochen, batch_size=64, verbose=0,
    callbacks=[text_progress(lambda epoche: schreibe(anfang, n=120, temperatur=0.5),
                             every=dlkurs.pick(quick=1, full=3))],
)

# %%
h = verlauf.history
epoche = np.arange(1, len(h["loss"]) + 1)
fig, (links, rechts) = plt.subplots(1, 2, figsize=(11, 3.8))
links.plot(epoche, h["loss"], "o-", label="Training")
links.plot(epoche, h["val_loss"], "s--", label="Validierung")
links.set(title="Verlust (Kreuzentropie je Zeichen)", xlabel="Epoche")
rechts.plot(epoche, h["accuracy"], "o-", label="Training")
rechts.plot(epoche, h["val_accuracy"], "s--", label="Validierung")
rechts.set(title="Nächstes Zeichen richtig vorhergesagt", xlabel="Epoche")
for ax in (links, rechts):
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()

val_genauigkeit = h["val_accuracy"][-1]
dlkurs.report(val_accuracy=val_genauigkeit)

# %% [markdown]
# Im vollen Profil sagt das Modell auf dem ungesehenen Schluss des Faust rund
# **die Hälfte** aller nächsten Zeichen richtig voraus (im Schnelldurchlauf,
# nach einer Epoche auf einem Bruchteil des Textes, viel weniger). Das klingt
# wenig, aber oft gibt es mehrere gute Fortsetzungen: Nach „Ich bin“ kann
# ein Leerzeichen, ein Komma oder ein Ausrufezeichen kommen. Das Buch maß bei
# Shakespeare 0,6 bis 0,7 – mit mehr Text und größerem Netz und auf den
# Trainingsdaten. Wenn die Validierungskurve flach wird, während die
# Trainingskurve weiter fällt, beginnt das Modell, den Faust auswendig zu
# lernen.
#
# ## Temperatur: mutiger oder braver ziehen
#
# Das Modell liefert eine Verteilung. Immer das wahrscheinlichste Zeichen zu
# nehmen (*greedy*), führt schnell in Schleifen („und die und die und …“).
# Streng nach der Verteilung zu ziehen, erzeugt dagegen manches seltsame Wort.
# Die **Temperatur** $T$ regelt das dazwischen: Jede Wahrscheinlichkeit wird
# mit $1/T$ potenziert und danach wieder auf Summe 1 gebracht,
#
# $$q_i = \frac{p_i^{1/T}}{\sum_j p_j^{1/T}} = \operatorname{softmax}\Big(\frac{\log p_i}{T}\Big).$$
#
# Kleines $T$ macht die Verteilung **spitzer** (bei $T \to 0$ bleibt nur das
# wahrscheinlichste Zeichen), großes $T$ macht sie **flacher** (bei $T \to
# \infty$ wird sie gleichverteilt). $T = 1$ lässt sie unverändert. So sieht
# das aus für die Verteilung, die das trainierte Modell nach „Habe nun, ach!
# Philosophi“ ausgibt (die sechs wahrscheinlichsten Zeichen):

# %%
verteilung = naechstes_zeichen([zeichen_id[z] for z in "Habe nun, ach! Philosophi"])
top = np.argsort(verteilung)[::-1][:6]
plot_temperatures(verteilung[top] / verteilung[top].sum(), [zeichen[i] for i in top],
                  [0.2, 0.5, 1.0, 1.2])
plt.show()

# %% [markdown]
# ## Aufgabe 2: Die Temperatur selbst programmieren
#
# Schreibe `umgewichten(p, temperatur)` mit NumPy: `p` ist ein 1-D-Array von
# Wahrscheinlichkeiten (Summe 1, einzelne dürfen 0 sein), `temperatur` eine
# Zahl größer als 0. Gib die umgewichtete Verteilung $q$ nach der Formel oben
# zurück.
#
# - Rechne mit den **Logarithmen**: `np.log(p) / temperatur`, davon das
#   Maximum abziehen, dann `np.exp` und auf Summe 1 normieren. Nur so bleibt
#   es auch bei sehr kleinen Temperaturen wie 0,0001 stabil (dort wird $q$
#   fast one-hot auf dem größten $p_i$).
# - Wahrscheinlichkeiten 0 bleiben 0, und es entsteht kein `nan`.
# - Verändere `p` nicht (keine Rechnung „an Ort und Stelle“ wie `p /= …`).

# %%
### BEGIN SOLUTION umgewichten
###> def umgewichten(p, temperatur):
###>     return ___
def umgewichten(p, temperatur):
    with np.errstate(divide="ignore"):
        logits = np.log(p) / temperatur
    logits = logits - np.max(logits)
    gewichte = np.exp(logits)
    return gewichte / np.sum(gewichte)
### END SOLUTION


aufgabe.umgewichten.check(umgewichten)

# %%
# aufgabe.umgewichten.hint()
# aufgabe.umgewichten.solution()

# %% [markdown]
# `np.errstate(divide="ignore")` unterdrückt nur die Warnung für `log(0)`:
# Das Ergebnis `-inf` ist hier genau richtig, denn `exp(-inf) = 0`.
#
# ## Derselbe Anfang, vier Temperaturen
#
# Jetzt schreibt das trainierte Modell vom selben Anfang aus bei vier
# Temperaturen je 300 Zeichen.

# %%
for temperatur in [0.2, 0.5, 1.0, 1.2]:
    print(f"──── Temperatur {temperatur:g} ────".replace(".", ","))
    print(schreibe(anfang, n=dlkurs.pick(quick=60, full=300), temperatur=temperatur, seed=1))
    print()

# %% [markdown]
# So liest du die Proben (im vollen Profil):
#
# - **0,2**: sichere, richtig geschriebene Wörter, Versform und
#   Sprecherangaben in Großbuchstaben – aber oft dieselben Wendungen immer
#   wieder.
# - **0,5**: meist die beste Mischung; es klingt nach Faust, Zeilen mit
#   Reimversuchen und Sprechern wie MEPHISTOPHELES.
# - **1,0**: das Modell zieht genau nach seiner gelernten Verteilung; mehr
#   erfundene Wörter.
# - **1,2**: zu mutig, die Rechtschreibung zerfällt.
#
# Einen Sinn ergibt der Text bei keiner Temperatur: Das Modell hat gelernt,
# wie deutsche Verse *aussehen*, nicht was sie bedeuten. In Lektion 4.8
# schreibt ein kleiner Transformer Wort für Wort.
#
# ## Was das Buch anders machte
#
# - One-hot-Eingaben und -Ziele (`x` mit der Form `(Fenster, 60, Zeichen)`)
#   und `categorical_crossentropy`; hier `Embedding` und
#   `sparse_categorical_crossentropy` mit ganzzahligen Zielen – gleiche
#   Mathematik, ein Bruchteil des Speichers.
# - Ein Ziel je Fenster, Fenster alle 3 Zeichen (stark überlappend); hier ein
#   Ziel an jeder Stelle mit `return_sequences=True` – jedes Zeichen zählt
#   einmal je Epoche.
# - Englischer Text (Nietzsche bzw. Shakespeare); hier deutsch, mit Umlauten
#   und ß im Vokabular.
# - Ein LSTM; hier eine GRU: ebenso gut für diese Aufgabe, auf der CPU
#   schneller.
#
# ## Zusammenfassung
#
# - Ein zeichenweises Sprachmodell sagt an jeder Stelle das nächste Zeichen
#   voraus; Ziele sind einfach der um eins verschobene Text.
# - Ids plus `Embedding` und `sparse_categorical_crossentropy` ersparen die
#   One-hot-Kodierung.
# - Generieren heißt: Verteilung berechnen, ein Zeichen ziehen, anhängen,
#   wiederholen.
# - Die Temperatur ($\operatorname{softmax}(\log p / T)$) regelt zwischen
#   braver Wiederholung (klein) und wildem Erfinden (groß).

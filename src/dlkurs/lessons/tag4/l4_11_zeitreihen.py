# %% [markdown]
# # 4.11 Zeitreihen: Temperatur vorhersagen
#
# Wie warm wird es morgen um diese Zeit? Eine Wetterstation misst Stunde für
# Stunde Temperatur, Feuchte, Druck, Wind und Sonne. Aus den letzten fünf Tagen
# dieser Messungen soll ein Netz die Temperatur **24 Stunden später**
# vorhersagen – die Aufgabe aus Kapitel 10 von *Deep Learning with Python*.
#
# Am Ende dieser Lektion kannst du
#
# 1. aus einer Zeitreihe mit `keras.utils.timeseries_dataset_from_array`
#    Eingabefenster und Ziele bauen – und die Verschiebung zwischen beiden
#    ohne Eins-daneben-Fehler ausrechnen,
# 2. eine **Vernunft-Basislinie** (common-sense baseline) aufstellen: „morgen
#    um diese Zeit ist es so warm wie jetzt“, und jedes Netz an ihr messen,
# 3. ein Dense-Netz, ein Conv1D-Netz und ein **GRU** vergleichen und erklären,
#    warum ein rekurrentes Netz die Reihenfolge nutzt,
# 4. **rekurrentes Dropout**, **gestapelte** und **bidirektionale** GRUs
#    einsetzen und ihre Wirkung am Validierungsfehler ablesen.
#
# Die Fenster liefert Keras als `tf.data.Dataset`; die Lektion läuft deshalb
# mit dem TensorFlow-Backend.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs.data import available, load
from dlkurs.exercises import ___, aufgaben

aufgabe = aufgaben("4.11")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Daten: eine echte Wetterstation
#
# Das Buch nimmt die Klimadaten der Wetterstation Jena (2009–2016, alle zehn
# Minuten 14 Messgrößen). Ist der Datensatz `jena_climate` im Datenordner,
# lernt diese Lektion damit. Sonst nimmt sie eine echte Messreihe, die der
# Kurs hat: das **typische meteorologische Jahr (TMY3) der Station Greensboro
# Piedmont Triad (North Carolina, USA)** aus dem US-Solarstrahlungsarchiv
# NSRDB, wie es das Python-Paket *pvlib* mitliefert (Datensatz
# `greensboro_tmy3`). Das sind 8 760 stündliche Messungen: Jeder Monat ist ein
# echter, gemessener Monat, ausgewählt aus den Jahren 1980–2003 als „typisch“.
#
# Die Zahlen unten gelten immer für die Station, mit der gelernt wird – Jena
# und Greensboro haben verschiedenes Wetter und verschieden viele Daten.

# %%
if available("jena_climate"):
    QUELLE = "jena"
    jena = load("jena_climate")
    tabelle = jena.iloc[5::6].reset_index(drop=True)  # jede 6. Zeile: stündlich wie in Greensboro
    TEMPERATUR = "T (degC)"
    MERKMALE = [spalte for spalte in tabelle.columns if spalte != "Date Time"]
    print("Station Jena, stündlich:", tabelle.shape)
else:
    QUELLE = "greensboro"
    print("Die Jena-Klimadaten fehlen im Datenordner (eine Trainerin/ein Trainer bringt sie mit "
          "`dlkurs data download jena_climate` oder im Daten-Paket); wir lernen mit der Station Greensboro.")
    tabelle = load("greensboro_tmy3")
    TEMPERATUR = "Dry-bulb (C)"
    MERKMALE = ["Dry-bulb (C)", "Dew-point (C)", "RHum (%)", "Pressure (mbar)", "Wdir (degrees)",
                "Wspd (m/s)", "GHI (W/m^2)", "DNI (W/m^2)", "DHI (W/m^2)", "TotCld (tenths)",
                "OpqCld (tenths)"]
    print("Station Greensboro, stündlich:", tabelle.shape)

temperatur = tabelle[TEMPERATUR].to_numpy("float32")
rohdaten = tabelle[MERKMALE].to_numpy("float32")
print(f"{len(MERKMALE)} Messgrößen, Temperatur von {temperatur.min():.1f} bis {temperatur.max():.1f} °C")

# %%
fig, (links, rechts) = plt.subplots(1, 2, figsize=(11, 3.2))
links.plot(temperatur, linewidth=0.4)
links.set(title="Das ganze Jahr" if QUELLE == "greensboro" else "Alle Jahre", xlabel="Stunde", ylabel="°C")
rechts.plot(temperatur[:240])
rechts.set(title="Die ersten zehn Tage", xlabel="Stunde", ylabel="°C")
plt.tight_layout()
plt.show()

# %% [markdown]
# Zwei Rhythmen sind zu sehen: der Tag (nachts kälter) und das Jahr. Dazu kommt
# das Wetter, das ein paar Tage anhält und dann umschlägt – genau das soll das
# Netz aus den Messungen der letzten Tage herauslesen.
#
# **Aufteilung wie im Buch, in der Zeit:** die erste Hälfte zum Training, das
# nächste Viertel zur Validierung, das letzte Viertel zum Testen. Zufällig
# mischen dürfen wir hier nicht: Sonst würde das Netz beim Testen den Tag
# davor und danach schon kennen. Normiert wird mit Mittelwert und Streuung
# der **Trainingsdaten**.

# %%
n = len(rohdaten)
n_train, n_val = n // 2, n // 4
mittel = rohdaten[:n_train].mean(axis=0)
streuung = rohdaten[:n_train].std(axis=0)
streuung[streuung == 0] = 1.0  # eine Messgröße ohne Schwankung bleibt einfach 0
daten = (rohdaten - mittel) / streuung
print(f"Training: {n_train} Stunden, Validierung: {n_val}, Test: {n - n_train - n_val}")

# %% [markdown]
# ## Fenster und Ziele
#
# Eine Eingabe sind die letzten **120 Stunden** (fünf Tage; im Schnelldurchlauf nur 24) aller
# Messgrößen, das Ziel die Temperatur **24 Stunden nach der letzten
# Eingabestunde**. `keras.utils.timeseries_dataset_from_array(data, targets,
# sequence_length, ...)` baut das Fenster ab Zeile `i` aus den Zeilen
# `i … i+119` und gibt ihm das Ziel `targets[i]`. Damit zu Fenster `i` die
# Temperatur aus Zeile `i + 119 + 24` gehört, verschieben wir die Ziele:
# `targets = temperatur[verschiebung:]` mit `verschiebung = 120 + 24 − 1`.
# Die „− 1“ ist die klassische Stolperfalle: Das Fenster endet in Zeile
# `i + 119`, nicht `i + 120`.
#
# Das Buch nimmt die Zehn-Minuten-Zeilen von Jena und jede sechste davon
# (`sampling_rate=6`); die Verschiebung zählt dann in Zeilen:
# `6 * (120 + 24 − 1)`. Genau diese Rechnung ist die erste Aufgabe.
#
# ### Aufgabe 1: die Verschiebung der Ziele
#
# Schreibe `verschiebung(fensterlaenge, horizont, sampling_rate)`: Wie viele
# **Zeilen** der Rohdaten liegen zwischen dem Anfang eines Fensters und seinem
# Ziel? Das Fenster hat `fensterlaenge` Messpunkte im Abstand von
# `sampling_rate` Zeilen; das Ziel liegt `horizont` Messpunkte nach dem
# letzten. Gib eine ganze Zahl zurück.

# %%
def verschiebung(fensterlaenge, horizont, sampling_rate=1):
    ### BEGIN SOLUTION verschiebung
    ###> return ___
    return sampling_rate * (fensterlaenge + horizont - 1)
    ### END SOLUTION


aufgabe.verschiebung.check(verschiebung)

# %%
# aufgabe.verschiebung.hint()
# aufgabe.verschiebung.solution()

# %%
FENSTER = dlkurs.pick(quick=24, full=120)  # Stunden je Eingabe; der Schnelldurchlauf nimmt nur einen Tag
HORIZONT, BATCH = 24, 128
VERSCHIEBUNG = FENSTER + HORIZONT - 1  # unsere Daten sind schon stündlich: sampling_rate=1
ziele = temperatur[VERSCHIEBUNG:]


def fenster(start, ende, mischen=False):
    """Alle Fenster aus den Zeilen start … ende−1 (Ziel: VERSCHIEBUNG Zeilen nach dem Fensteranfang)."""
    return keras.utils.timeseries_dataset_from_array(
        daten[:-VERSCHIEBUNG], ziele, sequence_length=FENSTER, batch_size=BATCH,
        shuffle=mischen, seed=0, start_index=start, end_index=ende)


train_ds = fenster(0, n_train, mischen=True)
val_ds = fenster(n_train, n_train + n_val)
test_ds = fenster(n_train + n_val, None)
for proben, zielwerte in train_ds.take(1):
    print("Ein Stapel:", tuple(proben.shape), "→", tuple(zielwerte.shape))
SPALTE_T = MERKMALE.index(TEMPERATUR)
letzte = float(proben[0, -1, SPALTE_T] * streuung[SPALTE_T] + mittel[SPALTE_T])
print(f"Ein Fenster: letzte Eingabestunde {letzte:.1f} °C, Ziel 24 Stunden später {float(zielwerte[0]):.1f} °C")

# %% [markdown]
# ## Die Vernunft-Basislinie
#
# Bevor ein Netz trainiert wird, braucht es eine Latte, über die es springen
# muss. Die einfachste vernünftige Vorhersage: **In 24 Stunden ist es so warm
# wie jetzt.** Das trifft den Tagesrhythmus perfekt und irrt nur, wenn das
# Wetter umschlägt. Gemessen wird wie im Buch mit dem mittleren absoluten
# Fehler (MAE) in °C.
#
# ### Aufgabe 2: der Fehler der Basislinie
#
# Schreibe `basislinie_mae(reihe, abstand)`: `reihe` ist ein 1-D-Array von
# Temperaturen im Stundentakt, `abstand ≥ 1`. Die Vorhersage für Stunde
# `t + abstand` ist der Wert in Stunde `t`. Gib den **mittleren absoluten
# Fehler** über alle Stunden zurück, für die es Vorhersage und Wert gibt, als
# `float`. Verändere `reihe` nicht.

# %%
def basislinie_mae(reihe, abstand):
    ### BEGIN SOLUTION basislinie_mae
    ###> return ___
    reihe = np.asarray(reihe, dtype="float64")
    return float(np.mean(np.abs(reihe[abstand:] - reihe[:-abstand])))
    ### END SOLUTION


aufgabe.basislinie_mae.check(basislinie_mae)

# %%
# aufgabe.basislinie_mae.hint()
# aufgabe.basislinie_mae.solution()

# %% [markdown]
# Mit deiner Funktion: der Fehler der Basislinie auf den Validierungs- und
# Teststunden. Das Ziel jedes Fensters liegt 24 Stunden nach seiner letzten
# Eingabe, also genau `abstand=24`.

# %%
# von der letzten Eingabestunde des ersten bis zum Ziel des letzten Fensters
val_reihe = temperatur[n_train + FENSTER - 1: n_train + n_val + HORIZONT]
test_reihe = temperatur[n_train + n_val + FENSTER - 1: n - FENSTER + 1]
basis_val = basislinie_mae(val_reihe, HORIZONT)
basis_test = basislinie_mae(test_reihe, HORIZONT)
print(f"Basislinie: Validierung MAE {basis_val:.2f} °C, Test MAE {basis_test:.2f} °C")

# Gegenprobe wie im Buch: die letzte Eingabestunde jedes Validierungsfensters gegen sein Ziel
fehler = [np.abs(p[:, -1, SPALTE_T] * streuung[SPALTE_T] + mittel[SPALTE_T] - z) for p, z in val_ds]
print(f"Gegenprobe über die Fenster: {np.concatenate(fehler).mean():.2f} °C "
      f"({sum(len(f) for f in fehler)} Fenster, {len(val_reihe) - HORIZONT} Paare in der Reihe)")

# %% [markdown]
# Die Gegenprobe zählt genau die Fenster, die `val_ds` liefert – die Reihe
# oben ist also richtig abgeschnitten.
#
# In Greensboro ist der Fehler auf den Validierungsstunden (Juli bis
# September) nur etwa halb so groß wie auf den Teststunden (Oktober bis
# Dezember): Im Sommer bleibt das Wetter tagelang gleich, im Herbst ziehen
# Fronten durch. Vergleiche deshalb Netze immer mit der Basislinie **auf
# denselben Stunden**.
#
# Ein Netz ist nur dann nützlich, wenn es **unter** dieser Linie bleibt. Das
# ist schwerer, als es klingt.
#
# ## Netze im Vergleich
#
# Alle Netze werden gleich trainiert: Adam, Verlust MSE, gemessen mit MAE.
# Jede Kurve unten zeigt den Validierungsfehler je Epoche, die gestrichelte
# Linie ist immer die Basislinie. Die Epochenzahl ist im Schnelldurchlauf
# klein; die Zahlen sind dann nur ein Probelauf.
#
# Eines macht dieser Kurs anders als das Buch: Jedes Netz rechnet mit der
# **normierten** Temperatur, und seine letzte Schicht `in_grad()` übersetzt
# zurück in °C (`Rescaling` mit der Streuung als Faktor und dem Mittelwert
# als Verschiebung – die Umkehrung der Normierung oben). Der Grund: Adam
# verschiebt jedes Gewicht je Schritt nur um etwa die Lernrate, 0,001. Soll
# eine Ausgabe, die bei 0 beginnt, erst einmal bei 15 °C ankommen, braucht das
# Tausende Schritte. Jena liefert in zehn Epochen etwa 2 700 Schritte,
# Greensboro nur gut 300 – ohne die Übersetzung lag das GRU hier nach zehn
# Epochen mit 5,1 °C deutlich über der Basislinie.

# %%
merkmale = len(MERKMALE)
ergebnisse = {}
i_temperatur = MERKMALE.index(TEMPERATUR)


def in_grad():
    """Letzte Schicht jedes Netzes: normierte Temperatur → °C (Umkehrung der Normierung)."""
    return layers.Rescaling(float(streuung[i_temperatur]), offset=float(mittel[i_temperatur]))


# Schnelldurchlauf: nur zwei Stapel je Epoche, ohne Graph-Übersetzung (die dauert länger als zwei Stapel)
SCHRITTE = dlkurs.pick(quick=2, full=None)
SOFORT = dlkurs.pick(quick=True, full=False)


def trainiere(name, modell, epochen):
    modell.compile(optimizer="adam", loss="mse", metrics=["mae"], run_eagerly=SOFORT)
    # shuffle=False: gemischt hat schon timeseries_dataset_from_array (mischen=True oben)
    verlauf = modell.fit(train_ds, validation_data=val_ds, epochs=epochen, shuffle=False, verbose=0,
                         steps_per_epoch=SCHRITTE, validation_steps=SCHRITTE)
    _, test_mae = modell.evaluate(test_ds, steps=SCHRITTE, verbose=0)
    ergebnisse[name] = test_mae
    print(f"{name:<24} Validierung MAE {min(verlauf.history['val_mae']):.2f} °C (bestes Epochenende), "
          f"Test MAE {test_mae:.2f} °C")
    return verlauf


def zeige(verlaeufe):
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for name, verlauf in verlaeufe.items():
        werte = verlauf.history["val_mae"]
        ax.plot(range(1, len(werte) + 1), werte, marker="o", markersize=3, label=name)
    ax.axhline(basis_val, color="black", linestyle="--", label="Basislinie")
    ax.set(xlabel="Epoche", ylabel="Validierungs-MAE (°C)")
    ax.legend()
    plt.show()


# %% [markdown]
# ### Dense und Conv1D: ohne Gefühl für die Reihenfolge
#
# Das Dense-Netz macht aus allen Werten der 120 Stunden einen langen Vektor: Welche
# Stunde die letzte war, muss es erst mühsam lernen. Das Conv1D-Netz schiebt
# kleine Filter über die Zeit – gut für Muster, die überall gleich aussehen,
# aber Wetter von gestern zählt mehr als Wetter von vor fünf Tagen.

# %%
epochen = dlkurs.pick(quick=1, full=10)
dense = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.Flatten(),
    layers.Dense(16, activation="relu"),
    layers.Dense(1),
    in_grad(),
])
conv = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.Conv1D(8, 24, padding="same", activation="relu"),
    layers.MaxPooling1D(2),
    layers.Conv1D(8, 12, padding="same", activation="relu"),
    layers.MaxPooling1D(2),
    layers.Conv1D(8, 6, padding="same", activation="relu"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1),
    in_grad(),
])
zeige({"Dense": trainiere("Dense", dense, epochen), "Conv1D": trainiere("Conv1D", conv, epochen)})

# %% [markdown]
# ### GRU: ein Netz, das die Zeit der Reihe nach liest
#
# Eine **GRU**-Schicht (Gated Recurrent Unit) liest die 120 Stunden der Reihe
# nach und trägt einen Zustand von Stunde zu Stunde weiter – was gerade
# passiert ist, prägt ihn am stärksten. Nach der letzten Stunde gibt sie
# ihren Zustand (hier 16 Zahlen) an die Dense-Schicht.

# %%
gru = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.GRU(16),
    layers.Dense(1),
    in_grad(),
])
zeige({"GRU": trainiere("GRU", gru, epochen)})

# %% [markdown]
# ### Rekurrentes Dropout gegen Überanpassung
#
# Gewöhnliches Dropout auf den Eingaben einer rekurrenten Schicht würfelt in
# jeder Stunde neu und stört so das Weitertragen des Zustands.
# `recurrent_dropout` schaltet dagegen dieselben Verbindungen des Zustands
# für die ganze Sequenz ab (Gal & Ghahramani). Mit Dropout braucht das Netz
# mehr Epochen, dafür läuft es später aus dem Ruder.
#
# Hinweis aus dem Buch, der in Keras 3 noch gilt: Mit `recurrent_dropout`
# kann die schnelle cuDNN-Implementierung auf der GPU nicht verwendet werden.

# %%
epochen_dropout = dlkurs.pick(quick=1, full=15)
gru_dropout = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.GRU(32, recurrent_dropout=0.25),
    layers.Dropout(0.5),
    layers.Dense(1),
    in_grad(),
])
zeige({"GRU mit Dropout": trainiere("GRU mit Dropout", gru_dropout, epochen_dropout)})

# %% [markdown]
# ### Gestapelt und bidirektional
#
# **Gestapelt:** Zwei GRU-Schichten übereinander; die untere gibt dafür ihre
# ganze Zustandsfolge weiter (`return_sequences=True`). Mehr Kapazität hilft
# nur, wenn das Netz vorher an seine Grenze gestoßen ist.
#
# **Bidirektional:** Eine zweite GRU liest die Stunden rückwärts, beide
# Zustände werden aneinandergehängt. Bei Sprache hilft das oft; beim Wetter
# ist die jüngste Vergangenheit am wichtigsten, und die liest die
# Rückwärts-GRU zuerst – und vergisst sie am ehesten.

# %%
gestapelt = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.GRU(16, recurrent_dropout=0.25, return_sequences=True),
    layers.GRU(16, recurrent_dropout=0.25),
    layers.Dropout(0.5),
    layers.Dense(1),
    in_grad(),
])
bidirektional = keras.Sequential([
    keras.Input(shape=(FENSTER, merkmale)),
    layers.Bidirectional(layers.GRU(16)),
    layers.Dense(1),
    in_grad(),
])
epochen_gross = dlkurs.pick(quick=1, full=8)
zeige({"GRU gestapelt": trainiere("GRU gestapelt", gestapelt, epochen_gross),
       "GRU bidirektional": trainiere("GRU bidirektional", bidirektional, epochen_gross)})

# %% [markdown]
# ## Alle Netze in einer Tabelle

# %%
uebersicht = pd.Series({"Basislinie": basis_test, **ergebnisse}, name="Test-MAE (°C)").round(3)
print(uebersicht.to_string())
fig, ax = plt.subplots(figsize=(7, 3))
ax.barh(uebersicht.index[::-1], uebersicht.values[::-1], color="tab:blue")
ax.axvline(basis_test, color="black", linestyle="--")
ax.set(xlabel="Test-MAE (°C)", title="Kleiner ist besser; gestrichelt: Basislinie")
plt.show()

if QUELLE == "jena":
    dlkurs.report(mae_basislinie_jena=basis_test, mae_gru_jena=ergebnisse["GRU"],
                  mae_gru_dropout_jena=ergebnisse["GRU mit Dropout"])
else:
    dlkurs.report(mae_basislinie_greensboro=basis_test, mae_gru_greensboro=ergebnisse["GRU"],
                  mae_gru_dropout_greensboro=ergebnisse["GRU mit Dropout"])

# %% [markdown]
# Lies die Tabelle mit der Basislinie im Kopf: Welche Netze liegen darunter,
# welche darüber? In unseren Läufen mit Greensboro (drei verschiedene
# Startwerte) lagen alle vier GRUs unter der Basislinie von 3,86 °C: das
# einfache GRU bei 3,50 bis 3,61 °C, das GRU mit Dropout bei 3,48 bis
# 3,53 °C, gestapelt und bidirektional bei 3,5 bis 3,8 °C. Dense (5,1 bis
# 5,9 °C) und Conv1D (4,1 bis 5,9 °C) lagen darüber – ihnen fehlt das Gefühl
# für die Reihenfolge. Der Vorsprung der GRUs ist klein, ein Zehntel bis ein
# Drittel Grad, und auf den ruhigen Validierungsstunden im Sommer (Basislinie
# 1,95 °C) kamen sie gar nicht darunter: bester Wert 1,97 bis 2,24 °C. Das
# ist kein Fehler im Code, sondern eine ehrliche Antwort: In Greensboro sind
# es nur 4 380 Trainingsstunden, und der Test liegt im Herbst und Winter, das
# Training in Winter, Frühling und Sommer. (Mit den acht Jahren aus Jena
# kommt das Buch mit GRU und Dropout auf etwa 2,45 °C gegen 2,62 °C der
# Basislinie.) Im Schnelldurchlauf haben die Netze nur zwei
# Stapel gesehen; ihre Zahlen dort sagen nichts.

# %% [markdown] tags=["vertiefung"]
# ### Vertiefung: Ein „typisches Jahr“ ist zusammengesetzt
#
# Die TMY3-Datei klebt zwölf echte Monate aus verschiedenen Jahren aneinander.
# An den Monatsgrenzen springt das Wetter deshalb manchmal; das kostet ein
# paar Fenster im Monat etwas Genauigkeit. Welcher Monat aus welchem Jahr
# stammt, steht im Zeitstempel:

# %% tags=["vertiefung"]
if QUELLE == "greensboro":
    zeit = tabelle["Date Time"]
    # die Stunde „24:00“ gehört schon zum nächsten Tag: je Monat das häufigste Jahr
    jahre = zeit.dt.year.groupby(zeit.dt.month).agg(lambda j: j.mode()[0])
    print(jahre.rename("Jahr").rename_axis("Monat").to_frame().T.to_string())
else:
    print("Jena ist eine durchgehende Messreihe; diese Vertiefung betrifft nur Greensboro.")

# %% [markdown]
# ## Zusammenfassung
#
# - Eine Zeitreihe wird **in der Zeit** geteilt, normiert mit den
#   Trainingsdaten; Fenster und Ziele baut
#   `keras.utils.timeseries_dataset_from_array`, die Ziele um
#   `sampling_rate * (fensterlaenge + horizont − 1)` Zeilen verschoben.
# - Zuerst die **Vernunft-Basislinie**; ein Netz, das sie nicht schlägt, hat
#   nichts gelernt, was „morgen wie heute“ nicht schon weiß.
# - Dense- und Conv1D-Netze sehen die Reihenfolge nicht; ein **GRU** liest
#   sie. `recurrent_dropout` regularisiert ein rekurrentes Netz,
#   `return_sequences=True` erlaubt das **Stapeln**, `Bidirectional` liest
#   zusätzlich rückwärts – was beim Wetter wenig bringt.
#
# **Was das Buch anders macht:** Es nimmt Jenas Zehn-Minuten-Daten mit
# `sampling_rate=6` und trainiert auf über 200 000 Fenstern – das dauert auf
# einem Laptop Stunden. Wir nehmen stündliche Daten (in Jena jede sechste
# Zeile), kleinere Schichten und weniger Epochen, damit die Lektion in
# Minuten läuft, und schreiben keinen eigenen Generator (das Buch der
# Keras-2-Zeit tat es noch), sondern nehmen die Keras-Funktion.

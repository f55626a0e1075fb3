# %% [markdown]
# # 2.8 Over- und Underfitting
#
# Beim Training verfolgt ein Netz zwei Ziele, die sich widersprechen:
#
# - **Optimierung**: möglichst gut zu den *Trainingsdaten* passen,
# - **Generalisierung**: möglichst gut auf *neuen* Daten sein.
#
# Solange beides zusammen besser wird, ist das Modell **unterangepasst**
# (*Underfitting*): Es hat noch nicht alles gelernt, was in den Daten steckt.
# Irgendwann lernt es nur noch Eigenheiten der Trainingsbeispiele auswendig,
# die auf neuen Daten nicht gelten: Es ist **überangepasst** (*Overfitting*).
#
# In dieser Lektion siehst du beides an den IMDB-Filmkritiken aus Lektion 2.4
# und lernst die wichtigsten Gegenmittel kennen:
#
# 1. die **Kapazität** des Modells (kleineres Netz),
# 2. **Gewichtsregularisierung** (L1 und L2),
# 3. **Dropout**,
# 4. **Early Stopping**: aufhören, wenn es am besten ist.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import dlkurs
import keras
from keras import layers, regularizers

from dlkurs.data import imdb_sequences
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history
from dlkurs.kit.batches import ArrayBatches
from dlkurs.kit.overfitting import plot_compare
from dlkurs.kit.text import multi_hot

aufgabe = aufgaben("2.8")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Daten: IMDB als Multi-hot-Vektoren
#
# Wie in Lektion 2.4: Jede Kritik ist eine Folge von Wortnummern; wir behalten
# die 10 000 häufigsten Wörter. Ein Multi-hot-Vektor hat 10 000 Stellen und
# eine 1 an jeder Stelle, deren Wort in der Kritik vorkommt. Das Laden dauert
# beim ersten Mal einige Sekunden.
#
# Wie in 2.4 speichern wir die Vektoren als `uint8` (ein Byte je Eintrag) und
# geben sie mit `ArrayBatches` stapelweise als `float32` an das Netz: Als
# `float32` bräuchten Training, Validierung und Test hier zusammen 2 GB, als
# `uint8` ein Viertel davon. `multi_hot` aus dem Kurspaket ist die Funktion,
# die du in 2.4 geschrieben hast.

# %%
(train_sequenzen, train_labels), (test_sequenzen, test_labels) = imdb_sequences(num_words=10000)


# %% [markdown]
# Von den 25 000 Trainingskritiken nehmen wir 10 000 zur **Validierung** und
# 15 000 zum Training (im Schnelldurchlauf weniger). Die Labels formen wir zu
# einer Spalte der Form (Anzahl, 1), passend zur einen Ausgabeeinheit des
# Netzes; das braucht gleich die Metrik `binary_crossentropy`.

# %%
n_val = dlkurs.pick(quick=1000, full=10000)
n_train = dlkurs.pick(quick=2000, full=15000)

x_val = multi_hot(train_sequenzen[:n_val], 10000, dtype="uint8")
y_val = train_labels[:n_val].astype("float32").reshape(-1, 1)
x_train = multi_hot(train_sequenzen[n_val:n_val + n_train], 10000, dtype="uint8")
y_train = train_labels[n_val:n_val + n_train].astype("float32").reshape(-1, 1)
print("Training:", x_train.shape, x_train.dtype, f"{x_train.nbytes / 1e6:.0f} MB", " Validierung:", x_val.shape)

# %% [markdown]
# ## Ein Ausgangsmodell und seine Kurven
#
# Zwei Helfer sparen uns Tipparbeit: `baue_netz` baut das Netz aus Lektion 2.4
# (zwei verdeckte Schichten, eine Sigmoid-Ausgabe), auf Wunsch breiter,
# schmaler oder mit Regularisierung. Als Metrik messen wir neben der
# Genauigkeit auch die **reine Kreuzentropie** (`binary_crossentropy`); warum,
# siehst du bei der Regularisierung. `trainiere` trainiert immer gleich: 20
# Epochen (im Schnelldurchlauf 3), Stapel zu 512, mit Validierung.

# %%
def baue_netz(einheiten=16, regularisierer=None):
    keras.utils.set_random_seed(42)  # gleiche Startgewichte für faire Vergleiche
    modell = keras.Sequential([
        keras.Input(shape=(10000,)),
        layers.Dense(einheiten, activation="relu", kernel_regularizer=regularisierer),
        layers.Dense(einheiten, activation="relu", kernel_regularizer=regularisierer),
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy", "binary_crossentropy"])
    return modell


epochen = dlkurs.pick(quick=3, full=20)


def trainiere(modell, **optionen):
    return modell.fit(ArrayBatches(x_train, y_train, batch_size=512), epochs=epochen,
                      validation_data=ArrayBatches(x_val, y_val, batch_size=512), verbose=0, **optionen)


# %%
modell_original = baue_netz(16)
verlauf_original = trainiere(modell_original)
plot_history(verlauf_original, ["loss", "accuracy"], title="Ausgangsmodell 16-16-1")
plt.show()

# %% [markdown]
# Das ist das typische Bild:
#
# - Der **Trainingsverlust** fällt Epoche für Epoche, fast bis 0. Das Netz
#   kennt die Trainingskritiken irgendwann fast auswendig.
# - Der **Validierungsverlust** fällt nur in den ersten Epochen. In dieser
#   Phase ist das Modell noch **unterangepasst**: Es wird auf *beiden* Daten
#   besser.
# - Danach steigt der Validierungsverlust wieder, während der Trainingsverlust
#   weiter fällt: **Überanpassung**. Die Lücke zwischen den Kurven wächst.
#
# Die Genauigkeit auf den Validierungsdaten bleibt dabei länger stabil als der
# Verlust: Das Netz ist sich bei seinen Fehlern immer *sicherer*, und das
# bestraft die Kreuzentropie.
#
# Die beste Epoche liest du wie in 2.4 mit `np.argmin` ab (Keras zählt die
# Epochen ab 1):

# %%
val_original = verlauf_original.history["val_loss"]
beste_original = int(np.argmin(val_original)) + 1
print(f"Beste Epoche: {beste_original}, Validierungsverlust dort {val_original[beste_original - 1]:.3f}, "
      f"nach Epoche {epochen}: {val_original[-1]:.3f}")
dlkurs.report(best_val_loss_original=min(val_original))

# %% [markdown]
# Mehr Training hat das Modell hier schlechter gemacht. Was tun? Die
# naheliegende Antwort: mehr Trainingsdaten. Wenn es die nicht gibt, helfen die
# folgenden Mittel.
#
# ## Kapazität: kleines, originales und großes Netz
#
# Die **Kapazität** eines Netzes ist, grob gesagt, wie viel es sich merken
# kann: Sie wächst mit der Zahl seiner Parameter. Wir vergleichen drei Netze
# gleicher Form mit 4, 16 und 512 Einheiten je verdeckter Schicht. Das große
# Netz braucht im vollen Profil einige Minuten.

# %%
modell_klein = baue_netz(4)
modell_gross = baue_netz(512)
for name, modell in [("klein", modell_klein), ("original", modell_original), ("groß", modell_gross)]:
    print(f"{name:>8}: {modell.count_params():>9,} Parameter".replace(",", "."))
verlauf_klein = trainiere(modell_klein)
verlauf_gross = trainiere(modell_gross)

# %%
kapazitaet = {"klein (4-4)": verlauf_klein, "original (16-16)": verlauf_original, "groß (512-512)": verlauf_gross}
plot_compare(kapazitaet, "val_loss", title="Kapazität: Validierungsverlust")
plt.show()
plot_compare(kapazitaet, "loss", title="Kapazität: Trainingsverlust")
plt.show()

# %% [markdown]
# Lies die beiden Bilder zusammen:
#
# - Das **große** Netz ist schon nach ein, zwei Epochen am besten. Danach
#   springt sein Validierungsverlust und steigt am stärksten, während sein
#   Trainingsverlust nach wenigen Epochen praktisch 0 ist: Es hat genug
#   Kapazität, um sich jede Trainingskritik zu merken.
# - Das **kleine** Netz braucht länger bis zu seinem Bestwert und wird
#   langsamer überangepasst.
#
# Mehr Kapazität heißt also: schneller lernen, aber auch schneller auswendig
# lernen. Zu *wenig* Kapazität wäre ebenfalls schlecht: Ein Netz, das die
# Muster gar nicht darstellen kann, bleibt unterangepasst. Das richtige Maß
# findest du durch Ausprobieren mit Validierungsdaten.
#
# ## Aufgabe 1: Kurven lesen
#
# Die drei Skizzen unten zeigen Trainings- und Validierungsverlust von drei
# gedachten Modellen. Ordne jeder Skizze eine Diagnose zu: `UEBERANPASSUNG`,
# `UNTERANPASSUNG` oder `PASST`.

# %%
UEBERANPASSUNG, UNTERANPASSUNG, PASST = "Überanpassung", "Unteranpassung", "passt"

t = np.arange(1, 21)
skizzen = {
    "A": (0.55 + 0.15 * np.exp(-t / 6), 0.57 + 0.15 * np.exp(-t / 6)),
    "B": (0.02 + 0.6 * np.exp(-t / 3), 0.27 + 0.35 * np.exp(-t / 1.5) + 0.015 * np.maximum(t - 4, 0)),
    "C": (0.22 + 0.45 * np.exp(-t / 3), 0.27 + 0.40 * np.exp(-t / 3)),
}
fig, achsen = plt.subplots(1, 3, figsize=(13, 3.5), sharey=True)
for ax, (name, (training, validierung)) in zip(achsen, skizzen.items()):
    ax.plot(t, training, "o-", markersize=3, label="Training")
    ax.plot(t, validierung, "s--", markersize=3, label="Validierung")
    ax.set(title=f"Skizze {name}", xlabel="Epoche", ylim=(0, 0.8))
    ax.grid(alpha=0.3)
achsen[0].set_ylabel("Verlust")
achsen[0].legend()
plt.show()

# %%
### BEGIN SOLUTION diagnose
###> diagnose = {"A": ___, "B": ___, "C": ___}
diagnose = {"A": UNTERANPASSUNG, "B": UEBERANPASSUNG, "C": PASST}
### END SOLUTION
aufgabe.diagnose.check(diagnose)

# %%
# aufgabe.diagnose.hint()
# aufgabe.diagnose.solution()

# %% [markdown]
# ## Gewichtsregularisierung: L1 und L2
#
# Große Gewichte machen ein Netz empfindlich für Kleinigkeiten in den Daten.
# Regularisierung hängt an den Verlust einen **Strafterm** für große Gewichte
# $w$ an:
#
# $$
# \text{L2:}\quad \text{Verlust} + \lambda \sum_i w_i^2
# \qquad\qquad
# \text{L1:}\quad \text{Verlust} + \lambda \sum_i |w_i|
# $$
#
# L2 drückt alle Gewichte sanft Richtung 0, große stärker als kleine. L1 zieht
# jedes Gewicht mit derselben Kraft Richtung 0; in der Theorie landen dabei
# viele Gewichte genau auf 0. Mit einem Optimierer wie RMSprop, der in kleinen
# Schritten um 0 herum pendelt, werden sie nur **sehr klein**, nicht exakt 0.
# $\lambda$ bestimmt, wie stark die Strafe wirkt. (Den Namen *weight decay*
# hörst du oft für L2; bei Optimierern wie RMSprop oder Adam ist das aber
# nicht ganz dasselbe – `AdamW` hat dafür eine eigene Einstellung.) In Keras gibst du der
# Schicht `kernel_regularizer=regularizers.l2(0.002)` mit – genau das macht
# `baue_netz(16, regularisierer=...)`.
#
# **Achtung beim Vergleichen:** Der `loss` eines regularisierten Modells
# enthält den Strafterm, auch `val_loss`. Fair vergleichen lässt sich nur die
# reine Kreuzentropie, die wir als Metrik mitmessen
# (`val_binary_crossentropy`).

# %%
verlauf_l2 = trainiere(baue_netz(16, regularizers.l2(0.002)))
verlauf_l1 = trainiere(baue_netz(16, regularizers.l1(0.0005)))

letzte = verlauf_l2.history
print(f"L2-Modell nach Epoche {epochen}: val_loss {letzte['val_loss'][-1]:.3f} "
      f"= Kreuzentropie {letzte['val_binary_crossentropy'][-1]:.3f} + Strafterm")

plot_compare({"original": verlauf_original, "L2 (0,002)": verlauf_l2, "L1 (0,0005)": verlauf_l1},
             "val_binary_crossentropy", title="Regularisierung: Kreuzentropie auf den Validierungsdaten")
plt.show()

# %% [markdown]
# Nach ihrem Bestwert steigt die Kreuzentropie der regularisierten Modelle
# viel weniger als beim Original: Sie sind deutlich **widerstandsfähiger gegen
# Überanpassung**. L2 erreicht fast denselben Bestwert wie das Original; L1
# lernt langsamer und bleibt dafür am flachsten.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Zu viel des Guten – Unteranpassung
#
# Mit einem sehr großen $\lambda$ ist dem Netz das Kleinhalten der Gewichte
# wichtiger als die Daten.

# %% tags=["vertiefung"]
verlauf_l2_stark = trainiere(baue_netz(16, regularizers.l2(0.05)))
plot_compare({"original": verlauf_original, "L2 (0,05)": verlauf_l2_stark}, "val_binary_crossentropy",
             training=True, title="Zu starke Regularisierung")
plt.show()
print(f"Beste Validierungsgenauigkeit: stark regularisiert {max(verlauf_l2_stark.history['val_accuracy']):.3f}, "
      f"original {max(verlauf_original.history['val_accuracy']):.3f}")

# %% [markdown] tags=["vertiefung"]
# Beim stark regularisierten Modell liegen Trainings- und Validierungskurve
# dicht beieinander – aber beide hoch: Das Modell lernt nicht einmal die
# Trainingsdaten gut. Das ist **Unteranpassung**, und die Genauigkeit ist
# schlechter als beim Original. Beim Original fällt die Trainingskurve
# dagegen fast bis 0, während die Validierungskurve steigt: Überanpassung.

# %% [markdown]
# ## Dropout
#
# **Dropout** setzt bei jedem Trainingsschritt einen zufälligen Teil der Werte
# einer Schicht auf 0 (bei Rate 0,5 die Hälfte) und verdoppelt die übrigen,
# damit die Summe im Mittel gleich bleibt. Beim Vorhersagen ist Dropout aus.
# So kann sich das Netz nicht auf einzelne, zufällig passende Werte verlassen.
#
# Für Multi-hot-Kritiken ist Dropout **direkt auf der Eingabe** besonders
# anschaulich: Bei jedem Schritt verschwindet zufällig die Hälfte der Wörter
# jeder Kritik. Ein einzelnes seltenes Wort, das zufällig nur in positiven
# Kritiken vorkam, trägt dann nicht mehr weit.
#
# ## Aufgabe 2: `baue_dropout_netz()`
#
# Baue das Ausgangsmodell nach – zwei verdeckte Schichten `Dense(16)` mit
# ReLU, eine Ausgabe `Dense(1)` mit Sigmoid –, mit einer `layers.Dropout(0.5)`
# **direkt nach der Eingabe**. Kompiliere es wie `baue_netz` (Optimierer
# `rmsprop`, Verlust `binary_crossentropy`, Metriken `accuracy` und
# `binary_crossentropy`).

# %%
def baue_dropout_netz():
    ### BEGIN SOLUTION mit_dropout
    ###> # wie baue_netz(16), mit layers.Dropout(0.5) direkt nach keras.Input(...)
    ###> return ___
    modell = keras.Sequential([
        keras.Input(shape=(10000,)),
        layers.Dropout(0.5),
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy", "binary_crossentropy"])
    return modell
    ### END SOLUTION


aufgabe.mit_dropout.check(baue_dropout_netz())

# %%
# aufgabe.mit_dropout.hint()
# aufgabe.mit_dropout.solution()

# %%
keras.utils.set_random_seed(42)
verlauf_dropout = trainiere(baue_dropout_netz())
plot_compare({"original": verlauf_original, "L2 (0,002)": verlauf_l2, "Dropout (0,5)": verlauf_dropout},
             "val_binary_crossentropy", title="Gegenmittel im Vergleich")
plt.show()


def am_ende(verlauf):
    return verlauf.history["val_binary_crossentropy"][-1]


l2_gewinn = am_ende(verlauf_original) - am_ende(verlauf_l2)
dropout_gewinn = am_ende(verlauf_original) - am_ende(verlauf_dropout)
print(f"Kreuzentropie nach Epoche {epochen}: original {am_ende(verlauf_original):.3f}, "
      f"L2 {am_ende(verlauf_l2):.3f}, Dropout {am_ende(verlauf_dropout):.3f}")
dlkurs.report(l2_gewinn=l2_gewinn, dropout_gewinn=dropout_gewinn)

# %% [markdown]
# Mit Dropout bleibt der Validierungsverlust auch nach vielen Epochen niedrig.
# Dropout und Regularisierung heilen die Überanpassung nicht ganz, aber sie
# schieben sie weit hinaus. Ein Experiment für dich: Setze die Dropout-Schicht
# stattdessen hinter die beiden verdeckten Dense-Schichten (so steht es im
# Buch) und vergleiche die Kurven.
#
# ## Early Stopping: aufhören, wenn es am besten ist
#
# Statt die beste Epoche hinterher abzulesen und neu zu trainieren, kann
# Keras das Training selbst beenden. Der Callback `EarlyStopping` beobachtet
# den Validierungsverlust und bricht ab, wenn er `patience` Epochen lang nicht
# mehr besser geworden ist. Mit `restore_best_weights=True` setzt er das Modell
# danach auf die Gewichte der besten Epoche zurück.
#
# ## Aufgabe 3: der Callback `stopper`
#
# Erzeuge `stopper`: ein `keras.callbacks.EarlyStopping`, das den
# Validierungsverlust beobachtet, nach **2** Epochen ohne Verbesserung
# abbricht und das Modell auf die Gewichte der besten Epoche zurücksetzt.

# %%
### BEGIN SOLUTION stopper
stopper = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
### END SOLUTION
aufgabe.stopper.check(stopper)

# %%
# aufgabe.stopper.hint()
modell_es = baue_netz(16)
verlauf_es = trainiere(modell_es, callbacks=[stopper])
print(f"Trainiert: {len(verlauf_es.history['loss'])} von höchstens {epochen} Epochen; "
      f"zurückgesetzt auf Epoche {int(np.argmin(verlauf_es.history['val_loss'])) + 1}")
print(f"Validierungsverlust des Modells jetzt: "
      f"{modell_es.evaluate(ArrayBatches(x_val, y_val, batch_size=512), verbose=0)[0]:.3f}")

# %% [markdown]
# Das Training endet nach wenigen Epochen, und das Modell hat die Gewichte
# der besten Epoche. Die Validierungsdaten haben damit geholfen, das Modell zu
# *wählen*. Wie gut es wirklich ist, zeigen erst Daten, die es nie gesehen hat:
# die Testdaten, einmal ganz am Ende.

# %%
n_test = dlkurs.pick(quick=1000, full=25000)
x_test = multi_hot(test_sequenzen[:n_test], 10000, dtype="uint8")
y_test = test_labels[:n_test].astype("float32").reshape(-1, 1)
ergebnis = modell_es.evaluate(ArrayBatches(x_test, y_test, batch_size=512), verbose=0, return_dict=True)
print(f"Testgenauigkeit mit Early Stopping: {ergebnis['accuracy']:.3f}")
dlkurs.report(early_stopping_test_accuracy=ergebnis["accuracy"])

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Alle Modelle auf einen Blick

# %% tags=["vertiefung"]
alle = {"klein (4-4)": verlauf_klein, "original (16-16)": verlauf_original, "groß (512-512)": verlauf_gross,
        "L2 (0,002)": verlauf_l2, "L1 (0,0005)": verlauf_l1, "L2 (0,05)": verlauf_l2_stark,
        "Dropout (0,5)": verlauf_dropout}
pd.DataFrame.from_dict({
    name: {
        "beste Epoche": int(np.argmin(v.history["val_binary_crossentropy"])) + 1,
        "kleinste Val.-Kreuzentropie": min(v.history["val_binary_crossentropy"]),
        f"Val.-Kreuzentropie nach Epoche {epochen}": v.history["val_binary_crossentropy"][-1],
        "beste Val.-Genauigkeit": max(v.history["val_accuracy"]),
    }
    for name, v in alle.items()
}, orient="index").round(3)

# %% [markdown] tags=["vertiefung"]
# Vergleiche die Spalten: Bei der besten Epoche liegen die meisten Modelle
# nah beieinander. Den Unterschied macht, was *danach* passiert – und das
# stark regularisierte Modell ist nie richtig gut geworden.

# %% [markdown]
# ## Zusammenfassung
#
# - **Unteranpassung**: Trainings- und Validierungsverlust sind beide noch
#   hoch. Länger trainieren, mehr Kapazität, weniger Regularisierung.
# - **Überanpassung**: Der Trainingsverlust fällt weiter, der
#   Validierungsverlust steigt. Gegenmittel: mehr Daten, kleineres Netz,
#   L1/L2-Regularisierung, Dropout, Early Stopping.
# - Vergleiche regularisierte Modelle über die **reine** Kreuzentropie, nicht
#   über `val_loss` (der enthält den Strafterm).
# - Die beste Epoche ist die mit dem kleinsten **Validierungs**verlust –
#   gezählt ab 1.
# - Die Testdaten entscheiden nichts; sie messen nur einmal am Ende.
#
# Weiter geht es mit **2.9 Weitere Klassifikation**.

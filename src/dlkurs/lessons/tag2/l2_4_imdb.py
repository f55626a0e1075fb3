# %% [markdown]
# # 2.4 IMDB: Filmkritiken klassifizieren
#
# Ist eine Filmkritik positiv oder negativ? Das ist eine **binäre
# Klassifikation**: zwei Klassen, eine Wahrscheinlichkeit als Ausgabe.
#
# Du arbeitest mit dem *Large Movie Review Dataset* (IMDB): 50 000 englische
# Kritiken aus der Internet Movie Database, je zur Hälfte Trainings- und
# Testdaten, je zur Hälfte positiv und negativ.
#
# In dieser Lektion
#
# 1. schaust du dir eine Kritik als Rohtext und als Folge von Wortnummern an,
# 2. wandelst du die Kritiken in Vektoren um (**Multi-Hot-Kodierung**) und
#    achtest dabei auf den Arbeitsspeicher,
# 3. trainierst du ein kleines Dense-Netz mit **Hold-out-Validierung**,
# 4. liest aus den Trainingskurven die beste Epochenzahl ab und trainierst
#    damit neu,
# 5. vergleichst du in einer Vertiefung (optional) Varianten des Netzes in einer Tabelle.

# %%

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs.data import imdb_sequences, imdb_word_index, load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history
from dlkurs.kit.batches import ArrayBatches

aufgabe = aufgaben("2.4")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Rohdaten
#
# `load("imdb")` liefert den Ordner mit den ausgepackten Kritiken. Jede
# Kritik ist eine Textdatei; der Ordner (`pos` oder `neg`) ist das Label, der
# Dateiname enthält eine laufende Nummer und die Sternezahl (1–10) der
# Kritik.

# %%
ordner = load("imdb")
for teil in ("train", "test"):
    for klasse in ("pos", "neg"):
        anzahl = sum(1 for _ in (ordner / teil / klasse).glob("*.txt"))
        print(f"{teil}/{klasse}: {anzahl:6,} Kritiken".replace(",", "."))

beispiel = ordner / "train" / "pos" / "0_9.txt"
print(f"\n{beispiel.name} (9 von 10 Sternen):\n")
print(beispiel.read_text(encoding="utf-8")[:600], "…")

# %% [markdown]
# Ein neuronales Netz rechnet mit Zahlen, nicht mit Text. Der erste Schritt
# ist deshalb immer: Text in Wörter zerlegen (*Tokenisierung*) und jedem Wort
# eine Nummer geben.
#
# ## Von Wörtern zu Zahlen
#
# `imdb_sequences(num_words=10000)` erledigt das: Satzzeichen werden zu
# Leerzeichen, Großbuchstaben zu Kleinbuchstaben, und jedes Wort wird durch
# seinen **Rang** in der Häufigkeitsliste von Keras ersetzt („the“ ist das
# häufigste Wort). So entstehen dieselben Wortnummern wie in den fertig
# kodierten Daten von `keras.datasets.imdb.load_data` (die Keras schon als
# Zahlenfolgen mitliefert).
# Mit `num_words=10000` bleiben nur die 10 000 häufigsten Wörter erhalten;
# seltenere werden zu einem Platzhalter. Mehr dazu: `help(imdb_sequences)`.
#
# Beim ersten Aufruf liest die Funktion alle 50 000 Dateien und legt das
# Ergebnis in einem Zwischenspeicher ab; das dauert ein paar Sekunden.

# %%
anzahl_woerter = 10_000
(train_data, train_labels), (test_data, test_labels) = imdb_sequences(num_words=anzahl_woerter)

print("Trainingskritiken:", len(train_data), " Testkritiken:", len(test_data))
print("Labels (0 = negativ, 1 = positiv):", train_labels[:10])
print("Anteil positiver Trainingskritiken:", train_labels.mean())
print("Erste Kritik, die ersten 15 Wortnummern:", train_data[0][:15])
print("Größte Wortnummer:", max(int(s.max()) for s in train_data))

# %% [markdown]
# Jede Kritik ist jetzt eine Folge ganzer Zahlen, unterschiedlich lang. Die
# Zahlen 0, 1 und 2 sind reserviert: 0 füllt auf (*Padding*), 1 markiert den
# Anfang einer Kritik, 2 steht für ein Wort außerhalb der 10 000 häufigsten.
# Ein Wort mit Rang $r$ bekommt daher die Nummer $r + 3$. Unter 10 000 bleibt
# die größte Nummer wegen `num_words=10000`: Wörter mit einer Nummer ab 10 000
# werden zum Platzhalter 2.
#
# Hinweis: Die Reihenfolge der Kritiken ist eine andere als in Keras' Datei
# `imdb.npz`, deshalb ist `train_data[0]` eine andere Kritik als im Buch. Die
# Wörter und ihre Nummern sind dieselben.
#
# ### Eine Kritik zurückübersetzen
#
# Der Wortindex von Keras ordnet jedem Wort seinen Rang zu. Dreht man ihn um
# (Nummer → Wort) und berücksichtigt den Versatz 3, kann man eine Folge
# wieder lesen:

# %%
wortindex = imdb_word_index()
print("Rang von 'the', 'movie', 'great':", wortindex["the"], wortindex["movie"], wortindex["great"])

nummer_zu_wort = {rang + 3: wort for wort, rang in wortindex.items()}
nummer_zu_wort.update({0: "<PAD>", 1: "<START>", 2: "<UNK>"})


def dekodiere(sequenz):
    return " ".join(nummer_zu_wort.get(int(i), "<UNK>") for i in sequenz)


print(f"Label: {train_labels[0]}\n")
print(dekodiere(train_data[0][:80]), "…")

# %% [markdown]
# Du siehst: Die Satzzeichen fehlen, und seltene Wörter sind `<UNK>`. Aus
# dem HTML-Zeilenumbruch `<br />` im Rohtext wird das „Wort“ `br`.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Wie lang sind die Kritiken?
#
# Ein Histogramm der Längen (in Wörtern):

# %% tags=["vertiefung"]
laengen = np.array([len(s) for s in train_data])
plt.figure(figsize=(7, 3.5))
plt.hist(laengen, bins=100, range=(0, 1500), color="tab:blue")
plt.axvline(np.median(laengen), color="tab:red", ls="--", label=f"Median: {np.median(laengen):.0f} Wörter")
plt.title("Länge der Trainingskritiken")
plt.xlabel("Wörter pro Kritik")
plt.ylabel("Anzahl Kritiken")
plt.legend()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Drei von vier Kritiken haben zwischen 100 und 400 Wörtern; nur wenige sind
# länger als 1 000 Wörter (das Diagramm endet bei 1 500).

# %% [markdown]
# Die Kritiken sind also unterschiedlich lang. Ein Dense-Netz braucht aber
# Eingaben **fester Länge**. Dafür sorgt die Multi-Hot-Kodierung.
#
# Im Profil `quick` (schneller Probelauf) arbeiten wir ab hier nur mit einem
# Teil der Daten; im vollen Kurs mit allen 25 000 Kritiken je Teil.

# %%
n_train = dlkurs.pick(quick=2_000, full=None)  # None: alle
n_test = dlkurs.pick(quick=2_000, full=None)
train_data, train_labels = train_data[:n_train], train_labels[:n_train]
test_data, test_labels = test_data[:n_test], test_labels[:n_test]
print("Training:", len(train_data), " Test:", len(test_data))

# %% [markdown]
# ## Multi-Hot-Kodierung
#
# Jede Kritik wird ein Vektor mit 10 000 Einträgen – einer pro Wort. Eintrag
# $j$ ist 1, wenn Wort $j$ in der Kritik vorkommt, sonst 0. Wie oft es
# vorkommt und an welcher Stelle, geht dabei verloren („Bag of Words“).
#
# Beispiel mit nur 6 Wörtern: die Folge `[1, 4, 4, 2]` wird zu
# `[0, 1, 1, 0, 1, 0]`.
#
# ### Wie viel Speicher braucht das?
#
# 25 000 Kritiken × 10 000 Spalten sind 250 Millionen Zahlen. Wie viel Speicher
# das kostet, hängt vom Datentyp ab:

# %%
zahlen = 25_000 * 10_000
for dtype in ("float64", "float32", "uint8"):
    byte = np.dtype(dtype).itemsize
    print(f"{dtype:8s} {byte} Byte/Zahl → {zahlen * byte / 1e9:4.2f} GB je Teil, "
          f"{2 * zahlen * byte / 1e9:4.2f} GB für Training + Test")

# %% [markdown]
# Mit NumPys Standardtyp `float64` brauchen Trainings- und Testdaten zusammen
# 4 GB – so war es im ursprünglichen Kursnotebook. Das ist auf einem Laptop mit
# 8 GB zu viel: Python, TensorFlow und das Notebook brauchen ja auch Platz.
#
# Unsere Wahl:
#
# 1. **Speichern als `uint8`.** Die Einträge sind nur 0 oder 1, dafür genügt
#    ein Byte. Das ist ein Achtel von `float64` und ein Viertel von `float32`,
#    und es geht nichts verloren.
# 2. **Stapelweise in `float32` umwandeln.** Das Netz rechnet in `float32`.
#    Gibst du `fit` ein ganzes NumPy-Array, legt TensorFlow davon intern eine
#    Kopie an. Deshalb reichen wir die Daten in Stapeln (*Batches*) von je 512
#    Kritiken weiter: `ArrayBatches(x, y, batch_size=512)` aus dem Kurspaket
#    wandelt immer nur den Stapel in `float32` um, den Keras gerade braucht
#    (512 × 10 000 × 4 Byte ≈ 20 MB).
#
# ### Aufgabe: `multi_hot` schreiben
#
# Schreibe die Funktion `multi_hot(sequenzen, dim, dtype="float32")`. Sie
# bekommt eine Liste von Wortfolgen und gibt ein NumPy-Array der Form
# `(len(sequenzen), dim)` mit dem Datentyp `dtype` zurück:
#
# - Zeile $i$ hat eine 1 in jeder Spalte, deren Nummer in `sequenzen[i]`
#   vorkommt, sonst 0. Ein Wort, das mehrfach vorkommt, gibt trotzdem eine 1.
# - Eine leere Folge ergibt eine Zeile aus Nullen.
# - Eine Nummer ≥ `dim` passt nicht in die Zeile: Dann soll die Funktion einen
#   Fehler auslösen (`IndexError` oder `ValueError`), statt die Nummer still zu
#   übergehen – sonst bemerkst du nie, dass `num_words` und `dim` nicht
#   zusammenpassen.
# - Die Eingabe darf nicht verändert werden.
#
# Prüfe mit `aufgabe.multi_hot.check(multi_hot)`; Tipps gibt es mit
# `aufgabe.multi_hot.hint()`.

# %%
def multi_hot(sequenzen, dim, dtype="float32"):
    ### BEGIN SOLUTION multi_hot
    ###> # 1. ein Array aus Nullen der Form (len(sequenzen), dim) mit dem Datentyp dtype anlegen
    ###> # 2. für jede Sequenz i die Spalten ihrer Wortnummern auf 1 setzen
    ###> # 3. das Array zurückgeben
    ###> return ___
    ergebnis = np.zeros((len(sequenzen), dim), dtype=dtype)
    for i, sequenz in enumerate(sequenzen):
        ergebnis[i, sequenz] = 1
    return ergebnis
    ### END SOLUTION


print(multi_hot([[1, 4, 4, 2], []], 6))
aufgabe.multi_hot.check(multi_hot)

# %%
# aufgabe.multi_hot.hint()
# aufgabe.multi_hot.solution()

# %% [markdown]
# Jetzt kodieren wir die Trainingsdaten mit deiner Funktion – als `uint8`.
# (Stimmt deine Funktion noch nicht, hol dir zuerst die Lösung mit
# `aufgabe.multi_hot.solution()`.) Die Labels werden `float32`, so wie die
# Ausgabe des Netzes.

# %%
x_train = multi_hot(train_data, anzahl_woerter, dtype="uint8")
y_train = train_labels.astype("float32")
print("x_train:", x_train.shape, x_train.dtype, f"{x_train.nbytes / 1e6:.0f} MB")
print("Erste Zeile, die ersten 20 Spalten:", x_train[0, :20])
print("Verschiedene Wörter in der ersten Kritik:", int(x_train[0].sum()))

# %% [markdown]
# ## Das Netz
#
# Für Vektoren mit 0/1-Einträgen genügt ein einfacher Stapel von
# Dense-Schichten:
#
# - zwei verdeckte Schichten mit je **16 Einheiten** und **ReLU**,
# - eine Ausgabeschicht mit **einer Einheit** und **Sigmoid**: Sie liefert eine
#   Zahl zwischen 0 und 1, die Wahrscheinlichkeit für „positiv“.
#
# Zur Sigmoid-Ausgabe passt der Verlust **binäre Kreuzentropie**
# (`binary_crossentropy`); als Optimierer nehmen wir `rmsprop`.
#
# ### Aufgabe: das Netz 16-16-1
#
# Baue das Modell `modell` mit der Eingabeform `(10_000,)` und kompiliere es
# mit `optimizer="rmsprop"`, `loss="binary_crossentropy"` und
# `metrics=["accuracy"]`.

# %%
### BEGIN SOLUTION modell
###> modell = ___  # keras.Sequential: Eingabe (anzahl_woerter,), Dense 16, Dense 16, Dense 1
###> # und dann kompilieren: modell.compile(...)
modell = keras.Sequential([
    keras.Input(shape=(anzahl_woerter,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
### END SOLUTION
aufgabe.modell.check(modell)

# %%
# aufgabe.modell.hint()
modell.summary()

# %% [markdown]
# Rechne die Parameter nach: Die erste Schicht hat $10\,000 \cdot 16 + 16 =
# 160\,016$ Gewichte und Biases, die zweite $16 \cdot 16 + 16 = 272$, die
# Ausgabeschicht $16 + 1 = 17$ – zusammen 160 305. Fast alles steckt in der
# ersten Schicht.
#
# ## Hold-out-Validierung
#
# Um zu sehen, wann das Netz anfängt, die Trainingsdaten auswendig zu lernen,
# legen wir einen Teil der Trainingsdaten beiseite: die **Validierungsdaten**.
# Das Netz lernt nie an ihnen; wir messen nach jeder Epoche, wie gut es auf
# ihnen ist. Die Testdaten bleiben bis ganz zum Schluss unberührt.

# %%
n_val = dlkurs.pick(quick=1_000, full=10_000)
x_val, y_val = x_train[:n_val], y_train[:n_val]
x_teil, y_teil = x_train[n_val:], y_train[n_val:]
print("Training:", len(x_teil), " Validierung:", len(x_val))

epochen = dlkurs.pick(quick=2, full=20)
verlauf = modell.fit(
    ArrayBatches(x_teil, y_teil, batch_size=512),
    epochs=epochen,
    validation_data=ArrayBatches(x_val, y_val, batch_size=512),
    verbose=2,
)

# %%
plot_history(verlauf, title="IMDB: 16-16-1 mit Hold-out-Validierung")
plt.show()

# %% [markdown]
# Schau dir beide Kurven genau an:
#
# - Der **Trainingsverlust** sinkt mit jeder Epoche, die
#   Trainingsgenauigkeit steigt – das Netz passt sich den Trainingsdaten immer
#   besser an.
# - Der **Validierungsverlust** sinkt nur am Anfang. Im vollen Lauf erreicht er
#   nach wenigen Epochen sein Minimum und steigt danach wieder: Ab da lernt das
#   Netz Eigenheiten der Trainingsdaten, die nicht verallgemeinern
#   (**Überanpassung**, *Overfitting*). Im Buch liegt das Minimum bei etwa
#   vier Epochen.
#
# (Im `quick`-Profil mit nur zwei Epochen und wenigen Daten ist davon noch
# nichts zu sehen.)
#
# ### Aufgabe: die beste Epoche ablesen
#
# Schreibe `beste_epoche(verlauf)`: Sie bekommt das Dictionary
# `verlauf.history` (Schlüssel wie `"loss"`, `"val_loss"`, …, je eine Liste
# mit einem Wert pro Epoche) und gibt die **Nummer der Epoche** zurück, in der
# der **Validierungsverlust** am kleinsten ist. Keras zählt die Epochen ab 1.

# %%
def beste_epoche(verlauf):
    ### BEGIN SOLUTION beste_epoche
    return int(np.argmin(verlauf["val_loss"])) + 1
    ### END SOLUTION


aufgabe.beste_epoche.check(beste_epoche)

# %%
# aufgabe.beste_epoche.hint()
beste = beste_epoche(verlauf.history)
print(f"Kleinster Validierungsverlust nach Epoche {beste}: {verlauf.history['val_loss'][beste - 1]:.4f}")
print(f"Validierungsgenauigkeit in dieser Epoche: {verlauf.history['val_accuracy'][beste - 1]:.4f}")

# %% [markdown]
# ## Neu trainieren und testen
#
# Jetzt wissen wir, wie lange das Training dauern sollte. Wir bauen dasselbe
# Netz mit frischen, zufälligen Gewichten (`keras.models.clone_model` kopiert
# nur den Aufbau, nicht die Gewichte) und trainieren es so viele Epochen lang
# auf **allen** Trainingsdaten, inklusive der Validierungsdaten. Erst dann
# kommen die Testdaten zum Einsatz – genau einmal.

# %%
keras.utils.set_random_seed(42)
finales_netz = keras.models.clone_model(modell)
finales_netz.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
finales_netz.fit(ArrayBatches(x_train, y_train, batch_size=512), epochs=beste, verbose=2)

x_test = multi_hot(test_data, anzahl_woerter, dtype="uint8")
y_test = test_labels.astype("float32")
test_verlust, test_genauigkeit = finales_netz.evaluate(ArrayBatches(x_test, y_test, batch_size=512), verbose=0)
print(f"Testgenauigkeit nach {beste} Epoche(n): {test_genauigkeit:.4f}")
dlkurs.report(test_accuracy=test_genauigkeit)

# %% [markdown]
# Im vollen Lauf landet dieses kleine Netz bei etwa 88 % Testgenauigkeit –
# so viel nennt auch das Buch. Raten wäre hier 50 %, denn beide Klassen sind
# gleich häufig. (Im `quick`-Profil mit 2 000 Kritiken liegt der Wert
# deutlich darunter.)
#
# ### Was sagt das Netz zu einzelnen Kritiken?
#
# `predict` liefert für jede Kritik die Wahrscheinlichkeit für „positiv“.

# %%
wahrscheinlichkeiten = finales_netz.predict(ArrayBatches(x_test, batch_size=512), verbose=0)[:, 0]
for i in range(5):
    print(f"p(positiv) = {wahrscheinlichkeiten[i]:.3f}   Label: {test_labels[i]}   "
          f"{dekodiere(test_data[i][1:16])} …")

# %%
plt.figure(figsize=(7, 3.5))
plt.hist(wahrscheinlichkeiten[test_labels == 1], bins=40, range=(0, 1), alpha=0.6, label="positive Kritiken")
plt.hist(wahrscheinlichkeiten[test_labels == 0], bins=40, range=(0, 1), alpha=0.6, label="negative Kritiken")
plt.axvline(0.5, color="black", lw=1)
plt.title("Vorhersagen auf den Testdaten")
plt.xlabel("vorhergesagte Wahrscheinlichkeit für „positiv“")
plt.ylabel("Anzahl Kritiken")
plt.legend()
plt.show()

# %% [markdown]
# Fehler sind die Balken auf der „falschen“ Seite der Linie bei 0,5: positive
# Kritiken links und negative rechts davon. Im vollen Lauf liegen die meisten
# Kritiken nahe 0 oder nahe 1 – da ist sich das Netz sicher. (Nach dem kurzen
# Training im `quick`-Profil drängen sich die Werte noch um 0,5.)

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Varianten im Vergleich
#
# Das Buch schlägt einige Änderungen vor: eine oder drei verdeckte Schichten,
# mehr Einheiten (32, 64), der Verlust `mse` statt `binary_crossentropy`,
# `tanh` statt `relu`. Damit du die Varianten nicht einzeln abtippen musst,
# baust du eine Funktion, die das Netz nach Wunsch erzeugt.
#
# ### Aufgabe: `baue_modell`
#
# Schreibe `baue_modell(schichten=2, einheiten=16, aktivierung="relu",
# verlust="binary_crossentropy")`. Sie gibt bei jedem Aufruf ein **neues**,
# kompiliertes Modell zurück:
#
# - Eingabeform `(10_000,)`,
# - `schichten` verdeckte Dense-Schichten mit je `einheiten` Einheiten und der
#   Aktivierung `aktivierung`,
# - die Ausgabeschicht bleibt immer `Dense(1, activation="sigmoid")`,
# - kompiliert mit `optimizer="rmsprop"`, `loss=verlust`, `metrics=["accuracy"]`.

# %% tags=["vertiefung"]
def baue_modell(schichten=2, einheiten=16, aktivierung="relu", verlust="binary_crossentropy"):
    ### BEGIN SOLUTION baue_modell
    ###> # Eingabe (anzahl_woerter,), dann `schichten` verdeckte Dense-Schichten,
    ###> # dann die Ausgabeschicht; kompilieren mit loss=verlust
    ###> return ___
    netz = keras.Sequential([keras.Input(shape=(anzahl_woerter,))])
    for _ in range(schichten):
        netz.add(layers.Dense(einheiten, activation=aktivierung))
    netz.add(layers.Dense(1, activation="sigmoid"))
    netz.compile(optimizer="rmsprop", loss=verlust, metrics=["accuracy"])
    return netz
    ### END SOLUTION


aufgabe.baue_modell.check(baue_modell)

# %% tags=["vertiefung"]
# aufgabe.baue_modell.hint()

# %% [markdown] tags=["vertiefung"]
# Jetzt trainieren wir jede Variante mit denselben Daten wie oben (Training
# und Validierung getrennt) und notieren die beste Validierungsgenauigkeit,
# die Epoche, in der sie erreicht wurde, und die Genauigkeit am Ende. Das
# dauert im vollen Lauf ein paar Minuten.

# %% tags=["vertiefung"]
varianten = {
    "Basis: 2 × 16, relu, Kreuzentropie": {},
    "1 verdeckte Schicht": {"schichten": 1},
    "3 verdeckte Schichten": {"schichten": 3},
    "32 Einheiten": {"einheiten": 32},
    "64 Einheiten": {"einheiten": 64},
    "Verlust mse": {"verlust": "mse"},
    "Aktivierung tanh": {"aktivierung": "tanh"},
}
epochen_varianten = dlkurs.pick(quick=1, full=10)

zeilen = []
for name, einstellungen in varianten.items():
    keras.utils.set_random_seed(42)
    netz = baue_modell(**einstellungen)
    h = netz.fit(ArrayBatches(x_teil, y_teil, batch_size=512), epochs=epochen_varianten,
                 validation_data=ArrayBatches(x_val, y_val, batch_size=512), verbose=0).history
    zeilen.append({
        "Variante": name,
        "Parameter": netz.count_params(),
        "beste Val.-Genauigkeit": max(h["val_accuracy"]),
        "in Epoche": int(np.argmax(h["val_accuracy"])) + 1,
        "Val.-Genauigkeit am Ende": h["val_accuracy"][-1],
    })

vergleich = pd.DataFrame(zeilen).set_index("Variante")
vergleich.round(4)

# %% [markdown] tags=["vertiefung"]
# Lies die Tabelle so:
#
# - **beste Val.-Genauigkeit**: Wie gut wird die Variante, wenn man
#   rechtzeitig aufhört? Vergleiche die Unterschiede mit der Größenordnung,
#   um die schon ein anderer Startwert (`set_random_seed`) die Zahlen
#   verschiebt – einige Zehntel Prozentpunkte. Was darunter liegt, ist keine
#   echte Rangfolge.
# - **in Epoche**: Alle Varianten erreichen ihr Bestes nach wenigen Epochen;
#   alles danach ist Überanpassung.
# - **am Ende**: Der Abstand zur besten Genauigkeit zeigt, wie viel die
#   Variante durch zu langes Training wieder verliert.
#
# Das Buch kommt zum selben Schluss: Für diese Aufgabe ist das kleine Netz mit
# binärer Kreuzentropie eine gute Wahl; mehr Kapazität bringt kaum etwas, nur
# schnellere Überanpassung. (Im `quick`-Profil ist die Tabelle nur ein
# Probelauf mit einer Epoche.)

# %% [markdown]
# ## Zusammenfassung
#
# - Text wird zu Wortnummern, die Wortnummern werden per **Multi-Hot** zu
#   Vektoren fester Länge. Speichere sie sparsam (`uint8`); gerechnet wird
#   in `float32`.
# - Binäre Klassifikation: **eine** Ausgabeeinheit mit **Sigmoid** und
#   **binäre Kreuzentropie** als Verlust.
# - Die Validierungskurven zeigen, ab wann das Netz überangepasst ist (Overfitting). Trainiere
#   dann mit der besten Epochenzahl auf allen Trainingsdaten neu und miss erst
#   danach auf den Testdaten.
#
# Weiter geht es mit **2.6 Reuters**: mehr als zwei Klassen.

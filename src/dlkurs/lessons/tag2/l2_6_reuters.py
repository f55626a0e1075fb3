# %% [markdown]
# # 2.6 Reuters: Nachrichten nach Themen
#
# In 2.4 gab es zwei Klassen. Jetzt sind es **46**: kurze Meldungen der
# Nachrichtenagentur Reuters aus dem Jahr 1986, jede genau einem Thema
# zugeordnet (Ölpreis, Zinsen, Getreide, Firmengewinne, …). Das ist eine
# **Mehrklassen-Klassifikation** mit genau einem Label pro Beispiel
# (*single-label, multiclass*).
#
# Neu gegenüber IMDB:
#
# 1. eine Ausgabeschicht mit 46 Einheiten und **Softmax**,
# 2. Labels als One-Hot-Vektoren oder als ganze Zahlen – und die dazu
#    passenden Verluste `categorical_crossentropy` und
#    `sparse_categorical_crossentropy`,
# 3. ein Vergleich mit dem **Zufall**,
# 4. ein Experiment zum **Informationsengpass**: Was passiert, wenn eine
#    Schicht zu schmal ist?

# %%

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs.data import load, reuters_word_index, substitutions
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history
from dlkurs.kit.text import decode, multi_hot

aufgabe = aufgaben("2.6")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Daten
#
# `load("reuters", num_words=10000)` liefert die Meldungen schon als
# Wortnummern – genau wie `keras.datasets.reuters.load_data`: dieselbe
# Kodierung wie bei IMDB (0, 1, 2 reserviert, Rang + 3), nur die 10 000
# häufigsten Wörter, 80 % Trainings- und 20 % Testdaten.
#
# Im echten Datensatz sind das 8 982 Trainings- und 2 246 Testmeldungen
# (Referenzwerte von Keras). Die Zelle zeigt, was tatsächlich geladen wurde.
#
# Fehlt der Datensatz auf deinem Rechner, meldet `load` das mit der Abhilfe:
# `dlkurs data download reuters` (mit Internet) oder das Daten-Paket deiner
# Kursleitung.

# %%
anzahl_woerter = 10_000
(train_data, train_labels), (test_data, test_labels) = load("reuters", num_words=anzahl_woerter)

if any(s["dataset"] == "reuters" for s in substitutions()):
    print("ACHTUNG: Das sind Probedaten der automatischen Tests, nicht der echte Reuters-Datensatz.\n"
          "Alle Zahlen und Diagramme dieser Lektion sind damit bedeutungslos – sie zeigen nur, dass der Code läuft.\n")

print("Trainingsmeldungen:", len(train_data), " Testmeldungen:", len(test_data))
print("Labels der ersten zehn Meldungen:", train_labels[:10])
print("Anzahl verschiedener Themen in den Trainingsdaten:", len(np.unique(train_labels)))

# %% [markdown]
# Die Labels sind ganze Zahlen von 0 bis 45. Wie bei IMDB kannst du eine
# Meldung mit dem Wortindex zurückübersetzen. Die Funktion `decode` aus dem
# Kurspaket macht dasselbe wie `dekodiere` in Lektion 2.4.

# %%
wortindex = reuters_word_index()
print("Wörter im Wortindex:", len(wortindex))
print(f"Thema {train_labels[0]}:", decode(train_data[0][:60], wortindex), "…")

# %% [markdown]
# Du liest hier den Anfang einer Wirtschaftsmeldung, klein geschrieben und
# ohne Satzzeichen; `<UNK>` steht für ein Wort, das nicht zu den 10 000
# häufigsten gehört.
#
# Wie verteilen sich die Meldungen auf die Themen?

# %%
haeufigkeit = np.bincount(train_labels, minlength=46)
plt.figure(figsize=(10, 3.5))
plt.bar(np.arange(46), haeufigkeit, color="tab:blue")
plt.title("Meldungen pro Thema (Trainingsdaten)")
plt.xlabel("Thema (Label)")
plt.ylabel("Anzahl Meldungen")
plt.xticks(np.arange(0, 46, 5))
plt.show()
print(f"Häufigstes Thema: {haeufigkeit.argmax()} mit {haeufigkeit.max()} von {len(train_labels)} Meldungen "
      f"({haeufigkeit.max() / len(train_labels):.1%})")

# %% [markdown]
# Im echten Datensatz sind die Themen sehr ungleich verteilt: Zwei Themen
# (3 und 4) machen zusammen mehr als die Hälfte der Meldungen aus, viele
# andere haben nur eine Handvoll. Ein Netz, das immer das häufigste Thema
# sagt, wäre deshalb schon deutlich besser als eins, das gleichmäßig rät.
#
# Im Profil `quick` arbeiten wir ab hier mit höchstens 2 000
# Trainingsmeldungen.

# %%
n_train = dlkurs.pick(quick=2_000, full=None)  # None: alle
train_data, train_labels = train_data[:n_train], train_labels[:n_train]
print("Training:", len(train_data), " Test:", len(test_data))

# %% [markdown]
# ## Eingaben: Multi-Hot wie bei IMDB
#
# Die Meldungen kodieren wir wie in 2.4 als Multi-Hot-Vektoren mit 10 000
# Einträgen, gespeichert als `uint8`. `multi_hot` aus dem Kurspaket ist die
# Funktion, die du in 2.4 geschrieben hast.
#
# Der echte Datensatz ist klein: 8 982 × 10 000 Byte ≈ 90 MB. Deshalb geben wir
# die Arrays hier direkt an `fit`; die Stapel von `ArrayBatches` aus 2.4
# brauchen wir nicht.

# %%
x_train = multi_hot(train_data, anzahl_woerter, dtype="uint8")
x_test = multi_hot(test_data, anzahl_woerter, dtype="uint8")
print("x_train:", x_train.shape, x_train.dtype, f"{x_train.nbytes / 1e6:.0f} MB")

# %% [markdown]
# ## Labels: One-Hot-Kodierung
#
# Für 46 Klassen gibt das Netz 46 Wahrscheinlichkeiten aus. Damit man den
# Verlust direkt ausrechnen kann, schreibt man das richtige Thema oft ebenfalls
# als Vektor mit 46 Einträgen: eine 1 beim richtigen Thema, sonst 0. Das ist
# die **One-Hot-Kodierung**, die du in 2.3 mit `one_hot` selbst geschrieben
# hast. Label 3 wird also zu `[0, 0, 0, 1, 0, …, 0]`. Keras hat dafür
# `keras.utils.to_categorical(labels, anzahl_klassen)`.

# %%
y_train = keras.utils.to_categorical(train_labels, 46)
y_test = keras.utils.to_categorical(test_labels, 46)
print("y_train:", y_train.shape, y_train.dtype, " Zeilensummen:", np.unique(y_train.sum(axis=1)))
print("Label der ersten Meldung:", train_labels[0], " – One-Hot:", y_train[0].astype(int))

# %% [markdown]
# ## Das Netz
#
# Der Aufbau ähnelt dem IMDB-Netz, mit zwei Unterschieden:
#
# - **46 Ausgaben mit Softmax.** Softmax macht aus 46 beliebigen Zahlen
#   $z_1, \dots, z_{46}$ eine Wahrscheinlichkeitsverteilung:
#   $p_k = e^{z_k} / \sum_j e^{z_j}$. Alle $p_k$ liegen zwischen 0 und 1 und
#   ergeben zusammen 1.
# - **64 statt 16 Einheiten.** Jede Schicht kann nur weitergeben, was in ihre
#   Breite passt. 16 Einheiten reichen, um „positiv oder negativ“ zu
#   entscheiden; für 46 Themen wären sie ein Engpass (dazu unten mehr).
#
# Der Verlust für One-Hot-Labels ist die **kategoriale Kreuzentropie**:
# $-\sum_k y_k \log p_k = -\log p_{\text{richtig}}$.
#
# ### Aufgabe: das Netz 64-64-46
#
# Baue `modell`: Eingabeform `(10_000,)`, zwei verdeckte Dense-Schichten mit 64
# Einheiten und ReLU, Ausgabeschicht mit 46 Einheiten und Softmax. Kompiliere
# mit `optimizer="rmsprop"`, dem Verlust für One-Hot-Labels,
# `loss="categorical_crossentropy"`, und `metrics=["accuracy"]` (die
# Genauigkeit lesen wir gleich aus dem Trainingsverlauf).

# %%
### BEGIN SOLUTION modell
###> modell = ___  # keras.Sequential: Eingabe (anzahl_woerter,), Dense 64, Dense 64, Dense 46
###> # und dann kompilieren: modell.compile(...)
modell = keras.Sequential([
    keras.Input(shape=(anzahl_woerter,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(46, activation="softmax"),
])
modell.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
### END SOLUTION
aufgabe.modell.check(modell)

# %%
# aufgabe.modell.hint()
modell.summary()

# %% [markdown]
# ## Training mit Validierung
#
# Wie im Buch legen wir 1 000 Trainingsmeldungen als Validierungsdaten
# beiseite (bei sehr kleinen Datensätzen höchstens ein Fünftel).

# %%
n_val = min(1_000, len(x_train) // 5)
x_val, y_val = x_train[:n_val], y_train[:n_val]
x_teil, y_teil = x_train[n_val:], y_train[n_val:]
print("Training:", len(x_teil), " Validierung:", len(x_val))

epochen = dlkurs.pick(quick=2, full=20)
verlauf = modell.fit(
    x_teil, y_teil,
    epochs=epochen, batch_size=512,
    validation_data=(x_val, y_val),
    verbose=2,
)

# %%
plot_history(verlauf, title="Reuters: 64-64-46 mit Hold-out-Validierung")
plt.show()

beste = int(np.argmin(verlauf.history["val_loss"])) + 1
print(f"Kleinster Validierungsverlust nach Epoche {beste}, "
      f"Validierungsgenauigkeit dort: {verlauf.history['val_accuracy'][beste - 1]:.4f}")

# %% [markdown]
# Das Bild kennst du aus 2.4: Der Trainingsverlust sinkt immer weiter, der
# Validierungsverlust hat ein Minimum und steigt dann wieder. Im Buch liegt es
# bei etwa neun Epochen. Die beste Epoche bestimmen wir wie in 2.4 mit
# `np.argmin` über `val_loss`.
#
# ## Ganze Zahlen statt One-Hot: `sparse_categorical_crossentropy`
#
# One-Hot-Labels brauchen 46 Zahlen pro Meldung, obwohl eine einzige reicht.
# Keras kann die Kreuzentropie auch direkt aus dem **ganzzahligen Label**
# berechnen: `sparse_categorical_crossentropy` liest das Label als Index der
# richtigen Klasse und nimmt $-\log p_{\text{Label}}$. Das ist **dieselbe
# Zahl** wie die kategoriale Kreuzentropie mit dem One-Hot-Vektor. Wir prüfen
# das an den Vorhersagen des Netzes für die Validierungsdaten:

# %%
p_val = modell.predict(x_val, verbose=0)
labels_val = train_labels[:n_val]

mit_one_hot = keras.ops.convert_to_numpy(keras.losses.categorical_crossentropy(y_val, p_val))
mit_ganzzahl = keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(labels_val, p_val))
von_hand = -np.log(p_val[np.arange(len(p_val)), labels_val])
print("kategorial (One-Hot):    ", np.round(mit_one_hot[:4], 4))
print("sparse (ganze Zahlen):   ", np.round(mit_ganzzahl[:4], 4))
print("-log p[richtiges Thema]: ", np.round(von_hand[:4], 4))
print(f"größte Abweichung zwischen kategorial und sparse: {np.max(np.abs(mit_one_hot - mit_ganzzahl)):.1e}")

# %% [markdown]
# Die Werte stimmen bis auf Rundungsfehler überein. Welchen Verlust du nimmst,
# hängt also nur davon ab, **in welcher Form deine Labels vorliegen**:
#
# | Labels | Form | Verlust |
# |---|---|---|
# | One-Hot-Vektoren | `(n, 46)` | `categorical_crossentropy` |
# | ganze Zahlen | `(n,)` | `sparse_categorical_crossentropy` |
#
# ### Aufgabe: der richtige Verlust
#
# Das Endmodell trainieren wir gleich mit den **ganzzahligen** Labels
# `train_labels`. Welchen Verlust musst du dann in `compile` angeben? Weise
# ihn der Variablen `verlust` zu – so, wie du ihn `compile(loss=...)` gibst:
# als Name (Text) oder als Verlust-Objekt aus `keras.losses`.

# %%
### BEGIN SOLUTION verlust
verlust = "sparse_categorical_crossentropy"
### END SOLUTION
aufgabe.verlust.check(verlust)

# %%
# aufgabe.verlust.hint()

# %% [markdown]
# ## Neu trainieren und testen
#
# Wir bauen das Netz neu (`clone_model`: gleicher Aufbau, frische Gewichte),
# kompilieren es mit deinem Verlust und trainieren es mit den ganzzahligen
# Labels auf allen Trainingsdaten – so viele Epochen, wie die Validierung
# empfohlen hat.

# %%
keras.utils.set_random_seed(42)
finales_netz = keras.models.clone_model(modell)
finales_netz.compile(optimizer="rmsprop", loss=verlust, metrics=["accuracy"])
finales_netz.fit(x_train, train_labels, epochs=beste, batch_size=512, verbose=2)

test_verlust, test_genauigkeit = finales_netz.evaluate(x_test, test_labels, verbose=0)
print(f"Testgenauigkeit nach {beste} Epoche(n): {test_genauigkeit:.4f}")
dlkurs.report(test_accuracy=test_genauigkeit)

# %% [markdown]
# Mit dem echten Datensatz und der Epochenzahl aus der Validierung erreicht
# dieses Netz im Buch etwa 78–80 % (Referenzwert; diese Lektion selbst misst
# nur den Wert oben).
#
# ### Wie gut wäre Raten?
#
# Ist das viel? Vergleiche mit einem „Modell“, das gar nichts gelernt hat: Wir
# mischen die Testlabels zufällig und zählen, wie oft ein gemischtes Label
# zufällig das richtige trifft. Außerdem: Wie oft träfe, wer immer das
# häufigste Thema der Trainingsdaten sagt?

# %%
rng = np.random.default_rng(42)
zufall = float(np.mean(rng.permutation(test_labels) == test_labels))
haeufigstes = float(np.mean(test_labels == np.bincount(train_labels).argmax()))
print(f"Zufällig gemischte Labels:   {zufall:.1%}")
print(f"Immer das häufigste Thema:   {haeufigstes:.1%}")
print(f"Unser Netz:                  {test_genauigkeit:.1%}")

# %% [markdown]
# Mit den echten Daten trifft das Mischen etwa 19 % (Referenzwert aus dem
# Buch) – wegen der ungleichen Verteilung deutlich mehr als 1/46 ≈ 2 %. Ein
# gut trainiertes Netz liegt weit darüber; erst dieser Abstand zeigt, dass es
# etwas gelernt hat.
#
# ### Vorhersagen
#
# `predict` liefert pro Meldung 46 Wahrscheinlichkeiten, die zusammen 1 ergeben.
# Das vorhergesagte Thema ist das mit der größten Wahrscheinlichkeit.

# %%
vorhersagen = finales_netz.predict(x_test, verbose=0)
print("Form:", vorhersagen.shape, " Summe der ersten Zeile:", round(float(vorhersagen[0].sum()), 4))
for i in range(5):
    thema = int(np.argmax(vorhersagen[i]))
    print(f"Meldung {i}: vorhergesagt Thema {thema:2d} (p = {vorhersagen[i, thema]:.2f}), richtig: {test_labels[i]}")

# %% [markdown]
# Manchmal liegt das richtige Thema knapp auf Platz 2 oder 3. Für eine
# Anwendung, die einem Menschen drei Themen vorschlägt, zählt deshalb die
# **Top-k-Genauigkeit**: der Anteil der Meldungen, deren richtiges Thema unter
# den k wahrscheinlichsten ist. Für k = 1 ist das die gewöhnliche Genauigkeit.
#
# ### Aufgabe: `top_k_genauigkeit`
#
# Schreibe `top_k_genauigkeit(wahrscheinlichkeiten, labels, k=3)`.
# `wahrscheinlichkeiten` hat die Form `(n, Klassen)` wie `vorhersagen`,
# `labels` sind die ganzzahligen Labels der Form `(n,)`. Die Funktion gibt den
# Anteil (eine Zahl zwischen 0 und 1) zurück, und zwar für jedes `k`, das man
# ihr gibt.

# %%
def top_k_genauigkeit(wahrscheinlichkeiten, labels, k=3):
    ### BEGIN SOLUTION top_k_genauigkeit
    ###> return ___
    beste_k = np.argsort(wahrscheinlichkeiten, axis=1)[:, -k:]
    return float(np.mean(np.any(beste_k == np.asarray(labels).reshape(-1, 1), axis=1)))
    ### END SOLUTION


aufgabe.top_k_genauigkeit.check(top_k_genauigkeit)

# %%
# aufgabe.top_k_genauigkeit.hint()
for k in (1, 3, 5):
    print(f"Top-{k}-Genauigkeit auf den Testdaten: {top_k_genauigkeit(vorhersagen, test_labels, k):.1%}")

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Der Informationsengpass
#
# Jede Schicht kann nur so viel Information weitergeben, wie in ihre Ausgabe
# passt. Was passiert, wenn die mittlere Schicht statt 64 nur **4** Einheiten
# hat – weniger als die 46 Klassen, zwischen denen das Netz unterscheiden
# soll? Wir trainieren dasselbe Netz mit einer Schicht `Dense(4)` in der Mitte,
# mit denselben Daten und gleich vielen Epochen wie oben.

# %% tags=["vertiefung"]
keras.utils.set_random_seed(42)
engpass_netz = keras.Sequential([
    keras.Input(shape=(anzahl_woerter,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(4, activation="relu"),
    layers.Dense(46, activation="softmax"),
])
engpass_netz.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
verlauf_engpass = engpass_netz.fit(
    x_teil, y_teil, epochs=epochen, batch_size=128, validation_data=(x_val, y_val), verbose=0
)

vergleich = pd.DataFrame({
    "mittlere Schicht": ["64 Einheiten", "4 Einheiten"],
    "beste Val.-Genauigkeit": [max(verlauf.history["val_accuracy"]), max(verlauf_engpass.history["val_accuracy"])],
    "in Epoche": [int(np.argmax(verlauf.history["val_accuracy"])) + 1,
                  int(np.argmax(verlauf_engpass.history["val_accuracy"])) + 1],
}).set_index("mittlere Schicht")
vergleich.round(4)

# %% tags=["vertiefung"]
x_achse = np.arange(1, epochen + 1)
plt.figure(figsize=(7, 3.5))
plt.plot(x_achse, verlauf.history["val_accuracy"], "o-", label="64 Einheiten in der Mitte")
plt.plot(x_achse, verlauf_engpass.history["val_accuracy"], "s--", label="4 Einheiten in der Mitte")
plt.title("Informationsengpass: Validierungsgenauigkeit")
plt.xlabel("Epoche")
plt.ylabel("Genauigkeit")
plt.xticks(x_achse)
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% [markdown] tags=["vertiefung"]
# Im Buch fällt die Validierungsgenauigkeit mit dem Engpass von etwa 80 % auf
# etwa 71 % (Referenzwerte). Im vollen Lauf mit den echten Daten solltest du
# hier einen ähnlich großen Abstand sehen. (Das Engpass-Netz trainiert wie im
# Buch mit Stapeln von 128 statt 512 Meldungen.)
#
# ### Denkfrage: Warum schadet der Engpass?
#
# Warum verliert das Netz so viel Genauigkeit, obwohl die erste Schicht
# unverändert 64 Einheiten hat? Und warum ist es nicht noch schlechter?

# %% [markdown] tags=["vertiefung"]
# <!-- BEGIN SOLUTION engpass -->
# Alles, was die Ausgabeschicht über eine Meldung erfährt, muss durch die
# 4 Zahlen der mittleren Schicht. Das Netz muss die Merkmale, mit denen es 46
# Themen unterscheiden soll, in einen 4-dimensionalen Raum pressen – dabei
# geht Information unwiderruflich verloren, egal wie gut die Schichten davor
# sind. Ganz schlecht wird es trotzdem nicht: Vier reelle Zahlen können
# einiges kodieren, und die häufigen Themen lassen sich auch so noch trennen.
# Leiden werden vor allem die seltenen, einander ähnlichen Themen. Faustregel:
# Verdeckte Schichten sollten nicht schmaler sein als die Zahl der Klassen.
# <!-- END SOLUTION -->

# %% tags=["vertiefung"]
# Deine Antwort notierst du oben; vergleiche sie dann mit der Musterlösung:
# aufgabe.engpass.solution()

# %% [markdown]
# ## Zusammenfassung
#
# - Bei $N$ Klassen mit genau einem Label pro Beispiel: Ausgabeschicht mit $N$
#   Einheiten und **Softmax**.
# - One-Hot-Labels → `categorical_crossentropy`, ganzzahlige Labels →
#   `sparse_categorical_crossentropy`. Beide rechnen dieselbe Kreuzentropie.
# - Vergleiche eine Genauigkeit immer mit einer einfachen Grundlinie (Raten,
#   häufigste Klasse).
# - Verdeckte Schichten dürfen nicht zu schmal sein: Ein **Engpass** verliert
#   Information, die später keine Schicht zurückholt.
#
# Weiter geht es mit **2.7 Hauspreise**: Regression statt Klassifikation.

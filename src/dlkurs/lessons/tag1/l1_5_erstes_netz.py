# %% [markdown]
# # 1.5 Erstes neuronales Netz
#
# Jetzt wird es ernst: Du trainierst dein erstes neuronales Netz. Es soll
# handgeschriebene Ziffern erkennen – die berühmten **MNIST**-Bilder: 70 000
# Graustufenbilder mit 28 × 28 Pixeln, jedes zeigt eine Ziffer von 0 bis 9.
#
# Am Ende dieser Lektion kannst du
#
# 1. Bilddaten laden und für ein Netz vorbereiten,
# 2. ein Netz aus zwei `Dense`-Schichten bauen und **kompilieren** (Optimierer,
#    Verlustfunktion, Metrik),
# 3. es mit `fit` trainieren und mit `evaluate` auf unbekannten Bildern prüfen,
# 4. seine Vorhersagen ansehen – auch die falschen,
# 5. erklären, was passiert, wenn man zu wenige Trainingsdaten hat.
#
# Das Netz ist das erste Beispiel aus *Deep Learning with Python* von François
# Chollet. Mit allen Trainingsbildern erkennt es rund 98 % der Testbilder
# richtig.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history, show_images

aufgabe = aufgaben("1.5")
keras.utils.set_random_seed(0)

# %% [markdown]
# ## Die Daten laden
#
# `load("mnist")` liefert – wie `keras.datasets.mnist.load_data()` – zwei Paare:
# Trainingsbilder mit ihren Labels und Testbilder mit ihren Labels. Das Netz
# lernt nur aus den Trainingsdaten. Die Testdaten heben wir auf, um am Ende
# ehrlich zu messen, wie gut es mit Bildern zurechtkommt, die es nie gesehen hat.

# %%
(train_bilder, train_labels), (test_bilder, test_labels) = load("mnist")

print("Trainingsbilder:", train_bilder.shape, train_bilder.dtype)
print("Testbilder:     ", test_bilder.shape, test_bilder.dtype)
print("Die ersten Labels:", train_labels[:10])

# %% [markdown]
# Ein Bild ist ein 28 × 28-Raster aus ganzen Zahlen von 0 (schwarz) bis 255
# (weiß). Die Labels sind die Ziffern selbst, als Zahlen von 0 bis 9. So sehen
# die ersten 16 Trainingsbilder aus; über jedem Bild steht sein Label:

# %%
show_images(train_bilder[:16], train_labels[:16])
plt.show()

# %% [markdown]
# ## Die Daten vorbereiten
#
# Unser Netz besteht aus `Dense`-Schichten. Eine `Dense`-Schicht erwartet pro
# Beispiel einen **Vektor**, kein Raster. Deshalb legen wir die 28 Zeilen jedes
# Bildes hintereinander: aus (28, 28) wird ein Vektor mit 28 · 28 = 784 Werten.
# Außerdem skalieren wir die Pixel von 0…255 auf 0…1 (als `float32`).
# Netze lernen mit kleinen Eingabewerten viel besser.

# %%
x_train = train_bilder.reshape((60000, 28 * 28)).astype("float32") / 255
x_test = test_bilder.reshape((10000, 28 * 28)).astype("float32") / 255

print("x_train:", x_train.shape, x_train.dtype, "Werte von", x_train.min(), "bis", x_train.max())

# %% [markdown]
# Ein Training über alle 60 000 Bilder und 5 Epochen dauert auf einem Laptop
# je nach Prozessor eine Viertel- bis eine ganze Minute. Im **Schnelldurchlauf** (Profil `quick`,
# z. B. beim Test aller Notebooks) nehmen wir nur einen Teil der Bilder und eine
# Epoche. Dann sind alle Ergebnisse unten schlechter als im Buch – das ist
# Absicht und kein Fehler. Du arbeitest im Profil `full`.

# %%
n_train = dlkurs.pick(quick=8000, full=60000)
epochs = dlkurs.pick(quick=1, full=5)
print(f"Profil {dlkurs.profile()!r}: {n_train} Trainingsbilder, {epochs} Epoche(n)")

# %% [markdown]
# ## Das Netz bauen
#
# Unser Netz ist ein Stapel aus zwei Schichten (`keras.Sequential`):
#
# - `Dense(512, activation="relu")`: 512 Neuronen. Jedes ist mit allen 784
#   Pixeln verbunden, bildet eine gewichtete Summe plus Bias und schickt das
#   Ergebnis durch die ReLU-Funktion $\max(0, z)$.
# - `Dense(10, activation="softmax")`: 10 Neuronen, eines pro Ziffer. Softmax
#   macht aus ihren Ausgaben **Wahrscheinlichkeiten**, die zusammen 1 ergeben.
#
# `keras.Input(shape=(784,))` sagt dem Modell, wie ein einzelnes Beispiel aussieht.

# %%
modell = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# %% [markdown]
# ## Aufgabe: Wie viele Parameter hat die erste Schicht?
#
# Die **Parameter** einer Schicht sind die Zahlen, die das Netz beim Training
# lernt: die Gewichte und die Biases. Rechne aus, wie viele die erste
# `Dense`-Schicht hat (784 Eingaben, 512 Neuronen), **bevor** du dir die
# Zusammenfassung des Modells ansiehst. Schreib die Rechnung als Python-Ausdruck
# in `parameter_erste_schicht`.

# %%
### BEGIN SOLUTION parameter_erste_schicht
parameter_erste_schicht = 784 * 512 + 512
### END SOLUTION
aufgabe.parameter_erste_schicht.check(parameter_erste_schicht)

# %%
# aufgabe.parameter_erste_schicht.hint()
# aufgabe.parameter_erste_schicht.solution()

# %% [markdown]
# Die Zusammenfassung zeigt deine Zahl in der Spalte *Param #*. Die zweite
# Schicht hat 512 · 10 + 10 = 5 130 Parameter, zusammen sind es 407 050 –
# Zahlen, die das Netz beim Training alle einstellen muss.

# %%
modell.summary()

# %% [markdown]
# ## Kompilieren: wie das Netz lernen soll
#
# Bevor das Netz trainieren kann, legst du mit `compile` drei Dinge fest:
#
# | Argument | Bedeutung | hier |
# |---|---|---|
# | `optimizer` | **wie** die Gewichte nach jedem Stapel verändert werden | `"rmsprop"`, eine Variante des Gradientenabstiegs |
# | `loss` | die **Verlustfunktion**: eine Zahl, die misst, wie falsch die Vorhersagen sind. Sie wird beim Training kleiner gemacht | `"sparse_categorical_crossentropy"` |
# | `metrics` | was wir Menschen sehen wollen, das Netz aber nicht direkt optimiert | `["accuracy"]`, der Anteil richtig erkannter Bilder |
#
# *Sparse* heißt: Die Labels sind einfache Zahlen (0 bis 9), keine
# One-Hot-Vektoren. Die Kreuzentropie ist klein, wenn das Netz der richtigen
# Ziffer eine hohe Wahrscheinlichkeit gibt.

# %%
modell.compile(
    optimizer="rmsprop",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

# %% [markdown]
# ## Trainieren
#
# `fit` zeigt dem Netz die Trainingsbilder in Stapeln (*Batches*) zu je 128
# Bildern. Nach jedem Stapel passt der Optimierer die Gewichte an. Ein
# Durchgang durch alle Bilder heißt **Epoche**. Pro Epoche siehst du eine
# Zeile mit Verlust und Genauigkeit auf den Trainingsdaten.

# %%
verlauf = modell.fit(x_train[:n_train], train_labels[:n_train], epochs=epochs, batch_size=128, verbose=2)

# %% [markdown]
# Der Verlust sinkt, die Genauigkeit steigt – das Netz lernt. Als Diagramm:

# %%
plot_history(verlauf)
plt.show()

# %% [markdown]
# ## Bewerten: Bilder, die das Netz nie gesehen hat
#
# Die Trainingsgenauigkeit sagt wenig: Das Netz hat genau diese Bilder gelernt.
# Entscheidend ist die Genauigkeit auf den **Testdaten**. `evaluate` liefert
# Verlust und Metrik.

# %%
test_verlust, test_genauigkeit = modell.evaluate(x_test, test_labels, verbose=0)
print(f"Testgenauigkeit: {test_genauigkeit:.4f} ({test_genauigkeit:.1%} der 10 000 Testbilder richtig)")
if dlkurs.profile() == "quick":
    print("Schnelldurchlauf: weniger Bilder und Epochen – mit allen Daten wären es rund 98 %.")
dlkurs.report(test_accuracy=test_genauigkeit)

# %% [markdown]
# Mit allen 60 000 Bildern und 5 Epochen liegt die Testgenauigkeit hier bei
# etwa 97,9 %, im Buch sind es 97,8 %. Das Ergebnis hängt vom Zufall ab: von den
# Startgewichten und der Reihenfolge der Stapel. Mit neun verschiedenen
# Startwerten des Zufallsgenerators (oben steht 0) kamen bei uns Werte zwischen
# 97,5 % und 98,1 % heraus. Die Trainingsgenauigkeit der letzten Epoche liegt dann
# etwas höher als die Testgenauigkeit: Bekannte Bilder erkennt das Netz besser
# als fremde. Diesen Abstand wirst du gleich in extremer Form sehen.

# %% [markdown]
# ## Vorhersagen ansehen
#
# `predict` gibt für jedes Bild 10 Wahrscheinlichkeiten zurück. Die
# vorhergesagte Ziffer ist die mit der größten Wahrscheinlichkeit (`argmax`).

# %%
wahrscheinlichkeiten = modell.predict(x_test, verbose=0)
vorhersagen = wahrscheinlichkeiten.argmax(axis=1)

print("Form der Vorhersage:", wahrscheinlichkeiten.shape)
print("Wahrscheinlichkeiten für das erste Testbild:", wahrscheinlichkeiten[0].round(3))
print("Vorhersage:", vorhersagen[0], "– richtig wäre:", test_labels[0])

# %% [markdown]
# Die ersten 16 Testbilder mit der Vorhersage des Netzes. **Grün** heißt
# richtig erkannt. **Rot** heißt falsch; dann steht zuerst die Vorhersage und
# in Klammern die richtige Ziffer.

# %%
show_images(test_bilder[:16], test_labels[:16], vorhersagen[:16])
plt.show()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: die Fehler des Netzes
#
# Spannender sind die Fehler. Wir suchen alle Testbilder, bei denen Vorhersage
# und Label nicht übereinstimmen, und zeigen die ersten 16:

# %% tags=["vertiefung"]
fehler = np.flatnonzero(vorhersagen != test_labels)
print(f"{len(fehler)} von {len(test_labels)} Testbildern sind falsch erkannt.")

show_images(test_bilder[fehler[:16]], test_labels[fehler[:16]], vorhersagen[fehler[:16]])
plt.show()

# %% [markdown] tags=["vertiefung"]
# Viele dieser Ziffern würde auch ein Mensch nur zögernd lesen. Andere sind
# klar, und das Netz irrt trotzdem. Es kennt keine Striche oder Bögen, nur
# Pixelmuster. Wie sicher war es sich beim ersten Fehler? Die Balken zeigen
# seine 10 Wahrscheinlichkeiten:

# %% tags=["vertiefung"]
i = fehler[0]
fig, (links, rechts) = plt.subplots(1, 2, figsize=(8, 3), gridspec_kw={"width_ratios": [1, 2]})
links.imshow(test_bilder[i], cmap="gray")
links.set_title(f"Label {test_labels[i]}, Vorhersage {vorhersagen[i]}")
links.axis("off")
farben = ["tab:green" if z == test_labels[i] else "tab:red" if z == vorhersagen[i] else "tab:gray" for z in range(10)]
rechts.bar(range(10), wahrscheinlichkeiten[i], color=farben)
rechts.set_xticks(range(10))
rechts.set_xlabel("Ziffer")
rechts.set_ylabel("Wahrscheinlichkeit")
rechts.set_title("Was das Netz glaubt (grün: richtig, rot: Vorhersage)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Aufgabe: nur 100 Trainingsbilder
#
# Wie wichtig ist die Menge der Trainingsdaten? Trainiere **dasselbe Netz neu**
# – diesmal nur mit den **ersten 100** Trainingsbildern (`x_train[:100]`,
# `train_labels[:100]`):
#
# 1. Baue ein neues Modell `modell_100` (gleiche Schichten wie oben: 512 Neuronen
#    mit ReLU, 10 mit Softmax) und kompiliere es wie oben (rmsprop,
#    `sparse_categorical_crossentropy`, Metrik `accuracy`). Das alte `modell`
#    kennt schon alle Bilder.
# 2. Trainiere es mit **einem** Aufruf von `fit` **30 Epochen** mit `batch_size=32`,
#    `verbose=0` und `validation_data=(x_val, y_val)`. Speichere die Rückgabe von
#    `fit` in `verlauf_100`.
#
# Die Prüfung bekommt beides, Modell und Verlauf: `.check((modell_100, verlauf_100))`.
#
# `x_val, y_val` sind Bilder vom Ende des Trainingssatzes, die unter den
# ersten 100 nicht vorkommen. Mit ihnen misst Keras nach jeder Epoche, wie gut
# das Netz mit fremden Bildern zurechtkommt (*Validierung*).

# %%
n_val = dlkurs.pick(quick=2000, full=10000)
x_val, y_val = x_train[-n_val:], train_labels[-n_val:]

# %%
### BEGIN SOLUTION modell_100
modell_100 = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
modell_100.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
verlauf_100 = modell_100.fit(x_train[:100], train_labels[:100], epochs=30, batch_size=32,
                             validation_data=(x_val, y_val), verbose=0)
### END SOLUTION
aufgabe.modell_100.check((modell_100, verlauf_100))

# %%
# aufgabe.modell_100.hint()
# aufgabe.modell_100.solution()

# %% [markdown]
# Vergleiche die beiden Kurven: **Training** (die 100 Bilder) und
# **Validierung** (fremde Bilder).

# %%
plot_history(verlauf_100, title="Nur 100 Trainingsbilder")
plt.show()

_, genauigkeit_100_train = modell_100.evaluate(x_train[:100], train_labels[:100], verbose=0)
_, genauigkeit_100_test = modell_100.evaluate(x_test, test_labels, verbose=0)
print(f"Genauigkeit auf den 100 Trainingsbildern: {genauigkeit_100_train:.1%}")
print(f"Genauigkeit auf den 10 000 Testbildern:   {genauigkeit_100_test:.1%}")
print(f"Zum Vergleich, das Netz von oben ({n_train} Bilder): {test_genauigkeit:.1%}")

# %% [markdown]
# ### Denkfrage
#
# Erkläre in zwei, drei Sätzen: Warum erreicht das Netz auf seinen 100
# Trainingsbildern fast 100 %, auf den Testbildern aber viel weniger? Was
# passiert mit dem Validierungsverlust in den späteren Epochen, und was würde
# helfen?
#
# <!-- BEGIN SOLUTION ueberanpassung -->
# Das Netz hat 407 050 Parameter, aber nur 100 Beispiele. Damit kann es sich die
# 100 Bilder einfach **merken**, jedes mit seinem Label, statt zu lernen, was
# eine Ziffer allgemein ausmacht. Deshalb erreicht es auf den Trainingsbildern
# 100 %. Auf fremden Bildern kommt es aber nur auf etwa 70 %: Es hat zu wenig
# verschiedene Handschriften gesehen. Das nennt man **Überanpassung**
# (*Overfitting*). Der Trainingsverlust sinkt immer weiter, der
# Validierungsverlust dagegen hört bald auf zu sinken und steigt sogar wieder:
# Das Netz wird auf den fremden Bildern immer „selbstsicherer falsch“. Am besten
# hilft **mehr Daten** (wie oben mit 60 000 Bildern). Außerdem helfen ein
# kleineres Netz, früheres Aufhören (*Early Stopping*) oder Regularisierung
# (Dropout, L2). Mehr dazu an Tag 2.
# <!-- END SOLUTION -->

# %%
aufgabe.ueberanpassung.check()
# aufgabe.ueberanpassung.solution()

# %% [markdown]
# ## Aufgabe: Fashion-MNIST
#
# **Fashion-MNIST** sieht aus wie MNIST – 70 000 Graustufenbilder mit 28 × 28
# Pixeln in 10 Klassen –, zeigt aber Kleidungsstücke statt Ziffern. Es ist
# deutlich schwerer: Ein Hemd und ein T-Shirt sehen sich ähnlicher als eine 1
# und eine 7. Die Labels 0 bis 9 stehen für diese Klassen:

# %%
(train_bilder_mode, train_labels_mode), (test_bilder_mode, test_labels_mode) = load("fashion_mnist")
klassen = ["T-Shirt/Top", "Hose", "Pullover", "Kleid", "Mantel",
           "Sandale", "Hemd", "Sneaker", "Tasche", "Stiefelette"]

show_images(train_bilder_mode[:16], train_labels_mode[:16], class_names=klassen)
plt.show()

# %% [markdown]
# Trainiere **dasselbe Netz** auf Fashion-MNIST:
#
# 1. Bereite die Bilder genauso vor wie oben und nenne sie `x_train_mode` und
#    `x_test_mode`.
# 2. Baue und kompiliere ein neues Modell `modell_fashion` (784 → 512 mit ReLU
#    → 10 mit Softmax; Verlust `sparse_categorical_crossentropy`, Metrik
#    `accuracy` – die Zelle danach liest sie mit `evaluate`).
# 3. Trainiere es, am einfachsten mit denselben Einstellungen wie oben: die
#    ersten `n_train` Bilder, `epochs` Epochen, `batch_size=128`.
#
# Die Prüfung misst die Genauigkeit deines trainierten Modells auf den
# 10 000 Testbildern. Im vollen Profil muss sie mindestens 84 % betragen.

# %%
### BEGIN SOLUTION modell_fashion
x_train_mode = train_bilder_mode.reshape((60000, 28 * 28)).astype("float32") / 255
x_test_mode = test_bilder_mode.reshape((10000, 28 * 28)).astype("float32") / 255

modell_fashion = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
modell_fashion.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
modell_fashion.fit(x_train_mode[:n_train], train_labels_mode[:n_train], epochs=epochs, batch_size=128, verbose=2)
### END SOLUTION
aufgabe.modell_fashion.check(modell_fashion)

# %%
# aufgabe.modell_fashion.hint()
# aufgabe.modell_fashion.solution()

# %%
_, fashion_genauigkeit = modell_fashion.evaluate(x_test_mode, test_labels_mode, verbose=0)
print(f"Fashion-MNIST, Testgenauigkeit: {fashion_genauigkeit:.1%}  (MNIST: {test_genauigkeit:.1%})")
dlkurs.report(fashion_test_accuracy=fashion_genauigkeit)

vorhersagen_mode = modell_fashion.predict(x_test_mode, verbose=0).argmax(axis=1)
show_images(test_bilder_mode[:16], test_labels_mode[:16], vorhersagen_mode[:16], class_names=klassen)
plt.show()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: welche Klassen verwechselt das Netz?
#
# Welche Klassen verwechselt das Netz am häufigsten? Wir zählen über alle
# 10 000 Testbilder jedes Paar aus richtiger Klasse und Vorhersage:

# %% tags=["vertiefung"]
paare, anzahl = np.unique(
    np.stack([test_labels_mode, vorhersagen_mode])[:, vorhersagen_mode != test_labels_mode],
    axis=1, return_counts=True,
)
for k in np.argsort(anzahl)[::-1][:6]:
    richtig, vorhergesagt = paare[:, k]
    print(f"{anzahl[k]:4d}-mal {klassen[richtig]:<12} für {klassen[vorhergesagt]} gehalten")

# %% [markdown] tags=["vertiefung"]
# Mit allen Bildern und 5 Epochen erkennt dasselbe Netz etwa 87 % der
# Kleidungsstücke, gut zehn Prozentpunkte weniger als bei den Ziffern. Die
# Liste zeigt, wo die Fehler herkommen: Das Netz verwechselt vor allem Klassen,
# die auch für uns ähnlich aussehen, nämlich die Oberteile Mantel, Pullover,
# Hemd und T-Shirt/Top untereinander. Ein Netz, das Bilder als Bilder versteht statt als lange Vektoren, macht es
# besser: das **Convnet** an Tag 3.

# %% [markdown]
# ## Zusammenfassung
#
# - Bilder für ein Dense-Netz: flach machen (`reshape` auf 784) und auf 0…1
#   skalieren (`astype("float32") / 255`).
# - `keras.Sequential([...])` stapelt Schichten. `Dense(512, "relu")` lernt
#   Merkmale, `Dense(10, "softmax")` gibt Wahrscheinlichkeiten für 10 Klassen.
# - `compile(optimizer, loss, metrics)`: wie gelernt wird, was minimiert wird,
#   was wir beobachten.
# - `fit` trainiert in Epochen und Stapeln. `evaluate` misst auf Testdaten, die
#   das Netz nie gesehen hat. `predict` + `argmax` liefert die Vorhersagen.
# - Mit zu wenigen Daten lernt das Netz die Trainingsbilder auswendig
#   (**Überanpassung**): fast 100 % im Training, viel weniger auf neuen Bildern.
#
# Weiter geht es mit **1.6 Neuronale Netze**: Was passiert eigentlich in einem
# einzelnen Neuron?

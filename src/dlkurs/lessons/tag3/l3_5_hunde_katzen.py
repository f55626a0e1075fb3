# %% [markdown]
# # 3.5 Kleine Datensätze: Hunde und Katzen
#
# Bisher waren unsere Bilder klein, grau und sauber zentriert. Jetzt kommen
# **echte Fotos**: Hunde und Katzen, in allen Größen, Farben und Posen, mal
# das ganze Tier, mal nur ein Kopf. Und es sind **wenige**: 2 000 Fotos zum
# Trainieren, 1 000 zum Validieren, 1 000 zum Testen. Das ist die typische
# Lage in echten Projekten – und genau dort lernt ein Convnet schnell
# auswendig.
#
# Am Ende dieser Lektion kannst du
#
# 1. einen Ordner mit JPEG-Fotos prüfen und mit
#    `keras.utils.image_dataset_from_directory` als Datenstrom laden,
# 2. ein Convnet für Farbfotos von Grund auf bauen und trainieren,
# 3. an Trainings- und Validierungskurven die Überanpassung erkennen,
# 4. sie mit Augmentierung und Dropout bremsen und den Gewinn auf den
#    Testfotos messen,
# 5. ein Modell als `.keras`-Datei speichern (Lektion 3.8 lädt es wieder).
#
# **Backend:** Diese Lektion verwendet TensorFlow, denn
# `image_dataset_from_directory` liefert ein `tf.data`-Dataset.

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from matplotlib.ticker import MaxNLocator

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import show_images
from dlkurs.kit.augmentation import show_augmented
from dlkurs.kit.image_folders import photo_dataset, verify_images
from dlkurs.settings import workspace_dir

aufgabe = aufgaben("3.5")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Fotos
#
# `load("cats_vs_dogs_small")` liefert keinen Array, sondern einen **Ordner**.
# Darin liegt je Teil (`train`, `validation`, `test`) ein Unterordner je
# Klasse – genau der Aufbau, den Keras erwartet:
#
# ```
# cats_and_dogs_small/train/cats/cat.0.jpg
# cats_and_dogs_small/train/dogs/dog.0.jpg
# …
# ```
#
# Bevor wir trainieren, öffnen wir jedes Foto einmal: Wie viele sind es, wie
# groß sind sie, und lässt sich jede Datei lesen? Eine kaputte Datei würde
# sonst das Training mitten in einer Epoche abbrechen; `verify_images`
# nennt sie vorher beim Namen.

# %%
ordner = load("cats_vs_dogs_small")
bericht = verify_images(ordner)
print(bericht)

# %% [markdown]
# Die Fotos sind alle verschieden groß. Ein Convnet braucht aber Stapel
# gleich großer Bilder: Wir bringen jedes Foto beim Laden auf **80 × 80
# Pixel**.
#
# ## Laden als Datenstrom
#
# `keras.utils.image_dataset_from_directory(ordner, image_size=(80, 80))`
# liest die Unterordner als Klassen (alphabetisch: `cats` = 0, `dogs` = 1),
# dekodiert die JPEGs, skaliert sie und liefert Stapel `(bilder, labels)` –
# als `tf.data`-Dataset. Die Fotos werden dabei **nicht** alle auf einmal
# in den Speicher geladen, sondern Stapel für Stapel. `photo_dataset` aus dem
# Kurs-Werkzeugkasten ruft diese Funktion auf und hängt zwei Dinge an:
# `.cache()` behält die schon verkleinerten Bilder nach der ersten Epoche im
# Speicher (2 000 Fotos mit 80 × 80 Pixeln sind als float32 150 MB; in voller
# Größe wären es einige GB), und `.shuffle()` mischt in jeder Epoche neu.
# Geprüft haben wir die Fotos gerade schon (`check=False`).

# %%
groesse = (80, 80)
n_train = dlkurs.pick(quick=192, full=None)  # Probelauf: wenige Fotos; None: alle
n_pruef = dlkurs.pick(quick=96, full=None)
train = photo_dataset(ordner / "train", groesse, shuffle=True, check=False, max_images=n_train)
val = photo_dataset(ordner / "validation", groesse, shuffle=True, check=False, max_images=n_pruef)
test = photo_dataset(ordner / "test", groesse, shuffle=True, check=False, max_images=n_pruef)
KLASSEN = ["Katze", "Hund"]
print("Klassen (Ordner):", train.class_names)

# 16 Fotos zum Ansehen, aus einem eigenen kleinen Datenstrom ohne Cache
bilder, labels = next(iter(photo_dataset(ordner / "train", groesse, batch_size=16, shuffle=True,
                                         check=False, cache=False, max_images=16)))
print("ein Stapel:", bilder.shape, bilder.dtype, " Labels:", labels.shape,
      f" Werte {float(np.min(bilder)):.0f} bis {float(np.max(bilder)):.0f}")

# %% [markdown]
# Die Pixel kommen als float32 von 0 bis 255; das Netz teilt sie gleich in
# seiner ersten Schicht (`Rescaling`) durch 255. Ein Blick auf 16 Trainingsfotos:

# %%
show_images(np.asarray(bilder).astype("uint8"), labels=np.asarray(labels[:, 0]).astype(int),
            class_names=KLASSEN, columns=8, size=1.5)
plt.show()

# %% [markdown]
# Auch mit 80 × 80 Pixeln erkennst du die Tiere meist sofort. Das Buch
# (Chollet, *Deep Learning with Python*) nimmt 150 × 150 Pixel; dazu
# unten mehr.
#
# ## Aufgabe 1: Ein Convnet von Grund auf
#
# Schreibe `baue_convnet()`, das ein kompiliertes Modell zurückgibt:
#
# - Eingabe `keras.Input(shape=(80, 80, 3))`, dann `layers.Rescaling(1 / 255)`,
# - vier Blöcke aus `Conv2D(filter, 3, activation="relu")` und
#   `MaxPooling2D()` mit 32, 64, 128 und 128 Filtern,
# - `Flatten()`, `Dense(256, activation="relu")` und eine Ausgabe
#   `Dense(1, activation="sigmoid")`: die Wahrscheinlichkeit für „Hund“,
# - `compile` mit `optimizer=keras.optimizers.RMSprop(5e-4)`,
#   `loss="binary_crossentropy"` und `metrics=["accuracy"]`.

# %%
def baue_convnet():
    ### BEGIN SOLUTION convnet
    ###> modell = keras.Sequential([keras.Input(shape=(80, 80, 3)), ___])
    ###> modell.compile(___)
    modell = keras.Sequential([
        keras.Input(shape=(80, 80, 3)),
        layers.Rescaling(1 / 255),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(256, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer=keras.optimizers.RMSprop(5e-4), loss="binary_crossentropy", metrics=["accuracy"])
    ### END SOLUTION
    return modell


aufgabe.convnet.check(baue_convnet())

# %%
# aufgabe.convnet.hint()
# aufgabe.convnet.solution()

# %% [markdown]
# Rechne die Formen nach: 80 → 78 (Faltung) → 39 (Pooling) → 37 → 18 → 16 →
# 8 → 6 → 3. Flatten macht aus 3 × 3 × 128 einen Vektor mit 1 152 Zahlen.
#
# ## Training ohne Augmentierung
#
# Wir trainieren und merken uns die Validierungsgenauigkeit jeder Epoche.

# %%
epochen = dlkurs.pick(quick=1, full=20)

keras.utils.set_random_seed(42)
modell = baue_convnet()
start = time.time()
verlauf = modell.fit(train, validation_data=val, epochs=epochen, verbose=0,
                    shuffle=False)  # gemischt wird schon im Datenstrom (photo_dataset(shuffle=True))
dauer_ohne = time.time() - start
acc_ohne = modell.evaluate(test, verbose=0, return_dict=True)["accuracy"]
print(f"{epochen} Epochen in {dauer_ohne:.0f} s ({dauer_ohne / epochen:.1f} s je Epoche); "
      f"Testgenauigkeit {acc_ohne:.3f}")
dlkurs.report(test_accuracy_ohne=acc_ohne)

# %%
def kurven(verlauf, titel):
    h = verlauf.history
    epoche = np.arange(1, len(h["accuracy"]) + 1)
    fig, achsen = plt.subplots(1, 2, figsize=(12, 3.8))
    for ax, schluessel, name in [(achsen[0], "accuracy", "Genauigkeit"), (achsen[1], "loss", "Verlust")]:
        ax.plot(epoche, h[schluessel], "o-", markersize=3, label="Training")
        ax.plot(epoche, h["val_" + schluessel], "s--", markersize=3, label="Validierung")
        ax.set(title=f"{name} – {titel}", xlabel="Epoche")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
        ax.legend()
    plt.show()


kurven(verlauf, "ohne Augmentierung")

# %% [markdown]
# So sieht Überanpassung aus (im vollen Profil, nach 20 Epochen): Die
# Trainingsgenauigkeit klettert gegen 1, die Validierungsgenauigkeit bleibt
# nach etwa acht Epochen bei gut 0,7 stehen, und der Validierungsverlust
# *steigt* wieder, während der Trainingsverlust weiter fällt. Mit 2 000
# Fotos hat das Netz mehr als genug Gewichte, um jedes Trainingsfoto
# auswendig zu lernen.
#
# Wir speichern dieses Modell für Lektion 3.8 („Was ein Convnet sieht“) in
# deinem Arbeitsordner:

# %%
modell_datei = workspace_dir() / "modelle" / "hunde_katzen.keras"
modell_datei.parent.mkdir(parents=True, exist_ok=True)
modell.save(modell_datei)
print("gespeichert:", modell_datei.name, f"({modell_datei.stat().st_size / 1e6:.1f} MB)")

# %% [markdown]
# ## Aufgabe 2: Augmentierung für Tierfotos
#
# Gegen Überanpassung hilft Augmentierung (Lektion 3.6). Aber welche? Sie
# darf das Label nicht ändern und soll Fotos erzeugen, wie sie wirklich
# vorkommen. Baue `foto_augmentierung`: ein `keras.Sequential` aus
# Zufallsschichten mit
#
# - einer **waagerechten** Spiegelung (`RandomFlip("horizontal")`) – eine
#   Katze, die nach rechts schaut, ist auch eine Katze,
# - mindestens einer weiteren Zufallsschicht (Drehung, Zoom, Verschiebung,
#   Kontrast …),
# - keiner Spiegelung auf den Kopf, Drehungen um höchstens ±45° (Faktor
#   0,125), Zoom höchstens 0,3, Verschiebung höchstens 0,2,
# - und die Bildgröße bleibt 80 × 80.

# %%
### BEGIN SOLUTION foto_augmentierung
foto_augmentierung = keras.Sequential([
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.1),
    layers.RandomZoom(0.2),
], name="augmentierung")
### END SOLUTION
aufgabe.foto_augmentierung.check(foto_augmentierung)

# %%
# aufgabe.foto_augmentierung.hint()
# aufgabe.foto_augmentierung.solution()

# %%
show_augmented(np.asarray(bilder[0]) / 255, foto_augmentierung, n=15,
               label=KLASSEN[int(labels[0, 0])], title="Ein Foto und 15 augmentierte Varianten")
plt.show()

# %% [markdown]
# Jede Variante ist ein plausibles Foto desselben Tiers. Eine Katze auf dem
# Kopf dagegen kommt in keinem Testfoto vor: Das Netz würde Kapazität an
# Bilder verschwenden, die es nie zu sehen bekommt.
#
# ## Training mit Augmentierung und Dropout
#
# Das zweite Netz ist dasselbe, mit zwei Zusätzen: deine `foto_augmentierung`
# als erste Stufe im Modell und `Dropout(0.5)` vor der Dense-Schicht (Lektion 2.8).
# Weil das Netz jedes Foto in jeder Epoche anders sieht, lernt es langsamer –
# wir geben ihm doppelt so viele Epochen.

# %%
def baue_augmentiertes_convnet(augmentierung):
    modell = keras.Sequential([
        keras.Input(shape=(80, 80, 3)),
        augmentierung,
        layers.Rescaling(1 / 255),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(256, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer=keras.optimizers.RMSprop(5e-4), loss="binary_crossentropy", metrics=["accuracy"])
    return modell


keras.utils.set_random_seed(42)
modell_aug = baue_augmentiertes_convnet(foto_augmentierung)
epochen_aug = dlkurs.pick(quick=1, full=2 * epochen)
start = time.time()
verlauf_aug = modell_aug.fit(train, validation_data=val, epochs=epochen_aug, verbose=0, shuffle=False)
dauer_mit = time.time() - start
acc_mit = modell_aug.evaluate(test, verbose=0, return_dict=True)["accuracy"]
print(f"{epochen_aug} Epochen in {dauer_mit:.0f} s; Testgenauigkeit {acc_mit:.3f} (ohne Augmentierung {acc_ohne:.3f})")
dlkurs.report(test_accuracy_mit=acc_mit)

# %%
kurven(verlauf_aug, "mit Augmentierung und Dropout")

# %% [markdown]
# Jetzt liegen Trainings- und Validierungskurve lange beieinander, und der
# Validierungsverlust steigt nicht mehr davon. (Dass die Validierungskurve
# von Epoche zu Epoche zappelt, liegt an den nur 1 000 Validierungsfotos.) Auf den Testfotos gewinnt das
# augmentierte Netz in unseren Messungen (volles Profil) einige
# Prozentpunkte. (Im Schnelldurchlauf sind beide Netze nach einer Epoche
# noch beim Raten; die Zahlen sind dort nur ein Probelauf.)
#
# ## Was das Buch anders macht
#
# Das Buch nimmt 150 × 150 Pixel, trainiert 30 Epochen ohne und 100 Epochen
# mit Augmentierung und kommt auf etwa 72 % bzw. 82 %. Auf einer Laptop-CPU
# ist das zu langsam für eine Lektion: Ein Foto mit 150 × 150 Pixeln hat
# 3,5-mal so viele Pixel wie eines mit 80 × 80, und jede Faltungsschicht
# rechnet entsprechend länger. Miss es selbst:

# %%
def sekunden_je_stapel(seite, wiederholungen=dlkurs.pick(quick=1, full=5)):
    netz = keras.Sequential([keras.Input(shape=(seite, seite, 3)), layers.Rescaling(1 / 255),
                             *[s for f in (32, 64, 128, 128)
                               for s in (layers.Conv2D(f, 3, activation="relu"), layers.MaxPooling2D())],
                             layers.Flatten(), layers.Dense(256, activation="relu"),
                             layers.Dense(1, activation="sigmoid")])
    netz.compile(optimizer="rmsprop", loss="binary_crossentropy")
    x = np.random.default_rng(0).uniform(0, 255, (32, seite, seite, 3)).astype("float32")
    y = np.zeros((32, 1), "float32")
    netz.train_on_batch(x, y)  # das erste Mal baut TensorFlow den Graphen
    start = time.time()
    for _ in range(wiederholungen):
        netz.train_on_batch(x, y)
    return (time.time() - start) / wiederholungen


t80, t150 = sekunden_je_stapel(80), sekunden_je_stapel(150)
print(f"ein Trainingsschritt (32 Fotos): 80 × 80 {t80 * 1000:.0f} ms, 150 × 150 {t150 * 1000:.0f} ms "
      f"– {t150 / t80:.1f}-mal so lange")
print(f"eine Epoche mit 2 000 Fotos: etwa {t80 * 63:.0f} s statt {t150 * 63:.0f} s")

# %% [markdown]
# In unseren Messungen dauerte ein Schritt mit 150 × 150 Pixeln etwa viermal
# so lange, eine Epoche mit Validierung also gut eine halbe Minute statt
# acht Sekunden. Hochgerechnet auf die 130 Epochen des Buchs wäre das über
# eine Stunde Training – zu lang für eine Lektion. Mit 80 × 80 Pixeln verlieren wir ein paar
# Prozentpunkte, behalten aber das Wesentliche: Überanpassung ohne,
# deutlich weniger mit Augmentierung.
#
# Das Buch lud die Fotos außerdem mit `ImageDataGenerator(...).flow_from_directory`
# und trainierte mit `fit_generator`. Beides gibt es in Keras 3 nicht mehr:
# An ihre Stelle treten `image_dataset_from_directory` (ein `tf.data`-Datenstrom)
# und Zufallsschichten im Modell.
#
# ## Zusammenfassung
#
# - Ein Ordner mit einem Unterordner je Klasse wird mit
#   `keras.utils.image_dataset_from_directory` zu einem Datenstrom aus
#   Stapeln `(bilder, labels)`; `image_size` bringt alle Fotos auf eine
#   Größe. Prüfe die Dateien vorher (`verify_images`).
# - Ein kleines Convnet (Faltung + Pooling, dann Flatten, Dense, Sigmoid)
#   lernt aus 2 000 Fotos etwa 70 % bis 75 % Testgenauigkeit – und lernt die
#   Trainingsfotos dabei auswendig.
# - Augmentierung (waagerecht spiegeln, wenig drehen und zoomen) und Dropout
#   bremsen die Überanpassung und bringen einige Prozentpunkte.
# - `modell.save("….keras")` speichert Architektur, Gewichte und
#   Optimizer-Zustand in einer Datei; `keras.models.load_model` lädt sie.
# - Speicher: Der Datenstrom hält nur die verkleinerten Fotos (etwa 0,3 GB
#   für Training, Validierung und Test, nie alle 4 000 Fotos in voller
#   Größe); der Kernel brauchte in unseren Messungen höchstens etwa 1,7 GB.

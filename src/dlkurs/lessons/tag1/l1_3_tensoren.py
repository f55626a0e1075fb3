# %% [markdown]
# # 1.3 Tensoren
#
# Alles, was ein neuronales Netz verarbeitet – Bilder, Texte, Messreihen,
# Videos –, liegt im Speicher als **Tensor** vor: als Feld von Zahlen mit
# beliebig vielen Achsen. In dieser Lektion lernst du, wie Daten als Tensoren
# aussehen:
#
# - die drei Merkmale jedes Tensors: **Rang**, **Form** und **dtype**,
# - typische Formen echter Daten: ein MNIST-Bild, ein Stapel davon, Farbbilder,
#   Videos, Zeitreihen und Text,
# - **Slicing**: Ausschnitte aus Tensoren herausschneiden.
#
# Was man mit Tensoren *rechnet*, folgt in **1.4 Tensor-Operationen**.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import ops

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import show_images
from dlkurs.kit.tensors import describe, show_grids

aufgabe = aufgaben("1.3")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die drei Merkmale eines Tensors
#
# Jeder Tensor – ein NumPy-Array genauso wie ein Keras-Tensor – hat
#
# | Merkmal | in NumPy/Keras | Bedeutung |
# |---|---|---|
# | **Rang** | `x.ndim` | Anzahl der **Achsen** |
# | **Form** | `x.shape` | Tupel mit der Länge jeder Achse |
# | **dtype** | `x.dtype` | Zahlentyp aller Einträge, z. B. `uint8` oder `float32` |
#
# Vorsicht mit den Wörtern: *Rang* meint hier nur die Anzahl der Achsen – nicht
# den Rang einer Matrix aus der linearen Algebra. Und „Dimension“ wird für
# beides benutzt: Ein Vektor mit 28 Einträgen ist ein *28-dimensionaler Vektor*,
# aber ein Tensor vom Rang 1 (mit einer Achse).
#
# Als Beispiel dienen die **MNIST**-Ziffern: 70 000 handgeschriebene Ziffern
# als Graustufenbilder mit 28 × 28 Pixeln.

# %%
(x_train, y_train), (x_test, y_test) = load("mnist")

print(describe(x_train, "x_train"))
print(describe(y_train, "y_train"))
print(describe(x_test, "x_test"))

# %% [markdown]
# `describe` (aus `dlkurs.kit.tensors`) fasst Rang, Form, dtype und Speicherbedarf
# in einer Zeile zusammen. Dasselbe liefern die Attribute direkt:

# %%
print("Rang: ", x_train.ndim)
print("Form: ", x_train.shape)
print("dtype:", x_train.dtype)

# %% [markdown]
# Lies die Form von links nach rechts: **60 000 Bilder** mit je **28 Zeilen**
# und **28 Spalten**. Die Labels `y_train` sind ein Tensor vom Rang 1: eine
# Ziffer (0 bis 9) pro Bild.
#
# ## Rang 0: Skalare
#
# Ein einzelnes Label ist ein **Skalar**: ein Tensor ohne Achsen. Seine Form
# ist das leere Tupel `()`.

# %%
label = y_train[0]
print("Label des ersten Bildes:", label)
print("Rang:", label.ndim, "  Form:", label.shape, "  dtype:", label.dtype)

skalar = ops.convert_to_tensor(3.5)
print(describe(skalar, "Keras-Skalar"))

# %% [markdown]
# ## Rang 1: Vektoren
#
# Eine Pixelzeile eines Bildes ist ein **Vektor**: 28 Helligkeitswerte von 0
# (schwarz) bis 255 (weiß). Auch die ersten zehn Labels bilden einen Vektor.

# %%
zeile = x_train[0][14]
print(describe(zeile, "Zeile 14 des ersten Bildes"))
print(zeile)
print("Die ersten zehn Labels:", y_train[:10])

# %% [markdown]
# ## Rang 2: Matrizen – ein Bild, eine Tabelle
#
# Ein einzelnes MNIST-Bild ist eine **Matrix** mit der Form (Zeilen, Spalten).
# Links siehst du das Bild, rechts die Zahlen eines kleinen Ausschnitts daraus –
# genau diese Zahlen „sieht“ ein Netz.

# %%
bild = x_train[0]
print(describe(bild, "bild"))

fig, ax = plt.subplots(figsize=(4, 4))
ax.imshow(bild, cmap="gray")
ax.add_patch(plt.Rectangle((11.5, 4.5), 8, 8, fill=False, edgecolor="red", lw=2))
ax.set_title(f"Das erste Trainingsbild: eine {y_train[0]}")
ax.set_xlabel("Spalte (Achse 1)")
ax.set_ylabel("Zeile (Achse 0)")
plt.show()

show_grids({"bild[5:13, 12:20]": bild[5:13, 12:20]}, size=0.55, cmap="gray")
plt.show()

# %% [markdown]
# Der rote Rahmen markiert den Ausschnitt rechts: die Zeilen 5 bis 12 und die
# Spalten 12 bis 19. Helle Pixel haben große Werte (bis 255), der schwarze
# Hintergrund ist 0. Achte auf die Achsen: **Achse 0** zählt die Zeilen von
# oben nach unten, **Achse 1** die Spalten von links nach rechts.
#
# Auch jede **Tabelle** ist eine Matrix mit der Form (Beispiele, Merkmale): Die
# Iris-Daten beschreiben 150 Blüten durch je vier Messwerte.

# %%
iris = load("iris")
merkmale = iris.drop(columns="target").to_numpy()
print(describe(merkmale, "Iris-Merkmale"))
print(merkmale[:3])

# %% [markdown]
# Ein Dense-Netz (ab Lektion 1.5) erwartet genau so eine Tabelle. Dafür legt
# man die 28 Zeilen eines Bildes hintereinander: Aus (60 000, 28, 28) wird
# (60 000, 784) – jedes Pixel ist dann ein Merkmal.

# %%
flach = x_train.reshape(60000, 28 * 28)
print(describe(flach, "flach"))

# %% [markdown]
# ## Rang 3: ein Stapel Bilder
#
# `x_train` selbst hat drei Achsen: (Bilder, Zeilen, Spalten). Die erste Achse
# heißt **Stapelachse** (batch axis oder samples axis): Entlang dieser Achse
# liegen die einzelnen Beispiele. Fast alle Daten im Deep Learning haben vorne
# diese Achse.

# %%
show_images(x_train[:16], labels=y_train[:16], columns=8)
plt.show()

# %% [markdown]
# Ein Netz lernt nicht auf allen 60 000 Bildern auf einmal, sondern auf kleinen
# **Mini-Batches**, z. B. zu je 128 Bildern. Einen Batch schneidest du entlang der
# Stapelachse heraus:

# %%
batch_groesse = 128
batch_0 = x_train[:batch_groesse]
batch_3 = x_train[3 * batch_groesse : 4 * batch_groesse]
print(describe(batch_0, "Batch 0"))
print(describe(batch_3, "Batch 3"))
print("Batches pro Epoche:", int(np.ceil(len(x_train) / batch_groesse)))

# %% [markdown]
# Zwei Kennzahlen halten wir fest: die Zahl der Trainingsbilder und die mittlere
# Helligkeit aller Pixel (33,3 von 255 – die meisten Pixel sind schwarzer
# Hintergrund).

# %%
anzahl_bilder = x_train.shape[0]
mittlere_helligkeit = float(x_train.mean())
print(f"{anzahl_bilder} Trainingsbilder, mittlere Helligkeit {mittlere_helligkeit:.3f}")
dlkurs.report(mnist_train_images=anzahl_bilder, mnist_pixel_mean=mittlere_helligkeit)

# %% [markdown]
# ## Rang 4: Farbbilder
#
# Ein Farbbild hat pro Pixel **drei Werte**: Rot, Grün und Blau – die
# **Farbkanäle**. Ein Farbbild ist deshalb ein Tensor vom Rang 3 mit der Form
# (Höhe, Breite, Kanäle), ein Stapel davon hat den Rang 4:
# (Bilder, Höhe, Breite, Kanäle).
#
# Wir laden acht Fotos aus dem Datensatz „Katzen und Hunde“ (Tag 3) und bringen
# sie auf 150 × 150 Pixel.

# %%
ordner = load("cats_vs_dogs_small") / "train"
pfade = [ordner / "cats" / f"cat.{i}.jpg" for i in range(4)]
pfade += [ordner / "dogs" / f"dog.{i}.jpg" for i in range(4)]
fotos = np.stack([np.asarray(keras.utils.load_img(p, target_size=(150, 150))) for p in pfade])
print(describe(fotos, "fotos"))
show_images(fotos, labels=[0, 0, 0, 0, 1, 1, 1, 1], class_names=["Katze", "Hund"], columns=8, size=1.8)
plt.show()

# %% [markdown]
# Die drei Kanäle eines Fotos kannst du einzeln ansehen: `foto[:, :, 0]` ist
# der Rotkanal, eine Matrix (150, 150). Helle Stellen bedeuten „viel von dieser
# Farbe“.

# %%
foto = fotos[0]
fig, axes = plt.subplots(1, 4, figsize=(12, 3.2))
axes[0].imshow(foto)
axes[0].set_title(f"foto {foto.shape}")
for k, (name, farbe) in enumerate([("Rot", "Reds"), ("Grün", "Greens"), ("Blau", "Blues")]):
    axes[k + 1].imshow(foto[:, :, k], cmap=farbe)
    axes[k + 1].set_title(f"foto[:, :, {k}] – {name}")
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# Wo die Kanalachse steht, ist eine Konvention: Keras legt sie ans **Ende**
# (`channels_last`), andere Bibliotheken wie PyTorch nach vorne
# (`channels_first`: Bilder, Kanäle, Höhe, Breite).

# %%
print("Keras-Konvention:", keras.config.image_data_format())

# %% [markdown]
# Auch Graustufenbilder bekommen für Faltungsnetze (Tag 3) eine Kanalachse –
# mit nur einem Kanal. `np.newaxis` (oder `None`) fügt eine Achse der Länge 1 ein:

# %%
mit_kanal = x_train[..., np.newaxis]
print(describe(mit_kanal, "x_train[..., np.newaxis]"))

# %% [markdown]
# ## Aufgabe: die Form eines Farbbild-Stapels
#
# Ein Datensatz enthält kleine Farbbilder mit 32 × 32 Pixeln (so wie CIFAR-10
# an Tag 2). Welche **Form** hat ein Batch von **128** solchen Bildern, so wie
# Keras ihn erwartet? Schreibe die Form als Tupel in `form_farbbilder`.

# %%
### BEGIN SOLUTION form_farbbilder
form_farbbilder = (128, 32, 32, 3)
### END SOLUTION
aufgabe.form_farbbilder.check(form_farbbilder)

# %%
# aufgabe.form_farbbilder.hint()
# aufgabe.form_farbbilder.solution()

# %% [markdown]
# Merke dir die Reihenfolge: **Stapelachse zuerst, Kanäle zuletzt**. Die
# meisten Formfehler in Keras-Programmen entstehen genau hier.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Videos, Zeitreihen und Text
#
# ### Rang 5: Videos
#
# Ein Video ist eine Folge von Bildern: (Einzelbilder, Höhe, Breite, Kanäle).
# Ein Stapel von Videos hat damit **fünf** Achsen.
#
# Wir bauen aus MNIST vier kleine Videos: In jedem wandert eine Ziffer in zehn
# Einzelbildern von links nach rechts über eine 28 × 56 Pixel große Fläche.
# Die Kanalachse hat die Länge 1 (Graustufen).

# %% tags=["vertiefung"]
anzahl_videos, einzelbilder = 4, 10
videos = np.zeros((anzahl_videos, einzelbilder, 28, 56, 1), dtype=np.uint8)
for v in range(anzahl_videos):
    for f in range(einzelbilder):
        links = 3 * f  # die Ziffer rückt pro Einzelbild 3 Pixel nach rechts
        videos[v, f, :, links : links + 28, 0] = x_train[v]

print(describe(videos, "videos"))
print(describe(videos[0], "ein Video"))
show_images(videos[0], labels=range(1, einzelbilder + 1), columns=5, size=2.0)
plt.show()

# %% [markdown] tags=["vertiefung"]
# Die Abbildung zeigt die zehn Einzelbilder von `videos[0]` (Form
# (10, 28, 56, 1)), nummeriert von links oben nach rechts unten: Die Ziffer
# wandert nach rechts. `videos[0, 3]` ist das vierte Einzelbild.
#
# Echte Videos sind riesig. Zehn Sekunden Full-HD mit 25 Bildern pro Sekunde:

# %% tags=["vertiefung"]
form_video = (250, 1080, 1920, 3)  # 10 s × 25 Bilder/s, 1080 × 1920 Pixel, RGB
werte = int(np.prod(form_video, dtype=np.int64))
print(f"Ein Video der Form {form_video}: {werte:_} Werte".replace("_", " "))
print(f"  als uint8   (1 Byte pro Wert):  {werte / 1e9:.2f} GB")
print(f"  als float32 (4 Byte pro Wert):  {4 * werte / 1e9:.2f} GB")
print(f"Ein Batch von 8 Videos (8, 250, 1080, 1920, 3) in float32: {8 * 4 * werte / 1e9:.0f} GB")

# %% [markdown] tags=["vertiefung"]
# Deshalb verkleinert man Videos fürs Training stark (wenige Bilder pro
# Sekunde, kleine Auflösung) und lädt sie Batch für Batch.
#
# ### Zeitreihen: (Beispiele, Zeitschritte, Merkmale)
#
# Messreihen haben eine **Zeitachse**. Eine Wetterstation misst z. B. alle zehn
# Minuten Temperatur, Luftfeuchte und Luftdruck: 144 Zeitschritte pro Tag mit je
# drei Merkmalen. Viele Tage ergeben einen Tensor vom Rang 3.
#
# Die folgenden Werte sind **ausgedacht** (Sinuskurven plus Zufall) – echte
# Wetterdaten aus Jena verwendest du an Tag 4.

# %% tags=["vertiefung"]
rng = np.random.default_rng(0)
tage, schritte = 32, 144
stunde = np.arange(schritte) / 6  # Uhrzeit jedes Zeitschritts in Stunden: 0, 0.17, …, 23.83
tageskurve = np.sin(2 * np.pi * (stunde - 9) / 24)  # tiefster Wert um 3 Uhr, höchster um 15 Uhr
temperatur = 12 + 6 * tageskurve + rng.normal(0, 0.4, (tage, schritte))
feuchte = 70 - 15 * tageskurve + rng.normal(0, 2, (tage, schritte))
druck = 1013 + np.cumsum(rng.normal(0, 0.1, (tage, schritte)), axis=1)
wetter = np.stack([temperatur, feuchte, druck], axis=-1).astype(np.float32)
print(describe(wetter, "wetter"))

# %% tags=["vertiefung"]
fig, axes = plt.subplots(1, 3, figsize=(13, 3))
for k, (name, einheit) in enumerate([("Temperatur", "°C"), ("Luftfeuchte", "%"), ("Luftdruck", "hPa")]):
    axes[k].plot(stunde, wetter[0, :, k])
    axes[k].set_title(f"wetter[0, :, {k}] – {name}")
    axes[k].set_xlabel("Uhrzeit (Stunden)")
    axes[k].set_ylabel(einheit)
fig.suptitle("Tag 1 der ausgedachten Wetterreihe: ein Beispiel mit der Form (144, 3)")
fig.tight_layout()
plt.show()

# %% [markdown] tags=["vertiefung"]
# `wetter[0]` ist ein Tag (144 Zeitschritte × 3 Merkmale), `wetter[:, :, 0]`
# sind die Temperaturen aller Tage (32 × 144).
#
# ### Text als Folgen von Zahlen
#
# Netze rechnen nur mit Zahlen. Text wird deshalb in eine **Folge von Nummern**
# übersetzt: Jedes Zeichen (oder jedes Wort) bekommt eine Nummer aus einem
# Vokabular. Wir nehmen die ersten vier Verse aus Goethes *Faust*.

# %% tags=["vertiefung"]
faust = load("faust").read_text(encoding="utf-8").splitlines()
verse = faust[7:11]
for vers in verse:
    print(vers)

# %% tags=["vertiefung"]
zeichen = sorted(set("".join(verse)))
nummer = {z: i + 1 for i, z in enumerate(zeichen)}  # 0 bleibt frei zum Auffüllen
laenge = max(len(vers) for vers in verse)

folgen = np.zeros((len(verse), laenge), dtype=np.int32)
for i, vers in enumerate(verse):
    folgen[i, : len(vers)] = [nummer[z] for z in vers]

print("Vokabular:", len(zeichen), "Zeichen:", "".join(zeichen))
print(describe(folgen, "folgen"))
print("Vers 1 als Nummern:", folgen[0, :12], "…")

# %% [markdown] tags=["vertiefung"]
# Die Verse sind unterschiedlich lang; kürzere werden hinten mit 0 aufgefüllt
# (**Padding**), damit alle in eine Matrix (Verse, Zeichen) passen.
#
# Viele Netze bekommen statt der Nummer einen **One-Hot-Vektor**: Er ist so lang
# wie das Vokabular und hat an der Stelle des Zeichens eine 1, sonst Nullen.
# Aus der Matrix wird ein Tensor vom Rang 3: (Verse, Zeichen, Vokabular).
# Hier rechnet `keras.ops.one_hot` – mit einem Keras-Tensor als Ergebnis.

# %% tags=["vertiefung"]
one_hot = ops.one_hot(folgen, len(zeichen) + 1)
print(describe(one_hot, "one_hot"))

n = 24
fig, ax = plt.subplots(figsize=(11, 4.5))
ax.imshow(ops.convert_to_numpy(one_hot[0, :n]).T, cmap="Greys", aspect="auto")
ax.set_xticks(range(n), list(verse[0][:n]))
ax.set_yticks(range(len(zeichen) + 1), ["·"] + [z if z != " " else "␣" for z in zeichen], fontsize=7)
ax.set_xlabel("Zeichen des ersten Verses (Zeitachse)")
ax.set_ylabel("Vokabular")
ax.set_title("One-Hot-Kodierung: eine schwarze Zelle pro Zeichen")
plt.show()

# %% [markdown] tags=["vertiefung"]
# Jede Spalte der Abbildung ist ein One-Hot-Vektor: genau eine schwarze Zelle,
# in der Zeile des Zeichens. Die Zeile „·“ steht für das Auffüllzeichen 0,
# „␣“ für das Leerzeichen.

# %% [markdown]
# ## dtype: welche Zahlen stehen im Tensor?
#
# Alle Einträge eines Tensors haben denselben Zahlentyp. Die wichtigsten:
#
# | dtype | Werte | Byte pro Wert | typisch für |
# |---|---|---|---|
# | `uint8` | ganze Zahlen 0 … 255 | 1 | Pixel von Bildern |
# | `int32`, `int64` | ganze Zahlen | 4, 8 | Labels, Wortnummern |
# | `float32` | Kommazahlen, ~7 Stellen genau | 4 | alles, womit ein Netz rechnet |
# | `float64` | Kommazahlen, ~16 Stellen genau | 8 | NumPys Standard, im Deep Learning selten |
#
# `uint8` spart Speicher, hat aber eine Falle: Ergebnisse außerhalb von 0 … 255
# **laufen über**, ohne Fehlermeldung.

# %%
pixel = np.array([100, 200, 250], dtype=np.uint8)
print("pixel       =", pixel)
print("pixel + 100 =", pixel + 100, " ← 200 + 100 ergibt 44, denn 300 − 256 = 44")
print("Bereich von uint8:", np.iinfo(np.uint8).min, "bis", np.iinfo(np.uint8).max)

# %% [markdown]
# Deshalb wandelt man Bilder vor dem Training in Kommazahlen um und teilt durch
# 255, damit die Werte zwischen 0 und 1 liegen. Achte dabei auf den dtype:
# NumPy rechnet `uint8 / 255` in `float64` – doppelt so viel Speicher wie nötig.

# %%
print(describe(batch_0, "batch_0"))
print(describe(batch_0 / 255, "batch_0 / 255"))
print(describe(batch_0.astype("float32") / 255, 'batch_0.astype("float32") / 255'))
print(f"Alle 60 000 Trainingsbilder: uint8 {x_train.size / 1e6:.0f} MB, "
      f"float32 {4 * x_train.size / 1e6:.0f} MB, float64 {8 * x_train.size / 1e6:.0f} MB")

# %% [markdown]
# Keras-Tensoren haben dieselben dtypes. Keras' Standardtyp für Kommazahlen ist
# `float32` (`keras.config.floatx()`); `keras.ops.cast` wandelt um.

# %%
t = ops.convert_to_tensor(batch_0)
print(describe(t, "Keras-Tensor"))
print(describe(ops.cast(t, "float32") / 255, 'ops.cast(t, "float32") / 255'))
print("keras.config.floatx():", keras.config.floatx())

# %% [markdown]
# ## Aufgabe: Bilder für ein Netz vorbereiten
#
# Eben hast du gesehen, wie Bilder auf Werte von 0 bis 1 kommen. Manche Netze
# erwarten die Pixel aber **zwischen −1 und 1**, mit 0 in der Mitte. Schreibe eine
# Funktion `normalisieren(bilder)`, die einen Stapel von `uint8`-Bildern
# (Werte 0 … 255) als **`float32`** mit Werten von **−1 bis 1** zurückgibt:
# 0 → −1.0, 255 → 1.0, und alles dazwischen gleichmäßig verteilt. Das
# Ergebnis ist ein NumPy-Array derselben Form; die Eingabe darf nicht
# verändert werden.

# %%
def normalisieren(bilder):
    ### BEGIN SOLUTION normalisieren
    return bilder.astype("float32") / 127.5 - 1
    ### END SOLUTION


aufgabe.normalisieren.check(normalisieren)

# %%
# aufgabe.normalisieren.hint()
# aufgabe.normalisieren.solution()
# print(describe(normalisieren(batch_0), "normalisieren(batch_0)"))  # dein Ergebnis ansehen

# %% [markdown]
# Geprüft wird mit mehreren Stapeln, auch einem leeren, einem ganz weißen und
# Pixeln um die Mitte (127 und 128). Wenn die Prüfung „dtype float64 statt
# float32“ meldet: Wandle zuerst um und rechne dann. Vorsicht auch mit
# `bilder - 128` *vor* dem Umwandeln: In `uint8` läuft das über (0 − 128
# ergibt 128). Mit der letzten Zeile der Zelle darüber (ohne `#`) siehst du
# dein Ergebnis für `batch_0`: Rang und Form bleiben, der dtype wird `float32`.

# %% [markdown]
#
# ## Slicing: Ausschnitte herausschneiden
#
# Mit `start:stop:schritt` wählst du entlang jeder Achse einen Bereich aus –
# getrennt durch Kommas, eine Angabe pro Achse:
#
# - `a:b` nimmt die Indizes a bis b − 1 (das Ende gehört nicht dazu),
# - fehlende Angaben heißen „vom Anfang“ bzw. „bis zum Ende“: `:` ist die ganze Achse,
# - `::2` nimmt jeden zweiten Eintrag,
# - negative Indizes zählen vom Ende: `-14:` sind die letzten 14.

# %%
ausschnitte = {
    "bild": bild,
    "bild[3:25, 3:25]": bild[3:25, 3:25],
    "bild[::2, ::2]": bild[::2, ::2],
    "bild[-14:, -14:]": bild[-14:, -14:],
}
fig, axes = plt.subplots(1, 4, figsize=(13, 3.4))
for ax, (titel, teil) in zip(axes, ausschnitte.items()):
    ax.imshow(teil, cmap="gray")
    ax.set_title(f"{titel}\nForm {teil.shape}")
plt.show()

# %% [markdown]
# Alle vier Bilder werden gleich groß gezeichnet – an den Achsen siehst du, wie
# viele Pixel sie wirklich haben:
#
# - `bild[3:25, 3:25]` schneidet den Rand weg; die Ziffer bleibt ganz (22 × 22).
# - `bild[::2, ::2]` behält jedes zweite Pixel in beiden Richtungen: die ganze
#   Ziffer in halber Auflösung (14 × 14) – sie wirkt etwas gröber.
# - `bild[-14:, -14:]` ist das Viertel unten rechts.
#
# Dasselbe geht mit ganzen Stapeln. Eine Angabe pro Achse – die erste betrifft
# die Bilder, die anderen die Pixel:

# %%
print(describe(x_train[10:100], "x_train[10:100]"))
print(describe(x_train[:, 3:25, 3:25], "x_train[:, 3:25, 3:25]"))
print(describe(x_train[0, 14], "x_train[0, 14]"))
print(describe(x_train[:, 14, :], "x_train[:, 14, :]"))

# %% [markdown]
# Statt Bereichen kannst du auch eine **Maske** aus Wahrheitswerten angeben:
# `x_train[y_train == 7]` wählt alle Bilder, deren Label 7 ist.

# %%
siebenen = x_train[y_train == 7]
print(describe(siebenen, "siebenen"))
show_images(siebenen[:8], labels=y_train[y_train == 7][:8], columns=8)
plt.show()
dlkurs.report(mnist_sevens=len(siebenen))

# %% [markdown]
# Keras-Tensoren lassen sich genauso schneiden:

# %%
t = ops.convert_to_tensor(x_train[:100])
print("Form des Keras-Tensors:        ", tuple(t.shape))
print("Form von t[:, 3:25, 3:25]:     ", tuple(t[:, 3:25, 3:25].shape))
print("Gleiche Werte wie in NumPy?    ",
      np.array_equal(ops.convert_to_numpy(t[:, 3:25, 3:25]), x_train[:100, 3:25, 3:25]))

# %% [markdown]
# ### Vorsicht: Ausschnitte teilen sich den Speicher
#
# Ein Ausschnitt mit `:` ist in NumPy eine **Ansicht** (view) auf dieselben
# Daten, keine Kopie. Wer in den Ausschnitt schreibt, ändert das Original!

# %%
kopie = x_train[0].copy()  # eine echte Kopie, damit x_train unverändert bleibt
obere_haelfte = kopie[:14]
obere_haelfte[:] = 255  # wir färben die obere Hälfte weiß …

print("Teilen sich Speicher:", np.shares_memory(kopie, obere_haelfte))
print("kopie[0, 0] ist jetzt", kopie[0, 0], "– das Original der Ansicht hat sich mitverändert")
print("x_train[0, 0, 0] ist", x_train[0, 0, 0], "– unverändert, weil wir vorher kopiert haben")

# %% [markdown]
# Wenn du einen Ausschnitt verändern willst, nimm `.copy()`. Masken wie
# `x_train[y_train == 7]` liefern übrigens immer eine Kopie.
#
# ## Aufgabe: die Bildmitte
#
# Schreibe eine Funktion `mitte(bilder)`, die aus einem Stapel von MNIST-Bildern
# der Form (n, 28, 28) von **jedem** Bild die **mittleren 14 × 14 Pixel**
# ausschneidet. Das Ergebnis hat die Form (n, 14, 14). Links und rechts, oben
# und unten bleibt also gleich viel Rand weg.

# %%
def mitte(bilder):
    ### BEGIN SOLUTION mitte
    return bilder[:, 7:21, 7:21]
    ### END SOLUTION


aufgabe.mitte.check(mitte)

# %%
# aufgabe.mitte.hint()
# aufgabe.mitte.solution()
# show_images(mitte(x_train[:8]), labels=y_train[:8], columns=8); plt.show()  # deine Ausschnitte ansehen

# %% [markdown]
# Entferne in der letzten Zeile der Zelle darüber das `#`, um deine Ausschnitte
# zu sehen: die Mitte der ersten acht Ziffern, vergrößert – der Rand ist weg,
# die Striche reichen bis an den Bildrand.

# %% [markdown]
#
# ## Zusammenfassung
#
# | Daten | Form | Rang |
# |---|---|---|
# | ein Label, ein Messwert | `()` | 0 |
# | ein Merkmalsvektor, eine Pixelzeile | `(Merkmale,)` | 1 |
# | eine Tabelle | `(Beispiele, Merkmale)` | 2 |
# | Zeitreihen, Text als One-Hot-Folgen | `(Beispiele, Zeitschritte, Merkmale)` | 3 |
# | Graustufenbilder | `(Beispiele, Höhe, Breite)` bzw. `(…, 1)` | 3 bzw. 4 |
# | Farbbilder | `(Beispiele, Höhe, Breite, Kanäle)` | 4 |
# | Videos | `(Beispiele, Einzelbilder, Höhe, Breite, Kanäle)` | 5 |
#
# - Ein Tensor hat einen **Rang** (`ndim`), eine **Form** (`shape`) und einen
#   **dtype**. Die erste Achse ist fast immer die **Stapelachse**.
# - Keras legt die Farbkanäle ans Ende (`channels_last`).
# - `uint8` läuft über; Netze rechnen in `float32` mit kleinen Werten, etwa zwischen 0 und 1 oder −1 und 1.
# - Slicing wählt pro Achse `start:stop:schritt`; Ausschnitte sind Ansichten
#   auf dieselben Daten.
#
# Weiter geht es mit **1.4 Tensor-Operationen**: Was ein Netz mit diesen
# Tensoren rechnet.

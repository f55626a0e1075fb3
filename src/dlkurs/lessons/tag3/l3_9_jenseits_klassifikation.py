# %% [markdown]
# # 3.9 Jenseits von Klassifikation
#
# Bisher hat jedes Convnet zu einem ganzen Bild *eine* Antwort gegeben: „Das
# ist eine 7“, „das ist eine Katze“. Convnets können mehr. Sie können
#
# - jedem **Pixel** eine Klasse geben (**semantische Segmentierung**: Wo genau
#   ist die Straße, wo der Fußgänger, wo der Tumor?),
# - sagen, **wo** im Bild etwas liegt (**Lokalisierung**: ein Rahmen, eine
#   „Bounding Box“, um das Objekt),
# - und, rückwärts benutzt, Bilder **verändern** (DeepDream).
#
# Am Ende dieser Lektion kannst du
#
# 1. Szenen aus mehreren Ziffern bauen und verstehen, wie Masken und Rahmen
#    als Trainingsziel aussehen,
# 2. die **IoU** (Intersection over Union) für Rahmen und Masken selbst
#    rechnen, auch in den Randfällen,
# 3. ein kleines **U-Net** (Encoder–Decoder mit Abkürzungen) trainieren, das
#    jedem Pixel eine Ziffer zuordnet, und es mit der mittleren IoU bewerten,
# 4. ein Netz mit **zwei Köpfen** bauen, das eine Ziffer erkennt *und* ihren
#    Rahmen vorhersagt,
# 5. mit DeepDream sehen, was ein Convnet „gern sieht“, und einordnen, was
#    Objekterkennung (YOLO), CLIP und Diffusionsmodelle darüber hinaus tun.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

import dlkurs
from dlkurs.data import load, status
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.dream import conv_layer_names, deep_dream, layer_features
from dlkurs.kit.scenes import box_iou, class_iou, compose_scenes, mean_iou, show_scenes
from dlkurs.settings import workspace_dir

aufgabe = aufgaben("3.9")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Szenen aus Ziffern
#
# Für Segmentierung braucht man Bilder, in denen jedes Pixel beschriftet ist –
# solche Datensätze (Cityscapes, COCO) sind groß und kaum auf einem Laptop zu
# trainieren. Wir bauen uns deshalb selbst welche: `compose_scenes` setzt ein
# bis drei MNIST-Ziffern, auf 14 × 14 Pixel verkleinert, an zufällige Stellen
# einer leeren 48 × 48-Leinwand, ohne dass sich ihre Rahmen überlappen. Dazu
# liefert es
#
# - die **Maske**: für jedes Pixel 0 (Hintergrund) oder 1 + die Ziffer, die es
#   bedeckt – also 11 Klassen,
# - die **Rahmen** jeder Ziffer als `(y0, x0, y1, x1)` in Pixeln, das Ende
#   ausschließlich wie bei einem Slice: `bild[y0:y1, x0:x1]` ist genau die
#   Ziffer.
#
# Die Trainingsszenen bestehen aus Trainingsziffern, die Testszenen aus
# Testziffern: Das Netz sieht beim Testen keine Handschrift, die es kennt.

# %%
(bilder, labels), (test_bilder, test_labels) = load("mnist")
n_train = dlkurs.pick(quick=2000, full=8000)
n_test = dlkurs.pick(quick=300, full=1000)
train = compose_scenes(bilder, labels, n=n_train, size=48, digits=(1, 3), seed=1)
test = compose_scenes(test_bilder, test_labels, n=n_test, size=48, digits=(1, 3), seed=2)
print("Szenen:", train.images.shape, " Masken:", train.masks.shape, " Klassen in den Masken:",
      np.unique(train.masks))
print("Rahmen der ersten Szene:\n", train.boxes[0], " Ziffern:", train.classes[0])
show_scenes(train.images[:6], train.masks[:6], boxes=train.boxes[:6],
            titles=[" ".join(map(str, k)) for k in train.classes[:6]])
plt.show()

# %% [markdown]
# Oben die Szenen mit ihren Rahmen (grün), darunter die Masken: Jede Farbe ist
# eine Ziffer. Die meisten Pixel sind Hintergrund – merk dir das, es wird
# gleich wichtig.
#
# ## Wie misst man, ob ein Rahmen sitzt? IoU
#
# Bei Klassifikation zählt man Treffer. Ein vorhergesagter Rahmen ist aber
# nie pixelgenau richtig; die Frage ist, *wie gut* er sich mit dem wahren
# deckt. Das Standardmaß ist die **IoU**, *Intersection over Union*:
#
# $$\mathrm{IoU}(A, B) = \frac{|A \cap B|}{|A \cup B|}
#   = \frac{\text{Fläche der Überschneidung}}{\text{Fläche A} + \text{Fläche B} - \text{Überschneidung}}$$
#
# 1 heißt deckungsgleich, 0 heißt keine Überschneidung. In der
# Objekterkennung gilt ein Rahmen mit IoU ≥ 0,5 meist als Treffer.
#
# ## Aufgabe 1: IoU zweier Rahmen
#
# Schreibe `rahmen_iou(a, b)` für zwei Rahmen `(y0, x0, y1, x1)` (Tupel,
# Listen oder Arrays; Zahlen dürfen Kommazahlen sein, Enden ausschließlich).
# Gib eine Zahl zwischen 0 und 1 zurück. Denk an die Randfälle:
#
# - Rahmen, die sich **nicht überschneiden** (auch solche, die sich nur an
#   einer Kante berühren), haben IoU 0,
# - **gleiche** Rahmen haben IoU 1,
# - hat die Vereinigung die Fläche 0 (zwei Rahmen ohne Fläche), gib 0 zurück
#   statt durch 0 zu teilen.

# %%
### BEGIN SOLUTION rahmen_iou
def rahmen_iou(a, b):
    ay0, ax0, ay1, ax1 = (float(v) for v in a)
    by0, bx0, by1, bx1 = (float(v) for v in b)
    hoehe = max(0.0, min(ay1, by1) - max(ay0, by0))
    breite = max(0.0, min(ax1, bx1) - max(ax0, bx0))
    schnitt = hoehe * breite
    vereinigung = max(0.0, ay1 - ay0) * max(0.0, ax1 - ax0) + max(0.0, by1 - by0) * max(0.0, bx1 - bx0) - schnitt
    return schnitt / vereinigung if vereinigung > 0 else 0.0
### END SOLUTION


aufgabe.rahmen_iou.check(rahmen_iou)

# %%
# aufgabe.rahmen_iou.hint()
# aufgabe.rahmen_iou.solution()

# %% [markdown]
# Der häufigste Fehler: Liegen zwei Rahmen weit auseinander, werden *beide*
# Differenzen für Höhe und Breite der Überschneidung negativ – ihr Produkt
# ist positiv, und ohne `max(0, …)` bekommen zwei getrennte Rahmen eine
# Überschneidung.
#
# ## Aufgabe 2: IoU zweier Masken
#
# Für Segmentierung vergleicht man Masken statt Rahmen: Welche Pixel hat das
# Netz einer Klasse gegeben, welche gehören wirklich zu ihr?
#
# Schreibe `masken_iou(wahr, vorhersage)` für zwei gleich große Masken mit
# `True`/`False` (oder 1/0) je Pixel: die Zahl der Pixel, die in beiden
# gesetzt sind, geteilt durch die Zahl der Pixel, die in mindestens einer
# gesetzt sind. Sind **beide Masken leer**, gibt es nichts zu finden und das
# Netz hat nichts gefunden: gib dann 1.0 zurück.

# %%
### BEGIN SOLUTION masken_iou
def masken_iou(wahr, vorhersage):
    wahr, vorhersage = np.asarray(wahr, dtype=bool), np.asarray(vorhersage, dtype=bool)
    vereinigung = np.count_nonzero(wahr | vorhersage)
    if vereinigung == 0:
        return 1.0
    return np.count_nonzero(wahr & vorhersage) / vereinigung
### END SOLUTION


aufgabe.masken_iou.check(masken_iou)

# %%
# aufgabe.masken_iou.hint()
# aufgabe.masken_iou.solution()

# %% [markdown]
# `dlkurs.kit.scenes` hat beides noch einmal, für viele Rahmen und Klassen auf
# einmal: `box_iou` rechnet Zeile für Zeile, `class_iou` die IoU jeder
# Klasse, `mean_iou` ihren Mittelwert über die Klassen, die vorkommen
# (**mIoU**, das Standardmaß der Segmentierung).
#
# ## Segmentierung mit einem kleinen U-Net
#
# Ein Klassifikations-Convnet macht das Bild mit jedem Pooling kleiner und
# wirft am Ende mit `Flatten` die Lage weg. Für eine Klasse je Pixel brauchen
# wir die Lage zurück. Das **U-Net** (Ronneberger u. a., 2015) hat deshalb
# zwei Hälften:
#
# - der **Encoder** verkleinert wie gewohnt (48 → 24 → 12) und lernt, *was*
#   im Bild ist,
# - der **Decoder** vergrößert mit `Conv2DTranspose(strides=2)` wieder auf
#   48 × 48,
# - **Abkürzungen** (skip connections) reichen die fein aufgelösten
#   Merkmalskarten des Encoders direkt an den Decoder weiter
#   (`Concatenate`), damit er weiß, *wo* genau die Kanten liegen.
#
# Die Ausgabe hat 11 Kanäle mit Softmax je Pixel: eine
# Wahrscheinlichkeit für jede Klasse. Verlust ist die gewohnte
# `sparse_categorical_crossentropy`, nur eben für jedes der 48 · 48 Pixel.
# Die Eingabe hat die Form `(None, None, 1)`: Ein Netz nur aus Faltungen
# nimmt Bilder jeder Größe (durch 4 teilbar) – das nutzen wir bei DeepDream.

# %%
def baue_unet(klassen=11):
    eingabe = keras.Input(shape=(None, None, 1))
    e1 = layers.Conv2D(16, 3, padding="same", activation="relu", name="encoder_1")(eingabe)     # 48 × 48
    x = layers.MaxPooling2D()(e1)
    e2 = layers.Conv2D(32, 3, padding="same", activation="relu", name="encoder_2")(x)           # 24 × 24
    x = layers.MaxPooling2D()(e2)
    x = layers.Conv2D(64, 3, padding="same", activation="relu", name="engpass")(x)              # 12 × 12
    x = layers.Conv2DTranspose(32, 2, strides=2, activation="relu")(x)                           # 24 × 24
    x = layers.Concatenate()([x, e2])                                                             # Abkürzung
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = layers.Conv2DTranspose(16, 2, strides=2, activation="relu")(x)                           # 48 × 48
    x = layers.Concatenate()([x, e1])                                                             # Abkürzung
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    ausgabe = layers.Conv2D(klassen, 1, activation="softmax")(x)                                  # Klasse je Pixel
    modell = keras.Model(eingabe, ausgabe, name="unet")
    modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


unet = baue_unet()
print(f"U-Net mit {unet.count_params():,} Parametern".replace(",", " "))

# %% [markdown]
# Training: Eingabe die Szenen mit Kanalachse, Ziel die Masken. Im vollen
# Profil sind es 8 000 Szenen und 15 Epochen (einige Minuten auf zwei
# Kernen), im Schnelldurchlauf viel weniger – dort lernt das Netz oft noch
# gar keine Ziffer und sagt überall „Hintergrund“.

# %%
x_train, x_test = train.images[..., None], test.images[..., None]
epochen = dlkurs.pick(quick=5, full=15)
verlauf = unet.fit(x_train, train.masks, epochs=epochen, batch_size=32,
                   validation_data=(x_test, test.masks), verbose=0)
vorhersage = unet.predict(x_test, verbose=0).argmax(axis=-1)
pixel_genauigkeit = float(np.mean(vorhersage == test.masks))
nur_hintergrund = float(np.mean(test.masks == 0))
miou = mean_iou(test.masks, vorhersage, 11, skip=(0,))
print(f"Pixelgenauigkeit {pixel_genauigkeit:.3f} – überall „Hintergrund“ hätte schon {nur_hintergrund:.3f}")
print(f"mittlere IoU der zehn Ziffernklassen (mIoU): {miou:.3f}")
dlkurs.report(miou=miou)

# %% [markdown]
# Die **Pixelgenauigkeit** sieht großartig aus, sagt aber wenig: Ein Netz,
# das überall „Hintergrund“ sagt, käme schon fast so weit, weil die meisten
# Pixel Hintergrund sind. Die **mIoU** über die zehn Ziffernklassen lässt
# sich davon nicht täuschen: Sie misst für jede Ziffer, wie gut sich
# vorhergesagte und wahre Pixel decken. Im vollen Profil lag sie bei uns um
# 0,83 – es kosten vor allem die Ränder der Striche und Ziffern, deren Pixel
# das Netz teils der einen, teils einer anderen Klasse gibt. Hier die
# Vorhersagen für einige Testszenen:

# %%
show_scenes(test.images[:6], test.masks[:6], predicted=vorhersage[:6])
plt.show()

# %% [markdown]
# Meist stimmt die *Form* der Ziffer genau, auch wenn sich die Farbe
# (die Klasse) innerhalb einer Ziffer manchmal mischt: Das Netz entscheidet
# jedes Pixel für sich, ohne zu „wissen“, dass eine Ziffer nur eine Klasse
# hat.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: IoU je Ziffer
#
# Der Mittelwert verbirgt, welche Ziffern dem Netz schwerfallen. `class_iou`
# gibt die IoU jeder Klasse einzeln:

# %% tags=["vertiefung"]
je_klasse = class_iou(test.masks, vorhersage, 11)
plt.figure(figsize=(8, 3))
plt.bar([str(k) for k in range(10)], je_klasse[1:])
plt.axhline(miou, color="gray", linestyle="--", label=f"mIoU {miou:.2f}")
plt.xlabel("Ziffer")
plt.ylabel("IoU")
plt.ylim(0, 1)
plt.legend()
plt.title("IoU je Ziffer auf den Testszenen")
plt.show()
print(f"Hintergrund: IoU {je_klasse[0]:.3f}")

# %% [markdown] tags=["vertiefung"]
# Im vollen Profil liegen die Ziffern bei uns eng beieinander (0,79 bis
# 0,87); am schwersten fallen 8 und 9, deren Schleifen anderen Ziffern
# ähneln. Der Hintergrund hat eine IoU nahe 1 – deshalb lassen wir ihn aus
# dem Mittelwert heraus, er würde ihn nur schönen.

# %% [markdown]
# ## Lokalisierung: ein Netz mit zwei Köpfen
#
# Jetzt steht in jeder Szene genau **eine** Ziffer, verschieden groß (12 bis
# 28 Pixel) und an beliebiger Stelle. Das Netz soll sagen, *welche* Ziffer es
# ist und *wo* sie steht. Dafür bekommt ein gewöhnliches Convnet zwei
# Ausgaben, zwei **Köpfe**, auf denselben Merkmalen:
#
# - `klasse`: zehn Wahrscheinlichkeiten (Softmax), Verlust
#   `sparse_categorical_crossentropy`,
# - `rahmen`: vier Zahlen in [0, 1] (Sigmoid) – der Rahmen geteilt durch die
#   Bildgröße –, Verlust `mse`. Das ist eine **Regression**, wie bei den
#   Hauspreisen in Lektion 2.7.
#
# Die funktionale API macht zwei Ausgaben leicht; `compile` bekommt für jede
# einen Verlust, `fit` für jede ein Ziel, beide über den Namen des Kopfes.

# %%
einzeln_train = compose_scenes(bilder, labels, n=n_train, size=48, digits=(1, 1), scale=(12, 28), seed=3)
einzeln_test = compose_scenes(test_bilder, test_labels, n=n_test, size=48, digits=(1, 1), scale=(12, 28), seed=4)
rahmen_train, klasse_train = einzeln_train.single_boxes()
rahmen_test, klasse_test = einzeln_test.single_boxes()

eingabe = keras.Input(shape=(48, 48, 1))
x = layers.Conv2D(16, 3, padding="same", activation="relu")(eingabe)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)   # die Lage der Merkmale bleibt erhalten: keine globale Mittelung
x = layers.Dense(128, activation="relu")(x)
klasse = layers.Dense(10, activation="softmax", name="klasse")(x)
rahmen = layers.Dense(4, activation="sigmoid", name="rahmen")(x)
lokalisierer = keras.Model(eingabe, {"klasse": klasse, "rahmen": rahmen})
lokalisierer.compile(optimizer="adam",
                     loss={"klasse": "sparse_categorical_crossentropy", "rahmen": "mse"},
                     loss_weights={"klasse": 1.0, "rahmen": 20.0},
                     metrics={"klasse": ["accuracy"]})
lokalisierer.fit(einzeln_train.images[..., None], {"klasse": klasse_train, "rahmen": rahmen_train / 48},
                 epochs=dlkurs.pick(quick=3, full=15), batch_size=64, verbose=0)

# %% [markdown]
# Der Rahmenverlust bekommt das Gewicht 20: Die mittleren quadratischen
# Fehler von Koordinaten in [0, 1] sind winzig (um 0,001), die
# Kreuzentropie ist hundertmal größer. Ohne Gewicht würde das Netz fast nur
# die Klasse lernen.

# %%
ergebnis = lokalisierer.predict(einzeln_test.images[..., None], verbose=0)
rahmen_vorhersage = ergebnis["rahmen"] * 48
ious = box_iou(rahmen_test, rahmen_vorhersage)
box_iou_mittel = float(ious.mean())
lokal_genauigkeit = float(np.mean(ergebnis["klasse"].argmax(axis=1) == klasse_test))
print(f"mittlere IoU der Rahmen: {box_iou_mittel:.3f};  Anteil mit IoU ≥ 0,5: {np.mean(ious >= 0.5):.3f};  "
      f"Ziffer richtig: {lokal_genauigkeit:.3f}")
dlkurs.report(box_iou=box_iou_mittel, lokalisierung_genauigkeit=lokal_genauigkeit)
show_scenes(einzeln_test.images[:6], boxes=rahmen_test[:6, None], predicted_boxes=rahmen_vorhersage[:6, None],
            titles=[f"{k} → {p}  IoU {i:.2f}" for k, p, i in
                    zip(klasse_test[:6], ergebnis["klasse"][:6].argmax(axis=1), ious[:6])])
plt.show()

# %% [markdown]
# Grün der wahre Rahmen, rot gestrichelt der vorhergesagte. Im vollen Profil
# erkannte das Netz bei uns 92 % der Ziffern, und der Rahmen sitzt ungefähr:
# mittlere IoU um 0,63, bei 83 % der Ziffern mindestens 0,5. Ein `Flatten` mit einer `Dense`-Schicht ist
# ein grobes Werkzeug für Koordinaten – echte Detektoren rechnen den Rahmen
# relativ zu Gitterzellen oder Ankern aus (siehe Ausblick).
#
# ## DeepDream: das Netz rückwärts
#
# Beim Training ändert der Gradient die **Gewichte**, damit der Verlust
# sinkt. DeepDream (Mordvintsev u. a., Google, 2015) hält die Gewichte fest
# und ändert das **Bild**, damit ausgewählte Schichten *stärker* feuern –
# Gradientenaufstieg auf den Pixeln. Was das Netz in einem Bild schwach
# wiedererkennt, verstärkt es, bis es sichtbar wird.
#
# Wie gut das aussieht, hängt am Netz: Ein auf ImageNet vortrainiertes Netz
# träumt Augen, Fell und Pagoden. Die Lektion nimmt das beste, das auf diesem
# Rechner vorhanden ist, und sagt, welches:
#
# 1. **VGG16 mit ImageNet-Gewichten**, wenn sie im Datenordner liegen (ein
#    Trainer bringt sie mit `dlkurs data download vgg16_notop` oder im
#    Datenpaket mit),
# 2. sonst dein **Hunde-und-Katzen-Netz aus Lektion 3.5**, wenn es in deinem
#    Arbeitsordner unter `modelle/hunde_katzen.keras` liegt,
# 3. sonst der **Encoder des U-Nets**, das du eben trainiert hast. Es kennt
#    nur Ziffernstriche – also träumt es Striche.

# %%
vgg_da = status(["vgg16_notop"])[0]["verified"]
modell_35 = workspace_dir() / "modelle" / "hunde_katzen.keras"
if vgg_da:
    basis = keras.applications.VGG16(weights=str(load("vgg16_notop")), include_top=False,
                                     input_shape=(None, None, 3))
    mittel = np.array([103.939, 116.779, 123.68], dtype="float32")  # Caffe-Vorverarbeitung: BGR minus Mittel
    merkmale = layer_features(basis, ["block4_conv3", "block5_conv1"],
                              preprocess=lambda x: keras.ops.flip(x * 255.0, axis=-1) - mittel)
    traeumer, farbig, feste_groesse = "VGG16 mit ImageNet-Gewichten", True, False
elif modell_35.exists():
    basis = keras.models.load_model(modell_35)
    skaliert = any(type(s).__name__ == "Rescaling" for s in basis.layers)  # erwartet es Werte bis 255?
    merkmale = layer_features(basis, conv_layer_names(basis, last=2),
                              preprocess=(lambda x: x * 255.0) if skaliert else None)
    traeumer, farbig, feste_groesse = "dein Hunde-und-Katzen-Netz aus Lektion 3.5", True, True
else:
    merkmale = layer_features(unet, ["encoder_2", "engpass"])
    traeumer, farbig, feste_groesse = "der Encoder des U-Nets dieser Lektion (nur Ziffern gelernt)", False, False
print("Es träumt:", traeumer)

# %% [markdown]
# Das Startbild: ein Katzenfoto aus Lektion 3.5, wenn die Fotos da sind,
# sonst eine vergrößerte Ziffernszene. Dann 2 bis 3 „Oktaven“: Das Bild wird
# erst klein geträumt, dann vergrößert und weiter geträumt, wie im Buch –
# so entstehen grobe *und* feine Muster.

# %%
groesse = 96 if not feste_groesse else int(merkmale.input_shape[1] or 96)
if status(["cats_vs_dogs_small"])[0]["verified"]:
    katze = sorted((load("cats_vs_dogs_small") / "test" / "cats").glob("*.jpg"))[0]
    start = np.asarray(keras.utils.load_img(katze, target_size=(groesse, groesse)), dtype="float32") / 255
else:
    start = np.repeat(keras.ops.convert_to_numpy(
        keras.ops.image.resize(test.images[:1, ..., None], (groesse, groesse)))[0], 3, axis=-1)
if not farbig:
    start = start.mean(axis=-1, keepdims=True)

verluste = []
traum = deep_dream(merkmale, start, steps=dlkurs.pick(quick=5, full=30), step_size=0.01,
                   octaves=dlkurs.pick(quick=2, full=3), fixed_size=feste_groesse, history=verluste)
fig, achsen = plt.subplots(1, 3, figsize=(13, 4))
achsen[0].imshow(start.squeeze(), cmap="gray" if not farbig else None, vmin=0, vmax=1)
achsen[0].set_title("Startbild")
achsen[1].imshow(traum.squeeze(), cmap="gray" if not farbig else None, vmin=0, vmax=1)
achsen[1].set_title("DeepDream")
for ax in achsen[:2]:
    ax.axis("off")
achsen[2].plot(verluste)
achsen[2].set(title="Aktivierung der Schichten", xlabel="Schritt (alle Oktaven)", ylabel="mittleres Quadrat")
fig.suptitle(f"Es träumt: {traeumer}")
plt.show()

# %% [markdown]
# Die Kurve rechts steigt: Jeder Schritt macht das Bild für die gewählten
# Schichten „interessanter“ (die Sprünge sind die Wechsel zur nächsten
# Oktave). Mit dem U-Net-Encoder wachsen aus dem Bild harte, strichförmige
# Streifen schwarz auf weiß – die einzigen Muster, die dieses Netz an Ziffern
# gelernt hat. Ein ImageNet-Netz sieht in
# denselben Bildern Hunde, Augen und Architektur, weil es die kennt.
#
# Technisch steckt dahinter die Ableitung des Verlusts nach dem **Bild**.
# `deep_dream` holt sie sich mit dem Werkzeug des aktiven Backends
# (TensorFlows `GradientTape`, `jax.grad` oder PyTorchs Autograd); alles
# andere ist `keras.ops`. Dieselbe Technik, mit einem anderen Verlust,
# ergibt die **Stilübertragung** (Gatys u. a., 2015): Das Bild wird so
# verändert, dass die Merkmale tiefer Schichten zu einem Foto und die
# Korrelationen der Merkmale (Gram-Matrizen) zu einem Gemälde passen.
#
# ## Ausblick: was heute dazu gehört
#
# Alles Folgende läuft auf einem Laptop nur mit großen vortrainierten
# Gewichten; wir laden hier nichts herunter, sondern ordnen ein.
#
# - **Objekterkennung** (Detection) findet *alle* Objekte eines Bildes, jedes
#   mit Klasse und Rahmen – unsere Lokalisierung, nur für beliebig viele.
#   **YOLO** („You Only Look Once“, Redmon u. a., 2016) legt ein Gitter über
#   das Bild; jede Zelle sagt mit einem Convnet in *einem* Durchgang einige
#   Rahmen (relativ zur Zelle) mit Klassenwahrscheinlichkeiten und einer
#   Sicherheit voraus. Überlappende Rahmen desselben Objekts werden mit
#   **Non-Maximum Suppression** ausgedünnt: Von allen Rahmen, deren IoU
#   untereinander über etwa 0,5 liegt, bleibt der sicherste. Gemessen wird
#   mit *mAP*, der über viele IoU-Schwellen gemittelten Präzision. Heute
#   sind YOLO-Nachfolger und Transformer-Detektoren (DETR) Standard; KerasCV
#   bzw. KerasHub bringt fertige Modelle mit.
# - **Segmentierung** im großen Maßstab: U-Nets sind in der Medizin der
#   Standard; **Segment Anything** (Meta, 2023) segmentiert beliebige Objekte
#   auf einen Klick hin.
# - **CLIP** (OpenAI, 2021) lernt aus 400 Millionen Bild-Text-Paaren aus dem
#   Netz einen *gemeinsamen* Raum für Bilder und Texte: Ein Bild-Encoder und
#   ein Text-Encoder werden so trainiert, dass zusammengehörige Paare nahe
#   beieinander liegen. Dann klassifiziert man ohne Training („zero-shot“),
#   indem man das Bild mit Texten wie „ein Foto einer Katze“ vergleicht.
# - **Diffusionsmodelle** (Stable Diffusion, 2022) erzeugen Bilder, indem
#   ein U-Net – wie unseres, nur viel größer – gelernt hat, Rauschen Schritt
#   für Schritt aus einem Bild zu entfernen; ein Text-Encoder wie der von
#   CLIP steuert, *was* dabei entsteht. Mehr zum Erzeugen von Bildern in
#   Lektion 4.10 (Autoencoder).
#
# ## Was das Buch anders macht
#
# Das Buch (Chollet, *Deep Learning with Python*, Keras 2) zeigt in Kapitel 8
# DeepDream mit InceptionV3 und die Stilübertragung mit VGG19, beide mit
# ImageNet-Gewichten aus dem Netz, gerechnet mit `K.gradients` und
# `K.function`. Beides gibt es in Keras 3 nicht mehr; die Ableitung nach dem
# Bild holt `deep_dream` beim Backend. Vortrainierte Gewichte lädt der Kurs
# nicht im Unterricht herunter; ohne sie träumt das Netz, das wir haben.
# Segmentierung und Lokalisierung behandelt die erste Auflage nicht, die
# zweite segmentiert Haustierfotos (Oxford-IIIT Pets) – zu groß für einen
# Laptop in einer Lektion, deshalb die Ziffernszenen.
#
# ## Zusammenfassung
#
# - **Segmentierung** gibt jedem Pixel eine Klasse; ein **U-Net** verkleinert
#   im Encoder, vergrößert im Decoder (`Conv2DTranspose`) und reicht über
#   **Abkürzungen** die feinen Merkmalskarten weiter.
# - **Lokalisierung**: ein zweiter Kopf sagt den Rahmen als Regression
#   voraus; die funktionale API macht mehrere Ausgaben mit eigenen Verlusten
#   leicht.
# - Gemessen wird mit der **IoU** (Überschneidung durch Vereinigung): für
#   Rahmen, für Masken, gemittelt über Klassen als **mIoU**. Die
#   Pixelgenauigkeit täuscht, wenn der Hintergrund überwiegt.
# - **DeepDream** ändert das Bild statt der Gewichte, mit dem Gradienten
#   nach der Eingabe.
# - Detection (YOLO), CLIP und Diffusion bauen auf genau diesen Bausteinen
#   auf: Convnets (oder Transformer), Rahmen-Regression, IoU, U-Nets.

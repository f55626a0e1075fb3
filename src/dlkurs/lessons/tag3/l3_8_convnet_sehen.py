# %% [markdown]
# # 3.8 Was ein Convnet sieht
#
# Ein Convnet gilt oft als Blackbox. Bei Bildern stimmt das nur halb: Was
# seine Schichten berechnen, sind selbst wieder Bilder, und die kann man
# ansehen. Wir nehmen das Hunde-und-Katzen-Netz aus Lektion 3.5 und schauen
# auf drei Arten hinein.
#
# Am Ende dieser Lektion kannst du
#
# 1. die **Aktivierungen** der Zwischenschichten für ein Foto abrufen und
#    als Bildraster zeigen,
# 2. mit **Gradientenaufstieg** auf dem Eingabebild sichtbar machen, worauf
#    ein einzelner Filter anspricht,
# 3. mit **Grad-CAM** eine Wärmekarte berechnen, die zeigt, *wo* im Foto das
#    Netz die Katze oder den Hund sieht – und den Gewichtungsschritt selbst
#    schreiben.
#
# **Backend:** Die Gradienten berechnen wir mit `tf.GradientTape`; die
# Lektion braucht deshalb TensorFlow. (Mit JAX ginge dasselbe mit
# `jax.grad`.)

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.convnet_views import (activations, conv_layer_names, filter_pattern, gradcam, gradcam_parts,
                                      occlusion_drop, show_activation_grid, show_gradcam)
from dlkurs.kit.image_folders import photo_dataset
from dlkurs.settings import workspace_dir

aufgabe = aufgaben("3.8")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Das Modell aus Lektion 3.5
#
# Lektion 3.5 hat ihr Netz (von Grund auf trainiert, ohne Augmentierung) in
# deinem Arbeitsordner gespeichert: `modelle/hunde_katzen.keras`. Fehlt die
# Datei, trainiert diese Lektion ein Netz derselben Bauart selbst – mit
# weniger Epochen, damit es schnell geht. (Im Schnelldurchlauf ist es immer
# dieses kleine Ersatznetz.)

# %%
ordner = load("cats_vs_dogs_small")
modell_datei = workspace_dir() / "modelle" / "hunde_katzen.keras"
KLASSEN = ["Katze", "Hund"]


def ersatznetz(epochen, n_bilder):
    train = photo_dataset(ordner / "train", (80, 80), shuffle=True, check=False, max_images=n_bilder)
    netz = keras.Sequential([keras.Input(shape=(80, 80, 3)), layers.Rescaling(1 / 255)]
                            + [s for f in (32, 64, 128, 128)
                               for s in (layers.Conv2D(f, 3, activation="relu"), layers.MaxPooling2D())]
                            + [layers.Flatten(), layers.Dense(256, activation="relu"),
                               layers.Dense(1, activation="sigmoid")])
    netz.compile(optimizer=keras.optimizers.RMSprop(5e-4), loss="binary_crossentropy", metrics=["accuracy"])
    netz.fit(train, epochs=epochen, verbose=0, shuffle=False)  # photo_dataset mischt selbst
    return netz


if modell_datei.exists() and dlkurs.pick(quick=False, full=True):
    modell = keras.models.load_model(modell_datei)
    print("geladen:", modell_datei.name)
else:
    print("Kein gespeichertes Modell aus 3.5 – trainiere ein Ersatznetz …")
    modell = dlkurs.pick(quick=lambda: ersatznetz(1, 256), full=lambda: ersatznetz(15, None))()
print("Schichten:", ", ".join(conv_layer_names(modell)))

# %% [markdown]
# ## 1. Aktivierungen: was jede Schicht aus einem Foto macht
#
# Ein Modell, das dieselben (trainierten) Schichten benutzt, aber die
# Ausgaben *aller* Faltungs- und Pooling-Schichten zurückgibt, ist in
# Keras 3 eine Zeile:
# `keras.Model(modell.inputs, [schicht.output for schicht in …])`.
# `activations` aus dem Werkzeugkasten macht genau das. Unser Foto:

# %%
test = photo_dataset(ordner / "test", (80, 80), batch_size=8, shuffle=True, seed=3, check=False, max_images=8)
fotos, labels = next(iter(test))
fotos, labels = np.asarray(fotos), np.asarray(labels)[:, 0].astype(int)
katze = fotos[int(np.argmax(labels == 0))]  # das erste Katzenfoto
plt.figure(figsize=(2.5, 2.5))
plt.imshow(katze.astype("uint8"))
plt.axis("off")
plt.title("Katze")
plt.show()

# %%
namen = conv_layer_names(modell)
akt = activations(modell, katze[None], namen)
for name in namen[:3]:
    print(f"{name}: {akt[name].shape}")
for name in (namen[0], namen[2], namen[4]):
    show_activation_grid(akt[name], title=f"{name}: die ersten 32 Kanäle", columns=16)
    plt.show()

# %% [markdown]
# Lies die Raster von oben nach unten:
#
# - Die **erste** Faltung ist fast noch das Foto: Jeder Kanal betont Kanten
#   einer Richtung oder eine Farbe.
# - **Weiter oben** werden die Karten kleiner und abstrakter. Man erkennt
#   kaum noch eine Katze, dafür „Ohr hier“, „Fell dort“ – und manche Kanäle
#   bleiben ganz dunkel: Ihr Muster kommt in diesem Foto nicht vor.
#
# ## 2. Filtermuster: worauf ein Filter anspricht
#
# Statt zu fragen „was macht der Filter aus diesem Foto?“ fragen wir
# umgekehrt: „Welches Bild lässt ihn am stärksten reagieren?“ Wir beginnen
# mit grauem Rauschen und ändern das **Eingabebild** Schritt für Schritt in
# Richtung des Gradienten der mittleren Aktivierung des Filters –
# **Gradientenaufstieg**, mit den Gewichten eingefroren. Die Gradienten
# liefert `tf.GradientTape` (siehe `filter_pattern` im Werkzeugkasten).

# %%
schritte = dlkurs.pick(quick=8, full=30)
muster, gewinne = [], []
schicht = namen[4]  # die dritte Faltung
for f in range(8):
    bild, gewinn = filter_pattern(modell, schicht, f, steps=schritte)
    muster.append(bild)
    gewinne.append(gewinn)

fig, achsen = plt.subplots(1, 8, figsize=(14, 2.2))
for f, (ax, bild) in enumerate(zip(achsen, muster)):
    ax.imshow(np.clip((bild - bild.mean()) / (bild.std() + 1e-5) * 0.15 + 0.5, 0, 1))  # Kontrast wie im Buch
    ax.set_title(f"Filter {f}", fontsize=9)
    ax.axis("off")
fig.suptitle(f"Muster, auf die {schicht} anspricht")
plt.show()
filter_gewinn = float(np.median(gewinne))
print(f"Aktivierung nach {schritte} Schritten: das {filter_gewinn:.1f}-Fache (Median über 8 Filter)")
dlkurs.report(filter_gewinn=filter_gewinn)

# %% [markdown]
# Die Filter der dritten Faltung antworten auf **Texturen und Farbmuster**,
# kleine Flecken, die sich über das Bild wiederholen; die Faltung sieht
# ja überall mit denselben Gewichten hin. Nach wenigen Schritten ist die
# Aktivierung ein Vielfaches der Aktivierung auf Rauschen. Im Buch sind die
# Muster klarer und größer, weil es ein großes, auf ImageNet trainiertes
# Netz (VGG16) nimmt; unser kleines Netz hat nur 2 000 Fotos gesehen, und
# seine Muster bleiben verrauscht.
#
# ## 3. Grad-CAM: wo im Foto das Netz die Klasse sieht
#
# Grad-CAM beantwortet die Frage: **Welche Stellen des Fotos haben die
# Entscheidung getragen?** Zutaten:
#
# 1. die Aktivierungen $A$ der **letzten Faltung**, Form (Höhe, Breite,
#    Kanäle) – hier (6, 6, 128),
# 2. die Gradienten $\partial s / \partial A$ des Klassen-Scores $s$ (hier
#    der Wahrscheinlichkeit für die vorhergesagte Klasse) nach diesen
#    Aktivierungen, gleiche Form.
#
# Im Buch hieß das `K.gradients(score, conv_output)` und `K.function(…)`;
# beides gibt es in Keras 3 nicht mehr. Heute baut man ein Modell, das
# *beides* ausgibt – `keras.Model(modell.inputs, [letzte_faltung.output,
# modell.output])` – und rechnet unter einem `tf.GradientTape`:

# %%
letzte = [n for n in namen if n.startswith("conv")][-1]
aktivierungen, gradienten, p = gradcam_parts(modell, katze, letzte)
print("Aktivierungen:", aktivierungen.shape, " Gradienten:", gradienten.shape,
      f" Wahrscheinlichkeit der vorhergesagten Klasse: {p:.2f}")

# %% [markdown]
# ## Aufgabe: der Gewichtungsschritt
#
# Schreibe `gradcam_karte(aktivierungen, gradienten)` für NumPy-Arrays der
# Form (Höhe, Breite, Kanäle):
#
# 1. **Gewicht je Kanal** = Mittelwert seines Gradienten über Höhe und Breite
#    (ein Wert je Kanal),
# 2. **Karte** = Summe über die Kanäle von Gewicht × Aktivierung, Form
#    (Höhe, Breite),
# 3. **ReLU**: negative Werte auf 0 – nur was *für* die Klasse spricht,
# 4. durch das Maximum teilen, wenn es größer als 0 ist (sonst die Karte aus
#    Nullen zurückgeben).
#
# Die Eingaben darfst du nicht verändern.

# %%
def gradcam_karte(aktivierungen, gradienten):
    ### BEGIN SOLUTION gradcam_karte
    gewichte = gradienten.mean(axis=(0, 1))
    karte = np.maximum((aktivierungen * gewichte).sum(axis=-1), 0.0)
    if karte.max() > 0:
        karte = karte / karte.max()
    return karte
    ### END SOLUTION


aufgabe.gradcam_karte.check(gradcam_karte)

# %%
# aufgabe.gradcam_karte.hint()
# aufgabe.gradcam_karte.solution()

# %% [markdown]
# Mit deiner Gewichtung: Wärmekarten für acht Testfotos, über das Foto
# gelegt (rot = hier sah das Netz die Klasse):

# %%
karten, titel = [], []
for foto, label in zip(fotos, labels):
    karte, p = gradcam(modell, foto, letzte, weighting=gradcam_karte)
    karten.append(karte)
    vorhersage = int(modell(foto[None], training=False)[0, 0] >= 0.5)
    titel.append(f"{KLASSEN[label]} → {KLASSEN[vorhersage]} ({p:.2f})")
show_gradcam(fotos, karten, titel)
plt.show()

# %% [markdown]
# Sieh genau hin: Bei unserem kleinen, überangepassten Netz liegt die Wärme
# oft **nicht** auf dem Gesicht des Tiers, sondern auf Zunge, Gras, Rändern
# oder Hintergrund. Das Netz hat aus 2 000 Fotos auch Zufälle der Aufnahmen
# gelernt – und Grad-CAM macht genau das sichtbar. Ein vortrainiertes Netz
# (Lektion 3.7) schaut meist gezielter auf das Tier.
#
# Manche Karten bleiben ganz blau: Ist sich das Netz sehr sicher
# (Wahrscheinlichkeit 1,00), ist die Sigmoid-Kurve dort so flach, dass der
# Gradient winzig oder in float32 sogar 0 wird – dann gibt es kaum etwas zu
# gewichten. Das ist eine bekannte Schwäche von Grad-CAM auf
# Wahrscheinlichkeiten; das Grad-CAM-Paper nimmt deshalb den Wert *vor* der
# letzten Aktivierung, den **Logit** $z$ (für die Klasse „Katze“ $-z$). Weil
# $\partial p / \partial A = p\,(1-p) \cdot \partial z / \partial A$ ist,
# ändert das an einer normalen Karte nur den Maßstab – die Karte selbst
# bleibt gleich –, eine blaue Karte aber bekommt wieder Farbe:

# %%
leer = [i for i, karte in enumerate(karten) if karte.max() == 0]
print(f"{len(leer)} von {len(karten)} Karten sind leer (Gradient der Wahrscheinlichkeit 0).")
vergleich = leer[:4] or [0]
karten_logit = [gradcam(modell, fotos[i], letzte, weighting=gradcam_karte, score="logit")[0] for i in vergleich]
show_gradcam([fotos[i] for i in vergleich], karten_logit, [f"Logit: {titel[i]}" for i in vergleich])
plt.show()

# %% [markdown]
# ### Trägt die Karte wirklich?
#
# Eine Probe: Wir übermalen die heißesten 30 % der Pixel grau und schauen,
# wie stark die Wahrscheinlichkeit der vorhergesagten Klasse fällt –
# verglichen mit den kältesten 30 %. Wo die Karte leer ist, nehmen wir die
# Karte des Logits (sonst wären „die heißesten Pixel“ reiner Zufall).

# %%
abfall_heiss, abfall_kalt = [], []
for foto, karte in zip(fotos, karten):
    if karte.max() == 0:  # leere Karte: die des Logits nehmen
        karte = gradcam(modell, foto, letzte, weighting=gradcam_karte, score="logit")[0]
    klasse = int(modell(foto[None], training=False)[0, 0] >= 0.5)
    heiss, kalt = occlusion_drop(modell, foto, karte, klasse, fraction=0.3)
    abfall_heiss.append(heiss)
    abfall_kalt.append(kalt)
gradcam_abfall = float(np.mean(abfall_heiss))
print(f"Abfall der Wahrscheinlichkeit: heiße Pixel übermalt {gradcam_abfall:.2f}, "
      f"kälteste Pixel übermalt {np.mean(abfall_kalt):.2f} (Mittel über {len(fotos)} Fotos)")
dlkurs.report(gradcam_abfall=gradcam_abfall)

# %% [markdown]
# Fällt die Wahrscheinlichkeit bei den heißen Pixeln stärker als bei den
# kalten, zeigt die Karte tatsächlich auf Stellen, die das Netz braucht.
#
# ## Zusammenfassung
#
# - **Aktivierungen**: `keras.Model(modell.inputs, [s.output for s in …])`
#   gibt die Zwischenergebnisse aller Schichten zurück; frühe Schichten
#   zeigen Kanten und Farben, späte abstrakte, spärliche Merkmale.
# - **Filtermuster**: Gradientenaufstieg auf dem *Eingabebild*
#   (`tf.GradientTape`, Gewichte fest) zeigt, worauf ein Filter anspricht.
# - **Grad-CAM**: Gradient des Klassen-Scores nach der letzten Faltung, über
#   Höhe und Breite gemittelt → Gewicht je Kanal; gewichtete Summe der
#   Aktivierungen, ReLU, normieren → Wärmekarte. Ist das Netz sehr sicher,
#   nimmt man den Logit statt der Wahrscheinlichkeit als Score.
# - `K.function` und `K.gradients` aus dem Buch gibt es nicht mehr; an ihre
#   Stelle treten Modelle mit mehreren Ausgaben und `tf.GradientTape`.
# - Speicher: Das Netz und acht Fotos; der Kernel brauchte in unseren
#   Messungen unter 1 GB (mit dem Ersatznetz etwas mehr, wegen des
#   Trainings).

# %% [markdown]
# # 3.3 Convolutional Neural Networks
#
# Warum ein Dense-Netz für Bilder die falsche Wahl ist, was eine Faltung (Convolution)
# mit einem Bild macht, und wie Padding, Stride, Max-Pooling und das rezeptive Feld
# zusammenspielen. Du schreibst eine Faltung selbst; in den Vertiefungen liest du die
# Vorwärts- und Rückwärtsregeln der Scratch-Engine (`dlkurs.scratch`), trainierst damit ein
# kleines Convnet und misst, wie schnell die Engine neben `keras.layers.Conv2D` ist.

# %%
import dlkurs
import keras
import matplotlib.pyplot as plt
import numpy as np

from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import convolution
from dlkurs.scratch import Conv2D, Dense, Flatten, MaxPool2D, Sequential, Tensor
from dlkurs.scratch import benchmark
from dlkurs.scratch import functional as F

aufgabe = aufgaben("3.3")
keras.utils.set_random_seed(42)
(x_train, y_train), (x_test, y_test) = load("mnist")
x_train = (x_train / 255.0).astype("float32")[..., None]
x_test = (x_test / 255.0).astype("float32")[..., None]
x_train.shape

# %% [markdown]
# ## Warum kein Dense-Netz für Bilder?
#
# Ein Dense-Neuron sieht jedes Pixel mit einem eigenen Gewicht. Für ein Farbbild von
# 224×224 Pixeln und 512 Neuronen sind das schon 77 Millionen Gewichte in einer Schicht.
# Und es lernt eine Ziffer oben links und dieselbe Ziffer unten rechts als zwei
# verschiedene Dinge. Eine Faltung teilt sich dagegen einen kleinen Kern (z. B. 3×3)
# über alle Positionen: wenige Parameter, und ein Muster wird überall erkannt.

# %%
dense_parameter = 224 * 224 * 3 * 512 + 512
conv_parameter = 3 * 3 * 3 * 512 + 512
print(f"Dense: {dense_parameter:,}   Conv2D 3×3: {conv_parameter:,}".replace(",", "."))

# %% [markdown]
# ## Eine Faltung von Hand: Kantenfilter auf einer echten Ziffer
#
# Ein 3×3-Kern gleitet über das Bild; an jeder Position wird das Fenster mit dem Kern
# elementweise multipliziert und aufsummiert. Der senkrechte Kantenfilter antwortet,
# wo es von links nach rechts hell wird, der waagrechte, wo es von oben nach unten hell wird.

# %%
ziffer = x_train[0, :, :, 0]
kerne = {
    "senkrechte Kante": np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], "float32"),
    "waagrechte Kante": np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], "float32"),
    "Weichzeichner": np.full((3, 3), 1 / 9, "float32"),
}
kern_stapel = np.stack(list(kerne.values()), axis=-1)[:, :, None, :]  # (3, 3, 1, 3) wie in Keras
karten = F.conv2d(ziffer[None, :, :, None], Tensor(kern_stapel)).data[0]
convolution.show_feature_maps(ziffer, [karten[:, :, i] for i in range(3)], list(kerne), cmap="RdBu")
plt.show()

# %% [markdown]
# ## Padding, Stride, Pooling
#
# - **padding="valid"**: keine Ränder; aus h Zeilen werden (h − k) // s + 1.
# - **padding="same"**: Nullen am Rand, sodass ⌈h / s⌉ Zeilen herauskommen (bei
#   ungerader Gesamtpolsterung liegt die zusätzliche Null unten bzw. rechts, wie in TensorFlow).
# - **stride** s: der Kern springt s Pixel weit; die Karte wird etwa s-mal kleiner.
# - **Max-Pooling** 2×2: von jedem 2×2-Fenster bleibt das Maximum; halbiert Höhe und Breite.
#
# Jede Schicht vergrößert das **rezeptive Feld**: wie viele Eingabepixel ein Neuron
# „sieht“. Zwei 3×3-Faltungen sehen 5×5, mit einem Pooling dazwischen schon 8×8.

# %%
for pad, stride in [("valid", 1), ("same", 1), ("valid", 2), ("same", 2)]:
    karte = F.conv2d(ziffer[None, :, :, None], Tensor(kern_stapel[..., :1]), strides=stride, padding=pad)
    print(f"padding={pad!r:8} stride={stride}: Karte {karte.shape[1:3]}")
gepoolt = F.max_pool2d(karten[None, :, :, :1], 2).data[0, :, :, 0]
convolution.show_feature_maps(karten[:, :, 0], [gepoolt], ["nach Max-Pooling 2×2"], cmap="RdBu")
plt.show()
convolution.show_receptive_field([3, 2, 3, 2, 3], [1, 2, 1, 2, 1])
plt.show()

# %% [markdown]
# ### Aufgabe: Ausgabeform und Parameterzahl
#
# Schreibe `ausgabe_form(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid")`, die für
# eine Conv2D-Schicht mit quadratischem Kern das Tripel (Höhe, Breite, Parameterzahl) aus ganzen
# Zahlen liefert – für beide Arten von padding und jeden stride.

# %%
### BEGIN SOLUTION ausgabe_form
def ausgabe_form(h, w, c_in, filter_anzahl, kern, stride=1, padding="valid"):
    if padding == "same":
        h_aus, w_aus = -(-h // stride), -(-w // stride)
    else:
        h_aus, w_aus = (h - kern) // stride + 1, (w - kern) // stride + 1
    return (h_aus, w_aus, (kern * kern * c_in + 1) * filter_anzahl)
### END SOLUTION
aufgabe.ausgabe_form.check(ausgabe_form)

# %% [markdown]
# ### Aufgabe: eine Faltung selbst schreiben
#
# Schreibe `conv2d(bild, kern, stride=1, padding="valid")` für ein einkanaliges Bild (2-D-Array)
# und einen 2-D-Kern, mit beliebigen (auch nicht quadratischen) Formen und padding "valid"
# oder "same". Achtung: Keras spiegelt den Kern **nicht** (eigentlich Kreuzkorrelation).
# Schreib die Fenster selbst aus (Schleifen oder Slicing) – keine fertige Faltung aus SciPy,
# NumPy, Keras oder `dlkurs.scratch`.

# %%
### BEGIN SOLUTION conv2d
def conv2d(bild, kern, stride=1, padding="valid"):
    bild, kern = np.asarray(bild, dtype=float), np.asarray(kern, dtype=float)
    kh, kw = kern.shape
    if padding == "same":
        ph = max((-(-bild.shape[0] // stride) - 1) * stride + kh - bild.shape[0], 0)
        pw = max((-(-bild.shape[1] // stride) - 1) * stride + kw - bild.shape[1], 0)
        bild = np.pad(bild, ((ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))
    h_aus = (bild.shape[0] - kh) // stride + 1
    w_aus = (bild.shape[1] - kw) // stride + 1
    aus = np.zeros((h_aus, w_aus))
    for i in range(h_aus):
        for j in range(w_aus):
            aus[i, j] = np.sum(bild[i * stride : i * stride + kh, j * stride : j * stride + kw] * kern)
    return aus
### END SOLUTION
aufgabe.conv2d.check(conv2d)

# %% [markdown]
# Deine Faltung liefert auf der Ziffer dieselbe Karte wie die Engine:

# %%
print(np.abs(conv2d(ziffer, kerne["senkrechte Kante"]) - karten[:, :, 0]).max())

# %% [markdown]
# ### Aufgabe: Max-Pooling
#
# Schreibe `max_pool(bild, groesse=2)`: Fenster groesse×groesse im Schritt groesse,
# ein Rest am Rand fällt weg. Schreib es selbst mit NumPy, ohne fertige Pooling-Funktion.

# %%
### BEGIN SOLUTION max_pool
def max_pool(bild, groesse=2):
    bild = np.asarray(bild, dtype=float)
    h, w = bild.shape[0] // groesse, bild.shape[1] // groesse
    return bild[: h * groesse, : w * groesse].reshape(h, groesse, w, groesse).max(axis=(1, 3))
### END SOLUTION
aufgabe.max_pool.check(max_pool)

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Vorwärts und rückwärts in der Engine
#
# `dlkurs.scratch.functional.conv2d` rechnet mit **im2col**: alle Fenster werden Zeilen einer
# Matrix (eine Sicht mit `sliding_window_view`, einmal kopiert), die Faltung wird *ein*
# Matrixprodukt mit dem Kern der Form (kh·kw·c_in, filter).
#
# - vorwärts: out[n,i,j,f] = Σ x[n, i·s+a, j·s+b, c] · K[a,b,c,f] + b[f]
# - rückwärts: dK = Fensterᵀ · g (ein Produkt), db = Σ g, und dx: für jede Kernposition
#   (a, b) wird g · K[a,b]ᵀ auf die Pixel zurückaddiert, von denen es kam.
# - Max-Pooling leitet den Gradienten nur dorthin, wo im Fenster das Maximum lag.
#
# Stimmt das mit Keras überein? Dieselben Gewichte, dieselbe Eingabe:

# %% tags=["vertiefung"]
ours = Conv2D(8, 3, padding="same", strides=2, seed=0)
theirs = keras.layers.Conv2D(8, 3, padding="same", strides=2)
stapel = x_test[:16]
ours(stapel)
theirs.build(stapel.shape)
theirs.set_weights(ours.get_weights())
max_abweichung = float(np.abs(ours(stapel).data - keras.ops.convert_to_numpy(theirs(stapel))).max())
print(f"größte Abweichung Scratch vs. Keras: {max_abweichung:.2e}")
dlkurs.report(conv_max_abs_diff=max_abweichung)

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Ein kleines Convnet mit der Scratch-Engine

# %% tags=["vertiefung"]
n_train = dlkurs.pick(quick=1_000, full=10_000)
epochen = dlkurs.pick(quick=1, full=3)
netz = Sequential([
    Conv2D(16, 3, activation="relu", seed=1), MaxPool2D(2),
    Conv2D(32, 3, activation="relu", seed=2), MaxPool2D(2),
    Flatten(), Dense(10, activation="softmax", seed=3),
])
netz.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
verlauf = netz.fit(x_train[:n_train], y_train[:n_train], batch_size=64, epochs=epochen, seed=0, verbose=1)
n_test = dlkurs.pick(quick=1_000, full=10_000)
_, scratch_genauigkeit = netz.evaluate(x_test[:n_test], y_test[:n_test])
print(f"Testgenauigkeit des Scratch-Convnets: {scratch_genauigkeit:.3f}")
dlkurs.report(scratch_test_accuracy=scratch_genauigkeit)

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Wie schnell? Schleife, Engine, Keras
#
# Beide Faltungen dieses Netzes (Stapel von 64 Bildern), vorwärts und rückwärts. Die Zeiten
# schwanken von Lauf zu Lauf (auf einem Laptop bis etwa Faktor 1,7) – lies das Verhältnis
# als Größenordnung, nicht als feste Zahl.

# %% tags=["vertiefung"]
zeiten = benchmark.conv_timings(repeats=dlkurs.pick(quick=2, full=5))
for name, sekunden in zeiten.items():
    print(f"{name:<7} {sekunden * 1e3:7.1f} ms")
verhaeltnis = zeiten["engine"] / zeiten["keras"]
print(f"Engine / Keras: {verhaeltnis:.2f}")
dlkurs.report(engine_keras_time_ratio=verhaeltnis)

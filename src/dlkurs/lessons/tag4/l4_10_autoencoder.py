# %% [markdown]
# # 4.10 Autoencoder
#
# Bisher hatte jedes Netz ein Ziel, das ein Mensch vorgegeben hat: ein Label,
# einen Preis, das nächste Wort. Ein **Autoencoder** lernt ohne Labels. Er
# bekommt ein Bild und soll *dasselbe Bild* wieder ausgeben – aber durch einen
# engen **Engpass** hindurch: Ein **Encoder** presst die 784 Pixel einer
# Ziffer in wenige Zahlen, den **Code**, und ein **Decoder** baut daraus das
# Bild wieder auf. Weil nicht alles durch den Engpass passt, muss das Netz
# lernen, was an einer Ziffer *wesentlich* ist.
#
# Am Ende dieser Lektion kannst du
#
# 1. einen dichten Autoencoder (784 → 128 → 32 → 128 → 784) bauen, trainieren
#    und seine Rekonstruktionen beurteilen,
# 2. einen Code mit nur **zwei** Zahlen als Landkarte der Ziffern zeichnen,
# 3. einen **entrauschenden** Autoencoder trainieren (verrauschtes Bild hinein,
#    sauberes Bild als Ziel) und das Rauschen selbst erzeugen,
# 4. einen **Faltungs-Autoencoder** bauen, der mit weniger Gewichten besser
#    rekonstruiert,
# 5. (Vertiefung) erklären, wie ein **variationaler Autoencoder** aus dem
#    Code-Raum neue Ziffern erzeugt.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.reconstruction import latent_grid, plot_latent_space, show_rows

aufgabe = aufgaben("4.10")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Daten: MNIST ohne Labels
#
# Für das Training brauchen wir nur die Bilder, als Zahlen in [0, 1]. Die
# Labels heben wir auf, um die Codes später nach Ziffern einzufärben – der
# Autoencoder selbst sieht sie nie. (Im Schnelldurchlauf nimmt die Lektion
# nur einen Teil der Bilder und wenige Epochen; die Bilder sind dann
# unschärfer als im vollen Profil.)

# %%
(bilder, _), (test_bilder, test_labels) = load("mnist")
n_train = dlkurs.pick(quick=2000, full=60000)
n_test = dlkurs.pick(quick=500, full=10000)
x_train = (bilder[:n_train].astype("float32") / 255).reshape(-1, 784)
x_test = (test_bilder[:n_test].astype("float32") / 255).reshape(-1, 784)
y_test = test_labels[:n_test]
print("Training:", x_train.shape, " Test:", x_test.shape, " Werte von", x_train.min(), "bis", x_train.max())

# %% [markdown]
# ## Ein dichter Autoencoder
#
# Encoder und Decoder sind zwei gewöhnliche `Sequential`-Modelle; der
# Autoencoder schaltet sie hintereinander. So können wir später den Encoder
# allein aufrufen, um die Codes anzusehen, und den Decoder allein, um aus
# Codes Bilder zu machen.
#
# - Die Ausgabe hat **Sigmoid**, denn jedes Pixel liegt in [0, 1].
# - Als Verlust nehmen wir die **binäre Kreuzentropie** je Pixel: Jedes
#   Pixel wird behandelt wie eine Wahrscheinlichkeit „hell“. Das Ziel beim
#   Training ist die Eingabe selbst: `fit(x_train, x_train)`.

# %%
def baue_dichten_autoencoder(code=32):
    encoder = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(code, activation="relu" if code > 2 else None),
    ], name="encoder")
    decoder = keras.Sequential([
        keras.Input(shape=(code,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(784, activation="sigmoid"),
    ], name="decoder")
    autoencoder = keras.Sequential([encoder, decoder], name="autoencoder")
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    return encoder, decoder, autoencoder


encoder, decoder, autoencoder = baue_dichten_autoencoder()
autoencoder.summary()

# %% [markdown]
# Der Code hat 32 Zahlen statt 784 Pixel: ein Vierundzwanzigstel. Trainiert
# wird wie immer, nur dass Eingabe und Ziel dieselben Bilder sind.

# %%
epochen = dlkurs.pick(quick=2, full=20)
verlauf = autoencoder.fit(x_train, x_train, epochs=epochen, batch_size=256,
                          validation_data=(x_test, x_test), verbose=0)
dense_bce = autoencoder.evaluate(x_test, x_test, verbose=0)
print(f"{epochen} Epochen; binäre Kreuzentropie je Pixel auf den Testbildern: {dense_bce:.4f}")
dlkurs.report(dense_bce=dense_bce)

# %%
rekonstruiert = autoencoder.predict(x_test[:10], verbose=0)
show_rows({"Original": x_test[:10], "Rekonstruktion": rekonstruiert})
plt.show()

# %% [markdown]
# Die Ziffern kommen deutlich erkennbar zurück, aber etwas weicher: Feine
# Eigenheiten der Handschrift passen nicht durch 32 Zahlen. Das ist der Preis
# der Kompression – und zugleich der Beweis, dass der Code das Wesentliche
# enthält.
#
# Was heißt die Zahl? Der Verlust ist die mittlere Kreuzentropie je Pixel.
# Auch eine perfekte Rekonstruktion hätte keinen Verlust von 0, weil die
# grauen Randpixel der Ziffern weder 0 noch 1 sind. Im vollen Profil (60 000
# Bilder, 20 Epochen) lag er bei uns um 0,087 – vergleiche Zahlen deshalb nur
# zwischen Modellen auf denselben Testbildern.
#
# ## Der Code als Landkarte: zwei Zahlen je Ziffer
#
# 32 Zahlen kann man nicht zeichnen. Wir trainieren deshalb denselben
# Autoencoder noch einmal mit einem Engpass aus nur **zwei** Zahlen. Dann ist
# jede Ziffer ein Punkt in der Ebene, und wir färben die Punkte nach dem
# Label, das der Autoencoder nie gesehen hat:

# %%
encoder_2d, decoder_2d, autoencoder_2d = baue_dichten_autoencoder(code=2)
autoencoder_2d.fit(x_train, x_train, epochs=epochen, batch_size=256, verbose=0)
codes = encoder_2d.predict(x_test, verbose=0)
print(f"Verlust mit 2 Zahlen: {autoencoder_2d.evaluate(x_test, x_test, verbose=0):.4f} "
      f"(mit 32 Zahlen: {dense_bce:.4f})")
plot_latent_space(codes, y_test, title="Codes der Testbilder (Engpass mit 2 Zahlen)")
plt.show()

# %% [markdown]
# Ohne ein einziges Label hat der Autoencoder die Ziffern sortiert: Im
# vollen Profil bilden 0, 1, 6 und 7 eigene Wolken, ähnliche Ziffern (4 und
# 9, 3, 5 und 8) liegen in der Mitte übereinander. Zwei Zahlen sind aber zu wenig für gute
# Bilder: Der Verlust ist deutlich höher als mit 32. Beachte auch die Form
# der Karte: Die Wolken sind langgezogen, haben Lücken dazwischen, und die
# Achsen haben keine feste Skala. Genau das wird beim Erzeugen neuer Bilder
# zum Problem – mehr dazu in der Vertiefung am Ende.
#
# ## Aufgabe 1: Rauschen, das im Bild bleibt
#
# Ein **entrauschender Autoencoder** bekommt ein verrauschtes Bild und soll
# das *saubere* wiederherstellen. Dafür brauchen wir verrauschte Bilder.
#
# Schreibe `verrauschen(bilder, staerke)`:
#
# - addiere zu **jedem Pixel eine eigene Zufallszahl** aus einer
#   Normalverteilung mit Mittelwert 0 und Standardabweichung `staerke`
#   (`rng.normal(0.0, staerke, size=...)` mit dem `rng` unten),
# - schneide das Ergebnis auf **[0, 1]** zu (`np.clip`), denn die Ausgabe des
#   Autoencoders (Sigmoid) und die Kreuzentropie erwarten Werte in [0, 1],
# - gib ein neues Array derselben Form zurück und lass `bilder` unverändert.

# %%
rng = np.random.default_rng(0)


def verrauschen(bilder, staerke):
    ### BEGIN SOLUTION verrauschen
    rauschen = rng.normal(0.0, staerke, size=bilder.shape)
    return np.clip(bilder + rauschen, 0.0, 1.0).astype("float32")
    ### END SOLUTION


aufgabe.verrauschen.check(verrauschen)

# %%
# aufgabe.verrauschen.hint()
# aufgabe.verrauschen.solution()

# %% [markdown]
# Geprüft wird dein Rauschen an grauen Bildern (jedes Pixel 0,5): Dort muss
# es im Mittel 0 sein, die verlangte Standardabweichung haben und von Pixel
# zu Pixel verschieden sein; an echten Ziffern bleibt jedes Pixel in [0, 1].
#
# ## Der entrauschende Autoencoder
#
# Dasselbe Netz wie oben, nur mit anderen Trainingspaaren: verrauschtes Bild
# hinein, sauberes Bild als Ziel. Mit `staerke = 0.4` ist das Rauschen so
# stark, dass man manche Ziffer selbst zweimal ansehen muss.

# %%
staerke = 0.4
x_train_verrauscht = verrauschen(x_train, staerke)
x_test_verrauscht = verrauschen(x_test, staerke)

_, _, entrauscher = baue_dichten_autoencoder()
entrauscher.fit(x_train_verrauscht, x_train, epochs=epochen, batch_size=256, verbose=0)
denoising_bce = entrauscher.evaluate(x_test_verrauscht, x_test, verbose=0)
nur_rekonstruiert = autoencoder.evaluate(x_test_verrauscht, x_test, verbose=0)
print(f"Verrauscht hinein, sauber verglichen – entrauschender Autoencoder: {denoising_bce:.4f}, "
      f"gewöhnlicher Autoencoder von oben: {nur_rekonstruiert:.4f}")
dlkurs.report(denoising_bce=denoising_bce)

# %%
show_rows({
    "Original": x_test[:10],
    "verrauscht": x_test_verrauscht[:10],
    "entrauscht": entrauscher.predict(x_test_verrauscht[:10], verbose=0),
    "gewöhnlicher AE": autoencoder.predict(x_test_verrauscht[:10], verbose=0),
})
plt.show()

# %% [markdown]
# Der entrauschende Autoencoder gibt aus dem Schnee wieder saubere Ziffern.
# Der gewöhnliche Autoencoder von oben hat verrauschte Bilder nie gesehen: Er
# macht aus ihnen verzerrte Flecken (untere Reihe), sein Verlust ist rund
# dreimal so hoch.
# Der Verlust des Entrauschers ist höher als der des gewöhnlichen
# Autoencoders auf *sauberen* Bildern (0,087 gegen 0,113 im vollen Profil) – er muss ja
# erraten, was unter dem Rauschen lag.
#
# ## Ein Faltungs-Autoencoder
#
# Für Bilder sind Faltungen die bessere Wahl (Lektion 3.3): Ein Encoder aus
# `Conv2D` und `MaxPooling2D` verkleinert das Bild auf eine kleine
# Merkmalskarte, ein Decoder aus `Conv2DTranspose` mit `strides=2` (eine
# „umgekehrte“ Faltung, die das Bild je Schritt verdoppelt) baut es wieder
# auf.
#
# ## Aufgabe 2: Der Faltungs-Autoencoder
#
# Schreibe `baue_faltungs_autoencoder()` für Bilder der Form (28, 28, 1):
#
# - Encoder aus `Conv2D`-Schichten mit **ReLU** und `MaxPooling2D` (oder
#   `strides=2`), bis zu einem **Engpass mit höchstens 392 Zahlen** – halb so
#   viele wie Pixel, z. B. eine Merkmalskarte 7 × 7 × 8,
# - Decoder zurück auf **(28, 28, 1)**, mit **Sigmoid** in der letzten Schicht,
# - kompiliert mit **Adam** und **binary_crossentropy**.

# %%
def baue_faltungs_autoencoder():
    ### BEGIN SOLUTION faltungs_autoencoder
    ###> modell = ___  # ein keras.Sequential: zuerst keras.Input, dann Encoder und Decoder
    ###> modell.compile(___)
    ###> return modell
    modell = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(),                                    # 14 × 14 × 16
        layers.Conv2D(8, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(),                                    # 7 × 7 × 8 = 392: der Engpass
        layers.Conv2DTranspose(8, 3, strides=2, activation="relu", padding="same"),   # 14 × 14 × 8
        layers.Conv2DTranspose(16, 3, strides=2, activation="relu", padding="same"),  # 28 × 28 × 16
        layers.Conv2D(1, 3, activation="sigmoid", padding="same"),                    # 28 × 28 × 1
    ], name="faltungs_autoencoder")
    modell.compile(optimizer="adam", loss="binary_crossentropy")
    return modell
    ### END SOLUTION


aufgabe.faltungs_autoencoder.check(baue_faltungs_autoencoder())

# %%
# aufgabe.faltungs_autoencoder.hint()
# aufgabe.faltungs_autoencoder.solution()

# %% [markdown]
# Vergleiche mit `summary()`: Der Faltungs-Autoencoder hat nur ein paar
# tausend Gewichte, der dichte gut 200 000. Wir trainieren ihn auf denselben
# Bildern, jetzt mit Kanalachse (28, 28, 1). Faltungen rechnen mehr je
# Gewicht; im vollen Profil nimmt er deshalb nur 30 000 Bilder und ist trotzdem
# der langsamste Teil der Lektion.

# %%
faltungs_ae = baue_faltungs_autoencoder()
faltungs_ae.summary()
n_faltung = dlkurs.pick(quick=1000, full=30000)
epochen_faltung = dlkurs.pick(quick=2, full=8)
x_train_bild = x_train[:n_faltung].reshape(-1, 28, 28, 1)
x_test_bild = x_test.reshape(-1, 28, 28, 1)
faltungs_ae.fit(x_train_bild, x_train_bild, epochs=epochen_faltung, batch_size=128, verbose=0)
conv_bce = faltungs_ae.evaluate(x_test_bild, x_test_bild, verbose=0)
print(f"Faltungs-Autoencoder: {conv_bce:.4f}   dichter Autoencoder: {dense_bce:.4f}")
dlkurs.report(conv_bce=conv_bce)

# %%
show_rows({"Original": x_test[:10],
           "dicht (32 Zahlen)": rekonstruiert,
           "Faltung (392 Zahlen)": faltungs_ae.predict(x_test_bild[:10], verbose=0)})
plt.show()

# %% [markdown]
# Der Faltungs-Autoencoder rekonstruiert schärfer (im vollen Profil bei uns
# 0,076 statt 0,087) – mit einem Bruchteil der Gewichte. Fair ist der
# Vergleich nicht ganz: Sein Engpass ist mit 392 Zahlen zwölfmal so groß wie
# der des dichten Netzes. Dafür steckt in ihm noch die Lage der Merkmale im
# Bild, und die Faltungen teilen ihre Gewichte über alle Stellen.
#
# Wozu das alles, wenn am Ende nur das Bild wieder herauskommt?
#
# - **Kompression und Merkmale:** Der Code ist eine kurze Beschreibung des
#   Bildes; Netze für andere Aufgaben können auf ihm aufbauen.
# - **Entrauschen und Ergänzen:** Bilder, Tonaufnahmen, Messreihen säubern.
# - **Anomalien finden:** Was der Autoencoder schlecht rekonstruiert, sieht
#   anders aus als alles, was er gelernt hat (defekte Bauteile, Betrug).
# - **Erzeugen:** Mit einem geordneten Code-Raum kann der Decoder *neue*
#   Bilder malen – das zeigt die Vertiefung.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Der variationale Autoencoder (VAE)
#
# Der Decoder des 2-D-Autoencoders macht aus jedem Punkt der Ebene ein Bild.
# Neue Ziffern erzeugt er trotzdem schlecht: Zwischen den Wolken liegen
# Lücken, die er nie gesehen hat, und wir wissen nicht, wo in der Ebene
# sinnvolle Codes liegen. Der **variationale Autoencoder** (Kingma und
# Welling, 2013) ordnet den Code-Raum:
#
# 1. Der Encoder gibt für jedes Bild keinen Punkt aus, sondern eine kleine
#    **Wolke**: einen Mittelwert `z_mittel` und eine (logarithmierte) Varianz
#    `z_log_var`.
# 2. Beim Training wird aus dieser Wolke ein zufälliger Code gezogen
#    (`z = z_mittel + exp(z_log_var / 2) · ε` mit ε normalverteilt) – der
#    Decoder muss also mit allen Punkten *in der Nähe* zurechtkommen.
# 3. Ein zweiter Verlust, die **KL-Divergenz**, zieht alle Wolken zur
#    Standardnormalverteilung um den Ursprung. So liegen die Codes dicht, ohne
#    Lücken, und wir wissen, wo wir neue Codes ziehen können.
#
# Den zweiten Verlust trägt die Schicht, die den Code zieht, mit `add_loss`
# selbst ein; `fit` addiert ihn zum Rekonstruktionsverlust aus `compile`.
# Gerechnet wird nur mit `keras.ops` und `keras.random`, so läuft es unter
# jedem Backend.

# %% tags=["vertiefung"]
class Ziehen(layers.Layer):
    """Zieht z = z_mittel + exp(z_log_var / 2) · ε und trägt die KL-Divergenz als Verlust ein."""

    def __init__(self, gewicht=1.0, **kwargs):
        super().__init__(**kwargs)
        self.gewicht = gewicht
        self.seed = keras.random.SeedGenerator(42)

    def call(self, z_mittel, z_log_var):
        kl = -0.5 * keras.ops.mean(keras.ops.sum(
            1 + z_log_var - keras.ops.square(z_mittel) - keras.ops.exp(z_log_var), axis=1))
        self.add_loss(self.gewicht * kl)
        eps = keras.random.normal(keras.ops.shape(z_mittel), seed=self.seed)
        return z_mittel + keras.ops.exp(0.5 * z_log_var) * eps


eingabe = keras.Input(shape=(784,))
h = layers.Dense(256, activation="relu")(eingabe)
z_mittel = layers.Dense(2, name="z_mittel")(h)
z_log_var = layers.Dense(2, name="z_log_var")(h)
# compile mittelt die Kreuzentropie über 784 Pixel; die KL-Divergenz gehört zur Summe über das Bild
z = Ziehen(gewicht=1 / 784)(z_mittel, z_log_var)
vae_decoder = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(256, activation="relu"),
                                layers.Dense(784, activation="sigmoid")], name="vae_decoder")
vae = keras.Model(eingabe, vae_decoder(z), name="vae")
vae_encoder = keras.Model(eingabe, z_mittel, name="vae_encoder")
vae.compile(optimizer="adam", loss="binary_crossentropy")
verlauf_vae = vae.fit(x_train, x_train, epochs=dlkurs.pick(quick=2, full=20), batch_size=128, verbose=0)
print(f"VAE: Verlust (Rekonstruktion + KL/784) in der letzten Epoche {verlauf_vae.history['loss'][-1]:.4f}")

# %% [markdown] tags=["vertiefung"]
# Links die Mittelwerte der Codes aller Testbilder, rechts, was der Decoder
# aus einem regelmäßigen Gitter von Codes zwischen −2 und 2 malt. Kein Bild
# rechts stammt aus den Daten: Es sind **neue Ziffern**, und sie gehen
# fließend ineinander über.

# %% tags=["vertiefung"]
plot_latent_space(vae_encoder.predict(x_test, verbose=0), y_test, title="VAE: Codes der Testbilder")
plt.show()
gitter = latent_grid(lambda c: vae_decoder.predict(c, verbose=0), n=15, span=(-2.0, 2.0))
plt.figure(figsize=(7, 7))
plt.imshow(gitter, cmap="gray", vmin=0, vmax=1)
plt.title("Vom VAE-Decoder gemalt: ein Gitter von Codes zwischen −2 und 2")
plt.axis("off")
plt.show()

# %% [markdown] tags=["vertiefung"]
# Zufällige Codes aus der Standardnormalverteilung ergeben ebenfalls lesbare
# Ziffern – das ist der ganze Trick generativer Modelle: Verteilung im
# Code-Raum festlegen, ziehen, decodieren.

# %% tags=["vertiefung"]
neue_codes = np.random.default_rng(1).normal(size=(10, 2)).astype("float32")
show_rows({"neu gezogen": vae_decoder.predict(neue_codes, verbose=0)})
plt.show()

# %% [markdown] tags=["vertiefung"]
# Von hier führt der Weg zu den heutigen Bildgeneratoren: **GANs** lassen
# einen Decoder gegen einen Prüfer antreten, **Diffusionsmodelle** lernen,
# Rauschen Schritt für Schritt zu entfernen – ein entrauschender
# Autoencoder, viele Male hintereinander angewandt. Und Stable Diffusion
# rechnet im Code-Raum eines Autoencoders, nicht auf den Pixeln.

# %% [markdown]
# ## Was das Buch anders macht
#
# Das Buch (Chollet, *Deep Learning with Python*, Keras 2) zeigt den VAE mit
# einer eigenen Schicht, die den Verlust mit `add_loss` einträgt, gerechnet
# mit dem Backend-Modul `K` (`K.random_normal`, `K.exp`), und ruft
# `fit(x_train, None)` ohne Ziel auf. Das Modul `K` gibt es in Keras 3 nicht
# mehr; an seine Stelle treten `keras.ops` und `keras.random` mit einem
# `SeedGenerator`. Wir übergeben die Bilder auch als Ziel und lassen
# `compile` die Rekonstruktion rechnen: So bleibt `fit` ganz gewöhnlich und
# läuft unter TensorFlow wie unter JAX. Die zweite Auflage des Buchs schreibt
# stattdessen einen eigenen `train_step` mit `GradientTape`, der nur unter
# TensorFlow läuft. Den entrauschenden Autoencoder und den dichten
# 784-128-32-Autoencoder kannte schon der ursprüngliche Kurs; neu ist hier der
# Faltungs-Autoencoder zum Vergleich.
#
# ## Zusammenfassung
#
# - Ein **Autoencoder** lernt ohne Labels: Eingabe und Ziel sind dasselbe
#   Bild, dazwischen liegt ein **Engpass** (der Code).
# - Encoder und Decoder als eigene Modelle: `keras.Sequential([encoder,
#   decoder])` trainieren, danach jeden Teil allein benutzen.
# - Sigmoid am Ausgang und **binäre Kreuzentropie** je Pixel, weil die Pixel
#   in [0, 1] liegen; Rauschen deshalb mit `np.clip` auf [0, 1] zuschneiden.
# - Ein Code mit zwei Zahlen ist eine Landkarte: Die Ziffern ordnen sich
#   ohne Labels zu Wolken.
# - **Entrauschen:** verrauscht hinein, sauber als Ziel.
# - **Faltungs-Autoencoder** rekonstruieren Bilder besser mit viel weniger
#   Gewichten.
# - Der **VAE** ordnet den Code-Raum (KL-Divergenz per `add_loss`) und kann
#   so neue Bilder erzeugen.

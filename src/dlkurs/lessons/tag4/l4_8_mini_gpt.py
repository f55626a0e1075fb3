# %% [markdown]
# # 4.8 Ein deutscher Mini-GPT
#
# GPT heißt *Generative Pre-trained Transformer*: ein Transformer, der nur
# nach links schauen darf und an jeder Stelle das **nächste Wort**
# vorhersagt. In Lektion 4.6 hat eine GRU Zeichen für Zeichen gedichtet;
# jetzt baut ein kleiner Transformer aus den Bausteinen von Lektion 4.7 den
# Faust Wort für Wort nach.
#
# Am Ende dieser Lektion kannst du
#
# 1. einen umkehrbaren Wort-Tokenizer bauen, der Groß- und Kleinschreibung
#    in eigene Zeichen (⇧, ⇪) auslagert,
# 2. eine **kausale Maske** schreiben und erklären, warum ein Sprachmodell sie
#    braucht,
# 3. einen Decoder-only-Transformer in Keras zusammensetzen, trainieren und
#    seinen Verlust als **Perplexität** lesen,
# 4. mit Temperatur und Top-k aus einem deutschen Anfang Text erzeugen,
# 5. den „ReZero“-Fehler des Originals erkennen: ein Gewicht, das Keras nie
#    trainiert, weil es nicht mit `add_weight` angelegt wurde.
#
# Diese Lektion nutzt TensorFlow direkt (für den nachgestellten Fehler mit
# `tf.Variable`); sie läuft deshalb nur mit dem TensorFlow-Backend.

# %%
import re
from collections import Counter

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers, ops

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.generation import generate, text_progress

aufgabe = aufgaben("4.8")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Ein Tokenizer für deutschen Text
#
# Das Original (ein Rezeptgenerator; dessen Rezeptdaten hatten keine Lizenz)
# zerlegte Text in Wörter und Satzzeichen und verlegte die Großschreibung in
# eigene Tokens. Das machen wir auch: Im Deutschen wird jedes Nomen
# großgeschrieben; „Nacht“ und „nacht“ wären sonst zwei Wörter, und das
# Vokabular wäre fast doppelt so groß. Deshalb:
#
# - `⇧` vor einem Wort: Der erste Buchstabe ist groß („Nacht“ → `⇧ nacht`).
# - `⇪` vor einem Wort: Das ganze Wort ist groß („FAUST“ → `⇪ faust`) – so
#   stehen im Faust die Namen der Sprecher.
# - Satzzeichen und der Zeilenumbruch `⏎` sind eigene Tokens.
#
# ## Aufgabe 1: Ein Wort markieren
#
# Schreibe `markiere(wort)`: Es bekommt ein Wort oder Satzzeichen und gibt
# die **Liste** seiner Tokens zurück:
#
# - ganz großgeschrieben und länger als ein Buchstabe („FAUST“) → `["⇪", "faust"]`,
# - erster Buchstabe groß („Nacht“, auch „A“) → `["⇧", "nacht"]` bzw. `["⇧", "a"]`,
# - sonst (klein, Satzzeichen, Zahl) → `[wort]`.
#
# Das Wort nach dem Zeichen steht immer **kleingeschrieben** da.

# %%
### BEGIN SOLUTION markiere
###> def markiere(wort):
###>     return ___
def markiere(wort):
    if len(wort) > 1 and wort.isupper():
        return ["⇪", wort.lower()]
    if wort[:1].isupper():
        return ["⇧", wort.lower()]
    return [wort]
### END SOLUTION


aufgabe.markiere.check(markiere)

# %%
# aufgabe.markiere.hint()
# aufgabe.markiere.solution()

# %% [markdown]
# Damit ist der Tokenizer schnell geschrieben: Ein regulärer Ausdruck findet
# Wörter (`\w+`), Zeilenumbrüche und einzelne Satzzeichen; jedes Stück geht
# durch `markiere`. Rückwärts setzt `zusammensetzen` Groß- und
# Kleinschreibung wieder ein und klebt Satzzeichen an das Wort davor.

# %%
TEILE = re.compile(r"\w+|\n|[^\w\s]")


def zerlege(text):
    return [token for teil in TEILE.findall(text) for token in markiere(teil.replace("\n", "⏎"))]


def zusammensetzen(tokens):
    text, gross = "", None
    for token in tokens:
        if token in ("⇧", "⇪"):
            gross = token
            continue
        if gross == "⇧":
            token = token[:1].upper() + token[1:]
        elif gross == "⇪":
            token = token.upper()
        gross = None
        if token == "⏎":
            text += "\n"
        elif re.match(r"\w|<unk>", token) and text and text[-1] not in "\n'(":
            text += " " + token  # Wörter durch Leerzeichen trennen, nicht nach ' wie in „wir's“
        else:
            text += token  # Satzzeichen kleben am Wort davor
    return text


probe = "FAUST:\nHabe nun, ach! Philosophie,\nJuristerei und Medizin,"
print(zerlege(probe))
print(zusammensetzen(zerlege(probe)))

# %% [markdown]
# Bis auf Leerzeichen kommt derselbe Text heraus. Jetzt der ganze Faust
# (beide Teile, ohne die Lizenz des Projekts Gutenberg dazwischen, wie in
# Lektion 4.6). Wir zählen die Tokens und behalten die 5 000 häufigsten als Vokabular.
# Seltenere Wörter werden zum Token `<unk>` (unbekannt).

# %%
roh = load("faust").read_text(encoding="utf-8")
ende_teil1 = roh.index("Ende dieses Projekt Gutenberg")
anfang_teil2 = roh.index("Faust:  Der Tragödie zweiter Teil")
text = (roh[:ende_teil1] + roh[anfang_teil2:]).replace("\ufeff", "")  # ohne unsichtbare BOM-Zeichen
tokens = zerlege(text)
haeufigkeit = Counter(tokens)
vokabular = ["<pad>", "<unk>"] + [t for t, _ in haeufigkeit.most_common(4998)]
token_id = {t: i for i, t in enumerate(vokabular)}
ids = np.array([token_id.get(t, 1) for t in tokens], dtype="int32")
abgedeckt = np.mean(ids != 1)
print(f"{len(tokens):_} Tokens, davon {len(haeufigkeit):_} verschiedene".replace("_", "."))
print(f"Das Vokabular aus {len(vokabular)} Tokens deckt {100 * abgedeckt:.1f} % des Textes ab".replace(".", ","))
print("Häufigste Tokens:", vokabular[2:22])

# %% [markdown]
# ## Trainingsdaten
#
# Wie in Lektion 4.6: Blöcke aus `laenge + 1` Tokens, `x` ohne das letzte,
# `y` ohne das erste Token. Das Modell sagt an jeder der `laenge` Stellen das
# nächste Token voraus. Die letzten 10 % des Textes sind die
# Validierungsdaten.

# %%
laenge = 64
grenze = int(len(ids) * 0.9)


def lernpaare(teil, schritt):
    starts = np.arange(0, len(teil) - laenge - 1, schritt)
    bloecke = np.stack([teil[s:s + laenge + 1] for s in starts])
    return bloecke[:, :-1], bloecke[:, 1:]


n_train, n_val = dlkurs.pick(quick=(6_000, 3_000), full=(None, None))
x_train, y_train = lernpaare(ids[:grenze][:n_train], schritt=laenge)
x_val, y_val = lernpaare(ids[grenze:][:n_val], schritt=laenge)
print("Training:", x_train.shape, " Validierung:", x_val.shape)

# %% [markdown]
# ## Aufgabe 2: Die kausale Maske
#
# Beim Training sieht der Transformer den ganzen Block auf einmal. Dürfte
# Position 5 auf Position 6 schauen, könnte das Modell das nächste Wort
# einfach *abschreiben* – und beim Generieren, wo es das nächste Wort noch
# nicht gibt, versagen. Eine **kausale Maske** erlaubt jeder Position nur
# den Blick auf sich selbst und auf frühere Positionen.
#
# Schreibe `kausale_maske(n)`: ein NumPy-Array der Form `(n, n)` mit
# Wahrheitswerten. Eintrag `[i, j]` ist `True`, wenn Position `i` auf
# Position `j` schauen darf (so liest `keras.layers.MultiHeadAttention` sein
# `attention_mask`).

# %%
### BEGIN SOLUTION kausale_maske
###> def kausale_maske(n):
###>     return ___
def kausale_maske(n):
    return np.tril(np.ones((n, n), dtype=bool))
### END SOLUTION


aufgabe.kausale_maske.check(kausale_maske)

# %%
# aufgabe.kausale_maske.hint()
# aufgabe.kausale_maske.solution()

# %%
print(kausale_maske(5).astype(int))

# %% [markdown]
# Zeile $i$ ist die Position, die fragt; in ihr stehen Einsen bis zur
# Diagonale. Keras baut genau diese Maske selbst, wenn man
# `use_causal_mask=True` übergibt. Das tun wir im Modell.
#
# ## Die Bausteine
#
# **Positionseinbettung.** Attention allein weiß nicht, in welcher
# Reihenfolge die Tokens stehen. Wir addieren deshalb zu jeder
# Token-Einbettung eine gelernte Einbettung ihrer Position (wie in 4.7).
#
# **Decoder-Block.** Kausale Selbst-Attention, dann ein kleines
# Feed-Forward-Netz, beide mit Residualverbindung. Statt LayerNormalization
# nutzt das Original **ReZero**: Beide Zweige eines Blocks werden mit einem
# gelernten Faktor $\alpha$ multipliziert, der bei **0** beginnt, $x \leftarrow x + \alpha
# \cdot f(x)$. Zu Beginn ist jeder Block die Identität, und das Netz schaltet
# die Blöcke beim Lernen nach und nach zu. Das trainiert tiefe Netze stabil
# und ohne Normalisierung.

# %%
class PositionsEinbettung(layers.Layer):
    def __init__(self, laenge, vokabular, dim, **kwargs):
        super().__init__(**kwargs)
        self.tokens = layers.Embedding(vokabular, dim)
        self.positionen = layers.Embedding(laenge, dim)

    def call(self, x):
        positionen = ops.arange(ops.shape(x)[-1])
        return self.tokens(x) + self.positionen(positionen)


class ReZeroBlock(layers.Layer):
    def __init__(self, dim, koepfe, ff_dim, wie_im_original=False, **kwargs):
        super().__init__(**kwargs)
        self.attention = layers.MultiHeadAttention(koepfe, dim // koepfe, dropout=0.1)
        self.ff = keras.Sequential([layers.Dense(ff_dim, activation="gelu"), layers.Dense(dim)])
        self.dropout = layers.Dropout(0.1)
        if wie_im_original:
            self.alpha = tf.Variable(0.0, trainable=True)  # der Fehler des Originals
        else:
            self.alpha = self.add_weight(shape=(), initializer="zeros", name="alpha")

    def call(self, x, training=False):
        x = x + self.alpha * self.attention(x, x, use_causal_mask=True, training=training)
        return x + self.alpha * self.dropout(self.ff(x), training=training)


# %% [markdown]
# ## Der Fehler des Originals
#
# Im Original stand an der Stelle von `self.add_weight(...)` die Zeile, die
# `ReZeroBlock` mit `wie_im_original=True` ausführt:
#
# ```python
# self.alpha = tf.Variable(0.0, trainable=True)
# ```
#
# In Keras 2 hat das funktioniert. Keras 3 kennt aber nur seine eigenen
# Variablen (`keras.Variable`, angelegt mit `add_weight`). Eine rohe
# `tf.Variable` landet nicht in `trainable_weights`; `fit` berechnet für sie
# keinen Gradienten und ändert sie nie. Weil $\alpha$ bei 0 beginnt, bleibt
# **jeder Block für immer die Identität**: Das Modell ist nur noch
# Einbettung plus Ausgabeschicht. Kein Fehler, keine Warnung – nur ein
# schlechteres Modell. Wir stellen das nach:

# %%
dim, koepfe, ff_dim = 128, 4, 256


def baue_gpt(wie_im_original=False, bloecke=2):
    eingabe = keras.Input(shape=(None,), dtype="int32")
    x = PositionsEinbettung(laenge, len(vokabular), dim)(eingabe)
    for _ in range(bloecke):
        x = ReZeroBlock(dim, koepfe, ff_dim, wie_im_original)(x)
    ausgabe = layers.Dense(len(vokabular), activation="softmax")(x)
    modell = keras.Model(eingabe, ausgabe)
    modell.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return modell


def alphas(modell):
    return [float(ops.convert_to_numpy(s.alpha)) for s in modell.layers if isinstance(s, ReZeroBlock)]


def trainierbar(modell):
    return [any(w is s.alpha for w in modell.trainable_weights)
            for s in modell.layers if isinstance(s, ReZeroBlock)]


mit_fehler = baue_gpt(wie_im_original=True)
richtig = baue_gpt()
print("α in trainable_weights – mit Fehler:", trainierbar(mit_fehler), " richtig:", trainierbar(richtig))
print(f"Parameter – mit Fehler: {mit_fehler.count_params():,}  richtig: {richtig.count_params():,}"
      .replace(",", "."))

# %% [markdown]
# Ein kurzes Training (eine Epoche) beider Modelle zeigt die Folge:

# %%
kurz = dict(x=x_train, y=y_train, validation_data=(x_val, y_val), epochs=1, batch_size=64, verbose=0)
v_fehler = mit_fehler.fit(**kurz).history["val_loss"][-1]
v_richtig = richtig.fit(**kurz).history["val_loss"][-1]
print("α nach einer Epoche – mit Fehler:", alphas(mit_fehler), " richtig:", np.round(alphas(richtig), 3))
print(f"Validierungsverlust – mit Fehler: {v_fehler:.3f}   richtig: {v_richtig:.3f}".replace(".", ","))

# %% [markdown]
# Die rohe `tf.Variable` steht nach dem Training immer noch auf 0: Die
# Transformer-Blöcke tragen nichts bei. Mit `add_weight` hat Keras $\alpha$
# gefunden und mitgelernt, und der Verlust ist kleiner. Merke: **In Keras 3
# legt eine Schicht jedes Gewicht mit `self.add_weight` an** (oder als
# Unterschicht wie `layers.Dense`). Ein Blick auf `trainable_weights` oder
# `count_params()` deckt einen solchen Fehler sofort auf.
#
# ## Training des Mini-GPT
#
# Wir trainieren das korrigierte Modell weiter. Nach jeder dritten Epoche
# druckt der Callback eine Textprobe; `schreibe` ist unten erklärt.

# %%
def naechstes_token(bisher):
    fenster_ids = ([token_id["⏎"]] * laenge + list(bisher))[-laenge:]
    p = ops.convert_to_numpy(modell.predict_on_batch(np.array([fenster_ids], dtype="int32")))[0, -1].copy()
    p[:2] = 0.0  # <pad> und <unk> nie ziehen: <unk> ist sonst das häufigste „Wort“
    return p / p.sum()


def schreibe(anfang, n=60, temperatur=0.8, top_k=40, seed=0):
    start = [token_id.get(t, 1) for t in zerlege(anfang)]
    neu = generate(naechstes_token, start, n, temperatur, rng=np.random.default_rng(seed), top_k=top_k)
    return zusammensetzen([vokabular[i] for i in start + neu])


modell = richtig
anfang = "FAUST:\nDas also war des Pudels Kern!"
epochen = dlkurs.pick(quick=1, full=12)
probe = text_progress(lambda epoche: schreibe(anfang, n=30), every=dlkurs.pick(quick=1, full=3))
verlauf = modell.fit(x_train, y_train, validation_data=(x_val, y_val), batch_size=64, verbose=0,
                     initial_epoch=1, epochs=1 + epochen, callbacks=[probe])  # Epoche 1 war oben

# %%
h = verlauf.history
epoche = np.arange(2, len(h["loss"]) + 2)  # ab Epoche 2
plt.figure(figsize=(6.5, 3.8))
plt.plot(epoche, h["loss"], "o-", label="Training")
plt.plot(epoche, h["val_loss"], "s--", label="Validierung")
plt.xlabel("Epoche")
plt.ylabel("Kreuzentropie je Token")
plt.title("Mini-GPT auf dem Faust")
plt.grid(alpha=0.3)
plt.legend()
plt.show()

val_loss = min(h["val_loss"])
perplexitaet = float(np.exp(val_loss))
print(f"bester Validierungsverlust {val_loss:.3f} → Perplexität {perplexitaet:.0f}".replace(".", ","))
dlkurs.report(val_loss=val_loss, perplexitaet=perplexitaet)

# %% [markdown]
# **Perplexität** ist $e^{\text{Verlust}}$: So viele Wörter hält das Modell im
# Mittel für gleich wahrscheinlich. Ein Modell, das rät, hätte eine
# Perplexität von 5 000 (die Größe des Vokabulars); der Mini-GPT liegt im
# vollen Profil unter 100. Steigt die Validierungskurve wieder, während die
# Trainingskurve fällt, lernt das Modell den Faust auswendig – bei
# nur rund 130 000 Trainingstokens passiert das nach wenigen Epochen. Darum
# melden wir den **besten** Validierungsverlust.
#
# ## Schreiben mit Temperatur und Top-k
#
# `schreibe` zerlegt den Anfang in Tokens und erzeugt mit `generate` (aus
# Lektion 4.6) Token für Token. Neu ist **Top-k**: Vor dem Ziehen bleiben nur
# die $k$ wahrscheinlichsten Tokens übrig, alle anderen bekommen
# Wahrscheinlichkeit 0. So zieht das Modell auch bei höherer Temperatur nie
# eines der tausenden sehr unwahrscheinlichen Wörter. Danach setzt
# `zusammensetzen` den Text mit Groß- und Kleinschreibung wieder zusammen.
# Ein Wort außerhalb des Vokabulars im Anfang erscheint als `<unk>`. Ziehen
# lassen wir `<unk>` nie: Alle seltenen Wörter zusammen sind für das Modell
# das häufigste „Wort“ überhaupt, und der Text bestünde zur Hälfte daraus.

# %%
for temperatur, top_k in [(0.5, 40), (0.8, 40), (1.0, None)]:
    print(f"──── Temperatur {temperatur:g}, Top-k {top_k or 'aus'} ────".replace(".", ","))
    print(schreibe("MEPHISTOPHELES:\nIch bin der Geist", n=dlkurs.pick(quick=30, full=80),
                   temperatur=temperatur, top_k=top_k, seed=3))
    print()

# %% [markdown]
# Lies die Proben im vollen Profil: Sprechernamen in Großbuchstaben, Verse
# mit Zeilenumbruch, Wörter aus dem Faust, oft in grammatisch plausibler
# Folge. Der Sinn bleibt dunkel – der Mini-GPT hat nur
# rund 130 000 Tokens gesehen; die echten GPTs lernen aus Billionen. Ohne
# Top-k (unterste Probe) tauchen mehr seltene, unpassende Wörter auf.
#
# ## Was das Original anders machte
#
# - Rezepte mit unklarer Lizenz; hier der gemeinfreie Faust.
# - Der ReZero-Faktor als rohe `tf.Variable`: in Keras 3 nie trainiert (siehe
#   oben). Hier `self.add_weight`.
# - Die kausale Maske aus Aufgabe 2 muss man in Keras 3 nicht selbst
#   übergeben: `MultiHeadAttention` baut sie mit `use_causal_mask=True`.
#
# ## Zusammenfassung
#
# - Ein GPT ist ein Transformer-Decoder mit kausaler Maske, der an jeder
#   Stelle das nächste Token vorhersagt.
# - Groß- und Kleinschreibung als eigene Tokens (⇧, ⇪) halten das deutsche
#   Vokabular klein, der Text bleibt umkehrbar.
# - Perplexität $= e^{\text{Verlust}}$ macht den Verlust anschaulich.
# - Temperatur und Top-k steuern, wie mutig das Modell schreibt.
# - Gewichte einer eigenen Schicht immer mit `add_weight`: Was Keras nicht
#   kennt, trainiert es nicht.

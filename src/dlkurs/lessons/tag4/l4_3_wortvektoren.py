# %% [markdown]
# # 4.3 Wortvektoren und Embeddings
#
# In Lektion 2.4 war eine Filmkritik ein **Multi-Hot-Vektor**: 10 000 Nullen
# und Einsen, eine Stelle je Wort, ob es vorkommt. Für dieses Netz sind
# „great“ und „excellent“ so verschieden wie „great“ und „awful“ – jedes Wort
# ist eine eigene Achse, und keine Achse weiß etwas von einer anderen.
#
# Ein **Embedding** gibt jedem Wort stattdessen einen kurzen, dichten Vektor
# (hier 32 oder 64 Zahlen), den das Netz *lernt*. Wörter, die in ähnlichen
# Zusammenhängen vorkommen, bekommen ähnliche Vektoren.
#
# Am Ende dieser Lektion kannst du
#
# 1. rohe Texte mit `keras.layers.TextVectorization` in Folgen von
#    Wortnummern verwandeln (Wortschatz, Länge, Standardisierung),
# 2. ein Modell aus `Embedding` und Pooling bauen und mit dem Multi-Hot-Modell
#    aus 2.4 vergleichen,
# 3. eigene Wortvektoren mit **Skip-Gram** (word2vec) auf den Kritiken
#    trainieren und erkunden: nächste Nachbarn mit der Kosinus-Ähnlichkeit,
#    eine 2-D-Karte, eine Analogie,
# 4. fertige Vektoren in eine `Embedding`-Schicht laden und einfrieren – so,
#    wie es in Keras 3 geht.

# %%
import warnings

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history
from dlkurs.kit.wordvectors import analogy, plot_word_map, skipgram_model, skipgram_pairs

aufgabe = aufgaben("4.3")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Rohe Kritiken lesen
#
# Diesmal beginnen wir beim **Rohtext**: `load("imdb")` liefert den Ordner
# mit den 50 000 Kritiken (Lektion 2.4). Der Ordner `pos` oder `neg` ist das
# Label. Im Text stecken HTML-Zeilenumbrüche `<br />`; die ersetzen wir beim
# Lesen durch Leerzeichen (warum, siehst du gleich).
#
# Im vollen Profil lesen wir alle 25 000 Trainings- und 25 000 Testkritiken,
# im Schnelldurchlauf je 1 000.

# %%
ordner = load("imdb")


def lies_kritiken(teil, n_je_klasse=None):
    """Texte und Labels (0 = negativ, 1 = positiv) eines Teils, gemischt."""
    texte, labels = [], []
    for label, klasse in enumerate(["neg", "pos"]):
        dateien = sorted((ordner / teil / klasse).glob("*.txt"))[:n_je_klasse]
        for datei in dateien:
            texte.append(datei.read_text(encoding="utf-8").replace("<br />", " "))
            labels.append(label)
    reihenfolge = np.random.default_rng(0).permutation(len(texte))
    return [texte[i] for i in reihenfolge], np.array(labels)[reihenfolge]


n_je_klasse = dlkurs.pick(quick=500, full=None)
train_texte, train_labels = lies_kritiken("train", n_je_klasse)
test_texte, test_labels = lies_kritiken("test", n_je_klasse)
print(f"Training: {len(train_texte)} Kritiken, Test: {len(test_texte)}")
print("\nErste Trainingskritik (Label", train_labels[0], "):\n", train_texte[0][:400], "…")

# %% [markdown]
# ## `TextVectorization`: vom Text zu Wortnummern
#
# Das Buch (Keras 2) zerlegte Texte mit `keras.preprocessing.text.Tokenizer`.
# Den gibt es in Keras 3 nicht mehr. An seine Stelle tritt die Schicht
# `layers.TextVectorization`. Sie macht in drei Schritten aus einem Text eine
# Folge ganzer Zahlen:
#
# 1. **Standardisieren** (`standardize`): Voreinstellung
#    `"lower_and_strip_punctuation"` – Kleinbuchstaben, Satzzeichen weg.
# 2. **Zerlegen** (`split`): an Leerzeichen in Wörter.
# 3. **Nachschlagen**: jedes Wort wird zu seiner Nummer im **Wortschatz**.
#    Den lernt die Schicht mit `adapt(texte)`: die `max_tokens` häufigsten
#    Wörter, nach Häufigkeit geordnet. Nummer 0 ist für das Auffüllen
#    (*Padding*) reserviert, Nummer 1 für unbekannte Wörter (`[UNK]`).
#
# Mit `output_sequence_length` werden alle Folgen auf dieselbe Länge
# gebracht: kürzere mit Nullen aufgefüllt, längere abgeschnitten. Erst
# dann passen sie in *ein* Array.
#
# Warum wir `<br />` vorher entfernen: Die Standardisierung löscht nur die
# Satzzeichen `<`, `/` und `>` – übrig bleibt `br`, und es klebt am
# vorigen Wort:

# %%
probe = layers.TextVectorization()
satz = "The acting was awful.<br /><br />The music, however, was great!"
probe.adapt([satz])
print([str(wort) for wort in probe.get_vocabulary()])

# %% [markdown]
# Aus „awful.<br />“ wird das Wort `awfulbr`, und jedes weitere `<br />`
# hinterlässt das „Wort“ `br`. Solche Kunstwörter verstopfen den Wortschatz,
# und „awful“ wird in `awfulbr` nicht wiedererkannt. Darum das `replace("<br />", " ")` beim Lesen.
#
# Dieselbe Eigenart bleibt an anderen Stellen: Satzzeichen werden
# *gelöscht*, nicht durch Leerzeichen ersetzt. Aus „larger-than-life“ wird
# `largerthanlife`, aus einem vergessenen Leerzeichen in „bad.The“ das Wort
# `badthe`. Das trifft seltene Schreibweisen; die häufigen Wörter stimmen.
# (Wer es genauer will, übergibt `standardize` eine eigene Funktion mit
# `tf.strings.regex_replace` – dann läuft die Vorverarbeitung aber nur mit
# TensorFlow.)
#
# ## Aufgabe 1: Den Vektorisierer einstellen
#
# Baue `vektorisierer`: eine `layers.TextVectorization` mit
#
# - einem Wortschatz aus den **20 000** häufigsten Wörtern (`max_tokens`),
# - Ausgabe als **Wortnummern** (`output_mode="int"`),
# - Folgen der festen Länge **300** (`output_sequence_length`),
# - der Standardisierung: Kleinbuchstaben, ohne Satzzeichen,
#
# und lass sie mit `adapt` den Wortschatz aus den **Trainingstexten** lernen.
# (Das dauert im vollen Profil einige Sekunden.)

# %%
max_tokens = 20_000
laenge = 300

### BEGIN SOLUTION vektorisierer
vektorisierer = layers.TextVectorization(
    max_tokens=max_tokens,
    output_mode="int",
    output_sequence_length=laenge,
    standardize="lower_and_strip_punctuation",
)
vektorisierer.adapt(train_texte)
### END SOLUTION
aufgabe.vektorisierer.check(vektorisierer)

# %%
# aufgabe.vektorisierer.hint()
# aufgabe.vektorisierer.solution()

# %% [markdown]
# Der Wortschatz beginnt mit den beiden reservierten Einträgen, dann folgen
# die häufigsten Wörter. So sieht eine Kritik als Zahlenfolge aus:

# %%
wortschatz = [str(wort) for wort in vektorisierer.get_vocabulary()]
print("Wortschatz:", len(wortschatz), "Einträge; die ersten 12:", wortschatz[:12])

x_train = keras.ops.convert_to_numpy(vektorisierer(train_texte[:1]))
print("\nForm einer vektorisierten Kritik:", x_train.shape)
print("Die ersten 20 Nummern:", x_train[0, :20])
print("Zurückübersetzt:     ", " ".join(wortschatz[i] for i in x_train[0, :20]))

# %% [markdown]
# Wir vektorisieren alle Texte einmal vorab (statt in jeder Epoche neu) und
# halten ein Fünftel der Trainingsdaten als Validierung zurück.

# %%
def vektorisiere(texte, stapel=2000):
    return np.concatenate([keras.ops.convert_to_numpy(vektorisierer(texte[i:i + stapel]))
                           for i in range(0, len(texte), stapel)])


x_alle = vektorisiere(train_texte)
x_test = vektorisiere(test_texte)
n_val = len(x_alle) // 5
x_val, y_val = x_alle[:n_val], train_labels[:n_val]
x_train, y_train = x_alle[n_val:], train_labels[n_val:]
y_test = test_labels
abgeschnitten = np.mean(x_alle[:, -1] != 0)
print("Training:", x_train.shape, " Validierung:", x_val.shape, " Test:", x_test.shape)
print(f"Kritiken, die länger als {laenge} Wörter sind und abgeschnitten wurden: {abgeschnitten:.0%}")

# %% [markdown]
# ## Die Embedding-Schicht
#
# `layers.Embedding(input_dim, output_dim)` ist eine Tabelle mit
# `input_dim` Zeilen (eine je Wortnummer) und `output_dim` Spalten. Für jede
# Nummer der Eingabe holt sie die passende Zeile heraus. Aus einer Folge von
# 300 Nummern wird so eine Matrix 300 × `output_dim`. Die Zahlen der Tabelle
# sind gewöhnliche Gewichte: Sie starten zufällig und werden beim Training
# angepasst.

# %%
tabelle = layers.Embedding(input_dim=max_tokens, output_dim=4)
folge = np.array([[2, 15, 2, 0]])
print("Eingabe", folge.shape, "-> Ausgabe", tuple(tabelle(folge).shape))
print(np.round(keras.ops.convert_to_numpy(tabelle(folge))[0], 3))

# %% [markdown]
# Zeile 1 und 3 sind gleich: dasselbe Wort (Nummer 2) bekommt immer
# denselben Vektor.
#
# Für die Klassifikation brauchen wir einen Vektor je *Kritik*, nicht je
# Wort. `GlobalAveragePooling1D` mittelt die 300 Wortvektoren zu einem.
# Die Reihenfolge der Wörter spielt dabei keine Rolle – wie beim Multi-Hot
# ist das ein „Sack voller Wörter“, aber einer aus gelernten Vektoren.
#
# ## Aufgabe 2: Das Embedding-Modell
#
# Schreibe `baue_embedding_modell()`. Es gibt ein **kompiliertes** Modell
# zurück:
#
# - Eingabe: Folgen von `laenge` = 300 Wortnummern
#   (`keras.Input(shape=(300,), dtype="int64")`),
# - `Embedding` mit `input_dim=max_tokens` und **32** Dimensionen,
# - ein Pooling über die Wörter, z. B. `GlobalAveragePooling1D`,
# - eine Ausgabe `Dense(1)` mit Sigmoid,
# - `compile` mit `optimizer="adam"`, dem Verlust `"binary_crossentropy"` und
#   `metrics=["accuracy"]` (die Kurven unten lesen sie).
#
# Eine `Dropout`-Schicht dazwischen ist erlaubt, weitere Schichten mit
# Gewichten nicht.

# %%
def baue_embedding_modell():
    ### BEGIN SOLUTION embedding_modell
    ###> modell = keras.Sequential([___])
    ###> modell.compile(___)
    ###> return modell
    modell = keras.Sequential([
        keras.Input(shape=(laenge,), dtype="int64"),
        layers.Embedding(input_dim=max_tokens, output_dim=32),
        layers.GlobalAveragePooling1D(),
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return modell
    ### END SOLUTION


aufgabe.embedding_modell.check(baue_embedding_modell())

# %%
# aufgabe.embedding_modell.hint()
# aufgabe.embedding_modell.solution()

# %% [markdown]
# Fast alle Parameter stecken in der Tabelle: 20 000 × 32 = 640 000. Die
# Ausgabeschicht hat nur 33.
#
# ## Training: Embedding gegen Multi-Hot
#
# Beide Modelle trainieren, bis die Validierungsgenauigkeit zwei Epochen lang
# nicht mehr steigt (`EarlyStopping`); dann nehmen sie die Gewichte der
# besten Epoche zurück. So vergleichen wir jedes Modell in seiner besten
# Form.

# %%
max_epochen = dlkurs.pick(quick=2, full=30)


def trainiere(modell, name, x_tr, x_va, stapel=64):
    stopp = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=2, restore_best_weights=True)
    verlauf = modell.fit(x_tr, y_train, validation_data=(x_va, y_val), epochs=max_epochen,
                         batch_size=stapel, callbacks=[stopp], verbose=0)
    print(f"{name}: {len(verlauf.history['loss'])} Epochen, beste Validierungsgenauigkeit "
          f"{max(verlauf.history['val_accuracy']):.3f}")
    return verlauf


keras.utils.set_random_seed(42)
embedding_modell = baue_embedding_modell()
verlauf_embedding = trainiere(embedding_modell, "Embedding", x_train, x_val)
plot_history(verlauf_embedding)
plt.show()

# %% [markdown]
# Zum Vergleich das Multi-Hot-Modell aus 2.4, diesmal mit
# `TextVectorization(output_mode="multi_hot")` aus denselben Rohtexten und
# demselben Wortschatz von 20 000 Wörtern:

# %%
multi_hot = layers.TextVectorization(output_mode="multi_hot", max_tokens=20_000)
multi_hot.adapt(train_texte)
xm_alle = np.concatenate([keras.ops.convert_to_numpy(multi_hot(train_texte[i:i + 2000]))
                          for i in range(0, len(train_texte), 2000)]).astype("uint8")
xm_test = np.concatenate([keras.ops.convert_to_numpy(multi_hot(test_texte[i:i + 2000]))
                          for i in range(0, len(test_texte), 2000)]).astype("uint8")

keras.utils.set_random_seed(42)
multi_hot_modell = keras.Sequential([
    keras.Input(shape=(multi_hot.vocabulary_size(),)),
    layers.Dense(16, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
], name="multi_hot")
multi_hot_modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
verlauf_multi_hot = trainiere(multi_hot_modell, "Multi-Hot", xm_alle[n_val:], xm_alle[:n_val], stapel=512)

# %%
acc_embedding = embedding_modell.evaluate(x_test, y_test, verbose=0, return_dict=True)["accuracy"]
acc_multi_hot = multi_hot_modell.evaluate(xm_test, y_test, verbose=0, return_dict=True)["accuracy"]
print(f"Testgenauigkeit Embedding + Mittelwert: {acc_embedding:.3f}")
print(f"Testgenauigkeit Multi-Hot + Dense:      {acc_multi_hot:.3f}")

# %% [markdown]
# Im vollen Profil liegen beide Modelle fast gleichauf (in unserem Lauf
# 0,88 mit Embedding, 0,89 mit Multi-Hot). Das
# Embedding-Modell schafft das mit einem Vektor aus 32 Zahlen je Kritik statt
# 20 000 – aber es sieht die Wörter genau so ungeordnet wie das
# Multi-Hot-Modell. Was ein Embedding erst richtig nützlich macht, sind
# Modelle, die die Reihenfolge lesen (RNN, LSTM: Lektion 4.5) und Vektoren,
# die schon vorher etwas über Wörter wissen. Die bauen wir jetzt.
#
# ## Eigene Wortvektoren: Skip-Gram
#
# Die Vektoren oben hat das Netz nur für *eine* Frage gelernt: positiv oder
# negativ? **Word2vec** (Mikolov u. a., 2013) lernt Vektoren ohne Labels,
# allein aus dem Text: *Ein Wort ist, mit wem es zusammen vorkommt.*
#
# Die Skip-Gram-Variante mit **negativem Sampling** stellt dazu eine einfache
# Frage: Stehen diese beiden Wörter nahe beieinander im Text (Label 1), oder
# ist das zweite ein zufällig gezogenes Wort (Label 0)?
#
# - Positive Paare: jedes Wort mit jedem Nachbarn im Abstand ≤ 2.
# - Negative Paare: je positivem Paar 4 zufällige Wörter, häufige etwas
#   häufiger gezogen.
# - Sehr häufige Wörter („the“, „and“) werden vorher ausgedünnt, sonst
#   handeln fast alle Paare von ihnen.
#
# Das Modell hat zwei Tabellen: eine für das Wort, eine für den Kontext. Das
# Skalarprodukt der beiden Vektoren ist die Vorhersage (als Logit). Um die
# Frage gut zu beantworten, müssen Wörter mit ähnlichen Nachbarn ähnliche
# Vektoren bekommen. `skipgram_pairs` und `skipgram_model` aus
# `dlkurs.kit.wordvectors` erledigen beides (schau mit `help(...)` hinein).

# %%
sequenzen = x_alle  # alle Trainingskritiken, als Wortnummern (die Nullen lässt skipgram_pairs weg)
dimension = 64
ziel, kontext, paar_labels = skipgram_pairs(sequenzen, vocab_size=len(wortschatz), window=2, negatives=4,
                                            max_positives=dlkurs.pick(quick=30_000, full=1_000_000), seed=0)
print(f"{len(ziel)} Paare, davon {paar_labels.mean():.0%} positiv")
print("Beispiele:", [(wortschatz[z], wortschatz[k], int(y))
                     for z, k, y in zip(ziel[:6], kontext[:6], paar_labels[:6])])

# %%
keras.utils.set_random_seed(42)
skipgram = skipgram_model(len(wortschatz), dimension)
sg_epochen = dlkurs.pick(quick=1, full=2)
for epoche in range(1, sg_epochen + 1):
    h = skipgram.fit([ziel, kontext], paar_labels, batch_size=4096, epochs=1, verbose=0).history
    print(f"Skip-Gram Epoche {epoche}/{sg_epochen}: Verlust {h['loss'][0]:.3f}, "
          f"Genauigkeit {h['accuracy'][0]:.3f}")
wortvektoren = skipgram.get_layer("wortvektoren").get_weights()[0]
print("Wortvektoren:", wortvektoren.shape)

# %% [markdown]
# ## Kosinus-Ähnlichkeit
#
# Wie ähnlich sind zwei Wortvektoren $u$ und $v$? Üblich ist der Kosinus des
# Winkels zwischen ihnen:
#
# $$\cos(u, v) = \frac{u \cdot v}{\lVert u \rVert \, \lVert v \rVert}$$
#
# 1 heißt „gleiche Richtung“, 0 „nichts gemeinsam“, −1 „entgegengesetzt“. Die
# *Länge* der Vektoren zählt nicht: Häufige Wörter bekommen oft längere
# Vektoren, und das Skalarprodukt allein würde sie jedem Wort als Nachbarn
# aufdrängen.
#
# ## Aufgabe 3: Nächste Nachbarn
#
# Schreibe `naechste_nachbarn(vektoren, index, k)`: Für die Matrix
# `vektoren` (eine Zeile je Wort) gibt sie die Zeilennummern der `k` Wörter
# zurück, deren Vektoren die **größte Kosinus-Ähnlichkeit** zur Zeile
# `index` haben – das ähnlichste zuerst, **ohne das Wort selbst**, als
# NumPy-Array. Die Eingabe darf nicht verändert werden.

# %%
def naechste_nachbarn(vektoren, index, k):
    ### BEGIN SOLUTION naechste_nachbarn
    ###> return ___
    einheit = vektoren / np.linalg.norm(vektoren, axis=1, keepdims=True)
    aehnlichkeit = einheit @ einheit[index]
    aehnlichkeit[index] = -np.inf
    return np.argsort(-aehnlichkeit)[:k]
    ### END SOLUTION


aufgabe.naechste_nachbarn.check(naechste_nachbarn)

# %%
# aufgabe.naechste_nachbarn.hint()
# aufgabe.naechste_nachbarn.solution()

# %% [markdown]
# Damit fragen wir die Wortvektoren ab. (Zeile 0 für das Auffüllen ist eine
# Zufallszeile; sie stört nicht.)

# %%
nummer = {wort: i for i, wort in enumerate(wortschatz)}
woerter = ["great", "awful", "boring", "funny", "actor", "music", "horror", "money"]
print("Wort     nächste Nachbarn (Skip-Gram, Kosinus)")
for wort in woerter:
    if wort in nummer:
        nachbarn = naechste_nachbarn(wortvektoren, nummer[wort], 6)
        print(f"{wort:8} {', '.join(wortschatz[i] for i in nachbarn)}")

# %% [markdown]
# Lies die Liste kritisch: Stehen bei „great“ andere lobende Wörter, bei
# „awful“ andere Verrisse, bei „actor“ Wörter rund ums Schauspiel? Daneben
# stehen fast immer Wörter, die nur zufällig oft in derselben Umgebung
# vorkamen. Findest du bei „great“ sogar Verrisse, ist das kein Fehler: Lob
# und Tadel stehen in denselben Satzmustern („the movie was …“). Das Buch sagt es ehrlich: Vektoren aus einem
# kleinen Korpus (hier rund fünf Millionen Wörter) kodieren Bedeutung nur
# **vage**. Word2vec und GloVe wurden auf Milliarden Wörtern trainiert.
# Im Schnelldurchlauf (wenige Kritiken, eine Epoche) sind die Nachbarn fast
# zufällig.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Nachbarn im Stimmungs-Embedding
#
# Auch das Embedding-Modell von oben hat eine Tabelle mit einem Vektor je
# Wort gelernt – aber nur für die Frage „positiv oder negativ?“. Wer sind
# dort die Nachbarn?

# %% tags=["vertiefung"]
stimmung = embedding_modell.layers[0].get_weights()[0][:len(wortschatz)]  # Zeilen der Wörter im Wortschatz
print("Wort     nächste Nachbarn (Embedding des Stimmungsmodells)")
for wort in ["great", "awful", "actor", "horror"]:
    if wort in nummer:
        print(f"{wort:8} {', '.join(wortschatz[i] for i in naechste_nachbarn(stimmung, nummer[wort], 6))}")

# %% [markdown] tags=["vertiefung"]
# Hier zählt nur die Stimmung: Neben „great“ stehen Wörter, die in guten
# Kritiken häufig sind, neben „awful“ solche aus Verrissen – ganz gleich,
# ob sie sonst etwas miteinander zu tun haben. Wörter ohne Stimmung wie
# „actor“ haben kaum sinnvolle Nachbarn. Welche Vektoren ein Netz lernt,
# hängt von der Aufgabe ab, für die es sie lernt.
#
# ## Eine Karte der Wörter
#
# 64 Dimensionen kann niemand ansehen. Die **Hauptkomponentenanalyse** (PCA)
# projiziert die Vektoren ausgewählter Wörter auf die zwei Richtungen, in
# denen sie sich am stärksten unterscheiden:

# %%
gruppen = {
    "Lob": ["great", "excellent", "wonderful", "brilliant", "superb", "perfect"],
    "Verriss": ["awful", "terrible", "boring", "worst", "horrible", "waste"],
    "Genre": ["horror", "comedy", "drama", "thriller", "western", "documentary"],
    "Menschen": ["actor", "actress", "director", "writer", "producer", "cast"],
    "Zahlen": ["two", "three", "four", "five", "ten", "seven"],
}
plot_word_map(wortvektoren, [w for g in gruppen.values() for w in g], nummer, groups=gruppen,
              title="Eigene Skip-Gram-Vektoren, 30 Wörter (PCA)")
plt.show()

# %% [markdown]
# Liegen die Farben in Grüppchen, hat Skip-Gram etwas über Wortarten und
# Bedeutungen gelernt, ohne je ein Label zu sehen. Bedenke: Zwei von 64
# Dimensionen zeigen nur einen Schatten der Abstände.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Analogien
#
# Berühmt wurde word2vec mit Rechnungen wie „king − man + woman ≈ queen“.
# Mit unseren Vektoren probieren wir: *actor* verhält sich zu *actress* wie
# *he* zu …?

# %% tags=["vertiefung"]
for a, b, c in [("actor", "actress", "he"), ("good", "better", "bad")]:
    if all(w in nummer for w in (a, b, c)):
        antwort = [wortschatz[i] for i in analogy(wortvektoren, nummer[a], nummer[b], nummer[c], k=5)]
        print(f"{b} − {a} + {c} ≈", ", ".join(antwort))

# %% [markdown] tags=["vertiefung"]
# Steht „she“ (oder „worse“) vorn oder wenigstens unter den ersten fünf,
# hat auch unser kleines Korpus diese Beziehung gelernt (in unserem vollen
# Lauf stand „she“ vorn, „worse“ an fünfter Stelle); oft reicht es dafür
# nicht. Solche Analogien gelingen verlässlich erst mit Vektoren aus sehr
# großen Korpora.

# %% [markdown]
# ## Fertige Vektoren einfrieren
#
# Jetzt nutzen wir die Skip-Gram-Vektoren als **vortrainiertes Embedding**:
# Die Tabelle wird mit ihnen gefüllt und eingefroren (`trainable=False`);
# nur die Schichten dahinter lernen.
#
# Im Buch (Keras 2) ging das mit `Embedding(..., input_length=maxlen)` und
# danach `model.layers[0].set_weights([matrix])`. In Keras 3 ignoriert
# `Embedding` das Argument `input_length` (mit einer Warnung). Ohne
# Eingabeform ist die Schicht dann noch nicht gebaut, hat noch keine
# Gewichte – und `set_weights` scheitert:

# %%
with warnings.catch_warnings(record=True) as warnungen:
    warnings.simplefilter("always")
    wie_im_buch = keras.Sequential([layers.Embedding(len(wortschatz), dimension, input_length=laenge)])
print("Warnung:", warnungen[0].message if warnungen else "keine")
try:
    wie_im_buch.layers[0].set_weights([wortvektoren])
except ValueError as fehler:
    print("Fehler:", fehler)

# %% [markdown]
# Der Keras-3-Weg: die Matrix als **Initialisierer** übergeben. Dann hat die
# Tabelle ihre Werte, sobald das Modell gebaut wird.

# %%
def baue_eingefroren(matrix):
    modell = keras.Sequential([
        keras.Input(shape=(laenge,), dtype="int64"),
        layers.Embedding(matrix.shape[0], matrix.shape[1], trainable=False,
                         embeddings_initializer=keras.initializers.Constant(matrix)),
        layers.GlobalAveragePooling1D(),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ], name="skipgram_eingefroren")
    modell.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return modell


keras.utils.set_random_seed(42)
eingefroren = baue_eingefroren(wortvektoren)
print("trainierbare Parameter:", sum(int(np.prod(w.shape)) for w in eingefroren.trainable_weights),
      " eingefroren:", sum(int(np.prod(w.shape)) for w in eingefroren.non_trainable_weights))
verlauf_eingefroren = trainiere(eingefroren, "Skip-Gram eingefroren", x_train, x_val)
acc_skipgram = eingefroren.evaluate(x_test, y_test, verbose=0, return_dict=True)["accuracy"]

# %%
vergleich = pd.Series({
    "Multi-Hot + Dense (wie 2.4)": acc_multi_hot,
    "Embedding, mitgelernt": acc_embedding,
    "eigene Skip-Gram-Vektoren, eingefroren": acc_skipgram,
}, name="Testgenauigkeit")
print(vergleich.round(3).to_string())
dlkurs.report(test_accuracy_embedding=acc_embedding, test_accuracy_multi_hot=acc_multi_hot,
              test_accuracy_skipgram=acc_skipgram)

# %% [markdown]
# Die eingefrorenen Skip-Gram-Vektoren liegen deutlich zurück (im vollen
# Profil in unserem Lauf 0,65 gegen 0,88). Das überrascht nur auf den ersten Blick:
# Skip-Gram lernt, welche Wörter *zusammen vorkommen*, nicht, welche
# *loben*. „great“ und „awful“ stehen in denselben Satzmustern („the movie
# was …“) und bekommen deshalb ähnliche Vektoren. Das mitgelernte
# Embedding dagegen wurde genau für die Stimmung trainiert. Vortrainierte
# Vektoren helfen vor allem dann, wenn es **wenige Labels** gibt und die
# Vektoren aus einem **viel größeren** Korpus stammen.
#
# **GloVe.** Das Buch lud an dieser Stelle die vortrainierten
# GloVe-Vektoren von Stanford (`glove.6B.100d.txt`, 400 000 Wörter, aus sechs
# Milliarden Wörtern Wikipedia und Nachrichten); im Kursraum liegt davon
# keine Kopie. Wer sie hat, baut daraus eine Matrix mit einer Zeile je Wort
# unseres Wortschatzes (Zeile `nummer[wort]`, Nullen für fehlende Wörter) und
# übergibt sie genau wie oben an `baue_eingefroren`.

# %% [markdown]
# ## Zusammenfassung
#
# - `layers.TextVectorization` ersetzt den `Tokenizer` des Buchs:
#   standardisieren, zerlegen, nachschlagen; `adapt` lernt den Wortschatz,
#   `output_sequence_length` macht alle Folgen gleich lang. HTML-Reste wie
#   `<br />` entfernst du vorher, sonst entstehen Kunstwörter wie `awfulbr`.
# - `Embedding(input_dim, output_dim)` ist eine lernbare Tabelle: ein dichter
#   Vektor je Wortnummer. Mit `GlobalAveragePooling1D` wird daraus ein Vektor
#   je Text; auf IMDB ist das so gut wie Multi-Hot (beide ≈ 0,88).
# - **Skip-Gram** mit negativem Sampling lernt Wortvektoren ohne Labels aus
#   Nachbarschaften im Text. Ähnlichkeit misst man mit dem **Kosinus**, nicht
#   mit dem Skalarprodukt.
# - Vektoren aus einem kleinen Korpus kodieren Bedeutung nur vage; für die
#   Stimmung einer Kritik taugen sie eingefroren weniger als ein mitgelerntes
#   Embedding.
# - Fertige Vektoren lädst du in Keras 3 mit
#   `embeddings_initializer=keras.initializers.Constant(matrix)` und
#   `trainable=False` – nicht mehr mit `input_length` und `set_weights`.

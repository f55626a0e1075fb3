# %% [markdown]
# # 4.5 RNN, LSTM und GRU
#
# Ein Dense-Netz sieht eine Kritik als Sack voller Wörter (Lektion 2.4), das
# Embedding-Modell aus 4.3 mittelt ihre Wortvektoren. Beide vergessen, in
# welcher **Reihenfolge** die Wörter stehen: „nicht gut, sondern schlecht“
# und „nicht schlecht, sondern gut“ sind für sie dasselbe.
#
# Ein **rekurrentes Netz** (RNN) liest eine Folge dagegen Schritt für
# Schritt, wie du einen Satz liest, und trägt dabei einen **Zustand** mit:
# eine Zusammenfassung dessen, was es bisher gesehen hat.
#
# Am Ende dieser Lektion kannst du
#
# 1. die Rekurrenz $h_t = \tanh(x_t W + h_{t-1} U + b)$ erklären und einen
#    Schritt davon selbst in NumPy schreiben,
# 2. nachprüfen, dass die Schichten der Kurs-Engine `dlkurs.scratch`
#    (`SimpleRNN`, `LSTM`, `GRU`) genau das rechnen, was Keras rechnet,
# 3. den **verschwindenden Gradienten** über die Zeit messen und sehen, warum
#    ein LSTM weiter zurückschauen kann als ein SimpleRNN,
# 4. `SimpleRNN`, `LSTM` und `GRU` in Keras auf IMDB vergleichen und
#    `return_sequences`, gestapelte und bidirektionale Schichten sowie
#    `dropout`/`recurrent_dropout` einsetzen.

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs import scratch
from dlkurs.data import imdb_sequences, status
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.recurrence import gradient_norms, plot_gradient_norms, plot_unrolled, simple_rnn_states

aufgabe = aufgaben("4.5")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Rekurrenz
#
# Ein SimpleRNN mit `einheiten` Einheiten hat drei Gewichte, genau wie eine
# Dense-Schicht plus eins:
#
# | Gewicht | Form | wirkt auf |
# |---|---|---|
# | `W` (`kernel`) | (Merkmale, Einheiten) | die Eingabe $x_t$ dieses Zeitschritts |
# | `U` (`recurrent_kernel`) | (Einheiten, Einheiten) | den vorigen Zustand $h_{t-1}$ |
# | `b` (`bias`) | (Einheiten,) | – |
#
# In jedem Zeitschritt $t = 1, \dots, T$ rechnet es
#
# $$h_t = \tanh(x_t W + h_{t-1} U + b), \qquad h_0 = 0.$$
#
# Der neue Zustand hängt also von der neuen Eingabe **und** vom alten Zustand
# ab. Entscheidend: In jedem Schritt sind es **dieselben** Gewichte. Rollt man
# die Schleife über die Zeit aus, sieht das Netz aus wie ein sehr tiefes
# Netz mit geteilten Gewichten:

# %%
plot_unrolled(steps=4)
plt.show()

# %% [markdown]
# Gibt die Schicht nur den letzten Zustand $h_T$ aus (die Voreinstellung in
# Keras), fasst dieser eine Vektor die ganze Folge zusammen. Mit
# `return_sequences=True` gibt sie alle Zustände $h_1, \dots, h_T$ aus.
#
# ## Aufgabe 1: Ein Schritt von Hand
#
# Schreibe `rnn_schritt(x_t, h_prev, W, U, b)`: einen Schritt eines SimpleRNN
# in NumPy, **mit tanh** als Aktivierung, für einen ganzen Stapel auf einmal.
#
# - `x_t`: die Eingaben dieses Zeitschritts, Form (Beispiele, Merkmale)
# - `h_prev`: der vorige Zustand, Form (Beispiele, Einheiten)
# - `W` (Merkmale, Einheiten), `U` (Einheiten, Einheiten), `b` (Einheiten,)
#
# Zurück kommt der neue Zustand, Form (Beispiele, Einheiten). Die Eingaben
# dürfen sich dabei nicht ändern.

# %%
def rnn_schritt(x_t, h_prev, W, U, b):
    ### BEGIN SOLUTION rnn_schritt
    return np.tanh(x_t @ W + h_prev @ U + b)
    ### END SOLUTION


aufgabe.rnn_schritt.check(rnn_schritt)

# %%
# aufgabe.rnn_schritt.hint()
# aufgabe.rnn_schritt.solution()

# %% [markdown]
# Mehr ist ein SimpleRNN nicht: diese eine Zeile in einer Schleife über die
# Zeitschritte. `simple_rnn_states` aus dem Kurspaket ist genau diese
# Schleife. Wir geben ihr die Gewichte einer `keras.layers.SimpleRNN` und
# vergleichen die Zustände – in `float64`, damit nur echte Unterschiede
# übrig bleiben:

# %%
rng = np.random.default_rng(0)
folgen = rng.normal(size=(4, 12, 3))  # 4 Folgen, 12 Zeitschritte, 3 Merkmale

keras_rnn = layers.SimpleRNN(5, return_sequences=True, dtype="float64")
zustaende_keras = keras.ops.convert_to_numpy(keras_rnn(folgen))
W, U, b = keras_rnn.get_weights()
print("Formen von W, U, b:", W.shape, U.shape, b.shape)

zustaende_numpy = simple_rnn_states(folgen, W, U, b)
print("Zustände:", zustaende_numpy.shape,
      f" größte Abweichung NumPy ↔ Keras: {np.abs(zustaende_numpy - zustaende_keras).max():.1e}")

# %% [markdown]
# Die Abweichung liegt bei $10^{-16}$, der Rechengenauigkeit von `float64`:
# Keras' SimpleRNN *ist* deine Formel.
#
# ## LSTM und GRU
#
# Ein **LSTM** (*long short-term memory*) trägt zwei Zustände: den
# Ausgabezustand $h_t$ und einen **Zellzustand** $c_t$, eine Art Förderband
# durch die Zeit. Vier Teile, alle aus $x_t$ und $h_{t-1}$ berechnet, steuern
# es (in Keras' Reihenfolge i, f, c, o; $\sigma$ ist die Sigmoid-Funktion):
#
# $$
# \begin{aligned}
# i_t &= \sigma(x_t W_i + h_{t-1} U_i + b_i) &&\text{Eingangstor: wie viel Neues kommt aufs Band}\\
# f_t &= \sigma(x_t W_f + h_{t-1} U_f + b_f) &&\text{Vergesstor: wie viel Altes bleibt}\\
# \tilde c_t &= \tanh(x_t W_c + h_{t-1} U_c + b_c) &&\text{der Kandidat, das Neue}\\
# o_t &= \sigma(x_t W_o + h_{t-1} U_o + b_o) &&\text{Ausgangstor}\\
# c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t, \qquad h_t = o_t \odot \tanh(c_t)
# \end{aligned}
# $$
#
# Der Trick steckt in $c_t = f_t \odot c_{t-1} + \dots$: Ist das Vergesstor
# offen ($f_t \approx 1$), läuft der Zellzustand **ohne Multiplikation mit
# einer Gewichtsmatrix und ohne tanh** zum nächsten Schritt. Keras startet
# den Bias des Vergesstors deshalb bei 1 (`unit_forget_bias=True`). Ein
# **GRU** (*gated recurrent unit*) kommt mit einem Zustand und zwei Toren
# aus (Update- und Reset-Tor) und ist etwas kleiner.
#
# Die Kurs-Engine `dlkurs.scratch` hat alle drei Schichten, vorwärts und
# rückwärts durch die Zeit in NumPy geschrieben (`src/dlkurs/scratch/`). Mit
# denselben Gewichten wie Keras müssen sie dasselbe ausgeben. Wir prüfen das
# für die Ausgabefolge und die letzten Zustände (`return_state=True`):

# %%
def vergleiche(keras_schicht, scratch_schicht, x):
    """Größte Abweichung aller Ausgaben (Folge und Zustände) bei denselben Gewichten."""
    ausgaben_keras = [keras.ops.convert_to_numpy(a) for a in keras_schicht(x)]
    scratch_schicht(x)  # baut die Gewichte
    scratch_schicht.set_weights(keras_schicht.get_weights())
    ausgaben_scratch = [a.data for a in scratch_schicht(x)]
    return max(np.abs(s - k).max() for s, k in zip(ausgaben_scratch, ausgaben_keras))


x = rng.normal(size=(4, 20, 3))
optionen = dict(return_sequences=True, return_state=True)
abweichungen = {
    "LSTM": vergleiche(layers.LSTM(6, dtype="float64", **optionen), scratch.LSTM(6, dtype="float64", **optionen), x),
    "GRU": vergleiche(layers.GRU(6, dtype="float64", **optionen), scratch.GRU(6, dtype="float64", **optionen), x),
}
for name, wert in abweichungen.items():
    print(f"{name}: größte Abweichung Kurs-Engine ↔ Keras {wert:.1e}")
gewichte = layers.LSTM(6)
gewichte.build((None, 20, 3))
print("Gewichtsformen des LSTM (kernel, recurrent_kernel, bias):", [w.shape for w in gewichte.get_weights()])
dlkurs.report(abweichung_scratch_keras=max(abweichungen.values()))

# %% [markdown]
# Beide stimmen bis auf Rundungsfehler von `float64` überein. Die vier Tore
# des LSTM stecken nebeneinander in einer Matrix: `kernel` hat $4 \cdot 6 =
# 24$ Spalten. Die Tests des Kurspakets vergleichen außerdem die
# **Gradienten** für alle Gewichte mit Keras (auf 10⁻⁶ genau) und mit
# numerischen Ableitungen.
#
# ## Der verschwindende Gradient durch die Zeit
#
# Beim Training fließt der Fehler rückwärts durch die ausgerollte Schleife
# (*backpropagation through time*). Im SimpleRNN wird er dabei in jedem
# Schritt mit $U^\top$ und der Ableitung von tanh (höchstens 1) multipliziert –
# das ist das Problem aus Lektion 3.1, nur über die Zeit statt über die
# Schichten. Wie viel kommt nach 100 Schritten noch an?
#
# Wir schicken 100 Zeitschritte Zufallsrauschen durch ein SimpleRNN und ein
# LSTM der Kurs-Engine (je 32 Einheiten, Keras' Startgewichte), bilden einen
# Verlust aus der **letzten** Ausgabe $h_T$ und messen, wie groß der Gradient
# $\partial\,\text{Verlust} / \partial x_t$ für jeden Zeitschritt $t$ ist.
# Als Drittes ein LSTM, dessen Vergesstor weiter offen steht: Bias 3 statt 1,
# also $f_t \approx \sigma(3) \approx 0{,}95$. Diesen Bias kann ein LSTM beim
# Training selbst so einstellen; ein SimpleRNN hat keinen solchen Regler.

# %%
schritte = 100
rauschen = rng.normal(size=(16, schritte, 8))
gewicht_verlust = rng.normal(size=(16, 32))


def gradient_je_schritt(schicht):
    eingabe = scratch.Tensor(rauschen, requires_grad=True)
    verlust = (schicht(eingabe) * gewicht_verlust).sum()  # ein Verlust, der nur von h_T abhängt
    verlust.backward()
    return gradient_norms(eingabe.grad)


lstm_offen = scratch.LSTM(32, dtype="float64", seed=1)
lstm_offen(rauschen[:, :1])           # baut die Gewichte (Keras' Start: Vergesstor-Bias 1)
lstm_offen.bias.data[32:64] = 3.0     # Tor-Reihenfolge i, f, c, o: der zweite Block ist f

normen = {
    "SimpleRNN": gradient_je_schritt(scratch.SimpleRNN(32, dtype="float64", seed=1)),
    "LSTM (Start wie Keras, Vergesstor-Bias 1)": gradient_je_schritt(scratch.LSTM(32, dtype="float64", seed=1)),
    "LSTM, Vergesstor-Bias 3": gradient_je_schritt(lstm_offen),
}
plot_gradient_norms(normen)
plt.show()

verhaeltnis = {name: n[0] / n[-1] for name, n in normen.items()}
for name, wert in verhaeltnis.items():
    print(f"{name}: Gradient beim ersten / beim letzten Schritt = {wert:.1e}")
simple, lstm, offen = verhaeltnis.values()
dlkurs.report(gradient_verhaeltnis_simplernn=simple, gradient_verhaeltnis_lstm=lstm,
              gradient_verhaeltnis_lstm_offen=offen)

# %% [markdown]
# Lies die logarithmische Achse von rechts nach links, so wie der Fehler
# zurückläuft: Beim SimpleRNN fällt der Gradient von Schritt zu Schritt um
# einen fast festen Faktor, also als Gerade – nach 100 Schritten um rund 13
# Zehnerpotenzen. Was am Anfang der Folge stand, kann das SimpleRNN so nicht
# lernen. Das LSTM mit Keras' Startgewichten verliert
# auch viel, aber rund fünf Zehnerpotenzen weniger: Über den Zellzustand
# wird der Gradient nur mit den Vergesstoren ($\approx \sigma(1) \approx
# 0{,}73$) multipliziert, nicht mit $U$ und tanh'. Steht das Vergesstor weit
# offen, kommt am ersten Schritt so viel an wie am letzten: Das ist das
# „lange Kurzzeitgedächtnis“, das dem LSTM den Namen gibt. Es muss das
# allerdings erst lernen – darum braucht auch ein LSTM Training, bis es
# weit zurückschaut.
#
# ## Keras auf IMDB: SimpleRNN, LSTM und GRU
#
# Jetzt lernen die drei Schichten etwas. Wie in 2.4 nehmen wir die 10 000
# häufigsten Wörter, diesmal als **Folge** von Wortnummern. Jede Kritik wird
# mit `keras.utils.pad_sequences` auf 500 Wörter gebracht: Längere werden
# vorne gekürzt, kürzere vorne mit Nullen aufgefüllt (so stehen die letzten
# Wörter direkt vor der Ausgabe). Eine `Embedding`-Schicht (Lektion 4.3)
# macht aus den Nummern Vektoren, die die RNN-Schicht liest.

# %%
anzahl_woerter = 10_000
laenge = dlkurs.pick(quick=200, full=500)
(train_folgen, train_labels), (test_folgen, test_labels) = imdb_sequences(num_words=anzahl_woerter)
x_train_alle = keras.utils.pad_sequences(train_folgen, maxlen=laenge)
x_test = keras.utils.pad_sequences(test_folgen, maxlen=laenge)

n_train = dlkurs.pick(quick=2000, full=20000)
n_val = dlkurs.pick(quick=1000, full=5000)
n_test = dlkurs.pick(quick=2000, full=25000)
x_train, y_train = x_train_alle[:n_train], train_labels[:n_train]
x_val, y_val = x_train_alle[-n_val:], train_labels[-n_val:]
x_test, y_test = x_test[:n_test], test_labels[:n_test]
print("Training:", x_train.shape, " Validierung:", x_val.shape, " Test:", x_test.shape)
print("Kritiken, die gekürzt wurden:", f"{np.mean([len(f) > laenge for f in train_folgen]):.0%}")

# %% [markdown]
# Drei Modelle, die sich nur in der rekurrenten Schicht unterscheiden. Eine
# kleine Stoppuhr misst, wie lange jede Epoche dauert.

# %%
class Stoppuhr(keras.callbacks.Callback):
    """Sekunden je Epoche."""

    def on_train_begin(self, logs=None):
        self.zeiten = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.zeiten.append(time.perf_counter() - self.start)


def baue_modell(rekurrent):
    modell = keras.Sequential([
        keras.Input(shape=(laenge,), dtype="int32"),
        layers.Embedding(anzahl_woerter, 32),
        rekurrent,
        layers.Dense(1, activation="sigmoid"),
    ])
    modell.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return modell


epochen = dlkurs.pick(quick=1, full=3)
ergebnisse, verlaeufe = {}, {}
for name, schicht in [("SimpleRNN", lambda: layers.SimpleRNN(32)),
                      ("LSTM", lambda: layers.LSTM(32)),
                      ("GRU", lambda: layers.GRU(32))]:
    keras.utils.set_random_seed(42)
    modell = baue_modell(schicht())
    uhr = Stoppuhr()
    verlauf = modell.fit(x_train, y_train, epochs=epochen, batch_size=128,
                         validation_data=(x_val, y_val), callbacks=[uhr], verbose=0)
    _, genauigkeit = modell.evaluate(x_test, y_test, verbose=0)
    # die erste Epoche enthält das Übersetzen des Modells; danach zählt die schnellste
    sekunden = min(uhr.zeiten[1:] or uhr.zeiten)
    ergebnisse[name] = {"Parameter": modell.count_params(), "Testgenauigkeit": genauigkeit,
                        "Sekunden je Epoche": sekunden}
    verlaeufe[name] = verlauf.history
    print(f"{name:9} Testgenauigkeit {genauigkeit:.3f}   {sekunden:.1f} s je Epoche")

tabelle = pd.DataFrame(ergebnisse).T
tabelle["Parameter"] = tabelle["Parameter"].astype(int)
tabelle.round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 4))
for name, h in verlaeufe.items():
    epoche = np.arange(1, len(h["val_accuracy"]) + 1)
    ax.plot(epoche, h["val_accuracy"], "o-", label=f"{name} (Validierung)")
ax.set(xlabel="Epoche", ylabel="Genauigkeit", title="IMDB: Validierungsgenauigkeit je Epoche")
ax.grid(alpha=0.3)
ax.legend()
plt.show()

dlkurs.report(test_accuracy_simplernn=ergebnisse["SimpleRNN"]["Testgenauigkeit"],
              test_accuracy_lstm=ergebnisse["LSTM"]["Testgenauigkeit"],
              test_accuracy_gru=ergebnisse["GRU"]["Testgenauigkeit"],
              sekunden_je_epoche_lstm=ergebnisse["LSTM"]["Sekunden je Epoche"])

# %% [markdown]
# Im vollen Profil (20 000 Kritiken, 500 Wörter, 3 Epochen) erreichten hier
# alle drei etwa dieselbe Testgenauigkeit: SimpleRNN 0,86, LSTM 0,86,
# GRU 0,85 (mit einer vierten Epoche kam das LSTM auf 0,87). Das ist weit
# weniger Abstand, als der Gradient oben vermuten lässt. Der Grund: Die Kritiken sind
# vorne gekürzt und aufgefüllt, das **Ende** jeder Kritik steht direkt vor
# der Ausgabe, und dort steht oft das Urteil („… a waste of time“). Ein
# kurzes Gedächtnis reicht also für viel. (Im Schnelldurchlauf sind es 2 000
# Kritiken, 200 Wörter und eine Epoche; die Zahlen sind dann nur ein
# Probelauf.)
#
# Besser als das einfache Dense-Netz auf Multi-Hot-Vektoren aus 2.4 (etwa
# 0,88) ist das LSTM hier nicht. Für die *Stimmung* einer Kritik reicht es
# fast, zu wissen, *welche* Wörter vorkommen. Rekurrente Netze spielen ihre
# Stärke aus, wo die Reihenfolge die Bedeutung trägt: bei Zeitreihen (Lektion
# 4.11), beim Erzeugen von Text (4.6), beim Übersetzen.
#
# Teurer sind sie auch: Ein Zeitschritt kann erst rechnen, wenn der vorige
# fertig ist. Auf zwei CPU-Kernen brauchte hier eine Epoche des SimpleRNN
# 14 s, des LSTM 32 s und des GRU 35 s (20 000 Kritiken à 500 Wörter). Die LSTM-Schicht hat viermal so viele Gewichte wie die
# SimpleRNN-Schicht (vier Tore), die GRU-Schicht dreimal so viele; die
# meisten Parameter aller drei Modelle stecken aber im Embedding
# (10 000 × 32 = 320 000).
#
# ## `return_sequences`, Stapeln und bidirektional
#
# Eine rekurrente Schicht gibt nur den letzten Zustand aus – oder mit
# `return_sequences=True` den ganzen Verlauf. Den braucht, wer eine zweite
# rekurrente Schicht **darüberstapelt**: Sie will wieder eine Folge lesen.

# %%
stapel = keras.Sequential([
    keras.Input(shape=(laenge,), dtype="int32"),
    layers.Embedding(anzahl_woerter, 32),
    # (None, Länge, 32): alle Zustände
    layers.LSTM(32, return_sequences=True),
    # (None, 32): nur der letzte
    layers.LSTM(32),
    layers.Dense(1, activation="sigmoid"),
])
for schicht in stapel.layers:
    print(f"{schicht.name:12} → {schicht.output.shape}")

# %% [markdown]
# Ohne `return_sequences=True` in der ersten Schicht bekäme die zweite nur
# einen Vektor (None, 32) und meldet einen Formfehler.
#
# Eine **bidirektionale** Schicht liest die Folge zweimal, vorwärts und
# rückwärts, mit zwei getrennten Schichten, und hängt beide Ergebnisse
# aneinander. So sieht sie für jede Stelle, was davor *und* was danach kommt.
# Das hilft bei Text, wo das Ende eines Satzes den Anfang erklärt; bei einer
# Wettervorhersage, die nur die Vergangenheit kennen darf, ergibt es keinen
# Sinn.

# %%
beidseitig = keras.Sequential([
    keras.Input(shape=(laenge,), dtype="int32"),
    layers.Embedding(anzahl_woerter, 32),
    layers.Bidirectional(layers.LSTM(32)),
    layers.Dense(1, activation="sigmoid"),
])
print("Ausgabe der bidirektionalen Schicht:", beidseitig.layers[1].output.shape,
      "– 32 vorwärts + 32 rückwärts")
print("Parameter: einseitig", baue_modell(layers.LSTM(32)).count_params(),
      " bidirektional", beidseitig.count_params())

# %% [markdown]
# ## `dropout` und `recurrent_dropout`
#
# Gegen Überanpassung haben die rekurrenten Schichten zwei eigene Raten:
# `dropout` schaltet Teile der **Eingabe** $x_t$ ab, `recurrent_dropout`
# Teile des **Zustands** $h_{t-1}$ – mit derselben Maske in allen
# Zeitschritten einer Folge (eine neue Maske je Schritt würde das Gedächtnis
# verrauschen; so hat es Yarin Gal 2016 gezeigt). Das hat einen Preis an
# Zeit. Wir messen je eine Epoche auf denselben Daten:

# %%
def sekunden_je_epoche(schicht, n=dlkurs.pick(quick=1000, full=3000), epochen=2):
    keras.utils.set_random_seed(42)
    modell = baue_modell(schicht)
    uhr = Stoppuhr()
    modell.fit(x_train[:n], y_train[:n], epochs=epochen, batch_size=128, callbacks=[uhr], verbose=0)
    return min(uhr.zeiten[1:])  # die erste Epoche übersetzt noch


ohne = sekunden_je_epoche(layers.LSTM(32))
mit = sekunden_je_epoche(layers.LSTM(32, dropout=0.2, recurrent_dropout=0.2))
print(f"LSTM ohne Dropout: {ohne:.2f} s je Epoche, mit recurrent_dropout=0.2: {mit:.2f} s "
      f"– {mit / ohne:.1f}-mal so lang")
dlkurs.report(recurrent_dropout_verlangsamung=mit / ohne)

# %% [markdown]
# Woher kommt das? Ohne `recurrent_dropout` rechnet Keras' LSTM alle vier
# Tore eines Schritts mit **einer** Matrixmultiplikation von $h_{t-1}$ mit
# dem ganzen `recurrent_kernel`, und auf einer Nvidia-GPU sogar die ganze
# Schleife in einem einzigen fertigen cuDNN-Baustein. Mit
# `recurrent_dropout` bekommt jedes Tor seine eigene maskierte Kopie von
# $h_{t-1}$: vier kleine Multiplikationen statt einer großen, und der
# cuDNN-Baustein fällt weg (auf der GPU ist der Unterschied deshalb noch viel
# größer). Nimm `recurrent_dropout` also, wenn ein Netz sichtbar überangepasst
# ist – dann ist es oft die beste Regularisierung für RNNs –, aber nicht
# „einfach so“.
#
# ## Aufgabe 2: Ein LSTM für 46 Themen
#
# Die Reuters-Meldungen aus Lektion 2.6 haben wir dort als Multi-Hot-Vektoren
# klassifiziert. Im ursprünglichen Kurs stand an dieser Stelle eine Übung
# „Reuters mit einem LSTM“, die nie ausgeführt wurde. Jetzt läuft sie.
#
# Schreibe `baue_reuters_lstm()`: ein `keras.Sequential` für Meldungen aus
# 100 Wortnummern (die 10 000 häufigsten Wörter) mit
#
# 1. einer `Embedding`-Schicht für die 10 000 Wörter (Vektoren der Länge 32),
# 2. **einer `LSTM`-Schicht** (32 Einheiten),
# 3. einer Ausgabeschicht für die **46** Themen mit Softmax,
#
# kompiliert mit `loss="sparse_categorical_crossentropy"` (die Labels sind
# ganze Zahlen) und `metrics=["accuracy"]`; den Optimierer wählst du
# (`"rmsprop"` wie im Buch oder `"adam"`). Die Prüfung trainiert eine Kopie
# deines Modells zwei Epochen lang auf Ersatzmeldungen im Reuters-Format.

# %%
def baue_reuters_lstm():
    ### BEGIN SOLUTION reuters_lstm
    ###> modell = keras.Sequential([___])
    ###> modell.compile(___)
    modell = keras.Sequential([
        keras.Input(shape=(100,), dtype="int32"),
        layers.Embedding(10_000, 32),
        layers.LSTM(32),
        layers.Dense(46, activation="softmax"),
    ])
    modell.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    ### END SOLUTION
    return modell


aufgabe.reuters_lstm.check(baue_reuters_lstm())

# %%
# aufgabe.reuters_lstm.hint()
# aufgabe.reuters_lstm.solution()

# %% [markdown]
# Mit dem echten Reuters-Datensatz trainiert die nächste Zelle dein Modell
# auf allen 8 982 Meldungen. Reuters gehört nicht zu den Daten, die der Kurs
# mitbringt. Fehlt er, sagt die Zelle das; deine Kursleitung holt ihn mit
# `dlkurs data download reuters` (mit Internet) ins Daten-Paket.

# %%
if status(["reuters"])[0]["state"] == "ok":
    from dlkurs.data import load

    (r_train, r_train_labels), (r_test, r_test_labels) = load("reuters", num_words=10_000)
    r_train = keras.utils.pad_sequences(r_train, maxlen=100)
    r_test = keras.utils.pad_sequences(r_test, maxlen=100)
    keras.utils.set_random_seed(42)
    reuters_modell = baue_reuters_lstm()
    reuters_modell.fit(r_train, r_train_labels, epochs=dlkurs.pick(quick=1, full=10), batch_size=128,
                       validation_split=0.2, verbose=0)
    print(f"Reuters mit LSTM: Testgenauigkeit {reuters_modell.evaluate(r_test, r_test_labels, verbose=0)[1]:.3f}"
          " (Dense-Netz auf Multi-Hot in 2.6: etwa 0,79)")
else:
    print("Der Reuters-Datensatz fehlt auf diesem Rechner – dein Modell wurde oben auf Ersatzmeldungen geprüft. "
          "Mit „dlkurs data download reuters“ (oder dem Daten-Paket der Kursleitung) trainiert diese Zelle "
          "es auf den echten Meldungen.")

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Wie schnell ist die Kurs-Engine?
#
# Die Kurs-Engine rechnet ein LSTM vorwärts und rückwärts durch die Zeit in
# NumPy. Keras übersetzt dieselbe Rechnung in einen Graphen. Wie weit liegen
# die beiden auseinander? `dlkurs benchmark --lstm` misst das ausführlich; hier
# eine kurze Messung für einen Stapel wie oben (32 Folgen, 100 Schritte, 32
# Merkmale, 32 Einheiten):

# %% tags=["vertiefung"]
from dlkurs.scratch.benchmark import lstm_timings

zeiten = lstm_timings(repeats=3)
print(f"Kurs-Engine {zeiten['engine'] * 1e3:.0f} ms, Keras {zeiten['keras'] * 1e3:.0f} ms "
      f"je Vorwärts- und Rückwärtsschritt – Verhältnis {zeiten['engine'] / zeiten['keras']:.2f}")

# %% [markdown] tags=["vertiefung"]
# Die Engine kommt so nah heran, weil sie die Eingabeprojektion $x_t W$ für
# alle Zeitschritte auf einmal rechnet (eine große Matrixmultiplikation) und
# die Schleife über die Zeit samt ihrer Ableitung als einen einzigen Knoten
# im Graphen führt (`F.lstm`). Nur die Multiplikation mit $U$ muss Schritt
# für Schritt laufen – bei Keras genauso.

# %% [markdown]
# ## Was das Buch anders machte
#
# *Deep Learning with Python* (1. Auflage, Keras 2) lud IMDB mit
# `keras.datasets.imdb.load_data` und kürzte mit
# `keras.preprocessing.sequence.pad_sequences`; in Keras 3 heißt die
# Funktion `keras.utils.pad_sequences`, und der Kurs baut die Folgen mit
# `imdb_sequences` aus den Rohtexten, weil er offline arbeitet. Das Buch
# trainierte zehn Epochen und wählte an der Validierungskurve aus
# (SimpleRNN etwa 0,85, LSTM etwa 0,89 Validierungsgenauigkeit); wir
# trainieren drei Epochen und melden die **Testgenauigkeit**, damit die Lektion
# auf einer Laptop-CPU in wenigen Minuten läuft. Die Reuters-Übung mit LSTM
# stand im ursprünglichen Kurs nur als Aufgabe da und lief nie; hier wird sie
# geprüft.
#
# ## Zusammenfassung
#
# - Ein RNN rechnet in jedem Zeitschritt $h_t = \tanh(x_t W + h_{t-1} U + b)$
#   mit denselben Gewichten; ausgerollt ist es ein tiefes Netz mit geteilten
#   Gewichten.
# - Beim Rückwärtsrechnen durch die Zeit **verschwindet der Gradient** des
#   SimpleRNN exponentiell; nach 100 Schritten kommt fast nichts mehr an.
# - Das **LSTM** trägt einen Zellzustand, den das Vergesstor fast unverändert
#   weiterreichen kann; steht es offen, überlebt der Gradient 100 Schritte. Das **GRU** macht es
#   mit zwei Toren und einem Zustand ähnlich gut und etwas kleiner.
# - Die Schichten der Kurs-Engine rechnen genau wie Keras (gleiche Gewichte,
#   gleiche Tor-Reihenfolge, Vergesstor-Bias 1).
# - `return_sequences=True` gibt alle Zustände aus; nötig, um RNN-Schichten
#   zu stapeln. `Bidirectional` liest vorwärts und rückwärts.
# - `dropout`/`recurrent_dropout` regularisieren, `recurrent_dropout` kostet
#   aber deutlich Rechenzeit.

# %% [markdown]
# # 1.6 Neuronale Netze
#
# In Lektion 1.5 hast du mit Keras ein Netz trainiert, das Ziffern erkennt. Jetzt
# schauen wir hinein: Was rechnet ein einzelnes Neuron? Wie lernt es? Und warum
# braucht man mehr als eine Schicht?
#
# Am Ende dieser Lektion kannst du
#
# - ein künstliches Neuron als Formel hinschreiben (affine Abbildung plus Aktivierung),
# - logische Gatter mit Schwellenneuronen bauen (McCulloch & Pitts, 1943),
# - die Lernregel des Perzeptrons anwenden (Rosenblatt, 1958) – und erklären, warum sie an XOR scheitert,
# - XOR mit einer verdeckten Schicht lösen,
# - die wichtigsten Aktivierungsfunktionen und ihre Ableitungen benennen,
# - erklären, warum man einen Verlust optimiert und nicht direkt die Genauigkeit.
#
# Wir rechnen hier mit `dlkurs.scratch`: einer kleinen Deep-Learning-Bibliothek in
# reinem NumPy, deren Quelltext du komplett lesen kannst. Sie rechnet nach denselben
# Formeln wie Keras.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np

import dlkurs
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.neurons import LOGIC_INPUTS, truth_table
from dlkurs.kit.regions import plot_decision_regions
from dlkurs.scratch import Adam, Dense, McCullochPitts, Perceptron, Sequential, Tensor
from dlkurs.scratch import functional as F

aufgabe = aufgaben("1.6")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Das künstliche Neuron
#
# ![Ein künstliches Neuron](bilder/neuron.png)
#
# Ein Neuron bekommt Eingaben $x_1, \dots, x_n$, gewichtet jede mit einem Gewicht
# $w_i$, addiert alles und einen **Bias** $b$ – und schickt die Summe durch eine
# **Aktivierungsfunktion** $f$:
#
# $$
# z = \sum_{i=1}^{n} w_i x_i + b = \mathbf{w} \cdot \mathbf{x} + b,
# \qquad y = f(z).
# $$
#
# Der erste Teil, $z = \mathbf{w} \cdot \mathbf{x} + b$, ist eine **affine
# Abbildung**: linear in $\mathbf{x}$, dazu eine Verschiebung um $b$. Erst die
# Aktivierung $f$ macht das Neuron nichtlinear. Ein Beispiel mit drei Eingaben:

# %%
x = np.array([0.5, -1.0, 2.0])
w = np.array([0.8, 0.2, -0.5])
b = 0.1

z = np.dot(w, x) + b
print(f"z = w·x + b = {z:.2f}")
print(f"mit Sigmoid: y = σ(z) = {1 / (1 + np.exp(-z)):.4f}")
print(f"mit ReLU:    y = max(0, z) = {max(0.0, z):.2f}")

# %% [markdown]
# Eine **Schicht** besteht aus vielen Neuronen, die alle dieselben Eingaben sehen.
# Stapelt man ihre Gewichtsvektoren als Spalten in eine Matrix $W$, rechnet die
# ganze Schicht für einen ganzen Stapel von Eingaben $X$ (eine Zeile je Beispiel)
# auf einmal $Y = f(XW + \mathbf{b})$. Genau das macht `Dense` – in Keras wie in
# `dlkurs.scratch`:

# %%
schicht = Dense(4, activation="relu", seed=0)
X = np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]], dtype="float32")
Y = schicht(X).data

kernel, bias = schicht.get_weights()
print("Form der Gewichtsmatrix W:", kernel.shape, "– 3 Eingänge, 4 Neuronen")
print("Dense(X):\n", Y)
print("Von Hand, max(0, X @ W + b) gleich?", np.allclose(Y, np.maximum(0, X @ kernel + bias)))

# %% [markdown]
# ## Schwellenneuronen: McCulloch & Pitts (1943)
#
# Das erste mathematische Neuronenmodell stammt von Warren McCulloch und Walter
# Pitts. Eingänge und Ausgang sind 0 oder 1, die Aktivierung ist eine Stufe:
# Das Neuron **feuert** (gibt 1 aus), sobald die gewichtete Summe eine **Schwelle**
# $\theta$ erreicht:
#
# $$
# y = \begin{cases} 1 & \text{wenn } \sum_i w_i x_i \ge \theta \\ 0 & \text{sonst.} \end{cases}
# $$
#
# Das ist unser Neuron von oben mit der Stufenfunktion als $f$ und $b = -\theta$,
# denn $\sum_i w_i x_i \ge \theta \iff \sum_i w_i x_i - \theta \ge 0$.
# Gewichte und Schwelle werden von Hand gewählt – gelernt wird nichts. Damit lassen
# sich logische Gatter bauen:

# %%
und = McCullochPitts(weights=[1, 1], threshold=2)    # beide Eingänge müssen 1 sein
oder = McCullochPitts(weights=[1, 1], threshold=1)   # ein Eingang genügt
nicht = McCullochPitts(weights=[-1], threshold=0)    # hemmendes Gewicht: feuert nur bei 0

truth_table({"AND": und, "OR": oder})

# %%
truth_table({"NOT": nicht}, n_inputs=1)

# %% [markdown]
# Lies die Tabellen zeilenweise: Links stehen die Eingänge, rechts, was das Neuron
# ausgibt. AND und OR unterscheiden sich nur in der Schwelle. NOT kommt mit einem
# **negativen (hemmenden) Gewicht** aus: Eine 1 am Eingang drückt die Summe unter
# die Schwelle 0.
#
# ### Aufgabe: ein Neuron für NAND
#
# NAND („NOT AND“) gibt 1 aus, außer wenn beide Eingänge 1 sind. Aus NAND-Gattern
# allein lässt sich jede logische Schaltung bauen – auch ein ganzer Prozessor.
#
# Wähle zwei Gewichte `nand_gewichte` und eine Schwelle `nand_schwelle`, sodass ein
# McCulloch-Pitts-Neuron NAND berechnet. Die Prüfung rechnet die ganze
# Wahrheitstabelle durch.

# %%
### BEGIN SOLUTION nand
nand_gewichte = [-1, -1]
nand_schwelle = -1
### END SOLUTION
aufgabe.nand.check((nand_gewichte, nand_schwelle))

# %%
# aufgabe.nand.hint()
# aufgabe.nand.solution()

# %% [markdown]
# Die Lösung ist nicht eindeutig: Mit `[-2, -2]` und Schwelle `-3` geht es auch.
# Es kommt nur darauf an, dass die Summe für (1, 1) unter der Schwelle liegt und
# für alle anderen Eingaben darüber.
#
# ## Das Perzeptron: Gewichte lernen (Rosenblatt, 1958)
#
# Frank Rosenblatts **Perzeptron** ist ein Schwellenneuron, das seine Gewichte aus
# Beispielen **lernt**. Es sagt $\hat{y} = 1$ voraus, wenn $\mathbf{w} \cdot \mathbf{x} + b \ge 0$,
# sonst $\hat{y} = 0$. Nach jedem Beispiel $(\mathbf{x}, y)$ korrigiert es sich:
#
# $$
# \mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat{y})\,\mathbf{x}, \qquad
# b \leftarrow b + \eta\,(y - \hat{y}).
# $$
#
# Der Fehler $y - \hat{y}$ ist $-1$, $0$ oder $+1$:
#
# - **richtig erkannt** ($y = \hat{y}$): nichts ändert sich;
# - **verpasst** ($y = 1$, $\hat{y} = 0$): $\mathbf{x}$ wird zu $\mathbf{w}$ addiert – beim nächsten Mal ist $\mathbf{w}\cdot\mathbf{x}$ größer;
# - **Fehlalarm** ($y = 0$, $\hat{y} = 1$): $\mathbf{x}$ wird abgezogen – $\mathbf{w}\cdot\mathbf{x}$ wird kleiner.
#
# $\eta$ (eta) ist die **Lernrate**: wie groß ein Korrekturschritt ist.
#
# ### Aufgabe: ein Schritt der Lernregel
#
# Schreibe `perzeptron_schritt(w, b, x, y, lr)`, die für **ein** Beispiel die neuen
# Gewichte und den neuen Bias zurückgibt: `return w_neu, b_neu`. Verändere dabei das
# Array `w` nicht (also kein `w += …`), sondern gib ein neues zurück.

# %%
def perzeptron_schritt(w, b, x, y, lr=1.0):
    ### BEGIN SOLUTION perzeptron_schritt
    ###> # 1. Vorhersage y_dach (0 oder 1), 2. Fehler y - y_dach, 3. neue Werte zurückgeben
    ###> return ___
    y_dach = 1 if np.dot(w, x) + b >= 0 else 0
    fehler = y - y_dach
    return w + lr * fehler * x, b + lr * fehler
    ### END SOLUTION


aufgabe.perzeptron_schritt.check(perzeptron_schritt)

# %%
# aufgabe.perzeptron_schritt.hint()
# aufgabe.perzeptron_schritt.solution()

# %% [markdown]
# `Perceptron` aus `dlkurs.scratch` wendet genau diese Regel an: Beispiel für
# Beispiel, Epoche für Epoche, beginnend mit $\mathbf{w} = 0$, $b = 0$ und $\eta = 1$.
# `fit` gibt zurück, wie viele Fehler es in jeder Epoche gemacht hat, und hört auf,
# sobald eine Epoche fehlerfrei war. Wir trainieren je ein Perzeptron auf AND und auf OR:

# %%
y_und = np.array([0, 0, 0, 1])
y_oder = np.array([0, 1, 1, 1])

perzeptron_und = Perceptron(2)
fehler_und = perzeptron_und.fit(LOGIC_INPUTS, y_und, epochs=20)
perzeptron_oder = Perceptron(2)
fehler_oder = perzeptron_oder.fit(LOGIC_INPUTS, y_oder, epochs=20)

print("AND: Fehler je Epoche", fehler_und, "→ w =", perzeptron_und.weights, " b =", perzeptron_und.bias)
print("OR:  Fehler je Epoche", fehler_oder, "→ w =", perzeptron_oder.weights, " b =", perzeptron_oder.bias)

# %%
fig, axes = plt.subplots(2, 2, figsize=(9, 8))
for spalte, (name, fehler, p, y) in enumerate(
    [("AND", fehler_und, perzeptron_und, y_und), ("OR", fehler_oder, perzeptron_oder, y_oder)]
):
    ax = axes[0, spalte]
    ax.bar(np.arange(1, len(fehler) + 1), fehler, color="tab:orange")
    ax.set_title(f"{name}: Fehler je Epoche")
    ax.set_xlabel("Epoche")
    ax.set_ylabel("Anzahl Fehler (von 4)")
    ax.set_ylim(0, 4.2)
    ax.set_yticks(range(5))
    plot_decision_regions(p.predict, LOGIC_INPUTS, y, ax=axes[1, spalte], title=f"{name}: gelernte Trennlinie")
    axes[1, spalte].legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()

epochen_und = len(fehler_und)
dlkurs.report(perceptron_and_epochs=epochen_und)

# %% [markdown]
# Oben siehst du, wie die Fehler von Epoche zu Epoche abnehmen, bis eine Epoche
# ganz ohne Fehler bleibt (der letzte Balken ist 0 hoch). Unten ist die Ebene der
# Eingaben eingefärbt: rot, wo das Perzeptron 1 sagt, blau, wo es 0 sagt. Die
# schwarze Linie $w_1 x_1 + w_2 x_2 + b = 0$ trennt die beiden Klassen.
#
# Der **Konvergenzsatz** des Perzeptrons (Rosenblatt; bewiesen u. a. von Novikoff, 1962)
# sagt: Wenn **irgendeine** Gerade (in höheren Dimensionen: Hyperebene) die Klassen
# trennt, findet die Lernregel nach endlich vielen Fehlern eine solche Gerade. Die Klassen heißen dann **linear trennbar**.
#
# ## Das XOR-Problem
#
# XOR („exklusives Oder“) ist 1, wenn **genau ein** Eingang 1 ist. Was macht das
# Perzeptron damit?

# %%
y_xor = np.array([0, 1, 1, 0])
perzeptron_xor = Perceptron(2)
fehler_xor = perzeptron_xor.fit(LOGIC_INPUTS, y_xor, epochs=20)
print("XOR: Fehler je Epoche", fehler_xor)

genauigkeit_perzeptron_xor = float(np.mean(perzeptron_xor.predict(LOGIC_INPUTS) == y_xor))
print(f"Genauigkeit nach 20 Epochen: {genauigkeit_perzeptron_xor:.0%}")
dlkurs.report(perceptron_xor_accuracy=genauigkeit_perzeptron_xor)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
axes[0].plot(np.arange(1, len(fehler_xor) + 1), fehler_xor, "o-", color="tab:orange")
axes[0].set_ylim(0, 4.2)
axes[0].set_yticks(range(5))
axes[0].set_title("XOR: Fehler je Epoche – nie 0")
axes[0].set_xlabel("Epoche")
axes[0].set_ylabel("Anzahl Fehler (von 4)")
plot_decision_regions(perzeptron_xor.predict, LOGIC_INPUTS, y_xor, ax=axes[1], title="XOR: Keine Gerade trennt die Klassen")
axes[1].plot([0, 1], [0, 1], ":", color="tab:blue")
axes[1].plot([0, 1], [1, 0], ":", color="tab:red")
axes[1].legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# Die Fehlerkurve erreicht nie 0: Das Perzeptron korrigiert sich Epoche für Epoche
# im Kreis. Rechts siehst du warum: Die beiden roten Punkte (Klasse 1) liegen auf
# der einen Diagonale, die beiden blauen (Klasse 0) auf der anderen. Wie du eine
# Gerade auch legst – mindestens ein Punkt liegt auf der falschen Seite. Mehr als
# 3 von 4 richtigen Antworten sind mit einer Geraden nicht möglich.
#
# Marvin Minsky und Seymour Papert haben diese Grenze 1969 in ihrem Buch
# *Perceptrons* genau untersucht. Das Buch trug dazu bei, dass das Interesse an
# neuronalen Netzen für Jahre einbrach.
#
# ### Denkfrage
#
# Warum kann ein einzelnes Perzeptron XOR nicht lernen? Schreibe die Bedingung
# „$w_1 x_1 + w_2 x_2 + b \ge 0$ genau dann, wenn $y = 1$“ für alle vier Eingaben
# als Ungleichung auf und zeige, dass sie sich widersprechen.
#
# <!-- BEGIN SOLUTION xor_gerade -->
# Die vier Bedingungen lauten:
#
# - $(0, 0) \mapsto 0$: $b < 0$
# - $(0, 1) \mapsto 1$: $w_2 + b \ge 0$
# - $(1, 0) \mapsto 1$: $w_1 + b \ge 0$
# - $(1, 1) \mapsto 0$: $w_1 + w_2 + b < 0$
#
# Addiert man die zweite und dritte Ungleichung, folgt $w_1 + w_2 + 2b \ge 0$, also
# $w_1 + w_2 + b \ge -b$. Wegen der ersten Ungleichung ist $-b > 0$, also
# $w_1 + w_2 + b > 0$ – im Widerspruch zur vierten. Es gibt also keine Gewichte,
# die alle vier Punkte richtig einordnen: XOR ist nicht linear trennbar. Die
# Lernregel findet deshalb nie eine fehlerfreie Epoche.
# <!-- END SOLUTION -->

# %%
aufgabe.xor_gerade.check()
# aufgabe.xor_gerade.solution()

# %% [markdown]
# ## Zwei Schichten lösen XOR
#
# Der Ausweg: Neuronen hintereinanderschalten. XOR heißt „$x_1$ und nicht $x_2$“
# **oder** „$x_2$ und nicht $x_1$“. Für jeden der beiden Teile nehmen wir ein
# Schwellenneuron in einer **verdeckten Schicht**, für das „oder“ ein drittes Neuron
# am Ausgang:

# %%
h1 = McCullochPitts(weights=[1, -1], threshold=1)    # x1 und nicht x2
h2 = McCullochPitts(weights=[-1, 1], threshold=1)    # x2 und nicht x1
ausgang = McCullochPitts(weights=[1, 1], threshold=1)  # h1 oder h2


def xor_von_hand(x):
    verdeckt = np.column_stack([h1(x), h2(x)])
    return ausgang(verdeckt)


truth_table({"h1": h1, "h2": h2, "XOR": xor_von_hand})

# %% [markdown]
# Die verdeckte Schicht rechnet die Eingaben in neue Merkmale $(h_1, h_2)$ um. In
# diesen Merkmalen sind die Klassen linear trennbar – die Ausgabe braucht nur noch
# ein OR.
#
# Von Hand geht das bei vier Punkten. Ein Netz soll so etwas aber **lernen**. Mit der
# Stufenfunktion geht das nicht (ihre Ableitung ist 0, mehr dazu gleich). Wir nehmen
# deshalb glatte Aktivierungen: eine verdeckte `Dense`-Schicht mit 4 Neuronen und
# tanh, am Ausgang ein Neuron mit Sigmoid, das eine Wahrscheinlichkeit für Klasse 1
# ausgibt. Trainiert wird mit Adam und binärer Kreuzentropie – wie in Keras, nur mit
# `dlkurs.scratch`. Zum Vergleich trainieren wir dasselbe Netz **ohne** Aktivierung
# in der verdeckten Schicht.

# %%
def xor_netz(aktivierung):
    netz = Sequential([Dense(4, activation=aktivierung, seed=1), Dense(1, activation="sigmoid", seed=2)])
    netz.compile(optimizer=Adam(learning_rate=0.05), loss="binary_crossentropy", metrics=["accuracy"])
    verlauf = netz.fit(LOGIC_INPUTS, y_xor, batch_size=4, epochs=300, seed=0, verbose=0)
    return netz, verlauf


netz_tanh, verlauf_tanh = xor_netz("tanh")
netz_linear, verlauf_linear = xor_netz(None)

for name, netz, verlauf in [("mit tanh", netz_tanh, verlauf_tanh), ("ohne Aktivierung", netz_linear, verlauf_linear)]:
    p = netz.predict(LOGIC_INPUTS).ravel()
    print(f"{name:>16}: Verlust {verlauf['loss'][-1]:.3f}, Wahrscheinlichkeiten für Klasse 1: {np.round(p, 3)}")

xor_genauigkeit = float(np.mean((netz_tanh.predict(LOGIC_INPUTS).ravel() > 0.5) == y_xor))
print(f"Genauigkeit mit tanh: {xor_genauigkeit:.0%}")
dlkurs.report(xor_accuracy=xor_genauigkeit)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
axes[0].plot(verlauf_tanh["loss"], label="mit tanh")
axes[0].plot(verlauf_linear["loss"], label="ohne Aktivierung")
axes[0].axhline(np.log(2), color="gray", ls=":", label="ln 2: überall 0.5 sagen")
axes[0].set_title("Verlust beim Training")
axes[0].set_xlabel("Epoche")
axes[0].set_ylabel("binäre Kreuzentropie")
axes[0].legend()
plot_decision_regions(netz_tanh.predict, LOGIC_INPUTS, y_xor, ax=axes[1], title="mit tanh: XOR gelöst")
axes[1].legend(loc="upper right", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# Mit tanh fällt der Verlust gegen 0 (nach einem Plateau, auf dem das Netz eine Weile
# „sucht“). Rechts ist die Ebene nach der Ausgabe des Netzes eingefärbt: Ein blaues
# Band entlang der Diagonale von (0, 0) nach (1, 1) liegt zwischen zwei roten
# Bereichen. Die Grenze (schwarz) ist gekrümmt und besteht aus zwei Teilen – das kann
# keine einzelne Gerade.
#
# Ohne Aktivierung bleibt der Verlust bei $\ln 2 \approx 0.693$ hängen: Das Netz sagt
# für alle vier Punkte etwa 0.5 – es rät. Der Grund: Zwei affine Abbildungen
# hintereinander sind wieder eine affine Abbildung,
# $W_2(W_1\mathbf{x} + \mathbf{b}_1) + \mathbf{b}_2 = (W_2W_1)\mathbf{x} + (W_2\mathbf{b}_1 + \mathbf{b}_2)$,
# also wieder nur ein einzelnes Neuron mit einer Geraden als Grenze. Für XOR ist dann
# „überall 0.5“ das Beste, was die Kreuzentropie zulässt.
#
# Erst die **Nichtlinearität** der Aktivierung macht tiefe Netze mächtiger als ein
# einzelnes Neuron.
#
# ## Aktivierungsfunktionen und ihre Ableitungen
#
# Gelernt wird mit dem **Gradientenabstieg** (Lektion 1.7): Jedes Gewicht wird ein
# Stück entgegen der Ableitung des Verlusts verschoben. Auf dem Weg vom Verlust zu
# den Gewichten multipliziert die Kettenregel mit der Ableitung $f'(z)$ jeder
# Aktivierung. Deshalb kommt es nicht nur auf $f$ an, sondern auch auf $f'$.
#
# | Name | $f(z)$ | $f'(z)$ |
# |---|---|---|
# | Stufe | $1$ für $z \ge 0$, sonst $0$ | $0$ (bei $z = 0$ nicht definiert) |
# | Sigmoid | $\sigma(z) = \dfrac{1}{1 + e^{-z}}$ | $\sigma(z)\,(1 - \sigma(z))$ |
# | tanh | $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ | $1 - \tanh^2(z)$ |
# | ReLU | $\max(0, z)$ | $1$ für $z > 0$, sonst $0$ |
# | Leaky ReLU | $z$ für $z > 0$, sonst $\alpha z$ ($\alpha = 0.2$) | $1$ für $z > 0$, sonst $\alpha$ |
# | ELU | $z$ für $z > 0$, sonst $\alpha(e^{z} - 1)$ ($\alpha = 1$) | $1$ für $z > 0$, sonst $\alpha e^{z}$ |
# | GELU | $z\,\Phi(z)$ ($\Phi$: Verteilungsfunktion der Standardnormalverteilung) | $\Phi(z) + z\,\varphi(z)$ |
#
# ($\varphi$ ist die Dichte der Standardnormalverteilung. $\alpha = 0.2$ für Leaky
# ReLU ist der Standardwert von `keras.activations.leaky_relu`.)
#
# `dlkurs.scratch` kann Ableitungen automatisch berechnen (**Autodiff**, mehr dazu in
# Lektion 1.7): Wir legen die Eingaben als `Tensor` mit `requires_grad=True` an,
# wenden die Funktion an, summieren und rufen `backward()` auf. Weil jedes $f(z_i)$
# nur von seinem eigenen $z_i$ abhängt, ist $\partial \sum_j f(z_j) / \partial z_i = f'(z_i)$ –
# `z.grad` enthält also genau die Ableitung an jeder Stelle. Wir vergleichen sie mit
# den Formeln aus der Tabelle.

# %%
from scipy.special import ndtr  # Φ, die Verteilungsfunktion der Standardnormalverteilung


def phi(z):  # Dichte der Standardnormalverteilung
    return np.exp(-z * z / 2) / np.sqrt(2 * np.pi)


def sig(z):
    return 1 / (1 + np.exp(-z))


formeln = {  # Name: (Funktion in dlkurs.scratch, f' als Formel)
    "Stufe": (F.step, lambda z: np.zeros_like(z)),
    "Sigmoid": (F.sigmoid, lambda z: sig(z) * (1 - sig(z))),
    "tanh": (F.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "ReLU": (F.relu, lambda z: (z > 0).astype(float)),
    "Leaky ReLU": (F.leaky_relu, lambda z: np.where(z > 0, 1.0, 0.2)),
    "ELU": (F.elu, lambda z: np.where(z > 0, 1.0, np.exp(z))),
    "GELU": (F.gelu, lambda z: ndtr(z) + z * phi(z)),
}

z_werte = np.linspace(-4, 4, 401)
werte, ableitungen = {}, {}
for name, (funktion, formel) in formeln.items():
    z = Tensor(z_werte, requires_grad=True)
    y = funktion(z)
    y.sum().backward()
    werte[name], ableitungen[name] = y.data, z.grad
    abweichung = np.max(np.abs(z.grad - formel(z_werte)))
    print(f"{name:>10}: größte Abweichung Autodiff – Formel = {abweichung:.1e}")

# %% [markdown]
# Autodiff und Formel stimmen bis auf Rundungsfehler (etwa $10^{-16}$) überein. Die
# Funktionen (blau) und ihre Ableitungen (orange), jeweils nebeneinander:

# %%
fig, axes = plt.subplots(4, 4, figsize=(13, 11))
for i, name in enumerate(formeln):
    ax_f, ax_d = axes[i // 2, 2 * (i % 2)], axes[i // 2, 2 * (i % 2) + 1]
    ax_f.plot(z_werte, werte[name], color="tab:blue")
    ax_f.set_title(f"{name}: $f(z)$")
    ax_d.plot(z_werte, ableitungen[name], color="tab:orange")
    ax_d.set_title(f"{name}: $f'(z)$")

# Softmax mit zwei Eingaben (z, 0): die erste Ausgabe und ihre Ableitung nach z
z = Tensor(np.column_stack([z_werte, np.zeros_like(z_werte)]), requires_grad=True)
p1 = F.softmax(z)[:, 0]
p1.sum().backward()
axes[3, 2].plot(z_werte, p1.data, color="tab:blue")
axes[3, 2].set_title("Softmax $(z, 0)$: $p_1$")
axes[3, 3].plot(z_werte, z.grad[:, 0], color="tab:orange")
axes[3, 3].set_title(r"Softmax $(z, 0)$: $\partial p_1 / \partial z$")
for ax in axes.ravel():
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_xlabel("$z$")
fig.tight_layout()
plt.show()

# %% [markdown]
# Worauf du achten kannst:
#
# - **Stufe**: Die Ableitung ist überall 0. Ein Gradient kann damit nichts lernen –
#   deshalb hat das Perzeptron seine eigene Lernregel und tiefe Netze nehmen glatte Aktivierungen.
# - **Sigmoid** und **tanh** sind für große $|z|$ flach: Die Ableitung geht gegen 0
#   („Sättigung“). $\sigma'$ ist höchstens 0.25, $\tanh'$ höchstens 1. Über viele
#   Schichten multipliziert, werden die Gradienten winzig (**verschwindende Gradienten**, Tag 3).
#   Sigmoid brauchst du heute vor allem in der Ausgabeschicht (Wahrscheinlichkeit für
#   ja/nein), tanh in rekurrenten Netzen wie der LSTM (Tag 4).
# - **ReLU** hat für $z > 0$ die Ableitung 1 und sättigt nicht – der Standard in
#   verdeckten Schichten. Für $z < 0$ ist sie 0: Ein Neuron, das immer negativ ist,
#   lernt nicht mehr. **Leaky ReLU** und **ELU** lassen dort einen kleinen Gradienten durch.
# - **GELU** ist eine glatte Variante von ReLU (bei Transformern beliebt); sie wird
#   für leicht negative $z$ sogar etwas negativ.
# - **Softmax** macht aus einem Vektor Wahrscheinlichkeiten, die sich zu 1 addieren.
#   Bei zwei Eingaben $(z, 0)$ ist $p_1 = \sigma(z)$ – der Plot gleicht dem der Sigmoid-Funktion.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: dieselben Funktionen in Keras
#
# Keras hat dieselben Funktionen in `keras.activations`. Ein Vergleich zeigt, dass
# `dlkurs.scratch` nach denselben Formeln rechnet (Keras rechnet hier in float32,
# daher Abweichungen um $10^{-7}$):

# %% tags=["vertiefung"]
z32 = z_werte.astype("float32")
in_keras = {
    "Sigmoid": keras.activations.sigmoid,
    "tanh": keras.activations.tanh,
    "ReLU": keras.activations.relu,
    "Leaky ReLU": keras.activations.leaky_relu,
    "ELU": keras.activations.elu,
    "GELU": keras.activations.gelu,
}
for name, funktion in in_keras.items():
    wert_keras = keras.ops.convert_to_numpy(funktion(z32))
    print(f"{name:>10}: größte Abweichung zu Keras = {np.max(np.abs(wert_keras - werte[name])):.1e}")

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Softmax – ein Vektor, viele Ableitungen
#
# Jede Ausgabe $p_i = e^{z_i} / \sum_j e^{z_j}$ hängt von **allen** Eingaben ab. Die
# Ableitungen bilden deshalb eine Matrix (die Jacobi-Matrix)
# $\partial p_i / \partial z_j = p_i(\delta_{ij} - p_j)$, kurz
# $\mathrm{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$. Autodiff liefert sie Zeile
# für Zeile: `backward()` von $p_i$ füllt `z.grad` mit $\partial p_i / \partial z_j$.

# %% tags=["vertiefung"]
logits = np.array([2.0, 1.0, 0.1])
zeilen = []
for i in range(3):
    z = Tensor(logits, requires_grad=True)
    F.softmax(z)[i].backward()
    zeilen.append(z.grad)
jacobi_autodiff = np.array(zeilen)

p = F.softmax(Tensor(logits)).data
jacobi_formel = np.diag(p) - np.outer(p, p)
print("p =", p.round(3), " Summe:", p.sum())
print("Jacobi-Matrix per Autodiff:\n", jacobi_autodiff.round(4))
print("gleich der Formel diag(p) - p pᵀ?", np.allclose(jacobi_autodiff, jacobi_formel))

# %% [markdown]
# ### Aufgabe: die Ableitung der Sigmoid-Funktion
#
# Schreibe `sigmoid_ableitung(z)`, die $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$
# berechnet – für eine einzelne Zahl und für NumPy-Arrays jeder Form. Die Prüfung
# testet auch sehr große $|z|$ wie $z = -1000$: Dort darf nichts überlaufen (keine
# `RuntimeWarning: overflow`), und das Ergebnis muss trotzdem stimmen
# ($\sigma'(\pm 1000)$ ist praktisch 0).

# %%
def sigmoid_ableitung(z):
    ### BEGIN SOLUTION sigmoid_ableitung
    ###> return ___
    e = np.exp(-np.abs(z))  # σ' ist symmetrisch: σ'(z) = σ'(-|z|); e ≤ 1 läuft nie über
    return e / (1 + e) ** 2
    ### END SOLUTION


aufgabe.sigmoid_ableitung.check(sigmoid_ableitung)

# %%
# aufgabe.sigmoid_ableitung.hint()
# aufgabe.sigmoid_ableitung.solution()

# %% [markdown]
# Warum $e/(1+e)^2$ mit $e = e^{-|z|}$ dasselbe ist: Mit $e = e^{-z}$ gilt
# $\sigma(z) = 1/(1+e)$ und $1 - \sigma(z) = e/(1+e)$, also
# $\sigma'(z) = e/(1+e)^2$. Weil $\sigma'$ symmetrisch ist ($\sigma'(z) = \sigma'(-z)$),
# darf man $z$ durch $|z|$ ersetzen – dann ist $e \le 1$ und kann nicht überlaufen.
# Keras und `dlkurs.scratch` verwenden solche Umformungen überall, wo `exp` im
# Spiel ist.
#
# ## Verlust und Metrik
#
# Beim Training in Lektion 1.5 hat Keras zwei Zahlen ausgegeben: `loss` (den
# **Verlust**, z. B. die Kreuzentropie) und `accuracy` (eine **Metrik**, die
# Genauigkeit). Optimiert wird nur der Verlust. Warum nicht gleich die Genauigkeit –
# die interessiert uns doch?
#
# Ein kleines Beispiel: 30 Punkte auf einer Achse, zwei Klassen, die sich
# überlappen. Das Modell ist ein einzelnes Neuron $p = \sigma(w x + b)$ mit festem
# $w = 2$. Wir verschieben den Bias $b$ und berechnen für jeden Wert den Verlust
# (binäre Kreuzentropie) und die Genauigkeit (Anteil mit $p > 0.5$ richtig).

# %%
rng = np.random.default_rng(0)
x_1d = np.concatenate([rng.normal(-1, 1, 15), rng.normal(1, 1, 15)])
y_1d = np.concatenate([np.zeros(15), np.ones(15)])
w_fest = 2.0


def verlust_und_genauigkeit(b):
    p = F.sigmoid(Tensor(w_fest * x_1d + b))
    verlust = F.binary_crossentropy(y_1d, p).item()
    genauigkeit = np.mean((p.data > 0.5) == y_1d)
    return verlust, genauigkeit


b_werte = np.linspace(-5, 5, 1001)
verluste, genauigkeiten = np.array([verlust_und_genauigkeit(b) for b in b_werte]).T

fig, axes = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
axes[0].plot(b_werte, verluste, color="tab:blue")
axes[0].set_ylabel("Verlust (Kreuzentropie)")
axes[0].set_title("Der Verlust ändert sich glatt mit dem Bias b ...")
axes[1].plot(b_werte, genauigkeiten, color="tab:green")
axes[1].set_ylabel("Genauigkeit")
axes[1].set_xlabel("Bias b")
axes[1].set_title("... die Genauigkeit springt in Stufen")
for ax in axes:
    ax.axvline(b_werte[np.argmin(verluste)], color="gray", ls="--", lw=1)
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# Die Genauigkeit ist **stückweise konstant**: Sie ändert sich nur, wenn die
# Entscheidungsgrenze $x = -b/w$ über einen Datenpunkt wandert; dazwischen ist sie
# flach. Ihre Ableitung ist also fast überall 0 (und an den Sprüngen nicht
# definiert). Der Gradientenabstieg sähe keine Richtung, in die er gehen soll.
# Der Verlust dagegen ist glatt und zeigt überall, in welche Richtung es besser
# wird; sein Minimum (gestrichelt) liegt dort, wo auch die Genauigkeit hoch ist –
# wenn auch nicht genau auf ihrem höchsten Wert: Der Verlust ist ein glatter
# Stellvertreter für das eigentliche Ziel, nicht dasselbe.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: die Ableitung der Genauigkeit ist 0
#
# Autodiff bestätigt das: Wir schreiben die Genauigkeit mit der Stufenfunktion
# (Vorhersage $\hat{y} = \mathrm{Stufe}(wx + b)$, richtig ist
# $y\hat{y} + (1-y)(1-\hat{y})$) und leiten beide Größen nach $b$ ab.

# %% tags=["vertiefung"]
b = Tensor(np.array(0.5), requires_grad=True)
z = w_fest * x_1d + b
verlust = F.binary_crossentropy(y_1d, F.sigmoid(z))
verlust.backward()
print(f"d Verlust / db     = {b.grad.item():+.4f}")

b.zero_grad()
y_dach = F.step(z)
genauigkeit = (y_1d * y_dach + (1 - y_1d) * (1 - y_dach)).mean()
genauigkeit.backward()
print(f"d Genauigkeit / db = {b.grad.item():+.4f}   (bei einer Genauigkeit von {genauigkeit.item():.0%})")

# %% [markdown]
# Deshalb trennt man die beiden Rollen:
#
# - Der **Verlust** ist das, was der Optimierer minimiert. Er muss glatt
#   (differenzierbar) sein und eng mit dem Ziel zusammenhängen – Kreuzentropie
#   für Klassifikation, mittlerer quadratischer Fehler für Regression.
# - Die **Metrik** ist das, was dich interessiert (Genauigkeit, mittlerer absoluter
#   Fehler …). Sie wird nur gemessen und berichtet, nicht abgeleitet.
#
# In Keras: `model.compile(loss="binary_crossentropy", metrics=["accuracy"])`.
#
# ### Welche letzte Schicht, welcher Verlust?
#
# Die Aufgabe bestimmt die Aktivierung der **letzten** Schicht und den Verlust – beide
# gehören zusammen (in 1.5 war es die dritte Zeile, für XOR oben die zweite):
#
# | Aufgabe | letzte Schicht | Verlust in Keras |
# |---|---|---|
# | Regression: eine beliebige Zahl (Preis, Temperatur) | `Dense(1)` ohne Aktivierung (linear) | `"mse"` (mittlerer quadratischer Fehler) |
# | zwei Klassen (ja/nein) | `Dense(1, activation="sigmoid")` | `"binary_crossentropy"` |
# | mehrere Klassen, genau eine richtig, Labels als Zahlen 0 … K−1 | `Dense(K, activation="softmax")` | `"sparse_categorical_crossentropy"` |
# | dasselbe, Labels als One-hot-Vektoren | `Dense(K, activation="softmax")` | `"categorical_crossentropy"` |
# | mehrere Labels zugleich (ein Bild zeigt Katze **und** Hund) | `Dense(K, activation="sigmoid")` | `"binary_crossentropy"` |
#
# Sigmoid und Softmax liefern Wahrscheinlichkeiten, die Kreuzentropie bewertet sie.
# Eine Regression braucht dagegen eine Ausgabe ohne Grenzen. Weitere Verluste
# (MAE, Huber, MSLE …) folgen an Tag 2.

# %% [markdown]
# ## Zusammenfassung
#
# - Ein Neuron rechnet $y = f(\mathbf{w}\cdot\mathbf{x} + b)$: eine affine Abbildung plus Aktivierung;
#   eine `Dense`-Schicht macht das für viele Neuronen und viele Beispiele auf einmal.
# - Schwellenneuronen (McCulloch & Pitts) bilden logische Gatter wie AND, OR, NOT und NAND.
# - Die Perzeptron-Lernregel findet eine Trennlinie, wenn es eine gibt (AND, OR) –
#   bei XOR gibt es keine.
# - Eine verdeckte Schicht mit nichtlinearer Aktivierung löst XOR; ohne
#   Nichtlinearität bleibt jedes Netz eine affine Abbildung.
# - Aktivierungen unterscheiden sich vor allem in ihren Ableitungen: Sättigung bei
#   Sigmoid und tanh, konstante Ableitung 1 bei ReLU für $z > 0$.
# - Optimiert wird ein glatter Verlust; die Genauigkeit ist eine Metrik, deren Ableitung fast überall 0 ist.
#
# In **1.7 Gradient Descent & Backpropagation** siehst du, wie der Gradient eines
# ganzen Netzes berechnet wird und wie der Optimierer damit die Gewichte verschiebt.

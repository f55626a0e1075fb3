# %% [markdown]
# # 3.1 Rückblick: stabiles Training
#
# Bevor es mit Bildern und Convnets weitergeht, schauen wir noch einmal genau hin:
# **Warum** lässt sich ein tiefes Netz manchmal kaum trainieren, und was hilft
# dagegen? Ein Netz lernt nur, wenn das Fehlersignal beim Zurückrechnen
# (Backpropagation) bis zu den ersten Schichten durchkommt – nicht zu klein und
# nicht zu groß.
#
# Am Ende dieser Lektion kannst du
#
# 1. erklären und messen, warum Gradienten in tiefen Sigmoid-Netzen
#    **verschwinden** und wann sie **explodieren**,
# 2. die passende **Initialisierung** wählen (Glorot, He) und begründen,
# 3. **BatchNormalization** und **LayerNormalization** in NumPy nachrechnen und
#    sagen, was sie beim Training bringen,
# 4. in den Vertiefungen: Gradienten mit `clipnorm`, `global_clipnorm` und
#    `clipvalue` **begrenzen** und Momentum, Nesterov und AdaGrad wieder
#    einordnen (aus Lektion 1.7).
#
# Die klassischen Alternativen zu neuronalen Netzen (SVM, Entscheidungsbäume,
# Random Forest, Abstimmung) wiederholen wir hier nicht: Sie stehen in
# **Lektion 2.9 Weitere Klassifikation**.

# %%
import dlkurs  # noqa: F401  (vor Keras: hält die Logzeilen von TensorFlow fern)
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.descent import plot_contours, plot_path
from dlkurs.kit.gradient_flow import activation_stats, chain_gradients, global_norm, gradient_norms, plot_per_layer
from dlkurs.scratch import SGD, Adagrad, Momentum, Nesterov, Tensor

aufgabe = aufgaben("3.1")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Verschwindende Gradienten: eine Kette aus einzelnen Neuronen
#
# Das einfachste tiefe Netz ist eine **Kette**: Jede Schicht hat nur ein Neuron,
# das die Ausgabe des vorigen bekommt:
#
# $$
# a_0 = x, \qquad z_k = w_k\,a_{k-1} + b_k, \qquad a_k = \sigma(z_k) \qquad (k = 1, \dots, n).
# $$
#
# Wie stark ändert sich die Ausgabe $a_n$, wenn sich die Eingabe $x$ ein wenig
# ändert? Die Kettenregel sagt: Jede Schicht steuert einen Faktor bei, das
# Gewicht mal die Ableitung der Aktivierung an ihrer Stelle,
#
# $$
# \frac{d a_n}{d x} = \prod_{k=1}^{n} w_k\,\sigma'(z_k), \qquad \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).
# $$
#
# Genauso wandert das Fehlersignal beim Training rückwärts zu den ersten
# Schichten. Und $\sigma'(z)$ ist **nie größer als 0,25** – die Ableitungen der
# Aktivierungen aus Lektion 1.6 noch einmal:

# %%
z = np.linspace(-6, 6, 301)
sigmoid = 1 / (1 + np.exp(-z))
ableitungen = {
    "Sigmoid: $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$": sigmoid * (1 - sigmoid),
    "tanh: $1 - \\tanh^2(z)$": 1 - np.tanh(z) ** 2,
    "ReLU: 1 für $z > 0$, sonst 0": (z > 0).astype(float),
}
fig, ax = plt.subplots(figsize=(7, 3.5))
for name, werte in ableitungen.items():
    ax.plot(z, werte, label=name)
ax.axhline(0.25, color="gray", ls=":", lw=1)
ax.set_xlabel("$z$")
ax.set_ylabel("Ableitung der Aktivierung")
ax.set_title("Wie stark eine Schicht das Signal weitergibt")
ax.legend(loc="upper left", fontsize=9)
plt.show()

# %% [markdown]
# Mit allen Gewichten $w_k = 1$ und Biases $b_k = 0$ ist jeder Faktor der
# Sigmoid-Kette kleiner als 0,25: Nach 10 Schichten bleibt höchstens
# $0{,}25^{10} \approx 10^{-6}$ übrig. Bei tanh ist der Faktor nahe 1, solange $z$
# nahe 0 liegt; bei ReLU ist er für positive $z$ genau 1. Mit Gewichten größer
# als 1 kann sich das Signal aber auch **aufschaukeln** – das ist das Gegenstück,
# der **explodierende** Gradient.
#
# `chain_gradients` aus `dlkurs.kit.gradient_flow` rechnet $d a_k / d x$ für
# jede Tiefe $k$ mit automatischem Differenzieren aus (`tf.GradientTape`), ganz
# ohne die Formel oben:

# %%
tiefe = 30
eins = np.ones(tiefe)
ketten = {
    "Sigmoid, $w = 1$": chain_gradients(eins, x=0.5, activation="sigmoid"),
    "tanh, $w = 1$": chain_gradients(eins, x=0.5, activation="tanh"),
    "ReLU, $w = 1$": chain_gradients(eins, x=0.5, activation="relu"),
    "ReLU, $w = 1{,}5$": chain_gradients(1.5 * eins, x=0.5, activation="relu"),
}
ax = plot_per_layer(ketten, ylabel="$|d a_n / d x|$", xlabel="Tiefe $n$ der Kette",
                    title="Ein Neuron pro Schicht: Gradient über die Tiefe")
plt.show()
for name, werte in ketten.items():
    print(f"{name:>18}: nach 10 Schichten {abs(werte[9]):.2e}, nach 30 Schichten {abs(werte[29]):.2e}")

# %% [markdown]
# Die y-Achse ist logarithmisch: Jede Gitterlinie ist ein Faktor 10. Die
# Sigmoid-Kette verliert pro Schicht etwa den Faktor 4–5, nach 30 Schichten
# ist vom Signal praktisch nichts mehr übrig. Die tanh-Kette verliert langsam,
# die ReLU-Kette mit $w = 1$ gar nichts. Mit $w = 1{,}5$ wächst das Signal bei
# ReLU pro Schicht um den Faktor 1,5: nach 30 Schichten auf rund $2 \cdot 10^{5}$.
#
# ### Aufgabe: der Gradient der Sigmoid-Kette
#
# Schreibe `kette_gradient(x, w, b)`: Sie bekommt die Eingabe `x` (eine Zahl)
# und die Gewichte `w` und Biases `b` der $n$ Neuronen (zwei gleich lange
# Arrays oder Listen) und gibt $d a_n / d x$ der Sigmoid-Kette als Zahl zurück –
# nach der Produktformel oben, ohne automatisches Differenzieren. Bei einer
# Kette der Länge 0 ist $a_0 = x$, die Ableitung also 1.

# %%
def kette_gradient(x, w, b):
    ### BEGIN SOLUTION kette_gradient
    ###> return ___
    a, gradient = x, 1.0
    for w_k, b_k in zip(w, b):
        a = 1 / (1 + np.exp(-(w_k * a + b_k)))
        gradient = gradient * w_k * a * (1 - a)
    return gradient
    ### END SOLUTION


aufgabe.kette_gradient.check(kette_gradient)

# %%
# aufgabe.kette_gradient.hint()
# aufgabe.kette_gradient.solution()

# %% [markdown]
# Zur Probe: Deine Formel und das automatische Differenzieren müssen für jede
# Kette dasselbe liefern, auch mit zufälligen Gewichten.

# %%
rng = np.random.default_rng(0)
w_zufall, b_zufall = rng.normal(0, 2, size=8), rng.normal(0, 1, size=8)
print("Produktformel:           ", kette_gradient(0.3, w_zufall, b_zufall))
print("automatisch (GradientTape):", chain_gradients(w_zufall, b_zufall, x=0.3)[-1])

# %% [markdown]
# ## Ein echtes Netz mit zehn Schichten
#
# In einem echten Netz hat jede Schicht viele Neuronen, und aus dem Produkt
# von Zahlen wird ein Produkt von Matrizen. Das Prinzip bleibt. Wir bauen ein
# Netz mit **zehn verdeckten Schichten** zu je 64 Neuronen für MNIST und messen
# für einen Stapel Bilder, wie groß der Gradient des Verlusts bezüglich der
# Gewichte jeder Schicht ist (seine Länge, die L2-Norm). Das erledigt
# `gradient_norms(modell, x, y)`; die Schichten zählen von der Eingabe (1) bis
# zur Ausgabeschicht (11).
#
# Drei Varianten: Sigmoid und tanh mit der Keras-Standardinitialisierung
# (Glorot), ReLU mit der **He-Initialisierung** (dazu gleich mehr). Trainiert
# wird hier noch nichts: Wir sehen uns den allerersten Schritt an.

# %%
(train_bilder, train_labels), (test_bilder, test_labels) = load("mnist")
x_train = train_bilder.reshape(-1, 28 * 28).astype("float32") / 255
x_test = test_bilder.reshape(-1, 28 * 28).astype("float32") / 255

n_probe = dlkurs.pick(quick=256, full=1024)
x_probe, y_probe = x_train[:n_probe], train_labels[:n_probe]


def tiefes_netz(aktivierung, init="glorot_uniform", tiefe=10, breite=64):
    """tiefe × Dense(breite) mit derselben Aktivierung und Initialisierung, dann Dense(10, softmax)."""
    return keras.Sequential(
        [keras.Input(shape=(784,))]
        + [layers.Dense(breite, activation=aktivierung, kernel_initializer=init) for _ in range(tiefe)]
        + [layers.Dense(10, activation="softmax")]
    )


varianten = {
    "Sigmoid (Glorot)": tiefes_netz("sigmoid"),
    "tanh (Glorot)": tiefes_netz("tanh"),
    "ReLU (He)": tiefes_netz("relu", "he_normal"),
}
normen = {name: gradient_norms(netz, x_probe, y_probe) for name, netz in varianten.items()}

plot_per_layer(normen, ylabel="Länge des Gradienten (L2-Norm)",
               title="Gradient je Schicht, 10 verdeckte Schichten, vor dem Training")
plt.show()

# %%
verhaeltnis = {name: werte[0] / werte[-1] for name, werte in normen.items()}
for name, v in verhaeltnis.items():
    print(f"{name:>16}: Gradient erste Schicht / Ausgabeschicht = {v:.2e}")
dlkurs.report(sigmoid_grad_ratio=verhaeltnis["Sigmoid (Glorot)"], relu_he_grad_ratio=verhaeltnis["ReLU (He)"])

# %% [markdown]
# Im Sigmoid-Netz ist der Gradient der ersten Schicht rund **eine Million Mal**
# kleiner als der der Ausgabeschicht (mit zwölf verschiedenen Startgewichten
# gemessen: zwischen $7 \cdot 10^{-7}$ und $3 \cdot 10^{-6}$). Mit derselben
# Lernrate würden die ersten Schichten praktisch nicht lernen – und gerade sie
# sollen die Merkmale liefern, auf denen alle anderen aufbauen. Mit ReLU und
# He-Initialisierung bleibt der Gradient über alle Schichten in derselben
# Größenordnung: Das Verhältnis liegt zwischen 1,7 und 3,3 – nahe 1, verglichen
# mit dem Sigmoid-Netz. Dass die erste Schicht sogar etwas mehr abbekommt, liegt
# an ihren 784 Eingängen. Das tanh-Netz hält sich bei zehn
# Schichten ebenfalls gut: Seine Ableitung ist nahe 0 fast 1, und seine
# Ausgaben sind um 0 zentriert (die von Sigmoid liegen alle zwischen 0 und 1,
# im Mittel bei 0,5).
#
# ## Initialisierung: Mit welchen Gewichten fängt das Netz an?
#
# Ob das Signal durchkommt, entscheidet schon die **Verteilung der
# Startgewichte**. Die Überlegung: Eine Schicht mit $n_\text{in}$ Eingaben
# bildet $z = \sum_i w_i a_i$. Sind die Gewichte unabhängig mit Mittelwert 0
# und Varianz $\operatorname{Var}(w)$, dann ist
#
# $$
# \operatorname{Var}(z) = n_\text{in} \cdot \operatorname{Var}(w) \cdot \mathbb{E}[a^2].
# $$
#
# Damit das Signal von Schicht zu Schicht gleich stark bleibt, muss
# $n_\text{in} \cdot \operatorname{Var}(w)$ passen:
#
# | Initialisierung | $\operatorname{Var}(w)$ | gedacht für | in Keras |
# |---|---|---|---|
# | Glorot (Xavier) | $2 / (n_\text{in} + n_\text{out})$ | tanh, Sigmoid, linear | `"glorot_uniform"` (Standard), `"glorot_normal"` |
# | He (Kaiming) | $2 / n_\text{in}$ | ReLU | `"he_normal"`, `"he_uniform"` |
#
# Bei ReLU ist die Hälfte der Ausgaben 0, deshalb ist $\mathbb{E}[a^2]$ nur halb
# so groß wie $\operatorname{Var}(z)$ – die He-Initialisierung gleicht das mit
# dem Faktor 2 aus. Wir vergleichen fünf Initialisierungen in einem
# ReLU-Netz mit zehn verdeckten Schichten zu je 128 Neuronen: alle Gewichte 0,
# normalverteilt mit Standardabweichung 0,01 („zu klein“) und 0,5 („zu groß“;
# He wäre hier $\sqrt{2/128} = 0{,}125$), Glorot und He. Gemessen wird je
# Schicht die Standardabweichung der Ausgaben und die Länge des Gradienten.

# %%
initialisierungen = {
    "Nullen": "zeros",
    "zu klein (σ = 0,01)": keras.initializers.RandomNormal(stddev=0.01),
    "zu groß (σ = 0,5)": keras.initializers.RandomNormal(stddev=0.5),
    "Glorot": "glorot_uniform",
    "He": "he_normal",
}
streuung, gradienten, tote = {}, {}, {}
for name, init in initialisierungen.items():
    netz = tiefes_netz("relu", init, breite=128)
    statistik = activation_stats(netz, x_probe)
    streuung[name] = statistik["std"][:-1]  # die verdeckten Schichten
    tote[name] = statistik["zero"][:-1]
    gradienten[name] = gradient_norms(netz, x_probe, y_probe)

fig, (links, rechts) = plt.subplots(1, 2, figsize=(13, 4.5))
plot_per_layer(streuung, ylabel="Standardabweichung der Ausgaben", ax=links,
               title="Aktivierungen je Schicht (ReLU-Netz)")
plot_per_layer(gradienten, ylabel="Länge des Gradienten", ax=rechts, title="Gradienten je Schicht")
fig.tight_layout()
plt.show()

for name in initialisierungen:
    print(f"{name:>20}: Streuung Schicht 1 → 10: {streuung[name][0]:.2e} → {streuung[name][-1]:.2e}, "
          f"Ausgaben genau 0 in Schicht 10: {tote[name][-1]:.0%}")

# %% [markdown]
# Was du siehst (die Linie „Nullen“ fehlt in beiden Bildern, weil dort alles
# exakt 0 ist – auf einer logarithmischen Achse gibt es keine 0):
#
# - **Nullen**: Alle Ausgaben und alle Gewichtsgradienten sind 0. Das Netz
#   lernt nie etwas, und selbst mit Gradienten wären alle Neuronen einer
#   Schicht gleich und blieben es (*Symmetrie*). Startgewichte müssen
#   **zufällig** sein.
# - **Zu klein**: Jede Schicht schrumpft das Signal um etwa den Faktor
#   $\sqrt{128 \cdot 0{,}01^2 / 2} \approx 0{,}08$ – nach zehn Schichten ist es
#   verschwunden, die Gradienten der vorderen Schichten ebenso.
# - **Zu groß**: Jede Schicht vergrößert das Signal um etwa den Faktor 4;
#   Aktivierungen und Gradienten explodieren.
# - **Glorot**: Bei ReLU verliert das Signal pro Schicht den Faktor
#   $\sqrt{2}$ – bei zehn Schichten erträglich, bei fünfzig nicht mehr.
# - **He**: Die Streuung bleibt über alle Schichten gleich.
#
# ### Aufgabe: die Initialisierung für ein tiefes ReLU-Netz
#
# Welche Initialisierung nimmst du für die Gewichte eines tiefen ReLU-Netzes?
# Gib sie in `relu_init` so an, wie du sie `Dense(..., kernel_initializer=...)`
# übergeben würdest – meist als Namen (Text) oder als Objekt aus
# `keras.initializers`. Die Prüfung zieht damit Gewichte und misst ihre
# Varianz.

# %%
### BEGIN SOLUTION relu_init
relu_init = "he_normal"
### END SOLUTION
aufgabe.relu_init.check(relu_init)

# %%
# aufgabe.relu_init.hint()
# aufgabe.relu_init.solution()

# %% [markdown]
# Mit deiner Wahl bauen wir das Netz noch einmal, diesmal mit **30** verdeckten
# Schichten, und vergleichen mit Glorot:

# %%
tief_30 = {
    "Glorot": activation_stats(tiefes_netz("relu", "glorot_uniform", tiefe=30, breite=128), x_probe)["std"][:-1],
    "deine Wahl": activation_stats(tiefes_netz("relu", relu_init, tiefe=30, breite=128), x_probe)["std"][:-1],
}
plot_per_layer(tief_30, ylabel="Standardabweichung der Ausgaben", title="ReLU-Netz mit 30 verdeckten Schichten")
plt.show()

# %% [markdown]
# ### Denkfrage: Warum He für ReLU?
#
# Erkläre in zwei, drei Sätzen, warum die Varianz der He-Initialisierung
# doppelt so groß ist wie die von Glorot (bei gleich vielen Ein- und Ausgängen)
# und was mit der Glorot-Initialisierung in einem sehr tiefen ReLU-Netz passiert.
#
# <!-- BEGIN SOLUTION warum_he -->
# ReLU setzt alle negativen Eingaben auf 0, also im Mittel die Hälfte. Damit
# ist $\mathbb{E}[a^2]$ nur halb so groß wie die Varianz von $z$, und jede
# Schicht würde die Varianz des Signals halbieren. He gleicht das mit
# $\operatorname{Var}(w) = 2/n_\text{in}$ aus, sodass
# $n_\text{in} \cdot \operatorname{Var}(w) \cdot \mathbb{E}[a^2] = \operatorname{Var}(z)$
# bleibt. Mit Glorot ($1/n$ bei $n_\text{in} = n_\text{out} = n$) schrumpft die
# Streuung pro Schicht um den Faktor $\sqrt{2}$: bei 30 Schichten um
# $2^{15} \approx 33\,000$. Aktivierungen und Gradienten der vorderen
# Schichten verschwinden, das Netz lernt kaum.
# <!-- END SOLUTION -->

# %%
aufgabe.warum_he.check()
# aufgabe.warum_he.solution()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Gradient Clipping – zu große Schritte begrenzen
#
# Gegen **explodierende** Gradienten hilft eine Notbremse: Ist ein Gradient zu
# lang, wird er vor dem Schritt gekürzt. Alle Keras-Optimierer können das, auf
# drei Arten:
#
# | Argument | was begrenzt wird | Richtung bleibt? |
# |---|---|---|
# | `clipnorm=c` | die Länge **jedes einzelnen** Gradienten-Tensors (je Gewichtsmatrix, je Bias) auf höchstens $c$ | je Tensor ja, insgesamt nicht |
# | `global_clipnorm=c` | die Länge **aller Gradienten zusammen**, als wären sie ein langer Vektor | ja |
# | `clipvalue=c` | **jeden einzelnen Wert** auf $[-c, c]$ | nein |
#
# Die gemeinsame Länge (*globale Norm*) ist
# $\lVert g \rVert = \sqrt{\sum_t \sum_i g_{t,i}^2}$ über alle Tensoren $t$.
# Ist sie größer als $c$, wird **jeder** Tensor mit demselben Faktor
# $c / \lVert g \rVert$ multipliziert. Wir prüfen das an zwei kleinen
# Gradienten, $g_1 = (3, 4)$ mit Länge 5 und $g_2 = (0, 12)$ mit Länge 12,
# zusammen $\sqrt{9 + 16 + 144} = 13$. Mit `SGD(learning_rate=1)` und Gewichten,
# die bei 0 starten, ist das neue Gewicht genau der negative, begrenzte
# Gradient:

# %% tags=["vertiefung"]
g1, g2 = np.array([3.0, 4.0]), np.array([0.0, 12.0])
print(f"Längen: |g1| = {np.linalg.norm(g1):g}, |g2| = {np.linalg.norm(g2):g}, global: {global_norm([g1, g2]):g}")

for argument in ["clipnorm", "global_clipnorm", "clipvalue"]:
    optimierer = keras.optimizers.SGD(learning_rate=1.0, **{argument: 1.0})
    v1, v2 = keras.Variable(np.zeros(2)), keras.Variable(np.zeros(2))
    optimierer.apply_gradients([(keras.ops.convert_to_tensor(g1), v1), (keras.ops.convert_to_tensor(g2), v2)])
    n1, n2 = -keras.ops.convert_to_numpy(v1), -keras.ops.convert_to_numpy(v2)
    print(f"{argument + '=1':>17}: g1 → {np.round(n1, 3)}, g2 → {np.round(n2, 3)}, "
          f"globale Länge danach {global_norm([n1, n2]):.3f}")

# %% [markdown] tags=["vertiefung"]
# `clipnorm` kürzt jeden Tensor für sich auf Länge 1: $g_1$ wird auf ein
# Fünftel gekürzt, $g_2$ auf ein Zwölftel – das Verhältnis der beiden ändert
# sich. `global_clipnorm` teilt alles durch 13: Die Richtung des gesamten
# Schritts bleibt, nur seine Länge ist 1. `clipvalue` schneidet jeden Wert
# einzeln ab: Aus $(3, 4)$ wird $(1, 1)$, die Richtung ist eine andere.
#
# ### Aufgabe: Clipping mit der globalen Norm
#
# Schreibe `clip_global(gradienten, max_norm)`. `gradienten` ist eine Liste von
# NumPy-Arrays beliebiger Formen. Ist ihre gemeinsame Länge größer als
# `max_norm`, gib eine Liste zurück, in der jedes Array mit demselben Faktor
# `max_norm / Länge` multipliziert ist; sonst die Arrays unverändert (als neue
# Liste). Verändere die übergebenen Arrays nicht, und pass auf, dass eine Liste
# aus lauter Nullen keine Division durch 0 auslöst. Rechne selbst mit NumPy:
# `tf.clip_by_global_norm` nehmen wir erst danach zum Vergleich.

# %% tags=["vertiefung"]
def clip_global(gradienten, max_norm):
    ### BEGIN SOLUTION clip_global
    ###> return ___
    laenge = np.sqrt(sum(np.sum(np.square(g)) for g in gradienten))
    faktor = max_norm / max(laenge, max_norm)
    return [g * faktor for g in gradienten]
    ### END SOLUTION


aufgabe.clip_global.check(clip_global)

# %% tags=["vertiefung"]
# aufgabe.clip_global.hint()
# aufgabe.clip_global.solution()

# %% [markdown] tags=["vertiefung"]
# Dieselbe Rechnung steckt in `tf.clip_by_global_norm`. Zum Vergleich nehmen wir
# echte Gradienten: die aller Gewichte und Biases des Sigmoid-Netzes von oben.

# %% tags=["vertiefung"]
netz = varianten["Sigmoid (Glorot)"]
with tf.GradientTape() as band:
    verlust = keras.ops.mean(keras.losses.sparse_categorical_crossentropy(y_probe, netz(x_probe)))
echte_gradienten = [g.numpy() for g in band.gradient(verlust, netz.trainable_variables)]
von_tf, laenge_tf = tf.clip_by_global_norm(echte_gradienten, 0.1)
eigene = clip_global(echte_gradienten, 0.1)
print(f"{len(echte_gradienten)} Tensoren, globale Länge {laenge_tf.numpy():.4f}")
print("größte Abweichung zu tf.clip_by_global_norm:",
      max(float(np.max(np.abs(a - b.numpy()))) for a, b in zip(eigene, von_tf)))

# %% [markdown] tags=["vertiefung"]
# Wann hilft Clipping im Training? Wir nehmen ein ReLU-Netz, dessen
# Startgewichte zu groß sind (Standardabweichung 0,3 statt He: 0,18 bei 64
# Eingängen), und trainieren es mit `SGD(learning_rate=0.01)` zwei Epochen lang
# – einmal ohne und einmal mit `global_clipnorm=1.0`.

# %% tags=["vertiefung"]
n_clip = dlkurs.pick(quick=4_000, full=10_000)
for begrenzung in [None, 1.0]:
    keras.utils.set_random_seed(1)
    netz = tiefes_netz("relu", keras.initializers.RandomNormal(stddev=0.3))
    netz.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, global_clipnorm=begrenzung),
                 loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    verlauf = netz.fit(x_train[:n_clip], train_labels[:n_clip], epochs=2, batch_size=128, verbose=0)
    print(f"global_clipnorm={begrenzung}: Verlust je Epoche {np.round(verlauf.history['loss'], 2)}, "
          f"Genauigkeit {np.round(verlauf.history['accuracy'], 3)}")

# %% [markdown] tags=["vertiefung"]
# Ohne Begrenzung wird der Verlust schon in der ersten Epoche `nan`: Ein
# einziger riesiger Schritt wirft die Gewichte ins Unendliche, und davon erholt
# sich das Netz nicht mehr. Mit `global_clipnorm=1.0` bleibt es endlich und
# sinkt – es lernt aber langsam, denn die Ursache (zu große Startgewichte)
# behebt Clipping nicht. Clipping ist eine Sicherung, keine Reparatur; in
# rekurrenten Netzen (Tag 4) ist es Standard.

# %% [markdown]
# ## Normalisierung: BatchNormalization und LayerNormalization
#
# Die dritte Waffe: die Ausgaben einer Schicht **während** des Trainings
# immer wieder auf Mittelwert 0 und Streuung 1 bringen. Beide Schichten
# rechnen
#
# $$
# \hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad y = \gamma\,\hat{x} + \beta,
# $$
#
# mit lernbaren Parametern $\gamma$ (Skalierung, Start 1) und $\beta$
# (Verschiebung, Start 0) je Merkmal und einem kleinen $\varepsilon$ (in Keras
# 0,001) gegen Division durch 0. Sie unterscheiden sich darin, **worüber**
# $\mu$ und $\sigma^2$ gemittelt werden:
#
# - **BatchNormalization**: je Merkmal über die Beispiele des Stapels
#   (`axis=0`). Beim Training die Statistik des aktuellen Stapels; für
#   Vorhersagen gleitende Mittelwerte, die beim Training mitgeführt werden.
# - **LayerNormalization**: je Beispiel über seine Merkmale (letzte Achse).
#   Hängt nicht vom Stapel ab, rechnet beim Training und bei Vorhersagen
#   gleich – deshalb steckt sie in Transformern (Tag 4).
#
# BatchNormalization in NumPy, verglichen mit der Keras-Schicht im
# Trainingsmodus (`training=True`); $\gamma$ und $\beta$ setzen wir auf
# zufällige Werte, damit sie auch mitgeprüft werden:

# %%
def batch_norm(x, gamma, beta, eps=1e-3):
    mittel = x.mean(axis=0)
    varianz = x.var(axis=0)
    return gamma * (x - mittel) / np.sqrt(varianz + eps) + beta


x_bn = rng.normal(3.0, 2.0, size=(32, 5)).astype("float32")
gamma, beta = rng.normal(1.0, 0.5, size=5).astype("float32"), rng.normal(0.0, 1.0, size=5).astype("float32")

bn_schicht = layers.BatchNormalization()
bn_schicht.build(x_bn.shape)
bn_schicht.gamma.assign(gamma)
bn_schicht.beta.assign(beta)
von_keras = keras.ops.convert_to_numpy(bn_schicht(x_bn, training=True))
bn_abweichung = float(np.max(np.abs(batch_norm(x_bn, gamma, beta) - von_keras)))
print(f"BatchNormalization: größte Abweichung NumPy – Keras {bn_abweichung:.1e}")
print("Mittelwert je Merkmal vorher:", x_bn.mean(axis=0).round(2), " nachher (ohne γ, β):",
      batch_norm(x_bn, 1.0, 0.0).mean(axis=0).round(6))
dlkurs.report(batchnorm_max_abs_diff=bn_abweichung)

# %% [markdown]
# ### Aufgabe: LayerNormalization in NumPy
#
# Schreibe `layer_norm(x, gamma, beta, eps=1e-3)` wie Keras'
# `LayerNormalization`: Normalisiere jedes Beispiel über die **letzte Achse**
# (Mittelwert und Varianz je Zeile, Varianz ohne Korrektur wie `np.var`), dann
# $y = \gamma\,\hat{x} + \beta$. `x` hat die Form (Beispiele, Merkmale) oder
# mehr Achsen davor; `gamma` und `beta` haben die Form (Merkmale,). Nimm das
# übergebene `eps`. Eine Zeile, deren Werte alle gleich sind, darf kein `nan`
# ergeben, und ein Stapel aus **einem** Beispiel muss genauso funktionieren wie
# einer aus vielen. Rechne mit NumPy und gib ein NumPy-Array zurück – die
# Keras-Schicht nehmen wir erst danach zum Vergleich.

# %%
def layer_norm(x, gamma, beta, eps=1e-3):
    ### BEGIN SOLUTION layer_norm
    ###> return ___
    mittel = x.mean(axis=-1, keepdims=True)
    varianz = x.var(axis=-1, keepdims=True)
    return gamma * (x - mittel) / np.sqrt(varianz + eps) + beta
    ### END SOLUTION


aufgabe.layer_norm.check(layer_norm)

# %%
# aufgabe.layer_norm.hint()
# aufgabe.layer_norm.solution()

# %% [markdown]
# Und der Vergleich mit Keras – auch für einen Stapel aus einem einzigen Bild
# (eine Zeile von `x_train`), bei dem BatchNormalization nichts Sinnvolles mehr
# rechnen könnte:

# %%
ln_schicht = layers.LayerNormalization()
ln_schicht.build(x_bn.shape)
ln_schicht.gamma.assign(gamma)
ln_schicht.beta.assign(beta)
ln_abweichung = float(np.max(np.abs(layer_norm(x_bn, gamma, beta) - keras.ops.convert_to_numpy(ln_schicht(x_bn)))))
print(f"LayerNormalization: größte Abweichung NumPy – Keras {ln_abweichung:.1e}")

ein_bild = x_train[:1]
ln_bild = layers.LayerNormalization()
ein_bild_keras = keras.ops.convert_to_numpy(ln_bild(ein_bild))
ein_bild_numpy = layer_norm(ein_bild, np.ones(784, "float32"), np.zeros(784, "float32"))
print(f"ein Bild: Mittelwert {ein_bild_numpy.mean():.1e}, Streuung {ein_bild_numpy.std():.4f}, "
      f"Abweichung zu Keras {np.max(np.abs(ein_bild_keras - ein_bild_numpy)):.1e}")
dlkurs.report(layernorm_max_abs_diff=ln_abweichung)

# %% [markdown]
# Die Abweichungen liegen bei $10^{-7}$: Rundungsfehler von float32. Die
# Streuung des normalisierten Bildes ist etwas kleiner als 1, weil $\varepsilon$
# unter der Wurzel mitzählt.
#
# ### Was BatchNormalization beim Training bringt
#
# Jetzt das Sigmoid-Netz mit zehn verdeckten Schichten von oben, diesmal
# trainiert: einmal wie gehabt, einmal mit einer `BatchNormalization` zwischen
# jeder `Dense`-Schicht und ihrer Aktivierung (die Dense-Schicht braucht dann
# keinen Bias, `β` übernimmt ihn). Beide mit `SGD(learning_rate=0.1)`, gleicher
# Datenmenge, gleichen Epochen. Zum Vergleich läuft das ReLU-Netz mit
# He-Initialisierung ohne Normalisierung mit.

# %%
def sigmoid_netz_mit_bn(tiefe=10, breite=64):
    schichten = [keras.Input(shape=(784,))]
    for _ in range(tiefe):
        schichten += [layers.Dense(breite, use_bias=False), layers.BatchNormalization(), layers.Activation("sigmoid")]
    return keras.Sequential(schichten + [layers.Dense(10, activation="softmax")])


n_train = dlkurs.pick(quick=3_000, full=60_000)
epochen = dlkurs.pick(quick=2, full=5)
bauplaene = {
    "Sigmoid": lambda: tiefes_netz("sigmoid"),
    "Sigmoid + BatchNorm": sigmoid_netz_mit_bn,
    "ReLU (He)": lambda: tiefes_netz("relu", "he_normal"),
}
verlaeufe, test_genauigkeit = {}, {}
for name, baue in bauplaene.items():
    keras.utils.set_random_seed(3)
    netz = baue()
    netz.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="sparse_categorical_crossentropy",
                 metrics=["accuracy"])
    verlaeufe[name] = netz.fit(x_train[:n_train], train_labels[:n_train], epochs=epochen, batch_size=128,
                               verbose=0).history
    test_genauigkeit[name] = netz.evaluate(x_test, test_labels, verbose=0)[1]
    print(f"{name:>20}: Verlust je Epoche {np.round(verlaeufe[name]['loss'], 3)}, "
          f"Testgenauigkeit {test_genauigkeit[name]:.1%}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, verlauf in verlaeufe.items():
    ax.plot(np.arange(1, epochen + 1), verlauf["loss"], "o-", label=name)
ax.set_xlabel("Epoche")
ax.set_ylabel("Verlust beim Training")
ax.set_title("Zehn verdeckte Schichten, SGD mit η = 0,1")
ax.legend()
plt.show()

bn_gewinn = test_genauigkeit["Sigmoid + BatchNorm"] - test_genauigkeit["Sigmoid"]
print(f"BatchNorm bringt dem Sigmoid-Netz {bn_gewinn:+.1%} Testgenauigkeit.")
if dlkurs.profile() == "quick":
    print("Schnelldurchlauf: zu wenige Schritte, als dass die gleitenden Mittelwerte der BatchNorm-Schichten "
          "für die Vorhersage schon stimmen – mit allen Daten sind es gut 80 Prozentpunkte Gewinn.")
dlkurs.report(bn_accuracy_gain=bn_gewinn)

# %% [markdown]
# Ohne Normalisierung bleibt der Verlust des Sigmoid-Netzes bei
# $\ln 10 \approx 2{,}30$ stehen: Das Netz rät gleichverteilt und trifft etwa
# jedes zehnte Bild – die ersten Schichten bekommen (wie oben gemessen) so gut
# wie keinen Gradienten. Mit BatchNorm sinkt der Verlust sofort: Jede
# Sigmoid-Schicht bekommt wieder Eingaben um 0 mit Streuung 1, wo ihre
# Ableitung am größten ist, und das Fehlersignal kommt bis nach vorne durch. Im
# vollen Profil (alle 60 000 Bilder, 5 Epochen) erkennt das Netz mit BatchNorm
# 93 bis 96 % der Testbilder (drei Startwerte), ohne nur 10 bis 11 % – so viel
# trifft, wer immer dieselbe Ziffer rät. ReLU mit He-Initialisierung
# kommt hier ganz ohne Normalisierung aus. In noch tieferen Netzen und in
# Convnets (die nächsten Lektionen) sind BatchNorm und gute Initialisierung
# meist gemeinsam im Einsatz.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Noch einmal Momentum, Nesterov, AdaGrad
#
# Auch der Optimierer entscheidet, wie gut das Training vorankommt. In
# Lektion 1.7 hast du die Regeln hergeleitet; hier nur noch einmal das Bild
# dazu: vier Optimierer aus `dlkurs.scratch` auf dem langen Tal
# $f(w_1, w_2) = 0{,}05\,w_1^2 + 2\,w_2^2$, je 60 Schritte vom selben Start.

# %% tags=["vertiefung"]
def langes_tal(w1, w2):
    return 0.05 * w1**2 + 2 * w2**2


def optimiere(optimierer, start=(-10.0, 1.0), schritte=60):
    w = Tensor(np.array(start), requires_grad=True)
    pfad = [w.data.copy()]
    for _ in range(schritte):
        w.zero_grad()
        langes_tal(w[0], w[1]).backward()
        optimierer.step([w])
        pfad.append(w.data.copy())
    return np.array(pfad)


ax = plot_contours(langes_tal, (-10.5, 3), (-2.2, 2.2))
for name, optimierer in {
    "SGD (η = 0,45)": SGD(learning_rate=0.45),
    "Momentum (η = 0,1, μ = 0,8)": Momentum(learning_rate=0.1, momentum=0.8),
    "Nesterov (η = 0,1, μ = 0,8)": Nesterov(learning_rate=0.1, momentum=0.8),
    "AdaGrad (η = 1,5)": Adagrad(learning_rate=1.5),
}.items():
    pfad = optimiere(optimierer)
    plot_path(pfad, ax, label=name)
    print(f"{name:>28}: nach 60 Schritten f = {langes_tal(*pfad[-1]):.1e}")
ax.plot(0, 0, "k*", ms=12)
ax.set_title("Vier Optimierer auf dem langen Tal")
ax.legend(loc="lower right", fontsize=9)
plt.show()

# %% [markdown] tags=["vertiefung"]
# - **SGD** schaukelt quer zum Tal und kriecht entlang.
# - **Momentum** sammelt Schwung entlang des Tals, schießt über und pendelt sich
#   ein. **Nesterov** rechnet den Gradienten dort aus, wo der Schwung gleich
#   hinführt, und bremst deshalb früher: weniger Überschießen.
# - **AdaGrad** gibt jeder Richtung ihre eigene Schrittweite
#   $\eta / \sqrt{\sum g^2}$: Die steile $w_2$-Richtung bekommt kleine, die flache
#   $w_1$-Richtung große Schritte. Weil die Summe nur wächst, werden die
#   Schritte aber immer kleiner – RMSprop und Adam ersetzen sie deshalb durch
#   einen gleitenden Mittelwert (Lektion 1.7).

# %% [markdown]
# ## Zusammenfassung
#
# - Backpropagation multipliziert je Schicht einen Faktor $w\,f'(z)$. Bei
#   Sigmoid ist $f' \le 0{,}25$: Die Gradienten der vorderen Schichten
#   **verschwinden** (in zehn Schichten um fünf bis sechs Größenordnungen).
#   Faktoren über 1 lassen sie **explodieren**.
# - **Initialisierung**: nie alles 0; Varianz passend zur Aktivierung –
#   Glorot ($2/(n_\text{in}+n_\text{out})$) für tanh/Sigmoid, **He**
#   ($2/n_\text{in}$) für ReLU. Dann bleiben Aktivierungen und Gradienten über
#   die Tiefe in derselben Größenordnung.
# - **Gradient Clipping** (Vertiefung; `global_clipnorm`, `clipnorm`,
#   `clipvalue` beim Optimierer) verhindert, dass ein einzelner riesiger Schritt das Training
#   zerstört; `global_clipnorm` behält die Richtung bei.
# - **BatchNormalization** normalisiert je Merkmal über den Stapel,
#   **LayerNormalization** je Beispiel über die Merkmale; beide dann
#   $\gamma \hat{x} + \beta$. BatchNorm macht das tiefe Sigmoid-Netz erst
#   trainierbar.
# - Momentum/Nesterov geben Schwung, AdaGrad passt die Schrittweite je Gewicht
#   an (Lektion 1.7 und die Vertiefung oben). Die klassischen Verfahren ohne Netz: Lektion 2.9.
#
# Weiter geht es mit den **Convnets**: Faltung und Pooling von Grund auf.

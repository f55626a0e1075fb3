# %% [markdown]
# # 1.7 Gradient Descent & Backpropagation
#
# Ein Netz lernt, indem es seine Gewichte so verschiebt, dass der Verlust kleiner
# wird. Dafür braucht es zwei Dinge:
#
# 1. **die Richtung**: den Gradienten des Verlusts nach jedem Gewicht – berechnet mit
#    **Backpropagation**, der Kettenregel rückwärts durch das Netz;
# 2. **den Schritt**: eine Regel, wie weit man in diese Richtung geht – der
#    **Gradientenabstieg** und seine Verbesserungen (Momentum, RMSprop, Adam …).
#
# In dieser Lektion baust du beides selbst nach und vergleichst es mit Keras. Wir
# rechnen mit NumPy und `dlkurs.scratch`, dessen Optimierer nach denselben
# Formeln arbeiten wie die von Keras.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FormatStrFormatter, NullFormatter

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.descent import descend, plot_contours, plot_path
from dlkurs.scratch import SGD, Adagrad, Adam, Dense, Momentum, Nesterov, RMSprop, Sequential, Tensor
from dlkurs.scratch import functional as F
from dlkurs.scratch import gradient_check, numerical_gradient

aufgabe = aufgaben("1.7")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Bergab: die Idee
#
# Die Ableitung $f'(w)$ sagt, wie steil $f$ an der Stelle $w$ ansteigt. Wer bergab
# will, geht ein kleines Stück **gegen** die Ableitung:
#
# $$
# w \leftarrow w - \eta\, f'(w).
# $$
#
# $\eta$ (eta) ist die **Lernrate**. Bei vielen Gewichten $\mathbf{w}$ steht statt
# $f'$ der **Gradient** $\nabla f(\mathbf{w})$, der Vektor aller partiellen
# Ableitungen – er zeigt in die Richtung des steilsten Anstiegs. Jedes Gewicht
# bekommt seinen eigenen Schritt $w_i \leftarrow w_i - \eta\, \partial f / \partial w_i$.
#
# ### Aufgabe: ein Schritt
#
# Schreibe `gd_schritt(w, grad, lr)`, die das neue `w` zurückgibt. Sie soll für
# Zahlen und für NumPy-Arrays jeder Form funktionieren und das übergebene `w`
# **nicht verändern**.

# %%
def gd_schritt(w, grad, lr):
    ### BEGIN SOLUTION gd_schritt
    ###> return ___
    return w - lr * grad
    ### END SOLUTION


aufgabe.gd_schritt.check(gd_schritt)

# %%
# aufgabe.gd_schritt.hint()
# aufgabe.gd_schritt.solution()

# %% [markdown]
# ### Die Lernrate: zu klein, gut, zu groß
#
# Wir wenden diesen Schritt wiederholt auf die Parabel $f(w) = w^2$ an
# ($f'(w) = 2w$), Start bei $w = 4$, je 10 Schritte. `descend` aus `dlkurs.kit`
# macht genau das: `w = w - lr * gradient(w)` in einer Schleife, und merkt sich
# jeden Punkt.

# %%
def parabel(w):
    return w**2


def parabel_ableitung(w):
    return 2 * w


lernraten = {"zu klein (η = 0.02)": 0.02, "gut (η = 0.3)": 0.3, "zu groß (η = 1.05)": 1.05}

fig, axes = plt.subplots(1, 3, figsize=(14, 4))
for ax, (titel, lr) in zip(axes, lernraten.items()):
    pfad = descend(parabel_ableitung, [4.0], learning_rate=lr, steps=10)[:, 0]
    grenze = max(5.0, 1.1 * np.abs(pfad).max())
    w = np.linspace(-grenze, grenze, 200)
    ax.plot(w, parabel(w), color="gray")
    ax.plot(pfad, parabel(pfad), "o-", color="tab:red", ms=4)
    ax.plot(pfad[0], parabel(pfad[0]), "o", ms=9, mfc="white", mec="tab:red", mew=2)
    ax.set_title(f"{titel}: w nach 10 Schritten = {pfad[-1]:.3g}")
    ax.set_xlabel("w")
    ax.set_ylabel("f(w) = w²")
fig.tight_layout()
plt.show()

# %% [markdown]
# Der weiße Kreis ist der Start. Links kriechen die Schritte: Nach 10 Schritten ist
# $w$ noch weit vom Minimum entfernt. In der Mitte ist $w$ nach wenigen Schritten
# praktisch bei 0. Rechts springt $w$ über das Minimum hinweg auf die andere Seite –
# und landet jedes Mal weiter oben: Der Abstieg **divergiert**.
#
# Das lässt sich genau ausrechnen: Ein Schritt macht aus $w$ den Wert
# $w - \eta \cdot 2w = (1 - 2\eta)\,w$. Für $0 < \eta < 1$ ist $|1 - 2\eta| < 1$ und
# $w$ schrumpft; für $\eta > 1$ wächst $|w|$ mit jedem Schritt.
#
# ### Aufgabe: eine passende Lernrate
#
# Wähle eine Lernrate `lr`, mit der der Gradientenabstieg auf $f(w) = w^2$, Start bei
# $w = 5$, nach **20 Schritten** bei $|w| < 0.001$ ankommt.

# %%
### BEGIN SOLUTION lernrate
lr = 0.4
### END SOLUTION
aufgabe.lernrate.check(lr)

# %%
# aufgabe.lernrate.hint()
# aufgabe.lernrate.solution()

# %% [markdown]
# Jede Lernrate von ungefähr 0.18 bis 0.82 funktioniert (genau: zwischen 0.1734 und
# 0.8266). Mit $\eta = 0.5$ ist
# $1 - 2\eta = 0$: Der erste Schritt landet genau im Minimum. Das ist kein Zufall –
# $0.5 = 1/f''(w)$ ist der Kehrwert der Krümmung $f''(w) = 2$. Je stärker eine
# Funktion gekrümmt ist, desto kleiner muss die Lernrate sein.

# %% [markdown]
# ## Zwei Dimensionen: Höhenlinien
#
# Mit zwei Gewichten zeichnen wir den Verlust als **Höhenlinien** (wie auf einer
# Wanderkarte). Beide Achsen haben denselben Maßstab, damit Winkel im Bild
# stimmen. Unsere Funktion
# $f(w_1, w_2) = w_1^2 + 5\,w_2^2$ ist in $w_2$-Richtung fünfmal so stark gekrümmt
# wie in $w_1$-Richtung: ein längliches Tal. Der Gradient ist
# $\nabla f = (2 w_1,\ 10 w_2)$.

# %%
def tal(w1, w2):
    return w1**2 + 5 * w2**2


def tal_gradient(w):
    return np.array([2 * w[0], 10 * w[1]])


start = [-4.5, 1.5]
lernraten_2d = {"zu klein (η = 0.01)": 0.01, "gut (η = 0.08)": 0.08, "zu groß (η = 0.205)": 0.205}

ax = plot_contours(tal, (-5, 5), (-3, 3))
for (name, lr), farbe in zip(lernraten_2d.items(), ["tab:orange", "tab:green", "tab:red"]):
    pfad = descend(tal_gradient, start, learning_rate=lr, steps=25)
    plot_path(pfad, ax, label=name, color=farbe)
    print(f"{name:>20}: nach 25 Schritten bei w = {np.round(pfad[-1], 3)}, f(w) = {tal(*pfad[-1]):.3g}")
ax.plot(0, 0, "k*", ms=12)
ax.set_title("Gradientenabstieg auf $f = w_1^2 + 5 w_2^2$")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# Alle drei starten am weißen Kreis, der Stern ist das Minimum. Achte auf drei Dinge:
#
# - Jeder Schritt beginnt **senkrecht zur Höhenlinie durch seinen Startpunkt** – so
#   zeigt der Gradient. (Das siehst du nur, weil beide Achsen denselben Maßstab haben.)
# - Mit $\eta = 0.01$ (orange) geht es zwar bergab, aber nach 25 Schritten ist der
#   Pfad noch weit vom Stern entfernt.
# - Mit $\eta = 0.205$ (rot) schaukelt sich der Pfad in der steilen $w_2$-Richtung auf
#   und fliegt aus dem Bild. In $w_2$-Richtung ist ein Schritt
#   $w_2 \leftarrow (1 - 10\eta)\, w_2$; für $\eta > 0.2$ ist $|1 - 10\eta| > 1$.
#
# Die **steilste** Richtung begrenzt also die Lernrate, und in der **flachsten**
# Richtung kommt man mit dieser Lernrate nur langsam voran. Dieses Dilemma lösen die
# Optimierer weiter unten.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: ein Verlust mit mehreren Tälern
#
# Die Parabel und das Tal haben genau **ein** Minimum, jeder Weg bergab führt dorthin.
# Der Verlust eines echten Netzes ist nicht so freundlich: Er hat viele Täler
# (**lokale Minima**) und flache Sattelstellen. Ein eindimensionales Beispiel ist
#
# $$
# f(w) = w^4 - 3w^2 + w, \qquad f'(w) = 4w^3 - 6w + 1.
# $$
#
# Es hat ein tiefes Minimum bei $w \approx -1.30$ ($f \approx -3.51$, das **globale**)
# und ein flacheres bei $w \approx 1.13$ ($f \approx -1.07$, ein **lokales**). Wir starten
# bei $w = 2$, rechts von beiden – das lokale Minimum liegt also zuerst im Weg – und
# bei $w = -2$.

# %% tags=["vertiefung"]
def zwei_taeler(w):
    return w**4 - 3 * w**2 + w


def zwei_taeler_ableitung(w):
    return 4 * w**3 - 6 * w + 1


w_achse = np.linspace(-2.1, 2.1, 300)
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(w_achse, zwei_taeler(w_achse), color="gray")
for start_w, lr, farbe in [(2.0, 0.02, "tab:red"), (-2.0, 0.02, "tab:blue"), (2.0, 0.1, "tab:green")]:
    pfad = descend(zwei_taeler_ableitung, [start_w], learning_rate=lr, steps=60)[:, 0]
    ax.plot(pfad, zwei_taeler(pfad), "o-", ms=3, color=farbe, label=f"Start {start_w:g}, η = {lr:g}: Ende bei w = {pfad[-1]:.2f}")
    ax.plot(pfad[0], zwei_taeler(pfad[0]), "o", ms=9, mfc="white", mec=farbe, mew=2)
ax.set_xlabel("w")
ax.set_ylabel("f(w)")
ax.set_ylim(-4, 6)
ax.set_title("$f(w) = w^4 - 3w^2 + w$: zwei Täler")
ax.legend(loc="upper center")
plt.show()

# %% [markdown] tags=["vertiefung"]
# Von $w = 2$ aus bleibt der Abstieg mit $\eta = 0.02$ (rot) im **ersten** Tal stecken, bei
# $w \approx 1.13$: Dort ist die Ableitung 0, und Gradientenabstieg sieht nur die Steigung
# an der Stelle, an der er gerade steht. Von $w = -2$ aus (blau) findet er das tiefe Tal.
# Mit $\eta = 0.1$ (grün) springt schon der erste Schritt über das lokale Minimum hinweg
# ins tiefe Tal – hier Glück, kein Verfahren: Mit noch größerer Lernrate pendelt der
# Abstieg nur noch hin und her.
#
# Bei Netzen mit Millionen Gewichten sind schlechte lokale Minima seltener ein Problem,
# als dieses Bild vermuten lässt. Häufiger bremsen flache Stellen. Verrauschte
# Mini-Batch-Gradienten (gleich im nächsten Abschnitt) und Momentum helfen, aus
# flachen Mulden herauszukommen – und der Startpunkt, also die Initialisierung der
# Gewichte, bestimmt, in welchem Tal das Training landet.

# %% [markdown]
# ## Batch, Mini-Batch, Stochastisch
#
# In einem Netz ist der Verlust ein **Mittelwert über alle Trainingsbeispiele**,
# und sein Gradient auch. Man muss aber nicht für jeden Schritt alle Beispiele
# ansehen:
#
# | Verfahren | Beispiele pro Schritt | Schritte pro Epoche (bei $n$ Beispielen) |
# |---|---|---|
# | **Batch**-Gradientenabstieg | alle $n$ | 1 |
# | **Mini-Batch** | z. B. 20 (in Keras: `batch_size=32`) | $n / 20$ |
# | **Stochastisch** (SGD im engeren Sinn) | 1 | $n$ |
#
# Der Gradient eines Mini-Batches ist eine **Schätzung** des ganzen Gradienten:
# billiger, aber verrauscht. Wir vergleichen die drei auf einer linearen Regression
# $\hat{y} = w x + b$ mit mittlerem quadratischem Fehler, 200 Punkten und der
# Lernrate 0.1. Gemessen wird nach jedem Schritt der Verlust auf **allen** Daten.

# %%
rng = np.random.default_rng(0)
n = 200
x_reg = rng.uniform(-1, 1, n)
y_reg = 3 * x_reg + 2 + rng.normal(0, 0.5, n)


def mse(w, b):
    return np.mean((w * x_reg + b - y_reg) ** 2)


def trainiere(batch_size, epochen, lr=0.1):
    w = b = 0.0
    mischen = np.random.default_rng(1)
    verluste = [mse(w, b)]
    for _ in range(epochen):
        reihenfolge = mischen.permutation(n)
        for anfang in range(0, n, batch_size):
            i = reihenfolge[anfang : anfang + batch_size]
            fehler = w * x_reg[i] + b - y_reg[i]
            w = w - lr * np.mean(2 * fehler * x_reg[i])   # ∂MSE/∂w auf dem Mini-Batch
            b = b - lr * np.mean(2 * fehler)              # ∂MSE/∂b
            verluste.append(mse(w, b))
    return np.array(verluste)


epochen_reg = dlkurs.pick(quick=10, full=20)
w_opt, b_opt = np.polyfit(x_reg, y_reg, 1)
bester_verlust = mse(w_opt, b_opt)

fig, ax = plt.subplots(figsize=(9, 4.5))
for name, batch_size in [("Batch (200)", 200), ("Mini-Batch (20)", 20), ("Stochastic (1)", 1)]:
    verluste = trainiere(batch_size, epochen_reg)
    schritte_pro_epoche = int(np.ceil(n / batch_size))
    ax.plot(np.arange(len(verluste)) / schritte_pro_epoche, verluste, label=name, lw=1)
    print(f"{name:>16}: {len(verluste) - 1:5d} Schritte, Verlust am Ende {verluste[-1]:.3f}")
ax.axhline(bester_verlust, color="black", ls="--", lw=1, label=f"kleinstmöglicher Verlust ({bester_verlust:.3f})")
ax.set_yscale("log")
ax.set_yticks([0.3, 0.5, 1, 2, 4, 8])
ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
ax.yaxis.set_minor_formatter(NullFormatter())
ax.set_xlabel("Epoche (ein Durchgang durch alle 200 Beispiele)")
ax.set_ylabel("MSE auf allen Daten")
ax.set_title("Gleich viele Epochen, verschieden viele Schritte")
ax.legend()
plt.show()

# %% [markdown]
# Was der Plot zeigt (beachte die logarithmische Achse):
#
# - **Batch** ist die glatteste Kurve, macht aber nur einen Schritt pro Epoche und
#   ist nach allen Epochen noch deutlich über dem bestmöglichen Verlust.
# - **Stochastisch** fällt am schnellsten, weil es 200 Schritte pro Epoche macht –
#   kommt aber nie zur Ruhe: Jeder Schritt folgt nur einem Beispiel, die Kurve zittert
#   über der gestrichelten Linie.
# - **Mini-Batch** verbindet beides: viele Schritte pro Epoche und wenig Rauschen.
#   Deshalb trainiert Keras standardmäßig mit `batch_size=32`. Dazu kommt, dass ein
#   Mini-Batch als eine Matrixoperation schnell zu rechnen ist.
#
# Im Deep Learning sagt man „SGD“ meist auch dann, wenn Mini-Batches gemeint sind.

# %% [markdown]
# ## Backpropagation: die Kettenregel rückwärts
#
# Bisher kannten wir die Ableitung als Formel. Ein Netz ist aber eine lange Kette von
# Rechenschritten. Backpropagation zerlegt die Rechnung in einen
# **Berechnungsgraphen** aus einfachen Schritten, von denen jeder seine **lokale
# Ableitung** kennt, und multipliziert diese von hinten nach vorne (Kettenregel).
#
# Unser Beispiel: ein Neuron ohne Aktivierung mit quadratischem Fehler,
# $L = (x \cdot w + b - y)^2$, zerlegt in
#
# $$
# a = x \cdot w, \quad z = a + b, \quad e = z - y, \quad L = e^2.
# $$
#
# Mit $x = 3$, $w = 2$, $b = 1$, $y = 4$ rechnen wir erst **vorwärts** alle Werte
# aus und dann **rückwärts**: Jeder Knoten bekommt $\partial L / \partial(\text{Knoten})$
# = (Ableitung des Knotens danach) × (lokale Ableitung).

# %%
x, w, b, y = 3.0, 2.0, 1.0, 4.0

# vorwärts
a = x * w
z = a + b
e = z - y
L = e**2

# rückwärts: von L aus, jeder Schritt multipliziert mit der lokalen Ableitung
dL_dL = 1.0
dL_de = dL_dL * 2 * e   # ∂L/∂e = 2e
dL_dz = dL_de * 1       # ∂e/∂z = 1
dL_da = dL_dz * 1       # ∂z/∂a = 1
dL_db = dL_dz * 1       # ∂z/∂b = 1
dL_dw = dL_da * x       # ∂a/∂w = x

pd.DataFrame(
    {
        "Rechnung": ["a = x·w", "z = a + b", "e = z − y", "L = e²", "Gewicht", "Bias"],
        "Wert (vorwärts)": [a, z, e, L, w, b],
        "lokale Ableitung": ["∂a/∂w = x = 3", "∂z/∂a = ∂z/∂b = 1", "∂e/∂z = 1", "∂L/∂e = 2e = 6", "", ""],
        "∂L/∂Knoten (rückwärts)": [dL_da, dL_dz, dL_de, dL_dL, dL_dw, dL_db],
    },
    index=["a", "z", "e", "L", "w", "b"],
)

# %% [markdown]
# Für die Rückwärtsrichtung lies die letzte Spalte von $L$ aus nach oben: $\partial L/\partial e = 2e = 6$;
# die Addition und Subtraktion reichen die 6 unverändert weiter an $z$, $a$ und $b$;
# die Multiplikation $a = x \cdot w$ multipliziert mit dem jeweils **anderen** Faktor:
# $\partial L / \partial w = 6 \cdot x = 18$.
#
# Als eine Formel: $\dfrac{\partial L}{\partial w} = \dfrac{\partial L}{\partial e} \cdot
# \dfrac{\partial e}{\partial z} \cdot \dfrac{\partial z}{\partial a} \cdot
# \dfrac{\partial a}{\partial w} = 2e \cdot 1 \cdot 1 \cdot x$.
#
# Das Besondere an Backpropagation: Die Zwischenergebnisse ($\partial L/\partial z$
# usw.) werden für alle Gewichte **gemeinsam** genutzt. Ein Rückwärtsdurchlauf kostet
# deshalb nur ein kleines Vielfaches eines Vorwärtsdurchlaufs (typisch das Zwei- bis
# Dreifache) – egal, ob das Netz 2 oder 2 Millionen Gewichte hat.
#
# ### Aufgabe: eine Ableitung von Hand
#
# Berechne für **andere Werte**, $x = -2$, $w = 1.5$, $b = 0.5$, $y = 1$, die Ableitung
# $\partial L / \partial w$ von $L = (x \cdot w + b - y)^2$ – von Hand mit der
# Kettenregel, wie oben. Trage die Zahl in `dL_dw_aufgabe` ein.

# %%
### BEGIN SOLUTION ableitung
dL_dw_aufgabe = 2 * (-2 * 1.5 + 0.5 - 1) * (-2)   # 2e · x mit e = -3.5
### END SOLUTION
aufgabe.ableitung.check(dL_dw_aufgabe)

# %%
# aufgabe.ableitung.hint()
# aufgabe.ableitung.solution()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: dasselbe automatisch mit `Tensor.backward()`
#
# Von Hand wird das bei Millionen Gewichten mühsam. `dlkurs.scratch` (wie Keras mit
# TensorFlow oder JAX) merkt sich beim Vorwärtsrechnen jeden Schritt samt seiner
# lokalen Ableitungsregel. `backward()` geht den Graphen dann rückwärts durch und
# schreibt $\partial L/\partial(\text{Tensor})$ in `.grad` – auch in die
# Zwischenergebnisse, sodass wir unsere Tabelle prüfen können:

# %% tags=["vertiefung"]
x_t = Tensor(3.0)
w_t = Tensor(2.0, requires_grad=True)
b_t = Tensor(1.0, requires_grad=True)
y_t = Tensor(4.0)

a_t = x_t * w_t
z_t = a_t + b_t
e_t = z_t - y_t
L_t = e_t**2
L_t.backward()

for name, knoten in [("a", a_t), ("z", z_t), ("e", e_t), ("w", w_t), ("b", b_t)]:
    print(f"{name}: Wert {knoten.item():5.1f}   ∂L/∂{name} = {knoten.grad.item():5.1f}")

# %% [markdown] tags=["vertiefung"]
# Dieselben Zahlen wie in der Tabelle. Jede Operation in `dlkurs/scratch/tensor.py`
# und `functional.py` steht direkt neben ihrer lokalen Ableitung – lies zum Beispiel
# `__mul__`: Bei $a \cdot b$ bekommt $a$ den Gradienten $g \cdot b$ und $b$ den
# Gradienten $g \cdot a$.

# %% [markdown] tags=["vertiefung"]
# ### Der Gradientencheck
#
# Wie weiß man, dass eine Rückwärtsregel stimmt? Man vergleicht mit **finiten
# Differenzen**: Man wackelt an einem Gewicht um ein winziges $\varepsilon$ und misst,
# wie sich der Verlust ändert,
#
# $$
# \frac{\partial L}{\partial w} \approx \frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}.
# $$
#
# Das ist langsam (zwei Vorwärtsdurchläufe **pro Gewicht**), aber unabhängig von
# jeder Rückwärtsregel. Für unser Beispiel:

# %% tags=["vertiefung"]
print("numerisch:", numerical_gradient(lambda: ((x_t * w_t + b_t - y_t) ** 2), w_t))
print("Backprop: ", w_t.grad)

# %% [markdown] tags=["vertiefung"]
# `gradient_check` macht diesen Vergleich für alle Gewichte eines Modells und gibt
# den größten **relativen Fehler** $|a - n| / (|a| + |n|)$ zurück ($a$: Backprop,
# $n$: numerisch). Faustregel: unter $10^{-7}$ stimmt alles, über $10^{-3}$ ist eine
# Rückwärtsregel falsch. Wir prüfen ein kleines Netz mit zwei `Dense`-Schichten
# (in float64, weil finite Differenzen in float32 zu ungenau sind):

# %% tags=["vertiefung"]
rng = np.random.default_rng(42)
x_klein = rng.normal(size=(8, 3))
y_klein = rng.normal(size=(8, 1))
netz = Sequential([Dense(5, activation="tanh", seed=0, dtype="float64"), Dense(1, seed=1, dtype="float64")])
netz.build((3,))


def verlust_netz():
    return F.mean_squared_error(y_klein, netz(x_klein))


relativer_fehler = gradient_check(verlust_netz, netz.weights)
print(f"{netz.count_params()} Gewichte, größter relativer Fehler: {relativer_fehler:.1e}")
dlkurs.report(gradcheck_rel_error=relativer_fehler)

# %% [markdown] tags=["vertiefung"]
# Zum Vergleich eine **absichtlich falsche** Sigmoid-Funktion: Vorwärts rechnet sie
# richtig, rückwärts fehlt der Faktor $(1 - \sigma)$. `Tensor.from_op` verbindet
# einen Wert mit seinen Eingaben und seiner Rückwärtsregel – so ist jede Operation in
# `dlkurs.scratch` gebaut.

# %% tags=["vertiefung"]
def sigmoid_mit_fehler(z):
    s = 1 / (1 + np.exp(-z.data))
    return Tensor.from_op(s, (z,), lambda g: (g * s,), "sigmoid_mit_fehler")  # richtig wäre g * s * (1 - s)


w_probe = Tensor(rng.normal(size=(3, 1)), requires_grad=True)
richtig = gradient_check(lambda: F.sigmoid(Tensor(x_klein) @ w_probe).sum(), [w_probe])
falsch = gradient_check(lambda: sigmoid_mit_fehler(Tensor(x_klein) @ w_probe).sum(), [w_probe])
print(f"F.sigmoid:          relativer Fehler {richtig:.1e}")
print(f"sigmoid_mit_fehler: relativer Fehler {falsch:.1e}")

# %% [markdown] tags=["vertiefung"]
# Der Unterschied ist nicht zu übersehen: viele Größenordnungen. So testet man jede
# neue Schicht – auch die Tests von `dlkurs.scratch` tun das, und vergleichen
# zusätzlich mit Keras.

# %% [markdown]
# ## Momentum
#
# Zurück zum Schritt. Im länglichen Tal oben hat der Gradientenabstieg zwei
# Probleme: Er schaukelt quer zum Tal und kriecht entlang des Tals. **Momentum**
# gibt dem Abstieg ein Gedächtnis – wie eine Kugel, die Schwung aufnimmt. Eine
# Geschwindigkeit $\mathbf{v}$ sammelt die vergangenen Gradienten:
#
# $$
# \mathbf{v} \leftarrow \mu\,\mathbf{v} - \eta\,\nabla f(\mathbf{w}), \qquad
# \mathbf{w} \leftarrow \mathbf{w} + \mathbf{v}.
# $$
#
# $\mu$ (typisch 0.9) bestimmt, wie viel Schwung erhalten bleibt. Zeigen die
# Gradienten immer in dieselbe Richtung (entlang des Tals), addieren sie sich; wechseln
# sie ständig das Vorzeichen (quer zum Tal), heben sie sich auf. Genau so rechnet
# Keras' `SGD(momentum=0.9)`.
#
# ### Aufgabe: ein Momentum-Schritt
#
# Schreibe `momentum_schritt(w, v, grad, lr, mu=0.9)`, die `(w_neu, v_neu)` nach der
# Formel oben zurückgibt, ohne `w` oder `v` zu verändern.

# %%
def momentum_schritt(w, v, grad, lr, mu=0.9):
    ### BEGIN SOLUTION momentum_schritt
    ###> return ___
    v_neu = mu * v - lr * grad
    return w + v_neu, v_neu
    ### END SOLUTION


aufgabe.momentum_schritt.check(momentum_schritt)

# %%
# aufgabe.momentum_schritt.hint()
# aufgabe.momentum_schritt.solution()

# %% [markdown]
# Jetzt der Vergleich in einem noch längeren Tal, $f(w_1, w_2) = 0.05\,w_1^2 + 2\,w_2^2$
# (40-mal stärker gekrümmt in $w_2$ als in $w_1$). Beide bekommen dieselbe Lernrate
# $\eta = 0.45$ und 60 Schritte; für den Schwung nehmen wir $\mu = 0.8$. Die Schritte rechnen die Optimierer `SGD` und
# `Momentum` aus `dlkurs.scratch`; den Gradienten liefert `backward()`.

# %%
def langes_tal(w1, w2):
    return 0.05 * w1**2 + 2 * w2**2


def optimiere(optimierer, start, schritte, f=langes_tal):
    w = Tensor(np.array(start, dtype=float), requires_grad=True)
    pfad = [w.data.copy()]
    for _ in range(schritte):
        w.zero_grad()
        f(w[0], w[1]).backward()
        optimierer.step([w])
        pfad.append(w.data.copy())
    return np.array(pfad)


ax = plot_contours(langes_tal, (-10.5, 3), (-2.2, 2.2))
for name, optimierer, farbe in [
    ("ohne Momentum (SGD, η = 0.45)", SGD(learning_rate=0.45), "tab:red"),
    ("mit Momentum (μ = 0.8, η = 0.45)", Momentum(learning_rate=0.45, momentum=0.8), "tab:blue"),
]:
    pfad = optimiere(optimierer, [-10.0, 1.0], 60)
    plot_path(pfad, ax, label=name, color=farbe)
    print(f"{name:>32}: nach 60 Schritten f = {langes_tal(*pfad[-1]):.2e}")
ax.plot(0, 0, "k*", ms=12)
ax.set_title(r"Langes Tal $f = 0.05\,w_1^2 + 2\,w_2^2$")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# Ohne Momentum (rot) springt der Pfad quer zum Tal hin und her (in $w_2$-Richtung
# ist ein Schritt $w_2 \leftarrow (1 - 4\eta)\,w_2 = -0.8\,w_2$) und kriecht entlang
# des Tals in immer kleineren Schritten auf den Stern zu. Mit Momentum (blau) heben
# sich die Querbewegungen auf, entlang des Tals nimmt die Kugel Fahrt auf, schießt
# ein Stück über das Ziel hinaus und pendelt sich ein – nach 60 Schritten liegt sie
# um Größenordnungen tiefer.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Optimierer im Vergleich
#
# Keras bietet mehrere Optimierer; `dlkurs.scratch` hat sie mit denselben Formeln
# nachgebaut ($g$: Gradient, alle Operationen elementweise):
#
# | Optimierer | Idee | Regel (vereinfacht) | Keras-Standard $\eta$ |
# |---|---|---|---|
# | SGD | bergab | $w \leftarrow w - \eta g$ | 0.01 |
# | Momentum | Schwung | $v \leftarrow \mu v - \eta g;\ w \leftarrow w + v$ | 0.01 |
# | Nesterov | Schwung mit Blick voraus | $v \leftarrow \mu v - \eta g;\ w \leftarrow w + \mu v - \eta g$ | 0.01 |
# | Adagrad | jedes Gewicht eigene Schrittweite, aus **allen** bisherigen $g^2$ | $a \leftarrow a + g^2;\ w \leftarrow w - \eta g / \sqrt{a}$ | 0.001 |
# | RMSprop | wie Adagrad, aber **gleitender** Mittelwert von $g^2$ | $s \leftarrow \rho s + (1-\rho) g^2;\ w \leftarrow w - \eta g / \sqrt{s}$ | 0.001 |
# | Adam | Momentum + RMSprop, mit Korrektur für den Start | $m \leftarrow \beta_1 m + (1-\beta_1) g;\ s \leftarrow \beta_2 s + (1-\beta_2) g^2;\ w \leftarrow w - \eta \hat{m} / \sqrt{\hat{s}}$ | 0.001 |
#
# ($\hat{m}, \hat{s}$ sind $m, s$ geteilt durch $1 - \beta^t$; in den Nennern steht
# zusätzlich ein winziges $\varepsilon$ gegen Division durch 0. Bei Adagrad startet
# $a$ nicht bei 0, sondern bei 0.1 – so wird schon der erste Schritt nicht riesig.)
#
# Zuerst ein Beleg, dass die Regeln wirklich dieselben sind: Wir machen mit jedem
# Optimierer fünf Schritte mit $\eta = 0.02$ auf $f(\mathbf{w}) = \sum_i c_i w_i^2$ – einmal mit Keras,
# einmal mit `dlkurs.scratch`.

# %% tags=["vertiefung"]
w_start = np.array([1.0, -2.0, 0.5], dtype="float32")
c = np.array([1.0, 10.0, 0.1], dtype="float32")
paare = {
    "SGD": (SGD(0.02), keras.optimizers.SGD(0.02)),
    "Momentum": (Momentum(0.02), keras.optimizers.SGD(0.02, momentum=0.9)),
    "Nesterov": (Nesterov(0.02), keras.optimizers.SGD(0.02, momentum=0.9, nesterov=True)),
    "Adagrad": (Adagrad(0.02), keras.optimizers.Adagrad(0.02)),
    "RMSprop": (RMSprop(0.02), keras.optimizers.RMSprop(0.02)),
    "Adam": (Adam(0.02), keras.optimizers.Adam(0.02)),
}
for name, (eigener, aus_keras) in paare.items():
    w_eigen = Tensor(w_start.copy(), requires_grad=True)
    w_keras = keras.Variable(w_start.copy())
    for _ in range(5):
        w_eigen.zero_grad()
        (c * w_eigen * w_eigen).sum().backward()
        eigener.step([w_eigen])
        gradient = 2 * c * keras.ops.convert_to_numpy(w_keras)
        aus_keras.apply_gradients([(keras.ops.convert_to_tensor(gradient), w_keras)])
    abweichung = np.max(np.abs(w_eigen.data - keras.ops.convert_to_numpy(w_keras)))
    print(f"{name:>8}: w nach 5 Schritten {np.round(w_eigen.data, 4)}, Abweichung zu Keras {abweichung:.1e}")

# %% [markdown] tags=["vertiefung"]
# Die Abweichungen sind Rundungsfehler von float32 (höchstens im Bereich $10^{-6}$).
#
# Jetzt der eigentliche Vergleich auf **einem** Problem: ein kleines Netz
# (64 → 32 ReLU → 10 Softmax) auf dem Ziffern-Datensatz `digits` von scikit-learn
# (1797 Bilder mit 8×8 Pixeln), Mini-Batches von 32, gleiche Startgewichte für alle.
# Links bekommt jeder Optimierer seine Keras-Standardlernrate, rechts das Zehnfache.

# %% tags=["vertiefung"]
ziffern = load("digits")
x_ziffern = ziffern.drop(columns="target").to_numpy("float32") / 16.0
y_ziffern = ziffern["target"].to_numpy()
print("Daten:", x_ziffern.shape, "Klassen:", np.unique(y_ziffern))

epochen = dlkurs.pick(quick=10, full=40)
optimierer_klassen = {"SGD": SGD, "Momentum": Momentum, "Nesterov": Nesterov,
                      "Adagrad": Adagrad, "RMSprop": RMSprop, "Adam": Adam}


def trainiere_ziffern(optimierer):
    modell = Sequential([Dense(32, activation="relu", seed=1), Dense(10, activation="softmax", seed=2)])
    modell.compile(optimizer=optimierer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell.fit(x_ziffern, y_ziffern, batch_size=32, epochs=epochen, seed=0, verbose=0)


verlaeufe = {"Standard": {}, "×10": {}}
for name, klasse in optimierer_klassen.items():
    standard = klasse()  # Keras' Standardlernrate
    verlaeufe["Standard"][name] = trainiere_ziffern(standard)
    verlaeufe["×10"][name] = trainiere_ziffern(klasse(learning_rate=10 * standard.learning_rate))

# %% tags=["vertiefung"]
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5), sharey=True)
for ax, (einstellung, titel) in zip(axes, [("Standard", "Keras-Standardlernraten"), ("×10", "zehnfache Lernraten")]):
    for name, verlauf in verlaeufe[einstellung].items():
        ax.plot(np.arange(1, epochen + 1), verlauf["loss"], "o-", ms=3, label=name)
    ax.set_yscale("log")
    ax.set_title(titel)
    ax.set_xlabel("Epoche")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("Verlust (Kreuzentropie) beim Training")
axes[0].legend()
fig.tight_layout()
plt.show()

tabelle = pd.DataFrame(
    {e: {name: v["loss"][-1] for name, v in verlaeufe[e].items()} for e in verlaeufe}
).rename(columns={"Standard": "Verlust am Ende (Standard-η)", "×10": "Verlust am Ende (10 × η)"})
tabelle.round(4)

# %% tags=["vertiefung"]
adam_verlust = verlaeufe["Standard"]["Adam"]["loss"][-1]
print(f"Adam (η = 0.001) nach {epochen} Epochen: Verlust {adam_verlust:.4f}, "
      f"Genauigkeit beim Training {verlaeufe['Standard']['Adam']['accuracy'][-1]:.1%}")
dlkurs.report(adam_final_loss=adam_verlust)

# %% [markdown] tags=["vertiefung"]
# Was die Kurven zeigen:
#
# - **Mit den Standardlernraten** (links) sind Momentum, Nesterov, RMSprop und Adam
#   weit vorne. SGD kommt mit $\eta = 0.01$ langsamer voran, und **Adagrad** kriecht:
#   Seine Schrittweite $\eta/\sqrt{a}$ kann nur schrumpfen, weil $a$ alle quadrierten
#   Gradienten aufsummiert – und $\eta = 0.001$ ist schon am Anfang klein.
# - **Mit zehnfacher Lernrate** (rechts) holen SGD und Adagrad deutlich auf.
#   Die schnellen Optimierer erreichen noch kleinere Verluste, ihre Kurven werden
#   aber zackiger – die Lernrate liegt für sie schon nahe an der Grenze.
#   Die Rangfolge hängt also stark von der Lernrate ab. Ein fairer Vergleich
#   probiert für jeden Optimierer mehrere Lernraten aus.
# - Adam und RMSprop skalieren jeden Schritt mit $1/\sqrt{s}$ und sind deshalb
#   weniger empfindlich dafür, wie groß die Gradienten sind. Das macht Adam zu
#   einem guten Startpunkt, wenn man nichts über das Problem weiß.
#
# Gemessen ist hier nur der Verlust auf den **Trainingsdaten** – wie gut ein Modell
# auf neuen Daten ist, ist eine andere Frage (Tag 2: Über- und Unteranpassung).
#
# In Keras wählst du den Optimierer beim Kompilieren:
# `model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=..., metrics=[...])`.

# %% [markdown]
# ## Zusammenfassung
#
# - Gradientenabstieg: $w \leftarrow w - \eta\,\nabla f(w)$. Zu kleine Lernraten
#   kriechen, zu große schaukeln sich auf und divergieren; die steilste Richtung
#   begrenzt die Lernrate.
# - Batch-, Mini-Batch- und stochastischer Gradientenabstieg unterscheiden sich darin,
#   wie viele Beispiele einen Schritt bestimmen: Mini-Batches sind der übliche Kompromiss.
# - Backpropagation ist die Kettenregel, rückwärts durch einen Berechnungsgraphen:
#   Jeder Schritt kennt seine lokale Ableitung, die Gradienten werden von hinten
#   nach vorne multipliziert.
# - Ein Gradientencheck mit finiten Differenzen deckt falsche Rückwärtsregeln auf
#   (relativer Fehler winzig, hier unter $10^{-7}$, statt nahe 1).
# - Momentum gibt dem Abstieg Schwung; RMSprop, Adagrad und Adam passen die
#   Schrittweite für jedes Gewicht an. Welcher Optimierer am besten ist, hängt vom
#   Problem und von der Lernrate ab.
#
# In **1.8** rechnest du dieselben Gradienten mit TensorFlows `GradientTape` und mit JAX.

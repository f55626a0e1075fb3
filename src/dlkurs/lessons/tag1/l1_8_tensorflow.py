# %% [markdown]
# # 1.8 TensorFlow-Beispiel
#
# Bisher hat Keras die Arbeit für dich erledigt: `compile`, `fit`, fertig. In
# dieser Lektion schaust du eine Ebene tiefer, in das **Backend** TensorFlow,
# auf dem Keras standardmäßig rechnet. Du lernst
#
# 1. Tensoren und **Variablen** kennen – und warum nur Variablen veränderbar sind,
# 2. mit `tf.GradientTape` Ableitungen auszurechnen, auch die zweite,
# 3. einen linearen Klassifikator **von Hand** zu trainieren, ohne `fit`,
# 4. dieselbe Rechnung mit JAX (`jax.grad`) zu vergleichen.
#
# Diese Lektion ist ausdrücklich über TensorFlow und für das TensorFlow-Backend
# gedacht.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np

import dlkurs
from dlkurs.exercises import ___, aufgaben

import tensorflow as tf

aufgabe = aufgaben("1.8")
keras.utils.set_random_seed(42)
print("TensorFlow", tf.__version__)

# %% [markdown]
# ## Konstante Tensoren
#
# Ein Tensor in TensorFlow ähnelt einem NumPy-Array: Er hat eine Form (`shape`)
# und einen Datentyp (`dtype`). Die üblichen Bauweisen:

# %%
print(tf.ones(shape=(2, 1)))
print(tf.zeros(shape=(2, 1)))
print(tf.random.normal(shape=(3, 1), mean=0.0, stddev=1.0))  # Normalverteilung
print(tf.random.uniform(shape=(3, 1), minval=0.0, maxval=1.0))  # Gleichverteilung

# %% [markdown]
# Ein wichtiger Unterschied zu NumPy: Tensoren sind **unveränderlich**. In ein
# NumPy-Array kannst du einen Wert hineinschreiben, in einen Tensor nicht:

# %%
x = np.ones(shape=(2, 2))
x[0, 0] = 0.0
print("NumPy-Array nach der Zuweisung:\n", x)

t = tf.ones(shape=(2, 2))
try:
    t[0, 0] = 0.0
except TypeError as fehler:
    print("Tensor:", fehler)

# %% [markdown]
# ## Variablen: Tensoren, die sich ändern dürfen
#
# Die Gewichte eines Netzes müssen sich beim Training ändern. Dafür gibt es
# `tf.Variable`. Eine Variable bekommt einen Anfangswert und lässt sich danach
# mit `assign` (ersetzen), `assign_add` (addieren) und `assign_sub`
# (subtrahieren) verändern, auch nur an einzelnen Stellen. Die Variable bleibt
# dabei dasselbe Objekt. Ihr Inhalt ändert sich.

# %%
v = tf.Variable(initial_value=tf.random.normal(shape=(3, 1)))
print("Anfangswert:", v.numpy().ravel())

v.assign(tf.ones((3, 1)))
print("nach assign:", v.numpy().ravel())

v[0, 0].assign(3.0)
print("nach v[0, 0].assign(3.0):", v.numpy().ravel())

v.assign_add(tf.ones((3, 1)))
print("nach assign_add:", v.numpy().ravel())

# %% [markdown]
# Mit Tensoren rechnest du wie mit NumPy-Arrays: `tf.square`, `tf.sqrt`,
# `+`, `*` (elementweise) und `tf.matmul` (Matrixprodukt).

# %%
a = tf.ones((2, 2))
b = tf.square(a)
c = tf.sqrt(a)
d = b + c
e = tf.matmul(a, b)
e *= d
print(e)

# %% [markdown]
# ## Ableitungen mit `GradientTape`
#
# Was TensorFlow wirklich von NumPy unterscheidet: Es kann **ableiten**. Alles,
# was du innerhalb von `with tf.GradientTape() as tape:` rechnest, zeichnet das
# „Band“ (*tape*) auf. Danach liefert `tape.gradient(ergebnis, eingabe)` die
# Ableitung des Ergebnisses nach der Eingabe. Das ist die Grundlage jedes
# Trainings.
#
# Beispiel: $y = x^2$ hat die Ableitung $2x$, an der Stelle $x = 3$ also 6.

# %%
eingabe = tf.Variable(3.0)
with tf.GradientTape() as tape:
    ergebnis = tf.square(eingabe)
gradient = tape.gradient(ergebnis, eingabe)
print("d(x²)/dx bei x = 3:", gradient.numpy())

# %% [markdown]
# Variablen beobachtet das Band automatisch. Bei einer **Konstanten** musst du
# es mit `tape.watch(...)` darum bitten. Sonst ist der Gradient `None`. Das
# ist Absicht: Eingabedaten und Zwischenergebnisse sind Konstanten, und für
# sie alle die Ableitung mitzuschreiben wäre Verschwendung. Abgeleitet wird nach
# den Gewichten – und die sind Variablen.

# %%
konstante = tf.constant(3.0)

with tf.GradientTape() as tape:
    ergebnis = tf.square(konstante)
print("ohne watch:", tape.gradient(ergebnis, konstante))

with tf.GradientTape() as tape:
    tape.watch(konstante)
    ergebnis = tf.square(konstante)
print("mit watch: ", tape.gradient(ergebnis, konstante).numpy())

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: zwei Stolperfallen
#
# **Wo es keine Ableitung gibt.** $\sqrt{x}$ hat die Ableitung $1/(2\sqrt{x})$. Bei
# $x = 0$ ist sie unendlich, für $x < 0$ gibt es (reell) gar keine Wurzel. Das Band
# rechnet trotzdem – und liefert `inf` und `nan`. Solche Werte in einem Gradienten
# verderben beim nächsten Schritt alle Gewichte, die sie berühren.

# %% tags=["vertiefung"]
for stelle in [1.0, 0.0, -1.0]:
    punkt = tf.Variable(stelle)
    with tf.GradientTape() as tape:
        wurzel = tf.sqrt(punkt)
    print(f"x = {stelle:4}: √x = {wurzel.numpy():6.3f}, Ableitung 1/(2√x) = {tape.gradient(wurzel, punkt).numpy()}")

# %% [markdown] tags=["vertiefung"]
# **Eine Variable, die keine mehr ist.** `gewicht = gewicht + 1.0` verändert die
# Variable nicht, sondern rechnet einen **neuen** (unveränderlichen) Tensor aus und
# gibt ihm den alten Namen. Danach gibt es kein `assign_add` mehr – und ein Band
# sähe diesen Namen auch nicht mehr als Variable. Verändere Variablen deshalb immer
# mit `assign`, `assign_add` oder `assign_sub`.

# %% tags=["vertiefung"]
gewicht = tf.Variable(1.0)
gewicht = gewicht + 1.0  # ein neuer Tensor – der Name zeigt nicht mehr auf die Variable
print("gewicht ist jetzt ein", type(gewicht).__name__)
try:
    gewicht.assign_add(1.0)
except AttributeError as fehler:
    print("AttributeError:", fehler)

# %% [markdown]
# ## Aufgabe: eine Funktion, die ableitet
#
# Schreibe die Funktion `ableitung(f, x)`. Sie bekommt eine Funktion `f` und
# eine Zahl `x` und gibt die Ableitung von `f` an der Stelle `x` zurück –
# berechnet mit `tf.GradientTape` und `tape.gradient`, nicht von Hand.
#
# Die Prüfung ruft deine Funktion mit eigenen Funktionen auf, z. B. `tf.sin`.
# Zur Kontrolle darunter: $y = (3x + 1)^2$ an der Stelle $x = 2$. Rechne diese
# Zahl auch von Hand nach (Kettenregel!).

# %%
def ableitung(f, x):
    ### BEGIN SOLUTION ableitung
    ###> # x in eine Variable verwandeln, f(x) unter einem GradientTape berechnen
    ###> return ___
    x = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)
    ### END SOLUTION


aufgabe.ableitung.check(ableitung)
print("dy/dx von (3x + 1)² bei x = 2:", ableitung(lambda x: (3 * x + 1) ** 2, 2.0))

# %%
# aufgabe.ableitung.hint()
# aufgabe.ableitung.solution()

# %% [markdown]
# ## Die zweite Ableitung: vom Ort zur Beschleunigung
#
# Ein Apfel fällt vom Baum. Nach $t$ Sekunden ist er $s(t) = 4{,}9\,t^2$ Meter
# gefallen. Die erste Ableitung ist die **Geschwindigkeit** $v(t) = 9{,}8\,t$,
# die zweite die **Beschleunigung** $a = 9{,}8\ \text{m/s}^2$, die Erdbeschleunigung.
#
# Für die zweite Ableitung legst du zwei Bänder ineinander. Das innere leitet
# den Ort ab. Das äußere beobachtet dabei, wie das innere rechnet, und kann so
# die Geschwindigkeit noch einmal ableiten.

# %%
zeit = tf.Variable(0.0)
with tf.GradientTape() as aussen:
    with tf.GradientTape() as innen:
        ort = 4.9 * zeit**2
    geschwindigkeit = innen.gradient(ort, zeit)
beschleunigung = aussen.gradient(geschwindigkeit, zeit)

print("Beschleunigung:", beschleunigung.numpy(), "m/s²")
dlkurs.report(acceleration=beschleunigung)

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: alle Zeitpunkte auf einmal
#
# Dasselbe für viele Zeitpunkte auf einmal. Der Gradient einer Summe ist hier
# für jeden Zeitpunkt dessen eigene Ableitung, denn jeder Ort hängt nur von
# seiner eigenen Zeit ab. So bekommst du alle drei Kurven in einem Rutsch:

# %% tags=["vertiefung"]
zeiten = tf.Variable(tf.linspace(0.0, 2.0, 41))
with tf.GradientTape() as aussen:
    with tf.GradientTape() as innen:
        orte = 4.9 * zeiten**2
    geschwindigkeiten = innen.gradient(orte, zeiten)
beschleunigungen = aussen.gradient(geschwindigkeiten, zeiten)

fig, achsen = plt.subplots(1, 3, figsize=(12, 3.2))
kurven = [
    (orte, "Ort s(t) in m", "tab:blue"),
    (geschwindigkeiten, "Geschwindigkeit v(t) in m/s", "tab:orange"),
    (beschleunigungen, "Beschleunigung a(t) in m/s²", "tab:green"),
]
for achse, (werte, titel, farbe) in zip(achsen, kurven):
    achse.plot(zeiten.numpy(), werte.numpy(), color=farbe)
    achse.set_title(titel)
    achse.set_xlabel("Zeit t in s")
    achse.grid(alpha=0.3)
achsen[2].set_ylim(0, 12)
fig.tight_layout()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Links die Parabel des Orts, in der Mitte die Gerade der Geschwindigkeit
# (Steigung 9,8), rechts die konstante Beschleunigung 9,8 m/s².

# %% [markdown]
# ## Aufgabe: eine zweite Ableitung
#
# Schreibe die Funktion `zweite_ableitung(f, x)`. Sie gibt die **zweite**
# Ableitung von `f` an der Stelle `x` zurück, berechnet mit zwei ineinander
# liegenden Bändern wie beim Apfel.
#
# Zur Kontrolle darunter: $f(x) = x^3 - 2x$ an der Stelle `x = 1.5`.

# %%
def zweite_ableitung(f, x):
    ### BEGIN SOLUTION zweite_ableitung
    ###> # zwei Bänder ineinander: das innere leitet f ab, das äußere die erste Ableitung
    ###> return ___
    x = tf.Variable(x)
    with tf.GradientTape() as aussen:
        with tf.GradientTape() as innen:
            y = f(x)
        erste = innen.gradient(y, x)
    return aussen.gradient(erste, x)
    ### END SOLUTION


aufgabe.zweite_ableitung.check(zweite_ableitung)
print("f''(1.5) von x³ − 2x:", zweite_ableitung(lambda x: x**3 - 2 * x, 1.5))

# %%
# aufgabe.zweite_ableitung.hint()
# aufgabe.zweite_ableitung.solution()

# %% [markdown]
# ## Ein linearer Klassifikator, von Hand trainiert
#
# Jetzt setzt du alles zusammen: Tensoren, Variablen und `GradientTape` ergeben
# ein komplettes Training, ganz ohne `fit`.
#
# **Die Daten:** zwei Punktwolken in der Ebene, je 1000 Punkte, normalverteilt
# um die Mittelpunkte (0, 3) und (3, 0). Beide haben dieselbe Kovarianzmatrix
# $\begin{pmatrix} 1 & 0{,}5 \\ 0{,}5 & 1 \end{pmatrix}$, die Wolken sind also
# schräg gestreckt. Die erste Wolke bekommt das Label 0, die zweite das Label 1.
# Zusätzlich ziehen wir 500 **Testpunkte** pro Klasse, die beim Training nie
# vorkommen.

# %%
rng = np.random.default_rng(42)
kovarianz = [[1, 0.5], [0.5, 1]]


def punktwolken(anzahl):
    """anzahl Punkte je Klasse: Eingaben (2·anzahl, 2) und Labels (2·anzahl, 1), float32."""
    negativ = rng.multivariate_normal(mean=[0, 3], cov=kovarianz, size=anzahl)
    positiv = rng.multivariate_normal(mean=[3, 0], cov=kovarianz, size=anzahl)
    punkte = np.vstack([negativ, positiv]).astype("float32")
    labels = np.vstack([np.zeros((anzahl, 1)), np.ones((anzahl, 1))]).astype("float32")
    return punkte, labels


inputs, targets = punktwolken(1000)
test_inputs, test_targets = punktwolken(500)
print("Training:", inputs.shape, targets.shape, "  Test:", test_inputs.shape)

plt.figure(figsize=(5, 5))
plt.scatter(inputs[:, 0], inputs[:, 1], c=targets[:, 0], cmap="coolwarm", s=8)
plt.title("Trainingsdaten: Klasse 0 (blau) und Klasse 1 (rot)")
plt.xlabel("$x_1$")
plt.ylabel("$x_2$")
plt.axis("equal")
plt.show()

# %% [markdown]
# **Das Modell** ist linear: $\text{vorhersage} = x \cdot W + b$ mit einer
# Gewichtsmatrix $W$ der Form (2, 1) und einem Bias $b$. Liegt die Vorhersage
# über 0,5, sagen wir Klasse 1, sonst Klasse 0. Als **Verlust** nehmen wir den
# mittleren quadratischen Fehler (MSE) zwischen Labels und Vorhersagen.
# $W$ und $b$ sind Variablen, denn das Training soll sie verändern.

# %%
eingabe_dim, ausgabe_dim = 2, 1
W = tf.Variable(initial_value=tf.random.uniform(shape=(eingabe_dim, ausgabe_dim)))
b = tf.Variable(initial_value=tf.zeros(shape=(ausgabe_dim,)))
lernrate = 0.1


def modell(inputs):
    return tf.matmul(inputs, W) + b


def quadratischer_verlust(targets, vorhersagen):
    return tf.reduce_mean(tf.square(targets - vorhersagen))


print("W am Anfang:", W.numpy().ravel(), " b:", b.numpy())
print("Verlust am Anfang:", quadratischer_verlust(targets, modell(inputs)).numpy())

# %% [markdown]
# ## Aufgabe: ein Trainingsschritt
#
# Schreibe die Funktion `trainingsschritt(inputs, targets)`. Sie macht einen
# Schritt des Gradientenabstiegs:
#
# 1. unter einem `GradientTape` die Vorhersagen `modell(inputs)` und den
#    Verlust `quadratischer_verlust(targets, vorhersagen)` berechnen,
# 2. die Gradienten des Verlusts nach `W` und `b` holen,
# 3. `W` und `b` um `lernrate` mal ihren Gradienten **verkleinern**
#    (`assign_sub`),
# 4. den Verlust zurückgeben.
#
# Die Prüfung ruft deine Funktion mit eigenen Daten und eigenen Startwerten für
# `W` und `b` auf. Danach setzt sie deine Variablen wieder zurück.

# %%
def trainingsschritt(inputs, targets):
    ### BEGIN SOLUTION trainingsschritt
    ###> # 1. Vorhersagen und Verlust unter einem GradientTape berechnen
    ###> # 2. Gradienten des Verlusts nach W und b holen
    ###> # 3. W und b mit assign_sub einen Schritt gegen den Gradienten bewegen
    ###> return ___
    with tf.GradientTape() as tape:
        vorhersagen = modell(inputs)
        verlust = quadratischer_verlust(targets, vorhersagen)
    grad_W, grad_b = tape.gradient(verlust, [W, b])
    W.assign_sub(lernrate * grad_W)
    b.assign_sub(lernrate * grad_b)
    return verlust
    ### END SOLUTION


aufgabe.trainingsschritt.check(trainingsschritt)

# %%
# aufgabe.trainingsschritt.hint()
# aufgabe.trainingsschritt.solution()

# %% [markdown]
# ## Die Trainingsschleife
#
# 40 Schritte, jeder mit **allen** 2000 Trainingspunkten auf einmal
# (*Full-Batch*-Gradientenabstieg):

# %%
verluste = []
for schritt in range(40):
    verlust = trainingsschritt(inputs, targets)
    verluste.append(float(verlust))
    if schritt % 10 == 0 or schritt == 39:
        print(f"Schritt {schritt:2d}: Verlust {verlust:.4f}")

plt.figure(figsize=(6, 3))
plt.plot(range(40), verluste, "o-", markersize=3)
plt.yscale("log")
plt.xlabel("Schritt")
plt.ylabel("Verlust (MSE, log. Skala)")
plt.title("Der Verlust beim Training")
plt.grid(alpha=0.3)
plt.show()

# %% [markdown]
# Der Verlust fällt in den ersten Schritten steil und flacht dann ab. Die
# y-Achse ist logarithmisch, damit du auch das späte Abflachen siehst.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: die Entscheidungsgrenze und die Testdaten
#
# Das Modell sagt Klasse 1, wenn $w_1 x_1 + w_2 x_2 + b > 0{,}5$. Die Grenze
# zwischen den Klassen ist also die Gerade $w_1 x_1 + w_2 x_2 + b = 0{,}5$,
# umgestellt:
#
# $$x_2 = -\frac{w_1}{w_2}\, x_1 + \frac{0{,}5 - b}{w_2}$$
#
# Wir färben die **Testpunkte** nach der Vorhersage des Modells und zeichnen
# die Gerade ein.

# %% tags=["vertiefung"]
test_vorhersagen = modell(test_inputs)
w1, w2 = W.numpy()[:, 0]
b0 = b.numpy()[0]

x1 = np.linspace(-3, 6, 100)
x2 = -w1 / w2 * x1 + (0.5 - b0) / w2

plt.figure(figsize=(5, 5))
plt.scatter(test_inputs[:, 0], test_inputs[:, 1], c=test_vorhersagen.numpy()[:, 0] > 0.5, cmap="coolwarm", s=8)
plt.plot(x1, x2, "k-", label="Entscheidungsgrenze")
plt.xlim(-3, 6)
plt.ylim(-3, 6)
plt.gca().set_aspect("equal")
plt.title("Testpunkte, gefärbt nach Vorhersage")
plt.xlabel("$x_1$")
plt.ylabel("$x_2$")
plt.legend(loc="lower left")
plt.show()

# %% [markdown] tags=["vertiefung"]
# Die Gerade trennt die beiden Wolken schon fast fehlerfrei. Sie liegt aber
# noch nicht genau in der Mitte zwischen ihnen, sondern näher an der roten
# Wolke. Nach 40 Schritten ist das Training noch nicht fertig, der Verlust sinkt
# ja noch. Nach etwa 100 Schritten rückt die Gerade in die Mitte, und der
# Trainingsverlust kommt bei etwa 0,026 an. Probier es aus: Führe die
# Trainingsschleife oben noch einmal aus (40 weitere Schritte) und danach die
# Zelle mit dem Diagramm.
#
# Wie gut das Modell ist, zeigen zwei Zahlen auf den Testdaten: der Verlust
# (MSE) und der Anteil richtig klassifizierter Punkte.

# %% tags=["vertiefung"]
test_mse = float(quadratischer_verlust(test_targets, test_vorhersagen))
test_genauigkeit = float(np.mean((test_vorhersagen.numpy() > 0.5) == test_targets))
print(f"Trainingsverlust nach 40 Schritten: {verluste[-1]:.4f}")
print(f"Test-MSE:                           {test_mse:.4f}")
print(f"Testgenauigkeit:                    {test_genauigkeit:.1%}")
dlkurs.report(test_mse=test_mse)

# %% [markdown] tags=["vertiefung"]
# Der Test-MSE liegt bei etwa 0,03, fast genauso niedrig wie der
# Trainingsverlust. Das Modell hat nur drei Parameter ($w_1, w_2, b$), damit
# kann es die Trainingspunkte nicht auswendig lernen. Über 99 % der Testpunkte
# landen auf der richtigen Seite. Die wenigen Fehler liegen dort, wo sich die
# Wolken überlappen.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: dasselbe mit JAX
#
# TensorFlow ist nicht das einzige Backend von Keras. **JAX** rechnet Gradienten
# anders: Es gibt kein Band, sondern `jax.grad(f)` macht aus einer Funktion `f`
# eine **neue Funktion**, die die Ableitung berechnet. Die zweite Ableitung ist
# einfach `jax.grad(jax.grad(f))`.
#
# JAX ist eine zusätzliche Installation (`pip install "dlkurs[jax]"`). Die
# nächste Zelle prüft, ob es da ist.

# %% tags=["vertiefung"]
try:
    import jax
    import jax.numpy as jnp
except ImportError:
    jax = None
    print('JAX ist nicht installiert. Installiere es mit:  pip install "dlkurs[jax]"')
    print("Die folgenden Vergleiche werden übersprungen.")
else:
    print("JAX", jax.__version__, "ist installiert.")

# %% [markdown] tags=["vertiefung"]
# Links TensorFlow, rechts JAX, dieselben drei Rechnungen: $d(x^2)/dx$ bei
# $x = 3$, die Beschleunigung des Apfels und der Gradient des Verlusts nach
# $W$ und $b$ für die aktuellen Gewichte.

# %% tags=["vertiefung"]
if jax is not None:

    def quadrat(x):
        return x**2

    def fallstrecke(t):
        return 4.9 * t**2

    def verlust_jax(W, b, inputs, targets):
        return jnp.mean(jnp.square(targets - (inputs @ W + b)))

    with tf.GradientTape() as tape:
        verlust_tf = quadratischer_verlust(targets, modell(inputs))
    grad_W_tf, grad_b_tf = tape.gradient(verlust_tf, [W, b])
    grad_W_jax, grad_b_jax = jax.grad(verlust_jax, argnums=(0, 1))(W.numpy(), b.numpy(), inputs, targets)

    print(f"{'':22}{'TensorFlow':>26}{'JAX':>26}")
    print(f"{'d(x²)/dx bei x = 3':22}{gradient.numpy():>26.4f}{jax.grad(quadrat)(3.0):>26.4f}")
    print(f"{'Beschleunigung':22}{beschleunigung.numpy():>26.4f}{jax.grad(jax.grad(fallstrecke))(0.0):>26.4f}")
    print(f"{'dVerlust/dW':22}{str(grad_W_tf.numpy().ravel().round(5)):>26}{str(np.asarray(grad_W_jax).ravel().round(5)):>26}")
    print(f"{'dVerlust/db':22}{str(grad_b_tf.numpy().round(5)):>26}{str(np.asarray(grad_b_jax).round(5)):>26}")
    abweichung = np.max(np.abs(grad_W_tf.numpy() - np.asarray(grad_W_jax)))
    print(f"\nGrößte Abweichung der W-Gradienten: {abweichung:.1e} (Rundungsfehler von float32)")
else:
    print("Ohne JAX gibt es hier nichts zu vergleichen.")

# %% [markdown] tags=["vertiefung"]
# Ist JAX installiert, siehst du: Beide rechnen dasselbe aus, bis auf
# Rundungsfehler in der letzten Nachkommastelle. Der Unterschied liegt im Stil: TensorFlow **zeichnet auf**,
# was passiert (`GradientTape`), JAX **verwandelt Funktionen** (`jax.grad`).
# Keras 3 verbirgt beides hinter `fit`. Wenn du später eine eigene
# Trainingsschleife schreibst (Tag 2), begegnet dir das Band wieder.

# %% [markdown]
# ## Zusammenfassung
#
# - Tensoren (`tf.constant`, `tf.ones`, …) sind unveränderlich, Variablen
#   (`tf.Variable`) ändern sich mit `assign`, `assign_add`, `assign_sub`.
# - `tf.GradientTape` zeichnet Rechnungen auf und liefert mit `tape.gradient`
#   Ableitungen. Konstanten brauchen `tape.watch`. Zwei Bänder ineinander
#   ergeben die zweite Ableitung (Ort → Geschwindigkeit → Beschleunigung 9,8).
# - Ein Trainingsschritt besteht aus Vorhersage, Verlust, Gradient und
#   Aktualisierung `W ← W − Lernrate · Gradient`. 40 solche Schritte trennen
#   zwei Punktwolken mit einer Geraden.
# - JAX berechnet dieselben Gradienten mit `jax.grad`, als Funktion statt als Band.
#
# Weiter geht es an **Tag 2** mit einer eigenen Trainingsschleife in Keras.

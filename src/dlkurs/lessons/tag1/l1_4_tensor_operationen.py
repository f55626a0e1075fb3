# %% [markdown]
# # 1.4 Tensor-Operationen
#
# In 1.3 hast du gesehen, wie Daten als Tensoren aussehen. Jetzt geht es darum,
# was ein Netz mit ihnen **rechnet**. Eine Dense-Schicht, wie du sie ab 1.5
# benutzt, rechnet nur drei Dinge:
#
# $$
# \text{ausgabe} = \mathrm{relu}(\,x \cdot W + b\,)
# $$
#
# ein **Matrixprodukt** $x \cdot W$, eine **Addition** $+\,b$ (mit
# *Broadcasting*) und eine **elementweise** Funktion $\mathrm{relu}$. In dieser
# Lektion lernst du alle drei kennen, dazu **reshape** und **transpose**, die
# **geometrische Bedeutung** des Matrixprodukts – und du misst (in einer
# Vertiefung am Ende), warum man all das nie mit Python-Schleifen rechnet.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import ops

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.tensors import broadcast_table, describe, show_grids
from dlkurs.kit.timing import time_call

aufgabe = aufgaben("1.4")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Eine Dense-Schicht, nachgerechnet
#
# Wir schicken einen Batch von 128 MNIST-Bildern (flach: 784 Pixel pro Bild)
# durch eine Dense-Schicht mit 512 Einheiten und rechnen das Ergebnis danach
# selbst nach – mit genau den drei Operationen aus der Formel.

# %%
(x_train, y_train), _ = load("mnist")
x = x_train[:128].reshape(128, 784).astype("float32") / 255

schicht = keras.layers.Dense(512, activation="relu")
ausgabe = ops.convert_to_numpy(schicht(x))
W, b = schicht.get_weights()

nachgerechnet = np.maximum(x @ W + b, 0)
print(describe(x, "x"), describe(W, "W"), describe(b, "b"), describe(ausgabe, "Ausgabe"), sep="\n")
print("Stimmt mit relu(x @ W + b) überein:", np.allclose(ausgabe, nachgerechnet, atol=1e-5))

# %% [markdown]
# Die Schicht ist also nichts Geheimnisvolles: (128, 784) mal (784, 512) ergibt
# (128, 512); dazu kommt der Vektor `b` mit 512 Einträgen, dann wird jede
# negative Zahl auf 0 gesetzt. Die Gewichte sind noch zufällig – das Training
# (ab 1.5) passt sie an.
#
# ## Elementweise Operationen
#
# **Elementweise** heißt: Die Operation wird auf jeden Eintrag einzeln
# angewandt, unabhängig von den anderen. Die Form bleibt gleich. Die
# bekannteste im Deep Learning ist **ReLU**: $\mathrm{relu}(z) = \max(z, 0)$.

# %%
v = np.array([-2.0, -0.5, 0.0, 1.5, 3.0], dtype="float32")
print("v            =", v)
print("relu(v)      =", np.maximum(v, 0))
print("v + v        =", v + v)
print("v * v        =", v * v)
print("np.exp(v)    =", np.round(np.exp(v), 3))
print("ops.relu(v)  =", ops.convert_to_numpy(ops.relu(v)), " ← dasselbe mit keras.ops")

# %% [markdown]
# Ohne NumPy müsstest du jeden Eintrag in einer Schleife anfassen. So sähen
# ReLU und Addition in reinem Python aus, für Matrizen als Listen von Zeilen –
# in der Vertiefung am Ende der Lektion messen wir sie gegen NumPy.

# %%
def python_relu(x):
    ergebnis = []
    for zeile in x:
        neue_zeile = []
        for wert in zeile:
            neue_zeile.append(wert if wert > 0 else 0.0)
        ergebnis.append(neue_zeile)
    return ergebnis


def python_add(x, y):
    ergebnis = []
    for zeile_x, zeile_y in zip(x, y):
        neue_zeile = []
        for wert_x, wert_y in zip(zeile_x, zeile_y):
            neue_zeile.append(wert_x + wert_y)
        ergebnis.append(neue_zeile)
    return ergebnis


print(python_relu([[-1.0, 2.0], [3.0, -4.0]]))
print(python_add([[1.0, 2.0], [3.0, 4.0]], [[10.0, 20.0], [30.0, 40.0]]))

# %% [markdown]
# Elementweise Operationen auf Bildern: Wir wandeln ein Bild in `float32` mit
# Werten von 0 bis 1 um und rechnen damit.

# %%
bild = x_train[0].astype("float32") / 255
zweites = x_train[1].astype("float32") / 255

varianten = {
    "bild": bild,
    "1 - bild\n(umkehren)": 1 - bild,
    "np.clip(bild + 0.5, 0, 1)\n(aufhellen)": np.clip(bild + 0.5, 0, 1),
    "bild > 0.5\n(Schwelle)": bild > 0.5,
    "np.maximum(bild, zweites)\n(übereinander)": np.maximum(bild, zweites),
}
fig, axes = plt.subplots(1, 5, figsize=(14, 3.3))
for ax, (titel, b_) in zip(axes, varianten.items()):
    ax.imshow(b_, cmap="gray", vmin=0, vmax=1)
    ax.set_title(titel, fontsize=10)
    ax.axis("off")
plt.show()

# %% [markdown]
# Jedes Ergebnis hat wieder die Form (28, 28): Beim Umkehren wird Schwarz zu
# Weiß, beim Aufhellen wird der Hintergrund grau (Werte über 1 schneidet
# `np.clip` ab), die Schwelle macht aus jedem Pixel `True` (weiß) oder `False`
# (schwarz), und das elementweise Maximum legt die 5 und die 0 übereinander.
#
# `keras.ops` kennt dieselben Operationen und liefert dieselben Zahlen:

# %%
mit_keras = ops.clip(ops.add(bild, 0.5), 0, 1)
print(describe(mit_keras, "ops.clip(ops.add(bild, 0.5), 0, 1)"))
print("gleich wie NumPy:", np.allclose(ops.convert_to_numpy(mit_keras), np.clip(bild + 0.5, 0, 1)))

# %% [markdown]
# ## Broadcasting: wenn die Formen verschieden sind
#
# In der Dense-Schicht wurde `x @ W` mit der Form (128, 512) und `b` mit der
# Form (512,) addiert – obwohl die Formen verschieden sind. Das erlaubt
# **Broadcasting**. Die Regeln (in NumPy, Keras, TensorFlow und JAX gleich):
#
# 1. Schreibe die Formen **rechtsbündig** untereinander. Fehlen einer Form
#    vorne Achsen, zählen sie als Achsen der Länge 1.
# 2. Vergleiche Achse für Achse: Zwei Längen **passen**, wenn sie **gleich**
#    sind oder **eine davon 1** ist.
# 3. Das Ergebnis hat an jeder Achse die **größere** Länge. Ein Tensor mit
#    Länge 1 an einer Achse wird entlang dieser Achse wiederholt – nur
#    gedanklich, ohne Kopie im Speicher.
# 4. Passt an irgendeiner Achse die Länge nicht, gibt es einen **Fehler**.
#
# `broadcast_table` zeigt die Regeln Schritt für Schritt:

# %%
print(broadcast_table((128, 512), (512,), names=["x @ W", "b"]))

# %% [markdown]
# Der Vektor `b` bekommt vorne eine Achse der Länge 1 – in der Tabelle „(1)“ –
# und wird für jede der 128 Zeilen wiederholt: Jedes Bild bekommt denselben
# Vektor addiert.
#
# Beide Seiten können gedehnt werden. Eine Spalte (3, 1) plus eine Zeile (1, 4)
# ergibt eine ganze Tabelle (3, 4):

# %%
spalte = np.array([[0], [10], [20]])
zeile = np.array([[0, 1, 2, 3]])
print(broadcast_table(spalte.shape, zeile.shape, names=["spalte", "zeile"]))
show_grids({"spalte": spalte, "zeile": zeile, "spalte + zeile": spalte + zeile})
plt.show()

# %% [markdown]
# Im Ergebnis steht an der Stelle (i, j) die Summe `spalte[i, 0] + zeile[0, j]`:
# Die Spalte wurde viermal nebeneinander, die Zeile dreimal untereinander
# wiederholt.
#
# Ein Beispiel mit echten Daten: Das **Mittelbild** aller Trainingsziffern hat
# die Form (28, 28). Zieht man es von einem Stapel (8, 28, 28) ab, wird es von
# jedem der acht Bilder abgezogen.

# %%
mittelbild = x_train.mean(axis=0) / 255
stapel = x_train[:8].astype("float32") / 255
zentriert = stapel - mittelbild
print(broadcast_table(stapel.shape, mittelbild.shape, names=["stapel", "mittelbild"]))

fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
axes[0].imshow(mittelbild, cmap="gray")
axes[0].set_title("Mittelbild (28, 28)")
axes[1].imshow(stapel[0], cmap="gray")
axes[1].set_title("stapel[0]")
bereich = axes[2].imshow(zentriert[0], cmap="RdBu_r", vmin=-1, vmax=1)
axes[2].set_title("zentriert[0]\n= stapel[0] − Mittelbild")
fig.colorbar(bereich, ax=axes[2], shrink=0.8)
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# Das Mittelbild ist ein verwaschener Fleck in der Mitte – dort liegen die
# Striche der meisten Ziffern. Im zentrierten Bild rechts ist Rot „heller als
# im Durchschnitt“ und Blau „dunkler als im Durchschnitt“.
#
# ### Wenn es nicht passt
#
# Eine Matrix (3, 4) plus ein Vektor (3,): Hier wollte jemand zu jeder der drei
# **Zeilen** eine Zahl addieren. Das geht schief:

# %%
matrix = np.arange(12.0).reshape(3, 4)
pro_zeile = np.array([100.0, 200.0, 300.0])
try:
    matrix + pro_zeile
except ValueError as fehler:
    print("NumPy:", type(fehler).__name__, "–", fehler)
print()
print(broadcast_table(matrix.shape, pro_zeile.shape, names=["matrix", "pro_zeile"]))

# %% [markdown]
# Rechtsbündig steht die 3 des Vektors unter der **letzten** Achse der Matrix,
# also unter der 4 (den Spalten). 3 und 4 sind weder gleich noch 1: Fehler.
# Broadcasting ergänzt Achsen immer nur **vorne**.
#
# Die Lösung: Mach aus dem Vektor eine Spalte (3, 1). Dann steht die 3 unter
# den Zeilen und die 1 wird auf 4 Spalten gedehnt.

# %%
als_spalte = pro_zeile[:, np.newaxis]  # oder pro_zeile.reshape(3, 1)
print(broadcast_table(matrix.shape, als_spalte.shape, names=["matrix", "als_spalte"]))
print(matrix + als_spalte)

# %% [markdown]
# `keras.ops` folgt denselben Regeln und lehnt dieselbe Rechnung ab. Die
# Fehlermeldung (und ihr Typ) kommt vom Backend, hier TensorFlow oder JAX:

# %%
try:
    ops.add(ops.convert_to_tensor(matrix), ops.convert_to_tensor(pro_zeile))
except Exception as fehler:
    meldung = str(fehler).strip().splitlines()[0].split("}}")[-1].strip()  # ohne TensorFlows Geräte-Präfix
    print(f"keras.ops ({keras.backend.backend()}):", type(fehler).__name__, "–", meldung[:160])
print(describe(ops.add(matrix, als_spalte), "ops.add(matrix, als_spalte)"))

# %% [markdown]
# ## Aufgabe: Broadcasting vorhersagen
#
# Welche Form hat die Summe eines Tensors der Form **(32, 1, 10)** und eines
# Tensors der Form **(5, 1)**? Überlege mit den vier Regeln – ohne zu rechnen –
# und schreibe die Form als Tupel in `form_summe`. Falls du glaubst, dass es
# einen Fehler gibt, schreibe `"Fehler"`.

# %%
### BEGIN SOLUTION form_summe
form_summe = (32, 5, 10)
### END SOLUTION
aufgabe.form_summe.check(form_summe)

# %%
# aufgabe.form_summe.hint()
# aufgabe.form_summe.solution()

# %% [markdown]
# Danach kannst du deine Vorhersage mit echten Tensoren nachprüfen:

# %%
print(broadcast_table((32, 1, 10), (5, 1)))
print("NumPy rechnet:", (np.zeros((32, 1, 10)) + np.zeros((5, 1))).shape)

# %% [markdown]
# ## Das Skalarprodukt und das Matrixprodukt
#
# Das **Skalarprodukt** zweier Vektoren gleicher Länge ist die Summe der
# Produkte ihrer Einträge: $u \cdot v = \sum_i u_i v_i$. Aus zwei Tensoren vom
# Rang 1 wird ein Skalar (Rang 0). In NumPy schreibst du `np.dot(u, v)` oder
# `u @ v`, in Keras `ops.dot` oder `ops.matmul`.

# %%
u = np.array([1.0, 2.0, 3.0])
w = np.array([4.0, 5.0, 6.0])
print("Von Hand:      1·4 + 2·5 + 3·6 =", 1 * 4 + 2 * 5 + 3 * 6)
print("np.dot(u, w) =", np.dot(u, w))
print("u @ w        =", u @ w)
print("ops.matmul   =", float(ops.matmul(u, w)))

# %% [markdown]
# Beim **Matrixprodukt** $C = A \cdot B$ ist jeder Eintrag ein Skalarprodukt:
# $C_{ij}$ = Zeile $i$ von $A$ mal Spalte $j$ von $B$. Dafür muss eine Zeile von
# $A$ genauso lang sein wie eine Spalte von $B$. Die Formregeln:
#
# | Produkt | Formen | Ergebnis |
# |---|---|---|
# | Vektor · Vektor | (n,) · (n,) | () – ein Skalar |
# | Matrix · Vektor | (m, n) · (n,) | (m,) |
# | Matrix · Matrix | (m, **n**) · (**n**, p) | (m, p) |
#
# Die beiden **inneren** Längen müssen gleich sein und verschwinden; die
# **äußeren** bleiben übrig.

# %%
A = np.array([[1, 2, 3], [4, 5, 6]])
B = np.array([[1, 0], [0, 1], [1, 1]])
show_grids({"A": A, "B": B, "A @ B": A @ B})
plt.show()
print("Eintrag (0, 1) = Zeile 0 von A · Spalte 1 von B =", A[0] @ B[:, 1])
print("A @ v für v = [1, 1, 1]:", A @ np.ones(3), " ← die Zeilensummen von A")
print("np.dot, @ und ops.matmul gleich:",
      np.array_equal(np.dot(A, B), A @ B) and np.array_equal(ops.convert_to_numpy(ops.matmul(A, B)), A @ B))

# %% [markdown]
# Prüfe an der Abbildung einen Eintrag selbst: rechts oben steht 5 = 1·0 + 2·1 + 3·1.
#
# Zwei Verwechslungen kommen oft vor:
#
# - `A * B` ist das **elementweise** Produkt (mit Broadcasting), `A @ B` das
#   **Matrixprodukt**. Für quadratische Matrizen geht beides – mit ganz
#   verschiedenen Ergebnissen.
# - Bei unpassenden inneren Längen gibt es einen Fehler. NumPys Meldung ist
#   etwas kryptisch: Sie nennt nur die beiden Längen, die nicht passen
#   („size 2 is different from 3“ heißt: innere Länge 2 rechts, 3 links).

# %%
Q = np.array([[1, 2], [3, 4]])
print("Q * Q =\n", Q * Q)
print("Q @ Q =\n", Q @ Q)
try:
    A @ A
except ValueError as fehler:
    print("\nA @ A:", type(fehler).__name__, "–", fehler)
print("A @ A.T geht:", (A @ A.T).shape)

# %% [markdown]
# `A` hat die Form (2, 3): Die innere Länge links ist 3, rechts 2 – das passt
# nicht. Transponiert man die rechte Matrix, passt es: (2, 3) · (3, 2) → (2, 2).
#
# ## Aufgabe: das Matrixprodukt von Hand
#
# Schreibe `naive_matmul(a, b)` für zwei Matrizen (NumPy-Arrays vom Rang 2)
# **mit Python-Schleifen**, ohne `@`, `np.dot`, `np.matmul` (oder `np.einsum`):
#
# - `a` hat die Form (m, n), `b` die Form (n, p); das Ergebnis ist ein
#   NumPy-Array der Form (m, p).
# - Passen die inneren Längen nicht zusammen, löse einen `ValueError` aus
#   (`raise ValueError("…")`), so wie NumPy.
# - Verändere `a` und `b` nicht.

# %%
def naive_matmul(a, b):
    ### BEGIN SOLUTION naive_matmul
    ###> # 1. Formen prüfen: passt a.shape[1] zu b.shape[0]? Sonst: raise ValueError("…")
    ###> # 2. Ergebnis anlegen, z. B. mit np.zeros((m, p))
    ###> # 3. Schleifen über Zeilen i, Spalten j und die gemeinsame Achse k
    ###> return ___
    if a.shape[1] != b.shape[0]:
        raise ValueError(f"Innere Längen passen nicht: {a.shape} @ {b.shape}")
    m, n = a.shape
    p = b.shape[1]
    c = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            for k in range(n):
                c[i, j] += a[i, k] * b[k, j]
    return c
    ### END SOLUTION


aufgabe.naive_matmul.check(naive_matmul)

# %%
# aufgabe.naive_matmul.hint()
# aufgabe.naive_matmul.solution()

# %% [markdown]
# Geprüft wird mit mehreren Fällen: kleine Zahlenbeispiele, eine Spalte mal
# eine Zeile (das Ergebnis ist eine ganze Tabelle), ganze Zahlen mal
# Kommazahlen (das Ergebnis darf nichts abschneiden), innere Länge 0 (das
# Ergebnis besteht aus Nullen) und unpassende Formen, bei denen dein
# `ValueError` kommen muss. Die Prüfung achtet auch darauf, dass deine
# Funktion wirklich selbst rechnet: Mit `@` oder `np.dot` gilt sie als falsch.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Das Produkt bei Tensoren mit mehr Achsen
#
# Eine Dense-Schicht bekommt nicht immer eine Tabelle (Beispiele, Merkmale).
# Bei Zeitreihen (Tag 4) ist die Eingabe z. B. (Beispiele, Zeitschritte,
# Merkmale). Die Regel der inneren Längen gilt dann für die **letzte** Achse
# des linken Faktors und die **erste** Achse einer Matrix rechts; alle
# anderen Achsen bleiben stehen:
#
# $$(a, b, c, \mathbf{d}) \cdot (\mathbf{d}, e) \;\to\; (a, b, c, e)$$
#
# Genauer: `np.dot(x, y)` summiert über die letzte Achse von `x` und die
# **vorletzte** Achse von `y` (bei einer Matrix `y` ist das ihre erste Achse).

# %% tags=["vertiefung"]
x4 = np.ones((9, 3, 4, 8))
print("np.dot((9, 3, 4, 8), (8, 2))    ->", np.dot(x4, np.ones((8, 2))).shape)
print("(9, 3, 4, 8) @ (8, 2)           ->", (x4 @ np.ones((8, 2))).shape)
try:
    np.dot(x4, np.ones((8, 2, 3)))
except ValueError as fehler:
    print("np.dot((9, 3, 4, 8), (8, 2, 3)) ->", type(fehler).__name__, "–", fehler)
print("np.dot((9, 3, 4, 8), (2, 8, 3)) ->", np.dot(x4, np.ones((2, 8, 3))).shape)

folgen = np.random.default_rng(0).standard_normal((32, 10, 8)).astype("float32")  # 32 Folgen, 10 Schritte, 8 Merkmale
print("Dense(2) auf (32, 10, 8)        ->", tuple(keras.layers.Dense(2)(folgen).shape))

# %% [markdown] tags=["vertiefung"]
# - (9, 3, 4, **8**) · (**8**, 2) ergibt (9, 3, 4, 2): Die 8 verschwindet, der
#   Rest bleibt. `@` rechnet hier dasselbe.
# - (9, 3, 4, 8) · (8, 2, 3) geht **nicht**: `np.dot` nimmt von einem Tensor
#   vom Rang 3 rechts die *vorletzte* Achse, hier die 2 – und 2 passt nicht
#   zu 8. Mit (2, 8, 3) passt es, und das Ergebnis bekommt alle übrigen Achsen
#   beider Faktoren: (9, 3, 4) und (2, 3).
# - Eine Dense-Schicht wendet ihre Gewichtsmatrix auf die **letzte** Achse an:
#   Aus (32, 10, 8) wird (32, 10, 2) – jeder der 10 Zeitschritte bekommt
#   dieselbe Matrix `W` der Form (8, 2).

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Geometrisch – Matrizen bewegen Punkte
#
# Ein Vektor mit zwei Einträgen ist ein Punkt in der Ebene. Eine (2, 2)-Matrix
# bildet jeden Punkt auf einen neuen Punkt ab – das Matrixprodukt ist eine
# **geometrische Transformation**. Die Drehung um den Winkel $\alpha$ ist
#
# $$
# R(\alpha) = \begin{pmatrix} \cos\alpha & -\sin\alpha \\ \sin\alpha & \cos\alpha \end{pmatrix}.
# $$
#
# Wir machen aus einer Ziffer eine **Punktwolke**: Jedes helle Pixel wird zu
# einem Punkt (x, y). Alle Punkte stehen als Spalten in einer Matrix der Form
# (2, Anzahl Punkte), und *ein* Matrixprodukt bewegt sie alle auf einmal.

# %% tags=["vertiefung"]
zeilen, spalten = np.nonzero(bild > 0.5)
punkte = np.stack([spalten, -zeilen]).astype("float32")  # y nach oben: minus Zeile
punkte = punkte - punkte.mean(axis=1, keepdims=True)  # Broadcasting: (2, N) − (2, 1)
print(describe(punkte, "punkte"))


def drehmatrix(grad):
    alpha = np.deg2rad(grad)  # cos und sin erwarten Bogenmaß
    return np.array([[np.cos(alpha), -np.sin(alpha)], [np.sin(alpha), np.cos(alpha)]])


scherung = np.array([[1.0, 0.5], [0.0, 1.0]])  # x' = x + 0.5·y: oben nach rechts geschoben
streckung = np.array([[1.6, 0.0], [0.0, 0.6]])  # breiter und flacher

transformationen = {
    "Original": punkte,
    "drehmatrix(45) @ punkte": drehmatrix(45) @ punkte,
    "scherung @ punkte": scherung @ punkte,
    "streckung @ punkte": streckung @ punkte,
}
fig, axes = plt.subplots(1, 4, figsize=(14, 3.8), sharex=True, sharey=True)
for ax, (titel, p_) in zip(axes, transformationen.items()):
    ax.scatter(p_[0], p_[1], s=12)
    ax.set_title(titel, fontsize=10)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
plt.show()

# %% [markdown] tags=["vertiefung"]
# Die Drehung dreht die 5 um 45° gegen den Uhrzeigersinn, die Scherung macht
# sie kursiv, die Streckung macht sie breiter und flacher. Jedes Mal rechnet nur
# eine (2, 2)-Matrix mal die (2, N)-Matrix der Punkte.
#
# Zwei Transformationen hintereinander sind wieder ein Matrixprodukt: Erst um
# 30° und dann um 60° drehen ist dasselbe wie um 90° drehen.

# %% tags=["vertiefung"]
print("R(60) @ R(30) =\n", np.round(drehmatrix(60) @ drehmatrix(30), 6))
print("gleich R(90):", np.allclose(drehmatrix(60) @ drehmatrix(30), drehmatrix(90)))
print("R(90) @ [1, 0] =", np.round(drehmatrix(90) @ np.array([1.0, 0.0]), 6), " ← die x-Achse wird zur y-Achse")

# %% [markdown] tags=["vertiefung"]
# So kannst du dir auch ein Netz vorstellen: Jede Dense-Schicht dreht, streckt
# und schert die Punktwolke der Daten (`x @ W`), verschiebt sie (`+ b`) und
# faltet sie (`relu`) – in einem Raum mit Hunderten Achsen statt zwei. Das
# Training sucht die Matrizen, nach denen sich die Klassen gut trennen lassen.

# %% [markdown]
# ## reshape und transpose
#
# Beide ändern die Form – aber auf ganz verschiedene Weise:
#
# - **`reshape`** liest die Einträge in ihrer Reihenfolge (Zeile für Zeile) und
#   bricht sie neu um. Die Anzahl der Einträge bleibt gleich; eine Länge darf
#   `-1` sein, dann rechnet NumPy sie aus.
# - **`transpose`** (`.T`) vertauscht Achsen: `a.T[j, i]` ist `a[i, j]`. Aus
#   Zeilen werden Spalten.

# %%
a = np.arange(12).reshape(3, 4)
show_grids({"a": a, "a.reshape(4, 3)": a.reshape(4, 3), "a.T": a.T, "a.reshape(2, -1)": a.reshape(2, -1)})
plt.show()

# %% [markdown]
# `a.reshape(4, 3)` und `a.T` haben **dieselbe Form** (4, 3), aber verschiedene
# Inhalte: Beim `reshape` liest du 0, 1, 2, … weiterhin Zeile für Zeile; bei
# `a.T` steht die erste Zeile von `a` (0, 1, 2, 3) jetzt als erste Spalte da.
#
# Am Bild wird der Unterschied deutlich:

# %%
ansichten = {
    "bild (28, 28)": bild,
    "bild.T": bild.T,
    "bild.reshape(14, 56)": bild.reshape(14, 56),
    "bild.reshape(784).reshape(28, 28)": bild.reshape(784).reshape(28, 28),
}
fig, axes = plt.subplots(1, 4, figsize=(14, 3.3), gridspec_kw={"width_ratios": [1, 1, 2, 1]})
for ax, (titel, b_) in zip(axes, ansichten.items()):
    ax.imshow(b_, cmap="gray")
    ax.set_title(titel, fontsize=10)
    ax.axis("off")
plt.show()

# %% [markdown]
# - `bild.T` spiegelt die 5 an der Diagonalen von links oben nach rechts unten.
# - `bild.reshape(14, 56)` legt je zwei Zeilen nebeneinander: links stehen die
#   geraden, rechts die ungeraden Zeilen – zwei gestauchte Fünfen.
# - Flach machen und zurückformen (`reshape(784)`, dann `reshape(28, 28)`)
#   gibt genau das Bild zurück. Deshalb darf ein Dense-Netz flache Bilder
#   bekommen: Die Reihenfolge der Pixel bleibt erhalten.
#
# ### Die typische Falle: Kanäle vorne oder hinten
#
# Ein Farbfoto im Format `channels_first` (Kanäle, Höhe, Breite) – etwa aus
# PyTorch – soll in das Keras-Format (Höhe, Breite, Kanäle). Mit `reshape` sieht
# das auf den ersten Blick richtig aus, denn die Form stimmt:

# %%
ordner = load("cats_vs_dogs_small") / "train" / "cats"
foto = np.asarray(keras.utils.load_img(ordner / "cat.1.jpg", target_size=(150, 150)))
kanaele_vorne = np.transpose(foto, (2, 0, 1))  # so käme es aus PyTorch: (3, 150, 150)

falsch = kanaele_vorne.reshape(150, 150, 3)
richtig = np.transpose(kanaele_vorne, (1, 2, 0))  # neue Achsen: alte 1, alte 2, alte 0
print(describe(kanaele_vorne, "kanaele_vorne"))
print(describe(falsch, "reshape(150, 150, 3)"))
print(describe(richtig, "transpose(1, 2, 0)"))

fig, axes = plt.subplots(1, 3, figsize=(11, 3.8))
for ax, (titel, b_) in zip(axes, {"Original": foto, "reshape – falsch": falsch, "transpose – richtig": richtig}.items()):
    ax.imshow(b_)
    ax.set_title(titel)
    ax.axis("off")
plt.show()
print("transpose gibt das Original zurück:", np.array_equal(richtig, foto))

# %% [markdown]
# Beide Ergebnisse haben die Form (150, 150, 3), aber `reshape` hat die Zahlen
# nur neu umgebrochen: Drei Pixel hintereinander aus dem Rotkanal werden zu den
# drei Farben *eines* Pixels. Es entsteht ein graues Mosaik aus neun kleinen
# Kopien: Die oberen drei stammen aus dem Rot-, die mittleren aus dem Grün-,
# die unteren aus dem Blaukanal. Nur `transpose` bewegt die Kanalachse wirklich.
#
# `np.transpose(x, achsen)` nimmt die neue Reihenfolge der alten Achsen;
# `ops.transpose(x, axes=...)` macht dasselbe mit Keras-Tensoren.

# %%
print(describe(ops.transpose(kanaele_vorne, axes=(1, 2, 0)), "ops.transpose(kanaele_vorne, axes=(1, 2, 0))"))

# %% [markdown]
# ## Aufgabe: Kanäle nach hinten
#
# Schreibe `kanaele_nach_hinten(x)`: Sie bekommt einen **Stapel** von Bildern
# im Format `channels_first` mit der Form (Bilder, Kanäle, Höhe, Breite) und gibt
# ihn im Keras-Format (Bilder, Höhe, Breite, Kanäle) zurück – mit denselben
# Pixeln an der richtigen Stelle.

# %%
def kanaele_nach_hinten(x):
    ### BEGIN SOLUTION kanaele_nach_hinten
    return np.transpose(x, (0, 2, 3, 1))
    ### END SOLUTION


aufgabe.kanaele_nach_hinten.check(kanaele_nach_hinten)

# %%
# aufgabe.kanaele_nach_hinten.hint()
# aufgabe.kanaele_nach_hinten.solution()

# %% [markdown]
# Geprüft wird auch mit Bildern, die nicht quadratisch sind: Vertauschst du
# dabei Höhe und Breite, stimmt die Form nicht mehr.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Schleifen gegen Vektorisierung – die Zeitmessung
#
# NumPy und `keras.ops` rechnen **vektorisiert**: Eine einzige Anweisung
# verarbeitet ganze Tensoren, die Schleifen laufen in kompiliertem Code. Wie viel
# das ausmacht, messen wir für ReLU, Addition und Matrixprodukt – jeweils in
# reinem Python (Listen und Schleifen), mit NumPy und mit `keras.ops`.
#
# Das Matrixprodukt in reinem Python nutzt die Skalarprodukt-Idee aus der
# Aufgabe, nur auf Listen:

# %% tags=["vertiefung"]
def python_matmul(a, b):
    spalten_b = list(zip(*b))  # die Spalten von b
    ergebnis = []
    for zeile in a:
        neue_zeile = []
        for spalte in spalten_b:
            summe = 0.0
            for x_, y_ in zip(zeile, spalte):
                summe += x_ * y_
            neue_zeile.append(summe)
        ergebnis.append(neue_zeile)
    return ergebnis


n_elementweise = dlkurs.pick(quick=200, full=1000)  # Matrizen n × n für ReLU und Addition
n_matmul = dlkurs.pick(quick=64, full=200)  # Matrizen n × n für das Matrixprodukt
messdauer = dlkurs.pick(quick=0.02, full=0.2)  # Sekunden pro Messung (mindestens)

rng = np.random.default_rng(0)
m1 = rng.standard_normal((n_elementweise, n_elementweise)).astype("float32")
m2 = rng.standard_normal((n_elementweise, n_elementweise)).astype("float32")
p1 = rng.standard_normal((n_matmul, n_matmul)).astype("float32")
p2 = rng.standard_normal((n_matmul, n_matmul)).astype("float32")

listen = {"m1": m1.tolist(), "m2": m2.tolist(), "p1": p1.tolist(), "p2": p2.tolist()}
tensoren = {name: ops.convert_to_tensor(wert) for name, wert in {"m1": m1, "m2": m2, "p1": p1, "p2": p2}.items()}

assert np.allclose(python_relu(listen["m1"]), np.maximum(m1, 0))
assert np.allclose(python_add(listen["m1"], listen["m2"]), m1 + m2)
assert np.allclose(python_matmul(listen["p1"], listen["p2"]), p1 @ p2, atol=1e-3)
print(f"ReLU und Addition: {n_elementweise} × {n_elementweise}, Matrixprodukt: {n_matmul} × {n_matmul}")
print("Alle drei Python-Versionen rechnen dasselbe wie NumPy.")

# %% tags=["vertiefung"]
messungen = {
    "ReLU": [
        time_call(python_relu, listen["m1"], repeat=3, min_seconds=messdauer),
        time_call(np.maximum, m1, 0, repeat=3, min_seconds=messdauer),
        time_call(ops.relu, tensoren["m1"], repeat=3, min_seconds=messdauer),
    ],
    "Addition": [
        time_call(python_add, listen["m1"], listen["m2"], repeat=3, min_seconds=messdauer),
        time_call(np.add, m1, m2, repeat=3, min_seconds=messdauer),
        time_call(ops.add, tensoren["m1"], tensoren["m2"], repeat=3, min_seconds=messdauer),
    ],
    "Matrixprodukt": [
        time_call(python_matmul, listen["p1"], listen["p2"], repeat=3, min_seconds=messdauer),
        time_call(np.matmul, p1, p2, repeat=3, min_seconds=messdauer),
        time_call(ops.matmul, tensoren["p1"], tensoren["p2"], repeat=3, min_seconds=messdauer),
    ],
}
zeiten = pd.DataFrame(messungen, index=["Python", "NumPy", "keras.ops"]).T
tabelle = pd.DataFrame({
    "Python (ms)": zeiten["Python"] * 1e3,
    "NumPy (ms)": zeiten["NumPy"] * 1e3,
    "keras.ops (ms)": zeiten["keras.ops"] * 1e3,
    "NumPy schneller (×)": zeiten["Python"] / zeiten["NumPy"],
    "keras.ops schneller (×)": zeiten["Python"] / zeiten["keras.ops"],
})
tabelle.round(3)

# %% tags=["vertiefung"]
ax = (zeiten * 1e3).plot.bar(logy=True, figsize=(8, 4), rot=0, color=["tab:red", "tab:blue", "tab:green"])
ax.set_ylabel("Zeit pro Aufruf (ms, logarithmisch)")
ax.set_title("Reines Python gegen NumPy und keras.ops")
ax.grid(axis="y", alpha=0.3)
plt.show()

faktor_dot = zeiten.loc["Matrixprodukt", "Python"] / zeiten.loc["Matrixprodukt", "NumPy"]
faktor_relu = zeiten.loc["ReLU", "Python"] / zeiten.loc["ReLU", "NumPy"]
print(f"NumPy ist beim Matrixprodukt {faktor_dot:,.0f}-mal und bei ReLU {faktor_relu:,.0f}-mal so schnell.".replace(",", " "))
dlkurs.report(speedup_numpy_dot=faktor_dot, speedup_numpy_relu=faktor_relu)

# %% [markdown] tags=["vertiefung"]
# Die y-Achse ist **logarithmisch**: Jeder Gitterstrich ist ein Faktor 10. Die
# roten Balken (Python) liegen bei allen drei Operationen um Größenordnungen
# über den anderen. Lies in der Tabelle ab, um welchen Faktor: Beim
# Matrixprodukt ist er meist am größten. Die genauen Zahlen hängen von deinem
# Rechner ab und davon, was er nebenher tut.
#
# Woher kommt der Unterschied? Python behandelt jede Zahl als eigenes Objekt
# und prüft bei jedem `+` neu, was zu tun ist. NumPy und die Backends von
# `keras.ops` rechnen in kompiliertem Code auf einem zusammenhängenden
# Speicherblock, mehrere Zahlen pro Prozessorbefehl (SIMD), und für das
# Matrixprodukt mit hochoptimierten Bibliotheken (BLAS) auf mehreren Kernen.
# `keras.ops` hat pro Aufruf einen kleinen festen Aufwand für das Backend; bei
# kleinen Tensoren ist NumPy deshalb oft schneller, bei großen – und auf
# einer GPU – holt es auf. Einzelne Messungen schwanken, wenn nebenher andere
# Programme rechnen; das betrifft vor allem die sehr kurzen Zeiten.
#
# Wie wächst der Unterschied mit der Größe? Ein $n \times n$-Matrixprodukt
# braucht $n^3$ Multiplikationen: Verdoppelst du $n$, braucht die
# Python-Schleife achtmal so lang.

# %% tags=["vertiefung"]
groessen = dlkurs.pick(quick=[8, 16, 32, 64], full=[16, 32, 64, 128, 256])
python_zeiten, numpy_zeiten = [], []
for n in groessen:
    g1 = rng.standard_normal((n, n)).astype("float32")
    g2 = rng.standard_normal((n, n)).astype("float32")
    python_zeiten.append(time_call(python_matmul, g1.tolist(), g2.tolist(), repeat=2, min_seconds=messdauer))
    numpy_zeiten.append(time_call(np.matmul, g1, g2, repeat=2, min_seconds=messdauer))

fig, ax = plt.subplots(figsize=(7, 4))
ax.loglog(groessen, np.array(python_zeiten) * 1e3, "o-", color="tab:red", label="Python-Schleifen")
ax.loglog(groessen, np.array(numpy_zeiten) * 1e3, "s-", color="tab:blue", label="NumPy")
ax.set_xticks(groessen, [str(n) for n in groessen])
ax.set_xticks([], minor=True)
ax.set_xlabel("n (Matrizen n × n)")
ax.set_ylabel("Zeit pro Matrixprodukt (ms)")
ax.set_title("Matrixprodukt: Zeit wächst mit der Größe")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()
for n, tp, tn in zip(groessen, python_zeiten, numpy_zeiten):
    print(f"n = {n:4d}: Python {tp * 1e3:10.2f} ms   NumPy {tn * 1e3:8.4f} ms   Faktor {tp / tn:10.0f}")

# %% [markdown] tags=["vertiefung"]
# Beide Achsen sind logarithmisch. Die rote Linie steigt gleichmäßig steil:
# pro Verdopplung von $n$ – bei größeren $n$ – etwa um den Faktor 8 ($n^3$).
# Die blaue Linie ist bei kleinen Matrizen fast flach: Dort kostet der Aufruf
# selbst mehr als das Rechnen. Bei großen Matrizen steigt auch sie – die
# $n^3$ Multiplikationen muss auch NumPy ausführen –, bleibt aber um
# Größenordnungen unter der roten.

# %% [markdown]
# ## Zusammenfassung
#
# - **Elementweise** Operationen (`+`, `*`, `np.maximum`, `ops.relu`, …) wirken
#   auf jeden Eintrag einzeln; die Form bleibt.
# - **Broadcasting**: Formen rechtsbündig vergleichen; Längen passen, wenn sie
#   gleich sind oder eine 1 ist; das Ergebnis nimmt die größere Länge. Fehlende
#   Achsen werden nur **vorne** ergänzt.
# - **Matrixprodukt** (`@`, `np.dot`, `ops.matmul`): (m, n) · (n, p) → (m, p);
#   die inneren Längen müssen gleich sein. Geometrisch bewegt eine Matrix Punkte:
#   drehen, scheren, strecken.
# - **reshape** bricht die Einträge in ihrer Reihenfolge neu um, **transpose**
#   vertauscht Achsen – gleiche Form heißt nicht gleicher Inhalt.
# - Vektorisierter Code ist um Größenordnungen schneller als Python-Schleifen.
#
# Damit kennst du alle Bausteine einer Dense-Schicht. In **1.5 Erstes
# neuronales Netz** trainierst du eine.

# %% [markdown]
# # 2.3 Regression vs. Klassifikation
#
# Ein Netz lernt, indem es eine **Verlustfunktion** klein macht. Welche
# Verlustfunktion passt, hängt von der Aufgabe ab:
#
# - **Regression**: Das Netz sagt eine Zahl vorher (einen Preis, eine
#   Temperatur). Der Verlust misst, wie weit die Zahl danebenliegt.
# - **Klassifikation**: Das Netz sagt Wahrscheinlichkeiten für Klassen vorher
#   (Spam ja/nein, Ziffer 0–9). Der Verlust misst, wie viel Wahrscheinlichkeit
#   es der richtigen Klasse gegeben hat.
#
# In dieser Lektion lernst du die wichtigsten Verlustfunktionen kennen – als
# Formel, als Diagramm, selbst in NumPy gerechnet und mit Keras verglichen.
# Danach wählst du zu einer Aufgabe die passende Ausgabeschicht und den
# passenden Verlust. Als Vertiefung (optional) vergleichst du MSE, MAE und
# Huber bei Ausreißern und trainierst je ein kleines Netz für eine echte
# Regressions- und eine echte Klassifikationsaufgabe.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history

aufgabe = aufgaben("2.3")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Teil 1: Verluste für die Regression
#
# Für $n$ Beispiele mit wahren Werten $y_i$ und Vorhersagen $\hat y_i$ sei
# $e_i = y_i - \hat y_i$ der Fehler.
#
# | Verlust | Formel | Keras |
# |---|---|---|
# | mittlerer quadratischer Fehler (MSE) | $\frac{1}{n}\sum_i e_i^2$ | `"mse"`, `keras.losses.MeanSquaredError()` |
# | mittlerer absoluter Fehler (MAE) | $\frac{1}{n}\sum_i \lvert e_i \rvert$ | `"mae"`, `keras.losses.MeanAbsoluteError()` |
# | Huber mit Schwelle $\delta$ | $\frac{1}{n}\sum_i \begin{cases} \frac12 e_i^2 & \lvert e_i\rvert \le \delta \\ \delta\,(\lvert e_i\rvert - \frac12\delta) & \text{sonst} \end{cases}$ | `"huber"`, `keras.losses.Huber(delta=1.0)` |
# | mittlerer quadratischer log. Fehler (MSLE) | $\frac{1}{n}\sum_i \big(\ln(1+\hat y_i) - \ln(1+y_i)\big)^2$ | `"msle"`, `keras.losses.MeanSquaredLogarithmicError()` |
#
# - **MSE** bestraft große Fehler überproportional: ein doppelt so großer
#   Fehler kostet das Vierfache. Standard für Regression.
# - **MAE** wächst nur linear und ist in derselben Einheit wie $y$ – gut zu lesen,
#   und große Ausreißer ziehen weniger.
# - **Huber** ist nahe null wie MSE (glatt, kleine Gradienten bei kleinen Fehlern)
#   und weit draußen wie MAE (linear, robust).
# - **MSLE** vergleicht Logarithmen, also *Verhältnisse*: Für große und kleine
#   Zielwerte zählt der relative Fehler. Sinnvoll für Größen $\ge 0$ (Keras
#   setzt negative Vorhersagen vorher auf fast 0).
#
# Das Diagramm zeigt die drei ersten als Funktion des Fehlers $e$ – links der
# Verlust, rechts seine Ableitung: Sie bestimmt, wie stark ein Beispiel am
# Gradienten zieht.

# %%
e = np.linspace(-3, 3, 301)
delta = 1.0
huber_kurve = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))

fig, (links, rechts) = plt.subplots(1, 2, figsize=(11, 3.8))
links.plot(e, e**2, label="MSE: $e^2$")
links.plot(e, np.abs(e), label="MAE: $|e|$")
links.plot(e, huber_kurve, label="Huber, $\\delta = 1$")
links.set_ylim(0, 5)
links.set_title("Verlust eines Beispiels")
rechts.plot(e, 2 * e, label="MSE: $2e$")
rechts.plot(e, np.sign(e), label="MAE: Vorzeichen von $e$")
rechts.plot(e, np.clip(e, -delta, delta), label="Huber: $e$, begrenzt auf $\\pm\\delta$")
rechts.set_title("Ableitung nach dem Fehler")
for ax in (links, rechts):
    ax.set_xlabel("Fehler $e = y - \\hat{y}$")
    ax.axhline(0, color="grey", lw=0.5)
    ax.grid(alpha=0.3)
    ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# Rechts siehst du den Kern: Beim MSE wächst der Zug eines Beispiels mit seinem
# Fehler – ein einzelner Ausreißer mit Fehler 30 zieht so stark wie 30 Beispiele
# mit Fehler 1. Bei MAE und Huber ist der Zug begrenzt.
#
# ## Aufgabe: den MSE selbst schreiben
#
# Schreibe `mse(y_true, y_pred)` in NumPy. Beide Argumente sind Arrays gleicher
# Form (auch 2-D); das Ergebnis ist **eine Zahl**: der Mittelwert über alle
# Elemente. Verändere die Eingaben nicht.

# %%
def mse(y_true, y_pred):
    ### BEGIN SOLUTION mse
    return np.mean((y_true - y_pred) ** 2)
    ### END SOLUTION


aufgabe.mse.check(mse)

# %%
# aufgabe.mse.hint()

# %% [markdown]
# Jetzt rechnen wir alle vier Verluste von Hand aus und vergleichen mit Keras.
# Die Beispielwerte enthalten kleine Fehler (±0,5), einen Treffer und einen
# großen Fehler (2,5), bei dem Huber schon im linearen Teil ist.

# %%
def mae(y_true, y_pred):
    return np.mean(np.abs(y_true - y_pred))


def huber(y_true, y_pred, delta=1.0):
    fehler = np.abs(y_true - y_pred)
    return np.mean(np.where(fehler <= delta, 0.5 * fehler**2, delta * (fehler - 0.5 * delta)))


def msle(y_true, y_pred):
    return np.mean((np.log1p(y_pred) - np.log1p(y_true)) ** 2)


y_wahr = np.array([3.0, 0.5, 2.0, 7.0], dtype="float32")
y_vorh = np.array([2.5, 1.0, 2.0, 9.5], dtype="float32")

vergleich = [
    ("MSE", mse, keras.losses.MeanSquaredError()),
    ("MAE", mae, keras.losses.MeanAbsoluteError()),
    ("Huber", huber, keras.losses.Huber(delta=1.0)),
    ("MSLE", msle, keras.losses.MeanSquaredLogarithmicError()),
]
abweichungen = []
print(f"{'Verlust':<8}{'von Hand':>12}{'Keras':>12}")
for name, von_hand, keras_verlust in vergleich:
    a, b = float(von_hand(y_wahr, y_vorh)), float(keras_verlust(y_wahr, y_vorh))
    abweichungen.append(abs(a - b) / max(abs(b), 1e-12))
    print(f"{name:<8}{a:>12.6f}{b:>12.6f}")

# %% [markdown]
# Gleiche Zahlen (bis auf Rundung in der letzten Stelle: Keras rechnet in
# `float32`). Huber: $\frac12 0{,}5^2 + \frac12 0{,}5^2 + 0 + 1\cdot(2{,}5 - 0{,}5) = 2{,}25$,
# geteilt durch 4 ergibt $0{,}5625$.
#
# **MSLE und relative Fehler.** Wer Hauspreise zwischen 50 000 € und 5 Mio. €
# schätzt, will oft, dass 10 % daneben überall gleich viel zählen. Der MSE
# dagegen wird von den teuren Häusern beherrscht:

# %%
print(f"{'wahr':>6}{'Vorhersage':>12}{'MSE':>12}{'MSLE':>9}")
for wahr, vorh in [(10.0, 20.0), (1000.0, 2000.0), (100.0, 50.0), (100.0, 150.0)]:
    t, p = np.array([wahr]), np.array([vorh])
    print(f"{wahr:>6.0f}{vorh:>12.0f}{mse(t, p):>12.0f}{msle(t, p):>9.3f}")

# %% [markdown]
# Jeweils „doppelt so viel“: Der MSE unterscheidet sich um den Faktor 10 000, der
# MSLE kaum. Und: Beim MSLE kostet Unterschätzen (100 → 50) mehr als ein gleich
# großes Überschätzen (100 → 150).
#
# ## Teil 2: Verluste für die Klassifikation
#
# Hier gibt das Netz Wahrscheinlichkeiten aus. Die **Kreuzentropie** misst, wie
# überrascht das Modell von der Wahrheit ist: $-\ln p$ der richtigen Klasse.
# Sagt es der richtigen Klasse 0,9 voraus, kostet das $0{,}105$; sagt es 0,01
# voraus, kostet es $4{,}6$.
#
# | Verlust | Formel | wofür |
# |---|---|---|
# | binäre Kreuzentropie | $-\frac1n\sum_i \big[y_i \ln p_i + (1-y_i)\ln(1-p_i)\big]$ | Ja/Nein, $y \in \{0, 1\}$, $p$ aus Sigmoid |
# | kategoriale Kreuzentropie | $-\frac1n\sum_i \sum_k y_{ik} \ln p_{ik}$ | $K$ Klassen, $y$ one-hot, $p$ aus Softmax |
# | sparse kategoriale Kreuzentropie | $-\frac1n\sum_i \ln p_{i, y_i}$ | dasselbe, $y$ als ganze Zahl |
# | KL-Divergenz | $\frac1n\sum_i\sum_k y_{ik} \ln\frac{y_{ik}}{p_{ik}}$ | Ziel ist selbst eine Verteilung |
# | Hinge | $\frac1n\sum_i \max(0,\, 1 - y_i f_i)$ | $y \in \{-1, +1\}$, $f$ ein roher Wert (wie bei der SVM) |
#
# Weil $\ln 0 = -\infty$ ist, begrenzt Keras die Wahrscheinlichkeiten vorher auf
# $[\varepsilon, 1-\varepsilon]$ mit $\varepsilon = 10^{-7}$
# (`keras.config.epsilon()`).
#
# Warum nicht einfach der MSE auf den Wahrscheinlichkeiten? Das Diagramm zeigt
# den Verlust eines Beispiels mit $y = 1$ bzw. $y = 0$ als Funktion der
# vorhergesagten Wahrscheinlichkeit $p$ für Klasse 1:

# %%
p = np.linspace(0.001, 0.999, 500)
plt.figure(figsize=(7, 4))
plt.plot(p, -np.log(p), label="Kreuzentropie, $y = 1$: $-\\ln p$")
plt.plot(p, -np.log(1 - p), label="Kreuzentropie, $y = 0$: $-\\ln(1-p)$")
plt.plot(p, (1 - p) ** 2, "--", label="MSE, $y = 1$: $(1-p)^2$")
plt.ylim(0, 5)
plt.xlabel("vorhergesagte Wahrscheinlichkeit $p$ für Klasse 1")
plt.ylabel("Verlust")
plt.title("Kreuzentropie bestraft sichere Fehler hart")
plt.grid(alpha=0.3)
plt.legend()
plt.show()

# %% [markdown]
# Ist das Modell sicher und falsch ($p \to 0$ bei $y = 1$), steigt die
# Kreuzentropie gegen unendlich, der MSE höchstens auf 1. Entsprechend kräftig
# ist der Gradient der Kreuzentropie genau dort, wo das Modell ihn braucht.
#
# ## Aufgabe: die binäre Kreuzentropie selbst schreiben
#
# Schreibe `binary_crossentropy(y_true, p)` in NumPy: Labels 0/1, Wahrscheinlichkeiten
# $p$, beliebige (gleiche) Form, Ergebnis der Mittelwert über alle Elemente.
# Begrenze $p$ vorher wie Keras auf $[10^{-7},\, 1 - 10^{-7}]$ – ohne das
# Eingabe-Array zu verändern. Die Prüfung testet auch $p = 0$ und $p = 1$.

# %%
def binary_crossentropy(y_true, p):
    ### BEGIN SOLUTION binary_crossentropy
    ###> p = ___  # begrenzen, ohne die Eingabe zu verändern
    ###> return ___
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
    ### END SOLUTION


aufgabe.binary_crossentropy.check(binary_crossentropy)

# %%
# aufgabe.binary_crossentropy.hint()

# %% [markdown]
# Der Vergleich mit Keras – auch im Extremfall „sicher und falsch“:

# %%
y_bin = np.array([1.0, 0.0, 1.0, 0.0], dtype="float32")
p_bin = np.array([0.9, 0.2, 0.6, 0.4], dtype="float32")
y_extrem = np.array([1.0], dtype="float32")
p_extrem = np.array([0.0], dtype="float32")
bce_keras = keras.losses.BinaryCrossentropy()
for name, y_, p_ in [("vier Beispiele", y_bin, p_bin), ("y = 1, p = 0", y_extrem, p_extrem)]:
    a, b = float(binary_crossentropy(y_, p_)), float(bce_keras(y_, p_))
    abweichungen.append(abs(a - b) / max(abs(b), 1e-12))
    print(f"{name:<16} von Hand {a:9.5f}   Keras {b:9.5f}")
print("-ln(1e-7) =", round(-np.log(1e-7), 5))

# %% [markdown]
# Im Extremfall landen beide bei $-\ln(10^{-7}) \approx 16{,}12$ statt bei
# unendlich – genau das leistet die Begrenzung.
#
# ### Mehrere Klassen: kategorial, sparse und KL-Divergenz
#
# Drei Beispiele, drei Klassen. Die richtigen Klassen sind 0, 2 und 1; das
# Modell gibt ihnen die Wahrscheinlichkeiten 0,7, 0,6 und 0,5. Die
# Kreuzentropie ist also $-\frac13(\ln 0{,}7 + \ln 0{,}6 + \ln 0{,}5)$.

# %%
labels = np.array([0, 2, 1])
wahrsch = np.array([[0.7, 0.2, 0.1],
                    [0.1, 0.3, 0.6],
                    [0.2, 0.5, 0.3]], dtype="float32")
one_hot_labels = np.eye(3, dtype="float32")[labels]

von_hand = -np.mean(np.log(wahrsch[np.arange(3), labels]))
cce = float(keras.losses.CategoricalCrossentropy()(one_hot_labels, wahrsch))
scce = float(keras.losses.SparseCategoricalCrossentropy()(labels, wahrsch))
print(f"von Hand                                 {von_hand:.6f}")
print(f"CategoricalCrossentropy (one-hot)        {cce:.6f}")
print(f"SparseCategoricalCrossentropy (Zahlen)   {scce:.6f}")
abweichungen += [abs(von_hand - cce) / cce, abs(von_hand - scce) / scce]

# %% [markdown]
# **Sparse oder nicht sparse** ist also keine Frage des Modells, sondern nur der
# Form der Labels: ganze Zahlen → `sparse_categorical_crossentropy`,
# One-hot-Vektoren → `categorical_crossentropy`. Der Wert ist derselbe.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: KL-Divergenz und Hinge
#
# **KL-Divergenz.** Manchmal ist das Ziel selbst eine Verteilung, etwa bei
# unsicheren Labels („70 % Katze, 30 % Hund“) oder wenn ein kleines Netz die
# Ausgaben eines großen nachahmen soll. Die KL-Divergenz misst (wie in der
# Tabelle geschrieben), wie weit die Vorhersage $p$ von der Zielverteilung $y$
# entfernt ist. Es gilt
# Kreuzentropie $=$ Entropie des Ziels $+$ KL-Divergenz. Bei One-hot-Zielen ist
# die Entropie 0 – dann sind KL-Divergenz und Kreuzentropie gleich (bis auf die
# Begrenzung mit $\varepsilon$, die Keras auch auf das Ziel anwendet).

# %% tags=["vertiefung"]
ziel = np.array([[0.8, 0.1, 0.1],
                 [0.1, 0.1, 0.8],
                 [0.1, 0.8, 0.1]], dtype="float32")

kl_hand = np.mean(np.sum(ziel * np.log(ziel / wahrsch), axis=1))
entropie = np.mean(-np.sum(ziel * np.log(ziel), axis=1))
kreuz = np.mean(-np.sum(ziel * np.log(wahrsch), axis=1))
kl_keras = float(keras.losses.KLDivergence()(ziel, wahrsch))
print(f"KL von Hand {kl_hand:.6f}   Keras {kl_keras:.6f}")
print(f"Entropie + KL = {entropie:.6f} + {kl_hand:.6f} = {entropie + kl_hand:.6f} = Kreuzentropie {kreuz:.6f}")
print(f"One-hot-Ziel: KL {float(keras.losses.KLDivergence()(one_hot_labels, wahrsch)):.5f}, Kreuzentropie {cce:.5f}")
abweichungen.append(abs(kl_hand - kl_keras) / kl_keras)

# %% [markdown] tags=["vertiefung"]
# **Hinge.** Der Hinge-Verlust stammt von der Support Vector Machine (SVM). Labels sind
# $-1$ und $+1$ (Keras wandelt 0/1 selbst um), die Ausgabe $f$ ist ein roher
# Wert ohne Sigmoid. Das Produkt $m = y \cdot f$ heißt **Marge**: positiv heißt
# richtig, und ab $m \ge 1$ ist das Beispiel „sicher genug“ und kostet nichts.

# %% tags=["vertiefung"]
y_pm = np.array([1.0, -1.0, 1.0, -1.0], dtype="float32")
f_roh = np.array([2.0, -0.5, 0.3, 0.8], dtype="float32")
hinge_hand = np.mean(np.maximum(0.0, 1.0 - y_pm * f_roh))
hinge_keras = float(keras.losses.Hinge()(y_pm, f_roh))
print("Margen:", y_pm * f_roh, "→ Verluste:", np.maximum(0.0, 1.0 - y_pm * f_roh))
print(f"Hinge von Hand {hinge_hand:.6f}   Keras {hinge_keras:.6f}")
abweichungen.append(abs(hinge_hand - hinge_keras) / hinge_keras)

# %% [markdown] tags=["vertiefung"]
# Als Funktion der Marge lassen sich die Klassifikationsverluste gut
# vergleichen. Die binäre Kreuzentropie mit Sigmoid-Ausgabe ist, in der Marge
# geschrieben, $\ln(1 + e^{-m})$ (die *logistische* Verlustfunktion). Der
# eigentlich gemeinte 0-1-Verlust (falsch = 1, richtig = 0) hat fast überall
# die Ableitung 0 – mit ihm kann Gradientenabstieg nichts anfangen.

# %% tags=["vertiefung"]
m = np.linspace(-3, 3, 601)
plt.figure(figsize=(7, 4))
plt.plot(m, (m <= 0).astype(float), label="0-1-Verlust (falsch klassifiziert)")
plt.plot(m, np.maximum(0, 1 - m), label="Hinge: $\\max(0, 1 - m)$")
plt.plot(m, np.log1p(np.exp(-m)), label="Kreuzentropie: $\\ln(1 + e^{-m})$")
plt.xlabel("Marge $m = y \\cdot f$ (positiv = richtig)")
plt.ylabel("Verlust")
plt.title("Klassifikationsverluste als Funktion der Marge")
plt.grid(alpha=0.3)
plt.legend()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Hinge wird bei $m = 1$ exakt 0: Sicher richtige Beispiele tragen nichts mehr
# bei. Die Kreuzentropie wird nie ganz 0 und drängt das Modell immer weiter zu
# größeren Margen – dafür liefert sie echte Wahrscheinlichkeiten.

# %% [markdown]
# ## Denkfrage: Warum nicht gleich die Genauigkeit?
#
# Am Ende interessiert uns meist die Genauigkeit. Warum trainiert man trotzdem
# mit der Kreuzentropie und nicht direkt mit „1 − Genauigkeit“ als Verlust?

# %% [markdown]
# <!-- BEGIN SOLUTION genauigkeit_als_verlust -->
# Die Genauigkeit ändert sich nur, wenn eine Vorhersage über die Schwelle kippt.
# Eine kleine Änderung eines Gewichts ändert daran fast immer nichts: Die
# Genauigkeit ist stückweise konstant, ihr Gradient ist fast überall 0 (und an
# den Sprungstellen nicht definiert). Gradientenabstieg bekäme also keine
# Richtung. Die Kreuzentropie dagegen ändert sich glatt mit jeder
# Wahrscheinlichkeit und sagt, in welche Richtung jedes Gewicht sich bewegen
# soll. Darum: **Verlust** zum Trainieren (differenzierbar), **Metrik** zum
# Beurteilen (verständlich).
# <!-- END SOLUTION -->

# %%
aufgabe.genauigkeit_als_verlust.check()

# %%
max_abweichung = max(abweichungen)
print(f"Größte relative Abweichung von Hand vs. Keras: {max_abweichung:.2e}")
dlkurs.report(max_loss_difference=max_abweichung)

# %% [markdown]
# Alle von Hand gerechneten Verluste stimmen mit Keras bis auf die Rundung von
# `float32` (etwa $10^{-7}$) überein.
#
# ## Aufgabe: One-hot-Kodierung
#
# Schreibe `one_hot(labels, anzahl_klassen)`: Aus ganzen Zahlen wird eine Matrix
# der Form `(len(labels), anzahl_klassen)` mit einer 1 in der Spalte des Labels
# und sonst 0. Beispiel: `one_hot(np.array([0, 2]), 3)` ergibt
# `[[1, 0, 0], [0, 0, 1]]`. Achtung: Es kann Klassen geben, die in `labels`
# gar nicht vorkommen.

# %%
def one_hot(labels, anzahl_klassen):
    ### BEGIN SOLUTION one_hot
    return np.eye(anzahl_klassen, dtype="float32")[labels]
    ### END SOLUTION


aufgabe.one_hot.check(one_hot)

# %%
# aufgabe.one_hot.hint()

# %% [markdown]
# Keras hat dafür `keras.utils.to_categorical(labels, num_classes)`. Gib
# `num_classes` immer an – sonst nimmt Keras das größte vorkommende Label + 1:

# %%
print(keras.utils.to_categorical(np.array([1, 0]), num_classes=4))
print(keras.utils.to_categorical(np.array([1, 0])), "← ohne num_classes nur 2 Spalten")
print("gleich wie one_hot:", np.array_equal(one_hot(np.array([0, 2, 1]), 3),
                                            keras.utils.to_categorical(np.array([0, 2, 1]), num_classes=3)))

# %% [markdown]
# ## Teil 3: Ausgabeschicht und Verlust passend zur Aufgabe
#
# Die letzte Schicht und der Verlust gehören zusammen:
#
# | Aufgabe | Beispiel | Ausgabeschicht | Verlust |
# |---|---|---|---|
# | Regression | Hauspreis | `Dense(1)` ohne Aktivierung (linear) | `mse` (oder `mae`, `huber`, `msle`) |
# | binäre Klassifikation | Spam ja/nein | `Dense(1, activation="sigmoid")` | `binary_crossentropy` |
# | mehrere Klassen, genau eine richtig, Labels als Zahlen | Ziffer 0–9 | `Dense(10, activation="softmax")` | `sparse_categorical_crossentropy` |
# | dasselbe, Labels one-hot | Ziffer 0–9 | `Dense(10, activation="softmax")` | `categorical_crossentropy` |
# | Multi-Label: mehrere Klassen zugleich | Schlagworte eines Artikels | `Dense(K, activation="sigmoid")` | `binary_crossentropy` |
#
# Softmax macht aus $K$ Werten Wahrscheinlichkeiten, die sich zu 1 addieren –
# die Klassen konkurrieren. Sigmoid behandelt jedes Ausgabeneuron für sich.
#
# ## Aufgabe: die passende Wahl
#
# Gib für jede Aufgabe das Paar `(aktivierung, verlust)` als Text an, mit den
# Namen aus der Tabelle (`"linear"`, `"sigmoid"`, `"softmax"`; `"mse"`,
# `"binary_crossentropy"`, …).

# %%
aufgaben_liste = {
    "hauspreis": "den Verkaufspreis eines Hauses in Euro schätzen",
    "spam": "ist eine E-Mail Spam? (ein Ausgabeneuron, Labels 0/1)",
    "ziffer": "welche Ziffer 0–9 zeigt ein Bild? (Labels als ganze Zahlen 0–9)",
    "ziffer_onehot": "dieselbe Aufgabe, die Labels sind aber One-hot-Vektoren der Länge 10",
    "genres": "welche Genres hat ein Film? (mehrere zugleich möglich, z. B. Komödie und Krimi)",
}
for schluessel, text in aufgaben_liste.items():
    print(f"{schluessel:<14} {text}")

# %%
ausgabe = {
    ### BEGIN SOLUTION ausgabe_und_verlust
    ###> "hauspreis": (___, ___),
    ###> "spam": (___, ___),
    ###> "ziffer": (___, ___),
    ###> "ziffer_onehot": (___, ___),
    ###> "genres": (___, ___),
    "hauspreis": ("linear", "mse"),
    "spam": ("sigmoid", "binary_crossentropy"),
    "ziffer": ("softmax", "sparse_categorical_crossentropy"),
    "ziffer_onehot": ("softmax", "categorical_crossentropy"),
    "genres": ("sigmoid", "binary_crossentropy"),
    ### END SOLUTION
}
aufgabe.ausgabe_und_verlust.check(ausgabe)

# %%
# aufgabe.ausgabe_und_verlust.hint()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Ausreißer – MSE, MAE und Huber im Vergleich
#
# Wir erzeugen 40 Punkte auf der Geraden $y = 2x + 1$ mit etwas Rauschen. Drei
# Messwerte am rechten Rand sind „kaputt“ (etwa durch einen Tippfehler) und
# liegen weit unter der Geraden.
#
# Dann suchen wir für jeden Verlust die Gerade $\hat y = a x + b$, die ihn
# minimiert. Für zwei Parameter brauchen wir kein Netz:
# `scipy.optimize.minimize` probiert Steigung und Achsenabschnitt systematisch
# durch. Ein Keras-Modell `Dense(1)` mit `loss="huber"` sucht dasselbe Minimum,
# nur per Gradientenabstieg.

# %% tags=["vertiefung"]
rng = np.random.default_rng(42)
x = np.sort(rng.uniform(0, 10, 40))
y = 2 * x + 1 + rng.normal(0, 1, 40)
ausreisser = [35, 37, 39]
y[ausreisser] = [-5.0, -8.0, -3.0]

verluste = {"MSE": mse, "MAE": mae, "Huber": huber}
geraden = {}
for name, verlust in verluste.items():
    ergebnis = minimize(lambda w: verlust(y, w[0] * x + w[1]), x0=[0.0, 0.0], method="Nelder-Mead",
                        options={"xatol": 1e-6, "fatol": 1e-9, "maxiter": 5000})
    geraden[name] = ergebnis.x
    print(f"{name:<6} Steigung {ergebnis.x[0]:6.3f}   Achsenabschnitt {ergebnis.x[1]:6.3f}")
print(f"wahr   Steigung  2.000   Achsenabschnitt  1.000")

# %% tags=["vertiefung"]
plt.figure(figsize=(8, 4.5))
normal = np.setdiff1d(np.arange(len(x)), ausreisser)
plt.scatter(x[normal], y[normal], s=18, color="grey", label="Messwerte")
plt.scatter(x[ausreisser], y[ausreisser], s=40, color="red", marker="x", label="Ausreißer")
gitter = np.linspace(0, 10, 2)
plt.plot(gitter, 2 * gitter + 1, "k:", label="wahre Gerade $2x + 1$")
for (name, (a, b)), stil in zip(geraden.items(), ["-", "-", "--"]):
    plt.plot(gitter, a * gitter + b, stil, label=f"{name}: Steigung {a:.2f}")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Drei Ausreißer: Welche Gerade lässt sich verbiegen?")
plt.legend()
plt.grid(alpha=0.3)
plt.show()

fehler_steigung = {name: abs(a - 2.0) for name, (a, b) in geraden.items()}
dlkurs.report(mse_outlier_slope_error=fehler_steigung["MSE"], mae_outlier_slope_error=fehler_steigung["MAE"],
              huber_outlier_slope_error=fehler_steigung["Huber"])

# %% [markdown] tags=["vertiefung"]
# **Was du siehst:** Die MSE-Gerade kippt deutlich zu den drei Ausreißern hin –
# ihre Steigung liegt etwa bei der Hälfte der wahren Steigung –, weil deren
# große Fehler quadratisch zählen. MAE und Huber bleiben nahe an der wahren
# Geraden: Für sie zieht jeder Ausreißer nur mit begrenzter Kraft.
#
# Daraus folgt nicht „MSE ist schlecht“: Sind die Daten sauber und das
# Rauschen normalverteilt, ist der MSE genau richtig. Bei Ausreißern, die du
# nicht entfernen kannst, sind MAE oder Huber die robustere Wahl.
#
# ## Vertiefung: Zwei echte Beispiele
#
# ### Regression: Diabetes-Verlauf
#
# Der Datensatz `diabetes` (aus scikit-learn) enthält für 442 Patientinnen und
# Patienten zehn Messwerte (Alter, Geschlecht, BMI, Blutdruck, sechs Blutwerte) und als
# Ziel eine Zahl für das Fortschreiten der Krankheit ein Jahr später (25 bis
# 346). Eine Regressionsaufgabe: **lineare Ausgabe, MSE als Verlust**, MAE als
# verständliche Metrik.
#
# Wie immer normalisieren wir die Eingaben mit Mittelwert und
# Standardabweichung **nur der Trainingsdaten**.

# %% tags=["vertiefung"]
diabetes = load("diabetes")
X = diabetes.drop(columns="target").to_numpy("float32")
y_d = diabetes["target"].to_numpy("float32")
X_train, X_test, y_train, y_test = train_test_split(X, y_d, test_size=0.2, random_state=42)
mittel, streuung = X_train.mean(axis=0), X_train.std(axis=0)
X_train, X_test = (X_train - mittel) / streuung, (X_test - mittel) / streuung
print("Training:", X_train.shape, "Test:", X_test.shape)

regression = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1),
])
regression.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse", metrics=["mae"])
verlauf_reg = regression.fit(X_train, y_train, epochs=dlkurs.pick(quick=30, full=100), batch_size=32,
                             validation_split=0.2, verbose=0)
plot_history(verlauf_reg, title="Diabetes: Regression mit MSE")
plt.show()

# %% tags=["vertiefung"]
diabetes_mae = float(regression.evaluate(X_test, y_test, verbose=0)[1])
raten_mae = float(np.mean(np.abs(y_test - y_train.mean())))
linear_mae = float(np.mean(np.abs(LinearRegression().fit(X_train, y_train).predict(X_test) - y_test)))
print(f"Test-MAE des Netzes:                                   {diabetes_mae:.1f}")
print(f"Test-MAE einer linearen Regression (scikit-learn):     {linear_mae:.1f}")
print(f"Test-MAE, wenn man immer den Trainingsmittelwert rät:  {raten_mae:.1f}")
dlkurs.report(diabetes_test_mae=diabetes_mae)

vorhersage_reg = regression.predict(X_test, verbose=0).ravel()
plt.figure(figsize=(5, 5))
plt.scatter(y_test, vorhersage_reg, s=15)
plt.plot([25, 346], [25, 346], "k:", label="perfekte Vorhersage")
plt.xlabel("wahrer Wert")
plt.ylabel("Vorhersage")
plt.title("Diabetes: Vorhersage gegen Wahrheit (Test)")
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% [markdown] tags=["vertiefung"]
# Das Netz ist deutlich besser als Raten, aber weit weg von perfekt: Zehn
# Messwerte erklären den Krankheitsverlauf nur zum Teil. Eine einfache lineare
# Regression liegt in derselben Größenordnung – bei so wenigen Daten und
# Merkmalen hat ein Netz kaum Vorsprung. (Im Verlaufsdiagramm steht der MSE in
# quadrierten Einheiten, daher die großen Zahlen; die MAE daneben ist in den
# Einheiten des Ziels.)
#
# ### Klassifikation: Brustkrebs-Diagnose
#
# Der Datensatz `breast_cancer` enthält 30 Merkmale von Zellkernen aus 569
# Gewebeproben; das Label ist 0 (bösartig) oder 1 (gutartig). Eine binäre
# Klassifikation: **ein Sigmoid-Neuron, binäre Kreuzentropie**. Wir teilen
# *stratifiziert*, damit Training und Test dieselben Klassenanteile haben.

# %% tags=["vertiefung"]
krebs = load("breast_cancer")
X = krebs.drop(columns="target").to_numpy("float32")
y_k = krebs["target"].to_numpy("float32")
X_train, X_test, y_train, y_test = train_test_split(X, y_k, test_size=0.2, random_state=42, stratify=y_k)
mittel, streuung = X_train.mean(axis=0), X_train.std(axis=0)
X_train, X_test = (X_train - mittel) / streuung, (X_test - mittel) / streuung

klassifikation = keras.Sequential([
    keras.Input((30,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
klassifikation.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
verlauf_kl = klassifikation.fit(X_train, y_train, epochs=dlkurs.pick(quick=10, full=30), batch_size=32,
                                validation_split=0.2, verbose=0)
plot_history(verlauf_kl, title="Brustkrebs: Klassifikation mit binärer Kreuzentropie")
plt.show()

# %% tags=["vertiefung"]
krebs_genauigkeit = float(klassifikation.evaluate(X_test, y_test, verbose=0)[1])
mehrheit = max(y_test.mean(), 1 - y_test.mean())
print(f"Testgenauigkeit: {krebs_genauigkeit:.3f}  (immer die häufigere Klasse raten: {mehrheit:.3f})")
dlkurs.report(breast_cancer_test_accuracy=krebs_genauigkeit)

p_test = klassifikation.predict(X_test, verbose=0).ravel()
plt.figure(figsize=(7, 3.5))
plt.hist(p_test[y_test == 0], bins=20, range=(0, 1), alpha=0.7, label="wirklich bösartig (0)")
plt.hist(p_test[y_test == 1], bins=20, range=(0, 1), alpha=0.7, label="wirklich gutartig (1)")
plt.axvline(0.5, color="k", ls=":", label="Schwelle 0,5")
plt.xlabel("vorhergesagte Wahrscheinlichkeit für „gutartig“")
plt.ylabel("Anzahl Proben")
plt.title("Brustkrebs: Ausgaben des Sigmoid-Neurons (Test)")
plt.legend()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Das Sigmoid-Neuron liefert eine Wahrscheinlichkeit; erst die Schwelle 0,5
# macht daraus eine Klasse. Die meisten Proben liegen nahe 0 oder 1, nur
# wenige im unsicheren Bereich dazwischen – dort sitzen die Fehler. In der
# Medizin würde man die Schwelle bewusst verschieben: Eine übersehene bösartige
# Probe wiegt schwerer als ein Fehlalarm.

# %% [markdown]
# ## Zusammenfassung
#
# - Regression: lineare Ausgabe; **MSE** (Standard), **MAE** (robust, gut
#   lesbar), **Huber** (beides), **MSLE** (relative Fehler).
# - Klassifikation: **Kreuzentropie** – binär mit Sigmoid, kategorial mit
#   Softmax; `sparse_` für ganzzahlige Labels, ohne für One-hot. Der Wert ist
#   derselbe.
# - Multi-Label: Sigmoid pro Klasse und binäre Kreuzentropie, **nie** Softmax.
# - KL-Divergenz für Ziele, die selbst Verteilungen sind; Hinge für Margen wie bei der SVM.
# - Wahrscheinlichkeiten werden auf $[10^{-7}, 1 - 10^{-7}]$ begrenzt, damit
#   $\ln 0$ nicht vorkommt.
# - Ausreißer ziehen die MSE-Lösung stark zu sich; MAE und Huber bleiben robust.
#
# Weiter geht es mit **2.4 IMDB**: binäre Klassifikation von Filmkritiken.

# %% [markdown]
# # 2.2 Eigene Trainingsschleife
#
# Bisher hat `modell.fit(...)` das Training für dich erledigt. In dieser Lektion
# schreibst du die Schleife, die in `fit` steckt, selbst aus – Zeile für Zeile:
#
# 1. **Vorwärtsdurchlauf**: Das Modell macht Vorhersagen für einen Batch.
# 2. **Verlust**: Eine Verlustfunktion misst, wie falsch die Vorhersagen sind.
# 3. **Gradienten**: Wie ändert sich der Verlust, wenn sich jedes Gewicht ein wenig ändert?
# 4. **Update**: Der Optimierer verschiebt die Gewichte ein Stück bergab.
# 5. **Metriken**: Nebenher zählen wir mit, wie gut das Modell ist.
#
# Am Ende trainierst du dasselbe Modell – gleiche Startgewichte, gleiche Daten –
# einmal mit deiner Schleife und einmal mit `fit` und vergleichst beide.
#
# **Warum nur TensorFlow?** Die Gradienten berechnen wir mit `tf.GradientTape`.
# Das gibt es nur im TensorFlow-Backend; JAX berechnet Gradienten grundsätzlich
# anders (als reine Funktionen, ohne veränderliche Gewichte). Deshalb ist diese
# Lektion für TensorFlow geschrieben. Wie dieselbe Schleife in JAX aussieht,
# zeigt die Vertiefung am Ende.

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben

aufgabe = aufgaben("2.2")
keras.utils.set_random_seed(42)
print("Backend:", keras.backend.backend())

# %% [markdown]
# ## Die Daten: MNIST
#
# Wir nehmen die handgeschriebenen Ziffern aus Lektion 1.5: jedes Bild 28×28
# Graustufen, flachgeklopft zu einem Vektor mit 784 Werten zwischen 0 und 1.
# Im Schnelldurchlauf (Profil `quick`) nutzen wir nur einen Teil der Bilder.

# %%
(x_train, y_train), (x_test, y_test) = load("mnist")
x_train = x_train.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255

n_train = dlkurs.pick(quick=6000, full=60000)
n_test = dlkurs.pick(quick=2000, full=10000)
x_train, y_train = x_train[:n_train], y_train[:n_train]
x_test, y_test = x_test[:n_test], y_test[:n_test]
print("Training:", x_train.shape, y_train.shape, "– Test:", x_test.shape, y_test.shape)

# %% [markdown]
# ## Das Modell
#
# Ein kleines Dense-Netz mit einer Dropout-Schicht. Wir bauen es in einer
# Funktion, damit wir später ein zweites, gleich gebautes Modell für `fit`
# bekommen. Die **Startgewichte** merken wir uns: Beide Modelle sollen von
# exakt denselben Zahlen aus starten.

# %%
def baue_modell():
    return keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])


modell = baue_modell()
startgewichte = modell.get_weights()
modell.summary()

# %% [markdown]
# ### Was wird trainiert? `modell.trainable_weights`
#
# Trainieren heißt: diese Variablen verändern. `modell.trainable_weights` ist
# die Liste aller Gewichte, die der Optimierer anpassen darf – hier Kern
# (*kernel*) und Bias der beiden Dense-Schichten. Die Dropout-Schicht hat keine
# Gewichte.

# %%
for gewicht in modell.trainable_weights:
    print(f"{gewicht.path:<28} Form {str(tuple(gewicht.shape)):<12} {np.prod(gewicht.shape):>7} Zahlen")
print("Summe:", sum(int(np.prod(g.shape)) for g in modell.trainable_weights), "= modell.count_params():",
      modell.count_params())

# %% [markdown]
# ## Die Zutaten: Verlustfunktion und Optimierer
#
# `fit` bekommt beide über `compile`. In der eigenen Schleife sind es einfach
# zwei Objekte:
#
# - `SparseCategoricalCrossentropy` vergleicht die 10 Wahrscheinlichkeiten des
#   Modells mit dem Label als ganzer Zahl (0–9) und mittelt über den Batch.
# - `Adam` merkt sich pro Gewicht gleitende Mittel der Gradienten und
#   bestimmt daraus die Schrittweite.

# %%
verlustfunktion = keras.losses.SparseCategoricalCrossentropy()
optimierer = keras.optimizers.Adam(learning_rate=1e-3)

# %% [markdown]
# ## Ein Schritt, in Einzelteilen
#
# Wir nehmen die ersten 128 Bilder als einen **Batch**.
#
# **Vorwärtsdurchlauf und Verlust.** `modell(x, training=True)` rechnet die
# Vorhersagen aus. `training=True` sagt Schichten wie Dropout, dass gerade
# trainiert wird: Dropout schaltet dann zufällig 20 % der Neuronen ab. Bei
# `training=False` (Vorhersage, Auswertung) ist Dropout aus. `fit` setzt das
# automatisch; in der eigenen Schleife ist es deine Aufgabe.

# %%
x_batch, y_batch = x_train[:128], y_train[:128]
vorhersage = modell(x_batch, training=True)
verlust = verlustfunktion(y_batch, vorhersage)
print("Form der Vorhersage:", tuple(vorhersage.shape))
print(f"Verlust auf dem Batch: {float(verlust):.4f}  (reines Raten mit p = 1/10 für jede Klasse: "
      f"-ln(1/10) = {np.log(10):.4f})")

# %%
bild = x_batch[:1]
print("training=True, zweimal: ", np.round(modell(bild, training=True)[0, :4].numpy(), 4), "…")
print("                        ", np.round(modell(bild, training=True)[0, :4].numpy(), 4), "…")
print("training=False, zweimal:", np.round(modell(bild, training=False)[0, :4].numpy(), 4), "…")
print("                        ", np.round(modell(bild, training=False)[0, :4].numpy(), 4), "…")

# %% [markdown]
# Mit `training=True` ändert sich die Vorhersage für dasselbe Bild von Aufruf zu
# Aufruf (Dropout würfelt neu), mit `training=False` bleibt sie gleich.
#
# **Gradienten mit dem Band.** `tf.GradientTape` ist ein „Tonbandgerät“: Alles,
# was *innerhalb* des `with`-Blocks gerechnet wird, zeichnet es auf. Danach
# kann `tape.gradient(verlust, variablen)` rückwärts durch die Aufzeichnung
# gehen (Backpropagation) und liefert für jede Variable einen Gradienten
# derselben Form.

# %%
with tf.GradientTape() as tape:
    verlust = verlustfunktion(y_batch, modell(x_batch, training=True))
gradienten = tape.gradient(verlust, modell.trainable_weights)
for gewicht, gradient in zip(modell.trainable_weights, gradienten):
    print(f"{gewicht.path:<28} Gradient der Form {tuple(gradient.shape)}")

# %% [markdown]
# **Das Update.** `optimierer.apply(gradienten, variablen)` verschiebt jede
# Variable gegen ihren Gradienten. Gleichbedeutend ist die ältere Schreibweise
# `optimierer.apply_gradients(zip(gradienten, variablen))`. Danach sollte der
# Verlust auf *diesem* Batch kleiner sein. (Wir messen ihn mit
# `training=False`, damit der Zufall des Dropouts den Vergleich nicht stört.)

# %%
vorher = float(verlustfunktion(y_batch, modell(x_batch, training=False)))
optimierer.apply(gradienten, modell.trainable_weights)
nachher = float(verlustfunktion(y_batch, modell(x_batch, training=False)))
print(f"Verlust auf dem Batch vor dem Update: {vorher:.4f}, danach: {nachher:.4f}")

# %% [markdown]
# ## Aufgabe: `trainingsschritt`
#
# Setze die Einzelteile zu einer Funktion zusammen:
# `trainingsschritt(modell, optimierer, verlustfunktion, x, y)` macht **einen**
# Trainingsschritt auf dem Batch `x, y` und gibt den **Verlust** dieses Batches
# zurück (den Verlust, der im Band berechnet wurde – also vor dem Update).
#
# Achte auf `training=True` und darauf, dass Vorwärtsdurchlauf *und* Verlust im
# `with`-Block stehen. Die Prüfung ruft deine Funktion mit eigenen kleinen
# Modellen auf – auch mit einem, das Dropout enthält.

# %%
def trainingsschritt(modell, optimierer, verlustfunktion, x, y):
    ### BEGIN SOLUTION trainingsschritt
    ###> with tf.GradientTape() as tape:
    ###>     vorhersage = ___  # Vorwärtsdurchlauf
    ###>     verlust = ___
    ###> gradienten = ___
    ###> ___  # Update mit dem Optimierer
    with tf.GradientTape() as tape:
        vorhersage = modell(x, training=True)
        verlust = verlustfunktion(y, vorhersage)
    gradienten = tape.gradient(verlust, modell.trainable_weights)
    optimierer.apply(gradienten, modell.trainable_weights)
    ### END SOLUTION
    return verlust


aufgabe.trainingsschritt.check(trainingsschritt)

# %%
# aufgabe.trainingsschritt.hint()
# aufgabe.trainingsschritt.solution()

# %% [markdown]
# Die Prüfung hat deine Funktion zehnmal auf demselben kleinen Batch laufen
# lassen: Der Verlust muss sinken, die Gewichte müssen sich genau so ändern wie
# bei einem Schritt des Optimierers.
#
# ## Batches, Epochen, Mischen
#
# - Ein **Batch** ist ein Stapel von Beispielen (hier 128), für den einmal der
#   Gradient berechnet und einmal ein Update gemacht wird. Der Gradient eines
#   Batches ist eine verrauschte, aber billige Schätzung des Gradienten über
#   alle Daten.
# - Eine **Epoche** ist ein vollständiger Durchlauf durch die Trainingsdaten:
#   jedes Beispiel kommt genau einmal dran. Geht die Anzahl nicht auf, ist der
#   letzte Batch kleiner.
# - **Mischen** (*shuffling*): Vor jeder Epoche bringen wir die Beispiele in eine
#   neue zufällige Reihenfolge. Sonst sieht das Modell immer dieselben Batches
#   in derselben Reihenfolge – und wenn die Daten sortiert sind (etwa erst alle
#   Nullen, dann alle Einsen), lernt es immer nur die Klasse des aktuellen
#   Abschnitts. `fit` mischt standardmäßig (`shuffle=True`).
#
# ## Aufgabe: Schritte pro Epoche
#
# Wie viele Trainingsschritte (Updates) macht eine Epoche über die vollen
# 60 000 MNIST-Trainingsbilder mit `batch_size=128`? Speichere die Zahl in
# `schritte`.

# %%
### BEGIN SOLUTION schritte_pro_epoche
schritte = int(np.ceil(60_000 / 128))
### END SOLUTION
aufgabe.schritte_pro_epoche.check(schritte)

# %%
# aufgabe.schritte_pro_epoche.hint()

# %% [markdown]
# `fit` zeigt diese Zahl im Protokoll jeder Epoche an: hinter dem Schrägstrich
# stehen die Schritte der Epoche (`Schritt/Schritte`).
#
# ## Metrik-Objekte: zählen über viele Batches
#
# Eine Metrik wie die Genauigkeit soll über *alle* Beispiele einer Epoche gelten,
# wir sehen aber immer nur einen Batch. Keras' Metrik-Objekte haben deshalb
# einen Zustand und drei Methoden:
#
# | Methode | Wirkung |
# |---|---|
# | `update_state(y, vorhersage)` | zählt einen weiteren Batch dazu |
# | `result()` | das Ergebnis über alles bisher Gezählte |
# | `reset_state()` | vergisst alles – Neustart bei 0 |
#
# Ein Beispiel mit drei Klassen, das du im Kopf nachrechnen kannst:

# %%
metrik = keras.metrics.SparseCategoricalAccuracy()
wahrscheinlichkeiten = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]])
metrik.update_state([0, 1, 2], wahrscheinlichkeiten)     # alle drei richtig
print("nach Batch 1:", float(metrik.result()))
metrik.update_state([1], np.array([[0.6, 0.3, 0.1]]))     # falsch: Klasse 0 statt 1
print("nach Batch 2:", float(metrik.result()), "= 3 richtige von 4")
metrik.reset_state()
print("nach reset_state():", float(metrik.result()))

# %% [markdown]
# Dasselbe gibt es für den Verlust: `keras.metrics.Mean()` bildet den
# laufenden Mittelwert aller Werte, die man ihm mit `update_state(wert)` gibt.
# Genau so entsteht die Zahl `loss: …`, die `fit` pro Epoche anzeigt.

# %%
mittel = keras.metrics.Mean()
for wert in [2.0, 1.0, 0.6]:
    mittel.update_state(wert)
print(f"laufender Mittelwert: {float(mittel.result()):.4f} = (2 + 1 + 0,6) / 3")

# %% [markdown]
# ## Aufgabe: die Auswertungsschleife
#
# Schreibe `genauigkeit(modell, x, y, batch_size=256)`: Sie geht in Batches durch
# die Daten, sagt mit `training=False` vorher, zählt die Treffer mit (am
# einfachsten mit einer `SparseCategoricalAccuracy`) und gibt die Genauigkeit über **alle**
# Beispiele als Zahl zwischen 0 und 1 zurück. Die Funktion muss auch bei
# mehreren Aufrufen hintereinander stimmen.

# %%
def genauigkeit(modell, x, y, batch_size=256):
    ### BEGIN SOLUTION genauigkeit
    ###> metrik = ___
    ###> for anfang in ___:
    ###>     ___
    ###> return ___
    metrik = keras.metrics.SparseCategoricalAccuracy()
    for anfang in range(0, len(x), batch_size):
        vorhersage = modell(x[anfang:anfang + batch_size], training=False)
        metrik.update_state(y[anfang:anfang + batch_size], vorhersage)
    return float(metrik.result())
    ### END SOLUTION


aufgabe.genauigkeit.check(genauigkeit)

# %%
# aufgabe.genauigkeit.hint()

# %% [markdown]
# Unser Modell hat bisher genau einen Schritt trainiert. Entsprechend schwach ist
# es noch:

# %%
print(f"Testgenauigkeit nach einem Schritt: {genauigkeit(modell, x_test, y_test):.3f}")

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Schneller mit `tf.function`
#
# Python führt jede Zeile einzeln aus und ruft dabei TensorFlow Operation für
# Operation auf („eager“). `tf.function` übersetzt eine Funktion beim ersten
# Aufruf einmal in einen **Graphen**, den TensorFlow danach am Stück und
# optimiert ausführt. `fit` macht genau das mit seinem Trainingsschritt. Wir
# messen 30 Schritte auf einem Wegwerf-Modell:

# %% tags=["vertiefung"]
probe = baue_modell()
probe_optimierer = keras.optimizers.Adam(learning_rate=1e-3)
schritt_graph = tf.function(trainingsschritt)
schritt_graph(probe, probe_optimierer, verlustfunktion, x_batch, y_batch)  # erster Aufruf: übersetzen

for name, funktion in [("eager", trainingsschritt), ("tf.function", schritt_graph)]:
    start = time.perf_counter()
    for _ in range(30):
        funktion(probe, probe_optimierer, verlustfunktion, x_batch, y_batch)
    print(f"{name:<12} {(time.perf_counter() - start) / 30 * 1000:6.1f} ms pro Schritt")

# %% [markdown]
# ## Die ganze Schleife
#
# Jetzt alles zusammen. Den Schritt übersetzen wir mit `tf.function` in einen
# **Graphen**: TensorFlow führt ihn dann am Stück und optimiert aus, statt
# Python Zeile für Zeile – das macht ihn um ein Vielfaches schneller (wie viel,
# misst die Vertiefung oben). Wir setzen `modell` auf die Startgewichte zurück und
# nehmen einen frischen Optimierer (Adam hat sich vom Schritt oben schon etwas
# gemerkt). Pro Epoche:
#
# 1. Metrik für den Verlust zurücksetzen, Reihenfolge neu mischen.
# 2. Für jeden Batch: `trainingsschritt` (als Graph), Verlust in die Metrik,
#    laufenden Mittelwert für die Kurve notieren.
# 3. Am Ende der Epoche: Auswertung auf den Testdaten mit deiner Funktion `genauigkeit`.

# %%
epochen = dlkurs.pick(quick=1, full=3)
batch_size = 128

modell.set_weights(startgewichte)
optimierer = keras.optimizers.Adam(learning_rate=1e-3)
schritt = tf.function(trainingsschritt)
verlust_mittel = keras.metrics.Mean()
rng = np.random.default_rng(42)

kurve_schleife = []      # laufender Mittelwert des Verlusts, nach jedem Schritt
test_schleife = []       # Testgenauigkeit nach jeder Epoche
start = time.perf_counter()
for epoche in range(1, epochen + 1):
    verlust_mittel.reset_state()
    reihenfolge = rng.permutation(len(x_train))
    for anfang in range(0, len(x_train), batch_size):
        auswahl = reihenfolge[anfang:anfang + batch_size]
        verlust = schritt(modell, optimierer, verlustfunktion, x_train[auswahl], y_train[auswahl])
        verlust_mittel.update_state(verlust)
        kurve_schleife.append(float(verlust_mittel.result()))
    test_schleife.append(genauigkeit(modell, x_test, y_test))
    print(f"Epoche {epoche}: Verlust {float(verlust_mittel.result()):.4f}, "
          f"Testgenauigkeit {test_schleife[-1]:.4f}")
zeit_schleife = time.perf_counter() - start
print(f"Eigene Schleife: {zeit_schleife:.1f} s")

# %% [markdown]
# ## Dasselbe mit `fit`
#
# Ein zweites Modell, gleich gebaut, mit **denselben Startgewichten**, demselben
# Optimierer-Typ, derselben Verlustfunktion, denselben Daten, Epochen und
# Batchgröße. Ein kleiner *Callback* notiert nach jedem Batch den Verlust, den
# `fit` meldet – auch das ist der laufende Mittelwert der Epoche.

# %%
modell_fit = baue_modell()
modell_fit.set_weights(startgewichte)
modell_fit.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="genauigkeit")],
)
kurve_fit = []
mitschreiben = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: kurve_fit.append(logs["loss"]))

start = time.perf_counter()
verlauf = modell_fit.fit(x_train, y_train, epochs=epochen, batch_size=batch_size,
                         validation_data=(x_test, y_test), callbacks=[mitschreiben], verbose=2)
zeit_fit = time.perf_counter() - start
test_fit = verlauf.history["val_genauigkeit"]
print(f"fit: {zeit_fit:.1f} s")

# %% [markdown]
# ## Der Vergleich
#
# Links der laufende Mittelwert des Verlusts nach jedem Schritt, rechts die
# Testgenauigkeit nach jeder Epoche.

# %%
schritte_je_epoche = int(np.ceil(len(x_train) / batch_size))
fig, (links, rechts) = plt.subplots(1, 2, figsize=(12, 4))
links.plot(np.arange(1, len(kurve_schleife) + 1), kurve_schleife, label="eigene Schleife")
links.plot(np.arange(1, len(kurve_fit) + 1), kurve_fit, "--", label="fit")
for grenze in range(schritte_je_epoche, len(kurve_schleife), schritte_je_epoche):
    links.axvline(grenze + 0.5, color="grey", lw=0.8, ls=":")
links.set_xlabel("Trainingsschritt")
links.set_ylabel("Verlust (Mittel seit Epochenbeginn)")
links.set_title("Trainingsverlust")
links.legend()
links.grid(alpha=0.3)

epochen_achse = np.arange(1, epochen + 1)
rechts.plot(epochen_achse, test_schleife, "o-", label="eigene Schleife")
rechts.plot(epochen_achse, test_fit, "s--", label="fit")
rechts.set_xticks(epochen_achse)
rechts.set_ylim(min(test_schleife + test_fit) - 0.05, 1.0)
rechts.set_xlabel("Epoche")
rechts.set_ylabel("Genauigkeit")
rechts.set_title("Testgenauigkeit")
rechts.legend()
rechts.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %%
genauigkeit_schleife = genauigkeit(modell, x_test, y_test)
genauigkeit_fit = float(modell_fit.evaluate(x_test, y_test, verbose=0)[1])
unterschied = abs(genauigkeit_schleife - genauigkeit_fit)
print(f"{'':<16}{'Testgenauigkeit':>16}{'Zeit':>9}")
print(f"{'eigene Schleife':<16}{genauigkeit_schleife:>16.4f}{zeit_schleife:>8.1f}s")
print(f"{'fit':<16}{genauigkeit_fit:>16.4f}{zeit_fit:>8.1f}s")
print(f"Unterschied: {unterschied * 100:.2f} Prozentpunkte")
dlkurs.report(loop_test_accuracy=genauigkeit_schleife, fit_test_accuracy=genauigkeit_fit,
              accuracy_difference=unterschied)

# %% [markdown]
# **Was du siehst:** Beide Kurven liegen fast aufeinander, und die
# Testgenauigkeiten unterscheiden sich nur um Bruchteile eines Prozentpunkts.
# Dass sie nicht *exakt* gleich sind, liegt vor allem am Zufall: `fit` mischt die
# Daten mit einem anderen Zufallsgenerator als wir, und die Dropout-Schichten der
# beiden Modelle würfeln unabhängig voneinander. Dazu kommen Kleinigkeiten, die
# an den Zahlen praktisch nichts ändern (`fit` übersetzt den Schritt z. B.
# zusätzlich mit dem Compiler XLA) – im Kern macht `fit` genau das, was du
# geschrieben hast.
#
# Noch ein Wort zu den Testdaten: Wir haben sie nach jeder Epoche angesehen,
# aber nichts danach ausgewählt – das ist hier nur ein Vergleich. Sobald du
# nach solchen Zahlen eine Epochenzahl oder eine Variante wählst, brauchst du
# eigene **Validierungsdaten** und hebst die Testdaten für ganz zum Schluss auf
# (so in 2.4).
#
# Achte links auf den Beginn jeder neuen Epoche (gepunktete Linien): Der
# laufende Mittelwert springt dort nach unten. Das ist das Zurücksetzen der
# Metrik – die hohen Verluste vom Anfang des Trainings zählen ab da nicht mehr mit.
#
# ## Denkfrage: Warum Metriken pro Epoche zurücksetzen?
#
# Was würde die Zahl `loss` bzw. die Genauigkeit in der zweiten und dritten
# Epoche zeigen, wenn man `reset_state()` wegließe? Und warum braucht auch die
# Auswertung auf den Testdaten eine frische (oder zurückgesetzte) Metrik?

# %% [markdown]
# <!-- BEGIN SOLUTION metriken_zuruecksetzen -->
# Eine Metrik mittelt über **alles**, was sie seit dem letzten Zurücksetzen
# gesehen hat. Ohne `reset_state()` enthielte der Wert der dritten Epoche noch
# die hohen Verluste und schlechten Treffer aus der ersten Epoche, als das Modell
# noch fast zufällig riet. Die Zahl hinkte dem Modell hinterher und würde
# immer träger: Verbesserungen oder ein beginnendes Overfitting sähe man kaum.
# Nach dem Zurücksetzen beschreibt die Zahl genau eine Epoche – ein Modell, das
# sich während dieser Epoche nur wenig ändert.
#
# Bei der Auswertung gilt dasselbe noch strenger: Die Testgenauigkeit soll nur
# die Testdaten und nur den aktuellen Stand des Modells messen. Eine Metrik, die
# noch Trainingsbatches oder eine frühere Auswertung mitzählt, mischt zwei
# verschiedene Dinge zu einer Zahl, die nichts mehr bedeutet.
# <!-- END SOLUTION -->

# %%
aufgabe.metriken_zuruecksetzen.check()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: dieselbe Schleife in JAX
#
# In JAX sind Gradienten Eigenschaften **reiner Funktionen**: Die Gewichte
# werden als Argumente hinein- und als Ergebnis wieder herausgereicht, nichts
# wird „an Ort und Stelle“ verändert. Keras bietet dafür
# `modell.stateless_call(...)` und `optimierer.stateless_apply(...)`. Mit
# `KERAS_BACKEND=jax` sähe der Schritt so aus (nur zum Lesen – dieses Notebook
# läuft mit TensorFlow):
#
# ```python
# import jax
#
# def verlust_und_zustand(trainierbar, nicht_trainierbar, x, y):
#     vorhersage, nicht_trainierbar = modell.stateless_call(trainierbar, nicht_trainierbar, x, training=True)
#     return verlustfunktion(y, vorhersage), nicht_trainierbar
#
# gradient_fn = jax.value_and_grad(verlust_und_zustand, has_aux=True)
#
# @jax.jit                      # das Gegenstück zu tf.function
# def trainingsschritt(zustand, x, y):
#     trainierbar, nicht_trainierbar, opt_variablen = zustand
#     (verlust, nicht_trainierbar), gradienten = gradient_fn(trainierbar, nicht_trainierbar, x, y)
#     trainierbar, opt_variablen = optimierer.stateless_apply(opt_variablen, gradienten, trainierbar)
#     return verlust, (trainierbar, nicht_trainierbar, opt_variablen)
#
# optimierer.build(modell.trainable_variables)
# zustand = ([v.value for v in modell.trainable_variables],
#            [v.value for v in modell.non_trainable_variables],
#            [v.value for v in optimierer.variables])
# for x_batch, y_batch in ...:
#     verlust, zustand = trainingsschritt(zustand, x_batch, y_batch)
# ```
#
# Die Schritte sind dieselben – vorwärts, Verlust, Gradienten, Update –, nur
# wandert der ganze Zustand (Gewichte, Zufallszustand des Dropouts,
# Adam-Statistiken) ausdrücklich durch die Funktion. Am Ende schreibt man ihn mit
# `v.assign(w)` in die Variablen des Modells zurück.

# %% [markdown]
# ## Zusammenfassung
#
# - Ein Trainingsschritt: `modell(x, training=True)` → `verlustfunktion(y, vorhersage)`
#   im `tf.GradientTape` → `tape.gradient(verlust, modell.trainable_weights)` →
#   `optimierer.apply(gradienten, modell.trainable_weights)`.
# - Eine Epoche besteht aus `ceil(n / batch_size)` Schritten; vor jeder Epoche wird gemischt.
# - Metrik-Objekte zählen mit `update_state`, liefern mit `result` und beginnen
#   mit `reset_state` von vorn – pro Epoche und für jede Auswertung.
# - Ausgewertet wird mit `training=False`, damit Dropout aus ist.
# - `tf.function` macht den Schritt um ein Vielfaches schneller; `fit` tut
#   dasselbe und liefert bei gleichem Start praktisch dieselben Ergebnisse.
#
# Die eigene Schleife lohnt sich, wenn du etwas brauchst, das `fit` nicht
# kann: besondere Verluste, mehrere Modelle, die zusammen trainieren (wie bei
# GANs), oder Gradienten, die du vor dem Update verändern willst.
#
# Weiter geht es mit **2.3 Regression vs. Klassifikation**.

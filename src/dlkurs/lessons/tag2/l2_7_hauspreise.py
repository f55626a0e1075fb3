# %% [markdown]
# # 2.7 Hauspreise: Regression mit K-facher Kreuzvalidierung
#
# Bisher hat dein Netz Klassen vorhergesagt: Ziffer, Kleidungsstück, positiv
# oder negativ. Jetzt sagt es eine **Zahl** voraus, den mittleren Hauswert eines
# Wohnbezirks in Kalifornien. Das ist **Regression**.
#
# In dieser Lektion lernst du,
#
# 1. Merkmale mit sehr verschiedenen Größenordnungen zu **normalisieren**, und
#    zwar nur mit der Statistik der Trainingsdaten,
# 2. ein Netz für Regression zu bauen: eine Ausgabeeinheit, keine Aktivierung,
#    Verlust MSE, Metrik MAE,
# 3. die **K-fache Kreuzvalidierung** von Hand zu schreiben und aus den gemittelten
#    Kurven die passende Zahl von Epochen abzulesen,
# 4. eine Batchgröße zu wählen, die auf der CPU in vernünftiger Zeit trainiert.
#
# Zum Schluss folgt ein kurzer Blick auf den Boston-Datensatz aus dem Buch und
# darauf, warum man ihn heute nicht mehr verwenden sollte.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import dlkurs
import keras
from keras import layers

from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import smooth

aufgabe = aufgaben("2.7")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Daten: California Housing
#
# Der Datensatz stammt aus der US-Volkszählung von 1990. Jede Zeile ist ein
# **Bezirk** (eine *block group* mit meist 600 bis 3000 Einwohnern):
#
# | Spalte | Bedeutung |
# |---|---|
# | `MedInc` | Median-Einkommen der Haushalte, in 10 000 Dollar |
# | `HouseAge` | Median-Alter der Häuser, in Jahren |
# | `AveRooms` | Zimmer je Haushalt (Mittelwert) |
# | `AveBedrms` | Schlafzimmer je Haushalt (Mittelwert) |
# | `Population` | Einwohner des Bezirks |
# | `AveOccup` | Personen je Haushalt (Mittelwert) |
# | `Latitude`, `Longitude` | geografische Breite und Länge |
# | `MedHouseVal` | **Zielwert**: Median-Hauswert, in 100 000 Dollar |

# %%
daten = load("california_housing")
print(daten.shape)
daten.head()

# %%
daten.describe().round(2)

# %% [markdown]
# Schau auf die Zeilen `mean`, `min` und `max`: Die Merkmale leben auf völlig
# verschiedenen Skalen. `Population` reicht bis über 35 000, `AveBedrms` liegt
# meist um 1, die Längengrade sind alle negativ. Ein Netz kommt damit schlecht
# zurecht; darum normalisieren wir gleich.
#
# Eine Karte zeigt, wo die teuren Bezirke liegen.

# %%
fig, (karte, verteilung) = plt.subplots(1, 2, figsize=(12, 4.5))
punkte = karte.scatter(daten.Longitude, daten.Latitude, c=daten.MedHouseVal, s=2, cmap="viridis")
fig.colorbar(punkte, ax=karte, label="Median-Hauswert (100 000 $)")
karte.set(xlabel="Längengrad", ylabel="Breitengrad", title="Hauswert je Bezirk")
karte.set_aspect(1.25)  # ein Längengrad ist hier nur etwa 0,8-mal so breit wie ein Breitengrad
verteilung.hist(daten.MedHouseVal, bins=50)
verteilung.set(xlabel="Median-Hauswert (100 000 $)", ylabel="Anzahl Bezirke", title="Verteilung des Zielwerts")
plt.show()
print("Bezirke mit gekapptem Wert (über 5,0):", int((daten.MedHouseVal > 5).sum()))

# %% [markdown]
# Teuer ist es an der Küste, vor allem um San Francisco und Los Angeles. Rechts
# siehst du einen Balken ganz am Ende: Hauswerte über 500 000 Dollar wurden bei der
# Erhebung als 500 001 Dollar eingetragen. Für diese Bezirke kennt das Netz den
# wahren Wert nicht; das setzt dem erreichbaren Fehler eine Grenze.
#
# ## Mischen und aufteilen
#
# Die Zeilen der Datei sind **nach Regionen sortiert**. Der mittlere Hauswert
# in zehn gleich großen Zeilenblöcken:

# %%
daten.MedHouseVal.groupby(np.arange(len(daten)) // (len(daten) // 10)).mean().round(2).head(10).tolist()

# %% [markdown]
# Zwischen 1,4 und 2,9 je nach Block. Würden wir die letzten 20 % als Testdaten
# nehmen, hätten wir andere Regionen im Test als im Training. Darum mischen wir
# die Zeilen zuerst (mit festem Seed, damit das Ergebnis reproduzierbar ist)
# und legen dann 20 % als **Testdaten** beiseite. Die Testdaten fassen wir erst
# ganz am Ende wieder an.
#
# Im Schnelldurchlauf (`quick`-Profil) nehmen wir nur einen Teil der Bezirke.

# %%
x_alle = daten.drop(columns="MedHouseVal").to_numpy("float32")
y_alle = daten["MedHouseVal"].to_numpy("float32")
merkmale = list(daten.columns[:-1])

reihenfolge = np.random.default_rng(42).permutation(len(x_alle))
reihenfolge = reihenfolge[: dlkurs.pick(quick=4000, full=None)]
x_alle, y_alle = x_alle[reihenfolge], y_alle[reihenfolge]

n_test = len(x_alle) // 5
x_test_roh, y_test = x_alle[:n_test], y_alle[:n_test]
x_train_roh, y_train = x_alle[n_test:], y_alle[n_test:]
print("Training:", x_train_roh.shape, " Test:", x_test_roh.shape)

# %% [markdown]
# ## Normalisieren – nur mit der Statistik der Trainingsdaten
#
# Für jedes Merkmal (jede Spalte) ziehen wir den Mittelwert ab und teilen durch
# die Standardabweichung:
#
# $$
# x' = \frac{x - \mu_\text{train}}{\sigma_\text{train}}
# $$
#
# Danach liegen die Trainingswerte jeder Spalte um 0, mit Standardabweichung 1.
# Wichtig: $\mu$ und $\sigma$ kommen **nur aus den Trainingsdaten**. Die
# Testdaten werden mit *denselben* Zahlen umgerechnet. Warum, siehst du gleich.
#
# ## Aufgabe 1: `normalisieren(train, test)`
#
# Schreibe eine Funktion, die zwei Arrays der Form (Beispiele, Merkmale)
# bekommt und beide normalisiert zurückgibt, als Tupel `(train_norm, test_norm)`,
# beide mit Mittelwert und Standardabweichung **je Spalte von `train`**.
# Die Eingaben sollen dabei unverändert bleiben.

# %%
def normalisieren(train, test):
    ### BEGIN SOLUTION normalisieren
    ###> # 1. Mittelwert und Standardabweichung je Spalte – nur aus train
    ###> # 2. train und test damit umrechnen (neue Arrays, die Eingaben nicht verändern)
    ###> return ___
    mittel = train.mean(axis=0)
    streuung = train.std(axis=0)
    return (train - mittel) / streuung, (test - mittel) / streuung
    ### END SOLUTION


aufgabe.normalisieren.check(normalisieren)

# %%
# aufgabe.normalisieren.hint()
# aufgabe.normalisieren.solution()

# %%
x_train, x_test = normalisieren(x_train_roh, x_test_roh)
print("Training – Mittelwerte:", x_train.mean(axis=0).round(2))
print("Training – Standardabw.:", x_train.std(axis=0).round(2))
print("Test     – Mittelwerte:", x_test.mean(axis=0).round(2))

# %% [markdown]
# Die Trainingsdaten haben jetzt genau Mittelwert 0 und Standardabweichung 1.
# Die Testdaten liegen *nahe* bei 0, aber nicht genau – und das ist richtig so.
#
# **Warum nicht die Testdaten mit ihrer eigenen Statistik normalisieren?**
#
# - **Ein einzelner neuer Bezirk hat keine Statistik.** Später fragt jemand
#   nach dem Preis *eines* Bezirks. Sein eigener Mittelwert ist er selbst, seine
#   Standardabweichung 0: Die Formel ergibt 0/0. Das Netz kennt nur die
#   Umrechnung aus dem Training; genau die muss es auch für neue Daten geben.
# - **Die Bedeutung der Zahlen verschiebt sich.** Nach der Umrechnung heißt
#   „`MedInc` = 1“: eine Standardabweichung reicher als der Durchschnitt *der
#   Trainingsbezirke*. Normalisierst du eine Testmenge aus lauter Bezirken im
#   Norden mit ihrer eigenen Statistik, werden Breitengrad, Einkommen und alles
#   andere auf den Mittelwert 0 geschoben – genau die Unterschiede, auf die es
#   ankommt, verschwinden. Eine Vertiefung am Ende probiert das aus.
# - **Keine Information aus den Testdaten.** Auch die gemeinsame Statistik von
#   Training und Test ist falsch: Dann steckt ein Stück Testdaten im Training,
#   und der Testfehler fällt zu optimistisch aus. Die Testdaten sollen neue,
#   nie gesehene Daten spielen – für das *ganze* Verfahren, nicht nur für das
#   Netz.

# %%
ein_bezirk = x_test_roh[:1]
with np.errstate(invalid="ignore"):
    print((ein_bezirk - ein_bezirk.mean(axis=0)) / ein_bezirk.std(axis=0))

# %% [markdown]
# `nan` (*not a number*) überall: Mit seiner eigenen Statistik lässt sich ein
# einzelner Bezirk nicht normalisieren.
#
# ## Das Netz für Regression
#
# Wie im Buch nehmen wir ein kleines Netz: zwei verdeckte Schichten mit je 64
# Einheiten und ReLU, dann **eine** Ausgabeeinheit **ohne Aktivierung**. Eine
# Sigmoid-Ausgabe läge immer zwischen 0 und 1, eine ReLU-Ausgabe nie unter 0 –
# ohne Aktivierung (linear) kann das Netz jeden Wert ausgeben.
#
# - Verlust: **MSE** (mittlerer quadratischer Fehler), glatt und gut zu
#   optimieren.
# - Metrik: **MAE** (mittlerer absoluter Fehler), leicht zu lesen: Ein MAE von
#   0,35 heißt, das Netz liegt im Mittel um 35 000 Dollar daneben.
#
# ## Aufgabe 2: `baue_modell()`
#
# Vervollständige die Funktion: zwei verdeckte Schichten `Dense(64)` mit ReLU,
# eine Ausgabeeinheit ohne Aktivierung. Sie soll bei jedem Aufruf ein
# **neues**, kompiliertes Modell liefern (Optimierer `rmsprop`, Verlust `mse`,
# Metrik `mae` – die Schleife unten liest `val_mae` aus dem Verlauf), denn für
# die K-fache Kreuzvalidierung brauchen wir gleich mehrere frische Modelle.
# `anzahl_merkmale` ist die Zahl der Eingabespalten (hier 8, bei Boston später
# 12).
#
# `steps_per_execution=16` beim Kompilieren ist optional: Keras rechnet dann 16
# Batches am Stück, ohne zwischendurch zu Python zurückzukehren. Auf der CPU
# macht das kleine Netze um ein Mehrfaches schneller (gleich misst du es), an
# den Ergebnissen ändert es nichts.

# %%
def baue_modell(anzahl_merkmale=8):
    ### BEGIN SOLUTION modell
    ###> # Input(shape=(anzahl_merkmale,)), Dense(64, relu), Dense(64, relu), Dense(1); dann kompilieren
    ###> return ___
    modell = keras.Sequential([
        keras.Input(shape=(anzahl_merkmale,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ])
    modell.compile(optimizer="rmsprop", loss="mse", metrics=["mae"], steps_per_execution=16)
    return modell
    ### END SOLUTION


aufgabe.modell.check(baue_modell)

# %%
# aufgabe.modell.hint()
# aufgabe.modell.solution()

# %% [markdown]
# Die Prüfung ruft `baue_modell` mehrmals auf (auch mit 12 Merkmalen),
# trainiert eine frische Kopie des Modells kurz auf 2000 Bezirken und misst den
# MAE auf 1000 anderen: Gefordert sind höchstens 0,46. Ein lineares Modell
# (ohne ReLU) kommt dort nur auf etwa 0,48, eins, das immer den
# Durchschnittspreis sagt, auf etwa 0,9.
#
# Trainiert wird gleich mit Batches zu **64** Bezirken. Warum nicht mit 16 wie
# im Buch, misst die folgende Vertiefung.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Die Batchgröße – warum nicht 16 wie im Buch?
#
# Das Buch (2. Auflage) trainiert Boston Housing mit `batch_size=16`: 404 Beispiele, also 26
# Gewichts-Updates pro Epoche. Wir haben rund 12 400 Bezirke pro Fold. Mit 16
# wären das 774 Updates pro Epoche – und jedes Update kostet auf der CPU eine
# feste Verwaltungszeit, egal wie klein der Batch ist. Miss selbst: eine Epoche
# mit verschiedenen Batchgrößen, einmal mit den Standardeinstellungen und
# einmal mit `steps_per_execution=16`.

# %% tags=["vertiefung"]
x_probe, y_probe = x_train[: len(x_train) * 3 // 4], y_train[: len(x_train) * 3 // 4]


def sekunden_pro_epoche(batch_size, steps_per_execution):
    probe = baue_modell()
    probe.compile(optimizer="rmsprop", loss="mse", steps_per_execution=steps_per_execution)
    probe.fit(x_probe, y_probe, batch_size=batch_size, verbose=0)  # Aufwärmen: Keras übersetzt erst den Code
    start = time.perf_counter()
    probe.fit(x_probe, y_probe, batch_size=batch_size, verbose=0)
    return time.perf_counter() - start


for groesse in [16, 64, 256]:
    print(f"batch_size={groesse:3d}: {-(-len(x_probe) // groesse):4d} Updates pro Epoche, "
          f"{sekunden_pro_epoche(groesse, 1):5.2f} s – mit steps_per_execution=16: "
          f"{sekunden_pro_epoche(groesse, 16):5.2f} s")

# %% [markdown] tags=["vertiefung"]
# Mit den Standardeinstellungen ist eine Epoche mit Batches zu 16 deutlich
# langsamer als mit 64, und die mit 256 ist noch einmal viel schneller: Die
# Zeit geht für die Verwaltung der vielen Updates drauf, nicht fürs Rechnen.
# `steps_per_execution=16` verkleinert diesen Unterschied, weil Keras die
# Verwaltung nur noch alle 16 Batches erledigt.
#
# Je größer der Batch, desto weniger Updates pro Epoche – ab einer gewissen
# Größe braucht das Netz dafür mehr Epochen. Wir nehmen **64**: schnell, auch
# ohne `steps_per_execution`, und mit knapp 200 Updates pro Epoche lernt das
# Netz in jeder Epoche immer noch viel (beim Buch mit Boston waren es 26).
# Werte zwischen 32 und 128 sind hier alle vernünftig.

# %% [markdown]
# ## K-fache Kreuzvalidierung
#
# Um die Zahl der Epochen zu wählen, brauchen wir Validierungsdaten. Ein
# einzelner Validierungsblock liefert aber eine Zahl, die davon abhängt, welche
# Bezirke zufällig darin gelandet sind. Die **K-fache Kreuzvalidierung** nutzt alle
# Trainingsdaten einmal zur Validierung:
#
# 1. Teile die Trainingsdaten in $K$ gleich große Teile (*Folds*), hier $K = 4$.
# 2. Für jeden Fold $i$: trainiere ein **neues** Modell auf den anderen $K-1$
#    Folds und validiere auf Fold $i$.
# 3. Mittle die $K$ Validierungsergebnisse.
#
# ```
# Fold 0:  [Val ][Trn ][Trn ][Trn ]
# Fold 1:  [Trn ][Val ][Trn ][Trn ]
# Fold 2:  [Trn ][Trn ][Val ][Trn ]
# Fold 3:  [Trn ][Trn ][Trn ][Val ]
# ```
#
# ## Aufgabe 3: `fold_grenzen(n, k, i)`
#
# Schreibe eine Funktion, die für `n` Trainingsbeispiele, `k` Folds und die
# Fold-Nummer `i` (ab 0 gezählt) die Grenzen `(start, stop)` des
# Validierungs-Folds zurückgibt, sodass `x[start:stop]` der Fold ist. Jeder
# Fold hat `n // k` Beispiele; geht `n` nicht auf, bleiben die übrigen
# Beispiele am Ende immer im Training (wie im Buch).

# %%
def fold_grenzen(n, k, i):
    ### BEGIN SOLUTION fold_grenzen
    ###> return ___
    groesse = n // k
    return i * groesse, (i + 1) * groesse
    ### END SOLUTION


aufgabe.fold_grenzen.check(fold_grenzen)

# %%
# aufgabe.fold_grenzen.hint()
# aufgabe.fold_grenzen.solution()

# %% [markdown]
# Jetzt die Schleife, wie im Buch von Hand geschrieben. Eine Feinheit: Die
# Normalisierung gehört *in* die Schleife. Für jeden Fold rechnen wir
# Mittelwert und Standardabweichung nur aus seinen Trainings-Folds – der
# Validierungs-Fold spielt ja die Rolle neuer Daten. Deine Funktion
# `normalisieren` erledigt das.
#
# Im vollen Profil dauert das einige Minuten (4 Modelle × 120 Epochen).

# %%
k = 4
anzahl_epochen = dlkurs.pick(quick=4, full=120)
batch_size = 64
alle_mae_verlaeufe = []

for i in range(k):
    start, stop = fold_grenzen(len(x_train_roh), k, i)
    x_val_roh, y_val = x_train_roh[start:stop], y_train[start:stop]
    x_rest_roh = np.concatenate([x_train_roh[:start], x_train_roh[stop:]])
    y_rest = np.concatenate([y_train[:start], y_train[stop:]])
    x_rest, x_val = normalisieren(x_rest_roh, x_val_roh)

    modell = baue_modell()
    verlauf = modell.fit(x_rest, y_rest, validation_data=(x_val, y_val),
                         epochs=anzahl_epochen, batch_size=batch_size, verbose=0)
    alle_mae_verlaeufe.append(verlauf.history["val_mae"])
    print(f"Fold {i}: Validierung auf Beispiel {start} bis {stop - 1}, "
          f"MAE nach der letzten Epoche {verlauf.history['val_mae'][-1]:.3f}")

# %% [markdown]
# Jetzt mitteln wir für jede Epoche über die vier Folds. Die gemittelte Kurve
# wackelt noch von Epoche zu Epoche; wir glätten sie mit einem gleitenden
# Mittelwert (`smooth`: jeder Punkt ist 90 % des vorigen geglätteten Werts plus
# 10 % des neuen). Wie im Buch lassen wir die ersten 10 Epochen weg: Dort fällt
# der Fehler so steil, dass er die Skala und die Glättung verzerren würde.

# %%
mittlere_mae = np.mean(alle_mae_verlaeufe, axis=0)
weglassen = dlkurs.pick(quick=0, full=10)
epochen = np.arange(weglassen + 1, anzahl_epochen + 1)
geglaettet = smooth(mittlere_mae[weglassen:], 0.9)
beste_epoche = weglassen + int(np.argmin(geglaettet)) + 1

plt.figure(figsize=(8, 4))
plt.plot(epochen, mittlere_mae[weglassen:], alpha=0.4, label="Mittel über die 4 Folds")
plt.plot(epochen, geglaettet, label="geglättet")
plt.axvline(beste_epoche, color="gray", linestyle=":", label=f"Minimum der Glättung: Epoche {beste_epoche}")
plt.xlabel("Epoche")
plt.ylabel("Validierungs-MAE (100 000 $)")
plt.title("K-fache Kreuzvalidierung (K = 4)")
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% [markdown]
# Lies die Kurve so: Zuerst sinkt der Validierungsfehler deutlich, dann wird
# die Kurve immer flacher. In den letzten Epochen ändert sich kaum noch etwas;
# die Schwankungen von Epoche zu Epoche sind größer als der Fortschritt.
#
# Ehrlich gesagt: **Ein Minimum, nach dem der Fehler wieder steigt, zeigt
# diese Kurve nicht.** Mit gut 12 000 Trainingsbezirken je Fold und einem
# kleinen Netz setzt die **Überanpassung** (der Validierungsfehler steigt
# wieder, mehr dazu in Lektion 2.8) erst nach mehr als 120 Epochen ein. Das
# Minimum der Glättung liegt deshalb fast am Ende, und die Regel „nimm das
# Minimum“ sagt hier nur: Mehr Epochen bringen nichts mehr, weniger kosten
# etwas Genauigkeit. Wie eine Kurve mit echtem Minimum aussieht, zeigt die
# Vertiefung zu Boston am Ende: 404 Beispiele sind schnell auswendig gelernt.
#
# Wie stark unterscheiden sich die Folds bei dieser Epoche?

# %%
je_fold = [verlauf_fold[beste_epoche - 1] for verlauf_fold in alle_mae_verlaeufe]
kfold_mae = float(mittlere_mae[beste_epoche - 1])
print("MAE je Fold bei Epoche", beste_epoche, ":", np.round(je_fold, 3))
print(f"Mittel: {kfold_mae:.3f}  – also etwa {kfold_mae * 100_000:,.0f} $ daneben".replace(",", "."))
dlkurs.report(kfold_val_mae=kfold_mae)

# %% [markdown]
# Die Folds liegen nah beieinander, aber nicht gleich – genau deshalb mitteln
# wir. Ein einzelner Validierungsblock hätte dir eine dieser Zahlen gezeigt.
#
# ## Das endgültige Modell
#
# Die K-fache Kreuzvalidierung hat uns die Zahl der Epochen geliefert. Das
# endgültige Modell trainieren wir damit auf **allen** Trainingsdaten und
# messen es **einmal** auf den Testdaten.

# %%
keras.utils.set_random_seed(42)
endmodell = baue_modell()
endmodell.fit(x_train, y_train, epochs=beste_epoche, batch_size=batch_size, verbose=0)
test_mse, test_mae = endmodell.evaluate(x_test, y_test, verbose=0)
print(f"Test-MAE: {test_mae:.3f}  (etwa {test_mae * 100_000:,.0f} $)".replace(",", "."))
dlkurs.report(test_mae=test_mae)

# %% [markdown]
# Der Testfehler liegt nahe am K-fach-Fehler: Die Validierung hat gut
# vorhergesagt, was auf neuen Daten herauskommt.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Wo das Netz danebenliegt – und was falsche Normalisierung anrichtet
#
# Vorhersage gegen wahren Wert:

# %% tags=["vertiefung"]
vorhersage = endmodell.predict(x_test, verbose=0).ravel()
plt.figure(figsize=(5, 5))
plt.scatter(y_test, vorhersage, s=3, alpha=0.4)
plt.plot([0, 5], [0, 5], color="red", label="perfekte Vorhersage")
plt.xlabel("wahrer Hauswert (100 000 $)")
plt.ylabel("vorhergesagt (100 000 $)")
plt.title("Testdaten")
plt.legend()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Die Punkte streuen um die rote Linie. Ganz rechts siehst du eine senkrechte
# Reihe: die gekappten Bezirke mit „5,0“, deren wahrer Wert höher liegt. Für
# sie sagt das Netz oft weniger voraus.
#
# ### Was passiert mit der falschen Normalisierung?
#
# Jetzt das Experiment von oben: Wir nehmen nur die Testbezirke im
# **Norden** (nördlich des 38. Breitengrads, dort sind die Häuser im Schnitt
# billiger) und normalisieren sie einmal richtig (Trainingsstatistik) und
# einmal mit ihrer **eigenen** Statistik.

# %% tags=["vertiefung"]
norden = x_test_roh[:, merkmale.index("Latitude")] > 38
x_norden_roh, y_norden = x_test_roh[norden], y_test[norden]
_, x_norden_richtig = normalisieren(x_train_roh, x_norden_roh)
x_norden_eigen, _ = normalisieren(x_norden_roh, x_norden_roh)

print(f"{norden.sum()} Bezirke im Norden, mittlerer Hauswert {y_norden.mean():.2f}")
print(f"MAE mit Trainingsstatistik: {endmodell.evaluate(x_norden_richtig, y_norden, verbose=0)[1]:.3f}")
print(f"MAE mit eigener Statistik:  {endmodell.evaluate(x_norden_eigen, y_norden, verbose=0)[1]:.3f}")

# %% [markdown] tags=["vertiefung"]
# Mit der Trainingsstatistik liegt der Fehler für die Nord-Bezirke im
# üblichen Rahmen (vergleiche den Test-MAE oben). Mit ihrer eigenen Statistik
# sind die Eingaben Zahlen in einer anderen Währung: Breitengrad 0 heißt jetzt „Mitte des Nordens“ statt „Mitte
# Kaliforniens“, und eine Einheit ist die Streuung des Nordens, nicht die
# ganz Kaliforniens. Das Netz liest daraus Bezirke, die es so nie gesehen hat,
# und liegt weit daneben.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Boston Housing und warum wir es nicht mehr verwenden
#
# Das Buch nutzt für dieses Beispiel den **Boston-Housing**-Datensatz (506
# Bezirke um Boston, 1978). Beim Laden zeigt der Kurs einen Hinweis:

# %% tags=["vertiefung"]
(xb_train_roh, yb_train), (xb_test_roh, yb_test) = load("boston_housing")
print("Training:", xb_train_roh.shape, " Test:", xb_test_roh.shape, " – Preise in 1000 $")

# %% [markdown] tags=["vertiefung"]
# Der Datensatz enthält eine Spalte `B`, berechnet als
# $B = 1000\,(B_k - 0{,}63)^2$, wobei $B_k$ der Anteil schwarzer Bewohner im
# Bezirk ist. Die Autoren der Studie von 1978 nahmen an, dass dieser Anteil die
# Hauspreise beeinflusst, und bauten das als Merkmal ein. Ein Modell, das
# damit trainiert, behandelt die Hautfarbe der Nachbarschaft als
# preisbestimmende Eigenschaft eines Hauses – und übernimmt so die
# Diskriminierung, die in solchen Preisen steckt. scikit-learn hat den
# Datensatz deshalb in Version 1.2 entfernt. Im Kurs taucht er nur zum
# Vergleich mit dem Buch auf; für eigene Arbeit nimm California Housing.
#
# Wir brauchen die Spalte auch nicht. Wir lassen `B` (Spalte 11) weg und
# verwenden dieselben Bausteine wie oben. Das Buch (2. Auflage) trainiert das
# endgültige Modell mit 130 Epochen und `batch_size=16` – bei 404 Beispielen
# dauert das nur Sekunden.

# %% tags=["vertiefung"]
ohne_b = [spalte for spalte in range(13) if spalte != 11]
xb_train, xb_test = normalisieren(xb_train_roh[:, ohne_b], xb_test_roh[:, ohne_b])

keras.utils.set_random_seed(42)
boston_modell = baue_modell(anzahl_merkmale=len(ohne_b))
boston_modell.fit(xb_train, yb_train, epochs=dlkurs.pick(quick=5, full=130), batch_size=16, verbose=0)
boston_test_mae = boston_modell.evaluate(xb_test, yb_test, verbose=0)[1]
print(f"Boston, Test-MAE ohne Spalte B: {boston_test_mae:.2f} (in 1000 $)")
dlkurs.report(boston_test_mae=boston_test_mae)

# %% [markdown] tags=["vertiefung"]
# Das Buch kommt mit allen 13 Spalten auf einen Test-MAE von etwa 2,5
# (2500 Dollar). Ohne `B` liegt das Netz kaum darüber: In unseren Läufen mit
# verschiedenen Startwerten waren es 2,5 bis 2,7 ohne `B` und 2,4 bis 2,5 mit
# allen Spalten. Mit nur 102 Testbezirken schwankt diese Zahl ohnehin von Lauf
# zu Lauf um 100 bis 200 Dollar. Ein lineares Modell (kleinste Quadrate) liegt
# ohne `B` bei 3,5.
#
# ### Eine Kurve, die wirklich umkehrt
#
# Mit nur 303 Trainingsbeispielen je Fold lernt das Netz die Boston-Bezirke
# schnell auswendig. Dieselbe K-fache Kreuzvalidierung wie oben, mit
# `batch_size=16` und mehr Epochen, zeigt deshalb, was bei California fehlte:
# Der geglättete Validierungsfehler erreicht ein Minimum und **steigt danach
# wieder** – ab dort ist das Netz überangepasst.

# %% tags=["vertiefung"]
epochen_boston = dlkurs.pick(quick=4, full=250)
boston_kurven = []
for i in range(k):
    start, stop = fold_grenzen(len(xb_train_roh), k, i)
    rest_roh = np.concatenate([xb_train_roh[:start], xb_train_roh[stop:]])[:, ohne_b]
    y_rest_b = np.concatenate([yb_train[:start], yb_train[stop:]])
    x_rest_b, x_val_b = normalisieren(rest_roh, xb_train_roh[start:stop][:, ohne_b])
    netz = baue_modell(anzahl_merkmale=len(ohne_b))
    verlauf = netz.fit(x_rest_b, y_rest_b, validation_data=(x_val_b, yb_train[start:stop]),
                       epochs=epochen_boston, batch_size=16, verbose=0)
    boston_kurven.append(verlauf.history["val_mae"])

weglassen_b = dlkurs.pick(quick=0, full=10)
geglaettet_b = smooth(np.mean(boston_kurven, axis=0)[weglassen_b:], 0.9)
beste_epoche_boston = weglassen_b + int(np.argmin(geglaettet_b)) + 1
plt.figure(figsize=(8, 4))
plt.plot(np.arange(weglassen_b + 1, epochen_boston + 1), geglaettet_b, label="geglättet, Mittel über 4 Folds")
plt.axvline(beste_epoche_boston, color="gray", linestyle=":", label=f"Minimum: Epoche {beste_epoche_boston}")
plt.xlabel("Epoche")
plt.ylabel("Validierungs-MAE (1000 $)")
plt.title("Boston: K-fache Kreuzvalidierung (K = 4)")
plt.legend()
plt.grid(alpha=0.3)
plt.show()
print(f"Minimum der Glättung bei Epoche {beste_epoche_boston} von {epochen_boston}")

# %% [markdown] tags=["vertiefung"]
# In unserem vollen Lauf lag das Minimum der geglätteten Kurve bei Epoche 120
# (MAE etwa 2,38); bis Epoche 250 stieg sie wieder auf etwa 2,42. Das passt zum
# Buch, das für Boston gut 120 Epochen empfiehlt. Der Anstieg ist klein, aber
# eindeutig: Ab dort lernt das Netz Eigenheiten der 303 Trainingsbezirke, die
# auf den anderen nicht gelten.

# %% [markdown]
# ## Zusammenfassung
#
# - **Regression**: eine Ausgabeeinheit ohne Aktivierung, Verlust MSE, Metrik
#   MAE (in der Einheit des Zielwerts, hier 100 000 Dollar).
# - **Normalisieren** mit Mittelwert und Standardabweichung **der
#   Trainingsdaten** – für Validierungs-, Test- und alle neuen Daten dieselben
#   Zahlen.
# - **K-fache Kreuzvalidierung**: K Modelle, jedes validiert auf einem anderen Fold;
#   die gemittelte, geglättete Kurve zeigt die passende Zahl von Epochen.
#   Danach ein Modell auf allen Trainingsdaten trainieren und einmal testen.
# - **Batchgröße** an die Datenmenge anpassen: Auf der CPU kosten viele kleine
#   Batches viel Zeit; 32 bis 128 sind bei 20 000 Beispielen vernünftig.
# - Datensätze haben eine Geschichte: Prüfe, was in den Spalten steckt.
#
# Weiter geht es mit **2.8 Over- und Underfitting**.

# %% [markdown]
# # 2.9 Weitere Klassifikation
#
# In dieser Lektion geht es um drei Dinge:
#
# 1. **Iris** – 150 Blüten, vier Messwerte, drei Arten. Klein, übersichtlich und
#    ein Lehrstück dafür, wie eine falsche Aufteilung in Training und Validierung
#    ein Ergebnis vortäuscht. Du lernst, Daten **gemischt und geschichtet**
#    aufzuteilen.
# 2. **Netz gegen Ensemble** – ein kleines neuronales Netz tritt gegen eine
#    *Abstimmung* aus Entscheidungsbaum, Random Forest und Support-Vektor-Maschine
#    an. Weil Iris so klein ist, vergleichen wir fair mit **K-facher
#    Kreuzvalidierung** wie in 2.7 (als Vertiefung).
# 3. **CIFAR-10** – 60 000 kleine Farbfotos in zehn Klassen. Hier baust du als
#    Übung selbst ein Netz.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import dlkurs
import keras
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import RandomForestClassifier, VotingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from dlkurs.data import load, substitutions
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit import plot_history, show_images

aufgabe = aufgaben("2.9")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Iris: 150 Blüten, drei Arten
#
# Der Iris-Datensatz (R. A. Fisher, 1936) enthält je 50 Blüten dreier
# Schwertlilien-Arten: *setosa*, *versicolor* und *virginica*. Von jeder Blüte
# gibt es vier Messwerte in Zentimetern: Länge und Breite des Kelchblatts
# (*sepal*) und des Kronblatts (*petal*). Die Spalte `target` enthält die Art als
# Zahl 0, 1 oder 2.

# %%
iris = load("iris")
ARTEN = ["setosa", "versicolor", "virginica"]
MERKMALE = [spalte for spalte in iris.columns if spalte != "target"]

print(iris.shape)
iris.head()

# %%
plt.figure(figsize=(6, 4))
for nummer, art in enumerate(ARTEN):
    teil = iris[iris["target"] == nummer]
    plt.scatter(teil["petal length (cm)"], teil["petal width (cm)"], label=art, alpha=0.7)
plt.xlabel("Länge des Kronblatts (cm)")
plt.ylabel("Breite des Kronblatts (cm)")
plt.title("Iris: zwei der vier Merkmale")
plt.legend()
plt.show()

# %% [markdown]
# *setosa* liegt weit abseits und ist leicht zu erkennen. *versicolor* und
# *virginica* überlappen an ihrer Grenze ein wenig – dort entstehen später die
# Fehler der Modelle.
#
# ## Die Datei ist nach Arten sortiert
#
# Schau dir die Spalte `target` von oben nach unten an:

# %%
print(iris["target"].to_numpy())

# %% [markdown]
# Erst kommen alle 50 *setosa*, dann alle *versicolor*, dann alle *virginica*.
# Das ist harmlos – solange man beim Aufteilen daran denkt.
#
# ## Der Fehler aus dem ursprünglichen Kurs
#
# Im ursprünglichen Kurs dienten die letzten Zeilen der sortierten Datei als
# Validierung. Genau das passiert auch, wenn man die Daten so, wie sie in der
# Datei stehen, mit `validation_split=0.2` an `fit` übergibt: Keras nimmt dafür
# die **letzten** 20 % der Beispiele, und zwar *bevor* es mischt (so steht es in
# der Dokumentation von `fit`). Bei dieser Datei sind die letzten 30 Zeilen aber
# lauter *virginica*.
#
# Zuerst zählen wir, welche Arten dabei in welchem Teil landen:

# %%
def zaehle_arten(teil):
    """Wie viele Blüten jeder Art ein Teil der Daten enthält."""
    return teil["target"].value_counts().reindex(range(3), fill_value=0).set_axis(ARTEN)


naiv_train, naiv_val = iris.iloc[:120], iris.iloc[120:]
pd.DataFrame({"Training (erste 120)": zaehle_arten(naiv_train), "Validierung (letzte 30)": zaehle_arten(naiv_val)})

# %% [markdown]
# Die Validierung enthält nur eine Art. Was misst eine Validierungsgenauigkeit
# auf diesen 30 Blüten? Probieren wir das dümmste denkbare „Modell“: Es sagt
# **immer** *virginica*, ohne sich die Messwerte überhaupt anzusehen.

# %%
immer_virginica_naiv = np.mean(naiv_val["target"].to_numpy() == 2)
print(f"„Immer virginica“ auf der naiven Validierung: {immer_virginica_naiv:.0%}")

# %% [markdown]
# Ein Modell ohne jedes Wissen erreicht hier die bestmögliche Genauigkeit.
# Jetzt ein echtes kleines Netz: vier Eingänge, eine verdeckte Schicht mit 16
# ReLU-Neuronen und eine Softmax-Schicht mit drei Ausgängen, eine pro Art. Wir
# brauchen es noch öfter, deshalb baut es eine Funktion. Die Lernrate ist mit
# 0,01 größer als Adams Standardwert 0,001, weil der Datensatz winzig ist und
# das Netz nur wenige Schritte pro Epoche macht.

# %%
def baue_netz():
    modell = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    modell.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return modell


epochen_iris = dlkurs.pick(quick=20, full=100)
baue_netz().summary()

# %% [markdown]
# Wir trainieren es genau wie im ursprünglichen Kurs: sortierte Daten,
# `validation_split`. Zum Vergleich nehmen wir einmal die letzten 20 % und einmal
# das letzte Drittel als Validierung. Die Merkmale standardisieren wir mit
# Mittelwert und Standardabweichung des Trainingsteils (mehr dazu gleich).

# %%
x_sortiert = iris[MERKMALE].to_numpy("float32")
y_sortiert = iris["target"].to_numpy()

zeilen = []
for anteil, name in [(0.2, "letzte 20 %"), (1 / 3, "letztes Drittel")]:
    n_train = int(len(iris) * (1 - anteil))
    skalierer = StandardScaler().fit(x_sortiert[:n_train])
    verlauf = baue_netz().fit(
        skalierer.transform(x_sortiert), y_sortiert,
        validation_split=anteil, epochs=epochen_iris, batch_size=16, verbose=0,
    )
    zeilen.append({
        "Validierung": name,
        "Training (set./vers./virg.)": " / ".join(map(str, zaehle_arten(iris.iloc[:n_train]))),
        "Validierung (set./vers./virg.)": " / ".join(map(str, zaehle_arten(iris.iloc[n_train:]))),
        "Netz: val_accuracy": round(verlauf.history["val_accuracy"][-1], 3),
        "„immer virginica“": np.mean(y_sortiert[n_train:] == 2),
    })
pd.DataFrame(zeilen).set_index("Validierung")

# %% [markdown]
# Lies die Tabelle Spalte für Spalte:
#
# - In **beiden** Fällen besteht die Validierung nur aus *virginica*. Die
#   Validierungsgenauigkeit sagt also nur, wie viele *virginica* das Netz
#   erkennt – über *setosa* und *versicolor* sagt sie nichts.
# - Das konstante „Modell“ schlägt das Netz (oder zieht gleich): 100 % ist das
#   Maximum. Eine Zahl, die ein Modell ohne jedes Wissen maximiert, misst nichts
#   Brauchbares.
# - Beim letzten Drittel hat das Netz im Training **keine einzige** *virginica*
#   gesehen. Eine Art, die es nie gelernt hat, sagt es praktisch nie vorher: Die
#   Genauigkeit ist katastrophal, obwohl das Netz selbst in Ordnung ist.
#
# Je nachdem, wo man schneidet, sieht dasselbe Netz also absurd schlecht oder
# verdächtig gut aus. Die Validierung muss dieselbe Mischung enthalten wie die
# Daten, auf die das Modell später trifft.
#
# ## Richtig: mischen und schichten
#
# `train_test_split` aus scikit-learn löst beide Probleme:
#
# - `shuffle=True` mischt die Zeilen, bevor geteilt wird (das ist der
#   Standardwert).
# - `stratify=y` teilt **geschichtet**: Jede Art kommt in Training und Test im
#   selben Anteil vor wie im ganzen Datensatz. Bei 150 Blüten bedeutet „zufällig
#   gemischt“ allein noch nicht „ausgewogen“ – ein Testteil mit 4 *setosa* und 16
#   *virginica* ist ohne Schichtung durchaus möglich.
# - `random_state=42` macht die Aufteilung wiederholbar.
#
# ### Aufgabe: Iris gemischt und geschichtet aufteilen
#
# Teile den ganzen DataFrame `iris` (samt Spalte `target`) in `train_df` (80 %)
# und `test_df` (20 %). Mische, schichte nach `iris["target"]` und nimm
# `random_state=42` (die Zahlen weiter unten beziehen sich auf genau diese
# Aufteilung). `train_test_split` gibt bei einem DataFrame zwei DataFrames
# zurück; der Index der Zeilen bleibt erhalten.

# %%
### BEGIN SOLUTION aufteilung
train_df, test_df = train_test_split(
    iris, test_size=0.2, stratify=iris["target"], shuffle=True, random_state=42
)
### END SOLUTION
aufgabe.aufteilung.check((train_df, test_df))

# %%
# aufgabe.aufteilung.hint()
# aufgabe.aufteilung.solution()

# %% [markdown]
# Vergleiche beide Aufteilungen im Bild: links der naive Schnitt, rechts deine
# geschichtete Aufteilung.

# %%
fig, achsen = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
stellen = np.arange(3)
for ax, (titel, train_teil, val_teil) in zip(achsen, [
    ("Naiv: letzte 30 Zeilen", naiv_train, naiv_val),
    ("Gemischt und geschichtet", train_df, test_df),
]):
    ax.bar(stellen - 0.2, zaehle_arten(train_teil), width=0.4, label="Training")
    ax.bar(stellen + 0.2, zaehle_arten(val_teil), width=0.4, label="Validierung/Test")
    ax.set_xticks(stellen, ARTEN)
    ax.set_title(titel)
    ax.legend()
achsen[0].set_ylabel("Anzahl Blüten")
plt.tight_layout()
plt.show()

# %% [markdown]
# Rechts stehen alle drei Arten in beiden Teilen, und zwar im selben Verhältnis
# (je 40 im Training, je 10 im Test). Die Indizes sind gemischt:

# %%
print("Erste Zeilennummern im Test:", sorted(test_df.index)[:10], "…")
zaehle_arten(test_df)

# %% [markdown]
# ## Das kleine Netz auf der richtigen Aufteilung
#
# Neuronale Netze lernen am besten, wenn alle Merkmale ähnlich groß sind.
# `StandardScaler` verschiebt jedes Merkmal auf Mittelwert 0 und
# Standardabweichung 1. Wichtig: Mittelwert und Standardabweichung kommen **nur
# aus dem Trainingsteil**. Der Testteil spielt „neue Daten“ und darf nichts
# dazu beitragen – sonst sickert Wissen über die Testdaten ins Training.

# %%
skalierer = StandardScaler().fit(train_df[MERKMALE])
x_train = skalierer.transform(train_df[MERKMALE]).astype("float32")
x_test = skalierer.transform(test_df[MERKMALE]).astype("float32")
y_train = train_df["target"].to_numpy()
y_test = test_df["target"].to_numpy()

print("Mittelwerte im Training:", x_train.mean(axis=0).round(2))
print("Mittelwerte im Test:    ", x_test.mean(axis=0).round(2))

# %% [markdown]
# Im Training sind die Mittelwerte (bis auf Rundung) genau 0, im Test nur
# ungefähr – so soll es sein. Jetzt trainieren wir das Netz und bewerten es auf
# dem Testteil.

# %%
keras.utils.set_random_seed(42)
iris_netz = baue_netz()
verlauf = iris_netz.fit(x_train, y_train, epochs=epochen_iris, batch_size=16, verbose=0)
plot_history(verlauf, title="Iris: Training des kleinen Netzes")
plt.show()

verlust, iris_net_accuracy = iris_netz.evaluate(x_test, y_test, verbose=0)
fehler = int(round((1 - iris_net_accuracy) * len(y_test)))
print(f"Testgenauigkeit: {iris_net_accuracy:.3f}  ({fehler} von {len(y_test)} Blüten falsch)")
print(f"„Immer virginica“ auf diesem Testteil: {np.mean(y_test == 2):.0%}")
dlkurs.report(iris_net_accuracy=iris_net_accuracy)

# %% [markdown]
# Auf dem geschichteten Testteil fällt das konstante „Modell“ auf ein Drittel –
# genau das, was Raten bei drei gleich großen Klassen bringt. Jetzt misst die
# Genauigkeit wieder etwas.
#
# Beachte aber: Der Testteil hat nur 30 Blüten. **Eine** falsch eingeordnete
# Blüte kostet schon 3,3 Prozentpunkte. Ob ein Modell 93 % oder 97 % erreicht,
# hängt also stark davon ab, welche Blüten zufällig im Test gelandet sind.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Ein Ensemble – mehrere Modelle stimmen ab
#
# Statt eines einzelnen Modells kann man mehrere trainieren und sie
# **abstimmen** lassen. Wir nehmen drei klassische Verfahren aus Tag 1:
# einen Entscheidungsbaum, einen Random Forest und eine Support-Vektor-Maschine
# (SVM). scikit-learn fasst sie in einem `VotingClassifier` zusammen. Es gibt zwei
# Arten der Abstimmung:
#
# - **hart** (`voting="hard"`): Jedes Modell nennt eine Art, die Mehrheit
#   gewinnt. Sagen Baum und SVM *versicolor* und der Wald *virginica*, gewinnt
#   *versicolor*.
# - **weich** (`voting="soft"`): Jedes Modell liefert Wahrscheinlichkeiten
#   (`predict_proba`), das Ensemble mittelt sie und nimmt die Art mit dem größten
#   Mittelwert. Ein sehr sicheres Modell kann so zwei unsichere überstimmen:
#
# | Modell | setosa | versicolor | virginica |
# |---|---:|---:|---:|
# | Baum | 0,0 | 0,55 | 0,45 |
# | Wald | 0,0 | 0,10 | 0,90 |
# | SVM | 0,0 | 0,55 | 0,45 |
# | **Mittel** | 0,0 | 0,40 | **0,60** |
#
# Hart abgestimmt gewinnt hier *versicolor* (2 : 1), weich *virginica*. (Die
# Zahlen sind ausgedacht: Ein voll ausgewachsener Entscheidungsbaum wie unten
# gibt meist nur 0 oder 1 aus; erst ein beschnittener Baum liefert Werte wie
# 0,55.)
#
# Ein Haken: Eine SVM berechnet von sich aus **keine** Wahrscheinlichkeiten, nur
# einen Abstand zur Trennfläche. `CalibratedClassifierCV(SVC(), ensemble=False)`
# lernt zusätzlich, diese Abstände in Wahrscheinlichkeiten umzurechnen. (Ältere
# Anleitungen schreiben `SVC(probability=True)`; das macht im Wesentlichen
# dasselbe, ist aber seit scikit-learn 1.9 veraltet.)

# %% tags=["vertiefung"]
baum = DecisionTreeClassifier(random_state=42)
wald = RandomForestClassifier(n_estimators=100, random_state=42)
svm = SVC()

# %% [markdown] tags=["vertiefung"]
# ### Aufgabe: weiche Abstimmung
#
# Baue einen `VotingClassifier` namens `abstimmung` mit **weicher** Abstimmung aus
# den drei Modellen oben. Gib jedem Modell einen Namen, z. B.
# `("baum", baum)`. Denk daran, dass die SVM Wahrscheinlichkeiten liefern muss.

# %% tags=["vertiefung"]
### BEGIN SOLUTION abstimmung
###> abstimmung = VotingClassifier(
###>     estimators=[("baum", ___), ("wald", ___), ("svm", ___)],
###>     voting=___,
###> )
abstimmung = VotingClassifier(estimators=[
    ("baum", baum),
    ("wald", wald),
    ("svm", CalibratedClassifierCV(svm, ensemble=False)),
], voting="soft")
### END SOLUTION
aufgabe.abstimmung.check(abstimmung)

# %% tags=["vertiefung"]
# aufgabe.abstimmung.hint()
# aufgabe.abstimmung.solution()

# %% [markdown] tags=["vertiefung"]
# Die harte Abstimmung bekommst du aus deinem Ensemble mit einer Kopie, in der
# nur `voting` anders ist:

# %% tags=["vertiefung"]
abstimmung_hart = clone(abstimmung).set_params(voting="hard")
abstimmung_hart

# %% [markdown] tags=["vertiefung"]
# ## Fair vergleichen: K-fache Kreuzvalidierung
#
# Ein einzelner Testteil mit 30 Blüten ist ein launischer Schiedsrichter. Bei der
# **K-fachen Kreuzvalidierung** aus 2.7, hier mit $K = 5$, teilen wir die 150
# Blüten (gemischt und geschichtet) in fünf Folds zu je 30. Jedes Modell wird
# fünfmal trainiert, jedes Mal mit vier Folds, und auf dem fünften geprüft. In
# 2.7 haben wir damit die Zahl der Epochen gewählt, hier vergleichen wir damit
# Modelle. So kommt jede Blüte genau
# einmal in einen Test, und wir bekommen fünf Genauigkeiten: ihr **Mittelwert**
# ist die Schätzung, ihre **Standardabweichung** zeigt, wie sehr das Ergebnis von
# der Aufteilung abhängt.
#
# Alle Modelle bekommen dieselben Folds. `make_pipeline(StandardScaler(), …)`
# sorgt dafür, dass der Skalierer in jedem Fold nur auf dessen Trainingsteil
# angepasst wird.

# %% tags=["vertiefung"]
x_alle = iris[MERKMALE].to_numpy("float32")
y_alle = iris["target"].to_numpy()
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)

klassisch = {
    "Entscheidungsbaum": baum,
    "Random Forest": wald,
    "SVM": svm,
    "Abstimmung (hart)": abstimmung_hart,
    "Abstimmung (weich)": abstimmung,
}
ergebnisse = {}
for name, modell in klassisch.items():
    ergebnisse[name] = cross_val_score(make_pipeline(StandardScaler(), modell), x_alle, y_alle, cv=folds)
    print(f"{name:<20} {ergebnisse[name].round(3)}")

# %% [markdown] tags=["vertiefung"]
# Für das Keras-Netz gibt es kein `cross_val_score`; die Schleife ist aber kurz.
# Sie macht dasselbe: Folds erzeugen, Skalierer auf dem Trainingsteil anpassen,
# ein **frisches** Netz trainieren, auf dem Testteil bewerten.

# %% tags=["vertiefung"]
genauigkeiten = []
for train_idx, test_idx in folds.split(x_alle, y_alle):
    skalierer_fold = StandardScaler().fit(x_alle[train_idx])
    netz = baue_netz()
    netz.fit(skalierer_fold.transform(x_alle[train_idx]), y_alle[train_idx],
             epochs=epochen_iris, batch_size=16, verbose=0)
    _, genauigkeit = netz.evaluate(skalierer_fold.transform(x_alle[test_idx]), y_alle[test_idx], verbose=0)
    genauigkeiten.append(genauigkeit)
ergebnisse["Kleines Netz (Keras)"] = np.array(genauigkeiten)
print(f"{'Kleines Netz (Keras)':<20} {ergebnisse['Kleines Netz (Keras)'].round(3)}")

# %% [markdown] tags=["vertiefung"]
# Die Übersicht: Mittelwert und Standardabweichung über die fünf Folds, dazu der
# schlechteste und der beste Wert. Im Bild ist jeder graue Punkt ein Fold, der
# blaue Punkt der Mittelwert, der Balken ± eine Standardabweichung.

# %% tags=["vertiefung"]
vergleich = pd.DataFrame({
    "Mittelwert": {name: werte.mean() for name, werte in ergebnisse.items()},
    "Std.-Abw.": {name: werte.std() for name, werte in ergebnisse.items()},
    "schlechtester Fold": {name: werte.min() for name, werte in ergebnisse.items()},
    "bester Fold": {name: werte.max() for name, werte in ergebnisse.items()},
}).sort_values("Mittelwert")

fig, ax = plt.subplots(figsize=(9, 3.5))
for zeile, name in enumerate(vergleich.index):
    werte = ergebnisse[name]
    versatz = np.linspace(-0.2, 0.2, len(werte))  # damit gleiche Werte nicht übereinander liegen
    ax.scatter(werte, zeile + versatz, color="grey", s=12, label="einzelne Folds" if zeile == 0 else None)
    ax.errorbar(werte.mean(), zeile, xerr=werte.std(), fmt="o", color="tab:blue", capsize=4,
                label="Mittelwert ± Std.-Abw." if zeile == 0 else None)
ax.set_yticks(range(len(vergleich)), vergleich.index)
ax.set_xlabel("Genauigkeit")
ax.set_title("Iris: K-fache Kreuzvalidierung (K = 5)")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
fig.tight_layout()
plt.show()

voting_cv_accuracy = ergebnisse["Abstimmung (weich)"].mean()
iris_net_cv_accuracy = ergebnisse["Kleines Netz (Keras)"].mean()
dlkurs.report(voting_cv_accuracy=voting_cv_accuracy, iris_net_cv_accuracy=iris_net_cv_accuracy)
vergleich.round(3)

# %% [markdown] tags=["vertiefung"]
# Worauf du achten solltest:
#
# - Vergleiche die **Unterschiede der Mittelwerte** mit den **Fehlerbalken**.
#   Ein Abstand, der kleiner als die Standardabweichung ist, entspricht oft nur
#   einer oder zwei Blüten und ist bei 150 Blüten kein verlässlicher Vorsprung.
# - Schau dir die Werte je Fold an: Die Modelle schwächeln meist in denselben
#   Folds. Die schwierigen Blüten – die Grenzfälle zwischen *versicolor* und
#   *virginica* aus dem Streudiagramm – sind für alle Verfahren schwierig. Irren
#   alle Mitglieder an denselben Stellen, kann auch eine Abstimmung nichts
#   retten: Ein Ensemble hilft vor allem, wenn seine Mitglieder *verschiedene*
#   Fehler machen.
# - Das Netz ist auf Iris kein Wunderwerk: Für kleine Tabellen mit wenigen,
#   aussagekräftigen Merkmalen sind klassische Verfahren genauso gut, schneller
#   und leichter zu erklären. Ihre Stärke spielen neuronale Netze bei Bildern,
#   Text und Ton mit vielen Beispielen aus – etwa bei CIFAR-10.
#
# ### Denkfrage
#
# Warum reicht ein einzelner Testteil mit 30 Blüten nicht, um zwei Modelle zu
# vergleichen? Was verrät die Standardabweichung der Kreuzvalidierung?
#
# <!-- BEGIN SOLUTION kreuzvalidierung -->
# Mit 30 Testblüten ist jede einzelne Blüte 3,3 Prozentpunkte wert. Welche
# Blüten im Test landen, ist Zufall; eine andere Aufteilung kann leicht ein bis
# zwei Blüten mehr oder weniger falsch liefern und damit die Reihenfolge zweier
# Modelle umdrehen. Die Kreuzvalidierung nutzt jede Blüte genau einmal als Test
# und mittelt über fünf Aufteilungen. Die Standardabweichung zeigt, wie stark die
# Genauigkeit von der Aufteilung abhängt: Ist der Unterschied zweier Modelle
# kleiner als diese Streuung, gibt es keinen belastbaren Sieger.
# <!-- END SOLUTION -->

# %% tags=["vertiefung"]
# aufgabe.kreuzvalidierung.solution()

# %% [markdown]
# ## CIFAR-10: zehn Klassen kleiner Farbfotos
#
# CIFAR-10 enthält 60 000 Farbbilder mit 32 × 32 Pixeln: 50 000 zum Training,
# 10 000 zum Testen, 6 000 pro Klasse. Jedes Bild hat drei Farbkanäle (Rot, Grün,
# Blau) mit Werten von 0 bis 255. Die Labels sind Zahlen von 0 bis 9 in der
# Form `(N, 1)`.
#
# Fehlt der Datensatz auf deinem Rechner, meldet `load` das mit der Abhilfe:
# `dlkurs data download cifar10` (mit Internet, etwa 170 MB) oder das
# Daten-Paket deiner Kursleitung.

# %% tags=["daten:cifar10"]
(cifar_x_train, cifar_y_train), (cifar_x_test, cifar_y_test) = load("cifar10")
probedaten = any(eintrag["dataset"] == "cifar10" for eintrag in substitutions())
if probedaten:
    print("Achtung: Das sind Probedaten der automatischen Tests, nicht der echte CIFAR-10-Datensatz – "
          "Bilder und Zahlen dieses Abschnitts sagen nichts über CIFAR-10 aus.")

print("Training:", cifar_x_train.shape, cifar_x_train.dtype, " Labels:", cifar_y_train.shape)
print("Test:    ", cifar_x_test.shape, cifar_x_test.dtype, " Labels:", cifar_y_test.shape)

# %% tags=["daten:cifar10"]
KLASSEN = ["Flugzeug", "Auto", "Vogel", "Katze", "Hirsch", "Hund", "Frosch", "Pferd", "Schiff", "Lastwagen"]
show_images(cifar_x_train[:16], cifar_y_train[:16, 0], class_names=KLASSEN, columns=8)
plt.show()

# %% [markdown]
# Die Bilder sind winzig; manche erkennt selbst ein Mensch nur mit Mühe. Für ein
# Dense-Netz sind sie einfach 32 · 32 · 3 = 3072 Zahlen.
#
# Wie bei MNIST bringen wir die Pixel auf den Bereich 0 bis 1. Im Schnellprofil
# nehmen wir nur einen Teil der Bilder, damit die Lektion schnell durchläuft.

# %% tags=["daten:cifar10"]
n_cifar = dlkurs.pick(quick=2000, full=None)
n_cifar_test = dlkurs.pick(quick=1000, full=None)
cifar_x_train = cifar_x_train[:n_cifar].astype("float32") / 255
cifar_y_train = cifar_y_train[:n_cifar]
cifar_x_test = cifar_x_test[:n_cifar_test].astype("float32") / 255
cifar_y_test = cifar_y_test[:n_cifar_test]
print("Training:", cifar_x_train.shape, " Wertebereich:", cifar_x_train.min(), "bis", cifar_x_train.max())

# %% [markdown]
# Wir trainieren gleich mit `validation_split=0.1`. Nach dem Iris-Beispiel
# weißt du, dass Keras dafür die letzten 10 % nimmt. Ist das hier in Ordnung?
# Zähl nach:

# %% tags=["daten:cifar10"]
n_val = int(len(cifar_y_train) * 0.1)
pd.Series(np.bincount(cifar_y_train[-n_val:, 0], minlength=10), index=KLASSEN, name="Bilder in der Validierung").to_frame().T

# %% [markdown]
# Bei den echten Daten liegen die Trainingsbilder in zufälliger Reihenfolge vor
# (so beschreiben es die Autoren des Datensatzes); deshalb kommen in den letzten
# 10 % alle Klassen vor, ungefähr gleich oft. Anders als bei der sortierten
# Iris-Datei ist `validation_split` hier unbedenklich. Prüfen solltest du es
# trotzdem jedes Mal.
#
# ### Aufgabe: ein Dense-Netz für CIFAR-10
#
# Baue `cifar_modell` als `keras.Sequential`:
#
# - Eingabe der Form `(32, 32, 3)`,
# - `Flatten`, damit aus jedem Bild ein Vektor mit 3072 Zahlen wird,
# - eine oder zwei verdeckte `Dense`-Schichten mit ReLU (z. B. 256 und 128
#   Einheiten),
# - eine Ausgabeschicht mit 10 Einheiten und Softmax.
#
# Kompiliere es mit Adam, der passenden Verlustfunktion für ganzzahlige Labels
# und der Metrik `accuracy`. Der Prüfer trainiert eine Kopie deines Netzes
# wenige Epochen lang auf kleinen künstlichen Farbbildern (32 × 32 × 3, Werte
# zwischen 0 und 1, zehn Klassen) und erwartet mindestens 70 % Genauigkeit.

# %% tags=["daten:cifar10"]
### BEGIN SOLUTION cifar_modell
cifar_modell = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Flatten(),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
cifar_modell.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
### END SOLUTION
aufgabe.cifar_modell.check(cifar_modell)

# %% tags=["daten:cifar10"]
# aufgabe.cifar_modell.hint()
# aufgabe.cifar_modell.solution()

# %% [markdown]
# Jetzt trainiert dein Netz auf CIFAR-10.

# %% tags=["daten:cifar10"]
cifar_verlauf = cifar_modell.fit(
    cifar_x_train, cifar_y_train,
    epochs=dlkurs.pick(quick=2, full=15), batch_size=128, validation_split=0.1, verbose=2,
)
plot_history(cifar_verlauf, title="CIFAR-10: Dense-Netz")
plt.show()

# %% tags=["daten:cifar10"]
_, cifar_genauigkeit = cifar_modell.evaluate(cifar_x_test, cifar_y_test, verbose=0)
print(f"Testgenauigkeit auf {len(cifar_y_test)} Testbildern: {cifar_genauigkeit:.3f}  (Raten: 0.100)")
if probedaten:
    print("Probedaten der automatischen Tests: Diese Zahl ist bedeutungslos.")
else:
    dlkurs.report(cifar10_test_accuracy=cifar_genauigkeit)

vorhersagen = cifar_modell.predict(cifar_x_test[:16], verbose=0).argmax(axis=1)
show_images(cifar_x_test[:16], cifar_y_test[:16, 0], predictions=vorhersagen, class_names=KLASSEN, columns=8)
plt.show()

# %% [markdown]
# Grün betitelte Bilder hat das Netz richtig eingeordnet; bei roten steht zuerst
# die Vorhersage, in Klammern die richtige Klasse. Achte in den Kurven darauf, ob
# die Validierungsgenauigkeit mit der Trainingsgenauigkeit mitsteigt oder
# zurückbleibt.
#
# > **Zum Vergleich – ein Erfahrungswert, nicht in diesem Notebook gemessen:**
# > Mit allen 50 000 echten Trainingsbildern und etwa 15 Epochen erreicht ein
# > Dense-Netz dieser Größe auf CIFAR-10 etwa 45–55 % Testgenauigkeit; Raten
# > ergibt 10 %. Das ist viel besser als Zufall, aber weit von menschlicher
# > Leistung entfernt. `Flatten` wirft die räumliche Anordnung der Pixel weg: Für
# > das Netz ist ein Pixel oben links nicht „neben“ seinem Nachbarn. Faltungsnetze
# > (Tag 3) nutzen genau diese Nachbarschaft und kommen deutlich weiter.
#
# ## Zusammenfassung
#
# - Sortierte Daten nie einfach am Ende abschneiden – auch `validation_split`
#   nimmt die **letzten** Beispiele. Bei Iris landet so nur eine Art in der
#   Validierung, und die Genauigkeit misst nichts Brauchbares.
# - `train_test_split(..., stratify=y, shuffle=True)` mischt und erhält die
#   Klassenanteile in beiden Teilen.
# - Skalierer nur auf den Trainingsdaten anpassen.
# - Bei kleinen Datensätzen vergleicht man Modelle mit K-facher Kreuzvalidierung:
#   Mittelwert **und** Standardabweichung.
# - Ein `VotingClassifier` lässt mehrere Modelle abstimmen: hart per Mehrheit,
#   weich über gemittelte Wahrscheinlichkeiten (die SVM braucht dafür
#   `CalibratedClassifierCV`).
# - Auf kleinen Tabellen sind klassische Verfahren einem Netz ebenbürtig; bei
#   Bildern wie CIFAR-10 braucht man Netze – und bald Faltungsnetze.

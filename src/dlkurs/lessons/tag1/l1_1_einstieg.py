# %% [markdown]
# # 1.1 Einstieg
#
# Bevor du dein erstes neuronales Netz baust, verschaffen wir uns einen
# Überblick: Woher kommt die künstliche Intelligenz (KI), was heißt
# *maschinelles Lernen*, und welche Arten des Lernens gibt es? Du probierst
# die wichtigsten klassischen Verfahren gleich selbst aus – alle mit
# scikit-learn und in wenigen Sekunden fertig.
#
# Am Ende dieser Lektion kannst du
#
# 1. die wichtigsten Stationen der KI-Geschichte einordnen,
# 2. überwachtes, unüberwachtes und bestärkendes Lernen unterscheiden,
# 3. k-nächste Nachbarn an einem kleinen Beispiel erklären – und erkennen,
#    wann ein Modell die Trainingsdaten nur auswendig lernt,
# 4. einen Entscheidungsbaum auf echten Daten (Titanic) trainieren und seine
#    Genauigkeit selbst messen.
#
# Die Abschnitte **Vertiefung** sind freiwillig – für später oder wenn du
# schneller bist: Clustering (k-Means, DBSCAN), lineare Regression und SVM,
# Random Forest und Gradient Boosting, Lernkurven, Moores Gesetz und die
# Rechenleistung deines eigenen Rechners.

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import dlkurs
from dlkurs.data import load
from dlkurs.exercises import ___, aufgaben
from dlkurs.kit.clusters import plot_clusters
from dlkurs.kit.regions import plot_decision_regions
from dlkurs.kit.speed import gpu_devices, matmul_gflops
from dlkurs.kit.timeline import plot_timeline

aufgabe = aufgaben("1.1")
keras.utils.set_random_seed(42)
print("Profil:", dlkurs.profile())

# %% [markdown]
# ## Eine kurze Geschichte der KI
#
# Die Idee, dass Maschinen denken könnten, ist alt; als Forschungsgebiet
# beginnt die KI 1956 mit der **Dartmouth-Konferenz**, für deren Antrag John
# McCarthy den Begriff *Artificial Intelligence* prägte. Seitdem wechseln sich
# Euphorie und Ernüchterung ab:
#
# - **1950er/60er:** große Erwartungen. Rosenblatts **Perzeptron** (1958) lernt
#   aus Beispielen – ein einzelnes künstliches Neuron.
# - **1969** zeigen Minsky und Papert, dass ein einzelnes Perzeptron einfache
#   Aufgaben wie XOR nicht lösen kann. Zusammen mit unerfüllten Versprechen
#   folgt der **erste KI-Winter** (etwa 1974–1980): kaum noch Forschungsgeld.
# - **1980er:** **Expertensysteme** – von Hand geschriebene Wenn-dann-Regeln
#   von Fachleuten – werden ein Geschäft. Sie sind teuer zu pflegen und
#   versagen außerhalb ihrer Regeln; um 1987 bricht der Markt ein, der
#   **zweite KI-Winter** (etwa 1987–1993) beginnt.
# - **1986** macht die **Backpropagation** (Rumelhart, Hinton, Williams)
#   mehrschichtige Netze trainierbar; **1989** liest ein faltendes Netz von
#   Yann LeCun handgeschriebene Postleitzahlen, **1998** folgen LeNet-5 und
#   der MNIST-Datensatz, mit dem du ab Lektion 1.3 arbeitest.
# - **Ab 2006** wird der Begriff *Deep Learning* populär. Drei Dinge kommen
#   zusammen: große Datensätze (ImageNet, 2009), schnelle Grafikkarten, die man
#   frei programmieren kann (CUDA, 2007), und bessere Trainingsverfahren.
#   **2012** gewinnt das Netz **AlexNet** den ImageNet-Wettbewerb mit großem
#   Abstand – der Durchbruch.
# - Danach geht es Schlag auf Schlag: **AlphaGo** schlägt 2016 den
#   Go-Meister Lee Sedol, 2017 erscheint der **Transformer**, auf dem die
#   GPT-Modelle aufbauen; Ende **2022** macht **ChatGPT** KI für alle sichtbar.
#
# Das Diagramm zeigt die Stationen. Über jeder Zeitachse stehen Meilensteine
# der neuronalen Netze, darunter die der KI allgemein, der Daten und der
# Hardware; die grauen Flächen sind die beiden KI-Winter. Beachte: Das obere
# Diagramm umfasst fast 60 Jahre, das untere nur die 25 Jahre seit 2000 – und
# ist trotzdem genauso voll. Das Tempo hat enorm zugenommen.

# %%
NN, KI = "Neuronale Netze", "KI allgemein, Daten & Hardware"
ereignisse = [
    (1943, "McCulloch & Pitts:\nSchwellenwert-Neuron", NN),
    (1950, "Turing-Test", KI),
    (1956, "Dartmouth-Konferenz:\n„Artificial Intelligence“", KI),
    (1958, "Perzeptron (Rosenblatt)", NN),
    (1966, "ELIZA (Chatbot)", KI),
    (1969, "Minsky & Papert:\n„Perceptrons“ (XOR)", NN),
    (1980, "Expertensysteme\n(XCON bei DEC)", KI),
    (1986, "Backpropagation\n(Rumelhart, Hinton, Williams)", NN),
    (1989, "LeCun: CNN liest\nPostleitzahlen", NN),
    (1997, "Deep Blue schlägt\nKasparow", KI),
    (1997, "LSTM", NN),
    (1998, "LeNet-5 und MNIST", NN),
    (2006, "Deep Belief Networks\n(Hinton)", NN),
    (2007, "CUDA: GPUs frei\nprogrammierbar", KI),
    (2009, "ImageNet", KI),
    (2012, "AlexNet gewinnt\nImageNet", NN),
    (2015, "Keras und\nTensorFlow", KI),
    (2015, "ResNet", NN),
    (2016, "AlphaGo schlägt\nLee Sedol 4:1", KI),
    (2017, "Transformer", NN),
    (2018, "GPT-1, BERT", NN),
    (2020, "GPT-3", NN),
    (2022, "ChatGPT", NN),
    (2024, "Nobelpreise: Hopfield & Hinton,\nHassabis & Jumper (AlphaFold)", KI),
]
ki_winter = [(1974, 1980, "1. KI-Winter"), (1987, 1993, "2. KI-Winter")]

fig, (frueh, spaet) = plt.subplots(2, 1, figsize=(13, 9))
plot_timeline([e for e in ereignisse if e[0] < 2000], ki_winter, ax=frueh, title="1943–1999: Anfänge und KI-Winter")
plot_timeline([e for e in ereignisse if e[0] >= 2000], ax=spaet, title="Seit 2000: Deep Learning", legend=False)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Was ist maschinelles Lernen?
#
# Beim klassischen Programmieren schreibt ein Mensch die **Regeln**, und der
# Computer wendet sie auf **Daten** an, um **Antworten** zu berechnen – so
# arbeiten auch die Expertensysteme. Beim **maschinellen Lernen** (ML) ist es
# umgekehrt: Du gibst dem Computer Daten *und* die zugehörigen Antworten, und
# er findet die Regeln selbst.
#
# | | hinein | heraus |
# |---|---|---|
# | klassisches Programmieren | Regeln + Daten | Antworten |
# | maschinelles Lernen | Daten + Antworten | Regeln (ein **Modell**) |
#
# Eine bekannte Definition stammt von Tom Mitchell (1997): Ein Programm
# *lernt* aus Erfahrung E bezüglich einer Aufgabe T und eines Leistungsmaßes P,
# wenn seine mit P gemessene Leistung bei T mit der Erfahrung E besser wird.
# Beim Spamfilter ist T „Spam erkennen“, E sind markierte E-Mails und P der
# Anteil richtig einsortierter E-Mails.
#
# **Deep Learning** ist ein Teil des maschinellen Lernens: Lernen mit
# neuronalen Netzen aus vielen Schichten. Und maschinelles Lernen ist ein Teil
# der KI – zu der auch Regelsysteme, Suchverfahren und Logik gehören.

# %%
from matplotlib.patches import Ellipse

fig, ax = plt.subplots(figsize=(6, 3.6))
for breite, hoehe, farbe, text, y_text in [
    (5.6, 3.4, "#dbe7f3", "Künstliche Intelligenz", 1.35),
    (3.8, 2.3, "#c6dbb8", "Maschinelles Lernen", 0.7),
    (2.0, 1.1, "#f4c9a8", "Deep Learning", 0.0),
]:
    ax.add_patch(Ellipse((0, 0), breite, hoehe, facecolor=farbe, edgecolor="grey"))
    ax.text(0, y_text, text, ha="center", va="center", fontsize=11)
ax.set_xlim(-3, 3)
ax.set_ylim(-1.8, 1.8)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Deep Learning ⊂ maschinelles Lernen ⊂ KI")
plt.show()

# %% [markdown]
# ### Drei Arten zu lernen
#
# - **Überwachtes Lernen** (*supervised*): Zu jedem Trainingsbeispiel gibt es
#   die richtige Antwort, das **Label**. Ist die Antwort eine Klasse („Spam“,
#   „überlebt“), heißt die Aufgabe **Klassifikation**; ist sie eine Zahl
#   (ein Preis), **Regression**.
# - **Unüberwachtes Lernen** (*unsupervised*): Es gibt nur die Daten, keine
#   Antworten. Das Verfahren soll selbst Struktur finden: Gruppen
#   (**Clustering**), Auffälliges (**Anomalieerkennung**) oder eine
#   einfachere Darstellung (Dimensionsreduktion).
# - **Bestärkendes Lernen** (*reinforcement learning*): Ein Programm handelt in
#   einer Umgebung und bekommt nur eine **Belohnung** – oft erst nach vielen
#   Schritten, etwa Sieg oder Niederlage. So hat AlphaGo gelernt.
#
# Große Sprachmodelle wie GPT lernen *selbstüberwacht*: Sie sagen das nächste
# Wort eines Textes vorher. Das Label steckt dabei in den Daten selbst – es
# ist das Wort, das tatsächlich folgt. Technisch ist das überwachtes Lernen,
# nur ohne Menschen, die Labels vergeben.
#
# ## Aufgabe: Welche Lernart?
#
# Ordne jeder Aufgabe ihre Lernart zu: `"überwacht"`, `"unüberwacht"` oder
# `"bestärkend"`. Ersetze dazu jeden Platzhalter `___` im dict.
#
# | Schlüssel | Aufgabe |
# |---|---|
# | `spamfilter` | Aus E-Mails, die Menschen als „Spam“ oder „kein Spam“ markiert haben, einen Filter lernen |
# | `kundengruppen` | Kundinnen und Kunden nach ihrem Kaufverhalten in Gruppen einteilen – welche Gruppen es gibt, weiß niemand vorher |
# | `hauspreis` | Den Verkaufspreis eines Hauses aus Wohnfläche und Lage schätzen, gelernt aus vergangenen Verkäufen |
# | `go_spiel` | Ein Programm lernt Go, indem es gegen sich selbst spielt und erst am Ende erfährt, ob es gewonnen hat |
# | `betrug` | Ungewöhnliche Kreditkartenzahlungen finden, ohne dass je eine Zahlung als Betrug markiert wurde |
# | `titanic` | Aus Alter, Geschlecht und Klasse vorhersagen, ob ein Passagier der Titanic überlebt hat |

# %%
### BEGIN SOLUTION lernart
###> lernart = {
###>     "spamfilter": ___,
###>     "kundengruppen": ___,
###>     "hauspreis": ___,
###>     "go_spiel": ___,
###>     "betrug": ___,
###>     "titanic": ___,
###> }
lernart = dict(
    spamfilter="überwacht",
    kundengruppen="unüberwacht",
    hauspreis="überwacht",
    go_spiel="bestärkend",
    betrug="unüberwacht",
    titanic="überwacht",
)
### END SOLUTION
aufgabe.lernart.check(lernart)

# %%
# aufgabe.lernart.hint()
# aufgabe.lernart.solution()

# %% [markdown]
# Die meisten Aufgaben in diesem Kurs sind **überwacht**: Bilder mit ihrer
# Ziffer, Filmkritiken mit „positiv“/„negativ“, Häuser mit ihrem Preis.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Unüberwachtes Lernen – Clustering
#
# Wir erzeugen 300 Punkte in der Ebene, die in drei Haufen liegen
# (`make_blobs`). Die wahre Gruppe jedes Punktes kennen wir, weil wir die Daten
# selbst erzeugt haben – den Verfahren verraten wir sie aber nicht.
#
# **k-Means** braucht die Zahl $k$ der Gruppen. Es setzt $k$ Zentren, ordnet
# jeden Punkt dem nächsten Zentrum zu, schiebt jedes Zentrum in den
# Mittelpunkt seiner Punkte und wiederholt das, bis sich nichts mehr ändert.
#
# **DBSCAN** braucht keine Gruppenzahl, sondern einen Radius `eps` und eine
# Mindestzahl `min_samples`: Ein Punkt mit mindestens `min_samples` Nachbarn
# (sich selbst mitgezählt) im Umkreis `eps` ist ein *Kernpunkt*. Kernpunkte,
# die nahe beieinander liegen, bilden mit ihren Nachbarn eine Gruppe; Punkte,
# die zu keiner Gruppe gehören, sind **Rauschen** (Label `-1`).

# %% tags=["vertiefung"]
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import adjusted_rand_score

X_haufen, y_haufen = make_blobs(n_samples=300, centers=3, cluster_std=0.8, random_state=42)
kmeans = KMeans(n_clusters=3, n_init=10, random_state=42).fit(X_haufen)
dbscan = DBSCAN(eps=1.0, min_samples=5).fit(X_haufen)

fig, axes = plt.subplots(1, 3, figsize=(12, 4))
plot_clusters(X_haufen, np.zeros(len(X_haufen)), ax=axes[0], title="Die Daten (ohne Labels)")
plot_clusters(X_haufen, kmeans.labels_, ax=axes[1], title="k-Means (k = 3)", centers=kmeans.cluster_centers_)
plot_clusters(X_haufen, dbscan.labels_, ax=axes[2], title="DBSCAN (eps = 1.0)")
plt.show()

print("Übereinstimmung mit den wahren Gruppen (Adjusted Rand Index, 1 = perfekt):")
print(f"  k-Means: {adjusted_rand_score(y_haufen, kmeans.labels_):.3f}")
print(f"  DBSCAN:  {adjusted_rand_score(y_haufen, dbscan.labels_):.3f}")

# %% [markdown] tags=["vertiefung"]
# Bei runden, gut getrennten Haufen finden beide Verfahren die drei Gruppen.
# DBSCAN erklärt nur ein paar einzelne Punkte am Rand zu Rauschen (graue
# Kreuze). Der **Adjusted Rand Index** (ARI) misst, wie gut eine Einteilung
# mit den wahren Gruppen übereinstimmt: 1 heißt perfekt, um 0 herum ist sie
# nicht besser als Zufall. Die Nummern der Gruppen spielen dabei keine Rolle.
#
# Jetzt zwei ineinandergreifende Halbmonde (`make_moons`). Die Gruppen sind
# hier nicht rund, sondern **gekrümmt**.

# %% tags=["vertiefung"]
X_monde, y_monde = make_moons(n_samples=300, noise=0.06, random_state=42)
kmeans_monde = KMeans(n_clusters=2, n_init=10, random_state=42).fit(X_monde)
dbscan_monde = DBSCAN(eps=0.2, min_samples=5).fit(X_monde)

ari_kmeans = adjusted_rand_score(y_monde, kmeans_monde.labels_)
ari_dbscan = adjusted_rand_score(y_monde, dbscan_monde.labels_)
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
plot_clusters(X_monde, kmeans_monde.labels_, ax=axes[0], title=f"k-Means (k = 2): ARI {ari_kmeans:.2f}",
              centers=kmeans_monde.cluster_centers_)
plot_clusters(X_monde, dbscan_monde.labels_, ax=axes[1], title=f"DBSCAN (eps = 0.2): ARI {ari_dbscan:.2f}")
plt.show()
dlkurs.report(dbscan_moons_ari=ari_dbscan)

# %% [markdown] tags=["vertiefung"]
# k-Means schneidet die Monde mit einer geraden Linie durch: Jeder Punkt
# gehört zum *nächsten Zentrum*, und die Grenze zwischen zwei Zentren ist immer
# eine Gerade. DBSCAN folgt dagegen der Dichte der Punkte von Nachbar zu
# Nachbar und findet beide Monde. Welches Verfahren passt, hängt also von der
# Form der Gruppen ab – und `eps` musst du passend zur Skala der Daten wählen.

# %% [markdown]
# ## Überwachtes Lernen
#
# ### k-nächste Nachbarn
#
# Das einfachste überwachte Verfahren: Um einen neuen Punkt zu klassifizieren,
# suche die $k$ nächsten Trainingspunkte und nimm die Klasse, die unter ihnen
# am häufigsten ist. Wir nehmen verrauschte Halbmonde mit Labels, trainieren
# auf 75 % der Punkte und **testen auf den restlichen 25 %**, die das Modell
# nie gesehen hat. Die Farbflächen zeigen, welche Klasse das Modell an jeder
# Stelle der Ebene vorhersagen würde.

# %%
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X_punkte, y_punkte = make_moons(n_samples=400, noise=0.3, random_state=42)
Xp_train, Xp_test, yp_train, yp_test = train_test_split(X_punkte, y_punkte, test_size=0.25, random_state=42)

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
for ax, k in zip(axes, [1, 15]):
    knn = KNeighborsClassifier(n_neighbors=k).fit(Xp_train, yp_train)
    titel = (f"k = {k}: Training {knn.score(Xp_train, yp_train):.2f}, "
             f"Test {knn.score(Xp_test, yp_test):.2f}")
    plot_decision_regions(knn, Xp_train, yp_train, ax=ax, title=titel)
plt.show()

# %% [markdown]
# Mit $k = 1$ ist jeder Trainingspunkt sein eigener nächster Nachbar: Auf den
# Trainingsdaten ist das Modell perfekt (1.00), die Grenze ist zerklüftet und
# umschließt sogar einzelne verirrte Punkte. Auf den Testdaten ist es nicht
# besser als mit $k = 15$ – dort ist die Grenze glatt. Das Modell mit $k = 1$
# hat das Rauschen **auswendig gelernt**. Diesem Effekt, der
# **Überanpassung** (*overfitting*), begegnest du im Kurs immer wieder.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Lineare Regression und SVM
#
# Bei der Regression ist die Antwort eine Zahl. Wir erzeugen Punkte auf der
# Geraden $y = 2{,}5\,x + 4$ und verrauschen sie. Die lineare Regression sucht
# die Gerade $\hat y = w\,x + b$, bei der der **mittlere quadratische Fehler**
# $\frac{1}{n}\sum_i (y_i - \hat y_i)^2$ am kleinsten ist – findet sie die
# wahre Gerade wieder?

# %% tags=["vertiefung"]
from sklearn.linear_model import LinearRegression

rng = np.random.default_rng(42)
x = rng.uniform(0, 10, size=50)
y = 2.5 * x + 4 + rng.normal(0, 2, size=50)

regression = LinearRegression().fit(x.reshape(-1, 1), y)  # Tabelle mit einer Spalte je Merkmal: (50, 1)
w, b = regression.coef_[0], regression.intercept_
print(f"gelernt: y = {w:.2f}·x + {b:.2f}    (wahr: y = 2.50·x + 4.00)")

linie = np.linspace(0, 10, 2)
plt.figure(figsize=(6, 4))
plt.scatter(x, y, s=15, label="Daten")
plt.plot(linie, 2.5 * linie + 4, "k--", label="wahre Gerade")
plt.plot(linie, w * linie + b, "r-", label="gelernte Gerade")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Lineare Regression")
plt.legend()
plt.show()

# %% [markdown] tags=["vertiefung"]
# Steigung und Achsenabschnitt liegen nahe an den wahren Werten, aber nicht
# genau darauf: Aus 50 verrauschten Punkten lässt sich die Gerade nur
# ungefähr bestimmen. Mit mehr Punkten würde die Schätzung genauer.
#
# ### Support Vector Machine (SVM)
#
# Eine SVM trennt zwei Klassen durch die Grenze mit dem **größten Abstand**
# (*Margin*) zu den nächsten Punkten beider Klassen. Nur diese nächsten Punkte,
# die **Stützvektoren**, bestimmen die Grenze. Links siehst du eine lineare SVM
# (durchgezogen: die Grenze, gestrichelt: der Rand des Margins, Kreise: die
# Stützvektoren). Rechts rechnet eine SVM mit **RBF-Kern** auf den
# verrauschten Halbmonden von eben: Der Kern erlaubt gekrümmte Grenzen.

# %% tags=["vertiefung"]
from sklearn.svm import SVC

X_zwei, y_zwei = make_blobs(n_samples=60, centers=2, cluster_std=1.2, random_state=6)
svm_linear = SVC(kernel="linear", C=1.0).fit(X_zwei, y_zwei)
svm_rbf = SVC(kernel="rbf", C=1.0).fit(Xp_train, yp_train)
svm_linear_monde = SVC(kernel="linear", C=1.0).fit(Xp_train, yp_train)

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
plot_decision_regions(svm_linear, X_zwei, y_zwei, ax=axes[0], margin=True,
                      title=f"lineare SVM: {len(svm_linear.support_vectors_)} Stützvektoren")
plot_decision_regions(svm_rbf, Xp_train, yp_train, ax=axes[1],
                      title=f"RBF-SVM auf den Halbmonden: Test {svm_rbf.score(Xp_test, yp_test):.2f}")
plt.show()
print(f"Zum Vergleich eine lineare SVM auf den Halbmonden: Test {svm_linear_monde.score(Xp_test, yp_test):.2f}")

# %% [markdown] tags=["vertiefung"]
# Auf den Halbmonden ist die gekrümmte Grenze der RBF-SVM deutlich besser als
# jede Gerade. Merke dir: Ein Verfahren ist nur so gut, wie seine möglichen
# Grenzen zur Form der Daten passen. Neuronale Netze sind so beliebt, weil sie
# sehr viele Formen lernen können.

# %% [markdown]
# ## Ein Entscheidungsbaum für die Titanic
#
# Jetzt echte Daten: die Passagierliste der Titanic – 891 der gut 2200
# Menschen an Bord, der Trainingsteil eines bekannten Kaggle-Wettbewerbs. Die
# Spalte `Survived` ist das Label (1 = überlebt).

# %%
titanic = load("titanic")
print(titanic.shape)
titanic.head()

# %% [markdown]
# Wer hat überlebt? Die Tabelle zeigt den Anteil der Überlebenden nach
# Geschlecht und Klasse.

# %%
titanic.pivot_table(index="Sex", columns="Pclass", values="Survived", aggfunc="mean").round(2)

# %% [markdown]
# „Frauen und Kinder zuerst“: Frauen der 1. Klasse haben zu 97 % überlebt,
# Männer der 3. Klasse nur zu 14 %. Geschlecht und Klasse sind also starke
# Merkmale. Bevor ein Modell damit rechnen kann, braucht es aber **Zahlen
# ohne Lücken**:

# %%
titanic.isna().sum()

# %% [markdown]
# Bei 177 Passagieren fehlt das Alter, bei 687 die Kabine, bei 2 der
# Einstiegshafen. Wir nehmen die sechs Merkmale `Pclass, Sex, Age, SibSp,
# Parch, Fare` (`SibSp`: Geschwister und Ehepartner an Bord, `Parch`: Eltern
# und Kinder an Bord, `Fare`: Fahrpreis). `Cabin` lassen wir weg, weil sie
# meist fehlt; `Name` und `Ticket` sind Text.
#
# ## Aufgabe: Merkmale vorbereiten
#
# Schreibe die Funktion `bereite_vor(df)`. Sie bekommt eine Tabelle wie
# `titanic` und gibt eine **neue** Tabelle zurück,
#
# - mit genau den Spalten `MERKMALE` (in dieser Reihenfolge),
# - in der `Sex` eine Zahl ist (keine Zahl als Text): `"female"` → 1, `"male"` → 0,
# - in der fehlende Werte in `Age` durch den **Median** der Spalte `Age` von
#   `df` ersetzt sind, ungerundet (der Median ist der mittlere Wert der sortierten Alter;
#   einzelne sehr alte Passagiere verschieben ihn – anders als den Mittelwert –
#   kaum).
#
# Die übergebene Tabelle `df` darf sich dabei **nicht verändern**: Sonst
# würdest du beim zweiten Ausführen der Zelle schon vorbereitete Daten noch
# einmal bearbeiten.
#
# Der Rest der Lektion rechnet mit deiner Funktion weiter. Wenn du nicht
# weiterkommst, hol dir Tipps oder die Lösung, bevor du die nächsten Zellen
# ausführst.

# %%
MERKMALE = ["Pclass", "Sex", "Age", "SibSp", "Parch", "Fare"]


def bereite_vor(df):
    """Die Spalten MERKMALE als neue Tabelle: Sex als 0/1, fehlende Alter durch den Median ersetzt."""
    ### BEGIN SOLUTION bereite_vor
    ###> # 1. eine Kopie der Spalten MERKMALE, 2. Sex in 0/1 umwandeln, 3. fehlende Alter auffüllen
    ###> return ___
    X = df[MERKMALE].copy()
    X["Sex"] = X["Sex"].map({"male": 0, "female": 1})
    X["Age"] = X["Age"].fillna(df["Age"].median())
    return X
    ### END SOLUTION


aufgabe.bereite_vor.check(bereite_vor)

# %%
# aufgabe.bereite_vor.hint()
# aufgabe.bereite_vor.solution()

# %% [markdown]
# Jetzt teilen wir die Passagiere auf: 75 % zum Trainieren, 25 % zum Testen.
# `stratify=y` sorgt dafür, dass in beiden Teilen gleich viele Überlebende
# (anteilig) sind; `random_state=42` macht die zufällige Aufteilung
# wiederholbar.

# %%
X = bereite_vor(titanic)
y = titanic["Survived"]
print("Merkmale:", X.shape, " Labels:", y.shape)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=42)
print("Training:", X_train.shape, " Test:", X_test.shape)
print(f"Median-Alter aller Passagiere: {titanic['Age'].median():.1f}, "
      f"nur der Trainingspassagiere: {titanic.loc[X_train.index, 'Age'].median():.1f}")
X_train.head()

# %% [markdown]
# Eine Feinheit: Den Median haben wir aus *allen* 891 Passagieren berechnet,
# also auch aus den späteren Testpassagieren. Streng genommen darf nichts aus
# den Testdaten in die Vorbereitung einfließen – sonst ist der Test nicht mehr
# ganz unabhängig. Hier ist der Unterschied klein (die Zeile darüber zeigt
# beide Mediane); in Lektion 2.7 (Hauspreise) berechnest du solche Werte
# sauber nur aus den Trainingsdaten – hier wäre das der zweite Median der
# Zeile darüber, der nur die Trainingspassagiere kennt.
#
# ### Der Baum
#
# Ein **Entscheidungsbaum** stellt eine Folge von Ja-Nein-Fragen wie „Ist
# `Sex` ≤ 0,5?“ (also: männlich?). Beim Training wählt er an jedem Knoten die
# Frage, die die Passagiere am saubersten in Überlebende und Gestorbene
# trennt. `max_depth=3` erlaubt höchstens drei Fragen hintereinander.

# %%
from sklearn.metrics import accuracy_score
from sklearn.tree import DecisionTreeClassifier, plot_tree

baum = DecisionTreeClassifier(max_depth=3, random_state=42).fit(X_train, y_train)
vorhersage = baum.predict(X_test)
print("die ersten zehn Vorhersagen:", vorhersage[:10])
print("die wahren Labels:          ", y_test.to_numpy()[:10])

# %% [markdown]
# ## Aufgabe: Genauigkeit selbst berechnen
#
# Die **Genauigkeit** (*accuracy*) ist der Anteil der richtigen Vorhersagen:
#
# $$\text{Genauigkeit} = \frac{\text{Anzahl richtige Vorhersagen}}{\text{Anzahl aller Vorhersagen}}$$
#
# Schreibe `genauigkeit(y_true, y_pred)` und berechne sie **selbst**, ohne
# scikit-learn – dessen `accuracy_score` nimmst du gleich danach zum
# Vergleich. Die Funktion soll Listen, NumPy-Arrays und pandas-Serien annehmen
# (die Labels können beliebige Werte sein: Zahlen, auch mit Nachkommastellen,
# oder Texte wie `"Katze"`) und eine Zahl zwischen 0 und 1 zurückgeben,
# ungerundet. Zwei Sonderfälle, wie bei scikit-learns `accuracy_score`:
#
# - Sind beide Eingaben **leer**, ist die Genauigkeit nicht definiert (0/0):
#   löse dann einen `ValueError` aus.
# - Sind die Eingaben **verschieden lang**, passt etwas nicht zusammen:
#   ebenfalls `ValueError`.
#
# Achtung: `y_test` ist eine pandas-Serie. Ihr Index trägt die Zeilennummern
# aus der ursprünglichen Tabelle, durcheinander gewürfelt – nicht 0, 1, 2, …
#
# Die Zelle nach der Aufgabe rechnet mit deiner Funktion weiter. Wenn du nicht
# weiterkommst, hol dir Tipps oder die Lösung, bevor du sie ausführst.

# %%
def genauigkeit(y_true, y_pred):
    """Anteil der Stellen, an denen y_pred mit y_true übereinstimmt."""
    ### BEGIN SOLUTION genauigkeit
    ###> # 1. beide Eingaben in Arrays umwandeln, 2. Sonderfälle: ValueError, 3. Anteil der Treffer zurückgeben
    ###> return ___
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"Verschieden viele Werte: {y_true.shape} und {y_pred.shape}")
    if y_true.size == 0:
        raise ValueError("Leere Eingabe: die Genauigkeit ist nicht definiert")
    return float(np.mean(y_true == y_pred))
    ### END SOLUTION


aufgabe.genauigkeit.check(genauigkeit)

# %%
# aufgabe.genauigkeit.hint()
# aufgabe.genauigkeit.solution()

# %% [markdown]
# Jetzt rechnen wir mit deiner Funktion nach und vergleichen mit
# scikit-learn. Eine Genauigkeit ist nur im Vergleich etwas wert: Wie gut wäre
# ein „Modell“, das einfach immer „nicht überlebt“ sagt?

# %%
baum_genauigkeit = accuracy_score(y_test, vorhersage)
dlkurs.report(titanic_tree_accuracy=baum_genauigkeit)
print(f"Genauigkeit, scikit-learn:     {baum_genauigkeit:.3f}")
raten = accuracy_score(y_test, np.zeros_like(y_test))
print(f"Immer 'nicht überlebt' raten:  {raten:.3f}")
selbst = float(genauigkeit(y_test, vorhersage))
print(f"Genauigkeit, selbst berechnet: {selbst:.3f}")

# %% [markdown]
# Der Baum liegt deutlich über dem bloßen Raten. Und anders als die meisten
# Modelle kannst du ihn komplett ansehen. In jedem Kasten steht die Frage
# (links geht es bei „ja“ weiter, rechts bei „nein“ – an den ersten Pfeilen
# steht `True` und `False`), `gini` (wie gemischt
# die Passagiere dort sind: 0 = alle gleich), `samples` (wie viele
# Trainingspassagiere dort ankommen), `value` (wie viele davon gestorben bzw.
# überlebt sind) und `class` (die Mehrheit, also die Vorhersage). Je
# kräftiger die Farbe, desto eindeutiger die Mehrheit.

# %%
plt.figure(figsize=(18, 7))
plot_tree(baum, feature_names=MERKMALE, class_names=["gestorben", "überlebt"], filled=True, rounded=True,
          fontsize=8)
plt.title("Entscheidungsbaum (Tiefe 3) für die Titanic")
plt.show()

# %% [markdown]
# Die erste Frage ist die nach dem Geschlecht – genau das Merkmal mit dem
# größten Unterschied in der Tabelle oben. Danach fragt der Baum bei Männern
# nach dem Alter (die wenigen Jungen bis 3 Jahre haben fast alle überlebt) und
# bei Frauen nach der Klasse.
#
# ### Wie tief darf der Baum werden?
#
# Ein tieferer Baum kann feinere Regeln lernen. Ist tiefer also immer besser?
# Um das zu prüfen, dürfen wir **nicht** die Testdaten benutzen: Wer die Tiefe
# so lange verstellt, bis der Test gut aussieht, passt das Modell heimlich an
# die Testdaten an. Stattdessen nehmen wir **Kreuzvalidierung** auf den
# Trainingsdaten: Sie werden in 5 gleich große Teile geteilt, die **Folds**;
# fünfmal wird auf vier Folds trainiert und auf dem fünften geprüft, und wir
# mitteln die fünf Ergebnisse. Das heißt **5-fache Kreuzvalidierung**
# (allgemein: K-fache Kreuzvalidierung mit K Folds).

# %%
from sklearn.model_selection import StratifiedKFold, cross_validate

faltung = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
tiefen = list(range(1, 16))
training, validierung = [], []
for tiefe in tiefen:
    ergebnis = cross_validate(DecisionTreeClassifier(max_depth=tiefe, random_state=42), X_train, y_train,
                              cv=faltung, return_train_score=True)
    training.append(ergebnis["train_score"].mean())
    validierung.append(ergebnis["test_score"].mean())

plt.figure(figsize=(7, 4))
plt.plot(tiefen, training, "o-", label="Training")
plt.plot(tiefen, validierung, "s--", label="Validierung (5-fach)")
plt.xlabel("max_depth (Tiefe des Baums)")
plt.ylabel("Genauigkeit")
plt.title("Entscheidungsbaum: Tiefe gegen Genauigkeit")
plt.legend()
plt.grid(alpha=0.3)
plt.show()
beste_tiefe = tiefen[int(np.argmax(validierung))]
print(f"beste Tiefe laut Validierung: {beste_tiefe} ({max(validierung):.3f}); "
      f"Tiefe 15: Training {training[-1]:.3f}, Validierung {validierung[-1]:.3f}")

# %% [markdown]
# ## Denkfrage: Warum hilft ein tieferer Baum nicht immer?
#
# Die Trainingsgenauigkeit steigt mit der Tiefe fast bis 1, die
# Validierungsgenauigkeit nicht. Woran liegt das? Und was hat das mit $k = 1$
# bei den nächsten Nachbarn zu tun?
#
# <!-- BEGIN SOLUTION tiefer_baum -->
# Ein tiefer Baum kann für fast jeden einzelnen Trainingspassagier eine eigene
# Regel bilden („Mann, 3. Klasse, 28 Jahre, Fahrpreis 7,90 → gestorben“). Er
# lernt damit auch Zufälle der Trainingsdaten auswendig, die für neue
# Passagiere nicht gelten – er ist **überangepasst** (*Overfitting*). Auf den Trainingsdaten sieht
# das perfekt aus, auf ungesehenen Daten wird es nicht besser und oft
# schlechter. Genauso merkt sich k-nächste-Nachbarn mit $k = 1$ jeden
# Trainingspunkt. Gegen Überanpassung helfen einfachere Modelle (geringere
# Tiefe, größeres $k$), mehr Daten – oder viele Modelle, deren Fehler sich
# ausgleichen: siehe die Vertiefung „Viele Bäume“ gleich danach.
# <!-- END SOLUTION -->

# %%
# aufgabe.tiefer_baum.solution()

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Viele Bäume – Bagging und Boosting
#
# Ein einzelner Baum ist anschaulich, aber wacklig: Schon ein paar andere
# Trainingspassagiere können andere Fragen hervorbringen. Zwei Ideen machen
# aus vielen Bäumen ein besseres Modell – ein **Ensemble**:
#
# - **Bagging** (*bootstrap aggregating*), hier als **Random Forest**: Jeder
#   von vielen tiefen Bäumen lernt auf einer eigenen Zufallsstichprobe der
#   Trainingsdaten (gezogen mit Zurücklegen) und darf an jeder Verzweigung nur
#   unter zufällig ausgewählten Merkmalen wählen. Die Bäume stimmen ab. Ihre
#   Fehler sind verschieden und gleichen sich aus: Das Ensemble **schwankt
#   weniger** als ein einzelner Baum.
# - **Boosting**, hier als **Gradient Boosting**: Viele *flache* Bäume werden
#   **nacheinander** gelernt; jeder neue Baum korrigiert die Fehler, die die
#   bisherigen noch machen. So wird aus vielen schwachen Modellen ein starkes.
#
# Wir vergleichen vier Modelle: mit Kreuzvalidierung auf den Trainingsdaten
# (Mittelwert ± Standardabweichung über die 5 Folds) und einmal auf den
# Testdaten.

# %% tags=["vertiefung"]
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier

modelle = {
    "Baum (Tiefe 3)": DecisionTreeClassifier(max_depth=3, random_state=42),
    "Baum (ohne Grenze)": DecisionTreeClassifier(random_state=42),
    "Random Forest": RandomForestClassifier(n_estimators=200, random_state=42),
    "Gradient Boosting": GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=42),
}
zeilen = []
for name, modell in modelle.items():
    cv = cross_validate(modell, X_train, y_train, cv=faltung)["test_score"]
    modell.fit(X_train, y_train)
    zeilen.append({"Modell": name, "Validierung": cv.mean(), "± (Std.)": cv.std(),
                   "Test": modell.score(X_test, y_test)})
vergleich = pd.DataFrame(zeilen).set_index("Modell").round(3)
vergleich

# %% tags=["vertiefung"]
fig, ax = plt.subplots(figsize=(8, 4))
positionen = np.arange(len(vergleich))
ax.bar(positionen - 0.2, vergleich["Validierung"], 0.4, yerr=vergleich["± (Std.)"], capsize=4,
       label="Validierung (5-fach, ± Std.)")
ax.bar(positionen + 0.2, vergleich["Test"], 0.4, label="Test")
ax.axhline(raten, color="grey", ls=":", label="immer „nicht überlebt“ (Test)")
ax.set_xticks(positionen, vergleich.index)
ax.set_ylim(0.6, 0.95)
ax.set_ylabel("Genauigkeit")
ax.set_title("Titanic: ein Baum gegen Bagging und Boosting")
ax.legend(loc="upper left", ncol=3, fontsize=8)
plt.show()
dlkurs.report(forest_accuracy=vergleich.loc["Random Forest", "Test"],
              boosting_accuracy=vergleich.loc["Gradient Boosting", "Test"])

# %% [markdown] tags=["vertiefung"]
# Was du siehst (die Achse beginnt bei 0,6; die gepunktete Linie ist das
# bloße Raten von eben):
#
# - Der Baum **ohne Grenze** ist der schwächste – er ist überangepasst.
# - Random Forest und Gradient Boosting schlagen beide einzelnen Bäume der
#   Tabelle, ohne dass wir eine passende Tiefe suchen mussten. Vorn liegt hier
#   Gradient Boosting.
# - Die Unterschiede sind aber nur wenige Prozentpunkte, teils nicht größer
#   als die Schwankung zwischen den fünf Teilen (die Fehlerbalken). Die
#   Testmenge hat nur 223 Passagiere; ein einziger Passagier macht 0,45
#   Prozentpunkte aus. Ziehe aus kleinen Unterschieden auf so wenigen Daten
#   keine großen Schlüsse.
#
# Auf Tabellen wie dieser sind Baum-Ensembles bis heute oft die beste Wahl.
# Neuronale Netze spielen ihre Stärke bei Bildern, Texten und Tönen aus – und
# wenn es sehr viele Daten gibt.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Warum ML mit den Daten wächst
#
# Wie hängt die Genauigkeit von der Zahl der Trainingsbeispiele ab? Eine
# **Lernkurve** zeigt es. Wir nehmen den Ziffern-Datensatz von scikit-learn
# (1797 kleine Bilder 8×8 Pixel, Ziffern 0–9) und trainieren mit wachsenden
# Teilmengen zwei Modelle: ein **flexibles** (SVM mit RBF-Kern) und ein
# **kleines** (Entscheidungsbaum der Tiefe 4, höchstens 16 Blätter für 10
# Ziffern). Geprüft wird jeweils auf Bildern, die nicht im Training waren.

# %% tags=["vertiefung"]
from sklearn.model_selection import StratifiedShuffleSplit, learning_curve
from sklearn.svm import SVC

ziffern = load("digits")
X_ziffern = ziffern.drop(columns="target").to_numpy() / 16.0  # Pixel 0..16 -> 0..1
y_ziffern = ziffern["target"].to_numpy()

aufteilungen = StratifiedShuffleSplit(n_splits=dlkurs.pick(quick=3, full=5), test_size=0.25, random_state=42)
anteile = np.linspace(0.05, 1.0, dlkurs.pick(quick=5, full=10))
kurven = {}
for name, modell in {"SVM (flexibel)": SVC(), "Baum, Tiefe 4 (klein)": DecisionTreeClassifier(max_depth=4,
                                                                                              random_state=42)}.items():
    anzahl, train_scores, val_scores = learning_curve(modell, X_ziffern, y_ziffern, train_sizes=anteile,
                                                      cv=aufteilungen)
    kurven[name] = (anzahl, train_scores.mean(axis=1), val_scores.mean(axis=1))

plt.figure(figsize=(7, 4.5))
for (name, (anzahl, train_mittel, val_mittel)), farbe in zip(kurven.items(), ["tab:green", "tab:orange"]):
    plt.plot(anzahl, val_mittel, "o-", color=farbe, label=f"{name}: Validierung")
    plt.plot(anzahl, train_mittel, ":", color=farbe, label=f"{name}: Training")
plt.xscale("log")
plt.xlabel("Zahl der Trainingsbilder (log. Skala)")
plt.ylabel("Genauigkeit")
plt.title("Lernkurven: Ziffern 0–9")
plt.legend(fontsize=8)
plt.grid(alpha=0.3)
plt.show()
for name, (anzahl, _, val_mittel) in kurven.items():
    print(f"{name:24s} {anzahl[0]:5d} Bilder: {val_mittel[0]:.3f}   {anzahl[-1]:5d} Bilder: {val_mittel[-1]:.3f}")

# %% [markdown] tags=["vertiefung"]
# Die SVM wird mit jedem weiteren Datenpaket besser, zuerst schnell, dann
# langsamer. Der kleine Baum bleibt dagegen früh stehen: Mit höchstens 16
# Blättern kann er die zehn Ziffern gar nicht fein genug unterscheiden – mehr
# Daten helfen ihm nicht. Seine Trainingsgenauigkeit (gepunktet) *sinkt* sogar:
# Wenige Bilder kann er sich noch merken, viele nicht mehr. Liegen Training
# und Test so niedrig beieinander, ist das Modell zu einfach
# (**Unteranpassung**, *underfitting*) – das Gegenstück zur Überanpassung.
#
# Daraus folgt die Grundidee des Deep Learning: **Große, flexible Modelle**
# können aus **vielen Daten** immer mehr lernen. Dafür braucht man die Daten
# (das Internet, ImageNet) und die **Rechenleistung**, solche Modelle zu
# trainieren. Beides gab es erst nach 2000 – deshalb kam der Durchbruch 2012
# und nicht schon 1986.

# %% [markdown]
# ## Das künstliche Neuron in einem Bild
#
# Die Bausteine der Modelle, mit denen du ab jetzt arbeitest, sind
# künstliche Neuronen:
#
# ![Ein künstliches Neuron](bilder/neuron.png)
#
# Ein Neuron multipliziert jede Eingabe $x_i$ mit einem **Gewicht** $w_i$,
# addiert alles und einen **Bias** $b$ und schickt die Summe durch eine
# **Aktivierungsfunktion** $f$:
#
# $$y = f\Big(\sum_i w_i x_i + b\Big)$$
#
# Beim Perzeptron von 1958 ist $f$ eine Stufe (Ausgabe 1, wenn die Summe
# mindestens 0 ist, sonst 0). Lernen heißt: die Gewichte und den Bias so einstellen,
# dass die Ausgaben zu den Labels passen. Ein neuronales Netz schaltet viele
# solcher Neuronen nebeneinander (eine **Schicht**) und mehrere Schichten
# hintereinander. Mehr dazu in Lektion 1.6.

# %%
x_ein = np.array([1.0, 0.5, -1.0])  # drei Eingaben
w_ein = np.array([0.8, -0.2, 0.4])  # drei Gewichte
b_ein = 0.1
z = np.dot(w_ein, x_ein) + b_ein  # 0.8 - 0.1 - 0.4 + 0.1
print(f"Summe z = {z:.2f}  →  Stufe: {int(z >= 0)},  ReLU: {max(z, 0.0):.2f},  Sigmoid: {1 / (1 + np.exp(-z)):.3f}")

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Moores Gesetz und GPUs
#
# Gordon Moore sagte 1965 voraus, dass sich die Zahl der Transistoren auf einem
# Chip jedes Jahr verdoppeln würde; 1975 korrigierte er auf **alle zwei
# Jahre**. Das Diagramm zeigt einige Prozessoren (Herstellerangaben) und die
# Gerade „Verdopplung alle zwei Jahre“ ab dem ersten Mikroprozessor. Beachte die
# **logarithmische** Achse: Jeder beschriftete Strich ist ein Faktor 10.

# %% tags=["vertiefung"]
chips = pd.DataFrame(
    [
        ("Intel 4004", 1971, 2.3e3, "CPU"),
        ("Intel 8086", 1978, 2.9e4, "CPU"),
        ("Intel 80386", 1985, 2.75e5, "CPU"),
        ("Intel Pentium", 1993, 3.1e6, "CPU"),
        ("Intel Pentium 4", 2000, 4.2e7, "CPU"),
        ("Intel Core 2 Duo", 2006, 2.91e8, "CPU"),
        ("NVIDIA GTX 580 (AlexNet)", 2010, 3.0e9, "GPU"),
        ("Apple M1", 2020, 1.6e10, "CPU"),
        ("NVIDIA H100", 2022, 8.0e10, "GPU"),
    ],
    columns=["Chip", "Jahr", "Transistoren", "Art"],
)
jahre = np.arange(1971, 2025)
plt.figure(figsize=(8, 4.5))
plt.semilogy(jahre, 2.3e3 * 2 ** ((jahre - 1971) / 2), "k--", lw=1, label="Verdopplung alle 2 Jahre")
for art, marker in [("CPU", "o"), ("GPU", "s")]:
    teil = chips[chips["Art"] == art]
    plt.semilogy(teil["Jahr"], teil["Transistoren"], marker, ms=7, label=art)
for _, chip in chips.iterrows():
    plt.annotate(chip["Chip"], (chip["Jahr"], chip["Transistoren"]), textcoords="offset points", xytext=(6, -10),
                 fontsize=8)
plt.xlabel("Jahr")
plt.ylabel("Transistoren pro Chip")
plt.title("Moores Gesetz")
plt.legend(loc="upper left")
plt.xlim(1968, 2032)
plt.show()

# %% [markdown] tags=["vertiefung"]
# Seit etwa 2005 werden die einzelnen Prozessorkerne kaum noch schneller
# getaktet; die zusätzlichen Transistoren gehen in **mehr Kerne** und
# **breitere Rechenwerke**, die viele Zahlen auf einmal verarbeiten. Eine
# **GPU** treibt das auf die Spitze: Tausende einfacher Rechenwerke, gebaut,
# um Millionen Bildpunkte gleichzeitig zu berechnen. Neuronale Netze bestehen
# zum größten Teil aus **Matrixmultiplikationen** – genau solche
# gleichförmige Massenarbeit. AlexNet wurde 2012 fünf bis sechs Tage lang auf
# zwei GeForce GTX 580 trainiert.
#
# ### Wie schnell rechnet dein Rechner?
#
# Das Produkt zweier $n \times n$-Matrizen hat $n^2$ Einträge; jeder ist eine
# Summe aus $n$ Produkten, also $n$ Multiplikationen und (fast) $n$
# Additionen. Zusammen sind das etwa $2n^3$ Gleitkommaoperationen (**FLOP**).
# Wir messen, wie viele Milliarden davon pro Sekunde (**GFLOP/s**) NumPy
# schafft – einmal von Hand:

# %% tags=["vertiefung"]
n = 512
rng = np.random.default_rng(0)
a = rng.random((n, n), dtype=np.float32)
b = rng.random((n, n), dtype=np.float32)
a @ b  # einmal aufwärmen

start = time.perf_counter()
c = a @ b
dauer = time.perf_counter() - start
print(f"{2 * n**3 / 1e6:.0f} Millionen Rechenoperationen in {dauer * 1000:.2f} ms  →  "
      f"{2 * n**3 / dauer / 1e9:.1f} GFLOP/s")

# %% [markdown] tags=["vertiefung"]
# Eine einzelne Messung schwankt stark – dein Rechner macht nebenher anderes.
# `matmul_gflops(n, library=…, device=…)` aus dem Kurspaket misst deshalb
# viele Durchgänge und nimmt den schnellsten: Störungen durch andere Programme
# können eine Messung nur langsamer machen, nie schneller. Wir messen für verschiedene Größen
# $n$: mit NumPy und mit Keras (`keras.ops.matmul`, gerechnet von seinem
# Backend, meist TensorFlow; welches, steht in der Legende), beides auf der
# CPU – und auf der GPU, falls eine da ist.

# %% tags=["vertiefung"]
groessen = dlkurs.pick(quick=[64, 128, 256, 512], full=[64, 128, 256, 512, 1024, 2048])
messzeit = dlkurs.pick(quick=0.05, full=0.5)  # Sekunden Messzeit je Größe
backend = keras.backend.backend()

messungen = {
    "NumPy (CPU)": [matmul_gflops(n, library="numpy", budget=messzeit) for n in groessen],
    f"Keras/{backend} (CPU)": [matmul_gflops(n, library="keras", device="cpu", budget=messzeit) for n in groessen],
}
gpus = gpu_devices()
if gpus:
    groessen_gpu = groessen + dlkurs.pick(quick=[1024, 2048], full=[4096, 8192])
    messungen[f"Keras/{backend} (GPU)"] = [matmul_gflops(n, library="keras", device="gpu", budget=messzeit)
                                           for n in groessen_gpu]
    print("GPU gefunden:", ", ".join(gpus))
else:
    groessen_gpu = []
    print("Keine GPU gefunden – wir messen nur auf der CPU. Auf einem Rechner mit GPU erscheint hier eine dritte Kurve.")

tabelle = pd.DataFrame({name: pd.Series(werte, index=groessen_gpu if "GPU" in name else groessen)
                        for name, werte in messungen.items()})
tabelle.index.name = "n"
tabelle.round(1)

# %% tags=["vertiefung"]
plt.figure(figsize=(7, 4.5))
for name in tabelle.columns:
    spalte = tabelle[name].dropna()
    plt.loglog(spalte.index, spalte.to_numpy(), "o-", label=name)
plt.xlabel("Matrixgröße n (n × n)")
plt.ylabel("GFLOP/s")
plt.title("Matrixmultiplikation (float32): Rechenleistung gegen Matrixgröße")
plt.legend()
plt.grid(alpha=0.3, which="both")
plt.show()
bestwert = tabelle["NumPy (CPU)"].max()
print(f"NumPy schafft hier bis zu {bestwert:.1f} GFLOP/s.")
dlkurs.report(matmul_gflops=bestwert)
if gpus:
    dlkurs.report(matmul_gflops_gpu=tabelle[f"Keras/{backend} (GPU)"].max())

# %% [markdown] tags=["vertiefung"]
# So liest du das Diagramm:
#
# - **Kleine Matrizen** rechnen langsamer: Jeder Aufruf kostet eine feste
#   Verwaltungszeit, und die eigentliche Rechnung ist zu kurz, um alle Kerne
#   und Rechenwerke zu beschäftigen. Besonders deutlich ist das bei Keras,
#   weil jeder Aufruf durch das Backend geht; NumPy ruft seine
#   Rechenbibliothek (BLAS) fast direkt auf.
# - **Große Matrizen** nähern sich der Höchstleistung deines Prozessors.
#   Zum Vergleich: Ein aktueller Kern mit AVX2 und FMA kann pro Takt bis zu 32
#   float32-Operationen ausführen (zwei Rechenwerke für je 8 Zahlen, die in
#   einem Schritt multiplizieren und addieren), mit AVX-512 bis zu 64. Bei
#   3 GHz sind das 96 bzw. 192 GFLOP/s pro Kern.
# - Misst du auf einem Rechner, auf dem nebenher viel läuft, kann eine Kurve
#   auch einbrechen: Dann warten die Kerne aufeinander.
# - Mit einer **GPU** ist das Bild typischerweise: Bei kleinen Matrizen ist
#   sie nicht schneller als die CPU (die feste Zeit pro Aufruf dominiert), bei
#   großen um ein Vielfaches. NVIDIA-GPUs ab der Ampere-Generation rechnen
#   float32-Produkte in TensorFlow standardmäßig im Format **TF32** auf ihren
#   Tensor-Kernen (mit weniger Nachkommastellen); deshalb können die Werte dort
#   über der float32-Spitzenleistung der Karte liegen. Zum Vergleich die
#   theoretischen Spitzenwerte in float32: die GTX 580 von AlexNet rund
#   1,6 TFLOP/s (1600 GFLOP/s), eine heutige Rechenzentrums-GPU wie die H100
#   je nach Ausführung 50–67 TFLOP/s – ohne Tensor-Kerne.
#
# Wenn dein Notebook auf einem Laptop ohne GPU läuft: kein Problem. Alle
# Lektionen dieses Kurses sind so bemessen, dass sie auf der CPU laufen.

# %% [markdown]
# ## Zusammenfassung
#
# - KI gibt es seit 1956; nach zwei KI-Wintern brachten **Daten, GPUs und
#   bessere Verfahren** ab 2012 den Durchbruch des **Deep Learning**.
# - **Maschinelles Lernen** findet die Regeln aus Daten und Antworten.
#   **Überwacht**: mit Labels (Klassifikation, Regression); **unüberwacht**:
#   ohne Labels (Clustering); **bestärkend**: mit Belohnungen.
# - k-Means findet runde Gruppen, DBSCAN Gruppen beliebiger Form; k-nächste
#   Nachbarn, lineare Regression und SVM sind einfache überwachte Verfahren.
# - Ein **Entscheidungsbaum** ist durchschaubar; zu tief ist er **überangepasst**.
#   **Random Forest** (Bagging) und **Gradient Boosting** kombinieren viele
#   Bäume. Vergleiche Modelle mit Kreuzvalidierung und halte die Testdaten
#   bis zum Schluss zurück.
# - Flexible Modelle werden mit **mehr Daten** besser; dafür braucht man
#   **Rechenleistung** – gemessen in FLOP/s.
# - Ein **künstliches Neuron** rechnet $y = f(\sum_i w_i x_i + b)$.
#
# Weiter geht es mit **1.2 Jupyter & Markdown** – oder, wenn du Jupyter schon
# kennst, mit **1.3 Tensoren**.

# %% [markdown]
# # 3.7 Vortrainierte Netze
#
# Ein Convnet, das auf einer großen Aufgabe gelernt hat, kennt Kanten,
# Striche, Bögen und Texturen. Dieses Wissen muss ein Netz für eine neue
# Aufgabe nicht noch einmal aus wenigen Bildern lernen: Es kann die
# **Faltungsbasis** des großen Netzes übernehmen und nur einen neuen **Kopf**
# (Klassifikator) darauf setzen. Das heißt **Transferlernen**.
#
# Am Ende dieser Lektion kannst du
#
# 1. erklären, was **Merkmalsextraktion** (Basis eingefroren, nur der Kopf
#    lernt) und **Feinabstimmung** (obere Schichten der Basis wieder aufgetaut,
#    kleine Lernrate) sind,
# 2. mit `trainable` Schichten einfrieren und auftauen – und weißt, dass
#    danach `compile` nötig ist,
# 3. Transfer ehrlich messen: gegen ein Netz, das von Grund auf mit denselben
#    wenigen Labels lernt,
# 4. vortrainierte ImageNet-Gewichte aus `keras.applications` laden, wenn sie
#    auf deinem Rechner liegen, und sagen, warum wir MobileNetV3Small statt
#    VGG16 nehmen.

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers

import dlkurs
from dlkurs.data import load, substitutions
from dlkurs.exercises import ___, aufgaben

aufgabe = aufgaben("3.7")
keras.utils.set_random_seed(42)

# %% [markdown]
# ## Die Idee: Basis übernehmen, Kopf neu lernen
#
# Ein Bild-Klassifikator besteht aus zwei Teilen:
#
# - der **Basis**: Faltungs- und Pooling-Schichten, die aus Pixeln Merkmale
#   machen (unten einfache wie Kanten, oben zusammengesetzte wie Bögen oder
#   Ecken),
# - dem **Kopf**: einer Dense-Schicht, die aus den Merkmalen die Klasse macht.
#
# Die Basis eines Netzes, das auf vielen Bildern gelernt hat, ist auch für
# andere Bilder nützlich; der Kopf dagegen gehört zu *seinen* Klassen. Beim
# Transfer behalten wir deshalb die Basis und ersetzen den Kopf. Es gibt zwei
# Stufen:
#
# 1. **Merkmalsextraktion:** Die Basis wird **eingefroren**
#    (`basis.trainable = False`), nur der neue Kopf lernt. Schnell, und mit
#    wenigen Labels kaum Gefahr, das Gelernte zu verderben.
# 2. **Feinabstimmung:** Danach werden die *oberen* Schichten der Basis
#    aufgetaut und mit **kleiner Lernrate** ein wenig an die neue Aufgabe
#    angepasst. Die unteren, allgemeinen Schichten bleiben eingefroren.
#
# Im Buch (Chollet, Kapitel 5.3) ist die Basis VGG16, auf den 1,4 Millionen
# Bildern von ImageNet trainiert, und die neue Aufgabe sind Hunde und Katzen.
# Schon die Merkmalsextraktion erreicht dort rund 90 % Genauigkeit.

# %% [markdown]
# ## Welches Netz? VGG16 gegen MobileNetV3Small
#
# VGG16 hat knapp 15 Millionen Parameter in seiner Basis und rechnet für
# jedes Bild rund 15 Milliarden Multiplikationen. Auf einer Laptop-CPU ist
# das zäh. `keras.applications` bietet Netze, die für Handys gebaut sind;
# MobileNetV3Small ist eines davon. Für einen Zeitvergleich brauchen wir
# keine gelernten Gewichte: `weights=None` baut nur die Architektur. Wir
# schicken einen Stapel zufälliger „Fotos“ (224 × 224 Pixel, drei
# Farbkanäle) durch beide Basen und rechnen die Zeit auf 32 Fotos um:

# %%
n_fotos = dlkurs.pick(quick=2, full=32)
fotos = np.random.default_rng(0).uniform(0, 255, (n_fotos, 224, 224, 3)).astype("float32")
zeiten = {}
for name, bauen in [("VGG16", keras.applications.VGG16),
                    ("MobileNetV3Small", keras.applications.MobileNetV3Small)]:
    netz = bauen(weights=None, include_top=False, input_shape=(224, 224, 3))
    netz.predict_on_batch(fotos)  # einmal aufwärmen: Keras baut dabei die Rechenfunktion
    start = time.perf_counter()
    netz.predict_on_batch(fotos)
    sekunden = time.perf_counter() - start
    zeiten[name] = {"Parameter der Basis": netz.count_params(),
                    "Sekunden je 32 Fotos": round(sekunden / n_fotos * 32, 2)}
    del netz
zeiten = pd.DataFrame.from_dict(zeiten, orient="index")
zeiten

# %% [markdown]
# Auf dem Kursrechner (zwei CPU-Kerne) brauchte VGG16 in unseren Messungen
# 2,6 bis 3,2 s für 32 Fotos, MobileNetV3Small 0,1 bis 0,2 s – mehr als
# zehnmal schneller, bei 16-mal weniger Parametern. Für 4 000 Fotos sind das über
# fünf Minuten gegen gut 20 Sekunden, und beim Feinabstimmen rechnet jede
# Epoche zusätzlich rückwärts. Deshalb nimmt dieser Kurs MobileNetV3Small.
# (Deine Zahlen hängen vom Rechner ab; das Verhältnis bleibt ähnlich.)
#
# ## Die ImageNet-Gewichte: ein Eintrag wie ein Datensatz
#
# Die gelernten Gewichte sind eine Datei, die Keras sonst beim ersten
# `weights="imagenet"` aus dem Internet lädt. Im Kursraum gibt es oft kein
# Internet. Deshalb stehen die Gewichte im Kurs-Register wie ein Datensatz:
# `mobilenet_v3_small_notop` mit dem Dateinamen, der Adresse und der
# Prüfsumme, die Keras selbst verwendet. Mit Internet holt
# `dlkurs data download mobilenet_v3_small_notop` die Datei; die
# Kursleitung bringt sie sonst im Daten-Paket mit. Bei jedem Laden wird die
# Prüfsumme verglichen.
#
# Fehlt die Datei auf deinem Rechner, zeigt dir der Abschnitt „Hunde und
# Katzen mit ImageNet-Merkmalen“ unten eine Meldung, was zu tun ist. Alles
# bis dahin funktioniert ohne sie – und lehrt dieselbe Technik an einer
# Basis, die wir **selbst vortrainieren**.

# %% [markdown]
# ## Selbst vortrainiert: von den Ziffern 0–4 zu den Ziffern 5–9
#
# Wir spielen Transferlernen im Kleinen nach, mit Daten, die der Kurs hat:
#
# - **Quellaufgabe:** die MNIST-Ziffern **0 bis 4**, davon gibt es viele
#   (rund 30 000 Trainingsbilder). Darauf lernt eine kleine Faltungsbasis.
# - **Zielaufgabe:** die Ziffern **5 bis 9**, von denen wir so tun, als
#   hätten wir nur **wenige** mit Label: zehn je Ziffer, zusammen 50.
#   Gemessen wird auf allen Testbildern mit 5 bis 9.
#
# Die Basis hat nie eine 5, 6, 7, 8 oder 9 gesehen. Nützt ihr Wissen über
# Striche und Bögen trotzdem?

# %%
(ziffern, ziffern_labels), (test_ziffern, test_labels) = load("mnist")


def vorbereiten(b):
    """uint8 (n, 28, 28) -> float32 (n, 28, 28, 1) in [0, 1]."""
    return (b.astype("float32") / 255)[..., np.newaxis]


quelle = ziffern_labels < 5
n_quelle = dlkurs.pick(quick=2000, full=None)
x_quelle, y_quelle = vorbereiten(ziffern[quelle][:n_quelle]), ziffern_labels[quelle][:n_quelle]

ziel = ~quelle  # Ziffern 5–9; als Klassen 0–4 (5 → 0, …, 9 → 4)
x_ziel_pool, y_ziel_pool = vorbereiten(ziffern[ziel]), ziffern_labels[ziel] - 5
n_test = dlkurs.pick(quick=500, full=None)
test_ziel = test_labels >= 5
x_test, y_test = vorbereiten(test_ziffern[test_ziel][:n_test]), test_labels[test_ziel][:n_test] - 5

JE_ZIFFER = 10


def wenige_labels(seed):
    """JE_ZIFFER Bilder je Zielziffer, zufällig gewählt (der Seed bestimmt, welche)."""
    rng = np.random.default_rng(seed)
    auswahl = np.concatenate([rng.choice(np.flatnonzero(y_ziel_pool == k), JE_ZIFFER, replace=False)
                              for k in range(5)])
    return x_ziel_pool[auswahl], y_ziel_pool[auswahl]


x_wenig, y_wenig = wenige_labels(seed=0)
print("Quellaufgabe (0–4):", x_quelle.shape, " Zielaufgabe (5–9) mit Label:", x_wenig.shape,
      " Test (5–9):", x_test.shape)
fig, achsen = plt.subplots(5, JE_ZIFFER, figsize=(JE_ZIFFER * 0.7, 5 * 0.8))
for ax, bild, label in zip(achsen.ravel(), x_wenig, y_wenig):
    ax.imshow(bild[..., 0], cmap="gray_r")
    ax.set_title(str(label + 5), fontsize=8)
    ax.axis("off")
fig.suptitle("Alle Bilder mit Label, die die Zielaufgabe bekommt")
plt.show()

# %% [markdown]
# ### Die Basis und der Kopf
#
# Die Basis ist ein kleines Convnet ohne Klassifikator: drei Faltungen, am
# Ende ein `Flatten`, das die 3 × 3 × 64 Merkmalskarten zu 576 Merkmalen
# macht. Der Kopf ist `Dropout` und eine Dense-Schicht mit Softmax über fünf
# Klassen. Basis und Kopf stecken als Teile in einem `keras.Sequential`.

# %%
def baue_basis():
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.Flatten(),
    ], name="basis")


def mit_kopf(basis, name):
    return keras.Sequential([basis, layers.Dropout(0.5), layers.Dense(5, activation="softmax")], name=name)


def kompilieren(modell, lernrate=1e-3):
    modell.compile(optimizer=keras.optimizers.Adam(learning_rate=lernrate),
                   loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return modell


# %% [markdown]
# ### Vortraining auf der Quellaufgabe
#
# Für die Quellaufgabe bekommt die Basis einen eigenen Kopf (fünf Klassen:
# 0–4) und lernt zwei Epochen lang. Danach brauchen wir nur noch die Basis;
# ihre Gewichte merken wir uns, damit jeder Versuch unten von derselben
# vortrainierten Basis ausgeht.

# %%
keras.utils.set_random_seed(0)
quell_basis = baue_basis()
quell_modell = kompilieren(mit_kopf(quell_basis, "quellmodell"))
start = time.perf_counter()
quell_modell.fit(x_quelle, y_quelle, epochs=dlkurs.pick(quick=1, full=2), batch_size=128, verbose=0)
print(f"Vortraining: {time.perf_counter() - start:.0f} s, Genauigkeit auf den Testziffern 0–4: "
      f"{quell_modell.evaluate(vorbereiten(test_ziffern[~test_ziel]), test_labels[~test_ziel], verbose=0)[1]:.3f}")
vortrainiert = quell_basis.get_weights()


def vortrainierte_basis():
    basis = baue_basis()
    basis.set_weights(vortrainiert)
    return basis


# %% [markdown]
# ## Drei Wege mit denselben 50 Labels
#
# Jetzt lernen drei Modelle die Zielaufgabe, alle mit denselben 50 Bildern
# und gleich vielen Schritten:
#
# | Weg | Basis | was lernt |
# |---|---|---|
# | von Grund auf | zufällig initialisiert | alles |
# | Merkmalsextraktion | vortrainiert, **eingefroren** | nur der Kopf |
# | Feinabstimmung | vortrainiert, danach oben aufgetaut | Kopf und letzte Faltung, kleine Lernrate |
#
# Mit 50 Bildern und `batch_size=16` ist eine Epoche nur vier Schritte lang;
# deshalb sind es 40 Epochen (im Schnelldurchlauf 15).

# %%
EPOCHEN = dlkurs.pick(quick=15, full=40)


def genauigkeit(modell):
    return modell.evaluate(x_test, y_test, verbose=0, return_dict=True)["accuracy"]


keras.utils.set_random_seed(0)
modell_grund = kompilieren(mit_kopf(baue_basis(), "von_grund_auf"))
modell_grund.fit(x_wenig, y_wenig, epochs=EPOCHEN, batch_size=16, verbose=0)
print(f"von Grund auf:       {genauigkeit(modell_grund):.3f}")

keras.utils.set_random_seed(0)
basis = vortrainierte_basis()
basis.trainable = False
modell_eingefroren = kompilieren(mit_kopf(basis, "merkmalsextraktion"))
modell_eingefroren.fit(x_wenig, y_wenig, epochs=EPOCHEN, batch_size=16, verbose=0)
print(f"Merkmalsextraktion:  {genauigkeit(modell_eingefroren):.3f}")

# %% [markdown]
# ## Aufgabe 1: Wie viele Gewichte lernen mit?
#
# `basis.trainable = False` friert *alle* Gewichte der Basis ein: `fit`
# ändert sie nicht mehr. Wie viele Zahlen passt `fit` bei
# `modell_eingefroren` dann noch an? Zähle Kernel **und** Bias des Kopfes.
# Lies die Zahl aus dem Modell ab (`trainable_weights` oder `summary()`),
# statt sie abzuschreiben.

# %%
modell_eingefroren.summary()

# %%
### BEGIN SOLUTION trainierbare_parameter
trainierbare_parameter = sum(int(np.prod(w.shape)) for w in modell_eingefroren.trainable_weights)
### END SOLUTION
aufgabe.trainierbare_parameter.check(trainierbare_parameter)

# %%
# aufgabe.trainierbare_parameter.hint()
# aufgabe.trainierbare_parameter.solution()

# %% [markdown]
# Von fast 59 000 Parametern lernen nur knapp 3 000 – aus 50 Bildern ist das
# viel eher zu schaffen. Das von Grund auf lernende Netz muss dagegen alle
# 59 000 aus denselben 50 Bildern bestimmen.
#
# ## Aufgabe 2: Feinabstimmung vorbereiten
#
# Schreibe `feinabstimmung_vorbereiten(modell, basis)`. Sie bekommt ein
# Modell, dessen Basis eingefroren war und das schon trainiert wurde (wie
# `modell_eingefroren`), und bereitet es für die Feinabstimmung vor:
#
# - **nur die letzte `Conv2D`** der Basis wird wieder trainierbar, alle
#   Schichten davor bleiben eingefroren; der Kopf lernt weiter mit,
# - das Modell wird **neu kompiliert** – mit einer **kleinen Lernrate**
#   (Adam mit `learning_rate=1e-4` oder kleiner), sonst überschreiben die
#   ersten Schritte das vortrainierte Wissen,
# - die Funktion gibt das Modell zurück.
#
# Die Prüfung trainiert ein eigenes Modell der Lektion mit deiner Funktion ein
# paar Schritte und misst, welche Gewichte sich wie weit bewegen.

# %%
def feinabstimmung_vorbereiten(modell, basis):
    ### BEGIN SOLUTION feinabstimmung
    ###> # 1. basis wieder trainierbar, alle Schichten vor der letzten Conv2D einfrieren
    ###> # 2. neu kompilieren, kleine Lernrate
    ###> return ___
    basis.trainable = True
    for schicht in basis.layers[:-2]:  # alles vor der letzten Conv2D (dahinter nur Flatten)
        schicht.trainable = False
    return kompilieren(modell, lernrate=1e-4)
    ### END SOLUTION


aufgabe.feinabstimmung.check(feinabstimmung_vorbereiten)

# %%
# aufgabe.feinabstimmung.hint()
# aufgabe.feinabstimmung.solution()

# %% [markdown]
# Zwei Fallen, die die Prüfung erkennt:
#
# - **`compile` vergessen:** Keras 3 baut die Trainingsfunktion beim ersten
#   `fit` und trainiert danach nur die Gewichte, die *damals* trainierbar
#   waren. Ein `trainable = True` ohne neues `compile` ändert also nichts.
# - **Alles auftauen mit großer Lernrate:** Der Kopf ist anfangs noch
#   schlecht, seine großen Fehler fließen als große Gradienten in die Basis.
#   In der Prüfung (16 Schritte mit Adams Standard-Lernrate 1e-3) ändern
#   sich die Gewichte der letzten Faltung um rund 8 %, die Merkmale der Basis
#   um mehr als 100 % – das Vortraining ist dann weitgehend verloren. Mit
#   1e-4 sind es rund 1–2 %.
#
# Jetzt stimmen wir `modell_eingefroren` fein ab, halb so viele Epochen wie
# vorher:

# %%
modell_fein = feinabstimmung_vorbereiten(modell_eingefroren, basis)
modell_fein.fit(x_wenig, y_wenig, epochs=EPOCHEN // 2, batch_size=16, verbose=0)
print(f"von Grund auf:       {genauigkeit(modell_grund):.3f}")
print(f"Merkmalsextraktion:  {genauigkeit(modell_eingefroren):.3f}  (vor der Feinabstimmung gemessen: oben)")
print(f"Feinabstimmung:      {genauigkeit(modell_fein):.3f}")

# %% [markdown]
# `modell_fein` *ist* `modell_eingefroren` – die Funktion hat dasselbe Objekt
# verändert und zurückgegeben. Deshalb misst die zweite Zeile jetzt schon das
# feinabgestimmte Modell; der Wert der Merkmalsextraktion steht oben.
#
# ## Mehrere Auswahlen von 50 Bildern
#
# Mit nur 50 Labels hängt viel davon ab, *welche* 50 es sind. Wir wiederholen
# die drei Wege für weitere zufällige Auswahlen (im Schnelldurchlauf nur für
# die eine oben) und vergleichen die Mittelwerte.

# %%
def drei_wege(seed):
    x, y = wenige_labels(seed)
    keras.utils.set_random_seed(seed)
    grund = kompilieren(mit_kopf(baue_basis(), "von_grund_auf"))
    grund.fit(x, y, epochs=EPOCHEN, batch_size=16, verbose=0)
    keras.utils.set_random_seed(seed)
    b = vortrainierte_basis()
    b.trainable = False
    eingefroren = kompilieren(mit_kopf(b, "merkmalsextraktion"))
    eingefroren.fit(x, y, epochs=EPOCHEN, batch_size=16, verbose=0)
    ergebnis = {"von Grund auf": genauigkeit(grund), "Merkmalsextraktion": genauigkeit(eingefroren)}
    fein = feinabstimmung_vorbereiten(eingefroren, b)
    fein.fit(x, y, epochs=EPOCHEN // 2, batch_size=16, verbose=0)
    ergebnis["Feinabstimmung"] = genauigkeit(fein)
    return ergebnis


seeds = dlkurs.pick(quick=[0], full=[0, 1, 2])
start = time.perf_counter()
tabelle = pd.DataFrame({f"Auswahl {s}": drei_wege(s) for s in seeds}).T
print(f"{len(seeds)} Auswahl(en) in {time.perf_counter() - start:.0f} s")
tabelle.loc["Mittelwert"] = tabelle.mean()
tabelle.round(3)

# %%
mittel = tabelle.loc["Mittelwert"]
gewinn = tabelle.drop(index="Mittelwert")["Merkmalsextraktion"] - tabelle.drop(index="Mittelwert")["von Grund auf"]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(mittel.index, mittel.values, color=["tab:gray", "tab:blue", "tab:green"])
for i, wert in enumerate(mittel.values):
    ax.text(i, wert + 0.005, f"{wert:.3f}".replace(".", ","), ha="center")
ax.set(ylim=(max(0.0, mittel.min() - 0.15), 1.0), ylabel="Testgenauigkeit (Ziffern 5–9)",
       title=f"50 Labels, Mittel über {len(seeds)} Auswahl(en)")
plt.show()
dlkurs.report(genauigkeit_von_grund_auf=mittel["von Grund auf"],
              genauigkeit_merkmalsextraktion=mittel["Merkmalsextraktion"],
              genauigkeit_feinabstimmung=mittel["Feinabstimmung"],
              gewinn_merkmalsextraktion=gewinn.mean())

# %% [markdown]
# Lies die Tabelle und das Balkendiagramm: Liegt die Merkmalsextraktion
# über dem Netz von Grund auf, und in *jeder* Auswahl oder nur im Mittel?
# Bringt die Feinabstimmung noch etwas dazu? (Die Zahlen des
# Schnelldurchlaufs, mit kürzerem Vortraining und weniger Epochen, sagen
# darüber nichts.)
#
# In unseren Messungen mit genau diesem Aufbau (Auswahlen 0, 1 und 2) lag die
# Merkmalsextraktion im Mittel nur um rund einen Prozentpunkt vor dem Netz
# von Grund auf (0,887 gegen 0,876), je nach Auswahl zwischen gleichauf und
# knapp drei Punkten vorn. Das ist ein ehrlicher, aber kleiner Gewinn. Die
# Feinabstimmung der letzten Faltung änderte daran im Mittel nichts (0,886).
#
# Wie viel der Transfer bringt, hängt stark davon ab, **wie viele Labels**
# die Zielaufgabe hat. Mit demselben Aufbau (je drei Auswahlen; hier mit
# Feinabstimmung der *ganzen* Basis, Lernrate 1e-4) haben wir gemessen:
#
# | Labels (je Ziffer) | von Grund auf | Merkmalsextraktion | Feinabstimmung |
# |---|---|---|---|
# | 50 (10) | 0,876 | 0,887 | 0,885 |
# | 100 (20) | 0,910 | 0,919 | 0,920 |
# | 200 (40) | 0,961 | 0,949 | 0,952 |
#
# Mit mehr Labels schrumpft der Vorsprung, und bei 200 Labels ist das Netz
# von Grund auf sogar *besser*: Die Merkmale der Ziffern 0–4 passen nicht
# perfekt zu 5–9, und ein kleines Convnet lernt Ziffern aus 200 Beispielen
# schon gut selbst. Transfer lohnt sich also vor allem, wenn Labels **knapp**
# sind – und je größer und vielfältiger die Quellaufgabe ist: ImageNet hat
# 1,4 Millionen Fotos aus 1 000 Klassen, eine Basis aus 30 000 Ziffern ist
# dagegen bescheiden. Mit ImageNet-Gewichten ist der Abstand viel größer:
# Im Buch erreicht die Merkmalsextraktion bei Hunden und Katzen rund 90 %,
# ein Netz von Grund auf mit denselben Fotos gut 70 %.

# %% [markdown]
# ### Denkfrage: Warum erst den Kopf, dann auftauen?
#
# Wir haben nicht sofort Basis und Kopf zusammen trainiert, sondern erst
# den Kopf bei eingefrorener Basis und danach die obere Faltung mit kleiner
# Lernrate. Warum diese Reihenfolge?
#
# <!-- BEGIN SOLUTION erst_kopf -->
# Ein neuer Kopf beginnt mit zufälligen Gewichten und macht anfangs große
# Fehler. Wäre die Basis schon aufgetaut, flössen diese großen Fehler als
# große Gradienten in die Basis und würden die vortrainierten Merkmale
# verändern, bevor der Kopf überhaupt gelernt hat, sie zu nutzen – das
# Vortraining wäre teilweise verloren. Hat der Kopf erst gelernt, sind die
# Fehler klein; dann kann die Feinabstimmung die oberen Merkmale vorsichtig
# (kleine Lernrate) an die neue Aufgabe anpassen. Die unteren Schichten
# (Kanten, Striche) passen fast zu jeder Bildaufgabe und bleiben eingefroren;
# so gibt es auch weniger Parameter, die aus wenigen Bildern überangepasst
# werden können.
# <!-- END SOLUTION -->

# %%
# aufgabe.erst_kopf.solution()

# %% [markdown]
# ## Hunde und Katzen mit ImageNet-Merkmalen
#
# Dieser Abschnitt braucht die ImageNet-Gewichte (`mobilenet_v3_small_notop`)
# und die Hunde-und-Katzen-Fotos (`cats_vs_dogs_small`). Fehlen sie, meldet
# die nächste Zelle, wie du sie bekommst; dann überspringe den Rest bis zur
# Zusammenfassung.
#
# Wir machen Merkmalsextraktion wie im Buch: Jedes Foto geht **einmal**
# durch die eingefrorene Basis; ihre Merkmale (576 Zahlen je Foto, nach
# einem globalen Mittelwert-Pooling) speichern wir, und darauf lernt ein
# kleiner Dense-Kopf. Die Fotos werden dabei stapelweise gelesen und gleich
# wieder verworfen, so liegen nie alle 4 000 Bilder auf einmal im Speicher.

# %% tags=["daten:mobilenet_v3_small_notop", "daten:cats_vs_dogs_small"]
gewichte = load("mobilenet_v3_small_notop")
fotoordner = load("cats_vs_dogs_small")
probedaten = any(e["dataset"] in ("mobilenet_v3_small_notop", "cats_vs_dogs_small") for e in substitutions())
if probedaten:
    print("Achtung: Das sind Probedaten der automatischen Tests (ungelernte Gewichte), nicht die echten "
          "ImageNet-Gewichte – die Zahlen dieses Abschnitts sagen nichts über Transferlernen aus.")
# Pixel in [0, 255]; die Skalierung steckt im Modell, pooling="avg" mittelt die 7 × 7 Merkmalskarten
mobilenet = keras.applications.MobileNetV3Small(weights=str(gewichte), include_top=False,
                                                input_shape=(224, 224, 3), pooling="avg")
mobilenet.trainable = False
print("Gewichte:", gewichte.name, " Merkmale je Foto:", mobilenet.output_shape[-1])


# %% tags=["daten:mobilenet_v3_small_notop", "daten:cats_vs_dogs_small"]
def merkmale_der_fotos(teil, je_klasse=None, stapel=32):
    """Merkmale aller Fotos von fotoordner/teil/{cats,dogs}: Katze 0, Hund 1. Ein Stapel nach dem anderen."""
    pfade, labels = [], []
    for label, klasse in enumerate(["cats", "dogs"]):
        dateien = sorted((fotoordner / teil / klasse).glob("*.jpg"))[:je_klasse]
        pfade += dateien
        labels += [label] * len(dateien)
    merkmale, gelesen = [], []
    for anfang in range(0, len(pfade), stapel):
        bilder = []
        for pfad, label in zip(pfade[anfang:anfang + stapel], labels[anfang:anfang + stapel]):
            try:
                bilder.append(keras.utils.img_to_array(keras.utils.load_img(pfad, target_size=(224, 224))))
                gelesen.append(label)
            except Exception as fehler:  # ein kaputtes JPEG: melden und weiter
                print(f"Übersprungen (kein lesbares Bild): {pfad.name} – {type(fehler).__name__}")
        if bilder:
            merkmale.append(mobilenet.predict_on_batch(np.stack(bilder)))
    return np.concatenate(merkmale), np.array(gelesen)


je_klasse = dlkurs.pick(quick=40, full=None)
start = time.perf_counter()
f_train, l_train = merkmale_der_fotos("train", je_klasse)
f_val, l_val = merkmale_der_fotos("validation", je_klasse)
f_test, l_test = merkmale_der_fotos("test", je_klasse)
print(f"Merkmale von {len(l_train) + len(l_val) + len(l_test)} Fotos in {time.perf_counter() - start:.0f} s:",
      f_train.shape, f_val.shape, f_test.shape)

# %% [markdown]
# Auf den Merkmalen lernt ein Kopf aus Dropout und einer Dense-Schicht mit
# Sigmoid (zwei Klassen). Das geht in Sekunden, weil die teure Basis nicht
# mehr mitrechnet.

# %% tags=["daten:mobilenet_v3_small_notop", "daten:cats_vs_dogs_small"]
keras.utils.set_random_seed(42)
foto_kopf = keras.Sequential([keras.Input(shape=(f_train.shape[1],)), layers.Dropout(0.5),
                              layers.Dense(1, activation="sigmoid")])
foto_kopf.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
foto_verlauf = foto_kopf.fit(f_train, l_train, epochs=30, batch_size=32, validation_data=(f_val, l_val), verbose=0)
imagenet_genauigkeit = foto_kopf.evaluate(f_test, l_test, verbose=0, return_dict=True)["accuracy"]
plt.plot(foto_verlauf.history["accuracy"], label="Training")
plt.plot(foto_verlauf.history["val_accuracy"], "--", label="Validierung")
plt.xlabel("Epoche")
plt.ylabel("Genauigkeit")
plt.title("Hunde und Katzen: Kopf auf ImageNet-Merkmalen")
plt.legend()
plt.show()
print(f"Testgenauigkeit auf {len(l_test)} Fotos: {imagenet_genauigkeit:.3f}")
if probedaten:
    print("Probedaten der automatischen Tests: Diese Zahl ist bedeutungslos.")
dlkurs.report(imagenet_merkmalsextraktion=imagenet_genauigkeit)

# %% [markdown]
# Mit den echten ImageNet-Gewichten erreicht schon dieser Kopf, der nie ein
# Foto selbst „gesehen“ hat, sondern nur die Merkmale der Basis, mindestens
# 90 % – wie im Buch mit VGG16, nur viel schneller. Ein Convnet, das von
# Grund auf mit denselben 2 000 Fotos lernt, kommt auf gut 70 % (Lektion
# 3.5). Feinabstimmung funktioniert hier genau wie oben: `mobilenet`
# auftauen, die unteren Schichten wieder einfrieren, neu kompilieren mit
# kleiner Lernrate – nur trainiert man dann Basis und Kopf zusammen auf den
# Fotos statt auf gespeicherten Merkmalen.

# %% [markdown] tags=["vertiefung"]
# ## Vertiefung: Was das Buch anders macht
#
# Im Buch (Keras 2) lädt `VGG16(weights="imagenet", include_top=False,
# input_shape=(150, 150, 3))` die Gewichte beim ersten Aufruf aus dem
# Internet, und die Fotos kommen aus einem `ImageDataGenerator` mit
# `flow_from_directory`. Es zeigt drei Varianten:
#
# 1. **Merkmale einmal berechnen** (`conv_base.predict`) und darauf ein
#    Dense-Netz trainieren – schnell, etwa 90 %, aber ohne Augmentierung
#    (jedes Foto geht nur einmal durch die Basis);
# 2. **Basis ins Modell einbauen** (`conv_base.trainable = False`) und mit
#    Augmentierung Ende-zu-Ende trainieren – etwa 96 %, aber auf der CPU
#    sehr langsam, weil jedes augmentierte Bild durch VGG16 muss;
# 3. **Feinabstimmung** des obersten Blocks `block5` mit `RMSprop(1e-5)` –
#    etwa 97 %.
#
# In Keras 3 gibt es `ImageDataGenerator` nicht mehr (Lektion 3.6); Fotos
# lädt `keras.utils.image_dataset_from_directory` oder, wie oben,
# `keras.utils.load_img` Stapel für Stapel. Statt VGG16 nehmen wir
# MobileNetV3Small, weil Variante 2 und 3 damit auch auf einer Laptop-CPU in
# Minuten statt Stunden laufen. Und wir messen gegen ein Netz von Grund auf
# mit *denselben* Daten: Nur so sieht man, was das Vortraining wirklich
# bringt.

# %% [markdown]
# ## Zusammenfassung
#
# - **Transferlernen:** die Faltungsbasis eines auf einer großen Aufgabe
#   trainierten Netzes übernehmen, einen neuen Kopf daraufsetzen.
# - **Merkmalsextraktion:** `basis.trainable = False`, nur der Kopf lernt.
#   Mit wenigen Labels viel weniger Parameter zu bestimmen.
# - **Feinabstimmung:** danach die oberen Schichten auftauen, die unteren
#   eingefroren lassen, **neu kompilieren** (sonst ändert `trainable`
#   nichts) und mit **kleiner Lernrate** (z. B. 1e-4) weitertrainieren.
# - Ob Transfer hilft, zeigt nur der Vergleich mit einem Netz von Grund auf
#   mit denselben Labels – über mehrere Auswahlen gemittelt.
# - Vortrainierte Gewichte sind im Kurs Einträge im Register wie Datensätze
#   (`dlkurs data download mobilenet_v3_small_notop`); MobileNetV3Small ist
#   auf der CPU über zehnmal schneller als VGG16.
# - Speicher: Im Schnelldurchlauf brauchte der Kernel dieser Lektion höchstens
#   1,3 GB; das meiste davon der VGG16-Zeitvergleich. Die Fotos werden
#   stapelweise gelesen und nie alle auf einmal gehalten.

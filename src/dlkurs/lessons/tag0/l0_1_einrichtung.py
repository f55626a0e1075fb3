# %% [markdown]
# # 0.1 Einrichtung
#
# Willkommen im Kurs **Deep Learning mit Python & Keras**!
#
# Dieses erste Notebook prüft, ob dein Rechner bereit ist. Führe die Zellen
# nacheinander aus: Klicke in eine Zelle und drücke **Umschalt + Enter**.
# Wenn am Ende keine Zelle einen Fehler gezeigt hat, kann es losgehen.
#
# Du prüfst hier:
#
# 1. welche Versionen von Python und den wichtigsten Bibliotheken installiert sind,
# 2. ob Keras mit seinem *Backend* (TensorFlow oder JAX) rechnen kann,
# 3. ob eine Grafikkarte (GPU) zur Verfügung steht,
# 4. wie schnell dein Rechner Matrizen multipliziert,
# 5. ob Diagramme angezeigt werden.
#
# Dieselben Prüfungen gibt es auch im Terminal: `dlkurs doctor`.

# %%
import platform
import time

import matplotlib
import numpy as np

import dlkurs

print("Python    ", platform.python_version())
print("NumPy     ", np.__version__)
print("Matplotlib", matplotlib.__version__)
print("dlkurs    ", dlkurs.__version__, "– Profil:", dlkurs.profile())

# %% [markdown]
# ## Keras und sein Backend
#
# Keras 3 ist eine Schnittstelle; das eigentliche Rechnen übernimmt ein
# **Backend**. Im Kurs ist das standardmäßig **TensorFlow**. Welches Backend
# Keras nimmt, steuert die Umgebungsvariable `KERAS_BACKEND` – sie muss gesetzt
# sein, *bevor* Keras zum ersten Mal importiert wird.

# %%
import keras

print("Keras  ", keras.__version__)
print("Backend", keras.backend.backend())

# %% [markdown]
# ## Eine erste Tensor-Rechnung
#
# Ein **Tensor** ist ein mehrdimensionales Zahlenfeld. Wir bauen eine kleine
# Matrix mit `keras.ops`, multiplizieren sie mit sich selbst und vergleichen das
# Ergebnis mit NumPy. Beide müssen (bis auf Rundung) dasselbe liefern.

# %%
from keras import ops

a = ops.convert_to_tensor([[1.0, 2.0], [3.0, 4.0]])
produkt = ops.matmul(a, a)
print("a @ a mit Keras:\n", ops.convert_to_numpy(produkt))

erwartet = np.array([[1.0, 2.0], [3.0, 4.0]]) @ np.array([[1.0, 2.0], [3.0, 4.0]])
print("a @ a mit NumPy:\n", erwartet)
assert np.allclose(ops.convert_to_numpy(produkt), erwartet), "Keras rechnet falsch – bitte 'dlkurs doctor' ausführen."
print("✓ Keras und NumPy stimmen überein.")

# %% [markdown]
# ## Gibt es eine GPU?
#
# Für diesen Kurs genügt die CPU: Alle Lektionen sind so bemessen, dass sie auf
# einem Laptop laufen. Eine GPU macht große Modelle (z. B. an Tag 3) schneller.

# %%
backend = keras.backend.backend()
if backend == "tensorflow":
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
elif backend == "jax":
    import jax

    gpus = [d for d in jax.devices() if d.platform != "cpu"]
else:
    gpus = []
print("GPUs:", gpus if gpus else "keine – wir rechnen auf der CPU")

# %% [markdown]
# ## Wie schnell rechnet dein Rechner?
#
# Neuronale Netze bestehen zum größten Teil aus Matrixmultiplikationen. Eine
# Multiplikation zweier $n \times n$-Matrizen braucht etwa $2n^3$
# Gleitkommaoperationen (FLOP). Wir messen, wie viele Milliarden davon pro
# Sekunde (GFLOP/s) dein Prozessor schafft.

# %%
n = dlkurs.pick(quick=256, full=1024)
x = np.random.default_rng(0).random((n, n), dtype=np.float32)
x @ x  # Aufwärmen

wiederholungen = 5
start = time.perf_counter()
for _ in range(wiederholungen):
    x @ x
dauer = (time.perf_counter() - start) / wiederholungen
gflops = 2 * n**3 / dauer / 1e9
print(f"{n}×{n}-Matrixmultiplikation: {dauer * 1000:.1f} ms  →  {gflops:.1f} GFLOP/s")
dlkurs.report(matmul_gflops=gflops)

# %% [markdown]
# ## Ein erstes Diagramm
#
# Diagramme erscheinen direkt unter der Zelle. Hier siehst du drei
# **Aktivierungsfunktionen**, die dir im Kurs immer wieder begegnen werden.

# %%
import matplotlib.pyplot as plt

z = np.linspace(-4, 4, 200)
plt.figure(figsize=(7, 3.5))
plt.plot(z, 1 / (1 + np.exp(-z)), label="Sigmoid")
plt.plot(z, np.tanh(z), label="tanh")
plt.plot(z, np.maximum(0, z), label="ReLU")
plt.axhline(0, color="grey", lw=0.5)
plt.ylim(-1.2, 2.2)
plt.title("Drei Aktivierungsfunktionen")
plt.xlabel("z")
plt.legend()
plt.show()

# %% [markdown]
# ## Geschafft
#
# Wenn alle Zellen ohne Fehler durchgelaufen sind und du das Diagramm siehst,
# ist dein Rechner bereit für den Kurs. Weiter geht es mit **1.1 Einstieg** –
# oder, falls Jupyter neu für dich ist, mit **1.2 Jupyter & Markdown**.

"""Data that ships inside scikit-learn: always available, also offline.

Two uses:

* ``load("iris")`` (and digits, wine, breast_cancer, diabetes): lessons that
  simply use a small classic table get it as a DataFrame.
* Declared substitutes: ``load("mnist", allow_substitute=True)`` returns, when
  the real MNIST is not available, scikit-learn's digits in MNIST's layout, and
  says so plainly. A substitute is only offered where the layout matches
  honestly (28×28 uint8 digit images, 10 classes); results differ from the
  course's numbers, and the notice says that too.
"""

from __future__ import annotations

from dlkurs.data import events
from dlkurs.data.registry import Dataset


def load_embedded(ds: Dataset):
    """The scikit-learn table of ``ds`` as a DataFrame (features + ``target``)."""
    import sklearn.datasets as skd

    return getattr(skd, ds.embedded)(as_frame=True).frame


def digits_as_mnist(train: int = 1500) -> tuple:
    """scikit-learn's 1797 digits, 8×8 (0–16) -> 28×28 uint8 (0–255) in MNIST's layout.

    Each pixel becomes a 3×3 block (24×24), centred with a 2-pixel border as
    MNIST centres its digits in a 20×20 box. Split: first ``train`` images train.
    """
    import numpy as np
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = np.rint(digits.images * (255.0 / 16.0)).astype(np.uint8)
    images = np.kron(images, np.ones((1, 3, 3), dtype=np.uint8))
    images = np.pad(images, ((0, 0), (2, 2), (2, 2)))
    labels = digits.target.astype(np.uint8)
    return (images[:train], labels[:train]), (images[train:], labels[train:])


SUBSTITUTES = {
    "digits": (digits_as_mnist, "die Ziffern aus scikit-learn (load_digits: 1797 Bilder 8×8, auf 28×28 vergrößert; "
                                "1500 Training, 297 Test)"),
}


def substitute(ds: Dataset, reason: str):
    """Return the declared substitute of ``ds`` and announce it."""
    make, what = SUBSTITUTES[ds.substitute]
    text = (
        f"ERSATZDATEN: Der echte Datensatz '{ds.name}' ({ds.title}) ist nicht verfügbar. Stattdessen werden "
        f"{what} verwendet – gleiche Form, aber andere Bilder: Die Ergebnisse sind nicht mit den Kurszahlen "
        f"vergleichbar.\nEchte Daten: mit Internet 'dlkurs data download {ds.name}', ohne Internet "
        f"'dlkurs data import PAKET.zip' (Daten-Paket der Trainerin/des Trainers)."
    )
    events.notice(text)
    events.record(events.SUBSTITUTE, ds.name, text, instead=ds.substitute, reason=reason)
    return make()


__all__ = ["load_embedded", "digits_as_mnist", "substitute", "SUBSTITUTES"]

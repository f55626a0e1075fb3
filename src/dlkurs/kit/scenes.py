"""Scenes of several digits on one canvas: images, a class per pixel, a box per digit.

For segmentation and localisation without a photo dataset: MNIST digits are
scaled and placed side by side on an empty canvas; the mask says for every
pixel which digit covers it (0 = background, 1 + digit = the digit's class),
the boxes where each digit lies. Imports nothing else of dlkurs; Matplotlib is
imported on first use.

    >>> from dlkurs.kit.scenes import compose_scenes
    >>> szenen = compose_scenes(bilder, labels, n=1000, size=48, digits=(1, 3), seed=0)
    >>> szenen.images.shape, szenen.masks.shape, szenen.boxes[0]   # (1000, 48, 48) twice, (k, 4)

Boxes are ``(y0, x0, y1, x1)`` in pixels, ``y1``/``x1`` exclusive (like a slice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: a digit's pixel counts as "digit" (in the mask and its box) from this brightness on (0..1)
INK = 0.3


@dataclass
class Scenes:
    """``images`` (n, size, size) float32 in [0, 1]; ``masks`` (n, size, size) uint8 (0 background,
    1 + digit); ``boxes``/``classes``: one array per scene, (k, 4) int and (k,) int."""

    images: np.ndarray
    masks: np.ndarray
    boxes: list = field(default_factory=list)
    classes: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.images)

    def single_boxes(self) -> tuple[np.ndarray, np.ndarray]:
        """For scenes of exactly one digit: boxes (n, 4) and classes (n,)."""
        if any(len(b) != 1 for b in self.boxes):
            raise ValueError("single_boxes() needs scenes with exactly one digit each (digits=(1, 1))")
        return np.stack([b[0] for b in self.boxes]), np.array([c[0] for c in self.classes])


def resize(image: np.ndarray, side: int) -> np.ndarray:
    """Bilinear resize of a square grey image to ``side`` × ``side`` (NumPy only)."""
    image = np.asarray(image, dtype="float32")
    h, w = image.shape
    ys = np.clip((np.arange(side) + 0.5) * h / side - 0.5, 0, h - 1)
    xs = np.clip((np.arange(side) + 0.5) * w / side - 0.5, 0, w - 1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    wy, wx = (ys - y0)[:, None], (xs - x0)[None, :]
    oben = image[y0][:, x0] * (1 - wx) + image[y0][:, x1] * wx
    unten = image[y1][:, x0] * (1 - wx) + image[y1][:, x1] * wx
    return (oben * (1 - wy) + unten * wy).astype("float32")


def tight_box(ink: np.ndarray) -> np.ndarray:
    """(y0, x0, y1, x1) of the True pixels of a boolean image, ends exclusive; zeros when empty."""
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return np.zeros(4, dtype=int)
    return np.array([rows[0], cols[0], rows[-1] + 1, cols[-1] + 1])


def _overlap(a: np.ndarray, b: np.ndarray) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def compose_scenes(images: Any, labels: Any, n: int, size: int = 48, digits: tuple[int, int] = (1, 3),
                   scale: tuple[int, int] = (14, 14), seed: int = 0, tries: int = 30) -> Scenes:
    """``n`` scenes of ``digits[0]``…``digits[1]`` digits each, scaled to ``scale[0]``…``scale[1]`` pixels.

    ``images``: (N, h, w) digits, uint8 0..255 or floats 0..1; ``labels``: (N,) classes 0..9.
    Digits are placed so that their boxes do not overlap (after ``tries`` attempts a digit is left out,
    so a scene may hold fewer digits than drawn, never none). Deterministic for a ``seed``.
    """
    images = np.asarray(images)
    labels = np.asarray(labels).reshape(-1)
    if images.ndim != 3 or len(images) != len(labels) or len(images) == 0:
        raise ValueError(f"expected digits (N, h, w) and N labels, received {images.shape} and {labels.shape}")
    lo, hi = digits
    if not 1 <= lo <= hi:
        raise ValueError(f"digits must be (low, high) with 1 <= low <= high, received {digits}")
    if scale[1] > size:
        raise ValueError(f"digits of {scale[1]} pixels do not fit on a canvas of {size}")
    bilder = images.astype("float32") / (255.0 if images.dtype == np.uint8 or images.max() > 1 else 1.0)
    rng = np.random.default_rng(seed)
    leinwand = np.zeros((n, size, size), dtype="float32")
    masken = np.zeros((n, size, size), dtype="uint8")
    alle_boxen, alle_klassen = [], []
    for s in range(n):
        boxen, klassen = [], []
        for _ in range(int(rng.integers(lo, hi + 1))):
            i = int(rng.integers(len(bilder)))
            seite = int(rng.integers(scale[0], scale[1] + 1))
            ziffer = resize(bilder[i], seite) if seite != bilder.shape[1] else bilder[i]
            tinte = ziffer > INK
            innen = tight_box(tinte)
            for _ in range(tries):
                y, x = (int(v) for v in rng.integers(0, size - seite + 1, size=2))
                box = innen + np.array([y, x, y, x])
                if not any(_overlap(box, b) for b in boxen):
                    break
            else:
                continue
            ausschnitt = leinwand[s, y:y + seite, x:x + seite]
            np.maximum(ausschnitt, ziffer, out=ausschnitt)
            masken[s, y:y + seite, x:x + seite][tinte] = labels[i] + 1
            boxen.append(box)
            klassen.append(int(labels[i]))
        alle_boxen.append(np.array(boxen, dtype=int).reshape(-1, 4))
        alle_klassen.append(np.array(klassen, dtype=int))
    return Scenes(leinwand, masken, alle_boxen, alle_klassen)


def box_iou(a: Any, b: Any) -> np.ndarray:
    """IoU of boxes ``(y0, x0, y1, x1)``, row by row: (n, 4) and (n, 4) -> (n,); 0 where both are empty."""
    a = np.asarray(a, dtype="float64").reshape(-1, 4)
    b = np.asarray(b, dtype="float64").reshape(-1, 4)
    hoehe = np.clip(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0, None)
    breite = np.clip(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0, None)
    schnitt = hoehe * breite
    flaeche = lambda r: np.clip(r[:, 2] - r[:, 0], 0, None) * np.clip(r[:, 3] - r[:, 1], 0, None)  # noqa: E731
    vereinigung = flaeche(a) + flaeche(b) - schnitt
    return np.where(vereinigung > 0, schnitt / np.where(vereinigung > 0, vereinigung, 1), 0.0)


def class_iou(y_true: Any, y_pred: Any, n_classes: int) -> np.ndarray:
    """IoU per class of two label maps; NaN for a class that is in neither (it does not count)."""
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"label maps of different size: {y_true.size} and {y_pred.size}")
    ergebnis = np.full(n_classes, np.nan)
    for k in range(n_classes):
        wahr, vorher = y_true == k, y_pred == k
        vereinigung = np.count_nonzero(wahr | vorher)
        if vereinigung:
            ergebnis[k] = np.count_nonzero(wahr & vorher) / vereinigung
    return ergebnis


def mean_iou(y_true: Any, y_pred: Any, n_classes: int, skip: tuple[int, ...] = ()) -> float:
    """Mean of :func:`class_iou` over the classes present, without the classes in ``skip`` (e.g. background 0)."""
    werte = class_iou(y_true, y_pred, n_classes)
    werte = np.array([w for k, w in enumerate(werte) if k not in skip and not np.isnan(w)])
    return float(werte.mean()) if len(werte) else float("nan")


def mask_colors(masks: Any, n_classes: int = 11) -> np.ndarray:
    """Label maps (…, h, w) -> RGB (…, h, w, 3): background black, every class its own colour."""
    import matplotlib.pyplot as plt

    palette = np.array([(0.0, 0.0, 0.0)] + [plt.get_cmap("tab10")(k % 10)[:3] for k in range(n_classes - 1)])
    return palette[np.clip(np.asarray(masks, dtype=int), 0, n_classes - 1)].astype("float32")


def show_scenes(images: Any, masks: Any = None, predicted: Any = None, boxes: Any = None,
                predicted_boxes: Any = None, titles: Any = None, size: float = 2.2):
    """Scenes in a row; below them the true and the predicted class maps; boxes drawn as frames.

    ``boxes``/``predicted_boxes``: per scene an array (k, 4) (or one box (4,)); true boxes green,
    predicted boxes red and dashed. Returns the figure.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    images = np.asarray(images)
    reihen = [("Szene", images, "gray")]
    if masks is not None:
        reihen.append(("Klassen (wahr)", mask_colors(masks), None))
    if predicted is not None:
        reihen.append(("Klassen (Netz)", mask_colors(predicted), None))
    n = len(images)
    fig, axes = plt.subplots(len(reihen), n, figsize=(n * size, len(reihen) * size), squeeze=False)
    for r, (name, stapel, cmap) in enumerate(reihen):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(stapel[c], cmap=cmap, vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            if r == 0:
                for liste, farbe, stil in ((boxes, "lime", "-"), (predicted_boxes, "red", "--")):
                    if liste is None:
                        continue
                    for y0, x0, y1, x1 in np.asarray(liste[c], dtype=float).reshape(-1, 4):
                        ax.add_patch(Rectangle((x0 - 0.5, y0 - 0.5), x1 - x0, y1 - y0, fill=False,
                                               edgecolor=farbe, linestyle=stil, linewidth=1.5))
                if titles is not None:
                    ax.set_title(str(titles[c]), fontsize=9)
        axes[r, 0].set_ylabel(name)
    if masks is not None:
        farben = mask_colors(np.arange(1, 11))
        fig.legend([Line2D([], [], color=f, lw=6) for f in farben], [str(k) for k in range(10)],
                   loc="center right", title="Ziffer", fontsize=8)
        fig.tight_layout(rect=(0, 0, 0.93, 1))
    else:
        fig.tight_layout()
    return fig

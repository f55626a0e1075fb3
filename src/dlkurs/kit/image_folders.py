"""Image folders: a tree of JPEG photos, one sub-folder per class, checked and loaded.

The layout is the one ``keras.utils.image_dataset_from_directory`` reads::

    folder/train/cats/cat.0.jpg
    folder/train/dogs/dog.0.jpg
    folder/validation/...

:func:`verify_images` opens every image once (small, in JPEG draft mode) and
names the files that cannot be decoded, so that a broken photo is reported by
name instead of ending a training run in the middle of an epoch.
:func:`photo_dataset` checks a folder that way and then returns a streaming
``tf.data`` pipeline: photos are decoded batch by batch, never all at once at
full resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: File endings image_dataset_from_directory reads.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")


class BrokenImages(ValueError):
    """Some files of an image folder cannot be decoded; ``files`` names them."""

    def __init__(self, message: str, files: list[Path]):
        super().__init__(message)
        self.files = files

    def _render_traceback_(self) -> list[str]:
        """What Jupyter shows: the message only (it names the files), no traceback."""
        return ["\x1b[1;31mKaputte Bilddateien\x1b[0m", str(self)]


@dataclass
class FolderReport:
    """What :func:`verify_images` found.

    counts: images per sub-folder, e.g. ``{"train/cats": 1000, ...}``.
    broken: ``(path, reason)`` for every file that could not be decoded.
    sizes: ``(width, height)`` of every readable image (for a look at the spread).
    """

    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    broken: list[tuple[Path, str]] = field(default_factory=list)
    sizes: list[tuple[int, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        zeilen = [f"{self.total} Bilder in {self.folder}:"]
        zeilen += [f"  {name:<22} {n:>5}" for name, n in sorted(self.counts.items())]
        if self.sizes:
            breiten = sorted(w for w, _ in self.sizes)
            hoehen = sorted(h for _, h in self.sizes)
            zeilen.append(f"  Breite {breiten[0]}–{breiten[-1]} Pixel (Median {breiten[len(breiten) // 2]}), "
                          f"Höhe {hoehen[0]}–{hoehen[-1]} Pixel (Median {hoehen[len(hoehen) // 2]})")
        if self.broken:
            zeilen.append(f"  {len(self.broken)} Datei(en) lassen sich nicht lesen:")
            zeilen += [f"    {pfad.relative_to(self.folder)}: {grund}" for pfad, grund in self.broken[:20]]
        else:
            zeilen.append("  Alle Dateien lassen sich lesen.")
        return "\n".join(zeilen)


def _image_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def _check_one(path: Path) -> tuple[tuple[int, int] | None, str | None]:
    """((width, height), None) for a readable image, (None, reason) for a broken one."""
    from PIL import Image

    try:
        with Image.open(path) as bild:
            groesse = bild.size
            bild.draft("RGB", (64, 64))  # JPEG: decode at 1/8 scale; still reads every byte
            bild.load()
        return groesse, None
    except Exception as err:  # PIL raises many kinds (OSError, SyntaxError, DecompressionBombError …)
        grund = str(err).strip() or type(err).__name__
        return None, grund[:120]


def verify_images(folder: str | Path) -> FolderReport:
    """Open every image below ``folder`` once and report counts, sizes and broken files.

    folder: a folder with one sub-folder per class (or a tree of such folders,
      e.g. train/validation/test). Counts are kept per folder that holds images,
      relative to ``folder`` ("train/cats").

    Returns a :class:`FolderReport`; ``print(report)`` shows a German summary.
    A file that cannot be decoded (truncated, not an image despite its name)
    is listed in ``report.broken`` by path; nothing is raised.

    >>> print(verify_images(load("cats_vs_dogs_small")))   # doctest: +SKIP
    4000 Bilder in …
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Ordner nicht gefunden: {folder}")
    report = FolderReport(folder=folder)
    for pfad in _image_files(folder):
        name = pfad.parent.relative_to(folder).as_posix()
        report.counts[name] = report.counts.get(name, 0) + 1
        groesse, grund = _check_one(pfad)
        if grund is None:
            report.sizes.append(groesse)
        else:
            report.broken.append((pfad, grund))
    return report


def photo_dataset(folder: str | Path, image_size: tuple[int, int] = (80, 80), batch_size: int = 32,
                  shuffle: bool = False, seed: int = 1, cache: bool = True, check: bool = True,
                  max_images: int | None = None):
    """A ``tf.data`` dataset of (images, labels) batches from a folder with one sub-folder per class.

    folder: e.g. ``load("cats_vs_dogs_small") / "train"`` with ``cats/`` and ``dogs/``.
    image_size: every photo is resized to (height, width) when it is decoded.
    batch_size, shuffle, seed: as in ``keras.utils.image_dataset_from_directory``.
    cache: keep the *resized* uint8-range batches in memory after the first pass
      (2 000 photos at 80×80 are 150 MB as float32; at full size they would be
      several GB), so later epochs do not decode the JPEGs again.
    check: run :func:`verify_images` first and raise :class:`BrokenImages`
      naming the broken files (tf.data would otherwise stop in mid-epoch).

    max_images: use only this many photos (a random mix with ``shuffle=True``,
      the first ones in file order otherwise); ``None``: all.

    Labels are float32 of shape (batch, 1) (``label_mode="binary"``) for two
    classes, integer class ids otherwise; ``dataset.class_names`` lists the
    sub-folders in label order.
    """
    import keras
    import tensorflow as tf

    folder = Path(folder)
    if check:
        report = verify_images(folder)
        if report.broken:
            namen = "\n".join(f"  {p.relative_to(folder)}: {grund}" for p, grund in report.broken[:20])
            raise BrokenImages(
                f"{len(report.broken)} Bilddatei(en) in {folder} lassen sich nicht lesen:\n{namen}\n"
                "Lösche oder ersetze sie; bei den Kursdaten hilft `dlkurs data import` mit dem Daten-Paket.",
                [p for p, _ in report.broken],
            )
        if report.total == 0:
            raise BrokenImages(f"In {folder} liegen keine Bilder (erwartet: ein Unterordner je Klasse).", [])
    klassen = sorted(p.name for p in folder.iterdir() if p.is_dir())
    dataset = keras.utils.image_dataset_from_directory(
        folder, image_size=tuple(image_size), batch_size=None, shuffle=shuffle, seed=seed,
        label_mode="binary" if len(klassen) == 2 else "int", verbose=False,
    )
    class_names = dataset.class_names
    if max_images is not None:
        dataset = dataset.take(int(max_images))
    if cache:
        dataset = dataset.cache()
    if shuffle:  # after the cache: a new order every epoch (a cache before it would freeze one)
        puffer = 1024 if max_images is None else max(1, min(1024, int(max_images)))
        dataset = dataset.shuffle(puffer, seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
    dataset.class_names = class_names
    return dataset

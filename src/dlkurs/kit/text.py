"""Helpers for the text lessons (IMDB, Reuters): multi-hot encoding and decoding sequences.

>>> from dlkurs.kit.text import multi_hot, decode
>>> multi_hot([[1, 3, 3], []], 5)
array([[0., 1., 0., 1., 0.],
       [0., 0., 0., 0., 0.]], dtype=float32)
>>> decode([1, 4, 2, 5], {"the": 1, "film": 2})
'<START> the <UNK> film'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: What the special indices of Keras' IMDB/Reuters sequences stand for (``index_from=3``).
SPECIAL = {0: "<PAD>", 1: "<START>", 2: "<UNK>"}


def multi_hot(sequences: Sequence[Sequence[int]], dim: int, dtype: Any = "float32") -> np.ndarray:
    """Multi-hot encode integer sequences: row ``i`` has a 1 at every index that occurs in ``sequences[i]``.

    sequences: a list (or object array) of integer sequences, e.g. from
      ``imdb_sequences(num_words=dim)``.
    dim: number of columns; every index must lie in ``0 … dim - 1``.
    dtype: of the result. ``"uint8"`` needs a quarter of the memory of
      ``"float32"``; Keras casts each batch to float32 when it trains.

    Repeated indices give a 1, not a count. The inputs are not changed.
    Raises ValueError (German message) for an index outside ``0 … dim - 1``.

    >>> multi_hot([[0, 2]], 3, dtype="uint8")
    array([[1, 0, 1]], dtype=uint8)
    """
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or dim < 1:
        raise ValueError(f"dim muss eine positive ganze Zahl sein. Erhalten: dim={dim!r}")
    result = np.zeros((len(sequences), int(dim)), dtype=dtype)
    for row, sequence in enumerate(sequences):
        indices = np.asarray(sequence, dtype=np.int64).ravel()
        if indices.size == 0:
            continue
        low, high = int(indices.min()), int(indices.max())
        if low < 0 or high >= dim:
            bad = low if low < 0 else high
            raise ValueError(
                f"Index {bad} in Sequenz {row} liegt außerhalb von 0 … {dim - 1} – "
                f"wurden die Daten mit num_words={dim} geladen?"
            )
        result[row, indices] = 1
    return result


def decode(sequence: Sequence[int], word_index: Mapping[str, int], index_from: int = 3) -> str:
    """The words of an integer sequence, using a Keras word index (word -> rank, ``"the"`` = 1).

    Sequences store ``rank + index_from``; the indices below ``index_from``
    are special: ``<PAD>`` (0), ``<START>`` (1), ``<UNK>`` (2, a word outside
    ``num_words``). Indices that are in no word index show as ``<UNK>`` too.
    """
    reverse = {rank + index_from: word for word, rank in word_index.items()}
    words = []
    for index in sequence:
        index = int(index)
        if index < index_from:
            words.append(SPECIAL.get(index, "<UNK>"))
        else:
            words.append(reverse.get(index, "<UNK>"))
    return " ".join(words)


__all__ = ["multi_hot", "decode", "SPECIAL"]

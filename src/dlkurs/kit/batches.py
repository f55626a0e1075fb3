"""Feed a compactly stored array to Keras batch by batch, cast to float32 only per batch.

Why: ``model.fit(x, y)`` with NumPy arrays makes TensorFlow copy the whole
array (here about twice its size). For IMDB's 25 000 × 10 000 multi-hot matrix
that is the difference between ~1.5 GB and ~2 GB for the whole lesson. Stored as
``uint8`` (250 MB) and cast batch by batch, only one float32 batch (512 × 10 000
× 4 B ≈ 20 MB) exists at a time.

>>> import numpy as np
>>> from dlkurs.kit.batches import ArrayBatches
>>> stapel = ArrayBatches(np.ones((1000, 5), dtype="uint8"), np.zeros(1000), batch_size=512)
>>> len(stapel), stapel[1][0].shape, stapel[1][0].dtype
(2, (488, 5), dtype('float32'))

``model.fit(stapel, epochs=..., validation_data=ArrayBatches(x_val, y_val))``;
Keras shuffles the order of the batches every epoch (``fit(shuffle=True)``, the
default). The rows inside a batch stay together, so shuffle the data once
beforehand (the course's loaders already do).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np


class ArrayBatches(keras.utils.PyDataset):
    """Batches ``(x[i:i+n], y[i:i+n])`` of arrays, with ``x`` cast to ``dtype`` per batch.

    x: array of any numeric dtype (e.g. ``uint8`` multi-hot rows).
    y: labels or ``None`` (then each batch is only ``x``, for ``predict``).
    batch_size: rows per batch; the last batch may be smaller.
    dtype: what the model gets (``"float32"``).
    """

    def __init__(self, x: Any, y: Any = None, batch_size: int = 512, dtype: Any = "float32", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if batch_size < 1:
            raise ValueError(f"batch_size muss mindestens 1 sein. Erhalten: batch_size={batch_size!r}")
        if y is not None and len(y) != len(x):
            raise ValueError(f"x und y sind verschieden lang: len(x)={len(x)}, len(y)={len(y)}")
        self.x, self.y, self.batch_size, self.dtype = x, y, int(batch_size), dtype

    def __len__(self) -> int:
        return -(-len(self.x) // self.batch_size)

    def __getitem__(self, index: int):
        if not 0 <= index < len(self):
            raise IndexError(f"Stapel {index} gibt es nicht (0 … {len(self) - 1})")
        part = slice(index * self.batch_size, (index + 1) * self.batch_size)
        x = np.asarray(self.x[part], dtype=self.dtype)
        if self.y is None:
            return x
        return x, np.asarray(self.y[part])


__all__ = ["ArrayBatches"]

"""Keras' post-processing of word-rank sequences, vectorised, for IMDB and Reuters.

``keras.datasets.imdb.load_data`` and ``reuters.load_data`` turn word ranks
into model input the same way: add ``index_from`` to every rank, put
``start_char`` in front, drop sequences that are not shorter than ``maxlen``,
and replace ranks outside ``[skip_top, num_words)`` by ``oov_char`` (or drop
them when ``oov_char`` is None). One implementation serves both loaders.
"""

from __future__ import annotations

import numpy as np


def keras_postprocess(ranks, starts, lengths, *, num_words=None, skip_top=0, maxlen=None, start_char=1,
                      oov_char=2, index_from=3) -> tuple[np.ndarray, np.ndarray]:
    """The sequences ``ranks[starts[i]:starts[i] + lengths[i]]`` as Keras delivers them.

    ranks: all word ranks, flat; starts, lengths: where each sequence lies in
    ``ranks``, in the order wanted. Returns the processed sequences (an object
    array of int32 arrays) and the mask of input sequences that ``maxlen`` kept.
    """
    ranks = np.asarray(ranks)
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    extra = 1 if start_char is not None else 0
    kept = lengths + extra < maxlen if maxlen else np.ones(len(lengths), dtype=bool)
    order = np.flatnonzero(kept)
    lens = lengths[order]
    total = int(lens.sum())
    first = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    gather = np.repeat(starts[order] - first, lens) + np.arange(total)
    words = ranks[gather].astype(np.int64) + (index_from or 0)
    out_lens = lens + extra
    out = np.empty(int(out_lens.sum()), dtype=np.int64)
    out_offsets = np.concatenate([[0], np.cumsum(out_lens)]).astype(np.int64)
    if extra:
        is_start = np.zeros(len(out), dtype=bool)
        is_start[out_offsets[:-1]] = True
        out[is_start] = start_char
        out[~is_start] = words
    else:
        out[:] = words
    limit = num_words or (int(out.max()) if len(out) else 0)
    inside = (out >= skip_top) & (out < limit)
    if oov_char is not None:
        out = np.where(inside, out, oov_char)
    else:
        seq_id = np.repeat(np.arange(len(order)), out_lens)
        out = out[inside]
        out_lens = np.bincount(seq_id[inside], minlength=len(order))
        out_offsets = np.concatenate([[0], np.cumsum(out_lens)]).astype(np.int64)
    out = out.astype(np.int32)
    sequences = np.empty(len(order), dtype=object)
    for i in range(len(order)):
        sequences[i] = out[out_offsets[i]:out_offsets[i + 1]]
    return sequences, kept

"""IMDB as integer sequences, built from the raw reviews and Keras' real word index.

Keras' ``imdb.npz`` cannot be verified offline (no copy exists here), but its
recipe can be followed: :func:`imdb_sequences` tokenises the 50 000 raw
reviews the way Keras' old ``text_to_word_sequence`` did (the characters
``!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~`` tab and newline replaced by spaces, split
on single spaces, so ``<br />`` becomes the word ``br`` and apostrophes stay
inside words; only A–Z are lowered, as Python 2's byte-string ``lower()`` did
when the index was built: it holds ``"Ángel"``, not ``"ángel"``), maps every
word to its rank in ``imdb_word_index.json`` and skips words that are not in
the index, as Keras did for words that only occur in the test set. Then it applies exactly the
post-processing of ``keras.datasets.imdb.load_data``: ``RandomState(seed)``
shuffle of train, then of test, start character, ``index_from`` offset,
``maxlen`` filter, ``num_words``/``skip_top`` cut with the OOV character.

How close it is: the sequence lengths are those of Keras' file (train: mean
238.71364, max 2494, min 11; test: mean 230.8042, max 2315, min 7 – the six
values Keras users print), so the same words are kept. What differs: the
order of the reviews (Keras' unshuffled order is unknown; here train and test
are ordered neg/pos by review id before the same seeded shuffle), so
``x_train[0]`` is a different review than in Keras; and each sequence is an
int32 NumPy array (Keras gives Python lists; all sequences are views into one
buffer). Lesson code such as ``results[i, sequence] = 1``, ``len(sequence)``
or ``keras.utils.pad_sequences`` works unchanged.

Building the ranks from the 50 000 files takes ~10 s on a laptop; the result is
cached in the data home (``imdb/.derived``) with its sha256 and the hashes of
the archive and word index it came from, and verified on every use.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from dlkurs.data.hashing import sha256_file

FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
# Filters become spaces; only A-Z are lowered: the index was built from Python 2 byte
# strings, whose lower() leaves non-ASCII letters alone ("Ángel", "estevÃo" are in it).
_TABLE = str.maketrans({**{c: " " for c in FILTERS}, **{chr(c): chr(c + 32) for c in range(65, 91)}})
TOKENIZER_VERSION = "keras-text_to_word_sequence-py2-v2"


def tokenize(text: str) -> list[str]:
    """Keras' old ``text_to_word_sequence``: ASCII lower case, filters to spaces, split on ' '."""
    return [w for w in text.translate(_TABLE).split(" ") if w]


def _review_files(tree: Path):
    """(split, label, path) of every review, train then test, neg then pos, by numeric id."""
    for split in ("train", "test"):
        for label, name in ((0, "neg"), (1, "pos")):
            folder = tree / split / name
            files = sorted(os.listdir(folder), key=lambda n: (int(n.split("_")[0]), n))
            for file in files:
                if file.endswith(".txt"):
                    yield split, label, folder / file


def build_ranks(tree: Path, word_index: dict[str, int]) -> dict:
    """Word ranks of every review: ``{"ranks": int32 flat, "offsets", "labels", "split"}``."""
    import numpy as np

    ranks, offsets, labels, splits = [], [0], [], []
    get = word_index.get
    for split, label, path in _review_files(tree):
        with open(path, encoding="utf-8") as fh:
            words = [r for r in map(get, tokenize(fh.read())) if r]
        ranks.append(np.asarray(words, dtype=np.int32))
        offsets.append(offsets[-1] + len(words))
        labels.append(label)
        splits.append(0 if split == "train" else 1)
    return {
        "ranks": np.concatenate(ranks) if ranks else np.zeros(0, np.int32),
        "offsets": np.asarray(offsets, dtype=np.int64),
        "labels": np.asarray(labels, dtype=np.int64),
        "split": np.asarray(splits, dtype=np.int8),
    }


def cached_ranks(tree: Path, word_index_path: Path, cache_dir: Path | None, signature: dict) -> dict:
    """:func:`build_ranks`, cached under ``cache_dir`` when given (verified by sha256 and source hashes)."""
    import numpy as np

    signature = {**signature, "tokenizer": TOKENIZER_VERSION}
    if cache_dir is not None:
        npz, meta = cache_dir / "imdb_ranks.npz", cache_dir / "imdb_ranks.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            if info.get("signature") == signature and sha256_file(npz) == info.get("sha256"):
                with np.load(npz, allow_pickle=False) as f:
                    return {k: f[k] for k in f.files}
        except (OSError, ValueError):
            pass
    word_index = json.loads(Path(word_index_path).read_text(encoding="utf-8"))
    data = build_ranks(tree, word_index)
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(suffix=".npz", dir=cache_dir)
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **data)
            digest = sha256_file(Path(tmp))
            os.chmod(tmp, 0o644)
            os.replace(tmp, npz)
            meta.write_text(json.dumps({"sha256": digest, "signature": signature}), encoding="utf-8")
        except OSError:
            pass  # a read-only data home: build again next time
    return data


def keras_process(data: dict, *, num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
                  index_from=3) -> tuple:
    """``keras.datasets.imdb.load_data``'s shuffle, split and processing on the cached word ranks."""
    import numpy as np

    from dlkurs.data.sequences import keras_postprocess

    offsets, ranks = data["offsets"], data["ranks"]
    lengths = np.diff(offsets)
    rng = np.random.RandomState(seed)
    train = np.flatnonzero(data["split"] == 0)
    test = np.flatnonzero(data["split"] == 1)
    perm = np.arange(len(train))
    rng.shuffle(perm)
    train = train[perm]
    perm = np.arange(len(test))
    rng.shuffle(perm)
    test = test[perm]

    order = np.concatenate([train, test])
    sequences, kept = keras_postprocess(ranks, offsets[order], lengths[order], num_words=num_words,
                                        skip_top=skip_top, maxlen=maxlen, start_char=start_char,
                                        oov_char=oov_char, index_from=index_from)
    cut = int(kept[: len(train)].sum())
    if maxlen and (cut == 0 or cut == len(sequences)):  # Keras filters train and test separately
        raise ValueError(f"Nach dem Filter maxlen={maxlen} bleibt keine Sequenz übrig. maxlen erhöhen.")
    order = order[kept]
    labels = data["labels"][order]
    return (sequences[:cut], labels[:cut]), (sequences[cut:], labels[cut:])

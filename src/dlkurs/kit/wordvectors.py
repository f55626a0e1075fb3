"""Word vectors of one's own: skip-gram with negative sampling, written in Keras, and tools to look at them.

The recipe of word2vec (Mikolov et al., 2013) in a form small enough for a
laptop CPU:

* :func:`skipgram_pairs` turns integer sequences (padding 0 left out) into
  training pairs ``(target word, context word, label)``: every word within
  ``window`` positions of a target is a positive pair (label 1); for each of
  them ``negatives`` random words drawn from the unigram distribution to the
  power 0.75 are negative pairs (label 0). Frequent words ("the", "and") are
  thinned out first (subsampling), so the pairs are not mostly about them.
* :func:`skipgram_model` is the model: two embedding tables (one for targets,
  one for contexts), the dot product of the two vectors as a logit, binary
  cross-entropy. After training, the target table holds the word vectors.
* :func:`pca_2d` and :func:`plot_word_map` draw chosen words on a 2-D map;
  :func:`cosine_neighbours` and :func:`analogy` answer "which words are close".

Keras is imported lazily and only through ``keras.ops``/layers: works with
TensorFlow and JAX.

>>> import numpy as np
>>> t, c, y = skipgram_pairs([np.array([5, 6, 7, 0, 0])], vocab_size=10, window=1, negatives=1,
...                          subsample=None, seed=0)
>>> sorted(zip(t[y == 1].tolist(), c[y == 1].tolist()))
[(5, 6), (6, 5), (6, 7), (7, 6)]
>>> int((y == 0).sum())
4
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def skipgram_pairs(
    sequences: Sequence[Sequence[int]],
    vocab_size: int,
    window: int = 2,
    negatives: int = 4,
    subsample: float | None = 1e-3,
    max_positives: int | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Skip-gram training pairs ``(targets, contexts, labels)`` from integer sequences.

    sequences: integer word ids per text; 0 is padding and is left out,
      so are ids ``>= vocab_size``.
    window: context words on each side of the target.
    negatives: random (negative) context words per positive pair.
    subsample: word2vec's threshold ``t``: a word of relative frequency ``f``
      is kept with probability ``min(1, sqrt(t / f) + t / f)``; None keeps all.
    max_positives: keep at most this many positive pairs (a random choice).
    seed: for subsampling, the choice and the negative words.

    Returns int32 ``targets``, int32 ``contexts`` and float32 ``labels``
    (1 positive, 0 negative), shuffled. Pairs never cross from one text into
    the next.
    """
    rng = np.random.default_rng(seed)
    flat, text_id = [], []
    for i, seq in enumerate(sequences):
        s = np.asarray(seq, dtype=np.int64).ravel()
        s = s[(s > 0) & (s < vocab_size)]
        flat.append(s)
        text_id.append(np.full(len(s), i, dtype=np.int64))
    if not flat:
        raise ValueError("Keine Sequenzen übergeben.")
    words = np.concatenate(flat)
    texts = np.concatenate(text_id)
    counts = np.bincount(words, minlength=vocab_size).astype(np.float64)
    if subsample:
        freq = counts[words] / max(len(words), 1)
        keep = rng.random(len(words)) < np.minimum(1.0, np.sqrt(subsample / freq) + subsample / freq)
        words, texts = words[keep], texts[keep]
    targets, contexts = [], []
    for d in range(1, window + 1):
        same = texts[:-d] == texts[d:]
        a, b = words[:-d][same], words[d:][same]
        targets += [a, b]
        contexts += [b, a]
    targets = np.concatenate(targets)
    contexts = np.concatenate(contexts)
    if max_positives is not None and len(targets) > max_positives:
        pick = rng.choice(len(targets), size=max_positives, replace=False)
        targets, contexts = targets[pick], contexts[pick]
    noise = counts ** 0.75
    noise[0] = 0.0
    noise /= noise.sum()
    n_neg = len(targets) * negatives
    neg_targets = np.repeat(targets, negatives)
    neg_contexts = rng.choice(vocab_size, size=n_neg, p=noise)
    all_t = np.concatenate([targets, neg_targets]).astype(np.int32)
    all_c = np.concatenate([contexts, neg_contexts]).astype(np.int32)
    labels = np.concatenate([np.ones(len(targets)), np.zeros(n_neg)]).astype(np.float32)
    order = rng.permutation(len(all_t))
    return all_t[order], all_c[order], labels[order]


def skipgram_model(vocab_size: int, dim: int = 64, learning_rate: float = 0.002):
    """A compiled skip-gram model: inputs ``[targets, contexts]`` (int), output one logit per pair.

    The layer named ``"wortvektoren"`` holds the word vectors afterwards
    (``model.get_layer("wortvektoren").get_weights()[0]``, shape ``(vocab_size, dim)``).
    """
    import keras
    from keras import layers

    ziel = keras.Input(shape=(), dtype="int32", name="zielwort")
    kontext = keras.Input(shape=(), dtype="int32", name="kontextwort")
    v = layers.Embedding(vocab_size, dim, name="wortvektoren")(ziel)
    k = layers.Embedding(vocab_size, dim, name="kontextvektoren")(kontext)
    logit = layers.Dot(axes=-1)([v, k])
    model = keras.Model([ziel, kontext], logit, name="skipgram")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")])
    return model


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row divided by its length (rows of zeros stay zero)."""
    v = np.asarray(vectors, dtype=np.float64)
    norm = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norm == 0, 1.0, norm)


def cosine_neighbours(vectors: np.ndarray, index: int, k: int = 5) -> np.ndarray:
    """Indices of the ``k`` rows most similar to row ``index`` by cosine similarity, itself excluded."""
    unit = normalize_rows(vectors)
    sim = unit @ unit[index]
    sim[index] = -np.inf
    return np.argsort(-sim, kind="stable")[:k]


def analogy(vectors: np.ndarray, a: int, b: int, c: int, k: int = 5) -> np.ndarray:
    """"a is to b as c is to ?": the ``k`` rows closest (cosine) to ``b - a + c``, without a, b, c."""
    unit = normalize_rows(vectors)
    query = unit[b] - unit[a] + unit[c]
    sim = unit @ (query / (np.linalg.norm(query) or 1.0))
    sim[[a, b, c]] = -np.inf
    return np.argsort(-sim, kind="stable")[:k]


def pca_2d(vectors: np.ndarray) -> np.ndarray:
    """The rows projected onto their first two principal components, shape ``(n, 2)``."""
    v = np.asarray(vectors, dtype=np.float64)
    v = v - v.mean(axis=0)
    _, _, vt = np.linalg.svd(v, full_matrices=False)
    return v @ vt[:2].T


def plot_word_map(vectors: np.ndarray, words: Sequence[str], word_to_index: Mapping[str, int],
                  groups: Mapping[str, Sequence[str]] | None = None, title: str = "Wortvektoren in 2-D (PCA)",
                  ax=None):
    """Scatter the chosen ``words`` after a PCA of their (normalised) vectors; ``groups`` colours them."""
    import matplotlib.pyplot as plt

    words = [w for w in words if w in word_to_index]
    points = pca_2d(normalize_rows(np.asarray(vectors)[[word_to_index[w] for w in words]]))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    colour_of = {}
    if groups:
        for i, (name, members) in enumerate(groups.items()):
            for m in members:
                colour_of[m] = (f"C{i}", name)
    shown = set()
    for (x, y), w in zip(points, words):
        colour, name = colour_of.get(w, ("C7", None))
        label = name if name and name not in shown else None
        shown.add(name)
        ax.scatter(x, y, color=colour, label=label, s=25)
        ax.annotate(w, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=9)
    ax.set(title=title, xlabel="1. Hauptkomponente", ylabel="2. Hauptkomponente")
    if groups:
        ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return ax

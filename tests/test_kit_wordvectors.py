"""dlkurs.kit.wordvectors: skip-gram pairs, neighbours, analogy, PCA map, the model."""

from __future__ import annotations

import numpy as np
import pytest

from dlkurs.kit.wordvectors import (
    analogy,
    cosine_neighbours,
    normalize_rows,
    pca_2d,
    skipgram_model,
    skipgram_pairs,
)


def test_pairs_stay_inside_one_text_and_skip_padding():
    t, c, y = skipgram_pairs([np.array([3, 4, 0, 0]), np.array([5, 6])], vocab_size=10, window=2,
                             negatives=2, subsample=None, seed=1)
    positives = set(zip(t[y == 1].tolist(), c[y == 1].tolist()))
    assert positives == {(3, 4), (4, 3), (5, 6), (6, 5)}
    assert (y == 0).sum() == 2 * len(positives)
    assert t.dtype == np.int32 and c.dtype == np.int32 and y.dtype == np.float32
    assert c[y == 0].min() >= 1  # never the padding id as a negative word


def test_pairs_limit_and_ids_out_of_range():
    seqs = [np.arange(1, 50)] * 4
    t, c, y = skipgram_pairs(seqs, vocab_size=30, window=3, negatives=1, subsample=None, max_positives=50)
    assert (y == 1).sum() == 50 and (y == 0).sum() == 50
    assert t.max() < 30 and c.max() < 30


def test_subsampling_thins_frequent_words():
    rng = np.random.default_rng(0)
    seq = np.where(rng.random(5000) < 0.5, 1, rng.integers(2, 500, 5000))
    t, _, y = skipgram_pairs([seq], vocab_size=500, window=1, negatives=0, subsample=1e-3, seed=0)
    assert np.mean(t[y == 1] == 1) < 0.2  # word 1 is half the text, but a small share of the pairs


def test_neighbours_and_analogy():
    v = np.array([[1.0, 0.0], [10.0, 5.0], [0.5, 0.05], [0.2, 0.9], [-1.0, 0.2]])
    assert cosine_neighbours(v, 0, 2).tolist() == [2, 1]
    w = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [-1.0, 1.0], [0.0, -1.0]])
    # unit(1,1) - (1,0) + (0,1) = (-0.29, 1.71): of the rows left (not a, b, c), (-1,1) is closest
    assert analogy(w, 0, 1, 2, k=2).tolist() == [3, 4]
    assert np.allclose(np.linalg.norm(normalize_rows(v), axis=1), 1.0)
    assert normalize_rows(np.zeros((1, 3))).tolist() == [[0.0, 0.0, 0.0]]


def test_pca_2d_keeps_the_largest_spread():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 5)) * np.array([10.0, 1.0, 0.1, 0.1, 0.1])
    p = pca_2d(x)
    assert p.shape == (100, 2)
    assert p[:, 0].var() > 50 and p[:, 1].var() < 5


@pytest.mark.filterwarnings("ignore")
def test_skipgram_model_learns_a_toy_corpus():
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    # two topics: words 1-5 occur together, words 6-10 occur together
    seqs = [rng.integers(1, 6, 30) if i % 2 else rng.integers(6, 11, 30) for i in range(200)]
    t, c, y = skipgram_pairs(seqs, vocab_size=11, window=2, negatives=2, subsample=None, seed=0)
    model = skipgram_model(11, dim=8, learning_rate=0.05)
    model.fit([t, c], y, batch_size=256, epochs=3, verbose=0)
    vectors = model.get_layer("wortvektoren").get_weights()[0]
    assert vectors.shape == (11, 8)
    assert all(i in range(1, 6) for i in cosine_neighbours(vectors, 2, 3))

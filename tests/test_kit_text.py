import numpy as np
import pytest

from dlkurs.kit.text import decode, multi_hot


def test_multi_hot_marks_each_index_once():
    out = multi_hot([[1, 3, 3, 3], [0]], 4)
    assert out.dtype == np.float32
    assert out.tolist() == [[0, 1, 0, 1], [1, 0, 0, 0]]


def test_multi_hot_edge_cases_and_dtype():
    assert multi_hot([], 3).shape == (0, 3)
    assert multi_hot([[]], 3).tolist() == [[0, 0, 0]]
    seqs = np.empty(2, dtype=object)
    seqs[0], seqs[1] = np.array([2], dtype=np.int32), np.array([], dtype=np.int32)
    out = multi_hot(seqs, 3, dtype="uint8")
    assert out.dtype == np.uint8 and out.tolist() == [[0, 0, 1], [0, 0, 0]]


def test_multi_hot_rejects_indices_outside_dim_and_leaves_input_alone():
    seqs = [[3, 1]]
    with pytest.raises(ValueError, match="außerhalb"):
        multi_hot([[0, 5]], 5)
    with pytest.raises(ValueError, match="außerhalb"):
        multi_hot([[-1]], 5)
    with pytest.raises(ValueError, match="dim"):
        multi_hot(seqs, 0)
    multi_hot(seqs, 4)
    assert seqs == [[3, 1]]


def test_decode_shifts_by_index_from_and_names_special_tokens():
    index = {"the": 1, "film": 2}
    assert decode([1, 4, 5, 2, 0, 99], index) == "<START> the film <UNK> <PAD> <UNK>"
    assert decode(np.array([1, 2]), index, index_from=0) == "the film"

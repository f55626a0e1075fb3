"""McCulloch-Pitts and the perceptron: logic gates by hand, the learning rule, and XOR's failure."""

import numpy as np
import pytest

from dlkurs.scratch import McCullochPitts, Perceptron

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0], "XOR": [0, 1, 1, 0]}


@pytest.mark.parametrize(
    "weights, threshold, gate", [([1, 1], 2, "AND"), ([1, 1], 1, "OR"), ([-1, -1], -1, "NAND")]
)
def test_mcculloch_pitts_gates(weights, threshold, gate):
    unit = McCullochPitts(weights, threshold)
    assert unit(X).tolist() == GATES[gate]
    assert unit(np.array([1, 1])) == GATES[gate][3]


def test_mcculloch_pitts_inhibitory_input():
    # fires for x1 AND NOT x2
    unit = McCullochPitts([1, -1], threshold=1)
    assert unit(X).tolist() == [0, 0, 1, 0]


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
@pytest.mark.parametrize("seed", [None, 0, 1])
def test_perceptron_converges_on_linearly_separable_gates(gate, seed):
    p = Perceptron(2, learning_rate=0.5, seed=seed)
    errors = p.fit(X, GATES[gate], epochs=50)
    assert errors[-1] == 0 and len(errors) < 50
    assert p.predict(X).tolist() == GATES[gate]


def test_perceptron_never_learns_xor():
    p = Perceptron(2)
    errors = p.fit(X, GATES["XOR"], epochs=100)
    assert len(errors) == 100 and min(errors) > 0  # a history to plot: it never reaches zero
    assert p.predict(X).tolist() != GATES["XOR"]
    assert p.errors is errors


def test_perceptron_learning_rule_step_by_step():
    p = Perceptron(2, learning_rate=1.0)
    p.fit(X[3:], [0], epochs=1)  # predicts 1 at w=0, b=0 (step(0) = 1): one correction
    assert p.weights.tolist() == [-1.0, -1.0] and p.bias == -1.0

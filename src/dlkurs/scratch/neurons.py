"""The first artificial neurons: McCulloch-Pitts (1943) and Rosenblatt's perceptron (1958).

>>> import numpy as np
>>> from dlkurs.scratch import McCullochPitts, Perceptron
>>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
>>> McCullochPitts(weights=[1, 1], threshold=2)(X)      # AND, wired by hand
array([0, 0, 0, 1])
>>> p = Perceptron(2)
>>> errors = p.fit(X, np.array([0, 0, 0, 1]), epochs=20)  # AND, learned
>>> errors[-1], p.predict(X)
(0, array([0, 0, 0, 1]))
>>> Perceptron(2).fit(X, np.array([0, 1, 1, 0]), epochs=20)[-1] > 0    # XOR: never error-free
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["McCullochPitts", "Perceptron"]


class McCullochPitts:
    """A threshold unit with fixed weights: fires (1) when Σ wᵢxᵢ ≥ threshold, else 0.

    weights: one per input (+1 excitatory; negative for inhibitory inputs).
    threshold: the level the weighted sum must reach. Nothing is learned.
    """

    def __init__(self, weights, threshold: float):
        self.weights = np.asarray(weights, dtype=float)
        self.threshold = float(threshold)

    def __call__(self, x) -> np.ndarray:
        """Output 0 or 1 for one input vector (shape (n,)) or a batch (shape (m, n))."""
        return (np.asarray(x, dtype=float) @ self.weights >= self.threshold).astype(int)


class Perceptron:
    """Rosenblatt's perceptron: ŷ = step(w·x + b), trained by the perceptron learning rule.

    Rule, for each sample in turn: w ← w + η (y - ŷ) x,  b ← b + η (y - ŷ).
    It only changes weights after a mistake and converges whenever a straight
    line (hyperplane) separates the classes (AND, OR) – but never for XOR.
    n_inputs: number of inputs. learning_rate: η. seed: random start
    weights (None: start at zero, the classic choice).
    """

    def __init__(self, n_inputs: int, learning_rate: float = 1.0, seed: int | None = None):
        self.learning_rate = learning_rate
        if seed is None:
            self.weights = np.zeros(n_inputs)
        else:
            self.weights = np.random.default_rng(seed).normal(0.0, 0.5, n_inputs)
        self.bias = 0.0
        self.errors: list[int] = []

    def predict(self, x) -> np.ndarray:
        """0 or 1 for each sample: step(w·x + b)."""
        return (np.asarray(x, dtype=float) @ self.weights + self.bias >= 0).astype(int)

    def fit(self, x, y, epochs: int = 10, stop_when_perfect: bool = True) -> list[int]:
        """Run the learning rule over all samples `epochs` times; returns the number of mistakes per epoch.

        The list is also kept as `self.errors`, so a lesson can plot it: it
        reaches 0 for AND and OR, and keeps bouncing for XOR.
        """
        x = np.asarray(x, dtype=float)
        y = np.asarray(y)
        self.errors = []
        for _ in range(epochs):
            mistakes = 0
            for xi, target in zip(x, y):
                error = target - self.predict(xi)
                if error != 0:
                    self.weights += self.learning_rate * error * xi
                    self.bias += self.learning_rate * error
                    mistakes += 1
            self.errors.append(mistakes)
            if stop_when_perfect and mistakes == 0:
                break
        return self.errors

"""Shared fixtures for the dlkurs.scratch tests: Keras/TensorFlow as the float64 reference."""

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

@pytest.fixture(scope="module")
def keras64():
    """(keras, tf) with Keras' default float type set to float64; restored after the module."""
    tf = pytest.importorskip("tensorflow")
    keras = pytest.importorskip("keras")
    previous, previous_policy = keras.backend.floatx(), keras.config.dtype_policy()
    keras.backend.set_floatx("float64")
    # Keras caches a global dtype policy the first time any layer is built (float32
    # if an earlier test built one), and layers follow the policy, not floatx.
    keras.config.set_dtype_policy("float64")
    yield keras, tf
    keras.config.set_dtype_policy(previous_policy)
    keras.backend.set_floatx(previous)


@pytest.fixture(autouse=True)
def _same_keras_weights(request):
    """Keras' initial weights are random: seed them, so each test checks the same case on every run."""
    if "keras64" in request.fixturenames:
        keras, _ = request.getfixturevalue("keras64")
        keras.utils.set_random_seed(0)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)

"""dlkurs.scratch.optimizers against keras.optimizers: the same gradients give the same weights, step after step."""

import numpy as np
import pytest
from scratch_helpers import close

from dlkurs.scratch import SGD, Adagrad, Adam, Momentum, Nesterov, RMSprop, Tensor
from dlkurs.scratch.optimizers import get_optimizer

CASES = {  # name: (ours, Keras' class name and arguments)
    "sgd": (lambda: SGD(learning_rate=0.1), ("SGD", {"learning_rate": 0.1})),
    "momentum": (lambda: Momentum(learning_rate=0.05, momentum=0.9),
                 ("SGD", {"learning_rate": 0.05, "momentum": 0.9})),
    "nesterov": (lambda: Nesterov(learning_rate=0.05, momentum=0.8),
                 ("SGD", {"learning_rate": 0.05, "momentum": 0.8, "nesterov": True})),
    "rmsprop": (lambda: RMSprop(), ("RMSprop", {})),
    "rmsprop_momentum_centered": (lambda: RMSprop(learning_rate=0.01, rho=0.8, momentum=0.5, centered=True),
                                  ("RMSprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5,
                                               "centered": True})),
    "adagrad": (lambda: Adagrad(learning_rate=0.1), ("Adagrad", {"learning_rate": 0.1})),
    # Keras' TensorFlow backend turns Adam's β₁, β₂ into float32 before raising them to the
    # power t (tf.cast of a Python float), also for float64 weights. With β's that
    # float32 holds exactly the rule itself is compared to 1e-15; the defaults follow below.
    "adam": (lambda: Adam(learning_rate=0.01, beta_1=0.875, beta_2=0.9990234375),
             ("Adam", {"learning_rate": 0.01, "beta_1": 0.875, "beta_2": 0.9990234375})),
    "adam_amsgrad": (lambda: Adam(learning_rate=0.01, beta_1=0.75, beta_2=0.99609375, amsgrad=True),
                     ("Adam", {"learning_rate": 0.01, "beta_1": 0.75, "beta_2": 0.99609375, "amsgrad": True})),
}


@pytest.mark.parametrize("name", CASES)
def test_optimizer_matches_keras_over_several_steps(keras64, rng, name):
    keras, _ = keras64
    ours_factory, (cls, kwargs) = CASES[name]
    ours = ours_factory()
    theirs = getattr(keras.optimizers, cls)(**kwargs)
    initial = [rng.normal(size=(4, 3)), rng.normal(size=3)]
    params = [Tensor(w.copy(), requires_grad=True) for w in initial]
    variables = [keras.Variable(w.copy(), dtype="float64") for w in initial]
    for _ in range(6):
        grads = [rng.normal(size=w.shape) for w in initial]
        for p, g in zip(params, grads):
            p.grad = g
        ours.step(params)
        theirs.apply_gradients(zip([keras.ops.convert_to_tensor(g) for g in grads], variables))
        for p, v in zip(params, variables):
            close(p.data, v.numpy())
    assert ours.iterations == 6


def test_adam_with_default_betas_matches_keras_up_to_its_float32_betas(keras64, rng):
    keras, _ = keras64
    ours, theirs = Adam(), keras.optimizers.Adam()
    w = Tensor(rng.normal(size=5), requires_grad=True)
    v = keras.Variable(w.data.copy(), dtype="float64")
    for _ in range(5):
        g = rng.normal(size=5)
        w.grad = g
        ours.step([w])
        theirs.apply_gradients([(keras.ops.convert_to_tensor(g), v)])
    # 0.999 as float32 is 0.99900001: the bias correction differs by about 1e-5 relative in step 1
    close(w.data, v.numpy(), rtol=1e-5)


def test_defaults_are_keras_defaults(keras64):
    keras, _ = keras64
    pairs = [(SGD(), keras.optimizers.SGD(), ["momentum"]),
             (RMSprop(), keras.optimizers.RMSprop(), ["rho", "momentum", "epsilon"]),
             (Adagrad(), keras.optimizers.Adagrad(), ["initial_accumulator_value", "epsilon"]),
             (Adam(), keras.optimizers.Adam(), ["beta_1", "beta_2", "epsilon"])]
    for ours, theirs, names in pairs:
        assert ours.learning_rate == pytest.approx(float(theirs.learning_rate))
        for attr in names:
            assert getattr(ours, attr) == pytest.approx(getattr(theirs, attr)), attr


def test_step_skips_parameters_without_gradient_and_keeps_float32():
    w = Tensor(np.ones(3, dtype=np.float32), requires_grad=True)
    frozen = Tensor(np.ones(2, dtype=np.float32), requires_grad=True)
    w.grad = np.full(3, 0.5, dtype=np.float32)
    for opt in [SGD(momentum=0.9), RMSprop(), Adagrad(), Adam()]:
        opt.step([w, frozen])
    assert w.data.dtype == np.float32 and np.all(w.data < 1)
    assert np.all(frozen.data == 1)


def test_apply_gradients_keras_style():
    w = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    SGD(learning_rate=0.5).apply_gradients([(np.array([1.0, 1.0]), w)])
    close(w.data, [0.5, 1.5])


def test_descending_a_bowl():
    for name, lr in [("sgd", 0.1), ("momentum", 0.1), ("nesterov", 0.1), ("rmsprop", 0.03), ("adagrad", 1.0),
                     ("adam", 0.1)]:
        opt = get_optimizer(name)
        opt.learning_rate = lr
        w = Tensor(np.array([3.0, -2.0]), requires_grad=True)
        for _ in range(300):
            w.zero_grad()
            ((w - 1.0) ** 2).sum().backward()
            opt.step([w])
        close(w.data, [1.0, 1.0], atol=0.05, rtol=0, err_msg=name)


def test_unknown_optimizer_is_a_german_error():
    with pytest.raises(ValueError, match="Unbekannter Optimierer"):
        get_optimizer("adamw")

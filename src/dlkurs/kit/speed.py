"""How fast this machine multiplies matrices, on the CPU and (where present) the GPU."""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from dlkurs.kit.timing import time_best


def gpu_devices() -> list[str]:
    """Names of the GPUs that the Keras backend sees ([] when there is none).

    TensorFlow: ``tf.config.list_physical_devices("GPU")``; JAX: its non-CPU
    devices; PyTorch: CUDA devices.
    """
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return [d.name for d in tf.config.list_physical_devices("GPU")]
    if backend == "jax":
        import jax

        return [str(d) for d in jax.devices() if d.platform not in ("cpu",)]
    if backend == "torch":
        import torch

        return [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    return []


def _device_scope(device: str | None):
    """A context that places new Keras tensors and ops on ``device`` ("cpu"/"gpu")."""
    if device is None:
        return contextlib.nullcontext()
    device = device.lower()
    if device not in ("cpu", "gpu"):
        raise ValueError(f"device must be 'cpu', 'gpu' or None. Received: {device!r}")
    if device == "gpu" and not gpu_devices():
        raise RuntimeError("Keine GPU gefunden: device='gpu' ist hier nicht möglich.")
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return tf.device("/CPU:0" if device == "cpu" else "/GPU:0")
    if backend == "jax":
        import jax

        kinds = [d for d in jax.devices() if d.platform not in ("cpu",)] if device == "gpu" else jax.devices("cpu")
        return jax.default_device(kinds[0])
    if backend == "torch":
        return keras.device("cpu" if device == "cpu" else "cuda")
    raise ValueError(f"device={device!r} is not supported for the backend {backend!r}.")


def matmul_gflops(
    n: int,
    *,
    library: str = "numpy",
    device: str | None = None,
    dtype: str = "float32",
    budget: float = 0.05,
    seed: int = 0,
) -> float:
    """Speed of the product of two n x n matrices, in GFLOP/s (the best of several rounds).

    One product takes ``2 * n**3`` floating-point operations (n multiplications
    and n additions for each of the n² entries, counted as 2n per entry).

    library: ``"numpy"`` (``a @ b`` on the CPU) or ``"keras"`` (``keras.ops.matmul``
        with the active backend).
    device: for ``"keras"``: ``"cpu"``, ``"gpu"`` or None (the backend's default);
        ``"gpu"`` raises RuntimeError when there is no GPU.
    budget: seconds of measuring (see :func:`time_best`); at least three rounds.

    >>> matmul_gflops(256) > 0   # doctest: +SKIP
    True
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer. Received: n={n!r}")
    rng = np.random.default_rng(seed)
    a = rng.random((n, n), dtype=np.float64).astype(dtype)
    b = rng.random((n, n), dtype=np.float64).astype(dtype)
    if library == "numpy":
        if device not in (None, "cpu"):
            raise ValueError(f"NumPy rechnet nur auf der CPU. Received: device={device!r}")
        seconds = time_best(lambda: a @ b, budget=budget)
    elif library == "keras":
        from keras import ops

        with _device_scope(device):
            ta, tb = ops.convert_to_tensor(a), ops.convert_to_tensor(b)

            def sync(result: Any) -> Any:
                return ops.convert_to_numpy(result[0, 0])  # waits until the product is done

            seconds = time_best(lambda: ops.matmul(ta, tb), budget=budget, sync=sync)
    else:
        raise ValueError(f"library must be 'numpy' or 'keras'. Received: {library!r}")
    return 2 * n**3 / seconds / 1e9


__all__ = ["gpu_devices", "matmul_gflops"]

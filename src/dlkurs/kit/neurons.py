"""Logic units (neurons, perceptrons, XOR): the inputs of a gate and truth tables.

>>> from dlkurs.scratch import McCullochPitts
>>> truth_table({"AND": McCullochPitts([1, 1], threshold=2)})["AND"].tolist()
[0, 0, 0, 1]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

__all__ = ["LOGIC_INPUTS", "truth_table"]

#: The four inputs of a logic gate with two inputs, in truth-table order.
LOGIC_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def truth_table(units: Mapping[str, Callable[[np.ndarray], Any]], n_inputs: int = 2):
    """The truth table of one or more logic units as a DataFrame.

    units: name -> function that maps a batch of 0/1 inputs, shape (2**n_inputs, n_inputs),
        to one output per row (e.g. a ``McCullochPitts`` unit or ``Perceptron.predict``).
    n_inputs: number of inputs per unit.
    The inputs x₁, x₂, … form the index; each unit is one column of 0/1 outputs.
    """
    import pandas as pd

    if not units:
        raise ValueError("truth_table braucht mindestens eine Einheit, z. B. {'UND': und}.")
    inputs = np.array(list(itertools.product([0, 1], repeat=n_inputs)))
    names = [f"x{chr(0x2080 + i + 1)}" for i in range(n_inputs)]  # x₁, x₂, …
    columns: dict[str, np.ndarray] = {name: inputs[:, i] for i, name in enumerate(names)}
    for unit_name, unit in units.items():
        out = np.asarray(unit(inputs)).reshape(len(inputs), -1)
        if out.shape[1] != 1:
            raise ValueError(f"{unit_name} liefert {out.shape[1]} Werte je Eingabe; erwartet wird einer.")
        columns[unit_name] = np.rint(out[:, 0]).astype(int)
    return pd.DataFrame(columns).set_index(names)

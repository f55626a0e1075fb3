"""The examples in the docstrings run and show what they claim."""

import doctest
import importlib

import pytest

MODULES = ["", ".tensor", ".functional", ".layers", ".optimizers", ".model", ".neurons", ".gradcheck"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module("dlkurs.scratch" + name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_every_public_function_and_class_has_a_docstring():
    import dlkurs.scratch as scratch

    for name in scratch.__all__:
        obj = getattr(scratch, name)
        assert (obj.__doc__ or "").strip(), name
    for name in scratch.functional.__all__:
        obj = getattr(scratch.functional, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), name

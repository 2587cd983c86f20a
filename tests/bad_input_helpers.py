"""Shared assertions for the bad-input suites (tests/test_bad_inputs_*.py).

A *clear error* is the package's own :class:`datagen_lab.checks.InputError` (or, for checks that
predate it, a ``ValueError``/``TypeError`` raised from inside ``datagen_lab``) whose message names
the argument and says what it got. Anything else (a traceback from NumPy, PIL, imgaug or
TensorFlow, a silent NaN) fails the test.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import datagen_lab
from datagen_lab.checks import InputError

PACKAGE_DIR = Path(datagen_lab.__file__).resolve().parent

# The bad-input families the issue names, as (id, value) pairs to parametrise over.
NON_FINITE = [("nan", float("nan")), ("inf", float("inf")), ("-inf", float("-inf"))]
WRONG_TYPES = [("none", None), ("str", "3"), ("list-of-str", ["a"]), ("bool", True)]


def assert_clear_error(call: Callable[[], object], argument: str) -> InputError | Exception:
    """Call ``call`` and check it raises a clear error that names ``argument``.

    Returns the exception so a test can check more of the message.
    """
    with pytest.raises((ValueError, TypeError)) as caught:
        call()
    error = caught.value
    raised_at = traceback.extract_tb(error.__traceback__)[-1].filename
    assert Path(raised_at).resolve().is_relative_to(PACKAGE_DIR), (
        f"the error came from {raised_at}, not from datagen_lab: {type(error).__name__}: {error}"
    )
    message = str(error)
    assert argument in message, f"the message does not name {argument!r}: {message}"
    if isinstance(error, InputError):
        assert error.name == argument or argument in error.name, message
    return error


def assert_finite(value: object, what: str = "result") -> None:
    """A returned array (or number) holds no NaN or inf: bad input must not pass through silently."""
    array = np.asarray(value, dtype=float)
    assert np.isfinite(array).all(), f"{what} holds NaN/inf"

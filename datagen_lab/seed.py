"""One seed for every source of randomness the course uses: random, NumPy, imgaug, TensorFlow."""

from __future__ import annotations

import random
import sys

import numpy as np

_current_seed: int | None = None


def set_seed(seed: int) -> int:
    """Seed Python's ``random``, NumPy's global RNG, imgaug and TensorFlow/Keras.

    Args:
        seed: a non-negative integer.

    Returns:
        The seed, so a notebook can write ``SEED = set_seed(0)``.

    TensorFlow is seeded only if it is already imported (importing it costs seconds); the
    course's TensorFlow modules call :func:`seed_tensorflow` when they load, so the seed
    still reaches it. imgaug is seeded the same way.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    global _current_seed
    _current_seed = int(seed)
    if "imgaug" in sys.modules:
        seed_imgaug()
    if "tensorflow" in sys.modules:
        seed_tensorflow()
    # Last, because seeding the libraries above may draw from the global generators.
    random.seed(_current_seed)
    np.random.seed(_current_seed % 2**32)
    return _current_seed


def seed_imgaug() -> None:
    """Apply the current seed to imgaug's global RNG (no-op before :func:`set_seed`)."""
    if _current_seed is not None:
        import imgaug

        imgaug.seed(_current_seed)


def seed_tensorflow() -> None:
    """Apply the current seed to Keras/TensorFlow (no-op before :func:`set_seed`)."""
    if _current_seed is not None:
        import keras

        # keras.utils.set_random_seed also re-seeds random and NumPy with the same value.
        keras.utils.set_random_seed(_current_seed)

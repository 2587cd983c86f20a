"""Run-time settings read from the environment: fast mode and where offline data lives.

Environment variables:

- ``DATAGEN_LAB_FAST=1``: notebooks shrink every long computation (tests use it).
- ``DATAGEN_LAB_DATA=<folder>``: a folder holding offline copies (``mnist/`` or ``mnist.npz``,
  ``nltk_data/corpora/wordnet.zip``, ...), searched first.
- ``DATAGEN_LAB_NO_SHARED_DATA=1``: do not fall back to ``shared/data`` beside the checkout (the
  copy that machines without internet keep), so a test or a learner can see what happens on a
  machine without it; ``DATAGEN_LAB_DATA``, NLTK's own folders and the Keras cache still count.
- ``DATAGEN_LAB_NO_DOWNLOAD=1``: never download (no ``nltk.download``, no Keras download); a
  missing dataset fails at once with the clear error, and tests never touch the network.
- ``DATAGEN_LAB_CACHE=<folder>``: where derived caches go (default ``~/.cache/datagen_lab``).
"""

from __future__ import annotations

import os
from pathlib import Path

FAST_ENV = "DATAGEN_LAB_FAST"
DATA_ENV = "DATAGEN_LAB_DATA"
CACHE_ENV = "DATAGEN_LAB_CACHE"
NO_SHARED_DATA_ENV = "DATAGEN_LAB_NO_SHARED_DATA"
NO_DOWNLOAD_ENV = "DATAGEN_LAB_NO_DOWNLOAD"
_TRUE = frozenset({"1", "true", "yes", "on"})

# TensorFlow is imported lazily by some lessons; keep its C++ info logs out of learners' way.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# Images per forward pass when a model only predicts (sampling, judging, encoding). On a CPU a
# larger batch saves almost no time, while its activations cost memory: with 1,000 digits per pass
# the classifier alone peaks ~450 MB higher, too much for Binder's 2 GB (bench/notebook_budget.py).
INFERENCE_BATCH = 250

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SHARED_DATA_DIR = PROJECT_DIR.parent / "shared" / "data"


def fast_mode() -> bool:
    """True when ``DATAGEN_LAB_FAST=1``: notebooks shrink every long computation (tests use it)."""
    return os.environ.get(FAST_ENV, "").strip().lower() in _TRUE


def shared_data_disabled() -> bool:
    """True when ``DATAGEN_LAB_NO_SHARED_DATA=1``: :func:`data_roots` leaves out ``shared/data``."""
    return os.environ.get(NO_SHARED_DATA_ENV, "").strip().lower() in _TRUE


def downloads_disabled() -> bool:
    """True when ``DATAGEN_LAB_NO_DOWNLOAD=1``: the loaders never download (MNIST, NLTK corpora)."""
    return os.environ.get(NO_DOWNLOAD_ENV, "").strip().lower() in _TRUE


def data_roots() -> list[Path]:
    """Directories that may hold offline data copies (``mnist/``, ``nltk_data/``), best first.

    ``DATAGEN_LAB_DATA`` comes first; then ``shared/data`` beside the project checkout, where
    machines without internet keep their copies, unless ``DATAGEN_LAB_NO_SHARED_DATA=1``.
    Paths that do not exist are left out.
    """
    candidates = []
    if os.environ.get(DATA_ENV, "").strip():
        candidates.append(Path(os.environ[DATA_ENV].strip()).expanduser())
    if not shared_data_disabled():
        candidates.append(SHARED_DATA_DIR)
    return [path for path in candidates if path.exists()]


def cache_dir() -> Path:
    """Writable folder for derived caches (trained classifiers, checkpoints): created on demand.

    ``DATAGEN_LAB_CACHE`` overrides the default ``~/.cache/datagen_lab``.
    """
    path = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "datagen_lab").expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file in the way, or no permission: say which setting to change
        raise OSError(
            f"Cannot create the cache folder {path} ({type(error).__name__}: {error}). "
            f"Set {CACHE_ENV} to a writable folder."
        ) from error
    return path

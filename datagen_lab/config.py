"""Run-time settings read from the environment: fast mode and where offline data lives."""

from __future__ import annotations

import os
from pathlib import Path

FAST_ENV = "DATAGEN_LAB_FAST"
DATA_ENV = "DATAGEN_LAB_DATA"
CACHE_ENV = "DATAGEN_LAB_CACHE"

# TensorFlow is imported lazily by some lessons; keep its C++ info logs out of learners' way.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# Images per forward pass when a model only predicts (sampling, judging, encoding). On a CPU a
# larger batch saves almost no time, while its activations cost memory: with 1,000 digits per pass
# the classifier alone peaks ~450 MB higher, too much for Binder's 2 GB (bench/notebook_budget.py).
INFERENCE_BATCH = 250

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def fast_mode() -> bool:
    """True when ``DATAGEN_LAB_FAST=1``: notebooks shrink every long computation (tests use it)."""
    return os.environ.get(FAST_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def data_roots() -> list[Path]:
    """Directories that may hold offline data copies (``mnist/``, ``nltk_data/``), best first.

    ``DATAGEN_LAB_DATA`` comes first; then ``shared/data`` beside the project checkout, where
    machines without internet keep their copies. Paths that do not exist are left out.
    """
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]).expanduser())
    candidates.append(PROJECT_DIR.parent / "shared" / "data")
    return [path for path in candidates if path.exists()]


def cache_dir() -> Path:
    """Writable folder for derived caches (trained classifiers, checkpoints): created on demand.

    ``DATAGEN_LAB_CACHE`` overrides the default ``~/.cache/datagen_lab``.
    """
    path = Path(os.environ.get(CACHE_ENV, Path.home() / ".cache" / "datagen_lab")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path

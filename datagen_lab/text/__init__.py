"""Lesson 2, text augmentation (notebooks/02_text_augmentation.ipynb).

Modules: augment (the public operations), tokens, lexicon, inflect, ops, voice, noise, diff, reviews,
classifier (naive Bayes judge), panel, plots, exercises.

Submodules load on first use (``from datagen_lab.text import model``), so importing the package
stays as light as ``import datagen_lab``.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        raise
    globals()[name] = module
    return module

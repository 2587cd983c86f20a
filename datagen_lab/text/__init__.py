"""Lesson 2, text augmentation (notebooks/02_text_augmentation.ipynb).

Modules: augment (the public operations), tokens, lexicon, inflect (+ irregular_verbs.txt), ops,
ranks, voice, noise, diff, reviews, classifier (naive Bayes judge), panel, plots, exercises.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.text import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

import importlib
from typing import Any

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "NaiveBayes": "classifier",
    "augmentation_gain": "classifier",
    "label_preservation": "classifier",
    "check_deletion_threshold": "exercises",
    "check_eda_count": "exercises",
    "check_order_blind": "exercises",
    "check_passive": "exercises",
    "check_swap_function": "exercises",
    "VariantTable": "panel",
    "augmentation_widget": "panel",
    "operations_table": "panel",
    "plot_gain": "plots",
    "plot_keyboard": "plots",
    "plot_preservation": "plots",
    "split_reviews": "reviews",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(name)
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        raise
    globals()[name] = module
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))

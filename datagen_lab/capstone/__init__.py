"""Lesson 6, does synthetic data help? (notebooks/06_does_synthetic_data_help.ipynb).

Modules: experiment, results, plots, memorization, memorization_plots. Builds on dcgan (the conditional
GAN), image (augmented arm) and synthesis (mixup arm).

Submodules load on first use (``from datagen_lab.capstone import model``), so importing the package
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

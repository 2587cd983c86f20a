"""Lesson 3, the GAN minimax game on toy data (notebooks/03_gan_minimax.ipynb).

Modules: minimax (the closed-form math), densities, toy_data, toy_nn (a NumPy MLP), toy_gan, toy_train,
toy_view, panel, plots, exercises.

Submodules load on first use (``from datagen_lab.gan_game import model``), so importing the package
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

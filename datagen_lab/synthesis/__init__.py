"""Lesson 5, fusion and interpolation (notebooks/05_fusion_and_interpolation.ipynb).

Modules: fusion, fonts, colour, scene_text, captions (text on images), interpolate, interpolate_images,
smote, panel, plots, exercises.

Submodules load on first use (``from datagen_lab.synthesis import model``), so importing the package
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

"""Lesson 1, image augmentation (notebooks/01_image_augmentation.ipynb).

Modules: augment (pipelines), catalog (the augmenter menu), inputs (image input checks), feed (batches for a
model), harm (label-breaking augmentations), labels, panel, plots, exercises.

Submodules load on first use (``from datagen_lab.image import model``), so importing the package
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

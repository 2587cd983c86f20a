"""Lesson 4, a DCGAN on MNIST (notebooks/04_dcgan_mnist.ipynb); lessons 6 and 7 build on it.

Modules: model (generator and discriminator), task (the GAN step for the core Trainer), conditional,
evaluation, latent, dashboard, exercises. Imports TensorFlow lazily, inside functions.

Submodules load on first use (``from datagen_lab.dcgan import model``), so importing the package
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

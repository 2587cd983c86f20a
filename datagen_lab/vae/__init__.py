"""Lesson 7, VAE against GAN (notebooks/07_vae_vs_gan.ipynb).

Modules: model, elbo, compare, sweep, panel, plots, exercises. Builds on dcgan (the same Trainer and
evaluation) and capstone (its result checks).

Submodules load on first use (``from datagen_lab.vae import model``), so importing the package
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

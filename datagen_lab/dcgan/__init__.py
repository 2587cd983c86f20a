"""Lesson 4, a DCGAN on MNIST (notebooks/04_dcgan_mnist.ipynb); lessons 6 and 7 build on it.

Modules: config (DCGANConfig), model (generator and discriminator), task (the GAN step for the
core Trainer), conditional, features (classifier features, Fréchet distance), evaluation, latent,
dataset (generated digits on disk), dashboard, exercises. Imports TensorFlow lazily.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.dcgan import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

import importlib
from typing import Any

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "conditioning_accuracy": "conditional",
    "LiveDashboard": "dashboard",
    "plot_training": "dashboard",
    "read_digits": "dataset",
    "write_digits": "dataset",
    "QualityMonitor": "evaluation",
    "evaluate_digits": "evaluation",
    "noise_digits": "evaluation",
    "plot_quality": "evaluation",
    "plot_reports": "evaluation",
    "interpolation_widget": "latent",
    "plot_interpolations": "latent",
    "seed_slider": "latent",
    "count_parameters": "model",
    "make_dcgan_trainer": "task",
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

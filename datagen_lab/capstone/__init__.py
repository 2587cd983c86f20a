"""Lesson 6, does synthetic data help? (notebooks/06_does_synthetic_data_help.ipynb).

Modules: experiment, arms (each arm's batches), results, table, plots, memorization,
membership, memorization_plots. Builds on dcgan (the conditional GAN), image (augmented arm) and
synthesis (mixup arm).

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.capstone import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

import importlib
from typing import Any

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "arm_batches": "arms",
    "balanced_subset": "arms",
    "subset_digest": "arms",
    "ARMS": "experiment",
    "FULL": "experiment",
    "TINY": "experiment",
    "load_results": "experiment",
    "run_cell": "experiment",
    "synthesize_with_cgan": "experiment",
    "check_nearest_distance": "memorization",
    "class_spread": "memorization",
    "membership_inference": "memorization",
    "memorization_report": "memorization",
    "explorer_figure": "memorization_plots",
    "generator_explorer": "memorization_plots",
    "plot_distances": "memorization_plots",
    "plot_membership": "memorization_plots",
    "show_closest_pairs": "memorization_plots",
    "show_arm_batches": "plots",
    "check_attack_accuracy": "results",
    "check_gain": "results",
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

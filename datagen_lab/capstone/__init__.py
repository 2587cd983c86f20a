"""Lesson 6, does synthetic data help? (notebooks/06_does_synthetic_data_help.ipynb).

Modules: experiment, arms (each arm's batches), results, table, plots, memorization,
membership, memorization_plots, panel (the generator explorer), exercises (checkers). Builds on dcgan (the conditional GAN), image (augmented arm) and
synthesis (mixup arm).

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.capstone import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "arm_batches": "arms",
    "balanced_subset": "arms",
    "subset_digest": "arms",
    "ARMS": "experiment",
    "AUGMENT": "config",
    "FULL": "experiment",
    "TINY": "experiment",
    "load_results": "experiment",
    "run_cell": "experiment",
    "synthesize_with_cgan": "experiment",
    "check_nearest_distance": "exercises",
    "class_spread": "memorization",
    "membership_inference": "memorization",
    "memorization_report": "memorization",
    "explorer_figure": "panel",
    "generator_explorer": "panel",
    "plot_distances": "memorization_plots",
    "plot_membership": "memorization_plots",
    "show_closest_pairs": "memorization_plots",
    "show_arm_batches": "plots",
    "check_attack_accuracy": "exercises",
    "check_gain": "exercises",
    "padded": "table",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)

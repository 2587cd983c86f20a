"""Lesson 3, the GAN minimax game on toy data (notebooks/03_gan_minimax.ipynb).

Modules: minimax (the game's closed forms), densities, divergences (KL, JSD), losses, toy_data,
toy_nn (a NumPy MLP), toy_gan, toy_train, toy_view, balance (curves at the equilibrium vs the
densities), seed_study (section 8 over seeds: ``python -m datagen_lab.gan_game.seed_study``),
panel, plots, exercises.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.gan_game import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "balance_check": "balance",
    "pad": "balance",
    "ring_state": "balance",
    "check_disjoint_value": "exercises",
    "check_equilibrium_value": "exercises",
    "check_gradient_ratio": "exercises",
    "check_matching_generator": "exercises",
    "check_non_saturating_gradient": "exercises",
    "check_optimal_d": "exercises",
    "check_three_modes": "exercises",
    "distribution_explorer": "panel",
    "gan_trainer": "panel",
    "plot_densities": "plots",
    "plot_generator_losses": "plots",
    "plot_jsd_sweep": "plots",
    "plot_snapshots": "plots",
    "mode_coverage": "toy_data",
    "ring": "toy_data",
    "BALANCED": "toy_gan",
    "COLLAPSE": "toy_gan",
    "REMEDY": "toy_gan",
    "make_gan": "toy_gan",
    "gradient_check": "toy_train",
    "train": "toy_train",
    "ToyGANView": "toy_view",
    "plot_coverage_runs": "toy_view",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)

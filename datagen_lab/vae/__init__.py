"""Lesson 7, VAE against GAN (notebooks/07_vae_vs_gan.ipynb).

Modules: config (VAEConfig), model, elbo, compare, sweep, evidence (what the lesson's claims
check), report (the text tables it prints), panel, plots, latent_plots, exercises.
Builds on dcgan (the same Trainer task and evaluation) and capstone (its result checks).

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.vae import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "CPUBudget": "compare",
    "comparison_table": "compare",
    "greyness": "compare",
    "judge": "compare",
    "load_curves": "compare",
    "entropy_floor": "elbo",
    "gradient_estimators": "elbo",
    "gradient_through_sample": "elbo",
    "kl_closed_form": "elbo",
    "kl_monte_carlo": "elbo",
    "ahead_at_every_point": "evidence",
    "class_layout": "evidence",
    "digits_seen": "evidence",
    "digits_to_reach": "evidence",
    "kl_convergence": "evidence",
    "neighbour_agreement": "evidence",
    "term_over_run": "evidence",
    "plot_beta_sweep": "latent_plots",
    "plot_beta_tradeoff": "latent_plots",
    "plot_latent_plane": "latent_plots",
    "DEFAULT": "model",
    "PLANE": "model",
    "VAETask": "model",
    "make_vae_trainer": "model",
    "prior_codes": "model",
    "beta_slider": "panel",
    "latent_walk": "panel",
    "plot_digit_rows": "plots",
    "plot_gradient_estimators": "plots",
    "plot_kl_convergence": "plots",
    "plot_pixel_histograms": "plots",
    "plot_quality_curves": "plots",
    "plot_reconstructions": "plots",
    "plot_samples": "plots",
    "where_blur_comes_from": "plots",
    "estimator_table": "report",
    "gradient_table": "report",
    "load_sweep": "sweep",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)

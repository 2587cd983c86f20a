"""Lesson 4, a DCGAN on MNIST (notebooks/04_dcgan_mnist.ipynb); lessons 6 and 7 build on it.

Modules: config (DCGANConfig), model (generator and discriminator), tutorial (the source
article's networks as its code writes them), task (the GAN step for the core Trainer),
conditional (and conditional_networks), clusters (k-means without labels), self_conditioned
(a conditional GAN on cluster ids), features (classifier features, Fréchet distance), evaluation, compare (two
configurations after the same training time), latent, dataset (generated digits on disk), panel
(seed slider, latent-path explorer, live dashboard), plots (training curves, latent paths),
exercises. Imports TensorFlow lazily.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.dcgan import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "conditioning_accuracy": "conditional",
    "make_conditional_trainer": "conditional",
    "cluster_digits": "clusters",
    "plot_clusters": "clusters",
    "cluster_purity": "conditioning",
    "cluster_contents": "conditioning",
    "plot_quality_curves": "conditioning",
    "make_self_conditioned_trainer": "self_conditioned",
    "LiveDashboard": "panel",
    "plot_training": "plots",
    "curve_means": "plots",
    "plot_equal_time": "compare",
    "train_for_equal_time": "compare",
    "read_digits": "dataset",
    "write_digits": "dataset",
    "QualityMonitor": "evaluation",
    "evaluate_digits": "evaluation",
    "noise_digits": "evaluation",
    "plot_quality": "evaluation",
    "plot_reports": "evaluation",
    "report_table": "evaluation",
    "interpolate": "latent",
    "interpolation_widget": "panel",
    "plot_interpolations": "plots",
    "seed_slider": "panel",
    "count_parameters": "model",
    "make_dcgan_trainer": "task",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)

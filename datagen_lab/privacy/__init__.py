"""Lesson 8, privacy (notebooks/08_privacy.ipynb): what generated data leaks, and differential
privacy and secure aggregation, measured.

Modules: mechanisms (Laplace and Gaussian mechanisms, their error), accounting (epsilon from
Google's ``dp-accounting``), dp_sgd (per-example clipping and noise in a training step),
tradeoff (DP-SGD runs at several noise levels: epsilon, accuracy, membership inference),
dp_synthesis (synthetic data from a DP histogram, the nearest-neighbour leak check),
secure_aggregation (additive secret sharing), plots, panel, exercises.
Builds on capstone (lesson 6's membership-inference attack).

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use, so importing the package stays as light as ``import datagen_lab`` (no TensorFlow).
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "classic_conversion": "accounting",
    "dp_sgd_epsilon": "accounting",
    "epsilon_curve": "accounting",
    "noise_for_epsilon": "accounting",
    "rdp_curve": "accounting",
    "DPSGDStep": "dp_sgd",
    "SMALL_CNN": "dp_sgd",
    "build_model": "dp_sgd",
    "clip_gradients": "dp_sgd",
    "gradient_norms": "dp_sgd",
    "noise_draw": "dp_sgd",
    "noisy_sum": "dp_sgd",
    "padded": "tradeoff",
    "per_example_gradients": "dp_sgd",
    "BOUNDS": "dp_synthesis",
    "compare_synthesis": "dp_synthesis",
    "fidelity_distance": "dp_synthesis",
    "histogram": "dp_synthesis",
    "nearest_neighbour_leak": "dp_synthesis",
    "sample_histogram": "dp_synthesis",
    "synthesis_lines": "dp_synthesis",
    "two_moons": "dp_synthesis",
    "HOSPITAL_B": "exercises",
    "HOSPITAL_C": "exercises",
    "RELEASED_TOTAL": "exercises",
    "check_clip": "exercises",
    "check_hospital_a": "exercises",
    "check_laplace_scale": "exercises",
    "class_histogram": "mechanisms",
    "empirical_abs_error": "mechanisms",
    "expected_abs_error": "mechanisms",
    "gaussian_mechanism": "mechanisms",
    "gaussian_sigma": "mechanisms",
    "laplace_mechanism": "mechanisms",
    "mechanism_slider": "panel",
    "plot_epsilon_curves": "plots",
    "plot_error_vs_epsilon": "plots",
    "plot_gradient_norms": "plots",
    "plot_rdp_conversion": "plots",
    "plot_release": "plots",
    "plot_shares": "plots",
    "plot_synthesis": "plots",
    "plot_tradeoff": "plots",
    "decode_fixed": "secure_aggregation",
    "encode_fixed": "secure_aggregation",
    "reconstruct": "secure_aggregation",
    "secure_mean": "secure_aggregation",
    "secure_sum": "secure_aggregation",
    "share": "secure_aggregation",
    "share_uniformity": "secure_aggregation",
    "RunResult": "tradeoff",
    "run_tradeoff": "tradeoff",
    "split_digits": "tradeoff",
    "summarise": "tradeoff",
    "summary_lines": "tradeoff",
    "train_run": "tradeoff",
    "untrained_auc": "tradeoff",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)

"""Widgets for the privacy lesson (08): an epsilon slider over the Laplace and Gaussian mechanisms.

Each function returns an ``ipywidgets.VBox`` with the CSS class ``datagen-demo`` and draws once
before returning. Importing this module displays nothing.
"""

from __future__ import annotations

import io

import numpy as np

from datagen_lab.checks import check_array, check_seed
from datagen_lab.i18n import t
from datagen_lab.widgets import demo_box


def mechanism_slider(true_counts, delta: float = 1e-5, seed: int = 0, initial: float = 1.0):
    """Slide epsilon; see the class histogram released by both mechanisms beside the true one.

    Args:
        true_counts: (K,) true counts (the class histogram).
        delta: the Gaussian mechanism's delta, in (0, 1).
        seed: the noise's seed (each epsilon draws from the same seed, so only the scale moves).
        initial: the epsilon shown first.

    Returns:
        A VBox; ``box.slider``, ``box.image`` and ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from datagen_lab.privacy.mechanisms import (
        check_delta,
        check_epsilon,
        expected_abs_error,
        gaussian_mechanism,
        laplace_mechanism,
    )
    from datagen_lab.privacy.plots import plot_release

    truth = check_array(true_counts, "true_counts", ndim=1, what="class counts")
    delta, seed = check_delta(delta), check_seed(seed)
    slider = widgets.FloatLogSlider(
        value=check_epsilon(initial, "initial"),
        base=10,
        min=-2,
        max=1,
        step=0.1,
        description="ε",
        continuous_update=False,
    )
    picture, caption = widgets.Image(format="png"), widgets.HTML()

    def draw(change=None) -> None:
        epsilon = float(slider.value)
        releases = {
            "laplace": laplace_mechanism(truth, epsilon, np.random.default_rng(seed)),
            "gaussian": gaussian_mechanism(truth, epsilon, delta, np.random.default_rng(seed + 1)),
        }
        fig = plot_release(truth, releases, epsilon)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80)
        plt.close(fig)
        picture.value = buffer.getvalue()
        caption.value = t(
            "ε = <b>{epsilon:.3g}</b>: expected error per count Laplace <b>{laplace:.3g}</b>, "
            "Gaussian (δ = {delta:g}) <b>{gaussian:.3g}</b>; measured here: {measured}",
            epsilon=epsilon,
            laplace=expected_abs_error("laplace", epsilon),
            delta=delta,
            gaussian=expected_abs_error("gaussian", epsilon, delta),
            measured=", ".join(
                f"{k} {np.mean(np.abs(v - truth)):.3g}" for k, v in releases.items()
            ),
        )

    slider.observe(draw, names="value")
    draw()
    return demo_box([slider, picture, caption], slider=slider, image=picture, caption=caption)

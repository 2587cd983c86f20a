"""Text the VAE lesson (07) prints, in the reader's language (:func:`datagen_lab.i18n.t`).

Fixed-width columns are padded by *display* width (:func:`datagen_lab.i18n.padded`: a Chinese
character takes two columns), so a table stays aligned in Chinese; English text pads exactly as
``f"{text:26s}"`` does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from datagen_lab.checks import InputError
from datagen_lab.i18n import display_width, padded, t

__all__ = ["display_width", "estimator_table", "gradient_table", "ljust", "rjust"]


def ljust(text: str, width: int) -> str:
    """``text`` padded on the right to ``width`` display columns (never cut)."""
    return padded(text, width, "<")


def rjust(text: str, width: int) -> str:
    """``text`` padded on the left to ``width`` display columns (never cut)."""
    return padded(text, width, ">")


def gradient_table(gradients: Mapping) -> str:
    """One line per method of :func:`datagen_lab.vae.elbo.gradient_through_sample`:
    its gradients in mu and sigma, or that it gives none."""
    if not isinstance(gradients, Mapping):
        raise InputError("gradients", gradients, "the dict gradient_through_sample returns")
    lines = []
    for method, pair in gradients.items():
        d_mu, d_sigma = (t("None (no gradient)") if g is None else f"{g:.3f}" for g in pair)
        lines.append(f"{ljust(t(method), 26)} d/dmu = {ljust(d_mu, 20)} d/dsigma = {d_sigma}")
    return "\n".join(lines)


def estimator_table(estimates: Mapping) -> str:
    """One line per estimator of :func:`datagen_lab.vae.elbo.gradient_estimators`: the mean and
    the standard deviation of its single-sample estimates."""
    if not isinstance(estimates, Mapping):
        raise InputError("estimates", estimates, "the dict gradient_estimators returns")
    return "\n".join(
        ljust(t(name), 18)
        + " "
        + t(
            "mean {mean:.2f}, standard deviation {std:.2f}",
            mean=np.mean(values),
            std=np.std(values),
        )
        for name, values in estimates.items()
    )

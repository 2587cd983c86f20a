"""The GAN objective on 1-D densities: V(D, G), the optimal discriminator, JSD and KL (NumPy only).

Goodfellow et al. (2014) define the two-player game

    min_G max_D V(D, G) = E_{x~p_data}[log D(x)] + E_{z~p_z}[log(1 - D(G(z)))].

For densities on a grid every expectation becomes an integral, computed here with the trapezoid
rule, so each claim of the paper can be checked numerically: the optimal discriminator
``D* = p_data / (p_data + p_g)``, the value at the optimum ``C(G) = -log 4 + 2 JSD(p_data || p_g)``,
and ``C(G) = -log 4`` exactly when ``p_g = p_data``. Logarithms are natural (nats).

The densities themselves (the grid, Gaussian mixtures, the lesson's data, validation) live in
:mod:`datagen_lab.gan_game.densities` and are re-exported here, so ``gan_math`` is the one import a
notebook needs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_callable
from datagen_lab.gan_game.densities import (
    DATA,
    MASS_TOL,
    Mixture1D,
    check_density,
    check_grid,
    gaussian_pdf,
    grid,
    integrate,
    two_mode,
)
from datagen_lab.gan_game.divergences import (
    LOG2,
    LOG4,
    _xlogy,
    format_nats,
    js_divergence,
    kl_divergence,
    optimal_value,
)
from datagen_lab.gan_game.losses import (
    GENERATOR_LOSSES,
    check_discriminator,
    generator_loss,
    sigmoid,
)
from datagen_lab.i18n import t

__all__ = [
    "DATA",
    "GENERATOR_LOSSES",
    "LOG2",
    "LOG4",
    "MASS_TOL",
    "Mixture1D",
    "Summary",
    "check_density",
    "check_discriminator",
    "gaussian_pdf",
    "format_nats",
    "generator_loss",
    "grid",
    "integrate",
    "interpolate",
    "js_divergence",
    "kl_divergence",
    "optimal_discriminator",
    "optimal_value",
    "sigmoid",
    "summarize",
    "sweep_generator_mean",
    "two_mode",
    "value_exact",
    "value_integrand",
    "value_monte_carlo",
]


def optimal_discriminator(p_data: np.ndarray, p_g: np.ndarray) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)), in [0, 1]; 1/2 where both densities vanish.

    It is exactly 1 only where p_g = 0 and exactly 0 only where p_data = 0: where the ratio
    rounds to 1 although p_g > 0 (p_g below 1e-16 p_data), the nearest float below 1 is used, so
    V(D*, G) stays finite, as it is mathematically.
    """
    p_data, p_g = _check_pair(p_data, p_g)
    total = p_data + p_g
    d = np.divide(p_data, total, out=np.full_like(total, 0.5), where=total > 0)
    d = np.where(p_g > 0, np.minimum(d, np.nextafter(1.0, 0.0)), d)
    return np.where(p_data > 0, np.maximum(d, np.finfo(float).tiny), d)


def value_integrand(d: np.ndarray, p_data: np.ndarray, p_g: np.ndarray) -> np.ndarray:
    """Pointwise ``p_data log D + p_g log(1 - D)``, with 0 log 0 = 0; its integral is V(D, G).

    All three arrays share one shape; D in [0, 1], densities >= 0, all finite.
    """
    d = check_discriminator(d)
    p_data, p_g = _check_pair(p_data, p_g)
    if d.shape != p_data.shape:
        raise InputError("D", d, f"sampled where the densities are: shape {p_data.shape}")
    return _xlogy(p_data, d) + _xlogy(p_g, 1.0 - d)


def value_exact(d: np.ndarray, p_data: np.ndarray, p_g: np.ndarray, x: np.ndarray) -> float:
    """V(D, G) as an integral on the grid ``x``.

    Args:
        d: discriminator values D(x) on the grid, in [0, 1].
        p_data, p_g: densities on the grid (validated by :func:`check_density`).

    Returns:
        V in nats: at most 0, and at most ``-log 4 + 2 JSD`` (reached at D*).

    Raises:
        ValueError: bad densities, D outside [0, 1], or D = 0 where the data has mass
            (log D = -inf) or D = 1 where the generator has mass.
    """
    p_data, p_g = check_density(p_data, x, "p_data"), check_density(p_g, x, "p_g")
    d = check_discriminator(d)
    if d.shape != p_data.shape:
        raise InputError("D", d, f"sampled at the grid points: shape {p_data.shape}")
    for bad, density, what in (
        (d == 0, p_data, t("D(x) = 0 where p_data > 0")),
        (d == 1, p_g, t("D(x) = 1 where p_g > 0")),
    ):
        if np.any(bad & (density > 0)):
            where = x[np.argmax(bad & (density > 0))]
            raise ValueError(
                t(
                    "{what} (first at x={where:.3g}): V would be -infinity; keep D inside (0, 1).",
                    what=what,
                    where=where,
                )
            )
    return integrate(value_integrand(d, p_data, p_g), x)


def value_monte_carlo(
    d: Callable[[np.ndarray], np.ndarray], real: np.ndarray, fake: np.ndarray
) -> tuple[float, float]:
    """Estimate V(D, G) from samples: mean log D(real) + mean log(1 - D(fake)).

    Args:
        d: the discriminator, a function of a sample array returning values in (0, 1)
            (use :func:`interpolate` to turn a curve on a grid into one).
        real: samples of p_data (n,); fake: samples G(z) of p_g (m,).

    Returns:
        (estimate, standard error) in nats.
    """
    d = check_callable(d, "d", "a function of a sample array returning D(x) in (0, 1)")
    real = check_array(real, "real", min_size=2, what="at least 2 samples of p_data")
    fake = check_array(fake, "fake", min_size=2, what="at least 2 samples G(z) of p_g")
    real, fake = real.astype(float), fake.astype(float)
    d_real, d_fake = _outputs(d, real, "real"), _outputs(d, fake, "fake")
    if d_real.min() <= 0 or d_fake.max() >= 1:
        raise ValueError(
            t("D(x) reached exactly 0 on a real sample or 1 on a fake one: log would be -inf.")
        )
    a, b = np.log(d_real), np.log1p(-d_fake)
    error = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return float(a.mean() + b.mean()), float(error)


def interpolate(x: np.ndarray, values: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """A function that evaluates the curve ``values`` (given at grid points ``x``) anywhere, linearly.

    Args:
        x: increasing grid (n,); values: finite (n,).

    Returns:
        ``f(points)``: float64 of points' shape; constant beyond the ends of the grid.
    """
    x = check_grid(x)
    values = check_array(values, "values", ndim=1, what="the curve at the grid points")
    if values.shape != x.shape:
        raise InputError("values", values, f"one value per grid point: shape {x.shape}")
    values = values.astype(float)

    def curve(points: np.ndarray) -> np.ndarray:
        points = check_array(points, "points", min_size=0, what="where to evaluate the curve")
        return np.interp(points, x, values)

    return curve


@dataclass(frozen=True)
class Summary:
    """The numbers the lesson's readout shows for one (p_data, p_g) pair, all in nats."""

    value_at_optimum: float  # V(D*, G) by integration
    closed_form: float  # -log 4 + 2 JSD
    jsd: float
    kl_data_g: float  # KL(p_data || p_g): large when the generator misses data
    kl_g_data: float  # KL(p_g || p_data): large when the generator makes non-data

    def __str__(self) -> str:
        v, c, j, k1, k2 = (
            format_nats(n)
            for n in (
                self.value_at_optimum,
                self.closed_form,
                self.jsd,
                self.kl_data_g,
                self.kl_g_data,
            )
        )
        return (
            f"V(D*, G) = {v}   -log 4 + 2 JSD = {c}   (-log 4 = {format_nats(-LOG4)})\n"
            f"JSD = {j} (max log 2 = {format_nats(LOG2)})   KL(p_data||p_g) = {k1}   KL(p_g||p_data) = {k2}"
        )


def summarize(p_data: np.ndarray, p_g: np.ndarray, x: np.ndarray) -> Summary:
    """V at the optimal discriminator, its closed form, JSD and both KLs for one pair."""
    d_star = optimal_discriminator(check_density(p_data, x, "p_data"), check_density(p_g, x, "p_g"))
    return Summary(
        value_exact(d_star, p_data, p_g, x),
        optimal_value(p_data, p_g, x),
        js_divergence(p_data, p_g, x),
        kl_divergence(p_data, p_g, x),
        kl_divergence(p_g, p_data, x),
    )


def sweep_generator_mean(
    means: Sequence[float], x: np.ndarray, data: Mixture1D = DATA, **family: float
) -> dict[str, np.ndarray]:
    """JSD, C(G) and KL(p_data || p_g) as the generator family's ``mean`` slides over ``means``.

    Shows the plateau of JSD at log 2 when the two densities stop overlapping: there C(G) is
    flat, so it gives the generator no gradient.

    Args:
        means: finite generator means, at least one.
        x: the grid; data: a two-component :class:`Mixture1D`.
        family: other :func:`two_mode` parameters held fixed (``spread``, ``weight``, ``gap``).

    Returns:
        ``{"mean", "jsd", "value", "kl_data_g"}``, each float64 (len(means),).
    """
    means = check_array(means, "means", ndim=1, what="generator means")
    if not isinstance(data, Mixture1D) or len(data.stds) != 2:
        raise InputError("data", data, "a two-component Mixture1D, e.g. gan_math.DATA")
    allowed = [name for name in inspect.signature(two_mode).parameters if name != "mean"]
    for name in family:
        if name not in allowed:
            raise InputError(
                name, family[name], f"not passed: the swept family takes only {', '.join(allowed)}"
            )
    p_data = data.pdf(x)
    family = {"spread": data.stds[0], "weight": data.weights[1], **family}
    rows = [summarize(p_data, two_mode(mean=float(m), **family).pdf(x), x) for m in means]
    return {
        "mean": np.asarray(means, dtype=float),
        "jsd": np.array([r.jsd for r in rows]),
        "value": np.array([r.value_at_optimum for r in rows]),
        "kl_data_g": np.array([r.kl_data_g for r in rows]),
    }


def _check_pair(p_data: Any, p_g: Any) -> tuple[np.ndarray, np.ndarray]:
    """Two densities on the same points: finite, >= 0, equal shapes (mass not checked)."""
    arrays = []
    for name, p in (("p_data", p_data), ("p_g", p_g)):
        p = check_array(p, name, what="a density: finite and >= 0").astype(float)
        if p.min() < 0:
            raise InputError(name, p, "a density: >= 0 everywhere")
        arrays.append(p)
    if arrays[1].shape != arrays[0].shape:
        raise InputError("p_g", arrays[1], f"on the points of p_data: shape {arrays[0].shape}")
    return arrays[0], arrays[1]


def _outputs(d: Callable, samples: np.ndarray, which: str) -> np.ndarray:
    """D's outputs on ``samples``: one probability per sample, checked."""
    out = check_discriminator(d(samples), "D")
    if out.size != samples.size:
        raise InputError(
            "D",
            out,
            f"one value per {which} sample ({samples.size}): d must map an array to an array of its shape",
        )
    return out

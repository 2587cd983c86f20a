"""Densities on a grid for the GAN minimax lesson: the x axis, Gaussian mixtures, validation.

Densities are validated on the way in: negative values, NaNs or a total mass far from 1 raise a
``ValueError`` (an :class:`~datagen_lab.checks.InputError` for wrong types, shapes and NaN/inf)
naming the density; a mass within ``MASS_TOL`` of 1 (the part of the tails a grid
cuts off) is rescaled to exactly 1 on the grid, so the identities of :mod:`datagen_lab.gan_game.minimax`
hold to rounding error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_number,
    check_positive_int,
    check_probability,
    check_text,
)
from datagen_lab.i18n import t

MASS_TOL = 1e-3


def grid(lo: float = -12.0, hi: float = 12.0, n: int = 2401) -> np.ndarray:
    """Evenly spaced points on [lo, hi]: the x axis every density in the lesson lives on.

    Returns:
        float64 array (n,).
    """
    lo = check_number(lo, "lo")
    hi = check_number(hi, "hi")
    if not hi > lo:
        raise InputError(
            "hi", hi, f"a finite number greater than lo={lo:g} (the grid needs lo < hi)"
        )
    n = check_int(n, "n", low=3, what="grid points")
    return np.linspace(lo, hi, n)


def integrate(values: np.ndarray, x: np.ndarray) -> float:
    """Trapezoid-rule integral of ``values`` sampled at the points ``x`` (any spacing).

    Args:
        values, x: 1-D finite arrays of the same length, at least 2 points.
    """
    values = check_array(values, "values", ndim=1, min_size=2, what="samples of a curve")
    x = check_array(x, "x", ndim=1, min_size=2, what="the points they were sampled at")
    if values.shape != x.shape:
        raise InputError("values", values, f"sampled at the points x: shape {x.shape}")
    values, x = values.astype(float), x.astype(float)
    return float(np.sum(0.5 * (values[1:] + values[:-1]) * np.diff(x)))


def gaussian_pdf(x: np.ndarray, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    """The normal density N(mean, std**2) at ``x`` (any shape, finite); float64 of x's shape."""
    x = check_array(x, "x", min_size=0)
    mean = check_number(mean, "mean")
    std = check_number(std, "std", low=0.0, low_open=True, what="a standard deviation")
    z = (x.astype(float) - mean) / std
    return np.exp(-0.5 * z * z) / (std * np.sqrt(2.0 * np.pi))


@dataclass(frozen=True)
class Mixture1D:
    """A mixture of 1-D Gaussians: ``sum_k weights[k] * N(means[k], stds[k]**2)``.

    Attributes:
        means, stds, weights: one entry per component; stds > 0, weights >= 0 summing to 1.
    """

    means: tuple[float, ...]
    stds: tuple[float, ...]
    weights: tuple[float, ...]

    def __post_init__(self) -> None:
        means = _numbers(self.means, "means", "one finite mean per component")
        stds = _numbers(self.stds, "stds", "one std per component, every one positive")
        weights = _numbers(self.weights, "weights", "one weight per component, >= 0, summing to 1")
        for name, values in (("stds", stds), ("weights", weights)):
            if len(values) != len(means):
                raise InputError(
                    name,
                    getattr(self, name),
                    f"as many entries as means ({len(means)}): means, stds and weights need the same non-zero length",
                )
        if min(stds) <= 0 or not np.isfinite(stds).all():
            raise InputError("stds", self.stds, "finite and positive: every std must be positive")
        if min(weights) < 0 or abs(sum(weights) - 1.0) > 1e-9:
            raise InputError("weights", self.weights, "shares >= 0 that sum to 1")

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """Density at ``x`` (any shape, finite values); float64 of x's shape."""
        x = check_array(x, "x", min_size=0)
        parts = [
            w * gaussian_pdf(x, m, s)
            for m, s, w in zip(self.means, self.stds, self.weights, strict=True)
        ]
        return np.sum(parts, axis=0)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` >= 1 independent draws, float64 (n,), from the NumPy Generator ``rng``."""
        n = check_positive_int(n, "n", "samples to draw")
        _check_rng(rng)
        component = rng.choice(len(self.weights), size=int(n), p=np.asarray(self.weights))
        return rng.normal(np.asarray(self.means)[component], np.asarray(self.stds)[component])


def two_mode(
    mean: float = 0.0, spread: float = 0.7, weight: float = 0.6, gap: float = 4.0
) -> Mixture1D:
    """The lesson's family: modes at ``mean -/+ gap/2``, both with std ``spread``.

    ``weight`` is the share of the right-hand mode (0: only the left one, 1: only the right one).
    The data distribution is ``two_mode()`` itself, so the generator's sliders can reach it.
    """
    mean = check_number(mean, "mean")
    spread = check_number(spread, "spread", low=0.0, low_open=True, what="a standard deviation")
    weight = check_probability(weight, "weight", "the right-hand mode's share")
    gap = check_number(gap, "gap", low=0.0, what="the distance between the modes")
    return Mixture1D((mean - gap / 2, mean + gap / 2), (spread, spread), (1.0 - weight, weight))


def check_density(
    p: np.ndarray, x: np.ndarray, name: str = "p", normalize: bool = False
) -> np.ndarray:
    """Validate a density sampled on the grid ``x`` and return it with mass exactly 1.

    Args:
        p: values (n,) >= 0, finite. x: the grid (n,), increasing.
        name: how error messages call it (for example "p_data" or "p_g").
        normalize: rescale a density whose mass is far from 1 instead of refusing it.

    Returns:
        float64 (n,): ``p`` divided by its trapezoid mass (a change of at most ``MASS_TOL``
        unless ``normalize``).

    Raises:
        ValueError: wrong shape, NaN/inf, negative values, zero mass, or (without ``normalize``)
            a mass further than ``MASS_TOL`` from 1; the message names the density and the fix.
    """
    name = check_text(name, "name")
    x = check_grid(x)
    p = check_array(p, name, ndim=1, what="a density: finite everywhere")
    if p.shape != x.shape:
        raise InputError(name, p, f"sampled at the grid points x: shape {x.shape}")
    p = p.astype(float)
    if p.min() < 0:
        where = x[int(np.argmin(p))]
        raise ValueError(
            t(
                "{name} is negative (min {low:.3g} at x={where:.3g}); a density is >= 0 everywhere.",
                name=name,
                low=p.min(),
                where=where,
            )
        )
    mass = integrate(p, x)
    if mass <= 0:
        raise ValueError(
            t(
                "{name} is zero everywhere on [{lo:g}, {hi:g}]; it has no probability mass.",
                name=name,
                lo=x[0],
                hi=x[-1],
            )
        )
    if abs(mass - 1.0) > MASS_TOL and not normalize:
        raise ValueError(
            t(
                "{name} integrates to {mass:.6f} on [{lo:g}, {hi:g}], not 1. Pass normalize=True "
                "to rescale it, or widen the grid if part of its mass lies outside.",
                name=name,
                mass=mass,
                lo=x[0],
                hi=x[-1],
            )
        )
    return p / mass


def check_grid(x: Any, name: str = "x") -> np.ndarray:
    """``x`` as a float64 grid: 1-D, finite, strictly increasing, at least 2 points, else InputError."""
    x = check_array(x, name, ndim=1, min_size=2, what="grid points")
    x = x.astype(float)
    if not np.all(np.diff(x) > 0):
        raise InputError(name, x, "strictly increasing grid points (as from grid())")
    return x


def _numbers(values: Any, name: str, expected: str) -> np.ndarray:
    """A non-empty sequence of finite real numbers as float64 (n,), else InputError."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise InputError(name, values, f"a tuple of numbers ({expected})")
    parts = list(values)
    if not parts or any(
        isinstance(v, bool) or not isinstance(v, Real | np.number) or not np.isfinite(float(v))
        for v in parts
    ):
        raise InputError(name, values, f"a non-empty tuple of finite numbers ({expected})")
    return np.array([float(v) for v in parts])


def _check_rng(rng: Any) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise InputError("rng", rng, "a NumPy Generator, e.g. np.random.default_rng(0)")
    return rng


# The lesson's data distribution (defined last: it is validated by the helpers above).
DATA = two_mode()

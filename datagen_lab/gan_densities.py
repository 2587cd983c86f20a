"""Densities on a grid for the GAN minimax lesson: the x axis, Gaussian mixtures, validation.

Densities are validated on the way in: negative values, NaNs or a total mass far from 1 raise a
``ValueError`` naming the density; a mass within ``MASS_TOL`` of 1 (the part of the tails a grid
cuts off) is rescaled to exactly 1 on the grid, so the identities of :mod:`datagen_lab.gan_math`
hold to rounding error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MASS_TOL = 1e-3


def grid(lo: float = -12.0, hi: float = 12.0, n: int = 2401) -> np.ndarray:
    """Evenly spaced points on [lo, hi]: the x axis every density in the lesson lives on.

    Returns:
        float64 array (n,).
    """
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo) or int(n) < 3:
        raise ValueError(f"grid needs finite lo < hi and n >= 3; got lo={lo}, hi={hi}, n={n}.")
    return np.linspace(float(lo), float(hi), int(n))


def integrate(values: np.ndarray, x: np.ndarray) -> float:
    """Trapezoid-rule integral of ``values`` sampled at the points ``x`` (any spacing)."""
    values, x = np.asarray(values, dtype=float), np.asarray(x, dtype=float)
    return float(np.sum(0.5 * (values[1:] + values[:-1]) * np.diff(x)))


def gaussian_pdf(x: np.ndarray, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    """The normal density N(mean, std**2) at ``x``."""
    if not std > 0:
        raise ValueError(f"std must be positive, got {std}.")
    z = (np.asarray(x, dtype=float) - mean) / std
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
        sizes = {len(self.means), len(self.stds), len(self.weights)}
        if len(sizes) != 1 or 0 in sizes:
            raise ValueError(f"means, stds and weights need the same non-zero length; got {sizes}.")
        if min(self.stds) <= 0:
            raise ValueError(f"every std must be positive; got {self.stds}.")
        if min(self.weights) < 0 or abs(sum(self.weights) - 1.0) > 1e-9:
            raise ValueError(f"weights must be >= 0 and sum to 1; got {self.weights}.")

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """Density at ``x`` (same shape as x)."""
        parts = [
            w * gaussian_pdf(x, m, s)
            for m, s, w in zip(self.means, self.stds, self.weights, strict=True)
        ]
        return np.sum(parts, axis=0)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` independent draws, float64 (n,)."""
        component = rng.choice(len(self.weights), size=int(n), p=np.asarray(self.weights))
        return rng.normal(np.asarray(self.means)[component], np.asarray(self.stds)[component])


def two_mode(
    mean: float = 0.0, spread: float = 0.7, weight: float = 0.6, gap: float = 4.0
) -> Mixture1D:
    """The lesson's family: modes at ``mean -/+ gap/2``, both with std ``spread``.

    ``weight`` is the share of the right-hand mode (0: only the left one, 1: only the right one).
    The data distribution is ``two_mode()`` itself, so the generator's sliders can reach it.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight is a mixture share and must lie in [0, 1]; got {weight}.")
    return Mixture1D((mean - gap / 2, mean + gap / 2), (spread, spread), (1.0 - weight, weight))


DATA = two_mode()


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
    p, x = np.asarray(p, dtype=float), np.asarray(x, dtype=float)
    if p.shape != x.shape or p.ndim != 1:
        raise ValueError(
            f"{name} must be sampled at the grid points: shape {p.shape} vs grid {x.shape}."
        )
    if not np.all(np.isfinite(p)):
        raise ValueError(f"{name} contains NaN or infinite values; a density is finite everywhere.")
    if p.min() < 0:
        where = x[int(np.argmin(p))]
        raise ValueError(
            f"{name} is negative (min {p.min():.3g} at x={where:.3g}); a density is >= 0 everywhere."
        )
    mass = integrate(p, x)
    if mass <= 0:
        raise ValueError(
            f"{name} is zero everywhere on [{x[0]:g}, {x[-1]:g}]; it has no probability mass."
        )
    if abs(mass - 1.0) > MASS_TOL and not normalize:
        raise ValueError(
            f"{name} integrates to {mass:.6f} on [{x[0]:g}, {x[-1]:g}], not 1. Pass normalize=True to "
            "rescale it, or widen the grid if part of its mass lies outside."
        )
    return p / mass

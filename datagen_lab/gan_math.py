"""The GAN objective on 1-D densities: V(D, G), the optimal discriminator, JSD and KL (NumPy only).

Goodfellow et al. (2014) define the two-player game

    min_G max_D V(D, G) = E_{x~p_data}[log D(x)] + E_{z~p_z}[log(1 - D(G(z)))].

For densities on a grid every expectation becomes an integral, computed here with the trapezoid
rule, so each claim of the paper can be checked numerically: the optimal discriminator
``D* = p_data / (p_data + p_g)``, the value at the optimum ``C(G) = -log 4 + 2 JSD(p_data || p_g)``,
and ``C(G) = -log 4`` exactly when ``p_g = p_data``. Logarithms are natural (nats).

Densities are validated on the way in: negative values, NaNs or a total mass far from 1 raise a
``ValueError`` naming the density; a mass within ``MASS_TOL`` of 1 (the part of the tails a grid
cuts off) is rescaled to exactly 1 on the grid, so the identities above hold to rounding error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

LOG2 = float(np.log(2.0))
LOG4 = float(np.log(4.0))
MASS_TOL = 1e-3
GENERATOR_LOSSES = ("saturating", "non_saturating")


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


def check_discriminator(d: np.ndarray, name: str = "D") -> np.ndarray:
    """Validate discriminator outputs: probabilities that x is real, in [0, 1], finite.

    Raises:
        ValueError: NaN/inf or values outside [0, 1] (a hint says to apply a sigmoid to logits).
    """
    d = np.asarray(d, dtype=float)
    if not np.all(np.isfinite(d)):
        raise ValueError(f"{name}(x) contains NaN or infinite values.")
    if d.min() < 0 or d.max() > 1:
        raise ValueError(
            f"{name}(x) must lie in (0, 1): it is the probability that x is real. Got values in "
            f"[{d.min():.3g}, {d.max():.3g}]; if these are logits, apply a sigmoid first."
        )
    return d


def optimal_discriminator(p_data: np.ndarray, p_g: np.ndarray) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)), in [0, 1]; 1/2 where both densities vanish.

    It is exactly 1 only where p_g = 0 and exactly 0 only where p_data = 0: where the ratio
    rounds to 1 although p_g > 0 (p_g below 1e-16 p_data), the nearest float below 1 is used, so
    V(D*, G) stays finite, as it is mathematically.
    """
    p_data, p_g = np.asarray(p_data, dtype=float), np.asarray(p_g, dtype=float)
    total = p_data + p_g
    d = np.divide(p_data, total, out=np.full_like(total, 0.5), where=total > 0)
    d = np.where(p_g > 0, np.minimum(d, np.nextafter(1.0, 0.0)), d)
    return np.where(p_data > 0, np.maximum(d, np.finfo(float).tiny), d)


def value_integrand(d: np.ndarray, p_data: np.ndarray, p_g: np.ndarray) -> np.ndarray:
    """Pointwise ``p_data log D + p_g log(1 - D)``, with 0 log 0 = 0; its integral is V(D, G)."""
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
        raise ValueError(
            f"D must be sampled at the grid points: shape {d.shape} vs grid {p_data.shape}."
        )
    for bad, density, what in (
        (d == 0, p_data, "D(x) = 0 where p_data > 0"),
        (d == 1, p_g, "D(x) = 1 where p_g > 0"),
    ):
        if np.any(bad & (density > 0)):
            where = x[np.argmax(bad & (density > 0))]
            raise ValueError(
                f"{what} (first at x={where:.3g}): V would be -infinity; keep D inside (0, 1)."
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
    real, fake = np.asarray(real, dtype=float), np.asarray(fake, dtype=float)
    if real.size < 2 or fake.size < 2:
        raise ValueError(
            f"need at least 2 real and 2 fake samples; got {real.size} and {fake.size}."
        )
    d_real, d_fake = check_discriminator(d(real), "D"), check_discriminator(d(fake), "D")
    if d_real.min() <= 0 or d_fake.max() >= 1:
        raise ValueError(
            "D(x) reached exactly 0 on a real sample or 1 on a fake one: log would be -inf."
        )
    a, b = np.log(d_real), np.log1p(-d_fake)
    error = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return float(a.mean() + b.mean()), float(error)


def interpolate(x: np.ndarray, values: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """A function that evaluates the curve ``values`` (given at grid points ``x``) anywhere, linearly."""
    x, values = np.asarray(x, dtype=float), np.asarray(values, dtype=float)
    return lambda points: np.interp(points, x, values)


def kl_divergence(p: np.ndarray, q: np.ndarray, x: np.ndarray) -> float:
    """KL(p || q) = ∫ p log(p / q) in nats; ``inf`` where q = 0 but p > 0."""
    p, q = check_density(p, x, "p"), check_density(q, x, "q")
    if np.any((q == 0) & (p > 0)):
        return float("inf")
    return integrate(_xlogy(p, p) - _xlogy(p, q), x)


def js_divergence(p: np.ndarray, q: np.ndarray, x: np.ndarray) -> float:
    """JSD(p || q) = KL(p || m)/2 + KL(q || m)/2 with m = (p + q)/2; in [0, log 2] nats."""
    p, q = check_density(p, x, "p"), check_density(q, x, "q")
    m = 0.5 * (p + q)
    kl_pm = integrate(_xlogy(p, p) - _xlogy(p, m), x)
    kl_qm = integrate(_xlogy(q, q) - _xlogy(q, m), x)
    return float(np.clip(0.5 * (kl_pm + kl_qm), 0.0, LOG2))


def optimal_value(p_data: np.ndarray, p_g: np.ndarray, x: np.ndarray) -> float:
    """C(G) = max_D V(D, G) = -log 4 + 2 JSD(p_data || p_g), from the closed form."""
    return -LOG4 + 2.0 * js_divergence(p_data, p_g, x)


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
            _fmt(n)
            for n in (
                self.value_at_optimum,
                self.closed_form,
                self.jsd,
                self.kl_data_g,
                self.kl_g_data,
            )
        )
        return (
            f"V(D*, G) = {v}   -log 4 + 2 JSD = {c}   (-log 4 = {_fmt(-LOG4)})\n"
            f"JSD = {j} (max log 2 = {_fmt(LOG2)})   KL(p_data||p_g) = {k1}   KL(p_g||p_data) = {k2}"
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


def generator_loss(
    d_fake: np.ndarray, kind: str = "non_saturating"
) -> tuple[np.ndarray, np.ndarray]:
    """The generator's loss on one fake sample as a function of D(G(z)), and its slope.

    Args:
        d_fake: D(G(z)) in (0, 1).
        kind: "saturating" (the minimax loss ``log(1 - D)``, minimised by G) or "non_saturating"
            (``-log D``, the heuristic from the same paper).

    Returns:
        (loss, gradient with respect to the discriminator's logit a, where D = sigmoid(a)):
        ``-D`` for saturating (vanishes as D -> 0, early in training), ``-(1 - D)`` for
        non-saturating (close to -1 there). Both arrays have the shape of ``d_fake``.
    """
    d = check_discriminator(d_fake, "D(G(z))")
    if kind == "saturating":
        return np.log1p(-d), -d
    if kind == "non_saturating":
        return -np.log(d), -(1.0 - d)
    raise ValueError(f"kind must be one of {GENERATOR_LOSSES}; got {kind!r}.")


def sigmoid(a: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-a), computed without overflow."""
    a = np.asarray(a, dtype=float)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sweep_generator_mean(
    means: Sequence[float], x: np.ndarray, data: Mixture1D = DATA, **family: float
) -> dict[str, np.ndarray]:
    """JSD, C(G) and KL(p_data || p_g) as the generator family's ``mean`` slides over ``means``.

    Shows the plateau of JSD at log 2 when the two densities stop overlapping: there C(G) is
    flat, so it gives the generator no gradient.
    """
    p_data = data.pdf(x)
    family = {"spread": data.stds[0], "weight": data.weights[1], **family}
    rows = [summarize(p_data, two_mode(mean=float(m), **family).pdf(x), x) for m in means]
    return {
        "mean": np.asarray(means, dtype=float),
        "jsd": np.array([r.jsd for r in rows]),
        "value": np.array([r.value_at_optimum for r in rows]),
        "kl_data_g": np.array([r.kl_data_g for r in rows]),
    }


def _fmt(number: float) -> str:
    """Four decimals with a sign, without "-0.0000" from rounding noise."""
    return f"{round(number, 4) + 0.0:+.4f}"


def _xlogy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a * log(b) with 0 * log(anything) = 0 (the convention for densities that vanish)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    positive = a > 0
    return np.where(positive, a * np.log(np.where(positive, b, 1.0)), 0.0)

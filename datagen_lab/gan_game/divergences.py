"""Divergences between 1-D densities on a grid, in nats: KL, Jensen-Shannon, and the value of the GAN
game at the optimal discriminator, C(G) = -log 4 + 2 JSD(p_data || p_g). Re-exported by
:mod:`datagen_lab.gan_game.minimax`.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from datagen_lab.checks import InputError
from datagen_lab.gan_game.densities import (
    check_density,
    integrate,
)

LOG2 = float(np.log(2.0))

LOG4 = float(np.log(4.0))


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
    # Validated here so a message names p_data or p_g, not js_divergence's p or q.
    check_density(p_data, x, "p_data"), check_density(p_g, x, "p_g")
    return -LOG4 + 2.0 * js_divergence(p_data, p_g, x)


def format_nats(number: float) -> str:
    """Four decimals with a sign, without "-0.0000" from rounding noise; "+inf" for infinity."""
    if isinstance(number, bool) or not isinstance(number, Real | np.number):
        raise InputError("number", number, "a number of nats")
    if np.isnan(number):
        raise InputError("number", number, "a number of nats, not NaN")
    return f"{round(number, 4) + 0.0:+.4f}"


def _xlogy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a * log(b) with 0 * log(anything) = 0 (the convention for densities that vanish)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    positive = a > 0
    return np.where(positive, a * np.log(np.where(positive, b, 1.0)), 0.0)

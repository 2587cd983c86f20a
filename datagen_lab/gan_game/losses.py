"""The players' outputs and losses: discriminator outputs checked as probabilities, the generator's
saturating and non-saturating losses, and the logistic sigmoid. Re-exported by
:mod:`datagen_lab.gan_game.minimax`.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import InputError, check_array, check_choice
from datagen_lab.i18n import t

GENERATOR_LOSSES = ("saturating", "non_saturating")


def check_discriminator(d: np.ndarray, name: str = "D") -> np.ndarray:
    """Validate discriminator outputs: probabilities that x is real, in [0, 1], finite.

    Args:
        d: a non-empty array (any shape) of numbers; booleans count as 0 and 1.
        name: how messages call it ("D", "D(G(z))").

    Returns:
        ``d`` as float64.

    Raises:
        InputError: not a numeric array, empty, NaN/inf.
        ValueError: values outside [0, 1] (a hint says to apply a sigmoid to logits).
    """
    d = check_array(d, name, what="probabilities that x is real").astype(float)
    if d.min() < 0 or d.max() > 1:
        raise ValueError(
            t(
                "{name}(x) must lie in (0, 1): it is the probability that x is real. Got values in "
                "[{low:.3g}, {high:.3g}]; if these are logits, apply a sigmoid first.",
                name=name,
                low=d.min(),
                high=d.max(),
            )
        )
    return d


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
    kind = check_choice(kind, "kind", GENERATOR_LOSSES)
    d = check_discriminator(d_fake, "D(G(z))")
    # The loss is infinite where D(G(z)) reaches 1 (saturating) or 0 (non-saturating): refuse
    # rather than hand back inf, as value_exact does for V.
    edge = 1.0 if kind == "saturating" else 0.0
    if np.any(d == edge):
        raise InputError(
            "D(G(z))",
            d,
            f"inside (0, 1): the {kind.replace('_', '-')} loss is infinite at D(G(z)) = {edge:g}",
        )
    if kind == "saturating":
        return np.log1p(-d), -d
    return -np.log(d), -(1.0 - d)


def sigmoid(a: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-a), computed without overflow; float64 of a's shape.

    ``a`` may hold -inf or +inf (giving 0 or 1) but not NaN.
    """
    a = check_array(a, "a", finite=False, min_size=0, what="logits")
    if a.dtype.kind == "f" and np.isnan(a).any():
        raise InputError("a", a, "logits without NaN")
    return _sigmoid(a.astype(float))


def _sigmoid(a: np.ndarray) -> np.ndarray:
    """:func:`sigmoid` of a float array, unchecked (the toy GAN's training loop calls it)."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

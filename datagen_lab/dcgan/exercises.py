"""Checkers for the exercises at the end of lesson 04 (DCGAN on MNIST)."""

from __future__ import annotations

import math

from datagen_lab.exercises import Feedback, check_close, check_with
from datagen_lab.i18n import t


def check_equilibrium(d_loss, g_loss) -> Feedback:
    """Exercise 1: the losses when D outputs 1/2 for every image (2 ln 2 and ln 2)."""
    both = (d_loss, g_loss)
    return check_close(
        both,
        (2 * math.log(2), math.log(2)),
        "Right: D loss = -ln(1/2) - ln(1/2) = 2 ln 2 ≈ 1.386 and G loss = -ln(1/2) = ln 2 ≈ 0.693. "
        "Curves that settle near these lines mean neither network is winning.",
        "Plug D(x) = D(G(z)) = 1/2 into l_D = -ln D(x) - ln(1 - D(G(z))) and l_G = -ln D(G(z)); "
        "use natural logarithms (np.log).",
        tol=1e-3,
    )


def check_entropy(answer) -> Feedback:
    """Exercise 2: entropy of a histogram with half the samples '1', the rest spread over 9 digits."""
    expected = -(0.5 * math.log2(0.5) + 9 * (1 / 18) * math.log2(1 / 18))
    return check_close(
        answer,
        expected,
        t(
            "Right: H = 0.5 + 0.5 log2(18) ≈ {expected:.3f} bits: below the 3.2-bit bar although "
            "every digit appears. The bar catches partial collapse, not only total collapse.",
            expected=expected,
        ),
        "Shares: p(1) = 1/2 and p = 1/18 for each of the nine others; H = -Σ p log2 p. "
        "entropy_bits(counts) computes it from any histogram with those shares.",
        tol=1e-3,
    )


def check_lerp_midpoint(answer) -> Feedback:
    """Exercise 3: norm of the linear midpoint between two orthogonal latent vectors of norm 10."""
    return check_close(
        answer,
        10 / math.sqrt(2),
        "Right: |(z0 + z1) / 2| = sqrt(100 + 100) / 2 = 10 / sqrt(2) ≈ 7.07, far inside the shell of "
        "norm ≈ 10 where 100-d Gaussian noise lives. Spherical interpolation keeps the norm at 10.",
        "The midpoint is (z0 + z1) / 2; for orthogonal vectors |z0 + z1|² = |z0|² + |z1|².",
        tol=1e-2,
    )


def check_confident_set(digit_set, n: int = 100, min_confidence: float = 0.95) -> Feedback:
    """Exercise 4: a written set of ``n`` digits, every one at least ``min_confidence`` sure."""

    def ok(s) -> bool:
        on_disk = (s.folder / "manifest.csv").is_file() or (s.folder / "digits.npz").is_file()
        return len(s.labels) == n and float(s.confidences.min()) >= min_confidence and on_disk

    return check_with(
        ok,
        digit_set,
        t(
            "Right: {n} digits on disk, each labelled with at least {min_confidence:.0%} confidence. "
            "The acceptance rate tells you what the filter threw away, and which digits it threw "
            "away most.",
            n=n,
            min_confidence=min_confidence,
        ),
        t(
            "Expected a DigitSet of exactly {n} digits, all with confidence >= {min_confidence}, "
            "written to a folder.",
            n=n,
            min_confidence=min_confidence,
        ),
        unanswered=t(
            "Call write_digits(..., {n}, folder, min_confidence={min_confidence}) and assign the "
            "result.",
            n=n,
            min_confidence=min_confidence,
        ),
    )

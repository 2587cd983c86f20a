"""Checkers for the exercises at the end of the privacy lesson (08): instant feedback, never a crash."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from datagen_lab.exercises import Feedback, check_close, check_function

# Exercise 3: three hospitals' class histograms; the total is released, and so are B's and C's.
HOSPITAL_B = np.array([40, 35, 51, 38, 44, 30, 47, 39, 42, 36])
HOSPITAL_C = np.array([22, 31, 18, 27, 25, 29, 20, 33, 24, 26])
_HOSPITAL_A = np.array([12, 9, 15, 11, 8, 14, 10, 13, 7, 16])
RELEASED_TOTAL = HOSPITAL_B + HOSPITAL_C + _HOSPITAL_A


def check_laplace_scale(answer) -> Feedback:
    """Exercise 1: the Laplace scale b that makes a count (sensitivity 1) 0.25-DP."""
    return check_close(
        answer,
        4.0,
        "Right: b = Δ / ε = 1 / 0.25 = 4, so each released count is off by 4 on average.",
        "The Laplace mechanism's scale is the sensitivity divided by ε; a count has sensitivity 1.",
        tol=1e-6,
        unanswered="Set `scale` to a number.",
    )


def check_clip(fn: Callable) -> Feedback:
    """Exercise 2: ``fn(gradient, clip_norm)`` scales a NumPy vector to norm at most clip_norm."""
    rng = np.random.default_rng(8)
    cases = [
        (rng.normal(size=20) * scale, clip) for scale in (0.01, 1.0, 10.0) for clip in (0.5, 2.0)
    ]

    def reference(g, c):
        return g * min(1.0, c / max(np.linalg.norm(g), 1e-12))

    def agrees(f) -> bool:
        return all(np.allclose(f(g.copy(), c), reference(g, c)) for g, c in cases)

    gradient, clip = cases[4]  # a long gradient: scaling *up* short ones is the usual slip
    try:
        short, short_clip = cases[0]
        if np.allclose(fn(short.copy(), short_clip), short * short_clip / np.linalg.norm(short)):
            return Feedback(
                False,
                "Close: that stretches short gradients up to C too. Only shrink: multiply by min(1, C / ‖g‖).",
            )
    except Exception:  # reported below with the general hint
        pass
    return check_function(
        fn,
        agrees,
        (gradient, clip),
        "Right: a gradient longer than C is shrunk to length C, a shorter one is left alone.",
        "Multiply the gradient by min(1, clip_norm / ‖gradient‖) (np.linalg.norm gives ‖g‖).",
        returns_none="Your function returns None: return the clipped gradient.",
    )


def check_hospital_a(answer) -> Feedback:
    """Exercise 3: hospital A's histogram, from the released total and B's and C's histograms."""
    return check_close(
        answer,
        _HOSPITAL_A,
        "Right: secure aggregation hid A's shares, but the exact total minus what you know is A. "
        "Only noise on the total (differential privacy) stops this subtraction.",
        "The total is A + B + C, exactly: subtract the two histograms you know.",
        tol=1e-9,
        unanswered="Set `hospital_a` to an array of 10 counts.",
    )

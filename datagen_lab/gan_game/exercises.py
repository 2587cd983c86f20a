"""Checkers for the exercises of the GAN minimax lesson: each returns instant :class:`Feedback`.

Every checker accepts whatever a learner might type (numbers, arrays, functions, None) and
answers with a green tick or a hint; none of them raises.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from datagen_lab.exercises import Feedback, check_close, check_with, feedback
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game import toy_data as toy_gan_data
from datagen_lab.i18n import t

NOT_ANSWERED = "Replace None with your answer and run the cell again."


def check_optimal_d(answer) -> Feedback:
    """Exercise 1: D*(x) where p_data(x) = 0.3 and p_g(x) = 0.1."""
    return check_close(
        answer,
        0.75,
        "D* = 0.3 / (0.3 + 0.1) = 0.75: three quarters of the mass at x is real.",
        "D*(x) = p_data(x) / (p_data(x) + p_g(x)): the share of the density at x that is data.",
        tol=1e-3,
        unanswered=NOT_ANSWERED,
    )


def check_equilibrium_value(answer) -> Feedback:
    """Exercise 2: V(D*, G) when p_g = p_data."""
    return check_close(
        answer,
        -gan_math.LOG4,
        "-log 4 ≈ -1.3863: D* = 1/2 everywhere, and log(1/2) + log(1/2) = -log 4.",
        "When p_g = p_data, D* = 1/2 everywhere; put D = 1/2 into both expectations of V.",
        tol=1e-3,
        unanswered=NOT_ANSWERED,
    )


def check_disjoint_value(answer) -> Feedback:
    """Exercise 3: V(D*, G) when p_data and p_g do not overlap at all."""
    return check_close(
        answer,
        0.0,
        "0: JSD is at its ceiling log 2, so -log 4 + 2 log 2 = 0. D* is 1 on the data and 0 on "
        "the fakes, both log terms vanish, and moving G a little changes nothing: no gradient.",
        "Disjoint densities have JSD = log 2 (its maximum); use C(G) = -log 4 + 2 JSD.",
        tol=1e-3,
        unanswered=NOT_ANSWERED,
    )


def check_matching_generator(mean, spread, weight) -> Feedback:
    """Exercise 4: explorer settings (mean, spread, right-mode weight) that make p_g = p_data."""
    if mean is None or spread is None or weight is None:
        return Feedback(False, NOT_ANSWERED)
    try:
        x = gan_math.grid()
        summary = gan_math.summarize(
            gan_math.DATA.pdf(x), gan_math.two_mode(mean, spread, weight).pdf(x), x
        )
    except (TypeError, ValueError) as error:
        return Feedback(False, t("Those settings are not a valid generator: {error}", error=error))
    target = {"mean": 0.0, "spread": gan_math.DATA.stds[0], "weight": gan_math.DATA.weights[1]}
    off = [
        name
        for name, value in zip(target, (mean, spread, weight), strict=True)
        if abs(value - target[name]) > 0.02
    ]
    return feedback(
        summary.jsd < 1e-3,
        t(
            "JSD = {jsd:.2e} and V(D*, G) = {value:.4f} = -log 4: the generator matches.",
            jsd=summary.jsd,
            value=summary.value_at_optimum,
        ),
        t(
            "JSD is still {jsd:.3f}. Adjust: {what}. Watch the readout of the explorer widget "
            "while you move that slider.",
            jsd=summary.jsd,
            what=", ".join(t(name) for name in off) or t("a little more precision"),
        ),
    )


def check_gradient_ratio(answer) -> Feedback:
    """Exercise 5: with D(G(z)) = 0.01, how many times larger is the non-saturating gradient?"""
    return check_close(
        answer,
        99.0,
        "99 times: |-(1 - D)| / |-D| = 0.99 / 0.01. Early in training the minimax loss barely moves G.",
        "With respect to D's logit, the saturating loss has slope -D and the non-saturating one -(1 - D).",
        tol=0.5,
        unanswered=NOT_ANSWERED,
    )


def check_non_saturating_gradient(function: Callable[[np.ndarray], np.ndarray] | None) -> Feedback:
    """Exercise 6: a function d -> d(-log D)/d(logit), where D = sigmoid(logit), for arrays d."""
    d = np.array([0.01, 0.2, 0.5, 0.8, 0.99])
    expected = gan_math.generator_loss(d, "non_saturating")[1]
    return check_with(
        lambda f: np.allclose(np.asarray(f(d), dtype=float), expected, atol=1e-6),
        function,
        "Right: d(-log sigmoid(a))/da = -(1 - D). It stays near -1 while D rejects the fakes.",
        "Use dD/da = D (1 - D) and the chain rule on -log D. The answer is a simple function of D.",
        unanswered=NOT_ANSWERED,
    )


def check_three_modes(samples) -> Feedback:
    """Exercise 7: 1,000 points (1000, 2) that cover exactly three modes of the ring."""
    data = toy_gan_data.ring()

    def exactly_three(points) -> bool:
        points = np.asarray(points, dtype=float)
        return points.shape == (1000, 2) and toy_gan_data.mode_coverage(points, data).covered == 3

    return check_with(
        exactly_three,
        samples,
        "Exactly 3 of 8 modes covered: a metric that counts modes sees collapse that a loss curve hides.",
        "Make a (1000, 2) array: put a fair share of points within 3 std of three of ring().centres "
        "(e.g. np.repeat of three centres plus small noise), and none near the others.",
        unanswered=NOT_ANSWERED,
    )

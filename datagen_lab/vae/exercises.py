"""Checkers for the exercises at the end of the VAE lesson (07): instant feedback, never a crash."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from datagen_lab.exercises import Feedback, check_close, check_function, check_number, feedback
from datagen_lab.i18n import t

# Exercise 1's Gaussian q(z|x): the learner computes its KL to N(0, I) by hand.
EXERCISE_MEAN = np.array([1.0, -0.5, 0.0])
EXERCISE_LOGVAR = np.array([0.0, np.log(2.0), np.log(0.25)])


def check_kl(answer) -> Feedback:
    """Exercise 1: KL(N(EXERCISE_MEAN, diag exp(EXERCISE_LOGVAR)) || N(0, I)) in nats."""
    variance = np.exp(EXERCISE_LOGVAR)
    expected = 0.5 * float(np.sum(variance + EXERCISE_MEAN**2 - 1 - EXERCISE_LOGVAR))
    hint = (
        "Sum over the 3 dimensions of ½(σ² + μ² − 1 − log σ²); logvar is log σ² already. "
        "Check a single dimension first: μ = 1, σ² = 1 gives 0.5."
    )
    return check_close(
        answer,
        expected,
        t("Right: {kl:.4f} nats.", kl=expected),
        hint,
        tol=1e-3,
        unanswered="Set `kl` to a number (nats).",
    )


def check_reparameterize(fn: Callable) -> Feedback:
    """Exercise 2: ``fn(mean, logvar, eps)`` returns z = mean + exp(logvar / 2) * eps (NumPy)."""
    rng = np.random.default_rng(11)
    cases = [
        (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))
        for _ in range(5)
    ]

    def agrees(f) -> bool:
        return all(np.allclose(f(m, v, e), m + np.exp(0.5 * v) * e) for m, v, e in cases)

    mean, logvar, eps = cases[0]
    try:
        if np.allclose(fn(mean, logvar, eps), mean + np.exp(logvar) * eps):
            return Feedback(
                False,
                "Close: that multiplies eps by the variance. Scale by the standard deviation σ = exp(logvar / 2).",
            )
    except Exception:  # reported below with the general hint
        pass
    return check_function(
        fn,
        agrees,
        cases[0],
        "Right: z = μ + σ ε; the noise enters from outside, so z is differentiable in μ and log σ².",
        "Shift and scale standard-normal noise: z = mean + exp(logvar / 2) * eps, element-wise.",
        returns_none="Your function returns None: compute z and return it.",
    )


def check_bernoulli_nats(fn: Callable) -> Feedback:
    """Exercise 3: ``fn(x, p)`` returns −log p(x|z) per image for pixel targets x and probabilities p."""
    rng = np.random.default_rng(12)
    cases = [(rng.random((3, 28, 28)), rng.uniform(0.01, 0.99, (3, 28, 28))) for _ in range(3)]

    def expected(x, p):
        return -(x * np.log(p) + (1 - x) * np.log(1 - p)).reshape(len(x), -1).sum(axis=1)

    def agrees(f) -> bool:
        return all(
            np.allclose(np.asarray(f(x, p)).reshape(-1), expected(x, p), rtol=1e-6)
            for x, p in cases
        )

    return check_function(
        fn,
        agrees,
        cases[0],
        "Right: a sum of binary cross-entropies, one per pixel, per image (shape (N,)).",
        "Per pixel: −[x log p + (1 − x) log(1 − p)]; then sum over the 28x28 pixels of each image, not over images.",
        returns_none="Your function returns None: return one number per image.",
    )


def check_cubic_gradient(answer) -> Feedback:
    """Exercise 4: d/dμ E[z³] for z ~ N(μ = 0.5, σ = 1), exactly."""
    hint = (
        "E[z³] = μ³ + 3μσ² for a Gaussian; differentiate in μ. Check numerically with "
        "lesson.gradient_estimators(lambda z: z**3, mean=0.5, std=1.0): the means of both "
        "estimators approach it."
    )
    return check_close(
        answer,
        3 * 0.5**2 + 3 * 1.0**2,
        "Right: 3μ² + 3σ² = 3.75.",
        hint,
        tol=1e-3,
        unanswered="Set `gradient` to a number.",
    )


def check_best_beta(answer, sweep) -> Feedback:
    """Exercise 5: which swept beta has the lowest *true* negative ELBO (reconstruction + KL)?"""
    from datagen_lab.vae.latent_plots import _check_sweep

    _check_sweep(
        sweep
    )  # the notebook's saved sweep, not the learner's answer: a wrong one is an error
    if answer is None:
        return Feedback(False, "Set `best_beta` to one of the swept values.")
    if isinstance(answer, bool):  # float(True) is 1.0, which would pass for beta = 1
        return Feedback(False, "Expected a number (a swept beta), got bool.")
    nelbo = sweep.reconstruction + sweep.kl
    best = float(sweep.betas[int(np.argmin(nelbo))])
    return check_number(
        answer,
        lambda value: np.isclose(value, best),
        t(
            "Right: β = {best:g} ({nats:.1f} nats). β = 1 optimises exactly this bound, so the best is at or near 1; "
            "other β trade the bound for sharper reconstructions (β < 1) or a smoother, more prior-like code (β > 1).",
            best=best,
            nats=nelbo.min(),
        ),
        "Add the reconstruction and KL columns of sweep.table() (the -ELBO column) and pick the smallest.",
    )


def check_sampled_pixels(answer) -> Feedback:
    """Exercise 6: sampling 0/1 pixels from the decoder's probabilities: more or less mid-grey?"""
    if answer is None:
        return Feedback(False, "Set `answer` to 'more' or 'less'.")
    return feedback(
        str(answer).strip().lower() == "less",
        "Right: sampled pixels are exactly 0 or 1, so no grey at all, but the digit turns speckled: "
        "the blur is the decoder's uncertainty, averaged. Sharper samples need a decoder that models "
        "pixel dependencies (or an adversarial loss), not a different way to read it out.",
        "What values can a Bernoulli sample take? Look at the 'sampled pixels' row of the picture above.",
    )

"""The GAN objective on a grid: identities of Goodfellow et al. (2014) checked numerically."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.gan_game import minimax as gm

X = gm.grid()


def box(lo: float, hi: float) -> np.ndarray:
    """A uniform density on [lo, hi], normalised on the grid."""
    inside = np.abs(X - (lo + hi) / 2) <= (hi - lo) / 2
    return gm.check_density(inside.astype(float), X, normalize=True)


PAIRS = {
    "data vs far generator": (gm.DATA.pdf(X), gm.two_mode(-3.0, 1.5, 0.2).pdf(X)),
    "shifted gaussians": (gm.gaussian_pdf(X, 0, 1), gm.gaussian_pdf(X, 1.5, 1)),
    "narrow vs wide": (gm.gaussian_pdf(X, 0, 0.3), gm.gaussian_pdf(X, 0, 2.5)),
    "mixture vs one mode": (gm.DATA.pdf(X), gm.two_mode(0.0, 0.7, 1.0).pdf(X)),
    "almost disjoint": (gm.gaussian_pdf(X, -6, 0.3), gm.gaussian_pdf(X, 6, 0.3)),
    "overlapping boxes": (box(-2, 1), box(0, 3)),
}


@pytest.mark.parametrize("name", PAIRS)
def test_value_at_optimal_discriminator_is_minus_log4_plus_2_jsd(name):
    p, q = PAIRS[name]
    d_star = gm.optimal_discriminator(p, q)
    value = gm.value_exact(d_star, p, q, X)
    assert value == pytest.approx(-gm.LOG4 + 2 * gm.js_divergence(p, q, X), abs=1e-6)
    assert gm.optimal_value(p, q, X) == pytest.approx(value, abs=1e-6)


@pytest.mark.parametrize("name", PAIRS)
def test_optimal_discriminator_lies_in_unit_interval_and_beats_other_discriminators(name):
    p, q = PAIRS[name]
    d_star = gm.optimal_discriminator(p, q)
    assert d_star.min() >= 0 and d_star.max() <= 1
    best = gm.value_exact(d_star, p, q, X)
    rng = np.random.default_rng(0)
    for w, b in rng.normal(0, 2, size=(20, 2)):
        other = np.clip(gm.sigmoid(w * X + b), 1e-12, 1 - 1e-12)
        assert gm.value_exact(other, p, q, X) < best
    assert gm.value_exact(np.full_like(X, 0.5), p, q, X) == pytest.approx(-gm.LOG4)


def test_jsd_is_zero_for_equal_and_log2_for_disjoint_densities():
    p = gm.DATA.pdf(X)
    assert gm.js_divergence(p, p, X) == pytest.approx(0.0, abs=1e-12)
    assert gm.js_divergence(box(-3, -1), box(1, 4), X) == pytest.approx(gm.LOG2, abs=1e-12)
    value = gm.value_exact(
        gm.optimal_discriminator(box(-3, -1), box(1, 4)), box(-3, -1), box(1, 4), X
    )
    assert value == pytest.approx(0.0, abs=1e-12)


def test_jsd_is_symmetric_and_bounded():
    for p, q in PAIRS.values():
        forward, backward = gm.js_divergence(p, q, X), gm.js_divergence(q, p, X)
        assert forward == pytest.approx(backward, abs=1e-12)
        assert 0 < forward <= gm.LOG2


def test_value_reaches_minus_log4_only_when_generator_matches_data():
    p = gm.DATA.pdf(X)
    at_match = gm.summarize(p, gm.two_mode(0.0, 0.7, 0.6).pdf(X), X)
    assert at_match.value_at_optimum == pytest.approx(-gm.LOG4, abs=1e-9)
    assert at_match.jsd == pytest.approx(0.0, abs=1e-9)
    for mean, spread, weight in [(0.1, 0.7, 0.6), (0.0, 0.8, 0.6), (0.0, 0.7, 0.5)]:
        assert (
            gm.summarize(p, gm.two_mode(mean, spread, weight).pdf(X), X).value_at_optimum
            > -gm.LOG4 + 1e-4
        )


def test_kl_matches_closed_form_for_gaussians_and_is_infinite_off_support():
    m1, s1, m2, s2 = 0.5, 0.8, -1.0, 1.3
    expected = np.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5
    kl = gm.kl_divergence(gm.gaussian_pdf(X, m1, s1), gm.gaussian_pdf(X, m2, s2), X)
    assert kl == pytest.approx(expected, abs=1e-8)
    assert gm.kl_divergence(box(-2, 2), box(-1, 3), X) == np.inf
    assert gm.kl_divergence(box(-1, 1), box(-2, 2), X) == pytest.approx(np.log(2), abs=1e-2)


def test_monte_carlo_value_converges_to_the_grid_value():
    p, q = gm.DATA.pdf(X), gm.gaussian_pdf(X, 1.0, 1.5)
    d = gm.sigmoid(0.8 * X - 0.3)
    exact = gm.value_exact(d, p, q, X)
    rng = np.random.default_rng(1)
    errors = []
    for n in (1_000, 10_000, 200_000):
        estimate, stderr = gm.value_monte_carlo(
            gm.interpolate(X, d), gm.DATA.sample(n, rng), rng.normal(1.0, 1.5, n)
        )
        assert abs(estimate - exact) < 5 * stderr
        errors.append(stderr)
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.01


def test_mixture_sampling_matches_its_density():
    samples = gm.DATA.sample(100_000, np.random.default_rng(2))
    mean = gm.integrate(X * gm.DATA.pdf(X), X)
    assert samples.mean() == pytest.approx(mean, abs=0.03)
    assert np.mean(samples > 0) == pytest.approx(gm.DATA.weights[1], abs=0.01)


@pytest.mark.parametrize("kind", gm.GENERATOR_LOSSES)
def test_generator_loss_gradient_matches_finite_differences(kind):
    logits = np.linspace(-6, 6, 25)
    loss, grad = gm.generator_loss(gm.sigmoid(logits), kind)
    h = 1e-6
    up, _ = gm.generator_loss(gm.sigmoid(logits + h), kind)
    down, _ = gm.generator_loss(gm.sigmoid(logits - h), kind)
    np.testing.assert_allclose(grad, (up - down) / (2 * h), rtol=1e-5, atol=1e-8)


def test_saturating_loss_gradient_vanishes_when_discriminator_wins():
    d = np.array([1e-4, 0.01])
    _, saturating = gm.generator_loss(d, "saturating")
    _, non_saturating = gm.generator_loss(d, "non_saturating")
    assert np.all(np.abs(saturating) <= 0.01)
    assert np.all(np.abs(non_saturating) >= 0.99)


def test_jsd_sweep_plateaus_at_log2_far_from_the_data():
    sweep = gm.sweep_generator_mean(np.linspace(-9, 9, 37), X, spread=0.3, weight=0.6)
    assert sweep["mean"][np.argmin(sweep["jsd"])] == pytest.approx(0.0)
    far = np.abs(sweep["mean"]) >= 8
    assert np.all(sweep["jsd"][far] > gm.LOG2 - 1e-3)
    assert np.ptp(sweep["value"][far]) < 1e-3


# ---- errors -------------------------------------------------------------------------------


def test_density_that_does_not_integrate_to_one_is_refused_with_its_name_or_normalized():
    q = 2 * gm.gaussian_pdf(X)
    with pytest.raises(ValueError, match=r"p_g integrates to 2\.0"):
        gm.value_exact(np.full_like(X, 0.5), gm.DATA.pdf(X), q, X)
    fixed = gm.check_density(q, X, "p_g", normalize=True)
    assert gm.integrate(fixed, X) == pytest.approx(1.0)


def test_negative_or_nan_density_is_refused():
    p = gm.gaussian_pdf(X) - 0.01
    with pytest.raises(ValueError, match="p_data is negative"):
        gm.check_density(p, X, "p_data", normalize=True)
    with pytest.raises(ValueError, match="NaN"):
        gm.check_density(np.full_like(X, np.nan), X)
    with pytest.raises(ValueError, match="shape"):
        gm.check_density(gm.gaussian_pdf(X)[:-1], X)
    with pytest.raises(ValueError, match="zero everywhere"):
        gm.check_density(np.zeros_like(X), X, normalize=True)


def test_discriminator_outside_unit_interval_is_refused():
    p = gm.DATA.pdf(X)
    with pytest.raises(ValueError, match="logits"):
        gm.value_exact(0.8 * X, p, p, X)
    with pytest.raises(ValueError, match="D\\(x\\) = 0 where p_data > 0"):
        gm.value_exact(np.zeros_like(X), p, p, X)
    with pytest.raises(ValueError, match="D\\(x\\) = 1 where p_g > 0"):
        gm.value_exact(np.ones_like(X), p, p, X)
    with pytest.raises(ValueError, match="log would be -inf"):
        gm.value_monte_carlo(lambda x: np.ones_like(x), np.zeros(5), np.zeros(5))
    with pytest.raises(ValueError, match="saturating"):
        gm.generator_loss(np.array([0.5]), "minimax")


def test_bad_mixtures_and_grids_are_refused():
    with pytest.raises(ValueError, match="sum to 1"):
        gm.Mixture1D((0.0, 1.0), (1.0, 1.0), (0.5, 0.6))
    with pytest.raises(ValueError, match="positive"):
        gm.Mixture1D((0.0,), (0.0,), (1.0,))
    with pytest.raises(ValueError, match="weight"):
        gm.two_mode(weight=1.5)
    with pytest.raises(ValueError, match="lo < hi"):
        gm.grid(1, -1)


def test_summary_text_reports_the_closed_form():
    text = str(gm.summarize(gm.DATA.pdf(X), gm.DATA.pdf(X), X))
    assert "V(D*, G) = -1.3863" in text and "JSD = +0.0000" in text


# ---- exercise checkers ------------------------------------------------------------------------

RIGHT_AND_WRONG = [
    ("check_optimal_d", (0.75,), (0.25,)),
    ("check_equilibrium_value", (-np.log(4),), (-np.log(2),)),
    ("check_disjoint_value", (0.0,), (np.log(2),)),
    ("check_matching_generator", (0.0, 0.7, 0.6), (0.0, 0.7, 0.4)),
    ("check_gradient_ratio", (99,), (1 / 99,)),
    ("check_non_saturating_gradient", (lambda d: -(1 - d),), (lambda d: -d,)),
    ("check_three_modes", ("three",), (np.zeros((1000, 2)),)),
]


@pytest.mark.parametrize(
    "name, right, wrong", RIGHT_AND_WRONG, ids=[row[0] for row in RIGHT_AND_WRONG]
)
def test_exercise_checkers_accept_right_and_reject_wrong_answers(name, right, wrong):
    from datagen_lab.gan_game import exercises as gan_exercises
    from datagen_lab.gan_game import toy_data as toy_gan_data

    checker = getattr(gan_exercises, name)
    if right == ("three",):
        centres = toy_gan_data.ring().centres
        right = (np.repeat(centres[:3], [334, 333, 333], axis=0),)
    assert checker(*right).ok
    verdict = checker(*wrong)
    assert not verdict.ok and verdict.message
    none = checker(*[None] * len(wrong))
    assert not none.ok and "Replace None" in none.message
    assert not checker(*["nonsense"] * len(wrong)).ok

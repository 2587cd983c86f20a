"""Lesson 8's accountant wrappers: a published epsilon, monotonicity, the library itself, bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.privacy import accounting as a

# TensorFlow Privacy, tutorials/README.md, "Select Parameters" table (MNIST, 60,000 training
# digits, 256 per microbatch-batch, delta = 1e-5, epsilon printed with 2 decimals):
# noise 1.12 for 60 epochs -> 2.92 (also the README's "Expected Output" after 60 epochs), and
# noise 1.2 for 10 epochs -> 1.20. Those were computed with the RDP accountant and the classic
# RDP -> (epsilon, delta) conversion; steps = epochs * 60000 // 256 as in mnist_dpsgd_tutorial.py.
PUBLISHED = [(1.12, 60, 2.92), (1.2, 10, 1.20)]


@pytest.mark.parametrize(("noise", "epochs", "published"), PUBLISHED)
def test_published_tensorflow_privacy_epsilon(noise, epochs, published):
    steps = epochs * 60_000 // 256
    orders, rdp = a.rdp_curve(noise, 256 / 60_000, steps)
    assert round(a.classic_conversion(orders, rdp, 1e-5), 2) == published
    # the library's own conversion is tighter than the classic one, never looser
    assert a.dp_sgd_epsilon(noise, 256 / 60_000, steps, 1e-5) < published


def test_epsilon_is_the_accountants():
    """The wrapper's shortcut (k steps = k x one step's RDP) agrees with composing in the library."""
    import dp_accounting

    accountant = dp_accounting.rdp.RdpAccountant()
    event = dp_accounting.PoissonSampledDpEvent(0.05, dp_accounting.GaussianDpEvent(1.3))
    accountant.compose(dp_accounting.SelfComposedDpEvent(event, 700))
    assert a.dp_sgd_epsilon(1.3, 0.05, 700, 1e-5) == pytest.approx(
        accountant.get_epsilon(1e-5), rel=1e-9
    )


def test_epsilon_grows_with_steps_and_falls_with_noise():
    curve = a.epsilon_curve(1.0, 0.05, [0, 10, 100, 1000], 1e-5)
    assert curve[0] == 0 and np.all(np.diff(curve) > 0)
    by_noise = [a.dp_sgd_epsilon(sigma, 0.05, 500, 1e-5) for sigma in (0.7, 1.0, 2.0, 4.0)]
    assert np.all(np.diff(by_noise) < 0)


def test_noise_for_epsilon_inverts_the_accountant():
    sigma = a.noise_for_epsilon(3.0, 0.05, 400, 1e-5)
    assert a.dp_sgd_epsilon(sigma, 0.05, 400, 1e-5) == pytest.approx(3.0, rel=0.01)


def test_bad_inputs():
    assert_clear_error(lambda: a.dp_sgd_epsilon(0, 0.1, 10, 1e-5), "noise_multiplier")
    assert_clear_error(lambda: a.dp_sgd_epsilon(1.0, 0, 10, 1e-5), "sample_rate")
    assert_clear_error(lambda: a.dp_sgd_epsilon(1.0, 1.5, 10, 1e-5), "sample_rate")
    assert_clear_error(lambda: a.dp_sgd_epsilon(1.0, 0.1, 10, 0), "delta")
    assert_clear_error(lambda: a.dp_sgd_epsilon(1.0, 0.1, 10, 1.0), "delta")
    assert_clear_error(lambda: a.dp_sgd_epsilon(1.0, 0.1, -1, 1e-5), "steps")
    assert_clear_error(lambda: a.epsilon_curve(1.0, 0.1, [10, 5], 1e-5), "steps")
    assert_clear_error(lambda: a.noise_for_epsilon(0, 0.1, 10, 1e-5), "target_epsilon")
    assert_clear_error(lambda: a.dp_sgd_epsilon(float("nan"), 0.1, 10, 1e-5), "noise_multiplier")

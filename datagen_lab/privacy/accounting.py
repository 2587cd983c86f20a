"""How much privacy DP-SGD spends: epsilon from Google's ``dp-accounting`` library (RDP accountant).

One DP-SGD step samples each training example with probability ``q`` (Poisson sampling), clips
each sampled example's gradient to norm C and adds Gaussian noise of standard deviation
``noise_multiplier * C`` to their sum. The accountant describes that step as a
``PoissonSampledDpEvent(q, GaussianDpEvent(noise_multiplier))``, composes it ``steps`` times and
answers: for this delta, what is the smallest epsilon the run is guaranteed?

What it computes: for each Renyi order alpha, the Renyi divergence ``RDP(alpha)`` between the
outputs of one step with and without any one example (a closed form for the subsampled Gaussian,
Mironov et al. 2019); composition adds these up over steps; finally it converts the curve to an
(epsilon, delta) guarantee, minimising over alpha. :func:`rdp_curve` shows the curve,
:func:`classic_conversion` the textbook conversion ``epsilon = RDP(alpha) + log(1/delta)/(alpha-1)``
(Abadi et al. 2016; Mironov 2017); the library's own conversion is a tighter one.
"""

from __future__ import annotations

import contextlib
import logging

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_number
from datagen_lab.privacy.mechanisms import check_delta, check_epsilon


def check_noise_multiplier(noise_multiplier, name: str = "noise_multiplier") -> float:
    """``noise_multiplier`` as a finite float > 0 (the noise's standard deviation over C)."""
    return check_number(
        noise_multiplier, name, low=0.0, low_open=True, what="noise standard deviation / clip norm"
    )


def check_sample_rate(sample_rate, name: str = "sample_rate") -> float:
    """``sample_rate`` as a float in (0, 1]: the chance that an example is in a step's batch."""
    return check_number(
        sample_rate, name, low=0.0, high=1.0, low_open=True, what="the sampling probability q"
    )


def dp_sgd_epsilon(noise_multiplier: float, sample_rate: float, steps: int, delta: float) -> float:
    """The epsilon of ``steps`` DP-SGD steps at ``delta`` (RDP accountant of ``dp-accounting``).

    Args:
        noise_multiplier: sigma, the noise standard deviation divided by the clip norm, > 0.
        sample_rate: q = expected batch size / training set size, in (0, 1].
        steps: number of steps, >= 0 (0 steps spend nothing: epsilon 0).
        delta: in (0, 1); a rule of thumb is delta < 1 / training set size.

    Returns:
        epsilon, a float >= 0.
    """
    return float(epsilon_curve(noise_multiplier, sample_rate, [steps], delta)[0])


def epsilon_curve(noise_multiplier: float, sample_rate: float, steps, delta: float) -> np.ndarray:
    """Epsilon after each of ``steps`` (increasing step counts), composing as it goes.

    Returns:
        (len(steps),) float64 epsilons.
    """
    sigma = check_noise_multiplier(noise_multiplier)
    q = check_sample_rate(sample_rate)
    delta = check_delta(delta)
    counts = check_array(steps, "steps", ndim=1, kinds="iu", low=0, what="step counts")
    if np.any(np.diff(counts) < 0):
        raise InputError("steps", counts, "step counts in increasing order")
    from dp_accounting.rdp.rdp_privacy_accountant import compute_epsilon

    # RDP composes by addition: k steps have k times one step's curve (what the accountant's
    # compose(event, k) does), so one step is accounted once and each count converted.
    orders, one_step = rdp_curve(sigma, q, 1)
    out = [
        compute_epsilon(orders, count * one_step, delta)[0] if count else 0.0 for count in counts
    ]
    return np.asarray(out, dtype=np.float64)


def rdp_curve(
    noise_multiplier: float, sample_rate: float, steps: int
) -> tuple[np.ndarray, np.ndarray]:
    """The accountant's Renyi-DP curve after ``steps`` steps: ``(orders, rdp)``, both (K,) float64."""
    sigma = check_noise_multiplier(noise_multiplier)
    q = check_sample_rate(sample_rate)
    steps = check_int(steps, "steps", low=1, what="number of steps")
    import dp_accounting

    accountant = _accountant()
    event = dp_accounting.PoissonSampledDpEvent(q, dp_accounting.GaussianDpEvent(sigma))
    with _quiet_absl():
        accountant.compose(event, steps)
    return np.asarray(accountant.orders, dtype=np.float64), np.asarray(
        accountant.rdp, dtype=np.float64
    )


def classic_conversion(orders, rdp, delta: float) -> float:
    """The textbook RDP -> (epsilon, delta) conversion: ``min over alpha of RDP(alpha) + log(1/delta)/(alpha-1)``.

    Looser than the conversion ``dp-accounting`` uses; it is what TensorFlow Privacy's tutorials
    of 2019 printed, so it reproduces their published epsilons.
    """
    orders = check_array(orders, "orders", ndim=1, kinds="f", low=1.0, what="Renyi orders")
    rdp = check_array(rdp, "rdp", shape=(len(orders),), kinds="f", what="Renyi DP of each order")
    delta = check_delta(delta)
    usable = orders > 1.0
    return float(np.min(rdp[usable] + np.log(1.0 / delta) / (orders[usable] - 1.0)))


def noise_for_epsilon(target_epsilon: float, sample_rate: float, steps: int, delta: float) -> float:
    """The smallest noise multiplier whose run of ``steps`` steps stays within ``target_epsilon``.

    Found by ``dp_accounting.calibrate_dp_mechanism`` (a root search over the accountant).
    """
    target = check_epsilon(target_epsilon, "target_epsilon")
    q = check_sample_rate(sample_rate)
    steps = check_int(steps, "steps", low=1, what="number of steps")
    delta = check_delta(delta)
    import dp_accounting

    def event(sigma: float):
        return dp_accounting.SelfComposedDpEvent(
            dp_accounting.PoissonSampledDpEvent(q, dp_accounting.GaussianDpEvent(sigma)), steps
        )

    with _quiet_absl():
        return float(
            dp_accounting.calibrate_dp_mechanism(
                _accountant,
                event,
                target,
                delta,
                dp_accounting.LowerEndpointAndGuess(0.1, 1.0),
                tol=1e-3,
            )
        )


def _accountant():
    import dp_accounting

    return dp_accounting.rdp.RdpAccountant()


@contextlib.contextmanager
def _quiet_absl():
    """The accountant logs (via absl) when it drops a fractional order it cannot evaluate: harmless."""
    logger = logging.getLogger("absl")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)

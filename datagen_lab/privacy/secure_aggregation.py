"""Secure aggregation by additive secret sharing: parties learn the sum of their data, nothing more.

Each party (say a hospital with a class histogram) splits its vector ``x`` into ``P`` shares:
``P - 1`` of them drawn uniformly from the integers modulo ``M = 2**32`` and the last one
``x - (sum of the others) mod M``. Party ``j`` receives share ``j`` from everyone and publishes
only the sum of what it received. Adding the published sums (mod M) gives the sum of all inputs
exactly, while any ``P - 1`` shares of one input are independent uniform numbers: they say nothing
about it.

Real numbers (a mean gradient) travel as fixed-point integers (:func:`encode_fixed`); negative
values wrap around modulo M and come back by :func:`decode_fixed`.

What it does not protect: the *result*. The sum is released exactly, so anyone who knows all
inputs but one (or the sum with and without one person) learns that one. Differential privacy
protects the result; secure aggregation protects the inputs on the way.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_positive_int
from datagen_lab.privacy.mechanisms import check_rng

MODULUS = 2**32
FRACTION_BITS = 16  # fixed point: x is sent as round(x * 2**16)


def share(secret, parties: int, rng: np.random.Generator) -> np.ndarray:
    """Split an integer vector into ``parties`` additive shares modulo :data:`MODULUS`.

    Args:
        secret: integers, any shape, in [0, MODULUS) (use :func:`encode_fixed` for reals).
        parties: number of shares, >= 2.
        rng: a NumPy Generator (drawing the random shares).

    Returns:
        (parties, *secret.shape) uint64 shares whose sum modulo MODULUS is ``secret``.
    """
    values = check_array(
        secret, "secret", kinds="iu", low=0, high=MODULUS - 1, what="integers mod 2**32"
    )
    parties = check_int(parties, "parties", low=2, what="number of parties")
    values = values.astype(np.uint64)
    random = check_rng(rng).integers(0, MODULUS, size=(parties - 1, *values.shape), dtype=np.uint64)
    last = (values + np.uint64(parties - 1) * np.uint64(MODULUS) - random.sum(axis=0)) % np.uint64(
        MODULUS
    )
    return np.concatenate([random, last[None]], axis=0)


def reconstruct(shares) -> np.ndarray:
    """The secret from all of its shares: their sum modulo MODULUS, (…) uint64."""
    shares = check_array(
        shares, "shares", kinds="iu", low=0, high=MODULUS - 1, what="shares mod 2**32"
    )
    if shares.ndim < 1 or len(shares) < 2:
        raise InputError("shares", shares, "an array of at least 2 shares along axis 0")
    return (shares.astype(np.uint64).sum(axis=0) % np.uint64(MODULUS)).astype(np.uint64)


def secure_sum(inputs, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Simulate the protocol among ``P`` parties, each holding one integer vector.

    Args:
        inputs: (P, K) integers in [0, MODULUS) (P >= 2 parties, K values each); the total is
            exact as long as the true sum stays below MODULUS (counts) or, for fixed-point
            reals, below MODULUS / 2 in size.
        rng: a NumPy Generator.

    Returns:
        ``{"shares": (P, P, K) share [i, j] sent by party i to party j,
        "published": (P, K) what each party publishes (the sum of the shares it received),
        "total": (K,) uint64, the reconstructed sum}``.
    """
    inputs = check_array(
        inputs, "inputs", ndim=2, kinds="iu", low=0, high=MODULUS - 1, what="one row per party"
    )
    parties = len(inputs)
    if parties < 2:
        raise InputError("inputs", inputs, "rows from at least 2 parties")
    shares = np.stack([share(row, parties, rng) for row in inputs])  # (sender, receiver, K)
    published = shares.sum(axis=0) % np.uint64(MODULUS)  # each receiver adds what it got
    return {"shares": shares, "published": published, "total": reconstruct(published)}


def secure_mean(values, rng: np.random.Generator) -> np.ndarray:
    """The mean of the parties' real vectors (P, K), computed by :func:`secure_sum` in fixed point."""
    values = check_array(values, "values", ndim=2, kinds="iuf", what="one row of reals per party")
    if len(values) < 2:
        raise InputError("values", values, "rows from at least 2 parties")
    encoded = encode_fixed(values / len(values))
    return decode_fixed(secure_sum(encoded, rng)["total"])


def encode_fixed(values, fraction_bits: int = FRACTION_BITS) -> np.ndarray:
    """Real numbers as fixed-point integers modulo MODULUS (negatives wrap around), uint64."""
    values = check_array(values, "values", kinds="iuf", what="real numbers")
    fraction_bits = check_int(
        fraction_bits, "fraction_bits", low=0, high=24, what="bits after the point"
    )
    limit = MODULUS / 2 / 2**fraction_bits
    if np.abs(values).max() >= limit:
        raise InputError("values", values, f"numbers of absolute value below {limit:g}")
    scaled = np.round(np.asarray(values, dtype=np.float64) * 2**fraction_bits).astype(np.int64)
    return (scaled % MODULUS).astype(np.uint64)


def decode_fixed(encoded, fraction_bits: int = FRACTION_BITS) -> np.ndarray:
    """Inverse of :func:`encode_fixed` (for a sum: as long as it stays below MODULUS / 2 in size)."""
    encoded = check_array(
        encoded, "encoded", kinds="iu", low=0, high=MODULUS - 1, what="integers mod 2**32"
    )
    fraction_bits = check_int(
        fraction_bits, "fraction_bits", low=0, high=24, what="bits after the point"
    )
    signed = encoded.astype(np.int64)
    signed = np.where(signed >= MODULUS // 2, signed - MODULUS, signed)
    return signed.astype(np.float64) / 2**fraction_bits


def share_uniformity(
    secret_a: int, secret_b: int, trials: int, rng: np.random.Generator
) -> dict[str, float]:
    """Is a single share independent of the secret? Share both secrets ``trials`` times and compare.

    Returns:
        ``{"ks_pvalue": two-sample Kolmogorov-Smirnov p-value between the first shares of the two
        secrets, "uniform_pvalue_a": KS p-value of secret_a's first shares against uniform on
        [0, MODULUS)}``: large p-values mean no detectable difference.
    """
    trials = check_positive_int(trials, "trials", "how many times to share each secret")
    from scipy import stats

    first_a = share(np.full(trials, secret_a, dtype=np.int64), 3, rng)[0].astype(np.float64)
    first_b = share(np.full(trials, secret_b, dtype=np.int64), 3, rng)[0].astype(np.float64)
    return {
        "ks_pvalue": float(stats.ks_2samp(first_a, first_b).pvalue),
        "uniform_pvalue_a": float(stats.kstest(first_a / MODULUS, "uniform").pvalue),
    }

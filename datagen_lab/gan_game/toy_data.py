"""Toy data for the lesson's small GANs, and the mode-coverage score that exposes mode collapse.

Two datasets: the 1-D two-mode mixture of :mod:`datagen_lab.gan_game.minimax` (``gan_math.DATA``) and
the 2-D ring of eight Gaussians used to study mode collapse (Metz et al., 2017, "Unrolled GANs";
Srivastava et al., 2017, "VEEGAN"). Coverage follows those papers: a sample is of high quality
when it lies within three standard deviations of a mode, and a mode is covered when it receives
a fair part of the high-quality samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import InputError, check_array, check_choice, check_int, check_number
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game.densities import _check_rng
from datagen_lab.i18n import t

DATASETS = ("ring", "bimodal")
RING_MODES = 8
RING_RADIUS = 2.0
RING_STD = 0.05


@dataclass(frozen=True)
class ToyData:
    """A dataset: how to sample it, where its modes are, and how wide each mode is.

    Attributes:
        name: "ring" or "bimodal"; dim: 2 or 1.
        centres: (n_modes, dim) float; std: the standard deviation of every mode.
        weights: (n_modes,) share of each mode; limits: plotting box (lo, hi) per axis.
    """

    name: str
    dim: int
    centres: np.ndarray
    std: float
    weights: np.ndarray
    limits: tuple[float, float]

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` >= 1 samples, float64 (n, dim), drawn with the NumPy Generator ``rng``."""
        n = check_int(n, "n", low=1, what="samples to draw")
        _check_rng(rng)
        mode = rng.choice(len(self.centres), size=int(n), p=self.weights)
        return self.centres[mode] + self.std * rng.standard_normal((int(n), self.dim))


def ring(n_modes: int = RING_MODES, radius: float = RING_RADIUS, std: float = RING_STD) -> ToyData:
    """``n_modes`` equal Gaussians with std ``std`` evenly spaced on a circle of radius ``radius``."""
    n_modes = check_int(n_modes, "n_modes", low=2, what="modes on the ring")
    radius = check_number(radius, "radius", low=0.0, low_open=True)
    std = check_number(std, "std", low=0.0, low_open=True, what="the std of every mode")
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    edge = radius + 1.5
    return ToyData("ring", 2, centres, std, np.full(n_modes, 1.0 / n_modes), (-edge, edge))


def bimodal(data: gan_math.Mixture1D = gan_math.DATA) -> ToyData:
    """The 1-D mixture of the minimax lesson (equal stds required), as a :class:`ToyData`."""
    if not isinstance(data, gan_math.Mixture1D):
        raise InputError("data", data, "a gan_math.Mixture1D such as gan_math.DATA")
    if len(set(data.stds)) != 1:
        raise InputError("data", data, "a Mixture1D whose components share one std")
    centres = np.asarray(data.means, dtype=float)[:, None]
    edge = 4 * data.stds[0]
    limits = (float(centres.min() - edge), float(centres.max() + edge))
    return ToyData(
        "bimodal", 1, centres, data.stds[0], np.asarray(data.weights, dtype=float), limits
    )


def dataset(name: str) -> ToyData:
    """The dataset called ``name`` (one of ``DATASETS``)."""
    check_choice(name, "name", DATASETS)
    if name == "ring":
        return ring()
    if name == "bimodal":
        return bimodal()
    raise AssertionError(name)  # unreachable: check_choice refused every other name


@dataclass(frozen=True)
class Coverage:
    """How many modes a set of samples reaches, and how precisely.

    Attributes:
        covered: number of covered modes; n_modes: how many there are.
        high_quality: share of samples within ``n_sigmas`` std of their nearest mode.
        counts: (n_modes,) high-quality samples per mode.
    """

    covered: int
    n_modes: int
    high_quality: float
    counts: np.ndarray

    def __str__(self) -> str:
        return t(
            "{covered}/{n} modes covered, {share:.0%} of samples within 3 std of a mode",
            covered=self.covered,
            n=self.n_modes,
            share=self.high_quality,
        )


def mode_coverage(
    samples: np.ndarray, data: ToyData, n_sigmas: float = 3.0, min_share: float = 0.25
) -> Coverage:
    """Count the modes of ``data`` that ``samples`` cover.

    Args:
        samples: (N, dim) generator outputs.
        data: the dataset whose modes are counted.
        n_sigmas: a sample is high quality when within ``n_sigmas * data.std`` of its nearest
            mode; > 0.
        min_share: a mode is covered when it holds at least ``min_share`` of its fair share of
            the samples (its weight times N); 0.25 with 8 equal modes means 3.1% of all samples.
            In (0, 1]: at 0 a mode without a single sample would count as covered.

    Returns:
        A :class:`Coverage`.
    """
    if not isinstance(data, ToyData):
        raise InputError("data", data, "a ToyData such as ring() or bimodal()")
    expected = f"a non-empty float array (N, {data.dim}) of generator samples with no NaN or inf"
    try:
        samples = check_array(samples, "samples", ndim=2).astype(float)
    except InputError as error:
        raise InputError("samples", samples, expected, got_text=error.got) from None
    if samples.shape[1] != data.dim:
        raise InputError("samples", samples, expected)
    n_sigmas = check_number(n_sigmas, "n_sigmas", low=0.0, low_open=True)
    min_share = check_number(
        min_share, "min_share", low=0.0, high=1.0, low_open=True, what="of a mode's fair share"
    )
    distance = np.linalg.norm(samples[:, None, :] - data.centres[None, :, :], axis=2)
    nearest = distance.argmin(axis=1)
    good = distance[np.arange(len(samples)), nearest] <= n_sigmas * data.std
    counts = np.bincount(nearest[good], minlength=len(data.centres))
    covered = int(np.sum(counts >= min_share * data.weights * len(samples)))
    return Coverage(covered, len(data.centres), float(good.mean()), counts)

"""How well interpolation fills gaps in a time series: gaps drawn at random, error tables, and the
order of convergence as the gaps shrink. The methods themselves (linear, local polynomial, cubic
spline) are in :mod:`datagen_lab.synthesis.gap_filling` and re-exported here.

Interpolation makes new samples *between* known ones. The lesson removes points whose true
values we know, fills them with each method and measures the error against the truth: the
error shrinks like h^2 for linear interpolation and like h^4 for a cubic spline as the gaps
(h) shrink, as long as the series is smooth at the scale of the gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_callable,
    check_choice,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.synthesis.gap_filling import (  # noqa: F401 (re-exported)
    METHODS,
    _check_mask,
    _check_series,
    fill_gaps,
    fill_series,
    min_points,
)


def random_gaps(n: int, gap_size: int, n_gaps: int, seed: int = 0) -> np.ndarray:
    """A (n,) bool mask of known samples with ``n_gaps`` runs of ``gap_size`` missing ones.

    Gaps never touch each other or the ends (so every gap is filled by interpolation), and the
    known stretches between them hold at least 4 points.
    """
    n = check_positive_int(n, "n", "samples in the series")
    gap_size = check_positive_int(gap_size, "gap_size")
    n_gaps = check_positive_int(n_gaps, "n_gaps")
    seed = check_seed(seed)
    slack = n - 4 - n_gaps * (gap_size + 4)
    if slack < 0:
        raise InputError(
            "n",
            n,
            f"at least {n - slack} samples: {n_gaps} gaps of {gap_size} do not fit in {n} samples "
            "with 4 known between",
        )
    rng = np.random.default_rng(seed)
    extra = np.sort(rng.integers(0, slack + 1, size=n_gaps))  # spread the spare room randomly
    known = np.ones(n, dtype=bool)
    for index, shift in enumerate(extra):
        start = 4 + index * (gap_size + 4) + shift
        known[start : start + gap_size] = False
    return known


def rmse(a: np.ndarray, b: np.ndarray) -> float:
    """Root mean squared difference of two equal-shaped arrays."""
    a = check_array(a, "a", kinds="biuf").astype(np.float64)
    b = check_array(b, "b", kinds="biuf").astype(np.float64)
    if a.shape != b.shape:
        raise InputError("b", b, f"an array of the shape of a, {a.shape} (rmse needs equal shapes)")
    return float(np.sqrt(np.mean((a - b) ** 2)))


def gap_error(t, y, known, method: str = "cubic", degree: int | None = 3) -> float:
    """RMSE of ``method`` on the removed samples of a series whose true values ``y`` are known."""
    filled = fill_series(t, y, known, method, degree)
    # the removed samples' true values are what the error is measured against
    check_array(y, "y", ndim=1, kinds="iuf", what="the true values, all of them")
    if np.all(_check_mask(known, "known")):
        raise InputError("known", known, "a mask with at least one False (a removed sample)")
    return rmse(filled[~known], np.asarray(y)[~np.asarray(known)])


def error_table(
    t: np.ndarray,
    y: np.ndarray,
    gap_sizes,
    methods=METHODS,
    n_gaps: int = 6,
    repeats: int = 10,
    degree: int = 3,
) -> dict[str, np.ndarray]:
    """RMSE of each method (keys) for each gap size (columns), over ``repeats`` random gap layouts.

    Each layout removes ``n_gaps`` runs of the given size (:func:`random_gaps`, seeds 0, 1, ...);
    the errors of the layouts are pooled (root of the mean squared RMSE).
    """
    methods = _check_methods(methods)
    gap_sizes = _check_sizes(gap_sizes, "gap_sizes")
    n_gaps = check_positive_int(n_gaps, "n_gaps")
    repeats = check_positive_int(repeats, "repeats", "random gap layouts to average")
    table = {}
    for method in methods:
        rows = [
            [
                gap_error(t, y, random_gaps(len(t), g, n_gaps, seed), method, degree)
                for g in gap_sizes
            ]
            for seed in range(repeats)
        ]
        table[method] = np.sqrt(np.mean(np.square(rows), axis=0))
    return table


def upsampling_errors(
    func, spacings, span: tuple[float, float] = (0, 240), methods=METHODS, degree: int = 3
) -> dict[str, np.ndarray]:
    """RMSE of each method when ``func`` is sampled every ``h`` and interpolated back to a grid of 1.

    Args:
        func: the true signal, called on arrays of times (e.g. :func:`temperature`).
        spacings: sample spacings h; each should divide the span.

    Returns:
        {method: (len(spacings),) RMSE against ``func`` on the unit grid}.
    """
    check_callable(func, "func", "a function of an array of times (e.g. ip.temperature)")
    start, stop = _check_span(span)
    spacings = [
        check_number(h, "spacings", low=0, low_open=True, what="every sample spacing")
        for h in _check_sequence(spacings, "spacings")
    ]
    methods = _check_methods(methods)
    fine = np.arange(start, stop + 1, 1.0)
    truth = _call_signal(func, fine)
    table = {}
    for method in methods:
        errors = []
        for h in spacings:
            coarse = np.arange(span[0], span[1] + h / 2, h)
            values = _call_signal(func, coarse)
            errors.append(rmse(fill_gaps(coarse, values, fine, method, degree), truth))
        table[method] = np.array(errors)
    return table


def convergence_order(gap_sizes, errors) -> float:
    """Slope of log(error) against log(gap size): the p in error ~ gap^p."""
    sizes = check_array(gap_sizes, "gap_sizes", ndim=1, kinds="iuf", low=0, min_size=2)
    errors = check_array(errors, "errors", ndim=1, kinds="iuf", low=0, min_size=2)
    if len(errors) != len(sizes):
        raise InputError("errors", errors, f"one error per gap size ({len(sizes)})")
    if np.any(sizes <= 0) or np.any(errors <= 0):
        name, values = ("gap_sizes", sizes) if np.any(sizes <= 0) else ("errors", errors)
        raise InputError(name, values, "positive numbers (their logarithms are fitted)")
    if np.unique(sizes).size < 2:
        raise InputError("gap_sizes", sizes, "at least two different sizes (a slope needs two)")
    slope, _ = np.polyfit(np.log(sizes.astype(float)), np.log(errors.astype(float)), 1)
    return float(slope)


def upsample(
    t: np.ndarray, y: np.ndarray, factor: int, method: str = "cubic", degree: int | None = 3
) -> tuple[np.ndarray, np.ndarray]:
    """A series ``factor`` times denser on the same span: (t_new, y_new) with (N - 1) * factor + 1 points."""
    factor = check_positive_int(factor, "factor")
    tk, yk = _check_series(t, y, "t", "y")
    t_new = np.linspace(tk[0], tk[-1], (len(tk) - 1) * factor + 1)
    return t_new, fill_gaps(tk, yk, t_new, method, degree)


def temperature(t: np.ndarray) -> np.ndarray:
    """A smooth made-up temperature (°C) at hours ``t``: daily cycle, 5-day weather swing, warming."""
    t = check_array(t, "t", kinds="iuf", min_size=0, what="hours").astype(np.float64)
    return 12 + 5 * np.sin(2 * np.pi * (t - 9) / 24) + 3 * np.sin(2 * np.pi * t / 120) + 0.01 * t


def demo_series(n: int = 240, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """:func:`temperature` sampled every hour for ``n`` hours.

    Returns:
        (t, y): (n,) hours 0, 1, ... and (n,) float64 temperatures, plus Gaussian ``noise`` (°C).
    """
    n = check_positive_int(n, "n", "hours")
    noise = check_number(noise, "noise", low=0, what="a standard deviation in °C")
    seed = check_seed(seed)
    t = np.arange(n, dtype=np.float64)
    y = temperature(t)
    if noise:
        y = y + np.random.default_rng(seed).normal(0, noise, n)
    return t, y


def _check_sequence(values, name: str) -> list:
    """A non-empty list/tuple/array (not a str, whose characters would be iterated)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InputError(name, values, "a non-empty list of values")
    values = list(values)
    if not values:
        raise InputError(name, values, "a non-empty list of values")
    return values


def _check_methods(methods) -> list[str]:
    if isinstance(methods, str):
        raise InputError(
            "methods", methods, f"a list of methods from {METHODS}, e.g. [{methods!r}]"
        )
    return [check_choice(m, "methods", METHODS) for m in _check_sequence(methods, "methods")]


def _check_sizes(sizes, name: str) -> list[int]:
    return [check_positive_int(g, name, "every gap size") for g in _check_sequence(sizes, name)]


def _check_span(span) -> tuple[float, float]:
    if isinstance(span, str) or not isinstance(span, Iterable) or len(list(span)) != 2:
        raise InputError("span", span, "two numbers (start, stop) with start < stop")
    start, stop = (check_number(v, "span") for v in span)
    if not start < stop:
        raise InputError("span", span, "two numbers (start, stop) with start < stop")
    return start, stop


def _call_signal(func: Callable, times: np.ndarray) -> np.ndarray:
    """``func(times)``, checked: one finite value per time."""
    values = np.asarray(func(times))
    if (
        values.shape != times.shape
        or values.dtype.kind not in "iuf"
        or not np.isfinite(values).all()
    ):
        raise InputError(
            "func",
            values,
            f"a function returning one finite number per time (shape {times.shape})",
        )
    return values

"""Filling gaps in a time series by interpolation (scipy): linear, local polynomial, cubic spline.

Interpolation makes new samples *between* known ones. The lesson removes points whose true
values we know, fills them with each method and measures the error against the truth: the
error shrinks like h^2 for linear interpolation and like h^4 for a cubic spline as the gaps
(h) shrink, as long as the series is smooth at the scale of the gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from scipy.interpolate import BarycentricInterpolator, CubicSpline, make_interp_spline

from datagen_lab.checks import (
    InputError,
    check_array,
    check_callable,
    check_choice,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)

METHODS = ("linear", "polynomial", "cubic")


def min_points(method: str, degree: int | None = 3) -> int:
    """Known points a method needs: 2 for linear, degree + 1 for polynomial, 4 for a cubic spline."""
    _check_method(method, degree)
    if method == "polynomial":
        return 2 if degree is None else degree + 1
    return {"linear": 2, "cubic": 4}[method]


def fill_gaps(
    t_known: np.ndarray,
    y_known: np.ndarray,
    t_query: np.ndarray,
    method: str = "cubic",
    degree: int | None = 3,
    extrapolate: bool = False,
) -> np.ndarray:
    """Values at ``t_query`` interpolated from the known samples.

    Args:
        t_known: (N,) strictly increasing times of the known samples; y_known: (N,) their values.
        t_query: (M,) times to fill.
        method: "linear" (straight lines between neighbours), "polynomial" (through the
            ``degree + 1`` known points around each query; ``degree=None`` fits one polynomial
            through all of them, which oscillates wildly for many points) or "cubic" (a cubic
            spline: piecewise cubics with continuous first and second derivatives).
        degree: polynomial degree for method "polynomial".
        extrapolate: allow queries outside [t_known[0], t_known[-1]] (guesses, not interpolation).

    Returns:
        (M,) float64 values.

    Raises:
        ValueError: unknown method, fewer known points than the method needs, times not strictly
            increasing, NaN values, mismatched lengths, or queries outside the known range.
    """
    tk, yk = _check_series(t_known, y_known, "t_known", "y_known")
    # an empty query is fine (fill_series of a series with no gaps asks for nothing); a NaN query
    # would slip past the range check below and come back as a NaN "fill"
    tq = np.atleast_1d(
        check_array(t_query, "t_query", kinds="iuf", min_size=0, what="times to fill")
    ).astype(np.float64)
    needed = min_points(method, degree)
    if len(tk) < needed:
        what = f"degree {degree}" if method == "polynomial" else f"{method!r}"
        raise InputError(
            "t_known",
            tk,
            f"the times of at least {needed} known points",
            f"Interpolation {what} needs at least {needed}.",
            got_text=f"{len(tk)}",
        )
    outside = (tq < tk[0]) | (tq > tk[-1])
    if outside.any() and not extrapolate:
        raise InputError(
            "t_query",
            tq,
            f"times within the known range [{tk[0]:g}, {tk[-1]:g}]",
            "Anything outside is extrapolation: keep the first and last samples, or pass "
            "extrapolate=True.",
            got_text=f"{int(outside.sum())} query times outside it",
        )
    if method == "linear":
        return make_interp_spline(tk, yk, k=1)(tq, extrapolate=True)
    if method == "cubic":
        return CubicSpline(tk, yk, bc_type="not-a-knot", extrapolate=True)(tq)
    if degree is None:
        return BarycentricInterpolator(tk, yk)(tq)
    return _local_polynomial(tk, yk, tq, degree)


def fill_series(
    t: np.ndarray, y: np.ndarray, known: np.ndarray, method: str = "cubic", degree: int | None = 3
) -> np.ndarray:
    """``y`` with the entries where ``known`` is False replaced by interpolated values.

    Args:
        t: (N,) times; y: (N,) values (the unknown ones may be NaN); known: (N,) bool mask.
    """
    t = check_array(t, "t", ndim=1, kinds="iuf", what="times").astype(np.float64)
    # y may be NaN where it is unknown (that is what gets filled), never where it is known
    y = check_array(y, "y", ndim=1, kinds="iuf", finite=False, what="values").astype(np.float64)
    known = _check_mask(known, "known")
    if not (t.shape == y.shape == known.shape):
        raise InputError(
            "known",
            known,
            f"1-D of one length with t and y ({len(t)})",
            got_text=f"t, y and known of shapes {t.shape}, {y.shape}, {known.shape}",
        )
    if not np.isfinite(y[known]).all():
        raise InputError(
            "y",
            y,
            "finite wherever known is True (NaN only marks the unknown values)",
            got_text=f"{int((~np.isfinite(y[known])).sum())} NaN/inf values at known positions",
        )
    if known.any() and not (known[0] and known[-1]):
        raise InputError(
            "known",
            known,
            "True at the first and last sample (a gap at an end would need extrapolation, not "
            "interpolation)",
            got_text=f"a mask with known[0]={bool(known[0])}, known[-1]={bool(known[-1])}",
        )
    filled = y.copy()
    filled[~known] = fill_gaps(t[known], y[known], t[~known], method, degree)
    return filled


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
    t: np.ndarray, y: np.ndarray, gap_sizes, methods=METHODS, n_gaps: int = 6, repeats: int = 10,
    degree: int = 3,
) -> dict[str, np.ndarray]:  # fmt: skip
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


def _local_polynomial(tk, yk, tq, degree: int) -> np.ndarray:
    """Each query from the polynomial through the ``degree + 1`` consecutive known points around it."""
    m = degree + 1
    start = np.clip(np.searchsorted(tk, tq) - m // 2, 0, len(tk) - m)
    out = np.empty_like(tq)
    for s in np.unique(start):
        chosen = start == s
        out[chosen] = BarycentricInterpolator(tk[s : s + m], yk[s : s + m])(tq[chosen])
    return out


def _check_method(method: str, degree) -> None:
    check_choice(method, "method", METHODS)
    if method == "polynomial" and degree is not None:
        check_int(degree, "degree", low=1, what="or None to fit all points")


def _check_series(t, y, t_name: str = "t", y_name: str = "y") -> tuple[np.ndarray, np.ndarray]:
    """Known times and values as float64, 1-D, of one length, finite, times strictly increasing."""
    t = check_array(t, t_name, ndim=1, kinds="iuf", min_size=0, finite=False, what="times")
    y = check_array(y, y_name, ndim=1, kinds="iuf", min_size=0, finite=False, what="values")
    t, y = t.astype(np.float64), y.astype(np.float64)
    if t.shape != y.shape:
        raise InputError(
            y_name,
            y,
            f"1-D of one length with {t_name} ({len(t)}): times and values must be 1-D of one length",
        )
    for name, values in ((t_name, t), (y_name, y)):
        if not np.isfinite(values).all():
            raise InputError(name, values, "finite (no NaN or inf): drop the missing samples first")
    if np.any(np.diff(t) <= 0):
        where = int(np.flatnonzero(np.diff(t) <= 0)[0])
        raise InputError(
            t_name,
            t,
            "strictly increasing (sort them and drop duplicates)",
            got_text=f"t[{where}] = {t[where]:g} followed by {t[where + 1]:g}",
        )
    return t, y


def _check_mask(known, name: str) -> np.ndarray:
    """A 1-D boolean mask; 0/1 integers are accepted, index lists and other numbers are not."""
    mask = check_array(known, name, ndim=1, kinds="biuf", what="True where the value is known")
    if mask.dtype.kind != "b":
        if not np.isin(mask, (0, 1)).all():
            raise InputError(
                name,
                mask,
                "a bool mask (True where known); to mark known indices use mask[indices] = True",
            )
        mask = mask.astype(bool)
    return mask


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

"""Filling gaps in a time series by interpolation (scipy): linear, local polynomial, cubic spline.

Interpolation makes new samples *between* known ones. The lesson removes points whose true
values we know, fills them with each method and measures the error against the truth: the
error shrinks like h^2 for linear interpolation and like h^4 for a cubic spline as the gaps
(h) shrink, as long as the series is smooth at the scale of the gaps.
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import BarycentricInterpolator, CubicSpline, make_interp_spline

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
    tk, yk = _check_series(t_known, y_known)
    tq = np.atleast_1d(np.asarray(t_query, dtype=np.float64))
    needed = min_points(method, degree)
    if len(tk) < needed:
        what = f"degree {degree}" if method == "polynomial" else f"{method!r}"
        raise ValueError(
            f"Interpolation {what} needs at least {needed} known points; got {len(tk)}."
        )
    outside = (tq < tk[0]) | (tq > tk[-1])
    if outside.any() and not extrapolate:
        raise ValueError(
            f"{int(outside.sum())} query times lie outside the known range [{tk[0]:g}, {tk[-1]:g}]: "
            "that is extrapolation. Keep the first and last samples, or pass extrapolate=True."
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
    t, known = np.asarray(t, dtype=np.float64), np.asarray(known, dtype=bool)
    y = np.asarray(y, dtype=np.float64)
    if not (t.shape == y.shape == known.shape) or t.ndim != 1:
        raise ValueError(
            f"t, y and known must be 1-D of one length; got {t.shape}, {y.shape}, {known.shape}."
        )
    filled = y.copy()
    filled[~known] = fill_gaps(t[known], y[known], t[~known], method, degree)
    return filled


def random_gaps(n: int, gap_size: int, n_gaps: int, seed: int = 0) -> np.ndarray:
    """A (n,) bool mask of known samples with ``n_gaps`` runs of ``gap_size`` missing ones.

    Gaps never touch each other or the ends (so every gap is filled by interpolation), and the
    known stretches between them hold at least 4 points.
    """
    if gap_size < 1 or n_gaps < 1:
        raise ValueError(f"gap_size and n_gaps must be >= 1; got {gap_size}, {n_gaps}.")
    slack = n - 4 - n_gaps * (gap_size + 4)
    if slack < 0:
        raise ValueError(
            f"{n_gaps} gaps of {gap_size} do not fit in {n} samples with 4 known between."
        )
    rng = np.random.default_rng(seed)
    extra = np.sort(rng.integers(0, slack + 1, size=n_gaps))  # spread the spare room randomly
    known = np.ones(n, dtype=bool)
    for index, shift in enumerate(extra):
        start = 4 + index * (gap_size + 4) + shift
        known[start : start + gap_size] = False
    return known


def periodic_gaps(n: int, gap_size: int, keep: int = 4) -> np.ndarray:
    """A (n,) bool mask: ``keep`` known samples, ``gap_size`` missing, repeated; both ends known."""
    if gap_size < 1 or keep < 1:
        raise ValueError(f"gap_size and keep must be >= 1; got {gap_size}, {keep}.")
    known = (np.arange(n) % (gap_size + keep)) < keep
    last_gap = np.flatnonzero(known)[-1] + 1
    known[last_gap:] = True  # a trailing gap would need extrapolation: keep it known
    return known


def rmse(a: np.ndarray, b: np.ndarray) -> float:
    """Root mean squared difference of two equal-shaped arrays."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"rmse needs equal shapes; got {a.shape} and {b.shape}.")
    return float(np.sqrt(np.mean((a - b) ** 2)))


def gap_error(t, y, known, method: str = "cubic", degree: int | None = 3) -> float:
    """RMSE of ``method`` on the removed samples of a series whose true values ``y`` are known."""
    filled = fill_series(t, y, known, method, degree)
    return rmse(filled[~known], np.asarray(y)[~np.asarray(known)])


def error_table(
    t: np.ndarray, y: np.ndarray, gap_sizes, methods=METHODS, n_gaps: int = 6, repeats: int = 10,
    degree: int = 3,
) -> dict[str, np.ndarray]:  # fmt: skip
    """RMSE of each method (keys) for each gap size (columns), over ``repeats`` random gap layouts.

    Each layout removes ``n_gaps`` runs of the given size (:func:`random_gaps`, seeds 0, 1, ...);
    the errors of the layouts are pooled (root of the mean squared RMSE).
    """
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
    fine = np.arange(span[0], span[1] + 1, 1.0)
    table = {}
    for method in methods:
        errors = []
        for h in spacings:
            coarse = np.arange(span[0], span[1] + h / 2, h)
            errors.append(rmse(fill_gaps(coarse, func(coarse), fine, method, degree), func(fine)))
        table[method] = np.array(errors)
    return table


def convergence_order(gap_sizes, errors) -> float:
    """Slope of log(error) against log(gap size): the p in error ~ gap^p."""
    slope, _ = np.polyfit(
        np.log(np.asarray(gap_sizes, float)), np.log(np.asarray(errors, float)), 1
    )
    return float(slope)


def upsample(
    t: np.ndarray, y: np.ndarray, factor: int, method: str = "cubic", degree: int | None = 3
) -> tuple[np.ndarray, np.ndarray]:
    """A series ``factor`` times denser on the same span: (t_new, y_new) with (N - 1) * factor + 1 points."""
    if int(factor) < 1:
        raise ValueError(f"factor must be a positive integer; got {factor}.")
    tk, yk = _check_series(t, y)
    t_new = np.linspace(tk[0], tk[-1], (len(tk) - 1) * int(factor) + 1)
    return t_new, fill_gaps(tk, yk, t_new, method, degree)


def temperature(t: np.ndarray) -> np.ndarray:
    """A smooth made-up temperature (°C) at hours ``t``: daily cycle, 5-day weather swing, warming."""
    t = np.asarray(t, dtype=np.float64)
    return 12 + 5 * np.sin(2 * np.pi * (t - 9) / 24) + 3 * np.sin(2 * np.pi * t / 120) + 0.01 * t


def demo_series(n: int = 240, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """:func:`temperature` sampled every hour for ``n`` hours.

    Returns:
        (t, y): (n,) hours 0, 1, ... and (n,) float64 temperatures, plus Gaussian ``noise`` (°C).
    """
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
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
    if method == "polynomial" and degree is not None and (int(degree) != degree or degree < 1):
        raise ValueError(
            f"degree must be a positive integer (or None for all points); got {degree!r}."
        )


def _check_series(t, y) -> tuple[np.ndarray, np.ndarray]:
    t, y = np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if t.ndim != 1 or t.shape != y.shape:
        raise ValueError(
            f"Times and values must be 1-D of one length; got shapes {t.shape} and {y.shape}."
        )
    if not (np.isfinite(t).all() and np.isfinite(y).all()):
        raise ValueError(
            "Known times and values must be finite (no NaN or inf): drop the missing ones first."
        )
    if np.any(np.diff(t) <= 0):
        raise ValueError("Known times must be strictly increasing (sort them and drop duplicates).")
    return t, y

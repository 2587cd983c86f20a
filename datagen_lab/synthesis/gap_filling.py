"""Filling gaps in a time series by interpolation (scipy): linear, local polynomial, cubic spline.

:func:`fill_gaps` evaluates a method at new times from the known samples; :func:`fill_series`
fills the unknown entries of a regularly sampled series. Re-exported by
:mod:`datagen_lab.synthesis.interpolate`, which measures the methods' errors.
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import BarycentricInterpolator, CubicSpline, make_interp_spline

from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
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

"""Instant feedback for the exercises at the end of each lesson.

A lesson module writes small checkers on top of :func:`feedback`; the notebook calls them and
the result renders as a green tick or a red hint (text in plain consoles and in nbval).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` and a message (what was right, or a hint)."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"{'✅ Correct' if self.ok else '❌ Not yet'}: {self.message}"

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.ok else "#cf222e"
        label = "✅ Correct" if self.ok else "❌ Not yet"
        return f'<div style="color:{colour}"><b>{label}</b>: {html.escape(self.message)}</div>'


def feedback(ok: bool, success: str, hint: str) -> Feedback:
    """``Feedback(ok, success if ok else hint)``."""
    return Feedback(bool(ok), success if ok else hint)


def check_close(answer: Any, expected: Any, success: str, hint: str, tol: float = 1e-6) -> Feedback:
    """Right when ``answer`` is numerically within ``tol`` of ``expected`` (scalars or arrays)."""
    try:
        ok = np.allclose(
            np.asarray(answer, dtype=float), np.asarray(expected, dtype=float), atol=tol, rtol=0
        )
    except (TypeError, ValueError):
        return Feedback(False, f"Expected a number or array, got {type(answer).__name__}. {hint}")
    return feedback(ok, success, hint)


def check_with(predicate: Callable[[Any], bool], answer: Any, success: str, hint: str) -> Feedback:
    """Right when ``predicate(answer)`` is true; an exception in the predicate counts as wrong."""
    try:
        ok = bool(predicate(answer))
    except Exception as error:  # the learner's answer may be of any type: report, never crash
        return Feedback(False, f"{hint} (checking raised {type(error).__name__}: {error})")
    return feedback(ok, success, hint)

"""Instant feedback for the exercises at the end of each lesson.

A lesson module writes small checkers on top of :func:`feedback` and the ``check_*`` helpers
(a close number or array, a predicate, a function, one number; each with an optional message for
an answer still left as ``None``); the notebook calls them and the result renders as a green tick
or a red hint (text in plain consoles and in nbval). What a learner reads goes through
:func:`datagen_lab.i18n.t` when it is shown (``DATAGEN_LAB_LANG=zh``: the labels and, where the
catalog has them, the messages in Chinese); ``Feedback.message`` itself stays as written.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import joined, t

CORRECT, NOT_YET = "✅ Correct", "❌ Not yet"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` and a message (what was right, or a hint)."""

    ok: bool
    message: str

    def __post_init__(self) -> None:
        if not isinstance(self.ok, bool | np.bool_):
            raise InputError("ok", self.ok, "True or False")
        if not isinstance(self.message, str):
            raise InputError("message", self.message, "a str")
        object.__setattr__(self, "ok", bool(self.ok))  # np.bool_ would print as np.True_

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"{t(CORRECT if self.ok else NOT_YET)}{t(': ')}{t(self.message)}"

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.ok else "#cf222e"
        label = t(CORRECT if self.ok else NOT_YET)
        message = html.escape(t(self.message))
        return f'<div style="color:{colour}"><b>{label}</b>{t(": ")}{message}</div>'


def feedback(ok: bool, success: str, hint: str) -> Feedback:
    """``Feedback(ok, success if ok else hint)``."""
    _check_messages(success=success, hint=hint)
    return Feedback(bool(ok), success if ok else hint)


def check_close(
    answer: Any,
    expected: Any,
    success: str,
    hint: str,
    tol: float = 1e-6,
    *,
    unanswered: str | None = None,
) -> Feedback:
    """Right when ``answer`` is numerically within ``tol`` of ``expected`` (scalars or arrays).

    A ``None`` answer (the exercise cell not filled in yet) gets ``unanswered`` when it is given.
    """
    _check_messages(success=success, hint=hint, unanswered=unanswered)
    checks.check_number(tol, "tol", low=0.0, what="the tolerance")
    if answer is None and unanswered is not None:
        return Feedback(False, unanswered)
    try:
        ok = np.allclose(
            np.asarray(answer, dtype=float), np.asarray(expected, dtype=float), atol=tol, rtol=0
        )
    except (TypeError, ValueError):
        got = t("Expected a number or array, got {kind}.", kind=type(answer).__name__)
        return Feedback(False, joined(got, t(hint)))
    return feedback(ok, success, hint)


def check_with(
    predicate: Callable[[Any], bool],
    answer: Any,
    success: str,
    hint: str,
    *,
    unanswered: str | None = None,
) -> Feedback:
    """Right when ``predicate(answer)`` is true; an exception in the predicate counts as wrong.

    A ``None`` answer gets ``unanswered`` when it is given.
    """
    checks.check_callable(predicate, "predicate")
    _check_messages(success=success, hint=hint, unanswered=unanswered)
    if answer is None and unanswered is not None:
        return Feedback(False, unanswered)
    try:
        ok = bool(predicate(answer))
    except Exception as error:  # the learner's answer may be of any type: report, never crash
        raised = t("checking raised {error}", error=f"{type(error).__name__}: {error}")
        return Feedback(False, f"{t(hint)} ({raised})")
    return feedback(ok, success, hint)


def check_function(
    function: Any,
    agrees: Callable[[Any], bool],
    probe: tuple,
    success: str,
    hint: str,
    *,
    returns_none: str,
) -> Feedback:
    """Right when ``agrees(function)``, for exercises whose answer is a function.

    Args:
        function: the learner's function (or anything else they assigned).
        agrees: True when the function matches the reference on the exercise's cases.
        probe: arguments for one call; a function that returns None for them (a forgotten
            ``return``) gets ``returns_none`` instead of the hint.
        success, hint: the messages for a right and a wrong function.
    """
    checks.check_callable(agrees, "agrees")
    if not isinstance(probe, tuple):
        raise InputError("probe", probe, "a tuple of arguments for one call")
    _check_messages(success=success, hint=hint, returns_none=returns_none)
    if _returns_none(function, *probe):
        return Feedback(False, returns_none)
    return check_with(agrees, function, success, hint)


def check_number(
    answer: Any,
    predicate: Callable[[float], bool],
    success: str | Callable[[float], str],
    hint: str,
    *,
    unanswered: str | None = None,
) -> Feedback:
    """Right when ``predicate(float(answer))`` is true, for answers that are one number.

    Args:
        answer: the learner's answer; anything ``float()`` accepts counts as a number.
        predicate: True for a right value.
        success: the message for a right answer, or a function of the value that writes it.
        hint: the message for a wrong number.
        unanswered: the message for a ``None`` answer (None: treat it as not a number).
    """
    checks.check_callable(predicate, "predicate")
    if not callable(success):
        _check_messages(success=success)
    _check_messages(hint=hint, unanswered=unanswered)
    if answer is None and unanswered is not None:
        return Feedback(False, unanswered)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, t("Expected a number, got {kind}.", kind=type(answer).__name__))
    message = success(value) if callable(success) else success
    return feedback(predicate(value), message, hint)


def _returns_none(function: Any, *args) -> bool:
    """Whether a callable ``function`` returns None for ``args`` (errors are the checker's to report)."""
    try:
        return callable(function) and function(*args) is None
    except Exception:  # the checker proper reports errors with a hint
        return False


def _check_messages(**messages: object) -> None:
    """Each message a str (None allowed for the optional ``unanswered``/``returns_none``)."""
    for name, message in messages.items():
        if message is None and name in ("unanswered",):
            continue
        if not isinstance(message, str):
            raise InputError(name, message, "a str")

"""Conclusions that the run checks: a lesson states what its own results show, or stops.

A sentence such as "the gain grows with more data" is only true of the numbers on screen if
something checks it against them. ``claim(statement, holds, evidence=...)`` goes in the code cell
right after the figure or table the conclusion rests on. When ``holds`` is true it prints the
statement with its evidence; when it is false it raises :class:`ClaimFailed`, so the cell errors,
``python3 course.py execute`` refuses to store the notebook, and nbval fails.

Fast mode (``DATAGEN_LAB_FAST=1``, what the tests run) shrinks data and training, and some
conclusions are only true at full size. Every claim says which kind it is:

- ``fast="check"`` (the default): the conclusion must hold in fast mode too. Use it for
  conclusions that do not depend on run length (a formula, a deterministic text operation, an
  exact count), so nbval compares the same printed line in both modes.
- ``fast="normal-run"``: in fast mode the claim is *not checked*; it prints that it was checked
  only on a normal run, with fast mode's evidence for the curious, and never raises. Its cell's
  output depends on run length, so the cell carries ``# NBVAL_IGNORE_OUTPUT``. The stored
  notebook (a normal run) still shows that it held, and ``tests/test_stored_claims.py`` checks that.

The printed lines are plain text that begins with :data:`HELD_MARK`, :data:`UNCHECKED_MARK`, so
tests and tools can find them in stored outputs. In Chinese (``DATAGEN_LAB_LANG=zh``, see
:mod:`datagen_lab.i18n`) the marks and the statement are printed through the catalog
(``t(HELD_MARK)`` is what a Chinese notebook's output begins with). Floats in the evidence are printed with four
significant digits (what nbval compares must not depend on the CPU's last bits).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_choice, check_text
from datagen_lab.config import fast_mode
from datagen_lab.i18n import joined, t

HELD_MARK = "✔ Claim held:"
UNCHECKED_MARK = "○ Claim not checked in fast mode (checked on a normal run):"
FAILED_MARK = "✘ Claim failed:"
FAST_POLICIES = ("check", "normal-run")
SIGNIFICANT_DIGITS = 4
FAILED_ADVICE = (
    "The lesson's text says this, but this run's results do not show it. Do not store "
    "this notebook: find out why (a changed default, new data, a bug), then fix the code "
    "or rewrite the sentence to say what the results show."
)


class ClaimFailed(AssertionError):
    """A lesson's stated conclusion is false for this run's results.

    An ``AssertionError`` so that it reads as a failed check, not as a bug in a helper. The
    message has the statement and the evidence; ``statement`` and ``evidence`` are kept for tools.
    """

    def __init__(self, statement: str, evidence_text: str) -> None:
        self.statement = statement
        self.evidence = evidence_text
        super().__init__(
            f"{joined(t(FAILED_MARK), t(statement))}\n    {joined(t('evidence:'), evidence_text)}\n"
            + t(FAILED_ADVICE)
        )


def claim(statement: str, holds: Any, *, evidence: Any = None, fast: str = "check") -> None:
    """State a conclusion about this run's results; print it with its evidence, or fail loudly.

    Args:
        statement: the conclusion in the words the lesson uses, e.g. "the gain grows with data"
            (printed through :func:`datagen_lab.i18n.t`: in Chinese, its catalog entry).
        holds: whether the results show it: a Python or NumPy bool (not an array: reduce it
            with ``.all()`` or ``.any()`` first, so the claim says which one it means).
        evidence: what the reader should look at: a number, a sequence of numbers, or a mapping
            from names to values (printed in order). Floats print with 4 significant digits.
        fast: "check" (also checked in fast mode) or "normal-run" (checked on a normal run only;
            fast mode reports without checking). See the module docstring.

    Returns None, so a claim at the end of a cell adds no ``True`` line below its output (and a
    trailing ``;``, which nbval's kernel does not honour, is never needed).

    Raises:
        ClaimFailed: when ``holds`` is false and the claim is checked in this mode.
        InputError: for a statement that is not text, a ``holds`` that is not a bool, or an
            unknown ``fast`` policy.
    """
    statement = check_text(statement, "statement")
    if not statement.strip():
        raise InputError("statement", statement, "the conclusion in words (a non-empty str)")
    fast = check_choice(fast, "fast", FAST_POLICIES)
    if not isinstance(holds, bool | np.bool_):
        raise InputError(
            "holds",
            holds,
            "a bool (True when the results show the statement)",
            "Compare first, e.g. gains[-1] > gains[0]; reduce arrays with .all() or .any().",
        )
    evidence_text = format_evidence(evidence)
    if fast == "normal-run" and fast_mode():
        evidence_line = joined(t("evidence in fast mode:"), evidence_text)
        print(f"{joined(t(UNCHECKED_MARK), t(statement))}\n    {evidence_line}")
        return
    if not bool(holds):
        raise ClaimFailed(statement, evidence_text)
    print(f"{joined(t(HELD_MARK), t(statement))}\n    {joined(t('evidence:'), evidence_text)}")


def format_evidence(evidence: Any) -> str:
    """Evidence as one deterministic line: floats to 4 significant digits, mappings as k = v.

    A mapping's keys are labels the reader sees, so they pass through :func:`t` (a Chinese
    notebook prints the catalog's translation of each label; English prints it unchanged).
    """
    if evidence is None:
        return t("(none given)")
    if isinstance(evidence, Mapping):
        return "; ".join(
            f"{_label(key)} = {_format_value(value)}" for key, value in evidence.items()
        )
    return _format_value(evidence)


def _label(key: object) -> str:
    return t(key) if isinstance(key, str) else str(key)


def _format_value(value: Any) -> str:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, Integral | np.integer):
        return str(int(value))
    if isinstance(value, Real | np.floating):
        number = float(value)
        text = f"{number:.{SIGNIFICANT_DIGITS}g}"
        return "0" if text == "-0" else text
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_format_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_format_value(item) for item in value) + "]"
    return str(value)

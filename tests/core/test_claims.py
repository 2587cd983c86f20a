"""claim(): prints a held conclusion with its evidence, refuses a false one, follows the fast policy."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.checks import InputError
from datagen_lab.claims import (
    FAILED_MARK,
    HELD_MARK,
    UNCHECKED_MARK,
    ClaimFailed,
    claim,
    format_evidence,
)


def test_a_held_claim_prints_statement_and_evidence(capsys, monkeypatch):
    monkeypatch.delenv("DATAGEN_LAB_FAST", raising=False)
    assert claim("the gain grows", np.bool_(True), evidence={"gains": [1.234567, 3.6]}) is None
    out = capsys.readouterr().out
    assert out == f"{HELD_MARK} the gain grows\n    evidence: gains = [1.235, 3.6]\n"


@pytest.mark.parametrize("fast", ["0", "1"])
def test_a_false_claim_fails_loudly_in_both_modes_by_default(fast, monkeypatch, capsys):
    monkeypatch.setenv("DATAGEN_LAB_FAST", fast)
    with pytest.raises(ClaimFailed) as caught:
        claim("the gain shrinks", False, evidence=[1.2, 3.6])
    message = str(caught.value)
    assert message.startswith(f"{FAILED_MARK} the gain shrinks") and "[1.2, 3.6]" in message
    assert isinstance(caught.value, AssertionError)
    assert capsys.readouterr().out == ""  # nothing that looks like a held claim


def test_normal_run_claims_are_reported_not_checked_in_fast_mode(monkeypatch, capsys):
    monkeypatch.setenv("DATAGEN_LAB_FAST", "1")
    claim("the default beats the reference", False, evidence=0.5, fast="normal-run")
    out = capsys.readouterr().out
    assert out.startswith(UNCHECKED_MARK) and HELD_MARK not in out and "0.5" in out


def test_normal_run_claims_are_checked_in_a_normal_run(monkeypatch):
    monkeypatch.delenv("DATAGEN_LAB_FAST", raising=False)
    with pytest.raises(ClaimFailed):
        claim("the default beats the reference", False, fast="normal-run")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"statement": "x", "holds": np.array([True, False])}, "holds"),
        ({"statement": "x", "holds": 1}, "holds"),
        ({"statement": "x", "holds": None}, "holds"),
        ({"statement": "x", "holds": "yes"}, "holds"),
        ({"statement": "", "holds": True}, "statement"),
        ({"statement": "  ", "holds": True}, "statement"),
        ({"statement": 3, "holds": True}, "statement"),
        ({"statement": "x", "holds": True, "fast": "sometimes"}, "fast"),
    ],
)
def test_bad_arguments_get_a_clear_error(kwargs, argument):
    with pytest.raises(InputError) as caught:
        claim(**kwargs)
    assert caught.value.name == argument


@pytest.mark.parametrize(
    ("evidence", "text"),
    [
        (None, "(none given)"),
        (2 / 3, "0.6667"),
        (np.float32(0.1), "0.1"),
        (-0.0, "0"),
        (np.int64(7), "7"),
        (np.array([0.5, 1e-7]), "[0.5, 1e-07]"),
        ({"linear": 2.7412, "cubic": 0.72}, "linear = 2.741; cubic = 0.72"),
        ("β = 4", "β = 4"),
        ((True, np.bool_(False)), "[True, False]"),
    ],
)
def test_evidence_is_formatted_deterministically(evidence, text):
    assert format_evidence(evidence) == text

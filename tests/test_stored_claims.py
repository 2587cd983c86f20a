"""The stored lessons' conclusions held in the run that made them, and the prose leans on claims.

`datagen_lab.claims.claim` prints a marked line when a conclusion holds and raises when it does
not. These tests read the stored notebooks (a normal run, what learners see on GitHub):

- every `claim(...)` call left a "held" line, none failed, and none was skipped as in fast mode
  (which would mean the stored outputs came from a fast run);
- a lesson whose prose draws conclusions has claims;
- a markdown cell that reads the output just above it with a comparison or a trend ("higher",
  "grows", "best", ...) sits next to a claim (in the code cell before or after it), or says in a
  `<!-- no claim: reason -->` comment why none is needed (a definition, general knowledge);
- a decimal number or percentage in a lesson's prose appears in that lesson's stored outputs,
  unless the cell names its source in a `<!-- numbers from: ... -->` comment (a command that
  reproduces a measurement made outside the lesson, a paper, a constant).

The comparison words and the number pattern are a net, not a proof: they flag cells for a person
to read, which is the point.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from datagen_lab.claims import FAILED_MARK, HELD_MARK, UNCHECKED_MARK

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = [path for path in NOTEBOOKS if not path.name.startswith("00_")]

CLAIM_CALL = re.compile(r"^[^#\n]*\bclaim\(", re.MULTILINE)
COMPARISON = re.compile(
    r"\b(better|worse|higher|lower|grows?|grew|shrinks?|rises?|falls?|best|worst|peaks?|beats?"
    r"|faster|slower|improves?|hurts?|helps?|outperforms?|more than|less than|no better"
    r"|at most|at least|almost|about)\b",
    re.IGNORECASE,
)
NO_CLAIM_NOTE = re.compile(r"<!--\s*no claim:\s*\S.*?-->", re.DOTALL)
NUMBERS_NOTE = re.compile(r"<!--\s*numbers from:\s*\S.*?-->", re.DOTALL)
# Decimals with two or more places (0.72, 12.73) and percentages (53%, 8.6 %), outside LaTeX.
PROSE_NUMBER = re.compile(r"(?<![\w.])(\d+\.\d{2,}|\d+(?:\.\d+)?\s?%)")
LATEX = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.DOTALL)
# The run-time line that tools/sync_budget.py writes from bench/budget.json (tests/test_budget.py).
RUN_TIME_LINE = re.compile(r"<!-- run time: [^\n]*-->\n[^\n]*")


def cells_of(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def printed(cell: dict) -> str:
    texts = []
    for output in cell.get("outputs", []):
        texts.append("".join(output.get("text", "")))
        texts.append("".join(output.get("data", {}).get("text/plain", "")))
        texts.append("".join(output.get("evalue", "")))
    return "\n".join(texts)


def has_claim(cell: dict | None) -> bool:
    return (
        cell is not None and cell["cell_type"] == "code" and bool(CLAIM_CALL.search(source(cell)))
    )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_stored_claim_held(path):
    calls = 0
    for index, cell in enumerate(cells_of(path)):
        if not has_claim(cell):
            continue
        calls += len(CLAIM_CALL.findall(source(cell)))
        text = printed(cell)
        where = f"{path.name} cell {index}"
        assert FAILED_MARK not in text, f"{where}: a claim failed in the stored run"
        assert UNCHECKED_MARK not in text, (
            f"{where}: the stored output says fast mode; store a normal run (course.py execute)"
        )
        assert text.count(HELD_MARK) >= len(CLAIM_CALL.findall(source(cell))), (
            f"{where}: {len(CLAIM_CALL.findall(source(cell)))} claim call(s) but "
            f"{text.count(HELD_MARK)} '{HELD_MARK}' line(s) stored"
        )
    assert calls, f"{path.name} draws conclusions from its run but states no claim"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_prose_that_reads_a_result_sits_next_to_a_claim(path):
    cells = cells_of(path)
    unchecked = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown" or index == 0:
            continue
        before = cells[index - 1]
        after = cells[index + 1] if index + 1 < len(cells) else None
        reads_output = before["cell_type"] == "code" and before.get("outputs")
        text = LATEX.sub("", source(cell))
        if not reads_output or not COMPARISON.search(text) or NO_CLAIM_NOTE.search(text):
            continue
        if not (has_claim(before) or has_claim(after)):
            unchecked.append(f"cell {index}: {COMPARISON.search(text).group(0)!r} in {text[:80]!r}")
    assert not unchecked, (
        f"{path.name}: prose compares results with no claim beside it (add a claim, rewrite, or "
        "add <!-- no claim: reason -->):\n" + "\n".join(unchecked)
    )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_numbers_in_the_prose_come_from_the_run(path):
    cells = cells_of(path)
    outputs = "\n".join(printed(cell) for cell in cells if cell["cell_type"] == "code")
    typed = []
    for index, cell in enumerate(cells):
        text = source(cell)
        if cell["cell_type"] != "markdown" or NUMBERS_NOTE.search(text):
            continue
        for number in PROSE_NUMBER.findall(LATEX.sub("", RUN_TIME_LINE.sub("", text))):
            digits = number.rstrip("% ").strip()
            if digits not in outputs:
                typed.append(f"cell {index}: {number}")
    assert not typed, (
        f"{path.name}: numbers in the prose that no stored output shows (print them from the run, "
        "or name their source in <!-- numbers from: ... -->):\n" + "\n".join(typed)
    )


def test_the_stored_claims_test_can_fail(tmp_path):
    """Edit one stored claim's output to the failed form: the check above must catch it."""
    lesson = next(path for path in LESSONS if any(has_claim(c) for c in cells_of(path)))
    notebook = json.loads(lesson.read_text())
    cell = next(c for c in notebook["cells"] if has_claim(c))
    for output in cell["outputs"]:
        if "text" in output:
            output["text"] = "".join(output["text"]).replace(HELD_MARK, FAILED_MARK)
    edited = tmp_path / lesson.name
    edited.write_text(json.dumps(notebook))
    with pytest.raises(AssertionError, match="a claim failed"):
        test_every_stored_claim_held(edited)

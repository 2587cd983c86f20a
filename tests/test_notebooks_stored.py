"""Stored notebooks are what learners see on GitHub: executed, error-free, in the course's shape."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def code_cells(path):
    cells = json.loads(path.read_text())["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_course_has_its_start_notebook():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_executed_without_error(path):
    for index, cell in enumerate(code_cells(path)):
        assert cell.get("execution_count") is not None, (
            f"{path.name}: code cell {index} never executed"
        )
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, (
            f"{path.name}: code cell {index} stored an error: {errors[0].get('ename')}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_execution_counts_come_from_one_top_to_bottom_run(path):
    counts = [cell["execution_count"] for cell in code_cells(path)]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_shape(path):
    cells = json.loads(path.read_text())["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    sources = ["".join(c["source"]) for c in code_cells(path)]
    assert any("fast_mode()" in s and "set_seed(" in s for s in sources[:4]), (
        "parameters cell near the top"
    )
    for index, cell in enumerate(cells[1:], start=1):
        if cell["cell_type"] == "code" and cells[index - 1]["cell_type"] == "code":
            # two code cells in a row are fine when they continue one step; a run of three is not
            assert index < 2 or cells[index - 2]["cell_type"] == "markdown", (
                f"{path.name}: three code cells in a row at cell {index}; teach in markdown between them"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stderr_noise_stored(path):
    for cell in code_cells(path):
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr":
                text = "".join(output.get("text", ""))
                assert "absl::InitializeLog" not in text and "cuda" not in text.lower(), text[:200]

"""Writes each lesson's run time and memory peak, from bench/budget.json, wherever the course says them.

One file holds the measurements (``bench/notebook_budget.py --record`` writes it); this tool copies
them into the three places a learner reads them, so they can never disagree:

- the README's table of notebooks (the last two columns);
- lesson 0's course map (the "normal run" and "memory peak" columns);
- each lesson's introduction: the line after the marker ``<!-- run time: ... -->``;

and the same two notebook places in the Chinese edition (``notebooks/zh/``, built by
``tools/build_zh.py``), with the Chinese sentence :func:`intro_line_zh`. The translation files hash
the English cells with this line masked (``tools/build_zh.py``), so a new measurement does not make
a translation stale.

    python3 tools/sync_budget.py           # rewrite those places
    python3 tools/sync_budget.py --check   # list what disagrees; exit 1 if anything does

Only the standard library is used (it runs before any environment exists). tests/test_budget.py
runs the check.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = ROOT / "bench" / "budget.json"
README = ROOT / "README.md"
NOTEBOOKS = ROOT / "notebooks"
START = "00_start_here.ipynb"
MARKER = "<!-- run time: written by tools/sync_budget.py from bench/budget.json -->"


def load_budget(path: Path = BUDGET) -> dict[str, dict[str, float]]:
    """Notebook file name -> {"minutes_1cpu": float, "peak_gb": float}."""
    return json.loads(path.read_text(encoding="utf-8"))["notebooks"]


def minutes_text(minutes: float) -> str:
    """Minutes as the course prints them: one decimal ("6.3")."""
    return f"{minutes:.1f}"


def memory_text(gigabytes: float) -> str:
    """A memory peak in GB: one decimal from 1 GB ("1.0", "1.4"), else two digits ("0.25")."""
    return f"{gigabytes:.1f}" if gigabytes >= 1 else f"{gigabytes:.2g}"


def intro_line(entry: dict[str, float]) -> str:
    """The sentence in a lesson's introduction, after MARKER."""
    return (
        f"**Run time:** a normal run of this notebook takes {minutes_text(entry['minutes_1cpu'])} "
        f"minutes on one CPU (as on Binder; two cores are faster) and peaks at "
        f"{memory_text(entry['peak_gb'])} GB of memory; fast mode (`DATAGEN_LAB_FAST=1`) is a "
        "quick check that everything runs."
    )


def intro_line_zh(entry: dict[str, float]) -> str:
    """The Chinese edition's sentence after MARKER (same numbers as :func:`intro_line`)."""
    return (
        f"**运行时间：**在单个 CPU 上（与 Binder 相同；双核会更快）完整运行本笔记本约需 "
        f"{minutes_text(entry['minutes_1cpu'])} 分钟，内存峰值 {memory_text(entry['peak_gb'])} GB；"
        "快速模式（`DATAGEN_LAB_FAST=1`）用来快速检查一切都能运行。"
    )


def synced_readme(text: str, budget: dict[str, dict[str, float]]) -> str:
    """README text with each notebook row's last two cells (minutes, GB) from the budget."""
    return _sync_rows(text, budget, lambda name: f"](notebooks/{name})", last_two=True)


def synced_map(text: str, budget: dict[str, dict[str, float]]) -> str:
    """Lesson 0's map (a markdown table) with the run-time and memory columns from the budget."""
    return _sync_rows(text, budget, lambda name: f"| `{name.removesuffix('.ipynb')}` |")


def synced_intro(text: str, entry: dict[str, float], line=intro_line) -> str:
    """A lesson's first cell with the line after MARKER rewritten (the marker must be there).

    ``line`` writes the sentence (:func:`intro_line_zh` for the Chinese edition)."""
    pattern = re.compile(re.escape(MARKER) + r"\n[^\n]*")
    return pattern.sub(lambda _: f"{MARKER}\n{line(entry)}", text, count=1)


def problems(root: Path = ROOT) -> list[str]:
    """Every place that disagrees with bench/budget.json (empty when all agree)."""
    return _sync(root, write=False)


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__)
        return 2
    found = _sync(ROOT, write=not argv)
    for problem in found:
        print(problem)
    return 1 if argv and found else 0


def _sync(root: Path, write: bool) -> list[str]:
    budget = load_budget(root / "bench" / "budget.json")
    found = []
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if synced_readme(text, budget) != text:
        found.append(
            "README.md: the notebook table's minutes or memory differ from bench/budget.json"
        )
        if write:
            readme.write_text(synced_readme(text, budget), encoding="utf-8")
    for name, entry in budget.items():
        if not (root / "notebooks" / name).exists():
            found.append(f"bench/budget.json names {name}, which is not in notebooks/")
            continue
        for folder, line in (("notebooks", intro_line), ("notebooks/zh", intro_line_zh)):
            found += _sync_notebook(
                root / folder / name, f"{folder}/{name}", entry, budget, line, write
            )
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if path.name not in budget:
            found.append(f"notebooks/{path.name} has no entry in bench/budget.json")
    return found


def _sync_notebook(path: Path, where: str, entry, budget, line, write: bool) -> list[str]:
    """Problems of one notebook's intro line (and lesson 0's map); an absent Chinese one is fine."""
    if not path.exists():
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    first = notebook["cells"][0]
    if MARKER not in "".join(first["source"]):
        return [f"{where}: the first cell has no run-time marker ({MARKER})"]
    edits = [(first, lambda text: synced_intro(text, entry, line))]
    if path.name == START:  # the map: the cell with the start notebook's row (in both languages)
        row = f"| `{START.removesuffix('.ipynb')}` |"
        the_map = next(c for c in notebook["cells"] if row in "".join(c["source"]))
        edits.append((the_map, lambda text: synced_map(text, budget)))
    changed = False
    for cell, sync in edits:
        text = "".join(cell["source"])
        if sync(text) != text:
            changed = True
            cell["source"] = sync(text).splitlines(keepends=True)
    if not changed:
        return []
    if write:
        path.write_text(_notebook_json(notebook), encoding="utf-8")
    return [f"{where}: the run time or memory differs from bench/budget.json"]


def _sync_rows(text: str, budget: dict[str, dict[str, float]], key, last_two: bool = False) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for name, entry in budget.items():
            if key(name) not in line:
                continue
            cells = line.split(" | ")
            # README: | # | notebook | learn | minutes | GB |; map: ... | minutes | GB | helpers |
            at = len(cells) - 2 if last_two else len(cells) - 3
            cells[at] = minutes_text(entry["minutes_1cpu"])
            cells[at + 1] = memory_text(entry["peak_gb"]) + (" |" if last_two else "")
            lines[index] = " | ".join(cells)
    return "\n".join(lines)


def _notebook_json(notebook: dict) -> str:
    # The layout nbformat writes (indent 1, sorted keys, UTF-8), so a sync changes only the line.
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

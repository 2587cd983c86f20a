"""List the English prose left in the Chinese notebooks' stored outputs (a translator's to-do).

Prints, per notebook under ``notebooks/zh``, each output line with three or more English words in
a row, with its cell index. Code echoed by a helper (generated imgaug code), English example
sentences (lesson 2's data) and library output (Keras summaries) are expected there; everything
a helper says to the learner should not be. Usage::

    python tools/english_in_zh_outputs.py [notebooks/zh/NN_*.ipynb ...]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z']+(?:[ ,:;-]+[A-Za-z][A-Za-z']+){2,}")


def english_lines(notebook: Path) -> list[tuple[int, str]]:
    """(cell index, line) for each stored text output line with three English words in a row."""
    found = []
    for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        # A stream may be stored in several chunks that split a line: read each stream whole.
        streams: dict[str, str] = {}
        texts = []
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                streams[output["name"]] = streams.get(output["name"], "") + "".join(output["text"])
            elif output["output_type"] == "error":
                texts.append(f"{output['ename']}: {output['evalue']}")
            else:
                texts.append("".join(output.get("data", {}).get("text/plain", "")))
        for text in [*streams.values(), *texts]:
            found += [(index, line) for line in text.splitlines() if ENGLISH_RUN.search(line)]
    return found


def main(paths: list[str]) -> int:
    notebooks = [Path(p) for p in paths] or sorted((ROOT / "notebooks" / "zh").glob("*.ipynb"))
    for notebook in notebooks:
        lines = english_lines(notebook)
        print(f"== {notebook.name}: {len(lines)} lines")
        for index, line in lines:
            print(f"  cell {index:>3}: {line[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Builds the Chinese edition, notebooks/zh/NN_x.ipynb, from each English lesson and its translation.

A translation file ``translations/zh/NN_x.json`` holds, for every markdown cell of the English
notebook (keyed by cell id), the Chinese text and ``en_sha1``, the SHA-1 of the English text it
translates (UTF-8, the cell's source lines joined with ""), as d2l-zh ties its translations to
their English origin. The built notebook has:

- the English code cells, source identical, except the parameters cell (the code cell with
  ``FAST = fast_mode()`` and ``set_seed(``), which starts with :data:`LANGUAGE_LINES`;
- each markdown cell replaced by its Chinese text, with the run-time line after the marker written
  from bench/budget.json in Chinese (``tools/sync_budget.py`` keeps it in step) and relative links
  fixed for the subfolder (a lesson that has a Chinese edition is linked in Chinese, anything
  else gets ``../``);
- the outputs of the previous build, for code cells whose id and source did not change (so a
  translation fix needs no re-run); run ``python3 course.py execute notebooks/zh/NN_x.ipynb``
  for fresh ones.

The English run-time line and lesson 0's map columns are masked before hashing
(:func:`english_sha1`), so a new measurement does not make a translation stale; a hash of the
unmasked text is accepted while the English text is unchanged.

    python3 tools/build_zh.py            # build every lesson that has a translation file
    python3 tools/build_zh.py 00 03      # build these
    python3 tools/build_zh.py --check    # list what is missing, stale or out of date; exit 1 if any
    python3 tools/build_zh.py --stub 02  # add empty entries for English cells without one

Building refuses (nothing written) when an entry is missing, empty or stale. Only the standard
library is used; tests/test_zh_edition.py runs the check.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sync_budget  # noqa: E402 (the tool beside this one)

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = Path("translations") / "zh"
EDITION = Path("notebooks") / "zh"
LANGUAGE_LINES = (  # ruff's import sorting wants the blank line
    "from datagen_lab.i18n import set_language\n",
    "\n",
    'set_language("zh")  # 中文版：助手的提示、结论和图中文字都用中文\n',
)
_LINK = re.compile(r"(\]\(|(?:src|href)=[\"'])([^)\"'\s]+)")
_ZERO = {"minutes_1cpu": 0.0, "peak_gb": 0.0}


class TranslationError(ValueError):
    """A translation file cannot be built: the message lists every missing or stale cell."""


def english_sha1(source: str) -> str:
    """SHA-1 of an English markdown cell with the lines sync_budget writes masked (hex)."""
    return hashlib.sha1(masked(source).encode("utf-8")).hexdigest()


def masked(source: str) -> str:
    """``source`` with the run-time line after the marker and lesson 0's map columns zeroed."""
    text = sync_budget.synced_intro(source, _ZERO)
    names = sync_budget.load_budget(ROOT / "bench" / "budget.json")
    return sync_budget.synced_map(text, dict.fromkeys(names, _ZERO))


def is_current(entry: dict, source: str) -> bool:
    """Whether a translation entry was made from this English text (masked or exact hash)."""
    raw = hashlib.sha1(source.encode("utf-8")).hexdigest()
    return entry.get("en_sha1") in (english_sha1(source), raw)


def problems_of(translation: dict, english: dict) -> list[str]:
    """Missing, empty and stale entries (by cell id), and entries for cells that are gone."""
    entries = translation.get("cells", {})
    found = []
    markdown = {c["id"]: _source(c) for c in english["cells"] if c["cell_type"] == "markdown"}
    for cell_id, source in markdown.items():
        entry = entries.get(cell_id)
        if entry is None:
            found.append(f"cell {cell_id}: no translation")
        elif not str(entry.get("zh", "")).strip():
            found.append(f"cell {cell_id}: empty translation")
        elif not is_current(entry, source):
            found.append(
                f"cell {cell_id}: stale (the English text changed since it was translated)"
            )
    found += [
        f"cell {cell_id}: no such English markdown cell"
        for cell_id in entries.keys() - markdown.keys()
    ]
    return found


def build(stem: str, root: Path = ROOT) -> dict:
    """The Chinese notebook of lesson ``stem`` (e.g. "00_start_here") as a dict, not written.

    Raises:
        TranslationError: missing, empty or stale entries, or no parameters cell.
    """
    translation, english = _load(stem, root)
    found = problems_of(translation, english)
    if found:
        raise TranslationError(f"{TRANSLATIONS / stem}.json: " + "; ".join(found))
    budget = sync_budget.load_budget(root / "bench" / "budget.json")
    entry = budget.get(f"{stem}.ipynb")
    translated = {p.stem for p in (root / TRANSLATIONS).glob("[0-9][0-9]_*.json")}
    previous = _previous_outputs(root / EDITION / f"{stem}.ipynb")
    parameters = parameters_cell(english)
    cells = []
    for cell in english["cells"]:
        cell = json.loads(json.dumps(cell))  # a copy
        if cell["cell_type"] == "markdown":
            text = translation["cells"][cell["id"]]["zh"]
            if entry is not None and sync_budget.MARKER in text:
                text = sync_budget.synced_intro(text, entry, sync_budget.intro_line_zh)
            cell["source"] = _lines(fix_links(text, translated))
        elif cell["cell_type"] == "code":
            outputs, count = previous.get((cell["id"], _source(cell)), ([], None))
            if cell["id"] == parameters["id"]:
                cell["source"] = [*LANGUAGE_LINES, *_lines(_source(cell))]
            cell["outputs"], cell["execution_count"] = outputs, count
        cells.append(cell)
    if stem == sync_budget.START.removesuffix(".ipynb") and budget:
        row = f"| `{stem}` |"
        for cell in cells:
            if cell["cell_type"] == "markdown" and row in _source(cell):
                cell["source"] = _lines(sync_budget.synced_map(_source(cell), budget))
    return dict(english, cells=cells)


def parameters_cell(notebook: dict) -> dict:
    """The lesson's parameters cell: the first code cell with ``FAST = fast_mode()`` and ``set_seed(``."""
    for cell in notebook["cells"]:
        source = _source(cell)
        if cell["cell_type"] == "code" and "FAST = fast_mode()" in source and "set_seed(" in source:
            return cell
    raise TranslationError(
        "the English notebook has no parameters cell (FAST = fast_mode(), set_seed)"
    )


def fix_links(text: str, translated: set[str]) -> str:
    """Relative links for a notebook one folder down: a translated lesson stays a sibling, else ../."""

    def fixed(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/|\.\./)", target, re.IGNORECASE):
            return match.group(0)  # absolute, an anchor, or already fixed
        name = target.split("#")[0]
        if name.endswith(".ipynb") and Path(name).stem in translated and "/" not in name:
            return match.group(0)
        return f"{match.group(1)}../{target}"

    return _LINK.sub(fixed, text)


def code_differences(built: dict, english: dict) -> list[str]:
    """How a built Chinese notebook's code departs from its English origin (empty: none).

    The parameters cell may differ only by :data:`LANGUAGE_LINES` at its start."""
    found = []
    zh_cells = [c for c in built["cells"] if c["cell_type"] == "code"]
    en_cells = [c for c in english["cells"] if c["cell_type"] == "code"]
    if [c["id"] for c in zh_cells] != [c["id"] for c in en_cells]:
        return ["the code cells are not the English ones (ids or order differ)"]
    parameters = parameters_cell(english)["id"]
    for zh, en in zip(zh_cells, en_cells, strict=True):
        expected = "".join(LANGUAGE_LINES) * (en["id"] == parameters) + _source(en)
        if _source(zh) != expected:
            found.append(f"code cell {en['id']} differs from the English one")
    return found


def check(root: Path = ROOT) -> list[str]:
    """Every problem of the Chinese edition: stale or missing entries, out-of-date notebooks.

    A translation whose notebook is not built yet is not one (see :func:`unbuilt`): its entries
    are still checked."""
    found = []
    stems = sorted(p.stem for p in (root / TRANSLATIONS).glob("[0-9][0-9]_*.json"))
    for path in sorted((root / EDITION).glob("*.ipynb")):
        if path.stem not in stems:
            found.append(
                f"{EDITION / path.name}: no translation file {TRANSLATIONS / path.stem}.json"
            )
    for stem in stems:
        try:
            wanted = build(stem, root)
        except TranslationError as error:
            found.append(str(error))
            continue
        path = root / EDITION / f"{stem}.ipynb"
        if not path.exists():
            continue  # translated, not built yet: see unbuilt()
        built = json.loads(path.read_text(encoding="utf-8"))
        found += [
            f"{EDITION / path.name}: {p}" for p in code_differences(built, _load(stem, root)[1])
        ]
        if _sources(built) != _sources(wanted):
            found.append(
                f"{EDITION / path.name}: out of date with its translation (run python3 tools/build_zh.py {stem[:2]})"
            )
    return found


def unbuilt(root: Path = ROOT) -> list[str]:
    """Lessons with a translation file but no notebook in notebooks/zh/ yet (not a problem)."""
    stems = sorted(p.stem for p in (root / TRANSLATIONS).glob("[0-9][0-9]_*.json"))
    return [stem for stem in stems if not (root / EDITION / f"{stem}.ipynb").exists()]


def stub(number: str, root: Path = ROOT) -> Path:
    """Add an entry with empty ``zh`` for each English markdown cell that has none; return the file.

    Existing translations are kept as they are; an entry whose hash is the unmasked one of the
    current text gets the masked hash (same text, same translation). Stale entries are printed
    with their English text now, for the translator, and left stale."""
    english_path = _english_path(number, root)
    path = root / TRANSLATIONS / f"{english_path.stem}.json"
    translation = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists()
        else {"english": str(english_path.relative_to(root)), "cells": {}}
    )  # fmt: skip
    english = json.loads(english_path.read_text(encoding="utf-8"))
    entries = translation["cells"]
    for cell in english["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = _source(cell)
        entry = entries.setdefault(cell["id"], {"en_sha1": english_sha1(source), "zh": ""})
        if is_current(entry, source):
            entry["en_sha1"] = english_sha1(source)
        else:
            print(f"stale: cell {cell['id']}; its English text now:\n{source}\n")
    order = [c["id"] for c in english["cells"] if c["id"] in entries]
    translation["cells"] = {
        key: entries[key] for key in [*order, *sorted(entries.keys() - set(order))]
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(translation, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"] and len(argv) == 1:
        found = check(ROOT)
        print("\n".join(found) or "The Chinese edition is up to date with its translations.")
        for stem in unbuilt(ROOT):
            print(f"(translated, not built yet: {stem}; python3 tools/build_zh.py {stem[:2]})")
        return 1 if found else 0
    if argv[:1] == ["--stub"] and len(argv) == 2:
        print(f"wrote {stub(argv[1], ROOT).relative_to(ROOT)}")
        return 0
    if any(arg.startswith("-") for arg in argv):
        print(__doc__)
        return 2
    stems = [_english_path(n, ROOT).stem for n in argv] or sorted(
        p.stem for p in (ROOT / TRANSLATIONS).glob("[0-9][0-9]_*.json")
    )
    try:
        built = {
            stem: build(stem, ROOT) for stem in stems
        }  # all checked before anything is written
    except TranslationError as error:
        print(f"Nothing written: {error}")
        return 1
    for stem, notebook in built.items():
        path = ROOT / EDITION / f"{stem}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sync_budget._notebook_json(notebook), encoding="utf-8")
        print(f"built {path.relative_to(ROOT)}")
    return 0


def _load(stem: str, root: Path) -> tuple[dict, dict]:
    translation = json.loads((root / TRANSLATIONS / f"{stem}.json").read_text(encoding="utf-8"))
    english = json.loads((root / translation["english"]).read_text(encoding="utf-8"))
    return translation, english


def _english_path(number: str, root: Path = ROOT) -> Path:
    found = sorted((root / "notebooks").glob(f"{number}_*.ipynb"))
    if len(found) != 1:
        raise SystemExit(f"No single English lesson numbered {number!r} in notebooks/.")
    return found[0]


def _previous_outputs(path: Path) -> dict[tuple[str, str], tuple[list, int | None]]:
    if not path.exists():
        return {}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {
        (c["id"], _source(c).removeprefix("".join(LANGUAGE_LINES))): (
            c.get("outputs", []),
            c.get("execution_count"),
        )
        for c in cells
        if c["cell_type"] == "code"
    }


def _sources(notebook: dict) -> list[tuple[str, str, str]]:
    return [(c["id"], c["cell_type"], _source(c)) for c in notebook["cells"]]


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

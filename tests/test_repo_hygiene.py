"""What must never be committed: data copies, large files, notebook execution noise."""

import json
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
MAX_BYTES = 2_000_000  # results files and notebooks with pictures stay well below this


def tracked_files():
    try:
        out = subprocess.check_output(["git", "ls-files", "-z"], cwd=PROJECT, text=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [PROJECT / name for name in out.split("\0") if name]


def test_no_dataset_copies_are_committed():
    forbidden = ("-ubyte", "mnist.npz", "wordnet.zip", "stopwords.zip")
    offenders = [
        str(p.relative_to(PROJECT)) for p in tracked_files() if any(f in p.name for f in forbidden)
    ]
    assert offenders == [], (
        "data files belong in the Keras/NLTK caches or DATAGEN_LAB_DATA, not in git"
    )


def test_no_large_files_are_committed():
    large = [
        (str(p.relative_to(PROJECT)), p.stat().st_size)
        for p in tracked_files()
        if p.is_file() and p.stat().st_size > MAX_BYTES
    ]
    assert large == []


def test_notebooks_carry_no_execution_timestamps():
    for path in sorted((PROJECT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            assert "execution" not in cell.get("metadata", {}), (
                f"{path.name}: run `python3 course.py execute`"
            )

"""Run times and memory peaks: one source (bench/budget.json), the same in every place that says them."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sync_budget():
    spec = importlib.util.spec_from_file_location(
        "sync_budget", PROJECT / "tools" / "sync_budget.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def copy_of_course(tmp_path):
    for part in ("README.md", "bench/budget.json"):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / part, tmp_path / part)
    shutil.copytree(
        PROJECT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns("results")
    )
    return tmp_path


def test_readme_map_and_intros_agree_with_the_budget(sync_budget):
    assert sync_budget.problems() == []


def test_every_lesson_says_its_measured_run_time(sync_budget):
    budget = sync_budget.load_budget()
    for name, entry in budget.items():
        first = "".join(
            json.loads((PROJECT / "notebooks" / name).read_text())["cells"][0]["source"]
        )
        assert sync_budget.intro_line(entry) in first, name
        assert (
            f"| {sync_budget.minutes_text(entry['minutes_1cpu'])} |"
            in (PROJECT / "README.md").read_text()
        )


@pytest.mark.parametrize("place", ["budget", "readme", "intro"])
def test_a_disagreement_is_found_and_the_sync_repairs_it(sync_budget, copy_of_course, place):
    if place == "budget":
        path = copy_of_course / "bench" / "budget.json"
        budget = json.loads(path.read_text())
        budget["notebooks"]["04_dcgan_mnist.ipynb"]["minutes_1cpu"] += 1.0
        path.write_text(json.dumps(budget))
    elif place == "readme":
        path = copy_of_course / "README.md"
        budget = sync_budget.load_budget(copy_of_course / "bench" / "budget.json")
        minutes = sync_budget.minutes_text(budget["03_gan_minimax.ipynb"]["minutes_1cpu"])
        text = path.read_text()
        row = next(line for line in text.splitlines() if "notebooks/03_gan_minimax.ipynb" in line)
        path.write_text(text.replace(row, row.replace(f"| {minutes} |", "| 99.9 |")))
    else:
        path = copy_of_course / "notebooks" / "02_text_augmentation.ipynb"
        notebook = json.loads(path.read_text())
        notebook["cells"][0]["source"] = [
            "".join(notebook["cells"][0]["source"]).replace(
                " minutes on one CPU", " hours on one CPU"
            )
        ]
        path.write_text(json.dumps(notebook))
    assert sync_budget.problems(copy_of_course)
    sync_budget._sync(copy_of_course, write=True)
    assert sync_budget.problems(copy_of_course) == []


def test_a_notebook_missing_from_the_budget_is_named(sync_budget, copy_of_course):
    shutil.copy(
        copy_of_course / "notebooks" / "03_gan_minimax.ipynb",
        copy_of_course / "notebooks" / "08_new.ipynb",
    )
    assert any(
        "08_new.ipynb has no entry" in problem for problem in sync_budget.problems(copy_of_course)
    )

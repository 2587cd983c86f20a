"""The package's shape: import-linter contracts (pyproject.toml, [tool.importlinter]) and imports.

The contracts: the core never imports a lesson (only ``prefetch`` sits above the lessons),
lessons are independent except where one builds on another, and sibling modules have no cycles.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import datagen_lab

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LESSONS = ("image", "text", "gan_game", "dcgan", "synthesis", "capstone", "vae", "privacy")
HEAVY = ("tensorflow", "keras", "imgaug", "matplotlib", "nltk", "scipy", "PIL", "cv2")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on ``project``'s pyproject.toml and its own copy of datagen_lab."""
    env = dict(os.environ, PYTHONPATH=str(project))
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(project / "pyproject.toml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_module_of_the_package_imports():
    names = [
        info.name
        for info in pkgutil.walk_packages(datagen_lab.__path__, f"{datagen_lab.__name__}.")
    ]
    assert len(names) > 60 and "datagen_lab.vae.model" in names
    for name in names:
        module = importlib.import_module(name)
        assert Path(module.__file__).resolve().is_relative_to(PROJECT / "datagen_lab"), name


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_package_is_light_and_reexports_its_notebooks_names(lesson):
    code = (
        f"import sys, json, datagen_lab.{lesson}; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert loaded == []
    package = importlib.import_module(f"datagen_lab.{lesson}")
    assert package.__all__ and sorted(package.__all__) == package.__all__
    for name, module in package._EXPORTS.items():
        defined = importlib.import_module(f"{package.__name__}.{module}")
        assert getattr(package, name) is getattr(defined, name), name
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_import_contracts_are_kept():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # the core importing a lesson breaks the layers contract
        ("plotting.py", "from datagen_lab.image import augment", "The core never imports a lesson"),
        # a lesson importing another it does not build on breaks the independence contract
        ("text/diff.py", "from datagen_lab.image import augment", "Lessons are independent"),
        # two sibling modules importing each other break the no-cycles contract
        ("vae/elbo.py", "from datagen_lab.vae import model", "No import cycles"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, broken):
    shutil.copytree(
        PROJECT / "datagen_lab",
        tmp_path / "datagen_lab",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "datagen_lab" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    broken_section = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in broken_section.replace("\n", " "), result.stdout

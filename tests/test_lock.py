"""Binder and the tests use the same packages: binder/requirements.txt is the project's lock.

`python3 course.py setup` builds .venv from binder/requirements.txt (plus this package with
--no-deps), and Binder installs the same file. These tests check, in the environment running
them (.venv under `python3 course.py test`), that

- the lock pins every package exactly (``name==version``), once;
- every pin is the version installed here, and every installed package is pinned (so a package
  installed by hand, which Binder would not have, fails here instead of in class);
- every dependency range in pyproject.toml (including the ``test`` extra) is pinned and satisfied;
- binder/runtime.txt names this interpreter's Python version, and the installed set is
  consistent (``pip check``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = Path(__file__).resolve().parents[1]
LOCK = PROJECT / "binder" / "requirements.txt"
RUNTIME = PROJECT / "binder" / "runtime.txt"
PYPROJECT = PROJECT / "pyproject.toml"
PROJECT_NAME = "datagen-lab"
# Installer tooling: Binder's image brings its own, and `pip freeze` leaves them out.
INSTALLER_TOOLS = {"pip", "setuptools"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")


def read_lock(path: Path = LOCK) -> dict[str, tuple[str, Version]]:
    """Pins of the lock: canonical name -> (name as written, version).

    Raises:
        ValueError: a line that is not an exact ``name==version`` pin, or a name pinned twice.
    """
    pins: dict[str, tuple[str, Version]] = {}
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if not match:
            raise ValueError(f"{path.name}:{number}: {raw!r} is not an exact `name==version` pin")
        key = canonicalize_name(match["name"])
        if key in pins:
            raise ValueError(f"{path.name}:{number}: {match['name']} is pinned twice")
        pins[key] = (match["name"], Version(match["version"]))
    return pins


def installed() -> dict[str, Version]:
    """Distributions installed in the running environment: canonical name -> version."""
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[canonicalize_name(name)] = Version(dist.version)
    return found


def pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    return [Requirement(text) for text in requirements]


def test_lock_is_exact_pins():
    pins = read_lock()
    assert len(pins) > 20, f"{LOCK} pins only {len(pins)} packages: it should be a full lock"


def test_read_lock_rejects_ranges_and_duplicates(tmp_path):
    ranged = tmp_path / "ranged.txt"
    ranged.write_text("numpy>=2\n")
    with pytest.raises(ValueError, match="not an exact"):
        read_lock(ranged)
    twice = tmp_path / "twice.txt"
    twice.write_text("# header\nPyYAML==6.0.4\npyyaml==6.0.4\n")
    with pytest.raises(ValueError, match="pinned twice"):
        read_lock(twice)


def test_pins_are_the_installed_versions():
    pins, here = read_lock(), installed()
    missing = sorted(name for _, (name, _) in pins.items() if canonicalize_name(name) not in here)
    different = sorted(
        f"{name}: lock {version}, installed {here[key]}"
        for key, (name, version) in pins.items()
        if key in here and here[key] != version
    )
    assert not missing and not different, (
        f"The environment running the tests ({sys.prefix}) is not the lock.\n"
        f"Pinned but not installed: {missing}\nDifferent versions: {different}\n"
        "Rebuild it: delete .venv and run `python3 course.py setup`."
    )


def test_every_installed_package_is_pinned():
    pins, here = read_lock(), installed()
    unpinned = sorted(
        f"{name}=={version}"
        for name, version in here.items()
        if name not in pins and name not in INSTALLER_TOOLS and name != PROJECT_NAME
    )
    assert not unpinned, (
        f"Installed in {sys.prefix} but not pinned in {LOCK.relative_to(PROJECT)}: {unpinned}. "
        "Binder would install another version or none at all. Add the pins (regenerate the lock "
        "with `pip freeze --all --exclude-editable`, leaving out pip and setuptools), or "
        "uninstall what was added by hand."
    )


def test_pyproject_ranges_are_pinned_and_satisfied():
    pins = read_lock()
    problems = []
    for requirement in pyproject_requirements():
        if requirement.marker and not requirement.marker.evaluate({"extra": "test"}):
            continue
        key = canonicalize_name(requirement.name)
        if key not in pins:
            problems.append(f"{requirement} is not pinned")
        elif not requirement.specifier.contains(pins[key][1], prereleases=True):
            problems.append(f"{requirement} but the lock pins {pins[key][1]}")
    assert not problems, "pyproject.toml and the lock disagree:\n- " + "\n- ".join(problems)


def test_broken_imgaug_is_not_locked():
    # PyPI's imgaug 0.4.0 does not import on NumPy 2 and clashes with the imaug fork (pyproject).
    assert "imgaug" not in read_lock()


def test_runtime_is_this_python():
    runtime = RUNTIME.read_text().strip()
    assert re.fullmatch(r"python-\d+\.\d+", runtime), f"{RUNTIME.name}: {runtime!r}"
    here = f"python-{sys.version_info.major}.{sys.version_info.minor}"
    assert runtime == here, (
        f"Binder runs {runtime} but the tests run on {here}: the lock is only valid for one."
    )


def test_course_setup_installs_the_binder_lock():
    spec = importlib.util.spec_from_file_location("course", PROJECT / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    assert Path(course.LOCK).resolve() == LOCK.resolve()


def test_installed_set_is_consistent():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"pip check:\n{result.stdout}{result.stderr}"

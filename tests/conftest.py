"""Shared fixtures. Tests run offline: data comes from the copies beside the project."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT.parent / "shared" / "data"
TESTS = Path(__file__).resolve().parent

# Tests live in one folder per lesson (tests/core/, tests/image/, ...); the shared helpers
# (bad_input_helpers, training_helpers, browser_helpers) stay here, importable from every folder.
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

# Fast mode for everything the tests import or execute (course.py test sets it too).
os.environ.setdefault("DATAGEN_LAB_FAST", "1")


@pytest.fixture(scope="session")
def course():
    """The repository's course.py (the README's two commands), loaded as a module."""
    spec = importlib.util.spec_from_file_location("course", PROJECT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def mnist():
    """The offline MNIST copy (8,000 training and 2,000 held-out digits here)."""
    from datagen_lab.data import load_mnist

    return load_mnist()


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """An empty DATAGEN_LAB_CACHE for tests that write caches or checkpoints."""
    monkeypatch.setenv("DATAGEN_LAB_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def zh(monkeypatch):
    """The Chinese edition's setting (DATAGEN_LAB_LANG=zh) for one test, restored afterwards."""
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")


@pytest.fixture
def en(monkeypatch):
    """English, the default: no language setting for one test, restored afterwards."""
    monkeypatch.delenv("DATAGEN_LAB_LANG", raising=False)

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=PROJECT, capture_output=True, text=True
    )


def test_ruff_lint_is_clean():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr

#!/usr/bin/env python3
"""The course's two commands, for a fresh Linux machine with Python 3.10+ and nothing else:

    python3 course.py start   # set up .venv if needed, open JupyterLab at the start notebook
    python3 course.py test    # set up .venv if needed, run every test (unit, nbval, browser)

Maintainers also have `python3 course.py execute notebooks/NN_x.ipynb` (store a normal run's outputs).

The environment is built from the pinned lock in binder/requirements.txt (the same pins
Binder uses) plus this package in editable mode, and rebuilt when the lock or pyproject change.
Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "binder" / "requirements.txt"
STAMP = VENV / ".datagen_lab_stamp"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
SANITIZER = "tests/nbval_sanitize.cfg"


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 (this file runs before any venv exists)
        print(f"datagen_lab needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
        return 2
    commands = {"start": start, "test": test, "execute": execute, "setup": lambda _: setup() and 0}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


def setup() -> Path:
    """Create or refresh .venv from the lock; return its python."""
    python = VENV / "bin" / "python"
    wanted = _fingerprint()
    if python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return python
    print(
        f"Setting up {VENV} from {LOCK.relative_to(ROOT)} (first run: a few minutes) ...",
        flush=True,
    )
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", LOCK])
    _run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "--no-deps",
            "-e",
            ROOT,
        ]
    )
    STAMP.write_text(wanted)
    return python


def start(args: list[str]) -> int:
    python = setup()
    print("Opening the course; stop JupyterLab with Ctrl+C (twice).", flush=True)
    command = [python, "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", START_NOTEBOOK, *args]
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def test(args: list[str]) -> int:
    """Unit tests, lint, nbval on every notebook (fast mode) and the browser tests."""
    python = setup()
    env = dict(os.environ, DATAGEN_LAB_FAST="1", PYTHONHASHSEED="0", TF_CPP_MIN_LOG_LEVEL="2")
    command = [
        python, "-m", "pytest", "tests", "notebooks",
        "--nbval", "--nbval-current-env", f"--nbval-sanitize-with={SANITIZER}",
        "--durations=15", "-p", "no:cacheprovider", *args,
    ]  # fmt: skip
    code = subprocess.call([str(part) for part in command], cwd=ROOT, env=env)
    if code == 5:
        print("pytest collected no tests: treating that as a failure.")
    return code


def execute(notebooks: list[str]) -> int:
    """Maintainers: run notebooks top to bottom in a normal (not fast) run and store the outputs."""
    python = setup()
    env = {k: v for k, v in os.environ.items() if k != "DATAGEN_LAB_FAST"}
    env.update(PYTHONHASHSEED="0", TF_CPP_MIN_LOG_LEVEL="2")
    code = (
        "import sys, nbformat\n"
        "from nbclient import NotebookClient\n"
        "for path in sys.argv[1:]:\n"
        "    nb = nbformat.read(path, as_version=4)\n"
        "    NotebookClient(nb, timeout=1800, kernel_name='python3',\n"
        "                   resources={'metadata': {'path': 'notebooks'}}).execute()\n"
        "    nb.metadata.pop('widgets', None)  # widget state: large, and live widgets need a kernel\n"
        "    for cell in nb.cells:\n"
        "        cell.metadata.pop('execution', None)\n"
        "    nbformat.write(nb, path)\n"
        "    print('executed', path)\n"
    )
    return subprocess.call([str(python), "-c", code, *notebooks], cwd=ROOT, env=env)


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _run(command: list) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT)
    if result.returncode != 0:
        print(f"Setup failed: {' '.join(map(str, command))} exited with {result.returncode}.")
        if shutil.which("python3"):
            print(
                "Delete .venv and run the command again; if it keeps failing, read the pip error above."
            )
        sys.exit(result.returncode)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

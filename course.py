#!/usr/bin/env python3
"""The course's two commands, for a fresh Linux machine with Python 3.10+ and nothing else:

    python3 course.py start   # set up .venv if needed, open JupyterLab at the start notebook
    python3 course.py test    # set up .venv if needed, run every test (unit, nbval, browser)

`test` then runs the notebooks a second time with NumPy's vector code (AVX2, AVX-512, ...) turned
off, so a stored output that depends on the CPU fails here rather than on a learner's laptop.
`start` as root (containers, cloud and classroom servers) adds JupyterLab's --allow-root.

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
    command = jupyterlab_command(python, args, running_as_root=_running_as_root())
    if "--allow-root" in command and "--allow-root" not in args:
        print(
            "Running as root (as in containers and on many servers): adding --allow-root, "
            "which JupyterLab needs to start as root.",
            flush=True,
        )
    print("Opening the course; stop JupyterLab with Ctrl+C (twice).", flush=True)
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def jupyterlab_command(python: Path, args: list[str], running_as_root: bool) -> list[str]:
    """The command `start` runs: JupyterLab at the start notebook, plus --allow-root as root."""
    command = [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", START_NOTEBOOK]
    if running_as_root and "--allow-root" not in args:
        command.append("--allow-root")
    return [*command, *args]


def test(args: list[str]) -> int:
    """Unit tests, lint, nbval on every notebook (fast mode) and the browser tests.

    With no extra arguments, the notebooks then run again under nbval with NumPy's CPU dispatch
    restricted to its baseline (no AVX, AVX2, AVX-512 ...) and another hash seed: stored outputs
    must not depend on which vector instructions the learner's CPU has, nor on set order.
    """
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
    if code != 0 or args:
        return code
    return test_on_restricted_cpu(python, env)


def test_on_restricted_cpu(python: Path, env: dict[str, str]) -> int:
    """nbval on every notebook again, with every optional NumPy CPU feature this CPU has turned off."""
    features = subprocess.run(
        [str(python), "-c", _DISPATCHED_FEATURES], capture_output=True, text=True, check=True
    ).stdout.split()
    if not features:
        print("(NumPy uses no optional CPU features on this machine: only the hash seed differs.)")
    print(
        f"\nThe notebooks again, with NumPy's CPU dispatch restricted (NPY_DISABLE_CPU_FEATURES="
        f"{' '.join(features)!r}, PYTHONHASHSEED=1): stored outputs must not depend on the CPU or "
        "on the order of sets.",
        flush=True,
    )
    # A different hash seed too: a learner's kernel does not set PYTHONHASHSEED, so nothing stored
    # may depend on the order of a set or of hashed keys.
    restricted = dict(env, NPY_DISABLE_CPU_FEATURES=" ".join(features), PYTHONHASHSEED="1")
    command = [
        python, "-m", "pytest", "notebooks",
        "--nbval", "--nbval-current-env", f"--nbval-sanitize-with={SANITIZER}",
        "-p", "no:cacheprovider", "-q",
    ]  # fmt: skip
    return subprocess.call([str(part) for part in command], cwd=ROOT, env=restricted)


# The optional (dispatched, non-baseline) CPU features NumPy found on this machine.
_DISPATCHED_FEATURES = (
    "from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
    "print(' '.join(name for name in d if f.get(name)))"
)


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


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

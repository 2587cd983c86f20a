#!/usr/bin/env python3
"""The course's two commands, for a fresh Linux machine with Python 3.10+ and nothing else:

    python3 course.py start   # set up .venv if needed, open JupyterLab at the start notebook
    python3 course.py test    # set up .venv if needed, run every test (unit, nbval, browser)

`test` then runs the notebooks a second time with NumPy's vector code (AVX2, AVX-512, ...) turned
off, so a stored output that depends on the CPU fails here rather than on a learner's laptop.
`start` as root (containers, cloud and classroom servers) adds JupyterLab's --allow-root.

Maintainers also have `python3 course.py execute notebooks/NN_x.ipynb` (store a normal run's outputs);
teachers have `python3 course.py student-copy DEST` (the course without the exercises' solutions).

The environment is built from the pinned lock in binder/requirements.txt (the same pins
Binder uses) plus this package in editable mode, and rebuilt when the lock or pyproject change.
Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
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
    commands = {
        "start": start,
        "test": test,
        "execute": execute,
        "student-copy": student_copy,
        "setup": lambda _: setup() and 0,
    }
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


# A folded solution in a notebook's markdown: <details><summary>Solution</summary> ... </details>
# (the summary may say "One solution", "Solution to exercise 2", ...).
SOLUTION = re.compile(
    r"<details>\s*<summary>[^<]*solution[^<]*</summary>.*?</details>[ \t]*\n?",
    re.IGNORECASE | re.DOTALL,
)


def student_copy(args: list[str]) -> int:
    """Teachers: copy the course to an empty or new folder with every folded solution removed.

    Everything git tracks is copied (the package, tests, binder/, README ...); in the notebooks'
    markdown each <details> block whose summary says "solution" is dropped, and a markdown cell
    left empty goes with it. The exercises' checkers stay (they must know the right answer).
    """
    if len(args) != 1:
        print("usage: python3 course.py student-copy DEST   (DEST: a new or empty folder)")
        return 2
    destination = Path(args[0]).expanduser().resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        print(f"student-copy writes only into a new or empty folder; {destination} is not one.")
        return 2
    if destination == ROOT or ROOT in destination.parents:
        print(f"student-copy needs a folder outside the course ({ROOT}); got {destination}.")
        return 2
    removed = 0
    for relative in _tracked_files():
        source, target = ROOT / relative, destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".ipynb":
            notebook, count = without_solutions(json.loads(source.read_text(encoding="utf-8")))
            removed += count
            text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copy2(source, target)
    print(f"Student copy written to {destination}: {removed} folded solutions removed.")
    return 0


def without_solutions(notebook: dict) -> tuple[dict, int]:
    """The notebook without its folded solutions, and how many were removed."""
    kept, removed = [], 0
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text, count = SOLUTION.subn("", "".join(cell["source"]))
            removed += count
            if count and not text.strip():
                continue
            cell = dict(cell, source=text.splitlines(keepends=True))
        kept.append(cell)
    return dict(notebook, cells=kept), removed


def _tracked_files() -> list[str]:
    if (ROOT / ".git").exists() and shutil.which("git"):
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode()
        return [path for path in listing.split("\0") if path and (ROOT / path).is_file()]
    skip = {".git", ".venv", "__pycache__", "test-artifacts"}  # a copy without git: all but these
    return [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*"))
        if path.is_file() and not skip.intersection(path.relative_to(ROOT).parts)
    ]


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

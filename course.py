#!/usr/bin/env python3
"""The course's two commands, for a fresh Linux machine with Python 3.10+ and nothing else:

    python3 course.py start   # set up .venv if needed, open JupyterLab at the start notebook
    python3 course.py test    # set up .venv if needed, run every test (unit, nbval, browser)

The Chinese edition (中文版): `python3 course.py start --zh` opens notebooks/zh/00_start_here.ipynb,
sets DATAGEN_LAB_LANG=zh for every kernel, and shows JupyterLab's own interface in Chinese when the
official language pack jupyterlab-language-pack-zh-CN is installed.

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
START_NOTEBOOK_ZH = "notebooks/zh/00_start_here.ipynb"
# JupyterLab reads its interface language from this user setting; `start --zh` keeps its own
# settings folder (inside .venv) so an English `start` keeps the learner's usual settings.
ZH_SETTINGS = VENV / "jupyterlab-zh-settings"
LANGUAGE_SETTING = ("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")
CJK_FONT_PACKAGE = "fonts-noto-cjk"  # Debian; also in binder/apt.txt
CJK_FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
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
    ensure_cjk_font()
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


def ensure_cjk_font() -> bool:
    """A font with Chinese glyphs for the Chinese edition: install Debian's as root, else advise.

    Returns whether one is there (or was just installed). Never fails the command: the English
    course does not need it.
    """
    if os.environ.get("DATAGEN_LAB_CJK_FONT") or any(path.is_file() for path in CJK_FONT_FILES):
        return True
    if _running_as_root() and shutil.which("apt-get"):
        print(
            f"Installing {CJK_FONT_PACKAGE} (Chinese font for the Chinese edition) ...", flush=True
        )
        install = ["apt-get", "install", "-y", "--no-install-recommends", CJK_FONT_PACKAGE]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if subprocess.call(install, **quiet) != 0:  # a fresh machine has no package lists yet
            subprocess.call(["apt-get", "update"], **quiet)
            subprocess.call(install, **quiet)
        if any(path.is_file() for path in CJK_FONT_FILES):
            return True
    print(
        f"Note: no Chinese font; the Chinese edition's figures need one: "
        f"sudo apt-get install -y {CJK_FONT_PACKAGE}",
        flush=True,
    )
    return False


def start(args: list[str]) -> int:
    python = setup()
    zh = "--zh" in args
    args = [arg for arg in args if arg != "--zh"]
    env = dict(os.environ)
    settings = None
    if zh:
        env["DATAGEN_LAB_LANG"] = "zh"
        settings = zh_interface_settings(_has_language_pack(python))
    command = jupyterlab_command(
        python, args, running_as_root=_running_as_root(), zh=zh, settings_dir=settings
    )
    if "--allow-root" in command and "--allow-root" not in args:
        print(
            "Running as root (as in containers and on many servers): adding --allow-root, "
            "which JupyterLab needs to start as root.",
            flush=True,
        )
    if zh:
        print("中文版：打开 notebooks/zh/00_start_here.ipynb（按两次 Ctrl+C 停止 JupyterLab）。")
        if settings is None:
            print(
                "JupyterLab's interface stays English: its Chinese language pack is not installed "
                "(.venv/bin/python -m pip install jupyterlab-language-pack-zh-CN). "
                "界面仍为英文：未安装 JupyterLab 中文语言包。",
                flush=True,
            )
    print("Opening the course; stop JupyterLab with Ctrl+C (twice).", flush=True)
    return subprocess.call([str(part) for part in command], cwd=ROOT, env=env)


def jupyterlab_command(
    python: Path,
    args: list[str],
    running_as_root: bool,
    zh: bool = False,
    settings_dir: Path | None = None,
) -> list[str]:
    """The command `start` runs: JupyterLab at the start notebook, plus --allow-root as root.

    ``zh``: the Chinese edition's start notebook; ``settings_dir``: JupyterLab user settings
    (from :func:`zh_interface_settings`) that choose the Chinese interface.
    """
    notebook = START_NOTEBOOK_ZH if zh else START_NOTEBOOK
    command = [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", notebook]
    if settings_dir is not None:
        command.append(f"--LabApp.user_settings_dir={settings_dir}")
    if running_as_root and "--allow-root" not in args:
        command.append("--allow-root")
    return [*command, *args]


def zh_interface_settings(has_language_pack: bool, folder: Path = ZH_SETTINGS) -> Path | None:
    """JupyterLab user settings that set the interface to Simplified Chinese (locale zh_CN).

    Written into ``folder`` when the official language pack is installed (without it JupyterLab
    would stay English anyway); returns the folder, or None.
    """
    if not has_language_pack:
        return None
    setting = folder.joinpath(*LANGUAGE_SETTING)
    setting.parent.mkdir(parents=True, exist_ok=True)
    setting.write_text(json.dumps({"locale": "zh_CN"}) + "\n", encoding="utf-8")
    return folder


def _has_language_pack(python: Path) -> bool:
    code = "import importlib.util as u; raise SystemExit(u.find_spec('jupyterlab_language_pack_zh_CN') is None)"
    return subprocess.call([str(python), "-c", code]) == 0


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
    # Each notebook runs in its own folder (notebooks/, or notebooks/zh/ for the Chinese
    # edition), as in JupyterLab and under nbval.
    code = (
        "import os, sys, nbformat\n"
        "from nbclient import NotebookClient\n"
        "for path in sys.argv[1:]:\n"
        "    nb = nbformat.read(path, as_version=4)\n"
        "    folder = os.path.dirname(path) or '.'\n"
        "    NotebookClient(nb, timeout=1800, kernel_name='python3',\n"
        "                   resources={'metadata': {'path': folder}}).execute()\n"
        "    nb.metadata.pop('widgets', None)  # widget state: large, and live widgets need a kernel\n"
        "    for cell in nb.cells:\n"
        "        cell.metadata.pop('execution', None)\n"
        "    nbformat.write(nb, path)\n"
        "    print('executed', path)\n"
    )
    return subprocess.call([str(python), "-c", code, *notebooks], cwd=ROOT, env=env)


# A folded solution in a notebook's markdown: <details><summary>Solution</summary> ... </details>
# (the summary may say "One solution", "Solution to exercise 2", ...; in the Chinese edition
# "参考答案", "一种参考答案", "解答").
SOLUTION = re.compile(
    r"<details>\s*<summary>[^<]*(?:solution|答案|解答)[^<]*</summary>.*?</details>[ \t]*\n?",
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

"""Binder launch rehearsal: the course built from binder/ alone, then the start notebook in a browser.

What mybinder.org does (repo2docker with binder/requirements.txt and binder/postBuild), done
here offline in a few minutes:

1. copy the project's files (tracked and not ignored: what a commit would carry) to a temp folder;
2. create a fresh virtual environment and ``pip install -r binder/requirements.txt`` (nothing else);
3. run ``binder/postBuild`` from the copy with ``DATAGEN_LAB_DATA`` pointing at the offline data
   (../shared/data beside the project, unless DATAGEN_LAB_DATA is set) and an empty
   ``DATAGEN_LAB_CACHE``;
4. start JupyterLab from that environment and run the start notebook in headless Chromium, with
   the same checks as tests/test_browser.py (no errors, live widgets, the demo responds).

The environment takes 2-3 minutes to build (pip installs TensorFlow from its local index).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import venv
from pathlib import Path

import pytest
from browser_helpers import (
    ARTIFACTS,
    PROJECT,
    START_NOTEBOOK,
    JupyterLab,
    chromium,
    fast_env,
    new_page,
    run_notebook_in_browser,
)
from packaging.utils import canonicalize_name
from test_lock import INSTALLER_TOOLS, PROJECT_NAME, read_lock

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# The offline data copy beside the project (or wherever DATAGEN_LAB_DATA points).
SHARED_DATA = Path(os.environ.get("DATAGEN_LAB_DATA") or PROJECT.parent / "shared" / "data")
BINDER = PROJECT / "binder"


class Rehearsal:
    """The copied project, the fresh environment built from binder/, and its logs."""

    def __init__(self, root: Path):
        self.root = root
        self.repo = root / "repo"
        self.venv = root / "venv"
        self.python = self.venv / "bin" / "python"
        self.logs = ARTIFACTS / "binder"
        self.env = dict(os.environ)
        for name in ("DATAGEN_LAB_FAST", "DATAGEN_LAB_CACHE", "PYTHONPATH", "NLTK_DATA"):
            self.env.pop(name, None)
        self.env.update(
            PATH=f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            VIRTUAL_ENV=str(self.venv),
            DATAGEN_LAB_DATA=str(SHARED_DATA),
            DATAGEN_LAB_CACHE=str(root / "cache"),
            KERAS_HOME=str(root / "keras"),
            TMPDIR=str(root / "tmp"),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
        self.postbuild_output = ""
        (root / "tmp").mkdir(parents=True, exist_ok=True)

    def run(self, step: str, command: list, timeout: float, cwd: Path | None = None) -> str:
        """Run one build step; on failure, raise with the tail of its log."""
        self.logs.mkdir(parents=True, exist_ok=True)
        log = self.logs / f"{step}.log"
        result = subprocess.run(
            [str(part) for part in command],
            cwd=cwd or self.repo,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
        )
        log.write_text(result.stdout)
        if result.returncode != 0:
            raise AssertionError(
                f"Binder rehearsal step {step!r} failed (exit {result.returncode}): "
                f"{' '.join(map(str, command))}\n...{result.stdout[-3000:]}\nFull log: {log}"
            )
        return result.stdout


def copy_project(destination: Path) -> None:
    """Copy the files a commit would carry: tracked or untracked-but-not-ignored."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = PROJECT / name
        if source.is_file():  # tracked files deleted in the working tree are skipped
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def scratch_folder(tmp_path_factory) -> Path:
    """Where the environment is built: RAM (/dev/shm) when there is room, else pytest's tmp.

    The environment is ~60,000 files; on a busy disk creating and deleting them takes minutes,
    in RAM seconds. DATAGEN_LAB_BINDER_TMP chooses another folder.
    """
    shm = Path("/dev/shm")
    if os.environ.get("DATAGEN_LAB_BINDER_TMP"):
        base = Path(os.environ["DATAGEN_LAB_BINDER_TMP"])
    elif shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 6 * 2**30:
        base = shm
    else:
        return tmp_path_factory.mktemp("binder")
    base.mkdir(parents=True, exist_ok=True)
    for stale in base.glob("datagen-lab-binder-*"):  # left by a run that was killed
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > 6 * 3600:
                shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="datagen-lab-binder-", dir=base))


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory):
    assert SHARED_DATA.is_dir(), f"the offline data copy {SHARED_DATA} is missing"
    built = Rehearsal(scratch_folder(tmp_path_factory))
    try:
        yield build(built)
    finally:
        shutil.rmtree(built.root, ignore_errors=True)  # the environment is over a gigabyte


def build(built: Rehearsal) -> Rehearsal:
    copy_project(built.repo)
    venv.EnvBuilder(with_pip=True, clear=True).create(built.venv)
    # As repo2docker does, minus byte-compiling (Python compiles on first import anyway).
    install = ["install", "--no-compile", "-r", built.repo / "binder" / "requirements.txt"]
    built.run("pip-install", [built.python, "-m", "pip", *install], timeout=1800)
    built.postbuild_output = built.run(
        "postBuild", ["bash", built.repo / "binder" / "postBuild"], timeout=900
    )
    return built


def test_apt_packages_are_present_here():
    """binder/apt.txt lists system libraries; the rehearsal is only faithful if they are here."""
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian-based machine: cannot check binder/apt.txt packages")
    packages = [
        line.strip()
        for line in (BINDER / "apt.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for package in packages:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        ).stdout
        assert "install ok installed" in status, f"apt.txt package {package} is not installed here"


def test_environment_is_exactly_the_lock(rehearsal):
    listing = subprocess.run(
        [rehearsal.python, "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
        env=rehearsal.env,
    ).stdout
    here = {canonicalize_name(d["name"]): d["version"] for d in json.loads(listing)}
    pins = {name: str(version) for name, (_, version) in read_lock().items()}
    extra = sorted(
        f"{name}=={version}"
        for name, version in here.items()
        if name not in pins and name not in INSTALLER_TOOLS and name != PROJECT_NAME
    )
    different = sorted(
        f"{name}: lock {pins[name]}, Binder {version}"
        for name, version in here.items()
        if name in pins and version != pins[name]
    )
    assert not extra and not different, (
        f"Binder's environment is not the lock. Resolved outside the lock: {extra}; "
        f"different versions: {different}"
    )
    assert PROJECT_NAME in here, "postBuild did not install the course package"


def test_package_is_imported_from_the_checkout(rehearsal):
    found = subprocess.run(
        [rehearsal.python, "-c", "import datagen_lab; print(datagen_lab.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=rehearsal.env,
        cwd=rehearsal.root,
    ).stdout.strip()
    assert Path(found).resolve().is_relative_to(rehearsal.repo.resolve()), found


def test_postbuild_warmed_the_data(rehearsal):
    output = rehearsal.postbuild_output
    for expected in ("MNIST:", "NLTK wordnet:", "NLTK stopwords:", "Digit classifier"):
        assert expected in output, f"postBuild output lacks {expected!r}:\n{output}"


def test_start_notebook_on_binder(rehearsal, record_property):
    notebook = str(START_NOTEBOOK.relative_to(PROJECT))
    server = JupyterLab(rehearsal.python, rehearsal.repo, env=fast_env(), base_env=rehearsal.env)
    with server, chromium() as browser:
        page = new_page(browser)
        try:
            report = run_notebook_in_browser(
                page, server, notebook, ARTIFACTS / "binder", require_demo=False
            )
            kernels = server.kernel_processes()
            assert kernels, "no kernel process found under the Binder JupyterLab"
            for kernel in kernels:
                executable = Path(kernel.cmdline()[0])
                assert executable.is_relative_to(rehearsal.venv), (
                    f"the kernel runs {executable}, not the Binder environment {rehearsal.venv}"
                )
        finally:
            page.context.close()
    server.cleanup()
    record_property("binder_report", report)
    print(f"Binder rehearsal: {notebook} ran, {'; '.join(report.demos) or 'no demo'}")

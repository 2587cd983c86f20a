"""The README's start command, run for real: it must serve the course, as root too."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from browser_helpers import free_port

PROJECT = Path(__file__).resolve().parents[1]


def test_allow_root_is_added_for_root_only_and_never_twice(course):
    python = Path("/venv/bin/python")
    as_user = course.jupyterlab_command(python, ["--no-browser"], running_as_root=False)
    as_root = course.jupyterlab_command(python, ["--no-browser"], running_as_root=True)
    given = course.jupyterlab_command(python, ["--allow-root"], running_as_root=True)
    assert "--allow-root" not in as_user
    assert as_root.count("--allow-root") == 1
    assert given.count("--allow-root") == 1
    assert as_user[-1] == "--no-browser" and course.START_NOTEBOOK in as_user


def _get(url: str, token: str):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, json.loads(response.read().decode() or "null")


def test_start_command_serves_the_start_notebook(tmp_path):
    port, token = free_port(), "course-start-test"
    jupyter = tmp_path / "jupyter"
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(jupyter / "workspaces"),
        BROWSER="true",  # if anything tries to open a browser, it opens nothing
    )
    log = tmp_path / "start.log"
    command = [
        sys.executable,
        str(PROJECT / "course.py"),
        "start",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                status, _ = _get(f"{base}/api/status", token)
                break
            time.sleep(0.5)
        output = log.read_text(errors="replace")
        assert status == 200, f"the server did not answer; exit code {process.poll()}:\n{output}"
        code, notebook = _get(f"{base}/api/contents/notebooks/00_start_here.ipynb", token)
        assert code == 200 and notebook["type"] == "notebook"
        if os.geteuid() == 0:
            assert "adding --allow-root" in output, output
        else:
            assert "--allow-root" not in output, output
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

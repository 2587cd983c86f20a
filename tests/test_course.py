"""course.py for real: the start command serves the course (as root too); student copies; execute refuses failing claims."""

from __future__ import annotations

import contextlib
import json
import os
import re
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


def test_student_copy_drops_every_folded_solution_and_nothing_else(course, tmp_path):
    destination = tmp_path / "student"
    assert course.main(["student-copy", str(destination)]) == 0
    originals = sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    solutions_before = 0
    for original in originals:
        before = json.loads(original.read_text())
        after = json.loads((destination / "notebooks" / original.name).read_text())
        text_before = "".join("".join(c["source"]) for c in before["cells"])
        solutions_before += len(re.findall(r"<summary>[^<]*solution", text_before, re.IGNORECASE))
        text_after = "".join("".join(c["source"]) for c in after["cells"])
        assert not re.search(r"<summary>[^<]*solution", text_after, re.IGNORECASE), original.name
        code = [c["source"] for c in before["cells"] if c["cell_type"] == "code"]
        assert code == [c["source"] for c in after["cells"] if c["cell_type"] == "code"]
    assert solutions_before >= 8  # lessons 1-7 all have exercises with folded solutions
    assert (destination / "datagen_lab" / "__init__.py").exists()
    assert (destination / "course.py").read_bytes() == (PROJECT / "course.py").read_bytes()


def test_student_copy_never_writes_into_a_folder_with_files(course, tmp_path):
    (tmp_path / "notes.txt").write_text("a teacher's notes")
    assert course.main(["student-copy", str(tmp_path)]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert course.main(["student-copy", str(PROJECT / "student")]) == 2
    assert not (PROJECT / "student").exists()


def test_a_solution_block_and_the_cell_it_leaves_empty_are_removed(course):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["**Exercise 1.** Add.\n", "\n",
                                                  "<details><summary>One Solution</summary>\n",
                                                  "`1 + 1`\n", "</details>\n"]},
            {"cell_type": "markdown", "source": ["<details><summary>Solution</summary>x</details>"]},
            {"cell_type": "markdown", "source": ["<details><summary>Hint</summary>y</details>"]},
        ]
    }  # fmt: skip
    stripped, removed = course.without_solutions(notebook)
    assert removed == 2
    assert ["".join(c["source"]) for c in stripped["cells"]] == [
        "**Exercise 1.** Add.\n\n",
        "<details><summary>Hint</summary>y</details>",
    ]


def test_a_failing_claim_stops_the_normal_run_and_nothing_is_stored(course, tmp_path):
    """course.py execute (how stored outputs are made) refuses a lesson whose claim fails."""
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "source": "from datagen_lab.claims import claim\n"
                       "claim('one is more than two', 1 > 2, evidence=[1, 2])"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    held = tmp_path / "held.ipynb"
    held.write_text(json.dumps(notebook).replace("1 > 2", "2 > 1"))
    assert course.main(["execute", str(held)]) == 0  # the same notebook with a true claim is stored
    assert "Claim held: one is more than two" in held.read_text()
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps(notebook))
    before = path.read_bytes()
    assert course.main(["execute", str(path)]) != 0
    assert path.read_bytes() == before

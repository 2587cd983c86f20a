"""Every notebook as a learner meets it: JupyterLab in headless Chromium, fast mode.

One JupyterLab server (from the environment running the tests) serves all notebooks; each
notebook gets a fresh page and kernel, runs all cells, must show no errors and only live widgets,
and the demo marked ``datagen-demo`` must respond to its slider or button (lesson notebooks must
have one). Screenshots land in test-artifacts/browser/. What is checked, and how, is described in
tests/browser_helpers.py. Missing Chromium is installed by scripts/install_chromium.sh, never
skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import browser_helpers
import pytest
from browser_helpers import (
    ARTIFACTS,
    PROJECT,
    START_NOTEBOOK,
    JupyterLab,
    chromium,
    ensure_chromium,
    fast_env,
    new_page,
    notebook_paths,
    run_notebook_in_browser,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = notebook_paths()


@pytest.fixture(scope="module")
def lab():
    """One JupyterLab for the whole module; shut down (kernels included) even after failures."""
    server = JupyterLab(sys.executable, PROJECT, env=fast_env())
    with server:
        yield server
    server.cleanup()


@pytest.fixture(scope="module")
def browser():
    with chromium() as chromium_browser:
        yield chromium_browser


@pytest.fixture
def page(browser, lab):
    page = new_page(browser)
    yield page
    page.context.close()
    lab.shutdown_kernels()  # one notebook's kernel at a time: TensorFlow kernels are large


def _fake_install(tmp_path, monkeypatch, script: str):
    target = tmp_path / "bin" / "chromium"
    installer = tmp_path / "install_chromium.sh"
    installer.write_text(script.replace("TARGET", str(target)))
    monkeypatch.setattr(browser_helpers, "CHROMIUM", target)
    monkeypatch.setattr(browser_helpers, "INSTALL_CHROMIUM", installer)
    monkeypatch.delenv("DATAGEN_LAB_CHROMIUM", raising=False)
    return target


def test_missing_chromium_is_installed(tmp_path, monkeypatch):
    script = "mkdir -p $(dirname TARGET) && printf '#!/bin/sh\n' > TARGET && chmod +x TARGET\n"
    target = _fake_install(tmp_path, monkeypatch, script)
    assert ensure_chromium() == target


def test_failed_chromium_install_fails_loudly(tmp_path, monkeypatch):
    _fake_install(
        tmp_path, monkeypatch, "echo 'E: Unable to locate package chromium' >&2; exit 100\n"
    )
    with pytest.raises(RuntimeError, match="Unable to locate package chromium"):
        ensure_chromium()


def test_start_notebook_is_collected():
    assert START_NOTEBOOK.exists(), f"{START_NOTEBOOK} is missing"
    assert str(START_NOTEBOOK.relative_to(PROJECT)) in NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: Path(path).stem)
def test_notebook_in_browser(notebook, lab, page, record_property):
    report = run_notebook_in_browser(
        page,
        lab,
        notebook,
        ARTIFACTS / "browser",
        require_demo=not Path(notebook).name.startswith("00_"),
    )
    record_property("browser_report", report)
    print(
        f"{notebook}: {report.code_cells} code cells, {report.widget_outputs} widget outputs, "
        f"{'; '.join(report.demos) or 'no demo'}, {report.seconds:.0f} s"
    )
    assert report.code_cells > 0, f"{notebook} has no code cells"

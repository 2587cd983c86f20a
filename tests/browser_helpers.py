"""Run the course the way a learner meets it: JupyterLab in headless Chromium, driven by Playwright.

Used by ``tests/test_browser.py`` (every notebook, the project's environment) and
``tests/test_binder.py`` (the start notebook, an environment built from ``binder/`` alone).
Plain context managers and functions, so each test module wraps them in its own fixtures:

    with JupyterLab(python, root_dir) as lab, chromium() as browser:
        page = new_page(browser)
        report = run_notebook_in_browser(
            page, lab, "notebooks/00_start_here.ipynb", artifacts, require_demo=False
        )

What a notebook must pass (``run_notebook_in_browser``):

1. It opens, a kernel starts, and "Run All Cells" finishes with the kernel idle.
2. Every code cell ran and no cell shows an error.
3. Every widget output rendered as a live widget (or was closed by the kernel, like a finished
   progress bar): no text fallback ("A Jupyter widget could not be displayed", "Error
   displaying widget", a widget shown as its text repr because the front-end widget manager is
   missing) and no ipywidgets error box (its front-end has another version than the kernel's).
4. Inside each output marked with the CSS class ``datagen-demo`` (lesson notebooks must have
   one), moving a slider, choosing an option or clicking a button changes what the demo shows
   (its pixels with the controls masked out, or its text), without kernel errors.

A screenshot of each notebook after the interaction lands in ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
NOTEBOOKS = PROJECT / "notebooks"
START_NOTEBOOK = NOTEBOOKS / "00_start_here.ipynb"
ARTIFACTS = PROJECT / "test-artifacts"
INSTALL_CHROMIUM = PROJECT / "scripts" / "install_chromium.sh"
CHROMIUM = Path(os.environ.get("DATAGEN_LAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DEMO_CLASS = "datagen-demo"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# What JupyterLab and ipywidgets show instead of a widget when it cannot be rendered.
WIDGET_FALLBACK_TEXTS = (
    "A Jupyter widget could not be displayed",
    "Error displaying widget",
    "Failed to load model class",
    "Failed to create view for",
    "Could not create a view",
)
# Controls inside a demo, in the order they are tried; the same selectors are masked out of the
# demo's screenshot, so a slider handle that moves does not count as "the output changed".
CONTROL_SELECTORS = {
    "slider": ".noUi-target",
    "dropdown": "select",
    "toggle": ".widget-toggle-button:not(.mod-active)",
    "checkbox": ".widget-checkbox input[type=checkbox]",
    "button": "button.jupyter-button:not(.widget-toggle-button)",
}
CONTROL_AREAS = (
    ".widget-slider, .widget-hslider, .widget-vslider, .widget-dropdown, .widget-toggle-buttons, "
    ".widget-checkbox, .widget-button, button, select, input, .widget-readout, .widget-play"
)
# JupyterLab settings for the test server: no news or update checks (and so no news popup), no
# autosave (the test must never write fast-mode outputs into the repository's notebooks), and
# every cell attached to the page so error and widget checks see the whole notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}
VIEWPORT = {"width": 1400, "height": 1100}


class BrowserCheckError(AssertionError):
    """A notebook failed in the browser; the message says what a learner would have seen."""


# ----------------------------------------------------------------------------------------------
# Chromium
# ----------------------------------------------------------------------------------------------


def ensure_chromium() -> Path:
    """Return the Chromium executable, installing it with scripts/install_chromium.sh if missing.

    Raises:
        RuntimeError: Chromium is missing and could not be installed (the message says how).
    """
    if _is_executable(CHROMIUM):
        return CHROMIUM
    if "DATAGEN_LAB_CHROMIUM" in os.environ:
        raise RuntimeError(f"DATAGEN_LAB_CHROMIUM={CHROMIUM} is not an executable file.")
    print(f"{CHROMIUM} is missing: installing it with {INSTALL_CHROMIUM.name} ...", flush=True)
    result = subprocess.run(
        ["bash", str(INSTALL_CHROMIUM)], capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0 or not _is_executable(CHROMIUM):
        raise RuntimeError(
            f"Chromium is needed at {CHROMIUM} for the browser tests and installing it failed "
            f"(exit {result.returncode}):\n{_tail(result.stdout + result.stderr, 3000)}\n"
            "Install it as the README says (`sudo apt-get install -y chromium` on Debian), or set "
            "DATAGEN_LAB_CHROMIUM to a Chromium or Chrome executable."
        )
    return CHROMIUM


@contextlib.contextmanager
def chromium() -> Iterator:
    """Headless system Chromium through Playwright (its own browser download is not needed)."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser):
    """A fresh page (own cookies and storage) that records the browser console's errors."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on(
        "console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text[:500])
    )
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"[:500]))
    return page


# ----------------------------------------------------------------------------------------------
# JupyterLab server
# ----------------------------------------------------------------------------------------------


class JupyterLab:
    """A private JupyterLab server on a free localhost port, with a token and isolated settings.

    Args:
        python: interpreter of the environment to serve from (its kernel runs the notebooks).
        root_dir: folder the server shows; notebooks are opened by paths relative to it.
        env: extra environment for the server and so for its kernels (e.g. fast mode).
        base_env: environment to start from (default: this process's).
        startup_timeout: seconds to wait for the server to answer.
        settings_dir: JupyterLab user settings folder to serve with (e.g. the one ``course.py
            start --zh`` writes, which sets the interface language); the test settings below are
            added to it. Default: a fresh folder.
        args: extra command-line options for JupyterLab (e.g. those ``course.py start`` passes).

    Settings, workspaces, runtime files and kernel specs live in a temporary folder, so the
    user's own Jupyter configuration can neither break nor rescue the test. Leaving the ``with``
    block shuts down every kernel and the server, even after a failure.
    """

    def __init__(
        self,
        python,
        root_dir,
        env=None,
        base_env=None,
        startup_timeout: float = 180,
        settings_dir: Path | None = None,
        args: tuple[str, ...] | list[str] = (),
    ):
        self.python = Path(python)
        self.root_dir = Path(root_dir)
        self.extra_env = dict(env or {})
        self.base_env = dict(os.environ if base_env is None else base_env)
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(16)
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._home = Path(tempfile.mkdtemp(prefix="datagen-lab-jupyter-"))
        self.settings_dir = Path(settings_dir) if settings_dir else self._home / "settings"
        self.args = [str(arg) for arg in args]
        self.log_path = self._home / "server.log"
        self._kernel_pids: set[int] = set()

    # -- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> JupyterLab:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        settings_dir = self.settings_dir
        for plugin, values in LAB_SETTINGS.items():
            path = settings_dir / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            given = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            path.write_text(json.dumps({**given, **values}), encoding="utf-8")
        env = dict(self.base_env)
        for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONPATH", "VIRTUAL_ENV"):
            env.pop(name, None)
        env.update(
            JUPYTER_CONFIG_DIR=str(self._home / "config"),
            JUPYTER_DATA_DIR=str(self._home / "data"),
            JUPYTER_RUNTIME_DIR=str(self._home / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(self._home / "workspaces"),
            JUPYTER_PLATFORM_DIRS="1",
            PATH=f"{self.python.parent}{os.pathsep}{env.get('PATH', '')}",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        self.port = free_port()
        command = [
            str(self.python),
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.open_browser=False",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
            command.append("--allow-root")
        command += self.args
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=self.root_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with {self.process.returncode} while starting:\n"
                    f"{self.log_tail()}"
                )
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                if self.api("GET", "api/status", timeout=5) is not None:
                    return
            time.sleep(0.5)
        raise RuntimeError(
            f"JupyterLab did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Shut down kernels and the server; kill whatever is left. Safe to call twice."""
        process, self.process = self.process, None
        if process is not None:
            self._remember_kernels(process.pid)
            if process.poll() is None:
                with contextlib.suppress(Exception):
                    self.shutdown_kernels()
                with contextlib.suppress(Exception):
                    self.api("POST", "api/shutdown", timeout=5)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    _kill_group(process.pid, signal.SIGTERM)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        _kill_group(process.pid, signal.SIGKILL)
                        process.wait(timeout=10)
        for pid in self._kernel_pids:  # kernels run in their own sessions: end them one by one
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self._kernel_pids.clear()

    def cleanup(self) -> None:
        shutil.rmtree(self._home, ignore_errors=True)

    # -- REST API ------------------------------------------------------------------------------
    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def api(self, method: str, path: str, body=None, timeout: float = 30):
        """Call the server's REST API; return the decoded JSON (None for empty answers)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url(path), data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None

    def shutdown_kernels(self) -> None:
        """End every session and kernel (between notebooks, so memory does not pile up)."""
        if self.process is not None:
            self._remember_kernels(self.process.pid)
        for session in self.api("GET", "api/sessions") or []:
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"api/sessions/{session['id']}")
        for kernel in self.api("GET", "api/kernels") or []:
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"api/kernels/{kernel['id']}")

    def kernel_processes(self) -> list:
        """psutil processes of the running kernels (children of the server)."""
        import psutil

        if self.process is None:
            return []
        with contextlib.suppress(psutil.NoSuchProcess):
            children = psutil.Process(self.process.pid).children(recursive=True)
            return [p for p in children if "ipykernel" in " ".join(_cmdline(p))]
        return []

    def _remember_kernels(self, pid: int) -> None:
        import psutil

        with contextlib.suppress(psutil.NoSuchProcess):
            self._kernel_pids.update(p.pid for p in psutil.Process(pid).children(recursive=True))

    # -- logs ----------------------------------------------------------------------------------
    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")

    def log_tail(self, chars: int = 4000) -> str:
        return _tail(self.log_since(0), chars)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------------------------
# One notebook in the browser
# ----------------------------------------------------------------------------------------------


@dataclass
class NotebookReport:
    """What happened to one notebook in the browser (printed by the tests, kept for the report)."""

    path: str
    code_cells: int = 0
    widget_outputs: int = 0
    demos: list[str] = field(default_factory=list)
    seconds: float = 0.0
    screenshots: list[Path] = field(default_factory=list)


_JS_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
  }
  return null;
}
"""

_JS_STATE = (
    """
(path) => {
  const find = """
    + _JS_PANEL
    + """;
  const panel = find(path);
  if (!panel) return {panel: false};
  const session = panel.sessionContext.session;
  const kernel = session && session.kernel;
  const prompts = Array.from(panel.node.querySelectorAll('.jp-InputPrompt'));
  return {
    panel: true,
    ready: panel.context.isReady && panel.sessionContext.isReady,
    kernel: kernel ? kernel.status : null,
    running: prompts.filter((p) => p.textContent.includes('*')).length,
    runAll: window.__datagenRunAll || null,
    kernelErrors: window.__datagenKernelErrors || [],
    dialog: Array.from(document.querySelectorAll('.jp-Dialog')).map((d) => d.innerText).join('\\n'),
  };
}
"""
)

_JS_START_RUN_ALL = (
    """
(path) => {
  const panel = ("""
    + _JS_PANEL
    + """)(path);
  const kernel = panel.sessionContext.session.kernel;
  window.__datagenKernelErrors = [];
  // Errors raised anywhere in the kernel (cells and widget callbacks) reach iopub.
  kernel.iopubMessage.connect((_, msg) => {
    if (msg.header.msg_type === 'error') {
      window.__datagenKernelErrors.push(msg.content.ename + ': ' + msg.content.evalue);
    }
  });
  window.__datagenRunAll = 'running';
  window.jupyterapp.shell.collapseLeft();  // more notebook in the screenshots
  window.jupyterapp.shell.activateById(panel.id);
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    () => { window.__datagenRunAll = 'done'; },
    (error) => { window.__datagenRunAll = 'failed: ' + error; },
  );
}
"""
)

_JS_NOTEBOOK_JSON = "(path) => (" + _JS_PANEL + ")(path).content.model.toJSON()"

# Top-level outputs of the notebook (not those nested inside widgets) that hold a live widget
# view, plus any sign of a widget that failed: fallback texts and ipywidgets' error boxes.
_JS_WIDGET_STATE = (
    """
([path, fallbacks]) => {
  const root = ("""
    + _JS_PANEL
    + """)(path).content.node;
  const outputs = Array.from(root.querySelectorAll('.jp-OutputArea-output'))
    .filter((o) => !o.parentElement.closest('.jupyter-widgets'));
  const failed = '.widget-error, .jupyter-widgets-error-widget';
  const isView = (c) => c.classList.contains('jupyter-widgets') && !c.matches(failed)
    && !c.querySelector(failed);
  const rendered = outputs.filter((o) => Array.from(o.children).some(isView));
  // A widget the kernel closed (a finished tqdm bar with leave=False): JupyterLab hides its
  // emptied output. Not a rendering failure.
  const closed = outputs.filter((o) => o.classList.contains('lm-mod-hidden')
    && o.children.length === 0 && !o.hasAttribute('data-mime-type'));
  const texts = outputs.filter((o) => o.getAttribute('data-mime-type') === 'text/plain')
    .map((o) => o.innerText.slice(0, 120));
  // Only outputs: a markdown cell may quote the fallback text to tell learners what it means.
  const text = Array.from(root.querySelectorAll('.jp-OutputArea')).map((o) => o.innerText).join('\\n');
  return {
    rendered: rendered.length,
    closed: closed.length,
    texts: texts.filter((t) => /^[A-Z][A-Za-z]+\\(/.test(t)),
    fallbacks: fallbacks.filter((f) => text.includes(f)),
    errors: Array.from(root.querySelectorAll(failed)).map((e) => e.innerText.slice(0, 300)),
  };
}
"""
)

# Text of a demo with its controls removed: what the demo *shows*, not what it is set to.
_JS_DEMO_TEXT = """
(node, selector) => {
  const clone = node.cloneNode(true);
  clone.querySelectorAll(selector).forEach((el) => el.remove());
  return clone.textContent.replace(/\\s+/g, ' ').trim();
}
"""


def run_notebook_in_browser(
    page,
    lab: JupyterLab,
    notebook: str,
    artifacts: Path,
    *,
    require_demo: bool,
    run_timeout: float = 600,
    response_timeout: float = 30,
) -> NotebookReport:
    """Open ``notebook`` (path relative to the server root), run it, check it, drive its demos.

    Raises:
        BrowserCheckError: with what a learner would have seen (and a screenshot saved).
    """
    report = NotebookReport(path=notebook)
    name = Path(notebook).stem
    artifacts.mkdir(parents=True, exist_ok=True)
    log_start = lab.log_size()
    started = time.monotonic()
    try:
        _open_notebook(page, lab, notebook)
        _run_all(page, notebook, run_timeout)
        model = page.evaluate(_JS_NOTEBOOK_JSON, notebook)
        report.code_cells, report.widget_outputs = _check_cells(model, notebook)
        _check_widgets_rendered(page, report.widget_outputs, notebook)
        top_level = f".{DEMO_CLASS}:not(.{DEMO_CLASS} .{DEMO_CLASS})"
        demos = page.locator(f".jp-Notebook .jp-OutputArea-output {top_level}")
        count = demos.count()
        if require_demo and count == 0:
            raise BrowserCheckError(
                f"{notebook}: no output with CSS class {DEMO_CLASS!r}. Every lesson needs one "
                "widget whose slider or button visibly changes an output; mark its top-level "
                f'widget with widget.add_class("{DEMO_CLASS}") (CONTRIBUTING.md).'
            )
        for index in range(count):
            report.demos.append(
                _drive_demo(page, demos.nth(index), notebook, index, response_timeout)
            )
            _check_no_kernel_errors(page, notebook, "after driving its demo")
        _check_server_log(lab.log_since(log_start), notebook)
        for index in range(count):
            shot = artifacts / f"{name}-demo{index}.png"
            demos.nth(index).screenshot(path=str(shot), animations="disabled")
            report.screenshots.append(shot)
        if count:
            demos.first.scroll_into_view_if_needed()
        shot = artifacts / f"{name}.png"
        page.screenshot(path=str(shot))
        report.screenshots.append(shot)
    except Exception as error:
        failure = artifacts / f"{name}-FAILED.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(failure))
        details = [str(error)]
        if page.console_errors:
            details.append("Browser console errors:\n  " + "\n  ".join(page.console_errors[-10:]))
        details.append(f"Server log (tail):\n{_tail(lab.log_since(log_start), 2500)}")
        details.append(f"Screenshot: {failure}")
        cause = None if isinstance(error, BrowserCheckError) else error
        raise BrowserCheckError("\n\n".join(details)) from cause
    report.seconds = time.monotonic() - started
    return report


def _open_notebook(page, lab: JupyterLab, notebook: str) -> None:
    page.goto(lab.url(f"lab/tree/{notebook}?reset&token={lab.token}"), wait_until="load")
    deadline = time.monotonic() + 180
    state: dict = {}
    while time.monotonic() < deadline:
        dismiss_notifications(page)
        state = page.evaluate(_JS_STATE, notebook) or {}
        if state.get("dialog"):
            raise BrowserCheckError(f"{notebook}: JupyterLab showed a dialog: {state['dialog']}")
        if state.get("ready") and state.get("kernel") == "idle":
            return
        time.sleep(0.5)
    raise BrowserCheckError(
        f"{notebook}: the notebook and its kernel were not ready in 180 s: {state}"
    )


def _run_all(page, notebook: str, timeout: float) -> None:
    page.evaluate(_JS_START_RUN_ALL, notebook)
    deadline = time.monotonic() + timeout
    idle_since = None
    state: dict = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_JS_STATE, notebook)
        if state.get("dialog"):
            raise BrowserCheckError(f"{notebook}: JupyterLab showed a dialog: {state['dialog']}")
        if state.get("kernel") in {"dead", "unknown", None}:
            raise BrowserCheckError(
                f"{notebook}: the kernel died while running (status {state.get('kernel')}); "
                "on Binder that is usually the 2 GB memory limit."
            )
        quiet = state["runAll"] != "running" and state["kernel"] == "idle" and not state["running"]
        if quiet:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 1.0:
                if str(state["runAll"]).startswith("failed"):
                    raise BrowserCheckError(f"{notebook}: Run All failed: {state['runAll']}")
                return
        else:
            idle_since = None
        time.sleep(0.5)
    raise BrowserCheckError(
        f"{notebook}: Run All did not finish within {timeout:.0f} s in fast mode: {state}"
    )


def _check_cells(model: dict, notebook: str) -> tuple[int, int]:
    """Every code cell ran, none shows an error; return (code cells, widget outputs)."""
    problems, code_cells, widgets = [], 0, 0
    for number, cell in enumerate(model["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if not source.strip():
            continue
        code_cells += 1
        first_line = source.strip().splitlines()[0][:80]
        tags = cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            if output["output_type"] == "error" and "raises-exception" not in tags:
                traceback = _strip_ansi("\n".join(output["traceback"]))[-1500:]
                problems.append(
                    f"cell {number} ({first_line!r}) raised {output['ename']}: "
                    f"{output['evalue']}\n{traceback}"
                )
            data = output.get("data", {})
            if WIDGET_MIME in data:
                widgets += 1
            text = json.dumps(data)
            for fallback in WIDGET_FALLBACK_TEXTS:
                if fallback in text:
                    problems.append(f"cell {number} ({first_line!r}) output says {fallback!r}")
        if cell.get("execution_count") is None and not problems:
            problems.append(f"cell {number} ({first_line!r}) was never run")
    if problems:
        raise BrowserCheckError(f"{notebook}:\n- " + "\n- ".join(problems))
    return code_cells, widgets


def _check_widgets_rendered(page, expected: int, notebook: str, timeout: float = 60) -> None:
    """Each widget output became a live widget view (not text, not an error box)."""
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_JS_WIDGET_STATE, [notebook, list(WIDGET_FALLBACK_TEXTS)])
        if state["fallbacks"] or state["errors"]:
            break
        if state["rendered"] + state["closed"] >= expected:
            return
        time.sleep(0.5)
    raise BrowserCheckError(
        f"{notebook}: {expected} widget output(s) in the notebook, {state.get('rendered')} "
        f"rendered as live widgets, {state.get('closed')} closed by the kernel; text shown "
        f"instead: {state.get('texts')}. "
        f"Fallback texts on the page: {state.get('fallbacks')}; widget errors: {state.get('errors')}. "
        "A widget shown as text or as an error box usually means the JupyterLab widget manager "
        "(jupyterlab_widgets) is missing or does not match the kernel's ipywidgets; the "
        "browser console errors below say which."
    )


def _drive_demo(page, demo, notebook: str, index: int, timeout: float) -> str:
    """Use the demo's controls until what it shows changes; return what was done."""
    demo.scroll_into_view_if_needed()
    before = _settled_fingerprint(demo)
    tried = []
    for kind, selector in CONTROL_SELECTORS.items():
        controls = demo.locator(selector)
        if controls.count() == 0:
            continue
        control = controls.first
        action = _use_control(page, kind, control)
        tried.append(action)
        if _wait_for_change(page, demo, before, notebook, timeout):
            _wait_kernel_idle(page, notebook)
            page.wait_for_timeout(300)
            if _demo_fingerprint(demo) != before:
                return f"demo {index}: {action}"
    if not tried:
        raise BrowserCheckError(
            f"{notebook}: the {DEMO_CLASS} output #{index} has no slider, dropdown, toggle, "
            "checkbox or button to use."
        )
    raise BrowserCheckError(
        f"{notebook}: the {DEMO_CLASS} output #{index} did not change within {timeout:.0f} s "
        f"after: {'; '.join(tried)}. A learner moving the control would see nothing happen."
    )


def _use_control(page, kind: str, control) -> str:
    control.scroll_into_view_if_needed()
    if kind == "slider":
        handle = control.locator(".noUi-handle").first
        box, track = handle.bounding_box(), control.bounding_box()
        if not box or not track:
            raise BrowserCheckError("a demo slider is not visible on the page")
        y = box["y"] + box["height"] / 2
        x = box["x"] + box["width"] / 2
        fraction = 0.8 if x < track["x"] + track["width"] / 2 else 0.2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(track["x"] + fraction * track["width"], y, steps=8)
        page.mouse.up()
        return f"dragged a slider to {fraction:.0%} of its track"
    if kind == "dropdown":
        options = control.locator("option")
        current = control.evaluate("(s) => s.selectedIndex")
        choice = 1 if current == 0 and options.count() > 1 else 0
        control.select_option(index=choice)
        return f"chose option {choice} of a dropdown"
    control.click()
    label = (control.get_attribute("title") or control.inner_text() or "").strip()[:40]
    return f"clicked a {kind} {label!r}"


def _demo_fingerprint(demo) -> tuple[bytes, str]:
    """Pixels of the demo with its controls masked, and its text without the controls."""
    controls = demo.locator(CONTROL_AREAS)
    pixels = demo.screenshot(mask=[controls], animations="disabled", caret="hide")
    text = demo.evaluate(_JS_DEMO_TEXT, CONTROL_AREAS)
    return pixels, text


def _settled_fingerprint(demo, timeout: float = 15) -> tuple[bytes, str]:
    """The demo's fingerprint once two looks half a second apart agree (images load async)."""
    deadline = time.monotonic() + timeout
    previous = _demo_fingerprint(demo)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = _demo_fingerprint(demo)
        if current == previous:
            return current
        previous = current
    return previous


def _wait_for_change(page, demo, before, notebook: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.wait_for_timeout(400)
        if _demo_fingerprint(demo) != before:
            return True
        _check_no_kernel_errors(page, notebook, "while its demo was used")
    return False


def _wait_kernel_idle(page, notebook: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate(_JS_STATE, notebook)
        if state.get("kernel") == "idle" and not state.get("running"):
            return
        time.sleep(0.3)
    raise BrowserCheckError(f"{notebook}: the kernel stayed busy for {timeout:.0f} s after a demo")


def _check_no_kernel_errors(page, notebook: str, when: str) -> None:
    errors = page.evaluate("() => window.__datagenKernelErrors || []")
    if errors:
        raise BrowserCheckError(f"{notebook}: the kernel raised {when}: {'; '.join(errors[:5])}")


def _check_server_log(log: str, notebook: str) -> None:
    """Tracebacks in widget callbacks end up in the kernel's log, and nothing may save files."""
    if "Saving file at" in log:
        raise BrowserCheckError(
            f"{notebook}: JupyterLab saved a file during the test:\n{_tail(log, 1500)}"
        )
    if "Traceback (most recent call last)" in log:
        start = log.index("Traceback (most recent call last)")
        raise BrowserCheckError(
            f"{notebook}: a traceback appeared in the server/kernel log:\n{log[max(0, start - 300) : start + 2000]}"
        )


def dismiss_notifications(page) -> int:
    """Close JupyterLab's toasts; answer "No" to its "official Jupyter news?" question.

    The test server's settings already switch news off; this catches the question (and any other
    toast covering the notebook) when a server runs with default settings.
    """
    closed = 0
    toasts = page.locator(".Toastify__toast")
    for index in reversed(range(toasts.count())):
        toast = toasts.nth(index)
        with contextlib.suppress(Exception):
            answer_no = toast.locator("button.jp-toast-button[title='No']")
            if "news" in toast.inner_text(timeout=2000) and answer_no.count():
                answer_no.first.click(timeout=2000)
            else:
                toast.locator(".jp-Notification-Toast-Close").first.click(timeout=2000)
            closed += 1
    if closed:
        with contextlib.suppress(Exception):
            toasts.first.wait_for(state="detached", timeout=5000)
    return closed


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------


def notebook_paths(root: Path = PROJECT) -> list[str]:
    """Every notebook under notebooks/, relative to ``root``, in lesson order."""
    return [str(path.relative_to(root)) for path in sorted((root / "notebooks").glob("*.ipynb"))]


def fast_env() -> dict[str, str]:
    """Environment for the server and its kernels: the notebooks' fast mode, as in CI."""
    return {"DATAGEN_LAB_FAST": "1", "PYTHONHASHSEED": "0", "TF_CPP_MIN_LOG_LEVEL": "2"}


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _kill_group(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def _cmdline(process) -> list[str]:
    try:
        return process.cmdline()
    except Exception:
        return []


def _tail(text: str, chars: int) -> str:
    return text if len(text) <= chars else "..." + text[-chars:]


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


if __name__ == "__main__":  # manual use: python tests/browser_helpers.py notebooks/NN_x.ipynb
    with JupyterLab(sys.executable, PROJECT, env=fast_env()) as lab, chromium() as browser:
        for path in sys.argv[1:] or notebook_paths():
            print(
                run_notebook_in_browser(
                    new_page(browser), lab, path, ARTIFACTS / "browser", require_demo=False
                )
            )
            lab.shutdown_kernels()

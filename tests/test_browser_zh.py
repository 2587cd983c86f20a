"""The Chinese edition as a learner meets it: `course.py start --zh`'s JupyterLab in Chromium.

One Chinese lesson (notebooks/zh/03_gan_minimax.ipynb, short) runs in headless Chromium exactly
like the English notebooks in test_browser.py (no errors, live widgets, a demo that responds),
served by a JupyterLab started the way ``start --zh`` starts it: course.py's own user settings
(``zh_interface_settings``) and command-line options (``jupyterlab_command``), so breaking
``start --zh`` breaks this test. On top, the interface must be Chinese (JupyterLab's menu bar,
from the official language pack), the lesson's Chinese markdown rendered, and its claims printed
in Chinese. A second, cheaper test starts JupyterLab the way the English ``start`` does and
finds the English menu bar: the menu check can tell the two apart.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from browser_helpers import (
    ARTIFACTS,
    PROJECT,
    JupyterLab,
    chromium,
    dismiss_notifications,
    fast_env,
    new_page,
    run_notebook_in_browser,
)

from datagen_lab import i18n
from datagen_lab.claims import FAILED_MARK, HELD_MARK

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "notebooks/zh/03_gan_minimax.ipynb"
# JupyterLab's main menus as jupyterlab-language-pack-zh-CN names them, and in English.
MENUS_ZH = ("文件", "编辑", "查看", "运行", "内核", "标签页", "设置", "帮助")
MENUS_EN = ("File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help")
TITLE_ZH = "第3课"  # the lesson's heading, as its rendered markdown shows it


@pytest.fixture(scope="module")
def browser():
    with chromium() as chromium_browser:
        yield chromium_browser


def _lab_as_start_serves_it(course, tmp_path: Path, zh: bool) -> JupyterLab:
    """A private JupyterLab with what `course.py start [--zh]` adds: settings, options, language."""
    python = Path(sys.executable)
    settings = None
    env = fast_env()
    if zh:
        has_pack = course._has_language_pack(python)
        assert has_pack, "jupyterlab-language-pack-zh-CN is not installed (it is in the lock)"
        settings = course.zh_interface_settings(has_pack, tmp_path / "settings")
        env["DATAGEN_LAB_LANG"] = "zh"  # what start --zh sets for the kernels
    command = course.jupyterlab_command(
        python, [], running_as_root=False, zh=zh, settings_dir=settings
    )
    options = [str(part) for part in command if str(part).startswith("--LabApp.")]
    # The settings folder the command serves (none: the helper's fresh one, an English interface).
    served = [o.split("=", 1)[1] for o in options if o.startswith("--LabApp.user_settings_dir=")]
    return JupyterLab(
        python, PROJECT, env=env, settings_dir=served[-1] if served else None, args=options
    )


def menu_labels(page, timeout: float = 60) -> list[str]:
    """The labels of JupyterLab's main menu bar, once it shows (in the interface language)."""
    bar = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        labels = [text.strip() for text in bar.all_inner_texts() if text.strip()]
        if len(labels) >= len(MENUS_EN):
            return labels
        time.sleep(0.5)
    return [text.strip() for text in bar.all_inner_texts()]


def test_chinese_lesson_in_browser_with_chinese_interface(
    course, tmp_path, browser, record_property
):
    artifacts = ARTIFACTS / "browser" / "zh"
    with _lab_as_start_serves_it(course, tmp_path, zh=True) as lab:
        page = new_page(browser)
        try:
            report = run_notebook_in_browser(page, lab, NOTEBOOK, artifacts, require_demo=True)
            record_property("browser_report", report)
            labels = menu_labels(page)
            missing = [menu for menu in MENUS_ZH if menu not in labels]
            assert not missing, f"menu bar not in Chinese: {labels} (missing {missing})"
            assert not set(MENUS_EN) & set(labels), f"English menus beside Chinese ones: {labels}"
            headings = page.locator(".jp-Notebook .jp-RenderedMarkdown h1").all_inner_texts()
            assert any(TITLE_ZH in text for text in headings), f"lesson heading: {headings}"
            outputs = "\n".join(
                page.locator(".jp-Notebook .jp-OutputArea-output").all_inner_texts()
            )
            held_zh = i18n.catalog("zh")[HELD_MARK]  # "✔ 结论成立："
            assert outputs.count(held_zh) >= 3, f"claims not printed in Chinese ({held_zh!r})"
            assert HELD_MARK not in outputs, "a claim printed in English"
            assert FAILED_MARK not in outputs and i18n.catalog("zh")[FAILED_MARK] not in outputs
            page.locator(".jp-Notebook .jp-RenderedMarkdown h1").first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "03_gan_minimax-interface.png"))
        finally:
            page.context.close()
            lab.shutdown_kernels()
    print(
        f"{NOTEBOOK}: {report.code_cells} code cells, {report.widget_outputs} widget outputs, "
        f"{'; '.join(report.demos)}, {report.seconds:.0f} s; menus {labels}"
    )


def test_english_start_keeps_the_english_interface(course, tmp_path, browser):
    """The same server and check without start --zh's settings: the menus are English."""
    with _lab_as_start_serves_it(course, tmp_path, zh=False) as lab:
        page = new_page(browser)
        try:
            page.goto(lab.url(f"lab?reset&token={lab.token}"), wait_until="load")
            dismiss_notifications(page)
            labels = menu_labels(page)
        finally:
            page.context.close()
    assert all(menu in labels for menu in MENUS_EN), f"English menu bar expected: {labels}"
    assert not set(MENUS_ZH) & set(labels), f"Chinese menus without --zh: {labels}"

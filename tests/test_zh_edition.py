"""The Chinese edition stays tied to the English lessons: translations, built notebooks, run-time lines.

tools/build_zh.py builds notebooks/zh/NN_x.ipynb from notebooks/NN_x.ipynb and
translations/zh/NN_x.json (each entry records the SHA-1 of the English text it translates).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from datagen_lab import i18n
from datagen_lab.claims import FAILED_MARK, HELD_MARK

PROJECT = Path(__file__).resolve().parents[1]
START = "00_start_here"


def _load_tool(name: str):
    sys.path.insert(0, str(PROJECT / "tools"))
    spec = importlib.util.spec_from_file_location(name, PROJECT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_zh():
    return _load_tool("build_zh")


@pytest.fixture(scope="module")
def sync_budget():
    return _load_tool("sync_budget")


@pytest.fixture
def course_copy(tmp_path):
    """The English start notebook, its translation, its Chinese build and the budget, in tmp_path."""
    for part in (
        f"notebooks/{START}.ipynb",
        f"translations/zh/{START}.json",
        "bench/budget.json",
        "README.md",
    ):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / part, tmp_path / part)
    return tmp_path


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, notebook: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _built(build_zh, root: Path) -> Path:
    path = root / "notebooks" / "zh" / f"{START}.ipynb"
    _write(path, build_zh.build(START, root))
    return path


def test_every_chinese_notebook_has_a_translation_and_is_up_to_date_with_it(build_zh):
    assert build_zh.check(PROJECT) == []
    assert (PROJECT / "notebooks" / "zh" / f"{START}.ipynb").exists()


def test_an_english_edit_without_its_translation_fails_and_passes_on_revert(build_zh, course_copy):
    _built(build_zh, course_copy)
    assert build_zh.check(course_copy) == []
    english_path = course_copy / "notebooks" / f"{START}.ipynb"
    original = english_path.read_text(encoding="utf-8")
    english = json.loads(original)
    cell = next(c for c in english["cells"] if "## Reproducibility" in "".join(c["source"]))
    cell["source"][-1] += " Even on another machine."  # a real edit of the English text
    _write(english_path, english)
    found = build_zh.check(course_copy)
    assert any(f"cell {cell['id']}: stale" in problem for problem in found), found
    with pytest.raises(build_zh.TranslationError, match=f"cell {cell['id']}: stale"):
        build_zh.build(START, course_copy)
    english_path.write_text(original, encoding="utf-8")  # revert
    assert build_zh.check(course_copy) == []


def test_a_new_english_cell_needs_a_translation_and_stub_adds_an_empty_entry(
    build_zh, course_copy, capsys
):
    english_path = course_copy / "notebooks" / f"{START}.ipynb"
    english = _read(english_path)
    english["cells"].insert(
        3, {"cell_type": "markdown", "id": "f00dcafe", "metadata": {}, "source": ["New."]}
    )
    _write(english_path, english)
    with pytest.raises(build_zh.TranslationError, match="cell f00dcafe: no translation"):
        build_zh.build(START, course_copy)
    translation_path = course_copy / "translations" / "zh" / f"{START}.json"
    before = _read(translation_path)["cells"]
    build_zh.stub("00", course_copy)
    after = _read(translation_path)["cells"]
    assert after["f00dcafe"] == {"en_sha1": build_zh.english_sha1("New."), "zh": ""}
    assert list(after)[3] == "f00dcafe"  # in the English order, for the translator
    assert {k: v["zh"] for k, v in after.items() if k != "f00dcafe"} == {
        k: v["zh"] for k, v in before.items()
    }
    with pytest.raises(build_zh.TranslationError, match="cell f00dcafe: empty translation"):
        build_zh.build(START, course_copy)


def test_building_refuses_and_writes_nothing_when_an_entry_is_stale(build_zh, course_copy):
    translation_path = course_copy / "translations" / "zh" / f"{START}.json"
    translation = _read(translation_path)
    first = next(iter(translation["cells"]))
    translation["cells"][first]["en_sha1"] = "0" * 40
    translation_path.write_text(json.dumps(translation, ensure_ascii=False), encoding="utf-8")
    build_zh.ROOT, saved = course_copy, build_zh.ROOT
    try:
        assert build_zh.main(["00"]) == 1
    finally:
        build_zh.ROOT = saved
    assert not (course_copy / "notebooks" / "zh").exists()


def test_a_new_run_time_does_not_make_the_translation_stale(build_zh, sync_budget, course_copy):
    build_zh.stub("00", course_copy)  # entries hashed with the run-time line masked
    built = _built(build_zh, course_copy)
    budget_path = course_copy / "bench" / "budget.json"
    budget = _read(budget_path)
    # a new measurement of one lesson; the others keep theirs (as `notebook_budget --record` does)
    budget["notebooks"][f"{START}.ipynb"] = {"minutes_1cpu": 7.3, "peak_gb": 1.25}
    budget_path.write_text(json.dumps(budget), encoding="utf-8")
    sync_budget._sync(course_copy, write=True)  # what tools/sync_budget.py does
    english = "".join(_read(course_copy / "notebooks" / f"{START}.ipynb")["cells"][0]["source"])
    chinese = _read(built)["cells"][0]["source"]
    assert "takes 7.3 minutes" in english and "1.2 GB" in english
    assert "约需 7.3 分钟，内存峰值 1.2 GB" in "".join(chinese)
    the_map = next(c for c in _read(built)["cells"] if f"| `{START}` |" in "".join(c["source"]))
    assert "| 7.3 | 1.2 |" in "".join(the_map["source"])
    assert build_zh.check(course_copy) == []  # the translation is still current


def test_a_built_notebook_whose_code_differs_from_english_fails(build_zh, course_copy):
    built_path = _built(build_zh, course_copy)
    built = _read(built_path)
    code = next(
        c
        for c in built["cells"]
        if c["cell_type"] == "code" and "np.random.rand" in "".join(c["source"])
    )
    code["source"] = "".join(code["source"]).replace("rand(3)", "rand(4)")
    _write(built_path, built)
    found = build_zh.check(course_copy)
    assert any(f"code cell {code['id']} differs" in problem for problem in found), found


def test_the_parameters_cell_gets_the_language_setting_and_nothing_else(build_zh):
    built = _read(PROJECT / "notebooks" / "zh" / f"{START}.ipynb")
    english = _read(PROJECT / "notebooks" / f"{START}.ipynb")
    parameters = build_zh.parameters_cell(english)
    zh_cell = next(c for c in built["cells"] if c["id"] == parameters["id"])
    assert "".join(zh_cell["source"]) == "".join(build_zh.LANGUAGE_LINES) + "".join(
        parameters["source"]
    )
    assert build_zh.code_differences(built, english) == []
    assert 'set_language("zh")' in "".join(build_zh.LANGUAGE_LINES)


def test_a_chinese_notebook_without_a_translation_file_fails(build_zh, course_copy):
    _built(build_zh, course_copy)
    orphan = course_copy / "notebooks" / "zh" / "09_orphan.ipynb"
    shutil.copy(course_copy / "notebooks" / "zh" / f"{START}.ipynb", orphan)
    assert any("09_orphan.ipynb: no translation file" in p for p in build_zh.check(course_copy))


def test_links_are_fixed_for_the_subfolder(build_zh):
    text = "[a](03_gan_minimax.ipynb) [b](02_text.ipynb#x) ![c](results/x.png) [d](https://x.org) [e](#top)"
    fixed = build_zh.fix_links(text, {"03_gan_minimax"})
    assert fixed == (
        "[a](03_gan_minimax.ipynb) [b](../02_text.ipynb#x) ![c](../results/x.png) "
        "[d](https://x.org) [e](#top)"
    )
    assert build_zh.fix_links('<img src="results/y.png">', set()) == '<img src="../results/y.png">'


def test_the_stored_chinese_run_speaks_chinese_and_every_claim_held(build_zh):
    """The stored outputs come from a normal run (course.py execute), in Chinese."""
    for path in sorted((PROJECT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb")):
        notebook = _read(path)
        claims = 0
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            assert cell.get("outputs") or "claim(" not in source, f"{path.name}: not executed"
            text = "".join(
                "".join(o.get("text", ""))
                for o in cell.get("outputs", [])
                if o["output_type"] == "stream"
            )
            assert FAILED_MARK not in text and i18n.catalog("zh")[FAILED_MARK] not in text
            assert HELD_MARK not in text, f"{path.name}: a claim printed in English"
            claims += text.count(i18n.catalog("zh")[HELD_MARK])
        assert claims >= 1, f"{path.name}: no claim held in Chinese in the stored outputs"


def test_start_zh_opens_the_chinese_start_notebook_with_the_chinese_interface(course, tmp_path):
    settings = course.zh_interface_settings(True, tmp_path / "settings")
    command = course.jupyterlab_command(
        Path("/venv/bin/python"),
        ["--no-browser"],
        running_as_root=False,
        zh=True,
        settings_dir=settings,
    )
    assert course.START_NOTEBOOK_ZH in command and course.START_NOTEBOOK not in command
    assert f"--LabApp.user_settings_dir={settings}" in command
    assert (PROJECT / course.START_NOTEBOOK_ZH).exists()
    written = json.loads(settings.joinpath(*course.LANGUAGE_SETTING).read_text())
    assert written == {"locale": "zh_CN"}
    assert course.zh_interface_settings(False, tmp_path / "none") is None
    english = course.jupyterlab_command(Path("/venv/bin/python"), [], running_as_root=False)
    assert course.START_NOTEBOOK in english and not any("user_settings_dir" in a for a in english)


def test_student_copy_also_drops_the_chinese_editions_solutions(course):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["**练习 1。** 相加。\n", "<details><summary>参考答案</summary>\n`1 + 1`\n</details>\n"]},
            {"cell_type": "markdown", "source": ["<details><summary>一种参考答案</summary>x</details>"]},
            {"cell_type": "markdown", "source": ["<details><summary>提示</summary>y</details>"]},
        ]
    }  # fmt: skip
    stripped, removed = course.without_solutions(notebook)
    assert removed == 2
    assert ["".join(c["source"]) for c in stripped["cells"]] == [
        "**练习 1。** 相加。\n",
        "<details><summary>提示</summary>y</details>",
    ]


def test_start_zh_serves_the_chinese_start_notebook_in_the_chinese_interface(tmp_path):
    """course.py start --zh for real: the Chinese start notebook, and JupyterLab's locale zh_CN
    when the official language pack is installed (else the start output says how to get it)."""
    import contextlib
    import os
    import signal
    import subprocess
    import time
    import urllib.error
    import urllib.request

    from browser_helpers import free_port

    port, token = free_port(), "course-start-zh-test"
    jupyter = tmp_path / "jupyter"
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(jupyter / "workspaces"),
        BROWSER="true",
    )
    command = [
        sys.executable, str(PROJECT / "course.py"), "start", "--zh", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]  # fmt: skip
    log = tmp_path / "start.log"

    def get(path: str):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read().decode() or "null")

    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                status = get("/api/status")
                break
            time.sleep(0.5)
        output = log.read_text(errors="replace")
        assert status is not None, f"the server did not answer:\n{output}"
        notebook = get("/api/contents/notebooks/zh/00_start_here.ipynb?content=0")
        assert notebook["type"] == "notebook"
        assert "notebooks/zh/00_start_here.ipynb" in output
        setting = get("/lab/api/settings/@jupyterlab/translation-extension:plugin")
        has_pack = importlib.util.find_spec("jupyterlab_language_pack_zh_CN") is not None
        if has_pack:
            assert setting["settings"].get("locale") == "zh_CN", setting["settings"]
        else:
            assert "jupyterlab-language-pack-zh-CN" in output, output
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


ALLOWED_ENGLISH = PROJECT / "tests" / "zh_english_allowed.json"


def _english_left(path: Path) -> list[str]:
    """The English prose lines in a Chinese notebook's stored outputs that no allowed pattern
    (tests/zh_english_allowed.json: code, English example data, library output) explains."""
    english_lines = _load_tool("english_in_zh_outputs").english_lines
    allowed = _read(ALLOWED_ENGLISH)
    patterns = [re.compile(entry["pattern"]) for entry in allowed["*"] + allowed.get(path.name, [])]
    return [
        f"{path.name} cell {index}: {line.strip()[:120]}"
        for index, line in english_lines(path)
        if not any(pattern.search(line) for pattern in patterns)
    ]


def test_the_chinese_editions_outputs_have_no_english_but_code_data_and_library_output():
    """Everything a helper says to a Chinese reader is Chinese; each English line left in the stored
    outputs matches a pattern in tests/zh_english_allowed.json that says why it is English."""
    left = [
        line
        for path in sorted((PROJECT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))
        for line in _english_left(path)
    ]
    assert left == [], "English in the Chinese edition's outputs:\n" + "\n".join(left)


def test_every_allowed_english_pattern_says_why_and_english_prose_is_caught(tmp_path):
    allowed = _read(ALLOWED_ENGLISH)
    for name, entries in allowed.items():
        assert name == "*" or (PROJECT / "notebooks" / "zh" / name).is_file(), name
        for entry in entries:
            assert entry["why"].strip() and re.compile(entry["pattern"]), entry
    output = {"output_type": "stream", "name": "stdout", "text": ["the judge reads 96.5% of it\n"]}
    notebook = tmp_path / "01_x.ipynb"
    _write(notebook, {"cells": [{"cell_type": "code", "source": [], "outputs": [output]}]})
    assert _english_left(notebook) == ["01_x.ipynb cell 0: the judge reads 96.5% of it"]

"""Offline data: with the shared copy switched off and downloads forbidden, every loader fails
with a clear error, and every fix that error suggests works when a learner follows it.

Each check runs in a fresh Python (a subprocess): NLTK reads NLTK_DATA at import, the loaders
cache what they found, and a learner following the advice starts a new kernel too. The
subprocesses get an empty HOME (no ~/.keras, no ~/nltk_data), an empty cache, the switches
``DATAGEN_LAB_NO_SHARED_DATA=1`` and ``DATAGEN_LAB_NO_DOWNLOAD=1``, and a dead proxy as a second
guard, so they never reach the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from datagen_lab import config, data

PROJECT = Path(__file__).resolve().parents[2]
SHARED = config.SHARED_DATA_DIR


def offline_copies() -> Path:
    """The folder these tests copy data from: DATAGEN_LAB_DATA when set, else ../shared/data.

    A clone elsewhere than beside shared/ (a CI runner, a laptop) points DATAGEN_LAB_DATA at its
    copy, and these tests then run there too instead of being skipped.
    """
    configured = os.environ.get(config.DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else SHARED


COPIES = offline_copies()
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection fails at once

needs_shared = pytest.mark.skipif(
    not (COPIES / "mnist").is_dir() or not (COPIES / "nltk_data" / "corpora").is_dir(),
    reason="needs an offline copy to copy from: ../shared/data, or a folder in DATAGEN_LAB_DATA",
)


def offline_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a machine with no data, no network and no shared copy."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", config.DATA_ENV, "KERAS_HOME")
    }
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        DATAGEN_LAB_CACHE=str(tmp_path / "cache"),
        PYTHONPATH=str(PROJECT),
        **{config.NO_SHARED_DATA_ENV: "1", config.NO_DOWNLOAD_ENV: "1"},
        **{name: DEAD_PROXY for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")},
        no_proxy="",
        NO_PROXY="",
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )


def failure(result: subprocess.CompletedProcess, error_name: str) -> str:
    """The message of the ``error_name`` the subprocess printed (it must have failed with it)."""
    assert result.returncode != 0, f"expected {error_name}, but it worked: {result.stdout}"
    assert f"{error_name}:" in result.stderr, result.stderr[-3000:]
    message = result.stderr[result.stderr.index(f"{error_name}:") :]
    assert "Traceback" not in message
    return message


def nltk_default_has(name: str) -> bool:
    """Whether NLTK's own system folders (not HOME's, not NLTK_DATA) hold the corpus here."""
    import nltk

    own = {str(Path.home() / "nltk_data"), *os.environ.get("NLTK_DATA", "").split(os.pathsep)}
    return any(
        (Path(p) / "corpora" / name).exists() or (Path(p) / "corpora" / f"{name}.zip").exists()
        for p in nltk.data.path
        if p not in own and not str(p).startswith((str(SHARED), str(COPIES)))
    )


# --- the switch ---------------------------------------------------------------------------------


def test_switch_leaves_out_the_shared_copy(tmp_path):
    code = "from datagen_lab.config import data_roots; print([str(p) for p in data_roots()])"
    switched_off = run_python(code, offline_env(tmp_path), tmp_path)
    assert switched_off.returncode == 0, switched_off.stderr
    assert str(SHARED) not in switched_off.stdout and switched_off.stdout.strip() == "[]"
    if SHARED.is_dir():
        default = run_python(
            code, offline_env(tmp_path, **{config.NO_SHARED_DATA_ENV: ""}), tmp_path
        )
        assert str(SHARED) in default.stdout


def test_switch_is_read_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv(config.NO_SHARED_DATA_ENV, "1")
    monkeypatch.setenv(config.DATA_ENV, str(tmp_path))
    assert config.data_roots() == [tmp_path]
    monkeypatch.setenv(config.NO_SHARED_DATA_ENV, "0")
    assert config.data_roots()[0] == tmp_path
    assert config.shared_data_disabled() is False and config.downloads_disabled() in (True, False)


# --- MNIST --------------------------------------------------------------------------------------

LOAD_MNIST = (
    "from datagen_lab.data import load_mnist\n"
    "m = load_mnist()\n"
    "print(len(m.train_images), len(m.test_images), m.train_images.dtype, m.source)"
)


def mnist_fix(message: str) -> str:
    """The environment variable the MNIST error tells a learner to set."""
    found = re.search(r"set (\w+) to a folder holding mnist\.npz or the IDX files", message)
    assert found, message
    return found.group(1)


@needs_shared
def test_missing_mnist_error_and_its_fix_with_idx_files(tmp_path):
    message = failure(run_python(LOAD_MNIST, offline_env(tmp_path), tmp_path), "DataNotFoundError")
    assert "Could not find MNIST" in message and "disabled by DATAGEN_LAB_NO_DOWNLOAD=1" in message
    variable = mnist_fix(message)
    folder = tmp_path / "my-mnist"
    folder.mkdir()
    for file in (COPIES / "mnist").glob("*-ubyte.gz"):
        shutil.copy(file, folder / file.name)
    fixed = run_python(LOAD_MNIST, offline_env(tmp_path, **{variable: str(folder)}), tmp_path)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert fixed.stdout.split()[:3] == ["8000", "2000", "uint8"]


def test_missing_mnist_fix_with_an_npz_file(tmp_path):
    message = failure(run_python(LOAD_MNIST, offline_env(tmp_path), tmp_path), "DataNotFoundError")
    variable = mnist_fix(message)
    folder = tmp_path / "npz"
    folder.mkdir()
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (30, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, 30, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (10, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, 10, dtype=np.uint8),
    }
    np.savez(folder / "mnist.npz", **arrays)
    fixed = run_python(LOAD_MNIST, offline_env(tmp_path, **{variable: str(folder)}), tmp_path)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert fixed.stdout.split()[:3] == ["30", "10", "uint8"]


def write_npz(path: Path) -> None:
    rng = np.random.default_rng(1)
    np.savez(
        path,
        x_train=rng.integers(0, 256, (20, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, 20, dtype=np.uint8),
        x_test=rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, 5, dtype=np.uint8),
    )


@pytest.fixture
def offline_here(monkeypatch, tmp_path):
    """This process, offline: no shared copy, no download, no Keras cache, nothing cached."""
    monkeypatch.setenv(config.NO_SHARED_DATA_ENV, "1")
    monkeypatch.setenv(config.NO_DOWNLOAD_ENV, "1")
    monkeypatch.delenv(config.DATA_ENV, raising=False)
    monkeypatch.setattr(data, "KERAS_MNIST", tmp_path / "keras" / "mnist.npz")
    data._load_mnist_cached.cache_clear()
    yield tmp_path
    data._load_mnist_cached.cache_clear()


def test_truncated_npz_names_the_file_and_replacing_it_works(offline_here, monkeypatch):
    folder = offline_here / "data"
    folder.mkdir()
    good = offline_here / "good.npz"
    write_npz(good)
    (folder / "mnist.npz").write_bytes(good.read_bytes()[:1000])
    monkeypatch.setenv(config.DATA_ENV, str(folder))
    with pytest.raises(data.DataDamagedError) as caught:
        data.load_mnist()
    message = str(caught.value)
    assert str(folder / "mnist.npz") in message and "replace it with a complete copy" in message
    assert "BadZipFile" in message or "EOFError" in message
    shutil.copy(good, folder / "mnist.npz")  # follow the fix, in the same process
    assert len(data.load_mnist().train_images) == 20


def test_truncated_keras_cache_says_delete_it_and_deleting_it_gives_the_search(offline_here):
    keras = data.KERAS_MNIST
    keras.parent.mkdir(parents=True)
    keras.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(data.DataDamagedError) as caught:
        data.load_mnist()
    assert f"delete {keras}" in str(caught.value) and "Keras downloads it again" in str(
        caught.value
    )
    keras.unlink()
    with pytest.raises(data.DataNotFoundError) as caught:
        data.load_mnist()
    assert not isinstance(caught.value, data.DataDamagedError)


@pytest.mark.parametrize(
    "damage",
    [
        "truncated-gzip",
        "not-gzip",
        "truncated-payload",
        "short-header",
        "wrong-shape",
        "label-count",
    ],
)
def test_damaged_idx_files_are_named(offline_here, damage):
    folder = offline_here / "idx"
    folder.mkdir()
    images = np.zeros((4, 28, 28), np.uint8)
    labels = np.zeros(4 if damage != "label-count" else 3, np.uint8)
    if damage == "wrong-shape":
        images = np.zeros((4, 14, 14), np.uint8)

    def idx(array: np.ndarray) -> bytes:
        shape = b"".join(int(n).to_bytes(4, "big") for n in array.shape)
        return bytes([0, 0, 8, array.ndim]) + shape + array.tobytes()

    import gzip

    image_bytes = idx(images)
    if damage == "truncated-payload":
        image_bytes = image_bytes[:-100]
    if damage == "short-header":
        image_bytes = bytes([0, 0, 8, 3, 0, 0])
    packed = gzip.compress(image_bytes)
    if damage == "truncated-gzip":
        packed = packed[: len(packed) // 2]
    if damage == "not-gzip":
        packed = b"this is not gzip data at all"
    (folder / "t10k-images-idx3-ubyte.gz").write_bytes(packed)
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx(labels)))
    with pytest.raises(data.DataDamagedError) as caught:
        data.load_mnist(folder)
    assert str(folder) in str(caught.value) and "Fix:" in str(caught.value)
    assert caught.value.fix


# --- NLTK corpora -------------------------------------------------------------------------------


def corpus_fixes(message: str, name: str) -> list[tuple[str, str]]:
    """(variable, layout) pairs the corpus error tells a learner to set."""
    fixes = re.findall(rf"set (\w+) to a folder that holds (\S*{name}\.zip)", message)
    assert len(fixes) == 2, message
    return fixes


def ensure(name: str, then: str = "") -> str:
    return f"from datagen_lab import corpora\nprint(corpora.ensure_corpus({name!r}))\n{then}"


BOTH = (
    "from datagen_lab import corpora\n"
    "for name in ('stopwords', 'wordnet'):\n"
    "    try:\n        print(name, corpora.ensure_corpus(name))\n"
    "    except corpora.CorpusNotFoundError as error:\n        print('@@', error, '@@')\n"
)


@needs_shared
def test_missing_corpora_errors_and_each_of_their_fixes(tmp_path):
    if nltk_default_has("stopwords") or nltk_default_has("wordnet"):
        pytest.skip("NLTK's default folders on this machine hold the corpora")
    result = run_python(BOTH, offline_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    messages = result.stdout.split("@@")[1::2]
    assert len(messages) == 2 and all("DATAGEN_LAB_NO_DOWNLOAD=1" in m for m in messages)
    fixes = [
        corpus_fixes(m, name) for m, name in zip(messages, ("stopwords", "wordnet"), strict=True)
    ]
    for k, pairs in enumerate(zip(*fixes, strict=True)):  # one folder per way of fixing it
        folder = tmp_path / f"fix{k}"
        env = offline_env(tmp_path)
        for (variable, layout), name in zip(pairs, ("stopwords", "wordnet"), strict=True):
            (folder / layout).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(COPIES / "nltk_data" / "corpora" / f"{name}.zip", folder / layout)
            env[variable] = str(folder)
        fixed = run_python(BOTH + "print(len(corpora.stopwords()))", env, tmp_path)
        assert fixed.returncode == 0 and "@@" not in fixed.stdout, (
            f"following 'set {pairs[0][0]}' failed:\n{fixed.stdout}{fixed.stderr[-3000:]}"
        )
        assert fixed.stdout.count(str(folder)) == 2 and int(fixed.stdout.split()[-1]) > 100


@needs_shared
def test_nltk_data_set_inside_a_running_kernel_works(tmp_path):
    """A learner who reads the advice in a notebook sets os.environ there, after NLTK was imported."""
    if nltk_default_has("stopwords"):
        pytest.skip("NLTK's default folders on this machine hold stopwords")
    folder = tmp_path / "in-kernel"
    (folder / "corpora").mkdir(parents=True)
    shutil.copy(COPIES / "nltk_data" / "corpora" / "stopwords.zip", folder / "corpora")
    code = (
        "import os\nimport nltk\nfrom datagen_lab import corpora\n"
        "try:\n    corpora.ensure_corpus('stopwords')\nexcept corpora.CorpusNotFoundError:\n    print('missing')\n"
        f"os.environ['NLTK_DATA'] = {str(folder)!r}\n"
        "print(len(corpora.stopwords()))"
    )
    result = run_python(code, offline_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[0] == "missing" and int(result.stdout.split()[1]) > 100


@needs_shared
def test_truncated_wordnet_zip_is_named_and_a_complete_copy_fixes_it(tmp_path):
    folder = tmp_path / "nltk"
    (folder / "corpora").mkdir(parents=True)
    good = COPIES / "nltk_data" / "corpora" / "wordnet.zip"
    damaged = folder / "corpora" / "wordnet.zip"
    damaged.write_bytes(good.read_bytes()[:200_000])
    env = offline_env(tmp_path, NLTK_DATA=str(folder))
    message = failure(run_python(ensure("wordnet"), env, tmp_path), "CorpusDamagedError")
    assert str(damaged) in message and "BadZipFile" in message
    assert "put a complete copy of wordnet.zip in its place" in message
    shutil.copy(good, damaged)  # follow the fix
    fixed = run_python(ensure("wordnet"), env, tmp_path)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert str(damaged) in fixed.stdout


@pytest.mark.slow
@needs_shared
def test_wordnet_zip_with_damaged_data_is_named(tmp_path):
    """The zip's directory is intact but a member's bytes are not: loading WordNet names the zip."""
    folder = tmp_path / "nltk"
    (folder / "corpora").mkdir(parents=True)
    shutil.copy(COPIES / "nltk_data" / "corpora" / "stopwords.zip", folder / "corpora")
    damaged = folder / "corpora" / "wordnet.zip"
    shutil.copy(COPIES / "nltk_data" / "corpora" / "wordnet.zip", damaged)
    with zipfile.ZipFile(damaged) as archive:
        member = archive.getinfo("wordnet/data.noun")
    assert member.compress_type == zipfile.ZIP_DEFLATED
    raw = bytearray(damaged.read_bytes())
    start = member.header_offset + 30 + len(member.filename) + len(member.extra) + 1000
    raw[start : start + 5000] = bytes(5000)  # zeros in the middle of data.noun's deflate stream
    damaged.write_bytes(bytes(raw))
    code = "from datagen_lab.text.lexicon import lexicon\nprint(lexicon())"
    message = failure(
        run_python(code, offline_env(tmp_path, NLTK_DATA=str(folder)), tmp_path),
        "CorpusDamagedError",
    )
    assert str(damaged) in message


def test_download_without_network_fails_fast_and_says_why(tmp_path):
    """Downloads allowed, but the network is a dead proxy: the error reports the failed download."""
    if nltk_default_has("stopwords"):
        pytest.skip("NLTK's default folders on this machine hold stopwords")
    env = offline_env(tmp_path, **{config.NO_DOWNLOAD_ENV: ""})
    message = failure(run_python(ensure("stopwords"), env, tmp_path), "CorpusNotFoundError")
    assert "Download failed:" in message and "download disabled" not in message


def test_environment_check_reports_missing_data_with_working_advice(tmp_path):
    code = (
        "from datagen_lab.environment import check_environment\n"
        "report = check_environment(include_tensorflow=False)\n"
        "for c in report.checks:\n    print(c.name, '|', c.ok, '|', c.fix)"
    )
    result = run_python(code, offline_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = {line.split(" | ")[0]: line.split(" | ")[1:] for line in result.stdout.splitlines()}
    assert lines["MNIST"][0] == "False" and "DATAGEN_LAB_DATA" in lines["MNIST"][1]
    if not nltk_default_has("wordnet"):
        ok, fix = lines["NLTK wordnet"]
        assert ok == "False" and "set NLTK_DATA to a folder that holds corpora/wordnet.zip" in fix

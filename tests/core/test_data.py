import gzip

import numpy as np
import pytest

from datagen_lab import data
from datagen_lab.data import DataDamagedError, DataNotFoundError, load_mnist


def write_idx(path, array, compress):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    payload = header + array.astype(np.uint8).tobytes()
    if compress:
        with gzip.open(path, "wb") as handle:
            handle.write(payload)
    else:
        path.write_bytes(payload)


@pytest.fixture
def no_default_sources(monkeypatch, tmp_path):
    """Hide the Keras cache and the offline copies, so only what a test passes is found."""
    monkeypatch.delenv("DATAGEN_LAB_DATA", raising=False)
    monkeypatch.setattr(data, "KERAS_MNIST", tmp_path / "no-keras" / "mnist.npz")
    monkeypatch.setattr(data, "data_roots", lambda: [])
    data._load_mnist_cached.cache_clear()


def small_mnist_arrays(n, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), rng.integers(0, 10, n, dtype=np.uint8)


@pytest.mark.parametrize("compress", [True, False])
def test_reads_idx_directory_with_both_splits(tmp_path, compress, no_default_sources):
    train_x, train_y = small_mnist_arrays(12, 0)
    test_x, test_y = small_mnist_arrays(5, 1)
    suffix = ".gz" if compress else ""
    write_idx(tmp_path / f"train-images-idx3-ubyte{suffix}", train_x, compress)
    write_idx(tmp_path / f"train-labels-idx1-ubyte{suffix}", train_y, compress)
    write_idx(tmp_path / f"t10k-images-idx3-ubyte{suffix}", test_x, compress)
    write_idx(tmp_path / f"t10k-labels-idx1-ubyte{suffix}", test_y, compress)
    mnist = load_mnist(tmp_path)
    np.testing.assert_array_equal(mnist.train_images, train_x)
    np.testing.assert_array_equal(mnist.test_labels, test_y)
    assert mnist.train_images.dtype == np.uint8 and mnist.note == ""


def test_reads_keras_npz_from_environment(tmp_path, monkeypatch, no_default_sources):
    train_x, train_y = small_mnist_arrays(7, 2)
    test_x, test_y = small_mnist_arrays(3, 3)
    np.savez(tmp_path / "mnist.npz", x_train=train_x, y_train=train_y, x_test=test_x, y_test=test_y)
    monkeypatch.setenv("DATAGEN_LAB_DATA", str(tmp_path))
    mnist = load_mnist()
    np.testing.assert_array_equal(mnist.test_images, test_x)
    assert mnist.source.endswith("mnist.npz")


def test_test_split_only_is_divided_and_says_so(tmp_path, no_default_sources, monkeypatch):
    monkeypatch.setattr(data, "TEST_ONLY_TRAIN_SIZE", 6)
    images, labels = small_mnist_arrays(10, 4)
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images, True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels, True)
    mnist = load_mnist(tmp_path)
    assert len(mnist.train_images) == 6 and len(mnist.test_images) == 4
    assert "divided" in mnist.note
    # every digit lands in exactly one split, with its own label
    together = np.concatenate([mnist.train_images, mnist.test_images]).reshape(10, -1)
    order = [int(np.flatnonzero((images.reshape(10, -1) == row).all(1))[0]) for row in together]
    assert sorted(order) == list(range(10))
    np.testing.assert_array_equal(
        np.concatenate([mnist.train_labels, mnist.test_labels]), labels[order]
    )


def test_missing_data_error_names_every_place(tmp_path, no_default_sources, monkeypatch):
    monkeypatch.setenv("DATAGEN_LAB_DATA", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()

    def offline():
        raise OSError("network is unreachable")

    monkeypatch.setattr(data, "_download_mnist_with_keras", offline)
    with pytest.raises(DataNotFoundError) as error:
        load_mnist()
    message = str(error.value)
    assert str(tmp_path / "empty") in message
    assert "no-keras" in message and "network is unreachable" in message
    assert "DATAGEN_LAB_DATA" in message  # the fix


def test_explicit_source_without_data_fails_clearly(tmp_path, no_default_sources):
    with pytest.raises(DataNotFoundError, match="Could not find MNIST"):
        load_mnist(tmp_path)


def test_missing_and_damaged_data_errors_speak_chinese_in_the_chinese_edition(
    tmp_path, no_default_sources, monkeypatch
):
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    with pytest.raises(DataNotFoundError) as missing:
        load_mnist(tmp_path)
    assert str(missing.value).startswith("找不到MNIST数据。查找过的位置：")
    assert "那里没有mnist.npz" in str(missing.value) and "解决办法：" in str(missing.value)
    assert "DATAGEN_LAB_DATA" in missing.value.fix and "联网" in missing.value.fix
    (tmp_path / "mnist.npz").write_bytes(b"cut short")
    with pytest.raises(DataDamagedError) as damaged:
        load_mnist(tmp_path / "mnist.npz")
    assert "已损坏或不是MNIST" in str(damaged.value) and "删除" in damaged.value.fix


def test_corrupt_idx_file_is_reported(tmp_path, no_default_sources):
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(b"not an idx file")
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"not an idx file")
    with pytest.raises(ValueError, match="not a uint8 IDX file"):
        load_mnist(tmp_path)


def test_offline_copy_is_found(mnist):
    assert mnist.train_images.shape == (8000, 28, 28) and mnist.test_images.shape == (2000, 28, 28)
    assert mnist.train_labels.dtype == np.uint8 and set(np.unique(mnist.train_labels)) == set(
        range(10)
    )
    assert 0 < mnist.train_images.mean() < 255


@pytest.mark.parametrize("name", data.PHOTOS)
def test_bundled_photos(name):
    photo = data.load_photo(name)
    assert photo.dtype == np.uint8 and photo.ndim == 3 and photo.shape[2] == 3
    assert photo.std() > 10  # a real picture, not a blank array


def test_unknown_photo_lists_choices():
    with pytest.raises(ValueError, match="astronaut"):
        data.load_photo("arial")


def test_font_is_shipped_and_missing_fonts_are_named():
    assert data.font_path().name == "DejaVuSans.ttf" and data.font_path().stat().st_size > 10_000
    with pytest.raises(FileNotFoundError, match="DejaVuSans.ttf"):
        data.font_path("arial.ttf")

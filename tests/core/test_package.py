import json
import subprocess
import sys

import numpy as np
import pytest

import datagen_lab
from datagen_lab.environment import check_environment
from datagen_lab.exercises import check_close, check_with
from datagen_lab.plotting import image_grid, show_images

HEAVY = ("tensorflow", "keras", "imgaug", "matplotlib", "nltk", "scipy", "PIL", "cv2")


def test_import_is_light():
    """`import datagen_lab` must not pull in the heavy libraries (Binder starts fast)."""
    code = f"import sys, json, datagen_lab; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert loaded == []


def test_submodules_load_lazily_and_unknown_names_fail():
    assert datagen_lab.data.load_mnist is not None
    with pytest.raises(AttributeError):
        datagen_lab.no_such_module  # noqa: B018


def test_fast_mode_reads_environment(monkeypatch):
    monkeypatch.setenv("DATAGEN_LAB_FAST", "1")
    assert datagen_lab.fast_mode()
    monkeypatch.setenv("DATAGEN_LAB_FAST", "0")
    assert not datagen_lab.fast_mode()


def test_set_seed_drives_random_numpy_and_imgaug():
    import random

    import imgaug.augmenters as iaa

    image = np.arange(64 * 64 * 3, dtype=np.uint8).reshape(64, 64, 3)
    draws = []
    for _ in range(2):
        datagen_lab.set_seed(7)
        draws.append((random.random(), np.random.rand(), iaa.Affine(rotate=(-30, 30))(image=image)))
    assert draws[0][:2] == draws[1][:2]
    np.testing.assert_array_equal(draws[0][2], draws[1][2])
    datagen_lab.set_seed(8)
    assert random.random() != draws[0][0]


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True])
def test_set_seed_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        datagen_lab.set_seed(bad)


def test_image_grid_layout():
    images = np.stack([np.full((2, 3), i + 1, dtype=np.uint8) for i in range(5)])
    grid = image_grid(images, ncols=2, pad=1)
    assert grid.shape == (3 * 3 - 1, 2 * 4 - 1)
    assert grid[0, 0] == 1 and grid[0, 4] == 2 and grid[3, 0] == 3 and grid[6, 0] == 5
    assert grid[2, 0] == 1  # padding takes the batch minimum
    with pytest.raises(ValueError, match=r"images must be a non-empty .*array"):
        image_grid(np.zeros((0, 2, 2)))


def test_show_images_titles_and_float_input():
    fig = show_images(
        np.random.default_rng(0).uniform(-1, 1, (3, 8, 8)), titles=["a", "b", "c"], ncols=2
    )
    assert [ax.get_title() for ax in fig.axes[:3]] == ["a", "b", "c"]
    with pytest.raises(ValueError):
        show_images([])


def test_exercise_feedback():
    assert check_close(0.3, 0.1 + 0.2, "yes", "no").ok
    wrong = check_close(0.5, 0.3, "yes", "try again")
    assert not wrong.ok and "try again" in repr(wrong) and "Not yet" in wrong._repr_html_()
    assert not check_close("abc", 1, "yes", "no").ok
    assert not check_with(
        lambda a: a > 1, None, "yes", "no"
    ).ok  # a crash in the check is a wrong answer


def test_environment_check_passes_here_and_reports_missing_data(monkeypatch):
    assert check_environment(include_tensorflow=False).ok
    from datagen_lab import data

    def nothing(*args, **kwargs):
        raise data.DataNotFoundError("Could not find MNIST.\nFix: set DATAGEN_LAB_DATA")

    monkeypatch.setattr(data, "load_mnist", nothing)
    report = check_environment(include_tensorflow=False)
    mnist = next(c for c in report.checks if c.name == "MNIST")
    assert not report.ok and not mnist.ok and "DATAGEN_LAB_DATA" in mnist.fix


def test_image_browser_slider_changes_picture(mnist):
    from datagen_lab.widgets import image_browser

    box = image_browser(mnist.train_images[:5], mnist.train_labels[:5])
    before = box.image.value
    box.slider.value = 2
    assert box.image.value != before and f"<b>{mnist.train_labels[2]}</b>" in box.caption.value
    assert "datagen-demo" in box._dom_classes

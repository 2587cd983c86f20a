"""The augmentation control panel: controls change the preview, the code matches, seeds replay."""

from __future__ import annotations

import io

import numpy as np
import pytest

from datagen_lab.image.augment import augment_batch
from datagen_lab.image.panel import COMBINE, AugmentationPanel, augmentation_panel


@pytest.fixture
def samples():
    rng = np.random.default_rng(0)
    photo = rng.integers(0, 256, (48, 64, 3), dtype=np.uint8)
    digit = np.zeros((28, 28), np.uint8)
    digit[6:22, 12:16] = 255
    return {"photo": photo, "digit": digit}


@pytest.fixture
def panel(samples):
    return AugmentationPanel(samples, steps={"rotate": 30, "gaussian_noise": 20}, seed=3, n_draws=3)


def pixels(panel):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(panel.preview.value)))


def test_function_returns_a_widget_marked_for_the_browser_test(samples):
    import ipywidgets as widgets

    box = augmentation_panel(samples, n_draws=2)
    assert isinstance(box, widgets.VBox) and "datagen-demo" in box._dom_classes
    assert isinstance(box.panel, AugmentationPanel) and box.panel.widget is box


def test_preview_shows_the_original_and_the_draws(panel, samples):
    grid = pixels(panel)
    assert grid.shape[0] > 48 and grid.shape[1] > 64  # 4 tiles in a row of 4 with padding
    assert panel.preview.format == "jpeg"
    np.testing.assert_array_equal(
        panel.draws(), augment_batch(np.repeat(samples["photo"][None], 3, 0), panel.pipeline())
    )
    assert "seed <b>3</b>" in panel.status.value and "rotate 30" in panel.status.value


def test_redraw_moves_to_the_next_seed_and_the_old_seed_replays(panel):
    first = panel.preview.value
    panel.redraw.click()
    assert panel.seed.value == 4 and panel.preview.value != first
    panel.seed.value = 3
    assert panel.preview.value == first


def test_sliders_and_checkboxes_change_the_preview_and_the_code(panel):
    before, code = panel.preview.value, panel.code.value
    panel.sliders["rotate"].value = 90
    assert panel.preview.value != before and "rotate=(-90, 90)" in panel.code.value
    panel.checks["fliplr"].value = True
    assert "iaa.Fliplr(0.5)" in panel.code.value and panel.code.value != code
    panel.checks["rotate"].value = panel.checks["gaussian_noise"].value = panel.checks[
        "fliplr"
    ].value = False
    assert "identity" in panel.status.value
    np.testing.assert_array_equal(panel.draws(), np.repeat(panel.image()[None], 3, axis=0))


def test_code_box_builds_exactly_the_preview(panel):
    import html

    for combine in COMBINE:
        panel.combine.value = combine
        source = html.unescape(panel.code.value.split(">", 1)[1].rsplit("</pre>", 1)[0])
        namespace = {"image": panel.image()}
        exec(source, namespace)
        np.testing.assert_array_equal(namespace["draws"], panel.draws())


def test_digits_disable_colour_augmenters(panel):
    panel.checks["hue_saturation"].value = True
    panel.sample.value = "digit"
    assert panel.checks["hue_saturation"].disabled and panel.sliders["grayscale"].disabled
    assert "hue_saturation" not in dict(panel.steps()) and "skipped" in panel.status.value
    assert panel.preview.format == "png" and "AddToHueAndSaturation" not in panel.code.value
    panel.sample.value = "photo"
    assert (
        not panel.checks["hue_saturation"].disabled and "AddToHueAndSaturation" in panel.code.value
    )


def test_set_steps_validates_and_changes_nothing_on_error(panel):
    panel.set_steps({"blur": 2})
    assert panel.steps() == [("blur", 2.0)]
    with pytest.raises(ValueError, match=r"rotate.*\[0, 180\]"):
        panel.set_steps({"rotate": 500})
    with pytest.raises(ValueError, match="(?i)unknown augmenter"):
        panel.set_steps({"zoom": 1})
    assert panel.steps() == [("blur", 2.0)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": {}}, "at least one"),
        ({"n_draws": 0}, "n_draws"),
        ({"samples": {"x": np.zeros((2, 2, 4))}}, "RGBA"),
    ],
)
def test_bad_construction_is_refused(samples, kwargs, message):
    arguments = {"samples": samples, **kwargs}
    with pytest.raises(ValueError, match=message):
        AugmentationPanel(**arguments)


def test_static_figure_for_readers_without_widgets(panel):
    import matplotlib

    matplotlib.use("Agg")
    figure = panel.figure()
    assert len([ax for ax in figure.axes if ax.images]) == 4


def test_default_samples_hold_photos_and_every_digit():
    from datagen_lab.image.panel import default_samples

    samples = default_samples()
    assert {"astronaut", "chelsea", "coffee", "quokka"} <= set(samples)
    assert [f"digit {d}" for d in range(10)] == [k for k in samples if k.startswith("digit")]
    assert max(samples["astronaut"].shape[:2]) <= 192

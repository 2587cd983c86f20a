"""The lesson's widgets respond to their controls: set values from Python, check what changed."""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np
import pytest

from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game import panel as gan_panel
from datagen_lab.gan_game import toy_gan
from datagen_lab.gan_game.plots import plot_densities, plot_generator_losses, plot_jsd_sweep
from datagen_lab.gan_game.toy_view import ToyGANView, plot_coverage_runs, smoothed_density


def png_pixels(data: bytes) -> np.ndarray:
    import io

    from matplotlib.image import imread

    return imread(io.BytesIO(data), format="png")


@pytest.fixture(scope="module")
def explorer():
    return gan_panel.distribution_explorer(mean=-1.5, spread=1.2, weight=0.2)


def test_explorer_is_a_tagged_widget_with_a_stable_repr(explorer):
    assert isinstance(explorer, widgets.VBox)
    assert gan_panel.DEMO_CLASS in explorer._dom_classes
    assert repr(explorer) == "DistributionExplorer(mean=-1.5, spread=1.2, weight=0.2)"
    assert png_pixels(explorer.image.value).shape[2] in (3, 4)


def test_explorer_sliders_redraw_the_plot_and_update_the_readout(explorer):
    image, readout, before = explorer.image.value, explorer.readout.value, explorer.summary
    explorer.mean.value = 0.0
    assert explorer.image.value != image
    assert explorer.readout.value != readout
    assert explorer.summary.jsd < before.jsd
    assert not np.array_equal(png_pixels(explorer.image.value), png_pixels(image))


def test_explorer_reaches_minus_log4_when_the_generator_matches_the_data(explorer):
    explorer.mean.value, explorer.spread.value, explorer.weight.value = 0.0, 0.7, 0.6
    assert explorer.summary.value_at_optimum == pytest.approx(-gan_math.LOG4, abs=1e-9)
    assert "global minimum" in explorer.readout.value and "-1.3863" in explorer.readout.value
    explorer.weight.value = 0.0  # drop the right-hand mode: KL(p_data || p_g) explodes
    assert explorer.summary.kl_data_g > 5 * explorer.summary.kl_g_data
    assert "above its minimum" in explorer.readout.value


@pytest.fixture()
def trainer():
    return gan_panel.gan_trainer(steps_per_frame=5)


def test_trainer_play_ticks_train_and_redraw(trainer):
    assert gan_panel.DEMO_CLASS in trainer._dom_classes
    assert trainer.gan.steps == 0 and "press ▶" in trainer.readout.value
    image = trainer.image.value
    trainer.play.value = 1  # what the browser's timer does while playing
    assert trainer.gan.steps == 5
    assert trainer.image.value != image
    assert "step 5" in trainer.readout.value
    time.sleep(2 * gan_panel.BACKLOG_GAP_S)  # the browser's next tick, not a queued one
    trainer.play.value = 2
    assert trainer.gan.steps == 10


def test_trainer_step_button_and_reset(trainer):
    trainer.step_button.click()
    trainer.step_button.click()
    assert trainer.gan.steps == 10
    first = list(trainer.gan.history["d_loss"])
    trainer.reset_button.click()
    assert trainer.gan.steps == 0 and trainer.play.value == 0
    trainer.step(2)
    assert trainer.gan.history["d_loss"] == first  # same seed: a reset replays the run


def test_trainer_settings_and_presets_rebuild_the_gan(trainer):
    trainer.step()
    trainer.data.value = "bimodal"
    assert trainer.gan.steps == 0 and trainer.gan.data.dim == 1
    trainer.step()
    assert "JSD" in trainer.readout.value
    trainer.preset.value = "fast generator + 5 D steps: remedy"
    assert trainer.gan.config == toy_gan.REMEDY
    assert (trainer.d_steps.value, trainer.data.value) == (5, "ring")
    trainer.lr_g.value = 1e-3
    assert trainer.preset.value == "custom" and trainer.gan.config.lr_g == pytest.approx(1e-3)
    assert repr(trainer).startswith("GANTrainer(data='ring'")


def test_play_ticks_queued_behind_a_slow_frame_are_dropped(trainer, monkeypatch):
    # what time.monotonic() answers: tick 1 arrives and its frame ends at 100.0, tick 2 is
    # handled at 100.01 (it queued behind frame 1), tick 3 at 100.5; its frame ends at 100.9
    clock = iter([100.0, 100.0, 100.01, 100.5, 100.9])
    monkeypatch.setattr(gan_panel.time, "monotonic", lambda: next(clock))
    trainer.play.value = 1  # trains; the frame ends at t = 100.0
    trainer.play.value = 2  # handled 10 ms later: it waited in the queue, dropped
    assert (trainer.gan.steps, trainer.dropped_ticks) == (5, 1)
    trainer.play.value = 3  # handled 0.5 s after the last frame: a fresh tick, trained
    assert (trainer.gan.steps, trainer.dropped_ticks) == (10, 1)


def test_rewinding_play_does_not_train(trainer):
    trainer.play.value = 3
    steps = trainer.gan.steps
    trainer.play.value = 1  # a slider dragged back, or the Play widget's stop button
    assert trainer.gan.steps == steps


def test_static_figures_render():
    x = gan_math.grid()
    figures = [
        plot_densities(x, gan_math.DATA.pdf(x), gan_math.two_mode(1.0).pdf(x)),
        plot_generator_losses(),
        plot_jsd_sweep(gan_math.sweep_generator_mean(np.linspace(-4, 4, 9), x)),
    ]
    for fig in figures:
        assert len(fig.axes) >= 1
    gan = toy_gan.make_gan(hidden=16).step(5)
    noise = np.random.default_rng(0).normal(size=(50, 2))
    view = ToyGANView(gan.data, noise).update(gan)
    assert "modes covered" in view.status
    assert len(plot_coverage_runs({"a": gan, "b": gan}, noise).axes) >= 2


def test_smoothed_density_integrates_to_one():
    x = np.linspace(-10, 10, 4001)
    density = smoothed_density(np.random.default_rng(0).normal(size=300), x)
    assert gan_math.integrate(density, x) == pytest.approx(1.0, abs=1e-6)


# ---- in a real browser -----------------------------------------------------------------------

TRAINER_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": "from datagen_lab.gan_game.panel import gan_trainer\ngan_trainer(steps_per_frame=2)",
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _trainer_step(page) -> int:
    import re

    text = page.locator(".datagen-demo .widget-html-content").first.inner_text()
    return int(re.search(r"step (\d+)", text).group(1))


@pytest.mark.slow
@pytest.mark.browser
def test_play_pause_and_step_work_in_jupyterlab(tmp_path):
    """Play trains on the browser's timer, pause stops it, Step trains one frame: in Chromium."""
    import json
    import sys
    import time

    from browser_helpers import (
        ARTIFACTS,
        JupyterLab,
        _open_notebook,
        _run_all,
        _wait_kernel_idle,
        chromium,
        fast_env,
        new_page,
    )

    (tmp_path / "trainer.ipynb").write_text(json.dumps(TRAINER_NOTEBOOK))
    with JupyterLab(sys.executable, tmp_path, env=fast_env()) as lab, chromium() as browser:
        page = new_page(browser)
        try:
            _open_notebook(page, lab, "trainer.ipynb")
            _run_all(page, "trainer.ipynb", timeout=180)
            demo = page.locator(".datagen-demo").first
            demo.wait_for(timeout=60_000)
            assert _trainer_step(page) == 0
            demo.locator("button[title='train one frame']").click()
            deadline = time.monotonic() + 60
            while _trainer_step(page) != 2 and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert _trainer_step(page) == 2, "Step did not train one frame of 2 steps"

            play = demo.locator(".widget-play button")
            play.nth(0).click()  # ▶
            deadline = time.monotonic() + 90
            while _trainer_step(page) < 10 and time.monotonic() < deadline:
                page.wait_for_timeout(300)
            assert _trainer_step(page) >= 10, "playing did not keep training"
            play.nth(0).click()  # the same button, now ❚❚, pauses
            page.wait_for_timeout(1500)  # frames already sent may still arrive
            _wait_kernel_idle(page, "trainer.ipynb")
            paused_at = _trainer_step(page)
            page.wait_for_timeout(2500)
            assert _trainer_step(page) == paused_at, "training went on after pause"
            assert page.evaluate("() => window.__datagenKernelErrors || []") == []
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "gan_trainer_play.png"))
            page.context.close()

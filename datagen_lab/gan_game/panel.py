"""Widgets for the GAN minimax lesson: the distribution explorer and the step-by-step trainer.

Both are ``ipywidgets.VBox`` subclasses built by a function (:func:`distribution_explorer`,
:func:`gan_trainer`); importing this module displays nothing. Their pictures are PNG bytes in
an ``ipywidgets.Image``, so what they draw can be checked from Python: set a control's value,
or call :meth:`GANTrainer.step`, and compare ``.image.value`` and ``.readout.value``.

The trainer's play button is an ``ipywidgets.Play``: the browser advances its value on a timer
and every change trains a few steps and redraws; pause stops the timer. No thread is involved,
so a paused trainer is really idle and a test drives it by setting ``play.value``. The timer does
not wait for the kernel: when a frame takes longer than a tick, ticks queue up, and the ones
that arrive while the kernel is still catching up are dropped, so pause acts at once.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import ipywidgets as widgets
import numpy as np

from datagen_lab.checks import InputError, check_number, check_positive_int
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game import toy_gan
from datagen_lab.gan_game.plots import DensityView, to_png
from datagen_lab.gan_game.toy_view import ToyGANView
from datagen_lab.i18n import labelled, t

DEMO_CLASS = "datagen-demo"
VIEW_SAMPLES = 500
# A play tick handled less than this long after the previous frame finished was queued while the
# kernel was busy: drop it instead of training (ticks arrive every 400 ms when nothing is queued).
BACKLOG_GAP_S = 0.05
# The explorer's slider ranges: a start outside them would be clamped by the slider, silently.
MEAN_RANGE, SPREAD_RANGE, WEIGHT_RANGE = (-3.0, 3.0), (0.2, 1.5), (0.0, 1.0)


class DistributionExplorer(widgets.VBox):
    """Sliders for the generator's two-mode family; live plot of p_data, p_g, D*; V/JSD/KL readout.

    Attributes:
        mean, spread, weight: the sliders (``gan_math.two_mode`` parameters).
        image: the plot (PNG bytes); readout: HTML with V(D*, G), -log 4 + 2 JSD, JSD and KLs.
        summary: the latest :class:`datagen_lab.gan_game.minimax.Summary`.
    """

    def __init__(self, mean: float = -1.5, spread: float = 1.2, weight: float = 0.2) -> None:
        for name, value, (low, high) in (
            ("mean", mean, MEAN_RANGE),
            ("spread", spread, SPREAD_RANGE),
            ("weight", weight, WEIGHT_RANGE),
        ):
            check_number(value, name, low=low, high=high, what="the range of its slider")
        self.x = gan_math.grid()
        self.p_data = gan_math.DATA.pdf(self.x)
        self.view = DensityView(self.x, self.p_data)
        style = {"description_width": "90px"}
        self.mean = widgets.FloatSlider(
            mean, min=-3, max=3, step=0.1, description=t("mean"), style=style
        )
        self.spread = widgets.FloatSlider(
            spread, min=0.2, max=1.5, step=0.05, description=t("spread"), style=style
        )
        self.weight = widgets.FloatSlider(
            weight, min=0, max=1, step=0.05, description=t("right mode"), style=style
        )
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="800px")
        )
        self.readout = widgets.HTML()
        for slider in (self.mean, self.spread, self.weight):
            slider.observe(self._redraw, names="value")
        super().__init__(
            [widgets.HBox([self.mean, self.spread, self.weight]), self.image, self.readout]
        )
        self.add_class(DEMO_CLASS)
        self._redraw()

    def _redraw(self, _change=None) -> None:
        p_g = gan_math.two_mode(self.mean.value, self.spread.value, self.weight.value).pdf(self.x)
        self.summary = gan_math.summarize(self.p_data, p_g, self.x)
        mean, spread, weight = self.mean.value, self.spread.value, self.weight.value
        title = t(
            "generator: modes at {left:+.1f} and {right:+.1f}, spread {spread:.2f},"
            " {weight:.0%} on the right",
            left=mean - 2,
            right=mean + 2,
            spread=spread,
            weight=weight,
        )
        self.view.update(p_g, title=title)
        self.image.value = to_png(self.view.figure)
        self.readout.value = summary_html(self.summary)

    def __repr__(self) -> str:
        return (
            f"DistributionExplorer(mean={self.mean.value}, spread={self.spread.value}, "
            f"weight={self.weight.value})"
        )


def distribution_explorer(
    mean: float = -1.5, spread: float = 1.2, weight: float = 0.2
) -> DistributionExplorer:
    """The explorer widget, starting from the given generator parameters (see ``two_mode``)."""
    return DistributionExplorer(mean, spread, weight)


def summary_html(summary: gan_math.Summary) -> str:
    """The readout: a small table of V at D*, its closed form, JSD and both KLs, with a verdict."""
    if not isinstance(summary, gan_math.Summary):
        raise InputError("summary", summary, "a gan_math.Summary, as gan_math.summarize returns")
    rows = [
        (t("V(D*, G), integrated"), summary.value_at_optimum),
        (t("-log 4 + 2 JSD, closed form"), summary.closed_form),
        (t("JSD(p_data ‖ p_g), at most log 2 = 0.6931"), summary.jsd),
        (t("KL(p_data ‖ p_g): data the generator misses"), summary.kl_data_g),
        (t("KL(p_g ‖ p_data): fakes where there is no data"), summary.kl_g_data),
    ]
    cells = "".join(
        f"<tr><td style='padding:0 1em 0 0'>{name}</td>"
        f"<td style='padding:0;text-align:right'><code>{gan_math.format_nats(value)}</code></td></tr>"
        for name, value in rows
    )
    if summary.jsd < 1e-3:
        verdict = t(
            "✅ p_g matches p_data: V(D*, G) is at its global minimum -log 4 = -1.3863"
            " and D* = 1/2 everywhere."
        )
    else:
        verdict = t(
            "V(D*, G) is {gap:.4f} above its minimum -log 4: move the sliders to close the gap.",
            gap=summary.value_at_optimum + gan_math.LOG4,
        )
    return f"<table style='line-height:1.3'>{cells}</table><p>{verdict}</p>"


class GANTrainer(widgets.VBox):
    """Train a :class:`datagen_lab.gan_game.toy_gan.ToyGAN` frame by frame: play, pause, step, reset.

    Attributes:
        gan: the GAN being trained (replaced when a setting changes); view: its ToyGANView.
        preset, data, loss, d_steps, lr_d, lr_g, steps_per_frame: the controls.
        play: ``ipywidgets.Play`` (each value change = one frame); step_button, reset_button.
        image: the current frame (PNG bytes); readout: HTML with the latest numbers.
    """

    def __init__(
        self, config: toy_gan.ToyGANConfig | None = None, steps_per_frame: int = 20
    ) -> None:
        if config is not None and not isinstance(config, toy_gan.ToyGANConfig):
            raise InputError(
                "config", config, "a toy_gan.ToyGANConfig (e.g. toy_gan.BALANCED) or None"
            )
        steps_per_frame = check_positive_int(steps_per_frame, "steps_per_frame")
        self._base = config or toy_gan.BALANCED
        self._applying = False  # True while the widget moves its own controls
        self._last_frame = float("-inf")
        self.dropped_ticks = 0
        config = self._base
        style = {"description_width": "110px"}
        self.preset = widgets.Dropdown(
            options=labelled(["custom", *toy_gan.PRESETS]),
            value="custom",
            description=t("preset"),
            style=style,
        )
        self.data = widgets.Dropdown(
            options=labelled(["ring", "bimodal"]),
            value=config.data,
            description=t("data"),
            style=style,
        )
        self.loss = widgets.Dropdown(
            options=labelled(list(gan_math.GENERATOR_LOSSES)),
            value=config.loss,
            description=t("generator loss"),
            style=style,
        )
        # The sliders' ranges stretch to hold the config's own values: a slider clamps a value
        # outside its range, which would silently train another GAN than the one asked for.
        self.d_steps = widgets.IntSlider(
            config.d_steps,
            min=1,
            max=max(10, config.d_steps),
            description=t("D steps k"),
            style=style,
        )
        self.lr_d = widgets.FloatLogSlider(
            config.lr_d,
            base=10,
            min=_log_floor(config.lr_d),
            max=_log_ceiling(config.lr_d),
            description=t("D learning rate"),
            style=style,
        )
        self.lr_g = widgets.FloatLogSlider(
            config.lr_g,
            base=10,
            min=_log_floor(config.lr_g),
            max=_log_ceiling(config.lr_g),
            description=t("G learning rate"),
            style=style,
        )
        self.steps_per_frame = widgets.IntSlider(
            steps_per_frame,
            min=1,
            max=max(200, steps_per_frame),
            description=t("steps per frame"),
            style=style,
        )
        self.play = widgets.Play(
            value=0, min=0, max=100_000, interval=400, show_repeat=False, description=t("play")
        )
        self.step_button = widgets.Button(
            description=t("Step"), icon="step-forward", tooltip=t("train one frame")
        )
        self.reset_button = widgets.Button(
            description=t("Reset"), icon="undo", tooltip=t("new networks, same seed")
        )
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="1000px")
        )
        self.readout = widgets.HTML()
        settings = (self.data, self.loss, self.d_steps, self.lr_d, self.lr_g)
        for control in settings:
            control.observe(self._on_setting, names="value")
        self.preset.observe(self._on_preset, names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step())
        self.reset_button.on_click(lambda _button: self.reset())
        buttons = widgets.HBox(
            [self.play, self.step_button, self.reset_button, self.steps_per_frame]
        )
        columns = widgets.HBox(
            [widgets.VBox([self.preset, self.data, self.loss]), widgets.VBox(list(settings[2:]))]
        )
        super().__init__([columns, buttons, self.image, self.readout])
        self.add_class(DEMO_CLASS)
        self.reset()

    @property
    def config(self) -> toy_gan.ToyGANConfig:
        """The configuration the controls describe."""
        return replace(
            self._base,
            data=self.data.value,
            loss=self.loss.value,
            d_steps=self.d_steps.value,
            lr_d=self.lr_d.value,
            lr_g=self.lr_g.value,
        )

    def reset(self) -> None:
        """Fresh networks for the current settings (same seed, so a reset replays the run)."""
        self.play.playing = False
        self._applying = True  # rewinding the play counter must not train a frame
        self.play.value = 0
        self._applying = False
        self.gan = toy_gan.make_gan(self.config)
        noise = np.random.default_rng(12345).standard_normal(
            (VIEW_SAMPLES, self.gan.config.latent_dim)
        )
        self.view = ToyGANView(self.gan.data, noise)
        self._draw()

    def step(self, frames: int = 1) -> None:
        """Train ``frames`` (>= 1) x ``steps_per_frame`` steps, then redraw once."""
        frames = check_positive_int(frames, "frames")
        self.gan.step(frames * self.steps_per_frame.value)
        self._draw()

    def _draw(self) -> None:
        self.image.value = self.view.update(self.gan).png()
        history, steps = self.gan.history, self.gan.steps
        last = {key: values[-1] for key, values in history.items()} if steps else {}
        numbers = (
            t(
                "D loss {d_loss:.3f} · G loss {g_loss:.3f} · mean D(x) {d_real:.2f} · "
                "mean D(G(z)) {d_fake:.2f}",
                **last,
            )
            if steps
            else t("press ▶ to train, or Step for one frame")
        )
        c = self.gan.config
        run = t(
            "{data}, {loss} loss, k = {k} D steps per G step, "
            "learning rates D {lr_d:.1e} / G {lr_g:.1e}, seed {seed}",
            data=t(c.data),
            loss=t(c.loss).replace("_", "-"),
            k=c.d_steps,
            lr_d=c.lr_d,
            lr_g=c.lr_g,
            seed=c.seed,
        )
        self.readout.value = t(
            "<b>step {steps}</b> · {status} · {numbers}<br><small>{run}</small>",
            steps=steps,
            status=self.view.status,
            numbers=numbers,
            run=run,
        )

    def _on_play(self, change) -> None:
        if self._applying or change["new"] <= change["old"]:
            return  # a rewind (reset, the stop button) trains nothing
        if time.monotonic() - self._last_frame < BACKLOG_GAP_S:
            self.dropped_ticks += 1
            return
        self.step()
        self._last_frame = time.monotonic()

    def _on_setting(self, _change) -> None:
        if self._applying:
            return
        self._applying = True
        self.preset.value = "custom"
        self._applying = False
        self.reset()

    def _on_preset(self, change) -> None:
        if self._applying or change["new"] == "custom":
            return
        chosen = self._base = toy_gan.PRESETS[change["new"]]
        self._applying = True
        for slider, value in ((self.lr_d, chosen.lr_d), (self.lr_g, chosen.lr_g)):
            slider.min, slider.max = (
                min(slider.min, _log_floor(value)),
                max(slider.max, _log_ceiling(value)),
            )
        self.d_steps.max = max(self.d_steps.max, chosen.d_steps)
        self.data.value = chosen.data
        self.loss.value = chosen.loss
        self.d_steps.value = chosen.d_steps
        self.lr_d.value = chosen.lr_d
        self.lr_g.value = chosen.lr_g
        self._applying = False
        self.reset()

    def __repr__(self) -> str:
        c = self.config
        return f"GANTrainer(data={c.data!r}, loss={c.loss!r}, d_steps={c.d_steps}, lr_d={c.lr_d:g}, lr_g={c.lr_g:g})"


def gan_trainer(
    config: toy_gan.ToyGANConfig | None = None, steps_per_frame: int = 20
) -> GANTrainer:
    """The step-by-step trainer widget for ``config`` (default ``toy_gan.BALANCED``)."""
    return GANTrainer(config, steps_per_frame)


def _log_floor(rate: float) -> float:
    """The learning-rate sliders' lower end (a power of 10): -4.5, lower if ``rate`` needs it."""
    return min(-4.5, math.floor(math.log10(rate)))


def _log_ceiling(rate: float) -> float:
    """The learning-rate sliders' upper end: -2, higher if ``rate`` needs it."""
    return max(-2.0, math.ceil(math.log10(rate)))

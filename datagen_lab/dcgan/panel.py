"""Lesson 4's controls: a seed slider, a latent-path explorer and the live training dashboard.

* :func:`seed_slider`: new digits for every seed, with the classifier's labels;
* :func:`interpolation_widget`: two seeds and a linear/spherical toggle, the digits between them
  (the paths are :mod:`datagen_lab.dcgan.latent`'s);
* :class:`LiveDashboard`: a ``Trainer`` callback that redraws :func:`datagen_lab.dcgan.plots.plot_training`.
"""

from __future__ import annotations

import math
import time

import numpy as np

from datagen_lab.checks import check_number, check_positive_int
from datagen_lab.dcgan.latent import (
    METHODS,
    _check_latent_size,
    _check_steps,
    interpolate,
    interpolation_strip,
)
from datagen_lab.dcgan.plots import plot_training
from datagen_lab.i18n import labelled, t
from datagen_lab.widgets import demo_box


def seed_slider(generator, count: int = 16, scale: int = 3, classify: bool = True):
    """A seed slider that draws ``count`` new digits per seed, with the classifier's labels.

    Args:
        generator: a Keras generator (``input_shape[-1]`` is its noise size).
        count: digits per seed, >= 1; scale: pixel magnification, >= 1.
        classify: show the classifier's labels under the digits.

    Returns:
        An ``ipywidgets.VBox`` (CSS class ``datagen-demo``); ``box.slider``, ``box.image`` and
        ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets

    from datagen_lab.dcgan.model import generate, sample_noise

    _check_latent_size(generator)
    count = check_positive_int(count, "count", "digits per seed")
    scale = check_positive_int(scale, "scale", "pixel magnification")

    slider = widgets.IntSlider(
        value=0, min=0, max=999, description=t("seed"), continuous_update=False
    )
    picture, caption = widgets.Image(format="png"), widgets.HTML()
    noise_dim = generator.input_shape[-1]

    def draw(change=None) -> None:
        digits = generate(generator, sample_noise(count, noise_dim, seed=slider.value))
        picture.value = _png(digits, ncols=min(count, 8), scale=scale)
        caption.value = _labels_html(digits) if classify else t("seed {seed}", seed=slider.value)

    slider.observe(draw, names="value")
    draw()
    return demo_box([slider, picture, caption], slider=slider, image=picture, caption=caption)


def interpolation_widget(generator, steps: int = 10, scale: int = 3):
    """Two seed sliders and a linear/spherical toggle: the strip of digits between them.

    Returns:
        An ``ipywidgets.VBox`` (CSS class ``datagen-demo``) with ``box.start``, ``box.end``,
        ``box.method``, ``box.image`` and ``box.caption``. ``steps`` >= 2, ``scale`` >= 1.
    """
    import ipywidgets as widgets

    from datagen_lab.dcgan.model import sample_noise

    _check_latent_size(generator)
    steps = _check_steps(steps)
    scale = check_positive_int(scale, "scale", "pixel magnification")

    noise_dim = generator.input_shape[-1]
    start = widgets.IntSlider(
        value=1, min=0, max=999, description=t("seed A"), continuous_update=False
    )
    end = widgets.IntSlider(
        value=2, min=0, max=999, description=t("seed B"), continuous_update=False
    )
    method = widgets.ToggleButtons(
        options=labelled(list(METHODS)), value="spherical", description=t("path")
    )
    picture, caption = widgets.Image(format="png"), widgets.HTML()

    def draw(change=None) -> None:
        z0 = sample_noise(1, noise_dim, seed=start.value)[0]
        z1 = sample_noise(1, noise_dim, seed=end.value)[0]
        strip = interpolation_strip(generator, z0, z1, steps, method.value)
        picture.value = _png(strip, ncols=steps, scale=scale)
        norms = np.linalg.norm(interpolate(z0, z1, steps, method.value), axis=1)
        caption.value = (
            _labels_html(strip)
            + "<br>"
            + t("|z| along the path: {low:.1f} to {high:.1f}", low=norms.min(), high=norms.max())
        )

    for control in (start, end, method):
        control.observe(draw, names="value")
    draw()
    controls = widgets.HBox([start, end])
    return demo_box(
        [controls, method, picture, caption],
        start=start,
        end=end,
        method=method,
        image=picture,
        caption=caption,
    )


class LiveDashboard:
    """Training callback: redraw :func:`plot_training` in place every ``every_seconds``.

    In a notebook the figure appears under the cell and updates; elsewhere (scripts, tests)
    it draws nothing unless ``force=True``. The last figure stays as the cell's output.

    Args:
        every_seconds: time between redraws (drawing costs ~0.3 s; keep it a few seconds).
        force: draw even outside a notebook kernel (for tests; figures are closed at once).
    """

    def __init__(self, every_seconds: float = 5.0, force: bool = False):
        every_seconds = check_number(every_seconds, "every_seconds", low=0.0, what="seconds")
        self.every = float(every_seconds)
        self.force = force
        self.handle = None
        self.redraws = 0
        self._last = -math.inf

    def on_train_begin(self, trainer) -> None:
        self._last = -math.inf
        if self._active():
            self._draw(trainer)

    def on_step_end(self, trainer, logs) -> None:
        if time.perf_counter() - self._last >= self.every and self._active():
            self._draw(trainer)

    def on_train_end(self, trainer) -> None:
        if self._active():
            self._draw(trainer)

    def _active(self) -> bool:
        if self.force:
            return True
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
        return shell is not None and getattr(shell, "kernel", None) is not None

    def _draw(self, trainer) -> None:
        import matplotlib.pyplot as plt

        fig = plot_training(trainer)
        if self.handle is None and not self.force:
            from IPython.display import display

            self.handle = display(fig, display_id=True)
        elif self.handle is not None:
            self.handle.update(fig)
        plt.close(fig)
        self.redraws += 1
        self._last = time.perf_counter()


def _png(digits: np.ndarray, ncols: int, scale: int) -> bytes:
    from datagen_lab.plotting import image_grid
    from datagen_lab.widgets import png_bytes

    return png_bytes(image_grid(digits, ncols=ncols, pad=2), scale=scale)


def _labels_html(digits: np.ndarray) -> str:
    from datagen_lab.classifier import predict_digits

    labels, confidences = predict_digits(digits)
    cells = " ".join(
        f"<b>{label}</b>" if confidence >= 0.9 else str(label)
        for label, confidence in zip(labels, confidences, strict=True)
    )
    return t("classifier says: {cells} (bold: confidence >= 0.9)", cells=cells)

r"""Walking the generator's latent space.

* :func:`lerp` and :func:`slerp`: paths between two latent vectors. For Gaussian noise in
  :math:`d` dimensions almost every sample has norm close to :math:`\sqrt{d}`; the straight line
  between two samples cuts through the inside of that shell (its midpoint has norm about
  :math:`\sqrt{d/2}`), where the generator saw no training noise. The spherical path
  :math:`\frac{\sin((1-t)\Omega)}{\sin\Omega} z_0 + \frac{\sin(t\Omega)}{\sin\Omega} z_1` stays on it.
* :func:`seed_slider` and :func:`interpolation_widget`: the same ideas as ipywidgets controls.
* :func:`write_digits` and :func:`read_digits` (a labelled dataset of generated digits) live in
  :mod:`datagen_lab.dcgan.dataset` and are re-exported here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
    check_positive_int,
)
from datagen_lab.dcgan.dataset import (  # noqa: F401 (re-exported)
    DigitSet,
    read_digits,
    write_digits,
)
from datagen_lab.widgets import demo_box

METHODS = ("linear", "spherical")


def lerp(z0: np.ndarray, z1: np.ndarray, steps: int) -> np.ndarray:
    """Straight-line path: (steps, D) float32 from ``z0`` (D,) to ``z1`` (D,), ends included."""
    z0, z1 = _pair(z0, z1, steps)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    return ((1 - t) * z0 + t * z1).astype(np.float32)


def slerp(z0: np.ndarray, z1: np.ndarray, steps: int) -> np.ndarray:
    """Spherical path (Shoemake's slerp): (steps, D) float32, ends included.

    The angle Ω between the vectors is swept at constant speed and the norm moves smoothly from
    ``|z0|`` to ``|z1|``; for (anti)parallel vectors it falls back to :func:`lerp`.
    """
    z0, z1 = _pair(z0, z1, steps)
    n0, n1 = np.linalg.norm(z0), np.linalg.norm(z1)
    if n0 == 0 or n1 == 0:
        return lerp(z0, z1, steps)
    omega = np.arccos(np.clip(np.dot(z0 / n0, z1 / n1), -1.0, 1.0))
    if np.sin(omega) < 1e-6:
        return lerp(z0, z1, steps)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    path = (np.sin((1 - t) * omega) * z0 + np.sin(t * omega) * z1) / np.sin(omega)
    return path.astype(np.float32)


def interpolate(
    z0: np.ndarray, z1: np.ndarray, steps: int, method: str = "spherical"
) -> np.ndarray:
    """:func:`lerp` (``method="linear"``) or :func:`slerp` (``"spherical"``)."""
    check_choice(method, "method", METHODS)
    return (lerp if method == "linear" else slerp)(z0, z1, steps)


def interpolation_strip(
    generator, z0, z1, steps: int = 10, method: str = "spherical"
) -> np.ndarray:
    """Digits along a latent path: uint8 (steps, 28, 28).

    ``generator``: a Keras generator whose input size is the length of ``z0`` and ``z1``.
    """
    from datagen_lab.dcgan.model import generate

    path = interpolate(z0, z1, steps, method)
    _check_latent_size(generator, path.shape[1])
    return generate(generator, path)


def plot_interpolations(generator, z0: np.ndarray, z1: np.ndarray, steps: int = 10):
    """Two strips (linear, spherical) and the latent norm along each path; returns the Figure."""
    import matplotlib.pyplot as plt

    _check_latent_size(generator, interpolate(z0, z1, steps, "linear").shape[1])  # before drawing

    from datagen_lab.plotting import image_grid

    fig = plt.figure(figsize=(12, 3.6))
    grid = fig.add_gridspec(2, 2, width_ratios=(3.2, 1))
    norm_ax = fig.add_subplot(grid[:, 1])
    for row, method in enumerate(METHODS):
        ax = fig.add_subplot(grid[row, 0])
        strip = image_grid(
            interpolation_strip(generator, z0, z1, steps, method), ncols=steps, pad=2
        )
        ax.imshow(strip, cmap="gray", vmin=0, vmax=255)
        ax.set_title(f"{method} interpolation", fontsize=10, loc="left")
        ax.axis("off")
        norm_ax.plot(
            np.linspace(0, 1, steps),
            np.linalg.norm(interpolate(z0, z1, steps, method), axis=1),
            "o-",
            label=method,
        )
    norm_ax.axhline(np.sqrt(len(z0)), color="k", ls=":", lw=1, label=r"$\sqrt{d}$")
    norm_ax.set_xlabel("t")
    norm_ax.set_ylabel("|z|")
    norm_ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


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

    slider = widgets.IntSlider(value=0, min=0, max=999, description="seed", continuous_update=False)
    picture, caption = widgets.Image(format="png"), widgets.HTML()
    noise_dim = generator.input_shape[-1]

    def draw(change=None) -> None:
        digits = generate(generator, sample_noise(count, noise_dim, seed=slider.value))
        picture.value = _png(digits, ncols=min(count, 8), scale=scale)
        caption.value = _labels_html(digits) if classify else f"seed {slider.value}"

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
        value=1, min=0, max=999, description="seed A", continuous_update=False
    )
    end = widgets.IntSlider(value=2, min=0, max=999, description="seed B", continuous_update=False)
    method = widgets.ToggleButtons(options=list(METHODS), value="spherical", description="path")
    picture, caption = widgets.Image(format="png"), widgets.HTML()

    def draw(change=None) -> None:
        z0 = sample_noise(1, noise_dim, seed=start.value)[0]
        z1 = sample_noise(1, noise_dim, seed=end.value)[0]
        strip = interpolation_strip(generator, z0, z1, steps, method.value)
        picture.value = _png(strip, ncols=steps, scale=scale)
        norms = np.linalg.norm(interpolate(z0, z1, steps, method.value), axis=1)
        caption.value = (
            _labels_html(strip) + f"<br>|z| along the path: {norms.min():.1f} to {norms.max():.1f}"
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


def _pair(z0, z1, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Two finite latent vectors of one length, as float64, and a valid ``steps``."""
    z0 = check_array(z0, "z0", ndim=1, what="a latent vector").astype(np.float64)
    z1 = check_array(z1, "z1", ndim=1, what="a latent vector").astype(np.float64)
    if z1.shape != z0.shape:
        raise InputError("z1", z1, f"a 1-D vector of the same length as z0 ({len(z0)})")
    _check_steps(steps)
    return z0, z1


def _check_steps(steps: Any) -> int:
    return check_int(steps, "steps", low=2, what="points on the path, at least 2 (both ends)")


def _check_latent_size(generator: Any, size: int | None = None) -> int:
    """The generator's noise size (``input_shape[-1]``); it must equal ``size`` when given."""
    shape = getattr(generator, "input_shape", None)
    if not callable(generator) or not isinstance(shape, tuple | list) or not shape:
        raise InputError("generator", generator, "a Keras generator (with an input_shape)")
    if size is not None and shape[-1] != size:
        raise InputError(
            "z0",
            f"{size} numbers",
            f"a latent vector of the generator's size, {shape[-1]}",
            got_text=f"a vector of length {size}",
        )
    return shape[-1]


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
    return f"classifier says: {cells} (bold: confidence >= 0.9)"

r"""Walking the generator's latent space, and turning its samples into a labelled dataset.

* :func:`lerp` and :func:`slerp`: paths between two latent vectors. For Gaussian noise in
  :math:`d` dimensions almost every sample has norm close to :math:`\sqrt{d}`; the straight line
  between two samples cuts through the inside of that shell (its midpoint has norm about
  :math:`\sqrt{d/2}`), where the generator saw no training noise. The spherical path
  :math:`\frac{\sin((1-t)\Omega)}{\sin\Omega} z_0 + \frac{\sin(t\Omega)}{\sin\Omega} z_1` stays on it.
* :func:`seed_slider` and :func:`interpolation_widget`: the same ideas as ipywidgets controls.
* :func:`write_digits`: generate digits, label them with the classifier, keep the confident ones and
  write PNG files plus a ``manifest.csv`` (or one ``digits.npz``); :func:`read_digits` reads them back.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
    return (lerp if method == "linear" else slerp)(z0, z1, steps)


def interpolation_strip(
    generator, z0, z1, steps: int = 10, method: str = "spherical"
) -> np.ndarray:
    """Digits along a latent path: uint8 (steps, 28, 28)."""
    from datagen_lab.dcgan import generate

    return generate(generator, interpolate(z0, z1, steps, method))


def plot_interpolations(generator, z0: np.ndarray, z1: np.ndarray, steps: int = 10):
    """Two strips (linear, spherical) and the latent norm along each path; returns the Figure."""
    import matplotlib.pyplot as plt

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

    Returns:
        An ``ipywidgets.VBox`` (CSS class ``datagen-demo``); ``box.slider``, ``box.image`` and
        ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets

    from datagen_lab.dcgan import generate, sample_noise

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
        ``box.method``, ``box.image`` and ``box.caption``.
    """
    import ipywidgets as widgets

    from datagen_lab.dcgan import sample_noise

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


@dataclass(frozen=True)
class DigitSet:
    """Generated digits on disk, as written by :func:`write_digits` or read by :func:`read_digits`.

    Attributes:
        images: uint8 (N, 28, 28); labels: int64 (N,) classifier labels; confidences: float32 (N,).
        folder: where they live; acceptance: share of generated digits that passed the filter.
    """

    images: np.ndarray
    labels: np.ndarray
    confidences: np.ndarray
    folder: Path
    acceptance: float = 1.0

    def __repr__(self) -> str:
        counts = np.bincount(self.labels, minlength=10).tolist()
        return f"DigitSet({len(self.labels)} digits in {self.folder}, per class {counts}, acceptance {self.acceptance:.0%})"


def write_digits(
    sample: Callable[[int, int], np.ndarray], n: int, folder: str | Path, min_confidence: float = 0.0,
    fmt: str = "png", seed: int = 0, batch: int = 500, max_batches: int = 50, overwrite: bool = False,
) -> DigitSet:  # fmt: skip
    """Generate ``n`` digits, label them with the classifier, keep confident ones, write to disk.

    Args:
        sample: ``sample(count, seed) -> uint8 (count, 28, 28)``, e.g. ``trainer.task.sample``.
        n: digits to keep.
        folder: output folder; ``fmt="png"`` writes ``images/NNNNN.png`` and ``manifest.csv``
            (file, label, confidence, seed, index), ``fmt="npz"`` writes ``digits.npz``.
        min_confidence: keep digits whose top-class probability is at least this (0 keeps all).
        seed: first noise seed; batch ``k`` uses ``seed + k`` (recorded in the manifest).
        max_batches: give up after this many batches of ``batch`` samples.
        overwrite: replace an existing set in ``folder`` (otherwise refuse).

    Returns:
        A :class:`DigitSet`.
    """
    from datagen_lab.classifier import predict_digits

    if n < 1 or not 0.0 <= min_confidence <= 1.0 or fmt not in ("png", "npz"):
        raise ValueError(
            f"Need n >= 1, min_confidence in [0, 1] and fmt 'png' or 'npz'; got {n}, {min_confidence}, {fmt!r}."
        )
    folder = Path(folder)
    if not overwrite and ((folder / "manifest.csv").exists() or (folder / "digits.npz").exists()):
        raise FileExistsError(
            f"{folder} already holds generated digits; pass overwrite=True or another folder."
        )
    kept, tried, passed = [], 0, 0
    for k in range(max_batches):
        digits = np.asarray(sample(batch, seed + k))
        labels, confidences = predict_digits(digits)
        tried += len(digits)
        good = np.flatnonzero(confidences >= min_confidence)
        passed += len(good)
        kept += [(digits[i], int(labels[i]), float(confidences[i]), seed + k, int(i)) for i in good]
        if len(kept) >= n:
            break
    if len(kept) < n:
        raise RuntimeError(
            f"Only {len(kept)} of {tried} generated digits reached confidence {min_confidence}; "
            f"lower min_confidence, train the generator longer, or raise max_batches (now {max_batches})."
        )
    kept = kept[:n]
    images = np.stack([row[0] for row in kept]).astype(np.uint8)
    labels = np.array([row[1] for row in kept], dtype=np.int64)
    confidences = np.array([row[2] for row in kept], dtype=np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "npz":
        np.savez_compressed(
            folder / "digits.npz", images=images, labels=labels, confidences=confidences
        )
    else:
        _write_pngs(folder, kept)
    return DigitSet(images, labels, confidences, folder, acceptance=passed / tried)


def read_digits(folder: str | Path, min_confidence: float = 0.0) -> DigitSet:
    """Read a set written by :func:`write_digits`, keeping digits with confidence >= ``min_confidence``."""
    from PIL import Image

    folder = Path(folder)
    if (folder / "digits.npz").is_file():
        with np.load(folder / "digits.npz") as archive:
            images, labels, conf = archive["images"], archive["labels"], archive["confidences"]
    elif (folder / "manifest.csv").is_file():
        with open(folder / "manifest.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        images = (
            np.stack([np.asarray(Image.open(folder / r["file"])) for r in rows])
            if rows
            else np.zeros((0, 28, 28), np.uint8)
        )
        labels = np.array([int(r["label"]) for r in rows], dtype=np.int64)
        conf = np.array([float(r["confidence"]) for r in rows], dtype=np.float32)
    else:
        raise FileNotFoundError(
            f"No manifest.csv or digits.npz in {folder}; write a set with write_digits first."
        )
    keep = conf >= min_confidence
    return DigitSet(
        images[keep],
        labels[keep],
        conf[keep],
        folder,
        acceptance=float(keep.mean()) if len(keep) else 1.0,
    )


def _write_pngs(folder: Path, kept: list) -> None:
    from PIL import Image

    (folder / "images").mkdir(exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "label", "confidence", "seed", "index"])
        for number, (image, label, confidence, seed, index) in enumerate(kept):
            name = f"images/{number:05d}.png"
            Image.fromarray(image).save(folder / name)
            writer.writerow([name, label, f"{confidence:.4f}", seed, index])


def _pair(z0, z1, steps: int) -> tuple[np.ndarray, np.ndarray]:
    z0, z1 = np.asarray(z0, dtype=np.float64), np.asarray(z1, dtype=np.float64)
    if z0.ndim != 1 or z0.shape != z1.shape:
        raise ValueError(
            f"z0 and z1 must be 1-D vectors of the same length; got {z0.shape} and {z1.shape}."
        )
    if steps < 2:
        raise ValueError(f"steps must be at least 2 (both ends); got {steps}.")
    return z0, z1


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

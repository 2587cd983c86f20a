"""The augmentation control panel: pick augmenters and strengths, preview draws, copy the code.

``AugmentationPanel(...).widget`` (or :func:`augmentation_panel`) is an ipywidgets box:

* a sample (photo or digit), a seed, a way to combine the augmenters (all in sequence, some of
  them, each sometimes) and a **Re-draw** button that moves to the next seed;
* one tab per family, one checkbox and strength slider per augmenter;
* a live preview (the original and several draws), a status line and a read-only box with the
  equivalent ``iaa.Sequential([...])`` code. The same seed replays exactly what was shown.

Nothing is displayed on import; building the panel needs ``ipywidgets``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping

import numpy as np

from datagen_lab.checks import InputError, check_int, check_number
from datagen_lab.i18n import labelled, t
from datagen_lab.image.augment import (
    augment_draws,
    check_image,
    make_pipeline,
    normalize_steps,
    pipeline_code,
)
from datagen_lab.image.catalog import CATALOG, FAMILIES, names, spec
from datagen_lab.image.inputs import validate
from datagen_lab.plotting import image_grid

COMBINE = {
    "Sequential: all, in order": {},
    "SomeOf: 1 or 2 of them": {"some_of": (1, 2)},
    "Sometimes: each with p=0.5": {"sometimes": 0.5},
}
DEFAULT_STEPS = {"fliplr": 0.5, "rotate": 25, "multiply": 0.3, "gaussian_noise": 12}


def default_samples() -> dict[str, np.ndarray]:
    """The panel's samples: four photos (shrunk for a fast preview) and one digit of each class."""
    from datagen_lab.data import PHOTOS, load_mnist, load_photo

    samples = {name: _shrink(load_photo(name), 192) for name in PHOTOS}
    mnist = load_mnist()
    for digit in range(10):
        samples[f"digit {digit}"] = mnist.test_images[int(np.argmax(mnist.test_labels == digit))]
    return samples


class AugmentationPanel:
    """State and controls of the augmentation panel; ``.widget`` is what a notebook displays.

    Args:
        samples: name -> image (uint8 (H, W[, C]) or float in [0, 1]); default :func:`default_samples`.
        steps: augmenters switched on at start, name -> strength (default :data:`DEFAULT_STEPS`).
        seed: the first seed.
        n_draws: random draws in the preview (besides the original).

    Attributes:
        widget: the top-level ``ipywidgets.VBox`` (CSS class ``datagen-demo``).
        sample, seed, combine, redraw, checks, sliders, preview, status, code: the controls and
            outputs, for tests and for learners who want to drive the panel from code.
    """

    def __init__(
        self,
        samples: Mapping[str, np.ndarray] | None = None,
        steps: Mapping[str, float] | None = None,
        seed: int = 0,
        n_draws: int = 7,
    ) -> None:
        import ipywidgets as widgets

        if samples is not None and not isinstance(samples, Mapping):
            raise InputError("samples", samples, "a dict {name: image} or None")
        if samples is not None and not samples:
            raise InputError("samples", samples, "at least one sample image")
        if isinstance(n_draws, bool) or not isinstance(n_draws, int) or not 1 <= n_draws <= 31:
            raise InputError("n_draws", n_draws, "an integer in [1, 31]")
        seed = check_int(seed, "seed", low=0, high=2**31 - 1)
        if steps is not None:
            normalize_steps(steps)  # refused before the samples load
        self.samples = {}
        for name, image in (default_samples() if samples is None else samples).items():
            if not isinstance(name, str):
                raise InputError("samples", name, "names (str) as keys")
            self.samples[name] = check_image(
                validate(image, batch=False, name=f"samples[{name!r}]")
            )
        self.n_draws = n_draws
        self._holding = False
        self.sample = widgets.Dropdown(
            options=labelled(list(self.samples)), description=t("sample")
        )
        self.seed = widgets.BoundedIntText(
            value=seed, min=0, max=2**31 - 1, description=t("seed"), layout={"width": "170px"}
        )
        self.combine = widgets.Dropdown(
            options=labelled(list(COMBINE)), description=t("combine"), layout={"width": "320px"}
        )
        self.redraw = widgets.Button(
            description=t("Re-draw"), icon="refresh", tooltip=t("next seed: new random draws")
        )
        self.checks, self.sliders = {}, {}
        for name, entry in CATALOG.items():
            self.checks[name] = widgets.Checkbox(
                value=False, description=name, indent=False, layout={"width": "140px"}
            )
            self.sliders[name] = widgets.FloatSlider(
                value=entry.default,
                min=entry.low,
                max=entry.high,
                step=entry.step,
                readout_format=".3g",
                description="",
                tooltip=t(entry.meaning),
                layout={"width": "300px"},
            )
        self.preview = widgets.Image(format="png")
        self.status = widgets.HTML()
        self.code = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.sample, self.seed, self.redraw]),
                self.combine,
                self._tabs(widgets),
                self.preview,
                self.status,
                self.code,
            ]
        )
        self.widget.add_class("datagen-demo")
        self.widget.panel = self  # reach the panel from the displayed widget
        self.set_steps(DEFAULT_STEPS if steps is None else steps)
        for control in [
            self.sample,
            self.seed,
            self.combine,
            *self.checks.values(),
            *self.sliders.values(),
        ]:
            control.observe(self._changed, names="value")
        self.redraw.on_click(lambda _: self._next_seed())
        self.render()

    def steps(self) -> list[tuple[str, float]]:
        """The active augmenters and strengths, in catalogue order (colour ones skipped for gray samples)."""
        gray = self._gray()
        return [
            (name, float(self.sliders[name].value))
            for name, box in self.checks.items()
            if box.value and not (gray and spec(name).colour_only)
        ]

    def options(self) -> dict:
        """Keyword arguments for :func:`make_pipeline` and :func:`pipeline_code` besides the steps."""
        return {"seed": int(self.seed.value), **COMBINE[self.combine.value]}

    def pipeline(self):
        """A fresh imgaug pipeline equal to the one the preview used (same seed: same draws)."""
        return make_pipeline(self.steps(), **self.options())

    def image(self) -> np.ndarray:
        """The current sample image."""
        return self.samples[self.sample.value]

    def draws(self) -> np.ndarray:
        """The preview's draws: (n_draws, H, W[, C]) uint8."""
        return augment_draws(self.image(), self.pipeline(), self.n_draws)

    def set_steps(self, steps) -> None:
        """Switch on exactly ``steps`` (name -> strength, or names); ValueError for unknown names or
        strengths outside their range, and nothing changes then."""
        chosen = dict(normalize_steps(steps))
        self._holding = True
        try:
            for name in CATALOG:
                self.checks[name].value = name in chosen
                if name in chosen:
                    self.sliders[name].value = chosen[name]
        finally:
            self._holding = False
        self.render()

    def render(self) -> None:
        """Redraw the preview, the status line and the code box from the controls."""
        image, draws = self.image(), self.draws()
        gray = self._gray()
        tiles = [_rgb(image), *(_rgb(d) for d in draws)]
        grid = image_grid(np.stack(tiles), ncols=min(4, len(tiles)), pad=4)
        self.preview.format = "png" if gray else "jpeg"  # photos with noise: JPEG is 5x smaller
        self.preview.value = _encode(grid, self.preview.format, scale=max(1, 160 // image.shape[0]))
        self.preview.layout.width = f"{min(720, grid.shape[1] * max(1, 160 // image.shape[0]))}px"
        for name, entry in CATALOG.items():
            self.checks[name].disabled = self.sliders[name].disabled = gray and entry.colour_only
        steps = self.steps()
        skipped = [
            n for n, box in self.checks.items() if box.value and gray and spec(n).colour_only
        ]
        note = t("; skipped for a grayscale sample: {names}", names=", ".join(skipped))
        used = ", ".join(f"{n} {s:g}" for n, s in steps) or t("nothing (identity)")
        self.status.value = t(
            "<b>{sample}</b>: original (top left) and {n} draws of {used} with seed <b>{seed}</b>{note}",
            sample=html.escape(t(self.sample.value)),
            n=self.n_draws,
            used=html.escape(used),
            seed=self.seed.value,
            note=html.escape(note) if skipped else "",
        )
        code = pipeline_code(steps, **self.options())
        code = code.replace(
            "import imgaug.augmenters as iaa", "import imgaug.augmenters as iaa\nimport numpy as np"
        )
        code += f"\n\nimages = np.repeat(image[None], {self.n_draws}, axis=0)\ndraws = seq(images=images)  # the preview"
        self.code.value = (
            "<pre style='user-select:text; background:#f6f8fa; padding:6px; font-size:12px'>"
            f"{html.escape(code)}</pre>"
        )

    def figure(self, scale: float = 1.6):
        """A static matplotlib figure of the current preview (for readers without live widgets)."""
        from datagen_lab.plotting import show_images

        scale = check_number(scale, "scale", low=0, low_open=True, what="inches per image")
        images = [self.image(), *self.draws()]
        titles = [t("original")] + [
            t("seed {seed}, draw {k}", seed=self.seed.value, k=i + 1) for i in range(self.n_draws)
        ]
        return show_images(images, titles=titles, ncols=4, scale=scale)

    def _tabs(self, widgets):
        pages = []
        for family in FAMILIES:
            rows = [
                widgets.HBox(
                    [
                        self.checks[n],
                        self.sliders[n],
                        widgets.HTML(f"<small>{t(spec(n).meaning)}</small>"),
                    ]
                )
                for n in names(family)
            ]
            pages.append(widgets.VBox(rows))
        tabs = widgets.Tab(children=pages)
        for index, family in enumerate(FAMILIES):
            tabs.set_title(index, t(family))
        return tabs

    def _gray(self) -> bool:
        image = self.image()
        return image.ndim == 2 or image.shape[-1] == 1

    def _changed(self, change) -> None:
        if not self._holding:
            self.render()

    def _next_seed(self) -> None:
        self.seed.value = self.seed.value + 1  # observed: re-renders


def augmentation_panel(
    samples: Mapping[str, np.ndarray] | None = None,
    steps: Mapping[str, float] | None = None,
    seed: int = 0,
    n_draws: int = 7,
):
    """Build the panel and return its widget (``widget.panel`` is the :class:`AugmentationPanel`)."""
    return AugmentationPanel(samples, steps, seed, n_draws).widget


def _rgb(image: np.ndarray) -> np.ndarray:
    image = image.reshape(image.shape[:2]) if image.ndim == 2 or image.shape[-1] == 1 else image
    return np.repeat(image[..., None], 3, axis=-1) if image.ndim == 2 else image


def _shrink(image: np.ndarray, size: int) -> np.ndarray:
    """Downscale so the longer side is at most ``size`` (PIL, antialiased)."""
    from PIL import Image

    h, w = image.shape[:2]
    factor = size / max(h, w)
    if factor >= 1:
        return image
    return np.asarray(
        Image.fromarray(image).resize((round(w * factor), round(h * factor)), Image.LANCZOS)
    )


def _encode(image: np.ndarray, format: str, scale: int = 1) -> bytes:
    from PIL import Image

    if scale > 1:
        image = image.repeat(scale, axis=0).repeat(scale, axis=1)
    buffer = io.BytesIO()
    Image.fromarray(image).save(
        buffer, format=format.upper(), **({"quality": 90} if format == "jpeg" else {})
    )
    return buffer.getvalue()

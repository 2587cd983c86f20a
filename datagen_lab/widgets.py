"""Small widget building blocks the lessons share (ipywidgets, imported on first use)."""

from __future__ import annotations

import io

import numpy as np

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import t


def png_bytes(image: np.ndarray, scale: int = 1) -> bytes:
    """Encode an image as PNG bytes for ``ipywidgets.Image``.

    Args:
        image: uint8 (H, W), (H, W, 1) or (H, W, 3); or float in [0, 1].
        scale: integer upscaling with nearest neighbour, so 28x28 digits stay crisp.
    """
    from PIL import Image

    array = _check_image(image, "image")
    scale = checks.check_positive_int(scale, "scale", what="pixels per image pixel")
    if array.dtype != np.uint8:
        array = (np.clip(array, 0, 1) * 255).round().astype(np.uint8)
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if scale > 1:
        array = array.repeat(scale, axis=0).repeat(scale, axis=1)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def image_browser(images: np.ndarray, labels: np.ndarray | None = None, scale: int = 6):
    """A slider that flips through ``images`` (N, H, W[, C]) uint8, with the label as a caption.

    Returns:
        An ``ipywidgets.VBox`` (CSS class ``datagen-demo``) holding the slider, the image and a
        caption; ``box.slider``, ``box.image`` and ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets

    images = checks.check_array(images, "images", ndim=(3, 4), what="a stack of images")
    for k in (0, len(images) - 1):  # the first and last, fully: each is checked when shown
        _check_image(images[k], f"images[{k}]")
    if labels is not None:
        labels = checks.check_array(labels, "labels", shape=(len(images),), kinds="iu")
    scale = checks.check_positive_int(scale, "scale", what="pixels per image pixel")
    slider = widgets.IntSlider(value=0, min=0, max=len(images) - 1, description=t("index"))
    picture = widgets.Image(format="png")
    caption = widgets.HTML()

    def show(change=None) -> None:
        index = slider.value
        picture.value = png_bytes(images[index], scale)
        label = "" if labels is None else t(", label <b>{label}</b>", label=int(labels[index]))
        caption.value = t("image {index}", index=index) + label

    slider.observe(show, names="value")
    show()
    return demo_box([slider, picture, caption], slider=slider, image=picture, caption=caption)


def demo_box(children: list, **parts):
    """The course's frame around a demo: a VBox of ``children`` with the CSS class ``datagen-demo``.

    Args:
        children: the widgets, top to bottom.
        **parts: attributes to set on the box (``slider=slider`` makes ``box.slider``), so tests
            and learners can reach the controls.

    Returns:
        The ``ipywidgets.VBox``.
    """
    import ipywidgets as widgets

    if isinstance(children, str) or not isinstance(children, list | tuple):
        raise InputError("children", children, "a list of widgets")
    bad = next((c for c in children if not isinstance(c, widgets.Widget)), children)
    if bad is not children:
        raise InputError(
            "children", children, "a list of widgets", got_text=f"a list holding {bad!r:.40}"
        )
    box = widgets.VBox(children)
    box.add_class("datagen-demo")
    for name, part in parts.items():
        setattr(box, name, part)
    return box


def _check_image(image: object, name: str) -> np.ndarray:
    """One image: uint8 (or whole numbers in 0-255), or floats in [0, 1]; 1 or 3 channels."""
    array = checks.check_array(image, name, ndim=(2, 3), what="an image (H, W[, 1 or 3])")
    if array.ndim == 3 and array.shape[-1] not in (1, 3):
        raise InputError(name, array, "an image (H, W), (H, W, 1) or (H, W, 3)")
    if array.dtype.kind == "f":
        # Rounding a hair beyond [0, 1] is clipped; an image on another scale (0-255, or -1 to
        # 1 from a tanh) would come out white or half black, so it is refused.
        return checks.check_array(array, name, low=-0.01, high=1.01, what="float pixels in [0, 1]")
    if array.dtype != np.uint8:
        # Integers other than uint8 would be read as floats and clipped to [0, 1]: 200 -> white.
        checks.check_array(array, name, kinds="iu", low=0, high=255, what="uint8 pixels 0-255")
        return array.astype(np.uint8)
    return array

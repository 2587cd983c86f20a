"""Small widget building blocks the lessons share (ipywidgets, imported on first use)."""

from __future__ import annotations

import io

import numpy as np


def png_bytes(image: np.ndarray, scale: int = 1) -> bytes:
    """Encode an image as PNG bytes for ``ipywidgets.Image``.

    Args:
        image: uint8 (H, W), (H, W, 1) or (H, W, 3); or float in [0, 1].
        scale: integer upscaling with nearest neighbour, so 28x28 digits stay crisp.
    """
    from PIL import Image

    array = np.asarray(image)
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

    if len(images) == 0:
        raise ValueError("image_browser needs at least one image.")
    slider = widgets.IntSlider(value=0, min=0, max=len(images) - 1, description="index")
    picture = widgets.Image(format="png")
    caption = widgets.HTML()

    def show(change=None) -> None:
        index = slider.value
        picture.value = png_bytes(images[index], scale)
        label = "" if labels is None else f", label <b>{int(labels[index])}</b>"
        caption.value = f"image {index}{label}"

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

    box = widgets.VBox(children)
    box.add_class("datagen-demo")
    for name, part in parts.items():
        setattr(box, name, part)
    return box

"""The lesson's two live demos: a text-on-image preview and a gap-filling explorer.

Both return an ``ipywidgets.VBox`` with the CSS class ``datagen-demo``; importing this module
displays nothing. The pure functions behind them (:func:`text_preview`, :func:`gap_preview`)
do the work and are what the tests call.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from datagen_lab.checks import InputError, check_choice, check_int, check_seed, check_text
from datagen_lab.i18n import labelled, t
from datagen_lab.synthesis import interpolate as ip
from datagen_lab.synthesis.fusion import POSITIONS, render_text

BACKGROUNDS = ("astronaut", "chelsea", "coffee", "grey", "stripes")
COLOUR_CHOICES = ("auto", "white", "black", "yellow", "crimson", "deepskyblue")
STROKES = {"auto": "auto", "on": True, "off": False}
GAP_METHODS = {
    "linear": ("linear", None),
    "polynomial, degree 2": ("polynomial", 2),
    "polynomial, degree 3": ("polynomial", 3),
    "polynomial, degree 5": ("polynomial", 5),
    "cubic spline": ("cubic", None),
}


def background(name: str, width: int = 320) -> np.ndarray:
    """A preview background, ``width`` px wide: a photo, plain grey, or busy black/white stripes.

    Args:
        name: one of :data:`BACKGROUNDS` (or another course photo); width: pixels, >= 16.
    """
    from datagen_lab.data import PHOTOS

    check_choice(name, "name", dict.fromkeys([*BACKGROUNDS, *PHOTOS]))
    width = check_int(width, "width", low=16, high=4096, what="pixels")
    return _background(name, width).copy()


def text_preview(
    text: str,
    position: str = "bottom",
    size: int = 40,
    colour: str = "auto",
    stroke: str = "auto",
    background_name: str = "astronaut",
    width: int = 320,
) -> tuple[np.ndarray, str]:
    """The preview image and an HTML readout for the text widget.

    ``size`` is the largest size wanted: the text is drawn at it, or smaller when it would not
    fit. Errors (no glyph, no room) come back as a red readout over the bare background.
    """
    text = check_text(text, "text", allow_empty=True)
    stroke = check_choice(stroke, "stroke", STROKES)
    size = check_int(size, "size", low=1, what="font size in pixels")
    from datagen_lab.data import PHOTOS

    check_choice(background_name, "background_name", dict.fromkeys([*BACKGROUNDS, *PHOTOS]))
    image = background(background_name, width)
    if not text.strip():
        return image, t("Type some text.")
    try:
        drawn = render_text(
            image,
            text,
            position=position,
            max_size=int(size),
            colour=colour,
            stroke=STROKES[stroke],
        )
    except ValueError as error:
        return image, f'<span style="color:#cf222e">{_escape(str(error))}</span>'
    reduced = "" if drawn.size == size else t(" (asked {size}: reduced to fit)", size=size)
    outline = f"{drawn.stroke_width} px {drawn.stroke_fill}" if drawn.stroke_width else t("none")
    readout = t(
        "size <b>{size} px</b>{reduced} · fill {fill} · outline {outline}<br>"
        "contrast vs mean background <b>{contrast:.1f}</b> · worst 10% of background "
        "<b>{worst:.1f}</b> · at the letters' edge "
        "<b>{edge:.1f}</b> (WCAG AA asks 4.5) · box {box}",
        size=drawn.size,
        reduced=reduced,
        fill=drawn.fill,
        outline=outline,
        contrast=drawn.contrast,
        worst=drawn.worst_contrast,
        edge=drawn.edge_contrast,
        box=drawn.bbox,
    )
    return drawn.image, readout


def text_overlay_panel(width: int = 320):
    """Type text and choose where, how big, which colour and outline, and on what background.

    Returns:
        ``ipywidgets.VBox`` (class ``datagen-demo``); ``box.controls`` maps names to the
        controls, ``box.image`` and ``box.readout`` are the outputs.
    """
    import ipywidgets as widgets

    from datagen_lab.widgets import png_bytes

    width = check_int(width, "width", low=16, high=4096, what="pixels")

    style = {"description_width": "80px"}
    controls = {
        "size": widgets.IntSlider(40, min=8, max=120, description=t("max size"), style=style),
        "position": widgets.Dropdown(
            options=labelled(list(POSITIONS)),
            value="bottom",
            description=t("position"),
            style=style,
        ),
        "colour": widgets.Dropdown(
            options=labelled(list(COLOUR_CHOICES)),
            value="auto",
            description=t("colour"),
            style=style,
        ),
        "stroke": widgets.Dropdown(
            options=labelled(list(STROKES)), value="auto", description=t("outline"), style=style
        ),
        "background_name": widgets.Dropdown(
            options=labelled(list(BACKGROUNDS)), description=t("background"), style=style
        ),
        "text": widgets.Text(
            "Data, made new", description=t("text"), continuous_update=True, style=style
        ),
    }
    picture, readout = widgets.Image(format="png"), widgets.HTML()

    def show(change=None) -> None:
        values = {name: control.value for name, control in controls.items()}
        image, readout.value = text_preview(**values, width=width)
        picture.value = png_bytes(image)

    for control in controls.values():
        control.observe(show, names="value")
    show()
    box = widgets.VBox([widgets.HBox([widgets.VBox(list(controls.values())), picture]), readout])
    box.add_class("datagen-demo")
    box.controls, box.image, box.readout = controls, picture, readout
    return box


def gap_preview(
    method: str = "cubic spline", gap_size: int = 8, n_gaps: int = 4, seed: int = 0, n: int = 240
) -> tuple[bytes, str]:
    """PNG of one method filling random gaps in the demo temperature series, and its error readout."""
    from datagen_lab.synthesis.plots import figure_png, plot_gap_filling

    check_choice(method, "method", GAP_METHODS)
    n = check_int(n, "n", low=24, what="hours in the series")
    gap_size = check_int(gap_size, "gap_size", low=1, what="hours")
    n_gaps = check_int(n_gaps, "n_gaps", low=1)
    seed = check_seed(seed)
    if n_gaps * (gap_size + 2) > n:  # every gap needs known neighbours on both sides
        raise InputError(
            "n_gaps",
            n_gaps,
            f"few enough gaps of {gap_size} h to leave known hours between them in {n}",
        )
    kind, degree = GAP_METHODS[method]
    times, y = ip.demo_series(n)
    known = ip.random_gaps(n, gap_size, n_gaps, seed)
    filled = ip.fill_series(times, y, known, kind, degree or 3)
    errors = np.abs(filled - y)[~known]
    fig = plot_gap_filling(times, y, known, {method: filled}, pyplot=False)
    readout = t(
        "<b>{method}</b>, {n_gaps} gaps of {gap_size} h: RMSE <b>{rmse:.3f} °C</b>, "
        "worst {worst:.3f} °C over {hours} filled hours",
        method=t(method),
        n_gaps=n_gaps,
        gap_size=gap_size,
        rmse=ip.rmse(filled[~known], y[~known]),
        worst=errors.max(),
        hours=errors.size,
    )
    return figure_png(fig), readout


def gap_filling_panel():
    """Choose the method, gap size and gap layout; the plot and the error readout follow.

    Returns:
        ``ipywidgets.VBox`` (class ``datagen-demo``) with ``box.controls``, ``box.image``, ``box.readout``.
    """
    import ipywidgets as widgets

    style = {"description_width": "90px"}
    controls = {
        "gap_size": widgets.IntSlider(8, min=1, max=24, description=t("gap (hours)"), style=style),
        "seed": widgets.IntSlider(0, min=0, max=20, description=t("gap layout"), style=style),
        "method": widgets.Dropdown(
            options=labelled(list(GAP_METHODS)),
            value="cubic spline",
            description=t("method"),
            style=style,
        ),
    }
    picture, readout = widgets.Image(format="png"), widgets.HTML()

    def show(change=None) -> None:
        picture.value, readout.value = gap_preview(**{k: c.value for k, c in controls.items()})

    for control in controls.values():
        control.observe(show, names="value")
    show()
    box = widgets.VBox([widgets.HBox(list(controls.values())), readout, picture])
    box.add_class("datagen-demo")
    box.controls, box.image, box.readout = controls, picture, readout
    return box


@lru_cache(maxsize=16)
def _background(name: str, width: int) -> np.ndarray:
    from PIL import Image

    height = round(width * 0.75)
    if name == "grey":
        return np.full((height, width, 3), 128, np.uint8)
    if name == "stripes":  # the worst case for any single text colour
        stripes = ((np.arange(width) // 6) % 2 * 255).astype(np.uint8)
        return np.repeat(np.broadcast_to(stripes, (height, width))[..., None], 3, axis=2).copy()
    from datagen_lab.data import load_photo

    photo = Image.fromarray(load_photo(name))
    scale = width / photo.width
    return np.asarray(photo.resize((width, round(photo.height * scale)), Image.BILINEAR))


def _escape(text: str) -> str:
    import html

    return html.escape(text)

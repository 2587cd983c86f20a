"""Widgets for the VAE lesson (07): a beta slider over the saved sweep, a walk through a 2-d latent space.

Each function returns an ``ipywidgets.VBox`` with the CSS class ``datagen-demo`` and draws once
before returning, so the widget shows a result as soon as it is displayed. Importing this module
displays nothing.
"""

from __future__ import annotations

import io

import numpy as np

from datagen_lab.checks import InputError, check_number, check_positive_int
from datagen_lab.i18n import t
from datagen_lab.widgets import demo_box


def figure_png(fig, dpi: int = 80) -> bytes:
    """Render a matplotlib Figure to PNG bytes and close it."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise InputError("fig", fig, "a matplotlib Figure")
    dpi = check_positive_int(dpi, "dpi")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def beta_slider(sweep=None, initial: float = 1.0):
    """Flip through a saved beta sweep: reconstructions, prior samples, latent projection, numbers.

    Args:
        sweep: a :class:`datagen_lab.vae.sweep.BetaSweep` (default: the lesson's saved one).
        initial: the beta shown first (the nearest swept value).

    Returns:
        A VBox; ``box.slider``, ``box.image`` and ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets

    from datagen_lab.vae.latent_plots import _check_sweep, plot_beta
    from datagen_lab.vae.sweep import load_sweep

    sweep = sweep if sweep is not None else load_sweep()
    _check_sweep(sweep)
    # the nearest swept value on a log scale: a beta <= 0 or NaN has no logarithm
    initial = check_number(initial, "initial", low=0, low_open=True, what="a beta to show first")
    options = [(f"{beta:g}", float(beta)) for beta in sweep.betas]
    nearest = np.argmin(np.abs(np.log(sweep.betas / initial)))
    start = float(sweep.betas[nearest])
    slider = widgets.SelectionSlider(
        options=options, value=start, description="β", continuous_update=False
    )
    picture, caption = widgets.Image(format="png"), widgets.HTML()

    def draw(change=None) -> None:
        beta = slider.value
        k = sweep.index(beta)
        picture.value = figure_png(plot_beta(sweep, beta))
        caption.value = t(
            "β = <b>{beta:g}</b>: held-out reconstruction <b>{reconstruction:.1f}</b> nats, "
            "KL <b>{kl:.1f}</b> nats (true −ELBO {nelbo:.1f}); "
            "<b>{active}</b> of {dims} latent dims active; prior samples: "
            "classifier confidence {confidence:.2f}, class entropy {entropy:.2f} bits, "
            "Fréchet {frechet:.1f}, mid-grey share {grey:.0%}.",
            beta=beta,
            reconstruction=sweep.reconstruction[k],
            kl=sweep.kl[k],
            nelbo=sweep.reconstruction[k] + sweep.kl[k],
            active=sweep.active[k],
            dims=sweep.latent_dim,
            confidence=sweep.confidence[k],
            entropy=sweep.entropy[k],
            frechet=sweep.frechet[k],
            grey=sweep.greyness[k],
        )

    slider.observe(draw, names="value")
    draw()
    return demo_box([slider, picture, caption], slider=slider, image=picture, caption=caption)


def latent_walk(task, limit: float = 3.0, scale: int = 8):
    """Two sliders move a point z = (z1, z2) through a 2-d latent space; the decoder draws it.

    Args:
        task: a trained :class:`datagen_lab.vae.model.VAETask` with ``latent_dim == 2``
            (for more dimensions use ``datagen_lab.dcgan.panel.interpolation_widget(task.as_generator())``).
        limit: slider range [-limit, limit] (the prior puts 99.7% of its mass within ±3).
        scale: pixel upscaling of the 28x28 digit.

    Returns:
        A VBox; ``box.z1``, ``box.z2``, ``box.image`` and ``box.caption`` give access in tests.
    """
    import ipywidgets as widgets

    from datagen_lab.classifier import predict_digits
    from datagen_lab.vae.model import to_uint8
    from datagen_lab.widgets import png_bytes

    config = getattr(task, "config", None)
    if not hasattr(task, "decode") or getattr(config, "latent_dim", None) != 2:
        raise InputError(
            "task",
            task,
            "a trained VAETask with a 2-d latent space: latent_walk needs a 2-d latent model",
            "For more dimensions use datagen_lab.dcgan.panel.interpolation_widget(task.as_generator()) instead.",
            got_text=f"a model with latent_dim {getattr(config, 'latent_dim', None)}",
        )
    limit = check_number(limit, "limit", low=0, low_open=True, what="the sliders' range")
    scale = check_positive_int(scale, "scale", "pixel upscaling")
    sliders = [
        widgets.FloatSlider(
            value=value, min=-limit, max=limit, step=0.1, description=name, continuous_update=False
        )
        for name, value in (("z1", 0.0), ("z2", 0.0))
    ]
    picture, caption = widgets.Image(format="png"), widgets.HTML()

    def draw(change=None) -> None:
        z = np.array([[sliders[0].value, sliders[1].value]], dtype=np.float32)
        digit = to_uint8(task.decode(z))
        picture.value = png_bytes(digit[0], scale=scale)
        label, confidence = predict_digits(digit)
        density = float(np.exp(-0.5 * (z**2).sum()))
        caption.value = t(
            "z = ({z1:+.1f}, {z2:+.1f}): the classifier reads a <b>{digit}</b> "
            "(confidence {confidence:.2f}); prior density here is {density:.2f} of its peak.",
            z1=z[0, 0],
            z2=z[0, 1],
            digit=label[0],
            confidence=confidence[0],
            density=density,
        )

    for slider in sliders:
        slider.observe(draw, names="value")
    draw()
    controls = widgets.HBox(sliders)
    return demo_box(
        [controls, picture, caption], z1=sliders[0], z2=sliders[1], image=picture, caption=caption
    )

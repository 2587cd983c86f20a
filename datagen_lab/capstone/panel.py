"""Lesson 6's control: explore what the generator draws for a digit beside its nearest training digits."""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone.memorization import _nearest, as_vectors
from datagen_lab.checks import (
    check_callable,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.i18n import t


def explorer_figure(generator, train_images: np.ndarray, digit: int = 3, n: int = 8, seed: int = 0):
    """The explorer's view as a static figure: ``n`` generated ``digit``s above their nearest
    training digits, titled with the distances. Returns the Figure."""
    from datagen_lab.dcgan.conditional import generate_digits
    from datagen_lab.plotting import show_images

    train_images, digit, n, seed = _check_explorer(generator, train_images, digit, n, seed)
    fake = generate_digits(generator, np.full(n, digit), seed=seed)
    distances, nearest = _nearest(fake, train_images, 1024, ("generated", "train_images"))
    titles = [t("gen {digit}, d={distance:.2f}", digit=digit, distance=d) for d in distances]
    titles += [t("nearest train")] * n
    return show_images([*fake, *train_images[nearest]], titles=titles, ncols=n, scale=1.4)


def generator_explorer(
    generator,
    train_images: np.ndarray,
    heldout_median: float | None = None,
    digit: int = 3,
    n: int = 8,
    seed: int = 0,
):
    """A widget: pick a digit, draw ``n`` of them from a conditional generator, and see each one
    above its nearest training digit, with the distances.

    Args:
        generator: a conditional generator (``trainer.task.generator``).
        train_images: uint8 (M, 28, 28), the digits it was trained on.
        heldout_median: the held-out real digits' median distance, quoted as the yardstick.
        digit, n, seed: first digit shown, digits per draw, first noise seed.

    Returns:
        An ``ipywidgets.VBox`` (CSS class ``datagen-demo``); ``box.digit`` (slider), ``box.button``
        ("new noise"), ``box.image`` and ``box.readout`` give access in tests.
    """
    import ipywidgets as widgets

    from datagen_lab.dcgan.conditional import generate_digits

    train_images, digit, n, seed = _check_explorer(generator, train_images, digit, n, seed)
    if heldout_median is not None:
        heldout_median = check_number(heldout_median, "heldout_median", low=0)
    from datagen_lab.plotting import image_grid
    from datagen_lab.widgets import png_bytes

    slider = widgets.IntSlider(value=digit, min=0, max=9, description=t("digit"))
    button = widgets.Button(description=t("new noise"), icon="refresh")
    picture, readout = widgets.Image(format="png"), widgets.HTML()
    state = {"seed": int(seed)}

    def render(_=None) -> None:
        fake = generate_digits(generator, np.full(n, slider.value), seed=state["seed"])
        distances, nearest = _nearest(fake, train_images, 1024, ("generated", "train_images"))
        picture.value = png_bytes(
            image_grid(np.concatenate([fake, train_images[nearest]]), ncols=n, pad=2), scale=3
        )
        yardstick = (
            ""
            if heldout_median is None
            else t("; held-out real digits: median {median:.2f}", median=heldout_median)
        )
        readout.value = t(
            "top: {n} generated <b>{digit}</b>s (noise seed {seed}); bottom: the nearest "
            "training digit of each. Distances {distances} (median {median:.2f}{yardstick}).",
            n=n,
            digit=slider.value,
            seed=state["seed"],
            distances=", ".join(f"{d:.2f}" for d in distances),
            median=np.median(distances),
            yardstick=yardstick,
        )

    def new_noise(_=None) -> None:
        state["seed"] += 1
        render()

    slider.observe(render, names="value")
    button.on_click(new_noise)
    render()
    box = widgets.VBox([widgets.HBox([slider, button]), picture, readout])
    box.add_class("datagen-demo")
    box.digit, box.button, box.image, box.readout = slider, button, picture, readout
    return box


def _check_explorer(generator, train_images, digit, n, seed) -> tuple[np.ndarray, int, int, int]:
    """The explorer's arguments, checked before the generator draws anything."""
    check_callable(generator, "generator", "a conditional generator (trainer.task.generator)")
    as_vectors(train_images, "train_images")
    images = np.asarray(train_images)
    digit = check_int(digit, "digit", low=0, high=9)
    n = check_positive_int(n, "n", "digits per draw")
    return images, digit, n, check_seed(seed)

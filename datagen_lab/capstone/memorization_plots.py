"""Pictures and a widget for :mod:`datagen_lab.capstone.memorization`: distance histograms, closest pairs,
membership scores, and an explorer that puts generated digits above their nearest training digits.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone.membership import MembershipResult, _scores, membership_inference
from datagen_lab.capstone.memorization import MemorizationReport, _nearest, as_vectors
from datagen_lab.checks import (
    InputError,
    check_callable,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)


def plot_distances(report: MemorizationReport, title: str = "", ax=None):
    """Histograms of nearest-training-digit distances: generated vs held-out real. Returns the Axes."""
    import matplotlib.pyplot as plt

    _check_report(report)
    _check_title(title)
    ax = ax or plt.subplots(figsize=(6, 3.4))[1]
    top = max(report.generated.max(), report.heldout.max())
    bins = np.linspace(0, top * 1.02, 40)
    ax.hist(
        report.heldout,
        bins,
        alpha=0.55,
        density=True,
        color="tab:blue",
        label="held-out real digits",
    )
    ax.hist(
        report.generated,
        bins,
        alpha=0.55,
        density=True,
        color="tab:orange",
        label="generated digits",
    )
    ax.axvline(report.copy_threshold, color="k", ls="--", lw=1, label="1st percentile of held-out")
    ax.set_xlabel("distance to the nearest training digit (pixels in [0, 1])")
    ax.set_ylabel("density")
    ax.set_title(title or f"copy share {report.copy_share:.1%}", fontsize=10)
    ax.legend(fontsize=8)
    return ax


def show_closest_pairs(
    generated: np.ndarray, train: np.ndarray, report: MemorizationReport, k: int = 8
):
    """Top row: the k generated digits closest to the training set; bottom row: their neighbours."""
    from datagen_lab.plotting import show_images

    _check_report(report)
    if len(as_vectors(generated, "generated")) != len(report.generated):
        raise InputError(
            "generated", generated, f"the {len(report.generated)} digits the report measured"
        )
    if len(as_vectors(train, "train")) <= int(np.max(report.generated_index)):
        raise InputError("train", train, "the training digits the report measured against")
    chosen = report.closest(k)
    pairs = list(np.asarray(generated)[chosen]) + list(
        np.asarray(train)[report.generated_index[chosen]]
    )
    titles = [f"gen, d={report.generated[i]:.2f}" for i in chosen] + ["nearest train"] * len(chosen)
    return show_images(pairs, titles=titles, ncols=len(chosen), scale=1.3)


def plot_membership(
    member_scores: np.ndarray,
    nonmember_scores: np.ndarray,
    result: MembershipResult | None = None,
    ax=None,
):
    """Histograms of discriminator scores for training vs held-out digits, with the median cut."""
    import matplotlib.pyplot as plt

    if result is not None and not isinstance(result, MembershipResult):
        raise InputError("result", result, "a MembershipResult from membership_inference, or None")
    member_scores = _scores(member_scores, "member_scores")
    nonmember_scores = _scores(nonmember_scores, "nonmember_scores")
    result = result or membership_inference(member_scores, nonmember_scores)
    ax = ax or plt.subplots(figsize=(6, 3.4))[1]
    bins = np.linspace(
        min(np.min(member_scores), np.min(nonmember_scores)),
        max(np.max(member_scores), np.max(nonmember_scores)),
        40,
    )
    ax.hist(nonmember_scores, bins, alpha=0.55, color="tab:blue", label="held-out (non-members)")
    ax.hist(member_scores, bins, alpha=0.55, color="tab:red", label="training digits (members)")
    ax.axvline(result.threshold, color="k", ls="--", lw=1, label="median: the attack's cut")
    ax.set_xlabel("discriminator logit (high = 'real')")
    ax.set_title(
        f"attack accuracy {result.accuracy:.1%} (chance 50%), AUC {result.auc:.2f}", fontsize=10
    )
    ax.legend(fontsize=8)
    return ax


def explorer_figure(generator, train_images: np.ndarray, digit: int = 3, n: int = 8, seed: int = 0):
    """The explorer's view as a static figure: ``n`` generated ``digit``s above their nearest
    training digits, titled with the distances. Returns the Figure."""
    from datagen_lab.dcgan.conditional import generate_digits
    from datagen_lab.plotting import show_images

    train_images, digit, n, seed = _check_explorer(generator, train_images, digit, n, seed)
    fake = generate_digits(generator, np.full(n, digit), seed=seed)
    distances, nearest = _nearest(fake, train_images, 1024, ("generated", "train_images"))
    titles = [f"gen {digit}, d={d:.2f}" for d in distances] + ["nearest train"] * n
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

    slider = widgets.IntSlider(value=digit, min=0, max=9, description="digit")
    button = widgets.Button(description="new noise", icon="refresh")
    picture, readout = widgets.Image(format="png"), widgets.HTML()
    state = {"seed": int(seed)}

    def render(_=None) -> None:
        fake = generate_digits(generator, np.full(n, slider.value), seed=state["seed"])
        distances, nearest = _nearest(fake, train_images, 1024, ("generated", "train_images"))
        picture.value = png_bytes(
            image_grid(np.concatenate([fake, train_images[nearest]]), ncols=n, pad=2), scale=3
        )
        yardstick = (
            "" if heldout_median is None else f"; held-out real digits: median {heldout_median:.2f}"
        )
        readout.value = (
            f"top: {n} generated <b>{slider.value}</b>s (noise seed {state['seed']}); bottom: the nearest "
            f"training digit of each. Distances {', '.join(f'{d:.2f}' for d in distances)} "
            f"(median {np.median(distances):.2f}{yardstick})."
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


def _check_report(report) -> None:
    if not isinstance(report, MemorizationReport):
        raise InputError("report", report, "a MemorizationReport from memorization_report()")


def _check_title(title) -> None:
    if not isinstance(title, str):
        raise InputError("title", title, "a str")


def _check_explorer(generator, train_images, digit, n, seed) -> tuple[np.ndarray, int, int, int]:
    """The explorer's arguments, checked before the generator draws anything."""
    check_callable(generator, "generator", "a conditional generator (trainer.task.generator)")
    as_vectors(train_images, "train_images")
    images = np.asarray(train_images)
    digit = check_int(digit, "digit", low=0, high=9)
    n = check_positive_int(n, "n", "digits per draw")
    return images, digit, n, check_seed(seed)

"""Pictures of the capstone's results: accuracy with error bars, paired gains, the generators'
samples, distance histograms and closest pairs, and one batch of every arm.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone.results import ARM_NAMES, ARMS, ExperimentResults, sample_std
from datagen_lab.checks import InputError, check_array, check_choice, check_positive_int, check_seed
from datagen_lab.i18n import t


def plot_results(results):
    """Left: accuracy against labels with error bars (std over seeds) and each seed as a dot.
    Right: the paired gain over (a). Returns the Figure."""
    import matplotlib.pyplot as plt

    _check_results(results)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))
    sizes, colours = (
        np.array(results.sizes()),
        dict(zip(ARMS, ("k", "tab:blue", "tab:green", "tab:red", "tab:gray"), strict=True)),
    )
    for offset, arm in zip(
        np.linspace(-0.06, 0.06, len(results.arms())), results.arms(), strict=True
    ):
        x, style = (
            sizes * 10**offset,
            {"color": colours[arm], "ls": "--" if arm == "more_real" else "-"},
        )
        acc = [results.accuracies(arm, n) for n in sizes]
        left.errorbar(
            x,
            [a.mean() for a in acc],
            [sample_std(a) for a in acc],
            capsize=3,
            marker="o",
            label=t(ARM_NAMES[arm]),  # ARM_NAMES are in the catalog
            **style,
        )
        for xi, a in zip(x, acc, strict=True):
            left.scatter([xi] * len(a), a, s=9, color=colours[arm], alpha=0.35)
        if arm != "real":
            gain = [results.gains(arm, n) for n in sizes]
            right.errorbar(
                x,
                [100 * g.mean() for g in gain],
                [100 * sample_std(g) for g in gain],
                capsize=3,
                marker="o",
                **style,
            )
    right.axhline(0, color="k", lw=1)
    for ax, label in (
        (left, t("test accuracy on 2,000 held-out digits")),
        (right, t("change against (a), percentage points")),
    ):
        ax.set_xscale("log")
        ax.set_xticks(sizes, [str(n) for n in sizes])
        ax.minorticks_off()
        ax.set_xlabel(t("labelled training digits (balanced)"))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    left.legend(fontsize=8, loc="lower right")
    left.set_title(
        t(
            "mean ± std over {seeds} seeds (dots: single seeds)",
            seeds=len(results.config.seeds),
        ),
        fontsize=10,
    )
    right.set_title(
        t("paired gain over real-only (same subset, same initial weights)"), fontsize=10
    )
    fig.tight_layout()
    return fig


def plot_generators(results):
    """Per label size: one generated digit per class (seed 0) and the nearest-neighbour
    distance histograms (all seeds pooled). Returns the Figure."""
    import matplotlib.pyplot as plt

    from datagen_lab.capstone.memorization import decode_digit
    from datagen_lab.plotting import image_grid

    _check_results(results)
    sizes = results.sizes()
    missing = [n for n in sizes if not any(g["labels"] == n for g in results.gans)]
    if missing:
        raise InputError(
            "results",
            results,
            "results with a generator row for every label size",
            got_text=f"no generator rows for {missing} labels",
        )
    fig, axes = plt.subplots(
        2,
        len(sizes),
        figsize=(4.2 * len(sizes), 6.6),
        squeeze=False,
        gridspec_kw={"height_ratios": [1.4, 2]},
    )
    for column, n in enumerate(sizes):
        rows = sorted((g for g in results.gans if g["labels"] == n), key=lambda g: g["seed"])
        axes[0][column].imshow(
            image_grid(decode_digit(rows[0]["samples"]), ncols=5, pad=2), cmap="gray"
        )
        axes[0][column].set_title(
            t("trained on {n} labelled digits (seed {seed})", n=n, seed=rows[0]["seed"]),
            fontsize=10,
        )
        axes[0][column].axis("off")
        bins = np.array(rows[0]["bins"])
        ax = axes[1][column]
        for key, colour, label in (
            ("heldout_hist", "tab:blue", t("held-out real")),
            ("generated_hist", "tab:orange", t("generated")),
        ):
            counts = np.sum([g[key] for g in rows], axis=0)
            ax.stairs(counts / counts.sum(), bins, fill=True, alpha=0.5, color=colour, label=label)
        ax.set_xlabel(t("distance to the nearest training digit"))
        ax.set_title(
            t(
                "copy share {share:.1f}%",
                share=100 * results.generator_values("copy_share", n).mean(),
            ),
            fontsize=10,
        )
        ax.legend(fontsize=8)
    axes[1][0].set_ylabel(t("share of digits"))
    fig.tight_layout()
    return fig


def closest_pairs(results, n_labels: int, seed: int = 0):
    """The saved closest generated/training pairs of one generator, side by side (a Figure)."""
    from datagen_lab.capstone.memorization import decode_digit
    from datagen_lab.plotting import show_images

    _check_results(results)
    seed = check_seed(seed)
    n_labels = check_choice(n_labels, "n_labels", sorted({g["labels"] for g in results.gans}))
    row = next((g for g in results.gans if g["labels"] == n_labels and g["seed"] == seed), None)
    if row is None:
        seeds = sorted(g["seed"] for g in results.gans if g["labels"] == n_labels)
        raise InputError("seed", seed, f"one of the seeds run at {n_labels} labels: {seeds}")
    pairs = row["closest"]
    images = [decode_digit(p["generated"]) for p in pairs] + [
        decode_digit(p["train"]) for p in pairs
    ]
    titles = [t("generated, d={distance:.2f}", distance=p["distance"]) for p in pairs]
    titles += [t("nearest training")] * len(pairs)
    return show_images(
        images,
        titles=titles,
        ncols=len(pairs),
        scale=1.5,
        suptitle=t(
            "closest pairs: generator trained on {n} labelled digits, seed {seed}",
            n=n_labels,
            seed=seed,
        ),
    )


def show_arm_batches(batches: dict, n: int = 8):
    """One row per arm: ``n`` digits of a batch, titled with their (soft) labels. For arms whose
    batches mix in a pool ((d), (e)), half the row is real digits and half pool digits ("extra").

    Args:
        batches: ``{arm: Batch}`` from :func:`datagen_lab.capstone.experiment.arm_batches`.
    """
    from datagen_lab.capstone.experiment import Batch
    from datagen_lab.plotting import show_images

    n = check_positive_int(n, "n", "digits per row")
    if not isinstance(batches, dict) or not batches:
        raise InputError("batches", batches, "a non-empty dict {arm: Batch} from arm_batches")
    for arm, batch in batches.items():
        check_choice(arm, "batches", ARMS)
        if not isinstance(batch, Batch) or len(batch.x) < n:
            raise InputError(
                "batches", batch, f"a Batch of at least n = {n} digits for arm {arm!r}"
            )
    images, titles = [], []
    for arm, batch in batches.items():
        n_real = len(batch.real)
        pick = (
            list(range(n))
            if n_real == len(batch.x)
            else [*range(n // 2), *range(n_real, n_real + n - n // 2)]
        )
        images += list(batch.x[pick, ..., 0])
        extra = "GAN " if arm == "gan" else t("real+") + " "
        titles += [
            f"{ARM_NAMES[arm][:3]} {extra if i >= n_real else ''}{soft_label(batch.y[i])}"
            for i in pick
        ]
    return show_images(images, titles=titles, ncols=n, scale=1.45)


def soft_label(y: np.ndarray) -> str:
    """A (10,) label vector as text: ``"3"`` for one-hot, ``"0.71·3+0.29·8"`` for a mixture."""
    # float32 mixing can put a weight a rounding error outside [0, 1]
    y = check_array(y, "y", ndim=1, kinds="biuf", low=-1e-5, high=1 + 1e-5, what="a label vector")
    classes = np.flatnonzero(y > 0.005)
    if not len(classes):
        raise InputError("y", y, "a label vector with some weight (a one-hot or soft label)")
    if len(classes) == 1:
        return str(classes[0])
    return "+".join(f"{y[c]:.2f}·{c}" for c in classes[np.argsort(-y[classes])])


def _check_results(results) -> None:
    if not isinstance(results, ExperimentResults):
        raise InputError(
            "results", results, "ExperimentResults (from load_results or run_experiment)"
        )
    if not results.runs:
        raise InputError("results", results, "results with at least one run", got_text="no runs")

"""Pictures for the privacy lesson (08): mechanisms, clipping, epsilon, the trade-off, synthesis.

Every function returns a matplotlib Figure and draws nothing else; matplotlib is imported on use.
"""

from __future__ import annotations

import math

import numpy as np

from datagen_lab.checks import InputError, check_array, check_number
from datagen_lab.i18n import t

COLOURS = {"true": "0.35", "laplace": "tab:blue", "gaussian": "tab:orange", "dp": "tab:red"}


def plot_release(true_counts, releases: dict[str, np.ndarray], epsilon: float):
    """True class counts beside the released (noisy) ones, one bar group per class."""
    import matplotlib.pyplot as plt

    truth = check_array(true_counts, "true_counts", ndim=1, what="class counts")
    if not isinstance(releases, dict) or not releases:
        raise InputError("releases", releases, "a dict {mechanism name: released counts}")
    fig, ax = plt.subplots(figsize=(8, 3.2))
    width = 0.8 / (1 + len(releases))
    classes = np.arange(len(truth))
    ax.bar(classes, truth, width, color=COLOURS["true"], label=t("true count"))
    for k, (name, values) in enumerate(releases.items(), start=1):
        values = check_array(values, f"releases[{name!r}]", shape=(len(truth),))
        ax.bar(classes + k * width, values, width, color=COLOURS.get(name), label=name)
    ax.set_xticks(classes + 0.4 - width / 2, [str(c) for c in classes])
    ax.set(
        xlabel=t("digit class"),
        ylabel=t("count"),
        title=t("Released class histogram, ε = {epsilon:g}", epsilon=epsilon),
    )
    ax.legend(fontsize=8, ncols=3)
    fig.tight_layout()
    return fig


def plot_error_vs_epsilon(
    epsilons, empirical: dict[str, np.ndarray], formula: dict[str, np.ndarray]
):
    """Mean absolute error of each mechanism against epsilon: simulation (dots), formula (lines)."""
    import matplotlib.pyplot as plt

    eps = check_array(epsilons, "epsilons", ndim=1, low=0)
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    for name, values in formula.items():
        ax.plot(
            eps,
            check_array(values, name, shape=(len(eps),)),
            color=COLOURS.get(name),
            label=t("{name}: formula", name=name),
        )
    for name, values in empirical.items():
        ax.plot(
            eps,
            check_array(values, name, shape=(len(eps),)),
            "o",
            color=COLOURS.get(name),
            label=t("{name}: measured", name=name),
        )
    ax.set(xscale="log", yscale="log", xlabel="ε", ylabel=t("mean |released − true|"))
    ax.set_title(t("Error of one released count"), fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig


def plot_gradient_norms(before, after, clip_norm: float):
    """Histograms of per-example gradient norms before and after clipping at C."""
    import matplotlib.pyplot as plt

    before = check_array(before, "before", ndim=1, low=0)
    after = check_array(after, "after", shape=(len(before),), low=0)
    clip_norm = check_number(clip_norm, "clip_norm", low=0, low_open=True)
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), sharey=True)
    bins = np.linspace(0, max(before.max(), clip_norm) * 1.05, 30)
    for ax, values, title in (
        (axes[0], before, t("before clipping")),
        (axes[1], after, t("after clipping")),
    ):
        ax.hist(values, bins=bins, color="tab:blue")
        ax.axvline(clip_norm, color="tab:red", ls="--", label=f"C = {clip_norm:g}")
        ax.set(xlabel=t("‖per-example gradient‖"), title=title)
        ax.legend(fontsize=8)
    axes[0].set_ylabel(t("examples"))
    fig.tight_layout()
    return fig


def plot_epsilon_curves(steps, curves: dict[str, np.ndarray], delta: float):
    """Epsilon spent against training steps, one line per noise multiplier."""
    import matplotlib.pyplot as plt

    steps = check_array(steps, "steps", ndim=1, low=0)
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    for label, values in curves.items():
        ax.plot(steps, check_array(values, label, shape=(len(steps),)), label=label)
    ax.set(xlabel=t("training steps"), ylabel=t("ε at δ = {delta:g}", delta=delta), yscale="log")
    ax.set_title(t("Privacy spent as training goes on"), fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_rdp_conversion(orders, rdp, delta: float):
    """The accountant's last step: epsilon(alpha) = RDP(alpha) + log(1/delta)/(alpha - 1), minimised."""
    import matplotlib.pyplot as plt

    orders = check_array(orders, "orders", ndim=1, low=1)
    rdp = check_array(rdp, "rdp", shape=(len(orders),))
    keep = orders > 1
    orders, rdp = orders[keep], rdp[keep]
    penalty = np.log(1 / delta) / (orders - 1)
    total = rdp + penalty
    best = int(np.argmin(total))
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    ax.plot(orders, rdp, label=t("RDP(α) of the whole run"))
    ax.plot(orders, penalty, label="log(1/δ) / (α − 1)")
    ax.plot(orders, total, color="k", label=t("their sum: an ε for each α"))
    ax.plot(
        orders[best],
        total[best],
        "o",
        color=COLOURS["dp"],
        label=t("smallest: ε = {epsilon:.2f}", epsilon=total[best]),
    )
    ax.set(
        xscale="log",
        yscale="log",
        xlabel=t("Rényi order α"),
        ylim=(max(total.min() / 20, 1e-3), total.min() * 20),
    )
    ax.set_xlim(orders.min(), orders[total <= total.min() * 20].max() * 2)
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.set_title(t("From the Rényi curve to one ε (classic conversion)"), fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig


def plot_tradeoff(rows: list[dict], untrained=None):
    """Test accuracy and membership-inference AUC against epsilon, mean ± std over seeds.

    The non-private run (epsilon infinite) stands at the right end, marked "no DP". ``untrained``:
    the attack's AUCs against untrained models (one per seed), drawn as a band (mean ± 2 std).
    """
    import matplotlib.pyplot as plt

    if not rows or not all(isinstance(r, dict) and "epsilon" in r for r in rows):
        raise InputError("rows", rows, "the rows of datagen_lab.privacy.tradeoff.summarise")
    finite = [r["epsilon"] for r in rows if math.isfinite(r["epsilon"])]
    far = max(finite) * 4 if finite else 10.0
    xs = [r["epsilon"] if math.isfinite(r["epsilon"]) else far for r in rows]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    panels = (
        ("test_accuracy", t("test accuracy"), None),
        ("membership_auc", t("membership-inference AUC"), 0.5),
    )
    for ax, (metric, label, chance) in zip(axes, panels, strict=True):
        means = [r[f"{metric}_mean"] for r in rows]
        stds = [r[f"{metric}_std"] for r in rows]
        for x, m, s, r in zip(xs, means, stds, rows, strict=True):
            private = math.isfinite(r["epsilon"])
            ax.errorbar(
                x,
                m,
                yerr=s,
                fmt="o" if private else "s",
                capsize=4,
                color=COLOURS["dp"] if private else "0.2",
            )
            ax.annotate(
                t(r["setting"]), (x, m), textcoords="offset points", xytext=(6, 6), fontsize=8
            )
        if chance is not None:
            ax.axhline(chance, color="0.5", ls=":", label=t("chance"))
            if untrained is not None:
                values = check_array(untrained, "untrained", ndim=1, low=0, high=1)
                spread = values.std(ddof=1) if len(values) > 1 else 0.0
                low, high = values.mean() - 2 * spread, values.mean() + 2 * spread
                ax.axhspan(low, high, color="0.85", label=t("untrained models (mean ± 2 std)"))
            ax.legend(fontsize=8, loc="upper left")
        ax.set_xscale("log")
        ticks = sorted(set(round(x, 1) for x in finite))
        ax.set_xticks([*ticks, far], [*[f"{tick:g}" for tick in ticks], t("no DP")])
        ax.minorticks_off()
        ax.set(xlabel=t("ε at δ = 1e-5 (log scale)"), ylabel=label)
        ax.grid(alpha=0.3)
    axes[0].set_title(
        t("Accuracy (mean ± std over {seeds} seeds)", seeds=rows[0]["seeds"]), fontsize=10
    )
    axes[1].set_title(t("What lesson 6's attack can tell"), fontsize=10)
    fig.tight_layout()
    return fig


def plot_synthesis(train, panels: dict[str, np.ndarray], limit: int = 600):
    """Scatter plots: the private training points, then each synthetic set."""
    import matplotlib.pyplot as plt

    from datagen_lab.privacy.dp_synthesis import BOUNDS

    train = check_array(train, "train", shape=(None, 2))
    fig, axes = plt.subplots(
        1, 1 + len(panels), figsize=(3.1 * (1 + len(panels)), 2.8), sharey=True
    )
    items = [(t("training data (private)"), train), *panels.items()]
    for ax, (title, points) in zip(np.atleast_1d(axes), items, strict=True):
        points = check_array(points, title, shape=(None, 2))[:limit]
        ax.scatter(points[:, 0], points[:, 1], s=3, color="0.2" if ax is axes[0] else COLOURS["dp"])
        ax.set(xlim=BOUNDS[0], ylim=BOUNDS[1], xticks=[], yticks=[])
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig


def plot_shares(first_shares: dict[str, np.ndarray], modulus: int):
    """Histograms of one party's share over many sharings, one per secret: both flat."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        1, len(first_shares), figsize=(4 * len(first_shares), 2.8), sharey=True
    )
    for ax, (label, values) in zip(np.atleast_1d(axes), first_shares.items(), strict=True):
        values = check_array(values, label, ndim=1, low=0)
        ax.hist(values / modulus, bins=20, range=(0, 1), color="tab:green")
        ax.set(xlabel=t("share / 2³²"), title=t(label))
    np.atleast_1d(axes)[0].set_ylabel(t("sharings"))
    fig.tight_layout()
    return fig

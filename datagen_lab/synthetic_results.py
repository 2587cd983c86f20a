"""The capstone's results: saved to and loaded from JSON, shown as a table and a plot with error bars.

:class:`ExperimentResults` holds what :func:`datagen_lab.synthetic_experiment.run_experiment`
measured; :func:`datagen_lab.synthetic_experiment.load_results` reads the committed file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from datagen_lab.exercises import Feedback, check_close
from datagen_lab.synthetic_experiment import ARM_NAMES, ARMS, ExperimentConfig


@dataclass
class ExperimentResults:
    """What :func:`run_experiment` measured: one row per (labels, seed, arm) and per generator."""

    config: ExperimentConfig
    runs: list[dict]
    gans: list[dict]
    seconds: float = 0.0
    data_source: str = ""

    def accuracies(self, arm: str, n_labels: int, key: str = "test_accuracy") -> np.ndarray:
        """One number per seed (in seed order) of one arm at one label size (default: test accuracy)."""
        rows = sorted(
            (r for r in self.runs if r["arm"] == arm and r["labels"] == n_labels),
            key=lambda r: r["seed"],
        )
        return np.array([r[key] for r in rows], dtype=float)

    def generator_values(self, key: str, n_labels: int) -> np.ndarray:
        """One number per seed of the generators trained on ``n_labels`` digits, e.g. ``"copy_share"``."""
        rows = sorted((g for g in self.gans if g["labels"] == n_labels), key=lambda g: g["seed"])
        return np.array([g[key] for g in rows if key in g], dtype=float)

    def gains(self, arm: str, n_labels: int) -> np.ndarray:
        """Per-seed accuracy minus arm (a)'s on the same subset: the *paired* difference."""
        return self.accuracies(arm, n_labels) - self.accuracies("real", n_labels)

    def arms(self) -> list[str]:
        return [arm for arm in ARMS if any(r["arm"] == arm for r in self.runs)]

    def sizes(self) -> list[int]:
        return sorted({r["labels"] for r in self.runs})

    def table(self) -> ResultsTable:
        """Mean +/- standard deviation over seeds of test accuracy, and of the gain over (a)."""
        header = ["arm"] + [f"{n} labels" for n in self.sizes()]
        rows = []
        for arm in self.arms():
            cells = []
            for n in self.sizes():
                acc, gain = self.accuracies(arm, n), self.gains(arm, n)
                text = f"{100 * acc.mean():.1f} ± {100 * _std(acc):.1f}"
                if arm != "real":
                    text += f" ({100 * gain.mean():+.1f} ± {100 * _std(gain):.1f})"
                cells.append(text)
            rows.append([ARM_NAMES[arm], *cells])
        note = (f"test accuracy in % on {len(self.config.seeds)} seeds (mean ± std); in brackets the "
                "paired change against (a) on the same subset, in percentage points")  # fmt: skip
        return ResultsTable(header, rows, note)

    def overfitting_table(self) -> ResultsTable:
        """Accuracy on the CNN's own (clean) labelled digits minus test accuracy: the overfitting gap."""
        rows = []
        for arm in self.arms():
            cells = []
            for n in self.sizes():
                gap = self.accuracies(arm, n, "train_accuracy") - self.accuracies(arm, n)
                cells.append(f"{100 * gap.mean():.1f} ± {100 * _std(gap):.1f}")
            rows.append([ARM_NAMES[arm], *cells])
        header = ["arm"] + [f"{n} labels" for n in self.sizes()]
        return ResultsTable(
            header,
            rows,
            "train accuracy minus test accuracy, percentage points (mean ± std over seeds)",
        )

    def generator_table(self) -> ResultsTable:
        """Per label size: how well the generators obey the label, how close they sit to their
        training digits, and how much their discriminators leak membership."""
        columns = {"conditioning_accuracy": ("asked class recognised", 100, "%"),
                   "generated_median": ("median NN distance, generated", 1, ""),
                   "heldout_median": ("median NN distance, held-out real", 1, ""),
                   "copy_share": ("copy share (~1% if no copying)", 100, "%"),
                   "membership_accuracy": ("membership attack accuracy (chance 50%)", 100, "%"),
                   "membership_auc": ("membership AUC (0.5 = no leak)", 1, "")}  # fmt: skip
        rows = []
        for key, (name, scale, unit) in columns.items():
            cells = []
            for n in self.sizes():
                values = scale * self.generator_values(key, n)
                digits = 1 if scale == 100 else 2
                cells.append(
                    f"{values.mean():.{digits}f}{unit} ± {_std(values):.{digits}f}"
                    if len(values)
                    else "-"
                )
            rows.append([name, *cells])
        header = ["generator trained on"] + [f"{n} labels" for n in self.sizes()]
        return ResultsTable(
            header,
            rows,
            f"mean ± std over {len(self.config.seeds)} seeds; distances in pixel units of [0, 1]",
        )

    def plot_generators(self):
        """Per label size: one generated digit per class (seed 0) and the nearest-neighbour
        distance histograms (all seeds pooled). Returns the Figure."""
        import matplotlib.pyplot as plt

        from datagen_lab.memorization import decode_digit
        from datagen_lab.plotting import image_grid

        sizes = self.sizes()
        fig, axes = plt.subplots(2, len(sizes), figsize=(4.2 * len(sizes), 5.6), squeeze=False,
                                 gridspec_kw={"height_ratios": [1, 2.2]})  # fmt: skip
        for column, n in enumerate(sizes):
            rows = sorted((g for g in self.gans if g["labels"] == n), key=lambda g: g["seed"])
            axes[0][column].imshow(
                image_grid(decode_digit(rows[0]["samples"]), ncols=10), cmap="gray"
            )
            axes[0][column].set_title(
                f"trained on {n} labelled digits (seed {rows[0]['seed']})", fontsize=10
            )
            axes[0][column].axis("off")
            bins = np.array(rows[0]["bins"])
            ax = axes[1][column]
            for key, colour, label in (
                ("heldout_hist", "tab:blue", "held-out real"),
                ("generated_hist", "tab:orange", "generated"),
            ):
                counts = np.sum([g[key] for g in rows], axis=0)
                ax.stairs(
                    counts / counts.sum(), bins, fill=True, alpha=0.5, color=colour, label=label
                )
            ax.set_xlabel("distance to the nearest training digit")
            ax.set_title(
                f"copy share {100 * self.generator_values('copy_share', n).mean():.1f}%",
                fontsize=10,
            )
            ax.legend(fontsize=8)
        axes[1][0].set_ylabel("share of digits")
        fig.tight_layout()
        return fig

    def closest_pairs(self, n_labels: int, seed: int = 0):
        """The saved closest generated/training pairs of one generator, side by side (a Figure)."""
        from datagen_lab.memorization import decode_digit
        from datagen_lab.plotting import show_images

        row = next(g for g in self.gans if g["labels"] == n_labels and g["seed"] == seed)
        pairs = row["closest"]
        images = [decode_digit(p["generated"]) for p in pairs] + [
            decode_digit(p["train"]) for p in pairs
        ]
        titles = [f"generated, d={p['distance']:.2f}" for p in pairs] + ["nearest training"] * len(
            pairs
        )
        return show_images(images, titles=titles, ncols=len(pairs), scale=1.5,
                           suptitle=f"closest pairs: generator trained on {n_labels} labelled digits, seed {seed}")  # fmt: skip

    def plot(self):
        """Left: accuracy against labels with error bars (std over seeds) and each seed as a dot.
        Right: the paired gain over (a). Returns the Figure."""
        import matplotlib.pyplot as plt

        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))
        sizes, colours = (
            np.array(self.sizes()),
            dict(zip(ARMS, ("k", "tab:blue", "tab:green", "tab:red", "tab:gray"), strict=True)),
        )
        for offset, arm in zip(
            np.linspace(-0.06, 0.06, len(self.arms())), self.arms(), strict=True
        ):
            x, style = (
                sizes * 10**offset,
                {"color": colours[arm], "ls": "--" if arm == "more_real" else "-"},
            )
            acc = [self.accuracies(arm, n) for n in sizes]
            left.errorbar(
                x,
                [a.mean() for a in acc],
                [_std(a) for a in acc],
                capsize=3,
                marker="o",
                label=ARM_NAMES[arm],
                **style,
            )
            for xi, a in zip(x, acc, strict=True):
                left.scatter([xi] * len(a), a, s=9, color=colours[arm], alpha=0.35)
            if arm != "real":
                gain = [self.gains(arm, n) for n in sizes]
                right.errorbar(
                    x,
                    [100 * g.mean() for g in gain],
                    [100 * _std(g) for g in gain],
                    capsize=3,
                    marker="o",
                    **style,
                )
        right.axhline(0, color="k", lw=1)
        for ax, label in (
            (left, "test accuracy on 2,000 held-out digits"),
            (right, "change against (a), percentage points"),
        ):
            ax.set_xscale("log")
            ax.set_xticks(sizes, [str(n) for n in sizes])
            ax.minorticks_off()
            ax.set_xlabel("labelled training digits (balanced)")
            ax.set_ylabel(label)
            ax.grid(alpha=0.3)
        left.legend(fontsize=8, loc="lower right")
        left.set_title(
            f"mean ± std over {len(self.config.seeds)} seeds (dots: single seeds)", fontsize=10
        )
        right.set_title(
            "paired gain over real-only (same subset, same initial weights)", fontsize=10
        )
        fig.tight_layout()
        return fig

    def save(self, path: str | Path) -> None:
        """Write JSON (atomically, so an interrupted run never leaves half a file)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"experiment": "06_does_synthetic_data_help", "config": self.config.to_dict(),
                   "seconds": round(self.seconds, 1), "data_source": self.data_source,
                   "runs": self.runs, "gans": self.gans}  # fmt: skip
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(payload, indent=1) + "\n")
        temporary.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> ExperimentResults:
        path = Path(path)
        if not path.is_file():
            raise ValueError(
                f"No results file at {path}; run run_experiment(path={str(path)!r}) first."
            )
        payload = json.loads(path.read_text())
        config = ExperimentConfig.from_dict(payload["config"])
        return cls(
            config,
            payload["runs"],
            payload["gans"],
            payload.get("seconds", 0.0),
            payload.get("data_source", ""),
        )


def show_arm_batches(batches: dict, n: int = 8):
    """One row per arm: the first ``n`` digits of a batch, titled with their (soft) labels.

    Args:
        batches: ``{arm: Batch}`` from :func:`datagen_lab.synthetic_experiment.arm_batches`.
    """
    from datagen_lab.plotting import show_images

    images, titles = [], []
    for arm, batch in batches.items():
        images += list(batch.x[:n, ..., 0])
        titles += [f"{ARM_NAMES[arm][:3]} {soft_label(y)}" for y in batch.y[:n]]
    return show_images(images, titles=titles, ncols=n, scale=1.45)


def soft_label(y: np.ndarray) -> str:
    """A (10,) label vector as text: ``"3"`` for one-hot, ``"0.71·3+0.29·8"`` for a mixture."""
    classes = np.flatnonzero(y > 0.005)
    if len(classes) == 1:
        return str(classes[0])
    return "+".join(f"{y[c]:.2f}·{c}" for c in classes[np.argsort(-y[classes])])


def check_gain(answer: float, results: ExperimentResults, arm: str, n_labels: int) -> Feedback:
    """Exercise checker: the mean paired gain of ``arm`` over (a), in percentage points."""
    expected = 100 * float(results.gains(arm, n_labels).mean())
    return check_close(answer, expected, f"Right: {expected:+.1f} percentage points.",
                       "Subtract (a)'s accuracy from the arm's, seed by seed (results.accuracies), "
                       "average, and multiply by 100.", tol=0.051)  # fmt: skip


def check_attack_accuracy(answer: float, member_scores, nonmember_scores) -> Feedback:
    """Exercise checker: the accuracy of the median-cut membership attack on these scores."""
    from datagen_lab.memorization import membership_inference

    expected = membership_inference(member_scores, nonmember_scores).accuracy
    return check_close(answer, expected, f"Right: {expected:.0%} of the digits are classified correctly.",
                       "Sort all scores; call the top half members; count members called members and "
                       "non-members called non-members; divide by the number of digits.", tol=1e-6)  # fmt: skip


@dataclass(frozen=True)
class ResultsTable:
    """A small table that shows as HTML in Jupyter and as aligned text elsewhere."""

    header: list[str]
    rows: list[list[str]]
    note: str = ""

    def __repr__(self) -> str:
        widths = [
            max(len(str(row[i])) for row in [self.header, *self.rows])
            for i in range(len(self.header))
        ]
        lines = [
            "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
            for row in [self.header, *self.rows]
        ]
        return "\n".join(
            [lines[0], "-" * len(lines[0]), *lines[1:]] + ([self.note] if self.note else [])
        )

    def _repr_html_(self) -> str:
        import html

        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.note)}</caption>" if self.note else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _std(values: np.ndarray) -> float:
    return float(np.std(values, ddof=1)) if len(values) > 1 else 0.0

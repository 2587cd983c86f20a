"""The privacy trade-off, measured: DP-SGD runs at several noise levels, with seeds.

Each run trains the small CNN on ``n`` MNIST digits (the *members*) with Poisson-sampled batches
(each digit joins a step with probability q), either normally (``noise_multiplier=None``, no
clipping, no noise) or with DP-SGD, and reports:

* epsilon at ``delta`` from the accountant (infinite for the normal run);
* accuracy on held-out test digits;
* lesson 6's membership-inference attack: score each digit by minus the model's loss on it
  (a model is more sure of digits it was trained on) and ask whether the scores tell the
  ``n`` members from ``n`` other training-split digits the model never saw (AUC 0.5 = no leak).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from datagen_lab.capstone.membership import membership_inference
from datagen_lab.checks import InputError, check_int, check_number, check_positive_int, check_seed
from datagen_lab.data import MNIST
from datagen_lab.digit_input import to_model_input
from datagen_lab.i18n import display_width, padded, t
from datagen_lab.privacy.accounting import check_sample_rate, dp_sgd_epsilon
from datagen_lab.privacy.dp_sgd import DPSGDStep, build_model, check_clip_norm
from datagen_lab.privacy.mechanisms import check_delta

DP_LEARNING_RATE = 0.5
NORMAL_LEARNING_RATE = 0.1


@dataclass(frozen=True)
class RunResult:
    """One training run: its setting and what it measured."""

    noise_multiplier: float | None  # None: the normal, non-private run
    seed: int
    steps: int
    epsilon: float  # at the experiment's delta; inf for the normal run
    test_accuracy: float
    train_accuracy: float
    membership_auc: float
    membership_accuracy: float
    seconds: float

    @property
    def label(self) -> str:
        return "no DP" if self.noise_multiplier is None else f"σ = {self.noise_multiplier:g}"


def split_digits(data: MNIST, n: int, n_test: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Members, non-members (same size, also from the training split) and test digits.

    Returns:
        ``{"members", "nonmembers", "test"}`` images (float32 (k, 28, 28, 1) in [0, 1]) and
        ``{"member_labels", "nonmember_labels", "test_labels"}`` (int32).
    """
    if not isinstance(data, MNIST):
        raise InputError("data", data, "an MNIST from datagen_lab.data.load_mnist()")
    n = check_positive_int(n, "n", "members (training digits)")
    n_test = check_positive_int(n_test, "n_test", "test digits")
    if 2 * n > len(data.train_labels) or n_test > len(data.test_labels):
        raise InputError("n", n, f"at most {len(data.train_labels) // 2} members")
    rng = np.random.default_rng(check_seed(seed))
    order = rng.permutation(len(data.train_labels))
    test = rng.permutation(len(data.test_labels))[:n_test]
    pick = {"members": order[:n], "nonmembers": order[n : 2 * n]}
    out = {name: to_model_input(data.train_images[index]) for name, index in pick.items()} | {
        f"{name[:-1]}_labels": data.train_labels[index].astype(np.int32)
        for name, index in pick.items()
    }
    out["test"] = to_model_input(data.test_images[test])
    out["test_labels"] = data.test_labels[test].astype(np.int32)
    return out


def train_run(
    digits: dict[str, np.ndarray],
    noise_multiplier: float | None,
    steps: int,
    sample_rate: float,
    seed: int = 0,
    clip_norm: float = 1.0,
    learning_rate: float | None = None,
    delta: float = 1e-5,
) -> RunResult:
    """Train one small CNN on ``digits["members"]`` and measure it (see the module docstring).

    Args:
        digits: from :func:`split_digits`.
        noise_multiplier: sigma > 0 for DP-SGD, or None for normal training.
        steps: training steps, >= 1. sample_rate: q in (0, 1] (expected batch q * n).
        seed: seeds the weights, the batches and the noise.
        clip_norm: C, > 0. delta: for epsilon, in (0, 1).
        learning_rate: of SGD (momentum 0.5); None: :data:`DP_LEARNING_RATE` for DP-SGD (its
            clipped, averaged gradients are small) or :data:`NORMAL_LEARNING_RATE`.
    """
    import time

    steps = check_positive_int(steps, "steps", "training steps")
    q, seed = check_sample_rate(sample_rate), check_seed(seed)
    clip_norm, delta = check_clip_norm(clip_norm), check_delta(delta)
    private = noise_multiplier is not None
    sigma = (
        check_number(noise_multiplier, "noise_multiplier", low=0, low_open=True) if private else 0.0
    )
    x, y = digits["members"], digits["member_labels"]
    start = time.process_time()
    model = build_model(seed)
    if learning_rate is None:
        learning_rate = DP_LEARNING_RATE if private else NORMAL_LEARNING_RATE
    step = DPSGDStep(model, clip_norm, sigma, q * len(x), learning_rate)
    rng = np.random.default_rng(seed + 1000)
    for index in range(steps):
        chosen = np.flatnonzero(rng.random(len(x)) < q)
        if not private:
            if len(chosen):
                step.normal(x[chosen], y[chosen])
            continue
        weights = np.ones(len(chosen), np.float32)
        if not len(chosen):  # an empty Poisson batch still adds its noise: one zero-weight digit
            chosen, weights = np.zeros(1, np.int64), np.zeros(1, np.float32)
        step(x[chosen], y[chosen], weights, (seed, index))
    member_loss, member_right = _loss_and_correct(model, x, y)
    other_loss, _ = _loss_and_correct(model, digits["nonmembers"], digits["nonmember_labels"])
    _, test_right = _loss_and_correct(model, digits["test"], digits["test_labels"])
    attack = membership_inference(-member_loss, -other_loss)
    return RunResult(
        noise_multiplier=float(sigma) if private else None,
        seed=seed,
        steps=steps,
        epsilon=dp_sgd_epsilon(sigma, q, steps, delta) if private else math.inf,
        test_accuracy=float(test_right.mean()),
        train_accuracy=float(member_right.mean()),
        membership_auc=attack.auc,
        membership_accuracy=attack.accuracy,
        seconds=time.process_time() - start,
    )


def run_tradeoff(
    digits: dict[str, np.ndarray],
    noise_multipliers,
    seeds,
    steps: int,
    sample_rate: float,
    progress: bool = True,
    **options,
) -> list[RunResult]:
    """:func:`train_run` for every noise multiplier (None = normal training) and seed."""
    settings = [(sigma, check_seed(seed)) for sigma in noise_multipliers for seed in seeds]
    if not settings:
        raise InputError("seeds", seeds, "at least one seed and one noise multiplier")
    from tqdm.auto import tqdm

    return [
        train_run(digits, sigma, steps, sample_rate, seed, **options)
        for sigma, seed in tqdm(settings, desc=t("DP-SGD runs"), disable=not progress)
    ]


def untrained_auc(digits: dict[str, np.ndarray], seeds) -> np.ndarray:
    """The attack's AUC against models that never trained, one per seed: the floor for this split.

    Members and non-members are different digits, so even a random network scores them a little
    differently; an AUC this far from 0.5 is what chance gives on these digits.
    """
    seeds = [check_seed(seed) for seed in seeds]
    if not seeds:
        raise InputError("seeds", seeds, "at least one seed")
    out = []
    for seed in seeds:
        model = build_model(seed)
        member_loss, _ = _loss_and_correct(model, digits["members"], digits["member_labels"])
        other_loss, _ = _loss_and_correct(model, digits["nonmembers"], digits["nonmember_labels"])
        out.append(membership_inference(-member_loss, -other_loss).auc)
    return np.asarray(out, dtype=np.float64)


def summarise(results: list[RunResult]) -> list[dict]:
    """One row per noise setting: means and standard deviations over seeds, in run order.

    Rows: ``{"setting", "noise_multiplier", "epsilon", "seeds", "<metric>_mean", "<metric>_std"}``
    for test_accuracy, train_accuracy, membership_auc, membership_accuracy.
    """
    if not results or not all(isinstance(r, RunResult) for r in results):
        raise InputError("results", results, "a non-empty list of RunResult")
    rows: dict[str, list[RunResult]] = {}
    for result in results:
        rows.setdefault(result.label, []).append(result)
    table = []
    for label, runs in rows.items():
        row = {
            "setting": label,
            "noise_multiplier": runs[0].noise_multiplier,
            "epsilon": runs[0].epsilon,
            "seeds": len(runs),
        }
        for metric in ("test_accuracy", "train_accuracy", "membership_auc", "membership_accuracy"):
            values = np.array([asdict(r)[metric] for r in runs])
            row[f"{metric}_mean"] = float(values.mean())
            row[f"{metric}_std"] = float(values.std(ddof=1)) if len(values) > 1 else 0.0
        table.append(row)
    return table


def summary_lines(rows: list[dict]) -> list[str]:
    """One line per row of :func:`summarise` (epsilon, accuracies, the attack's AUC), in the
    course's language; ``print("\\n".join(summary_lines(rows)))`` shows the trade-off as text."""
    if not rows or not all(isinstance(r, dict) and "test_accuracy_mean" in r for r in rows):
        raise InputError("rows", rows, "the rows of datagen_lab.privacy.tradeoff.summarise")
    width = max(7, *(display_width(t(row["setting"])) for row in rows))
    return [
        t(
            "{setting}: epsilon {epsilon:6.2f} | test accuracy {test:.3f} ± {test_std:.3f}"
            " | train accuracy {train:.3f} | membership AUC {auc:.3f} ± {auc_std:.3f}",
            setting=padded(t(row["setting"]), width, ">"),
            epsilon=row["epsilon"],
            test=row["test_accuracy_mean"],
            test_std=row["test_accuracy_std"],
            train=row["train_accuracy_mean"],
            auc=row["membership_auc_mean"],
            auc_std=row["membership_auc_std"],
        )
        for row in rows
    ]


def _loss_and_correct(model, images: np.ndarray, labels: np.ndarray, batch: int = 1000):
    """Per-digit cross-entropy (float64) and whether the prediction is right, in batches."""
    from datagen_lab.tf_runtime import import_tensorflow

    tf = import_tensorflow()
    check_int(batch, "batch", low=1)
    losses, right = [], []
    for start in range(0, len(images), batch):
        logits = model(images[start : start + batch], training=False)
        target = labels[start : start + batch]
        losses.append(tf.nn.sparse_softmax_cross_entropy_with_logits(target, logits).numpy())
        right.append(np.argmax(logits.numpy(), axis=1) == target)
    return np.concatenate(losses).astype(np.float64), np.concatenate(right)

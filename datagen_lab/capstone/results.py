"""The capstone's settings and results: what one run is (:class:`ExperimentConfig`), what it
measured (:class:`ExperimentResults`, saved to and loaded from JSON), and the tables.

:func:`datagen_lab.capstone.experiment.run_experiment` fills the results;
:func:`datagen_lab.capstone.experiment.load_results` reads the committed file; the pictures are in
:mod:`datagen_lab.capstone.plots`. The settings (:class:`ExperimentConfig`, :data:`FULL`,
:data:`TINY`, :data:`ARMS`, :data:`ARM_NAMES`, :data:`AUGMENT`, :data:`RESULTS_PATH`) live in
:mod:`datagen_lab.capstone.config` and are re-exported here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from datagen_lab.capstone.config import (  # noqa: F401  (re-exported: moved from here)
    ARM_NAMES,
    ARMS,
    AUGMENT,
    FULL,
    NUM_CLASSES,
    RESULTS_PATH,
    TINY,
    ExperimentConfig,
    _int_tuple,
)
from datagen_lab.capstone.table import (
    ResultsTable,
    sample_std,
)
from datagen_lab.checks import InputError, check_choice
from datagen_lab.config import PROJECT_DIR  # noqa: F401  (re-exported: tests read it from here)
from datagen_lab.i18n import t


def _check_target(path, name: str) -> Path:
    """A path a file can be written to: not a folder; its parent folder may be created."""
    if not isinstance(path, str | Path) or str(path) == "":
        raise InputError(name, path, "the path of a file to write (str or Path)")
    path = Path(path).expanduser()
    if path.is_dir():
        raise InputError(name, str(path), "the path of a file, not a folder")
    return path


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
        self._check_cell(arm, n_labels)
        rows = sorted(
            (r for r in self.runs if r["arm"] == arm and r["labels"] == n_labels),
            key=lambda r: r["seed"],
        )
        if not isinstance(key, str) or not all(key in r for r in rows):
            raise InputError(
                "key", key, "a column of every run, e.g. 'test_accuracy' or 'train_accuracy'"
            )
        return np.array([r[key] for r in rows], dtype=float)

    def generator_values(self, key: str, n_labels: int) -> np.ndarray:
        """One number per seed of the generators trained on ``n_labels`` digits, e.g. ``"copy_share"``."""
        if not isinstance(key, str) or not any(key in g for g in self.gans):
            known = sorted({k for g in self.gans for k in g})
            raise InputError(
                "key", key, f"a column of the generator rows ({', '.join(known) or 'none saved'})"
            )
        check_choice(n_labels, "n_labels", self.sizes())
        rows = sorted((g for g in self.gans if g["labels"] == n_labels), key=lambda g: g["seed"])
        return np.array([g[key] for g in rows if key in g], dtype=float)

    def gains(self, arm: str, n_labels: int) -> np.ndarray:
        """Per-seed accuracy minus arm (a)'s on the same subset: the *paired* difference."""
        return self.accuracies(arm, n_labels) - self.accuracies("real", n_labels)

    def gain_points(self, arm: str) -> np.ndarray:
        """The paired gain of ``arm`` over (a) in percentage points, rounded to 0.01: one row
        per label size (in :meth:`sizes` order), one column per seed."""
        return np.array([100 * self.gains(arm, n) for n in self.sizes()]).round(2)

    def gap_points(self, arm: str) -> np.ndarray:
        """Accuracy on the CNN's own labelled digits minus test accuracy (the overfitting gap) in
        percentage points, rounded to 0.01: one row per label size, one column per seed."""
        return np.array(
            [
                100 * (self.accuracies(arm, n, "train_accuracy") - self.accuracies(arm, n))
                for n in self.sizes()
            ]
        ).round(2)

    def generator_matrix(self, key: str) -> np.ndarray:
        """One generator measure (e.g. ``"copy_share"``), rounded to 4 decimals: one row per
        label size, one column per seed (see :meth:`generator_values`)."""
        return np.array([self.generator_values(key, n) for n in self.sizes()]).round(4)

    def _check_cell(self, arm: str, n_labels: int) -> None:
        check_choice(arm, "arm", self.arms() or ARMS)
        check_choice(n_labels, "n_labels", self.sizes())

    def arms(self) -> list[str]:
        return [arm for arm in ARMS if any(r["arm"] == arm for r in self.runs)]

    def sizes(self) -> list[int]:
        return sorted({r["labels"] for r in self.runs})

    def table(self) -> ResultsTable:
        """Mean +/- standard deviation over seeds of test accuracy, and of the gain over (a)."""
        header = self._header(t("arm"))
        rows = []
        for arm in self.arms():
            cells = []
            for n in self.sizes():
                acc, gain = self.accuracies(arm, n), self.gains(arm, n)
                text = f"{100 * acc.mean():.1f} ± {100 * sample_std(acc):.1f}"
                if arm != "real":
                    text += f" ({100 * gain.mean():+.1f} ± {100 * sample_std(gain):.1f})"
                cells.append(text)
            rows.append([t(ARM_NAMES[arm]), *cells])
        note = t(
            "test accuracy in % on {seeds} seeds (mean ± std); in brackets the "
            "paired change against (a) on the same subset, in percentage points",
            seeds=len(self.config.seeds),
        )
        return ResultsTable(header, rows, note)

    def overfitting_table(self) -> ResultsTable:
        """Accuracy on the CNN's own (clean) labelled digits minus test accuracy: the overfitting gap."""
        rows = []
        for arm in self.arms():
            cells = []
            for n in self.sizes():
                gap = self.accuracies(arm, n, "train_accuracy") - self.accuracies(arm, n)
                cells.append(f"{100 * gap.mean():.1f} ± {100 * sample_std(gap):.1f}")
            rows.append([t(ARM_NAMES[arm]), *cells])
        return ResultsTable(
            self._header(t("arm")),
            rows,
            t("train accuracy minus test accuracy, percentage points (mean ± std over seeds)"),
        )

    def generator_table(self) -> ResultsTable:
        """Per label size: how well the generators obey the label, how close they sit to their
        training digits, and how much their discriminators leak membership."""
        columns = {
            "conditioning_accuracy": ("asked class recognised", 100, "%"),
            "generated_median": ("median NN distance, generated", 1, ""),
            "heldout_median": ("median NN distance, held-out real", 1, ""),
            "copy_share": ("copy share (~1% if no copying)", 100, "%"),
            "generated_spread": ("within-class spread, generated", 1, ""),
            "train_spread": ("within-class spread, training digits", 1, ""),
            "membership_accuracy": ("membership attack accuracy (chance 50%)", 100, "%"),
            "membership_auc": ("membership AUC (0.5 = no leak)", 1, ""),
        }
        rows = []
        for key, (name, scale, unit) in columns.items():
            if not any(key in g for g in self.gans):
                continue  # a results file from before this measure existed
            cells = []
            for n in self.sizes():
                values = scale * self.generator_values(key, n)
                digits = 1 if scale == 100 else 2
                cells.append(
                    f"{values.mean():.{digits}f} ± {sample_std(values):.{digits}f}{unit}"
                    if len(values)
                    else "-"
                )
            rows.append([t(name), *cells])
        return ResultsTable(
            self._header(t("generator trained on")),
            rows,
            t(
                "mean ± std over {seeds} seeds; distances in pixel units of [0, 1]",
                seeds=len(self.config.seeds),
            ),
        )

    def _header(self, first: str) -> list[str]:
        return [first] + [t("{n} labels", n=n) for n in self.sizes()]

    def describe(self) -> str:
        """What was run and on which digits, and how long it took (two lines, for a reader)."""
        match = re.fullmatch(r"(\d+) training and (\d+) test digits \((.*)\)", self.data_source)
        data = self.data_source
        if match:
            train, test, name = match.groups()
            data = t(
                "{train} training and {test} test digits ({name})",
                train=train,
                test=test,
                name=name,
            )
        return "\n".join(
            [
                t(
                    "{runs} CNN runs and {gans} generators; data: {data}",
                    runs=len(self.runs),
                    gans=len(self.gans),
                    data=data,
                ),
                t(
                    "the saved run took {minutes:.0f} minutes of wall time",
                    minutes=self.seconds / 60,
                ),
            ]
        )

    def plot(self):
        """Accuracy against labels with error bars, and the paired gains (see
        :func:`datagen_lab.capstone.plots.plot_results`). Returns the Figure."""
        from datagen_lab.capstone.plots import plot_results

        return plot_results(self)

    def plot_generators(self):
        """Generated samples and distance histograms per label size (a Figure)."""
        from datagen_lab.capstone.plots import plot_generators

        return plot_generators(self)

    def closest_pairs(self, n_labels: int, seed: int = 0):
        """The saved closest generated/training pairs of one generator (a Figure)."""
        from datagen_lab.capstone.plots import closest_pairs

        return closest_pairs(self, n_labels, seed)

    def save(self, path: str | Path) -> None:
        """Write JSON (atomically, so an interrupted run never leaves half a file)."""
        path = _check_target(path, "path")
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "experiment": "06_does_synthetic_data_help",
            "config": self.config.to_dict(),
            "seconds": round(self.seconds, 1),
            "data_source": self.data_source,
            "runs": self.runs,
            "gans": self.gans,
        }
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(payload, indent=1) + "\n")
        temporary.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> ExperimentResults:
        if not isinstance(path, str | Path) or str(path) == "":
            raise InputError("path", path, "the path of a results file (str or Path)")
        path = Path(path)
        if not path.is_file():
            raise InputError(
                "path",
                str(path),
                "the path of an existing results file",
                f"No results file at {path}; run run_experiment(path={str(path)!r}) first.",
            )
        try:
            payload = json.loads(path.read_text())
            config = ExperimentConfig.from_dict(payload["config"])
            runs, gans = payload["runs"], payload["gans"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            raise InputError(
                "path",
                str(path),
                "a results file written by ExperimentResults.save (JSON with config, runs and gans)",
                f"It could not be read: {type(error).__name__}: {error}.",
            ) from None
        if not isinstance(runs, list) or not isinstance(gans, list):
            raise InputError("path", str(path), "a results file whose runs and gans are lists")
        return cls(config, runs, gans, payload.get("seconds", 0.0), payload.get("data_source", ""))

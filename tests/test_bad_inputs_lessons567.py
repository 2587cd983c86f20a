"""Bad inputs to lessons 5 (interpolation, mixup, SMOTE), 6 (synthetic experiment, memorisation)
and 7 (VAE): every one gets a clear error that names the argument, or a correct result.

Each family is one parametrised list of ``(id, call, argument)``: ``call`` must raise a clear error
(:func:`bad_input_helpers.assert_clear_error`) naming ``argument``. The few bad-looking inputs
that have a right answer are in ``CORRECT`` with the check of that answer.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error, assert_finite

from datagen_lab.capstone import exercises as cap_ex
from datagen_lab.capstone import experiment as se
from datagen_lab.capstone import memorization as mem
from datagen_lab.capstone import memorization_plots as mplots
from datagen_lab.capstone import panel as cap_panel
from datagen_lab.capstone import plots as splots
from datagen_lab.capstone import results as sr
from datagen_lab.synthesis import interpolate as ip
from datagen_lab.synthesis import interpolate_images as ii
from datagen_lab.synthesis import smote as sm
from datagen_lab.vae import compare as vc
from datagen_lab.vae import sweep as vs

NAN, INF = float("nan"), float("inf")
RNG = np.random.default_rng(0)
T, Y = ip.demo_series(40)
KNOWN = ip.random_gaps(40, 3, 2, seed=0)
DIGITS = RNG.integers(0, 256, (12, 28, 28), dtype=np.uint8)
DIGIT_LABELS = np.arange(12) % 10
IMG = RNG.random((8, 8)).astype(np.float32)
ONE_HOT = np.eye(10, dtype=np.float32)
X2 = RNG.normal(size=(20, 3))
Y2 = np.r_[np.zeros(15, int), np.ones(5, int)]


def with_nan(array, index=0):
    out = np.array(array, dtype=np.float64)
    out.flat[index] = np.nan
    return out


# -- lesson 5: time series -------------------------------------------------------------------------

SERIES = [
    ("t_known-unsorted", lambda: ip.fill_gaps([0, 2, 1, 3], [0, 1, 2, 3], [1.5]), "t_known"),
    ("t_known-duplicate", lambda: ip.fill_gaps([0, 1, 1, 3, 4], [0, 1, 2, 3, 4], [2.0]), "t_known"),
    ("t_known-nan", lambda: ip.fill_gaps([0, NAN, 2, 3], [0, 1, 2, 3], [1.5]), "t_known"),
    ("y_known-nan", lambda: ip.fill_gaps([0, 1, 2, 3], [0, NAN, 2, 3], [1.5]), "y_known"),
    ("y_known-inf", lambda: ip.fill_gaps([0, 1, 2, 3], [0, INF, 2, 3], [1.5]), "y_known"),
    ("t_query-nan", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [NAN], "linear"), "t_query"),
    ("t_query-str", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], "1.5"), "t_query"),
    ("t_query-outside", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [5.0], "linear"), "t_query"),
    ("t_known-none", lambda: ip.fill_gaps(None, [0, 1], [0.5]), "t_known"),
    ("t_known-str", lambda: ip.fill_gaps(["a", "b"], [0, 1], [0.5]), "t_known"),
    ("t_known-2d", lambda: ip.fill_gaps(np.zeros((2, 2)), np.zeros((2, 2)), [0.5]), "t_known"),
    ("t_known-empty", lambda: ip.fill_gaps([], [], [0.5], "linear"), "t_known"),
    ("t_known-too-few", lambda: ip.fill_gaps([0, 1, 2], [0, 1, 2], [0.5], "cubic"), "t_known"),
    ("y_known-length", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2], [0.5]), "y_known"),
    ("method-unknown", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [0.5], "spline"), "method"),
    ("method-none", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [0.5], None), "method"),
    ("degree-float", lambda: ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [0.5], "polynomial", 2.0), "degree"),
    ("degree-nan", lambda: ip.min_points("polynomial", NAN), "degree"),
    ("degree-zero", lambda: ip.min_points("polynomial", 0), "degree"),
    ("fill_series-y-nan-at-known", lambda: ip.fill_series(T, with_nan(Y), KNOWN), "y"),
    ("fill_series-known-indices", lambda: ip.fill_series(T, Y, np.flatnonzero(KNOWN)), "known"),
    ("fill_series-known-ints", lambda: ip.fill_series(T, Y, np.arange(40) % 3), "known"),
    ("fill_series-known-length", lambda: ip.fill_series(T, Y, KNOWN[:-1]), "known"),
    ("fill_series-gap-at-end", lambda: ip.fill_series(T, Y, np.r_[np.ones(35, bool), np.zeros(5, bool)]), "known"),
    ("fill_series-t-unsorted", lambda: ip.fill_series(T[::-1], Y, KNOWN), "t_known"),
    ("fill_series-t-nan", lambda: ip.fill_series(with_nan(T, 5), Y, KNOWN), "t"),
    ("fill_series-t-str", lambda: ip.fill_series("abc", Y, KNOWN), "t"),
    ("gap_error-y-nan-in-gap", lambda: ip.gap_error(T, with_nan(Y, int(np.flatnonzero(~KNOWN)[0])), KNOWN), "y"),
    ("gap_error-no-gap", lambda: ip.gap_error(T, Y, np.ones(40, bool)), "known"),
    ("random_gaps-float-n", lambda: ip.random_gaps(240.0, 8, 4), "n"),
    ("random_gaps-negative-n", lambda: ip.random_gaps(-5, 2, 1), "n"),
    ("random_gaps-zero-gap", lambda: ip.random_gaps(100, 0, 2), "gap_size"),
    ("random_gaps-float-gap", lambda: ip.random_gaps(100, 2.5, 2), "gap_size"),
    ("random_gaps-do-not-fit", lambda: ip.random_gaps(30, 10, 3), "n"),
    ("random_gaps-negative-seed", lambda: ip.random_gaps(100, 2, 2, seed=-1), "seed"),
    ("rmse-shapes", lambda: ip.rmse([1, 2], [1, 2, 3]), "b"),
    ("rmse-nan", lambda: ip.rmse([1, NAN], [1, 2]), "a"),
    ("rmse-empty", lambda: ip.rmse([], []), "a"),
    ("rmse-str", lambda: ip.rmse(["a"], [1]), "a"),
    ("error_table-methods-str", lambda: ip.error_table(T, Y, [2], methods="cubic"), "methods"),
    ("error_table-repeats-zero", lambda: ip.error_table(T, Y, [2], repeats=0), "repeats"),
    ("error_table-gap-sizes-empty", lambda: ip.error_table(T, Y, []), "gap_sizes"),
    ("error_table-gap-sizes-float", lambda: ip.error_table(T, Y, [1.5]), "gap_sizes"),
    ("upsampling-func-not-callable", lambda: ip.upsampling_errors(3, [2]), "func"),
    ("upsampling-func-nan", lambda: ip.upsampling_errors(lambda t: t * NAN, [2]), "func"),
    ("upsampling-spacing-zero", lambda: ip.upsampling_errors(ip.temperature, [0]), "spacings"),
    ("upsampling-spacing-negative", lambda: ip.upsampling_errors(ip.temperature, [-2]), "spacings"),
    ("upsampling-span-reversed", lambda: ip.upsampling_errors(ip.temperature, [2], span=(10, 0)), "span"),
    ("convergence-lengths", lambda: ip.convergence_order([1, 2, 4], [0.1, 0.2]), "errors"),
    ("convergence-zero-error", lambda: ip.convergence_order([1, 2], [0.0, 0.1]), "errors"),
    ("convergence-one-point", lambda: ip.convergence_order([1], [0.1]), "gap_sizes"),
    ("convergence-same-sizes", lambda: ip.convergence_order([2, 2], [0.1, 0.2]), "gap_sizes"),
    ("convergence-nan", lambda: ip.convergence_order([1, 2], [NAN, 0.2]), "errors"),
    ("upsample-factor-float", lambda: ip.upsample(T, Y, 2.5), "factor"),
    ("upsample-factor-zero", lambda: ip.upsample(T, Y, 0), "factor"),
    ("upsample-factor-str", lambda: ip.upsample(T, Y, "4"), "factor"),
    ("upsample-y-nan", lambda: ip.upsample(T, with_nan(Y), 2), "y"),
    ("temperature-str", lambda: ip.temperature("noon"), "t"),
    ("temperature-nan", lambda: ip.temperature([NAN]), "t"),
    ("demo_series-zero", lambda: ip.demo_series(0), "n"),
    ("demo_series-negative-noise", lambda: ip.demo_series(10, noise=-1.0), "noise"),
    ("demo_series-nan-noise", lambda: ip.demo_series(10, noise=NAN), "noise"),
]  # fmt: skip

# -- lesson 5: images and mixup --------------------------------------------------------------------

MIXUP = [
    ("mixup-class-numbers", lambda: ii.mixup(IMG, IMG, 3, 7, 0.5), "y_a"),
    ("mixup-class-id-batch", lambda: ii.mixup(np.stack([IMG] * 3), np.stack([IMG] * 3), [3, 1, 2], [7, 0, 4], 0.5), "y_a"),
    ("mixup-label-not-summing-to-1", lambda: ii.mixup(IMG, IMG, [0.5, 0.2], [0, 1.0], 0.5), "y_a"),
    ("mixup-label-negative", lambda: ii.mixup(IMG, IMG, [-0.5, 1.5], [0, 1.0], 0.5), "y_a"),
    ("mixup-label-nan", lambda: ii.mixup(IMG, IMG, [NAN, 1.0], [0, 1.0], 0.5), "y_a"),
    ("mixup-labels-shape", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1, :5] * 0 + 0.2, 0.5), "y_b"),
    ("mixup-num-classes-zero", lambda: ii.mixup(IMG, IMG, 3, 1, 0.5, num_classes=0), "num_classes"),
    ("mixup-num-classes-with-vectors", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], 0.5, num_classes=10), "y_a"),
    ("mixup-class-out-of-range", lambda: ii.mixup(IMG, IMG, 3, 12, 0.5, num_classes=10), "y_b"),
    ("mixup-lam-nan", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], NAN), "lam"),
    ("mixup-lam-inf", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], INF), "lam"),
    ("mixup-lam-out-of-range", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], 1.5), "lam"),
    ("mixup-lam-str", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], "0.5"), "lam"),
    ("mixup-lam-none", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], None), "lam"),
    ("mixup-lam-2d", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], np.full((2, 2), 0.5)), "lam"),
    ("mixup-lam-per-pair-single", lambda: ii.mixup(IMG, IMG, ONE_HOT[0], ONE_HOT[1], np.full(8, 0.5)), "lam"),
    ("mixup-image-nan", lambda: ii.mixup(with_nan(IMG), IMG, ONE_HOT[0], ONE_HOT[1], 0.5), "x_a"),
    ("mixup-image-255-float", lambda: ii.mixup(IMG * 255, IMG, ONE_HOT[0], ONE_HOT[1], 0.5), "x_a"),
    ("mixup-image-int64", lambda: ii.mixup(DIGITS[0].astype(np.int64), DIGITS[1], ONE_HOT[0], ONE_HOT[1], 0.5), "x_a"),
    ("mixup-image-empty", lambda: ii.mixup(np.zeros((0, 8, 8)), np.zeros((0, 8, 8)), ONE_HOT[:0], ONE_HOT[:0], 0.5), "x_a"),
    ("mixup-image-1d", lambda: ii.mixup(np.zeros(8), np.zeros(8), ONE_HOT[0], ONE_HOT[1], 0.5), "x_a"),
    ("mixup-image-none", lambda: ii.mixup(None, IMG, ONE_HOT[0], ONE_HOT[1], 0.5), "x_a"),
    ("mixup-images-shape", lambda: ii.mixup(IMG, IMG[:4], ONE_HOT[0], ONE_HOT[1], 0.5), "x_b"),
    ("mixup-batch-labels-count", lambda: ii.mixup(np.stack([IMG] * 3), np.stack([IMG] * 3), ONE_HOT[:2], ONE_HOT[1:3], 0.5), "y_a"),
    ("mixup_batch-alpha-zero", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS, alpha=0), "alpha"),
    ("mixup_batch-alpha-nan", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS, alpha=NAN), "alpha"),
    ("mixup_batch-labels-length", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS[:5]), "labels"),
    ("mixup_batch-labels-float", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS.astype(float)), "labels"),
    ("mixup_batch-labels-too-big", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS + 5), "labels"),
    ("mixup_batch-seed-negative", lambda: ii.mixup_batch(DIGITS, DIGIT_LABELS, seed=-1), "seed"),
    ("mixup_batch-empty", lambda: ii.mixup_batch(DIGITS[:0], DIGIT_LABELS[:0]), "images"),
    ("one_hot-num-classes-zero", lambda: ii.one_hot([1], 0), "num_classes"),
    ("one_hot-float-labels", lambda: ii.one_hot([1.5]), "labels"),
    ("one_hot-negative", lambda: ii.one_hot([-1]), "labels"),
    ("one_hot-scalar", lambda: ii.one_hot(3), "labels"),
    ("as_float_images-nan", lambda: ii.as_float_images(with_nan(IMG)), "images"),
    ("as_float_images-bool", lambda: ii.as_float_images(IMG > 0.5), "images"),
    ("as_float_images-str", lambda: ii.as_float_images("cat.png"), "images"),
    ("describe_label-2d", lambda: ii.describe_label(ONE_HOT[:2]), "soft"),
    ("describe_label-nan", lambda: ii.describe_label(with_nan(ONE_HOT[0])), "soft"),
    ("describe_label-logits", lambda: ii.describe_label([3.0, -2.0]), "soft"),
    ("describe_label-top-zero", lambda: ii.describe_label(ONE_HOT[0], top=0), "top"),
    ("pixel_path-steps-1", lambda: ii.pixel_path(IMG, IMG, 1), "steps"),
    ("pixel_path-steps-float", lambda: ii.pixel_path(IMG, IMG, 8.0), "steps"),
    ("pixel_path-shapes", lambda: ii.pixel_path(IMG, IMG[:4], 4), "b"),
    ("pixel_path-nan", lambda: ii.pixel_path(IMG, with_nan(IMG), 4), "b"),
    ("shape_path-blank", lambda: ii.shape_path(np.zeros((8, 8), np.float32), IMG, 4), "a"),
    ("shape_path-softness-zero", lambda: ii.shape_path(IMG, IMG, 4, softness=0), "softness"),
    ("shape_path-colour", lambda: ii.shape_path(np.stack([IMG] * 3, -1), np.stack([IMG] * 3, -1)), "a"),
    ("unmix-lam-1", lambda: ii.unmix(IMG, IMG, 1.0), "lam"),
    ("unmix-lam-str", lambda: ii.unmix(IMG, IMG, "0.5"), "lam"),
    ("unmix-shapes", lambda: ii.unmix(IMG, IMG[:4], 0.5), "known"),
    ("nearest_sources-k-zero", lambda: ii.nearest_sources(DIGITS[0], DIGITS, 0), "k"),
    ("nearest_sources-k-negative", lambda: ii.nearest_sources(DIGITS[0], DIGITS, -1), "k"),
    ("nearest_sources-k-too-big", lambda: ii.nearest_sources(DIGITS[0], DIGITS, 50), "k"),
    ("nearest_sources-pool-single-image", lambda: ii.nearest_sources(DIGITS[0], DIGITS[1]), "pool"),
    ("nearest_sources-pool-other-size", lambda: ii.nearest_sources(DIGITS[0], DIGITS[:, :20]), "pool"),
    ("recover-pool-of-one", lambda: ii.recover_mixup_sources(DIGITS[0], DIGITS[:1]), "pool"),
    ("recover-mixed-nan", lambda: ii.recover_mixup_sources(with_nan(IMG), np.stack([IMG] * 3)), "mixed"),
]  # fmt: skip

# -- lesson 5: SMOTE, PCA, softmax ---------------------------------------------------------------------

PCA = sm.fit_pca(X2, 2)

SMOTE = [
    ("smote-one-sample", lambda: sm.smote(np.zeros((1, 2)), 5), "X_minority"),
    ("smote-1d", lambda: sm.smote(np.zeros(5), 5), "X_minority"),
    ("smote-nan", lambda: sm.smote(with_nan(X2), 5), "X_minority"),
    ("smote-empty", lambda: sm.smote(np.zeros((0, 2)), 5), "X_minority"),
    ("smote-str", lambda: sm.smote([["a", "b"], ["c", "d"]], 5), "X_minority"),
    ("smote-k-zero", lambda: sm.smote(X2, 5, k=0), "k"),
    ("smote-k-float", lambda: sm.smote(X2, 5, k=2.0), "k"),
    ("smote-n_new-negative", lambda: sm.smote(X2, -1), "n_new"),
    ("smote-n_new-float", lambda: sm.smote(X2, 2.5), "n_new"),
    ("smote-seed-negative", lambda: sm.smote(X2, 2, seed=-3), "seed"),
    ("nearest_neighbours-k-too-big", lambda: sm.nearest_neighbours(X2, 20), "k"),
    ("nearest_neighbours-k-float", lambda: sm.nearest_neighbours(X2, 2.0), "k"),
    ("nearest_neighbours-inf", lambda: sm.nearest_neighbours(np.r_[X2, [[INF, 0, 0]]], 2), "X"),
    ("nearest_neighbours-one-row", lambda: sm.nearest_neighbours(X2[:1], 1), "X"),
    ("oversample-absent-class", lambda: sm.oversample(X2, Y2, minority=7), "minority"),
    ("oversample-class-str", lambda: sm.oversample(X2, Y2, minority="1"), "minority"),
    ("oversample-nan-features", lambda: sm.oversample(with_nan(X2), Y2), "X"),
    ("oversample-nan-labels", lambda: sm.oversample(X2, with_nan(Y2)), "y"),
    ("oversample-fraction-labels", lambda: sm.oversample(X2, Y2 + 0.5), "y"),
    ("oversample-labels-length", lambda: sm.oversample(X2, Y2[:-1]), "y"),
    ("oversample-method", lambda: sm.oversample(X2, Y2, method="copy"), "method"),
    ("oversample-target-negative", lambda: sm.oversample(X2, Y2, target=-1), "target"),
    ("oversample-target-float", lambda: sm.oversample(X2, Y2, target=20.5), "target"),
    ("oversample-single-member-smote", lambda: sm.oversample(X2, np.r_[np.zeros(19, int), 1]), "minority"),
    ("class_counts-nan", lambda: sm.class_counts([0, NAN]), "y"),
    ("class_counts-str", lambda: sm.class_counts(["a", "b"]), "y"),
    ("class_counts-2d", lambda: sm.class_counts(np.zeros((2, 2), int)), "y"),
    ("imbalanced_blobs-negative", lambda: sm.imbalanced_blobs(-1, 5), "n_major"),
    ("imbalanced_blobs-float", lambda: sm.imbalanced_blobs(10, 2.5), "n_minor"),
    ("fit_pca-n-components-float", lambda: sm.fit_pca(X2, 2.0), "n_components"),
    ("fit_pca-too-many", lambda: sm.fit_pca(X2, 4), "n_components"),
    ("fit_pca-nan", lambda: sm.fit_pca(with_nan(X2), 2), "X"),
    ("fit_pca-one-row", lambda: sm.fit_pca(X2[:1], 1), "X"),
    ("fit_pca-constant", lambda: sm.fit_pca(np.ones((5, 3)), 1), "X"),
    ("pca-transform-width", lambda: PCA.transform(np.zeros((2, 5))), "X"),
    ("pca-inverse-width", lambda: PCA.inverse(np.zeros((2, 3))), "Z"),
    ("pca-transform-nan", lambda: PCA.transform(with_nan(X2)), "X"),
    ("train_softmax-label-too-big", lambda: sm.train_softmax(X2, Y2 + 5, num_classes=2), "y"),
    ("train_softmax-label-negative", lambda: sm.train_softmax(X2, Y2 - 1, num_classes=2), "y"),
    ("train_softmax-labels-length", lambda: sm.train_softmax(X2, Y2[:3], num_classes=2), "y"),
    ("train_softmax-lr-nan", lambda: sm.train_softmax(X2, Y2, 2, lr=NAN), "lr"),
    ("train_softmax-steps-float", lambda: sm.train_softmax(X2, Y2, 2, steps=2.5), "steps"),
    ("train_softmax-batch-zero", lambda: sm.train_softmax(X2, Y2, 2, batch_size=0), "batch_size"),
    ("train_softmax-l2-negative", lambda: sm.train_softmax(X2, Y2, 2, l2=-1.0), "l2"),
    ("recall-lengths", lambda: sm.recall_per_class([0, 1], [0, 1, 1], 2), "y_pred"),
    ("recall-negative", lambda: sm.recall_per_class([0, -1], [0, 1], 2), "y_true"),
    ("evaluate-train-not-pair", lambda: sm.evaluate_softmax(X2, (X2, Y2), 1), "train"),
    ("evaluate-test-width", lambda: sm.evaluate_softmax((X2, Y2), (X2[:, :2], Y2), 1, steps=1), "test"),
    ("evaluate-minority-absent", lambda: sm.evaluate_softmax((X2, Y2), (X2, np.zeros(20, int)), 1, steps=1), "minority"),
    ("evaluate-minority-out-of-range", lambda: sm.evaluate_softmax((X2, Y2), (X2, Y2), 12, steps=1), "minority"),
    ("on_segment-shapes", lambda: sm.on_segment(X2, X2[:3], X2), "a"),
    ("on_segment-1d", lambda: sm.on_segment(X2[0], X2[0], X2[1]), "points"),
    ("on_segment-atol-negative", lambda: sm.on_segment(X2, X2, X2, atol=-1), "atol"),
]  # fmt: skip

# -- lesson 6: memorisation ------------------------------------------------------------------------

REPORT = mem.memorization_report(DIGITS[:4], DIGITS, DIGITS[4:])

MEMORIZATION = [
    ("nearest-empty-queries", lambda: mem.nearest_neighbours(DIGITS[:0], DIGITS), "queries"),
    ("nearest-empty-reference", lambda: mem.nearest_neighbours(DIGITS, DIGITS[:0]), "reference"),
    ("nearest-sizes", lambda: mem.nearest_neighbours(DIGITS, DIGITS[:, :20]), "reference"),
    ("nearest-nan", lambda: mem.nearest_neighbours(with_nan(DIGITS / 255), DIGITS), "queries"),
    ("nearest-out-of-range", lambda: mem.nearest_neighbours(DIGITS * 2.0, DIGITS), "queries"),
    ("nearest-int64", lambda: mem.nearest_neighbours(DIGITS.astype(np.int64), DIGITS), "queries"),
    ("nearest-one-image", lambda: mem.nearest_neighbours(np.zeros(5), DIGITS), "queries"),
    ("nearest-chunk-zero", lambda: mem.nearest_neighbours(DIGITS, DIGITS, chunk=0), "chunk"),
    ("nearest-none", lambda: mem.nearest_neighbours(None, DIGITS), "queries"),
    ("report-empty-generated", lambda: mem.memorization_report(DIGITS[:0], DIGITS, DIGITS), "generated"),
    ("report-empty-heldout", lambda: mem.memorization_report(DIGITS, DIGITS, DIGITS[:0]), "heldout"),
    ("report-empty-train", lambda: mem.memorization_report(DIGITS, DIGITS[:0], DIGITS), "train"),
    ("report-mismatched", lambda: mem.memorization_report(DIGITS[:, :14], DIGITS, DIGITS), "train"),
    ("MemorizationReport-empty", lambda: mem.MemorizationReport(np.zeros(0), np.zeros(0, int), np.ones(2), np.zeros(2, int)), "generated"),
    ("MemorizationReport-negative", lambda: mem.MemorizationReport(-np.ones(2), np.zeros(2, int), np.ones(2), np.zeros(2, int)), "generated"),
    ("MemorizationReport-index-length", lambda: mem.MemorizationReport(np.ones(2), np.zeros(3, int), np.ones(2), np.zeros(2, int)), "generated_index"),
    ("closest-k-negative", lambda: REPORT.closest(-1), "k"),
    ("class_spread-labels-length", lambda: mem.class_spread(DIGITS, DIGIT_LABELS[:3]), "labels"),
    ("class_spread-labels-out-of-range", lambda: mem.class_spread(DIGITS, DIGIT_LABELS + 10), "labels"),
    ("class_spread-labels-nan", lambda: mem.class_spread(DIGITS, with_nan(DIGIT_LABELS)), "labels"),
    ("class_spread-num-classes-zero", lambda: mem.class_spread(DIGITS, DIGIT_LABELS, 0), "num_classes"),
    ("membership-lengths", lambda: mem.membership_inference([1, 2, 3], [1, 2]), "nonmember_scores"),
    ("membership-empty", lambda: mem.membership_inference([], []), "member_scores"),
    ("membership-nan", lambda: mem.membership_inference([1, NAN], [1, 2]), "member_scores"),
    ("membership-str", lambda: mem.membership_inference(["a"], ["b"]), "member_scores"),
    ("auc-empty", lambda: mem.auc([], [1.0]), "positive"),
    ("auc-inf", lambda: mem.auc([1.0], [INF]), "negative"),
    ("MembershipResult-n-zero", lambda: mem.MembershipResult(0.5, 0.5, 0.0, 0), "n"),
    ("encode_digit-float", lambda: mem.encode_digit(DIGITS[0] / 255), "image"),
    ("encode_digit-size", lambda: mem.encode_digit(DIGITS[0, :20]), "image"),
    ("encode_digit-300", lambda: mem.encode_digit(DIGITS[0].astype(int) + 200), "image"),
    ("decode_digit-not-base64", lambda: mem.decode_digit("not base64!"), "text"),
    ("decode_digit-wrong-length", lambda: mem.decode_digit("AAAA"), "text"),
    ("decode_digit-int", lambda: mem.decode_digit(5), "text"),
    ("decode_digit-empty", lambda: mem.decode_digit(""), "text"),
    ("generator_check-labels-length", lambda: mem.generator_check(DIGITS, DIGIT_LABELS[:3], DIGITS, DIGIT_LABELS, DIGITS, DIGIT_LABELS), "generated_labels"),
    ("generator_check-score-not-callable", lambda: mem.generator_check(DIGITS, DIGIT_LABELS, DIGITS, DIGIT_LABELS, DIGITS, DIGIT_LABELS, score=3), "score"),
    ("generator_check-pairs-zero", lambda: mem.generator_check(DIGITS, DIGIT_LABELS, DIGITS, DIGIT_LABELS, DIGITS, DIGIT_LABELS, pairs=0), "pairs"),
    ("check_nearest_distance-size", lambda: cap_ex.check_nearest_distance(1.0, DIGITS[0, :20], DIGITS), "train"),
    ("plot_distances-report-type", lambda: mplots.plot_distances({"generated": [1]}), "report"),
    ("show_closest_pairs-generated-count", lambda: mplots.show_closest_pairs(DIGITS, DIGITS, REPORT), "generated"),
    ("plot_membership-nan", lambda: mplots.plot_membership([NAN, 1], [1, 2]), "member_scores"),
    ("plot_membership-result-type", lambda: mplots.plot_membership([1, 2], [1, 2], result=0.5), "result"),
    ("explorer_figure-generator-none", lambda: cap_panel.explorer_figure(None, DIGITS), "generator"),
    ("explorer_figure-digit-10", lambda: cap_panel.explorer_figure(lambda *a: None, DIGITS, digit=10), "digit"),
    ("explorer_figure-n-zero", lambda: cap_panel.explorer_figure(lambda *a: None, DIGITS, n=0), "n"),
    ("generator_explorer-train-float", lambda: cap_panel.generator_explorer(lambda *a: None, DIGITS * 1.0), "train_images"),
    ("generator_explorer-median-nan", lambda: cap_panel.generator_explorer(lambda *a: None, DIGITS, heldout_median=NAN), "heldout_median"),
]  # fmt: skip

# -- lesson 6: the synthetic-data experiment ---------------------------------------------------------


def fake_results(gans=True):
    runs = [
        {"labels": 10, "seed": s, "arm": arm, "test_accuracy": 0.5 + 0.1 * s, "train_accuracy": 0.9}
        for s in (0, 1)
        for arm in ("real", "mixup")
    ]
    gan_rows = [{"labels": 10, "seed": 0, "copy_share": 0.01}] if gans else []
    return sr.ExperimentResults(
        sr.ExperimentConfig(label_sizes=(10,), seeds=(0, 1)), runs, gan_rows
    )


BATCH = se.Batch(np.zeros((4, 28, 28, 1), np.float32), ONE_HOT[:4], np.arange(4))

EXPERIMENT = [
    ("balanced_subset-float-n", lambda: se.balanced_subset(DIGIT_LABELS, 10.0), "n"),
    ("balanced_subset-n-not-multiple", lambda: se.balanced_subset(DIGIT_LABELS, 15), "n"),
    ("balanced_subset-n-too-big", lambda: se.balanced_subset(DIGIT_LABELS, 20), "n"),
    ("balanced_subset-labels-2d", lambda: se.balanced_subset(DIGIT_LABELS.reshape(3, 4), 10), "labels"),
    ("balanced_subset-labels-str", lambda: se.balanced_subset(["3"] * 20, 10), "labels"),
    ("balanced_subset-labels-11", lambda: se.balanced_subset(np.r_[DIGIT_LABELS, 11], 10), "labels"),
    ("balanced_subset-seed", lambda: se.balanced_subset(DIGIT_LABELS, 10, seed=-1), "seed"),
    ("subset_digest-float", lambda: se.subset_digest([1.5, 2.0]), "indices"),
    ("arm_batches-unknown-arm", lambda: se.arm_batches("flip", DIGITS, DIGIT_LABELS, 1, 4), "arm"),
    ("arm_batches-empty-subset", lambda: se.arm_batches("real", DIGITS[:0], DIGIT_LABELS[:0], 1, 4), "images"),
    ("arm_batches-labels-length", lambda: se.arm_batches("real", DIGITS, DIGIT_LABELS[:3], 1, 4), "labels"),
    ("arm_batches-labels-out-of-range", lambda: se.arm_batches("real", DIGITS, DIGIT_LABELS + 1, 1, 4), "labels"),
    ("arm_batches-images-shape", lambda: se.arm_batches("real", DIGITS[:, :20], DIGIT_LABELS, 1, 4), "images"),
    ("arm_batches-images-nan", lambda: se.arm_batches("real", with_nan(DIGITS / 255), DIGIT_LABELS, 1, 4), "images"),
    ("arm_batches-images-255-float", lambda: se.arm_batches("real", DIGITS * 1.0, DIGIT_LABELS, 1, 4), "images"),
    ("arm_batches-steps-negative", lambda: se.arm_batches("real", DIGITS, DIGIT_LABELS, -1, 4), "steps"),
    ("arm_batches-batch-zero", lambda: se.arm_batches("real", DIGITS, DIGIT_LABELS, 1, 0), "batch_size"),
    ("arm_batches-gan-without-extra", lambda: se.arm_batches("gan", DIGITS, DIGIT_LABELS, 1, 4), "extra"),
    ("arm_batches-extra-not-pair", lambda: se.arm_batches("gan", DIGITS, DIGIT_LABELS, 1, 4, extra=DIGITS), "extra"),
    ("arm_batches-extra-empty", lambda: se.arm_batches("gan", DIGITS, DIGIT_LABELS, 1, 4, extra=(DIGITS[:0], DIGIT_LABELS[:0])), "extra"),
    ("arm_batches-alpha-nan", lambda: se.arm_batches("mixup", DIGITS, DIGIT_LABELS, 1, 4, mixup_alpha=NAN), "mixup_alpha"),
    ("arm_batches-share-one", lambda: se.arm_batches("gan", DIGITS, DIGIT_LABELS, 1, 4, extra=(DIGITS, DIGIT_LABELS), extra_share=1.0), "extra_share"),
    ("arm_batches-batch-all-extra", lambda: se.arm_batches("gan", DIGITS, DIGIT_LABELS, 1, 1, extra=(DIGITS, DIGIT_LABELS), extra_share=0.9), "batch_size"),
    ("train_cnn-not-iterable", lambda: se.train_cnn(5), "batches"),
    ("train_cnn-seed", lambda: se.train_cnn([BATCH], seed=-2), "seed"),
    ("accuracy-model-none", lambda: se.accuracy(None, DIGITS, DIGIT_LABELS), "model"),
    ("accuracy-labels-length", lambda: se.accuracy(lambda x: x, DIGITS, DIGIT_LABELS[:2]), "labels"),
    ("synthesize-config-type", lambda: se.synthesize_with_cgan(DIGITS, DIGIT_LABELS, {"gan_steps": 1}, 0), "config"),
    ("run_cell-data-type", lambda: se.run_cell((DIGITS, DIGIT_LABELS), 10, 0), "data"),
    ("run_experiment-config-type", lambda: se.run_experiment("tiny", path=None), "config"),
    ("run_experiment-path-folder", lambda: se.run_experiment(sr.TINY, path=sr.PROJECT_DIR), "path"),
    ("config-label-sizes-int", lambda: sr.ExperimentConfig(label_sizes=100), "label_sizes"),
    ("config-label-sizes-15", lambda: sr.ExperimentConfig(label_sizes=(15,)), "label_sizes"),
    ("config-seeds-empty", lambda: sr.ExperimentConfig(seeds=()), "seeds"),
    ("config-seeds-negative", lambda: sr.ExperimentConfig(seeds=(-1,)), "seeds"),
    ("config-cnn-steps-float", lambda: sr.ExperimentConfig(cnn_steps=2.5), "cnn_steps"),
    ("config-heldout-zero", lambda: sr.ExperimentConfig(heldout=0), "heldout"),
    ("config-alpha-nan", lambda: sr.ExperimentConfig(mixup_alpha=NAN), "mixup_alpha"),
    ("config-share-nan", lambda: sr.ExperimentConfig(synthetic_share=NAN), "synthetic_share"),
    ("config-share-str", lambda: sr.ExperimentConfig(synthetic_share="half"), "synthetic_share"),
    ("config-from-dict-unknown", lambda: sr.ExperimentConfig.from_dict({"steps": 3}), "values"),
    ("results-unknown-arm", lambda: fake_results().accuracies("gan", 10), "arm"),
    ("results-unknown-size", lambda: fake_results().accuracies("real", 20), "n_labels"),
    ("results-unknown-key", lambda: fake_results().accuracies("real", 10, "accuracy"), "key"),
    ("results-generator-key", lambda: fake_results().generator_values("copy_shares", 10), "key"),
    ("check_gain-arm", lambda: cap_ex.check_gain(1.0, fake_results(), "typo", 10), "arm"),
    ("check_attack-nan", lambda: cap_ex.check_attack_accuracy(0.5, [NAN, 1], [0, 1]), "member_scores"),
    ("ResultsTable-ragged", lambda: sr.ResultsTable(["a", "b"], [["x"]]), "rows"),
    ("sample_std-str", lambda: sr.sample_std(["a", "b"]), "values"),
    ("sample_std-nan", lambda: sr.sample_std([1.0, NAN]), "values"),
    ("plot_results-type", lambda: splots.plot_results({"runs": []}), "results"),
    ("plot_results-empty", lambda: splots.plot_results(sr.ExperimentResults(sr.TINY, [], [])), "results"),
    ("plot_generators-no-gans", lambda: splots.plot_generators(fake_results(gans=False)), "results"),
    ("closest_pairs-unknown-size", lambda: splots.closest_pairs(fake_results(), 20), "n_labels"),
    ("closest_pairs-unknown-seed", lambda: splots.closest_pairs(fake_results(), 10, seed=5), "seed"),
    ("show_arm_batches-not-dict", lambda: splots.show_arm_batches([BATCH]), "batches"),
    ("show_arm_batches-unknown-arm", lambda: splots.show_arm_batches({"flip": BATCH}, n=2), "batches"),
    ("show_arm_batches-n-too-big", lambda: splots.show_arm_batches({"real": BATCH}, n=8), "batches"),
    ("soft_label-nan", lambda: splots.soft_label(with_nan(ONE_HOT[0])), "y"),
    ("soft_label-zeros", lambda: splots.soft_label(np.zeros(10)), "y"),
    ("soft_label-2d", lambda: splots.soft_label(ONE_HOT[:2]), "y"),
]  # fmt: skip


# -- lesson 7: the VAE (NumPy side; the TensorFlow side is below) ------------------------------------

VAE_NUMPY = [
    ("greyness-float", lambda: vc.greyness(DIGITS / 255), "images"),
    ("greyness-4d", lambda: vc.greyness(DIGITS[..., None]), "images"),
    ("greyness-none", lambda: vc.greyness(None), "images"),
    ("CPUBudget-nan", lambda: vc.CPUBudget(NAN), "minutes"),
    ("CPUBudget-zero", lambda: vc.CPUBudget(0), "minutes"),
    ("CPUBudget-str", lambda: vc.CPUBudget("5"), "minutes"),
    ("comparison_table-not-list", lambda: vc.comparison_table("VAE"), "results"),
    ("quality-models-str", lambda: vc.quality_over_time(DIGITS, DIGITS, models="VAE"), "models"),
    ("quality-models-unknown", lambda: vc.quality_over_time(DIGITS, DIGITS, models=("GAN",)), "models"),
    ("quality-steps-missing", lambda: vc.quality_over_time(DIGITS, DIGITS, steps={"VAE": 5}), "steps"),
    ("quality-every-zero", lambda: vc.quality_over_time(DIGITS, DIGITS, every_digits=0), "every_digits"),
    ("save_curves-not-dict", lambda: vc.save_curves([1, 2]), "curves"),
    ("save_curves-numpy-values", lambda: vc.save_curves({"models": {"VAE": np.zeros(2)}}), "curves"),
    ("active_dimensions-2d", lambda: vs.active_dimensions(np.zeros((2, 2))), "kl_per_dim"),
    ("active_dimensions-nan", lambda: vs.active_dimensions([NAN, 1.0]), "kl_per_dim"),
    ("active_dimensions-negative", lambda: vs.active_dimensions([-1.0, 1.0]), "kl_per_dim"),
    ("active_dimensions-threshold-nan", lambda: vs.active_dimensions([1.0], NAN), "threshold"),
    ("kl_per_dimension-shapes", lambda: vs.kl_per_dimension(np.zeros((4, 3)), np.zeros(3)), "logvar"),
    ("kl_per_dimension-nan", lambda: vs.kl_per_dimension(with_nan(np.zeros((4, 3))), np.zeros((4, 3))), "mean"),
    ("project_2d-one-dim", lambda: vs.project_2d(np.zeros((5, 1))), "codes"),
    ("project_2d-nan", lambda: vs.project_2d(with_nan(np.zeros((5, 3)))), "codes"),
    ("project_2d-empty", lambda: vs.project_2d(np.zeros((0, 3))), "codes"),
    ("run_beta_sweep-betas-empty", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS, betas=()), "betas"),
    ("run_beta_sweep-beta-negative", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS, betas=(1, -1)), "betas"),
    ("run_beta_sweep-beta-nan", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS, betas=(NAN,)), "betas"),
    ("run_beta_sweep-steps-zero", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS, steps=0), "steps"),
    ("run_beta_sweep-labels-length", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS[:3]), "test_labels"),
    ("run_beta_sweep-too-few-held-out", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS), "test_images"),
    ("run_beta_sweep-config-type", lambda: vs.run_beta_sweep(DIGITS, DIGITS, DIGIT_LABELS, config={"beta": 1}), "config"),
    ("save_sweep-type", lambda: vs.save_sweep({"betas": [1]}), "sweep"),
]  # fmt: skip

ALL = SERIES + MIXUP + SMOTE + MEMORIZATION + EXPERIMENT + VAE_NUMPY


@pytest.mark.parametrize(("call", "argument"), [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_bad_input_gets_a_clear_error(call, argument):
    assert_clear_error(call, argument)


# -- files -----------------------------------------------------------------------------------------


def test_missing_and_broken_files_are_named(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"runs": []}))
    for call in (
        lambda: se.load_results(tmp_path / "missing.json"),
        lambda: se.load_results(broken),
        lambda: se.load_results(wrong),
        lambda: se.load_results(tmp_path),
        lambda: se.load_results(None),
        lambda: vc.load_curves(broken),
        lambda: vc.load_curves(wrong),
        lambda: vs.load_sweep(broken),
        lambda: vs.load_sweep(tmp_path / "missing.npz"),
        lambda: vc.load_curves(tmp_path / "missing.json"),
    ):
        assert_clear_error(call, "path")
    # a missing file is still a FileNotFoundError, as before
    with pytest.raises(FileNotFoundError):
        vs.load_sweep(tmp_path / "missing.npz")


def test_run_experiment_never_overwrites_other_results(tmp_path, mnist):
    """Saving the first cell of a TINY run into the full run's file would lose that run."""
    path = tmp_path / "results.json"
    fake_results().save(path)
    before = path.read_text()
    assert_clear_error(lambda: se.run_experiment(sr.TINY, path, data=mnist, progress=False), "path")
    assert path.read_text() == before


# -- bad-looking input with a right answer -----------------------------------------------------------


def check_mixup_of_class_ids():
    x, y = ii.mixup(IMG, IMG * 0.5, 3, 7, 0.25, num_classes=10)
    expected = np.zeros(10, np.float32)
    expected[3], expected[7] = 0.25, 0.75
    np.testing.assert_allclose(y, expected, atol=1e-7)
    np.testing.assert_allclose(x, 0.25 * IMG + 0.75 * IMG * 0.5, atol=1e-6)


def check_mixup_of_class_id_batches():
    images = np.stack([IMG] * 3)
    _, y = ii.mixup(images, images, [1, 2, 3], [0, 0, 0], np.array([0.5, 1.0, 0.0]), num_classes=4)
    np.testing.assert_allclose(y, [[0.5, 0.5, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]], atol=1e-7)


def check_remixing_soft_labels():
    x, y = ii.mixup(IMG, IMG, ONE_HOT[3], ONE_HOT[8], 0.3)
    x2, y2 = ii.mixup(x, IMG, y, ONE_HOT[1], 0.5)
    np.testing.assert_allclose(y2.sum(), 1, atol=1e-6)
    assert ii.describe_label(y2, top=3) == "0.50·1 + 0.35·8 + 0.15·3"
    assert_finite(x2)


def check_fill_series_without_gaps():
    np.testing.assert_array_equal(ip.fill_series(T, Y, np.ones(40, bool)), Y)


def check_fill_series_with_nan_in_the_gaps():
    y = np.where(KNOWN, Y, np.nan)  # the unknown values are NaN: that is what gets filled
    np.testing.assert_allclose(ip.fill_series(T, y, KNOWN), ip.fill_series(T, Y, KNOWN))


def check_known_as_zero_one_ints():
    np.testing.assert_array_equal(
        ip.fill_series(T, Y, KNOWN.astype(int)), ip.fill_series(T, Y, KNOWN)
    )


def check_empty_query():
    assert ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], []).shape == (0,)


def check_smote_k_larger_than_the_class():
    """Documented: k is reduced to N - 1 when the class is smaller; every sample is on a segment."""
    X = RNG.normal(size=(4, 2))
    result = sm.smote(X, 30, k=10, seed=0)
    assert sm.on_segment(result.samples, X[result.base], X[result.neighbour]).all()
    assert result.samples.shape == (30, 2)


def check_oversample_whole_float_labels():
    X, y = sm.oversample(X2, Y2.astype(float), seed=0)
    assert sm.class_counts(y) == {0: 15, 1: 15} and X.shape == (30, 3)


def check_smote_zero_new():
    assert sm.smote(X2, 0).samples.shape == (0, 3)


def check_one_hot_empty():
    assert ii.one_hot(np.zeros(0, int)).shape == (0, 10)


def check_report_mixed_dtypes():
    g, _ = mem.nearest_neighbours(DIGITS[:2] / 255.0, DIGITS)
    np.testing.assert_allclose(g, 0, atol=1e-12)


def check_membership_scores_as_columns():
    result = mem.membership_inference(np.array([[3.0], [4.0]]), np.array([[1.0], [2.0]]))
    assert result.accuracy == 1.0 and result.auc == 1.0


def check_greyness_of_no_digits():
    assert vc.greyness(np.zeros((0, 28, 28), np.uint8)) == 0.0


def check_sample_std_of_one_value():
    assert sr.sample_std(np.array([0.5])) == 0.0


CORRECT = [
    check_mixup_of_class_ids,
    check_mixup_of_class_id_batches,
    check_remixing_soft_labels,
    check_fill_series_without_gaps,
    check_fill_series_with_nan_in_the_gaps,
    check_known_as_zero_one_ints,
    check_empty_query,
    check_smote_k_larger_than_the_class,
    check_oversample_whole_float_labels,
    check_smote_zero_new,
    check_one_hot_empty,
    check_report_mixed_dtypes,
    check_membership_scores_as_columns,
    check_greyness_of_no_digits,
    check_sample_std_of_one_value,
]


@pytest.mark.parametrize("check", CORRECT, ids=[c.__name__ for c in CORRECT])
def test_bad_looking_input_with_a_right_answer(check):
    check()


# -- lesson 7: TensorFlow side (a built, untrained 2-d VAE: no training) -----------------------------


@pytest.fixture(scope="module")
def tiny_task():
    from datagen_lab.vae.model import PLANE, VAETask

    task = VAETask(PLANE.replace(widths=(2, 2)), seed=0, preview_count=4)
    task.build()
    return task


def vae_cases(task):
    from datagen_lab.vae import elbo as vae_elbo
    from datagen_lab.vae import model as vae
    from datagen_lab.vae import panel as vae_panel
    from datagen_lab.vae import plots as vae_plots

    m, v = np.zeros((3, 2), np.float32), np.zeros((3, 2), np.float32)
    x = np.full((3, 28, 28, 1), 0.5, np.float32)
    return [
        ("config-beta-negative", lambda: vae.DEFAULT.replace(beta=-1.0), "beta"),
        ("config-beta-nan", lambda: vae.DEFAULT.replace(beta=NAN), "beta"),
        ("config-beta-inf", lambda: vae.DEFAULT.replace(beta=INF), "beta"),
        ("config-beta-str", lambda: vae.DEFAULT.replace(beta="1"), "beta"),
        ("config-latent-zero", lambda: vae.DEFAULT.replace(latent_dim=0), "latent_dim"),
        ("config-latent-float", lambda: vae.DEFAULT.replace(latent_dim=2.5), "latent_dim"),
        ("config-widths-int", lambda: vae.DEFAULT.replace(widths=32), "widths"),
        ("config-widths-zero", lambda: vae.DEFAULT.replace(widths=(0, 8)), "widths"),
        ("config-lr-nan", lambda: vae.DEFAULT.replace(learning_rate=NAN), "learning_rate"),
        ("config-batch-zero", lambda: vae.DEFAULT.replace(batch_size=0), "batch_size"),
        ("config-unknown-field", lambda: vae.DEFAULT.replace(latent=3), "latent"),
        ("prior_codes-latent-zero", lambda: vae.prior_codes(4, 0), "latent_dim"),
        ("prior_codes-negative-n", lambda: vae.prior_codes(-1, 2), "n"),
        ("prior_codes-seed", lambda: vae.prior_codes(2, 2, seed=-1), "seed"),
        ("to_uint8-nan", lambda: vae.to_uint8(with_nan(np.zeros((1, 28, 28)))), "probabilities"),
        ("to_uint8-logits", lambda: vae.to_uint8(np.full((1, 28, 28), 4.0)), "probabilities"),
        ("to_uint8-uint8-digits", lambda: vae.to_uint8(DIGITS), "probabilities"),
        ("prepare_digits-out-of-range", lambda: vae.prepare_digits(DIGITS * 1.0), "images"),
        ("prepare_digits-nan", lambda: vae.prepare_digits(with_nan(DIGITS / 255)), "images"),
        ("prepare_digits-shape", lambda: vae.prepare_digits(np.zeros((3, 32, 32))), "images"),
        ("prepare_digits-empty", lambda: vae.prepare_digits(DIGITS[:0]), "images"),
        ("VAETask-config-dict", lambda: vae.VAETask({"latent_dim": 2}), "config"),
        ("VAETask-preview-zero", lambda: vae.VAETask(preview_count=0), "preview_count"),
        ("make_encoder-seed", lambda: vae.make_encoder(seed=-1), "seed"),
        ("make_vae_trainer-config", lambda: vae.make_vae_trainer(DIGITS, "plane"), "config"),
        ("make_vae_trainer-every-zero", lambda: vae.make_vae_trainer(DIGITS, checkpoint_every=0), "checkpoint_every"),
        ("decode-nan", lambda: task.decode(with_nan(np.zeros((2, 2)))), "codes"),
        ("decode-width", lambda: task.decode(np.zeros((2, 3))), "codes"),
        ("decode-str", lambda: task.decode("z"), "codes"),
        ("decode-batch-zero", lambda: task.decode(np.zeros((2, 2)), batch_size=0), "batch_size"),
        ("encode-out-of-range", lambda: task.encode(DIGITS * 2.0), "images"),
        ("sample-negative", lambda: task.sample(-1), "n"),
        ("evaluate-seed", lambda: task.evaluate(DIGITS, seed=-1), "seed"),
        ("unbuilt-decode", lambda: vae.VAETask(vae.PLANE).decode(np.zeros((1, 2))), "self"),
        ("kl-shapes", lambda: vae_elbo.kl_closed_form(m, v[:, :1]), "logvar"),
        ("kl-nan", lambda: vae_elbo.kl_closed_form(with_nan(m), v), "mean"),
        ("kl_mc-samples-one", lambda: vae_elbo.kl_monte_carlo(m, v, samples=1), "samples"),
        ("kl_mc-samples-float", lambda: vae_elbo.kl_monte_carlo(m, v, samples=100.0), "samples"),
        ("reparameterize-eps-shape", lambda: vae_elbo.reparameterize(m, v, np.zeros((3, 5))), "eps"),
        ("reparameterize-inf", lambda: vae_elbo.reparameterize(m, v + INF, m), "logvar"),
        ("log_normal-shapes", lambda: vae_elbo.log_normal(np.zeros((3, 2)), np.zeros((4, 2)), 0.0), "mean"),
        ("reconstruction-images-255", lambda: vae_elbo.reconstruction_nats(x * 255, x), "images"),
        ("reconstruction-shapes", lambda: vae_elbo.reconstruction_nats(x, x[:, :14]), "logits"),
        ("reconstruction-logits-nan", lambda: vae_elbo.reconstruction_nats(x, with_nan(x)), "logits"),
        ("negative_elbo-beta-negative", lambda: vae_elbo.negative_elbo(x, x, m, v, beta=-1.0), "beta"),
        ("negative_elbo-beta-nan", lambda: vae_elbo.negative_elbo(x, x, m, v, beta=NAN), "beta"),
        ("negative_elbo-rows", lambda: vae_elbo.negative_elbo(x, x, m[:2], v[:2]), "mean"),
        ("entropy_floor-255-float", lambda: vae_elbo.entropy_floor(DIGITS * 1.0), "images"),
        ("gradient_through_sample-std", lambda: vae_elbo.gradient_through_sample(std=-1.0), "std"),
        ("gradient_estimators-std-zero", lambda: vae_elbo.gradient_estimators(std=0.0), "std"),
        ("gradient_estimators-f", lambda: vae_elbo.gradient_estimators(f=3), "f"),
        ("plot_kl-2d", lambda: vae_plots.plot_kl_convergence(m, v), "mean"),
        ("plot_kl-counts", lambda: vae_plots.plot_kl_convergence(m[0], v[0], sample_counts=(1, 10)), "sample_counts"),
        ("plot_estimators-nan", lambda: vae_plots.plot_gradient_estimators({"a": with_nan(np.ones(4))}), "estimates"),
        ("plot_estimators-empty", lambda: vae_plots.plot_gradient_estimators({}), "estimates"),
        ("plot_reconstructions-float", lambda: vae_plots.plot_reconstructions(DIGITS, DIGITS / 255), "reconstructions"),
        ("plot_reconstructions-empty", lambda: vae_plots.plot_reconstructions(DIGITS[:0], DIGITS), "originals"),
        ("plot_reconstructions-fewer", lambda: vae_plots.plot_reconstructions(DIGITS, DIGITS[:2]), "reconstructions"),
        ("plot_digit_rows-empty", lambda: vae_plots.plot_digit_rows({}), "rows"),
        ("plot_digit_rows-float-255", lambda: vae_plots.plot_digit_rows({"a": DIGITS * 1.0}), "rows"),
        ("plot_samples-float", lambda: vae_plots.plot_samples({"VAE": DIGITS / 255}), "samples"),
        ("plot_samples-n-zero", lambda: vae_plots.plot_samples({"VAE": DIGITS}, n=0), "n"),
        ("scatter_codes-3d", lambda: vae_plots.scatter_codes(None, np.zeros((3, 3)), [0, 1, 2]), "codes"),
        ("scatter_codes-labels", lambda: vae_plots.scatter_codes(None, np.zeros((3, 2)), [0, 1]), "labels"),
        ("latent_grid-16d", lambda: vae_plots.latent_grid(vae.VAETask()), "task"),
        ("latent_grid-limit-zero", lambda: vae_plots.latent_grid(task, limit=0), "limit"),
        ("latent_grid-n-zero", lambda: vae_plots.latent_grid(task, n=0), "n"),
        ("plot_latent_plane-labels", lambda: vae_plots.plot_latent_plane(task, DIGITS, DIGIT_LABELS[:3]), "labels"),
        ("plot_pixel_histograms-float", lambda: vae_plots.plot_pixel_histograms({"a": DIGITS / 255}), "images"),
        ("plot_beta_tradeoff-type", lambda: vae_plots.plot_beta_tradeoff({"betas": [1]}), "sweep"),
        ("plot_beta-not-swept", lambda: vae_plots.plot_beta(vs.load_sweep(), 3.0), "beta"),
        ("plot_beta-str", lambda: vae_plots.plot_beta(vs.load_sweep(), "1"), "beta"),
        ("plot_beta_sweep-betas", lambda: vae_plots.plot_beta_sweep(vs.load_sweep(), betas=[1.0, 3.0]), "beta"),
        ("plot_quality_curves-type", lambda: vae_plots.plot_quality_curves([1]), "curves"),
        ("plot_quality_curves-reached", lambda: vae_plots.plot_quality_curves(vc.load_curves(), reached={"VAE": -1}), "reached"),
        ("where_blur-255-float", lambda: vae_plots.where_blur_comes_from(task, DIGITS * 1.0), "images"),
        ("figure_png-type", lambda: vae_panel.figure_png("fig"), "fig"),
        ("beta_slider-initial-zero", lambda: vae_panel.beta_slider(vs.load_sweep(), initial=0), "initial"),
        ("beta_slider-initial-nan", lambda: vae_panel.beta_slider(vs.load_sweep(), initial=NAN), "initial"),
        ("beta_slider-sweep-type", lambda: vae_panel.beta_slider([1, 2]), "sweep"),
        ("latent_walk-16d", lambda: vae_panel.latent_walk(vae.VAETask()), "task"),
        ("latent_walk-limit-negative", lambda: vae_panel.latent_walk(task, limit=-1), "limit"),
        ("latent_walk-scale-zero", lambda: vae_panel.latent_walk(task, scale=0), "scale"),
        ("check_best_beta-sweep", lambda: __import__("datagen_lab.vae.exercises").vae.exercises.check_best_beta(1.0, None), "sweep"),
    ]  # fmt: skip


VAE_IDS = [case[0] for case in vae_cases(None)]


@pytest.mark.parametrize("case", VAE_IDS)
def test_vae_bad_input_gets_a_clear_error(tiny_task, case):
    import matplotlib.pyplot as plt

    _, call, argument = next(c for c in vae_cases(tiny_task) if c[0] == case)
    assert_clear_error(call, argument)
    plt.close("all")


def test_vae_bad_looking_input_with_a_right_answer(tiny_task):
    from datagen_lab.vae import elbo as vae_elbo
    from datagen_lab.vae import exercises as vae_exercises
    from datagen_lab.vae import model as vae
    from datagen_lab.vae import plots as vae_plots

    assert tiny_task.decode(np.zeros((0, 2))).shape == (0, 28, 28)  # no codes, no digits
    assert vae.prior_codes(0, 2).shape == (0, 2)
    kl = vae_elbo.kl_closed_form(np.zeros((2, 3)), np.zeros((2, 3))).numpy()
    np.testing.assert_array_equal(kl, 0)
    # float digits in [0, 1] are drawn as the same digits as their uint8 originals
    rows = vae_plots.where_blur_comes_from(tiny_task, DIGITS[:3] / 255.0)
    np.testing.assert_array_equal(rows["held-out digits x"], DIGITS[:3])
    # beta = 0 is a plain autoencoder: allowed
    assert vae.DEFAULT.replace(beta=0.0).beta == 0.0
    # a bool is not a number answer (float(True) would pass for beta = 1)
    assert not vae_exercises.check_best_beta(True, vs.load_sweep())

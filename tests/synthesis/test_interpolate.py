"""Interpolation: exact where it should be, better as gaps shrink, SMOTE on real segments."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.synthesis import interpolate as ip
from datagen_lab.synthesis import interpolate_images as ii
from datagen_lab.synthesis import smote as sm

METHOD_CASES = [("linear", 3), ("cubic", 3)] + [("polynomial", d) for d in (1, 2, 3, 5)]


@pytest.mark.parametrize(("method", "degree"), METHOD_CASES)
def test_every_method_is_exact_on_linear_data(method, degree):
    t = np.sort(np.random.default_rng(0).uniform(0, 50, 60))
    y = 3.0 * t - 7.0
    known = ip.random_gaps(len(t), 5, 4, seed=1)
    filled = ip.fill_series(t, y, known, method, degree)
    np.testing.assert_allclose(filled, y, rtol=0, atol=1e-9)


def test_cubic_spline_and_cubic_polynomials_are_exact_on_cubics():
    t = np.linspace(-2, 3, 40)
    y = 0.5 * t**3 - t**2 + 2
    query = np.linspace(-2, 3, 333)
    for method in ("cubic", "polynomial"):
        np.testing.assert_allclose(
            ip.fill_gaps(t, y, query, method, 3), 0.5 * query**3 - query**2 + 2, atol=1e-9
        )
    assert (
        np.abs(ip.fill_gaps(t, y, query, "linear") - (0.5 * query**3 - query**2 + 2)).max() > 1e-3
    )


def test_one_polynomial_through_many_points_oscillates_where_local_ones_do_not():
    nodes, fine = np.linspace(-1, 1, 15), np.linspace(-1, 1, 400)

    def runge(x):
        return 1 / (1 + 25 * x**2)

    global_error = np.abs(ip.fill_gaps(nodes, runge(nodes), fine, "polynomial", None) - runge(fine))
    local_error = np.abs(ip.fill_gaps(nodes, runge(nodes), fine, "polynomial", 3) - runge(fine))
    assert global_error.max() > 1 and local_error.max() < 0.1
    assert ip.min_points("polynomial", None) == 2


@pytest.mark.parametrize("method", ip.METHODS)
def test_error_falls_as_gaps_shrink(method):
    t, y = ip.demo_series(240)
    errors = ip.error_table(t, y, [1, 2, 4, 8], methods=[method], repeats=4)[method]
    assert np.all(np.diff(errors) > 0), errors
    assert errors[0] < errors[-1] / 4


def test_convergence_orders_match_theory():
    spacings = [2, 3, 4, 6]
    table = ip.upsampling_errors(ip.temperature, spacings)
    assert 1.7 < ip.convergence_order(spacings, table["linear"]) < 2.3  # error ~ h^2
    assert ip.convergence_order(spacings, table["cubic"]) > 3.5  # error ~ h^4


def test_upsample_keeps_the_samples_and_adds_points_between():
    t, y = ip.demo_series(25)
    t_new, y_new = ip.upsample(t, y, 4, "cubic")
    assert len(t_new) == 97
    np.testing.assert_allclose(y_new[::4], y, atol=1e-12)
    assert ip.rmse(y_new, ip.temperature(t_new)) < 0.05


def test_random_gaps_layout():
    known = ip.random_gaps(200, 7, 5, seed=3)
    assert (~known).sum() == 35 and known[:4].all() and known[-4:].all()
    starts = np.flatnonzero(np.diff(known.astype(int)) == -1) + 1
    stops = np.flatnonzero(np.diff(known.astype(int)) == 1) + 1
    assert len(starts) == 5 and np.all(stops - starts == 7)
    assert np.all(starts[1:] - stops[:-1] >= 4)
    assert not np.array_equal(known, ip.random_gaps(200, 7, 5, seed=4))
    with pytest.raises(ValueError, match="do not fit"):
        ip.random_gaps(30, 10, 3)


@pytest.mark.parametrize(
    ("t", "y", "method", "degree", "message"),
    [
        ([0, 1, 2], [0, 1, 2], "cubic", 3, "at least 4 known points; got 3"),
        ([0, 1, 2], [0, 1, 2], "polynomial", 3, "degree 3 needs at least 4"),
        ([0], [1], "linear", 3, "at least 2"),
        ([0, 2, 1, 3], [0, 1, 2, 3], "linear", 3, "strictly increasing"),
        ([0, 1, 1, 3], [0, 1, 2, 3], "linear", 3, "strictly increasing"),
        ([0, 1, 2, 3], [0, np.nan, 2, 3], "linear", 3, "finite"),
        ([0, 1, 2, 3], [0, 1, 2], "linear", 3, "one length"),
        ([0, 1, 2, 3], [0, 1, 2, 3], "quadratic", 3, "method must be"),
        ([0, 1, 2, 3], [0, 1, 2, 3], "polynomial", 0, "degree must be"),
    ],
)
def test_interpolation_rejects_bad_input(t, y, method, degree, message):
    with pytest.raises(ValueError, match=message):
        ip.fill_gaps(t, y, [1.5], method, degree)


def test_queries_outside_the_known_range_need_extrapolate():
    with pytest.raises(ValueError, match="extrapolation"):
        ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [4.0], "linear")
    assert ip.fill_gaps([0, 1, 2, 3], [0, 1, 2, 3], [4.0], "linear", extrapolate=True)[
        0
    ] == pytest.approx(4)


def test_mixup_is_the_convex_combination_of_images_and_labels(mnist):
    a, b = mnist.train_images[0], mnist.train_images[1]
    ya, yb = ii.one_hot(mnist.train_labels[:2].astype(int))
    x, y = ii.mixup(a, b, ya, yb, 0.3)
    np.testing.assert_allclose(x, 0.3 * a / 255 + 0.7 * b / 255, atol=1e-6)
    np.testing.assert_allclose(y, 0.3 * ya + 0.7 * yb, atol=1e-7)
    assert y.sum() == pytest.approx(1) and x.min() >= 0 and x.max() <= 1
    np.testing.assert_allclose(ii.mixup(a, b, ya, yb, 1.0)[0], a / 255, atol=1e-6)


def test_mixup_batch_pairs_each_image_with_a_partner(mnist):
    images, labels = mnist.train_images[:32], mnist.train_labels[:32].astype(int)
    x, y, lam, partner = ii.mixup_batch(images, labels, alpha=0.4, seed=1)
    assert sorted(partner) == list(range(32)) and np.all((lam >= 0) & (lam <= 1))
    expected = lam[:, None, None] * images / 255 + (1 - lam[:, None, None]) * images[partner] / 255
    np.testing.assert_allclose(x, expected, atol=1e-6)
    np.testing.assert_allclose(y.sum(axis=1), 1, atol=1e-6)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.zeros((28, 28)), np.zeros((28, 27)), np.eye(10)[0], np.eye(10)[1], 0.5), "one shape"),
        ((np.zeros((28, 28)), np.zeros((28, 28)), np.eye(10)[0], np.eye(5)[1], 0.5), "labels of one shape"),
        ((np.zeros((28, 28)), np.zeros((28, 28)), np.eye(10)[0], np.eye(10)[1], 1.5), r"\[0, 1\]"),
        ((np.zeros((2, 4, 4)), np.zeros((2, 4, 4)), np.eye(3)[:2], np.eye(3)[:2], [0.1, 0.2, 0.3]), "one lam per pair"),
        ((np.full((4, 4), 2.0), np.zeros((4, 4)), np.eye(3)[0], np.eye(3)[1], 0.5), r"in \[0, 1\]"),
    ],
)  # fmt: skip
def test_mixup_rejects_mismatched_input(args, message):
    with pytest.raises(ValueError, match=message):
        ii.mixup(*args)


def test_digit_paths_start_and_end_at_the_digits(mnist):
    a, b = mnist.train_images[0], mnist.train_images[1]
    path = ii.pixel_path(a, b, steps=5)
    np.testing.assert_allclose(path[0], a / 255, atol=1e-6)
    np.testing.assert_allclose(path[-1], b / 255, atol=1e-6)
    morph = ii.shape_path(a, b, steps=5)
    for end, digit in ((morph[0], a), (morph[-1], b)):
        ink, target = end > 0.5, digit >= 128
        assert (ink & target).sum() / (ink | target).sum() > 0.8  # same stroke (IoU)


def test_mixup_leaks_its_sources(mnist):
    pool = mnist.train_images[:500]
    x, _ = ii.mixup(pool[10], pool[20], np.eye(10)[0], np.eye(10)[1], 0.6)
    np.testing.assert_allclose(ii.unmix(x, pool[10], 0.6), pool[20] / 255, atol=1e-5)
    a, b, lam, residual = ii.recover_mixup_sources(x, pool)
    assert {a, b} == {10, 20} and residual < 1e-6
    assert lam == pytest.approx(0.6 if a == 10 else 0.4, abs=1e-6)


def test_smote_samples_lie_on_segments_between_real_neighbours():
    X = np.random.default_rng(0).normal(size=(25, 3))
    result = sm.smote(X, 200, k=4, seed=1)
    neighbours = sm.nearest_neighbours(X, 4)
    assert result.samples.shape == (200, 3)
    assert np.all(sm.on_segment(result.samples, X[result.base], X[result.neighbour]))
    assert all(j in neighbours[i] for i, j in zip(result.base, result.neighbour, strict=True))
    assert np.all(result.base != result.neighbour) and np.all((result.gap >= 0) & (result.gap <= 1))
    off = result.samples + np.array([0.0, 0.0, 0.5])
    assert not np.any(sm.on_segment(off, X[result.base], X[result.neighbour]))


def test_nearest_neighbours_match_brute_force():
    X = np.random.default_rng(2).normal(size=(30, 4))
    distances = np.linalg.norm(X[:, None] - X[None], axis=-1)
    np.fill_diagonal(distances, np.inf)
    np.testing.assert_array_equal(sm.nearest_neighbours(X, 3), np.argsort(distances, axis=1)[:, :3])


@pytest.mark.parametrize("method", ["smote", "duplicate"])
def test_oversample_balances_the_counts(method):
    X, y = sm.imbalanced_blobs(200, 12, seed=0)
    assert sm.class_counts(y) == {0: 200, 1: 12}
    X2, y2 = sm.oversample(X, y, method=method, seed=0)
    assert sm.class_counts(y2) == {0: 200, 1: 200}
    np.testing.assert_array_equal(X2[: len(X)], X)
    new = X2[len(X) :]
    members = X[y == 1]
    is_copy = (np.abs(new[:, None] - members[None]).sum(-1) < 1e-12).any(axis=1)
    assert is_copy.all() if method == "duplicate" else not is_copy.all()


def test_smote_and_oversample_reject_bad_input():
    with pytest.raises(ValueError, match="at least 2 minority"):
        sm.smote(np.zeros((1, 2)), 5)
    with pytest.raises(ValueError, match=r"\(N, D\)"):
        sm.smote(np.zeros(5), 5)
    X, y = sm.imbalanced_blobs(20, 5)
    with pytest.raises(ValueError, match="does not occur"):
        sm.oversample(X, y, minority=7)
    with pytest.raises(ValueError, match="method must be"):
        sm.oversample(X, y, method="copy")


def test_pca_matches_a_full_eigendecomposition():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 12)) @ rng.normal(size=(12, 12))
    pca = sm.fit_pca(X, 4)
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    top = vectors[:, ::-1][:, :4].T
    np.testing.assert_allclose(np.abs(np.sum(pca.components * top, axis=1)), 1, atol=1e-6)
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(4), atol=1e-9)
    np.testing.assert_allclose(pca.explained, values[::-1][:4] / values.sum(), rtol=1e-6)
    full = sm.fit_pca(X, 12)
    np.testing.assert_allclose(full.inverse(full.transform(X)), X, atol=1e-8)


def test_softmax_learns_separable_blobs():
    X, y = sm.imbalanced_blobs(100, 100, seed=1)
    W, b = sm.train_softmax(X, y, num_classes=2, steps=200)
    assert np.mean((X @ W + b).argmax(1) == y) > 0.95
    recall = sm.recall_per_class(y, (X @ W + b).argmax(1), 2)
    assert recall.shape == (2,) and np.all(recall > 0.9)


def test_shape_paths_have_less_grey_than_cross_fades(mnist):
    four = mnist.train_images[np.flatnonzero(mnist.train_labels == 4)[0]]
    nine = mnist.train_images[np.flatnonzero(mnist.train_labels == 9)[0]]
    fade, morph = ii.pixel_path(four, nine, 8)[1:-1], ii.shape_path(four, nine, 8)[1:-1]
    assert ii.grey_share(morph) < ii.grey_share(fade) / 2
    assert ii.grey_share(np.array([[0.0, 1.0], [1.0, 0.0]])) == 0
    assert ii.grey_share(np.array([[0.5, 1.0]])) == 0.5
    with pytest.raises(ValueError, match="frames"):
        ii.grey_share(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="high"):
        ii.grey_share(np.ones((3, 3)), low=0.5, high=0.2)


def test_stroke_pieces_counts_separate_blobs():
    frames = np.zeros((2, 6, 6), np.float32)
    frames[0, 1:3, 1:3] = 1
    frames[1, 0, 0] = frames[1, 5, 5] = frames[1, 1, 1] = 1  # diagonal neighbours join
    assert ii.stroke_pieces(frames) == [1, 2]
    with pytest.raises(ValueError, match="frames"):
        ii.stroke_pieces(np.zeros((2, 6, 6, 3), np.float32))


def test_distance_to_nearest_is_zero_for_copies_and_positive_between():
    reference = np.array([[0.0, 0.0], [3.0, 4.0]])
    points = np.array([[0.0, 0.0], [1.5, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(sm.distance_to_nearest(points, reference), [0, 2.5, 1])
    with pytest.raises(ValueError, match="reference"):
        sm.distance_to_nearest(points, np.zeros((2, 3)))

import numpy as np
import pytest

from datagen_lab import classifier


@pytest.fixture(scope="module")
def model():
    return classifier.load_classifier()


def test_classifier_recognises_held_out_digits(model, mnist):
    labels, confidences = classifier.predict_digits(mnist.test_images[:1000], model)
    assert (labels == mnist.test_labels[:1000]).mean() > 0.93
    assert confidences.dtype == np.float32 and ((confidences >= 0.1) & (confidences <= 1)).all()


def test_noise_is_not_confidently_a_digit(model, mnist):
    noise = np.random.default_rng(0).integers(0, 256, (200, 28, 28), dtype=np.uint8)
    _, noise_confidence = classifier.predict_digits(noise, model)
    _, real_confidence = classifier.predict_digits(mnist.test_images[:200], model)
    assert noise_confidence.mean() < real_confidence.mean() - 0.1


def test_input_ranges_agree(model, mnist):
    digits = mnist.test_images[:50]
    as_uint8 = classifier.predict_digits(digits, model)[0]
    as_unit = classifier.predict_digits(digits / 255.0, model)[0]
    as_tanh = classifier.predict_digits(digits / 127.5 - 1.0, model)[0]
    np.testing.assert_array_equal(as_uint8, as_unit)
    np.testing.assert_array_equal(as_uint8, as_tanh)


def test_features_and_cache(model, mnist):
    features = classifier.digit_features(mnist.test_images[:8], model)
    assert features.shape == (8, 128) and features.dtype == np.float32
    assert classifier.load_classifier() is model  # one model per process
    assert any(p.name.startswith("mnist_classifier_") for p in classifier.cache_dir().iterdir())


STRAY = np.full((2, 28, 28), 0.5)
STRAY[0, 0, 0] = -0.01


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.zeros((4, 32, 32), np.uint8), "28x28"),
        (np.zeros((0, 28, 28), np.uint8), "non-empty"),
        (np.full((2, 28, 28), np.nan), "NaN"),
        (np.full((2, 28, 28), 3.0), r"\[0, 1\] or \[-1, 1\]"),
        (np.zeros((2, 28, 28), np.int32), "uint8 or finite floats"),
        # [0, 1] digits with one stray pixel below 0 were once read as [-1, 1]: now refused
        (STRAY, "value_range"),
    ],
)
def test_bad_inputs_are_explained(bad, message):
    with pytest.raises(ValueError, match=message):
        classifier.to_model_input(bad)


def test_batched_inference_matches_one_pass_and_keeps_multiple_outputs(model, mnist):
    import keras

    digits = mnist.test_images[:53]  # not a multiple of the batch size: a short last chunk
    one_pass = np.asarray(model(classifier.to_model_input(digits), training=False))
    batched = classifier.run_in_batches(model, digits, batch_size=10)
    assert batched.shape == (53, 10)
    np.testing.assert_allclose(batched, one_pass, rtol=1e-4, atol=1e-4)
    two_outputs = keras.Model(
        model.inputs, [model.get_layer("features").output, model.layers[-1].output]
    )
    features, logits = classifier.run_in_batches(two_outputs, digits, batch_size=10)
    assert features.shape == (53, 128) and logits.shape == (53, 10)
    np.testing.assert_allclose(logits, one_pass, rtol=1e-4, atol=1e-4)


def test_batched_inference_scales_every_chunk_alike(model, mnist):
    # Generator output in [-1, 1] whose first chunk happens to hold no negative pixel: the range
    # is decided on the whole batch, so that chunk must not be read as [0, 1] pixels.
    digits = mnist.test_images[:20] / 127.5 - 1.0
    digits[:10] = np.clip(digits[:10], 0.0, 1.0)
    batched = classifier.run_in_batches(model, digits, batch_size=10)
    one_pass = np.asarray(model(classifier.to_model_input(digits), training=False))
    np.testing.assert_allclose(batched, one_pass, rtol=1e-4, atol=1e-4)


def _layout(model):
    """(layer kind, size) for every layer: the architecture without the weights."""
    sizes = {"Conv2D": "filters", "Dense": "units", "Dropout": "rate"}
    return [
        (type(layer).__name__, getattr(layer, sizes.get(type(layer).__name__, ""), None))
        for layer in model.layers
    ]


def test_one_builder_makes_the_judge_and_lesson_1s_cnn(model):
    from datagen_lab.image.feed import small_cnn

    judge = [("Conv2D", 32), ("MaxPooling2D", None), ("Conv2D", 64), ("MaxPooling2D", None),
             ("Flatten", None), ("Dropout", 0.25), ("Dense", 128), ("Dense", 10)]  # fmt: skip
    assert _layout(classifier.build_cnn()) == judge == _layout(model)
    small = small_cnn(seed=0)
    assert _layout(small) == _layout(classifier.build_cnn(widths=(16, 32), features=64, dropout=0))
    assert ("Dropout", 0.25) not in _layout(small) and _layout(small)[-2:] == [
        ("Dense", 64),
        ("Dense", 10),
    ]

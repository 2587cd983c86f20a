"""A class-conditional DCGAN: ask for a digit, get that digit (Mirza & Osindero, 2014).

The networks are the DCGAN's (:mod:`datagen_lab.dcgan.model`) with the label fed to **both** of them
through a learned embedding (a lookup table of one vector per class):

* generator: ``[z, embed_G(y)]`` (noise and label vector side by side) -> the DCGAN generator, so
  the same z drawn with two labels gives two digits in the same "handwriting";
* discriminator (a *projection* discriminator, Miyato & Koyama 2018): the image's convolutional
  features h are scored twice, ``w . h`` ("a digit?") plus ``embed_D(y) . h`` ("digit y?"), so D
  judges *this image as a picture of digit y*; a perfect 7 shown with label 3 is fake.
  (While this module was written, stacking the label on the image as an extra channel instead
  conditioned far worse in short runs; that variant is not in the package, so the comparison is
  not reproduced here.)

Training reuses the course's generic loop (:class:`datagen_lab.training.Trainer`): this module only
supplies a :class:`ConditionalGANTask`. The trainer feeds one array of training rows, so each row
packs a digit's 784 pixels and its label (:func:`pack_labelled`); the step unpacks them.

The networks, their configurations (:data:`CONDITIONAL`, :data:`SMALL`) and ``NUM_CLASSES`` /
``EMBEDDING_DIM`` live in :mod:`datagen_lab.dcgan.conditional_networks` and are re-exported here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_positive_int
from datagen_lab.config import INFERENCE_BATCH
from datagen_lab.dcgan.conditional_networks import (  # noqa: F401  (re-exported: moved from here)
    CONDITIONAL,
    EMBEDDING_DIM,
    NUM_CLASSES,
    SMALL,
    _initializers,
    check_num_classes,
    class_count,
    make_conditional_discriminator,
    make_conditional_generator,
)
from datagen_lab.dcgan.model import (
    IMAGE_SHAPE,
    DCGANConfig,
    _check_config,
    _check_model_seed,
    _input_width,
    prepare_images,
    sample_noise,
)
from datagen_lab.dcgan.model import to_uint8 as _to_uint8
from datagen_lab.dcgan.task import AdversarialTask
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training import Trainer

PIXELS = 28 * 28
PREVIEW_SEED = 2024


def pack_labelled(
    images: np.ndarray, labels: np.ndarray, num_classes: int = NUM_CLASSES
) -> np.ndarray:
    """One training row per digit: its 784 pixels in [-1, 1] then its label, float32 (N, 785).

    Args:
        images: (N, 28, 28[, 1]) uint8 in [0, 255] or float in [0, 1].
        labels: (N,) integers in [0, num_classes) (digit classes, or cluster ids).
    """
    pixels = prepare_images(images).reshape(-1, PIXELS)
    labels = check_labels(labels, len(pixels), num_classes)
    return np.concatenate([pixels, labels[:, None].astype(np.float32)], axis=1)


def check_labels(
    labels: np.ndarray, n: int | None = None, num_classes: int = NUM_CLASSES
) -> np.ndarray:
    """Validate labels: a 1-D integer array in [0, num_classes) (of length ``n`` if given); int32.

    Float labels (even 1.0) and booleans are refused: a label is a class, not a quantity.
    """
    array = check_array(
        labels,
        "labels",
        ndim=1,
        kinds="iu",
        min_size=0,
        what=f"classes in [0, {num_classes})",
    )
    if n is not None and len(array) != n:
        raise InputError(
            "labels", array, f"one label per digit ({n})", got_text=f"{len(array)} labels"
        )
    if array.size and (array.min() < 0 or array.max() >= num_classes):
        raise InputError(
            "labels",
            array,
            f"classes in [0, {num_classes})",
            got_text=f"labels in [{array.min()}, {array.max()}]",
        )
    return array.astype(np.int32)


def balanced_labels(per_class: int) -> np.ndarray:
    """``[0]*per_class + [1]*per_class + ... + [9]*per_class`` as int32 (10 * per_class,)."""
    per_class = check_positive_int(per_class, "per_class", what="digits per class")
    return np.repeat(np.arange(NUM_CLASSES, dtype=np.int32), per_class)


class ConditionalGANTask(AdversarialTask):
    """A class-conditional DCGAN as a :class:`datagen_lab.training.TrainingTask`.

    Each step the generator draws a fake for every real digit of the batch *with that digit's
    label*, so fakes follow the class mix of the training data; D sees (real, label) and
    (fake, label) pairs. Losses are the DCGAN's (binary cross-entropy on logits).

    Args:
        config: architecture and Adam settings (:data:`CONDITIONAL` or :data:`SMALL`).
        seed: seeds the weight initialisers and dropout.
        num_classes: how many conditions (10 digit classes; K clusters when self-conditioned).
    """

    name = "conditional-dcgan"

    def __init__(
        self, config: DCGANConfig = CONDITIONAL, seed: int = 0, num_classes: int = NUM_CLASSES
    ):
        config, seed = _check_config(config), _check_model_seed(seed)
        self.config, self.seed = config, int(seed)
        self.num_classes = check_num_classes(num_classes)
        # a grid of num_classes rows x 10 columns: row r shows class r, column c the same z
        self.preview_labels = np.repeat(np.arange(self.num_classes, dtype=np.int32), 10)
        noise = sample_noise(10, config.noise_dim, seed=PREVIEW_SEED)
        self.preview_noise = np.tile(noise, (self.num_classes, 1))
        self.generator = self.discriminator = None

    def build(self) -> None:
        """Create both networks and both Adam optimisers (built, so checkpoints can restore them)."""
        import_tensorflow()

        k = self.num_classes
        self.generator = make_conditional_generator(self.config, seed=self.seed, num_classes=k)
        self.discriminator = make_conditional_discriminator(
            self.config, seed=self.seed, num_classes=k
        )
        self.build_optimizers()

    def signature(self) -> dict:
        """Architecture, embedding size and optimiser: a checkpoint from other settings is refused."""
        config = self.config
        optimizer = {"learning_rate": config.learning_rate, "beta_1": config.beta_1}
        return {
            "architecture": {
                **config.architecture(),
                "embedding_dim": EMBEDDING_DIM,
                "num_classes": self.num_classes,
            },
            "optimizer": optimizer,
            "model_seed": self.seed,
        }

    def train_step(self, batch: dict, global_batch_size: int) -> dict:
        """One adversarial update of D and G on this replica's share of the batch."""
        tf = import_tensorflow()
        rows = batch["images"]
        real = tf.reshape(rows[:, :PIXELS], (-1, *IMAGE_SHAPE))
        labels = tf.cast(tf.round(rows[:, PIXELS]), tf.int32)
        return self.adversarial_step(real, batch["noise"], global_batch_size, labels=labels)

    def preview(self) -> np.ndarray:
        """A grid's digits, uint8 (num_classes * 10, 28, 28): row r asks for class r, columns share z."""
        return generate_digits(self.generator, self.preview_labels, noise=self.preview_noise)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` >= 0 digits, uint8 (n, 28, 28), labels cycling 0..9 (for :class:`QualityMonitor`)."""
        n = check_int(n, "n", low=0, what="how many digits")
        labels = np.arange(n, dtype=np.int32) % self.num_classes
        return generate_digits(self.generator, labels, seed=seed)

    def sampler_for(self, label: int):
        """The generator with its condition fixed: a Keras model noise (N, noise_dim) -> digits of
        class ``label``, for the latent-space helpers (``seed_slider``, ``plot_interpolations``,
        ``interpolation_widget``) that take an unconditional generator."""
        return fixed_condition(self.generator, label)

    def scores(self, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """The discriminator's logits (N,) float32 for digits shown with their labels (inference mode)."""
        return discriminator_scores(self.discriminator, images, labels)


def make_conditional_trainer(
    images: np.ndarray,
    labels: np.ndarray,
    config: DCGANConfig = CONDITIONAL,
    seed: int = 0,
    checkpoint_dir: str | Path | None = None,
    checkpoint_every: int = 500,
    strategy=None,
    restart: bool = False,
    task: ConditionalGANTask | None = None,
) -> Trainer:
    """A :class:`~datagen_lab.training.Trainer` for a conditional DCGAN on labelled digits.

    Args:
        images: real digits (N, 28, 28[, 1]), uint8 in [0, 255] or float in [0, 1].
        labels: (N,) their classes in [0, 10).
        config: :data:`CONDITIONAL` or :data:`SMALL` (or any ``DCGANConfig``); the batch size is
            capped at N, so even 10 labelled digits can be trained on.
        seed: one seed for the weights, dropout, data order and noise.
        checkpoint_dir, checkpoint_every, strategy, restart: as for the DCGAN's trainer.
        task: a ready task to train instead of a new :class:`ConditionalGANTask` (the
            self-conditioned GAN passes its own; its config and seed must be the ones given).

    Returns:
        The trainer; ``trainer.task`` is the :class:`ConditionalGANTask`.
    """
    config, seed = _check_config(config), _check_model_seed(seed)
    if task is not None and not isinstance(task, ConditionalGANTask):
        raise InputError("task", task, "a ConditionalGANTask (or None)")
    rows = pack_labelled(images, labels, NUM_CLASSES if task is None else task.num_classes)
    config = config.replace(batch_size=min(config.batch_size, len(rows)))
    if task is None:
        task = ConditionalGANTask(config, seed=seed)
    task.config, task.seed = config, seed
    return Trainer(
        task,
        rows,
        batch_size=config.batch_size,
        seed=seed,
        checkpoint_dir=checkpoint_dir,
        checkpoint_every=checkpoint_every,
        strategy=strategy,
        jit_compile=config.jit_compile,
        restart=restart,
    )


def generate_digits(
    generator,
    labels: np.ndarray,
    seed: int = 0,
    noise: np.ndarray | None = None,
    batch_size: int = INFERENCE_BATCH,
) -> np.ndarray:
    """Digits of the requested classes, uint8 (N, 28, 28) in [0, 255].

    Args:
        generator: from :func:`make_conditional_generator` (``task.generator``).
        labels: (N,) the digit wanted at each position.
        seed: draws the noise (ignored when ``noise`` is given).
        noise: (N, noise_dim) float32 latent vectors to use instead.
    """
    noise_dim = _input_width(generator, "generator", conditional=True)
    labels = check_labels(labels, num_classes=class_count(generator))
    batch_size = check_positive_int(batch_size, "batch_size")
    if noise is None:
        noise = sample_noise(len(labels), noise_dim, seed=seed)
    else:
        noise = np.asarray(
            check_array(
                noise,
                "noise",
                shape=(len(labels), noise_dim),
                kinds="iuf",
                min_size=0,
                what="one latent vector per label",
            ),
            dtype=np.float32,
        )
    chunks = [
        np.asarray(
            generator([noise[i : i + batch_size], labels[i : i + batch_size]], training=False)
        )
        for i in range(0, len(labels), batch_size)
    ]
    return _to_uint8(np.concatenate(chunks)) if chunks else np.zeros((0, 28, 28), np.uint8)


def fixed_condition(generator, label: int):
    """A Keras model ``noise (N, noise_dim) -> images (N, 28, 28, 1)`` drawing class ``label`` only.

    Wraps a conditional generator (shared weights, nothing copied), so that the helpers written for
    an unconditional generator (``generate``, ``seed_slider``, ``plot_interpolations``,
    ``interpolation_widget``) walk the latent space of one class.
    """
    noise_dim = _input_width(generator, "generator", conditional=True)
    label = check_int(
        label, "label", low=0, high=class_count(generator) - 1, what="the class to draw"
    )
    import_tensorflow()
    import keras
    from keras import layers, ops

    noise = keras.Input((noise_dim,), name="noise")
    labels = layers.Lambda(lambda z: ops.full((ops.shape(z)[0],), label, dtype="int32"))(noise)
    return keras.Model(noise, generator([noise, labels]), name=f"{generator.name}_class_{label}")


def discriminator_scores(
    discriminator, images: np.ndarray, labels: np.ndarray, batch_size: int = INFERENCE_BATCH
) -> np.ndarray:
    """Logits (N,) float32 of a conditional discriminator for digits with their labels; high = 'real'."""
    if not callable(discriminator) or not isinstance(
        getattr(discriminator, "input_shape", None), list | tuple
    ):
        raise InputError(
            "discriminator",
            discriminator,
            "a conditional discriminator (a Keras model taking [images, labels])",
        )
    pixels = prepare_images(images)
    labels = check_labels(labels, len(pixels), class_count(discriminator, "discriminator"))
    batch_size = check_positive_int(batch_size, "batch_size")
    chunks = [
        np.asarray(
            discriminator([pixels[i : i + batch_size], labels[i : i + batch_size]], training=False)
        )[:, 0]
        for i in range(0, len(pixels), batch_size)
    ]
    return np.concatenate(chunks).astype(np.float32)


def conditioning_accuracy(
    generator, per_class: int = 50, seed: int = 0, model=None
) -> tuple[float, np.ndarray]:
    """How often the course's classifier reads a generated digit as the class that was asked for.

    Args:
        generator: a conditional generator.
        per_class: digits generated per class.
        seed: noise seed.
        model: the judge (default: :func:`datagen_lab.classifier.load_classifier`, trained on the
            8,000 offline training digits, or the full 60,000 online).

    Returns:
        ``(accuracy, confusion)``: share in [0, 1] (chance is 0.1) and an int (10, 10) matrix,
        rows = class asked for, columns = class the judge saw.
    """
    from datagen_lab.classifier import predict_digits

    _input_width(generator, "generator", conditional=True)
    wanted = balanced_labels(per_class)
    seen, _ = predict_digits(generate_digits(generator, wanted, seed=seed), model=model)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=np.int64)
    np.add.at(confusion, (wanted, seen), 1)
    return float(np.mean(seen == wanted)), confusion

"""Warm every data cache the course needs: ``python -m datagen_lab.prefetch`` (Binder's postBuild).

MNIST goes to Keras's cache and the NLTK corpora to NLTK's default folder when online; offline,
the copies under ``DATAGEN_LAB_DATA`` are found and used in place.
"""

from __future__ import annotations

import sys

from datagen_lab.corpora import CORPORA, ensure_corpus
from datagen_lab.data import load_mnist


def prefetch() -> list[str]:
    """Make MNIST, the NLTK corpora and derived caches available; one line each saying where."""
    mnist = load_mnist()
    lines = [
        f"MNIST: {mnist.train_images.shape[0]} train / {mnist.test_images.shape[0]} test from {mnist.source}"
    ]
    lines += [f"NLTK {name}: {ensure_corpus(name)}" for name in CORPORA]
    # Lesson 2 derives a synonym lexicon from WordNet (about 20 s once); build it before class.
    from datagen_lab.text.lexicon import lexicon, lexicon_path

    lexicon()
    lines.append(f"Text lexicon (WordNet, cached): {lexicon_path()}")
    # Lessons 1, 4, 6 and 7 judge digits with a small CNN trained on first use (a minute or more
    # on one CPU). A Binder session starts from the built image, so train it once, here.
    from datagen_lab.classifier import load_classifier
    from datagen_lab.config import cache_dir

    load_classifier(mnist)
    lines.append(f"Digit classifier (the lessons' judge, cached): {cache_dir()}")
    return lines


if __name__ == "__main__":
    try:
        print("\n".join(prefetch()))
    except (FileNotFoundError, LookupError) as error:
        print(error, file=sys.stderr)
        sys.exit(1)

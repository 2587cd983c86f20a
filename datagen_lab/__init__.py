"""datagen_lab: helpers behind a Jupyter course on making new training data.

Importing the package is deliberately cheap (no TensorFlow, no imgaug, no matplotlib): the
lesson modules are imported on first use, e.g. ``datagen_lab.data.load_mnist()`` or
``from datagen_lab.image import augment``.
"""

from __future__ import annotations

from datagen_lab.config import fast_mode
from datagen_lab.lazy import lazy_attributes
from datagen_lab.seed import set_seed

__version__ = "0.1.0"
__all__ = ["__version__", "fast_mode", "set_seed"]
# Submodules load lazily so `import datagen_lab` stays well under 0.3 s.
__getattr__ = lazy_attributes(__name__, globals())[0]

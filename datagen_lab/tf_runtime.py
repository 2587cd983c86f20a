"""Import TensorFlow the course's way: once, quietly, seeded.

TensorFlow's C++ runtime writes start-up chatter (CUDA probing on CPU-only machines) straight
to file descriptor 2, which Jupyter shows as red stderr under a learner's cell. It carries no
information for this course, so it is silenced while TensorFlow loads and initialises.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

from datagen_lab.seed import seed_tensorflow


def import_tensorflow() -> ModuleType:
    """Return the ``tensorflow`` module, importing it with fd-level stderr silenced the first time.

    The seed last given to :func:`datagen_lab.set_seed` is applied to TensorFlow and Keras.
    """
    if "tensorflow" not in sys.modules:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            import keras  # noqa: F401  (Keras 3 registers itself with TensorFlow)
            import tensorflow as tf

            tf.config.list_physical_devices()  # device probing is where CUDA complains
            # Python-side warnings (e.g. tf.function retracing notes) are for library developers;
            # errors still show.
            tf.get_logger().setLevel("ERROR")
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)
        seed_tensorflow()
    return sys.modules["tensorflow"]


def release_memory() -> None:
    """Collect unreachable Python objects (discarded models), and hand freed heap back to the OS.

    After a model is deleted, Python and TensorFlow free its memory, but the C allocator (glibc's
    malloc) keeps the pages for later use, so the kernel's resident memory, which is what Binder's
    2 GB limit counts, does not drop. ``malloc_trim(0)`` returns them. On systems without glibc
    only the garbage collection runs. Returns None, so a cell that ends with it prints nothing.
    """
    import contextlib
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    library = ctypes.util.find_library("c")
    if library and sys.platform.startswith("linux"):
        # A libc without malloc_trim (musl) has nothing to trim.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(library).malloc_trim(0)

"""release_memory: frees discarded objects and trims the C heap, on any libc."""

from __future__ import annotations

import ctypes.util
import gc
import weakref

from datagen_lab import tf_runtime


class _Model:
    """Stands in for a discarded network: an object kept alive only by a reference cycle."""

    def __init__(self):
        self.me = self


def test_release_memory_collects_a_discarded_cycle():
    gc.disable()  # so only release_memory can collect it
    try:
        model = _Model()
        alive = weakref.ref(model)
        del model
        assert alive() is not None
        assert tf_runtime.release_memory() is None
        assert alive() is None
    finally:
        gc.enable()


def test_release_memory_without_a_c_library_still_collects(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    gc.disable()
    try:
        model = _Model()
        alive = weakref.ref(model)
        del model
        tf_runtime.release_memory()
        assert alive() is None
    finally:
        gc.enable()

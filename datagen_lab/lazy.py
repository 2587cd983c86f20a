"""Lazy attributes for ``datagen_lab`` and its lesson packages: nothing heavy loads on import.

``import datagen_lab`` and ``from datagen_lab import image`` must stay fast (no TensorFlow, imgaug
or matplotlib until a lesson needs them), yet a notebook writes ``image.augment_batch(...)``.
A package's module-level ``__getattr__`` (PEP 562) does that: a name in the package's export table
loads its submodule on first use; any other name is tried as a submodule.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_attributes(
    package: str, namespace: dict[str, Any], exports: dict[str, str] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Args:
        package: the package's ``__name__``.
        namespace: its ``globals()``; a loaded name is stored there, so it loads once.
        exports: name -> submodule that defines it (``{"augment_batch": "augment"}``).

    Returns:
        ``(__getattr__, __dir__)`` to assign at the package's top level.
    """
    exports = dict(exports or {})

    def __getattr__(name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
            namespace[name] = value
            return value
        try:
            module = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"{package}.{name}":
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
            raise
        namespace[name] = module
        return module

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__

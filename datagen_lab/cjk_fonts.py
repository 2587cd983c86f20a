"""A font with Chinese glyphs, so figures and drawn text in Chinese show characters, not boxes.

matplotlib's own fonts (DejaVu Sans) and PIL's have no Chinese glyphs: a Chinese title comes out
as empty boxes ("tofu"). :func:`find_cjk_font` finds a CJK font file that an installed package
ships, in this order:

1. ``DATAGEN_LAB_CJK_FONT``, a font file chosen by hand (``.ttf``, ``.otf`` or ``.ttc``);
2. Debian's ``fonts-noto-cjk`` (Noto Sans CJK, SIL Open Font License 1.1: what ``binder/apt.txt``
   and ``python3 course.py setup`` install), then ``fonts-wqy-microhei`` / ``fonts-wqy-zenhei``.

(The PyPI packages that ship Noto Sans CJK ship it as a variable font whose default instance is
the Thin weight, and matplotlib cannot choose another weight of a variable font: Chinese would be
drawn hairline-thin beside regular Latin text. Debian's files are static Regular fonts.)

:func:`use_cjk_font` makes it matplotlib's first font, DejaVu Sans its fallback. First, not a
fallback after DejaVu Sans: a label that mixes math and Chinese (``"$\\log D$（饱和）"``) goes whole
to mathtext, which draws the text outside ``$...$`` with one font only, the first of
``font.family``, and DejaVu there gives boxes and "Font 'default' does not have a glyph" warnings.
So Latin text in Chinese figures uses the CJK font's Latin letters (math keeps its own fonts);
English figures never call this and stay as they were. PIL draws with the path itself:
``ImageFont.truetype(str(path), size, index=chinese_face(path)[0])`` with
``path = find_cjk_font()``. Nothing here imports matplotlib until
:func:`use_cjk_font` is called.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

ENV_VAR = "DATAGEN_LAB_CJK_FONT"
DEBIAN_PACKAGE = "fonts-noto-cjk"
SYSTEM_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),  # Debian fonts-noto-cjk
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # Debian fonts-wqy-microhei
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # Debian fonts-wqy-zenhei
)
# Characters a font must map for Chinese: common hanzi, the full-width comma and full stop.
PROBE = "中文数据增强生成对抗网络，。"
FIX = (
    "Install a font with Chinese characters: `sudo apt-get install fonts-noto-cjk` (what "
    "`python3 course.py setup` does when run as root), or point DATAGEN_LAB_CJK_FONT at a "
    ".ttf/.otf/.ttc font file that has them. "
    "请安装中文字体：`sudo apt-get install fonts-noto-cjk`（以 root 运行 `python3 course.py setup` "
    "时会自动安装），或把环境变量 DATAGEN_LAB_CJK_FONT 设为一个含中文字形的字体文件。"
)


class CJKFontNotFoundError(FileNotFoundError):
    """No font with Chinese glyphs is installed; the message says what was searched and the fix."""


def find_cjk_font() -> Path:
    """The path of an installed font that has Chinese glyphs (the first found, see module doc).

    Returns:
        A ``.ttf``, ``.otf`` or ``.ttc`` file (for a ``.ttc`` collection, face 0 is used).

    Raises:
        CJKFontNotFoundError: none found, or ``DATAGEN_LAB_CJK_FONT`` names a file that does not
            exist or lacks Chinese glyphs; the message lists the places searched and the fix.
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise CJKFontNotFoundError(f"{ENV_VAR}={chosen!r} is not a font file. {FIX}")
        missing = missing_chinese(path)
        if missing:
            raise CJKFontNotFoundError(
                f"{ENV_VAR}={chosen!r} has no glyph for {''.join(missing)!r}. {FIX}"
            )
        return path
    searched = []
    for candidate in candidates():
        searched.append(str(candidate))
        if candidate.is_file() and not missing_chinese(candidate):
            return candidate
    places = ", ".join(searched) or "(no candidate file)"
    raise CJKFontNotFoundError(f"No font with Chinese glyphs found (looked at {places}). {FIX}")


def candidates() -> list[Path]:
    """Where a CJK font may be (after ``DATAGEN_LAB_CJK_FONT``), in the order tried."""
    return list(SYSTEM_FONTS)


def missing_chinese(path: Path, text: str = PROBE) -> list[str]:
    """Characters of ``text`` that the font file at ``path`` does not map (empty: all there).

    Reads the font's character map with fontTools (face 0 of a collection); a file that is not a
    readable font misses everything.
    """
    return [ch for ch in dict.fromkeys(text) if ord(ch) not in _codepoints(path)]


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese: register the CJK font and make it the first font, with
    DejaVu Sans as the fallback (first, so labels that mix ``$math$`` and Chinese draw too).

    Returns:
        The family name matplotlib now falls back to (e.g. ``"Noto Sans CJK SC"``).

    Raises:
        CJKFontNotFoundError: no CJK font is installed (see :func:`find_cjk_font`).
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = find_cjk_font()
    font_manager.fontManager.addfont(str(path))  # every face of a .ttc collection
    family = chinese_face(path)[1]
    # mathtext draws non-math text with findfont(the text's properties): the first family only.
    fallbacks = [name for name in mpl.rcParams["font.sans-serif"] if name != family]
    mpl.rcParams["font.sans-serif"] = [family, *fallbacks]
    families = [name for name in mpl.rcParams["font.family"] if name != family]
    mpl.rcParams["font.family"] = [family, *families]
    return family


def chinese_face(path: Path) -> tuple[int, str]:
    """The face of a font file meant for Simplified Chinese: ``(face index, family name)``.

    A collection such as Noto Sans CJK holds one face per region (JP, KR, SC, TC, HK) with the
    same code points but each region's glyph shapes; Chinese readers expect the SC face. Files
    with one face, or without an SC face, give face 0. PIL takes the index:
    ``ImageFont.truetype(str(path), size, index=index)``.
    """
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() == ".ttc":
        with TTCollection(str(path), lazy=True) as collection:
            names = [face["name"].getDebugName(1) or "" for face in collection.fonts]
    else:
        with TTFont(str(path), lazy=True) as face:
            names = [face["name"].getDebugName(1) or ""]
    for index, name in enumerate(names):
        if any(mark in f" {name} " for mark in (" SC ", " CN ", " Hans ", " GB ")):
            return index, name
    return 0, names[0]


def _codepoints(path: Path) -> frozenset[int]:
    return _read_codepoints(path, path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=8)
def _read_codepoints(path: Path, mtime_ns: int) -> frozenset[int]:
    # Only the Unicode subtable (a CJK font's full cmap reading takes seconds); cached per file.
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as face:
            table = face["cmap"]
            unicode = table.getcmap(3, 10) or table.getcmap(3, 1) or table.getcmap(0, 4)
            return frozenset(unicode.cmap if unicode else {})
    except (TTLibError, OSError, AssertionError, KeyError, IndexError):
        return frozenset()

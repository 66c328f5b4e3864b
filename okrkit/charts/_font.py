"""Make matplotlib draw Chinese with the font okrkit ships, and name CJK fonts for HTML.

The shipped font is a subset of Noto Sans CJK SC (SIL OFL 1.1, see
``okrkit/fonts/OFL.txt``) built by ``scripts/build_cjk_font.py``; it needs no
system font, so charts render the same on a fresh machine.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

FONT_PATH = Path(__file__).resolve().parent.parent / "fonts" / "NotoSansCJKsc-okrkit-subset.otf"
CJK_FONT_FAMILY = "Noto Sans CJK SC okrkit"

# Full CJK fonts a machine may have; listed after the subset, they supply the
# rare characters it lacks. Only installed ones are named: matplotlib logs a
# warning for every missing family it is asked for.
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

# For HTML reports: browsers cannot see the matplotlib font, so name the
# usual Simplified Chinese sans fonts of each platform.
CSS_FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)


def use_cjk_font() -> str:
    """Register the shipped CJK font with matplotlib and make it the default; return its family.

    Safe to call again, for instance after ``plt.style.use(...)`` or
    ``mpl.rcdefaults()`` reset the font settings.

    >>> import matplotlib.pyplot as plt
    >>> use_cjk_font()
    'Noto Sans CJK SC okrkit'
    >>> _ = plt.figure().suptitle("销售部OKR计划表")

    Labels draw in Chinese instead of boxes, with no "Glyph missing" warning.
    """
    manager = font_manager.fontManager
    path = str(FONT_PATH)
    if not any(entry.fname == path for entry in manager.ttflist):
        manager.addfont(path)
    installed = {entry.name for entry in manager.ttflist}
    chain = [CJK_FONT_FAMILY, *(f for f in SYSTEM_CJK_FAMILIES if f in installed), "DejaVu Sans"]
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f not in chain]
    mpl.rcParams["font.sans-serif"] = [*chain, *rest]
    # The concrete list, not the generic "sans-serif": matplotlib falls back glyph
    # by glyph only across the families named in font.family, while "sans-serif"
    # resolves to a single font.
    mpl.rcParams["font.family"] = chain
    mpl.rcParams["axes.unicode_minus"] = False
    return CJK_FONT_FAMILY

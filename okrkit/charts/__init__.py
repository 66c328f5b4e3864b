"""Charts for OKR tables; importing this package makes matplotlib draw Chinese.

Import side effect: the font shipped in ``okrkit/fonts`` is registered and put
first in matplotlib's font settings (see ``use_cjk_font``). ``import okrkit``
alone never imports matplotlib. The ``plot_*`` functions live in sibling
modules and are re-exported here.
"""

from okrkit.charts._font import CJK_FONT_FAMILY, CSS_FONT_STACK, use_cjk_font

use_cjk_font()

from okrkit.charts.funnel import plot_cascade, plot_funnel, plot_tornado  # noqa: E402
from okrkit.charts.scorecard import plot_scorecard  # noqa: E402  (after the font is registered)
from okrkit.charts.weights import plot_weights  # noqa: E402

__all__ = [
    "CJK_FONT_FAMILY",
    "CSS_FONT_STACK",
    "plot_cascade",
    "plot_funnel",
    "plot_scorecard",
    "plot_tornado",
    "plot_weights",
    "use_cjk_font",
]

"""Weights by objective: one stacked bar per objective, a segment per KR.

:func:`plot_weights` draws into any Axes. :class:`WeightsChart` is for live
widgets: it keeps one figure and, when only the weights changed, moves the
existing bars and labels instead of drawing them anew, because the tuner
redraws on every slider move.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from okrkit.i18n import check_lang, t
from okrkit.model import Team

# One hue per objective (tab10).
_PALETTE = plt.get_cmap("tab10").colors
# A 5-point segment is about 18 px wide: room for its weight, not for "KR3.1 · 5".
_MIN_NUMBER, _MIN_ID = 4, 12


def weight_segments(team: Team) -> list[tuple[int, str, float, float]]:
    """(objective row, KR id, left edge, width) of each weighted KR, blanks as 0.

    >>> from okrkit import load_case
    >>> weight_segments(load_case("cases/a-company").team("sales"))[:2]
    [(0, 'KR1.1', 0.0, 15.0), (0, 'KR1.2', 15.0, 15.0)]
    """
    segments = []
    for row, objective in enumerate(team.objectives):
        left = 0.0
        for kr in objective.key_results:
            if kr.is_deduction:
                continue
            width = float(kr.weight or 0.0)
            segments.append((row, kr.id, left, width))
            left += width
    return segments


def _x_limit(team: Team) -> float:
    return max([100.0, *(o.planned_points() or 0.0 for o in team.objectives)]) * 1.1


def _segment_label(kr_id: str, width: float) -> str:
    if width >= _MIN_ID:
        return f"{kr_id} · {width:g}"
    return f"{width:g}" if width >= _MIN_NUMBER else ""


def _draw(team: Team, ax: Axes, lang: str) -> dict:
    ax.clear()
    segments, points = {}, {}
    for row, kr_id, left, width in weight_segments(team):
        colour = _PALETTE[row % len(_PALETTE)]
        (bar,) = ax.barh(row, width, left=left, color=colour, edgecolor="white", linewidth=1.5)
        label = ax.text(left + width / 2, row, _segment_label(kr_id, width), ha="center",
                        va="center", fontsize=7, color="white")  # fmt: skip
        segments[kr_id] = (bar, label)
    for row, objective in enumerate(team.objectives):
        value = objective.planned_points() or 0.0
        points[objective.id] = ax.text(value + 1, row, f"{value:g}", va="center", fontsize=9)
    labels = [f"{o.id} {o.title.get(lang)}" for o in team.objectives]
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, _x_limit(team))
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(t("chart.weight_axis", lang))
    ax.set_title(t("chart.weights_title", lang, team=team.name.get(lang)), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return {"segments": segments, "points": points, "shape": _shape(team)}


def _shape(team: Team) -> tuple:
    return tuple((row, kr_id) for row, kr_id, _, _ in weight_segments(team))


def plot_weights(team: Team, ax: Axes | None = None, lang: str = "zh") -> Axes:
    """Stacked horizontal bars: each objective's KR weights, its O分值 at the bar's end.

    >>> from okrkit import load_case
    >>> ax = plot_weights(load_case("cases/a-company").team("sales"), lang="en")
    >>> len(ax.patches)
    9

    Notice the bar lengths: they are the planned O分值 (50/30/20).
    """
    check_lang(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.9 + 0.6 * max(len(team.objectives), 1)))
    _draw(team, ax, lang)
    return ax


class WeightsChart:
    """One weights figure kept alive for a widget; :meth:`update` moves bars in place.

    >>> from okrkit import load_case
    >>> from okrkit.weights import with_weights
    >>> sales = load_case("cases/a-company").team("sales")
    >>> chart = WeightsChart(sales, lang="en")
    >>> chart.update(with_weights(sales, {"KR1.1": 30}))
    True
    >>> chart.png()[:4]
    b'\\x89PNG'

    Notice ``True``: the bars moved; a team with other KRs would be redrawn.
    """

    def __init__(self, team: Team, lang: str = "zh", *, dpi: int = 80):
        check_lang(lang)
        self.lang = lang
        rows = max(len(team.objectives), 1)
        self.figure = Figure(figsize=(6.4, 1.0 + 0.55 * rows), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self._artists = _draw(team, self.ax, lang)
        # Margins fixed once: tight_layout on every move would cost a second draw.
        self.figure.tight_layout()

    def update(self, team: Team) -> bool:
        """Show ``team``'s weights; True when done in place, False after a full redraw."""
        if _shape(team) != self._artists["shape"]:
            self._artists = _draw(team, self.ax, self.lang)
            return False
        for _row, kr_id, left, width in weight_segments(team):
            bar, label = self._artists["segments"][kr_id]
            bar.set_x(left)
            bar.set_width(width)
            label.set_x(left + width / 2)
            label.set_text(_segment_label(kr_id, width))
        for row, objective in enumerate(team.objectives):
            value = objective.planned_points() or 0.0
            text = self._artists["points"][objective.id]
            text.set_position((value + 1, row))
            text.set_text(f"{value:g}")
        self.ax.set_xlim(0, _x_limit(team))
        return True

    def png(self) -> bytes:
        """The figure as PNG bytes (fast compression: it is redrawn on every move)."""
        self.figure.canvas.draw()
        width, height = self.figure.canvas.get_width_height()
        buffer = io.BytesIO()
        image = Image.frombuffer("RGBA", (width, height), self.figure.canvas.buffer_rgba())
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

"""Weights by objective: one stacked bar per objective, a segment per KR.

The tuner redraws this figure on every slider move, so :func:`plot_weights`
clears and reuses the Axes it is given instead of making a new figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from okrkit.i18n import check_lang, t
from okrkit.model import Team

# One hue per objective (tab10), shaded per KR so segments stay apart.
_PALETTE = plt.get_cmap("tab10").colors


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
        _, ax = plt.subplots(figsize=(7, 0.6 + 0.6 * max(len(team.objectives), 1)))
    else:
        ax.clear()
    for row, kr_id, left, width in weight_segments(team):
        colour = _PALETTE[row % len(_PALETTE)]
        ax.barh(row, width, left=left, color=colour, edgecolor="white", linewidth=1.5, alpha=0.85)
        if width >= 4:
            ax.text(left + width / 2, row, f"{kr_id}\n{width:g}", ha="center", va="center",
                    fontsize=7, color="white")  # fmt: skip
    for row, objective in enumerate(team.objectives):
        points = objective.planned_points() or 0.0
        ax.text(points + 1, row, f"{points:g}", va="center", fontsize=9)
    labels = [f"{o.id} {o.title.get(lang)}" for o in team.objectives]
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max([100.0, *(o.planned_points() or 0.0 for o in team.objectives)]) * 1.08)
    ax.set_xlabel(t("chart.weight_axis", lang))
    ax.set_title(t("chart.weights_title", lang, team=team.name.get(lang)), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax

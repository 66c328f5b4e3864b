"""The review scorecard as a chart: completion per KR against its target, by grade band.

Each bar is a KR's completion in percent; the line at 100% is the target.
A bar takes the colour of the grade band its completion falls into (the
case's ``grades:``; the Google red/yellow/green when the case sets none), so
a room sees at a glance which KRs pulled the grade down. Unscored KRs show as
an outlined empty bar, never as a zero.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from okrkit.i18n import check_lang, t
from okrkit.model import Team
from okrkit.scoring import GradeBand, TeamScore, google_colour, grade_index

_GOOGLE = {"red": "#d73027", "yellow": "#fdae61", "green": "#1a9850"}


# Best to worst: green, light green, gold, orange, red (readable on white, unlike
# the pale middle of a diverging colormap).
_BAND_PALETTE = ("#1a9850", "#66bd63", "#e6b422", "#f46d43", "#d73027")


def band_colours(bands: tuple[GradeBand, ...]) -> list[str]:
    """One colour per grade band, best green to worst red.

    >>> band_colours((GradeBand("A", 85), GradeBand("B", 70), GradeBand("C", 0)))
    ['#1a9850', '#e6b422', '#d73027']
    """
    n = len(bands)
    last = len(_BAND_PALETTE) - 1
    return [_BAND_PALETTE[round(i * last / max(n - 1, 1))] for i in range(n)]


def completion_colours(score: TeamScore, bands: tuple[GradeBand, ...] = ()) -> list[str | None]:
    """The colour of each scored KR's bar (None when unscored), in table order."""
    colours = band_colours(bands)
    result = []
    for item in score.krs:
        if item.completion is None:
            result.append(None)
        elif bands:
            result.append(colours[int(grade_index(item.completion * 100, bands))])
        else:
            result.append(_GOOGLE[google_colour(item.google)])
    return result


def plot_scorecard(
    team: Team,
    score: TeamScore,
    ax: Axes | None = None,
    lang: str = "zh",
    bands: tuple[GradeBand, ...] = (),
) -> Axes:
    """Horizontal bars of completion % per KR, a target line at 100%, coloured by grade band.

    >>> from okrkit import load_case
    >>> from okrkit.actuals import load_actuals
    >>> from okrkit.scoring import grade_bands, score_case
    >>> case = load_case("cases/a-company")
    >>> scores = score_case(case, load_actuals("cases/a-company/actuals/2015.yaml", case))
    >>> ax = plot_scorecard(case.team("rep-wang"), scores["rep-wang"], lang="en",
    ...                     bands=grade_bands(case))
    >>> len(ax.patches)
    8

    Notice the red bars: the KRs Wang Qiang fell furthest behind on.
    """
    check_lang(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.8 + 0.35 * max(len(score.krs), 1)))
    else:
        ax.clear()
    colours = completion_colours(score, bands)
    labels = []
    for row, (item, colour) in enumerate(zip(score.krs, colours, strict=True)):
        labels.append(f"{item.kr_id} {_short(team.key_result(item.kr_id).text.get(lang))}")
        if item.completion is None:
            ax.barh(row, 100, color="none", edgecolor="#999999", hatch="//", linewidth=0.8)
            ax.text(2, row, t("unscored." + item.reason, lang), va="center", fontsize=8)
            continue
        value = item.completion * 100
        ax.barh(row, value, color=colour, edgecolor="white")
        ax.text(value + 1, row, f"{value:.0f}%", va="center", fontsize=8)
    ax.axvline(100, color="#333333", linestyle="--", linewidth=1)
    ax.text(100, -0.7, t("chart.target", lang), ha="center", va="bottom", fontsize=8)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    top = max([100.0, *(i.completion * 100 for i in score.krs if i.completion is not None)])
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(t("chart.completion_axis", lang))
    grade = f" · {score.grade.grade}" if score.grade is not None else ""
    ax.set_title(
        t("chart.completion_title", lang, team=team.name.get(lang))
        + f" · {score.total:.4g}{grade}",
        fontsize=10,
    )
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

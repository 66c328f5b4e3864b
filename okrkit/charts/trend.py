"""One KR through the year: its check-ins against the expected-pace line, with the forecast.

Draws :func:`okrkit.track.trend.kr_trend` and nothing else: the expected line
(phased by the case's pace profile, so a Spring Festival February bends it),
the check-ins as points, the target, and dotted lines from the last check-in
to where the run rate and the trend say the year ends. The title carries the
status the rule gives, so the chart and the status table never disagree.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from okrkit.i18n import check_lang
from okrkit.model import Case
from okrkit.track.labels import TREND_COLOURS, status_name, trend_word

ACTUAL, EXPECTED, RUN, FIT = TREND_COLOURS


def plot_trend(case: Case, trend, lang: str = "zh", ax=None):
    """The trend of one KR as a line chart; returns the axes.

    >>> from okrkit import load_case
    >>> from okrkit.track.store import Store
    >>> from okrkit.track.trend import kr_trend
    >>> import datetime, tempfile, pathlib
    >>> case = load_case("cases/a-company")
    >>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
    >>> trend = kr_trend(case, store, "rep-li", "KR1.4", datetime.date(2015, 6, 30))
    >>> ax = plot_trend(case, trend, lang="en")
    >>> ax.get_lines()[0].get_label()
    'expected (by the pace)'

    Notice the title with no check-in at all: the status is stale, never on track.
    """
    check_lang(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    team = case.team(trend.team)
    kr = team.key_result(trend.kr)
    line = trend.line
    style = "steps-post" if trend.mode == "per_period" else "default"
    ax.plot(line["date"], line["expected"], color=EXPECTED, linestyle="--", drawstyle=style,
            label=trend_word("expected", lang))  # fmt: skip
    points = trend.points
    if len(points):
        ax.plot(
            points["date"],
            points["value"],
            color=ACTUAL,
            marker="o",
            label=trend_word("actual", lang),
        )
    end = pd.Timestamp(line["date"].iloc[-1])
    if trend.mode != "per_period" and kr.target is not None:
        ax.axhline(kr.target, color="#333333", linewidth=0.8)
        ax.text(line["date"].iloc[-1], kr.target, trend_word("target", lang, value=kr.target),
                va="bottom", ha="right", fontsize=8)  # fmt: skip
    if len(points):
        last = (points["date"].iloc[-1], points["value"].iloc[-1])
        for value, colour, key in (
            (trend.forecast_run, RUN, "run"),
            (trend.forecast_fit, FIT, "fit"),
        ):
            if value is not None and trend.mode != "per_period":
                ax.plot([last[0], end], [last[1], value], color=colour, linestyle=":",
                        label=trend_word(key, lang, value=round(value, 1)))  # fmt: skip
    name = team.person.get(lang) or team.name.get(lang)
    status = status_name(trend.status, lang) if trend.status else ""
    ax.set_title(f"{name} · {kr.id} {kr.text.get(lang)} · {status}", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", framealpha=0.9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax

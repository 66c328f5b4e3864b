"""Each rep's weekly effective calls from the records, against the KR's weekly target.

One panel per rep: a bar per ISO week (the count the evidence engine gives,
:func:`okrkit.story.weekly_against_target`), the target as a dashed line, and
weeks under it in a warmer colour — so the Spring Festival weeks and a rep who
never reaches the line show at a glance. The chart only draws; the counts and
the hits come from the tested function.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from okrkit.i18n import Words, check_lang
from okrkit.model import Case

HIT, MISS, LINE = "#1a9850", "#f46d43", "#333333"
_WORDS = {
    "title": ("{name}：每周{kr}（以CRM记录为准）", "{name}: {kr} each week (from the CRM records)"),
    "target": ("目标 {target:g}", "target {target:g}"),
    "hit": ("达标 {hit}/{n} 周", "on target {hit}/{n} weeks"),
    "axis": ("周（起始日）", "week (Monday)"),
}  # fmt: skip


_w = Words(_WORDS)


def plot_weekly_calls(case: Case, weeks: pd.DataFrame, lang: str = "zh", axes=None):
    """Bars of each rep's weekly count, the target line, weeks under it coloured; returns the axes.

    ``weeks`` is :func:`okrkit.story.weekly_against_target` (team, kr, week,
    value, target, hit), one panel per team in the order it lists them.

    >>> from okrkit import load_case, story
    >>> case = load_case("cases/a-company")
    >>> weeks = pd.DataFrame({"team": ["rep-li"] * 2, "kr": ["KR1.1"] * 2,
    ...     "week": pd.to_datetime(["2015-02-16", "2015-02-23"]), "value": [40, 120],
    ...     "target": [117.0, 117.0], "hit": [False, True]})
    >>> [len(ax.patches) for ax in plot_weekly_calls(case, weeks, lang="en")]
    [2]
    """
    check_lang(lang)
    teams = list(dict.fromkeys(weeks["team"]))
    if axes is None:
        figure, axes = plt.subplots(len(teams), 1, figsize=(9, 2.4 * max(len(teams), 1)),
                                    sharex=True, squeeze=False)  # fmt: skip
        axes = list(axes[:, 0])
        figure.set_layout_engine("tight")
    for ax, team_id in zip(axes, teams, strict=True):
        rows = weeks[weeks["team"] == team_id]
        team = case.team(team_id)
        kr = team.key_result(rows["kr"].iloc[0])
        colours = [HIT if hit else MISS for hit in rows["hit"]]
        ax.bar(rows["week"], rows["value"], width=5, color=colours)
        target = float(rows["target"].iloc[0])
        ax.axhline(target, color=LINE, linestyle="--", linewidth=1)
        ax.text(rows["week"].iloc[-1], target, " " + _w("target", lang, target=target),
                va="bottom", ha="right", fontsize=8)  # fmt: skip
        name = team.person.get(lang) or team.name.get(lang)
        label = _kr_words(case, kr, lang)
        hits = _w("hit", lang, hit=int(rows["hit"].sum()), n=len(rows))
        ax.set_title(f"{_w('title', lang, name=name, kr=label)} · {hits}", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    if len(axes):
        axes[-1].set_xlabel(_w("axis", lang))
    return axes


def _kr_words(case: Case, kr, lang: str) -> str:
    from okrkit.evidence.explain import kr_label

    label = kr_label(case, kr, lang)
    # kr_label puts the cadence in ("每周有效电话"); the title already says "each week".
    return label.removeprefix("每周") if lang == "zh" else label.removesuffix(" a week")

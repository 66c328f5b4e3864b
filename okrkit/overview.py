"""The whole case at a glance after a review: one row per team, total, grade, Google score.

Chapter 10 shows every team's result side by side; the numbers come from
:func:`okrkit.scoring.score_case`, this module only lays them out in the
language asked. Pure: pandas is imported inside the function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrkit.i18n import check_lang, t
from okrkit.model import Case
from okrkit.scoring import google_colour, score_case

if TYPE_CHECKING:
    import pandas as pd


def review_summary(case: Case, actuals, lang: str = "zh") -> pd.DataFrame:
    """Each team's points earned, deductions, total, grade and Google 0–1 score.

    >>> from okrkit import load_case
    >>> from okrkit.actuals import load_actuals
    >>> case = load_case("cases/a-company")
    >>> actuals = load_actuals("cases/a-company/actuals/2015.yaml", case)
    >>> review_summary(case, actuals, "en")["Grade"].tolist()
    ['A', 'A', 'C', 'S', 'B', 'C']

    Notice Li Na: 91 points earned, two complaints, 81 in the end (B).
    """
    import pandas as pd

    check_lang(lang)
    rows = []
    for team_id, score in score_case(case, actuals).items():
        team = case.team(team_id)
        colour = google_colour(score.google)
        rows.append(
            {
                t("overview.col.team", lang): team.name.get(lang),
                t("overview.col.earned", lang): round(score.earned, 2),
                t("overview.col.deducted", lang): round(score.deducted, 2),
                t("overview.col.total", lang): round(score.total, 2),
                t("overview.col.grade", lang): score.grade.grade if score.grade else "",
                t("overview.col.grade_label", lang): score.grade.label.get(lang)
                if score.grade
                else "",
                t("overview.col.google", lang): None
                if score.google is None
                else round(score.google, 2),
                t("overview.col.colour", lang): t(f"overview.colour.{colour}", lang)
                if colour
                else "",
            }
        )
    return pd.DataFrame(rows)

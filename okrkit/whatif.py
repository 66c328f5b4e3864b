"""What-if questions a trainer asks about weights: same work, different weights, different score.

Chapter 07 asks what happens to a sales rep's score when the result KR
(销售指标完成率) carries 60% instead of the deck's 20%, and what the
deduction item (减分项) does. The answers are computed here from
:mod:`okrkit.weights` (rebalancing to exactly 100) and :mod:`okrkit.scoring`;
the two example reps are bilingual data so the chapter only displays them.

Pure: pandas is imported only inside the functions that build tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrkit.i18n import check_lang, t
from okrkit.model import Case, KeyResult, Team, Text
from okrkit.scoring import TeamScore, grade_bands, score_team, scoring_settings
from okrkit.weights import rebalance_weights

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Rep:
    """An example rep: a name and the actuals of one period (KR id -> number)."""

    name: Text
    actuals: Mapping[str, float]


# Two reps with the same table as 张伟 (rep-zhang, 1200万). The diligent one
# does every process and lands 70% of the sales; the lucky one does half the
# calls, visits and opportunities and still closes 100% thanks to one big deal.
# Everything else (collections, reports, training, complaints) is the same, so
# the only difference between them is process versus result.
DILIGENT = Rep(
    Text("勤奋的销售：过程全做到，销售额完成70%", "Diligent rep: every process done, 70% of sales"),
    {"KR1.1": 100, "KR1.2": 20, "KR1.3": 20, "KR1.4": 840, "KR2.1": 1, "KR2.2": 100}
    | {"KR3.1": 100, "KR3.2": 2, "KR4.1": 0},
)
LUCKY = Rep(
    Text(
        "运气好的销售：过程只做一半，一笔大单完成100%",
        "Lucky rep: half the processes, one big deal, 100% of sales",
    ),
    {"KR1.1": 50, "KR1.2": 10, "KR1.3": 10, "KR1.4": 1200, "KR2.1": 1, "KR2.2": 100}
    | {"KR3.1": 100, "KR3.2": 2, "KR4.1": 0},
)
EXAMPLE_REPS = (DILIGENT, LUCKY)


def main_result(team: Team) -> KeyResult:
    """The result KR most process KRs feed (the sales result for a rep).

    >>> from okrkit import load_case
    >>> main_result(load_case("cases/a-company").team("rep-zhang")).id
    'KR1.4'
    """
    krs = [kr for _, kr in team.key_results()]
    results = [kr for kr in krs if kr.kind == "result"]
    if not results:
        error = ValueError(f"team {team.id!r} has no result KR; expected at least one")
        error.zh = f"团队 {team.id!r} 没有结果类KR；至少应有一个"
        raise error
    fed = {r.id: sum(1 for kr in krs if kr.feeds == r.id) for r in results}
    return max(results, key=lambda r: fed[r.id])


def with_result_weight(team: Team, weight: float, case: Case | None = None) -> Team:
    """The team with its main result KR at ``weight``; the others rebalanced to total 100.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> heavy = with_result_weight(case.team("rep-zhang"), 60, case)
    >>> heavy.key_result("KR1.4").weight, heavy.total_weight()
    (60.0, 100.0)

    Notice the others shrink in proportion but never below the case's weight
    floor (5 points for A公司), so no KR disappears.
    """
    floor = scoring_settings(case).weight_floor
    return rebalance_weights(team, main_result(team).id, weight, floor=floor)


def score_at(
    team: Team, actuals: Mapping[str, float], weight: float, case: Case | None
) -> TeamScore:
    """The team's score for ``actuals`` when its main result KR weighs ``weight``."""
    reweighted = with_result_weight(team, weight, case)
    return score_team(reweighted, actuals, scoring_settings(case), grade_bands(case))


def _grade(score: TeamScore, lang: str) -> str:
    return f"{score.grade.grade} {score.grade.label.get(lang)}" if score.grade else ""


def result_weight_table(
    team: Team,
    case: Case | None,
    reps: Sequence[Rep] = EXAMPLE_REPS,
    weights: Sequence[float] = (20, 60),
    lang: str = "zh",
) -> pd.DataFrame:
    """Each example rep's total and grade with the result KR at each weight.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> table = result_weight_table(case.team("rep-zhang"), case, lang="en")
    >>> table.iloc[:, 1].tolist(), table.iloc[:, 3].tolist()
    ([94.0, 80.0], [82.0, 92.0])

    Notice the order flips: at 20% the diligent rep leads, at 60% the lucky one.
    """
    import pandas as pd

    check_lang(lang)
    rows = []
    for rep in reps:
        row = {t("whatif.col.rep", lang): rep.name.get(lang)}
        for weight in weights:
            score = score_at(team, rep.actuals, weight, case)
            row[t("whatif.col.total", lang, w=f"{weight:g}")] = round(score.total, 2)
            row[t("whatif.col.grade", lang, w=f"{weight:g}")] = _grade(score, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def tie_weight(team: Team, case: Case | None, first: Rep = DILIGENT, second: Rep = LUCKY) -> int:
    """The smallest whole result weight at which ``second`` scores at least as much as ``first``.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> tie_weight(case.team("rep-zhang"), case)
    44

    Notice how far that is from the deck's 20%: the deck keeps the result
    light so that the processes decide most of the score.
    """
    for weight in range(0, 101):
        try:
            a = score_at(team, first.actuals, weight, case).total
            b = score_at(team, second.actuals, weight, case).total
        except ValueError:
            continue
        if b >= a:
            return weight
    error = ValueError("the second rep never catches up; expected a weight where they tie")
    error.zh = "第二位销售始终追不上；应存在一个使两人打平的权重"
    raise error


def deduction_table(
    team: Team,
    actuals: Mapping[str, float],
    case: Case | None,
    counts: Sequence[int] = (0, 1, 2, 4, 6),
    lang: str = "zh",
) -> pd.DataFrame:
    """The team's total and grade for each number of incidents of its deduction item.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> rep = case.team("rep-li")
    >>> deduction_table(rep, {"KR4.1": 0}, case, lang="en").iloc[:, 1].tolist()
    [0.0, 5.0, 10.0, 20.0, 20.0]

    Notice the last two rows: the case caps the deduction at 20 points.
    """
    import pandas as pd

    check_lang(lang)
    deduction = next(kr for _, kr in team.key_results() if kr.is_deduction)
    settings, bands = scoring_settings(case), grade_bands(case)
    rows = []
    for count in counts:
        score = score_team(team, {**actuals, deduction.id: count}, settings, bands)
        rows.append(
            {
                t("whatif.col.incidents", lang): count,
                t("whatif.col.deducted", lang): float(score.deducted),
                t("whatif.col.final", lang): round(score.total, 2),
                t("whatif.col.final_grade", lang): _grade(score, lang),
            }
        )
    return pd.DataFrame(rows)

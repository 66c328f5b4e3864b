"""What open-okr's method checks at setting: confidence (sandbagging) and a deadline."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    OPEN_OKR_CONFIDENCE,
    OPEN_OKR_TIMEBOUND,
    Context,
    Hit,
    _num,
    bi,
    readings,
    rule,
)
from okrkit.model import Team

# -- 7xx setting: confidence is the 0–10 the owner gives each KR when the table is set
# (the same scale the check-ins use); a deadline comes from the case's year or the words.


@rule("OKR701", "confidence-sandbagging", "setting", "warn", OPEN_OKR_CONFIDENCE)
def confidence_sandbagging(team: Team, ctx: Context) -> Iterator[Hit]:
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    rated = [kr.confidence for kr in scored if kr.confidence is not None]
    if not scored or len(rated) < len(scored):
        return  # judged on the whole set, as open-okr does, once every KR is rated
    floor = ctx.limits.sandbagging_confidence
    if min(rated) >= floor:
        yield Hit(
            "",
            bi(
                "每个KR的信心都在{f}分以上（最低{m}分）：目标可能定得太保守",
                "every KR's confidence is {f} or more (lowest {m}): the targets may be too safe",
                f=_num(floor),
                m=_num(min(rated)),
            ),
            bi(
                "把把握最大的几个KR的目标提高，直到信心大约是6–7分。",
                "Raise the targets of the surest KRs until confidence is about 6–7 out of 10.",
            ),
        )


def _cycle_known(ctx: Context) -> bool:
    return ctx.case is not None and ctx.case.year is not None


@rule("OKR702", "objective-not-timebound", "setting", "warn", OPEN_OKR_TIMEBOUND)
def objective_not_timebound(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or _cycle_known(ctx):
        return  # a draft outside a case, or a case whose year is the cycle
    for objective in team.objectives:
        texts = [objective.title, objective.description]
        texts += [kr.text for kr in objective.key_results]
        if any(reading.dates for value in texts for reading in readings(value)):
            continue
        yield Hit(
            objective.id,
            bi(
                "目标“{o}”没有周期或期限",
                "objective '{o}' has no cycle or deadline",
                o=objective.title,
            ),
            bi(
                "在case.yaml里写明周期（year: 2025），或在目标里写上期限（如“到年底”“in Q3”）。",
                "Declare the cycle in case.yaml (year: 2025) or give the objective a deadline "
                "('by year end', 'in Q3').",
            ),
            objective.line,
        )

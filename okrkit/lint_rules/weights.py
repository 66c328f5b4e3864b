"""Do the weights add up, and are deduction items complete (the deck's method)."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    DECK_DEDUCTION,
    DECK_WEIGHTS,
    Context,
    Hit,
    _num,
    bi,
    kr_location,
    rule,
)
from okrkit.model import Team
from okrkit.weights import check_weights

# -- 2xx weights: the deck's method. A case that declares `method: unweighted`
# (Google-style OKRs) gets none of the weight findings; deduction items keep theirs.


def _unweighted(ctx: Context) -> bool:
    return ctx.method == "unweighted"


def ceiling_for(team: Team, ctx: Context) -> float:
    """The weight above which one KR drowns the rest, for this table.

    The case's ceiling (40% by default) or, in a table with few KRs, that many
    times the equal share (1.5 × 50% with two KRs), so 50/50 is not "too much".

    >>> from okrkit.model import KeyResult, Objective, Team, Text
    >>> two = Team("t", Text("t"), "department", objectives=(Objective("O1", Text("o"),
    ...     key_results=(KeyResult("KR1.1", Text("a")), KeyResult("KR1.2", Text("b")))),))
    >>> ceiling_for(two, Context())
    75.0
    """
    scored = sum(1 for _, kr in team.key_results() if not kr.is_deduction)
    limits = ctx.limits
    if scored == 0:
        return limits.weight_ceiling
    return max(limits.weight_ceiling, limits.weight_ceiling_share * limits.weight_total / scored)


@rule("OKR201", "weights-do-not-sum", "weights", "error", DECK_WEIGHTS)
def weights_do_not_sum(team: Team, ctx: Context) -> Iterator[Hit]:
    if _unweighted(ctx):
        return
    check = check_weights(team)  # the weights module's sum, shared with the tuner
    if not check.scored or check.blanks:
        return  # blanks are OKR202's finding; a partial sum means nothing yet
    total = check.total
    expected = ctx.limits.weight_total
    if abs(total - expected) > 1e-6:
        diff = expected - total
        yield Hit(
            "",
            bi(
                "KR权重合计{total}%，应为{expected}%",
                "KR weights add to {total}%; expected {expected}%",
                total=_num(total),
                expected=_num(expected),
            ),
            bi(
                "{verb}{diff}个百分点，调整到合计{expected}%。",
                "{verb_en} {diff} points so the table adds to {expected}%.",
                verb="再分配" if diff > 0 else "减去",
                verb_en="Add" if diff > 0 else "Remove",
                diff=_num(abs(diff)),
                expected=_num(expected),
            ),
        )


@rule("OKR202", "weights-missing", "weights", "error", DECK_WEIGHTS)
def weights_missing(team: Team, ctx: Context) -> Iterator[Hit]:
    if _unweighted(ctx):
        return
    check = check_weights(team)
    blanks = set(check.blanks)
    blank = [(o, kr) for o, kr in team.key_results() if kr.id in blanks]
    if not blank:
        return
    if len(blank) == check.scored:
        yield Hit(
            "",
            bi(
                "{n}个关键成果都还没有权重",
                "none of the {n} key results has a weight yet",
                n=check.scored,
            ),
            bi(
                "按重要性给每个KR分配百分点，合计100%；先给结果KR，再给推动它的过程KR。",
                "Give each KR percent points by importance, adding to 100%: results first, then "
                "the processes that drive them.",
            ),
        )
        return
    for objective, kr in blank:
        yield Hit(
            kr_location(objective, kr, "weight"),
            bi("“{k}”没有权重", "'{k}' has no weight", k=kr.text),
            bi(
                "填写权重（例如15%），让全表合计100%。",
                "Fill in a weight (e.g. 15%) so the table adds to 100%.",
            ),
            kr.line,
        )


@rule("OKR203", "weight-below-floor", "weights", "warn", DECK_WEIGHTS)
def weight_below_floor(team: Team, ctx: Context) -> Iterator[Hit]:
    if _unweighted(ctx):
        return
    floor = ctx.limits.weight_floor
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.weight is not None and kr.weight < floor:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "权重{w}%，低于{f}%",
                    "weight {w}%, below {f}%",
                    w=_num(kr.weight),
                    f=_num(floor),
                ),
                bi(
                    "低于{f}%的KR几乎不影响得分：提高权重，或删掉/合并到别的KR。",
                    "A KR under {f}% barely moves the score: weigh it more, or drop or merge it.",
                    f=_num(floor),
                ),
                kr.line,
            )


@rule("OKR204", "weight-above-ceiling", "weights", "warn", DECK_WEIGHTS)
def weight_above_ceiling(team: Team, ctx: Context) -> Iterator[Hit]:
    if _unweighted(ctx):
        return
    ceiling = ceiling_for(team, ctx)
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.weight is not None and kr.weight > ceiling:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "权重{w}%，高于{c}%",
                    "weight {w}%, above {c}%",
                    w=_num(kr.weight),
                    c=_num(ceiling),
                ),
                bi(
                    "单个KR超过{c}%时，其他KR就没人在意了：把权重分给推动它的过程KR。",
                    "Above {c}% one KR drowns the rest: move points to the processes that drive it.",
                    c=_num(ceiling),
                ),
                kr.line,
            )


@rule("OKR205", "deduction-has-weight", "weights", "error", DECK_DEDUCTION)
def deduction_has_weight(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.weight:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "减分项带了{w}%的正权重",
                    "deduction item carries a positive weight of {w}%",
                    w=_num(kr.weight),
                ),
                bi(
                    "去掉权重，改为写每次扣分（penalty）和扣分上限（cap）。",
                    "Remove the weight; set the penalty per case and a cap instead.",
                ),
                kr.line,
            )


def _defaults(ctx: Context):
    """The case's scoring defaults for deduction items (``scoring: deduction:``)."""
    from okrkit.scoring import scoring_settings  # numpy: only when a deduction is checked

    return scoring_settings(ctx.case)


@rule("OKR206", "deduction-without-penalty", "weights", "error", DECK_DEDUCTION)
def deduction_without_penalty(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.penalty is None and _defaults(ctx).penalty is None:
            yield Hit(
                kr_location(objective, kr, "penalty"),
                bi(
                    "减分项“{k}”没有写每次扣几分",
                    "deduction item '{k}' does not say how many points a case costs",
                    k=kr.text,
                ),
                bi(
                    "写明每次扣分，例如每起扣5分。",
                    "State the penalty per case, e.g. 5 points each.",
                ),
                kr.line,
            )


@rule("OKR207", "deduction-without-cap", "weights", "warn", DECK_DEDUCTION)
def deduction_without_cap(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.cap is None and _defaults(ctx).deduction_cap is None:
            yield Hit(
                kr_location(objective, kr, "cap"),
                bi("减分项“{k}”没有扣分上限", "deduction item '{k}' has no cap", k=kr.text),
                bi(
                    "写明一个周期最多扣几分，例如20分。",
                    "State the most it can take in one cycle, e.g. 20 points.",
                ),
                kr.line,
            )


@rule("OKR208", "deduction-without-definition", "weights", "error", DECK_DEDUCTION)
def deduction_without_definition(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and not kr.definition:
            yield Hit(
                kr_location(objective, kr, "definition"),
                bi(
                    "减分项“{k}”没有说明什么算数",
                    "deduction item '{k}' does not define what counts",
                    k=kr.text,
                ),
                bi(
                    "写出认定标准，例如“有效”= 经核实属实、责任在本人。",
                    "Define what counts, e.g. 'valid' = verified as true and caused by this person.",
                ),
                kr.line,
            )

"""Does the team support the level above, and does the cascade add up."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    DECK_CASCADE,
    Context,
    Hit,
    _num,
    bi,
    rule,
)
from okrkit.model import Team

# -- 6xx alignment. A minimal supports-graph and sales-target check of our own,
# until okrkit.align (the decomposition's cascade check, with channel parts)
# is on main; then these rules delegate to it.


@rule("OKR601", "objective-not-aligned", "alignment", "warn", DECK_CASCADE)
def objective_not_aligned(team: Team, ctx: Context) -> Iterator[Hit]:
    if not team.parent:
        return
    for objective in team.objectives:
        if not objective.supports:
            yield Hit(
                f"{objective.id}.supports",
                bi(
                    "目标“{o}”没有对应上级目标",
                    "objective '{o}' supports no objective of the team above",
                    o=objective.title,
                ),
                bi(
                    "在supports里选择它支撑的上级目标。", "Choose the parent objective it supports."
                ),
                objective.line,
            )


@rule("OKR602", "parent-objective-unsupported", "alignment", "warn", DECK_CASCADE)
def parent_objective_unsupported(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None:
        return
    children = [t for t in ctx.case.teams.values() if t.parent == team.id]
    if not children:
        return
    supported = {o.supports for child in children for o in child.objectives}
    for objective in team.objectives:
        if objective.id not in supported:
            yield Hit(
                objective.id,
                bi(
                    "没有下级目标支撑目标“{o}”",
                    "no objective of a team below supports '{o}'",
                    o=objective.title,
                ),
                bi(
                    "让下级团队（{c}）的某个目标支撑它，否则它只是一句口号。",
                    "Have an objective of a team below ({c}) support it, or it stays a slogan.",
                    c=", ".join(child.id for child in children),
                ),
                objective.line,
            )


@rule("OKR603", "supports-unknown-objective", "alignment", "error", DECK_CASCADE)
def supports_unknown_objective(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or not team.parent:
        return
    parent = ctx.case.teams.get(team.parent)
    if parent is None:
        return
    known = {o.id for o in parent.objectives}
    for objective in team.objectives:
        if objective.supports and objective.supports not in known:
            yield Hit(
                f"{objective.id}.supports",
                bi(
                    "上级团队{p}没有目标{s}",
                    "team {p} has no objective {s}",
                    p=parent.id,
                    s=objective.supports,
                ),
                bi(
                    "从上级目标中选择：{k}。",
                    "Choose one of the parent's objectives: {k}.",
                    k=", ".join(sorted(known)),
                ),
                objective.line,
            )


@rule("OKR604", "cascade-does-not-add-up", "alignment", "warn", DECK_CASCADE)
def cascade_does_not_add_up(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or team.sales_target is None:
        return
    children = [
        t for t in ctx.case.teams.values() if t.parent == team.id and t.sales_target is not None
    ]
    if not children:
        return
    covered = sum(child.sales_target for child in children)
    shortfall = team.sales_target - covered
    if shortfall > 1e-6:
        yield Hit(
            "sales_target",
            bi(
                "下级销售目标合计{c}，比本级{p}少{s}",
                "the teams below add to {c}, {s} short of this team's {p}",
                c=_num(covered),
                p=_num(team.sales_target),
                s=_num(shortfall),
            ),
            bi(
                "把缺口分配给下级（{names}），或写明由谁（例如渠道代理商）完成。",
                "Assign the shortfall to the teams below ({names}) or say who else (e.g. the "
                "channel agents) delivers it.",
                names=", ".join(child.id for child in children),
            ),
        )

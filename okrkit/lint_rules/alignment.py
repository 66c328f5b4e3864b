"""Does the team support the level above, and does the cascade add up."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.align import cascade_check, supported_by
from okrkit.errors import OkrkitError
from okrkit.i18n import t
from okrkit.lint_rules._base import (
    DECK_CASCADE,
    OPEN_OKR_LEVELS,
    Context,
    Hit,
    bi,
    rule,
    shared,
)
from okrkit.model import LEVELS, Team, Text

# -- 6xx alignment: supports links and the cascade come from okrkit.align, so the
# coach and `okrkit decompose` agree (channel parts and declared buffers included).


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
    if ctx.case is None or team.id not in ctx.case.teams:
        return
    children = ctx.case.children(team.id)
    if not children:
        return
    for objective_id, supporters in supported_by(ctx.case, team.id).items():
        if supporters:
            continue
        objective = team.objective(objective_id)
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


def _cascade_rows(team: Team, ctx: Context):
    """okrkit.align's cascade rows for this team (the KPI row too, for the top team)."""
    if ctx.case is None or team.id not in ctx.case.teams:
        return []
    try:
        rows = shared(ctx.case, "cascade", cascade_check)
    except OkrkitError:
        return []  # a broken split block is the loader's error, not the coach's
    wanted = {team.id} | ({"kpi"} if team.parent is None else set())
    return [row for row in rows if row.parent in wanted]


@rule("OKR604", "cascade-does-not-add-up", "alignment", "error", DECK_CASCADE)
def cascade_does_not_add_up(team: Team, ctx: Context) -> Iterator[Hit]:
    unit = ctx.case.kpi.unit if ctx.case is not None else None
    for row in _cascade_rows(team, ctx):
        if row.status not in ("shortfall", "missing"):
            continue
        yield Hit(
            "sales_target",
            Text(zh=row.describe("zh", unit), en=row.describe("en", unit)),
            bi(
                "把缺口分配给下级（{names}），或在split里写明由哪个渠道完成。",
                "Assign the shortfall to the teams below ({names}) or declare the channel that "
                "delivers it in the split block.",
                names=", ".join(part.id for part in row.parts),
            ),
        )


@rule("OKR605", "cascade-excess", "alignment", "warn", DECK_CASCADE)
def cascade_excess(team: Team, ctx: Context) -> Iterator[Hit]:
    unit = ctx.case.kpi.unit if ctx.case is not None else None
    for row in _cascade_rows(team, ctx):
        if row.status == "excess":
            yield Hit(
                "sales_target",
                Text(zh=row.describe("zh", unit), en=row.describe("en", unit)),
                bi(
                    "多分配的部分如果是有意的缓冲，请在split里写明buffer；否则调低下级目标。",
                    "If the excess is a deliberate buffer, declare it (split: buffer); otherwise "
                    "lower the targets below.",
                ),
            )


@rule("OKR606", "level-skipped", "alignment", "warn", OPEN_OKR_LEVELS)
def level_skipped(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or not team.parent:
        return
    parent = ctx.case.teams.get(team.parent)
    if parent is None:
        return
    gap = LEVELS.index(team.level) - LEVELS.index(parent.level)
    if gap > 1:
        yield Hit(
            "parent",
            bi(
                "{t}（{l}）直接挂在{p}（{pl}）下面，跳过了一级",
                "{t} ({l_en}) sits straight under {p} ({pl_en}), skipping a level",
                t=team.id,
                p=parent.id,
                l=t(f"level.{team.level}", "zh"),
                l_en=t(f"level.{team.level}", "en"),
                pl=t(f"level.{parent.level}", "zh"),
                pl_en=t(f"level.{parent.level}", "en"),
            ),
            bi(
                "让它支撑所属部门的目标（parent: 部门），部门再支撑公司目标。",
                "Have it support its department's objectives (parent: the department), and the "
                "department the company's.",
            ),
        )


@rule("OKR607", "no-company-objective", "alignment", "warn", OPEN_OKR_LEVELS)
def no_company_objective(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or team.parent or team.id not in ctx.case.teams:
        return  # reported once, on each top team of a case
    if any(other.level == "company" and other.objectives for other in ctx.case.teams.values()):
        return
    yield Hit(
        "",
        bi(
            "案例里没有公司级目标：{t}的目标没有可以支撑的上级",
            "the case has no company objective: {t}'s objectives have nothing to support",
            t=team.id,
        ),
        bi(
            "加一张公司级的表（level: company），写出1–5个公司目标，再让各部门支撑它们。",
            "Add a company table (level: company) with one to five objectives, and have the "
            "departments support them.",
        ),
    )

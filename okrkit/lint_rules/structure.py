"""How many objectives and key results a table holds (Doerr's counts)."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    DOERR_COUNTS,
    Context,
    Hit,
    bi,
    rule,
)
from okrkit.model import Team

# -- 1xx structure


@rule("OKR101", "too-many-objectives", "structure", "warn", DOERR_COUNTS)
def too_many_objectives(team: Team, ctx: Context) -> Iterator[Hit]:
    limit = (
        ctx.limits.max_objectives_company if team.level == "company" else ctx.limits.max_objectives
    )
    if len(team.objectives) > limit:
        yield Hit(
            "",
            bi(
                "{n}个目标，超过{limit}个",
                "{n} objectives, more than {limit}",
                n=len(team.objectives),
                limit=limit,
            ),
            bi(
                "保留最重要的{limit}个，其余放到下个周期或交给其他团队。",
                "Keep the {limit} that matter most; move the rest to a later cycle or another team.",
                limit=limit,
            ),
        )


@rule("OKR102", "no-objectives", "structure", "error", DOERR_COUNTS)
def no_objectives(team: Team, ctx: Context) -> Iterator[Hit]:
    if not team.objectives:
        yield Hit(
            "",
            bi("这张表还没有目标", "this table has no objective yet"),
            bi(
                "先写1–3个目标，再为每个目标写2–5个关键成果。",
                "Write one to three objectives, then two to five key results for each.",
            ),
        )


@rule("OKR103", "objective-without-key-results", "structure", "error", DOERR_COUNTS)
def objective_without_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if not objective.key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”没有关键成果",
                    "objective '{o}' has no key result",
                    o=objective.title,
                ),
                bi(
                    "写2–5个关键成果：做到什么程度算达成？",
                    "Add two to five key results: how will you know it is achieved?",
                ),
                objective.line,
            )


@rule("OKR104", "too-few-key-results", "structure", "warn", DOERR_COUNTS)
def too_few_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        n = len(objective.key_results)
        if 0 < n < ctx.limits.min_key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”只有{n}个关键成果",
                    "objective '{o}' has only {n_en}",
                    o=objective.title,
                    n=n,
                    n_en="1 key result" if n == 1 else f"{n} key results",
                ),
                bi(
                    "至少写{m}个：一个结果往往还需要一个推动它的过程。",
                    "Write at least {m}: one result usually needs a process that drives it.",
                    m=ctx.limits.min_key_results,
                ),
                objective.line,
            )


@rule("OKR105", "too-many-key-results", "structure", "warn", DOERR_COUNTS)
def too_many_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        n = len(objective.key_results)
        if n > ctx.limits.max_key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”有{n}个关键成果",
                    "objective '{o}' has {n} key results",
                    o=objective.title,
                    n=n,
                ),
                bi(
                    "最多保留{m}个，合并相近的，删掉常规事项。",
                    "Keep at most {m}: merge similar ones and drop routine items.",
                    m=ctx.limits.max_key_results,
                ),
                objective.line,
            )

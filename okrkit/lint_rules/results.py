"""Results and the processes that feed them (结果细分成过程)."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.i18n import t
from okrkit.lint_rules._base import (
    DECK_PROCESS,
    DECK_PROCESS_KR,
    Context,
    Hit,
    _num,
    bi,
    first,
    kr_location,
    readings,
    rule,
    shared,
)
from okrkit.model import Team

# -- 4xx results and processes


@rule("OKR401", "objective-without-result", "results", "warn", DECK_PROCESS)
def objective_without_result(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if objective.key_results and not any(kr.kind == "result" for kr in objective.key_results):
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”没有结果类KR",
                    "objective '{o}' has no result KR",
                    o=objective.title,
                ),
                bi(
                    "加一个结果KR，说明这些过程最终带来什么。",
                    "Add a result KR that says what these processes finally deliver.",
                ),
                objective.line,
            )


@rule("OKR402", "process-not-linked", "results", "warn", DECK_PROCESS)
def process_not_linked(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.kind == "process" and not kr.feeds:
            yield Hit(
                kr_location(objective, kr, "feeds"),
                bi(
                    "过程KR“{k}”没有说明推动哪个结果",
                    "process KR '{k}' does not say which result it feeds",
                    k=kr.text,
                ),
                bi(
                    "在feeds里写上它推动的结果KR编号。",
                    "Set feeds to the id of the result KR it drives.",
                ),
                kr.line,
            )


@rule("OKR403", "feeds-not-a-result", "results", "error", DECK_PROCESS)
def feeds_not_a_result(team: Team, ctx: Context) -> Iterator[Hit]:
    kinds = {kr.id: kr.kind for _, kr in team.key_results()}
    for objective, kr in team.key_results():
        if not kr.feeds:
            continue
        found = kinds.get(kr.feeds)
        if found == "result":
            continue
        if found is None:
            message = bi(
                "feeds指向不存在的KR：{f}",
                "feeds names no key result of this team: {f}",
                f=kr.feeds,
            )
        else:
            message = bi(
                "feeds指向的{f}不是结果KR", "feeds names {f}, which is not a result KR", f=kr.feeds
            )
        yield Hit(
            kr_location(objective, kr, "feeds"),
            message,
            bi("feeds应指向本表中的一个结果KR。", "feeds must name a result KR of this table."),
            kr.line,
        )


@rule("OKR404", "funnel-does-not-supply", "results", "error", DECK_PROCESS)
def funnel_does_not_supply(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or "funnel" not in ctx.case.sections:
        return
    if not any(kr.kind == "process" and kr.stage for _, kr in team.key_results()):
        return
    from okrkit.decompose import supply_checks  # only when the case has a funnel

    checks = shared(ctx.case, "supply", supply_checks)
    check = next((c for c in checks if c.team == team.id), None)
    if check is None or not check.rows or check.ok:
        return
    weakest = check.bottleneck
    objective = next(o for o, kr in team.key_results() if kr.id == weakest.kr.id)
    yield Hit(
        kr_location(objective, weakest.kr, "target"),
        bi(
            "这些过程目标只能产出销售目标的{r}（瓶颈：{k}，每{c}{d}，漏斗要求{n}）",
            "these activity targets produce {r} of the sales target (bottleneck: {k}, "
            "{d} a {c_en}; the funnel asks for {n})",
            r=f"{check.ratio:.0%}",
            k=weakest.kr.text,
            c=t(f"cadence.{weakest.cadence}", "zh"),
            c_en=t(f"cadence.{weakest.cadence}", "en"),
            d=_num(weakest.declared),
            n=weakest.required if weakest.required is not None else "?",
        ),
        bi(
            "把瓶颈环节的目标提高到漏斗算出的数量（okrkit decompose），或复核案例的假设。",
            "Raise the bottleneck's target to what the funnel asks for (okrkit decompose), or "
            "revisit the case's assumptions.",
        ),
        weakest.kr.line,
    )


def _result_it_may_feed(objective, kr) -> str:
    """The id of a result KR of the same objective that is not itself an activity."""
    for other in objective.key_results:
        if other is kr or other.kind != "result":
            continue
        if not first(readings(other.text), "activity"):
            return other.id
    return "KR…"


@rule("OKR405", "activity-as-result", "results", "warn", DECK_PROCESS_KR)
def activity_as_result(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.kind != "result":
            continue
        word = first(readings(kr.text), "activity")
        if not word:
            continue
        feeds = _result_it_may_feed(objective, kr)
        yield Hit(
            kr_location(objective, kr, "kind"),
            bi(
                "“{k}”数的是一项活动（{w}），却写成了结果KR",
                "'{k}' counts an activity ({w}) but is written as a result",
                k=kr.text,
                w=word,
            ),
            bi(
                "把它声明为过程KR（kind: process），并写明它推动哪个结果（feeds: {f}）；"
                "或者改为衡量它要带来的那个结果。",
                "Declare it a process KR (kind: process) and say which result it feeds "
                "(feeds: {f}), or measure the result it is for.",
                f=feeds,
            ),
            kr.line,
        )

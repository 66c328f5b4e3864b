"""Results and the processes that feed them (结果细分成过程)."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    DECK_PROCESS,
    Context,
    Hit,
    bi,
    kr_location,
    rule,
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

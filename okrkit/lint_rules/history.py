"""What last year's records say about a process KR (only when the case declares its history).

A process KR earns its weight only if doing more of it brought more results
(:mod:`okrkit.calibrate.drivers`). Asking the history takes seconds, so the
rule runs only for a case with ``calibration: {history: …}`` and reads the
answer from the history's on-disk cache (:mod:`okrkit.calibrate.declared`),
computed once per lint for every team (``shared``).
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import Context, Hit, bi, kr_location, rule, shared
from okrkit.model import Team

HISTORY_DRIVERS = bi(
    "依据：课件“核心过程成指标”——过程KR之所以有权重，是因为多做它会带来结果；"
    "去年的记录里，同一个人多做这个环节，之后的成交额并没有随之上升。",
    "Why: the deck — 'core processes become indicators': a process KR carries weight because "
    "doing more of it brings results; in last year's records, a rep's extra units of this stage "
    "were not followed by more revenue won.",
)


def _by_stage(case) -> dict:
    from okrkit.calibrate.declared import case_relations

    return {r["stage"]: r for r in case_relations(case)}


@rule("OKR406", "process-shows-no-relation", "results", "warn", HISTORY_DRIVERS)
def process_shows_no_relation(team: Team, ctx: Context) -> Iterator[Hit]:
    case = ctx.case
    if case is None or "calibration" not in case.sections or "funnel" not in case.sections:
        return
    if not any(kr.kind == "process" and kr.stage for _, kr in team.key_results()):
        return
    relations = shared(case, "history-drivers", _by_stage)
    for objective, kr in team.key_results():
        found = relations.get(kr.stage) if kr.kind == "process" else None
        if found is None or found["verdict"] != "none":
            continue
        yield Hit(
            kr_location(objective, kr, "stage"),
            bi(
                "过程KR“{k}”：去年的记录里，{s}与{m}个月后的成交额看不出关系"
                "（r = {r}，至多 {h}，n = {n}个“人·月”）",
                "process KR '{k}': in last year's records, {s} show no relation to the revenue "
                "won {m} months later (r = {r}, at most {h}, n = {n} rep-months)",
                k=kr.text,
                s=kr.stage,
                m=found["lag_months"],
                r=f"{found['r']:.2f}",
                h=f"{found['high']:.2f}",
                n=found["n"],
            ),
            bi(
                "先复核这个环节的记录口径（什么算“有效”），再考虑换成真正推动成交的动作，"
                "或降低它的权重（okrkit calibrate 查看详情）。",
                "Check first what the records count as this stage (what is 'effective'), then "
                "consider a process that does drive deals, or a lower weight (okrkit calibrate "
                "shows the details).",
            ),
            kr.line,
        )

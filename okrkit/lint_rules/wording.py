"""Is an objective worded as an objective: not a bare number, not business as usual."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrkit.lint_rules._base import (
    REWORK_BAU,
    REWORK_OBJECTIVE,
    Context,
    Hit,
    bi,
    rule,
)
from okrkit.model import Team

# -- 5xx wording

_NUMBER_MOVE = re.compile(r"\d|[一二三四五六七八九十百千]+\s*(?:万|亿|%|％)")
_BAU_ZH = ("保持", "维持", "继续", "照常", "延续", "稳定在", "不低于去年", "与去年持平")
_BAU_EN = re.compile(
    r"\b(maintain|sustain|continue|remain|business as usual|as usual|keep up|stay at|"
    r"keep \w+ (at|stable|steady|the same))\b",
    re.IGNORECASE,
)


@rule("OKR501", "objective-is-a-number", "wording", "warn", REWORK_OBJECTIVE)
def objective_is_a_number(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        title = objective.title
        if any(_NUMBER_MOVE.search(value or "") for value in (title.zh, title.en)):
            yield Hit(
                objective.id,
                bi("目标“{o}”只是一个数字", "objective '{o}' is a bare number", o=title),
                bi(
                    "用一句话说清要成就什么（例如“成为区域内OA集成的首选”），把数字移到关键成果里。",
                    "Say what you want to achieve in words (e.g. 'become the first choice for OA "
                    "integration in the region') and move the number into a key result.",
                ),
                objective.line,
            )


@rule("OKR502", "business-as-usual", "wording", "warn", REWORK_BAU)
def business_as_usual(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        zh = objective.title.zh or ""
        en = objective.title.en or ""
        word = next((w for w in _BAU_ZH if w in zh), None)
        match = _BAU_EN.search(en)
        if word or match:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”是维持现状（{w}）",
                    "objective '{o}' keeps things as they are ({w})",
                    o=objective.title,
                    w=word or match.group(0),
                ),
                bi(
                    "写出要改变什么：提升、突破、建立；常规工作留给岗位职责或KPI。",
                    "Say what should change — raise, break through, build; leave routine work to "
                    "the job description or the KPI.",
                ),
                objective.line,
            )

"""Is an objective worded as an objective: not a bare number, not business as usual,
not an output, not vague. The words are read by okrkit.textread in either
language (untagged English included) and in traditional characters too.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.lint_rules._base import (
    OPEN_OKR_OUTCOME,
    REWORK_BAU,
    REWORK_OBJECTIVE,
    REWORK_VAGUE,
    Context,
    Hit,
    bi,
    first,
    readings,
    rule,
)
from okrkit.model import Team

# -- 5xx wording


@rule("OKR501", "objective-is-a-number", "wording", "warn", REWORK_OBJECTIVE)
def objective_is_a_number(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        title = objective.title
        # a date or a quarter ("by end of Q3", "2018年") makes it timebound, not a number;
        # numeral characters inside words (进一步, 统一) are words
        if any(reading.numbers for reading in readings(title)):
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


def objectives_read_as(
    team: Team, family: str, message: tuple[str, str], fix: tuple[str, str]
) -> Iterator[Hit]:
    """A finding for each objective whose title reads as ``family`` (bau, output, vague).

    ``message`` is (zh, en) with ``{o}`` for the title and ``{w}`` for the word found.
    """
    for objective in team.objectives:
        word = first(readings(objective.title), family)
        if word:
            yield Hit(
                objective.id,
                bi(*message, o=objective.title, w=word),
                bi(*fix),
                objective.line,
            )


@rule("OKR502", "business-as-usual", "wording", "warn", REWORK_BAU)
def business_as_usual(team: Team, ctx: Context) -> Iterator[Hit]:
    yield from objectives_read_as(
        team,
        "bau",
        ("目标“{o}”是维持现状（{w}）", "objective '{o}' keeps things as they are ({w})"),
        (
            "写出要改变什么：提升、突破、建立；常规工作留给岗位职责或KPI。",
            "Say what should change — raise, break through, build; leave routine work to "
            "the job description or the KPI.",
        ),
    )


@rule("OKR503", "output-objective", "wording", "warn", OPEN_OKR_OUTCOME)
def output_objective(team: Team, ctx: Context) -> Iterator[Hit]:
    yield from objectives_read_as(
        team,
        "output",
        (
            "目标“{o}”是一项产出（{w}）：做完之后改变了什么？",
            "objective '{o}' names an output ({w}): what changes once it is done?",
        ),
        (
            "把它带来的改变写成目标（例如“让客户更愿意用手机找我们”），上线本身放进关键成果做里程碑或过程。",
            "Make the change it should bring the objective (e.g. 'make mobile the way our "
            "customers prefer to reach us'); the launch becomes a milestone or process KR.",
        ),
    )


@rule("OKR504", "vague-objective", "wording", "warn", REWORK_VAGUE)
def vague_objective(team: Team, ctx: Context) -> Iterator[Hit]:
    yield from objectives_read_as(
        team,
        "vague",
        (
            "目标“{o}”太笼统：提升哪一种{w}、对谁、到什么程度？",
            "objective '{o}' is vague: which {w}, for whom, and how far?",
        ),
        (
            "写出具体的对象和想要的状态（例如“让华东区客户首选我们的品牌”），再用关键成果衡量。",
            "Name the concrete thing and the state you want (e.g. 'be the brand East China "
            "customers choose first'), then measure it in the key results.",
        ),
    )

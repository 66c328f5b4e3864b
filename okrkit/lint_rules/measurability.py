"""Can each key result be graded: a number or a milestone, no blanks, a direction.

What the words already say counts (okrkit.textread): "从65%提升到75%" has a
direction, a baseline and a target even when the fields are blank, so the
coach does not ask for them — `okrkit lint --fix` offers to write them into the
file. The rules fire only when the text gives nothing to read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from okrkit.lint_rules._base import (
    DECK_BLANKS,
    OPEN_OKR_BASELINE,
    REWORK_MEASURABLE,
    Context,
    Hit,
    bi,
    kr_location,
    readings,
    rule,
)
from okrkit.model import Team, Text

# -- 3xx measurability

# A blank the deck left for the workshop: a unit with no number before it, as
# in "客户总量增长 %" or "新增渠道代理商 家". Percent and 万元 may follow a word
# directly; counters (家, 个 …) only after a space, because "个人" is a word.
_BLANK_ZH = re.compile(
    r"(?:(?:^|(?<=[^\d\s.]))\s*(?:%|万元)|(?:^|(?<=[^\d\s.]))\s+(?:家|个|次|天|人|名|起|项|元))"
    r"(?=$|[\s,，.。;；、)）(（])"
)
_BLANK_MARK = re.compile(
    r"_{2,}|\(待填\)|\(to fill\)|\?\?"  # after NFKC: （ is (
    # template placeholders: "X%", "X元", "$X", "{#}", "[number]", "[XX]"
    r"|(?<![A-Za-z])[Xx]{1,3}\s*(?:%|元|万|亿|倍|个|家|名|人)|\$[Xx]\b|\{#\}|\[(?:number|XX|N|#)\]"
)


def blank_in(text: Text) -> bool:
    """True when ``text`` shows a number left blank (``增长 %``, ``__ %``, ``（待填）``).

    >>> blank_in(Text("客户总量增长 %")), blank_in(Text("回款率达100 %"))
    (True, False)
    """
    return _blank_in_sides(text.zh, text.en)


@lru_cache(maxsize=200_000)
def _blank_in_sides(zh: str | None, en: str | None) -> bool:
    for value in (zh, en):
        if not value:
            continue
        value = unicodedata.normalize("NFKC", value)
        if _BLANK_MARK.search(value) or _BLANK_ZH.search(value):
            return True
    return False


def _has_digit(text: Text) -> bool:
    """A number, rank or date to grade by — Chinese numerals inside words ('进一步') do not count."""
    return any(reading.measurable for reading in readings(text))


def read_direction(text: Text) -> str | None:
    """The direction the KR's words give (first side that gives one)."""
    return next((r.target.direction for r in readings(text) if r.target.direction), None)


@rule("OKR301", "target-to-fill", "measurability", "error", DECK_BLANKS)
def target_to_fill(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if blank_in(objective.description):
            yield Hit(
                f"{objective.id}.description",
                bi(
                    "目标描述“{d}”有待填的数字",
                    "objective details '{d}' have a number to fill",
                    d=objective.description,
                ),
                bi("把空白处填上具体数字。", "Fill the blank with the number you commit to."),
                objective.line,
            )
        for kr in objective.key_results:
            if not kr.is_deduction and blank_in(kr.text):
                yield Hit(
                    kr_location(objective, kr, "target"),
                    bi("“{k}”有待填的数字", "'{k}' has a number to fill", k=kr.text),
                    bi(
                        "填上目标值（target），并写进KR文字。",
                        "Fill in the target and write it into the KR text.",
                    ),
                    kr.line,
                )


@rule("OKR302", "not-measurable", "measurability", "error", REWORK_MEASURABLE)
def not_measurable(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction or kr.target is not None or kr.direction == "milestone":
            continue
        if blank_in(kr.text) or _has_digit(kr.text):
            continue
        yield Hit(
            kr_location(objective, kr),
            bi(
                "“{k}”既没有数字，也不是里程碑",
                "'{k}' has no number and is not a milestone",
                k=kr.text,
            ),
            bi(
                "给出一个数字（多少、到什么时候），或写成可验收的里程碑（direction: milestone）。",
                "Give a number (how much, by when) or make it a milestone that is done or not.",
            ),
            kr.line,
        )


@rule("OKR303", "target-not-set", "measurability", "warn", REWORK_MEASURABLE)
def target_not_set(team: Team, ctx: Context) -> Iterator[Hit]:
    # imported here: offers reads blanks with this module's blank_in
    from okrkit.lint_rules.offers import words_target

    for objective, kr in team.key_results():
        if kr.is_deduction or kr.target is not None or kr.direction == "milestone":
            continue
        if blank_in(kr.text) or not _has_digit(kr.text):
            continue  # OKR301 or OKR302 says it better
        given = words_target(kr)  # the one answer `okrkit lint --fix` also gives
        if given is not None and given.fits and not given.by_unit:
            continue  # the words give the target: `okrkit lint --fix` offers it
        location = kr_location(objective, kr, "target")
        if given is not None and not given.fits:
            yield Hit(
                location,
                bi(
                    "“{k}”的目标值空着；文字里的{v}与KR的单位或方向不一致，不会自动填写",
                    "'{k}' has no target; the {v} its words give does not match the KR's unit "
                    "or direction, so it is not filled in",
                    k=kr.text,
                    v=f"{given.value:g}{given.unit or ''}",
                ),
                bi(
                    "在目标值（target）里填上要评分的那个数字，或改正单位（unit）或方向（direction）。",
                    "Fill in the target that will be graded, or correct the unit or direction.",
                ),
                kr.line,
            )
            continue
        if given is not None:
            yield Hit(
                location,
                bi(
                    "“{k}”的目标值空着；文字里有几个数字，按KR的单位（{u}）读作{v}",
                    "'{k}' has no target; of its several numbers, the one in the KR's unit "
                    "({u}) reads as {v}",
                    k=kr.text,
                    u=kr.unit,
                    v=f"{given.value:g}",
                ),
                bi(
                    "确认后运行 okrkit lint --fix 把{v}填进目标值（target）；不对就手工填写。",
                    "If that is the number to grade, okrkit lint --fix fills the target with "
                    "{v}; otherwise fill it in yourself.",
                    v=f"{given.value:g}",
                ),
                kr.line,
            )
            continue
        yield Hit(
            location,
            bi(
                "“{k}”文字里有几个数字，看不出哪个是目标值",
                "'{k}' has several numbers and none reads as the target",
                k=kr.text,
            ),
            bi(
                "在目标值（target）里填上要评分的那个数字，或把文字改成“从X到Y”。",
                "Fill in the target that will be graded, or word it 'from X to Y'.",
            ),
            kr.line,
        )


@rule("OKR304", "direction-unknown", "measurability", "warn", REWORK_MEASURABLE)
def direction_unknown(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.direction is None and read_direction(kr.text) is None:
            yield Hit(
                kr_location(objective, kr, "direction"),
                bi("“{k}”没有说明方向", "'{k}' does not say which way is good", k=kr.text),
                bi(
                    "选择方向：提高、降低、不超过、不少于或里程碑。",
                    "Choose a direction: increase, decrease, at most, at least or milestone.",
                ),
                kr.line,
            )


@rule("OKR305", "baseline-missing", "measurability", "warn", OPEN_OKR_BASELINE)
def baseline_missing(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction or kr.baseline is not None or blank_in(kr.text):
            continue  # a number still to fill (OKR301) comes before its baseline
        direction = kr.direction or read_direction(kr.text)
        if direction not in ("increase", "decrease"):
            continue
        if any(r.target.baseline is not None for r in readings(kr.text)):
            continue  # 'from 45 to 55': the baseline is in the words (--fix writes it)
        yield Hit(
            kr_location(objective, kr, "baseline"),
            bi(
                "“{k}”要{d}，但没有基线：从多少开始？",
                "'{k}' is to {d_en} but has no baseline: from where?",
                k=kr.text,
                d="提升" if direction == "increase" else "降低",
                d_en="increase" if direction == "increase" else "decrease",
            ),
            bi(
                "填上基线（baseline，如上年或上季度的实际值）；还不知道时，先把测出基线写成第一个KR。",
                "Fill in the baseline (last year's or last quarter's actual); if it is unknown, "
                "make measuring it the first key result.",
            ),
            kr.line,
        )

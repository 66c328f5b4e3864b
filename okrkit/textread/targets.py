"""Direction, baseline, target and cadence read from a key result's words.

"from 45 to 55" and "从65%提升到75%" give a baseline and a target; "不超过5%"
and "under 2 hours" an upper limit; "每周100个" a count per week; "增长20%"
and "down by 8%" a change of at least that much (okrkit's convention for a
relative change: ``direction: at_least`` with the change as the target, as the
worked case does). When the words allow two readings (two counts and no
"from … to"), the target stays unread: the coach then asks instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from okrkit.textread.lexicon import Lexicon, lexicon
from okrkit.textread.quantities import Quantity


@dataclass(frozen=True)
class TargetReading:
    """What the words say about how the KR is graded; None where they say nothing."""

    direction: str | None = None
    target: float | None = None
    baseline: float | None = None
    cadence: str | None = None
    unit: str | None = None
    relative: bool = False  # the target is a change ('by 20%'), not a level
    ambiguous: bool = False  # several numbers and no structure to choose one
    # the (value, unit) of every number that could be the target when the reading
    # is ambiguous: a caller who knows the KR's unit may pick the one of that unit
    alternatives: tuple[tuple[float, str], ...] = ()


_OPEN = "(（[【"
_CLOSE = ")）]】"


def _inside_brackets(text: str, position: int) -> bool:
    depth = 0
    for ch in text[:position]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth > 0


def _before(text: str, q: Quantity, width: int) -> str:
    return text[max(0, q.start - width) : q.start]


def _after(text: str, q: Quantity, width: int) -> str:
    return text[q.end : q.end + width]


_ZH_TO = None


def _zh_to() -> re.Pattern:
    global _ZH_TO
    if _ZH_TO is None:
        words = sorted(lexicon("zh").extra["to_words"], key=len, reverse=True)
        _ZH_TO = re.compile("(?:" + "|".join(map(re.escape, words)) + ")")
    return _ZH_TO


def _from_to(text: str, numbers: list[Quantity], lang: str) -> tuple[Quantity, Quantity] | None:
    """The first 'from X to Y' pair of adjacent numbers."""
    for first, second in pairwise(numbers):
        between = text[first.end : second.start]
        before = _before(text, first, 24)
        if lang == "zh":
            if len(between) <= 8 and _zh_to().search(between) and re.search("[从由]", before):
                return first, second
            if re.fullmatch(r"\s*(?:→|->|-->|—>|~|～|到|至)\s*[$€¥£]?\s*", between):
                return first, second
            if re.fullmatch(r"\s*(?:→|->|-->|—>|~|～)\s*", between):
                return first, second
        else:
            if re.fullmatch(r"\s*(?:[a-z%]+\s+){0,2}?(?:to|→|->)\s*[$€¥£]?\s*", between) and (
                re.search(r"\bfrom\b", before) or "to" not in between
            ):
                return first, second
            if re.fullmatch(r"\s*(?:to|→|->|-->)\s*", between):
                return first, second
    return None


def read_target(text: str, lang: str, quantities: tuple[Quantity, ...]) -> TargetReading:
    """Direction, baseline, target, cadence and unit from ``text`` (normalised)."""
    lex: Lexicon = lexicon(lang)
    cadence = _cadence(text, lex)
    numbers = [q for q in quantities if q.kind == "number"]
    if not numbers:
        return TargetReading(cadence=cadence)
    pair = _from_to(text, numbers, lang)
    if pair is not None:
        first, second = pair
        direction = "increase" if second.value > first.value else "decrease"
        if second.value == first.value:
            direction = None
        return TargetReading(
            direction, second.value, first.value, cadence, second.unit or first.unit or None
        )
    outside = [q for q in numbers if not _inside_brackets(text, q.start)]
    candidates = outside or numbers
    amounts = [q for q in numbers if q not in outside and not q.percent]
    if len(outside) == 1 and outside[0].percent and amounts:
        # '销售指标完成率100%（1200万元）': a completion rate and, in brackets, the
        # amount it completes. Which one is graded depends on the KR's unit, which
        # the words alone do not settle: the target stays unread. (A bracketed
        # count beside a count, '开拓3家客户（员工1000人以上）', is a condition: detail.)
        return TargetReading(
            _direction_near(text, outside[0], lex, lang)[0] or "at_least",
            cadence=cadence,
            ambiguous=True,
            alternatives=tuple((q.value, q.unit) for q in numbers),
        )
    if len(candidates) > 1:
        # 'by 30%' among 'top 5 pages … by 30%': the one number a direction word
        # governs is the target; otherwise ('代理商总量150家，新增渠道代理商30家')
        # only the owner knows which count is graded.
        directed = [(q, _direction_near(text, q, lex, lang)) for q in candidates]
        directed = [(q, d) for q, d in directed if d[0] is not None]
        if len(directed) == 1:
            q, (direction, relative) = directed[0]
            return TargetReading(direction, q.value, None, cadence, q.unit or None, relative)
        return TargetReading(
            _direction_near(text, candidates[0], lex, lang)[0],
            cadence=cadence,
            ambiguous=True,
            alternatives=tuple((q.value, q.unit) for q in candidates),
        )
    only = candidates[0]
    direction, relative = _direction_near(text, only, lex, lang)
    return TargetReading(
        direction or "at_least", only.value, None, cadence, only.unit or None, relative
    )


def _direction_near(text: str, q: Quantity, lex: Lexicon, lang: str) -> tuple[str | None, bool]:
    """The direction the words around ``q`` give, and whether ``q`` is a change."""
    before = _before(text, q, 14 if lang == "zh" else 40)
    after = _after(text, q, 8 if lang == "zh" else 20)
    near_before = before[-6:] if lang == "zh" else before[-24:]
    if re.search(
        r"(?:不少于|不低于|不小于|no less than|not less than|no fewer than)\s*$", near_before
    ):
        return "at_least", False  # before the at-most words: 不少于 holds 少于
    if lex.at_most.search(near_before) or re.match(
        r"\s*(?:以内|以下|之内|or less|or fewer)", after
    ):
        return "at_most", False
    if re.search(r"(?:≤|<=|<)\s*$", before):
        return "at_most", False
    if re.search(r"(?:≥|>=|>)\s*$", before) or re.match(r"\s*(?:以上|or more|\+)", after):
        return "at_least", False
    if lang == "zh":
        if re.search(
            r"(?:降至|降到|降低到|降低至|减少到|减少至|减至|缩短到|缩短至|下降到|下降至|压缩到|压缩至)\s*$",
            before,
        ):
            return "decrease", False
        if re.search(
            r"(?:提升到|提升至|提高到|提高至|增长到|增长至|增加到|增加至|增至|上升到|上升至)\s*$",
            before,
        ):
            return "increase", False
        if re.search(
            r"(?:增长|提升|提高|增加|上升|降低|减少|下降|缩短|压缩|节约|节省)了?\s*$", before
        ):
            return "at_least", True  # a change of at least this much
        if lex.at_least.search(near_before):
            return "at_least", False
        return None, False
    if re.search(r"\b(?:by|of)\s*$", before) and (
        lex.increase.search(before) or lex.decrease.search(before)
    ):
        return "at_least", True
    if re.search(r"\b(?:up|down)\s*(?:by\s*)?$", before):
        return "at_least", True
    if q.percent and re.match(
        r"\s*(?:increase|decrease|reduction|growth|improvement|"
        r"higher|lower|more|less|fewer|up|down)\b",
        after,
    ):
        return "at_least", True
    if re.search(r"\bto\s*$", before):
        if lex.decrease.search(before):
            return "decrease", False
        if lex.increase.search(before):
            return "increase", False
    if lex.at_least.search(near_before):
        return "at_least", False
    return None, False


def _cadence(text: str, lex: Lexicon) -> str | None:
    match = lex.cadence_pattern.search(text)
    return lex.cadences.get(match.group(0)) if match else None

"""Read, then offer: the direction, baseline, target and cadence a KR's words give.

The coach does not ask for what it can read ("从65%提升到75%" has its baseline,
target and direction); :func:`offers_for_team` lists what the words give for
the fields a team file leaves blank, and :func:`apply_offers` returns the team
with them filled (a new object; the input is unchanged). ``okrkit lint --fix``
previews the offers and writes them through :mod:`okrkit.casefile`.

An offer is made only where the field is blank and the words are unambiguous,
and never against a field the owner set: when the direction written in the
file disagrees with the direction the words give, nothing is offered for that
KR's target or baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from okrkit.lint_rules.measurability import blank_in
from okrkit.model import KeyResult, Objective, Team, Text
from okrkit.textread.reading import normalise, read_text

# The units a team file keeps as the KR's unit: percent and Chinese counters.
_ZH_COUNTERS_KEPT = {
    "家",
    "个",
    "次",
    "场",
    "篇",
    "名",
    "人",
    "位",
    "项",
    "件",
    "天",
    "小时",
    "万元",
    "元",
    "亿元",
    "台",
    "单",
    "笔",
    "起",
    "周",
    "月",
}


@dataclass(frozen=True)
class Offer:
    """One field the words give: which KR, which field, the value, and the words read."""

    team: str
    objective: str
    kr: str
    field: str  # direction | target | baseline | cadence | unit
    value: object
    words: str
    line: int | None = None

    def describe(self, lang: str = "zh") -> str:
        """'O1/KR1.2: target ← 55 (“from 45 to 55”)', for the preview."""
        value = self.value.get(lang) if isinstance(self.value, Text) else self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        quote = f"“{self.words}”" if lang == "zh" else f"'{self.words}'"
        read = "读自" if lang == "zh" else "read from"
        if lang == "en" and re.search(r"[\u3400-\u9fff]", self.words):
            read = "read from the Chinese text"  # what the file holds, so it can be found there
        space = "" if lang == "zh" else " "
        return f"{self.objective}/{self.kr}: {self.field} ← {value} ({read}{space}{quote})"


@dataclass(frozen=True)
class WordsTarget:
    """The target ``okrkit lint --fix`` writes into a KR's blank target field."""

    value: float
    words: str
    # the words hold several numbers and the file's unit picked this one
    # ('销售指标完成率100%（1200万元）' with unit 万元 → 1200)
    by_unit: bool = False
    unit: str | None = None
    # False when the number is of another unit or direction than the file gives the
    # KR ('完成率100%' with unit 万元): the words give it, but --fix does not offer it
    fits: bool = True


def _read_for_kr(kr: KeyResult):
    """The reading the offers come from and its target squared with the file's unit, or None."""
    if kr.is_deduction or kr.direction == "milestone" or blank_in(kr.text):
        return None  # a blank ('新增渠道代理商 家') is the workshop's number to fill, not ours
    reading = next((r for r in read_text(kr.text) if _says_something(r.target)), None)
    if reading is None:
        return None
    return reading, _of_the_kr_unit(reading, kr)


def _agrees(kr: KeyResult, target) -> bool:
    """Nothing is offered against a direction the owner set."""
    return kr.direction is None or target.direction in (None, kr.direction)


def words_target(kr: KeyResult) -> WordsTarget | None:
    """The target the KR's words give (None when they give none); ``--fix`` offers it if it fits.

    The coach's OKR303 asks with this same answer, so the warning and the fix
    cannot disagree about whether the words give the target.

    >>> kr = KeyResult("KR1", Text(zh="销售指标完成率100%（1200万元）"), unit=Text(zh="万元"))
    >>> words_target(kr).value, words_target(kr).by_unit
    (1200.0, True)
    """
    read = _read_for_kr(kr)
    if read is None:
        return None
    reading, target = read
    if target.target is not None:
        by_unit = reading.target.ambiguous
        return WordsTarget(
            target.target, reading.source, by_unit, target.unit, fits=_agrees(kr, target)
        )
    if reading.target.target is not None:  # a number of another unit than the file's
        raw = reading.target
        return WordsTarget(raw.target, reading.source, unit=raw.unit, fits=False)
    return None


def offers_for_kr(team_id: str, objective: Objective, kr: KeyResult) -> list[Offer]:
    """What the words of ``kr`` give for its blank fields."""
    read = _read_for_kr(kr)
    if read is None:
        return []
    reading, target = read
    fields: list[tuple[str, object]] = []
    agrees = _agrees(kr, target)
    if kr.direction is None and target.direction is not None and not target.ambiguous:
        fields.append(("direction", target.direction))
    given = words_target(kr)
    if kr.target is None and given is not None and given.fits:
        fields.append(("target", given.value))
    if agrees and kr.baseline is None and target.baseline is not None:
        fields.append(("baseline", target.baseline))
    if kr.cadence is None and target.cadence is not None:
        fields.append(("cadence", target.cadence))
    if agrees and not kr.unit and target.target is not None and target.unit:
        unit = _unit_text(target.unit, reading.lang)
        if unit is not None:
            fields.append(("unit", unit))
    return [
        Offer(team_id, objective.id, kr.id, name, value, reading.source, kr.line)
        for name, value in fields
    ]


def _of_the_kr_unit(reading, kr: KeyResult):
    """The target reading, squared with the unit the file gives the KR.

    '销售指标完成率100%（1200万元）' reads as ambiguous (a rate and an amount);
    with ``unit: 万元`` in the file the amount is the one number of that unit, so
    it is offered. A reading whose number is of another kind than the file's unit
    (100% against 万元) offers no target: the words do not give it.
    """
    target = reading.target
    unit = _file_unit(kr, reading.lang)
    if unit is None:
        return target
    if target.ambiguous:
        matching = [value for value, u in target.alternatives if _same_unit(u, unit)]
        if len(matching) == 1:
            return replace(target, target=matching[0], unit=unit, ambiguous=False)
        return target
    if target.target is not None and target.unit and not _same_unit(target.unit, unit):
        return replace(target, target=None, baseline=None, unit=None)
    return target


def _file_unit(kr: KeyResult, lang: str | None) -> str | None:
    """The KR's unit in the language of the words read, normalised as the reader does."""
    if not kr.unit:
        return None
    side = kr.unit.zh if lang == "zh" else kr.unit.en
    return normalise(side)[0].strip() if side and side.strip() else None


def _same_unit(read_unit: str, file_unit: str) -> bool:
    percent = ("%", "个百分点", "百分点", "points", "pp", "percent")
    if read_unit in percent or file_unit in percent:
        return read_unit in percent and file_unit in percent
    return read_unit == file_unit


def _says_something(target) -> bool:
    return any(v is not None for v in (target.direction, target.target, target.cadence))


def _unit_text(unit: str, lang: str | None):
    if unit == "%":
        return Text(zh="%")
    if unit in _ZH_COUNTERS_KEPT and lang == "zh":
        return Text(zh=unit)
    return None


def offers_for_team(team: Team) -> list[Offer]:
    """Every offer for one team, in table order."""
    return [
        offer
        for objective, kr in team.key_results()
        for offer in offers_for_kr(team.id, objective, kr)
    ]


def apply_offers(team: Team, offers: list[Offer]) -> Team:
    """``team`` with the offered fields filled (only blanks: a set field is never replaced)."""
    by_kr: dict[str, dict[str, object]] = {}
    for offer in offers:
        if offer.team == team.id:
            by_kr.setdefault(offer.kr, {})[offer.field] = offer.value
    objectives = []
    for objective in team.objectives:
        krs = []
        for kr in objective.key_results:
            fields = {k: v for k, v in by_kr.get(kr.id, {}).items() if not getattr(kr, k)}
            krs.append(replace(kr, **fields) if fields else kr)
        objectives.append(replace(objective, key_results=tuple(krs)))
    return replace(team, objectives=tuple(objectives))

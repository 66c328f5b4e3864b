"""The reverse funnel: from a revenue target to the activity that produces it.

The case file's ``funnel:`` block lists stages from the target down to the
first activity (for A公司: sales → deals → opportunities → new-customer visits →
effective calls). Each stage below the target has a ``rate``: how many units of
the stage above one unit of this stage yields (万元 per deal, deals per
opportunity, …), and optionally an ``other_share``: the part of the stage
above that comes from elsewhere (half of A公司's opportunities come from
revisiting old customers, not from new visits). Nothing here knows the deck:
the stages and rates are data.

Arithmetic is exact (:class:`fractions.Fraction` from the decimal the user
wrote), so ``240 ÷ 5%`` is 4800, not 4800.000000001.

**Rounding rule.** Each stage's requirement is computed from the *exact*
requirement of the stage above, per person and per the stage's cadence, and
only then rounded **up** to a whole unit a person can act on. Rounding up never
under-supplies the target; computing from exact (not rounded) figures never
asks for more than the smallest whole number that suffices.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.model import CADENCES, Text
from okrkit.numbers import parse_target
from okrkit.readers import check_mapping, parse_or_report, read_text, read_weight, shown
from okrkit.yamlio import Where

FUNNEL_KEYS = {"calendar", "stages", "result"}
STAGE_KEYS = {
    "id",
    "name",
    "unit",
    "cadence",
    "rate",
    "rate_name",
    "other_share",
    "other_share_name",
    "text",
    "evidence",
    "weight",
}
RESULT_KEYS = {"text", "weight"}
# Calendar facts, not working-time assumptions; weeks and months are the case's to state.
CALENDAR_DEFAULTS = {"quarter": 4, "year": 1}


class FunnelError(OkrkitError, ValueError):
    """Input the funnel cannot compute with (a rate of 0, a negative target, …).

    ``str()`` is English; :meth:`message` gives the text in ``lang``. ``name``
    (a Text) is the assumption's name, worded in the message's language.
    """

    def __init__(self, key: str, name: Text | None = None, **values):
        self.key = key
        self.name = name or Text()
        self.values = values
        super().__init__(self.message("en"), zh=self.message("zh"))
        # A traceback (a notebook cell that fails) shows str() and the notes: the
        # Chinese goes in a note so a Chinese reader sees it without render().
        self.add_note(self.zh)

    def message(self, lang: str = "zh") -> str:
        from okrkit.i18n import t

        # str.format ignores the names a label does not use, so ``name`` can always go in.
        return t(self.key, lang, name=self.name.get(lang), **self.values)


def exact(value: float | int | Fraction) -> Fraction:
    """The number the user wrote, as an exact fraction (0.05 is 1/20)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(repr(float(value))) if isinstance(value, float) else Fraction(value)


@dataclass(frozen=True)
class Stage:
    """One funnel stage; ``rate`` is None only for the target stage at the top."""

    id: str
    name: Text
    unit: Text = field(default_factory=Text)
    cadence: str | None = None
    rate: float | None = None
    rate_name: Text = field(default_factory=Text)
    rate_is_share: bool = False  # written with % (a win rate): never above 100%
    other_share: float = 0.0
    other_share_name: Text = field(default_factory=Text)
    text: Text = field(default_factory=Text)  # KR template with {n}
    evidence: Text = field(default_factory=Text)
    weight: float | None = None  # suggested KR weight, percent points

    def rate_text(self) -> str:
        """The rate as the case file writes it: 25% for a share, 20 or 0.5 otherwise."""
        if self.rate is None:
            return ""
        return f"{self.rate:.1%}".replace(".0%", "%") if self.rate_is_share else f"{self.rate:g}"


@dataclass(frozen=True)
class Assumption:
    """One number the funnel assumes, addressable as ``"<stage>.rate"`` or ``"<stage>.other_share"``."""

    key: str
    name: Text
    value: float
    upper: float | None  # 1.0 for shares and % rates


@dataclass(frozen=True)
class Funnel:
    """Stages from the target down, working periods per year, the result KR template."""

    stages: tuple[Stage, ...]
    calendar: Mapping[str, float]
    result_text: Text = field(default_factory=Text)
    result_weight: float | None = None

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (FunnelError naming the known ones)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise FunnelError(
            "funnel.unknown_stage", stage=stage_id, known=", ".join(s.id for s in self.stages)
        )

    def assumptions(self) -> list[Assumption]:
        """Every rate and share, top stage first."""
        found = []
        for stage in self.stages[1:]:
            found.append(
                Assumption(
                    f"{stage.id}.rate",
                    stage.rate_name or stage.name,
                    stage.rate,
                    1.0 if stage.rate_is_share else None,
                )
            )
            if stage.other_share:
                found.append(
                    Assumption(
                        f"{stage.id}.other_share", stage.other_share_name, stage.other_share, 1.0
                    )
                )
        return found

    def with_assumption(self, key: str, value: float) -> Funnel:
        """A new funnel with one assumption changed: ``with_assumption("deals.rate", 25)``."""
        stage_id, _, attribute = key.partition(".")
        if attribute not in ("rate", "other_share"):
            raise FunnelError("funnel.unknown_assumption", key=key)
        stage = self.stage(stage_id)
        stages = tuple(
            replace(s, **{attribute: value}) if s.id == stage.id else s for s in self.stages
        )
        return replace(self, stages=stages)

    def periods(self, cadence: str) -> float:
        """Working periods of ``cadence`` in a year (48 weeks, 12 months …)."""
        if cadence in self.calendar:
            return self.calendar[cadence]
        raise FunnelError("funnel.no_calendar", cadence=cadence)


@dataclass(frozen=True)
class StageNeed:
    """What one stage requires: per year for the team, per person per cadence, rounded up."""

    stage: Stage
    per_year: Fraction  # the whole team, exact
    per_period: Fraction | None  # per person per cadence, exact
    target: int | None  # per person per cadence, rounded up


@dataclass(frozen=True)
class FunnelPlan:
    """The reverse funnel's answer for one revenue target and head count."""

    funnel: Funnel
    target: float
    headcount: int
    needs: tuple[StageNeed, ...]

    def need(self, stage_id: str) -> StageNeed:
        """The requirement of one stage."""
        for need in self.needs:
            if need.stage.id == stage_id:
                return need
        raise FunnelError(
            "funnel.unknown_stage",
            stage=stage_id,
            known=", ".join(n.stage.id for n in self.needs),
        )


def check_inputs(funnel: Funnel, target: float, headcount: int = 1) -> None:
    """Raise FunnelError for input no funnel can compute with; say what is expected."""
    if target is None or not math.isfinite(target) or target < 0:
        raise FunnelError("funnel.bad_target", found=f"{target:g}" if target is not None else "—")
    if headcount is None or headcount < 1 or int(headcount) != headcount:
        raise FunnelError("funnel.bad_headcount", found=f"{headcount}")
    for stage in funnel.stages[1:]:
        name = stage.rate_name or stage.name
        if stage.rate is None or not math.isfinite(stage.rate) or stage.rate <= 0:
            raise FunnelError("funnel.bad_rate", name, stage=stage.id, found=f"{stage.rate:g}")
        if stage.rate_is_share and stage.rate > 1:
            raise FunnelError(
                "funnel.rate_over_100", name, stage=stage.id, found=f"{stage.rate:.0%}"
            )
        if not 0 <= stage.other_share < 1:
            raise FunnelError(
                "funnel.bad_share",
                stage.other_share_name or stage.name,
                stage=stage.id,
                found=f"{stage.other_share:.0%}",
            )
        if stage.cadence is not None:
            funnel.periods(stage.cadence)


def required_activity(funnel: Funnel, target: float, headcount: int = 1) -> FunnelPlan:
    """Walk the funnel from ``target`` down: what each stage must deliver.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of
    >>> plan = required_activity(funnel_of(load_case("cases/a-company")), 1200)
    >>> [(n.stage.id, n.target) for n in plan.needs[2:]]
    [('opportunities', 20), ('visits', 20), ('calls', 100)]

    Notice: each target is per person per the stage's cadence, rounded up.
    """
    check_inputs(funnel, target, headcount)
    people = Fraction(int(headcount))
    needs = []
    per_year = exact(target)
    for index, stage in enumerate(funnel.stages):
        if index:
            per_year = per_year * (1 - exact(stage.other_share)) / exact(stage.rate)
        per_period = target_units = None
        if stage.cadence is not None:
            per_period = per_year / people / exact(funnel.periods(stage.cadence))
            target_units = math.ceil(per_period)
        needs.append(StageNeed(stage, per_year, per_period, target_units))
    return FunnelPlan(funnel, float(target), int(headcount), tuple(needs))


def revenue_from(
    funnel: Funnel, stage_id: str, per_period: float, headcount: int = 1, cadence: str | None = None
) -> Fraction:
    """Forward: the revenue that ``per_period`` units of one stage per person produce.

    >>> from okrkit import load_case
    >>> revenue_from(funnel_of(load_case("cases/a-company")), "calls", 100)
    Fraction(1200, 1)

    Notice: this assumes every stage in between converts at its stated rate.
    ``cadence`` is the period ``per_period`` counts (default: the stage's own).
    """
    stages = list(funnel.stages)
    index = next((i for i, s in enumerate(stages) if s.id == stage_id), None)
    if index is None or index == 0:
        raise FunnelError(
            "funnel.unknown_stage", stage=stage_id, known=", ".join(s.id for s in stages[1:])
        )
    stage = stages[index]
    cadence = cadence or stage.cadence or "year"
    units = exact(per_period) * int(headcount) * exact(funnel.periods(cadence))
    for below in reversed(stages[1 : index + 1]):
        units = units * exact(below.rate) / (1 - exact(below.other_share))
    return units


# -- reading the case file's block


def _fraction_or_share(where: Where, log: ProblemLog, *, share: bool) -> tuple[float | None, bool]:
    node = where.node
    parsed = parse_or_report(where, log)
    if parsed is None:
        return None, False
    number, had_percent = parsed
    value = number / 100 if had_percent else number
    if share:
        if not 0 <= value < 1:
            where.problem(
                log,
                "not a share",
                found=shown(node),
                expected="a share from 0% up to (not including) 100%, such as 50% or 0.5",
                zh="不是有效的比例",
                expected_zh="0%到100%之间（不含100%）的比例，如50%或0.5",
            )
            return None, True
        return value, True
    if value <= 0:
        where.problem(
            log,
            "a rate must be more than 0" if value == 0 else "a rate cannot be negative",
            found=shown(node),
            expected="a positive number such as 20, 0.5 or 25% (0 would need infinite activity)",
            zh="比率必须大于0" if value == 0 else "比率不能为负数",
            expected_zh="正数，如20、0.5或25%（为0就需要无穷多的活动量）",
        )
        return None, had_percent
    if had_percent and value > 1:
        where.problem(
            log,
            "a percent rate above 100%",
            found=shown(node),
            expected="a rate up to 100%",
            zh="百分比写的比率超过了100%",
            expected_zh="不超过100%的比率",
        )
        return None, True
    return value, had_percent


def _cadence_zh(cadence: str) -> str:
    from okrkit.i18n import t

    return t(f"cadence.{cadence}", "zh")


# What each block of `funnel:` must be, in Chinese (for check_mapping).
_WHAT_ZH = {
    "a funnel mapping": "漏斗的映射",
    "a calendar mapping": "calendar的映射",
    "a stage mapping": "阶段的映射",
    "a mapping": "映射",
}


def parse_funnel(raw, where: Where, log: ProblemLog) -> Funnel | None:
    """Read a ``funnel:`` block; record located problems in ``log``; None if unusable."""
    if not check_mapping(where, log, FUNNEL_KEYS, "a funnel mapping", _WHAT_ZH["a funnel mapping"]):
        return None
    calendar = dict(CALENDAR_DEFAULTS)
    cal_where = where.at("calendar")
    if cal_where.node is not None and check_mapping(
        cal_where, log, set(CADENCES), "a calendar mapping", _WHAT_ZH["a calendar mapping"]
    ):
        for cadence in cal_where.node:
            if cadence not in CADENCES:
                continue
            try:
                periods, percent = parse_target(cal_where.node[cadence])
            except ValueError as exc:
                cal_where.at(cadence).problem(
                    log,
                    "not a number",
                    found=shown(cal_where.node[cadence]),
                    expected=str(exc),
                    zh="不是数字",
                    expected_zh=getattr(exc, "zh", None),
                )
                continue
            if percent or periods <= 0:
                cal_where.at(cadence).problem(
                    log,
                    "not a count of working periods",
                    found=shown(cal_where.node[cadence]),
                    expected=f"working {cadence}s per year, more than 0 (such as 48 weeks)",
                    zh="不是有效的工作周期数",
                    expected_zh=f"每年工作的{_cadence_zh(cadence)}数，大于0（如48周）",
                )
                continue
            calendar[cadence] = periods
    stages_where = where.at("stages")
    nodes = stages_where.node
    if not isinstance(nodes, list) or len(nodes) < 2:
        stages_where.problem(
            log,
            "a funnel needs a list of at least two stages",
            found=shown(nodes)
            if not isinstance(nodes, list)
            else "1 stage"
            if len(nodes) == 1
            else f"{len(nodes)} stages",
            expected="the target stage first, then each stage feeding it (lines starting with -)",
            zh="漏斗需要一个至少含两个阶段的列表",
            expected_zh="先写目标阶段，再依次写为它供数的各个阶段（以 - 开头的行）",
        )
        return None
    stages, seen, broken = [], set(), False
    for index in range(len(nodes)):
        stage = _stage(stages_where.at(index), log, top=index == 0, calendar=calendar)
        if stage is None:
            broken = True
            continue
        if stage.id in seen:
            stages_where.at(index).at("id").problem(
                log,
                f"duplicate stage id {stage.id!r}",
                expected="stage ids unique in the funnel",
                zh=f"阶段id {stage.id!r} 重复",
                expected_zh="漏斗中每个阶段的id互不相同",
            )
            broken = True
        seen.add(stage.id)
        stages.append(stage)
    result_where = where.at("result")
    result_text, result_weight = Text(), None
    if result_where.node is not None and check_mapping(
        result_where, log, RESULT_KEYS, "a mapping", _WHAT_ZH["a mapping"]
    ):
        result_text = read_text(result_where.at("text"), log)
        result_weight = read_weight(result_where.at("weight"), log)
    if broken:
        return None
    return Funnel(tuple(stages), calendar, result_text, result_weight)


def _stage(where: Where, log: ProblemLog, *, top: bool, calendar: dict) -> Stage | None:
    if not check_mapping(where, log, STAGE_KEYS, "a stage mapping", _WHAT_ZH["a stage mapping"]):
        return None
    node = where.node
    ok = True
    stage_id = node.get("id")
    if not isinstance(stage_id, str) or not stage_id:
        written = stage_id is not None and stage_id != ""
        where.at("id").problem(
            log,
            "not a stage id" if written else "missing",
            found=shown(stage_id) if written else None,
            expected="a stage id",
            zh="不是阶段id" if written else "缺少此项",
            expected_zh="阶段的id",
        )
        ok = False
    cadence = node.get("cadence")
    if cadence is not None and cadence not in CADENCES:
        where.at("cadence").problem(
            log,
            "unknown value",
            found=shown(cadence),
            expected="one of " + ", ".join(CADENCES),
            zh="未知的取值",
            expected_zh="以下之一：" + ", ".join(CADENCES),
        )
        ok = False
    elif cadence is not None and cadence not in calendar:
        where.at("cadence").problem(
            log,
            f"the calendar has no working {cadence}s",
            found=shown(cadence),
            expected=f"calendar.{cadence}: working {cadence}s per year",
            zh=f"calendar没有给出每年工作的{_cadence_zh(cadence)}数",
            expected_zh=f"calendar.{cadence}：每年工作的{_cadence_zh(cadence)}数",
        )
        ok = False
    rate, rate_is_share, other = None, False, 0.0
    if top:
        for key in ("rate", "other_share"):
            if key in node:
                where.at(key).problem(
                    log,
                    f"the target stage has no {key}",
                    expected=f"{key} on the stages below the target",
                    zh=f"目标阶段不能有{key}",
                    expected_zh=f"{key}写在目标以下的阶段上",
                )
                ok = False
    else:
        if node.get("rate") is None:
            where.at("rate").problem(
                log,
                "missing",
                expected="how many units of the stage above one unit of this stage yields",
                zh="缺少此项",
                expected_zh="本阶段每1个单位能带来多少个上一阶段的单位",
            )
            ok = False
        else:
            rate, rate_is_share = _fraction_or_share(where.at("rate"), log, share=False)
            ok = ok and rate is not None
        if node.get("other_share") is not None:
            other, _ = _fraction_or_share(where.at("other_share"), log, share=True)
            ok = ok and other is not None
    name = read_text(where.at("name"), log)
    stage = Stage(
        id=str(stage_id),
        name=name or Text(str(stage_id), str(stage_id)),
        unit=read_text(where.at("unit"), log),
        cadence=cadence,
        rate=rate,
        rate_name=read_text(where.at("rate_name"), log),
        rate_is_share=rate_is_share,
        other_share=other or 0.0,
        other_share_name=read_text(where.at("other_share_name"), log),
        text=read_text(where.at("text"), log),
        evidence=read_text(where.at("evidence"), log),
        weight=read_weight(where.at("weight"), log),
    )
    return stage if ok else None


def check_funnel(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS entry for ``funnel:``: record every located problem."""
    parse_funnel(raw, where, log)


def funnel_of(case) -> Funnel:
    """The case's funnel, parsed (OkrkitError when the case has none)."""
    raw = case.sections.get("funnel")
    if raw is None:
        raise FunnelError("funnel.none", case=case.id)
    log = ProblemLog()
    path = case.path / "case.yaml" if case.path else "case.yaml"
    funnel = parse_funnel(raw, Where(path, "funnel", raw), log)
    log.raise_if_any()
    return funnel

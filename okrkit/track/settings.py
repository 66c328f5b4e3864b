"""The case's ``tracking:`` block: how check-ins become a status, as data.

Every key is optional; the defaults are the ones below::

    tracking:
      at_risk: 16.5%          # a gap to the expected value from here is "at risk"
      off_track: 33%          # ... and from here "off track"
      stale_days: 14          # days without a due check-in before a KR is "stale"
      recent_periods: {week: 4, month: 2}   # periods a per-period KR is judged on
      fit_points: 6           # recent check-ins the linear-fit forecast uses
      needed_per: week        # the "rate needed from now on" is per week or per month
      pace: linear            # or {monthly: [12 shares]} or {last_cycle: 2014}
      krs:                    # per KR, by team id then KR id
        rep-li:
          KR3.1: {mode: level}                  # cumulative | per_period | level
          KR1.4: {pace: {monthly: [6, 4, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10]}}

Value modes: ``cumulative`` (the value is the standing so far: sales to
date), ``per_period`` (the value is one period's count: calls this week) and
``level`` (a rate, read as it stands: reports 100% complete, key talent
retention 90%, 回款率 85% → 95%). A KR with a cadence defaults to
``per_period``; a rate (:func:`is_rate`) to ``level``; any other KR to
``cumulative``. A rate is a level, never a sum: its run-rate forecast is
where it stands, and a per-period rate's year is the mean of its periods,
not their total over the working weeks.

The raw block stays on the case (``case.sections["tracking"]``);
:func:`check_tracking` is the load-time hook and :func:`tracking_settings`
reads it for use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from okrkit.errors import Problem, ProblemLog
from okrkit.model import CADENCES, Case, KeyResult
from okrkit.numbers import parse_number, parse_percent
from okrkit.readers import one_of, parse_or_report, shown
from okrkit.yamlio import Where

MODES = ("cumulative", "per_period", "level")
PACE_KINDS = ("linear", "monthly", "last_cycle")
NEEDED_PER = ("week", "month")
KEYS = {"at_risk", "off_track", "stale_days", "recent_periods", "fit_points", "needed_per",
        "pace", "krs"}  # fmt: skip
KR_KEYS = {"mode", "pace", "stale_days"}
DEFAULT_RECENT = {"day": 10, "week": 4, "month": 2, "quarter": 1, "year": 1}


# What names a rate in a KR's text: 回款率, 保有率, 误差率, 准确率; win rate, retention.
RATE_WORDS_ZH = ("率",)
RATE_WORDS_EN = ("rate", "ratio", "retention", "accura", "margin")
# ... except the share of the year's own target done so far (销售指标完成率100%):
# sales to date over the year's target, which accumulates like the sales themselves.
TARGET_SHARE_ZH = ("指标完成率", "目标完成率", "任务完成率", "销售完成率", "业绩完成率")
TARGET_SHARE_EN = ("target 100% reached", "target reached", "of target")


def is_rate(kr: KeyResult) -> bool:
    """Whether the KR measures a rate (a level that is never summed).

    A percent KR whose text names a rate (率; rate, ratio, retention, accuracy,
    margin) unless it is the year's own target completed so far; a percent KR
    with a cadence is a rate per period whatever its words (100% each week).

    >>> from okrkit.model import KeyResult, Text
    >>> is_rate(KeyResult("KR1.3", Text("回款率提升10%（由85%到95%）"), unit=Text("%", "%")))
    True
    >>> is_rate(KeyResult("KR1.3", Text("销售指标完成率100%"), unit=Text("%", "%")))
    False
    """
    units = {kr.unit.zh, kr.unit.en} - {None}
    if not units or not units <= {"%", "％", "percent"}:
        return False
    if kr.cadence:
        return True
    zh, en = (kr.text.zh or ""), (kr.text.en or "").lower()
    if zh:
        return any(w in zh for w in RATE_WORDS_ZH) and not any(w in zh for w in TARGET_SHARE_ZH)
    return any(w in en for w in RATE_WORDS_EN) and not any(w in en for w in TARGET_SHARE_EN)


@dataclass(frozen=True)
class Pace:
    """How the expected value moves through the cycle.

    ``linear``: evenly by day; ``monthly``: 12 monthly shares (summing to 1),
    evenly by day inside a month; ``last_cycle``: the monthly shares of the
    same KR's check-ins in cycle ``cycle`` (linear when that cycle has none).
    """

    kind: str = "linear"
    shares: tuple[float, ...] = ()
    cycle: int | None = None


@dataclass(frozen=True)
class KrTracking:
    """A KR's own choices; None means the case's default."""

    mode: str | None = None
    pace: Pace | None = None
    stale_days: int | None = None


@dataclass(frozen=True)
class TrackingSettings:
    """The rules a status is computed by (see the module docstring)."""

    at_risk: float = 0.165
    off_track: float = 0.33
    stale_days: int = 14
    recent_periods: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_RECENT))
    fit_points: int = 6
    needed_per: str = "week"
    pace: Pace = field(default_factory=Pace)
    krs: Mapping[tuple[str, str], KrTracking] = field(default_factory=dict)

    def for_kr(self, team_id: str, kr_id: str) -> KrTracking:
        """The KR's own settings (all None when the case sets none)."""
        return self.krs.get((team_id, kr_id), KrTracking())

    def mode_of(self, team_id: str, kr: KeyResult) -> str:
        """The KR's value mode: declared, else per_period with a cadence, else cumulative."""
        declared = self.for_kr(team_id, kr.id).mode
        if declared:
            return declared
        if kr.cadence and not kr.is_deduction:
            return "per_period"
        return "level" if is_rate(kr) else "cumulative"

    def pace_of(self, team_id: str, kr_id: str) -> Pace:
        """The KR's pace profile: its own, else the case's."""
        return self.for_kr(team_id, kr_id).pace or self.pace

    def stale_days_of(self, team_id: str, kr_id: str) -> int:
        """Days of silence the KR is allowed before it is stale."""
        own = self.for_kr(team_id, kr_id).stale_days
        return self.stale_days if own is None else own


def _fraction(where: Where, log: ProblemLog, default: float) -> float:
    """A threshold: a percent of the expected progress, above 0% and at most 100%."""
    if where.node is None:
        return default
    try:
        value = parse_percent(where.node) / 100
    except ValueError as exc:
        where.problem(log, "not a percent", found=shown(where.node), expected=str(exc),
                      zh="不是百分比", expected_zh=getattr(exc, "zh", None))  # fmt: skip
        return default
    if not 0 < value <= 1:
        where.problem(log, "threshold out of range", found=shown(where.node),
                      expected="a gap above 0% and at most 100% of the expected progress",
                      zh="阈值超出范围",
                      expected_zh="大于0%且不超过100%（占应有进度的比例）")  # fmt: skip
        return default
    return value


def _whole(where: Where, log: ProblemLog, default: int, low: int, high: int) -> int:
    if where.node is None:
        return default
    value = parse_or_report(where, log, parse_number)
    if value is None:
        return default
    if value != int(value) or not low <= value <= high:
        where.problem(log, "out of range", found=shown(where.node),
                      expected=f"a whole number from {low} to {high}",
                      zh="超出范围", expected_zh=f"{low} 到 {high} 的整数")  # fmt: skip
        return default
    return int(value)


def _choice(where: Where, log: ProblemLog, options: tuple[str, ...], default):
    if where.node is None:
        return default
    if where.node not in options:
        where.problem(log, "unknown value", found=shown(where.node), zh="未知的取值",
                      **one_of(options))  # fmt: skip
        return default
    return str(where.node)


def _mapping(where: Where, log: ProblemLog, keys: set[str] | None) -> bool:
    if not isinstance(where.node, Mapping):
        expected = ", ".join(sorted(keys)) if keys else "key: value lines"
        where.problem(log, "not a mapping", found=shown(where.node), expected=expected,
                      zh="应为映射（键: 值）", expected_zh="、".join(sorted(keys)) if keys else
                      "“键: 值”形式的行")  # fmt: skip
        return False
    if keys is not None:
        for key in where.node:
            if key not in keys:
                named = shown(key)  # a key YAML read as a date or number is named as written
                where.at(key).problem(log, f"unknown field {named}", zh=f"未知字段 {named}",
                                      **one_of(sorted(keys)))  # fmt: skip
    return True


def _pace(where: Where, log: ProblemLog) -> Pace | None:
    node = where.node
    if node is None:
        return None
    if node == "linear":
        return Pace("linear")
    expected = "linear, {monthly: [12 shares]} or {last_cycle: 2014}"
    expected_zh = "linear、{monthly: [12个月的份额]} 或 {last_cycle: 2014}"
    if not isinstance(node, Mapping) or len(node) != 1 or next(iter(node)) not in PACE_KINDS[1:]:
        where.problem(log, "not a pace profile", found=shown(node), expected=expected,
                      zh="不是有效的进度曲线", expected_zh=expected_zh)  # fmt: skip
        return None
    if "last_cycle" in node:
        cycle = _whole(where.at("last_cycle"), log, 0, 1900, 2200)
        return Pace("last_cycle", cycle=cycle) if cycle else None
    shares_at = where.at("monthly")
    shares = shares_at.node
    if not isinstance(shares, list) or len(shares) != 12:
        shares_at.problem(log, "not twelve monthly shares", found=shown(shares),
                          expected="a list of 12 numbers, January first, e.g. percents of the year",
                          zh="不是12个月的份额",
                          expected_zh="12个数字的列表，从一月开始，如全年的百分比")  # fmt: skip
        return None
    values = []
    for index in range(12):
        value = parse_or_report(shares_at.at(index), log, parse_number)
        if value is not None and value < 0:
            shares_at.at(index).problem(log, "a share cannot be negative", found=shown(shares[index]),
                                        expected="0 or more", zh="份额不能为负数",
                                        expected_zh="0或以上")  # fmt: skip
            value = None
        values.append(value)
    if None in values:
        return None
    total = sum(values)
    # The whole year, as fractions (sum 1) or as percents of it (sum 100): any other
    # sum is a slip (a month typed twice, one left out), not a profile to rescale.
    if not (abs(total - 1) <= 0.005 or abs(total - 100) <= 0.5):
        shown_total = f"{total:g}"
        shares_at.problem(log, f"the twelve shares add up to {shown_total}",
                          found=shown(shares),
                          expected="100 (percents of the year) or 1 (fractions of it)",
                          zh=f"12个月的份额之和为 {shown_total}",
                          expected_zh="100（全年的百分比）或 1（全年的比例）")  # fmt: skip
        return None
    return Pace("monthly", shares=tuple(v / total for v in values))


def _parse(raw, where: Where, log: ProblemLog) -> TrackingSettings:
    if raw is None or not _mapping(where, log, KEYS):
        return TrackingSettings()
    at_risk = _fraction(where.at("at_risk"), log, 0.165)
    off_track = _fraction(where.at("off_track"), log, 0.33)
    if off_track <= at_risk:
        where.at("off_track").problem(
            log, "off_track must be a larger gap than at_risk", found=f"{off_track:.1%}",
            expected=f"more than at_risk ({at_risk:.1%})", zh="off_track 的差距须大于 at_risk",
            expected_zh=f"大于 at_risk（{at_risk:.1%}）")  # fmt: skip
        at_risk, off_track = 0.165, 0.33
    recent = dict(DEFAULT_RECENT)
    recent_at = where.at("recent_periods")
    if recent_at.node is not None and _mapping(recent_at, log, set(CADENCES)):
        for cadence in recent_at.node:
            if cadence in CADENCES:
                recent[cadence] = _whole(recent_at.at(cadence), log, recent[cadence], 1, 366)
    krs: dict[tuple[str, str], KrTracking] = {}
    krs_at = where.at("krs")
    if krs_at.node is not None and _mapping(krs_at, log, None):
        for team_id in krs_at.node:
            team_at = krs_at.at(team_id)
            if not _mapping(team_at, log, None):
                continue
            for kr_id in team_at.node:
                kr_at = team_at.at(kr_id)
                if _mapping(kr_at, log, KR_KEYS):
                    krs[(str(team_id), str(kr_id))] = KrTracking(
                        mode=_choice(kr_at.at("mode"), log, MODES, None),
                        pace=_pace(kr_at.at("pace"), log),
                        stale_days=None
                        if kr_at.node.get("stale_days") is None
                        else _whole(kr_at.at("stale_days"), log, 14, 1, 366),
                    )
    return TrackingSettings(
        at_risk=at_risk,
        off_track=off_track,
        stale_days=_whole(where.at("stale_days"), log, 14, 1, 366),
        recent_periods=recent,
        fit_points=_whole(where.at("fit_points"), log, 6, 2, 1000),
        needed_per=_choice(where.at("needed_per"), log, NEEDED_PER, "week"),
        pace=_pace(where.at("pace"), log) or Pace(),
        krs=krs,
    )


def check_tracking(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS hook: record located problems in the ``tracking:`` block."""
    _parse(raw, where, log)


def tracking_problems(case: Case) -> list[Problem]:
    """WHOLE_CASE_CHECKS hook: ``krs:`` entries naming a team or KR the case lacks."""
    raw = case.sections.get("tracking")
    log = ProblemLog()
    where = Where((case.path / "case.yaml") if case.path else "case.yaml", "tracking", raw)
    krs = where.at("krs")
    if not isinstance(krs.node, Mapping):
        return []
    for team_id in krs.node:
        team = case.teams.get(team_id)
        if team is None:
            named = shown(team_id)
            krs.at(team_id).problem(log, f"unknown team {named}", zh=f"未知团队 {named}",
                                    **one_of(list(case.teams)))  # fmt: skip
            continue
        ids = [kr.id for _, kr in team.key_results()]
        if isinstance(krs.node[team_id], Mapping):
            for kr_id in krs.node[team_id]:
                if kr_id not in ids:
                    named = shown(kr_id)
                    krs.at(team_id).at(kr_id).problem(
                        log, f"unknown key result {named}", zh=f"未知关键成果 {named}",
                        **one_of(ids))  # fmt: skip
    return log.problems


def tracking_settings(case: Case | None) -> TrackingSettings:
    """The case's tracking settings (defaults where the block is silent).

    >>> from okrkit import load_case
    >>> tracking_settings(load_case("cases/a-company")).at_risk
    0.165
    """
    if case is None:
        return TrackingSettings()
    raw = case.sections.get("tracking")
    where = Where((case.path / "case.yaml") if case.path else "case.yaml", "tracking", raw)
    log = ProblemLog()
    settings = _parse(raw, where, log)
    log.raise_if_any()  # a case loaded through load_case never gets here with problems
    return settings


def with_tracking(case: Case, block: Mapping) -> Case:
    """``case`` as if its ``case.yaml`` held ``tracking: block`` (checked like the file's).

    For the workbook: a trainer shows what a declared pace profile changes
    without editing the case folder. Raises :class:`okrkit.errors.CaseError`
    with the located problems when the block would be refused in the file.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> tracking_settings(with_tracking(case, {"pace": "linear"})).pace.kind
    'linear'
    """
    from dataclasses import replace

    log = ProblemLog()
    check_tracking(block, Where("tracking", "tracking", block), log)
    log.raise_if_any()
    return replace(case, sections={**case.sections, "tracking": block})

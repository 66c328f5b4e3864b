"""One check-in checked against the case: the team and KR exist, the date is in
the cycle, the value is a number in the KR's unit, confidence is 0-10, an
overridden status has a reason.

Every way in (the command line, a CSV or Excel row, the evidence counts)
goes through :func:`make_checkin`, so each is refused for the same reasons
with the same words. A problem names the place as the input knows it: the
option (``--value``), the cell (``进展!D7``) or the row (``row 12: value``).
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from okrkit.actuals import parse_actual
from okrkit.errors import ProblemLog
from okrkit.model import Case
from okrkit.numbers import parse_number
from okrkit.readers import shown
from okrkit.track.labels import OVERRIDABLE, STATUS_INPUT
from okrkit.track.settings import TrackingSettings, tracking_settings
from okrkit.track.store import SOURCES, CheckIn

DATE_EXPECTED = "a date such as 2015-06-30, 2015/6/30 or 2015年6月30日"
DATE_EXPECTED_ZH = "日期，如 2015-06-30、2015/6/30 或 2015年6月30日"
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts a 29 Feb 1900 that never was)


_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")  # an Excel day number, as a CSV holds it


def parse_date(value) -> date:
    """Read a date as people type or export it; raise ValueError (``.zh``) otherwise.

    The one date reader of check-ins (command line, CSV, Excel, the status
    date): full-width text is folded (``２０１５－０６－３０``) and an Excel
    serial number, as a number or as the text a CSV holds, is its day — with a
    time of day (``42185.625``) too, since a date-time cell is still that date.

    >>> parse_date("2015年6月30日"), parse_date("2015/6/30"), parse_date(42185)
    (datetime.date(2015, 6, 30), datetime.date(2015, 6, 30), datetime.date(2015, 6, 30))
    >>> parse_date(42185.625), parse_date("４２１８５"), parse_date("２０１５－０６－３０")
    (datetime.date(2015, 6, 30), datetime.date(2015, 6, 30), datetime.date(2015, 6, 30))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        if _SERIAL.fullmatch(value):
            value = float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An Excel serial number, for a date cell exported without its format.
        if math.isfinite(value) and 20000 <= value < 80001:
            return EXCEL_EPOCH + timedelta(days=math.floor(value))
    if isinstance(value, str):
        text = value
        for sep in ("年", "月"):
            text = text.replace(sep, "-")
        text = text.rstrip("日").replace("/", "-").replace(".", "-")
        text = text.split(" ")[0].split("T")[0]
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                pass
    error = ValueError(DATE_EXPECTED)
    error.zh = DATE_EXPECTED_ZH
    raise error


def period_of(day: date, cadence: str) -> tuple[date, date]:
    """The cadence period holding ``day``: (first day, last day); weeks start on Monday."""
    if cadence == "day":
        return day, day
    if cadence == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if cadence == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if cadence == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        last = first + 2
        return date(day.year, first, 1), date(
            day.year, last, calendar.monthrange(day.year, last)[1]
        )
    return date(day.year, 1, 1), date(day.year, 12, 31)


def cadence_of(kr) -> str:
    """The period a per-period value counts: the KR's cadence, else a month."""
    return kr.cadence or "month"


@dataclass(frozen=True)
class Place:
    """Where an input sits, so a problem can name it: the file, a row, its columns.

    ``columns`` maps a field (``value``) to how the input names it (``--value``,
    ``D`` for a sheet's column, ``value`` for a CSV header).
    """

    file: str
    row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    # how a sheet's header row names each field (数值 for value): a location is one
    # text for both languages, so it quotes the file rather than okrkit's field name
    headers: Mapping[str, str] = field(default_factory=dict)

    def location(self, name: str) -> str:
        column = self.columns.get(name, name)
        if self.sheet is not None and self.row is not None:
            return f"{self.sheet}!{column}{self.row} ({self.headers.get(name, name)})"
        if self.row is not None:
            return f"row {self.row}: {column}"
        return column

    def problem(self, log: ProblemLog, name: str, message: str, **details) -> None:
        log.add(self.file, self.location(name), message, line=None, **details)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _named(raw, text: str) -> str:
    """An id as the input wrote it: the trimmed text when typed, else the cell (TRUE: true)."""
    return shown(text) if isinstance(raw, str) or raw is None else shown(raw)


def _blank(value) -> bool:
    return _text(value) == ""


def make_checkin(
    case: Case,
    place: Place,
    log: ProblemLog,
    *,
    team,
    kr,
    value,
    date=None,
    confidence=None,
    status=None,
    reason=None,
    comment=None,
    blockers=None,
    source="typed",
    cycle=None,
    period_start=None,
    settings: TrackingSettings | None = None,
    today: date | None = None,
) -> CheckIn | None:
    """A validated check-in, or None after recording every problem at ``place``.

    ``date`` defaults to ``today``; ``cycle`` to the case's year (else the
    date's). A per-period KR's value counts the cadence period holding
    ``date`` unless ``period_start`` names it.
    """
    settings = settings or tracking_settings(case)
    before = len(log.problems)
    team_id, kr_id = _text(team), _text(kr)
    the_team = case.teams.get(team_id)
    if the_team is None:
        named = _named(team, team_id)
        place.problem(log, "team", f"unknown team {named}", found=named,
                      expected="one of " + ", ".join(case.teams), zh=f"未知团队 {named}",
                      expected_zh="以下之一：" + "、".join(case.teams))  # fmt: skip
        return None
    ids = [k.id for _, k in the_team.key_results()]
    if kr_id not in ids:
        named = _named(kr, kr_id)
        place.problem(log, "kr", f"team {team_id} has no key result {named}", found=named,
                      expected="one of " + ", ".join(ids),
                      zh=f"团队 {team_id} 没有关键成果 {named}",
                      expected_zh="以下之一：" + "、".join(ids))  # fmt: skip
        return None
    the_kr = the_team.key_result(kr_id)
    mode = settings.mode_of(team_id, the_kr)

    day = None
    if _blank(date):
        day = today or datetime.now().date()
    else:
        try:
            day = parse_date(date)
        except ValueError as exc:
            place.problem(log, "date", "not a date", found=shown(date), expected=str(exc),
                          zh="不是日期", expected_zh=exc.zh)  # fmt: skip
    the_cycle = None
    if not _blank(cycle):
        try:
            the_cycle = parse_number(cycle)
            if the_cycle != int(the_cycle) or not 1900 <= the_cycle <= 2200:
                raise ValueError("a year")
            the_cycle = int(the_cycle)
        except ValueError:
            place.problem(log, "cycle", "not a cycle", found=shown(cycle),
                          expected="a year such as 2015", zh="不是有效的周期",
                          expected_zh="年份，如 2015")  # fmt: skip
    elif day is not None:
        the_cycle = case.year or day.year
    start = None
    if day is not None and the_cycle is not None:
        if mode == "per_period":
            if _blank(period_start):
                start, _ = period_of(day, cadence_of(the_kr))
            else:
                try:
                    start = parse_date(period_start)
                except ValueError as exc:
                    place.problem(log, "period_start", "not a date", found=shown(period_start),
                                  expected=str(exc), zh="不是日期", expected_zh=exc.zh)  # fmt: skip
        elif not _blank(period_start):
            place.problem(log, "period_start", f"{kr_id} is not tracked per period",
                          found=shown(period_start), expected="no period_start for a "
                          f"{mode} KR (or declare it per_period in tracking:)",
                          zh=f"{kr_id} 不是按每期记录的KR",
                          expected_zh="该KR无需期间开始日期（或在 tracking: 中声明为 per_period）")  # fmt: skip
        if day.year != the_cycle:
            # no date given means today: say so, or a manager sees a date never typed
            today_en, today_zh = ((" (no date given: today)", "（未填日期：按今天）")
                                  if _blank(date) else ("", ""))  # fmt: skip
            place.problem(log, "date", f"outside the {the_cycle} cycle{today_en}",
                          found=day.isoformat(),
                          expected=f"a date in {the_cycle} (or name another cycle)",
                          zh=f"不在 {the_cycle} 周期内{today_zh}",
                          expected_zh=f"{the_cycle} 年内的日期（或指定其他周期）")  # fmt: skip

    number = None
    if _blank(value):
        place.problem(log, "value", "missing value", expected="the KR's value at that date",
                      zh="缺少数值", expected_zh="该日期KR的数值")  # fmt: skip
    else:
        try:
            number = parse_actual(the_kr, value)
        except ValueError as exc:
            # the unit, unless the expectation already says it ('93% or 0.93%')
            unit = the_kr.unit.get("en") if the_kr.unit.get("en") not in str(exc) else None
            zh_expected = getattr(exc, "zh", None) or str(exc)
            unit_zh = the_kr.unit.get("zh") if the_kr.unit.get("zh") not in zh_expected else None
            place.problem(log, "value", "not a value for this KR", found=shown(value),
                          expected=f"{exc}" + (f" (in {unit})" if unit else ""),
                          zh="不是该KR的有效数值",
                          expected_zh=zh_expected
                          + (f"（单位：{unit_zh}）" if unit_zh else ""))  # fmt: skip
        if number is not None and number < 0 and the_kr.direction not in ("increase", "decrease"):
            place.problem(log, "value", "cannot be negative", found=shown(value),
                          expected="0 or more", zh="不能为负数", expected_zh="0或以上")  # fmt: skip
            number = None

    level = None
    if not _blank(confidence):
        try:
            level = parse_number(confidence)
        except ValueError:
            level = None
        if level is None or level != int(level) or not 0 <= level <= 10:
            place.problem(log, "confidence", "not a confidence", found=shown(confidence),
                          expected="a whole number from 0 (no chance) to 10 (certain)",
                          zh="不是有效的信心指数",
                          expected_zh="0（没有把握）到 10（十拿九稳）的整数")  # fmt: skip
            level = None
        else:
            level = int(level)

    override, why = None, _text(reason) or None
    if not _blank(status):
        override = STATUS_INPUT.get(_text(status).lower()) or STATUS_INPUT.get(_text(status))
        if override not in OVERRIDABLE:
            place.problem(log, "status", "not a status a manager can set", found=shown(status),
                          expected="on_track, at_risk or off_track (stale is the rule's alone)",
                          zh="不是可手动设置的状态",
                          expected_zh="正常、有风险或落后（未更新只能由规则判定）")  # fmt: skip
            override = None
        elif why is None:
            # Whether it differs from the rule is known only once the year is read; a
            # status typed without a reason is refused whatever it says, so say how out.
            place.problem(log, "reason", "a status set by hand needs a reason",
                          found=shown(status),
                          expected="the reason, or a blank status to let the rule decide",
                          zh="手动设置状态须说明原因", expected_zh="填写原因，或把状态留空由规则判定")  # fmt: skip
    if _text(source) not in SOURCES:
        place.problem(log, "source", "unknown source", found=shown(source),
                      expected=", ".join(SOURCES), zh="未知来源",
                      expected_zh="typed（手工）、evidence（凭证）、imported（导入）")  # fmt: skip
    if len(log.problems) > before or number is None or day is None or the_cycle is None:
        return None
    return CheckIn(
        cycle=the_cycle, team=team_id, kr=kr_id, date=day, value=float(number), mode=mode,
        period_start=start, confidence=level, status=override,
        status_reason=why if override else None, comment=_text(comment),
        blockers=_text(blockers), source=_text(source),
    )  # fmt: skip


SERIES_COLUMNS = ("team", "kr", "cadence", "period_start", "period_end", "value")


def series_checkins(series, case, *, source="evidence", cycle=None, origin="evidence"):
    """Check-ins from counted evidence (see :func:`okrkit.track.store.import_series`).

    The evidence gives each KR its weeks *and* its months; the KR's own
    cadence (a month for a KR without one) picks which rows count, and a KR
    with no row at its cadence is refused. A week that straddles New Year
    belongs to the cycle and is dated at the cycle's last day at the latest.
    """
    log = ProblemLog()
    missing = [c for c in SERIES_COLUMNS if c not in series.columns]
    if missing:
        log.add(origin, "", "missing columns: " + ", ".join(missing),
                expected=", ".join(SERIES_COLUMNS), zh="缺少列：" + "、".join(missing),
                expected_zh="、".join(SERIES_COLUMNS))  # fmt: skip
        log.raise_if_any()
    rows = series.sort_values(["team", "kr", "period_start"], kind="stable")
    out: list[CheckIn] = []
    running: dict[tuple[str, str], float] = {}
    settings = tracking_settings(case) if case is not None else None
    cadences = {(str(t), str(k), str(c)) for t, k, c in
                zip(rows["team"], rows["kr"], rows["cadence"], strict=True)}  # fmt: skip
    for index, row in zip(rows.index, rows.itertuples(index=False), strict=True):
        place = Place(origin, row=index if isinstance(index, int) else None)
        team_id, kr_id = str(row.team), str(row.kr)
        try:
            start, end = parse_date(row.period_start), parse_date(row.period_end)
        except ValueError as exc:
            place.problem(log, "period_start", "not a period", found=shown(row.period_start),
                          expected=str(exc), zh="不是有效的期间", expected_zh=exc.zh)  # fmt: skip
            continue
        the_cycle = int(cycle or (case.year if case is not None else None) or end.year)
        if end.year < the_cycle or start.year > the_cycle:
            place.problem(log, "period_end", f"outside the {the_cycle} cycle",
                          found=f"{start}..{end}", expected=f"a period in {the_cycle}",
                          zh=f"不在 {the_cycle} 周期内", expected_zh=f"{the_cycle} 年内的期间")  # fmt: skip
            continue
        day = min(end, date(the_cycle, 12, 31))
        if case is None:
            out.append(CheckIn(cycle=the_cycle, team=team_id, kr=kr_id, date=day,
                               value=float(row.value), mode="per_period", period_start=start,
                               source=source))  # fmt: skip
            continue
        team = case.teams.get(team_id)
        kr = None
        if team is not None and kr_id in [k.id for _, k in team.key_results()]:
            kr = team.key_result(kr_id)
        if kr is not None and row.cadence != cadence_of(kr):
            if (team_id, kr_id, cadence_of(kr)) in cadences:
                continue  # the same counts at the KR's own cadence are in the series
            place.problem(log, "cadence", f"{team_id} {kr_id} is counted by {cadence_of(kr)}",
                          found=shown(row.cadence), expected=cadence_of(kr),
                          zh=f"{team_id} {kr_id} 按 {cadence_of(kr)} 统计",
                          expected_zh=cadence_of(kr))  # fmt: skip
            continue
        mode = settings.mode_of(team_id, kr) if kr is not None else "per_period"
        if kr is not None and mode == "level":
            place.problem(log, "kr", f"{team_id} {kr_id} is tracked as a level, not a count",
                          expected="a KR tracked per_period or cumulative",
                          zh=f"{team_id} {kr_id} 按水平记录，不是计数",
                          expected_zh="按每期或累计记录的KR")  # fmt: skip
            continue
        value = row.value
        if kr is not None and mode == "cumulative":
            try:
                value = running.get((team_id, kr_id), 0.0) + parse_number(row.value)
            except ValueError:
                pass  # make_checkin reports it at the value column
            running[(team_id, kr_id)] = value if isinstance(value, float) else 0.0
        item = make_checkin(case, place, log, team=team_id, kr=kr_id, value=value, date=day,
                            source=source, cycle=the_cycle, settings=settings,
                            period_start=start if mode == "per_period" else None)  # fmt: skip
        if item is not None:
            out.append(item)
    log.raise_if_any()
    return out

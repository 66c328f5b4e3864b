"""Which KR each counting rule counts for, over which period, per which cadence.

A rule names a funnel stage (``stage: calls`` counts for every process KR
with ``stage: calls``, i.e. each rep's 每周有效电话) or one KR id. A period is
a year (``2015``), a quarter (``2015-Q1``), a half (``2015-H2``) or a month
(``2015-03``). Counts are made per ISO week (Monday to Sunday, the week
labelled by its Monday) and per calendar month; a KR's actual for the whole
period is its total divided by the working weeks or months of the period
(the funnel's ``calendar``: 48 working weeks a year in A公司), because that is
how its target was set.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from okrkit.errors import OkrkitError
from okrkit.evidence.mapping import Rule
from okrkit.model import Case, KeyResult

CADENCE_MONTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True)
class Period:
    """A review period: its name and its dates (end exclusive)."""

    name: str
    start: dt.date
    end: dt.date  # the first day after the period

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month


def parse_period(text) -> Period:
    """``2015``, ``2015-Q1``, ``2015-H2`` or ``2015-03`` as dates.

    >>> parse_period("2015-Q1")
    Period(name='2015-Q1', start=datetime.date(2015, 1, 1), end=datetime.date(2015, 4, 1))
    """
    name = str(text).strip().upper()
    if m := re.fullmatch(r"(\d{4})", name):
        first, months = 1, 12
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", name):
        first, months = 3 * int(m[2]) - 2, 3
    elif m := re.fullmatch(r"(\d{4})-H([12])", name):
        first, months = 6 * int(m[2]) - 5, 6
    elif (m := re.fullmatch(r"(\d{4})-(\d{1,2})", name)) and 1 <= int(m[2]) <= 12:
        first, months = int(m[2]), 1
    else:
        raise OkrkitError(
            f"not a period: {text!r} (expected a year such as 2015, 2015-Q1, 2015-H2 or 2015-03)",
            zh=f"不是有效的周期：{text!r}（应为年份如 2015，或 2015-Q1、2015-H2、2015-03）",
        )
    year = int(m[1])
    start = dt.date(year, first, 1)
    last = first - 1 + months
    end = dt.date(year + last // 12, last % 12 + 1, 1)
    return Period(name if months != 12 else str(year), start, end)


@dataclass(frozen=True)
class Target:
    """One KR of one team that a rule counts for."""

    team: str
    kr: KeyResult
    rule: Rule


def targets(case: Case, rules) -> list[Target]:
    """Every (team, KR, rule) a rule counts for, in team and table order."""
    found = []
    for team in case.teams.values():
        for _, kr in team.key_results():
            for rule in rules:
                if rule.count == "revisit_coverage":
                    continue
                if (rule.kr and kr.id == rule.kr) or (
                    rule.stage and kr.stage == rule.stage and kr.kind == "process"
                ):
                    found.append(Target(team.id, kr, rule))
                    break
    return found


def working_units(case: Case, cadence: str | None, period: Period) -> float:
    """How many weeks or months of work the period holds for a KR of this cadence.

    Weeks come from the funnel's calendar (``week: 48`` a year), scaled to the
    period's months; a KR with no cadence (or ``year``) is the period's total.
    """
    if cadence in (None, "year") and period.months == 12:
        return 1.0
    calendar = (case.sections.get("funnel") or {}).get("calendar") or {}
    if cadence == "week":
        return float(calendar.get("week", 52)) * period.months / 12
    if cadence == "day":
        return float(calendar.get("day", 250)) * period.months / 12
    return period.months / CADENCE_MONTHS.get(cadence or "year", 12)


def week_starts(period: Period) -> list[dt.date]:
    """The Monday of every ISO week that overlaps the period."""
    monday = period.start - dt.timedelta(days=period.start.weekday())
    weeks = []
    while monday < period.end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def month_starts(period: Period) -> list[dt.date]:
    """The first day of every month in the period."""
    months, day = [], period.start
    while day < period.end:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months

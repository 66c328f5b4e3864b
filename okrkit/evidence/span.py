"""Which sources have records inside the period, and which dates their records do span.

A period the exports do not cover (``--period 2016`` on 2015's records) counts
zero for every KR, and a zero written as an actual would be scored as a rep who
did nothing. :func:`source_spans` tells such a source apart from a quiet one:
a source none of whose records falls inside the period (up to today) is
*empty* for it, and :func:`empty_lines` says so, naming the period and the
dates the records do cover, so the command can refuse to write zeros.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from okrkit.evidence.presets import KINDS


@dataclass(frozen=True)
class SourceSpan:
    """One source's records: how many fall inside the period, and the first and last date."""

    source: str
    in_period: int
    first: dt.date | None  # None: no record with a readable date
    last: dt.date | None


def source_spans(run) -> list[SourceSpan]:
    """Every source of the case, in the case's order, with its records' span."""
    tomorrow = dt.datetime.combine(run.today + dt.timedelta(days=1), dt.time())
    start = dt.datetime.combine(run.period.start, dt.time())
    end = min(dt.datetime.combine(run.period.end, dt.time()), tomorrow)
    union = " UNION ALL ".join(f"SELECT _fid, ts FROM ev_{kind}_judged" for kind in KINDS)
    # A future date (a typo such as 2051) is no evidence, and no end of the span either.
    rows = run.con.execute(
        f"SELECT f.source, count(*) FILTER (WHERE e.ts >= ? AND e.ts < ?), min(e.ts), max(e.ts) "
        f"FROM ({union}) e JOIN files f ON f.fid = e._fid WHERE e.ts < ? GROUP BY f.source",
        [start, end, tomorrow],
    ).fetchall()
    found = {r[0]: r for r in rows}
    spans = []
    for spec in run.config.sources:
        _, n, first, last = found.get(spec.name, (spec.name, 0, None, None))
        spans.append(
            SourceSpan(spec.name, int(n or 0), first and first.date(), last and last.date())
        )
    return spans


def empty_sources(spans: list[SourceSpan]) -> list[SourceSpan]:
    """The sources with no record inside the period."""
    return [s for s in spans if s.in_period == 0]


def empty_lines(spans: list[SourceSpan], period, lang: str = "zh") -> list[str]:
    """One line per source with no record in the period, naming the dates its records span."""
    lines = []
    for span in empty_sources(spans):
        if span.first is None:
            zh = f"来源 {span.source} 在 {period.name} 内没有任何记录（文件中没有带日期的记录）"
            en = f"source {span.source} has no record in {period.name} (its files hold no dated record)"
        else:
            zh = (
                f"来源 {span.source} 在 {period.name} 内没有任何记录"
                f"（记录的日期范围为 {span.first} 至 {span.last}）"
            )
            en = (
                f"source {span.source} has no record in {period.name} "
                f"(its records span {span.first} to {span.last})"
            )
        lines.append(zh if lang == "zh" else en)
    return lines

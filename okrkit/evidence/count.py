"""Counting the judged records per rep, per KR, per ISO week and per month.

Only records whose status is ``counted`` count; a rule narrows them further
(a call of at least its ``min_seconds``, a visit to a new or old customer, a
rule's ``sources``). A customer is new or old by the CRM's customer type on
its first follow-up in the records; a customer the CRM has never seen is new.
Weeks and months with nothing counted are rows with 0, so a quiet week reads
as a quiet week, never as a gap.
"""

from __future__ import annotations

import datetime as dt

from okrkit.evidence.rules import month_starts, week_starts, working_units
from okrkit.evidence.sources import literal

SERIES_COLUMNS = ["team", "kr", "cadence", "period_start", "period_end", "value"]

# Grouped by the customer as written first (a few thousand names, not millions of
# lower()-ed texts), then by its folded key: the earliest type is the same.
CUSTOMER_TYPES = """
    CREATE TABLE IF NOT EXISTS customer_types AS
    SELECT lower(customer) AS ckey, arg_min(ctype, first_ts) AS ctype FROM (
        SELECT customer, ctype, min(ts) AS first_ts FROM ev_followup
        WHERE customer IS NOT NULL AND ctype IS NOT NULL AND ts IS NOT NULL GROUP BY ALL
    ) GROUP BY 1
"""


def rule_relation(rule) -> str:
    """The counted records a rule counts, with team and ts."""
    sources = ""
    if rule.sources:
        names = ", ".join(literal(s) for s in rule.sources)
        sources = f" AND _fid IN (SELECT fid FROM files WHERE source IN ({names}))"
    if rule.count == "calls":
        return (f"SELECT team, ts FROM ev_followup WHERE status = 'counted' "
                f"AND seconds >= {float(rule.min_seconds)}{sources}")  # fmt: skip
    if rule.count == "opportunities":
        return f"SELECT team, ts FROM ev_opportunity WHERE status = 'counted'{sources}"
    customer = {
        "new": " AND coalesce(t.ctype, 'new') = 'new'",
        "old": " AND t.ctype = 'old'",
        "any": "",
    }[rule.customer]
    return (f"SELECT c.team, c.ts FROM ev_checkin c LEFT JOIN customer_types t "
            f"ON t.ckey = lower(c.customer) WHERE c.status = 'counted'{customer}{sources.replace('_fid', 'c._fid')}")  # fmt: skip


def period_counts(run) -> dict[tuple, int]:
    """(team, rule id, cadence, period start) -> count, for every rule that counts for a KR."""
    run.con.execute(CUSTOMER_TYPES)
    counts: dict[tuple, int] = {}
    rules = {t.rule.id: t.rule for t in run.targets}
    for rule in rules.values():
        # Per rep and day first (one cast a record), then the few days into weeks and months.
        rows = run.con.execute(f"""
            WITH days AS (
                SELECT team, CAST(ts AS DATE) AS day, count(*) AS n FROM ({rule_relation(rule)})
                GROUP BY ALL
            )
            SELECT team, CAST(date_trunc('week', day) AS DATE) AS week,
                   CAST(date_trunc('month', day) AS DATE) AS month, sum(n) AS n
            FROM days GROUP BY GROUPING SETS ((team, week), (team, month))
        """).fetchall()  # fmt: skip
        for team, week, month, n in rows:
            if week is not None:
                counts[(team, rule.id, "week", week)] = n
            else:
                counts[(team, rule.id, "month", month)] = n
    return counts


def series_rows(run) -> list[dict]:
    """Per target KR, a row per ISO week and per month of the period (zeros included)."""
    counts = period_counts(run)
    weeks, months = week_starts(run.period), month_starts(run.period)
    rows = []
    for target in run.targets:
        for cadence, starts in (("week", weeks), ("month", months)):
            for start in starts:
                end = start + dt.timedelta(days=6) if cadence == "week" else _month_end(start)
                rows.append({
                    "team": target.team, "kr": target.kr.id, "cadence": cadence,
                    "period_start": start, "period_end": end,
                    "value": counts.get((target.team, target.rule.id, cadence, start), 0),
                })  # fmt: skip
    return rows


def _month_end(start: dt.date) -> dt.date:
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def kr_actuals(run, rows=None) -> list[dict]:
    """Per target KR: the period's total, the working weeks or months, the actual and the target."""
    rows = rows if rows is not None else series_rows(run)
    totals: dict[tuple, int] = {}
    for row in rows:
        if row["cadence"] == "month":
            key = (row["team"], row["kr"])
            totals[key] = totals.get(key, 0) + row["value"]
    out = []
    for target in run.targets:
        total = totals.get((target.team, target.kr.id), 0)
        units = working_units(run.case, target.kr.cadence, run.period)
        out.append({
            "team": target.team, "kr": target.kr, "rule": target.rule, "total": total,
            "units": units, "actual": round(total / units, 1) if units else float(total),
        })  # fmt: skip
    return out


def revisit_coverage(run) -> list[dict]:
    """Per rep and month: distinct old customers checked in ÷ the rep's old customers.

    A rep's old customers are the customers of the rep's CRM follow-ups whose
    type is old. Only computed when a ``revisit_coverage`` rule is declared.
    """
    rules = [r for r in run.config.rules if r.count == "revisit_coverage"]
    if not rules:
        return []
    run.con.execute(CUSTOMER_TYPES)
    rows = run.con.execute("""
        WITH own AS (
            SELECT f.team, count(DISTINCT lower(f.customer)) AS n FROM ev_followup f
            JOIN customer_types t ON t.ckey = lower(f.customer)
            WHERE f.team IS NOT NULL AND t.ctype = 'old' GROUP BY 1
        ),
        seen AS (
            SELECT c.team, CAST(date_trunc('month', c.ts) AS DATE) AS month,
                   count(DISTINCT lower(c.customer)) AS n
            FROM ev_checkin c JOIN customer_types t ON t.ckey = lower(c.customer)
            WHERE c.status = 'counted' AND t.ctype = 'old'
              AND lower(c.customer) IN (SELECT lower(customer) FROM ev_followup f2
                                        WHERE f2.team = c.team)
            GROUP BY 1, 2
        )
        SELECT own.team, own.n, seen.month, coalesce(seen.n, 0) FROM own
        LEFT JOIN seen ON seen.team = own.team
    """).fetchall()  # fmt: skip
    by_team: dict[str, dict] = {}
    for team, owned, month, seen in rows:
        entry = by_team.setdefault(team, {"team": team, "old_customers": owned, "months": {}})
        if month is not None:
            entry["months"][month] = seen / owned if owned else 0.0
    for entry in by_team.values():
        entry["months"] = {m: entry["months"].get(m, 0.0) for m in month_starts(run.period)}
        values = list(entry["months"].values())
        entry["average"] = sum(values) / len(values) if values else 0.0
    return [by_team[t] for t in run.case.teams if t in by_team]

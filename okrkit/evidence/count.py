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
from collections.abc import Sequence
from typing import NamedTuple

from okrkit.evidence.rules import month_starts, week_starts, working_units

SERIES_COLUMNS = ["team", "kr", "cadence", "period_start", "period_end", "value"]


class SeriesRow(NamedTuple):
    """One KR's count in one week or month; read as ``row["value"]`` or ``row.value``."""

    team: str
    kr: str
    cadence: str
    period_start: dt.date
    period_end: dt.date
    value: int

    def __getitem__(self, key):
        return getattr(self, key) if isinstance(key, str) else tuple.__getitem__(self, key)


class SeriesRows(Sequence):
    """The rows of :func:`series_rows`, kept as columns (:attr:`columns`, by
    :data:`SERIES_COLUMNS`); a :class:`SeriesRow` is made only when read.

    A year of 10,000 reps is 2 million rows: as dicts they took about 700 MB and
    most of the counting's Python time, as columns a few lists (the team, KR
    and period objects shared), and a DataFrame takes the columns as they are.
    """

    def __init__(self, columns: dict[str, list]):
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns["value"])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return SeriesRow(*(self.columns[c][index] for c in SERIES_COLUMNS))

    def __iter__(self):
        return map(SeriesRow._make, zip(*(self.columns[c] for c in SERIES_COLUMNS), strict=True))


# Grouped by the customer as written first (a few thousand names, not millions of
# lower()-ed texts), then by its folded key: the earliest type is the same.
CUSTOMER_TYPES = """
    CREATE TABLE IF NOT EXISTS customer_types AS
    SELECT lower(customer) AS ckey, arg_min(ctype, first_ts) AS ctype FROM (
        SELECT customer, ctype, min(ts) AS first_ts FROM ev_followup_judged
        WHERE customer IS NOT NULL AND ctype IS NOT NULL AND ts IS NOT NULL GROUP BY ALL
    ) GROUP BY 1
"""


def counted_where(rule, fids) -> tuple[str, str]:
    """(the judged table a rule counts from, the filter of its counted records there).

    ``fids`` maps each source to its files' numbers. The filter applies to that
    table's records with no reason; a visit's may name ``t.ctype``, the customer's
    type (table ``customer_types`` joined as ``t``). Calibration reads a rule's
    records through it too, so what a rule counts is said in one place."""
    where = []
    if rule.sources:
        chosen = sorted(fids.get(s, ()) for s in rule.sources)
        chosen = [f for group in chosen for f in group]
        where.append(f"_fid IN ({', '.join(str(f) for f in chosen)})" if chosen else "false")
    if rule.count == "calls":
        where.append(f"seconds >= {float(rule.min_seconds)}")
        return "ev_followup_judged", " AND ".join(where) or "true"
    if rule.count == "opportunities":
        return "ev_opportunity_judged", " AND ".join(where) or "true"
    if rule.customer == "new":
        where.append("coalesce(t.ctype, 'new') = 'new'")
    elif rule.customer == "old":
        where.append("t.ctype = 'old'")
    return "ev_checkin_judged", " AND ".join(where) or "true"


def _periods(period) -> list[tuple[str, dt.date, dt.date]]:
    """(cadence, first day, last day) of every ISO week, then every month, of the period."""
    periods = [("week", start, start + dt.timedelta(days=6)) for start in week_starts(period)]
    return periods + [("month", start, _month_end(start)) for start in month_starts(period)]


def _count_tables(run) -> int:
    """Fill table ``rule_counts (tid, r, p, n)`` once per run; return the number of periods.

    ``n`` is what rule ``r`` (its place among the targets' rules) counts for team
    number ``tid`` in period ``p`` (its place in :func:`_periods`); only counts
    above zero are rows. One pass over each kind's judged records counts every
    rule of that kind at once (a FILTER per rule), per team number and day; the
    few days are then summed into ISO weeks and months. Table ``count_targets
    (pos, tid, r)`` places each target. Everything stays numbers inside DuckDB:
    fetching a row per team and period as Python dates and tuples cost more than
    the counting itself (about 7 µs a row, 2 million rows for 10,000 reps).
    """
    if "periods" in run.cache:
        return run.cache["periods"]
    con = run.con
    periods = _periods(run.period)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE count_periods AS SELECT CAST(unnest(range(?)) AS INTEGER) AS p, "
        "unnest(?::VARCHAR[]) AS cadence, unnest(?::DATE[]) AS start",
        [len(periods), [c for c, _, _ in periods], [s for _, s, _ in periods]],
    )
    rules = list({t.rule.id: t.rule for t in run.targets}.values())
    fids = {name: [run.fids[str(f.path)] for f in files] for name, files in run.files.items()}
    by_table: dict[str, list] = {}
    for r, rule in enumerate(rules):
        table, where = counted_where(rule, fids)
        by_table.setdefault(table, []).append((r, where))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE rule_counts (tid INTEGER, r INTEGER, p INTEGER, n BIGINT)"
    )
    # Only a visit rule that asks for new or old customers needs the CRM's customer
    # types (a pass over every follow-up: 0.45 CPU s a year of 1,000 reps).
    typed = any(
        rules[r].customer in ("new", "old") for r, _ in by_table.get("ev_checkin_judged", [])
    )
    if typed:
        con.execute(CUSTOMER_TYPES)
    for table, chosen in by_table.items():
        source = table
        if table == "ev_checkin_judged" and typed:  # a visit to a new or an old customer
            source = ("(SELECT c.*, t.ctype FROM ev_checkin_judged c LEFT JOIN customer_types t "
                      "ON t.ckey = lower(c.customer))")  # fmt: skip
        filters = ", ".join(f"count(*) FILTER (WHERE {where}) AS n{r}" for r, where in chosen)
        sums = ", ".join(f"sum(n{r}) AS n{r}" for r, _ in chosen)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE period_sums AS
            WITH days AS (
                SELECT tid, CAST(ts AS DATE) AS day, {filters} FROM {source} t
                WHERE reason IS NULL GROUP BY ALL
            ), grouped AS (
                SELECT tid, CAST(date_trunc('week', day) AS DATE) AS week,
                       CAST(date_trunc('month', day) AS DATE) AS month, {sums}
                FROM days GROUP BY GROUPING SETS ((tid, week), (tid, month))
            )
            SELECT g.*, p.p FROM grouped g JOIN count_periods p
            ON p.start = coalesce(g.week, g.month)
               AND p.cadence = CASE WHEN g.week IS NULL THEN 'month' ELSE 'week' END
        """)  # fmt: skip
        con.execute(
            "INSERT INTO rule_counts "
            + " UNION ALL ".join(
                f"SELECT tid, {r}, p, n{r} FROM period_sums WHERE n{r} > 0" for r, _ in chosen
            )
        )
    tids = {team: tid for tid, team in con.execute("SELECT tid, team FROM teams").fetchall()}
    place = {rule.id: r for r, rule in enumerate(rules)}
    con.execute(
        "CREATE OR REPLACE TEMP TABLE count_targets AS SELECT CAST(unnest(range(?)) AS INTEGER) AS pos, "
        "unnest(?::INTEGER[]) AS tid, unnest(?::INTEGER[]) AS r",
        [len(run.targets), [tids.get(t.team) for t in run.targets],
         [place[t.rule.id] for t in run.targets]],
    )  # fmt: skip
    run.cache["periods"] = len(periods)
    return len(periods)


def series_rows(run) -> SeriesRows:
    """Per target KR, a row per ISO week and per month of the period (zeros included)."""
    import numpy as np

    width = _count_tables(run)
    # The periods once, not per KR: a year of 10,000 reps is 2 million rows.
    periods = _periods(run.period)
    cadences, starts, ends = (
        (list(column) for column in zip(*periods, strict=True)) if periods else ([], [], [])
    )
    found = run.con.execute(
        f"SELECT t.pos * {width} + c.p AS i, c.n FROM rule_counts c JOIN count_targets t USING (tid, r)"
    ).fetchnumpy()
    values = np.zeros(len(run.targets) * width, dtype=np.int64)
    values[found["i"]] = found["n"]
    columns: dict[str, list] = {c: [] for c in SERIES_COLUMNS}
    for target in run.targets:
        columns["team"] += [target.team] * width
        columns["kr"] += [target.kr.id] * width
    columns["cadence"] = cadences * len(run.targets)
    columns["period_start"] = starts * len(run.targets)
    columns["period_end"] = ends * len(run.targets)
    columns["value"] = values.tolist()
    return SeriesRows(columns)


def _month_end(start: dt.date) -> dt.date:
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def kr_actuals(run, rows=None) -> list[dict]:
    """Per target KR: the period's total, the working weeks or months, the actual and the target."""
    totals: dict[int, int] = {}  # target's place -> total
    if rows is None:  # straight from the counts: no row per week and month is needed
        _count_tables(run)
        totals = dict(run.con.execute("""
            SELECT t.pos, sum(c.n) FROM rule_counts c JOIN count_targets t USING (tid, r)
            JOIN count_periods p USING (p) WHERE p.cadence = 'month' GROUP BY t.pos
        """).fetchall())  # fmt: skip
    else:
        by_kr: dict[tuple, int] = {}
        columns = rows.columns if isinstance(rows, SeriesRows) else None
        if columns is None:
            columns = {c: [row[c] for row in rows] for c in ("team", "kr", "cadence", "value")}
        for team, kr, cadence, value in zip(
            columns["team"], columns["kr"], columns["cadence"], columns["value"], strict=True
        ):
            if cadence == "month":
                by_kr[(team, kr)] = by_kr.get((team, kr), 0) + value
        totals = {pos: by_kr.get((t.team, t.kr.id), 0) for pos, t in enumerate(run.targets)}
    out = []
    for pos, target in enumerate(run.targets):
        total = int(totals.get(pos, 0))
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
    # On the judged tables (team numbers), named only at the end.
    rows = run.con.execute("""
        WITH own AS (
            SELECT f.tid, count(DISTINCT lower(f.customer)) AS n FROM ev_followup_judged f
            JOIN customer_types t ON t.ckey = lower(f.customer)
            WHERE f.tid IS NOT NULL AND t.ctype = 'old' GROUP BY 1
        ),
        seen AS (
            SELECT c.tid, CAST(date_trunc('month', c.ts) AS DATE) AS month,
                   count(DISTINCT lower(c.customer)) AS n
            FROM ev_checkin_judged c JOIN customer_types t ON t.ckey = lower(c.customer)
            WHERE c.reason IS NULL AND t.ctype = 'old'
              AND lower(c.customer) IN (SELECT lower(customer) FROM ev_followup_judged f2
                                        WHERE f2.tid = c.tid)
            GROUP BY 1, 2
        )
        SELECT teams.team, own.n, seen.month, coalesce(seen.n, 0) FROM own
        JOIN teams ON teams.tid = own.tid
        LEFT JOIN seen ON seen.tid = own.tid
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

"""Every aggregate of a run's judged records, in one pass over each kind's table.

The counts per rule, the summary, the sources' spans and the customers' types
each need one scan of the judged records; on a year of 10,000 reps those tables
no longer fit in DuckDB's memory, and each scan read them back from its spill
files (measured at 10,000 reps: 35 of the run's 125 CPU seconds went to the
four scans after judging). :func:`digest` makes them in one scan per kind
(GROUPING SETS), on first use, into tables a few thousand times smaller:

- ``digest_<kind>`` with ``g`` naming the grouping set —
  :data:`BY_DAY` (team number, day: the counted records of each rule, ``r0``…),
  :data:`BY_REASON` (file, team number, reason: ``n``),
  :data:`BY_FILE` (file: ``in_period``, ``first``, ``last`` — the span) and, for
  follow-ups, :data:`BY_CUSTOMER` (customer, customer type: ``first_ts``);
- ``customer_types`` (:data:`okrkit.evidence.count.CUSTOMER_TYPES`' table), from
  the follow-ups' digest, before the check-ins' (a visit is to a new or an old
  customer by it).

The readers (:func:`okrkit.evidence.count.period_counts`,
:func:`okrkit.evidence.rejects.summary`, :func:`okrkit.evidence.span.source_spans`)
take what they need from these tables.
"""

from __future__ import annotations

import datetime as dt

from okrkit.evidence.presets import KINDS

GROUPED = ("tid", "day", "_fid", "reason", "customer", "ctype")  # grouping()'s arguments


def _mask(*columns: str) -> int:
    """grouping()'s value for the set of ``columns``: a bit for each of GROUPED not grouped."""
    return sum(1 << (len(GROUPED) - 1 - i) for i, c in enumerate(GROUPED) if c not in columns)


BY_DAY = _mask("tid", "day")
BY_REASON = _mask("_fid", "tid", "reason")
BY_FILE = _mask("_fid")
BY_CUSTOMER = _mask("customer", "ctype")


def digest(run) -> dict[str, list]:
    """Make the digest tables once per run; return, per kind, the rules counted in its ``r<i>``."""
    if "digest" in run.memo:
        return run.memo["digest"]
    from okrkit.evidence.count import counted_filter

    fids = {name: [run.fids[str(f.path)] for f in files] for name, files in run.files.items()}
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for rule in {t.rule.id: t.rule for t in run.targets}.values():
        kind, where = counted_filter(rule, fids)
        by_kind[kind].append((rule, where))
    tomorrow = dt.datetime.combine(run.today + dt.timedelta(days=1), dt.time())
    start = dt.datetime.combine(run.period.start, dt.time())
    end = min(dt.datetime.combine(run.period.end, dt.time()), tomorrow)
    # the follow-ups first: their customers' types are what the check-ins' visits count by
    for kind in ("followup", "checkin", "opportunity"):
        source = f"ev_{kind}_judged"
        sets = ["(tid, day)", "(_fid, tid, reason)", "(_fid)"]
        if kind == "followup":
            sets.append("(customer, ctype)")
            grouped = "tid, day, _fid, reason, customer, ctype"
        elif kind == "checkin":
            source = ("(SELECT c.*, t.ctype FROM ev_checkin_judged c LEFT JOIN customer_types t "
                      "ON t.ckey = lower(c.customer))")  # fmt: skip
            grouped = None
        else:
            grouped = None
        # without the customer columns, they count as never grouped: the same g as follow-ups'
        g = f"grouping({grouped})" if grouped else "grouping(tid, day, _fid, reason) * 4 + 3"
        first_ts = ("min(ts) FILTER (WHERE customer IS NOT NULL AND ctype IS NOT NULL)"
                    if kind == "followup" else "CAST(NULL AS TIMESTAMP)")  # fmt: skip
        rules = [
            f"count(*) FILTER (WHERE reason IS NULL AND {where}) AS r{i}"
            for i, (_, where) in enumerate(by_kind[kind])
        ]
        run.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE digest_{kind} AS
            SELECT {g} AS g, tid, day, _fid, reason,
                {"customer, ctype" if kind == "followup" else "NULL AS customer, NULL AS ctype"},
                count(*) AS n, {"".join(r + ", " for r in rules)}
                count(*) FILTER (WHERE ts >= TIMESTAMP '{start}' AND ts < TIMESTAMP '{end}') AS in_period,
                min(ts) FILTER (WHERE ts < TIMESTAMP '{tomorrow}') AS first,
                max(ts) FILTER (WHERE ts < TIMESTAMP '{tomorrow}') AS last,
                {first_ts} AS first_ts
            FROM (SELECT *, CAST(ts AS DATE) AS day FROM {source}) t
            GROUP BY GROUPING SETS ({", ".join(sets)})
        """)  # fmt: skip
        if kind == "followup":
            run.con.execute(f"""
                CREATE TABLE IF NOT EXISTS customer_types AS
                SELECT lower(customer) AS ckey, arg_min(ctype, first_ts) AS ctype FROM digest_followup
                WHERE g = {BY_CUSTOMER} AND customer IS NOT NULL AND ctype IS NOT NULL
                  AND first_ts IS NOT NULL GROUP BY 1
            """)  # fmt: skip
    run.memo["digest"] = by_kind
    return by_kind

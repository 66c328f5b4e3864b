"""Last year's records as linked funnel events, read by the evidence engine.

The history folder (``--history cases/a-company/records/2014``) holds the same
exports as the year's evidence: the case's ``evidence:`` block is reused as it
is, each source's file pattern re-pointed at the folder by its file name
(``records/2015/crm-followups-*.csv`` → ``<history>/crm-followups-*.csv``), so
every record is read, judged, merged or rejected exactly as ``okrkit
evidence`` would (:func:`okrkit.evidence.run.evaluate`). Then, in DuckDB,
from the engine's judged tables by the team's number (``tid``; the team's
name joined on the small results only):

- ``cal_n``: per stage an evidence rule counts, team and month, the counted
  events (n) — the cohorts' sizes and the drivers' monthly counts;
- ``cal_ev_<stage>``: the counted events that can be traced, one row each
  with its ``eid`` (its file and row) and time: every event of a stage that
  is the stage above of another (visits, the opportunities), with its team
  (number and name) and customer key, but of the stage at the bottom
  (calls, millions of rows a year for a large sales force) only those to a
  (team, customer) the stage above reached at or after them, by that pair's
  number ``kid`` (``cal_keys_<stage>``) — a call to a customer never
  visited again cannot have booked a visit, and copying it would cost more
  than the whole calibration;
- ``cal_opps``: each counted opportunity with what became of it (won, lost,
  still open) and when it closed — the export's status and closing date,
  parsed with the evidence engine's own time formats;
- impossible sequences (won before created, won with no closing date) are
  left out and listed with their file and row (:attr:`History.rejects`).

The history's period is the year before the case's (last year's records), so
records outside it are rejected as ``outside_period`` like any other.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from okrkit.errors import ProblemLog

# What a CRM's opportunity status means for calibration. The evidence presets
# name the statuses an export may hold; these say which close a deal.
WON_STATUSES = ("赢单", "成交", "已成交", "won", "Won")
LOST_STATUSES = ("输单", "丢单", "已输单", "lost", "Lost")


@dataclass(frozen=True)
class Reject:
    """A record left out of calibration, with where it is and why (both languages)."""

    file: str
    place: str  # sheet!row or row
    reason: str
    reason_zh: str

    def render(self, lang: str = "en") -> str:
        return f"{self.file}: {self.place}: {self.reason_zh if lang == 'zh' else self.reason}"


@dataclass
class History:
    """The judged and linked records of one history folder."""

    case: object
    folder: Path
    run: object  # okrkit.evidence.run.EvidenceRun
    stages: tuple[str, ...]  # funnel stages an evidence rule counts, top first
    rejects: list[Reject] = field(default_factory=list)

    @property
    def con(self):
        return self.run.con

    @property
    def start(self) -> dt.date:
        return self.run.period.start

    @property
    def as_of(self) -> dt.date:
        """The first day after the history: open deals are censored here."""
        return self.run.period.end

    def close(self) -> None:
        self.run.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def history_case(case, folder: Path):
    """``case`` with each evidence source's files looked for in ``folder`` instead."""
    sections = dict(case.sections)
    evidence = copy.deepcopy(sections.get("evidence"))
    if isinstance(evidence, dict) and isinstance(evidence.get("sources"), dict):
        for source in evidence["sources"].values():
            if isinstance(source, dict) and source.get("files") is not None:
                files = source["files"]
                names = [files] if isinstance(files, str) else list(files)
                rebased = [str(Path(folder).resolve() / Path(str(n)).name) for n in names]
                source["files"] = rebased[0] if isinstance(files, str) else rebased
        sections["evidence"] = evidence
    return replace(case, sections=sections)


def check_folder(folder, log: ProblemLog) -> Path | None:
    """The history folder, or a located problem when it is not a readable folder."""
    path = Path(folder)
    if not path.exists():
        log.add(path, "--history", "no such folder", found=str(path),
                expected="a folder of last year's exports (check-ins, follow-ups, opportunities)",
                zh="没有这个文件夹", expected_zh="存放去年导出记录（打卡、跟进、商机）的文件夹")  # fmt: skip
        return None
    if not path.is_dir():
        log.add(path, "--history", "not a folder", found="a file",
                expected="a folder of last year's exports", zh="不是文件夹",
                expected_zh="存放去年导出记录的文件夹")  # fmt: skip
        return None
    try:
        next(path.iterdir(), None)
    except OSError as exc:
        log.add(path, "--history", f"cannot read the folder: {exc.strerror}",
                zh=f"无法读取该文件夹：{exc.strerror}")  # fmt: skip
        return None
    return path


def open_history(case, folder, *, period=None, today: dt.date | None = None) -> History:
    """Read, judge and link the records in ``folder``; a CaseError names what cannot be read."""
    from okrkit.evidence.run import evaluate
    from okrkit.funnel import funnel_of

    log = ProblemLog()
    path = check_folder(folder, log)
    log.raise_if_any()
    shifted = history_case(case, path)
    year = period if period is not None else (case.year - 1 if case.year else None)
    funnel = funnel_of(case)
    run = evaluate(shifted, year, today=today)
    rules = {r.stage: r for r in run.config.rules if r.stage}  # the case's rules, read once
    stages = tuple(s.id for s in funnel.stages if s.id in rules)
    history = History(case, path, run, stages)
    try:
        from okrkit.evidence.count import CUSTOMER_TYPES

        if any(rules[s].count not in ("calls", "opportunities") for s in stages):
            run.con.execute(CUSTOMER_TYPES)  # a visit is to a new or an old customer
        run.con.execute(
            "CREATE OR REPLACE TABLE cal_n (stage VARCHAR, tid INTEGER, team VARCHAR, month DATE, n BIGINT)"
        )
        ids = [s.id for s in funnel.stages]
        for stage in stages:  # top first: a stage's events are traced to those above it
            index = ids.index(stage)
            above = ids[index - 1] if index > 0 and ids[index - 1] in stages else None
            below = ids[index + 1] if index + 1 < len(ids) else None
            _stage_events(run, stage, rules[stage], above if below not in stages else None)
        _opportunities(history)
    except BaseException:
        run.close()
        raise
    return history


def counted_records(run, rule) -> str:
    """SELECT of the records ``rule`` counts: ``_fid, _row, tid, ts, ckey`` (the folded customer).

    Straight from the evidence engine's narrow judged table, on the team's
    number (:func:`okrkit.evidence.count.counted_where` says which table and
    which of its records): the ``ev_<kind>`` view would join every record to
    its team's name and work out its status, and a year of calls is tens of
    millions of records. Teams are named only on the small results. A visit
    is to a new or an old customer by table ``customer_types``, as counting
    does (:data:`okrkit.evidence.count.CUSTOMER_TYPES`).
    """
    from okrkit.evidence.count import counted_where

    fids = {name: [run.fids[str(f.path)] for f in files] for name, files in run.files.items()}
    table, where = counted_where(rule, fids)
    source = f"(SELECT *, lower(customer) AS ckey FROM {table} WHERE reason IS NULL)"
    if table == "ev_checkin_judged":  # the counting module's alias: its filter reads t.ctype
        source = (f"(SELECT c.*, types.ctype FROM {source} c "
                  "LEFT JOIN customer_types types ON types.ckey = c.ckey)")  # fmt: skip
    return f"SELECT _fid, _row, tid, ts, ckey FROM {source} t WHERE tid IS NOT NULL AND ({where})"


# an event's id from its file and row: unique among counted records, no window to number them
EVENT_ID = "(CAST(_fid AS BIGINT) * 1099511627776 + _row)"


def link_keys(con, stage: str, above: str) -> str:
    """``cal_keys_<stage>``: a number (``kid``) for each (team, customer) the stage above reached.

    Tracing a unit of the stage above to its unit of ``stage`` then joins on
    one integer instead of the team's number and the customer's text (half
    the ASOF join's work at 10,000 reps), and only units of ``stage`` with a
    key can be traced at all. ``last_ts`` is the pair's latest unit above: a
    unit of ``stage`` after it is traced to nothing (a trace goes from a unit
    above back to the latest unit of ``stage`` at or before it), so it is
    left out of the trace's input (at 1,000 generated reps, 687,000 calls
    kept instead of 1.1 million).
    """
    table = f"cal_keys_{stage}"
    con.execute(f"""
        CREATE TABLE IF NOT EXISTS {table} AS
        SELECT row_number() OVER () AS kid, tid, ckey, last_ts
        FROM (SELECT tid, ckey, max(ts) AS last_ts FROM cal_ev_{above} WHERE ckey IS NOT NULL GROUP BY ALL)
    """)  # fmt: skip
    return table


def _stage_events(run, stage: str, rule, traced_to: str | None) -> None:
    """``cal_ev_<stage>`` and ``cal_n``'s rows for ``stage``.

    Every event is kept (``eid, tid, team, ts, ckey``) and its months
    counted from the kept table; or, with ``traced_to`` (the bottom stage:
    calls), one pass over the evidence rule's records counts every month and
    keeps, as ``eid, kid, ts``, only the events to a (team, customer) the
    stage above reached at or after them (:func:`link_keys`) — a second
    pass over tens of millions of judged records, spilled to disk, would
    cost more than all the rest of calibration. Either way the records are
    read by the team's number, and the team named on the kept events or the
    monthly counts.
    """
    con = run.con
    records = counted_records(run, rule)
    if traced_to is None:
        con.execute(f"""
            CREATE OR REPLACE TABLE cal_ev_{stage} AS
            SELECT {EVENT_ID} AS eid, e.tid, teams.team, e.ts, e.ckey
            FROM ({records}) e JOIN teams USING (tid)
        """)  # fmt: skip
        con.execute(f"""
            INSERT INTO cal_n SELECT '{stage}', tid, team, CAST(date_trunc('month', ts) AS DATE), count(*)
            FROM cal_ev_{stage} GROUP BY ALL
        """)  # fmt: skip
        return
    keys = link_keys(con, stage, traced_to)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE cal_by_month AS
        SELECT c.tid, CAST(date_trunc('month', c.ts) AS DATE) AS month, count(*) AS n,
            list({{'eid': {EVENT_ID.replace('_fid', 'c._fid').replace('_row', 'c._row')},
                   'kid': k.kid, 'ts': c.ts}}) FILTER (WHERE c.ts <= k.last_ts) AS traced
        FROM ({records}) c LEFT JOIN {keys} k ON k.tid = c.tid AND k.ckey = c.ckey
        GROUP BY ALL
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO cal_n SELECT '{stage}', tid, teams.team, month, n
        FROM cal_by_month JOIN teams USING (tid)
    """)  # fmt: skip
    con.execute(f"""
        CREATE OR REPLACE TABLE cal_ev_{stage} AS
        SELECT unnest(traced, recursive := true) FROM cal_by_month
        WHERE traced IS NOT NULL
    """)  # fmt: skip
    con.execute("DROP TABLE cal_by_month")


def _opportunities(history: History) -> None:
    """``cal_opps``: counted opportunities with their outcome; impossible ones rejected.

    The judged table keeps no status or closing time, so they are read from
    the export again: only those two columns (as the engine's parse select
    reads them: trimmed text, the time folded half-width), and the closing
    time parsed, with the engine's own time formats, for the counted
    opportunities only, after joining them on their file and row.
    """
    from okrkit.evidence.classify import text_sql, time_layers, time_sql
    from okrkit.evidence.sources import literal

    run, con = history.run, history.con
    parts = []
    for spec in run.config.sources:
        if spec.kind != "opportunity":
            continue
        text, number = time_layers("time_raw", spec.option("time_formats"))
        closed = time_sql(spec.timezone, run.config.timezone)
        for loaded in run.files.get(spec.name, []):
            column = loaded.columns.get
            fid = int(run.fids[str(loaded.path)])
            parts.append(f"""
                SELECT *, {closed} AS closed_ts FROM (SELECT *, {number} FROM (SELECT *, {text} FROM (
                    SELECT o.*, s.opp_status, s.time_raw FROM (SELECT * FROM counted WHERE _fid = {fid}) o
                    JOIN (SELECT _row, {text_sql(column("status"))} AS opp_status,
                              {text_sql(column("closed"), fold=True)} AS time_raw
                          FROM {loaded.relation}) s USING (_row))))
            """)  # fmt: skip
    won = ", ".join(literal(s) for s in WON_STATUSES)
    lost = ", ".join(literal(s) for s in LOST_STATUSES)
    outcomes = " UNION ALL BY NAME ".join(f"({p})" for p in parts) if parts else (
        "SELECT *, NULL AS opp_status, NULL::TIMESTAMP AS closed_ts FROM counted LIMIT 0")  # fmt: skip
    con.execute(f"""
        CREATE OR REPLACE TABLE cal_opps_all AS
        WITH counted AS (
            SELECT o._fid, o._row, teams.team, o.ts, lower(o.customer) AS ckey, o.amount
            FROM ev_opportunity_judged o JOIN teams USING (tid) WHERE o.reason IS NULL
        )
        SELECT _fid, _row, team, ts, ckey, amount,
            CASE WHEN opp_status IN ({won}) THEN 'won' WHEN opp_status IN ({lost}) THEN 'lost'
                 ELSE 'open' END AS outcome,
            closed_ts
        FROM ({outcomes})
    """)  # fmt: skip
    rows = con.execute("""
        SELECT f.file, f.sheet, a._row,
            CASE WHEN a.closed_ts IS NULL THEN 'no_close' ELSE 'before' END,
            CAST(a.ts AS DATE), CAST(a.closed_ts AS DATE)
        FROM cal_opps_all a JOIN files f ON f.fid = a._fid
        WHERE a.outcome = 'won' AND (a.closed_ts IS NULL OR a.closed_ts < a.ts)
        ORDER BY f.file, a._row
    """).fetchall()  # fmt: skip
    for file, sheet, row, kind, created, closed in rows:
        place = f"{sheet}!{row}" if sheet else f"row {row}"
        if kind == "no_close":
            history.rejects.append(Reject(file, place,
                f"won with no closing date (created {created}): a deal needs the day it was won",
                f"赢单但没有结单时间（创建于 {created}）：成交必须有结单日期"))  # fmt: skip
        else:
            history.rejects.append(Reject(file, place,
                f"won on {closed}, before it was created on {created}",
                f"结单时间 {closed} 早于创建时间 {created}"))  # fmt: skip
    con.execute("""
        CREATE OR REPLACE TABLE cal_opps AS SELECT row_number() OVER () AS oid, * FROM cal_opps_all
        WHERE NOT (outcome = 'won' AND (closed_ts IS NULL OR closed_ts < ts))
    """)  # fmt: skip


def teams_frame(history: History):
    """Each team with records: its department (the parent team) — the shrinkage groups."""
    import pandas as pd

    case = history.case
    rows = []
    for team in case.teams.values():
        if team.person.zh or team.person.en:
            rows.append({"team": team.id, "department": team.parent or "company"})
    return pd.DataFrame(rows, columns=["team", "department"])

"""Stage-to-stage conversion from the records: the cohort method and the period method.

For a stage (calls) and the stage above it (visits):

- **cohort method**: the calls made in month m form a cohort; a call converts
  when a visit to the same customer follows it within the horizon H (each
  visit is traced to the latest call to that customer before it, by an ASOF
  join). Only cohorts whose last day is at least H before the end of the
  history count: a younger cohort has not had its H days and would read low.
  For opportunities → deals the link is the opportunity itself (won within H
  of being created).
- **period method**: this year's visits ÷ this year's calls. It needs no link
  and no maturity, but it divides this year's results by this year's
  activity, so a pipeline that grew or shrank over the year (or a lag that
  carries December's calls into next year) biases it.

Which is used, and why, per stage: the cohort method when its mature cohorts
hold enough units (:data:`MIN_COHORTS` months, :data:`MIN_UNITS` units),
because it follows each unit to its outcome; else the period method when the
year holds enough units; else the case's assumption is kept and named as such.
A stage whose stage above has no record in the history at all keeps the
assumption too: its units cannot be traced to anything (QA H6).

A stage's ``other_share`` (half of A公司's opportunities come from old
customers) is the share of the stage above that no unit of this stage led to
within H — opportunities on accounts no new-customer visit preceded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from okrkit.calibrate.records import History, link_keys
from okrkit.calibrate.shrinkage import LEVEL, shrink
from okrkit.model import Text

DEFAULT_HORIZON = 120  # days: an opportunity won later than this is rare in a 2-6 month sale
MIN_COHORTS = 3  # mature monthly cohorts the cohort method needs
MIN_UNITS = 30  # units of the stage (company-wide) either method needs


@dataclass(frozen=True)
class StageRate:
    """A stage's calibrated rate: the method used and why, and the estimates."""

    stage: str
    above: str
    method: str  # cohort | period | assumption
    reason: Text
    horizon: int
    cohort_rate: float | None
    period_rate: float | None
    cohorts: int  # mature cohorts (months) company-wide
    estimates: object  # DataFrame from shrink(): rep, department, company rows
    other_share: object | None  # DataFrame from shrink() for the stage's other_share, or None
    unlinked_share: float | None  # share of the stage above no unit of this stage led to

    def company(self, frame=None):
        """The company row of the estimates (or of ``frame``)."""
        frame = self.estimates if frame is None else frame
        return frame[frame["level"] == "company"].iloc[0]

    def rep(self, team: str):
        """The rep's row of the estimates."""
        rows = self.estimates[
            (self.estimates["level"] == "rep") & (self.estimates["group"] == team)
        ]
        return rows.iloc[0] if len(rows) else None


def _linked(history: History, stage: str, above: str) -> str:
    """``cal_link_<stage>``: each unit of the stage above, traced to its unit of ``stage``.

    Made once per open history, whatever the horizon: a trace does not depend
    on it, so the workbook's horizon slider only re-counts (:func:`within`)
    instead of joining a year of records again. Returns the table's name.
    """
    table = f"cal_link_{stage}"
    if above == "deals":  # an opportunity's own outcome
        history.con.execute(f"""
            CREATE TABLE IF NOT EXISTS {table} AS
            SELECT team, closed_ts AS t_ts, oid AS f_eid, ts AS f_ts
            FROM cal_opps WHERE outcome = 'won'
        """)  # fmt: skip
        return table
    if history.con.execute(
        f"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"
    ).fetchone()[0]:
        return table
    keys = link_keys(history.con, stage, above)
    columns = {
        row[0] for row in history.con.execute(f"DESCRIBE cal_ev_{stage}").fetchall()
    }  # the bottom stage keeps its traceable events by key already (records._stage_events)
    units = (
        f"SELECT eid, kid, ts FROM cal_ev_{stage}"
        if "kid" in columns
        else f"SELECT e.eid, k.kid, e.ts FROM cal_ev_{stage} e JOIN {keys} k USING (tid, ckey) "
        "WHERE e.ts <= k.last_ts"  # after the pair's last unit above: traced to nothing
    )
    # a unit above with no customer has no key: it stays, traced to nothing
    history.con.execute(f"""
        CREATE TABLE {table} AS
        SELECT t.team, t.ts AS t_ts, f.eid AS f_eid, f.ts AS f_ts
        FROM (SELECT a.team, a.ts, k.kid FROM cal_ev_{above} a LEFT JOIN {keys} k USING (tid, ckey)) t
            ASOF LEFT JOIN ({units}) f ON t.kid = f.kid AND t.ts >= f.ts
    """)  # fmt: skip
    return table


def within(horizon: int) -> str:
    """SQL: the traced unit of the stage above came within ``horizon`` days of its unit."""
    return f"coalesce(t_ts <= f_ts + INTERVAL {int(horizon)} DAY, false)"


def _monthly_units(stage: str) -> str:
    """Per team and month, the units of ``stage`` (n)."""
    if stage == "opportunities":  # the counted opportunities less the impossible ones
        return (
            "SELECT team, CAST(date_trunc('month', ts) AS DATE) AS month, count(*) AS n "
            "FROM cal_opps GROUP BY ALL"
        )
    return f"SELECT team, month, n FROM cal_n WHERE stage = '{stage}'"


def cohort_counts(history: History, stage: str, above: str, horizon: int = DEFAULT_HORIZON):
    """Per team and month: units of ``stage`` (n), those converted within H (k), mature or not.

    k counts the distinct units a trace within H reached, by the unit's own
    month; n comes from the monthly counts, so the year's units are never
    joined one by one. A month is mature when its last day lies at least H
    days before the end of the history.
    """
    link = _linked(history, stage, above)
    cutoff = history.as_of - dt.timedelta(days=horizon)
    return history.con.execute(f"""
        WITH k AS (
            SELECT team, CAST(date_trunc('month', f_ts) AS DATE) AS month,
                count(DISTINCT f_eid) AS k
            FROM {link} WHERE {within(horizon)} GROUP BY ALL
        )
        SELECT u.team, u.month, u.n, coalesce(k.k, 0) AS k,
            last_day(u.month) < DATE '{cutoff}' AS mature
        FROM ({_monthly_units(stage)}) u LEFT JOIN k USING (team, month)
        ORDER BY u.team, u.month, u.n, k
    """).df()  # fmt: skip


def period_counts(history: History, stage: str, above: str, horizon: int = DEFAULT_HORIZON):
    """Per team: units of ``stage`` (f), of the stage above (t) and those linked within H."""
    t_rel = (
        "SELECT team, closed_ts AS ts FROM cal_opps WHERE outcome = 'won'"
        if above == "deals"
        else f"SELECT team, ts FROM cal_ev_{above}"
    )
    link = _linked(history, stage, above)
    start, end = history.start, history.as_of
    return history.con.execute(f"""
        WITH f AS (SELECT team, sum(n) AS f FROM ({_monthly_units(stage)}) GROUP BY 1),
        t AS (SELECT team, count(*) AS t FROM ({t_rel})
              WHERE ts >= TIMESTAMP '{start}' AND ts < TIMESTAMP '{end}' GROUP BY 1),
        l AS (SELECT team, count(*) AS t_all, count(*) FILTER (WHERE {within(horizon)}) AS t_linked
              FROM {link} GROUP BY 1)
        SELECT f.team, f.f, coalesce(t.t, 0) AS t, coalesce(l.t_all, 0) AS t_all,
            coalesce(l.t_linked, 0) AS t_linked
        FROM f LEFT JOIN t USING (team) LEFT JOIN l USING (team) ORDER BY 1
    """).df()  # fmt: skip


def _with_departments(history: History, frame):
    parents = {t.id: t.parent for t in history.case.teams.values() if t.parent}
    frame = frame.copy()
    frame["department"] = frame["team"].map(parents).fillna("company")
    return frame


def stage_rate(
    history: History,
    stage,
    above: str,
    *,
    horizon: int = DEFAULT_HORIZON,
    strength: float | None = None,
    level: float = LEVEL,
) -> StageRate:
    """One stage's rate by the method its history supports, per rep, department, company."""
    import pandas as pd

    cohorts = cohort_counts(history, stage.id, above, horizon)
    period = period_counts(history, stage.id, above, horizon)
    mature = cohorts[cohorts["mature"]] if len(cohorts) else cohorts
    per_team = (
        mature.groupby("team")[["k", "n"]].sum().reset_index()
        if len(mature)
        else pd.DataFrame({"team": [], "k": [], "n": []})
    )
    months = mature.groupby("month")["n"].sum() if len(mature) else pd.Series(dtype=float)
    n_cohorts = int((months > 0).sum())
    cohort_units, period_units = float(per_team["n"].sum()), float(period["f"].sum())
    cohort_rate = per_team["k"].sum() / cohort_units if cohort_units else None
    t_all = float(period["t_all"].sum())
    unlinked = (t_all - float(period["t_linked"].sum())) / t_all if t_all else None
    other_part = unlinked if stage.other_share else 0.0
    period_rate = (
        float(period["t"].sum()) * (1 - (other_part or 0)) / period_units if period_units else None
    )
    above_units = float(period["t"].sum()) + t_all
    if above_units == 0 and (cohort_units or period_units):
        # No unit of the stage above is in the history (visits all out of period):
        # a 0% traced from nothing is not a rate, and would ask for 12x the calls.
        method = "assumption"
        name = getattr(stage, "name", None) or Text()
        reason = Text(
            zh=f"上一阶段（{above}）在历史期内没有一条记录，{period_units:.0f}个"
            f"{name.zh or stage.id}无从追溯结果：保留案例的假设",
            en=f"the stage above ({above}) has no record in the history period, so the "
            f"{period_units:.0f} {name.en or stage.id} cannot be traced to any outcome: "
            "the case's assumption is kept",
        )
        counts = pd.DataFrame({"team": period["team"], "k": 0.0, "n": 0.0})
    elif n_cohorts >= MIN_COHORTS and cohort_units >= MIN_UNITS:
        method = "cohort"
        reason = Text(
            zh=f"按批次法：{n_cohorts}个月的批次已满{horizon}天，共{cohort_units:.0f}个，每个都跟踪到结果",
            en=f"cohort method: {n_cohorts} monthly cohorts are older than {horizon} days, "
            f"{cohort_units:.0f} units, each followed to its outcome",
        )
        counts = per_team
    elif period_units >= MIN_UNITS:
        method = "period"
        reason = Text(
            zh=f"按期间法：满{horizon}天的批次不足{MIN_COHORTS}个月或{MIN_UNITS}个；"
            "全年结果÷全年活动，全年量有升降时会有偏差",
            en=f"period method: fewer than {MIN_COHORTS} monthly cohorts (or {MIN_UNITS} units) "
            f"older than {horizon} days; this year's results ÷ this year's activity, "
            "biased when volume rose or fell over the year",
        )
        k = (period["t"] * (1 - (other_part or 0))).round().clip(upper=period["f"])
        counts = pd.DataFrame({"team": period["team"], "k": k, "n": period["f"]})
    else:
        method = "assumption"
        reason = Text(
            zh=f"历史数据太少（{period_units:.0f}个，至少需要{MIN_UNITS}个）：保留案例的假设",
            en=f"too little history ({period_units:.0f} units; at least {MIN_UNITS} needed): "
            "the case's assumption is kept",
        )
        counts = pd.DataFrame({"team": period["team"], "k": 0.0, "n": 0.0})
    counts = _with_departments(history, counts)
    estimates = shrink(counts, strength=strength, level=level) if len(counts) else None
    other = None
    if stage.other_share and method != "assumption" and t_all:
        share = pd.DataFrame({
            "team": period["team"], "k": period["t_all"] - period["t_linked"], "n": period["t_all"],
        })  # fmt: skip
        other = shrink(_with_departments(history, share), strength=strength, level=level)
    return StageRate(
        stage.id, above, method, reason, horizon, cohort_rate, period_rate, n_cohorts,
        estimates, other, unlinked,
    )  # fmt: skip

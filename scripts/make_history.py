"""A seeded year of LINKED sales history for N reps: what ``okrkit calibrate`` reads, at scale.

    .venv/bin/python scripts/make_history.py --reps 1000 --out /tmp/hist-1000 [--seed 7]
    .venv/bin/python scripts/make_records.py --reps 1000 --out /tmp/hist-1000   # the same

scripts/make_records.py --year 2014 makes A公司's three reps event by event in
Python (Excel, GBK CSV, WeCom JSON). This makes the same kind of history for
any number of reps, in DuckDB, so that 10,000 reps (~55 million records) take
minutes, not hours. Every record follows from the one before it, as in a real
CRM, so cohorts can be traced:

- a rep calls (``电话`` of 60-900 s) on working days, weighted by the calendar
  (make_records' 2014 holidays, the Spring Festival dip, the year-end push)
  and by a per-month effort factor (good and bad months: what lets the drivers
  see calls move results); 70% of calls go to the rep's 400 new prospects, 30%
  to the rep's 12 old customers; around them short calls (< 60 s) and 微信;
- a call to a new customer books a visit 2-21 days later with the rep's
  probability (``p_visit`` / 0.7 per new-customer call, so ``p_visit`` visits
  per effective call); the visit is a DingTalk sign-in at that customer
  (one per customer and day); old customers are revisited about monthly;
- a new-customer visit opens an opportunity on that account 0-30 days later
  with the rep's ``p_opp``; old customers bring about as many again
  (other_share 50%); 5% more are marked 无效;
- an opportunity closes 15 + Gamma(2, 15) days after it was created, won with
  the rep's ``p_win``, else lost; one closing after the year end is still
  open (进行中, censored); amounts are lognormal with a mean of 20万.

The reps' true rates are drawn once from the seed (numpy): departments of
:data:`DEPARTMENT_SIZE` reps with their own visit rate, each rep's rates
Beta-distributed around the department's, and written to ``truth.parquet``
beside ``case.yaml``, so a test can hold calibration's estimates to them.
Every per-record draw is a DuckDB ``hash`` of (seed, record key, purpose):
the same seed gives the same bytes.

The folder is a case like cases/a-company: ``case.yaml`` with A公司's funnel
and an ``evidence:`` block whose sources point at ``records/2015/…``; the
history is ``records/2014/`` (Parquet, with the exports' column names and
text timestamps, as benchmarks/bench_evidence.py writes them); one team file
per rep (``teams/R00001.yaml``, parent its department) and per department.
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_records import weight, working_days

HISTORY = 2014
DEPARTMENT_SIZE = 10
NEW_PROSPECTS, OLD_CUSTOMERS = 400, 12
NEW_SHARE = 0.7  # of effective calls, to new prospects
CALLS_PER_WEEK = 80  # a typical rep's effective calls; each rep 0.7-1.3x this
VISIT_RATE = 0.05  # new-customer visits booked per effective call (A公司's assumption)
OPP_RATE, WIN_RATE, OTHER_SHARE = 0.5, 0.25, 0.5
DEAL_MEAN, DEAL_SIGMA = 20.0, 0.6  # 万元, lognormal
FILES = ("crm-followups.parquet", "dingtalk-checkins.parquet", "crm-opportunities.parquet")

CASE_YAML = """# A generated organisation of {reps} reps (scripts/make_history.py, seed {seed}):
# A公司's funnel, and last year's linked records under records/2014.
id: generated-{reps}
name: {{zh: 生成的{reps}人销售团队, en: Generated sales force of {reps} reps}}
year: 2015
kpi:
  text: {{zh: 2015年的销售指标, en: 2015 sales target}}
  target: {target}
  unit: {{zh: 万元, en: 10k RMB}}
funnel:
  calendar: {{week: 48, month: 12, quarter: 4, year: 1}}
  stages:
    - id: revenue
      name: {{zh: 销售额, en: sales}}
      unit: {{zh: 万元, en: 10k RMB}}
    - id: deals
      name: {{zh: 成交项目, en: deals won}}
      unit: {{zh: 个, en: deals}}
      cadence: quarter
      rate: 20           # average deal size (assumption)
      rate_name: {{zh: 平均单笔成交额（万元）, en: average deal size (10k RMB)}}
    - id: opportunities
      name: {{zh: 新增项目机会, en: new project opportunities}}
      unit: {{zh: 个, en: opportunities}}
      cadence: month
      rate: 25%          # win rate (assumption)
      rate_name: {{zh: 赢单率, en: win rate}}
    - id: visits
      name: {{zh: 新客户拜访, en: new-customer visits}}
      unit: {{zh: 家, en: visits}}
      cadence: month
      rate: 0.5          # opportunities per new-customer visit (assumption)
      rate_name: {{zh: 每次新客户拜访带来的项目机会, en: opportunities per new-customer visit}}
      other_share: 50%   # opportunities from old customers (assumption)
    - id: calls
      name: {{zh: 有效电话, en: effective calls}}
      unit: {{zh: 个, en: calls}}
      cadence: week
      rate: 5%           # visits booked per effective call (assumption)
      rate_name: {{zh: 每个有效电话约到拜访的比例, en: visits booked per effective call}}
evidence:
  timezone: Asia/Shanghai
  sources:
    followups: {{preset: crm-followups, format: parquet, files: records/2015/crm-followups.parquet}}
    checkins: {{preset: dingtalk-checkin, format: parquet, files: records/2015/dingtalk-checkins.parquet}}
    opportunities: {{preset: crm-opportunities, format: parquet, files: records/2015/crm-opportunities.parquet}}
  rules:
    - {{stage: calls, count: calls, min_seconds: 60}}
    - {{stage: visits, count: visits, customer: new}}
    - {{stage: opportunities, count: opportunities}}
"""
DEPT_YAML = """id: {id}
name: {{zh: 销售{id}部, en: Sales {id}}}
level: department
objectives:
  - id: O1
    title: {{zh: 完成销售任务, en: Reach the sales target}}
    key_results:
      - {{id: KR1.1, text: {{zh: 销售额达标, en: Sales target reached}}, kind: result, target: 100%, direction: at_least, unit: "%", weight: 100%}}
"""
REP_YAML = """id: {id}
name: {{zh: 销售{id}, en: Rep {id}}}
person: {{zh: {id}}}
level: position
parent: {dept}
objectives:
  - id: O1
    title: {{zh: 完成销售目标, en: Reach my sales target}}
    key_results:
      - {{id: KR1.1, text: {{zh: 每周80个有效电话}}, kind: process, target: 80, direction: at_least, cadence: week, stage: calls, weight: 30%}}
      - {{id: KR1.2, text: {{zh: 每月拜访新客户16家}}, kind: process, target: 16, direction: at_least, cadence: month, stage: visits, weight: 30%}}
      - {{id: KR1.3, text: {{zh: 每月新增项目机会16个}}, kind: process, target: 16, direction: at_least, cadence: month, stage: opportunities, weight: 40%}}
"""


def rep_id(index: int) -> str:
    return f"R{index:05d}"


def dept_id(index: int) -> str:
    return f"D{index:04d}"


def _beta(rng, mean, concentration):
    """Beta draws with the given mean(s) and a + b = ``concentration``."""
    import numpy as np

    mean = np.clip(mean, 1e-3, 1 - 1e-3)
    return rng.beta(mean * concentration, (1 - mean) * concentration)


def truth_frame(reps: int, seed: int):
    """Each rep's true rates (the seed's numpy draws): department, calls a week, p_visit, p_opp, p_win."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    depts = math.ceil(reps / DEPARTMENT_SIZE)
    dept_visit = VISIT_RATE * np.exp(rng.normal(0, 0.2, depts))  # departments differ a little
    dept = np.arange(reps) // DEPARTMENT_SIZE
    return pd.DataFrame({
        "r": np.arange(reps, dtype=np.int32),
        "team": [rep_id(i) for i in range(reps)],
        "department": [dept_id(d) for d in dept],
        "calls_per_week": CALLS_PER_WEEK * rng.uniform(0.7, 1.3, reps),
        "p_visit": _beta(rng, dept_visit[dept], 400),
        "p_opp": _beta(rng, np.full(reps, OPP_RATE), 60),
        "p_win": _beta(rng, np.full(reps, WIN_RATE), 80),
    })  # fmt: skip


def write_case(folder: Path, reps: int, seed: int) -> None:
    """The case folder: case.yaml, the department and rep team files."""
    teams = folder / "teams"
    teams.mkdir(parents=True, exist_ok=True)
    target = round(reps * CALLS_PER_WEEK * 48 * VISIT_RATE * OPP_RATE * 2 * WIN_RATE * DEAL_MEAN)
    (folder / "case.yaml").write_text(
        CASE_YAML.format(reps=reps, seed=seed, target=target), encoding="utf-8"
    )
    for d in range(math.ceil(reps / DEPARTMENT_SIZE)):
        (teams / f"{dept_id(d)}.yaml").write_text(DEPT_YAML.format(id=dept_id(d)), encoding="utf-8")
    for r in range(reps):
        text = REP_YAML.format(id=rep_id(r), dept=dept_id(r // DEPARTMENT_SIZE))
        (teams / f"{rep_id(r)}.yaml").write_text(text, encoding="utf-8")


def _u(*key) -> str:
    """SQL for a uniform draw in [0, 1) from (seed, key…): DuckDB's hash, so it is the seed's alone.

    Hashed twice: DuckDB combines several arguments' hashes with little mixing,
    so hash(seed, k, 10) and hash(seed, k, 11) correlate at 0.98 (an old
    customer's index drawn from one would land on 5 of the 12); the hash of
    that hash does not (|r| < 0.005 over 90,000 keys).
    """
    return f"(hash(hash(getvariable('seed'), {', '.join(str(k) for k in key)}))::DOUBLE / 18446744073709551616.0)"


TIME_TEXT = "strftime({ts}, '%Y-%m-%d %H:%M:%S')"


def write_records(con, out: Path, reps: int) -> None:
    """The three exports of the history year as Parquet, each record traced from the one before."""
    days = working_days(HISTORY)
    con.execute(
        "CREATE TABLE days (di INTEGER, day DATE, m INTEGER, w DOUBLE, mi INTEGER, mn INTEGER)"
    )
    per_month: dict[int, int] = {}
    rows = []
    for di, day in enumerate(days):
        rows.append((di, day, day.month, weight(day), per_month.get(day.month, 0)))
        per_month[day.month] = per_month.get(day.month, 0) + 1
    con.executemany(
        "INSERT INTO days VALUES (?, ?, ?, ?, ?, NULL)", [list(row) for row in rows]
    )  # fmt: skip
    con.execute("UPDATE days SET mn = (SELECT count(*) FROM days d WHERE d.m = days.m)")
    year_end = f"TIMESTAMP '{HISTORY}-12-31 23:59:59'"
    # calls per rep and day: the rep's volume x the calendar's weight x the month's effort
    # x noise, rounded by a draw so the expected count is exact
    con.execute(f"""
        CREATE TABLE rep_days AS
        SELECT t.r, t.team, t.p_visit, t.p_opp, t.p_win, d.di, d.day,
            CAST(floor(t.calls_per_week * 48 / {len(days)} * d.w
                * (0.6 + 0.8 * {_u('t.r', 'd.m', 1)}) * (0.75 + 0.5 * {_u('t.r', 'd.di', 2)})
                + {_u('t.r', 'd.di', 3)}) AS INTEGER) AS n
        FROM truth t CROSS JOIN days d ORDER BY t.r, d.di
    """)  # fmt: skip
    # every follow-up of a rep's day: j < n an effective call, then 25% short calls, 10% 微信
    con.execute(f"""
        CREATE VIEW followups AS
        SELECT r, team, p_visit, di, day, j, kind,
            {_u('r', 'di', 'j', 10)} < {NEW_SHARE} AS new,
            CASE WHEN {_u('r', 'di', 'j', 10)} < {NEW_SHARE}
                 THEN 'K' || team || '-' || CAST(floor({_u('r', 'di', 'j', 11)} * {NEW_PROSPECTS}) AS INTEGER)
                 ELSE 'L' || team || '-' || CAST(floor({_u('r', 'di', 'j', 11)} * {OLD_CUSTOMERS}) AS INTEGER)
            END AS customer,
            CAST(day AS TIMESTAMP) + to_seconds(CAST(32400 + floor({_u('r', 'di', 'j', 12)} * 32400) AS BIGINT)) AS ts,
            CASE kind WHEN 'call' THEN 60 + floor({_u('r', 'di', 'j', 13)} * 841)
                      WHEN 'short' THEN floor({_u('r', 'di', 'j', 13)} * 60) END AS seconds
        FROM (SELECT *, CASE WHEN j < n THEN 'call' WHEN j < n + round(n * 0.25) THEN 'short'
                             ELSE 'wechat' END AS kind
              FROM (SELECT *, unnest(range(n + CAST(round(n * 0.35) AS INTEGER))) AS j FROM rep_days))
    """)  # fmt: skip
    con.execute(f"""
        COPY (SELECT 'GJ' || team || '-' || di || '-' || j AS 跟进记录ID, team AS 负责人,
            customer AS 客户名称, CASE WHEN new THEN '新客户' ELSE '老客户' END AS 客户类型,
            CASE kind WHEN 'wechat' THEN '微信' ELSE '电话' END AS 跟进方式,
            {TIME_TEXT.format(ts='ts')} AS 跟进时间,
            CAST(CAST(seconds AS INTEGER) AS VARCHAR) AS "通话时长(秒)"
        FROM followups) TO '{out / FILES[0]}' (FORMAT parquet)
    """)  # fmt: skip
    # a booked visit: a call to a new customer that books one, 2-21 days later;
    # one sign-in per customer and day (the first call that booked it)
    con.execute(f"""
        CREATE TABLE visits AS
        SELECT r, team, customer, vday, min(j * 1000 + di) AS key FROM (
            SELECT r, team, customer, di, j, day + CAST(2 + floor({_u('r', 'di', 'j', 20)} * 20) AS INTEGER) AS vday
            FROM followups
            WHERE kind = 'call' AND new AND {_u('r', 'di', 'j', 21)} < p_visit / {NEW_SHARE})
        WHERE year(vday) = {HISTORY} GROUP BY ALL
    """)  # fmt: skip
    # old customers: most revisited once a month, on one of the month's working days
    con.execute(f"""
        CREATE TABLE revisits AS
        SELECT t.r, t.team, 'L' || t.team || '-' || c.k AS customer, d.day AS vday, c.k * 100 + m.m AS key
        FROM truth t CROSS JOIN range({OLD_CUSTOMERS}) c(k) CROSS JOIN (SELECT DISTINCT m FROM days) m
        JOIN days d ON d.m = m.m AND d.mi = CAST(floor({_u('t.r', 'c.k', 'm.m', 30)} * d.mn) AS INTEGER)
        WHERE {_u('t.r', 'c.k', 'm.m', 31)} < 0.9
    """)  # fmt: skip
    con.execute(f"""
        COPY (SELECT 姓名, 签到时间, 拜访对象, 纬度, 经度 FROM (
            SELECT r, vday, customer, team AS 姓名,
                strftime(CAST(vday AS TIMESTAMP) + to_seconds(CAST(32400 + floor({_u('r', 'key', 40)} * 30600) AS BIGINT)),
                         '%Y-%m-%d %H:%M') AS 签到时间,
                customer AS 拜访对象,
                printf('%.6f', 31.23 + 0.4 * {_u('r', 'key', 41)} - 0.2) AS 纬度,
                printf('%.6f', 121.47 + 0.4 * {_u('r', 'key', 42)} - 0.2) AS 经度
            FROM (SELECT * FROM visits UNION ALL SELECT * FROM revisits))
        ORDER BY r, vday, 拜访对象) TO '{out / FILES[1]}' (FORMAT parquet)
    """)  # fmt: skip
    # opportunities: from new-customer visits (p_opp, 0-30 days later), and about as
    # many again from old customers, spread over the working days
    con.execute(f"""
        CREATE TABLE opps AS
        SELECT v.r, v.team, v.customer, v.key * 2 AS key, t.p_win,
            CAST(v.vday + CAST(floor({_u('v.r', 'v.key', 50)} * 31) AS INTEGER) AS TIMESTAMP)
                + to_seconds(CAST(32400 + floor({_u('v.r', 'v.key', 51)} * 32400) AS BIGINT)) AS created
        FROM visits v JOIN truth t USING (r)
        WHERE {_u('v.r', 'v.key', 52)} < t.p_opp
    """)  # fmt: skip
    con.execute(f"DELETE FROM opps WHERE year(created) <> {HISTORY}")
    other = OTHER_SHARE / (1 - OTHER_SHARE)
    con.execute(f"""
        INSERT INTO opps
        SELECT d.r, d.team, 'L' || d.team || '-' || CAST(floor({_u('d.r', 'd.di', 60)} * {OLD_CUSTOMERS}) AS INTEGER),
            d.di * 2 + 1, d.p_win,
            CAST(d.day AS TIMESTAMP) + to_seconds(CAST(32400 + floor({_u('d.r', 'd.di', 61)} * 32400) AS BIGINT))
        FROM rep_days d JOIN (SELECT r, count(*) AS n FROM opps GROUP BY r) o USING (r)
        WHERE {_u('d.r', 'd.di', 62)} < o.n * {other} / {len(days)}
    """)  # fmt: skip
    mu = math.log(DEAL_MEAN) - DEAL_SIGMA**2 / 2
    con.execute(f"""
        CREATE TABLE outcomes AS
        SELECT *, CASE WHEN closes > {year_end} THEN '进行中'
                       WHEN {_u('r', 'key', 70)} < p_win THEN '赢单' ELSE '输单' END AS status
        FROM (SELECT *, created + to_seconds(CAST(86400 * (15 - 15 * (ln(1 - {_u('r', 'key', 71)})
                  + ln(1 - {_u('r', 'key', 72)}))) AS BIGINT)) AS closes,
              greatest(1.0, round(exp({mu} + {DEAL_SIGMA} * sqrt(-2 * ln(1 - {_u('r', 'key', 73)}))
                  * cos(2 * pi() * {_u('r', 'key', 74)})), 1)) AS amount
              FROM opps)
    """)  # fmt: skip
    con.execute(f"""
        COPY (SELECT 'SJ{HISTORY}' || team || '-' || key || suffix AS 商机编号, team AS 负责人,
            customer AS 客户名称, CASE WHEN status = '赢单' THEN '成交' ELSE '方案报价' END AS 商机阶段,
            status AS 状态, CAST(amount AS VARCHAR) AS "预计金额(万元)",
            {TIME_TEXT.format(ts='created')} AS 创建时间,
            CASE WHEN status IN ('赢单', '输单') THEN {TIME_TEXT.format(ts='closes')} END AS 结单时间
        FROM (SELECT *, '' AS suffix FROM outcomes
              UNION ALL  -- 5% more marked 无效: entered, then judged not an opportunity
              SELECT r, team, customer, key, p_win, created, closes, amount, '无效', 'X' FROM outcomes
              WHERE {_u('r', 'key', 75)} < 0.05)
        ORDER BY 负责人, 创建时间, 商机编号) TO '{out / FILES[2]}' (FORMAT parquet)
    """)  # fmt: skip


def make_history(folder, reps: int, seed: int = 7) -> Path:
    """Write a case of ``reps`` reps and its linked 2014 history under ``folder``; returns the history."""
    import duckdb

    folder = Path(folder)
    write_case(folder, reps, seed)
    out = folder / "records" / str(HISTORY)
    out.mkdir(parents=True, exist_ok=True)
    (folder / "records" / str(HISTORY + 1)).mkdir(exist_ok=True)  # where the year's own exports go
    truth = truth_frame(reps, seed)
    con = duckdb.connect()
    # 10,000 reps write ~55M rows: bounded memory, spilling beside the output
    con.execute("SET memory_limit = '2GB'")
    con.execute(f"SET temp_directory = '{folder / '.generating'}'")
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"SET VARIABLE seed = {int(seed)}")
    con.register("truth_df", truth)
    con.execute("CREATE TABLE truth AS SELECT * FROM truth_df")
    con.execute(
        f"COPY (SELECT * FROM truth ORDER BY r) TO '{folder / 'truth.parquet'}' (FORMAT parquet)"
    )
    write_records(con, out, reps)
    con.close()
    shutil.rmtree(folder / ".generating", ignore_errors=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, required=True)
    parser.add_argument("--out", required=True, help="the case folder to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    history = make_history(args.out, args.reps, args.seed)
    print(f"wrote {args.out}: {args.reps} reps, history in {history}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: okrkit evidence on a generated year of records, against bare DuckDB in the same run.

    .venv/bin/python benchmarks/bench_evidence.py            # 100 and 1,000 reps, 200,000-row GBK CSV
    .venv/bin/python benchmarks/bench_evidence.py --full     # 1,000 and 10,000 reps, 1,000,000-row CSV
    .venv/bin/python benchmarks/bench_evidence.py --sizes 1000,3000 --data /tmp/ev --repeat 1

Records per rep and year, as the issue sizes them: 5,000 CRM follow-ups
(~80% calls), 500 check-ins, 250 opportunities, written as Parquet with the
columns and text timestamps of the CRM and DingTalk exports. Each
measurement runs in a fresh Python process, so its peak memory (ru_maxrss)
is its own:

- evidence: :func:`okrkit.evidence.run.evaluate` (read, parse, judge and
  merge every record) plus the per-rep weekly and monthly counts and the
  summary — what ``okrkit evidence`` does, without printing;
- floor: a bare DuckDB GROUP BY over the same files (parse the time, filter
  calls ≥ 60 s, visits with a customer, opportunities not 无效, count per
  person and week and month);
- CSV ingest: reading a GBK follow-up export (detect, transcode in chunks,
  load) and its UTF-8 twin, against DuckDB's own read_csv of the UTF-8 file.

Each line gives wall-clock and CPU ratios: on a machine shared with other
work the wall clock of the short floor swings more than its CPU time.

Targets (issue 12): evidence ≤ 2× the floor; CSV ingest ≤ 1.5× read_csv;
peak memory ≤ 2 GB; cost per rep flat from the small size to the large one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLS, CHECKINS, OPPS = 5000, 500, 250

CASE_YAML = """id: bench
name: {zh: 基准, en: Bench}
year: 2015
evidence:
  sources:
    calls: {preset: crm-followups, format: parquet, files: records/calls.parquet}
    checkins: {preset: dingtalk-checkin, format: parquet, files: records/checkins.parquet}
    opps: {preset: crm-opportunities, format: parquet, files: records/opps.parquet}
  rules:
    - {stage: calls, count: calls, min_seconds: 60}
    - {stage: visits, count: visits, customer: new}
    - {stage: opportunities, count: opportunities}
"""
TEAM_YAML = """id: {id}
name: {{zh: 销售{id}}}
person: {{zh: {id}}}
level: position
objectives:
  - id: O1
    title: {{zh: 完成销售目标}}
    key_results:
      - {{id: KR1.1, text: {{zh: 每周100个有效电话}}, kind: process, target: 100, direction: at_least, cadence: week, stage: calls, weight: 30%}}
      - {{id: KR1.2, text: {{zh: 每月拜访新客户20家}}, kind: process, target: 20, direction: at_least, cadence: month, stage: visits, weight: 30%}}
      - {{id: KR1.3, text: {{zh: 每月新增项目机会20个}}, kind: process, target: 20, direction: at_least, cadence: month, stage: opportunities, weight: 40%}}
"""
TS = "strftime(TIMESTAMP '2015-01-01' + to_seconds(CAST(hash(i * {k}) % 31536000 AS BIGINT)), '%Y-%m-%d %H:%M:%S')"
PERSON = "'R' || lpad(CAST(i % {reps} AS VARCHAR), 5, '0')"


def make_case(folder: Path, reps: int) -> None:
    """A case of ``reps`` position teams and a year of their records as Parquet."""
    import duckdb

    (folder / "teams").mkdir(parents=True)
    (folder / "records").mkdir()
    (folder / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
    for n in range(reps):
        rep = f"R{n:05d}"
        (folder / "teams" / f"{rep}.yaml").write_text(TEAM_YAML.format(id=rep), encoding="utf-8")
    con = duckdb.connect()
    person = PERSON.format(reps=reps)
    con.execute(f"""COPY (SELECT 'GJ' || i AS 跟进记录ID, {person} AS 负责人,
        '客户' || (hash(i * 5) % 3000) AS 客户名称,
        CASE WHEN hash(i * 7) % 10 < 3 THEN '老客户' ELSE '新客户' END AS 客户类型,
        CASE WHEN hash(i * 3) % 10 < 8 THEN '电话' ELSE '微信' END AS 跟进方式,
        {TS.format(k=11)} AS 跟进时间, CAST(hash(i * 13) % 600 AS VARCHAR) AS "通话时长(秒)"
        FROM range({reps * CALLS}) t(i)) TO '{folder}/records/calls.parquet'""")  # fmt: skip
    con.execute(f"""COPY (SELECT {person} AS 姓名, {TS.format(k=17)} AS 签到时间,
        CASE WHEN hash(i * 19) % 50 = 0 THEN NULL ELSE '客户' || (hash(i * 23) % 3000) END AS 拜访对象,
        '31.23' AS 纬度, '121.47' AS 经度
        FROM range({reps * CHECKINS}) t(i)) TO '{folder}/records/checkins.parquet'""")  # fmt: skip
    con.execute(f"""COPY (SELECT 'SJ' || i AS 商机编号, {person} AS 负责人, '客户' || (hash(i * 29) % 3000) AS 客户名称,
        '需求确认' AS 商机阶段, CASE WHEN hash(i * 31) % 12 = 0 THEN '无效' ELSE '进行中' END AS 状态,
        CAST(hash(i * 37) % 100 AS VARCHAR) AS "预计金额(万元)", {TS.format(k=41)} AS 创建时间, NULL AS 结单时间
        FROM range({reps * OPPS}) t(i)) TO '{folder}/records/opps.parquet'""")  # fmt: skip


def make_csv(folder: Path, rows: int) -> tuple[Path, Path]:
    """A follow-up export of ``rows`` rows in UTF-8 and its GBK twin."""
    import duckdb

    utf8, gbk = folder / "followups-utf8.csv", folder / "followups-gbk.csv"
    duckdb.connect().execute(f"""COPY (SELECT 'GJ' || i AS 跟进记录ID, {PERSON.format(reps=1000)} AS 负责人,
        '上海客户' || (hash(i * 5) % 3000) || '有限公司' AS 客户名称, '新客户' AS 客户类型, '电话' AS 跟进方式,
        {TS.format(k=11)} AS 跟进时间, CAST(hash(i * 13) % 600 AS VARCHAR) AS "通话时长(秒)"
        FROM range({rows}) t(i)) TO '{utf8}' (HEADER)""")  # fmt: skip
    with utf8.open(encoding="utf-8") as inp, gbk.open("w", encoding="gbk") as out:
        while chunk := inp.read(1 << 22):
            out.write(chunk)
    return utf8, gbk


CHILD = {
    "evidence": """
        import duckdb  # imported before the clock starts, as the floor's is
        from okrkit import load_case
        from okrkit.evidence.run import evaluate
        from okrkit.evidence.count import series_rows
        from okrkit.evidence.rejects import summary
        case = load_case(ARG)
        case_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the case model's share
        start = time.perf_counter()
        with evaluate(case, "2015") as run:
            rows = series_rows(run)
            counts = summary(run)
        seconds = time.perf_counter() - start
        extra = {"read": counts["total"]["read"], "counted": counts["total"]["counted"], "case_mb": case_mb}
    """,
    "floor": """
        import duckdb
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")  # a slow query must not draw on stdout
        start = time.perf_counter()
        r = ARG + "/records/"
        q = "SELECT p, date_trunc('week', t) w, date_trunc('month', t) m, count(*) FROM ({}) GROUP BY GROUPING SETS ((p, w), (p, m))"
        con.execute(q.format(f"SELECT 负责人 p, strptime(跟进时间, '%Y-%m-%d %H:%M:%S') t FROM '{r}calls.parquet' WHERE 跟进方式 = '电话' AND CAST(\\"通话时长(秒)\\" AS INT) >= 60")).fetchall()
        con.execute(q.format(f"SELECT 姓名 p, strptime(签到时间, '%Y-%m-%d %H:%M:%S') t FROM '{r}checkins.parquet' WHERE 拜访对象 IS NOT NULL")).fetchall()
        con.execute(q.format(f"SELECT 负责人 p, strptime(创建时间, '%Y-%m-%d %H:%M:%S') t FROM '{r}opps.parquet' WHERE 状态 <> '无效'")).fetchall()
        seconds = time.perf_counter() - start
        extra = {}
    """,
    "ingest": """
        import duckdb
        from pathlib import Path
        from okrkit.errors import ProblemLog
        from okrkit.evidence.mapping import SourceSpec
        from okrkit.evidence.presets import PRESETS
        from okrkit.evidence.sources import load_file
        spec = SourceSpec("f", "followup", (ARG,), columns=PRESETS["crm-followups"]["columns"])
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")  # a slow query must not draw on stdout
        start = time.perf_counter()
        work = tempfile.mkdtemp()
        loaded = load_file(con, spec, Path(ARG), 0, Path(work), ProblemLog())
        n = con.execute(f"SELECT count(*) FROM {loaded.relation}").fetchone()[0]
        seconds = time.perf_counter() - start
        extra = {"rows": n, "encoding": loaded.encoding}
    """,
    "read_csv": """
        import duckdb
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")  # a slow query must not draw on stdout
        start = time.perf_counter()
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{ARG}', header = true, all_varchar = true)")
        n = con.execute("SELECT count(*) FROM t").fetchone()[0]
        seconds = time.perf_counter() - start
        extra = {"rows": n}
    """,
}


def measure(kind: str, arg: str) -> dict:
    """Run one measurement in a fresh process: seconds, peak memory (MB) and extras."""
    code = f"import json, os, resource, sys, tempfile, time\nsys.path.insert(0, {str(ROOT)!r})\nARG = {arg!r}\n"
    # CPU seconds (all threads) beside the wall clock: on a machine shared with
    # other work the wall clock of a short run swings more than its CPU time.
    code += "cpu = lambda: sum(os.times()[:4])\n"  # with the worker processes a run waited for
    code += textwrap.dedent(CHILD[kind]).replace(
        "start = time.perf_counter()", "start = time.perf_counter(); cpu0 = cpu()"
    )
    code += "extra['cpu'] = cpu() - cpu0\n"
    code += "print(json.dumps({'seconds': seconds, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **extra}))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # the child's result is its last JSON line (anything a library drew before is skipped)
    return json.loads([line for line in out.stdout.splitlines() if line.startswith("{")][-1])


def paired(kinds: tuple[str, str], args: tuple[str, str], repeat: int) -> tuple[dict, dict]:
    """The best of ``repeat`` runs of each, alternated so that a busy moment hits both."""
    runs: tuple[list, list] = ([], [])
    for _ in range(repeat):
        for index in (0, 1):
            runs[index].append(measure(kinds[index], args[index]))
    return tuple(
        min(r, key=lambda x: x["seconds"]) | {"peak_mb": max(x["peak_mb"] for x in r)} for r in runs
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full", action="store_true", help="the issue's size: 10,000 reps, 1M-row CSV"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--sizes",
        help="rep counts to compare, e.g. 1000,3000 (default 100,1000; --full 1000,10000)",
    )
    parser.add_argument(
        "--csv-rows", type=int, help="rows of the GBK CSV (default 200,000; --full 1,000,000)"
    )
    parser.add_argument(
        "--data", type=Path, help="keep the generated cases here and reuse them on the next run"
    )
    args = parser.parse_args(argv)
    sizes = (1000, 10000) if args.full else (100, 1000)
    if args.sizes:
        sizes = tuple(int(n) for n in args.sizes.split(","))
    csv_rows = args.csv_rows or (1_000_000 if args.full else 200_000)
    per_rep = {}
    with tempfile.TemporaryDirectory(prefix="bench-evidence-") as tmp:
        data = args.data or Path(tmp)
        for reps in sizes:
            folder = data / f"case-{reps}"
            if not (folder / "records" / "opps.parquet").exists():
                make_case(folder, reps)
            ours, floor = paired(("evidence", "floor"), (str(folder), str(folder)), args.repeat)
            per_rep[reps] = ours["seconds"] / reps
            print(f"{reps:>6} reps ({ours['read']:,} records, {ours['counted']:,} counted): "
                  f"evidence {ours['seconds']:.2f} s ({ours['cpu']:.1f} CPU s), floor {floor['seconds']:.2f} s "
                  f"({floor['cpu']:.1f} CPU s), ratio {ours['seconds'] / floor['seconds']:.2f}x wall, "
                  f"{ours['cpu'] / floor['cpu']:.2f}x CPU (target <= 2); "
                  f"peak {ours['peak_mb']:.0f} MB, {ours['case_mb']:.0f} MB of it after loading the case "
                  f"(floor {floor['peak_mb']:.0f} MB; target <= 2048)")  # fmt: skip
        small, large = sizes[0], sizes[-1]
        print(
            f"cost per rep, {large} vs {small} reps: {per_rep[large] / per_rep[small]:.2f}x (linear: <= ~1)"
        )
        utf8, gbk = make_csv(Path(tmp), csv_rows)
        for label, path in (("GBK", gbk), ("UTF-8", utf8)):
            ours, floor = paired(("ingest", "read_csv"), (str(path), str(utf8)), args.repeat)
            print(f"CSV ingest {csv_rows:,} rows {label} ({ours['encoding']}): {ours['seconds']:.2f} s vs "
                  f"read_csv of the UTF-8 file {floor['seconds']:.2f} s, ratio "
                  f"{ours['seconds'] / floor['seconds']:.2f}x wall, {ours['cpu'] / floor['cpu']:.2f}x CPU "
                  f"(target <= 1.5); peak {ours['peak_mb']:.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

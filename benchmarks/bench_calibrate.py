"""Benchmark: okrkit calibrate on a generated year of N reps, against bare DuckDB in the same run.

    .venv/bin/python benchmarks/bench_calibrate.py                  # 100 and 300 reps (about a minute)
    .venv/bin/python benchmarks/bench_calibrate.py --full           # 1,000 and 10,000 reps, once each
    .venv/bin/python benchmarks/bench_calibrate.py --sizes 1000 --repeat 1 --data /tmp/cal
    .venv/bin/python benchmarks/bench_calibrate.py --sizes 1000 --repeat 1 --profile  # + statements
    .venv/bin/python benchmarks/bench_calibrate.py --shipped        # A公司's 2014 records, in process

The history is scripts/make_history.py's: N reps' linked records (calls →
visits → opportunities → deals, ~5,500 records a rep), as Parquet with the
CRM and DingTalk exports' columns and text timestamps. Each measurement runs
in a fresh Python process, so its peak memory (ru_maxrss) is its own, and
reports wall and CPU seconds (on a shared machine the wall clock of a short
run swings more than its CPU time); runs are alternated so that a busy
moment hits both, and the best of ``--repeat`` is kept:

- calibrate: what ``okrkit calibrate`` computes (after loading the case):
  :func:`okrkit.calibrate.calibrate` (the evidence engine reads, parses,
  judges and merges every record; then linking, cohort/period rates with
  shrinkage, lags, deal size, the monthly frame),
  :func:`okrkit.calibrate.drivers.relations`, the coaching findings and the
  proposal's diff (all the CLI computes; printing is left out). The
  evidence engine's part (``evaluate`` and its ``summary``) is timed inside
  the same run, so calibration's own share is given apart (``--profile``
  lists its DuckDB statements by CPU seconds, each timed around ``execute``
  on the run's connection and named by the line that runs it);
- floor: a bare DuckDB GROUP BY over the same Parquet files — the per-stage
  totals calibration starts from, per rep and month: effective calls
  (电话 ≥ 60 s), visits with a customer, and per status the opportunities,
  won within the horizon, their amounts and days from created to closed.
  It computes no conversion between stages: a lower bound, not the same counts;
- floor + links: the floor plus the two ASOF joins that trace each visit to
  its call and each opportunity to its visit (the k of the cohort counts):
  a hand-written DuckDB SQL of the same counts calibration gives.

Target (issue 14): calibrate ≤ 3× "the bare DuckDB aggregation of the same
counts" for 10,000 reps — floor + links, the SQL that computes those counts;
the ratio to the bare GROUP BY is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHILD = {
    "calibrate": """
        from okrkit import load_case
        import okrkit.evidence.rejects as rejects
        import okrkit.evidence.run as run
        case = load_case(ARG)
        case_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        spent = {"seconds": 0.0, "cpu": 0.0}

        def timed(function):  # the evidence engine's share, measured inside the run
            def wrapper(*args, **kwargs):
                t0, c0 = time.perf_counter(), cpu()
                try:
                    return function(*args, **kwargs)
                finally:
                    spent["seconds"] += time.perf_counter() - t0
                    spent["cpu"] += cpu() - c0
            return wrapper

        run.evaluate = timed(run.evaluate)
        rejects.summary = timed(rejects.summary)
        statements = {}  # with --profile: calibration's own statements, CPU seconds by caller

        class Timed:  # the run's connection, each statement of calibration's own part timed
            def __init__(self, con):
                self._con = con

            def execute(self, sql, *args, **kwargs):
                frame = sys._getframe(1)
                where = f"{frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.f_lineno} {frame.f_code.co_name}"
                c0 = cpu()
                try:
                    return self._con.execute(sql, *args, **kwargs)
                finally:
                    if not spent.get("inside"):  # the evidence summary's are the engine's
                        statements.setdefault(where, [0, 0.0])
                        statements[where][0] += 1
                        statements[where][1] += cpu() - c0

            def __getattr__(self, name):
                return getattr(self._con, name)

        if PROFILE:
            evaluate, summarise = run.evaluate, rejects.summary

            def profiled(*args, **kwargs):
                opened = evaluate(*args, **kwargs)
                opened.con = Timed(opened.con)
                return opened

            def summary_untimed(*args, **kwargs):
                spent["inside"] = True
                try:
                    return summarise(*args, **kwargs)
                finally:
                    spent["inside"] = False

            run.evaluate, rejects.summary = profiled, summary_untimed
        from okrkit.calibrate import calibrate
        from okrkit.calibrate.drivers import relations
        from okrkit.calibrate.explain import findings
        from okrkit.calibrate.proposal import proposal
        import pandas, scipy.optimize, scipy.stats  # imports are not the work (the floor's duckdb is not timed either)
        start = time.perf_counter()
        cal = calibrate(case, ARG + "/records/2014")
        found = relations(cal)
        coach = findings(cal, "en")
        made = proposal(cal)
        seconds = time.perf_counter() - start
        total = cal.summary["total"]
        extra = {"read": total["read"], "counted": total["counted"], "case_mb": case_mb,
                 "evidence_seconds": spent["seconds"], "evidence_cpu": spent["cpu"], "findings": len(coach),
                 "rates": {k: round(float(r.company()["mean"]), 4) for k, r in cal.rates.items()},
                 "statements": sorted(([w, n, c] for w, (n, c) in statements.items()), key=lambda x: -x[2])}
    """,
    "floor": """
        import duckdb
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        start = time.perf_counter()
        r = ARG + "/records/2014/"
        FLOOR
        seconds = time.perf_counter() - start
        extra = {}
    """,
}
# The counts calibration rests on, by hand: per rep and month, calls, visits and
# per status the opportunities, those won within 120 days, amounts and days to close.
FLOOR = """
con.execute(f"SELECT 负责人, date_trunc('month', strptime(跟进时间, '%Y-%m-%d %H:%M:%S')) m, count(*) FROM '{r}crm-followups.parquet' WHERE 跟进方式 = '电话' AND CAST(\\"通话时长(秒)\\" AS INT) >= 60 GROUP BY ALL").fetchall()
con.execute(f"SELECT 姓名, date_trunc('month', strptime(签到时间, '%Y-%m-%d %H:%M')) m, count(*) FROM '{r}dingtalk-checkins.parquet' WHERE 拜访对象 IS NOT NULL GROUP BY ALL").fetchall()
con.execute(f"SELECT 负责人, date_trunc('month', c) m, 状态, count(*), count(*) FILTER (WHERE 状态 = '赢单' AND d <= c + INTERVAL 120 DAY), sum(a) FILTER (WHERE 状态 = '赢单'), avg(epoch(d - c)) FROM (SELECT 负责人, 状态, CAST(\\"预计金额(万元)\\" AS DOUBLE) a, strptime(创建时间, '%Y-%m-%d %H:%M:%S') c, strptime(结单时间, '%Y-%m-%d %H:%M:%S') d FROM '{r}crm-opportunities.parquet' WHERE 状态 <> '无效') GROUP BY ALL").fetchall()
"""
LINKS = """
con.execute(f"CREATE TABLE c AS SELECT row_number() OVER () id, 负责人 p, lower(客户名称) k, strptime(跟进时间, '%Y-%m-%d %H:%M:%S') t FROM '{r}crm-followups.parquet' WHERE 跟进方式 = '电话' AND CAST(\\"通话时长(秒)\\" AS INT) >= 60 AND 客户类型 = '新客户'")
con.execute(f"CREATE TABLE v AS SELECT row_number() OVER () id, 姓名 p, lower(拜访对象) k, strptime(签到时间, '%Y-%m-%d %H:%M') t FROM '{r}dingtalk-checkins.parquet' WHERE 拜访对象 IS NOT NULL")
con.execute(f"CREATE TABLE o AS SELECT 负责人 p, lower(客户名称) k, strptime(创建时间, '%Y-%m-%d %H:%M:%S') t FROM '{r}crm-opportunities.parquet' WHERE 状态 <> '无效'")
con.execute("SELECT c.p, date_trunc('month', c.t), count(*) FROM v ASOF JOIN c ON v.p = c.p AND v.k = c.k AND v.t >= c.t WHERE v.t <= c.t + INTERVAL 120 DAY GROUP BY ALL").fetchall()
con.execute("SELECT v.p, date_trunc('month', v.t), count(*) FROM o ASOF JOIN v ON o.p = v.p AND o.k = v.k AND o.t >= v.t WHERE o.t <= v.t + INTERVAL 120 DAY GROUP BY ALL").fetchall()
"""


def measure(kind: str, arg: str, profile: bool = False) -> dict:
    """Run one measurement in a fresh process: seconds, CPU seconds, peak memory (MB), extras."""
    code = (
        f"import json, os, resource, sys, time\nsys.path.insert(0, {str(ROOT)!r})\nARG = {arg!r}\n"
        f"PROFILE = {bool(profile)!r}\n"
    )
    code += "cpu = lambda: sum(os.times()[:4])\n"  # all threads, and any worker processes
    body = textwrap.dedent(CHILD["floor" if kind.startswith("floor") else kind])
    floor = FLOOR + (LINKS if kind == "floor+links" else "")
    body = body.replace("FLOOR\n", textwrap.dedent(floor))
    code += body.replace("start = time.perf_counter()", "start = time.perf_counter(); cpu0 = cpu()")
    code += "extra['cpu'] = cpu() - cpu0\n"
    code += "print('RESULT', json.dumps({'seconds': seconds, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **extra}))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{kind} on {arg} failed:\n{out.stderr[-3000:]}")
    # the last line of our own: DuckDB's progress bar may write to stdout on a slow query
    result = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(result.removeprefix("RESULT "))


def alternated(
    kinds: tuple[str, ...], arg: str, repeat: int, profile: bool = False
) -> dict[str, dict]:
    """The best of ``repeat`` runs of each kind, alternated; peak memory is the worst run's."""
    runs: dict[str, list] = {k: [] for k in kinds}
    for _ in range(repeat):
        for kind in kinds:
            runs[kind].append(measure(kind, arg, profile))
    return {
        k: min(r, key=lambda x: x["seconds"]) | {"peak_mb": max(x["peak_mb"] for x in r)}
        for k, r in runs.items()
    }


def line(reps: int, m: dict[str, dict]) -> str:
    """One size's figures: calibrate, its own part, both floors, the ratios."""
    ours, floor, links = m["calibrate"], m["floor"], m["floor+links"]
    own_s = ours["seconds"] - ours["evidence_seconds"]
    own_cpu = ours["cpu"] - ours["evidence_cpu"]
    return (
        f"{reps:>6} reps ({ours['read']:,} records, {ours['counted']:,} counted):\n"
        f"  calibrate {ours['seconds']:.2f} s ({ours['cpu']:.1f} CPU s), of which the evidence "
        f"engine {ours['evidence_seconds']:.2f} s ({ours['evidence_cpu']:.1f} CPU s) and "
        f"calibration's own part {own_s:.2f} s ({own_cpu:.1f} CPU s, "
        f"{own_s / ours['seconds']:.0%} of the wall time)\n"
        f"  floor (bare GROUP BY) {floor['seconds']:.2f} s ({floor['cpu']:.1f} CPU s); "
        f"floor + links (ASOF) {links['seconds']:.2f} s ({links['cpu']:.1f} CPU s)\n"
        f"  ratio to floor + links (the same counts in SQL): {ours['seconds'] / links['seconds']:.2f}x wall, "
        f"{ours['cpu'] / links['cpu']:.2f}x CPU (target <= 3); to the bare GROUP BY "
        f"{ours['seconds'] / floor['seconds']:.2f}x wall, {ours['cpu'] / floor['cpu']:.2f}x CPU; "
        f"calibration's own part alone {own_s / floor['seconds']:.2f}x wall, "
        f"{own_cpu / floor['cpu']:.2f}x CPU of the GROUP BY\n"
        f"  peak {ours['peak_mb']:.0f} MB ({ours['case_mb']:.0f} MB of it after loading the case; "
        f"floor {floor['peak_mb']:.0f} MB, floor + links {links['peak_mb']:.0f} MB); "
        f"company rates {ours['rates']}"
    )  # fmt: skip


def statements(ours: dict, top: int = 15) -> str:
    """With --profile: calibration's own DuckDB statements that cost most, by the line that runs them."""
    rows = ours.get("statements") or []
    total = sum(cpu for _, _, cpu in rows)
    own_cpu = ours["cpu"] - ours["evidence_cpu"]
    out = [f"  calibration's own statements: {total:.2f} CPU s of its {own_cpu:.2f} "
           f"(the rest is Python: pandas, scipy, the proposal's YAML)"]  # fmt: skip
    out += [f"    {cpu:6.2f} CPU s {n:3d}x  {where}" for where, n, cpu in rows[:top]]
    return "\n".join(out)


def generated(args) -> int:
    sizes = (1000, 10000) if args.full else (100, 300)
    if args.sizes:
        sizes = tuple(int(n) for n in args.sizes.split(","))
    repeat = args.repeat or (1 if args.full else 2)
    per_rep = {}
    with tempfile.TemporaryDirectory(prefix="bench-calibrate-") as tmp:
        data = args.data or Path(tmp)
        for reps in sizes:
            folder = data / f"history-{reps}"
            if not (folder / "records" / "2014" / "crm-opportunities.parquet").exists():
                shutil.rmtree(folder, ignore_errors=True)  # a generation cut short
                # in its own process: Linux keeps a parent's peak memory across exec, so a
                # generator run here would show as every later child's ru_maxrss
                subprocess.run([sys.executable, str(ROOT / "scripts" / "make_history.py"),
                                "--reps", str(reps), "--out", str(folder), "--seed", str(args.seed)],
                               check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            found = alternated(("calibrate", "floor", "floor+links"), str(folder), repeat,
                               args.profile)  # fmt: skip
            per_rep[reps] = found["calibrate"]["cpu"] / reps
            print(line(reps, found), flush=True)
            if args.profile:
                print(statements(found["calibrate"]), flush=True)
        small, large = sizes[0], sizes[-1]
        if large != small:
            print(f"CPU per rep, {large} vs {small} reps: {per_rep[large] / per_rep[small]:.2f}x "
                  "(linear: <= ~1)")  # fmt: skip
    return 0


def shipped(args) -> int:
    """A公司's 2014 history in this process: calibrate against the evidence engine, and the lint."""
    from _timing import report, sample

    from okrkit import load_case
    from okrkit.calibrate import calibrate
    from okrkit.calibrate.declared import CACHE_NAME, case_relations
    from okrkit.calibrate.drivers import relations
    from okrkit.calibrate.records import history_case
    from okrkit.evidence.rejects import summary
    from okrkit.evidence.run import evaluate

    repeat = args.repeat or 3
    with tempfile.TemporaryDirectory(prefix="okrkit-bench-calibrate-") as temp:
        folder = Path(temp) / "case"
        shutil.copytree(args.case, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
        with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
            handle.write(f"\ncalibration: {{history: {args.history}}}\n")
        case = load_case(folder)
        history = folder / args.history

        def floor():
            with evaluate(history_case(case, history), case.year - 1) as run:
                summary(run)

        def calibrated():
            relations(calibrate(case, history))

        def cold():
            (history / CACHE_NAME).unlink(missing_ok=True)
            case_relations(case)

        def warm():
            case_relations(case)

        for function in (floor, calibrated, cold):
            function()  # warm-up: imports, DuckDB extensions
        times = {f.__name__: sample(f, repeat) for f in (floor, calibrated, cold)}
        times["warm"] = sample(warm, max(repeat, 10))
    base = statistics.median(times["floor"])
    print(f"history: {args.case} / {args.history}, {repeat} runs each")
    print(report("floor: evidence engine judging the history", times["floor"]))
    print(report("calibrate + drivers", times["calibrated"], base))
    print(report("lint's drivers, no cache (calibrates)", times["cold"], base))
    print(report("lint's drivers, cached (hash + read)", times["warm"], base))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="1,000 and 10,000 reps, one run each")
    parser.add_argument("--sizes", help="rep counts, e.g. 1000,10000 (default 100,300)")
    parser.add_argument(
        "--repeat", type=int, help="runs of each (default 2; --full 1; --shipped 3)"
    )
    parser.add_argument("--seed", type=int, default=7, help="the generator's seed")
    parser.add_argument("--profile", action="store_true",
                        help="also list calibration's own DuckDB statements by CPU seconds")  # fmt: skip
    parser.add_argument(
        "--data", type=Path, help="keep the generated histories here and reuse them"
    )
    parser.add_argument("--shipped", action="store_true",
                        help="instead: A公司's shipped history against the evidence engine, and the lint")  # fmt: skip
    parser.add_argument("--case", default=str(ROOT / "cases" / "a-company"), help="with --shipped")
    parser.add_argument(
        "--history", default="records/2014", help="with --shipped: relative to --case"
    )
    args = parser.parse_args(argv)
    return shipped(args) if args.shipped else generated(args)


if __name__ == "__main__":
    raise SystemExit(main())

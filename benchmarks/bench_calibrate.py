"""Benchmark: okrkit calibrate on a history, against the evidence engine's own judging of it.

    .venv/bin/python benchmarks/bench_calibrate.py                # A公司's 2014 records, 3 runs
    .venv/bin/python benchmarks/bench_calibrate.py --repeat 5 --history DIR --case CASE

All in one run, so the ratios compare like with like on the same machine
load (the figures are medians after one warm-up run that pays the imports):

- floor: :func:`okrkit.evidence.run.evaluate` over the same files with the
  history's year — reading, parsing, judging and merging every record, the
  part calibration cannot skip — plus the summary counts;
- calibrate: :func:`okrkit.calibrate.calibrate` (the floor, then linking,
  cohort/period rates with shrinkage, deal size, Kaplan–Meier lags, the
  monthly frame) and :func:`okrkit.calibrate.drivers.relations`;
- lint, cold and warm: :func:`okrkit.calibrate.declared.case_relations` with
  no cache (it calibrates) and with the cache written (it hashes the files
  and reads ``.okrkit-drivers.json``) — what OKR406 adds to a lint.

The history is copied to a temporary folder first, so the shipped one is
never written to. Issue 14's target (≤ 3× a bare aggregation of the same
counts for 10,000 generated reps) needs a generated large history, which
this script does not make; it measures the shipped size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import report, sample  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default=str(ROOT / "cases" / "a-company"))
    parser.add_argument("--history", default="records/2014", help="relative to the case folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from okrkit import load_case
    from okrkit.calibrate import calibrate
    from okrkit.calibrate.declared import CACHE_NAME, case_relations
    from okrkit.calibrate.drivers import relations
    from okrkit.calibrate.records import history_case
    from okrkit.evidence.rejects import summary
    from okrkit.evidence.run import evaluate

    with tempfile.TemporaryDirectory(prefix="okrkit-bench-calibrate-") as temp:
        folder = Path(temp) / "case"
        shutil.copytree(args.case, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
        with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
            handle.write(f"\ncalibration: {{history: {args.history}}}\n")
        case = load_case(folder)
        history = folder / args.history
        year = case.year - 1

        def floor():
            with evaluate(history_case(case, history), year) as run:
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
        times = {f.__name__: sample(f, args.repeat) for f in (floor, calibrated, cold)}
        times["warm"] = sample(warm, max(args.repeat, 10))
    base = statistics.median(times["floor"])
    print(f"history: {args.case} / {args.history}, {args.repeat} runs each")
    print(report("floor: evidence engine judging the history", times["floor"]))
    print(report("calibrate + drivers", times["calibrated"], base))
    print(report("lint's drivers, no cache (calibrates)", times["cold"], base))
    print(report("lint's drivers, cached (hash + read)", times["warm"], base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

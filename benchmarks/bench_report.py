"""How long a team report takes, as a multiple of the cheapest notebook report possible.

FLOOR is a trivial one-cell notebook sent through the same pipeline in the same
run (papermill in-process, a fresh IPC kernel, immediate shutdown, HTML export,
files written): what any report costs before it does anything. Then:

1. per team: the real template (okrkit/templates/team_report.ipynb) on the case's
   teams, one after another, interleaved with FLOOR runs; target <= 1.3 x FLOOR. The
   case is copied with its shipped check-ins in a store (``--no-store``: as it is),
   so the evidence and trend sections show, and the snapshot carries what the
   batch prepares (``okrkit.report.prepare``), as ``okrkit report`` does;
2. where the template's extra time goes: the kernel-side work (imports, case
   loading, every section) timed in a fresh Python process;
3. a batch of 20 teams (the case's teams, cycled) with 1 and with 2 workers;
   target >= 1.7 x faster with 2 on a 2-core machine;
4. kernel-start failures (retried starts) and failed runs, over everything above.

Every kernel imports okrkit from its sources: with ``PYTHONDONTWRITEBYTECODE=1`` (as
in the shared development tree) each one compiles them again (~0.1 s a report);
an installed package has its bytecode. The header line says which; to measure
the installed case from the tree, run with
``env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/okrkit-pyc``.

Run: ``.venv/bin/python benchmarks/bench_report.py [--case DIR] [--repeat N] [--batches N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import p95  # noqa: E402

from okrkit import load_case  # noqa: E402
from okrkit.report import features  # noqa: E402
from okrkit.report.batch import available_cores, run_batch  # noqa: E402
from okrkit.report.execute import TeamJob, run_team  # noqa: E402
from okrkit.report.jobs import team_jobs  # noqa: E402
from okrkit.report.prepare import prepare  # noqa: E402
from okrkit.report.snapshot import write_snapshot  # noqa: E402
from okrkit.report.summary import team_checks  # noqa: E402

KERNEL_SIDE = """
import sys, time
start = time.perf_counter()
from okrkit.report.sections import TeamReport
imported = time.perf_counter()
report = TeamReport.load(sys.argv[1], sys.argv[2], case_snapshot=sys.argv[3])
for name in ("header", "plan_table", "weights", "alignment", "funnel", "coach", "scorecard"):
    section = getattr(report, name)()
    if section is not None:
        section._repr_html_()
from okrkit.report.year_sections import evidence_section, trend_section
for section in (evidence_section(report), trend_section(report)):
    if section is not None:
        section._repr_html_()
done = time.perf_counter()
heavy = sorted(m for m in ("pandas", "matplotlib", "duckdb") if m in sys.modules)
print(imported - start, done - imported, ",".join(heavy) or "-")
"""


def stored_copy(case_dir: str, folder: Path) -> Path:
    """A copy of the case with its shipped check-ins in a store: the report's trend section shows."""
    import shutil

    from okrkit.track.shipped import case_store

    target = folder / Path(case_dir).name
    shutil.copytree(case_dir, target)
    case_store(load_case(target), target).close()
    return target


def floor_template(folder: Path) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return str(path)


def line(label: str, times: list[float], floor: float | None = None) -> str:
    median = statistics.median(times)
    text = f"{label:<40} median {median:6.3f} s   p95 {p95(times):6.3f} s"
    if floor:
        text += f"   = {median / floor:4.2f} x FLOOR"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default=str(ROOT / "cases" / "a-company"))
    parser.add_argument("--repeat", type=int, default=12, help="single runs of each (default 12)")
    parser.add_argument("--batches", type=int, default=2, help="20-team batches per worker count")
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--actuals", help="an actuals file: time the review-time report")
    parser.add_argument(
        "--no-store", action="store_true", help="the case as it is (no trend section)"
    )
    args = parser.parse_args()

    failures: list[str] = []
    start_failures = 0

    def account(results):
        nonlocal start_failures
        for result in results:
            start_failures += len(result.start_failures)
            if not result.ok:
                failures.append(f"{result.key}: {result.error}")

    with tempfile.TemporaryDirectory(prefix="okrk-bench-") as tmp:
        tmp = Path(tmp)
        case_dir = args.case if args.no_store else stored_copy(args.case, tmp)
        case = load_case(case_dir)
        teams = list(case.teams.values())
        floor_job = TeamJob(key="floor", template=floor_template(tmp), out_dir=str(tmp / "floor"))
        actuals = features.load_actuals(case, args.actuals)
        period = getattr(actuals, "period", None)
        t0 = time.perf_counter()
        checks = team_checks(case, teams, actuals)
        prepared = prepare(case, teams, findings=checks.findings, period=period)
        prepare_seconds = time.perf_counter() - t0
        snapshot = write_snapshot(tmp, case, actuals, prepared)  # as `okrkit report` does
        real = team_jobs(
            case, teams, tmp / "real", actuals_path=args.actuals, case_snapshot=snapshot
        )

        # Warm-up: imports, nbconvert's exporter and templates, the OS file cache.
        account([run_team(floor_job), run_team(real[0])])

        floor_runs, real_runs = [], []
        for i in range(args.repeat):
            floor_runs.append(run_team(floor_job))
            real_runs.append(run_team(real[i % len(real)]))
        account(floor_runs + real_runs)
        floor = statistics.median(r.seconds for r in floor_runs)

        review = f", actuals {Path(args.actuals).name}" if args.actuals else ""
        store = ", no check-in store" if args.no_store else ", with its check-in store"
        store += ", no bytecode written" if sys.dont_write_bytecode else ", bytecode cached"
        print(f"python {sys.version.split()[0]}, {available_cores()} cores, "
              f"case {case.id}{review}{store}")  # fmt: skip
        print(f"-- the batch's preparation for {len(teams)} teams (coach, evidence, trends): "
              f"{prepare_seconds:.2f} s, once per batch")  # fmt: skip
        print(f"-- one team at a time ({args.repeat} runs each, interleaved)")
        print(line("FLOOR: one-cell notebook", [r.seconds for r in floor_runs], floor))
        print(line("  of which papermill (kernel+cells)", [r.run_seconds for r in floor_runs]))
        print(line("  of which HTML export", [r.html_seconds for r in floor_runs]))
        print(line("team report (template)", [r.seconds for r in real_runs], floor))
        print(line("  of which papermill (kernel+cells)", [r.run_seconds for r in real_runs]))
        print(line("  of which HTML export", [r.html_seconds for r in real_runs]))
        ratio = statistics.median(r.seconds for r in real_runs) / floor
        print(f"   -> team report = {ratio:.2f} x FLOOR (target <= 1.3)")

        print("-- kernel-side work of the template, in a fresh process (5 runs)")
        imports, work, heavy = [], [], set()
        for team in teams[:5]:
            out = subprocess.run(
                [sys.executable, "-c", KERNEL_SIDE, str(case.path), team.id, str(snapshot)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            imports.append(float(out[0]))
            work.append(float(out[1]))
            heavy.update(m for m in out[2].split(",") if m != "-")
        print(line("import okrkit.report.sections", imports, floor))
        print(line("read the case snapshot + every section", work, floor))
        print(f"   heavy modules the kernel imported: {', '.join(sorted(heavy)) or 'none'}")

        print(f"-- a batch of {args.teams} teams")
        batch = [
            TeamJob(**{**job.__dict__, "key": f"t{i:02d}", "out_dir": str(tmp / "batch")})
            for i, job in enumerate(real[i % len(real)] for i in range(args.teams))
        ]
        walls: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.batches):
            for workers in (1, 2):
                t0 = time.perf_counter()
                results = run_batch(batch, workers=workers, progress=False)
                walls[workers].append(time.perf_counter() - t0)
                account(results)
        for workers, times in walls.items():
            per_team = statistics.median(times) / args.teams
            print(
                f"jobs {workers}: {statistics.median(times):6.2f} s for {args.teams} teams"
                f"  ({per_team:.3f} s a team = {per_team / floor:4.2f} x FLOOR)"
                f"   runs: {', '.join(f'{t:.2f}' for t in times)}"
            )
        speedup = statistics.median(walls[1]) / statistics.median(walls[2])
        print(f"   -> jobs 2 is {speedup:.2f} x faster than jobs 1 (target >= 1.7 on 2 cores)")

    kernels = 2 + 2 * args.repeat + 2 * args.batches * args.teams
    print(f"-- kernel starts: {kernels}, failed and retried: {start_failures}")
    print(f"-- failed runs: {len(failures)}")
    for failure in failures[:10]:
        print(f"   {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reports for a large organisation: Dask workers, incremental re-runs, the dashboard, PDFs.

Every figure is a ratio to FLOOR measured in the same run: a one-cell notebook
sent through the same pipeline (papermill, a fresh kernel, HTML export), what
any report costs before it does anything (as in bench_report.py). The cases are
written by scripts/make_org.py (seeded).

1. Dask: N teams (default 40) through ``--dask local:1`` and ``local:2``
   (the cluster started and its workers warmed up beforehand, not timed; the
   batch's own CPU seconds split by process); target >= 1.7 x faster with 2;
2. incremental: a batch of M teams (default 60; ``--full``: 200) rendered once,
   one team's owner renamed, rendered again: exactly one report re-rendered,
   the second run's time against FLOOR (target <= 3 x FLOOR), with and without
   loading the case;
3. the dashboard: ``--index-only`` for K teams (default 2,000; ``--full``:
   10,000), opened from file:// in headless Chromium; the page's own clock
   (performance.now) until the table is ready, then until a search has redrawn
   it (target <= 2 s);
4. ``--pdf``: what printing adds per team, against FLOOR (target <= 1 x FLOOR);
5. loading the case: K teams' files read by the fast read-only loader (libyaml,
   ``okrkit.yamlio.fast_load``) against ruamel's round trip (default 1,000;
   ``--full``: 1,000 and 10,000).

Run: ``.venv/bin/python benchmarks/bench_report_scale.py [--full] [--skip dask,incremental,...]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_report import floor_template  # noqa: E402
from make_org import make_org  # noqa: E402

from okrkit.cases import load_case  # noqa: E402
from okrkit.commands.report import build_index_only, build_reports  # noqa: E402
from okrkit.report.batch import available_cores  # noqa: E402
from okrkit.report.execute import TeamJob, run_team  # noqa: E402
from okrkit.report.outdir import MANIFEST  # noqa: E402

PARTS = ("dask", "incremental", "dashboard", "pdf", "load")


def quiet(function, *args, **kwargs):
    """Call ``function`` with its stdout and stderr swallowed (the commands print summaries)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return function(*args, **kwargs)


def own_cpu() -> float:
    """CPU seconds of this process, every thread (the batch, and a LocalCluster's scheduler)."""
    return time.process_time()


def worker_cpu() -> tuple[float, float]:
    """On a Dask worker: its own CPU seconds, and those of the kernels it has reaped."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def measure_floor(tmp: Path, runs: int = 5) -> float:
    job = TeamJob(key="floor", template=floor_template(tmp), out_dir=str(tmp / "floor"))
    run_team(job)  # warm-up: imports, nbconvert templates
    return statistics.median(run_team(job).seconds for _ in range(runs))


def bench_dask(tmp: Path, floor: float, teams: int) -> None:
    from okrkit.report.cluster import dask_run

    case = load_case(make_org(tmp / "org-dask", teams))
    chosen = list(case.teams.values())[:teams]
    walls = {}
    for workers in (1, 2):
        with dask_run(f"local:{workers}") as cluster:
            cluster.warmed()  # part of the cluster's start: in `okrkit report` it overlaps the checks
            out = tmp / f"dask-{workers}"
            before = cluster.client.run(worker_cpu)
            own = own_cpu()
            t0 = time.perf_counter()
            code = quiet(build_reports, case, chosen, out, lang="zh", cluster=cluster, force=True)
            walls[workers] = time.perf_counter() - t0
            own = own_cpu() - own
            after = cluster.client.run(worker_cpu)
            assert code == 0, f"dask local:{workers}: exit {code}"
        # CPU of the timed batch: this process (the batch and the scheduler), each
        # worker's own (papermill, HTML export) and its kernels' (reaped by it).
        done = {w: [a - b for a, b in zip(after[w], before[w], strict=True)] for w in after}
        worker = sum(v[0] for v in done.values())
        kernels = sum(v[1] for v in done.values())
        per_team = walls[workers] / len(chosen)
        print(f"dask local:{workers}: {walls[workers]:6.2f} s for {len(chosen)} teams "
              f"({per_team:.3f} s a team = {per_team / floor:4.2f} x FLOOR); CPU s: "
              f"batch process {own:.1f}, workers {worker:.1f}, kernels {kernels:.1f}, "
              f"all {own + worker + kernels:.1f}")  # fmt: skip
    print(f"   -> 2 workers are {walls[1] / walls[2]:.2f} x faster than 1 (target >= 1.7)")


def bench_incremental(tmp: Path, floor: float, teams: int) -> None:
    folder = make_org(tmp / "org-inc", teams)
    out = tmp / "inc"
    case = load_case(folder)
    t0 = time.perf_counter()
    assert quiet(build_reports, case, list(case.teams.values()), out, lang="zh") == 0
    first = time.perf_counter() - t0
    # Rename the owner of one rep: only that rep's report reads it.
    rep = next(t for t in case.teams.values() if t.level == "position")
    path = folder / "teams" / f"{rep.id}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('person: {zh: "', 'person: {zh: "新', 1), encoding="utf-8")
    before = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["teams"]
    t0 = time.perf_counter()
    case = load_case(folder)
    loaded = time.perf_counter() - t0
    t1, wall = time.perf_counter(), time.time()
    assert quiet(build_reports, case, list(case.teams.values()), out, lang="zh") == 0
    build = time.perf_counter() - t1
    after = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["teams"]
    again = [k for k in after if after[k]["hash"] != before.get(k, {}).get("hash")]
    newer = [k for k in after if (out / f"{k}.html").stat().st_mtime >= wall]
    print(f"incremental, {len(case.teams)} teams: first run {first:6.2f} s; "
          f"re-rendered after one change: {newer} (hash moved: {again})")  # fmt: skip
    assert newer == [rep.id] == again, "exactly the changed team is rendered again"
    print(f"   second run {build:5.2f} s = {build / floor:4.2f} x FLOOR (target <= 3); "
          f"with loading the case ({loaded:.2f} s): {(build + loaded) / floor:4.2f} x FLOOR")  # fmt: skip


def bench_dashboard(tmp: Path, floor: float, teams: int) -> None:
    from okrkit.workbook.handouts import CHROMIUM_FLAGS, chromium_path

    t0 = time.perf_counter()
    folder = make_org(tmp / "org-board", teams)
    made = time.perf_counter() - t0
    t0 = time.perf_counter()
    case = load_case(folder)
    loaded = time.perf_counter() - t0
    out = tmp / "board"
    t0 = time.perf_counter()
    quiet(build_index_only, case, list(case.teams.values()), out, lang="zh")
    built = time.perf_counter() - t0
    page = out / "index.html"
    print(f"dashboard, {len(case.teams)} teams: case written {made:.1f} s, loaded {loaded:.1f} s, "
          f"index built {built:.1f} s, {page.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable) if executable else None, args=CHROMIUM_FLAGS
        )
        loads, searches = [], []
        for _ in range(3):
            tab = browser.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_function("document.documentElement.dataset.tableReady === 'yes'",
                                  timeout=120_000)  # fmt: skip
            loads.append(tab.evaluate("performance.now()") / 1000)
            # A search through the table the page made (what its search box calls),
            # timed by the page: filtering every row and drawing the first page.
            took = tab.evaluate("""() => { const t0 = performance.now();
                window.okrkitTable.dt.search('d007-r011').draw();
                return {ms: performance.now() - t0,
                        rows: document.querySelectorAll('#teams tbody tr').length}; }""")
            searches.append(took["ms"] / 1000)
            shown = tab.inner_text("div.dt-info")
            tab.close()
        browser.close()
    load, search = statistics.median(loads), statistics.median(searches)
    print(f"   in Chromium: ready {load:.2f} s after navigation (runs {', '.join(f'{x:.2f}' for x in loads)}); "
          f"a search redrawn in {search * 1000:.0f} ms ({shown!r})")  # fmt: skip
    print(f"   -> load + search {load + search:.2f} s (target <= 2 s)")


def bench_pdf(tmp: Path, floor: float, teams: int) -> None:
    case = load_case(make_org(tmp / "org-pdf", teams))
    chosen = list(case.teams.values())[:teams]
    walls = {}
    for pdf in (False, True):
        t0 = time.perf_counter()
        code = quiet(build_reports, case, chosen, tmp / f"pdf-{pdf}", lang="zh", pdf=pdf, workers=2)
        walls[pdf] = time.perf_counter() - t0
        assert code == 0
    extra = (walls[True] - walls[False]) / len(chosen)
    print(f"--pdf, {len(chosen)} teams on 2 workers: {walls[False]:.2f} s without, "
          f"{walls[True]:.2f} s with: {extra:.3f} s a team = {extra / floor:4.2f} x FLOOR (target <= 1)")  # fmt: skip


def bench_load(tmp: Path, sizes: list[int]) -> None:
    from okrkit import yamlio

    def refuse(text):
        raise RuntimeError("round trip only")

    for teams in sizes:
        folder = make_org(tmp / f"org-load-{teams}", teams)
        times = {}
        for name in ("fast", "round trip"):
            real = yamlio.fast_load
            if name == "round trip":
                yamlio.fast_load = refuse  # every file falls back to ruamel, as before
            try:
                t0 = time.perf_counter()
                case = load_case(folder)
                times[name] = time.perf_counter() - t0
            finally:
                yamlio.fast_load = real
        n = len(case.teams)
        print(f"load, {n} teams: round trip {times['round trip']:.2f} s "
              f"({times['round trip'] / n * 1000:.1f} ms a team), fast {times['fast']:.2f} s "
              f"({times['fast'] / n * 1000:.1f} ms a team) = {times['round trip'] / times['fast']:.1f}x")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the issue's sizes (takes long)")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to skip: {PARTS}")
    parser.add_argument("--dask-teams", type=int, default=40)
    parser.add_argument("--incremental-teams", type=int)
    parser.add_argument("--dashboard-teams", type=int)
    parser.add_argument("--pdf-teams", type=int, default=6)
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    inc = args.incremental_teams or (200 if args.full else 60)
    board = args.dashboard_teams or (10_000 if args.full else 2_000)
    with tempfile.TemporaryDirectory(prefix="okrk-scale-") as tmp:
        tmp = Path(tmp)
        floor = measure_floor(tmp)
        print(f"python {sys.version.split()[0]}, {available_cores()} cores; FLOOR {floor:.3f} s")
        if "dask" not in skip:
            bench_dask(tmp, floor, args.dask_teams)
        if "incremental" not in skip:
            bench_incremental(tmp, floor, inc)
        if "dashboard" not in skip:
            bench_dashboard(tmp, floor, board)
        if "pdf" not in skip:
            bench_pdf(tmp, floor, args.pdf_teams)
        if "load" not in skip:
            bench_load(tmp, [1_000, 10_000] if args.full else [1_000])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: the check-in engine at the size issue 13 names, against floors measured in the same run.

1. Status and forecast (default). T teams x 20 KRs x 52 weekly check-ins, as the
   frames okrkit.track.picture.assess_frames reads: standing (last value,
   per-period sums, recent means, the least-squares sums), pace, gap, status,
   stale, forecast (run rate and trend, completion and points), needed rate,
   progress. The KRs mix what a sales organisation tracks: 11 cumulative
   (sales to date), 5 weekly per-period counts (calls), 2 levels (a rate such
   as 回款率), 1 cap (费用不超过) and 1 deduction item. Floor: a bare pandas
   groupby-last of value per team x KR over the same rows. Target: okrkit
   <= 3x the floor. Also the process's peak memory (ru_maxrss) after the run.
   ``--quick``: 1,000 teams (1.04M rows), the CI-friendly default size;
   ``--full``: 10,000 teams (10.4M rows).
2. ``--writers``: 100 writer processes x 100 check-ins each, started together,
   each check-in its own transaction (Store.append); then every one of the
   10,000 entries must be in the store. Floor: one process appending the
   same 10,000 (the queueing cost of 100 processes is what is shown).
   ``--quick`` with it: 20 x 50.
3. ``--page``: the manager's page (进展 tab) save path, headless: the
   widget's Save callback (okrkit.widgets.checkin.CheckinPanel.save: validate,
   suggest, append, redraw the team's table) repeated on the shipped case
   with its 2015 check-ins; the median against 50 ms.

Run: .venv/bin/python benchmarks/bench_checkins.py [--quick | --full] [--writers] [--page]
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import report, sample  # noqa: E402

from okrkit.track.picture import assess_frames  # noqa: E402
from okrkit.track.settings import TrackingSettings  # noqa: E402
from okrkit.track.standing import CHECKIN_COLUMNS, PLAN_COLUMNS  # noqa: E402

FULL = "--full" in sys.argv
QUICK = not FULL
TEAMS = 10_000 if FULL else 1_000
KRS = 20
WEEKS = 52
REPEAT = 3 if FULL else 7
WRITERS, EACH = (20, 50) if "--quick" in sys.argv else (100, 100)
PAGE_SAVES = 30

# The KR mix by position in a team (see the module docstring).
CUMULATIVE, PER_PERIOD, LEVEL, CAP, DEDUCTION = range(5)
KIND = np.array([CUMULATIVE] * 11 + [PER_PERIOD] * 5 + [LEVEL] * 2 + [CAP, DEDUCTION])


def organisation(teams: int, seed: int = 2015) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """The plan, pace profiles and 52 weekly check-ins per KR of ``teams`` synthetic teams.

    Team and KR ids are shared string objects, as a store read gives them.
    Each team runs at its own speed, some slow down, some stop checking in
    (the stale ones), so every status occurs.
    """
    rng = np.random.default_rng(seed)
    n = teams * KRS
    kind = np.tile(KIND, teams)
    team = np.repeat(np.array([f"team-{i:05d}" for i in range(teams)], dtype=object), KRS)
    kr = np.tile(np.array([f"KR{i + 1}" for i in range(KRS)], dtype=object), teams)
    target = rng.uniform(10, 1000, n)
    target = np.where(kind == PER_PERIOD, np.round(target / 10), target)
    target = np.where(kind == LEVEL, rng.uniform(80, 100, n), target)
    target = np.where(kind == CAP, rng.uniform(100, 500, n), target)
    mode = np.select([kind == PER_PERIOD, kind == LEVEL], ["per_period", "level"], "cumulative")
    # direction codes (okrkit.scoring.DIRECTION_CODES): 3 at_least, 2 at_most
    direction = np.where(kind == CAP, 2, 3)
    plan = pd.DataFrame({
        "team": team, "objective": "O" + pd.Series(np.arange(n) % KRS // 5 + 1).astype(str).to_numpy(),
        "kr": kr, "level": "position", "parent": None, "deduction": kind == DEDUCTION,
        "direction": direction, "weight": np.where(kind == DEDUCTION, np.nan, 100 / 19),
        "target": target, "baseline": np.nan,
        "penalty": np.where(kind == DEDUCTION, 5.0, np.nan),
        "cap": np.where(kind == DEDUCTION, 20.0, np.nan),
        "cadence": np.where(kind == PER_PERIOD, "week", None), "mode": mode,
        "stale_days": 14, "recent": 4, "profile": rng.integers(0, 2, n), "periods": np.where(
            kind == PER_PERIOD, 48.0, np.nan), "rate": kind == LEVEL,
    }, columns=list(PLAN_COLUMNS))  # fmt: skip
    spring = np.array([8, 5, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9], dtype=float)
    profiles = np.vstack([np.full(12, 1 / 12), spring / spring.sum()])

    week_starts = pd.date_range("2014-12-29", periods=WEEKS, freq="7D")  # Mondays
    week_ends = np.minimum(week_starts + pd.Timedelta(days=6), pd.Timestamp("2015-12-31"))
    rows = n * WEEKS
    speed = np.repeat(rng.uniform(0.4, 1.3, n), WEEKS)
    slide = np.repeat(rng.uniform(0.0, 0.6, n), WEEKS)  # how much a team slows in the second half
    week = np.tile(np.arange(1, WEEKS + 1), n)
    late = np.clip(week - 26, 0, None)
    done = (week - slide * late) / WEEKS
    noise = rng.normal(1.0, 0.1, rows)
    t = np.repeat(target, WEEKS)
    k = np.repeat(kind, WEEKS)
    value = np.select(
        [k == PER_PERIOD, k == LEVEL, k == CAP, k == DEDUCTION],
        [np.round(t * speed * noise), np.clip(t * (0.85 + 0.1 * speed) * noise, 0, 100),
         t * done * speed, rng.poisson(0.02, rows).cumsum() % 5],
        np.round(t * done * speed, 1),
    )  # fmt: skip
    # A team in twenty stops checking in after week 40 (stale by December).
    quiet = np.repeat(np.arange(n) // KRS % 20 == 0, WEEKS) & (week > 40)
    checkins = pd.DataFrame({
        "team": np.repeat(team, WEEKS), "kr": np.repeat(kr, WEEKS),
        "date": np.tile(week_ends.to_numpy(), n),
        "period_start": np.where(k == PER_PERIOD, np.tile(week_starts.to_numpy(), n),
                                 np.datetime64("NaT")),
        "value": value, "confidence": rng.integers(0, 11, rows).astype(float), "status": None,
        "status_reason": None, "comment": "",
    })[~quiet].reset_index(drop=True)  # fmt: skip
    checkins["period_start"] = pd.to_datetime(checkins["period_start"])
    return plan, profiles, checkins[list(CHECKIN_COLUMNS)]


def peak_mb() -> float:
    """This process's peak resident memory, in MB: since the last :func:`reset_peak` on Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def resident_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is not there)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_peak() -> bool:
    """Start the peak-memory count again from now (Linux: clear_refs 5); False if not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def bench_status() -> None:
    start = time.perf_counter()
    plan, profiles, checkins = organisation(TEAMS)
    made = time.perf_counter() - start
    settings = TrackingSettings()
    as_of = pd.Timestamp("2015-12-31")
    before = resident_mb()
    # The peak from here: the engine's own, not the synthetic input's making.
    since_inputs = reset_peak()

    def floor():
        return checkins.groupby(["team", "kr"], sort=False)["value"].last()

    def status():
        return assess_frames(plan, profiles, checkins, as_of, 2015, settings)

    floor_times, status_times = [], []
    for _ in range(REPEAT):  # interleaved, so both see the same machine load
        floor_times += sample(floor, 1)
        status_times += sample(status, 1)
    frame = status()
    f = statistics.median(floor_times)
    counts = frame["status"].value_counts().to_dict()
    print(f"status and forecast: {TEAMS:,} teams x {KRS} KRs, {len(checkins):,} check-ins "
          f"(up to {WEEKS} a KR; made in {made:.1f} s)")  # fmt: skip
    print("  " + report("floor, bare groupby-last", floor_times))
    print("  " + report("okrkit assess_frames (all steps)", status_times, f))
    print(f"  statuses: {counts}")
    scope = "while timing" if since_inputs else "of the whole process"
    print(f"  peak memory {scope}: {peak_mb():,.0f} MB (resident with the inputs alone: "
          f"{before:,.0f} MB)")  # fmt: skip


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    sys.path.insert(0, {root!r})
    from okrkit.track.store import CheckIn, Store
    worker, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    store = Store(path, timeout=600)
    items = [CheckIn(cycle=2015, team=f"team-{{worker:03d}}", kr=f"KR{{i % 20 + 1}}",
                     date=date(2015, 1, 1) + timedelta(days=i), value=float(i),
                     comment=f"writer {{worker}}") for i in range(count)]
    print("ready", flush=True)
    sys.stdin.readline()
    for item in items:
        store.append([item])
    store.close()
    """
)


def run_writers(path: Path, processes: int, count: int) -> float:
    """Wall seconds for ``processes`` writers of ``count`` appends each, released together."""
    code = WRITER.format(root=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(w), str(count), str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for w in range(processes)]  # fmt: skip
    for proc in procs:
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit("a writer did not start")
    start = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        if proc.wait(timeout=1800) != 0:
            raise SystemExit("a writer failed")
    return time.perf_counter() - start


def bench_writers() -> None:
    from okrkit.track.store import Store

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        alone = run_writers(folder / "alone.sqlite", 1, WRITERS * EACH)
        together_path = folder / "together.sqlite"
        Store(together_path).close()
        together = run_writers(together_path, WRITERS, EACH)
        with Store(together_path) as store:
            present, sound = store.count(), store.integrity()
            writers_seen = len({row["team"] for row in store.rows(2015)})
    total = WRITERS * EACH
    print(f"concurrent writers: {WRITERS} processes x {EACH} check-ins, one transaction each")
    print(f"  floor, 1 process appending all {total:,}: {alone:6.1f} s ({total / alone:,.0f}/s)")
    print(f"  {WRITERS} processes at once:            {together:6.1f} s ({total / together:,.0f}/s"
          f", {together / alone:.2f}x the floor)")  # fmt: skip
    print(f"  entries present: {present:,} of {total:,} from {writers_seen} writers; "
          f"integrity: {sound}")  # fmt: skip
    if present != total:
        raise SystemExit("entries were lost")


def bench_page() -> None:
    """The 进展 tab's Save callback, headless, on the shipped case and its 2015 check-ins."""
    import shutil

    from okrkit.cases import load_case
    from okrkit.track.io import read_checkins
    from okrkit.track.store import Store
    from okrkit.widgets.checkin import CheckinPanel

    case = load_case(ROOT / "cases" / "a-company")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "track.sqlite"
        with Store(path) as store:
            store.append(
                read_checkins(ROOT / "cases" / "a-company" / "checkins" / "2015.csv", case)
            )
        shutil.copy(path, Path(folder) / "copy.sqlite")
        panel = CheckinPanel(case, path, team="rep-li", kr="KR1.4", day=pd.Timestamp(
            "2015-06-30").date(), lang="zh")  # fmt: skip
        values = iter(range(500, 500 + 10 * PAGE_SAVES))
        panel.value.value = "499"
        panel.save()  # the first save opens the store
        saves, keystrokes, cpus = [], [], []
        for _ in range(PAGE_SAVES):
            start = time.perf_counter()
            panel.value.value = str(next(values))  # typing: the live suggestion alone
            keystrokes.append(time.perf_counter() - start)
            start, cpu = time.perf_counter(), time.process_time()
            panel.save()  # Save: a new value each time, so a real append
            saves.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            if panel.last_saved is None or not panel.last_saved.result.added:
                raise SystemExit("a save did not store its check-in")
        panel.close()
    median = statistics.median(saves)
    print(f"manager's page (进展 tab), headless, {PAGE_SAVES} saves on the shipped case:")
    print("  " + report("Save: validate, suggest, append, redraw", saves))
    print("  " + report("typing a value: the live suggestion", keystrokes))
    # The CPU this process spent per save: what the machine's other load does not inflate.
    print("  " + report("Save, CPU time of this process", cpus))
    print(f"  median save {median * 1000:.1f} ms against 50 ms: "
          f"{'met' if median <= 0.05 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    ran = False
    if "--writers" in sys.argv:
        bench_writers()
        ran = True
    if "--page" in sys.argv:
        bench_page()
        ran = True
    if not ran or "--status" in sys.argv:
        bench_status()

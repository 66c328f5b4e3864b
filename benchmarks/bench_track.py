"""Benchmark: check-in appends (1 and 4 writer processes) and status for 10,000 teams.

1. Appends. Each writer process appends check-ins one per transaction through
   okrkit.track.store.Store.append (BEGIN IMMEDIATE, the "same key?" look-up,
   INSERT, COMMIT with synchronous=FULL). Floor, measured in the same run: a
   bare sqlite3 loop in one process inserting the same number of rows, one
   commit each, with the same pragmas (WAL, synchronous=FULL). Reported:
   appends/s, okrkit 1 writer / floor, and 4 writers together / 1 writer
   (SQLite takes one writer at a time, so this shows queueing, not speed-up).
2. Status. 10,000 teams x 20 KRs (14 cumulative, 5 monthly per-period, 1
   deduction item) with 12 monthly check-ins each (2.4M rows), as the frames
   okrkit.track.picture.assess_frames reads: standing, pace, gap, status,
   stale, forecast (run rate and trend), needed rate, progress. Floor: a bare
   pandas groupby-last of value per team x KR over the same rows.
3. Store read. A tenth of those teams' check-ins appended in one batch, then
   read back as the current view (newest row per key) into a DataFrame.
   Floor: a bare SELECT * fetchall of the same table.

Run: .venv/bin/python benchmarks/bench_track.py  [--quick]
"""

from __future__ import annotations

import sqlite3
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

from okrkit.track.picture import assess_frames  # noqa: E402
from okrkit.track.settings import TrackingSettings  # noqa: E402
from okrkit.track.standing import PLAN_COLUMNS  # noqa: E402

QUICK = "--quick" in sys.argv
APPENDS = 150 if QUICK else 400
TEAMS = 1_000 if QUICK else 10_000
KRS = 20
REPEAT = 3

WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date, timedelta
    sys.path.insert(0, {root!r})
    from okrkit.track.store import CheckIn, Store
    worker, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    store = Store(path)
    items = [CheckIn(cycle=2015, team=f"team-{{worker}}", kr=f"KR{{i % 20}}",
                     date=date(2015, 1, 1) + timedelta(days=i % 365), value=float(i),
                     comment="bench") for i in range(count)]
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.perf_counter()
    for item in items:
        store.append([item])
    print(time.perf_counter() - start, flush=True)
    """
)


def bare_inserts(path: Path, count: int) -> float:
    """Seconds for the floor: plain INSERT + COMMIT per row, same pragmas."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE t (team TEXT, kr TEXT, date TEXT, value REAL, comment TEXT)")
    start = time.perf_counter()
    for i in range(count):
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            ("team-0", f"KR{i % 20}", "2015-01-01", float(i), "bench"),
        )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def writers(path: Path, processes: int, count: int) -> float:
    """Wall seconds for ``processes`` writers of ``count`` appends each, started together."""
    code = WRITER.format(root=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(w), str(count), str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for w in range(processes)]  # fmt: skip
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        proc.stdout.readline()
        assert proc.wait() == 0
    return time.perf_counter() - start


def bench_appends() -> None:
    from okrkit.track.store import Store

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        floor = statistics.median(
            bare_inserts(folder / f"bare{i}.sqlite", APPENDS) for i in range(REPEAT)
        )
        one = statistics.median(
            writers(folder / f"one{i}.sqlite", 1, APPENDS) for i in range(REPEAT)
        )
        four_paths = [folder / f"four{i}.sqlite" for i in range(REPEAT)]
        four = statistics.median(writers(p, 4, APPENDS) for p in four_paths)
        for p in four_paths:
            with Store(p) as store:
                assert store.count() == 4 * APPENDS, "an append was lost"
    rate = lambda n, s: n / s  # noqa: E731
    print(f"appends, {APPENDS} per writer, one transaction each (synchronous=FULL):")
    print(f"  floor, bare sqlite3 INSERT+COMMIT loop: {rate(APPENDS, floor):8.0f} rows/s")
    print(f"  okrkit Store.append, 1 writer:          {rate(APPENDS, one):8.0f} appends/s "
          f"({rate(APPENDS, one) / rate(APPENDS, floor):.2f}x the floor's rate)")  # fmt: skip
    print(f"  okrkit Store.append, 4 writers at once: {rate(4 * APPENDS, four):8.0f} appends/s in all "
          f"({rate(4 * APPENDS, four) / rate(APPENDS, one):.2f}x one writer; every entry present)")  # fmt: skip


def organisation(seed: int = 2015) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """The plan, profiles and 12 monthly check-ins per KR of TEAMS synthetic teams."""
    rng = np.random.default_rng(seed)
    n = TEAMS * KRS
    position = np.tile(np.arange(KRS), TEAMS)
    deduction = position == KRS - 1
    per_period = (position >= 14) & ~deduction
    team = np.repeat(np.array([f"team-{i:05d}" for i in range(TEAMS)], dtype=object), KRS)
    kr = np.tile(np.array([f"KR{i}" for i in range(KRS)], dtype=object), TEAMS)
    target = rng.uniform(10, 1000, n)
    plan = pd.DataFrame({
        "team": team, "objective": "O" + pd.Series(position // 5 + 1).astype(str).to_numpy(),
        "kr": kr, "level": "position", "parent": None, "deduction": deduction,
        "direction": np.where(deduction, 3, 3), "weight": np.where(deduction, np.nan, 100 / 19),
        "target": np.where(per_period, target / 12, target), "baseline": np.nan,
        "penalty": np.where(deduction, 5.0, np.nan), "cap": np.where(deduction, 20.0, np.nan),
        "cadence": np.where(per_period, "month", None), "mode": np.where(per_period, "per_period", "cumulative"),
        "stale_days": 14, "recent": 2, "profile": 0, "periods": np.nan, "rate": False,
    }, columns=list(PLAN_COLUMNS))  # fmt: skip
    month_ends = pd.date_range("2015-01-31", periods=12, freq="ME")
    month_starts = month_ends - pd.offsets.MonthBegin(1)
    speed = rng.uniform(0.5, 1.3, n)
    rows = n * 12
    k = np.tile(np.arange(1, 13), n)
    value = np.where(np.repeat(per_period, 12), np.repeat(target / 12 * speed, 12),
                     np.repeat(target * speed, 12) * k / 12)  # fmt: skip
    value = np.where(np.repeat(deduction, 12), rng.poisson(0.2, rows), value)
    checkins = pd.DataFrame({
        "team": np.repeat(team, 12), "kr": np.repeat(kr, 12),
        "date": np.tile(month_ends.to_numpy(), n),
        "period_start": np.where(np.repeat(per_period, 12), np.tile(month_starts.to_numpy(), n),
                                 np.datetime64("NaT")),
        "value": value, "confidence": rng.integers(0, 11, rows).astype(float), "status": None,
        "status_reason": None, "comment": "",
    })  # fmt: skip
    checkins["period_start"] = pd.to_datetime(checkins["period_start"])
    return plan, np.vstack([np.full(12, 1 / 12)]), checkins


def bench_status() -> None:
    plan, profiles, checkins = organisation()
    settings = TrackingSettings()
    as_of = pd.Timestamp("2015-12-31")

    def floor():
        return checkins.groupby(["team", "kr"], sort=False)["value"].last()

    def status():
        return assess_frames(plan, profiles, checkins, as_of, 2015, settings)

    floor_times, status_times = [], []
    for _ in range(REPEAT):
        start = time.perf_counter()
        floor()
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        frame = status()
        status_times.append(time.perf_counter() - start)
    counts = frame["status"].value_counts().to_dict()
    f, s = statistics.median(floor_times), statistics.median(status_times)
    print(f"status: {TEAMS:,} teams x {KRS} KRs, {len(checkins):,} check-ins (12 a KR)")
    print(f"  floor, bare groupby-last:        median {f:.3f} s")
    print(f"  okrkit assess_frames (all steps): median {s:.3f} s = {s / f:.1f}x the floor")
    print(f"  statuses: {counts}")


def bench_store_read() -> None:
    """Reading the current check-ins of a large store into the frame status needs."""
    from datetime import date, timedelta

    from okrkit.track.store import CheckIn, Store

    teams = TEAMS // 10
    items = [CheckIn(cycle=2015, team=f"team-{t:05d}", kr=f"KR{k}",
                     date=date(2015, 1, 31) + timedelta(days=30 * m), value=float(m))
             for t in range(teams) for k in range(KRS) for m in range(12)]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "track.sqlite"
        with Store(path) as store:
            start = time.perf_counter()
            store.append(items)
            batch = time.perf_counter() - start
            reads, floors = [], []
            for _ in range(REPEAT):
                start = time.perf_counter()
                sqlite3.connect(path).execute("SELECT * FROM checkins").fetchall()
                floors.append(time.perf_counter() - start)
                start = time.perf_counter()
                store.frame(2015)
                reads.append(time.perf_counter() - start)
    f, r = statistics.median(floors), statistics.median(reads)
    print(
        f"store read: {len(items):,} check-ins ({teams:,} teams), appended in one batch in {batch:.1f} s"
    )
    print(f"  floor, bare SELECT * fetchall:   median {f:.3f} s")
    print(f"  okrkit Store.frame (current):     median {r:.3f} s = {r / f:.1f}x the floor")


if __name__ == "__main__":
    bench_appends()
    bench_status()
    bench_store_read()

"""The check-in store: append-only, corrections supersede, concurrent writers, killed writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date

import pytest
from track_helpers import ROOT, checkin

from okrkit.track.store import SCHEMA_VERSION, Store, StoreError


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "track.sqlite") as opened:
        yield opened


def test_appended_checkin_reads_back(store):
    """A check-in appended is read back with its value, confidence and source."""
    store.append([checkin(value=620, confidence=7)])
    (row,) = store.rows(2015)
    assert (row["team"], row["kr"], row["value"], row["confidence"], row["source"]) == (
        "rep-li", "KR1.4", 620.0, 7, "typed")  # fmt: skip


def test_correction_supersedes_and_keeps_history(store):
    """A second value for the same KR and day is a new row naming the one it replaces."""
    store.append([checkin(value=600)])
    result = store.append([checkin(value=640)])
    assert (result.added, result.superseded) == (1, 1)
    assert [r["value"] for r in store.rows(2015)] == [640.0]
    history = store.rows(2015, current=False)
    assert [r["value"] for r in history] == [600.0, 640.0]
    assert history[1]["supersedes"] == history[0]["id"]


def test_identical_checkin_is_not_stored_twice(store):
    """Appending the same check-in again changes nothing (re-imports are no-ops)."""
    store.append([checkin()])
    assert store.append([checkin()]).unchanged == 1
    assert store.count() == 1


def test_per_period_checkins_of_one_week_share_a_key(store):
    """Two values typed on different days of one week: the later corrects the earlier."""
    store.append([checkin(kr="KR1.1", value=90, day=date(2015, 6, 23))])
    store.append([checkin(kr="KR1.1", value=95, day=date(2015, 6, 26))])
    assert [r["value"] for r in store.rows(2015, kr="KR1.1")] == [95.0]


def test_store_uses_write_ahead_logging(store):
    """The store is in WAL mode, so readers never block the writer."""
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(tmp_path):
    """A store written by a newer okrkit is refused, naming the file and both versions."""
    path = tmp_path / "track.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError) as error:
        Store(path)
    assert str(path) in str(error.value) and "newer okrkit" in str(error.value)
    assert "更新版本" in error.value.render("zh")


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    """Pointing --store at a CSV gives a located error, not a traceback."""
    path = tmp_path / "checkins.csv"
    path.write_text("team,kr,value\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError) as error:
        Store(path)
    assert str(path) in str(error.value)


def test_a_failed_batch_writes_nothing(store):
    """When one item of a batch cannot be stored, the batch's earlier items are rolled back."""
    bad = replace(checkin(day=date(2015, 5, 31)), confidence=11)  # past validation: CHECK fails
    with pytest.raises(StoreError):
        store.append([checkin(), bad])
    assert store.count() == 0


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    sys.path.insert(0, {tests!r})
    from track_helpers import checkin
    from okrkit.track.store import Store
    worker, count = int(sys.argv[1]), int(sys.argv[2])
    store = Store(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(count):
        day = date(2015, 1, 1) + timedelta(days=i)
        store.append([checkin(team="rep-li", kr="KR1.4", value=worker * 1000 + i, day=day,
                              comment=f"worker {{worker}}")])
    """
)


def test_concurrent_writer_processes_lose_no_entry(tmp_path):
    """8 processes appending 25 check-ins each at once leave exactly all 200 rows."""
    path, writers, each = tmp_path / "track.sqlite", 8, 25
    Store(path).close()
    code = WRITER.format(tests=str(ROOT / "tests"))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(w), str(each), str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for w in range(writers)]  # fmt: skip
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    with Store(path) as store:
        assert store.count() == writers * each
        assert store.integrity() == "ok"


KILLED = textwrap.dedent(
    """
    import sys, time
    from datetime import date, timedelta
    sys.path.insert(0, {tests!r})
    from track_helpers import checkin
    from okrkit.track.store import Store
    store = Store(sys.argv[1])
    store.append([checkin(value=1, day=date(2015, 1, 31))])  # committed before the kill

    def items():
        for i in range(50):
            yield checkin(value=100 + i, day=date(2015, 2, 1) + timedelta(days=i))
        print("inside", flush=True)  # 50 rows written, transaction still open
        time.sleep(60)

    store.append(items())
    """
)


def test_writer_killed_mid_transaction_leaves_store_consistent_and_writable(tmp_path):
    """SIGKILL during an append: the committed entry stays, no partial rows, writes go on."""
    path = tmp_path / "track.sqlite"
    code = KILLED.format(tests=str(ROOT / "tests"))
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            text=True)  # fmt: skip
    assert proc.stdout.readline().strip() == "inside"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(path, timeout=5) as store:
        assert store.integrity() == "ok"
        assert [r["value"] for r in store.rows(2015)] == [1.0]
        store.append([checkin(value=7, day=date(2015, 3, 31))])
        assert store.count() == 2

"""Evidence runs' temporary folders and cached results have a bounded life."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from okrkit.evidence import workdir as wd
from tests.conftest import ROOT

HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from okrkit.evidence.workdir import Workdir
folder = Workdir({parent!r})
print(folder.name, flush=True)
time.sleep(60)
"""


def _holder(parent):
    """A real process that opens a run folder in ``parent`` and waits; (process, folder)."""
    code = HOLDER.format(root=str(ROOT), parent=str(parent))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    return child, child.stdout.readline().strip()


def test_folder_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    """A run killed with SIGKILL leaves its folder; the next run in the same temp folder removes it."""
    child, folder = _holder(tmp_path)
    child.kill()
    child.wait()
    assert os.path.isdir(folder)
    wd.Workdir(tmp_path).cleanup()
    assert not os.path.exists(folder)


def test_folder_of_a_live_run_is_kept(tmp_path):
    """Another run's sweep leaves the folder of a run still going."""
    child, folder = _holder(tmp_path)
    try:
        wd.Workdir(tmp_path).cleanup()
        assert os.path.isdir(folder)
    finally:
        child.kill()
        child.wait()


def test_unlocked_folder_is_kept_a_day_then_removed(tmp_path):
    """A folder without a lock (an older okrkit's) stays while fresh and goes once a day old."""
    fresh, old = tmp_path / (wd.PREFIX + "fresh"), tmp_path / (wd.PREFIX + "old")
    fresh.mkdir(), old.mkdir()
    day_ago = time.time() - wd.UNLOCKED_GRACE - 60
    os.utime(old, (day_ago, day_ago))
    assert wd.sweep(tmp_path) == [old] and fresh.is_dir()


def test_closing_a_run_removes_its_folder(tmp_path):
    """cleanup() removes the folder at once."""
    folder = wd.Workdir(tmp_path)
    folder.cleanup()
    assert not os.path.exists(folder.name)


def test_cache_keeps_only_the_newest_entries(tmp_path):
    """After a write, the cache folder holds at most ``keep`` entries, the newest ones."""
    for n in range(5):
        wd.cached_json(tmp_path, f"k{n}", lambda n=n: {"n": n}, keep=3)
        os.utime(tmp_path / f"k{n}.json", (1_000_000 + n, time.time() - 10 + n))
    wd.cached_json(tmp_path, "k5", lambda: {"n": 5}, keep=3)
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == ["k3", "k4", "k5"]


def test_cache_drops_entries_unused_for_days(tmp_path):
    """An entry not used for longer than ``days`` is removed by the next write."""
    wd.cached_json(tmp_path, "old", lambda: {"n": 1})
    week_ago = time.time() - 8 * 86400
    os.utime(tmp_path / "old.json", (week_ago, week_ago))
    wd.cached_json(tmp_path, "new", lambda: {"n": 2}, days=7)
    assert [p.stem for p in tmp_path.glob("*.json")] == ["new"]


def test_cached_result_is_read_not_computed_again(tmp_path):
    """A second call with the same key returns the kept result without computing."""
    wd.cached_json(tmp_path, "k", lambda: {"n": 1})
    assert wd.cached_json(tmp_path, "k", lambda: {"n": 2}) == {"n": 1}

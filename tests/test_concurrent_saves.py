"""Saves under real faults: processes killed mid-save, and two editors racing for one file.

Each test forks real processes (the save code runs in them exactly as in a
notebook kernel or the manager's page) and checks what is on disk afterwards.
Fork keeps a child's start cheap (the parent has imported okrkit already), so
a few dozen kills and races take seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from dataclasses import replace

import pytest

from okrkit.casefile import _without_places, load_team_version, save_team
from okrkit.draft import load_team_file
from okrkit.yamlio import (
    SaveBusyError,
    StaleFileError,
    leftover_temp_files,
    lock_path,
    replace_file,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks real processes")

KILL_RUNS = 25
RACE_RUNS = 20
FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def _reweighted(team, first: float, last: float):
    """The team with its first objective's first and last KR weights set (sum kept at 100)."""
    objective = team.objectives[0]
    krs = list(objective.key_results)
    krs[0] = replace(krs[0], weight=first)
    krs[-1] = replace(krs[-1], weight=last)
    return replace(
        team, objectives=(replace(objective, key_results=tuple(krs)), *team.objectives[1:])
    )


def _versions(team):
    """The original team and the two edits the killed child alternates between."""
    first, last = (
        team.objectives[0].key_results[0].weight,
        team.objectives[0].key_results[-1].weight,
    )
    total = first + last
    return [team, _reweighted(team, total - 8, 8), _reweighted(team, 8, total - 8)]


def _save_forever(path, edits, ready) -> None:
    """Child: save the two edits in turn, as fast as it can, until it is killed."""
    ready.set()
    while True:
        for team in edits:
            save_team(team, path)


def _is_one_of(path, teams) -> bool:
    got = _without_places(load_team_file(path))
    return any(got == _without_places(team) for team in teams)


def test_saves_killed_at_random_leave_a_whole_file_and_the_next_save_cleans_up(worked_case_dir):
    """SIGKILL in the middle of saves, 25 times: file and .bak whole, old or new; no temp after."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    backup = path.with_name("rep-zhang.yaml.bak")
    original, *edits = _versions(load_team_file(path))
    rng = random.Random(11)
    temps_left = 0
    for _ in range(KILL_RUNS):
        ready = FORK.Event()
        child = FORK.Process(target=_save_forever, args=(path, edits, ready))
        child.start()
        assert ready.wait(10)
        time.sleep(rng.uniform(0.005, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        assert _is_one_of(path, [original, *edits])
        if backup.exists():
            assert _is_one_of(backup, [original, *edits])
        temps_left += bool(leftover_temp_files(path))
    # A kill between writing a temp file and renaming it leaves that temp file;
    # the next save (holding the lock, so no live save owns it) removes it.
    save_team(original, path)
    assert leftover_temp_files(path) == []
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    print(f"\n{KILL_RUNS} kills, {temps_left} left a temp file behind, all files whole")


def _load_wait_save(path, edit_first, edit_last, barrier, results) -> None:
    """Child: load the team and its version, wait for the other editor, then save an edit."""
    team, version = load_team_version(path)
    barrier.wait(10)
    try:
        save_team(_reweighted(team, edit_first, edit_last), path, expected=version)
    except StaleFileError as error:
        results.put(("stale", edit_first, error.render("en")))
    except BaseException as error:  # anything else is a failure the parent reports
        results.put(("error", edit_first, repr(error)))
    else:
        results.put(("saved", edit_first, ""))


def test_two_processes_saving_the_same_team_one_wins_the_other_is_told(worked_case_dir):
    """Two editors load one team and save at once, 20 times: one wins, one gets StaleFileError."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    base = load_team_file(path)
    total = base.objectives[0].key_results[0].weight + base.objectives[0].key_results[-1].weight
    outcomes = []
    for run in range(RACE_RUNS):
        barrier, results = FORK.Barrier(2), FORK.Queue()
        # two edits that both change the file (an edit equal to the file would be no change)
        now = load_team_file(path).objectives[0].key_results[0].weight
        firsts = [w for w in (6 + run % 3, 11, 13) if w != now][:2]
        edits = {first: total - first for first in firsts}
        children = [
            FORK.Process(target=_load_wait_save, args=(path, first, last, barrier, results))
            for first, last in edits.items()
        ]
        for child in children:
            child.start()
        got = sorted(results.get(timeout=30) for _ in children)
        for child in children:
            child.join(10)
        kinds = sorted(kind for kind, _, _ in got)
        assert kinds == ["saved", "stale"], got
        winner = next(first for kind, first, _ in got if kind == "saved")
        loser_message = next(text for kind, _, text in got if kind == "stale")
        assert str(path) in loser_message and "changed by someone else" in loser_message
        saved = load_team_file(path)
        assert saved.objectives[0].key_results[0].weight == winner
        assert saved.objectives[0].key_results[-1].weight == edits[winner]
        outcomes.append(winner)
    assert leftover_temp_files(path) == []
    print(f"\n{RACE_RUNS} races: {len(outcomes)} with exactly one winner and one stale refusal")


def _hold_lock(lock, held, release) -> None:
    from filelock import FileLock

    with FileLock(lock):
        held.set()
        release.wait(30)


def test_a_save_waits_for_the_lock_and_says_so_when_it_is_held_too_long(tmp_path):
    """While another process holds the file's lock, a save gives up with SaveBusyError, writing nothing."""
    path = tmp_path / "team.yaml"
    path.write_bytes(b"id: a\n")
    held, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(lock_path(path), held, release))
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(SaveBusyError) as info:
            replace_file(path, b"id: b\n", lock_timeout=0.2)
        assert "being saved by another program" in info.value.render("en")
        assert "正被另一个程序保存" in info.value.render("zh")
        assert path.read_bytes() == b"id: a\n"
    finally:
        release.set()
        holder.join(10)
    replace_file(path, b"id: b\n", lock_timeout=5)
    assert path.read_bytes() == b"id: b\n"


def _replace_forever(path, contents, ready) -> None:
    """Child: replace the file with each content in turn, until it is killed."""
    ready.set()
    while True:
        for data in contents:
            replace_file(path, data)


def test_kills_during_large_writes_leave_old_or_new_bytes_and_temps_are_swept(worked_case_dir):
    """SIGKILL while 1 MB files are written, 25 times: old or new bytes exactly; temps swept next save."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    backup = path.with_name("rep-zhang.yaml.bak")
    text = path.read_bytes()
    # big enough that writing and syncing the temp file is most of each save
    padding = b"".join(b"# %07d padding line for a slow write\n" % i for i in range(25_000))
    contents = [text + b"# version A\n" + padding, text + b"# version B\n" + padding]
    known = {text, *contents}
    rng = random.Random(7)
    temps_left = 0
    for run in range(KILL_RUNS):
        ready = FORK.Event()
        child = FORK.Process(target=_replace_forever, args=(path, contents, ready))
        child.start()
        assert ready.wait(10)
        if run % 2:  # odd runs: the moment a temp file is seen, i.e. mid-write for sure
            deadline = time.monotonic() + 10
            while not leftover_temp_files(path) and time.monotonic() < deadline:
                pass
        else:  # even runs: anywhere in the save
            time.sleep(rng.uniform(0.005, 0.1))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert path.read_bytes() in known
        if backup.exists():
            assert backup.read_bytes() in known
        temps_left += len(leftover_temp_files(path))
    replace_file(path, text)  # the next save, as save_team ends
    assert leftover_temp_files(path) == [] and load_team_file(path).id == "rep-zhang"
    print(f"\n{KILL_RUNS} kills mid-write: {temps_left} temp files left, swept by the next save")
    assert temps_left > 0, "no kill landed mid-write: the sweep was not exercised"

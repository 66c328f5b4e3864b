"""Loading a case pauses the cyclic garbage collector, and leaves it as it found it.

Each full collection walks every live object, and a loading case keeps all it
builds alive: with the collector on, the time a team took grew with the size
of the case (okrkit.cases.cyclic_gc_paused).
"""

from __future__ import annotations

import gc
import threading

import pytest

from okrkit.cases import load_case
from okrkit.errors import CaseError
from tests.conftest import CASES, replace_in


def test_team_files_are_parsed_with_the_collector_paused(monkeypatch):
    """While each of A公司's team files is parsed, automatic collection is off."""
    from okrkit import cases

    seen: list[bool] = []
    real = cases.parse_team

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(cases, "parse_team", watched)
    assert gc.isenabled()
    load_case(CASES / "a-company")
    assert seen and not any(seen)


def test_the_collector_is_on_again_after_a_load():
    """After a load the collector is enabled, as it was before."""
    load_case(CASES / "a-company")
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_failed_load(worked_case_dir):
    """A case with problems raises CaseError and still leaves the collector enabled."""
    replace_in(worked_case_dir / "teams" / "sales.yaml", "parent: gm", "parent: nobody")
    with pytest.raises(CaseError):
        load_case(worked_case_dir)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    """A caller that turned the collector off finds it off after a load."""
    gc.disable()
    try:
        load_case(CASES / "a-company")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loads_in_threads_at_once_leave_the_collector_on():
    """Eight threads loading cases at the same time: when all are done the collector is on."""
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def load():
        start.wait()
        try:
            load_case(CASES / "a-company")
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert gc.isenabled()

"""Sensitivity of the required activity to each funnel assumption."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.funnel import funnel_of
from okrkit.sensitivity import lever_stage, sensitivity, sensitivity_table

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def funnel():
    return funnel_of(load_case(CASE))


def test_one_row_per_assumption(funnel):
    """Four rates and one share give five rows, in funnel order."""
    rows = sensitivity(funnel, 1200)
    assert [r.assumption.key for r in rows] == [
        "deals.rate",
        "opportunities.rate",
        "visits.rate",
        "visits.other_share",
        "calls.rate",
    ]


def test_a_rate_relieves_only_the_stages_above_it(funnel):
    """+10% win rate cuts opportunities, visits and calls by 1/11, and leaves deals alone."""
    win = next(r for r in sensitivity(funnel, 1200) if r.assumption.key == "opportunities.rate")
    assert win.improved_value == pytest.approx(0.275)
    assert win.change("deals") == 0
    for stage in ("opportunities", "visits", "calls"):
        assert win.change(stage) == pytest.approx(1 / 1.1 - 1)
    assert win.change("calls", worse=True) == pytest.approx(1 / 0.9 - 1)
    assert win.improved_target["calls"] == 91


def test_the_old_customer_share_is_the_biggest_lever(funnel):
    """Moving the old-customer share from 50% to 55% cuts new visits by 10%, more than any rate."""
    rows = sensitivity(funnel, 1200)
    lever = lever_stage(funnel)
    best = min(rows, key=lambda r: r.change(lever))
    assert best.assumption.key == "visits.other_share"
    assert best.change("visits") == pytest.approx(-0.1)


def test_a_rate_near_100_percent_is_capped(funnel):
    """A 95% win rate improved by 10% stops at 100% and says so."""
    rows = sensitivity(funnel.with_assumption("opportunities.rate", 0.95), 1200)
    win = next(r for r in rows if r.assumption.key == "opportunities.rate")
    assert win.capped and win.improved_value == 1.0


def test_table_sorts_by_the_lever_and_shows_both_languages(funnel):
    """The table's first row is the biggest lever; labels exist in Chinese and English."""
    rows = sensitivity(funnel, 1200)
    zh = sensitivity_table(rows, funnel, "zh")
    en = sensitivity_table(rows, funnel, "en")
    assert zh.iloc[0, 0] == "来自老客户回访的项目机会占比"
    assert en.iloc[0, 0] == "share of opportunities from old-customer revisits"
    assert en.loc[0, "effective calls"] == "100 → 90 (-10.0%)"
    assert len(zh) == len(en) == 5

"""Calibration's own work at scale: monthly counts, traced events only, links made once, no per-rep loop."""

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.calibrate import stage_rates
from okrkit.calibrate.drivers import relate
from okrkit.calibrate.records import open_history
from okrkit.cases import load_case

CASE = Path(__file__).resolve().parents[1] / "cases" / "a-company"
HISTORY = CASE / "records" / "2014"


@pytest.fixture(scope="module")
def history():
    with open_history(load_case(CASE), HISTORY) as opened:
        yield opened


def test_monthly_counts_hold_every_counted_call(history):
    """cal_n's calls add up to every call the evidence rule counts, though few are kept one by one."""
    counted = history.con.execute(
        "SELECT count(*) FROM ev_followup WHERE status = 'counted' AND seconds >= 60"
    ).fetchone()[0]
    monthly = history.con.execute("SELECT sum(n) FROM cal_n WHERE stage = 'calls'").fetchone()[0]
    kept = history.con.execute("SELECT count(*) FROM cal_ev_calls").fetchone()[0]
    assert monthly == counted and kept < counted


def test_calls_kept_one_by_one_are_those_to_customers_visited_later(history):
    """The calls kept for tracing are exactly the counted calls to a (rep, customer) visited at or after them."""
    to_visited = history.con.execute("""
        SELECT count(*) FROM ev_followup c WHERE status = 'counted' AND seconds >= 60
            AND team IS NOT NULL AND EXISTS (SELECT 1 FROM cal_ev_visits v
                WHERE v.team = c.team AND v.ckey = lower(c.customer) AND v.ts >= c.ts)
    """).fetchone()[0]  # fmt: skip
    kept = history.con.execute("SELECT count(*) FROM cal_ev_calls").fetchone()[0]
    assert kept == to_visited > 0


def test_visits_are_all_kept_for_the_stage_below(history):
    """The stage above another keeps all its events: each is a unit its traced calls may reach."""
    monthly = history.con.execute("SELECT sum(n) FROM cal_n WHERE stage = 'visits'").fetchone()[0]
    kept = history.con.execute("SELECT count(*) FROM cal_ev_visits").fetchone()[0]
    assert kept == monthly


def test_another_horizon_on_an_open_history_matches_a_fresh_one(history):
    """The links made once serve every horizon: 30 days after 200 equals 30 days on a new history."""
    stage_rates(history, horizon=200)
    again = stage_rates(history, horizon=30)
    with open_history(load_case(CASE), HISTORY) as fresh:
        new = stage_rates(fresh, horizon=30)
    for stage, rate in again.items():
        pd.testing.assert_frame_equal(rate.estimates, new[stage].estimates)


def _relate_per_rep(monthly, stage, lag, result="revenue"):
    """The loop relate() replaced: each rep's lagged pairs less the rep's own means."""
    xs, ys = [], []
    for _, rows in monthly.sort_values(["team", "month"]).groupby("team"):
        x, y = rows[stage].to_numpy(dtype=float), rows[result].to_numpy(dtype=float)
        if lag:
            x, y = x[:-lag], y[lag:]
        if len(x) >= 2:
            xs.append(x - x.mean())
            ys.append(y - y.mean())
    return (np.concatenate(xs), np.concatenate(ys)) if xs else (np.array([]), np.array([]))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(1, 12),
    st.integers(0, 4),
    st.integers(0, 2**32 - 1),
)
def test_vectorised_relation_equals_the_per_rep_loop(reps, months, lag, seed):
    """relate() over all reps at once gives the r and n of the per-rep loop, for any shape."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "team": np.repeat([f"r{i}" for i in range(reps)], months),
        "month": np.tile([dt.date(2014, m + 1, 1) for m in range(months)], reps),
        "calls": rng.poisson(100, reps * months).astype(float),
        "revenue": rng.gamma(2, 10, reps * months),
    }).sample(frac=1, random_state=seed % 1000)  # fmt: skip
    found = relate(frame, "calls", lag)
    x, y = _relate_per_rep(frame, "calls", lag)
    assert found.n == len(x)
    if found.r is not None:
        assert found.r == pytest.approx(float(np.corrcoef(x, y)[0, 1]), abs=1e-9)

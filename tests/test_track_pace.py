"""Expected pace: linear by day, monthly profiles, last cycle's shares, a cadence's target."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from track_helpers import LINEAR, checkin, kr_row, view, without_tracking

from okrkit.scoring import DIRECTION_CODES
from okrkit.track.pace import expected_value, fraction_done, last_cycle_shares, linear_shares

INCREASE, AT_MOST, AT_LEAST = (DIRECTION_CODES[n] for n in ("increase", "at_most", "at_least"))


def _day(text):
    return np.array([text], dtype="datetime64[D]")


def test_linear_pace_counts_days():
    """By 30 June 2015, 181 of 365 days are done."""
    assert fraction_done(_day("2015-06-30"), 2015, linear_shares(2015))[0] == pytest.approx(
        181 / 365
    )


def test_spring_festival_profile_expects_less_by_february():
    """A profile with a small February expects less by its end than linear pace does."""
    shares = np.array([8, 4, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9], dtype=float) / 100
    dip = fraction_done(_day("2015-02-28"), 2015, shares)[0]
    assert dip == pytest.approx(0.12)
    assert dip < fraction_done(_day("2015-02-28"), 2015, linear_shares(2015))[0]


@settings(deadline=None)  # a shared 2-core machine: time is not the property
@given(st.lists(st.floats(0, 10), min_size=12, max_size=12).filter(lambda s: sum(s) > 0),
       st.dates(date(2015, 1, 1), date(2015, 12, 31)), st.integers(0, 200))  # fmt: skip
def test_pace_never_goes_backwards_and_ends_at_one(raw, day, later):
    """Whatever the profile, the expected share grows with the date and is 1 on 31 December."""
    shares = np.array(raw) / sum(raw)
    days = np.array([day, min(day + timedelta(days=later), date(2015, 12, 31)), date(2015, 12, 31)],
                    dtype="datetime64[D]")  # fmt: skip
    first, second, last = fraction_done(days, 2015, shares)
    assert first <= second + 1e-12 and last == pytest.approx(1.0)


def test_cumulative_expectation_runs_from_the_baseline():
    """Halfway through, an increase KR from 85 to 95 should stand at 90."""
    assert expected_value(["cumulative"], [INCREASE], [95], [85], [0.5])[0] == 90


def test_a_cap_is_a_budget_spent_by_the_pace():
    """A cumulative at_most KR of 100 allows 25 a quarter of the way in."""
    assert expected_value(["cumulative"], [AT_MOST], [100], [np.nan], [0.25])[0] == 25


def test_level_and_per_period_expect_the_target_itself():
    """A level holds its target all year; a per-period KR expects its cadence target each period."""
    assert list(expected_value(["level", "per_period"], [AT_LEAST] * 2, [100, 117], [np.nan] * 2,
                               [0.1, 0.1])) == [100, 117]  # fmt: skip


def test_last_cycle_shares_from_cumulative_checkins():
    """Month-end totals of 10, 15, 30 give shares 1/3, 1/6, 1/2 for January to March."""
    frame = pd.DataFrame({"date": pd.to_datetime(["2014-01-31", "2014-02-28", "2014-03-31"]),
                          "value": [10.0, 15.0, 30.0]})  # fmt: skip
    shares = last_cycle_shares(frame, "cumulative")
    assert shares[:3] == pytest.approx([1 / 3, 1 / 6, 1 / 2]) and shares[3:].sum() == 0


def test_last_cycle_pace_shapes_this_years_expectation(tmp_path, worked_case_dir):
    """With pace {last_cycle: 2014}, a February dip last year lowers this February's expectation."""
    path = worked_case_dir / "case.yaml"
    path.write_text(without_tracking(path) + "tracking:\n  pace: {last_cycle: 2014}\n",
                    encoding="utf-8")  # fmt: skip
    from okrkit.cases import load_case

    case = load_case(worked_case_dir)
    totals = np.cumsum([10, 2] + [10] * 10)
    last_year = [checkin(value=float(v), day=date(2014, m + 1, 28), cycle=2014, case=case)
                 for m, v in enumerate(totals)]  # fmt: skip
    now = [checkin(value=150, day=date(2015, 2, 28), case=case)]
    row = kr_row(view(tmp_path, last_year + now, as_of=date(2015, 3, 1), case=case))
    assert row["expected"] == pytest.approx(1400 * 12 / 112)


def test_cadence_kr_expects_its_own_target(tmp_path):
    """Effective calls a week: the expected value is 117, the cadence's target, in any week."""
    item = checkin(kr="KR1.1", value=100, day=date(2015, 3, 6), case=LINEAR)
    row = kr_row(view(tmp_path, [item], as_of=date(2015, 3, 6), case=LINEAR), "KR1.1")
    assert row["expected"] == 117 and row["actual"] == 100


def test_declared_profile_phases_a_weekly_target(tmp_path, worked_case_dir):
    """With February at 4% of the year, a February week expects 4% / (28/365) of 117 calls."""
    from okrkit.cases import load_case

    path = worked_case_dir / "case.yaml"
    path.write_text(without_tracking(path)
                    + "tracking:\n  pace: {monthly: [8, 4, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9]}\n",
                    encoding="utf-8")  # fmt: skip
    case = load_case(worked_case_dir)
    item = checkin(kr="KR1.1", value=70, day=date(2015, 2, 13), case=case)
    row = kr_row(view(tmp_path, [item], as_of=date(2015, 2, 13), case=case), "KR1.1")
    assert row["expected"] == pytest.approx(117 * 0.04 / (28 / 365)) and row["status"] == "on_track"

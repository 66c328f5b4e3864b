"""Status by rule: gap thresholds, silence is stale, overrides, per-period windows, deductions."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from track_helpers import checkin, kr_row, view, without_tracking

from okrkit.scoring import DIRECTION_CODES
from okrkit.track.rollup import severity
from okrkit.track.status import gap, status_from_gap

INCREASE, DECREASE, AT_MOST = (DIRECTION_CODES[n] for n in ("increase", "decrease", "at_most"))


def test_gap_is_the_shortfall_against_expected_progress():
    """Expected 700 of 1400, actual 560: a fifth short of where it should be."""
    assert gap(["cumulative"], [INCREASE], [1400], [np.nan], [700], [560], [0.5])[
        0
    ] == pytest.approx(0.2)


def test_gap_of_a_decrease_kr_counts_the_way_down():
    """DSO from 90 to 60, expected 75 by now, actual 80: a third of the expected fall missing."""
    assert gap(["cumulative"], [DECREASE], [60], [90], [75], [80], [0.5])[0] == pytest.approx(1 / 3)


def test_gap_of_a_cap_is_how_far_over():
    """At most 5% error, actual 6%: 20% over the cap."""
    assert gap(["level"], [AT_MOST], [5], [np.nan], [5], [6], [0.5])[0] == pytest.approx(0.2)


def test_default_thresholds_split_the_gaps():
    """Below 16.5% on track, from 16.5% at risk, from 33% off track."""
    assert list(status_from_gap([0.1, 0.165, 0.32, 0.33], 0.165, 0.33)) == [
        "on_track", "at_risk", "at_risk", "off_track"]  # fmt: skip


@settings(deadline=None)  # a shared 2-core machine: time is not the property
@given(st.floats(-2, 3), st.floats(-2, 3))
def test_status_is_monotone_in_the_gap(a, b):
    """A larger gap never gives a better status."""
    low, high = sorted([a, b])
    ranks = severity(status_from_gap([low, high], 0.165, 0.33))
    assert ranks[0] <= ranks[1]


def test_no_checkin_is_stale_never_green(tmp_path):
    """A KR nobody checked in on is stale, not on track."""
    row = kr_row(view(tmp_path, [checkin(kr="KR1.1", value=117)]), "KR1.4")
    assert row["status"] == "stale"


@settings(max_examples=15, deadline=None)  # each example builds a store and a picture
@given(st.integers(15, 150))
def test_stale_wins_over_on_track(days_silent):
    """Ahead of plan but silent for more than 14 days: stale."""
    import tempfile
    from pathlib import Path

    as_of = date(2015, 6, 30)
    with tempfile.TemporaryDirectory() as folder:
        item = checkin(value=1400, day=as_of - timedelta(days=days_silent))
        row = kr_row(view(Path(folder), [item], as_of=as_of))
    assert row["status"] == "stale" and row["gap"] < 0


def test_recent_checkin_ahead_of_plan_is_on_track(tmp_path):
    """Checked in yesterday, ahead of the expected value: on track."""
    row = kr_row(view(tmp_path, [checkin(value=750, day=date(2015, 6, 29))]))
    assert row["status"] == "on_track"


def test_case_thresholds_change_the_status(tmp_path, worked_case_dir):
    """With at_risk 5% a gap of about 10% is at risk instead of on track."""
    from okrkit.cases import load_case

    path = worked_case_dir / "case.yaml"
    path.write_text(without_tracking(path) + "tracking: {at_risk: 5%, off_track: 50%}\n",
                    encoding="utf-8")  # fmt: skip
    case = load_case(worked_case_dir)
    item = checkin(value=630, day=date(2015, 6, 30), case=case)  # expected ~694
    assert kr_row(view(tmp_path, [item]))["status"] == "on_track"
    assert kr_row(view(tmp_path / "b", [item], case=case))["status"] == "at_risk"


def test_override_replaces_the_rule_and_keeps_it_beside(tmp_path):
    """A manager's 'at risk' on a KR the rule calls on track shows at risk, rule on track."""
    item = checkin(value=750, day=date(2015, 6, 29), status="有风险", reason="大单延期")
    row = kr_row(view(tmp_path, [item]))
    assert (row["status"], row["suggested"]) == ("at_risk", "on_track")


def test_override_never_hides_silence(tmp_path):
    """An old 'on track' override does not keep a silent KR green."""
    item = checkin(value=100, day=date(2015, 3, 31), status="正常", reason="客户年中付款")
    assert kr_row(view(tmp_path, [item]))["status"] == "stale"


def test_per_period_status_judges_recent_weeks(tmp_path):
    """Poor calls in spring, 117+ in the last four weeks: on track now."""
    weeks = [date(2015, 1, 9) + timedelta(days=7 * i) for i in range(25)]
    items = [checkin(kr="KR1.1", value=60 if i < 21 else 120, day=d) for i, d in enumerate(weeks)]
    row = kr_row(view(tmp_path, items, as_of=weeks[-1]), "KR1.1")
    assert row["status"] == "on_track" and row["actual"] == 120


def test_per_period_stale_after_the_next_period_is_overdue(tmp_path):
    """A weekly KR last reported for mid-May is stale by 30 June."""
    row = kr_row(view(tmp_path, [checkin(kr="KR1.1", value=130, day=date(2015, 5, 15))]), "KR1.1")
    assert row["status"] == "stale"


@pytest.mark.parametrize(
    ("incidents", "status"), [(0, "on_track"), (1, "at_risk"), (4, "off_track")]
)
def test_deduction_status_by_incidents(tmp_path, incidents, status):
    """No complaint on track; one at risk; four (20 points, the cap) off track."""
    row = kr_row(view(tmp_path, [checkin(kr="KR4.1", value=incidents)]), "KR4.1")
    assert row["status"] == status


def test_monthly_milestone_not_done_this_month_is_off_track(tmp_path):
    """The cost analysis not out this month (a per-period milestone) is off track."""
    item = checkin(team="finance", kr="KR1.3", value="未完成")
    assert kr_row(view(tmp_path, [item]), "KR1.3", team="finance")["status"] == "off_track"


def test_milestone_not_done_mid_year_is_on_track(tmp_path, worked_case_dir):
    """A once-a-year milestone still open in June is not behind: it is due by the cycle's end."""
    from okrkit.cases import load_case

    path = worked_case_dir / "case.yaml"
    path.write_text(without_tracking(path)
                    + "tracking: {krs: {finance: {KR1.3: {mode: cumulative}}}}\n", encoding="utf-8")  # fmt: skip
    case = load_case(worked_case_dir)
    item = checkin(team="finance", kr="KR1.3", value="未完成", case=case)
    assert (
        kr_row(view(tmp_path, [item], case=case), "KR1.3", team="finance")["status"] == "on_track"
    )


@pytest.mark.parametrize("value", ["完成", "未完成"])
def test_declared_pace_leaves_a_periodic_milestone_judged(tmp_path, value):
    """A monthly pace profile phases numbers only: a weekly milestone still gets a status."""
    from track_helpers import CASE

    from okrkit.track.settings import with_tracking

    case = with_tracking(CASE, {"pace": {"monthly": [7, 4, 9, 9, 9, 9, 9, 8, 9, 9, 9, 9]}})
    item = checkin(team="rep-li", kr="KR2.1", value=value, case=case)
    status = kr_row(view(tmp_path, [item], case=case), "KR2.1")["status"]
    assert status == ("on_track" if value == "完成" else "off_track")

"""Forecast: run rate, trend, the score they give through scoring, the rate still needed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from track_helpers import checkin, kr_row, view

from okrkit.scoring import DIRECTION_CODES, completion

JUNE_30 = date(2015, 6, 30)


def test_run_rate_continues_the_year_so_far(tmp_path):
    """700 by 30 June (181 of 365 days) runs to 700 x 365 / 181 by year end."""
    row = kr_row(view(tmp_path, [checkin(value=700, day=JUNE_30)]))
    assert row["forecast_run"] == pytest.approx(700 * 365 / 181)


def test_trend_extends_a_straight_line_exactly(tmp_path):
    """Check-ins on a straight line forecast that line's value on 31 December."""
    days = [date(2015, 1, 31) + timedelta(days=30 * i) for i in range(6)]
    items = [checkin(value=2.0 * (d - date(2015, 1, 1)).days, day=d) for d in days]
    row = kr_row(view(tmp_path, items, as_of=days[-1]))
    assert row["forecast_fit"] == pytest.approx(2.0 * 364)


def test_trend_uses_only_the_recent_checkins(tmp_path):
    """A flat first half then a steep rise: the trend follows the last six check-ins."""
    days = [date(2015, 1, 10) + timedelta(days=14 * i) for i in range(12)]
    values = [10.0] * 6 + [10.0 + 14 * k for k in range(1, 7)]
    items = [checkin(value=v, day=d) for v, d in zip(values, days, strict=True)]
    row = kr_row(view(tmp_path, items, as_of=days[-1]))
    slope_per_day = 1.0
    assert row["forecast_fit"] == pytest.approx(
        values[-1] + slope_per_day * (date(2015, 12, 31) - days[-1]).days
    )


def test_per_period_forecast_is_the_cycle_average(tmp_path):
    """Weekly calls: the year's total (recent mean for the weeks left) over the 48 working weeks."""
    mondays = [date(2015, 1, 5) + timedelta(days=7 * i) for i in range(25)]  # to 22 June
    items = [checkin(kr="KR1.1", value=100 if i < 21 else 120, day=d + timedelta(days=4))
             for i, d in enumerate(mondays)]  # fmt: skip
    row = kr_row(view(tmp_path, items), "KR1.1")
    left = (date(2015, 12, 31) - mondays[-1]).days // 7
    assert row["forecast_run"] == pytest.approx((21 * 100 + 4 * 120 + 120 * left) / 48)


def test_forecast_scores_through_the_scoring_rules(tmp_path):
    """The forecast's completion and points are scoring.completion's, times the KR weight."""
    row = kr_row(view(tmp_path, [checkin(value=600, day=JUNE_30)]))
    expected = float(
        completion(DIRECTION_CODES["at_least"], 1400, float("nan"), row["forecast_run"])
    )
    assert row["completion_run"] == pytest.approx(expected)
    assert row["points_run"] == pytest.approx(20 * expected)


def test_needed_rate_per_week_from_now_on(tmp_path):
    """600 of 1400 by 30 June: 800 more in the 184 days left, per week."""
    row = kr_row(view(tmp_path, [checkin(value=600, day=JUNE_30)]))
    assert row["needed"] == pytest.approx(800 / (184 / 7)) and row["needed_per"] == "week"


def test_needed_per_period_for_a_cadence_kr(tmp_path):
    """Monthly visits: what each remaining month needs for the year to average 24."""
    items = [checkin(kr="KR1.2", value=18, day=date(2015, m, 28)) for m in range(1, 7)]
    row = kr_row(view(tmp_path, items), "KR1.2")
    assert row["needed"] == pytest.approx((24 * 12 - 18 * 6) / 6) and row["needed_per"] == "month"


def test_nothing_more_needed_once_the_target_is_reached(tmp_path):
    """Past the target already: nothing is needed, not a negative amount."""
    assert kr_row(view(tmp_path, [checkin(value=1500, day=JUNE_30)]))["needed"] == 0


def test_needed_for_a_decrease_is_a_fall_per_week(tmp_path):
    """DSO at 80 days on 30 June, target 60: 20 days less over the 184 days left."""
    row = kr_row(view(tmp_path, [checkin(team="finance", kr="KR2.1", value=80, day=JUNE_30)]),
                 "KR2.1", team="finance")  # fmt: skip
    assert row["needed"] == pytest.approx(-20 / (184 / 7))


def _one_reported_week(tmp_path):
    """rep-li's weekly calls with only the week of 22 June reported (120), seen on 30 June."""
    return kr_row(view(tmp_path, [checkin(kr="KR1.1", value=120, day=date(2015, 6, 26))]), "KR1.1")


def test_unreported_weeks_of_a_weekly_count_are_not_zeros(tmp_path):
    """One reported week of 120 calls forecasts 120 a week, not 120 spread over 25 silent weeks."""
    row = _one_reported_week(tmp_path)
    # 52 weeks begin in 2015; the unreported 24 count at the reported average, as the 27 left do.
    assert row["forecast_run"] == pytest.approx(120 * 52 / 48)
    assert row["completion_run"] == pytest.approx(1.0)


def test_needed_of_a_weekly_count_stands_on_the_reported_weeks(tmp_path):
    """What is still needed a week counts the unreported weeks at the reported average, not 0."""
    row = _one_reported_week(tmp_path)
    assert row["needed"] == pytest.approx((117 * 48 - 120 * 25) / 27)


def test_the_needed_text_names_how_many_weeks_were_reported(tmp_path):
    """The needed text says the forecast is based on 1 of 25 weeks reported, in zh and en."""
    from okrkit.track.tables import needed_text

    row = _one_reported_week(tmp_path)
    assert needed_text(row, "en").endswith("a week, based on 1 of 25 weeks reported")
    assert needed_text(row, "zh").endswith("，按已报告的1周（共25周）")


def test_every_week_reported_adds_no_note(tmp_path):
    """With every week so far reported the needed text is as before: no note."""
    from okrkit.track.tables import needed_text

    mondays = [date(2015, 1, 5) + timedelta(days=7 * i) for i in range(25)]
    items = [checkin(kr="KR1.1", value=110, day=d + timedelta(days=4)) for d in mondays]
    row = kr_row(view(tmp_path, items), "KR1.1")
    assert "reported" not in needed_text(row, "en")

"""kr_trend: a KR's check-ins against its expected line, the numbers a trend chart draws."""

from __future__ import annotations

from datetime import date

import pytest
from track_helpers import LINEAR, checkin

from okrkit.track.store import Store
from okrkit.track.trend import kr_trend


def _trend(tmp_path, items, kr="KR1.4", as_of=date(2015, 6, 30)):
    with Store(tmp_path / "track.sqlite") as store:
        store.append(items)
        return kr_trend(LINEAR, store, "rep-li", kr, as_of)


def test_expected_line_runs_from_zero_to_the_target(tmp_path):
    """Sales: 0 on 1 January, 1400 on 31 December, 13 points (start and month ends)."""
    line = _trend(tmp_path, [checkin(value=600)]).line
    assert len(line) == 13 and line["expected"].iloc[0] == pytest.approx(1400 / 365)
    assert line["expected"].iloc[-1] == pytest.approx(1400)


def test_points_are_the_checkins_up_to_the_date(tmp_path):
    """Check-ins after as_of are not drawn."""
    items = [checkin(value=300, day=date(2015, 3, 31)), checkin(value=900, day=date(2015, 9, 30))]
    trend = _trend(tmp_path, items)
    assert list(trend.points["value"]) == [300.0]


def test_per_period_line_is_the_cadence_target(tmp_path):
    """Calls a week: the line is 117 every month, points dated at each week's Monday."""
    trend = _trend(tmp_path, [checkin(kr="KR1.1", value=90, day=date(2015, 6, 26))], kr="KR1.1")
    assert set(trend.line["expected"]) == {117}
    assert trend.points["date"].iloc[0].date() == date(2015, 6, 22)


def test_trend_carries_the_forecast(tmp_path):
    """The run-rate end value is the picture's, so chart and table agree."""
    trend = _trend(tmp_path, [checkin(value=700)])
    assert trend.forecast_run == pytest.approx(700 * 365 / 181)

"""QA finding M1: a per-period milestone checked in monthly is not forecast as weeks not done."""

from __future__ import annotations

from datetime import date

from track_helpers import checkin, kr_row, view

# rep-li KR2.1 (每周五提交回款周报) is a weekly milestone; the manager checks it in at each month's end.
MONTH_ENDS = [date(2015, 1, 30), date(2015, 2, 27), date(2015, 3, 31), date(2015, 4, 30),
              date(2015, 5, 29), date(2015, 6, 30)]  # fmt: skip


def _row(tmp_path, words):
    items = [checkin(kr="KR2.1", value=w, day=d) for w, d in zip(words, MONTH_ENDS, strict=True)]
    return kr_row(view(tmp_path, items, teams=None), kr="KR2.1")


def test_weekly_milestone_done_every_month_is_forecast_done(tmp_path):
    """Done at every monthly check-in: the run-rate forecast is done (1), not 0.67 for the weeks unreported."""
    row = _row(tmp_path, ["完成"] * 6)
    assert (row["forecast_run"], row["completion_run"]) == (1.0, 1.0)


def test_weekly_milestone_on_track_is_not_forecast_at_zero_points(tmp_path):
    """A milestone on track by rule does not forecast 0 points."""
    row = _row(tmp_path, ["完成"] * 6)
    assert row["status"] == "on_track" and row["points_run"] > 0


def test_weekly_milestone_missed_half_the_time_is_forecast_half_done(tmp_path):
    """Missed at half its monthly check-ins (and now done): the forecast is the share done, not less."""
    row = _row(tmp_path, ["未完成", "完成", "未完成", "完成", "未完成", "完成"])
    assert 0.5 <= row["forecast_run"] <= 1.0

"""The evidence and trend charts: what they draw comes from the tested frames."""

from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from okrkit import load_case
from okrkit.charts.evidence import HIT, MISS, plot_weekly_calls
from okrkit.charts.trend import plot_trend
from okrkit.track.store import Store
from okrkit.track.trend import kr_trend
from tests.track_helpers import checkin

ROOT = Path(__file__).resolve().parents[1]
CASE = load_case(ROOT / "cases" / "a-company")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _weeks():
    return pd.DataFrame({"team": ["rep-li", "rep-li", "rep-wang"], "kr": ["KR1.1"] * 3,
                         "week": pd.to_datetime(["2015-02-16", "2015-02-23", "2015-02-16"]),
                         "value": [40, 120, 10], "target": [117.0, 117.0, 84.0],
                         "hit": [False, True, False]})  # fmt: skip


def test_weekly_calls_one_panel_per_rep_with_target_line():
    """One panel per rep, one bar per week, the rep's own target as a horizontal line."""
    axes = plot_weekly_calls(CASE, _weeks(), lang="en")
    assert [len(ax.patches) for ax in axes] == [2, 1]
    assert axes[0].get_lines()[0].get_ydata()[0] == 117.0


def test_weekly_calls_colour_weeks_under_target():
    """A week under the target is drawn in the miss colour, a week on it in the hit colour."""
    [li, _] = plot_weekly_calls(CASE, _weeks(), lang="zh")
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in li.patches]
    assert colours == [MISS, HIT]


def test_weekly_calls_title_follows_language():
    """The title names the rep and the weeks on target in the chosen language."""
    axes = plot_weekly_calls(CASE, _weeks(), lang="en")
    assert axes[0].get_title().startswith("Li Na:") and "on target 1/2 weeks" in axes[0].get_title()


def test_trend_draws_checkins_and_forecast(tmp_path):
    """With check-ins, the chart draws the expected line, the points and both forecasts."""
    with Store(tmp_path / "t.sqlite") as store:
        store.append(
            [checkin(value=v, day=date(2015, m, 28)) for m, v in ((3, 250), (4, 330), (5, 420))]
        )
        trend = kr_trend(CASE, store, "rep-li", "KR1.4", date(2015, 5, 31))
    ax = plot_trend(CASE, trend, lang="en")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[:2] == ["expected (by the pace)", "check-ins"]
    assert any(label.startswith("at the run rate:") for label in labels)
    assert list(ax.get_lines()[1].get_ydata()) == [250, 330, 420]


def test_trend_without_checkins_says_stale(tmp_path):
    """No check-in: no points, and the title carries the stale status, never on track."""
    with Store(tmp_path / "t.sqlite") as store:
        trend = kr_trend(CASE, store, "rep-li", "KR1.4", date(2015, 6, 30))
    ax = plot_trend(CASE, trend, lang="en")
    assert ax.get_title().endswith("stale") and len(ax.get_lines()) == 2  # expected + target

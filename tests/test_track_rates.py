"""Rates are levels, caps are allowances: the default value mode and what is needed, in words."""

from __future__ import annotations

from datetime import date

import pytest
from track_helpers import CASE, checkin, kr_row, view

from okrkit.track.labels import WORDS
from okrkit.track.settings import is_rate, tracking_settings, with_tracking
from okrkit.track.tables import needed_text

JUNE_30 = date(2015, 6, 30)
SETTINGS = tracking_settings(CASE)


def mode(team: str, kr: str, case=CASE) -> str:
    return tracking_settings(case).mode_of(team, case.team(team).key_result(kr))


def test_a_percent_rate_defaults_to_a_level():
    """关键人才保有率90% (a rate, no cadence) is read as a level, not summed."""
    assert mode("gm", "KR3.1") == "level"


def test_the_share_of_the_years_target_done_stays_cumulative():
    """销售指标完成率100% is sales to date over the target: it accumulates."""
    assert mode("sales", "KR1.3") == "cumulative"


def test_a_percent_with_a_cadence_is_a_rate_per_period():
    """每周回款计划的完成率100% stays per period, and is flagged a rate."""
    kr = CASE.team("rep-li").key_result("KR2.2")
    assert mode("rep-li", "KR2.2") == "per_period" and is_rate(kr)


def test_a_declared_mode_wins_over_the_rate_rule():
    """tracking: krs: can still call a rate cumulative."""
    case = with_tracking(CASE, {"krs": {"gm": {"KR3.1": {"mode": "cumulative"}}}})
    assert mode("gm", "KR3.1", case) == "cumulative"


def test_a_rate_expects_its_target_and_its_run_rate_is_where_it_stands(tmp_path):
    """Retention 80% in June against 90%: expected 90, forecast 80, not 45 and 160."""
    row = kr_row(view(tmp_path, [checkin("gm", "KR3.1", "80%", JUNE_30)]), "KR3.1", "gm")
    assert (row["expected"], row["forecast_run"]) == (pytest.approx(90), pytest.approx(80))


def test_a_rate_moved_from_its_baseline_follows_the_pace(tmp_path):
    """回款率 85% → 95%, 88% at mid-year: expected halfway, the move so far continued."""
    row = kr_row(view(tmp_path, [checkin("gm", "KR1.3", "88%", JUNE_30)]), "KR1.3", "gm")
    assert row["expected"] == pytest.approx(85 + 10 * row["fraction"])
    assert row["forecast_run"] == pytest.approx(85 + 3 / (180 / 364), rel=0.01)


def test_a_rate_per_period_averages_its_periods(tmp_path):
    """92% of the plan each month: the year forecast is 92%, not the sum over 48 weeks."""
    items = [checkin("rep-li", "KR2.2", "92%", date(2015, m, 28)) for m in range(1, 7)]
    row = kr_row(view(tmp_path, items), "KR2.2")
    assert row["forecast_run"] == pytest.approx(92)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_capped_rate_under_its_cap_is_to_hold_below_it(tmp_path, lang):
    """误差率 4% against at most 5%: hold at 5 or below, never a negative rate."""
    row = kr_row(view(tmp_path, [checkin("finance", "KR1.2", "4%", JUNE_30)]), "KR1.2", "finance")
    assert needed_text(row, lang) == WORDS["needed.hold_below"][lang].format(n="5")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_capped_rate_over_its_cap_is_to_bring_it_down(tmp_path, lang):
    """误差率 6% against at most 5%: bring it down to 5 or below."""
    row = kr_row(view(tmp_path, [checkin("finance", "KR1.2", "6%", JUNE_30)]), "KR1.2", "finance")
    assert needed_text(row, lang) == WORDS["needed.bring_below"][lang].format(n="5")


BUDGET = with_tracking(CASE, {"krs": {"finance": {"KR1.2": {"mode": "cumulative"}}}})


def test_a_budget_under_its_cap_needs_what_is_left_per_week(tmp_path):
    """A cumulative cap of 5 with 2 spent by June: at most 3 over the weeks left, not a fall."""
    row = kr_row(view(tmp_path, [checkin("finance", "KR1.2", "2%", JUNE_30, case=BUDGET)],
                      case=BUDGET), "KR1.2", "finance")  # fmt: skip
    assert row["needed_kind"] == "allowance"
    assert row["needed"] == pytest.approx(3 / (184 / 7))
    assert needed_text(row, "en").startswith("at most 0.1 a week")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_budget_over_its_cap_says_nothing_more_may_be_added(tmp_path, lang):
    """A cumulative cap of 5 with 6 spent: already 1 over, in words, and no negative number."""
    row = kr_row(view(tmp_path, [checkin("finance", "KR1.2", "6%", JUNE_30, case=BUDGET)],
                      case=BUDGET), "KR1.2", "finance")  # fmt: skip
    assert row["needed"] == 0
    assert needed_text(row, lang) == WORDS["needed.over"][lang].format(n="1")

"""The tracking: block of case.yaml: defaults, declared values, located mistakes."""

from __future__ import annotations

import pytest
from track_helpers import set_tracking, without_tracking

from okrkit.cases import load_case
from okrkit.errors import CaseError
from okrkit.track.settings import tracking_settings
from tests.conftest import replace_in

BLOCK = """
tracking:
  at_risk: 10%
  off_track: 25%
  stale_days: 31
  pace: {monthly: [8, 4, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9]}
  krs:
    rep-li:
      KR3.1: {mode: level}
"""


def _with_block(case_dir, block):
    path = case_dir / "case.yaml"
    path.write_text(without_tracking(path) + block, encoding="utf-8")
    return case_dir


def test_defaults_without_a_block(worked_case_dir):
    """A case without tracking: gets 16.5% / 33%, 14 stale days and a linear pace."""
    settings = tracking_settings(load_case(set_tracking(worked_case_dir)))
    assert (settings.at_risk, settings.off_track, settings.stale_days) == (0.165, 0.33, 14)
    assert settings.pace.kind == "linear"


def test_the_worked_case_declares_the_spring_festival_dip():
    """A公司's case.yaml gives its sales February 4% of the year, and its thresholds."""
    settings = tracking_settings(load_case("cases/a-company"))
    pace = settings.pace_of("rep-li", "KR1.4")
    assert pace.kind == "monthly" and pace.shares[1] == pytest.approx(0.04)
    assert pace.shares[1] < min(pace.shares[2:])
    assert settings.pace_of("rep-li", "KR1.1").kind == "linear"  # calls a week: not phased
    assert (settings.at_risk, settings.off_track, settings.stale_days) == (0.165, 0.33, 14)


def test_shares_not_making_the_whole_year_are_refused(worked_case_dir):
    """Twelve shares adding up to 95 (a month mistyped) are located, in zh and en, not rescaled."""
    set_tracking(
        worked_case_dir, "tracking:\n  pace: {monthly: [7, 4, 9, 9, 9, 9, 9, 8, 9, 9, 9, 4]}\n"
    )
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.pace.monthly: the twelve shares add up to 95" in str(error.value)
    assert "12个月的份额之和为 95" in error.value.render("zh")


def test_a_share_that_is_not_a_number_is_located(worked_case_dir):
    """A month's share written as text is refused at that month."""
    set_tracking(
        worked_case_dir, "tracking:\n  pace: {monthly: [7, four, 9, 9, 9, 9, 9, 8, 9, 9, 9, 9]}\n"
    )
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.pace.monthly[1]" in str(error.value) or "tracking.pace.monthly.1" in str(
        error.value
    )


def test_a_zero_threshold_is_refused(worked_case_dir):
    """at_risk 0% would call every KR at risk: refused at its line, in zh and en."""
    set_tracking(worked_case_dir, "tracking:\n  at_risk: 0%\n  off_track: 33%\n")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.at_risk: threshold out of range" in str(error.value)
    assert "阈值超出范围" in error.value.render("zh")


def test_a_threshold_above_100_percent_is_refused(worked_case_dir):
    """off_track 150% is more than the whole expected progress: located at the field."""
    set_tracking(worked_case_dir, "tracking:\n  at_risk: 16.5%\n  off_track: 150%\n")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.off_track:" in str(error.value) and "150" in str(error.value)


def test_declared_block_is_read(worked_case_dir):
    """Thresholds, stale days, a monthly profile and a KR's mode come from the block."""
    settings = tracking_settings(load_case(_with_block(worked_case_dir, BLOCK)))
    assert (settings.at_risk, settings.off_track, settings.stale_days) == (0.10, 0.25, 31)
    assert settings.pace.kind == "monthly" and settings.pace.shares[1] == pytest.approx(4 / 100)
    assert (
        settings.mode_of("rep-li", load_case(worked_case_dir).team("rep-li").key_result("KR3.1"))
        == "level"
    )


def test_cadence_kr_defaults_to_per_period(worked_case_dir):
    """A KR with a cadence is tracked per period unless the case says otherwise."""
    case = load_case(worked_case_dir)
    kr = case.team("rep-li").key_result("KR1.1")
    assert tracking_settings(case).mode_of("rep-li", kr) == "per_period"


def test_unknown_mode_is_located(worked_case_dir):
    """A misspelt mode is refused at its line when the case loads."""
    _with_block(worked_case_dir, BLOCK)
    replace_in(worked_case_dir / "case.yaml", "{mode: level}", "{mode: levle}")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.krs.rep-li.KR3.1.mode: unknown value" in str(error.value)


def test_eleven_monthly_shares_are_refused(worked_case_dir):
    """A profile must have twelve months."""
    _with_block(worked_case_dir, BLOCK)
    replace_in(worked_case_dir / "case.yaml", "[8, 4, 8,", "[4, 8,")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.pace.monthly: not twelve monthly shares" in str(error.value)


def test_thresholds_in_the_wrong_order_are_refused(worked_case_dir):
    """off_track must be a larger gap than at_risk."""
    _with_block(worked_case_dir, BLOCK)
    replace_in(worked_case_dir / "case.yaml", "off_track: 25%", "off_track: 5%")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.off_track: off_track must be a larger gap than at_risk" in str(error.value)


def test_unknown_kr_in_the_block_is_refused(worked_case_dir):
    """A krs: entry naming a KR the team lacks is located, in Chinese too."""
    _with_block(worked_case_dir, BLOCK)
    replace_in(worked_case_dir / "case.yaml", "KR3.1: {mode", "KR7.1: {mode")
    with pytest.raises(CaseError) as error:
        load_case(worked_case_dir)
    assert "tracking.krs.rep-li.KR7.1: unknown key result 'KR7.1'" in str(error.value)
    assert "未知关键成果" in error.value.render("zh")

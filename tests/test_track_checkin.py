"""A check-in is checked against the case: each refusal located, in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from track_helpers import CASE, checkin, problems

from okrkit.errors import ProblemLog
from okrkit.track.checkin import Place, make_checkin, parse_date, period_of


def test_unknown_team_is_refused_with_the_known_ids():
    """An unknown team names the field and the teams the case has."""
    (message,) = problems(team="rep-lu")
    assert message.startswith("test: team: unknown team 'rep-lu'") and "rep-li" in message


def test_unknown_kr_is_refused_with_the_teams_krs():
    """An unknown KR names the team's KR ids."""
    (message,) = problems(kr="KR9.9")
    assert "kr: team rep-li has no key result 'KR9.9'" in message and "KR1.4" in message


def test_date_outside_the_cycle_is_refused():
    """A 2016 date for the 2015 case is outside the cycle."""
    (message,) = problems(date="2016-01-04")
    assert "date: outside the 2015 cycle" in message


def test_value_not_a_number_names_the_unit():
    """A value that is not a number says what was expected, in the KR's unit."""
    (message,) = problems(value="六百")
    assert "value: not a value for this KR" in message and "10k RMB" in message


@pytest.mark.parametrize("confidence", ["11", "-1", "7.5", "high"])
def test_confidence_outside_zero_to_ten_is_refused(confidence):
    """Confidence must be a whole number from 0 to 10."""
    (message,) = problems(confidence=confidence)
    assert "confidence: not a confidence" in message


def test_reason_refusal_in_chinese_has_no_english():
    """The refusal of a status without a reason reads in Chinese alone under zh."""
    import re

    log = ProblemLog()
    make_checkin(CASE, Place("x.csv", row=3), log, team="rep-li", kr="KR1.4", value=600,
                 date="2015-06-30", status="正常")  # fmt: skip
    said = log.problems[0].render("zh").split("reason: ", 1)[1]  # after the place's name
    assert said.startswith("手动设置状态须说明原因") and not re.search(r"[A-Za-z]{3,}", said)


def test_override_needs_a_reason():
    """A status set by hand without a reason is refused."""
    (message,) = problems(status="有风险")
    assert "reason: a status set by hand needs a reason" in message and "blank status" in message


def test_stale_cannot_be_set_by_hand():
    """Stale is the rule's alone: a manager cannot declare it."""
    (message,) = problems(status="stale", reason="x")
    assert "status: not a status a manager can set" in message


def test_problems_render_in_chinese():
    """The same refusal reads in Chinese under zh."""
    log = ProblemLog()
    make_checkin(CASE, Place("进展.csv", row=7), log, team="rep-li", kr="KR1.4", value="x",
                 date="2015-06-30")  # fmt: skip
    assert log.problems[0].render("zh").startswith("进展.csv: row 7: value: 不是该KR的有效数值")


def test_every_problem_of_one_checkin_is_reported_at_once():
    """Three mistakes give three problems, not the first only."""
    assert len(problems(value="x", date="2015-13-40", confidence="12")) == 3


def test_per_period_checkin_counts_its_week():
    """A calls-a-week value typed on a Friday counts the week from Monday."""
    item = checkin(kr="KR1.1", value=95, day=date(2015, 6, 26))
    assert (item.mode, item.period_start) == ("per_period", date(2015, 6, 22))


def test_milestone_reads_done():
    """A milestone KR takes 完成 as 1."""
    assert checkin(team="finance", kr="KR1.3", value="完成").value == 1.0


@pytest.mark.parametrize("text", ["2015-06-30", "2015/6/30", "2015年6月30日", "2015.06.30",
                                  "2015-06-30 09:15", 42185])  # fmt: skip
def test_dates_as_people_type_and_export_them(text):
    """ISO, slashes, 年月日, a time after the date and an Excel serial all read as 30 June."""
    assert parse_date(text) == date(2015, 6, 30)


@pytest.mark.parametrize("serial", [42185.625, "42185.625", 42185.0, "42185"])
def test_an_excel_serial_with_a_time_of_day_is_its_date(serial):
    """A fractional Excel serial (a date-time cell), as a number or CSV text, is that day."""
    assert parse_date(serial) == date(2015, 6, 30)


@pytest.mark.parametrize("text", ["２０１５－０６－３０", "２０１５年６月３０日", "４２１８５"])
def test_full_width_dates_read_when_called_directly(text):
    """Full-width digits (a Chinese IME) read without a caller folding them first."""
    assert parse_date(text) == date(2015, 6, 30)


@settings(deadline=None)  # a shared 2-core machine: time is not the property
@given(st.dates(min_value=date(1955, 1, 1), max_value=date(2118, 12, 31)),
       st.floats(min_value=0, max_value=0.999999))  # fmt: skip
def test_any_serial_with_a_time_reads_as_its_day(day, time_of_day):
    """Excel's serial of a day plus any time of day reads back as that day."""
    serial = (day - date(1899, 12, 30)).days + time_of_day
    assert parse_date(serial) == day


def test_a_date_time_in_a_checkin_csv_cell_reads_as_its_day():
    """make_checkin given a fractional serial directly (no import step) stores its day."""
    assert checkin(day=42185.625).date == date(2015, 6, 30)


@settings(deadline=None)  # a shared 2-core machine: time is not the property
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["day", "week", "month", "quarter", "year"]))  # fmt: skip
def test_period_of_holds_the_day(day, cadence):
    """Every day lies inside the period computed for it."""
    start, end = period_of(day, cadence)
    assert start <= day <= end


def test_a_percent_refusal_says_the_unit_once():
    """0.93 on a percent KR: the expectation names 93% or 0.93%, with no '(in %)' after it."""
    (message,) = problems(team="gm", kr="KR1.3", value="0.93")
    assert "93% or 0.93%" in message and "(in %)" not in message


def test_an_amount_refusal_still_names_its_unit():
    """七百 on a 万元 KR: the expectation still says which unit the number is in."""
    (message,) = problems(value="七百")
    assert "(in 10k RMB)" in message or "(in 万元)" in message


def test_a_blank_date_outside_the_cycle_says_it_was_today():
    """No date, on a day outside the case's cycle: the refusal says today was taken."""
    (message,) = problems(date=None, today=date(2026, 12, 1))
    assert "outside the 2015 cycle (no date given: today)" in message and "2026-12-01" in message

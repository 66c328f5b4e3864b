"""Exercise checks of chapters 05 (effective calls) and 09 (the rate needed from now on)."""

import pytest

from okrkit import exercises

DAY = {"followups": 10, "calls": 9, "effective": 6, "min_seconds": 60.0}
ROW = {"target": 1400.0, "actual": 495.0, "needed": 34.4, "fraction": 0.5}


def test_effective_calls_right_answer_passes():
    """The engine's count is right, in either language."""
    assert exercises.check_effective_calls(DAY, 6, "en").keys == ["ex.calls.ok"]
    assert "60秒" in exercises.check_effective_calls(DAY, 6, "zh").messages()[0]


@pytest.mark.parametrize(("answer", "key"), [(10, "ex.calls.all_rows"), (9, "ex.calls.all_calls"),
                                             (3, "ex.calls.off"), (None, "ex.calls.blank")])  # fmt: skip
def test_effective_calls_typical_slips(answer, key):
    """Counting every follow-up, every call however short, or nothing: each its own error."""
    feedback = exercises.check_effective_calls(DAY, answer, "en")
    assert feedback.keys == [key] and not feedback.ok


def test_effective_calls_not_a_number():
    """Text that is no number says so."""
    assert exercises.check_effective_calls(DAY, "six", "en").keys == ["ex.not_number"]


def test_needed_rate_within_five_percent_passes():
    """34 for 34.4 (a room rounds the weeks left) is right."""
    assert exercises.check_needed_rate(ROW, 34, "万元", "en").ok


def test_needed_rate_run_rate_is_a_slip():
    """The pace so far (495 over the weeks gone) is not what is needed from now on."""
    weeks = (1400 - 495) / 34.4
    assert exercises.check_needed_rate(ROW, 495 / weeks).keys == ["ex.needed.run_rate"]


def test_needed_rate_whole_year_is_a_slip():
    """Spreading the whole target over the year forgets what is already done."""
    assert exercises.check_needed_rate(ROW, 1400 / 52).keys == ["ex.needed.whole_year"]


def test_needed_rate_blank_names_the_unit():
    """A blank answer asks for the weekly number in the KR's unit."""
    feedback = exercises.check_needed_rate(ROW, None, "万元", "zh")
    assert feedback.keys == ["ex.needed.blank"] and "万元" in feedback.messages()[0]

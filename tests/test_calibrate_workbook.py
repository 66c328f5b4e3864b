"""What chapter 06 shows of a calibration: rates re-run for the sliders, tables, the stage to coach, odds."""

import doctest
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit.calibrate as calibrate_package
from okrkit.calibrate import calibrate, odds, stage_rates, tables
from okrkit.calibrate.explain import findings
from okrkit.calibrate.odds import activity_band
from okrkit.calibrate.proposal import proposal
from okrkit.calibrate.records import open_history
from okrkit.calibrate.tables import (
    coaching_stage,
    deal_size_line,
    horizon_days,
    odds_text,
    proposal_text,
    rates_table,
    stage_verdicts,
)
from okrkit.cases import load_case
from okrkit.exercises import check_coaching_stage

CASE = Path(__file__).resolve().parents[1] / "cases" / "a-company"
HISTORY = CASE / "records" / "2014"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def cal(case):
    return calibrate(case, HISTORY)


@pytest.fixture(scope="module")
def history(case):
    with open_history(case, HISTORY) as opened:
        yield opened


def test_stage_rates_on_an_open_history_match_a_full_calibration(cal, history):
    """Re-running the rates on the open history gives the calibration's own numbers."""
    again = stage_rates(history)
    for stage_id, rate in cal.rates.items():
        pd.testing.assert_frame_equal(again[stage_id].estimates, rate.estimates)


def test_a_one_month_horizon_reads_the_win_rate_low(history):
    """Followed for 30 days, most deals have not closed yet: the win rate falls below 10%."""
    short = stage_rates(history, horizon=horizon_days(1))["opportunities"]
    assert short.method == "cohort" and short.company()["mean"] < 0.10


def test_a_ten_month_horizon_falls_back_to_the_period_method(history):
    """At 300 days fewer than three monthly cohorts are mature: the period method is used."""
    assert stage_rates(history, horizon=horizon_days(10))["opportunities"].method == "period"


def test_strength_zero_keeps_each_reps_own_rate(history):
    """With no pooling, 王强's call rate is his own Jeffreys estimate, (50 + ½) / (1752 + 1)."""
    row = stage_rates(history, strength=0)["calls"].rep("rep-wang")
    assert row["mean"] == pytest.approx((row["k"] + 0.5) / (row["n"] + 1))


def test_a_huge_strength_makes_every_rep_the_department(history):
    """10,000 pseudo-observations pull 王强's win rate to within a point of the department's."""
    rate = stage_rates(history, strength=10000)["opportunities"]
    assert abs(rate.rep("rep-wang")["mean"] - rate.company()["mean"]) < 0.01


def test_horizon_days_refuses_a_horizon_under_a_month():
    """A horizon of 0 months is refused with the value named."""
    with pytest.raises(ValueError, match="0"):
        horizon_days(0)


def test_rates_table_has_a_row_per_stage_and_level(case, cal):
    """Three stages × (three reps, the department, the company) = 15 rows, English headers."""
    table = rates_table(case, cal.rates, "en")
    assert len(table) == 15
    assert list(table.columns[:4]) == ["Stage", "Who", "Converted", "Out of"]
    wang = table[(table["Who"] == "Wang Qiang") & (table["Stage"] == "win rate")].iloc[0]
    assert (wang["Converted"], wang["Out of"], wang["Raw rate"]) == (7, 35, "20.0%")


def test_rates_table_in_english_shows_no_chinese(case, cal):
    """Every cell of the English table reads in English."""
    assert not CJK.search(rates_table(case, cal.rates, "en").to_string())


def test_wang_qiang_is_to_be_coached_on_his_calls(cal):
    """王强's calls are weak and his win rate is like the team's: the stage to coach is calls."""
    verdicts = {v.stage: v.verdict for v in stage_verdicts(cal.rates, "rep-wang")}
    assert verdicts["calls"] == "weak" and verdicts["opportunities"] == "like_team"
    assert coaching_stage(cal.rates, "rep-wang") == "calls"


def test_a_rep_behind_nowhere_has_no_stage_to_coach(cal):
    """李娜 is not clearly behind at any stage: no stage is named."""
    assert coaching_stage(cal.rates, "rep-li") is None


def test_findings_still_name_wang_qiangs_calls(cal):
    """The CLI's finding, now read from the same rule, names 王强 and his call rate."""
    [line] = findings(cal, "en")
    assert (
        line.startswith("rep-wang Wang Qiang: win rate")
        and "visits booked per effective call" in line
    )


@pytest.mark.parametrize("answer", ["calls", "有效电话", "effective calls", " Calls "])
def test_check_accepts_the_stage_by_its_id_or_name(case, cal, answer):
    """The stage's id or its name in either language is the right answer."""
    feedback = check_coaching_stage(case, cal.rates, "rep-wang", answer, "en")
    assert feedback.ok and feedback.keys == ["ex.stage.ok"]


def test_check_says_not_answered_yet(case, cal):
    """A blank answer (the participant's edition) says what to write, in Chinese."""
    feedback = check_coaching_stage(case, cal.rates, "rep-wang", None, "zh")
    assert not feedback.ok and "还没有作答" in str(feedback) and "calls" in str(feedback)


def test_check_explains_the_win_rate_slip(case, cal):
    """Choosing the win rate earns the note that 王强 closes like the team."""
    feedback = check_coaching_stage(case, cal.rates, "rep-wang", "opportunities", "en")
    assert feedback.keys == ["ex.stage.like_team"] and "inside his 90% interval" in str(feedback)


def test_check_names_the_stages_for_an_unknown_answer(case, cal):
    """An answer that is no stage lists the stages to choose from."""
    feedback = check_coaching_stage(case, cal.rates, "rep-wang", "closing", "en")
    assert feedback.keys == ["ex.stage.unknown"] and "opportunities" in str(feedback)


def test_english_proposal_keeps_every_number_and_no_chinese(cal):
    """The English diff has no Chinese, and each proposed value's line is still there."""
    made = proposal(cal, lang="en")
    text = proposal_text(made, "en")
    assert not CJK.search(text)
    for item in made.values:
        if item.text() != item.text(item.current):
            assert f": {item.text()}  # calibrated" in text, item.key


def test_chinese_proposal_is_the_diff_itself(cal):
    """In Chinese the diff is shown exactly as proposed."""
    made = proposal(cal, lang="zh")
    assert proposal_text(made, "zh") == made.diff


def test_deal_size_line_gives_the_mean_and_the_assumption(cal):
    """The deal-size line says 123 won deals, a mean of 17.8 and the case's 20, in English."""
    line = deal_size_line(cal, "en")
    assert line.startswith("123 won deals, mean 17.8") and "assumes 20" in line


def test_odds_text_gives_an_even_chance_and_80_percent(cal):
    """With the company's rates the sentences say which calls a week give P50 and P80 of 1200."""
    text = odds_text(cal, "rep-zhang", 1200, "en", company=True)
    assert "a week gives an even chance of 1200 (10k RMB)" in text and "the company's rates" in text


def test_band_per_year_is_per_person_activity_times_periods_and_people(cal):
    """Two people sharing 2400 each need a P50 of one person's 1200; the team's year is twice that."""
    one = activity_band(cal, "rep-zhang", 1200, 1, company=True, draws=4000)["calls"]
    two = activity_band(cal, "rep-zhang", 2400, 2, company=True, draws=4000)["calls"]
    assert two.p50 == one.p50 and two.per_year_p50 == 2 * one.per_year_p50 == 2 * one.p50 * 48


def test_band_is_empty_without_a_measured_deal_size(cal):
    """A history whose deal size fell back to the assumption gives no band (no odds)."""
    import dataclasses

    from okrkit.calibrate.deal_size import DealSize

    thin = dataclasses.replace(cal, deal_size=DealSize(3, *[None] * 7, None, "assumption"))
    assert activity_band(thin, "rep-zhang", 1200) == {}


@pytest.mark.parametrize("module", [tables, odds, calibrate_package])
def test_doctests(module):
    """The examples in the docstrings hold."""
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0


_LINE = st.text(alphabet=st.sampled_from("ab: #%.0-9赢单率万元（）"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(" -+"), _LINE), max_size=8))
def test_english_proposal_text_never_shows_chinese_and_keeps_changed_lines(lines):
    """Whatever the case.yaml lines hold, the English diff has no Chinese and one line per change."""
    from types import SimpleNamespace

    diff = "--- a\n+++ b\n" + "".join(f"{mark}{text}\n" for mark, text in lines)
    text = proposal_text(SimpleNamespace(diff=diff), "en")
    assert not CJK.search(text)
    changed = [line for line in text.splitlines()[2:] if line[:1] in "-+"]
    assert len(changed) == sum(mark in "-+" for mark, _ in lines)

"""The scorecard widget driven headlessly: type actuals, read total, grade and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrkit import load_case
from okrkit.actuals import load_actuals
from okrkit.widgets.scorecard import Scorecard

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def actuals(case):
    return load_actuals(CASE / "actuals" / "2015.yaml", case)


@pytest.fixture
def card(case, actuals):
    return Scorecard(case.team("rep-li"), case, actuals.for_team("rep-li"), lang="en")


def test_starts_from_the_sample_actuals(card):
    """Li Na's card opens at 91 earned, 10 off for complaints, 81, grade B."""
    assert card.total_text == "Total: 81 · Grade: B (Good)"
    assert card.inputs["KR2.1"].value == "done" and card.inputs["KR2.2"].value == "92%"
    assert "2 × 5 = 10 points off" in card.table.value
    assert card.chart.value[:4] == b"\x89PNG"


def test_complaints_beyond_the_cap(card):
    """Six complaints at 5 points stop at the 20-point cap: 91 - 20 = 71; the chart redraws."""
    before = card.chart.value
    card.inputs["KR4.1"].value = "6"
    assert card.chart.value != before
    assert card.score.deducted == 20
    assert card.total_text == "Total: 71 · Grade: B (Good)"


def test_adjusting_an_actual_updates_points_and_o_points(card):
    """Sales of 1400 instead of 1330 add one point to KR1.4 and to O1."""
    card.inputs["KR1.4"].value = "1400"
    assert card.score.kr("KR1.4").points == pytest.approx(20)
    assert card.score.objectives[0].earned == pytest.approx(54.5)
    assert card.total_text == "Total: 82 · Grade: B (Good)"


def test_bad_input_shows_an_error_and_is_kept(card):
    """A typo shows a located message, stays in its box, and its KR turns unscored."""
    card.inputs["KR1.1"].value = "ninety"
    assert card.message.level == "error" and "KR1.1" in card.message.text
    assert card.inputs["KR1.1"].value == "ninety"
    assert dict(card.score.unscored) == {"KR1.1": "no_actual"}
    assert "provisional" in card.table.value
    card.inputs["KR1.1"].value = "90"
    assert card.message.text == "" and not card.score.provisional


def test_clearing_a_box_reports_the_kr_unscored(card):
    """An emptied box is reported as not scored, never counted as zero silently."""
    card.inputs["KR2.2"].value = ""
    assert dict(card.score.unscored) == {"KR2.2": "no_actual"}
    assert card.score.total == pytest.approx(58)


def test_chinese_card(case, actuals):
    """With lang='zh' the milestone reads 完成 and the grade line is Chinese."""
    card = Scorecard(case.team("rep-li"), case, actuals.for_team("rep-li"), lang="zh", chart=False)
    assert card.inputs["KR2.1"].value == "完成"
    assert card.total_text == "总分：81 · 等级：B（良好）"
    card.inputs["KR2.1"].value = "未完成"
    assert card.total_text == "总分：76 · 等级：B（良好）"


def test_doctests_hold():
    """The example in the scorecard widget's docstring runs as written."""
    import doctest

    import okrkit.widgets.scorecard

    assert doctest.testmod(okrkit.widgets.scorecard).failed == 0


def test_bad_milestone_input_explains_in_chinese(case, actuals):
    """Under zh a bad milestone actual says in Chinese what is accepted."""
    card = Scorecard(case.team("rep-li"), case, actuals.for_team("rep-li"), lang="zh", chart=False)
    card.inputs["KR2.1"].value = "半"
    assert card.message.level == "error"
    assert "KR2.1的实际值无效：完成或未完成" in card.message.text

"""What-if tables for chapter 07: result weight and deduction item, from weights and scoring."""

import doctest
from pathlib import Path

import pytest

import okrkit.whatif
from okrkit import exercises, load_case, whatif

ROOT = Path(__file__).resolve().parents[1]
CASE = load_case(ROOT / "cases/a-company")
REP = CASE.team("rep-zhang")


def test_doctests_hold(monkeypatch):
    """The module's examples run as written (from the repository root)."""
    monkeypatch.chdir(ROOT)
    assert doctest.testmod(okrkit.whatif).failed == 0


def test_main_result_is_the_fed_result():
    """The sales result KR1.4, fed by calls, visits and opportunities, is the main result."""
    assert whatif.main_result(REP).id == "KR1.4"


def test_with_result_weight_keeps_100_and_leaves_input_alone():
    """Reweighting returns a new team adding to 100; the rep's own table keeps 20%."""
    heavy = whatif.with_result_weight(REP, 60, CASE)
    assert heavy.total_weight() == 100
    assert all(kr.weight >= 5 for _, kr in heavy.key_results() if not kr.is_deduction)
    assert REP.key_result("KR1.4").weight == 20


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_result_weight_flips_the_order(lang):
    """At 20% the diligent rep leads (94 to 80); at 60% the lucky one does (82 to 92)."""
    table = whatif.result_weight_table(REP, CASE, lang=lang)
    assert table.iloc[:, 1].tolist() == [94.0, 80.0]
    assert table.iloc[:, 3].tolist() == [82.0, 92.0]
    assert len(table.columns) == 5


def test_tie_weight_is_where_they_meet():
    """Just below the tie weight the diligent rep leads; at it, the lucky rep is level or ahead."""
    tie = whatif.tie_weight(REP, CASE)
    below = [whatif.score_at(REP, r.actuals, tie - 1, CASE).total for r in whatif.EXAMPLE_REPS]
    at = [whatif.score_at(REP, r.actuals, tie, CASE).total for r in whatif.EXAMPLE_REPS]
    assert below[0] > below[1] and at[1] >= at[0]


def test_deduction_is_capped():
    """Each valid complaint costs 5 points, never more than 20 in all."""
    table = whatif.deduction_table(CASE.team("rep-li"), {"KR4.1": 0}, CASE, counts=(0, 3, 9))
    assert table.iloc[:, 1].tolist() == [0.0, 15.0, 20.0]


def test_tie_exercise_accepts_the_tie_and_explains_a_guess():
    """The tie weight passes; the usual guess of 50 is told the lucky rep already leads."""
    tie = whatif.tie_weight(REP, CASE)
    assert exercises.check_tie_weight(REP, CASE, tie, "en").ok
    feedback = exercises.check_tie_weight(REP, CASE, 50, "en")
    assert feedback.keys == ["ex.tie.too_high"]
    assert "lucky rep already leads" in feedback.messages()[0]


@pytest.mark.parametrize(("answer", "key"), [(30, "ex.tie.too_low"), (None, "ex.tie.blank")])
def test_tie_exercise_other_answers(answer, key):
    """Too low a weight, or no answer, each get their own note."""
    assert exercises.check_tie_weight(REP, CASE, answer, "en").keys == [key]


def test_tie_exercise_rejects_a_word():
    """A word instead of a weight is named in the note."""
    feedback = exercises.check_tie_weight(REP, CASE, "half", "en")
    assert feedback.keys == ["ex.tie.invalid"] and "'half'" in feedback.messages()[0]

"""Exercise checks: a correct answer passes, typical wrong answers get their own note."""

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrkit import exercises, load_case
from okrkit.i18n import LABELS

ROOT = Path(__file__).resolve().parents[1]
WORKED = load_case(ROOT / "cases/a-company")
DECK_GM = load_case(ROOT / "cases/a-company-deck").team("gm")
REP = WORKED.team("rep-zhang")
KPI = WORKED.kpi
GOOD_TARGETS = [20, 100, 10, 8, 20, 5, 90, 100, 80]
GOOD_WEIGHTS = [15, 15, 20, 10, 5, 10, 10, 5, 10]
PROCESSES = ["KR1.1", "KR1.2", "KR1.3", "KR2.1", "KR3.1", "KR3.2"]


def test_growth_right_answer():
    """25 is the growth from 6400 to 8000."""
    feedback = exercises.check_growth(25, KPI, "en")
    assert feedback.ok and feedback.keys == ["ex.growth.ok"]


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        (20, "ex.growth.of_target"),
        (125, "ex.growth.ratio"),
        (0.25, "ex.growth.fraction"),
        (1600, "ex.growth.amount"),
        (30, "ex.growth.off"),
        (None, "ex.growth.blank"),
        ("lots", "ex.not_number"),
    ],
)
def test_growth_typical_mistakes(answer, key):
    """Each typical mistake about the growth percent gets its own explanation."""
    feedback = exercises.check_growth(answer, KPI, "zh")
    assert not feedback.ok
    assert feedback.keys == [key]


def test_growth_off_says_where_the_answer_lands():
    """A wrong growth says what last year's sales would become with it."""
    message = exercises.check_growth(30, KPI, "en").messages()[0]
    assert "8320" in message and "8000" in message


def test_process_krs_right_answer():
    """Naming exactly the rep's six process KRs passes, in any order."""
    assert exercises.check_process_krs(REP, list(reversed(PROCESSES))).ok


def test_process_krs_result_taken_for_process():
    """Marking the sales-target KR as a process is called out as a result."""
    feedback = exercises.check_process_krs(REP, [*PROCESSES, "KR1.4"], "en")
    assert feedback.keys == ["ex.kinds.result_as_process"]
    assert "KR1.4" in feedback.messages()[0]


def test_process_krs_deduction_and_missed():
    """The deduction item is named as such, and the missing processes are listed."""
    feedback = exercises.check_process_krs(REP, ["KR4.1"], "en")
    assert feedback.keys == ["ex.kinds.deduction", "ex.kinds.missed"]
    assert "KR1.1" in feedback.messages()[1]


def test_process_krs_unknown_id():
    """An id the table does not have is answered with the ids it does have."""
    feedback = exercises.check_process_krs(REP, ["KR9"], "en")
    assert feedback.keys == ["ex.kinds.unknown"]
    assert "KR1.1" in feedback.messages()[0]


def test_plan_right_answer():
    """The worked case's targets and weights pass the GM exercise."""
    feedback = exercises.check_plan(DECK_GM, GOOD_TARGETS, GOOD_WEIGHTS, "en")
    assert feedback.ok
    assert feedback.keys == ["ex.targets.ok", "ex.weights.ok"]


def test_plan_blank_lists_what_is_left():
    """An untouched exercise names the nine blank targets and the nine blank weights."""
    feedback = exercises.check_plan(DECK_GM, [None] * 9, [None] * 9, "en")
    assert feedback.keys == ["ex.targets.blank", "ex.weights.blank"]
    assert "9" in feedback.messages()[0] and "KR3.3" in feedback.messages()[1]


def test_target_sign_mistake():
    """A negative 'decrease' target is told the words already say down."""
    targets = [*GOOD_TARGETS[:3], -8, *GOOD_TARGETS[4:]]
    feedback = exercises.check_targets(DECK_GM, targets, "en")
    assert feedback.keys == ["ex.target.sign"]
    assert "write 8, not -8" in feedback.messages()[0]


def test_target_over_100_and_fraction():
    """A completion rate over 100 is an error; 0.8 is a warning that it reads as 0.8%."""
    targets = [*GOOD_TARGETS[:7], 120, 0.8]
    feedback = exercises.check_targets(DECK_GM, targets, "en")
    assert feedback.keys == ["ex.target.over", "ex.target.fraction"]
    assert not feedback.ok


def test_target_count_mismatch():
    """Too few targets are counted against the table's KRs."""
    feedback = exercises.check_targets(DECK_GM, GOOD_TARGETS[:8], "en")
    assert feedback.keys == ["ex.targets.count"]
    assert "8" in feedback.messages()[0] and "9" in feedback.messages()[0]


def test_weights_short_of_100():
    """Weights adding to 95 say how many points are missing."""
    feedback = exercises.check_weights(DECK_GM, [*GOOD_WEIGHTS[:8], 5], "en")
    assert feedback.keys == ["ex.weights.short"]
    assert "95" in feedback.messages()[0] and "5 points" in feedback.messages()[0]


def test_weights_over_100():
    """Weights adding to 110 say how many points are too many."""
    feedback = exercises.check_weights(DECK_GM, [*GOOD_WEIGHTS[:8], 20], "en")
    assert feedback.keys == ["ex.weights.over"]


def test_weights_empty_objective_and_coaching_warnings():
    """An objective worth nothing is an error; tiny, zero and dominant KRs are warnings."""
    feedback = exercises.check_weights(DECK_GM, [50, 15, 20, 0, 0, 0, 10, 2, 3], "en")
    assert feedback.keys == [
        "ex.weights.empty_objective",
        "ex.weight.dominant",
        "ex.weight.zero",
        "ex.weight.zero",
        "ex.weight.zero",
        "ex.weight.tiny",
        "ex.weight.tiny",
    ]


def test_weight_that_is_not_a_weight():
    """A word where a weight belongs is named with its KR."""
    feedback = exercises.check_weights(DECK_GM, ["fifteen", *GOOD_WEIGHTS[1:]], "en")
    assert feedback.keys == ["ex.weight.invalid"]
    assert "KR1.1" in feedback.messages()[0]


def test_weights_accept_percent_spellings():
    """'15%' and 0.15 count as 15 points, like in the case files."""
    weights = ["15%", 0.15, *GOOD_WEIGHTS[2:]]
    assert exercises.check_weights(DECK_GM, weights, "en").ok


@given(st.lists(st.integers(0, 8), min_size=55, max_size=55))
def test_any_sensible_weights_adding_to_100_pass(extra_points):
    """Nine weights of 5–40 points adding to 100 always pass, without a warning."""
    weights = [5 + extra_points.count(i) for i in range(9)]
    assume(max(weights) <= 40)
    feedback = exercises.check_weights(DECK_GM, weights, "en")
    assert feedback.keys == ["ex.weights.ok"]


def test_fill_plan_writes_numbers_into_the_blanks():
    """Filling puts the number into the deck's text and sets the weight."""
    filled = exercises.fill_plan(DECK_GM, GOOD_TARGETS, GOOD_WEIGHTS)
    kr = filled.key_result("KR1.1")
    assert (kr.text.zh, kr.text.en) == ("客户总量增长20%", "Total customers grow by 20%")
    assert (kr.target, kr.weight) == (20.0, 15.0)
    assert filled.total_weight() == 100


def test_fill_plan_leaves_input_unchanged():
    """The deck's table is never changed by filling it in."""
    before = replace(DECK_GM)
    exercises.fill_plan(DECK_GM, GOOD_TARGETS, GOOD_WEIGHTS)
    assert DECK_GM == before
    assert DECK_GM.key_result("KR1.1").weight is None


def test_fill_plan_keeps_blanks_and_garbage_blank():
    """A None or a word stays blank in the filled table."""
    filled = exercises.fill_plan(DECK_GM, [None, "x"], [None, "x"])
    assert filled.key_result("KR1.1").weight is None
    assert filled.key_result("KR1.2").target is None
    assert exercises.blanks(filled) == exercises.blanks(DECK_GM)


def test_feedback_html_escapes_user_text():
    """Whatever a participant typed shows as text in the feedback HTML."""
    feedback = exercises.check_growth("<b>25</b>", KPI, "en")
    assert "<b>25</b>" not in feedback._repr_html_()
    assert "&lt;b&gt;" in feedback._repr_html_()


def test_feedback_reads_in_both_languages():
    """The same feedback renders in Chinese and in English."""
    feedback = exercises.check_growth(20, KPI, "zh")
    assert "6400" in feedback.messages("zh")[0] and "6400" in feedback.messages("en")[0]
    assert feedback.messages("zh") != feedback.messages("en")


def test_every_exercise_label_has_both_languages():
    """Every ex.* label exists in Chinese and English."""
    keys = [k for k in LABELS if k.startswith(("ex.", "story.", "nav."))]
    assert keys
    for key in keys:
        assert LABELS[key]["zh"] and LABELS[key]["en"], key


KAM = load_case(ROOT / "cases/chip-market-share").team("kam-chen")
GOOD_LINKS = {"KR1.1": "KR1.3", "KR1.2": "KR1.3", "KR2.1": "KR2.2"}


def test_feeds_right_answer():
    """Linking each of the account manager's processes to its result passes."""
    assert exercises.check_feeds(KAM, GOOD_LINKS, "en").keys == ["ex.feeds.ok"]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"KR2.1": "KR1.3"}, "ex.feeds.other_objective"),
        ({"KR1.1": "KR1.2"}, "ex.feeds.to_process"),
        ({"KR1.1": "KR9"}, "ex.feeds.unknown"),
        ({"KR1.1": None}, "ex.feeds.blank"),
    ],
)
def test_feeds_typical_mistakes(change, key):
    """A link to another objective, to a process, to nothing or to no KR gets its own reason."""
    feedback = exercises.check_feeds(KAM, {**GOOD_LINKS, **change}, "en")
    assert feedback.keys == [key]


def test_feeds_result_given_as_a_process():
    """Answering for a result KR says which KRs are the processes to link."""
    feedback = exercises.check_feeds(KAM, {**GOOD_LINKS, "KR1.3": "KR1.3"}, "en")
    assert feedback.keys == ["ex.feeds.not_process"]
    assert "KR1.1, KR1.2, KR2.1" in feedback.messages()[0]


def test_feeds_same_objective_other_result_is_a_discussion():
    """Another result of the same objective is a warning to discuss, not an error."""
    gm = load_case(ROOT / "cases/chip-market-share").team("gm")
    answer = {"KR1.3": "KR1.2", "KR1.4": "KR1.1", "KR2.2": "KR2.1"}
    feedback = exercises.check_feeds(gm, answer, "en")
    assert feedback.ok and feedback.keys == ["ex.feeds.differs"]


def test_team_without_result_kr_explains_in_chinese():
    """main_result's refusal carries a Chinese reason beside the English one."""
    from okrkit.whatif import main_result

    team = replace(REP, objectives=REP.objectives[:0])
    with pytest.raises(ValueError, match="has no result KR") as info:
        main_result(team)
    assert info.value.zh == "团队 'rep-zhang' 没有结果类KR；至少应有一个"


def test_blank_cells_are_listed_as_a_sentence_in_chinese():
    """Chapter 02 prints the deck's blanks as a line, 、 between the KRs, never a dict."""
    line = exercises.blanks_text(DECK_GM, "zh").splitlines()[1]
    assert line == "权重待填：9个（KR1.1、KR1.2、KR1.3、KR2.1、KR2.2、KR2.3、KR3.1、KR3.2、KR3.3）"

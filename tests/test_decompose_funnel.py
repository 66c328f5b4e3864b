"""The reverse funnel: the deck's numbers, hand arithmetic, rounding and bad input."""

from __future__ import annotations

import math
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.cases import load_case
from okrkit.errors import CaseError
from okrkit.funnel import (
    Funnel,
    FunnelError,
    Stage,
    exact,
    funnel_of,
    required_activity,
    revenue_from,
)
from okrkit.model import Text

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def funnel(case):
    return funnel_of(case)


def _targets(plan):
    return {need.stage.id: need.target for need in plan.needs if need.target is not None}


def _hand_funnel(**rates) -> Funnel:
    values = {"deal": 30, "win": 0.2, "per_visit": 0.4, "other": 0.25, "per_call": 0.1}
    values.update(rates)
    return Funnel(
        stages=(
            Stage("revenue", Text("销售额", "sales")),
            Stage("deals", Text("成交", "deals"), cadence="year", rate=values["deal"]),
            Stage(
                "opportunities",
                Text("机会", "opps"),
                cadence="month",
                rate=values["win"],
                rate_is_share=True,
            ),
            Stage(
                "visits",
                Text("拜访", "visits"),
                cadence="month",
                rate=values["per_visit"],
                other_share=values["other"],
            ),
            Stage(
                "calls",
                Text("电话", "calls"),
                cadence="week",
                rate=values["per_call"],
                rate_is_share=True,
            ),
        ),
        calendar={"week": 50, "month": 12, "quarter": 4, "year": 1},
    )


def test_zhang_gets_the_decks_process_krs(case, funnel):
    """张伟's 1200万 under the case's assumptions gives 100 calls/week, 20 visits and 20 opportunities/month."""
    zhang = case.team("rep-zhang")
    plan = required_activity(funnel, zhang.sales_target, zhang.headcount)
    targets = _targets(plan)
    assert (targets["calls"], targets["visits"], targets["opportunities"]) == (100, 20, 20)
    assert plan.need("calls").stage.cadence == "week"
    assert plan.need("visits").stage.cadence == plan.need("opportunities").stage.cadence == "month"


def test_the_other_reps_declare_what_the_funnel_asks(case, funnel):
    """rep-li and rep-wang's process KR targets equal the funnel's rounded-up answer for their target."""
    for team_id, expected in (("rep-li", (117, 24, 24)), ("rep-wang", (84, 17, 17))):
        team = case.team(team_id)
        targets = _targets(required_activity(funnel, team.sales_target))
        assert (targets["calls"], targets["visits"], targets["opportunities"]) == expected
        declared = {kr.stage: kr.target for _, kr in team.key_results() if kr.stage}
        assert declared == {
            k: float(v) for k, v in zip(("calls", "visits", "opportunities"), expected, strict=True)
        }


def test_other_assumptions_match_hand_arithmetic():
    """600 at 30 a deal, 20% win, 0.4 opps per visit, 25% elsewhere, 10% per call, two people: 5, 8, 19."""
    plan = required_activity(_hand_funnel(), 600, headcount=2)
    # deals 600/30 = 20 a year; opps 20/0.2 = 100 -> 100/2/12 = 4.17 -> 5
    # visits 100*0.75/0.4 = 187.5 -> /2/12 = 7.81 -> 8; calls 187.5/0.1 = 1875 -> /2/50 = 18.75 -> 19
    assert float(plan.need("opportunities").per_year) == 100
    assert float(plan.need("visits").per_year) == 187.5
    assert _targets(plan) == {"deals": 10, "opportunities": 5, "visits": 8, "calls": 19}


def test_arithmetic_is_exact_for_decimal_rates():
    """A 5% rate is exactly 1/20, so 4800 calls a year over 48 weeks rounds to 100, not 101."""
    assert exact(0.05) == exact(1) / 20
    f = _hand_funnel(per_call=0.05, other=0.0, per_visit=1.0, win=0.25, deal=20)
    f = replace(f, calendar={**f.calendar, "week": 48})
    assert required_activity(f, 1200).need("calls").target == 100


def test_revenue_from_runs_the_funnel_forwards(funnel):
    """100 calls a week for 48 weeks at the case's rates produce exactly 1200万."""
    assert revenue_from(funnel, "calls", 100) == 1200
    assert revenue_from(funnel, "visits", 20) == 1200
    assert revenue_from(funnel, "opportunities", 10, headcount=2) == 1200


def test_with_assumption_leaves_the_funnel_unchanged(funnel):
    """Changing one assumption returns a new funnel; the original keeps its rate."""
    better = funnel.with_assumption("opportunities.rate", 0.5)
    assert better.stage("opportunities").rate == 0.5
    assert funnel.stage("opportunities").rate == 0.25


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"win": 0.0}, "funnel.bad_rate"),
        ({"deal": -5}, "funnel.bad_rate"),
        ({"win": 1.2}, "funnel.rate_over_100"),
        ({"other": 1.0}, "funnel.bad_share"),
    ],
)
def test_unusable_rates_raise_a_worded_error(change, key):
    """A rate of 0, a negative rate, a win rate over 100% or a 100% share are refused with a reason."""
    with pytest.raises(FunnelError) as info:
        required_activity(_hand_funnel(**change), 600)
    assert info.value.key == key
    assert info.value.message("zh") and info.value.message("en") != info.value.message("zh")


def test_negative_target_and_zero_headcount_are_refused():
    """A negative target or a head count of 0 is explained, never computed."""
    with pytest.raises(FunnelError, match="revenue target"):
        required_activity(_hand_funnel(), -1)
    with pytest.raises(FunnelError, match="head count"):
        required_activity(_hand_funnel(), 600, headcount=0)


rates = st.floats(min_value=0.01, max_value=1.0)


@settings(max_examples=150, deadline=None)
@given(
    target=st.floats(min_value=0, max_value=1e5),
    win=rates,
    per_visit=st.floats(min_value=0.05, max_value=3),
    per_call=rates,
    other=st.floats(min_value=0, max_value=0.9),
    deal=st.floats(min_value=0.5, max_value=500),
    headcount=st.integers(min_value=1, max_value=12),
)
def test_rounding_never_under_supplies(target, win, per_visit, per_call, other, deal, headcount):
    """Every rounded-up target, run forwards, produces at least the revenue target — and less than one unit too much."""
    f = _hand_funnel(win=win, per_visit=per_visit, per_call=per_call, other=other, deal=deal)
    plan = required_activity(f, target, headcount)
    for need in plan.needs[1:]:
        assert need.target >= need.per_period > need.target - 1
        assert revenue_from(f, need.stage.id, need.target, headcount) >= exact(target)


@settings(max_examples=150, deadline=None)
@given(
    target=st.floats(min_value=1, max_value=1e5),
    stage=st.sampled_from(["deal", "win", "per_visit", "per_call"]),
    low=st.floats(min_value=0.01, max_value=0.9),
    raise_by=st.floats(min_value=0.0, max_value=0.1),
)
def test_raising_a_rate_never_raises_required_activity(target, stage, low, raise_by):
    """A better conversion rate (or larger deal) never asks for more activity at any stage."""
    before = required_activity(_hand_funnel(**{stage: low}), target)
    after = required_activity(_hand_funnel(**{stage: low + raise_by}), target)
    for a, b in zip(after.needs[1:], before.needs[1:], strict=True):
        assert a.per_year <= b.per_year
        assert a.target <= b.target


def _broken_case(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder)
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("rate: 25%", "rate: 0", "funnel.stages[2].rate", "more than 0"),
        ("rate: 20 ", "rate: -20 ", "funnel.stages[1].rate", "negative"),
        ("rate: 25%", "rate: 125%", "funnel.stages[2].rate", "above 100%"),
        ("other_share: 50%", "other_share: 100%", "funnel.stages[3].other_share", "not a share"),
        (
            "cadence: week\n      rate: 5%",
            "cadence: fortnight\n      rate: 5%",
            "funnel.stages[4].cadence",
            "unknown value",
        ),
        ("    week: 48 ", "    day: 240 ", "funnel.stages[4].cadence", "no working weeks"),
        ("- id: calls", "- id: visits", "funnel.stages[4].id", "duplicate stage"),
        (
            "rate_name: {zh: 赢单率",
            "rates_name: {zh: 赢单率",
            "funnel.stages[2].rates_name",
            "unknown field",
        ),
    ],
)
def test_bad_funnel_blocks_are_located(tmp_path, old, new, where, says):
    """A bad funnel block fails to load with the file, line, location and the reason."""
    folder = _broken_case(tmp_path, old, new)
    with pytest.raises(CaseError) as info:
        load_case(folder)
    problems = [p for p in info.value.problems if p.location == where]
    assert problems, str(info.value)
    assert says in problems[0].message
    assert problems[0].file.endswith("case.yaml") and problems[0].line


def test_infinite_or_huge_numbers_stay_finite(funnel):
    """A very large target gives large but exact whole targets (no float overflow or rounding down)."""
    plan = required_activity(funnel, 1e9)
    assert plan.need("calls").target == math.ceil(1e9 / 20 / 0.25 / 0.05 / 48)


def test_the_error_names_the_assumption_in_each_language(funnel):
    """A zero win rate is worded with 赢单率 in Chinese and 'win rate' in English."""
    with pytest.raises(FunnelError) as info:
        required_activity(funnel.with_assumption("opportunities.rate", 0), 1200)
    assert info.value.message("zh").startswith("“赢单率”为0")
    assert str(info.value).startswith("win rate is 0")


def test_a_negative_target_error_renders_in_chinese(funnel):
    """The negative-target error reads in Chinese under zh."""
    with pytest.raises(FunnelError) as info:
        required_activity(funnel, -100)
    assert info.value.render("zh") == "销售目标无效：-100（应为0或以上的数字）"


def test_a_negative_target_error_stays_english_under_en(funnel):
    """The negative-target error keeps its English text under en and in str()."""
    with pytest.raises(FunnelError) as info:
        required_activity(funnel, -100)
    assert info.value.render("en") == str(info.value)
    assert str(info.value).startswith("the revenue target is not usable: -100")


def test_a_traceback_shows_the_chinese_message_as_a_note(funnel):
    """A notebook cell that fails on a negative target shows the Chinese text under the English."""
    import traceback

    with pytest.raises(FunnelError) as info:
        required_activity(funnel, -100)
    shown = "".join(traceback.format_exception_only(info.value))
    assert "the revenue target is not usable" in shown and "销售目标无效：-100" in shown


def test_a_located_funnel_problem_renders_in_chinese(tmp_path):
    """A win rate of 0 in case.yaml is explained in Chinese under zh, with the place unchanged."""
    with pytest.raises(CaseError) as info:
        load_case(_broken_case(tmp_path, "rate: 25%", "rate: 0"))
    text = info.value.render("zh")
    assert "funnel.stages[2].rate: 比率必须大于0（发现 0；应为 正数" in text


def test_a_located_funnel_problem_renders_in_english(tmp_path):
    """The same problem keeps its English text under en."""
    with pytest.raises(CaseError) as info:
        load_case(_broken_case(tmp_path, "rate: 25%", "rate: 0"))
    text = info.value.render("en")
    assert "funnel.stages[2].rate: a rate must be more than 0 (found 0; expected a positive" in text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rate: 25%", "rate: 0"),
        ("rate: 20 ", "rate: -20 "),
        ("rate: 25%", "rate: 125%"),
        ("other_share: 50%", "other_share: 100%"),
        ("cadence: week\n      rate: 5%", "cadence: fortnight\n      rate: 5%"),
        ("    week: 48 ", "    day: 240 "),
        ("    week: 48 ", "    week: 0 "),
        ("- id: calls", "- id: visits"),
        ("rate_name: {zh: 赢单率", "rates_name: {zh: 赢单率"),
    ],
)
def test_every_located_funnel_problem_has_chinese(tmp_path, old, new):
    """Each bad funnel block's problem has a Chinese message, and a Chinese expectation where one is given."""
    with pytest.raises(CaseError) as info:
        load_case(_broken_case(tmp_path, old, new))
    for problem in info.value.problems:
        assert problem.zh, str(problem)
        assert problem.expected is None or problem.expected_zh, str(problem)

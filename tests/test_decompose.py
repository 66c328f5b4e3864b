"""Forward check of declared process KRs, generated KRs and merging them into a team."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit.cases import load_case
from okrkit.decompose import (
    apply_krs,
    forward_check,
    generate_krs,
    result_kr,
    revenue_target,
    stage_problems,
    supply_checks,
)
from okrkit.errors import CaseError
from okrkit.funnel import funnel_of, required_activity
from okrkit.model import Objective, Team, Text

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def funnel(case):
    return funnel_of(case)


def _with_target(team: Team, stage: str, target: float) -> Team:
    objectives = tuple(
        replace(
            o,
            key_results=tuple(
                replace(kr, target=target) if kr.stage == stage else kr for kr in o.key_results
            ),
        )
        for o in team.objectives
    )
    return replace(team, objectives=objectives)


def test_every_rep_declares_enough_activity(case):
    """The forward check says each rep's declared process KRs supply their sales target."""
    for team_id in ("rep-zhang", "rep-li", "rep-wang"):
        check = forward_check(case, case.team(team_id))
        assert check.ok, team_id
        assert 1.0 <= check.ratio < 1.01
        assert check.result_kr == "KR1.4"


def test_too_few_calls_is_a_shortfall_with_its_share(case):
    """80 calls a week instead of 100 produce 80% of 张伟's target, and calls are the bottleneck."""
    team = _with_target(case.team("rep-zhang"), "calls", 80)
    check = forward_check(case, team)
    assert not check.ok
    assert check.ratio == pytest.approx(0.8)
    assert check.supplied == 960
    assert check.bottleneck.stage_id == "calls"


def test_forward_check_converts_a_kr_cadence(case):
    """Calls declared per month are counted with 12 months, not 48 weeks."""
    team = case.team("rep-zhang")
    objectives = tuple(
        replace(
            o,
            key_results=tuple(
                replace(kr, target=400, cadence="month") if kr.stage == "calls" else kr
                for kr in o.key_results
            ),
        )
        for o in team.objectives
    )
    check = forward_check(case, replace(team, objectives=objectives))
    calls = next(row for row in check.rows if row.stage_id == "calls")
    assert calls.revenue == 400 * 12 * 0.05 * 0.5 / 0.5 * 0.25 * 20
    assert calls.required == 400  # 4800 a year / 12 months


def test_an_unknown_stage_is_located_in_its_team_file(case):
    """A process KR naming a stage the funnel lacks is a located problem, and the forward check refuses it."""
    team = case.team("rep-wang")
    o = team.objectives[0]
    bad = replace(o, key_results=(replace(o.key_results[0], stage="callz"), *o.key_results[1:]))
    broken = case.with_team(replace(team, objectives=(bad, *team.objectives[1:])))
    problems = stage_problems(broken)
    assert len(problems) == 1
    assert problems[0].location == "O1/KR1.1.stage"
    assert problems[0].file.endswith("rep-wang.yaml") and problems[0].line
    with pytest.raises(CaseError, match="callz"):
        forward_check(broken, broken.team("rep-wang"))


def test_generated_krs_use_the_decks_wording(funnel):
    """1200万 gives '每周100个有效电话' and its English, in the deck's order, with the deck's weights."""
    generated = generate_krs(required_activity(funnel, 1200))
    texts = [kr.text.zh for kr in generated.key_results]
    assert texts == [
        "每周100个有效电话",
        "每月回访老客户100%，拜访新客户20家（以打卡为准）",
        "每月新增项目机会20个（以有效信息为准）",
        "销售指标完成率100%（1200万元）",
    ]
    assert generated.process[0].text.en == "100 effective calls a week"
    assert [kr.weight for kr in generated.key_results] == [10, 15, 15, 20]
    assert [kr.kind for kr in generated.key_results] == ["process"] * 3 + ["result"]
    assert {kr.feeds for kr in generated.process} == {"KR1.4"}
    assert generated.process[1].evidence.zh == "以打卡为准"
    assert [kr.cadence for kr in generated.process] == ["week", "month", "month"]


def test_applying_to_zhang_changes_nothing_but_keeps_the_input(case, funnel):
    """张伟's table already holds the funnel's KRs: applying them leaves targets, ids and weights as they were."""
    team = case.team("rep-zhang")
    before = copy.deepcopy(team)
    new = apply_krs(team, generate_krs(required_activity(funnel, 1200)))
    assert team == before
    assert [(kr.id, kr.target, kr.weight) for _, kr in new.key_results()] == [
        (kr.id, kr.target, kr.weight) for _, kr in team.key_results()
    ]
    assert new.total_weight() == 100


def test_applying_a_new_target_updates_in_place(case, funnel):
    """A 1500万 plan updates 张伟's three process KRs and the result KR, ids and weights kept."""
    team = case.team("rep-zhang")
    new = apply_krs(team, generate_krs(required_activity(funnel, 1500)))
    assert new.key_result("KR1.1").text.zh == "每周125个有效电话"
    assert new.key_result("KR1.2").target == 25
    assert new.key_result("KR1.3").target == 25
    assert new.key_result("KR1.4").target == 1500
    assert new.key_result("KR1.4").weight == 20
    assert team.key_result("KR1.1").target == 100


def test_applying_to_a_table_without_process_krs_adds_them(funnel):
    """A position with only an objective gets three process KRs and a result KR with fresh ids."""
    team = Team(
        "new-rep", Text("新销售"), "position", objectives=(Objective("O1", Text("完成销售")),)
    )
    new = apply_krs(team, generate_krs(required_activity(funnel, 600)))
    krs = [kr for _, kr in new.key_results()]
    assert [kr.id for kr in krs] == ["KR1.1", "KR1.2", "KR1.3", "KR1.4"]
    assert result_kr(new).id == "KR1.4"
    assert revenue_target(new) == 600
    assert [kr.target for kr in krs] == [50, 10, 10, 600]
    assert sum(kr.weight for kr in krs) == 60
    assert team.objectives[0].key_results == ()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.floats(min_value=0, max_value=1e5),
    team_id=st.sampled_from(["rep-zhang", "rep-li", "rep-wang"]),
)
def test_applied_krs_always_supply_the_target(case, funnel, target, team_id):
    """Whatever the target, the applied table's process KRs supply it, ids stay unique, weights stay."""
    team = case.team(team_id)
    new = apply_krs(team, generate_krs(required_activity(funnel, target)))
    ids = [kr.id for _, kr in new.key_results()]
    assert len(ids) == len(set(ids))
    assert new.total_weight() == team.total_weight()
    assert revenue_target(new) == target
    assert forward_check(case, new).ok


def test_supply_checks_cover_every_rep_and_never_raise(case):
    """Every rep is checked; a team with an unknown stage is skipped, not raised."""
    assert [c.team for c in supply_checks(case)] == ["rep-zhang", "rep-li", "rep-wang"]
    team = case.team("rep-wang")
    o = team.objectives[0]
    bad = replace(o, key_results=(replace(o.key_results[0], stage="callz"), *o.key_results[1:]))
    broken = case.with_team(replace(team, objectives=(bad, *team.objectives[1:])))
    assert [c.team for c in supply_checks(broken)] == ["rep-zhang", "rep-li"]


def _with_unknown_stage(case):
    team = case.team("rep-wang")
    o = team.objectives[0]
    bad = replace(o, key_results=(replace(o.key_results[0], stage="callz"), *o.key_results[1:]))
    return case.with_team(replace(team, objectives=(bad, *team.objectives[1:])))


def test_an_unknown_stage_renders_in_chinese(case):
    """A process KR naming a stage the funnel lacks is explained in Chinese under zh."""
    (problem,) = stage_problems(_with_unknown_stage(case))
    assert problem.render("zh").endswith(
        "O1/KR1.1.stage: 漏斗中没有阶段 'callz'"
        "（发现 'callz'；应为 以下之一：deals, opportunities, visits, calls）"
    )


def test_an_unknown_stage_renders_in_english(case):
    """The same problem keeps its English text under en."""
    (problem,) = stage_problems(_with_unknown_stage(case))
    assert problem.render("en").endswith(
        "O1/KR1.1.stage: unknown funnel stage 'callz'"
        " (found 'callz'; expected one of deals, opportunities, visits, calls)"
    )

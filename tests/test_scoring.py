"""Review scoring: completion by direction, points, deductions, grades, Google scale."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit.scoring
from okrkit import CaseError, load_case
from okrkit.actuals import load_actuals
from okrkit.model import KeyResult, Objective, Team, Text
from okrkit.scoring import (
    DIRECTION_CODES,
    FRAME_COLUMNS,
    GradeBand,
    ScoringSettings,
    case_frame,
    completion,
    google_colour,
    grade_bands,
    score_case,
    score_frame,
    score_team,
    scoring_settings,
)

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"
BANDS = (GradeBand("A", 85), GradeBand("B", 70), GradeBand("C", 0))


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def scores(case):
    return score_case(case, load_actuals(CASE / "actuals" / "2015.yaml", case))


def kr(id, weight=None, **fields) -> KeyResult:
    return KeyResult(id=id, text=Text(zh=id), weight=weight, **fields)


def one_kr_team(*krs) -> Team:
    objective = Objective(id="O1", title=Text(zh="O1"), key_results=tuple(krs))
    return Team(id="t", name=Text(zh="t"), level="position", objectives=(objective,))


def done(direction, target, actual, baseline=np.nan, cap=1.0) -> float:
    return float(completion(DIRECTION_CODES[direction], target, baseline, actual, cap))


def test_doctests_hold():
    """The examples in the module's docstrings run as written."""
    assert doctest.testmod(okrkit.scoring).failed == 0


def test_increase_counts_from_the_baseline():
    """Collection rate 85% -> 93% of a 95% target is 8 of 10 points: 80%."""
    assert done("increase", 95, 93, baseline=85) == pytest.approx(0.8)


def test_increase_without_baseline_is_actual_over_target():
    """Without a baseline an increase KR reads actual / target."""
    assert done("increase", 20, 15) == pytest.approx(0.75)


def test_below_baseline_scores_zero_not_negative():
    """An actual that fell below the baseline scores 0, never a negative number."""
    assert done("increase", 95, 80, baseline=85) == 0.0


def test_over_achievement_is_capped_at_the_case_cap():
    """1500 of 1200 counts 100% by default and 120% under a 120% cap."""
    assert done("at_least", 1200, 1500) == 1.0
    assert done("at_least", 1200, 1500, cap=1.2) == pytest.approx(1.2)
    assert done("at_least", 1200, 1800, cap=1.2) == pytest.approx(1.2)


def test_a_tiny_target_is_capped_not_unscored():
    """An actual far above a tiny target overflows nothing: it counts as the cap."""
    assert done("at_least", 1e-300, 5) == 1.0


def test_decrease_from_the_baseline():
    """Days sales outstanding 90 -> 72 with a target of 60 is 18 of 30 days: 60%."""
    assert done("decrease", 60, 72, baseline=90) == pytest.approx(0.6)


def test_decrease_that_went_up_scores_zero():
    """A decrease KR whose actual rose above its baseline scores 0."""
    assert done("decrease", 60, 95, baseline=90) == 0.0


def test_at_most_full_within_and_proportional_beyond():
    """Budget error 4.2% within a 5% limit is 100%; 6% scores 5/6."""
    assert done("at_most", 5, 4.2) == 1.0
    assert done("at_most", 5, 6) == pytest.approx(5 / 6)


def test_decrease_without_baseline_reads_as_at_most():
    """With no baseline, decrease means staying at or below the target."""
    assert done("decrease", 5, 6) == done("at_most", 5, 6)


def test_milestone_done_or_not():
    """A milestone scores 1 when done and 0 when not, whatever its target."""
    assert done("milestone", np.nan, 1.0) == 1.0
    assert done("milestone", np.nan, 0.0) == 0.0


def test_points_are_weight_times_completion():
    """A 20-point KR at 95% earns 19 points; the objective earns their sum."""
    team = one_kr_team(kr("K1", 20, target=1400, direction="at_least"), kr("K2", 80, target=10))
    score = score_team(team, {"K1": 1330, "K2": 10})
    assert score.kr("K1").points == pytest.approx(19)
    assert score.objectives[0].earned == pytest.approx(99)
    assert score.objectives[0].planned == 100


def test_deductions_beyond_the_cap_stop_at_the_cap():
    """Five complaints at 5 points each take 20 points off, not 25, under a cap of 20."""
    team = one_kr_team(
        kr("K1", 100, target=10, direction="at_least"),
        kr("K2", kind="deduction", penalty=5, cap=20),
    )
    score = score_team(team, {"K1": 10, "K2": 5})
    assert score.kr("K2").points == 20
    assert score.total == 80


def test_deduction_uses_case_defaults_when_the_item_sets_none():
    """A deduction item without penalty or cap takes the case's defaults."""
    team = one_kr_team(kr("K1", 100, target=10), kr("K2", kind="deduction"))
    score = score_team(team, {"K1": 10, "K2": 3}, ScoringSettings(penalty=4, deduction_cap=10))
    assert score.deducted == 10 and score.total == 90


def test_unscored_krs_are_reported_not_zeroed():
    """A KR without actual, target or weight is listed with its reason and adds nothing."""
    team = one_kr_team(
        kr("K1", 40, target=10),
        kr("K2", 30, direction="at_least"),
        kr("K3", None, target=5),
        kr("K4", 30, target=10),
        kr("K5", kind="deduction"),
    )
    score = score_team(team, {"K1": 10, "K2": 5, "K3": 5, "K5": 1})
    assert dict(score.unscored) == {
        "K2": "no_target",
        "K3": "no_weight",
        "K4": "no_actual",
        "K5": "no_penalty",
    }
    assert score.provisional
    assert score.kr("K4").points is None and score.total == 40


def test_flat_target_is_unscored():
    """A target equal to its baseline cannot measure progress and is reported."""
    team = one_kr_team(kr("K1", 100, target=5, baseline=5, direction="decrease"))
    assert dict(score_team(team, {"K1": 4}).unscored) == {"K1": "flat"}


def test_grade_from_bands():
    """A total reaches the first band whose min it meets; below all, the lowest band."""
    team = one_kr_team(kr("K1", 100, target=100))
    grades = [score_team(team, {"K1": a}, bands=BANDS).grade.grade for a in (85, 84.9, 70, 3)]
    assert grades == ["A", "B", "B", "C"]


def test_google_scale_weighted_per_objective_and_coloured():
    """KRs at 0.3 (weight 1) and 0.9 (weight 3) give an objective 0.75, green."""
    team = one_kr_team(kr("K1", 25, target=10), kr("K2", 75, target=10))
    score = score_team(team, {"K1": 3, "K2": 9})
    assert score.objectives[0].google == pytest.approx(0.75)
    assert [google_colour(x) for x in (0.39, 0.4, 0.69, 0.7)] == [
        "red",
        "yellow",
        "yellow",
        "green",
    ]


def test_case_settings_are_read(case):
    """The worked case sets a 100% cap, a 5-point floor and five grade bands S to D."""
    settings_ = scoring_settings(case)
    assert (settings_.cap, settings_.weight_floor, settings_.penalty) == (1.0, 5.0, 5.0)
    assert [b.grade for b in grade_bands(case)] == ["S", "A", "B", "C", "D"]
    assert grade_bands(case)[0].label.get("en") == "Outstanding"


@pytest.mark.parametrize(
    ("team", "total", "grade"),
    [
        ("gm", 87.0, "A"),
        ("sales", 90.45, "A"),
        ("finance", 66.1667, "C"),
        ("rep-zhang", 97.25, "S"),
        ("rep-li", 81.0, "B"),
        ("rep-wang", 66.65, "C"),
    ],
)
def test_worked_case_totals_match_the_hand_check(scores, team, total, grade):
    """Each team's 2015 total and grade match the figures worked by hand in actuals/2015.yaml."""
    assert scores[team].total == pytest.approx(total, abs=1e-4)
    assert scores[team].grade.grade == grade
    assert not scores[team].provisional


def test_worked_case_rep_li_complaints_deducted(scores):
    """Li Na's two valid complaints take 10 points off her 91 earned."""
    li = scores["rep-li"]
    assert (li.earned, li.deducted, li.total) == pytest.approx((91.0, 10.0, 81.0))
    assert [round(o.earned, 4) for o in li.objectives] == [53.5, 28.0, 9.5, 0.0]


def test_worked_case_finance_objectives(scores):
    """Finance earns 54.17 of 65 on costs and 12 of 35 on collections (Google 0.34, red)."""
    finance = scores["finance"]
    o1, o2 = finance.objectives
    assert (o1.earned, o1.planned) == pytest.approx((54.1667, 65), abs=1e-4)
    assert (o2.earned, o2.planned) == pytest.approx((12, 35))
    assert google_colour(o2.google) == "red"


def test_frame_path_agrees_with_per_team_on_the_case(case, scores):
    """Scoring the whole case as a DataFrame gives the per-team totals and grades."""
    actuals = load_actuals(CASE / "actuals" / "2015.yaml", case)
    frame = score_frame(case_frame(case, actuals), scoring_settings(case), grade_bands(case))
    for team_id, score in scores.items():
        assert frame.loc[team_id, "total"] == pytest.approx(score.total)
        assert frame.loc[team_id, "grade"] == score.grade.grade


maybe = st.one_of(st.none(), st.floats(min_value=-50, max_value=500, allow_nan=False))
kr_strategy = st.tuples(
    st.sampled_from([*DIRECTION_CODES, None]),
    st.sampled_from(["result", "process", "deduction"]),
    maybe,  # weight
    maybe,  # target
    maybe,  # baseline
    maybe,  # actual
    st.one_of(st.none(), st.integers(0, 10)),  # penalty
    st.one_of(st.none(), st.integers(0, 30)),  # cap
)


@settings(max_examples=150, deadline=None)
@given(
    teams=st.lists(st.lists(kr_strategy, min_size=1, max_size=6), min_size=1, max_size=5),
    cap=st.sampled_from([1.0, 1.2]),
)
def test_frame_path_agrees_with_per_team_on_random_teams(teams, cap):
    """For any teams, KRs and actuals, the vectorised path equals score_team team by team."""
    from okrkit.scoring import _nan, direction_of

    settings_ = ScoringSettings(cap=cap, penalty=3, deduction_cap=None)
    rows, expected = [], {}
    for n, specs in enumerate(teams):
        krs, actuals = [], {}
        for i, (direction, kind, weight, target, baseline, actual, penalty, kcap) in enumerate(
            specs
        ):
            weight = None if kind == "deduction" or weight is None else abs(weight)
            if kind == "deduction" and actual is not None:
                actual = float(int(abs(actual)))
            item = kr(f"K{i}", weight, kind=kind, direction=direction, target=target,
                      baseline=baseline, penalty=penalty, cap=kcap)  # fmt: skip
            krs.append(item)
            actuals[item.id] = actual
            pen = item.penalty if item.penalty is not None else settings_.penalty
            rows.append((f"t{n}", "O1", item.id, item.is_deduction,
                         DIRECTION_CODES[direction_of(item)], _nan(weight), _nan(target),
                         _nan(baseline), _nan(actual), _nan(pen), _nan(kcap)))  # fmt: skip
        team = one_kr_team(*krs)
        expected[f"t{n}"] = score_team(team, actuals, settings_, BANDS)
    result = score_frame(pd.DataFrame(rows, columns=list(FRAME_COLUMNS)), settings_, BANDS)
    for team_id, score in expected.items():
        assert result.loc[team_id, "total"] == pytest.approx(score.total, abs=1e-9)
        assert result.loc[team_id, "unscored"] == len(score.unscored)
        assert result.loc[team_id, "grade"] == (score.grade.grade if score.grade else None)


def _copy_case(tmp_path: Path) -> Path:
    target = tmp_path / "a-company"
    shutil.copytree(CASE, target)
    return target


def test_bad_scoring_block_gives_located_errors(tmp_path):
    """A cap under 100% and bands out of order are reported with file, line and place."""
    folder = _copy_case(tmp_path)
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("cap: 100%", "cap: 80%").replace("min: 70,", "min: 90,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_case(folder)
    messages = [str(p) for p in info.value.problems]
    assert any("scoring.cap" in m and "case.yaml:" in m and "found 80" in m for m in messages)
    assert any("grades[2].min" in m and "highest min down" in m for m in messages)


def test_unknown_field_in_scoring_block_is_located(tmp_path):
    """A misspelt key in the scoring block names the block, the key and the choices."""
    folder = _copy_case(tmp_path)
    path = folder / "case.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight_floor:", "weight_flor:"), encoding="utf-8"
    )
    with pytest.raises(CaseError, match=r"scoring\.weight_flor: unknown field"):
        load_case(folder)


def test_bad_scoring_block_renders_in_chinese(tmp_path):
    """A cap under 100% reads in Chinese under zh and in English under en."""
    folder = _copy_case(tmp_path)
    path = folder / "case.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cap: 100%", "cap: 80%"), encoding="utf-8"
    )
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert "scoring.cap: 封顶低于100%会让每个KR都达不到目标（发现 80" in info.value.render("zh")
    assert "scoring.cap: a cap below 100% would stop" in info.value.render("en")

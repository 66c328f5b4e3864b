"""The coach by method (weighted or unweighted), the weight ceiling, and open-okr's checks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from okrkit.cases import load_case
from okrkit.errors import CaseError
from okrkit.lint import LintConfig, config_of, lint_case, lint_team
from okrkit.model import Case, Text
from tests.test_lint import codes, copy_case, good_objective, good_team, kr, two_level_case

WEIGHT_CODES = {"OKR201", "OKR202", "OKR203", "OKR204"}


def weightless():
    """The good team with every weight blank."""
    team = good_team()
    return replace(
        team,
        objectives=tuple(
            replace(o, key_results=tuple(replace(k, weight=None) for k in o.key_results))
            for o in team.objectives
        ),
    )


def test_weighted_method_requires_weights():
    """Under the deck's weighted method a table without weights is OKR202."""
    assert "OKR202" in codes(weightless())


def test_unweighted_method_has_no_weight_findings():
    """method: unweighted (Google style) gives no weight finding at all."""
    found = codes(weightless(), config=LintConfig(method="unweighted"))
    assert not found & WEIGHT_CODES


def test_method_is_read_from_case_yaml(tmp_path):
    """`method: unweighted` in case.yaml is the method in force."""
    folder = copy_case(tmp_path)
    path = folder / "case.yaml"
    path.write_text("method: unweighted\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert config_of(load_case(folder)).method == "unweighted"


def test_unknown_method_is_a_located_load_error(tmp_path):
    """`method: google` is refused at load, naming case.yaml and the field, in zh and en."""
    folder = copy_case(tmp_path)
    path = folder / "case.yaml"
    path.write_text("method: google\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CaseError) as error:
        load_case(folder)
    problem = error.value.problems[0]
    assert str(problem.file).endswith("case.yaml") and problem.location == "method"
    assert "unweighted" in problem.expected and problem.zh


def two_krs(first: float, second: float):
    """A team with one objective and two result KRs weighing first/second."""
    objective = replace(
        good_objective(1),
        key_results=(kr("KR1.1", weight=first), kr("KR1.2", "回款率95%", weight=second)),
    )
    return replace(good_team(), objectives=(objective,))


def test_two_equal_krs_are_not_above_the_ceiling():
    """Two KRs at 50/50 do not warn 'above 40%': the ceiling scales with the KR count."""
    assert "OKR204" not in codes(two_krs(50, 50))


def test_one_kr_drowning_the_other_is_above_the_ceiling():
    """Two KRs at 80/20: 80% is above 1.5 × the equal share (75%), OKR204."""
    finding = next(f for f in lint_team(two_krs(80, 20)) if f.code == "OKR204")
    assert "75%" in finding.message.en


# -- open-okr: confidence at setting


def rated(*confidences):
    team = good_team()
    krs = [k for o in team.objectives for k in o.key_results]
    values = iter(confidences)
    return replace(
        team,
        objectives=tuple(
            replace(
                o, key_results=tuple(replace(k, confidence=next(values)) for k in o.key_results)
            )
            for o in team.objectives
        ),
    ), len(krs)


def test_every_kr_at_nine_or_more_is_sandbagging():
    """Confidence 9, 10, 9, 9.5 on every KR warns OKR701 (targets too safe)."""
    team, _ = rated(9, 10, 9, 9.5)
    assert "OKR701" in codes(team)


def test_a_real_stretch_is_not_sandbagging():
    """One KR at 6 out of 10 is enough: no OKR701."""
    team, _ = rated(9, 10, 6, 9.5)
    assert "OKR701" not in codes(team)


def test_confidence_outside_zero_to_ten_is_a_load_error(tmp_path):
    """confidence: 70 in a team file is a located error expecting 0 to 10."""
    folder = copy_case(tmp_path)
    path = folder / "teams" / "sales.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("weight: 15%\n", "weight: 15%\n        confidence: 70\n", 1), encoding="utf-8"
    )
    with pytest.raises(CaseError) as error:
        load_case(folder)
    problem = error.value.problems[0]
    assert problem.location.endswith("confidence") and "0 to 10" in problem.expected


def test_confidence_is_read_from_the_team_file(tmp_path):
    """confidence: 7 in a team file is the KR's confidence."""
    folder = copy_case(tmp_path)
    path = folder / "teams" / "sales.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("weight: 15%\n", "weight: 15%\n        confidence: 7\n", 1), encoding="utf-8"
    )
    assert load_case(folder).team("sales").key_result("KR1.1").confidence == 7


# -- open-okr: a cycle or a deadline


def test_objective_without_cycle_or_deadline_warns():
    """A case with no year and an objective with no date: OKR702."""
    assert "OKR702" in {f.code for f in lint_case(two_level_case())}


def test_case_year_makes_objectives_timebound():
    """year: 2015 in the case is the cycle: no OKR702."""
    assert "OKR702" not in {f.code for f in lint_case(replace(two_level_case(), year=2015))}


def test_deadline_in_the_words_makes_an_objective_timebound():
    """'到年底成为区域首选' names its deadline: no OKR702 for it."""
    case = two_level_case()
    gm = case.team("gm")
    dated = replace(gm.objectives[0], title=Text(zh="到年底成为区域首选"))
    case = case.with_team(replace(gm, objectives=(dated, *gm.objectives[1:])))
    found = [(f.team, f.location) for f in lint_case(case) if f.code == "OKR702"]
    assert ("gm", "O1") not in found and ("gm", "O2") in found


# -- open-okr: levels


def test_position_straight_under_the_company_skips_a_level():
    """A position whose parent is the company is OKR606."""
    case = two_level_case()
    case = case.with_team(replace(case.team("sales"), level="position"))
    assert "OKR606" in {f.code for f in lint_case(case)}


def test_department_under_the_company_does_not_skip():
    """A department under the company is one level down: no OKR606."""
    assert "OKR606" not in {f.code for f in lint_case(two_level_case())}


def test_case_without_company_objective_warns():
    """A case whose top team is a department has no company anchor: OKR607."""
    team = good_team(id="sales")
    case = Case(id="c", name=Text(zh="c"), year=2015, teams={"sales": team})
    assert "OKR607" in {f.code for f in lint_case(case)}


def test_case_with_company_objective_is_anchored():
    """A company table with objectives anchors the tree: no OKR607."""
    assert "OKR607" not in {f.code for f in lint_case(two_level_case())}

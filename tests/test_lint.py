"""The OKR coach: every rule has a passing and a failing case; the shipped cases."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.errors import CaseError
from okrkit.lint import (
    LintConfig,
    all_rules,
    count_findings,
    lint_case,
    lint_team,
    parse_lint_config,
)
from okrkit.lint_rules import Limits, blank_in
from okrkit.model import Case, KeyResult, Objective, Team, Text

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "cases" / "a-company-deck"
WORKED = ROOT / "cases" / "a-company"


def kr(id="KR1.1", text="回款计划完成率100%", **fields) -> KeyResult:
    values = {"kind": "result", "weight": 25.0, "target": 100.0, "direction": "at_least"}
    values.update(fields)
    return KeyResult(id=id, text=Text(zh=text), **values)


def good_objective(n: int, title="提升回款率", **fields) -> Objective:
    return Objective(
        id=f"O{n}",
        title=Text(zh=title),
        key_results=(
            kr(f"KR{n}.1", "回款计划完成率100%"),
            kr(
                f"KR{n}.2",
                "每周提交回款周报",
                kind="process",
                direction="milestone",
                target=None,
                feeds=f"KR{n}.1",
            ),
        ),
        **fields,
    )


def good_team(**fields) -> Team:
    values = {
        "id": "t",
        "name": Text(zh="销售部"),
        "level": "department",
        "objectives": (good_objective(1), good_objective(2, "提升销售团队效能")),
    }
    values.update(fields)
    return Team(**values)


def codes(team: Team, case: Case | None = None, config: LintConfig | None = None) -> set[str]:
    return {f.code for f in lint_team(team, case, config)}


def with_kr(team: Team, **fields) -> Team:
    """The team with its first KR changed."""
    if isinstance(fields.get("text"), str):
        fields["text"] = Text(zh=fields["text"])
    first = team.objectives[0]
    krs = (replace(first.key_results[0], **fields), *first.key_results[1:])
    return replace(team, objectives=(replace(first, key_results=krs), *team.objectives[1:]))


def with_objective(team: Team, objective: Objective) -> Team:
    return replace(team, objectives=(objective, *team.objectives[1:]))


def test_good_team_has_no_findings():
    """A well-formed team (counts, weights 100, targets, links) gets no finding at all."""
    assert lint_team(good_team()) == []


def test_rule_codes_and_names_are_unique():
    """Every rule has its own stable code and name, and a default severity."""
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    assert {r.severity for r in rules} <= {"error", "warn"}


# -- structure


def test_too_many_objectives_warns_above_four_for_a_department():
    """Five objectives on a department table warn; four do not."""
    four = good_team(objectives=tuple(good_objective(n) for n in range(1, 5)))
    four = replace(
        four,
        objectives=tuple(
            replace(o, key_results=tuple(replace(k, weight=12.5) for k in o.key_results))
            for o in four.objectives
        ),
    )
    assert "OKR101" not in codes(four)
    five = replace(four, objectives=(*four.objectives, good_objective(5)))
    assert "OKR101" in codes(five)


def test_company_may_have_five_objectives():
    """A company table may hold five objectives; six warn."""
    five = good_team(level="company", objectives=tuple(good_objective(n) for n in range(1, 6)))
    assert "OKR101" not in codes(five)
    six = replace(five, objectives=(*five.objectives, good_objective(6)))
    assert "OKR101" in codes(six)


def test_team_without_objectives_is_an_error():
    """An empty table is an error; a table with objectives is not."""
    assert "OKR102" in codes(good_team(objectives=()))
    assert "OKR102" not in codes(good_team())


def test_objective_without_key_results_is_an_error():
    """An objective with no KR is an error (OKR103)."""
    team = with_objective(good_team(), replace(good_objective(1), key_results=()))
    found = {f.code: f.severity for f in lint_team(team)}
    assert found["OKR103"] == "error"
    assert "OKR103" not in codes(good_team())


def test_single_key_result_warns():
    """One KR under an objective warns (OKR104), two do not."""
    one = replace(good_objective(1), key_results=(kr("KR1.1", weight=50.0),))
    found = {f.code: f.severity for f in lint_team(with_objective(good_team(), one))}
    assert found["OKR104"] == "warn"
    assert "OKR104" not in codes(good_team())


def test_six_key_results_warn():
    """Six KRs under one objective warn (OKR105); five do not."""
    five = tuple(kr(f"KR1.{i}", weight=10.0) for i in range(1, 6))
    team = good_team(objectives=(replace(good_objective(1), key_results=five), good_objective(2)))
    assert "OKR105" not in codes(team)
    six = (*five, kr("KR1.6", weight=0.0))
    assert "OKR105" in codes(with_objective(team, replace(good_objective(1), key_results=six)))


# -- weights


def test_weights_not_adding_to_100_is_an_error():
    """Weights adding to 95 give OKR201 naming the sum; 100 does not."""
    team = with_kr(good_team(), weight=20.0)
    finding = next(f for f in lint_team(team) if f.code == "OKR201")
    assert finding.severity == "error"
    assert "95" in finding.message.get("en")
    assert "OKR201" not in codes(good_team())


def test_all_weights_blank_gives_one_team_finding():
    """A table with no weights at all gets one OKR202 for the team, not one per KR."""
    team = good_team(
        objectives=tuple(
            replace(o, key_results=tuple(replace(k, weight=None) for k in o.key_results))
            for o in good_team().objectives
        )
    )
    found = [f for f in lint_team(team) if f.code == "OKR202"]
    assert len(found) == 1 and found[0].location == ""


def test_one_blank_weight_is_located():
    """A single blank weight is reported at that KR."""
    found = [f for f in lint_team(with_kr(good_team(), weight=None)) if f.code == "OKR202"]
    assert [f.location for f in found] == ["O1/KR1.1.weight"]
    assert "OKR202" not in codes(good_team())


def test_weight_below_floor_warns():
    """A KR of 3% warns (floor 5); 5% does not."""
    team = good_team()
    low = with_kr(team, weight=3.0)
    assert "OKR203" in codes(low)
    assert "OKR203" not in codes(with_kr(team, weight=5.0))


def test_weight_above_ceiling_warns():
    """A KR of 45% warns (ceiling 40); 40% does not."""
    assert "OKR204" in codes(with_kr(good_team(), weight=45.0))
    assert "OKR204" not in codes(with_kr(good_team(), weight=40.0))


def deduction(**fields) -> KeyResult:
    values = {
        "kind": "deduction",
        "weight": None,
        "target": None,
        "direction": None,
        "penalty": 5.0,
        "cap": 20.0,
        "definition": Text(zh="经核实属实、责任在本人的投诉"),
    }
    values.update(fields)
    return KeyResult(id="KR3.1", text=Text(zh="有效投诉案例（减分项）"), **values)


def with_deduction(**fields) -> Team:
    team = good_team()
    third = Objective(
        id="O3",
        title=Text(zh="加强跨部门协作"),
        key_results=(deduction(**fields), kr("KR3.2", "跨部门任务完成率100%", weight=0.0)),
    )
    return replace(team, objectives=(*team.objectives, third))


def test_complete_deduction_passes_the_deduction_rules():
    """A deduction with no weight, a penalty, a cap and a definition raises no 20x finding."""
    assert not {"OKR205", "OKR206", "OKR207", "OKR208"} & codes(with_deduction())


def test_deduction_with_weight_is_an_error():
    """A deduction item carrying points is an error (OKR205)."""
    assert "OKR205" in codes(with_deduction(weight=10.0))


def test_deduction_without_penalty_is_an_error():
    """A deduction that does not say what a case costs is an error (OKR206)."""
    assert "OKR206" in codes(with_deduction(penalty=None))


def test_case_scoring_defaults_supply_penalty_and_cap(tmp_path):
    """A case's scoring: deduction: {penalty, cap} counts as the item's penalty and cap."""
    folder = copy_case(tmp_path)
    path = folder / "teams" / "rep-li.yaml"
    text = path.read_text(encoding="utf-8")
    for line in (
        "        penalty: 5        # points off per valid complaint\n",
        "        cap: 20           # never more than 20 points off in one period\n",
    ):
        assert line in text
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    case = load_case(folder)
    assert not {"OKR206", "OKR207"} & {f.code for f in lint_case(case, ["rep-li"])}
    bare = replace(case, sections={k: v for k, v in case.sections.items() if k != "scoring"})
    assert {"OKR206", "OKR207"} <= {f.code for f in lint_case(bare, ["rep-li"])}


def test_deduction_without_cap_warns():
    """A deduction without a cap warns (OKR207)."""
    found = {f.code: f.severity for f in lint_team(with_deduction(cap=None))}
    assert found["OKR207"] == "warn"


def test_deduction_without_definition_is_an_error():
    """The deck's 有效投诉案例 without a definition of 有效 is an error (OKR208)."""
    assert "OKR208" in codes(with_deduction(definition=Text()))


# -- measurability


@pytest.mark.parametrize(
    "text",
    [
        "客户总量增长 %",
        "代理商总量150家，新增渠道代理商 家",
        "完成销售总额 万元",
        "回款率提升%",
        "Grow by __ %",
        "新增客户（待填）",
    ],
)
def test_blank_numbers_are_recognised(text):
    """The deck's blanks (a unit with no number before it) read as blanks."""
    assert blank_in(Text(zh=text))


@pytest.mark.parametrize(
    "text",
    [
        "回款率达100 %",
        "销售日报、项目周报完成率100 %",
        "核心人才保有率85 %",
        "提升个人销售能力",
        "拜访新客户20家",
        "销售团队培训每月2次",
    ],
)
def test_filled_numbers_are_not_blanks(text):
    """A number before the unit, or no unit at all, is not a blank."""
    assert not blank_in(Text(zh=text))


def test_blank_target_is_to_fill():
    """A KR whose text shows a blank number gets OKR301 'to fill'."""
    found = codes(with_kr(good_team(), text="客户总量增长 %", target=None))
    assert "OKR301" in found and "OKR302" not in found
    assert "OKR301" not in codes(good_team())


def test_blank_in_objective_details_is_to_fill():
    """A blank in the objective's details is located at the description."""
    objective = replace(good_objective(1), description=Text(zh="销售额总体增长 %"))
    found = [f for f in lint_team(with_objective(good_team(), objective)) if f.code == "OKR301"]
    assert [f.location for f in found] == ["O1.description"]


def test_kr_without_number_or_milestone_is_not_measurable():
    """'提升客户满意度' with no target and not a milestone is OKR302; as a milestone it passes."""
    vague = with_kr(good_team(), text="提升客户满意度", target=None)
    assert "OKR302" in codes(vague)
    assert "OKR302" not in codes(
        with_kr(good_team(), text="提升客户满意度", target=None, direction="milestone")
    )


# Two counts and no "from … to": the words give neither the target nor a direction.
UNREADABLE = "代理商总量150家，新增渠道代理商30家"


def test_several_numbers_without_target_warns():
    """'代理商总量150家，新增渠道代理商30家' with no target field is OKR303: which one is graded?"""
    assert "OKR303" in codes(with_kr(good_team(), text=UNREADABLE, target=None))
    assert "OKR303" not in codes(good_team())


def test_a_target_the_words_give_is_not_asked_for():
    """'每周100个电话' with no target field: the text gives the target, so no OKR303."""
    assert "OKR303" not in codes(with_kr(good_team(), text="每周100个电话", target=None))


def test_unknown_direction_warns():
    """A KR without a direction whose words give none either is OKR304."""
    assert "OKR304" in codes(with_kr(good_team(), text=UNREADABLE, direction=None))
    assert "OKR304" not in codes(good_team())


@pytest.mark.parametrize("text", ["从65%提升到75%", "不超过5%", "Increase NPS from 45 to 55"])
def test_a_direction_the_words_give_is_not_asked_for(text):
    """提升 / 不超过 / increase in the words give the direction: no OKR304."""
    assert "OKR304" not in codes(with_kr(good_team(), text=text, direction=None))


# -- results and processes


def test_objective_with_only_processes_warns():
    """An objective whose KRs are all processes has no result KR (OKR401)."""
    process_only = replace(
        good_objective(1),
        key_results=tuple(
            replace(k, kind="process", feeds=None) for k in good_objective(1).key_results
        ),
    )
    assert "OKR401" in codes(with_objective(good_team(), process_only))
    assert "OKR401" not in codes(good_team())


def test_process_without_feeds_warns():
    """A process KR that names no result it feeds is OKR402."""
    unlinked = replace(
        good_objective(1),
        key_results=(
            good_objective(1).key_results[0],
            replace(good_objective(1).key_results[1], feeds=None),
        ),
    )
    assert "OKR402" in codes(with_objective(good_team(), unlinked))
    assert "OKR402" not in codes(good_team())


def test_feeds_to_a_process_is_an_error():
    """feeds naming a process KR (or nothing known) is OKR403."""
    bad = replace(
        good_objective(1),
        key_results=(
            good_objective(1).key_results[0],
            replace(good_objective(1).key_results[1], feeds="KR1.2"),
        ),
    )
    assert "OKR403" in codes(with_objective(good_team(), bad))
    missing = replace(
        bad, key_results=(bad.key_results[0], replace(bad.key_results[1], feeds="KR9.9"))
    )
    assert "OKR403" in codes(with_objective(good_team(), missing))
    assert "OKR403" not in codes(good_team())


def test_activity_that_does_not_supply_the_result_is_an_error(tmp_path):
    """Halving a rep's weekly calls fails the funnel's forward check: OKR404 at the calls KR."""
    folder = copy_case(tmp_path)
    path = folder / "teams" / "rep-zhang.yaml"
    text = path.read_text(encoding="utf-8")
    assert "target: 100\n" in text
    path.write_text(text.replace("target: 100\n", "target: 50\n", 1), encoding="utf-8")
    found = [f for f in lint_case(load_case(folder), ["rep-zhang"]) if f.code == "OKR404"]
    assert [f.location for f in found] == ["O1/KR1.1.target"]
    assert found[0].severity == "error" and "50%" in found[0].message.get("en")
    assert not [f for f in lint_case(load_case(WORKED)) if f.code == "OKR404"]


# -- wording


@pytest.mark.parametrize("title", [Text(zh="全年销售额8000万"), Text(en="Revenue of 80 million")])
def test_objective_that_is_a_number_warns(title):
    """An objective that is only a number move is OKR501 (warn)."""
    team = with_objective(good_team(), replace(good_objective(1), title=title))
    found = {f.code: f.severity for f in lint_team(team)}
    assert found["OKR501"] == "warn"


def test_qualitative_objective_passes_the_number_rule():
    """'完成销售任务' carries no number and passes OKR501."""
    team = with_objective(good_team(), replace(good_objective(1), title=Text(zh="完成销售任务")))
    assert "OKR501" not in codes(team)


@pytest.mark.parametrize(
    "title",
    [
        Text(zh="保持市场份额"),
        Text(zh="继续做好客户服务"),
        Text(en="Maintain our market share"),
        Text(en="Continue the weekly meetings"),
    ],
)
def test_business_as_usual_warns(title):
    """保持/维持/继续 or maintain/continue objectives are OKR502, citing the word."""
    team = with_objective(good_team(), replace(good_objective(1), title=title))
    finding = next(f for f in lint_team(team) if f.code == "OKR502")
    assert finding.severity == "warn"


def test_growth_objective_is_not_business_as_usual():
    """'Keep the business growing' / 公司业务持续增长 are growth, not business as usual."""
    title = Text(zh="公司业务持续增长", en="Keep the business growing")
    team = with_objective(good_team(), replace(good_objective(1), title=title))
    assert "OKR502" not in codes(team)


# -- alignment


def two_level_case(child_objectives=None, parent_target=None, child_target=None) -> Case:
    parent = good_team(id="gm", level="company", sales_target=parent_target)
    child = good_team(
        id="sales",
        parent="gm",
        sales_target=child_target,
        objectives=child_objectives
        or (good_objective(1, supports="O1"), good_objective(2, "提升效能", supports="O2")),
    )
    return Case(id="c", name=Text(zh="c"), teams={"gm": parent, "sales": child})


def test_aligned_two_level_case_passes():
    """Every child objective supports a parent objective and both parents are supported."""
    case = two_level_case()
    assert not {"OKR601", "OKR602", "OKR603", "OKR604"} & {f.code for f in lint_case(case)}


def test_objective_without_supports_warns():
    """A department objective that supports nothing above is OKR601."""
    case = two_level_case((good_objective(1, supports="O1"), good_objective(2)))
    found = [f for f in lint_case(case) if f.code == "OKR601"]
    assert [(f.team, f.location) for f in found] == [("sales", "O2.supports")]


def test_unsupported_parent_objective_warns():
    """A parent objective no child supports is OKR602 on the parent's objective."""
    case = two_level_case((good_objective(1, supports="O1"), good_objective(2, supports="O1")))
    found = [f for f in lint_case(case) if f.code == "OKR602"]
    assert [(f.team, f.location) for f in found] == [("gm", "O2")]


def test_supports_unknown_objective_is_an_error():
    """supports naming an objective the parent does not have is OKR603."""
    case = two_level_case((good_objective(1, supports="O1"), good_objective(2, supports="O9")))
    assert "OKR603" in {f.code for f in lint_case(case)}


def test_cascade_shortfall_warns_with_the_amount():
    """Children's sales targets short of the parent's give OKR604 naming the shortfall."""
    case = two_level_case(parent_target=8000, child_target=7000)
    finding = next(f for f in lint_case(case) if f.code == "OKR604")
    assert "1000" in finding.message.get("en")
    assert "OKR604" not in {
        f.code for f in lint_case(two_level_case(parent_target=8000, child_target=8000))
    }


def test_cascade_excess_warns():
    """Children handing out more than the parent's target, undeclared, is OKR605."""
    over = two_level_case(parent_target=8000, child_target=9000)
    assert "OKR605" in {f.code for f in lint_case(over)}
    exact = two_level_case(parent_target=8000, child_target=8000)
    assert "OKR605" not in {f.code for f in lint_case(exact)}


def test_worked_case_cascade_with_its_declared_buffer_passes():
    """The worked case's 5% buffer is declared in its split block: no cascade finding."""
    assert not {"OKR604", "OKR605"} & {f.code for f in lint_case(load_case(WORKED))}


# -- configuration


def test_severity_can_be_changed_or_switched_off():
    """A lint config by code or name changes a rule's severity or silences it."""
    team = with_kr(good_team(), text=UNREADABLE, direction=None)
    assert {f.severity for f in lint_team(team, config=parse_lint_config({"OKR304": "error"}))} == {
        "error"
    }
    assert lint_team(team, config=parse_lint_config({"direction-unknown": "off"})) == []


def test_limits_can_be_changed():
    """limits: weight_floor 30 makes a 25% KR warn."""
    config = parse_lint_config({"limits": {"weight_floor": 30}})
    assert config.limits == Limits(weight_floor=30.0)
    assert "OKR203" in codes(good_team(), config=config)


def copy_case(tmp_path: Path, source: Path = WORKED) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def set_lint_block(folder: Path, block: str) -> None:
    """Replace the case file's lint: block (it is the last block) with ``block``."""
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    if "\nlint:" in text:
        text = text[: text.index("\nlint:") + 1]
    path.write_text(text + block, encoding="utf-8")


def test_case_lint_block_is_applied(tmp_path):
    """A case.yaml lint: block switches a rule off for lint_case."""
    folder = copy_case(tmp_path)
    set_lint_block(folder, "lint:\n  process-not-linked: off\n  OKR401: error\n")
    case = load_case(folder)
    found = {(f.code, f.severity) for f in lint_case(case)}
    assert not any(code == "OKR402" for code, _ in found)
    assert ("OKR401", "error") in found


def test_bad_lint_block_is_a_located_load_error(tmp_path):
    """An unknown rule or severity in lint: is a located error when the case loads."""
    folder = copy_case(tmp_path)
    set_lint_block(folder, "lint:\n  OKR999: off\n  OKR201: loud\n  limits: {weight_floor: -1}\n")
    with pytest.raises(CaseError) as info:
        load_case(folder)
    text = str(info.value)
    assert "case.yaml" in text and "lint.OKR999" in text and "lint.OKR201" in text
    assert "lint.limits.weight_floor" in text


# -- the shipped cases


def test_deck_case_gives_the_expected_findings():
    """The deck's tables: blanks to fill, GM weights missing, deduction without definition."""
    findings = lint_case(load_case(DECK))
    by = {(f.team, f.code, f.location) for f in findings}
    assert ("gm", "OKR202", "") in by
    assert ("gm", "OKR301", "O1/KR1.1.target") in by
    assert ("sales", "OKR301", "O1/KR1.1.target") in by
    assert ("sales", "OKR301", "O1.description") in by
    assert ("sales-rep", "OKR208", "O4/KR4.1.definition") in by
    assert ("sales-rep", "OKR206", "O4/KR4.1.penalty") in by
    assert not any(f.code == "OKR201" for f in findings)  # the printed weights add to 100


def test_worked_case_has_no_errors():
    """The worked A公司 case has no error (warnings are coaching, not failures)."""
    findings = lint_case(load_case(WORKED))
    assert count_findings(findings)["error"] == 0


def test_chip_case_has_no_errors():
    """The chip market-share case has no error either."""
    findings = lint_case(load_case(ROOT / "cases" / "chip-market-share"))
    assert count_findings(findings)["error"] == 0


def test_findings_carry_file_line_and_both_languages():
    """Each finding of a loaded case names its file and line and speaks zh and en with a reason."""
    for finding in lint_case(load_case(DECK)):
        assert finding.file and finding.file.endswith(".yaml")
        assert finding.message.zh and finding.message.en
        assert "依据" in finding.hint.zh and "Why" in finding.hint.en
        if finding.location:
            assert finding.line is not None


def test_finding_format_is_compiler_style():
    """format() gives file:line: CODE name: severity: location: message, then the hint."""
    finding = next(f for f in lint_case(load_case(DECK)) if f.code == "OKR208")
    first, hint = finding.format("en").splitlines()
    assert first.startswith(
        f"{finding.file}:{finding.line}: OKR208 deduction-without-definition: error: O4/KR4.1.definition: "
    )
    assert hint.strip().startswith("Define what counts")


# -- the command


def test_lint_command_exits_1_on_the_deck(capsys):
    """okrkit lint on the deck prints compiler-style lines and a summary, exit 1."""
    assert main(["lint", str(DECK), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "gm.yaml: OKR202 weights-missing: error" in out
    summary, method = out.rstrip().splitlines()[-2:]
    assert summary.startswith("3 teams: ") and method.startswith("method: weighted")


def test_lint_summary_counts_in_plain_english(capsys):
    """One team is '1 team', never 'team(s)'; the words fit every count."""
    main(["lint", str(ROOT / "cases" / "a-company"), "--team", "rep-li", "--lang", "en"])
    out = capsys.readouterr().out
    assert "1 team: " in out and "(s)" not in out


def test_lint_command_exits_0_on_the_worked_case(capsys):
    """The worked case has warnings only: exit 0."""
    assert main(["lint", str(WORKED), "--team", "sales"]) == 0
    assert "1个团队：0个错误" in capsys.readouterr().out


def test_lint_command_exits_2_on_unreadable_input(tmp_path, capsys):
    """A case that does not load exits 2 with the located problem, no traceback."""
    folder = copy_case(tmp_path)
    (folder / "teams" / "sales.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert main(["lint", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "sales.yaml" in err and "Traceback" not in err


def test_lint_rules_listing(capsys):
    """okrkit lint --rules lists every rule with its code, severity and reason."""
    assert main(["lint", "--rules", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(all_rules())
    assert lines[0].startswith("OKR101 too-many-objectives [warn] Why: Doerr")


def test_worked_case_lint_block_is_read():
    """The worked case's lint: block parses to the default limits."""
    from okrkit.lint import config_of

    assert config_of(load_case(WORKED)).limits == Limits()


def test_lint_core_imports_no_front_end():
    """okrkit.lint stays in the pure core: no matplotlib, ipywidgets or papermill."""
    code = (
        "import sys, okrkit.lint, okrkit.lint_rules; "
        "print([m for m in ('matplotlib', 'ipywidgets', 'papermill', 'openpyxl') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_lint_block_renders_in_chinese(tmp_path):
    """An unknown severity in lint: reads in Chinese under zh and English under en."""
    folder = copy_case(tmp_path)
    set_lint_block(folder, "lint:\n  OKR201: loud\n")
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert "lint.OKR201: 未知的严重级别（发现 'loud'；应为 error | warn | off）" in (
        info.value.render("zh")
    )
    assert "lint.OKR201: unknown severity (found 'loud'" in info.value.render("en")

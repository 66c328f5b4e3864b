"""Loading cases: the shipped ones, and located errors for broken copies."""

from __future__ import annotations

import pytest

from okrkit import CaseError, load_case
from tests.conftest import CASES, replace_in


def _messages(error: CaseError) -> str:
    return "\n".join(str(p) for p in error.problems)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").exists())
)
def test_every_shipped_case_loads(name):
    """Each folder under cases/ loads without problems."""
    case = load_case(CASES / name)
    assert case.teams


def test_sales_department_points_are_50_30_20():
    """The deck's sales department carries 50 / 30 / 20 points, 100 in all."""
    sales = load_case(CASES / "a-company-deck").team("sales")
    assert [o.planned_points() for o in sales.objectives] == [50, 30, 20]
    assert sales.total_weight() == 100


def test_sales_position_points_are_60_30_10_0():
    """The deck's sales position carries 60 / 30 / 10 / 0; the deduction item counts nothing."""
    rep = load_case(CASES / "a-company-deck").team("sales-rep")
    assert [o.planned_points() for o in rep.objectives] == [60, 30, 10, 0]
    deduction = rep.key_result("KR4.1")
    assert deduction.is_deduction and deduction.weight is None


def test_deck_blanks_stay_blank_not_zero():
    """The GM table's blank targets and weights load as None, not 0."""
    gm = load_case(CASES / "a-company-deck").team("gm")
    assert all(kr.weight is None and kr.target is None for _, kr in gm.key_results())
    assert [o.planned_points() for o in gm.objectives] == [None, None, None]


def test_deck_strings_are_verbatim():
    """Chinese strings match the deck character for character."""
    case = load_case(CASES / "a-company-deck")
    assert case.team("sales").key_result("KR1.1").text.zh == "代理商总量150家，新增渠道代理商 家"
    assert (
        case.team("sales-rep").key_result("KR1.2").text.zh
        == "每月回访老客户100%，拜访新客户20家（以打卡为准）"
    )
    assert case.team("gm").objectives[0].description.zh == "销售额总体增长 %"


def test_worked_case_has_every_string_in_english():
    """Every title, description and KR text of the worked case has an English version."""
    case = load_case(CASES / "a-company")
    for team in case.teams.values():
        assert team.name.en
        for objective in team.objectives:
            assert objective.title.en and objective.description.en
            assert all(kr.text.en for kr in objective.key_results)


def test_worked_case_links_every_objective_below_the_company():
    """Every department and position objective names the parent objective it supports."""
    case = load_case(CASES / "a-company")
    for team in case.teams.values():
        if team.parent:
            assert all(o.supports for o in team.objectives), team.id


def test_worked_case_has_several_sales_positions():
    """The worked case has more than one sales rep, each with a sales target."""
    reps = load_case(CASES / "a-company").children("sales")
    assert len(reps) >= 3 and all(r.sales_target for r in reps)


def test_weights_adding_to_95_name_the_file_and_the_sum(worked_case_dir):
    """A table whose weights add to 95 gives a located error stating 95."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 10%", "weight: 5%")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    text = _messages(info.value)
    assert "teams/sales.yaml:" in text and "add to 95" in text and "expected 100" in text


def test_a_weight_in_words_is_located(worked_case_dir):
    """十五% is refused at its file, line and location path."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    problem = info.value.problems[0]
    assert problem.file.endswith("teams/sales.yaml")
    assert problem.location == "O1/KR1.1.weight"
    assert problem.line is not None and "十五%" in problem.found


def test_supports_link_to_a_missing_objective_is_located(worked_case_dir):
    """A supports link naming no objective of the parent team is an error naming the choices."""
    replace_in(worked_case_dir / "teams/finance.yaml", "supports: O2", "supports: O9")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    text = _messages(info.value)
    assert (
        "finance.yaml" in text and "O1.supports" in text and "O9" in text and "O1, O2, O3" in text
    )


def test_duplicate_key_result_id_is_located(worked_case_dir):
    """Two KRs with one id in a team are reported with the second one's place."""
    replace_in(worked_case_dir / "teams/sales.yaml", "id: KR1.2", "id: KR1.1")
    with pytest.raises(
        CaseError, match=r"objectives\[0\]\.key_results\[1\]\.id: duplicate key result id 'KR1.1'"
    ):
        load_case(worked_case_dir)


def test_yaml_syntax_error_names_file_and_line(worked_case_dir):
    """Broken indentation gives the file and line of the YAML error."""
    replace_in(worked_case_dir / "teams/gm.yaml", "level: company", "level: company\n  oops: [")
    with pytest.raises(CaseError, match=r"teams/gm\.yaml:\d+: YAML syntax error"):
        load_case(worked_case_dir)


def test_empty_team_file_is_reported(worked_case_dir):
    """An empty team file is named as empty."""
    (worked_case_dir / "teams/finance.yaml").write_text("", encoding="utf-8")
    with pytest.raises(CaseError, match=r"finance\.yaml: the file is empty"):
        load_case(worked_case_dir)


def test_deduction_with_a_positive_weight_is_refused(worked_case_dir):
    """A deduction item that carries weight is an error at its weight."""
    replace_in(
        worked_case_dir / "teams/rep-li.yaml",
        "        kind: deduction",
        "        kind: deduction\n        weight: 5%",
    )
    with pytest.raises(CaseError, match="deduction item carries no positive weight"):
        load_case(worked_case_dir)


def test_team_cycle_is_refused(worked_case_dir):
    """A parent chain that loops back is reported as a cycle."""
    replace_in(
        worked_case_dir / "teams/gm.yaml", "level: company", "level: company\nparent: rep-li"
    )
    with pytest.raises(CaseError, match="cycle"):
        load_case(worked_case_dir)


def test_unknown_field_is_reported_with_the_choices(worked_case_dir):
    """A misspelt key (wieght) is named, with the valid keys listed."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "wieght: 15%")
    with pytest.raises(CaseError, match=r"unknown field 'wieght' \(expected one of .*weight"):
        load_case(worked_case_dir)


def test_every_problem_is_collected_in_one_error(worked_case_dir):
    """Two broken files give one error listing both problems."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    (worked_case_dir / "teams/finance.yaml").write_text("", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    files = {p.file.rsplit("/", 1)[-1] for p in info.value.problems}
    assert {"sales.yaml", "finance.yaml"} <= files


def test_missing_case_folder_is_reported(tmp_path):
    """A path that is not a case folder gives a located error, not a traceback."""
    with pytest.raises(CaseError, match="no such case folder"):
        load_case(tmp_path / "nowhere")


def test_team_listed_without_a_file_is_reported(worked_case_dir):
    """case.yaml naming a team with no file says which file it looked for."""
    replace_in(worked_case_dir / "case.yaml", "rep-wang]", "rep-wang, rep-zhao]")
    with pytest.raises(CaseError, match=r"case\.yaml:\d+: teams\[6\]: no file for team 'rep-zhao'"):
        load_case(worked_case_dir)


def test_split_naming_an_unknown_team_is_caught_at_load(worked_case_dir):
    """A split block naming a team that is not in the case fails load_case, located in case.yaml."""
    replace_in(
        worked_case_dir / "case.yaml",
        "      rep-wang: 1000",
        "      rep-wang: 1000\n      rep-zhao: 300",
    )
    with pytest.raises(CaseError, match=r"case\.yaml:\d+: split\.sales.*rep-zhao"):
        load_case(worked_case_dir)


def test_kr_naming_an_unknown_funnel_stage_is_caught_at_load(worked_case_dir):
    """A process KR whose stage the funnel lacks fails load_case, located in its team file."""
    replace_in(worked_case_dir / "teams/rep-li.yaml", "stage: calls", "stage: emails")
    with pytest.raises(CaseError, match=r"rep-li\.yaml:\d+: .*stage.*emails"):
        load_case(worked_case_dir)


def test_a_weight_in_words_is_explained_in_chinese(worked_case_dir):
    """Rendered in zh, 十五% is 不是权重, with the Chinese spelling rule as what was expected."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    text = info.value.render("zh")
    assert "O1/KR1.1.weight: 不是权重（发现 '十五%'；应为 百分比，如 15" in text


def test_a_weight_in_words_stays_english_under_en(worked_case_dir):
    """Rendered in en, the same problem reads as before: not a weight, expected a percent."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    text = info.value.render("en")
    assert "weight: not a weight (found '十五%'; expected a percent such as 15" in text


def test_every_problem_of_a_badly_broken_case_has_a_chinese_text(worked_case_dir):
    """Many kinds of mistakes at once: each problem carries zh, and a Chinese expected_zh."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "wieght: 15%")
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 10%", "weight: -5")
    replace_in(worked_case_dir / "teams/sales.yaml", "id: KR1.2", "id: KR1.1")
    replace_in(worked_case_dir / "teams/finance.yaml", "supports: O2", "supports: O9")
    replace_in(worked_case_dir / "teams/gm.yaml", "level: company", "level: boss\nparent: rep-li")
    (worked_case_dir / "teams/rep-wang.yaml").write_text("", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    problems = info.value.problems
    assert len(problems) >= 6
    for problem in problems:
        assert problem.zh, problem
        if problem.expected is not None:
            assert problem.expected_zh, problem


def test_a_team_cycle_is_named_in_chinese(worked_case_dir):
    """Under zh the cycle is 团队上下级形成了循环, with the chain of ids kept as written."""
    replace_in(
        worked_case_dir / "teams/gm.yaml", "level: company", "level: company\nparent: rep-li"
    )
    with pytest.raises(CaseError) as info:
        load_case(worked_case_dir)
    assert "parent: 团队上下级形成了循环：gm -> rep-li" in info.value.render("zh")


def _problems(case_dir):
    with pytest.raises(CaseError) as info:
        load_case(case_dir)
    return info.value.problems


def test_a_gbk_team_file_loads_and_its_encoding_is_known(worked_case_dir):
    """A team file saved as GBK by Notepad on Chinese Windows loads; encodings names it gb18030."""
    path = worked_case_dir / "teams" / "sales.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    encodings: dict = {}
    case = load_case(worked_case_dir, encodings=encodings)
    assert case.team("sales").name.get("zh") == "销售部"
    assert encodings[path] == "gb18030" and encodings[worked_case_dir / "case.yaml"] == "utf-8"


def test_a_utf16_team_file_is_refused_in_plain_words(worked_case_dir):
    """A team file in UTF-16 gives one located problem naming UTF-16, not the codec's message."""
    path = worked_case_dir / "teams" / "sales.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    problems = [p for p in _problems(worked_case_dir) if p.file == str(path)]
    assert len(problems) == 1 and "UTF-16" in problems[0].message
    assert "codec" not in problems[0].render("en")


def test_a_team_id_differing_from_its_file_name_is_located(worked_case_dir):
    """finance.yaml saying id: finance-dept is a problem at its id line (saving would fork the file)."""
    replace_in(worked_case_dir / "teams" / "finance.yaml", "id: finance", "id: finance-dept")
    problems = [p for p in _problems(worked_case_dir) if "differs from its file name" in p.message]
    assert [(p.file.endswith("finance.yaml"), p.location) for p in problems] == [(True, "id")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("target: 20%\n        direction: at_least", "target: -20%\n        direction: at_least"),
        ("target: 5%\n        direction: at_most", "target: -5%\n        direction: at_most"),
    ],
)
def test_a_negative_target_with_a_direction_it_cannot_have_is_located(worked_case_dir, old, new):
    """'At least -20%' or 'at most -5%' is reported at the target, naming the direction."""
    replace_in(worked_case_dir / "teams" / "gm.yaml", old, new)
    (problem,) = _problems(worked_case_dir)
    assert problem.location.endswith(".target") and "negative target" in problem.message
    assert "不能为负数" in problem.render("zh")


def test_a_negative_target_to_increase_to_is_accepted(worked_case_dir):
    """Increase from a baseline of -50 to -10 (a loss cut) is a meaningful negative target."""
    replace_in(
        worked_case_dir / "teams" / "gm.yaml",
        "target: 95%\n        baseline: 85%",
        "target: -10\n        baseline: -50",
    )
    assert load_case(worked_case_dir).team("gm").key_result("KR1.3").target == -10


def test_a_bare_fraction_target_on_a_percent_kr_is_refused_naming_both_readings(worked_case_dir):
    """target: 0.95 on a KR in % is 95% or 0.95%: located at the target, both readings named."""
    replace_in(worked_case_dir / "teams" / "gm.yaml", "target: 95%", "target: 0.95")
    (problem,) = _problems(worked_case_dir)
    assert problem.location.endswith(".target") and "ambiguous" in problem.message
    assert "95%" in problem.render("en") and "0.95%" in problem.render("en")
    assert "歧义" in problem.render("zh")


def test_a_fraction_of_a_point_written_with_its_sign_is_accepted(worked_case_dir):
    """target: 0.5% on a KR in % is half a point, read as 0.5."""
    replace_in(worked_case_dir / "teams" / "gm.yaml", "target: 95%", "target: 0.5%")
    assert load_case(worked_case_dir).team("gm").key_result("KR1.3").target == 0.5


def test_a_bare_fraction_baseline_on_a_percent_kr_is_refused(worked_case_dir):
    """baseline: 0.85 on a KR in % is located at the baseline like a target."""
    replace_in(worked_case_dir / "teams" / "gm.yaml", "baseline: 85%", "baseline: 0.85")
    (problem,) = _problems(worked_case_dir)
    assert problem.location.endswith(".baseline") and "ambiguous" in problem.message


def test_nesting_too_deep_in_a_team_file_is_located(worked_case_dir):
    """A team file nested thousands deep is one located problem, not a RecursionError."""
    path = worked_case_dir / "teams" / "sales.yaml"
    path.write_text("id: sales\nname: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    (problem,) = [p for p in _problems(worked_case_dir) if p.file == str(path)]
    assert (problem.line, problem.message) == (2, "nesting too deep to read")


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("weight: 15%", "weight: 2015-01-01", "2015-01-01"),
        ("id: O1", "id: 2015-01-01", "2015-01-01"),
        (
            "text: {zh: 客户总量增长20%, en: Total customers grow by 20%}",
            "text: [a, b]",
            "[a, b]",
        ),
        ("level: company", "level: [company]", "[company]"),
    ],
)
def test_found_shows_the_value_as_written_never_a_type_name(worked_case_dir, old, new, found):
    """A date or a list in the wrong field is shown as written, never as datetime.date or CommentedSeq."""
    replace_in(worked_case_dir / "teams" / "gm.yaml", old, new)
    problems = _problems(worked_case_dir)
    assert found in [p.found for p in problems]
    rendered = "\n".join(p.render(lang) for p in problems for lang in ("en", "zh"))
    assert "Commented" not in rendered and "datetime" not in rendered


def test_a_mapping_where_a_list_belongs_is_shown_as_written(worked_case_dir):
    """objectives: written as a mapping is shown as {x: 1}, not CommentedMap."""
    replace_in(
        worked_case_dir / "teams" / "finance.yaml", "objectives:\n", "objectives: {x: 1}\nold:\n"
    )
    problems = _problems(worked_case_dir)
    assert "{x: 1}" in [p.found for p in problems]


def _rep_li_target(case_dir, old: str, new: str) -> list:
    """The problems of a copy whose rep-li KR1.4 line ``old`` is written ``new``."""
    replace_in(case_dir / "teams/rep-li.yaml", old, new)
    with pytest.raises(CaseError) as info:
        load_case(case_dir)
    return info.value.problems


def test_a_percent_target_on_an_amount_kr_is_refused_at_its_place(worked_case_dir):
    """target: 95% on a KR counted in 万元 is refused at file:line, by KR id, not read as 95万元."""
    (problem,) = _rep_li_target(worked_case_dir, " target: 1400", " target: 95%")
    assert problem.file.endswith("teams/rep-li.yaml") and problem.line == 53
    assert problem.location == "O1/KR1.4.target" and "95%" in problem.found
    assert "a number in 10k RMB, not a percent" in problem.expected
    assert "以万元计的数值，而不是百分比" in problem.expected_zh


def test_a_percent_baseline_on_an_amount_kr_is_refused(worked_case_dir):
    """baseline: 80% on a KR counted in 万元 is refused as the target is."""
    (problem,) = _rep_li_target(
        worked_case_dir, " target: 1400", " target: 1400\n        baseline: 80%"
    )
    assert problem.location == "O1/KR1.4.baseline" and "80%" in problem.found


def test_a_percent_target_is_refused_by_the_rule_actuals_use(worked_case_dir):
    """The team file and an actual word the refusal the same, from one shared rule."""
    from okrkit.actuals import parse_actual

    kr = load_case(worked_case_dir).team("rep-li").key_result("KR1.4")
    with pytest.raises(ValueError) as actual:
        parse_actual(kr, "95%")
    (problem,) = _rep_li_target(worked_case_dir, " target: 1400", " target: 95%")
    assert (problem.expected, problem.expected_zh) == (str(actual.value), actual.value.zh)


def test_a_percent_kr_keeps_reading_its_percent_target():
    """A KR whose unit is % still reads target: 100% as 100 points."""
    rep = load_case(CASES / "a-company").team("rep-li")
    percent_krs = [kr for _, kr in rep.key_results() if kr.unit.get("zh") == "%"]
    assert percent_krs and all(kr.target == 100 for kr in percent_krs)


def test_a_bad_kr_field_is_located_by_ids_as_lint_names_it(worked_case_dir):
    """validate names O1/KR1.4.target (as lint), not objectives[0].key_results[3].target."""
    (problem,) = _rep_li_target(worked_case_dir, " target: 1400", " target: 十五")
    assert problem.location == "O1/KR1.4.target" and problem.line == 53

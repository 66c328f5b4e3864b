"""Actuals files: YAML and CSV, with located errors."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import okrkit.actuals
from okrkit import CaseError, load_case
from okrkit.actuals import load_actuals, parse_actual

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


def test_doctests_hold():
    """The examples in the module's docstrings run as written."""
    assert doctest.testmod(okrkit.actuals).failed == 0


def test_sample_covers_every_team_and_kr(case):
    """The 2015 sample gives an actual for every KR of every team of the worked case."""
    actuals = load_actuals(CASE / "actuals" / "2015.yaml", case)
    assert actuals.period == "2015"
    for team in case.teams.values():
        assert set(actuals.for_team(team.id)) == {kr.id for _, kr in team.key_results()}


def test_sample_reads_percents_milestones_and_counts(case):
    """93% reads 93, 'not done' reads 0 and a complaint count reads as a number."""
    actuals = load_actuals(CASE / "actuals" / "2015.yaml", case)
    assert actuals.for_team("gm")["KR1.3"] == 93.0
    assert actuals.for_team("finance")["KR2.2"] == 0.0
    assert actuals.for_team("rep-li")["KR4.1"] == 2.0


def test_csv_reads_the_same_values(case, tmp_path):
    """A CSV with period, team, key_result, actual gives the same numbers as YAML."""
    path = tmp_path / "2015.csv"
    path.write_text(
        "period,team,key_result,actual\n2015,gm,KR1.1,18%\n2015,rep-li,KR2.1,完成\n",
        encoding="utf-8",
    )
    actuals = load_actuals(path, case)
    assert actuals.period == "2015"
    assert actuals.for_team("gm") == {"KR1.1": 18.0}
    assert actuals.for_team("rep-li") == {"KR2.1": 1.0}


def _yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actuals.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_is_located_and_reported_at_once(case, tmp_path):
    """Unknown team, unknown KR and a non-number are all reported with file and line."""
    path = _yaml(
        tmp_path,
        "period: 2015\nteams:\n  gm:\n    KR1.1: lots\n    KR7.7: 3\n  hr:\n    KR1.1: 2\n",
    )
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 3
    assert f"{path}:4: teams.gm.KR1.1: not a valid actual (found 'lots'" in messages[0]
    assert "teams.gm.KR7.7: team 'gm' has no key result 'KR7.7'" in messages[1]
    assert ":6: teams.hr: unknown team 'hr'" in messages[2]


def test_missing_period_is_an_error(case, tmp_path):
    """A file without a period says which field is missing."""
    path = _yaml(tmp_path, "teams:\n  gm:\n    KR1.1: 18%\n")
    with pytest.raises(CaseError, match="period: missing period"):
        load_actuals(path, case)


def test_csv_errors_name_the_row(case, tmp_path):
    """A CSV problem names the row's line and the column or KR."""
    path = tmp_path / "bad.csv"
    path.write_text(
        "period,team,key_result,actual\n2015,rep-li,KR4.1,1.5\n,gm,KR1.1,3\n", encoding="utf-8"
    )
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    messages = [str(p) for p in info.value.problems]
    assert any(":2: row 2.KR4.1: not a valid actual" in m and "incidents" in m for m in messages)
    assert any(":3: row 3.period: missing period" in m for m in messages)


def test_csv_missing_column_is_reported(case, tmp_path):
    """A CSV without the actual column says which columns it expects."""
    path = tmp_path / "bad.csv"
    path.write_text("period,team,key_result\n2015,gm,KR1.1\n", encoding="utf-8")
    with pytest.raises(CaseError, match=r"missing column 'actual'.*period,team,key_result,actual"):
        load_actuals(path, case)


def test_milestone_refuses_a_number(case):
    """A milestone takes done / not done; 0.7 is refused with the accepted words."""
    with pytest.raises(ValueError, match="done or not done"):
        parse_actual(case.team("finance").key_result("KR1.3"), "0.7")


@pytest.mark.parametrize(("value", "read"), [(1.0, 1.0), (0.0, 0.0), ("1.0", 1.0), ("０.０", 0.0)])
def test_milestone_takes_one_point_zero_and_zero_point_zero(case, value, read):
    """A milestone given as the number 1.0 or 0.0 (a YAML float, an Excel cell) is done / not done."""
    assert parse_actual(case.team("finance").key_result("KR1.3"), value) == read


def test_milestone_half_done_is_refused_located_in_yaml(case, tmp_path):
    """A milestone actual of 0.5 is refused at its place, saying a milestone is never partly done."""
    path = _yaml(tmp_path, "period: 2015\nteams:\n  finance:\n    KR1.3: 0.5\n")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    en, zh = info.value.render("en"), info.value.render("zh")
    assert "teams.finance.KR1.3: not a valid actual (found 0.5" in en and "never partly" in en
    assert "没有部分完成" in zh


def test_milestone_one_point_zero_in_yaml_reads_done(case, tmp_path):
    """'KR1.3: 1.0' in an actuals YAML reads as done."""
    path = _yaml(tmp_path, "period: 2015\nteams:\n  finance:\n    KR1.3: 1.0\n")
    assert load_actuals(path, case).for_team("finance")["KR1.3"] == 1.0


def test_csv_with_chinese_headers_reads_the_same_values(case, tmp_path):
    """A GBK CSV headed 期间,团队,关键成果,实际值 (a Chinese sheet) gives the same numbers."""
    path = tmp_path / "2015.csv"
    text = "期间,团队,关键成果,实际值\r\n2015,gm,KR1.1,18%\r\n2015,rep-li,KR2.1,完成\r\n"
    path.write_bytes(text.encode("gbk"))
    actuals = load_actuals(path, case)
    assert (
        actuals.period,
        actuals.for_team("gm")["KR1.1"],
        actuals.for_team("rep-li")["KR2.1"],
    ) == ("2015", 18.0, 1.0)


def test_a_missing_column_names_the_chinese_headers_too(case, tmp_path):
    """A header missing 实际值 says which Chinese headers would have done."""
    path = tmp_path / "bad.csv"
    path.write_text("期间,团队,关键成果\n2015,gm,KR1.1\n", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    assert "missing column 'actual'" in info.value.render("en")
    assert "期间,团队,关键成果,实际值" in info.value.render("zh")


def test_a_percent_on_an_amount_kr_is_refused(case):
    """'95%' on 销售指标完成率100%（1400万元） (unit 万元) is refused, not read as 95万元."""
    kr = case.team("rep-li").key_result("KR1.4")
    with pytest.raises(ValueError, match="not a percent") as caught:
        parse_actual(kr, "95%")
    assert "万元" in caught.value.zh


@pytest.mark.parametrize(("value", "read"), [("1330万元", 1330.0), ("1,330 万元", 1330.0)])
def test_an_amount_written_with_the_krs_unit_reads(case, value, read):
    """1330万元 on a KR counted in 万元 is 1330: the unit typed after it is the KR's own."""
    assert parse_actual(case.team("rep-li").key_result("KR1.4"), value) == read


def test_an_amount_in_another_unit_is_refused(case):
    """1330元 on a 万元 KR is refused (it would be 0.133万元), not read as 1330."""
    with pytest.raises(ValueError):
        parse_actual(case.team("rep-li").key_result("KR1.4"), "1330元")


@pytest.mark.parametrize(("mark", "read"), [("√", 1.0), ("✓", 1.0), ("×", 0.0)])
def test_a_milestone_takes_tick_and_cross(case, mark, read):
    """A Chinese form's √ (打勾) is done and × (打叉) not done."""
    assert parse_actual(case.team("finance").key_result("KR1.3"), mark) == read


def test_a_tab_separated_actuals_csv_reads(case, tmp_path):
    """An actuals CSV separated by tabs (Excel's tab-delimited text, renamed) reads like commas."""
    path = tmp_path / "2015.csv"
    path.write_text("period\tteam\tkey_result\tactual\n2015\tgm\tKR1.1\t18%\n", encoding="utf-8")
    assert load_actuals(path, case).for_team("gm") == {"KR1.1": 18.0}


def test_an_excel_workbook_is_refused_with_the_way_to_a_csv(case, tmp_path):
    """An .xlsx given as actuals is refused, saying how Excel saves it as CSV (in zh and en)."""
    path = tmp_path / "2015.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    assert "Save As → CSV UTF-8" in info.value.render("en")
    assert "另存为 → CSV UTF-8" in info.value.render("zh")


@pytest.mark.parametrize("value", ["2次", "２起", "2"])
def test_a_deduction_count_takes_its_counter_word(case, value):
    """A deduction item's incidents written 2次 or 2起 (as a Chinese form writes a count) read 2."""
    assert parse_actual(case.team("rep-li").key_result("KR4.1"), value) == 2.0


def test_blank_actual_is_left_unscored(case, tmp_path):
    """A KR listed with no value is left out, so scoring reports it as unscored."""
    path = _yaml(tmp_path, "period: 2015\nteams:\n  gm:\n    KR1.1:\n    KR1.2: 90%\n")
    assert load_actuals(path, case).for_team("gm") == {"KR1.2": 90.0}


def test_problems_render_in_chinese_under_zh(case, tmp_path):
    """A bad milestone actual reads in Chinese under zh, in English under en."""
    path = _yaml(tmp_path, "period: 2015\nteams:\n  finance:\n    KR1.3: 0.7\n")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    zh, en = info.value.render("zh"), info.value.render("en")
    assert "teams.finance.KR1.3: 不是有效的实际值（发现 0.7；应为 完成或未完成" in zh
    assert "teams.finance.KR1.3: not a valid actual (found 0.7; expected done or not done" in en


GM_CSV = (
    "period,team,key_result,actual\n"
    "2015,gm,KR1.1,18％\n"
    "2015,gm,KR1.3,93%\n"
    "2015,finance,KR1.3,完成\n"
    "2015,finance,KR2.2,未完成\n"
)


def test_a_gbk_csv_saved_by_excel_on_chinese_windows_is_read(case, tmp_path):
    """An actuals CSV in GBK (Excel's plain 'CSV' on Chinese Windows) reads, and says it was GBK."""
    path = tmp_path / "2015.csv"
    path.write_bytes(GM_CSV.replace("\n", "\r\n").encode("gbk"))
    actuals = load_actuals(path, case)
    assert actuals.for_team("finance") == {"KR1.3": 1.0, "KR2.2": 0.0}
    assert actuals.for_team("gm") == {"KR1.1": 18.0, "KR1.3": 93.0}
    assert actuals.encoding == "gb18030"


def test_a_gbk_yaml_actuals_file_is_read(case, tmp_path):
    """The shipped 2015 actuals, re-saved as GBK, read the same as the UTF-8 original."""
    source = CASE / "actuals" / "2015.yaml"
    path = tmp_path / "2015.yaml"
    path.write_bytes(source.read_text(encoding="utf-8").encode("gbk"))
    assert load_actuals(path, case).values == load_actuals(source, case).values


def test_a_declared_encoding_is_used(case, tmp_path):
    """encoding='gbk' reads a GBK file without detection."""
    path = tmp_path / "2015.csv"
    path.write_bytes(GM_CSV.encode("gbk"))
    assert load_actuals(path, case, encoding="gbk").for_team("finance")["KR1.3"] == 1.0


def test_a_utf16_csv_is_refused_in_plain_words(case, tmp_path):
    """A UTF-16 CSV (Excel's 'Unicode text') is a located CaseError naming UTF-16, not a traceback."""
    path = tmp_path / "2015.csv"
    path.write_bytes(GM_CSV.encode("utf-16"))
    with pytest.raises(CaseError, match="UTF-16"):
        load_actuals(path, case)


@pytest.mark.parametrize("spelling", ["0.93", 0.93, "1", 1])
def test_a_bare_fraction_on_a_percent_kr_is_refused_as_ambiguous(case, tmp_path, spelling):
    """0.93 (or 1) on a percent KR is refused naming both readings, never read as 0.93%."""
    path = tmp_path / "2015.yaml"
    path.write_text(f"period: 2015\nteams:\n  gm:\n    KR1.3: {spelling}\n", encoding="utf-8")
    with pytest.raises(
        CaseError, match=r"(93|100)% or [01.93]+% \(.* alone is ambiguous on a percent KR\)"
    ) as info:
        load_actuals(path, case)
    assert "有歧义" in info.value.render("zh")


@pytest.mark.parametrize("spelling", ["93", "93%", "0.93%", "４.２％", "0"])
def test_unambiguous_percent_actuals_read_as_points(case, spelling):
    """93, 93%, 0.93% and 0 on a percent KR are percent points as written."""
    kr = case.team("gm").key_result("KR1.3")
    expected = {"93": 93.0, "93%": 93.0, "0.93%": 0.93, "４.２％": 4.2, "0": 0.0}[spelling]
    assert parse_actual(kr, spelling) == expected


def test_a_bare_fraction_on_a_count_kr_stays_a_number(case):
    """On a KR counted in units (training sessions a month), 0.5 is simply 0.5."""
    assert parse_actual(case.team("sales").key_result("KR3.3"), "0.5") == 0.5


def test_excel_trailing_empty_rows_are_skipped(case, tmp_path):
    """Rows of empty cells (',,,') that Excel leaves at the end of a CSV are not read as rows."""
    path = tmp_path / "2015.csv"
    path.write_text(GM_CSV + ",,,\n , , ,\n,,,\n", encoding="utf-8")
    assert load_actuals(path, case).for_team("gm") == {"KR1.1": 18.0, "KR1.3": 93.0}


def test_a_row_with_more_cells_than_columns_is_located(case, tmp_path):
    """A row with a fifth, filled cell is a located problem on its line, not a crash."""
    path = tmp_path / "2015.csv"
    path.write_text(GM_CSV + "2015,gm,KR1.2,90%,note\n", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    assert [(p.line, p.found) for p in info.value.problems] == [(6, "note")]


def test_empty_trailing_cells_of_excel_are_ignored(case, tmp_path):
    """Excel's empty extra cells ('2015,gm,KR1.1,18%,,') are no problem."""
    path = tmp_path / "2015.csv"
    path.write_text("period,team,key_result,actual\n2015,gm,KR1.1,18%,,\n", encoding="utf-8")
    assert load_actuals(path, case).for_team("gm") == {"KR1.1": 18.0}


def test_nesting_too_deep_is_a_located_error(case, tmp_path):
    """Thousands of nested brackets give a located 'nesting too deep' problem, not a RecursionError."""
    path = tmp_path / "2015.yaml"
    path.write_text("period: 2015\nteams: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(CaseError, match="nesting too deep") as info:
        load_actuals(path, case)
    assert info.value.problems[0].line == 2


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("period: 2015\nteams:\n  - gm\n", "[gm]"),
        ("period: 2015\nteams:\n  gm: [KR1.1]\n", "[KR1.1]"),
        ("period: 2015\nteams:\n  gm:\n    KR1.3: 2015-01-01\n", "2015-01-01"),
    ],
)
def test_found_shows_what_was_written_not_a_type_name(case, tmp_path, text, found):
    """A list or a date in the wrong place is shown as written, never as CommentedSeq or datetime.date."""
    path = tmp_path / "2015.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_actuals(path, case)
    assert [p.found for p in info.value.problems] == [found]
    assert "Commented" not in info.value.render("zh") and "datetime" not in info.value.render("en")

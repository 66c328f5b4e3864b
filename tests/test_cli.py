"""The okrkit command: validate and show."""

from __future__ import annotations

import subprocess
import sys

import pytest

from okrkit.cli import main
from okrkit.terminal import width
from tests.conftest import CASES, replace_in


def test_validate_passes_on_the_worked_case(capsys):
    """okrkit validate exits 0 and says how many teams it read."""
    assert main(["validate", str(CASES / "a-company"), "--lang", "en"]) == 0
    assert "valid (6 teams" in capsys.readouterr().out


def test_validate_exits_2_with_located_messages(worked_case_dir, capsys):
    """A broken case exits 2 and prints file:line: location on stderr."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    assert main(["validate", str(worked_case_dir)]) == 2
    err = capsys.readouterr().err
    assert "teams/sales.yaml:" in err and "O1/KR1.1.weight" in err
    assert "Traceback" not in err


def test_validate_from_a_shell_prints_no_traceback(worked_case_dir):
    """Run as a process, a YAML error gives exit 2 and no traceback."""
    (worked_case_dir / "teams/gm.yaml").write_text("id: gm\n  bad: [", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "okrkit.cli", "validate", str(worked_case_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "gm.yaml" in result.stderr and "Traceback" not in result.stderr


def test_show_prints_the_three_deck_tables(capsys):
    """okrkit show prints the GM, sales department and sales position tables."""
    assert main(["show", str(CASES / "a-company-deck")]) == 0
    out = capsys.readouterr().out
    for title in (
        "总经理OKR计划表",
        "销售部OKR计划表",
        "销售岗位OKR计划表",
        "有效投诉案例（减分项）",
    ):
        assert title in out


def test_show_aligns_chinese_columns(capsys):
    """Every line of a printed table has the same display width."""
    main(["show", str(CASES / "a-company-deck"), "--team", "sales"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("|", "+"))]
    assert len({width(line) for line in lines}) == 1


def test_show_in_english(capsys):
    """--lang en prints English headers."""
    main(["show", str(CASES / "a-company"), "--team", "sales", "--lang", "en"])
    assert "Objective (O)" in capsys.readouterr().out


def test_show_unknown_team_exits_2(capsys):
    """An unknown --team id exits 2 naming the known teams."""
    assert main(["show", str(CASES / "a-company"), "--team", "nobody"]) == 2
    assert "rep-zhang" in capsys.readouterr().err


BROKEN = {
    "weights add to 95": ("teams/sales.yaml", "weight: 10%", "weight: 5%", "add to 95"),
    "weight in words": (
        "teams/sales.yaml",
        "weight: 15%",
        "weight: 十五%",
        "O1/KR1.1.weight",
    ),
    "supports missing objective": (
        "teams/sales.yaml",
        "supports: O3",
        "supports: O7",
        "O3.supports",
    ),
    "duplicate id": ("teams/finance.yaml", "id: O2", "id: O1", "duplicate objective id 'O1'"),
    "yaml syntax error": (
        "teams/gm.yaml",
        "level: company",
        "level: [company",
        "YAML syntax error",
    ),
    "empty file": ("teams/rep-wang.yaml", None, "", "the file is empty"),
}
# What the same broken copies say under the default language, Chinese.
BROKEN_ZH = {
    "weights add to 95": "objectives: 本表权重合计为 95",
    "weight in words": "weight: 不是权重（发现 '十五%'；应为 百分比",
    "supports missing objective": "团队 'gm' 没有目标 'O7'（应为 以下之一：",
    "duplicate id": "目标 id 'O1' 重复（应为 团队内唯一的 id）",
    "yaml syntax error": "YAML 语法错误",
    "empty file": "文件是空的",
}


def _break(name, case_dir):
    file, old, new, _ = BROKEN[name]
    if old is None:
        (case_dir / file).write_text(new, encoding="utf-8")
    else:
        replace_in(case_dir / file, old, new)
    return file


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_each_broken_copy_exits_2_naming_file_and_place(name, worked_case_dir, capsys):
    """Each kind of broken case exits 2 with the file and the place in the message."""
    file = _break(name, worked_case_dir)
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert file in err and BROKEN[name][3] in err and "Traceback" not in err


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_names_each_broken_copy_in_chinese_by_default(name, worked_case_dir, capsys):
    """Without --lang, each kind of broken case is explained in Chinese, file and place kept."""
    file = _break(name, worked_case_dir)
    assert main(["validate", str(worked_case_dir)]) == 2
    err = capsys.readouterr().err
    assert file in err and BROKEN_ZH[name] in err
    assert "nothing was written" not in err and "没有写入任何文件" in err


def test_validate_in_english_keeps_the_english_summary(worked_case_dir, capsys):
    """--lang en ends with the English count of problems."""
    _break("duplicate id", worked_case_dir)
    main(["validate", str(worked_case_dir), "--lang", "en"])
    assert "okrkit validate: 1 problem; nothing was written." in capsys.readouterr().err


def test_unknown_team_is_named_in_chinese_by_default(capsys):
    """Without --lang, an unknown --team id is refused in Chinese, listing the known teams."""
    assert main(["show", str(CASES / "a-company"), "--team", "nobody"]) == 2
    assert "没有这个团队：nobody（可选：gm, sales" in capsys.readouterr().err


def test_unknown_team_is_named_in_english_under_lang_en(capsys):
    """--lang en refuses an unknown --team id in English."""
    assert main(["show", str(CASES / "a-company"), "--team", "nobody", "--lang", "en"]) == 2
    assert "okrkit show: no such team: nobody (teams: gm, sales" in capsys.readouterr().err


def test_closed_pipe_ends_quietly():
    """`okrkit show … | head -1` stops without a BrokenPipeError traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "okrkit.cli", "show", str(CASES / "a-company")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_problems_render_in_the_chosen_language():
    """A located problem with a Chinese text prints in Chinese under --lang zh and in English under en."""
    from okrkit.errors import Problem

    problem = Problem(
        "t.yaml",
        "weight",
        "weights add to 95",
        line=3,
        found="95",
        expected="100",
        zh="本表权重合计为95",
        expected_zh="合计100",
    )
    assert problem.render("zh") == "t.yaml:3: weight: 本表权重合计为95（发现 95；应为 合计100）"
    assert str(problem) == "t.yaml:3: weight: weights add to 95 (found 95; expected 100)"


def test_validate_reports_a_team_file_the_case_does_not_list(worked_case_dir, capsys):
    """A teams/*.yaml file missing from case.yaml's teams: is named and validate exits 2."""
    stray = worked_case_dir / "teams" / "finance-old.yaml"
    stray.write_text(
        (worked_case_dir / "teams/finance.yaml")
        .read_text(encoding="utf-8")
        .replace("id: finance", "id: finance-old"),
        encoding="utf-8",
    )
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert f"{stray}: team file not listed in case.yaml" in capsys.readouterr().err


def test_validate_reports_a_team_file_spelled_yml(worked_case_dir, capsys):
    """teams/hr.yml is never read, so validate says it must end in .yaml."""
    (worked_case_dir / "teams" / "hr.yml").write_text("id: hr\n", encoding="utf-8")
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert "hr.yml: team files end in .yaml" in capsys.readouterr().err


def test_validate_checks_the_actuals_files_of_the_case(worked_case_dir, capsys):
    """A bad value in actuals/2015.yaml makes validate exit 2 with the actual's line."""
    replace_in(worked_case_dir / "actuals/2015.yaml", "KR1.3: 93%", "KR1.3: lots")
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    line = 1 + next(
        n
        for n, text in enumerate(
            (worked_case_dir / "actuals/2015.yaml").read_text(encoding="utf-8").splitlines()
        )
        if "KR1.3: lots" in text
    )
    assert (
        f"actuals/2015.yaml:{line}: teams.gm.KR1.3: not a valid actual" in capsys.readouterr().err
    )


def test_validate_checks_a_csv_actuals_file_too(worked_case_dir, capsys):
    """An actuals CSV naming an unknown team makes validate exit 2, located at its row."""
    (worked_case_dir / "actuals/q1.csv").write_text(
        "period,team,key_result,actual\n2016-Q1,hr,KR1.1,3\n", encoding="utf-8"
    )
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert "actuals/q1.csv:2: row 2.team: unknown team 'hr'" in capsys.readouterr().err


def test_validate_says_which_files_it_read_as_gbk(worked_case_dir, capsys):
    """A GBK team file passes validation and is named on stderr as read as GBK, in Chinese too."""
    path = worked_case_dir / "teams/sales.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    assert main(["validate", str(worked_case_dir)]) == 0
    captured = capsys.readouterr()
    assert f"{path}：按GBK（GB18030）读取" in captured.err and "校验通过" in captured.out


def test_validate_with_a_declared_encoding(worked_case_dir, capsys):
    """--encoding utf-8 on a GBK team file locates the first byte that is not UTF-8."""
    path = worked_case_dir / "teams/sales.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    assert main(["validate", str(worked_case_dir), "--encoding", "utf-8", "--lang", "en"]) == 2
    assert f"{path}:1: cannot read the text at byte" in capsys.readouterr().err


def test_validate_of_a_utf16_team_file_from_a_shell_gives_no_traceback(worked_case_dir):
    """Run as a process, a UTF-16 team file exits 2 naming UTF-16, with no traceback."""
    path = worked_case_dir / "teams/gm.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    result = subprocess.run(
        [sys.executable, "-m", "okrkit.cli", "validate", str(worked_case_dir), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "UTF-16" in result.stderr and "Traceback" not in result.stderr


def test_validate_names_a_save_as_copy_left_in_teams(worked_case_dir, capsys):
    """A sales.mine-….yaml copy (a refused save) is named as a copy to merge, since it is never read."""
    copy = worked_case_dir / "teams" / "sales.mine-20261201-093000.yaml"
    copy.write_text(
        (worked_case_dir / "teams/sales.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert f"{copy}: a copy of team 'sales' saved when someone else" in capsys.readouterr().err


def test_a_default_folder_is_found_beside_okrkit_from_elsewhere(tmp_path, monkeypatch):
    """Run from another folder, the default case is the one okrkit ships, not 'no such folder'."""
    from okrkit.cli import is_case_folder, shipped_default

    monkeypatch.chdir(tmp_path)
    found = shipped_default("cases/a-company-deck", "cases/a-company-deck", is_case_folder)
    assert found.is_absolute() and is_case_folder(found)


def test_a_folder_the_user_names_is_taken_as_named(tmp_path, monkeypatch):
    """A case folder typed on the command line is never swapped for the shipped one."""
    from pathlib import Path

    from okrkit.cli import is_case_folder, shipped_default

    monkeypatch.chdir(tmp_path)
    found = shipped_default("cases/a-company", "cases/a-company-deck", is_case_folder)
    assert found == Path("cases/a-company")


def test_worksheet_from_another_folder_prints_the_shipped_deck(tmp_path, monkeypatch):
    """`okrkit workbook worksheet` with no CASE_DIR, run outside okrkit, loads the deck's case."""
    import okrkit.workbook.handouts as handouts

    printed = []
    monkeypatch.setattr(handouts, "print_worksheet", lambda case, out, lang: printed.append(case))
    monkeypatch.chdir(tmp_path)
    assert main(["workbook", "worksheet", "--out", str(tmp_path / "out")]) == 0
    assert printed[0].path.name == "a-company-deck"

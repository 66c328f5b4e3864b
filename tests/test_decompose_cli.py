"""``okrkit decompose``: the split and the funnel arithmetic printed step by step."""

from __future__ import annotations

import shutil
from pathlib import Path

from okrkit.cli import main

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


def test_zhang_in_chinese_shows_the_arithmetic(capsys):
    """The Chinese output walks 8000万 down to 100 calls a week with each division."""
    assert main(["decompose", str(CASE), "--team", "rep-zhang"]) == 0
    out = capsys.readouterr().out
    assert "有意预留缓冲400万元" in out
    assert (
        "240 ÷ 5%（每个有效电话约到拜访的比例） = 每年4800；每人每周：4800 ÷ 48 = 100 → 目标100个"
        in out
    )
    assert "每月新增项目机会20个（以有效信息为准）" in out
    assert "这些活动目标可支撑销售目标的100%" in out
    assert "最大的杠杆：来自老客户回访的项目机会占比" in out


def test_li_in_english_rounds_up(capsys):
    """Li Na's 1400 needs 116.67 calls a week, shown and rounded up to 117."""
    assert main(["decompose", str(CASE), "--team", "rep-li", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "5600 ÷ 48 = 116.67 → target 117 calls" in out
    assert "117 effective calls a week" in out
    assert "enough for the result KR" in out


def test_unknown_team_exits_2(capsys):
    """An unknown team id exits 2 naming the known teams."""
    assert main(["decompose", str(CASE), "--team", "rep-nobody"]) == 2
    assert "rep-zhang" in capsys.readouterr().err


def test_a_zero_rate_exits_2_with_a_located_message(tmp_path, capsys):
    """A win rate of 0 in case.yaml exits 2 with file:line and location, no traceback."""
    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder)
    path = folder / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rate: 25%", "rate: 0"))
    assert main(["decompose", str(folder), "--team", "rep-zhang"]) == 2
    err = capsys.readouterr().err
    assert "case.yaml:" in err and "funnel.stages[2].rate" in err
    assert "Traceback" not in err


def test_a_team_without_revenue_target_exits_2_before_printing(capsys):
    """The deck's own rep table has a blank target: exit 2 saying so, with nothing half-printed."""
    deck = CASE.parent / "a-company-deck"
    assert main(["decompose", str(deck), "--team", "sales-rep", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sales-rep has no revenue target" in captured.err


def test_a_zero_rate_is_explained_in_chinese_by_default(tmp_path, capsys):
    """Without --lang, a win rate of 0 in case.yaml is explained in Chinese."""
    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder)
    path = folder / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rate: 25%", "rate: 0"))
    assert main(["decompose", str(folder), "--team", "rep-zhang"]) == 2
    assert "funnel.stages[2].rate: 比率必须大于0（发现 0；应为 正数" in capsys.readouterr().err


def test_a_team_without_revenue_target_is_explained_in_chinese_by_default(capsys):
    """Without --lang, the deck's rep table with a blank target says so in Chinese."""
    deck = CASE.parent / "a-company-deck"
    assert main(["decompose", str(deck), "--team", "sales-rep"]) == 2
    assert "团队sales-rep没有销售目标" in capsys.readouterr().err

"""`okrkit score`: scorecards in the terminal, exit 2 with located errors on bad actuals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from okrkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"
ACTUALS = CASE / "actuals" / "2015.yaml"


def test_scores_one_team_in_english(capsys):
    """One team's scorecard shows its rows, deduction line, total and grade."""
    assert (
        main(["score", str(CASE), "--actuals", str(ACTUALS), "--team", "rep-li", "--lang", "en"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Sales rep (Li Na): review 2015" in out
    assert "KR4.1 Valid customer complaints (deduction item): 2 × 5 = 10 points off (cap 20)" in out
    assert "Total: 81 · Grade: B (Good)" in out


def test_scores_every_team_in_chinese(capsys):
    """Without --team every team is scored, in Chinese by default."""
    assert main(["score", str(CASE), "--actuals", str(ACTUALS)]) == 0
    out = capsys.readouterr().out
    for line in (
        "总分：87 · 等级：A（优秀）",
        "总分：90.45 · 等级：A（优秀）",
        "总分：97.25 · 等级：S（卓越）",
    ):
        assert line in out


def test_bad_actuals_exit_2_with_located_errors(tmp_path, capsys):
    """Unknown KR, non-number and missing period each give a located line and exit 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("teams:\n  sales:\n    KR9.9: 3\n    KR1.1: many\n", encoding="utf-8")
    assert main(["score", str(CASE), "--actuals", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: period: missing period" in err
    assert f"{bad}:3: teams.sales.KR9.9: team 'sales' has no key result 'KR9.9'" in err
    assert f"{bad}:4: teams.sales.KR1.1: not a valid actual (found 'many'" in err
    assert "Traceback" not in err


def test_unknown_team_flag_exits_2(capsys):
    """--team with an id the case lacks names the known ids and exits 2."""
    assert (
        main(["score", str(CASE), "--actuals", str(ACTUALS), "--team", "hr", "--lang", "en"]) == 2
    )
    assert "no such team: hr" in capsys.readouterr().err


def test_core_modules_import_no_gui_stack():
    """weights, scoring, actuals and review load without matplotlib or ipywidgets."""
    code = (
        "import sys, okrkit.weights, okrkit.scoring, okrkit.actuals, okrkit.review;"
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'papermill') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_review_doctests_hold():
    """The examples in okrkit.review's docstrings run as written."""
    import doctest

    import okrkit.review

    assert doctest.testmod(okrkit.review).failed == 0


def test_bad_actuals_are_reported_in_chinese_by_default(tmp_path, capsys):
    """Without --lang, a bad actuals file is reported in Chinese."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("teams:\n  sales:\n    KR9.9: 3\n    KR1.1: many\n", encoding="utf-8")
    assert main(["score", str(CASE), "--actuals", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: period: 缺少周期（应为 复盘周期，如 2015 或 2015-Q4）" in err
    assert f"{bad}:3: teams.sales.KR9.9: 团队 'sales' 没有关键结果 'KR9.9'" in err
    assert f"{bad}:4: teams.sales.KR1.1: 不是有效的实际值（发现 'many'" in err


GBK_CSV = (
    "period,team,key_result,actual\r\n"
    "2015,finance,KR1.1,6%\r\n2015,finance,KR1.2,6%\r\n2015,finance,KR1.3,完成\r\n"
    "2015,finance,KR2.1,72\r\n2015,finance,KR2.2,未完成\r\n,,,\r\n,,,\r\n"
)


def test_a_gbk_actuals_csv_from_excel_scores(tmp_path, capsys):
    """A GBK CSV with Excel's trailing ',,,' rows scores finance at 66.17 and says it was read as GBK."""
    path = tmp_path / "2015.csv"
    path.write_bytes(GBK_CSV.encode("gbk"))
    assert (
        main(["score", str(CASE), "--actuals", str(path), "--team", "finance", "--lang", "en"]) == 0
    )
    captured = capsys.readouterr()
    assert "66.17" in captured.out
    assert f"{path}: read as GBK (GB18030)" in captured.err


def test_a_bare_fraction_on_a_percent_kr_exits_2(tmp_path, capsys):
    """score refuses KR1.3: 0.93 on the GM's percent KR instead of scoring 0.93% (grade A to B)."""
    path = tmp_path / "2015.yaml"
    path.write_text(
        ACTUALS.read_text(encoding="utf-8").replace("KR1.3: 93%", "KR1.3: 0.93"), encoding="utf-8"
    )
    assert main(["score", str(CASE), "--actuals", str(path), "--team", "gm", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "expected 93% or 0.93% (0.93 alone is ambiguous on a percent KR)" in err


def test_an_xlsx_given_as_actuals_csv_exits_2_in_plain_words(tmp_path):
    """Run as a process, an .xlsx renamed .csv exits 2 saying it is an Excel workbook, no traceback."""
    import zipfile

    path = tmp_path / "2015.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "okrkit.cli",
            "score",
            str(CASE),
            "--actuals",
            str(path),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Excel workbook (zip)" in result.stderr and "Traceback" not in result.stderr


def _one_team_actuals(tmp_path) -> Path:
    path = tmp_path / "rep-li.csv"
    path.write_text("period,team,kr,actual\n2015,rep-li,KR1.1,1200\n", encoding="utf-8")
    return path


def test_a_team_with_no_actual_is_not_rated(tmp_path, capsys):
    """A team the actuals file says nothing about gets no total and no grade, not 0 and D."""
    actuals = _one_team_actuals(tmp_path)
    assert main(["score", str(CASE), "--actuals", str(actuals), "--team", "gm"]) == 0
    out = capsys.readouterr().out
    assert "总分：— · 等级：未评分（没有任何实际值）" in out
    assert "等级：D" not in out


def test_a_team_with_one_actual_is_still_graded(tmp_path, capsys):
    """One actual is enough for a (provisional) grade: only a team with none is not rated."""
    actuals = _one_team_actuals(tmp_path)
    assert main(["score", str(CASE), "--actuals", str(actuals), "--team", "rep-li"]) == 0
    assert "等级：D" in capsys.readouterr().out


def test_unscored_krs_are_listed_with_chinese_punctuation(tmp_path, capsys):
    """The Chinese provisional line uses full-width brackets and 、 between KRs."""
    actuals = _one_team_actuals(tmp_path)
    main(["score", str(CASE), "--actuals", str(actuals), "--team", "rep-li"])
    assert "KR1.2（缺实际值）、KR1.3（缺实际值）" in capsys.readouterr().out

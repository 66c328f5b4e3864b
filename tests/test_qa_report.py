"""QA findings on `okrkit report`: one consistent summary, an unwritable --out, English wording."""

from __future__ import annotations

from okrkit import load_case
from okrkit.cli import main
from okrkit.report.index import IndexRow
from okrkit.report.summary import build_index, summary_line
from tests.test_report_invalid import fake_run_team


def ok_rows(n: int) -> list[IndexRow]:
    return [IndexRow(key=f"t{i}", name=f"t{i}") for i in range(n)]


def test_summary_with_kept_reports_counts_each_once():
    """Six ok rows of which four were kept read '2 reports written, 4 unchanged and kept'."""
    line = summary_line(ok_rows(6), "en", kept=4)
    assert line == "6 teams: 2 reports written, 4 unchanged and kept, 0 failed"


def test_zh_summary_with_kept_reports_counts_each_once():
    """zh: 共6个团队：2份报告已生成，4份输入未变、保留原报告，0份失败."""
    line = summary_line(ok_rows(6), "zh", kept=4)
    assert line == "共6个团队：2份报告已生成，4份输入未变、保留原报告，0份失败"


def test_english_summary_of_one_team_is_singular():
    """One team reads '1 team: 1 report written', not '1 teams: 1 reports written'."""
    assert summary_line(ok_rows(1), "en") == "1 team: 1 report written, 0 failed"


def test_a_second_run_prints_one_summary_that_agrees(
    worked_case_dir, tmp_path, monkeypatch, capsys
):
    """An unchanged second run says 0 written and every report kept, and no contradicting line."""
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    args = ["report", str(worked_case_dir), "--out", str(tmp_path / "r"), "--lang", "en"]
    assert main([*args, "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main([*args, "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "6 teams: 0 reports written, 6 unchanged and kept, 0 failed" in out
    assert "6 reports written" not in out and "rendered;" not in out


def test_an_unwritable_out_is_a_located_error(worked_case_dir, tmp_path, capsys):
    """--out naming a plain file exits 2 with a message naming the path, no traceback."""
    plain = tmp_path / "plain"
    plain.write_text("x", encoding="utf-8")
    code = main(["report", str(worked_case_dir), "--out", str(plain), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and f"{plain}" in err and "cannot write" in err


def test_english_index_header_has_an_ascii_colon(worked_case_dir):
    """The English index's KPI line reads '2015 sales target: 8000 …', no full-width colon."""
    index = build_index(load_case(worked_case_dir), [], lang="en")
    assert index.meta[0].startswith("2015 sales target: 8000") and "：" not in index.meta[0]

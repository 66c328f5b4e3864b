"""One invalid team file stops only that team's report: listed in the index with its problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.errors import CaseError
from okrkit.report.execute import TeamResult
from tests.conftest import replace_in

EVIL = "<script>alert(1)</script>"


def fake_run_team(job):
    """A report run without a kernel: writes the two files a real run writes."""
    Path(job.out_dir).mkdir(parents=True, exist_ok=True)
    job.ipynb_path.write_text("{}", encoding="utf-8")
    job.html_path.write_text(f"<p>{job.key}</p>", encoding="utf-8")
    return TeamResult(key=job.key, status="ok", ipynb=str(job.ipynb_path), html=str(job.html_path))


@pytest.fixture
def no_kernels(monkeypatch):
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)


@pytest.fixture
def broken_sales(worked_case_dir: Path) -> Path:
    """The worked case with two located problems in teams/sales.yaml, one echoing markup."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    replace_in(worked_case_dir / "teams/sales.yaml", "level: department", f'level: "{EVIL}"')
    return worked_case_dir


def _row(index_html: str, key: str) -> str:
    match = re.search(rf'<tr class="(\w+)" id="team-{re.escape(key)}">(.*?)</tr>', index_html, re.S)
    assert match, f"no index row for {key}"
    return match.group(1) + " " + match.group(2)


def test_load_case_can_set_invalid_teams_aside(broken_sales):
    """load_case(invalid_teams=...) returns the valid teams and each bad file's problems."""
    invalid: dict = {}
    case = load_case(broken_sales, invalid_teams=invalid)
    assert "sales" not in case.teams and {"gm", "rep-li", "finance"} <= set(case.teams)
    (path,) = invalid
    assert path.name == "sales.yaml"
    assert {p.location.split(".")[-1] for p in invalid[path]} == {"level", "weight"}
    with pytest.raises(CaseError):  # without the argument, still one error for everything
        load_case(broken_sales)


def test_a_broken_case_file_still_raises(broken_sales):
    """Problems of case.yaml itself are not set aside: the case cannot be read."""
    replace_in(broken_sales / "case.yaml", "year: 2015", "year: 二零一五")
    with pytest.raises(CaseError) as caught:
        load_case(broken_sales, invalid_teams={})
    assert all(Path(p.file).name == "case.yaml" for p in caught.value.problems)


def test_invalid_team_is_listed_and_the_others_are_reported(
    broken_sales, tmp_path, capsys, no_kernels
):
    """Exit 1; the others' reports written; the bad team's row lists its located problems, escaped."""
    out = tmp_path / "out"
    assert main(["report", str(broken_sales), "--out", str(out), "--lang", "en"]) == 1
    for key in ("gm", "finance", "rep-li", "rep-zhang", "rep-wang"):
        assert (out / f"{key}.html").exists()
    assert not (out / "sales.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    row = _row(index, "sales")
    assert row.startswith("invalid") and "invalid, not run" in row
    assert "teams/sales.yaml:" in row and ".weight: not a weight" in row and "十五%" in row
    assert EVIL not in index and "&lt;script&gt;" in row
    assert "6 teams: 5 reports written, 0 failed, 1 invalid (not run)" in index
    assert "sales (invalid, not run)" in _row(index, "rep-li")  # its parent, not blank
    err = capsys.readouterr().err
    assert (
        "1 team file has problems; no report was run for it" in err and "teams/sales.yaml:" in err
    )
    assert "Traceback" not in err


def test_the_invalid_team_is_named_in_chinese_by_default(
    broken_sales, tmp_path, capsys, no_kernels
):
    """Without --lang the index and the message say it in Chinese."""
    out = tmp_path / "out"
    assert main(["report", str(broken_sales), "--out", str(out)]) == 1
    row = _row((out / "index.html").read_text(encoding="utf-8"), "sales")
    assert "文件有问题，未生成" in row and "不是权重" in row
    assert "1个团队文件有问题，没有为它生成报告" in capsys.readouterr().err


def test_a_broken_case_yaml_exits_2_and_writes_nothing(worked_case_dir, tmp_path, capsys):
    """A problem in case.yaml is the case's, not a team's: exit 2, located, no folder."""
    replace_in(worked_case_dir / "case.yaml", "year: 2015", "year: 二零一五")
    out = tmp_path / "out"
    assert main(["report", str(worked_case_dir), "--out", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "case.yaml:" in err and "Traceback" not in err
    assert not out.exists()


def test_asking_for_the_invalid_team_lists_just_it(broken_sales, tmp_path, no_kernels):
    """--team naming the broken file: its row with problems, no kernel, exit 1."""
    out = tmp_path / "out"
    code = main(["report", str(broken_sales), "--team", "sales", "--team", "gm", "--out", str(out)])
    assert code == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert _row(index, "sales").startswith("invalid") and _row(index, "gm").startswith("ok")
    assert 'id="team-finance"' not in index


def test_actuals_naming_the_invalid_team_are_still_accepted(broken_sales, tmp_path, no_kernels):
    """The actuals file is not wrong for naming a team whose file has a problem."""
    out = tmp_path / "out"
    actuals = broken_sales / "actuals" / "2015.yaml"
    assert "sales:" in actuals.read_text(encoding="utf-8")
    code = main(["report", str(broken_sales), "--actuals", str(actuals), "--out", str(out)])
    assert code == 1
    assert _row((out / "index.html").read_text(encoding="utf-8"), "gm").startswith("ok")


def test_a_split_naming_an_unreadable_team_goes_with_that_team(worked_case_dir):
    """An empty rep file: the split's 'not a team under sales' is the rep's problem, not the case's."""
    (worked_case_dir / "teams/rep-li.yaml").write_text("", encoding="utf-8")
    invalid: dict = {}
    case = load_case(worked_case_dir, invalid_teams=invalid)
    assert "rep-li" not in case.teams and "sales" in case.teams
    (path,) = invalid
    assert path.name == "rep-li.yaml"
    assert any(Path(p.file).name == "case.yaml" and "rep-li" in p.location for p in invalid[path])


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfei\x00d\x00", b"PK\x03\x04binary"], ids=["empty", "utf16", "binary"]
)
def test_actuals_naming_an_unreadable_team_file_still_report_the_others(
    worked_case_dir, tmp_path, no_kernels, content
):
    """A rep file nothing can be read from (empty, UTF-16, binary) does not stop a scored run."""
    (worked_case_dir / "teams/rep-li.yaml").write_bytes(content)
    actuals = worked_case_dir / "actuals" / "2015.yaml"
    assert "rep-li:" in actuals.read_text(encoding="utf-8")
    out = tmp_path / "out"
    code = main(["report", str(worked_case_dir), "--actuals", str(actuals), "--out", str(out)])
    assert code == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert _row(index, "gm").startswith("ok")

"""QA L10 and L9: a department's funnel is its total; workbook build names where it looked."""

from __future__ import annotations

from pathlib import Path

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.decompose import whole_team

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"


def _decompose(capsys, team: str, lang: str = "en") -> str:
    assert main(["decompose", str(CASE), "--team", team, "--lang", lang]) == 0
    return capsys.readouterr().out


def test_department_without_headcount_is_a_whole_team():
    """The sales department (no headcount) is decomposed as one total over its three reps."""
    case = load_case(CASE)
    assert whole_team(case, case.teams["sales"]) == ("rep-zhang", "rep-li", "rep-wang")


def test_a_position_is_per_person():
    """A rep's funnel stays per person."""
    case = load_case(CASE)
    assert whole_team(case, case.teams["rep-li"]) is None


def test_department_printout_does_not_say_headcount_1(capsys):
    """decompose --team sales no longer says 'headcount 1' or 'per person a week'."""
    out = _decompose(capsys, "sales")
    assert "headcount 1" not in out and "per person a week" not in out


def test_department_printout_points_at_each_reps_funnel(capsys):
    """The department's printout names okrkit decompose --team for its reps."""
    assert "okrkit decompose --team rep-zhang (also rep-li, rep-wang)" in _decompose(
        capsys, "sales"
    )


def test_department_printout_in_chinese_says_total(capsys):
    """The Chinese printout says the numbers are the whole department's (全部门每周)."""
    assert "全部门每周" in _decompose(capsys, "sales", "zh")


def test_rep_printout_still_per_person(capsys):
    """A rep's printout keeps 'per person a week'."""
    assert "per person a week" in _decompose(capsys, "rep-li")


def test_build_without_chapters_names_the_absolute_folder(capsys, tmp_path):
    """workbook build on a folder with no chapters names its absolute path and --notebooks."""
    empty = tmp_path / "empty"
    empty.mkdir()
    rc = main(["workbook", "build", "--edition", "participant", "--out", str(tmp_path / "o"),
               "--notebooks", str(empty), "--lang", "en"])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 2 and str(empty.resolve()) in err and "--notebooks" in err


def test_build_outside_the_repo_finds_the_chapters_beside_okrkit(capsys, tmp_path, monkeypatch):
    """Run from another folder, the default notebooks are those beside the okrkit package."""
    from okrkit.commands.workbook import notebooks_folder

    monkeypatch.chdir(tmp_path)
    assert notebooks_folder("notebooks") == ROOT / "notebooks"

"""A process KR naming an unknown funnel stage is located as O1/KR1.1.stage, with file:line."""

from __future__ import annotations

from okrkit.cli import main
from tests.conftest import replace_in

# rep-zhang.yaml: KR1.1 (the calls KR, under O1) starts at this line.
KR_LINE = 16


def _unknown_stage(case_dir):
    path = case_dir / "teams/rep-zhang.yaml"
    replace_in(path, "stage: calls", "stage: callz")
    return path


def test_decompose_locates_an_unknown_stage_by_ids_in_english(worked_case_dir, capsys):
    """decompose exits 2 with file:line: O1/KR1.1.stage, what was found and what was expected."""
    path = _unknown_stage(worked_case_dir)
    assert main(["decompose", str(worked_case_dir), "--team", "rep-zhang", "--lang", "en"]) == 2
    assert (
        f"{path}:{KR_LINE}: O1/KR1.1.stage: unknown funnel stage 'callz' (found 'callz'; "
        "expected one of deals, opportunities, visits, calls)"
    ) in capsys.readouterr().err


def test_decompose_locates_an_unknown_stage_by_ids_in_chinese(worked_case_dir, capsys):
    """Without --lang the same location is given with the Chinese message."""
    path = _unknown_stage(worked_case_dir)
    assert main(["decompose", str(worked_case_dir), "--team", "rep-zhang"]) == 2
    assert (
        f"{path}:{KR_LINE}: O1/KR1.1.stage: 漏斗中没有阶段 'callz'"
        "（发现 'callz'；应为 以下之一：deals, opportunities, visits, calls）"
    ) in capsys.readouterr().err


def test_validate_names_the_unknown_stage_the_same_way(worked_case_dir, capsys):
    """validate reports the same problem at the same O1/KR1.1.stage, not an index path."""
    path = _unknown_stage(worked_case_dir)
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{KR_LINE}: O1/KR1.1.stage: unknown funnel stage" in err
    assert "key_results[" not in err

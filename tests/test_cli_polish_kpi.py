"""A KPI counted in 万元 written as a percent is refused at its line, as a team file's KR target is."""

from __future__ import annotations

from okrkit.cli import main
from tests.conftest import replace_in

# cases/a-company/case.yaml: the lines of kpi.target and kpi.baseline.
TARGET_LINE, BASELINE_LINE = 13, 14


def test_validate_refuses_a_percent_kpi_target_in_english(worked_case_dir, capsys):
    """kpi.target: 95% in 万元 exits 2 with case.yaml:line, the field, what was found and expected."""
    path = worked_case_dir / "case.yaml"
    replace_in(path, "target: 8000", "target: 95%")
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert (
        f"{path}:{TARGET_LINE}: kpi.target: a percent on the KPI counted in 10k RMB (found '95%'; "
        "expected a number in 10k RMB, not a percent (the KPI counts 10k RMB: write the amount "
        "itself))"
    ) in capsys.readouterr().err


def test_validate_refuses_a_percent_kpi_target_in_chinese(worked_case_dir, capsys):
    """Without --lang the same refusal is explained in Chinese."""
    path = worked_case_dir / "case.yaml"
    replace_in(path, "target: 8000", "target: 95%")
    assert main(["validate", str(worked_case_dir)]) == 2
    assert (
        f"{path}:{TARGET_LINE}: kpi.target: 按万元计的KPI写了百分比（发现 '95%'；"
        "应为 以万元计的数值，而不是百分比（该KPI按万元计：请写实际数量））"
    ) in capsys.readouterr().err


def test_a_percent_kpi_baseline_is_refused_too(worked_case_dir, capsys):
    """kpi.baseline: 80% in 万元 is refused at its own line."""
    path = worked_case_dir / "case.yaml"
    replace_in(path, "baseline: 6400", "baseline: 80%")
    assert main(["validate", str(worked_case_dir), "--lang", "en"]) == 2
    assert f"{path}:{BASELINE_LINE}: kpi.baseline: a percent on the KPI" in capsys.readouterr().err


def test_decompose_refuses_a_percent_kpi_before_printing(worked_case_dir, capsys):
    """decompose exits 2 on the percent KPI with nothing half-printed and no traceback."""
    replace_in(worked_case_dir / "case.yaml", "target: 8000", "target: 95%")
    assert main(["decompose", str(worked_case_dir), "--team", "rep-zhang", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "kpi.target: a percent on the KPI" in captured.err
    assert "Traceback" not in captured.err

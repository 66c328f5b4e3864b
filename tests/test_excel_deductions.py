"""Excel and deduction items: what the coach needs travels with the sheet; weight errors point at weights."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.errors import CaseError
from okrkit.excel import DEDUCTION_SHEET, export_case, import_team
from okrkit.lint import lint_case

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "a-company"
DEFINITION = "经核实属实、责任在本人的客户或兄弟部门投诉"


def copy_case(tmp_path: Path) -> Path:
    target = tmp_path / "a-company"
    shutil.copytree(CASE, target)
    return target


def test_export_writes_each_deduction_definition_penalty_and_cap(tmp_path):
    """The hidden deduction sheet holds rep-li's 有效投诉 item: definition, 5 points, cap 20."""
    path = export_case(load_case(CASE), tmp_path / "a.xlsx", ["rep-li"])
    ws = load_workbook(path)[DEDUCTION_SHEET]
    assert ws.sheet_state == "hidden"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    sheet, kr_id, text, zh, en, penalty, cap = rows[0]
    assert (sheet, kr_id, text, zh, penalty, cap) == (
        "销售岗位（李娜）",
        "O4/KR4.1",
        "有效投诉案例（减分项）",
        DEFINITION,
        5,
        20,
    )
    assert en.startswith("A complaint from a customer")


def test_a_team_imported_from_an_exported_sheet_passes_the_coach_on_its_deduction(tmp_path):
    """rep-li's sheet imported as new team rep-chen: no OKR206/207/208 for its deduction item."""
    case_dir = copy_case(tmp_path)
    xlsx = tmp_path / "li.xlsx"
    assert main(["export", str(case_dir), "--team", "rep-li", "-o", str(xlsx)]) == 0
    args = ["import", str(xlsx), "--case", str(case_dir), "--team", "rep-chen", "--parent", "sales"]
    assert main(args) == 0
    case = load_case(case_dir)
    deduction = case.team("rep-chen").key_result("KR4.1")
    assert (deduction.kind, deduction.definition.zh) == ("deduction", DEFINITION)
    assert (deduction.penalty, deduction.cap) == (5.0, 20.0)
    codes = {f.code for f in lint_case(case) if f.team == "rep-chen"}
    assert not codes & {"OKR206", "OKR207", "OKR208"}


def test_a_deduction_typed_by_hand_gets_no_borrowed_definition(tmp_path):
    """A new deduction row whose text export never wrote stays without a definition."""
    case_dir = copy_case(tmp_path)
    xlsx = tmp_path / "li.xlsx"
    export_case(load_case(case_dir), xlsx, ["rep-li"])
    book = load_workbook(xlsx)
    ws = book["销售岗位（李娜）"]
    row = next(r for r in range(3, 20) if "有效投诉" in str(ws.cell(r, 4).value))
    ws.cell(row, 4).value, ws.cell(row, 7).value = "迟到早退次数（减分项）", None
    book.save(xlsx)
    team, _ = import_team(xlsx, case_dir, "rep-chen", parent="sales")
    kr = next(k for _, k in team.key_results() if k.is_deduction)
    assert kr.text.zh == "迟到早退次数（减分项）" and not kr.definition and kr.penalty is None


def test_weight_sum_error_points_at_the_weight_cells_not_the_deduction_row(tmp_path):
    """rep-li without its total row, one weight changed: the error names E3:E<last scored row>."""
    case_dir = copy_case(tmp_path)
    xlsx = tmp_path / "li.xlsx"
    export_case(load_case(case_dir), xlsx, ["rep-li"])
    book = load_workbook(xlsx)
    ws = book["销售岗位（李娜）"]
    deduction_row = next(r for r in range(3, 20) if "有效投诉" in str(ws.cell(r, 4).value))
    ws.delete_rows(deduction_row + 1)  # the total row: now the deduction row is the last one
    ws["E3"] = ws["E3"].value + 0.05
    book.save(xlsx)
    with pytest.raises(CaseError) as info:
        import_team(xlsx, case_dir, "rep-li")
    message = info.value.render("en")
    assert f"销售岗位（李娜）!E3:E{deduction_row - 1}: the weights add to 105%" in message
    assert f"E{deduction_row}:" not in message and f"E{deduction_row} " not in message

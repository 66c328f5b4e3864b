"""Excel import matching: what a manager does in Excel never attaches the wrong numbers."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.errors import ProblemLog
from okrkit.excel import (
    UnconfirmedChanges,
    export_case,
    export_workbook,
    import_team,
    merge_sheet,
    plan_import,
    read_sheet,
)
from okrkit.excel.changes import carried_changes
from okrkit.excel.match import text_key
from okrkit.model import KeyResult, Objective, Team, Text

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "a-company"
# The sales sheet: O1's KRs are rows 3-5 (KR1.1 target 30 家, KR1.2 target 15 家, KR1.3).
KR11 = "代理商总量150家，新增渠道代理商30家"
KR12 = "项目终端用户保持45家，新增项目用户15家"
KR13 = "销售指标完成率100%"


@pytest.fixture
def sales(tmp_path):
    """A copy of the case and an export of its sales sheet: (case_dir, xlsx, team file)."""
    case_dir = tmp_path / "a-company"
    shutil.copytree(CASE, case_dir)
    xlsx = tmp_path / "sales.xlsx"
    export_case(load_case(case_dir), xlsx, ["sales"])
    return case_dir, xlsx, case_dir / "teams" / "sales.yaml"


def edit(xlsx: Path, *, drop_ids: bool = True, **cells) -> None:
    """Open the sheet as Excel would, maybe lose the hidden id column, set ``cells``."""
    book = load_workbook(xlsx)
    ws = book["销售部"]
    if drop_ids:
        ws.delete_cols(7)
    for ref, value in cells.items():
        ws[ref] = value
    book.save(xlsx)


def unmerged(xlsx: Path, change) -> None:
    """Unmerge the sheet (as a person does before moving rows), then apply ``change(ws)``."""
    book = load_workbook(xlsx)
    ws = book["销售部"]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    change(ws)
    book.save(xlsx)


def test_reworded_kr_without_ids_is_refused_with_exit_1_and_nothing_written(sales, capsys):
    """A similar-text match that keeps target 30 家 under a new text: exit 1, no byte written."""
    case_dir, xlsx, team_file = sales
    before = team_file.read_bytes()
    edit(xlsx, D3="代理商总量160家，新增渠道代理商40家")
    code = main(["import", str(xlsx), "--case", str(case_dir), "--team", "sales", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert team_file.read_bytes() == before
    assert not team_file.with_name("sales.yaml.bak").exists()
    assert "销售部!D3: KR1.1's text changed, matched by a similar text" in err
    assert f"old {KR11!r} → new '代理商总量160家，新增渠道代理商40家'" in err
    assert "would keep target 30 家" in err and "--accept-changes" in err


def test_refusal_is_worded_in_chinese(sales):
    """The same refusal in Chinese names the cell, both texts and the target kept."""
    case_dir, xlsx, _ = sales
    edit(xlsx, D3="代理商总量160家，新增渠道代理商40家")
    with pytest.raises(UnconfirmedChanges) as refused:
        import_team(xlsx, case_dir, "sales")
    text = refused.value.render("zh")
    assert "销售部!D3: KR1.1 的文字已改，按相似文字匹配（没有隐藏编号）" in text
    assert f"原「{KR11}」→ 新「代理商总量160家，新增渠道代理商40家」；将保留目标值 30 家" in text
    assert "没有写入任何文件" in text


def test_accept_changes_writes_the_reworded_kr_with_its_target(sales):
    """--accept-changes imports the new text and keeps target 30 家 on KR1.1."""
    case_dir, xlsx, _ = sales
    edit(xlsx, D3="代理商总量160家，新增渠道代理商40家")
    args = ["import", str(xlsx), "--case", str(case_dir), "--team", "sales", "--accept-changes"]
    assert main(args) == 0
    kr = load_case(case_dir).team("sales").key_result("KR1.1")
    assert (kr.text.zh, kr.target, kr.unit.zh) == (
        "代理商总量160家，新增渠道代理商40家",
        30.0,
        "家",
    )


def test_a_kr_rewritten_into_another_is_new_and_the_old_one_removed(sales):
    """Without ids, a row replaced by an unrelated KR takes no old target; the old KR goes."""
    case_dir, xlsx, _ = sales
    edit(xlsx, D4="新签战略合作伙伴5家")
    imported, _ = import_team(xlsx, case_dir, "sales")
    ids = [k.id for k in imported.objectives[0].key_results]
    assert ids == ["KR1.1", "KR1.4", "KR1.3"]
    new = imported.key_result("KR1.4")
    assert (new.text.zh, new.target, new.unit.zh, new.kind) == (
        "新签战略合作伙伴5家",
        None,
        None,
        "result",
    )


def test_an_inserted_row_without_ids_shifts_no_target(sales):
    """A KR inserted above KR1.1 on a sheet without ids is new; every old KR keeps its own target."""
    case_dir, xlsx, _ = sales

    def insert(ws):
        ws.delete_cols(7)
        ws.insert_rows(3)
        ws["A3"], ws["B3"], ws["D3"], ws["E3"] = 1, ws["B4"].value, "每月走访代理商10家", 0.05
        ws["E4"] = ws["E4"].value - 0.05

    unmerged(xlsx, insert)
    imported, _ = import_team(xlsx, case_dir, "sales")
    krs = imported.objectives[0].key_results
    assert [(k.id, k.text.zh, k.target) for k in krs] == [
        ("KR1.4", "每月走访代理商10家", None),
        ("KR1.1", KR11, 30.0),
        ("KR1.2", KR12, 15.0),
        ("KR1.3", KR13, 100.0),
    ]


def test_a_deleted_row_without_ids_removes_only_that_kr(sales):
    """Deleting KR1.2's row (ids lost) removes KR1.2; KR1.1 and KR1.3 keep their targets."""
    case_dir, xlsx, _ = sales

    def delete(ws):
        ws.delete_cols(7)
        ws["E3"] = ws["E3"].value + ws["E4"].value
        ws.delete_rows(4)

    unmerged(xlsx, delete)
    plan = plan_import(xlsx, case_dir, "sales")
    assert [(k.id, k.target) for k in plan.team.objectives[0].key_results] == [
        ("KR1.1", 30.0),
        ("KR1.3", 100.0),
    ]
    assert plan.changes == () and any("KR1.2" in note for note in plan.notes)


def test_sorting_only_the_text_column_does_not_follow_the_stale_ids(sales):
    """Texts swapped while the hidden ids stayed put: each text keeps its own KR and target."""
    case_dir, xlsx, _ = sales
    book = load_workbook(xlsx)
    ws = book["销售部"]
    ws["D3"], ws["D4"] = ws["D4"].value, ws["D3"].value
    ws["E3"], ws["E4"] = ws["E4"].value, ws["E3"].value
    book.save(xlsx)
    imported, _ = import_team(xlsx, case_dir, "sales")
    first, second = imported.objectives[0].key_results[:2]
    assert (first.id, first.text.zh, first.target) == ("KR1.2", KR12, 15.0)
    assert (second.id, second.text.zh, second.target) == ("KR1.1", KR11, 30.0)


def test_a_copied_row_with_a_duplicate_id_becomes_a_new_kr(sales):
    """A row copied with its hidden id and then edited is new; the original keeps KR1.1."""
    case_dir, xlsx, _ = sales

    def copy_row(ws):
        ws.insert_rows(4)
        for col in range(1, 8):
            ws.cell(4, col).value = ws.cell(3, col).value
        ws["D4"], ws["E4"] = "华东新增渠道代理商10家", 0.05
        ws["E5"] = ws["E5"].value - 0.05

    unmerged(xlsx, copy_row)
    plan = plan_import(xlsx, case_dir, "sales")
    krs = plan.team.objectives[0].key_results
    assert [(k.id, k.target) for k in krs[:2]] == [("KR1.1", 30.0), ("KR1.4", None)]
    assert plan.unconfirmed == []


def test_a_reworded_kr_that_kept_its_id_is_a_note_not_a_refusal(sales, capsys):
    """With the hidden id in place a reworded KR imports (exit 0) and the kept target is shown."""
    case_dir, xlsx, _ = sales
    edit(xlsx, drop_ids=False, D3="渠道代理商总量达到150家，其中新增渠道代理商30家")
    code = main(["import", str(xlsx), "--case", str(case_dir), "--team", "sales", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "note: " in out and "销售部!D3: KR1.1's text changed, matched by its hidden id" in out
    assert load_case(case_dir).team("sales").key_result("KR1.1").target == 30.0


def test_a_new_number_in_a_kr_that_kept_its_id_is_refused(sales, capsys):
    """'新增渠道代理商30家' edited to 35 keeps target 30: refused (exit 1), nothing written."""
    case_dir, xlsx, _ = sales
    before = (case_dir / "teams" / "sales.yaml").read_bytes()
    edit(xlsx, drop_ids=False, D3="代理商总量150家，新增渠道代理商35家")
    code = main(["import", str(xlsx), "--case", str(case_dir), "--team", "sales", "--lang", "en"])
    out = capsys.readouterr()
    assert code == 1
    assert "matched by its hidden id, but the numbers in the text changed" in out.out + out.err
    assert (case_dir / "teams" / "sales.yaml").read_bytes() == before


def test_spacing_and_full_width_edits_are_the_same_text(sales):
    """'代理商总量 150 家' (spaces, full-width digits) matches KR1.1 exactly: no change listed."""
    case_dir, xlsx, _ = sales
    edit(xlsx, D3="代理商总量 １５０ 家，新增渠道代理商30家")
    plan = plan_import(xlsx, case_dir, "sales")
    assert plan.changes == ()
    assert plan.team.key_result("KR1.1").target == 30.0


@st.composite
def reordered(draw):
    """A team with distinct KR texts and targets, and the same team with each objective's KRs permuted."""
    texts = draw(
        st.lists(
            st.text(alphabet="销售回款客户拜访电话abc0123", min_size=2, max_size=10),
            min_size=2,
            max_size=8,
            unique_by=text_key,
        )
    )
    objectives, permuted, start = [], [], 0
    for o in range(1, draw(st.integers(1, min(3, len(texts)))) + 1):
        size = draw(st.integers(1, max(1, len(texts) - start)))
        krs = tuple(
            KeyResult(id=f"KR{o}.{n}", text=Text(zh=t), weight=None, target=float(10 * (start + n)))
            for n, t in enumerate(texts[start : start + size], start=1)
        )
        start += size
        objectives.append(Objective(id=f"O{o}", title=Text(zh=f"目标{o}"), key_results=krs))
        permuted.append(replace(objectives[-1], key_results=tuple(draw(st.permutations(krs)))))
        if start >= len(texts):
            break
    team = Team(id="t", name=Text(zh="团队"), level="department", objectives=tuple(objectives))
    return team, replace(team, objectives=tuple(permuted))


@settings(max_examples=40, deadline=None)
@given(reordered())
def test_reordered_rows_without_ids_keep_each_kr_its_own_target(teams):
    """Rows reordered on a sheet that lost its id column: every KR keeps its id and target, nothing listed."""
    team, shown = teams
    ws = export_workbook([shown]).worksheets[0]
    ws.delete_cols(7)
    log = ProblemLog()
    table = read_sheet(ws, "mem.xlsx", log)
    assert not log.problems
    merged = merge_sheet(table, team, "t")
    assert merged.team == shown
    assert carried_changes(merged, table) == []


def test_a_workbook_that_lost_its_hidden_sheets_still_matches_by_text(sales):
    """Without the okrkit sheets and the id column the sheet is found by name and KRs by text."""
    case_dir, xlsx, _ = sales
    book = load_workbook(xlsx)
    for hidden in [ws for ws in book.worksheets if ws.sheet_state == "hidden"]:
        book.remove(hidden)
    book.save(xlsx)
    edit(xlsx, D3="代理商总量160家，新增渠道代理商40家")
    plan = plan_import(xlsx, case_dir, "sales")
    assert [(c.kr_id, c.cell, c.how) for c in plan.unconfirmed] == [
        ("KR1.1", "销售部!D3", "similar")
    ]
    assert plan.team.key_result("KR1.2").target == 15.0


def test_a_save_between_reading_and_writing_the_import_is_not_overwritten(sales):
    """Someone saves the team after the import read it: the import is refused as stale."""
    from okrkit.excel import write_import
    from okrkit.yamlio import StaleFileError

    case_dir, xlsx, team_file = sales
    plan = plan_import(xlsx, case_dir, "sales")
    theirs = team_file.read_text(encoding="utf-8") + "# a colleague's edit\n"
    team_file.write_text(theirs, encoding="utf-8")
    with pytest.raises(StaleFileError):
        write_import(plan)
    assert team_file.read_text(encoding="utf-8") == theirs

"""Teams out to a workbook, drawn as the deck draws its tables."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from okrkit.errors import OkrkitError
from okrkit.excel._layout import (
    BORDER,
    DEDUCTION_HEADERS,
    DEDUCTION_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    ID_HEADER,
    INVALID_SHEET_CHARS,
    META_SHEET,
    TITLE_ROW,
    WIDTHS,
)
from okrkit.excel.guard import put_formula, put_value
from okrkit.i18n import check_lang, t
from okrkit.model import Case, Team
from okrkit.tables import columns, kr_label

# -- export


def sheet_name(team: Team, lang: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``team`` (its name, ≤31 characters)."""
    base = INVALID_SHEET_CHARS.sub("_", team.name.get(lang) or team.id)[:31].strip().strip("'")
    base = base or team.id[:31]
    name, n = base, 2
    # Excel refuses a sheet named History, and okrkit's hidden sheets are taken.
    while name.lower() in taken or name.lower() in {META_SHEET, DEDUCTION_SHEET, "history"}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


_put = put_value  # every text cell, hidden ones included, goes through the guard
_formula = put_formula


def _percent_format(points: float) -> str:
    return "0%" if float(points).is_integer() else "0.0##%"


def write_sheet(ws, team: Team, lang: str = "zh") -> None:
    """Draw ``team``'s table on worksheet ``ws`` in the deck's layout."""
    check_lang(lang)
    _put(ws.cell(TITLE_ROW, 1), t("table.title", lang, team=team.name.get(lang)))
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=6)
    title = ws.cell(TITLE_ROW, 1)
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center")
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for col, label in enumerate([*columns(lang), ID_HEADER], start=1):
        cell = ws.cell(HEADER_ROW, col)
        _put(cell, label)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = FIRST_ROW
    for number, objective in enumerate(team.objectives, start=1):
        krs = objective.key_results or (None,)
        start, end = row, row + len(krs) - 1
        _put(ws.cell(start, 1), number)
        _put(ws.cell(start, 2), objective.title.get(lang))
        _put(ws.cell(start, 3), objective.description.get(lang) or None)
        if objective.planned_points() is not None:
            _formula(ws.cell(start, 6), f"=SUM(E{start}:E{end})")
            ws.cell(start, 6).number_format = "0.##%"
        for kr in krs:
            if kr is None:
                _put(ws.cell(row, 7), objective.id)
            else:
                _put(ws.cell(row, 4), kr_label(kr, lang))
                _put(ws.cell(row, 7), f"{objective.id}/{kr.id}")
                if kr.weight is not None and not kr.is_deduction:
                    _put(ws.cell(row, 5), kr.weight / 100)
                    ws.cell(row, 5).number_format = _percent_format(kr.weight)
            row += 1
        if end > start:
            for col in (1, 2, 3, 6):
                ws.merge_cells(start_row=start, start_column=col, end_row=end, end_column=col)
    last = row - 1
    _put(ws.cell(row, 1), t("table.total", lang))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    if last >= FIRST_ROW:
        _formula(ws.cell(row, 5), f"=SUM(E{FIRST_ROW}:E{last})")
        _formula(ws.cell(row, 6), f"=SUM(F{FIRST_ROW}:F{last})")
    for col in (5, 6):
        ws.cell(row, col).number_format = "0.##%"
    for r in range(FIRST_ROW, row + 1):
        for col in range(1, 7):
            cell = ws.cell(r, col)
            cell.border = BORDER
            cell.alignment = Alignment(
                vertical="center", wrap_text=True, horizontal="center" if col in (1, 5, 6) else None
            )
    for col in range(1, 7):
        ws.cell(row, col).font = Font(bold=True)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["G"].hidden = True
    # Printed (or turned into PDF) the table fits one page wide, as in the deck.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_area = f"A1:F{row}"


def export_workbook(teams: list[Team], lang: str = "zh") -> Workbook:
    """A workbook with one sheet per team and the hidden ``okrkit`` map sheet.

    >>> from okrkit import load_case
    >>> book = export_workbook([load_case("cases/a-company").team("sales")])
    >>> book.active["A1"].value
    '销售部OKR计划表'
    """
    check_lang(lang)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    meta_rows: list[tuple] = []
    deduction_rows: list[tuple] = []
    for team in teams:
        ws = book.create_sheet(sheet_name(team, lang, taken))
        write_sheet(ws, team, lang)
        meta_rows.append((ws.title, team.id, lang))
        deduction_rows += _deduction_rows(ws.title, team, lang)
    _hidden_sheet(book, META_SHEET, ["sheet", "team", "lang"], meta_rows)
    _hidden_sheet(book, DEDUCTION_SHEET, DEDUCTION_HEADERS, deduction_rows)
    book.active = 0
    return book


def _deduction_rows(sheet: str, team: Team, lang: str) -> list[tuple]:
    """What a deduction item needs beyond its row (definition, penalty, cap), one row each."""
    return [
        (
            sheet,
            f"{o.id}/{kr.id}",
            kr_label(kr, lang),
            kr.definition.zh,
            kr.definition.en,
            kr.penalty,
            kr.cap,
        )
        for o, kr in team.key_results()
        if kr.is_deduction
    ]


def _hidden_sheet(book: Workbook, title: str, headers: list[str], rows: list[tuple]) -> None:
    ws = book.create_sheet(title)
    for r, values in enumerate([headers, *rows], start=1):
        for c, value in enumerate(values, start=1):
            _put(ws.cell(r, c), value)  # a team or KR text here is guarded as on the visible sheets
    ws.sheet_state = "hidden"


def save_workbook(book: Workbook, path: str | Path) -> Path:
    """Save ``book`` atomically (temp file, then one rename): never a half file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OkrkitError(
            f"{path}: expected a file name ending in .xlsx", zh=f"{path}：文件名应以 .xlsx 结尾"
        )
    if not path.parent.is_dir():
        raise OkrkitError(f"{path.parent}: no such folder", zh=f"{path.parent}：文件夹不存在")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_case(
    case: Case, path: str | Path, team_ids: list[str] | None = None, lang: str = "zh"
) -> Path:
    """Write the case's teams (or those named) to ``path``, one sheet each."""
    ids = team_ids or list(case.teams)
    return save_workbook(export_workbook([case.team(i) for i in ids], lang), path)

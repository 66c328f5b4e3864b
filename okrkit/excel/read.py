"""A worksheet in the deck's layout read into rows, tolerant of what people type."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from okrkit.errors import ProblemLog
from okrkit.excel._layout import (
    DEDUCTION_HEADERS,
    DEDUCTION_MARK,
    DEDUCTION_SHEET,
    ID_HEADER,
    META_SHEET,
    TOTAL_WORDS,
)
from okrkit.excel.guard import cell_text
from okrkit.model import Team, Text
from okrkit.numbers import PERCENT_EXPECTED, PERCENT_EXPECTED_ZH, NumberError, parse_percent
from okrkit.readers import shown

# -- reading a sheet


@dataclass
class SheetKR:
    """A key-result row as read: text, weight in points, hidden id, where."""

    text: str
    weight: float | None
    row: int
    id: str | None = None

    @property
    def is_deduction(self) -> bool:
        return bool(DEDUCTION_MARK.search(self.text))


@dataclass
class SheetObjective:
    """An objective as read from its (merged or repeated) cells."""

    number: str
    title: str
    description: str
    row: int
    id: str | None = None
    key_results: list[SheetKR] = field(default_factory=list)


@dataclass
class SheetTable:
    """One sheet read into rows, with its language and where its total row is."""

    sheet: str
    title: str
    lang: str
    objectives: list[SheetObjective]
    weight_column: str
    end_row: int
    rows: dict[str, int] = field(default_factory=dict)  # KR id -> sheet row, set by merge
    kr_column: str = "D"
    # Deduction items the export described in its hidden sheet (see read_deductions).
    deductions: list[DeductionInfo] = field(default_factory=list)

    def key_results(self):
        """Every (objective, key-result row) pair in sheet order."""
        for objective in self.objectives:
            for kr in objective.key_results:
                yield objective, kr

    def kr_cell(self, kr: SheetKR) -> str:
        """Where a key result's text is, e.g. ``销售部!D4``."""
        return f"{self.sheet}!{self.kr_column}{kr.row}"


@dataclass(frozen=True)
class DeductionInfo:
    """What the export wrote about one deduction item besides its row."""

    id: str  # the KR id (without the objective)
    text: str  # the row's text as exported
    definition: Text
    penalty: float | None
    cap: float | None


def _role(header: str) -> str | None:
    text = unicodedata.normalize("NFKC", header).lower().replace(" ", "")
    if not text:
        return None
    if text == ID_HEADER.replace(" ", ""):
        return "id"
    if "序号" in text or text in {"no.", "no", "#"}:
        return "no"
    if "详细" in text or "描述" in text or "detail" in text or "description" in text:
        return "description"
    if (
        "关键成果" in text
        or "keyresult" in text
        or (text.startswith("kr") and "权重" not in text and "weight" not in text)
    ):
        return "key_result"
    if "权重" in text or "weight" in text:
        return "weight"
    if "分值" in text or "points" in text:
        return "points"
    if "目标" in text or "objective" in text:
        return "objective"
    return None  # notes and any other column a person added


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_ref(ws, row: int, col: int) -> str:
    return f"{ws.title}!{get_column_letter(col)}{row}"


def _weight(ws, row: int, col: int, file, log: ProblemLog) -> float | None:
    cell = ws.cell(row, col)
    value = cell.value
    if _is_blank(value):
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if "%" in (cell.number_format or ""):
                points = round(float(value) * 100, 6)  # a cell shown as 15% holds 0.15
                if not 0 <= points <= 100:
                    raise NumberError(
                        f"{PERCENT_EXPECTED}; {points:g}% is out of range",
                        f"{PERCENT_EXPECTED_ZH}；{points:g}% 超出范围",
                    )
                return points
            return parse_percent(value)
        if isinstance(value, str):
            if value.startswith("="):
                raise NumberError(
                    f"{PERCENT_EXPECTED}, not a formula", f"{PERCENT_EXPECTED_ZH}，不能是公式"
                )
            return parse_percent(value)
        raise NumberError(PERCENT_EXPECTED, PERCENT_EXPECTED_ZH)
    except ValueError as exc:
        log.add(
            file,
            _cell_ref(ws, row, col),
            "not a weight",
            found=shown(value),
            expected=str(exc),
            zh="不是有效的权重",
            expected_zh=getattr(exc, "zh", None),
        )
        return None


def read_sheet(ws, file, log: ProblemLog) -> SheetTable | None:
    """Read one worksheet in the deck's layout; record located problems in ``log``."""
    header_row, roles = None, {}
    for r in range(1, min(ws.max_row, 12) + 1):
        found = {}
        for c in range(1, ws.max_column + 1):
            role = _role(cell_text(ws.cell(r, c)))
            if role and role not in found:
                found[role] = c
        if "key_result" in found:
            header_row, roles = r, found
            break
    if header_row is None:
        log.add(
            file,
            f"{ws.title}!A1",
            "no header row",
            expected="a row with 序号 | 目标 (O) | 目标详细描述 | 关键成果 (KRs) | KR权重 | O分值 "
            "(or the English headers)",
            zh="没有表头行",
            expected_zh="一行表头：序号 | 目标 (O) | 目标详细描述 | 关键成果 (KRs) | KR权重 | O分值"
            "（或对应的英文表头）",
        )
        return None
    for role in ("objective", "weight"):
        if role not in roles:
            label = {"objective": "目标 (O) / Objective (O)", "weight": "KR权重 / KR weight"}[role]
            log.add(
                file,
                f"{ws.title}!A{header_row}",
                f"no {label} column",
                expected=label,
                zh=f"没有「{label}」列",
                expected_zh=label,
            )
    if "objective" not in roles or "weight" not in roles:
        return None
    headers = " ".join(cell_text(ws.cell(header_row, c)) for c in roles.values())
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", headers) else "en"
    title = ""
    for r in range(1, header_row):
        for c in range(1, ws.max_column + 1):
            if not title and cell_text(ws.cell(r, c)):
                title = cell_text(ws.cell(r, c))

    def value(r, role):
        return ws.cell(r, roles[role]).value if role in roles else None

    def text(r, role):
        return cell_text(ws.cell(r, roles[role])) if role in roles else ""

    objectives: list[SheetObjective] = []
    current: SheetObjective | None = None
    end_row = ws.max_row
    for r in range(header_row + 1, ws.max_row + 1):
        no = text(r, "no")
        if no.lower() in TOTAL_WORDS:
            end_row = r
            break
        title_text = text(r, "objective")
        description = text(r, "description")
        kr_text = text(r, "key_result")
        raw_weight = value(r, "weight")
        hidden = text(r, "id") or None
        if not (no or title_text or description or kr_text) and _is_blank(raw_weight):
            continue  # a spacer row (a notes column alone does not make a row)
        starts = (no and (current is None or no != current.number)) or (
            title_text and (current is None or title_text != current.title)
        )
        if starts:
            if not title_text:
                log.add(
                    file,
                    _cell_ref(ws, r, roles["objective"]),
                    "an objective without a title",
                    found=f"序号 {no}",
                    expected="the objective's title in this cell",
                    zh="目标缺少标题",
                    expected_zh="在此单元格填写目标标题",
                )
            current = SheetObjective(
                no, title_text, description, r, id=hidden.partition("/")[0] if hidden else None
            )
            objectives.append(current)
        elif current is None:
            log.add(
                file,
                _cell_ref(ws, r, roles["objective"]),
                "a key result before any objective",
                expected="the objective's title in this row or above",
                zh="关键结果前面没有目标",
                expected_zh="在本行或上方填写目标标题",
            )
            continue
        elif description and description != current.description:
            if current.description:
                log.add(
                    file,
                    _cell_ref(ws, r, roles["description"]),
                    "two different details for one objective",
                    found=shown(description),
                    expected=f"{current.description!r} (from row {current.row}) or a blank",
                    zh="同一目标有两个不同的详细描述",
                    expected_zh=f"{current.description!r}（第 {current.row} 行）或留空",
                )
            else:
                current.description = description
        weight = _weight(ws, r, roles["weight"], file, log)
        if kr_text:
            kr = SheetKR(kr_text, weight, r, id=hidden.partition("/")[2] if hidden else None)
            current.key_results.append(kr)
        elif weight is not None:
            log.add(
                file,
                _cell_ref(ws, r, roles.get("key_result", roles["weight"])),
                "a weight without a key result",
                found=f"{weight:g}%",
                expected="the key result's text in this row",
                zh="有权重但没有关键结果",
                expected_zh="在本行填写关键结果内容",
            )
    weight_column = get_column_letter(roles["weight"])
    kr_column = get_column_letter(roles["key_result"])
    return SheetTable(
        ws.title, title, lang, objectives, weight_column, end_row, kr_column=kr_column
    )


def _points(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def read_deductions(book, sheet: str) -> list[DeductionInfo]:
    """The deduction items export described for ``sheet`` (none when the hidden sheet is gone).

    A row that does not read as export wrote it is skipped: this sheet only
    completes a new deduction item, it never decides anything on its own.
    """
    if DEDUCTION_SHEET not in book.sheetnames:
        return []
    found = []
    for cells in book[DEDUCTION_SHEET].iter_rows(min_row=2, max_col=len(DEDUCTION_HEADERS)):
        values = [cell_text(c) for c in cells]
        if len(values) < len(DEDUCTION_HEADERS) or values[0] != sheet or not values[2]:
            continue
        found.append(
            DeductionInfo(
                id=values[1].partition("/")[2],
                text=values[2],
                definition=Text(zh=values[3] or None, en=values[4] or None),
                penalty=_points(cells[5].value),
                cap=_points(cells[6].value),
            )
        )
    return found


def find_sheet(book, team_id: str, team: Team | None, file, log: ProblemLog):
    """The worksheet that holds ``team_id``: by the hidden map, the team's name, or the only one."""
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    if META_SHEET in book.sheetnames:
        for cells in book[META_SHEET].iter_rows(min_row=2, max_col=2):
            row = [cell_text(c) for c in cells]
            if len(row) == 2 and row[1] == team_id and row[0] in book.sheetnames:
                return book[row[0]]
    names = {team_id}
    if team is not None:
        names |= {team.name.zh or "", team.name.en or ""}
    for ws in visible:
        if ws.title in names:
            return ws
    if len(visible) == 1:
        return visible[0]
    log.add(
        file,
        "",
        f"no sheet for team {team_id!r}",
        found=", ".join(ws.title for ws in visible),
        expected="a sheet named after the team (or a workbook with one sheet)",
        zh=f"找不到团队 {team_id!r} 的工作表",
        expected_zh="以团队命名的工作表（或只有一个工作表的工作簿）",
    )
    return None

"""Excel in the deck's layout: teams out to ``.xlsx`` sheets, and a sheet back in.

**Export.** One sheet per team, drawn as the deck draws it: a title row
(``销售部OKR计划表``), the six columns 序号 | 目标 (O) | 目标详细描述 |
关键成果 (KRs) | KR权重 | O分值, the objective cells merged over their KR
rows, weights as percent numbers, O分值 as ``=SUM()`` formulas over the
objective's KR weights, and a total row. Two things a person does not see:
a hidden column G (``okrkit id``, e.g. ``O1/KR1.2``) that travels with its
row when rows are moved or inserted, and a hidden sheet ``okrkit`` mapping
each sheet to its team id and language.

**Import** reads one sheet back into a team file. It accepts what people
really type — merged or repeated objective cells, ``15%`` text, ``15`` or
``0.15`` numbers (the rule of :mod:`okrkit.numbers`; a number formatted as a
percent is read as shown), blank spacer rows, extra columns such as notes —
and refuses what it cannot understand with a located error naming the sheet
and cell (``销售部!E7``). Nothing is written unless the whole sheet is good.

The six columns cannot carry a KR's kind, target, unit, direction, links…,
so import *merges* into the existing team file and keeps all of that:

* an objective is matched by the hidden id, else by its title, else by its
  position; a key result by the hidden id, else by its text within the
  objective, else by its position in the objective;
* a matched item keeps every field the sheet does not show; the sheet sets
  the title, details, KR text, weight and order. A text changed in one
  language replaces that language and drops the other one (its translation
  no longer fits);
* rows missing from the sheet are removed; new rows become new objectives
  ``O<n>`` and key results ``KR<objective number>.<n>`` (kind ``result``, or
  ``deduction`` when the text says 减分项/deduction), the first free ids;
* a brand-new team (no file yet) takes its name from the title row, and is
  added to the case's ``teams:`` list.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from okrkit.draft import dangling_supports, set_text
from okrkit.errors import CaseError, OkrkitError, ProblemLog
from okrkit.i18n import check_lang, t
from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.numbers import PERCENT_EXPECTED, parse_percent
from okrkit.tables import columns, kr_label

META_SHEET = "okrkit"
ID_HEADER = "okrkit id"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {"A": 6, "B": 20, "C": 24, "D": 52, "E": 10, "F": 10}
_TOTAL_WORDS = {"合计", "总计", "total", "sum"}
# How a sheet marks a deduction item: the deck writes （减分项）; export adds it.
_DEDUCTION_MARK = re.compile(r"减分项|\(deduction|deduction item", re.IGNORECASE)


# -- export


def sheet_name(team: Team, lang: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``team`` (its name, ≤31 characters)."""
    base = _INVALID_SHEET_CHARS.sub("_", team.name.get(lang) or team.id)[:31] or team.id[:31]
    name, n = base, 2
    while name.lower() in taken or name.lower() == META_SHEET:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _put(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a KR text such as "=100 calls" is text, never a formula


def _formula(cell, formula: str) -> None:
    cell.value = formula  # openpyxl stores a string starting with "=" as a formula


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
        cell.border = _BORDER
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
            cell.border = _BORDER
            cell.alignment = Alignment(
                vertical="center", wrap_text=True, horizontal="center" if col in (1, 5, 6) else None
            )
    for col in range(1, 7):
        ws.cell(row, col).font = Font(bold=True)
    for letter, width in _WIDTHS.items():
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
    meta_rows = []
    for team in teams:
        ws = book.create_sheet(sheet_name(team, lang, taken))
        write_sheet(ws, team, lang)
        meta_rows.append((ws.title, team.id, lang))
    meta = book.create_sheet(META_SHEET)
    meta.append(["sheet", "team", "lang"])
    for values in meta_rows:
        meta.append(list(values))
    meta.sheet_state = "hidden"
    book.active = 0
    return book


def save_workbook(book: Workbook, path: str | Path) -> Path:
    """Save ``book`` atomically (temp file, then one rename): never a half file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OkrkitError(f"{path}: expected a file name ending in .xlsx")
    if not path.parent.is_dir():
        raise OkrkitError(f"{path.parent}: no such folder")
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
        return bool(_DEDUCTION_MARK.search(self.text))


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


def _text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


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
                    raise ValueError(f"{PERCENT_EXPECTED}; {points:g}% is out of range")
                return points
            return parse_percent(value)
        if isinstance(value, str):
            if value.startswith("="):
                raise ValueError(f"{PERCENT_EXPECTED}, not a formula")
            return parse_percent(value)
        raise ValueError(PERCENT_EXPECTED)
    except ValueError as exc:
        log.add(file, _cell_ref(ws, row, col), "not a weight", found=repr(value), expected=str(exc))
        return None


def read_sheet(ws, file, log: ProblemLog) -> SheetTable | None:
    """Read one worksheet in the deck's layout; record located problems in ``log``."""
    header_row, roles = None, {}
    for r in range(1, min(ws.max_row, 12) + 1):
        found = {}
        for c in range(1, ws.max_column + 1):
            role = _role(_text_of(ws.cell(r, c).value))
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
        )
        return None
    for role in ("objective", "weight"):
        if role not in roles:
            label = {"objective": "目标 (O) / Objective (O)", "weight": "KR权重 / KR weight"}[role]
            log.add(file, f"{ws.title}!A{header_row}", f"no {label} column", expected=label)
    if "objective" not in roles or "weight" not in roles:
        return None
    headers = " ".join(_text_of(ws.cell(header_row, c).value) for c in roles.values())
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", headers) else "en"
    title = ""
    for r in range(1, header_row):
        for c in range(1, ws.max_column + 1):
            if not title and _text_of(ws.cell(r, c).value):
                title = _text_of(ws.cell(r, c).value)

    def value(r, role):
        return ws.cell(r, roles[role]).value if role in roles else None

    objectives: list[SheetObjective] = []
    current: SheetObjective | None = None
    end_row = ws.max_row
    for r in range(header_row + 1, ws.max_row + 1):
        no = _text_of(value(r, "no"))
        if no.lower() in _TOTAL_WORDS:
            end_row = r
            break
        title_text = _text_of(value(r, "objective"))
        description = _text_of(value(r, "description"))
        kr_text = _text_of(value(r, "key_result"))
        raw_weight = value(r, "weight")
        hidden = _text_of(value(r, "id")) or None
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
            )
            continue
        elif description and description != current.description:
            if current.description:
                log.add(
                    file,
                    _cell_ref(ws, r, roles["description"]),
                    "two different details for one objective",
                    found=repr(description),
                    expected=f"{current.description!r} (from row {current.row}) or a blank",
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
            )
    weight_column = get_column_letter(roles["weight"])
    return SheetTable(ws.title, title, lang, objectives, weight_column, end_row)


def find_sheet(book, team_id: str, team: Team | None, file, log: ProblemLog):
    """The worksheet that holds ``team_id``: by the hidden map, the team's name, or the only one."""
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    if META_SHEET in book.sheetnames:
        for row in book[META_SHEET].iter_rows(min_row=2, values_only=True):
            if len(row) >= 2 and row[1] == team_id and row[0] in book.sheetnames:
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
    )
    return None


# -- merging a sheet into a team


def _same(old: Text, new: str, lang: str) -> bool:
    return old.get(lang) == new


_set_text = set_text  # one rule for edited texts: see okrkit.draft.set_text


def _strip_marker(text: str, lang: str) -> str:
    suffix = f" ({t('table.deduction', lang)})"
    return text[: -len(suffix)] if text.endswith(suffix) else text


def _free_id(pattern: str, start: int, used: set[str]) -> str:
    n = start
    while pattern.format(n) in used:
        n += 1
    used.add(pattern.format(n))
    return pattern.format(n)


def _pick(candidates: list, used_ids: set[str], test) -> object | None:
    for item in candidates:
        if item.id not in used_ids and test(item):
            return item
    return None


def merge_team(table: SheetTable, existing: Team | None, team_id: str) -> Team:
    """The team the sheet describes, keeping ``existing``'s metadata (rules in the module doc).

    Returns a new Team; ``existing`` is never changed.
    """
    lang = table.lang
    old_objectives = list(existing.objectives) if existing else []
    old_krs = {kr.id: kr for _, kr in existing.key_results()} if existing else {}
    taken_o = {o.id for o in old_objectives}
    taken_kr = set(old_krs)
    matched_o: set[str] = set()
    matched_kr: set[str] = set()
    plan = []
    for index, sheet_o in enumerate(table.objectives):
        match = (
            _pick(old_objectives, matched_o, lambda o, s=sheet_o: o.id == s.id)
            or _pick(old_objectives, matched_o, lambda o, s=sheet_o: _same(o.title, s.title, lang))
            or (
                old_objectives[index]
                if index < len(old_objectives) and old_objectives[index].id not in matched_o
                else None
            )
        )
        if match is not None:
            matched_o.add(match.id)
        plan.append((sheet_o, match))
    objectives = []
    for position, (sheet_o, match) in enumerate(plan, start=1):
        if match is None:
            objective = Objective(id=_free_id("O{}", position, taken_o), title=Text())
            old_list = []
        else:
            objective = match
            old_list = list(match.key_results)
        krs = []
        for k_index, sheet_kr in enumerate(sheet_o.key_results):
            text = _strip_marker(sheet_kr.text, lang)
            kr = (
                old_krs.get(sheet_kr.id)
                if sheet_kr.id in old_krs and sheet_kr.id not in matched_kr
                else None
            )
            kr = (
                kr
                or _pick(
                    old_list,
                    matched_kr,
                    lambda k, text=text, raw=sheet_kr.text: (
                        k.text.get(lang) in (text, raw) or kr_label(k, lang) == raw
                    ),
                )
                or (
                    old_list[k_index]
                    if k_index < len(old_list) and old_list[k_index].id not in matched_kr
                    else None
                )
            )
            if kr is None:
                kr = KeyResult(
                    id=_free_id(f"KR{position}.{{}}", k_index + 1, taken_kr),
                    text=Text(),
                    kind="result",
                )
            matched_kr.add(kr.id)
            table.rows[kr.id] = sheet_kr.row
            if kr_label(kr, lang) == sheet_kr.text:
                new_text = kr.text
            else:
                new_text = _set_text(kr.text, text, lang)
            # A known KR keeps its kind (an English text may say "deduction"
            # innocently); a new one is a deduction when the sheet marks it so.
            kind = kr.kind if kr.text else ("deduction" if sheet_kr.is_deduction else "result")
            krs.append(replace(kr, text=new_text, kind=kind, weight=sheet_kr.weight))
        objectives.append(
            replace(
                objective,
                title=_set_text(objective.title, sheet_o.title, lang),
                description=_set_text(objective.description, sheet_o.description, lang),
                key_results=tuple(krs),
            )
        )
    # A kept process KR may feed a KR whose row was deleted: drop the dangling link.
    ids = {kr.id for o in objectives for kr in o.key_results}
    objectives = [
        replace(
            o,
            key_results=tuple(
                replace(kr, feeds=None) if kr.feeds and kr.feeds not in ids else kr
                for kr in o.key_results
            ),
        )
        for o in objectives
    ]
    if existing is not None:
        return replace(existing, objectives=tuple(objectives))
    name = re.sub(r"\s*OKR\s*(计划表|plan)\s*$", "", table.title, flags=re.IGNORECASE)
    return Team(
        id=team_id,
        name=Text(**{lang: name or table.sheet}),
        level="department",
        objectives=tuple(objectives),
    )


def _check_merged(
    table: SheetTable, team: Team, case: Case, existing: Team | None, file, log: ProblemLog
):
    for _, kr in team.key_results():
        if kr.is_deduction and kr.weight:
            log.add(
                file,
                f"{table.sheet}!{table.weight_column}{table.rows.get(kr.id, table.end_row)}",
                "a deduction item carries no positive weight",
                found=f"{kr.weight:g}%",
                expected="a blank: a deduction subtracts points per case",
            )
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if scored and all(kr.weight is not None for kr in scored):
        total = team.total_weight()
        if abs(total - 100) > 1e-6:
            log.add(
                file,
                f"{table.sheet}!{table.weight_column}{table.end_row}",
                f"the weights add to {total:g}%",
                found=f"{total:g}%",
                expected="100% (change a weight in this column)",
            )
    if existing is None:
        return
    for child_id, objective_id, missing in dangling_supports(case, team):
        log.add(
            file,
            f"{table.sheet}",
            f"objective {missing} is gone from the sheet, but team {child_id}'s "
            f"{objective_id} supports it",
            expected=f"keep that objective, or change the supports link in {child_id}'s file first",
        )


def import_team(
    xlsx: str | Path,
    case_dir: str | Path,
    team_id: str,
    *,
    parent: str | None = None,
    level: str | None = None,
) -> tuple[Team, Path]:
    """Read ``team_id``'s sheet from ``xlsx`` and write it into the case's team file.

    Raises CaseError with sheet!cell locations when the sheet cannot be
    understood; in that case no file is touched. Returns the team and its path.
    """
    from okrkit.casefile import save_team
    from okrkit.cases import load_case

    xlsx = Path(xlsx)
    log = ProblemLog()
    try:
        book = load_workbook(xlsx)
    except FileNotFoundError:
        raise CaseError([_problem(xlsx, "file not found", expected="an .xlsx workbook")]) from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError/… for a non-workbook
        raise CaseError(
            [_problem(xlsx, f"cannot read the workbook: {exc}", expected="an .xlsx workbook")]
        ) from None
    case = load_case(case_dir)
    existing = case.teams.get(team_id)
    ws = find_sheet(book, team_id, existing, xlsx, log)
    table = read_sheet(ws, xlsx, log) if ws is not None else None
    if table is None:
        log.raise_if_any()
    team = merge_team(table, existing, team_id)
    if existing is None:
        if parent is not None and parent not in case.teams:
            log.add(
                xlsx, "", f"no parent team {parent!r} in the case", expected=", ".join(case.teams)
            )
        parent_team = case.teams.get(parent) if parent else None
        default_level = {"company": "department", "department": "position"}.get(
            parent_team.level if parent_team else "", "department"
        )
        team = replace(team, parent=parent, level=level or default_level)
    _check_merged(table, team, case, existing, xlsx, log)
    log.raise_if_any()
    if existing is not None:
        path = existing.source
        save_team(team, path)
        return team, path
    path = Path(case.path) / "teams" / f"{team_id}.yaml"
    team = replace(team, source=path)
    save_team(team, path)
    try:
        _add_to_case_list(Path(case.path), team_id)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return team, path


def _problem(file, message, *, expected=None):
    from okrkit.errors import Problem

    return Problem(str(file), "", message, expected=expected)


def _add_to_case_list(folder: Path, team_id: str) -> None:
    from okrkit.cases import CASE_FILE
    from okrkit.yamlio import dump_yaml, load_round_trip, write_atomically

    case_file = folder / CASE_FILE
    data = load_round_trip(case_file)
    teams = data.get("teams")
    if teams is None or team_id in teams:
        return  # no list: the loader reads every teams/*.yaml
    teams.append(team_id)
    write_atomically(case_file, dump_yaml(data))

"""Check-ins in and out of CSV and Excel: one row per check-in, so a trainer can read it.

Columns (a header row; English or Chinese names, any order, unknown columns refused)::

    team / 团队          the team id (required)
    kr / 关键成果        the KR id (required)
    value / 数值         the value in the KR's unit: 1,380 · 93% · 完成 (required)
    date / 日期          2015-06-30, 2015/6/30, 2015年6月30日 or a date cell (required)
    confidence / 信心    0-10
    status / 状态        an override: 正常 / 有风险 / 落后 (on_track / at_risk / off_track)
    reason / 原因        why, required with a status
    comment / 说明, blockers / 障碍, cycle / 周期, period_start / 期间开始
    source / 来源        typed / evidence / imported (default: imported)

CSV files may be UTF-8, UTF-8 with a BOM or GBK (okrkit.textfile decides).
Every row is checked as a typed check-in is (:func:`okrkit.track.checkin.make_checkin`);
one bad cell refuses the whole file with every problem located
(``checkins.csv: row 7: value`` or ``进展.xlsx: 进展!D7 (value)``) and
nothing is written. :func:`export_checkins` writes the same columns (plus
the store's own: id, suggested, supersedes, recorded_at), so an export
imports back as a no-op.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.model import Case
from okrkit.readers import shown
from okrkit.textfile import read_text
from okrkit.track.checkin import Place, make_checkin
from okrkit.track.store import CheckIn, Store

FIELDS = {
    "team": ("team", "团队"),
    "kr": ("kr", "key_result", "关键成果", "KR"),
    "value": ("value", "数值", "进展值"),
    "date": ("date", "日期"),
    "confidence": ("confidence", "信心", "信心指数"),
    "status": ("status", "状态"),
    "reason": ("reason", "status_reason", "原因"),
    "comment": ("comment", "说明", "备注"),
    "blockers": ("blockers", "障碍", "困难"),
    "cycle": ("cycle", "周期"),
    "period_start": ("period_start", "期间开始"),
    "source": ("source", "来源"),
}
REQUIRED = ("team", "kr", "value", "date")
# Columns an export adds that an import reads past (they belong to the store).
STORE_ONLY = ("id", "mode", "suggested", "supersedes", "recorded_at")
EXPORT_COLUMNS = ("id", "cycle", "team", "kr", "date", "period_start", "mode", "value",
                  "confidence", "suggested", "status", "reason", "comment", "blockers",
                  "source", "supersedes", "recorded_at")  # fmt: skip
_NAMES = {alias.lower(): name for name, aliases in FIELDS.items() for alias in aliases}


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header(cells, file: str, log: ProblemLog, sheet: str | None) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        label = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        if not label:
            continue
        name = _NAMES.get(label.lower())
        where = f"{sheet}!{_column_letter(index)}1" if sheet else f"row 1: column {index + 1}"
        if name is None and label.lower() in STORE_ONLY:
            continue
        if name is None:
            log.add(file, where, f"unknown column {label!r}", found=shown(label),
                    expected=", ".join(FIELDS), zh=f"未知列 {label!r}",
                    expected_zh="、".join(f"{a[0]}/{a[1]}" for a in FIELDS.values()))  # fmt: skip
        elif name in columns:
            log.add(file, where, f"column {label!r} appears twice", zh=f"列 {label!r} 重复出现",
                    expected="each column once", expected_zh="每列只出现一次")  # fmt: skip
        else:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        log.add(file, f"{sheet}!1" if sheet else "row 1", "missing columns: " + ", ".join(missing),
                expected=", ".join(REQUIRED), zh="缺少列：" + "、".join(missing),
                expected_zh="team/团队、kr/关键成果、value/数值、date/日期")  # fmt: skip
    return None if log else columns


def _rows_to_checkins(case, rows, file, sheet, log, cycle) -> list[CheckIn]:
    header = next(rows, None)
    if header is None:
        log.add(file, "", "the file is empty", expected="a header row and one row per check-in",
                zh="文件是空的", expected_zh="表头行，以及每条进展一行")  # fmt: skip
        log.raise_if_any()
    columns = _header(header, file, log, sheet)
    log.raise_if_any()
    if sheet:
        labels = {name: _column_letter(index) for name, index in columns.items()}
    else:
        labels = {
            name: str(header[index]).strip().lstrip("\ufeff") for name, index in columns.items()
        }
    out = []
    for number, cells in enumerate(rows, start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        values = {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}
        place = Place(file, row=number, columns=labels, sheet=sheet)
        source = values.get("source") or "imported"
        item = make_checkin(case, place, log, team=values["team"], kr=values["kr"],
                            value=values["value"], date=values["date"],
                            confidence=values.get("confidence"), status=values.get("status"),
                            reason=values.get("reason"), comment=values.get("comment"),
                            blockers=values.get("blockers"), source=source,
                            cycle=values.get("cycle") or cycle,
                            period_start=values.get("period_start"))  # fmt: skip
        if item is not None:
            out.append(item)
    log.raise_if_any()
    return out


def read_checkins(path: str | Path, case: Case, *, cycle=None, encoding=None) -> list[CheckIn]:
    """Check-ins from a .csv or .xlsx file; CaseError listing every located problem."""
    path = Path(path)
    log = ProblemLog()
    if not path.exists():
        log.add(path, "", "file not found", expected="a .csv or .xlsx file of check-ins",
                zh="找不到文件", expected_zh="进展记录的 .csv 或 .xlsx 文件")  # fmt: skip
        log.raise_if_any()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_excel(path, case, log, cycle)
    if path.suffix.lower() != ".csv":
        log.add(path, "", f"cannot import {path.suffix or 'this file'}", found=path.suffix,
                expected=".csv or .xlsx", zh=f"无法导入 {path.suffix or '此文件'}",
                expected_zh=".csv 或 .xlsx")  # fmt: skip
        log.raise_if_any()
    text = read_text(path, encoding=encoding).text
    rows = iter(list(csv.reader(io.StringIO(text))))
    return _rows_to_checkins(case, rows, str(path), None, log, cycle)


def _read_excel(path: Path, case, log: ProblemLog, cycle) -> list[CheckIn]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        log.add(path, "", f"not an Excel workbook: {exc}", expected="an .xlsx file saved by Excel",
                zh=f"不是 Excel 工作簿：{exc}", expected_zh="Excel 保存的 .xlsx 文件")  # fmt: skip
        log.raise_if_any()
    try:
        names = book.sheetnames
        sheet = next((n for n in names if n in ("进展", "check-ins", "checkins")), names[0])
        rows = iter([list(r) for r in book[sheet].iter_rows(values_only=True)])
        return _rows_to_checkins(case, rows, str(path), sheet, log, cycle)
    finally:
        book.close()


def _export_rows(store: Store, cycle):
    for row in store.rows(cycle):
        yield [row["id"], row["cycle"], row["team"], row["kr"], row["date"], row["period_start"],
               row["mode"], row["value"], row["confidence"], row["suggested"], row["status"],
               row["status_reason"], row["comment"], row["blockers"], row["source"],
               row["supersedes"], row["recorded_at"]]  # fmt: skip


def export_checkins(store: Store, path: str | Path, *, cycle=None) -> int:
    """Write the current check-ins (of ``cycle``, or all) to .csv (UTF-8 with BOM) or .xlsx."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise OkrkitError(
            f"{path}: cannot export to {path.suffix or 'a file without suffix'} "
            "(expected .csv or .xlsx)",
            zh=f"{path}：无法导出为 {path.suffix or '无扩展名的文件'}（应为 .csv 或 .xlsx）",
        )
    rows = list(_export_rows(store, cycle))
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("进展")
        sheet.append(list(EXPORT_COLUMNS))
        for row in rows:
            sheet.append(row)
        book.save(path)
    else:
        # A BOM, so Excel on Chinese Windows opens the Chinese text correctly.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    return len(rows)

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
the store's own: id, suggested, supersedes, recorded_at), headed in the
command's language (团队,关键成果,日期,… under zh, as ``checkins/2015.csv``), and each value as
the import reads it (``0.4%`` on a percent KR, 完成 / 未完成 on a milestone),
so an export imports back as a no-op.

A sheet's cell is read as Excel shows it: a number formatted as a percent
(``0%``, ``0.0%``) holding 0.93 is 93%, as :mod:`okrkit.excel.read` reads a
weight. A date may be full-width (``２０１５－０６－３０``) or an Excel serial
number, in a CSV as text (``42216``) or with a time of day (``42216.625``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from decimal import Decimal
from pathlib import Path

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.model import Case
from okrkit.readers import shown
from okrkit.scoring import direction_of
from okrkit.textfile import csv_delimiter, read_text
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
# An export under --lang zh is headed in Chinese, as the case's own checkins/2015.csv is
# (团队,关键成果,日期,…); the import reads either, the store's own columns included.
EXPORT_HEADERS_ZH = {"id": "编号", "cycle": "周期", "team": "团队", "kr": "关键成果",
                     "date": "日期", "period_start": "期间开始", "mode": "计量方式",
                     "value": "数值", "confidence": "信心", "suggested": "规则状态",
                     "status": "状态", "reason": "原因", "comment": "说明", "blockers": "障碍",
                     "source": "来源", "supersedes": "更正自",
                     "recorded_at": "记录时间"}  # fmt: skip
_STORE_ONLY_LABELS = {*STORE_ONLY, *(EXPORT_HEADERS_ZH[name] for name in STORE_ONLY)}
_NAMES = {alias.lower(): name for name, aliases in FIELDS.items() for alias in aliases}
# How the Chinese messages name a column: the English name beside the Chinese one.
_NAMED_ZH = {name: aliases[0] + "/" + next(a for a in aliases if not a.isascii())
             for name, aliases in FIELDS.items()}  # fmt: skip
DONE_WORDS = {"zh": ("完成", "未完成"), "en": ("done", "not done")}


def plain_number(number: float) -> str:
    """A float as the shortest text that reads back as the same float, never 1e-05.

    >>> plain_number(93.0), plain_number(0.4), plain_number(1e-05)
    ('93', '0.4', '0.00001')
    """
    if float(number).is_integer():
        return str(int(number))
    return format(Decimal(repr(float(number))), "f")


def percent_points(fraction: float) -> float:
    """The percent points a cell formatted as a percent shows (0.93 → 93), float noise removed."""
    return round(float(fraction) * 100, 9)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _CsvRow(Place):
    """A CSV row's place, worded in each language: ``row 2: 日期`` / ``第 2 行 日期``.

    A problem's location is one text for both languages, so the row goes into
    the message instead, where each language words it (a sheet's cell, 进展!D7,
    reads the same in both and keeps the location).
    """

    def problem(self, log: ProblemLog, name: str, message: str, **details) -> None:
        column = self.columns.get(name, name)
        zh = details.pop("zh", None) or message
        log.add(self.file, "", f"row {self.row}: {column}: {message}",
                zh=f"第 {self.row} 行 {column}：{zh}", **details)  # fmt: skip


def _header_problem(log, file, sheet, index, message, zh, **details) -> None:
    """A header problem at its cell (进展!E1) or, in a CSV, its column worded in each language."""
    if sheet:
        where = f"{sheet}!{_column_letter(index)}1" if index is not None else f"{sheet}!1"
        log.add(file, where, message, zh=zh, **details)
    elif index is None:
        log.add(file, "", f"row 1: {message}", zh=f"第 1 行：{zh}", **details)
    else:
        log.add(file, "", f"row 1: column {index + 1}: {message}",
                zh=f"第 1 行第 {index + 1} 列：{zh}", **details)  # fmt: skip


def _header(cells, file: str, log: ProblemLog, sheet: str | None) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        label = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        if not label:
            continue
        name = _NAMES.get(label.lower())
        if name is None and label.lower() in _STORE_ONLY_LABELS:
            continue
        if name is None:
            _header_problem(log, file, sheet, index, f"unknown column {label!r}", found=shown(label),
                    expected=", ".join(FIELDS), zh=f"未知列 {label!r}",
                    expected_zh="、".join(_NAMED_ZH.values()))  # fmt: skip
        elif name in columns:
            _header_problem(log, file, sheet, index, f"column {label!r} appears twice", zh=f"列 {label!r} 重复出现",
                    expected="each column once", expected_zh="每列只出现一次")  # fmt: skip
        else:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        _header_problem(log, file, sheet, None, "missing columns: " + ", ".join(missing),
                expected=", ".join(REQUIRED), zh="缺少列：" + "、".join(_NAMED_ZH[m] for m in missing),
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
    named = {name: str(header[index]).strip().lstrip("\ufeff") for name, index in columns.items()}
    labels = {name: _column_letter(index) for name, index in columns.items()} if sheet else named
    out = []
    for number, cells in enumerate(rows, start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        values = {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}
        place = (Place if sheet else _CsvRow)(file, row=number, columns=labels, sheet=sheet,
                                              headers=named)  # fmt: skip
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


def read_checkins(
    path: str | Path, case: Case, *, cycle=None, encoding=None, encodings: dict | None = None
) -> list[CheckIn]:
    """Check-ins from a .csv or .xlsx file; CaseError listing every located problem.

    ``encodings`` (a dict), when given, receives the CSV's path → the encoding its bytes
    were decoded from (``gb18030``, ``utf-8``), for a command to say
    that it read a GBK file.
    """
    path = Path(path)
    log = ProblemLog()
    if not path.exists():
        log.add(path, "", "file not found", expected="a .csv or .xlsx file of check-ins",
                zh="找不到文件", expected_zh="进展记录的 .csv 或 .xlsx 文件")  # fmt: skip
        log.raise_if_any()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_excel(path, case, log, cycle)
    # .txt/.tsv: Excel's "Text (Tab delimited)" save, read as a CSV with tabs
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        log.add(path, "", f"cannot import {path.suffix or 'this file'}", found=path.suffix,
                expected=".csv, .xlsx or tab-separated .txt",
                zh=f"无法导入 {path.suffix or '此文件'}",
                expected_zh=".csv、.xlsx 或制表符分隔的 .txt")  # fmt: skip
        log.raise_if_any()
    decoded = read_text(path, encoding=encoding)
    if encodings is not None:
        encodings[str(path)] = decoded.encoding
    text = decoded.text
    rows = iter(list(csv.reader(io.StringIO(text), delimiter=csv_delimiter(text))))
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
        rows = iter([[_shown_value(c) for c in r] for r in book[sheet].iter_rows()])
        return _rows_to_checkins(case, rows, str(path), sheet, log, cycle)
    finally:
        book.close()


def _shown_value(cell):
    """A cell's value as Excel shows it: a percent-formatted number as its percent text."""
    value = cell.value
    if (isinstance(value, int | float) and not isinstance(value, bool)
            and "%" in (getattr(cell, "number_format", None) or "")):  # fmt: skip
        return plain_number(percent_points(value)) + "%"
    return value


def _value_kinds(case: Case | None) -> dict[tuple[str, str], str]:
    """(team, KR) → how its value is written: percent, milestone, or a plain number."""
    kinds: dict[tuple[str, str], str] = {}
    for team_id, team in case.teams.items() if case is not None else ():
        for _, kr in team.key_results():
            if kr.is_deduction:
                kind = "number"
            elif direction_of(kr) == "milestone":
                kind = "milestone"
            elif "%" in (kr.unit.get("zh"), kr.unit.get("en")):
                kind = "percent"
            else:
                kind = "number"
            kinds[(team_id, kr.id)] = kind
    return kinds


def _written(value: float, kind: str, lang: str):
    """The value as the import reads it back: 0.4% on a percent KR, 完成 on a milestone."""
    if kind == "milestone" and value in (0.0, 1.0):
        return DONE_WORDS[lang][0 if value == 1.0 else 1]
    if kind == "percent":
        return plain_number(value) + "%"
    return plain_number(value)


def _in_a_sheet(number: float) -> bool:
    """True when a sheet keeps ``number`` exactly (a workbook holds 15 significant digits)."""
    return float(f"{number:.15g}") == number


def _excel_value(sheet, value: float, kind: str, lang: str):
    """A value for a sheet: a number, a percent Excel shows as one, or text when only text is exact."""
    if kind == "milestone":
        return _written(value, kind, lang)
    fraction = value / 100
    if kind == "percent" and _in_a_sheet(fraction) and percent_points(fraction) == value:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=fraction)
        decimals = len(plain_number(value).partition(".")[2])
        cell.number_format = "0%" if not decimals else "0." + "0" * decimals + "%"
        return cell
    if kind == "percent":
        return _written(value, kind, lang)
    return value if _in_a_sheet(value) else plain_number(value)


def _export_rows(store: Store, cycle, write):
    # Each lane's entry: a count kept beside a manager's entry goes out (and back) too.
    for row in store.rows(cycle, lanes=True):
        yield [row["id"], row["cycle"], row["team"], row["kr"], row["date"], row["period_start"],
               row["mode"], write(row), row["confidence"], row["suggested"], row["status"],
               row["status_reason"], row["comment"], row["blockers"], row["source"],
               row["supersedes"], row["recorded_at"]]  # fmt: skip


def export_header(lang: str = "zh") -> list[str]:
    """The export's header row in ``lang``: 编号,周期,团队,关键成果,… or id,cycle,team,kr,….

    >>> export_header("zh")[:4], export_header("en")[:4]
    (['编号', '周期', '团队', '关键成果'], ['id', 'cycle', 'team', 'kr'])
    """
    return [EXPORT_HEADERS_ZH[name] if lang == "zh" else name for name in EXPORT_COLUMNS]


def export_checkins(
    store: Store, path: str | Path, *, cycle=None, case: Case | None = None, lang: str = "zh"
) -> int:
    """Write the current check-ins (of ``cycle``, or all) to .csv (UTF-8 with BOM) or .xlsx.

    With ``case``, each value is written as the import reads it back (a percent
    with its sign, a milestone in ``lang``'s words); a KR the case no longer
    has keeps its stored number. The file appears whole or not at all: it is
    written beside its place and moved there. A missing folder is made (as
    ``okrkit evidence --out`` and ``okrkit report --out`` do); a place that cannot
    be written is an OkrkitError naming the path.
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise OkrkitError(
            f"{path}: cannot export to {path.suffix or 'a file without suffix'} "
            "(expected .csv or .xlsx)",
            zh=f"{path}：无法导出为 {path.suffix or '无扩展名的文件'}（应为 .csv 或 .xlsx）",
        )
    kinds = _value_kinds(case)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # Before any row is written: a workbook half-saved into a folder it cannot
        # write makes openpyxl print its own traceback on the way out.
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb"):
            pass
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("进展")

            def write(row):
                return _excel_value(
                    sheet, row["value"], kinds.get((row["team"], row["kr"]), "number"), lang
                )

            rows = list(_export_rows(store, cycle, write))
            sheet.append(export_header(lang))
            for row in rows:
                sheet.append(row)
            book.save(temporary)
        else:

            def write(row):
                return _written(row["value"], kinds.get((row["team"], row["kr"]), "number"), lang)

            rows = list(_export_rows(store, cycle, write))
            # A BOM, so Excel on Chinese Windows opens the Chinese text correctly.
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(export_header(lang))
                writer.writerows(["" if v is None else v for v in row] for row in rows)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # nothing of a half-written export is left
            temporary.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise OkrkitError(
            f"{path}: cannot write the export: {reason} "
            "(expected a file in a folder that can be written)",
            zh=f"{path}：无法写入导出文件：{reason}（应为可写的文件夹中的文件）",
        ) from None
    return len(rows)

"""Reading the exports as they are exported, into DuckDB tables of text.

Every source file becomes one DuckDB relation holding its original columns as
text plus where each record came from (``_file``, ``_sheet``, ``_row``), so a
rejected record can be located and written back with its own columns:

- CSV: the encoding is detected (or declared) with :mod:`okrkit.textfile` on
  the file's head; UTF-8 (with or without a BOM) is read by DuckDB directly,
  GBK/GB18030 is decoded by Python's codec (:mod:`.transcode`), because DuckDB's
  reader knows no GBK and its extensions cannot be downloaded here: a large
  file into a named pipe that DuckDB parses at the same time (on two cores the
  decoding and the parsing overlap), else to a temporary UTF-8 file first
  (on four cores or more, decoded in pieces by worker processes).
- .xlsx: python-calamine (DingTalk puts a title row above the header, so the
  header is the first of the top rows that holds the mapped columns), then
  Arrow; dates become ISO text, numbers plain text (an Excel serial stays a
  number, to be read as a date later).
- JSON (WeCom): the list under ``records`` (``checkindata``), read as text.
- Parquet: DuckDB directly, with each row's number in the file.

A file that cannot be read at all (an unknown encoding, a missing mapped
column, broken JSON) is recorded in the ProblemLog with its place; the caller
raises once and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from okrkit.errors import ProblemLog
from okrkit.evidence.mapping import SourceSpec
from okrkit.evidence.transcode import TranscodeError, transcode
from okrkit.readers import shown
from okrkit.textfile import TextFileError, decode_bytes, encoding_name, read_text

HEAD_BYTES = 1 << 16  # enough of a file's start to tell its encoding
HEADER_SEARCH_ROWS = 20  # the header is within the first rows of a sheet
META = ("_source", "_file", "_sheet", "_row")


@dataclass(frozen=True)
class LoadedFile:
    """One file as a DuckDB relation: its name there and its mapped columns' letters."""

    relation: str
    path: Path
    columns: dict[str, str]  # field -> the header as it is spelled in this file
    letters: dict[str, str]  # field -> Excel column letter (xlsx only)
    encoding: str | None = None
    sheet: str | None = None  # the sheet (xlsx) or the JSON key holding the records
    fmt: str = "csv"


def quote(name: str) -> str:
    """A DuckDB identifier, quoted (headers are Chinese and may hold anything)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """A DuckDB string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def normal_header(text) -> str:
    """A header as compared: full-width forms folded (（秒） = (秒)), spaces trimmed."""
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def source_files(spec: SourceSpec, folder: Path, config_file: Path, log: ProblemLog) -> list[Path]:
    """The files a source's globs name, in a stable order; none is a located problem."""
    found: list[Path] = []
    for pattern in spec.files:
        matches = sorted(Path(p) for p in glob.glob(str(folder / pattern)))
        if not matches:
            log.add(config_file, f"evidence.sources.{spec.name}.files", "no file matches",
                    line=spec.line, found=pattern, expected="an existing file or a glob matching one",
                    zh="没有匹配的文件", expected_zh="存在的文件或能匹配到文件的通配符")  # fmt: skip
        found += [m for m in matches if m not in found]
    return found


def load_file(con, spec: SourceSpec, path: Path, index: int, workdir: Path, log: ProblemLog):
    """Register one file as relation ``raw_<source>_<index>``; None when it cannot be read."""
    relation = f"raw_{spec.name}_{index}"
    fmt = spec.format or _format_of(path)
    readers = {"csv": _csv, "xlsx": _xlsx, "json": _json, "parquet": _parquet}
    if fmt not in readers:
        log.add(path, "", "unknown file type", found=path.suffix or "no suffix",
                expected=".csv, .xlsx, .json or .parquet (or declare format:)",
                zh="无法识别的文件类型", expected_zh=".csv、.xlsx、.json 或 .parquet（或声明 format:）")  # fmt: skip
        return None
    return readers[fmt](con, spec, path, relation, workdir, log)


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return {"xls": "xlsx", "xlsm": "xlsx", "jsonl": "json"}.get(suffix, suffix) or None


def _match_columns(spec: SourceSpec, headers: list[str], path: Path, where: str, line, log):
    """Field -> header as spelled in the file, or None after a located missing-column problem."""
    by_normal = {normal_header(h): h for h in headers if h is not None}
    matched, missing = {}, []
    for field_name, wanted in spec.columns.items():
        header = by_normal.get(normal_header(wanted))
        if header is None:
            missing.append((field_name, wanted))
        else:
            matched[field_name] = header
    for field_name, wanted in missing:
        shown = ", ".join(str(h) for h in headers if h not in (None, "")) or "no header"
        log.add(path, where, f"missing column {wanted!r} (mapped as {field_name})", line=line,
                found=shown, expected=f"a column headed {wanted!r}, or map {field_name} to another column",
                zh=f"缺少列 {wanted!r}（映射为 {field_name}）",
                expected_zh=f"名为 {wanted!r} 的列，或把 {field_name} 映射到其他列")  # fmt: skip
    return None if missing else matched


# -- CSV


def _csv(con, spec, path, relation, workdir, log):
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            more = handle.read(1) != b""
        # Cut at the last newline so a multi-byte character is never split
        # (a newline byte never occurs inside a UTF-8 or GBK character).
        if more and b"\n" in head:
            head = head[: head.rindex(b"\n") + 1]
        decoded = decode_bytes(head, path, encoding=spec.encoding)
    except TextFileError as error:
        log.problems.append(error.problem)
        return None
    except OSError as exc:
        log.add(path, "", f"cannot read the file: {exc}", zh=f"无法读取文件：{exc}")
        return None
    if not more and not decoded.text.strip():  # 0 bytes, a BOM or blank lines: no header at all
        log.add(path, "", "the file is empty", expected="the export's header row, then one record a line",
                zh="文件是空的", expected_zh="导出的表头行，以及每条记录一行")  # fmt: skip
        return None
    readable = path
    if decoded.encoding not in ("utf-8", "utf-8-sig") and _streamed(path):
        if not _csv_streamed(con, path, relation, decoded.encoding, workdir, log):
            return None
    else:
        if decoded.encoding not in ("utf-8", "utf-8-sig"):
            readable = workdir / f"{relation}.utf8.csv"
            try:
                transcode(path, readable, decoded.encoding)
            except TranscodeError as exc:
                _bad_bytes(path, exc, decoded.encoding, log)
                return None
        try:
            con.execute(
                f"CREATE TABLE {relation}_t AS SELECT * FROM read_csv({literal(str(readable))}, "
                "header = true, all_varchar = true)"
            )
        except Exception as exc:  # duckdb raises its own error types; say where and why
            _unreadable(path, str(exc).splitlines()[0][:200], log)
            return None
    headers = [row[0] for row in con.execute(f"DESCRIBE {relation}_t").fetchall()]
    columns = _match_columns(spec, headers, path, "header", 1, log)
    if columns is None:
        return None
    # rowid follows insertion order; the header is line 1, so the first record is row 2.
    # A row whose every cell is empty (Excel's trailing ",,,,,," rows) is layout, not a
    # record: it is skipped, as the actuals reader and an .xlsx sheet's blank rows are.
    blank = " AND ".join(f"coalesce(trim({quote(h)}), '') = ''" for h in headers) or "false"
    con.execute(
        f"CREATE VIEW {relation} AS SELECT * FROM (SELECT *, {literal(spec.name)} AS _source, "
        f"{literal(str(path))} AS _file, CAST(NULL AS VARCHAR) AS _sheet, rowid + 2 AS _row "
        f"FROM {relation}_t) WHERE NOT ({blank})"
    )
    return LoadedFile(relation, path, columns, {}, decoded.encoding, fmt="csv")


def _bad_bytes(path, exc: TranscodeError, encoding: str, log) -> None:
    bad, name = exc.bad, encoding_name(encoding)
    shown_bytes = " ".join(f"0x{b:02X}" for b in bad.found) or "the end of the file"
    log.add(path, f"byte {bad.column}", f"cannot read the text at byte {bad.column} of line "
            f"{bad.line}: not {name} past the file's start", line=bad.line, found=shown_bytes,
            expected="one encoding for the whole file (declare encoding:)",
            zh=f"无法读取第 {bad.line} 行第 {bad.column} 字节处的文本：文件后部不是 "
               f"{encoding_name(encoding, 'zh')}",
            expected_zh="整个文件使用同一种编码（可声明 encoding:）")  # fmt: skip


def _unreadable(path, found: str, log) -> None:
    log.add(path, "", "not a readable CSV file", found=found,
            expected="a CSV file with a header row", zh="无法读取的 CSV 文件",
            expected_zh="带表头行的 CSV 文件")  # fmt: skip


def _streamed(path: Path) -> bool:
    """Whether a GBK file is decoded into a pipe while DuckDB parses it (:func:`_csv_streamed`).

    For a large file below four cores, where a named pipe exists (not on Windows):
    with more cores the worker processes of :func:`okrkit.evidence.transcode.transcode`
    decode the whole file faster.
    """
    import os

    from okrkit.evidence import transcode as tc

    cores = os.cpu_count() or 1
    return (hasattr(os, "mkfifo") and cores < tc.MIN_CORES
            and path.stat().st_size >= tc.PARALLEL_BYTES)  # fmt: skip


def _csv_streamed(con, path: Path, relation: str, encoding: str, workdir: Path, log) -> bool:
    """Load a GBK CSV through a named pipe: Python decodes while DuckDB parses, on two cores.

    DuckDB reads the pipe as one file, so its dialect, header and row numbers
    are those of reading the whole transcoded file; a bad byte is located in the
    source exactly as the serial decoding locates it, and the partial table dropped.
    """
    import os

    from okrkit.evidence.transcode import stream

    pipe = workdir / f"{relation}.utf8.pipe"
    os.mkfifo(pipe)
    finish = stream(path, pipe, encoding)
    failed = None
    try:
        con.execute(
            f"CREATE TABLE {relation}_t AS SELECT * FROM read_csv({literal(str(pipe))}, "
            "header = true, all_varchar = true)"
        )
    except Exception as exc:  # duckdb raises its own error types; say where and why
        failed = str(exc).splitlines()[0][:200]
    finally:
        bad = finish()
        pipe.unlink(missing_ok=True)
    if bad is not None:  # the text stopped at a bad byte: that, not the cut CSV, is the problem
        _bad_bytes(path, bad, encoding, log)
        con.execute(f"DROP TABLE IF EXISTS {relation}_t")
        return False
    if failed is not None:
        _unreadable(path, failed, log)
        return False
    return True


# -- xlsx


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx(con, spec, path, relation, workdir, log):
    from python_calamine import CalamineError, load_workbook

    try:
        workbook = load_workbook(str(path))
        names = workbook.sheet_names
        sheet_name = spec.sheet or names[0]
        if sheet_name not in names:
            log.add(path, "", f"no sheet {sheet_name!r}", found=", ".join(names),
                    expected=f"a sheet named {sheet_name!r}", zh=f"没有工作表 {sheet_name!r}",
                    expected_zh=f"名为 {sheet_name!r} 的工作表")  # fmt: skip
            return None
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as exc:
        log.add(path, "", "not a readable .xlsx workbook", found=str(exc)[:200],
                expected="an Excel workbook", zh="无法读取的 .xlsx 工作簿", expected_zh="Excel 工作簿")  # fmt: skip
        return None
    wanted = {normal_header(h) for h in spec.columns.values()}
    best, best_hits = 0, -1
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = len(wanted & {normal_header(c) for c in row})
        if hits > best_hits:
            best, best_hits = number, hits
    headers = [_cell_text(c) for c in rows[best]] if rows else []
    columns = _match_columns(spec, headers, path, f"{sheet_name}!{best + 1}:{best + 1}", None, log)
    if columns is None:
        return None
    data, names_out = {}, []
    for position, header in enumerate(headers):
        if header is None or header in data:
            continue
        names_out.append(header)
        data[header] = [
            _cell_text(r[position]) if position < len(r) else None for r in rows[best + 1 :]
        ]
    count = len(rows) - best - 1
    data["_source"] = [spec.name] * count
    data["_file"] = [str(path)] * count
    data["_sheet"] = [sheet_name] * count
    data["_row"] = list(range(best + 2, best + 2 + count))  # Excel rows are 1-based
    table = pa.table(
        {k: pa.array(v, type=pa.int64() if k == "_row" else pa.string()) for k, v in data.items()}
    )
    # Blank rows at the bottom of a sheet are layout, not records.
    real = [i for i in range(count) if any(data[h][i] is not None for h in names_out)]
    table = table.take(pa.array(real, type=pa.int64()))
    con.register(relation, table)
    letters = {f: column_letter(headers.index(h)) for f, h in columns.items()}
    return LoadedFile(relation, path, columns, letters, sheet=sheet_name, fmt="xlsx")


# -- JSON


def _json(con, spec, path, relation, workdir, log):
    try:
        decoded = read_text(path, encoding=spec.encoding)
    except TextFileError as error:
        log.problems.append(error.problem)
        return None
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        log.add(path, f"column {exc.colno}", f"not valid JSON: {exc.msg}", line=exc.lineno,
                expected="the export's JSON", zh=f"不是有效的 JSON：{exc.msg}", expected_zh="导出的 JSON")  # fmt: skip
        return None
    key = spec.records
    records = data.get(key) if isinstance(data, dict) and key else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        log.add(path, key or "", "no list of records", found=shown(records),
                expected=f"a list of objects under {key!r}" if key else "a list of objects",
                zh="没有记录列表", expected_zh=f"{key!r} 下的对象列表" if key else "对象列表")  # fmt: skip
        return None
    headers: list[str] = []
    for record in records:
        headers += [k for k in record if k not in headers]
    if not records:  # an export of a quiet period: no records, so no keys to check
        headers = list(spec.columns.values())
    columns = _match_columns(spec, headers, path, key or "", None, log)
    if columns is None:
        return None
    data_cols = {h: [_json_text(r.get(h)) for r in records] for h in headers}
    data_cols["_source"] = [spec.name] * len(records)
    data_cols["_file"] = [str(path)] * len(records)
    data_cols["_sheet"] = [key or ""] * len(records)  # a JSON record is placed as checkindata[i]
    data_cols["_row"] = list(range(len(records)))
    table = pa.table(
        {
            k: pa.array(v, type=pa.int64() if k == "_row" else pa.string())
            for k, v in data_cols.items()
        }
    )
    con.register(relation, table)
    return LoadedFile(relation, path, columns, {}, decoded.encoding, sheet=key or "", fmt="json")


def _json_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# -- Parquet


def _parquet(con, spec, path, relation, workdir, log):
    try:
        headers = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({literal(str(path))})").fetchall()]  # fmt: skip
    except Exception as exc:  # duckdb's own error types
        log.add(path, "", "not a readable Parquet file", found=str(exc).splitlines()[0][:200],
                zh="无法读取的 Parquet 文件")  # fmt: skip
        return None
    columns = _match_columns(spec, headers, path, "schema", None, log)
    if columns is None:
        return None
    con.execute(
        f"CREATE VIEW {relation} AS SELECT * EXCLUDE (file_row_number), {literal(spec.name)} AS _source, "
        f"{literal(str(path))} AS _file, CAST(NULL AS VARCHAR) AS _sheet, file_row_number + 1 AS _row "
        f"FROM read_parquet({literal(str(path))}, file_row_number = true)"
    )
    return LoadedFile(relation, path, columns, {}, fmt="parquet")

"""What was not counted and why: the rejects file and the read/counted/merged/rejected summary.

The rejects file is a CSV (UTF-8 with a BOM, so Excel on Chinese Windows
opens it) with one row per record that was merged or rejected: where it is
(file; ``sheet!cell`` for a workbook, ``row N`` for a CSV, ``checkindata[i]``
for WeCom JSON), the column judged, what was found and what was expected,
the reason code and its wording in Chinese and English, the record it
duplicates for a merged one — then the record's own columns as exported.
"""

from __future__ import annotations

import os
from pathlib import Path

from okrkit.evidence.classify import found_sql, status_sql
from okrkit.evidence.presets import KINDS
from okrkit.evidence.reasons import MERGED, REASONS
from okrkit.evidence.sources import literal, quote

SOURCE_META = ("_source", "_file", "_sheet", "_row")


def summary(run) -> dict:
    """Counts of read / counted / merged / rejected, by source, by rep, and rejects by reason."""
    union = " UNION ALL ".join(f"SELECT _fid, tid, reason FROM ev_{kind}_judged" for kind in KINDS)
    # Counted per file and team number first; the few groups are then named.
    rows = run.con.execute(
        f"SELECT f.source, t.team, {status_sql('e.reason')}, e.reason, sum(e.n) FROM (SELECT _fid, tid, "
        f"reason, count(*) AS n FROM ({union}) GROUP BY ALL) e "
        "JOIN files f ON f.fid = e._fid LEFT JOIN teams t ON t.tid = e.tid GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    out = {"sources": {}, "teams": {}, "reasons": {}, "total": _blank()}
    order = [s.name for s in run.config.sources]
    for source, team, status, reason, n in rows:
        for bucket in (
            out["sources"].setdefault(source, _blank()),
            out["teams"].setdefault(team or "?", _blank()),
            out["total"],
        ):
            bucket["read"] += n
            bucket[status] += n
            if reason:
                bucket["reasons"][reason] = bucket["reasons"].get(reason, 0) + n
        if reason:
            out["reasons"][reason] = out["reasons"].get(reason, 0) + n
    out["sources"] = {s: out["sources"].get(s, _blank()) for s in order}
    teams = [t for t in run.case.teams if t in out["teams"]] + (
        ["?"] if "?" in out["teams"] else []
    )
    out["teams"] = {t: out["teams"][t] for t in teams}  # the case's order, unknown people last
    return out


def _blank() -> dict:
    return {"read": 0, "counted": 0, "merged": 0, "rejected": 0, "reasons": {}}


def _case(mapping: dict, default="NULL") -> str:
    if not mapping:
        return default
    whens = " ".join(f"WHEN {literal(k)} THEN {v}" for k, v in mapping.items())
    return f"CASE reason {whens} ELSE {default} END"


def _file_select(run, spec, loaded, kind: str) -> str:
    """The merged and rejected records of one file, located, joined back to their own columns."""
    min_seconds = min([r.min_seconds for r in run.config.rules if r.count == "calls"] or [0])
    column, expected, expected_zh, letter = {}, {}, {}, {}
    for code, (field, _, _, exp, exp_zh) in REASONS.items():
        if kind == "opportunity" and field == "time":
            field = "created"
        header = loaded.columns.get(field)
        if header:
            column[code] = literal(header)
            if field in loaded.letters:
                letter[code] = literal(loaded.letters[field])
        if code == "short_call":
            exp, exp_zh = f"at least {min_seconds:g} seconds", f"不少于 {min_seconds:g} 秒"
        expected[code], expected_zh[code] = literal(exp), literal(exp_zh)
    en = {c: literal(v[1]) for c, v in REASONS.items()} | {
        c: literal(v[0]) for c, v in MERGED.items()
    }
    zh = {c: literal(v[2]) for c, v in REASONS.items()} | {
        c: literal(v[1]) for c, v in MERGED.items()
    }
    sheet = literal(loaded.sheet or "")
    if (
        loaded.fmt == "xlsx"
    ):  # a cell when the reason names a column, else the whole row (签到记录!5:5)
        location = f"{sheet} || '!' || coalesce({_case(letter)} || e._row, e._row || ':' || e._row)"
    elif loaded.fmt == "json":
        location = f"{sheet} || '[' || e._row || ']'"
    else:
        location = "'row ' || e._row"
    duplicate = (
        "d.file || ': ' || CASE d.fmt WHEN 'xlsx' THEN d.sheet || '!' || e.dup_row || ':' "
        "|| e.dup_row WHEN 'json' THEN d.sheet || '[' || e.dup_row || ']' ELSE 'row ' || e.dup_row END"
    )
    originals = ", ".join(
        f"CAST(r.{quote(c)} AS VARCHAR) AS {quote(c)}" for c in _columns(run, loaded)
    )
    return f"""
        SELECT {literal(spec.name)} AS source, {literal(str(loaded.path))} AS file, {location} AS location,
            e.status AS status, e.reason AS reason, {_case(zh)} AS reason_zh, {_case(en)} AS reason_en,
            {_case(column)} AS "column", {_found_with_date(found_sql(kind, loaded.columns, "r", "e.reason"))} AS found,
            {_case(expected)} AS expected, {_case(expected_zh)} AS expected_zh,
            {duplicate} AS duplicate_of, e._row AS _record_row{", " + originals if originals else ""}
        FROM (SELECT e.*, {status_sql("e.reason")} AS status, m.dup_fid, m.dup_row
              FROM ev_{kind}_judged e LEFT JOIN ev_{kind}_dups m ON m._fid = e._fid AND m._row = e._row
              WHERE e.reason IS NOT NULL AND e._fid = {run.fids[str(loaded.path)]}) e
        JOIN {loaded.relation} r ON r._row = e._row
        LEFT JOIN files d ON d.fid = e.dup_fid
    """


def _found_with_date(found: str) -> str:
    """``found``, with the date an Excel serial number means beside it.

    A date rejected for its date (outside the period, in the future) that was
    exported as a serial (41974.421169) is shown with what it was read as,
    ``41974.421169 (= 2014-12-01 10:06:29)``, so the HR office need not convert it.
    """
    dated = f"TRY_CAST({found} AS DOUBLE) IS NOT NULL"
    return (
        f"CASE WHEN e.reason IN ('outside_period', 'future_date') AND e.ts IS NOT NULL AND {dated} "
        f"THEN {found} || ' (= ' || strftime(e.ts, '%Y-%m-%d %H:%M:%S') || ')' ELSE {found} END"
    )


def _columns(run, loaded) -> list[str]:
    rows = run.con.execute(f"DESCRIBE SELECT * FROM {loaded.relation}").fetchall()
    return [r[0] for r in rows if r[0] not in SOURCE_META]


def rejects_query(run) -> str | None:
    """One query over every source file's merged and rejected records (None when no files)."""
    parts = []
    for spec in run.config.sources:
        for loaded in run.files.get(spec.name, []):
            parts.append(_file_select(run, spec, loaded, spec.kind))
    if not parts:
        return None
    # In the case's source order, then each file's records as they stand in the file
    # (a sheet's rows, a CSV's lines), so the file reads beside the export in Excel.
    order = ", ".join(literal(s.name) for s in run.config.sources)
    return (" UNION ALL BY NAME ".join(f"({p})" for p in parts)
            + f" ORDER BY list_position([{order}], source), file, _record_row, status")  # fmt: skip


# okrkit's own columns of the rejects file, headed in the chosen language (the
# record's exported columns that follow keep their headers as exported).
HEADERS = {
    "source": ("来源", "source"), "file": ("文件", "file"), "location": ("位置", "location"),
    "status": ("处理结果", "status"), "reason": ("原因代码", "reason"),
    "reason_zh": ("原因", "reason_zh"), "reason_en": ("原因（英文）", "reason_en"),
    "column": ("判定的列", "column"), "found": ("实际内容", "found"),
    "expected": ("应为（英文）", "expected"), "expected_zh": ("应为", "expected_zh"),
    "duplicate_of": ("重复于", "duplicate_of"),
}  # fmt: skip


def headers(lang: str, originals=()) -> dict[str, str]:
    """okrkit's column -> its header in ``lang``; one that an exported column already
    uses is marked (okrkit), so no header appears twice."""
    taken = set(originals)
    out = {}
    for name, (zh, en) in HEADERS.items():
        header = zh if lang == "zh" else en
        out[name] = header if header not in taken else f"{header} (okrkit)"
    return out


def write_rejects(run, path: str | Path, lang: str = "en") -> int:
    """Write the rejects CSV atomically (UTF-8 with BOM); return the number of rows.

    okrkit's columns are headed in ``lang`` (zh or en); the records' own columns as exported.
    """
    from okrkit.yamlio import check_writable

    path = check_writable(Path(path))  # a missing folder is made; an unwritable place is located
    query = rejects_query(run)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if query is None:
        named = headers(lang)
        empty = ",".join(named[c] for c in ("source", "file", "location", "status", "reason"))
        temp.write_text(f"\ufeff{empty}\n", encoding="utf-8")
        os.replace(temp, path)
        return 0
    originals = {c for spec in run.config.sources for loaded in run.files.get(spec.name, [])
                 for c in _columns(run, loaded)}  # fmt: skip
    named = headers(lang, originals)
    renamed = ", ".join(f"{quote(c)} AS {quote(h)}" for c, h in named.items())
    own = ", ".join(quote(c) for c in named)
    select = f"SELECT {renamed}, * EXCLUDE ({own}, _record_row) FROM ({query})"
    body = Path(run.workdir.name) / "rejects.csv"
    run.con.execute(f"COPY ({select}) TO {literal(str(body))} (HEADER, DELIMITER ',')")
    with temp.open("wb") as out, body.open("rb") as inp:
        out.write("\ufeff".encode())
        while chunk := inp.read(1 << 22):
            out.write(chunk)
    os.replace(temp, path)
    union = " UNION ALL ".join(f"SELECT reason FROM ev_{kind}_judged" for kind in KINDS)
    return int(
        run.con.execute(f"SELECT count(*) FROM ({union}) WHERE reason IS NOT NULL").fetchone()[0]
    )

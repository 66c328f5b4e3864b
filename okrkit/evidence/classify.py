"""What each record is: counted, merged into another (named) or rejected (with a reason).

One SQL pipeline per kind of source, run inside DuckDB so a year of 10,000
reps never becomes Python objects:

1. *parse*: per file, the mapped columns become canonical fields — text with
   full-width digits and punctuation folded, times from text in several
   formats, Excel serials or unix seconds/milliseconds (local time of the
   source's zone, moved to the case's zone when they differ), numbers and
   call durations (``120``, ``120秒``, ``2:00``; never ``约120秒``);
2. *judge*: the first reason that applies, in the order of
   :data:`okrkit.evidence.reasons.REASONS` for the kind, else none;
3. *merge*: among the records with no reason, one per duplicate key (a visit:
   rep + customer + day across every check-in source; a call or opportunity:
   its id, or all its fields) is counted — the earliest — and the others are
   merged, naming the file and row of the one kept.

Table ``ev_<kind>_judged`` stores each record narrowly — its file and row, its
team as a number (``tid``, table ``teams``), time, customer, what counting
needs, ``reason`` — and the counting, the summary and the spans read it
directly. View ``ev_<kind>`` adds the team's id and ``status``
(counted/merged/rejected, from the reason) for the other readers (calibration,
the workbook). The text a reason quotes (``found``) is not stored: the rejects
file reads it back from the export's own columns (:func:`found_sql`) for the
records it lists. Table ``ev_<kind>_dups`` gives each merged record's kept one
(``dup_fid``/``dup_row``); ``_fid`` numbers the files (table ``files``:
source, file, sheet, format).
"""

from __future__ import annotations

import datetime as dt

from okrkit.evidence.people import fold_key_sql
from okrkit.evidence.presets import KINDS
from okrkit.evidence.sources import literal, quote

TIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M",
    "%Y年%m月%d日 %H时%M分", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d",
]  # fmt: skip
# Full-width digits and punctuation that Chinese IMEs type, folded before parsing.
TEXT_FULL = "０１２３４５６７８９．：－／　，（）＋"
TEXT_HALF = "0123456789.:-/ ,()+"

# Reasons in the order they are judged, per kind (after the common ones).
COMMON = ("unknown_person", "broken_time", "future_date", "outside_period")
ORDER = {
    "checkin": ("no_checkin", "attendance", "not_a_visit", "missing_customer", "zero_coordinates"),
    "followup": ("not_a_call", "missing_customer", "broken_number", "short_call"),
    "opportunity": ("invalid_opportunity", "unknown_status", "missing_account", "broken_amount",
                    "zero_amount"),
}  # fmt: skip
EXTRA = {  # what the counting needs of each kind beyond _fid, _row, tid, ts, customer
    "checkin": (),
    "followup": ("seconds", "ctype"),
    "opportunity": ("amount",),
}


def text_sql(column: str | None, *, fold: bool = False, qualified: bool = False) -> str:
    """A column as trimmed text, NULL when blank or unmapped.

    ``fold`` (for times and numbers) turns full-width digits and punctuation
    half-width; DuckDB's translate() is slow, so it runs only on text that is
    not plain ASCII (byte length ≠ character length).
    """
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    text = f"CAST({column if qualified else quote(column)} AS VARCHAR)"
    if fold:
        text = (f"CASE WHEN strlen({text}) = length({text}) THEN {text} "
                f"ELSE translate({text}, '{TEXT_FULL}', '{TEXT_HALF}') END")  # fmt: skip
    # trim() is slow on Chinese text; most cells have no edge spaces, so test first.
    return f"nullif(CASE WHEN {text} LIKE ' %' OR {text} LIKE '% ' THEN trim({text}) ELSE {text} END, '')"


def _double(text: str) -> str:
    return f"TRY_CAST({text} AS DOUBLE)"


def number_sql(text: str) -> str:
    """A plain number (thousands commas allowed) or NULL: '约120' and '待定' are not numbers."""
    value = _double(f"replace({text}, ',', '')")
    return f"CASE WHEN isfinite({value}) THEN {value} END"


def seconds_sql(text: str) -> str:
    """A call duration: 120, 120秒, 120s, 2:00, 1:02:03 or 2分5秒; anything else NULL.

    The plain number is tried first (one cast); the patterns only for what it leaves,
    because DuckDB evaluates COALESCE's later arguments only where earlier ones are NULL.
    """
    part = "CAST(regexp_extract({t}, '{p}', {g}) AS DOUBLE)"
    hms, ms, zh = r"^(\d+):(\d{2}):(\d{2})$", r"^(\d+):(\d{2})$", r"^(\d+)分(\d{1,2})秒$"
    plain = f"CASE WHEN isfinite({_double(text)}) AND {_double(text)} >= 0 THEN {_double(text)} END"
    return (
        f"coalesce({plain}, CASE WHEN regexp_full_match({text}, '\\d+(\\.\\d+)?\\s*(秒|s|sec)') "
        f"THEN CAST(regexp_extract({text}, '^\\d+(\\.\\d+)?', 0) AS DOUBLE) "
        f"WHEN regexp_full_match({text}, '{hms}') THEN "
        + " + ".join(part.format(t=text, p=hms, g=g) + f" * {m}" for g, m in ((1, 3600), (2, 60), (3, 1)))
        + f" WHEN regexp_full_match({text}, '{ms}') THEN "
        + " + ".join(part.format(t=text, p=ms, g=g) + f" * {m}" for g, m in ((1, 60), (2, 1)))
        + f" WHEN regexp_full_match({text}, '{zh}') THEN "
        + " + ".join(part.format(t=text, p=zh, g=g) + f" * {m}" for g, m in ((1, 60), (2, 1)))
        + " END)"
    )  # fmt: skip


def time_layers(text: str, formats=None) -> tuple[str, str]:
    """The two select layers before :func:`time_sql`: the text parse, then the number.

    Kept apart so that the number cast runs only where no text format matched
    (in one expression, DuckDB would hoist the repeated cast and run it on every row).
    """
    fmts = "[" + ", ".join(literal(f) for f in (formats or TIME_FORMATS)) + "]"
    return (
        f"try_strptime({text}, {fmts}) AS _time_text",
        f"CASE WHEN _time_text IS NULL THEN {_double(text)} END AS _time_number",
    )


def time_sql(source_tz: str, case_tz: str) -> str:
    """A local timestamp in the case's zone, from ``_time_text`` or ``_time_number``.

    Text formats first (the common case, one strptime); then, for what is left,
    a number: unix milliseconds (≥ 1e12), unix seconds (≥ 1e9, always UTC
    instants) or an Excel serial day number (local time of the source).
    """

    def local(naive: str) -> str:
        if source_tz == case_tz:
            return naive
        return f"timezone({literal(case_tz)}, timezone({literal(source_tz)}, {naive}))"

    number = "_time_number"
    instant = f"timezone({literal(case_tz)}, to_timestamp({number}"
    serial = (
        f"TIMESTAMP '1899-12-30' + to_microseconds(CAST(round({number} * 86400000000) AS BIGINT))"
    )
    return (
        f"coalesce({local('_time_text')}, CASE "
        f"WHEN {number} >= 1e12 AND {number} < 1e14 THEN {instant} / 1000)) "  # unix ms
        f"WHEN {number} >= 1e9 AND {number} < 1e11 THEN {instant})) "  # unix seconds
        f"WHEN {number} >= 1 AND {number} < 2958466 THEN {local(serial)} END)"  # Excel serial
    )


def _in(text: str, items) -> str:
    """``text IN (items)`` as a boolean that is false, never NULL."""
    if not items:
        return "false"
    return f"coalesce({text} IN ({', '.join(literal(v) for v in items)}), false)"


def parse_select(spec, loaded, case_tz: str, fid: int) -> str:
    """One file's records as canonical fields (stage 1).

    The inner select folds each mapped column to text once; the outer one
    parses those texts and turns the source's value lists into flags, so the
    judging stage compares booleans instead of lists.
    """
    col = loaded.columns.get
    time_column = col("created") if spec.kind == "opportunity" else col("time")
    texts = {
        "customer": col("account") if spec.kind == "opportunity" else col("customer"),
        "_id": col("id"),
    }
    # The person, time and duration are kept as exported (*_src): most cells parse
    # as they are, and only the others, and the rejected records' "found", pay for
    # trimming and folding (see LAZY and lazy_text).
    sources = {"person_src": col("person"), "time_src": time_column}
    if spec.kind == "checkin":
        texts |= {"type_raw": col("type"), "exception_raw": col("exception"),
                  "lat_raw": col("lat"), "lng_raw": col("lng")}  # fmt: skip
    elif spec.kind == "followup":
        texts |= {"channel": col("channel"), "ctype_raw": col("customer_type")}
        sources["duration_src"] = col("duration")
    else:
        texts |= {"amount_raw": col("amount"), "opp_status": col("status"), "stage": col("stage"),
                  "closed": col("closed")}  # fmt: skip
    folded = {"_id", "lat_raw", "lng_raw", "amount_raw", "closed"}
    inner = ", ".join(
        [f"{text_sql(c, fold=name in folded)} AS {name}" for name, c in texts.items()]
        + [f"CAST({quote(c) if c else 'NULL'} AS VARCHAR) AS {name}" for name, c in sources.items()]
    )
    outer = [
        f"{time_sql(spec.timezone, case_tz)} AS ts",
    ]
    if spec.kind == "checkin":
        scale = float(spec.option("coordinate_scale", 1))
        visit_types = spec.option("visit_types")
        outer += [
            "concat_ws(',', lat_raw, lng_raw) AS coordinates_raw",
            f"{number_sql('lat_raw')} / {scale} AS lat",
            f"{number_sql('lng_raw')} / {scale} AS lng",
            f"{_in('exception_raw', spec.option('no_checkin_exceptions'))} AS _no_checkin",
            f"{_in('type_raw', spec.option('attendance_types'))} AS _attendance",
            f"NOT {_in('type_raw', visit_types)} AS _not_visit"
            if visit_types
            else "false AS _not_visit",
        ]
    elif spec.kind == "followup":
        outer += [
            f"coalesce(_seconds_plain, {seconds_sql('_duration_slow')}) AS seconds",
            f"CASE WHEN {_in('ctype_raw', spec.option('new_customer'))} THEN 'new'::ok_ctype "
            f"WHEN {_in('ctype_raw', spec.option('old_customer'))} THEN 'old'::ok_ctype END AS ctype",
            f"{_in('channel', spec.option('call_channels', ['电话']))} AS _is_call",
        ]
    else:
        statuses = spec.option("statuses")
        outer += [
            "customer AS account",
            f"{number_sql('amount_raw')} AS amount",
            f"{_in('opp_status', spec.option('invalid_statuses'))} AS _invalid",
            f"NOT {_in('opp_status', statuses)} AS _unknown_status"
            if statuses
            else "false AS _unknown_status",
        ]
    fmts = _formats(spec.option("time_formats"))
    inner = f"SELECT {int(fid)} AS _fid, _row, {inner} FROM {loaded.relation}"
    # Each layer computes a column the next one tests, so the slow path (trim, fold,
    # the other formats) runs only on the rows the fast one left NULL; in one
    # expression DuckDB would hoist the repeated parts and run them on every row.
    fast = [f"try_strptime(time_src, {fmts}) AS _time_fast"]
    slow = [f"CASE WHEN _time_fast IS NULL THEN {lazy_text('time_raw')} END AS _time_slow"]
    dropped = ["_time_text", "_time_number", "_time_fast", "_time_slow"]
    if "duration_src" in sources:
        fast.append(f"{_plain_seconds('duration_src')} AS _seconds_plain")
        slow.append(f"CASE WHEN _seconds_plain IS NULL THEN {lazy_text('duration_raw')} END "
                    "AS _duration_slow")  # fmt: skip
        dropped += ["_seconds_plain", "_duration_slow"]
    inner = f"SELECT *, {', '.join(fast)} FROM ({inner})"
    inner = f"SELECT *, {', '.join(slow)} FROM ({inner})"
    inner = f"SELECT *, coalesce(_time_fast, try_strptime(_time_slow, {fmts})) AS _time_text FROM ({inner})"
    inner = (f"SELECT *, CASE WHEN _time_text IS NULL THEN {_double('_time_slow')} END AS _time_number "
             f"FROM ({inner})")  # fmt: skip
    return f"SELECT * EXCLUDE ({', '.join(dropped)}), {', '.join(outer)} FROM ({inner})"


# Canonical texts computed only where they are needed: (the exported column, fold).
LAZY = {"person_raw": ("person_src", False), "time_raw": ("time_src", True),
        "duration_raw": ("duration_src", True)}  # fmt: skip


def found_sql(kind: str, columns: dict[str, str], table: str, reason: str = "reason") -> str:
    """The text a record's reason quotes (``found``), read from its exported columns.

    ``columns`` maps fields to the file's headers, ``table`` qualifies them; the
    same trimmed (and folded) texts that were judged, so a reject shows exactly
    what was refused. Computed only for the records the rejects file lists.
    """
    from okrkit.evidence.reasons import REASONS

    def text(field: str, fold: bool) -> str:
        if kind == "opportunity" and field == "customer":
            field = "account"
        header = columns.get("created" if kind == "opportunity" and field == "time" else field)
        return text_sql(header and f"{table}.{quote(header)}", fold=fold, qualified=True)

    by_field = {
        "person": text("person", False), "time": text("time", True),
        "exception": text("exception", False), "type": text("type", False),
        "customer": text("customer", False), "account": text("account", False),
        "lat": f"concat_ws(',', {text('lat', True)}, {text('lng', True)})",
        "channel": text("channel", False), "duration": text("duration", True),
        "status": text("status", False), "amount": text("amount", True),
    }  # fmt: skip
    whens = {}
    for code in ORDER[kind] + COMMON:
        whens.setdefault(REASONS[code][0], []).append(literal(code))
    return "CASE " + " ".join(
        f"WHEN {reason} IN ({', '.join(codes)}) THEN CAST({by_field[field]} AS VARCHAR)"
        for field, codes in whens.items()
    ) + " END"  # fmt: skip


def lazy_text(name: str) -> str:
    """The trimmed (and folded) text of a field kept as exported, e.g. time_raw."""
    column, fold = LAZY[name]
    return text_sql(column, fold=fold)


def _formats(formats=None) -> str:
    return "[" + ", ".join(literal(f) for f in (formats or TIME_FORMATS)) + "]"


def _plain_seconds(text: str) -> str:
    """A plain non-negative number of seconds, or NULL (then the patterns are tried)."""
    return f"CASE WHEN isfinite({_double(text)}) AND {_double(text)} >= 0 THEN {_double(text)} END"


def _conditions(kind: str, start: dt.date, end: dt.date, today: dt.date, min_seconds: float):
    tomorrow = today + dt.timedelta(days=1)
    common = {
        "unknown_person": "tid IS NULL",
        "broken_time": "ts IS NULL",
        "future_date": f"ts >= TIMESTAMP '{tomorrow}'",
        "outside_period": f"ts < TIMESTAMP '{start}' OR ts >= TIMESTAMP '{end}'",
    }
    specific = {
        "no_checkin": "_no_checkin",
        "attendance": "_attendance",
        "not_a_visit": "_not_visit",
        "missing_customer": "customer IS NULL",
        "zero_coordinates": "abs(lat) < 1e-9 AND abs(lng) < 1e-9",
        "not_a_call": "NOT _is_call",
        "broken_number": "seconds IS NULL",
        "short_call": f"seconds < {float(min_seconds)}",
        "invalid_opportunity": "_invalid",
        "unknown_status": "_unknown_status",
        "missing_account": "account IS NULL",
        "broken_amount": "amount IS NULL",
        "zero_amount": "amount <= 0",
    }
    return [(code, common[code]) for code in COMMON] + [(c, specific[c]) for c in ORDER[kind]]


def _dedup_key(kind: str) -> str:
    """The PARTITION BY columns of the merge: records equal on all of them are one."""
    if kind == "checkin":  # one visit per rep + customer + day, whichever system logged it
        return "tid, lower(customer), CAST(ts AS DATE)"
    # a record id when the export has one; otherwise all of the record's fields
    fields = "tid, ts, lower(customer)"
    # (every call that reaches the merge is a call, so the channel adds nothing)
    fields += ", seconds" if kind == "followup" else ", amount"
    return "_id, " + ", ".join(f"CASE WHEN _id IS NULL THEN {f} END" for f in fields.split(", "))


def _key_hash(kind: str) -> str:
    """A hash of the merge key, cheaper than hashing every column of it."""
    if kind == "checkin":
        return f"hash({_dedup_key(kind)})"
    fields = "tid, ts, lower(customer), " + ("seconds" if kind == "followup" else "amount")
    return f"CASE WHEN _id IS NOT NULL THEN hash(_id) ELSE hash({fields}) END"


def classify(con, selects: dict[str, list[str]], period, today: dt.date, min_seconds: float):
    """Create ``ev_<kind>`` for every kind from its files' parse selects."""
    from okrkit.evidence.reasons import MERGED, REASONS

    # Codes as ENUMs: one byte a record instead of a 16-byte string, which keeps a
    # year of 10,000 reps' judged records within the memory limit (no spilling).
    codes = ", ".join(literal(c) for c in (*REASONS, *MERGED))
    con.execute(f"CREATE TYPE ok_reason AS ENUM ({codes})")
    con.execute("CREATE TYPE ok_status AS ENUM ('counted', 'merged', 'rejected')")
    con.execute("CREATE TYPE ok_ctype AS ENUM ('new', 'old')")
    # Each team as a number: a judged record stores 4 bytes, not the team's text.
    con.execute(
        "CREATE OR REPLACE TABLE teams AS SELECT CAST(row_number() OVER (ORDER BY team) AS INTEGER)"
        " AS tid, team FROM (SELECT DISTINCT team FROM people)"
    )
    for kind in KINDS:
        parts = selects.get(kind) or []
        if not parts:
            con.execute(
                f"CREATE OR REPLACE TABLE ev_{kind}_judged AS SELECT * FROM ({_empty(kind)}) LIMIT 0"
            )
            merge(con, kind, _empty(kind))
            _status_view(con, kind)
            continue
        union = " UNION ALL BY NAME ".join(f"({p})" for p in parts)
        # Who is who, folded once per distinct spelling rather than once per record.
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE person_map AS
            SELECT d.person_src, teams.tid FROM (SELECT DISTINCT person_src FROM ({union})) d
            JOIN people ON people.key = {fold_key_sql(text_sql("person_src"))}
            JOIN teams ON teams.team = people.team
        """)
        conditions = _conditions(kind, period.start, period.end, today, min_seconds)
        # Codes and statuses are ENUM constants, so judging compares one byte per
        # record instead of building and comparing strings.
        reason = "CASE " + " ".join(
            f"WHEN {c} THEN '{code}'::ok_reason" for code, c in conditions
        ) + " END"  # fmt: skip
        keep = ", ".join(("_fid", "_row", "tid", "ts", "customer") + EXTRA[kind])
        # Judge every record once and store only what counting needs, as numbers
        # where it can (the team as its number in table teams; the text a reason
        # quotes is read back from the export by the rejects file, for the few
        # records it lists), with the hash of its duplicate key for the counted ones.
        con.execute(f"""
            CREATE OR REPLACE TABLE ev_{kind}_judged AS
            SELECT {keep}, reason, CASE WHEN reason IS NULL THEN {_key_hash(kind)} END AS _key
            FROM (
                SELECT *, {reason} AS reason FROM (
                    SELECT p.*, m.tid FROM ({union}) p
                    LEFT JOIN person_map m ON m.person_src = p.person_src
                )
            )
        """)
        merge(con, kind, union)
        _status_view(con, kind)


def _status_view(con, kind: str) -> None:
    """``ev_<kind>``: the judged records with their team's id and status (from the reason)."""
    con.execute(f"""
        CREATE OR REPLACE VIEW ev_{kind} AS SELECT j.* EXCLUDE (_key, tid), t.team, {status_sql("j.reason")} AS status
        FROM ev_{kind}_judged j LEFT JOIN teams t ON t.tid = j.tid
    """)


def status_sql(reason: str = "reason") -> str:
    """A record's status from its reason: none counted, a merge code merged, else rejected."""
    from okrkit.evidence.reasons import MERGED

    merged = ", ".join(f"'{code}'::ok_reason" for code in MERGED)
    return (f"CASE WHEN {reason} IS NULL THEN 'counted'::ok_status WHEN {reason} IN ({merged}) "
            "THEN 'merged'::ok_status ELSE 'rejected'::ok_status END")  # fmt: skip


def merge(con, kind: str, union: str) -> None:
    """Mark the duplicates among the counted records as merged into the earliest.

    A window over every record's key columns would sort them all; the hashes of
    the keys, computed while judging, find the few candidates in one sort of
    numbers, and the window then compares the real key columns among those only, so a hash
    collision never merges two different records. Table ``ev_<kind>_dups``
    names, for each merged record, the file and row of the one kept.
    """
    merged = "'duplicate_visit'" if kind == "checkin" else "'duplicate_record'"
    con.execute(
        f"CREATE OR REPLACE TABLE ev_{kind}_dups (_fid INTEGER, _row BIGINT, dup_fid INTEGER, dup_row BIGINT)"
    )
    # Sorting the hashes and comparing neighbours costs about half of a GROUP BY
    # over millions of distinct keys (measured 0.45-0.66 vs 0.91-1.13 CPU seconds
    # for 4.3M calls).
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE dup_keys AS
        SELECT DISTINCT _key FROM (
            SELECT _key, lag(_key) OVER (ORDER BY _key) AS _previous
            FROM ev_{kind}_judged WHERE _key IS NOT NULL
        ) WHERE _key = _previous
    """)
    if not con.execute("SELECT count(*) FROM dup_keys").fetchone()[0]:
        return
    candidates = f"SELECT * FROM ev_{kind}_judged WHERE _key IN (SELECT _key FROM dup_keys)"
    if kind != "checkin":  # the record id is not stored: read it again for the few candidates
        candidates = (f"SELECT c.*, p._id FROM ({candidates}) c JOIN (SELECT _fid, _row, _id FROM ({union})) p "
                      "ON p._fid = c._fid AND p._row = c._row")  # fmt: skip
    con.execute(f"""
        INSERT INTO ev_{kind}_dups
        SELECT _fid, _row, _first_fid, _first_row FROM (
            SELECT _fid, _row, row_number() OVER w AS _rank,
                first_value(_fid) OVER w AS _first_fid, first_value(_row) OVER w AS _first_row
            FROM ({candidates})
            WINDOW w AS (PARTITION BY {_dedup_key(kind)} ORDER BY ts, _fid, _row)
        ) WHERE _rank > 1
    """)
    con.execute(f"""
        UPDATE ev_{kind}_judged SET reason = {merged}
        FROM ev_{kind}_dups d WHERE ev_{kind}_judged._fid = d._fid AND ev_{kind}_judged._row = d._row
    """)


def _empty(kind: str) -> str:
    """A typed empty relation with ev_<kind>_judged's columns, for a case without such a source."""
    types = {"_fid": "INTEGER", "_row": "BIGINT", "tid": "INTEGER", "ts": "TIMESTAMP", "seconds": "DOUBLE",
             "amount": "DOUBLE", "reason": "ok_reason", "ctype": "ok_ctype", "_key": "UBIGINT"}  # fmt: skip
    names = ("_fid", "_row", "tid", "ts", "customer") + EXTRA[kind] + ("reason", "_key")
    return "SELECT " + ", ".join(f"CAST(NULL AS {types.get(n, 'VARCHAR')}) AS {n}" for n in names)

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

The result is table ``ev_<kind>`` with ``status`` (counted/merged/rejected),
``reason`` and ``found`` (the text that was judged), ``dup_file``/``dup_row``.
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
# The canonical field whose raw text a reason quotes.
FOUND = {
    "person": "person_raw", "time": "time_raw", "exception": "exception_raw", "type": "type_raw",
    "customer": "customer", "lat": "coordinates_raw", "channel": "channel", "duration": "duration_raw",
    "status": "opp_status", "account": "account", "amount": "amount_raw",
}  # fmt: skip
EXTRA = {
    "checkin": ("type_raw", "exception_raw", "coordinates_raw", "lat", "lng"),
    "followup": ("channel", "duration_raw", "seconds", "ctype"),
    "opportunity": ("account", "amount_raw", "amount", "opp_status", "stage", "closed"),
}


def text_sql(column: str | None) -> str:
    """A column as trimmed text with full-width forms folded; NULL when blank or unmapped."""
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim(translate(CAST({quote(column)} AS VARCHAR), '{TEXT_FULL}', '{TEXT_HALF}')), '')"


def number_sql(text: str) -> str:
    """A plain number (thousands commas allowed) or NULL: '约120' is not a number."""
    bare = f"replace({text}, ',', '')"
    return f"CASE WHEN regexp_full_match({bare}, '[+-]?\\d+(\\.\\d+)?') THEN CAST({bare} AS DOUBLE) END"


def seconds_sql(text: str) -> str:
    """A call duration: 120, 120秒, 120s, 2:00, 1:02:03 or 2分5秒; anything else NULL."""
    part = "CAST(regexp_extract({t}, '{p}', {g}) AS DOUBLE)"
    hms, ms, zh = r"^(\d+):(\d{2}):(\d{2})$", r"^(\d+):(\d{2})$", r"^(\d+)分(\d{1,2})秒$"
    return (
        f"CASE WHEN regexp_full_match({text}, '\\d+(\\.\\d+)?\\s*(秒|s|sec)?') "
        f"THEN CAST(regexp_extract({text}, '^\\d+(\\.\\d+)?', 0) AS DOUBLE) "
        f"WHEN regexp_full_match({text}, '{hms}') THEN "
        + " + ".join(part.format(t=text, p=hms, g=g) + f" * {m}" for g, m in ((1, 3600), (2, 60), (3, 1)))
        + f" WHEN regexp_full_match({text}, '{ms}') THEN "
        + " + ".join(part.format(t=text, p=ms, g=g) + f" * {m}" for g, m in ((1, 60), (2, 1)))
        + f" WHEN regexp_full_match({text}, '{zh}') THEN "
        + " + ".join(part.format(t=text, p=zh, g=g) + f" * {m}" for g, m in ((1, 60), (2, 1)))
        + " END"
    )  # fmt: skip


def time_sql(text: str, source_tz: str, case_tz: str, formats=None) -> str:
    """A local timestamp in the case's zone, from any of the spellings exports use."""
    fmts = "[" + ", ".join(literal(f) for f in (formats or TIME_FORMATS)) + "]"

    def local(naive: str) -> str:
        if source_tz == case_tz:
            return naive
        return f"timezone({literal(case_tz)}, timezone({literal(source_tz)}, {naive}))"

    instant = f"timezone({literal(case_tz)}, to_timestamp(CAST({text} AS DOUBLE)"
    serial = (
        f"TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(CAST({text} AS DOUBLE) * 86400000000) "
        "AS BIGINT))"
    )
    return (
        f"CASE WHEN {text} IS NULL THEN NULL "
        f"WHEN regexp_full_match({text}, '1\\d{{12}}') THEN {instant} / 1000)) "  # unix ms
        f"WHEN regexp_full_match({text}, '1\\d{{9}}') THEN {instant})) "  # unix seconds
        f"WHEN regexp_full_match({text}, '\\d{{4,5}}(\\.\\d+)?') THEN {local(serial)} "  # Excel serial
        f"ELSE {local(f'try_strptime({text}, {fmts})')} END"
    )


def _values(items) -> str:
    return "[" + ", ".join(literal(v) for v in items or []) + "]::VARCHAR[]"


def parse_select(spec, loaded, case_tz: str, fmt: str) -> str:
    """One file's records as canonical fields (stage 1)."""
    col = loaded.columns.get
    tz, formats = spec.timezone, spec.option("time_formats")
    person, customer = text_sql(col("person")), text_sql(col("customer"))
    fields = [
        "_source", "_file", "_sheet", "_row", f"{literal(fmt)} AS _fmt",
        f"{person} AS person_raw",
    ]  # fmt: skip
    time_column = col("created") if spec.kind == "opportunity" else col("time")
    time_text = text_sql(time_column)
    fields += [f"{time_text} AS time_raw", f"{time_sql(time_text, tz, case_tz, formats)} AS ts"]
    ident = text_sql(col("id")) if col("id") else None
    if spec.kind == "checkin":
        lat, lng = text_sql(col("lat")), text_sql(col("lng"))
        scale = float(spec.option("coordinate_scale", 1))
        fields += [
            f"{customer} AS customer",
            f"{text_sql(col('type'))} AS type_raw",
            f"{text_sql(col('exception'))} AS exception_raw",
            f"concat_ws(',', {lat}, {lng}) AS coordinates_raw",
            f"{number_sql(lat)} / {scale} AS lat",
            f"{number_sql(lng)} / {scale} AS lng",
            f"{_values(spec.option('attendance_types'))} AS _attendance",
            f"{_values(spec.option('visit_types'))} AS _visit_types",
            f"{_values(spec.option('no_checkin_exceptions'))} AS _no_checkin",
            "CAST(NULL AS VARCHAR) AS _id",
        ]
    elif spec.kind == "followup":
        duration = text_sql(col("duration"))
        ctype = text_sql(col("customer_type"))
        fields += [
            f"{customer} AS customer",
            f"{text_sql(col('channel'))} AS channel",
            f"{duration} AS duration_raw",
            f"{seconds_sql(duration)} AS seconds",
            f"CASE WHEN list_contains({_values(spec.option('new_customer'))}, {ctype}) THEN 'new' "
            f"WHEN list_contains({_values(spec.option('old_customer'))}, {ctype}) THEN 'old' END AS ctype",
            f"{_values(spec.option('call_channels', ['电话']))} AS _call_channels",
            f"{ident or 'CAST(NULL AS VARCHAR)'} AS _id",
        ]
    else:
        amount = text_sql(col("amount"))
        fields += [
            f"{text_sql(col('account'))} AS customer",
            f"{text_sql(col('account'))} AS account",
            f"{amount} AS amount_raw",
            f"{number_sql(amount)} AS amount",
            f"{text_sql(col('status'))} AS opp_status",
            f"{text_sql(col('stage'))} AS stage",
            f"{text_sql(col('closed'))} AS closed",
            f"{_values(spec.option('statuses'))} AS _statuses",
            f"{_values(spec.option('invalid_statuses'))} AS _invalid",
            f"{ident or 'CAST(NULL AS VARCHAR)'} AS _id",
        ]
    return f"SELECT {', '.join(fields)} FROM {loaded.relation}"


def _conditions(kind: str, start: dt.date, end: dt.date, today: dt.date, min_seconds: float):
    tomorrow = today + dt.timedelta(days=1)
    common = {
        "unknown_person": "team IS NULL",
        "broken_time": "ts IS NULL",
        "future_date": f"ts >= TIMESTAMP '{tomorrow}'",
        "outside_period": f"ts < TIMESTAMP '{start}' OR ts >= TIMESTAMP '{end}'",
    }
    specific = {
        "no_checkin": "list_contains(_no_checkin, exception_raw)",
        "attendance": "list_contains(_attendance, type_raw)",
        "not_a_visit": "len(_visit_types) > 0 AND NOT coalesce(list_contains(_visit_types, type_raw), false)",
        "missing_customer": "customer IS NULL",
        "zero_coordinates": "abs(lat) < 1e-9 AND abs(lng) < 1e-9",
        "not_a_call": "NOT coalesce(list_contains(_call_channels, channel), false)",
        "broken_number": "seconds IS NULL",
        "short_call": f"seconds < {float(min_seconds)}",
        "invalid_opportunity": "list_contains(_invalid, opp_status)",
        "unknown_status": "len(_statuses) > 0 AND NOT coalesce(list_contains(_statuses, opp_status), false)",
        "missing_account": "account IS NULL",
        "broken_amount": "amount IS NULL",
        "zero_amount": "amount <= 0",
    }
    return [(code, common[code]) for code in COMMON] + [(c, specific[c]) for c in ORDER[kind]]


def _dedup_key(kind: str) -> str:
    if kind == "checkin":  # one visit per rep + customer + day, whichever system logged it
        return "concat_ws('|', team, lower(customer), CAST(CAST(ts AS DATE) AS VARCHAR))"
    if kind == "followup":
        return ("coalesce('id:' || _id, concat_ws('|', team, CAST(ts AS VARCHAR), lower(customer), "
                "channel, CAST(seconds AS VARCHAR)))")  # fmt: skip
    return "coalesce('id:' || _id, concat_ws('|', team, lower(account), CAST(ts AS VARCHAR)))"


def classify(con, selects: dict[str, list[str]], period, today: dt.date, min_seconds: float):
    """Create ``ev_<kind>`` for every kind from its files' parse selects."""
    from okrkit.evidence.reasons import REASONS

    for kind in KINDS:
        parts = selects.get(kind) or []
        if not parts:
            con.execute(
                f"CREATE OR REPLACE TABLE ev_{kind} AS SELECT * FROM ({_empty(kind)}) LIMIT 0"
            )
            continue
        union = " UNION ALL BY NAME ".join(f"({p})" for p in parts)
        conditions = _conditions(kind, period.start, period.end, today, min_seconds)
        reason = "CASE " + " ".join(f"WHEN {c} THEN '{code}'" for code, c in conditions) + " END"
        found = "CASE reason " + " ".join(
            f"WHEN '{code}' THEN CAST({FOUND[REASONS[code][0]]} AS VARCHAR)" for code, _ in conditions
        ) + " END"  # fmt: skip
        merged = "'duplicate_visit'" if kind == "checkin" else "'duplicate_record'"
        keep = ", ".join(("_source", "_file", "_sheet", "_row", "_fmt", "person_raw", "team",
                          "time_raw", "ts", "customer") + EXTRA[kind])  # fmt: skip
        con.execute(f"""
            CREATE OR REPLACE TABLE ev_{kind} AS
            WITH parsed AS ({union}),
            judged AS (
                SELECT p.*, people.team AS team FROM parsed p
                LEFT JOIN people ON people.key = {fold_key_sql("p.person_raw")}
            ),
            reasoned AS (SELECT *, {reason} AS reason FROM judged),
            ranked AS (
                SELECT *, {_dedup_key(kind)} AS _key FROM reasoned
            ),
            firsts AS (
                SELECT *,
                    row_number() OVER w AS _rank,
                    first_value(_file) OVER w AS _first_file,
                    first_value(_row) OVER w AS _first_row,
                    first_value(_sheet) OVER w AS _first_sheet,
                    first_value(_fmt) OVER w AS _first_fmt
                FROM ranked WHERE reason IS NULL
                WINDOW w AS (PARTITION BY _key ORDER BY ts, _source, _file, _row)
            )
            SELECT {keep}, reason, {found} AS found, 'rejected' AS status,
                CAST(NULL AS VARCHAR) AS dup_file, CAST(NULL AS BIGINT) AS dup_row,
                CAST(NULL AS VARCHAR) AS dup_sheet, CAST(NULL AS VARCHAR) AS dup_fmt
            FROM reasoned WHERE reason IS NOT NULL
            UNION ALL
            SELECT {keep}, CASE WHEN _rank > 1 THEN {merged} END AS reason, NULL AS found,
                CASE WHEN _rank = 1 THEN 'counted' ELSE 'merged' END AS status,
                CASE WHEN _rank > 1 THEN _first_file END, CASE WHEN _rank > 1 THEN _first_row END,
                CASE WHEN _rank > 1 THEN _first_sheet END, CASE WHEN _rank > 1 THEN _first_fmt END
            FROM firsts
        """)


def _empty(kind: str) -> str:
    """A typed empty relation with ev_<kind>'s columns, for a case without such a source."""
    text = ("_source", "_file", "_sheet", "_fmt", "person_raw", "team", "time_raw", "customer",
            "type_raw", "exception_raw", "coordinates_raw", "channel", "duration_raw", "ctype",
            "account", "amount_raw", "opp_status", "stage", "closed", "reason", "found", "dup_file", "dup_sheet", "dup_fmt")  # fmt: skip
    numbers = ("lat", "lng", "seconds", "amount")
    keep = ("_source", "_file", "_sheet", "_row", "_fmt", "person_raw", "team", "time_raw", "ts",
            "customer") + EXTRA[kind] + ("reason", "found", "status", "dup_file", "dup_row", "dup_sheet", "dup_fmt")  # fmt: skip
    cols = []
    for name in keep:
        if name in ("_row", "dup_row"):
            cols.append(f"CAST(NULL AS BIGINT) AS {name}")
        elif name == "ts":
            cols.append("CAST(NULL AS TIMESTAMP) AS ts")
        elif name in numbers:
            cols.append(f"CAST(NULL AS DOUBLE) AS {name}")
        else:
            assert name in text or name == "status", name
            cols.append(f"CAST(NULL AS VARCHAR) AS {name}")
    return "SELECT " + ", ".join(cols)

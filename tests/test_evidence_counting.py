"""Counting without a row per week and month: the same actuals, rows read by name and as a frame."""

from __future__ import annotations

import pytest

from okrkit import load_case
from okrkit.evidence.count import SERIES_COLUMNS, kr_actuals, series_rows
from okrkit.evidence.output import series_frame
from okrkit.evidence.run import evaluate
from tests.conftest import CASES


@pytest.fixture(scope="module")
def counted():
    """The shipped case's actuals straight from the counts, from its rows, and the rows."""
    with evaluate(load_case(CASES / "a-company"), "2015") as run:
        rows = series_rows(run)
        yield kr_actuals(run), kr_actuals(run, rows), rows, series_frame(run)


def test_actuals_from_the_counts_equal_those_from_the_rows(counted):
    """kr_actuals without rows (the report's way) gives every KR's total and actual as with them."""
    direct, from_rows, _, _ = counted
    assert direct == from_rows and any(item["total"] for item in direct)


def test_a_series_row_reads_by_name_as_by_attribute(counted):
    """row["value"] and row.value are one number, for every column."""
    row = counted[2][0]
    assert all(row[name] == getattr(row, name) for name in SERIES_COLUMNS)


def test_the_frame_holds_the_rows_cell_for_cell(counted):
    """series_frame has the rows' columns and values in order."""
    rows, frame = counted[2], counted[3]
    assert list(frame.columns) == SERIES_COLUMNS
    assert [tuple(r) for r in frame.itertuples(index=False)] == [tuple(r) for r in rows]


def test_rows_read_by_index_as_by_iteration(counted):
    """rows[i] and the i-th row iterated are the same, the length is the number iterated."""
    rows = counted[2]
    listed = list(rows)
    assert len(rows) == len(listed) and [rows[i] for i in (0, len(rows) // 2, -1)] == [
        listed[0],
        listed[len(rows) // 2],
        listed[-1],
    ]


def test_the_summary_agrees_with_the_records_one_by_one():
    """The summary's counted/merged/rejected per source equal a count of each record's status."""
    from okrkit.evidence.presets import KINDS
    from okrkit.evidence.rejects import summary

    with evaluate(load_case(CASES / "a-company"), "2015") as run:
        got = {
            (s, k): b[k]
            for s, b in summary(run)["sources"].items()
            for k in ("counted", "merged", "rejected")
        }
        union = " UNION ALL ".join(f"SELECT _fid, status FROM ev_{kind}" for kind in KINDS)
        rows = run.con.execute(
            f"SELECT f.source, CAST(e.status AS VARCHAR), count(*) FROM ({union}) e "
            "JOIN files f ON f.fid = e._fid GROUP BY ALL"
        ).fetchall()
    assert {k: v for k, v in got.items() if v} == {(s, st): n for s, st, n in rows}


def test_the_spans_agree_with_the_records_one_by_one():
    """Each source's first and last date and records in the period equal those of its records."""
    from okrkit.evidence.presets import KINDS
    from okrkit.evidence.span import source_spans

    with evaluate(load_case(CASES / "a-company"), "2015") as run:
        spans = {s.source: (s.in_period, s.first, s.last) for s in source_spans(run)}
        union = " UNION ALL ".join(f"SELECT _fid, ts FROM ev_{kind}" for kind in KINDS)
        rows = run.con.execute(
            f"SELECT f.source, count(*) FILTER (WHERE year(e.ts) = 2015), CAST(min(e.ts) AS DATE), "
            f"CAST(max(e.ts) AS DATE) FROM ({union}) e JOIN files f ON f.fid = e._fid "
            "WHERE e.ts < current_date + 1 GROUP BY 1"
        ).fetchall()
    assert spans == {s: (n, first, last) for s, n, first, last in rows}

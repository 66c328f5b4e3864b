"""Periods, cadences and column maps: what a rule counts over and how an export is mapped."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from okrkit import load_case
from okrkit.cli import main
from okrkit.errors import OkrkitError
from okrkit.evidence.count import kr_actuals
from okrkit.evidence.rejects import summary
from okrkit.evidence.rules import parse_period, working_units
from okrkit.evidence.run import evaluate
from tests.conftest import CASES
from tests.test_evidence_support import (
    DINGTALK_HEADER,
    FOLLOWUP_HEADER,
    TODAY,
    call,
    followups_csv,
    make_case,
    outcome,
    write_xlsx,
)

CASE = CASES / "a-company"


def test_period_spellings_give_their_dates():
    """2015, 2015-Q2, 2015-H2 and 2015-03 are a year, a quarter, a half and a month."""
    spans = [(p.start, p.end) for p in map(parse_period, ["2015", "2015-Q2", "2015-H2", "2015-03"])]
    assert spans == [
        (dt.date(2015, 1, 1), dt.date(2016, 1, 1)),
        (dt.date(2015, 4, 1), dt.date(2015, 7, 1)),
        (dt.date(2015, 7, 1), dt.date(2016, 1, 1)),
        (dt.date(2015, 3, 1), dt.date(2015, 4, 1)),
    ]


def test_unknown_period_is_refused_in_both_languages():
    """'2015-13' is not a period; the error says what is, in Chinese too."""
    with pytest.raises(OkrkitError) as caught:
        parse_period("2015-13")
    assert "2015-Q1" in str(caught.value) and "周期" in caught.value.render("zh")


def test_a_quarter_holds_a_quarter_of_the_working_weeks():
    """With 48 working weeks a year, a weekly KR's quarter is divided by 12 weeks."""
    case = load_case(CASE)
    assert working_units(case, "week", parse_period("2015-Q1")) == 12


def test_month_period_counts_only_that_month(capsys):
    """--period 2015-02 counts February only (the Spring Festival month: fewer calls)."""
    case = load_case(CASE)
    with evaluate(case, "2015-02") as run:
        feb = {(a["team"], a["kr"].id): a["total"] for a in kr_actuals(run)}
    assert 0 < feb[("rep-zhang", "KR1.1")] < 5280 / 12


def test_company_header_is_mapped_without_code(tmp_path):
    """A CRM whose owner column is 销售 maps it with columns: {person: 销售}."""
    sources = "    f: {preset: crm-followups, files: records/c.csv, columns: {person: 销售}}\n"
    case_dir = make_case(tmp_path, sources)
    csv_bytes = followups_csv([call(1)]).decode().replace("负责人", "销售", 1).encode()
    (case_dir / "records" / "c.csv").write_bytes(csv_bytes)
    totals, _ = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.1")] == 1


def test_date_cells_in_a_workbook_are_read(tmp_path):
    """A 签到时间 stored as an Excel date cell (not text) reads as that time."""
    case_dir = make_case(tmp_path, "    d: {preset: dingtalk-checkin, files: records/d.xlsx}\n")
    row = [
        "张伟",
        "A001",
        "销售部",
        dt.datetime(2015, 3, 2, 10, 0),
        "上海",
        "121.47",
        "31.23",
        "客户A",
        "",
    ]
    write_xlsx(case_dir / "records" / "d.xlsx", DINGTALK_HEADER, [row])
    totals, _ = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.2")] == 1


def test_every_shipped_record_is_accounted_for():
    """Read equals counted + merged + rejected, and equals the rows in the shipped files."""
    records = CASE / "records" / "2015"
    rows = sum(len(p.read_bytes().decode("gbk" if "H1" in p.name else "utf-8-sig").splitlines()) - 1
               for p in records.glob("crm-followups-*.csv"))  # fmt: skip
    rows += len(
        json.loads((records / "wecom-checkins.json").read_text(encoding="utf-8"))["checkindata"]
    )
    for name, title_rows in (("dingtalk-checkins.xlsx", 2), ("crm-opportunities.xlsx", 2)):
        rows += load_workbook(records / name, read_only=True).active.max_row - title_rows
    with evaluate(load_case(CASE), "2015", today=TODAY) as run:
        total = summary(run)["total"]
    assert total["read"] == total["counted"] + total["merged"] + total["rejected"] == rows


def test_cli_refuses_a_bad_period_with_exit_2(capsys):
    """okrkit evidence --period 2015-13 exits 2 with the period named."""
    assert main(["evidence", str(CASE), "--period", "2015-13"]) == 2
    assert "2015-13" in capsys.readouterr().err


def test_followup_header_matches_preset():
    """The test exports use the crm-followups preset's headers exactly."""
    from okrkit.evidence.presets import PRESETS

    assert set(PRESETS["crm-followups"]["columns"].values()) == set(FOLLOWUP_HEADER)


def test_revisit_coverage_is_old_customers_visited_over_old_customers(tmp_path):
    """Two old customers in the CRM, one checked in in March: March coverage 50%, April 0%."""
    from okrkit.evidence.count import revisit_coverage

    sources = (
        "    d: {preset: dingtalk-checkin, files: records/d.xlsx}\n"
        "    f: {preset: crm-followups, files: records/c.csv}\n"
    )
    case_dir = make_case(tmp_path, sources)
    row = ["张伟", "A001", "销售部", "2015-03-09 10:00", "上海", "121.47", "31.23", "老甲公司", ""]
    write_xlsx(case_dir / "records" / "d.xlsx", DINGTALK_HEADER, [row])
    calls = [
        call(1, customer="老甲公司", kind="老客户"),
        call(2, customer="老乙公司", kind="老客户"),
    ]
    (case_dir / "records" / "c.csv").write_bytes(followups_csv(calls))
    with evaluate(load_case(case_dir), "2015", today=TODAY) as run:
        (zhang,) = revisit_coverage(run)
    months = zhang["months"]
    assert (zhang["old_customers"], months[dt.date(2015, 3, 1)], months[dt.date(2015, 4, 1)]) == (
        2,
        0.5,
        0.0,
    )

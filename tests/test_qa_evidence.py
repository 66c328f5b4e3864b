"""QA findings on `okrkit evidence`: empty periods, output paths, blank and empty CSVs, wording."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from okrkit import yamlio
from okrkit.cli import main
from tests.test_evidence_sources import problems
from tests.test_evidence_support import CALLS_SOURCE, call, followups_csv, make_case, outcome

TODAY = "2017-01-04"  # 2016 is in the past, so a 2016 period is not "the future"


@pytest.fixture
def calls_case(tmp_path) -> Path:
    """A case whose only source is a CRM export of three of 张伟's calls in March 2015."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    rows = [call(1, "2015-03-02 10:00"), call(2, "2015-03-03 10:00"), call(3, "2015-03-20 10:00")]
    (case_dir / "records" / "f.csv").write_bytes(followups_csv(rows))
    return case_dir


def evidence(case_dir, *args) -> int:
    return main(["evidence", str(case_dir), "--today", TODAY, "--lang", "en", *args])


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder no file can be made in")
def test_an_unwritable_folder_is_not_blamed_on_a_lock():
    """A save into a folder that takes no file says so at once, not 'another program holds the lock'."""
    with pytest.raises(getattr(yamlio, "CannotWriteError", ())):  # () catches nothing: before, none
        yamlio.replace_file(Path("/proc/okrkit-qa.yaml"), b"x", lock_timeout=0.5)


def test_all_empty_rows_of_a_csv_are_no_records(tmp_path):
    """Excel's trailing ',,,,,,' rows and a blank line are skipped, not rejected as unknown_person."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    data = followups_csv([call(1), call(2)]) + b",,,,,,\r\n , ,,,,,\r\n\r\n"
    (case_dir / "records" / "f.csv").write_bytes(data)
    _, counts = outcome(case_dir)
    assert counts["total"]["read"] == 2 and "unknown_person" not in counts["reasons"]


def test_an_empty_csv_is_said_once(tmp_path):
    """A 0-byte records CSV is one located 'the file is empty', not a missing column per field."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "f.csv").write_bytes(b"")
    (message,) = problems(case_dir)
    assert message.startswith(f"{case_dir / 'records' / 'f.csv'}: the file is empty")


def test_a_serial_date_in_the_rejects_file_shows_its_date(tmp_path):
    """A call dated by an Excel serial outside the period shows the date it means beside the number."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    rows = [call(1), call(2, when="41974.421169")]
    (case_dir / "records" / "f.csv").write_bytes(followups_csv(rows))
    rejects = tmp_path / "r.csv"
    assert evidence(case_dir, "--rejects", str(rejects)) == 0
    with rejects.open(encoding="utf-8-sig") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["reason"] == "outside_period"]
    assert row["found"] == "41974.421169 (= 2014-12-01 10:06:29)"


def test_the_monthly_table_names_its_months(calls_case, capsys):
    """The monthly table's header reads Jan … Dec (1月 … 12月 in zh), not a bare 1 … 12."""
    assert evidence(calls_case) == 0
    assert "| Jan | Feb | Mar |" in capsys.readouterr().out.replace("  ", " ")


def test_one_month_is_singular_in_english(calls_case, capsys):
    """A month's KR over one month says '/ 1 month', not '/ 1 months'."""
    assert evidence(calls_case, "--period", "2015-03") == 0
    out = capsys.readouterr().out
    assert "counted / 1 month)" in out and "1 months" not in out

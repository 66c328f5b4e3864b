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


def test_out_for_a_period_without_records_is_refused(calls_case, tmp_path, capsys):
    """`--period 2016 --out` on 2015's records exits 2, names the records' dates and writes no file."""
    out = tmp_path / "ev2016.yaml"
    assert evidence(calls_case, "--period", "2016", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "no record in 2016 (its records span 2015-03-02 to 2015-03-20)" in err
    assert not out.exists()


def test_a_period_without_records_is_said_on_screen(calls_case, capsys):
    """Without --out the counts are shown, after a line naming the period and the records' dates."""
    assert evidence(calls_case, "--period", "2016") == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Note: source followups has no record in 2016 (its records span 2015-03-02 to 2015-03-20)"
    )


def test_zeros_from_a_period_with_records_are_written(tmp_path):
    """A period whose records were all rejected (short calls) still writes its zero actuals."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "f.csv").write_bytes(followups_csv([call(1, seconds=5)]))
    out = tmp_path / "ev.yaml"
    assert evidence(case_dir, "--period", "2015", "--out", str(out)) == 0
    assert "KR1.1: 0  # 0 counted" in out.read_text(encoding="utf-8")


def test_rejects_into_a_missing_folder_creates_it_as_out_does(calls_case, tmp_path):
    """--rejects new/r.csv creates its folder, as --out does, and both files are written."""
    out, rejects = tmp_path / "a" / "ev.yaml", tmp_path / "b" / "r.csv"
    assert evidence(calls_case, "--out", str(out), "--rejects", str(rejects)) == 0
    assert out.is_file() and rejects.is_file()


def test_an_unwritable_rejects_path_writes_nothing(calls_case, tmp_path, capsys):
    """--rejects under a plain file is a located error, exit 2, and --out is not written either."""
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    out, rejects = tmp_path / "ev.yaml", tmp_path / "plain" / "r.csv"
    assert evidence(calls_case, "--out", str(out), "--rejects", str(rejects)) == 2
    assert f"{rejects}: cannot write the file" in capsys.readouterr().err and not out.exists()


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

"""`okrkit checkin` and `okrkit status`: typed, imported and exported check-ins; the picture."""

from __future__ import annotations

import subprocess
import sys

from track_helpers import CASE_DIR

from okrkit.cli import main
from okrkit.track.store import Store


def _checkin(store, *args):
    return main(["checkin", str(CASE_DIR), "--store", str(store), *args])


def test_typed_checkin_is_saved_and_prints_the_rule_status(tmp_path, capsys):
    """A typed check-in is stored with its suggested status, which is printed."""
    store = tmp_path / "track.sqlite"
    code = _checkin(store, "--team", "rep-li", "--kr", "KR1.4", "--value", "700", "--date",
                    "2015-06-30", "--confidence", "8", "--lang", "en")  # fmt: skip
    assert code == 0
    assert "rep-li KR1.4: on track (by rule: on track)" in capsys.readouterr().out
    with Store(store) as opened:
        (row,) = opened.rows(2015)
    assert (row["value"], row["confidence"], row["suggested"]) == (700.0, 8, "on_track")


def test_bad_checkin_exits_2_located_and_writes_nothing(tmp_path, capsys):
    """A value that is not a number: exit 2, the option named, no row stored."""
    store = tmp_path / "track.sqlite"
    code = _checkin(store, "--team", "rep-li", "--kr", "KR1.4", "--value", "七百", "--date",
                    "2015-06-30", "--lang", "en")  # fmt: skip
    assert code == 2
    assert "okrkit checkin: --value: not a value for this KR" in capsys.readouterr().err
    assert not store.exists()  # refused before the store is opened: no empty file left


def test_chinese_refusal_under_zh(tmp_path, capsys):
    """Under zh the same refusal is in Chinese."""
    code = _checkin(tmp_path / "s.sqlite", "--team", "rep-li", "--kr", "KR1.4", "--value", "1",
                    "--date", "2015-06-30", "--confidence", "11")  # fmt: skip
    assert code == 2 and "不是有效的信心指数" in capsys.readouterr().err


def test_import_then_export_round_trip(tmp_path, capsys):
    """--import stores a CSV's rows; --export writes them back out."""
    source = tmp_path / "in.csv"
    source.write_text("team,kr,date,value\nrep-li,KR1.4,2015-06-30,700\n", encoding="utf-8")
    store = tmp_path / "track.sqlite"
    assert _checkin(store, "--import", str(source), "--lang", "en") == 0
    assert "saved 1" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert _checkin(store, "--export", str(out), "--lang", "en") == 0
    assert "rep-li,KR1.4,2015-06-30" in out.read_text(encoding="utf-8-sig")


def test_checkin_needs_exactly_one_way_in(tmp_path, capsys):
    """--import together with --value is refused with exit 2."""
    code = _checkin(tmp_path / "s.sqlite", "--import", "x.csv", "--value", "3", "--lang", "en")
    assert code == 2 and "give one of" in capsys.readouterr().err


def test_status_prints_expected_actual_status_and_forecast(tmp_path, capsys):
    """okrkit status shows the KR's expected and actual values, its status and the roll-up."""
    store = tmp_path / "track.sqlite"
    _checkin(store, "--team", "rep-li", "--kr", "KR1.4", "--value", "500", "--date", "2015-06-29")
    capsys.readouterr()
    code = main(["status", str(CASE_DIR), "--store", str(store), "--date", "2015-06-30",
                 "--team", "rep-li", "--lang", "en"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if "KR1.4" in line)
    # The case's Spring Festival pace: 46.7% of the year by 29 June, not 49.6%.
    assert "| 654 " in line and "| 500 " in line and "| 24% | at risk" in line
    assert "Roll-up (as of 2015-06-30)" in out and "\x1b[" not in out


def test_status_bad_date_exits_2(tmp_path, capsys):
    """--date that is not a date is refused, located at the option."""
    code = main(["status", str(CASE_DIR), "--store", str(tmp_path / "s.sqlite"), "--date", "June",
                 "--lang", "en"])  # fmt: skip
    assert code == 2 and "--date: not a date" in capsys.readouterr().err


def test_status_runs_as_a_command_in_chinese(tmp_path):
    """The installed command prints Chinese status words with no traceback."""
    Store(tmp_path / "s.sqlite").close()  # an empty store: a missing --store path is refused
    result = subprocess.run(
        [sys.executable, "-m", "okrkit.cli", "status", str(CASE_DIR), "--store",
         str(tmp_path / "s.sqlite"), "--date", "2015-06-30", "--team", "rep-li"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "未更新" in result.stdout and result.stderr == ""


def test_export_with_a_bad_cycle_exits_2(tmp_path, capsys):
    """--cycle that is not a year is refused at the option, no traceback."""
    Store(tmp_path / "s.sqlite").close()  # an export reads an existing store
    code = _checkin(tmp_path / "s.sqlite", "--export", str(tmp_path / "o.csv"), "--cycle", "20x5",
                    "--lang", "en")  # fmt: skip
    assert code == 2 and "--cycle: not a cycle" in capsys.readouterr().err


def test_evidence_counts_import_once(tmp_path, capsys):
    """--evidence stores the records' weekly and monthly counts; a second run stores nothing."""
    store = tmp_path / "track.sqlite"
    assert _checkin(store, "--evidence", "--lang", "en") == 0
    first = capsys.readouterr().out
    assert _checkin(store, "--evidence", "--lang", "en") == 0
    assert first.startswith("saved ") and not first.startswith("saved 0")
    assert "saved 0 (corrections 0, unchanged" in capsys.readouterr().out
    with Store(store) as opened:
        assert {r["source"] for r in opened.rows(2015)} == {"evidence"}


def test_status_without_a_store_shows_the_shipped_year_and_writes_nothing(worked_case_dir, capsys):
    """No track.sqlite yet: the case's own check-ins are shown, and no file appears in the case."""
    code = main(["status", str(worked_case_dir), "--date", "2015-06-30", "--team", "rep-wang",
                 "--lang", "en", "--colour", "never"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0 and "off track" in out and "checkins" in err
    assert not (worked_case_dir / "track.sqlite").exists()


def test_review_month_without_a_store_reads_the_shipped_year(worked_case_dir, capsys):
    """review-month on a case with no store reviews the shipped check-ins, writing nothing."""
    code = main(["review-month", str(worked_case_dir), "--team", "rep-li", "--month", "2015-03",
                 "--lang", "en"])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0 and "confidence" in out and "(no check-ins)" not in out
    assert not (worked_case_dir / "track.sqlite").exists()


def test_a_refused_import_leaves_no_store_behind(tmp_path, capsys):
    """An import refused for a bad cell exits 2 and creates no store at a new --store path."""
    bad = tmp_path / "in.csv"
    bad.write_text("team,kr,date,value\nrep-li,KR1.4,2015-06-30,七百\n", encoding="utf-8")
    store = tmp_path / "new.sqlite"
    code = _checkin(store, "--import", str(bad), "--lang", "en")
    assert (code, store.exists(), "nothing was written" in capsys.readouterr().err) == (
        2,
        False,
        True,
    )

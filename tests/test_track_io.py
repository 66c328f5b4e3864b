"""Check-ins in and out of CSV and Excel; evidence counts imported idempotently."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from openpyxl import Workbook
from track_helpers import CASE, checkin, without_tracking

from okrkit.errors import CaseError
from okrkit.track.io import export_checkins, read_checkins
from okrkit.track.store import Store, import_series

CSV = '团队,关键成果,日期,数值,信心,说明\nrep-li,KR1.4,2015-06-30,"1,380",7,大单签约\nrep-li,KR1.1,2015/6/26,95,,\n'


def test_gbk_csv_with_chinese_headers_imports(tmp_path):
    """A GBK CSV saved by Excel on Chinese Windows reads, with its Chinese column names."""
    path = tmp_path / "进展.csv"
    path.write_bytes(CSV.encode("gbk"))
    items = read_checkins(path, CASE)
    assert [(i.kr, i.value, i.comment) for i in items] == [("KR1.4", 1380.0, "大单签约"),
                                                           ("KR1.1", 95.0, "")]  # fmt: skip
    assert items[0].source == "imported"


def test_bad_csv_cell_is_located_and_nothing_returned(tmp_path):
    """A bad value names the file, the row and the column as the header spells it."""
    path = tmp_path / "checkins.csv"
    path.write_text("\ufeffteam,kr,date,value\nrep-li,KR1.4,2015-06-30,abc\n", encoding="utf-8")
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert f"{path}: row 2: value: not a value for this KR" in str(error.value)


def test_unknown_column_is_refused(tmp_path):
    """A misspelt header is refused rather than silently dropped."""
    path = tmp_path / "checkins.csv"
    path.write_text(
        "team,kr,date,value,confidance\nrep-li,KR1.4,2015-06-30,5,7\n", encoding="utf-8"
    )
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert "unknown column 'confidance'" in str(error.value)


def test_excel_sheet_imports_and_locates_a_bad_cell(tmp_path):
    """An .xlsx sheet reads; a bad confidence is named by its cell."""
    book = Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet.append(["team", "kr", "date", "value", "confidence"])
    sheet.append(["rep-li", "KR1.4", date(2015, 6, 30), 1380, 7])
    sheet.append(["rep-li", "KR1.4", date(2015, 5, 31), 1100, 12])
    path = tmp_path / "checkins.xlsx"
    book.save(path)
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert "进展!E3 (confidence): not a confidence" in str(error.value)


def test_a_chinese_headed_sheet_names_the_cell_by_its_own_header(tmp_path):
    """A bad value in a sheet headed 数值 is located as 进展!D2 (数值), not with okrkit's field name."""
    book = Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet.append(["团队", "关键成果", "日期", "数值"])
    sheet.append(["rep-li", "KR1.4", date(2015, 6, 30), "七百"])
    path = tmp_path / "进展.xlsx"
    book.save(path)
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert "进展!D2 (数值):" in error.value.render("zh") and "(value)" not in str(error.value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_imports_back_as_a_no_op(tmp_path, suffix):
    """Exporting the log and importing the file again stores nothing new."""
    with Store(tmp_path / "track.sqlite") as store:
        store.append([checkin(value=600, confidence=6, comment="签约延期"),
                      checkin(kr="KR1.1", value=95, day=date(2015, 6, 26))])  # fmt: skip
        path = tmp_path / f"out{suffix}"
        assert export_checkins(store, path) == 2
        result = store.append(read_checkins(path, CASE))
        assert (result.added, result.unchanged) == (0, 2)


@pytest.mark.parametrize(("lang", "suffix"), [("zh", ".csv"), ("en", ".csv"), ("zh", ".xlsx")])
def test_export_in_either_language_imports_back_as_a_no_op(tmp_path, lang, suffix):
    """An export headed in Chinese or English reads back storing nothing new."""
    with Store(tmp_path / "track.sqlite") as store:
        store.append([checkin(value=600, comment="签约延期", status="at_risk", reason="签约延期"),
                      checkin(kr="KR1.1", value=95, day=date(2015, 6, 26))])  # fmt: skip
        path = tmp_path / f"out{suffix}"
        export_checkins(store, path, case=CASE, lang=lang)
        result = store.append(read_checkins(path, CASE))
        assert (result.added, result.unchanged) == (0, 2)


def _export_header(tmp_path, lang: str) -> list[str]:
    """The header row of a CSV export of one check-in under ``lang``."""
    with Store(tmp_path / "track.sqlite") as store:
        store.append([checkin(value=600)])
        export_checkins(store, tmp_path / "out.csv", case=CASE, lang=lang)
    return (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")


def test_a_chinese_export_is_headed_as_the_shipped_checkins_file(tmp_path):
    """Under zh the export's headers are the Chinese names checkins/2015.csv uses (团队,关键成果,…)."""
    shipped = (CASE.path / "checkins/2015.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    header = _export_header(tmp_path, "zh")
    assert set(shipped.split(",")) <= set(header) and header[2:5] == ["团队", "关键成果", "日期"]


def test_an_english_export_keeps_the_english_headers(tmp_path):
    """Under en the export is headed id,cycle,team,kr,… as before."""
    assert _export_header(tmp_path, "en")[:4] == ["id", "cycle", "team", "kr"]


def _evidence(values):
    starts = pd.to_datetime(["2015-03-01", "2015-04-01"])
    return pd.DataFrame({"team": "rep-li", "kr": "KR1.2", "cadence": "month",
                         "period_start": starts.date, "period_end": (starts + pd.offsets.MonthEnd(0)).date,
                         "value": values})  # fmt: skip


def test_evidence_import_is_idempotent(tmp_path):
    """Importing the same evidence twice does not double count."""
    with Store(tmp_path / "track.sqlite") as store:
        assert import_series(store, _evidence([21, 25]), CASE).added == 2
        assert import_series(store, _evidence([21, 25]), CASE).unchanged == 2
        assert [r["value"] for r in store.rows(2015)] == [21.0, 25.0]
        assert {r["source"] for r in store.rows(2015)} == {"evidence"}


def test_evidence_with_a_changed_count_supersedes(tmp_path):
    """A late record raises April's count: the new count replaces the old, history kept."""
    with Store(tmp_path / "track.sqlite") as store:
        import_series(store, _evidence([21, 25]), CASE)
        assert import_series(store, _evidence([21, 26]), CASE).superseded == 1
        assert [r["value"] for r in store.rows(2015)] == [21.0, 26.0]
        assert store.count() == 3


def test_evidence_with_the_wrong_cadence_is_refused(tmp_path):
    """Weekly counts for a monthly KR are refused with the row and nothing is written."""
    frame = _evidence([21, 25]).assign(cadence="week")
    with Store(tmp_path / "track.sqlite") as store:
        with pytest.raises(CaseError) as error:
            import_series(store, frame, CASE, origin="visits.csv")
        assert "visits.csv: row 0: cadence: rep-li KR1.2 is counted by month" in str(error.value)
        assert store.count() == 0


def test_evidence_for_a_cumulative_kr_is_a_running_total(tmp_path, worked_case_dir):
    """For a KR tracked cumulatively, each period's check-in holds the total so far."""
    from okrkit.cases import load_case

    path = worked_case_dir / "case.yaml"
    path.write_text(without_tracking(path)
                    + "tracking: {krs: {rep-li: {KR1.2: {mode: cumulative}}}}\n", encoding="utf-8")  # fmt: skip
    case = load_case(worked_case_dir)
    with Store(tmp_path / "track.sqlite") as store:
        import_series(store, _evidence([21, 25]), case)
        assert [r["value"] for r in store.rows(2015)] == [21.0, 46.0]


def test_period_start_for_a_cumulative_kr_is_refused(tmp_path):
    """A period_start on a KR tracked cumulatively is refused, not silently dropped."""
    path = tmp_path / "checkins.csv"
    path.write_text("team,kr,date,value,period_start\nrep-li,KR1.4,2015-06-30,5,2015-06-01\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert "row 2: period_start: KR1.4 is not tracked per period" in str(error.value)


def test_export_to_an_unknown_format_is_refused(tmp_path):
    """Exporting to .txt is refused with both the file and the formats named."""
    from okrkit.errors import OkrkitError

    with Store(tmp_path / "track.sqlite") as store, pytest.raises(OkrkitError) as error:
        export_checkins(store, tmp_path / "out.txt")
    assert "out.txt: cannot export to .txt" in str(error.value)


def test_evidence_weeks_and_months_the_krs_cadence_picks(tmp_path):
    """Evidence gives weeks and months; a monthly KR imports its months only."""
    weeks = pd.DataFrame({"team": "rep-li", "kr": "KR1.2", "cadence": "week",
                          "period_start": [date(2015, 3, 2)], "period_end": [date(2015, 3, 8)],
                          "value": [6]})  # fmt: skip
    with Store(tmp_path / "track.sqlite") as store:
        import_series(store, pd.concat([_evidence([21, 25]), weeks]), CASE)
        assert [r["period_start"] for r in store.rows(2015)] == ["2015-03-01", "2015-04-01"]


def test_evidence_week_straddling_new_year_stays_in_the_cycle(tmp_path):
    """The week of 28 Dec 2015 to 3 Jan 2016 is 2015's, dated 31 December."""
    week = pd.DataFrame({"team": "rep-li", "kr": "KR1.1", "cadence": "week",
                         "period_start": [date(2015, 12, 28)], "period_end": [date(2016, 1, 3)],
                         "value": [80]})  # fmt: skip
    with Store(tmp_path / "track.sqlite") as store:
        import_series(store, week, CASE)
        (row,) = store.rows(2015)
    assert (row["date"], row["period_start"]) == ("2015-12-31", "2015-12-28")


@pytest.mark.parametrize("name", ["checkins.csv", "checkins.txt"])
def test_a_tab_separated_file_imports(tmp_path, name):
    """Excel's "Text (Tab delimited)" save (GBK, tabs, .txt or renamed .csv) reads like a CSV."""
    path = tmp_path / name
    path.write_bytes(
        "团队\t关键成果\t日期\t数值\r\nrep-li\tKR1.4\t2015/6/30\t1,380\r\n".encode("gbk")
    )
    (item,) = read_checkins(path, CASE)
    assert (item.team, item.kr, item.date, item.value) == (
        "rep-li",
        "KR1.4",
        date(2015, 6, 30),
        1380.0,
    )

"""QA findings on check-in files: the export imports back, cells read as Excel shows them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from track_helpers import CASE, CASE_DIR, checkin

from okrkit.cli import main
from okrkit.errors import CaseError, OkrkitError
from okrkit.track.io import export_checkins, read_checkins
from okrkit.track.store import Store

# (team, KR, how its values are drawn): a percent KR, a milestone, a count, a deduction.
KINDS = {
    ("gm", "KR2.1"): st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 4)),
    ("rep-li", "KR2.1"): st.sampled_from(["完成", "未完成"]),
    ("rep-li", "KR1.4"): st.floats(0, 5000, allow_nan=False),
    ("rep-li", "KR4.1"): st.integers(0, 5).map(float),
}
STATEMENT = ("cycle", "team", "kr", "date", "period_start", "mode", "value", "confidence",
             "status", "status_reason", "comment", "blockers", "source")  # fmt: skip


def _statements(store):
    return sorted(tuple(row[name] for name in STATEMENT) for row in store.rows(2015))


def _one(tmp_path, team, kr, value, suffix=".csv", day=date(2015, 6, 30)):
    """Export one check-in and return the exported file's path."""
    with Store(tmp_path / "from.sqlite") as store:
        store.append([checkin(team=team, kr=kr, value=value, day=day)])
        path = tmp_path / f"export{suffix}"
        export_checkins(store, path, case=CASE)
    return path


def test_export_writes_a_percent_with_its_sign(tmp_path):
    """A percent KR's 0.4 (typed 0.4%) is exported as 0.4%, not as a bare 0.4."""
    path = _one(tmp_path, "gm", "KR2.1", "0.4%")
    assert ",0.4%," in path.read_text(encoding="utf-8-sig")


def test_export_writes_a_milestone_as_done_words(tmp_path):
    """A milestone done is exported as 完成 (what the importer reads), not 1.0."""
    path = _one(tmp_path, "rep-li", "KR2.1", "完成")
    assert ",完成," in path.read_text(encoding="utf-8-sig")


def _round_trip(tmp_path, values, suffix):
    day = date(2015, 6, 30)
    items = [checkin(team=t, kr=k, value=v if k != "KR2.1" or t != "gm" else f"{v}%", day=day)
             for (t, k), v in values.items()]  # fmt: skip
    path = tmp_path / f"all{suffix}"
    path.unlink(missing_ok=True)
    for name in ("a.sqlite", "b.sqlite"):
        (tmp_path / name).unlink(missing_ok=True)
    with Store(tmp_path / "a.sqlite") as first, Store(tmp_path / "b.sqlite") as second:
        first.append(items)
        before = _statements(first)
        export_checkins(first, path, case=CASE)
        result = second.append(read_checkins(path, CASE))
        again = first.append(read_checkins(path, CASE))
        return before, _statements(second), result, again


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.fixed_dictionaries(KINDS))
def test_csv_export_imports_back_unchanged(tmp_path, values):
    """Any percent, milestone, count or deduction exported to CSV imports back as the same entries."""
    before, after, result, again = _round_trip(tmp_path, values, ".csv")
    assert (after, result.added, again.added) == (before, len(before), 0)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.fixed_dictionaries(KINDS))
def test_xlsx_export_imports_back_unchanged(tmp_path, values):
    """The same values exported to .xlsx import back as the same entries."""
    before, after, result, again = _round_trip(tmp_path, values, ".xlsx")
    assert (after, result.added, again.added) == (before, len(before), 0)


def test_case_store_export_imports_back_as_a_no_op(tmp_path):
    """The shipped year (typed and evidence check-ins) exported to CSV imports back with nothing new."""
    from okrkit.track.shipped import case_store

    with case_store(CASE, tmp_path) as store:
        export_checkins(store, tmp_path / "year.csv", case=CASE, lang="en")
        result = store.append(read_checkins(tmp_path / "year.csv", CASE))
        assert (result.added, result.unchanged) == (0, store.count(current=True))


def test_xlsx_export_shows_a_percent_as_a_percent_cell(tmp_path):
    """In the exported sheet a percent value is a number Excel shows as a percent."""
    path = _one(tmp_path, "gm", "KR2.1", "0.4%", suffix=".xlsx")
    cell = load_workbook(path)["进展"]["H2"]
    assert (cell.value, cell.number_format) == (0.004, "0.0%")


def _sheet(tmp_path, value, number_format):
    book = Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet.append(["团队", "关键成果", "日期", "数值"])
    sheet.append(["rep-li", "KR2.2", date(2015, 7, 31), value])
    sheet["D2"].number_format = number_format
    path = tmp_path / "ck.xlsx"
    book.save(path)
    return path


def test_percent_formatted_cell_reads_as_the_percent_it_shows(tmp_path):
    """0.93 in a cell formatted 0% is 93 percent points, as Excel shows it."""
    [item] = read_checkins(_sheet(tmp_path, 0.93, "0%"), CASE)
    assert item.value == 93.0


def test_one_decimal_percent_format_reads_as_shown(tmp_path):
    """0.955 in a cell formatted 0.0% is 95.5 percent points."""
    [item] = read_checkins(_sheet(tmp_path, 0.955, "0.0%"), CASE)
    assert item.value == 95.5


def test_unformatted_fraction_cell_is_still_ambiguous(tmp_path):
    """0.93 in a General cell on a percent KR is still refused as ambiguous."""
    with pytest.raises(CaseError, match="ambiguous"):
        read_checkins(_sheet(tmp_path, 0.93, "General"), CASE)


def _csv(tmp_path, day, name="ck.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(f"团队,关键成果,日期,数值\nrep-li,KR1.4,{day},700\n".encode(encoding))
    return path


def test_excel_serial_date_in_a_csv_is_read(tmp_path):
    """A CSV date 42216 (a date cell saved without its format) is 2015-07-31."""
    [item] = read_checkins(_csv(tmp_path, "42216"), CASE)
    assert item.date == date(2015, 7, 31)


def test_excel_serial_with_a_time_in_a_csv_is_its_day(tmp_path):
    """A serial carrying a time of day (42216.625) is read as its day."""
    [item] = read_checkins(_csv(tmp_path, "42216.625"), CASE)
    assert item.date == date(2015, 7, 31)


def test_full_width_date_in_a_csv_is_read(tmp_path):
    """A full-width date ２０１５－０７－３１ reads as 2015-07-31."""
    [item] = read_checkins(_csv(tmp_path, "２０１５－０７－３１"), CASE)
    assert item.date == date(2015, 7, 31)


def test_full_width_date_typed_on_the_command_line_is_read(tmp_path):
    """``--date ２０１５－０７－３１`` is saved as 2015-07-31."""
    store = tmp_path / "track.sqlite"
    code = main(["checkin", str(CASE_DIR), "--store", str(store), "--team", "rep-li", "--kr",
                 "KR1.4", "--value", "700", "--date", "２０１５－０７－３１"])  # fmt: skip
    with Store(store) as opened:
        assert (code, opened.rows(2015)[0]["date"]) == (0, "2015-07-31")


def test_export_into_a_missing_folder_makes_it(tmp_path):
    """An export into a folder that does not exist yet makes it, as evidence and report --out do."""
    target = tmp_path / "new" / "x.csv"
    with Store(tmp_path / "s.sqlite") as store:
        export_checkins(store, target, case=CASE)
    assert target.is_file()


def test_export_where_no_folder_can_be_made_is_a_located_error(tmp_path):
    """An export under a plain file (no folder can be made there) names the path, writes nothing."""
    (tmp_path / "plain").write_text("", encoding="utf-8")
    target = tmp_path / "plain" / "x.xlsx"
    with Store(tmp_path / "s.sqlite") as store, pytest.raises(OkrkitError, match="cannot write"):
        export_checkins(store, target, case=CASE)
    assert not target.exists() and (tmp_path / "plain").is_file()


def test_cli_export_to_an_unwritable_path_exits_2_without_traceback(tmp_path, capsys):
    """``checkin --export`` where no folder can be made exits 2 with a located message."""
    (tmp_path / "plain").write_text("", encoding="utf-8")
    target = tmp_path / "plain" / "x.csv"
    Store(tmp_path / "s.sqlite").close()  # an export reads an existing store
    code = main(["checkin", str(CASE_DIR), "--store", str(tmp_path / "s.sqlite"), "--export",
                 str(target), "--lang", "en"])  # fmt: skip
    err = capsys.readouterr().err
    assert (code, "Traceback" in err) == (2, False)
    assert f"{target}: cannot write the export" in err


def test_header_only_import_says_the_file_held_nothing(tmp_path, capsys):
    """A file with a header row alone says there was nothing in it, not "saved 0"."""
    path = tmp_path / "empty.csv"
    path.write_text("团队,关键成果,日期,数值\n", encoding="utf-8")
    main(["checkin", str(CASE_DIR), "--store", str(tmp_path / "s.sqlite"), "--import", str(path),
          "--lang", "en"])  # fmt: skip
    assert "has a header row and no check-ins under it" in capsys.readouterr().out


def test_gbk_import_is_announced_on_stderr(tmp_path, capsys):
    """A GBK check-in CSV is said on stderr to have been read as GBK, as validate says it."""
    path = _csv(tmp_path, "2015-07-31", encoding="gbk", name="进展.csv")
    path.write_bytes(
        "团队,关键成果,日期,数值,说明\nrep-li,KR1.4,2015-07-31,700,大单签约\n".encode("gbk")
    )
    main(["checkin", str(CASE_DIR), "--store", str(tmp_path / "s.sqlite"), "--import", str(path),
          "--lang", "en"])  # fmt: skip
    assert f"{path}: read as GBK (GB18030)" in capsys.readouterr().err


def test_zh_missing_column_names_the_chinese_header(tmp_path):
    """The Chinese message for a missing column names it as 日期 too, not date alone."""
    path = tmp_path / "ck.csv"
    path.write_text("团队,关键成果,数值\nrep-li,KR1.4,700\n", encoding="utf-8")
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    assert "缺少列：date/日期" in error.value.render("zh")


def _refusal(tmp_path, text, lang):
    path = tmp_path / "ck.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as error:
        read_checkins(path, CASE)
    return error.value.render(lang)


def test_zh_csv_row_is_located_in_chinese(tmp_path):
    """Under zh a bad CSV cell is located as 第 2 行 日期, not as row 2."""
    text = _refusal(tmp_path, "团队,关键成果,日期,数值\nrep-li,KR1.4,2015-13-01,700\n", "zh")
    assert "ck.csv: 第 2 行 日期：不是日期" in text and "row 2" not in text


def test_zh_unknown_column_is_located_in_chinese(tmp_path):
    """Under zh an unknown CSV column is located as 第 1 行第 5 列, and the list names 关键成果."""
    text = _refusal(
        tmp_path, "团队,关键成果,日期,数值,备注2\nrep-li,KR1.4,2015-06-30,700,x\n", "zh"
    )
    assert (
        "第 1 行第 5 列：未知列 '备注2'" in text
        and "kr/关键成果" in text
        and "column 5" not in text
    )


def test_en_csv_row_location_is_unchanged(tmp_path):
    """In English a bad CSV cell still reads row 2: 日期 (the header as the file spells it)."""
    text = _refusal(tmp_path, "团队,关键成果,日期,数值\nrep-li,KR1.4,2015-13-01,700\n", "en")
    assert "ck.csv: row 2: 日期: not a date" in text

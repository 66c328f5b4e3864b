"""The shipped A公司 records give the process-KR actuals of actuals/2015.yaml, by command and API."""

from __future__ import annotations

import datetime as dt

import pytest

from okrkit import load_case
from okrkit.actuals import load_actuals
from okrkit.cli import main
from okrkit.evidence import series
from okrkit.evidence.count import kr_actuals
from okrkit.evidence.run import evaluate
from tests.conftest import CASES

CASE = CASES / "a-company"


@pytest.fixture(scope="module")
def shipped():
    """The shipped case, its evidence actuals and the series, computed once."""
    case = load_case(CASE)
    with evaluate(case, "2015") as run:
        actuals = kr_actuals(run)
    return case, actuals, series(case, "2015")


def test_shipped_records_agree_with_actuals_2015(shipped):
    """Every process KR the records count equals its value in actuals/2015.yaml."""
    case, actuals, _ = shipped
    typed = load_actuals(CASE / "actuals" / "2015.yaml", case)
    counted = {(a["team"], a["kr"].id): a["actual"] for a in actuals}
    assert counted == {key: typed.for_team(key[0])[key[1]] for key in counted}


def test_every_process_kr_of_each_rep_is_counted(shipped):
    """Calls, visits and opportunities are counted for all three reps."""
    _, actuals, _ = shipped
    assert {(a["team"], a["kr"].id) for a in actuals} == {
        (rep, kr)
        for rep in ("rep-zhang", "rep-li", "rep-wang")
        for kr in ("KR1.1", "KR1.2", "KR1.3")
    }


def test_series_has_the_shape_the_check_in_store_imports(shipped):
    """series() has team, kr, cadence, period_start, period_end, value; a week runs Monday–Sunday."""
    frame = shipped[2]
    assert list(frame.columns) == ["team", "kr", "cadence", "period_start", "period_end", "value"]
    week = frame[frame.cadence == "week"].iloc[0]
    assert (week.period_start.weekday(), (week.period_end - week.period_start).days) == (0, 6)


def test_series_weeks_and_months_add_to_the_same_total(shipped):
    """Summed per KR, the weekly and the monthly counts give the same year total."""
    totals = shipped[2].groupby(["team", "kr", "cadence"])["value"].sum().unstack()
    assert (totals["week"] == totals["month"]).all()


def test_spring_festival_dips_and_year_end_rises(shipped):
    """February has the fewest calls of the year and December more than an ordinary month."""
    frame = shipped[2]
    months = frame[(frame.cadence == "month") & (frame.kr == "KR1.1") & (frame.team == "rep-zhang")]
    by_month = dict(zip([d.month for d in months.period_start], months.value, strict=True))
    assert min(by_month, key=by_month.get) == 2 and by_month[12] > by_month[5]


def test_quiet_week_is_a_zero_row(shipped):
    """The Spring Festival week (16–22 Feb 2015 holds the holiday) is a row, not a gap."""
    frame = shipped[2]
    week = frame[(frame.cadence == "week") & (frame.period_start == dt.date(2015, 2, 16))]
    assert len(week) == 9


def test_cli_prints_actual_against_target(capsys):
    """okrkit evidence prints 张伟: 每周有效电话 110, 目标 100 and the rejects summary."""
    assert main(["evidence", str(CASE), "--period", "2015"]) == 0
    out = capsys.readouterr().out
    assert "张伟：每周有效电话 110，目标 100" in out and "考勤打卡" in out


def test_cli_in_english_prints_no_chinese_labels(capsys):
    """--lang en words the lines in English."""
    main(["evidence", str(CASE), "--lang", "en"])
    out = capsys.readouterr().out
    assert "Zhang Wei: effective calls a week 110, target 100" in out and "目标" not in out


def test_cli_out_file_is_taken_by_score(tmp_path, capsys):
    """The --out actuals file is read by okrkit score unchanged."""
    out = tmp_path / "evidence.yaml"
    assert main(["evidence", str(CASE), "--out", str(out)]) == 0
    assert main(["score", str(CASE), "--actuals", str(out), "--team", "rep-zhang"]) == 0
    assert load_actuals(out, load_case(CASE)).for_team("rep-li")["KR1.1"] == 105.3


def test_cli_rejects_file_has_reasons_in_both_languages(tmp_path, capsys):
    """The rejects CSV names each record's reason in Chinese and English with its original columns."""
    path = tmp_path / "rejects.csv"
    main(["evidence", str(CASE), "--rejects", str(path), "--lang", "en"])
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {
        "location",
        "reason_zh",
        "reason_en",
        "found",
        "expected",
        "拜访对象",
        "checkin_type",
    } <= set(header)

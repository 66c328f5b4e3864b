"""Chapter 05's evidence helpers: the records' summary, the rejects to teach from, a rep's day."""

from pathlib import Path

import pandas as pd
import pytest

from okrkit import evidence, load_case, story

ROOT = Path(__file__).resolve().parents[1]
CASE = load_case(ROOT / "cases" / "a-company")
DAY = "2015-03-05"


@pytest.fixture(scope="module")
def run():
    with evidence.evaluate(CASE, 2015) as judged:
        yield judged


def test_records_summary_accounts_for_every_record(run):
    """Per source, read = counted + merged + rejected, and every configured source has a row."""
    table = story.records_summary(run, "en")
    assert (
        table["Read"].tolist() == (table["Counted"] + table["Merged"] + table["Rejected"]).tolist()
    )
    assert table["Source"].tolist() == [s.name for s in run.config.sources]


def test_reasons_table_lists_attendance_and_short_calls_most_first(run):
    """The reasons come most frequent first, attendance and short calls among them."""
    table = story.reasons_table(run, "zh")
    assert table["条数"].is_monotonic_decreasing
    assert {"attendance", "short_call", "no_checkin"} <= set(table["代码"])


def test_reject_examples_locate_a_no_checkin_row(run):
    """A 未打卡 example names its file and place and shows what was found."""
    table = story.reject_examples(run, ["no_checkin"], "zh", per_reason=1)
    assert len(table) == 1
    assert table.iloc[0]["位置"].startswith("wecom-checkins.json: checkindata[")
    assert table.iloc[0]["看到的"] == "未打卡"


def test_reject_examples_keep_the_order_of_the_reasons_asked(run):
    """Examples come in the order the reasons were asked for, two of each by default."""
    table = story.reject_examples(run, ["short_call", "attendance"], "en")
    reasons = table["Reason"].tolist()
    assert reasons == ["call too short to be effective"] * 2 + ["attendance, not a visit"] * 2


@pytest.mark.parametrize("lang", ["en"])
def test_english_tables_show_no_chinese(run, lang):
    """In English, the records' own words are translated and company names replaced."""
    frames = [story.reasons_table(run, lang),
              story.reject_examples(run, ["no_checkin", "attendance", "broken_number"], lang),
              story.day_followups(run, "rep-wang", DAY, lang, verdict=True)]  # fmt: skip
    text = " ".join(f.to_string() for f in frames)
    assert not [c for c in text if "\u4e00" <= c <= "\u9fff"]


def test_day_counts_agree_with_the_verdicts(run):
    """The day's counts are the rows, the phone rows and the rows the engine counted."""
    table = story.day_followups(run, "rep-wang", DAY, "zh", verdict=True)
    counts = story.day_call_counts(run, "rep-wang", DAY)
    assert counts["followups"] == len(table)
    assert counts["calls"] == int((table["方式"] == "电话").sum())
    assert counts["effective"] == int((table["判定"] == "计入").sum())
    assert counts["min_seconds"] == 60


def test_a_short_call_on_that_day_is_not_effective(run):
    """Every 电话 under 60 seconds that day is judged too short, never counted."""
    table = story.day_followups(run, "rep-wang", DAY, "zh", verdict=True)
    seconds = pd.to_numeric(table["通话时长（导出原样）"], errors="coerce")
    short = table[(table["方式"] == "电话") & (seconds < 60)]
    assert len(short) and set(short["判定"]) == {"通话过短，不是有效电话"}


def test_weekly_against_target_keeps_weekly_krs_of_the_year():
    """Only the weekly-cadence KR (calls), weeks starting in 2015, with each rep's own target."""
    frame = pd.DataFrame({"team": ["rep-li", "rep-li", "rep-li"], "kr": ["KR1.1", "KR1.1", "KR1.2"],
                          "cadence": ["week", "week", "week"],
                          "period_start": pd.to_datetime(["2014-12-29", "2015-01-05", "2015-01-05"]),
                          "value": [50, 130, 9]})  # fmt: skip
    weeks = story.weekly_against_target(CASE, frame)
    assert weeks["week"].tolist() == [pd.Timestamp("2015-01-05")]
    assert weeks["target"].tolist() == [117.0] and weeks["hit"].tolist() == [True]


@pytest.mark.parametrize(("text", "english"), [("约290秒", "about 290 s"), ("通话时长(秒)", "call seconds"),
                                               ("no check-in (未打卡)", "no check-in")])  # fmt: skip
def test_record_text_translates_the_exports_words(text, english):
    """The exports' Chinese words read in English; Chinese stays Chinese in zh."""
    assert story.record_text(text, "en") == english
    assert story.record_text(text, "zh") == text

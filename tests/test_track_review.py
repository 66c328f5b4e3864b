"""The monthly review (月度复盘): the month's progress, status change, notes and questions."""

from datetime import date

import pytest

from okrkit.cli import main
from okrkit.errors import OkrkitError
from okrkit.track.review import QUESTIONS, month_bounds, month_review, parse_month, review_lines
from okrkit.track.store import Store
from tests.track_helpers import CASE, CASE_DIR, LINEAR, checkin


@pytest.fixture
def store(tmp_path):
    """Li Na's sales: on pace at May's end, behind at June's, with a comment and a blocker."""
    with Store(tmp_path / "track.sqlite") as opened:
        opened.append([
            checkin(value=560, day=date(2015, 5, 29), confidence=7),
            checkin(value=570, day=date(2015, 6, 30), confidence=4, comment="两个项目推迟",
                    blockers="客户预算冻结"),
        ])  # fmt: skip
        yield opened


def _row(review, kr="KR1.4"):
    return review.krs[review.krs["kr"] == kr].iloc[0]


def test_month_progress_is_the_change_since_last_month(store):
    """The month's progress is this month's end minus last month's (570 − 560 of 1400)."""
    row = _row(month_review(CASE, store, "rep-li", "2015-06"))
    assert row["progress_month"] == pytest.approx(10 / 1400)


def test_status_change_since_last_month_is_named(store):
    """On track at May's end and at risk or worse at June's end: the change is 'worse'."""
    row = _row(month_review(LINEAR, store, "rep-li", "2015-06"))
    assert row["status_before"] == "on_track" and row["status"] != "on_track"
    assert row["change"] == "worse"


def test_confidence_trend_lists_rated_months_only(store):
    """The trend holds each rated month's last confidence: May 7, June 4."""
    assert _row(month_review(CASE, store, "rep-li", "2015-06"))["confidence_trend"] == [
        (5, 7.0),
        (6, 4.0),
    ]


def test_notes_are_the_months_comments_and_blockers(store):
    """June's comment and blocker are the review's notes; May's silent check-in is not."""
    notes = month_review(CASE, store, "rep-li", "2015-06").notes
    assert notes[["kr", "comment", "blockers"]].values.tolist() == [
        ["KR1.4", "两个项目推迟", "客户预算冻结"]
    ]


def test_a_kr_nobody_checked_in_is_stale_and_asked_about(store):
    """KRs without a check-in are stale, and the stale question names them."""
    review = month_review(CASE, store, "rep-li", "2015-06")
    stale = next(q for q in review.questions if q["id"] == "stale")
    assert "KR3.1" in stale["krs"] and _row(review, "KR3.1")["status"] == "stale"


def test_confidence_question_names_the_kr_whose_confidence_fell(store):
    """Confidence 7 → 4 puts KR1.4 under the confidence question."""
    review = month_review(CASE, store, "rep-li", "2015-06")
    assert next(q for q in review.questions if q["id"] == "confidence")["krs"] == ["KR1.4"]


def test_questions_are_bilingual_data_in_the_methods_order(store):
    """Every question has Chinese and English, in QUESTIONS order."""
    review = month_review(CASE, store, "rep-li", "2015-06")
    assert [q["id"] for q in review.questions] == [q[0] for q in QUESTIONS]
    assert all(q["zh"] and q["en"] for q in review.questions)


def test_january_compares_with_nothing():
    """January's review has no month before: progress counts from zero, change 'first month'."""
    assert month_bounds("2015-01")[2] is None


@pytest.mark.parametrize("text", ["2015-13", "June", "2015-06-15", "6月"])
def test_a_bad_month_is_refused_in_both_languages(text):
    """A month that is not a year and a month is a located error in zh and en."""
    with pytest.raises(OkrkitError) as caught:
        month_bounds(text)
    assert "--month" in str(caught.value) and "不是月份" in caught.value.zh


@pytest.mark.parametrize(
    "text", ["2015-06", "2015-6", "2015/6", "2015.06", "2015年6月", "２０１５－０６"]
)
def test_a_month_as_people_type_it_reads_as_june(text):
    """2015/6, 2015年6月 and full-width digits read as the month 2015-06, as --date reads dates."""
    assert parse_month(text) == "2015-06"


def test_review_month_titles_the_month_as_yyyy_mm(capsys):
    """`review-month --month 2015年6月` reviews June and titles it 2015-06."""
    main(
        ["review-month", str(CASE_DIR), "--team", "rep-li", "--month", "2015年6月", "--lang", "en"]
    )
    assert "monthly review · 2015-06" in capsys.readouterr().out


def test_review_lines_in_english_keep_notes_out_when_asked(store):
    """notes=False leaves the typed comments out; the questions close the review."""
    review = month_review(CASE, store, "rep-li", "2015-06")
    lines = review_lines(CASE, review, "en", notes=False)
    assert not any("两个项目推迟" in line for line in lines)
    assert lines[-1].startswith("6. What changes next month")


def test_cli_prints_the_review_and_refuses_an_unknown_team(store, capsys):
    """`okrkit review-month` prints the review (exit 0); an unknown team exits 2, located."""
    args = ["review-month", str(CASE_DIR), "--store", str(store.path), "--month", "2015-06"]
    assert main([*args, "--team", "rep-li", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "monthly review · 2015-06" in out and "客户预算冻结" in out
    assert main([*args, "--team", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err

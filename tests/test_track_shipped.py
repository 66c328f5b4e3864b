"""The case's shipped year in one store, and a tracking block tried without editing case.yaml."""

import pytest

from okrkit.errors import CaseError, OkrkitError
from okrkit.track import shipped
from okrkit.track.review import kr_brief, kr_row
from okrkit.track.settings import tracking_settings, with_tracking
from tests.track_helpers import CASE


def test_case_store_holds_the_typed_checkins_and_is_idempotent(tmp_path):
    """The shipped check-ins are stored once; opening the same folder again adds nothing."""
    with shipped.case_store(CASE, tmp_path, evidence=False) as store:
        first = store.count()
        assert first > 0 and set(store.frame(2015)["source"]) == {"typed"}
    with shipped.case_store(CASE, tmp_path, evidence=False) as store:
        assert store.count() == first


def test_case_store_adds_the_records_counts(tmp_path):
    """With evidence, the reps' weekly calls arrive as source 'evidence'."""
    with shipped.case_store(CASE, tmp_path) as store:
        calls = store.frame(2015, team="rep-li", kr="KR1.1")
    assert set(calls["source"]) == {"evidence"} and len(calls) >= 52


def test_case_store_names_a_missing_checkins_file(tmp_path):
    """A cycle with no check-ins file is a located error in both languages."""
    with pytest.raises(OkrkitError) as caught:
        shipped.case_store(CASE, tmp_path, 2016)
    assert "checkins/2016.csv" in str(caught.value).replace("\\", "/")
    assert "没有 2016 年" in caught.value.zh


def test_with_tracking_declares_a_pace_profile():
    """The block reads as if it were in case.yaml; the case itself is unchanged."""
    linear = with_tracking(CASE, {"pace": "linear"})
    assert tracking_settings(linear).pace.kind == "linear"
    assert tracking_settings(CASE).pace_of("rep-li", "KR1.4").kind == "monthly"  # the case's own


def test_with_tracking_refuses_what_case_yaml_would_refuse():
    """A threshold that is no percent is refused with its place named."""
    with pytest.raises(CaseError) as caught:
        with_tracking(CASE, {"at_risk": "lots"})
    assert "at_risk" in caught.value.render("en")


def test_kr_brief_gives_no_answer_but_the_weeks_left(tmp_path):
    """The brief states target, value and weeks left, not the needed rate."""
    from datetime import date

    from okrkit.track.picture import picture

    with shipped.case_store(CASE, tmp_path, evidence=False) as store:
        row = kr_row(picture(CASE, store, date(2015, 6, 30)), "rep-li", "KR1.4")
    text = kr_brief(CASE, row, "zh")
    assert text.startswith("KR1.4：目标 1400 万元") and "26.3 周" in text
    assert f"{row['needed']:.1f}" not in text

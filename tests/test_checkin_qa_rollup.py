"""QA findings L7 and L15: a deduction objective's confidence; the review rounds as status does."""

from __future__ import annotations

from datetime import date

from track_helpers import CASE, checkin, view

from okrkit.track.review import review_lines
from okrkit.track.tables import kr_table


def test_deduction_objective_takes_its_rated_kr_confidence(tmp_path):
    """O4 (deduction items only) shows the confidence its KR was given, not none."""
    picture = view(tmp_path, [checkin(kr="KR4.1", value=1, confidence=6)])
    frame = picture.objectives
    [row] = frame[(frame["team"] == "rep-li") & (frame["objective"] == "O4")].itertuples()
    assert row.confidence == 6.0


def test_weighted_objective_confidence_still_ignores_unrated_krs(tmp_path):
    """An objective of weighted KRs keeps the weighted mean over the rated KRs (unchanged rule)."""
    items = [checkin(kr="KR1.4", value=600, confidence=8), checkin(kr="KR1.1", value=100, confidence=4,
             day=date(2015, 6, 26))]  # fmt: skip
    frame = view(tmp_path, items).objectives
    [row] = frame[(frame["team"] == "rep-li") & (frame["objective"] == "O1")].itertuples()
    assert 4.0 < row.confidence < 8.0


def test_review_forecast_is_rounded_as_status_rounds_it(tmp_path):
    """review-month prints the year-end forecast with the digits okrkit status shows for it."""
    from okrkit.track.review import month_review
    from okrkit.track.store import Store

    with Store(tmp_path / "t.sqlite") as store:
        store.append([checkin(kr="KR3.2", value=v, day=date(2015, m, 28)) for m, v in
                      ((4, 8), (5, 9), (6, 8.26))])  # fmt: skip
        review = month_review(CASE, store, "rep-li", "2015-06")
        from okrkit.track.picture import picture

        shown = kr_table(
            picture(CASE, store, date(2015, 6, 30), teams=[CASE.team("rep-li")]), "rep-li", "en"
        )
    run = shown.loc[shown["KR"] == "KR3.2", "Forecast (run rate)"].iloc[0]
    [line] = [
        x for x in review_lines(CASE, review, "en") if "year-end forecast" in x and f" {run} " in x
    ]
    assert line

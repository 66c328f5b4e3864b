"""Roll-ups: an objective's worst KR beside its weighted progress; teams and departments."""

from __future__ import annotations

from datetime import date

import pytest
from track_helpers import checkin, view

JUNE_29 = date(2015, 6, 29)


def _objective(picture, team, objective):
    frame = picture.objectives
    return frame[(frame["team"] == team) & (frame["objective"] == objective)].iloc[0]


def test_objective_takes_its_worst_krs_status(tmp_path):
    """One KR off track among on-track ones makes the objective off track."""
    items = [checkin(kr="KR1.4", value=900, day=JUNE_29),
             checkin(kr="KR1.1", value=120, day=JUNE_29),
             checkin(kr="KR1.2", value=30, day=JUNE_29),
             checkin(kr="KR1.3", value=5, day=JUNE_29)]  # fmt: skip
    assert _objective(view(tmp_path, items), "rep-li", "O1")["status"] == "off_track"


def test_objective_progress_is_weighted_by_kr_weights(tmp_path):
    """KR1.4 (20) at 50% and KR1.1 (10) at 100%, the rest silent: (10 + 10) / 60."""
    items = [checkin(kr="KR1.4", value=700, day=JUNE_29),
             checkin(kr="KR1.1", value=117, day=JUNE_29)]  # fmt: skip
    assert _objective(view(tmp_path, items), "rep-li", "O1")["progress"] == pytest.approx(20 / 60)


def test_silent_krs_make_the_objective_stale_not_green(tmp_path):
    """Only one KR checked in, on track: the objective is stale, the rest being silent."""
    items = [checkin(kr="KR1.4", value=900, day=JUNE_29)]
    assert _objective(view(tmp_path, items), "rep-li", "O1")["status"] == "stale"


def test_department_rolls_up_its_teams(tmp_path):
    """The sales department's roll-up counts its own KRs and its three reps'."""
    picture = view(tmp_path, [checkin(kr="KR1.4", value=900, day=JUNE_29)])
    sales = picture.scopes.set_index("scope").loc["sales"]
    krs = sum(1 for t in ("sales", "rep-zhang", "rep-li", "rep-wang")
              for _ in __import__("track_helpers").CASE.team(t).key_results())  # fmt: skip
    assert (sales["teams"], sales["krs"], sales["on_track"]) == (4, krs, 1)


def test_company_rolls_up_every_team(tmp_path):
    """The company scope (gm) covers all six teams, worst status included."""
    picture = view(tmp_path, [checkin(kr="KR1.4", value=100, day=JUNE_29)])
    gm = picture.scopes.set_index("scope").loc["gm"]
    assert gm["teams"] == 6 and gm["status"] == "off_track"


def test_team_forecast_total_and_grade(tmp_path):
    """The team's forecast total adds the KRs' forecast points; the grade comes from the bands."""
    picture = view(tmp_path, [checkin(kr="KR1.4", value=1400, day=JUNE_29)])
    team = picture.teams.set_index("team").loc["rep-li"]
    assert team["forecast_run"] == pytest.approx(20) and team["grade_run"] == "D"


def test_objective_confidence_is_weighted_by_kr_weights(tmp_path):
    """Confidence 8 on KR1.4 (20) and 5 on KR1.1 (10), the rest unrated: (160 + 50) / 30."""
    items = [checkin(kr="KR1.4", value=700, day=JUNE_29, confidence=8),
             checkin(kr="KR1.1", value=117, day=JUNE_29, confidence=5)]  # fmt: skip
    assert _objective(view(tmp_path, items), "rep-li", "O1")["confidence"] == pytest.approx(7)

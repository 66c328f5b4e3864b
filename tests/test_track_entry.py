"""record_checkin: the one way a front end saves a check-in (validated, suggested, stored)."""

from __future__ import annotations

import pytest
from track_helpers import CASE

from okrkit.errors import CaseError
from okrkit.track.entry import record_checkin
from okrkit.track.store import Store


def test_saved_checkin_carries_the_rules_suggestion(tmp_path):
    """An override is stored with the rule's own status beside it."""
    with Store(tmp_path / "track.sqlite") as store:
        saved = record_checkin(CASE, store, team="rep-li", kr="KR1.4", value=300,
                               date="2015-06-30", status="正常", reason="两个大单七月签")  # fmt: skip
        (row,) = store.rows(2015)
    assert (saved.status, saved.suggested) == ("on_track", "off_track")
    assert (row["status"], row["suggested"], row["status_reason"]) == (
        "on_track", "off_track", "两个大单七月签")  # fmt: skip


def test_refused_checkin_writes_nothing(tmp_path):
    """A bad value raises the located problems and leaves the store empty."""
    with Store(tmp_path / "track.sqlite") as store:
        with pytest.raises(CaseError):
            record_checkin(CASE, store, team="rep-li", kr="KR1.4", value="x", date="2015-06-30")
        assert store.count() == 0

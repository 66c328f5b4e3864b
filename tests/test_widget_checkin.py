"""The manager's check-in panel driven headlessly, and two processes saving at once."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrkit.track.store import Store
from okrkit.widgets.checkin import CheckinPanel
from tests.track_helpers import CASE

ROOT = Path(__file__).resolve().parents[1]
JUNE = date(2015, 6, 30)


@pytest.fixture
def panel(tmp_path):
    made = CheckinPanel(CASE, tmp_path / "track.sqlite", team="rep-li", kr="KR1.4", day=JUNE,
                        lang="en")  # fmt: skip
    yield made
    made.close()


def _count(path) -> int:
    with Store(path) as store:
        return store.count()


def test_suggested_status_follows_the_value_before_saving(panel, tmp_path):
    """Typing 700 suggests on track, 300 off track; nothing is written while typing."""
    panel.value.value = "700"
    assert panel.suggested_status == "on_track" and "By rule: on track" in panel.suggestion.value
    panel.value.value = "300"
    assert panel.suggested_status == "off_track"
    assert _count(tmp_path / "track.sqlite") == 0


def test_save_writes_one_typed_checkin_through_record_checkin(panel, tmp_path):
    """Save stores the value, confidence, comment and blockers, and says what the rule gives."""
    panel.value.value, panel.confidence.value = "650", 6
    panel.comment.value, panel.blockers.value = "两个大单七月签", "客户预算"
    panel.save()
    with Store(tmp_path / "track.sqlite") as store:
        [row] = store.rows(2015)
    assert (row["value"], row["confidence"], row["source"]) == (650.0, 6, "typed")
    assert (row["comment"], row["blockers"]) == ("两个大单七月签", "客户预算")
    assert panel.message.level == "ok" and panel.message.text.startswith(
        "Saved: Sales rep (Li Na) KR1.4"
    )


def test_the_status_table_refreshes_after_a_save(panel):
    """Before: KR1.4 stale (nobody checked in); after saving 700: on track."""
    kr_index = [kr.id for _, kr in CASE.team("rep-li").key_results()].index("KR1.4")
    assert panel.status_column[kr_index] == "stale"
    panel.value.value = "700"
    panel.save()
    assert panel.status_column[kr_index] == "on track"


def test_a_bad_value_is_located_and_nothing_is_written(tmp_path):
    """'abc' for sales is refused in the panel's language, naming the field; the store stays empty."""
    panel = CheckinPanel(CASE, tmp_path / "track.sqlite", team="rep-li", kr="KR1.4", day=JUNE)
    panel.value.value = "abc"
    panel.save()
    assert panel.message.level == "error" and "value" in panel.message.text
    assert _count(tmp_path / "track.sqlite") == 0
    panel.close()


def test_a_date_outside_the_cycle_is_refused(panel, tmp_path):
    """A check-in dated in 2016 for the 2015 cycle is an error; nothing written."""
    panel.value.value, panel.date.value = "700", "2016-03-01"
    panel.save()
    assert panel.message.level == "error"
    assert _count(tmp_path / "track.sqlite") == 0


def test_saving_the_same_entry_twice_stores_it_once(panel, tmp_path):
    """A second click with nothing changed says so and adds no row."""
    panel.value.value = "700"
    panel.save()
    panel.save()
    assert panel.message.level == "info" and _count(tmp_path / "track.sqlite") == 1


def test_picking_another_team_lists_its_krs(panel):
    """Finance's KRs replace Li Na's when the team changes."""
    panel.team_picker.value = "finance"
    assert [v for _, v in panel.kr_picker.options] == ["KR1.1", "KR1.2", "KR1.3", "KR2.1", "KR2.2"]


def test_another_team_redraws_the_table_at_a_date_typed_with_slashes(panel):
    """With 2015/6/30 in the date field, picking finance draws finance's table at 30 June."""
    panel.date.value = "2015/6/30"
    panel.team_picker.value = "finance"
    assert "Finance" in panel.table.value and "2015-06-30" in panel.table.value


WRITER = """
import sys, time
from datetime import date, timedelta
from pathlib import Path
from okrkit import load_case
from okrkit.track.entry import record_checkin
from okrkit.track.store import Store
case = load_case(sys.argv[1]); path, team, n, go = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
while not go.exists():
    time.sleep(0.01)
with Store(path) as store:
    for i in range(n):
        record_checkin(case, store, team=team, kr="KR1.4", value=100 + i,
                       date=date(2015, 1, 5) + timedelta(days=i), source="typed")
"""


def test_two_processes_saving_at_once_lose_no_entry(tmp_path):
    """Two browser tabs are two kernels: two writer processes, 25 entries each, all 50 kept."""
    go = tmp_path / "go"
    path = tmp_path / "track.sqlite"
    Store(path).close()  # the schema exists before the race
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT / "cases" / "a-company"), str(path),
                                 team, "25", str(go)]) for team in ("rep-li", "rep-wang")]  # fmt: skip
    go.touch()
    assert [w.wait(timeout=180) for w in writers] == [0, 0]
    with Store(path) as store:
        rows = store.rows(2015)
    assert len(rows) == 50
    assert sorted({r["team"] for r in rows}) == ["rep-li", "rep-wang"]


def test_showing_the_panel_creates_no_store(tmp_path):
    """Until a check-in is saved, the panel reads an empty log and writes no file."""
    panel = CheckinPanel(CASE, tmp_path / "track.sqlite", team="rep-li", day=JUNE)
    panel.value.value = "700"
    assert panel.suggested_status == "on_track" and not (tmp_path / "track.sqlite").exists()
    panel.close()


def test_the_app_page_has_a_progress_tab_that_follows_the_team(worked_case_dir):
    """The manager's page: a third tab 进展 holding the panel, on the page's team."""
    from okrkit import load_case
    from okrkit.widgets.app import AppView

    view = AppView(load_case(worked_case_dir), "sales")
    assert view.tabs.titles[2] == "进展" and isinstance(view.tabs.children[2], CheckinPanel)
    view.team_picker.value = "rep-wang"
    assert view.checkin.team_picker.value == "rep-wang"
    assert not (worked_case_dir / "track.sqlite").exists()


def test_suggestion_writes_large_numbers_with_separators(tmp_path):
    """At year end the expected sales read 1,400, never 1.4e+03."""
    panel = CheckinPanel(CASE, tmp_path / "t.sqlite", team="rep-li", kr="KR1.4",
                         day=date(2015, 12, 31), lang="en")  # fmt: skip
    panel.value.value = "300"
    assert "expected 1,400" in panel.suggestion.value
    panel.close()

"""The shipped 2015 check-ins: reproducible, readable, agreeing with the year-end actuals."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrkit.actuals import load_actuals
from okrkit.track.io import read_checkins
from okrkit.track.picture import picture
from okrkit.track.store import Store
from tests.track_helpers import CASE, CASE_DIR

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = CASE_DIR / "checkins" / "2015.csv"


@pytest.fixture(scope="module")
def items():
    return read_checkins(SHIPPED, CASE)


@pytest.fixture(scope="module")
def store(tmp_path_factory, items):
    with Store(tmp_path_factory.mktemp("shipped") / "track.sqlite") as opened:
        opened.append(items)
        yield opened


def test_script_reproduces_the_shipped_file(tmp_path):
    """scripts/make_checkins.py with its default seed writes the committed file byte for byte."""
    out = tmp_path / "2015.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_checkins.py"), "--out", str(out)],
                   check=True, capture_output=True)  # fmt: skip
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_every_row_is_a_typed_checkin_with_one_key(items):
    """Every row reads as a typed check-in, no two at the same key (nothing superseded)."""
    assert items and {i.source for i in items} == {"typed"}
    assert len({i.key for i in items}) == len(items)


def test_year_end_agrees_with_the_actuals(store):
    """Each typed KR's value at year end is the actuals file's (per period: the average)."""
    actuals = load_actuals(CASE_DIR / "actuals" / "2015.yaml", CASE)
    rows = store.frame(2015)
    for (team, kr), group in rows.groupby(["team", "kr"]):
        expected = actuals.for_team(team)[kr]
        if (
            group["mode"].iloc[0] == "per_period"
            and CASE.team(team).key_result(kr).direction != "milestone"
        ):
            assert group["value"].mean() == pytest.approx(expected, abs=0.05), (team, kr)
        else:
            assert group.sort_values("date")["value"].iloc[-1] == pytest.approx(expected), (
                team,
                kr,
            )


def test_reps_process_krs_are_left_to_the_evidence(items):
    """No rep's calls, visits or opportunities are typed: they come from the records."""
    assert not [
        i for i in items if i.team.startswith("rep-") and i.kr in ("KR1.1", "KR1.2", "KR1.3")
    ]


def test_the_story_at_june_li_behind_wang_sliding_finance_stale(store):
    """At 30 June: 李娜's sales behind, 王强's sales worse than in May, finance stale."""
    june = picture(CASE, store, date(2015, 6, 30)).krs.set_index(["team", "kr"])["status"]
    may = picture(CASE, store, date(2015, 5, 29)).krs.set_index(["team", "kr"])["status"]
    assert june[("rep-li", "KR1.4")] in ("at_risk", "off_track")
    assert may[("rep-wang", "KR1.4")] == "on_track" and june[("rep-wang", "KR1.4")] == "at_risk"
    assert (june.loc["finance"] == "stale").all()

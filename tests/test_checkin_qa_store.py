"""QA findings on the store: a manager's entry and the records' count for one period, side by side."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from track_helpers import CASE, CASE_DIR, checkin

from okrkit.cli import main
from okrkit.track.io import export_checkins, read_checkins
from okrkit.track.store import Store, import_series

WEEK = date(2015, 6, 22)  # the week rep-li typed KR1.1 for


def _count(value):
    """The records' count of rep-li's KR1.1 calls in the week of 22 June."""
    return pd.DataFrame({"team": ["rep-li"], "kr": ["KR1.1"], "cadence": ["week"],
                         "period_start": [WEEK], "period_end": [date(2015, 6, 28)],
                         "value": [value]})  # fmt: skip


def _typed(value=130):
    return checkin(kr="KR1.1", value=value, day=date(2015, 6, 26), confidence=8,
                   comment="typed by manager")  # fmt: skip


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "track.sqlite") as opened:
        yield opened


def _shown(store):
    [row] = [
        r for r in store.rows(2015, team="rep-li", kr="KR1.1") if r["period_start"] == "2015-06-22"
    ]
    return row["value"], row["confidence"], row["source"]


def test_evidence_after_typing_does_not_replace_the_typed_entry(store):
    """An evidence run after a manager typed the week shows the manager's value, confidence and source."""
    store.append([_typed()])
    import_series(store, _count(90), CASE)
    assert _shown(store) == (130.0, 8, "typed")


def test_typing_after_evidence_is_not_undone_by_the_next_evidence_run(store):
    """Typing over a count, then running the evidence again, keeps the typed entry shown."""
    import_series(store, _count(90), CASE)
    store.append([_typed()])
    result = import_series(store, _count(90), CASE)
    assert (_shown(store), result.added, result.unchanged) == ((130.0, 8, "typed"), 0, 1)


def test_both_entries_stay_in_the_log(store):
    """The append-only log holds the typed entry and the count at the same key."""
    store.append([_typed()])
    import_series(store, _count(90), CASE)
    sources = sorted(r["source"] for r in store.rows(2015, kr="KR1.1", current=False))
    assert sources == ["evidence", "typed"]


def test_count_differing_from_a_typed_entry_is_listed_beside_it(store):
    """Store.beside names the KR, the period, the manager's value and the records' count."""
    store.append([_typed()])
    import_series(store, _count(90), CASE)
    [row] = store.beside(2015, team="rep-li")
    assert (row["kr"], row["period_start"], row["value"], row["evidence"]) == (
        "KR1.1",
        "2015-06-22",
        130.0,
        90.0,
    )


def test_append_counts_the_counts_kept_beside_a_manager(store):
    """An evidence append says how many counts differ from a manager's shown entry."""
    store.append([_typed()])
    assert import_series(store, _count(90), CASE).beside == 1


def test_a_changed_count_corrects_the_count_not_the_typed_entry(store):
    """A new count for the week supersedes the old count and leaves the typed entry shown."""
    store.append([_typed()])
    import_series(store, _count(90), CASE)
    result = import_series(store, _count(95), CASE)
    assert (result.superseded, _shown(store), store.beside(2015)[0]["evidence"]) == (
        1,
        (130.0, 8, "typed"),
        95.0,
    )


def test_export_keeps_the_count_beside_the_typed_entry(store, tmp_path):
    """An export holds both entries, and importing it into a new store shows the same."""
    store.append([_typed()])
    import_series(store, _count(90), CASE)
    export_checkins(store, tmp_path / "x.csv", case=CASE)
    with Store(tmp_path / "new.sqlite") as other:
        other.append(read_checkins(tmp_path / "x.csv", CASE))
        assert (_shown(other), other.beside(2015)[0]["evidence"]) == ((130.0, 8, "typed"), 90.0)


def test_status_shows_the_count_beside_the_typed_value(tmp_path, capsys):
    """okrkit status prints the week where the manager's value differs from the records' count."""
    path = tmp_path / "track.sqlite"
    with Store(path) as opened:
        opened.append([_typed()])
        import_series(opened, _count(90), CASE)
    main(["status", str(CASE_DIR), "--store", str(path), "--team", "rep-li", "--date", "2015-06-30",
          "--lang", "en"])  # fmt: skip
    assert (
        "KR1.1 period from 2015-06-22: typed 130, the records count 90" in capsys.readouterr().out
    )


def _run(*args):
    return main([*args])


@pytest.mark.parametrize(
    "args",
    [
        ("review-month", str(CASE_DIR), "--team", "rep-wang", "--month", "2016-06"),
        ("status", str(CASE_DIR), "--as-of", "2016-06-30"),
        ("status", str(CASE_DIR), "--as-of", "2015-06-30", "--cycle", "2014"),
    ],
    ids=["review-month-2016", "status-2016", "status-cycle-2014"],
)
def test_a_date_outside_the_cycle_is_refused(args, capsys):
    """A month or date outside the cycle read exits 2 with a located message naming the option."""
    code = _run(*args, "--lang", "en")
    err = capsys.readouterr().err
    assert (code, "outside the" in err, "Traceback" in err) == (2, True, False)


def test_zh_outside_the_cycle_is_chinese(capsys):
    """The refusal is worded in Chinese under --lang zh."""
    _run("status", str(CASE_DIR), "--as-of", "2016-06-30", "--lang", "zh")
    assert "--date: 不在 2015 周期内" in capsys.readouterr().err


def test_status_with_a_mistyped_store_is_refused(tmp_path, capsys):
    """status --store naming no file exits 2, names the path and the case's default, creates nothing."""
    path = tmp_path / "none.sqlite"
    code = _run(
        "status", str(CASE_DIR), "--store", str(path), "--date", "2015-06-30", "--lang", "en"
    )
    err = capsys.readouterr().err
    named = str(path) in err and str(CASE_DIR / "track.sqlite") in err and "--store" in err
    assert (code, path.exists(), named, "Traceback" in err) == (2, False, True, False)


def test_review_month_with_a_mistyped_store_is_refused(tmp_path, capsys):
    """review-month --store naming no file exits 2 in Chinese under zh and creates nothing."""
    path = tmp_path / "none.sqlite"
    code = _run("review-month", str(CASE_DIR), "--team", "rep-li", "--month", "2015-06",
                "--store", str(path), "--lang", "zh")  # fmt: skip
    err = capsys.readouterr().err
    assert (code, path.exists(), "此路径下没有进展记录库" in err) == (2, False, True)


def test_export_from_a_mistyped_store_is_refused(tmp_path, capsys):
    """checkin --export --store naming no file exits 2 and writes neither the store nor the export."""
    path, out = tmp_path / "none.sqlite", tmp_path / "out.csv"
    code = _run("checkin", str(CASE_DIR), "--store", str(path), "--export", str(out),
                "--lang", "en")  # fmt: skip
    assert (code, path.exists(), out.exists()) == (2, False, False)


def test_checkin_starts_a_new_store_at_a_new_path(tmp_path):
    """A command that writes (checkin --value) may start a store at a path with no file yet."""
    path = tmp_path / "new.sqlite"
    code = _run("checkin", str(CASE_DIR), "--store", str(path), "--team", "rep-li", "--kr", "KR1.4",
                "--value", "700", "--date", "2015-06-30", "--confidence", "8")  # fmt: skip
    with Store(path) as opened:
        assert (code, opened.count()) == (0, 1)

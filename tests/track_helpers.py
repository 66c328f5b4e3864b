"""Shared helpers for the tests of okrkit.track: a loaded case, check-ins, a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrkit.cases import load_case
from okrkit.errors import ProblemLog
from okrkit.track.checkin import Place, make_checkin
from okrkit.track.settings import with_tracking

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "cases" / "a-company"
CASE = load_case(CASE_DIR)
# The worked case with a straight-line pace (its case.yaml gives its sales KRs the Spring
# Festival dip): for the tests of what a linear pace gives.
LINEAR = with_tracking(CASE, {key: value for key, value in (CASE.sections.get("tracking") or {}).items()
                              if key != "krs"})  # fmt: skip


def checkin(team="rep-li", kr="KR1.4", value=600, day=date(2015, 6, 30), case=CASE, **more):
    """A valid check-in (the test fails loudly if the helper's input is refused)."""
    log = ProblemLog()
    item = make_checkin(case, Place("test"), log, team=team, kr=kr, value=value, date=day, **more)
    assert not log.problems, [p.render("en") for p in log.problems]
    return item


def problems(case=CASE, **fields):
    """The problems (English) a check-in with ``fields`` is refused for."""
    log = ProblemLog()
    base = {"team": "rep-li", "kr": "KR1.4", "value": 600, "date": "2015-06-30"}
    make_checkin(case, Place("test"), log, **{**base, **fields})
    return [p.render("en") for p in log.problems]


def view(tmp_path, items, as_of=date(2015, 6, 30), case=CASE, teams=None):
    """The picture of ``case`` at ``as_of`` with ``items`` in a fresh store."""
    from okrkit.track.picture import picture
    from okrkit.track.store import Store

    with Store(tmp_path / "track.sqlite") as store:
        store.append(items)
        return picture(case, store, as_of, teams=teams)


def kr_row(picture, kr="KR1.4", team="rep-li"):
    """One KR's row of a picture, as a dict."""
    frame = picture.krs
    return frame[(frame["team"] == team) & (frame["kr"] == kr)].iloc[0].to_dict()


def set_tracking(case_dir: Path, block: str = "") -> Path:
    """``case_dir``'s case.yaml with its ``tracking:`` block replaced by ``block`` (or removed)."""
    path = Path(case_dir) / "case.yaml"
    path.write_text(without_tracking(path) + block, encoding="utf-8")
    return Path(case_dir)


def without_tracking(path: Path) -> str:
    """The text of a case.yaml without its ``tracking:`` block (to append another)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("tracking:")), None)
    if start is None:
        return "".join(lines)
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha()), len(lines))
    return "".join(lines[:start] + lines[end:])

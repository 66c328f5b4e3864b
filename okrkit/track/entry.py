"""One check-in from any front end: validated, its rule status suggested, stored.

``okrkit checkin`` and the manager's page both call :func:`record_checkin`,
so a value typed in a terminal and one typed in a browser tab are refused for
the same reasons and get the same suggested status. The suggestion is the
rule's status with the new value counted, computed before the row is written
and stored beside any override.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from okrkit.errors import ProblemLog
from okrkit.model import Case
from okrkit.track.checkin import Place, make_checkin
from okrkit.track.picture import Picture, picture
from okrkit.track.store import AppendResult, CheckIn, Store


@dataclass(frozen=True)
class Recorded:
    """What saving one check-in did: the entry, the store's answer, the KR's row after it."""

    checkin: CheckIn
    result: AppendResult | None
    status: str
    suggested: str
    row: dict
    picture: Picture | None = None  # the team's picture with the entry counted (at its date)


def preview_checkin(case: Case, store: Store, place: Place | None = None, **fields) -> Recorded:
    """What saving ``fields`` would give, without saving: the entry, its status and suggestion.

    The manager's page calls this on every keystroke to show the suggested
    status live; ``result`` is None (nothing was written). Raises
    :class:`okrkit.errors.CaseError` with every located problem.
    """
    log = ProblemLog()
    item = make_checkin(case, place or Place("check-in"), log, **fields)
    log.raise_if_any()
    # The team alone, without the department roll-ups: a save on the manager's page
    # judges one team's KRs, and reading the whole case would be most of the time.
    view = picture(case, store, item.date, cycle=item.cycle, teams=[case.team(item.team)],
                   extra=[item], scopes=False)  # fmt: skip
    row = view.krs[view.krs["kr"] == item.kr].iloc[0].to_dict()
    item = replace(item, suggested=row["suggested"])
    return Recorded(item, None, row["status"], row["suggested"], row, view)


def record_checkin(case: Case, store: Store, place: Place | None = None, **fields) -> Recorded:
    """Validate ``fields`` (as :func:`okrkit.track.checkin.make_checkin` takes them) and save.

    Raises :class:`okrkit.errors.CaseError` with every located problem, and
    then writes nothing.
    """
    preview = preview_checkin(case, store, place, **fields)
    result = store.append([preview.checkin])
    return replace(preview, result=result)

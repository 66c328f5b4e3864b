"""The picture at a date: every KR's expected value, actual, status and forecast,
with the objective, team and department roll-ups — one call for the CLI, the
workbook and the manager's page, so all three show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from okrkit.model import Case
from okrkit.scoring import grade_bands, scoring_settings
from okrkit.track import rollup
from okrkit.track.forecast import forecast
from okrkit.track.settings import TrackingSettings, tracking_settings
from okrkit.track.standing import (
    CHECKIN_COLUMNS,
    plan_columns,
    plan_frame,
    standing_columns,
    with_columns,
)
from okrkit.track.status import assess

if TYPE_CHECKING:
    import pandas as pd

    from okrkit.track.store import Store


@dataclass(frozen=True)
class Picture:
    """Where a case stands at ``as_of``: KRs, objectives, teams and roll-ups (DataFrames).

    ``objectives`` and ``teams`` are rolled up from ``krs`` when first read: the
    manager's page, which shows a team's KR table on every save, never pays for them.
    """

    as_of: date
    cycle: int
    krs: pd.DataFrame
    scopes: pd.DataFrame
    bands: tuple = ()
    rolled_teams: pd.DataFrame | None = field(default=None, repr=False)

    @cached_property
    def objectives(self) -> pd.DataFrame:
        """One row per team x objective (:func:`okrkit.track.rollup.objectives`)."""
        return rollup.objectives(self.krs)

    @cached_property
    def teams(self) -> pd.DataFrame:
        """One row per team (:func:`okrkit.track.rollup.teams`)."""
        if self.rolled_teams is not None:
            return self.rolled_teams
        return rollup.teams(self.krs, self.bands)


def assess_frames(
    plan: pd.DataFrame,
    profiles: np.ndarray,
    checkins: pd.DataFrame,
    as_of,
    cycle: int,
    settings: TrackingSettings,
    scoring=None,
) -> pd.DataFrame:
    """The KR frame: standing, status, forecast and progress (the vectorised path)."""
    # Numpy arrays by name from step to step, one DataFrame at the end.
    columns = {**plan_columns(plan),
               **standing_columns(plan, checkins, as_of, cycle, settings.fit_points)}  # fmt: skip
    columns = assess(columns, profiles, settings, as_of, cycle)
    columns = forecast(columns, settings, scoring, cycle)
    columns["progress"] = rollup.kr_progress(columns)
    return with_columns(plan, {name: v for name, v in columns.items() if name not in plan.columns})


def picture(
    case: Case,
    store: Store,
    as_of: date,
    *,
    cycle: int | None = None,
    teams=None,
    extra=(),
    scopes: bool = True,
) -> Picture:
    """The picture of ``case`` at ``as_of`` from the check-ins in ``store``.

    ``extra`` are check-ins not yet saved (to suggest a status before saving).
    The department and company roll-ups always cover every team, so picking
    ``teams`` narrows only the KR, objective and team rows. ``scopes=False``
    leaves the roll-ups out (an empty ``scopes``) and then reads and judges
    only the picked teams: what the manager's page needs on every save.
    """
    import pandas as pd

    cycle = cycle or case.year or as_of.year
    settings = tracking_settings(case)
    only = None if scopes or teams is None else list(teams)
    plan, profiles = plan_frame(case, settings, cycle, teams=only,
                                previous=_previous(store, settings))  # fmt: skip
    team = only[0].id if only is not None and len(only) == 1 else None
    checkins = store.frame(cycle, team=team, until=as_of, plus=extra)
    frame = assess_frames(plan, profiles, checkins[list(CHECKIN_COLUMNS)], as_of, cycle,
                          settings, scoring_settings(case))  # fmt: skip
    bands = tuple(grade_bands(case))
    per_team, scope = None, pd.DataFrame()
    if scopes:  # the department and company roll-ups take every team
        per_team = rollup.teams(frame, bands)
        scope = rollup.scopes(frame, case, per_team)
    if teams is not None:
        wanted = [t.id for t in teams]
        frame = frame[frame["team"].isin(wanted)]
        if per_team is not None:
            per_team = per_team[per_team["team"].isin(wanted)].reset_index(drop=True)
    return Picture(as_of, cycle, frame.reset_index(drop=True), scope, bands, per_team)


def _previous(store: Store, settings: TrackingSettings):
    cycles = {p.cycle for p in [settings.pace, *(k.pace for k in settings.krs.values())]
              if p is not None and p.kind == "last_cycle"}  # fmt: skip
    if not cycles:
        return None
    import pandas as pd

    return pd.concat([store.frame(c) for c in sorted(cycles)])

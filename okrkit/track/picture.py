"""The picture at a date: every KR's expected value, actual, status and forecast,
with the objective, team and department roll-ups — one call for the CLI, the
workbook and the manager's page, so all three show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from okrkit.model import Case
from okrkit.scoring import grade_bands, scoring_settings
from okrkit.track import rollup
from okrkit.track.forecast import forecast
from okrkit.track.settings import TrackingSettings, tracking_settings
from okrkit.track.standing import CHECKIN_COLUMNS, plan_frame, standing_frame
from okrkit.track.status import assess

if TYPE_CHECKING:
    import pandas as pd

    from okrkit.track.store import Store


@dataclass(frozen=True)
class Picture:
    """Where a case stands at ``as_of``: KRs, objectives, teams and roll-ups (DataFrames)."""

    as_of: date
    cycle: int
    krs: pd.DataFrame
    objectives: pd.DataFrame
    teams: pd.DataFrame
    scopes: pd.DataFrame


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
    frame = standing_frame(plan, checkins, as_of, cycle, settings.fit_points)
    # The frame is ours from here: the steps add their columns to it, no copies.
    frame = assess(frame, profiles, settings, as_of, cycle, copy=False)
    frame = forecast(frame, settings, scoring, cycle, copy=False)
    frame["progress"] = rollup.kr_progress(frame)
    return frame


def picture(
    case: Case,
    store: Store,
    as_of: date,
    *,
    cycle: int | None = None,
    teams=None,
    extra=(),
) -> Picture:
    """The picture of ``case`` at ``as_of`` from the check-ins in ``store``.

    ``extra`` are check-ins not yet saved (to suggest a status before saving).
    The department and company roll-ups always cover every team, so picking
    ``teams`` narrows only the KR, objective and team rows.
    """
    import pandas as pd

    cycle = cycle or case.year or as_of.year
    settings = tracking_settings(case)
    plan, profiles = plan_frame(case, settings, cycle, previous=_previous(store, settings))
    checkins = store.frame(cycle, until=as_of)
    if extra:
        rows = pd.DataFrame([{**item.__dict__, "key": item.key} for item in extra])
        rows["date"] = pd.to_datetime(rows["date"])
        rows["period_start"] = pd.to_datetime(rows["period_start"])
        checkins = pd.concat([checkins[~checkins["key"].isin(rows["key"])], rows])
    frame = assess_frames(plan, profiles, checkins[list(CHECKIN_COLUMNS)], as_of, cycle,
                          settings, scoring_settings(case))  # fmt: skip
    per_team = rollup.teams(frame, grade_bands(case))
    scope = rollup.scopes(frame, case, per_team)
    if teams is not None:
        wanted = [t.id for t in teams]
        frame = frame[frame["team"].isin(wanted)]
        per_team = per_team[per_team["team"].isin(wanted)].reset_index(drop=True)
    return Picture(
        as_of, cycle, frame.reset_index(drop=True), rollup.objectives(frame), per_team, scope
    )


def _previous(store: Store, settings: TrackingSettings):
    cycles = {p.cycle for p in [settings.pace, *(k.pace for k in settings.krs.values())]
              if p is not None and p.kind == "last_cycle"}  # fmt: skip
    if not cycles:
        return None
    import pandas as pd

    return pd.concat([store.frame(c) for c in sorted(cycles)])

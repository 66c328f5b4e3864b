"""Where each KR stands at a date: its plan beside what its check-ins say.

Two frames, one row per team x KR, so 10,000 teams are a few pandas passes:

* :func:`plan_frame` — the plan from the case (direction, target, baseline,
  weight, cadence, value mode, stale allowance, pace profile);
* :func:`standing_frame` — the plan with the check-ins up to ``as_of``
  folded in: how many, the last one (date, value, confidence, override,
  comment), and for a per-period KR the sum, the count and the mean of its
  recent periods; for every KR the sums a least-squares line over its last
  ``fit_points`` check-ins needs.

Only the current check-in at each key counts (corrections supersede). No
check-in is never read as a zero: such a KR has ``n == 0`` and no value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from okrkit.model import Case
from okrkit.scoring import DIRECTION_CODES, direction_of
from okrkit.track.checkin import cadence_of
from okrkit.track.pace import last_cycle_shares
from okrkit.track.settings import TrackingSettings

if TYPE_CHECKING:
    import pandas as pd

PLAN_COLUMNS = ("team", "objective", "kr", "level", "parent", "deduction", "direction", "weight",
                "target", "baseline", "penalty", "cap", "cadence", "mode", "stale_days",
                "recent", "profile")  # fmt: skip


def _nan(value) -> float:
    return np.nan if value is None else float(value)


def plan_frame(
    case: Case,
    settings: TrackingSettings,
    cycle: int,
    teams=None,
    previous: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The plan as one row per KR, and the pace profiles its ``profile`` column indexes.

    Profile 0 is linear. ``previous`` holds the check-ins of earlier cycles,
    for KRs paced by ``last_cycle`` (linear where that cycle has none).
    """
    import pandas as pd

    from okrkit.scoring import scoring_settings
    from okrkit.track.pace import linear_shares as _linear

    scoring = scoring_settings(case)
    profiles: list[np.ndarray] = [_linear(cycle)]
    declared: dict[tuple, int] = {}
    rows = []
    for team in teams if teams is not None else case.teams.values():
        for objective, kr in team.key_results():
            pace = settings.pace_of(team.id, kr.id)
            profile = 0
            if pace.kind == "monthly":
                profile = declared.setdefault(pace.shares, len(profiles))
                if profile == len(profiles):
                    profiles.append(np.array(pace.shares))
            elif pace.kind == "last_cycle" and previous is not None and not previous.empty:
                mode = settings.mode_of(team.id, kr)
                past = previous[(previous["cycle"] == pace.cycle) & (previous["team"] == team.id)
                                & (previous["kr"] == kr.id)]  # fmt: skip
                shares = last_cycle_shares(past, mode)
                if shares is not None:
                    profile = len(profiles)
                    profiles.append(shares)
            penalty = kr.penalty if kr.penalty is not None else scoring.penalty
            cap = kr.cap if kr.cap is not None else scoring.deduction_cap
            rows.append(
                (team.id, objective.id, kr.id, team.level, team.parent, kr.is_deduction,
                 DIRECTION_CODES[direction_of(kr)], _nan(kr.weight), _nan(kr.target),
                 _nan(kr.baseline), _nan(penalty), _nan(cap),
                 cadence_of(kr) if settings.mode_of(team.id, kr) == "per_period" else None,
                 settings.mode_of(team.id, kr), settings.stale_days_of(team.id, kr.id),
                 settings.recent_periods.get(cadence_of(kr), 1), profile)
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)), np.vstack(profiles)


CHECKIN_COLUMNS = ("team", "kr", "date", "period_start", "value", "confidence", "status",
                   "status_reason", "comment")  # fmt: skip


def standing_frame(
    plan: pd.DataFrame, checkins: pd.DataFrame, as_of, cycle: int, fit_points: int
) -> pd.DataFrame:
    """The plan with each KR's check-ins up to ``as_of`` folded in (see the module docstring).

    ``checkins`` holds current check-ins of ``cycle`` in :data:`CHECKIN_COLUMNS`
    (dates as datetime64). Columns added: n, last_date, last_value,
    confidence, override, override_reason, comment, period_sum, period_count,
    recent_mean, last_period_start, fit_n, fit_slope, fit_intercept (x in days
    since the cycle's first day; for per-period values, of the period's start).
    """
    import pandas as pd

    as_of = np.datetime64(pd.Timestamp(as_of).date(), "D")
    start = np.datetime64(f"{cycle}-01-01", "D")
    rows = checkins[checkins["date"].to_numpy(dtype="datetime64[D]") <= as_of]
    rows = rows.merge(plan[["team", "kr", "recent"]], on=["team", "kr"], how="inner")
    when = rows["period_start"].fillna(rows["date"])
    rows = rows.assign(_when=when).sort_values(["team", "kr", "_when", "date"], kind="stable")
    keys = ["team", "kr"]
    groups = rows.groupby(keys, sort=False)
    from_end = groups.cumcount(ascending=False).to_numpy()
    values = rows["value"].to_numpy(dtype=float)
    x = (rows["_when"].to_numpy(dtype="datetime64[D]") - start).astype(float)
    recent = np.where(from_end < rows["recent"].to_numpy(), values, np.nan)
    fit = from_end < fit_points
    parts = pd.DataFrame({
        "team": rows["team"].to_numpy(), "kr": rows["kr"].to_numpy(),
        "period_sum": values, "period_count": 1, "recent_mean": recent,
        "fit_n": fit.astype(int), "sx": np.where(fit, x, 0.0), "sy": np.where(fit, values, 0.0),
        "sxx": np.where(fit, x * x, 0.0), "sxy": np.where(fit, x * values, 0.0),
    })  # fmt: skip
    sums = parts.groupby(keys, sort=False).agg(
        period_sum=("period_sum", "sum"), period_count=("period_count", "sum"),
        recent_mean=("recent_mean", "mean"), fit_n=("fit_n", "sum"), sx=("sx", "sum"),
        sy=("sy", "sum"), sxx=("sxx", "sum"), sxy=("sxy", "sum"),
    )  # fmt: skip
    last = rows.drop_duplicates(keys, keep="last").set_index(keys)
    sums["n"] = sums["period_count"]
    sums["last_date"] = last["date"]
    sums["last_value"] = last["value"]
    sums["confidence"] = last["confidence"]
    sums["override"] = last["status"]
    sums["override_reason"] = last["status_reason"]
    sums["comment"] = last["comment"]
    sums["last_period_start"] = last["_when"]
    n = sums["fit_n"].to_numpy(dtype=float)
    with np.errstate(all="ignore"):
        denominator = n * sums["sxx"] - sums["sx"] ** 2
        slope = np.where((n >= 2) & (denominator > 0),
                         (n * sums["sxy"] - sums["sx"] * sums["sy"]) / denominator, np.nan)  # fmt: skip
        sums["fit_slope"] = slope
        sums["fit_intercept"] = np.where(
            np.isnan(slope), np.nan, (sums["sy"] - slope * sums["sx"]) / n
        )
    sums = sums.drop(columns=["sx", "sy", "sxx", "sxy"]).reset_index()
    frame = plan.merge(sums, on=keys, how="left")
    frame["n"] = frame["n"].fillna(0).astype(int)
    return frame

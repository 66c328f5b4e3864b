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
                "recent", "profile", "periods")  # fmt: skip


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
    working = _working_periods(case)
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
                 settings.recent_periods.get(cadence_of(kr), 1), profile,
                 working.get(cadence_of(kr), np.nan))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)), np.vstack(profiles)


def _working_periods(case: Case) -> dict[str, float]:
    """Working weeks, months … a year from the case's funnel calendar (48 weeks), if it has one.

    The year-end actual of a per-period KR is its total over these working
    periods (okrkit.evidence divides by them), so the forecast divides the same way.
    """
    if "funnel" not in case.sections:
        return {}
    from okrkit.funnel import funnel_of

    try:
        return dict(funnel_of(case).calendar)
    except Exception:  # a funnel that cannot be read is reported by validate, not here
        return {}


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

    Check-ins are matched to plan rows once, then folded with numpy over the
    rows sorted by KR and date: string keys are factorised a single time,
    which is what keeps 10,000 teams within a few multiples of a bare groupby.
    """
    import pandas as pd

    as_of = np.datetime64(pd.Timestamp(as_of).date(), "D")
    start = np.datetime64(f"{cycle}-01-01", "D")
    size = len(plan)
    keys = pd.MultiIndex.from_arrays([plan["team"], plan["kr"]])
    row_of = keys.get_indexer(pd.MultiIndex.from_arrays([checkins["team"], checkins["kr"]]))
    day = checkins["date"].to_numpy(dtype="datetime64[D]")
    period = checkins["period_start"].to_numpy(dtype="datetime64[D]")
    when = np.where(np.isnat(period), day, period)
    # Whole days as int64 from here: datetime64 arithmetic is several times slower.
    day_n, when_n = day.view(np.int64), when.view(np.int64)
    first = start.astype(np.int64)
    keep = np.flatnonzero((row_of >= 0) & (day_n <= as_of.astype(np.int64)))
    # One int64 sort key (KR row, then period, then day) sorts faster than a lexsort.
    offset = lambda d: np.clip(d - (first - 400), 0, 0xFFFF)  # noqa: E731
    sort_key = (
        (row_of[keep].astype(np.int64) << 32) | (offset(when_n[keep]) << 16) | offset(day_n[keep])
    )
    order = keep[np.argsort(sort_key, kind="stable")]  # ties keep the store's (date, id) order
    group = row_of[order]
    values = checkins["value"].to_numpy(dtype=float)[order]
    x = (when_n[order] - first).astype(float)
    counts = np.bincount(group, minlength=size)
    ends = np.cumsum(counts)
    from_end = ends[group] - 1 - np.arange(len(group))
    recent = from_end < plan["recent"].to_numpy(dtype=int)[group]
    fit = from_end < fit_points

    def total(weights) -> np.ndarray:
        return np.bincount(group, weights=weights, minlength=size)

    frame = plan.copy()
    has = counts > 0
    last = np.where(has, ends - 1, 0)
    picked = order[last] if len(order) else np.zeros(size, dtype=int)

    def latest(column: str, fill=None):
        if not len(order):
            return np.full(size, fill, dtype=object)
        taken = checkins[column].to_numpy()[picked]
        return np.where(has, taken, fill)

    with np.errstate(all="ignore"):
        frame["n"] = counts
        frame["period_sum"] = np.where(has, total(values), np.nan)
        frame["period_count"] = counts.astype(float)
        mine = np.flatnonzero(recent)
        frame["recent_mean"] = np.bincount(group[mine], weights=values[mine], minlength=size) / (
            np.bincount(group[mine], minlength=size)
        )
        frame["last_date"] = pd.to_datetime(
            np.where(
                has,
                day[picked] if len(order) else np.datetime64("NaT", "D"),
                np.datetime64("NaT", "D"),
            )
        )
        frame["last_value"] = np.where(has, values[last] if len(order) else np.nan, np.nan)
        confidence = pd.to_numeric(checkins["confidence"], errors="coerce").to_numpy(dtype=float)
        frame["confidence"] = np.where(has, confidence[picked], np.nan) if len(order) else np.nan
        frame["override"] = latest("status")
        frame["override_reason"] = latest("status_reason")
        frame["comment"] = latest("comment", "")
        frame["last_period_start"] = pd.to_datetime(
            np.where(
                has,
                when[picked] if len(order) else np.datetime64("NaT", "D"),
                np.datetime64("NaT", "D"),
            )
        )
        # Sums over the fitted rows only (the last fit_points of each KR).
        chosen = np.flatnonzero(fit)
        fx, fy, fg = x[chosen], values[chosen], group[chosen]

        def fitted(weights) -> np.ndarray:
            return np.bincount(fg, weights=weights, minlength=size)

        n = np.bincount(fg, minlength=size).astype(float)
        sx, sy, sxx, sxy = fitted(fx), fitted(fy), fitted(fx * fx), fitted(fx * fy)
        denominator = n * sxx - sx**2
        slope = np.where((n >= 2) & (denominator > 0), (n * sxy - sx * sy) / denominator, np.nan)
        frame["fit_n"] = n.astype(int)
        frame["fit_slope"] = slope
        frame["fit_intercept"] = np.where(np.isnan(slope), np.nan, (sy - slope * sx) / n)
    return frame

"""Forecast: where each KR ends the cycle, what that scores, what is still needed.

Two end values, side by side, because they disagree exactly when a trend turns:

* **run rate** — the year so far, continued: a cumulative KR reaches
  ``baseline + (actual - baseline) / share of the year gone`` (calendar days);
  a per-period KR keeps its recent mean for every remaining period; a level
  (a rate) stays where it is, unless it moves from a declared baseline, which
  continues like a total; a rate or a milestone per period is the mean of its
  reported and forecast periods (a period nobody reported is not a 0); a count
  per period over declared working periods counts an unreported period at the
  reported periods' average, not as a 0 (``periods_reported`` of
  ``periods_so_far`` is said beside the forecast);
* **trend** — a least-squares line through the last ``fit_points`` check-ins,
  extended to the cycle's last day (per period: over the remaining periods).

A per-period KR's end value is its average per period over the cycle, the
way the year-end actuals record it (105.3 calls a week on average): the total
so far plus the forecast periods left, over the working periods of the
funnel calendar (48 weeks) when the case declares one, else over the
calendar's periods.
Each end value goes through :func:`okrkit.scoring.completion` with the
case's cap and is worth ``weight x completion`` points — the existing rules,
not a copy. **Needed from now on** is the reverse funnel's question mid-year:
per week (or month, ``needed_per``) for a cumulative KR, per period for a
per-period KR, to reach the target by the cycle's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from okrkit.scoring import ScoringSettings, completion, deduction_points
from okrkit.track.pace import fraction_done, linear_shares
from okrkit.track.settings import TrackingSettings
from okrkit.track.standing import added, column

if TYPE_CHECKING:
    import pandas as pd

PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "quarter": 365.25 / 4,
               "year": 365.25}  # fmt: skip


def remaining_periods(last_start, cadence, cycle: int) -> np.ndarray:
    """Whole cadence periods after the one starting ``last_start`` that begin in the cycle."""
    start = np.asarray(last_start, dtype="datetime64[D]")
    cadence = np.asarray(cadence, dtype=object)
    end = np.datetime64(f"{cycle}-12-31", "D")
    days = (end - start).astype(float)
    # The calendar month (1-12) by numpy's month arithmetic; NaT stays NaN.
    month = np.where(np.isnat(start), np.nan,
                     start.astype("datetime64[M]").astype(np.int64) % 12 + 1.0)  # fmt: skip
    out = np.select(
        [cadence == "day", cadence == "week", cadence == "month", cadence == "quarter"],
        [days, np.floor(days / 7), 12 - month, 4 - np.ceil(month / 3)],
        default=0.0,
    )
    return np.clip(np.nan_to_num(out, nan=0.0), 0, None)


def cycle_periods(cadence, cycle: int) -> np.ndarray:
    """Cadence periods that begin in the cycle (52 weeks from Monday 5 January 2015, 12 months)."""
    cadence = np.asarray(cadence, dtype=object)
    first = np.datetime64(f"{cycle}-01-01", "D")
    end = np.datetime64(f"{cycle}-12-31", "D")
    # The Monday before 1 January: remaining_periods counts the weeks after its week.
    monday_before = first - ((first.astype(np.int64) + 3) % 7 or 7)
    weeks = remaining_periods(np.full(len(cadence), monday_before), np.full(len(cadence), "week"),
                              cycle)  # fmt: skip
    days = float((end - first).astype(int)) + 1
    return np.select(
        [cadence == "day", cadence == "week", cadence == "month", cadence == "quarter",
         cadence == "year"], [days, weeks, 12.0, 4.0, 1.0], default=np.nan)  # fmt: skip


def forecast(
    frame: pd.DataFrame,
    settings: TrackingSettings,
    scoring: ScoringSettings | None,
    cycle: int,
) -> pd.DataFrame:
    """Add run-rate and trend end values, their completion and points, and the rate needed."""
    scoring = scoring or ScoringSettings()
    out = frame
    new: dict = {}  # the added columns, joined to the frame in one step
    mode = column(out, "mode")
    d = column(out, "direction")
    t = column(out, "target", float)
    b = column(out, "baseline", float)
    a = column(out, "last_value", float)
    deduction = column(out, "deduction", bool)
    per_period = mode == "per_period"
    level = mode == "level"
    counts_only = (d >= 2) & (d != 1)  # caps, at-least counts, milestones never go below 0
    base = np.where((d == 2) | deduction | np.isnan(b), 0.0, b)

    last = column(out, "last_date", "datetime64[D]")
    gone = fraction_done(np.where(np.isnat(last), np.datetime64(f"{cycle}-01-01"), last),
                         cycle, linear_shares(cycle))  # fmt: skip
    start = np.datetime64(f"{cycle}-01-01", "D")
    end = np.datetime64(f"{cycle}-12-31", "D")
    x_end = float((end - start).astype(int))
    slope = column(out, "fit_slope", float)
    intercept = column(out, "fit_intercept", float)

    # Per-period KRs: the average per period over the whole cycle.
    total = column(out, "period_sum", float)
    count = column(out, "period_count", float)
    recent = column(out, "recent_mean", float)
    cadence = column(out, "cadence", object)
    left = remaining_periods(column(out, "last_period_start", "datetime64[D]"), cadence,
                             cycle)  # fmt: skip
    span = np.zeros(len(cadence))
    for name, days in PERIOD_DAYS.items():
        span[cadence == name] = days
    x_last = (column(out, "last_period_start", "datetime64[D]") - start).astype(float)
    with np.errstate(all="ignore"):
        predicted = intercept + slope * (x_last + span * (left + 1) / 2)
        predicted = np.where(counts_only, np.maximum(predicted, 0.0), predicted)
        # The cycle's average per working period, as the year-end actual is recorded:
        # over the funnel calendar's periods (48 weeks) when the case declares one.
        declared = column(out, "periods", float)
        # A rate per period (100% of the plan each week) is averaged over its periods:
        # the working-week calendar divides counts, never percents.
        rate = column(out, "rate", float) > 0 if "rate" in out else np.zeros(len(mode), dtype=bool)
        # A milestone per period (每周五提交周报: done or not) is a share of its periods done,
        # as a rate is: averaged over the periods reported and forecast, so weeks a
        # manager checked in only monthly are not read as weeks not done.
        shared = rate | (per_period & (d == 4))
        divisor = np.where(np.isnan(declared) | shared, count + left, declared)
        # A count per period (每周100个有效电话) over the declared working weeks: a week
        # nobody reported is not a 0 either. It counts at the reported weeks' average, so
        # one reported week of 120 forecasts 120 a week; the stale status shows the silence.
        so_far = np.clip(cycle_periods(cadence, cycle) - left, 0, None)
        unreported = np.where(np.isnan(declared) | shared | ~per_period, 0.0,
                              np.clip(so_far - count, 0, None))  # fmt: skip
        filled = np.where(unreported > 0, total / count * unreported, 0.0)
        period_run = (total + filled + recent * left) / divisor
        period_fit = (total + filled + predicted * left) / divisor
        cumulative_run = np.where(gone > 0, base + (a - base) / gone, np.nan)
        trend = intercept + slope * x_end
        trend = np.where(counts_only, np.maximum(trend, 0.0), trend)
    # A level stays where it stands, unless it is being moved from a declared
    # baseline (回款率 85% → 95%): then the move so far continues, as for a total.
    moving = level & np.isin(d, (0, 1)) & ~np.isnan(b)
    run = np.where(per_period, period_run, np.where(level & ~moving, a, cumulative_run))
    fit = np.where(per_period, period_fit, trend)
    milestone = (d == 4) & ~per_period
    run = np.where(milestone, a, run)
    fit = np.where(milestone, np.where(np.isnan(slope), np.nan, a), fit)

    weight = column(out, "weight", float)
    new["forecast_run"] = run
    new["forecast_fit"] = fit
    for name, values in (("run", run), ("fit", fit)):
        done = completion(d, t, b, values, scoring.cap)
        new[f"completion_{name}"] = np.where(deduction, np.nan, done)
        off = deduction_points(np.round(np.nan_to_num(values, nan=0.0)),
                               column(out, "penalty", float), column(out, "cap", float))  # fmt: skip
        new[f"points_{name}"] = np.where(deduction, 0.0 - off, weight * done)

    # What is still needed from now on, and how to read it (``needed_kind``):
    # rate (this much more per week/period), fall (this much less per week: a
    # decrease), allowance (at most this much per week: a budget under its cap),
    # over (a cap already passed: nothing more may be added), done (reached);
    # for a level: reach / hold (at least the target), bring_below / hold_below (a cap).
    unit_days = PERIOD_DAYS[settings.needed_per]
    units_left = (end - np.where(np.isnat(last), start, last)).astype(float) / unit_days
    with np.errstate(all="ignore"):
        cumulative_need = np.where(
            units_left > 0, (t - np.nan_to_num(a, nan=0.0)) / units_left, np.nan
        )
        cumulative_need = np.where(np.isnan(a) & (d != 2), (t - base) / units_left, cumulative_need)
        period_need = np.where(left > 0, (t * divisor - total - filled) / left, np.nan)
        period_need = np.where(np.isnan(total), t, period_need)
    need = np.where(per_period, period_need, cumulative_need)
    capped = d == 2
    amount = np.select([np.isin(d, (0, 3)) & (need <= 0), d == 1, capped & (need <= 0), capped],
                       ["done", "fall", "over", "allowance"], "rate").astype(object)  # fmt: skip
    need = np.where(np.isin(d, (0, 3)), np.maximum(need, 0.0), need)
    need = np.where(d == 1, np.minimum(need, 0.0), need)
    amount = np.where((d == 1) & (need == 0), "done", amount)
    need = np.where(capped, np.maximum(need, 0.0), need)
    # A level (and a rate per period) is reached and held, never added up: the
    # needed value is the target itself, read against where it stands.
    standing = np.where(per_period, recent, a)
    holds = np.where(capped | (d == 1), standing <= t, standing >= t)
    level_kind = np.where(capped | (d == 1), np.where(holds, "hold_below", "bring_below"),
                          np.where(holds, "hold", "reach")).astype(object)  # fmt: skip
    as_level = level | (per_period & rate)
    need = np.where(as_level, t, need)
    kind = np.where(as_level, level_kind, amount)
    unjudged = deduction | (d == 4) | np.isnan(need)
    new["needed"] = np.where(unjudged, np.nan, need)
    new["needed_kind"] = np.where(unjudged, None, kind).astype(object)
    needed_per = cadence.copy()  # object, so no fixed-width string array on the way
    needed_per[~per_period] = settings.needed_per
    new["needed_per"] = needed_per
    # How many periods the forecast stands on, said beside it when some went unreported.
    new["periods_reported"] = np.where(per_period, count, np.nan)
    new["periods_so_far"] = np.where(per_period & (unreported > 0), count + unreported, np.nan)
    return added(out, new)

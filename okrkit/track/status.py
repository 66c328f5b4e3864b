"""Status by rule: on track, at risk, off track or stale — the rules as data.

The gap is the shortfall against the value expected by the pace, as a share
of the progress expected so far (so 16.5% means "a sixth short of where we
should be"):

* moving toward a target (increase, decrease, at_least):
  gap = (expected - actual) / (expected - baseline);
* a cap (at_most): gap = (actual - expected) / expected, how far over it is;
* a milestone: 0 once done, or before the cycle ends; 1 when the cycle ended undone;
* a per-period KR: the mean of its recent periods against the cadence's target
  (phased by a declared pace profile: a month with half the linear share
  expects half the target per period, judged by the last period's month);
* a deduction item: on track with no incident, off track once its points
  off reach the cap, at risk in between.

A negative gap is ahead of plan. ``gap >= off_track`` is off track,
``gap >= at_risk`` at risk, else on track (thresholds from ``tracking:``).
Then silence: a KR with no check-in, or none since its value fell due
(cumulative: the last check-in; per period: the end of the next period)
plus ``stale_days``, is **stale** whatever its last value said — never green
by silence. A manager's override (with its reason) replaces the rule's
status, but never a stale one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from okrkit.track.checkin import period_of
from okrkit.track.pace import expected_value, fraction_done
from okrkit.track.settings import TrackingSettings
from okrkit.track.standing import added, column

if TYPE_CHECKING:
    import pandas as pd


def gap(mode, direction, target, baseline, expected, actual, fraction) -> np.ndarray:
    """The shortfall against the expected value (see the module docstring); NaN when unjudged."""
    mode = np.asarray(mode)
    d = np.asarray(direction)
    t = np.asarray(target, dtype=float)
    b = np.asarray(baseline, dtype=float)
    e = np.asarray(expected, dtype=float)
    a = np.asarray(actual, dtype=float)
    f = np.asarray(fraction, dtype=float)
    base = np.nan_to_num(b, nan=0.0)
    capped = (d == 2) | ((d == 1) & np.isnan(b))
    with np.errstate(all="ignore"):
        # Nothing expected yet (the first day, a zero span): no shortfall to measure.
        toward = np.where(e == base, 0.0, (e - a) / (e - base))
        over = np.where(e > 0, (a - e) / e, np.where(a > 0, np.inf, 0.0))
        result = np.where(capped, over, toward)
        milestone = np.where(a >= 1, 0.0, np.where(f >= 1.0, 1.0, 0.0))
        result = np.where((d == 4) & (mode != "per_period"), milestone, result)
    return np.where(np.isnan(a) | ((d != 4) & np.isnan(t)), np.nan, result)


def status_from_gap(gaps, at_risk: float, off_track: float) -> np.ndarray:
    """'off_track' / 'at_risk' / 'on_track' by the thresholds; None where the gap is NaN."""
    g = np.asarray(gaps, dtype=float)
    # Small integer codes first, names last: comparing strings 200,000 times is what costs.
    names = np.array(["on_track", "at_risk", "off_track", None], dtype=object)
    with np.errstate(invalid="ignore"):
        code = (g >= at_risk).astype(np.int8) + (g >= off_track)
    return names[np.where(np.isnan(g), 3, code)]


def _next_due(last_period_start, cadence: str | None) -> date:
    """The last day by which the period after ``last_period_start`` should be in."""
    _, end = period_of(last_period_start, cadence)
    _, following = period_of(end + timedelta(days=1), cadence)
    return following


def due_dates(frame: pd.DataFrame) -> np.ndarray:
    """When each KR's next check-in falls due (datetime64[D]; NaT with no check-in)."""
    due = column(frame, "last_date", "datetime64[D]").copy()
    starts = column(frame, "last_period_start", "datetime64[D]")
    cadence = column(frame, "cadence", object)
    per_period = (column(frame, "mode") == "per_period") & ~np.isnat(starts)
    # Few distinct (period, cadence) pairs even for 10,000 teams: compute each once.
    for name in set(cadence[per_period]):
        rows = np.flatnonzero(per_period & (cadence == name))
        unique, inverse = np.unique(starts[rows], return_inverse=True)
        ends = [_next_due(day.astype(object), name) for day in unique]
        due[rows] = np.array(ends, dtype="datetime64[D]")[inverse]
    return due


def assess(
    frame: pd.DataFrame,
    profiles: np.ndarray,
    settings: TrackingSettings,
    as_of,
    cycle: int,
) -> pd.DataFrame:
    """Add fraction, expected, actual, gap, suggested (the rule) and status to a standing frame."""
    import pandas as pd

    as_of = np.datetime64(pd.Timestamp(as_of).date(), "D")
    out = frame
    mode = column(out, "mode")
    per_period = mode == "per_period"
    at = column(out, "last_date", "datetime64[D]")
    at = np.where(np.isnat(at), as_of, at)
    fraction = fraction_done(at, cycle, profiles, column(out, "profile"))
    direction = column(out, "direction")
    target = column(out, "target", float)
    baseline = column(out, "baseline", float)
    expected = expected_value(mode, direction, target, baseline, fraction)
    # A declared profile phases a per-period target too: in a month whose share is
    # half the linear one (February at the Spring Festival), each week expects half.
    profile = column(out, "profile")
    # A milestone has no number to phase (done is done in any month).
    phased = per_period & (profile > 0) & np.isfinite(target)
    if phased.any():
        month = (at[phased].astype("datetime64[M]").astype(int) % 12).astype(int)
        linear = profiles[0]
        expected = expected.copy()
        expected[phased] = target[phased] * profiles[profile[phased], month] / linear[month]
    actual = np.where(per_period, column(out, "recent_mean", float),
                      column(out, "last_value", float))  # fmt: skip
    gaps = gap(mode, direction, target, baseline, expected, actual, fraction)
    rule = status_from_gap(gaps, settings.at_risk, settings.off_track)

    deduction = column(out, "deduction", bool)
    incidents = np.nan_to_num(column(out, "last_value", float), nan=0.0)
    off = incidents * np.nan_to_num(column(out, "penalty", float), nan=0.0)
    cap = column(out, "cap", float)
    deduction_rule = np.where(incidents <= 0, "on_track",
                              np.where(~np.isnan(cap) & (off >= cap), "off_track", "at_risk"))  # fmt: skip
    rule = np.where(deduction, deduction_rule, rule).astype(object)
    gaps = np.where(deduction, np.nan, gaps)

    due = due_dates(out)
    allowance = column(out, "stale_days", int).astype("timedelta64[D]")
    stale = (column(out, "n") == 0) | (as_of > due + allowance)
    rule = np.where(stale, "stale", rule).astype(object)
    override = column(out, "override", object)
    has_override = pd.notna(override) & ~stale
    # Object columns as they are: letting pandas infer a string column copies every name.
    return added(out, {
        "fraction": fraction, "expected": np.where(deduction, np.nan, expected),
        "actual": actual, "gap": gaps,
        "suggested": rule,
        "status": np.where(has_override, override, rule).astype(object),
        "stale": stale,
    })  # fmt: skip

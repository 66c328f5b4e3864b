"""How long each stage takes: Kaplan–Meier, with deals still open at year end censored.

An opportunity created in November and still open on 31 December has not
"taken 40 days": it has taken *at least* 40. Dropping it would make closing
look faster than it is; counting it as closed would too. Kaplan–Meier uses
it for as long as it was observed. The estimator is a few lines of numpy
(:func:`kaplan_meier`) rather than lifelines, which would bring matplotlib
and autograd into the pure core for one curve.

- opportunity → close (won or lost): KM over every opportunity, open ones
  censored at the end of the history;
- call → visit and visit → opportunity: the lag of each traced pair (within
  the horizon, so nothing there is censored), summarised by its median.

:func:`lead_times` adds the medians from the bottom: how long before a deal
closes its calls must be made ("October's calls feed January's deals").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Curve:
    """A survival curve: at each event time, the share still not converted."""

    time: np.ndarray  # days, increasing
    survival: np.ndarray  # non-increasing, from ≤ 1
    at_risk: np.ndarray
    events: np.ndarray
    n: int
    censored: int

    def quantile(self, q: float) -> float | None:
        """The first time by which a share ``q`` has converted (None when never reached)."""
        reached = np.nonzero(self.survival <= 1 - q + 1e-12)[0]
        return float(self.time[reached[0]]) if len(reached) else None

    @property
    def median(self) -> float | None:
        return self.quantile(0.5)

    def share_by(self, days: float) -> float:
        """The share converted within ``days``."""
        index = np.searchsorted(self.time, days, side="right") - 1
        return 0.0 if index < 0 else float(1 - self.survival[index])


def kaplan_meier(durations, observed) -> Curve:
    """The Kaplan–Meier estimate of time to event; ``observed`` False means censored."""
    durations = np.asarray(durations, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    if durations.shape != observed.shape:
        raise ValueError("durations and observed must have the same length")
    if len(durations) and (durations < 0).any():
        raise ValueError("a duration cannot be negative")
    times, inverse = np.unique(durations, return_inverse=True)
    events = np.bincount(inverse, weights=observed, minlength=len(times))
    leaving = np.bincount(inverse, minlength=len(times))
    at_risk = len(durations) - np.concatenate(([0], np.cumsum(leaving)[:-1]))
    keep = events > 0
    factors = 1 - events[keep] / at_risk[keep]
    return Curve(times[keep], np.cumprod(factors), at_risk[keep], events[keep].astype(int),
                 len(durations), int((~observed).sum()))  # fmt: skip


def close_curve(history) -> Curve:
    """Opportunity → close (won or lost), open opportunities censored at the history's end."""
    frame = history.con.execute(f"""
        SELECT CASE WHEN outcome = 'open' THEN epoch(TIMESTAMP '{history.as_of}' - ts)
                    ELSE epoch(closed_ts - ts) END / 86400.0 AS days,
               outcome <> 'open' AS observed
        FROM cal_opps WHERE outcome = 'open' OR closed_ts IS NOT NULL
    """).df()  # fmt: skip
    return kaplan_meier(frame["days"].clip(lower=0), frame["observed"])


def link_lags(history, stage: str, horizon: int | None = None):
    """Days from each unit of ``stage`` to the unit above it traced to it (within the horizon)."""
    from okrkit.calibrate.cohorts import DEFAULT_HORIZON, within

    frame = history.con.execute(
        f"SELECT epoch(t_ts - f_ts) / 86400.0 AS days FROM cal_link_{stage} "
        f"WHERE {within(horizon or DEFAULT_HORIZON)}"
    ).df()
    return frame["days"].to_numpy(dtype=float)


@dataclass(frozen=True)
class Lag:
    """A stage's lag to the stage above: its median and quartiles in days."""

    stage: str
    median: float | None
    p25: float | None
    p75: float | None
    n: int
    censored: int
    method: str  # kaplan-meier | traced pairs


def stage_lag(history, stage: str, horizon: int | None = None) -> Lag:
    """The lag of one stage (run after :func:`okrkit.calibrate.cohorts.cohort_counts`)."""
    if stage == "opportunities":
        curve = close_curve(history)
        return Lag(stage, curve.median, curve.quantile(0.25), curve.quantile(0.75), curve.n,
                   curve.censored, "kaplan-meier")  # fmt: skip
    days = link_lags(history, stage, horizon)
    if not len(days):
        return Lag(stage, None, None, None, 0, 0, "traced pairs")
    p25, p50, p75 = np.quantile(days, [0.25, 0.5, 0.75])
    return Lag(stage, float(p50), float(p25), float(p75), len(days), 0, "traced pairs")


def lead_times(lags: dict[str, Lag], order: list[str]) -> dict[str, float]:
    """Per stage (top first in ``order``), the median days from its activity to the deal."""
    lead, total = {}, 0.0
    for stage in order:
        lag = lags.get(stage)
        total += (lag.median or 0.0) if lag else 0.0
        lead[stage] = total
    return lead

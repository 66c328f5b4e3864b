"""Expected pace: how much of the year's target should be done by a date.

A pace is twelve monthly shares of the year, spread evenly by day inside a
month. Linear pace is the special case whose shares are the months' lengths
(31/365 for January …), so one formula serves every profile:

    fraction(day) = shares of the months before + this month's share x day / days in month

A declared profile (``pace: {monthly: [...]}``) gives the shares directly; a
firm whose February dips at the Spring Festival writes a smaller February.
``last_cycle`` takes them from the same KR's check-ins in the named cycle
(:func:`last_cycle_shares`), falling back to linear where that cycle holds
none. A process KR with a cadence is judged per period against its own
target (100 calls every week) and needs no profile.

The functions take arrays, so 10,000 teams cost one call.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd


def linear_shares(cycle: int) -> np.ndarray:
    """The months' lengths as shares of the year: linear pace by day."""
    days = np.array([calendar.monthrange(cycle, m)[1] for m in range(1, 13)], dtype=float)
    return days / days.sum()


def fraction_done(days, cycle: int, shares: np.ndarray, which=None) -> np.ndarray:
    """Expected share of the year done by the end of each of ``days``.

    ``days`` are datetime64[D] values; ``shares`` is (12,) for all of them or
    (n, 12), one profile per day; or, with ``which`` (a profile index per day),
    (k, 12) holding k profiles, so 200,000 KRs sharing two profiles need no
    (200,000, 12) copy. Days before the cycle give 0, after it 1.

    >>> d = np.array(["2015-06-30"], dtype="datetime64[D]")
    >>> round(float(fraction_done(d, 2015, linear_shares(2015))[0]), 4)  # 181 of 365 days
    0.4959
    """
    days = np.asarray(days, dtype="datetime64[D]")
    shares = np.asarray(shares, dtype=float)
    start = np.datetime64(f"{cycle}-01-01", "D")
    end = np.datetime64(f"{cycle}-12-31", "D")
    clipped = np.clip(days, start, end)
    month = clipped.astype("datetime64[M]")
    index = (month - np.datetime64(f"{cycle}-01", "M")).astype(int)
    day_in_month = (clipped - month.astype("datetime64[D]")).astype(int) + 1
    lengths = ((month + 1).astype("datetime64[D]") - month.astype("datetime64[D]")).astype(int)
    if which is not None:
        rows = np.asarray(which, dtype=np.intp)
    else:
        if shares.ndim == 1:
            shares = shares[None, :]
        rows = np.zeros(len(days), dtype=np.intp) if len(shares) == 1 else np.arange(len(days))
    before = np.cumsum(shares, axis=1) - shares
    fraction = before[rows, index] + shares[rows, index] * day_in_month / lengths
    fraction = np.where(days < start, 0.0, np.where(days > end, 1.0, fraction))
    return np.clip(fraction, 0.0, 1.0)


def expected_value(mode, direction, target, baseline, fraction) -> np.ndarray:
    """The value a KR should stand at, given the share of the year done.

    * cumulative: from the baseline (0 when none) to the target, by the pace;
      a cap (``at_most``) is a budget, spent by the pace from 0;
    * level: the target itself, all year (a rate that should hold); a level
      moved from a declared baseline (回款率 85% → 95%) moves by the pace;
    * per_period: the cadence's own target, every period.

    ``mode`` holds 'cumulative' / 'level' / 'per_period'; ``direction`` the
    codes of okrkit.scoring.DIRECTION_CODES; NaN where there is no target.
    """
    mode = np.asarray(mode)
    d = np.asarray(direction)
    t = np.asarray(target, dtype=float)
    b = np.nan_to_num(np.asarray(baseline, dtype=float), nan=0.0)
    f = np.asarray(fraction, dtype=float)
    milestone = d == 4
    t = np.where(milestone & np.isnan(t), 1.0, t)
    cumulative = np.where(d == 2, t * f, b + (t - b) * f)
    cumulative = np.where(milestone, np.where(f >= 1.0, 1.0, 0.0), cumulative)
    raw_baseline = np.asarray(baseline, dtype=float)
    moving = (mode == "level") & np.isin(d, (0, 1)) & ~np.isnan(raw_baseline)
    return np.where((mode == "cumulative") | moving, cumulative, t)


def last_cycle_shares(checkins: pd.DataFrame, mode: str) -> np.ndarray | None:
    """Monthly shares from one KR's check-ins in an earlier cycle (None when they show none).

    Per-period values are summed by the month they end in; cumulative values
    are differenced between month ends (a fall counts as no progress).
    """
    if checkins.empty:
        return None
    months = checkins["date"].dt.month.to_numpy()
    values = checkins["value"].to_numpy(dtype=float)
    amounts = np.zeros(12)
    if mode == "per_period":
        np.add.at(amounts, months - 1, values)
    else:
        order = np.argsort(checkins["date"].to_numpy(), kind="stable")
        month_end = np.full(12, np.nan)
        for m, v in zip(months[order], values[order], strict=True):
            month_end[m - 1] = v  # the last check-in of each month stands for it
        filled = np.maximum.accumulate(np.nan_to_num(month_end, nan=-np.inf))
        filled = np.where(np.isinf(filled), 0.0, filled)
        amounts = np.diff(np.concatenate([[0.0], filled]))
    amounts = np.clip(amounts, 0.0, None)
    total = amounts.sum()
    return amounts / total if total > 0 else None

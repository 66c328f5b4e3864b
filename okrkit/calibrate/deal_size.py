"""What a won deal is worth: the distribution of won amounts, per rep and for the company.

The funnel's ``deals`` rate is the *average* deal size (万元 per deal), so
the proposal uses the mean of the won deals' amounts (the export's 预计金额
of an opportunity marked won), with a 90% interval for the mean from the t
distribution. Won amounts are skewed (a few large projects), so the median
and the 10th/90th percentiles are shown beside it: a mean well above the
median says a handful of big deals carry the year.

Per rep, the mean is pulled toward the company's by the usual normal-normal
empirical Bayes: the between-rep variance τ² is what the reps' means vary by
beyond their sampling noise (method of moments, never below 0); a rep with
few deals gets mostly the company's mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from okrkit.calibrate.shrinkage import LEVEL

MIN_DEALS = 10  # won deals (company-wide) below which the case's assumption is kept


@dataclass(frozen=True)
class DealSize:
    """The won deals' amounts: company summary and a per-rep table."""

    n: int
    mean: float | None
    low: float | None
    high: float | None
    median: float | None
    p10: float | None
    p90: float | None
    sd: float | None
    reps: object  # DataFrame: team, n, raw, mean (shrunk), low, high
    method: str  # data | assumption


def won_amounts(history):
    """Each won deal's team and amount (万元), as a DataFrame."""
    return history.con.execute(
        "SELECT team, amount FROM cal_opps WHERE outcome = 'won' AND amount > 0 ORDER BY team, oid"
    ).df()


def deal_size(history=None, *, amounts=None, level: float = LEVEL) -> DealSize:
    """The deal-size summary from the history (or from a ``team``/``amount`` frame)."""
    import pandas as pd
    from scipy.stats import t as t_dist

    frame = won_amounts(history) if amounts is None else amounts
    values = frame["amount"].to_numpy(dtype=float)
    n = len(values)
    if n < MIN_DEALS:
        empty = pd.DataFrame(columns=["team", "n", "raw", "mean", "low", "high"])
        return DealSize(n, None, None, None, None, None, None, None, empty, "assumption")
    mean, sd = float(values.mean()), float(values.std(ddof=1))
    half = float(t_dist.ppf(1 - (1 - level) / 2, n - 1)) * sd / np.sqrt(n)
    by = frame.groupby("team")["amount"].agg(["count", "mean", "var"]).reset_index()
    by["var"] = by["var"].fillna(sd**2)
    noise = sd**2 / by["count"]
    tau2 = max(float(by["mean"].var(ddof=1)) - float(noise.mean()), 0.0) if len(by) > 1 else 0.0
    weight = tau2 / (tau2 + noise) if tau2 > 0 else np.zeros(len(by))
    shrunk = weight * by["mean"] + (1 - weight) * mean
    # with no spread between reps beyond noise every rep gets the company's mean and its error
    post_sd = np.sqrt(1 / (1 / noise + 1 / tau2)) if tau2 > 0 else np.full(len(by), sd / np.sqrt(n))
    z = float(t_dist.ppf(1 - (1 - level) / 2, n - 1))
    reps = pd.DataFrame({
        "team": by["team"], "n": by["count"], "raw": by["mean"], "mean": shrunk,
        "low": shrunk - z * post_sd, "high": shrunk + z * post_sd,
    })  # fmt: skip
    q10, q50, q90 = np.quantile(values, [0.1, 0.5, 0.9])
    return DealSize(n, mean, float(mean - half), float(mean + half), float(q50), float(q10), float(q90), sd,
                    reps, "data")  # fmt: skip

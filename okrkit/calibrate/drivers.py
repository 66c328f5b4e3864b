"""Does the process drive the result? Each process stage against won revenue, lagged.

A process KR earns its weight only if doing more of it brings more results.
Across reps and months of the history: in each rep's month m, the count of a
stage (calls, new-customer visits, opportunities created) against the
revenue the rep won L months later, L being that stage's median lead time to
a closed deal (:func:`okrkit.calibrate.lags.lead_times`), fixed *before*
looking (scanning lags for the best one would find a relation in noise).

Each rep's months are taken as differences from the rep's own average
(within-rep, i.e. a regression with one intercept per rep), so a rep who
both calls more and sells more — a bigger territory — does not pass for
"calls drive sales". The slope is won revenue per extra unit of the stage;
r and its p-value come from scipy.stats.pearsonr.

Honest caveats, said with every result: n is rep-months, and months of one
rep are not independent; the season (the Spring Festival dip, the year-end
push) moves process and result together, so a relation is a necessary sign,
not proof; with few reps the comparison across reps is not attempted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from okrkit.model import Text

MIN_PAIRS = 12  # rep-months below which nothing is said
SMALL = 0.2  # "no relation" only when the history rules out an r above this


def monthly_frame(history):
    """Per team and month: each stage's count and the deals won (count, 万元) that month."""
    import pandas as pd

    con = history.con
    parts = ["SELECT team, month, stage, n FROM cal_n"]  # each counted stage, per month
    parts.append(
        "SELECT team, CAST(date_trunc('month', closed_ts) AS DATE) AS month, 'deals' AS stage, "
        "count(*) AS n FROM cal_opps WHERE outcome = 'won' GROUP BY ALL"
    )
    parts.append(
        "SELECT team, CAST(date_trunc('month', closed_ts) AS DATE) AS month, 'revenue' AS stage, "
        "sum(amount) AS n FROM cal_opps WHERE outcome = 'won' GROUP BY ALL"
    )
    long = con.execute(" UNION ALL ".join(parts)).df()
    if long.empty:
        return pd.DataFrame(columns=["team", "month", *history.stages, "deals", "revenue"])
    wide = long.pivot_table(index=["team", "month"], columns="stage", values="n", aggfunc="sum")
    months = pd.date_range(pd.Timestamp(history.start), periods=12, freq="MS").date
    teams = sorted(long["team"].unique())
    index = pd.MultiIndex.from_product([teams, months], names=["team", "month"])
    wide.index = pd.MultiIndex.from_arrays(
        [wide.index.get_level_values(0), pd.to_datetime(wide.index.get_level_values(1)).date]
    )
    wide = wide.reindex(index).fillna(0.0)
    for column in (*history.stages, "deals", "revenue"):
        if column not in wide:
            wide[column] = 0.0
    return wide.reset_index()


@dataclass(frozen=True)
class Relation:
    """One process stage against won revenue L months later."""

    stage: str
    lag_months: int
    n: int  # rep-months paired
    reps: int
    r: float | None
    p: float | None
    slope: float | None  # 万元 won per extra unit of the stage
    verdict: str  # drives | unclear | none | too-little
    low: float | None = None  # 90% interval of r (Fisher's z)
    high: float | None = None

    def sentence(self, name: Text, lang: str = "zh", unit: Text | None = None) -> str:
        """What a trainer can read out (``unit``: the case's money unit, 万元 / 10k RMB)."""
        from okrkit.calibrate.explain import months

        stage = name.get(lang) or self.stage
        money = (unit.get(lang) if unit else None) or ("万元" if lang == "zh" else "10k RMB")
        if self.verdict == "too-little":
            return (f"{stage}：历史只有{self.n}个“人·月”，不足以判断它是否推动业绩。" if lang == "zh" else
                    f"{stage}: only {self.n} rep-months of history, too few to say whether it drives results.")  # fmt: skip
        core_zh = f"同一个人多做的{stage}，{months(self.lag_months, 'zh')}后的成交额"
        core_en = f"a rep's extra {stage} and the revenue won {months(self.lag_months, 'en')} later"
        figures = f"r = {self.r:.2f}, p = {self.p:.3f}, n = {self.n}"
        if self.verdict == "drives":
            more = self.slope
            return (f"{core_zh}随之上升（每多1个约多{more:.2f}{money}；{figures}）。"
                    f"注意：{self.reps}个人、同一人各月并不独立，季节也会同时影响两者。" if lang == "zh" else
                    f"{core_en.capitalize()} move together (about {more:.2f} {money} more per extra one; {figures}). "
                    f"Caveat: {self.reps} reps, one rep's months are not independent, and the season moves both.")  # fmt: skip
        if self.verdict == "unclear":
            return (f"{core_zh}：历史数据看不清关系（{figures}，r 的90%区间 {self.low:.2f}~{self.high:.2f}），"
                    "既不能说它推动业绩，也不能说不推动。" if lang == "zh" else
                    f"{core_en.capitalize()}: the history cannot tell ({figures}; r's 90% interval "
                    f"{self.low:.2f} to {self.high:.2f}), neither that it drives results nor that it does not.")  # fmt: skip
        return (f"{core_zh}看不出关系（{figures}，r 至多 {self.high:.2f}）：这个过程KR可能没有抓住真正推动业绩的动作。" if lang == "zh" else
                f"{core_en.capitalize()} show no relation ({figures}; r at most {self.high:.2f}): "
                "this process KR may not capture what drives results.")  # fmt: skip


def relate(monthly, stage: str, lag_months: int, result: str = "revenue") -> Relation:
    """The within-rep relation of ``stage`` in month m to ``result`` in month m + lag."""
    from scipy.stats import pearsonr

    # all reps at once (10,000 reps: no loop per rep): month m's stage beside month
    # m + L's result of the same rep, each rep's pairs less their own means
    rows = monthly.sort_values(["team", "month"], kind="stable")
    team = rows["team"].to_numpy()
    x = rows[stage].to_numpy(dtype=float)
    y = rows[result].to_numpy(dtype=float)
    if lag_months:
        same = team[:-lag_months] == team[lag_months:]  # m + L is still the same rep's month
        team, x, y = team[:-lag_months][same], x[:-lag_months][same], y[lag_months:][same]
    codes = np.unique(team, return_inverse=True)[1].reshape(-1)
    pairs = np.bincount(codes)  # pairs per rep; a rep with fewer than two says nothing
    keep = pairs[codes] >= 2
    codes, x, y = codes[keep], x[keep], y[keep]
    reps = int((pairs >= 2).sum())
    if len(x):
        size = np.maximum(pairs, 1)
        x = x - (np.bincount(codes, weights=x, minlength=len(pairs)) / size)[codes]
        y = y - (np.bincount(codes, weights=y, minlength=len(pairs)) / size)[codes]
    n = len(x)
    if n < MIN_PAIRS or np.allclose(x, 0) or np.allclose(y, 0):
        return Relation(stage, lag_months, n, reps, None, None, None, "too-little")
    if float(np.std(np.concatenate([x]))) < 1e-9:
        return Relation(stage, lag_months, n, reps, None, None, None, "too-little")
    r, p = pearsonr(x, y)
    slope = float((x * y).sum() / (x * x).sum())
    # Fisher's z: the 90% interval of r (n less one degree of freedom per rep's mean)
    se = 1 / math.sqrt(max(n - reps - 2, 1))
    low, high = (
        math.tanh(math.atanh(min(max(r, -0.999), 0.999)) + d * 1.645 * se) for d in (-1, 1)
    )
    if low > 0:
        verdict = "drives"
    elif high < SMALL:
        verdict = "none"  # enough history to rule out more than a small relation
    else:
        verdict = "unclear"
    return Relation(stage, lag_months, n, reps, float(r), float(p), slope, verdict, low, high)


def relations(calibration) -> list[Relation]:
    """Each process stage of the calibrated funnel against won revenue, at its own lead time."""
    from okrkit.calibrate.lags import lead_times
    from okrkit.funnel import funnel_of

    order = [s.id for s in funnel_of(calibration.case).stages if s.id in calibration.lags]
    leads = lead_times(calibration.lags, order)
    out = []
    for stage in order:
        lag = round(leads[stage] / 30.4)
        out.append(relate(calibration.monthly, stage, lag))
    return out

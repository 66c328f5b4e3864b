"""Activity targets with odds: how much activity gives an even chance (P50) or 80% (P80).

The reverse funnel (:func:`okrkit.funnel.required_activity`) gives the
activity that meets the target *if every rate comes out exactly as assumed*:
about an even chance. Calibrated rates come with intervals, and even known
rates give a random number of deals, so a rep may ask "is 100 calls a week
a safe bet or a coin flip?". Two ways to answer, each used where it holds:

- **closed form** (:func:`opportunities_for_deals`): for one stage with a
  Beta-posterior rate, the units won from n trials are beta-binomial, so the
  fewest opportunities that give ``deals`` wins with probability q is exact
  (scipy's betabinom survival function);
- **seeded simulation** (:func:`chance_of_target`, :func:`activity_for`):
  for a whole chain (calls → visits → opportunities → deals → revenue) no
  closed form exists. Each of ``draws`` runs (seed fixed, so the same input
  gives the same answer) draws every rate from its posterior, then the
  counts stage by stage (binomial for a share, Poisson for a rate above 1,
  Poisson for the part from elsewhere, ``other_share``), then the revenue as
  the sum of the deals' sizes (normal by the central limit theorem, the
  mean drawn from its own sampling error). The P50/P80 activity is the
  fewest whole units per period whose chance reaches 50% / 80%, found by
  bisection over the same seed.

Lags move activity earlier (:func:`activity_window`): a call made in
November feeds a deal that closes in January, so the calls for this year's
deals start and end the median lead time earlier.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

SEED = 20150101
DRAWS = 20000


@dataclass(frozen=True)
class StageDraw:
    """One stage's rate as a distribution: Beta(alpha, beta) for a share, else a point."""

    stage: str
    alpha: float | None = None
    beta: float | None = None
    value: float | None = None  # a rate that is not a share (deal size handled apart)
    other_share: tuple[float, float] | None = None  # Beta(alpha, beta) of the other share

    def draw(self, rng, size):
        if self.alpha is not None:
            return rng.beta(self.alpha, self.beta, size)
        return np.full(size, float(self.value))


@dataclass(frozen=True)
class DealDraw:
    """The deal size: the mean's estimate and its standard error, the deals' spread."""

    mean: float
    se: float
    sd: float


def opportunities_for_deals(deals: int, alpha: float, beta: float, q: float) -> int:
    """The fewest trials n with P(wins ≥ deals) ≥ q when the win rate is Beta(alpha, beta).

    >>> opportunities_for_deals(60, 25 * 40, 75 * 40, 0.5) in range(238, 245)
    True
    """
    from scipy.stats import betabinom

    if deals <= 0:
        return 0
    low, high = deals, max(deals * 4, 8)
    while betabinom.sf(deals - 1, high, alpha, beta) < q:
        high *= 2
        if high > 10**9:
            raise ValueError("no number of trials reaches that chance")
    while low < high:
        mid = (low + high) // 2
        if betabinom.sf(deals - 1, mid, alpha, beta) >= q:
            high = mid
        else:
            low = mid + 1
    return int(low)


def chance_of_target(
    per_year_units: float,
    chain: list[StageDraw],
    deal: DealDraw,
    target: float,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
) -> float:
    """P(revenue ≥ target) from ``per_year_units`` of the chain's bottom stage (seeded).

    ``chain`` runs from the bottom stage up to the opportunities (each stage's
    rate turns its units into the units of the stage above); the deal size
    turns the last stage's wins into revenue.
    """
    rng = np.random.default_rng(seed)
    units = np.full(draws, float(per_year_units))
    units = rng.poisson(units) if per_year_units != int(per_year_units) else units.astype(np.int64)
    for stage in chain:
        rate = stage.draw(rng, draws)
        if stage.alpha is not None or float(np.max(rate)) <= 1:
            above = rng.binomial(units.astype(np.int64), np.clip(rate, 0, 1))
        else:
            above = rng.poisson(units * rate)
        if stage.other_share is not None:
            share = rng.beta(*stage.other_share, draws)
            above = above + rng.poisson(above * share / np.clip(1 - share, 1e-9, None))
        units = above
    deals = units.astype(float)
    mean = rng.normal(deal.mean, deal.se, draws)
    revenue = deals * mean + np.sqrt(deals) * deal.sd * rng.standard_normal(draws)
    return float((revenue >= target).mean())


def activity_for(
    q: float,
    periods: float,
    chain: list[StageDraw],
    deal: DealDraw,
    target: float,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    start: int = 1,
) -> int:
    """The fewest whole units per period (calls a week) whose chance of the target reaches q."""

    def enough(per_period: int) -> bool:
        return (
            chance_of_target(per_period * periods, chain, deal, target, draws=draws, seed=seed) >= q
        )

    low, high = 0, max(int(start), 1)
    while not enough(high):
        low, high = high, high * 2
        if high > 10**7:
            raise ValueError("no activity reaches that chance")
    while high - low > 1:
        mid = (low + high) // 2
        if enough(mid):
            high = mid
        else:
            low = mid
    return high


@dataclass(frozen=True)
class Odds:
    """A rep's stage targets: the plain reverse funnel and the P50/P80 activity."""

    team: str
    target: float
    stage: str
    cadence: str
    plan: int  # the reverse funnel's target with the case's rates
    p50: int
    p80: int
    chance_at_plan: float


def rep_odds(
    calibration, team_id: str, target: float, *, draws: int = DRAWS, company: bool = False
) -> list[Odds]:
    """Per process stage of the funnel: the rep's P50/P80 activity for ``target`` (万元).

    ``company``: with the company's rates instead of the rep's own (what a new
    rep, or a department's average person, may expect); a team without rep
    rows in the history gets the company's rates either way.
    """
    from okrkit.funnel import funnel_of, required_activity

    funnel = funnel_of(calibration.case)
    plan = required_activity(funnel, target)
    size = calibration.deal_size
    if size is None or size.method != "data":
        return []
    deal = DealDraw(size.mean, (size.high - size.mean) / 1.645, size.sd)
    draws_by_stage = {}
    for stage in funnel.stages[2:]:
        rate = calibration.rates.get(stage.id)
        if rate is None or rate.method == "assumption":
            draws_by_stage[stage.id] = StageDraw(stage.id, value=stage.rate)
            continue
        row = None if company else rate.rep(team_id)
        row = row if row is not None else rate.company()
        other = None
        if stage.other_share:
            if rate.other_share is not None:
                o = rate.other_share
                orow = o[(o["level"] == "rep") & (o["group"] == team_id) & (not company)]
                orow = orow.iloc[0] if len(orow) else rate.company(o)
                other = (float(orow["alpha"]), float(orow["beta"]))
            else:
                other = (stage.other_share * 1000, (1 - stage.other_share) * 1000)
        draws_by_stage[stage.id] = StageDraw(stage.id, float(row["alpha"]), float(row["beta"]),
                                             other_share=other)  # fmt: skip
    out = []
    ids = [s.id for s in funnel.stages]
    for index in range(2, len(funnel.stages)):
        stage = funnel.stages[index]
        if stage.cadence is None:
            continue
        chain = [draws_by_stage[i] for i in reversed(ids[2 : index + 1])]
        periods = funnel.periods(stage.cadence)
        planned = plan.need(stage.id).target
        chance = chance_of_target(planned * periods, chain, deal, target, draws=draws)
        p50 = activity_for(0.5, periods, chain, deal, target, draws=draws, start=planned)
        p80 = activity_for(0.8, periods, chain, deal, target, draws=draws, start=p50)
        out.append(Odds(team_id, target, stage.id, stage.cadence, planned, p50, p80, chance))
    return out


def activity_window(lead_days: float, year: int) -> tuple[dt.date, dt.date]:
    """The dates between which activity feeds the deals that close in ``year``."""
    shift = dt.timedelta(days=math.ceil(lead_days))
    return dt.date(year, 1, 1) - shift, dt.date(year, 12, 31) - shift


@dataclass(frozen=True)
class Band:
    """One stage's P50–P80 activity: per person per period, and per year for the whole team."""

    stage: str
    cadence: str
    p50: int
    p80: int
    per_year_p50: float
    per_year_p80: float


def activity_band(
    calibration,
    team_id: str,
    target: float,
    headcount: int = 1,
    *,
    company: bool = False,
    draws: int = DRAWS,
) -> dict[str, Band]:
    """Per process stage: the activity at P50 and at P80 for ``target`` shared by ``headcount``.

    The funnel explorer draws these as a band beside the plain reverse
    funnel's bars. Each person carries ``target / headcount`` (as the funnel
    shares it); the per-year figures are for the whole team, like the bars.
    Empty when the history measured no deal size (no odds can be given).

    >>> from okrkit import load_case
    >>> from okrkit.calibrate import calibrate
    >>> cal = calibrate(load_case("cases/a-company"), "cases/a-company/records/2014")
    >>> band = activity_band(cal, "rep-zhang", 1200, company=True, draws=4000)["calls"]
    >>> band.p50 < band.p80, band.per_year_p80 == band.p80 * 48
    (True, True)
    """
    from okrkit.funnel import funnel_of

    people = int(headcount or 1)
    if people < 1:
        raise ValueError(f"a head count of at least 1 is needed, found {headcount!r}")
    funnel = funnel_of(calibration.case)
    odds = rep_odds(calibration, team_id, target / people, draws=draws, company=company)
    bands = {}
    for o in odds:
        periods = funnel.periods(o.cadence) * people
        bands[o.stage] = Band(o.stage, o.cadence, o.p50, o.p80, o.p50 * periods, o.p80 * periods)
    return bands

"""A funnel calibrated from the company's own history (last year's records).

:func:`calibrate` reads a history folder with the evidence engine
(:mod:`.records`), estimates each funnel stage's rate by the cohort or the
period method (:mod:`.cohorts`) per rep, department and company with
empirical-Bayes shrinkage (:mod:`.shrinkage`), the deal size
(:mod:`.deal_size`) and the lags between stages (:mod:`.lags`). From that,
:mod:`.proposal` writes the proposed ``funnel:`` block (a diff, never a
silent change), :mod:`.odds` the activity targets at P50 and P80, and
:mod:`.drivers` whether each process KR's stage moved the results at all;
:mod:`.tables` lays it out for a room (workbook chapter 06), and
:func:`stage_rates` re-estimates the rates on an open history for its sliders.

Nothing heavy is imported until a function runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Calibration:
    """Everything one history yields for one case."""

    case: object
    folder: object
    period: str
    as_of: object
    horizon: int
    rates: dict = field(default_factory=dict)  # stage id -> StageRate
    deal_size: object = None  # DealSize
    lags: dict = field(default_factory=dict)  # stage id -> Lag
    rejects: list = field(default_factory=list)
    monthly: object = None  # DataFrame for drivers: team, month, stage counts, won revenue
    summary: object = None  # evidence summary counts (counted, merged, rejected)
    coverage: object = None  # okrkit.calibrate.coverage.Coverage: records outside the period
    encodings: dict = field(default_factory=dict)  # EvidenceRun.encodings(): the text files read


def calibrate(case, folder, *, horizon=None, strength=None, period=None, today=None) -> Calibration:
    """Calibrate ``case``'s funnel from the records in ``folder`` (see the module docstring).

    >>> from okrkit import load_case
    >>> cal = calibrate(load_case("cases/a-company"), "cases/a-company/records/2014")
    >>> cal.rates["opportunities"].method
    'cohort'
    """
    from okrkit.calibrate.cohorts import DEFAULT_HORIZON
    from okrkit.calibrate.coverage import coverage
    from okrkit.calibrate.deal_size import deal_size
    from okrkit.calibrate.drivers import monthly_frame
    from okrkit.calibrate.lags import stage_lag
    from okrkit.calibrate.records import open_history
    from okrkit.evidence.rejects import summary

    horizon = int(horizon or DEFAULT_HORIZON)
    with open_history(case, folder, period=period, today=today) as history:
        cal = Calibration(case, history.folder, history.run.period.name, history.as_of, horizon)
        cal.rejects = list(history.rejects)
        cal.rates = stage_rates(history, horizon=horizon, strength=strength)
        cal.lags = {stage_id: stage_lag(history, stage_id, horizon) for stage_id in cal.rates}
        cal.deal_size = deal_size(history)
        cal.monthly = monthly_frame(history)
        cal.summary = summary(history.run)
        cal.coverage = coverage(history.run, cal.summary)
        cal.encodings = history.run.encodings()
    return cal


def stage_rates(history, *, horizon=None, strength=None) -> dict:
    """Each funnel stage's calibrated rate (stage id -> StageRate) from an open history.

    The part of :func:`calibrate` that the horizon and the shrinkage strength
    change: the workbook's sliders call it again on the same open history
    (:func:`okrkit.calibrate.records.open_history`) instead of judging a
    year of records again. Stages are those an evidence rule counts whose
    stage above is counted too (or is the deals, for the win rate).

    >>> from okrkit import load_case
    >>> from okrkit.calibrate.records import open_history
    >>> with open_history(load_case("cases/a-company"), "cases/a-company/records/2014") as h:
    ...     rates = stage_rates(h, horizon=30)
    >>> sorted(rates), rates["opportunities"].horizon
    (['calls', 'opportunities', 'visits'], 30)
    """
    from okrkit.calibrate.cohorts import DEFAULT_HORIZON, stage_rate
    from okrkit.funnel import funnel_of

    horizon = int(horizon or DEFAULT_HORIZON)
    funnel = funnel_of(history.case)
    ids = [s.id for s in funnel.stages]
    rates = {}
    for index, stage in enumerate(funnel.stages):
        if index < 2 or stage.id not in history.stages:
            continue
        above = ids[index - 1]
        if above != "deals" and above not in history.stages:
            continue
        rates[stage.id] = stage_rate(history, stage, above, horizon=horizon, strength=strength)
    return rates

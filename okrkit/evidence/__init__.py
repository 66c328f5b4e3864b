"""Process-KR actuals from the company's own activity records (以打卡为准).

Check-ins (DingTalk 签到, WeCom 打卡), CRM follow-ups and opportunities are
read as exported (:mod:`.sources`, :mod:`.presets`; GBK through
:mod:`.transcode`), mapped by the case's
``evidence:`` block (:mod:`.mapping`), judged record by record — counted,
merged or rejected with a located reason (:mod:`.classify`, :mod:`.reasons`,
:mod:`.rejects`) — and counted per rep, KR, ISO week and month
(:mod:`.count`) on DuckDB (:mod:`.run`; its temporary folder and cached
results have a bounded life: :mod:`.workdir`). :func:`series` is the time series the
check-in store imports; :mod:`.output` writes the actuals file,
refused by the command for a period a source has no record in (:mod:`.span`).

Nothing heavy is imported until a function runs, so ``okrkit.cases`` can
check the ``evidence:`` block at load time cheaply.
"""

from __future__ import annotations


def series(case, period=None, *, today=None):
    """Per team, KR, cadence and period, the count from the records, as a DataFrame.

    Columns: team, kr (the KR id as the actuals file uses it), cadence
    ("week" | "month"), period_start and period_end (dates, inclusive; ISO
    weeks run Monday to Sunday) and value (the count; 0 when nothing counted).
    """
    from okrkit.evidence.output import series_frame
    from okrkit.evidence.run import evaluate

    with evaluate(case, period, today=today) as run:
        return series_frame(run)


def evaluate(case, period=None, *, today=None):
    """The judged records of ``case`` for ``period``: see :func:`okrkit.evidence.run.evaluate`."""
    from okrkit.evidence.run import evaluate as _evaluate

    return _evaluate(case, period, today=today)

"""Which funnel assumption is the biggest lever on the activity a target needs.

For each assumption (each stage's rate, each ``other_share``) the funnel is
run again with that one number improved by a fixed relative step (+10% by
default) and worsened by the same step, holding the rest. The answer is data
(:class:`Sensitivity` rows, :func:`sensitivity_table`) for the tornado chart.

What to expect: in a multiplicative funnel every rate below a stage moves that
stage's requirement by the same factor (1/1.1 − 1 ≈ −9.1%); a rate only
relieves the stages above it, and a share of activity coming from elsewhere
(old-customer revisits) bites harder the larger it already is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from okrkit.funnel import Assumption, Funnel, required_activity
from okrkit.i18n import check_lang, t

STEP = 0.10


@dataclass(frozen=True)
class Sensitivity:
    """One assumption moved by ±step: the required activity of each stage before and after."""

    assumption: Assumption
    improved_value: float
    worsened_value: float
    base: dict  # stage id -> exact per person per cadence
    improved: dict
    worsened: dict
    base_target: dict  # stage id -> rounded-up target
    improved_target: dict
    capped: bool  # the improvement hit 100% and was cut there

    def change(self, stage_id: str, *, worse: bool = False) -> float:
        """Relative change of the stage's exact requirement (−0.0909 is 9.1% less activity)."""
        after = (self.worsened if worse else self.improved)[stage_id]
        before = self.base[stage_id]
        return float(after / before - 1) if before else 0.0


def _exact_needs(plan) -> dict:
    return {n.stage.id: n.per_period for n in plan.needs if n.per_period is not None}


def sensitivity(
    funnel: Funnel, target: float, headcount: int = 1, step: float = STEP
) -> list[Sensitivity]:
    """Each assumption improved and worsened by ``step`` (relative), one at a time.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of
    >>> rows = sensitivity(funnel_of(load_case("cases/a-company")), 1200)
    >>> round(rows[1].change("calls"), 4)  # win rate 25% -> 27.5%
    -0.0909

    Notice: rows come in funnel order; sort by :meth:`Sensitivity.change` for a tornado.
    """
    base_plan = required_activity(funnel, target, headcount)
    base = _exact_needs(base_plan)
    base_target = {n.stage.id: n.target for n in base_plan.needs if n.target is not None}
    rows = []
    for assumption in funnel.assumptions():
        better = assumption.value * (1 + step)
        capped = assumption.upper is not None and better > assumption.upper
        if capped:
            # A 100% win rate is the ceiling; a share of 100% would leave nothing to do.
            better = assumption.upper if assumption.key.endswith(".rate") else 0.999
        worse = assumption.value * (1 - step)
        improved_plan = required_activity(
            funnel.with_assumption(assumption.key, better), target, headcount
        )
        worsened_plan = required_activity(
            funnel.with_assumption(assumption.key, worse), target, headcount
        )
        rows.append(
            Sensitivity(
                assumption,
                better,
                worse,
                base,
                _exact_needs(improved_plan),
                _exact_needs(worsened_plan),
                base_target,
                {n.stage.id: n.target for n in improved_plan.needs if n.target is not None},
                capped,
            )
        )
    return rows


def lever_stage(funnel: Funnel) -> str:
    """The stage a tornado measures by default: the first activity (the last stage)."""
    return funnel.stages[-1].id


def sensitivity_table(
    rows: list[Sensitivity], funnel: Funnel, lang: str = "zh", step: float = STEP
) -> pd.DataFrame:
    """One row per assumption: its value, improved value, and each stage's new target and change.

    Sorted by the effect on the first activity stage, biggest lever first.
    """
    check_lang(lang)
    stages = [s for s in funnel.stages[1:] if s.cadence is not None]
    lever = lever_stage(funnel)
    records = []
    for row in sorted(rows, key=lambda r: r.change(lever)):
        record = {
            t("sens.assumption", lang): row.assumption.name.get(lang) or row.assumption.key,
            t("sens.value", lang): _show(row.assumption),
            t("sens.improved", lang, step=f"{step:+.0%}"): _show(
                row.assumption, row.improved_value
            ),
        }
        for stage in stages:
            before = row.base_target[stage.id]
            after = row.improved_target[stage.id]
            record[stage.name.get(lang)] = (
                f"{before} → {after} ({row.change(stage.id):+.1%})"
                if before != after or row.change(stage.id)
                else f"{before}"
            )
        records.append(record)
    return pd.DataFrame(records)


def _show(assumption: Assumption, value: float | None = None) -> str:
    value = assumption.value if value is None else value
    if assumption.upper is not None:
        return f"{value:.1%}".replace(".0%", "%")
    return f"{value:.4g}"

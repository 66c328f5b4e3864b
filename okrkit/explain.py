"""The decomposition worded for a room: step-by-step arithmetic and small tables.

Pure functions over the results of :mod:`okrkit.funnel`, :mod:`okrkit.split`
and :mod:`okrkit.decompose`; the CLI, the widget and the notebooks print or
show these, so the words and numbers are the same everywhere.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from okrkit.decompose import ForwardCheck, GeneratedKrs
from okrkit.funnel import FunnelPlan, exact
from okrkit.i18n import check_lang, t
from okrkit.split import SplitRow


def number(value) -> str:
    """A count as a room reads it: 240, 23.33, 0.5 (never 240.0 or 23.333333)."""
    value = exact(value) if not isinstance(value, Fraction) else value
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def funnel_steps(plan: FunnelPlan, lang: str = "zh", *, whole_team: bool = False) -> list[str]:
    """One line per stage: the division that gives it, per year, then per person per cadence.

    ``whole_team``: the plan is a department's total (:func:`okrkit.decompose.whole_team`),
    so the lines say "the whole team" where they would say "headcount 1" / "per person".

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of, required_activity
    >>> plan = required_activity(funnel_of(load_case("cases/a-company")), 1200)
    >>> funnel_steps(plan, "en")[-1]
    '5. effective calls = 240 ÷ 5% (visits booked per effective call) = 4800 a year; per person a week: 4800 ÷ 48 = 100 → target 100 calls'

    Notice: the rounding happens once, at the end of each line, and always up.
    """
    check_lang(lang)
    lines = []
    previous = None
    unit_top = plan.funnel.stages[0].unit.get(lang)
    for index, need in enumerate(plan.needs, start=1):
        stage = need.stage
        name = stage.name.get(lang)
        if previous is None:
            lines.append(
                t(
                    "steps.top.team" if whole_team else "steps.top",
                    lang,
                    i=index,
                    name=name,
                    target=number(need.per_year),
                    unit=unit_top,
                    headcount=plan.headcount,
                )
            )
            previous = need
            continue
        formula = number(previous.per_year)
        if stage.other_share:
            formula += t(
                "steps.share",
                lang,
                share=f"{stage.other_share:.0%}",
                share_name=stage.other_share_name.get(lang),
            )
        formula += t(
            "steps.divide", lang, rate=stage.rate_text(), rate_name=stage.rate_name.get(lang)
        )
        line = t(
            "steps.stage",
            lang,
            i=index,
            name=name,
            formula=formula,
            per_year=number(need.per_year),
        )
        if need.per_period is not None:
            periods = plan.funnel.periods(stage.cadence)
            per_person = need.per_year / plan.headcount
            line += t(
                "steps.period.team" if whole_team else "steps.period",
                lang,
                cadence=t(f"cadence.{stage.cadence}", lang),
                per_person=number(per_person),
                periods=number(exact(periods)),
                exact=number(need.per_period),
                target=need.target,
                unit=stage.unit.get(lang),
            )
        lines.append(line)
        previous = need
    return lines


def activity_table(plan: FunnelPlan, lang: str = "zh", *, whole_team: bool = False) -> pd.DataFrame:
    """The required activity per stage: per year, per person per cadence (exact and rounded up).

    ``whole_team``: a department's total, its column named for the whole team.
    """
    check_lang(lang)
    rows = []
    for need in plan.needs[1:]:
        stage = need.stage
        rows.append(
            {
                t("col.stage", lang): stage.name.get(lang),
                t("col.per_year", lang): number(need.per_year),
                t("col.cadence", lang): t(f"cadence.{stage.cadence}", lang)
                if stage.cadence
                else "",
                t("col.exact.team" if whole_team else "col.exact", lang): number(need.per_period)
                if need.per_period
                else "",
                t("col.target", lang): need.target,
            }
        )
    frame = pd.DataFrame(rows)
    frame[t("col.target", lang)] = frame[t("col.target", lang)].astype("Int64")
    return frame


def krs_table(generated: GeneratedKrs, lang: str = "zh") -> pd.DataFrame:
    """Generated KRs as rows: kind, text, target, cadence, evidence, suggested weight."""
    check_lang(lang)
    rows = []
    for kr in generated.key_results:
        rows.append(
            {
                t("col.kind", lang): t(f"kind.{kr.kind}", lang),
                t("col.key_result", lang): kr.text.get(lang),
                t("col.target", lang): number(kr.target),
                t("col.cadence", lang): t(f"cadence.{kr.cadence}", lang) if kr.cadence else "",
                t("col.evidence", lang): kr.evidence.get(lang),
                t("col.weight", lang): f"{kr.weight:g}%" if kr.weight is not None else "",
            }
        )
    return pd.DataFrame(rows)


def supply_table(check: ForwardCheck, lang: str = "zh") -> pd.DataFrame:
    """Each declared process KR: its target, what the funnel asks, the revenue it would produce."""
    check_lang(lang)
    rows = []
    for row in check.rows:
        rows.append(
            {
                "KR": row.kr.id,
                t("col.key_result", lang): row.kr.text.get(lang),
                t("col.declared", lang): number(row.declared),
                t("col.required", lang): row.required,
                t("col.revenue", lang): number(row.revenue),
                t("col.supplies", lang): f"{float(row.revenue / exact(check.target)):.0%}"
                if check.target
                else "",
            }
        )
    return pd.DataFrame(rows)


def supply_sentence(check: ForwardCheck, lang: str = "zh") -> str:
    """'These activity targets produce 92% of the sales target' — and which stage limits it."""
    check_lang(lang)
    if check.ratio is None:
        return t("supply.none", lang, team=check.team)
    key = "supply.ok" if check.ok else "supply.short"
    bottleneck = check.bottleneck
    return t(
        key,
        lang,
        ratio=f"{check.ratio:.1%}".replace(".0%", "%"),
        supplied=number(check.supplied),
        target=number(check.target),
        stage=bottleneck.kr.text.get(lang) if bottleneck else "",
    )


def split_table(rows: list[SplitRow], lang: str = "zh") -> pd.DataFrame:
    """A parent's split: child, how its amount is reached, amount, declared, agreement."""
    check_lang(lang)
    out = []
    for row in rows:
        out.append(
            {
                t("col.part", lang): row.name.get(lang),
                t("col.kind", lang): t(f"split.kind.{row.kind}", lang),
                t("col.basis", lang): row.basis.get(lang),
                t("col.amount", lang): number(row.amount),
                t("col.declared", lang): "" if row.declared is None else number(row.declared),
                t("col.check", lang): "✓" if row.matches else "✗",
            }
        )
    return pd.DataFrame(out)


def odds_sentences(odds, funnel, unit: str, whose: str, lang: str = "zh") -> list[str]:
    """Beside the reverse funnel: the activity that gives an even chance (P50) and 80% (P80).

    ``odds``: :func:`okrkit.calibrate.odds.rep_odds` for one person's target;
    ``whose``: whose rates they are ("张伟's own", "the company's").

    >>> from okrkit.calibrate.odds import Odds
    >>> from okrkit.cases import load_case
    >>> from okrkit.funnel import funnel_of
    >>> funnel = funnel_of(load_case("cases/a-company"))
    >>> odds = [Odds("rep-zhang", 1200, "calls", "week", 100, 100, 125, 0.5)]
    >>> odds_sentences(odds, funnel, "万元", "公司", "zh")[0]
    '有效电话：每周100个有五成把握达成1200万元；125个有八成把握（公司的比率；案例漏斗要求100）'
    >>> odds_sentences(odds, funnel, "10k RMB", "the company's", "en")[0][:68]
    'effective calls: 100 a week gives an even chance of 1200 (10k RMB); '
    """
    check_lang(lang)
    lines = []
    for o in odds:
        stage = funnel.stage(o.stage)
        name, things = stage.name.get(lang), stage.unit.get(lang)
        cadence = t(f"cadence.{o.cadence}", lang)
        lines.append(
            f"{name}：每{cadence}{o.p50}{things}有五成把握达成{number(o.target)}{unit}；"
            f"{o.p80}{things}有八成把握（{whose}的比率；案例漏斗要求{o.plan}）" if lang == "zh" else
            f"{name}: {o.p50} a {cadence} gives an even chance of {number(o.target)} ({unit}); "
            f"{o.p80} gives 80% ({whose} rates; the case's funnel asks {o.plan})"
        )  # fmt: skip
    return lines

"""How a KPI becomes process KRs: the forward check and the generated key results.

* :func:`forward_check` — the revenue a team's declared process KRs produce
  under the case's funnel, and whether it supplies the result KR.
* :func:`generate_krs` / :func:`apply_krs` — the funnel's answer as key
  results in the deck's wording, merged into a team (a new Team; the input is
  never changed).

The funnel arithmetic lives in :mod:`okrkit.funnel`, the top-down split of a
target in :mod:`okrkit.split`, the cascade check in :mod:`okrkit.align`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from okrkit.errors import CaseError, OkrkitError, Problem
from okrkit.funnel import Funnel, FunnelPlan, exact, funnel_of, required_activity, revenue_from
from okrkit.i18n import t
from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.readers import shown

# -- forward check: do the declared activities supply the result?


@dataclass(frozen=True)
class SupplyRow:
    """One declared process KR and the revenue its target would produce."""

    kr: KeyResult
    stage_id: str
    declared: float  # the KR's target, per person per the KR's cadence
    cadence: str
    required: int | None  # what the funnel asks for at that cadence, rounded up
    revenue: Fraction


@dataclass(frozen=True)
class ForwardCheck:
    """What a team's declared activity produces against its revenue target."""

    team: str
    target: float
    rows: tuple[SupplyRow, ...]
    result_kr: str | None = None

    @property
    def supplied(self) -> Fraction | None:
        """Revenue of the weakest declared stage (the bottleneck), or None without stages."""
        return min((row.revenue for row in self.rows), default=None)

    @property
    def ratio(self) -> float | None:
        """Supplied revenue over the target (1.0 = exactly enough)."""
        if self.supplied is None or not self.target:
            return None
        return float(self.supplied / exact(self.target))

    @property
    def bottleneck(self) -> SupplyRow | None:
        """The declared stage that supplies least."""
        return min(self.rows, key=lambda row: row.revenue, default=None)

    @property
    def ok(self) -> bool:
        """True when the declared activity supplies at least the target."""
        return self.supplied is not None and self.supplied >= exact(self.target)


def result_kr(team: Team) -> KeyResult | None:
    """The result KR the team's stage-counting process KRs feed (or None)."""
    fed = {kr.feeds for _, kr in team.key_results() if kr.stage and kr.feeds}
    for _, kr in team.key_results():
        if kr.id in fed and kr.kind == "result":
            return kr
    return None


def revenue_target(team: Team) -> float | None:
    """The revenue a team's funnel must supply: its result KR's target, else sales_target."""
    kr = result_kr(team)
    if kr is not None and kr.target is not None:
        return kr.target
    return team.sales_target


def forward_check(
    case: Case,
    team: Team,
    funnel: Funnel | None = None,
    *,
    target: float | None = None,
    headcount: int | None = None,
) -> ForwardCheck:
    """Run the funnel forwards from a team's declared process KRs.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> check = forward_check(case, case.team("rep-zhang"))
    >>> check.ratio, check.ok
    (1.0, True)

    Notice: the weakest stage decides; ample calls cannot make up for too few visits.
    ``target`` and ``headcount`` default to the team's own (the explorer passes its inputs).
    """
    funnel = funnel or funnel_of(case)
    target = revenue_target(team) if target is None else target
    headcount = team.headcount if headcount is None else headcount
    if target is None:
        raise OkrkitError(
            t("funnel.no_team_target", "en", team=team.id),
            zh=t("funnel.no_team_target", "zh", team=team.id),
        )
    plan = required_activity(funnel, target, headcount)
    problems = [p for p in stage_problems(case, funnel) if p.file == str(team.source or team.id)]
    if problems:
        raise CaseError(problems)
    rows = []
    for _, kr in team.key_results():
        if kr.kind != "process" or kr.stage is None or kr.target is None:
            continue
        stage = funnel.stage(kr.stage)
        cadence = kr.cadence or stage.cadence or "year"
        need = plan.need(stage.id).per_year / headcount / exact(funnel.periods(cadence))
        required = -(-need.numerator // need.denominator)
        revenue = revenue_from(funnel, stage.id, kr.target, headcount, cadence)
        rows.append(SupplyRow(kr, stage.id, kr.target, cadence, required, revenue))
    fed = result_kr(team)
    return ForwardCheck(team.id, target, tuple(rows), fed.id if fed else None)


def stage_problems(case: Case, funnel: Funnel | None = None) -> list[Problem]:
    """Process KRs naming a stage the case's funnel does not have, located in their team file.

    For the coach (lint) and the CLI; a case without a funnel has no such problem.
    """
    if funnel is None and "funnel" not in case.sections:
        return []
    funnel = funnel or funnel_of(case)
    known = [stage.id for stage in funnel.stages[1:]]
    problems = []
    for team in case.teams.values():
        for o_index, objective in enumerate(team.objectives):
            for k_index, kr in enumerate(objective.key_results):
                if kr.stage is not None and kr.stage not in known:
                    problems.append(
                        Problem(
                            str(team.source or team.id),
                            _stage_location(objective, kr, o_index, k_index),
                            f"unknown funnel stage {kr.stage!r}",
                            line=kr.line,
                            found=shown(kr.stage),
                            expected="one of " + ", ".join(known),
                            zh=f"漏斗中没有阶段 {kr.stage!r}",
                            expected_zh="以下之一：" + ", ".join(known),
                        )
                    )
    return problems


def _stage_location(objective: Objective, kr: KeyResult, o_index: int, k_index: int) -> str:
    """``O1/KR1.1.stage``, as validate and lint name a KR's field; the index path without ids.

    A manager finds ``O1/KR1.1`` in the file faster than ``objectives[0].key_results[0]``
    (okrkit.cases._by_id reads a team file the same way).
    """
    if not (str(objective.id).strip() and str(kr.id).strip()):
        return f"objectives[{o_index}].key_results[{k_index}].stage"
    # The coach takes ~0.7 s to import: only a case with a wrong stage pays for it.
    from okrkit.lint_rules import kr_location

    return kr_location(objective, kr, "stage")


def whole_team(case: Case, team: Team) -> tuple[str, ...] | None:
    """The people under ``team`` when its funnel is for the team as a whole, else None.

    A department or the company with no ``headcount`` of its own (the default
    1) is decomposed as one total: "per person" would then mean the whole
    department, and its 667 calls a week are the team's, not one rep's. The
    positions below it (their own funnels) are returned so the printout can
    point at them. A position, or a team with a headcount, is per person as is.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> whole_team(case, case.teams["sales"]), whole_team(case, case.teams["rep-li"])
    (('rep-zhang', 'rep-li', 'rep-wang'), None)
    """
    if team.level == "position" or team.headcount != 1:
        return None
    below, frontier, seen = [], [team.id], {team.id}
    while frontier:  # every position under the team, in the case's order
        children = [t for t in case.teams.values() if t.parent in frontier and t.id not in seen]
        seen.update(t.id for t in children)
        below += [t.id for t in children if t.level == "position"]
        frontier = [t.id for t in children if t.level != "position"]
    return tuple(below)


def supply_checks(case: Case) -> list[ForwardCheck]:
    """The forward check of every team whose process KRs count funnel stages; never raises.

    For the coach (lint): teams without a revenue target, and cases without a
    funnel, are skipped; unknown stages are :func:`stage_problems`' business.

    >>> from okrkit import load_case
    >>> [(c.team, c.ok) for c in supply_checks(load_case("cases/a-company"))]
    [('rep-zhang', True), ('rep-li', True), ('rep-wang', True)]
    """
    if "funnel" not in case.sections:
        return []
    funnel = funnel_of(case)
    bad = {p.file for p in stage_problems(case, funnel)}
    checks = []
    for team in case.teams.values():
        if str(team.source or team.id) in bad or revenue_target(team) is None:
            continue
        if not any(kr.stage and kr.kind == "process" for _, kr in team.key_results()):
            continue
        try:
            checks.append(forward_check(case, team, funnel))
        except OkrkitError:
            continue  # e.g. a rate the funnel cannot use: the case load reports it
    return checks


# -- generated key results


def _cadence_word(cadence: str, lang: str) -> str:
    return t(f"cadence.{cadence}", lang)


def _kr_text(template: Text, stage, n: int) -> Text:
    values = {}
    for lang in ("zh", "en"):
        pattern = template.get(lang) if template.get(lang) else t("funnel.kr_template", lang)
        values[lang] = pattern.format(
            n=n,
            name=stage.name.get(lang),
            unit=stage.unit.get(lang),
            cadence=_cadence_word(stage.cadence, lang),
        )
    return Text(**values)


@dataclass(frozen=True)
class GeneratedKrs:
    """Process KRs from the funnel (activity first, as the deck lists them) and the result KR."""

    process: tuple[KeyResult, ...]
    result: KeyResult

    @property
    def key_results(self) -> tuple[KeyResult, ...]:
        """All of them in table order: the processes, then the result they feed."""
        return (*self.process, self.result)


def generate_krs(plan: FunnelPlan, *, result_id: str = "KR1.4", unit: Text | None = None):
    """The funnel's targets as key results in the deck's wording, plus the result KR.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of, required_activity
    >>> plan = required_activity(funnel_of(load_case("cases/a-company")), 1200)
    >>> generate_krs(plan).process[0].text.zh
    '每周100个有效电话'

    Notice: weights are the case's suggestions; the result KR is always kept.
    """
    funnel = plan.funnel
    process = []
    for need in reversed(plan.needs[1:]):
        stage = need.stage
        if need.target is None or not (stage.text or stage.weight is not None):
            continue
        process.append(
            KeyResult(
                id=f"{result_id}.{stage.id}",
                text=_kr_text(stage.text, stage, need.target),
                kind="process",
                weight=stage.weight,
                target=float(need.target),
                unit=stage.unit,
                direction="at_least",
                cadence=stage.cadence,
                evidence=stage.evidence,
                feeds=result_id,
                stage=stage.id,
            )
        )
    top = funnel.stages[0]
    unit = unit or top.unit
    template = funnel.result_text
    texts = {}
    for lang in ("zh", "en"):
        pattern = template.get(lang) or t("funnel.result_template", lang)
        texts[lang] = pattern.format(target=f"{plan.target:g}", unit=unit.get(lang))
    result = KeyResult(
        id=result_id,
        text=Text(**texts),
        kind="result",
        weight=funnel.result_weight,
        target=plan.target,
        unit=unit,
        direction="at_least",
    )
    return GeneratedKrs(tuple(process), result)


def apply_krs(team: Team, generated: GeneratedKrs) -> Team:
    """A new team with the generated KRs merged in; ``team`` is not changed.

    A KR counting the same stage is updated in place (its id and weight stay:
    the trainer's weights stand); a new stage's KR is added before the result
    KR with the suggested weight and the next free id; the result KR keeps its
    id and weight and takes the new target. Without a result KR, the
    objective gets one after the process KRs.
    """
    current = result_kr(team)
    objective = _home_objective(team, current)
    taken = {kr.id for _, kr in team.key_results()}
    by_stage = {kr.stage: kr for kr in objective.key_results if kr.stage}
    fresh = [kr for kr in generated.process if kr.stage not in by_stage]
    new_ids = []
    for _ in range(len(fresh) + (current is None)):
        new_ids.append(_free_id(objective, taken))
        taken.add(new_ids[-1])
    result_id = current.id if current else new_ids[-1]
    added = [
        replace(kr, id=new_id, feeds=result_id) for kr, new_id in zip(fresh, new_ids, strict=False)
    ]
    replaced = {
        kr.stage: replace(
            by_stage[kr.stage],
            text=kr.text,
            target=kr.target,
            unit=kr.unit,
            cadence=kr.cadence,
            evidence=kr.evidence,
            direction=kr.direction,
            feeds=result_id,
            kind="process",
        )
        for kr in generated.process
        if kr.stage in by_stage
    }
    new_result = replace(
        current or generated.result,
        id=result_id,
        text=generated.result.text,
        target=generated.result.target,
        unit=generated.result.unit,
    )
    krs = []
    for kr in objective.key_results:
        if kr.stage in replaced:
            krs.append(replaced[kr.stage])
        elif current is not None and kr.id == current.id:
            krs.extend(added)
            krs.append(new_result)
        else:
            krs.append(kr)
    if current is None:
        krs.extend(added)
        krs.append(new_result)
    objectives = tuple(
        replace(o, key_results=tuple(krs)) if o.id == objective.id else o for o in team.objectives
    )
    return replace(team, objectives=objectives)


def _home_objective(team: Team, current: KeyResult | None) -> Objective:
    for objective in team.objectives:
        if current is not None and current in objective.key_results:
            return objective
    if not team.objectives:
        raise OkrkitError(
            t("funnel.no_objective", "en", team=team.id),
            zh=t("funnel.no_objective", "zh", team=team.id),
        )
    return team.objectives[0]


def _free_id(objective: Objective, taken: set) -> str:
    number = objective.id.lstrip("Oo") or "1"
    index = 1
    while f"KR{number}.{index}" in taken:
        index += 1
    return f"KR{number}.{index}"

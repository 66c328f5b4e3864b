"""How teams' objectives connect, and whether the revenue cascade adds up.

Two questions, both answered as data (pure functions, nothing raised for a
finding), so the coach (lint) and the CLI can word them:

* :func:`supported_by` / :func:`supports_path` / :func:`unsupported_objectives`
  — which child objectives serve which parent objective (``supports:`` links).
* :func:`cascade_check` — for each parent with a revenue target, do the
  children's targets (teams' ``sales_target`` plus channel parts from the
  ``split:`` block) cover it? A shortfall comes with its amount; an excess is
  either the deliberate buffer the split declares or an undeclared excess.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrkit.i18n import check_lang, t
from okrkit.model import Case, Text
from okrkit.split import parent_target, split_rules

TOLERANCE = 1e-6
STATUSES = ("covered", "shortfall", "buffer", "excess", "missing")


# -- objective links


def supported_by(case: Case, team_id: str) -> dict[str, list[tuple[str, str]]]:
    """For each objective of ``team_id``: the (child team, child objective) pairs serving it.

    >>> from okrkit import load_case
    >>> supported_by(load_case("cases/a-company"), "sales")["O1"]
    [('rep-zhang', 'O1'), ('rep-li', 'O1'), ('rep-wang', 'O1')]

    Notice: an objective nobody supports maps to an empty list, not a missing key.
    """
    team = case.team(team_id)
    links: dict[str, list[tuple[str, str]]] = {o.id: [] for o in team.objectives}
    for child in case.children(team_id):
        for objective in child.objectives:
            if objective.supports in links:
                links[objective.supports].append((child.id, objective.id))
    return links


def supports_path(case: Case, team_id: str, objective_id: str) -> list[tuple[str, str]]:
    """The chain of (team, objective) from this objective up to the top, following ``supports``.

    >>> from okrkit import load_case
    >>> supports_path(load_case("cases/a-company"), "rep-zhang", "O1")
    [('rep-zhang', 'O1'), ('sales', 'O1'), ('gm', 'O1')]
    """
    path = [(team_id, objective_id)]
    team = case.team(team_id)
    objective = team.objective(objective_id)
    while objective.supports and team.parent in case.teams:
        team = case.team(team.parent)
        try:
            objective = team.objective(objective.supports)
        except KeyError:
            break
        if (team.id, objective.id) in path:
            break
        path.append((team.id, objective.id))
    return path


def unsupported_objectives(case: Case) -> list[tuple[str, str]]:
    """Objectives of teams that have children, which no child objective supports."""
    found = []
    for team in case.teams.values():
        if not case.children(team.id):
            continue
        for objective_id, supporters in supported_by(case, team.id).items():
            if not supporters:
                found.append((team.id, objective_id))
    return found


def unlinked_objectives(case: Case) -> list[tuple[str, str]]:
    """Objectives of teams under a parent that name no parent objective they support."""
    return [
        (team.id, objective.id)
        for team in case.teams.values()
        if team.parent is not None
        for objective in team.objectives
        if not objective.supports
    ]


# -- the revenue cascade


@dataclass(frozen=True)
class CascadePart:
    """One child's part of a parent's target: a team (declared) or a channel (split block)."""

    id: str
    name: Text
    kind: str  # "team", "channel" or "kpi"
    amount: float | None  # None: a child team that should carry revenue declares none


@dataclass(frozen=True)
class CascadeRow:
    """One parent's target against the sum of its children's.

    ``gap`` is total − target: negative is a shortfall of that amount, positive
    an excess; ``buffer`` is the excess the split declares on purpose (a fraction).
    """

    parent: str
    name: Text
    target: float
    parts: tuple[CascadePart, ...]
    total: float
    buffer: float
    status: str

    @property
    def coverage(self) -> float:
        """Children's total over the parent's target (1.05 = 105%)."""
        return self.total / self.target if self.target else float("inf")

    @property
    def gap(self) -> float:
        """Children's total minus the parent's target."""
        return self.total - self.target

    def describe(self, lang: str = "zh", unit: Text | None = None) -> str:
        """One sentence for a room: what the children add to, and what that means.

        ``unit`` is the KPI's unit (万元): written after the numbers in
        Chinese, once in brackets in English.
        """
        check_lang(lang)
        word = unit.get(lang) if unit else ""
        zh = lang == "zh"
        values = dict(
            parent=self.name.get(lang),
            target=f"{self.target:g}" + (word if zh else f" ({word})" if word else ""),
            total=f"{self.total:g}" + (word if zh else ""),
            coverage=f"{self.coverage:.1%}".replace(".0%", "%"),
            gap=f"{abs(self.gap):g}" + (word if zh else ""),
            buffer=f"{self.buffer:.0%}",
            missing=", ".join(p.name.get(lang) for p in self.parts if p.amount is None),
        )
        return t(f"cascade.{self.status}", lang, **values)


def cascade_check(case: Case) -> list[CascadeRow]:
    """Does each level's revenue target add up to the level above's? Top first.

    >>> from okrkit import load_case
    >>> rows = cascade_check(load_case("cases/a-company"))
    >>> [(r.parent, r.total, r.status) for r in rows]
    [('kpi', 8000.0, 'covered'), ('gm', 8000.0, 'covered'), ('sales', 8400.0, 'buffer')]

    Notice: the sales department hands out 5% more than its target — on
    purpose, because its split declares ``buffer: 5%``; an excess nobody
    declared would read ``excess``, too little ``shortfall`` with the amount.
    """
    rows = []
    tops = [team for team in case.teams.values() if team.parent is None]
    if case.kpi.target is not None and tops:
        parts = tuple(
            CascadePart(top.id, top.name, "team", parent_target(case, top)) for top in tops
        )
        rows.append(_row("kpi", case.kpi.text, case.kpi.target, parts, 0.0))
    rules = split_rules(case)
    for team in _top_down(case):
        target = parent_target(case, team)
        rule = rules.get(team.id)
        children = case.children(team.id)
        if target is None or not children:
            continue
        if rule is not None:
            named = [case.teams[c] for c in rule.children if c in case.teams]
            channels = tuple(CascadePart(c.id, c.name, "channel", c.amount) for c in rule.channels)
        else:
            named = [c for c in children if c.sales_target is not None]
            channels = ()
        if not named and not channels:
            continue
        parts = channels + tuple(CascadePart(c.id, c.name, "team", c.sales_target) for c in named)
        rows.append(_row(team.id, team.name, target, parts, rule.buffer if rule else 0.0))
    return rows


def _row(parent: str, name: Text, target: float, parts, buffer: float) -> CascadeRow:
    total = float(sum(p.amount for p in parts if p.amount is not None))
    gap = total - target
    if any(p.amount is None for p in parts):
        status = "missing"
    elif abs(gap) <= TOLERANCE * max(1.0, abs(target)):
        status = "covered"
    elif gap < 0:
        status = "shortfall"
    elif buffer and gap <= target * buffer + TOLERANCE * max(1.0, abs(target)):
        status = "buffer"
    else:
        status = "excess"
    return CascadeRow(parent, name, target, tuple(parts), total, buffer, status)


def _top_down(case: Case):
    seen, queue = set(), [t for t in case.teams.values() if t.parent is None]
    while queue:
        team = queue.pop(0)
        if team.id in seen:
            continue
        seen.add(team.id)
        yield team
        queue.extend(case.children(team.id))

"""What an OKR table is: case, team, objective, key result, bilingual text.

The model is plain frozen dataclasses. Transforms elsewhere (weights,
decompose, the drafting widget) return new objects with
:func:`dataclasses.replace`, so an input is never changed behind a caller's
back. A blank stays ``None`` — the deck leaves targets such as
"销售额总体增长 %" empty on purpose, and a blank must not read as zero.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

LANGS = ("zh", "en")
LEVELS = ("company", "department", "position")
KINDS = ("result", "process", "deduction")
DIRECTIONS = ("increase", "decrease", "at_most", "at_least", "milestone")
CADENCES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class Text:
    """A string in Chinese and English; either may be missing."""

    zh: str | None = None
    en: str | None = None

    def get(self, lang: str = "zh") -> str:
        """The text in ``lang``, falling back to the other language, else ''."""
        first, second = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or second or ""

    def __str__(self) -> str:
        return self.get("zh")

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


def text(value: Text | str | None) -> Text:
    """Accept a plain string (taken as Chinese) where a Text is expected."""
    if isinstance(value, Text):
        return value
    return Text(zh=value) if value else Text()


@dataclass(frozen=True)
class KeyResult:
    """One key result: what is measured, how, and what it weighs.

    ``weight`` is percent points of the whole table; ``None`` is a blank.
    A ``deduction`` KR (减分项) carries no weight: each ``penalty`` points per
    incident is subtracted at review, up to ``cap``.
    """

    id: str
    text: Text
    kind: str = "result"
    weight: float | None = None
    target: float | None = None
    unit: Text = field(default_factory=Text)
    direction: str | None = None
    baseline: float | None = None
    cadence: str | None = None
    evidence: Text = field(default_factory=Text)
    feeds: str | None = None  # a process KR names the result KR it feeds
    stage: str | None = None  # a process KR names the funnel stage it counts
    penalty: float | None = None
    cap: float | None = None
    definition: Text = field(default_factory=Text)
    confidence: float | None = None  # 0–10 at setting: how sure the owner is it will land
    line: int | None = None

    @property
    def is_deduction(self) -> bool:
        return self.kind == "deduction"


@dataclass(frozen=True)
class Objective:
    """An objective (O) with its detailed description and key results."""

    id: str
    title: Text
    description: Text = field(default_factory=Text)
    key_results: tuple[KeyResult, ...] = ()
    supports: str | None = None  # id of the parent team's objective it serves
    line: int | None = None

    def planned_points(self) -> float | None:
        """O分值 at planning: the sum of the KR weights.

        Deduction items never count. An objective holding only deduction items
        carries 0; one whose weights are all blank carries ``None`` (not yet set).
        """
        scored = [kr for kr in self.key_results if not kr.is_deduction]
        if not scored:
            return 0.0
        weights = [kr.weight for kr in scored if kr.weight is not None]
        return float(sum(weights)) if weights else None


@dataclass(frozen=True)
class Team:
    """One OKR table: the company, a department or a position."""

    id: str
    name: Text
    level: str
    parent: str | None = None
    objectives: tuple[Objective, ...] = ()
    headcount: int = 1
    sales_target: float | None = None  # this team's share of the headline KPI
    person: Text = field(default_factory=Text)
    source: Path | None = None

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        """Every (objective, key result) pair in table order."""
        for objective in self.objectives:
            for kr in objective.key_results:
                yield objective, kr

    def objective(self, objective_id: str) -> Objective:
        """The objective with this id (KeyError when there is none)."""
        for objective in self.objectives:
            if objective.id == objective_id:
                return objective
        raise KeyError(f"team {self.id!r} has no objective {objective_id!r}")

    def key_result(self, kr_id: str) -> KeyResult:
        """The key result with this id (KeyError when there is none)."""
        for _, kr in self.key_results():
            if kr.id == kr_id:
                return kr
        raise KeyError(f"team {self.id!r} has no key result {kr_id!r}")

    def total_weight(self) -> float:
        """Sum of the set weights of scored (non-deduction) KRs."""
        return float(
            sum(
                kr.weight
                for _, kr in self.key_results()
                if kr.weight is not None and not kr.is_deduction
            )
        )


@dataclass(frozen=True)
class Kpi:
    """The headline KPI the case starts from, e.g. 2015 sales of 8000 万元."""

    text: Text
    target: float | None = None
    unit: Text = field(default_factory=Text)
    baseline: float | None = None


@dataclass(frozen=True)
class Case:
    """A company, its headline KPI and its teams' OKR tables.

    ``sections`` holds the case file's optional settings blocks (funnel,
    scoring, grades, lint …) as read; the module that owns a block parses it.
    """

    id: str
    name: Text
    industry: Text = field(default_factory=Text)
    year: int | None = None
    kpi: Kpi = field(default_factory=lambda: Kpi(Text()))
    story: Text = field(default_factory=Text)
    teams: Mapping[str, Team] = field(default_factory=dict)
    sections: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def team(self, team_id: str) -> Team:
        """The team with this id, with the known ids in the error when missing."""
        try:
            return self.teams[team_id]
        except KeyError:
            known = ", ".join(self.teams)
            raise KeyError(f"case {self.id!r} has no team {team_id!r}; teams: {known}") from None

    def children(self, team_id: str) -> list[Team]:
        """Teams whose parent is ``team_id``, in file order."""
        return [t for t in self.teams.values() if t.parent == team_id]

    def parent(self, team: Team) -> Team | None:
        """The team above ``team`` (None for the top)."""
        return self.teams.get(team.parent) if team.parent else None

    def with_team(self, team: Team) -> Case:
        """A new case in which ``team`` replaces the team of the same id."""
        teams = dict(self.teams)
        teams[team.id] = team
        return replace(self, teams=teams)

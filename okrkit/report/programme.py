"""Where does an OKR roll-out stall? The programme dashboard's figures, per company and department.

An HR office running OKRs across many teams asks, per department: how many teams
have written OKRs at all (fill rate), how many tables add up to 100 (weights),
how many objectives are linked to the level above (alignment), how many result
KRs have process KRs under them (decomposition), what the coach flags, how the
review scored, and once check-ins exist, how fresh they are and the status mix.

Pure functions over the case model: :func:`team_facts` reads one team,
:func:`roll_up` adds teams into a scope, :func:`programme` gives the company's
row and one per department (the department and every team below it). Every
number the dashboard shows is one of these fields, and the tests check them on
hand-counted cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from okrkit.model import Case, Team

#: The track statuses, in the dashboard's order (okrkit.track.status).
STATUSES = ("on_track", "at_risk", "off_track", "stale")


@dataclass(frozen=True)
class TeamFacts:
    """What the dashboard counts for one team."""

    team: str
    has_okrs: bool  # at least one objective with at least one key result
    weights_ok: bool
    objectives: int
    linked: int  # objectives that support an objective their parent has (all, at the top)
    results: int  # result KRs
    decomposed: int  # result KRs that at least one process KR of the team feeds
    errors: int = 0  # the coach's findings by severity
    warnings: int = 0
    score: float | None = None  # the review's total, with actuals


def team_facts(case: Case, team: Team, *, findings=None, score=None, weights_ok=None) -> TeamFacts:
    """Count ``team``'s facts; ``findings`` (the coach's) and ``score`` are passed in when known."""
    parent = case.parent(team)
    parent_objectives = {o.id for o in parent.objectives} if parent is not None else set()
    linked = sum(
        1 for o in team.objectives if team.parent is None or o.supports in parent_objectives
    )
    krs = [kr for _, kr in team.key_results()]
    results = [kr for kr in krs if kr.kind == "result"]
    fed = {kr.feeds for kr in krs if kr.kind == "process" and kr.feeds}
    if weights_ok is None:
        from okrkit.report.features import weight_status

        weights_ok = weight_status(team).ok
    findings = list(findings or ())
    return TeamFacts(
        team=team.id,
        has_okrs=any(o.key_results for o in team.objectives),
        weights_ok=bool(weights_ok),
        objectives=len(team.objectives),
        linked=linked,
        results=len(results),
        decomposed=sum(kr.id in fed for kr in results),
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity != "error" for f in findings),
        score=None if score is None else float(score),
    )


def share(part: int, whole: int) -> float | None:
    """``part / whole``; None when there is nothing to count (never a made-up 0% or 100%)."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Scope:
    """A company's or department's figures: the dashboard's row."""

    scope: str  # the team id at the top of the scope
    name: str
    teams: int  # every team in the scope, team files with problems included
    invalid: int  # team files with problems (no OKRs can be read from them)
    filled: int
    weights_ok: int
    objectives: int
    linked: int
    results: int
    decomposed: int
    errors: int
    warnings: int
    scored: int  # teams with a review score
    mean_score: float | None
    checkins: Mapping[str, int] = field(default_factory=dict)  # KRs by status; {} without a store
    fresh: float | None = None  # share of KRs not stale; None without a store

    @property
    def fill_rate(self) -> float | None:
        return share(self.filled, self.teams)

    @property
    def weights_rate(self) -> float | None:
        return share(self.weights_ok, self.teams - self.invalid)

    @property
    def alignment_rate(self) -> float | None:
        return share(self.linked, self.objectives)

    @property
    def decomposition_rate(self) -> float | None:
        return share(self.decomposed, self.results)


def roll_up(
    scope: str,
    name: str,
    facts: Iterable[TeamFacts],
    *,
    invalid: int = 0,
    checkins: Mapping[str, int] | None = None,
) -> Scope:
    """Add ``facts`` up into one scope; ``invalid`` team files count as teams without OKRs."""
    facts = list(facts)
    scores = [f.score for f in facts if f.score is not None]
    checkins = dict(checkins or {})
    krs = sum(checkins.values())
    return Scope(
        scope=scope,
        name=name,
        teams=len(facts) + invalid,
        invalid=invalid,
        filled=sum(f.has_okrs for f in facts),
        weights_ok=sum(f.weights_ok for f in facts),
        objectives=sum(f.objectives for f in facts),
        linked=sum(f.linked for f in facts),
        results=sum(f.results for f in facts),
        decomposed=sum(f.decomposed for f in facts),
        errors=sum(f.errors for f in facts),
        warnings=sum(f.warnings for f in facts),
        scored=len(scores),
        mean_score=sum(scores) / len(scores) if scores else None,
        checkins=checkins,
        fresh=share(krs - checkins.get("stale", 0), krs) if checkins else None,
    )


def departments(case: Case) -> list[Team]:
    """The scopes under the company: the teams just below the top team(s), in file order."""
    tops = {t.id for t in case.teams.values() if t.parent is None or t.parent not in case.teams}
    return [t for t in case.teams.values() if t.parent in tops]


def members(case: Case, root: str) -> list[str]:
    """``root`` and every team below it, in file order."""
    below: dict[str, list[str]] = {}
    for team in case.teams.values():
        if team.parent:
            below.setdefault(team.parent, []).append(team.id)
    found, stack, seen = [], [root], set()
    while stack:
        team_id = stack.pop()
        if team_id in seen:
            continue
        seen.add(team_id)
        found.append(team_id)
        stack.extend(reversed(below.get(team_id, [])))
    return found


def programme(
    case: Case,
    facts: Mapping[str, TeamFacts],
    *,
    lang: str = "zh",
    invalid_parents: Sequence[str | None] = (),
    checkins: Mapping[str, Mapping[str, int]] | None = None,
) -> list[Scope]:
    """The company's scope first, then one per department, in file order.

    ``facts``: per team id, for the teams counted (the valid teams of the run).
    ``invalid_parents``: the parent each team file with problems names (as far as
    it could be read), so the file counts in its department. ``checkins``: per
    scope id, KRs by status (:func:`checkin_mix`); None without a check-in store.
    """
    checkins = checkins or {}
    company_name = case.name.get(lang)
    scopes = [
        roll_up(
            "",
            company_name,
            facts.values(),
            invalid=len(invalid_parents),
            checkins=checkins.get(""),
        )
    ]
    for dept in departments(case):
        ids = members(case, dept.id)
        inside = set(ids)
        scopes.append(
            roll_up(
                dept.id,
                dept.name.get(lang),
                (facts[i] for i in ids if i in facts),
                invalid=sum(p in inside for p in invalid_parents),
                checkins=checkins.get(dept.id),
            )
        )
    return scopes


def checkin_mix(case: Case, kr_status: Iterable[tuple[str, str | None]]) -> dict[str, dict]:
    """KRs by status per scope ("" is the company), from (team id, status) pairs.

    A KR whose status is unknown (None) counts as stale: nothing was checked in.
    """
    dept_of: dict[str, str] = {}
    for dept in departments(case):
        for team_id in members(case, dept.id):
            dept_of.setdefault(team_id, dept.id)
    mix: dict[str, dict] = {"": dict.fromkeys(STATUSES, 0)}
    for team_id, status in kr_status:
        status = status if status in STATUSES else "stale"
        mix[""][status] += 1
        dept = dept_of.get(team_id)
        if dept is not None:
            mix.setdefault(dept, dict.fromkeys(STATUSES, 0))[status] += 1
    return mix


def store_mix(case: Case, as_of=None) -> dict[str, dict] | None:
    """:func:`checkin_mix` from the case's check-in store at ``as_of`` (today); None without one."""
    if case.path is None:
        return None
    from okrkit.track.store import default_path

    path = default_path(case.path)
    if not path.exists():
        return None
    from datetime import date

    from okrkit.track.picture import picture
    from okrkit.track.store import Store

    with Store(path) as store:
        frame = picture(case, store, as_of or date.today()).krs
    return checkin_mix(case, zip(frame["team"], frame["status"], strict=True))

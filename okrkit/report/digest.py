"""What feeds one team's report, as one hash: unchanged hash, unchanged report.

A report shows its team, its parent (what it supports) and its children (what
supports it), the case's settings (KPI, funnel, scoring, coach rules), the
team's actual results and check-ins, through the template and okrkit's code, in
one language for one period. :func:`team_digest` hashes exactly those:

- the bytes of the team's file (a team without a file, built in memory, by its
  parsed value), and what its report reads of its parent and children: their
  parsed values but their owners' names (:func:`_neighbour_bytes`);
- the case's settings: every field of the case but its teams;
- the team's slice of the actuals (``Actuals.for_team``) and of the check-in
  store (its current check-ins), when there are any;
- the run's settings (:func:`run_digest`): the template's bytes, okrkit's
  version *and* a hash of okrkit's own source files (a development checkout
  changes without a new version number), the language and the period.

Anything else that changes a report (a different okrkit.lint rule set installed
under the same sources, say) is outside the hash; ``okrkit report --force``
renders every team regardless.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import okrkit
from okrkit.model import Case, Team, Text

_PACKAGE = Path(okrkit.__file__).resolve().parent


@cache
def source_digest() -> str:
    """A hash of okrkit's own ``.py`` files and templates (paths and bytes)."""
    h = hashlib.sha256(okrkit.__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".ipynb", ".j2") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def run_digest(template: str | Path, lang: str, period: str | None) -> str:
    """What every report of a run shares: template, okrkit, language, period."""
    h = hashlib.sha256()
    for part in (Path(template).read_bytes(), source_digest().encode(), lang.encode()):
        h.update(part + b"\0")
    h.update(repr(period).encode())
    return h.hexdigest()


def case_digest(case: Case) -> str:
    """The case's settings: every field but its teams (and where it lives)."""
    settings = dataclasses.replace(case, teams={}, path=None)
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def _team_bytes(team: Team | None) -> bytes:
    """The team's own file, byte for byte (its parsed value when it has no file)."""
    if team is None:
        return b"-"
    if team.source is not None:
        try:
            return Path(team.source).read_bytes()
        except OSError:
            pass
    return repr(dataclasses.replace(team, source=None)).encode()


def _neighbour_bytes(team: Team | None) -> bytes:
    """What another team's report reads of this one: its parsed value but its owner's name.

    The parent's and children's reports show this team's name, level, objectives
    and key results (alignment, the coach's cascade and split checks); the owner
    (``person``) appears only in the team's own header. So renaming a rep's owner
    re-renders one report, and a comment or layout change in a file re-renders
    only that file's team.
    """
    if team is None:
        return b"-"
    return repr(dataclasses.replace(team, person=Text(), source=None)).encode()


def team_digest(
    case: Case,
    team: Team,
    shared: str,
    *,
    actuals=None,
    checkins: Mapping[str, str] | None = None,
    children: Mapping[str, list[Team]] | None = None,
) -> str:
    """The hash of everything ``team``'s report reads; ``shared`` is ``run_digest + case_digest``.

    ``children``: the case's teams by parent id, when the caller hashes many
    teams (``case.children`` scans every team: 10,000 teams, 10,000 scans).
    """
    h = hashlib.sha256(shared.encode())
    below = children.get(team.id, []) if children is not None else case.children(team.id)
    h.update(b"\0team\0" + _team_bytes(team))
    for other in (case.parent(team), *below):
        h.update(b"\0neighbour\0" + _neighbour_bytes(other))
    if actuals is not None:
        h.update(b"\0actuals\0" + repr(sorted(actuals.for_team(team.id).items())).encode())
    if checkins:
        h.update(b"\0checkins\0" + checkins.get(team.id, "").encode())
    return h.hexdigest()


def children_by_parent(case: Case) -> dict[str, list[Team]]:
    """``case.children`` for every team at once, in file order."""
    below: dict[str, list[Team]] = {}
    for team in case.teams.values():
        if team.parent:
            below.setdefault(team.parent, []).append(team)
    return below


def checkin_digests(case: Case) -> dict[str, str]:
    """Per team, a hash of its current check-ins in the case's store; empty without a store."""
    if case.path is None:
        return {}
    from okrkit.track.store import Store, default_path

    path = default_path(case.path)
    if not path.exists():
        return {}
    with Store(path) as store:
        rows = store.rows(current=True)
    by_team: dict[str, hashlib._Hash] = {}
    for row in sorted(rows, key=lambda r: (str(r["team"]), str(r["key"]))):
        row = {k: v for k, v in row.items() if k not in ("id", "recorded_at")}
        by_team.setdefault(str(row["team"]), hashlib.sha256()).update(repr(row).encode())
    return {team: h.hexdigest() for team, h in by_team.items()}


def digests(case: Case, teams, *, template, lang: str, period, actuals=None) -> dict[str, str]:
    """``team.id → team_digest`` for ``teams``."""
    shared = run_digest(template, lang, period) + case_digest(case)
    below = children_by_parent(case)
    checkins = checkin_digests(case)
    return {
        team.id: team_digest(case, team, shared, actuals=actuals, checkins=checkins, children=below)
        for team in teams
    }

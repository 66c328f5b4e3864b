"""What feeds one team's report, as one hash: unchanged hash, unchanged report.

A report shows its team, its parent (what it supports) and its children (what
supports it), the case's settings (KPI, funnel, scoring, coach rules), the
team's actual results, its evidence from the activity records and its trend of
check-ins at a date, through the template and okrkit's rendering code, in one
language for one period. :func:`team_digest` hashes exactly those:

- the bytes of the team's file (a team without a file, built in memory, by its
  parsed value), and what its report reads of its parent and children: their
  parsed values but their owners' names (:func:`_neighbour_bytes`);
- the case's settings: every field of the case but its teams;
- the team's slice of the actuals (``Actuals.for_team``) and of the check-in
  store (its current check-ins), when there are any;
- the team's slice of what the batch prepared for its report
  (:mod:`okrkit.report.prepare`): the coach's findings, the process-KR actuals
  and rejects the records give it (so an edited record file re-renders the reps
  whose counts it changes, and only them), and its trend at the as-of date;
- the run's settings (:func:`run_digest`): the template's bytes, okrkit's
  version *and* a hash of the source of the modules that render a report
  (:data:`RENDERING`: okrkit/report, the templates, the labels; a development
  checkout changes without a new version number), the language, the period and
  the as-of date (a report made in March shows March's status).

Not the whole package: a change to a widget or a chapter re-renders nothing.
A change to the engines behind the sections (the coach, the evidence, the
check-in rules) re-renders exactly the teams whose findings, evidence or trend
it changes, because those are hashed as results. Anything else that changes a
report is outside the hash; ``okrkit report --force`` renders every team.
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
#: What renders a report, inside the package: its modules, the notebook and page
#: templates, the labels it prints. The sections' numbers come from engines whose
#: results are hashed per team instead (see the module's docstring).
RENDERING = ("report", "templates", "i18n.py")


def rendering_files(package: Path = _PACKAGE) -> list[Path]:
    """The files of :data:`RENDERING`, sorted (sources, notebooks, templates; no caches)."""
    files = []
    for name in RENDERING:
        root = package / name
        paths = root.rglob("*") if root.is_dir() else [root]
        files += [p for p in paths if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix in (".py", ".ipynb", ".j2", ".tpl", ".css", ".json", ".js")]  # fmt: skip
    return sorted(files)


def package_digest(package: Path = _PACKAGE, version: str = okrkit.__version__) -> str:
    """A hash of ``version`` and ``package``'s rendering files (paths and bytes)."""
    h = hashlib.sha256(version.encode())
    for path in rendering_files(package):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@cache
def source_digest() -> str:
    """:func:`package_digest` of the installed okrkit, once per process."""
    return package_digest()


def run_digest(template: str | Path, lang: str, period, as_of=None) -> str:
    """What every report of a run shares: template, okrkit, language, period, as-of date."""
    h = hashlib.sha256()
    for part in (Path(template).read_bytes(), source_digest().encode(), lang.encode()):
        h.update(part + b"\0")
    h.update(repr((period, as_of)).encode())
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
    prepared: Mapping[str, dict] | None = None,
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
    if prepared is not None:  # findings, evidence, trend: repr is exact for these plain values
        h.update(b"\0prepared\0" + repr(prepared.get(team.id)).encode())
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


def digests(
    case: Case, teams, *, template, lang: str, period, actuals=None, prepared=None, as_of=None
) -> dict[str, str]:
    """``team.id → team_digest`` for ``teams``.

    ``prepared``: :func:`okrkit.report.prepare.prepare`'s slices for ``teams``;
    ``None`` prepares them here (at ``as_of``, default today within the cycle).
    """
    from okrkit.report.prepare import as_of_date, prepare

    teams = list(teams)
    as_of = as_of or as_of_date(case)
    if prepared is None:
        prepared = prepare(case, teams, period=_evidence_period(period, actuals), as_of=as_of)
    from okrkit.report.year_sections import store_path

    # The date matters only to a trend section, which needs a store: without one,
    # a report made today is the report made yesterday.
    dated = as_of if store_path(case) is not None else None
    shared = run_digest(template, lang, period, dated) + case_digest(case)
    below = children_by_parent(case)
    checkins = checkin_digests(case)
    options = dict(actuals=actuals, checkins=checkins, children=below, prepared=prepared)
    return {team.id: team_digest(case, team, shared, **options) for team in teams}


def _evidence_period(period, actuals):
    """The period a report's evidence counts: the one asked for, else the actuals' (as TeamReport)."""
    if period is None and actuals is not None:
        return getattr(actuals, "period", None)
    return period

"""What the batch works out once for every team, so each kernel only formats it.

A report's costly sections are judged by engines that look at the whole case:
the coach (the cascade), the evidence engine (DuckDB over every record file) and
the check-in picture (every KR's status and forecast, pandas). Run per kernel,
they cost seconds a report (a rep's trend section alone ~3 s: ten whole-case
pictures and the imports of pandas and matplotlib). The batch runs each once,
here, for all its teams, and hands every kernel its team's slice in the case
snapshot (:mod:`okrkit.report.snapshot`): plain numbers and strings, so the
kernel imports neither DuckDB nor pandas nor matplotlib.

The same slices feed the digest (:mod:`okrkit.report.digest`): a team's report
is rendered again exactly when its findings, its evidence or its trend changed.

Per team, :func:`prepare` gives ``{"findings", "evidence", "trend"}``:

* ``findings`` — the coach's findings (``None`` without the coach);
* ``evidence`` — :func:`okrkit.report.year_sections.evidence_facts` with KR ids
  (``None`` for a team the records do not count);
* ``trend`` — per KR its status, forecasts, last comment and the chart's
  series (:func:`team_trends`), ``None`` without a check-in store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from okrkit.model import Case, Team


def as_of_date(case: Case, today: date | None = None) -> date:
    """The day the trend section looks at: today, never past the cycle's last day."""
    from okrkit.report.year_sections import default_as_of

    return default_as_of(case.year or (today or date.today()).year, today)


def prepare(
    case: Case,
    teams: Sequence[Team],
    *,
    findings: dict | None = None,
    period=None,
    as_of: date | None = None,
) -> dict[str, dict]:
    """Every team's slice: its coach findings, evidence and trend (see the module's docstring).

    ``findings``: the coach's findings by team id when the caller has them
    already (``summary.team_checks``); else the coach runs here.
    """
    from okrkit.report.year_sections import store_path

    if findings is None:
        from okrkit.report.summary import team_checks

        findings = team_checks(case, teams).findings
    evidence = _evidence(case, teams, period)
    path = store_path(case)
    trends = team_trends(case, path, teams, as_of or as_of_date(case)) if path else {}
    return {
        team.id: {
            "findings": _plain_findings(findings.get(team.id)),
            "evidence": evidence.get(team.id),
            "trend": trends.get(team.id),
        }
        for team in teams
    }


def _plain_findings(found: list | None) -> list | None:
    """The coach's findings as plain namespaces with the fields the report shows.

    A :class:`okrkit.lint.Finding` unpickled in the kernel would import the coach
    (its rules, the text reader: a tenth of a second) only to be printed.
    """
    if found is None:
        return None
    from types import SimpleNamespace

    fields = ("code", "severity", "location", "message", "hint")
    return [SimpleNamespace(**{name: getattr(f, name) for name in fields}) for f in found]


def _evidence(case: Case, teams: Iterable[Team], period) -> dict[str, dict]:
    """Per counted team, its evidence entry (KR ids, not KR objects: the kernel resolves them)."""
    from okrkit.errors import OkrkitError
    from okrkit.report.year_sections import _cached_evidence

    teams = list(teams)
    if not case.sections.get("evidence"):
        return {}
    try:
        from okrkit.evidence.mapping import evidence_config
        from okrkit.evidence.rules import targets

        # year_sections.has_records for every team at once (the rules read once, not per team)
        named = {t.team for t in targets(case, evidence_config(case).rules)}
        counted = [team for team in teams if team.id in named]
        every = _cached_evidence(case, period) if counted else {}
    except OkrkitError as exc:  # a broken evidence: block: every report shows it, located
        error = {lang: exc.render(lang) for lang in ("zh", "en")}
        return {team.id: {"error": error} for team in teams}
    return {team.id: every[team.id] for team in counted if team.id in every}


def _number(value) -> float | None:
    import math

    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def team_trends(case: Case, path, teams: Sequence[Team], as_of: date) -> dict[str, dict]:
    """Per team: ``{"as_of", "krs": [...]}``, each KR what the trend section and its chart show.

    The numbers are :func:`okrkit.track.trend.kr_trend`'s (a test holds them
    equal for every KR of A公司), from one picture of the whole case instead of
    one per KR: the expected line on the cycle's first day and each month's
    end, the check-ins up to ``as_of``, both forecasts, the status.
    """
    import numpy as np
    import pandas as pd

    from okrkit.track.pace import expected_value, fraction_done
    from okrkit.track.picture import picture
    from okrkit.track.settings import tracking_settings
    from okrkit.track.standing import plan_frame
    from okrkit.track.store import Store

    cycle = case.year or as_of.year
    wanted = {team.id for team in teams}
    with Store(path) as store:
        view = picture(case, store, as_of, cycle=cycle, teams=list(teams))
        checkins = store.frame(cycle, until=as_of)
    checkins = checkins[checkins["team"].isin(wanted)]
    # kr_trend's line: its own plan frame (no previous cycle), profiles indexed per call.
    plan, profiles = plan_frame(case, tracking_settings(case), cycle, teams=list(teams))
    profile_of = {(r.team, r.kr): int(r.profile) for r in plan.itertuples(index=False)}
    days = pd.date_range(f"{cycle}-01-01", f"{cycle}-12-31", freq="ME").insert(
        0, pd.Timestamp(f"{cycle}-01-01")
    )
    day_values = days.to_numpy(dtype="datetime64[D]")
    month = (day_values.astype("datetime64[M]").astype(int) % 12).astype(int)
    line_dates = [d.date().isoformat() for d in days]
    by_kr = {key: rows for key, rows in checkins.groupby(["team", "kr"], sort=False)}
    out: dict[str, dict] = {}
    for row in view.krs.itertuples(index=False):
        shares = profiles[profile_of[(row.team, row.kr)]]
        count = len(day_values)
        expected = expected_value(np.full(count, row.mode), np.full(count, row.direction),
                                  np.full(count, row.target), np.full(count, row.baseline),
                                  fraction_done(day_values, cycle, shares))  # fmt: skip
        per_period = row.mode == "per_period"
        if per_period and int(row.profile) > 0:
            expected = row.target * shares[month] / profiles[0][month]
        mine = by_kr.get((row.team, row.kr))
        if mine is None:
            mine = checkins.iloc[0:0]
        when = mine["period_start"] if per_period else mine["date"]
        comments = [c for c in mine.sort_values("date")["comment"] if isinstance(c, str) and c]
        out.setdefault(row.team, {"as_of": as_of, "krs": []})["krs"].append({
            "kr": row.kr, "mode": row.mode, "status": row.status,
            "forecast_run": _number(row.forecast_run), "forecast_fit": _number(row.forecast_fit),
            "last": comments[-1] if comments else None,
            "line": {"date": line_dates, "expected": [_number(v) for v in expected]},
            "points": {"date": [d.date().isoformat() for d in when],
                       "value": [float(v) for v in mine["value"]]},
        })  # fmt: skip
    return out

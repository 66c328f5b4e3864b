"""What does the index say about each team: its facts, checks, score, and how its run went.

Computed in the batch process from the same pure functions the report uses
(through ``features``), not scraped from the executed notebooks, so a team whose
report failed still gets its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okrkit.i18n import t
from okrkit.model import Case, Team
from okrkit.report import features
from okrkit.report.execute import TeamJob, TeamResult
from okrkit.report.index import Index, IndexRow


def columns(lang: str, *, lint: bool, review: bool) -> list[str]:
    keys = ["index.level", "index.parent", "index.objectives", "index.krs", "index.weights"]
    if lint:
        keys.append("index.findings")
    if review:
        keys += ["index.score", "index.grade"]
    return [t(key, lang) for key in keys]


def weight_cell(team: Team, lang: str) -> str:
    status = features.weight_status(team)
    total = f"{status.total:g}"
    if status.ok:
        return f"{total} ✓"
    if status.blanks:
        return f"{total} ✗ ({t('report.weights.blanks', lang, n=status.blanks)})"
    return f"{total} ✗"


def team_values(case: Case, team: Team, lang: str, *, lint: bool, actuals) -> list:
    parent = case.parent(team)
    values = [
        t(f"level.{team.level}", lang),
        parent.name.get(lang) if parent is not None else "",
        len(team.objectives),
        sum(1 for _ in team.key_results()),
        weight_cell(team, lang),
    ]
    if lint:
        values.append(len(features.findings(team, case) or ()))
    if actuals is not None:
        score = features.team_score(case, team, actuals)
        grade = score.grade.grade if score.grade is not None else ""
        total = round(float(score.total), 2)
        values += [int(total) if total.is_integer() else total, grade]  # a number: right-aligned
    return values


def build_index(
    case: Case,
    teams: Sequence[Team],
    jobs: Sequence[TeamJob],
    results: Sequence[TeamResult],
    *,
    lang: str = "zh",
    actuals=None,
    actuals_path: str | Path | None = None,
) -> Index:
    """The index of one batch: a row per team, in the order the teams were given."""
    lint = features.has_lint()
    rows = []
    for team, job, result in zip(teams, jobs, results, strict=True):
        rows.append(
            IndexRow(
                key=job.key,
                name=team.name.get(lang),
                values=team_values(case, team, lang, lint=lint, actuals=actuals),
                ok=result.ok,
                error=result.error,
                html=Path(result.html).name if result.html else None,
                ipynb=Path(result.ipynb).name if result.ipynb else None,
            )
        )
    n_failed = sum(not r.ok for r in results)
    meta = []
    kpi = case.kpi
    if kpi.text:
        target = "" if kpi.target is None else f"{kpi.target:g}{kpi.unit.get(lang)}"
        meta.append(f"{kpi.text.get(lang)}：{target}".rstrip("："))
    if actuals_path is not None:
        meta.append(t("index.actuals", lang, file=Path(actuals_path).name))
    return Index(
        title=t("index.title", lang, company=case.name.get(lang)),
        columns=columns(lang, lint=lint, review=actuals is not None),
        rows=rows,
        summary=t("index.summary", lang, n=len(rows), ok=len(rows) - n_failed, failed=n_failed),
        meta=meta,
        labels={
            "team": t("report.team", lang),
            "status": t("index.status", lang),
            "ok": t("index.ok", lang),
            "failed": t("index.failed", lang),
            "notebook": t("index.notebook", lang),
        },
        lang=lang,
    )

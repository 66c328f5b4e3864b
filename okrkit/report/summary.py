"""What does the index say about each team: its facts, checks, score, and how its run went.

Computed in the batch process from the same pure functions the report uses
(through ``features``), not scraped from the executed notebooks, so a team whose
report failed still gets its row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from okrkit.errors import Problem
from okrkit.i18n import t
from okrkit.model import Case, Team
from okrkit.report import features
from okrkit.report.execute import TeamJob, TeamResult
from okrkit.report.index import Index, IndexRow
from okrkit.report.jobs import file_keys


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


def _parent_cell(team: Team, parent: Team | None, lang: str) -> str:
    if parent is not None:
        return parent.name.get(lang)
    if team.parent:  # a parent whose file has problems is not in the case: say so
        return f"{team.parent} ({t('index.invalid', lang)})"
    return ""


def team_values(
    case: Case, team: Team, lang: str, *, lint: bool, actuals, findings=None, score=None
) -> list:
    """The index's figures for ``team``; ``findings``/``score``: already computed, if at hand."""
    parent = case.parent(team)
    values = [
        t(f"level.{team.level}", lang),
        _parent_cell(team, parent, lang),
        len(team.objectives),
        sum(1 for _ in team.key_results()),
        weight_cell(team, lang),
    ]
    if lint:
        values.append(len(findings if findings is not None else features.findings(team, case)))
    if actuals is not None:
        score = score if score is not None else features.team_score(case, team, actuals)
        grade = score.grade.grade if score.grade is not None else ""
        total = round(float(score.total), 2)
        if not score.rated:  # no actual at all: blank, not a 0 that sorts as the worst
            values += ["", ""]
        else:
            values += [int(total) if total.is_integer() else total, grade]  # right-aligned
    return values


def team_rows(
    case: Case,
    teams: Sequence[Team],
    jobs: Sequence[TeamJob],
    *,
    lang: str = "zh",
    actuals=None,
    checks: TeamChecks | None = None,
) -> list[IndexRow]:
    """One row per team to run, not done yet; its values are computed once, here."""
    lint = features.has_lint()
    checks = checks or TeamChecks()
    return [
        IndexRow(
            key=job.key,
            name=team.name.get(lang),
            values=team_values(
                case,
                team,
                lang,
                lint=lint,
                actuals=actuals,
                findings=checks.findings.get(team.id),
                score=checks.scores.get(team.id),
            ),
            state="pending",
        )
        for team, job in zip(teams, jobs, strict=True)
    ]


@dataclass
class TeamChecks:
    """The coach's findings and the review's scores per team id, computed once for a run."""

    findings: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)


def team_checks(case: Case, teams: Sequence[Team], actuals=None) -> TeamChecks:
    """Lint (when installed) and score (with actuals) every team once: rows and dashboard share them."""
    checks = TeamChecks()
    lint = features.has_lint()
    linted = case
    if lint and features.has("okrkit.lint", "index_case"):
        from okrkit.lint import index_case

        # Indexed once: the coach's whole-case checks (the cascade) run once for all
        # teams instead of once per team (30 ms a team at 10,000 teams).
        linted = index_case(case)
    for team in teams:
        if lint:
            checks.findings[team.id] = features.findings(team, linted) or []
        if actuals is not None:
            checks.scores[team.id] = features.team_score(case, team, actuals)
    return checks


def dashboard(
    case: Case,
    teams: Sequence[Team],
    checks: TeamChecks,
    *,
    lang: str = "zh",
    invalid_parents: Sequence[str | None] = (),
    review: bool = False,
    checkins: dict | None = None,
) -> tuple[str, list[str], list[list]]:
    """The programme dashboard: its title, headings and one row per scope, in ``lang``."""
    from okrkit.report import dashboard as board
    from okrkit.report import programme

    facts = {
        team.id: programme.team_facts(
            case,
            team,
            findings=checks.findings.get(team.id),
            score=float(checks.scores[team.id].total) if _rated(checks, team.id) else None,
            weights_ok=features.weight_status(team).ok,
        )
        for team in teams
    }
    scopes = programme.programme(
        case, facts, lang=lang, invalid_parents=invalid_parents, checkins=checkins
    )
    has_checkins = checkins is not None
    return (
        board.label("dashboard", lang),
        board.columns(lang, review=review, checkins=has_checkins),
        [board.cells(s, lang, review=review, checkins=has_checkins) for s in scopes],
    )


def invalid_rows(invalid: Mapping[Path, Sequence[Problem]], lang: str = "zh") -> list[IndexRow]:
    """One row per team file with problems: named by the file, its problems located."""
    keys = file_keys(Path(path).stem for path in invalid)
    return [
        IndexRow(
            key=keys[Path(path).stem],
            name=Path(path).stem,
            state="invalid",
            problems=[problem.render(lang) for problem in problems],
        )
        for path, problems in invalid.items()
    ]


def finished_row(row: IndexRow, result: TeamResult) -> IndexRow:
    """``row`` once its report ran: ok or failed, linked to what was written."""
    return replace(
        row,
        state="ok" if result.ok else "failed",
        error=result.error,
        html=Path(result.html).name if result.html else None,
        ipynb=Path(result.ipynb).name if result.ipynb else None,
    )


def _n(n: int, word: str) -> str:
    """``1 team``, ``2 teams``: English counts agree with their noun."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(rows: Sequence[IndexRow], lang: str = "zh", *, kept: int = 0) -> str:
    """``6 teams: 4 reports written, 1 failed, 1 invalid (not run)``, in ``lang``.

    ``kept``: how many of the ok rows are earlier reports kept because their
    inputs did not change; the line then says how many were written now and how
    many kept, so it agrees with itself (was: "6 written" beside "2 rendered").
    """
    count = Counter(row.state for row in rows)
    n, ok, failed = len(rows), count["ok"], count["failed"]
    kept = min(kept, ok)
    if lang == "zh":
        line = f"共{n}个团队：{ok - kept}份报告已生成" if kept else f"共{n}个团队：{ok}份报告已生成"
        line += f"，{kept}份输入未变、保留原报告" if kept else ""
        line += f"，{failed}份失败"
    else:
        line = f"{_n(n, 'team')}: {_n(ok - kept, 'report')} written"
        line += f", {kept} unchanged and kept" if kept else ""
        line += f", {failed} failed"
    if count["invalid"]:
        line += t("index.summary.invalid", lang, n=count["invalid"])
    if count["pending"]:
        line += t("index.summary.pending", lang, n=count["pending"])
    return line


def build_index(
    case: Case,
    rows: Sequence[IndexRow],
    *,
    lang: str = "zh",
    actuals=None,
    actuals_path: str | Path | None = None,
    notice: str = "",
    board: tuple[str, list, list] | None = None,
    kept: int = 0,
) -> Index:
    """The index of one batch: the rows as given (teams run, then invalid team files).

    ``kept``: the reports kept from an earlier run (their inputs unchanged).
    """
    meta = []
    kpi = case.kpi
    if kpi.text:
        from okrkit.report.sections import with_unit

        target = "" if kpi.target is None else with_unit(kpi.target, kpi.unit.get(lang))
        colon = "：" if lang == "zh" else ": "  # an English header takes an ASCII colon
        meta.append(f"{kpi.text.get(lang)}{colon}{target}".rstrip(colon).rstrip())
    if actuals_path is not None:
        meta.append(t("index.actuals", lang, file=Path(actuals_path).name))
    return Index(
        title=t("index.title", lang, company=case.name.get(lang)),
        columns=columns(lang, lint=features.has_lint(), review=actuals is not None),
        rows=list(rows),
        summary=summary_line(rows, lang, kept=kept),
        meta=meta,
        labels={
            "team": t("report.team", lang),
            "status": t("index.status", lang),
            "ok": t("index.ok", lang),
            "failed": t("index.failed", lang),
            "invalid": t("index.invalid", lang),
            "pending": t("index.pending", lang),
            "notebook": t("index.notebook", lang),
        },
        lang=lang,
        notice=notice,
        dashboard_title=board[0] if board else "",
        dashboard_columns=board[1] if board else (),
        dashboard_rows=board[2] if board else (),
    )


def _rated(checks, team_id: str) -> bool:
    """Whether the team was scored at all: one without any actual is left out of the averages."""
    score = checks.scores.get(team_id)
    return score is not None and score.rated

"""Which runs does a case need: one job per team, with the parameters the template declares.

``template_parameters`` is the contract with ``okrkit/templates/team_report.ipynb``:
a test checks that its keys are exactly the template's declared parameters
(papermill only logs a warning for an unknown one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from okrkit.i18n import t
from okrkit.model import Case, Team
from okrkit.report.execute import TeamJob

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "team_report.ipynb"

_UNSAFE = re.compile(r"[^\w.-]+")


def template_parameters(
    case_path: str | Path,
    team_id: str,
    lang: str = "zh",
    actuals_path: str | Path | None = None,
    period: str | None = None,
    case_snapshot: str | Path | None = None,
) -> dict:
    """The values papermill injects into the template for one team (paths made absolute)."""
    return {
        "case_path": str(Path(case_path).resolve()),
        "team_id": team_id,
        "lang": lang,
        "actuals_path": str(Path(actuals_path).resolve()) if actuals_path else None,
        "period": None if period is None else str(period),
        "case_snapshot": str(case_snapshot) if case_snapshot else None,
    }


def file_keys(team_ids: Iterable[str]) -> dict[str, str]:
    """A file name stem per team id: the id itself when it is safe, else a cleaned, unique one."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for team_id in team_ids:
        key = _UNSAFE.sub("_", team_id).strip("._") or "team"
        if key.lower() == "index":  # index.html is the index
            key = f"team_{key}"
        stem, n = key, 2
        while key.lower() in taken:
            key, n = f"{stem}-{n}", n + 1
        taken.add(key.lower())
        keys[team_id] = key
    return keys


def team_jobs(
    case: Case,
    teams: Iterable[Team],
    out_dir: str | Path,
    *,
    lang: str = "zh",
    actuals_path: str | Path | None = None,
    period: str | None = None,
    case_snapshot: str | Path | None = None,
    template: str | Path = TEMPLATE,
) -> list[TeamJob]:
    """One job per team, in the order given."""
    teams = list(teams)
    keys = file_keys(team.id for team in teams)
    out = str(Path(out_dir).resolve())
    return [
        TeamJob(
            key=keys[team.id],
            template=str(template),
            out_dir=out,
            parameters=template_parameters(
                case.path, team.id, lang, actuals_path, period, case_snapshot
            ),
            title=t("report.title", lang, team=team.name.get(lang)),
            lang=lang,
        )
        for team in teams
    ]

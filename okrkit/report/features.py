"""Which optional parts of okrkit does a report use, and how does it call them?

A report shows the weight check, the coach's findings, the reverse funnel and the
review scorecard when the modules behind them are installed. Each check below is
explicit (the module exists and has the function the report calls); nothing is
wrapped in a catch-all, so a real error inside a module still fails the report
and shows in it. Both sides use this module: the kernel (``sections``) and the
batch process (``summary``, for the index), so they cannot disagree.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from okrkit.errors import OkrkitError
from okrkit.model import Case, Team


@cache
def has(module: str, *names: str) -> bool:
    """True when ``module`` can be imported and defines every one of ``names``."""
    if importlib.util.find_spec(module) is None:
        return False
    loaded = importlib.import_module(module)
    return all(hasattr(loaded, name) for name in names)


def has_lint() -> bool:
    return has("okrkit.lint", "lint_team")


def has_funnel() -> bool:
    return has("okrkit.funnel", "funnel_of", "required_activity")


def has_scoring() -> bool:
    return has("okrkit.scoring", "score_team", "scoring_settings", "grade_bands") and has(
        "okrkit.actuals", "load_actuals"
    )


# -- weights


@dataclass(frozen=True)
class WeightStatus:
    total: float  # the set weights of scored KRs, percent points
    blanks: int  # scored KRs whose weight is still blank
    ok: bool  # no blanks, and the total is 100


def weight_status(team: Team) -> WeightStatus:
    """Do the team's weights add up to 100 (okrkit.weights' check when installed)?"""
    if has("okrkit.weights", "check_weights"):
        from okrkit.weights import check_weights

        check = check_weights(team)
        return WeightStatus(check.total, len(check.blanks), bool(check.ok))
    weights = [kr.weight for _, kr in team.key_results() if not kr.is_deduction]
    total = float(sum(w for w in weights if w is not None))
    blanks = sum(w is None for w in weights)
    return WeightStatus(total, blanks, blanks == 0 and abs(total - 100) < 1e-6)


# -- the coach (okrkit.lint)


def findings(team: Team, case: Case) -> list | None:
    """The coach's findings for ``team``; None when the coach is not installed."""
    if not has_lint():
        return None
    from okrkit.lint import lint_team

    return list(lint_team(team, case))


# -- the reverse funnel (okrkit.funnel)


def funnel_plan(case: Case, team: Team):
    """The funnel arithmetic for a position with a sales target; None when it does not apply."""
    if team.level != "position" or team.sales_target is None or "funnel" not in case.sections:
        return None
    if not has_funnel():
        return None
    from okrkit.funnel import funnel_of, required_activity

    return required_activity(funnel_of(case), team.sales_target, team.headcount or 1)


# -- the review (okrkit.actuals, okrkit.scoring)


def load_actuals(case: Case, path: str | Path | None, unreadable_teams=frozenset()):
    """The actuals file checked against ``case`` (CaseError when it is wrong); None without one.

    Values of ``unreadable_teams`` (invalid files no team could be read from) are left out.
    """
    if path is None:
        return None
    if not has_scoring():
        raise OkrkitError(
            "--actuals needs okrkit.scoring and okrkit.actuals, not installed",
            zh="--actuals 需要 okrkit.scoring 和 okrkit.actuals，但它们没有安装",
        )
    from okrkit.actuals import load_actuals as load

    return load(path, case, unreadable_teams=frozenset(unreadable_teams))


def team_score(case: Case, team: Team, actuals):
    """What ``team`` earned against ``actuals`` (None without actuals)."""
    if actuals is None:
        return None
    from okrkit.scoring import grade_bands, score_team, scoring_settings

    return score_team(team, actuals.for_team(team.id), scoring_settings(case), grade_bands(case))

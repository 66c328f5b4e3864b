"""The coach on big cases: whole-case answers computed once, children looked up, same findings."""

from __future__ import annotations

from okrkit.cases import load_case
from okrkit.lint import lint_case, lint_team
from okrkit.lint_rules import alignment
from okrkit.lint_rules._base import IndexedCase, index_case
from tests.test_lint import WORKED


def test_indexed_case_knows_the_same_children():
    """IndexedCase.children gives what Case.children gives, team by team."""
    case = load_case(WORKED)
    indexed = index_case(case)
    assert isinstance(indexed, IndexedCase)
    assert all(indexed.children(t) == case.children(t) for t in case.teams)


def test_cascade_is_checked_once_per_lint_case(monkeypatch):
    """Linting a whole case runs the cascade check once, not once per team and rule."""
    calls = []
    real = alignment.cascade_check

    def counting(case):
        calls.append(case)
        return real(case)

    monkeypatch.setattr(alignment, "cascade_check", counting)
    lint_case(load_case(WORKED))
    assert len(calls) == 1


def test_findings_do_not_depend_on_the_index():
    """lint_case (one index for all teams) finds what lint_team finds team by team."""
    case = load_case(WORKED)
    one_by_one = [f for team_id in case.teams for f in lint_team(case.team(team_id), case)]
    assert lint_case(case) == one_by_one


def test_a_changed_team_is_indexed_anew():
    """with_team on an indexed case gives an indexed case whose answers are its own."""
    indexed = index_case(load_case(WORKED))
    indexed.shared("cascade", alignment.cascade_check)
    changed = indexed.with_team(indexed.team("sales"))
    assert isinstance(changed, IndexedCase) and changed._shared == {}

"""Saving a team back to its YAML file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from okrkit import CaseError, load_case
from okrkit.casefile import save_team, team_to_data


def _reweighted(team, first: float, last: float):
    objective = team.objectives[0]
    krs = list(objective.key_results)
    krs[0] = replace(krs[0], weight=first)
    krs[-1] = replace(krs[-1], weight=last)
    return replace(
        team, objectives=(replace(objective, key_results=tuple(krs)), *team.objectives[1:])
    )


def test_saved_team_loads_back_equal(worked_case_dir):
    """Save then load gives the same team."""
    team = _reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18)
    save_team(team)
    assert load_case(worked_case_dir).team("rep-zhang") == team


def test_save_keeps_the_previous_version(worked_case_dir):
    """The old file is kept as .bak with the old weights."""
    team = load_case(worked_case_dir).team("rep-zhang")
    before = team.source.read_text(encoding="utf-8")
    backup = save_team(_reweighted(team, 12, 18))
    assert backup.read_text(encoding="utf-8") == before
    assert "weight: 12%" in team.source.read_text(encoding="utf-8")


def test_save_keeps_comments_and_unchanged_spellings(worked_case_dir):
    """Comments survive, and only the changed weights' lines differ."""
    team = load_case(worked_case_dir).team("rep-zhang")
    before = team.source.read_text(encoding="utf-8").splitlines()
    save_team(_reweighted(team, 12, 18))
    after = team.source.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [b.strip() for _, b in changed] == ["weight: 12%", "weight: 18%"]


def test_invalid_team_is_not_written(worked_case_dir):
    """A team whose weights no longer add to 100 raises and leaves the file as it was."""
    team = load_case(worked_case_dir).team("rep-zhang")
    before = team.source.read_text(encoding="utf-8")
    with pytest.raises(CaseError, match="add to 102"):
        save_team(_reweighted(team, 12, 20))
    assert team.source.read_text(encoding="utf-8") == before
    assert not team.source.with_name(team.source.name + ".bak").exists()


def test_new_team_is_written_to_a_new_path(worked_case_dir):
    """A team saved to a path that does not exist yet creates it, with no backup."""
    team = load_case(worked_case_dir).team("finance")
    target = worked_case_dir / "teams" / "finance-copy.yaml"
    assert save_team(team, target) is None
    assert target.exists()


def test_team_data_leaves_blanks_out():
    """Blank fields are not written as nulls."""
    from tests.conftest import CASES

    gm = load_case(CASES / "a-company-deck").team("gm")
    data = team_to_data(gm)
    assert "weight" not in data["objectives"][0]["key_results"][0]


def test_a_team_without_a_file_is_refused_in_both_languages():
    """Saving a team with no source and no path names the team, in Chinese and in English."""
    from okrkit.errors import OkrkitError
    from tests.conftest import CASES

    team = replace(load_case(CASES / "a-company").team("sales"), source=None)
    with pytest.raises(OkrkitError) as info:
        save_team(team)
    assert info.value.render("zh") == "团队 'sales' 还没有文件：请指定保存路径"
    assert info.value.render("en") == "team 'sales' has no file yet: give a path to save it to"

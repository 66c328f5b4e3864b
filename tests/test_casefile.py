"""Saving a team back to its YAML file, without losing anyone's edits."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit import CaseError, load_case
from okrkit.casefile import (
    CHANGED_SINCE_LOAD,
    FileVersion,
    load_team_version,
    opened_version,
    save_checked,
    save_copy,
    save_team,
    team_to_data,
)
from okrkit.yamlio import (
    NO_FILE,
    StaleFileError,
    leftover_temp_files,
    lock_path,
    replace_file,
    write_atomically,
)


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


def test_a_target_below_one_point_on_a_percent_kr_survives_a_save(worked_case_dir):
    """A 0.5-point target on a KR in % is written as 0.5% and loads back as 0.5, not refused."""
    team = load_case(worked_case_dir).team("gm")
    objective = team.objectives[0]
    krs = [replace(kr, target=0.5) if kr.id == "KR1.3" else kr for kr in objective.key_results]
    save_team(
        replace(team, objectives=(replace(objective, key_results=tuple(krs)), *team.objectives[1:]))
    )
    assert "target: 0.5%" in team.source.read_text(encoding="utf-8")
    assert load_case(worked_case_dir).team("gm").key_result("KR1.3").target == 0.5


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


# -- no lost edits: the loaded version, atomic backups, no stray temp files, permissions


def _someone_else_saves(path, old="weight: 10%", new="weight: 11%"):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _stray(path):
    """Temp files of path's saves, any spelling (ours and the older mkstemp one)."""
    return [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_save_refuses_a_file_saved_by_someone_else_since_it_was_loaded(worked_case_dir):
    """A file changed since the editor loaded it is not overwritten: StaleFileError, no .bak."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, version = load_team_version(path)
    _someone_else_saves(path)
    theirs = path.read_bytes()
    with pytest.raises(StaleFileError):
        save_team(_reweighted(team, 12, 18), expected=version)
    assert path.read_bytes() == theirs
    assert not path.with_name("rep-zhang.yaml.bak").exists()


def test_stale_error_names_the_file_the_time_and_what_to_do_in_both_languages(worked_case_dir):
    """The refusal names the file and when it changed, and says reload or save as, zh and en."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, version = load_team_version(path)
    _someone_else_saves(path)
    with pytest.raises(StaleFileError) as info:
        save_team(_reweighted(team, 12, 18), expected=version)
    when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    en, zh = info.value.render("en"), info.value.render("zh")
    assert str(path) in en and when in en and "changed by someone else" in en
    assert "Reload" in en and "another name" in en and "nothing was saved" in en
    assert str(path) in zh and when in zh and "重新载入" in zh and "另存为" in zh


def test_a_file_deleted_since_loading_is_stale_too(worked_case_dir):
    """A file removed since it was loaded is not silently recreated; the error says deleted."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, version = load_team_version(path)
    path.unlink()
    with pytest.raises(StaleFileError, match="was deleted"):
        save_team(team, expected=version)
    assert not path.exists()


def test_save_with_the_loaded_version_returns_the_next_version(worked_case_dir):
    """Saving on the loaded version works, and the version it returns allows the next save."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, version = load_team_version(path)
    saved = save_checked(_reweighted(team, 12, 18), expected=version)
    assert saved.version.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    again = save_checked(_reweighted(team, 14, 16), expected=saved.version)
    assert "weight: 14%" in path.read_text(encoding="utf-8") and again.backup is not None


def test_a_version_of_another_file_does_not_block_a_save(worked_case_dir):
    """The loaded version of sales.yaml says nothing about finance.yaml: that save goes ahead."""
    _, sales = load_team_version(worked_case_dir / "teams" / "sales.yaml")
    finance = load_case(worked_case_dir).team("finance")
    assert save_team(finance, expected=sales) is not None


def test_a_new_file_that_appeared_meanwhile_is_not_overwritten(worked_case_dir):
    """Expecting no file (a new team) refuses when someone created it meanwhile."""
    team = load_case(worked_case_dir).team("finance")
    target = worked_case_dir / "teams" / "finance-copy.yaml"
    target.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(StaleFileError):
        save_team(team, target, expected=FileVersion(target, NO_FILE))
    assert target.read_text(encoding="utf-8") == "id: x\n"


def test_editor_opened_after_someone_saved_refuses_its_first_save(worked_case_dir):
    """Case loaded, file saved by another, editor opened: the editor's base is stale."""
    case = load_case(worked_case_dir)
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    _someone_else_saves(path)
    version = opened_version(case.team("rep-zhang"), loaded=case.team("rep-zhang"))
    assert version.sha256 == CHANGED_SINCE_LOAD
    with pytest.raises(StaleFileError):
        save_team(_reweighted(case.team("rep-zhang"), 12, 18), expected=version)


def test_a_comment_added_after_loading_does_not_make_the_editor_stale(worked_case_dir):
    """Only content counts when the editor opens: a new comment is kept by the save anyway."""
    case = load_case(worked_case_dir)
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    path.write_text("# 张伟的OKR\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    version = opened_version(case.team("rep-zhang"), loaded=case.team("rep-zhang"))
    save_team(_reweighted(case.team("rep-zhang"), 12, 18), expected=version)
    assert path.read_text(encoding="utf-8").startswith("# 张伟的OKR\n")


def test_save_copy_writes_a_dated_file_beside_and_leaves_the_original(worked_case_dir):
    """Save-as writes <team>.mine-YYYYMMDD-HHMMSS.yaml next to the file; the original is untouched."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, _ = load_team_version(path)
    before = path.read_bytes()
    when = datetime(2026, 12, 1, 9, 30, 5)
    saved = save_copy(_reweighted(team, 12, 18), path, when=when)
    assert saved.path == path.with_name("rep-zhang.mine-20261201-093005.yaml")
    assert saved.backup is None and path.read_bytes() == before
    assert "weight: 12%" in saved.path.read_text(encoding="utf-8")


def test_save_copy_never_overwrites_an_earlier_copy(worked_case_dir):
    """A second copy in the same second gets -2, the first copy keeps its content."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    team, _ = load_team_version(path)
    when = datetime(2026, 12, 1, 9, 30, 5)
    first = save_copy(_reweighted(team, 12, 18), path, when=when)
    second = save_copy(_reweighted(team, 14, 16), path, when=when)
    assert second.path.name == "rep-zhang.mine-20261201-093005-2.yaml"
    assert "weight: 12%" in first.path.read_text(encoding="utf-8")


def test_save_copy_keeps_the_original_files_comments(worked_case_dir):
    """The copy is laid out like the team file, comments included, for an easy diff."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    path.write_text("# 张伟的OKR\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    team, _ = load_team_version(path)
    saved = save_copy(_reweighted(team, 12, 18), path)
    assert saved.path.read_text(encoding="utf-8").startswith("# 张伟的OKR\n")


def test_failed_backup_write_keeps_the_old_backup_whole(worked_case_dir, monkeypatch):
    """If writing the new .bak fails, the old .bak is untouched (never half-copied) and no temp stays."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    backup = path.with_name("rep-zhang.yaml.bak")
    backup.write_bytes(b"old backup\n")
    before = path.read_bytes()

    def no_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_fsync)
    with pytest.raises(OSError, match="No space"):
        replace_file(path, b"id: new\n")
    assert backup.read_bytes() == b"old backup\n" and path.read_bytes() == before
    assert _stray(path) == []


def test_failed_replace_leaves_the_file_and_no_temp(worked_case_dir, monkeypatch):
    """A rename that fails onto the team file leaves it as it was and removes the temp file."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    before = path.read_bytes()
    real_replace = os.replace

    def replace_fails_on_target(src, dst):
        if os.fspath(dst) == os.fspath(path):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_fails_on_target)
    with pytest.raises(PermissionError):
        save_team(_reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18))
    assert path.read_bytes() == before and _stray(path) == []


def test_saved_file_and_its_backup_keep_the_files_permissions(worked_case_dir):
    """A team file chmod 640 is still 640 after a save, and so is its .bak."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    path.chmod(0o640)
    save_team(_reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(path.with_name("rep-zhang.yaml.bak").stat().st_mode) == 0o640


def test_backup_is_the_replaced_bytes_with_their_date(worked_case_dir):
    """The .bak holds exactly the bytes that were replaced, and their modification time."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = path.read_bytes()
    backup = save_team(_reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18))
    assert backup.read_bytes() == before and backup.stat().st_mtime == 1_700_000_000


def test_next_save_removes_temp_files_left_by_a_killed_save(worked_case_dir):
    """Temp files of this file's earlier saves go; other files' temps and files stay."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    ours = [
        path.with_name(".rep-zhang.yaml~0badf00d.tmp"),
        path.with_name(".rep-zhang.yaml.k3j_x9q2.tmp"),
    ]
    others = [
        path.with_name(".rep-zhang.yaml.x~0badf00d.tmp"),
        path.with_name(".sales.yaml~0badf00d.tmp"),
    ]
    for leftover in ours + others:
        leftover.write_text("half", encoding="utf-8")
    assert leftover_temp_files(path) == sorted(ours)
    save_team(_reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18))
    assert not any(p.exists() for p in ours) and all(p.exists() for p in others)


def test_the_lock_file_stays_beside_the_team_file(worked_case_dir):
    """Saving leaves the empty .<name>.lock beside the file (removing it would be unsafe)."""
    path = worked_case_dir / "teams" / "rep-zhang.yaml"
    save_team(_reweighted(load_case(worked_case_dir).team("rep-zhang"), 12, 18))
    assert lock_path(path) == path.with_name(".rep-zhang.yaml.lock") and lock_path(path).exists()


def test_write_atomically_still_takes_just_a_path_and_text(tmp_path):
    """The old call (the Excel import's case.yaml) works: write, keep .bak, return it."""
    path = tmp_path / "case.yaml"
    assert write_atomically(path, "a: 1\n") is None
    backup = write_atomically(path, "a: 2\n")
    assert backup.read_text(encoding="utf-8") == "a: 1\n"
    assert path.read_text(encoding="utf-8") == "a: 2\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=st.binary(max_size=300),
    new=st.binary(max_size=300),
    mode=st.sampled_from([0o600, 0o640, 0o644, 0o664]),
)
def test_any_replace_gives_the_new_bytes_the_old_mode_and_no_temp(tmp_path, old, new, mode):
    """For any contents and mode: new bytes in place, old ones in .bak, mode kept, no temp left."""
    path = tmp_path / "t.yaml"
    path.write_bytes(old)
    path.chmod(mode)
    written = replace_file(path, new, expected_hash=hashlib.sha256(old).hexdigest())
    assert path.read_bytes() == new and written.backup.read_bytes() == old
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert written.sha256 == hashlib.sha256(new).hexdigest()
    assert not [p for p in tmp_path.iterdir() if re.search(r"\.tmp$", p.name)]

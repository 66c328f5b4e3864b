"""lint, show and decompose say which files they read as GBK, as validate and score do."""

from __future__ import annotations

import pytest

from okrkit.cli import main
from tests.conftest import replace_in

# Each command with the arguments that make it read the whole case and succeed.
COMMANDS = {
    "lint": ["lint"],
    "show": ["show"],
    "decompose": ["decompose", "--team", "rep-zhang"],
}


def _run(name: str, case_dir, *extra: str) -> int:
    command, *rest = COMMANDS[name]
    return main([command, str(case_dir), *rest, *extra])


def _to_gbk(path, codec: str = "gbk") -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_detected_gbk_team_file_is_named_in_chinese(name, worked_case_dir, capsys):
    """Without --lang, a GBK team file is read and named on stderr as read as GBK."""
    path = worked_case_dir / "teams/rep-zhang.yaml"
    _to_gbk(path)
    assert _run(name, worked_case_dir) in (0, 1)  # lint's 1 is a coaching error, not a refusal
    assert f"{path}：按GBK（GB18030）读取" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_detected_gbk_team_file_is_named_in_english(name, worked_case_dir, capsys):
    """With --lang en, the same note is in English."""
    path = worked_case_dir / "teams/rep-zhang.yaml"
    _to_gbk(path)
    assert _run(name, worked_case_dir, "--lang", "en") in (0, 1)
    assert f"{path}: read as GBK (GB18030)\n" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_declared_gbk_encoding_is_named_as_declared(name, worked_case_dir, capsys):
    """--encoding gbk reads the GBK file and the note says the encoding was declared."""
    path = worked_case_dir / "teams/rep-zhang.yaml"
    for team in (worked_case_dir / "teams").glob("*.yaml"):
        _to_gbk(team)  # declared for every file: all of them must be GBK
    _to_gbk(worked_case_dir / "case.yaml", "gb18030")  # its − (U+2212) is beyond GBK
    assert _run(name, worked_case_dir, "--encoding", "gbk", "--lang", "en") in (0, 1)
    assert f"{path}: read as GBK (GB18030) (declared)" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_declared_utf8_on_a_gbk_file_exits_2_located(name, worked_case_dir, capsys):
    """--encoding utf-8 on a GBK team file exits 2 at file:line naming the first bad byte."""
    path = worked_case_dir / "teams/rep-zhang.yaml"
    _to_gbk(path)
    assert _run(name, worked_case_dir, "--encoding", "utf-8", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"{path}:1: cannot read the text at byte" in err and "Traceback" not in err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_refused_case_still_names_its_gbk_file(name, worked_case_dir, capsys):
    """A GBK team file with a bad weight exits 2, located, and is still named as read as GBK."""
    path = worked_case_dir / "teams/rep-zhang.yaml"
    replace_in(path, "weight: 15%", "weight: 十五%")
    _to_gbk(path)
    assert _run(name, worked_case_dir, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"{path}: read as GBK (GB18030)" in err and ".weight: not a weight" in err

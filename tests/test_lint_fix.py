"""Read, then offer: fields the KRs' words give, previewed and written by `okrkit lint --fix`."""

from __future__ import annotations

import argparse

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.commands.lint import _fix, _versions
from okrkit.lint_rules.offers import apply_offers, offers_for_team
from okrkit.model import KeyResult, Objective, Team, Text
from tests.test_lint import copy_case


def team_of(*texts: str, **fields) -> Team:
    krs = tuple(
        KeyResult(f"KR1.{i}", Text(zh=text), **fields) for i, text in enumerate(texts, start=1)
    )
    return Team(
        "t",
        Text(zh="t"),
        "department",
        objectives=(Objective("O1", Text(zh="o"), key_results=krs),),
    )


def offered(team: Team) -> dict[str, object]:
    return {f"{o.kr}.{o.field}": o.value for o in offers_for_team(team)}


def test_from_to_offers_direction_baseline_and_target():
    """'NPS from 45 to 55' offers direction increase, baseline 45, target 55."""
    found = offered(team_of("NPS from 45 to 55"))
    assert (found["KR1.1.direction"], found["KR1.1.baseline"], found["KR1.1.target"]) == (
        "increase",
        45,
        55,
    )


def test_chinese_from_to_offers_percent_unit():
    """'从65%提升到75%' offers baseline 65, target 75 and the unit %."""
    found = offered(team_of("从65%提升到75%"))
    assert (found["KR1.1.baseline"], found["KR1.1.target"], found["KR1.1.unit"]) == (
        65,
        75,
        Text(zh="%"),
    )


def test_limit_offers_at_most():
    """'不超过5%' offers direction at_most and target 5."""
    found = offered(team_of("不超过5%"))
    assert (found["KR1.1.direction"], found["KR1.1.target"]) == ("at_most", 5)


def test_count_per_week_offers_cadence():
    """'每周100个' offers target 100 and cadence week."""
    found = offered(team_of("每周100个", kind="process"))
    assert (found["KR1.1.target"], found["KR1.1.cadence"]) == (100, "week")


def test_a_set_field_is_never_offered():
    """A KR whose target is set gets no target offer."""
    assert "KR1.1.target" not in offered(team_of("NPS from 45 to 55", target=60.0))


def test_words_against_the_written_direction_offer_no_target():
    """direction: decrease in the file but 'from 45 to 55' in the words: no target offered."""
    assert "KR1.1.target" not in offered(team_of("NPS from 45 to 55", direction="decrease"))


def test_a_blank_to_fill_offers_nothing():
    """'代理商总量150家，新增渠道代理商 家' leaves a number to fill: nothing offered."""
    assert offered(team_of("代理商总量150家，新增渠道代理商 家")) == {}


def test_apply_offers_fills_blanks_and_keeps_the_input():
    """apply_offers returns a new team with the fields filled; the input is unchanged."""
    team = team_of("NPS from 45 to 55")
    fixed = apply_offers(team, offers_for_team(team))
    kr = fixed.key_result("KR1.1")
    assert (kr.baseline, kr.target, kr.direction) == (45, 55, "increase")
    assert team.key_result("KR1.1").target is None


def blank_dso(tmp_path):
    """The worked case with finance KR2.1's target, baseline and direction removed."""
    folder = copy_case(tmp_path)
    path = folder / "teams" / "finance.yaml"
    text = path.read_text(encoding="utf-8")
    cut = "        target: 60\n        baseline: 90\n        direction: decrease\n"
    assert cut in text
    path.write_text(text.replace(cut, ""), encoding="utf-8")
    return folder, path


def test_fix_previews_and_writes_nothing(tmp_path, capsys):
    """`okrkit lint --fix` shows what it would write and leaves the file as it was."""
    folder, path = blank_dso(tmp_path)
    before = path.read_bytes()
    main(["lint", str(folder), "--team", "finance", "--fix", "--lang", "en"])
    out = capsys.readouterr().out
    assert "O2/KR2.1: target ← 60" in out and "--fix --yes" in out
    assert path.read_bytes() == before and not path.with_suffix(".yaml.bak").exists()


def test_fix_yes_writes_the_fields_and_keeps_a_backup(tmp_path, capsys):
    """`okrkit lint --fix --yes` writes target and direction, keeps .bak, and the case reloads."""
    folder, path = blank_dso(tmp_path)
    before = path.read_bytes()
    main(["lint", str(folder), "--team", "finance", "--fix", "--yes", "--lang", "en"])
    kr = load_case(folder).team("finance").key_result("KR2.1")
    assert (kr.target, kr.direction) == (60, "decrease")
    assert path.with_name("finance.yaml.bak").read_bytes() == before
    assert "# " in path.read_text(encoding="utf-8")  # the file's comments survive


def test_lint_without_fix_says_fields_can_be_read(tmp_path, capsys):
    """Plain `okrkit lint` says how many blank fields the words give, and the method."""
    folder, _ = blank_dso(tmp_path)
    main(["lint", str(folder), "--team", "finance", "--lang", "en"])
    out = capsys.readouterr().out
    assert "2 blank fields can be read" in out and "method: weighted" in out


def _args(lang="en"):
    return argparse.Namespace(lang=lang, yes=True)


def test_fix_refuses_a_file_changed_since_it_was_read(tmp_path, capsys):
    """A team file saved by someone else after the case was read is not overwritten."""
    folder, path = blank_dso(tmp_path)
    team = load_case(folder).team("finance")
    versions = _versions([team])
    path.write_text(path.read_text(encoding="utf-8") + "# someone else's edit\n", encoding="utf-8")
    changed = path.read_bytes()
    offers = {team.id: offers_for_team(team)}
    assert _fix([team], offers, len(offers[team.id]), _args(), versions) is True
    assert path.read_bytes() == changed


def test_fix_keeps_confidence(tmp_path):
    """Writing the offered fields keeps a KR's confidence in the team file."""
    folder, path = blank_dso(tmp_path)
    text = path.read_text(encoding="utf-8")
    rated = "        weight: 30%\n"
    assert rated in text
    path.write_text(text.replace(rated, rated + "        confidence: 7\n", 1), encoding="utf-8")
    team = load_case(folder).team("finance")
    offers = {team.id: offers_for_team(team)}
    refused = _fix([team], offers, len(offers[team.id]), _args(), _versions([team]))
    assert refused is False
    saved = load_case(folder).team("finance").key_result("KR1.1")
    assert saved.confidence == 7.0


def test_an_english_preview_says_the_words_it_quotes_are_the_chinese_text():
    """In English the preview marks quoted Chinese as the file's Chinese text, not as English."""
    offer = offers_for_team(team_of("回款率从45%提升到55%"))[0]
    assert "read from the Chinese text '回款率从45%提升到55%'" in offer.describe("en")
    assert "读自“回款率从45%提升到55%”" in offer.describe("zh")

"""QA H2: `lint --fix` offers only a target the KR's words give unambiguously, in the KR's unit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.lint_rules.offers import offers_for_kr
from okrkit.model import KeyResult, Objective, Text
from okrkit.textread.reading import read

ROOT = Path(__file__).resolve().parents[1]
RATE_AND_AMOUNT = "销售指标完成率100%（1200万元）"


def _offered_target(kr: KeyResult):
    objective = Objective("O1", Text(zh="o"), key_results=(kr,))
    return {o.field: o.value for o in offers_for_kr("t", objective, kr)}.get("target")


def test_rate_with_bracketed_amount_is_ambiguous():
    """A completion rate with the amount in brackets does not read as target 100."""
    assert read(RATE_AND_AMOUNT).target.target is None


def test_rate_with_bracketed_amount_keeps_both_numbers_as_alternatives():
    """The ambiguous reading lists the rate and the amount, each with its unit."""
    assert read(RATE_AND_AMOUNT).target.alternatives == ((100.0, "%"), (1200.0, "万元"))


def test_kr_unit_picks_the_amount():
    """With unit 万元 in the file, --fix offers the 1200 the words give in 万元."""
    kr = KeyResult("KR1.4", Text(zh=RATE_AND_AMOUNT), kind="result", unit=Text(zh="万元"))
    assert _offered_target(kr) == 1200


def test_no_unit_no_offer():
    """Without a unit in the file, neither the rate nor the amount is offered."""
    assert _offered_target(KeyResult("KR1.4", Text(zh=RATE_AND_AMOUNT), kind="result")) is None


def test_percent_reading_against_amount_unit_is_not_offered():
    """A lone 100% is not offered as the target of a KR whose unit is 万元."""
    kr = KeyResult("KR1", Text(zh="完成率100%"), kind="result", unit=Text(zh="万元"))
    assert _offered_target(kr) is None


def _shipped_krs():
    for name in ("a-company", "a-company-deck"):
        case = load_case(ROOT / "cases" / name)
        for team in case.teams.values():
            for objective, kr in team.key_results():
                if kr.target is not None:
                    yield pytest.param(objective, kr, id=f"{name}:{team.id}:{kr.id}")


@pytest.mark.parametrize(("objective", "kr"), list(_shipped_krs()))
def test_every_shipped_offer_equals_the_file_target(objective, kr):
    """With its target blanked, a shipped KR is offered its file's target or nothing."""
    blank = replace(kr, target=None)
    holder = replace(objective, key_results=(blank,))
    offers = {o.field: o.value for o in offers_for_kr("t", holder, blank)}
    assert offers.get("target", kr.target) == kr.target


def test_bracketed_condition_beside_a_count_stays_detail():
    """'成功开拓3家行业标杆客户（员工规模1000人以上）' still reads target 3."""
    assert read("成功开拓3家行业标杆客户（员工规模1000人以上）").target.target == 3


def _okr303(objective: Objective, kr: KeyResult) -> list[str]:
    """The English OKR303 messages for a one-KR team."""
    from okrkit.lint_rules._base import Context
    from okrkit.lint_rules.measurability import target_not_set
    from okrkit.model import Team

    holder = replace(objective, key_results=(kr,))
    team = Team("t", Text(zh="t"), level="person", objectives=(holder,))
    return [hit.message.get("en") for hit in target_not_set(team, Context())]


def test_okr303_names_the_number_the_unit_picks():
    """'销售指标完成率100%（1200万元）' with unit 万元 and no target: OKR303 offers 1200, as --fix does."""
    kr = KeyResult("KR1.4", Text(zh=RATE_AND_AMOUNT), kind="result", unit=Text(zh="万元"))
    (message,) = _okr303(Objective("O1", Text(zh="o")), kr)
    assert "reads as 1200" in message and "none reads" not in message


def test_okr303_without_unit_still_asks_which_number():
    """Without a unit the rate and the amount stay ambiguous: OKR303 asks which one is graded."""
    kr = KeyResult("KR1.4", Text(zh=RATE_AND_AMOUNT), kind="result")
    (message,) = _okr303(Objective("O1", Text(zh="o")), kr)
    assert "none reads as the target" in message


def test_okr303_says_when_the_words_number_does_not_fit_the_unit():
    """'完成率100%' with unit 万元: OKR303 says the 100% does not match, not 'several numbers'."""
    kr = KeyResult("KR1", Text(zh="完成率100%"), kind="result", unit=Text(zh="万元"))
    (message,) = _okr303(Objective("O1", Text(zh="o")), kr)
    assert "does not match" in message and "several" not in message


@pytest.mark.parametrize(("objective", "kr"), list(_shipped_krs()))
def test_okr303_agrees_with_fix_on_every_shipped_kr(objective, kr):
    """With its target blanked, a shipped KR's OKR303 names --fix's target, or --fix offers none."""
    blank = replace(kr, target=None)
    holder = replace(objective, key_results=(blank,))
    offered = {o.field: o.value for o in offers_for_kr("t", holder, blank)}.get("target")
    messages = _okr303(objective, blank)
    if offered is None:
        assert not any("reads as" in m and "none reads" not in m for m in messages)
    else:
        assert all(f"reads as {offered:g}" in m for m in messages)

"""Coach rules that read what an OKR says: a passing and a failing case each, zh and en."""

from __future__ import annotations

from dataclasses import replace

import pytest

from okrkit.lint import lint_team
from okrkit.model import Text
from tests.test_lint import codes, good_objective, good_team, with_kr, with_objective


def titled(title: Text):
    """The good team with its first objective retitled."""
    return with_objective(good_team(), replace(good_objective(1), title=title))


# -- OKR405 activity written as a result


@pytest.mark.parametrize(
    "text",
    [
        Text(zh="每周组织2次销售培训"),
        Text(zh="写5篇文章"),
        Text(zh="Hold 12 customer interviews"),  # untagged English
        Text(en="Do 7 product demos per week"),
        Text(zh="每週拜訪20家新客戶"),  # traditional
    ],
)
def test_activity_written_as_result_warns(text):
    """A result KR that counts an activity (组织, 写, hold, do, 拜訪) is OKR405."""
    assert "OKR405" in codes(with_kr(good_team(), text=text))


def test_activity_declared_as_process_passes():
    """The same activity declared kind: process with feeds is not OKR405."""
    team = with_kr(good_team(), text="每周组织2次销售培训", kind="process", feeds="KR1.2")
    assert "OKR405" not in codes(team)


def test_activity_hint_names_kind_feeds_and_the_result():
    """The hint says kind: process, names a result KR to feed, or measuring the result."""
    objective = good_objective(1)
    activity = replace(objective.key_results[1], kind="result", text=Text(zh="每周组织2次销售培训"))
    team = with_objective(
        good_team(), replace(objective, key_results=(activity, objective.key_results[0]))
    )
    finding = next(f for f in lint_team(team) if f.code == "OKR405")
    assert "kind: process" in finding.hint.en and "feeds: KR1.1" in finding.hint.en
    assert "measure the result it is for" in finding.hint.en and "feeds: KR1.1" in finding.hint.zh


def test_outcome_result_is_not_an_activity():
    """'客户满意度从80%提升到90%' is a result, not OKR405."""
    assert "OKR405" not in codes(with_kr(good_team(), text="客户满意度从80%提升到90%"))


# -- OKR503 output objective


@pytest.mark.parametrize(
    "title",
    [
        Text(en="Launch the new mobile app"),
        Text(zh="Implement account-based marketing"),
        Text(zh="上线新版APP"),
        Text(zh="完成ERP系統上線"),
    ],
)
def test_output_objective_warns(title):
    """Launch / implement / 上线 / 完成…系统 objectives are OKR503: what changes once done?"""
    finding = next(f for f in lint_team(titled(title)) if f.code == "OKR503")
    assert "what changes" in finding.message.en and "改变" in finding.message.zh


def test_outcome_objective_is_not_an_output():
    """'Make mobile the way our customers prefer to reach us' passes OKR503."""
    assert "OKR503" not in codes(
        titled(Text(en="Make mobile the way our customers prefer to reach us"))
    )


# -- OKR504 vague objective


@pytest.mark.parametrize(
    "title",
    [Text(zh="提升品牌影响力"), Text(en="Improve brand awareness"), Text(zh="提高服務質量")],
)
def test_vague_objective_warns(title):
    """提升品牌影响力 / improve brand awareness / 提高服務質量 are OKR504."""
    assert "OKR504" in codes(titled(title))


def test_specific_objective_is_not_vague():
    """'提升回款率' names a rate: not OKR504."""
    assert "OKR504" not in codes(titled(Text(zh="提升回款率")))


# -- OKR501 a date is not a bare number


@pytest.mark.parametrize(
    "title",
    [
        Text(en="Launch the new mobile app by end of Q3"),
        Text(zh="2018年成为区域首选供应商"),
        Text(en="Win the Midwest in 2018"),
    ],
)
def test_date_in_objective_is_not_a_bare_number(title):
    """'by end of Q3', '2018年', 'in 2018' are dates: not OKR501."""
    assert "OKR501" not in codes(titled(title))


def test_amount_in_objective_is_still_a_bare_number():
    """'2018年营收突破1亿' still carries an amount: OKR501."""
    assert "OKR501" in codes(titled(Text(zh="2018年营收突破1亿")))


# -- OKR502 business as usual, any script, tagged or not


@pytest.mark.parametrize(
    "title",
    [
        Text(zh="維持客戶滿意度"),
        Text(zh="繼續做好售後服務"),
        Text(zh="Maintain our market share"),
        Text(zh="按时完成月度报表"),
    ],
)
def test_business_as_usual_in_traditional_and_untagged_english_warns(title):
    """維持 / 繼續 / untagged 'Maintain' / 按时 objectives are OKR502."""
    assert "OKR502" in codes(titled(title))


def test_growth_in_traditional_is_not_business_as_usual():
    """'公司業務持續增長' is growth, not OKR502."""
    assert "OKR502" not in codes(titled(Text(zh="公司業務持續增長")))


# -- OKR302 numerals inside words are not numbers


@pytest.mark.parametrize(
    "text", ["进一步统一客户服务标准", "千方百计提高销量", "打造一流的服务团队"]
)
def test_numerals_inside_words_do_not_make_a_kr_measurable(text):
    """进一步, 统一, 千方百计, 一流 hold numeral characters but no number: OKR302."""
    assert "OKR302" in codes(with_kr(good_team(), text=text, target=None))


@pytest.mark.parametrize("text", ["投诉率降低五个百分点", "交付零延迟", "门店增至一百二十家"])
def test_numbers_in_chinese_make_a_kr_measurable(text):
    """五个百分点, 零延迟, 一百二十家 are numbers: not OKR302."""
    assert "OKR302" not in codes(with_kr(good_team(), text=text, target=None))


# -- OKR305 baseline missing


def test_increase_without_baseline_warns():
    """An increase KR with no baseline, field or words, is OKR305."""
    team = with_kr(good_team(), text="NPS提升到50", direction="increase", target=50.0)
    assert "OKR305" in codes(team)


def test_baseline_in_the_words_passes():
    """'NPS从30提升到50' gives its baseline: not OKR305."""
    team = with_kr(good_team(), text="NPS从30提升到50", direction="increase", target=50.0)
    assert "OKR305" not in codes(team)


@pytest.mark.parametrize(
    "text", ["实现盈利X元", "月营收环比增长超过X%", "Secure {#} or more placements"]
)
def test_template_placeholders_are_numbers_to_fill(text):
    """'X元', 'X%', '{#}' are blanks to fill (OKR301), not unmeasurable KRs (OKR302)."""
    found = codes(with_kr(good_team(), text=text, target=None))
    assert "OKR301" in found and "OKR302" not in found


def test_a_blank_to_fill_is_asked_before_its_baseline():
    """'客户总量增长 %' (increase, blank) is OKR301, not also OKR305."""
    team = with_kr(good_team(), text="客户总量增长 %", direction="increase", target=None)
    found = codes(team)
    assert "OKR301" in found and "OKR305" not in found

"""okrkit.textread: what the coach reads in an OKR's words, in zh (both scripts) and en."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit.model import Text
from okrkit.textread import (
    chinese_to_number,
    detect_language,
    find_quantities,
    read,
    read_text,
    to_simplified,
)
from okrkit.textread.lexicon import en, numerals, zh


def test_untagged_english_is_detected_as_english():
    """A plain English string (stored as Chinese by the loader) reads as English."""
    assert detect_language("Hold 12 customer interviews") == "en"


def test_chinese_with_latin_acronyms_is_chinese():
    """'NPS提升到50' is Chinese despite its Latin letters."""
    assert detect_language("NPS提升到50") == "zh"


def test_text_without_letters_has_no_language():
    """'100%' has no language to detect."""
    assert detect_language("100%") is None


def test_traditional_reads_as_simplified():
    """OpenCC turns 維持客戶滿意度 into 维持客户满意度."""
    assert to_simplified("維持客戶滿意度") == "维持客户满意度"


def test_reading_marks_traditional_script():
    """A traditional string is read and marked as traditional."""
    assert read("繼續提升營業額").traditional


@pytest.mark.parametrize(
    ("run", "value"),
    [("一百二十", 120), ("两", 2), ("十五", 15), ("三千五百万", 35_000_000), ("一万零五", 10005)],
)
def test_chinese_numerals_have_their_value(run, value):
    """Spelled-out Chinese numbers read as their value."""
    assert chinese_to_number(run) == value


def _spell(n: int) -> str:
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                parts.append("零")
            parts.append(digits[d] + name)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@given(st.integers(min_value=1, max_value=9999))
def test_any_spelled_number_below_ten_thousand_reads_back(n):
    """Every number 1–9999 written in Chinese numerals reads back as itself."""
    assert chinese_to_number(_spell(n)) == n


@pytest.mark.parametrize("word", ["进一步", "统一", "千方百计", "一流", "零售", "第三方"])
def test_numerals_inside_words_are_not_numbers(word):
    """Characters such as 一 and 千 inside words are not numbers."""
    assert read(f"{word}提高客户服务").numbers == ()


@pytest.mark.parametrize(
    ("value", "number"),
    [("提升五个百分点", 5), ("零延迟", 0), ("开设一百二十家门店", 120), ("每周两次", 2)],
)
def test_numbers_written_in_chinese_are_numbers(value, number):
    """五个百分点, 零延迟, 一百二十家 and 两次 are numbers."""
    assert [q.value for q in read(value).numbers] == [number]


@pytest.mark.parametrize(
    "value",
    ["2015年", "Q3", "by end of Q3", "第三季度", "6月底前", "By June 30, 2024", "in 2018", "年底"],
)
def test_dates_and_quarters_are_not_targets(value):
    """Years, quarters and deadlines are dates, not numbers."""
    reading = read(value)
    assert reading.dates and reading.numbers == ()


def test_a_count_next_to_a_year_is_a_number():
    """'Reach 2000 customers' counts customers; it is not the year 2000."""
    assert [q.value for q in read("Reach 2000 customers").numbers] == [2000]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Increase NPS from 45 to 55", ("increase", 45, 55)),
        ("从65%提升到75%", ("increase", 65, 75)),
        ("應收賬款周轉天數由90天降至60天", ("decrease", 90, 60)),
        ("回款率提升10%（由85%到95%）", ("increase", 85, 95)),
        ("Churn from 5% to 3%", ("decrease", 5, 3)),
    ],
)
def test_from_to_gives_direction_baseline_and_target(value, expected):
    """'from X to Y' reads as a baseline X, a target Y and the direction between them."""
    target = read(value).target
    assert (target.direction, target.baseline, target.target) == expected


@pytest.mark.parametrize(
    ("value", "direction", "number"),
    [
        ("不超过5%", "at_most", 5),
        ("Respond in under 2 hours", "at_most", 2),
        ("控制在3天以内", "at_most", 3),
        ("不少于20家", "at_least", 20),
        ("应收账款周转天数降至60天", "decrease", 60),
        ("Reduce churn to 2%", "decrease", 2),
        ("Raise NPS to 50", "increase", 50),
    ],
)
def test_limit_words_give_the_direction(value, direction, number):
    """不超过, under, 以内, 不少于, 降至, 'reduce … to', 'raise … to' set the direction."""
    target = read(value).target
    assert (target.direction, target.target) == (direction, number)


@pytest.mark.parametrize("value", ["总体成本费用降低8%", "Revenue up 20%", "Reduce churn by 20%"])
def test_a_change_by_reads_as_at_least_that_change(value):
    """'降低8%', 'up 20%', 'by 20%' are changes: at least that much, marked relative."""
    target = read(value).target
    assert target.direction == "at_least" and target.relative


def test_a_count_per_week_reads_target_and_cadence():
    """'每周100个' is a target of 100 each week."""
    target = read("每周100个").target
    assert (target.target, target.cadence, target.unit) == (100, "week", "个")


def test_two_counts_leave_the_target_unread():
    """'代理商总量150家，新增渠道代理商30家' has two counts: the target stays unread."""
    target = read("代理商总量150家，新增渠道代理商30家").target
    assert target.ambiguous and target.target is None


def test_a_number_in_brackets_is_detail():
    """'达到75%（去年65%）': a bracketed number of the same kind does not compete with 75%."""
    assert read("满意度达到75%（去年65%）").target.target == 75


@pytest.mark.parametrize(
    "value",
    [
        "每周组织2次销售培训",
        "写5篇文章",
        "Hold 12 customer interviews",
        "Do 7 product demos per week",
        "100 effective calls a week",
        "每週拜訪20家新客戶",
    ],
)
def test_activities_are_read_as_activities(value):
    """What the owner does, counted, reads as an activity."""
    assert read(value).activity


@pytest.mark.parametrize(
    "value",
    [
        "客户满意度从80%提升到90%",
        "Increase trial-to-paid conversion from 4% to 6%",
        "拜访20家客户，签约5家",
        "Sign 10 new enterprise customers",
        "Visit rate of key accounts 100%",
        "组织效能提升",
    ],
)
def test_outcomes_are_not_activities(value):
    """A changed state (a rate, a signing, a conversion) is not an activity."""
    assert read(value).activity is None


def test_an_activity_without_a_number_is_not_called_one():
    """'组织销售培训' without a count is the not-measurable rule's business, not an activity."""
    assert read("组织销售培训").activity is None


@pytest.mark.parametrize(
    "value",
    [
        "Launch the new mobile app",
        "Implement account-based marketing",
        "上线新版APP",
        "完成ERP系统上线",
        "In Q3, roll out the new CRM",
        "建立客户服务体系",
    ],
)
def test_output_objectives_are_read(value):
    """Launch, implement, 上线, 完成…系统 name a delivery."""
    assert read(value).output


@pytest.mark.parametrize(
    "value",
    ["完成销售任务", "Build a world-class sales team", "Delight our customers", "打造一流团队"],
)
def test_results_and_aspirations_are_not_outputs(value):
    """完成销售任务 and 'build a … team' are not deliveries."""
    assert read(value).output is None


@pytest.mark.parametrize(
    "value",
    [
        "维持客户满意度",
        "維持客戶滿意度",
        "繼續做好售後服務",
        "Maintain 99.9% uptime",
        "Keep service levels stable",
        "按时提交月度报表",
        "Continue to support existing customers",
    ],
)
def test_business_as_usual_is_read(value):
    """Keep, maintain, continue, 维持/維持, 继续/繼續, routine 按时 read as business as usual."""
    assert read(value).bau


@pytest.mark.parametrize("value", ["Keep the business growing", "提升回款率", "Double revenue"])
def test_change_is_not_business_as_usual(value):
    """Growth and raising a rate are not business as usual."""
    assert read(value).bau is None


@pytest.mark.parametrize(
    "value",
    [
        "提升品牌影响力",
        "Improve brand awareness",
        "加强团队沟通",
        "提高服務質量",
        "Improve quality",
    ],
)
def test_vague_objectives_are_read(value):
    """A generic improve with an abstract object and no measure is vague."""
    assert read(value).vague


@pytest.mark.parametrize(
    "value",
    [
        "提升回款率",
        "Improve the onboarding flow for first-time users",
        "提升品牌影响力至行业前三",
        "Increase revenue",
    ],
)
def test_specific_objectives_are_not_vague(value):
    """A rate, a named thing, or a measure makes an objective specific."""
    assert read(value).vague is None


def test_reading_is_cached_per_string():
    """The same string is read once: the second call returns the same object."""
    assert read("每周100个有效电话") is read("每周100个有效电话")


def test_a_bilingual_text_reads_both_sides():
    """Both the Chinese and the English side of a Text are read."""
    readings = read_text(Text(zh="每周100个有效电话", en="100 effective calls a week"))
    assert [r.lang for r in readings] == ["zh", "en"]


def test_full_width_digits_read_as_digits():
    """Full-width １５％ reads as 15 percent."""
    assert [(q.value, q.unit) for q in find_quantities(read("提升１５％").normalised)] == [
        (15, "%")
    ]


def test_word_lists_are_data_files():
    """The lists load from the package's YAML files and each has entries."""
    assert zh().activity_verbs.search("拜访") and en().bau.search("maintain")
    assert "进一步" in numerals()["in_words"]


@pytest.mark.parametrize(
    "value", ["Host a monthly Twitter chat", "Hold bi-weekly coaching sessions"]
)
def test_an_activity_with_a_cadence_is_counted(value):
    """'monthly' and 'bi-weekly' count an activity even without a number."""
    reading = read(value)
    assert reading.activity and reading.measurable


def test_a_purpose_does_not_make_an_activity_an_outcome():
    """'Connect with 15 customers to uncover upsell opportunities' is still an activity."""
    assert read("Connect with 15 customers to uncover upsell opportunities").activity


def test_counting_an_activity_is_an_activity_even_when_it_moves():
    """'Increase sales calls from 40 to 120 per week' counts calls: an activity (open-okr)."""
    assert read("Increase sales calls from 40 to 120 per week").activity == "calls"


def test_one_character_verb_needs_its_count():
    """'发布3套参考设计' is not the activity 发; '發10篇社群貼文' is."""
    assert read("发布3套参考设计").activity is None and read("發10篇社群貼文").activity


def test_a_span_looked_back_on_is_not_a_measure():
    """'通过近两年论文研究，完成报告': 近两年 is a span, so nothing to grade by."""
    assert not read("通过近两年论文研究，完成报告").measurable


def test_a_score_out_of_a_scale_is_one_number():
    """'提升至4.8/5星' is one target, 4.8."""
    assert read("將顧客滿意度提升至4.8/5星").target.target == 4.8


def test_top_n_is_a_scope_not_the_target():
    """'traffic to our top 5 pages by 30%': the target is 30, not 5."""
    assert read("Increase traffic to our top 5 conversion pages by 30%").target.target == 30


def test_the_result_clause_gives_the_target():
    """'舉辦5次加盟店促銷，貢獻總銷售目標的30%': the result clause's 30% is the target."""
    assert read("舉辦5次加盟店促銷，貢獻總銷售目標的30%").target.target == 30


def test_currency_between_from_and_to():
    """'from $1.2M to $3.0M' reads baseline 1.2 million and target 3 million."""
    target = read("Grow qualified pipeline from $1.2M to $3.0M").target
    assert (target.baseline, target.target) == (1.2e6, 3.0e6)

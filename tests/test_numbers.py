"""How weights and numbers may be spelled."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit.numbers import (
    NumberError,
    format_points,
    parse_number,
    parse_percent,
    parse_percent_actual,
    parse_target,
)


@pytest.mark.parametrize(
    "spelling", [15, 15.0, "15", "15%", "15 %", "１５％", "0.15", 0.15, " 15% "]
)
def test_every_unambiguous_spelling_of_fifteen_percent_reads_as_15(spelling):
    """15, 15%, 15 %, 0.15 and full-width １５％ all mean 15 points."""
    assert parse_percent(spelling) == 15


@pytest.mark.parametrize(
    "spelling", ["十五%", "15%%", "abc", "", "1 5", "-5", "-5%", 101, "120%", True, None, [15]]
)
def test_unreadable_or_out_of_range_weights_are_refused(spelling):
    """Words, negatives, above 100 and non-numbers raise ValueError."""
    with pytest.raises(ValueError):
        parse_percent(spelling)


def test_a_bare_one_is_refused_as_ambiguous():
    """1 could be 1 point or 100 %, so it is refused with both readings named."""
    with pytest.raises(ValueError, match=r"1% .* 100%"):
        parse_percent(1)


def test_one_with_a_percent_sign_is_one_point():
    """1% is accepted: the sign removes the ambiguity."""
    assert parse_percent("1%") == 1


@given(st.integers(min_value=2, max_value=100))
def test_points_and_percent_spellings_agree(points):
    """For whole points, n, 'n', 'n%' and n/100 read the same."""
    assert (
        parse_percent(points) == parse_percent(str(points)) == parse_percent(f"{points}%") == points
    )
    if points < 100:
        assert parse_percent(points / 100) == pytest.approx(points)


def test_numbers_accept_thousands_separators_and_full_width_digits():
    """'1,000' and '１０００' are 1000."""
    assert parse_number("1,000") == parse_number("１０００") == 1000


def test_target_remembers_a_percent_sign():
    """'100%' is 100 written as a percent."""
    assert parse_target("100%") == (100.0, True)
    assert parse_target(20) == (20.0, False)


def test_points_are_formatted_like_the_deck():
    """15.0 shows as 15%, a blank as nothing."""
    assert format_points(15.0) == "15%"
    assert format_points(None) == ""


@pytest.mark.parametrize("spelling", ["十五%", "-5", 101, True, None, "abc", float("nan")])
def test_every_refusal_carries_a_chinese_reason(spelling):
    """Each NumberError has a Chinese .zh beside its English text."""
    parse = parse_number if isinstance(spelling, float) else parse_percent
    with pytest.raises(NumberError) as caught:
        parse(spelling)
    assert caught.value.zh and caught.value.zh != str(caught.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.zh)


def test_the_ambiguous_one_is_explained_in_chinese_too():
    """A bare 1 names both readings, 1% and 100%, in the Chinese text as well."""
    with pytest.raises(NumberError) as caught:
        parse_percent(1)
    assert "有歧义" in caught.value.zh and "1%" in caught.value.zh and "100%" in caught.value.zh
    assert caught.value.expected_zh == caught.value.zh


@pytest.mark.parametrize("spelling", [0.93, "0.93", "1", 1, "-0.5", 0.05])
def test_a_bare_fraction_actual_on_a_percent_kr_is_ambiguous(spelling):
    """A bare number between -1 and 1 (not 0) is refused, naming both percent readings."""
    with pytest.raises(
        ValueError, match=r".*% or .*% \(.* alone is ambiguous on a percent KR\)"
    ) as info:
        parse_percent_actual(spelling)
    assert "有歧义" in info.value.zh


@given(st.integers(-100, 100).filter(lambda n: n != 0).map(lambda n: n / 100))
def test_a_fraction_written_with_a_sign_is_points_as_written(fraction):
    """With a % sign, any small actual is percent points as written (0.93% is 0.93)."""
    assert parse_percent_actual(f"{fraction:g}%") == pytest.approx(fraction)


@given(st.floats(min_value=1, max_value=1e6, allow_nan=False, exclude_min=True))
def test_a_bare_actual_above_one_is_percent_points(number):
    """A bare actual above 1 on a percent KR is percent points, as for weights."""
    assert parse_percent_actual(number) == number


@pytest.mark.parametrize(("text", "number"), [("1.38E+03", 1380.0), ("1.38e3", 1380.0),
                                              ("２Ｅ－２", 0.02), ("-4.5E+01", -45.0)])  # fmt: skip
def test_excel_scientific_notation_reads_as_its_number(text, number):
    """1.38E+03, as Excel writes a long number in a narrow column, reads as 1380."""
    assert parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize(
    "text", ["E3", "1e", "1.3.8E3", "1,380E+0", "1E999", "1.38E+03万", "1E3E3"]
)
def test_garbage_around_an_exponent_is_still_refused(text):
    """Only plain scientific notation reads: no commas, one exponent, a finite number."""
    with pytest.raises(NumberError):
        parse_number(text)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_any_number_excel_writes_in_e_notation_reads_back(value):
    """A number written as Excel's 0.00E+00 reads back as the number that text names."""
    text = f"{value:.2E}"
    assert parse_number(text) == float(text)


def test_an_actual_in_scientific_notation_is_read():
    """An actuals/check-in value of 1.38E+03 on rep-li's KR1.4 (万元) reads as 1380."""
    from okrkit import load_case
    from okrkit.actuals import parse_actual
    from tests.conftest import CASES

    kr = load_case(CASES / "a-company").team("rep-li").key_result("KR1.4")
    assert parse_actual(kr, "1.38E+03") == 1380

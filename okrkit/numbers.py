"""How numbers and percents are spelled in case files and spreadsheets.

People type weights as ``15``, ``15%``, ``15 %``, ``0.15`` or ``１５％``. The
rule, documented in the README and in every case's README:

* a number followed by ``%`` (half- or full-width, spaces allowed) is percent
  points: ``15%`` is 15;
* a bare number above 1 is percent points: ``15`` is 15;
* a bare number strictly between 0 and 1 is a fraction: ``0.15`` is 15 (a KR
  weighing less than one point is never meant, so this reading is safe);
* a bare ``1`` is refused as ambiguous (1 point or 100 %?): write ``1%`` or
  ``100%``;
* ``0`` is 0; anything else (words such as ``十五%``, two numbers, negative
  weights, more than 100) is refused with the reason.

A plain number may also be written in scientific notation, as Excel's General
format shows a long number in a narrow column: ``1.38E+03`` is 1380 (no
thousands commas and one exponent; anything else is still refused).

An *actual* on a percent KR (unit ``%``) follows the same rule with one
difference: a bare number between 0 and 1 (``0.93``), and a bare ``1``, are
refused as ambiguous instead of read as a fraction. A weight below one point is
never meant, but an actual below one point often is (a budget error of 0.8%, a
cost cut of 0.5%), so reading ``0.8`` as 80% could silently multiply a real
result by 100, and reading ``0.93`` as 0.93% silently divides one: the message
names both readings (``93%`` or ``0.93%``). See :func:`parse_percent_actual`.

The functions raise :class:`NumberError`, a :class:`ValueError` whose text says
what was expected and whose ``.zh`` says the same in Chinese; the loaders turn
it into a located :class:`okrkit.errors.Problem` (``expected=str(exc)``,
``expected_zh=exc.zh``).
"""

from __future__ import annotations

import math
import re
import unicodedata

PERCENT_EXPECTED = "a percent such as 15, 15%, 15 % or 0.15 (between 0 and 100 points)"
PERCENT_EXPECTED_ZH = "百分比，如 15、15%、15 % 或 0.15（0 到 100 个百分点之间）"
PERCENT_ACTUAL_EXPECTED = (
    "percent points such as 93%, 93 or 4.2% (a fraction such as 0.93 is ambiguous)"
)
PERCENT_ACTUAL_EXPECTED_ZH = "百分点，如 93%、93 或 4.2%（0.93 这样的小数有歧义）"
NUMBER_EXPECTED = "a number such as 100, 2.5 or 1,000"
NUMBER_EXPECTED_ZH = "数字，如 100、2.5 或 1,000"


class NumberError(ValueError):
    """A number or percent could not be read; ``str()`` is English, ``.zh`` Chinese.

    Both texts say what was expected, so a loader passes them on as
    ``expected=str(exc), expected_zh=exc.zh``. ``expected_zh`` is the same
    text under the name the problem field uses.
    """

    def __init__(self, message: str, zh: str):
        super().__init__(message)
        self.zh = zh

    @property
    def expected_zh(self) -> str:
        """The Chinese text, named like :attr:`okrkit.errors.Problem.expected_zh`."""
        return self.zh


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")
# Excel's General format writes a long number in a narrow column as 1.38E+03: plain
# scientific notation (digits, one exponent; no thousands commas) reads as 1380.
_SCIENTIFIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d{1,3}$")


def _normalize(text: str) -> str:
    # NFKC folds full-width digits, '％' and ideographic spaces to ASCII.
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(value) -> float:
    """Read a plain number (int, float or its text, full-width allowed)."""
    if isinstance(value, bool):
        raise NumberError(
            f"{NUMBER_EXPECTED}, not a yes/no value", f"{NUMBER_EXPECTED_ZH}，而不是“是/否”值"
        )
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise NumberError(
                f"{NUMBER_EXPECTED}, not {value!r}", f"{NUMBER_EXPECTED_ZH}，而不是 {value!r}"
            )
        return float(value)
    if isinstance(value, str):
        text = _normalize(value)
        if _NUMBER.match(text):
            return float(text.replace(",", ""))
        if _SCIENTIFIC.match(text) and math.isfinite(float(text)):
            return float(text)
    raise NumberError(NUMBER_EXPECTED, NUMBER_EXPECTED_ZH)


def parse_target(value) -> tuple[float, bool]:
    """Read a target or actual; return (number, written_with_percent_sign).

    ``100%`` gives (100.0, True): a target in percent stays in percent points.
    """
    if isinstance(value, str):
        text = _normalize(value)
        if text.endswith("%"):
            return parse_number(text[:-1]), True
    return parse_number(value), False


def parse_percent(value) -> float:
    """Read a weight in percent points by the rule in this module's docstring."""
    if isinstance(value, bool):
        raise NumberError(PERCENT_EXPECTED, PERCENT_EXPECTED_ZH)
    with_sign = False
    if isinstance(value, str):
        text = _normalize(value)
        if text.endswith("%"):
            with_sign = True
            text = text[:-1].strip()
        try:
            number = parse_number(text)
        except ValueError:
            raise NumberError(PERCENT_EXPECTED, PERCENT_EXPECTED_ZH) from None
    elif isinstance(value, int | float):
        number = parse_number(value)
    else:
        raise NumberError(PERCENT_EXPECTED, PERCENT_EXPECTED_ZH)
    if number < 0:
        raise NumberError(
            f"{PERCENT_EXPECTED}; a weight cannot be negative",
            f"{PERCENT_EXPECTED_ZH}；权重不能为负数",
        )
    if not with_sign:
        if number == 1:
            raise NumberError(
                "1 is ambiguous: write 1% for one point or 100% for all of it",
                "1 有歧义：一个百分点请写 1%，全部请写 100%",
            )
        if 0 < number < 1:
            number *= 100
    if number > 100:
        raise NumberError(
            f"{PERCENT_EXPECTED}; {number:g} is more than 100",
            f"{PERCENT_EXPECTED_ZH}；{number:g} 超过了 100",
        )
    # Fractions such as 0.15 * 100 carry float noise; weights are never finer
    # than a hundredth of a point.
    return round(number, 6)


def parse_percent_actual(value) -> float:
    """Read an actual on a percent KR in percent points; refuse a bare fraction as ambiguous.

    >>> parse_percent_actual("93%"), parse_percent_actual(93), parse_percent_actual("0.5%")
    (93.0, 93.0, 0.5)

    Notice that ``0.93`` and ``1`` raise: write ``93%`` or ``0.93%``.
    """
    if isinstance(value, bool):
        raise NumberError(PERCENT_ACTUAL_EXPECTED, PERCENT_ACTUAL_EXPECTED_ZH)
    try:
        number, with_sign = parse_target(value)
    except ValueError:
        raise NumberError(PERCENT_ACTUAL_EXPECTED, PERCENT_ACTUAL_EXPECTED_ZH) from None
    if not with_sign and number != 0 and -1 <= number <= 1:
        points = f"{number * 100:.6g}%"
        raise NumberError(
            # Said as what is expected (loaders print it after "expected"), the reason after.
            f"{points} or {number:g}% ({number:g} alone is ambiguous on a percent KR)",
            f"{points} 或 {number:g}%（单写 {number:g} 在百分比关键结果上有歧义）",
        )
    return number


def without_unit(value, units):
    """``value`` with one of the KR's own ``units`` after it taken off: '1380万元' on a 万元 KR is 1380.

    Full-width text is folded first (``３５家`` is ``35家``); a ``%`` unit is left on (a
    percent reads with its sign), and anything else (another unit, words) stays, to be
    refused by the number reader.

    >>> without_unit("３５家", ("家", "visits")), without_unit("35个", ("家", "visits"))
    ('35', '35个')
    """
    if not isinstance(value, str):
        return value
    text = _normalize(value)
    for unit in units:
        unit = _normalize(unit or "")
        if unit and unit != "%" and text.endswith(unit) and text[: -len(unit)].strip():
            return text[: -len(unit)].strip()
    return value


def refuse_percent_on_counted(percent: bool, unit_zh: str | None, unit_en: str | None) -> None:
    """Raise when a number written with ``%`` is given on a KR counted in something else.

    ``95%`` on a KR counted in 万元 (销售指标完成率100%（1400万元）) is the completion
    rate, not 95万元: read as the amount it would score 7%. Actuals, check-ins and the
    team file's target and baseline all refuse it by this one rule; a KR with no unit,
    or a unit of ``%``, keeps reading ``95%`` as 95 points.

    >>> refuse_percent_on_counted(True, "%", None)  # a percent KR: 95% is 95 points
    >>> refuse_percent_on_counted(True, "万元", "10k RMB")
    Traceback (most recent call last):
    ...
    okrkit.numbers.NumberError: a number in 10k RMB, not a percent (this KR counts 10k RMB: write the amount itself)
    """
    unit_zh, unit_en = (unit_zh or "").strip(), (unit_en or "").strip()
    if not percent or not (unit_zh or unit_en) or "%" in (unit_zh, unit_en):
        return
    unit_en, unit_zh = unit_en or unit_zh, unit_zh or unit_en
    raise NumberError(
        f"a number in {unit_en}, not a percent (this KR counts {unit_en}: write the amount itself)",
        f"以{unit_zh}计的数值，而不是百分比（该KR按{unit_zh}计：请写实际数量）",
    )


def wan_in_english(value: float) -> str:
    """An amount in 万元 (ten thousand RMB) as English says it, without the currency.

    >>> wan_in_english(8000), wan_in_english(1400), wan_in_english(12.5), wan_in_english(250000)
    ('80 million', '14 million', '125,000', '2.5 billion')
    """
    yuan = value * 1e4
    for size, name in ((1e9, "billion"), (1e6, "million")):
        if abs(yuan) >= size:
            return f"{round(yuan / size, 4):g} {name}"
    return f"{yuan:,.0f}"


def format_points(value: float | None) -> str:
    """Show percent points the way the deck writes them: 15%."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:g}%"

"""Numbers in OKR text: Arabic and Chinese numerals, told apart from dates and from words.

"五个百分点" is 5 points, "一百二十" is 120, "零延迟" is a target of 0; but
"进一步", "统一" and "千方百计" hold numeral characters without being numbers,
and "2015年", "Q3", "by end of June" are when, not how much. Every reader works
on the normalised text (:func:`okrkit.textread.reading.normalise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrkit.textread.lexicon import numerals


@dataclass(frozen=True)
class Quantity:
    """One number found in a text: its value, unit, kind and where it stands."""

    value: float
    unit: str  # '%', a Chinese counter ('家'), an English noun ('calls') or ''
    kind: str  # 'number', 'rank' (第一, 1st), 'date' or 'span' (近两年)
    start: int
    end: int
    text: str

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "个百分点", "百分点", "points", "pp")


_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_CN = "零〇一二三四五六七八九十两"
# Dates, quarters and deadlines in both languages (the text is lower case, NFKC).
_DATES = re.compile(
    "|".join(
        [
            r"\b(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b",
            rf"(?:(?:19|20)\d{{2}}|[{_CN}]{{4}})\s*年(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?)?",
            rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*月(?:份)?\s*(?:底|末|初|中旬|上旬|下旬|\d{{1,2}}\s*[日号]|[{_CN}]{{1,3}}[日号])",
            r"\d{1,2}\s*[日号]\s*(?:前|之前|以前)",
            rf"第?[1-4{_CN}]\s*季度",
            r"[上下]半年|年底|年末|年初|年中|季末|季度末|月底|月末|年内|本季度|本年度|下季度|全年",
            r"\bq[1-4](?:\s*(?:fy)?\s*'?\d{2,4})?\b",
            r"\bh[12](?:\s*'?\d{2,4})?\b",
            r"\bfy\s*'?\d{2,4}\b",
            rf"\b(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d{{2}})?\b",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s+(?:19|20)\d{{2}})?",
            r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
            r"\b(?:end|start|beginning|middle) of (?:the )?(?:year|quarter|month|q[1-4]|h[12])\b",
            r"\byear[- ]end\b|\bquarter[- ]end\b|\bmonth[- ]end\b|\beoy\b|\beoq\b",
            # a year standing alone: after a time word, or at the edges of the text
            r"(?:(?<=\bin )|(?<=\bby )|(?<=\bfor )|(?<=\bof )|(?<=\bsince )|(?<=\buntil )|"
            r"(?<=\bbefore )|(?<=\bthrough )|(?<=^)|(?<=[(（,，]))(?:19|20)\d{2}\b(?![\d%]|\s*年)"
            r"(?=\s*(?:$|[,，.。:：;；)）]|q[1-4]|h[12]|year|and|to|-)|)",
            r"\b(?:19|20)\d{2}\b(?=\s*$)",
        ]
    )
)

# A span looked back on ("近两年", "the past 2 years"): neither a target nor a deadline.
_SPANS = re.compile(
    rf"(?:近|过去|最近)[{_CN}\d]{{1,2}}\s*(?:年|个月|季度)"
    r"|\b(?:past|last|next)\s+\d{1,2}\s+(?:years?|months?|quarters?)\b"
)

_ARABIC = re.compile(
    r"(?<![A-Za-z0-9_.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s*(?:k\b|m\b|mm\b|bn\b|million\b|billion\b|thousand\b|万|亿|千))?"
    r"(?:\s*(?:%|percent\b|个百分点|百分点|pp\b|points?\b|x\b|倍))?"
)
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "千": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}
# 8000万元 stays 8000 with the unit 万元: targets are kept in the text's own unit.
_CN_MAGNITUDES = ("万", "亿")
_PERCENT_OF = re.compile(r"百分之([零〇一二三四五六七八九十百两点.\d]+)")
_EN_RANK = re.compile(
    r"\b(?:no\.\s*|#)(\d+)\b|\b(\d+)(?:st|nd|rd|th)\b|\btop[\s-]+(\d+)\b|前(\d+)(?=[大名强家])"
)
# "4.8/5": a score out of a scale, one number
_SCORE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*/\s*(\d+)(?![\d/])")
# English number words a KR counts with ("at least one eBook", "two workshops")
_EN_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "twenty": 20,
    "once": 1,
    "twice": 2,
}
_EN_NUMBER_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|once|twice)\b"
    r"(?!\s+(?:of|another|day|more time)\b)"
)
_EN_UNIT = re.compile(
    r"\s*(?:new |more |effective |qualified |active |paying |additional )*([a-z][a-z-]*)"
)


def chinese_to_number(run: str) -> float | None:
    """The value of a Chinese numeral such as '一百二十' (120) or '三千五百万'.

    >>> chinese_to_number("一百二十"), chinese_to_number("两"), chinese_to_number("十五")
    (120.0, 2.0, 15.0)
    """
    table = numerals()
    digits, units = table["digits"], table["units"]
    total = section = 0.0
    number = None
    for ch in run:
        if ch in digits:
            number = float(digits[ch])
        elif ch in units:
            unit = units[ch]
            if unit >= 10000:
                section = (section + (number or 0.0)) * unit
                total += section
                section = 0.0
            else:
                section += (number if number is not None else 1.0) * unit
            number = None
        else:
            return None
    return total + section + (number or 0.0)


def _mask(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


def _word_spans(text: str) -> list[tuple[int, int]]:
    """Where numeral characters stand inside words ('进一步', '零售'), to skip them."""
    words = sorted(numerals()["in_words"], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return [m.span() for m in pattern.finditer(text)]


def _counter_after(text: str, end: int) -> str:
    for counter in _counters():
        if text.startswith(counter, end):
            return counter
    return ""


_COUNTERS: list[str] = []


def _counters() -> list[str]:
    if not _COUNTERS:
        _COUNTERS.extend(sorted(numerals()["counters"], key=len, reverse=True))
    return _COUNTERS


def _unit_after(text: str, end: int) -> str:
    counter = _counter_after(text, end)
    if counter:
        return counter
    match = _EN_UNIT.match(text, end)
    if match is None or match.group(1) in _NOT_UNITS:
        return ""
    return match.group(1)


# Words that follow a number without naming what it counts ('from 45 to 55').
_NOT_UNITS = {
    "to",
    "from",
    "by",
    "per",
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "and",
    "or",
    "with",
    "for",
    "within",
    "each",
    "every",
    "than",
    "more",
    "less",
    "over",
    "under",
}


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number, rank and date in ``text`` (normalised), in reading order.

    >>> [(q.text, q.value, q.unit, q.kind) for q in find_quantities("2015年提升五个百分点")]
    [('2015年', 0.0, '', 'date'), ('五', 5.0, 'points', 'number')]

    A date carries no value (it says when, not how much); percentage points
    read as the unit 'points'.
    """
    found: list[Quantity] = []
    dates = [m.span() for m in _DATES.finditer(text) if m.group(0).strip()]
    for start, end in dates:
        found.append(Quantity(0.0, "", "date", start, end, text[start:end]))
    masked = _mask(text, dates)
    spans = [m.span() for m in _SPANS.finditer(masked)]
    for start, end in spans:
        found.append(Quantity(0.0, "", "span", start, end, masked[start:end]))
    masked = _mask(masked, spans)
    for match in _EN_RANK.finditer(masked):
        value = next(g for g in match.groups() if g)
        found.append(Quantity(float(value), "", "rank", *match.span(), match.group(0)))
    masked = _mask(masked, [m.span() for m in _EN_RANK.finditer(masked)])
    scores = list(_SCORE.finditer(masked))
    for match in scores:
        found.append(
            Quantity(
                float(match.group(1)), f"/{match.group(2)}", "number", *match.span(), match.group(0)
            )
        )
    masked = _mask(masked, [m.span() for m in scores])
    words = list(_EN_NUMBER_WORD.finditer(masked))
    for match in words:
        value = float(_EN_WORDS[match.group(1)])
        found.append(
            Quantity(
                value, _unit_after(masked, match.end()), "number", *match.span(), match.group(0)
            )
        )
    masked = _mask(masked, [m.span() for m in words])
    for match in _PERCENT_OF.finditer(masked):
        value = _value_of(match.group(1))
        if value is not None:
            found.append(Quantity(value, "%", "number", *match.span(), match.group(0)))
    masked = _mask(masked, [m.span() for m in _PERCENT_OF.finditer(masked)])
    arabic = list(_ARABIC.finditer(masked))
    for match in arabic:
        found.append(_arabic(masked, match))
    masked = _mask(masked, [m.span() for m in arabic])
    # numeral characters inside words are blanked for finding runs, but a run's
    # counter is read from the text as written ('五个百分点': 个百分点 holds 百).
    found.extend(_chinese(_mask(masked, _word_spans(masked)), masked))
    return tuple(sorted(found, key=lambda q: q.start))


def _value_of(run: str) -> float | None:
    try:
        return float(run)
    except ValueError:
        return chinese_to_number(run)


def _arabic(text: str, match: re.Match) -> Quantity:
    raw = match.group(0)
    number = re.match(r"[-+]?[\d,]+(?:\.\d+)?", raw).group(0)
    value = float(number.replace(",", ""))
    rest = raw[len(number) :].strip()
    unit = ""
    for word in _CN_MAGNITUDES:
        if rest.startswith(word):
            rest = rest[len(word) :].strip()
            unit = word + ("元" if text.startswith("元", match.end()) else "")
            break
    for word, factor in _MULTIPLIERS.items():
        if not unit and re.match(rf"{word}\b", rest):
            value *= factor
            rest = rest[len(word) :].strip()
            break
    if rest in ("%", "percent"):
        unit = "%"
    elif rest in ("个百分点", "百分点", "pp", "point", "points"):
        unit = "points"
    elif rest in ("x", "倍"):
        unit = "x"
    if not unit:
        unit = _unit_after(text, match.end())
    return Quantity(value, unit, "number", match.start(), match.end(), raw)


_CN_RUN = re.compile("第?[零〇一二三四五六七八九十百千万亿两]+")


def _chinese(text: str, written: str) -> list[Quantity]:
    found = []
    zero_words = numerals()["zero_words"]
    for match in _CN_RUN.finditer(text):
        run = match.group(0)
        rank = run.startswith("第")
        digits = run[1:] if rank else run
        if not digits:
            continue
        if digits.startswith("零") and len(digits) == 1:
            word = text[match.start() : match.start() + 6]
            if any(word.startswith(w) for w in zero_words) or re.match(r"零[\u4e00-\u9fff]", word):
                found.append(Quantity(0.0, "", "number", match.start(), match.end(), run))
            continue
        value = chinese_to_number(digits)
        if value is None:
            continue
        counter = _counter_after(written, match.end())
        spelled = len(digits) >= 2 and any(ch in "十百千万亿" for ch in digits)
        if rank:
            found.append(Quantity(value, "", "rank", match.start(), match.end(), run))
        elif counter or spelled:
            unit = "points" if counter in ("个百分点", "百分点") else counter
            found.append(Quantity(value, unit, "number", match.start(), match.end(), run))
    return found

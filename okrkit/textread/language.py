"""Which language a string is written in, and traditional characters read as simplified.

An untagged string in a team file is stored as Chinese (``text: Hold 12
interviews`` becomes ``Text(zh=...)``); the readers must not believe that.
Telling Chinese from English needs no statistical model: Han characters are
a Unicode script of their own, so the share of Han against Latin letters
decides. Traditional characters are converted with OpenCC (the ``opencc``
package, OpenCC's own Python binding, configuration ``t2s``), so one word list
serves both scripts.
"""

from __future__ import annotations

from functools import cache, lru_cache


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


@lru_cache(maxsize=65536)
def detect_language(value: str) -> str | None:
    """'zh', 'en' or None (no letters at all), from the script of the letters.

    >>> detect_language("Hold 12 customer interviews"), detect_language("每周拜访NPS客户")
    ('en', 'zh')

    Han characters decide when there are at least a quarter as many as Latin
    letters (one Han character carries a word, an English word ~5 letters), so
    'NPS提升到50' is Chinese and a Chinese name in an English sentence is not.
    """
    han = sum(1 for ch in value if _is_han(ch))
    latin = sum(1 for ch in value if ch.isascii() and ch.isalpha())
    if han == 0 and latin == 0:
        return None
    return "zh" if han * 4 >= latin or han >= 4 else "en"


@cache
def _converter():
    import opencc  # imported on first use: the coach often never meets traditional text

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(value: str) -> str:
    """``value`` with traditional characters as simplified ('維持' → '维持')."""
    if all(ord(ch) < 0x3400 for ch in value):
        return value  # nothing to convert: skip OpenCC for ASCII and punctuation
    return _converter().convert(value)


def is_traditional(value: str) -> bool:
    """True when converting to simplified changes ``value``."""
    return to_simplified(value) != value

"""One string read once: its language, script, numbers, dates, target and kind.

:func:`read` is cached per string (the coach reads the same KR text for every
rule, and a 10,000-team case repeats many texts), and returns a frozen
:class:`Reading`. :func:`read_text` reads both sides of a bilingual
:class:`~okrkit.model.Text`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from okrkit.model import Text
from okrkit.textread.kinds import activity_words, bau_words, output_words, vague_words
from okrkit.textread.language import detect_language, to_simplified
from okrkit.textread.lexicon import lexicon
from okrkit.textread.quantities import Quantity, find_quantities
from okrkit.textread.targets import TargetReading, read_target


@dataclass(frozen=True)
class Reading:
    """What the coach reads in one string."""

    source: str
    lang: str | None  # 'zh', 'en' or None (no letters)
    traditional: bool
    normalised: str
    quantities: tuple[Quantity, ...]
    target: TargetReading
    activity: str | None
    output: str | None
    bau: str | None
    vague: str | None

    @property
    def numbers(self) -> tuple[Quantity, ...]:
        """The numbers that measure something (no dates, no ranks)."""
        return tuple(q for q in self.quantities if q.kind == "number")

    @property
    def dates(self) -> tuple[Quantity, ...]:
        """Dates, quarters and deadlines."""
        return tuple(q for q in self.quantities if q.kind == "date")

    periodic: bool = False  # says how often ('monthly', 'bi-weekly', '每周')

    @property
    def measurable(self) -> bool:
        """A number, a rank, a date or a cadence ('monthly') to grade against is in the text."""
        return self.periodic or any(q.kind != "span" for q in self.quantities)


def normalise(value: str) -> tuple[str, bool]:
    """NFKC (full-width digits and ％), simplified characters, lower case; and was it traditional."""
    folded = unicodedata.normalize("NFKC", value)
    simplified = to_simplified(folded)
    return simplified.lower(), simplified != folded


@lru_cache(maxsize=200_000)
def read(value: str) -> Reading:
    """Read one string (cached).

    >>> r = read("從65%提升到75%")
    >>> r.lang, r.traditional, r.target.baseline, r.target.target, r.target.direction
    ('zh', True, 65.0, 75.0, 'increase')
    """
    normalised, traditional = normalise(value)
    lang = detect_language(normalised)
    side = lang or "en"
    quantities = find_quantities(normalised)
    target = read_target(normalised, side, quantities)
    if target.ambiguous:
        target = _target_of_the_result_clause(normalised, side) or target
    return Reading(
        source=value,
        lang=lang,
        traditional=traditional,
        normalised=normalised,
        quantities=quantities,
        target=target,
        activity=activity_words(normalised, side, quantities),
        output=output_words(normalised, side),
        bau=bau_words(normalised, side),
        vague=vague_words(normalised, side, quantities),
        periodic=bool(lexicon(side).periodic.search(normalised)),
    )


_CLAUSES = re.compile(r"[，,;；。]")


def _target_of_the_result_clause(text: str, lang: str) -> TargetReading | None:
    """'舉辦5次加盟店促銷，貢獻總銷售目標的30%': the target is the result clause's number.

    When the numbers stand in separate clauses and every clause but one counts
    an activity, the one left is the result the KR is graded by.
    """
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    if len(clauses) < 2:
        return None
    results = []
    for clause in clauses:
        quantities = find_quantities(clause)
        if not any(q.kind == "number" for q in quantities):
            continue
        if activity_words(clause, lang, quantities):
            continue
        results.append(read_target(clause, lang, quantities))
    if len(results) == 1 and results[0].target is not None and not results[0].ambiguous:
        return results[0]
    return None


def read_text(value: Text) -> tuple[Reading, ...]:
    """Readings of the non-empty sides of ``value`` (an untagged string is read for what it is)."""
    return _read_sides(value.zh, value.en)


@lru_cache(maxsize=200_000)
def _read_sides(zh: str | None, en: str | None) -> tuple[Reading, ...]:
    # keyed by the two strings: their hashes are cached, a Text's is recomputed each call
    return tuple(read(side) for side in (zh, en) if side and side.strip())


def first_reading(value: Text) -> Reading | None:
    """The reading of the side written first (Chinese side, else English), or None."""
    readings = read_text(value)
    return readings[0] if readings else None

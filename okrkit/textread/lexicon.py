"""The word lists and patterns the readers use, loaded once from the package's YAML files.

Keeping them as data (``okrkit/textread/data/*.yaml``) lets a coach add a verb
without touching code; the tests pin what each list must recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML


def _load(name: str) -> dict[str, Any]:
    text = resources.files("okrkit.textread").joinpath("data", name).read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def _alternation(words, *, boundary: bool) -> re.Pattern:
    """One regex matching any of ``words``, longest first so 'blog posts' beats 'posts'."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(w if "\\" in w or "(" in w else re.escape(w) for w in ordered)
    return re.compile(rf"\b(?:{body})\b" if boundary else f"(?:{body})")


@dataclass(frozen=True)
class Lexicon:
    """One language's compiled lists."""

    activity_verbs: re.Pattern
    activity_nouns: re.Pattern
    outcome_words: re.Pattern
    output_verbs: re.Pattern
    bau: re.Pattern
    vague_verbs: re.Pattern
    vague_objects: re.Pattern
    vague_modifiers_max: int
    increase: re.Pattern
    decrease: re.Pattern
    at_most: re.Pattern
    at_least: re.Pattern
    cadences: dict[str, str]
    cadence_pattern: re.Pattern
    periodic: re.Pattern  # every so often, with or without a model cadence
    lead_adverbs: re.Pattern
    vague_object_at_end: re.Pattern
    extra: dict[str, Any]


def _lexicon(name: str, *, boundary: bool) -> Lexicon:
    data = _load(name)

    def pattern(key: str) -> re.Pattern:
        return _alternation(data[key], boundary=boundary)

    bau_key = "bau" if "bau" in data else "bau_words"
    return Lexicon(
        activity_verbs=pattern("activity_verbs"),
        activity_nouns=pattern("activity_nouns"),
        outcome_words=pattern("outcome_words"),
        output_verbs=pattern("output_verbs"),
        bau=pattern(bau_key),
        vague_verbs=pattern("vague_verbs"),
        vague_objects=pattern("vague_objects"),
        vague_modifiers_max=int(data["vague_modifiers_max"]),
        increase=pattern("increase_words"),
        decrease=pattern("decrease_words"),
        at_most=pattern("at_most_words"),
        at_least=pattern("at_least_words"),
        cadences={str(k): v for k, v in data["cadences"].items()},
        cadence_pattern=_alternation(data["cadences"], boundary=boundary),
        periodic=_alternation([*data["cadences"], *data["periodic"]], boundary=boundary),
        lead_adverbs=_alternation(data["lead_adverbs"], boundary=boundary),
        vague_object_at_end=re.compile(
            _alternation(data["vague_objects"], boundary=boundary).pattern + "$"
        ),
        extra=data,
    )


@cache
def zh() -> Lexicon:
    """The Chinese lists (simplified characters)."""
    return _lexicon("zh.yaml", boundary=False)


@cache
def en() -> Lexicon:
    """The English lists (lower case)."""
    return _lexicon("en.yaml", boundary=True)


@cache
def numerals() -> dict[str, Any]:
    """Chinese numeral digits, units, counters and the words that merely contain one."""
    return _load("numerals.yaml")


def lexicon(lang: str) -> Lexicon:
    """The lists for ``lang`` ('zh' or 'en')."""
    return zh() if lang == "zh" else en()

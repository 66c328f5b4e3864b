"""What kind of statement a text is: an activity, an output, business as usual, or vague.

Each reader returns the words that decided (so a finding can quote them) or
None. They work on the normalised text of one language; the lists are data
(``data/zh.yaml``, ``data/en.yaml``).
"""

from __future__ import annotations

import re

from okrkit.textread.lexicon import lexicon, numerals
from okrkit.textread.quantities import Quantity

# Leading words that say when or for whom, skipped before looking for the verb:
# "每周组织…", "In Q3, launch…", "为代理商做…".
_ZH_LEAD = re.compile(
    r"^(?:\s|[，,:：、]|每[天日周月季年]度?|每个?(?:星期|季度|月)|全年|年内|本季度|本月|本周|"
    r"(?:19|20)\d{2}年|\d{1,2}月(?:底|末)?前?|[上下]半年|(?:在|于|到|至)?年底前?|"
    r"(?:销售|每位|每名|每个|团队|个人|本部门|部门|我们|我)(?:人员|成员)?|[为向给对与和跟]\S{1,8}?(?=[\u4e00-\u9fff]{2}))*"
)
_EN_LEAD = re.compile(
    r"^(?:\s|[,:;-]|(?:in|by|during|for|before|until|each|every|per)\s+(?:the\s+)?"
    r"(?:q[1-4]|h[12]|\d{4}|week|month|quarter|year|end of (?:the )?\w+)\b|q[1-4]\b|h[12]\b|"
    r"(?:19|20)\d{2}\b|we will|we|our team will|team will|i will|to)*"
)


def _strip_lead(text: str, lang: str) -> str:
    pattern = _ZH_LEAD if lang == "zh" else _EN_LEAD
    head = text[pattern.match(text).end() :]
    adverb = lexicon(lang).lead_adverbs.match(head)
    if adverb:  # "成功推出新产品", "Successfully launch …"
        head = head[adverb.end() :].lstrip(" ,，")
    return head


def activity_words(text: str, lang: str, quantities: tuple[Quantity, ...]) -> str | None:
    """The activity a key result counts ('组织', 'hold', 'calls'), or None.

    An activity is what the owner does — hold, call, visit, 组织, 拜访 — counted
    with a number or a cadence ("Host a monthly Twitter chat"). A text that also
    names a changed state (a rate, a share, revenue, 签约, 获得) measures the
    outcome and is not an activity; nor is one led by a result verb ("Close 10
    deals") unless what it counts is itself an activity ("Increase sales calls
    from 40 to 120 per week").
    """
    lex = lexicon(lang)
    counted = any(q.kind == "number" for q in quantities) or lex.periodic.search(text)
    if not counted or lex.outcome_words.search(_without_purpose(text, lang)):
        return None
    head = _strip_lead(text, lang)
    verb = lex.activity_verbs.match(head) if lang == "en" else _zh_verb_near_start(head, lex)
    if verb:
        return verb.group(0)
    noun = lex.activity_nouns.search(text)
    if noun and _noun_is_counted(text, noun, quantities, lang):
        return noun.group(0)
    return None


_EN_PURPOSE = re.compile(r"\b(?:to|so that|in order to)\s+(?!\d)[a-z]+\b.*$")


def _without_purpose(text: str, lang: str) -> str:
    """'Connect with 15 customers to uncover upsell opportunities' without its 'to …' purpose.

    A purpose names what the activity is for; it does not make the count an outcome
    (open-okr's KR-5: the target still sits on the activity).
    """
    if lang != "en":
        return text
    return _EN_PURPOSE.sub("", text)


def _zh_verb_near_start(head: str, lex):
    """A Chinese activity verb among the first characters (after who/when)."""
    match = lex.activity_verbs.search(head[:12])
    if match is None:
        return None
    if len(match.group(0)) == 1:
        # a one-character verb only at the start and right before its count
        # ('写5篇', '發10篇'), never inside a word ('编写', '发布', '做好')
        follows = head[match.end() : match.end() + 1]
        if match.start() > 0 or not re.match(r"[\d一二两三四五六七八九十几]", follows):
            return None
    return match


def _noun_is_counted(text: str, noun: re.Match, quantities, lang: str) -> bool:
    """'100 effective calls', 'sales calls from 40 to 120', '培训每月2次': the count is of the activity."""
    if lexicon(lang).periodic.search(text) and not any(q.kind == "number" for q in quantities):
        return True  # "a monthly Twitter chat": once a month
    for q in quantities:
        if q.kind != "number":
            continue
        if lang == "en":
            after = text[q.end : noun.start()]
            before = text[noun.end() : q.start]
            if 0 <= noun.start() - q.end <= 24 and re.fullmatch(r"[\s\w-]*", after):
                return len(after.split()) <= 2
            if 0 <= q.start - noun.end() <= 12 and re.fullmatch(
                r"\s*(?:from|of|to|at)?\s*", before
            ):
                return True
        else:
            if 0 <= noun.start() - q.end <= 8 or 0 <= q.start - noun.end() <= 6:
                return True
    return False


def output_words(text: str, lang: str) -> str | None:
    """The delivery an objective names ('launch', '上线', '完成…系统'), or None."""
    lex = lexicon(lang)
    head = _strip_lead(text, lang)
    extra = lex.extra
    exceptions = extra.get("output_exceptions", [])
    if lang == "en":
        match = lex.output_verbs.match(head)
        if match is None:
            return None
        rest = head[match.end() :].split()
        if rest and rest[0] in ("to", "by", "on"):
            return None  # 'deliver on our promise', 'complete by …'
        if any(re.search(rf"\b{re.escape(w)}\b", head) for w in exceptions):
            return None
        return match.group(0)
    match = lex.output_verbs.match(head)
    if match is not None:
        if any(w in head for w in exceptions):
            return None
        return match.group(0)
    for verb in extra["output_deliver_verbs"]:
        if head.startswith(verb):
            for word in extra["output_complete_objects"]:
                if word in head[len(verb) :]:
                    return f"{verb}…{word}"
    return None


def bau_words(text: str, lang: str) -> str | None:
    """The words that keep things as they are ('maintain', '维持', '按时'), or None."""
    match = lexicon(lang).bau.search(text)
    return match.group(0) if match else None


_ZH_FILLER = re.compile(r"[的和与及、\s]")
_EN_FILLER = {"the", "our", "a", "an", "of", "and", "team's", "company's", "overall", "its", "my"}


def vague_words(text: str, lang: str, quantities: tuple[Quantity, ...]) -> str | None:
    """'提升品牌影响力', 'Improve brand awareness': a generic verb, an abstract object, no measure.

    Returns the abstract object, or None when the text names something one
    could point at (a rate, a product, a number, a 'from … to').
    """
    if any(q.kind not in ("date", "span") for q in quantities):
        return None  # a number makes it specific; a date only says when
    lex = lexicon(lang)
    text = re.sub(r"[(（][^)）]*[)）]", "", text)  # "（2024年第四季度）" is detail
    head = _strip_lead(text, lang).strip(" .。!！")
    verb = lex.vague_verbs.match(head)
    if verb is None:
        return None
    rest = head[verb.end() :]
    if lang == "zh":
        rest = _ZH_FILLER.sub("", rest)
        match = lex.vague_object_at_end.search(rest)
        if match and match.start() <= lex.vague_modifiers_max:
            return match.group(0)
        return None
    words = [w for w in re.findall(r"[a-z][a-z'-]*", rest) if w not in _EN_FILLER]
    tail = " ".join(words)
    match = lex.vague_object_at_end.search(tail)
    if match and len(tail[: match.start()].split()) <= lex.vague_modifiers_max:
        return match.group(0)
    return None


def in_word_numerals(text: str) -> tuple[str, ...]:
    """The words holding numeral characters that are not numbers ('进一步', '统一')."""
    return tuple(w for w in numerals()["in_words"] if w in text)

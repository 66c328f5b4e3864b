"""The OKR coach's rules: each one question about one team, with its reason.

A rule is a function ``check(team, context)`` that yields :class:`Hit`s — a
location, a message and a fix hint, each in Chinese and English. The coach
(:mod:`okrkit.lint`) turns hits into findings with the rule's code, name and
severity. Every hint ends with the rule's reason, so a manager learns *why*:
Doerr's counts (*Measure What Matters*), Google's re:Work guidance on setting
and grading OKRs, or the deck's own method (核心过程成指标，还要注意有权重;
结果细分成过程; 目标之后做分解).

Rules never raise for a weak OKR; they only describe it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from okrkit.model import Case, KeyResult, Objective, Team, Text

# -- the pieces a rule works with


@dataclass(frozen=True)
class Limits:
    """The numbers the rules compare with; a case's ``lint: limits:`` may change them."""

    max_objectives_company: int = 5
    max_objectives: int = 4
    min_key_results: int = 2
    max_key_results: int = 5
    weight_floor: float = 5.0
    weight_ceiling: float = 40.0
    weight_total: float = 100.0


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the team: its case (may be None) and the limits."""

    case: Case | None = None
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Hit:
    """One thing a rule noticed: where, what, and how to fix it."""

    location: str
    message: Text
    hint: Text
    line: int | None = None


@dataclass(frozen=True)
class Rule:
    """A coaching rule: stable code and name, default severity, reason, check."""

    code: str
    name: str
    family: str
    severity: str
    reason: Text
    check: Callable[[Team, Context], Iterable[Hit]]


def bi(zh: str, en: str, **values) -> Text:
    """A bilingual text with ``{names}`` filled in both languages."""
    return Text(zh=zh.format(**values), en=en.format(**values))


# -- reasons, cited at the end of every hint

DOERR_COUNTS = bi(
    "依据：Doerr《这就是OKR》——每个周期3–5个目标、每个目标不超过5个关键成果，多了就失去聚焦。",
    "Why: Doerr, Measure What Matters — three to five objectives a cycle and at most five "
    "key results each; more and the focus is gone.",
)
REWORK_MEASURABLE = bi(
    "依据：Google re:Work《用OKR设定目标》——关键成果必须可衡量、可验证，周期末才能按0–1.0打分。",
    "Why: Google re:Work, 'Set goals with OKRs' — key results must be measurable and "
    "verifiable, so they can be graded 0–1.0 at the end of the cycle.",
)
REWORK_OBJECTIVE = bi(
    "依据：Google re:Work——目标回答“做成什么”，应当鼓舞人心、定性表述；数字属于关键成果。",
    "Why: Google re:Work — the objective says what to achieve, qualitative and inspiring; "
    "the numbers belong in the key results.",
)
REWORK_BAU = bi(
    "依据：Google re:Work——“维持现状”的常规工作不是OKR，目标应当推动改变。",
    "Why: Google re:Work — business as usual is not an OKR; an objective should move something.",
)
DECK_WEIGHTS = bi(
    "依据：课件“核心过程成指标，还要注意有权重”——表中每个KR都有权重，整张表合计100%。",
    "Why: the deck — 'core processes become indicators, and mind the weights': every KR "
    "carries percent points and the table adds to 100%.",
)
DECK_DEDUCTION = bi(
    "依据：课件的“有效投诉案例（减分项）”——减分项扣分，所以要写明每次扣几分、最多扣几分、什么算“有效”。",
    "Why: the deck's 'valid complaints (deduction item)' subtracts points, so the rule must "
    "say how many per case, up to what cap, and what counts as valid.",
)
DECK_BLANKS = bi(
    "依据：课件把“销售额总体增长 %”这类数字留空给研讨会填写——没有数字的KR无法打分。",
    "Why: the deck leaves numbers such as 'sales grow by __ %' blank for the workshop; a KR "
    "without its number cannot be graded.",
)
DECK_PROCESS = bi(
    "依据：课件“结果细分成过程”“OKR将KPI分解成结果的关键过程”——过程KR是为了产出某个结果。",
    "Why: the deck — 'break results into processes'; OKR turns a KPI into the key processes "
    "that produce the result, so every process KR feeds a result.",
)
DECK_CASCADE = bi(
    "依据：课件“目标之后做分解”——公司目标分解到部门和岗位，下级目标支撑上级目标。",
    "Why: the deck — 'decompose after setting the objective': the company's objectives "
    "cascade to departments and positions, each supporting the one above.",
)

# -- helpers


def kr_location(objective: Objective, kr: KeyResult, key: str = "") -> str:
    """``O1/KR1.2`` (or ``O1/KR1.2.weight``): how findings name a key result."""
    return f"{objective.id}/{kr.id}" + (f".{key}" if key else "")


def _label(text: Text) -> str:
    return text.get("zh") or text.get("en")


def _scored(objective: Objective) -> list[KeyResult]:
    return [kr for kr in objective.key_results if not kr.is_deduction]


def _num(value: float) -> str:
    return f"{value:g}"


_RULES: list[Rule] = []


def rule(code: str, name: str, family: str, severity: str, reason: Text):
    """Register a check function as a rule (codes and names must stay stable)."""

    def register(check):
        _RULES.append(Rule(code, name, family, severity, reason, check))
        return check

    return register


def all_rules() -> list[Rule]:
    """Every rule in code order."""
    return sorted(_RULES, key=lambda r: r.code)


# -- 1xx structure


@rule("OKR101", "too-many-objectives", "structure", "warn", DOERR_COUNTS)
def too_many_objectives(team: Team, ctx: Context) -> Iterator[Hit]:
    limit = (
        ctx.limits.max_objectives_company if team.level == "company" else ctx.limits.max_objectives
    )
    if len(team.objectives) > limit:
        yield Hit(
            "",
            bi(
                "{n}个目标，超过{limit}个",
                "{n} objectives, more than {limit}",
                n=len(team.objectives),
                limit=limit,
            ),
            bi(
                "保留最重要的{limit}个，其余放到下个周期或交给其他团队。",
                "Keep the {limit} that matter most; move the rest to a later cycle or another team.",
                limit=limit,
            ),
        )


@rule("OKR102", "no-objectives", "structure", "error", DOERR_COUNTS)
def no_objectives(team: Team, ctx: Context) -> Iterator[Hit]:
    if not team.objectives:
        yield Hit(
            "",
            bi("这张表还没有目标", "this table has no objective yet"),
            bi(
                "先写1–3个目标，再为每个目标写2–5个关键成果。",
                "Write one to three objectives, then two to five key results for each.",
            ),
        )


@rule("OKR103", "objective-without-key-results", "structure", "error", DOERR_COUNTS)
def objective_without_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if not objective.key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”没有关键成果",
                    "objective '{o}' has no key result",
                    o=_label(objective.title),
                ),
                bi(
                    "写2–5个关键成果：做到什么程度算达成？",
                    "Add two to five key results: how will you know it is achieved?",
                ),
                objective.line,
            )


@rule("OKR104", "too-few-key-results", "structure", "warn", DOERR_COUNTS)
def too_few_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        n = len(objective.key_results)
        if 0 < n < ctx.limits.min_key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”只有{n}个关键成果",
                    "objective '{o}' has only {n} key result(s)",
                    o=_label(objective.title),
                    n=n,
                ),
                bi(
                    "至少写{m}个：一个结果往往还需要一个推动它的过程。",
                    "Write at least {m}: one result usually needs a process that drives it.",
                    m=ctx.limits.min_key_results,
                ),
                objective.line,
            )


@rule("OKR105", "too-many-key-results", "structure", "warn", DOERR_COUNTS)
def too_many_key_results(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        n = len(objective.key_results)
        if n > ctx.limits.max_key_results:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”有{n}个关键成果",
                    "objective '{o}' has {n} key results",
                    o=_label(objective.title),
                    n=n,
                ),
                bi(
                    "最多保留{m}个，合并相近的，删掉常规事项。",
                    "Keep at most {m}: merge similar ones and drop routine items.",
                    m=ctx.limits.max_key_results,
                ),
                objective.line,
            )


# -- 2xx weights


@rule("OKR201", "weights-do-not-sum", "weights", "error", DECK_WEIGHTS)
def weights_do_not_sum(team: Team, ctx: Context) -> Iterator[Hit]:
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if not scored or any(kr.weight is None for kr in scored):
        return  # blanks are OKR202's finding; a partial sum means nothing yet
    total = team.total_weight()
    expected = ctx.limits.weight_total
    if abs(total - expected) > 1e-6:
        diff = expected - total
        yield Hit(
            "",
            bi(
                "KR权重合计{total}%，应为{expected}%",
                "KR weights add to {total}%; expected {expected}%",
                total=_num(total),
                expected=_num(expected),
            ),
            bi(
                "{verb}{diff}个百分点，调整到合计{expected}%。",
                "{verb_en} {diff} points so the table adds to {expected}%.",
                verb="再分配" if diff > 0 else "减去",
                verb_en="Add" if diff > 0 else "Remove",
                diff=_num(abs(diff)),
                expected=_num(expected),
            ),
        )


@rule("OKR202", "weights-missing", "weights", "error", DECK_WEIGHTS)
def weights_missing(team: Team, ctx: Context) -> Iterator[Hit]:
    scored = [(o, kr) for o, kr in team.key_results() if not kr.is_deduction]
    blank = [(o, kr) for o, kr in scored if kr.weight is None]
    if not blank:
        return
    if len(blank) == len(scored):
        yield Hit(
            "",
            bi(
                "{n}个关键成果都还没有权重",
                "none of the {n} key results has a weight yet",
                n=len(scored),
            ),
            bi(
                "按重要性给每个KR分配百分点，合计100%；先给结果KR，再给推动它的过程KR。",
                "Give each KR percent points by importance, adding to 100%: results first, then "
                "the processes that drive them.",
            ),
        )
        return
    for objective, kr in blank:
        yield Hit(
            kr_location(objective, kr, "weight"),
            bi("“{k}”没有权重", "'{k}' has no weight", k=_label(kr.text)),
            bi(
                "填写权重（例如15%），让全表合计100%。",
                "Fill in a weight (e.g. 15%) so the table adds to 100%.",
            ),
            kr.line,
        )


@rule("OKR203", "weight-below-floor", "weights", "warn", DECK_WEIGHTS)
def weight_below_floor(team: Team, ctx: Context) -> Iterator[Hit]:
    floor = ctx.limits.weight_floor
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.weight is not None and kr.weight < floor:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "权重{w}%，低于{f}%",
                    "weight {w}%, below {f}%",
                    w=_num(kr.weight),
                    f=_num(floor),
                ),
                bi(
                    "低于{f}%的KR几乎不影响得分：提高权重，或删掉/合并到别的KR。",
                    "A KR under {f}% barely moves the score: weigh it more, or drop or merge it.",
                    f=_num(floor),
                ),
                kr.line,
            )


@rule("OKR204", "weight-above-ceiling", "weights", "warn", DECK_WEIGHTS)
def weight_above_ceiling(team: Team, ctx: Context) -> Iterator[Hit]:
    ceiling = ctx.limits.weight_ceiling
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.weight is not None and kr.weight > ceiling:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "权重{w}%，高于{c}%",
                    "weight {w}%, above {c}%",
                    w=_num(kr.weight),
                    c=_num(ceiling),
                ),
                bi(
                    "单个KR超过{c}%时，其他KR就没人在意了：把权重分给推动它的过程KR。",
                    "Above {c}% one KR drowns the rest: move points to the processes that drive it.",
                    c=_num(ceiling),
                ),
                kr.line,
            )


@rule("OKR205", "deduction-has-weight", "weights", "error", DECK_DEDUCTION)
def deduction_has_weight(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.weight:
            yield Hit(
                kr_location(objective, kr, "weight"),
                bi(
                    "减分项带了{w}%的正权重",
                    "deduction item carries a positive weight of {w}%",
                    w=_num(kr.weight),
                ),
                bi(
                    "去掉权重，改为写每次扣分（penalty）和扣分上限（cap）。",
                    "Remove the weight; set the penalty per case and a cap instead.",
                ),
                kr.line,
            )


@rule("OKR206", "deduction-without-penalty", "weights", "error", DECK_DEDUCTION)
def deduction_without_penalty(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.penalty is None:
            yield Hit(
                kr_location(objective, kr, "penalty"),
                bi(
                    "减分项“{k}”没有写每次扣几分",
                    "deduction item '{k}' does not say how many points a case costs",
                    k=_label(kr.text),
                ),
                bi(
                    "写明每次扣分，例如每起扣5分。",
                    "State the penalty per case, e.g. 5 points each.",
                ),
                kr.line,
            )


@rule("OKR207", "deduction-without-cap", "weights", "warn", DECK_DEDUCTION)
def deduction_without_cap(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and kr.cap is None:
            yield Hit(
                kr_location(objective, kr, "cap"),
                bi("减分项“{k}”没有扣分上限", "deduction item '{k}' has no cap", k=_label(kr.text)),
                bi(
                    "写明一个周期最多扣几分，例如20分。",
                    "State the most it can take in one cycle, e.g. 20 points.",
                ),
                kr.line,
            )


@rule("OKR208", "deduction-without-definition", "weights", "error", DECK_DEDUCTION)
def deduction_without_definition(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction and not kr.definition:
            yield Hit(
                kr_location(objective, kr, "definition"),
                bi(
                    "减分项“{k}”没有说明什么算数",
                    "deduction item '{k}' does not define what counts",
                    k=_label(kr.text),
                ),
                bi(
                    "写出认定标准，例如“有效”= 经核实属实、责任在本人。",
                    "Define what counts, e.g. 'valid' = verified as true and caused by this person.",
                ),
                kr.line,
            )


# -- 3xx measurability

# A blank the deck left for the workshop: a unit with no number before it, as
# in "客户总量增长 %" or "新增渠道代理商 家". Percent and 万元 may follow a word
# directly; counters (家, 个 …) only after a space, because "个人" is a word.
_BLANK_ZH = re.compile(
    r"(?:(?:^|(?<=[^\d\s.]))\s*(?:%|万元)|(?:^|(?<=[^\d\s.]))\s+(?:家|个|次|天|人|名|起|项|元))"
    r"(?=$|[\s,，.。;；、)）(（])"
)
_BLANK_MARK = re.compile(r"_{2,}|\(待填\)|\(to fill\)|\?\?")  # after NFKC: （ is (


def blank_in(text: Text) -> bool:
    """True when ``text`` shows a number left blank (``增长 %``, ``__ %``, ``（待填）``).

    >>> blank_in(Text("客户总量增长 %")), blank_in(Text("回款率达100 %"))
    (True, False)
    """
    for value in (text.zh, text.en):
        if not value:
            continue
        value = unicodedata.normalize("NFKC", value)
        if _BLANK_MARK.search(value) or _BLANK_ZH.search(value):
            return True
    return False


def _has_digit(text: Text) -> bool:
    return any(ch.isdigit() for value in (text.zh or "", text.en or "") for ch in value) or any(
        ch in "一二三四五六七八九十百千万两" for ch in (text.zh or "")
    )


@rule("OKR301", "target-to-fill", "measurability", "error", DECK_BLANKS)
def target_to_fill(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if blank_in(objective.description):
            yield Hit(
                f"{objective.id}.description",
                bi(
                    "目标描述“{d}”有待填的数字",
                    "objective details '{d}' have a number to fill",
                    d=_label(objective.description),
                ),
                bi("把空白处填上具体数字。", "Fill the blank with the number you commit to."),
                objective.line,
            )
        for kr in objective.key_results:
            if not kr.is_deduction and blank_in(kr.text):
                yield Hit(
                    kr_location(objective, kr, "target"),
                    bi("“{k}”有待填的数字", "'{k}' has a number to fill", k=_label(kr.text)),
                    bi(
                        "填上目标值（target），并写进KR文字。",
                        "Fill in the target and write it into the KR text.",
                    ),
                    kr.line,
                )


@rule("OKR302", "not-measurable", "measurability", "error", REWORK_MEASURABLE)
def not_measurable(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction or kr.target is not None or kr.direction == "milestone":
            continue
        if blank_in(kr.text) or _has_digit(kr.text):
            continue
        yield Hit(
            kr_location(objective, kr),
            bi(
                "“{k}”既没有数字，也不是里程碑",
                "'{k}' has no number and is not a milestone",
                k=_label(kr.text),
            ),
            bi(
                "给出一个数字（多少、到什么时候），或写成可验收的里程碑（direction: milestone）。",
                "Give a number (how much, by when) or make it a milestone that is done or not.",
            ),
            kr.line,
        )


@rule("OKR303", "target-not-set", "measurability", "warn", REWORK_MEASURABLE)
def target_not_set(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.is_deduction or kr.target is not None or kr.direction == "milestone":
            continue
        if blank_in(kr.text) or not _has_digit(kr.text):
            continue  # OKR301 or OKR302 says it better
        yield Hit(
            kr_location(objective, kr, "target"),
            bi(
                "“{k}”文字里有数字，但没有填目标值",
                "'{k}' has a number in its text but no target",
                k=_label(kr.text),
            ),
            bi(
                "把文字里的数字填进目标值（target），评分时才能计算完成率。",
                "Copy the number into the target so the review can compute completion.",
            ),
            kr.line,
        )


@rule("OKR304", "direction-unknown", "measurability", "warn", REWORK_MEASURABLE)
def direction_unknown(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if not kr.is_deduction and kr.direction is None:
            yield Hit(
                kr_location(objective, kr, "direction"),
                bi("“{k}”没有说明方向", "'{k}' does not say which way is good", k=_label(kr.text)),
                bi(
                    "选择方向：提高、降低、不超过、不少于或里程碑。",
                    "Choose a direction: increase, decrease, at most, at least or milestone.",
                ),
                kr.line,
            )


# -- 4xx results and processes


@rule("OKR401", "objective-without-result", "results", "warn", DECK_PROCESS)
def objective_without_result(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        if objective.key_results and not any(kr.kind == "result" for kr in objective.key_results):
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”没有结果类KR",
                    "objective '{o}' has no result KR",
                    o=_label(objective.title),
                ),
                bi(
                    "加一个结果KR，说明这些过程最终带来什么。",
                    "Add a result KR that says what these processes finally deliver.",
                ),
                objective.line,
            )


@rule("OKR402", "process-not-linked", "results", "warn", DECK_PROCESS)
def process_not_linked(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective, kr in team.key_results():
        if kr.kind == "process" and not kr.feeds:
            yield Hit(
                kr_location(objective, kr, "feeds"),
                bi(
                    "过程KR“{k}”没有说明推动哪个结果",
                    "process KR '{k}' does not say which result it feeds",
                    k=_label(kr.text),
                ),
                bi(
                    "在feeds里写上它推动的结果KR编号。",
                    "Set feeds to the id of the result KR it drives.",
                ),
                kr.line,
            )


@rule("OKR403", "feeds-not-a-result", "results", "error", DECK_PROCESS)
def feeds_not_a_result(team: Team, ctx: Context) -> Iterator[Hit]:
    kinds = {kr.id: kr.kind for _, kr in team.key_results()}
    for objective, kr in team.key_results():
        if not kr.feeds:
            continue
        found = kinds.get(kr.feeds)
        if found == "result":
            continue
        if found is None:
            message = bi(
                "feeds指向不存在的KR：{f}",
                "feeds names no key result of this team: {f}",
                f=kr.feeds,
            )
        else:
            message = bi(
                "feeds指向的{f}不是结果KR", "feeds names {f}, which is not a result KR", f=kr.feeds
            )
        yield Hit(
            kr_location(objective, kr, "feeds"),
            message,
            bi("feeds应指向本表中的一个结果KR。", "feeds must name a result KR of this table."),
            kr.line,
        )


# -- 5xx wording

_NUMBER_MOVE = re.compile(r"\d|[一二三四五六七八九十百千]+\s*(?:万|亿|%|％)")
_BAU_ZH = ("保持", "维持", "继续", "照常", "延续", "稳定在", "不低于去年", "与去年持平")
_BAU_EN = re.compile(
    r"\b(maintain|sustain|continue|remain|business as usual|as usual|keep up|stay at|"
    r"keep \w+ (at|stable|steady|the same))\b",
    re.IGNORECASE,
)


@rule("OKR501", "objective-is-a-number", "wording", "warn", REWORK_OBJECTIVE)
def objective_is_a_number(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        title = objective.title
        if any(_NUMBER_MOVE.search(value or "") for value in (title.zh, title.en)):
            yield Hit(
                objective.id,
                bi("目标“{o}”只是一个数字", "objective '{o}' is a bare number", o=_label(title)),
                bi(
                    "用一句话说清要成就什么（例如“成为区域内OA集成的首选”），把数字移到关键成果里。",
                    "Say what you want to achieve in words (e.g. 'become the first choice for OA "
                    "integration in the region') and move the number into a key result.",
                ),
                objective.line,
            )


@rule("OKR502", "business-as-usual", "wording", "warn", REWORK_BAU)
def business_as_usual(team: Team, ctx: Context) -> Iterator[Hit]:
    for objective in team.objectives:
        zh = objective.title.zh or ""
        en = objective.title.en or ""
        word = next((w for w in _BAU_ZH if w in zh), None)
        match = _BAU_EN.search(en)
        if word or match:
            yield Hit(
                objective.id,
                bi(
                    "目标“{o}”是维持现状（{w}）",
                    "objective '{o}' keeps things as they are ({w})",
                    o=_label(objective.title),
                    w=word or match.group(0),
                ),
                bi(
                    "写出要改变什么：提升、突破、建立；常规工作留给岗位职责或KPI。",
                    "Say what should change — raise, break through, build; leave routine work to "
                    "the job description or the KPI.",
                ),
                objective.line,
            )


# -- 6xx alignment (a minimal supports-graph check; see okrkit.lint)


@rule("OKR601", "objective-not-aligned", "alignment", "warn", DECK_CASCADE)
def objective_not_aligned(team: Team, ctx: Context) -> Iterator[Hit]:
    if not team.parent:
        return
    for objective in team.objectives:
        if not objective.supports:
            yield Hit(
                f"{objective.id}.supports",
                bi(
                    "目标“{o}”没有对应上级目标",
                    "objective '{o}' supports no objective of the team above",
                    o=_label(objective.title),
                ),
                bi(
                    "在supports里选择它支撑的上级目标。", "Choose the parent objective it supports."
                ),
                objective.line,
            )


@rule("OKR602", "parent-objective-unsupported", "alignment", "warn", DECK_CASCADE)
def parent_objective_unsupported(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None:
        return
    children = [t for t in ctx.case.teams.values() if t.parent == team.id]
    if not children:
        return
    supported = {o.supports for child in children for o in child.objectives}
    for objective in team.objectives:
        if objective.id not in supported:
            yield Hit(
                objective.id,
                bi(
                    "没有下级目标支撑目标“{o}”",
                    "no objective of a team below supports '{o}'",
                    o=_label(objective.title),
                ),
                bi(
                    "让下级团队（{c}）的某个目标支撑它，否则它只是一句口号。",
                    "Have an objective of a team below ({c}) support it, or it stays a slogan.",
                    c=", ".join(child.id for child in children),
                ),
                objective.line,
            )


@rule("OKR603", "supports-unknown-objective", "alignment", "error", DECK_CASCADE)
def supports_unknown_objective(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or not team.parent:
        return
    parent = ctx.case.teams.get(team.parent)
    if parent is None:
        return
    known = {o.id for o in parent.objectives}
    for objective in team.objectives:
        if objective.supports and objective.supports not in known:
            yield Hit(
                f"{objective.id}.supports",
                bi(
                    "上级团队{p}没有目标{s}",
                    "team {p} has no objective {s}",
                    p=parent.id,
                    s=objective.supports,
                ),
                bi(
                    "从上级目标中选择：{k}。",
                    "Choose one of the parent's objectives: {k}.",
                    k=", ".join(sorted(known)),
                ),
                objective.line,
            )


@rule("OKR604", "cascade-does-not-add-up", "alignment", "warn", DECK_CASCADE)
def cascade_does_not_add_up(team: Team, ctx: Context) -> Iterator[Hit]:
    if ctx.case is None or team.sales_target is None:
        return
    children = [
        t for t in ctx.case.teams.values() if t.parent == team.id and t.sales_target is not None
    ]
    if not children:
        return
    covered = sum(child.sales_target for child in children)
    shortfall = team.sales_target - covered
    if shortfall > 1e-6:
        yield Hit(
            "sales_target",
            bi(
                "下级销售目标合计{c}，比本级{p}少{s}",
                "the teams below add to {c}, {s} short of this team's {p}",
                c=_num(covered),
                p=_num(team.sales_target),
                s=_num(shortfall),
            ),
            bi(
                "把缺口分配给下级（{names}），或写明由谁（例如渠道代理商）完成。",
                "Assign the shortfall to the teams below ({names}) or say who else (e.g. the "
                "channel agents) delivers it.",
                names=", ".join(child.id for child in children),
            ),
        )

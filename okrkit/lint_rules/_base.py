"""What every coaching rule shares: limits, context, hits, the registry and the reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.textread import read_text

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
    # the ceiling grows with fewer KRs: a KR may weigh this many times its equal share
    # (two KRs: 50/50 is fine; five KRs: 40% is the line)
    weight_ceiling_share: float = 1.5
    sandbagging_confidence: float = 9.0
    weight_total: float = 100.0


@dataclass(frozen=True)
class IndexedCase(Case):
    """The case with each team's children indexed, and answers shared by all its teams.

    okrkit.align walks the tree with ``case.children`` (a scan of every team)
    and the cascade check covers the whole case; asked once per team, a
    10,000-team case took hours. Here ``children`` is a lookup and
    :meth:`shared` computes a whole-case answer (the cascade rows, the funnel's
    supply checks) once for every team that asks.
    """

    def __post_init__(self):
        index: dict[str | None, list[Team]] = {}
        for team in self.teams.values():
            index.setdefault(team.parent, []).append(team)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_shared", {})

    def children(self, team_id: str) -> list[Team]:
        """Teams whose parent is ``team_id``, in file order (from the index)."""
        return list(self._index.get(team_id, ()))

    def shared(self, key: str, compute: Callable[[Case], Any]) -> Any:
        """``compute(case)``, computed once per case for every rule and team that asks."""
        if key not in self._shared:
            self._shared[key] = compute(self)
        return self._shared[key]


def index_case(case: Case | None) -> Case | None:
    """``case`` as an :class:`IndexedCase` (itself when it already is one)."""
    if case is None or isinstance(case, IndexedCase):
        return case
    values = {name: getattr(case, name) for name in case.__dataclass_fields__}
    return IndexedCase(**values)


def shared(case: Case, key: str, compute: Callable[[Case], Any]) -> Any:
    """A whole-case answer, computed once when the case is indexed (else each time)."""
    if isinstance(case, IndexedCase):
        return case.shared(key, compute)
    return compute(case)


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the team: its case (may be None) and the limits."""

    case: Case | None = None
    limits: Limits = field(default_factory=Limits)
    method: str = "weighted"  # the deck's method; 'unweighted' (Google style) has no weights


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
    """A bilingual text with ``{names}`` filled in both languages.

    A value that is itself a :class:`Text` (a KR's text, an objective's title)
    is filled in each language from its own side, so the English message
    quotes the English title when there is one.
    """

    def side(lang: str) -> dict:
        return {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}

    return Text(zh=zh.format(**side("zh")), en=en.format(**side("en")))


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
DECK_PROCESS_KR = bi(
    "依据：课件“结果细分成过程”——电话、拜访、培训是过程，应声明为过程KR（kind: process）并说明它推动哪个结果；"
    "open-okr方法规范KR-5：衡量影响而不是工作量。",
    "Why: the deck — 'break results into processes': calls, visits and trainings are processes, "
    "declared as process KRs (kind: process) tied to the result they feed; open-okr's method "
    "(KR-5): measure impact, not effort.",
)
OPEN_OKR_OUTCOME = bi(
    "依据：open-okr方法规范OBJ-1“结果而不是产出”——上线、实施是手段：做完了却什么都没改变，算成功吗？",
    "Why: open-okr's method, OBJ-1 'outcome, not output' — a launch is a means: if it is done "
    "and nothing changes, did we succeed?",
)
REWORK_VAGUE = bi(
    "依据：Google re:Work——目标要具体、清楚，让人一读就知道要去哪里；“提升××”没有说清提升什么、对谁、到什么程度。",
    "Why: Google re:Work — an objective is concrete and clear enough that a reader knows where "
    "the team is headed; 'improve X' says neither what, for whom, nor how far.",
)
OPEN_OKR_BASELINE = bi(
    "依据：open-okr方法规范KR-3——没有基线就无法证明变化；提升型KR的完成率按（实际−基线）/（目标−基线）计算。",
    "Why: open-okr's method, KR-3 — without a baseline you cannot prove movement; an increase "
    "KR's completion is (actual − baseline) / (target − baseline).",
)
OPEN_OKR_CONFIDENCE = bi(
    "依据：open-okr方法规范§3.2——设定时信心约6–7分（0–10）才是真正的挑战；几乎确定能完成的是常规工作。",
    "Why: open-okr's method, §3.2 — about 6–7 out of 10 confidence at setting is a real stretch; "
    "near-certainty is business as usual, not an OKR.",
)
OPEN_OKR_TIMEBOUND = bi(
    "依据：open-okr方法规范OBJ-3——没有周期或期限的OKR只是愿望。",
    "Why: open-okr's method, OBJ-3 — an OKR without a cycle or deadline is a wish.",
)
OPEN_OKR_LEVELS = bi(
    "依据：open-okr方法规范AL-3、AL-4与课件“目标之后做分解”——公司→部门→岗位逐级分解，树顶有公司目标。",
    "Why: open-okr's method, AL-3 and AL-4, and the deck's 'decompose after setting the "
    "objective' — company → department → position, one level at a time, with a company objective "
    "at the top.",
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


def readings(value: Text):
    """What the coach reads in ``value`` (both sides; cached per text)."""
    return read_text(value)


def first(readings_, attribute: str):
    """The first non-empty ``attribute`` among ``readings_`` (e.g. the activity word), or None."""
    for reading in readings_:
        value = getattr(reading, attribute)
        if value:
            return value
    return None


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

"""The workbook's exercises: check a participant's answer and say what is still wrong.

A check never raises on a wrong answer: it returns :class:`Feedback`, a list of
notes (``ok``, ``warn`` or ``error``), each a label key from :mod:`okrkit.i18n`
with its values, so the same feedback reads in Chinese or English and a test
can assert the exact note a typical mistake earns. Notebooks only call these
functions; the rules live here, with tests.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from okrkit.i18n import Words, check_lang, t
from okrkit.model import KeyResult, Kpi, Objective, Team, Text
from okrkit.numbers import parse_number, parse_percent

LEVELS = ("ok", "warn", "error")
_ICONS = {"ok": "✔", "warn": "⚠", "error": "✘"}
_COLOURS = {"ok": "#1b7f3b", "warn": "#9a6700", "error": "#b42318"}

# Coaching thresholds for weights. The deck's smallest weight is 5% and its
# largest 25%; a KR under 5 points steers nobody, one over 40 decides the table.
SMALLEST_USEFUL_WEIGHT = 5.0
LARGEST_SENSIBLE_WEIGHT = 40.0
WEIGHT_TOTAL = 100.0
# Answers are compared to half a point: participants type rounded numbers.
TOLERANCE = 0.5


def fmt(value: float) -> str:
    """A number the way a participant writes it: 25, 7.5, 1200."""
    return f"{round(float(value), 2):g}"


@dataclass(frozen=True)
class Note:
    """One piece of feedback: a level and an i18n label key with its values."""

    level: str
    key: str
    values: Mapping[str, str] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        """The note's text in ``lang`` (bilingual values, such as a coach's message, too)."""
        values = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return t(self.key, lang, **values)


@dataclass(frozen=True)
class Feedback:
    """What a check found, in the order a participant should fix it.

    ``ok`` is True when no note is an error. In a notebook the feedback shows
    as coloured lines in the language it was checked in.
    """

    notes: tuple[Note, ...]
    lang: str = "zh"

    @property
    def ok(self) -> bool:
        return not any(note.level == "error" for note in self.notes)

    @property
    def keys(self) -> list[str]:
        """The label keys of the notes, for tests and for counting mistakes."""
        return [note.key for note in self.notes]

    def messages(self, lang: str | None = None) -> list[str]:
        """Each note's text, in ``lang`` (default: the language checked in)."""
        return [note.message(lang or self.lang) for note in self.notes]

    def __str__(self) -> str:
        return "\n".join(
            f"{_ICONS[n.level]} {m}" for n, m in zip(self.notes, self.messages(), strict=True)
        )

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        # IPython's plain-text view (terminals, nbval): the messages, not the dataclass.
        printer.text(str(self))

    def _repr_html_(self) -> str:
        lines = [
            f'<div style="color:{_COLOURS[n.level]}">{_ICONS[n.level]} {html.escape(m)}</div>'
            for n, m in zip(self.notes, self.messages(), strict=True)
        ]
        return f'<div class="okrkit-feedback">{"".join(lines)}</div>'


def _feedback(notes: list[Note], lang: str) -> Feedback:
    return Feedback(tuple(notes), check_lang(lang))


def _number(value) -> float | None:
    """A participant's number, or None when it is not one."""
    try:
        return parse_number(value)
    except ValueError:
        return None


# -- exercise 01: which KRs are processes?


def check_process_krs(team: Team, answer: Sequence[str] | None, lang: str = "zh") -> Feedback:
    """Check which of a table's KRs a participant marked as processes.

    >>> from okrkit import load_case
    >>> rep = load_case("cases/a-company").team("rep-zhang")
    >>> check_process_krs(rep, ["KR1.1", "KR1.2", "KR1.3", "KR1.4"]).keys[0]
    'ex.kinds.result_as_process'

    Notice the typical mistake: "销售指标完成率100%" sounds like something a
    rep does, but it is the result the processes feed.
    """
    answer = [str(a).strip() for a in (answer or [])]
    if not answer:
        return _feedback([Note("error", "ex.kinds.blank")], lang)
    krs = {kr.id: kr for _, kr in team.key_results()}
    unknown = [a for a in answer if a not in krs]
    if unknown:
        values = {"ids": ", ".join(unknown), "known": ", ".join(krs)}
        return _feedback([Note("error", "ex.kinds.unknown", values)], lang)
    notes = []
    for kr_id in answer:
        kr = krs[kr_id]
        if kr.kind != "process":
            key = "ex.kinds.deduction" if kr.is_deduction else "ex.kinds.result_as_process"
            notes.append(Note("error", key, {"kr": kr_id, "text": kr.text.get(lang)}))
    processes = [kr for kr in krs.values() if kr.kind == "process"]
    missed = [kr.id for kr in processes if kr.id not in answer]
    if missed:
        values = {"n": str(len(missed)), "ids": ", ".join(missed)}
        notes.append(Note("error", "ex.kinds.missed", values))
    if not notes:
        weight = sum(kr.weight or 0.0 for kr in processes)
        values = {"n": str(len(processes)), "w": fmt(weight)}
        notes.append(Note("ok", "ex.kinds.ok", values))
    return _feedback(notes, lang)


# -- exercise 04: how much activity does a sales target need?


def check_activity(funnel, target: float, stage_id: str, answer, lang: str = "zh") -> Feedback:
    """Check a participant's activity target for one funnel stage (per person per cadence).

    ``funnel`` is an :class:`okrkit.funnel.Funnel` (the case's ``funnel:``
    block); the right answer is the reverse funnel's, rounded up.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of
    >>> f = funnel_of(load_case("cases/a-company"))
    >>> check_activity(f, 1400, "calls", 117).ok, check_activity(f, 1400, "calls", 116).keys
    (True, ['ex.activity.rounded_down'])

    Notice each typical slip has its own note, and any other number is told
    how much revenue it would really produce.
    """
    from okrkit.funnel import required_activity, revenue_from

    need = required_activity(funnel, target).need(stage_id)
    stage = need.stage
    values = {
        "right": str(need.target),
        "exact": fmt(float(need.per_period)),
        "unit": stage.unit.get(lang),
        "target": fmt(target),
        "year": fmt(float(need.per_year)),
    }
    if answer is None:
        return _feedback([Note("error", "ex.activity.blank")], lang)
    number = _number(answer)
    if number is None:
        return _feedback([Note("error", "ex.not_number", {"found": str(answer)})], lang)
    values["answer"] = fmt(number)
    key = _activity_slip(funnel, target, need, number)
    if key is None:
        produced = revenue_from(funnel, stage_id, number)
        values["produced"] = fmt(float(produced))
        key = "ex.activity.off"
    level = "ok" if key == "ex.activity.ok" else "error"
    return _feedback([Note(level, key, values)], lang)


def _activity_slip(funnel, target: float, need, number: float) -> str | None:
    """Which typical slip ``number`` is (a label key), or None when it is none of them."""
    from okrkit.funnel import required_activity

    exact = float(need.per_period)
    if number == need.target:
        return "ex.activity.ok"
    if abs(number - exact) < 0.01 and number != int(number):
        return "ex.activity.not_whole"
    if number == math.floor(exact):
        return "ex.activity.rounded_down"
    if abs(number - float(need.per_year)) <= TOLERANCE:
        return "ex.activity.per_year"
    per_periods = {
        float(need.per_year) / p for c, p in funnel.calendar.items() if p and c != "year"
    }
    if any(abs(number - x) <= 1 for x in per_periods):
        return "ex.activity.wrong_period"
    # Forgetting the share that comes from elsewhere (old customers) inflates the need.
    bare = funnel
    for assumption in funnel.assumptions():
        if assumption.key.endswith(".other_share"):
            bare = bare.with_assumption(assumption.key, 0.0)
    if bare is not funnel:
        inflated = required_activity(bare, target).need(need.stage.id)
        if abs(number - float(inflated.per_period)) <= 1:
            return "ex.activity.no_other_share"
    return None


# -- exercise 05: from which result weight does luck beat diligence?


def check_tie_weight(team: Team, case, answer, lang: str = "zh") -> Feedback:
    """Check the result-KR weight from which the lucky rep catches up with the diligent one.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> rep = case.team("rep-zhang")
    >>> check_tie_weight(rep, case, 44).ok, check_tie_weight(rep, case, 50).keys
    (True, ['ex.tie.too_high'])

    Notice a wrong answer is told who leads at that weight and by how much.
    """
    from okrkit.whatif import DILIGENT, LUCKY, score_at, tie_weight

    if answer is None:
        return _feedback([Note("error", "ex.tie.blank")], lang)
    number = _weight(answer)
    if number is None:
        return _feedback([Note("error", "ex.tie.invalid", {"found": str(answer)})], lang)
    right = tie_weight(team, case)
    diligent = score_at(team, DILIGENT.actuals, number, case).total
    lucky = score_at(team, LUCKY.actuals, number, case).total
    values = {"answer": fmt(number), "right": str(right), "gap": fmt(abs(diligent - lucky))}
    if round(number) == right:
        return _feedback([Note("ok", "ex.tie.ok", values)], lang)
    key = "ex.tie.too_low" if number < right else "ex.tie.too_high"
    return _feedback([Note("error", key, values)], lang)


# -- exercise 07: the completion of a "decrease" KR


def check_completion(kr: KeyResult, actual: float, answer, lang: str = "zh") -> Feedback:
    """Check a participant's completion percent for a KR with a baseline (e.g. DSO 90 → 60).

    >>> from okrkit import load_case
    >>> dso = load_case("cases/a-company").team("finance").key_result("KR2.1")
    >>> check_completion(dso, 72, 60).ok, check_completion(dso, 72, 120).keys
    (True, ['ex.completion.ratio'])

    Notice the right answer comes from :func:`okrkit.scoring.completion`, the
    same function that scores the review.
    """
    from okrkit.scoring import DIRECTION_CODES, completion, direction_of

    baseline = kr.baseline if kr.baseline is not None else float("nan")
    code = DIRECTION_CODES[direction_of(kr)]
    right = float(completion(code, kr.target, baseline, actual, cap=10.0)) * 100
    values = {
        "right": fmt(right),
        "baseline": fmt(baseline),
        "target": fmt(kr.target),
        "actual": fmt(actual),
    }
    if answer is None:
        return _feedback([Note("error", "ex.completion.blank")], lang)
    number = _number(answer)
    if number is None:
        return _feedback([Note("error", "ex.not_number", {"found": str(answer)})], lang)
    values["answer"] = fmt(number)

    def near(x: float) -> bool:
        return abs(number - x) <= TOLERANCE

    if near(right):
        key = "ex.completion.ok"
    elif near(actual / kr.target * 100) or near(kr.target / actual * 100):
        key = "ex.completion.ratio"
    elif kr.baseline and near((kr.baseline - actual) / kr.baseline * 100):
        key = "ex.completion.of_baseline"
    else:
        key = "ex.completion.off"
    level = "ok" if key == "ex.completion.ok" else "error"
    return _feedback([Note(level, key, values)], lang)


# -- exercise 06: which result does each process feed?


def check_feeds(team: Team, answer: Mapping[str, str | None], lang: str = "zh") -> Feedback:
    """Check a participant's links from each process KR to the result it feeds.

    >>> from okrkit import load_case
    >>> kam = load_case("cases/chip-market-share").team("kam-chen")
    >>> check_feeds(kam, {"KR1.1": "KR1.3", "KR1.2": "KR1.3", "KR2.1": "KR1.3"}).keys
    ['ex.feeds.other_objective']

    Notice the answer is compared with the case's ``feeds`` links, and each
    kind of wrong link gets its own reason.
    """
    krs = {kr.id: (objective, kr) for objective, kr in team.key_results()}
    processes = [kr_id for kr_id, (_, kr) in krs.items() if kr.kind == "process" and kr.feeds]
    results = [kr_id for kr_id, (_, kr) in krs.items() if kr.kind == "result"]
    notes = []
    for kr_id in answer:
        if kr_id not in processes:
            values = {"kr": kr_id, "known": ", ".join(processes)}
            notes.append(Note("error", "ex.feeds.not_process", values))
    blank = [kr_id for kr_id in processes if not answer.get(kr_id)]
    if blank:
        notes.append(
            Note("error", "ex.feeds.blank", {"n": str(len(blank)), "ids": ", ".join(blank)})
        )
    for kr_id in processes:
        target = answer.get(kr_id)
        if target:
            notes += _feed_notes(krs, kr_id, str(target).strip(), results, lang)
    if not notes:
        notes.append(Note("ok", "ex.feeds.ok", {"n": str(len(processes))}))
    return _feedback(notes, lang)


def _feed_notes(krs, kr_id: str, target: str, results: list[str], lang: str) -> list[Note]:
    objective, kr = krs[kr_id]
    values = {"kr": kr_id, "target": target, "results": ", ".join(results), "right": kr.feeds}
    if target == kr.feeds:
        return []
    if target not in krs:
        return [Note("error", "ex.feeds.unknown", values)]
    target_objective, target_kr = krs[target]
    if target_kr.kind != "result":
        return [Note("error", "ex.feeds.to_process", values)]
    if target_objective.id != objective.id:
        values["objective"] = f"{target_objective.id} {target_objective.title.get(lang)}"
        return [Note("error", "ex.feeds.other_objective", values)]
    return [Note("warn", "ex.feeds.differs", values)]


# -- exercise 08: your own draft, checked by the coach


def check_with_coach(team: Team, case=None, lang: str = "zh") -> Feedback:
    """What the OKR coach (:mod:`okrkit.lint`) says about a draft, as exercise feedback.

    >>> from okrkit.story import example_draft
    >>> check_with_coach(example_draft()).ok
    True

    Notice the feedback is the coach's own findings (errors first), each with
    its code, place, message and the fix; a draft with none gets a summary.
    """
    from okrkit.lint import lint_team

    findings = sorted(lint_team(team, case), key=lambda f: f.severity != "error")
    notes = []
    empty = [o.id for o in team.objectives if not o.title]
    empty += [kr.id for _, kr in team.key_results() if not kr.text]
    if empty:
        notes.append(
            Note("error", "ex.coach.empty", {"n": str(len(empty)), "ids": ", ".join(empty)})
        )
    for finding in findings:
        level = "error" if finding.severity == "error" else "warn"
        values = {
            "code": finding.code,
            "name": finding.name,
            "where": finding.location or team.id,
            "message": finding.message,
            "hint": finding.hint,
        }
        notes.append(Note(level, "ex.coach.finding", values))
    if not any(note.level == "error" for note in notes):
        krs = [kr for _, kr in team.key_results()]
        values = {
            "o": str(len(team.objectives)),
            "k": str(len(krs)),
            "total": fmt(team.total_weight()),
        }
        notes.insert(0, Note("ok", "ex.coach.ok", values))
    return _feedback(notes, lang)


# -- exercise 02-a: the growth the 8000万 target asks for


def check_growth(answer, kpi: Kpi, lang: str = "zh") -> Feedback:
    """Check the growth percent that takes last year's sales to the target.

    >>> from okrkit import load_case
    >>> kpi = load_case("cases/a-company").kpi
    >>> check_growth(25, kpi).ok, check_growth(20, kpi).keys
    (True, ['ex.growth.of_target'])

    Notice the typical mistakes each get their own note: dividing by the
    target instead of last year, the ratio instead of the growth, a fraction
    instead of percent points, the amount in money instead of a percent.
    """
    baseline, target = float(kpi.baseline), float(kpi.target)
    right = (target - baseline) / baseline * 100
    values = {
        "baseline": fmt(baseline),
        "target": fmt(target),
        "right": fmt(right),
        "unit": kpi.unit.get(lang),
    }
    if answer is None:
        return _feedback([Note("error", "ex.growth.blank")], lang)
    number = _number(answer)
    if number is None:
        return _feedback([Note("error", "ex.not_number", {"found": str(answer)})], lang)
    values["answer"] = fmt(number)

    def near(x: float) -> bool:
        return abs(number - x) <= TOLERANCE

    if near(right):
        key, level = "ex.growth.ok", "ok"
    elif near(target / baseline * 100):
        key, level = "ex.growth.ratio", "error"
    elif 0 < number < 1 and abs(number * 100 - right) <= TOLERANCE:
        key, level = "ex.growth.fraction", "error"
    elif near((target - baseline) / target * 100):
        key, level = "ex.growth.of_target", "error"
    elif near(target - baseline):
        key, level = "ex.growth.amount", "error"
    else:
        values["reached"] = fmt(baseline * (1 + number / 100))
        key, level = "ex.growth.off", "error"
    return _feedback([Note(level, key, values)], lang)


# -- exercise 02-b: the general manager's blanks and weights


def _count_note(what: str, found: int, expected: int) -> Note:
    return Note("error", f"ex.{what}.count", {"found": str(found), "expected": str(expected)})


def _blank_note(what: str, ids: list[str]) -> Note:
    return Note("error", f"ex.{what}.blank", {"n": str(len(ids)), "ids": ", ".join(ids)})


def check_targets(team: Team, targets: Sequence, lang: str = "zh") -> Feedback:
    """Check one target per KR, in table order, against each KR's direction.

    >>> from okrkit import load_case
    >>> gm = load_case("cases/a-company-deck").team("gm")
    >>> check_targets(gm, [20, 100, 10, -8, 20, 5, 90, 100, 80]).keys
    ['ex.target.sign']

    Notice the sign note: "运营成本降低 %" already says *down*, so the target
    is 8, not -8.
    """
    krs = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if len(targets) != len(krs):
        return _feedback([_count_note("targets", len(targets), len(krs))], lang)
    notes, blanks = [], []
    for kr, value in zip(krs, targets, strict=True):
        if value is None:
            blanks.append(kr.id)
            continue
        number = _number(value)
        if number is None:
            notes.append(Note("error", "ex.target.not_number", {"kr": kr.id, "found": str(value)}))
            continue
        notes += _target_notes(kr, number)
    if blanks:
        notes.insert(0, _blank_note("targets", blanks))
    if not any(note.level == "error" for note in notes):
        notes.append(Note("ok", "ex.targets.ok", {"n": str(len(krs))}))
    return _feedback(notes, lang)


def _target_notes(kr: KeyResult, number: float) -> list[Note]:
    values = {"kr": kr.id, "value": fmt(number), "abs": fmt(abs(number))}
    if number == 0:
        return [Note("error", "ex.target.zero", values)]
    if number < 0 and kr.direction in ("increase", "decrease"):
        return [Note("error", "ex.target.sign", values)]
    if number < 0:
        return [Note("error", "ex.target.negative", values)]
    if number > 100 and kr.direction in ("at_least", "at_most"):
        return [Note("error", "ex.target.over", values)]
    if number < 1:
        return [Note("warn", "ex.target.fraction", {**values, "pct": fmt(number * 100)})]
    return []


def _weight(value) -> float | None:
    try:
        return parse_percent(value)
    except ValueError:
        return None


def check_weights(team: Team, weights: Sequence, lang: str = "zh") -> Feedback:
    """Check one weight per KR, in table order: they add to 100 and steer somewhere.

    >>> from okrkit import load_case
    >>> gm = load_case("cases/a-company-deck").team("gm")
    >>> check_weights(gm, [15, 15, 20, 10, 5, 10, 10, 5, 5]).keys
    ['ex.weights.short']

    Notice the errors (count, blanks, not a weight, total, an objective worth
    nothing) come before the coaching warnings (a KR too small to matter, or
    so big it decides the table alone).
    """
    krs = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if len(weights) != len(krs):
        return _feedback([_count_note("weights", len(weights), len(krs))], lang)
    notes, warnings, blanks, parsed = [], [], [], {}
    for kr, value in zip(krs, weights, strict=True):
        if value is None:
            blanks.append(kr.id)
            continue
        weight = _weight(value)
        if weight is None:
            notes.append(Note("error", "ex.weight.invalid", {"kr": kr.id, "found": str(value)}))
            continue
        parsed[kr.id] = weight
        values = {"kr": kr.id, "w": fmt(weight)}
        if weight == 0:
            warnings.append(Note("warn", "ex.weight.zero", values))
        elif weight < SMALLEST_USEFUL_WEIGHT:
            warnings.append(Note("warn", "ex.weight.tiny", values))
        elif weight > LARGEST_SENSIBLE_WEIGHT:
            warnings.append(Note("warn", "ex.weight.dominant", values))
    if blanks:
        notes.insert(0, _blank_note("weights", blanks))
    if blanks or len(parsed) < len(krs):
        return _feedback(notes + warnings, lang)
    total = sum(parsed.values())
    if not math.isclose(total, WEIGHT_TOTAL, abs_tol=1e-6):
        key = "ex.weights.short" if total < WEIGHT_TOTAL else "ex.weights.over"
        gap = fmt(abs(WEIGHT_TOTAL - total))
        notes.append(Note("error", key, {"total": fmt(total), "gap": gap}))
    points = _objective_points(team, parsed)
    for objective in team.objectives:
        if objective.id in points and points[objective.id] == 0:
            values = {"o": objective.id, "title": objective.title.get(lang)}
            notes.append(Note("error", "ex.weights.empty_objective", values))
    if not any(note.level == "error" for note in notes):
        summary = ", ".join(f"{o} {fmt(p)}" for o, p in points.items())
        notes.append(Note("ok", "ex.weights.ok", {"points": summary}))
    return _feedback(notes + warnings, lang)


def _objective_points(team: Team, weights: Mapping[str, float]) -> dict[str, float]:
    points = {}
    for objective in team.objectives:
        scored = [kr for kr in objective.key_results if not kr.is_deduction]
        if scored:
            points[objective.id] = sum(weights.get(kr.id, 0.0) for kr in scored)
    return points


def check_plan(team: Team, targets: Sequence, weights: Sequence, lang: str = "zh") -> Feedback:
    """Check a whole filled-in table: its targets first, then its weights.

    >>> from okrkit import load_case
    >>> gm = load_case("cases/a-company-deck").team("gm")
    >>> check_plan(gm, [None] * 9, [None] * 9).ok
    False
    """
    first = check_targets(team, targets, lang)
    second = check_weights(team, weights, lang)
    return _feedback(list(first.notes) + list(second.notes), lang)


# -- filling the table in: a new team, never the deck's changed


def _fill_text(text: Text, number: float) -> Text:
    """Put ``number`` into the deck's blank: "客户总量增长 %" → "客户总量增长20%"."""
    shown = fmt(number)
    zh = text.zh.replace(" %", f"{shown}%", 1) if text.zh else text.zh
    en = text.en.replace("__ %", f"{shown}%", 1) if text.en else text.en
    return Text(zh, en)


def fill_plan(team: Team, targets: Sequence, weights: Sequence) -> Team:
    """A copy of ``team`` with the participant's targets and weights written in.

    >>> from okrkit import load_case
    >>> gm = load_case("cases/a-company-deck").team("gm")
    >>> filled = fill_plan(gm, [20] + [None] * 8, [15] + [None] * 8)
    >>> filled.key_result("KR1.1").text.zh, filled.key_result("KR1.1").weight
    ('客户总量增长20%', 15.0)

    Notice that blanks (and anything that is not a number) stay blank, so the
    table shows exactly what is still to do; ``team`` itself is unchanged.
    """
    krs = [kr for _, kr in team.key_results() if not kr.is_deduction]
    filled: dict[str, KeyResult] = {}
    for index, kr in enumerate(krs):
        target = _number(targets[index]) if index < len(targets) else None
        weight = _weight(weights[index]) if index < len(weights) else None
        changes = {}
        if target is not None and kr.target is None:
            changes.update(target=target, text=_fill_text(kr.text, target))
        if weight is not None:
            changes["weight"] = weight
        filled[kr.id] = replace(kr, **changes) if changes else kr
    objectives = tuple(_refill(objective, filled) for objective in team.objectives)
    return replace(team, objectives=objectives)


def _refill(objective: Objective, filled: Mapping[str, KeyResult]) -> Objective:
    krs = tuple(filled.get(kr.id, kr) for kr in objective.key_results)
    return replace(objective, key_results=krs)


def blanks(team: Team) -> dict[str, list[str]]:
    """Which KRs of a table still have a blank target or weight.

    >>> from okrkit import load_case
    >>> {k: len(v) for k, v in blanks(load_case("cases/a-company-deck").team("gm")).items()}
    {'target': 9, 'weight': 9}
    """
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    return {
        "target": [kr.id for kr in scored if kr.target is None and kr.direction != "milestone"],
        "weight": [kr.id for kr in scored if kr.weight is None],
    }


_BLANK_WORDS = Words({
    "target": ("目标值待填：{n}个（{ids}）", "targets still blank: {n} ({ids})"),
    "weight": ("权重待填：{n}个（{ids}）", "weights still blank: {n} ({ids})"),
    "none": ("没有待填的目标值或权重", "no blank target or weight"),
})  # fmt: skip


def blanks_text(team: Team, lang: str = "zh") -> str:
    """:func:`blanks` as the line a participant reads (chapter 02), not a dict.

    >>> from okrkit import load_case
    >>> print(blanks_text(load_case("cases/a-company-deck").team("gm"), "en").splitlines()[0])
    targets still blank: 9 (KR1.1, KR1.2, KR1.3, KR2.1, KR2.2, KR2.3, KR3.1, KR3.2, KR3.3)
    """
    sep = "、" if lang == "zh" else ", "
    lines = [
        _BLANK_WORDS(kind, lang, n=len(ids), ids=sep.join(ids))
        for kind, ids in blanks(team).items()
        if ids
    ]
    return "\n".join(lines) or _BLANK_WORDS("none", lang)


# -- chapter 05: how many of a day's follow-ups are effective calls?


def check_effective_calls(counts: Mapping[str, float], answer, lang: str = "zh") -> Feedback:
    """Check the effective calls a participant counted in one rep's day of CRM follow-ups.

    ``counts`` is :func:`okrkit.story.day_call_counts` (the evidence engine's
    verdicts): follow-ups, 电话 rows, effective calls and the rule's seconds.

    >>> day = {"followups": 10, "calls": 9, "effective": 6, "min_seconds": 60}
    >>> check_effective_calls(day, 6).ok, check_effective_calls(day, 9).keys
    (True, ['ex.calls.all_calls'])

    Notice the typical slips each get their own note: counting every
    follow-up, or every call however short.
    """
    if answer is None:
        return _feedback([Note("error", "ex.calls.blank")], lang)
    number = _number(answer)
    if number is None:
        return _feedback([Note("error", "ex.not_number", {"found": str(answer)})], lang)
    values = {"answer": fmt(number), "right": fmt(counts["effective"]),
              "seconds": fmt(counts["min_seconds"])}  # fmt: skip
    if number == counts["effective"]:
        key = "ex.calls.ok"
    elif number == counts["followups"]:
        key = "ex.calls.all_rows"
    elif number == counts["calls"]:
        key = "ex.calls.all_calls"
    else:
        key = "ex.calls.off"
    return _feedback([Note("ok" if key == "ex.calls.ok" else "error", key, values)], lang)


# -- chapter 09: the rate needed from now on (the reverse funnel, mid-year)


def check_needed_rate(row: Mapping, answer, unit: str = "", lang: str = "zh") -> Feedback:
    """Check the weekly rate a participant says a cumulative KR needs from its last check-in.

    ``row`` is one KR of :func:`okrkit.track.picture.picture` (target, actual,
    needed, fraction — the share of the year gone at the last check-in).
    Within 5% of the engine's answer is right: a room rounds the weeks left.

    >>> row = {"target": 1400, "actual": 495, "needed": 34.4, "fraction": 0.5}
    >>> check_needed_rate(row, 34).ok, check_needed_rate(row, 19).keys
    (True, ['ex.needed.run_rate'])
    """
    target, actual, right = float(row["target"]), float(row["actual"]), float(row["needed"])
    weeks = (target - actual) / right if right else 0.0
    values = {"target": fmt(target), "actual": fmt(actual), "right": fmt(right),
              "weeks": fmt(round(weeks, 1)), "unit": unit}  # fmt: skip
    if answer is None:
        return _feedback([Note("error", "ex.needed.blank", values)], lang)
    number = _number(answer)
    if number is None:
        return _feedback([Note("error", "ex.not_number", {"found": str(answer)})], lang)
    values["answer"] = fmt(number)
    elapsed = weeks * float(row["fraction"]) / (1 - float(row["fraction"]))

    def near(x: float) -> bool:
        return x > 0 and abs(number - x) <= 0.05 * x

    if near(right):
        key = "ex.needed.ok"
    elif elapsed and near(actual / elapsed):
        key = "ex.needed.run_rate"
    elif near(target / (weeks + elapsed)) or near(target / 52):
        key = "ex.needed.whole_year"
    else:
        key = "ex.needed.off"
    return _feedback([Note("ok" if key == "ex.needed.ok" else "error", key, values)], lang)


# -- chapter 06: which stage should a rep be coached on (the calibrated funnel)?


def _stage_named(funnel, answer) -> str | None:
    """The stage a participant means: its id, or its name or rate's name in either language."""
    text = str(answer).strip().lower()
    for stage in funnel.stages:
        names = [stage.id, stage.name.zh, stage.name.en]
        if stage.rate_name:
            names += [stage.rate_name.zh, stage.rate_name.en]
        if text in {str(n).strip().lower() for n in names if n}:
            return stage.id
    return None


def check_coaching_stage(case, rates: Mapping, team: str, answer, lang: str = "zh") -> Feedback:
    """Check the stage a participant would coach ``team`` on, from the calibrated rates.

    ``rates`` is :attr:`okrkit.calibrate.Calibration.rates`; the right answer
    is :func:`okrkit.calibrate.tables.coaching_stage` (the one stage whose
    whole interval lies below the department's while another is like it).
    A stage's id (``calls``) or its name (有效电话, effective calls) is accepted.
    The typical slip — the win rate, because closing is what a manager sees —
    earns a note saying the rep closes like the team.
    """
    from okrkit.calibrate.tables import coaching_stage, stage_verdicts, who_label
    from okrkit.funnel import funnel_of

    funnel = funnel_of(case)
    measured = [s for s in funnel.stages if s.id in rates]
    stages = ", ".join(f"{s.id} ({s.name.get(lang)})" for s in measured)
    if answer is None:
        return _feedback([Note("error", "ex.stage.blank", {"stages": stages})], lang)
    picked = _stage_named(funnel, answer)
    if picked is None or picked not in rates:
        values = {"answer": str(answer), "stages": stages}
        return _feedback([Note("error", "ex.stage.unknown", values)], lang)
    who = who_label(case, "rep", team, lang)
    right = coaching_stage(rates, team)
    verdict = {v.stage: v for v in stage_verdicts(rates, team)}.get(picked)
    if verdict is None:  # the rep has no row at that stage
        return _feedback([Note("error", "ex.stage.none", {"who": who})], lang)
    stage = funnel.stage(picked)
    values = {"who": who, "stage": (stage.rate_name or stage.name).get(lang),
              "rep": f"{verdict.rep_mean:.1%}", "team": f"{verdict.team_mean:.1%}"}  # fmt: skip
    if right is None:
        return _feedback([Note("error", "ex.stage.none", {"who": who})], lang)
    if picked == right:
        return _feedback([Note("ok", "ex.stage.ok", values)], lang)
    key = "ex.stage.like_team" if verdict.verdict == "like_team" else "ex.stage.off"
    return _feedback([Note("error", key, values)], lang)

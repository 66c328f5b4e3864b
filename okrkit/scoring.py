"""What a team earned at review: completion, points, deductions, total, grade.

The rules, written once as array functions so that scoring one team (the
scorecard widget, the CLI) and scoring 10,000 teams at once (a DataFrame)
share them and cannot drift apart:

* completion of a KR by its direction (``actual`` a, ``target`` t, ``baseline`` b):

  - ``increase``: (a - b) / (t - b), from the baseline (b = 0 when none is given);
  - ``decrease``: (b - a) / (b - t); without a baseline it reads as ``at_most``;
  - ``at_most`` (stay at or below): 1 when a <= t, else t / a;
  - ``at_least``: a / t;
  - ``milestone``: 1 when done, 0 when not;
  - a KR without direction is ``at_least`` when it has a target, else a milestone;

  then clipped to 0 and to the case's cap (``scoring.cap``, default 100%);
* points = weight x completion; an objective's O分值 earned is the sum of its points;
* a deduction item (减分项) subtracts penalty x incidents, at most its cap;
* total = points - deductions; the grade is the first band of ``grades:`` whose
  ``min`` the total reaches (the lowest band below all of them);
* the Google scale: each KR's completion clipped to 0.0-1.0, averaged with the
  KR weights per objective and for the team; red < 0.4 <= yellow < 0.7 <= green.

A KR that cannot be scored (no actual, no target, no weight, target equal to
its baseline …) is listed in ``unscored`` with the reason and adds nothing;
it is never read as a silent zero, and the total is then marked provisional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from okrkit.errors import ProblemLog
from okrkit.model import Case, KeyResult, Team, Text
from okrkit.numbers import parse_number, parse_percent, parse_target
from okrkit.readers import parse_or_report, read_text, shown
from okrkit.yamlio import Where

if TYPE_CHECKING:  # pandas loads on first use: validating a case must not pay for it
    import pandas as pd

DIRECTION_CODES = {"increase": 0, "decrease": 1, "at_most": 2, "at_least": 3, "milestone": 4}
GOOGLE_RED, GOOGLE_GREEN = 0.4, 0.7

# Why a KR was not scored; codes are keys of i18n "unscored.<code>".
NO_ACTUAL, NO_TARGET, NO_WEIGHT, FLAT, BAD_TARGET, NO_PENALTY = (
    "no_actual",
    "no_target",
    "no_weight",
    "flat",
    "bad_target",
    "no_penalty",
)


# -- settings: the `scoring:` and `grades:` blocks of case.yaml


@dataclass(frozen=True)
class ScoringSettings:
    """How a case scores: completion cap (1.0 = 100%), weight floor, deduction defaults."""

    cap: float = 1.0
    weight_floor: float = 0.0
    penalty: float | None = None
    deduction_cap: float | None = None


@dataclass(frozen=True)
class GradeBand:
    """A grade reached from ``min`` points up, e.g. A from 85."""

    grade: str
    min: float
    label: Text = field(default_factory=Text)


SCORING_KEYS = {"cap", "weight_floor", "deduction"}


def _parse_scoring(raw, where: Where, log: ProblemLog) -> ScoringSettings:
    if raw is None:
        return ScoringSettings()
    if not isinstance(raw, Mapping):
        where.problem(
            log,
            "not a mapping",
            found=shown(raw),
            expected="cap, weight_floor, deduction",
            zh="应为映射（键: 值）",
            expected_zh="cap、weight_floor、deduction",
        )
        return ScoringSettings()
    for key in raw:
        if key not in SCORING_KEYS:
            where.at(key).problem(
                log,
                f"unknown field {shown(key)}",
                expected="one of " + ", ".join(sorted(SCORING_KEYS)),
                zh=f"未知字段 {shown(key)}",
                expected_zh="以下之一：" + "、".join(sorted(SCORING_KEYS)),
            )
    cap = 1.0
    if raw.get("cap") is not None:
        try:
            points, _ = parse_target(raw["cap"])
        except ValueError as exc:
            points = None
            where.at("cap").problem(
                log,
                "not a percent",
                found=shown(raw["cap"]),
                expected=str(exc),
                zh="不是百分比",
                expected_zh=getattr(exc, "zh", None),
            )
        if points is not None:
            if points < 100:
                where.at("cap").problem(
                    log,
                    "a cap below 100% would stop every KR short of its target",
                    found=f"{points:g}",
                    expected="100% or more, e.g. 100% or 120%",
                    zh="封顶低于100%会让每个KR都达不到目标",
                    expected_zh="100%或以上，如100%或120%",
                )
            else:
                cap = points / 100
    floor = 0.0
    if raw.get("weight_floor") is not None:
        try:
            floor = parse_percent(raw["weight_floor"])
        except ValueError as exc:
            where.at("weight_floor").problem(
                log,
                "not a weight",
                found=shown(raw["weight_floor"]),
                expected=str(exc),
                zh="不是有效的权重",
                expected_zh=getattr(exc, "zh", None),
            )
        if floor > 20:
            where.at("weight_floor").problem(
                log,
                "a floor this high leaves no room to tune",
                found=f"{floor:g}",
                expected="0 to 20 points",
                zh="权重下限过高，没有调整余地",
                expected_zh="0到20分",
            )
            floor = 0.0
    penalty = deduction_cap = None
    block = where.at("deduction")
    if block.node is not None:
        if not isinstance(block.node, Mapping):
            block.problem(
                log,
                "not a mapping",
                found=shown(block.node),
                expected="penalty, cap",
                zh="应为映射（键: 值）",
                expected_zh="penalty、cap",
            )
        else:
            for key in block.node:
                if key not in {"penalty", "cap"}:
                    block.at(key).problem(
                        log,
                        f"unknown field {shown(key)}",
                        expected="penalty or cap",
                        zh=f"未知字段 {shown(key)}",
                        expected_zh="penalty 或 cap",
                    )
            penalty = _points(block.at("penalty"), log)
            deduction_cap = _points(block.at("cap"), log)
    return ScoringSettings(
        cap=cap, weight_floor=floor, penalty=penalty, deduction_cap=deduction_cap
    )


def _points(where: Where, log: ProblemLog) -> float | None:
    if where.node is None:
        return None
    value = parse_or_report(where, log, parse_number)
    if value is None:
        return None
    if value < 0:
        where.problem(
            log,
            "cannot be negative",
            found=f"{value:g}",
            expected="points, 0 or more",
            zh="不能为负数",
            expected_zh="分数，0或以上",
        )
        return None
    return value


def _parse_grades(raw, where: Where, log: ProblemLog) -> tuple[GradeBand, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        where.problem(
            log,
            "not a list of grade bands",
            found=shown(raw),
            expected="- {grade: A, min: 85, label: …}",
            zh="应为等级列表",
            expected_zh="- {grade: A, min: 85, label: …}",
        )
        return ()
    bands: list[GradeBand] = []
    for index, item in enumerate(raw):
        at = where.at(index)
        if not isinstance(item, Mapping):
            at.problem(
                log,
                "not a mapping",
                found=shown(item),
                expected="grade, min, label",
                zh="应为映射（键: 值）",
                expected_zh="grade、min、label",
            )
            continue
        for key in item:
            if key not in {"grade", "min", "label"}:
                at.at(key).problem(
                    log,
                    f"unknown field {shown(key)}",
                    expected="grade, min or label",
                    zh=f"未知字段 {shown(key)}",
                    expected_zh="grade、min 或 label",
                )
        grade = item.get("grade")
        if not isinstance(grade, str) or not grade.strip():
            written = grade is not None and not (isinstance(grade, str) and not grade.strip())
            at.at("grade").problem(
                log,
                "not a grade name" if written else "missing grade name",
                found=shown(grade) if written else None,
                expected="a short name such as A",
                zh="不是等级名称" if written else "缺少等级名称",
                expected_zh="简短名称，如 A",
            )
            continue
        minimum = _points(at.at("min"), log)
        if minimum is None:
            if item.get("min") is None:
                at.at("min").problem(
                    log,
                    "missing",
                    expected="the lowest total that reaches this grade",
                    zh="缺少",
                    expected_zh="达到该等级的最低总分",
                )
            continue
        if any(b.grade == grade for b in bands):
            at.at("grade").problem(
                log,
                f"duplicate grade {grade!r}",
                expected="each grade once",
                zh=f"等级 {grade!r} 重复",
                expected_zh="每个等级只出现一次",
            )
            continue
        if bands and minimum >= bands[-1].min:
            at.at("min").problem(
                log,
                "grade bands must go from the highest min down",
                found=f"{minimum:g} after {bands[-1].min:g}",
                expected=f"less than {bands[-1].min:g}",
                zh="等级须按 min 从高到低排列",
                expected_zh=f"小于 {bands[-1].min:g}",
            )
            continue
        label = item.get("label")
        before = len(log.problems)
        text = read_text(at.at("label"), log)  # a list or a date is refused, not printed as a label
        if isinstance(label, Mapping) and len(log.problems) == before and not (text.zh and text.en):
            at.at("label").problem(
                log,
                "a label needs both languages",
                expected="{zh: …, en: …}",
                zh="标签须同时有中英文",
                expected_zh="{zh: …, en: …}",
            )
        bands.append(GradeBand(grade, float(minimum), text))
    return tuple(bands)


def check_scoring(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS hook: record located problems in the ``scoring:`` block."""
    _parse_scoring(raw, where, log)


def check_grades(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS hook: record located problems in the ``grades:`` block."""
    _parse_grades(raw, where, log)


def scoring_settings(case: Case | None) -> ScoringSettings:
    """The case's scoring settings (defaults where the block is silent).

    >>> from okrkit import load_case
    >>> scoring_settings(load_case("cases/a-company")).cap
    1.0
    """
    if case is None:
        return ScoringSettings()
    raw = case.sections.get("scoring")
    return _parse_scoring(raw, Where(case.path or "case.yaml", "scoring", raw), ProblemLog())


def grade_bands(case: Case | None) -> tuple[GradeBand, ...]:
    """The case's grade bands, highest first (empty when the case sets none)."""
    if case is None:
        return ()
    raw = case.sections.get("grades")
    return _parse_grades(raw, Where(case.path or "case.yaml", "grades", raw), ProblemLog())


# -- the rules, as array functions


def completion(direction, target, baseline, actual, cap: float = 1.0) -> np.ndarray:
    """Completion by direction (see the module docstring); NaN where it cannot be scored.

    ``direction`` holds codes from ``DIRECTION_CODES``; the other arrays are
    floats with NaN for blanks. Scalars work too.

    >>> float(completion(DIRECTION_CODES["increase"], 95, 85, 93))  # 8 of 10 points
    0.8
    >>> float(completion(DIRECTION_CODES["at_least"], 1200, np.nan, 1500))  # capped
    1.0

    Notice that an actual below the baseline scores 0, not a negative number.
    """
    d = np.asarray(direction, dtype=np.int64)
    t = np.asarray(target, dtype=float)
    b = np.asarray(baseline, dtype=float)
    a = np.asarray(actual, dtype=float)
    # A zero span (target equal to its baseline) cannot measure progress: NaN,
    # reported as unscored. A huge ratio (a tiny target) is simply capped.
    with np.errstate(all="ignore"):
        base = np.where(np.isnan(b), 0.0, b)
        increase = np.where(t == base, np.nan, (a - base) / (t - base))
        at_most = np.where(a <= t, 1.0, np.where(t > 0, t / a, 0.0))
        decrease = np.where(np.isnan(b), at_most, np.where(b == t, np.nan, (b - a) / (b - t)))
        at_least = np.where(t > 0, a / t, np.nan)
        milestone = np.where(a >= 1, 1.0, 0.0)
        raw = np.select(
            [d == 0, d == 1, d == 2, d == 3, d == 4],
            [increase, decrease, at_most, at_least, milestone],
            default=np.nan,
        )
    raw = np.where(np.isnan(a) | ((d != 4) & np.isnan(t)), np.nan, raw)
    return np.clip(raw, 0.0, cap)


def deduction_points(incidents, penalty, cap) -> np.ndarray:
    """Points off: penalty x incidents, at most ``cap`` (NaN cap: no limit)."""
    n = np.asarray(incidents, dtype=float)
    p = np.asarray(penalty, dtype=float)
    c = np.asarray(cap, dtype=float)
    off = n * p
    return np.where(np.isnan(c), off, np.minimum(off, c))


def grade_index(totals, bands: Sequence[GradeBand]) -> np.ndarray:
    """Index into ``bands`` of each total's grade (-1 when there are no bands)."""
    totals = np.asarray(totals, dtype=float)
    if not bands:
        return np.full(totals.shape, -1)
    conditions = [totals >= band.min for band in bands]
    return np.select(conditions, list(range(len(bands))), default=len(bands) - 1)


def google_colour(score: float | None) -> str | None:
    """'red' below 0.4, 'yellow' below 0.7, else 'green' (None when unscored).

    >>> google_colour(0.7)
    'green'
    """
    if score is None or np.isnan(score):
        return None
    return "red" if score < GOOGLE_RED else "yellow" if score < GOOGLE_GREEN else "green"


def direction_of(kr: KeyResult) -> str:
    """The KR's direction, or its default: at_least with a target, else milestone."""
    if kr.direction:
        return kr.direction
    return "at_least" if kr.target is not None else "milestone"


def unscored_reason(kr: KeyResult, actual: float | None, settings: ScoringSettings) -> str | None:
    """Why ``kr`` cannot be scored with ``actual`` (a code), or None when it can."""
    if actual is None or np.isnan(actual):
        return NO_ACTUAL
    if kr.is_deduction:
        return NO_PENALTY if _penalty(kr, settings) is None else None
    direction = direction_of(kr)
    if direction == "milestone":
        return None if kr.weight is not None else NO_WEIGHT
    if kr.target is None:
        return NO_TARGET
    if direction == "at_least" and kr.target <= 0:
        return BAD_TARGET
    if direction in ("increase", "decrease") and (kr.baseline or 0.0) == kr.target:
        if direction == "increase" or kr.baseline is not None:
            return FLAT
    if kr.weight is None:
        return NO_WEIGHT
    return None


def _penalty(kr: KeyResult, settings: ScoringSettings) -> float | None:
    return kr.penalty if kr.penalty is not None else settings.penalty


def _deduction_cap(kr: KeyResult, settings: ScoringSettings) -> float | None:
    return kr.cap if kr.cap is not None else settings.deduction_cap


def _nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


# -- one team


@dataclass(frozen=True)
class KrScore:
    """One KR at review. ``completion`` 1.0 = 100%; None with a ``reason`` when unscored."""

    kr_id: str
    objective_id: str
    weight: float | None
    actual: float | None
    completion: float | None
    points: float | None
    google: float | None
    reason: str | None = None


@dataclass(frozen=True)
class DeductionScore:
    """One deduction item at review: incidents x penalty, at most cap."""

    kr_id: str
    objective_id: str
    incidents: float | None
    penalty: float | None
    cap: float | None
    points: float | None
    reason: str | None = None


@dataclass(frozen=True)
class ObjectiveScore:
    """An objective at review: planned and earned O分值, Google score."""

    objective_id: str
    planned: float | None
    earned: float
    google: float | None


@dataclass(frozen=True)
class TeamScore:
    """What a team earned: KR by KR, per objective, deductions, total and grade."""

    team_id: str
    krs: tuple[KrScore, ...]
    deductions: tuple[DeductionScore, ...]
    objectives: tuple[ObjectiveScore, ...]
    earned: float
    deducted: float
    total: float
    grade: GradeBand | None
    google: float | None
    unscored: tuple[tuple[str, str], ...]

    @property
    def provisional(self) -> bool:
        """True when some KR could not be scored: the total may still move."""
        return bool(self.unscored)

    @property
    def rated(self) -> bool:
        """False when not one KR or deduction could be scored (no actual at all).

        Such a team has no total and no grade: a 0 graded D would read as a
        verdict on a team whose results simply were not reported.
        """
        return any(s.points is not None for s in (*self.krs, *self.deductions))

    def kr(self, kr_id: str) -> KrScore | DeductionScore:
        """The score of one KR or deduction item by id."""
        for item in (*self.krs, *self.deductions):
            if item.kr_id == kr_id:
                return item
        raise KeyError(f"team {self.team_id!r} has no scored key result {kr_id!r}")


def score_team(
    team: Team,
    actuals: Mapping[str, float | None],
    settings: ScoringSettings | None = None,
    bands: Sequence[GradeBand] = (),
) -> TeamScore:
    """Score one team's KRs against ``actuals`` (KR id -> number; milestones 1/0).

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> finance = case.team("finance")
    >>> actuals = {"KR1.1": 6, "KR1.2": 4, "KR1.3": 1, "KR2.1": 70, "KR2.2": 0}
    >>> score = score_team(finance, actuals, scoring_settings(case), grade_bands(case))
    >>> round(score.total, 2), score.grade.grade
    (70.83, 'B')

    Notice: KR2.1 went from 90 to 70 days of 90 to 60, two thirds of the way.
    """
    settings = settings or ScoringSettings()
    pairs = list(team.key_results())
    scored = [(o, kr) for o, kr in pairs if not kr.is_deduction]
    values = [_actual(actuals, kr.id) for _, kr in scored]
    done = completion(
        [DIRECTION_CODES[direction_of(kr)] for _, kr in scored],
        [_nan(kr.target) for _, kr in scored],
        [_nan(kr.baseline) for _, kr in scored],
        [_nan(v) for v in values],
        settings.cap,
    )
    google = np.clip(done, 0.0, 1.0)
    krs, unscored = [], []
    for (objective, kr), value, c, g in zip(scored, values, done, google, strict=True):
        reason = unscored_reason(kr, value, settings)
        ok = reason is None and not np.isnan(c)
        if reason is None and not ok:
            reason = NO_TARGET  # the array rule refused it for a reason the checks missed
        if reason:
            unscored.append((kr.id, reason))
        krs.append(
            KrScore(
                kr.id,
                objective.id,
                kr.weight,
                value,
                float(c) if ok else None,
                float(kr.weight * c) if ok else None,
                float(g) if ok else None,
                reason,
            )
        )
    deductions = []
    for objective, kr in pairs:
        if not kr.is_deduction:
            continue
        value = _actual(actuals, kr.id)
        reason = unscored_reason(kr, value, settings)
        penalty, cap = _penalty(kr, settings), _deduction_cap(kr, settings)
        points = None
        if reason is None:
            points = float(deduction_points(value, penalty, _nan(cap)))
        else:
            unscored.append((kr.id, reason))
        deductions.append(DeductionScore(kr.id, objective.id, value, penalty, cap, points, reason))
    objectives = []
    for objective in team.objectives:
        mine = [s for s in krs if s.objective_id == objective.id and s.points is not None]
        objectives.append(
            ObjectiveScore(
                objective.id,
                objective.planned_points(),
                float(sum(s.points for s in mine)),
                _google_mean(mine),
            )
        )
    earned = float(sum(s.points for s in krs if s.points is not None))
    deducted = float(sum(d.points for d in deductions if d.points is not None))
    total = earned - deducted
    rated = any(s.points is not None for s in krs) or any(d.points is not None for d in deductions)
    index = int(grade_index(total, bands)) if rated else -1  # no actual at all: no grade
    return TeamScore(
        team.id,
        tuple(krs),
        tuple(deductions),
        tuple(objectives),
        earned,
        deducted,
        total,
        bands[index] if index >= 0 else None,
        _google_mean([s for s in krs if s.points is not None]),
        tuple(unscored),
    )


def _actual(actuals: Mapping[str, float | None], kr_id: str) -> float | None:
    value = actuals.get(kr_id)
    return None if value is None or np.isnan(value) else float(value)


def _google_mean(scores: Sequence[KrScore]) -> float | None:
    weights = np.array([s.weight for s in scores], dtype=float)
    values = np.array([s.google for s in scores], dtype=float)
    if not len(scores) or weights.sum() <= 0:
        return None
    return float((weights * values).sum() / weights.sum())


def score_case(case: Case, actuals) -> dict[str, TeamScore]:
    """Every team's score for one period of actuals (an :class:`okrkit.actuals.Actuals`)."""
    settings, bands = scoring_settings(case), grade_bands(case)
    return {
        team.id: score_team(team, actuals.for_team(team.id), settings, bands)
        for team in case.teams.values()
    }


# -- many teams at once


FRAME_COLUMNS = ("team", "objective", "kr", "deduction", "direction", "weight", "target",
                 "baseline", "actual", "penalty", "cap")  # fmt: skip


def case_frame(case: Case, actuals) -> pd.DataFrame:
    """One row per KR of every team, in the columns :func:`score_frame` reads."""
    import pandas as pd

    settings = scoring_settings(case)
    rows = []
    for team in case.teams.values():
        values = actuals.for_team(team.id)
        for objective, kr in team.key_results():
            rows.append(
                (team.id, objective.id, kr.id, kr.is_deduction, DIRECTION_CODES[direction_of(kr)],
                 _nan(kr.weight), _nan(kr.target), _nan(kr.baseline), _nan(values.get(kr.id)),
                 _nan(_penalty(kr, settings)), _nan(_deduction_cap(kr, settings)))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def score_frame(
    frame: pd.DataFrame, settings: ScoringSettings | None = None, bands: Sequence[GradeBand] = ()
) -> pd.DataFrame:
    """Score many teams at once: one row per team with earned, deducted, total, grade.

    ``frame`` has the columns of :data:`FRAME_COLUMNS` (``direction`` as codes,
    NaN for blanks). The same array rules as :func:`score_team` apply, so the
    two agree team by team (a test holds that).
    """
    import pandas as pd

    settings = settings or ScoringSettings()
    deduction = frame["deduction"].to_numpy(dtype=bool)
    done = completion(
        frame["direction"].to_numpy(),
        frame["target"].to_numpy(dtype=float),
        frame["baseline"].to_numpy(dtype=float),
        frame["actual"].to_numpy(dtype=float),
        settings.cap,
    )
    weight = frame["weight"].to_numpy(dtype=float)
    points = np.where(deduction, np.nan, weight * done)
    off = np.where(
        deduction,
        deduction_points(frame["actual"].to_numpy(dtype=float), frame["penalty"].to_numpy(dtype=float),
                         frame["cap"].to_numpy(dtype=float)),
        np.nan,
    )  # fmt: skip
    unscored = np.isnan(np.where(deduction, off, points))
    parts = pd.DataFrame(
        {"team": frame["team"].to_numpy(), "earned": points, "deducted": off, "unscored": unscored}
    )
    result = parts.groupby("team", sort=False).agg(
        earned=("earned", "sum"), deducted=("deducted", "sum"), unscored=("unscored", "sum")
    )
    result["total"] = result["earned"] - result["deducted"]
    rows = parts.groupby("team", sort=False).size().to_numpy()
    rated = result["unscored"].to_numpy() < rows  # at least one KR scored (TeamScore.rated)
    index = np.where(rated, grade_index(result["total"].to_numpy(), bands), -1)
    grades = np.array([b.grade for b in bands] + [None], dtype=object)
    # object, not pandas' str dtype: an unrated team's grade stays None (as in TeamScore)
    result["grade"] = pd.Series(grades[index], index=result.index, dtype=object)
    return result

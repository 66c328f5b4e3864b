"""Do a team's weights add up, and how to make them: check, normalise, rebalance.

Weights are percent points over the whole table (the deck's sales department:
15+15+20 / 5+20+5 / 5+5+10 = 100). Deduction items (减分项) carry no weight
and are left out of everything here. The tuner works in whole points, as the
deck does, so normalising and rebalancing return integers that add to exactly
100, apportioned by the largest-remainder method. Locked KRs keep their weight.

Every transform returns a new :class:`~okrkit.model.Team` built with
:func:`dataclasses.replace`; the input is never changed. Coaching hints about
weights (a result KR so heavy the table is a KPI again, a KR so light it is
noise) are data computed by :func:`weight_hints`, shown by the tuner widget.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from okrkit.errors import OkrkitError
from okrkit.i18n import t
from okrkit.model import Team

TOTAL = 100
_EPS = 1e-9


class WeightError(OkrkitError):
    """Weights cannot be normalised or rebalanced as asked (e.g. locks exceed 100)."""


@dataclass(frozen=True)
class WeightCheck:
    """What is wrong with a team's weights, as data (nothing is raised).

    ``blanks`` and ``negatives`` list KR ids; ``gap`` is ``total - 100``.
    """

    total: float
    blanks: tuple[str, ...]
    negatives: tuple[str, ...]
    scored: int

    @property
    def gap(self) -> float:
        return self.total - TOTAL

    @property
    def ok(self) -> bool:
        return not self.blanks and not self.negatives and abs(self.gap) < 1e-6


def scored_ids(team: Team) -> list[str]:
    """Ids of the KRs that carry weight (every KR but deduction items), in table order."""
    return [kr.id for _, kr in team.key_results() if not kr.is_deduction]


def weights_of(team: Team) -> dict[str, float | None]:
    """Each weighted KR's weight by id; a blank stays None.

    >>> from okrkit import load_case
    >>> weights_of(load_case("cases/a-company").team("sales"))["KR1.3"]
    20.0
    """
    return {kr.id: kr.weight for _, kr in team.key_results() if not kr.is_deduction}


def check_weights(team: Team) -> WeightCheck:
    """Sum the weights and list blanks and negatives.

    >>> from okrkit import load_case
    >>> check_weights(load_case("cases/a-company").team("sales")).ok
    True

    Notice that a blank is reported as a blank, never read as 0.
    """
    weights = weights_of(team)
    return WeightCheck(
        total=float(sum(w for w in weights.values() if w is not None)),
        blanks=tuple(k for k, w in weights.items() if w is None),
        negatives=tuple(k for k, w in weights.items() if w is not None and w < 0),
        scored=len(weights),
    )


def objective_points(team: Team) -> dict[str, float | None]:
    """Planned O分值 per objective id: the sum of its KR weights (None when all blank).

    >>> from okrkit import load_case
    >>> objective_points(load_case("cases/a-company").team("sales"))
    {'O1': 50.0, 'O2': 30.0, 'O3': 20.0}
    """
    return {objective.id: objective.planned_points() for objective in team.objectives}


def with_weights(team: Team, weights: Mapping[str, float | None]) -> Team:
    """A new team whose KRs named in ``weights`` carry the given weights.

    >>> from okrkit import load_case
    >>> sales = load_case("cases/a-company").team("sales")
    >>> with_weights(sales, {"KR1.1": 25}).total_weight()
    110.0
    """
    unknown = set(weights) - set(scored_ids(team))
    if unknown:
        raise WeightError(
            f"team {team.id!r} has no weighted key result {sorted(unknown)[0]!r}; "
            f"expected one of {', '.join(scored_ids(team))}",
            zh=f"团队 {team.id!r} 没有带权重的关键结果 {sorted(unknown)[0]!r}；"
            f"应为以下之一：{'、'.join(scored_ids(team))}",
        )
    objectives = []
    for objective in team.objectives:
        krs = tuple(
            replace(kr, weight=None if weights[kr.id] is None else float(weights[kr.id]))
            if kr.id in weights
            else kr
            for kr in objective.key_results
        )
        objectives.append(replace(objective, key_results=krs))
    return replace(team, objectives=tuple(objectives))


# -- apportioning whole points


def largest_remainder(shares: Mapping[str, float], amount: int) -> dict[str, int]:
    """Split ``amount`` whole points in proportion to ``shares``; the parts add to ``amount``.

    Each part gets the floor of its exact share; the points left go one by one
    to the largest fractional remainders (ties: table order).

    >>> largest_remainder({"a": 1, "b": 1, "c": 1}, 100)
    {'a': 34, 'b': 33, 'c': 33}

    Notice that all-zero shares split evenly.
    """
    if amount < 0 or amount != int(amount):
        raise WeightError(
            f"cannot split {amount!r} points; expected a whole number of 0 or more",
            zh=f"无法分配 {amount!r} 分；应为0或以上的整数",
        )
    keys = list(shares)
    if not keys:
        if amount:
            raise WeightError(
                f"no key result left to take {amount} points",
                zh=f"没有剩余的关键结果可以承接 {amount} 分",
            )
        return {}
    total = float(sum(max(shares[k], 0.0) for k in keys))
    if total <= _EPS:
        exact = {k: amount / len(keys) for k in keys}
    else:
        exact = {k: amount * max(shares[k], 0.0) / total for k in keys}
    parts = {k: math.floor(exact[k] + _EPS) for k in keys}
    left = int(amount) - sum(parts.values())
    order = sorted(keys, key=lambda k: (-(exact[k] - parts[k]), keys.index(k)))
    for key in order[:left]:
        parts[key] += 1
    return parts


def _apportion(shares: Mapping[str, float], amount: int, floor: int) -> dict[str, int]:
    """Whole points in proportion to ``shares``, none below ``floor`` (water-filling)."""
    keys = list(shares)
    if len(keys) * floor > amount:
        raise WeightError(
            f"{len(keys)} key results at a floor of {floor} need {len(keys) * floor} points; "
            f"only {amount} are free",
            zh=f"{len(keys)} 个关键结果按下限 {floor} 分需要 {len(keys) * floor} 分；"
            f"可分配的只有 {amount} 分",
        )
    pinned: dict[str, int] = {}
    active = dict(shares)
    left = amount
    while True:
        parts = largest_remainder(active, left) if active else {}
        # A part under the floor is pinned at the floor; the rest share what remains.
        low = [k for k, v in parts.items() if v < floor]
        if not low:
            break
        for key in low:
            pinned[key] = floor
            del active[key]
        left = amount - floor * len(pinned)
    result = {**parts, **pinned}
    return {k: result[k] for k in keys}


_WHAT_ZH = {"locked": "锁定的"}


def _whole(value: float, kr_id: str, what: str) -> int:
    if abs(value - round(value)) > 1e-6:
        raise WeightError(
            f"{kr_id}: a {what} weight of {value:g} is not a whole point; "
            "expected whole points (unlock it or round it first)",
            zh=f"{kr_id}：{_WHAT_ZH.get(what, what)}权重 {value:g} 不是整数分；"
            "应为整数分（先解锁或取整）",
        )
    return round(value)


def normalize_weights(
    team: Team, locked: Iterable[str] = (), *, floor: float = 0, total: int = TOTAL
) -> Team:
    """Whole-point weights that add to exactly ``total``, locked KRs untouched.

    Unlocked KRs are scaled in proportion to their weights; a blank takes the
    average of the unlocked weights that are set (an even split when none is
    set), so a blank is filled rather than zeroed.

    >>> from okrkit import load_case
    >>> deck_gm = load_case("cases/a-company-deck").team("gm")
    >>> sorted(weights_of(normalize_weights(deck_gm)).values())
    [11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 12.0]

    Notice that the deck's blank GM table becomes an even split.
    """
    locked = set(locked)
    weights = weights_of(team)
    _check_locked(team, locked, weights)
    locked_sum = sum(_whole(weights[k] or 0.0, k, "locked") for k in weights if k in locked)
    free = [k for k in weights if k not in locked]
    amount = total - locked_sum
    if amount < 0:
        raise WeightError(
            f"locked weights add to {locked_sum}; expected at most {total}",
            zh=f"锁定的权重合计 {locked_sum}；应不超过 {total}",
        )
    if not free:
        if amount:
            raise WeightError(
                f"every key result is locked and they add to {locked_sum}; "
                f"expected {total} (unlock one)",
                zh=f"所有关键结果都已锁定，合计 {locked_sum}；应为 {total}（请解锁一个）",
            )
        return team
    set_values = [weights[k] for k in free if weights[k] is not None and weights[k] > 0]
    fill = sum(set_values) / len(set_values) if set_values else 1.0
    shares = {k: fill if weights[k] is None else max(weights[k], 0.0) for k in free}
    parts = _apportion(shares, amount, math.ceil(floor - 1e-9))
    return with_weights(team, parts)


def rebalance_weights(
    team: Team,
    kr_id: str,
    weight: float,
    locked: Iterable[str] = (),
    *,
    floor: float = 0,
    total: int = TOTAL,
) -> Team:
    """Set one KR's weight; the unlocked others absorb the difference in proportion.

    The result is whole points adding to exactly ``total``; no weight goes
    below ``floor`` (or 0). A weight asked beyond what the locks and floors
    leave is lowered to the most that fits (:func:`max_weight` tells how much).

    >>> from okrkit import load_case
    >>> sales = load_case("cases/a-company").team("sales")
    >>> new = rebalance_weights(sales, "KR1.3", 30, locked={"KR2.2"})
    >>> new.key_result("KR1.3").weight, new.key_result("KR2.2").weight, new.total_weight()
    (30.0, 20.0, 100.0)

    Notice that the sales team object passed in still weighs KR1.3 at 20.
    """
    locked = set(locked) - {kr_id}
    weights = weights_of(team)
    if kr_id not in weights:
        raise WeightError(
            f"team {team.id!r} has no weighted key result {kr_id!r}; "
            f"expected one of {', '.join(weights)}",
            zh=f"团队 {team.id!r} 没有带权重的关键结果 {kr_id!r}；应为以下之一：{'、'.join(weights)}",
        )
    _check_locked(team, locked, weights)
    floor_points = max(math.ceil(floor - 1e-9), 0)
    wanted = max(round(float(weight)), floor_points)
    wanted = min(wanted, max_weight(team, kr_id, locked, floor=floor, total=total))
    others = [k for k in weights if k != kr_id and k not in locked]
    locked_sum = sum(_whole(weights[k] or 0.0, k, "locked") for k in weights if k in locked)
    amount = total - locked_sum - wanted
    if not others:
        wanted += amount  # nothing else can move: this KR takes what the locks leave
        return with_weights(team, {kr_id: wanted})
    shares = {k: max(weights[k] or 0.0, 0.0) for k in others}
    parts = _apportion(shares, amount, floor_points)
    return with_weights(team, {**parts, kr_id: wanted})


def max_weight(
    team: Team, kr_id: str, locked: Iterable[str] = (), *, floor: float = 0, total: int = TOTAL
) -> int:
    """The most ``kr_id`` can weigh when the locks stay and the others keep their floor."""
    locked = set(locked) - {kr_id}
    weights = weights_of(team)
    locked_sum = sum(_whole(weights[k] or 0.0, k, "locked") for k in weights if k in locked)
    others = [k for k in weights if k != kr_id and k not in locked]
    floor_points = max(math.ceil(floor - 1e-9), 0)
    most = total - locked_sum - len(others) * floor_points
    if most < floor_points:
        raise WeightError(
            f"locked weights ({locked_sum}) and floors leave no room for {kr_id}; "
            "expected locks and floors to add to at most 100",
            zh=f"锁定的权重（{locked_sum}）加上下限后，{kr_id} 已没有空间；"
            "锁定权重与下限合计应不超过100",
        )
    return most


def _check_locked(team: Team, locked: set[str], weights: Mapping) -> None:
    unknown = locked - set(weights)
    if unknown:
        raise WeightError(
            f"team {team.id!r}: cannot lock {sorted(unknown)[0]!r}; "
            f"expected one of {', '.join(weights)}",
            zh=f"团队 {team.id!r}：无法锁定 {sorted(unknown)[0]!r}；应为以下之一：{'、'.join(weights)}",
        )
    blank = [k for k in locked if weights[k] is None]
    if blank:
        raise WeightError(
            f"{sorted(blank)[0]}: a blank weight cannot be locked; set it first",
            zh=f"{sorted(blank)[0]}：空白权重不能锁定，请先填写",
        )


# -- coaching hints


RESULT_HEAVY = 40  # one result KR above this and the table is a KPI again
NOISE = 5  # below this a KR changes nothing anyone does


@dataclass(frozen=True)
class Hint:
    """One coaching remark about the weights: a stable code, a level, the KR it is about."""

    code: str
    level: str  # "error" | "warn" | "info"
    message: str
    kr_id: str | None = None


def weight_hints(team: Team, lang: str = "zh") -> list[Hint]:
    """Coaching remarks on a team's weights, most serious first.

    >>> from okrkit import load_case
    >>> sales = load_case("cases/a-company").team("sales")
    >>> [h.code for h in weight_hints(with_weights(sales, {"KR1.3": 45, "KR3.2": 3}))]
    ['W101', 'W201', 'W202']

    Notice the codes: W1xx are errors, W2xx advice.
    """
    hints: list[Hint] = []
    check = check_weights(team)
    if check.blanks:
        hints.append(
            Hint("W102", "error", t("hint.blank", lang, krs=", ".join(check.blanks)), None)
        )
    if check.negatives:
        hints.append(
            Hint("W103", "error", t("hint.negative", lang, krs=", ".join(check.negatives)), None)
        )
    if check.scored and abs(check.gap) > 1e-6:
        hints.insert(
            0,
            Hint("W101", "error", t("hint.total", lang, total=f"{check.total:g}", gap=_gap(check))),
        )
    for _, kr in team.key_results():
        if kr.is_deduction or kr.weight is None:
            continue
        if kr.kind == "result" and kr.weight > RESULT_HEAVY:
            hints.append(
                Hint(
                    "W201",
                    "warn",
                    t("hint.result_heavy", lang, kr=kr.id, w=f"{kr.weight:g}", limit=RESULT_HEAVY),
                    kr.id,
                )
            )
        if 0 <= kr.weight < NOISE:
            hints.append(
                Hint(
                    "W202",
                    "warn",
                    t("hint.noise", lang, kr=kr.id, w=f"{kr.weight:g}", limit=NOISE),
                    kr.id,
                )
            )
    process = sum(
        kr.weight or 0 for _, kr in team.key_results() if kr.kind == "process" and kr.weight
    )
    if check.scored and check.total > 0 and process == 0:
        hints.append(Hint("W203", "info", t("hint.no_process", lang)))
    return hints


def _gap(check: WeightCheck) -> str:
    return f"{check.gap:+g}"


def total_status(team: Team, lang: str = "zh") -> tuple[str, str]:
    """The total line the tuner shows and its level: ('合计 100', 'ok') or an error by how much.

    >>> from okrkit import load_case
    >>> sales = load_case("cases/a-company").team("sales")
    >>> total_status(with_weights(sales, {"KR1.1": 20}), "en")
    ('Total 105 (5 over 100)', 'error')
    """
    check = check_weights(team)
    if abs(check.gap) < 1e-6:
        return t("tuner.total_ok", lang, total=f"{check.total:g}"), "ok"
    key = "tuner.total_over" if check.gap > 0 else "tuner.total_under"
    return t(key, lang, total=f"{check.total:g}", by=f"{abs(check.gap):g}"), "error"
